/*
 * report.h -- a self-contained HTML report of the store: charts are inline
 * SVG written here, there is no script and nothing is fetched, so the page
 * opens without a network.
 */
#ifndef TR_REPORT_H
#define TR_REPORT_H

#include <stdio.h>

#include "monitor.h"

struct tr_report_options {
    const struct tr_ceasefire *cf; /* NULL: no per-side charts */
    int64_t from_day, to_day;      /* TR_DAY_NONE: all */
    long max_rows;                 /* rows of the event table */
};

/* Write the report to 'out'. Returns TRUCE_OK, TRUCE_ESTORE, TRUCE_ENOMEM,
 * TRUCE_EIO. */
int tr_report_write(struct tr_store *s, const struct tr_report_options *o,
                    FILE *out);

#endif
