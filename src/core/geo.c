/*
 * geo.c -- the gazetteer (see geo.h, docs/internals/geo.md). The file is
 * mapped (or read) whole and kept: names, regions and keys are spans of it,
 * keys put into key form in place when they are not. One hash maps
 * a folded name to a list of places; the entry of a name's first word also
 * records the most words of any name starting with it, so a token that
 * starts no place name costs one probe.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "buf.h"
#include "geo.h"
#include "text.h"

/* The generated table is about 20 MB; far past this it is not a table. */
#define GEO_MAX_BYTES (256u * 1024u * 1024u)
#define GEO_MAGIC 0x47454f31u /* "GEO1", checked in test builds */
/* A broken file would otherwise report every one of its lines. */
#define GEO_MAX_REPORTS 50u
#define NO_POSTING UINT32_MAX
#define NO_KEY UINT32_MAX
#define PRIMARY_BIT 0x80000000u
#define N_FIELDS 8

/* 12 bytes: what ranking needs. Name, region and coordinates are read
 * from the row itself, which the load has checked, when a place is picked. */
struct geo_place {
    uint32_t row_off;    /* the place's row in g->text */
    uint32_t population;
    char country[3];     /* ISO 3166-1 alpha-3, no NUL */
    uint8_t spare;
};

/* A distinct folded name; names are numbered in order of first sight and
 * the number is the id tr_geo_longest() hands out. */
struct geo_key {
    uint32_t off;       /* key bytes in g->text */
    uint32_t first;     /* first posting, NO_POSTING for a bare first word */
    uint16_t len;
    uint8_t max_words;  /* most words of a name whose first word is this
                           key; 0 when the key starts no name */
    uint8_t spare;
};

/* A hash slot: 8 bytes, so that the probes of a load touch half the memory
 * they would with whole keys in the table. */
struct geo_slot {
    uint32_t hash;
    uint32_t key;       /* key index + 1; 0 marks an empty slot */
};

struct geo_posting {
    uint32_t place;     /* place index; PRIMARY_BIT: its own name, not an
                           alternate */
    uint32_t next;      /* next posting of the same key, or NO_POSTING */
};

struct tr_geo {
    uint32_t magic;            /* GEO_MAGIC while alive */
    char *text;                /* the whole file; owned */
    size_t text_len;
    int mapped;                /* text is a private mapping, not tr_malloc */
    struct geo_place *places;  /* owned */
    uint32_t n_places, cap_places;
    struct geo_key *keys;      /* owned */
    uint32_t n_keys, cap_keys;
    struct geo_slot *slots;    /* owned; a power of two of them */
    uint32_t mask;
    struct geo_posting *postings; /* owned */
    uint32_t n_postings, cap_postings;
};

/* One load: where we are and what to report. */
struct geo_load {
    struct tr_geo *g;
    const char *path;
    truce_diag_fn *diag;
    void *ud;
    uint64_t lineno;
    uint32_t n_bad;
};

/* ---- keys ---- */

/* FNV-1a: names are short, and this is simple and good enough. */
static uint32_t hash_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* Whether 's' is already in key form, so that a mapped file is not
 * written (each write would copy a page). */
static int is_canon(const char *s, size_t n)
{
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
        return n == 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t' || c == '-' || (unsigned)(c - 'A') < 26u
            || (c == ' ' && s[i + 1] == ' '))
            return 0;
    }
    return 1;
}

size_t tr_geo_canon(char *s, size_t n)
{
    if (is_canon(s, n))
        return n;
    size_t out = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '-') {
            gap = out > 0;
            continue;
        }
        if (gap)
            s[out++] = ' ';
        gap = 0;
        s[out++] = (char)((unsigned)(c - 'A') < 26u ? c | 0x20 : c);
    }
    return out;
}

/* The slot of key 's' (hash 'h') or, when it is absent, the empty slot
 * where it would go. */
static uint32_t probe(const struct tr_geo *g, const char *s, size_t n,
                      uint32_t h)
{
    uint32_t i = h & g->mask;
    for (;;) {
        const struct geo_slot *sl = &g->slots[i];
        if (sl->key == 0)
            return i;
        if (sl->hash == h) {
            const struct geo_key *k = &g->keys[sl->key - 1];
            if (k->len == n && memcmp(g->text + k->off, s, n) == 0)
                return i;
        }
        i = (i + 1) & g->mask;
    }
}

/* The id of key 's', or NO_KEY. */
static uint32_t find_key(const struct tr_geo *g, const char *s, size_t n)
{
    if (n == 0 || n > TR_GEO_MAX_KEY || !g->slots)
        return NO_KEY;
    uint32_t i = probe(g, s, n, hash_key(s, n));
    return g->slots[i].key ? g->slots[i].key - 1 : NO_KEY;
}

static int rehash(struct tr_geo *g, uint32_t cap)
{
    struct geo_slot *slots = tr_calloc(cap, sizeof *slots);
    if (!slots)
        return TRUCE_ENOMEM;
    struct geo_slot *old = g->slots;
    uint32_t old_cap = old ? g->mask + 1 : 0;
    g->slots = slots;
    g->mask = cap - 1;
    for (uint32_t i = 0; i < old_cap; i++) {
        if (old[i].key == 0)
            continue;
        uint32_t j = old[i].hash & g->mask;
        while (slots[j].key)
            j = (j + 1) & g->mask;
        slots[j] = old[i];
    }
    tr_free(old);
    return TRUCE_OK;
}

/* The smallest table that holds 'keys' keys at most three quarters full. */
static uint32_t slots_for(size_t keys)
{
    uint32_t cap = 64;
    while (cap < 0x40000000u && (size_t)cap * 3 < keys * 4 + 4)
        cap *= 2;
    return cap;
}

/* The id of the key at g->text + off (hash 'h'), added with no postings
 * when new. */
static int add_key(struct tr_geo *g, uint32_t off, size_t n, uint32_t h,
                   uint32_t *id)
{
    if ((size_t)(g->n_keys + 1) * 4 > ((size_t)g->mask + 1) * 3) {
        if (g->mask >= 0x3fffffffu)
            return TRUCE_ELIMIT;
        int rc = rehash(g, (g->mask + 1) * 2);
        if (rc)
            return rc;
    }
    uint32_t i = probe(g, g->text + off, n, h);
    if (g->slots[i].key) {
        *id = g->slots[i].key - 1;
        return TRUCE_OK;
    }
    int rc = tr_grow((void **)&g->keys, &g->cap_keys, g->n_keys + 1,
                     sizeof *g->keys);
    if (rc)
        return rc;
    g->keys[g->n_keys] = (struct geo_key){off, NO_POSTING, (uint16_t)n, 0, 0};
    g->slots[i] = (struct geo_slot){h, g->n_keys + 1};
    *id = g->n_keys++;
    return TRUCE_OK;
}

static int add_posting(struct tr_geo *g, struct geo_key *k, uint32_t place)
{
    /* Rows are added in order, so a repeat of this row's place is at the
     * head; a name given as both primary and alternate stays primary. */
    if (k->first != NO_POSTING) {
        struct geo_posting *head = &g->postings[k->first];
        if ((head->place & ~PRIMARY_BIT) == (place & ~PRIMARY_BIT)) {
            head->place |= place & PRIMARY_BIT;
            return TRUCE_OK;
        }
    }
    if (g->n_postings == NO_POSTING)
        return TRUCE_ELIMIT;
    int rc = tr_grow((void **)&g->postings, &g->cap_postings,
                     g->n_postings + 1, sizeof *g->postings);
    if (rc)
        return rc;
    g->postings[g->n_postings] = (struct geo_posting){place, k->first};
    k->first = g->n_postings++;
    return TRUCE_OK;
}

/* A key of the row being loaded, hashed (and its slot prefetched) before
 * any is inserted, so that the cache misses of a row overlap. */
struct pending_key {
    uint32_t off, len;  /* the canonical key in g->text */
    uint32_t hash;
    uint32_t place;     /* with PRIMARY_BIT for the place's own name */
    uint32_t words;
    uint32_t first_len, first_hash; /* its first word, when words > 1 */
};

static void prefetch_slot(const struct tr_geo *g, uint32_t h)
{
#if defined(__GNUC__)
    __builtin_prefetch(&g->slots[h & g->mask]);
#else
    (void)g;
    (void)h;
#endif
}

/* Hash the key and its first word in one pass, count its words, and ask
 * for their slots. */
static void prepare_key(const struct tr_geo *g, struct pending_key *pk)
{
    const unsigned char *s = (const unsigned char *)g->text + pk->off;
    uint32_t h = 2166136261u, words = 1;
    pk->first_len = pk->len;
    pk->first_hash = 0;
    for (uint32_t i = 0; i < pk->len; i++) {
        if (s[i] == ' ' && words++ == 1) {
            pk->first_len = i;
            pk->first_hash = h;
        }
        h = (h ^ s[i]) * 16777619u;
    }
    pk->hash = h;
    pk->words = words;
    prefetch_slot(g, h);
    if (words > 1 && words <= TR_GEO_MAX_WORDS)
        prefetch_slot(g, pk->first_hash);
}

/* Index one prepared key: its postings, and the longest name its first
 * word starts. */
static int index_key(struct tr_geo *g, const struct pending_key *pk)
{
    uint32_t id;
    int rc = add_key(g, pk->off, pk->len, pk->hash, &id);
    if (rc)
        return rc;
    rc = add_posting(g, &g->keys[id], pk->place);
    if (rc)
        return rc;
    if (pk->words > TR_GEO_MAX_WORDS)
        return TRUCE_OK; /* found by tr_geo_find only */
    if (pk->words > 1) {
        rc = add_key(g, pk->off, pk->first_len, pk->first_hash, &id);
        if (rc)
            return rc;
    }
    struct geo_key *k = &g->keys[id];
    if (k->max_words < pk->words)
        k->max_words = (uint8_t)pk->words;
    return TRUCE_OK;
}

/* ---- choosing a place ---- */

static int in_country(const struct geo_place *p, const char *country3)
{
    return country3 && strnlen(country3, 4) == 3
           && memcmp(p->country, country3, 3) == 0;
}

/* Whether posting 'a' beats posting 'b' (a place in the hint country, then
 * population, then a place's own name over an alternate). */
static int better(const struct tr_geo *g, uint32_t a, uint32_t b,
                  const char *hint)
{
    const struct geo_place *pa = &g->places[a & ~PRIMARY_BIT];
    const struct geo_place *pb = &g->places[b & ~PRIMARY_BIT];
    int ha = in_country(pa, hint), hb = in_country(pb, hint);
    if (ha != hb)
        return ha;
    if (pa->population != pb->population)
        return pa->population > pb->population;
    return (a & PRIMARY_BIT) && !(b & PRIMARY_BIT);
}

/* Copy a span of text into 'dst' ('cap' bytes), cut at a character
 * boundary and NUL-terminated. */
static void copy_text(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s, n);
    dst[n] = 0;
}

static int parse_degrees(const char *s, size_t n, int32_t max, int32_t *out);

/* The start and length of field 'i' of the row at 's'. */
static const char *row_field(const char *s, int i, size_t *n)
{
    for (; i > 0; i--)
        s = strchr(s, '\t') + 1; /* the load saw every tab */
    *n = strcspn(s, "\t");
    return s;
}

static void fill_place(const struct tr_geo *g, const struct geo_place *p,
                       struct truce_place *out)
{
    const char *row = g->text + p->row_off;
    size_t n;
    const char *f = row_field(row, 0, &n);
    copy_text(out->name, sizeof out->name, f, n);
    memcpy(out->country, p->country, 3);
    out->country[3] = 0;
    f = row_field(row, 2, &n);
    copy_text(out->admin1, sizeof out->admin1, f, n);
    int32_t lat = 0, lon = 0;
    f = row_field(row, 3, &n);
    (void)parse_degrees(f, n, 90, &lat);
    f = row_field(row, 4, &n);
    (void)parse_degrees(f, n, 180, &lon);
    out->lat = lat / 1e6;
    out->lon = lon / 1e6;
}

int tr_geo_pick(const struct tr_geo *g, uint32_t name,
                const char *country3_hint, struct truce_place *out,
                struct tr_geo_hit *hit)
{
    if (!g || name >= g->n_keys || g->keys[name].first == NO_POSTING)
        return TRUCE_ENOTFOUND;
    TR_ASSERT(g->magic == GEO_MAGIC);
    uint32_t i = g->keys[name].first;
    uint32_t best = g->postings[i].place, n = 1;
    for (i = g->postings[i].next; i != NO_POSTING; i = g->postings[i].next) {
        n++;
        if (better(g, g->postings[i].place, best, country3_hint))
            best = g->postings[i].place;
    }
    const struct geo_place *p = &g->places[best & ~PRIMARY_BIT];
    fill_place(g, p, out);
    if (hit) {
        hit->population = p->population;
        hit->candidates = n;
        hit->own_name = (best & PRIMARY_BIT) != 0;
        hit->in_country = in_country(p, country3_hint);
    }
    return TRUCE_OK;
}

/* ---- lookups ---- */

/* Fold 's' into the key form: into 'small' for ASCII (the common case, no
 * allocation), else through tr_fold into 'big'. Sets '*key' and '*len'. */
static int fold_key(const char *s, size_t n, char *small, struct tr_buf *big,
                    char **key, size_t *len)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n && n <= TR_GEO_MAX_KEY) {
        memcpy(small, s, n);
        *key = small;
        *len = tr_geo_canon(small, n);
        return TRUCE_OK;
    }
    int rc = tr_fold(big, s, n);
    if (rc)
        return rc;
    *key = big->data;
    *len = tr_geo_canon(big->data, big->len);
    return TRUCE_OK;
}

/* The id of the name 's' with places, or NO_KEY; TRUCE_ENOMEM in '*rc'. */
static uint32_t lookup_name(const struct tr_geo *g, const char *s, size_t n,
                            int *rc)
{
    *rc = TRUCE_OK;
    if (!g || n == 0)
        return NO_KEY;
    TR_ASSERT(g->magic == GEO_MAGIC);
    char small[TR_GEO_MAX_KEY + 1];
    struct tr_buf big;
    tr_buf_init(&big, 4 * TR_GEO_MAX_KEY);
    char *key;
    size_t len;
    uint32_t id = NO_KEY;
    *rc = fold_key(s, n, small, &big, &key, &len);
    if (*rc == TRUCE_OK)
        id = find_key(g, key, len);
    if (*rc != TRUCE_ENOMEM)
        *rc = TRUCE_OK; /* unfoldable or too long: simply not a name */
    tr_buf_release(&big);
    if (id != NO_KEY && g->keys[id].first == NO_POSTING)
        id = NO_KEY;
    return id;
}

int tr_geo_find(const struct tr_geo *g, const char *s, size_t n,
                const char *country3_hint, struct truce_place *out)
{
    int rc;
    uint32_t id = lookup_name(g, s, n, &rc);
    if (rc)
        return rc;
    if (id == NO_KEY)
        return TRUCE_ENOTFOUND;
    return tr_geo_pick(g, id, country3_hint, out, NULL);
}

int tr_geo_is_place(const struct tr_geo *g, const char *s, size_t n)
{
    int rc;
    return lookup_name(g, s, n, &rc) != NO_KEY;
}

static int is_hyphen(const struct tr_geo_word *w)
{
    return w->n == 1 && w->s[0] == '-';
}

/* Join up to 'max_words' words of 'words' into 'key' with single spaces;
 * ends[k] and used[k] get the key length and tokens used for k+1 words.
 * Returns the number of words joined. */
static uint32_t join_words(const struct tr_geo_word *words, uint32_t n,
                           uint32_t max_words, char *key, size_t *ends,
                           uint32_t *used)
{
    uint32_t k = 0;
    size_t len = 0;
    for (uint32_t i = 0; i < n && k < max_words; i++) {
        if (is_hyphen(&words[i]))
            continue;
        size_t need = words[i].n + (k > 0);
        if (words[i].n == 0 || len + need > TR_GEO_MAX_KEY)
            break;
        if (k > 0)
            key[len++] = ' ';
        memcpy(key + len, words[i].s, words[i].n);
        len += words[i].n;
        ends[k] = len;
        used[k] = i + 1;
        k++;
    }
    return k;
}

uint32_t tr_geo_longest(const struct tr_geo *g,
                        const struct tr_geo_word *words, uint32_t n,
                        uint32_t *name)
{
    if (!g || n == 0 || is_hyphen(&words[0]))
        return 0;
    TR_ASSERT(g->magic == GEO_MAGIC);
    uint32_t first = find_key(g, words[0].s, words[0].n);
    if (first == NO_KEY || g->keys[first].max_words == 0)
        return 0;
    char key[TR_GEO_MAX_KEY + 1];
    size_t ends[TR_GEO_MAX_WORDS];
    uint32_t used[TR_GEO_MAX_WORDS];
    uint32_t k = join_words(words, n, g->keys[first].max_words, key, ends,
                            used);
    for (; k > 1; k--) {
        uint32_t id = find_key(g, key, ends[k - 1]);
        if (id != NO_KEY && g->keys[id].first != NO_POSTING) {
            *name = id;
            return used[k - 1];
        }
    }
    if (g->keys[first].first == NO_POSTING)
        return 0;
    *name = first;
    return 1;
}

void tr_geo_stats(const struct tr_geo *g, struct tr_geo_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!g)
        return;
    out->places = g->n_places;
    out->names = g->n_keys;
    out->postings = g->n_postings;
    out->bytes = g->text_len + 1
                 + (size_t)g->cap_places * sizeof *g->places
                 + (size_t)g->cap_keys * sizeof *g->keys
                 + (g->slots ? ((size_t)g->mask + 1) * sizeof *g->slots : 0)
                 + (size_t)g->cap_postings * sizeof *g->postings;
}

void tr_geo_free(struct tr_geo *g)
{
    if (!g)
        return;
    TR_ASSERT(g->magic == GEO_MAGIC);
    g->magic = 0;
    if (g->mapped)
        munmap(g->text, g->text_len);
    else
        tr_free(g->text);
    tr_free(g->places);
    tr_free(g->keys);
    tr_free(g->slots);
    tr_free(g->postings);
    tr_free(g);
}

/* ---- reading the file ---- */

static void report(struct geo_load *ld, const char *reason)
{
    ld->n_bad++;
    if (!ld->diag || ld->n_bad > GEO_MAX_REPORTS)
        return;
    char msg[256];
    if (ld->n_bad == GEO_MAX_REPORTS)
        snprintf(msg, sizeof msg, "%s (further malformed rows not reported)",
                 reason);
    else
        snprintf(msg, sizeof msg, "%s", reason);
    struct truce_diag d = {TRUCE_ERROR, ld->path, ld->lineno, 0, msg};
    ld->diag(ld->ud, &d);
}

/* The file is in the diagnostic; the message says what is wrong. */
static void report_io(const char *path, truce_diag_fn *diag, void *ud,
                      const char *reason)
{
    tr_diag_report(diag, ud, TRUCE_ERROR, path, 0, reason);
}


/* Map the regular file 'f' privately (its pages come from the page cache,
 * many per fault, with no copy). 0 on success; -1 to fall back to reading. */
static int map_file(FILE *f, char **buf, size_t *len)
{
    struct stat st;
    int fd = fileno(f);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)
        || st.st_size <= 0 || (uint64_t)st.st_size > GEO_MAX_BYTES)
        return -1;
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    *buf = p;
    *len = (size_t)st.st_size;
    return 0;
}

/* The whole file in g->text: mapped when it is a regular file, else read
 * into memory of ours. */
static int read_file(struct tr_geo *g, const char *path, truce_diag_fn *diag,
                     void *ud)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int rc = errno == ENOENT ? TRUCE_ENOTFOUND : TRUCE_EIO;
        report_io(path, diag, ud, strerror(errno));
        return rc;
    }
    int rc = TRUCE_OK;
    if (map_file(f, &g->text, &g->text_len) == 0)
        g->mapped = 1;
    else
        rc = tr_read_stream(f, GEO_MAX_BYTES, &g->text, &g->text_len);
    fclose(f);
    if (rc == TRUCE_ELIMIT)
        report_io(path, diag, ud, "gazetteer larger than 256 MB");
    else if (rc == TRUCE_EIO)
        report_io(path, diag, ud, "read error");
    return rc;
}

/* Whether the 8 bytes at 's' are all printable ASCII (0x20-0x7f). */
static int printable8(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    const uint64_t high = 0x8080808080808080u, low = 0x2020202020202020u;
    return ((w | ((w - low) & ~w)) & high) == 0;
}

/* The length of the valid UTF-8 sequence at 's' (n > 0 bytes left) that is
 * not a control character other than tab; 0 when there is none. */
static size_t valid_char(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return c >= 0x20 || c == '\t' ? 1 : 0;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4 || len > n)
        return 0;
    for (size_t j = 1; j < len; j++)
        if ((s[j] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)
        || (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

/* Whether 's' is valid UTF-8 without control characters; runs of ASCII,
 * most of the file, are checked eight bytes at a time. */
static int valid_text(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n && printable8(s + i)) {
            i += 8;
            continue;
        }
        size_t len = valid_char(s + i, n - i);
        if (len == 0)
            return 0;
        i += len;
    }
    return 1;
}

/* Parse a decimal degree ("-12.5", at most 6 decimals kept) into
 * micro-degrees within +-'max' degrees. */
static int parse_degrees(const char *s, size_t n, int32_t max, int32_t *out)
{
    size_t i = 0;
    int neg = n > 0 && s[0] == '-';
    i += (size_t)neg;
    int64_t whole = 0, frac = 0, scale = 1000000;
    size_t digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9' && digits < 4; i++, digits++)
        whole = whole * 10 + (s[i] - '0');
    if (digits == 0)
        return -1;
    if (i < n && s[i] == '.') {
        size_t start = ++i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (scale > 1) {
                scale /= 10;
                frac += (s[i] - '0') * scale;
            }
        if (i == start)
            return -1;
    }
    int64_t v = whole * 1000000 + frac;
    if (i != n || v > (int64_t)max * 1000000)
        return -1;
    *out = (int32_t)(neg ? -v : v);
    return 0;
}

static int parse_count(const char *s, size_t n, uint32_t *out)
{
    uint64_t v = 0;
    if (n == 0 || n > 10)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > UINT32_MAX)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

/* Split 'line' at tabs into exactly N_FIELDS fields; -1 otherwise. */
static int split_fields(char *line, size_t n, char **field, size_t *len)
{
    int k = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && line[i] != '\t')
            continue;
        if (k == N_FIELDS)
            return -1;
        field[k] = line + start;
        len[k] = i - start;
        k++;
        start = i + 1;
    }
    return k == N_FIELDS ? 0 : -1;
}

/* Fill 'p' from the fields; the reason it cannot be, or NULL. */
static const char *parse_place(const struct tr_geo *g, char **field,
                               const size_t *len, struct geo_place *p)
{
    if (len[0] == 0)
        return "empty place name";
    if (len[1] != 3 || (unsigned)field[1][0] - 'A' >= 26u
        || (unsigned)field[1][1] - 'A' >= 26u
        || (unsigned)field[1][2] - 'A' >= 26u)
        return "country is not an ISO 3166-1 alpha-3 code";
    int32_t deg;
    if (parse_degrees(field[3], len[3], 90, &deg))
        return "latitude is not a number of degrees within +-90";
    if (parse_degrees(field[4], len[4], 180, &deg))
        return "longitude is not a number of degrees within +-180";
    if (parse_count(field[5], len[5], &p->population))
        return "population is not a whole number";
    if (len[6] == 0)
        return "no name keys";
    p->row_off = (uint32_t)(field[0] - g->text);
    memcpy(p->country, field[1], 3);
    p->spare = 0;
    return NULL;
}

#define ROW_KEYS 64 /* keys prepared at once; a row with more is split */

static int flush_keys(struct tr_geo *g, struct pending_key *pk,
                      uint32_t *n_pk)
{
    for (uint32_t i = 0; i < *n_pk; i++) {
        int rc = index_key(g, &pk[i]);
        if (rc)
            return rc;
    }
    *n_pk = 0;
    return TRUCE_OK;
}

/* Canonicalise the '|'-separated keys of one field into 'pk' (from
 * '*n_pk'), indexing what is there when it is full. */
static int gather_keys(struct tr_geo *g, char *s, size_t n, uint32_t place,
                       struct pending_key *pk, uint32_t *n_pk)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        size_t len = tr_geo_canon(s + start, i - start);
        if (len > 0 && len <= TR_GEO_MAX_KEY) {
            if (*n_pk == ROW_KEYS) {
                int rc = flush_keys(g, pk, n_pk);
                if (rc)
                    return rc;
            }
            struct pending_key *k = &pk[(*n_pk)++];
            k->off = (uint32_t)(s + start - g->text);
            k->len = (uint32_t)len;
            k->place = place;
            prepare_key(g, k);
        }
        start = i + 1;
    }
    return TRUCE_OK;
}

static int index_row(struct tr_geo *g, char **field, const size_t *len,
                     uint32_t id)
{
    struct pending_key pk[ROW_KEYS];
    uint32_t n_pk = 0;
    int rc = gather_keys(g, field[6], len[6], id | PRIMARY_BIT, pk, &n_pk);
    if (rc == TRUCE_OK)
        rc = gather_keys(g, field[7], len[7], id, pk, &n_pk);
    if (rc == TRUCE_OK)
        rc = flush_keys(g, pk, &n_pk);
    return rc;
}

static int load_row(struct geo_load *ld, char *line, size_t n)
{
    struct tr_geo *g = ld->g;
    char *field[N_FIELDS];
    size_t len[N_FIELDS];
    if (!valid_text((const unsigned char *)line, n)) {
        report(ld, "invalid UTF-8 or a control character");
        return TRUCE_OK;
    }
    if (split_fields(line, n, field, len)) {
        report(ld, "expected 8 tab-separated fields");
        return TRUCE_OK;
    }
    struct geo_place p;
    const char *why = parse_place(g, field, len, &p);
    if (why) {
        report(ld, why);
        return TRUCE_OK;
    }
    if (g->n_places >= PRIMARY_BIT)
        return TRUCE_ELIMIT;
    int rc = tr_grow((void **)&g->places, &g->cap_places, g->n_places + 1,
                     sizeof *g->places);
    if (rc)
        return rc;
    uint32_t id = g->n_places++;
    g->places[id] = p;
    return index_row(g, field, len, id);
}

/* The generator ends the file with "#! places=N names=N postings=N", the
 * counts of the table it holds, so the arrays are allocated once at their
 * size. Returns 0 when the last line is not such a hint (or lies badly). */
static int read_hint(const char *s, size_t n, uint32_t counts[3])
{
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    size_t start = n;
    while (start > 0 && s[start - 1] != '\n')
        start--;
    static const char *const KEYS[3] = {"places=", "names=", "postings="};
    const char *p = s + start, *end = s + n;
    if (end - p < 3 || memcmp(p, "#! ", 3) != 0)
        return 0;
    p += 3;
    for (int i = 0; i < 3; i++) {
        size_t kl = strlen(KEYS[i]);
        if ((size_t)(end - p) < kl || memcmp(p, KEYS[i], kl) != 0)
            return 0;
        p += kl;
        const char *digits = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (parse_count(digits, (size_t)(p - digits), &counts[i]))
            return 0;
        if (p < end && *p == ' ')
            p++;
    }
    /* A row is at least 16 bytes and a key 2: larger counts are lies. */
    return counts[0] <= n / 16 && counts[1] <= n / 2 && counts[2] <= n / 2;
}

/* Allocate the arrays for the table in 'g->text': at the sizes the hint
 * gives, else from a count of rows and '|' (and let them grow). */
static int presize(struct tr_geo *g)
{
    uint32_t c[3];
    if (!read_hint(g->text, g->text_len, c)) {
        size_t keys = 16;
        for (size_t i = 0; i < g->text_len; i++)
            keys += g->text[i] == '\n' || g->text[i] == '|';
        return rehash(g, slots_for(keys));
    }
    int rc = rehash(g, slots_for(c[1]));
    if (rc == TRUCE_OK && c[0])
        rc = tr_grow((void **)&g->places, &g->cap_places, c[0],
                     sizeof *g->places);
    if (rc == TRUCE_OK && c[1])
        rc = tr_grow((void **)&g->keys, &g->cap_keys, c[1], sizeof *g->keys);
    if (rc == TRUCE_OK && c[2])
        rc = tr_grow((void **)&g->postings, &g->cap_postings, c[2],
                     sizeof *g->postings);
    return rc;
}

static int load_lines(struct geo_load *ld)
{
    struct tr_geo *g = ld->g;
    char *s = g->text, *end = g->text + g->text_len;
    if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    while (s < end) {
        char *nl = memchr(s, '\n', (size_t)(end - s));
        char *eol = nl ? nl : end;
        ld->lineno++;
        size_t n = (size_t)(eol - s);
        if (n > 0 && s[n - 1] == '\r')
            n--;
        if (n > 0 && s[0] != '#') {
            int rc = load_row(ld, s, n);
            if (rc)
                return rc;
        }
        s = eol + 1;
    }
    return TRUCE_OK;
}

int tr_geo_load(struct tr_geo **out, const char *path, truce_diag_fn *diag,
                void *ud)
{
    *out = NULL;
    struct tr_geo *g = tr_calloc(1, sizeof *g);
    if (!g)
        return TRUCE_ENOMEM;
    g->magic = GEO_MAGIC;
    int rc = read_file(g, path, diag, ud);
    if (rc == TRUCE_OK && g->text_len >= UINT32_MAX)
        rc = TRUCE_ELIMIT;
    if (rc == TRUCE_OK)
        rc = presize(g);
    struct geo_load ld = {g, path, diag, ud, 0, 0};
    if (rc == TRUCE_OK)
        rc = load_lines(&ld);
    if (rc) {
        tr_geo_free(g);
        return rc;
    }
    *out = g;
    return ld.n_bad ? TRUCE_EDICT : TRUCE_OK;
}
