/*
 * cmd_code.c -- `truce code`: read articles (text files, folders, JSON
 * Lines, stdin), code them, print events as JSON Lines, a table or CSV.
 * A pure stream filter: one article in memory at a time, so Spark's
 * RDD.pipe or Hadoop streaming can run it unchanged. Bad input is reported
 * with file and line and skipped; the exit status then is 1.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dictfmt.h"
#include "input.h"

enum out_format { OUT_JSONL, OUT_TABLE, OUT_CSV };

struct run {
    struct truce_coder *coder;
    struct cli_diag diag;
    const char *date;        /* --date, or NULL */
    enum cli_input_format input;
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

static int code_article(void *ud, const struct cli_article *a)
{
    struct run *r = ud;
    struct truce_article art = {a->id, a->date ? a->date : r->date, a->title,
                                a->text, a->len};
    int rc = truce_coder_code(r->coder, &art, on_event, r);
    r->articles++;
    if (rc)
        r->bad = 1;
    return 0;
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
                r->input = CLI_IN_TEXT;
            else if (strcmp(val, "jsonl") == 0)
                r->input = CLI_IN_JSONL;
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
    struct cli_input in = {r.input, &r.diag, code_article, &r, 0, 0};
    if (first >= argc)
        cli_input_path(&in, "-");
    for (int i = first; i < argc; i++)
        cli_input_path(&in, argv[i]);
    if (in.bad)
        r.bad = 1;
    fflush(stdout);
    truce_coder_free(r.coder);
    return r.bad || r.diag.errors ? EXIT_BADINPUT : EXIT_GOOD;
}
