/*
 * test_store.c -- the event store: day numbers, globs, actor split, text
 * hash; schema creation and reopening; a rolled-back article leaves
 * nothing; idempotent ingest; de-duplication windows and claim links.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "monitor.h"
#include "store.h"

static void test_days(void **state)
{
    (void)state;
    static const struct { const char *in; int64_t day; } cases[] = {
        {"1970-01-01", 0},       {"2020-03-01", 18322},
        {"2000-02-29", 11016},   {"1969-12-31", -1},
        {"2020-13-01", TR_DAY_NONE}, {"2020-1-01", TR_DAY_NONE},
        {"", TR_DAY_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(tr_store_day_parse(cases[i].in), cases[i].day);
        if (cases[i].day == TR_DAY_NONE)
            continue;
        char out[11];
        tr_store_day_format(cases[i].day, out);
        assert_string_equal(out, cases[i].in);
    }
    assert_int_equal(tr_store_day_parse(NULL), TR_DAY_NONE);
}

static void test_glob_split_hash(void **state)
{
    (void)state;
    assert_true(tr_store_glob("LBYGOV*", "LBYGOV"));
    assert_true(tr_store_glob("LBYGOV*", "LBYGOVMIL"));
    assert_false(tr_store_glob("LBYGOV*", "LBYMIL"));
    assert_true(tr_store_glob("*MIL", "TURMIL"));
    assert_true(tr_store_glob("L?Y*", "LBYREB"));
    char c[4], r[4];
    tr_store_actor_split("LBYGOVMIL", c, r);
    assert_string_equal(c, "LBY");
    assert_string_equal(r, "GOV");
    tr_store_actor_split("UN", c, r);
    assert_string_equal(c, "UN");
    assert_string_equal(r, "");
    char h1[33], h2[33];
    tr_store_text_hash("abc", 3, h1);
    tr_store_text_hash("abd", 3, h2);
    assert_int_equal(strlen(h1), 32);
    assert_string_not_equal(h1, h2);
}

static char db_path[64];

static struct tr_store *open_temp(void)
{
    snprintf(db_path, sizeof db_path, "/tmp/truce-test-store-%d.db",
             (int)getpid());
    struct tr_store *s = NULL;
    assert_int_equal(tr_store_open_sqlite(&s, db_path, NULL, NULL), 0);
    return s;
}

static void remove_temp(struct tr_store *s)
{
    tr_store_close(s);
    static const char *const ext[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[80];
        snprintf(p, sizeof p, "%s%s", db_path, ext[i]);
        remove(p);
    }
}

static struct tr_store_counts counts(struct tr_store *s)
{
    struct tr_store_counts c;
    assert_int_equal(s->ops->counts(s, &c), 0);
    return c;
}

static void test_rollback(void **state)
{
    (void)state;
    struct tr_store *s = open_temp();
    struct tr_article_in a = {"a1", "2020-03-01", NULL, NULL, NULL, "x", 1};
    int64_t id;
    assert_int_equal(s->ops->begin(s), 0);
    assert_int_equal(s->ops->add_article(s, &a, "h", 18322, &id), 0);
    assert_int_equal(s->ops->rollback(s), 0);
    assert_int_equal(counts(s).articles, 0);
    /* Reopening finds the schema and keeps it. */
    tr_store_close(s);
    s = open_temp();
    assert_int_equal(counts(s).articles, 0);
    remove_temp(s);
}

static void test_ingest_idempotent(void **state)
{
    (void)state;
    struct truce_coder *coder = NULL;
    struct truce_coder_options opt = {0};
    opt.dict_dir = getenv("TRUCE_DICT_DIR");
    (void)truce_coder_new(&coder, &opt);
    assert_non_null(coder);
    struct tr_store *s = open_temp();
    const char *text = "Turkish troops shelled the positions of Libyan "
                       "rebels near Sirte.";
    struct tr_article_in a = {"a1", "2020-03-01", NULL, "Wire", NULL, text,
                              strlen(text)};
    struct tr_ingest_stats st = {0};
    assert_int_equal(tr_store_ingest(s, coder, &a, &st), 0);
    a.doc = "a2"; /* same text, other id */
    assert_int_equal(tr_store_ingest(s, coder, &a, &st), 0);
    a.doc = "a1";
    a.text = "Other text.";
    a.len = 11; /* same id, other text */
    assert_int_equal(tr_store_ingest(s, coder, &a, &st), 0);
    assert_int_equal(st.articles_new, 1);
    assert_int_equal(st.articles_skipped, 2);
    assert_true(counts(s).events >= 1);
    remove_temp(s);
    truce_coder_free(coder);
}

static const char SENTENCE[] = "LNA forces shelled GNA forces.";

static void event(struct truce_event *ev, const char *src, const char *tgt,
                  enum truce_mode mode, const char *date)
{
    memset(ev, 0, sizeof *ev);
    ev->doc = "d";
    ev->sent = 1;
    ev->sent_len = (uint32_t)strlen(SENTENCE);
    memcpy(ev->code, "194", 4);
    memcpy(ev->root, "19", 3);
    ev->quad = 4;
    ev->goldstein = -10;
    snprintf(ev->source.code, 32, "%s", src);
    snprintf(ev->target.code, 32, "%s", tgt);
    ev->has_target = 1;
    ev->mode = mode;
    ev->text = SENTENCE;
    snprintf(ev->date, sizeof ev->date, "%s", date);
    ev->date_precision = TRUCE_DATE_DAY;
    if (mode == TRUCE_MODE_CLAIMED) {
        ev->has_claim = 1;
        memcpy(ev->claim.code, "LBYGOV", 7);
    }
}

/* Each event in its own article from its own publisher. */
static void add(struct tr_store *s, int i, const struct truce_event *ev)
{
    char doc[16], source[16];
    snprintf(doc, sizeof doc, "doc%d", i);
    snprintf(source, sizeof source, "pub%d", i % 2);
    struct tr_article_in a = {doc, ev->date, NULL, source, NULL, doc,
                              strlen(doc)};
    char hash[33];
    int64_t id;
    tr_store_text_hash(doc, strlen(doc), hash);
    assert_int_equal(s->ops->begin(s), 0);
    assert_int_equal(s->ops->add_article(s, &a, hash, 0, &id), 0);
    assert_int_equal(s->ops->add_event(s, id, 0, ev), 0);
    assert_int_equal(s->ops->commit(s), 0);
}

static void test_dedup_and_claims(void **state)
{
    (void)state;
    struct tr_store *s = open_temp();
    struct truce_event ev;
    /* A claim first: linked when the asserted event arrives. */
    event(&ev, "LBYMIL", "LBYGOV", TRUCE_MODE_CLAIMED, "2020-03-01");
    add(s, 0, &ev);
    event(&ev, "LBYMIL", "LBYGOV", TRUCE_MODE_ASSERTED, "2020-03-01");
    add(s, 1, &ev);
    event(&ev, "LBYMIL", "LBYGOVMIL", TRUCE_MODE_ASSERTED, "2020-03-02");
    add(s, 2, &ev); /* same country and role, a day later: merged */
    event(&ev, "LBYMIL", "LBYGOV", TRUCE_MODE_ASSERTED, "2020-03-04");
    add(s, 3, &ev); /* three days after: a new event */
    event(&ev, "LBYMIL", "LBYGOV", TRUCE_MODE_CLAIMED, "2020-03-04");
    add(s, 4, &ev); /* a claim after its asserted event: linked */
    struct tr_store_counts c = counts(s);
    assert_int_equal(c.events, 5);
    assert_int_equal(c.clusters, 4);
    assert_int_equal(c.claim_links, 2);
    remove_temp(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_glob_split_hash),
        cmocka_unit_test(test_rollback),
        cmocka_unit_test(test_ingest_idempotent),
        cmocka_unit_test(test_dedup_and_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
