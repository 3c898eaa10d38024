/*
 * cmd_ingest.c -- `truce ingest`: read articles the way `truce code` does
 * (text files, folders, JSON Lines, stdin), code them and store each with
 * its events in one transaction. Articles already stored (same id or same
 * text) are skipped, so running it twice changes nothing.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cli.h"
#include "lines.h"
#include "store.h"

enum in_format { IN_AUTO, IN_TEXT, IN_JSONL };

struct ingest {
    struct truce_coder *coder;
    struct tr_store *store;
    struct cli_diag diag;
    const char *date; /* --date, or NULL */
    enum in_format input;
    struct tr_ingest_stats stats;
    int bad;       /* some input was bad */
    int store_err; /* the store failed: stop */
};

static void input_error(struct ingest *r, const char *file, uint64_t line,
                        const char *msg)
{
    struct truce_diag d = {TRUCE_ERROR, file, line, 0, msg};
    cli_diag_print(&r->diag, &d);
    r->bad = 1;
}

static void store_article(struct ingest *r, struct tr_article_in *a)
{
    if (!a->date)
        a->date = r->date;
    int rc = tr_store_ingest(r->store, r->coder, a, &r->stats);
    if (rc == TRUCE_ELIMIT || rc == TRUCE_EINPUT)
        r->bad = 1;
    else if (rc)
        r->store_err = rc;
}

static void ingest_text_stream(struct ingest *r, const char *name, FILE *f)
{
    struct tr_buf b;
    tr_buf_init(&b, TRUCE_MAX_ARTICLE);
    char chunk[65536];
    size_t got;
    int rc = 0;
    while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = tr_buf_add(&b, chunk, got);
    if (ferror(f))
        input_error(r, name, 0, strerror(errno));
    else if (rc == TRUCE_ELIMIT)
        input_error(r, name, 0, "article larger than the 8 MiB limit; skipped");
    else if (rc)
        input_error(r, name, 0, "out of memory reading the file");
    else if (b.len == 0)
        input_error(r, name, 0, "empty file; nothing to code");
    else {
        struct tr_article_in a = {name, NULL, NULL, NULL, NULL, b.data, b.len};
        store_article(r, &a);
    }
    tr_buf_release(&b);
}

static const char *json_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void record_id(json_t *rec, const char *name, uint64_t lineno,
                      char *buf, size_t size, const char **id)
{
    json_t *idv = json_object_get(rec, "id");
    *id = json_str(rec, "id");
    if (*id)
        return;
    if (json_is_integer(idv))
        snprintf(buf, size, "%lld", (long long)json_integer_value(idv));
    else
        snprintf(buf, size, "%.40s:%llu", name, (unsigned long long)lineno);
    *id = buf;
}

static void ingest_record(struct ingest *r, const char *name,
                          uint64_t lineno, const char *line, size_t n)
{
    json_error_t err;
    json_t *rec = json_loadb(line, n, 0, &err);
    char msg[300];
    if (!rec) {
        snprintf(msg, sizeof msg, "invalid JSON record: %s; skipped",
                 err.text);
        input_error(r, name, lineno, msg);
        return;
    }
    json_t *text = json_object_get(rec, "text");
    if (!json_is_object(rec) || !json_is_string(text)) {
        input_error(r, name, lineno, "record has no \"text\" string; skipped");
        json_decref(rec);
        return;
    }
    char idbuf[64];
    struct tr_article_in a = {NULL, json_str(rec, "date"),
                              json_str(rec, "title"), json_str(rec, "source"),
                              json_str(rec, "url"), json_string_value(text),
                              json_string_length(text)};
    record_id(rec, name, lineno, idbuf, sizeof idbuf, &a.doc);
    if (a.date && tr_store_day_parse(a.date) == TR_DAY_NONE) {
        input_error(r, name, lineno, "\"date\" is not YYYY-MM-DD; ignored");
        a.date = NULL;
    }
    store_article(r, &a);
    json_decref(rec);
}

static void ingest_jsonl_stream(struct ingest *r, const char *name, FILE *f)
{
    struct tr_lines lr;
    tr_lines_init(&lr, f, TRUCE_MAX_LINE);
    const char *line;
    size_t n;
    int st;
    while (!r->store_err &&
           (st = tr_lines_next(&lr, &line, &n)) != TR_LINE_EOF) {
        if (st == TR_LINE_TOO_LONG) {
            input_error(r, name, lr.lineno,
                        "line longer than the 16 MiB limit; skipped");
            continue;
        }
        if (st == TR_LINE_ERROR) {
            input_error(r, name, lr.lineno, "read error");
            break;
        }
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        if (n)
            ingest_record(r, name, lr.lineno, line, n);
    }
    tr_lines_release(&lr);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void ingest_file(struct ingest *r, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        input_error(r, path, 0, strerror(errno));
        return;
    }
    const char *name = f == stdin ? "<stdin>" : path;
    enum in_format fmt = r->input;
    if (fmt == IN_AUTO)
        fmt = ends_with(path, ".jsonl") ? IN_JSONL : IN_TEXT;
    if (fmt == IN_JSONL)
        ingest_jsonl_stream(r, name, f);
    else
        ingest_text_stream(r, name, f);
    if (f != stdin)
        fclose(f);
}

/* In a folder: *.txt articles and *.jsonl streams, never the golden
 * *.events.jsonl files that sit beside our samples. */
static int wanted_in_dir(const struct ingest *r, const char *name)
{
    if (name[0] == '.' || ends_with(name, ".events.jsonl"))
        return 0;
    if (r->input == IN_TEXT)
        return ends_with(name, ".txt");
    if (r->input == IN_JSONL)
        return ends_with(name, ".jsonl");
    return ends_with(name, ".txt") || ends_with(name, ".jsonl");
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ingest_path(struct ingest *r, const char *path);

/* The folder's entries, sorted, so that the order of ingest (and with it
 * the store's ids) does not depend on the file system. */
static char **list_dir(struct ingest *r, const char *path, size_t *n)
{
    DIR *d = opendir(path);
    *n = 0;
    if (!d) {
        input_error(r, path, 0, strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *names);
            if (!p)
                break;
            names = p;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[*n] = malloc(len)))
            break;
        snprintf(names[*n], len, "%s/%s", path, e->d_name);
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

static void ingest_dir(struct ingest *r, const char *path)
{
    size_t n;
    char **names = list_dir(r, path, &n);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        const char *base = strrchr(names[i], '/') + 1;
        if (r->store_err) {
            free(names[i]);
            continue;
        }
        if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
            ingest_path(r, names[i]);
        else if (wanted_in_dir(r, base))
            ingest_file(r, names[i]);
        free(names[i]);
    }
    free(names);
}

static void ingest_path(struct ingest *r, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        ingest_dir(r, path);
    else
        ingest_file(r, path);
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
        r->input = IN_TEXT;
    else if (strcmp(a, "--input") == 0 && strcmp(val, "jsonl") == 0)
        r->input = IN_JSONL;
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
        if (o.first >= argc)
            ingest_path(&r, "-");
        for (int i = o.first; i < argc && !r.store_err; i++)
            ingest_path(&r, argv[i]);
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
