/*
 * internal.h -- base macros every module of libtruce may use: assertions,
 * the allocation seam and the must-use attribute. Includes nothing of the
 * pipeline; every module may include it.
 */
#ifndef TR_INTERNAL_H
#define TR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "truce/truce.h"

#if defined(__GNUC__)
#define TR_MUST_USE __attribute__((warn_unused_result))
#define TR_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define TR_LIKELY(x) __builtin_expect(!!(x), 1)
#define TR_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TR_MUST_USE
#define TR_PRINTF(a, b)
#define TR_LIKELY(x) (x)
#define TR_UNLIKELY(x) (x)
#endif

/* TR_ASSERT is for our own bugs and is on in test builds only. ALWAYS() and
 * NEVER() mark conditions that must hold; in test builds they assert, in
 * release builds they pass the value through so the code stays defensive. */
#ifdef TRUCE_TESTING
/* Our own check, not assert(): CMake's release builds define NDEBUG, and
 * test builds must check even then. */
void tr_assert_fail(const char *expr, const char *file, int line);
#define TR_ASSERT(x) ((x) ? (void)0 : tr_assert_fail(#x, __FILE__, __LINE__))
#define ALWAYS(x) ((x) ? 1 : (tr_assert_fail(#x, __FILE__, __LINE__), 1))
#define NEVER(x) ((x) ? (tr_assert_fail("!" #x, __FILE__, __LINE__), 1) : 0)
#else
#define TR_ASSERT(x) ((void)0)
#define ALWAYS(x) (x)
#define NEVER(x) (x)
#endif

#define TR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The one allocation seam (alloc.c). Test builds can make the Nth call fail
 * with tr_alloc_fail_after(). */
TR_MUST_USE void *tr_malloc(size_t n);
TR_MUST_USE void *tr_calloc(size_t n, size_t size);
TR_MUST_USE void *tr_realloc(void *p, size_t n);
void tr_free(void *p);
TR_MUST_USE char *tr_strndup(const char *s, size_t n);
/* Make allocation number 'n' from now (0 = the next) and all later ones
 * fail; negative turns failures off. Only in TRUCE_TESTING builds. */
void tr_alloc_fail_after(long n);

/* Report 'msg' about 'file' (line 'line', 0 if none) through 'diag' when
 * there is one: the one way the loaders speak of a file. */
void tr_diag_report(truce_diag_fn *diag, void *ud, enum truce_severity sev,
                    const char *file, uint64_t line, const char *msg);

/* For loaders that go on past bad lines: TRUCE_EDICT (some lines were
 * skipped) sets *bad and lets loading continue; any other error stops
 * it (returns 1). */
static inline int tr_partly(int rc, int *bad)
{
    if (rc == TRUCE_EDICT) {
        *bad = 1;
        return 0;
    }
    return rc != TRUCE_OK;
}

/* Whether the CAMEO code 'code' holds 'block' at a 3-letter boundary
 * from byte 'from' on: tr_code_has("LBYGOVMIL", "MIL", 3). */
static inline int tr_code_has(const char *code, const char *block,
                              size_t from)
{
    size_t n = strlen(code), m = strlen(block);
    for (size_t i = from; i + m <= n; i += 3)
        if (memcmp(code + i, block, m) == 0)
            return 1;
    return 0;
}

/* Grow '*arr' (element size 'size', capacity '*cap') to hold 'need'
 * elements. On failure the array is unchanged. */
TR_MUST_USE int tr_grow(void **arr, uint32_t *cap, uint32_t need,
                        size_t size);

/* Make room for element 'n' of '*arr' and clear it to zero bytes: its
 * address, or NULL with '*rc' set (the array is then unchanged). */
void *tr_grow_slot(void **arr, uint32_t *cap, uint32_t n, size_t size,
                   int *rc);

#endif
