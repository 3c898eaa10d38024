/*
 * linereader.h -- lines of a stream in bounded memory. A line longer than
 * the limit is skipped as a whole (reported, never loaded), so a 2 GB line
 * costs a read, not 2 GB of memory.
 */
#ifndef TRUCE_LINEREADER_H
#define TRUCE_LINEREADER_H

#include <stdint.h>
#include <stdio.h>

enum { LINE_OK = 0, LINE_EOF = 1, LINE_TOO_LONG = 2, LINE_ERROR = 3 };

struct line_reader {
    FILE *f;
    char *buf;        /* owned */
    size_t cap, len;  /* bytes allocated, bytes held */
    size_t pos;       /* start of the next line in buf */
    size_t limit;     /* longest line */
    int eof;
    uint64_t lineno;  /* number of the line last returned */
};

void line_reader_init(struct line_reader *lr, FILE *f, size_t limit);
void line_reader_release(struct line_reader *lr);
/* The next line without its '\n'; valid until the next call. */
int line_reader_next(struct line_reader *lr, const char **line, size_t *n);

#endif
