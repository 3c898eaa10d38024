/*
 * lexicon.h -- lemmas of inflected verbs and nouns, from WordNet's
 * morphology (exception lists plus detachment rules checked against
 * WordNet's base forms), compiled to dict/lexicon.tsv by tools/.
 * Lookups are by vocab id: O(1) per token on the hot path.
 */
#ifndef TR_LEXICON_H
#define TR_LEXICON_H

#include "vocab.h"

struct tr_lexicon;

/* Load 'path' (lines: FORM TAB POS TAB LEMMA, POS one of v n a), interning
 * every form and lemma into 'v'. Malformed lines are reported and skipped.
 * Returns TRUCE_OK, TRUCE_ENOTFOUND, TRUCE_EDICT (some lines skipped, *out
 * set), TRUCE_ENOMEM. */
TR_MUST_USE int tr_lexicon_load(struct tr_lexicon **out, const char *path,
                                struct tr_vocab *v, truce_diag_fn *diag,
                                void *ud);
void tr_lexicon_free(struct tr_lexicon *lx);

/* The lemma id of word 'word' read as a verb ('v'), a noun ('n') or an
 * adjective ('a'); 'word' itself when it is not inflected or not known. */
uint32_t tr_lexicon_lemma(const struct tr_lexicon *lx, uint32_t word,
                          char pos);

/* Whether 'word' is known as a base or inflected form of that part of
 * speech (used by the tagger's and coder's disambiguation rules). */
int tr_lexicon_has(const struct tr_lexicon *lx, uint32_t word, char pos);

#endif
