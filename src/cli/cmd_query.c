/*
 * cmd_query.c -- `truce query`: stored events by date, actor, code, mode,
 * place and words, as a table, CSV or JSON Lines. Also opens the store for
 * the monitor and the report (cli_store_open).
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_store.h"

enum out_format { OUT_TABLE, OUT_CSV, OUT_JSONL };

#define MAX_FILTERS 64

struct query_opts {
    const char *db;
    struct tr_query q;
    const char *actors[MAX_FILTERS], *words[MAX_FILTERS];
    enum out_format format;
};

int cli_store_open(struct tr_store **out, const char *db,
                   struct cli_diag *diag)
{
    struct stat st;
    if (stat(db, &st) != 0) {
        cli_error("cannot open the store '%s': %s", db, strerror(errno));
        return -1;
    }
    int rc = tr_store_open_sqlite(out, db, cli_diag_print, diag);
    if (rc) {
        cli_error("cannot open the store '%s': %s", db, truce_strerror(rc));
        return -1;
    }
    return 0;
}

int cli_parse_day(const char *opt, const char *val, int64_t *day)
{
    *day = strlen(val) == 10 ? tr_store_day_parse(val) : TR_DAY_NONE;
    if (*day != TR_DAY_NONE)
        return 0;
    cli_error("%s wants YYYY-MM-DD, not '%s'", opt, val);
    return -1;
}

/* ---- output ---- */

static void put_field(const char *s, int csv)
{
    if (!csv) {
        for (; *s; s++)
            putchar(*s == '\n' || *s == '\t' ? ' ' : *s);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static const char *const COLUMNS[] = {
    "date",   "cluster", "reports", "sources", "code", "goldstein", "source",
    "target", "mode",    "doc",     "sent",    "sentence"};

static void print_header(enum out_format f)
{
    for (size_t i = 0; i < sizeof COLUMNS / sizeof COLUMNS[0]; i++)
        printf("%s%s", i ? (f == OUT_CSV ? "," : "\t") : "", COLUMNS[i]);
    putchar('\n');
}

static void print_row(const struct tr_event_row *r, int csv)
{
    const char *sep = csv ? "," : "\t";
    printf("%s%s%lld%s%lld%s%lld%s%s%s%.1f%s%s%s%s%s%s%s", r->date, sep,
           (long long)r->cluster, sep, (long long)r->n_reports, sep,
           (long long)r->n_sources, sep, r->code, sep, r->goldstein, sep,
           r->source_code, sep, r->target_code, sep, r->mode, sep);
    put_field(r->doc, csv);
    printf("%s%lld%s", sep, (long long)r->sent, sep);
    put_field(r->sentence, csv);
    putchar('\n');
}

static json_t *actor_json(const char *code, const char *text)
{
    if (!*code)
        return json_null();
    return json_pack("{s:s,s:s}", "code", code, "text", text);
}

static json_t *row_json(const struct tr_event_row *r)
{
    char dict[300];
    snprintf(dict, sizeof dict, "%s:%lld", r->dict_file,
             (long long)r->dict_line);
    return json_pack(
        "{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:i,s:f,s:o,s:o,s:s,s:s,s:s,s:o,s:s,"
        "s:f,s:{s:s*,s:s*,s:s*},s:I,s:I,s:I}",
        "id", (json_int_t)r->id, "cluster", (json_int_t)r->cluster, "doc",
        r->doc, "date", r->date, "sent", (json_int_t)r->sent, "code",
        r->code, "root", r->root, "quad", r->quad, "goldstein", r->goldstein,
        "source", actor_json(r->source_code, r->source_text), "target",
        actor_json(r->target_code, r->target_text), "text", r->sentence,
        "verb", r->verb, "mode", r->mode, "claim",
        *r->claim_code ? json_string(r->claim_code) : json_null(), "dict",
        dict, "confidence", r->confidence, "article", "source",
        *r->article_source ? r->article_source : NULL, "url",
        *r->url ? r->url : NULL, "title", *r->title ? r->title : NULL,
        "reports", (json_int_t)r->n_reports, "sources",
        (json_int_t)r->n_sources, "linked_cluster", (json_int_t)r->linked);
}

static int on_row(void *ud, const struct tr_event_row *r)
{
    const enum out_format *f = ud;
    if (*f != OUT_JSONL) {
        print_row(r, *f == OUT_CSV);
        return 0;
    }
    json_t *j = row_json(r);
    if (!j)
        return TRUCE_ENOMEM;
    int rc = json_dumpf(j, stdout, JSON_COMPACT);
    json_decref(j);
    putchar('\n');
    return rc ? TRUCE_EIO : 0;
}

/* ---- options ---- */

static int add_words(struct query_opts *o, char *val)
{
    for (char *w = val; *w;) {
        size_t n = strcspn(w, " ");
        if (n && o->q.n_words == MAX_FILTERS)
            return -1;
        if (n)
            o->words[o->q.n_words++] = w;
        w += n;
        if (*w)
            *w++ = 0;
    }
    return 0;
}

static int set_format(struct query_opts *o, const char *val)
{
    if (strcmp(val, "table") == 0)
        o->format = OUT_TABLE;
    else if (strcmp(val, "csv") == 0)
        o->format = OUT_CSV;
    else if (strcmp(val, "jsonl") == 0)
        o->format = OUT_JSONL;
    else {
        cli_error("--format wants table, csv or jsonl, not '%s'", val);
        return -1;
    }
    return 0;
}

static int set_option(struct query_opts *o, const char *a, char *val)
{
    if (strcmp(a, "--db") == 0)
        o->db = val;
    else if (strcmp(a, "--from") == 0)
        return cli_parse_day(a, val, &o->q.from_day);
    else if (strcmp(a, "--to") == 0)
        return cli_parse_day(a, val, &o->q.to_day);
    else if (strcmp(a, "--actor") == 0 && o->q.n_actors < MAX_FILTERS)
        o->actors[o->q.n_actors++] = val;
    else if (strcmp(a, "--code") == 0)
        o->q.code_prefix = val;
    else if (strcmp(a, "--mode") == 0)
        o->q.mode = val;
    else if (strcmp(a, "--place") == 0)
        o->q.place = val;
    else if (strcmp(a, "--text") == 0)
        return add_words(o, val);
    else if (strcmp(a, "--format") == 0)
        return set_format(o, val);
    else if (strcmp(a, "--limit") == 0)
        o->q.limit = strtoll(val, NULL, 10);
    else {
        cli_error("unknown option '%s' for 'query'", a);
        return -1;
    }
    return 0;
}

static int parse_options(struct query_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--clusters") == 0) {
            o->q.one_per_cluster = 1;
            continue;
        }
        if (i + 1 >= argc || a[0] != '-') {
            cli_error(a[0] == '-' ? "option %s needs a value"
                                  : "unexpected argument '%s' for 'query'",
                      a);
            return -1;
        }
        if (set_option(o, a, argv[++i]))
            return -1;
    }
    o->q.actors = o->actors;
    o->q.words = o->words;
    return 0;
}

int cmd_query(int argc, char **argv)
{
    struct query_opts o;
    memset(&o, 0, sizeof o);
    o.db = "truce.db";
    o.q.from_day = o.q.to_day = TR_DAY_NONE;
    if (parse_options(&o, argc, argv))
        return EXIT_USAGE;
    struct cli_diag diag = {0};
    struct tr_store *s;
    if (cli_store_open(&s, o.db, &diag))
        return EXIT_NOSTART;
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    if (o.format != OUT_JSONL)
        print_header(o.format);
    int rc = tr_store_query(s, &o.q, on_row, &o.format);
    fflush(stdout);
    tr_store_close(s);
    return rc ? EXIT_NOSTART : EXIT_GOOD;
}
