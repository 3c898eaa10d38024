/*
 * date.c -- date expressions resolved against the article date. Weekdays
 * and month names without a year are ambiguous in time, so each
 * expression carries two readings: the most recent such day on or before
 * the article date (past clauses) and the next one on or after it (future
 * clauses); the coder picks by the tense of the event's verb.
 */
#include <string.h>

#include "date.h"
#include "wordclass.h"

/* ---- calendar (Howard Hinnant's civil-from-days and back) ---- */

static int32_t from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void to_civil(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void tr_day_format(int32_t day, char out[11])
{
    int y, m, d;
    to_civil(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        out[0] = 0;
        return;
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
}

/* 1970-01-01 was a Thursday: Monday = 0. */
static int weekday_of(int32_t day)
{
    int w = (int)((day + 3) % 7);
    return w < 0 ? w + 7 : w;
}

/* ---- words ---- */

static const char *const WEEKDAYS[] = {"monday", "tuesday", "wednesday",
                                       "thursday", "friday", "saturday",
                                       "sunday"};

static const struct {
    const char *name;
    int month;
} MONTHS[] = {
    {"january", 1},  {"jan.", 1},     {"jan", 1},      {"february", 2},
    {"feb.", 2},     {"feb", 2},      {"march", 3},    {"mar.", 3},
    {"april", 4},    {"apr.", 4},     {"apr", 4},      {"may", 5},
    {"june", 6},     {"jun.", 6},     {"july", 7},     {"jul.", 7},
    {"august", 8},   {"aug.", 8},     {"aug", 8},      {"september", 9},
    {"sept.", 9},    {"sep.", 9},     {"sept", 9},     {"october", 10},
    {"oct.", 10},    {"oct", 10},     {"november", 11}, {"nov.", 11},
    {"nov", 11},     {"december", 12}, {"dec.", 12},   {"dec", 12},
};

static int word_is(const struct tr_doc *d, uint32_t i, const char *w)
{
    size_t n;
    const char *s = tr_doc_norm(d, i, &n);
    return n == strlen(w) && memcmp(s, w, n) == 0;
}

static int weekday_at(const struct tr_doc *d, uint32_t i)
{
    for (int k = 0; k < 7; k++)
        if (word_is(d, i, WEEKDAYS[k]))
            return k;
    return -1;
}

/* A month name; "May" and "March" only with a capital letter. */
static int month_at(const struct tr_doc *d, uint32_t i)
{
    if (!(d->tok[i].flags & TR_TF_CAP))
        return 0;
    for (size_t k = 0; k < TR_ARRAY_LEN(MONTHS); k++)
        if (word_is(d, i, MONTHS[k].name))
            return MONTHS[k].month;
    return 0;
}

/* A whole number of 1 to 4 digits at token 'i', or -1. */
static int number_at(const struct tr_doc *d, uint32_t i)
{
    if (d->tok[i].kind != TR_TOK_NUM)
        return -1;
    size_t n;
    const char *s = tr_doc_norm(d, i, &n);
    if (n == 0 || n > 4)
        return -1;
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return -1;
        v = v * 10 + (s[k] - '0');
    }
    return v;
}

static int is_year(int v)
{
    return v >= 1900 && v <= 2100;
}

/* ---- expressions ---- */

struct scan {
    const struct tr_doc *d;
    uint32_t first, end;
    int32_t today;
    int year, month, mday;
    struct tr_date *out;
    uint32_t n, max;
};

static void add(struct scan *s, uint32_t a, uint32_t b, int32_t past,
                int32_t future, enum truce_date_precision prec)
{
    if (s->n == s->max)
        return;
    s->out[s->n++] = (struct tr_date){a, b, past, future, (uint8_t)prec};
}

static int32_t monday_of(int32_t day)
{
    return day - weekday_of(day);
}

static int32_t first_of_month(int y, int m)
{
    while (m < 1) {
        m += 12;
        y--;
    }
    while (m > 12) {
        m -= 12;
        y++;
    }
    return from_civil(y, m, 1);
}

/* "on Tuesday", "last Tuesday", "next Tuesday" */
static uint32_t weekday_expr(struct scan *s, uint32_t i, int wd)
{
    int back = (weekday_of(s->today) - wd + 7) % 7;
    int32_t past = s->today - back;
    int32_t future = s->today + (wd - weekday_of(s->today) + 7) % 7;
    if (i > s->first && word_is(s->d, i - 1, "last"))
        future = past = back ? past : past - 7;
    else if (i > s->first && word_is(s->d, i - 1, "next"))
        past = future = future == s->today ? future + 7 : future;
    add(s, i, i, past, future, TRUCE_DATE_DAY);
    return i;
}

/* "Feb. 18", "February 18, 2020", "18 February", "May 2019", "in May" */
static uint32_t month_expr(struct scan *s, uint32_t i, int m)
{
    const struct tr_doc *d = s->d;
    int day = -1, year = -1;
    uint32_t last = i;
    if (i + 1 < s->end && (day = number_at(d, i + 1)) >= 1 && day <= 31) {
        last = i + 1;
        if (last + 2 < s->end && word_is(d, last + 1, ",") &&
            is_year(number_at(d, last + 2)))
            year = number_at(d, last += 2);
        else if (last + 1 < s->end && is_year(number_at(d, last + 1)))
            year = number_at(d, ++last);
    }
    else if (i > s->first && (day = number_at(d, i - 1)) >= 1 && day <= 31) {
        if (i + 1 < s->end && is_year(number_at(d, i + 1)))
            year = number_at(d, last = i + 1);
    }
    else {
        day = -1;
        if (i + 1 < s->end && is_year(number_at(d, i + 1)))
            year = number_at(d, last = i + 1);
    }
    enum truce_date_precision prec = day > 0 ? TRUCE_DATE_DAY
                                             : TRUCE_DATE_MONTH;
    int dd = day > 0 ? day : 1;
    if (year > 0) {
        int32_t at = from_civil(year, m, dd);
        add(s, i, last, at, at, prec);
        return last;
    }
    int32_t this_year = from_civil(s->year, m, dd);
    int32_t past = this_year, future = this_year;
    int after = day > 0 ? this_year > s->today
                        : m > s->month; /* later this year */
    int before = day > 0 ? this_year < s->today : m < s->month;
    if (after)
        past = from_civil(s->year - 1, m, dd);
    if (before)
        future = from_civil(s->year + 1, m, dd);
    add(s, i, last, past, future, prec);
    return last;
}

/* "last week", "this week", "earlier this month", "next month", "last
 * year" */
static uint32_t period_expr(struct scan *s, uint32_t i)
{
    const struct tr_doc *d = s->d;
    if (i + 1 >= s->end)
        return i;
    int shift = word_is(d, i, "last") ? -1 : word_is(d, i, "next") ? 1 : 0;
    if (!shift && !word_is(d, i, "this"))
        return i;
    uint32_t j = i + 1;
    int32_t at;
    enum truce_date_precision prec;
    if (word_is(d, j, "week")) {
        at = monday_of(s->today) + 7 * shift;
        prec = TRUCE_DATE_WEEK;
    }
    else if (word_is(d, j, "month")) {
        at = first_of_month(s->year, s->month + shift);
        prec = TRUCE_DATE_MONTH;
    }
    else if (word_is(d, j, "year")) {
        at = from_civil(s->year + shift, 1, 1);
        prec = TRUCE_DATE_YEAR;
    }
    else {
        return i;
    }
    add(s, i, j, at, at, prec);
    return j;
}

static uint32_t relative_day(struct scan *s, uint32_t i)
{
    static const struct {
        const char *word;
        int delta;
    } DAYS[] = {{"yesterday", -1}, {"today", 0}, {"tonight", 0},
                {"tomorrow", 1},   {"overnight", 0}};
    for (size_t k = 0; k < TR_ARRAY_LEN(DAYS); k++)
        if (word_is(s->d, i, DAYS[k].word)) {
            int32_t at = s->today + DAYS[k].delta;
            add(s, i, i, at, at, TRUCE_DATE_DAY);
            return i;
        }
    return i;
}

const char *const TR_DATE_WORDS[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "jan.", "jan", "february", "feb.", "feb", "march",
    "mar.", "april", "apr.", "apr", "may", "june", "jun.", "july", "jul.",
    "august", "aug.", "aug", "september", "sept.", "sep.", "sept",
    "october", "oct.", "oct", "november", "nov.", "nov", "december", "dec.",
    "dec", "yesterday", "today", "tonight", "tomorrow", "overnight", "last",
    "next", "this"};
const size_t TR_N_DATE_WORDS = TR_ARRAY_LEN(TR_DATE_WORDS);

uint32_t tr_dates_scan(const struct tr_doc *d, uint32_t first, uint32_t n,
                       int32_t article_day, const uint32_t *wclass,
                       uint32_t n_ids, struct tr_date *out, uint32_t max)
{
    struct scan s = {d, first, first + n, article_day, 0, 0, 0, out, 0, max};
    to_civil(article_day, &s.year, &s.month, &s.mday);
    for (uint32_t i = first; i < s.end; i++) {
        if (d->tok[i].kind != TR_TOK_WORD)
            continue;
        if (wclass && !tr_wc(wclass, n_ids, d->tok[i].word, TR_WC_DATE))
            continue;
        int wd = weekday_at(d, i);
        int m = wd < 0 ? month_at(d, i) : 0;
        if (wd >= 0)
            i = weekday_expr(&s, i, wd);
        else if (m)
            i = month_expr(&s, i, m);
        else if (!(d->tok[i].flags & TR_TF_CAP) || i == first)
            i = period_expr(&s, relative_day(&s, i));
    }
    return s.n;
}
