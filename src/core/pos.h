/*
 * pos.h -- part-of-speech tagging: an averaged perceptron trained on the
 * tagged Brown corpus (tools/train_tagger.c), weights in dict/pos.model.
 * Tags are a small set mapped from the Brown tags, enough to tell "attacks",
 * "talks", "forces", "shell" as noun or verb in context.
 */
#ifndef TR_POS_H
#define TR_POS_H

#include "text.h"

#define TR_POS_MAP(XX)                                                  \
    XX(X, "X")        /* unknown / other */                              \
    XX(NOUN, "NOUN")  /* common noun, singular or plural (NN NNS) */     \
    XX(PROPN, "PROPN")/* proper noun (NP NPS) */                         \
    XX(PRON, "PRON")  /* personal and other pronouns (PPS PPO ...) */    \
    XX(VB, "VB")      /* verb, base form */                              \
    XX(VBD, "VBD")    /* verb, past tense */                             \
    XX(VBG, "VBG")    /* verb, gerund or present participle */           \
    XX(VBN, "VBN")    /* verb, past participle */                        \
    XX(VBZ, "VBZ")    /* verb, present tense (3sg and non-3sg) */        \
    XX(MD, "MD")      /* modal: will, would, can, may, must ... */       \
    XX(ADJ, "ADJ")    /* adjective */                                    \
    XX(ADV, "ADV")    /* adverb */                                       \
    XX(DET, "DET")    /* determiner, article, quantifier */              \
    XX(ADP, "ADP")    /* preposition */                                  \
    XX(CONJ, "CONJ")  /* coordinating conjunction */                     \
    XX(SCONJ, "SCONJ")/* subordinating conjunction: that, if, because */ \
    XX(NUM, "NUM")    /* number */                                       \
    XX(PRT, "PRT")    /* particle: up, out, off (RP) */                  \
    XX(TO, "TO")      /* infinitival to */                               \
    XX(POSS, "POSS")  /* possessive 's */                                \
    XX(WH, "WH")      /* wh-words: who, which, what, where */            \
    XX(NEG, "NEG")    /* not, n't, never */                              \
    XX(EX, "EX")      /* existential there */                            \
    XX(PUNCT, "PUNCT")/* punctuation */

enum tr_pos {
#define TR_POS_ENUM(name, text) TR_POS_##name,
    TR_POS_MAP(TR_POS_ENUM)
#undef TR_POS_ENUM
    TR_POS_COUNT
};

const char *tr_pos_name(enum tr_pos p);
/* The tag named 'name' ("NOUN"), or -1. */
int tr_pos_from_name(const char *name, size_t n);

static inline int tr_pos_is_verb(int p)
{
    return p >= TR_POS_VB && p <= TR_POS_VBZ;
}

static inline int tr_pos_is_noun(int p)
{
    return p == TR_POS_NOUN || p == TR_POS_PROPN;
}

struct tr_tagger;

/* Load the weights in 'path'. Malformed lines are reported through 'diag'
 * (file:line: reason) and skipped. Returns TRUCE_OK, TRUCE_ENOTFOUND,
 * TRUCE_EDICT (some lines skipped; *out is still set), TRUCE_ENOMEM. */
TR_MUST_USE int tr_tagger_load(struct tr_tagger **out, const char *path,
                               truce_diag_fn *diag, void *ud);
void tr_tagger_free(struct tr_tagger *t);

/* Tag tokens [first, first + n) of 'd' (one sentence), writing tok[i].pos.
 * Never fails: unknown words are tagged from their shape and suffix. */
void tr_tagger_tag(const struct tr_tagger *t, struct tr_doc *d,
                   uint32_t first, uint32_t n);

#endif
