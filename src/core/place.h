/*
 * place.h -- where events happen: place names after locative words ("in
 * Tripoli", "near Sirte", "the port of Hodeidah", "south of Sirte") and
 * places that are the targets of force, looked up in the gazetteer (geo.h)
 * with the story's country as the hint (issue 3).
 */
#ifndef TR_PLACE_H
#define TR_PLACE_H

#include "coder_int.h"

struct tr_place_ref {
    uint32_t first, last;    /* tokens of the name */
    struct truce_place place;
};

/* The place names of the current sentence, at most 'max', in text order.
 * None when the coder has no gazetteer. */
uint32_t tr_places_scan(struct truce_coder *c, struct tr_place_ref *out,
                        uint32_t max);

/* Resolve the words of mention 'm' (a place or a capital) as a place;
 * returns whether it is one. */
int tr_place_of_mention(struct truce_coder *c, const struct tr_mention *m,
                        struct truce_place *out);

#endif
