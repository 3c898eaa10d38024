/*
 * fuzz_coder.c -- the whole coding pipeline on arbitrary article text, with
 * the shipped dictionaries ($TRUCE_DICT_DIR). Events must point inside the
 * text and carry codes from the CAMEO table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "truce/truce.h"

static struct truce_coder *coder;

static void check_event(void *ud, const struct truce_event *ev)
{
    size_t len = *(const size_t *)ud;
    struct truce_cameo_info info;
    if (truce_cameo_lookup(ev->code, &info) != TRUCE_OK)
        abort();
    if (ev->sent_off > len || ev->sent_len > len - ev->sent_off)
        abort();
    if (ev->sent == 0)
        abort();
    /* no source only for violence reported without its author, and then
     * with a victim (event.c's agentless()) */
    if (!ev->source.code[0] &&
        (info.root < 18 || !ev->has_target || !ev->target.code[0]))
        abort();
    (void)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!coder) {
        struct truce_coder_options opt = {0};
        opt.dict_dir = getenv("TRUCE_DICT_DIR");
        truce_coder_new(&coder, &opt);
        if (!coder)
            abort();
    }
    struct truce_article a = {"fuzz", "2020-02-22", NULL, (const char *)data,
                              size};
    /* Offsets are into the repaired text, which is at most 3x longer. */
    size_t len = size * 3 + 16;
    truce_coder_code(coder, &a, check_event, &len);
    return 0;
}
