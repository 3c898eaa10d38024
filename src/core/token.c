/*
 * token.c -- the tokenizer: splits an article's valid UTF-8 text into
 * tokens with byte offsets and folded forms. One left-to-right pass with a
 * few bytes of look-around; every token is at least one byte long, tokens
 * never overlap and come in text order, so the token count is bounded by
 * the text length. Quotation and bracket state never leaks past a
 * paragraph, except a quotation continued the newswire way.
 */
#include <string.h>
#include <utf8proc.h>

#include "text_int.h"

/* Character classes, the tokenizer's alphabet. */
enum cclass {
    C_OTHER = 0, /* a symbol: one token per run of the same character */
    C_SPACE,     /* horizontal white space */
    C_NL,        /* LF, NEL, U+2028 */
    C_CR,        /* CR, counted once in CRLF */
    C_PARA,      /* FF, U+2029: a paragraph break by itself */
    C_IGNORE,    /* zero width space, BOM: not white space, not a token */
    C_UPPER,     /* letters with case */
    C_LOWER,
    C_LETTER,    /* caseless letters (Arabic, CJK, ...) */
    C_DIGIT,     /* ASCII digits */
    C_ODIGIT,    /* other digits: words of kind NUM */
    C_MARK,      /* combining marks: part of a word */
    C_FORMAT,    /* format characters: part of a word only inside one */
    C_DOT,
    C_PUNCT,     /* , ; : ! ? and other punctuation */
    C_ELLIPSIS,
    C_DQUOTE,    /* " */
    C_LDQUO,     /* opening double quotes: curly, low, guillemet */
    C_RDQUO,     /* closing double quotes */
    C_SQUOTE,    /* ' */
    C_LSQUO,     /* opening curly single quote */
    C_RSQUO,     /* closing curly single quote, also the curly apostrophe */
    C_HYPHEN,    /* - and the Unicode hyphens: hyphen or dash by context */
    C_DASH,      /* en, em and other dashes: always a dash */
    C_OPEN,
    C_CLOSE
};

static const uint8_t ASCII_CLASS[128] = {
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_NL, C_SPACE, C_PARA, C_CR, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_PUNCT, C_DQUOTE, C_OTHER, C_OTHER, C_OTHER, C_OTHER, C_SQUOTE,
    C_OPEN, C_CLOSE, C_OTHER, C_OTHER, C_PUNCT, C_HYPHEN, C_DOT, C_OTHER,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_PUNCT, C_PUNCT, C_OTHER, C_OTHER, C_OTHER, C_PUNCT,
    C_OTHER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_OPEN, C_OTHER, C_CLOSE, C_OTHER, C_OTHER,
    C_OTHER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_OPEN, C_OTHER, C_CLOSE, C_OTHER, C_SPACE,
};

/* Abbreviations that keep their period, written as in text; an all-caps
 * spelling (GEN.) matches too. Dotted letter sequences (U.N., a.m.) and
 * initials (J.) are recognised by shape, not listed. */
struct abbrev {
    const char *word;         /* without the period */
    enum tr_abbrev_class cls;
    int need_digit;           /* only before a number: "No. 5" */
};

static const struct abbrev ABBREVS[] = {
    {"Gen", TR_AB_TITLE, 0},    {"Lt", TR_AB_TITLE, 0},
    {"Col", TR_AB_TITLE, 0},    {"Maj", TR_AB_TITLE, 0},
    {"Brig", TR_AB_TITLE, 0},   {"Sgt", TR_AB_TITLE, 0},
    {"Capt", TR_AB_TITLE, 0},   {"Adm", TR_AB_TITLE, 0},
    {"Cmdr", TR_AB_TITLE, 0},   {"Dr", TR_AB_TITLE, 0},
    {"Mr", TR_AB_TITLE, 0},     {"Mrs", TR_AB_TITLE, 0},
    {"Ms", TR_AB_TITLE, 0},     {"Prof", TR_AB_TITLE, 0},
    {"Sen", TR_AB_TITLE, 0},    {"Rep", TR_AB_TITLE, 0},
    {"Gov", TR_AB_TITLE, 0},    {"Pres", TR_AB_TITLE, 0},
    {"St", TR_AB_TITLE, 0},     {"Mt", TR_AB_TITLE, 0},
    {"Ft", TR_AB_TITLE, 0},     {"No", TR_AB_TITLE, 1},
    {"vs", TR_AB_TITLE, 0},     {"Sr", TR_AB_OTHER, 0},
    {"Jr", TR_AB_OTHER, 0},     {"etc", TR_AB_OTHER, 0},
    {"Inc", TR_AB_OTHER, 0},    {"Co", TR_AB_OTHER, 0},
    {"Corp", TR_AB_OTHER, 0},   {"Ltd", TR_AB_OTHER, 0},
    {"Jan", TR_AB_MONTH, 0},    {"Feb", TR_AB_MONTH, 0},
    {"Mar", TR_AB_MONTH, 0},    {"Apr", TR_AB_MONTH, 0},
    {"Jun", TR_AB_MONTH, 0},    {"Jul", TR_AB_MONTH, 0},
    {"Aug", TR_AB_MONTH, 0},    {"Sept", TR_AB_MONTH, 0},
    {"Sep", TR_AB_MONTH, 0},    {"Oct", TR_AB_MONTH, 0},
    {"Nov", TR_AB_MONTH, 0},    {"Dec", TR_AB_MONTH, 0},
};

/* Dotted abbreviations that introduce what follows, like a title. */
static const char *const DOTTED_TITLES[] = {"e.g.", "i.e."};

#define MAX_BRACKETS 32u

struct scan {
    struct tr_doc *d;
    const unsigned char *s;
    size_t n;
    unsigned pending;   /* TR_TF_SPACE/NEWLINE/PARA for the next token */
    unsigned newlines;  /* line breaks in the current run of white space */
    int new_para;       /* a PARA is pending and not yet acted on */
    int dq_open;        /* a double quotation is open */
    int sq_open;        /* a single quotation is open */
    int para_cont;      /* a quotation was open when the paragraph ended */
    uint32_t brk[MAX_BRACKETS]; /* token index of each open bracket */
    unsigned n_brk;     /* open brackets in brk[] */
    unsigned brk_over;  /* open brackets beyond MAX_BRACKETS */
};

/* The class of a non-ASCII code point. */
static enum cclass classify_cp(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x201A: case 0x201B: return C_LSQUO;
    case 0x2019: return C_RSQUO;
    case 0x201C: case 0x201E: case 0x201F: case 0xAB: return C_LDQUO;
    case 0x201D: case 0xBB: return C_RDQUO;
    case 0x2010: case 0x2011: return C_HYPHEN;
    case 0x2026: return C_ELLIPSIS;
    case 0x85: case 0x2028: return C_NL;
    case 0x2029: return C_PARA;
    case 0x200B: case 0xFEFF: return C_IGNORE;
    case 0xFFFD: return C_OTHER;
    default: break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
    case UTF8PROC_CATEGORY_LL: return C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return C_LETTER;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return C_LETTER;
    case UTF8PROC_CATEGORY_ND: return C_ODIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return C_MARK;
    case UTF8PROC_CATEGORY_CF: return C_FORMAT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: return C_NL;
    case UTF8PROC_CATEGORY_ZP: return C_PARA;
    case UTF8PROC_CATEGORY_PD: return C_DASH;
    case UTF8PROC_CATEGORY_PS: return C_OPEN;
    case UTF8PROC_CATEGORY_PE: return C_CLOSE;
    case UTF8PROC_CATEGORY_PI: return C_LDQUO;
    case UTF8PROC_CATEGORY_PF: return C_RDQUO;
    case UTF8PROC_CATEGORY_PO: return C_PUNCT;
    default: return C_OTHER;
    }
}

/* The class of the character at 'i' and its length; past the end it is
 * white space of length 0, so look-ahead needs no bounds checks. */
static enum cclass cls_at(const struct scan *sc, size_t i, size_t *len)
{
    if (i >= sc->n) {
        *len = 0;
        return C_SPACE;
    }
    if (sc->s[i] < 0x80) {
        *len = 1;
        return (enum cclass)ASCII_CLASS[sc->s[i]];
    }
    int32_t cp;
    *len = tr_utf8_decode(sc->s + i, sc->n - i, &cp);
    return classify_cp(cp);
}

static enum cclass cls_of(const struct scan *sc, size_t i)
{
    size_t len;
    return cls_at(sc, i, &len);
}

/* The class of the character that ends just before 'i'; white space at
 * the start of the text. */
static enum cclass cls_before(const struct scan *sc, size_t i)
{
    if (i == 0)
        return C_SPACE;
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && (sc->s[k] & 0xC0) == 0x80)
        k--;
    return cls_of(sc, k);
}

static int is_letter(enum cclass c)
{
    return c == C_UPPER || c == C_LOWER || c == C_LETTER;
}

static int is_wordc(enum cclass c)
{
    return is_letter(c) || c == C_DIGIT || c == C_ODIGIT || c == C_MARK;
}

static int is_blank(enum cclass c)
{
    return c >= C_SPACE && c <= C_IGNORE;
}

static int is_apos(enum cclass c)
{
    return c == C_SQUOTE || c == C_RSQUO;
}

static int is_ascii_alpha(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u;
}

static int is_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10u;
}

/* Where an opening quote may stand: after white space, an opening
 * bracket, another opening quote or a dash, or at the start. */
static int open_context(const struct scan *sc, size_t i)
{
    switch (cls_before(sc, i)) {
    case C_SPACE: case C_NL: case C_CR: case C_PARA: case C_IGNORE:
    case C_OPEN: case C_LDQUO: case C_LSQUO: case C_DASH:
        return 1;
    default:
        return 0;
    }
}

/* Unmatched opening brackets must not make the rest of the paragraph a
 * bracketed insertion: recompute TR_TF_BRACKET from the outermost
 * unmatched one on, counting only brackets that were closed. */
static void end_brackets(struct scan *sc)
{
    struct tr_doc *d = sc->d;
    if (sc->n_brk && !sc->brk_over) {
        unsigned u = 0, depth = 0;
        for (uint32_t t = sc->brk[0]; t < d->n_tok; t++) {
            struct tr_token *tok = &d->tok[t];
            int unmatched = u < sc->n_brk && sc->brk[u] == t;
            if (tok->kind == TR_TOK_CLOSE && depth)
                depth--;
            tok->flags = (uint16_t)(tok->flags & ~TR_TF_BRACKET);
            if (depth)
                tok->flags |= TR_TF_BRACKET;
            if (unmatched)
                u++;
            else if (tok->kind == TR_TOK_OPEN)
                depth++;
        }
    }
    sc->n_brk = 0;
    sc->brk_over = 0;
}

/* Act on a paragraph break before the paragraph's first token. */
static void begin_para(struct scan *sc)
{
    if (!sc->new_para)
        return;
    sc->new_para = 0;
    end_brackets(sc);
    sc->para_cont = sc->dq_open || sc->sq_open;
    sc->dq_open = 0;
    sc->sq_open = 0;
}

/* Append the token [off, off+len). Its folded form is 'norm' when given
 * (dashes), else the fold of its text. */
static int emit_norm(struct scan *sc, size_t off, size_t len, unsigned kind,
                     unsigned flags, const char *norm)
{
    struct tr_doc *d = sc->d;
    begin_para(sc);
    int rc = tr_grow((void **)&d->tok, &d->cap_tok, d->n_tok + 1,
                     sizeof *d->tok);
    if (rc)
        return rc;
    size_t at = d->norm.len;
    if (norm)
        rc = tr_buf_add(&d->norm, norm, strlen(norm));
    else
        rc = tr_fold_bounded(&d->norm, d->text + off, len);
    if (rc)
        return rc;
    if (sc->dq_open || sc->sq_open)
        flags |= TR_TF_INQUOTE;
    if (sc->n_brk || sc->brk_over)
        flags |= TR_TF_BRACKET;
    struct tr_token *t = &d->tok[d->n_tok++];
    memset(t, 0, sizeof *t);
    t->off = (uint32_t)off;
    t->len = (uint32_t)len;
    t->norm = (uint32_t)at;
    t->norm_len = (uint16_t)(d->norm.len - at);
    t->kind = (uint8_t)kind;
    t->flags = (uint16_t)(flags | sc->pending);
    sc->pending = 0;
    sc->newlines = 0;
    sc->para_cont = 0;
    return TRUCE_OK;
}

static int emit(struct scan *sc, size_t off, size_t len, unsigned kind,
                unsigned flags)
{
    return emit_norm(sc, off, len, kind, flags, NULL);
}

/* The last token if it ends right at 'i' (no space between). */
static const struct tr_token *adjacent(const struct scan *sc, size_t i)
{
    const struct tr_doc *d = sc->d;
    if (d->n_tok == 0)
        return NULL;
    const struct tr_token *t = &d->tok[d->n_tok - 1];
    return t->off + (size_t)t->len == i ? t : NULL;
}

static int adjacent_word(const struct scan *sc, size_t i)
{
    const struct tr_token *t = adjacent(sc, i);
    return t && (t->kind == TR_TOK_WORD || t->kind == TR_TOK_NUM);
}

static void white_space(struct scan *sc, enum cclass c)
{
    sc->pending |= TR_TF_SPACE;
    if (c == C_SPACE)
        return;
    sc->pending |= TR_TF_NEWLINE;
    if (c == C_PARA || ++sc->newlines >= 2) {
        sc->pending |= TR_TF_PARA;
        sc->new_para = 1;
    }
}

/* ---- words, abbreviations, numbers ---- */

static int abbrev_match(const char *word, const unsigned char *s, size_t n)
{
    if (strlen(word) != n)
        return 0;
    if (memcmp(word, s, n) == 0)
        return 1;
    for (size_t k = 0; k < n; k++) {
        unsigned char up = (unsigned char)word[k];
        if (up >= 'a' && up <= 'z')
            up = (unsigned char)(up - 32);
        if (s[k] != up)
            return 0;
    }
    return 1;
}

/* Is the next non-blank character after 'i' a digit? */
static int digit_follows(const struct scan *sc, size_t i)
{
    while (i < sc->n && (sc->s[i] == ' ' || sc->s[i] == '\t'))
        i++;
    return i < sc->n && is_digit(sc->s[i]);
}

/* Does the word [i, j), followed by a period at j, keep the period? */
static int keeps_period(const struct scan *sc, size_t i, size_t j)
{
    if (j - i == 1)
        return sc->s[i] >= 'A' && sc->s[i] <= 'Z'; /* an initial */
    for (size_t k = 0; k < TR_ARRAY_LEN(ABBREVS); k++) {
        if (abbrev_match(ABBREVS[k].word, sc->s + i, j - i))
            return !ABBREVS[k].need_digit || digit_follows(sc, j + 1);
    }
    return 0;
}

/* End of the dotted abbreviation U.N. / a.m. / U.S.A. whose first letter
 * is at 'i', or 0 when there is none. */
static size_t dotted_end(const struct scan *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t k = i + 1;
    while (k + 1 < sc->n && s[k] == '.' && is_ascii_alpha(s[k + 1])
           && !is_wordc(cls_of(sc, k + 2)))
        k += 2;
    if (k == i + 1)
        return 0;
    return k < sc->n && s[k] == '.' ? k + 1 : k;
}

/* An apostrophe inside a word (don't, O'Brien) rather than the start of
 * a possessive 's or a closing quote. */
static int inner_apostrophe(const struct scan *sc, size_t j, size_t len)
{
    size_t l2;
    enum cclass next = cls_at(sc, j + len, &l2);
    if (!is_letter(next))
        return 0;
    unsigned char c = sc->s[j + len];
    if (c == 's' || c == 'S')
        return is_wordc(cls_of(sc, j + len + 1));
    return 1;
}

struct word_shape {
    unsigned upper, lower; /* letters of each case */
    int first_upper;       /* the first letter is upper case */
    int seen_letter;
};

static void shape_add(struct word_shape *w, enum cclass c)
{
    if (c == C_UPPER)
        w->upper++;
    else if (c == C_LOWER)
        w->lower++;
    if (is_letter(c) && !w->seen_letter) {
        w->seen_letter = 1;
        w->first_upper = c == C_UPPER;
    }
}

static unsigned shape_flags(const struct word_shape *w)
{
    unsigned f = w->first_upper ? TR_TF_CAP : 0;
    if (w->lower == 0 && w->upper >= 2)
        f |= TR_TF_UPPER;
    return f;
}

/* Letters, digits and marks from 'i' on, with inner apostrophes. */
static size_t word_end(const struct scan *sc, size_t i, struct word_shape *w)
{
    size_t j = i;
    for (;;) {
        size_t len;
        enum cclass c = cls_at(sc, j, &len);
        if (is_wordc(c) || (c == C_FORMAT && j > i)) {
            shape_add(w, c);
            j += len;
        }
        else if (is_apos(c) && j > i && inner_apostrophe(sc, j, len))
            j += len;
        else
            return j;
    }
}

static int scan_word(struct scan *sc, size_t *i, enum cclass first)
{
    struct word_shape w = {0, 0, 0, 0};
    size_t start = *i, j = word_end(sc, start, &w);
    unsigned flags = 0;
    if (j - start == 1 && is_ascii_alpha(sc->s[start])) {
        size_t k = dotted_end(sc, start);
        if (k) {
            for (size_t m = start + 2; m < k; m += 2)
                shape_add(&w, (enum cclass)ASCII_CLASS[sc->s[m]]);
            j = k;
            flags = TR_TF_ABBREV;
        }
    }
    if (!flags && j < sc->n && sc->s[j] == '.' && keeps_period(sc, start, j)) {
        j++;
        flags = TR_TF_ABBREV;
    }
    *i = j;
    unsigned kind = first == C_ODIGIT ? TR_TOK_NUM : TR_TOK_WORD;
    return emit(sc, start, j - start, kind, flags | shape_flags(&w));
}

/* 12, 3.5, 1,200, 20th, 1990s: digits with inner , or . before a digit,
 * then any letters. */
static int scan_number(struct scan *sc, size_t *i)
{
    const unsigned char *s = sc->s;
    size_t j = *i, start = *i;
    for (;;) {
        while (j < sc->n && is_digit(s[j]))
            j++;
        if (j + 1 < sc->n && (s[j] == ',' || s[j] == '.') && is_digit(s[j + 1]))
            j++;
        else
            break;
    }
    struct word_shape w = {0, 0, 0, 0};
    j = word_end(sc, j, &w);
    *i = j;
    return emit(sc, start, j - start, TR_TOK_NUM, 0);
}

/* ---- quotes and apostrophes ---- */

/* '90s: an apostrophe, two digits, an optional s, then no word char.
 * Returns the length after the apostrophe, or 0. */
static size_t decade_len(const struct scan *sc, size_t k)
{
    const unsigned char *s = sc->s;
    if (k + 2 > sc->n || !is_digit(s[k]) || !is_digit(s[k + 1]))
        return 0;
    size_t m = 2;
    if (k + 2 < sc->n && s[k + 2] == 's')
        m = 3;
    return is_wordc(cls_of(sc, k + m)) ? 0 : m;
}

/* rock 'n' roll: apostrophe, n, apostrophe, no word char. Returns the
 * length of the whole elision, or 0. */
static size_t n_elision_len(const struct scan *sc, size_t i, size_t len)
{
    size_t k = i + len, l2;
    if (k >= sc->n || (sc->s[k] | 0x20) != 'n')
        return 0;
    enum cclass c = cls_at(sc, k + 1, &l2);
    if (!(is_apos(c) || c == C_LSQUO) || is_wordc(cls_of(sc, k + 1 + l2)))
        return 0;
    return len + 1 + l2;
}

static int quote_open(struct scan *sc, size_t i, size_t len, int dbl)
{
    int rc = emit(sc, i, len, TR_TOK_QUOTE, TR_TF_QOPEN);
    if (dbl)
        sc->dq_open = 1;
    else
        sc->sq_open = 1;
    return rc;
}

static int quote_close(struct scan *sc, size_t i, size_t len, int dbl)
{
    if (dbl)
        sc->dq_open = 0;
    sc->sq_open = 0; /* a single quotation ends with its outer double */
    return emit(sc, i, len, TR_TOK_QUOTE, TR_TF_QCLOSE);
}

/* A single quote or apostrophe: decade, elision, possessive, or a quote. */
static int scan_squote(struct scan *sc, size_t *i, size_t len, enum cclass c)
{
    size_t at = *i, m;
    int after_word = adjacent_word(sc, at);
    if (!after_word && (m = decade_len(sc, at + len)) != 0) {
        *i = at + len + m;
        return emit(sc, at, len + m, TR_TOK_NUM, 0);
    }
    if (!after_word && (m = n_elision_len(sc, at, len)) != 0) {
        *i = at + m;
        return emit(sc, at, m, TR_TOK_WORD, 0);
    }
    *i = at + len;
    if (c != C_LSQUO && after_word) {
        unsigned char next = at + len < sc->n ? sc->s[at + len] : 0;
        int next_word = is_wordc(cls_of(sc, at + len));
        if ((next | 0x20) == 's' && !is_wordc(cls_of(sc, at + len + 1))) {
            *i = at + len + 1;
            return emit(sc, at, len + 1, TR_TOK_POSS, 0);
        }
        unsigned char last = (unsigned char)sc->s[at - 1];
        if (!sc->sq_open && !next_word && (last | 0x20) == 's')
            return emit(sc, at, len, TR_TOK_POSS, 0);
        return quote_close(sc, at, len, 0);
    }
    begin_para(sc);
    if (c == C_LSQUO || (open_context(sc, at) && !sc->sq_open))
        return quote_open(sc, at, len, 0);
    return quote_close(sc, at, len, 0);
}

static int scan_dquote(struct scan *sc, size_t *i, size_t len, enum cclass c)
{
    size_t at = *i;
    *i = at + len;
    begin_para(sc);
    int open;
    if (c == C_LDQUO)
        open = 1;
    else if (c == C_RDQUO)
        open = 0;
    else
        open = open_context(sc, at)
               && !(sc->dq_open && is_blank(cls_of(sc, at + len)));
    if (!open)
        return quote_close(sc, at, len, 1);
    if (sc->para_cont) {
        /* Newswire: a quotation running over paragraphs reopens each. */
        sc->dq_open = 1;
        return emit(sc, at, len, TR_TOK_QUOTE, TR_TF_QOPEN);
    }
    return quote_open(sc, at, len, 1);
}

/* ---- dashes, punctuation, brackets, symbols ---- */

static int scan_hyphen(struct scan *sc, size_t *i, size_t len)
{
    size_t at = *i, m = len;
    if (sc->s[at] == '-') {
        while (at + m < sc->n && sc->s[at + m] == '-')
            m++;
    }
    *i = at + m;
    unsigned kind = TR_TOK_DASH;
    if (m == len && adjacent_word(sc, at) && is_wordc(cls_of(sc, at + len)))
        kind = TR_TOK_HYPHEN;
    return emit_norm(sc, at, m, kind, 0, "-");
}

/* A run of the same character (!!!, %%%, ...) is one token: it keeps the
 * token count of junk input down. */
static size_t same_run(const struct scan *sc, size_t i, size_t len)
{
    size_t m = len;
    while (i + m + len <= sc->n && memcmp(sc->s + i, sc->s + i + m, len) == 0)
        m += len;
    return m;
}

static int scan_open(struct scan *sc, size_t *i, size_t len)
{
    size_t at = *i;
    *i = at + len;
    int rc = emit(sc, at, len, TR_TOK_OPEN, 0);
    if (rc)
        return rc;
    if (sc->n_brk < MAX_BRACKETS)
        sc->brk[sc->n_brk++] = sc->d->n_tok - 1;
    else
        sc->brk_over++;
    return TRUCE_OK;
}

static int scan_close(struct scan *sc, size_t *i, size_t len)
{
    size_t at = *i;
    *i = at + len;
    begin_para(sc);
    if (sc->brk_over)
        sc->brk_over--;
    else if (sc->n_brk)
        sc->n_brk--;
    return emit(sc, at, len, TR_TOK_CLOSE, 0);
}

static int scan_run(struct scan *sc, size_t *i, size_t len, unsigned kind)
{
    size_t at = *i, m = same_run(sc, at, len);
    *i = at + m;
    return emit(sc, at, m, kind, 0);
}

/* One token (or white space) at '*i'; advances '*i'.
 * checksrc: long-switch */
static int scan_one(struct scan *sc, size_t *i)
{
    size_t len;
    enum cclass c = cls_at(sc, *i, &len);
    switch (c) {
    case C_SPACE: case C_NL: case C_PARA:
        white_space(sc, c);
        *i += len;
        return TRUCE_OK;
    case C_CR:
        if (*i + 1 >= sc->n || sc->s[*i + 1] != '\n')
            white_space(sc, C_NL);
        *i += len;
        return TRUCE_OK;
    case C_IGNORE: case C_FORMAT:
        *i += len;
        return TRUCE_OK;
    case C_DIGIT:
        return scan_number(sc, i);
    case C_UPPER: case C_LOWER: case C_LETTER: case C_ODIGIT: case C_MARK:
        return scan_word(sc, i, c);
    case C_DQUOTE: case C_LDQUO: case C_RDQUO:
        return scan_dquote(sc, i, len, c);
    case C_SQUOTE: case C_LSQUO: case C_RSQUO:
        return scan_squote(sc, i, len, c);
    case C_HYPHEN:
        return scan_hyphen(sc, i, len);
    case C_DASH:
        *i += len;
        return emit_norm(sc, *i - len, len, TR_TOK_DASH, 0, "-");
    case C_OPEN:
        return scan_open(sc, i, len);
    case C_CLOSE:
        return scan_close(sc, i, len);
    case C_DOT: case C_PUNCT: case C_ELLIPSIS:
        return scan_run(sc, i, len, TR_TOK_PUNCT);
    case C_OTHER:
    default:
        return scan_run(sc, i, len, TR_TOK_SYMBOL);
    }
}

int tr_doc_tokenize(struct tr_doc *d)
{
    struct scan sc;
    memset(&sc, 0, sizeof sc);
    sc.d = d;
    sc.s = (const unsigned char *)d->text;
    sc.n = d->len;
    d->n_tok = 0;
    d->n_sent = 0;
    tr_buf_reset(&d->norm);
    size_t i = 0;
    while (i < sc.n) {
        int rc = scan_one(&sc, &i);
        if (rc) {
            d->n_tok = 0;
            tr_buf_reset(&d->norm);
            return rc;
        }
    }
    end_brackets(&sc);
    return TRUCE_OK;
}

/* ---- abbreviation classes, shared with the sentence splitter ---- */

static int fold_equal(const char *word, const char *norm, size_t n)
{
    if (strlen(word) != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = word[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != norm[k])
            return 0;
    }
    return 1;
}

enum tr_abbrev_class tr_abbrev_class(const char *norm, size_t n)
{
    if (n < 2 || norm[n - 1] != '.')
        return TR_AB_NONE;
    if (n == 2)
        return TR_AB_INITIAL;
    for (size_t k = 0; k < TR_ARRAY_LEN(DOTTED_TITLES); k++) {
        if (fold_equal(DOTTED_TITLES[k], norm, n))
            return TR_AB_TITLE;
    }
    if (memchr(norm, '.', n - 1))
        return TR_AB_OTHER;
    for (size_t k = 0; k < TR_ARRAY_LEN(ABBREVS); k++) {
        if (fold_equal(ABBREVS[k].word, norm, n - 1))
            return ABBREVS[k].cls;
    }
    return TR_AB_OTHER;
}
