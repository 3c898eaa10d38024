/*
 * merge.c -- de-duplication: an event joins the cluster of the same real
 * event (same source and target country and role, same CAMEO root, same
 * mode and claimant, same place when both are placed, first report within
 * TR_STORE_WINDOW_DAYS). A claim is never merged into an asserted event;
 * its cluster is linked to the asserted one instead. Undated events are
 * merged only within their own article.
 */
#include <string.h>

#include "internal.h"
#include "store_int.h"

static int bind_key(sqlite3_stmt *st, const struct tr_cluster_key *k,
                    int first)
{
    return sqlite3_bind_text(st, first, k->source_country, -1,
                             SQLITE_STATIC) |
           sqlite3_bind_text(st, first + 1, k->source_role, -1,
                             SQLITE_STATIC) |
           sqlite3_bind_text(st, first + 2, k->target_country, -1,
                             SQLITE_STATIC) |
           sqlite3_bind_text(st, first + 3, k->target_role, -1,
                             SQLITE_STATIC);
}

/* Undated events get a day no dated event can have, unique to their
 * article, so they merge only with reports in the same article. */
static int64_t key_day(const struct tr_cluster_key *k)
{
    if (k->day != TR_DAY_NONE)
        return k->day;
    return -(int64_t)1000000000 - k->article * 10;
}

static int64_t window(const struct tr_cluster_key *k)
{
    return k->day == TR_DAY_NONE ? 0 : k->window;
}

int tr_sqlite_cluster_find(struct tr_sqlite_store *s,
                           const struct tr_cluster_key *k, int64_t *cluster)
{
    sqlite3_stmt *st = s->stmt[TR_STMT_FIND_CLUSTER];
    int64_t day = key_day(k);
    int rc = sqlite3_bind_text(st, 1, k->root, -1, SQLITE_STATIC) |
             sqlite3_bind_text(st, 2, k->mode, -1, SQLITE_STATIC) |
             sqlite3_bind_text(st, 3, k->claim_code, -1, SQLITE_STATIC) |
             bind_key(st, k, 4) |
             sqlite3_bind_int64(st, 8, day - window(k)) |
             sqlite3_bind_int64(st, 9, day + window(k)) |
             sqlite3_bind_text(st, 10, k->place, -1, SQLITE_STATIC) |
             sqlite3_bind_int64(st, 11, day);
    if (rc != SQLITE_OK)
        return tr_sqlite_fail(s, "finding the event's cluster");
    rc = sqlite3_step(st);
    *cluster = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tr_sqlite_fail(s, "finding the event's cluster");
    return TRUCE_OK;
}

/* Run 'st' with (cluster, article or key) bound; *yes = it found a row. */
static int exists(struct tr_sqlite_store *s, sqlite3_stmt *st, int *yes)
{
    int rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tr_sqlite_fail(s, "reading a cluster");
    return TRUCE_OK;
}

static int source_key_of(struct tr_sqlite_store *s, int64_t article,
                         sqlite3_stmt *has_source)
{
    sqlite3_stmt *st = s->stmt[TR_STMT_ARTICLE_SOURCE_KEY];
    if (sqlite3_bind_int64(st, 1, article) != SQLITE_OK)
        return tr_sqlite_fail(s, "reading an article");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = sqlite3_bind_value(has_source, 2, sqlite3_column_value(st, 0));
    else
        rc = SQLITE_ERROR;
    sqlite3_reset(st);
    return rc == SQLITE_OK ? TRUCE_OK
                           : tr_sqlite_fail(s, "reading an article");
}

/* Another report of 'cluster': is it a new article, a new publisher? */
static int grow(struct tr_sqlite_store *s, const struct tr_cluster_key *k,
                int64_t cluster)
{
    sqlite3_stmt *art = s->stmt[TR_STMT_CLUSTER_HAS_ARTICLE];
    sqlite3_stmt *src = s->stmt[TR_STMT_CLUSTER_HAS_SOURCE];
    int same_article, same_source;
    if (sqlite3_bind_int64(art, 1, cluster) ||
        sqlite3_bind_int64(art, 2, k->article) ||
        sqlite3_bind_int64(src, 1, cluster))
        return tr_sqlite_fail(s, "reading a cluster");
    int rc = source_key_of(s, k->article, src);
    if (!rc)
        rc = exists(s, art, &same_article);
    if (!rc)
        rc = exists(s, src, &same_source);
    if (rc)
        return rc;
    sqlite3_stmt *st = s->stmt[TR_STMT_GROW_CLUSTER];
    if (sqlite3_bind_int64(st, 1, cluster) ||
        sqlite3_bind_int(st, 2, !same_article) ||
        sqlite3_bind_int(st, 3, !same_source) ||
        sqlite3_bind_int64(st, 4, key_day(k)))
        return tr_sqlite_fail(s, "updating a cluster");
    return tr_sqlite_done(s, st, "updating a cluster");
}

static int set_event_cluster(struct tr_sqlite_store *s, int64_t event,
                             int64_t cluster)
{
    sqlite3_stmt *st = s->stmt[TR_STMT_SET_EVENT_CLUSTER];
    if (sqlite3_bind_int64(st, 1, event) ||
        sqlite3_bind_int64(st, 2, cluster))
        return tr_sqlite_fail(s, "clustering an event");
    return tr_sqlite_done(s, st, "clustering an event");
}

/* A new claim is linked to the asserted event it is about, if stored. */
static int link_claim(struct tr_sqlite_store *s,
                      const struct tr_cluster_key *k, int64_t cluster)
{
    struct tr_cluster_key asserted = *k;
    asserted.mode = "asserted";
    asserted.claim_code = "";
    int64_t target = 0;
    int rc = tr_sqlite_cluster_find(s, &asserted, &target);
    if (rc || !target)
        return rc;
    sqlite3_stmt *st = s->stmt[TR_STMT_LINK_CLAIM];
    if (sqlite3_bind_int64(st, 1, target) ||
        sqlite3_bind_int64(st, 2, cluster))
        return tr_sqlite_fail(s, "linking a claim");
    return tr_sqlite_done(s, st, "linking a claim");
}

/* A new asserted event takes in the claims about it stored before it. */
static int link_claims_to(struct tr_sqlite_store *s,
                          const struct tr_cluster_key *k, int64_t cluster)
{
    sqlite3_stmt *st = s->stmt[TR_STMT_LINK_CLAIMS_TO];
    int64_t day = key_day(k);
    if (sqlite3_bind_int64(st, 1, cluster) ||
        sqlite3_bind_text(st, 2, k->root, -1, SQLITE_STATIC) ||
        bind_key(st, k, 3) ||
        sqlite3_bind_int64(st, 7, day - window(k)) ||
        sqlite3_bind_int64(st, 8, day + window(k)))
        return tr_sqlite_fail(s, "linking claims");
    return tr_sqlite_done(s, st, "linking claims");
}

static int new_cluster(struct tr_sqlite_store *s,
                       const struct tr_cluster_key *k, int64_t event)
{
    sqlite3_stmt *st = s->stmt[TR_STMT_ADD_CLUSTER];
    int rc = sqlite3_bind_text(st, 1, k->root, -1, SQLITE_STATIC) |
             sqlite3_bind_text(st, 2, k->code, -1, SQLITE_STATIC) |
             sqlite3_bind_text(st, 3, k->mode, -1, SQLITE_STATIC) |
             sqlite3_bind_text(st, 4, k->claim_code, -1, SQLITE_STATIC) |
             bind_key(st, k, 5) |
             sqlite3_bind_text(st, 9, k->place, -1, SQLITE_STATIC) |
             sqlite3_bind_int64(st, 10, key_day(k)) |
             sqlite3_bind_int64(st, 11, event);
    if (rc != SQLITE_OK)
        return tr_sqlite_fail(s, "creating a cluster");
    rc = tr_sqlite_done(s, st, "creating a cluster");
    if (rc)
        return rc;
    int64_t cluster = sqlite3_last_insert_rowid(s->db);
    rc = set_event_cluster(s, event, cluster);
    if (rc)
        return rc;
    if (strcmp(k->mode, "claimed") == 0)
        return link_claim(s, k, cluster);
    if (strcmp(k->mode, "asserted") == 0)
        return link_claims_to(s, k, cluster);
    return TRUCE_OK;
}

int tr_sqlite_cluster_add(struct tr_sqlite_store *s,
                          const struct tr_cluster_key *k, int64_t cluster,
                          int64_t event)
{
    if (!cluster)
        return new_cluster(s, k, event);
    int rc = grow(s, k, cluster);
    if (rc)
        return rc;
    return set_event_cluster(s, event, cluster);
}
