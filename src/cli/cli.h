/*
 * cli.h -- what the command files of the truce CLI share: exit codes,
 * diagnostics printing, and the commands themselves. The CLI parses
 * options and calls libtruce; it does no coding of its own.
 */
#ifndef TRUCE_CLI_H
#define TRUCE_CLI_H

#include <stdio.h>

#include "truce/truce.h"

enum cli_exit {
    EXIT_GOOD = 0,     /* all input was fine */
    EXIT_BADINPUT = 1, /* some input was bad; the rest was processed */
    EXIT_USAGE = 2,    /* wrong command line */
    EXIT_NOSTART = 3   /* could not start: dictionary missing, ... */
};

/* Prints "truce: FILE:LINE: message" to stderr and counts errors. */
struct cli_diag {
    unsigned long errors, warnings;
    int quiet_warnings;
};
void cli_diag_print(void *ud, const struct truce_diag *d);
void cli_error(const char *fmt, ...);

/* The dictionary folder: --dict-dir, else $TRUCE_DICT_DIR, else built in. */
const char *cli_dict_dir(const char *opt);

int cmd_code(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_validate(int argc, char **argv); /* cmd_validate.c, issue 4 */
int cmd_ingest(int argc, char **argv);   /* cmd_store.c, issue 5 */
int cmd_query(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
