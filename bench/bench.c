/*
 * bench.c -- throughput of the coder on one core. Generates a corpus from
 * our sample articles (each article repeated with its sentences shuffled
 * and its paragraphs rotated, so the corpus is not one article over and
 * over), writes it to a file, then streams it through the coder in bounded
 * memory and prints sentences/s, MB/s, events, dictionary load time and
 * peak RSS. Usage: truce_bench [--mb N] [--dict-dir DIR] [--samples DIR]
 * [--corpus FILE] [--keep].
 */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "pos.h"
#include "text.h"
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

/* The text stage and the tagger alone, over the sample articles repeated
 * 'rounds' times: tokens per second of each. */
static void stage_speeds(const struct text *arts, size_t n, int rounds,
                         const char *dict_dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/pos.model",
             dict_dir ? dict_dir : TRUCE_SOURCE_DIR "/dict");
    struct tr_tagger *tagger = NULL;
    if (tr_tagger_load(&tagger, path, NULL, NULL) && !tagger)
        return;
    struct tr_doc doc;
    tr_doc_init(&doc);
    double t_text = 0, t_tag = 0;
    unsigned long long tokens = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < n; i++) {
            double t0 = now_s();
            tr_doc_reset(&doc);
            if (tr_doc_set_text(&doc, arts[i].s, arts[i].n) ||
                tr_doc_tokenize(&doc) || tr_doc_split(&doc))
                continue;
            double t1 = now_s();
            for (uint32_t k = 0; k < doc.n_sent; k++)
                tr_tagger_tag(tagger, &doc, doc.sent[k].first,
                              doc.sent[k].n_tokens);
            t_tag += now_s() - t1;
            t_text += t1 - t0;
            tokens += doc.n_tok;
        }
    }
    printf("text stage        %.2f M tokens/s (UTF-8, tokens, sentences)\n",
           (double)tokens / t_text / 1e6);
    printf("tagger            %.2f M tokens/s\n",
           (double)tokens / t_tag / 1e6);
    tr_doc_release(&doc);
    tr_tagger_free(tagger);
}

static int run_pass(const char *dict_dir, const char *corpus, int alone);

int main(int argc, char **argv)
{
    size_t mb = 200;
    const char *dict_dir = NULL, *samples = TRUCE_SOURCE_DIR "/samples";
    const char *corpus = "/tmp/truce-bench-corpus.txt";
    int keep = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
            mb = (size_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dict-dir") == 0 && i + 1 < argc)
            dict_dir = argv[++i];
        else if (strcmp(argv[i], "--samples") == 0 && i + 1 < argc)
            samples = argv[++i];
        else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            corpus = argv[++i];
        else if (strcmp(argv[i], "--keep") == 0)
            keep = 1;
        else {
            fprintf(stderr, "usage: truce_bench [--mb N] [--dict-dir DIR] "
                            "[--samples DIR] [--corpus FILE] [--keep]\n");
            return 2;
        }
    }
    struct text arts[256];
    size_t n = load_samples(samples, arts, 256);
    if (!n) {
        fprintf(stderr, "bench: no samples in %s\n", samples);
        return 3;
    }
    if (access(corpus, R_OK) != 0 || !keep) {
        if (make_corpus(corpus, arts, n, mb << 20)) {
            fprintf(stderr, "bench: cannot write %s\n", corpus);
            return 3;
        }
    }
    long rss_before = peak_rss_kb();
    for (int pass = 0; pass < 2; pass++) {
        int rc = run_pass(dict_dir, corpus, pass == 0);
        if (rc)
            return rc;
    }
    (void)rss_before;
    stage_speeds(arts, n, 2000, dict_dir);
    if (!keep)
        unlink(corpus);
    return 0;
}

/* One run over the corpus: the event coder alone ('alone': no claims,
 * dates or places, as in issue 2), or with the context of issue 3. */
static int run_pass(const char *dict_dir, const char *corpus, int alone)
{
    long rss_before = peak_rss_kb();
    struct truce_coder_options opt = {0};
    opt.dict_dir = dict_dir;
    opt.no_context = alone;
    if (alone)
        opt.gazetteer = "";
    struct truce_coder *c;
    truce_coder_new(&c, &opt);
    if (!c) {
        fprintf(stderr, "bench: cannot load dictionaries\n");
        return 3;
    }
    printf("== %s\n", alone ? "event coder alone (no claims, dates, places)"
                             : "with claims, modes, dates and places");
    struct truce_dict_stats ds;
    truce_coder_stats(c, &ds);
    long rss_loaded = peak_rss_kb();
    double t0 = now_s();
    run_corpus(c, corpus);
    double secs = now_s() - t0;
    struct truce_run_stats rs;
    truce_coder_run_stats(c, &rs);
    printf("dictionaries      %u actor names, %u agent names, %u patterns\n",
           ds.actor_names, ds.agents, ds.verb_patterns);
    printf("dictionary load   %.1f ms\n", ds.load_ms);
    printf("corpus            %.1f MB, %llu articles, %llu sentences, "
           "%llu tokens\n",
           (double)rs.bytes / 1e6, (unsigned long long)rs.articles,
           (unsigned long long)rs.sentences, (unsigned long long)rs.tokens);
    printf("tagged sentences  %llu (%.1f%%)\n",
           (unsigned long long)rs.tagged_sentences,
           rs.sentences ? 100.0 * (double)rs.tagged_sentences /
                              (double)rs.sentences
                        : 0.0);
    printf("events            %llu\n", (unsigned long long)rs.events);
    printf("time              %.2f s\n", secs);
    printf("sentences/s       %.0f\n", (double)rs.sentences / secs);
    printf("MB/s              %.2f\n", (double)rs.bytes / 1e6 / secs);
    printf("peak RSS          %.1f MB (after load %.1f MB, before %.1f MB)\n",
           (double)peak_rss_kb() / 1024.0, (double)rss_loaded / 1024.0,
           (double)rss_before / 1024.0);
    truce_coder_free(c);
    return 0;
}
