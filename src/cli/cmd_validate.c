/*
 * cmd_validate.c -- `truce validate tabari PROJECT_FILE`: TABARI's own
 * validation suite (issue 4). Not built yet: says so.
 */
#include "cli.h"

int cmd_validate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("validate: not implemented yet (issue 4)");
    return EXIT_USAGE;
}
