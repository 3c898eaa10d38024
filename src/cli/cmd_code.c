/*
 * cmd_code.c -- `truce code`: read articles (text files, folders, JSON
 * Lines, stdin), code them, print events as JSON Lines, a table or CSV.
 * A pure stream filter: one article in memory at a time, so Spark's
 * RDD.pipe or Hadoop streaming can run it unchanged. Bad input is reported
 * with file and line and skipped; the exit status then is 1.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "dictfmt.h"
#include "lines.h"

enum out_format { OUT_JSONL, OUT_TABLE, OUT_CSV };
enum in_format { IN_AUTO, IN_TEXT, IN_JSONL };

struct run {
    struct truce_coder *coder;
    struct cli_diag diag;
    const char *date;        /* --date, or NULL */
    enum in_format input;
    enum out_format format;
    int bad;                 /* some input was bad */
    unsigned long articles, events;
};

/* ---- output ---- */

static int write_stdout(void *ud, const char *s, size_t n)
{
    (void)ud;
    return fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

static void put_field(const char *s, size_t n, int csv)
{
    if (!csv) {
        for (size_t i = 0; i < n; i++)
            putchar(s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
        return;
    }
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            putchar('"');
        putchar(s[i]);
    }
    putchar('"');
}

static void print_row(const struct truce_event *ev, int csv)
{
    const char *sep = csv ? "," : "\t";
    printf("%s%s%u%s%s%s%s%s%d%s%.1f%s", ev->doc, sep, ev->sent, sep,
           ev->code, sep, ev->root, sep, ev->quad, sep, ev->goldstein, sep);
    printf("%s%s", ev->source.code, sep);
    put_field(ev->text + ev->source.off, ev->source.len, csv);
    printf("%s%s%s", sep, ev->has_target ? ev->target.code : "", sep);
    if (ev->has_target)
        put_field(ev->text + ev->target.off, ev->target.len, csv);
    fputs(sep, stdout);
    put_field(ev->text + ev->verb_off, ev->verb_len, csv);
    fputs(sep, stdout);
    put_field(ev->text + ev->sent_off, ev->sent_len, csv);
    putchar('\n');
}

static void on_event(void *ud, const struct truce_event *ev)
{
    struct run *r = ud;
    r->events++;
    if (r->format == OUT_JSONL) {
        truce_event_write_json(ev, write_stdout, NULL);
        putchar('\n');
        return;
    }
    print_row(ev, r->format == OUT_CSV);
}

static void print_header(const struct run *r)
{
    const char *cols[] = {"doc",    "sent",        "code",   "root",
                          "quad",   "goldstein",   "source", "source_text",
                          "target", "target_text", "verb",   "sentence"};
    if (r->format == OUT_JSONL)
        return;
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        printf("%s%s", i ? (r->format == OUT_CSV ? "," : "\t") : "",
               cols[i]);
    putchar('\n');
}

/* ---- articles ---- */

static void code_article(struct run *r, const char *id, const char *date,
                         const char *text, size_t len)
{
    struct truce_article a = {id, date ? date : r->date, NULL, text, len};
    int rc = truce_coder_code(r->coder, &a, on_event, r);
    r->articles++;
    if (rc)
        r->bad = 1;
}

static void input_error(struct run *r, const char *file, uint64_t line,
                        const char *msg)
{
    struct truce_diag d = {TRUCE_ERROR, file, line, 0, msg};
    cli_diag_print(&r->diag, &d);
    r->bad = 1;
}

static void code_text_stream(struct run *r, const char *name, FILE *f)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int too_big = 0;
    for (;;) {
        if (cap - len < 65536) {
            size_t ncap = cap ? cap * 2 : 131072;
            char *p = realloc(buf, ncap);
            if (!p) {
                input_error(r, name, 0, "out of memory reading the file");
                free(buf);
                return;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len > TRUCE_MAX_ARTICLE) {
            too_big = 1;
            break;
        }
        if (got == 0)
            break;
    }
    if (ferror(f))
        input_error(r, name, 0, strerror(errno));
    else if (too_big)
        input_error(r, name, 0,
                    "article larger than the 8 MiB limit; skipped");
    else if (len == 0)
        input_error(r, name, 0, "empty file; nothing to code");
    else
        code_article(r, name, NULL, buf, len);
    free(buf);
}

static const char *json_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void code_record(struct run *r, const char *name, uint64_t lineno,
                        const char *line, size_t n)
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
        input_error(r, name, lineno,
                    "record has no \"text\" string; skipped");
        json_decref(rec);
        return;
    }
    char idbuf[64];
    const char *id = json_str(rec, "id");
    json_t *idv = json_object_get(rec, "id");
    if (!id && json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld",
                 (long long)json_integer_value(idv));
        id = idbuf;
    }
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "%.40s:%llu", name,
                 (unsigned long long)lineno);
        id = idbuf;
    }
    code_article(r, id, json_str(rec, "date"), json_string_value(text),
                 json_string_length(text));
    json_decref(rec);
}

static void code_jsonl_stream(struct run *r, const char *name, FILE *f)
{
    struct tr_lines lr;
    tr_lines_init(&lr, f, TRUCE_MAX_LINE);
    const char *line;
    size_t n;
    int st;
    while ((st = tr_lines_next(&lr, &line, &n)) != TR_LINE_EOF) {
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
        if (n == 0)
            continue;
        code_record(r, name, lr.lineno, line, n);
    }
    tr_lines_release(&lr);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static enum in_format format_of(const struct run *r, const char *path)
{
    if (r->input != IN_AUTO)
        return r->input;
    return ends_with(path, ".jsonl") ? IN_JSONL : IN_TEXT;
}

static void code_file(struct run *r, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        input_error(r, path, 0, strerror(errno));
        return;
    }
    const char *name = f == stdin ? "<stdin>" : path;
    if (format_of(r, path) == IN_JSONL)
        code_jsonl_stream(r, name, f);
    else
        code_text_stream(r, name, f);
    if (f != stdin)
        fclose(f);
}

/* In a folder: *.txt articles and *.jsonl streams, never the golden
 * *.events.jsonl files that sit beside our samples. */
static int wanted_in_dir(const struct run *r, const char *name)
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

static void code_path(struct run *r, const char *path);

static void code_dir(struct run *r, const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        input_error(r, path, 0, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *names);
            if (!p)
                break;
            names = p;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            break;
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        const char *base = strrchr(names[i], '/') + 1;
        if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
            code_path(r, names[i]);
        else if (wanted_in_dir(r, base))
            code_file(r, names[i]);
        free(names[i]);
    }
    free(names);
}

static void code_path(struct run *r, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        code_dir(r, path);
    else
        code_file(r, path);
}

/* ---- options ---- */

static int valid_date(const char *s)
{
    struct truce_cameo_info unused;
    (void)unused;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int parse_options(struct run *r, int argc, char **argv,
                         const char **dict_dir, int *first_arg)
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
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            r->diag.quiet_warnings = 1;
            continue;
        }
        if (!val) {
            cli_error("option %s needs a value", a);
            return -1;
        }
        i++;
        if (strcmp(a, "--date") == 0) {
            if (!valid_date(val)) {
                cli_error("--date wants YYYY-MM-DD, not '%s'", val);
                return -1;
            }
            r->date = val;
        }
        else if (strcmp(a, "--input") == 0) {
            if (strcmp(val, "text") == 0)
                r->input = IN_TEXT;
            else if (strcmp(val, "jsonl") == 0)
                r->input = IN_JSONL;
            else {
                cli_error("--input wants text or jsonl, not '%s'", val);
                return -1;
            }
        }
        else if (strcmp(a, "--format") == 0) {
            if (strcmp(val, "jsonl") == 0)
                r->format = OUT_JSONL;
            else if (strcmp(val, "table") == 0)
                r->format = OUT_TABLE;
            else if (strcmp(val, "csv") == 0)
                r->format = OUT_CSV;
            else {
                cli_error("--format wants jsonl, table or csv, not '%s'", val);
                return -1;
            }
        }
        else if (strcmp(a, "--dict-dir") == 0) {
            *dict_dir = val;
        }
        else {
            cli_error("unknown option '%s' for 'code'", a);
            return -1;
        }
    }
    *first_arg = i;
    return 0;
}

int cmd_code(int argc, char **argv)
{
    struct run r;
    memset(&r, 0, sizeof r);
    const char *dict_dir = NULL;
    int first;
    struct cli_dict_sources theirs;
    memset(&theirs, 0, sizeof theirs);
    if (cli_dict_sources_parse(&argc, argv, &theirs)) {
        cli_dict_sources_free(&theirs);
        return EXIT_USAGE;
    }
    if (parse_options(&r, argc, argv, &dict_dir, &first)) {
        cli_dict_sources_free(&theirs);
        return EXIT_USAGE;
    }
    struct truce_coder_options opt = {0};
    opt.dict_dir = cli_dict_dir(dict_dir);
    opt.diag = cli_diag_print;
    opt.diag_ud = &r.diag;
    cli_dict_sources_apply(&theirs, &opt);
    int rc = truce_coder_new(&r.coder, &opt);
    cli_dict_sources_free(&theirs);
    if (!r.coder) {
        cli_error("cannot load the dictionaries: %s", truce_strerror(rc));
        return EXIT_NOSTART;
    }
    if (rc)
        r.bad = 1; /* some dictionary lines were unreadable */
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    print_header(&r);
    if (first >= argc)
        code_path(&r, "-");
    for (int i = first; i < argc; i++)
        code_path(&r, argv[i]);
    fflush(stdout);
    truce_coder_free(r.coder);
    return r.bad || r.diag.errors ? EXIT_BADINPUT : EXIT_GOOD;
}
