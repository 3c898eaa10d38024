/*
 * store.c -- the backend-independent part of the event store: ingest of
 * one article as one transaction, and small helpers (dates as day numbers,
 * text hashes, actor globs). The backend does the SQL.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "store.h"

void tr_store_close(struct tr_store *s)
{
    if (s)
        s->ops->close(s);
}

void tr_store_diag(struct tr_store *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!s->diag)
        return;
    struct truce_diag d = {TRUCE_ERROR, s->path, 0, 0, msg};
    s->diag(s->diag_ud, &d);
}

int tr_store_query(struct tr_store *s, const struct tr_query *q,
                   tr_row_fn *cb, void *ud)
{
    return s->ops->query(s, q, cb, ud);
}

/* ---- ingest ---- */

struct ingest_ctx {
    struct tr_store *store;
    int64_t article, day, events;
    int rc; /* first store error inside the event callback */
};

static void on_event(void *ud, const struct truce_event *ev)
{
    struct ingest_ctx *ctx = ud;
    if (ctx->rc)
        return;
    ctx->rc = ctx->store->ops->add_event(ctx->store, ctx->article, ctx->day,
                                         ev);
    if (!ctx->rc)
        ctx->events++;
}

/* Code and store inside an open transaction; the caller commits. */
static int ingest_in_txn(struct ingest_ctx *ctx, struct truce_coder *coder,
                         const struct tr_article_in *a, const char *hash,
                         int *bad)
{
    struct tr_store *s = ctx->store;
    int rc = s->ops->add_article(s, a, hash, ctx->day, &ctx->article);
    if (rc)
        return rc;
    struct truce_article art = {a->doc, a->date, a->title, a->text, a->len};
    rc = truce_coder_code(coder, &art, on_event, ctx);
    if (ctx->rc)
        return ctx->rc;
    if (rc == TRUCE_EINPUT)
        *bad = 1; /* reported and repaired; the events stand */
    else if (rc)
        return rc;
    return s->ops->set_article_events(s, ctx->article, ctx->events);
}

int tr_store_ingest(struct tr_store *s, struct truce_coder *coder,
                    const struct tr_article_in *a,
                    struct tr_ingest_stats *stats)
{
    char hash[33];
    tr_store_text_hash(a->text, a->len, hash);
    int found = 0;
    int rc = s->ops->find_article(s, a->doc, hash, &found);
    if (rc)
        return rc;
    if (found) {
        stats->articles_skipped++;
        return TRUCE_OK;
    }
    struct ingest_ctx ctx = {s, 0, tr_store_day_parse(a->date), 0, TRUCE_OK};
    rc = s->ops->begin(s);
    if (rc)
        return rc;
    int bad = 0;
    rc = ingest_in_txn(&ctx, coder, a, hash, &bad);
    if (!rc)
        rc = s->ops->commit(s);
    if (rc) {
        (void)s->ops->rollback(s); /* the error was reported already */
        return rc;
    }
    stats->articles_new++;
    stats->events += ctx.events;
    stats->bad |= bad;
    return TRUCE_OK;
}

/* ---- helpers ---- */

/* Days from civil date (proleptic Gregorian), after H. Hinnant's
 * public-domain algorithm. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n, int64_t *out)
{
    int64_t v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int64_t tr_store_day_parse(const char *s)
{
    int64_t y, m, d;
    if (!s || strnlen(s, 11) < 10 || s[4] != '-' || s[7] != '-')
        return TR_DAY_NONE;
    if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
        return TR_DAY_NONE;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return TR_DAY_NONE;
    return days_from_civil(y, m, d);
}

void tr_store_day_format(int64_t day, char out[11])
{
    if (day == TR_DAY_NONE) {
        out[0] = 0;
        return;
    }
    int64_t z = day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    unsigned v[3] = {(unsigned)((y % 10000 + 10000) % 10000), (unsigned)m,
                     (unsigned)d};
    static const int width[3] = {4, 2, 2};
    char *p = out;
    for (int i = 0; i < 3; i++) {
        for (int k = width[i] - 1; k >= 0; k--) {
            p[k] = (char)('0' + v[i] % 10);
            v[i] /= 10;
        }
        p += width[i];
        *p++ = i < 2 ? '-' : 0;
    }
}

/* Two 64-bit FNV-1a passes with different offsets: 128 bits, so that two
 * different articles share a hash with negligible chance. */
void tr_store_text_hash(const char *s, size_t len, char out[33])
{
    uint64_t h1 = 0xcbf29ce484222325ull, h2 = 0x84222325cbf29ce4ull;
    for (size_t i = 0; i < len; i++) {
        h1 = (h1 ^ (unsigned char)s[i]) * 0x100000001b3ull;
        h2 = (h2 ^ (unsigned char)s[i]) * 0x100000001b3ull;
        h2 ^= h2 >> 29;
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
             (unsigned long long)h2);
}

int tr_store_glob(const char *pat, const char *s)
{
    const char *star = NULL, *back = NULL;
    while (*s) {
        if (*pat == '*') {
            star = pat++;
            back = s;
        }
        else if (*pat == '?' || *pat == *s) {
            pat++;
            s++;
        }
        else if (star) {
            pat = star + 1;
            s = ++back;
        }
        else
            return 0;
    }
    while (*pat == '*')
        pat++;
    return *pat == 0;
}

void tr_store_actor_split(const char *code, char country[4], char role[4])
{
    size_t n = strnlen(code, 32);
    size_t c = n < 3 ? n : 3;
    size_t r = n > 3 ? (n - 3 < 3 ? n - 3 : 3) : 0;
    memcpy(country, code, c);
    country[c] = 0;
    memcpy(role, code + c, r);
    role[r] = 0;
}
