/*
 * test_base.c -- the base modules: buf (limits), arena, vocab, cameo table,
 * allocation-failure seam, status texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cameo.h"
#include "vocab.h"

static void buf_limit(void **state)
{
    (void)state;
    struct tr_buf b;
    tr_buf_init(&b, 8);
    assert_int_equal(tr_buf_adds(&b, "12345678"), TRUCE_OK);
    assert_int_equal(tr_buf_addc(&b, '9'), TRUCE_ELIMIT);
    assert_int_equal(b.len, 8); /* unchanged on failure */
    assert_string_equal(b.data, "12345678");
    tr_buf_reset(&b);
    assert_int_equal(tr_buf_printf(&b, "%d-%s", 42, "x"), TRUCE_OK);
    assert_string_equal(b.data, "42-x");
    size_t n;
    char *taken = tr_buf_take(&b, &n);
    assert_int_equal(n, 4);
    assert_null(b.data);
    tr_free(taken);
    tr_buf_release(&b);
    tr_buf_release(&b); /* idempotent */
}

static void arena_reuse(void **state)
{
    (void)state;
    struct tr_arena a;
    tr_arena_init(&a, 1u << 20);
    char *p = tr_arena_alloc(&a, 100);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 8, 0);
    memset(p, 1, 100);
    assert_non_null(tr_arena_alloc(&a, 200000)); /* oversized block */
    assert_null(tr_arena_alloc(&a, 2u << 20));   /* over the limit */
    tr_arena_reset(&a);
    char *q = tr_arena_alloc(&a, 100);
    assert_non_null(q);
    tr_arena_release(&a);
}

static void vocab_intern(void **state)
{
    (void)state;
    struct tr_vocab v;
    tr_vocab_init(&v);
    assert_int_equal(tr_vocab_find(&v, "x", 1), 0);
    uint32_t ids[5000];
    char w[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(w, sizeof w, "word%d", i);
        assert_int_equal(tr_vocab_intern(&v, w, (size_t)n, &ids[i]), 0);
    }
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(w, sizeof w, "word%d", i);
        assert_int_equal(tr_vocab_find(&v, w, (size_t)n), ids[i]);
        assert_string_equal(tr_vocab_str(&v, ids[i]), w);
    }
    uint32_t again;
    assert_int_equal(tr_vocab_intern(&v, "word7", 5, &again), 0);
    assert_int_equal(again, ids[7]);
    assert_int_equal(tr_vocab_find(&v, "word", 4), 0); /* prefix only */
    assert_string_equal(tr_vocab_str(&v, 0), "");
    tr_vocab_release(&v);
}

static void vocab_oom(void **state)
{
    (void)state;
    /* Every allocation failure must leave a usable, leak-free vocab. */
    for (long n = 0; n < 50; n++) {
        struct tr_vocab v;
        tr_vocab_init(&v);
        tr_alloc_fail_after(n);
        int rc = TRUCE_OK;
        char w[16];
        for (int i = 0; i < 2000 && !rc; i++) {
            int len = snprintf(w, sizeof w, "w%d", i);
            uint32_t id;
            rc = tr_vocab_intern(&v, w, (size_t)len, &id);
        }
        tr_alloc_fail_after(-1);
        assert_true(rc == TRUCE_OK || rc == TRUCE_ENOMEM);
        tr_vocab_release(&v);
    }
}

static void cameo_table(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int root, quad;
        double goldstein;
    } cases[] = {
        {"194", 19, 4, -10.0}, {"196", 19, 4, -9.5}, {"112", 11, 3, -2.0},
        {"0871", 8, 2, 9.0},   {"036", 3, 1, 4.0},   {"20", 20, 4, -10.0},
        {"057", 5, 1, 8.0},    {"138", 13, 3, -7.0}, {"173", 17, 4, -5.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct truce_cameo_info info;
        assert_int_equal(truce_cameo_lookup(cases[i].code, &info), 0);
        assert_int_equal(info.root, cases[i].root);
        assert_int_equal(info.quad, cases[i].quad);
        assert_float_equal(info.goldstein, cases[i].goldstein, 0.01);
    }
    struct truce_cameo_info info;
    assert_int_equal(truce_cameo_lookup("999", &info), TRUCE_ENOTFOUND);
    assert_int_equal(truce_cameo_lookup("19", &info), 0);
    assert_null(tr_cameo_find("1944", 4));
    size_t n;
    const struct tr_cameo_row *rows = tr_cameo_rows(&n);
    assert_true(n > 300);
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(rows[i - 1].code, rows[i].code) < 0);
}

static void status_text(void **state)
{
    (void)state;
    assert_string_equal(truce_strerror(TRUCE_OK), "ok");
    assert_string_equal(truce_strerror(TRUCE_ENOMEM), "out of memory");
    assert_string_equal(truce_strerror(12345), "unknown status");
    assert_string_equal(truce_mode_name(TRUCE_MODE_THREATENED), "threatened");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_limit),   cmocka_unit_test(arena_reuse),
        cmocka_unit_test(vocab_intern), cmocka_unit_test(vocab_oom),
        cmocka_unit_test(cameo_table), cmocka_unit_test(status_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
