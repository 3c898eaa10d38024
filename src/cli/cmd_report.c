/*
 * cmd_report.c -- `truce report --db truce.db -o report.html
 * [--ceasefire CEASEFIRE.ini] [--from D] [--to D]`: a self-contained HTML
 * report (inline SVG, no script, nothing fetched).
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "cli_store.h"
#include "report.h"

struct report_opts {
    const char *db, *out, *ini;
    struct tr_report_options r;
};

static int parse_options(struct report_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc || a[0] != '-') {
            cli_error("usage: truce report --db DB -o OUT.html "
                      "[--ceasefire INI] [--from D] [--to D]");
            return -1;
        }
        const char *val = argv[++i];
        if (strcmp(a, "--db") == 0)
            o->db = val;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            o->out = val;
        else if (strcmp(a, "--ceasefire") == 0)
            o->ini = val;
        else if (strcmp(a, "--from") == 0) {
            if (cli_parse_day(a, val, &o->r.from_day))
                return -1;
        }
        else if (strcmp(a, "--to") == 0) {
            if (cli_parse_day(a, val, &o->r.to_day))
                return -1;
        }
        else {
            cli_error("unknown option '%s' for 'report'", a);
            return -1;
        }
    }
    return 0;
}

static int write_report(struct report_opts *o, struct tr_store *s)
{
    FILE *f = strcmp(o->out, "-") == 0 ? stdout : fopen(o->out, "w");
    if (!f) {
        cli_error("cannot write '%s': %s", o->out, strerror(errno));
        return EXIT_NOSTART;
    }
    int rc = tr_report_write(s, &o->r, f);
    if (f != stdout && fclose(f) != 0)
        rc = rc ? rc : TRUCE_EIO;
    if (rc)
        cli_error("report: %s", truce_strerror(rc));
    return rc ? EXIT_NOSTART : EXIT_GOOD;
}

int cmd_report(int argc, char **argv)
{
    struct report_opts o = {"truce.db", "report.html", NULL,
                            {NULL, TR_DAY_NONE, TR_DAY_NONE, 500}};
    if (parse_options(&o, argc, argv))
        return EXIT_USAGE;
    struct cli_diag diag = {0};
    struct tr_ceasefire cf;
    memset(&cf, 0, sizeof cf);
    if (o.ini) {
        int rc = tr_ceasefire_load(&cf, o.ini, cli_diag_print, &diag);
        if (rc)
            return rc == TRUCE_EINPUT ? EXIT_BADINPUT : EXIT_NOSTART;
        o.r.cf = &cf;
    }
    struct tr_store *s;
    int status = EXIT_NOSTART;
    if (cli_store_open(&s, o.db, &diag) == 0) {
        status = write_report(&o, s);
        tr_store_close(s);
    }
    tr_ceasefire_release(&cf);
    return status;
}
