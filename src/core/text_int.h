/*
 * text_int.h -- what the files of the text stage (text.c, token.c,
 * sentence.c) share and nobody else needs: UTF-8 decoding of repaired text,
 * the bounded token fold and the abbreviation classes the tokenizer and the
 * sentence splitter must agree on.
 */
#ifndef TR_TEXT_INT_H
#define TR_TEXT_INT_H

#include "text.h"

/* The most bytes a token's folded form may have (norm_len is uint16_t). */
#define TR_MAX_NORM 65535u

/* How an abbreviation behaves at a possible sentence end. */
enum tr_abbrev_class {
    TR_AB_NONE = 0, /* not an abbreviation */
    TR_AB_TITLE,    /* precedes a name or a word: never ends a sentence */
    TR_AB_MONTH,    /* Feb.: no break before a number */
    TR_AB_OTHER,    /* U.S., Inc., a.m.: a break only before a clear start */
    TR_AB_INITIAL   /* J.: a break only before a clear start */
};

/* The class of the abbreviation token whose folded form is 'norm' (with
 * its final period). Dotted letter sequences are TR_AB_OTHER. */
enum tr_abbrev_class tr_abbrev_class(const char *norm, size_t n);

/* Decode one code point of the valid UTF-8 's' (n > 0 bytes left) into
 * '*cp' and return its length. Bytes that do not form a valid sequence
 * (possible only if the text was not repaired) decode as U+FFFD, length 1,
 * so a caller never reads past 's + n'. */
static inline size_t tr_utf8_decode(const unsigned char *s, size_t n,
                                    int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
        return 2;
    }
    if (c >= 0xE0 && c < 0xF0 && n >= 3 && (s[1] & 0xC0) == 0x80
        && (s[2] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6)
                        | (s[2] & 0x3Fu));
        return 3;
    }
    if (c >= 0xF0 && c < 0xF5 && n >= 4 && (s[1] & 0xC0) == 0x80
        && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12)
                        | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu));
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

/* Fold 's' into 'out' like tr_fold(), but never more than TR_MAX_NORM
 * bytes: a longer input or result is cut at a character boundary. Returns
 * TRUCE_OK or TRUCE_ENOMEM; input utf8proc rejects folds to nothing. */
TR_MUST_USE int tr_fold_bounded(struct tr_buf *out, const char *s, size_t n);

#endif
