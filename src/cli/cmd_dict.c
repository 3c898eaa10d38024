/*
 * cmd_dict.c -- `truce dict stats|check`: what the dictionaries hold, and
 * every line that cannot be read (file:line: reason).
 */
#include <string.h>

#include "cli.h"

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

int cmd_dict(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("usage: truce dict stats|check [--dict-dir DIR] [FILES]");
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
    if (strcmp(sub, "check") == 0)
        printf("%lu unreadable line(s)\n", diag.errors);
    return rc ? EXIT_BADINPUT : EXIT_GOOD;
}
