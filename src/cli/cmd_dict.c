/*
 * cmd_dict.c -- `truce dict stats|check`: what the dictionaries hold, and
 * every line that cannot be read (file:line: reason).
 */
#include <string.h>

#include "cli.h"
#include "dictfmt.h"

static void print_stats(const struct truce_dict_stats *s)
{
    printf("actors          %u\n", s->actors);
    printf("actor names     %u\n", s->actor_names);
    printf("agent names     %u\n", s->agents);
    printf("verb families   %u\n", s->verb_families);
    printf("verb patterns   %u\n", s->verb_patterns);
    printf("words           %u\n", s->words);
    if (s->load_ms > 0)
        printf("load time       %.1f ms\n", s->load_ms);
}

static int stats_of_coder(const char *dict_dir)
{
    struct cli_diag diag = {0, 0, 0};
    struct truce_coder_options opt = {0};
    opt.dict_dir = dict_dir;
    opt.diag = cli_diag_print;
    opt.diag_ud = &diag;
    struct truce_coder *c;
    int rc = truce_coder_new(&c, &opt);
    if (!c) {
        cli_error("cannot load the dictionaries: %s", truce_strerror(rc));
        return EXIT_NOSTART;
    }
    struct truce_dict_stats s;
    truce_coder_stats(c, &s);
    print_stats(&s);
    truce_coder_free(c);
    return rc ? EXIT_BADINPUT : EXIT_GOOD;
}

/* `truce dict stats|check|convert` over TABARI/PETRARCH files named with
 * --dict-format and friends (dictfmt.h). */
static int foreign(const char *sub, int argc, char **argv,
                   const struct cli_dict_sources *theirs, const char *dir)
{
    if (strcmp(sub, "convert") == 0) {
        const char *out = NULL;
        for (int i = 2; i + 1 < argc; i++)
            if (strcmp(argv[i], "--out") == 0)
                out = argv[i + 1];
        return cli_dict_foreign_convert(theirs, out, dir);
    }
    if (strcmp(sub, "stats") == 0 || strcmp(sub, "check") == 0)
        return cli_dict_foreign_stats(theirs, strcmp(sub, "check") == 0, dir);
    cli_error("unknown dict command '%s'", sub);
    return EXIT_USAGE;
}

int cmd_dict(int argc, char **argv)
{
    struct cli_dict_sources theirs;
    memset(&theirs, 0, sizeof theirs);
    if (cli_dict_sources_parse(&argc, argv, &theirs)) {
        cli_dict_sources_free(&theirs);
        return EXIT_USAGE;
    }
    if (theirs.n && argc >= 2) {
        int rc = foreign(argv[1], argc, argv, &theirs,
                         cli_dict_dir(NULL));
        cli_dict_sources_free(&theirs);
        return rc;
    }
    cli_dict_sources_free(&theirs);
    if (argc < 2) {
        cli_error("usage: truce dict stats|check|convert [--dict-dir DIR] "
                  "[--dict-format tabari|petrarch --verbs F --actors F ...] "
                  "[FILES]");
        return EXIT_USAGE;
    }
    const char *sub = argv[1];
    const char *dict_dir = NULL;
    int i = 2;
    if (i + 1 < argc && strcmp(argv[i], "--dict-dir") == 0) {
        dict_dir = argv[i + 1];
        i += 2;
    }
    dict_dir = cli_dict_dir(dict_dir);
    if (strcmp(sub, "stats") == 0 && i >= argc)
        return stats_of_coder(dict_dir);
    if (strcmp(sub, "stats") != 0 && strcmp(sub, "check") != 0) {
        cli_error("unknown dict command '%s'", sub);
        return EXIT_USAGE;
    }
    const char *fallback[1] = {dict_dir ? dict_dir : TRUCE_DEFAULT_DICT_DIR};
    const char *const *paths = i < argc ? (const char *const *)argv + i
                                        : fallback;
    size_t n = i < argc ? (size_t)(argc - i) : 1;
    struct cli_diag diag = {0, 0, 0};
    struct truce_dict_stats s;
    int rc = truce_dict_check(paths, n, cli_diag_print, &diag, &s);
    print_stats(&s);
    if (strcmp(sub, "check") == 0) {
        printf("%lu unreadable line(s)\n",
               diag.errors - (unsigned long)s.bad_codes);
        printf("%u code(s) not in CAMEO, %u name(s) coded two ways, "
               "%u overlapping date range(s), %u pattern(s) that can never "
               "match\n",
               s.bad_codes, s.duplicate_names, s.overlapping_dates,
               s.shadowed_patterns);
        printf("%u actor entr%s without an example\n", s.actors_unexampled,
               s.actors_unexampled == 1 ? "y" : "ies");
    }
    return rc ? EXIT_BADINPUT : EXIT_GOOD;
}
