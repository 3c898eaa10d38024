/*
 * text.c -- the article's text: UTF-8 validation and repair, and folding
 * (NFKC + case fold + straight quotes and dashes). Valid text is borrowed,
 * never copied; only text with bad bytes gets a repaired copy, so every
 * later stage can assume valid UTF-8 without NUL or stray control bytes.
 */
#include <string.h>
#include <utf8proc.h>

#include "text_int.h"

/* Every bad sequence (at least one byte) becomes U+FFFD (three bytes). */
#define REPAIRED_LIMIT (3 * (size_t)TRUCE_MAX_ARTICLE + 16)
/* Token offsets into the folded forms are uint32_t. */
#define NORM_LIMIT ((size_t)UINT32_MAX - 1)

static const char REPLACEMENT[3] = {'\xEF', '\xBF', '\xBD'};

void tr_doc_init(struct tr_doc *d)
{
    memset(d, 0, sizeof *d);
    d->text = "";
    tr_buf_init(&d->repaired, REPAIRED_LIMIT);
    tr_buf_init(&d->norm, NORM_LIMIT);
}

void tr_doc_release(struct tr_doc *d)
{
    tr_buf_release(&d->repaired);
    tr_buf_release(&d->norm);
    tr_free(d->tok);
    tr_free(d->sent);
    d->tok = NULL;
    d->sent = NULL;
    d->cap_tok = d->n_tok = 0;
    d->cap_sent = d->n_sent = 0;
    d->text = "";
    d->len = 0;
}

void tr_doc_reset(struct tr_doc *d)
{
    tr_buf_reset(&d->repaired);
    tr_buf_reset(&d->norm);
    d->n_tok = 0;
    d->n_sent = 0;
    d->n_bad_utf8 = 0;
    d->first_bad_off = 0;
    d->text = "";
    d->len = 0;
}

/* C0 control bytes other than tab, LF, FF and CR are as bad as broken
 * sequences: they are never text and some tools choke on them. */
static int is_bad_ascii(unsigned c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r';
}

static int is_cont(unsigned c)
{
    return (c & 0xC0) == 0x80;
}

/* Length of the valid sequence at 's' (n > 0 bytes left), or minus the
 * length of its maximal invalid subpart (Unicode 15, section 3.9), which
 * becomes one U+FFFD. */
static long seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return is_bad_ascii(c) ? -1 : 1;
    unsigned lo = 0x80, hi = 0xBF;
    long need;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4;
    else
        return -1;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F; /* surrogates */
    else if (c == 0xF0)
        lo = 0x90; /* overlong */
    else if (c == 0xF4)
        hi = 0x8F; /* beyond U+10FFFF */
    if (n < 2 || s[1] < lo || s[1] > hi)
        return -1;
    for (long k = 2; k < need; k++) {
        if ((size_t)k >= n || !is_cont(s[k]))
            return -k;
    }
    return need;
}

/* Bytes of 's' that are valid text before the first bad one. Plain ASCII
 * is checked eight bytes at a time: no byte >= 0x80 and none < 0x20. */
static size_t valid_prefix(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    while (i < n) {
        if (n - i >= 8) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (((x | ((x - 0x20 * ones) & ~x)) & highs) == 0) {
                i += 8;
                continue;
            }
        }
        long k = seq_len(s + i, n - i);
        if (k < 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

/* Copy 'text' into d->repaired from its first bad byte 'bad' on, replacing
 * each bad sequence by U+FFFD. */
static int repair(struct tr_doc *d, const unsigned char *s, size_t n,
                  size_t bad)
{
    struct tr_buf *r = &d->repaired;
    d->first_bad_off = bad;
    int rc = tr_buf_add(r, s, bad);
    size_t i = bad;
    while (!rc && i < n) {
        long k = seq_len(s + i, n - i);
        if (k < 0) {
            d->n_bad_utf8++;
            rc = tr_buf_add(r, REPLACEMENT, sizeof REPLACEMENT);
            i += (size_t)-k;
            continue;
        }
        size_t good = valid_prefix(s + i, n - i);
        rc = tr_buf_add(r, s + i, good);
        i += good;
    }
    if (rc) {
        tr_buf_reset(r);
        return rc;
    }
    d->text = r->data;
    d->len = r->len;
    return TRUCE_OK;
}

int tr_doc_set_text(struct tr_doc *d, const char *text, size_t len)
{
    tr_doc_reset(d);
    if (len > TRUCE_MAX_ARTICLE)
        return TRUCE_ELIMIT;
    if (len == 0 || !text)
        return TRUCE_OK;
    const unsigned char *s = (const unsigned char *)text;
    size_t ok = valid_prefix(s, len);
    if (ok == len) {
        d->text = text;
        d->len = len;
        return TRUCE_OK;
    }
    return repair(d, s, len, ok);
}

/* Curly quotes and the dash family fold to their ASCII forms before
 * normalisation, so "Haftar’s" and "Haftar's" are one word. */
static utf8proc_int32_t fold_punct(utf8proc_int32_t c, void *ud)
{
    (void)ud;
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return c;
    }
}

static int is_ascii(const unsigned char *s, size_t n)
{
    unsigned acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= s[i];
    return acc < 0x80;
}

/* The hot path: most tokens of news text are ASCII. */
static int fold_ascii(struct tr_buf *out, const char *s, size_t n)
{
    size_t at = out->len;
    int rc = tr_buf_add(out, s, n);
    if (rc)
        return rc;
    unsigned char *p = (unsigned char *)out->data + at;
    for (size_t i = 0; i < n; i++)
        if ((unsigned)p[i] - 'A' < 26u)
            p[i] = (unsigned char)(p[i] | 0x20);
    return TRUCE_OK;
}

/* NFKC + case fold through utf8proc into a code point buffer we own, so
 * the allocation goes through our seam (utf8proc_map would malloc). */
static int fold_unicode(struct tr_buf *out, const char *s, size_t n)
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE
                                  | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD
                                  | UTF8PROC_IGNORE;
    utf8proc_int32_t small[256];
    utf8proc_int32_t *buf = small;
    utf8proc_ssize_t cap = (utf8proc_ssize_t)TR_ARRAY_LEN(small) - 1;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t r = utf8proc_decompose_custom(
        u, (utf8proc_ssize_t)n, buf, cap, opt, fold_punct, NULL);
    if (r > cap) {
        buf = tr_malloc(((size_t)r + 1) * sizeof *buf);
        if (!buf)
            return TRUCE_ENOMEM;
        cap = r;
        r = utf8proc_decompose_custom(u, (utf8proc_ssize_t)n, buf, cap, opt,
                                      fold_punct, NULL);
    }
    int rc = TRUCE_EINPUT;
    if (r >= 0 && r <= cap)
        r = utf8proc_reencode(buf, r, opt);
    if (r >= 0 && r <= cap * 4)
        rc = tr_buf_add(out, buf, (size_t)r);
    if (buf != small)
        tr_free(buf);
    return rc;
}

int tr_fold(struct tr_buf *out, const char *s, size_t n)
{
    if (is_ascii((const unsigned char *)s, n))
        return fold_ascii(out, s, n);
    return fold_unicode(out, s, n);
}

/* Largest k <= n that does not cut a UTF-8 sequence of 's'. */
static size_t char_floor(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && is_cont((unsigned char)s[k]))
        k--;
    return k;
}

int tr_fold_bounded(struct tr_buf *out, const char *s, size_t n)
{
    size_t at = out->len;
    if (n > TR_MAX_NORM)
        n = char_floor(s, TR_MAX_NORM);
    int rc = tr_fold(out, s, n);
    if (rc == TRUCE_ENOMEM)
        return rc;
    if (rc) {
        out->len = at; /* not valid UTF-8 or over the limit: fold empty */
        if (out->data)
            out->data[at] = 0;
        return TRUCE_OK;
    }
    if (out->len - at > TR_MAX_NORM) {
        out->len = at + char_floor(out->data + at, TR_MAX_NORM);
        out->data[out->len] = 0;
    }
    return TRUCE_OK;
}
