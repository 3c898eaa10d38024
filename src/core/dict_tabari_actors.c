/*
 * dict_tabari_actors.c -- TABARI and PETRARCH actor, agent, discard and
 * issue files (formats §1-4, 6, 7) into our actor and agent lines. One
 * record (primary phrase, +synonyms, indented code lines) becomes one line
 * `CODESPEC; ... : name | name` placed at the primary phrase's line.
 */
#include <stdio.h>
#include <string.h>

#include "dict_foreign_int.h"

static int contains(struct span x, const char *lit)
{
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= x.n; i++)
        if (memcmp(x.s + i, lit, n) == 0)
            return 1;
    return 0;
}

/* The state of block comments <!-- ... --> (PETRARCH) across lines. */
struct comments {
    int in_block;
};

/* The line without comments: whole-line '#', '/' (TABARI) and '<!',
 * end-of-line ';' and '#', block comments. Both dialects' markers are
 * honoured in both: the production files mix them (formats §1). */
static struct span strip_comments(struct comments *cm, struct span x)
{
    if (cm->in_block) {
        if (!contains(x, "-->"))
            return (struct span){x.s, 0};
        cm->in_block = 0;
        return (struct span){x.s, 0};
    }
    struct span t = trim(x);
    if (starts(t, "<!")) {
        if (starts(t, "<!--") && !contains(t, "-->"))
            cm->in_block = 1;
        return (struct span){x.s, 0};
    }
    if (t.n && (t.s[0] == '#' || t.s[0] == '/'))
        return (struct span){x.s, 0};
    int depth = 0; /* "[###]" is a code, not a comment */
    for (size_t i = 0; i < x.n; i++) {
        depth += x.s[i] == '[' ? 1 : x.s[i] == ']' ? -1 : 0;
        if (x.s[i] == ';' || (x.s[i] == '#' && depth <= 0)) {
            x.n = i;
            break;
        }
    }
    /* Trailing blanks only: a leading blank marks a TABARI code line. */
    while (x.n && is_blank(x.s[x.n - 1]))
        x.n--;
    return x;
}

static int is_end_mark(struct span t)
{
    return starts(t, "~~FINISH") || starts(t, "~FINISH") ||
           contains(t, "---STOP---");
}

/* ---- dates and codes ---- */

/* YYMMDD (pivot: 00-30 are 20xx) or YYYYMMDD as "YYYY-MM-DD". */
static int iso_date(struct span x, char out[16])
{
    x = trim(x);
    for (size_t i = 0; i < x.n; i++)
        if (x.s[i] < '0' || x.s[i] > '9')
            return TRUCE_EINPUT;
    int y;
    const char *md;
    if (x.n == 6) {
        y = (x.s[0] - '0') * 10 + (x.s[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        md = x.s + 2;
    }
    else if (x.n >= 8) {
        y = 0;
        for (int i = 0; i < 4; i++)
            y = y * 10 + (x.s[i] - '0');
        md = x.s + 4;
    }
    else {
        return TRUCE_EINPUT;
    }
    snprintf(out, 16, "%04d-%c%c-%c%c", y % 10000, md[0], md[1], md[2],
             md[3]);
    int32_t day;
    return tr_parse_day(out, 10, &day);
}

static int is_actor_code(struct span x)
{
    if (x.n < 1 || x.n >= TR_CODE_MAX)
        return 0;
    for (size_t i = 0; i < x.n; i++) {
        char ch = x.s[i];
        /* CAMEO.ECS writes its ethnic codes in lower case ([abk]) */
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
              (ch >= '0' && ch <= '9')))
            return 0;
    }
    return 1;
}

struct record {
    uint32_t line;
    int open;
    struct tr_buf names;
    struct tr_buf codes;
    uint32_t n_names, n_codes, n_dated, n_null;
};

static int add_spec(struct record *r, struct span code, const char *range)
{
    int rc = r->codes.len ? tr_buf_adds(&r->codes, "; ") : TRUCE_OK;
    for (size_t i = 0; !rc && i < code.n; i++) {
        char ch = code.s[i];
        rc = tr_buf_addc(&r->codes, ch >= 'a' && ch <= 'z'
                                        ? (char)(ch - 'a' + 'A')
                                        : ch);
    }
    if (!rc && range[0])
        rc = tr_buf_printf(&r->codes, " %s", range);
    r->n_codes++;
    return rc;
}

/* The date part of a code block: "", "<D", ">D", "D1-D2". */
static int date_range(struct tr_foreign_conv *c, uint32_t line,
                      struct span x, char range[48])
{
    char a[16], b[16];
    range[0] = 0;
    x = trim(x);
    if (!x.n)
        return TRUCE_OK;
    if (x.s[0] == '<' || x.s[0] == '>') {
        struct span d = {x.s + 1, x.n - 1};
        if (iso_date(d, a))
            goto bad;
        snprintf(range, 48, x.s[0] == '<' ? "..%s" : "%s..", a);
        return TRUCE_OK;
    }
    const char *dash = memchr(x.s, '-', x.n);
    if (!dash)
        goto bad;
    struct span d1 = {x.s, (size_t)(dash - x.s)};
    struct span d2 = {dash + 1, x.n - d1.n - 1};
    if (iso_date(d1, a) || iso_date(d2, b))
        goto bad;
    if (strcmp(a, b) > 0) {
        tr_foreign_error(c, line, "date range '%.*s' ends before it starts",
                         (int)x.n, x.s);
        return TRUCE_EDICT;
    }
    snprintf(range, 48, "%s..%s", a, b);
    return TRUCE_OK;
bad:
    tr_foreign_error(c, line,
                     "bad date '%.*s' (want <D, >D or D1-D2 with YYMMDD or "
                     "YYYYMMDD)",
                     (int)x.n, x.s);
    return TRUCE_EDICT;
}

/* One "[...]" block of an actor record. */
static int code_block(struct tr_foreign_conv *c, struct record *r,
                      uint32_t line, struct span x)
{
    x = trim(x);
    c->count[TR_FC_ACTOR_CODES]++;
    if (starts(x, "---") || starts(x, "- - -")) {
        r->n_null++;
        return TRUCE_OK;
    }
    if (starts(x, "###") || starts(x, "+++")) {
        c->count[TR_FC_ACTOR_DISCARD]++;
        return TRUCE_OK;
    }
    size_t k = 0;
    while (k < x.n && !is_blank(x.s[k]) && x.s[k] != '<' && x.s[k] != '>')
        k++;
    struct span code = {x.s, k}, rest = {x.s + k, x.n - k};
    const char *slash = memchr(code.s, '/', code.n);
    if (slash) {
        c->count[TR_FC_ACTOR_COMPOUND]++;
        code.n = (size_t)(slash - code.s);
    }
    if (!is_actor_code(code)) {
        tr_foreign_error(c, line, "bad actor code '%.*s'", (int)x.n, x.s);
        return TRUCE_EDICT;
    }
    char range[48];
    int rc = date_range(c, line, rest, range);
    if (rc)
        return rc;
    if (range[0]) {
        c->count[TR_FC_ACTOR_DATED]++;
        r->n_dated++;
    }
    return add_spec(r, code, range);
}

/* Every "[...]" of 'x'. A malformed block is reported; the others load. */
static int code_blocks(struct tr_foreign_conv *c, struct record *r,
                       uint32_t line, struct span x)
{
    int bad = 0;
    for (;;) {
        const char *open = memchr(x.s, '[', x.n);
        if (!open)
            break;
        size_t at = (size_t)(open - x.s) + 1;
        const char *close = memchr(open, ']', x.n - at + 1);
        if (!close) {
            tr_foreign_error(c, line, "'[' without ']'");
            return TRUCE_EDICT;
        }
        int rc = code_block(c, r, line,
                            (struct span){open + 1, (size_t)(close - open - 1)});
        if (rc == TRUCE_EDICT)
            bad = 1;
        else if (rc)
            return rc;
        size_t used = (size_t)(close - x.s) + 1;
        x.s += used;
        x.n -= used;
    }
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

static int add_name(struct record *r, struct span x)
{
    size_t before = r->names.len;
    if (before) {
        int rc = tr_buf_adds(&r->names, " | ");
        if (rc)
            return rc;
    }
    size_t mark = r->names.len;
    int rc = tr_foreign_phrase(&r->names, x.s, x.n, 0);
    if (rc)
        return rc;
    if (r->names.len == mark) { /* nothing but connectors */
        r->names.len = before;
        if (r->names.data)
            r->names.data[before] = 0;
        return TRUCE_EINPUT;
    }
    r->n_names++;
    return TRUCE_OK;
}

static int close_record(struct tr_foreign_conv *c, struct record *r)
{
    if (!r->open)
        return TRUCE_OK;
    r->open = 0;
    int rc = TRUCE_OK;
    if (r->n_codes && r->n_names) {
        if (r->n_null && r->n_dated)
            c->count[TR_FC_ACTOR_NULL_DEFAULT]++;
        rc = tr_foreign_emit(c, r->line, "%s : %s", r->codes.data,
                             r->names.data);
    }
    else if (r->n_names && !r->n_codes) {
        c->count[TR_FC_ACTOR_NULL]++;
        rc = tr_foreign_emit(c, r->line, "# null actor, not loaded: %s",
                             r->names.data);
    }
    tr_buf_reset(&r->names);
    tr_buf_reset(&r->codes);
    r->n_names = r->n_codes = r->n_dated = r->n_null = 0;
    return rc;
}

static struct span phrase_part(struct span x)
{
    const char *open = memchr(x.s, '[', x.n);
    if (open)
        x.n = (size_t)(open - x.s);
    return trim(x);
}

static int primary_line(struct tr_foreign_conv *c, struct record *r,
                        uint32_t line, struct span x)
{
    int rc = close_record(c, r);
    if (rc)
        return rc;
    r->open = 1;
    r->line = line;
    c->count[TR_FC_ACTOR_RECORDS]++;
    struct span name = phrase_part(x);
    rc = add_name(r, name);
    if (rc == TRUCE_EINPUT) {
        r->open = 0;
        tr_foreign_error(c, line, "actor phrase has no words");
        return TRUCE_EDICT;
    }
    if (rc)
        return rc;
    return code_blocks(c, r, line, (struct span){name.s + name.n,
                                                 (size_t)(x.s + x.n -
                                                          (name.s + name.n))});
}

static int synonym_line(struct tr_foreign_conv *c, struct record *r,
                        uint32_t line, struct span x)
{
    if (!r->open) {
        tr_foreign_error(c, line, "synonym '+' before any actor phrase");
        return TRUCE_EDICT;
    }
    c->count[TR_FC_ACTOR_SYNONYMS]++;
    struct span body = {x.s + 1, x.n - 1};
    struct span name = phrase_part(body);
    int rc = add_name(r, name);
    if (rc == TRUCE_EINPUT) {
        tr_foreign_error(c, line, "synonym has no words");
        return TRUCE_EDICT;
    }
    if (rc)
        return rc;
    return code_blocks(c, r, line, (struct span){name.s + name.n,
                                                 (size_t)(body.s + body.n -
                                                          (name.s + name.n))});
}

/* <NOUN>, <ADJECTIVE> and the like: 1 on a tag line, with *section set. */
static int section_tag(struct tr_foreign_conv *c, uint32_t line, struct span t,
                       int *section)
{
    if (!t.n || t.s[0] != '<')
        return 0;
    if (t.n > 1 && t.s[1] == '/')
        *section = 0;
    else if (starts(t, "<NOUN>") || starts(t, "<ADJ"))
        *section = 1;
    else
        tr_foreign_warn(c, line, "unknown section tag '%.*s' skipped",
                        (int)t.n, t.s);
    return 1;
}

static int actor_line(struct tr_foreign_conv *c, struct record *r,
                      uint32_t line, struct span x)
{
    struct span t = trim(x);
    if (t.s[0] == '+')
        return synonym_line(c, r, line, t);
    if (is_blank(x.s[0]) || t.s[0] == '[') {
        if (!r->open) {
            tr_foreign_error(c, line, "code line before any actor phrase");
            return TRUCE_EDICT;
        }
        if (t.s[0] != '[') {
            tr_foreign_error(c, line, "indented line is not a code '[...]'");
            return TRUCE_EDICT;
        }
        return code_blocks(c, r, line, t);
    }
    return primary_line(c, r, line, t);
}

int tr_tabari_actors_convert(struct tr_foreign_conv *c, const char *data,
                             size_t len)
{
    struct tr_foreign_lines it = {data, len, 0, 0};
    struct comments cm = {0};
    struct record r;
    memset(&r, 0, sizeof r);
    tr_buf_init(&r.names, TRUCE_MAX_LINE);
    tr_buf_init(&r.codes, TRUCE_MAX_LINE);
    int section = 0, rc = TRUCE_OK, got;
    while ((got = tr_foreign_next_line(c, &it)) > 0) {
        struct span x = strip_comments(&cm, (struct span){c->line.data,
                                                          c->line.len});
        struct span t = trim(x);
        if (!t.n)
            continue;
        if (is_end_mark(t))
            break;
        if (section_tag(c, it.no, t, &section))
            continue;
        if (section) {
            c->count[TR_FC_SECTION_WORDS]++;
            continue;
        }
        rc = actor_line(c, &r, it.no, x);
        if (rc == TRUCE_EDICT)
            rc = TRUCE_OK;
        if (rc)
            break;
    }
    if (got < 0)
        rc = got;
    if (!rc)
        rc = close_record(c, &r);
    tr_buf_release(&r.names);
    tr_buf_release(&r.codes);
    return rc;
}

/* ---- agents ---- */

#define MAX_SUBST 32

struct subst {
    char name[32];
    char *items; /* owned: "A, B, C" as written */
};

struct agents {
    struct subst sets[MAX_SUBST];
    int n_sets;
    struct tr_buf names;
};

static int subst_line(struct tr_foreign_conv *c, struct agents *a,
                      uint32_t line, struct span t)
{
    const char *bang = memchr(t.s + 1, '!', t.n - 1);
    const char *eq = memchr(t.s, '=', t.n);
    if (!bang || !eq || eq < bang) {
        tr_foreign_error(c, line, "bad substitution set (want !NAME! = A, B)");
        return TRUCE_EDICT;
    }
    size_t nlen = (size_t)(bang - t.s) + 1;
    if (a->n_sets == MAX_SUBST || nlen >= sizeof a->sets[0].name) {
        tr_foreign_error(c, line, "too many or too long substitution sets");
        return TRUCE_EDICT;
    }
    struct subst *s = &a->sets[a->n_sets];
    memcpy(s->name, t.s, nlen);
    s->name[nlen] = 0;
    struct span items = trim((struct span){eq + 1,
                                           (size_t)(t.s + t.n - eq - 1)});
    s->items = tr_strndup(items.s, items.n);
    if (!s->items)
        return TRUCE_ENOMEM;
    a->n_sets++;
    return TRUCE_OK;
}

static int add_agent_name(struct agents *a, struct span x)
{
    size_t mark = a->names.len;
    if (mark) {
        int rc = tr_buf_adds(&a->names, " | ");
        if (rc)
            return rc;
    }
    size_t at = a->names.len;
    int rc = tr_foreign_phrase(&a->names, x.s, x.n, 0);
    if (rc)
        return rc;
    if (a->names.len == at) {
        a->names.len = mark;
        if (a->names.data)
            a->names.data[mark] = 0;
    }
    return TRUCE_OK;
}

/* The phrase with its !SET! expanded once per item (formats §4). */
static int expand_subst(struct tr_foreign_conv *c, struct agents *a,
                        struct span x)
{
    for (int k = 0; k < a->n_sets; k++) {
        size_t nlen = strlen(a->sets[k].name);
        for (size_t i = 0; i + nlen <= x.n; i++) {
            if (memcmp(x.s + i, a->sets[k].name, nlen) != 0)
                continue;
            const char *p = a->sets[k].items;
            while (*p) {
                const char *e = strchr(p, ',');
                while (*p == ' ')
                    p++;
                size_t n = e ? (size_t)(e - p) : strlen(p);
                while (n && p[n - 1] == ' ')
                    n--;
                char tmp[1024];
                int len = snprintf(tmp, sizeof tmp, "%.*s%.*s%.*s", (int)i,
                                   x.s, (int)n, p, (int)(x.n - i - nlen),
                                   x.s + i + nlen);
                if (len > 0 && (size_t)len < sizeof tmp) {
                    int rc = add_agent_name(a, (struct span){tmp,
                                                             (size_t)len});
                    if (rc)
                        return rc;
                    c->count[TR_FC_AGENT_SUBST]++;
                }
                p = e ? e + 1 : p + strlen(p);
            }
            return TRUCE_OK;
        }
    }
    return add_agent_name(a, x);
}

/* "[~GOV]" or "[NGO~]" into role and form. */
static int agent_role(struct tr_foreign_conv *c, uint32_t line,
                      struct span code, char role[8])
{
    code = trim(code);
    int prefix = 0;
    if (code.n && code.s[0] == '~') {
        code.s++;
        code.n--;
    }
    else if (code.n && code.s[code.n - 1] == '~') {
        code.n--;
        prefix = 1;
    }
    else {
        tr_foreign_warn(c, line, "agent code '%.*s' without '~': read as "
                        "'~%.*s'", (int)code.n, code.s, (int)code.n, code.s);
    }
    code = trim(code);
    if (!is_actor_code(code) || code.n < 3) {
        tr_foreign_error(c, line, "bad agent code '%.*s'", (int)code.n,
                         code.s);
        return TRUCE_EDICT;
    }
    if (code.n > 6) {
        c->count[TR_FC_AGENT_LONG_ROLE]++;
        return TRUCE_ENOTFOUND;
    }
    if (prefix)
        c->count[TR_FC_AGENT_PREFIX]++;
    memcpy(role, code.s, code.n);
    role[code.n] = 0;
    return TRUCE_OK;
}

static int agent_entry(struct tr_foreign_conv *c, struct agents *a,
                       uint32_t line, struct span t)
{
    const char *open = memchr(t.s, '[', t.n);
    const char *close = open ? memchr(open, ']', (size_t)(t.s + t.n - open))
                             : NULL;
    if (!close) {
        tr_foreign_error(c, line, "agent without a code '[~ROLE]'");
        return TRUCE_EDICT;
    }
    c->count[TR_FC_AGENTS]++;
    char role[8];
    int rc = agent_role(c, line,
                        (struct span){open + 1, (size_t)(close - open - 1)},
                        role);
    if (rc == TRUCE_ENOTFOUND)
        return tr_foreign_emit(c, line, "# role longer than 6, not loaded");
    if (rc)
        return rc;
    struct span phrase = {t.s, (size_t)(open - t.s)};
    struct span plural = {NULL, 0};
    const char *brace = memchr(phrase.s, '{', phrase.n);
    if (brace) {
        const char *end = memchr(brace, '}', (size_t)(open - brace));
        plural.s = brace + 1;
        plural.n = end ? (size_t)(end - brace - 1) : 0;
        phrase.n = (size_t)(brace - phrase.s);
    }
    tr_buf_reset(&a->names);
    rc = expand_subst(c, a, trim(phrase));
    if (!rc && trim(plural).n) {
        c->count[TR_FC_AGENT_PLURALS]++;
        rc = expand_subst(c, a, trim(plural));
    }
    if (rc)
        return rc;
    if (!a->names.len) {
        tr_foreign_error(c, line, "agent phrase has no words");
        return TRUCE_EDICT;
    }
    return tr_foreign_emit(c, line, "%s : %s", role, a->names.data);
}

int tr_tabari_agents_convert(struct tr_foreign_conv *c, const char *data,
                             size_t len)
{
    struct tr_foreign_lines it = {data, len, 0, 0};
    struct comments cm = {0};
    struct agents a;
    memset(&a, 0, sizeof a);
    tr_buf_init(&a.names, TRUCE_MAX_LINE);
    int rc = TRUCE_OK, got, section = 0;
    while ((got = tr_foreign_next_line(c, &it)) > 0) {
        struct span t = trim(strip_comments(&cm, (struct span){c->line.data,
                                                               c->line.len}));
        if (!t.n)
            continue;
        if (is_end_mark(t))
            break;
        if (section_tag(c, it.no, t, &section))
            continue;
        if (section) {
            c->count[TR_FC_SECTION_WORDS]++;
            continue;
        }
        if (t.s[0] == '!' && memchr(t.s, '=', t.n))
            rc = subst_line(c, &a, it.no, t);
        else
            rc = agent_entry(c, &a, it.no, t);
        if (rc == TRUCE_EDICT)
            rc = TRUCE_OK;
        if (rc)
            break;
    }
    if (got < 0)
        rc = got;
    for (int k = 0; k < a.n_sets; k++)
        tr_free(a.sets[k].items);
    tr_buf_release(&a.names);
    return rc;
}

/* ---- discards and issues: counted; the coder has no use for them ---- */

int tr_tabari_lists_convert(struct tr_foreign_conv *c, const char *data,
                            size_t len)
{
    struct tr_foreign_lines it = {data, len, 0, 0};
    struct comments cm = {0};
    int got;
    while ((got = tr_foreign_next_line(c, &it)) > 0) {
        struct span t = trim(strip_comments(&cm, (struct span){c->line.data,
                                                               c->line.len}));
        if (!t.n || t.s[0] == '<')
            continue;
        if (c->kind == TRUCE_DICT_ISSUES)
            c->count[TR_FC_ISSUES]++;
        else if (t.s[0] == '+')
            c->count[TR_FC_STORY_DISCARDS]++;
        else
            c->count[TR_FC_DISCARDS]++;
    }
    if (got < 0)
        return got;
    tr_foreign_warn(c, 0, "%s are counted but not used by the coder",
                    c->kind == TRUCE_DICT_ISSUES ? "issues" : "discards");
    return TRUCE_OK;
}
