/*
 * input.h -- articles from the command line's inputs: text files (one
 * article each), folders (their *.txt and *.jsonl, sorted, never the
 * golden *.events.jsonl), JSON Lines streams and stdin. Shared by `truce
 * code` and `truce ingest`. Bad input is reported (file:line: what is
 * wrong) and skipped; the rest is still read.
 */
#ifndef TRUCE_CLI_INPUT_H
#define TRUCE_CLI_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

enum cli_input_format { CLI_IN_AUTO = 0, CLI_IN_TEXT, CLI_IN_JSONL };

/* One article. Strings are borrowed for the duration of the callback. */
struct cli_article {
    const char *id;    /* record id, or file name, or "file:line" */
    const char *date;  /* "YYYY-MM-DD" from the record, or NULL */
    const char *title, *source, *url; /* from the record, or NULL */
    const char *text;
    size_t len;
};

/* Called for each article; return non-zero to stop reading. */
typedef int cli_article_fn(void *ud, const struct cli_article *a);

struct cli_input {
    enum cli_input_format format;
    struct cli_diag *diag; /* where reading problems are reported */
    cli_article_fn *fn;
    void *ud;
    int bad;               /* some input was bad (set by the reader) */
    int stop;              /* the callback asked to stop */
};

/* Read 'path' ("-" is stdin; a folder is read recursively). */
void cli_input_path(struct cli_input *in, const char *path);

#endif
