/*
 * fuzz_tokenizer.c -- libFuzzer target for the text stage: any bytes go
 * through UTF-8 repair, the tokenizer and the sentence splitter, and the
 * invariants of text.h are checked; a broken one aborts. The raw bytes also
 * go through tr_fold, as a dictionary line would.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static int is_valid_text(const struct tr_doc *d)
{
    const unsigned char *s = (const unsigned char *)d->text;
    for (size_t i = 0; i < d->len; i++) {
        if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\f'
            && s[i] != '\r')
            return 0;
    }
    return 1;
}

static void check_tokens(const struct tr_doc *d)
{
    size_t prev_end = 0;
    for (uint32_t i = 0; i < d->n_tok; i++) {
        const struct tr_token *t = &d->tok[i];
        check(t->len > 0);
        check(t->off >= prev_end);
        check((size_t)t->off + t->len <= d->len);
        check((size_t)t->norm + t->norm_len <= d->norm.len);
        check(t->kind <= TR_TOK_SYMBOL);
        check(!((t->flags & TR_TF_QOPEN) && (t->flags & TR_TF_QCLOSE)));
        prev_end = (size_t)t->off + t->len;
    }
}

static void check_sentences(const struct tr_doc *d)
{
    uint32_t next = 0;
    for (uint32_t i = 0; i < d->n_sent; i++) {
        const struct tr_sentence *s = &d->sent[i];
        check(s->first == next);
        check(s->n_tokens > 0 && s->n_tokens <= TRUCE_MAX_SENTENCE_TOKENS);
        check(s->first + s->n_tokens <= d->n_tok);
        const struct tr_token *a = &d->tok[s->first];
        const struct tr_token *z = &d->tok[s->first + s->n_tokens - 1];
        check(s->off == a->off);
        check(s->len == z->off + z->len - a->off);
        next = s->first + s->n_tokens;
    }
    check(next == d->n_tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tr_doc d;
    tr_doc_init(&d);
    int rc = tr_doc_set_text(&d, (const char *)data, size);
    if (rc == TRUCE_OK)
        rc = tr_doc_tokenize(&d);
    if (rc == TRUCE_OK)
        rc = tr_doc_split(&d);
    check(rc == TRUCE_OK);
    check(is_valid_text(&d));
    check((d.n_bad_utf8 == 0) == (d.text == (const char *)data || size == 0));
    check_tokens(&d);
    check_sentences(&d);
    tr_doc_release(&d);

    struct tr_buf b;
    tr_buf_init(&b, 1u << 26);
    rc = tr_fold(&b, (const char *)data, size);
    check(rc == TRUCE_OK || rc == TRUCE_EINPUT);
    tr_buf_release(&b);
    return 0;
}
