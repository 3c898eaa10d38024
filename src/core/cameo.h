/*
 * cameo.h -- the CAMEO event code table: root, quad class and Goldstein
 * score of every code, from one generated table (cameo_table.h).
 */
#ifndef TR_CAMEO_H
#define TR_CAMEO_H

#include "internal.h"

struct tr_cameo_row {
    const char *code;        /* "194" */
    int root;                /* 19 */
    int quad;                /* 1..4 */
    double goldstein;        /* -10..10 */
    const char *description; /* from the codebook */
};

/* The row of 'code' (length 'n'), or NULL. */
const struct tr_cameo_row *tr_cameo_find(const char *code, size_t n);
/* All rows, sorted by code. */
const struct tr_cameo_row *tr_cameo_rows(size_t *n);

#endif
