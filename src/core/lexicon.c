/*
 * lexicon.c -- the lemma lexicon (see lexicon.h, docs/internals/lexicon.md).
 * The file is read in one go and parsed in place; every form and lemma is
 * interned into the shared vocabulary, and the result is one small entry per
 * word id, so a lookup is a bounds check and an array read. Ids interned
 * after the load (by other dictionaries) lie past the array: unknown.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "lexicon.h"

/* The shipped file is about 3 MB; anything past this is not a lexicon. */
#define LEXICON_MAX_BYTES (64u * 1024u * 1024u)
#define LEXICON_MAGIC 0x4c455831u /* "LEX1", checked in test builds */

enum { POS_VERB, POS_NOUN, POS_ADJ, N_POS };

/* The lemma of one word id per part of speech; 0 means the word is not
 * known as that part of speech, the word's own id means it is a base form.
 * So "known as v/n/a" needs no separate bits. */
struct lex_entry {
    uint32_t lemma[N_POS];
};

struct tr_lexicon {
    uint32_t magic;            /* LEXICON_MAGIC while alive */
    uint32_t n_entries;        /* entries cover word ids 0..n_entries-1 */
    struct lex_entry *entries; /* indexed by word id; owned */
};

/* The file is sorted by form, so a line's lemma ("attack" for "attacked")
 * and its form (the same form with another part of speech) were usually on
 * one of the last few lines. Remembering their ids saves most vocabulary
 * lookups, which are the bulk of the load time. */
#define RECENT_WORDS 4

struct recent_word {
    const char *s;             /* into the file buffer */
    size_t len;
    uint32_t id;
};

/* The state of one load: where we are and what to report. */
struct lex_load {
    struct tr_lexicon *lx;
    uint32_t cap;              /* allocated entries */
    struct tr_vocab *v;
    const char *path;
    truce_diag_fn *diag;
    void *ud;
    uint64_t lineno;
    int n_bad;                 /* malformed lines reported */
    struct recent_word recent[RECENT_WORDS]; /* ring of words just seen */
    uint32_t recent_next;      /* the ring slot to fill next */
};

/* One parsed line, fields pointing into the file buffer. */
struct lex_line {
    const char *field[3];
    size_t len[3];
    int n_fields;
};

static int pos_index(char pos)
{
    switch (pos) {
    case 'v':
        return POS_VERB;
    case 'n':
        return POS_NOUN;
    case 'a':
        return POS_ADJ;
    default:
        return -1;
    }
}

uint32_t tr_lexicon_lemma(const struct tr_lexicon *lx, uint32_t word,
                          char pos)
{
    int p = pos_index(pos);
    if (!lx || p < 0 || word >= lx->n_entries)
        return word;
    TR_ASSERT(lx->magic == LEXICON_MAGIC);
    uint32_t lemma = lx->entries[word].lemma[p];
    return lemma ? lemma : word;
}

int tr_lexicon_has(const struct tr_lexicon *lx, uint32_t word, char pos)
{
    int p = pos_index(pos);
    if (!lx || p < 0 || word >= lx->n_entries)
        return 0;
    TR_ASSERT(lx->magic == LEXICON_MAGIC);
    return lx->entries[word].lemma[p] != 0;
}

void tr_lexicon_free(struct tr_lexicon *lx)
{
    if (!lx)
        return;
    TR_ASSERT(lx->magic == LEXICON_MAGIC);
    lx->magic = 0;
    tr_free(lx->entries);
    tr_free(lx);
}

/* ---- reading the file ---- */

static void report(struct lex_load *ld, uint64_t column, const char *reason)
{
    ld->n_bad++;
    if (!ld->diag)
        return;
    char msg[512];
    /* file and line travel in the diagnostic itself */
    snprintf(msg, sizeof msg, "%s", reason);
    struct truce_diag d = {TRUCE_ERROR, ld->path, ld->lineno, column, msg};
    ld->diag(ld->ud, &d);
}

/* The file is in the diagnostic; the message says what is wrong. */
static void report_io(const char *path, truce_diag_fn *diag, void *ud,
                      const char *reason)
{
    tr_diag_report(diag, ud, TRUCE_ERROR, path, 0, reason);
}

static int read_file(const char *path, char **buf, size_t *len,
                     truce_diag_fn *diag, void *ud)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int rc = errno == ENOENT ? TRUCE_ENOTFOUND : TRUCE_EIO;
        report_io(path, diag, ud, strerror(errno));
        return rc;
    }
    int rc = tr_read_stream(f, LEXICON_MAX_BYTES, buf, len);
    fclose(f);
    if (rc == TRUCE_ELIMIT)
        report_io(path, diag, ud, "lexicon larger than 64 MB");
    else if (rc == TRUCE_EIO)
        report_io(path, diag, ud, "read error");
    return rc;
}

/* ---- parsing one line ---- */

/* Where a comment starts: '#' at the start of the line or after a blank
 * (dict/README.md); 'e' when there is none. */
static const char *comment_start(const char *s, const char *e)
{
    for (const char *p = s; (p = memchr(p, '#', (size_t)(e - p))); p++)
        if (p == s || p[-1] == ' ' || p[-1] == '\t')
            return p;
    return e;
}

/* Length of the UTF-8 sequence at 's' (at most 'n' bytes), 0 if invalid:
 * no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (need == 0 || c > 0xf4 || c == 0xc0 || c == 0xc1 || need > n)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) ||
        (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
        return 0;
    return need;
}

/* NULL if the word 's' is fine, else why not. */
static const char *word_problem(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        /* The common case in two range checks: printable ASCII other than
         * space and A-Z, that is '!'..'@' and '['..'~'. */
        if (TR_LIKELY(c - 0x21u < 0x20u || c - 0x5bu < 0x24u)) {
            i++;
            continue;
        }
        if (c <= ' ' || c == 0x7f)
            return "space or control character in";
        if (c >= 'A' && c <= 'Z')
            return "upper-case letter (words are folded) in";
        size_t k = utf8_len(u + i, n - i);
        if (!k)
            return "invalid UTF-8 in";
        i += k;
    }
    return NULL;
}

static const char *const FIELD_NAME[3] = {"form", "part of speech", "lemma"};

/* Split [s, e) at tabs into 'ln'; report and return -1 if malformed. */
static int split_line(struct lex_load *ld, const char *s, const char *e,
                      struct lex_line *ln)
{
    const char *line = s;
    int n = 0;
    for (;;) {
        const char *tab = memchr(s, '\t', (size_t)(e - s));
        const char *end = tab ? tab : e;
        if (n < 3) {
            ln->field[n] = s;
            ln->len[n] = (size_t)(end - s);
        }
        n++;
        if (!tab)
            break;
        s = tab + 1;
    }
    ln->n_fields = n;
    if (n < 2 || n > 3) {
        char why[96];
        snprintf(why, sizeof why,
                 "expected FORM<TAB>POS[<TAB>LEMMA], found %d field%s", n,
                 n == 1 ? "" : "s");
        report(ld, 1, why);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *problem = ln->len[i] ? word_problem(ln->field[i],
                                                        ln->len[i])
                                         : "empty";
        if (problem) {
            char why[96];
            snprintf(why, sizeof why, "%s %s", problem, FIELD_NAME[i]);
            report(ld, (uint64_t)(ln->field[i] - line) + 1, why);
            return -1;
        }
    }
    if (ln->len[1] != 1 || pos_index(ln->field[1][0]) < 0) {
        report(ld, (uint64_t)(ln->field[1] - line) + 1,
               "part of speech must be v, n or a");
        return -1;
    }
    return 0;
}

/* ---- storing ---- */

/* Make the entry array cover every word id the vocabulary has now; new
 * entries are zero (unknown). */
static int cover_vocab(struct lex_load *ld)
{
    uint32_t need = ld->v->n_words + 1, old = ld->cap;
    if (need <= old)
        return TRUCE_OK;
    int rc = tr_grow((void **)&ld->lx->entries, &ld->cap, need,
                     sizeof *ld->lx->entries);
    if (rc)
        return rc;
    memset(ld->lx->entries + old, 0,
           (size_t)(ld->cap - old) * sizeof *ld->lx->entries);
    return TRUCE_OK;
}

/* Allocate the entries once, zeroed, with room for one new word per line:
 * a line adds at most two (form and lemma) but in the shipped file fewer
 * than one on average, and cover_vocab() grows the array if a file needs
 * more. This saves the copies of growing 2 MB step by step. */
static int reserve_entries(struct lex_load *ld, const char *buf, size_t len)
{
    uint64_t lines = 1;
    for (const char *p = buf; (p = memchr(p, '\n', len - (size_t)(p - buf)));
         p++)
        lines++;
    uint64_t need = (uint64_t)ld->v->n_words + lines + 1;
    if (need > UINT32_MAX / 2)
        return TRUCE_ELIMIT;
    ld->lx->entries = tr_calloc((size_t)need, sizeof *ld->lx->entries);
    if (!ld->lx->entries)
        return TRUCE_ENOMEM;
    ld->cap = (uint32_t)need;
    return TRUCE_OK;
}

/* The id of word 's', from the ring of recent words when it is there. */
static int intern_word(struct lex_load *ld, const char *s, size_t len,
                       uint32_t *id)
{
    for (uint32_t i = 0; i < RECENT_WORDS; i++) {
        const struct recent_word *r = &ld->recent[i];
        if (r->len == len && memcmp(r->s, s, len) == 0) {
            *id = r->id;
            return TRUCE_OK;
        }
    }
    int rc = tr_vocab_intern(ld->v, s, len, id);
    if (rc)
        return rc;
    struct recent_word *slot = &ld->recent[ld->recent_next];
    ld->recent_next = (ld->recent_next + 1) % RECENT_WORDS;
    slot->s = s;
    slot->len = len;
    slot->id = *id;
    return TRUCE_OK;
}

/* Record the line's reading unless an earlier line gave this form and part
 * of speech one already: the first (most frequent) lemma wins. */
static int add_line(struct lex_load *ld, const struct lex_line *ln)
{
    uint32_t form, lemma;
    int rc = intern_word(ld, ln->field[0], ln->len[0], &form);
    if (rc)
        return rc;
    lemma = form;
    if (ln->n_fields == 3) {
        rc = intern_word(ld, ln->field[2], ln->len[2], &lemma);
        if (rc)
            return rc;
    }
    rc = cover_vocab(ld);
    if (rc)
        return rc;
    uint32_t *slot = &ld->lx->entries[form].lemma[pos_index(ln->field[1][0])];
    if (!*slot)
        *slot = lemma;
    return TRUCE_OK;
}

/* Parse the line [s, e) (no newline). Malformed lines are reported and
 * skipped; only running out of memory or ids stops the load. */
static int parse_line(struct lex_load *ld, const char *s, const char *e)
{
    if (e > s && e[-1] == '\r')
        e--;
    const char *c = comment_start(s, e);
    if (c < e)
        while (c > s && (c[-1] == ' ' || c[-1] == '\t'))
            c--;
    e = c;
    while (e > s && e[-1] == ' ')
        e--;
    if (e == s)
        return TRUCE_OK;
    struct lex_line ln;
    if (split_line(ld, s, e, &ln))
        return TRUCE_OK;
    return add_line(ld, &ln);
}

static int parse(struct lex_load *ld, const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3; /* a byte-order mark from a Windows editor */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        ld->lineno++;
        int rc = parse_line(ld, p, e);
        if (rc)
            return rc;
        p = nl ? nl + 1 : end;
    }
    return TRUCE_OK;
}

/* A lemma is a base form of its part of speech even when the file has no
 * line saying so; done after parsing so that line order cannot matter. */
static void mark_lemmas(struct tr_lexicon *lx)
{
    for (uint32_t id = 1; id < lx->n_entries; id++)
        for (int p = 0; p < N_POS; p++) {
            uint32_t lemma = lx->entries[id].lemma[p];
            if (lemma != id && ALWAYS(lemma < lx->n_entries) &&
                !lx->entries[lemma].lemma[p])
                lx->entries[lemma].lemma[p] = lemma;
        }
}

int tr_lexicon_load(struct tr_lexicon **out, const char *path,
                    struct tr_vocab *v, truce_diag_fn *diag, void *ud)
{
    *out = NULL;
    char *buf;
    size_t len;
    int rc = read_file(path, &buf, &len, diag, ud);
    if (rc)
        return rc;
    struct tr_lexicon *lx = tr_calloc(1, sizeof *lx);
    if (!lx) {
        tr_free(buf);
        return TRUCE_ENOMEM;
    }
    lx->magic = LEXICON_MAGIC;
    struct lex_load ld = {.lx = lx, .v = v, .path = path, .diag = diag,
                          .ud = ud};
    rc = reserve_entries(&ld, buf, len);
    if (!rc)
        rc = parse(&ld, buf, len);
    tr_free(buf);
    if (rc) {
        tr_lexicon_free(lx);
        return rc;
    }
    lx->n_entries = ld.cap;
    mark_lemmas(lx);
    *out = lx;
    return ld.n_bad ? TRUCE_EDICT : TRUCE_OK;
}
