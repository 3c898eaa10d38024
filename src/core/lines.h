/*
 * lines.h -- lines of a stream in bounded memory. A line longer than
 * the limit is skipped as a whole (reported, never loaded), so a 2 GB line
 * costs a read, not 2 GB of memory.
 */
#ifndef TR_LINES_H
#define TR_LINES_H

#include <stdint.h>
#include <stdio.h>

enum { TR_LINE_OK = 0, TR_LINE_EOF = 1, TR_LINE_TOO_LONG = 2, TR_LINE_ERROR = 3 };

struct tr_lines {
    FILE *f;
    char *buf;        /* owned */
    size_t cap, len;  /* bytes allocated, bytes held */
    size_t pos;       /* start of the next line in buf */
    size_t limit;     /* longest line */
    int eof;
    uint64_t lineno;  /* number of the line last returned */
};

void tr_lines_init(struct tr_lines *lr, FILE *f, size_t limit);
void tr_lines_release(struct tr_lines *lr);
/* The next line without its '\n'; valid until the next call. */
int tr_lines_next(struct tr_lines *lr, const char **line, size_t *n);

#endif
