/*
 * store_sqlite.c -- the SQLite backend of the event store: WAL mode, one
 * transaction per article, statements prepared once. A second writer waits
 * up to BUSY_MS for the lock and then fails with a diagnostic.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "store_int.h"

#define BUSY_MS 3000

static const char *const SQL[] = {
#define TR_STMT_SQL(name, sql) sql,
    TR_STMT_MAP(TR_STMT_SQL)
#undef TR_STMT_SQL
};

static struct tr_sqlite_store *impl(struct tr_store *s)
{
    return (struct tr_sqlite_store *)s;
}

int tr_sqlite_fail(struct tr_sqlite_store *s, const char *what)
{
    tr_store_diag(&s->base, "%s: %s", what, sqlite3_errmsg(s->db));
    return TRUCE_ESTORE;
}

int tr_sqlite_done(struct tr_sqlite_store *s, sqlite3_stmt *st,
                   const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return tr_sqlite_fail(s, what);
    return TRUCE_OK;
}

int tr_sqlite_text(sqlite3_stmt *st, int i, const char *s, size_t n)
{
    if (!s)
        return sqlite3_bind_text(st, i, "", 0, SQLITE_STATIC);
    return sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
}

static int bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (!s)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static int bind_day(sqlite3_stmt *st, int i, int64_t day)
{
    if (day == TR_DAY_NONE)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_int64(st, i, day);
}

/* ---- transactions ---- */

static int run(struct tr_store *base, enum tr_stmt_id id, const char *what)
{
    struct tr_sqlite_store *s = impl(base);
    return tr_sqlite_done(s, s->stmt[id], what);
}

static int begin(struct tr_store *s)
{
    return run(s, TR_STMT_BEGIN, "starting a transaction");
}

static int commit(struct tr_store *s)
{
    return run(s, TR_STMT_COMMIT, "committing");
}

static int rollback(struct tr_store *s)
{
    if (sqlite3_get_autocommit(impl(s)->db))
        return TRUCE_OK; /* SQLite rolled back already */
    return run(s, TR_STMT_ROLLBACK, "rolling back");
}

/* ---- articles ---- */

static int find_article(struct tr_store *base, const char *doc,
                        const char *hash, int *found)
{
    struct tr_sqlite_store *s = impl(base);
    sqlite3_stmt *st = s->stmt[TR_STMT_FIND_ARTICLE];
    if (bind_opt(st, 1, doc) || bind_opt(st, 2, hash))
        return tr_sqlite_fail(s, "looking up an article");
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tr_sqlite_fail(s, "looking up an article");
    *found = rc == SQLITE_ROW;
    return TRUCE_OK;
}

/* The publisher that makes a report independent: the record's source, else
 * the host of its URL, else the article itself. */
static size_t source_key(const struct tr_article_in *a, const char **key)
{
    if (a->source && *a->source) {
        *key = a->source;
        return strlen(a->source);
    }
    if (a->url && *a->url) {
        const char *h = strstr(a->url, "://");
        h = h ? h + 3 : a->url;
        if (strncmp(h, "www.", 4) == 0)
            h += 4;
        *key = h;
        return strcspn(h, "/:?#");
    }
    *key = a->doc;
    return strlen(a->doc);
}

static int add_article(struct tr_store *base, const struct tr_article_in *a,
                       const char *hash, int64_t day, int64_t *id)
{
    struct tr_sqlite_store *s = impl(base);
    sqlite3_stmt *st = s->stmt[TR_STMT_ADD_ARTICLE];
    const char *key;
    size_t key_len = source_key(a, &key);
    int rc = bind_opt(st, 1, a->doc) | bind_opt(st, 2, hash) |
             bind_opt(st, 3, a->source) | tr_sqlite_text(st, 4, key, key_len) |
             bind_opt(st, 5, a->url) | bind_opt(st, 6, a->title) |
             bind_opt(st, 7, a->date) | bind_day(st, 8, day) |
             tr_sqlite_text(st, 9, a->text, a->len);
    if (rc != SQLITE_OK)
        return tr_sqlite_fail(s, "storing an article");
    rc = tr_sqlite_done(s, st, "storing an article");
    if (rc)
        return rc;
    *id = sqlite3_last_insert_rowid(s->db);
    return TRUCE_OK;
}

static int set_article_events(struct tr_store *base, int64_t article,
                              int64_t n_events)
{
    struct tr_sqlite_store *s = impl(base);
    sqlite3_stmt *st = s->stmt[TR_STMT_SET_EVENTS];
    if (sqlite3_bind_int64(st, 1, article) || sqlite3_bind_int64(st, 2, n_events))
        return tr_sqlite_fail(s, "counting events");
    return tr_sqlite_done(s, st, "counting events");
}

/* ---- events ---- */

static int bind_event(sqlite3_stmt *st, int64_t article, int64_t day,
                      const struct truce_event *ev,
                      const struct tr_cluster_key *k)
{
    const char *t = ev->text;
    int rc = sqlite3_bind_int64(st, 1, article) |
             sqlite3_bind_int64(st, 2, ev->sent) |
             sqlite3_bind_int64(st, 3, ev->sent_off) |
             sqlite3_bind_int64(st, 4, ev->sent_len) |
             bind_opt(st, 5, ev->code) | bind_opt(st, 6, ev->root) |
             sqlite3_bind_int(st, 7, ev->quad) |
             sqlite3_bind_double(st, 8, ev->goldstein) |
             bind_opt(st, 9, ev->source.code) |
             tr_sqlite_text(st, 10, t + ev->source.off, ev->source.len);
    if (ev->has_target)
        rc |= bind_opt(st, 11, ev->target.code) |
              tr_sqlite_text(st, 12, t + ev->target.off, ev->target.len);
    else
        rc |= sqlite3_bind_null(st, 11) | sqlite3_bind_null(st, 12);
    rc |= tr_sqlite_text(st, 13, t + ev->verb_off, ev->verb_len) |
          bind_opt(st, 14, ev->dict_file) |
          sqlite3_bind_int64(st, 15, ev->dict_line) |
          bind_opt(st, 16, truce_mode_name(ev->mode)) |
          sqlite3_bind_double(st, 17, ev->confidence) |
          sqlite3_bind_int(st, 18, ev->passive) |
          tr_sqlite_text(st, 19, t + ev->sent_off, ev->sent_len) |
          bind_day(st, 20, day) | bind_opt(st, 21, k->source_country) |
          bind_opt(st, 22, k->source_role) |
          bind_opt(st, 23, k->target_country) |
          bind_opt(st, 24, k->target_role) | sqlite3_bind_null(st, 25);
    return rc;
}

static const char *const PRECISION[] = {NULL, "day", "week", "month",
                                        "year"};
static const int64_t PRECISION_DAYS[] = {0, TR_STORE_WINDOW_DAYS, 7, 31, 366};

static int bind_more(sqlite3_stmt *st, const struct truce_event *ev)
{
    const char *t = ev->text;
    unsigned p = (unsigned)ev->date_precision < 5 ? ev->date_precision : 0;
    int rc = bind_opt(st, 26, ev->has_claim ? ev->claim.code : NULL);
    if (ev->has_claim)
        rc |= tr_sqlite_text(st, 27, t + ev->claim.off, ev->claim.len);
    else
        rc |= sqlite3_bind_null(st, 27);
    rc |= bind_opt(st, 28, ev->date[0] ? ev->date : NULL) |
          bind_opt(st, 29, PRECISION[p]);
    if (!ev->has_place)
        return rc | sqlite3_bind_null(st, 30) | sqlite3_bind_null(st, 31) |
               sqlite3_bind_null(st, 32) | sqlite3_bind_null(st, 33) |
               sqlite3_bind_null(st, 34);
    return rc | bind_opt(st, 30, ev->place.name) |
           bind_opt(st, 31, ev->place.country[0] ? ev->place.country : NULL) |
           bind_opt(st, 32, ev->place.admin1[0] ? ev->place.admin1 : NULL) |
           sqlite3_bind_double(st, 33, ev->place.lat) |
           sqlite3_bind_double(st, 34, ev->place.lon);
}

/* The event's own date when the coder resolved one, else the article's. */
static void event_key(struct tr_cluster_key *k, int64_t article, int64_t day,
                      const struct truce_event *ev)
{
    memset(k, 0, sizeof *k);
    k->root = ev->root;
    k->code = ev->code;
    k->mode = truce_mode_name(ev->mode);
    k->claim_code = ev->has_claim ? ev->claim.code : "";
    k->place = ev->has_place ? ev->place.name : "";
    tr_store_actor_split(ev->source.code, k->source_country, k->source_role);
    if (ev->has_target)
        tr_store_actor_split(ev->target.code, k->target_country,
                             k->target_role);
    int64_t own = ev->date[0] ? tr_store_day_parse(ev->date) : TR_DAY_NONE;
    unsigned p = (unsigned)ev->date_precision < 5 ? ev->date_precision : 0;
    k->day = own != TR_DAY_NONE ? own : day;
    k->window = own != TR_DAY_NONE && p ? PRECISION_DAYS[p]
                                         : TR_STORE_WINDOW_DAYS;
    k->article = article;
}

static int add_event(struct tr_store *base, int64_t article, int64_t day,
                     const struct truce_event *ev)
{
    struct tr_sqlite_store *s = impl(base);
    struct tr_cluster_key k;
    event_key(&k, article, day, ev);
    int64_t cluster = 0;
    int rc = tr_sqlite_cluster_find(s, &k, &cluster);
    if (rc)
        return rc;
    sqlite3_stmt *st = s->stmt[TR_STMT_ADD_EVENT];
    if ((bind_event(st, article, k.day, ev, &k) | bind_more(st, ev)) !=
        SQLITE_OK)
        return tr_sqlite_fail(s, "storing an event");
    rc = tr_sqlite_done(s, st, "storing an event");
    if (rc)
        return rc;
    return tr_sqlite_cluster_add(s, &k, cluster,
                                 sqlite3_last_insert_rowid(s->db));
}

/* ---- counts ---- */

static int counts(struct tr_store *base, struct tr_store_counts *out)
{
    struct tr_sqlite_store *s = impl(base);
    sqlite3_stmt *st = s->stmt[TR_STMT_COUNTS];
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->articles = sqlite3_column_int64(st, 0);
        out->events = sqlite3_column_int64(st, 1);
        out->clusters = sqlite3_column_int64(st, 2);
        out->claim_links = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? TRUCE_OK : tr_sqlite_fail(s, "counting");
}

static int day_range(struct tr_store *base, int64_t *first, int64_t *last)
{
    struct tr_sqlite_store *s = impl(base);
    sqlite3_stmt *st = s->stmt[TR_STMT_DAY_RANGE];
    int rc = sqlite3_step(st);
    *first = *last = TR_DAY_NONE;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        *first = sqlite3_column_int64(st, 0);
        *last = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? TRUCE_OK : tr_sqlite_fail(s, "reading dates");
}

/* ---- open and close ---- */

static void close_store(struct tr_store *base)
{
    struct tr_sqlite_store *s = impl(base);
    for (int i = 0; i < TR_STMT_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_close(s->db);
    tr_free(s);
}

static const struct tr_store_ops SQLITE_OPS = {
    "sqlite",      close_store,       begin,
    commit,        rollback,          find_article,
    add_article,   add_event,         set_article_events,
    tr_sqlite_query, counts,          day_range,
};

/* WAL: readers never block the writer, and a commit is one append to the
 * log. synchronous=NORMAL keeps every committed transaction through a
 * process kill; only a power cut may lose the last few. */
static int configure(struct tr_sqlite_store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_busy_timeout(s->db, BUSY_MS) != SQLITE_OK)
        return tr_sqlite_fail(s, "setting the busy timeout");
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st,
                           NULL) != SQLITE_OK)
        return tr_sqlite_fail(s, "opening the database");
    int rc = sqlite3_step(st);
    int wal = rc == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal) {
        if (rc != SQLITE_ROW)
            return tr_sqlite_fail(s, "opening the database");
        tr_store_diag(&s->base, "cannot switch the database to WAL mode");
        return TRUCE_ESTORE;
    }
    if (sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL))
        return tr_sqlite_fail(s, "setting synchronous mode");
    return TRUCE_OK;
}

static int prepare_all(struct tr_sqlite_store *s)
{
    for (int i = 0; i < TR_STMT_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->stmt[i], NULL) != SQLITE_OK)
            return tr_sqlite_fail(s, "preparing statements");
    return TRUCE_OK;
}

int tr_store_open_sqlite(struct tr_store **out, const char *path,
                         truce_diag_fn *diag, void *diag_ud)
{
    *out = NULL;
    struct tr_sqlite_store *s = tr_calloc(1, sizeof *s);
    if (!s)
        return TRUCE_ENOMEM;
    s->base.ops = &SQLITE_OPS;
    s->base.diag = diag;
    s->base.diag_ud = diag_ud;
    s->base.path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                SQLITE_OPEN_NOMUTEX;
    int rc = TRUCE_ESTORE;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK)
        (void)tr_sqlite_fail(s, "cannot open the database");
    else
        rc = configure(s);
    if (!rc)
        rc = tr_sqlite_migrate(s);
    if (!rc)
        rc = prepare_all(s);
    if (rc) {
        close_store(&s->base);
        return rc;
    }
    *out = &s->base;
    return TRUCE_OK;
}
