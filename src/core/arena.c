/*
 * arena.c -- bump allocator (see arena.h). Blocks are at least 64 KiB; a
 * larger request gets a block of its own size.
 */
#include "arena.h"

#define BLOCK_MIN (64u * 1024u)

struct tr_arena_block {
    struct tr_arena_block *next;
    size_t size; /* bytes in data[] */
    size_t pos;  /* bytes handed out */
    _Alignas(8) unsigned char data[];
};

void tr_arena_init(struct tr_arena *a, size_t limit)
{
    a->head = NULL;
    a->free = NULL;
    a->limit = limit;
    a->used = 0;
}

static void free_chain(struct tr_arena_block *b)
{
    while (b) {
        struct tr_arena_block *next = b->next;
        tr_free(b);
        b = next;
    }
}

void tr_arena_release(struct tr_arena *a)
{
    free_chain(a->head);
    free_chain(a->free);
    tr_arena_init(a, a->limit);
}

void tr_arena_reset(struct tr_arena *a)
{
    /* Keep standard blocks for reuse; give oversized ones back. */
    struct tr_arena_block *b = a->head;
    while (b) {
        struct tr_arena_block *next = b->next;
        if (b->size == BLOCK_MIN) {
            b->pos = 0;
            b->next = a->free;
            a->free = b;
        }
        else {
            tr_free(b);
        }
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}

static struct tr_arena_block *new_block(struct tr_arena *a, size_t n)
{
    if (n <= BLOCK_MIN && a->free) {
        struct tr_arena_block *b = a->free;
        a->free = b->next;
        return b;
    }
    size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
    struct tr_arena_block *b = tr_malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->size = size;
    b->pos = 0;
    return b;
}

void *tr_arena_alloc(struct tr_arena *a, size_t n)
{
    n = (n + 7u) & ~(size_t)7u;
    if (n == 0)
        n = 8;
    struct tr_arena_block *h = a->head;
    if (h && h->size - h->pos >= n) {
        void *p = h->data + h->pos;
        h->pos += n;
        return p;
    }
    if (n > a->limit || a->used > a->limit - n)
        return NULL;
    struct tr_arena_block *b = new_block(a, n);
    if (!b)
        return NULL;
    b->next = a->head;
    a->head = b;
    a->used += b->size;
    b->pos = n;
    return b->data;
}
