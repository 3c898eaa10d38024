/*
 * mklexicon.c -- compile dict/lexicon.tsv from WordNet 3.0: the base forms of
 * single-word verbs, nouns and adjectives, their regular inflections (made
 * by rule and kept only when WordNet's morphstr() maps them back to that
 * base), and every entry of WordNet's exception lists. The readings of one
 * form are written most frequent first, because the loader keeps the first.
 *
 * Usage: tr_mklexicon [WORDNET_DIR] > dict/lexicon.tsv
 * (scripts/make_lexicon.sh; the format is in docs/internals/lexicon.md)
 */
#define _POSIX_C_SOURCE 200809L /* setenv() */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wn.h>

#include "vocab.h"

enum { P_VERB, P_NOUN, P_ADJ, N_POS };

static const char POS_LETTER[N_POS] = {'v', 'n', 'a'};
static const char *const POS_FILE[N_POS] = {"verb", "noun", "adj"};
static const int POS_WN[N_POS] = {VERB, NOUN, ADJ};

#define MAX_WORD 128

/* What we know about one interned word, per part of speech. */
struct word_info {
    uint32_t count[N_POS]; /* tagged-sense frequency from cntlist.rev */
    uint32_t senses[N_POS];/* number of synsets, a frequency tie-break */
    uint8_t base;          /* bit p: a single-word base form of POS p */
    uint8_t exc_slots[N_POS]; /* SLOT_* bits filled by exception entries */
};

/* Inflection slots, named by the suffix that fills them. An exception entry
 * ending in the same suffix as a rule's form fills that slot ("stopped" for
 * "stop"), so the rule's form ("stoped") is not made. */
enum {
    SLOT_S = 1,   /* -s, -es, -ies */
    SLOT_ED = 2,  /* -ed, -d, -ied */
    SLOT_ING = 4, /* -ing */
    SLOT_ER = 8,  /* -er, -r, -ier */
    SLOT_EST = 16,/* -est, -st, -iest */
    SLOT_ANY = 32 /* any exception entry at all */
};

/* One (form, POS, lemma) pair; lemma == form for a base form. */
struct reading {
    uint32_t form, lemma;
    uint8_t pos;
    uint8_t from_exc;
};

struct lexgen {
    const char *dir;
    struct tr_vocab words;
    struct word_info *info; /* indexed by word id */
    uint32_t cap_info;
    struct reading *readings;
    uint32_t n_readings, cap_readings;
};


static void die(const char *what)
{
    fprintf(stderr, "tr_mklexicon: %s\n", what);
    exit(1);
}

static uint32_t intern(struct lexgen *g, const char *s)
{
    uint32_t id;
    if (tr_vocab_intern(&g->words, s, strlen(s), &id))
        die("out of memory");
    uint32_t cap = g->cap_info;
    if (tr_grow((void **)&g->info, &cap, id + 1, sizeof *g->info))
        die("out of memory");
    if (cap > g->cap_info)
        memset(g->info + g->cap_info, 0,
               (cap - g->cap_info) * sizeof *g->info);
    g->cap_info = cap;
    return id;
}

static struct word_info *info_of(struct lexgen *g, const char *s)
{
    uint32_t id = tr_vocab_find(&g->words, s, strlen(s));
    return id ? &g->info[id] : NULL;
}

static int is_base(struct lexgen *g, const char *s, int pos)
{
    struct word_info *wi = info_of(g, s);
    return wi && (wi->base >> pos & 1);
}

static void add_reading(struct lexgen *g, uint32_t form, int pos,
                        uint32_t lemma, int from_exc)
{
    if (tr_grow((void **)&g->readings, &g->cap_readings, g->n_readings + 1,
                sizeof *g->readings))
        die("out of memory");
    struct reading *r = &g->readings[g->n_readings++];
    r->form = form;
    r->lemma = lemma;
    r->pos = (uint8_t)pos;
    r->from_exc = (uint8_t)from_exc;
}

static FILE *open_wn(struct lexgen *g, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g->dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "tr_mklexicon: cannot open %s\n", path);
        exit(1);
    }
    return f;
}

/* A form we can write: one word, printable ASCII, no field separators. */
static int usable_word(const char *s)
{
    if (!*s || strlen(s) >= MAX_WORD - 8)
        return 0;
    for (; *s; s++)
        if (*s == '_' || *s == ' ' || *s < '!' || *s > '~' ||
            (*s >= 'A' && *s <= 'Z'))
            return 0;
    return 1;
}

/* Function words that WordNet also lists as nouns or adjectives because of
 * a letter, symbol or abbreviation ("as" arsenic, "us" United States, "it"
 * information technology). Those readings would only mislead the tagger's
 * rules, so they are left out. */
static const struct {
    const char *word;
    int pos;
} FUNCTION_WORDS[] = {
    {"a", P_NOUN},  {"an", P_NOUN},    {"as", P_NOUN},    {"at", P_NOUN},
    {"he", P_NOUN}, {"i", P_NOUN},     {"i", P_ADJ},      {"in", P_NOUN},
    {"it", P_NOUN}, {"me", P_NOUN},    {"or", P_NOUN},    {"us", P_NOUN},
    {"who", P_NOUN},{"then", P_NOUN},  {"there", P_NOUN}, {"here", P_NOUN},
    {"so", P_NOUN}, {"be", P_NOUN},
};

static int is_function_word(const char *s, int pos)
{
    for (size_t i = 0; i < TR_ARRAY_LEN(FUNCTION_WORDS); i++)
        if (FUNCTION_WORDS[i].pos == pos && strcmp(s, FUNCTION_WORDS[i].word) == 0)
            return 1;
    return 0;
}

/* index.POS: "lemma pos synset_cnt p_cnt ptr... sense_cnt tagsense_cnt ..." */
static void read_pos_index(struct lexgen *g, int pos)
{
    char name[32], line[16384];
    snprintf(name, sizeof name, "index.%s", POS_FILE[pos]);
    FILE *f = open_wn(g, name);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ')
            continue; /* the licence header */
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp = 0;
        if (!usable_word(line) || is_function_word(line, pos))
            continue;
        uint32_t id = intern(g, line);
        g->info[id].base |= (uint8_t)(1u << pos);
        g->info[id].senses[pos] = (uint32_t)strtoul(sp + 3, NULL, 10);
        add_reading(g, id, pos, id, 0);
    }
    fclose(f);
}

static int pos_of_sstype(int ss_type)
{
    switch (ss_type) {
    case 1:
        return P_NOUN;
    case 2:
        return P_VERB;
    case 3:
    case 5:
        return P_ADJ;
    default:
        return -1;
    }
}

/* cntlist.rev: "lemma%ss_type:lex_filenum:lex_id:head:head_id sense count" */
static void read_counts(struct lexgen *g)
{
    FILE *f = open_wn(g, "cntlist.rev");
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *pct = strchr(line, '%');
        char *sp = strrchr(line, ' ');
        if (!pct || !sp)
            continue;
        *pct = 0;
        int pos = pos_of_sstype(pct[1] - '0');
        struct word_info *wi = info_of(g, line);
        if (pos >= 0 && wi)
            wi->count[pos] += (uint32_t)strtoul(sp + 1, NULL, 10);
    }
    fclose(f);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static uint8_t slot_of(const char *form)
{
    if (ends_with(form, "ing"))
        return SLOT_ING;
    if (ends_with(form, "ed"))
        return SLOT_ED;
    if (ends_with(form, "est"))
        return SLOT_EST;
    if (ends_with(form, "er"))
        return SLOT_ER;
    if (ends_with(form, "s"))
        return SLOT_S;
    return 0;
}

/* Split 'line' at spaces into at most 'max' NUL-terminated words. */
static int split_words(char *line, char **words, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        while (*p == ' ' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\r')
            p++;
        if (*p)
            *p++ = 0;
    }
    return n;
}

/* POS.exc: "form lemma [lemma ...]". Every pair whose lemma is a single-word
 * base form is kept, whatever the rules would say. */
static void read_exc(struct lexgen *g, int pos)
{
    char name[32], line[1024];
    snprintf(name, sizeof name, "%s.exc", POS_FILE[pos]);
    FILE *f = open_wn(g, name);
    while (fgets(line, sizeof line, f)) {
        char *w[16];
        int n = split_words(line, w, 16);
        if (n < 2 || !usable_word(w[0]))
            continue;
        uint32_t form_id = intern(g, w[0]);
        for (int i = 1; i < n; i++) {
            if (!usable_word(w[i]) || !is_base(g, w[i], pos))
                continue;
            uint32_t lemma_id = intern(g, w[i]);
            g->info[lemma_id].exc_slots[pos] |= slot_of(w[0]) | SLOT_ANY;
            add_reading(g, form_id, pos, lemma_id, 1);
        }
    }
    fclose(f);
}

/* ---- regular inflections, made by rule ---- */

struct cand {
    char text[MAX_WORD];
    uint8_t slot;
};

struct cands {
    struct cand c[8];
    int n;
};

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Add stem 'b' minus its last 'cut' bytes plus 'suffix'. */
static void add_cand(struct cands *cs, const char *b, size_t cut,
                     const char *suffix, uint8_t slot)
{
    size_t n = strlen(b) - cut;
    if (cs->n == (int)TR_ARRAY_LEN(cs->c) || n + strlen(suffix) >= MAX_WORD)
        return;
    struct cand *c = &cs->c[cs->n++];
    memcpy(c->text, b, n);
    snprintf(c->text + n, MAX_WORD - n, "%s", suffix);
    c->slot = slot;
}

/* Ends consonant-vowel-consonant (not w, x, y): "stop", "plan", "big".
 * Such words may double their last letter; WordNet lists the ones that do. */
static int is_cvc(const char *b)
{
    size_t n = strlen(b);
    if (n < 3 || strchr("wxy", b[n - 1]) || is_vowel(b[n - 1]))
        return 0;
    return is_vowel(b[n - 2]) && !is_vowel(b[n - 3]);
}

static int ends_cons_y(const char *b)
{
    size_t n = strlen(b);
    return n >= 2 && b[n - 1] == 'y' && !is_vowel(b[n - 2]);
}

static int ends_sibilant(const char *b)
{
    return ends_with(b, "s") || ends_with(b, "x") || ends_with(b, "z") ||
           ends_with(b, "ch") || ends_with(b, "sh");
}

static int ends_cons_o(const char *b)
{
    size_t n = strlen(b);
    return n >= 2 && b[n - 1] == 'o' && !is_vowel(b[n - 2]);
}

/* -s of verbs and nouns. */
static void make_s(struct cands *cs, const char *b, int noun)
{
    if (ends_sibilant(b))
        add_cand(cs, b, 0, "es", SLOT_S);
    else if (ends_cons_y(b))
        add_cand(cs, b, 1, "ies", SLOT_S);
    else if (ends_cons_o(b)) {
        add_cand(cs, b, 0, "es", SLOT_S);
        if (noun)
            add_cand(cs, b, 0, "s", SLOT_S); /* "photos" and "heroes" */
    }
    else
        add_cand(cs, b, 0, "s", SLOT_S);
    if (noun && ends_with(b, "man"))
        add_cand(cs, b, 3, "men", SLOT_S);
}

static void make_verb(struct cands *cs, const char *b)
{
    size_t n = strlen(b);
    char last[2] = {b[n - 1], 0};
    make_s(cs, b, 0);
    if (b[n - 1] == 'e')
        add_cand(cs, b, 0, "d", SLOT_ED);
    else if (ends_cons_y(b))
        add_cand(cs, b, 1, "ied", SLOT_ED);
    else
        add_cand(cs, b, 0, "ed", SLOT_ED);
    if (ends_with(b, "ie"))
        add_cand(cs, b, 2, "ying", SLOT_ING);
    else if (b[n - 1] == 'e' && !ends_with(b, "ee") && !ends_with(b, "ye") &&
             !ends_with(b, "oe") && n > 2)
        add_cand(cs, b, 1, "ing", SLOT_ING);
    else
        add_cand(cs, b, 0, "ing", SLOT_ING);
    if (is_cvc(b)) {
        add_cand(cs, b, 0, last, SLOT_ED);
        snprintf(cs->c[cs->n - 1].text + n + 1, MAX_WORD - n - 1, "ed");
        add_cand(cs, b, 0, last, SLOT_ING);
        snprintf(cs->c[cs->n - 1].text + n + 1, MAX_WORD - n - 1, "ing");
    }
}

static int syllables(const char *b)
{
    int n = 0, prev = 0;
    for (const char *p = b; *p; p++) {
        int v = is_vowel(*p) || (*p == 'y' && p != b);
        n += v && !prev;
        prev = v;
    }
    if (ends_with(b, "e") && !ends_with(b, "le") && !ends_with(b, "ee") &&
        !ends_with(b, "ie") && !ends_with(b, "ye") && n > 1)
        n--; /* silent e: "late", "wide" */
    return n;
}

/* English compares short adjectives with -er/-est and long ones with
 * more/most: one syllable, or two ending in -y, -le, -ow ("happier",
 * "simpler", "narrower"). */
static int takes_er(const char *b)
{
    int n = syllables(b);
    if (n == 1)
        return 1;
    return n == 2 && (ends_with(b, "y") || ends_with(b, "le") ||
                      ends_with(b, "ow"));
}

static void make_adj(struct cands *cs, const char *b)
{
    size_t n = strlen(b);
    char last[2] = {b[n - 1], 0};
    if (!takes_er(b))
        return;
    if (b[n - 1] == 'e') {
        add_cand(cs, b, 0, "r", SLOT_ER);
        add_cand(cs, b, 0, "st", SLOT_EST);
    }
    else if (ends_cons_y(b)) {
        add_cand(cs, b, 1, "ier", SLOT_ER);
        add_cand(cs, b, 1, "iest", SLOT_EST);
    }
    else if (!is_cvc(b)) {
        add_cand(cs, b, 0, "er", SLOT_ER);
        add_cand(cs, b, 0, "est", SLOT_EST);
    }
    else {
        /* Short adjectives double ("bigger"); WordNet lists those. */
        add_cand(cs, b, 0, last, SLOT_ER);
        snprintf(cs->c[cs->n - 1].text + n + 1, MAX_WORD - n - 1, "er");
        add_cand(cs, b, 0, last, SLOT_EST);
        snprintf(cs->c[cs->n - 1].text + n + 1, MAX_WORD - n - 1, "est");
    }
}

/* Closed-class words that the rules would otherwise read as plurals or
 * comparatives of letters and abbreviations ("is" from "i", "its" from
 * "it", "was" from "wa"); the tagger must not see them as nouns. */
static const char *const STOP_FORMS[] = {
    "as", "is", "us", "its", "his", "hers", "ours", "yours", "theirs",
    "this", "thus", "was", "has", "does", "yes", "plus", "whereas",
    "other", "after", "under", "over", "ever", "never", "rather",
    "either", "neither", "whether", "per", "her",
};

static int is_stop_form(const char *s)
{
    for (size_t i = 0; i < TR_ARRAY_LEN(STOP_FORMS); i++)
        if (strcmp(s, STOP_FORMS[i]) == 0)
            return 1;
    return 0;
}

/* Whether WordNet's morphology maps 'form' back to 'base' in 'pos'. */
static int wn_maps_to(const char *form, int pos, const char *base)
{
    char buf[MAX_WORD];
    snprintf(buf, sizeof buf, "%s", form);
    for (char *s = morphstr(buf, POS_WN[pos]); s;
         s = morphstr(NULL, POS_WN[pos]))
        if (strcmp(s, base) == 0)
            return 1;
    return 0;
}

static uint32_t other_pos_count(struct lexgen *g, const char *s, int pos)
{
    struct word_info *wi = info_of(g, s);
    uint32_t best = 0;
    for (int p = 0; wi && p < N_POS; p++)
        if (p != pos && (wi->base >> p & 1) && wi->count[p] > best)
            best = wi->count[p];
    return best;
}

/* Rules that keep the rules' forms from colliding with real words. */
static int keep_cand(struct lexgen *g, const struct cand *c, int pos,
                     uint32_t base_id)
{
    const char *b = tr_vocab_str(&g->words, base_id);
    const struct word_info *bi = &g->info[base_id];
    uint8_t exc = bi->exc_slots[pos];
    if (exc & c->slot || (pos == P_NOUN && exc))
        return 0;
    if (exc && is_base(g, c->text, pos))
        return 0; /* "seed" is not the past of "see" */
    if (pos != P_VERB && (strlen(b) <= 2 || is_stop_form(c->text)))
        return 0;
    if (pos == P_ADJ && other_pos_count(g, c->text, pos) > bi->count[pos])
        return 0; /* "number" is not a comparative of "numb" */
    return wn_maps_to(c->text, pos, b);
}

static void inflect(struct lexgen *g, uint32_t base_id, int pos)
{
    char b[MAX_WORD];
    struct cands cs = {.n = 0};
    snprintf(b, sizeof b, "%s", tr_vocab_str(&g->words, base_id));
    if (pos == P_VERB)
        make_verb(&cs, b);
    else if (pos == P_NOUN)
        make_s(&cs, b, 1);
    else
        make_adj(&cs, b);
    for (int i = 0; i < cs.n; i++)
        if (keep_cand(g, &cs.c[i], pos, base_id))
            add_reading(g, intern(g, cs.c[i].text), pos, base_id, 0);
}

/* ---- ordering and output ---- */

/* qsort() takes no context; the tool is single-threaded, so a static will
 * do here (libtruce itself has no mutable globals). */
static const struct lexgen *sort_gen;

/* Nouns prefer the plural reading ("troops" -> "troop", "talks" -> "talk")
 * unless the form's own noun sense is more than twice as frequent
 * ("means"); verbs and adjectives go by frequency alone. */
static uint64_t rank_score(const struct reading *r)
{
    uint64_t c = sort_gen->info[r->lemma].count[r->pos];
    if (r->pos == P_NOUN && r->lemma != r->form)
        return c * 4 + 1;
    return c * 2;
}

static int cmp_form_pos(const struct reading *x, const struct reading *y)
{
    int d = strcmp(tr_vocab_str(&sort_gen->words, x->form),
                   tr_vocab_str(&sort_gen->words, y->form));
    if (d)
        return d;
    return (int)x->pos - (int)y->pos;
}

static int cmp_identity(const void *a, const void *b)
{
    const struct reading *x = a, *y = b;
    int d = cmp_form_pos(x, y);
    if (d)
        return d;
    return x->lemma < y->lemma ? -1 : x->lemma > y->lemma;
}

static int cmp_rank(const void *a, const void *b)
{
    const struct reading *x = a, *y = b;
    int d = cmp_form_pos(x, y);
    if (d)
        return d;
    uint64_t sx = rank_score(x), sy = rank_score(y);
    if (sx != sy)
        return sx > sy ? -1 : 1;
    if ((x->lemma == x->form) != (y->lemma == y->form))
        return x->lemma == x->form ? -1 : 1; /* verbs, adjectives: stay */
    uint32_t nx = sort_gen->info[x->lemma].senses[x->pos];
    uint32_t ny = sort_gen->info[y->lemma].senses[y->pos];
    if (nx != ny)
        return nx > ny ? -1 : 1;
    return strcmp(tr_vocab_str(&sort_gen->words, x->lemma),
                  tr_vocab_str(&sort_gen->words, y->lemma));
}

static void sort_readings(struct lexgen *g)
{
    sort_gen = g;
    qsort(g->readings, g->n_readings, sizeof *g->readings, cmp_identity);
    uint32_t n = 0;
    for (uint32_t i = 0; i < g->n_readings; i++)
        if (n == 0 || cmp_identity(&g->readings[n - 1], &g->readings[i]))
            g->readings[n++] = g->readings[i];
    g->n_readings = n;
    qsort(g->readings, g->n_readings, sizeof *g->readings, cmp_rank);
}

static void write_lexicon(const struct lexgen *g, FILE *out)
{
    fprintf(out, "# lexicon.tsv -- FORM<TAB>POS[<TAB>LEMMA], generated from "
                 "WordNet %s by tools/mklexicon.c\n"
                 "# (scripts/make_lexicon.sh). Do not edit: regenerate. No "
                 "LEMMA: FORM is a base form.\n"
                 "# Several lemmas of one FORM and POS: the most frequent "
                 "comes first. See docs/internals/lexicon.md.\n",
            wnrelease);
    for (uint32_t i = 0; i < g->n_readings; i++) {
        const struct reading *r = &g->readings[i];
        const char *form = tr_vocab_str(&g->words, r->form);
        if (r->lemma == r->form)
            fprintf(out, "%s\t%c\n", form, POS_LETTER[r->pos]);
        else
            fprintf(out, "%s\t%c\t%s\n", form, POS_LETTER[r->pos],
                    tr_vocab_str(&g->words, r->lemma));
    }
}

int main(int argc, char **argv)
{
    struct lexgen g = {.dir = "/usr/share/wordnet"};
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: tr_mklexicon [WORDNET_DIR] > lexicon.tsv\n");
        return 2;
    }
    if (argc == 2 && setenv("WNSEARCHDIR", argv[1], 1))
        die("cannot set WNSEARCHDIR");
    if (getenv("WNSEARCHDIR"))
        g.dir = getenv("WNSEARCHDIR"); /* wninit() reads it too */
    if (wninit())
        die("cannot open the WordNet database (set WNSEARCHDIR)");
    tr_vocab_init(&g.words);
    for (int p = 0; p < N_POS; p++)
        read_pos_index(&g, p);
    read_counts(&g);
    for (int p = 0; p < N_POS; p++)
        read_exc(&g, p);
    uint32_t n_bases = g.n_readings;
    for (uint32_t i = 0; i < n_bases; i++)
        if (g.readings[i].lemma == g.readings[i].form)
            inflect(&g, g.readings[i].form, g.readings[i].pos);
    sort_readings(&g);
    write_lexicon(&g, stdout);
    if (fflush(stdout) || ferror(stdout))
        die("write error");
    tr_free(g.readings);
    tr_free(g.info);
    tr_vocab_release(&g.words);
    return 0;
}
