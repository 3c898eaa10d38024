/*
 * cameo.c -- lookups in the CAMEO table (cameo_table.h, generated from the
 * codebook). The table is sorted by code, so a lookup is a binary search.
 */
#include <string.h>

#include "cameo.h"

static const struct tr_cameo_row ROWS[] = {
#define TR_CAMEO_ROW(code, root, quad, gold, desc) {code, root, quad, gold, desc},
#include "cameo_table.h"
#undef TR_CAMEO_ROW
};

static int cmp_code(const char *a, size_t n, const char *b)
{
    int c = strncmp(a, b, n);
    if (c)
        return c;
    return b[n] ? -1 : 0;
}

const struct tr_cameo_row *tr_cameo_find(const char *code, size_t n)
{
    size_t lo = 0, hi = TR_ARRAY_LEN(ROWS);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_code(code, n, ROWS[mid].code);
        if (c == 0)
            return &ROWS[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct tr_cameo_row *tr_cameo_rows(size_t *n)
{
    *n = TR_ARRAY_LEN(ROWS);
    return ROWS;
}

int truce_cameo_lookup(const char *code, struct truce_cameo_info *out)
{
    const struct tr_cameo_row *r = tr_cameo_find(code, strlen(code));
    if (!r)
        return TRUCE_ENOTFOUND;
    out->code = r->code;
    out->description = r->description;
    out->root = r->root;
    out->quad = r->quad;
    out->goldstein = r->goldstein;
    return TRUCE_OK;
}
