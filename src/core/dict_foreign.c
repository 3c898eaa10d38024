/*
 * dict_foreign.c -- readers of the field's dictionary formats (TABARI,
 * PETRARCH-1, PETRARCH-2; ../shared/formats/ describes them) into our
 * in-memory dictionary. Issue 4 fills this in; until then a request for
 * them is reported and refused, never silently ignored.
 */
#include "dict.h"

int tr_dict_load_foreign(struct tr_dict *d, const struct truce_dict_source *src,
                         size_t n, int first)
{
    (void)first;
    for (size_t i = 0; i < n; i++) {
        if (src[i].format == TRUCE_DICT_OURS) {
            int rc = tr_dict_load_file(d, src[i].path);
            if (rc)
                return rc;
            continue;
        }
        if (d->diag) {
            struct truce_diag dg = {TRUCE_ERROR, src[i].path, 0, 0,
                                    "TABARI/PETRARCH dictionaries are not "
                                    "supported yet"};
            d->diag(d->diag_ud, &dg);
        }
        d->n_errors++;
        return TRUCE_EUSAGE;
    }
    return TRUCE_OK;
}
