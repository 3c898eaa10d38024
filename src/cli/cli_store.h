/*
 * cli_store.h -- what the store commands of the CLI share (cmd_query.c):
 * opening an existing store and reading a date option.
 */
#ifndef TRUCE_CLI_STORE_H
#define TRUCE_CLI_STORE_H

#include "cli.h"
#include "store.h"

/* Open the existing store 'db'; on failure print why and return -1. */
int cli_store_open(struct tr_store **out, const char *db,
                   struct cli_diag *diag);
/* Parse "YYYY-MM-DD" given to option 'opt'; print a usage error on -1. */
int cli_parse_day(const char *opt, const char *val, int64_t *day);

#endif
