/*
 * main.c -- the truce command: dispatch to a subcommand, nothing else.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "usage: truce COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  code   [--date D] [--input text|jsonl] [--format jsonl|table|csv]\n"
    "         [--dict-dir DIR] [FILES|DIRS|-]   code articles into events\n"
    "  dict   stats|check [--dict-dir DIR] [FILES]  dictionary counts, lint\n"
    "  version                                   print the version\n"
    "\n"
    "exit status: 0 good, 1 some input was bad (the rest was processed),\n"
    "2 usage error, 3 could not start\n";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("truce: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_diag_print(void *ud, const struct truce_diag *d)
{
    struct cli_diag *cd = ud;
    if (d->severity == TRUCE_ERROR)
        cd->errors++;
    else
        cd->warnings++;
    if (d->severity == TRUCE_WARNING && cd->quiet_warnings)
        return;
    const char *kind = d->severity == TRUCE_ERROR ? "error" : "warning";
    if (d->file && d->line)
        fprintf(stderr, "truce: %s:%llu: %s: %s\n", d->file,
                (unsigned long long)d->line, kind, d->msg);
    else if (d->file)
        fprintf(stderr, "truce: %s: %s: %s\n", d->file, kind, d->msg);
    else
        fprintf(stderr, "truce: %s: %s\n", kind, d->msg);
}

const char *cli_dict_dir(const char *opt)
{
    if (opt)
        return opt;
    const char *env = getenv("TRUCE_DICT_DIR");
    return env && *env ? env : NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "code") == 0)
        return cmd_code(argc - 1, argv + 1);
    if (strcmp(cmd, "dict") == 0)
        return cmd_dict(argc - 1, argv + 1);
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } MORE[] = {
        {"validate", cmd_validate}, {"ingest", cmd_ingest},
        {"query", cmd_query},       {"monitor", cmd_monitor},
        {"report", cmd_report},
    };
    for (size_t i = 0; i < sizeof MORE / sizeof MORE[0]; i++)
        if (strcmp(cmd, MORE[i].name) == 0)
            return MORE[i].run(argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        puts("truce 0.1.0");
        return EXIT_GOOD;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0) {
        fputs(USAGE, stdout);
        return EXIT_GOOD;
    }
    cli_error("unknown command '%s'", cmd);
    fputs(USAGE, stderr);
    return EXIT_USAGE;
}
