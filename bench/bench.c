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
#include "corpus.h"
#include "truce/truce.h"

/* The text stage and the tagger alone, over the sample articles repeated
 * 'rounds' times: tokens per second of each. */
static void stage_speeds(const struct bench_text *arts, size_t n, int rounds,
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
            double t0 = bench_now_s();
            tr_doc_reset(&doc);
            if (tr_doc_set_text(&doc, arts[i].s, arts[i].n) ||
                tr_doc_tokenize(&doc) || tr_doc_split(&doc))
                continue;
            double t1 = bench_now_s();
            for (uint32_t k = 0; k < doc.n_sent; k++)
                tr_tagger_tag(tagger, &doc, doc.sent[k].first,
                              doc.sent[k].n_tokens);
            t_tag += bench_now_s() - t1;
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
    struct bench_text arts[256];
    size_t n = bench_load_samples(samples, arts, 256);
    if (!n) {
        fprintf(stderr, "bench: no samples in %s\n", samples);
        return 3;
    }
    if (access(corpus, R_OK) != 0 || !keep) {
        if (bench_make_corpus(corpus, arts, n, mb << 20)) {
            fprintf(stderr, "bench: cannot write %s\n", corpus);
            return 3;
        }
    }
    long rss_before = bench_peak_rss_kb();
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
    long rss_before = bench_peak_rss_kb();
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
    long rss_loaded = bench_peak_rss_kb();
    double t0 = bench_now_s();
    bench_run_corpus(c, corpus);
    double secs = bench_now_s() - t0;
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
           (double)bench_peak_rss_kb() / 1024.0, (double)rss_loaded / 1024.0,
           (double)rss_before / 1024.0);
    truce_coder_free(c);
    return 0;
}
