/*
 * cmd_validate.c -- `truce validate tabari PROJECT_FILE`: TABARI's own
 * validation suite (issue 4). The project names the dictionaries and the
 * text file; each record of the text ("DATE ID" line, text, then a
 * comment holding the expected codings "{ SRC / TGT / CODE }") is coded
 * with their dictionaries alone, by the TABARI engine (tabari.c), and the
 * codings compared as sets. "{---}", "{+++}" and "{###}" expect no event.
 * OPTION records change TABARI's settings and are not tests. Ends with
 * "N passed, M failed".
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dictfmt.h"
#include "tabari.h"

#define MAX_CODINGS 64

struct coding {
    char src[32], tgt[32], code[8];
};

struct record {
    char id[64], date[16];
    char *text;   /* owned */
    size_t len, cap;
    struct coding want[MAX_CODINGS], got[MAX_CODINGS];
    int n_want, n_got, is_option, has_expect;
    char option[8][256]; /* "SET: ..." of an OPTION record */
    int n_option;
};

static int text_add(struct record *r, const char *s, size_t n)
{
    if (r->len + n + 2 > r->cap) {
        size_t cap = (r->len + n + 2) * 2;
        char *p = realloc(r->text, cap);
        if (!p)
            return -1;
        r->text = p;
        r->cap = cap;
    }
    memcpy(r->text + r->len, s, n);
    r->len += n;
    r->text[r->len++] = ' ';
    r->text[r->len] = 0;
    return 0;
}

static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

/* One "{...}" of the annotation. */
static void expect(struct record *r, const char *s, size_t n)
{
    char body[256];
    copy_field(body, sizeof body, s, n);
    r->has_expect = 1;
    if (strncmp(body, "OPTION", 6) == 0) {
        const char *colon = strchr(body, ':');
        r->is_option = 1;
        if (r->n_option < 8)
            snprintf(r->option[r->n_option++], sizeof r->option[0], "%s",
                     colon ? colon + 1 : "");
        return;
    }
    char *a = strchr(body, '/');
    char *b = a ? strchr(a + 1, '/') : NULL;
    if (!a || !b || r->n_want == MAX_CODINGS)
        return; /* {---} {+++} {###}: no event */
    struct coding *c = &r->want[r->n_want++];
    copy_field(c->src, sizeof c->src, body, (size_t)(a - body));
    copy_field(c->tgt, sizeof c->tgt, a + 1, (size_t)(b - a - 1));
    copy_field(c->code, sizeof c->code, b + 1, strlen(b + 1));
}

static void annotation(struct record *r, const char *line)
{
    for (const char *p = line; (p = strstr(p, "\\n")) != NULL; p += 2) {
        const char *q = p + 2;
        while (*q == ' ')
            q++;
        if (*q != '{')
            continue; /* "\n-{" is a disabled coding */
        const char *end = strchr(q, '}');
        if (!end) /* an OPTION whose closing brace was left out */
            end = strstr(q, "*/");
        if (end)
            expect(r, q + 1, (size_t)(end - q - 1));
    }
}

static int same(const struct coding *a, const struct coding *b)
{
    return strcmp(a->src, b->src) == 0 && strcmp(a->tgt, b->tgt) == 0 &&
           strcmp(a->code, b->code) == 0;
}

static int has(const struct coding *set, int n, const struct coding *c)
{
    for (int i = 0; i < n; i++)
        if (same(&set[i], c))
            return 1;
    return 0;
}

static void on_event(void *ud, const struct tr_tabari_event *ev)
{
    struct record *r = ud;
    struct coding c;
    snprintf(c.src, sizeof c.src, "%s", ev->source);
    snprintf(c.tgt, sizeof c.tgt, "%s", ev->target);
    snprintf(c.code, sizeof c.code, "%s", ev->code);
    if (r->n_got < MAX_CODINGS && !has(r->got, r->n_got, &c))
        r->got[r->n_got++] = c;
}

static void print_set(const char *what, const struct coding *set, int n)
{
    printf("  %s:", what);
    if (!n)
        printf(" (none)");
    for (int i = 0; i < n; i++)
        printf(" {%s / %s / %s}", set[i].src, set[i].tgt, set[i].code);
    printf("\n");
}

struct tally {
    unsigned passed, failed;
};

static const char *only; /* --only ID: run that record alone */

static void run_record(struct tr_tabari *tb, struct record *r,
                       struct tally *t)
{
    if (r->is_option) {
        for (int i = 0; i < r->n_option; i++)
            tr_tabari_option(tb, r->option[i]);
        return;
    }
    if (!r->has_expect || (only && strcmp(only, r->id) != 0))
        return;
    r->n_got = 0;
    (void)tr_tabari_code(tb, r->text ? r->text : "", r->len, r->date,
                         on_event, r);
    int ok = r->n_got == r->n_want;
    for (int i = 0; ok && i < r->n_want; i++)
        ok = has(r->got, r->n_got, &r->want[i]);
    if (ok) {
        t->passed++;
        return;
    }
    t->failed++;
    printf("FAIL %s: %.200s\n", r->id, r->text ? r->text : "");
    print_set("expected", r->want, r->n_want);
    print_set("actual", r->got, r->n_got);
}

/* "YYMMDD ID" or "YYYYMMDD ID": a record starts here. */
static int record_start(const char *line, struct record *r)
{
    size_t d = strspn(line, "0123456789");
    if ((d != 6 && d != 8) || (line[d] != ' ' && line[d] != '\t'))
        return 0;
    int y;
    if (d == 6) {
        y = (line[0] - '0') * 10 + (line[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        snprintf(r->date, sizeof r->date, "%04d-%.2s-%.2s", y, line + 2,
                 line + 4);
    }
    else {
        snprintf(r->date, sizeof r->date, "%.4s-%.2s-%.2s", line, line + 4,
                 line + 6);
    }
    copy_field(r->id, sizeof r->id, line + d, strcspn(line + d, "\r\n"));
    r->len = 0;
    if (r->text)
        r->text[0] = 0;
    r->n_want = r->n_got = r->is_option = r->has_expect = 0;
    r->n_option = 0;
    return 1;
}

static int run_text(struct tr_tabari *tb, const char *path,
                    struct tally *t)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("%s: cannot open", path);
        return EXIT_NOSTART;
    }
    struct record r;
    memset(&r, 0, sizeof r);
    char line[4096];
    int in_rec = 0, in_comment = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!in_comment && record_start(line, &r)) {
            in_rec = 1;
            continue;
        }
        if (!in_rec)
            continue;
        char *open = strstr(line, "/*");
        if (in_comment || open) {
            if (!in_comment && open > line && text_add(&r, line,
                                                       (size_t)(open - line)))
                break;
            in_comment = 1;
            annotation(&r, line);
            if (strstr(line, "*/")) {
                in_comment = 0;
                in_rec = 0;
                run_record(tb, &r, t);
            }
            continue;
        }
        if (line[0] && text_add(&r, line, strlen(line)))
            break;
        /* TABARI stops here: the records after it need other options
         * or were kept for debugging (the file says so) */
        if (strstr(line, "This is the end of the standard validation records"))
            break;
    }
    fclose(f);
    free(r.text);
    return EXIT_GOOD;
}

/* The project's "<textfile>", relative to its folder (the dictionaries
 * and options are read by cli_dict_sources_add_set()). */
static int text_file(const char *project, char *out, size_t cap)
{
    FILE *f = fopen(project, "r");
    if (!f) {
        cli_error("%s: cannot open project", project);
        return EXIT_NOSTART;
    }
    const char *slash = strrchr(project, '/');
    char line[4096], name[1024];
    out[0] = 0;
    while (!out[0] && fgets(line, sizeof line, f))
        if (strncmp(line, "<textfile>", 10) == 0 &&
            sscanf(line + 10, " %1023s", name) == 1)
            snprintf(out, cap, "%.*s%s", name[0] == '/' || !slash
                                             ? 0
                                             : (int)(slash - project + 1),
                     project, name);
    fclose(f);
    if (!out[0]) {
        cli_error("%s: no <textfile>", project);
        return EXIT_NOSTART;
    }
    return EXIT_GOOD;
}

/* The project's dictionaries and options into a new engine. */
static int load_project(const char *project, struct cli_diag *diag,
                        struct tr_tabari **out)
{
    struct cli_dict_sources s;
    memset(&s, 0, sizeof s);
    int rc = cli_dict_sources_add_set(&s, project);
    if (!rc && tr_tabari_new(out, cli_diag_print, diag))
        rc = EXIT_NOSTART;
    if (!rc) {
        int lr = tr_tabari_load_set(*out, s.src, s.n, s.options);
        if (lr != TRUCE_OK && lr != TRUCE_EDICT)
            rc = EXIT_NOSTART;
    }
    cli_dict_sources_free(&s);
    return rc;
}

int cmd_validate(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[3], "--only") == 0)
        only = argv[4];
    else if (argc != 3)
        argc = 0;
    if (argc < 3 || strcmp(argv[1], "tabari") != 0) {
        cli_error("usage: truce validate tabari PROJECT_FILE [--only ID]");
        return EXIT_USAGE;
    }
    struct cli_diag diag = {0, 0, 1};
    struct tr_tabari *tb = NULL;
    char text[4096];
    int rc = text_file(argv[2], text, sizeof text);
    if (rc == EXIT_GOOD)
        rc = load_project(argv[2], &diag, &tb);
    struct tally t = {0, 0};
    if (rc == EXIT_GOOD)
        rc = run_text(tb, text, &t);
    tr_tabari_free(tb);
    if (rc)
        return rc;
    printf("%u passed, %u failed\n", t.passed, t.failed);
    return t.failed ? EXIT_BADINPUT : EXIT_GOOD;
}
