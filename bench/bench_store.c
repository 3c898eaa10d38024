/*
 * bench_store.c -- the event store's speed: ingest (code and store real
 * sample articles, one transaction each) in articles per minute, and a
 * query of one month from a store of a million synthetic events.
 * usage: truce_bench_store [N_ARTICLES [N_EVENTS [DIR]]]
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, (1 << 20) - 64, f) : 0;
    fclose(f);
    return buf;
}

/* The sample articles' texts (samples/NN-*.txt). */
static size_t load_samples(char **texts, size_t *lens, size_t max)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/samples", TRUCE_SOURCE_DIR);
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && n < max && (e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if ((texts[n] = read_file(path, &lens[n])) != NULL)
            n++;
    }
    if (d)
        closedir(d);
    return n;
}

static int bench_ingest(const char *db, long n_articles)
{
    char *texts[64];
    size_t lens[64];
    size_t n = load_samples(texts, lens, 64);
    struct truce_coder *coder = NULL;
    struct truce_coder_options opt = {0};
    opt.dict_dir = getenv("TRUCE_DICT_DIR");
    (void)truce_coder_new(&coder, &opt); /* unreadable lines: still built */
    if (n == 0 || !coder)
        return fprintf(stderr, "bench_store: no samples or dictionaries\n"), 1;
    struct tr_store *s;
    if (tr_store_open_sqlite(&s, db, NULL, NULL))
        return fprintf(stderr, "bench_store: cannot open %s\n", db), 1;
    struct tr_ingest_stats st = {0};
    double t0 = now();
    for (long i = 0; i < n_articles; i++) {
        char id[32], date[11];
        size_t k = (size_t)i % n;
        /* A different text each time, or the hash would skip it. */
        int m = snprintf(texts[k] + lens[k], 64, "\n\nReport %ld.", i);
        snprintf(id, sizeof id, "bench-%ld", i);
        tr_store_day_format(18262 + i % 730, date);
        struct tr_article_in a = {id, date, NULL, "Bench Wire", NULL,
                                  texts[k], lens[k] + (size_t)m};
        if (tr_store_ingest(s, coder, &a, &st))
            return fprintf(stderr, "bench_store: ingest failed\n"), 1;
    }
    double dt = now() - t0;
    printf("ingest: %ld articles, %lld events in %.2f s: %.0f articles/min "
           "(target 20000)\n",
           n_articles, (long long)st.events, dt, (double)n_articles / dt * 60);
    tr_store_close(s);
    truce_coder_free(coder);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    return 0;
}

/* ---- a million synthetic events, then one month of them ---- */

static const char *const ACTORS[] = {"LBYGOV", "LBYMIL", "TURMIL", "RUSMIL",
                                     "EGYGOV", "UAEMIL", "LBYREB", "UNO"};
static const char *const CODES[] = {"190", "194", "195", "036", "046",
                                    "112", "138", "057", "154", "043"};
static const char SENTENCE[] =
    "Forces of one side shelled positions of the other near the coast.";

static void fake_event(struct truce_event *ev, long i, char *date)
{
    memset(ev, 0, sizeof *ev);
    ev->doc = "bench";
    ev->sent = 1;
    ev->sent_len = (uint32_t)strlen(SENTENCE);
    snprintf(ev->code, sizeof ev->code, "%s", CODES[i % 10]);
    memcpy(ev->root, ev->code, 2);
    ev->quad = 4;
    ev->goldstein = -10.0;
    snprintf(ev->source.code, 32, "%s", ACTORS[i % 8]);
    snprintf(ev->target.code, 32, "%s", ACTORS[(i / 8 + 3) % 8]);
    ev->source.len = ev->target.len = 6;
    ev->has_target = 1;
    ev->verb_off = 23;
    ev->verb_len = 7;
    ev->dict_file = "verbs/19-fight.verbs";
    ev->text = SENTENCE;
    ev->confidence = 0.8;
    memcpy(ev->date, date, 11);
    ev->date_precision = TRUCE_DATE_DAY;
}

static int fill(struct tr_store *s, long n_events)
{
    const long per_article = 10, days = 3 * 365;
    for (long i = 0; i < n_events; i += per_article) {
        if (i % 20000 == 0 && (i && s->ops->commit(s)))
            return 1;
        if (i % 20000 == 0 && s->ops->begin(s))
            return 1;
        char id[32], date[11];
        snprintf(id, sizeof id, "synthetic-%ld", i);
        int64_t day = 18262 + (i / per_article) * days / (n_events / per_article);
        tr_store_day_format(day, date);
        struct tr_article_in a = {id, date, NULL, NULL, NULL, id, strlen(id)};
        char hash[33];
        int64_t art;
        tr_store_text_hash(id, strlen(id), hash);
        if (s->ops->add_article(s, &a, hash, day, &art))
            return 1;
        for (long j = 0; j < per_article; j++) {
            struct truce_event ev;
            fake_event(&ev, i + j, date);
            if (s->ops->add_event(s, art, day, &ev))
                return 1;
        }
    }
    return s->ops->commit(s) ? 1 : 0;
}

static int count_row(void *ud, const struct tr_event_row *r)
{
    (void)r;
    (*(long *)ud)++;
    return 0;
}

static int bench_query(const char *db, long n_events)
{
    struct tr_store *s;
    if (tr_store_open_sqlite(&s, db, NULL, NULL))
        return fprintf(stderr, "bench_store: cannot open %s\n", db), 1;
    struct tr_store_counts c = {0};
    if (s->ops->counts(s, &c) || c.events < n_events) {
        double t0 = now();
        if (fill(s, n_events))
            return fprintf(stderr, "bench_store: fill failed\n"), 1;
        printf("fill: %ld synthetic events in %.1f s\n", n_events,
               now() - t0);
    }
    struct tr_query q = {0};
    q.from_day = tr_store_day_parse("2021-03-01");
    q.to_day = tr_store_day_parse("2021-03-31");
    long rows = 0;
    double t0 = now();
    int rc = tr_store_query(s, &q, count_row, &rows);
    double ms = (now() - t0) * 1000;
    printf("query: one month (2021-03) of %ld events: %ld rows in %.1f ms "
           "(target 100)\n", n_events, rows, ms);
    const char *actors[] = {"LBY*"};
    q.actors = actors;
    q.n_actors = 1;
    q.code_prefix = "19";
    rows = 0;
    t0 = now();
    rc |= tr_store_query(s, &q, count_row, &rows);
    printf("query: same month, --actor 'LBY*' --code 19: %ld rows in %.1f ms\n",
           rows, (now() - t0) * 1000);
    tr_store_close(s);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    long n_articles = argc > 1 ? strtol(argv[1], NULL, 10) : 5000;
    long n_events = argc > 2 ? strtol(argv[2], NULL, 10) : 1000000;
    const char *dir = argc > 3 ? argv[3] : "/tmp";
    char ingest_db[512], query_db[512];
    snprintf(ingest_db, sizeof ingest_db, "%s/truce-bench-ingest-%d.db", dir,
             (int)getpid());
    snprintf(query_db, sizeof query_db, "%s/truce-bench-query-%ld.db", dir,
             n_events);
    int rc = bench_ingest(ingest_db, n_articles);
    static const char *const EXT[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[600];
        snprintf(p, sizeof p, "%s%s", ingest_db, EXT[i]);
        remove(p);
    }
    printf("(the query store %s is kept for the next run)\n", query_db);
    return rc | bench_query(query_db, n_events);
}
