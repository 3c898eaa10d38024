/*
 * dictfmt.h -- the command-line options that name dictionaries in the
 * field's formats (issue 4), shared by `truce code`, `truce dict` and
 * `truce validate`:
 *
 *   --dict-format tabari|petrarch   format of the files named after it
 *   --verbs FILE  --actors FILE (repeatable)  --agents FILE
 *   --discard FILE  --issues FILE
 *   --dict-set FILE   a TABARI .project or a PETRARCH PETR_config.ini
 *                     naming the files (paths relative to it)
 *   --theirs-first    their entries win ties over ours (default: ours)
 *   --theirs-only     code with their dictionaries alone
 *
 * Each option may also be written --opt=VALUE.
 */
#ifndef TRUCE_CLI_DICTFMT_H
#define TRUCE_CLI_DICTFMT_H

#include <stdio.h>

#include "truce/truce.h"

struct cli_dict_sources {
    struct truce_dict_source *src; /* owned, paths owned too */
    size_t n, cap;
    enum truce_dict_format format; /* current --dict-format */
    int theirs_first, theirs_only;
    enum truce_engine engine;      /* --engine truce|tabari */
    char *options;                 /* TABARI .options: --tabari-options or
                                      the set's <optionsfile>; owned */
};

/* Take the options above out of argv[1..*argc_io-1], keeping the order of
 * the rest. Returns 0, or EXIT_USAGE after printing why. */
int cli_dict_sources_parse(int *argc_io, char **argv,
                           struct cli_dict_sources *out);
void cli_dict_sources_free(struct cli_dict_sources *s);

/* Add a file; 'path' is copied. Returns 0 or EXIT_NOSTART (no memory). */
int cli_dict_sources_add(struct cli_dict_sources *s, const char *path,
                         enum truce_dict_format format,
                         enum truce_dict_kind kind);

/* Read a dictionary-set file (TABARI .project or PETR_config.ini). */
int cli_dict_sources_add_set(struct cli_dict_sources *s, const char *path);

/* Fill the coder options' extra/no_own/extra_first from 's'. */
void cli_dict_sources_apply(const struct cli_dict_sources *s,
                            struct truce_coder_options *opt);

/* `truce dict stats|check` over their files: load each into an empty
 * dictionary, print what every file holds (counts per construct, and what
 * our format cannot say) and, for check, every unreadable line. Returns an
 * exit status. */
int cli_dict_foreign_stats(const struct cli_dict_sources *s, int check,
                           const char *dict_dir);

/* `truce dict convert [--out DIR]`: our format from theirs, one file per
 * input (DIR/NAME.actors, .agents, .verbs) or all on stdout; what cannot
 * be expressed is listed as comments in the output and counted on stderr.
 * Returns an exit status. */
int cli_dict_foreign_convert(const struct cli_dict_sources *s,
                             const char *out_dir, const char *dict_dir);

#endif
