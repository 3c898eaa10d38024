/*
 * test_dict.c -- the reader of our dictionary format: actors with dated
 * codes and flags, agents, verb families with phrasal members, patterns and
 * examples; every malformed line reported with file and line while the good
 * lines still load.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict.h"

struct diags {
    int n;
    char last[512];
    char all[4096];
};

static void on_diag(void *ud, const struct truce_diag *d)
{
    struct diags *g = ud;
    g->n++;
    snprintf(g->last, sizeof g->last, "%s:%llu: %s", d->file ? d->file : "",
             (unsigned long long)d->line, d->msg);
    size_t used = strlen(g->all);
    snprintf(g->all + used, sizeof g->all - used, "%s\n", g->last);
}

static char tmpdir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Write 'text' to 'name' under the test directory and load that one file
 * into a fresh dictionary; returns tr_dict_load_file()'s result. */
static int load_one(const char *name, const char *text, struct tr_vocab *v,
                    struct tr_dict *d, struct diags *g)
{
    write_file(name, text);
    tr_vocab_init(v);
    tr_dict_init(d, v, on_diag, g);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return tr_dict_load_file(d, path);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/truce-test-dict-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    char sub[300];
    snprintf(sub, sizeof sub, "%s/actors", tmpdir);
    if (mkdir(sub, 0700))
        return -1;
    snprintf(sub, sizeof sub, "%s/verbs", tmpdir);
    if (mkdir(sub, 0700))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static uint32_t phrase_node(struct tr_dict *d, const char *const *words,
                            size_t n)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = tr_vocab_find(d->vocab, words[i], strlen(words[i]));
        node = tr_dict_child(d, node, id);
        if (!node)
            return 0;
    }
    return node;
}

static void actors_and_dates(void **state)
{
    (void)state;
    static const char text[] =
        "# comment line\n"
        "LBY : Libya | Libyan {country}\n"
        "LBYGOV : Tripoli {capital}   # trailing comment\n"
        "LBYGOV 2016-03-30..2021-03-15; LBYELI : Fayez al-Sarraj | "
        "Sarraj {person, male}\n"
        "LBYMIL 2014-05-16.. : Khalifa Haftar | Haftar {person}\r\n";
    struct tr_vocab v;
    struct tr_dict d;
    struct diags g = {0};
    assert_int_equal(load_one("actors/a.actors", text, &v, &d, &g), TRUCE_OK);
    assert_int_equal(g.n, 0);
    assert_int_equal(d.n_actors, 4);
    assert_int_equal(d.n_actor_names, 7);
    const char *sarraj[] = {"fayez", "al", "-", "sarraj"};
    uint32_t node = phrase_node(&d, sarraj, 4);
    assert_true(node != 0);
    uint32_t actor = d.nodes[node].actor;
    assert_true(actor != 0);
    assert_true(d.actors[actor].flags & TR_AF_PERSON);
    int32_t in_office, later;
    assert_int_equal(tr_parse_day("2019-04-04", 10, &in_office), 0);
    assert_int_equal(tr_parse_day("2023-01-01", 10, &later), 0);
    assert_string_equal(tr_dict_actor_code(&d, actor, in_office), "LBYGOV");
    assert_string_equal(tr_dict_actor_code(&d, actor, later), "LBYELI");
    assert_string_equal(tr_dict_actor_code(&d, actor, TR_DAY_MIN), "LBYELI");
    const char *haftar[] = {"haftar"};
    node = phrase_node(&d, haftar, 1);
    /* only a dated code: the latest is the best guess for other dates */
    assert_string_equal(tr_dict_actor_code(&d, d.nodes[node].actor, 0),
                        "LBYMIL");
    tr_dict_release(&d);
    tr_vocab_release(&v);
}

static void bad_lines_reported(void **state)
{
    (void)state;
    static const char text[] =
        "LBY : Libya\n"
        "no colon here\n"
        "lby : lower case code\n"
        "LBYGOV 2021-02-30..2022-01-01 : Bad Date\n"
        "LBYGOV 2022-01-01..2021-01-01 : Backwards\n"
        "LBYGOV : Good | | Empty\n"
        "LBYGOV : Flagged {country, nonsense}\n"
        "EGY : Egypt\xff\n"
        "EGY : Egypt | Egyptian {country}\n";
    struct tr_vocab v;
    struct tr_dict d;
    struct diags g = {0};
    assert_int_equal(load_one("actors/bad.actors", text, &v, &d, &g), TRUCE_EDICT);
    assert_int_equal(g.n, 7);
    assert_non_null(strstr(g.all, "bad.actors:2: expected"));
    assert_non_null(strstr(g.all, "bad.actors:3: bad actor code"));
    assert_non_null(strstr(g.all, "bad.actors:4: bad date range"));
    assert_non_null(strstr(g.all, "bad.actors:5: bad date range"));
    assert_non_null(strstr(g.all, "bad.actors:6: empty name"));
    assert_non_null(strstr(g.all, "bad.actors:7: unknown flag"));
    assert_non_null(strstr(g.all, "bad.actors:8: invalid UTF-8"));
    /* the good lines still loaded */
    const char *egypt[] = {"egyptian"};
    assert_true(phrase_node(&d, egypt, 1) != 0);
    tr_dict_release(&d);
    tr_vocab_release(&v);
}

static void verbs_and_patterns(void **state)
{
    (void)state;
    static const char text[] =
        "verb shell | bombard | fire on\n"
        "194 +\n"
        "196 + in violation of truce/ceasefire\n"
        "> Haftar's forces shelled Tripoli. => 194 LBYMIL LBY\n"
        "verb launch | carry out\n"
        "190 offensive/attack against/on +\n"
        "195 * airstrike/airstrikes on +\n"
        "999x bad code\n"
        "> no arrow here\n"
        "talk nonsense\n";
    struct tr_vocab v;
    struct tr_dict d;
    struct diags g = {0};
    assert_int_equal(load_one("verbs/v.verbs", text, &v, &d, &g), TRUCE_EDICT);
    assert_int_equal(g.n, 3);
    assert_int_equal(d.n_families, 2);
    /* 2 patterns x 3 members + 2 x 2 members */
    assert_int_equal(d.n_patterns, 10);
    assert_int_equal(d.n_examples, 1);
    assert_string_equal(d.examples[0].code, "194");
    assert_string_equal(d.examples[0].source, "LBYMIL");
    assert_string_equal(d.examples[0].target, "LBY");
    assert_int_equal(tr_dict_finish(&d), 0);
    uint32_t shell = tr_vocab_find(&v, "shell", 5), n;
    const uint32_t *ids = tr_dict_verb_patterns(&d, shell, &n);
    assert_int_equal(n, 2);
    /* most specific first */
    assert_string_equal(d.patterns[ids[0]].code, "196");
    assert_string_equal(d.patterns[ids[1]].code, "194");
    /* phrasal member: "fire on +" has the word "on" right after the verb */
    uint32_t fire = tr_vocab_find(&v, "fire", 4);
    ids = tr_dict_verb_patterns(&d, fire, &n);
    assert_int_equal(n, 2);
    const struct tr_pattern *p = &d.patterns[ids[1]];
    assert_int_equal(p->n_words, 1);
    assert_int_equal(d.pels[p->first_el].kind, TR_PEL_WORD);
    assert_int_equal(d.pels[p->first_el + 1].kind, TR_PEL_TARGET);
    assert_int_equal(d.pels[p->first_el + 1].direct, 0);
    tr_dict_release(&d);
    tr_vocab_release(&v);
}

/* "+!" is the target as the direct object; a shadowing check tells it
 * from "+". */
static void direct_object(void **state)
{
    (void)state;
    static const char text[] =
        "verb release | free\n"
        "0841 +!\n"
        "0841 +\n";
    struct tr_vocab v;
    struct tr_dict d;
    struct diags g = {0};
    assert_int_equal(load_one("verbs/d.verbs", text, &v, &d, &g), 0);
    assert_int_equal(tr_dict_finish(&d), 0);
    uint32_t release = tr_vocab_find(&v, "release", 7), n;
    const uint32_t *ids = tr_dict_verb_patterns(&d, release, &n);
    assert_int_equal(n, 2);
    int direct = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct tr_pattern *p = &d.patterns[ids[i]];
        assert_int_equal(p->n_el, 1);
        assert_int_equal(d.pels[p->first_el].kind, TR_PEL_TARGET);
        direct += d.pels[p->first_el].direct;
    }
    assert_int_equal(direct, 1);
    tr_dict_release(&d);
    tr_vocab_release(&v);
}

static void dates(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int ok;
        int32_t day;
    } cases[] = {
        {"1970-01-01", 1, 0},     {"2020-02-22", 1, 18314},
        {"2000-02-29", 1, 11016}, {"1900-02-29", 0, 0},
        {"2021-13-01", 0, 0},     {"2021-1-01", 0, 0},
        {"20x1-01-01", 0, 0},     {"1969-12-31", 1, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t day = 12345;
        int rc = tr_parse_day(cases[i].s, strlen(cases[i].s), &day);
        assert_int_equal(rc == 0, cases[i].ok);
        if (cases[i].ok)
            assert_int_equal(day, cases[i].day);
    }
}

static void missing_dir(void **state)
{
    (void)state;
    struct tr_vocab v;
    struct tr_dict d;
    struct diags g = {0};
    tr_vocab_init(&v);
    tr_dict_init(&d, &v, on_diag, &g);
    assert_int_equal(tr_dict_load_dir(&d, "/nonexistent/truce"),
                     TRUCE_ENOTFOUND);
    assert_true(g.n >= 1);
    tr_dict_release(&d);
    tr_vocab_release(&v);
}

static void lint(void **state)
{
    (void)state;
    write_file("actors/lint.actors",
               "EGY : Egypt {country}\n"
               "EGYGOV : Egypt\n"
               "LBYGOV 2016-01-01..2018-12-31; LBYELI 2018-06-01..2020-01-01"
               " : Fayez Test {person}\n"
               "LBYGOV 2016-01-01..2018-12-31; LBYELI 2019-01-01.. : "
               "Clean Test {person}\n");
    write_file("verbs/lint.verbs",
               "verb shell\n"
               "194 +\n"
               "195 +\n"
               "999 with drone\n"
               "> Egypt shelled Libya. => 194 EGY LBY\n");
    char a[512], v[512];
    snprintf(a, sizeof a, "%s/actors/lint.actors", tmpdir);
    snprintf(v, sizeof v, "%s/verbs/lint.verbs", tmpdir);
    const char *paths[] = {a, v};
    struct diags g = {0};
    struct truce_dict_stats st;
    int rc = truce_dict_check(paths, 2, on_diag, &g, &st);
    assert_int_equal(rc, TRUCE_EDICT); /* 999 is no CAMEO code */
    assert_int_equal(st.bad_codes, 1);
    assert_int_equal(st.duplicate_names, 1);
    assert_int_equal(st.overlapping_dates, 1);
    assert_int_equal(st.shadowed_patterns, 1);
    assert_non_null(strstr(g.all, "lint.verbs:4: event code 999 is not in"));
    assert_non_null(strstr(g.all, "lint.verbs:3: pattern (195) can never"));
    assert_non_null(strstr(g.all, "lint.actors:2: a name here is also"));
    assert_non_null(strstr(g.all, "lint.actors:3: two dated codes"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(actors_and_dates), cmocka_unit_test(bad_lines_reported),
        cmocka_unit_test(verbs_and_patterns), cmocka_unit_test(direct_object),
        cmocka_unit_test(dates),
        cmocka_unit_test(missing_dir),   cmocka_unit_test(lint),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
