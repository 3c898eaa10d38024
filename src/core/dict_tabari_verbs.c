/*
 * dict_tabari_verbs.c -- the three verb dialects (TABARI, PETRARCH-1,
 * PETRARCH-2; formats §5) into our `verb` and pattern lines. A root or a
 * block becomes a family named by WordNet verb lemmas; each pattern
 * becomes one or more of our patterns (alternatives and synsets of several
 * words are expanded). What our pattern model cannot say (% ^ @, null and
 * discard codes, the reversed half of paired codes) is counted per
 * construct and written as a comment, never silently dropped.
 */
#include <stdio.h>
#include <string.h>

#include "cameo.h"
#include "dict_foreign_int.h"
#include "lexicon.h"

#define MAX_SYNSETS 256
#define MAX_MEMBERS 4096
#define MAX_ELS 24
#define MAX_ALTS 64
#define MAX_EXPAND 32
#define WORD_MAX 64

/* ---- synsets: name -> members (normalized, lower case, blank-joined) ---- */

struct synsets {
    char name[MAX_SYNSETS][32];
    uint32_t first[MAX_SYNSETS], n_members[MAX_SYNSETS];
    uint32_t n;
    char *member[MAX_MEMBERS]; /* owned */
    uint32_t n_all;
    int open; /* members go to the last set */
};

static int synset_find(const struct synsets *ss, struct span name)
{
    for (uint32_t i = 0; i < ss->n; i++)
        if (strlen(ss->name[i]) == name.n &&
            memcmp(ss->name[i], name.s, name.n) == 0)
            return (int)i;
    return -1;
}

/* ---- verb lemmas ---- */

static const char *const IRREGULAR[][2] = {
    {"arose", "arise"}, {"ate", "eat"}, {"became", "become"},
    {"began", "begin"}, {"begun", "begin"}, {"been", "be"}, {"bore", "bear"},
    {"bought", "buy"}, {"blew", "blow"}, {"blown", "blow"},
    {"broke", "break"}, {"broken", "break"}, {"brought", "bring"},
    {"built", "build"}, {"came", "come"}, {"caught", "catch"},
    {"chose", "choose"}, {"chosen", "choose"}, {"dealt", "deal"},
    {"did", "do"}, {"done", "do"}, {"drew", "draw"}, {"drawn", "draw"},
    {"drove", "drive"}, {"driven", "drive"}, {"fed", "feed"},
    {"fell", "fall"}, {"fallen", "fall"}, {"felt", "feel"},
    {"fled", "flee"}, {"flew", "fly"}, {"fought", "fight"},
    {"forbade", "forbid"}, {"forgave", "forgive"}, {"found", "find"},
    {"froze", "freeze"}, {"gave", "give"}, {"given", "give"},
    {"gone", "go"}, {"got", "get"}, {"grew", "grow"}, {"had", "have"},
    {"has", "have"}, {"heard", "hear"}, {"held", "hold"}, {"hid", "hide"},
    {"hung", "hang"}, {"is", "be"}, {"are", "be"}, {"was", "be"},
    {"were", "be"}, {"kept", "keep"}, {"knew", "know"}, {"known", "know"},
    {"laid", "lay"}, {"led", "lead"}, {"left", "leave"}, {"lent", "lend"},
    {"lost", "lose"}, {"made", "make"}, {"meant", "mean"}, {"met", "meet"},
    {"overran", "overrun"}, {"overthrew", "overthrow"},
    {"overthrown", "overthrow"}, {"paid", "pay"}, {"ran", "run"},
    {"rebuilt", "rebuild"}, {"retook", "retake"}, {"rose", "rise"},
    {"said", "say"}, {"sank", "sink"}, {"sat", "sit"}, {"saw", "see"},
    {"seen", "see"}, {"sent", "send"}, {"shook", "shake"}, {"shot", "shoot"},
    {"slain", "slay"}, {"slew", "slay"}, {"sold", "sell"},
    {"sought", "seek"}, {"spent", "spend"}, {"spoke", "speak"},
    {"spoken", "speak"}, {"stole", "steal"}, {"stood", "stand"},
    {"struck", "strike"}, {"stuck", "stick"}, {"swept", "sweep"},
    {"swore", "swear"}, {"sworn", "swear"}, {"taken", "take"},
    {"taught", "teach"}, {"thought", "think"}, {"threw", "throw"},
    {"thrown", "throw"}, {"told", "tell"}, {"took", "take"},
    {"tore", "tear"}, {"torn", "tear"}, {"understood", "understand"},
    {"undertook", "undertake"}, {"upheld", "uphold"}, {"went", "go"},
    {"withdrew", "withdraw"}, {"withdrawn", "withdraw"}, {"won", "win"},
    {"wore", "wear"}, {"wrote", "write"}, {"written", "write"},
};

static uint32_t vfind(const struct tr_foreign_conv *c, const char *w)
{
    return c->vocab ? tr_vocab_find(c->vocab, w, strlen(w)) : 0;
}

/* Verb lemma of 'w' through the lexicon: the first candidate form that
 * the lexicon knows as a verb. */
static int lemma_lexicon(const struct tr_foreign_conv *c, const char *w,
                         char *out, size_t cap)
{
    static const char *const ENDS[] = {"", "e", "ed", "s", "es", "ing"};
    char cand[WORD_MAX + 8];
    for (size_t k = 0; k < TR_ARRAY_LEN(ENDS); k++) {
        snprintf(cand, sizeof cand, "%s%s", w, ENDS[k]);
        uint32_t id = vfind(c, cand);
        if (id && tr_lexicon_has(c->lexicon, id, 'v')) {
            uint32_t l = tr_lexicon_lemma(c->lexicon, id, 'v');
            snprintf(out, cap, "%s", tr_vocab_str(c->vocab, l));
            return 1;
        }
    }
    return 0;
}

/* Without a lexicon: undo the regular endings, then complete a stem, and
 * take the first candidate the vocabulary holds (the lexicon interned
 * every WordNet form into it). */
static int lemma_guess(const struct tr_foreign_conv *c, const char *w,
                       char *out, size_t cap)
{
    size_t n = strlen(w);
    char cand[8][WORD_MAX + 8];
    int k = 0;
    if (n > 4 && strcmp(w + n - 3, "ing") == 0) {
        snprintf(cand[k++], sizeof cand[0], "%.*s", (int)(n - 3), w);
        snprintf(cand[k++], sizeof cand[0], "%.*se", (int)(n - 3), w);
        snprintf(cand[k++], sizeof cand[0], "%.*s", (int)(n - 4), w);
    }
    else if (n > 3 && strcmp(w + n - 3, "ied") == 0) {
        snprintf(cand[k++], sizeof cand[0], "%.*sy", (int)(n - 3), w);
    }
    else if (n > 3 && strcmp(w + n - 2, "ed") == 0) {
        snprintf(cand[k++], sizeof cand[0], "%.*s", (int)(n - 1), w);
        snprintf(cand[k++], sizeof cand[0], "%.*s", (int)(n - 2), w);
        snprintf(cand[k++], sizeof cand[0], "%.*s", (int)(n - 3), w);
    }
    else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's') {
        snprintf(cand[k++], sizeof cand[0], "%.*s", (int)(n - 1), w);
    }
    snprintf(cand[k++], sizeof cand[0], "%s", w);
    snprintf(cand[k++], sizeof cand[0], "%se", w);
    if (n > 1 && w[n - 1] == 'i')
        snprintf(cand[k++], sizeof cand[0], "%.*sy", (int)(n - 1), w);
    for (int i = 0; i < k; i++) {
        if (vfind(c, cand[i])) {
            snprintf(out, cap, "%s", cand[i]);
            return 1;
        }
    }
    return 0;
}

/* The verb lemma of root word 'w' (lower case). */
static void verb_lemma(struct tr_foreign_conv *c, const char *w, char *out,
                       size_t cap)
{
    for (size_t i = 0; i < TR_ARRAY_LEN(IRREGULAR); i++) {
        if (strcmp(IRREGULAR[i][0], w) == 0) {
            snprintf(out, cap, "%s", IRREGULAR[i][1]);
            return;
        }
    }
    if (c->lexicon && c->vocab && lemma_lexicon(c, w, out, cap))
        return;
    if (lemma_guess(c, w, out, cap))
        return;
    if (c->vocab)
        c->count[TR_FC_STEM_UNRESOLVED]++;
    snprintf(out, cap, "%s", w);
}

/* ---- families ---- */

#define MAX_MEMBERS_FAM 64

struct family {
    char member[MAX_MEMBERS_FAM][128];
    uint32_t n;
    uint32_t line;
    int pending;         /* the `verb` line is not written yet */
    char code[8];        /* the root's or block's own code, "" if none */
};

/* A verb phrase ("BEEF_UP", "+CORDON_OFF", "WIRE_+TAP") as our family
 * member: the lemma of the verb word, then the words after it. */
static void family_member(struct tr_foreign_conv *c, struct span x,
                          char *out, size_t cap)
{
    char words[16][WORD_MAX];
    int n = 0, verb = 0;
    size_t i = 0;
    while (i < x.n && n < 16) {
        while (i < x.n && (x.s[i] == '_' || is_blank(x.s[i]) ||
                           x.s[i] == '=' || x.s[i] == '~'))
            i++;
        if (i >= x.n)
            break;
        if (x.s[i] == '+') {
            verb = n;
            i++;
            continue;
        }
        size_t k = 0;
        while (i < x.n && x.s[i] != '_' && !is_blank(x.s[i]) &&
               x.s[i] != '=' && x.s[i] != '~' && x.s[i] != '+') {
            char ch = x.s[i++];
            if (k + 1 < WORD_MAX)
                words[n][k++] = (ch >= 'A' && ch <= 'Z')
                                    ? (char)(ch - 'A' + 'a') : ch;
        }
        words[n][k] = 0;
        n++;
    }
    out[0] = 0;
    if (!n)
        return;
    char lemma[128];
    verb_lemma(c, words[verb], lemma, sizeof lemma);
    size_t len = (size_t)snprintf(out, cap, "%s", lemma);
    for (int k = verb + 1; k < n && len < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, " %s", words[k]);
}

static int family_add(struct family *f, const char *m)
{
    if (!m[0])
        return 0;
    for (uint32_t i = 0; i < f->n; i++)
        if (strcmp(f->member[i], m) == 0)
            return 0;
    if (f->n == MAX_MEMBERS_FAM)
        return 0;
    snprintf(f->member[f->n++], sizeof f->member[0], "%s", m);
    return 1;
}

static int family_flush(struct tr_foreign_conv *c, struct family *f)
{
    if (!f->pending || !f->n)
        return TRUCE_OK;
    f->pending = 0;
    char line[4096];
    size_t len = 0;
    for (uint32_t i = 0; i < f->n && len < sizeof line; i++)
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s",
                                i ? " | " : "", f->member[i]);
    int rc = tr_foreign_emit(c, f->line, "verb %s", line);
    if (!rc && f->code[0])
        rc = tr_foreign_emit(c, f->line, "%s", f->code);
    return rc;
}

/* ---- codes ---- */

/* The event code of "[...]" into out (our code), or why it cannot load:
 * returns the count index to bump, or -1 when 'out' is good. */
static int event_code(struct tr_foreign_conv *c, struct span x, char out[8])
{
    x = trim(x);
    out[0] = 0;
    if (!x.n || starts(x, "---") || starts(x, "- - -"))
        return TR_FC_PAT_NULL;
    if (starts(x, "###") || starts(x, "+++"))
        return TR_FC_PAT_DISCARD;
    const char *colon = memchr(x.s, ':', x.n);
    if (colon) {
        if (colon == x.s)
            return TR_FC_PAT_REVERSED_ONLY;
        c->count[TR_FC_PAT_PAIRED]++;
        x.n = (size_t)(colon - x.s);
    }
    while (x.n && (x.s[x.n - 1] == '?' || x.s[x.n - 1] == '!' ||
                   is_blank(x.s[x.n - 1])))
        x.n--;
    if (x.n < 2 || x.n > 4 || !tr_cameo_find(x.s, x.n))
        return TR_FC_PAT_NONCAMEO;
    memcpy(out, x.s, x.n);
    out[x.n] = 0;
    return -1;
}

/* Code brackets of a line: the last "[...]" before any comment. */
static int last_brackets(struct span x, struct span *body, struct span *code)
{
    const char *open = NULL;
    for (size_t i = x.n; i-- > 0;)
        if (x.s[i] == '[') {
            open = x.s + i;
            break;
        }
    if (!open)
        return 0;
    const char *close = memchr(open, ']', (size_t)(x.s + x.n - open));
    if (!close)
        return 0;
    body->s = x.s;
    body->n = (size_t)(open - x.s);
    code->s = open + 1;
    code->n = (size_t)(close - open - 1);
    return 1;
}

/* ---- patterns ---- */

/* One element: a marker (* + $) or alternatives, each a word sequence. */
struct el {
    char marker;              /* '*', '+', '$' or 0 for words */
    char *alt[MAX_ALTS];      /* each "w1 w2", lower case; owned by 'pool' */
    int n_alt;
};

struct pat {
    struct el el[MAX_ELS];
    int n;
    char pool[8192];
    size_t used;
    int skip;                 /* count index why it cannot load, or -1 */
};

static char *pool_add(struct pat *p, const char *s, size_t n)
{
    if (p->used + n + 1 > sizeof p->pool)
        return NULL;
    char *at = p->pool + p->used;
    memcpy(at, s, n);
    at[n] = 0;
    p->used += n + 1;
    return at;
}

/* Words of 'x' lower-cased, connectors to blanks, into the pool. */
static char *pool_phrase(struct pat *p, const char *s, size_t n)
{
    struct tr_buf b;
    tr_buf_init(&b, 4096);
    char *at = NULL;
    if (!tr_foreign_phrase(&b, s, n, 1) && b.len)
        at = pool_add(p, b.data, b.len);
    tr_buf_release(&b);
    return at;
}

static struct el *new_el(struct pat *p, char marker)
{
    if (p->n == MAX_ELS)
        return NULL;
    struct el *e = &p->el[p->n++];
    e->marker = marker;
    e->n_alt = 0;
    return e;
}

static void add_alt(struct pat *p, struct el *e, const char *s, size_t n)
{
    char *a = pool_phrase(p, s, n);
    if (a && e->n_alt < MAX_ALTS)
        e->alt[e->n_alt++] = a;
}

static void add_synset(struct pat *p, struct el *e, const struct synsets *ss,
                       struct span name)
{
    int k = synset_find(ss, name);
    if (k < 0) {
        add_alt(p, e, name.s + 1, name.n - 1);
        return;
    }
    for (uint32_t i = 0; i < ss->n_members[k]; i++) {
        const char *m = ss->member[ss->first[k] + i];
        add_alt(p, e, m, strlen(m));
    }
}

/* Split the pattern body into tokens: '_' and blanks separate words;
 * { | } ( ) and the markers stand alone. */
static int next_token(struct span *x, struct span *tok)
{
    size_t i = 0;
    while (i < x->n && (is_blank(x->s[i]) || x->s[i] == '_'))
        i++;
    if (i >= x->n)
        return 0;
    const char *special = "{}|()*+$%^@";
    size_t k = i;
    if (strchr(special, x->s[k])) {
        k++;
    }
    else {
        while (k < x->n && !is_blank(x->s[k]) && x->s[k] != '_' &&
               !strchr(special, x->s[k]))
            k++;
    }
    tok->s = x->s + i;
    tok->n = k - i;
    x->s += k;
    x->n -= k;
    return 1;
}

/* TABARI / PETRARCH-1 alternatives "{ A | B C | D }": one element. */
static void parse_alts(struct pat *p, struct span *x, const struct synsets *ss)
{
    struct el *e = new_el(p, 0);
    char cur[512];
    size_t len = 0;
    struct span tok;
    while (next_token(x, &tok)) {
        if ((tok.s[0] == '|' || tok.s[0] == '}') && tok.n == 1) {
            if (e && len)
                add_alt(p, e, cur, len);
            len = 0;
            if (tok.s[0] == '}')
                break;
            continue;
        }
        if (tok.s[0] == '&' && e) {
            add_synset(p, e, ss, tok);
            continue;
        }
        if (len + tok.n + 1 < sizeof cur) {
            if (len)
                cur[len++] = ' ';
            memcpy(cur + len, tok.s, tok.n);
            len += tok.n;
        }
    }
}

static void parse_pattern(struct pat *p, struct span x,
                          const struct synsets *ss, enum tr_verb_dialect dl)
{
    struct span tok;
    p->n = 0;
    p->used = 0;
    p->skip = -1;
    while (next_token(&x, &tok)) {
        char ch = tok.n == 1 ? tok.s[0] : 0;
        struct el *e;
        if (ch == '%' || ch == '^' || ch == '@') {
            p->skip = ch == '%' ? TR_FC_PAT_COMPOUND
                      : ch == '^' ? TR_FC_PAT_SKIP : TR_FC_PAT_ATTRIB;
            return;
        }
        if (ch == '*' || ch == '+' || ch == '$') {
            new_el(p, ch);
            continue;
        }
        if (ch == '{' && dl != TR_VD_PETRARCH2) {
            parse_alts(p, &x, ss);
            continue;
        }
        if (ch == '{' || ch == '}' || ch == '(' || ch == ')' || ch == '|')
            continue; /* PETRARCH-2 noun and prepositional phrases */
        e = new_el(p, 0);
        if (!e)
            return;
        if (tok.s[0] == '&')
            add_synset(p, e, ss, tok);
        else
            add_alt(p, e, tok.s, tok.n);
        if (!e->n_alt)
            p->n--;
    }
}

static int el_multiword(const struct el *e)
{
    for (int i = 0; i < e->n_alt; i++)
        if (strchr(e->alt[i], ' '))
            return 1;
    return 0;
}

/* Write expansion number 'which' of the pattern; elements whose
 * alternatives have several words are expanded, the others become a/b/c. */
static int write_one(struct tr_foreign_conv *c, const struct pat *p,
                     uint32_t line, const char *code, uint32_t which)
{
    char out[4096];
    size_t len = (size_t)snprintf(out, sizeof out, "%s", code);
    int first = 1;
    for (int i = 0; i < p->n && len < sizeof out; i++) {
        const struct el *e = &p->el[i];
        if (e->marker == '*' && first) {
            first = 0;
            continue; /* a leading * says nothing in our format */
        }
        first = 0;
        if (e->marker) {
            len += (size_t)snprintf(out + len, sizeof out - len, " %c",
                                    e->marker);
            continue;
        }
        if (el_multiword(e)) {
            uint32_t k = which % (uint32_t)e->n_alt;
            which /= (uint32_t)e->n_alt;
            len += (size_t)snprintf(out + len, sizeof out - len, " %s",
                                    e->alt[k]);
            continue;
        }
        for (int k = 0; k < e->n_alt && len < sizeof out; k++)
            len += (size_t)snprintf(out + len, sizeof out - len, "%c%s",
                                    k ? '/' : ' ', e->alt[k]);
    }
    if (len >= sizeof out)
        return TRUCE_OK;
    c->count[TR_FC_PATTERNS_OUT]++;
    return tr_foreign_emit(c, line, "%s", out);
}

static int write_pattern(struct tr_foreign_conv *c, const struct pat *p,
                         uint32_t line, const char *code)
{
    uint32_t total = 1;
    for (int i = 0; i < p->n; i++) {
        if (!el_multiword(&p->el[i]))
            continue;
        total *= (uint32_t)p->el[i].n_alt;
        if (total > MAX_EXPAND)
            break;
    }
    if (total > MAX_EXPAND) {
        c->count[TR_FC_PAT_TRUNCATED]++;
        total = MAX_EXPAND;
    }
    for (uint32_t w = 0; w < total; w++) {
        int rc = write_one(c, p, line, code, w);
        if (rc)
            return rc;
    }
    return TRUCE_OK;
}

/* ---- the reader ---- */

struct verbs {
    struct synsets ss;
    struct family fam;
    struct pat pat;
    int section;       /* 1 synsets, 2 time/attrib */
    int in_block_comment;
    int synset_mode;   /* '+' lines are synset members */
};

static int synset_member(struct tr_foreign_conv *c, struct verbs *v,
                         uint32_t line, struct span t)
{
    struct synsets *ss = &v->ss;
    if (!ss->n || ss->n_all == MAX_MEMBERS) {
        tr_foreign_error(c, line, "synset member outside a synset");
        return TRUCE_EDICT;
    }
    struct tr_buf b;
    tr_buf_init(&b, 4096);
    int rc = tr_foreign_phrase(&b, t.s + 1, t.n - 1, 1);
    if (!rc && b.len) {
        ss->member[ss->n_all] = tr_strndup(b.data, b.len);
        if (!ss->member[ss->n_all])
            rc = TRUCE_ENOMEM;
        else {
            ss->n_all++;
            ss->n_members[ss->n - 1]++;
            c->count[TR_FC_SYNSET_MEMBERS]++;
        }
    }
    tr_buf_release(&b);
    return rc;
}

static int synset_start(struct tr_foreign_conv *c, struct verbs *v,
                        uint32_t line, struct span t)
{
    struct synsets *ss = &v->ss;
    size_t k = 0;
    while (k < t.n && !is_blank(t.s[k]))
        k++;
    if (ss->n == MAX_SYNSETS || k >= sizeof ss->name[0]) {
        tr_foreign_error(c, line, "too many synsets or name too long");
        return TRUCE_EDICT;
    }
    memcpy(ss->name[ss->n], t.s, k);
    ss->name[ss->n][k] = 0;
    ss->first[ss->n] = ss->n_all;
    ss->n_members[ss->n] = 0;
    ss->n++;
    c->count[TR_FC_SYNSETS]++;
    v->synset_mode = 1;
    return TRUCE_OK;
}

static int pattern_line(struct tr_foreign_conv *c, struct verbs *v,
                        uint32_t line, struct span t)
{
    c->count[TR_FC_VERB_PATTERNS]++;
    if (!v->fam.n) {
        tr_foreign_error(c, line, "pattern before any verb");
        return TRUCE_EDICT;
    }
    struct span body, code;
    if (!last_brackets((struct span){t.s + 1, t.n - 1}, &body, &code)) {
        tr_foreign_error(c, line, "pattern without a code '[...]'");
        return TRUCE_EDICT;
    }
    char ev[8];
    int why = event_code(c, code, ev);
    parse_pattern(&v->pat, body, &v->ss, c->dialect);
    if (why < 0 && v->pat.skip >= 0)
        why = v->pat.skip;
    int rc = family_flush(c, &v->fam);
    if (rc)
        return rc;
    if (why >= 0) {
        c->count[why]++;
        return tr_foreign_emit(c, line, "# not loaded (%s): %.*s",
                               tr_foreign_count_name(why), (int)t.n, t.s);
    }
    int has_star = 0;
    for (int i = 0; i < v->pat.n; i++)
        has_star |= v->pat.el[i].marker == '*';
    if (!has_star) {
        tr_foreign_error(c, line, "pattern without '*' (the verb)");
        return TRUCE_EDICT;
    }
    return write_pattern(c, &v->pat, line, ev);
}

/* "ROOT [code]" (TABARI) or "VERB {FORMS} [code]" (PETRARCH block). */
static int verb_line(struct tr_foreign_conv *c, struct verbs *v,
                     uint32_t line, struct span t, int new_family)
{
    struct span body = t, code = {NULL, 0};
    char ev[8] = "";
    int has_code = last_brackets(t, &body, &code);
    if (has_code) {
        int why = event_code(c, code, ev);
        if (why >= 0 && why != TR_FC_PAT_NULL)
            c->count[why]++;
    }
    const char *brace = memchr(body.s, '{', body.n);
    if (brace)
        body.n = (size_t)(brace - body.s);
    body = trim(body);
    c->count[TR_FC_VERB_WORDS]++;
    char m[128];
    family_member(c, body, m, sizeof m);
    if (!m[0]) {
        tr_foreign_error(c, line, "verb line names no verb");
        return TRUCE_EDICT;
    }
    if (new_family || (ev[0] && v->fam.code[0] && strcmp(ev, v->fam.code))) {
        int rc = family_flush(c, &v->fam);
        if (rc)
            return rc;
        v->fam.n = 0;
        v->fam.line = line;
        v->fam.pending = 1;
        v->fam.code[0] = 0;
        c->count[TR_FC_VERB_FAMILIES]++;
    }
    if (ev[0] && !v->fam.code[0])
        snprintf(v->fam.code, sizeof v->fam.code, "%s", ev);
    family_add(&v->fam, m);
    return TRUCE_OK;
}

/* TABARI "{BROKE_ BROKEN_}" after a root: more members of the family. */
static int forms_line(struct tr_foreign_conv *c, struct verbs *v,
                      uint32_t line, struct span t)
{
    if (!v->fam.n) {
        tr_foreign_error(c, line, "irregular forms before any verb");
        return TRUCE_EDICT;
    }
    struct span x = {t.s + 1, t.n - 1};
    const char *close = memchr(x.s, '}', x.n);
    if (close)
        x.n = (size_t)(close - x.s);
    size_t i = 0;
    while (i < x.n) {
        while (i < x.n && is_blank(x.s[i]))
            i++;
        size_t k = i;
        while (k < x.n && !is_blank(x.s[k]))
            k++;
        if (k > i) {
            char m[128];
            c->count[TR_FC_VERB_WORDS]++;
            family_member(c, (struct span){x.s + i, k - i}, m, sizeof m);
            if (v->fam.pending)
                family_add(&v->fam, m);
        }
        i = k;
    }
    return TRUCE_OK;
}

/* "--- NAME [CODE] ---": a PETRARCH block; its code is the default. */
static int block_line(struct tr_foreign_conv *c, struct verbs *v,
                      uint32_t line, struct span t)
{
    int rc = family_flush(c, &v->fam);
    if (rc)
        return rc;
    v->fam.n = 0;
    v->fam.pending = 1;
    v->fam.line = line;
    v->fam.code[0] = 0;
    c->count[TR_FC_VERB_FAMILIES]++;
    struct span body, code;
    if (last_brackets(t, &body, &code)) {
        char ev[8];
        if (event_code(c, code, ev) < 0)
            snprintf(v->fam.code, sizeof v->fam.code, "%s", ev);
    }
    v->synset_mode = 0;
    return TRUCE_OK;
}

static int section_line(struct verbs *v, struct span t)
{
    if (starts(t, "<SYNSETS>"))
        v->section = 1;
    else if (starts(t, "<TIME>") || starts(t, "<ATTRIB>"))
        v->section = 2;
    else if (t.n > 1 && t.s[1] == '/')
        v->section = 0;
    else
        return 0;
    v->synset_mode = 0;
    return 1;
}

static struct span strip_verb_comment(struct tr_foreign_conv *c,
                                      struct verbs *v, struct span x)
{
    struct span t = trim(x);
    if (v->in_block_comment) {
        for (size_t i = 0; i + 3 <= t.n; i++)
            if (memcmp(t.s + i, "-->", 3) == 0)
                v->in_block_comment = 0;
        return (struct span){x.s, 0};
    }
    if (starts(t, "<!--")) {
        v->in_block_comment = 1;
        for (size_t i = 4; i + 3 <= t.n; i++)
            if (memcmp(t.s + i, "-->", 3) == 0)
                v->in_block_comment = 0;
        return (struct span){x.s, 0};
    }
    if (t.n && (t.s[0] == '#' || (t.s[0] == '/' &&
                                  c->dialect == TR_VD_TABARI)))
        return (struct span){x.s, 0};
    int depth = 0; /* "[###]" is a code, not a comment */
    for (size_t i = 0; i < t.n; i++) {
        depth += t.s[i] == '[' ? 1 : t.s[i] == ']' ? -1 : 0;
        if ((t.s[i] == '#' && depth <= 0) ||
            (t.s[i] == ';' && c->dialect == TR_VD_TABARI)) {
            t.n = i;
            break;
        }
    }
    return trim(t);
}

static int verbs_line(struct tr_foreign_conv *c, struct verbs *v,
                      uint32_t line, struct span t)
{
    if (t.s[0] == '<' && section_line(v, t))
        return TRUCE_OK;
    if (v->section == 2) {
        c->count[TR_FC_TIME_ATTRIB]++;
        return TRUCE_OK;
    }
    if (t.s[0] == '&')
        return synset_start(c, v, line, t);
    if (t.s[0] == '+' && (v->synset_mode || v->section == 1))
        return synset_member(c, v, line, t);
    v->synset_mode = 0;
    if (t.s[0] == '~') {
        c->count[TR_FC_TRANSFORMS]++;
        return tr_foreign_emit(c, line, "# transformation not loaded");
    }
    if (starts(t, "---"))
        return block_line(c, v, line, t);
    if (t.s[0] == '-')
        return pattern_line(c, v, line, t);
    if (t.s[0] == '{')
        return forms_line(c, v, line, t);
    return verb_line(c, v, line, t, c->dialect == TR_VD_TABARI);
}

/* PETRARCH files have "--- NAME ---" blocks; PETRARCH-2 has the "VERB
 * PATTERNS" divider and parenthesised phrases (formats §5.3). */
static enum tr_verb_dialect sniff(const struct tr_foreign_conv *c,
                                  const char *data, size_t len)
{
    if (c->format == TRUCE_DICT_TABARI)
        return TR_VD_TABARI;
    const char *mark = "####### VERB PATTERNS";
    size_t m = strlen(mark);
    for (size_t i = 0; i + m <= len; i++)
        if (data[i] == '#' && memcmp(data + i, mark, m) == 0)
            return TR_VD_PETRARCH2;
    return TR_VD_PETRARCH1;
}

int tr_tabari_verbs_convert(struct tr_foreign_conv *c, const char *data,
                            size_t len)
{
    struct verbs *v = tr_calloc(1, sizeof *v);
    if (!v)
        return TRUCE_ENOMEM;
    c->dialect = sniff(c, data, len);
    struct tr_foreign_lines it = {data, len, 0, 0};
    int rc = TRUCE_OK, got;
    while ((got = tr_foreign_next_line(c, &it)) > 0) {
        struct span t = strip_verb_comment(c, v, (struct span){c->line.data,
                                                               c->line.len});
        if (!t.n)
            continue;
        if (starts(t, "~~FINISH") || starts(t, "~FINISH"))
            break;
        rc = verbs_line(c, v, it.no, t);
        if (rc == TRUCE_EDICT)
            rc = TRUCE_OK;
        if (rc)
            break;
    }
    if (got < 0)
        rc = got;
    if (!rc)
        rc = family_flush(c, &v->fam);
    for (uint32_t i = 0; i < v->ss.n_all; i++)
        tr_free(v->ss.member[i]);
    tr_free(v);
    return rc;
}
