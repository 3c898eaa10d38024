/*
 * arena.h -- a bump allocator for per-article data. Everything allocated
 * from it dies together at tr_arena_reset(); memory is kept for the next
 * article, so coding a stream allocates almost nothing after warm-up.
 */
#ifndef TR_ARENA_H
#define TR_ARENA_H

#include "internal.h"

struct tr_arena_block;

struct tr_arena {
    struct tr_arena_block *head; /* current block, owned */
    struct tr_arena_block *free; /* blocks kept for reuse, owned */
    size_t limit;                /* the most bytes the arena may hold */
    size_t used;                 /* bytes in blocks now in use */
};

void tr_arena_init(struct tr_arena *a, size_t limit);
void tr_arena_release(struct tr_arena *a);
/* Forget all allocations; keep the blocks for reuse. */
void tr_arena_reset(struct tr_arena *a);
/* 'n' bytes aligned to 8, or NULL (out of memory or over the limit). */
TR_MUST_USE void *tr_arena_alloc(struct tr_arena *a, size_t n);

#endif
