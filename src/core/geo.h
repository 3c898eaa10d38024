/*
 * geo.h -- the gazetteer: place names (GeoNames cities500, compiled at build
 * time by tools/mkgazetteer.c into gazetteer.tsv) looked up by their folded
 * form, single words or multi-word names ("Port Sudan", "Khan Younis"), and
 * resolved to one place, preferring the article's country, else the most
 * populous. Read-only after loading, so one table may serve many coders.
 */
#ifndef TR_GEO_H
#define TR_GEO_H

#include "internal.h"

struct tr_geo;

/* The most words of a name that tr_geo_longest() can match, and the most
 * bytes of a folded name the table indexes. */
#define TR_GEO_MAX_WORDS 8u
#define TR_GEO_MAX_KEY 255u

/* One token's folded form (tr_doc_norm), as tr_geo_longest() takes them. */
struct tr_geo_word {
    const char *s;
    uint32_t n;
};

/* What a loaded table holds, for logs and `truce dict stats`. */
struct tr_geo_stats {
    uint32_t places;   /* rows loaded */
    uint32_t names;    /* distinct folded names */
    uint32_t postings; /* (name, place) pairs */
    size_t bytes;      /* memory held by the table */
};

/* Load the table at 'path' (format in docs/internals/geo.md). Malformed rows
 * are reported through 'diag' (file, line, reason) and skipped. Returns
 * TRUCE_OK; TRUCE_EDICT when rows were skipped (*out is still set and holds
 * every good row); TRUCE_ENOTFOUND when the file does not exist; TRUCE_EIO;
 * TRUCE_ELIMIT (past 256 MB); TRUCE_ENOMEM. On those errors *out is NULL and
 * nothing is leaked. The caller frees *out with tr_geo_free(). */
TR_MUST_USE int tr_geo_load(struct tr_geo **out, const char *path,
                            truce_diag_fn *diag, void *ud);

/* NULL is a no-op. */
void tr_geo_free(struct tr_geo *g);

void tr_geo_stats(const struct tr_geo *g, struct tr_geo_stats *out);

/* Look up the name 's' ('n' bytes, any case; spaces and hyphens between
 * words are equivalent: "Al-Hudaydah" = "al hudaydah") and fill 'out' with
 * the best place of that name: one in 'country3_hint' (ISO alpha-3, may be
 * NULL or "") if there is one, else the most populous. Fills name, country,
 * admin1, lat and lon; out->off and out->len are left as they were.
 * Returns TRUCE_OK, TRUCE_ENOTFOUND (not a place name, or 'g' is NULL) or
 * TRUCE_ENOMEM. */
TR_MUST_USE int tr_geo_find(const struct tr_geo *g, const char *s, size_t n,
                            const char *country3_hint,
                            struct truce_place *out);

/* Whether 's' ('n' bytes, as for tr_geo_find) names a place. 0 for a NULL
 * table and when folding runs out of memory. */
int tr_geo_is_place(const struct tr_geo *g, const char *s, size_t n);

/* The hot path for the coder. 'words' are the folded forms of consecutive
 * tokens from a candidate start (a capitalised word); a token that is a
 * lone hyphen ("Al-Hudaydah" is al, -, hudaydah) is skipped but counted.
 * Returns how many of the 'n' tokens the longest place name starting at
 * words[0] spans (0: none) and sets '*name' (OUT) to its id for
 * tr_geo_pick(). Costs one hash probe when words[0] starts no place name. */
uint32_t tr_geo_longest(const struct tr_geo *g,
                        const struct tr_geo_word *words, uint32_t n,
                        uint32_t *name);

/* How good a pick is, for the caller's own thresholds: a hamlet whose
 * alternate name in some language is "Man" or "Hamas" should not win over
 * the reading of the word as a word or an actor. */
struct tr_geo_hit {
    uint32_t population; /* of the chosen place */
    uint32_t candidates; /* places with this name */
    int own_name;        /* the name is the place's own (or its ASCII
                            form), not one of its alternate names */
    int in_country;      /* the place lies in the hint country */
};

/* Resolve the name id 'name' from tr_geo_longest() as tr_geo_find() does.
 * '*hit' (OUT, may be NULL) says how the choice was made. Returns TRUCE_OK
 * or TRUCE_ENOTFOUND (a bad id). */
int tr_geo_pick(const struct tr_geo *g, uint32_t name,
                const char *country3_hint, struct truce_place *out,
                struct tr_geo_hit *hit);

/* Rewrite the folded name 's' in place into the table's key form: runs of
 * spaces, tabs and hyphens become one space, none at either end, ASCII
 * upper case becomes lower case. Returns the new length. Shared with
 * tools/mkgazetteer.c so that writer and reader agree. */
size_t tr_geo_canon(char *s, size_t n);

#endif
