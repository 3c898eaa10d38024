/*
 * tabari.c -- TABARI's sparse parse and pattern matcher over TABARI's own
 * dictionaries (see tabari.h for why this exists beside our coder).
 *
 * One sentence goes through these steps, as TABARI's manual and its
 * validation suite describe them:
 *   1. tokens: upper case, hyphens and underscores split words, commas kept;
 *   2. comma clauses of MIN..MAX words (and a final one of EMIN..EMAX)
 *      are deleted: "Gollum, centre of a row, called on Gondor";
 *   3. actors (longest phrase; words not joined by "_" may have others
 *      between them), agents (joined to the actor before them, after them
 *      or after "of"/"in"), pronouns (the first actor of the sentence),
 *      compounds ("Fornost and the evil Gondor");
 *   4. clauses: split at a conjunction that does not join actors, nouns or
 *      adjectives;
 *   5. in each clause the first verb whose code is not null is coded:
 *      its patterns are tried longest first (upper part backwards from
 *      the verb, lower part forwards), else the root's code;
 *   6. source: the pattern's $ or the clause's first actor (carried over
 *      from the clause before when there is none); target: the pattern's
 *      + or the first actor after the verb with another code.
 * [###] anywhere drops the sentence, [+++] and the COMPLEX: limits leave
 * it uncoded, a subordinate code ("023?") is used only when nothing else
 * was coded.
 *
 * Matching is on words, so everything here is small fixed arrays per
 * sentence; the dictionaries are indexed by their first word.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "internal.h"
#include "tabari.h"
#include "vocab.h"

#define TB_W 48          /* longest word kept */
#define TB_CODE 40       /* longest code kept */
#define TB_MAXTOK 400    /* words per sentence */
#define TB_MAXUNIT 96    /* actor units per sentence */
#define TB_MAXCODES 8    /* codes per unit (compound codes A/B/C) */
#define TB_MAXMEM 16     /* units per compound */
#define TB_MAXEV 64      /* events per sentence */
#define TB_FILE_MAX (256u * 1024u * 1024u)

/* ------------------------------------------------------------ dictionary */

struct dw {                /* one dictionary word */
    char w[TB_W];
    uint8_t n;
    uint8_t exact;         /* ended by '_': the word itself (+ endings) */
    uint8_t noend;         /* ended by '=': the word itself, no endings */
    uint8_t adj;           /* the next element must follow at once */
};

enum item_kind { IT_WORD, IT_SRC, IT_TGT, IT_CMP, IT_SKIP, IT_ATT, IT_SYN,
                 IT_ALT };

struct item {
    uint8_t kind, adj;     /* adj: the next item (or the verb) at once */
    uint32_t ref;          /* IT_WORD: dw index; IT_SYN: synset; IT_ALT: group */
};

struct seq {
    uint32_t first, n;     /* items */
};

struct group {
    uint32_t first, n;     /* seqs: the alternatives */
};

struct synset {
    char name[TB_W];
    uint32_t first, n;     /* seqs: the members */
};

struct code {
    char c[TB_CODE];
    int32_t from, to;      /* YYYYMMDD, inclusive */
};

struct phrase {
    uint32_t first, n;     /* dws */
};

struct actor {
    struct phrase ph;
    uint32_t first_code, n_codes, line;
};

struct agent {
    struct phrase ph;
    char role[TB_CODE];
    uint8_t prefix;        /* [NGO~]: the role goes before the actor */
    uint32_t line;
};

struct pattern {
    struct seq upper, lower;
    uint8_t lower_adj;     /* "*_X": X right after the verb */
    char code[16];
    uint32_t owner, line;
    int len;               /* TABARI's length: letters and digits */
};

struct root {
    struct phrase ph;
    char code[16];
    uint32_t owner;        /* the root whose patterns apply (forms) */
    uint32_t line;
    uint32_t *pats, n_pats; /* sorted longest first */
};

enum { HK_ACTOR, HK_AGENT, HK_ROOT, HK_NOUN, HK_ADJ, HK_TIME };

struct hnode {
    uint8_t kind;
    uint32_t id, next;
};

struct opts {
    int comma_min, comma_max, emin, emax, bmin, bmax, comma_off;
    int cx_verbs, cx_conj, cx_actors, noactprior;
    int by_sentence, code_all;
    int convert_agents;
    int min_words;
    char def_src[TB_CODE], def_tgt[TB_CODE]; /* DEFAULT: codes, or "" */
    int def_prior, def_after;
    int forward;       /* FORWARD: pronouns reach the sentence before */
};

struct sent;
struct out;

struct tr_tabari {
    truce_diag_fn *diag;
    void *diag_ud;
    struct dw *dws;
    uint32_t n_dws, cap_dws;
    struct item *items;
    uint32_t n_items, cap_items;
    struct seq *seqs;
    uint32_t n_seqs, cap_seqs;
    struct group *groups;
    uint32_t n_groups, cap_groups;
    struct synset *syns;
    uint32_t n_syns, cap_syns;
    struct code *codes;
    uint32_t n_codes, cap_codes;
    struct actor *actors;
    uint32_t n_actors, cap_actors;
    struct agent *agents;
    uint32_t n_agents, cap_agents;
    struct pattern *pats;
    uint32_t n_pats, cap_pats;
    struct root *roots;
    uint32_t n_roots, cap_roots;
    /* first word -> entries */
    char **hkeys;
    uint32_t *hheads, hcap, hcount;
    struct hnode *hnodes;
    uint32_t n_hnodes, cap_hnodes;
    char *verbs_file; /* for the events' file */
    char fwd[TB_CODE]; /* FORWARD: the last sentence's first actor */
    struct sent *sent; /* working state of tr_tabari_code(), reused */
    struct out *out;
    int trace;         /* TRUCE_TABARI_TRACE set: parses on stderr */
    struct opts o;
    int dirty;        /* patterns added since the last sort */
};

/* ------------------------------------------------------------ utilities */

static void report(struct tr_tabari *t, const char *file, uint32_t line,
                   const char *fmt, ...) TR_PRINTF(4, 5);

static void report(struct tr_tabari *t, const char *file, uint32_t line,
                   const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tr_diag_report(t->diag, t->diag_ud, TRUCE_ERROR, file, line, msg);
}

static int hash_grow(struct tr_tabari *t)
{
    uint32_t cap = t->hcap ? t->hcap * 2 : 1024;
    char **keys = tr_calloc(cap, sizeof *keys);
    uint32_t *heads = tr_calloc(cap, sizeof *heads);
    if (!keys || !heads) {
        tr_free(keys);
        tr_free(heads);
        return TRUCE_ENOMEM;
    }
    for (uint32_t i = 0; i < t->hcap; i++) {
        if (!t->hkeys[i])
            continue;
        uint32_t h = tr_hash_bytes(t->hkeys[i], strlen(t->hkeys[i])) & (cap - 1);
        while (keys[h])
            h = (h + 1) & (cap - 1);
        keys[h] = t->hkeys[i];
        heads[h] = t->hheads[i];
    }
    tr_free(t->hkeys);
    tr_free(t->hheads);
    t->hkeys = keys;
    t->hheads = heads;
    t->hcap = cap;
    return TRUCE_OK;
}

/* The chain of entries whose first word is s[0..n), or 0. */
static uint32_t hash_get(const struct tr_tabari *t, const char *s, size_t n)
{
    if (!t->hcap)
        return 0;
    uint32_t h = tr_hash_bytes(s, n) & (t->hcap - 1);
    while (t->hkeys[h]) {
        if (strncmp(t->hkeys[h], s, n) == 0 && t->hkeys[h][n] == 0)
            return t->hheads[h];
        h = (h + 1) & (t->hcap - 1);
    }
    return 0;
}

static int hash_add(struct tr_tabari *t, const char *s, uint8_t kind,
                    uint32_t id)
{
    if ((t->hcount + 1) * 2 > t->hcap && hash_grow(t))
        return TRUCE_ENOMEM;
    int rc = tr_grow((void **)&t->hnodes, &t->cap_hnodes, t->n_hnodes + 2,
                     sizeof *t->hnodes);
    if (rc)
        return rc;
    if (!t->n_hnodes)
        t->n_hnodes = 1; /* 0 means "none" */
    size_t n = strlen(s);
    uint32_t h = tr_hash_bytes(s, n) & (t->hcap - 1);
    while (t->hkeys[h] && strcmp(t->hkeys[h], s) != 0)
        h = (h + 1) & (t->hcap - 1);
    if (!t->hkeys[h]) {
        t->hkeys[h] = tr_strndup(s, n);
        if (!t->hkeys[h])
            return TRUCE_ENOMEM;
        t->hheads[h] = 0;
        t->hcount++;
    }
    /* append, so that the file order is kept */
    uint32_t node = t->n_hnodes++;
    t->hnodes[node] = (struct hnode){kind, id, 0};
    uint32_t *p = &t->hheads[h];
    while (*p)
        p = &t->hnodes[*p].next;
    *p = node;
    return TRUCE_OK;
}

/* ------------------------------------------------------------ phrases */

/* Parse TABARI phrase text into dws: blanks separate words that may have
 * others between them, '_' and '~' join words that must be adjacent; a
 * word ended by '_' is exact, by '=' exact without endings, else a stem. */
static int parse_phrase(struct tr_tabari *t, const char *s, size_t n,
                        struct phrase *out)
{
    out->first = t->n_dws;
    out->n = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        int rc = tr_grow((void **)&t->dws, &t->cap_dws, t->n_dws + 1,
                         sizeof *t->dws);
        if (rc)
            return rc;
        struct dw *d = &t->dws[t->n_dws];
        memset(d, 0, sizeof *d);
        while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '_' &&
               s[i] != '-' && s[i] != '~' && s[i] != '=') {
            if (d->n + 1 < TB_W)
                d->w[d->n++] = (char)toupper((unsigned char)s[i]);
            i++;
        }
        if (i < n && (s[i] == '_' || s[i] == '-')) {
            d->exact = 1;
            i++;
            d->adj = i < n && s[i] != ' ' && s[i] != '\t';
        }
        else if (i < n && s[i] == '~') {
            i++;
            d->adj = 1;
        }
        else if (i < n && s[i] == '=') {
            d->exact = d->noend = 1;
            i++;
        }
        if (!d->n)
            continue;
        t->n_dws++;
        out->n++;
    }
    return TRUCE_OK;
}

/* Does text word w match dictionary word d? 'last': regular endings may
 * follow (nouns: S 'S; verbs: S ED ES EN ING, E dropped before them). */
static int dw_match(const struct dw *d, const char *w, size_t n, int last,
                    int verb)
{
    if (n < d->n || memcmp(w, d->w, d->n) != 0) {
        /* DEPLORE_ + ING = DEPLORING */
        if (!verb || !last || !d->exact || d->noend || d->n < 2 ||
            d->w[d->n - 1] != 'E' || n + 1 < d->n ||
            memcmp(w, d->w, d->n - 1u) != 0)
            return 0;
        const char *r = w + d->n - 1;
        size_t rn = n - (d->n - 1u);
        return (rn == 2 && memcmp(r, "ED", 2) == 0) ||
               (rn == 3 && memcmp(r, "ING", 3) == 0) ||
               (rn == 2 && memcmp(r, "EN", 2) == 0);
    }
    if (n == d->n)
        return 1;
    if (d->noend)
        return 0;
    if (!d->exact)
        return 1; /* a stem: any word that starts with it */
    if (!last)
        return 0;
    const char *r = w + d->n;
    size_t rn = n - d->n;
    if (verb) {
        static const char *const END[] = {"S", "ED", "ES", "EN", "ING"};
        for (size_t k = 0; k < TR_ARRAY_LEN(END); k++)
            if (rn == strlen(END[k]) && memcmp(r, END[k], rn) == 0)
                return 1;
        return d->w[d->n - 1] == 'E' && rn == 1 && r[0] == 'D';
    }
    return (rn == 1 && r[0] == 'S') || (rn == 2 && r[0] == '\'' &&
                                        r[1] == 'S') ||
           (rn == 1 && r[0] == '\'');
}

/* ------------------------------------------------------------ sentence */

enum tok_class {
    TC_CONJ = 1 << 0,  /* AND BUT OR NOR */
    TC_DET = 1 << 1,   /* THE A AN */
    TC_BE = 1 << 2,    /* IS WAS ... */
    TC_PRON = 1 << 3,  /* HE SHE IT THEY ... */
    TC_NOUN = 1 << 4,  /* <NOUN> list */
    TC_ADJ = 1 << 5,   /* <ADJECTIVE> list */
    TC_COMMA = 1 << 6, /* , ; : */
    TC_BY = 1 << 7,
    TC_LINK = 1 << 8,  /* OF IN: agent links */
    TC_FORMER = 1 << 9
};

struct tok {
    char w[TB_W];
    uint8_t n, cap;
    uint16_t cls;
    int16_t unit;      /* unit whose head or tail this is, -1 */
    int16_t root;      /* verb root matched here, -1 */
    int16_t verb_end;  /* last token of the verb phrase */
    uint8_t tail;      /* consumed by a phrase, not its head */
};

struct unit {
    int head, end;     /* first and last token it covers */
    int n;             /* codes */
    char codes[TB_MAXCODES][TB_CODE];
    int pron;          /* a pronoun: codes come from the first group */
    char base[TB_CODE]; /* the actor's own code, before agents */
    int grp;           /* its compound group */
};

struct grp {
    int head, end;     /* span of all members */
    int n;
    int mem[TB_MAXMEM];
};

struct cap {
    int src, tgt, cmp; /* groups, -1 none */
};

struct sent {
    struct tr_tabari *t;
    int32_t date;
    struct tok tok[TB_MAXTOK];
    int n;
    struct unit unit[TB_MAXUNIT];
    int n_unit;
    struct grp grp[TB_MAXUNIT];
    int n_grp;
    int discard, complex;
    int terminal;      /* the text ends with . ? or ! */
};

static const char *const CONJ[] = {"AND", "BUT", "OR", "NOR"};
static const char *const DET[] = {"THE", "A", "AN"};
static const char *const BE[] = {"IS",  "ARE",  "WAS",   "WERE",
                                 "BE",  "BEEN", "BEING", "HAS"};
static const char *const PRON[] = {"HE",   "SHE",   "IT",  "THEY", "HIM",
                                   "HER",  "ITS",   "THEIR", "THEM", "HIS"};

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}

static int is_word_char(unsigned char c)
{
    return isalnum(c) || c == '\'' || c == '.' || c == '&' || c >= 0x80;
}

static void add_tok(struct sent *s, const char *w, size_t n, int cap,
                    uint16_t cls)
{
    if (s->n >= TB_MAXTOK || !n)
        return;
    struct tok *k = &s->tok[s->n++];
    memset(k, 0, sizeof *k);
    if (n >= TB_W)
        n = TB_W - 1;
    for (size_t i = 0; i < n; i++)
        k->w[i] = (char)toupper((unsigned char)w[i]);
    k->n = (uint8_t)n;
    k->cap = (uint8_t)cap;
    k->cls = cls;
    k->unit = -1;
    k->root = -1;
}

/* Words: runs of letters, digits, apostrophes and inner dots; a comma
 * between digits stays ("50,000"); other punctuation separates. */
static void tokenize(struct sent *s, const char *text, size_t len)
{
    size_t e = len;
    while (e && isspace((unsigned char)text[e - 1]))
        e--;
    s->terminal = e && strchr(".?!", text[e - 1]) != NULL;
    int lower = 0;
    for (size_t i = 0; i < len; i++)
        lower |= islower((unsigned char)text[i]) != 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c == ',' || c == ';' || c == ':') {
            add_tok(s, ",", 1, 0, TC_COMMA);
            i++;
            continue;
        }
        if (!is_word_char(c) || c == '.' || c == '\'') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len) {
            unsigned char d = (unsigned char)text[j];
            if (is_word_char(d)) {
                j++;
                continue;
            }
            if (d == ',' && j > i && isdigit((unsigned char)text[j - 1]) &&
                j + 1 < len && isdigit((unsigned char)text[j + 1])) {
                j++;
                continue;
            }
            break;
        }
        size_t n = j - i;
        /* a final dot goes unless the word has another one (U.S.) */
        if (n > 1 && text[i + n - 1] == '.' &&
            !memchr(text + i, '.', n - 1))
            n--;
        while (n && text[i + n - 1] == '\'')
            n--;
        int cap = lower && isupper(c) && s->n > 0;
        add_tok(s, text + i, n, cap, 0);
        i = j;
    }
}

static void classify(struct sent *s)
{
    for (int i = 0; i < s->n; i++) {
        struct tok *k = &s->tok[i];
        if (k->cls & TC_COMMA)
            continue;
        if (in_list(k->w, CONJ, TR_ARRAY_LEN(CONJ)))
            k->cls |= TC_CONJ;
        if (in_list(k->w, DET, TR_ARRAY_LEN(DET)))
            k->cls |= TC_DET;
        if (in_list(k->w, BE, TR_ARRAY_LEN(BE)))
            k->cls |= TC_BE;
        if (in_list(k->w, PRON, TR_ARRAY_LEN(PRON)))
            k->cls |= TC_PRON;
        if (strcmp(k->w, "BY") == 0)
            k->cls |= TC_BY;
        if (strcmp(k->w, "OF") == 0 || strcmp(k->w, "IN") == 0)
            k->cls |= TC_LINK;
        if (strcmp(k->w, "FORMER") == 0)
            k->cls |= TC_FORMER;
        for (uint32_t h = hash_get(s->t, k->w, k->n); h;
             h = s->t->hnodes[h].next) {
            if (s->t->hnodes[h].kind == HK_NOUN)
                k->cls |= TC_NOUN;
            if (s->t->hnodes[h].kind == HK_ADJ)
                k->cls |= TC_ADJ;
        }
    }
}

static int words_between(const struct sent *s, int a, int b)
{
    int n = 0;
    for (int i = a + 1; i < b; i++)
        n += !(s->tok[i].cls & TC_COMMA);
    return n;
}

static void drop(struct sent *s, int a, int b) /* tokens a..b-1 */
{
    memmove(&s->tok[a], &s->tok[b], (size_t)(s->n - b) * sizeof s->tok[0]);
    s->n -= b - a;
}

static int longest_at(const struct sent *s, uint8_t kind, int i, int *used,
                      int *n_used);

/* Is there a verb before token 'end'? A final clause that holds the
 * sentence's only verb is not deleted ("X's minister, in remarks on
 * Monday, urged Y ..."). */
static int has_verb(const struct sent *s, int end)
{
    int used[32], n_used = 0;
    for (int i = 0; i < end; i++)
        if (!s->tok[i].cap && !(s->tok[i].cls & TC_COMMA) &&
            longest_at(s, HK_ROOT, i, used, &n_used) >= 0)
            return 1;
    return 0;
}

/* Delete subordinate comma clauses (COMMA: option): first an initial
 * clause of BMIN..BMAX words, then every inner clause of MIN..MAX words
 * (its closing comma stays, so the clause after it is still set off),
 * then a final clause of EMIN..EMAX words when the sentence ends with a
 * full stop. */
static void delete_clauses(struct sent *s)
{
    const struct opts *o = &s->t->o;
    if (o->comma_off)
        return;
    int first = -1;
    for (int i = 0; i < s->n && first < 0; i++)
        if (s->tok[i].cls & TC_COMMA)
            first = i;
    if (first >= 0) {
        int w = words_between(s, -1, first);
        if (w >= o->bmin && w <= o->bmax)
            drop(s, 0, first + 1);
    }
    int prev = -1;
    for (int i = 0; i < s->n; i++) {
        if (!(s->tok[i].cls & TC_COMMA))
            continue;
        /* ", and" closes an item of a list, not a clause */
        int list = i + 1 < s->n && (s->tok[i + 1].cls & TC_CONJ);
        if (prev >= 0 && !list) {
            int w = words_between(s, prev, i);
            if (w >= o->comma_min && w <= o->comma_max) {
                drop(s, prev, i);
                i = prev;
            }
        }
        prev = i;
    }
    if (prev >= 0 && s->terminal) {
        int w = words_between(s, prev, s->n);
        if (w >= o->emin && w <= o->emax && has_verb(s, prev))
            s->n = prev;
    }
}

/* ------------------------------------------------------------ phrase match */

/* Match phrase 'ph' with its first word at token i; words not joined by
 * '_' may have other words between them (TABARI's "DURTHANG ORC"). Marks
 * nothing; returns the number of dictionary words matched (all or 0) and
 * the tokens used in 'used' (count in *n_used). */
static int phrase_at(const struct sent *s, const struct tr_tabari *t,
                     const struct phrase *ph, int i, int verb, int *used,
                     int *n_used)
{
    int pos = i;
    *n_used = 0;
    for (uint32_t k = 0; k < ph->n; k++) {
        const struct dw *d = &t->dws[ph->first + k];
        int last = k + 1 == ph->n;
        /* verb roots take their endings on the first word */
        int endings = verb ? k == 0 : last;
        int adj = k == 0 || t->dws[ph->first + k - 1].adj;
        int q = pos;
        for (; q < s->n; q++) {
            const struct tok *x = &s->tok[q];
            if (!(x->cls & TC_COMMA) && !x->tail && x->unit < 0 &&
                dw_match(d, x->w, x->n, endings, verb))
                break;
            if (adj || (x->cls & TC_COMMA))
                return 0;
        }
        if (q >= s->n)
            return 0;
        used[(*n_used)++] = q;
        pos = q + 1;
    }
    return (int)ph->n;
}

/* The longest entry of 'kind' starting at token i (its id, or -1). */
static int longest_at(const struct sent *s, uint8_t kind, int i, int *used,
                      int *n_used)
{
    const struct tr_tabari *t = s->t;
    const struct tok *x = &s->tok[i];
    int best = -1, best_len = 0, best_chars = 0;
    int tmp[32], n_tmp;
    for (size_t len = 1; len <= x->n; len++) {
        for (uint32_t h = hash_get(t, x->w, len); h; h = t->hnodes[h].next) {
            const struct hnode *hn = &t->hnodes[h];
            if (hn->kind != kind)
                continue;
            const struct phrase *ph =
                kind == HK_ACTOR   ? &t->actors[hn->id].ph
                : kind == HK_AGENT ? &t->agents[hn->id].ph
                                   : &t->roots[hn->id].ph;
            if (ph->n > 32)
                continue;
            int m = phrase_at(s, t, ph, i, kind == HK_ROOT, tmp, &n_tmp);
            if (!m)
                continue;
            int chars = 0;
            for (uint32_t k = 0; k < ph->n; k++)
                chars += t->dws[ph->first + k].n;
            if (m > best_len || (m == best_len && chars > best_chars)) {
                best = (int)hn->id;
                best_len = m;
                best_chars = chars;
                memcpy(used, tmp, sizeof(int) * (size_t)n_tmp);
                *n_used = n_tmp;
            }
        }
    }
    return best;
}

/* ------------------------------------------------------------ units */

static const struct code *actor_code(const struct tr_tabari *t,
                                     const struct actor *a, int32_t date)
{
    const struct code *dflt = NULL;
    for (uint32_t i = 0; i < a->n_codes; i++) {
        const struct code *c = &t->codes[a->first_code + i];
        if (c->from == INT32_MIN && c->to == INT32_MAX) {
            if (!dflt)
                dflt = c;
            continue;
        }
        if (date >= c->from && date <= c->to)
            return c;
    }
    return dflt;
}

static int new_unit(struct sent *s, int head, int end)
{
    if (s->n_unit >= TB_MAXUNIT)
        return -1;
    struct unit *u = &s->unit[s->n_unit];
    memset(u, 0, sizeof *u);
    u->head = head;
    u->end = end;
    u->grp = -1;
    return s->n_unit++;
}

static void unit_codes(struct unit *u, const char *code)
{
    u->n = 0;
    const char *p = code;
    while (*p && u->n < TB_MAXCODES) {
        size_t n = strcspn(p, "/");
        if (n && n < TB_CODE) {
            memcpy(u->codes[u->n], p, n);
            u->codes[u->n][n] = 0;
            u->n++;
        }
        p += n;
        if (*p == '/')
            p++;
    }
}

static void find_actors(struct sent *s)
{
    int used[32], n_used = 0;
    for (int i = 0; i < s->n; i++) {
        if (s->tok[i].tail || s->tok[i].unit >= 0 ||
            (s->tok[i].cls & TC_COMMA))
            continue;
        int a = longest_at(s, HK_ACTOR, i, used, &n_used);
        if (a < 0 || n_used < 1)
            continue;
        const struct code *c = actor_code(s->t, &s->t->actors[a], s->date);
        for (int k = 1; k < n_used; k++)
            s->tok[used[k]].tail = 1;
        if (!c || strcmp(c->c, "---") == 0) {
            s->tok[i].cls |= TC_NOUN; /* a null actor is a noun */
            continue;
        }
        if (strcmp(c->c, "###") == 0)
            s->discard = 1;
        if (strcmp(c->c, "+++") == 0)
            s->complex = 1;
        int u = new_unit(s, i, used[n_used - 1]);
        if (u < 0)
            return;
        unit_codes(&s->unit[u], c->c);
        memcpy(s->unit[u].base, s->unit[u].codes[0], TB_CODE);
        for (int k = 0; k < n_used; k++)
            s->tok[used[k]].unit = (int16_t)u;
    }
}

static void add_role(struct unit *u, const struct agent *ag, int former)
{
    const char *role = former ? "ELI" : ag->role;
    for (int k = 0; k < u->n; k++) {
        char *c = u->codes[k];
        if (tr_code_has(c, role, 0))
            continue;
        char out[2 * TB_CODE]; /* cut to TB_CODE - 1 below */
        if (ag->prefix && !former)
            snprintf(out, sizeof out, "%s%s", role, c);
        else
            snprintf(out, sizeof out, "%s%s", c, role);
        out[TB_CODE - 1] = 0;
        memcpy(c, out, TB_CODE);
    }
}

static int unit_at_head(const struct sent *s, int i)
{
    if (i < 0 || i >= s->n)
        return -1;
    int u = s->tok[i].unit;
    return u >= 0 && s->unit[u].head == i ? u : -1;
}

static int unit_ending(const struct sent *s, int i)
{
    for (int u = 0; u < s->n_unit; u++)
        if (s->unit[u].end == i)
            return u;
    return -1;
}

static void find_agents(struct sent *s)
{
    int used[32], n_used = 0;
    for (int i = 0; i < s->n; i++) {
        const struct tok *x = &s->tok[i];
        if (x->tail || x->unit >= 0 || (x->cls & TC_COMMA))
            continue;
        int a = longest_at(s, HK_AGENT, i, used, &n_used);
        if (a < 0 || n_used < 1)
            continue;
        const struct agent *ag = &s->t->agents[a];
        int end = used[n_used - 1] > i ? used[n_used - 1] : i;
        int former = (i > 0 && (s->tok[i - 1].cls & TC_FORMER)) ||
                     (i > 1 && (s->tok[i - 2].cls & TC_FORMER));
        int u = unit_ending(s, i - 1);
        if (u < 0 && i > 1 && (s->tok[i - 1].cls & TC_FORMER))
            u = unit_ending(s, i - 2); /* "Arnor former officials" */
        if (u < 0)
            u = unit_at_head(s, end + 1);
        if (u < 0 && end + 1 < s->n && (s->tok[end + 1].cls & TC_LINK)) {
            u = unit_at_head(s, end + 2);
            if (u < 0 && end + 2 < s->n && (s->tok[end + 2].cls & TC_DET))
                u = unit_at_head(s, end + 3);
        }
        if (u >= 0) {
            struct unit *un = &s->unit[u];
            if (!former && un->head > 0 &&
                (s->tok[un->head - 1].cls & TC_FORMER))
                former = 1;
            add_role(un, ag, former);
            if (un->head > i)
                un->head = i;
            if (un->end < end)
                un->end = end;
        }
        else if (s->t->o.convert_agents) {
            u = new_unit(s, i, end);
            if (u < 0)
                return;
            char code[TB_CODE + 2];
            snprintf(code, sizeof code, "~%s", former ? "ELI" : ag->role);
            unit_codes(&s->unit[u], code);
        }
        for (int k = 0; k < n_used; k++) {
            s->tok[used[k]].tail = 1;
            if (u >= 0)
                s->tok[used[k]].unit = (int16_t)u;
        }
        if (u >= 0)
            s->tok[s->unit[u].head].tail = 0;
    }
}

static int cmp_unit(const void *a, const void *b)
{
    const struct unit *x = a, *y = b;
    return x->head - y->head;
}

/* Pronouns become units; units are sorted by position; compounds are
 * found; pronouns take the codes of the sentence's first group. */
static void find_groups(struct sent *s)
{
    for (int i = 0; i < s->n; i++)
        if ((s->tok[i].cls & TC_PRON) && s->tok[i].unit < 0) {
            int u = new_unit(s, i, i);
            if (u < 0)
                break;
            s->unit[u].pron = 1;
        }
    qsort(s->unit, (size_t)s->n_unit, sizeof s->unit[0], cmp_unit);
    for (int i = 0; i < s->n; i++)
        s->tok[i].unit = -1;
    for (int u = 0; u < s->n_unit; u++)
        for (int i = s->unit[u].head; i <= s->unit[u].end; i++)
            s->tok[i].unit = (int16_t)u;
    s->n_grp = 0;
    for (int u = 0; u < s->n_unit; u++) {
        struct unit *un = &s->unit[u];
        int join = 0;
        if (u > 0 && !un->pron && !s->unit[u - 1].pron) {
            int a = s->unit[u - 1].end, b = un->head, conj = 0, ok = 1;
            int glue = 0; /* a conjunction, comma or adjective between */
            for (int i = a + 1; i < b && ok; i++) {
                uint16_t c = s->tok[i].cls;
                if (c & TC_CONJ)
                    conj++;
                else if (!(c & (TC_COMMA | TC_DET | TC_ADJ)))
                    ok = 0;
                glue |= (c & (TC_CONJ | TC_COMMA | TC_ADJ)) != 0;
            }
            join = ok && glue && conj <= 1;
        }
        if (join && s->grp[s->n_grp - 1].n < TB_MAXMEM) {
            struct grp *g = &s->grp[s->n_grp - 1];
            g->mem[g->n++] = u;
            g->end = un->end;
            un->grp = s->n_grp - 1;
            continue;
        }
        struct grp *g = &s->grp[s->n_grp];
        g->head = un->head;
        g->end = un->end;
        g->n = 1;
        g->mem[0] = u;
        un->grp = s->n_grp++;
    }
    /* pronouns: the first group with codes before them, else (FORWARD:)
     * the first actor of the sentence before */
    for (int u = 0; u < s->n_unit; u++) {
        struct unit *un = &s->unit[u];
        if (!un->pron)
            continue;
        if (s->t->o.forward && s->t->fwd[0]) {
            un->n = 1;
            memcpy(un->codes[0], s->t->fwd, TB_CODE);
        }
        for (int g = 0; g < s->n_grp; g++) {
            const struct grp *gr = &s->grp[g];
            if (gr->head >= un->head)
                break;
            if (s->unit[gr->mem[0]].pron)
                continue;
            un->n = 0;
            for (int m = 0; m < gr->n; m++) {
                const struct unit *src = &s->unit[gr->mem[m]];
                for (int k = 0; k < src->n && un->n < TB_MAXCODES; k++)
                    memcpy(un->codes[un->n++], src->codes[k], TB_CODE);
            }
            break;
        }
    }
}

static int grp_at_head(const struct sent *s, int i)
{
    for (int g = 0; g < s->n_grp; g++)
        if (s->grp[g].head == i)
            return g;
    return -1;
}

static int grp_codes(const struct sent *s, int g)
{
    int n = 0;
    if (g < 0)
        return 0;
    for (int m = 0; m < s->grp[g].n; m++)
        n += s->unit[s->grp[g].mem[m]].n;
    return n;
}

/* ------------------------------------------------------------ verbs */

/* <TIME> phrases coded [###] or [+++] drop or divert the sentence. */
static void find_times(struct sent *s)
{
    int used[32], n_used = 0;
    for (int i = 0; i < s->n; i++) {
        if (s->tok[i].cls & TC_COMMA)
            continue;
        int r = longest_at(s, HK_TIME, i, used, &n_used);
        if (r < 0)
            continue;
        if (strcmp(s->t->roots[r].code, "###") == 0)
            s->discard = 1;
        else
            s->complex = 1;
    }
}

static void find_verbs(struct sent *s)
{
    int used[32], n_used = 0;
    for (int i = 0; i < s->n; i++) {
        struct tok *x = &s->tok[i];
        if (x->tail || x->unit >= 0 || (x->cls & (TC_COMMA | TC_NOUN)))
            continue;
        if (x->cap) /* a capitalised word inside the sentence is a name */
            continue;
        if (i > 0 && (s->tok[i - 1].cls & TC_DET))
            continue; /* "the restore" is a noun */
        int r = longest_at(s, HK_ROOT, i, used, &n_used);
        if (r < 0)
            continue;
        x->root = (int16_t)r;
        x->verb_end = (int16_t)used[n_used - 1];
        for (int k = 1; k < n_used; k++)
            s->tok[used[k]].tail = 1;
    }
}

/* ------------------------------------------------------------ patterns */

struct mctx {
    const struct sent *s;
    int lo, hi;        /* the clause: tokens lo..hi-1 */
    struct cap cap;
};

static int match_seq(struct mctx *m, const struct seq *q, int dir, int pos,
                     int adj_first, int *out);

/* A group of actors at (forward) or ending at (backward) pos. */
static int grp_near(const struct mctx *m, int dir, int pos, int adj,
                    int *g_out)
{
    const struct sent *s = m->s;
    if (dir > 0) {
        for (int g = 0; g < s->n_grp; g++) {
            const struct grp *gr = &s->grp[g];
            if (gr->head < pos || gr->head >= m->hi)
                continue;
            if (adj && gr->head != pos)
                return 0;
            *g_out = g;
            return 1;
        }
        return 0;
    }
    for (int g = s->n_grp - 1; g >= 0; g--) {
        const struct grp *gr = &s->grp[g];
        if (gr->end > pos || gr->head < m->lo)
            continue;
        if (adj && gr->end != pos)
            return 0;
        *g_out = g;
        return 1;
    }
    return 0;
}

/* Match one item at pos (dir > 0: starting there or later; dir < 0:
 * ending there or earlier). On success *out is the next position. */
static int match_item(struct mctx *m, const struct item *it, int dir,
                      int pos, int adj, int *out)
{
    const struct sent *s = m->s;
    const struct tr_tabari *t = s->t;
    switch (it->kind) {
    case IT_WORD: {
        const struct dw *d = &t->dws[it->ref];
        for (int q = pos; dir > 0 ? q < m->hi : q >= m->lo; q += dir) {
            const struct tok *x = &s->tok[q];
            if (!(x->cls & TC_COMMA) && dw_match(d, x->w, x->n, 0, 0)) {
                *out = q + dir;
                return 1;
            }
            if (adj)
                return 0;
        }
        return 0;
    }
    case IT_SRC:
    case IT_TGT:
    case IT_CMP:
    case IT_SKIP:
    case IT_ATT: {
        int g;
        if (!grp_near(m, dir, pos, adj, &g))
            return 0;
        if (it->kind == IT_CMP && s->grp[g].n < 2)
            return 0;
        if (it->kind == IT_SRC)
            m->cap.src = g;
        if (it->kind == IT_TGT)
            m->cap.tgt = g;
        if (it->kind == IT_CMP)
            m->cap.cmp = g;
        *out = dir > 0 ? s->grp[g].end + 1 : s->grp[g].head - 1;
        return 1;
    }
    case IT_SYN:
    case IT_ALT: {
        uint32_t first, n;
        if (it->kind == IT_SYN) {
            first = t->syns[it->ref].first;
            n = t->syns[it->ref].n;
        }
        else {
            first = t->groups[it->ref].first;
            n = t->groups[it->ref].n;
        }
        for (uint32_t k = 0; k < n; k++) {
            struct cap save = m->cap;
            if (match_seq(m, &t->seqs[first + k], dir, pos, adj, out))
                return 1;
            m->cap = save;
        }
        return 0;
    }
    default:
        return 0;
    }
}

/* Match items in order (dir > 0) or in reverse from the last (dir < 0).
 * adj_first: the first item matched must touch pos. */
static int match_seq(struct mctx *m, const struct seq *q, int dir, int pos,
                     int adj_first, int *out)
{
    const struct item *it = &m->s->t->items[q->first];
    int n = (int)q->n;
    for (int k = 0; k < n; k++) {
        int idx = dir > 0 ? k : n - 1 - k;
        int adj;
        if (dir > 0)
            adj = k == 0 ? adj_first : it[idx - 1].adj;
        else
            adj = k == 0 ? adj_first : it[idx].adj;
        if (!match_item(m, &it[idx], dir, pos, adj, &pos))
            return 0;
    }
    *out = pos;
    return 1;
}

/* Try pattern p on the verb at tokens v..ve. */
static int match_pattern(struct mctx *m, const struct pattern *p, int v,
                         int ve)
{
    const struct tr_tabari *t = m->s->t;
    int end;
    m->cap = (struct cap){-1, -1, -1};
    if (p->upper.n) {
        int last_adj = t->items[p->upper.first + p->upper.n - 1].adj;
        if (!match_seq(m, &p->upper, -1, v - 1, last_adj, &end))
            return 0;
    }
    if (p->lower.n && !match_seq(m, &p->lower, +1, ve + 1, p->lower_adj,
                                 &end))
        return 0;
    return 1;
}

/* ------------------------------------------------------------ coding */

/* Events are kept until the sentence is done: a dominant code ("031!")
 * coded anywhere drops the others. */
struct out {
    tr_tabari_event_fn *cb;
    void *ud;
    int n, dominant;
    struct {
        char src[TB_CODE], tgt[TB_CODE], code[16];
        uint32_t line;
        int dominant;
    } ev[TB_MAXEV];
};

static void emit(struct sent *s, struct out *o, const char *src,
                 const char *tgt, const char *code, uint32_t line)
{
    (void)s;
    if (strcmp(src, tgt) == 0)
        return;
    char c[16];
    snprintf(c, sizeof c, "%s", code);
    size_t n = strlen(c);
    int dom = n && c[n - 1] == '!';
    if (dom)
        c[n - 1] = 0;
    for (int i = 0; i < o->n; i++)
        if (strcmp(o->ev[i].src, src) == 0 && strcmp(o->ev[i].tgt, tgt) == 0 &&
            strcmp(o->ev[i].code, c) == 0)
            return;
    if (o->n == TB_MAXEV)
        return;
    snprintf(o->ev[o->n].src, TB_CODE, "%s", src);
    snprintf(o->ev[o->n].tgt, TB_CODE, "%s", tgt);
    memcpy(o->ev[o->n].code, c, sizeof c);
    o->ev[o->n].line = line;
    o->ev[o->n].dominant = dom;
    o->dominant |= dom;
    o->n++;
}

static void flush(const struct tr_tabari *t, struct out *o)
{
    for (int i = 0; i < o->n && o->cb; i++) {
        if (o->dominant && !o->ev[i].dominant)
            continue;
        struct tr_tabari_event ev = {o->ev[i].src, o->ev[i].tgt,
                                     o->ev[i].code, t->verbs_file,
                                     o->ev[i].line};
        o->cb(o->ud, &ev);
    }
}

/* Pseudo-groups for the DEFAULT: codes. */
#define G_DEFSRC (-2)
#define G_DEFTAR (-3)

/* All codes of group g, flattened. */
static int flat_codes(const struct sent *s, int g, const char **out, int cap)
{
    int n = 0;
    if (g == G_DEFSRC || g == G_DEFTAR) {
        out[0] = g == G_DEFSRC ? s->t->o.def_src : s->t->o.def_tgt;
        return out[0][0] ? 1 : 0;
    }
    if (g < 0)
        return 0;
    for (int m = 0; m < s->grp[g].n; m++) {
        const struct unit *u = &s->unit[s->grp[g].mem[m]];
        for (int k = 0; k < u->n && n < cap; k++)
            out[n++] = u->codes[k];
    }
    return n;
}

static void emit_pairs(struct sent *s, struct out *o, int sg, int tg,
                       const char *code, uint32_t line)
{
    const char *sc[64], *tc[64];
    int ns = flat_codes(s, sg, sc, 64), nt = flat_codes(s, tg, tc, 64);
    char a[16], b[16];
    const char *colon = strchr(code, ':');
    snprintf(a, sizeof a, "%.*s", colon ? (int)(colon - code) : 15, code);
    snprintf(b, sizeof b, "%s", colon ? colon + 1 : "");
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < nt; j++) {
            if (a[0])
                emit(s, o, sc[i], tc[j], a, line);
            if (b[0])
                emit(s, o, tc[j], sc[i], b, line);
        }
}

/* '%': each member of the compound with each later one, both ways (the
 * second code of a pair for the way back). */
static void emit_compound(struct sent *s, struct out *o, int g,
                          const char *code, uint32_t line)
{
    const char *c[64];
    int n = flat_codes(s, g, c, 64);
    char a[16], b[16];
    const char *colon = strchr(code, ':');
    snprintf(a, sizeof a, "%.*s", colon ? (int)(colon - code) : 15, code);
    snprintf(b, sizeof b, "%s", colon ? colon + 1 : a);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            emit(s, o, c[i], c[j], a, line);
            emit(s, o, c[j], c[i], b, line);
        }
}

/* Does group g share a code with group h? */
static int same_codes(const struct sent *s, int g, int h)
{
    const char *a[64], *b[64];
    int na = flat_codes(s, g, a, 64), nb = flat_codes(s, h, b, 64);
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (strcmp(a[i], b[j]) == 0)
                return 1;
    return 0;
}

/* Passive voice: BE-form just before the verb and BY + actor after it. */
static int passive_source(const struct sent *s, int v, int ve, int hi)
{
    int be = 0;
    for (int i = v - 1; i >= 0 && i >= v - 3; i--)
        if (s->tok[i].cls & TC_BE) {
            be = 1;
            break;
        }
    if (!be)
        return -1;
    for (int i = ve + 1; i < hi && i <= ve + 3; i++)
        if (s->tok[i].cls & TC_BY) {
            int g = grp_at_head(s, i + 1);
            if (g < 0 && i + 2 < hi && (s->tok[i + 1].cls & TC_DET))
                g = grp_at_head(s, i + 2);
            return g;
        }
    return -1;
}

struct verdict {
    const char *code;
    uint32_t line;
    struct cap cap;
};

/* The code the verb at v gives (patterns longest first, else the root). */
static void verb_code(struct mctx *m, int v, struct verdict *vd)
{
    const struct tr_tabari *t = m->s->t;
    const struct root *r = &t->roots[m->s->tok[v].root];
    const struct root *own = &t->roots[r->owner];
    int ve = m->s->tok[v].verb_end;
    for (uint32_t k = 0; k < own->n_pats; k++) {
        const struct pattern *p = &t->pats[own->pats[k]];
        if (match_pattern(m, p, v, ve)) {
            vd->code = p->code;
            vd->line = p->line;
            vd->cap = m->cap;
            return;
        }
    }
    vd->code = own->code;
    vd->line = own->line;
    vd->cap = (struct cap){-1, -1, -1};
}

static int clause_source(const struct sent *s, int lo, int v, int not_g)
{
    for (int g = 0; g < s->n_grp; g++) {
        if (s->grp[g].head < lo)
            continue;
        if (s->grp[g].head >= v)
            break;
        if (g != not_g && grp_codes(s, g))
            return g;
    }
    return -1;
}

static int clause_target(const struct sent *s, int ve, int hi, int sg)
{
    for (int g = 0; g < s->n_grp; g++) {
        if (s->grp[g].head <= ve || s->grp[g].head >= hi)
            continue;
        if (g != sg && grp_codes(s, g) && (sg < 0 || !same_codes(s, g, sg)))
            return g;
    }
    return -1;
}

/* No target after the verb: the nearest other actor before it. */
static int earlier_target(const struct sent *s, int lo, int v, int sg)
{
    for (int g = s->n_grp - 1; g >= 0; g--) {
        if (s->grp[g].head >= v || g == sg)
            continue;
        if (s->grp[g].head < lo)
            break;
        if (grp_codes(s, g) && !same_codes(s, g, sg))
            return g;
    }
    return -1;
}

/* The first member of a compound on the second. */
static void emit_members(struct sent *s, struct out *o, int g,
                         const char *code, uint32_t line)
{
    const struct unit *a = &s->unit[s->grp[g].mem[0]];
    const struct unit *b = &s->unit[s->grp[g].mem[1]];
    char x[16];
    const char *colon = strchr(code, ':');
    snprintf(x, sizeof x, "%.*s", colon ? (int)(colon - code) : 15, code);
    if (a->n && b->n)
        emit(s, o, a->codes[0], b->codes[0], x, line);
}

/* The source and target of the verb at v..ve when the pattern did not
 * name them: the clause's first actor (or the one carried over), else
 * the DEFAULT: source or the first actor after the verb; the first actor
 * after the verb with another code, else the first other one before it,
 * else the DEFAULT: target. Returns 0, or -2 when NOACTPRIOR makes the
 * sentence complex. */
static int roles(const struct sent *s, int lo, int hi, int v, int ve,
                 int carry, int *sg_io, int *tg_io)
{
    const struct opts *o = &s->t->o;
    int sg = *sg_io, tg = *tg_io;
    if (sg < 0 && tg < 0) {
        int pg = passive_source(s, v, ve, hi);
        if (pg >= 0) {
            sg = pg;
            tg = clause_source(s, lo, v, -1);
        }
    }
    if (sg < 0)
        sg = clause_source(s, lo, v, tg);
    if (sg < 0 && carry >= 0 && carry != tg)
        sg = carry;
    if (sg < 0 && tg >= 0) /* "+ WAS * DEAD": the source follows */
        sg = clause_target(s, ve, s->n, tg);
    if (sg < 0) {
        if (o->def_src[0] && o->def_prior)
            sg = G_DEFSRC;
        else if (o->noactprior)
            return -2;
        else
            sg = clause_target(s, ve, s->n, tg);
        if (sg < 0 && o->def_src[0])
            sg = G_DEFSRC;
    }
    if (sg != -1 && tg < 0)
        tg = clause_target(s, ve, s->n, sg);
    if (sg != -1 && tg < 0) {
        if (o->def_tgt[0] && o->def_after)
            tg = G_DEFTAR;
        else if (sg >= 0 && (tg = earlier_target(s, lo, v, sg)) < 0 &&
                 s->grp[sg].n < 2 && o->def_tgt[0])
            tg = G_DEFTAR;
    }
    *sg_io = sg;
    *tg_io = tg;
    return 0;
}

/* Code the clause lo..hi-1: its first verb with a code (every verb with
 * SET: CODE ALL); *carry is the source carried between clauses. Returns
 * 1 when it coded, 0 when not, -1 for discard, -2 for complex. */
static int code_clause(struct sent *s, int lo, int hi, int *carry,
                       struct out *o, struct verdict *sub)
{
    struct mctx m = {s, lo, hi, {-1, -1, -1}};
    int coded = 0;
    for (int v = lo; v < hi; v++) {
        if (s->tok[v].root < 0)
            continue;
        struct verdict vd;
        verb_code(&m, v, &vd);
        const char *c = vd.code;
        if (!c[0] || strcmp(c, "---") == 0)
            continue;
        if (strcmp(c, "###") == 0)
            return -1;
        if (strcmp(c, "+++") == 0)
            return -2;
        size_t n = strlen(c);
        int ve = s->tok[v].verb_end;
        if (c[n - 1] == '?') {
            if (!sub->code) {
                *sub = vd;
                sub->cap.src = clause_source(s, lo, v, -1);
                if (sub->cap.src < 0)
                    sub->cap.src = *carry;
                sub->cap.tgt = clause_target(s, ve, s->n, sub->cap.src);
            }
            continue;
        }
        if (vd.cap.cmp >= 0) {
            emit_compound(s, o, vd.cap.cmp, c, vd.line);
            *carry = vd.cap.cmp;
        }
        else {
            int sg = vd.cap.src, tg = vd.cap.tgt;
            if (roles(s, lo, hi, v, ve, *carry, &sg, &tg))
                return -2;
            if (sg == -1)
                continue;
            if (sg >= 0)
                *carry = sg;
            if (tg == -1 && sg >= 0 && s->grp[sg].n > 1)
                emit_members(s, o, sg, c, vd.line); /* "Bree and Arnor" */
            else if (tg != -1)
                emit_pairs(s, o, sg, tg, c, vd.line);
        }
        coded = 1;
        if (!s->t->o.code_all)
            return 1;
        v = ve;
    }
    return coded;
}

/* A conjunction that splits clauses: not inside a compound, not between
 * two nouns or adjectives. */
static int splits(const struct sent *s, int i)
{
    if (!(s->tok[i].cls & TC_CONJ) || s->tok[i].unit >= 0)
        return 0;
    for (int g = 0; g < s->n_grp; g++)
        if (s->grp[g].head < i && s->grp[g].end > i)
            return 0;
    if (i > 0 && i + 1 < s->n) {
        uint16_t a = s->tok[i - 1].cls, b = s->tok[i + 1].cls;
        if ((a & TC_ADJ) && (b & TC_ADJ))
            return 0;
        if ((a & TC_NOUN) && (b & TC_NOUN))
            return 0;
    }
    return 1;
}

/* TRUCE_TABARI_TRACE=1: the parse on stderr, one token per line. */
static void trace(const struct sent *s)
{
    for (int i = 0; i < s->n; i++) {
        const struct tok *k = &s->tok[i];
        fprintf(stderr, "  %3d %-14s%s%s%s", i, k->w, k->tail ? " tail" : "",
                k->cap ? " cap" : "", (k->cls & TC_CONJ) ? " conj" : "");
        if (k->unit >= 0) {
            const struct unit *u = &s->unit[k->unit];
            fprintf(stderr, " unit%d[%d-%d] grp%d %s%s", k->unit, u->head,
                    u->end, u->grp, u->n ? u->codes[0] : "-",
                    u->pron ? " (pron)" : "");
        }
        if (k->root >= 0)
            fprintf(stderr, " verb:%s line %u [%s]",
                    s->t->dws[s->t->roots[k->root].ph.first].w,
                    s->t->roots[k->root].line,
                    s->t->roots[s->t->roots[k->root].owner].code);
        fprintf(stderr, "\n");
    }
}

static int32_t parse_date(const char *d)
{
    if (!d || strlen(d) < 10)
        return 20000101;
    return atoi(d) * 10000 + atoi(d + 5) * 100 + atoi(d + 8);
}

/* Steps 1-6 of the file comment: tokens to compound actors and verbs.
 * Returns TR_TB_CODED to go on, or why not. */
static enum tr_tabari_outcome parse_sentence(struct sent *s, const char *text,
                                             size_t len)
{
    struct tr_tabari *t = s->t;
    tokenize(s, text, len);
    int words = 0;
    for (int i = 0; i < s->n; i++)
        words += !(s->tok[i].cls & TC_COMMA);
    if (words < t->o.min_words)
        return TR_TB_NOEVENT; /* SET: MINIMUM WORDS */
    classify(s);
    find_times(s); /* before clauses go: "Arnor, once upon a time, ..." */
    delete_clauses(s);
    find_actors(s);
    find_agents(s);
    find_groups(s);
    find_verbs(s);
    for (int u = 0; u < s->n_unit; u++)
        if (!s->unit[u].pron && s->unit[u].base[0]) {
            memcpy(t->fwd, s->unit[u].base, TB_CODE);
            break;
        }
    if (t->trace)
        trace(s);
    return s->discard ? TR_TB_DISCARD
           : s->complex ? TR_TB_COMPLEX
                        : TR_TB_CODED;
}

/* COMPLEX: VERBS[n] CONJ[n] ACTORS[n]. */
static int too_complex(const struct sent *s)
{
    const struct tr_tabari *t = s->t;
    int verbs = 0, conj = 0;
    for (int i = 0; i < s->n; i++) {
        verbs += s->tok[i].root >= 0 &&
                 strcmp(t->roots[t->roots[s->tok[i].root].owner].code,
                        "---") != 0;
        conj += splits(s, i);
    }
    return (t->o.cx_verbs && verbs >= t->o.cx_verbs) ||
           (t->o.cx_conj && conj >= t->o.cx_conj) ||
           (t->o.cx_actors && s->n_unit >= t->o.cx_actors);
}

/* Steps 7-9: every clause, then a subordinate code if nothing else. */
static enum tr_tabari_outcome code_clauses(struct sent *s, struct out *o)
{
    int carry = -1, lo = 0;
    struct verdict sub = {NULL, 0, {-1, -1, -1}};
    for (int i = 0; i <= s->n; i++) {
        if (i < s->n && (s->t->o.by_sentence || !splits(s, i)))
            continue;
        int r = code_clause(s, lo, i, &carry, o, &sub);
        if (r == -1)
            return TR_TB_DISCARD;
        if (r == -2)
            return TR_TB_COMPLEX;
        lo = i + 1;
    }
    if (!o->n && sub.code && sub.cap.src >= 0 && sub.cap.tgt >= 0) {
        char c[16];
        snprintf(c, sizeof c, "%.*s", (int)strlen(sub.code) - 1, sub.code);
        emit_pairs(s, o, sub.cap.src, sub.cap.tgt, c, sub.line);
    }
    return o->n ? TR_TB_CODED : TR_TB_NOEVENT;
}

enum tr_tabari_outcome tr_tabari_code(struct tr_tabari *t, const char *text,
                                      size_t len, const char *date,
                                      tr_tabari_event_fn *cb, void *ud)
{
    /* the working state is large (units, events): made once, reset here */
    if (!t->sent)
        t->sent = tr_malloc(sizeof *t->sent);
    if (!t->out)
        t->out = tr_malloc(sizeof *t->out);
    struct sent *s = t->sent;
    struct out *o = t->out;
    if (!s || !o)
        return TR_TB_NOEVENT;
    s->n = s->n_unit = s->n_grp = 0;
    s->discard = s->complex = s->terminal = 0;
    s->t = t;
    s->date = parse_date(date);
    o->n = o->dominant = 0;
    o->cb = cb;
    o->ud = ud;
    enum tr_tabari_outcome res = parse_sentence(s, text, len);
    if (res != TR_TB_CODED)
        return res;
    if (too_complex(s))
        return TR_TB_COMPLEX;
    res = code_clauses(s, o);
    if (res == TR_TB_CODED)
        flush(t, o);
    return res;
}

/* ------------------------------------------------------------ loading */

struct lctx {
    struct tr_tabari *t;
    const char *file;
    uint32_t line;
    int bad;
};

static void lerr(struct lctx *c, const char *why)
{
    report(c->t, c->file, c->line, "%s", why);
    c->bad = 1;
}

/* Strip a TABARI comment (';' to the end) and blanks. */
static size_t clean_line(char *s)
{
    char *semi = strchr(s, ';');
    if (semi)
        *semi = 0;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return n;
}

/* TABARI dates: YYMMDD (00-30 -> 20xx) or YYYYMMDD. */
static int tb_date(const char *s, size_t n, int32_t *out)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    if (n == 6) {
        int y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        *out = y * 10000 + atoi(s + 2) % 10000;
        char buf[8];
        memcpy(buf, s + 2, 4);
        buf[4] = 0;
        *out = y * 10000 + atoi(buf);
        return 1;
    }
    if (n == 8) {
        char buf[9];
        memcpy(buf, s, 8);
        buf[8] = 0;
        *out = atoi(buf);
        return 1;
    }
    return 0;
}

/* "[CODE]" "[CODE <D]" "[CODE >D]" "[CODE D1-D2]" into t->codes. */
static int code_block(struct lctx *c, const char *s, size_t n)
{
    struct tr_tabari *t = c->t;
    char body[128];
    if (n >= sizeof body)
        n = sizeof body - 1;
    memcpy(body, s, n);
    body[n] = 0;
    char *p = body;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t cn = strcspn(p, " \t");
    if (!cn || cn >= TB_CODE) {
        lerr(c, "empty or overlong code in [ ]");
        return TRUCE_EDICT;
    }
    struct code k = {"", INT32_MIN, INT32_MAX};
    memcpy(k.c, p, cn);
    k.c[cn] = 0;
    p += cn;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p) {
        char *q = p;
        int32_t a, b;
        if (*q == '<' || *q == '>') {
            char op = *q++;
            while (*q == ' ')
                q++;
            if (!tb_date(q, strlen(q), &a)) {
                lerr(c, "bad date restriction in actor code");
                return TRUCE_EDICT;
            }
            if (op == '<')
                k.to = a;
            else
                k.from = a;
        }
        else {
            char *dash = strchr(q, '-');
            if (!dash) {
                lerr(c, "bad date restriction in actor code");
                return TRUCE_EDICT;
            }
            char *e1 = dash;
            while (e1 > q && e1[-1] == ' ')
                e1--;
            char *b2 = dash + 1;
            while (*b2 == ' ')
                b2++;
            if (!tb_date(q, (size_t)(e1 - q), &a) ||
                !tb_date(b2, strlen(b2), &b)) {
                lerr(c, "bad date range in actor code");
                return TRUCE_EDICT;
            }
            k.from = a;
            k.to = b;
        }
    }
    int rc = tr_grow((void **)&t->codes, &t->cap_codes, t->n_codes + 1,
                     sizeof *t->codes);
    if (rc)
        return rc;
    t->codes[t->n_codes++] = k;
    return TRUCE_OK;
}

/* Every "[...]" in s, into codes; returns how many. */
static int code_blocks(struct lctx *c, const char *s, int *n_out)
{
    *n_out = 0;
    for (const char *p = s; (p = strchr(p, '[')) != NULL;) {
        const char *e = strchr(p, ']');
        if (!e) {
            lerr(c, "'[' without ']'");
            return TRUCE_EDICT;
        }
        int rc = code_block(c, p + 1, (size_t)(e - p - 1));
        if (rc)
            return rc;
        (*n_out)++;
        p = e + 1;
    }
    return TRUCE_OK;
}

struct actor_rec {
    uint32_t first_ph; /* first actor index of the record */
    int open;
};

static int add_actor_phrase(struct lctx *c, const char *s, size_t n)
{
    struct tr_tabari *t = c->t;
    int rc;
    struct actor *a = tr_grow_slot((void **)&t->actors, &t->cap_actors,
                                   t->n_actors, sizeof *t->actors, &rc);
    if (!a)
        return rc;
    rc = parse_phrase(t, s, n, &a->ph);
    if (rc)
        return rc;
    if (!a->ph.n) {
        lerr(c, "actor line without a phrase");
        return TRUCE_EDICT;
    }
    a->line = c->line;
    a->first_code = t->n_codes;
    rc = hash_add(t, t->dws[a->ph.first].w, HK_ACTOR, t->n_actors);
    if (rc)
        return rc;
    t->n_actors++;
    return TRUCE_OK;
}

/* Codes read for a record go to all its phrases (primary + synonyms). */
static void close_actor_record(struct tr_tabari *t, struct actor_rec *r)
{
    if (!r->open)
        return;
    r->open = 0;
    uint32_t first = t->actors[r->first_ph].first_code;
    for (uint32_t i = r->first_ph; i < t->n_actors; i++) {
        t->actors[i].first_code = first;
        t->actors[i].n_codes = t->n_codes - first;
    }
}

static int actors_line(struct lctx *c, struct actor_rec *r, char *s,
                       int *section)
{
    struct tr_tabari *t = c->t;
    if (s[0] == '<') {
        if (strncmp(s, "<NOUN>", 6) == 0)
            *section = HK_NOUN;
        else if (strncmp(s, "<ADJ", 4) == 0)
            *section = HK_ADJ;
        else
            *section = -1;
        return TRUCE_OK;
    }
    if (*section == HK_NOUN || *section == HK_ADJ) {
        struct phrase ph;
        int rc = parse_phrase(t, s, strlen(s), &ph);
        if (rc || !ph.n)
            return rc;
        return hash_add(t, t->dws[ph.first].w, (uint8_t)*section, 0);
    }
    if (s[0] == ' ' || s[0] == '\t') {
        /* a code line of the open record */
        int n;
        if (!r->open) {
            lerr(c, "code line outside an actor record");
            return TRUCE_EDICT;
        }
        return code_blocks(c, s, &n);
    }
    if (s[0] == '+') {
        if (!r->open) {
            lerr(c, "synonym '+' outside an actor record");
            return TRUCE_EDICT;
        }
        const char *b = strchr(s, '[');
        return add_actor_phrase(c, s + 1, b ? (size_t)(b - s - 1)
                                            : strlen(s + 1));
    }
    close_actor_record(t, r);
    const char *b = strchr(s, '[');
    int rc = add_actor_phrase(c, s, b ? (size_t)(b - s) : strlen(s));
    if (rc)
        return rc;
    r->first_ph = t->n_actors - 1;
    r->open = 1;
    if (b) {
        int n;
        rc = code_blocks(c, b, &n);
        if (rc) {
            /* a broken record takes no more code lines: they are
             * reported, not given to it */
            close_actor_record(t, r);
            return rc;
        }
    }
    return TRUCE_OK;
}

static int agents_line(struct lctx *c, char *s)
{
    struct tr_tabari *t = c->t;
    const char *b = strchr(s, '['), *e = b ? strchr(b, ']') : NULL;
    if (!b || !e) {
        lerr(c, "agent line without '[~CODE]'");
        return TRUCE_EDICT;
    }
    char code[TB_CODE];
    size_t n = 0;
    int tilde = -1;
    for (const char *p = b + 1; p < e; p++) {
        if (*p == ' ' || *p == '\t')
            continue;
        if (*p == '~')
            tilde = (int)n;
        else if (n + 1 < sizeof code)
            code[n++] = *p;
    }
    code[n] = 0;
    if (tilde < 0 || !n) {
        lerr(c, "agent code without '~'");
        return TRUCE_EDICT;
    }
    int rc;
    struct agent *a = tr_grow_slot((void **)&t->agents, &t->cap_agents,
                                   t->n_agents, sizeof *t->agents, &rc);
    if (!a)
        return rc;
    memcpy(a->role, code, n + 1);
    a->prefix = tilde > 0;
    a->line = c->line;
    rc = parse_phrase(t, s, (size_t)(b - s), &a->ph);
    if (rc)
        return rc;
    if (!a->ph.n) {
        lerr(c, "agent line without a phrase");
        return TRUCE_EDICT;
    }
    rc = hash_add(t, t->dws[a->ph.first].w, HK_AGENT, t->n_agents);
    if (rc)
        return rc;
    t->n_agents++;
    return TRUCE_OK;
}

/* ---- pattern text ---- */

static int find_synset(const struct tr_tabari *t, const char *name, size_t n)
{
    for (uint32_t i = 0; i < t->n_syns; i++)
        if (strlen(t->syns[i].name) == n &&
            strncmp(t->syns[i].name, name, n) == 0)
            return (int)i;
    return -1;
}

struct pparse {
    struct lctx *c;
    const char *s;
    size_t i, n;
    int verb_at;      /* item count (in the top sequence) where '*' was */
    int verb_adj;     /* '*' followed by '_' */
    uint32_t max_syn; /* synsets usable: a member names only earlier ones */
};

static int parse_items(struct pparse *pp, struct seq *out, int top);

/* Items are built in a scratch list and copied to t->items at the end of
 * each sequence, so that nested groups stay contiguous. */
struct scratch {
    struct item it[128];
    int n;
};

static int parse_group(struct pparse *pp, uint32_t *gid)
{
    struct tr_tabari *t = pp->c->t;
    struct seq alts[32];
    int n = 0;
    for (;;) {
        struct seq q;
        int rc = parse_items(pp, &q, 0);
        if (rc)
            return rc;
        if (n < 32 && q.n)
            alts[n++] = q;
        if (pp->i < pp->n && pp->s[pp->i] == '|') {
            pp->i++;
            continue;
        }
        if (pp->i < pp->n && pp->s[pp->i] == '}') {
            pp->i++;
            break;
        }
        lerr(pp->c, "'{' without '}' in pattern");
        return TRUCE_EDICT;
    }
    int rc = tr_grow((void **)&t->seqs, &t->cap_seqs, t->n_seqs + (uint32_t)n,
                     sizeof *t->seqs);
    if (rc)
        return rc;
    rc = tr_grow((void **)&t->groups, &t->cap_groups, t->n_groups + 1,
                 sizeof *t->groups);
    if (rc)
        return rc;
    t->groups[t->n_groups] = (struct group){t->n_seqs, (uint32_t)n};
    if (n)
        memcpy(&t->seqs[t->n_seqs], alts, sizeof alts[0] * (size_t)n);
    t->n_seqs += (uint32_t)n;
    *gid = t->n_groups++;
    return TRUCE_OK;
}

/* Parse items until '|', '}' (inside a group) or the end. At top level
 * '*' splits upper from lower: the caller sees verb_at. */
/* '_', '-' or '~' in a pattern: the item before must touch the next; a
 * final '_' ("KNOWN_ *") only makes the word exact. */
static void parse_glue(struct pparse *pp, struct scratch *sc, int top)
{
    const char *s = pp->s;
    char ch = s[pp->i];
    char nx = pp->i + 1 < pp->n ? s[pp->i + 1] : ' ';
    int glue = ch == '~' || !strchr(" \t|}", nx);
    if (glue && sc->n)
        sc->it[sc->n - 1].adj = 1;
    else if (glue && top && pp->verb_at == 0 && pp->i > 0 &&
             s[pp->i - 1] == '*')
        pp->verb_adj = 1;
    pp->i++;
}

/* '*': where the verb stands, once, at the top level. */
static int parse_star(struct pparse *pp, const struct scratch *sc, int top)
{
    if (!top) {
        lerr(pp->c, "'*' inside '{ }'");
        return TRUCE_EDICT;
    }
    if (pp->verb_at >= 0) {
        lerr(pp->c, "two '*' in one pattern");
        return TRUCE_EDICT;
    }
    pp->verb_at = sc->n;
    pp->i++;
    if (pp->i < pp->n && pp->s[pp->i] == '_') {
        pp->verb_adj = 1;
        pp->i++;
    }
    return TRUCE_OK;
}

/* "&NAME": a synset defined before this line. */
static int parse_synset_ref(struct pparse *pp, struct item *it)
{
    struct tr_tabari *t = pp->c->t;
    const char *s = pp->s;
    size_t j = pp->i + 1;
    while (j < pp->n && isalnum((unsigned char)s[j]))
        j++;
    int syn = find_synset(t, s + pp->i + 1, j - pp->i - 1);
    if (syn < 0 || (uint32_t)syn >= pp->max_syn) {
        report(t, pp->c->file, pp->c->line,
               "unknown synset %.*s (a synset names only earlier ones)",
               (int)(j - pp->i), s + pp->i);
        pp->c->bad = 1;
        return TRUCE_EDICT;
    }
    it->kind = IT_SYN;
    it->ref = (uint32_t)syn;
    pp->i = j;
    return TRUCE_OK;
}

/* A literal word; *empty when there was none. */
static int parse_word_item(struct pparse *pp, struct item *it, int *empty)
{
    struct tr_tabari *t = pp->c->t;
    const char *s = pp->s;
    size_t j = pp->i;
    while (j < pp->n && !strchr(" \t_~|{}*$+%^@&=-", s[j]))
        j++;
    int rc = tr_grow((void **)&t->dws, &t->cap_dws, t->n_dws + 1,
                     sizeof *t->dws);
    if (rc)
        return rc;
    struct dw *d = &t->dws[t->n_dws];
    memset(d, 0, sizeof *d);
    for (size_t k = pp->i; k < j && d->n + 1 < TB_W; k++)
        d->w[d->n++] = (char)toupper((unsigned char)s[k]);
    if (j < pp->n && (s[j] == '_' || s[j] == '-'))
        d->exact = 1;
    if (j < pp->n && s[j] == '=') {
        d->exact = d->noend = 1;
        j++;
    }
    pp->i = j;
    *empty = d->n == 0;
    if (!*empty)
        it->ref = t->n_dws++;
    return TRUCE_OK;
}

/* One item at pp->i into it; *skip when the text made none. */
static int parse_one_item(struct pparse *pp, struct item *it, int *skip)
{
    char ch = pp->s[pp->i];
    *skip = 0;
    if (strchr("$+%^@", ch)) {
        it->kind = ch == '$'   ? IT_SRC
                   : ch == '+' ? IT_TGT
                   : ch == '%' ? IT_CMP
                   : ch == '^' ? IT_SKIP
                               : IT_ATT;
        pp->i++;
        return TRUCE_OK;
    }
    if (ch == '{') {
        pp->i++;
        it->kind = IT_ALT;
        return parse_group(pp, &it->ref);
    }
    if (ch == '&')
        return parse_synset_ref(pp, it);
    return parse_word_item(pp, it, skip);
}

/* Parse items until '|', '}' (inside a group) or the end. At top level
 * '*' splits upper from lower: the caller sees verb_at. */
static int parse_items(struct pparse *pp, struct seq *out, int top)
{
    struct tr_tabari *t = pp->c->t;
    struct scratch sc;
    sc.n = 0;
    while (pp->i < pp->n) {
        char ch = pp->s[pp->i];
        if (ch == ' ' || ch == '\t') {
            pp->i++;
            continue;
        }
        if (ch == '|' || ch == '}')
            break;
        int rc = TRUCE_OK, skip = 0;
        struct item it = {IT_WORD, 0, 0};
        if (ch == '_' || ch == '-' || ch == '~') {
            parse_glue(pp, &sc, top);
            continue;
        }
        if (sc.n >= 120) {
            lerr(pp->c, "pattern too long");
            return TRUCE_EDICT;
        }
        if (ch == '*')
            rc = parse_star(pp, &sc, top), skip = 1;
        else
            rc = parse_one_item(pp, &it, &skip);
        if (rc)
            return rc;
        if (!skip)
            sc.it[sc.n++] = it;
    }
    /* copy; at top level the caller splits at verb_at */
    int rc = tr_grow((void **)&t->items, &t->cap_items,
                     t->n_items + (uint32_t)sc.n, sizeof *t->items);
    if (rc)
        return rc;
    out->first = t->n_items;
    out->n = (uint32_t)sc.n;
    if (sc.n)
        memcpy(&t->items[t->n_items], sc.it, sizeof sc.it[0] * (size_t)sc.n);
    t->n_items += (uint32_t)sc.n;
    return TRUCE_OK;
}

/* TABARI's pattern length: letters and digits of the fixed text plus the
 * longest alternative of each group. */
static int seq_len(const struct tr_tabari *t, const struct seq *q)
{
    int n = 0;
    for (uint32_t k = 0; k < q->n; k++) {
        const struct item *it = &t->items[q->first + k];
        if (it->kind == IT_WORD)
            n += t->dws[it->ref].n;
        else if (it->kind == IT_ALT || it->kind == IT_SYN) {
            const struct group g = it->kind == IT_ALT
                                       ? t->groups[it->ref]
                                       : (struct group){t->syns[it->ref].first,
                                                        t->syns[it->ref].n};
            int best = 0;
            for (uint32_t a = 0; a < g.n; a++) {
                int l = seq_len(t, &t->seqs[g.first + a]);
                if (l > best)
                    best = l;
            }
            n += it->kind == IT_SYN ? 1 : best;
        }
    }
    return n;
}

/* The text between the last '[' ']' pair: the code. */
static int split_code(char *s, char **body, char code[16])
{
    char *b = strrchr(s, '[');
    char *e = b ? strchr(b, ']') : NULL;
    if (!b || !e)
        return 0;
    size_t n = 0;
    for (char *p = b + 1; p < e; p++)
        if (*p != ' ' && *p != '\t' && n + 1 < 16)
            code[n++] = *p;
    code[n] = 0;
    if (strcmp(code, "----") == 0 || strcmp(code, "---") == 0 || !n)
        strcpy(code, "---");
    *b = 0;
    *body = s;
    return 1;
}

static int pattern_line(struct lctx *c, char *s, uint32_t owner)
{
    struct tr_tabari *t = c->t;
    char *body, code[16];
    if (!split_code(s, &body, code)) {
        lerr(c, "pattern without '[code]'");
        return TRUCE_EDICT;
    }
    struct pparse pp = {c, body, 0, strlen(body), -1, 0, UINT32_MAX};
    struct seq all;
    int rc = parse_items(&pp, &all, 1);
    if (rc)
        return rc;
    if (pp.verb_at < 0) {
        lerr(c, "pattern without '*'");
        return TRUCE_EDICT;
    }
    struct pattern *p = tr_grow_slot((void **)&t->pats, &t->cap_pats,
                                     t->n_pats, sizeof *t->pats, &rc);
    if (!p)
        return rc;
    p->upper = (struct seq){all.first, (uint32_t)pp.verb_at};
    p->lower = (struct seq){all.first + (uint32_t)pp.verb_at,
                            all.n - (uint32_t)pp.verb_at};
    p->lower_adj = (uint8_t)pp.verb_adj;
    snprintf(p->code, sizeof p->code, "%s", code);
    p->owner = owner;
    p->line = c->line;
    p->len = seq_len(t, &p->upper) + seq_len(t, &p->lower);
    t->n_pats++;
    t->dirty = 1;
    return TRUCE_OK;
}

static int add_root(struct lctx *c, const char *s, size_t n,
                    const char *code, uint32_t owner, uint8_t kind)
{
    struct tr_tabari *t = c->t;
    int rc;
    struct root *r = tr_grow_slot((void **)&t->roots, &t->cap_roots,
                                  t->n_roots, sizeof *t->roots, &rc);
    if (!r)
        return rc;
    rc = parse_phrase(t, s, n, &r->ph);
    if (rc)
        return rc;
    if (!r->ph.n)
        return TRUCE_OK;
    snprintf(r->code, sizeof r->code, "%s", code);
    r->owner = owner == UINT32_MAX ? t->n_roots : owner;
    r->line = c->line;
    rc = hash_add(t, t->dws[r->ph.first].w, kind, t->n_roots);
    if (rc)
        return rc;
    t->n_roots++;
    return TRUCE_OK;
}

enum vsec { VS_ROOTS, VS_SYNSETS, VS_TIME, VS_OTHER };

struct vstate {
    enum vsec sec;
    int64_t root;   /* current root, -1 none */
    int64_t syn;    /* current synset, -1 none */
};

static int synsets_line(struct lctx *c, struct vstate *v, char *s)
{
    struct tr_tabari *t = c->t;
    if (s[0] == '&') {
        int rc;
        struct synset *y = tr_grow_slot((void **)&t->syns, &t->cap_syns,
                                        t->n_syns, sizeof *t->syns, &rc);
        if (!y)
            return rc;
        size_t n = strcspn(s + 1, " \t");
        snprintf(y->name, sizeof y->name, "%.*s", (int)n, s + 1);
        y->first = t->n_seqs;
        v->syn = t->n_syns++;
        return TRUCE_OK;
    }
    if (s[0] != '+' || v->syn < 0) {
        lerr(c, "synset member without '&NAME' above it");
        return TRUCE_EDICT;
    }
    struct pparse pp = {c, s + 1, 0, strlen(s + 1), -1, 0,
                        (uint32_t)v->syn};
    struct seq q;
    /* members are parsed as a group alternative (no '*') */
    int rc = parse_items(&pp, &q, 0);
    if (rc)
        return rc;
    rc = tr_grow((void **)&t->seqs, &t->cap_seqs, t->n_seqs + 1,
                 sizeof *t->seqs);
    if (rc)
        return rc;
    struct synset *y = &t->syns[v->syn];
    if (y->first + y->n != t->n_seqs) {
        lerr(c, "synset members must follow their '&NAME'");
        return TRUCE_EDICT;
    }
    t->seqs[t->n_seqs++] = q;
    y->n++;
    return TRUCE_OK;
}

static int verbs_line(struct lctx *c, struct vstate *v, char *s)
{
    if (s[0] == '<') {
        if (strncmp(s, "<SYNSETS>", 9) == 0)
            v->sec = VS_SYNSETS;
        else if (strncmp(s, "<TIME>", 6) == 0)
            v->sec = VS_TIME;
        else if (s[1] == '/')
            v->sec = VS_ROOTS;
        else
            v->sec = VS_OTHER; /* <TIME> <ATTRIB>: not used for coding */
        return TRUCE_OK;
    }
    if (v->sec == VS_SYNSETS)
        return synsets_line(c, v, s);
    if (v->sec == VS_OTHER || (v->sec == VS_TIME && s[0] == '-'))
        return TRUCE_OK;
    if (v->sec == VS_TIME) {
        /* only the discard and complex phrases matter for coding; the
         * day shifts are not applied (docs/internals/tabari.md) */
        char *body, code[16];
        if (!split_code(s, &body, code)) {
            lerr(c, "time phrase without '[code]'");
            return TRUCE_EDICT;
        }
        if (strcmp(code, "###") != 0 && strcmp(code, "+++") != 0)
            return TRUCE_OK;
        return add_root(c, body, strlen(body), code, UINT32_MAX, HK_TIME);
    }
    if (s[0] == '-') {
        if (v->root < 0) {
            lerr(c, "pattern before any verb root");
            return TRUCE_EDICT;
        }
        return pattern_line(c, s + 1, (uint32_t)v->root);
    }
    if (s[0] == '{') {
        if (v->root < 0) {
            lerr(c, "verb forms before any verb root");
            return TRUCE_EDICT;
        }
        char *e = strchr(s, '}');
        if (e)
            *e = 0;
        const char *code = c->t->roots[v->root].code;
        char buf[16];
        snprintf(buf, sizeof buf, "%s", code);
        for (char *p = s + 1; *p;) {
            while (*p == ' ' || *p == '\t')
                p++;
            size_t n = strcspn(p, " \t");
            if (!n)
                break;
            int rc = add_root(c, p, n, buf, (uint32_t)v->root, HK_ROOT);
            if (rc)
                return rc;
            p += n;
        }
        return TRUCE_OK;
    }
    char *body, code[16];
    if (!split_code(s, &body, code)) {
        lerr(c, "verb root without '[code]'");
        v->root = -1;
        return TRUCE_EDICT;
    }
    uint32_t id = c->t->n_roots;
    int rc = add_root(c, body, strlen(body), code, UINT32_MAX, HK_ROOT);
    if (rc)
        return rc;
    v->root = c->t->n_roots > id ? (int64_t)id : -1;
    return TRUCE_OK;
}

/* Longer first; file order on ties. */
static int before(const struct tr_tabari *t, uint32_t x, uint32_t y)
{
    if (t->pats[x].len != t->pats[y].len)
        return t->pats[x].len > t->pats[y].len;
    return x < y;
}

/* Index every root's patterns, longest first (file order on ties). */
static int sort_patterns(struct tr_tabari *t)
{
    for (uint32_t r = 0; r < t->n_roots; r++) {
        tr_free(t->roots[r].pats);
        t->roots[r].pats = NULL;
        t->roots[r].n_pats = 0;
    }
    for (uint32_t p = 0; p < t->n_pats; p++)
        t->roots[t->pats[p].owner].n_pats++;
    for (uint32_t r = 0; r < t->n_roots; r++) {
        if (!t->roots[r].n_pats)
            continue;
        t->roots[r].pats = tr_malloc(sizeof(uint32_t) * t->roots[r].n_pats);
        if (!t->roots[r].pats)
            return TRUCE_ENOMEM;
        t->roots[r].n_pats = 0;
    }
    for (uint32_t p = 0; p < t->n_pats; p++) {
        struct root *r = &t->roots[t->pats[p].owner];
        r->pats[r->n_pats++] = p;
    }
    /* insertion sort: a root has tens of patterns, rarely hundreds */
    for (uint32_t r = 0; r < t->n_roots; r++) {
        uint32_t *a = t->roots[r].pats;
        for (uint32_t i = 1; i < t->roots[r].n_pats; i++) {
            uint32_t x = a[i], j = i;
            for (; j > 0 && before(t, x, a[j - 1]); j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
    }
    t->dirty = 0;
    return TRUCE_OK;
}

int tr_tabari_load(struct tr_tabari *t, enum tr_tabari_file kind,
                   const char *path)
{
    char *data;
    size_t len;
    int rc = tr_read_file(path, TB_FILE_MAX, &data, &len);
    if (rc) {
        report(t, path, 0, "cannot read: %s", truce_strerror(rc));
        return rc;
    }
    rc = tr_tabari_load_buffer(t, kind, path, data, len);
    tr_free(data);
    return rc;
}

int tr_tabari_load_set(struct tr_tabari *t, const struct truce_dict_source *src,
                       size_t n, const char *options)
{
    int bad = 0, rc;
    for (size_t i = 0; i < n; i++) {
        enum tr_tabari_file kind;
        if (src[i].format != TRUCE_DICT_TABARI) {
            report(t, src[i].path, 0,
                   "the TABARI engine reads TABARI files only");
            return TRUCE_EDICT;
        }
        if (src[i].kind == TRUCE_DICT_VERBS)
            kind = TR_TB_VERBS;
        else if (src[i].kind == TRUCE_DICT_ACTORS)
            kind = TR_TB_ACTORS;
        else if (src[i].kind == TRUCE_DICT_AGENTS)
            kind = TR_TB_AGENTS;
        else
            continue;
        rc = tr_tabari_load(t, kind, src[i].path);
        if (tr_partly(rc, &bad))
            return rc;
    }
    if (options) {
        rc = tr_tabari_load(t, TR_TB_OPTIONS, options);
        if (tr_partly(rc, &bad))
            return rc;
    }
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

int tr_tabari_load_buffer(struct tr_tabari *t, enum tr_tabari_file kind,
                          const char *path, const char *data, size_t len)
{
    int rc = TRUCE_OK;
    struct lctx c = {t, path, 0, 0};
    struct actor_rec rec = {0, 0};
    struct vstate vs = {VS_ROOTS, -1, -1};
    int section = -1;
    if (kind == TR_TB_VERBS) {
        tr_free(t->verbs_file);
        t->verbs_file = tr_strndup(path, strlen(path));
    }
    size_t pos = 0;
    char line[4096];
    while (pos < len && !rc) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t n = end - pos;
        c.line++;
        if (n >= sizeof line) {
            lerr(&c, "line longer than 4095 bytes; skipped");
            pos = end + 1;
            continue;
        }
        memcpy(line, data + pos, n);
        line[n] = 0;
        pos = end + 1;
        for (size_t i = 0; i < n; i++)
            if (line[i] == '\r' || line[i] == 0)
                line[i] = ' ';
        if (strncmp(line, "~~", 2) == 0)
            break;
        if (kind == TR_TB_OPTIONS) {
            tr_tabari_option(t, line);
            continue;
        }
        if (line[0] == '#' || (line[0] == '/' && kind != TR_TB_OPTIONS))
            continue;
        if (!clean_line(line))
            continue;
        int r = TRUCE_OK;
        if (kind == TR_TB_ACTORS)
            r = actors_line(&c, &rec, line, &section);
        else if (kind == TR_TB_AGENTS)
            r = line[0] == '<' ? TRUCE_OK : agents_line(&c, line);
        else
            r = verbs_line(&c, &vs, line);
        if (r != TRUCE_OK && r != TRUCE_EDICT)
            rc = r;
    }
    close_actor_record(t, &rec);
    if (!rc && t->dirty)
        rc = sort_patterns(t);
    if (rc)
        return rc;
    return c.bad ? TRUCE_EDICT : TRUCE_OK;
}

/* ------------------------------------------------------------ options */

static int opt_num(const char *s, const char *key, int *out)
{
    const char *p = strstr(s, key);
    if (!p)
        return 0;
    p += strlen(key);
    while (*p == ' ' || *p == '[' || *p == '=')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    *out = atoi(p);
    return 1;
}

void tr_tabari_option(struct tr_tabari *t, const char *line)
{
    char buf[512], *s = buf;
    snprintf(buf, sizeof buf, "%s", line);
    while (*s == ' ' || *s == '\t')
        s++;
    char *cm = strstr(s, "//");
    if (cm)
        *cm = 0;
    if (s[0] == '#')
        return;
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    struct opts *o = &t->o;
    if (strncmp(s, "COMP", 4) == 0) {
        opt_num(s, "VERBS", &o->cx_verbs);
        opt_num(s, "CONJ", &o->cx_conj);
        opt_num(s, "ACTORS", &o->cx_actors);
        o->noactprior = strstr(s, "NOACTPRIOR") != NULL;
    }
    else if (strncmp(s, "COMM", 4) == 0) {
        if (strstr(s, "OFF")) {
            o->comma_off = 1;
            return;
        }
        o->comma_off = 0;
        opt_num(s, "EMIN", &o->emin);
        opt_num(s, "EMAX", &o->emax);
        opt_num(s, "BMIN", &o->bmin);
        opt_num(s, "BMAX", &o->bmax);
        opt_num(s, " MIN", &o->comma_min);
        opt_num(s, " MAX", &o->comma_max);
    }
    else if (strncmp(s, "DEFA", 4) == 0) {
        o->def_src[0] = o->def_tgt[0] = 0;
        o->def_prior = strstr(s, "PRIOR") != NULL;
        o->def_after = strstr(s, "AFTER") != NULL;
        const char *p = strstr(s, "SOURCE");
        if (p && (p = strchr(p, '[')) != NULL)
            sscanf(p + 1, " %39[^] ]", o->def_src);
        p = strstr(s, "TARGET");
        if (p && (p = strchr(p, '[')) != NULL)
            sscanf(p + 1, " %39[^] ]", o->def_tgt);
    }
    else if (strncmp(s, "FORW", 4) == 0) {
        o->forward = strstr(s, " OFF") == NULL;
    }
    else if (strncmp(s, "SET", 3) == 0) {
        int on = strstr(s, "TRUE") != NULL;
        if (strstr(s, "MINIMUM WORDS"))
            opt_num(s, "WORDS", &o->min_words);
        if (strstr(s, "CONVERT AGENT"))
            o->convert_agents = on;
        if (strstr(s, "CODE BY SENTENCE"))
            o->by_sentence = 1, o->code_all = 0;
        if (strstr(s, "CODE BY CLAUSE"))
            o->by_sentence = 0, o->code_all = 0;
        if (strstr(s, "CODE ALL"))
            o->code_all = 1, o->by_sentence = 0;
    }
}

void tr_tabari_counts(const struct tr_tabari *t, uint32_t *actors,
                      uint32_t *agents, uint32_t *roots, uint32_t *patterns)
{
    *actors = t->n_actors;
    *agents = t->n_agents;
    *roots = t->n_roots;
    *patterns = t->n_pats;
}

int tr_tabari_new(struct tr_tabari **out, truce_diag_fn *diag, void *ud)
{
    struct tr_tabari *t = tr_calloc(1, sizeof *t);
    *out = t;
    if (!t)
        return TRUCE_ENOMEM;
    t->diag = diag;
    t->diag_ud = ud;
    t->trace = getenv("TRUCE_TABARI_TRACE") != NULL;
    struct opts o = {0};
    o.comma_min = 2;
    o.comma_max = 10;
    o.emin = 2;
    o.emax = 10;
    o.bmin = 128;
    o.bmax = 0;
    o.min_words = 8;
    t->o = o;
    return TRUCE_OK;
}

void tr_tabari_free(struct tr_tabari *t)
{
    if (!t)
        return;
    for (uint32_t i = 0; i < t->hcap; i++)
        tr_free(t->hkeys[i]);
    for (uint32_t r = 0; r < t->n_roots; r++)
        tr_free(t->roots[r].pats);
    tr_free(t->hkeys);
    tr_free(t->hheads);
    tr_free(t->hnodes);
    tr_free(t->dws);
    tr_free(t->items);
    tr_free(t->seqs);
    tr_free(t->groups);
    tr_free(t->syns);
    tr_free(t->codes);
    tr_free(t->actors);
    tr_free(t->agents);
    tr_free(t->pats);
    tr_free(t->roots);
    tr_free(t->verbs_file);
    tr_free(t->sent);
    tr_free(t->out);
    tr_free(t);
}
