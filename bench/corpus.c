/*
 * corpus.c -- what the benchmark programs share: a corpus made from the
 * sample articles (each repeated with its paragraphs rotated, so it is not
 * one article over and over), written to a file and streamed through a
 * coder one article at a time; wall time and peak memory.
 */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"

double bench_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long bench_peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int bench_read_all(const char *path, struct bench_text *out)
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

static int bench_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

size_t bench_load_samples(const char *dir, struct bench_text *out, size_t max)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        if (!bench_ends_with(e->d_name, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (bench_read_all(path, &out[n]) == 0)
            n++;
    }
    closedir(d);
    return n;
}

/* Write one variant of article 'a': its paragraphs rotated by 'k'. */
static void bench_write_variant(FILE *f, const struct bench_text *a, unsigned k)
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
    fputs(BENCH_SEP, f);
}

int bench_make_corpus(const char *path, const struct bench_text *arts, size_t n,
                       size_t target_bytes)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t written = 0;
    for (unsigned k = 0; written < target_bytes; k++) {
        for (size_t i = 0; i < n; i++) {
            long before = ftell(f);
            bench_write_variant(f, &arts[i], k);
            written += (size_t)(ftell(f) - before);
        }
    }
    fclose(f);
    return 0;
}

static void bench_on_event(void *ud, const struct truce_event *ev)
{
    (void)ev;
    (*(unsigned long *)ud)++;
}

/* Stream the corpus: one article in memory at a time. */
int bench_run_corpus(struct truce_coder *c, const char *path)
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
            char *sep = memmem(buf + start, len - start, BENCH_SEP, 3);
            if (!sep)
                break;
            snprintf(id, sizeof id, "bench-%lu", n_art++);
            struct truce_article a = {id, "2020-02-22", NULL, buf + start,
                                      (size_t)(sep - (buf + start))};
            truce_coder_code(c, &a, bench_on_event, &events);
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
