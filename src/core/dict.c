/*
 * dict.c -- reader of our own dictionary formats (dict/README.md) and the
 * in-memory tables the coder matches against. A malformed line is reported
 * as "file:line: reason" and skipped; the rest of the file still loads.
 * Phrases are tokenized with the article tokenizer, so a name matches text
 * exactly when both fold to the same tokens.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"

#define DICT_MAX_FILE (256u * 1024u * 1024u)
#define MAX_FAMILY_VERBS 64
#define MAX_PATTERN_ELS 24

/* ---- small string helpers over (s, n) spans ---- */

struct span {
    const char *s;
    size_t n;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static struct span trim(struct span x)
{
    while (x.n && is_space(x.s[0])) {
        x.s++;
        x.n--;
    }
    while (x.n && is_space(x.s[x.n - 1]))
        x.n--;
    return x;
}

static const char *find_char(struct span x, char c)
{
    return x.n ? memchr(x.s, c, x.n) : NULL;
}

/* Split 'x' at the first 'c': 'head' before it, 'tail' after. */
static int split_at(struct span x, char c, struct span *head,
                    struct span *tail)
{
    const char *p = find_char(x, c);
    if (!p)
        return 0;
    head->s = x.s;
    head->n = (size_t)(p - x.s);
    tail->s = p + 1;
    tail->n = x.n - head->n - 1;
    return 1;
}

/* Next piece of 'x' separated by 'sep' (whitespace when sep is 0). */
static int next_piece(struct span *x, char sep, struct span *out)
{
    if (sep == 0) {
        *x = trim(*x);
        if (!x->n)
            return 0;
        size_t i = 0;
        while (i < x->n && !is_space(x->s[i]))
            i++;
        out->s = x->s;
        out->n = i;
        x->s += i;
        x->n -= i;
        return 1;
    }
    if (!x->s)
        return 0;
    struct span head, tail;
    if (split_at(*x, sep, &head, &tail)) {
        *out = trim(head);
        *x = tail;
    }
    else {
        *out = trim(*x);
        x->s = NULL;
        x->n = 0;
    }
    return 1;
}

static int span_eq(struct span x, const char *lit)
{
    size_t n = strlen(lit);
    return x.n == n && memcmp(x.s, lit, n) == 0;
}

/* ---- diagnostics ---- */

struct line_ctx {
    struct tr_dict *d;
    uint32_t file;
    uint32_t line;
};

static void TR_PRINTF(2, 3) line_error(struct line_ctx *lc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lc->d->n_errors++;
    if (!lc->d->diag)
        return;
    struct truce_diag dg = {TRUCE_ERROR, lc->d->files[lc->file], lc->line, 0,
                            msg};
    lc->d->diag(lc->d->diag_ud, &dg);
}

static void file_error(struct tr_dict *d, const char *path, const char *what)
{
    d->n_errors++;
    if (!d->diag)
        return;
    struct truce_diag dg = {TRUCE_ERROR, path, 0, 0, what};
    d->diag(d->diag_ud, &dg);
}

/* ---- dates ---- */

static int32_t days_from_civil(int y, unsigned m, unsigned dd)
{
    /* Howard Hinnant's algorithm: proleptic Gregorian, exact. */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + dd - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int tr_parse_day(const char *s, size_t n, int32_t *day)
{
    static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
    int y, m, dd;
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return TRUCE_EINPUT;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &dd))
        return TRUCE_EINPUT;
    if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
        return TRUCE_EINPUT;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && dd == 29 && !leap)
        return TRUCE_EINPUT;
    *day = days_from_civil(y, (unsigned)m, (unsigned)dd);
    return TRUCE_OK;
}

/* "FROM..TO" with either side open. */
static int parse_range(struct span x, int32_t *from, int32_t *to)
{
    const char *p = NULL;
    for (size_t i = 0; i + 1 < x.n; i++) {
        if (x.s[i] == '.' && x.s[i + 1] == '.') {
            p = x.s + i;
            break;
        }
    }
    if (!p)
        return TRUCE_EINPUT;
    struct span a = trim((struct span){x.s, (size_t)(p - x.s)});
    struct span b = trim((struct span){p + 2, (size_t)(x.s + x.n - (p + 2))});
    *from = TR_DAY_MIN;
    *to = TR_DAY_MAX;
    if (a.n && tr_parse_day(a.s, a.n, from))
        return TRUCE_EINPUT;
    if (b.n && tr_parse_day(b.s, b.n, to))
        return TRUCE_EINPUT;
    if (*from > *to)
        return TRUCE_EINPUT;
    return TRUCE_OK;
}

/* ---- the phrase trie ---- */

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

uint32_t tr_dict_child(const struct tr_dict *d, uint32_t node, uint32_t word)
{
    if (!d->cap_edges || !word)
        return 0;
    uint64_t key = (((uint64_t)node << 32) | word) + 1;
    uint32_t mask = d->cap_edges - 1;
    for (uint32_t i = (uint32_t)mix64(key) & mask;; i = (i + 1) & mask) {
        if (d->edge_keys[i] == key)
            return d->edge_vals[i];
        if (d->edge_keys[i] == 0)
            return 0;
    }
}

static int edges_grow(struct tr_dict *d)
{
    uint32_t ncap = d->cap_edges ? d->cap_edges * 2 : 4096;
    uint64_t *keys = tr_calloc(ncap, sizeof *keys);
    uint32_t *vals = tr_calloc(ncap, sizeof *vals);
    if (!keys || !vals) {
        tr_free(keys);
        tr_free(vals);
        return TRUCE_ENOMEM;
    }
    for (uint32_t i = 0; i < d->cap_edges; i++) {
        uint64_t k = d->edge_keys[i];
        if (!k)
            continue;
        uint32_t j = (uint32_t)mix64(k) & (ncap - 1);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = k;
        vals[j] = d->edge_vals[i];
    }
    tr_free(d->edge_keys);
    tr_free(d->edge_vals);
    d->edge_keys = keys;
    d->edge_vals = vals;
    d->cap_edges = ncap;
    return TRUCE_OK;
}

static int add_node(struct tr_dict *d, uint32_t *out)
{
    int rc = tr_grow((void **)&d->nodes, &d->cap_nodes, d->n_nodes + 1,
                     sizeof *d->nodes);
    if (rc)
        return rc;
    d->nodes[d->n_nodes].actor = 0;
    d->nodes[d->n_nodes].agent = 0;
    *out = d->n_nodes++;
    return TRUCE_OK;
}

static int child_or_add(struct tr_dict *d, uint32_t node, uint32_t word,
                        uint32_t *out)
{
    uint32_t c = tr_dict_child(d, node, word);
    if (c) {
        *out = c;
        return TRUCE_OK;
    }
    int rc;
    if ((uint64_t)(d->n_edges + 1) * 2 > d->cap_edges) {
        rc = edges_grow(d);
        if (rc)
            return rc;
    }
    rc = add_node(d, &c);
    if (rc)
        return rc;
    uint64_t key = (((uint64_t)node << 32) | word) + 1;
    uint32_t mask = d->cap_edges - 1;
    uint32_t i = (uint32_t)mix64(key) & mask;
    while (d->edge_keys[i])
        i = (i + 1) & mask;
    d->edge_keys[i] = key;
    d->edge_vals[i] = c;
    d->n_edges++;
    *out = c;
    return TRUCE_OK;
}

/* Tokenize 'x' like article text and walk/extend the trie along its folded
 * tokens. *node is the final node; 0 tokens is an error. */
static int insert_phrase(struct tr_dict *d, struct span x, uint32_t *node)
{
    struct tr_doc *doc = &d->scratch;
    tr_doc_reset(doc);
    int rc = tr_doc_set_text(doc, x.s, x.n);
    if (!rc)
        rc = tr_doc_tokenize(doc);
    if (rc)
        return rc;
    if (doc->n_tok == 0)
        return TRUCE_EINPUT;
    uint32_t at = 0;
    if (d->n_nodes == 0) {
        rc = add_node(d, &at); /* the root */
        if (rc)
            return rc;
    }
    for (uint32_t i = 0; i < doc->n_tok; i++) {
        size_t n;
        const char *w = tr_doc_norm(doc, i, &n);
        uint32_t id;
        rc = tr_vocab_intern(d->vocab, w, n, &id);
        if (rc)
            return rc;
        rc = child_or_add(d, at, id, &at);
        if (rc)
            return rc;
    }
    *node = at;
    return TRUCE_OK;
}

/* ---- files ---- */

static int add_file(struct tr_dict *d, const char *path, uint32_t *id)
{
    int rc = tr_grow((void **)&d->files, &d->cap_files, d->n_files + 1,
                     sizeof *d->files);
    if (rc)
        return rc;
    char *copy = tr_strndup(path, strlen(path));
    if (!copy)
        return TRUCE_ENOMEM;
    d->files[d->n_files] = copy;
    *id = d->n_files++;
    return TRUCE_OK;
}


/* Strip a '#' comment: '#' at the start or after white space. */
static struct span strip_comment(struct span x)
{
    for (size_t i = 0; i < x.n; i++) {
        if (x.s[i] == '#' && (i == 0 || x.s[i - 1] == ' ' ||
                              x.s[i - 1] == '\t')) {
            x.n = i;
            break;
        }
    }
    return trim(x);
}

static int valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0)
                return 0;
            i++;
            continue;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (!len || c > 0xF4 || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* ---- actors and agents ---- */

static int is_code(struct span x, size_t min, size_t max)
{
    if (x.n < min || x.n > max)
        return 0;
    for (size_t i = 0; i < x.n; i++) {
        char c = x.s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

static const struct {
    const char *name;
    uint32_t flag;
} FLAG_NAMES[] = {
    {"country", TR_AF_COUNTRY}, {"capital", TR_AF_CAPITAL},
    {"person", TR_AF_PERSON},   {"male", TR_AF_MALE},
    {"female", TR_AF_FEMALE},   {"group", TR_AF_GROUP},
    {"igo", TR_AF_IGO},         {"title", TR_AF_TITLE},
    {"place", TR_AF_PLACE},     {"prefix", TR_AF_PREFIX},
};

/* Take a trailing "{a, b}" off 'names' into *flags. */
static int parse_flags(struct line_ctx *lc, struct span *names,
                       uint32_t *flags)
{
    *flags = 0;
    struct span x = trim(*names);
    if (!x.n || x.s[x.n - 1] != '}')
        return TRUCE_OK;
    const char *open = NULL;
    for (size_t i = x.n; i-- > 0;)
        if (x.s[i] == '{') {
            open = x.s + i;
            break;
        }
    if (!open) {
        line_error(lc, "'}' without '{'");
        return TRUCE_EDICT;
    }
    struct span body = {open + 1, (size_t)(x.s + x.n - 1 - (open + 1))};
    struct span f;
    while (next_piece(&body, ',', &f)) {
        size_t k;
        for (k = 0; k < TR_ARRAY_LEN(FLAG_NAMES); k++)
            if (span_eq(f, FLAG_NAMES[k].name))
                break;
        if (k == TR_ARRAY_LEN(FLAG_NAMES)) {
            line_error(lc, "unknown flag '%.*s'", (int)f.n, f.s);
            return TRUCE_EDICT;
        }
        *flags |= FLAG_NAMES[k].flag;
    }
    names->s = x.s;
    names->n = (size_t)(open - x.s);
    return TRUCE_OK;
}

static int add_code(struct tr_dict *d, struct line_ctx *lc, struct span spec)
{
    struct span code, rest = spec;
    if (!next_piece(&rest, 0, &code) || !is_code(code, 3, TR_CODE_MAX - 1)) {
        line_error(lc, "bad actor code '%.*s'", (int)spec.n, spec.s);
        return TRUCE_EDICT;
    }
    int32_t from = TR_DAY_MIN, to = TR_DAY_MAX;
    rest = trim(rest);
    if (rest.n && parse_range(rest, &from, &to)) {
        line_error(lc, "bad date range '%.*s' (want YYYY-MM-DD..YYYY-MM-DD)",
                   (int)rest.n, rest.s);
        return TRUCE_EDICT;
    }
    int rc = tr_grow((void **)&d->codes, &d->cap_codes, d->n_codes + 1,
                     sizeof *d->codes);
    if (rc)
        return rc;
    struct tr_actor_code *c = &d->codes[d->n_codes++];
    memcpy(c->code, code.s, code.n);
    c->code[code.n] = 0;
    c->from = from;
    c->to = to;
    return TRUCE_OK;
}

static int add_actor_entry(struct tr_dict *d, struct line_ctx *lc,
                           struct span codes, uint32_t flags, uint32_t *id)
{
    int rc = tr_grow((void **)&d->actors, &d->cap_actors, d->n_actors + 2,
                     sizeof *d->actors);
    if (rc)
        return rc;
    uint32_t first = d->n_codes;
    struct span spec;
    while (next_piece(&codes, ';', &spec)) {
        rc = add_code(d, lc, spec);
        if (rc) {
            d->n_codes = first;
            return rc;
        }
    }
    if (d->n_codes == first) {
        line_error(lc, "no actor code before ':'");
        return TRUCE_EDICT;
    }
    *id = ++d->n_actors;
    struct tr_actor_entry *e = &d->actors[*id];
    e->first_code = first;
    e->n_codes = d->n_codes - first;
    e->flags = flags;
    e->file = lc->file;
    e->line = lc->line;
    e->next = 0;
    e->n_examples = 0;
    return TRUCE_OK;
}

/* For a name whose last word ends in a plain plural -s ("Houthis"), the
 * node of the same name with the singular last word ("Houthi", used as an
 * adjective), made if needed; 0 if there is none. Uses the tokens of the
 * name still in d->scratch. */
static uint32_t singular_node(struct tr_dict *d, uint32_t node)
{
    (void)node;
    const struct tr_doc *doc = &d->scratch;
    size_t n;
    const char *w = tr_doc_norm(doc, doc->n_tok - 1, &n);
    /* not "Hamas", "Laos", "Cyprus", "Congress" */
    if (n < 4 || w[n - 1] != 's' || strchr("saou", w[n - 2]))
        return 0;
    uint32_t at = 0;
    for (uint32_t i = 0; i < doc->n_tok; i++) {
        size_t m;
        const char *t = tr_doc_norm(doc, i, &m);
        if (i + 1 == doc->n_tok)
            m--;
        uint32_t id;
        if (tr_vocab_intern(d->vocab, t, m, &id) ||
            child_or_add(d, at, id, &at))
            return 0;
    }
    return at;
}

/* Link actor 'id' at trie node 'node', after any entry already there. */
static void link_actor(struct tr_dict *d, uint32_t node, uint32_t id)
{
    uint32_t *p = &d->nodes[node].actor;
    while (*p) {
        if (*p == id)
            return;
        p = &d->actors[*p].next;
    }
    *p = id;
}

static int add_names(struct tr_dict *d, struct line_ctx *lc, struct span names,
                     uint32_t actor, uint32_t agent)
{
    struct span name;
    uint32_t n_names = 0;
    while (next_piece(&names, '|', &name)) {
        if (!name.n) {
            line_error(lc, "empty name between '|'");
            return TRUCE_EDICT;
        }
        uint32_t node;
        int rc = insert_phrase(d, name, &node);
        if (rc == TRUCE_EINPUT) {
            line_error(lc, "name '%.*s' has no words", (int)name.n, name.s);
            return TRUCE_EDICT;
        }
        if (rc)
            return rc;
        if (actor) {
            uint32_t sing = singular_node(d, node);
            if (sing)
                link_actor(d, sing, actor);
            /* Two entries for one name would be a dictionary conflict only
             * if their codes differ; chaining keeps both and the first
             * wins, which `truce dict check` reports. */
            link_actor(d, node, actor);
            d->n_actor_names++;
        }
        else if (!d->nodes[node].agent) {
            d->nodes[node].agent = agent;
            d->n_agent_names++;
        }
        n_names++;
    }
    if (!n_names) {
        line_error(lc, "no names after ':'");
        return TRUCE_EDICT;
    }
    return TRUCE_OK;
}

static int actor_line(struct tr_dict *d, struct line_ctx *lc, struct span x,
                      uint32_t *last)
{
    *last = 0;
    struct span codes, names;
    if (!split_at(x, ':', &codes, &names)) {
        line_error(lc, "expected 'CODE : name | name', found no ':'");
        return TRUCE_EDICT;
    }
    uint32_t flags;
    int rc = parse_flags(lc, &names, &flags);
    if (rc)
        return rc;
    uint32_t id;
    rc = add_actor_entry(d, lc, codes, flags, &id);
    if (rc)
        return rc;
    *last = id;
    return add_names(d, lc, names, id, 0);
}

static int agent_line(struct tr_dict *d, struct line_ctx *lc, struct span x)
{
    struct span role, names;
    if (!split_at(x, ':', &role, &names)) {
        line_error(lc, "expected 'ROLE : word | word', found no ':'");
        return TRUCE_EDICT;
    }
    role = trim(role);
    if (!is_code(role, 3, 6)) {
        line_error(lc, "bad role code '%.*s'", (int)role.n, role.s);
        return TRUCE_EDICT;
    }
    uint32_t flags;
    int rc = parse_flags(lc, &names, &flags);
    if (rc)
        return rc;
    rc = tr_grow((void **)&d->agents, &d->cap_agents, d->n_agents + 2,
                 sizeof *d->agents);
    if (rc)
        return rc;
    uint32_t id = ++d->n_agents;
    struct tr_agent *a = &d->agents[id];
    memcpy(a->role, role.s, role.n);
    a->role[role.n] = 0;
    a->flags = flags;
    a->file = lc->file;
    a->line = lc->line;
    return add_names(d, lc, names, 0, id);
}

/* ---- verbs ---- */

struct family {
    uint32_t verb[MAX_FAMILY_VERBS];     /* lemma id of each member */
    uint32_t rest_first[MAX_FAMILY_VERBS];/* words after the verb, in alts */
    uint32_t rest_n[MAX_FAMILY_VERBS];
    uint32_t n;
    int open; /* a `verb` line has been read */
};

static int fold_intern(struct tr_dict *d, struct span w, uint32_t *id)
{
    tr_buf_reset(&d->fold);
    int rc = tr_fold(&d->fold, w.s, w.n);
    if (rc)
        return rc;
    return tr_vocab_intern(d->vocab, d->fold.data, d->fold.len, id);
}

static int push_alt(struct tr_dict *d, uint32_t id)
{
    int rc = tr_grow((void **)&d->alts, &d->cap_alts, d->n_alts + 1,
                     sizeof *d->alts);
    if (rc)
        return rc;
    d->alts[d->n_alts++] = id;
    return TRUCE_OK;
}

static int family_line(struct tr_dict *d, struct line_ctx *lc,
                       struct family *fam, struct span x)
{
    fam->n = 0;
    fam->open = 1;
    struct span member;
    while (next_piece(&x, '|', &member)) {
        if (fam->n == MAX_FAMILY_VERBS) {
            line_error(lc, "more than %d verbs in one family",
                       MAX_FAMILY_VERBS);
            return TRUCE_EDICT;
        }
        struct span w, rest = member;
        if (!next_piece(&rest, 0, &w)) {
            line_error(lc, "empty verb between '|'");
            return TRUCE_EDICT;
        }
        int rc = fold_intern(d, w, &fam->verb[fam->n]);
        if (rc)
            return rc;
        fam->rest_first[fam->n] = d->n_alts;
        fam->rest_n[fam->n] = 0;
        while (next_piece(&rest, 0, &w)) {
            uint32_t id;
            rc = fold_intern(d, w, &id);
            if (!rc)
                rc = push_alt(d, id);
            if (rc)
                return rc;
            fam->rest_n[fam->n]++;
        }
        fam->n++;
    }
    if (!fam->n) {
        line_error(lc, "'verb' line names no verb");
        return TRUCE_EDICT;
    }
    d->n_families++;
    return TRUCE_OK;
}

static int push_pel(struct tr_dict *d, uint8_t kind, uint32_t first,
                    uint32_t n)
{
    int rc = tr_grow((void **)&d->pels, &d->cap_pels, d->n_pels + 1,
                     sizeof *d->pels);
    if (rc)
        return rc;
    d->pels[d->n_pels].kind = kind;
    d->pels[d->n_pels].direct = 0;
    d->pels[d->n_pels].first_alt = first;
    d->pels[d->n_pels].n_alt = n;
    d->n_pels++;
    return TRUCE_OK;
}

/* Parse one pattern element into d->pels (alternatives into d->alts). */
static int pattern_el(struct tr_dict *d, struct span el, int *n_words)
{
    if (span_eq(el, "+"))
        return push_pel(d, TR_PEL_TARGET, 0, 0);
    if (span_eq(el, "+!")) {
        int rc = push_pel(d, TR_PEL_TARGET, 0, 0);
        if (!rc)
            d->pels[d->n_pels - 1].direct = 1;
        return rc;
    }
    if (span_eq(el, "$"))
        return push_pel(d, TR_PEL_SOURCE, 0, 0);
    if (span_eq(el, "*"))
        return push_pel(d, TR_PEL_VERB, 0, 0);
    uint32_t first = d->n_alts;
    struct span alt;
    while (next_piece(&el, '/', &alt)) {
        if (!alt.n)
            return TRUCE_EINPUT;
        uint32_t id;
        int rc = fold_intern(d, alt, &id);
        if (!rc)
            rc = push_alt(d, id);
        if (rc)
            return rc;
    }
    (*n_words)++;
    return push_pel(d, TR_PEL_WORD, first, d->n_alts - first);
}

static int check_event_code(struct line_ctx *lc, struct span code);

/* A pattern line's body, parsed once for all members of its family: the
 * elements (alternatives already in d->alts), where '*' stood (-1: none)
 * and how many words. */
struct parsed_body {
    struct tr_pel el[MAX_PATTERN_ELS + 1];
    uint32_t n;
    int star;
    int n_words;
};

static int parse_body(struct tr_dict *d, struct line_ctx *lc, struct span body,
                      struct parsed_body *pb)
{
    pb->n = 0;
    pb->star = -1;
    pb->n_words = 0;
    struct span el;
    while (next_piece(&body, 0, &el)) {
        if (pb->star < 0 && span_eq(el, "*")) {
            pb->star = (int)pb->n;
            continue;
        }
        if (pb->n == MAX_PATTERN_ELS) {
            line_error(lc, "pattern longer than %d elements", MAX_PATTERN_ELS);
            return TRUCE_EDICT;
        }
        int rc = pattern_el(d, el, &pb->n_words);
        if (rc == TRUCE_EINPUT) {
            line_error(lc, "empty alternative in '%.*s'", (int)el.n, el.s);
            return TRUCE_EDICT;
        }
        if (rc)
            return rc;
        /* pattern_el pushed it onto d->pels: keep it here instead */
        pb->el[pb->n++] = d->pels[--d->n_pels];
    }
    return TRUCE_OK;
}

/* One family member's pattern: the body's elements with the member's own
 * words ("pull out of": out, of) where the verb stands. */
static int add_pattern(struct tr_dict *d, struct line_ctx *lc,
                       const struct family *fam, uint32_t member,
                       struct span code, const struct parsed_body *pb)
{
    if (pb->n + fam->rest_n[member] > MAX_PATTERN_ELS) {
        line_error(lc, "pattern longer than %d elements", MAX_PATTERN_ELS);
        return TRUCE_EDICT;
    }
    int rc = tr_grow((void **)&d->patterns, &d->cap_patterns,
                     d->n_patterns + 1, sizeof *d->patterns);
    if (!rc)
        rc = tr_grow((void **)&d->pels, &d->cap_pels,
                     d->n_pels + pb->n + fam->rest_n[member],
                     sizeof *d->pels);
    if (rc)
        return rc;
    struct tr_pattern *p = &d->patterns[d->n_patterns];
    memset(p, 0, sizeof *p);
    memcpy(p->code, code.s, code.n);
    p->verb = fam->verb[member];
    p->first_el = d->n_pels;
    p->file = lc->file;
    p->line = lc->line;
    p->order = d->n_patterns;
    /* Phrasal members put their words right after the verb: at the '*',
     * or first when the body has none. */
    uint32_t at = pb->star < 0 ? 0 : (uint32_t)pb->star;
    for (uint32_t i = 0; i < at; i++)
        d->pels[d->n_pels++] = pb->el[i];
    p->verb_at = (int32_t)at;
    for (uint32_t k = 0; k < fam->rest_n[member]; k++) {
        struct tr_pel w = {TR_PEL_WORD, 0, fam->rest_first[member] + k, 1};
        d->pels[d->n_pels++] = w;
    }
    for (uint32_t i = at; i < pb->n; i++)
        d->pels[d->n_pels++] = pb->el[i];
    p->n_el = d->n_pels - p->first_el;
    p->n_particles = fam->rest_n[member];
    p->n_words = (uint32_t)pb->n_words + fam->rest_n[member];
    d->n_patterns++;
    return TRUCE_OK;
}

static int check_event_code(struct line_ctx *lc, struct span code)
{
    if (code.n < 2 || code.n > 4) {
        line_error(lc, "bad event code '%.*s'", (int)code.n, code.s);
        return TRUCE_EDICT;
    }
    for (size_t i = 0; i < code.n; i++) {
        if (code.s[i] < '0' || code.s[i] > '9') {
            line_error(lc, "bad event code '%.*s'", (int)code.n, code.s);
            return TRUCE_EDICT;
        }
    }
    return TRUCE_OK;
}

static int pattern_line(struct tr_dict *d, struct line_ctx *lc,
                        const struct family *fam, struct span x)
{
    struct span code = {"", 0}, body = x;
    next_piece(&body, 0, &code);
    int rc = check_event_code(lc, code);
    if (rc)
        return rc;
    if (!fam->open) {
        line_error(lc, "pattern before any 'verb' line");
        return TRUCE_EDICT;
    }
    uint32_t saved_pels = d->n_pels, saved_alts = d->n_alts;
    uint32_t saved_pats = d->n_patterns;
    struct parsed_body pb;
    rc = parse_body(d, lc, body, &pb);
    for (uint32_t m = 0; !rc && m < fam->n; m++)
        rc = add_pattern(d, lc, fam, m, code, &pb);
    if (rc) {
        d->n_pels = saved_pels;
        d->n_alts = saved_alts;
        d->n_patterns = saved_pats;
    }
    return rc;
}

static int copy_code(char *dst, size_t cap, struct span x)
{
    if (!x.n || x.n >= cap)
        return 0;
    memcpy(dst, x.s, x.n);
    dst[x.n] = 0;
    return 1;
}

/* "> [@YYYY-MM-DD] SENTENCE => CODE [SOURCE [TARGET]]". In an actors file
 * the example belongs to the entry above it ('actor', else 0). */
static int example_line(struct tr_dict *d, struct line_ctx *lc, struct span x,
                        uint32_t actor)
{
    char date[11] = "";
    x = trim(x);
    if (x.n && x.s[0] == '@') {
        struct span day = {x.s + 1, 0};
        while (day.n + 1 < x.n && x.s[1 + day.n] != ' ' &&
               x.s[1 + day.n] != '\t')
            day.n++;
        int32_t dn;
        if (day.n != 10 || tr_parse_day(day.s, day.n, &dn)) {
            line_error(lc, "example date is not YYYY-MM-DD");
            return TRUCE_EDICT;
        }
        memcpy(date, day.s, 10);
        x.s += 1 + day.n;
        x.n -= 1 + day.n;
    }
    const char *arrow = NULL;
    for (size_t i = x.n; i-- > 1;)
        if (x.s[i - 1] == '=' && x.s[i] == '>') {
            arrow = x.s + i - 1;
            break;
        }
    if (!arrow) {
        line_error(lc, "example without '=> CODE'");
        return TRUCE_EDICT;
    }
    struct span text = trim((struct span){x.s, (size_t)(arrow - x.s)});
    struct span want = {arrow + 2, (size_t)(x.s + x.n - arrow - 2)};
    struct span code = {"", 0}, src = {0, 0}, tgt = {0, 0};
    next_piece(&want, 0, &code);
    next_piece(&want, 0, &src);
    next_piece(&want, 0, &tgt);
    int rc = check_event_code(lc, code);
    if (rc)
        return rc;
    rc = tr_grow((void **)&d->examples, &d->cap_examples, d->n_examples + 1,
                 sizeof *d->examples);
    if (rc)
        return rc;
    struct tr_example *e = &d->examples[d->n_examples];
    memset(e, 0, sizeof *e);
    if ((src.n && !copy_code(e->source, sizeof e->source, src)) ||
        (tgt.n && !copy_code(e->target, sizeof e->target, tgt))) {
        line_error(lc, "actor code too long in example");
        return TRUCE_EDICT;
    }
    copy_code(e->code, sizeof e->code, code);
    memcpy(e->date, date, sizeof date);
    e->actor = actor;
    if (actor)
        d->actors[actor].n_examples++;
    e->text = tr_strndup(text.s, text.n);
    if (!e->text)
        return TRUCE_ENOMEM;
    e->file = lc->file;
    e->line = lc->line;
    d->n_examples++;
    return TRUCE_OK;
}

static int verb_file_line(struct tr_dict *d, struct line_ctx *lc,
                          struct family *fam, struct span x)
{
    if (x.s[0] == '>')
        return example_line(d, lc, (struct span){x.s + 1, x.n - 1}, 0);
    struct span word = {"", 0}, rest = x;
    next_piece(&rest, 0, &word);
    if (span_eq(word, "verb"))
        return family_line(d, lc, fam, rest);
    if (word.s[0] >= '0' && word.s[0] <= '9')
        return pattern_line(d, lc, fam, x);
    line_error(lc, "expected 'verb', a pattern 'CODE ...' or an example '>'");
    return TRUCE_EDICT;
}

/* ---- loading ---- */

enum file_kind { KIND_ACTORS, KIND_AGENTS, KIND_VERBS, KIND_UNKNOWN };

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static enum file_kind kind_of(const char *path)
{
    if (ends_with(path, ".actors"))
        return KIND_ACTORS;
    if (ends_with(path, ".agents"))
        return KIND_AGENTS;
    if (ends_with(path, ".verbs"))
        return KIND_VERBS;
    return KIND_UNKNOWN;
}

static int load_lines(struct tr_dict *d, uint32_t file, enum file_kind kind,
                      const char *data, size_t len)
{
    struct line_ctx lc = {d, file, 0};
    struct family fam;
    fam.n = 0;
    fam.open = 0;
    uint32_t last_actor = 0; /* the entry an actor example belongs to */
    int bad = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        struct span raw = {data + pos, end - pos};
        pos = end + 1;
        lc.line++;
        if (!valid_utf8(raw.s, raw.n)) {
            line_error(&lc, "invalid UTF-8 or NUL byte; line skipped");
            bad = 1;
            continue;
        }
        struct span x = strip_comment(raw);
        if (!x.n)
            continue;
        int rc;
        if (kind == KIND_ACTORS && x.s[0] == '>')
            rc = last_actor ? example_line(d, &lc,
                                           (struct span){x.s + 1, x.n - 1},
                                           last_actor)
                            : (line_error(&lc, "example before any entry"),
                               TRUCE_EDICT);
        else if (kind == KIND_ACTORS)
            rc = actor_line(d, &lc, x, &last_actor);
        else if (kind == KIND_AGENTS)
            rc = agent_line(d, &lc, x);
        else
            rc = verb_file_line(d, &lc, &fam, x);
        if (rc == TRUCE_EDICT) {
            bad = 1;
            continue;
        }
        if (rc)
            return rc;
    }
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

int tr_dict_load_file(struct tr_dict *d, const char *path)
{
    enum file_kind kind = kind_of(path);
    if (kind == KIND_UNKNOWN) {
        file_error(d, path, "not a dictionary file (.actors, .agents, .verbs)");
        return TRUCE_EDICT;
    }
    char *data;
    size_t len;
    int rc = tr_read_file(path, DICT_MAX_FILE, &data, &len);
    if (rc) {
        file_error(d, path, rc == TRUCE_ENOTFOUND ? "no such file"
                            : rc == TRUCE_ELIMIT ? "file too large"
                                                 : "cannot read file");
        return rc;
    }
    uint32_t file;
    rc = add_file(d, path, &file);
    if (!rc)
        rc = load_lines(d, file, kind, data, len);
    tr_free(data);
    return rc;
}

int tr_dict_load_buffer(struct tr_dict *d, const char *name, const char *data,
                        size_t len)
{
    enum file_kind kind = kind_of(name);
    if (kind == KIND_UNKNOWN) {
        file_error(d, name, "not a dictionary file (.actors, .agents, .verbs)");
        return TRUCE_EDICT;
    }
    uint32_t file;
    int rc = add_file(d, name, &file);
    if (rc)
        return rc;
    return load_lines(d, file, kind, data, len);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every file of 'dir' ending in 'suffix', in name order. */
static int load_matching(struct tr_dict *d, const char *dir,
                         const char *suffix, int *bad)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return TRUCE_ENOTFOUND;
    char *names[1024];
    size_t n = 0;
    struct dirent *e;
    int rc = TRUCE_OK;
    while ((e = readdir(dp)) != NULL && n < TR_ARRAY_LEN(names)) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, suffix))
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = tr_malloc(len);
        if (!names[n]) {
            rc = TRUCE_ENOMEM;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(dp);
    qsort(names, n, sizeof names[0], cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!rc) {
            int r = tr_dict_load_file(d, names[i]);
            if (r == TRUCE_EDICT)
                *bad = 1;
            else if (r)
                rc = r;
        }
        tr_free(names[i]);
    }
    return rc;
}

int tr_dict_load_dir(struct tr_dict *d, const char *dir)
{
    char sub[4096];
    int bad = 0;
    snprintf(sub, sizeof sub, "%s/actors", dir);
    int rc = load_matching(d, sub, ".actors", &bad);
    if (rc == TRUCE_ENOTFOUND) {
        file_error(d, sub, "no actor dictionaries here");
        return rc;
    }
    if (!rc)
        rc = load_matching(d, dir, ".agents", &bad);
    snprintf(sub, sizeof sub, "%s/verbs", dir);
    if (!rc)
        rc = load_matching(d, sub, ".verbs", &bad);
    if (rc == TRUCE_ENOTFOUND)
        file_error(d, sub, "no verb dictionaries here");
    if (rc)
        return rc;
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

/* ---- the verb index ---- */

struct sort_key {
    uint32_t verb, n_words, order, id;
};

static int cmp_key(const void *a, const void *b)
{
    const struct sort_key *ka = a, *kb = b;
    if (ka->verb != kb->verb)
        return ka->verb < kb->verb ? -1 : 1;
    if (ka->n_words != kb->n_words)
        return ka->n_words > kb->n_words ? -1 : 1;
    return ka->order < kb->order ? -1 : ka->order > kb->order;
}

int tr_dict_finish(struct tr_dict *d)
{
    uint32_t n_ids = d->vocab->n_words + 1;
    tr_free(d->by_verb);
    tr_free(d->by_verb_start);
    d->n_by_verb_ids = 0;
    d->by_verb = tr_malloc((size_t)(d->n_patterns ? d->n_patterns : 1) *
                           sizeof *d->by_verb);
    d->by_verb_start = tr_calloc((size_t)n_ids + 1, sizeof *d->by_verb_start);
    struct sort_key *keys = tr_malloc(
        (size_t)(d->n_patterns ? d->n_patterns : 1) * sizeof *keys);
    if (!d->by_verb || !d->by_verb_start || !keys) {
        tr_free(keys);
        return TRUCE_ENOMEM;
    }
    for (uint32_t i = 0; i < d->n_patterns; i++) {
        const struct tr_pattern *p = &d->patterns[i];
        keys[i] = (struct sort_key){p->verb, p->n_words, p->order, i};
    }
    qsort(keys, d->n_patterns, sizeof *keys, cmp_key);
    for (uint32_t i = 0; i < d->n_patterns; i++) {
        d->by_verb[i] = keys[i].id;
        d->by_verb_start[keys[i].verb + 1]++;
    }
    tr_free(keys);
    for (uint32_t v = 0; v < n_ids; v++)
        d->by_verb_start[v + 1] += d->by_verb_start[v];
    d->n_by_verb_ids = n_ids;
    return TRUCE_OK;
}

const uint32_t *tr_dict_verb_patterns(const struct tr_dict *d, uint32_t lemma,
                                      uint32_t *n)
{
    if (lemma == 0 || lemma >= d->n_by_verb_ids) {
        *n = 0;
        return NULL;
    }
    uint32_t a = d->by_verb_start[lemma], b = d->by_verb_start[lemma + 1];
    *n = b - a;
    return d->by_verb + a;
}

const char *tr_dict_actor_code(const struct tr_dict *d, uint32_t actor,
                               int32_t day)
{
    const struct tr_actor_entry *e = &d->actors[actor];
    const struct tr_actor_code *c = &d->codes[e->first_code];
    const char *fallback = NULL;
    for (uint32_t i = 0; i < e->n_codes; i++) {
        int dated = c[i].from != TR_DAY_MIN || c[i].to != TR_DAY_MAX;
        if (!dated) {
            if (!fallback)
                fallback = c[i].code;
            continue;
        }
        if (day != TR_DAY_MIN && day >= c[i].from && day <= c[i].to)
            return c[i].code;
    }
    if (fallback)
        return fallback;
    /* Only dated codes and none holds: the latest one is the best guess. */
    return c[e->n_codes - 1].code;
}

/* ---- lifecycle ---- */

void tr_dict_init(struct tr_dict *d, struct tr_vocab *v, truce_diag_fn *diag,
                  void *ud)
{
    memset(d, 0, sizeof *d);
    d->vocab = v;
    d->diag = diag;
    d->diag_ud = ud;
    tr_doc_init(&d->scratch);
    tr_buf_init(&d->fold, 4096);
    /* Node 0 is the trie root; it is added lazily by the first insert. */
    d->n_nodes = 0;
}

void tr_dict_release(struct tr_dict *d)
{
    tr_free(d->nodes);
    tr_free(d->edge_keys);
    tr_free(d->edge_vals);
    tr_free(d->actors);
    tr_free(d->codes);
    tr_free(d->agents);
    tr_free(d->patterns);
    tr_free(d->pels);
    tr_free(d->alts);
    tr_free(d->by_verb_start);
    tr_free(d->by_verb);
    for (uint32_t i = 0; i < d->n_examples; i++)
        tr_free(d->examples[i].text);
    tr_free(d->examples);
    for (uint32_t i = 0; i < d->n_files; i++)
        tr_free(d->files[i]);
    tr_free(d->files);
    tr_doc_release(&d->scratch);
    tr_buf_release(&d->fold);
    struct tr_vocab *v = d->vocab;
    memset(d, 0, sizeof *d);
    d->vocab = v;
}
