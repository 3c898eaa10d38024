/*
 * text.h -- the text stage: UTF-8 repair, tokens with byte offsets and
 * sentences. One struct tr_doc holds an article's text stage output; its
 * arrays are reused from article to article (tr_doc_reset), so a stream of
 * articles runs in flat memory.
 */
#ifndef TR_TEXT_H
#define TR_TEXT_H

#include "buf.h"
#include "internal.h"

enum tr_tok_kind {
    TR_TOK_WORD = 0, /* letters, digits inside words, apostrophes (don't) */
    TR_TOK_NUM,      /* 12, 3.5, 1,200, 20th */
    TR_TOK_PUNCT,    /* . , ; : ! ? and the like */
    TR_TOK_QUOTE,    /* " ' and curly quotes; flags say open or close */
    TR_TOK_DASH,     /* - -- en and em dashes standing between words */
    TR_TOK_HYPHEN,   /* the hyphen inside Tripoli-based / UN-backed */
    TR_TOK_POSS,     /* possessive 's or ' after a word */
    TR_TOK_OPEN,     /* ( [ { */
    TR_TOK_CLOSE,    /* ) ] } */
    TR_TOK_SYMBOL    /* anything else: % $ & / ... */
};

enum tr_tok_flag {
    TR_TF_CAP = 1u << 0,     /* first letter upper case */
    TR_TF_UPPER = 1u << 1,   /* all letters upper case (two or more) */
    TR_TF_ABBREV = 1u << 2,  /* abbreviation with its period: U.N. Gen. */
    TR_TF_SPACE = 1u << 3,   /* white space before the token */
    TR_TF_NEWLINE = 1u << 4, /* a line break before the token */
    TR_TF_PARA = 1u << 5,    /* a blank line before (a new paragraph) */
    TR_TF_QOPEN = 1u << 6,   /* an opening quote */
    TR_TF_QCLOSE = 1u << 7,  /* a closing quote */
    TR_TF_INQUOTE = 1u << 8, /* the token stands inside a quotation */
    TR_TF_BRACKET = 1u << 9  /* the token stands inside ( ) or [ ] */
};

struct tr_token {
    uint32_t off, len;     /* bytes of the token in the (repaired) text */
    uint32_t norm;         /* offset of the folded form in doc->norm */
    uint16_t norm_len;     /* bytes of the folded form */
    uint8_t kind;          /* enum tr_tok_kind */
    uint8_t pos;           /* enum tr_pos, set by the tagger */
    uint16_t flags;        /* enum tr_tok_flag */
    uint16_t spare;
    uint32_t word;         /* vocab id of the folded form, 0 = unknown */
    uint32_t lemma;        /* vocab id of the lemma, 0 = unknown */
};

enum tr_sent_flag {
    TR_SF_DATELINE = 1u << 0, /* "TRIPOLI, Feb 20 (Agency) -": not coded */
    TR_SF_CAPTION = 1u << 1,  /* photo caption or credit line: not coded */
    TR_SF_PARA = 1u << 2,     /* starts a paragraph */
    TR_SF_INQUOTE = 1u << 3,  /* starts inside an open quotation */
    TR_SF_TITLE = 1u << 4     /* the headline */
};

struct tr_sentence {
    uint32_t first;    /* index of the first token */
    uint32_t n_tokens; /* tokens in the sentence */
    uint32_t off, len; /* byte span in the text */
    uint32_t flags;    /* enum tr_sent_flag */
};

struct tr_doc {
    const char *text;   /* the text being coded: valid UTF-8; borrowed, or
                           repaired.data when the input had bad bytes */
    size_t len;
    struct tr_buf repaired; /* owned copy, used only when repair was needed */
    struct tr_buf norm;     /* folded forms of all tokens, back to back */
    struct tr_token *tok;   /* owned */
    uint32_t n_tok, cap_tok;
    struct tr_sentence *sent; /* owned */
    uint32_t n_sent, cap_sent;
    uint32_t n_bad_utf8;      /* invalid sequences replaced */
    uint64_t first_bad_off;   /* byte offset of the first one in the input */
};

void tr_doc_init(struct tr_doc *d);
void tr_doc_release(struct tr_doc *d);
void tr_doc_reset(struct tr_doc *d);

/* Point 'd' at 'text'. Invalid UTF-8 sequences (and NUL and C0 control
 * bytes other than tab, CR, LF, FF) are replaced by U+FFFD in a copy;
 * d->n_bad_utf8 counts them. Returns TRUCE_OK, TRUCE_ELIMIT (longer than
 * TRUCE_MAX_ARTICLE) or TRUCE_ENOMEM. 'text' must outlive 'd''s use. */
TR_MUST_USE int tr_doc_set_text(struct tr_doc *d, const char *text,
                                size_t len);

/* Split d->text into tokens (d->tok) with folded forms in d->norm. Cannot
 * fail on any input except for memory. word/lemma/pos are left 0. */
TR_MUST_USE int tr_doc_tokenize(struct tr_doc *d);

/* Group tokens into sentences (d->sent). Does not break after abbreviations
 * (U.N., Gen., Lt. Col., Jan.), initials, decimal numbers or inside
 * brackets; marks datelines and captions. */
TR_MUST_USE int tr_doc_split(struct tr_doc *d);

/* The folded form of token 'i'. */
static inline const char *tr_doc_norm(const struct tr_doc *d, uint32_t i,
                                      size_t *n)
{
    *n = d->tok[i].norm_len;
    return d->norm.data + d->tok[i].norm;
}

/* Fold 's' (NFKC, lower case, curly apostrophes to ', dashes to -) into
 * 'out' (appended). Used by the tokenizer and by dictionary readers so that
 * both sides agree. */
TR_MUST_USE int tr_fold(struct tr_buf *out, const char *s, size_t n);

#endif
