/*
 * corpus.h -- the benchmark programs' shared corpus (corpus.c): sample
 * articles in, a corpus file of a given size out, and a run of a coder
 * over it in bounded memory.
 */
#ifndef TRUCE_BENCH_CORPUS_H
#define TRUCE_BENCH_CORPUS_H

#include <stddef.h>

#include "truce/truce.h"

#define BENCH_SEP "\n\f\n" /* article separator in the corpus file */

struct bench_text {
    char *s;
    size_t n;
};

double bench_now_s(void);
long bench_peak_rss_kb(void);
/* The *.txt articles of 'dir', at most 'max'; returns how many. */
size_t bench_load_samples(const char *dir, struct bench_text *out,
                          size_t max);
/* Write about 'target_bytes' of corpus to 'path'; 0 or -1. */
int bench_make_corpus(const char *path, const struct bench_text *arts,
                      size_t n, size_t target_bytes);
/* Code every article of the corpus file with 'c'; 0 or -1. */
int bench_run_corpus(struct truce_coder *c, const char *path);

#endif
