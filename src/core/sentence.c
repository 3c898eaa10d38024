/*
 * sentence.c -- groups tokens into sentences. Works paragraph by
 * paragraph (a blank line always ends a sentence); inside one, a sentence
 * ends at . ! ? (with closing quotes and brackets) when the next token
 * starts a new one. Sentences cover the tokens in order without gaps or
 * overlaps, none is empty and none is longer than TRUCE_MAX_SENTENCE_TOKENS.
 */
#include <string.h>
#include <utf8proc.h>

#include "text_int.h"

/* Capitalised words that make a break after an ambiguous abbreviation
 * (U.S., Inc., an initial) safe: they rarely continue a name. */
static const char *const START_WORDS[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
    "that", "these", "those", "there", "his", "her", "its", "their", "our",
    "but", "and", "however", "meanwhile", "earlier", "later", "after",
    "before", "in", "on", "at", "if", "when", "while", "some", "many",
    "both", "all", "what", "who", "why", "how", "during", "since", "yet",
    "also", "one", "no", "according",
};

/* Paragraph openings that mark captions and credit lines, as folded
 * tokens separated by spaces. */
static const char *const CAPTION_STARTS[] = {
    "photo :",        "caption :",        "picture :",
    "( photo",        "file photo",       "reporting by",
    "( reporting by", "writing by",       "( writing by",
    "editing by",     "( editing by",     "additional reporting by",
    "compiled by",    "photo credit",     "( picture",
};

static const char *const MONTHS[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april",
    "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept",
    "september", "oct", "october", "nov", "november", "dec", "december",
};

/* Arabic question mark and full stop, ideographic full stop. */
static const char *const OTHER_STOPS[] = {"\xD8\x9F", "\xDB\x94",
                                          "\xE3\x80\x82"};

/* Longest dateline we look for, in tokens. */
#define DATELINE_MAX 40u

static int norm_is(const struct tr_doc *d, uint32_t t, const char *w,
                   size_t n)
{
    size_t len;
    const char *s = tr_doc_norm(d, t, &len);
    return len == n && memcmp(s, w, n) == 0;
}

static int in_list(const char *const *list, size_t n_list, const char *s,
                   size_t n)
{
    for (size_t k = 0; k < n_list; k++) {
        if (strlen(list[k]) == n && memcmp(list[k], s, n) == 0)
            return 1;
    }
    return 0;
}

static int sent_push(struct tr_doc *d, uint32_t first, uint32_t n,
                     uint32_t flags)
{
    while (n > 0) {
        uint32_t k = n < TRUCE_MAX_SENTENCE_TOKENS ? n
                                                   : TRUCE_MAX_SENTENCE_TOKENS;
        int rc = tr_grow((void **)&d->sent, &d->cap_sent, d->n_sent + 1,
                         sizeof *d->sent);
        if (rc)
            return rc;
        const struct tr_token *a = &d->tok[first], *z = &d->tok[first + k - 1];
        struct tr_sentence *s = &d->sent[d->n_sent++];
        s->first = first;
        s->n_tokens = k;
        s->off = a->off;
        s->len = z->off + z->len - a->off;
        s->flags = flags;
        if (a->flags & TR_TF_INQUOTE)
            s->flags |= TR_SF_INQUOTE;
        flags &= ~(uint32_t)TR_SF_PARA;
        first += k;
        n -= k;
    }
    return TRUCE_OK;
}

/* ---- sentence ends ---- */

enum term { T_NONE, T_STRONG, T_WEAK, T_ABBREV };

static enum term terminator(const struct tr_doc *d, uint32_t t)
{
    const struct tr_token *tok = &d->tok[t];
    if (tok->flags & TR_TF_ABBREV)
        return T_ABBREV;
    if (tok->kind != TR_TOK_PUNCT || tok->norm_len == 0)
        return T_NONE;
    size_t n;
    const char *s = tr_doc_norm(d, t, &n);
    if (n >= 2 && s[0] == '.')
        return T_WEAK; /* an ellipsis often trails off mid-sentence */
    if (s[0] == '.' || s[0] == '!' || s[0] == '?')
        return T_STRONG;
    if (in_list(OTHER_STOPS, TR_ARRAY_LEN(OTHER_STOPS), s, n))
        return T_STRONG;
    return T_NONE;
}

/* Tokens that stay with the sentence a terminator ends. */
static int trails(const struct tr_doc *d, uint32_t u)
{
    const struct tr_token *tok = &d->tok[u];
    if (tok->kind == TR_TOK_CLOSE)
        return 1;
    if (tok->kind == TR_TOK_QUOTE)
        return (tok->flags & TR_TF_QCLOSE) != 0;
    return !(tok->flags & TR_TF_SPACE) && terminator(d, u) == T_STRONG;
}

static int caseless_letter(const struct tr_doc *d, const struct tr_token *t)
{
    const unsigned char *s = (const unsigned char *)d->text + t->off;
    if (t->kind != TR_TOK_WORD || s[0] < 0x80)
        return 0;
    int32_t cp;
    tr_utf8_decode(s, t->len, &cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_LM;
}

/* Can token 'u' start a sentence after a plain full stop? */
static int starts_sentence(const struct tr_doc *d, uint32_t u)
{
    const struct tr_token *t = &d->tok[u];
    if (t->flags & TR_TF_CAP)
        return 1;
    if (t->kind == TR_TOK_NUM || t->kind == TR_TOK_OPEN)
        return 1;
    if (t->kind == TR_TOK_QUOTE && (t->flags & TR_TF_QOPEN))
        return 1;
    return caseless_letter(d, t);
}

/* A clear start: an opening quote or a capitalised function word. */
static int clear_start(const struct tr_doc *d, uint32_t u)
{
    const struct tr_token *t = &d->tok[u];
    if (t->kind == TR_TOK_QUOTE && (t->flags & TR_TF_QOPEN))
        return 1;
    if (!(t->flags & TR_TF_CAP) || (t->flags & TR_TF_ABBREV))
        return 0;
    size_t n;
    const char *s = tr_doc_norm(d, u, &n);
    return in_list(START_WORDS, TR_ARRAY_LEN(START_WORDS), s, n);
}

static int break_after_abbrev(const struct tr_doc *d, uint32_t t, uint32_t u)
{
    size_t n;
    const char *s = tr_doc_norm(d, t, &n);
    switch (tr_abbrev_class(s, n)) {
    case TR_AB_TITLE:
        return 0;
    case TR_AB_MONTH:
        return d->tok[u].kind != TR_TOK_NUM && clear_start(d, u);
    default:
        return clear_start(d, u);
    }
}

/* If a sentence ends at terminator 't', the index of the next sentence's
 * first token; 0 when it does not end there. */
static uint32_t sentence_end(const struct tr_doc *d, uint32_t t, uint32_t end)
{
    enum term kind = terminator(d, t);
    if (kind == T_NONE)
        return 0;
    uint32_t u = t + 1;
    while (u < end && trails(d, u))
        u++;
    if (u >= end)
        return 0; /* the paragraph ends here anyway */
    const struct tr_token *next = &d->tok[u];
    if (!(next->flags & TR_TF_SPACE) || (next->flags & TR_TF_BRACKET))
        return 0;
    if (kind == T_ABBREV && u == t + 1)
        return break_after_abbrev(d, t, u) ? u : 0;
    if (kind == T_WEAK)
        return clear_start(d, u) ? u : 0;
    return starts_sentence(d, u) ? u : 0;
}

/* ---- datelines and captions ---- */

static int upper_word(const struct tr_doc *d, uint32_t t)
{
    const struct tr_token *tok = &d->tok[t];
    return tok->kind == TR_TOK_WORD && (tok->flags & TR_TF_UPPER);
}

/* TRIPOLI, ABU DHABI, AL-BAYDA, U.N.: upper-case words and hyphens. */
static uint32_t place_end(const struct tr_doc *d, uint32_t t, uint32_t lim)
{
    uint32_t n = 0;
    while (t < lim && n < 8) {
        if (upper_word(d, t))
            t++;
        else if (d->tok[t].kind == TR_TOK_HYPHEN && t + 1 < lim
                 && upper_word(d, t + 1))
            t += 2;
        else
            break;
        n++;
    }
    return t;
}

static int is_month(const struct tr_doc *d, uint32_t t)
{
    size_t n;
    const char *s = tr_doc_norm(d, t, &n);
    if (d->tok[t].kind != TR_TOK_WORD)
        return 0;
    if (n > 0 && s[n - 1] == '.')
        n--;
    return in_list(MONTHS, TR_ARRAY_LEN(MONTHS), s, n);
}

/* "Feb 20", "Feb. 20, 2019": end of the date at 't', or 0. */
static uint32_t date_end(const struct tr_doc *d, uint32_t t, uint32_t lim)
{
    if (t + 1 >= lim || !is_month(d, t) || d->tok[t + 1].kind != TR_TOK_NUM)
        return 0;
    t += 2;
    if (t + 1 < lim && norm_is(d, t, ",", 1) && d->tok[t + 1].kind == TR_TOK_NUM)
        t += 2;
    return t;
}

/* "Libya", "New York": one to four capitalised words. */
static uint32_t cap_words_end(const struct tr_doc *d, uint32_t t, uint32_t lim)
{
    uint32_t start = t;
    while (t < lim && t - start < 4 && d->tok[t].kind == TR_TOK_WORD
           && (d->tok[t].flags & TR_TF_CAP))
        t++;
    return t > start ? t : 0;
}

/* "(Reuters)": a short bracket; end after the closing bracket, or 0. */
static uint32_t agency_end(const struct tr_doc *d, uint32_t t, uint32_t lim)
{
    for (uint32_t u = t + 1; u < lim && u - t <= 8; u++) {
        if (d->tok[u].kind == TR_TOK_CLOSE)
            return u + 1;
    }
    return 0;
}

/* Tokens of the wire dateline that opens the paragraph at 'first'
 * ("TRIPOLI, Libya, Feb. 20 (Reuters) --"), or 0 if there is none. */
static uint32_t dateline_len(const struct tr_doc *d, uint32_t first,
                             uint32_t end)
{
    uint32_t lim = end - first > DATELINE_MAX ? first + DATELINE_MAX : end;
    if (!upper_word(d, first))
        return 0;
    uint32_t t = place_end(d, first, lim);
    for (int part = 0; part < 3 && t < lim; part++) {
        uint32_t u = date_end(d, t, lim);
        if (!u && norm_is(d, t, ",", 1)) {
            u = date_end(d, t + 1, lim);
            if (!u)
                u = cap_words_end(d, t + 1, lim);
        }
        if (!u)
            break;
        t = u;
    }
    if (t < lim && d->tok[t].kind == TR_TOK_OPEN)
        t = agency_end(d, t, lim);
    if (t == 0 || t >= lim || d->tok[t].kind != TR_TOK_DASH)
        return 0;
    return t + 1 - first;
}

/* Does the paragraph at 'first' open like 'pattern'? */
static int opens_with(const struct tr_doc *d, uint32_t first, uint32_t end,
                      const char *pattern)
{
    uint32_t t = first;
    const char *p = pattern;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (t >= end || !norm_is(d, t, p, n))
            return 0;
        t++;
        p += n + (sp ? 1 : 0);
    }
    return 1;
}

static int is_caption(const struct tr_doc *d, uint32_t first, uint32_t end)
{
    for (size_t k = 0; k < TR_ARRAY_LEN(CAPTION_STARTS); k++) {
        if (opens_with(d, first, end, CAPTION_STARTS[k]))
            return 1;
    }
    return 0;
}

/* ---- paragraphs ---- */

static int split_para(struct tr_doc *d, uint32_t first, uint32_t end)
{
    uint32_t flags = TR_SF_PARA;
    if (is_caption(d, first, end))
        flags |= TR_SF_CAPTION;
    uint32_t n = dateline_len(d, first, end);
    if (n) {
        int rc = sent_push(d, first, n, flags | TR_SF_DATELINE);
        if (rc)
            return rc;
        first += n;
        flags &= ~(uint32_t)TR_SF_PARA;
    }
    uint32_t start = first;
    for (uint32_t t = first; t < end; t++) {
        uint32_t next = sentence_end(d, t, end);
        if (!next)
            continue;
        int rc = sent_push(d, start, next - start, flags);
        if (rc)
            return rc;
        flags &= ~(uint32_t)TR_SF_PARA;
        start = next;
        t = next - 1;
    }
    return start < end ? sent_push(d, start, end - start, flags) : TRUCE_OK;
}

int tr_doc_split(struct tr_doc *d)
{
    d->n_sent = 0;
    uint32_t t = 0;
    while (t < d->n_tok) {
        uint32_t end = t + 1;
        while (end < d->n_tok && !(d->tok[end].flags & TR_TF_PARA))
            end++;
        int rc = split_para(d, t, end);
        if (rc) {
            d->n_sent = 0;
            return rc;
        }
        t = end;
    }
    return TRUCE_OK;
}
