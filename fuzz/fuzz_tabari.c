/*
 * fuzz_tabari.c -- the TABARI engine: its readers of .actors, .agents,
 * .verbs and .options text and its parse of sentences. The input is split
 * at lines "%%": actors, agents, verbs, options, then sentences (one per
 * line). Whatever the bytes, loading reports or accepts every line and
 * coding returns; ASan and UBSan watch the rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tabari.h"

static void on_event(void *ud, const struct tr_tabari_event *ev)
{
    size_t *n = ud;
    *n += strlen(ev->source) + strlen(ev->target) + strlen(ev->code);
}

/* The next part of [*p, end) up to a line "%%". */
static const char *part(const char **p, const char *end, size_t *n)
{
    const char *s = *p, *q = s;
    while (q < end) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        const char *le = nl ? nl : end;
        if (le - q == 2 && q[0] == '%' && q[1] == '%') {
            *n = (size_t)(q - s);
            *p = nl ? nl + 1 : end;
            return s;
        }
        q = nl ? nl + 1 : end;
    }
    *n = (size_t)(end - s);
    *p = end;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    struct tr_tabari *t;
    if (tr_tabari_new(&t, NULL, NULL))
        return 0;
    static const enum tr_tabari_file KINDS[] = {TR_TB_ACTORS, TR_TB_AGENTS,
                                                TR_TB_VERBS, TR_TB_OPTIONS};
    for (size_t k = 0; k < 4; k++) {
        size_t n;
        const char *s = part(&p, end, &n);
        int rc = tr_tabari_load_buffer(t, KINDS[k], "fuzz", s, n);
        if (rc != TRUCE_OK && rc != TRUCE_EDICT && rc != TRUCE_ENOMEM)
            abort();
    }
    tr_tabari_option(t, "SET: MINIMUM WORDS = 1");
    size_t sum = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        (void)tr_tabari_code(t, p, (size_t)(le - p),
                             (le - p) % 2 ? "1995-01-01" : NULL, on_event,
                             &sum);
        p = nl ? nl + 1 : end;
    }
    tr_tabari_free(t);
    return 0;
}
