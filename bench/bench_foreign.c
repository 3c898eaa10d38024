/*
 * bench_foreign.c -- the coder's speed with the field's production
 * dictionaries (issue 4) next to its speed with ours. The corpus is made
 * as bench.c makes it (our sample articles, paragraphs rotated); each
 * configuration runs in its own child process so that its peak RSS is its
 * own: ours alone, the PETRARCH production set (PETR_config.ini's files)
 * alone, ours with theirs, and the TABARI production set (CAMEO.091003
 * verbs, the 2012 actor and agent files, CAMEO.09b5.options) coded by the
 * TABARI engine (--engine tabari). Prints dictionary load time, sentences/s,
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

#include "corpus.h"
#include "truce/truce.h"

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

enum config { OURS, THEIRS, BOTH, TABARI };

/* The TABARI production set, relative to ../shared/dictionaries. */
#define N_TAB 7
static const char *const tab_files[N_TAB] = {
    "tabari/CAMEO.091003.master.verbs",
    "tabari-dictionaries/CAMEO.ECS.120522.actors",
    "tabari-dictionaries/CAMEO.RCS.120521.actors",
    "tabari-dictionaries/Internatnl.120521.actors",
    "tabari-dictionaries/Levant.080629.actors",
    "tabari-dictionaries/PSU.120522.agents",
    "tabari-dictionaries/CAMEO.09b5.options"};
static const enum truce_dict_kind tab_kinds[N_TAB - 1] = {
    TRUCE_DICT_VERBS,  TRUCE_DICT_ACTORS, TRUCE_DICT_ACTORS,
    TRUCE_DICT_ACTORS, TRUCE_DICT_ACTORS, TRUCE_DICT_AGENTS};

static int run_config(enum config cf, const char *dict_dir,
                      const char *petr_dir, const char *corpus)
{
    static const char *const names[] = {
        "ours alone", "PETRARCH production set alone (--theirs-only)",
        "ours + PETRARCH production set (ours first)",
        "TABARI production set, TABARI engine (--engine tabari)"};
    char paths[N_PETR + N_TAB][4096];
    struct truce_dict_source src[N_PETR];
    struct truce_dict_source tab[N_TAB - 1];
    for (int i = 0; i < N_PETR; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", petr_dir, petr_files[i]);
        src[i] = (struct truce_dict_source){paths[i], TRUCE_DICT_PETRARCH,
                                            petr_kinds[i]};
    }
    for (int i = 0; i < N_TAB; i++) {
        char *p = paths[N_PETR + i];
        snprintf(p, sizeof paths[0], "%s/../../%s", petr_dir, tab_files[i]);
        if (i < N_TAB - 1)
            tab[i] = (struct truce_dict_source){p, TRUCE_DICT_TABARI,
                                                tab_kinds[i]};
    }
    unsigned long diags = 0;
    struct truce_coder_options opt = {0};
    opt.dict_dir = dict_dir;
    opt.diag = count_diag;
    opt.diag_ud = &diags;
    opt.gazetteer = ""; /* the place table is not a dictionary: its 150 ms
                           would hide what the dictionaries cost */
    if (cf == THEIRS || cf == BOTH) {
        opt.extra = src;
        opt.n_extra = N_PETR;
        opt.no_own = cf == THEIRS;
    }
    if (cf == TABARI) {
        opt.extra = tab;
        opt.n_extra = N_TAB - 1;
        opt.engine = TRUCE_ENGINE_TABARI;
        opt.tabari_options = paths[N_PETR + N_TAB - 1];
    }
    long rss_before = bench_peak_rss_kb();
    struct truce_coder *c = NULL;
    double t_load = bench_now_s();
    truce_coder_new(&c, &opt);
    t_load = bench_now_s() - t_load;
    if (!c) {
        fprintf(stderr, "bench_foreign: cannot load dictionaries (%s)\n",
                names[cf]);
        return 3;
    }
    struct truce_dict_stats ds;
    truce_coder_stats(c, &ds);
    long rss_loaded = bench_peak_rss_kb();
    double t0 = bench_now_s();
    bench_run_corpus(c, corpus);
    double secs = bench_now_s() - t0;
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
           (double)bench_peak_rss_kb() / 1024.0, (double)rss_loaded / 1024.0,
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
    struct bench_text arts[256];
    size_t n = bench_load_samples(samples, arts, 256);
    if (!n) {
        fprintf(stderr, "bench_foreign: no samples in %s\n", samples);
        return 3;
    }
    if ((access(corpus, R_OK) != 0 || !keep) &&
        bench_make_corpus(corpus, arts, n, mb << 20)) {
        fprintf(stderr, "bench_foreign: cannot write %s\n", corpus);
        return 3;
    }
    int rc = 0;
    for (int cf = OURS; cf <= TABARI && !rc; cf++)
        rc = run_child((enum config)cf, dict_dir, petr_dir, corpus);
    for (size_t i = 0; i < n; i++)
        free(arts[i].s);
    if (!keep)
        unlink(corpus);
    return rc;
}
