/*
 * vocab.c -- string interner with open addressing (see vocab.h). Words live
 * in one character array, so loading 200,000 words costs a handful of
 * allocations, not 200,000.
 */
#include <string.h>

#include "vocab.h"

uint32_t tr_hash_bytes(const char *s, size_t n)
{
    /* FNV-1a, 32 bit: short keys, good enough spread, no tables. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

void tr_vocab_init(struct tr_vocab *v)
{
    memset(v, 0, sizeof *v);
}

void tr_vocab_release(struct tr_vocab *v)
{
    tr_free(v->slots);
    tr_free(v->offs);
    tr_free(v->hashes);
    tr_free(v->chars);
    tr_vocab_init(v);
}

static int word_eq(const struct tr_vocab *v, uint32_t id, const char *s,
                   size_t n)
{
    const char *w = v->chars + v->offs[id];
    return strncmp(w, s, n) == 0 && w[n] == 0;
}

uint32_t tr_vocab_find(const struct tr_vocab *v, const char *s, size_t n)
{
    if (!v->n_slots)
        return 0;
    uint32_t h = tr_hash_bytes(s, n);
    uint32_t mask = v->n_slots - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t id = v->slots[i];
        if (!id)
            return 0;
        if (v->hashes[id] == h && word_eq(v, id, s, n))
            return id;
    }
}

static int rehash(struct tr_vocab *v, uint32_t n_slots)
{
    uint32_t *slots = tr_calloc(n_slots, sizeof *slots);
    if (!slots)
        return TRUCE_ENOMEM;
    uint32_t mask = n_slots - 1;
    for (uint32_t id = 1; id <= v->n_words; id++) {
        uint32_t i = v->hashes[id] & mask;
        while (slots[i])
            i = (i + 1) & mask;
        slots[i] = id;
    }
    tr_free(v->slots);
    v->slots = slots;
    v->n_slots = n_slots;
    return TRUCE_OK;
}

static int add_chars(struct tr_vocab *v, const char *s, size_t n,
                     uint32_t *off)
{
    if (n > UINT32_MAX / 4 || v->chars_len > UINT32_MAX / 2)
        return TRUCE_ELIMIT;
    int rc = tr_grow((void **)&v->chars, &v->chars_cap,
                     v->chars_len + (uint32_t)n + 1, 1);
    if (rc)
        return rc;
    *off = v->chars_len;
    memcpy(v->chars + v->chars_len, s, n);
    v->chars[v->chars_len + n] = 0;
    v->chars_len += (uint32_t)n + 1;
    return TRUCE_OK;
}

int tr_vocab_intern(struct tr_vocab *v, const char *s, size_t n, uint32_t *id)
{
    uint32_t found = tr_vocab_find(v, s, n);
    if (found) {
        *id = found;
        return TRUCE_OK;
    }
    int rc;
    if ((uint64_t)(v->n_words + 2) * 2 > v->n_slots) {
        rc = rehash(v, v->n_slots ? v->n_slots * 2 : 1024);
        if (rc)
            return rc;
    }
    uint32_t new_id = v->n_words + 1;
    uint32_t cap = v->cap_words;
    rc = tr_grow((void **)&v->offs, &cap, new_id + 1, sizeof *v->offs);
    if (rc)
        return rc;
    cap = v->cap_words;
    rc = tr_grow((void **)&v->hashes, &cap, new_id + 1, sizeof *v->hashes);
    if (rc)
        return rc;
    v->cap_words = cap;
    uint32_t off;
    rc = add_chars(v, s, n, &off);
    if (rc)
        return rc;
    uint32_t h = tr_hash_bytes(s, n);
    v->offs[new_id] = off;
    v->hashes[new_id] = h;
    uint32_t mask = v->n_slots - 1;
    uint32_t i = h & mask;
    while (v->slots[i])
        i = (i + 1) & mask;
    v->slots[i] = new_id;
    v->n_words = new_id;
    *id = new_id;
    return TRUCE_OK;
}

const char *tr_vocab_str(const struct tr_vocab *v, uint32_t id)
{
    if (id == 0 || id > v->n_words)
        return "";
    return v->chars + v->offs[id];
}
