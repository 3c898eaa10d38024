/*
 * pos.c -- the part-of-speech tagger: a greedy averaged perceptron. Each
 * feature is a template plus one or two pieces (a word, a suffix, a tag);
 * its key is a hash of the template and the pieces' hashes, looked up in one
 * open-addressing table of float rows (one weight per tag). The model file
 * spells features as text; the trainer (tools/train_tagger.c) includes this
 * file so that both sides extract features with the same code.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pos.h"

#define TR_POS_MAGIC "truce-pos 1"
#define TR_POS_MAX_FIELDS 40u /* a feature line: f, template, 2 pieces,
                                 at most one weight per tag */

/* The tag "X" is the first of the table, but pos.h's X-macro parameter is
 * also called X, so the enum member comes out as TR_POS_TR_POS_ENUM; this
 * name does not depend on that. */
#define POS_X TR_POS_X

static const char *const POS_NAMES[] = {
#define TR_POS_NAME(name, text) text,
    TR_POS_MAP(TR_POS_NAME)
#undef TR_POS_NAME
};

const char *tr_pos_name(enum tr_pos p)
{
    if ((unsigned)p >= TR_POS_COUNT)
        return "X";
    return POS_NAMES[p];
}

static const uint8_t POS_NAME_LEN[] = {
#define TR_POS_LEN(name, text) sizeof(text) - 1,
    TR_POS_MAP(TR_POS_LEN)
#undef TR_POS_LEN
};

int tr_pos_from_name(const char *name, size_t n)
{
    for (int i = 0; i < TR_POS_COUNT; i++) {
        if (POS_NAME_LEN[i] == n && POS_NAMES[i][0] == name[0] &&
            memcmp(POS_NAMES[i], name, n) == 0)
            return i;
    }
    return -1;
}

/* Feature templates: id, name in the model file, number of pieces. The
 * order of this table is the order features are extracted in. */
#define POS_TEMPLATES(X)  \
    X(BIAS, "bias", 0)    \
    X(W, "w", 1)          \
    X(S3, "s3", 1)        \
    X(S2, "s2", 1)        \
    X(P1, "p1", 1)        \
    X(SHAPE, "shape", 1)  \
    X(T1, "t-1", 1)       \
    X(T2, "t-2", 1)       \
    X(T1T2, "t-1t-2", 2)  \
    X(T1W, "t-1w", 2)     \
    X(T1SHAPE, "t-1shape", 2) \
    X(WM1, "w-1", 1)      \
    X(S3M1, "s3-1", 1)    \
    X(WM2, "w-2", 1)      \
    X(WP1, "w+1", 1)      \
    X(S3P1, "s3+1", 1)    \
    X(WP2, "w+2", 1)      \
    X(WWP1, "ww+1", 2)

enum pos_template {
#define POS_TMPL_ENUM(id, name, n) POS_T_##id,
    POS_TEMPLATES(POS_TMPL_ENUM)
#undef POS_TMPL_ENUM
    POS_T_COUNT
};

static const struct {
    const char *name;
    unsigned n_pieces;
} POS_TMPL[] = {
#define POS_TMPL_ROW(id, name, n) {name, n},
    POS_TEMPLATES(POS_TMPL_ROW)
#undef POS_TMPL_ROW
};

/* A piece of a feature: its text (for the model file) and its hash. */
struct pos_piece {
    const char *s; /* borrowed: the doc's norm buffer or a static string */
    uint32_t n;
    uint64_t h;
};

/* What the tagger needs of one token, computed once per token. */
struct pos_tok {
    struct pos_piece word, s3, s2, p1, shape;
    int forced;        /* tag fixed by the token kind, or -1 */
    int dict_tag;      /* tag from the tag dictionary, or -1 */
    char shape_buf[8]; /* text of 'shape' */
};

/* Pseudo tags before the sentence start, after the real ones. */
#define POS_TAG_START TR_POS_COUNT
#define POS_TAG_START2 (TR_POS_COUNT + 1)

enum pos_case { POS_CASE_LOWER, POS_CASE_CAP, POS_CASE_UPPER };

/* A slot of the feature table: the key and where its weights are, side by
 * side, so that a lookup touches one cache line before the weights. */
struct pos_slot {
    uint64_t key; /* feature key, 0 = empty */
    uint32_t off; /* first weight in 'wts' */
    uint32_t n;   /* number of weights */
};

/* A weight is sparse and exact: the tag in the high 16 bits, the weight in
 * hundredths (as written in the file) in the low 16, as an int16. Most
 * features carry 2-6 of the 24 tags, so rows of 24 floats would be four
 * times the memory, and memory (page faults, cache misses) is what loading
 * and tagging spend their time on. */
#define POS_WEIGHT_MAX 32767

struct tr_tagger {
    struct pos_slot *slots; /* n_slots; owned */
    uint32_t *wts;          /* packed weights; owned */
    uint32_t n_wts, cap_wts;
    uint32_t mask;          /* n_slots - 1, n_slots a power of two */
    uint32_t n_rows, cap_rows; /* features loaded, room for */
    uint64_t *dict_keys; /* tag dictionary: word + case -> tag; owned */
    uint8_t *dict_tags;  /* owned */
    uint32_t dict_mask, n_dict, cap_dict;
    struct pos_piece tag_piece[TR_POS_COUNT + 2]; /* tag names as pieces */
    struct pos_tok bound[4]; /* -START- -START2- -END- -END2- */
};

/* FNV-1a, 64 bit: pieces are short, and the table needs 64-bit keys so
 * that collisions between 10^5 features are practically impossible. */
static uint64_t hash_piece(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static uint64_t feat_key(unsigned tmpl, uint64_t a, uint64_t b)
{
    uint64_t k = (tmpl + 1u) * 0x9e3779b97f4a7c15u;
    k ^= a;
    k *= 0xff51afd7ed558ccdu;
    k ^= k >> 32;
    k ^= b;
    k *= 0xc4ceb9fe1a85ec53u;
    k ^= k >> 29;
    return k ? k : 1; /* 0 marks an empty slot */
}

static void piece_set(struct pos_piece *p, const char *s, size_t n)
{
    p->s = s;
    p->n = (uint32_t)n;
    p->h = hash_piece(s, n);
}

static void piece_sets(struct pos_piece *p, const char *s)
{
    piece_set(p, s, strlen(s));
}

/* ---- token features ------------------------------------------------ */

/* Start of the last 'k' UTF-8 characters of s[0..n). */
static size_t last_chars(const char *s, size_t n, unsigned k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            k--;
    }
    return i;
}

/* Bytes of the first UTF-8 character of s[0..n). */
static size_t first_char(const char *s, size_t n)
{
    size_t i = n ? 1 : 0;
    while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
        i++;
    return i;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The word as the features see it: punctuation by kind (so that the
 * tokenizer's choice of quote or dash character does not matter), numbers
 * as classes, everything else as its folded form. Returns the forced tag
 * for kinds that are never ambiguous, or -1. */
static int word_piece(const struct tr_token *tok, const char *norm,
                      struct pos_piece *out)
{
    switch (tok->kind) {
    case TR_TOK_QUOTE:
        piece_sets(out, "\"");
        return TR_POS_PUNCT;
    case TR_TOK_DASH:
        piece_sets(out, "--");
        return TR_POS_PUNCT;
    case TR_TOK_HYPHEN:
        piece_sets(out, "-");
        return TR_POS_PUNCT;
    case TR_TOK_OPEN:
        piece_sets(out, "(");
        return TR_POS_PUNCT;
    case TR_TOK_CLOSE:
        piece_sets(out, ")");
        return TR_POS_PUNCT;
    case TR_TOK_POSS:
        piece_sets(out, "'s");
        return TR_POS_POSS;
    default:
        break;
    }
    size_t n = tok->norm_len;
    if (n > 0 && is_digit(norm[0])) {
        int year = n == 4 && is_digit(norm[1]) && is_digit(norm[2]) &&
                   is_digit(norm[3]);
        piece_sets(out, year ? "!YEAR" : "!DIGITS");
    }
    else if (n == 0)
        piece_sets(out, "!EMPTY");
    else
        piece_set(out, norm, n);
    return tok->kind == TR_TOK_PUNCT ? TR_POS_PUNCT : -1;
}

/* 'shout': the sentence is in capitals (wire copy of the 1980s, MUC), so
 * case says nothing: a word there is read as lower case, the first as
 * capitalised, as in ordinary text. */
static enum pos_case tok_case(const struct tr_token *tok, int shout,
                              int first_word)
{
    if (shout && tok->kind == TR_TOK_WORD)
        return first_word ? POS_CASE_CAP : POS_CASE_LOWER;
    if (tok->flags & TR_TF_UPPER)
        return POS_CASE_UPPER;
    if (tok->flags & TR_TF_CAP)
        return POS_CASE_CAP;
    return POS_CASE_LOWER;
}

/* Shape: case, sentence-initial, digits, abbreviation period. */
static void shape_piece(struct pos_tok *pt, const struct tr_token *tok,
                        const char *norm, int first_word, int shout)
{
    static const char CASE_CHAR[] = {'l', 'C', 'U'};
    size_t n = 0;
    pt->shape_buf[n++] = CASE_CHAR[tok_case(tok, shout, first_word)];
    if (first_word)
        pt->shape_buf[n++] = '^';
    for (uint32_t i = 0; i < tok->norm_len; i++) {
        if (is_digit(norm[i])) {
            pt->shape_buf[n++] = 'd';
            break;
        }
    }
    if (tok->flags & TR_TF_ABBREV)
        pt->shape_buf[n++] = '.';
    if (tok->kind != TR_TOK_WORD && tok->kind != TR_TOK_NUM)
        pt->shape_buf[n++] = 'p';
    pt->shape_buf[n] = 0;
    piece_set(&pt->shape, pt->shape_buf, n);
}

static int dict_find(const struct tr_tagger *t, uint64_t word_h,
                     enum pos_case c)
{
    if (!t->dict_keys)
        return -1;
    uint64_t key = feat_key(POS_T_COUNT, word_h, (uint64_t)c + 1u);
    for (uint32_t i = (uint32_t)key & t->dict_mask;;
         i = (i + 1) & t->dict_mask) {
        if (t->dict_keys[i] == key)
            return t->dict_tags[i];
        if (t->dict_keys[i] == 0)
            return -1;
    }
}

static void tok_compute(const struct tr_tagger *t, const struct tr_doc *d,
                        uint32_t idx, int first_word, int shout,
                        struct pos_tok *pt)
{
    const struct tr_token *tok = &d->tok[idx];
    const char *norm = d->norm.data + tok->norm;
    pt->forced = word_piece(tok, norm, &pt->word);
    const char *w = pt->word.s;
    size_t n = pt->word.n;
    size_t at = last_chars(w, n, 3);
    piece_set(&pt->s3, w + at, n - at);
    at = last_chars(w, n, 2);
    piece_set(&pt->s2, w + at, n - at);
    piece_set(&pt->p1, w, first_char(w, n));
    shape_piece(pt, tok, norm, first_word, shout);
    pt->dict_tag = pt->forced >= 0
                       ? -1
                       : dict_find(t, pt->word.h,
                                   tok_case(tok, shout, first_word));
}

/* ---- walking a sentence ---------------------------------------------- */

#define POS_RING 8u /* > the 5 tokens a feature can see */

struct pos_walk {
    const struct tr_tagger *t;
    const struct tr_doc *d;
    uint32_t first, n;
    uint32_t n_done;   /* tokens computed so far */
    int seen_word;     /* a word or number came before token n_done */
    int shout;         /* the sentence is in capitals (tok_case) */
    struct pos_tok ring[POS_RING];
};

static void walk_begin(struct pos_walk *wk, const struct tr_tagger *t,
                       const struct tr_doc *d, uint32_t first, uint32_t n)
{
    wk->t = t;
    wk->d = d;
    wk->first = first;
    wk->n = n;
    wk->n_done = 0;
    wk->seen_word = 0;
    uint32_t words = 0, upper = 0;
    for (uint32_t i = first; i < first + n; i++) {
        const struct tr_token *tok = &d->tok[i];
        if (tok->kind != TR_TOK_WORD || tok->len < 2)
            continue;
        words++;
        upper += (tok->flags & TR_TF_UPPER) != 0;
    }
    wk->shout = words >= 4 && upper * 5 >= words * 4;
}

/* Make sure tokens up to i + 2 are computed (they are, in order). */
static void walk_advance(struct pos_walk *wk, uint32_t i)
{
    while (wk->n_done < wk->n && wk->n_done <= i + 2) {
        uint32_t j = wk->n_done++;
        const struct tr_token *tok = &wk->d->tok[wk->first + j];
        tok_compute(wk->t, wk->d, wk->first + j, !wk->seen_word, wk->shout,
                    &wk->ring[j % POS_RING]);
        if (tok->kind == TR_TOK_WORD || tok->kind == TR_TOK_NUM)
            wk->seen_word = 1;
    }
}

/* Token i + off, or a boundary token outside the sentence. */
static const struct pos_tok *walk_tok(const struct pos_walk *wk, uint32_t i,
                                      int off)
{
    int64_t j = (int64_t)i + off;
    if (j < 0)
        return &wk->t->bound[j == -1 ? 0 : 1];
    if (j >= (int64_t)wk->n)
        return &wk->t->bound[j == (int64_t)wk->n ? 2 : 3];
    return &wk->ring[(uint32_t)j % POS_RING];
}

struct pos_feat {
    unsigned tmpl;
    const struct pos_piece *a, *b;
};

static void feat_add(struct pos_feat *f, uint32_t *n, unsigned tmpl,
                     const struct pos_piece *a, const struct pos_piece *b)
{
    f[*n].tmpl = tmpl;
    f[*n].a = a;
    f[*n].b = b;
    (*n)++;
}

#define POS_MAX_FEATS 24u

/* The features of token i given the two previous tags; returns how many
 * were written to 'f' (at most POS_MAX_FEATS). */
static uint32_t walk_features(const struct pos_walk *wk, uint32_t i, int t1,
                              int t2, struct pos_feat *f)
{
    const struct pos_tok *cur = walk_tok(wk, i, 0);
    const struct pos_tok *m1 = walk_tok(wk, i, -1);
    const struct pos_tok *m2 = walk_tok(wk, i, -2);
    const struct pos_tok *p1 = walk_tok(wk, i, 1);
    const struct pos_tok *p2 = walk_tok(wk, i, 2);
    const struct pos_piece *tag1 = &wk->t->tag_piece[t1];
    const struct pos_piece *tag2 = &wk->t->tag_piece[t2];
    uint32_t n = 0;
    feat_add(f, &n, POS_T_BIAS, NULL, NULL);
    feat_add(f, &n, POS_T_W, &cur->word, NULL);
    feat_add(f, &n, POS_T_S3, &cur->s3, NULL);
    feat_add(f, &n, POS_T_S2, &cur->s2, NULL);
    feat_add(f, &n, POS_T_P1, &cur->p1, NULL);
    feat_add(f, &n, POS_T_SHAPE, &cur->shape, NULL);
    feat_add(f, &n, POS_T_T1, tag1, NULL);
    feat_add(f, &n, POS_T_T2, tag2, NULL);
    feat_add(f, &n, POS_T_T1T2, tag1, tag2);
    feat_add(f, &n, POS_T_T1W, tag1, &cur->word);
    feat_add(f, &n, POS_T_T1SHAPE, tag1, &cur->shape);
    feat_add(f, &n, POS_T_WM1, &m1->word, NULL);
    feat_add(f, &n, POS_T_S3M1, &m1->s3, NULL);
    feat_add(f, &n, POS_T_WM2, &m2->word, NULL);
    feat_add(f, &n, POS_T_WP1, &p1->word, NULL);
    feat_add(f, &n, POS_T_S3P1, &p1->s3, NULL);
    feat_add(f, &n, POS_T_WP2, &p2->word, NULL);
    feat_add(f, &n, POS_T_WWP1, &cur->word, &p1->word);
    return n;
}

static uint64_t feat_hash(const struct pos_feat *f)
{
    return feat_key(f->tmpl, f->a ? f->a->h : 0, f->b ? f->b->h : 0);
}

/* ---- the weight table ------------------------------------------------ */

static const struct pos_slot *weights_find(const struct tr_tagger *t,
                                           uint64_t key)
{
    for (uint32_t i = (uint32_t)key & t->mask;; i = (i + 1) & t->mask) {
        uint64_t k = t->slots[i].key;
        if (k == key)
            return &t->slots[i];
        if (k == 0)
            return NULL;
    }
}

static int best_tag(const int32_t *scores)
{
    int best = 0;
    for (int c = 1; c < TR_POS_COUNT; c++) {
        if (scores[c] > scores[best])
            best = c;
    }
    return best;
}

#if defined(__GNUC__)
#define POS_PREFETCH(p) __builtin_prefetch(p)
#else
#define POS_PREFETCH(p) ((void)(p))
#endif

/* Score token i. The keys are hashed and their slots prefetched first, so
 * that the cache misses of one token's features overlap instead of
 * queueing one behind the other. */
static int predict(const struct tr_tagger *t, const struct pos_walk *wk,
                   uint32_t i, int t1, int t2)
{
    struct pos_feat f[POS_MAX_FEATS];
    uint32_t n = walk_features(wk, i, t1, t2, f);
    uint64_t keys[POS_MAX_FEATS];
    for (uint32_t j = 0; j < n; j++) {
        keys[j] = feat_hash(&f[j]);
        POS_PREFETCH(&t->slots[(uint32_t)keys[j] & t->mask]);
    }
    const struct pos_slot *rows[POS_MAX_FEATS];
    uint32_t n_rows = 0;
    for (uint32_t j = 0; j < n; j++) {
        const struct pos_slot *slot = weights_find(t, keys[j]);
        if (slot) {
            POS_PREFETCH(t->wts + slot->off);
            rows[n_rows++] = slot;
        }
    }
    int32_t scores[TR_POS_COUNT] = {0};
    for (uint32_t j = 0; j < n_rows; j++) {
        const uint32_t *w = t->wts + rows[j]->off;
        for (uint32_t k = 0; k < rows[j]->n; k++)
            scores[w[k] >> 16] += (int16_t)(uint16_t)(w[k] & 0xffffu);
    }
    return best_tag(scores);
}

void tr_tagger_tag(const struct tr_tagger *t, struct tr_doc *d,
                   uint32_t first, uint32_t n)
{
    if (NEVER(!t)) {
        for (uint32_t i = 0; i < n; i++)
            d->tok[first + i].pos = POS_X;
        return;
    }
    struct pos_walk wk;
    walk_begin(&wk, t, d, first, n);
    int t1 = POS_TAG_START, t2 = POS_TAG_START2;
    for (uint32_t i = 0; i < n; i++) {
        walk_advance(&wk, i);
        const struct pos_tok *cur = &wk.ring[i % POS_RING];
        int tag = cur->forced;
        if (tag < 0)
            tag = cur->dict_tag;
        if (tag < 0)
            tag = predict(t, &wk, i, t1, t2);
        d->tok[first + i].pos = (uint8_t)tag;
        t2 = t1;
        t1 = tag;
    }
}

/* ---- building a tagger ----------------------------------------------- */

static void tagger_init_pieces(struct tr_tagger *t)
{
    for (int c = 0; c < TR_POS_COUNT; c++)
        piece_sets(&t->tag_piece[c], POS_NAMES[c]);
    piece_sets(&t->tag_piece[POS_TAG_START], "-START-");
    piece_sets(&t->tag_piece[POS_TAG_START2], "-START2-");
    static const char *const BOUND[] = {"-START-", "-START2-", "-END-",
                                        "-END2-"};
    for (int b = 0; b < 4; b++) {
        struct pos_tok *pt = &t->bound[b];
        piece_sets(&pt->word, BOUND[b]);
        pt->s3 = pt->s2 = pt->p1 = pt->shape = pt->word;
        pt->forced = -1;
        pt->dict_tag = -1;
        pt->shape_buf[0] = 0;
    }
}

static uint32_t pow2_above(uint32_t n)
{
    uint32_t p = 16;
    while (p < n * 2u && p < (1u << 30))
        p *= 2;
    return p;
}

/* An empty tagger with room for 'n_feats' features and 'n_dict' words. */
static int tagger_new(struct tr_tagger **out, uint32_t n_feats,
                      uint32_t n_dict)
{
    struct tr_tagger *t = tr_calloc(1, sizeof *t);
    if (!t)
        return TRUCE_ENOMEM;
    uint32_t slots = pow2_above(n_feats), dslots = pow2_above(n_dict);
    t->mask = slots - 1;
    t->dict_mask = dslots - 1;
    t->cap_rows = n_feats;
    t->cap_dict = n_dict;
    t->slots = tr_calloc(slots, sizeof *t->slots);
    t->dict_keys = tr_calloc(dslots, sizeof *t->dict_keys);
    t->dict_tags = tr_calloc(dslots, sizeof *t->dict_tags);
    if (!t->slots || !t->dict_keys || !t->dict_tags) {
        tr_tagger_free(t);
        return TRUCE_ENOMEM;
    }
    tagger_init_pieces(t);
    *out = t;
    return TRUCE_OK;
}

void tr_tagger_free(struct tr_tagger *t)
{
    if (!t)
        return;
    tr_free(t->slots);
    tr_free(t->wts);
    tr_free(t->dict_keys);
    tr_free(t->dict_tags);
    tr_free(t);
}

/* Add feature 'key' with the weights 'cents' (one per tag, 0 = none).
 * Returns 0, TRUCE_EDICT when 'key' is already there (or the table is
 * full), TRUCE_ENOMEM. */
static int weights_add(struct tr_tagger *t, uint64_t key,
                       const int32_t *cents)
{
    uint32_t i = (uint32_t)key & t->mask;
    while (t->slots[i].key && t->slots[i].key != key)
        i = (i + 1) & t->mask;
    if (t->slots[i].key || t->n_rows >= t->cap_rows)
        return TRUCE_EDICT;
    uint32_t need = t->n_wts + TR_POS_COUNT;
    if (need > t->cap_wts &&
        tr_grow((void **)&t->wts, &t->cap_wts, need, sizeof *t->wts))
        return TRUCE_ENOMEM;
    t->slots[i].key = key;
    t->slots[i].off = t->n_wts;
    for (uint32_t c = 0; c < TR_POS_COUNT; c++) {
        if (cents[c])
            t->wts[t->n_wts++] = c << 16 | (uint16_t)(int16_t)cents[c];
    }
    t->slots[i].n = t->n_wts - t->slots[i].off;
    t->n_rows++;
    return TRUCE_OK;
}

/* Add word + case -> tag to the tag dictionary; 0, or -1 if present or
 * full. */
static int dict_add(struct tr_tagger *t, uint64_t word_h, enum pos_case c,
                    int tag)
{
    uint64_t key = feat_key(POS_T_COUNT, word_h, (uint64_t)c + 1u);
    uint32_t i = (uint32_t)key & t->dict_mask;
    while (t->dict_keys[i] && t->dict_keys[i] != key)
        i = (i + 1) & t->dict_mask;
    if (t->dict_keys[i] || t->n_dict >= t->cap_dict)
        return -1;
    t->dict_keys[i] = key;
    t->dict_tags[i] = (uint8_t)tag;
    t->n_dict++;
    return 0;
}

/* ---- reading pos.model ----------------------------------------------- */

struct pos_load {
    const char *path;
    uint64_t line;
    truce_diag_fn *diag;
    void *ud;
    int n_bad;
};

static void load_diag(struct pos_load *ld, const char *reason,
                      const char *s, size_t n)
{
    ld->n_bad++;
    if (!ld->diag)
        return;
    char msg[256];
    /* file and line travel in the diagnostic itself */
    snprintf(msg, sizeof msg, "%s%s%.*s%s", reason, n ? " \"" : "",
             (int)(n > 40 ? 40 : n), s ? s : "", n ? "\"" : "");
    struct truce_diag dg = {TRUCE_ERROR, ld->path, ld->line, 0, msg};
    ld->diag(ld->ud, &dg);
}

struct pos_field {
    const char *s;
    size_t n;
};

/* Split a line at blanks; returns the number of fields, or more than
 * 'max' if there were too many. */
static size_t split_fields(const char *s, size_t n, struct pos_field *f,
                           size_t max)
{
    size_t k = 0, i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            break;
        size_t start = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (k == max)
            return max + 1;
        f[k].s = s + start;
        f[k].n = i - start;
        k++;
    }
    return k;
}

/* A weight in hundredths: [-]digits[.d[d]]. Returns 0 on success. */
static int parse_cents(const char *s, size_t n, int32_t *out)
{
    size_t i = 0;
    int neg = i < n && s[i] == '-';
    i += (size_t)neg;
    int32_t v = 0;
    size_t digits = 0;
    for (; i < n && is_digit(s[i]) && digits < 6; i++, digits++)
        v = v * 10 + (s[i] - '0');
    int32_t frac = 0, scale = 100;
    if (i < n && s[i] == '.') {
        for (i++; i < n && is_digit(s[i]) && scale > 1; i++) {
            scale /= 10;
            frac += (s[i] - '0') * scale;
        }
    }
    v = v * 100 + frac;
    if (i != n || digits == 0 || v > POS_WEIGHT_MAX)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

static int template_from_name(const char *s, size_t n)
{
    for (int i = 0; i < POS_T_COUNT; i++) {
        if (strlen(POS_TMPL[i].name) == n &&
            memcmp(POS_TMPL[i].name, s, n) == 0)
            return i;
    }
    return -1;
}

/* TAG=weight fields into 'row'; returns 0, or reports and returns -1. */
static int parse_row(struct pos_load *ld, const struct pos_field *f,
                     size_t n, int32_t *row)
{
    if (n == 0) {
        load_diag(ld, "feature without weights", NULL, 0);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *eq = memchr(f[i].s, '=', f[i].n);
        int tag = eq ? tr_pos_from_name(f[i].s, (size_t)(eq - f[i].s)) : -1;
        if (tag < 0) {
            load_diag(ld, "expected TAG=weight, got", f[i].s, f[i].n);
            return -1;
        }
        size_t wn = f[i].n - (size_t)(eq + 1 - f[i].s);
        if (parse_cents(eq + 1, wn, &row[tag]) != 0) {
            load_diag(ld, "bad weight (at most 2 decimals, |w| < 327.68)",
                      f[i].s, f[i].n);
            return -1;
        }
    }
    return 0;
}

/* f TEMPLATE PIECE... TAG=weight... */
static int load_feature(struct tr_tagger *t, struct pos_load *ld,
                        const struct pos_field *f, size_t n)
{
    int tmpl = n > 1 ? template_from_name(f[1].s, f[1].n) : -1;
    if (tmpl < 0) {
        load_diag(ld, "unknown feature template", n > 1 ? f[1].s : NULL,
                  n > 1 ? f[1].n : 0);
        return TRUCE_EDICT;
    }
    size_t np = POS_TMPL[tmpl].n_pieces;
    if (n < 2 + np) {
        load_diag(ld, "missing feature pieces", NULL, 0);
        return TRUCE_EDICT;
    }
    uint64_t a = np > 0 ? hash_piece(f[2].s, f[2].n) : 0;
    uint64_t b = np > 1 ? hash_piece(f[3].s, f[3].n) : 0;
    int32_t row[TR_POS_COUNT] = {0};
    if (parse_row(ld, f + 2 + np, n - 2 - np, row) != 0)
        return TRUCE_EDICT;
    int rc = weights_add(t, feat_key((unsigned)tmpl, a, b), row);
    if (rc == TRUCE_EDICT)
        load_diag(ld, "duplicate feature", f[1].s, f[1].n);
    return rc;
}

/* d WORD CASE TAG, CASE one of l C U. */
static int load_dict(struct tr_tagger *t, struct pos_load *ld,
                     const struct pos_field *f, size_t n)
{
    static const char CASES[] = "lCU";
    const char *c = n == 4 && f[2].n == 1 ? strchr(CASES, f[2].s[0]) : NULL;
    int tag = n == 4 ? tr_pos_from_name(f[3].s, f[3].n) : -1;
    if (!c || !*c || tag < 0) {
        load_diag(ld, "expected: d WORD l|C|U TAG", NULL, 0);
        return -1;
    }
    uint64_t h = hash_piece(f[1].s, f[1].n);
    if (dict_add(t, h, (enum pos_case)(c - CASES), tag) != 0) {
        load_diag(ld, "duplicate word", f[1].s, f[1].n);
        return -1;
    }
    return 0;
}

/* One line; returns TRUCE_ENOMEM or 0 (bad lines are reported). */
static int load_line(struct tr_tagger *t, struct pos_load *ld,
                     const char *s, size_t n)
{
    if (n && s[n - 1] == '\r')
        n--;
    struct pos_field f[TR_POS_MAX_FIELDS];
    size_t nf = split_fields(s, n, f, TR_POS_MAX_FIELDS);
    if (nf == 0 || f[0].s[0] == '#')
        return TRUCE_OK;
    if (nf > TR_POS_MAX_FIELDS) {
        load_diag(ld, "too many fields", NULL, 0);
        return TRUCE_OK;
    }
    if (ld->line == 1 && n == strlen(TR_POS_MAGIC) &&
        memcmp(s, TR_POS_MAGIC, n) == 0)
        return TRUCE_OK;
    if (ld->line == 1)
        load_diag(ld, "missing header \"" TR_POS_MAGIC "\"", NULL, 0);
    if (f[0].n == 1 && f[0].s[0] == 'f')
        return load_feature(t, ld, f, nf) == TRUCE_ENOMEM ? TRUCE_ENOMEM
                                                           : TRUCE_OK;
    if (f[0].n == 1 && f[0].s[0] == 'd')
        (void)load_dict(t, ld, f, nf);
    else
        load_diag(ld, "unknown line type", f[0].s, f[0].n);
    return TRUCE_OK;
}

#define POS_CHUNK 65536u /* bytes read at a time; longer lines are bad */

/* Call 'fn' on every line of 'fp' (without its newline), reading through
 * one chunk buffer so that a model of any size costs 64 KB of memory.
 * Returns TRUCE_OK, TRUCE_EIO, TRUCE_ENOMEM, or what 'fn' returned. */
static int each_line(FILE *fp, struct pos_load *ld,
                     int (*fn)(void *ctx, struct pos_load *ld, const char *s,
                               size_t n),
                     void *ctx)
{
    char *buf = tr_malloc(POS_CHUNK);
    if (!buf)
        return TRUCE_ENOMEM;
    size_t have = 0;
    int rc = TRUCE_OK, eof = 0;
    while (rc == TRUCE_OK && !eof) {
        size_t got = fread(buf + have, 1, POS_CHUNK - have, fp);
        eof = got == 0;
        have += got;
        size_t used = 0;
        for (;;) {
            char *nl = memchr(buf + used, '\n', have - used);
            if (!nl && !(eof && used < have))
                break;
            size_t end = nl ? (size_t)(nl - buf) : have;
            ld->line++;
            rc = fn(ctx, ld, buf + used, end - used);
            used = nl ? end + 1 : have;
            if (rc)
                break;
        }
        if (used == 0 && have == POS_CHUNK) {
            ld->line++;
            load_diag(ld, "line too long", NULL, 0);
            rc = TRUCE_EIO;
        }
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    if (rc == TRUCE_OK && ferror(fp))
        rc = TRUCE_EIO;
    tr_free(buf);
    return rc;
}

struct pos_count {
    uint32_t feats, words;
};

static int count_line(void *ctx, struct pos_load *ld, const char *s,
                      size_t n)
{
    struct pos_count *c = ctx;
    (void)ld;
    if (n > 1 && s[0] == 'f' && (s[1] == ' ' || s[1] == '\t'))
        c->feats++;
    if (n > 1 && s[0] == 'd' && (s[1] == ' ' || s[1] == '\t'))
        c->words++;
    return TRUCE_OK;
}

static int add_line(void *ctx, struct pos_load *ld, const char *s, size_t n)
{
    return load_line(ctx, ld, s, n);
}

/* Two passes: count the lines to size the tables, then load them. */
static int load_stream(struct tr_tagger **out, FILE *fp, struct pos_load *ld)
{
    struct pos_count count = {0, 0};
    int rc = each_line(fp, ld, count_line, &count);
    if (rc)
        return rc;
    rewind(fp);
    ld->line = 0;
    rc = tagger_new(out, count.feats, count.words);
    if (rc)
        return rc;
    /* Most features keep 2-6 weights: reserve for 4 on average. */
    rc = tr_grow((void **)&(*out)->wts, &(*out)->cap_wts,
                 count.feats * 4u + TR_POS_COUNT, sizeof *(*out)->wts);
    if (!rc)
        rc = each_line(fp, ld, add_line, *out);
    if (rc) {
        tr_tagger_free(*out);
        *out = NULL;
    }
    return rc;
}

int tr_tagger_load(struct tr_tagger **out, const char *path,
                   truce_diag_fn *diag, void *ud)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return errno == ENOENT ? TRUCE_ENOTFOUND : TRUCE_EIO;
    struct pos_load ld = {path, 0, diag, ud, 0};
    int rc = load_stream(out, fp, &ld);
    fclose(fp);
    if (rc)
        return rc;
    return ld.n_bad ? TRUCE_EDICT : TRUCE_OK;
}
