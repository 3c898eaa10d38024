/*
 * store_int.h -- what the SQLite backend's files share: the open database
 * and its prepared statements. Statements are prepared once at open and
 * reset after each use, so ingest does no SQL parsing per event.
 */
#ifndef TR_STORE_INT_H
#define TR_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* One entry per prepared statement: name and SQL (store_sqlite.c). */
#define TR_STMT_MAP(X)                                                      \
    X(BEGIN, "BEGIN IMMEDIATE")                                             \
    X(COMMIT, "COMMIT")                                                     \
    X(ROLLBACK, "ROLLBACK")                                                 \
    X(FIND_ARTICLE, "SELECT 1 FROM article WHERE doc = ?1 UNION ALL "       \
                    "SELECT 1 FROM article WHERE hash = ?2 LIMIT 1")        \
    X(ADD_ARTICLE, "INSERT INTO article (doc, hash, source, source_key, "   \
                   "url, title, date, day, text, n_events) "                \
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)")        \
    X(SET_EVENTS, "UPDATE article SET n_events = ?2 WHERE id = ?1")         \
    X(ADD_EVENT, "INSERT INTO event (article_id, sent, sent_off, sent_len, " \
                 "code, root, quad, goldstein, source_code, source_text, "  \
                 "target_code, target_text, verb_text, dict_file, "         \
                 "dict_line, mode, confidence, passive, sentence, day, "    \
                 "source_country, source_role, target_country, "            \
                 "target_role, cluster_id, claim_code, claim_text, date, "  \
                 "date_precision, place_name, place_country, place_admin1, " \
                 "place_lat, place_lon) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "   \
                 "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, " \
                 "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, "  \
                 "?30, ?31, ?32, ?33, ?34)")                                \
    X(FIND_CLUSTER, "SELECT id, first_day FROM event_cluster WHERE "        \
                    "root = ?1 AND mode = ?2 AND claim_code = ?3 AND "      \
                    "source_country = ?4 AND source_role = ?5 AND "         \
                    "target_country = ?6 AND target_role = ?7 AND "         \
                    "first_day BETWEEN ?8 AND ?9 AND (place_name = '' OR "  \
                    "?10 = '' OR place_name = ?10) "                        \
                    "ORDER BY abs(first_day - ?11), id LIMIT 1")            \
    X(ADD_CLUSTER, "INSERT INTO event_cluster (root, code, mode, "          \
                   "claim_code, source_country, source_role, "              \
                   "target_country, target_role, place_name, first_day, "   \
                   "last_day, first_event_id, n_reports, n_articles, "      \
                   "n_sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " \
                   "?10, ?10, ?11, 1, 1, 1)")                               \
    X(SET_EVENT_CLUSTER, "UPDATE event SET cluster_id = ?2 WHERE id = ?1")  \
    X(CLUSTER_HAS_ARTICLE, "SELECT 1 FROM event WHERE cluster_id = ?1 "     \
                           "AND article_id = ?2 LIMIT 1")                   \
    X(CLUSTER_HAS_SOURCE, "SELECT 1 FROM event e JOIN article a ON "        \
                          "a.id = e.article_id WHERE e.cluster_id = ?1 "    \
                          "AND a.source_key = ?2 LIMIT 1")                  \
    X(ARTICLE_SOURCE_KEY, "SELECT source_key FROM article WHERE id = ?1")   \
    X(GROW_CLUSTER, "UPDATE event_cluster SET n_reports = n_reports + 1, "  \
                    "n_articles = n_articles + ?2, n_sources = n_sources "  \
                    "+ ?3, last_day = CASE WHEN ?4 > last_day THEN ?4 "     \
                    "ELSE last_day END WHERE id = ?1")                      \
    X(LINK_CLAIM, "UPDATE event_cluster SET linked_cluster_id = ?1 WHERE "  \
                  "id = ?2")                                                \
    X(LINK_CLAIMS_TO, "UPDATE event_cluster SET linked_cluster_id = ?1 "    \
                      "WHERE mode = 'claimed' AND linked_cluster_id IS "    \
                      "NULL AND root = ?2 AND source_country = ?3 AND "     \
                      "source_role = ?4 AND target_country = ?5 AND "       \
                      "target_role = ?6 AND first_day BETWEEN ?7 AND ?8")   \
    X(COUNTS, "SELECT (SELECT count(*) FROM article), (SELECT count(*) "     \
             "FROM event), (SELECT count(*) FROM event_cluster), (SELECT "  \
             "count(*) FROM event_cluster WHERE linked_cluster_id IS NOT "  \
             "NULL)")                                                       \
    X(DAY_RANGE, "SELECT min(day), max(day) FROM event")

enum tr_stmt_id {
#define TR_STMT_ENUM(name, sql) TR_STMT_##name,
    TR_STMT_MAP(TR_STMT_ENUM)
#undef TR_STMT_ENUM
    TR_STMT_COUNT
};

struct tr_sqlite_store {
    struct tr_store base; /* first: the generic store */
    sqlite3 *db;
    sqlite3_stmt *stmt[TR_STMT_COUNT];
};

/* Report the database's last error for 'what'; returns TRUCE_ESTORE. */
int tr_sqlite_fail(struct tr_sqlite_store *s, const char *what);
/* Step 'st' once to completion (no row expected), then reset it. */
int tr_sqlite_done(struct tr_sqlite_store *s, sqlite3_stmt *st,
                   const char *what);
/* Bind text that may be NULL (bound as ''). */
int tr_sqlite_text(sqlite3_stmt *st, int i, const char *s, size_t n);

/* schema.c: create or migrate the schema to TR_STORE_SCHEMA_VERSION. */
int tr_sqlite_migrate(struct tr_sqlite_store *s);

/* merge.c: put event 'event' (already inserted) into its cluster. */
struct tr_cluster_key {
    const char *root, *code, *mode, *claim_code, *place;
    char source_country[4], source_role[4], target_country[4],
        target_role[4];
    int64_t day, article;
    int64_t window; /* days, from the date's precision */
};
int tr_sqlite_cluster_find(struct tr_sqlite_store *s,
                           const struct tr_cluster_key *k, int64_t *cluster);
int tr_sqlite_cluster_add(struct tr_sqlite_store *s,
                          const struct tr_cluster_key *k, int64_t cluster,
                          int64_t event);

/* query.c */
int tr_sqlite_query(struct tr_store *base, const struct tr_query *q,
                    tr_row_fn *cb, void *ud);

#endif
