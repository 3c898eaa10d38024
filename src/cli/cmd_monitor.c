/*
 * cmd_monitor.c -- `truce monitor CEASEFIRE.ini --db truce.db`: per day and
 * side, the de-duplicated violations, claimed violations, accusations,
 * denials, threats, talks and the escalation index, with jumps flagged.
 */
#include <string.h>

#include "cli.h"
#include "cli_store.h"
#include "monitor.h"

struct monitor_out {
    const struct tr_ceasefire *cf;
    int csv;
};

static int print_day(void *ud, const struct tr_monitor_day *d)
{
    const struct monitor_out *o = ud;
    char date[11];
    tr_store_day_format(d->day, date);
    const char *f = o->csv ? "%s,%s,%ld,%ld,%ld,%ld,%ld,%ld,%.1f,%s\n"
                           : "%s\t%s\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%.1f\t%s\n";
    printf(f, date, o->cf->party[d->side].name, d->violations, d->claimed,
           d->accusations, d->denials, d->threats, d->talks, d->escalation,
           d->jump ? "JUMP" : "");
    return 0;
}

static int parse_options(int argc, char **argv, const char **db,
                         const char **ini, int *csv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' && !*ini) {
            *ini = a;
            continue;
        }
        if (i + 1 >= argc || a[0] != '-') {
            cli_error("usage: truce monitor CEASEFIRE.ini [--db DB] "
                      "[--format table|csv]");
            return -1;
        }
        const char *val = argv[++i];
        if (strcmp(a, "--db") == 0)
            *db = val;
        else if (strcmp(a, "--format") == 0 &&
                 (strcmp(val, "csv") == 0 || strcmp(val, "table") == 0))
            *csv = strcmp(val, "csv") == 0;
        else {
            cli_error("unknown option or value '%s %s' for 'monitor'", a, val);
            return -1;
        }
    }
    if (*ini)
        return 0;
    cli_error("monitor wants a ceasefire file (CEASEFIRE.ini)");
    return -1;
}

int cmd_monitor(int argc, char **argv)
{
    const char *db = "truce.db", *ini = NULL;
    int csv = 0;
    if (parse_options(argc, argv, &db, &ini, &csv))
        return EXIT_USAGE;
    struct cli_diag diag = {0};
    struct tr_ceasefire cf;
    memset(&cf, 0, sizeof cf);
    int rc = tr_ceasefire_load(&cf, ini, cli_diag_print, &diag);
    if (rc)
        return rc == TRUCE_EINPUT ? EXIT_BADINPUT : EXIT_NOSTART;
    struct tr_store *s;
    if (cli_store_open(&s, db, &diag)) {
        tr_ceasefire_release(&cf);
        return EXIT_NOSTART;
    }
    printf("%s%s (%s vs %s, area %s)\n", csv ? "# " : "", cf.name,
           cf.party[0].name, cf.party[1].name, cf.area[0] ? cf.area : "-");
    const char *h = "date\tside\tviolations\tclaimed\taccusations\tdenials\t"
                    "threats\ttalks\tescalation\tflag\n";
    for (const char *p = h; *p; p++)
        putchar(csv && *p == '\t' ? ',' : *p);
    struct monitor_out o = {&cf, csv};
    rc = tr_monitor_run(s, &cf, print_day, &o);
    tr_store_close(s);
    tr_ceasefire_release(&cf);
    return rc ? EXIT_NOSTART : EXIT_GOOD;
}
