/*
 * test_lexicon.c -- the lemma lexicon: lemmas of the shipped
 * dict/lexicon.tsv ($TRUCE_DICT_DIR), part-of-speech knowledge, the
 * first-lemma-wins rule, and malformed files (diagnostics, good lines kept).
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp() */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lexicon.h"

static const struct {
    const char *form;
    char pos;
    const char *lemma;
} LEMMAS[] = {
    {"shelled", 'v', "shell"},       {"shelling", 'v', "shell"},
    {"held", 'v', "hold"},           {"forces", 'n', "force"},
    {"forces", 'v', "force"},        {"talks", 'n', "talk"},
    {"talks", 'v', "talk"},          {"attacked", 'v', "attack"},
    {"met", 'v', "meet"},            {"fought", 'v', "fight"},
    {"withdrew", 'v', "withdraw"},   {"withdrawn", 'v', "withdraw"},
    {"struck", 'v', "strike"},       {"accused", 'v', "accuse"},
    {"denied", 'v', "deny"},         {"said", 'v', "say"},
    {"was", 'v', "be"},              {"were", 'v', "be"},
    {"is", 'v', "be"},               {"are", 'v', "be"},
    {"am", 'v', "be"},               {"been", 'v', "be"},
    {"being", 'v', "be"},            {"has", 'v', "have"},
    {"had", 'v', "have"},            {"did", 'v', "do"},
    {"does", 'v', "do"},             {"crises", 'n', "crisis"},
    {"men", 'n', "man"},             {"women", 'n', "woman"},
    {"children", 'n', "child"},      {"troops", 'n', "troop"},
    {"casualties", 'n', "casualty"}, {"bombed", 'v', "bomb"},
    {"bombing", 'v', "bomb"},        {"planned", 'v', "plan"},
    {"stopped", 'v', "stop"},        {"agreed", 'v', "agree"},
    {"negotiations", 'n', "negotiation"},
    {"mediated", 'v', "mediate"},    {"killed", 'v', "kill"},
    {"fled", 'v', "flee"},           {"seized", 'v', "seize"},
    {"better", 'a', "good"},         {"shot", 'v', "shoot"},
    {"brought", 'v', "bring"},       {"sought", 'v', "seek"},
    {"led", 'v', "lead"},            {"began", 'v', "begin"},
    {"broke", 'v', "break"},         {"broken", 'v', "break"},
    {"spoke", 'v', "speak"},         {"left", 'v', "leave"},
    {"found", 'v', "find"},          {"saw", 'v', "see"},
    {"dying", 'v', "die"},           {"policemen", 'n', "policeman"},
    {"bigger", 'a', "big"},          {"worst", 'a', "bad"},
    /* WordNet spells it "cease-fire"; "ceasefire" is not in WordNet. */
    {"cease-fires", 'n', "cease-fire"},
    /* Base forms are their own lemma; unknown words are themselves. */
    {"attack", 'v', "attack"},       {"left", 'a', "left"},
    {"seed", 'v', "seed"},           {"bed", 'v', "bed"},
    {"zzxq", 'v', "zzxq"},
};

static const struct {
    const char *word;
    char pos;
    int known;
} KNOWN[] = {
    {"attack", 'v', 1},  {"attack", 'n', 1},  {"attacked", 'v', 1},
    {"attacked", 'n', 0},{"talks", 'n', 1},   {"left", 'a', 1},
    {"left", 'v', 1},    {"good", 'a', 1},    {"good", 'v', 0},
    {"troop", 'n', 1},   {"ceasefire", 'n', 0},{"us", 'n', 0},
    {"its", 'n', 0},     {"is", 'n', 0},      {"is", 'v', 1},
    {"the", 'n', 0},     {"shell", 'x', 0},   {"zzxq", 'n', 0},
};

static struct tr_vocab vocab;
static struct tr_lexicon *lexicon;

static int load_shipped(void **state)
{
    (void)state;
    const char *dir = getenv("TRUCE_DICT_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/lexicon.tsv", dir ? dir : "dict");
    tr_vocab_init(&vocab);
    return tr_lexicon_load(&lexicon, path, &vocab, NULL, NULL);
}

static int free_shipped(void **state)
{
    (void)state;
    tr_lexicon_free(lexicon);
    tr_vocab_release(&vocab);
    return 0;
}

static uint32_t id_of(const char *s)
{
    uint32_t id;
    assert_int_equal(tr_vocab_intern(&vocab, s, strlen(s), &id), TRUCE_OK);
    return id;
}

static void test_lemmas(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof LEMMAS / sizeof LEMMAS[0]; i++) {
        uint32_t lemma = tr_lexicon_lemma(lexicon, id_of(LEMMAS[i].form),
                                          LEMMAS[i].pos);
        const char *got = tr_vocab_str(&vocab, lemma);
        if (strcmp(got, LEMMAS[i].lemma) != 0)
            fail_msg("%s (%c): expected %s, got %s", LEMMAS[i].form,
                     LEMMAS[i].pos, LEMMAS[i].lemma, got);
    }
}

static void test_known(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof KNOWN / sizeof KNOWN[0]; i++) {
        int got = tr_lexicon_has(lexicon, id_of(KNOWN[i].word), KNOWN[i].pos);
        if (got != KNOWN[i].known)
            fail_msg("has(%s, %c): expected %d", KNOWN[i].word, KNOWN[i].pos,
                     KNOWN[i].known);
    }
}

/* Words interned after the load lie past the lexicon's arrays. */
static void test_ids_past_the_load(void **state)
{
    (void)state;
    uint32_t fresh = id_of("qqzzunknownword");
    assert_int_equal(tr_lexicon_lemma(lexicon, fresh, 'v'), fresh);
    assert_int_equal(tr_lexicon_has(lexicon, fresh, 'n'), 0);
    assert_int_equal(tr_lexicon_lemma(lexicon, UINT32_MAX, 'n'), UINT32_MAX);
    assert_int_equal(tr_lexicon_has(lexicon, UINT32_MAX, 'a'), 0);
    assert_int_equal(tr_lexicon_lemma(NULL, 7, 'v'), 7);
    assert_int_equal(tr_lexicon_has(NULL, 7, 'v'), 0);
}

/* ---- small files written by the tests ---- */

struct diags {
    int n;
    char msg[16][256];
    uint64_t line[16];
};

static void collect(void *ud, const struct truce_diag *d)
{
    struct diags *ds = ud;
    if (ds->n < 16) {
        snprintf(ds->msg[ds->n], sizeof ds->msg[0], "%s", d->msg);
        ds->line[ds->n] = d->line;
    }
    ds->n++;
}

static void write_temp(char *path, size_t size, const char *text, size_t n)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/test_lexicon_XXXXXX", dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
}

static const char BAD_FILE[] =
    "# a comment line\n"
    "shelled\tv\tshell\n"                 /* 2: good */
    "onlyone\n"                           /* 3: one field */
    "a\tv\tb\tc\n"                        /* 4: four fields */
    "fought\tx\tfight\n"                  /* 5: bad part of speech */
    "fought\tvn\tfight\n"                 /* 6: bad part of speech */
    "\tv\tempty\n"                        /* 7: empty form */
    "caf\xc3\tn\tcafe\n"                  /* 8: truncated UTF-8 */
    "Held\tv\thold\n"                     /* 9: not folded */
    "held\tv\thold  # a trailing comment\r\n" /* 10: good, CRLF */
    "\n"                                  /* 11: blank */
    "caf\xc3\xa9\tn\n"                    /* 12: good, UTF-8 base form */
    "saw\tv\tsee\n"                       /* 13: good */
    "saw\tv\n"                            /* 14: good, but see came first */
    "met\tv\t\n"                          /* 15: empty lemma */
    "over\xc0\xaflong\tn\n"               /* 16: overlong UTF-8 */
    "men\tn\tman";                        /* 17: good, no final newline */

static void test_malformed_lines(void **state)
{
    (void)state;
    char path[4096];
    write_temp(path, sizeof path, BAD_FILE, sizeof BAD_FILE - 1);
    struct tr_vocab v;
    tr_vocab_init(&v);
    struct tr_lexicon *lx;
    struct diags ds = {0};
    int rc = tr_lexicon_load(&lx, path, &v, collect, &ds);
    assert_int_equal(rc, TRUCE_EDICT);
    assert_non_null(lx);
    static const uint64_t bad_lines[] = {3, 4, 5, 6, 7, 8, 9, 15, 16};
    assert_int_equal(ds.n, (int)(sizeof bad_lines / sizeof bad_lines[0]));
    for (int i = 0; i < ds.n; i++) {
        /* the line is in the diagnostic; the message says what is wrong */
        assert_int_equal(ds.line[i], bad_lines[i]);
        assert_true(strlen(ds.msg[i]) > 3);
        assert_null(strstr(ds.msg[i], path));
    }
    static const char *const good[][3] = {
        {"shelled", "v", "shell"}, {"held", "v", "hold"},
        {"saw", "v", "see"},       {"men", "n", "man"},
        {"caf\xc3\xa9", "n", "caf\xc3\xa9"}, {"see", "v", "see"},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint32_t form = tr_vocab_find(&v, good[i][0], strlen(good[i][0]));
        assert_true(form != 0);
        assert_true(tr_lexicon_has(lx, form, good[i][1][0]));
        assert_string_equal(
            tr_vocab_str(&v, tr_lexicon_lemma(lx, form, good[i][1][0])),
            good[i][2]);
    }
    uint32_t fought = tr_vocab_find(&v, "fought", 6);
    assert_int_equal(tr_lexicon_has(lx, fought, 'v'), 0);
    tr_lexicon_free(lx);
    tr_vocab_release(&v);
    unlink(path);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct tr_vocab v;
    tr_vocab_init(&v);
    struct tr_lexicon *lx = (struct tr_lexicon *)&v;
    struct diags ds = {0};
    int rc = tr_lexicon_load(&lx, "/nonexistent/lexicon.tsv", &v, collect,
                             &ds);
    assert_int_equal(rc, TRUCE_ENOTFOUND);
    assert_null(lx);
    assert_int_equal(ds.n, 1);
    tr_vocab_release(&v);
}

/* Every allocation failure during a load is TRUCE_ENOMEM, with nothing
 * left behind (LSan checks the leaks in sanitizer builds). */
static void test_out_of_memory(void **state)
{
    (void)state;
    char path[4096];
    write_temp(path, sizeof path, BAD_FILE, sizeof BAD_FILE - 1);
    for (long n = 0;; n++) {
        struct tr_vocab v;
        tr_vocab_init(&v);
        struct tr_lexicon *lx;
        tr_alloc_fail_after(n);
        int rc = tr_lexicon_load(&lx, path, &v, NULL, NULL);
        tr_alloc_fail_after(-1);
        tr_lexicon_free(lx);
        tr_vocab_release(&v);
        if (rc != TRUCE_ENOMEM) {
            assert_int_equal(rc, TRUCE_EDICT);
            break;
        }
        assert_null(lx);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest shipped[] = {
        cmocka_unit_test(test_lemmas),
        cmocka_unit_test(test_known),
        cmocka_unit_test(test_ids_past_the_load),
    };
    const struct CMUnitTest files[] = {
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_out_of_memory),
    };
    int failed = cmocka_run_group_tests_name("shipped lexicon", shipped,
                                             load_shipped, free_shipped);
    failed += cmocka_run_group_tests_name("lexicon files", files, NULL, NULL);
    return failed;
}
