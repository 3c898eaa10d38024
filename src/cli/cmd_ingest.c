/*
 * cmd_ingest.c -- `truce ingest`: read articles the way `truce code` does
 * (text files, folders, JSON Lines, stdin), code them and store each with
 * its events in one transaction. Articles already stored (same id or same
 * text) are skipped, so running it twice changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input.h"
#include "store.h"

struct ingest {
    struct truce_coder *coder;
    struct tr_store *store;
    struct cli_diag diag;
    const char *date; /* --date, or NULL */
    enum cli_input_format input;
    struct tr_ingest_stats stats;
    int bad;       /* some input was bad */
    int store_err; /* the store failed: stop */
};

/* One article into the store; stops the reading when the store fails. */
static int store_article(void *ud, const struct cli_article *in)
{
    struct ingest *r = ud;
    struct tr_article_in a = {in->id, in->date, in->title, in->source,
                              in->url, in->text, in->len};
    if (a.date && tr_store_day_parse(a.date) == TR_DAY_NONE) {
        struct truce_diag d = {TRUCE_ERROR, in->id, 0, 0,
                               "\"date\" is not YYYY-MM-DD; ignored"};
        cli_diag_print(&r->diag, &d);
        r->bad = 1;
        a.date = NULL;
    }
    if (!a.date)
        a.date = r->date;
    int rc = tr_store_ingest(r->store, r->coder, &a, &r->stats);
    if (rc == TRUCE_ELIMIT || rc == TRUCE_EINPUT)
        r->bad = 1;
    else if (rc)
        r->store_err = rc;
    return r->store_err != 0;
}

/* ---- options ---- */

struct ingest_opts {
    const char *db, *dict_dir;
    int first; /* first non-option argument */
};

static int set_option(struct ingest *r, struct ingest_opts *o, const char *a,
                      const char *val)
{
    if (strcmp(a, "--db") == 0)
        o->db = val;
    else if (strcmp(a, "--dict-dir") == 0)
        o->dict_dir = val;
    else if (strcmp(a, "--date") == 0) {
        if (strlen(val) != 10 || tr_store_day_parse(val) == TR_DAY_NONE) {
            cli_error("--date wants YYYY-MM-DD, not '%s'", val);
            return -1;
        }
        r->date = val;
    }
    else if (strcmp(a, "--input") == 0 && strcmp(val, "text") == 0)
        r->input = CLI_IN_TEXT;
    else if (strcmp(a, "--input") == 0 && strcmp(val, "jsonl") == 0)
        r->input = CLI_IN_JSONL;
    else if (strcmp(a, "--input") == 0) {
        cli_error("--input wants text or jsonl, not '%s'", val);
        return -1;
    }
    else {
        cli_error("unknown option '%s' for 'ingest'", a);
        return -1;
    }
    return 0;
}

static int parse_options(struct ingest *r, struct ingest_opts *o, int argc,
                         char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || a[1] == 0)
            break;
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            r->diag.quiet_warnings = 1;
            continue;
        }
        if (i + 1 >= argc) {
            cli_error("option %s needs a value", a);
            return -1;
        }
        if (set_option(r, o, a, argv[++i]))
            return -1;
    }
    o->first = i;
    return 0;
}

static void print_summary(struct ingest *r)
{
    struct tr_store_counts c = {0};
    printf("ingest: %lld article(s) new, %lld skipped (already stored), "
           "%lld event(s)\n",
           (long long)r->stats.articles_new,
           (long long)r->stats.articles_skipped, (long long)r->stats.events);
    if (r->store->ops->counts(r->store, &c) == TRUCE_OK)
        printf("store: %lld article(s), %lld event(s), %lld event "
               "cluster(s), %lld claim link(s)\n",
               (long long)c.articles, (long long)c.events,
               (long long)c.clusters, (long long)c.claim_links);
}

static int open_all(struct ingest *r, const struct ingest_opts *o)
{
    struct truce_coder_options opt = {0};
    opt.dict_dir = cli_dict_dir(o->dict_dir);
    opt.diag = cli_diag_print;
    opt.diag_ud = &r->diag;
    int rc = truce_coder_new(&r->coder, &opt);
    if (!r->coder) {
        cli_error("cannot load the dictionaries: %s", truce_strerror(rc));
        return -1;
    }
    if (rc)
        r->bad = 1; /* some dictionary lines were unreadable */
    rc = tr_store_open_sqlite(&r->store, o->db, cli_diag_print, &r->diag);
    if (rc) {
        cli_error("cannot open the store '%s': %s", o->db, truce_strerror(rc));
        return -1;
    }
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    struct ingest r;
    memset(&r, 0, sizeof r);
    struct ingest_opts o = {"truce.db", NULL, 0};
    if (parse_options(&r, &o, argc, argv))
        return EXIT_USAGE;
    int status = EXIT_NOSTART;
    if (open_all(&r, &o) == 0) {
        struct cli_input in = {r.input, &r.diag, store_article, &r, 0, 0};
        if (o.first >= argc)
            cli_input_path(&in, "-");
        for (int i = o.first; i < argc && !r.store_err; i++)
            cli_input_path(&in, argv[i]);
        if (in.bad)
            r.bad = 1;
        print_summary(&r);
        if (r.store_err)
            cli_error("stopped: %s", truce_strerror(r.store_err));
        status = r.store_err                          ? EXIT_NOSTART
                 : r.bad || r.stats.bad || r.diag.errors ? EXIT_BADINPUT
                                                       : EXIT_GOOD;
    }
    tr_store_close(r.store);
    truce_coder_free(r.coder);
    return status;
}
