/*
 * buf.c -- growable byte buffer with a limit (see buf.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

void tr_buf_init(struct tr_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->limit = limit;
}

void tr_buf_release(struct tr_buf *b)
{
    tr_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void tr_buf_reset(struct tr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

static int make_room(struct tr_buf *b, size_t n)
{
    if (n > b->limit || b->len > b->limit - n)
        return TRUCE_ELIMIT;
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return TRUCE_OK;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = tr_realloc(b->data, ncap);
    if (!p)
        return TRUCE_ENOMEM;
    b->data = p;
    b->cap = ncap;
    return TRUCE_OK;
}

int tr_buf_add(struct tr_buf *b, const void *s, size_t n)
{
    int rc = make_room(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
    return TRUCE_OK;
}

int tr_buf_addc(struct tr_buf *b, char c)
{
    return tr_buf_add(b, &c, 1);
}

int tr_buf_adds(struct tr_buf *b, const char *s)
{
    return tr_buf_add(b, s, strlen(s));
}

int tr_buf_printf(struct tr_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TRUCE_EINPUT;
    if ((size_t)n < sizeof small)
        return tr_buf_add(b, small, (size_t)n);
    int rc = make_room(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return TRUCE_OK;
}

char *tr_buf_take(struct tr_buf *b, size_t *len)
{
    char *d = b->data;
    if (len)
        *len = b->len;
    tr_buf_init(b, b->limit);
    return d;
}

/* The size of 'f' when it can be known (a regular file), else 0. */
static size_t size_hint(FILE *f, size_t limit)
{
    if (fseek(f, 0, SEEK_END) != 0)
        return 0;
    long n = ftell(f);
    rewind(f);
    return n > 0 && (unsigned long)n <= limit ? (size_t)n : 0;
}

int tr_read_stream(FILE *f, size_t limit, char **out, size_t *len)
{
    size_t cap = size_hint(f, limit) + 2, n = 0;
    char *buf = NULL;
    *out = NULL;
    *len = 0;
    for (;;) {
        if (!buf || n + 1 >= cap) {
            if (buf)
                cap = cap > (limit + 2) / 2 ? limit + 2 : cap * 2;
            char *grown = tr_realloc(buf, cap);
            if (!grown) {
                tr_free(buf);
                return TRUCE_ENOMEM;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0 || n > limit)
            break;
    }
    int rc = ferror(f) ? TRUCE_EIO : n > limit ? TRUCE_ELIMIT : TRUCE_OK;
    if (rc) {
        tr_free(buf);
        return rc;
    }
    buf[n] = 0;
    *out = buf;
    *len = n;
    return TRUCE_OK;
}

int tr_read_file(const char *path, size_t limit, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? TRUCE_ENOTFOUND : TRUCE_EIO;
    int rc = tr_read_stream(f, limit, out, len);
    fclose(f);
    return rc;
}
