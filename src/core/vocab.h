/*
 * vocab.h -- the word interner: folded word forms <-> dense ids. All
 * dictionaries and the lexicon intern their words here, so matching works on
 * uint32 ids, never on strings. Id 0 means "not in the vocabulary".
 */
#ifndef TR_VOCAB_H
#define TR_VOCAB_H

#include "internal.h"

struct tr_vocab {
    uint32_t *slots;     /* open-addressing table of ids, 0 = empty; owned */
    uint32_t n_slots;    /* power of two */
    uint32_t n_words;    /* ids 1..n_words are in use */
    uint32_t cap_words;
    uint32_t *offs;      /* offs[id] = offset of the word in 'chars'; owned */
    uint32_t *hashes;    /* hashes[id]; owned */
    char *chars;         /* NUL-separated words; owned */
    uint32_t chars_len, chars_cap;
};

void tr_vocab_init(struct tr_vocab *v);
void tr_vocab_release(struct tr_vocab *v);

/* The id of word 's' (length 'n'), adding it if new. */
TR_MUST_USE int tr_vocab_intern(struct tr_vocab *v, const char *s, size_t n,
                                uint32_t *id /* OUT */);
/* The id of 's', or 0 if it is not in the vocabulary. Never allocates. */
uint32_t tr_vocab_find(const struct tr_vocab *v, const char *s, size_t n);
/* The NUL-terminated text of 'id' ("" for 0 or an unknown id). */
const char *tr_vocab_str(const struct tr_vocab *v, uint32_t id);

uint32_t tr_hash_bytes(const char *s, size_t n);

#endif
