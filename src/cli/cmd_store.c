/*
 * cmd_store.c -- `truce ingest|query|monitor|report`: the event store and
 * the ceasefire monitor (issue 5). Not built yet: each says so.
 */
#include "cli.h"

static int not_yet(const char *what)
{
    cli_error("%s: not implemented yet (issue 5)", what);
    return EXIT_USAGE;
}

int cmd_ingest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return not_yet("ingest");
}

int cmd_query(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return not_yet("query");
}

int cmd_monitor(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return not_yet("monitor");
}

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return not_yet("report");
}
