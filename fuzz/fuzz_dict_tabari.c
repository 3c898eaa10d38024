/*
 * fuzz_dict_tabari.c -- the readers of TABARI and PETRARCH dictionaries.
 * The first byte picks the kind (verbs, actors, agents, discards) and the
 * format (TABARI or PETRARCH); the rest is the file. Any input must load
 * or be reported, never crash, and leave a dictionary that can be finished.
 */
#include <stdint.h>
#include <stdlib.h>

#include "dict_foreign_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum truce_dict_kind kind = (enum truce_dict_kind)(data[0] % 4);
    enum truce_dict_format fmt =
        (data[0] >> 2) & 1 ? TRUCE_DICT_PETRARCH : TRUCE_DICT_TABARI;
    struct tr_vocab v;
    struct tr_dict d;
    tr_vocab_init(&v);
    tr_dict_init(&d, &v, NULL, NULL);
    int rc = tr_dict_load_foreign_buffer(&d, NULL, "fuzz", fmt, kind,
                                         (const char *)data + 1, size - 1,
                                         NULL);
    if (rc == TRUCE_OK || rc == TRUCE_EDICT) {
        if (tr_dict_finish(&d) != TRUCE_OK)
            abort();
        for (uint32_t a = 1; a <= d.n_actors; a++)
            if (!tr_dict_actor_code(&d, a, 0)[0])
                abort();
    }
    tr_dict_release(&d);
    tr_vocab_release(&v);
    return 0;
}
