/*
 * train_tagger.c -- train the part-of-speech tagger (src/core/pos.c) on the
 * tagged Brown corpus and write dict/pos.model.
 *
 *   tr_train_tagger BROWN_DIR OUT_MODEL [--iter N] [--min-weight W]
 *                   [--min-seen N]
 *
 * Brown tokens are re-split the way our tokenizer splits text (hyphenated
 * words into parts around a hyphen token, word's into word + 's) and Brown
 * tags are mapped to our tagset (docs/internals/pos.md has the table).
 * Documents whose number ends in 0 (ca10, ca20, ...) are held out; the
 * program reports the held-out accuracy of the model as written, read back
 * through tr_tagger_load().
 *
 * This file includes pos.c so that training extracts features with the very
 * code the tagger runs; tests/unit/test_pos.c includes this file (with
 * TR_TRAIN_TAGGER_NO_MAIN) to reuse the Brown reader.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pos.c"

/* ---- the corpus ------------------------------------------------------ */

struct brown_sent {
    uint32_t first, n; /* token range in the corpus doc */
    int held_out;      /* from a document whose number ends in 0 */
};

struct brown {
    struct tr_doc doc; /* all tokens of all documents, norm filled in */
    uint8_t *gold;     /* gold tag of every token */
    struct brown_sent *sent;
    uint32_t n_sent, cap_sent;
    uint32_t n_docs, n_unknown_tags;
};

/* One Brown token of a sentence, before re-splitting. */
struct brown_tok {
    const char *w;
    size_t n;
    char base[16]; /* the Brown tag without fw-, -tl/-hl/-nc, +..., $, * */
    int pos;       /* our tag */
    int poss;      /* ends in a possessive 's or ' to split off */
};

static const struct {
    const char *brown;
    int pos;
} BROWN_MAP[] = {
    {"nn", TR_POS_NOUN},   {"nns", TR_POS_NOUN},  {"nr", TR_POS_NOUN},
    {"nrs", TR_POS_NOUN},  {"np", TR_POS_PROPN},  {"nps", TR_POS_PROPN},
    {"pn", TR_POS_PRON},   {"pp", TR_POS_PRON},   {"pps", TR_POS_PRON},
    {"ppss", TR_POS_PRON}, {"ppo", TR_POS_PRON},  {"ppl", TR_POS_PRON},
    {"ppls", TR_POS_PRON}, {"vb", TR_POS_VB},     {"vbd", TR_POS_VBD},
    {"vbg", TR_POS_VBG},   {"vbn", TR_POS_VBN},   {"vbz", TR_POS_VBZ},
    {"be", TR_POS_VB},     {"bed", TR_POS_VBD},   {"bedz", TR_POS_VBD},
    {"beg", TR_POS_VBG},   {"ben", TR_POS_VBN},   {"bem", TR_POS_VBZ},
    {"ber", TR_POS_VBZ},   {"bez", TR_POS_VBZ},   {"do", TR_POS_VB},
    {"dod", TR_POS_VBD},   {"doz", TR_POS_VBZ},   {"hv", TR_POS_VB},
    {"hvd", TR_POS_VBD},   {"hvg", TR_POS_VBG},   {"hvn", TR_POS_VBN},
    {"hvz", TR_POS_VBZ},   {"md", TR_POS_MD},     {"jj", TR_POS_ADJ},
    {"jjr", TR_POS_ADJ},   {"jjs", TR_POS_ADJ},   {"jjt", TR_POS_ADJ},
    {"od", TR_POS_ADJ},    {"rb", TR_POS_ADV},    {"rbr", TR_POS_ADV},
    {"rbt", TR_POS_ADV},   {"rn", TR_POS_ADV},    {"ql", TR_POS_ADV},
    {"qlp", TR_POS_ADV},   {"abl", TR_POS_ADV},   {"rp", TR_POS_PRT},
    {"*", TR_POS_NEG},     {"at", TR_POS_DET},    {"ap", TR_POS_DET},
    {"abn", TR_POS_DET},   {"abx", TR_POS_DET},   {"dt", TR_POS_DET},
    {"dti", TR_POS_DET},   {"dts", TR_POS_DET},   {"dtx", TR_POS_DET},
    {"cd", TR_POS_NUM},    {"in", TR_POS_ADP},    {"cc", TR_POS_CONJ},
    {"cs", TR_POS_SCONJ},  {"to", TR_POS_TO},     {"wdt", TR_POS_WH},
    {"wp", TR_POS_WH},     {"wpo", TR_POS_WH},    {"wps", TR_POS_WH},
    {"wql", TR_POS_WH},    {"wrb", TR_POS_WH},    {"ex", TR_POS_EX},
    {"uh", POS_X},      {"nil", POS_X},     {"fw", POS_X},
    {".", TR_POS_PUNCT},   {",", TR_POS_PUNCT},   {":", TR_POS_PUNCT},
    {"(", TR_POS_PUNCT},   {")", TR_POS_PUNCT},   {"--", TR_POS_PUNCT},
    {"''", TR_POS_PUNCT},  {"``", TR_POS_PUNCT},  {"'", TR_POS_PUNCT},
};

static int brown_map(const char *base)
{
    for (size_t i = 0; i < TR_ARRAY_LEN(BROWN_MAP); i++) {
        if (strcmp(BROWN_MAP[i].brown, base) == 0)
            return BROWN_MAP[i].pos;
    }
    return -1;
}

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Contractions of a noun with is/has ("John's here") are split like
 * possessives, because our tokenizer cannot tell them apart. */
static int noun_contraction(const char *base, const char *second)
{
    static const char *const NOUNS[] = {"nn", "nns", "np", "nps", "nr", "pn"};
    if (strncmp(second, "bez", 3) != 0 && strncmp(second, "hvz", 3) != 0)
        return 0;
    for (size_t i = 0; i < TR_ARRAY_LEN(NOUNS); i++) {
        if (strcmp(base, NOUNS[i]) == 0)
            return 1;
    }
    return 0;
}

static void strip_tag_suffixes(char *b)
{
    static const char *const SUFFIXES[] = {"-tl", "-hl", "-nc"};
    for (int again = 1; again;) {
        again = 0;
        size_t n = strlen(b);
        for (size_t i = 0; i < TR_ARRAY_LEN(SUFFIXES); i++) {
            if (n > 3 && ends_with(b, n, SUFFIXES[i])) {
                b[n - 3] = 0;
                again = 1;
                break;
            }
        }
    }
}

/* Reduce a Brown tag to its base and map it; sets bt->base/pos/poss. */
static void brown_tag(struct brown_tok *bt, const char *tag, size_t n)
{
    char t[64];
    if (n >= sizeof t)
        n = sizeof t - 1;
    memcpy(t, tag, n);
    t[n] = 0;
    char *b = strncmp(t, "fw-", 3) == 0 ? t + 3 : t;
    char *plus = strchr(b, '+');
    const char *second = "";
    if (plus) {
        *plus = 0;
        second = plus + 1;
    }
    strip_tag_suffixes(b);
    size_t len = strlen(b);
    int dollar = 0;
    while (len > 0 && b[len - 1] == '$') {
        b[--len] = 0;
        dollar = 1;
    }
    while (len > 1 && b[len - 1] == '*')
        b[--len] = 0;
    snprintf(bt->base, sizeof bt->base, "%s", b);
    bt->pos = brown_map(bt->base);
    int apos = ends_with(bt->w, bt->n, "'s") || ends_with(bt->w, bt->n, "'");
    int own = dollar && strcmp(bt->base, "pp") != 0 &&
              strcmp(bt->base, "wp") != 0;
    bt->poss = apos && bt->n > 2 && (own || noun_contraction(b, second));
    if (bt->n == 5 && (bt->w[0] | 32) == 'n' && strncmp(bt->w + 1, "ever", 4) == 0)
        bt->pos = TR_POS_NEG;
}

static int base_in(const char *base, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(base, set[i]) == 0)
            return 1;
    }
    return 0;
}

static const char *const SUBJECTS[] = {"ppss", "pps", "nn", "nns", "np",
                                       "nps", "pn", "ppl", "ppls", "wps",
                                       "wdt", "ex", "nr", "nrs"};
static const char *const ADVERBS[] = {"rb", "rbr", "rbt", "ql", "*", "rn"};
static const char *const AUXES[] = {"do", "doz", "dod", "md"};
static const char *const NP_WORDS[] = {"at", "jj", "nn", "nns", "np", "dt",
                                       "ap", "cd", "pp", "dts", "abn"};

/* A subject at 'j' is inverted ("do they support") when an auxiliary
 * stands right before its noun phrase. */
static int inverted_subject(const struct brown_tok *bt, int j)
{
    int k = j - 1;
    for (int steps = 0; k >= 0 && steps < 4; k--, steps++) {
        if (!base_in(bt[k].base, NP_WORDS, TR_ARRAY_LEN(NP_WORDS)))
            break;
    }
    return k >= 0 && base_in(bt[k].base, AUXES, TR_ARRAY_LEN(AUXES));
}

/* Brown tags the present tense other than the 3rd singular VB, like the
 * base form. Our VBZ means present tense, so a VB (or have, do) after its
 * subject becomes VBZ; after a conjunction it follows the verb before. */
static void relabel_present(struct brown_tok *bt, int n)
{
    int last_verb = -1;
    for (int i = 0; i < n; i++) {
        int is_base = bt[i].pos == TR_POS_VB && strcmp(bt[i].base, "be");
        if (is_base) {
            int j = i - 1;
            while (j >= 0 && base_in(bt[j].base, ADVERBS,
                                     TR_ARRAY_LEN(ADVERBS)))
                j--;
            if (j >= 0 && base_in(bt[j].base, SUBJECTS,
                                  TR_ARRAY_LEN(SUBJECTS)))
                bt[i].pos = inverted_subject(bt, j) ? TR_POS_VB : TR_POS_VBZ;
            else if (j >= 0 && strcmp(bt[j].base, "cc") == 0 &&
                     last_verb >= 0 && i - last_verb < 10)
                bt[i].pos = bt[last_verb].pos;
        }
        if (tr_pos_is_verb(bt[i].pos) || bt[i].pos == TR_POS_MD)
            last_verb = i;
    }
}

/* ---- tokens as our tokenizer makes them ------------------------------ */

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
    return is_alpha(c) || is_digit(c);
}

static enum tr_tok_kind brown_kind(const char *w, size_t n)
{
    int letters = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        letters += is_alpha(w[i]);
        digits += is_digit(w[i]);
    }
    if (is_digit(w[0]))
        return TR_TOK_NUM;
    if (letters || digits)
        return TR_TOK_WORD;
    if (!strncmp(w, "``", n) || !strncmp(w, "''", n) || !strncmp(w, "'", n) ||
        !strncmp(w, "\"", n))
        return TR_TOK_QUOTE;
    if (n >= 2 && w[0] == '-' && w[1] == '-')
        return TR_TOK_DASH;
    if (strchr("([{", w[0]))
        return TR_TOK_OPEN;
    if (strchr(")]}", w[0]))
        return TR_TOK_CLOSE;
    if (strchr(".,;:!?", w[0]))
        return TR_TOK_PUNCT;
    return TR_TOK_SYMBOL;
}

static uint16_t brown_flags(const char *w, size_t n, enum tr_tok_kind kind)
{
    int upper = 0, lower = 0, period = 0;
    for (size_t i = 0; i < n; i++) {
        upper += w[i] >= 'A' && w[i] <= 'Z';
        lower += w[i] >= 'a' && w[i] <= 'z';
        period += w[i] == '.';
    }
    uint16_t f = TR_TF_SPACE;
    if (w[0] >= 'A' && w[0] <= 'Z')
        f |= TR_TF_CAP;
    if (upper >= 2 && lower == 0)
        f |= TR_TF_UPPER;
    if (kind == TR_TOK_WORD && period && upper + lower > 0)
        f |= TR_TF_ABBREV;
    return f;
}

static int brown_push(struct brown *br, const char *w, size_t n,
                      enum tr_tok_kind kind, int pos)
{
    struct tr_doc *d = &br->doc;
    uint32_t cap = d->cap_tok;
    int rc = tr_grow((void **)&d->tok, &d->cap_tok, d->n_tok + 1,
                     sizeof *d->tok);
    if (!rc && cap != d->cap_tok) {
        uint8_t *g = tr_realloc(br->gold, d->cap_tok);
        rc = g ? TRUCE_OK : TRUCE_ENOMEM;
        br->gold = g ? g : br->gold;
    }
    struct tr_token tok = {0};
    tok.off = tok.norm = (uint32_t)d->norm.len;
    tok.len = tok.norm_len = (uint16_t)n;
    tok.kind = (uint8_t)kind;
    tok.flags = brown_flags(w, n, kind);
    for (size_t i = 0; !rc && i < n; i++) {
        char c = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] + 32) : w[i];
        rc = tr_buf_addc(&d->norm, c);
    }
    if (rc)
        return rc;
    int forced = word_piece(&tok, d->norm.data + tok.norm,
                            &(struct pos_piece){0});
    br->gold[d->n_tok] = (uint8_t)(forced >= 0 ? forced : pos);
    d->tok[d->n_tok++] = tok;
    return TRUCE_OK;
}

/* Push one Brown token: hyphenated parts and a possessive split off. */
static int brown_push_tok(struct brown *br, const struct brown_tok *bt)
{
    size_t n = bt->n;
    size_t poss = 0;
    if (bt->poss)
        poss = ends_with(bt->w, n, "'s") ? 2 : 1;
    n -= poss;
    size_t start = 0;
    int rc = TRUCE_OK;
    for (size_t i = 1; !rc && i + 1 < n; i++) {
        if (bt->w[i] != '-' || !is_alnum(bt->w[i - 1]) ||
            !is_alnum(bt->w[i + 1]))
            continue;
        rc = brown_push(br, bt->w + start, i - start,
                        brown_kind(bt->w + start, i - start), bt->pos);
        if (!rc)
            rc = brown_push(br, "-", 1, TR_TOK_HYPHEN, TR_POS_PUNCT);
        start = i + 1;
    }
    if (!rc)
        rc = brown_push(br, bt->w + start, n - start,
                        brown_kind(bt->w + start, n - start), bt->pos);
    if (!rc && poss)
        rc = brown_push(br, bt->w + n, poss, TR_TOK_POSS, TR_POS_POSS);
    return rc;
}

#define BROWN_MAX_SENT 1024u

/* One line of a Brown file: "word/tag word/tag ...". */
static int brown_sentence(struct brown *br, char *line, int held_out)
{
    struct brown_tok bt[BROWN_MAX_SENT];
    int n = 0;
    for (char *p = line; *p && n < (int)BROWN_MAX_SENT;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        char *slash = NULL;
        for (char *q = start; q < p; q++)
            slash = *q == '/' ? q : slash;
        if (!slash || slash == start || slash + 1 == p)
            continue;
        bt[n].w = start;
        bt[n].n = (size_t)(slash - start);
        brown_tag(&bt[n], slash + 1, (size_t)(p - slash - 1));
        if (bt[n].pos < 0) {
            br->n_unknown_tags++;
            bt[n].pos = POS_X;
        }
        n++;
    }
    if (n == 0)
        return TRUCE_OK;
    relabel_present(bt, n);
    uint32_t first = br->doc.n_tok;
    for (int i = 0; i < n; i++) {
        int rc = brown_push_tok(br, &bt[i]);
        if (rc)
            return rc;
    }
    int rc = tr_grow((void **)&br->sent, &br->cap_sent, br->n_sent + 1,
                     sizeof *br->sent);
    if (rc)
        return rc;
    br->sent[br->n_sent++] = (struct brown_sent){first, br->doc.n_tok - first,
                                                 held_out};
    return TRUCE_OK;
}

static int brown_file(struct brown *br, FILE *fp, int held_out)
{
    static char line[1 << 16];
    while (fgets(line, sizeof line, fp)) {
        int rc = brown_sentence(br, line, held_out);
        if (rc)
            return rc;
    }
    return TRUCE_OK;
}

static void brown_release(struct brown *br)
{
    tr_free(br->doc.tok);
    tr_buf_release(&br->doc.norm);
    tr_free(br->gold);
    tr_free(br->sent);
    memset(br, 0, sizeof *br);
}

/* Read every Brown document ca01 ... cr99 under 'dir'. */
static int brown_read(struct brown *br, const char *dir)
{
    memset(br, 0, sizeof *br);
    tr_buf_init(&br->doc.norm, 1u << 30);
    for (char genre = 'a'; genre <= 'r'; genre++) {
        for (int num = 1; num <= 99; num++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/c%c%02d", dir, genre, num);
            FILE *fp = fopen(path, "r");
            if (!fp)
                continue;
            int rc = brown_file(br, fp, num % 10 == 0);
            fclose(fp);
            if (rc)
                return rc;
            br->n_docs++;
        }
    }
    return br->n_docs ? TRUCE_OK : TRUCE_ENOTFOUND;
}

/* Tag the held-out sentences with 't'; *correct and *total count tokens,
 * *w_correct and *w_total count tokens not tagged by their kind alone. */
struct brown_score {
    uint64_t correct, total, w_correct, w_total;
};

static void brown_evaluate(const struct tr_tagger *t, struct brown *br,
                           struct brown_score *sc)
{
    memset(sc, 0, sizeof *sc);
    for (uint32_t s = 0; s < br->n_sent; s++) {
        const struct brown_sent *bs = &br->sent[s];
        if (!bs->held_out)
            continue;
        tr_tagger_tag(t, &br->doc, bs->first, bs->n);
        for (uint32_t i = bs->first; i < bs->first + bs->n; i++) {
            int ok = br->doc.tok[i].pos == br->gold[i];
            sc->correct += (uint64_t)ok;
            sc->total++;
            if (br->gold[i] != TR_POS_PUNCT && br->gold[i] != TR_POS_POSS) {
                sc->w_correct += (uint64_t)ok;
                sc->w_total++;
            }
        }
    }
}

#ifndef TR_TRAIN_TAGGER_NO_MAIN

/* ---- the averaged perceptron ----------------------------------------- */

struct train_row {
    int32_t w[TR_POS_COUNT];  /* current weights */
    int64_t u[TR_POS_COUNT];  /* sum of step * update, for averaging */
    uint64_t key;             /* the feature's key (feat_hash) */
    uint32_t text;            /* offset of "template piece..." in names */
    uint32_t seen;            /* times it fired in the last iteration */
};

struct trainer {
    struct tr_tagger *t;   /* pieces and tag dictionary; no weights */
    uint64_t *keys;        /* open addressing, 0 = empty */
    uint32_t *slot_row;
    uint32_t mask, n_rows, cap_rows;
    struct train_row *rows;
    struct tr_buf names;   /* NUL-separated feature texts */
    int64_t step;          /* examples seen, from 1 */
    int count_seen;        /* count rows' firings (the last iteration) */
};

static void die(const char *what)
{
    fprintf(stderr, "tr_train_tagger: %s\n", what);
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p)
        die("out of memory");
    return p;
}

static void trainer_rehash(struct trainer *tr, uint32_t n_slots)
{
    uint64_t *keys = xcalloc(n_slots, sizeof *keys);
    uint32_t *slot_row = xcalloc(n_slots, sizeof *slot_row);
    for (uint32_t i = 0; tr->keys && i <= tr->mask; i++) {
        if (!tr->keys[i])
            continue;
        uint32_t j = (uint32_t)tr->keys[i] & (n_slots - 1);
        while (keys[j])
            j = (j + 1) & (n_slots - 1);
        keys[j] = tr->keys[i];
        slot_row[j] = tr->slot_row[i];
    }
    free(tr->keys);
    free(tr->slot_row);
    tr->keys = keys;
    tr->slot_row = slot_row;
    tr->mask = n_slots - 1;
}

static struct train_row *trainer_find(const struct trainer *tr, uint64_t key)
{
    for (uint32_t i = (uint32_t)key & tr->mask;; i = (i + 1) & tr->mask) {
        if (tr->keys[i] == key)
            return &tr->rows[tr->slot_row[i]];
        if (!tr->keys[i])
            return NULL;
    }
}

static void feat_text(struct tr_buf *b, const struct pos_feat *f)
{
    int rc = tr_buf_adds(b, POS_TMPL[f->tmpl].name);
    const struct pos_piece *p[2] = {f->a, f->b};
    for (int k = 0; k < 2 && !rc; k++) {
        if (p[k])
            rc = tr_buf_addc(b, ' ');
        if (p[k] && !rc)
            rc = tr_buf_add(b, p[k]->s, p[k]->n);
    }
    if (!rc)
        rc = tr_buf_addc(b, 0);
    if (rc)
        die("out of memory");
}

static struct train_row *trainer_add(struct trainer *tr, uint64_t key,
                                     const struct pos_feat *f)
{
    if (tr->n_rows * 2u >= tr->mask)
        trainer_rehash(tr, (tr->mask + 1) * 2);
    if (tr->n_rows == tr->cap_rows) {
        tr->cap_rows = tr->cap_rows ? tr->cap_rows * 2 : 65536;
        tr->rows = realloc(tr->rows, tr->cap_rows * sizeof *tr->rows);
        if (!tr->rows)
            die("out of memory");
    }
    uint32_t i = (uint32_t)key & tr->mask;
    while (tr->keys[i])
        i = (i + 1) & tr->mask;
    tr->keys[i] = key;
    tr->slot_row[i] = tr->n_rows;
    struct train_row *r = &tr->rows[tr->n_rows++];
    memset(r, 0, sizeof *r);
    r->key = key;
    r->text = (uint32_t)tr->names.len;
    feat_text(&tr->names, f);
    return r;
}

static void trainer_update(struct trainer *tr, const struct pos_feat *f,
                           uint32_t n, int gold, int guess)
{
    for (uint32_t j = 0; j < n; j++) {
        uint64_t key = feat_hash(&f[j]);
        struct train_row *r = trainer_find(tr, key);
        if (!r)
            r = trainer_add(tr, key, &f[j]);
        r->w[gold] += 1;
        r->u[gold] += tr->step;
        r->w[guess] -= 1;
        r->u[guess] -= tr->step;
    }
}

static int trainer_predict(const struct trainer *tr,
                           const struct pos_feat *f, uint32_t n)
{
    int32_t scores[TR_POS_COUNT] = {0};
    for (uint32_t j = 0; j < n; j++) {
        struct train_row *r = trainer_find(tr, feat_hash(&f[j]));
        if (!r)
            continue;
        r->seen += (uint32_t)tr->count_seen;
        for (int c = 0; c < TR_POS_COUNT; c++)
            scores[c] += r->w[c];
    }
    return best_tag(scores);
}

/* One pass over a training sentence; returns the tokens guessed right. */
static uint32_t train_sentence(struct trainer *tr, struct brown *br,
                               const struct brown_sent *bs)
{
    struct pos_walk wk;
    walk_begin(&wk, tr->t, &br->doc, bs->first, bs->n);
    int t1 = POS_TAG_START, t2 = POS_TAG_START2;
    uint32_t right = 0;
    for (uint32_t i = 0; i < bs->n; i++) {
        walk_advance(&wk, i);
        const struct pos_tok *cur = &wk.ring[i % POS_RING];
        int gold = br->gold[bs->first + i];
        int guess = cur->forced >= 0 ? cur->forced : cur->dict_tag;
        if (guess < 0) {
            struct pos_feat f[POS_MAX_FEATS];
            uint32_t nf = walk_features(&wk, i, t1, t2, f);
            guess = trainer_predict(tr, f, nf);
            if (guess != gold)
                trainer_update(tr, f, nf, gold, guess);
            tr->step++;
        }
        right += (uint32_t)(guess == gold);
        t2 = t1;
        t1 = guess;
    }
    return right;
}

/* ---- the tag dictionary ---------------------------------------------- */

struct dict_count {
    uint64_t key;
    uint32_t text; /* offset of the word in 'words' */
    uint8_t cas;
    uint32_t n[TR_POS_COUNT];
};

#define DICT_SLOTS (1u << 20)

static struct dict_count *dict_slot(struct dict_count *tab, uint64_t key)
{
    uint32_t i = (uint32_t)key & (DICT_SLOTS - 1);
    while (tab[i].key && tab[i].key != key)
        i = (i + 1) & (DICT_SLOTS - 1);
    return &tab[i];
}

/* Count tags of every word + case in training; words seen at least 20
 * times with one tag at least 97% of the time go into the dictionary. */
static void build_dict(struct trainer *tr, struct brown *br, FILE *out)
{
    struct dict_count *tab = xcalloc(DICT_SLOTS, sizeof *tab);
    struct tr_buf words;
    tr_buf_init(&words, 1u << 30);
    uint32_t used = 0;
    for (uint32_t s = 0; s < br->n_sent; s++) {
        const struct brown_sent *bs = &br->sent[s];
        if (bs->held_out)
            continue;
        struct pos_walk wk;
        walk_begin(&wk, tr->t, &br->doc, bs->first, bs->n);
        for (uint32_t i = 0; i < bs->n; i++) {
            walk_advance(&wk, i);
            const struct pos_tok *cur = &wk.ring[i % POS_RING];
            if (cur->forced >= 0)
                continue;
            enum pos_case c = tok_case(&br->doc.tok[bs->first + i], 0, 0);
            uint64_t key = feat_key(POS_T_COUNT, cur->word.h, c + 1u);
            struct dict_count *dc = dict_slot(tab, key);
            if (!dc->key) {
                if (++used > DICT_SLOTS / 2)
                    die("too many words");
                dc->key = key;
                dc->cas = (uint8_t)c;
                dc->text = (uint32_t)words.len;
                if (tr_buf_add(&words, cur->word.s, cur->word.n) ||
                    tr_buf_addc(&words, 0))
                    die("out of memory");
            }
            dc->n[br->gold[bs->first + i]]++;
        }
    }
    uint32_t n_dict = 0;
    for (uint32_t i = 0; i < DICT_SLOTS; i++) {
        struct dict_count *dc = &tab[i];
        if (!dc->key)
            continue;
        uint32_t total = 0;
        int best = 0;
        for (int c = 0; c < TR_POS_COUNT; c++) {
            total += dc->n[c];
            best = dc->n[c] > dc->n[best] ? c : best;
        }
        if (total < 20 || (double)dc->n[best] < 0.97 * total)
            continue;
        const char *w = words.data + dc->text;
        if (dict_add(tr->t, hash_piece(w, strlen(w)), dc->cas, best) == 0)
            n_dict++;
        fprintf(out, "d %s %c %s\n", w, "lCU"[dc->cas], POS_NAMES[best]);
    }
    fprintf(stderr, "tag dictionary: %u words\n", n_dict);
    tr_buf_release(&words);
    free(tab);
}

struct options {
    const char *brown_dir, *out_path;
    int iterations;
    double min_weight;
    uint32_t min_seen;
};

/* ---- writing the model ----------------------------------------------- */

/* A feature's averaged weights rounded to 0.01, those below 'min_weight'
 * set to 0; returns whether any is left. */
static int row_cents(const struct trainer *tr, const struct train_row *r,
                     double min_weight, long *cents)
{
    int any = 0;
    for (int c = 0; c < TR_POS_COUNT; c++) {
        double avg = r->w[c] - (double)r->u[c] / (double)tr->step;
        cents[c] = fabs(avg) < min_weight ? 0 : lround(avg * 100.0);
        any |= cents[c] != 0;
    }
    return any;
}

static void write_feature(FILE *out, const struct trainer *tr,
                          const struct train_row *r, const long *cents)
{
    fprintf(out, "f %s", tr->names.data + r->text);
    for (int c = 0; c < TR_POS_COUNT; c++) {
        if (!cents[c])
            continue;
        long a = labs(cents[c]);
        fprintf(out, " %s=%s%ld.%02ld", POS_NAMES[c], cents[c] < 0 ? "-" : "",
                a / 100, a % 100);
    }
    fputc('\n', out);
}

static uint32_t sort_mask; /* qsort has no context argument */

static int by_slot(const void *a, const void *b)
{
    const struct train_row *ra = *(const struct train_row *const *)a;
    const struct train_row *rb = *(const struct train_row *const *)b;
    uint32_t sa = (uint32_t)ra->key & sort_mask;
    uint32_t sb = (uint32_t)rb->key & sort_mask;
    return sa < sb ? -1 : sa > sb;
}

/* Write the features that survive pruning, in the order of their slots in
 * the table the loader will build (same size rule, pow2_above), so that
 * loading fills the table front to back instead of at random. */
static uint32_t write_features(FILE *out, const struct trainer *tr,
                               const struct options *o)
{
    const struct train_row **keep = xcalloc(tr->n_rows + 1u, sizeof *keep);
    uint32_t n = 0;
    long cents[TR_POS_COUNT];
    for (uint32_t i = 0; i < tr->n_rows; i++) {
        const struct train_row *r = &tr->rows[i];
        if (r->seen >= o->min_seen && row_cents(tr, r, o->min_weight, cents))
            keep[n++] = r;
    }
    sort_mask = pow2_above(n) - 1;
    qsort(keep, n, sizeof *keep, by_slot);
    for (uint32_t i = 0; i < n; i++) {
        (void)row_cents(tr, keep[i], o->min_weight, cents);
        write_feature(out, tr, keep[i], cents);
    }
    free(keep);
    return n;
}

static void shuffle(uint32_t *order, uint32_t n, uint64_t *seed)
{
    for (uint32_t i = n; i > 1; i--) {
        *seed = *seed * 6364136223846793005u + 1442695040888963407u;
        uint32_t j = (uint32_t)((*seed >> 33) % i);
        uint32_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
}

static void train(struct trainer *tr, struct brown *br, int iterations)
{
    uint32_t *order = xcalloc(br->n_sent, sizeof *order);
    uint32_t n = 0;
    for (uint32_t s = 0; s < br->n_sent; s++) {
        if (!br->sent[s].held_out)
            order[n++] = s;
    }
    uint64_t seed = 20240601;
    for (int it = 0; it < iterations; it++) {
        uint64_t right = 0, total = 0;
        tr->count_seen = it == iterations - 1;
        for (uint32_t k = 0; k < n; k++) {
            right += train_sentence(tr, br, &br->sent[order[k]]);
            total += br->sent[order[k]].n;
        }
        fprintf(stderr, "iteration %d: training accuracy %.2f%%, %u features\n",
                it + 1, 100.0 * (double)right / (double)total, tr->n_rows);
        shuffle(order, n, &seed);
    }
    free(order);
}

static double seconds_since(struct timespec t0)
{
    struct timespec t1;
    timespec_get(&t1, TIME_UTC);
    return (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static void print_diag(void *ud, const struct truce_diag *d)
{
    (void)ud;
    fprintf(stderr, "%s\n", d->msg);
}

static void report(struct brown *br, const char *model_path, double secs)
{
    struct timespec t0;
    timespec_get(&t0, TIME_UTC);
    struct tr_tagger *t;
    int rc = tr_tagger_load(&t, model_path, print_diag, NULL);
    if (rc != TRUCE_OK)
        die("cannot read back the model");
    double load_ms = seconds_since(t0) * 1000.0;
    struct brown_score sc;
    double tag_s = 1e9;
    for (int pass = 0; pass < 5; pass++) {
        timespec_get(&t0, TIME_UTC);
        brown_evaluate(t, br, &sc);
        double s = seconds_since(t0);
        tag_s = s < tag_s ? s : tag_s;
    }
    printf("training: %.1f s; model: %u features, %u words; load %.1f ms\n",
           secs, t->n_rows, t->n_dict, load_ms);
    printf("held-out accuracy: %.2f%% of %llu tokens, %.2f%% of %llu words; "
           "%.2f M tokens/s\n",
           100.0 * (double)sc.correct / (double)sc.total,
           (unsigned long long)sc.total,
           100.0 * (double)sc.w_correct / (double)sc.w_total,
           (unsigned long long)sc.w_total, (double)sc.total / tag_s / 1e6);
    tr_tagger_free(t);
}

static void parse_options(struct options *o, int argc, char **argv)
{
    *o = (struct options){NULL, NULL, 6, 1.0, 2};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iter") == 0 && i + 1 < argc)
            o->iterations = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--min-weight") == 0 && i + 1 < argc)
            o->min_weight = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--min-seen") == 0 && i + 1 < argc)
            o->min_seen = (uint32_t)strtoul(argv[++i], NULL, 10);
        else if (!o->brown_dir)
            o->brown_dir = argv[i];
        else if (!o->out_path)
            o->out_path = argv[i];
        else
            die("usage: tr_train_tagger BROWN_DIR OUT_MODEL [--iter N] "
                "[--min-weight W] [--min-seen N]");
    }
    if (!o->out_path || o->iterations < 1)
        die("usage: tr_train_tagger BROWN_DIR OUT_MODEL [--iter N] "
            "[--min-weight W] [--min-seen N]");
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(&o, argc, argv);
    struct timespec t0;
    timespec_get(&t0, TIME_UTC);
    struct brown br;
    if (brown_read(&br, o.brown_dir) != TRUCE_OK)
        die("cannot read the Brown corpus");
    fprintf(stderr, "%u documents, %u sentences, %u tokens, %u unknown tags\n",
            br.n_docs, br.n_sent, br.doc.n_tok, br.n_unknown_tags);
    struct trainer tr = {0};
    tr_buf_init(&tr.names, 1u << 30);
    if (tagger_new(&tr.t, 0, 1u << 18) != TRUCE_OK)
        die("out of memory");
    trainer_rehash(&tr, 1u << 20);
    FILE *out = fopen(o.out_path, "w");
    if (!out)
        die("cannot write the model");
    fprintf(out, "%s\n# part-of-speech model: tools/train_tagger.c on the "
            "Brown corpus, %d iterations, weights >= %.2f; "
            "format in docs/internals/pos.md\n", TR_POS_MAGIC, o.iterations,
            o.min_weight);
    build_dict(&tr, &br, out);
    tr.step = 1;
    train(&tr, &br, o.iterations);
    uint32_t written = write_features(out, &tr, &o);
    if (fclose(out) != 0)
        die("cannot write the model");
    fprintf(stderr, "wrote %u of %u features\n", written, tr.n_rows);
    report(&br, o.out_path, seconds_since(t0));
    brown_release(&br);
    return 0;
}

#endif
