/*
 * test_examples.c -- every example sentence in the shipped verb
 * dictionaries ("> SENTENCE => CODE [SOURCE [TARGET]]") is coded, and an
 * event with that code (and those actors, when given) must come out. The
 * share that passes is printed; examples listed in
 * tests/unit/examples-known-gaps.txt may fail (the list may only shrink:
 * a listed example that now passes fails the test, so the list stays
 * honest).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder_int.h"

struct want {
    const struct tr_example *ex;
    int found;     /* an event with code, source and target as wanted */
    char got[256]; /* what came out, for the report */
};

static void on_event(void *ud, const struct truce_event *ev)
{
    struct want *w = ud;
    const struct tr_example *ex = w->ex;
    size_t used = strlen(w->got);
    snprintf(w->got + used, sizeof w->got - used, " %s %s>%s", ev->code,
             ev->source.code, ev->has_target ? ev->target.code : "-");
    if (strcmp(ev->code, ex->code) != 0)
        return;
    if (ex->source[0] && strcmp(ev->source.code, ex->source) != 0)
        return;
    if (ex->target[0] &&
        (!ev->has_target || strcmp(ev->target.code, ex->target) != 0))
        return;
    w->found = 1;
}

/* Known gaps: one "file:line" per line. */
static char *known;

static int is_known(const char *key)
{
    if (!known)
        return 0;
    size_t n = strlen(key);
    for (const char *p = known; (p = strstr(p, key)) != NULL; p += n)
        if ((p == known || p[-1] == '\n') && (p[n] == '\n' || p[n] == 0))
            return 1;
    return 0;
}

static void load_known(void)
{
    const char *src = getenv("TRUCE_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/unit/examples-known-gaps.txt",
             src ? src : ".");
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    known = calloc(1, 1 << 20);
    if (known)
        fread(known, 1, (1 << 20) - 1, f);
    fclose(f);
}

static const char *short_name(const char *path)
{
    const char *p = strstr(path, "/verbs/");
    if (!p)
        p = strstr(path, "/actors/");
    return p ? p + 1 : path;
}

static void every_example(void **state)
{
    (void)state;
    struct truce_coder_options opt = {0};
    opt.dict_dir = getenv("TRUCE_DICT_DIR");
    struct truce_coder *c;
    truce_coder_new(&c, &opt);
    assert_non_null(c);
    load_known();
    uint32_t n = c->dict.n_examples, pass = 0, unexpected = 0, fixed = 0;
    assert_true(n > 0);
    for (uint32_t i = 0; i < n; i++) {
        const struct tr_example *ex = &c->dict.examples[i];
        struct want w = {ex, 0, ""};
        struct truce_article a = {"example",
                                  ex->date[0] ? ex->date : "2020-06-01", NULL,
                                  ex->text, strlen(ex->text)};
        truce_coder_code(c, &a, on_event, &w);
        char key[512];
        snprintf(key, sizeof key, "%s:%u", short_name(c->dict.files[ex->file]),
                 ex->line);
        int gap = is_known(key);
        pass += (uint32_t)w.found;
        if (!w.found && !gap) {
            unexpected++;
            printf("FAIL %s: %s => %s %s %s; got%s\n", key, ex->text,
                   ex->code, ex->source, ex->target,
                   w.got[0] ? w.got : " nothing");
        }
        if (w.found && gap) {
            fixed++;
            printf("FIXED %s: remove it from examples-known-gaps.txt\n", key);
        }
    }
    printf("examples: %u of %u code as written (%.1f%%)\n", pass, n,
           100.0 * pass / n);
    /* issue 6: every actor entry has an example of its own */
    uint32_t bare = 0;
    for (uint32_t a = 1; a <= c->dict.n_actors; a++)
        if (!c->dict.actors[a].n_examples) {
            printf("NO EXAMPLE %s:%u\n",
                   short_name(c->dict.files[c->dict.actors[a].file]),
                   c->dict.actors[a].line);
            bare++;
        }
    truce_coder_free(c);
    free(known);
    assert_int_equal(unexpected, 0);
    assert_int_equal(fixed, 0);
    assert_int_equal(bare, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(every_example)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
