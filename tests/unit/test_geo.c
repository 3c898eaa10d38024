/*
 * test_geo.c -- the gazetteer: a small table written by the test (folding,
 * country hints, multi-word names, malformed rows, a missing file, running
 * out of memory), then the real table built from GeoNames when there is one
 * ($TRUCE_GEO_TABLE, else $TRUCE_SOURCE_DIR/build/gazetteer.tsv); without
 * it those tests are skipped, not failed.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp(), clock_gettime() */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "geo.h"

/* A few real places (coordinates and populations as GeoNames has them),
 * two sharing a name, one with a name that begins another's. */
static const char SMALL_TABLE[] =
    "# a test gazetteer\n"
    "Tripoli\tLBY\tTripoli\t32.88743\t13.18733\t1150989\ttripoli\t"
    "tarabulus|\xe1\xb9\xad" "ar\xc4\x81" "bulus\n"
    "Tripoli\tLBN\tNorth Lebanon\t34.43352\t35.84415\t229398\tTripoli\t"
    "tarabulus|trablous\n"
    "\n"
    "Port Sudan\tSDN\tRed Sea\t19.61745\t37.21644\t489725\tport sudan\t\n"
    "Port Sudan Camp\tSDN\tRed Sea\t19.6\t37.2\t10\tport sudan camp\t\n"
    "Kh\xc4\x81n Y\xc5\xabnis\tPSE\tGaza Strip\t31.34018\t34.30627\t173183\t"
    "khan yunis|kh\xc4\x81n y\xc5\xabnis\tkhan younis\r\n"
    "Al \xe1\xb8\xa8udaydah\tYEM\tAl Hudaydah\t14.79781\t42.95452\t617871\t"
    "al hudaydah\thodeidah|al-hodeidah\n"
    "Sirte\tLBY\tSurt\t31.20892\t16.58866\t128123\tsirte\tsirt\n";

static void write_file(char *path, size_t size, const char *text)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/test_geo_XXXXXX", dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

struct diags {
    int n;
    uint64_t lines[16];
};

static void count_diag(void *ud, const struct truce_diag *d)
{
    struct diags *c = ud;
    if (c->n < 16)
        c->lines[c->n] = d->line;
    c->n++;
}

static struct tr_geo *load_small(void)
{
    char path[256];
    write_file(path, sizeof path, SMALL_TABLE);
    struct tr_geo *g = NULL;
    struct diags dg = {0};
    assert_int_equal(tr_geo_load(&g, path, count_diag, &dg), TRUCE_OK);
    assert_int_equal(dg.n, 0);
    unlink(path);
    return g;
}

static void expect_place(const struct tr_geo *g, const char *name,
                         const char *hint, const char *country)
{
    struct truce_place p;
    memset(&p, 0, sizeof p);
    p.off = 7;
    int rc = tr_geo_find(g, name, strlen(name), hint, &p);
    if (!country) {
        assert_int_equal(rc, TRUCE_ENOTFOUND);
        return;
    }
    if (rc != TRUCE_OK || strcmp(p.country, country) != 0)
        fail_msg("%s (hint %s): got %s, want %s", name, hint ? hint : "-",
                 rc ? "nothing" : p.country, country);
    assert_int_equal(p.off, 7); /* off/len are the caller's */
}

static void test_small_find(void **state)
{
    (void)state;
    struct tr_geo *g = load_small();
    static const struct {
        const char *name, *hint, *country;
    } cases[] = {
        {"Tripoli", "LBY", "LBY"},   {"Tripoli", "LBN", "LBN"},
        {"Tripoli", NULL, "LBY"},    {"Tripoli", "FRA", "LBY"},
        {"TRIPOLI", "LBN", "LBN"},   {"tripoli", "", "LBY"},
        {"Tarabulus", "LBN", "LBN"}, {"\xe1\xb9\xac" "ar\xc4\x81" "bulus",
                                      NULL, "LBY"},
        {"Trablous", NULL, "LBN"},   {"Port Sudan", NULL, "SDN"},
        {"port  sudan", NULL, "SDN"},{"Khan Younis", NULL, "PSE"},
        {"KHĀN YŪNIS", NULL, "PSE"}, {"Al-Hudaydah", NULL, "YEM"},
        {"al hudaydah", NULL, "YEM"},{"Hodeidah", NULL, "YEM"},
        {"Al Hodeidah", NULL, "YEM"},{"Port", NULL, NULL},
        {"Sudan Port", NULL, NULL},  {"Tripol", NULL, NULL},
        {"", NULL, NULL},            {"Tripoli", "LB", "LBY"},
    };
    for (size_t i = 0; i < TR_ARRAY_LEN(cases); i++)
        expect_place(g, cases[i].name, cases[i].hint, cases[i].country);
    assert_true(tr_geo_is_place(g, "Sirt", 4));
    assert_false(tr_geo_is_place(g, "Sir", 3));
    assert_false(tr_geo_is_place(NULL, "Sirt", 4));
    struct truce_place p;
    assert_int_equal(tr_geo_find(g, "Sirte", 5, NULL, &p), TRUCE_OK);
    assert_string_equal(p.name, "Sirte");
    assert_string_equal(p.admin1, "Surt");
    /* "Tarabulus" names both Tripolis, and neither as its own name. */
    struct tr_geo_word w = {"tarabulus", 9};
    uint32_t id;
    assert_int_equal(tr_geo_longest(g, &w, 1, &id), 1);
    struct tr_geo_hit hit;
    assert_int_equal(tr_geo_pick(g, id, "LBN", &p, &hit), TRUCE_OK);
    assert_string_equal(p.country, "LBN");
    assert_int_equal(hit.candidates, 2);
    assert_false(hit.own_name);
    assert_true(hit.in_country);
    w = (struct tr_geo_word){"tripoli", 7};
    assert_int_equal(tr_geo_longest(g, &w, 1, &id), 1);
    assert_int_equal(tr_geo_pick(g, id, NULL, &p, &hit), TRUCE_OK);
    assert_true(hit.own_name);
    assert_false(hit.in_country);
    assert_int_equal(tr_geo_find(g, "Sirte", 5, NULL, &p), TRUCE_OK);
    assert_true(fabs(p.lat - 31.20892) < 1e-6);
    assert_true(fabs(p.lon - 16.58866) < 1e-6);
    tr_geo_free(g);
}

struct span_case {
    const char *words[5];
    uint32_t n, spans;
    const char *country;
};

static void check_span(const struct tr_geo *g, const struct span_case *c)
{
    struct tr_geo_word w[5];
    for (uint32_t i = 0; i < c->n; i++)
        w[i] = (struct tr_geo_word){c->words[i], (uint32_t)strlen(c->words[i])};
    uint32_t name = 0;
    uint32_t got = tr_geo_longest(g, w, c->n, &name);
    if (got != c->spans)
        fail_msg("%s ...: spans %u, want %u", c->words[0], got, c->spans);
    if (!c->country)
        return;
    struct truce_place p;
    struct tr_geo_hit hit;
    assert_int_equal(tr_geo_pick(g, name, c->country, &p, &hit), TRUCE_OK);
    assert_string_equal(p.country, c->country);
    assert_true(hit.population > 0 && hit.candidates > 0);
    assert_true(hit.in_country);
}

static void test_small_longest(void **state)
{
    (void)state;
    struct tr_geo *g = load_small();
    static const struct span_case cases[] = {
        {{"port", "sudan", "on"}, 3, 2, "SDN"},
        {{"port", "sudan", "camp", "x"}, 4, 3, "SDN"},
        {{"port", "said"}, 2, 0, NULL},
        {{"port"}, 1, 0, NULL},
        {{"al", "-", "hudaydah", "port"}, 4, 3, "YEM"},
        {{"-", "hudaydah"}, 2, 0, NULL},
        {{"tripoli", "-", "based"}, 3, 1, "LBY"},
        {{"khan", "younis", "'s"}, 3, 2, "PSE"},
        {{"kh\xc4\x81n", "y\xc5\xabnis"}, 2, 2, "PSE"},
        {{"khan"}, 1, 0, NULL},
        {{"berlin", "wall"}, 2, 0, NULL},
    };
    for (size_t i = 0; i < TR_ARRAY_LEN(cases); i++)
        check_span(g, &cases[i]);
    struct truce_place p;
    assert_int_equal(tr_geo_pick(g, UINT32_MAX, NULL, &p, NULL),
                     TRUCE_ENOTFOUND);
    uint32_t name;
    assert_int_equal(tr_geo_longest(NULL, NULL, 0, &name), 0);
    struct tr_geo_stats st;
    tr_geo_stats(g, &st);
    assert_int_equal(st.places, 7);
    assert_true(st.names >= 14 && st.postings >= 14 && st.bytes > 0);
    tr_geo_free(g);
}

static void test_canon(void **state)
{
    (void)state;
    char s[] = "  Al--Hudaydah  Port- ";
    size_t n = tr_geo_canon(s, strlen(s));
    assert_int_equal(n, strlen("al hudaydah port"));
    assert_memory_equal(s, "al hudaydah port", n);
}

static void test_malformed(void **state)
{
    (void)state;
    static const char BAD[] =
        "Goodtown\tAAA\t\t1.5\t2.5\t100\tgoodtown\t\n"      /* 1 ok */
        "Short\tAAA\t1.5\t2.5\n"                           /* 2 fields */
        "Bad\tAA\t\t1\t2\t3\tbad\t\n"                      /* 3 country */
        "Bad\tAAA\t\t91\t2\t3\tbad\t\n"                    /* 4 lat */
        "Bad\tAAA\t\t1\t2x\t3\tbad\t\n"                    /* 5 lon */
        "Bad\tAAA\t\t1\t2\t-3\tbad\t\n"                    /* 6 population */
        "Bad\tAAA\t\t1\t2\t3\t\t\n"                        /* 7 no keys */
        "\tAAA\t\t1\t2\t3\tbad\t\n"                        /* 8 no name */
        "Bad\xff\tAAA\t\t1\t2\t3\tbad\t\n"                 /* 9 UTF-8 */
        "Other Town\tBBB\tRegion\t-1\t-2.25\t7\tother town\tot\n"; /* 10 */
    char path[256];
    write_file(path, sizeof path, BAD);
    struct tr_geo *g = NULL;
    struct diags dg = {0};
    assert_int_equal(tr_geo_load(&g, path, count_diag, &dg), TRUCE_EDICT);
    unlink(path);
    assert_non_null(g);
    assert_int_equal(dg.n, 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(dg.lines[i], (uint64_t)i + 2);
    expect_place(g, "Goodtown", NULL, "AAA");
    expect_place(g, "other town", NULL, "BBB");
    expect_place(g, "OT", NULL, "BBB");
    expect_place(g, "Bad", NULL, NULL);
    struct truce_place p;
    assert_int_equal(tr_geo_find(g, "Other Town", 10, NULL, &p), TRUCE_OK);
    assert_true(fabs(p.lat + 1.0) < 1e-9 && fabs(p.lon + 2.25) < 1e-9);
    tr_geo_free(g);
}

static void test_missing(void **state)
{
    (void)state;
    struct tr_geo *g = (struct tr_geo *)&g;
    struct diags dg = {0};
    assert_int_equal(tr_geo_load(&g, "/nonexistent/gazetteer.tsv",
                                 count_diag, &dg),
                     TRUCE_ENOTFOUND);
    assert_null(g);
    assert_int_equal(dg.n, 1);
    tr_geo_free(NULL);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    char path[256];
    write_file(path, sizeof path, SMALL_TABLE);
    for (long n = 0;; n++) {
        struct tr_geo *g = NULL;
        tr_alloc_fail_after(n);
        int rc = tr_geo_load(&g, path, NULL, NULL);
        tr_alloc_fail_after(-1);
        if (rc == TRUCE_OK) {
            expect_place(g, "Tripoli", "LBN", "LBN");
            tr_geo_free(g);
            break;
        }
        assert_int_equal(rc, TRUCE_ENOMEM);
        assert_null(g);
        assert_true(n < 1000);
    }
    unlink(path);
}

/* ---- the real table ---- */

static const char *real_table(char *buf, size_t size)
{
    const char *env = getenv("TRUCE_GEO_TABLE");
    if (env && *env)
        return env;
    const char *src = getenv("TRUCE_SOURCE_DIR");
    snprintf(buf, size, "%s/build/gazetteer.tsv", src ? src : ".");
    return buf;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int setup_real(void **state)
{
    char buf[4096];
    const char *path = real_table(buf, sizeof buf);
    struct tr_geo *g = NULL;
    double t0 = now_ms();
    int rc = tr_geo_load(&g, path, NULL, NULL);
    double ms = now_ms() - t0;
    if (rc == TRUCE_OK) {
        struct tr_geo_stats st;
        tr_geo_stats(g, &st);
        printf("# gazetteer %s: %u places, %u names, %.1f MB in memory, "
               "loaded in %.0f ms\n", path, st.places, st.names,
               (double)st.bytes / 1e6, ms);
    }
    else {
        printf("# no gazetteer at %s (%s): real-data tests skipped; build "
               "it with scripts/make_gazetteer.sh\n", path,
               truce_strerror(rc));
        tr_geo_free(g);
        g = NULL;
    }
    *state = g;
    return 0;
}

static int teardown_real(void **state)
{
    tr_geo_free(*state);
    return 0;
}

static void test_real_places(void **state)
{
    const struct tr_geo *g = *state;
    if (!g)
        skip();
    static const struct {
        const char *name, *hint, *country;
    } cases[] = {
        {"Tripoli", "LBY", "LBY"},    {"Tripoli", "LBN", "LBN"},
        {"Tripoli", NULL, "LBY"},     {"Hodeidah", NULL, "YEM"},
        {"Al Hudaydah", NULL, "YEM"}, {"Al-Hudaydah", NULL, "YEM"},
        {"Kherson", NULL, "UKR"},     {"Berlin", NULL, "DEU"},
        {"Goma", NULL, "COD"},        {"Khan Younis", NULL, "PSE"},
        {"Khan Yunis", "ISR", "PSE"}, {"Port Sudan", NULL, "SDN"},
        {"El Fasher", NULL, "SDN"},   {"Benghazi", NULL, "LBY"},
        {"Misrata", NULL, "LBY"},     {"Aleppo", NULL, "SYR"},
        {"Kyiv", NULL, "UKR"},        {"Kiev", NULL, "UKR"},
        {"Mariupol", NULL, "UKR"},    {"Bakhmut", NULL, "UKR"},
        {"Gaza", NULL, "PSE"},        {"Rafah", "PSE", "PSE"},
        {"Sanaa", NULL, "YEM"},       {"Aden", NULL, "YEM"},
        {"Mogadishu", NULL, "SOM"},   {"Khartoum", NULL, "SDN"},
        {"Paris", NULL, "FRA"},       {"Moscow", NULL, "RUS"},
        {"Pristina", NULL, "KSV"},    {"Xqzvblorp", NULL, NULL},
    };
    for (size_t i = 0; i < TR_ARRAY_LEN(cases); i++)
        expect_place(g, cases[i].name, cases[i].hint, cases[i].country);
    struct truce_place p;
    assert_int_equal(tr_geo_find(g, "Sirte", 5, "LBY", &p), TRUCE_OK);
    assert_string_equal(p.country, "LBY");
    assert_true(fabs(p.lat - 31.2) < 0.05 && fabs(p.lon - 16.6) < 0.05);
    assert_int_equal(tr_geo_find(g, "Tripoli", 7, "LBN", &p), TRUCE_OK);
    assert_string_equal(p.admin1, "North Lebanon");
}

static void test_real_longest(void **state)
{
    const struct tr_geo *g = *state;
    if (!g)
        skip();
    static const struct span_case cases[] = {
        {{"port", "sudan", "on"}, 3, 2, "SDN"},
        {{"khan", "younis", "on"}, 3, 2, "PSE"},
        {{"el", "fasher", "in"}, 3, 2, "SDN"},
        {{"al", "-", "hudaydah"}, 3, 3, "YEM"},
        {{"tripoli", "on"}, 2, 1, "LBY"},
        {{"xqzvblorp", "town"}, 2, 0, NULL},
    };
    for (size_t i = 0; i < TR_ARRAY_LEN(cases); i++)
        check_span(g, &cases[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canon),
        cmocka_unit_test(test_small_find),
        cmocka_unit_test(test_small_longest),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_out_of_memory),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(test_real_places),
        cmocka_unit_test(test_real_longest),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed
           + cmocka_run_group_tests_name("geo_real", real, setup_real,
                                         teardown_real);
}
