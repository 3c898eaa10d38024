/*
 * store.h -- the event store: articles, their coded events and the
 * de-duplicated event clusters, behind a small function table so that a
 * backend other than SQLite (PostgreSQL through libpq) can follow. One
 * article and its events commit together or not at all.
 */
#ifndef TR_STORE_H
#define TR_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "truce/truce.h"

#define TR_STORE_SCHEMA_VERSION 1
#define TR_DAY_NONE INT64_MIN /* no date known */
/* Reports of one real event may carry dates this many days apart. */
#define TR_STORE_WINDOW_DAYS 1

/* An article as it is stored. Strings are borrowed; NULL means unknown. */
struct tr_article_in {
    const char *doc;    /* article id (JSONL "id" or the file name) */
    const char *date;   /* "YYYY-MM-DD" */
    const char *title, *source, *url;
    const char *text;
    size_t len;
};

/* A stored event as read back: one report, with its cluster. Strings are
 * valid during the row callback only; "" where the value is NULL. */
struct tr_event_row {
    int64_t id, cluster, linked; /* linked: asserted cluster of a claim */
    int64_t day;                 /* days since 1970-01-01 or TR_DAY_NONE */
    const char *doc, *date, *code, *root, *mode;
    const char *source_code, *source_text, *target_code, *target_text;
    const char *verb, *sentence, *dict_file, *claim_code, *place_name;
    const char *article_source, *url, *title;
    int64_t sent, dict_line;
    int quad;
    double goldstein, confidence;
    int64_t n_reports, n_articles, n_sources; /* of the cluster */
};

typedef int tr_row_fn(void *ud, const struct tr_event_row *row);

/* Which events a query returns. Zero-initialise, then set what you need. */
struct tr_query {
    int64_t from_day, to_day;    /* inclusive; TR_DAY_NONE: open */
    const char *const *actors;   /* globs on source or target code, ORed */
    size_t n_actors;
    const char *code_prefix;     /* CAMEO code prefix, e.g. "19" */
    const char *mode;            /* "asserted", "claimed", ... */
    const char *place;           /* place name, exact */
    const char *const *words;    /* every word must occur in the sentence */
    size_t n_words;
    int one_per_cluster;         /* only the first report of each cluster */
    int64_t limit;               /* 0: no limit */
};

/* Counts for the ingest summary and for tests. */
struct tr_store_counts {
    int64_t articles, events, clusters, claim_links;
};

struct tr_store;

/* The backend's function table. Every function returns TRUCE_OK or a
 * negative status, after reporting the reason through the store's
 * diagnostic callback. */
struct tr_store_ops {
    const char *name;
    void (*close)(struct tr_store *s);
    int (*begin)(struct tr_store *s);
    int (*commit)(struct tr_store *s);
    int (*rollback)(struct tr_store *s);
    /* *found = 1 when an article with this id or this text hash exists. */
    int (*find_article)(struct tr_store *s, const char *doc,
                        const char *hash, int *found);
    int (*add_article)(struct tr_store *s, const struct tr_article_in *a,
                       const char *hash, int64_t day, int64_t *id);
    /* Store 'ev' of article 'article' and merge it into its cluster. */
    int (*add_event)(struct tr_store *s, int64_t article, int64_t day,
                     const struct truce_event *ev);
    int (*set_article_events)(struct tr_store *s, int64_t article,
                              int64_t n_events);
    int (*query)(struct tr_store *s, const struct tr_query *q, tr_row_fn *cb,
                 void *ud);
    int (*counts)(struct tr_store *s, struct tr_store_counts *out);
    int (*day_range)(struct tr_store *s, int64_t *first, int64_t *last);
};

struct tr_store {
    const struct tr_store_ops *ops;
    truce_diag_fn *diag; /* may be NULL */
    void *diag_ud;
    const char *path;    /* borrowed, for diagnostics */
};

/* Open (creating or migrating) the SQLite store at 'path'. Returns
 * TRUCE_OK, TRUCE_ESTORE (cannot open, locked, not a truce database,
 * newer schema), TRUCE_ENOMEM. On failure *out is NULL. */
int tr_store_open_sqlite(struct tr_store **out, const char *path,
                         truce_diag_fn *diag, void *diag_ud);
/* NULL is a no-op. */
void tr_store_close(struct tr_store *s);

/* What one ingest call did. */
struct tr_ingest_stats {
    int64_t articles_new, articles_skipped, events;
    int bad; /* the coder reported bad input */
};

/* Code article 'a' with 'coder' and store it with its events in one
 * transaction, unless an article with the same id or the same text is
 * already there (then nothing changes and articles_skipped counts it).
 * Returns TRUCE_OK, TRUCE_ESTORE (nothing of the article was stored),
 * TRUCE_ENOMEM, TRUCE_ELIMIT (article too long; nothing stored). */
int tr_store_ingest(struct tr_store *s, struct truce_coder *coder,
                    const struct tr_article_in *a,
                    struct tr_ingest_stats *stats);

int tr_store_query(struct tr_store *s, const struct tr_query *q,
                   tr_row_fn *cb, void *ud);

/* Report a store problem through the store's diagnostic callback. */
void tr_store_diag(struct tr_store *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- helpers shared by the store's modules (store_util.c) ---- */

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (the first 10 bytes), or
 * TR_DAY_NONE when 's' is NULL or not such a date. */
int64_t tr_store_day_parse(const char *s);
/* Write 'day' as "YYYY-MM-DD" into 'out' (11 bytes). */
void tr_store_day_format(int64_t day, char out[11]);
/* Hex text hash (32 hex digits + NUL) of 'len' bytes: not cryptographic,
 * used to find an article seen before under another id. */
void tr_store_text_hash(const char *s, size_t len, char out[33]);
/* Glob match of an actor code against 'pat' ('*' any run, '?' one). */
int tr_store_glob(const char *pat, const char *s);
/* Split a CAMEO actor code into country (3 bytes) and role (next 3). */
void tr_store_actor_split(const char *code, char country[4], char role[4]);

#endif
