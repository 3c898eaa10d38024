/*
 * wordclass.h -- the closed word lists of the coder's rules (speech verbs,
 * "if"-words, verbs of denial, intention and refusal, locatives, ...), as
 * bits per word id. The coder builds the table once after loading, so a
 * rule asks "is this token a speech verb?" with one array read, not a run
 * of string comparisons on the hot path.
 */
#ifndef TR_WORDCLASS_H
#define TR_WORDCLASS_H

#include "vocab.h"

enum tr_word_class {
    TR_WC_SPEECH = 1u << 0,   /* lemmas whose complement is a claim */
    TR_WC_OBLIGE = 1u << 1,   /* speech verbs before "Y must ..." */
    TR_WC_IF = 1u << 2,       /* if, unless, whether, provided */
    TR_WC_DENY = 1u << 3,     /* deny, reject, dismiss, refute, rebuff */
    TR_WC_HAPPENED = 1u << 4, /* begin, continue, use ... to: it happened */
    TR_WC_INTENDED = 1u << 5, /* plan, pledge, ready ... to: an intention */
    TR_WC_REFUSED = 1u << 6,  /* refuse, decline, fail ... to: a refusal */
    TR_WC_THING = 1u << 7,    /* initiative, proposal ...: not a party */
    TR_WC_ASSET = 1u << 8,    /* position, base ...: "its positions" */
    TR_WC_PERSON = 1u << 9,   /* head, spokesman ...: one person */
    TR_WC_LOCATIVE = 1u << 10,/* in, near, at ...: before a place */
    TR_WC_DATE = 1u << 11,    /* weekdays, months, yesterday, last ... */
    TR_WC_ATTACK = 1u << 12,  /* attack, bombing, blast ...: the act as a
                                 subject ("the blast killed ...") */
    TR_WC_COMMIT = 1u << 13,  /* promise, pledge, vow ... to: a commitment
                                 worth coding when its act is not known */
    TR_WC_SPURN = 1u << 14,   /* refuse, decline ... to: a rejection worth
                                 coding when its act is not known */
    TR_WC_MENACE = 1u << 15,  /* threaten ... to: a threat, whatever the
                                 act */
    TR_WC_COMMAND = 1u << 16, /* order, instruct ... X to: a demand on X */
    TR_WC_SUBORD = 1u << 17,  /* after, before, since ...: may open a clause
                                 ("after a Serbian jet shot down ...") */
    TR_WC_ATTEMPT = 1u << 18, /* try, attempt ... to: the act was undertaken,
                                 not necessarily achieved */
    TR_WC_DEMANDV = 1u << 19, /* demand, urge, propose ... that: the act of
                                 the clause is asked for, not done */
    TR_WC_LIGHT = 1u << 20,   /* announce, order, impose ... "a suspension
                                 of": a nominal act */
    TR_WC_STATIVE = 1u << 21, /* commit, oppose ... "is committed to": a
                                 participle after "be" that is the
                                 subject's own stance, not a passive */
    TR_WC_PREPARE = 1u << 22, /* prepare ... to: force readied is a show
                                 of force (150), not a threat */
    TR_WC_NOWAY = 1u << 23    /* way, time, means ... after "no": "at no
                                 time did we bomb" is a denial */
};

/* Intern every listed word into 'v' (so text tokens find ids for them) and
 * make the table: '*out' gets 'v->n_words + 1' entries. Call after the
 * vocabulary is complete. Returns TRUCE_OK or TRUCE_ENOMEM. */
TR_MUST_USE int tr_wordclass_build(struct tr_vocab *v, uint32_t **out,
                                   uint32_t *n);

static inline int tr_wc(const uint32_t *table, uint32_t n, uint32_t id,
                        unsigned bits)
{
    return id < n && (table[id] & bits) != 0;
}

#endif
