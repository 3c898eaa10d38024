/*
 * input.c -- the command line's article reader (see input.h): one article
 * in memory at a time, a JSON Lines line over the limit skipped without
 * being buffered.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "input.h"
#include "lines.h"

static void input_error(struct cli_input *in, const char *file, uint64_t line,
                        const char *msg)
{
    struct truce_diag d = {TRUCE_ERROR, file, line, 0, msg};
    cli_diag_print(in->diag, &d);
    in->bad = 1;
}

static void deliver(struct cli_input *in, const struct cli_article *a)
{
    if (in->fn(in->ud, a))
        in->stop = 1;
}

static void read_text(struct cli_input *in, const char *name, FILE *f)
{
    struct tr_buf b;
    tr_buf_init(&b, TRUCE_MAX_ARTICLE);
    char chunk[65536];
    size_t got;
    int rc = 0;
    while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = tr_buf_add(&b, chunk, got);
    if (ferror(f))
        input_error(in, name, 0, strerror(errno));
    else if (rc == TRUCE_ELIMIT)
        input_error(in, name, 0, "article larger than the 8 MiB limit; "
                                 "skipped");
    else if (rc)
        input_error(in, name, 0, "out of memory reading the file");
    else if (b.len == 0)
        input_error(in, name, 0, "empty file; nothing to code");
    else {
        struct cli_article a = {name, NULL, NULL, NULL, NULL, b.data, b.len};
        deliver(in, &a);
    }
    tr_buf_release(&b);
}

static const char *json_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The record's id: its "id" string or number, else "file:line". */
static const char *record_id(json_t *rec, const char *name, uint64_t lineno,
                             char *buf, size_t size)
{
    const char *id = json_str(rec, "id");
    json_t *idv = json_object_get(rec, "id");
    if (id)
        return id;
    if (json_is_integer(idv))
        snprintf(buf, size, "%lld", (long long)json_integer_value(idv));
    else
        snprintf(buf, size, "%.40s:%llu", name, (unsigned long long)lineno);
    return buf;
}

static void read_record(struct cli_input *in, const char *name,
                        uint64_t lineno, const char *line, size_t n)
{
    json_error_t err;
    json_t *rec = json_loadb(line, n, 0, &err);
    char msg[300];
    if (!rec) {
        snprintf(msg, sizeof msg, "invalid JSON record: %s; skipped",
                 err.text);
        input_error(in, name, lineno, msg);
        return;
    }
    json_t *text = json_object_get(rec, "text");
    if (!json_is_object(rec) || !json_is_string(text)) {
        input_error(in, name, lineno, "record has no \"text\" string; skipped");
        json_decref(rec);
        return;
    }
    char idbuf[64];
    struct cli_article a = {record_id(rec, name, lineno, idbuf, sizeof idbuf),
                            json_str(rec, "date"), json_str(rec, "title"),
                            json_str(rec, "source"), json_str(rec, "url"),
                            json_string_value(text), json_string_length(text)};
    deliver(in, &a);
    json_decref(rec);
}

static void read_jsonl(struct cli_input *in, const char *name, FILE *f)
{
    struct tr_lines lr;
    tr_lines_init(&lr, f, TRUCE_MAX_LINE);
    const char *line;
    size_t n;
    int st;
    while (!in->stop && (st = tr_lines_next(&lr, &line, &n)) != TR_LINE_EOF) {
        if (st == TR_LINE_TOO_LONG) {
            input_error(in, name, lr.lineno,
                        "line longer than the 16 MiB limit; skipped");
            continue;
        }
        if (st == TR_LINE_ERROR) {
            input_error(in, name, lr.lineno, "read error");
            break;
        }
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        if (n)
            read_record(in, name, lr.lineno, line, n);
    }
    tr_lines_release(&lr);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void read_file(struct cli_input *in, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        input_error(in, path, 0, strerror(errno));
        return;
    }
    const char *name = f == stdin ? "<stdin>" : path;
    enum cli_input_format fmt = in->format;
    if (fmt == CLI_IN_AUTO)
        fmt = ends_with(path, ".jsonl") ? CLI_IN_JSONL : CLI_IN_TEXT;
    if (fmt == CLI_IN_JSONL)
        read_jsonl(in, name, f);
    else
        read_text(in, name, f);
    if (f != stdin)
        fclose(f);
}

/* In a folder: *.txt articles and *.jsonl streams, never the golden
 * *.events.jsonl files that sit beside our samples. */
static int wanted_in_dir(const struct cli_input *in, const char *name)
{
    if (name[0] == '.' || ends_with(name, ".events.jsonl"))
        return 0;
    if (in->format == CLI_IN_TEXT)
        return ends_with(name, ".txt");
    if (in->format == CLI_IN_JSONL)
        return ends_with(name, ".jsonl");
    return ends_with(name, ".txt") || ends_with(name, ".jsonl");
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's entries, sorted, so that the order of reading (and with it
 * a store's ids) does not depend on the file system. */
static char **list_dir(struct cli_input *in, const char *path, size_t *n)
{
    DIR *d = opendir(path);
    *n = 0;
    if (!d) {
        input_error(in, path, 0, strerror(errno));
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

static void read_dir(struct cli_input *in, const char *path)
{
    size_t n;
    char **names = list_dir(in, path, &n);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        const char *base = strrchr(names[i], '/') + 1;
        if (!in->stop) {
            if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
                cli_input_path(in, names[i]);
            else if (wanted_in_dir(in, base))
                read_file(in, names[i]);
        }
        free(names[i]);
    }
    free(names);
}

void cli_input_path(struct cli_input *in, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        read_dir(in, path);
    else
        read_file(in, path);
}
