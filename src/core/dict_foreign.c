/*
 * dict_foreign.c -- loading the field's dictionary formats (TABARI,
 * PETRARCH-1, PETRARCH-2; ../shared/formats/ describes them). The readers
 * (dict_tabari_actors.c, dict_tabari_verbs.c) convert a file into our own
 * format with a line map; this file loads the result through dict.c and
 * points every entry and diagnostic back at the original file and line,
 * so the `dict` key of an event names their file and their line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "dict_foreign_int.h"

#define FOREIGN_MAX_FILE (256u * 1024u * 1024u)

static const char *const COUNT_NAMES[] = {
#define TR_FOREIGN_NAME(name, text) text,
    TR_FOREIGN_COUNTS(TR_FOREIGN_NAME)
#undef TR_FOREIGN_NAME
};

const char *tr_foreign_count_name(int i)
{
    if (i < 0 || i >= TR_FC_N)
        return "?";
    return COUNT_NAMES[i];
}

void tr_foreign_conv_init(struct tr_foreign_conv *c, const char *name,
                          enum truce_dict_format format,
                          enum truce_dict_kind kind)
{
    memset(c, 0, sizeof *c);
    c->name = name;
    c->format = format;
    c->kind = kind;
    tr_buf_init(&c->out, FOREIGN_MAX_FILE);
    tr_buf_init(&c->line, TRUCE_MAX_LINE);
}

void tr_foreign_conv_release(struct tr_foreign_conv *c)
{
    tr_buf_release(&c->out);
    tr_buf_release(&c->line);
    tr_free(c->line_of);
    c->line_of = NULL;
    c->n_out = c->cap_out = 0;
}

/* ---- diagnostics ---- */

static void vreport(struct tr_foreign_conv *c, enum truce_severity sev,
                    uint32_t line, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (!c->diag)
        return;
    struct truce_diag dg = {sev, c->name, line, 0, msg};
    c->diag(c->diag_ud, &dg);
}

void tr_foreign_error(struct tr_foreign_conv *c, uint32_t line,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    c->n_bad++;
    vreport(c, TRUCE_ERROR, line, fmt, ap);
    va_end(ap);
}

void tr_foreign_warn(struct tr_foreign_conv *c, uint32_t line,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    c->n_warn++;
    vreport(c, TRUCE_WARNING, line, fmt, ap);
    va_end(ap);
}

/* ---- output ---- */

int tr_foreign_emit(struct tr_foreign_conv *c, uint32_t in_line,
                    const char *fmt, ...)
{
    int rc = tr_grow((void **)&c->line_of, &c->cap_out, c->n_out + 1,
                     sizeof *c->line_of);
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    char small[1024];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TRUCE_EINPUT;
    if ((size_t)n < sizeof small) {
        rc = tr_buf_add(&c->out, small, (size_t)n);
    }
    else {
        char *big = tr_malloc((size_t)n + 1);
        if (!big)
            return TRUCE_ENOMEM;
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        rc = tr_buf_add(&c->out, big, (size_t)n);
        tr_free(big);
    }
    if (!rc)
        rc = tr_buf_addc(&c->out, '\n');
    if (rc)
        return rc;
    c->line_of[c->n_out++] = in_line;
    return TRUCE_OK;
}

static int reserved(char ch)
{
    return ch == '_' || ch == '|' || ch == ':' || ch == '#' || ch == '{' ||
           ch == '}' || ch == '[' || ch == ']' || ch == '=' || ch == '~' ||
           ch == '+' || ch == ' ' || ch == '\t' || ch == '/' || ch == ';';
}

int tr_foreign_phrase(struct tr_buf *out, const char *s, size_t n, int lower)
{
    int need_blank = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (reserved(ch)) {
            need_blank = 1;
            continue;
        }
        if (need_blank && out->len && out->data[out->len - 1] != ' ' &&
            out->data[out->len - 1] != '|') {
            int rc = tr_buf_addc(out, ' ');
            if (rc)
                return rc;
        }
        need_blank = 0;
        if (lower && ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        int rc = tr_buf_addc(out, ch);
        if (rc)
            return rc;
    }
    return TRUCE_OK;
}

/* ---- input lines ---- */

static int utf8_len_at(const unsigned char *s, size_t n, size_t i)
{
    unsigned char ch = s[i];
    size_t len = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC2 ? 2 : 0;
    if (!len || ch > 0xF4 || i + len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return (int)len;
}

/* Copy the line into c->line, turning bytes that are not UTF-8 into the
 * Latin-1 characters they stand for. Returns the number so repaired. */
static int repair_line(struct tr_foreign_conv *c, const char *s, size_t n,
                       uint32_t *n_latin1)
{
    const unsigned char *u = (const unsigned char *)s;
    tr_buf_reset(&c->line);
    *n_latin1 = 0;
    size_t i = 0;
    while (i < n) {
        int rc;
        if (u[i] < 0x80) {
            rc = tr_buf_addc(&c->line, s[i]);
            i++;
        }
        else {
            int len = utf8_len_at(u, n, i);
            if (len) {
                rc = tr_buf_add(&c->line, s + i, (size_t)len);
                i += (size_t)len;
            }
            else {
                char two[2] = {(char)(0xC0 | (u[i] >> 6)),
                               (char)(0x80 | (u[i] & 0x3F))};
                rc = tr_buf_add(&c->line, two, 2);
                (*n_latin1)++;
                i++;
            }
        }
        if (rc)
            return rc;
    }
    if (!c->line.data)
        return tr_buf_add(&c->line, "", 0);
    return TRUCE_OK;
}

int tr_foreign_next_line(struct tr_foreign_conv *c, struct tr_foreign_lines *it)
{
    for (;;) {
        if (it->pos >= it->len)
            return 0;
        size_t start = it->pos, end = start;
        while (end < it->len && it->data[end] != '\n' && it->data[end] != '\r')
            end++;
        it->pos = end;
        if (end < it->len) {
            it->pos = end + 1;
            if (it->data[end] == '\r' && it->pos < it->len &&
                it->data[it->pos] == '\n')
                it->pos++;
        }
        it->no++;
        const char *s = it->data + start;
        size_t n = end - start;
        const char *nul = memchr(s, '\0', n);
        const char *sub = memchr(s, 0x1A, n);
        if (nul || sub) {
            tr_foreign_error(c, it->no, "%s byte at column %zu; line skipped",
                             nul ? "NUL" : "0x1A (SUB)",
                             (size_t)((nul ? nul : sub) - s) + 1);
            continue;
        }
        uint32_t n_latin1;
        int rc = repair_line(c, s, n, &n_latin1);
        if (rc)
            return rc;
        if (n_latin1)
            tr_foreign_warn(c, it->no,
                            "%u byte(s) not UTF-8, read as Latin-1", n_latin1);
        return 1;
    }
}

/* ---- dispatch ---- */

int tr_foreign_convert(struct tr_foreign_conv *c, const char *data, size_t len)
{
    int rc;
    switch (c->kind) {
    case TRUCE_DICT_ACTORS:
        rc = tr_tabari_actors_convert(c, data, len);
        break;
    case TRUCE_DICT_AGENTS:
        rc = tr_tabari_agents_convert(c, data, len);
        break;
    case TRUCE_DICT_VERBS:
        rc = tr_tabari_verbs_convert(c, data, len);
        break;
    default:
        rc = tr_tabari_lists_convert(c, data, len);
        break;
    }
    if (rc)
        return rc;
    if (!c->out.data)
        rc = tr_buf_add(&c->out, "", 0);
    if (rc)
        return rc;
    return c->n_bad ? TRUCE_EDICT : TRUCE_OK;
}

int tr_foreign_read_file(const char *path, char **out, size_t *len)
{
    return tr_read_file(path, FOREIGN_MAX_FILE, out, len);
}

/* ---- loading through dict.c ---- */

/* dict.c reports problems in the converted text; this puts them back on
 * the original file and line. */
struct remap {
    const struct tr_foreign_conv *conv;
    truce_diag_fn *diag;
    void *ud;
};

static uint32_t map_line(const struct tr_foreign_conv *c, uint64_t line)
{
    if (line == 0 || line > c->n_out)
        return 0;
    return c->line_of[line - 1];
}

static void remap_diag(void *ud, const struct truce_diag *dg)
{
    struct remap *r = ud;
    struct truce_diag copy = *dg;
    copy.file = r->conv->name;
    copy.line = map_line(r->conv, dg->line);
    if (r->diag)
        r->diag(r->ud, &copy);
}

static const char *kind_suffix(enum truce_dict_kind kind)
{
    return kind == TRUCE_DICT_ACTORS   ? ".actors"
           : kind == TRUCE_DICT_AGENTS ? ".agents"
                                       : ".verbs";
}

struct marks {
    uint32_t actors, agents, patterns, examples, files;
};

static void mark(const struct tr_dict *d, struct marks *m)
{
    m->actors = d->n_actors;
    m->agents = d->n_agents;
    m->patterns = d->n_patterns;
    m->examples = d->n_examples;
    m->files = d->n_files;
}

/* Point the entries loaded since 'm' at the original file and lines. */
static int point_back(struct tr_dict *d, const struct marks *m,
                      const struct tr_foreign_conv *c, const char *path)
{
    if (d->n_files == m->files)
        return TRUCE_OK;
    uint32_t file = d->n_files - 1;
    char *copy = tr_strndup(path, strlen(path));
    if (!copy)
        return TRUCE_ENOMEM;
    tr_free(d->files[file]);
    d->files[file] = copy;
    for (uint32_t i = m->actors + 1; i <= d->n_actors; i++)
        d->actors[i].line = map_line(c, d->actors[i].line);
    for (uint32_t i = m->agents + 1; i <= d->n_agents; i++)
        d->agents[i].line = map_line(c, d->agents[i].line);
    for (uint32_t i = m->patterns; i < d->n_patterns; i++)
        d->patterns[i].line = map_line(c, d->patterns[i].line);
    for (uint32_t i = m->examples; i < d->n_examples; i++)
        d->examples[i].line = map_line(c, d->examples[i].line);
    return TRUCE_OK;
}

static int load_converted(struct tr_dict *d, struct tr_foreign_conv *c,
                          const char *path)
{
    char name[4096];
    snprintf(name, sizeof name, "%s%s", path, kind_suffix(c->kind));
    struct remap r = {c, d->diag, d->diag_ud};
    struct marks m;
    mark(d, &m);
    d->diag = remap_diag;
    d->diag_ud = &r;
    int rc = tr_dict_load_buffer(d, name, c->out.data, c->out.len);
    d->diag = r.diag;
    d->diag_ud = r.ud;
    int rc2 = point_back(d, &m, c, path);
    return rc2 ? rc2 : rc;
}

int tr_dict_load_foreign_buffer(struct tr_dict *d, const struct tr_lexicon *lx,
                                const char *path, enum truce_dict_format format,
                                enum truce_dict_kind kind, const char *data,
                                size_t len, uint32_t *count)
{
    struct tr_foreign_conv c;
    tr_foreign_conv_init(&c, path, format, kind);
    c.vocab = d->vocab;
    c.lexicon = lx;
    c.diag = d->diag;
    c.diag_ud = d->diag_ud;
    int rc = tr_foreign_convert(&c, data, len);
    d->n_errors += c.n_bad;
    int bad = rc == TRUCE_EDICT;
    if (!rc || bad) {
        if (kind == TRUCE_DICT_DISCARDS || kind == TRUCE_DICT_ISSUES)
            rc = TRUCE_OK;
        else
            rc = load_converted(d, &c, path);
        if (rc == TRUCE_EDICT) {
            bad = 1;
            rc = TRUCE_OK;
        }
    }
    if (count)
        for (int i = 0; i < TR_FC_N; i++)
            count[i] += c.count[i];
    tr_foreign_conv_release(&c);
    if (rc)
        return rc;
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

static void file_error(struct tr_dict *d, const char *path, const char *what)
{
    d->n_errors++;
    if (!d->diag)
        return;
    struct truce_diag dg = {TRUCE_ERROR, path, 0, 0, what};
    d->diag(d->diag_ud, &dg);
}

int tr_dict_load_foreign_lx(struct tr_dict *d, const struct tr_lexicon *lx,
                            const struct truce_dict_source *src, size_t n,
                            uint32_t *count)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        int rc;
        if (src[i].format == TRUCE_DICT_OURS) {
            rc = tr_dict_load_file(d, src[i].path);
        }
        else {
            char *data;
            size_t len;
            rc = tr_foreign_read_file(src[i].path, &data, &len);
            if (rc) {
                file_error(d, src[i].path,
                           rc == TRUCE_ENOTFOUND ? "no such file"
                                                 : "cannot read file");
                return rc;
            }
            rc = tr_dict_load_foreign_buffer(d, lx, src[i].path,
                                             src[i].format, src[i].kind, data,
                                             len, count);
            tr_free(data);
        }
        if (rc == TRUCE_EDICT)
            bad = 1;
        else if (rc)
            return rc;
    }
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

int tr_dict_load_foreign(struct tr_dict *d, const struct truce_dict_source *src,
                         size_t n, int first)
{
    /* 'first' needs nothing here: the coder calls us before or after its
     * own folder, and ties go to the entry loaded first. */
    (void)first;
    return tr_dict_load_foreign_lx(d, NULL, src, n, NULL);
}
