/*
 * lines.c -- bounded line reader (see lines.h).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lines.h"

#define CHUNK (1u << 16)

void tr_lines_init(struct tr_lines *lr, FILE *f, size_t limit)
{
    memset(lr, 0, sizeof *lr);
    lr->f = f;
    lr->limit = limit;
}

void tr_lines_release(struct tr_lines *lr)
{
    tr_free(lr->buf);
    lr->buf = NULL;
}

/* Read more bytes after the held ones; 0 at end of file. */
static size_t fill(struct tr_lines *lr)
{
    if (lr->pos > 0) {
        memmove(lr->buf, lr->buf + lr->pos, lr->len - lr->pos);
        lr->len -= lr->pos;
        lr->pos = 0;
    }
    if (lr->cap - lr->len < CHUNK) {
        size_t ncap = lr->cap ? lr->cap * 2 : 4 * CHUNK;
        char *p = tr_realloc(lr->buf, ncap);
        if (!p)
            return 0;
        lr->buf = p;
        lr->cap = ncap;
    }
    size_t got = fread(lr->buf + lr->len, 1, lr->cap - lr->len, lr->f);
    lr->len += got;
    if (got == 0)
        lr->eof = 1;
    return got;
}

/* Drop bytes up to and including the next newline. */
static int skip_line(struct tr_lines *lr)
{
    for (;;) {
        char *nl = memchr(lr->buf + lr->pos, '\n', lr->len - lr->pos);
        if (nl) {
            lr->pos = (size_t)(nl - lr->buf) + 1;
            return TR_LINE_TOO_LONG;
        }
        lr->pos = lr->len = 0;
        if (!fill(lr))
            return ferror(lr->f) ? TR_LINE_ERROR : TR_LINE_TOO_LONG;
    }
}

int tr_lines_next(struct tr_lines *lr, const char **line, size_t *n)
{
    size_t scanned = 0;
    if (!lr->buf && !lr->eof && !fill(lr) && !lr->buf)
        return ferror(lr->f) ? TR_LINE_ERROR : TR_LINE_EOF;
    if (!lr->buf)
        return TR_LINE_EOF;
    for (;;) {
        char *start = lr->buf + lr->pos;
        size_t held = lr->len - lr->pos;
        char *nl = held > scanned ? memchr(start + scanned, '\n',
                                           held - scanned)
                                  : NULL;
        if (nl) {
            lr->lineno++;
            *line = start;
            *n = (size_t)(nl - start);
            lr->pos += *n + 1;
            return *n > lr->limit ? TR_LINE_TOO_LONG : TR_LINE_OK;
        }
        scanned = held;
        if (held > lr->limit) {
            lr->lineno++;
            return skip_line(lr);
        }
        if (lr->eof || !fill(lr)) {
            if (ferror(lr->f))
                return TR_LINE_ERROR;
            if (lr->len == lr->pos)
                return TR_LINE_EOF;
            lr->lineno++;
            *line = lr->buf + lr->pos;
            *n = lr->len - lr->pos;
            lr->pos = lr->len;
            return TR_LINE_OK;
        }
    }
}
