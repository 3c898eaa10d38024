/*
 * place.c -- place names in a sentence, resolved through the gazetteer.
 * A name counts only after a locative word, so "Jordan said" stays an
 * actor and "Chad Smith" a person; the story's country decides between
 * two places of one name ("Tripoli" in a Lebanon story is Lebanon's).
 */
#include <string.h>

#include "geo.h"
#include "place.h"

#define MAX_NAME_WORDS TR_GEO_MAX_WORDS

static int locative(const struct truce_coder *c, uint32_t i)
{
    return tr_is(c, c->doc.tok[i].word, TR_WC_LOCATIVE);
}

/* Weekday and month names are places somewhere ("Thursday", Australia);
 * after "in" or "on" they are dates. */
static int date_word(const struct truce_coder *c, uint32_t i)
{
    return tr_is(c, c->doc.tok[i].word, TR_WC_DATE);
}

/* The longest place name starting at token 'i' (a capitalised word);
 * returns the number of tokens, 0 if none. */
/* The place named at token 'i'; 'hint' the likeliest country, or NULL. */
static uint32_t name_at(struct truce_coder *c, uint32_t i, uint32_t end,
                        const char *hint, struct truce_place *out)
{
    struct tr_geo_word words[MAX_NAME_WORDS];
    uint32_t n = 0;
    for (uint32_t j = i; j < end && n < MAX_NAME_WORDS; j++, n++) {
        size_t len;
        words[n].s = tr_doc_norm(&c->doc, j, &len);
        words[n].n = (uint32_t)len;
    }
    uint32_t name;
    uint32_t span = tr_geo_longest(c->geo, words, n, &name);
    if (!span || tr_geo_pick(c->geo, name, hint, out, NULL))
        return 0;
    const struct tr_token *f = &c->doc.tok[i], *l = &c->doc.tok[i + span - 1];
    out->off = f->off;
    out->len = l->off + l->len - f->off;
    /* the name as the text writes it ("Hodeidah", not "Al Hudaydah");
     * country, region and coordinates say which place it is */
    size_t len = out->len < sizeof out->name ? out->len
                                             : sizeof out->name - 1;
    memcpy(out->name, c->doc.text + out->off, len);
    out->name[len] = 0;
    return span;
}

uint32_t tr_places_scan(struct truce_coder *c, struct tr_place_ref *out,
                        uint32_t max)
{
    if (!c->geo)
        return 0;
    uint32_t first = c->sent->first, end = first + c->sent->n_tokens;
    uint32_t n = 0;
    for (uint32_t i = first + 1; i < end && n < max; i++) {
        const struct tr_token *t = &c->doc.tok[i];
        if (!(t->flags & (TR_TF_CAP | TR_TF_UPPER)))
            continue;
        uint32_t prev = i - 1;
        if (c->doc.tok[prev].word == c->w.the && prev > first)
            prev--;
        if (!locative(c, prev) || date_word(c, i))
            continue;
        int32_t m = c->men_at[i - first];
        /* "in Ankara" is a place; "Ankara said" is an actor */
        if (m >= 0 && !(c->men[m].flags & (TR_MF_PLACE | TR_MF_CAPITAL)))
            continue;
        uint32_t span = name_at(c, i, end, tr_story_country(c),
                                &out[n].place);
        if (!span)
            continue;
        if (m >= 0 && (c->men[m].flags & TR_MF_PLACE) &&
            !tr_place_of_mention(c, &c->men[m], &out[n].place)) {
            i = c->men[m].last; /* "Bir" of "Bir al-Abd" is not Ireland */
            continue;
        }
        out[n].first = i;
        out[n].last = i + span - 1;
        n++;
        i += span - 1;
    }
    return n;
}

int tr_place_of_mention(struct truce_coder *c, const struct tr_mention *m,
                        struct truce_place *out)
{
    if (!c->geo)
        return 0;
    uint32_t end = m->last + 1, i = m->first;
    while (i <= m->last && !(c->doc.tok[i].flags & (TR_TF_CAP | TR_TF_UPPER)))
        i++; /* past "the" */
    /* a place of the dictionaries ("Sirte" LBY) is in its own country;
     * a gazetteer name elsewhere, or one that covers only part of it
     * ("Bir" in "Bir al-Abd"), is another place: none is better */
    char country[4] = "";
    if (strlen(m->code) >= 3 && strncmp(m->code, "IGO", 3) != 0 &&
        strncmp(m->code, "NGO", 3) != 0) {
        memcpy(country, m->code, 3);
        country[3] = 0;
    }
    if (i > m->last)
        return 0;
    uint32_t span = name_at(c, i, end, country[0] ? country
                                                   : tr_story_country(c),
                            out);
    if (!span)
        return 0;
    if ((m->flags & TR_MF_PLACE) && country[0] &&
        (strcmp(out->country, country) != 0 || i + span <= m->last))
        return 0;
    return 1;
}
