/*
 * schema.c -- the store's tables and the migrations between schema
 * versions. The SQL is portable (INTEGER, TEXT, DOUBLE PRECISION; dates as
 * ISO text and as day numbers), so the same schema serves PostgreSQL; only
 * "INTEGER PRIMARY KEY" would be spelt "BIGINT GENERATED ALWAYS AS
 * IDENTITY PRIMARY KEY" there.
 */
#include <string.h>

#include "internal.h"
#include "store_int.h"

/* Version 1. Key columns of event_cluster are '' rather than NULL when
 * unknown, so that equality finds them and one index covers the lookup. */
static const char SCHEMA_V1[] =
    "CREATE TABLE schema_version (version INTEGER NOT NULL);"
    "CREATE TABLE article ("
    " id INTEGER PRIMARY KEY,"
    " doc TEXT NOT NULL UNIQUE,"          /* the article id */
    " hash TEXT NOT NULL UNIQUE,"         /* tr_store_text_hash of the text */
    " source TEXT, url TEXT, title TEXT,"
    " source_key TEXT NOT NULL,"          /* publisher, URL host or doc */
    " date TEXT, day INTEGER,"
    " text TEXT NOT NULL,"
    " n_events INTEGER NOT NULL);"
    "CREATE TABLE event_cluster ("
    " id INTEGER PRIMARY KEY,"
    " root TEXT NOT NULL, code TEXT NOT NULL, mode TEXT NOT NULL,"
    " claim_code TEXT NOT NULL,"
    " source_country TEXT NOT NULL, source_role TEXT NOT NULL,"
    " target_country TEXT NOT NULL, target_role TEXT NOT NULL,"
    " place_name TEXT NOT NULL,"
    " first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,"
    " first_event_id INTEGER NOT NULL,"
    " n_reports INTEGER NOT NULL, n_articles INTEGER NOT NULL,"
    " n_sources INTEGER NOT NULL,"
    " linked_cluster_id INTEGER REFERENCES event_cluster(id));"
    "CREATE TABLE event ("
    " id INTEGER PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES article(id),"
    " cluster_id INTEGER REFERENCES event_cluster(id),"
    " sent INTEGER NOT NULL, sent_off INTEGER NOT NULL,"
    " sent_len INTEGER NOT NULL,"
    " code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL,"
    " goldstein DOUBLE PRECISION NOT NULL,"
    " source_code TEXT NOT NULL, source_text TEXT NOT NULL,"
    " target_code TEXT, target_text TEXT,"
    " source_country TEXT NOT NULL, source_role TEXT NOT NULL,"
    " target_country TEXT NOT NULL, target_role TEXT NOT NULL,"
    " verb_text TEXT NOT NULL, dict_file TEXT, dict_line INTEGER,"
    " mode TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL,"
    " passive INTEGER NOT NULL, sentence TEXT NOT NULL,"
    " day INTEGER,"
    " claim_code TEXT, claim_text TEXT,"  /* issue 3: NULL until then */
    " date TEXT, date_precision TEXT,"
    " place_name TEXT, place_country TEXT, place_admin1 TEXT,"
    " place_lat DOUBLE PRECISION, place_lon DOUBLE PRECISION);"
    "CREATE INDEX event_day ON event(day);"
    "CREATE INDEX event_code ON event(code, day);"
    "CREATE INDEX event_source ON event(source_code, day);"
    "CREATE INDEX event_target ON event(target_code, day);"
    "CREATE INDEX event_cluster_of ON event(cluster_id);"
    "CREATE INDEX event_article ON event(article_id);"
    "CREATE INDEX cluster_key ON event_cluster(root, source_country,"
    " source_role, target_country, target_role, mode, first_day);"
    "CREATE INDEX cluster_day ON event_cluster(first_day);"
    "INSERT INTO schema_version (version) VALUES (1);";

/* MIGRATIONS[i] takes a database at version i to version i + 1. */
static const char *const MIGRATIONS[] = {SCHEMA_V1};

static int exec(struct tr_sqlite_store *s, const char *sql, const char *what)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) == SQLITE_OK)
        return TRUCE_OK;
    tr_store_diag(&s->base, "%s: %s", what, err ? err : "unknown error");
    sqlite3_free(err);
    return TRUCE_ESTORE;
}

/* The schema version of the open database: 0 for an empty one. */
static int schema_version(struct tr_sqlite_store *s, int *out)
{
    sqlite3_stmt *st;
    *out = 0;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT count(*) FROM sqlite_master WHERE "
                                "name = 'schema_version'", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return tr_sqlite_fail(s, "reading the schema");
    rc = sqlite3_step(st);
    int has = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return tr_sqlite_fail(s, "reading the schema");
    if (!has)
        return TRUCE_OK;
    rc = sqlite3_prepare_v2(s->db, "SELECT max(version) FROM schema_version",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return tr_sqlite_fail(s, "reading the schema version");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? TRUCE_OK
                            : tr_sqlite_fail(s, "reading the schema version");
}

/* Bring the database to TR_STORE_SCHEMA_VERSION, one migration per
 * transaction, so a crash leaves it at some whole version. */
int tr_sqlite_migrate(struct tr_sqlite_store *s)
{
    int version;
    int rc = exec(s, "BEGIN IMMEDIATE", "locking the database");
    if (rc)
        return rc;
    rc = schema_version(s, &version);
    if (!rc && version > TR_STORE_SCHEMA_VERSION) {
        tr_store_diag(&s->base, "database schema version %d is newer than "
                      "this truce (%d)", version, TR_STORE_SCHEMA_VERSION);
        rc = TRUCE_ESTORE;
    }
    for (int v = version; !rc && v < TR_STORE_SCHEMA_VERSION; v++) {
        rc = exec(s, MIGRATIONS[v], "creating the schema");
        if (!rc && v > 0)
            rc = exec(s, "UPDATE schema_version SET version = version + 1",
                      "updating the schema version");
    }
    if (!rc)
        return exec(s, "COMMIT", "committing the schema");
    (void)exec(s, "ROLLBACK", "rolling back the schema");
    return rc;
}
