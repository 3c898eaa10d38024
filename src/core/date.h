/*
 * date.h -- date expressions in a sentence ("on Tuesday", "yesterday",
 * "last week", "on Feb. 18", "in May 2019"), resolved against the article
 * date, for the `date` and `date_precision` of events (issue 3).
 */
#ifndef TR_DATE_H
#define TR_DATE_H

#include "text.h"

struct tr_date {
    uint32_t first, last; /* tokens of the expression */
    int32_t past;         /* day (since 1970) read as past or present */
    int32_t future;       /* day read as future ("on Tuesday" to come) */
    uint8_t precision;    /* enum truce_date_precision */
};

/* The words that can start or make a date expression, folded: the coder
 * marks them so that tr_dates_scan() looks only at those tokens. */
extern const char *const TR_DATE_WORDS[];
extern const size_t TR_N_DATE_WORDS;

/* Find the date expressions of tokens [first, first + n) of 'd', resolved
 * against 'article_day' (days since 1970). 'wclass' (word classes by word
 * id, 'n_ids' long, wordclass.h; may be NULL) says which words can be part
 * of one (TR_WC_DATE); others are skipped without a look. Writes at most
 * 'max' to 'out' and returns how many. Never fails. */
uint32_t tr_dates_scan(const struct tr_doc *d, uint32_t first, uint32_t n,
                       int32_t article_day, const uint32_t *wclass,
                       uint32_t n_ids, struct tr_date *out, uint32_t max);

/* "YYYY-MM-DD" of 'day' into 'out' (11 bytes). */
void tr_day_format(int32_t day, char out[11]);

#endif
