/*
 * buf.h -- a growable byte buffer with a named upper limit, so that a 2 GB
 * line becomes TRUCE_ELIMIT and a diagnostic, not an out-of-memory kill.
 */
#ifndef TR_BUF_H
#define TR_BUF_H

#include <stdio.h>

#include "internal.h"

struct tr_buf {
    char *data;   /* owned; NUL-terminated after every append */
    size_t len;   /* bytes used, without the NUL */
    size_t cap;   /* bytes allocated */
    size_t limit; /* the most 'len' may reach */
};

/* Allocates nothing, cannot fail. */
void tr_buf_init(struct tr_buf *b, size_t limit);
/* Frees the contents, not 'b'; idempotent. */
void tr_buf_release(struct tr_buf *b);
/* Empties 'b' but keeps its memory. */
void tr_buf_reset(struct tr_buf *b);
/* Append 'n' bytes. On failure (TRUCE_ENOMEM, TRUCE_ELIMIT) 'b' is
 * unchanged. */
TR_MUST_USE int tr_buf_add(struct tr_buf *b, const void *s, size_t n);
TR_MUST_USE int tr_buf_addc(struct tr_buf *b, char c);
TR_MUST_USE int tr_buf_adds(struct tr_buf *b, const char *s);
TR_MUST_USE int tr_buf_printf(struct tr_buf *b, const char *fmt, ...)
    TR_PRINTF(2, 3);
/* Hand the bytes to the caller, who frees them with tr_free(); 'b' is
 * re-initialised with the same limit. */
char *tr_buf_take(struct tr_buf *b, size_t *len);

/* Read all of 'f' into a NUL-terminated buffer ('*out', freed by the
 * caller with tr_free(); '*len' bytes without the NUL). One read for a
 * regular file: the buffer starts at the file's size. Returns TRUCE_OK,
 * TRUCE_EIO, TRUCE_ELIMIT (more than 'limit' bytes) or TRUCE_ENOMEM; on
 * failure '*out' is NULL. */
TR_MUST_USE int tr_read_stream(FILE *f, size_t limit, char **out,
                               size_t *len);

/* As tr_read_stream() for the file 'path'; TRUCE_ENOTFOUND when it does
 * not exist. */
TR_MUST_USE int tr_read_file(const char *path, size_t limit, char **out,
                             size_t *len);

#endif
