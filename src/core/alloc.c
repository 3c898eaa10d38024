/*
 * alloc.c -- the one allocation seam of libtruce. Every allocation goes
 * through here so that test builds can inject failures (tests/oom).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifdef TRUCE_TESTING
#include <stdio.h>

void tr_assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}

static long fail_countdown = -1; /* test-only: not used in release builds */

void tr_alloc_fail_after(long n)
{
    fail_countdown = n;
}

static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}
#else
void tr_alloc_fail_after(long n)
{
    (void)n;
}

static int should_fail(void)
{
    return 0;
}
#endif

void *tr_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *tr_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *tr_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void tr_free(void *p)
{
    free(p);
}

char *tr_strndup(const char *s, size_t n)
{
    char *d = tr_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

int tr_grow(void **arr, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return TRUCE_OK;
    uint64_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    if (ncap > UINT32_MAX || ncap * size > SIZE_MAX / 2)
        return TRUCE_ELIMIT;
    void *p = tr_realloc(*arr, (size_t)ncap * size);
    if (!p)
        return TRUCE_ENOMEM;
    *arr = p;
    *cap = (uint32_t)ncap;
    return TRUCE_OK;
}

void *tr_grow_slot(void **arr, uint32_t *cap, uint32_t n, size_t size,
                   int *rc)
{
    *rc = n == UINT32_MAX ? TRUCE_ELIMIT : tr_grow(arr, cap, n + 1, size);
    if (*rc)
        return NULL;
    char *slot = (char *)*arr + (size_t)n * size;
    memset(slot, 0, size);
    return slot;
}
