/*
 * bench_foreign.c -- the coder's speed with the field's production
 * dictionaries (issue 4) next to its speed with ours. The corpus is made
 * as bench.c makes it (our sample articles, paragraphs rotated); each
 * configuration runs in its own child process so that its peak RSS is its
 * own: ours alone, the PETRARCH production set (PETR_config.ini's files)
 * alone, and ours with theirs. Prints dictionary load time, sentences/s,
 * MB/s and peak RSS. Skips (exit 0, with a message) when the shared
 * dictionaries are absent. Usage: truce_bench_foreign [--mb N]
 * [--shared DIR] [--dict-dir DIR] [--samples DIR] [--corpus FILE] [--keep];
 * DIR defaults to $TRUCE_SHARED_DIR, else the source tree's ../shared.
 */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "truce/truce.h"

#define SEP "\n\f\n" /* article separator in the corpus file */

struct text {
    char *s;
    size_t n;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int read_all(const char *path, struct text *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    out->s = malloc((size_t)n + 1);
    if (!out->s || n < 0) {
        fclose(f);
        return -1;
    }
    out->n = fread(out->s, 1, (size_t)n, f);
    out->s[out->n] = 0;
    fclose(f);
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static size_t load_samples(const char *dir, struct text *out, size_t max)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        if (!ends_with(e->d_name, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (read_all(path, &out[n]) == 0)
            n++;
    }
    closedir(d);
    return n;
}

/* Write one variant of article 'a': its paragraphs rotated by 'k'. */
static void write_variant(FILE *f, const struct text *a, unsigned k)
{
    const char *paras[256];
    size_t lens[256], n = 0;
    const char *p = a->s, *end = a->s + a->n;
    while (p < end && n < 256) {
        const char *q = strstr(p, "\n\n");
        if (!q || q > end)
            q = end;
        paras[n] = p;
        lens[n] = (size_t)(q - p);
        n++;
        p = q + 2;
    }
    /* keep the first paragraph (the dateline) first */
    fwrite(paras[0], 1, lens[0], f);
    for (size_t i = 1; i < n; i++) {
        size_t j = 1 + (i - 1 + k) % (n > 1 ? n - 1 : 1);
        fputs("\n\n", f);
        fwrite(paras[j], 1, lens[j], f);
    }
    fputs(SEP, f);
}

static int make_corpus(const char *path, const struct text *arts, size_t n,
                       size_t target_bytes)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t written = 0;
    for (unsigned k = 0; written < target_bytes; k++) {
        for (size_t i = 0; i < n; i++) {
            long before = ftell(f);
            write_variant(f, &arts[i], k);
            written += (size_t)(ftell(f) - before);
        }
    }
    fclose(f);
    return 0;
}

static void on_event(void *ud, const struct truce_event *ev)
{
    (void)ev;
    (*(unsigned long *)ud)++;
}

/* Stream the corpus: one article in memory at a time. */
static int run_corpus(struct truce_coder *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    unsigned long events = 0;
    char id[32];
    unsigned long n_art = 0;
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        size_t start = 0;
        for (;;) {
            char *sep = memmem(buf + start, len - start, SEP, 3);
            if (!sep)
                break;
            snprintf(id, sizeof id, "bench-%lu", n_art++);
            struct truce_article a = {id, "2020-02-22", NULL, buf + start,
                                      (size_t)(sep - (buf + start))};
            truce_coder_code(c, &a, on_event, &events);
            start = (size_t)(sep - buf) + 3;
        }
        memmove(buf, buf + start, len - start);
        len -= start;
        if (got == 0)
            break;
    }
    free(buf);
    fclose(f);
    return 0;
}

/* The PETRARCH production set as PETR_config.ini names it. */
#define N_PETR 7
static const char *const petr_files[N_PETR] = {
    "CAMEO.2.0.txt", "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt", "Phoenix.discards.txt", "Phoenix.IssueCoding.txt"};
static const enum truce_dict_kind petr_kinds[N_PETR] = {
    TRUCE_DICT_VERBS,  TRUCE_DICT_ACTORS,   TRUCE_DICT_ACTORS,
    TRUCE_DICT_ACTORS, TRUCE_DICT_AGENTS,   TRUCE_DICT_DISCARDS,
    TRUCE_DICT_ISSUES};

/* Diagnostics are counted, not printed: the production files have known
 * bad lines (docs/ACCURACY.md) that would drown the figures. */
static void count_diag(void *ud, const struct truce_diag *d)
{
    (void)d;
    (*(unsigned long *)ud)++;
}

enum config { OURS, THEIRS, BOTH };

static int run_config(enum config cf, const char *dict_dir,
                      const char *petr_dir, const char *corpus)
{
    static const char *const names[] = {
        "ours alone", "PETRARCH production set alone (--theirs-only)",
        "ours + PETRARCH production set (ours first)"};
    char paths[N_PETR][4096];
    struct truce_dict_source src[N_PETR];
    for (int i = 0; i < N_PETR; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", petr_dir, petr_files[i]);
        src[i] = (struct truce_dict_source){paths[i], TRUCE_DICT_PETRARCH,
                                            petr_kinds[i]};
    }
    unsigned long diags = 0;
    struct truce_coder_options opt = {0};
    opt.dict_dir = dict_dir;
    opt.diag = count_diag;
    opt.diag_ud = &diags;
    if (cf != OURS) {
        opt.extra = src;
        opt.n_extra = N_PETR;
        opt.no_own = cf == THEIRS;
    }
    long rss_before = peak_rss_kb();
    struct truce_coder *c = NULL;
    double t_load = now_s();
    truce_coder_new(&c, &opt);
    t_load = now_s() - t_load;
    if (!c) {
        fprintf(stderr, "bench_foreign: cannot load dictionaries (%s)\n",
                names[cf]);
        return 3;
    }
    struct truce_dict_stats ds;
    truce_coder_stats(c, &ds);
    long rss_loaded = peak_rss_kb();
    double t0 = now_s();
    run_corpus(c, corpus);
    double secs = now_s() - t0;
    struct truce_run_stats rs;
    truce_coder_run_stats(c, &rs);
    printf("== %s\n", names[cf]);
    printf("dictionaries      %u actor names, %u agent names, %u patterns "
           "(%lu diagnostics)\n",
           ds.actor_names, ds.agents, ds.verb_patterns, diags);
    printf("dictionary load   %.1f ms (coder reports %.1f ms)\n",
           t_load * 1e3, ds.load_ms);
    printf("corpus            %.1f MB, %llu sentences, %llu events\n",
           (double)rs.bytes / 1e6, (unsigned long long)rs.sentences,
           (unsigned long long)rs.events);
    printf("sentences/s       %.0f\n", (double)rs.sentences / secs);
    printf("MB/s              %.2f\n", (double)rs.bytes / 1e6 / secs);
    printf("peak RSS          %.1f MB (after load %.1f MB, before %.1f MB)\n",
           (double)peak_rss_kb() / 1024.0, (double)rss_loaded / 1024.0,
           (double)rss_before / 1024.0);
    fflush(stdout);
    truce_coder_free(c);
    return 0;
}

/* Each configuration in a child, so peak RSS is per configuration. */
static int run_child(enum config cf, const char *dict_dir,
                     const char *petr_dir, const char *corpus)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return run_config(cf, dict_dir, petr_dir, corpus);
    if (pid == 0)
        _exit(run_config(cf, dict_dir, petr_dir, corpus));
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return 3;
    return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
    size_t mb = 50;
    const char *dict_dir = NULL, *samples = TRUCE_SOURCE_DIR "/samples";
    const char *corpus = "/tmp/truce-bench-foreign-corpus.txt";
    const char *shared = getenv("TRUCE_SHARED_DIR");
    int keep = 0;
    if (!shared || !*shared)
        shared = TRUCE_SOURCE_DIR "/../shared";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
            mb = (size_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--shared") == 0 && i + 1 < argc)
            shared = argv[++i];
        else if (strcmp(argv[i], "--dict-dir") == 0 && i + 1 < argc)
            dict_dir = argv[++i];
        else if (strcmp(argv[i], "--samples") == 0 && i + 1 < argc)
            samples = argv[++i];
        else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            corpus = argv[++i];
        else if (strcmp(argv[i], "--keep") == 0)
            keep = 1;
        else {
            fprintf(stderr, "usage: truce_bench_foreign [--mb N] "
                            "[--shared DIR] [--dict-dir DIR] "
                            "[--samples DIR] [--corpus FILE] [--keep]\n");
            return 2;
        }
    }
    char petr_dir[4096];
    snprintf(petr_dir, sizeof petr_dir, "%s/dictionaries/petrarch2/dictionaries",
             shared);
    struct stat st;
    if (stat(petr_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("bench_foreign: %s not found; skipped\n", petr_dir);
        return 0;
    }
    struct text arts[256];
    size_t n = load_samples(samples, arts, 256);
    if (!n) {
        fprintf(stderr, "bench_foreign: no samples in %s\n", samples);
        return 3;
    }
    if ((access(corpus, R_OK) != 0 || !keep) &&
        make_corpus(corpus, arts, n, mb << 20)) {
        fprintf(stderr, "bench_foreign: cannot write %s\n", corpus);
        return 3;
    }
    int rc = 0;
    for (int cf = OURS; cf <= BOTH && !rc; cf++)
        rc = run_child((enum config)cf, dict_dir, petr_dir, corpus);
    for (size_t i = 0; i < n; i++)
        free(arts[i].s);
    if (!keep)
        unlink(corpus);
    return rc;
}
