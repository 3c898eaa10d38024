/*
 * cmd_dictfmt.c -- options naming dictionaries in the field's formats, and
 * `truce dict stats|check|convert` over them (issue 4). See dictfmt.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "dict_foreign_int.h"
#include "dictfmt.h"
#include "lexicon.h"

static const struct {
    const char *opt;
    enum truce_dict_kind kind;
} FILE_OPTS[] = {
    {"--verbs", TRUCE_DICT_VERBS},       {"--actors", TRUCE_DICT_ACTORS},
    {"--agents", TRUCE_DICT_AGENTS},     {"--discard", TRUCE_DICT_DISCARDS},
    {"--discards", TRUCE_DICT_DISCARDS}, {"--issues", TRUCE_DICT_ISSUES},
};

int cli_dict_sources_add(struct cli_dict_sources *s, const char *path,
                         enum truce_dict_format format,
                         enum truce_dict_kind kind)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        void *p = realloc(s->src, cap * sizeof *s->src);
        if (!p)
            return EXIT_NOSTART;
        s->src = p;
        s->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return EXIT_NOSTART;
    s->src[s->n].path = copy;
    s->src[s->n].format = format;
    s->src[s->n].kind = kind;
    s->n++;
    return 0;
}

void cli_dict_sources_free(struct cli_dict_sources *s)
{
    for (size_t i = 0; i < s->n; i++)
        free((char *)s->src[i].path);
    free(s->src);
    free(s->options);
    memset(s, 0, sizeof *s);
}

/* "--opt VALUE" or "--opt=VALUE" at argv[i]: the value, and how many
 * arguments it took (0: not this option). */
static const char *opt_value(int argc, char **argv, int i, const char *opt,
                             int *used)
{
    size_t n = strlen(opt);
    *used = 0;
    if (strncmp(argv[i], opt, n) != 0)
        return NULL;
    if (argv[i][n] == '=') {
        *used = 1;
        return argv[i] + n + 1;
    }
    if (argv[i][n] != 0)
        return NULL;
    *used = i + 1 < argc ? 2 : -1;
    return i + 1 < argc ? argv[i + 1] : NULL;
}

static int set_format(struct cli_dict_sources *s, const char *v)
{
    if (strcmp(v, "tabari") == 0)
        s->format = TRUCE_DICT_TABARI;
    else if (strcmp(v, "petrarch") == 0 || strcmp(v, "petrarch1") == 0 ||
             strcmp(v, "petrarch2") == 0)
        s->format = TRUCE_DICT_PETRARCH;
    else if (strcmp(v, "truce") == 0 || strcmp(v, "ours") == 0)
        s->format = TRUCE_DICT_OURS;
    else {
        cli_error("--dict-format: want tabari or petrarch, not '%s'", v);
        return EXIT_USAGE;
    }
    return 0;
}

/* One option at argv[i]; *used = arguments taken (0: not ours). */
static int parse_one(int argc, char **argv, int i, struct cli_dict_sources *s,
                     int *used)
{
    const char *v;
    if (strcmp(argv[i], "--theirs-first") == 0) {
        s->theirs_first = 1;
        *used = 1;
        return 0;
    }
    if (strcmp(argv[i], "--theirs-only") == 0) {
        s->theirs_only = 1;
        *used = 1;
        return 0;
    }
    if ((v = opt_value(argc, argv, i, "--engine", used)) || *used) {
        if (v && strcmp(v, "tabari") == 0)
            s->engine = TRUCE_ENGINE_TABARI;
        else if (v && strcmp(v, "truce") == 0)
            s->engine = TRUCE_ENGINE_TRUCE;
        else {
            cli_error("--engine: want truce or tabari");
            return EXIT_USAGE;
        }
        return 0;
    }
    if ((v = opt_value(argc, argv, i, "--tabari-options", used)) || *used) {
        if (!v) {
            cli_error("--tabari-options needs a file");
            return EXIT_USAGE;
        }
        free(s->options);
        s->options = strdup(v);
        return s->options ? 0 : EXIT_NOSTART;
    }
    if ((v = opt_value(argc, argv, i, "--dict-format", used)) || *used)
        return v ? set_format(s, v) : (cli_error("--dict-format needs a value"),
                                       EXIT_USAGE);
    if ((v = opt_value(argc, argv, i, "--dict-set", used)) || *used)
        return v ? cli_dict_sources_add_set(s, v)
                 : (cli_error("--dict-set needs a file"), EXIT_USAGE);
    for (size_t k = 0; k < sizeof FILE_OPTS / sizeof FILE_OPTS[0]; k++) {
        v = opt_value(argc, argv, i, FILE_OPTS[k].opt, used);
        if (!v && !*used)
            continue;
        if (!v) {
            cli_error("%s needs a file", FILE_OPTS[k].opt);
            return EXIT_USAGE;
        }
        enum truce_dict_format f = s->format;
        if (f == TRUCE_DICT_OURS && FILE_OPTS[k].kind != TRUCE_DICT_ACTORS &&
            FILE_OPTS[k].kind != TRUCE_DICT_AGENTS &&
            FILE_OPTS[k].kind != TRUCE_DICT_VERBS)
            f = TRUCE_DICT_TABARI;
        return cli_dict_sources_add(s, v, f, FILE_OPTS[k].kind);
    }
    return 0;
}

int cli_dict_sources_parse(int *argc_io, char **argv,
                           struct cli_dict_sources *out)
{
    int argc = *argc_io, w = 1;
    if (!out->n && !out->cap)
        out->format = TRUCE_DICT_TABARI;
    for (int i = 1; i < argc;) {
        int used = 0;
        int rc = parse_one(argc, argv, i, out, &used);
        if (rc)
            return rc;
        if (used <= 0) {
            argv[w++] = argv[i++];
            continue;
        }
        i += used;
    }
    argv[w] = NULL;
    *argc_io = w;
    return 0;
}

void cli_dict_sources_apply(const struct cli_dict_sources *s,
                            struct truce_coder_options *opt)
{
    opt->extra = s->n ? s->src : NULL;
    opt->n_extra = s->n;
    opt->extra_first = s->theirs_first;
    opt->no_own = s->theirs_only;
    opt->engine = s->engine;
    opt->tabari_options = s->options;
}

/* ---- dictionary-set files ---- */

static void dir_of(const char *path, char *dir, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, cap, ".");
    else
        snprintf(dir, cap, "%.*s", (int)(slash - path), path);
}

static int add_relative(struct cli_dict_sources *s, const char *dir,
                        const char *name, size_t n, enum truce_dict_format f,
                        enum truce_dict_kind kind)
{
    while (n && (name[n - 1] == ' ' || name[n - 1] == '\t' ||
                 name[n - 1] == '\r'))
        n--;
    while (n && (*name == ' ' || *name == '\t')) {
        name++;
        n--;
    }
    if (!n)
        return 0;
    char path[4096];
    size_t dlen = name[0] == '/' ? 0 : strlen(dir) + 1;
    if (dlen + n + 1 > sizeof path) {
        cli_error("%.*s: path too long", (int)n, name);
        return EXIT_USAGE;
    }
    if (dlen) {
        memcpy(path, dir, dlen - 1);
        path[dlen - 1] = '/';
    }
    memcpy(path + dlen, name, n);
    path[dlen + n] = 0;
    /* PETRARCH keeps config/ and dictionaries/ side by side and names the
     * files without a folder: look there when the file is not beside the
     * set file. */
    struct stat st;
    if (dlen && stat(path, &st) != 0) {
        char alt[4096];
        int k = snprintf(alt, sizeof alt, "%s/../dictionaries/%.*s", dir,
                         (int)n, name);
        if (k > 0 && (size_t)k < sizeof alt && stat(alt, &st) == 0)
            return cli_dict_sources_add(s, alt, f, kind);
    }
    return cli_dict_sources_add(s, path, f, kind);
}

static const struct {
    const char *key;
    enum truce_dict_kind kind;
} SET_KEYS[] = {
    {"<actorsfile>", TRUCE_DICT_ACTORS},  {"<verbsfile>", TRUCE_DICT_VERBS},
    {"<agentsfile>", TRUCE_DICT_AGENTS},  {"<issuesfile>", TRUCE_DICT_ISSUES},
    {"verbfile_name", TRUCE_DICT_VERBS},  {"actorfile_list", TRUCE_DICT_ACTORS},
    {"agentfile_name", TRUCE_DICT_AGENTS},
    {"discardfile_name", TRUCE_DICT_DISCARDS},
    {"issuefile_name", TRUCE_DICT_ISSUES},
};

static int set_line(struct cli_dict_sources *s, const char *dir, char *line,
                    enum truce_dict_format f)
{
    if (strncmp(line, "<optionsfile>", 13) == 0 && !s->options) {
        char *v = line + 13;
        while (*v == ' ' || *v == '\t')
            v++;
        v[strcspn(v, " \t")] = 0;
        size_t n = strlen(dir) + strlen(v) + 2;
        s->options = malloc(n);
        if (!s->options)
            return EXIT_NOSTART;
        if (v[0] == '/')
            snprintf(s->options, n, "%s", v);
        else
            snprintf(s->options, n, "%s/%s", dir, v);
        return 0;
    }
    for (size_t k = 0; k < sizeof SET_KEYS / sizeof SET_KEYS[0]; k++) {
        size_t n = strlen(SET_KEYS[k].key);
        if (strncmp(line, SET_KEYS[k].key, n) != 0)
            continue;
        char *v = line + n;
        while (*v == ' ' || *v == '\t' || *v == '=')
            v++;
        /* PETR_config.ini lists actor files separated by commas */
        for (char *tok = v; tok && *tok;) {
            char *comma = strchr(tok, ',');
            size_t len = comma ? (size_t)(comma - tok) : strlen(tok);
            int rc = add_relative(s, dir, tok, len, f, SET_KEYS[k].kind);
            if (rc)
                return rc;
            tok = comma ? comma + 1 : NULL;
        }
        return 0;
    }
    return 0;
}

int cli_dict_sources_add_set(struct cli_dict_sources *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("%s: cannot open dictionary set", path);
        return EXIT_NOSTART;
    }
    char dir[4096], line[4096];
    dir_of(path, dir, sizeof dir);
    size_t n = strlen(path);
    enum truce_dict_format fmt =
        n > 4 && strcmp(path + n - 4, ".ini") == 0 ? TRUCE_DICT_PETRARCH
                                                   : TRUCE_DICT_TABARI;
    int rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        rc = set_line(s, dir, line, fmt);
    }
    fclose(f);
    return rc;
}

/* ---- dict stats / check / convert over their files ---- */

static const char *kind_name(enum truce_dict_kind k)
{
    static const char *const NAMES[] = {"verbs", "actors", "agents",
                                        "discards", "issues"};
    return (unsigned)k < 5 ? NAMES[k] : "?";
}

struct lexical {
    struct tr_vocab vocab;
    struct tr_lexicon *lexicon;
};

static void lexical_open(struct lexical *lx, const char *dict_dir,
                         struct cli_diag *diag)
{
    char path[4096];
    tr_vocab_init(&lx->vocab);
    lx->lexicon = NULL;
    snprintf(path, sizeof path, "%s/lexicon.tsv",
             dict_dir ? dict_dir : TRUCE_DEFAULT_DICT_DIR);
    if (tr_lexicon_load(&lx->lexicon, path, &lx->vocab, cli_diag_print,
                        diag) == TRUCE_ENOTFOUND)
        lx->lexicon = NULL;
}

static void lexical_close(struct lexical *lx)
{
    tr_lexicon_free(lx->lexicon);
    tr_vocab_release(&lx->vocab);
}

static void print_counts(const char *what, const uint32_t *count)
{
    printf("%s\n", what);
    for (int i = 0; i < TR_FC_N; i++)
        if (count[i])
            printf("  %-58s %u\n", tr_foreign_count_name(i), count[i]);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void print_loaded(const struct tr_dict *d, double ms)
{
    printf("loaded: actors %u, actor names %u, agents %u, agent names %u, "
           "verb families %u, verb patterns %u (%.1f ms)\n",
           d->n_actors, d->n_actor_names, d->n_agents, d->n_agent_names,
           d->n_families, d->n_patterns, ms);
}

int cli_dict_foreign_stats(const struct cli_dict_sources *s, int check,
                           const char *dict_dir)
{
    struct cli_diag diag = {0, 0, !check};
    struct lexical lx;
    lexical_open(&lx, dict_dir, &diag);
    struct tr_dict d;
    tr_dict_init(&d, &lx.vocab, cli_diag_print, &diag);
    uint32_t total[TR_FC_N] = {0};
    int rc = TRUCE_OK;
    double t0 = now_ms();
    for (size_t i = 0; i < s->n && (!rc || rc == TRUCE_EDICT); i++) {
        uint32_t count[TR_FC_N] = {0};
        rc = tr_dict_load_foreign_lx(&d, lx.lexicon, &s->src[i], 1, count);
        char what[4200];
        snprintf(what, sizeof what, "%s (%s)", s->src[i].path,
                 kind_name(s->src[i].kind));
        print_counts(what, count);
        for (int k = 0; k < TR_FC_N; k++)
            total[k] += count[k];
    }
    double ms = now_ms() - t0;
    if (s->n > 1)
        print_counts("total", total);
    print_loaded(&d, ms);
    if (check)
        printf("%lu unreadable line(s)\n", diag.errors);
    tr_dict_release(&d);
    lexical_close(&lx);
    if (rc && rc != TRUCE_EDICT) {
        cli_error("cannot load: %s", truce_strerror(rc));
        return EXIT_NOSTART;
    }
    return diag.errors ? EXIT_BADINPUT : EXIT_GOOD;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int convert_one(const struct truce_dict_source *src, struct lexical *lx,
                       struct cli_diag *diag, const char *out_dir)
{
    char *data;
    size_t len;
    if (tr_foreign_read_file(src->path, &data, &len)) {
        cli_error("%s: cannot read", src->path);
        return EXIT_NOSTART;
    }
    struct tr_foreign_conv c;
    tr_foreign_conv_init(&c, src->path, src->format, src->kind);
    c.vocab = &lx->vocab;
    c.lexicon = lx->lexicon;
    c.diag = cli_diag_print;
    c.diag_ud = diag;
    int rc = tr_foreign_convert(&c, data, len);
    tr_free(data);
    FILE *out = stdout;
    if (!rc || rc == TRUCE_EDICT) {
        if (out_dir) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s.%s", out_dir,
                     base_name(src->path), kind_name(src->kind));
            out = fopen(path, "w");
        }
        if (!out)
            cli_error("%s: cannot write", out_dir);
        else {
            fprintf(out, "# converted by truce from %s\n", src->path);
            fwrite(c.out.data, 1, c.out.len, out);
            if (out != stdout)
                fclose(out);
        }
    }
    for (int i = 0; i < TR_FC_N; i++)
        if (c.count[i] && (strstr(tr_foreign_count_name(i), "not ") ||
                           strstr(tr_foreign_count_name(i), "kept") ||
                           strstr(tr_foreign_count_name(i), "dropped") ||
                           strstr(tr_foreign_count_name(i), "as suffix") ||
                           strstr(tr_foreign_count_name(i), "truncated")))
            fprintf(stderr, "truce: %s: cannot express: %s: %u\n", src->path,
                    tr_foreign_count_name(i), c.count[i]);
    tr_foreign_conv_release(&c);
    return out ? 0 : EXIT_NOSTART;
}

int cli_dict_foreign_convert(const struct cli_dict_sources *s,
                             const char *out_dir, const char *dict_dir)
{
    struct cli_diag diag = {0, 0, 0};
    struct lexical lx;
    lexical_open(&lx, dict_dir, &diag);
    int status = EXIT_GOOD;
    for (size_t i = 0; i < s->n && status == EXIT_GOOD; i++)
        status = convert_one(&s->src[i], &lx, &diag, out_dir);
    lexical_close(&lx);
    if (status == EXIT_GOOD && diag.errors)
        status = EXIT_BADINPUT;
    return status;
}
