/*
 * query.c -- events by date, actor, code, mode, place and words, for the
 * SQLite backend. The SQL is built from the filters with a bind parameter
 * for every value; rows come back in date order along the event_day index,
 * so a month of a large database is a range scan, not a sort.
 */
#include <string.h>

#include "buf.h"
#include "internal.h"
#include "store_int.h"

#define QUERY_SQL_LIMIT (64u * 1024u)

static const char SELECT[] =
    "SELECT e.id, e.cluster_id, c.linked_cluster_id, e.day, a.doc,"
    " COALESCE(e.date, a.date),"
    " e.code, e.root, e.mode, e.source_code, e.source_text, e.target_code,"
    " e.target_text, e.verb_text, e.sentence, e.dict_file, e.claim_code,"
    " e.place_name, a.source, a.url, a.title, e.sent, e.dict_line, e.quad,"
    " e.goldstein, e.confidence, c.n_reports, c.n_articles, c.n_sources"
    " FROM event e JOIN article a ON a.id = e.article_id"
    " LEFT JOIN event_cluster c ON c.id = e.cluster_id WHERE 1 = 1";

struct param {
    int is_int;
    int64_t i;
    char *s; /* owned */
};

struct builder {
    struct tr_buf sql;
    struct param *p;
    int n, cap;
    int rc;
};

static void add_sql(struct builder *b, const char *s)
{
    if (!b->rc)
        b->rc = tr_buf_adds(&b->sql, s);
}

static void add_int(struct builder *b, const char *sql, int64_t v)
{
    add_sql(b, sql);
    if (!b->rc && b->n < b->cap)
        b->p[b->n++] = (struct param){1, v, NULL};
}

/* A text parameter: 'pre' + 's' (globs turned into LIKE) + 'post'. */
static void add_text(struct builder *b, const char *sql, const char *pre,
                     const char *s, const char *post, int glob)
{
    add_sql(b, sql);
    if (b->rc || b->n >= b->cap)
        return;
    size_t n = strlen(s);
    char *t = tr_malloc(2 * n + strlen(pre) + strlen(post) + 1);
    if (!t) {
        b->rc = TRUCE_ENOMEM;
        return;
    }
    size_t j = strlen(pre);
    memcpy(t, pre, j);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%' || c == '_' || c == '\\')
            t[j++] = '\\';
        t[j++] = glob && c == '*' ? '%' : glob && c == '?' ? '_' : c;
    }
    memcpy(t + j, post, strlen(post) + 1);
    b->p[b->n++] = (struct param){0, 0, t};
}

static void build(struct builder *b, const struct tr_query *q)
{
    add_sql(b, SELECT);
    if (q->from_day != TR_DAY_NONE)
        add_int(b, " AND e.day >= ?", q->from_day);
    if (q->to_day != TR_DAY_NONE)
        add_int(b, " AND e.day <= ?", q->to_day);
    for (size_t i = 0; i < q->n_actors; i++) {
        add_sql(b, i ? " OR" : " AND (");
        add_text(b, " e.source_code LIKE ? ESCAPE '\\'", "", q->actors[i], "",
                 1);
        add_text(b, " OR e.target_code LIKE ? ESCAPE '\\'", "", q->actors[i],
                 "", 1);
        if (i + 1 == q->n_actors)
            add_sql(b, ")");
    }
    if (q->code_prefix)
        add_text(b, " AND e.code LIKE ? ESCAPE '\\'", "", q->code_prefix, "%",
                 0);
    if (q->mode)
        add_text(b, " AND e.mode LIKE ? ESCAPE '\\'", "", q->mode, "", 0);
    if (q->place)
        add_text(b, " AND e.place_name LIKE ? ESCAPE '\\'", "", q->place, "",
                 0);
    for (size_t i = 0; i < q->n_words; i++)
        add_text(b, " AND e.sentence LIKE ? ESCAPE '\\'", "%", q->words[i],
                 "%", 0);
    if (q->one_per_cluster)
        add_sql(b, " AND c.first_event_id = e.id");
    add_sql(b, " ORDER BY e.day, e.id");
    if (q->limit > 0)
        add_int(b, " LIMIT ?", q->limit);
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void read_row(sqlite3_stmt *st, struct tr_event_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->cluster = sqlite3_column_int64(st, 1);
    r->linked = sqlite3_column_int64(st, 2);
    r->day = sqlite3_column_type(st, 3) == SQLITE_NULL
                 ? TR_DAY_NONE
                 : sqlite3_column_int64(st, 3);
    const char **text[] = {&r->doc,         &r->date,        &r->code,
                           &r->root,        &r->mode,        &r->source_code,
                           &r->source_text, &r->target_code, &r->target_text,
                           &r->verb,        &r->sentence,    &r->dict_file,
                           &r->claim_code,  &r->place_name,
                           &r->article_source, &r->url,      &r->title};
    for (int i = 0; i < (int)TR_ARRAY_LEN(text); i++)
        *text[i] = col(st, 4 + i);
    r->sent = sqlite3_column_int64(st, 21);
    r->dict_line = sqlite3_column_int64(st, 22);
    r->quad = sqlite3_column_int(st, 23);
    r->goldstein = sqlite3_column_double(st, 24);
    r->confidence = sqlite3_column_double(st, 25);
    r->n_reports = sqlite3_column_int64(st, 26);
    r->n_articles = sqlite3_column_int64(st, 27);
    r->n_sources = sqlite3_column_int64(st, 28);
}

static int run_query(struct tr_sqlite_store *s, struct builder *b,
                     tr_row_fn *cb, void *ud)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, b->sql.data, -1, &st, NULL) != SQLITE_OK)
        return tr_sqlite_fail(s, "preparing the query");
    int rc = SQLITE_OK;
    for (int i = 0; i < b->n && rc == SQLITE_OK; i++)
        rc = b->p[i].is_int
                 ? sqlite3_bind_int64(st, i + 1, b->p[i].i)
                 : sqlite3_bind_text(st, i + 1, b->p[i].s, -1, SQLITE_STATIC);
    int status = rc == SQLITE_OK ? TRUCE_OK
                                 : tr_sqlite_fail(s, "binding the query");
    while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct tr_event_row row;
        read_row(st, &row);
        status = cb(ud, &row);
    }
    if (!status && rc != SQLITE_DONE)
        status = tr_sqlite_fail(s, "running the query");
    sqlite3_finalize(st);
    return status;
}

int tr_sqlite_query(struct tr_store *base, const struct tr_query *q,
                    tr_row_fn *cb, void *ud)
{
    struct tr_sqlite_store *s = (struct tr_sqlite_store *)base;
    struct builder b = {0};
    tr_buf_init(&b.sql, QUERY_SQL_LIMIT);
    b.cap = (int)(2 * q->n_actors + q->n_words + 8);
    b.p = tr_calloc((size_t)b.cap, sizeof *b.p);
    if (!b.p)
        return TRUCE_ENOMEM;
    build(&b, q);
    int rc = b.rc ? b.rc : run_query(s, &b, cb, ud);
    for (int i = 0; i < b.n; i++)
        tr_free(b.p[i].s);
    tr_free(b.p);
    tr_buf_release(&b.sql);
    return rc;
}
