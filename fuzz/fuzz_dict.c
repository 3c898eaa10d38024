/*
 * fuzz_dict.c -- the reader of our dictionary format. The first byte picks
 * the kind (actors, agents, verbs); the rest is the file. Any input must
 * load or be reported, never crash, and leave a dictionary that can be
 * finished and queried.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.actors", "fuzz.agents",
                                        "fuzz.verbs"};
    if (size < 1)
        return 0;
    struct tr_vocab v;
    struct tr_dict d;
    tr_vocab_init(&v);
    tr_dict_init(&d, &v, NULL, NULL);
    int rc = tr_dict_load_buffer(&d, names[data[0] % 3],
                                 (const char *)data + 1, size - 1);
    if (rc == TRUCE_OK || rc == TRUCE_EDICT) {
        if (tr_dict_finish(&d) != TRUCE_OK)
            abort();
        struct truce_dict_stats st;
        tr_dict_lint(&d, &st);
        for (uint32_t a = 1; a <= d.n_actors; a++)
            if (!tr_dict_actor_code(&d, a, 0)[0])
                abort();
        for (uint32_t w = 0; w <= v.n_words; w++) {
            uint32_t n;
            const uint32_t *ids = tr_dict_verb_patterns(&d, w, &n);
            for (uint32_t i = 0; i < n; i++)
                if (ids[i] >= d.n_patterns || d.patterns[ids[i]].verb != w)
                    abort();
        }
    }
    tr_dict_release(&d);
    tr_vocab_release(&v);
    return 0;
}
