/*
 * event.c -- verbs into events. For each verb of a sentence whose lemma has
 * patterns: voice (active or passive), whether it is asserted at all
 * (negated, modal, or the content of an accusation or a plan are not coded
 * as happened), the most specific pattern that matches, the source (the
 * subject, through relative pronouns and verb coordination) and the target.
 * Every source x target of coordinated mentions gives one event.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cameo.h"
#include "coder_int.h"
#include "date.h"
#include "place.h"

#define GAP_WORDS 6  /* tokens allowed between two pattern words */
#define GAP_TARGET 6 /* tokens allowed before a target */

/* A power of two over twice the ids of the longest sentence (a word and a
 * lemma per token), so the set is at most half full. */
#define WORD_SET_SIZE 2048u
_Static_assert(WORD_SET_SIZE >= 4 * TRUCE_MAX_SENTENCE_TOKENS,
               "the word set must stay at most half full");

struct verb_ctx {
    struct truce_coder *c;
    uint32_t v;          /* the verb token */
    uint32_t first, end; /* the sentence's tokens */
    int passive;
    int32_t subject;     /* mention, or -1 */
    int32_t by_agent;    /* passive "by X" mention, or -1 */
    int force;           /* the pattern being tried is material conflict */
    uint32_t back_from;  /* where match_backward() starts: the verb, or
                            the head of an attack noun subject */
    const char *code;    /* the event code being emitted */
    int recip;           /* "accused each other" */
    enum truce_mode mode;         /* of the events being emitted */
    struct tr_date dates[16];     /* date expressions of the sentence */
    uint32_t n_dates;
    int32_t date_owner[16];       /* the verb token each belongs to */
    char date[11];                /* of the events being emitted */
    uint8_t date_precision;
    struct tr_place_ref places[8];  /* place names of the sentence */
    uint32_t n_places;
    struct truce_actor claim;     /* who says so, for them */
    int has_claim;
    int no_bare;         /* skip patterns with no words: "pledged to
                            deliver shells" is coded on "deliver" */
    int32_t governor;    /* the verb of intent or attempt over the verb
                            ("prepared to resume shelling"), or -1 */
    uint8_t coded[TRUCE_MAX_SENTENCE_TOKENS]; /* verbs that made events */
    int16_t subject_of[TRUCE_MAX_SENTENCE_TOKENS]; /* per verb, or -1 */
    uint8_t subject_set[TRUCE_MAX_SENTENCE_TOKENS]; /* subject_of found:
                                         1 active verb, 2 passive */
    /* the sentence's word and lemma ids, a set made on the first verb
     * with patterns: a pattern whose word is not in it cannot match */
    uint32_t words[WORD_SET_SIZE];
    uint32_t words_mask; /* 0: not made yet */
};

static const struct tr_token *tok_at(const struct truce_coder *c, uint32_t i)
{
    return &c->doc.tok[i];
}

/* A place ("in Sirte", "shelled Tripoli's airport") is a target only of
 * material conflict (roots 14-20), and then stands for its country. */
static int usable_target(const struct verb_ctx *x, int32_t m)
{
    if (m < 0)
        return 0;
    const struct truce_coder *c = x->c;
    const struct tr_mention *men = &c->men[m];
    if (x->force || !(men->flags & TR_MF_PLACE))
        return 1;
    /* "delivered food to Gaza": a destination, not a location */
    if (men->first <= x->first)
        return 0;
    uint32_t w = tok_at(c, men->first - 1)->word;
    return w == c->w.to || w == c->w.into || w == c->w.toward ||
           w == c->w.towards;
}

static int32_t mention_at(const struct verb_ctx *x, uint32_t i)
{
    return x->c->men_at[i - x->first];
}

static int is_aux(const struct truce_coder *c, uint32_t i)
{
    const struct tr_token *t = tok_at(c, i);
    uint32_t l = t->lemma;
    return t->pos == TR_POS_MD || l == c->w.be || l == c->w.have ||
           l == c->w.do_ || l == c->w.get;
}

static int is_neg(const struct truce_coder *c, uint32_t i)
{
    const struct tr_token *t = tok_at(c, i);
    return t->pos == TR_POS_NEG || t->word == c->w.not_ ||
           t->word == c->w.nt || t->word == c->w.never;
}

/* be/have/do/get followed (over adverbs and negation) by another verb. */
static int aux_of_next_verb(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    uint32_t l = tok_at(c, v)->lemma;
    if (l != c->w.be && l != c->w.have && l != c->w.do_ && l != c->w.get)
        return 0;
    for (uint32_t j = v + 1; j < x->end && j <= v + 3; j++) {
        const struct tr_token *t = tok_at(c, j);
        if (tr_pos_is_verb(t->pos))
            return 1;
        if (t->pos != TR_POS_ADV && !is_neg(c, j))
            return 0;
    }
    return 0;
}

/* A clause boundary for searches across the sentence. */
static int is_boundary(const struct truce_coder *c, uint32_t i)
{
    const struct tr_token *t = tok_at(c, i);
    if (t->word == c->w.semicolon || t->word == c->w.colon)
        return 1;
    if (t->kind == TR_TOK_DASH || t->kind == TR_TOK_QUOTE)
        return 1;
    return t->pos == TR_POS_SCONJ;
}

static int is_finite_verb(const struct truce_coder *c, uint32_t i)
{
    int p = tok_at(c, i)->pos;
    return p == TR_POS_VBD || p == TR_POS_VBZ || p == TR_POS_MD;
}

/* ---- is the verb asserted? ---- */

/* How a verb's event stands: told as having happened, announced as an
 * intention ("will withdraw", "pledged to hand over", "is ready to meet"),
 * or neither (negated, speculative, conditional, denied, the content of an
 * accusation). Issue 3 will emit the last kind with its mode; until then
 * only the first two make events, intentions through the CAMEO "express
 * intent" codes. */
enum stance {
    STANCE_NONE,
    STANCE_ASSERTED,
    STANCE_INTENT,  /* "will withdraw", "pledged to release" */
    STANCE_OBLIGED, /* "Y must withdraw", said X */
    STANCE_REFUSED, /* "will not accept", "refused to release" */
    STANCE_NEGATED, /* "did not attack", "denied shelling" */
    STANCE_CONDITIONAL, /* "if X attacks", "will withdraw if ..." */
    STANCE_ATTEMPTED /* "tried to storm the embassy": done, maybe failed */
};


/* A table from event code prefixes to the code of a related act; the
 * longest prefixes come first in each table. */
struct recode {
    const char *prefix, *code;
};

static const char *recode(const struct recode *map, size_t n,
                          const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strncmp(code, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].code;
    return NULL;
}

/* Verbs whose infinitive or gerund complement did happen ("began
 * shelling", "used the lull to reinforce"). */
static int complement_happened(const struct truce_coder *c, uint32_t lemma)
{
    return tr_is(c, lemma, TR_WC_HAPPENED);
}

/* Verbs and adjectives whose infinitive is an announced intention. */
static int complement_intended(const struct truce_coder *c, uint32_t lemma)
{
    return tr_is(c, lemma, TR_WC_INTENDED);
}

/* Verbs whose infinitive is refused: "refused to release", "declined to
 * attend", "failed to reach agreement". */
static int complement_refused(const struct truce_coder *c, uint32_t lemma)
{
    return tr_is(c, lemma, TR_WC_REFUSED);
}

/* The word before 'i' governing an infinitive ("to"): a verb, or a
 * predicate adjective ("ready to meet"); -1 if none. */
static int32_t governing_word(const struct verb_ctx *x, uint32_t i)
{
    for (uint32_t j = i; j-- > x->first && i - j <= 6;) {
        const struct tr_token *t = tok_at(x->c, j);
        if ((tr_pos_is_verb(t->pos) && !is_aux(x->c, j)) ||
            (t->pos == TR_POS_ADJ && j + 1 == i))
            return (int32_t)j;
        if (is_boundary(x->c, j))
            break;
    }
    return -1;
}

/* "X denied that its forces had violated the truce": what a denial's
 * clause tells did not happen, as far as the text asserts. */
static int under_denial(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    for (uint32_t j = v; j-- > x->first && v - j <= 12;) {
        const struct tr_token *t = tok_at(c, j);
        if (tr_pos_is_verb(t->pos) && !is_aux(c, j))
            return tr_is(c, t->lemma, TR_WC_DENY);
        if (t->word == c->w.semicolon)
            return 0;
    }
    return 0;
}

/* "Greece demanded that its partners refuse to recognize Macedonia": the
 * act of a "that" clause under a verb of demand is asked for, not done;
 * the demand is the verb's own event. */
static int under_demand(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    int that = 0;
    for (uint32_t j = v; j-- > x->first && v - j <= 15;) {
        const struct tr_token *t = tok_at(c, j);
        if (t->word == c->w.that)
            that = 1;
        else if (tr_pos_is_verb(t->pos) && !is_aux(c, j))
            return that && tr_is(c, t->lemma, TR_WC_DEMANDV);
        if (t->word == c->w.semicolon)
            return 0;
    }
    return 0;
}

/* "if Kinshasa attacks", "unless the LNA withdraws": a condition. */
static int conditional(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    for (uint32_t j = v; j-- > x->first && v - j <= 10;) {
        const struct tr_token *t = tok_at(c, j);
        if (tr_is(c, t->word, TR_WC_IF))
            return 1;
        if (t->word == c->w.comma || t->word == c->w.semicolon ||
            (tr_pos_is_verb(t->pos) && !is_aux(c, j) && j != v))
            return 0;
    }
    return 0;
}

/* "will withdraw if the LNA does": a condition after the verb, in its
 * clause. */
static int condition_follows(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    for (uint32_t j = v + 1; j < x->end && j <= v + 15; j++) {
        const struct tr_token *t = tok_at(c, j);
        if (tr_is(c, t->word, TR_WC_IF))
            return 1;
        if (t->word == c->w.semicolon || t->kind == TR_TOK_QUOTE)
            return 0;
    }
    return 0;
}

static int will_word(const struct truce_coder *c, uint32_t word)
{
    return word == c->w.will || word == c->w.would || word == c->w.shall;
}

static enum stance stance_at(const struct verb_ctx *x, uint32_t v, int depth,
                             int32_t *governor);

/* A negation right before token 'i' ("must not"), or right after it. */
/* "at no time", "in no way", "under no circumstances" in the clause
 * before the verb chain starting at 'j' */
static int no_way_before(const struct verb_ctx *x, uint32_t j)
{
    const struct truce_coder *c = x->c;
    for (uint32_t k = j; k-- > x->first && j - k <= 8;) {
        const struct tr_token *t = tok_at(c, k);
        if (is_boundary(c, k) || (is_finite_verb(c, k) && !is_aux(c, k)))
            return 0;
        if (t->word == c->w.no && k + 1 < j &&
            tr_is(c, tok_at(c, k + 1)->word, TR_WC_NOWAY))
            return 1;
    }
    return 0;
}

static int neg_before(const struct verb_ctx *x, uint32_t i)
{
    return (i > x->first && is_neg(x->c, i - 1)) ||
           (i + 1 < x->end && is_neg(x->c, i + 1));
}

/* The stance of an infinitive ending at 'to' (the "to" token). */
static enum stance infinitive_stance(const struct verb_ctx *x, uint32_t to,
                                     int depth, int32_t *governor)
{
    const struct truce_coder *c = x->c;
    int32_t g = governing_word(x, to);
    if (g < 0 || depth >= 3)
        return STANCE_NONE;
    uint32_t lemma = tok_at(c, (uint32_t)g)->lemma;
    if (!lemma)
        lemma = tok_at(c, (uint32_t)g)->word;
    int32_t unused;
    enum stance gs = stance_at(x, (uint32_t)g, depth + 1, &unused);
    if (complement_happened(c, lemma))
        return gs; /* "would continue to respect": as its verb */
    if (tr_is(c, lemma, TR_WC_ATTEMPT) && gs == STANCE_ASSERTED) {
        *governor = g; /* "tried to hack into": undertaken, as asserted */
        return STANCE_ATTEMPTED;
    }
    if (complement_intended(c, lemma) && gs != STANCE_NONE) {
        *governor = g;
        return gs == STANCE_REFUSED ? STANCE_REFUSED : STANCE_INTENT;
    }
    if (complement_refused(c, lemma) && gs == STANCE_ASSERTED) {
        *governor = g;
        return STANCE_REFUSED;
    }
    return STANCE_NONE;
}

static enum stance stance_at(const struct verb_ctx *x, uint32_t v, int depth,
                             int32_t *governor)
{
    const struct truce_coder *c = x->c;
    uint32_t j = v;
    int intent = 0, negated = 0;
    while (j > x->first) {
        uint32_t p = j - 1;
        const struct tr_token *t = tok_at(c, p);
        if (is_neg(c, p)) {
            negated = 1;
            j = p;
            continue;
        }
        if (t->pos == TR_POS_MD) {
            /* "Sudan must return the helicopter", said Russia: a demand */
            if (t->word == c->w.must || t->word == c->w.should)
                return depth == 0 && !neg_before(x, p) ? STANCE_OBLIGED
                                                       : STANCE_NONE;
            if (!will_word(c, t->word))
                return STANCE_NONE; /* could, may, might: maybe */
            intent = 1;
        }
        if (is_aux(c, p) || t->pos == TR_POS_ADV)
            j = p;
        else
            break;
    }
    /* "at no time did we bomb", "has in no way threatened" */
    negated |= no_way_before(x, j);
    /* "will not accept": a refusal; "did not attack": not so */
    if (negated)
        return intent && !conditional(x, v) ? STANCE_REFUSED : STANCE_NEGATED;
    if (conditional(x, v) || (intent && condition_follows(x, v)))
        return STANCE_CONDITIONAL;
    if (under_denial(x, j))
        return STANCE_NEGATED;
    if (under_demand(x, j))
        return STANCE_NONE;
    if (j > x->first && tok_at(c, j - 1)->pos == TR_POS_TO)
        return infinitive_stance(x, j - 1, depth, governor);
    if (tok_at(c, v)->pos == TR_POS_VBG && j > x->first) {
        const struct tr_token *t = tok_at(c, j - 1);
        if (t->pos == TR_POS_ADP)
            return STANCE_NONE; /* "accused X of shelling" */
        if (tr_pos_is_verb(t->pos)) {
            if (tr_is(c, t->lemma, TR_WC_DENY))
                return STANCE_NEGATED; /* "denied shelling the airport" */
            /* "prepared to resume shelling": as its verb */
            if (!complement_happened(c, t->lemma) || depth >= 3)
                return STANCE_NONE;
            return stance_at(x, j - 1, depth + 1, governor);
        }
    }
    return intent ? STANCE_INTENT : STANCE_ASSERTED;
}

/* The CAMEO code for announcing an act instead of doing it, or NULL.
 * Cooperation announced is an intention (03x): "will meet" (04x) is 036,
 * "pledged to hand over its weapons" (0873) is 0356. Conflict announced is
 * a threat (13x): "will boycott" (16x) is 131x, "would blockade" (191) is
 * 1381, "will attack" is 1384. Demands, criticism and rejections announced
 * stay uncoded. */
static const char *intent_code(const char *code)
{
    static const struct recode MAP[] = {
        {"045", "039"},   {"04", "036"},    {"057", "030"},   {"05", "032"},
        {"061", "0311"},  {"062", "0312"},  {"063", "0313"},  {"064", "0314"},
        {"06", "031"},    {"071", "0331"},  {"072", "0332"},  {"073", "0333"},
        {"074", "0334"},  {"07", "033"},    {"081", "0351"},  {"082", "0352"},
        {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"},
        {"083", "034"},   {"084", "0353"},  {"085", "0354"},  {"086", "0355"},
        {"087", "0356"},  {"08", "035"},
        {"14", "133"},    {"15", "138"},    {"161", "1313"},  {"162", "1311"},
        {"163", "1312"},  {"164", "134"},   {"165", "135"},   {"166", "136"},
        {"16", "131"},    {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"},
        {"1724", "1324"}, {"172", "132"},   {"17", "137"},    {"18", "138"},
        {"191", "1381"},  {"192", "1382"},  {"193", "1384"},  {"194", "1384"},
        {"195", "1384"},  {"19", "138"},    {"204", "1385"},  {"20", "1383"},
    };
    return recode(MAP, TR_ARRAY_LEN(MAP), code);
}

/* The CAMEO code for refusing an act of cooperation: "will not accept
 * refugees", "refused to release the prisoners" (0841 -> 1243), "declined
 * to attend the talks" (04x -> 125). Refusing conflict is nothing to code. */
static const char *refusal_code(const char *code)
{
    static const struct recode MAP[] = {
        {"03", "120"},    {"045", "126"},   {"04", "125"},    {"057", "127"},
        {"05", "120"},    {"061", "1211"},  {"062", "1212"},  {"06", "121"},
        {"071", "1221"},  {"072", "1222"},  {"073", "1223"},  {"074", "1224"},
        {"07", "122"},    {"081", "1241"},  {"082", "1242"},  {"083", "123"},
        {"084", "1243"},  {"085", "1244"},  {"086", "1245"},  {"087", "1246"},
        {"08", "124"},
    };
    return recode(MAP, TR_ARRAY_LEN(MAP), code);
}

/* The CAMEO demand code for an act that one party says another must do:
 * "must withdraw" (0874) is 106, "must release" (084x) is 1053, "must
 * respect the ceasefire" (0871) is 107; anything else is 100. */
static const char *demand_code(const char *code)
{
    static const struct recode MAP[] = {
        {"04", "108"},    {"05", "102"},    {"061", "1011"},  {"062", "1012"},
        {"063", "1013"},  {"064", "1014"},  {"06", "101"},    {"071", "1031"},
        {"072", "1032"},  {"073", "1033"},  {"074", "1034"},  {"07", "103"},
        {"081", "1051"},  {"082", "1052"},  {"0831", "1041"}, {"0832", "1042"},
        {"0833", "1043"}, {"0834", "1044"}, {"083", "104"},   {"084", "1053"},
        {"085", "1054"},  {"086", "1055"},  {"0871", "107"},  {"0874", "106"},
        {"087", "1056"},
    };
    const char *d = recode(MAP, TR_ARRAY_LEN(MAP), code);
    return d ? d : "100";
}

/* The speech verb whose clause holds token 'v' ("Russia said that Sudan
 * must ..."), or -1. */
static int32_t speech_governor(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    for (uint32_t j = v; j-- > x->first && v - j <= 20;) {
        const struct tr_token *t = tok_at(c, j);
        if (tr_pos_is_verb(t->pos) && !is_aux(c, j) &&
            tr_is(c, t->lemma, TR_WC_OBLIGE))
            return (int32_t)j;
        if (t->word == c->w.semicolon)
            break;
    }
    return -1;
}

/* ---- voice ---- */

static int detect_passive(const struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    const struct tr_token *vt = tok_at(c, x->v);
    /* "five policemen were killed, and at least 24 soldiers injured when
     * ...": after "and", a participle right after a noun phrase with
     * nothing to act on is the passive again, its "were" left out */
    if ((vt->pos == TR_POS_VBN || vt->pos == TR_POS_VBD) &&
        x->v >= x->first + 3 && x->v + 1 < x->end &&
        mention_at(x, x->v - 1) >= 0) {
        uint32_t f = c->men[mention_at(x, x->v - 1)].first;
        while (f > x->first && (tok_at(c, f - 1)->pos == TR_POS_NUM ||
                                tok_at(c, f - 1)->pos == TR_POS_ADV ||
                                tok_at(c, f - 1)->pos == TR_POS_ADJ ||
                                tok_at(c, f - 1)->pos == TR_POS_DET ||
                                tok_at(c, f - 1)->pos == TR_POS_ADP))
            f--;
        int np = tok_at(c, x->v + 1)->pos, count = 0;
        for (uint32_t q = f; q < x->v; q++)
            count |= tok_at(c, q)->pos == TR_POS_NUM; /* a toll */
        if (count && f > x->first && tok_at(c, f - 1)->word == c->w.and_ &&
            np != TR_POS_DET && np != TR_POS_NUM && np != TR_POS_PRON &&
            !tr_pos_is_noun(np) && np != TR_POS_ADJ &&
            mention_at(x, x->v + 1) < 0)
            for (uint32_t j = f - 1; j-- > x->first;)
                if (tok_at(c, j)->lemma == c->w.be && j + 1 < f &&
                    tok_at(c, j + 1)->pos == TR_POS_VBN)
                    return 1;
    }
    /* "was arrested on 15 May and deported to the United States": a
     * participle coordinated with a passive is one (the tagger may read
     * it as a past tense) */
    if ((vt->pos == TR_POS_VBN || vt->pos == TR_POS_VBD) &&
        vt->lemma && vt->lemma != vt->word && /* not "and blame" */
        x->v > x->first && tok_at(c, x->v - 1)->word == c->w.and_)
        for (uint32_t k = x->v - 1; k-- > x->first && x->v - k <= 12;) {
            if (tok_at(c, k)->word == c->w.comma)
                break;
            if (x->subject_set[k - x->first]) {
                /* a passive with its "was", not a reduced relative
                 * ("the truce proposed by some countries and demanded") */
                uint32_t b = k;
                while (b > x->first && tok_at(c, b - 1)->pos == TR_POS_ADV)
                    b--;
                if (x->subject_set[k - x->first] == 2 && b > x->first &&
                    (tok_at(c, b - 1)->lemma == c->w.be ||
                     tok_at(c, b - 1)->lemma == c->w.get))
                    return 1;
                break;
            }
        }
    if (vt->pos != TR_POS_VBN)
        return 0;
    /* "Vietnam is committed to opening up", "Hamas is opposed to the
     * plan": the subject's stance, said in the passive form */
    if (x->v + 1 < x->end && tok_at(c, x->v + 1)->word == c->w.to &&
        tr_is(c, vt->lemma ? vt->lemma : vt->word, TR_WC_STATIVE))
        return 0;
    for (uint32_t j = x->v; j-- > x->first && x->v - j <= 4;) {
        const struct tr_token *t = tok_at(c, j);
        if (t->lemma == c->w.be || t->lemma == c->w.get)
            return 1;
        if (!is_aux(c, j) && !is_neg(c, j) && t->pos != TR_POS_ADV)
            break;
    }
    /* reduced relative: "positions shelled by the LNA"; not a main verb
     * mis-tagged ("the LNA abided by the truce"), so only after the
     * clause's own finite verb or a comma */
    if (x->v + 1 >= x->end || tok_at(c, x->v + 1)->word != c->w.by)
        return 0;
    for (uint32_t j = x->first; j < x->v; j++)
        if ((is_finite_verb(c, j) && !is_aux(c, j)) ||
            tok_at(c, j)->word == c->w.comma)
            return 1;
    return 0;
}

static int32_t by_agent(const struct verb_ctx *x)
{
    for (uint32_t j = x->v + 1; j < x->end && j <= x->v + 8; j++) {
        if (is_boundary(x->c, j) || tok_at(x->c, j)->word == x->c->w.comma)
            break;
        if (tok_at(x->c, j)->word == x->c->w.by && j + 1 < x->end) {
            int32_t m = mention_at(x, j + 1);
            if (m >= 0 && x->c->men[m].first == j + 1)
                return m;
            if (j + 2 < x->end && tok_at(x->c, j + 1)->word == x->c->w.the)
                return mention_at(x, j + 2);
        }
    }
    return -1;
}

/* ---- subject ---- */

static int32_t head_of_chain(const struct truce_coder *c, int32_t m)
{
    while (m >= 0 && c->men[m].coord_prev >= 0)
        m = c->men[m].coord_prev;
    return m;
}

/* "The Egyptian initiative calls for ...": a country's adjective before a
 * noun that names a thing, not people, is a modifier of that thing, not
 * the subject. (As a target it may stand: "threatened to strike Saudi
 * airports".) People nouns stay the country's: "Algerian landowners". */
static int modifies_thing(const struct verb_ctx *x, int32_t m)
{
    const struct truce_coder *c = x->c;
    uint32_t after = c->men[m].last + 1;
    if (!(c->men[m].flags & TR_MF_COUNTRY) || after >= x->end ||
        mention_at(x, after) >= 0)
        return 0;
    return tr_is(c, tok_at(c, after)->lemma, TR_WC_THING);
}

/* The mention is the object of a preposition or of another verb. */
static int is_object(const struct verb_ctx *x, int32_t m)
{
    const struct truce_coder *c = x->c;
    uint32_t f = c->men[head_of_chain(c, m)].first;
    if (f <= x->first)
        return 0;
    const struct tr_token *t = tok_at(c, f - 1);
    /* "tens of thousands of students", "a group of deputies": the
     * mention stands for the whole noun phrase */
    if (t->word == c->w.of && f >= x->first + 2 &&
        (tok_at(c, f - 2)->pos == TR_POS_NUM ||
         tr_pos_is_noun(tok_at(c, f - 2)->pos)) &&
        mention_at(x, f - 2) < 0)
        return 0;
    if (t->pos == TR_POS_ADP && tr_is(c, t->word, TR_WC_SUBORD) &&
        x->v > f) {
        /* "after a Serbian army jet shot down": the subject of a clause
         * when only its noun phrase stands between it and the verb */
        uint32_t i = c->men[head_of_chain(c, m)].last + 1;
        while (i < x->v && (tr_pos_is_noun(tok_at(c, i)->pos) ||
                            tok_at(c, i)->pos == TR_POS_ADJ ||
                            is_aux(c, i) || tok_at(c, i)->pos == TR_POS_ADV))
            i++;
        if (i == x->v)
            return 0;
    }
    if (t->pos == TR_POS_ADP || t->pos == TR_POS_TO)
        return 1;
    return tr_pos_is_verb(t->pos) && !is_aux(c, f - 1);
}

/* The subject before an apposition or a relative clause that ends with the
 * comma at 'comma': the mention before the comma that opens it, which may
 * end a little before that comma ("the head of the U.N. monitoring
 * mission, Lt. Gen. X, met ..."); -1 if none. */
static int32_t before_apposition(const struct verb_ctx *x, uint32_t comma)
{
    const struct truce_coder *c = x->c;
    for (uint32_t k = comma; k-- > x->first && comma - k <= 30;) {
        /* "troops ransacked schools, threatened teachers, repressed": a
         * stretch with a verb of its own is no apposition */
        if (is_boundary(c, k) || (is_finite_verb(c, k) && !is_aux(c, k)))
            return -1;
        if (tok_at(c, k)->word != c->w.comma)
            continue;
        for (uint32_t q = k; q-- > x->first && k - q <= 3;) {
            int32_t m = mention_at(x, q);
            if (m >= 0 && !(c->men[m].flags & TR_MF_PLACE))
                return head_of_chain(c, m);
            int pos = tok_at(c, q)->pos;
            if (!tr_pos_is_noun(pos) && pos != TR_POS_ADJ &&
                pos != TR_POS_VBG)
                return -1;
        }
        return -1;
    }
    return -1;
}

/* "The Red Cross operating in Iraq said": a mention after a locative
 * ("in", "near", "from"; not "of") is where, not who. */
static int after_locative(const struct verb_ctx *x, int32_t m)
{
    const struct truce_coder *c = x->c;
    uint32_t i = c->men[m].first;
    if (i > x->first && tok_at(c, i - 1)->word == c->w.the)
        i--;
    if (i == x->first)
        return 0;
    uint32_t w = tok_at(c, i - 1)->word;
    return w != c->w.of && tr_is(c, w, TR_WC_LOCATIVE);
}

/* "protests against the Iranian government spread": a mention after a
 * preposition other than "of" ("thousands of protesters gathered") is
 * no subject, nor after a locative ("operating in Iraq"). */
static int after_preposition(const struct verb_ctx *x, int32_t m)
{
    const struct truce_coder *c = x->c;
    if (after_locative(x, m))
        return 1;
    uint32_t i = c->men[m].first;
    if (i > x->first && tok_at(c, i - 1)->word == c->w.the)
        i--;
    if (i == x->first)
        return 0;
    const struct tr_token *t = tok_at(c, i - 1);
    return (t->pos == TR_POS_ADP && t->word != c->w.of &&
            !tr_is(c, t->word, TR_WC_SUBORD)) ||
           t->pos == TR_POS_TO;
}

/* "A labour federation announced that it will strike if the air force
 * continues to bomb the capital, and called for talks": the subject of a
 * verb after "and" at 'and' is that of the nearest finite verb before it
 * in the same tense (coordinated verbs keep their tense), over a clause
 * in between; 'last_subject' when there is none. */
static int32_t coordinate_subject(const struct verb_ctx *x, uint32_t and,
                                  int32_t last_subject)
{
    const struct truce_coder *c = x->c;
    int pos = tok_at(c, x->v)->pos;
    /* only over a subordinate clause ("if", "when", "because" ...): "a
     * helicopter has attacked and sunk a boat" keeps its own subject */
    uint32_t k = and;
    while (k > x->first && and - k <= 25) {
        const struct tr_token *t = tok_at(c, --k);
        if (t->word == c->w.semicolon || t->word == c->w.that) {
            k = x->first;
            break;
        }
        if ((t->pos == TR_POS_SCONJ || t->pos == TR_POS_ADP) &&
            tr_is(c, t->word, TR_WC_IF | TR_WC_SUBORD) &&
            (pos == TR_POS_VBD || pos == TR_POS_VBZ))
            break;
    }
    if (k == x->first || and - k > 25) {
        /* "were taken out of the school and executed": the subject of
         * the passive verb just before, even none; of an active one when
         * it was found */
        for (k = and; k-- > x->first && and - k <= 25;)
            if (x->subject_set[k - x->first]) {
                int32_t s = x->subject_of[k - x->first];
                return s >= 0 || x->subject_set[k - x->first] == 2
                           ? s : last_subject;
            }
        return last_subject;
    }
    while (k-- > x->first && and - k <= 40) {
        const struct tr_token *t = tok_at(c, k);
        if (t->word == c->w.semicolon)
            break;
        /* a participle with no auxiliary is a past tense read wrong */
        int same = t->pos == pos ||
                   (pos == TR_POS_VBD && t->pos == TR_POS_VBN && k > x->first &&
                    !is_aux(c, k - 1) && tok_at(c, k - 1)->pos != TR_POS_ADV);
        if (same && !is_aux(c, k) && mention_at(x, k) < 0) {
            int32_t s = x->subject_of[k - x->first];
            return s >= 0 ? s : last_subject;
        }
    }
    return last_subject;
}

/* ", killing one man": the subject of the clause's verb before the comma
 * at 'comma' ("four bombs exploded ..., killing": none), or
 * 'last_subject' when no verb is found. */
static int32_t clause_subject(const struct verb_ctx *x, uint32_t comma,
                              int32_t last_subject)
{
    const struct truce_coder *c = x->c;
    for (uint32_t k = comma; k-- > x->first && comma - k <= 20;) {
        if (is_boundary(c, k))
            break;
        if (tr_pos_is_verb(tok_at(c, k)->pos) && !is_aux(c, k) &&
            tok_at(c, k)->pos != TR_POS_VBG && mention_at(x, k) < 0 &&
            (is_finite_verb(c, k) ||
             (k > x->first && is_aux(c, k - 1))))
            return x->subject_of[k - x->first];
    }
    return last_subject;
}

/* The antecedent of a relative clause ("X who/which/that VERB ...") that
 * ends right before token 'j' (the start of a verb chain), or -1. The
 * clause has exactly one finite verb and no comma or clause boundary. */
static int32_t relative_antecedent(const struct verb_ctx *x, uint32_t j)
{
    const struct truce_coder *c = x->c;
    int verbs = 0;
    for (uint32_t k = j; k-- > x->first + 1 && j - k <= 12;) {
        const struct tr_token *t = tok_at(c, k);
        if (t->word == c->w.who || t->word == c->w.which ||
            t->word == c->w.that) {
            int32_t m = mention_at(x, k - 1);
            if (verbs != 1 || m < 0 || (c->men[m].flags & TR_MF_PLACE))
                return -1;
            return head_of_chain(c, m);
        }
        if (is_boundary(c, k) || t->word == c->w.comma)
            return -1;
        /* the head of a verb chain: not an auxiliary, not an infinitive
         * after "to" ("that had intended to kidnap" has one) */
        if (tr_pos_is_verb(t->pos) && !is_aux(c, k) &&
            t->pos != TR_POS_VBG && mention_at(x, k) < 0 &&
            tok_at(c, k - 1)->pos != TR_POS_TO)
            verbs++;
    }
    return -1;
}

static int32_t find_subject(struct verb_ctx *x, int32_t last_subject)
{
    const struct truce_coder *c = x->c;
    uint32_t j = x->v;
    while (j > x->first && (is_aux(c, j - 1) || is_neg(c, j - 1) ||
                            tok_at(c, j - 1)->pos == TR_POS_ADV))
        j--;
    if (j == x->first)
        return -1;
    const struct tr_token *t = tok_at(c, j - 1);
    /* "X shelled A and attacked B", "..., killing three" */
    if (t->word == c->w.and_ && last_subject >= 0)
        return coordinate_subject(x, j - 1, last_subject);
    if (t->word == c->w.comma && tok_at(c, x->v)->pos == TR_POS_VBG)
        return clause_subject(x, j - 1, last_subject);
    /* "Turkey, the GNA's main ally, accused" */
    if (t->word == c->w.comma) {
        int32_t m = before_apposition(x, j - 1);
        if (m >= 0)
            return m;
    }
    /* "said Hezbollah fighters who used the house had fired rockets",
     * "the group that had intended to kidnap the OAS secretary general
     * took hostages": after a relative clause with no comma, the
     * antecedent is the subject, even as the object of a verb of saying,
     * and an object at the clause's end is not */
    int32_t rel = relative_antecedent(x, j);
    {
        int32_t m = mention_at(x, j - 1);
        if (rel >= 0 && (m < 0 || is_object(x, m)))
            return rel;
    }
    /* "the army had bombed": right before the verb is the subject, even
     * after "said" */
    {
        int32_t m = mention_at(x, j - 1);
        if (m >= 0 && !(c->men[m].flags & TR_MF_PLACE) &&
            (x->passive || !after_preposition(x, head_of_chain(c, m))))
            return head_of_chain(c, m);
        /* "a ceasefire with rebels fighting to topple him": a participle
         * right after an object of a preposition is said of that object
         * (a reduced relative), not of the clause's subject */
        if (m >= 0 && !(c->men[m].flags & TR_MF_PLACE) && j == x->v &&
            tok_at(c, x->v)->pos == TR_POS_VBG)
            return head_of_chain(c, m);
    }
    /* "X, who met with Y," */
    if (t->pos == TR_POS_WH || t->word == c->w.who || t->word == c->w.which) {
        /* back over the comma and a name the dictionaries lack: "the
         * Salvadoran political leader Hector Oqueli, who was ..." */
        uint32_t k = j - 1;
        while (k > x->first && j - 1 - k <= 6 && mention_at(x, k - 1) < 0 &&
               (tok_at(c, k - 1)->word == c->w.comma ||
                tok_at(c, k - 1)->pos == TR_POS_PROPN ||
                (k + 1 < j && tr_pos_is_noun(tok_at(c, k - 1)->pos))))
            k--;
        if (k > x->first && mention_at(x, k - 1) >= 0)
            return head_of_chain(c, mention_at(x, k - 1));
        return -1;
    }
    if (rel >= 0)
        return rel;
    for (uint32_t k = j; k-- > x->first;) {
        if (is_boundary(c, k))
            break;
        int32_t m = mention_at(x, k);
        if (m < 0)
            continue;
        m = head_of_chain(c, m);
        if (!is_object(x, m) && !(c->men[m].flags & TR_MF_PLACE) &&
            !modifies_thing(x, m) && !after_locative(x, m))
            return m;
        k = c->men[m].first;
    }
    return -1;
}

/* Determiners, adjectives, numbers and hyphens: the words inside a noun
 * phrase that a pattern may step over. */
static int is_modifier(const struct tr_token *t)
{
    return t->pos == TR_POS_DET || t->pos == TR_POS_ADJ ||
           t->pos == TR_POS_NUM || t->kind == TR_TOK_HYPHEN ||
           t->pos == TR_POS_ADV;
}

/* The last token of the coordination chain that 'm' starts. */
static uint32_t chain_last(const struct truce_coder *c, int32_t m)
{
    while (c->men[m].coord_next >= 0)
        m = c->men[m].coord_next;
    return c->men[m].last;
}

/* ---- patterns ---- */

static int word_matches(const struct truce_coder *c, uint32_t i,
                        const struct tr_pel *el)
{
    const struct tr_token *t = tok_at(c, i);
    const uint32_t *alts = c->dict.alts + el->first_alt;
    for (uint32_t a = 0; a < el->n_alt; a++)
        if (alts[a] == t->word || (alts[a] == t->lemma && t->lemma))
            return 1;
    return 0;
}

/* Token 'i' is the verb of a chain of its own, after be/have/do/get:
 * "Russian soldiers who held the village had fired" has no "hold fire". */
static int in_verb_chain(const struct verb_ctx *x, uint32_t i)
{
    const struct truce_coder *c = x->c;
    if (!tr_pos_is_verb(tok_at(c, i)->pos) || i <= x->v + 1)
        return 0;
    uint32_t j = i;
    while (j > x->v + 1 && (tok_at(c, j - 1)->pos == TR_POS_ADV ||
                            is_neg(c, j - 1)))
        j--;
    /* "asked to be withdrawn", "requested that safe-conducts be granted":
     * a base-form auxiliary is the verb's own complement */
    return j > x->v + 1 && tok_at(c, j - 1)->pos != TR_POS_MD &&
           tok_at(c, j - 1)->pos != TR_POS_VB && is_aux(c, j - 1);
}

static int stops_search(const struct verb_ctx *x, uint32_t i)
{
    return is_boundary(x->c, i) ||
           (is_finite_verb(x->c, i) && !is_aux(x->c, i));
}

struct match {
    int32_t target, source; /* mentions, or -1 */
    uint32_t end;           /* last token used */
};

/* Match the elements after the verb, from token 'pos'. */
static int match_forward(const struct verb_ctx *x, const struct tr_pattern *p,
                         struct match *m)
{
    const struct truce_coder *c = x->c;
    uint32_t pos = x->v + 1;
    /* "demanded that the RSF withdraw": the complementiser opens the
     * clause the pattern reads on, also after a time ("demanded last
     * month that", "on Monday that") */
    for (uint32_t k = pos; k < x->end && k <= x->v + 4; k++) {
        const struct tr_token *t = tok_at(c, k);
        if (t->word == c->w.that) {
            pos = k + 1;
            break;
        }
        if (!(tr_is(c, t->word, TR_WC_DATE) || t->pos == TR_POS_NUM ||
              t->pos == TR_POS_ADV || t->word == c->w.on ||
              (tr_pos_is_noun(t->pos) && k > pos &&
               tr_is(c, tok_at(c, k - 1)->word, TR_WC_DATE))))
            break;
    }
    for (uint32_t e = (uint32_t)p->verb_at; e < p->n_el; e++) {
        const struct tr_pel *el = &c->dict.pels[p->first_el + e];
        if (el->kind == TR_PEL_TARGET && x->passive && m->target < 0) {
            m->target = x->subject;
            continue;
        }
        if (el->kind == TR_PEL_TARGET && x->recip) {
            pos = x->v + 3; /* past "each other" */
            continue;
        }
        int slot = el->kind == TR_PEL_TARGET || el->kind == TR_PEL_SOURCE;
        /* a phrasal verb's particle follows the verb closely: "called it
         * off", not "called a truce on Friday" (call on) */
        int particle = e < (uint32_t)p->verb_at + p->n_particles;
        uint32_t gap = slot ? GAP_TARGET : particle ? 1 : GAP_WORDS;
        /* Two literal words in a row stand together: only modifiers and
         * at most one other word between them ("of violating the truce",
         * not "of trying to sabotage"). */
        int tight = !slot && e > (uint32_t)p->verb_at &&
                    c->dict.pels[p->first_el + e - 1].kind == TR_PEL_WORD;
        uint32_t others = 0;
        int found = 0;
        for (uint32_t i = pos; i < x->end && i <= pos + gap; i++) {
            if (tight && i > pos && !is_modifier(tok_at(c, i - 1)) &&
                ++others > 1)
                break;
            if (i > pos && i - 1 != x->v &&
                (stops_search(x, i - 1) ||
                 (slot && tok_at(c, i - 1)->word == c->w.comma)))
                break;
            if (slot) {
                int32_t mm = mention_at(x, i);
                /* "+!": only modifiers before the object ("released two
                 * Saudi pilots", not "released a statement on Turkey") */
                if (el->direct && i > pos && mm < 0 &&
                    !is_modifier(tok_at(c, i)) &&
                    tok_at(c, i)->kind != TR_TOK_POSS)
                    break;
                if (mm < 0 || c->men[mm].first != i ||
                    !usable_target(x, mm))
                    continue;
                /* "+!" and "released Turkish funds": the actor only
                 * modifies the object */
                if (el->direct && chain_last(c, mm) + 1 < x->end &&
                    mention_at(x, chain_last(c, mm) + 1) < 0 &&
                    (tr_pos_is_noun(tok_at(c, chain_last(c, mm) + 1)->pos) ||
                     tok_at(c, chain_last(c, mm) + 1)->kind == TR_TOK_POSS))
                    break; /* ... nor owns it ("Turkey's claims") */
                if (el->kind == TR_PEL_TARGET)
                    m->target = mm;
                else
                    m->source = mm;
                pos = chain_last(c, mm) + 1;
            }
            else {
                if (!word_matches(c, i, el) || in_verb_chain(x, i))
                    continue;
                pos = i + 1;
            }
            found = 1;
            break;
        }
        /* "shelled the airport despite the ceasefire": the target may be
         * a thing, not an actor; the words after it still decide */
        if (!found && el->kind == TR_PEL_TARGET && e + 1 < p->n_el)
            continue;
        if (!found)
            return 0;
    }
    m->end = pos;
    return 1;
}

/* Match the elements before the verb (nominal patterns with '*'). */
static int match_backward(const struct verb_ctx *x, const struct tr_pattern *p,
                          struct match *m)
{
    const struct truce_coder *c = x->c;
    uint32_t pos = x->back_from ? x->back_from : x->v;
    for (int32_t e = p->verb_at - 1; e >= 0; e--) {
        const struct tr_pel *el = &c->dict.pels[p->first_el + (uint32_t)e];
        int found = 0;
        for (uint32_t i = pos; i-- > x->first && pos - i <= GAP_WORDS + 1;) {
            if (el->kind == TR_PEL_WORD && word_matches(c, i, el)) {
                /* "two helicopters were hit by rifle fire": in the
                 * passive the noun before the verb is what was done to,
                 * not who did it ("helicopters *" is an air strike) */
                if (x->passive && !x->back_from && !is_aux(c, i))
                    return 0;
                pos = i;
                found = 1;
                break;
            }
            int32_t mm = mention_at(x, i);
            if (el->kind != TR_PEL_WORD && mm >= 0) {
                if (el->kind == TR_PEL_TARGET)
                    m->target = mm;
                else
                    m->source = mm;
                pos = c->men[mm].first;
                found = 1;
                break;
            }
        }
        if (!found)
            return 0;
    }
    return 1;
}

static int32_t default_target_at(const struct verb_ctx *x, uint32_t v);

/* The first actor after the verb in its clause, for bare patterns. */
static int32_t default_target(const struct verb_ctx *x)
{
    if (x->passive)
        return x->subject;
    return default_target_at(x, x->v);
}

/* The first actor after token 'v' in its clause. */
static int32_t default_target_at(const struct verb_ctx *x, uint32_t v)
{
    /* "denied that Russian troops ...", "denied shelling": the object is a
     * clause, whose actors are not the target */
    if (v + 1 < x->end &&
        (tok_at(x->c, v + 1)->word == x->c->w.that ||
         tok_at(x->c, v + 1)->pos == TR_POS_VBG))
        return -1;
    for (uint32_t i = v + 1; i < x->end && i <= v + 1 + GAP_TARGET;
         i++) {
        int32_t m = mention_at(x, i);
        /* "massed troops", "sent soldiers": their own, not a target */
        if (m >= 0 && (x->c->men[m].flags & TR_MF_ROLE_ONLY) &&
            strcmp(x->c->men[m].code, "MIL") == 0)
            return -1;
        if (usable_target(x, m))
            return m;
        if (stops_search(x, i) || tok_at(x->c, i)->word == x->c->w.comma)
            break;
    }
    return -1;
}

/* Whether tokens (v, end) hold the start of a clause of their own ("denied
 * that Russian troops ...", "denied shelling ..."): its actors are no
 * target. */
static int clause_after(const struct verb_ctx *x, uint32_t v, uint32_t end)
{
    const struct truce_coder *c = x->c;
    for (uint32_t i = v + 1; i < end && i < x->end; i++)
        if (tok_at(c, i)->word == c->w.that || tok_at(c, i)->pos == TR_POS_VBG ||
            stops_search(x, i))
            return 1;
    return 0;
}

static int has_target_el(const struct truce_coder *c,
                         const struct tr_pattern *p)
{
    for (uint32_t e = 0; e < p->n_el; e++)
        if (c->dict.pels[p->first_el + e].kind == TR_PEL_TARGET)
            return 1;
    return 0;
}

/* ---- events ---- */

static void fill_actor(const struct truce_coder *c, struct truce_actor *a,
                       const struct tr_mention *m, int country_only)
{
    memset(a, 0, sizeof *a);
    if (!m->code[0])
        return; /* the unknown source of an agentless act */
    size_t n = strlen(m->code);
    if (country_only && n > 3)
        n = 3;
    memcpy(a->code, m->code, n);
    a->code[n] = 0;
    const struct tr_token *f = tok_at(c, m->first), *l = tok_at(c, m->last);
    a->off = f->off;
    a->len = l->off + l->len - f->off;
}

/* Where the event of verb x->v happened: a place it was done to ("shelled
 * Sirte"), else the nearest place named after the verb in its clause ("met
 * in Cairo"), else a place opening the sentence ("In Tripoli, ..."). */
static void set_place(struct verb_ctx *x, struct truce_event *ev,
                      const struct tr_mention *tgt)
{
    struct truce_coder *c = x->c;
    ev->has_place = 0;
    if (c->no_context)
        return;
    if (tgt && (tgt->flags & (TR_MF_PLACE | TR_MF_CAPITAL)) &&
        tr_place_of_mention(c, tgt, &ev->place)) {
        ev->has_place = 1;
        return;
    }
    for (uint32_t k = 0; k < x->n_places; k++) {
        const struct tr_place_ref *r = &x->places[k];
        if (r->first <= x->v || r->first > x->v + 15)
            continue;
        int blocked = 0;
        for (uint32_t i = x->v + 1; i < r->first && !blocked; i++)
            blocked = tok_at(c, i)->word == c->w.semicolon ||
                      (is_finite_verb(c, i) && !is_aux(c, i));
        if (blocked)
            break;
        ev->place = r->place;
        ev->has_place = 1;
        return;
    }
    if (x->n_places && x->places[0].first < x->v &&
        x->places[0].first <= x->first + 2) {
        ev->place = x->places[0].place;
        ev->has_place = 1;
    }
}

/* Do two mentions have the same words? */
static int same_name(const struct truce_coder *c, const struct tr_mention *a,
                     const struct tr_mention *b)
{
    if (a->last - a->first != b->last - b->first)
        return 0;
    for (uint32_t k = 0; k <= a->last - a->first; k++)
        if (c->doc.tok[a->first + k].word != c->doc.tok[b->first + k].word)
            return 0;
    return 1;
}

/* The patterns behind events that a rule of the coder makes, with no
 * dictionary line of their own; `dict` names the rule. */
static const struct tr_pattern GENERIC_DEMAND;  /* "rule/obligation" */
static const struct tr_pattern GENERIC_COMMIT;  /* "rule/commitment" */
static const struct tr_pattern GENERIC_COMMAND; /* "rule/command" */

static int may_match(struct verb_ctx *x, const struct tr_pattern *p);

static void emit(struct verb_ctx *x, const struct tr_pattern *p,
                 const struct tr_mention *src, const struct tr_mention *tgt)
{
    struct truce_coder *c = x->c;
    const char *code = x->code;
    const struct tr_cameo_row *row = tr_cameo_find(code, strlen(code));
    if (!row)
        return;
    /* "the United States would deny entry to the United States": an actor
     * does not act on itself; keep the event, drop the target. Two
     * different names with one code are two actors ("the Special
     * Deterrence Force clashed with the 444th Brigade", both LBYUAF). */
    if (tgt && strcmp(src->code, tgt->code) == 0 &&
        (same_name(c, src, tgt) ||
         ((src->flags | tgt->flags) & (TR_MF_PRONOUN | TR_MF_ROLE_ONLY))))
        tgt = NULL;
    struct truce_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = c->article->id ? c->article->id : "";
    ev.sent = c->sent_no;
    ev.sent_off = c->sent->off;
    ev.sent_len = c->sent->len;
    memcpy(ev.code, row->code, strlen(row->code) + 1);
    ev.root[0] = row->code[0];
    ev.root[1] = row->code[1];
    ev.quad = row->quad;
    ev.goldstein = row->goldstein;
    /* "Tripoli" as the object of force is the city, so the country. */
    fill_actor(c, &ev.source, src, 0);
    if (tgt) {
        int place = (tgt->flags & (TR_MF_CAPITAL | TR_MF_PLACE)) &&
                    row->root >= 14;
        fill_actor(c, &ev.target, tgt, place);
        ev.has_target = 1;
    }
    const struct tr_token *vt = tok_at(c, x->v);
    ev.verb_off = vt->off;
    ev.verb_len = vt->len;
    /* a rule of the coder, not a dictionary line, made obligations with no
     * pattern of their own */
    ev.dict_file = p->line                ? c->dict.files[p->file]
                   : p == &GENERIC_COMMIT ? "rule/commitment"
                   : p == &GENERIC_COMMAND ? "rule/command"
                                          : "rule/obligation";
    ev.dict_line = p->line;
    set_place(x, &ev, tgt);
    ev.mode = x->mode;
    memcpy(ev.date, x->date, sizeof ev.date);
    ev.date_precision = (enum truce_date_precision)x->date_precision;
    if (x->has_claim) {
        ev.claim = x->claim;
        ev.has_claim = 1;
    }
    ev.text = c->doc.text;
    ev.passive = x->passive ? 1u : 0u;
    ev.confidence = tgt || !has_target_el(c, p) ? 0.8 : 0.6;
    if ((src->flags & TR_MF_PRONOUN) || !src->code[0])
        ev.confidence -= 0.2;
    c->cb(c->cb_ud, &ev);
}

/* "Russia and Ukraine accused each other": both ways. */
static int reciprocal(const struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    for (uint32_t i = x->v + 1; i + 1 < x->end && i <= x->v + 2; i++) {
        const char *a = tr_vocab_str(&c->vocab, tok_at(c, i)->word);
        const char *b = tr_vocab_str(&c->vocab, tok_at(c, i + 1)->word);
        if ((strcmp(a, "each") == 0 && strcmp(b, "other") == 0) ||
            (strcmp(a, "one") == 0 && strcmp(b, "another") == 0))
            return 1;
    }
    return 0;
}

/* "the army attacked its positions": a possessive pronoun does not point
 * back at the one who acts on it. Re-resolve it to the last other party,
 * in this sentence or before; NULL if there is none. */
static const char *other_party(const struct verb_ctx *x,
                               const struct tr_mention *src,
                               const struct tr_mention *pron)
{
    const struct truce_coder *c = x->c;
    const uint32_t kinds = TR_MF_GROUP | TR_MF_COUNTRY | TR_MF_IGO |
                           TR_MF_CAPITAL | TR_MF_PRONOUN;
    for (uint32_t i = c->n_men; i-- > 0;) {
        const struct tr_mention *m = &c->men[i];
        if (m->first >= pron->first || !(m->flags & kinds) ||
            (m->flags & TR_MF_PLACE) || strcmp(m->code, src->code) == 0)
            continue;
        return m->code;
    }
    if (c->disc.group[0] && strcmp(c->disc.group, src->code) != 0)
        return c->disc.group;
    return NULL;
}

static void emit_pair(struct verb_ctx *x, const struct tr_pattern *p,
                      const struct tr_mention *src,
                      const struct tr_mention *tgt)
{
    if ((tgt->flags & TR_MF_PRONOUN) && strcmp(src->code, tgt->code) == 0) {
        const char *other = other_party(x, src, tgt);
        if (!other) {
            emit(x, p, src, NULL);
            return;
        }
        struct tr_mention fixed = *tgt;
        memcpy(fixed.code, other, strlen(other) + 1);
        emit(x, p, src, &fixed);
        return;
    }
    emit(x, p, src, tgt);
}

/* "Egypt and Turkey met", "signed an agreement", "clashed": an act done
 * together by coordinated parties, with no other target, is one event
 * each way. */
static int joint_act(const struct verb_ctx *x, int32_t src)
{
    const struct truce_coder *c = x->c;
    int32_t head = head_of_chain(c, src);
    if (c->men[head].coord_next < 0)
        return 0;
    const char *k = x->code;
    return k && ((k[0] == '0' && k[1] >= '3' && k[1] <= '6') ||
                 (k[0] == '1' && k[1] == '9'));
}

static void emit_all(struct verb_ctx *x, const struct tr_pattern *p,
                     int32_t src, int32_t tgt)
{
    const struct truce_coder *c = x->c;
    if (tgt < 0 && (x->recip || joint_act(x, src))) {
        for (int32_t s = head_of_chain(c, src); s >= 0;
             s = c->men[s].coord_next)
            for (int32_t t = head_of_chain(c, src); t >= 0;
                 t = c->men[t].coord_next)
                if (t != s)
                    emit(x, p, &c->men[s], &c->men[t]);
        return;
    }
    for (int32_t s = head_of_chain(c, src); s >= 0; s = c->men[s].coord_next) {
        if (tgt < 0) {
            emit(x, p, &c->men[s], NULL);
            continue;
        }
        for (int32_t t = head_of_chain(c, tgt); t >= 0;
             t = c->men[t].coord_next)
            if (t != s)
                emit_pair(x, p, &c->men[s], &c->men[t]);
    }
}

static void set_date(struct verb_ctx *x, int future);


/* "Russia said that Sudan must return the helicopter": a demand by the
 * speaker on the one who must act. 'code' is what the act would be coded
 * as (NULL for a verb without patterns). */
static int code_obligation(struct verb_ctx *x, const struct tr_pattern *p,
                           const char *code)
{
    int32_t g = speech_governor(x, x->v);
    if (g < 0 || x->subject < 0)
        return 0;
    int32_t speaker = x->subject_of[(uint32_t)g - x->first];
    if (speaker < 0 || speaker == x->subject)
        return 0;
    x->code = demand_code(code);
    /* the demand is the speaker's own act: asserted, unless someone else
     * reports it */
    x->has_claim = 0;
    x->mode = TRUCE_MODE_ASSERTED;
    set_date(x, 0);
    emit_all(x, p, speaker, x->subject);
    x->coded[x->v - x->first] = 1;
    return 1;
}

/* ---- commitments ---- */

static void find_claim(struct verb_ctx *x, uint32_t v);

/* Emit the event of a coder rule on the verb at token 'at' (the verb of
 * commitment or command, not the act's): said by someone if a speech
 * verb governs it, else asserted; dated by that verb. */
static void emit_rule(struct verb_ctx *x, uint32_t at,
                      const struct tr_pattern *p, const char *code,
                      int32_t src, int32_t tgt)
{
    uint32_t v = x->v;
    x->v = at;
    find_claim(x, at);
    x->mode = x->has_claim ? TRUCE_MODE_CLAIMED : TRUCE_MODE_ASSERTED;
    set_date(x, 0);
    x->code = code;
    emit_all(x, p, src, tgt);
    x->coded[at - x->first] = 1;
    x->v = v;
}

/* "Kostunica promised to democratize Serbia": a promise, refusal or
 * threat whose act no pattern codes is still one, coded on the verb of
 * commitment before "to": CAMEO's intent to cooperate not specified (030),
 * rejection (120) or threat (130). Only verbs that bind the speaker
 * (TR_WC_COMMIT, TR_WC_SPURN, TR_WC_MENACE): "plan to", "hope to" and
 * "fail to" commit to nothing. A promise or refusal only when no verb
 * family knows the act ('known' 0): a known verb whose patterns did not
 * match ("vowed to fight until ...") may be a threat; a threat of any act
 * is a threat. */
static int code_commitment(struct verb_ctx *x, int known)
{
    const struct truce_coder *c = x->c;
    uint32_t v = x->v;
    if (x->subject < 0 || v <= x->first + 1 ||
        tok_at(c, v - 1)->pos != TR_POS_TO)
        return 0;
    int32_t g = governing_word(x, v - 1);
    if (g < 0 || x->coded[(uint32_t)g - x->first])
        return 0;
    const struct tr_token *gt = tok_at(c, (uint32_t)g);
    uint32_t lemma = gt->lemma ? gt->lemma : gt->word;
    int32_t unused = -1;
    enum stance gs;
    if (!tr_pos_is_verb(gt->pos))
        return 0; /* "ready to", "willing to": a state of mind */
    gs = stance_at(x, (uint32_t)g, 1, &unused);
    if (gs != STANCE_ASSERTED && gs != STANCE_INTENT)
        return 0; /* "did not promise to", "if it threatens to" */
    /* the event is the promise, refusal or threat itself, which was made:
     * asserted, as when a pattern of the verb codes it */
    const char *code = NULL;
    if (!known && tr_is(c, lemma, TR_WC_COMMIT))
        code = "030";
    else if (!known && tr_is(c, lemma, TR_WC_SPURN))
        code = "120";
    else if (tr_is(c, lemma, TR_WC_MENACE))
        code = "130";
    if (!code)
        return 0;
    /* the object of the act promised */
    emit_rule(x, (uint32_t)g, &GENERIC_COMMIT, code, x->subject,
              default_target(x));
    return 1;
}

static const char *code_for(struct verb_ctx *x, enum stance st,
                            const char *code);

/* "Germany pledged to deliver more artillery shells to Ukraine": a
 * promise whose act is a verb with patterns is coded on that verb, as
 * an intention (0332); the promise's own plain sense (030) waits for it
 * (code_commitment() gives it if the act's patterns do not match). */
static int promise_of_act(const struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    const struct tr_token *t = tok_at(c, x->v);
    uint32_t n = 0;
    if (x->v + 2 >= x->end || tok_at(c, x->v + 1)->pos != TR_POS_TO ||
        !tr_is(c, t->lemma ? t->lemma : t->word, TR_WC_COMMIT) ||
        !tr_pos_is_verb(tok_at(c, x->v + 2)->pos))
        return 0;
    tr_dict_verb_patterns(&c->dict, tok_at(c, x->v + 2)->lemma, &n);
    return n > 0;
}

/* The infinitive at the verb follows a verb of promise ("pledged to"). */
static int after_promise(const struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    if (x->v <= x->first + 1 || tok_at(c, x->v - 1)->pos != TR_POS_TO)
        return 0;
    int32_t g = governing_word(x, x->v - 1);
    if (g < 0)
        return 0;
    const struct tr_token *gt = tok_at(c, (uint32_t)g);
    return tr_is(c, gt->lemma ? gt->lemma : gt->word, TR_WC_COMMIT);
}

/* "Ethnic Albanians have sworn to fight until ...", "the rebels will
 * attack": an announced act of force with no pattern matched (no target
 * named) is still a threat of force (138), when the verb's plain sense,
 * its patterns of no words, is violence (18-20). */
static int code_menace(struct verb_ctx *x, const uint32_t *ids, uint32_t n,
                       enum stance st)
{
    const struct truce_coder *c = x->c;
    if (st != STANCE_INTENT || !n || x->subject < 0)
        return 0;
    /* the verb's plain sense: a pattern of no words ("190 +") */
    int force = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct tr_pattern *p = &c->dict.patterns[ids[i]];
        if (p->n_words) /* only the verb's plain sense: "190 +" */
            continue;
        force = (p->code[0] == '1' && p->code[1] >= '8') || p->code[0] == '2';
        if (!force)
            return 0;
    }
    if (!force)
        return 0;
    /* "will fight corruption": an object that is no actor, no violence */
    uint32_t o = x->v + 1;
    while (o < x->end && (tok_at(c, o)->pos == TR_POS_DET ||
                          tok_at(c, o)->pos == TR_POS_ADJ))
        o++;
    if (o < x->end && mention_at(x, o) < 0 &&
        (tr_pos_is_noun(tok_at(c, o)->pos) || tok_at(c, o)->pos == TR_POS_VBG))
        return 0;
    find_claim(x, x->v);
    x->code = code_for(x, st, "190");
    if (!x->code)
        return 0;
    emit_all(x, &GENERIC_COMMIT, x->subject, default_target(x));
    x->coded[x->v - x->first] = 1;
    return 1;
}

/* "A judge ordered former president Carlos Menem to appear", "Kenya
 * ordered Somalia to withdraw its troops": a command (TR_WC_COMMAND) to
 * an actor is a demand on it (10x: demand_code() of the act ordered, 100
 * for an act no pattern knows), coded on the verb of command. 'ids' are
 * the patterns of the act's verb, read with the one ordered as its
 * subject. */
static int code_command(struct verb_ctx *x, const uint32_t *ids, uint32_t n)
{
    const struct truce_coder *c = x->c;
    uint32_t v = x->v;
    if (v <= x->first + 2 || tok_at(c, v - 1)->pos != TR_POS_TO)
        return 0;
    int32_t g = governing_word(x, v - 1);
    if (g < 0 || x->coded[(uint32_t)g - x->first])
        return 0;
    const struct tr_token *gt = tok_at(c, (uint32_t)g);
    if (!tr_pos_is_verb(gt->pos) ||
        !tr_is(c, gt->lemma ? gt->lemma : gt->word, TR_WC_COMMAND))
        return 0;
    int32_t src = x->subject_of[(uint32_t)g - x->first];
    int32_t obj = mention_at(x, (uint32_t)g + 1);
    if (obj < 0 && (uint32_t)g + 2 < v)
        obj = mention_at(x, (uint32_t)g + 2); /* "ordered the LNA to" */
    if (src < 0 || obj < 0 || c->men[head_of_chain(c, obj)].last + 1 != v - 1 ||
        !usable_target(x, obj))
        return 0;
    obj = head_of_chain(c, obj);
    /* "Kenya ordered its troops to attack": an order to one's own
     * forces is no demand on another; left to the act, if it comes */
    const char *sc = c->men[src].code, *oc = c->men[obj].code;
    size_t on = strlen(oc);
    if (strlen(sc) >= 3 && on >= 6 && strncmp(sc, oc, 3) == 0 &&
        (strcmp(oc + on - 3, "MIL") == 0 || strcmp(oc + on - 3, "COP") == 0 ||
         strcmp(oc + on - 3, "SPY") == 0))
        return 0;
    int32_t unused = -1;
    enum stance gs = stance_at(x, (uint32_t)g, 1, &unused);
    if (gs != STANCE_ASSERTED)
        return 0; /* "did not order", "if it orders" */
    /* the act, as done by the one ordered */
    const char *act = NULL;
    int32_t subject = x->subject;
    x->subject = obj;
    for (uint32_t i = 0; i < n && !act; i++) {
        const struct tr_pattern *p = &c->dict.patterns[ids[i]];
        struct match m = {-1, -1, x->v};
        if (may_match(x, p) && match_backward(x, p, &m) &&
            match_forward(x, p, &m))
            act = p->code;
    }
    x->subject = subject;
    emit_rule(x, (uint32_t)g, &GENERIC_COMMAND, demand_code(act), src, obj);
    return 1;
}

/* ---- claims ---- */

static int is_speech(const struct verb_ctx *x, uint32_t i)
{
    const struct truce_coder *c = x->c;
    const struct tr_token *t = tok_at(c, i);
    return tr_is(c, t->lemma, TR_WC_SPEECH) && tr_pos_is_verb(t->pos) &&
           !is_aux(c, i);
}

/* The speaker of speech verb 'g': the mention right before it ("the
 * ministry said"), or right after it (", said the ministry"); else the
 * subject the verb was given. -1 if none. */
static int32_t speaker_of(const struct verb_ctx *x, uint32_t g)
{
    const struct truce_coder *c = x->c;
    uint32_t j = g;
    while (j > x->first && (is_aux(c, j - 1) || tok_at(c, j - 1)->pos ==
                                                     TR_POS_ADV))
        j--;
    if (j > x->first && mention_at(x, j - 1) >= 0)
        return head_of_chain(c, mention_at(x, j - 1));
    uint32_t k = g + 1;
    if (k < x->end && tok_at(c, k)->word == c->w.the)
        k++;
    int32_t m = k < x->end ? mention_at(x, k) : -1;
    /* "said the minister", but not "said Egypt attacked Libya": the
     * subject of the clause said is not its speaker */
    if (m >= 0) {
        uint32_t e = c->men[m].last + 1;
        if (e >= x->end || !(is_finite_verb(c, e) || is_aux(c, e)))
            return m;
    }
    return x->subject_of[g - x->first];
}

static void set_claim(struct verb_ctx *x, int32_t m)
{
    const struct truce_coder *c = x->c;
    const struct tr_mention *men = &c->men[m];
    const struct tr_token *f = tok_at(c, men->first), *l = tok_at(c, men->last);
    memset(&x->claim, 0, sizeof x->claim);
    memcpy(x->claim.code, men->code, strlen(men->code) + 1);
    x->claim.off = f->off;
    x->claim.len = l->off + l->len - f->off;
    x->has_claim = 1;
}

/* A speaker no dictionary codes ("the minister said", "a spokesman for
 * the paper said"): the noun phrase just before speech verb 'g', as a
 * claim with no code; 0 when 'g' has no noun subject there. The event is
 * still a claim, by somebody the reader can see. */
static int set_anon_claim(struct verb_ctx *x, uint32_t g)
{
    const struct truce_coder *c = x->c;
    uint32_t j = g;
    while (j > x->first && (is_aux(c, j - 1) || tok_at(c, j - 1)->pos ==
                                                     TR_POS_ADV))
        j--;
    if (j == x->first || !tr_pos_is_noun(tok_at(c, j - 1)->pos))
        return 0;
    uint32_t last = j - 1, first = last;
    while (first > x->first && last - first < 8) {
        int p = tok_at(c, first - 1)->pos;
        if (!tr_pos_is_noun(p) && p != TR_POS_ADJ && p != TR_POS_DET &&
            p != TR_POS_NUM && p != TR_POS_POSS)
            break;
        first--;
    }
    const struct tr_token *f = tok_at(c, first), *l = tok_at(c, last);
    memset(&x->claim, 0, sizeof x->claim);
    x->claim.off = f->off;
    x->claim.len = l->off + l->len - f->off;
    x->has_claim = 1;
    return 1;
}

/* Who says the event of verb 'v' is so: a speech verb before it ("X said
 * Y shelled Z"), a speech verb after it past a comma or a closing quote
 * ("Y shelled Z, X said"), "according to X", or the speaker of the
 * quotation it stands in. Sets x->claim; the article's own voice leaves
 * it empty. */
static void find_claim(struct verb_ctx *x, uint32_t v)
{
    struct truce_coder *c = x->c;
    x->has_claim = 0;
    if (c->no_context)
        return;
    /* "Italy announced a suspension ..., one day after a Serbian jet shot
     * down a helicopter": a clause opened by "after", "when" ... with no
     * "that" before it is not what was said */
    int that = 0, adjunct = 0;
    for (uint32_t g = v; g-- > x->first && v - g <= 25;) {
        const struct tr_token *t = tok_at(c, g);
        if (t->word == c->w.semicolon)
            break;
        if (t->word == c->w.that) { /* "said that after the talks" */
            that = 1;
            adjunct = 0;
        }
        adjunct |= !that && tr_is(c, t->word, TR_WC_SUBORD) &&
                   (t->pos == TR_POS_ADP || t->pos == TR_POS_SCONJ);
        if (adjunct && is_speech(x, g))
            break;
        if (is_speech(x, g)) {
            int32_t m = speaker_of(x, g);
            if (m >= 0) {
                set_claim(x, m);
                return;
            }
            if (set_anon_claim(x, g))
                return;
            break;
        }
    }
    int passed = 0;
    for (uint32_t g = v + 1; g < x->end; g++) {
        const struct tr_token *t = tok_at(c, g);
        passed |= t->word == c->w.comma || t->kind == TR_TOK_QUOTE;
        if (passed && is_speech(x, g)) {
            int32_t m = speaker_of(x, g);
            if (m >= 0) {
                set_claim(x, m);
                return;
            }
            if (set_anon_claim(x, g))
                return;
        }
    }
    for (uint32_t i = x->first; i + 2 < x->end; i++) {
        if (tok_at(c, i)->word == c->w.according &&
            tok_at(c, i + 1)->word == c->w.to) {
            uint32_t k = i + 2;
            if (tok_at(c, k)->word == c->w.the && k + 1 < x->end)
                k++;
            if (mention_at(x, k) >= 0) {
                set_claim(x, mention_at(x, k));
                return;
            }
        }
    }
    if (((tok_at(c, v)->flags & TR_TF_INQUOTE) ||
         (c->sent->flags & TR_SF_INQUOTE)) &&
        c->disc.has_quote_speaker) {
        x->claim = c->disc.quote_speaker;
        x->has_claim = 1;
    }
}

/* A quotation's speaker holds for the sentences the quotation runs over:
 * remember the speaker named in a sentence that has quoted words. */
static void remember_quote_speaker(struct verb_ctx *x)
{
    struct truce_coder *c = x->c;
    int quoted = (c->sent->flags & TR_SF_INQUOTE) != 0;
    for (uint32_t i = x->first; i < x->end && !quoted; i++)
        quoted = (tok_at(c, i)->flags & TR_TF_INQUOTE) != 0;
    if (!quoted) {
        c->disc.has_quote_speaker = 0;
        return;
    }
    for (uint32_t g = x->first; g < x->end; g++) {
        if (!(tok_at(c, g)->flags & TR_TF_INQUOTE) && is_speech(x, g)) {
            int32_t m = speaker_of(x, g);
            if (m >= 0) {
                set_claim(x, m);
                c->disc.quote_speaker = x->claim;
                c->disc.has_quote_speaker = 1;
                return;
            }
        }
    }
}

static int will_before(const struct verb_ctx *x, uint32_t v)
{
    for (uint32_t j = v; j-- > x->first && v - j <= 4;) {
        const struct tr_token *t = tok_at(x->c, j);
        if (t->pos == TR_POS_MD)
            return will_word(x->c, t->word);
        if (!is_aux(x->c, j) && !is_neg(x->c, j) && t->pos != TR_POS_ADV)
            return 0;
    }
    return 0;
}

/* ---- dates ---- */

static int is_event_verb(const struct verb_ctx *x, uint32_t i)
{
    return tr_pos_is_verb(tok_at(x->c, i)->pos) && !is_aux(x->c, i);
}

/* Whether verb 'v' is a speech verb after a comma that follows token
 * 'b': "..., a local official said". */
static int trailing_speech(const struct verb_ctx *x, uint32_t b, uint32_t v)
{
    const struct truce_coder *c = x->c;
    if (v <= b || !tr_is(c, tok_at(c, v)->lemma, TR_WC_SPEECH))
        return 0;
    for (uint32_t i = b + 1; i < v; i++)
        if (tok_at(c, i)->word == c->w.comma)
            return 1;
    return 0;
}

/* Each date expression belongs to the verb nearest to it: "said on
 * Monday that the army had shelled the town on Sunday". */
static void scan_dates(struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    x->n_dates = 0;
    if (c->day == TR_DAY_MIN)
        return;
    x->n_dates = tr_dates_scan(&c->doc, x->first, x->end - x->first, c->day,
                               c->wclass, c->n_wclass, x->dates,
                               TR_ARRAY_LEN(x->dates));
    for (uint32_t k = 0; k < x->n_dates; k++) {
        uint32_t best = UINT32_MAX;
        x->date_owner[k] = -1;
        /* "clashes erupted near Kidal on Sunday, an official said": the
         * attribution after a comma does not take the clause's date,
         * unless no other verb can */
        for (int pass = 0; pass < 2 && x->date_owner[k] < 0; pass++)
            for (uint32_t v = x->first; v < x->end; v++) {
                if (!is_event_verb(x, v) ||
                    (!pass && trailing_speech(x, x->dates[k].last, v)))
                    continue;
                uint32_t a = x->dates[k].first, b = x->dates[k].last;
                uint32_t dist = v < a ? a - v : v > b ? v - b : 0;
                if (dist < best) {
                    best = dist;
                    x->date_owner[k] = (int32_t)v;
                }
            }
    }
}

/* The date of the event of verb 'v': its own date words, read in the
 * tense of its clause, else the article date. */
static void set_date(struct verb_ctx *x, int future)
{
    const struct truce_coder *c = x->c;
    x->date[0] = 0;
    x->date_precision = TRUCE_DATE_NONE;
    for (uint32_t k = 0; k < x->n_dates; k++) {
        if (x->date_owner[k] != (int32_t)x->v)
            continue;
        tr_day_format(future ? x->dates[k].future : x->dates[k].past,
                      x->date);
        x->date_precision = x->dates[k].precision;
        return;
    }
    if (c->day != TR_DAY_MIN) {
        tr_day_format(c->day, x->date);
        x->date_precision = TRUCE_DATE_DAY;
    }
}

/* The event code and mode for a pattern's code under a stance; NULL when
 * nothing is to be coded. */
/* "The Macedonian army prepared to resume shelling": readying force is a
 * show of force done (150, root 15: military moves short of its use), not
 * a threat said (13x). Only the verb of preparation as a finite verb or
 * in the progressive; "is prepared to" is a state of mind, and readying
 * any other act is an intention. */
static int preparing_force(const struct verb_ctx *x, const char *code)
{
    const struct truce_coder *c = x->c;
    if (x->governor < 0 || !code ||
        !((code[0] == '1' && code[1] >= '8') || code[0] == '2'))
        return 0;
    const struct tr_token *g = tok_at(c, (uint32_t)x->governor);
    if (!tr_is(c, g->lemma ? g->lemma : g->word, TR_WC_PREPARE))
        return 0;
    if (g->pos == TR_POS_VBG || g->pos == TR_POS_VBZ)
        return 1;
    if (g->pos != TR_POS_VBD && g->pos != TR_POS_VBN)
        return 0;
    /* "was prepared to", "is ready": not the act of readying */
    for (uint32_t j = (uint32_t)x->governor; j-- > x->first;) {
        if (tok_at(c, j)->lemma == c->w.be)
            return 0;
        if (!is_aux(c, j) && tok_at(c, j)->pos != TR_POS_ADV)
            break;
    }
    return 1;
}

static const char *code_for(struct verb_ctx *x, enum stance st,
                            const char *code)
{
    const char *out = code;
    enum truce_mode mode = TRUCE_MODE_ASSERTED;
    switch (st) {
    case STANCE_INTENT:
        if (preparing_force(x, code)) {
            out = "150";
            break;
        }
        out = intent_code(code);
        mode = out && out[0] == '1' ? TRUCE_MODE_THREATENED
                                    : TRUCE_MODE_INTENDED;
        /* "pledged to deliver shells": the pledge was made, as when the
         * pledge's own pattern codes it (0332 asserted) */
        if (mode == TRUCE_MODE_INTENDED && after_promise(x))
            mode = TRUCE_MODE_ASSERTED;
        break;
    case STANCE_REFUSED:
        out = refusal_code(code);
        if (!out) {
            out = code; /* "will not attack": the act, not so */
            mode = TRUCE_MODE_NEGATED;
        }
        break;
    case STANCE_NEGATED:
        mode = TRUCE_MODE_NEGATED;
        break;
    case STANCE_ATTEMPTED:
        /* an attempt to kill someone is an attempted assassination */
        if (code && strcmp(code, "186") == 0)
            out = "185";
        break;
    case STANCE_CONDITIONAL:
        mode = TRUCE_MODE_CONDITIONAL;
        if (will_before(x, x->v)) {
            out = intent_code(code);
            /* "we will respond with force if Kinshasa attacks": a threat
             * is conditional by nature and was made; a promise on a
             * condition stays conditional */
            if (out && out[0] == '1')
                mode = TRUCE_MODE_THREATENED;
        }
        break;
    default:
        break;
    }
    if (mode == TRUCE_MODE_ASSERTED && x->has_claim)
        mode = TRUCE_MODE_CLAIMED;
    x->mode = mode;
    set_date(x, will_before(x, x->v));
    return out;
}

/* Try the patterns of the verb, most specific first. */
/* "Three soldiers were killed in a bombing": violence done to someone with
 * no one named as its author is an event with an unknown source (empty
 * code, JSON null), as event data records it; the victims are the target.
 * Only for material conflict (roots 18-20) in the passive voice. */
static int agentless(struct verb_ctx *x, const struct tr_pattern *p,
                     enum stance st, int32_t tgt)
{
    static const struct tr_mention UNKNOWN = {0, 0, "", 0, -1, -1};
    /* "49 soldiers had been killed": whose soldiers is not said either,
     * and such counts repeat the attack told before; skip them */
    if (tgt < 0 || st == STANCE_OBLIGED ||
        (x->c->men[tgt].flags & TR_MF_ROLE_ONLY))
        return 0;
    find_claim(x, x->v);
    x->code = code_for(x, st, p->code);
    if (!x->code)
        return 0;
    for (int32_t t = head_of_chain(x->c, tgt); t >= 0;
         t = x->c->men[t].coord_next)
        emit(x, p, &UNKNOWN, &x->c->men[t]);
    x->coded[x->v - x->first] = 1;
    return 1;
}

/* "A roadside bombing near Samarra killed ...", "Egypt said the attack
 * killed ...": the verb's subject is the attack itself, a TR_WC_ATTACK
 * noun, with no actor (places aside) and no conjunction between it
 * and the verb, back to the previous finite verb. Returns the token of
 * the attack noun nearest the verb, or -1. */
static int32_t event_subject(const struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    uint32_t i = x->v;
    while (i > x->first && (is_aux(c, i - 1) || is_neg(c, i - 1) ||
                            tok_at(c, i - 1)->pos == TR_POS_ADV))
        i--; /* "has killed", "reportedly killed" */
    int32_t found = -1;
    while (i-- > x->first) {
        const struct tr_token *t = tok_at(c, i);
        int32_t m = mention_at(x, i);
        if (t->pos == TR_POS_CONJ ||
            (m >= 0 && !(c->men[m].flags & TR_MF_PLACE)))
            return -1;
        if (is_finite_verb(c, i) && t->pos != TR_POS_VBG)
            break;
        if (found < 0 && (tr_pos_is_noun(t->pos) || t->pos == TR_POS_VBG) &&
            tr_is(c, t->lemma ? t->lemma : t->word, TR_WC_ATTACK))
            found = (int32_t)i;
    }
    return found;
}

/* The code of an attack noun subject: a pattern before 'p' (so a more
 * specific one) whose words before the verb name the attack where it
 * stands, away from the verb ("a roadside bombing near Samarra on Sunday
 * killed": 1833, not the bare verb's 190); else 'p'. */
static const struct tr_pattern *attack_pattern(struct verb_ctx *x,
                                               const uint32_t *ids,
                                               uint32_t before, int32_t head,
                                               const struct tr_pattern *p,
                                               struct match *m)
{
    const struct truce_coder *c = x->c;
    x->back_from = (uint32_t)head + 1;
    for (uint32_t j = 0; j < before; j++) {
        const struct tr_pattern *q = &c->dict.patterns[ids[j]];
        struct match mq = {-1, -1, x->v};
        if (q->verb_at == 0 || !may_match(x, q) ||
            !match_backward(x, q, &mq) || !match_forward(x, q, &mq) ||
            mq.source >= 0)
            continue;
        *m = mq;
        p = q;
        break;
    }
    x->back_from = 0;
    return p;
}

static void words_add(struct verb_ctx *x, uint32_t id)
{
    if (!id)
        return;
    uint32_t i = (id * 2654435761u) & x->words_mask;
    while (x->words[i] && x->words[i] != id)
        i = (i + 1) & x->words_mask;
    x->words[i] = id;
}

static int words_has(const struct verb_ctx *x, uint32_t id)
{
    uint32_t i = (id * 2654435761u) & x->words_mask;
    for (; x->words[i]; i = (i + 1) & x->words_mask)
        if (x->words[i] == id)
            return 1;
    return 0;
}

static void words_make(struct verb_ctx *x)
{
    uint32_t need = 4 * (x->end - x->first), size = 16;
    while (size < need && size < WORD_SET_SIZE)
        size *= 2;
    x->words_mask = size - 1;
    memset(x->words, 0, size * sizeof x->words[0]);
    for (uint32_t i = x->first; i < x->end; i++) {
        words_add(x, tok_at(x->c, i)->word);
        words_add(x, tok_at(x->c, i)->lemma);
    }
}

/* Every literal word of the pattern is somewhere in the sentence. */
static int may_match(struct verb_ctx *x, const struct tr_pattern *p)
{
    const struct truce_coder *c = x->c;
    if (!x->words_mask)
        words_make(x);
    for (uint32_t e = 0; e < p->n_el; e++) {
        const struct tr_pel *el = &c->dict.pels[p->first_el + e];
        if (el->kind != TR_PEL_WORD)
            continue;
        const uint32_t *alts = c->dict.alts + el->first_alt;
        uint32_t a = 0;
        while (a < el->n_alt && !words_has(x, alts[a]))
            a++;
        if (a == el->n_alt)
            return 0;
    }
    return 1;
}

/* "Guerrilla commandos bombed two power stations": "bomb" is aerial (195)
 * for states, whose air forces bomb; for an armed group with no state
 * (rebels, militants, gunmen, criminals) with no word of aircraft in the
 * pattern, it is a planted bomb, CAMEO's non-military bombing (183). */
static const char *ground_bombing(const struct verb_ctx *x,
                                  const struct tr_pattern *p, int32_t src)
{
    static const char *const GROUPS[] = {"REB", "UAF", "INS", "SEP", "CRM",
                                         "RAD"};
    const struct truce_coder *c = x->c;
    if (strcmp(p->code, "195") != 0 || src < 0)
        return p->code;
    if (p->n_words)
        return p->code; /* "launched drones", "airstrikes on" */
    const char *code = c->men[src].code;
    size_t n = strlen(code);
    if (n < 3 || strncmp(code, "IGO", 3) == 0)
        return p->code;
    for (size_t i = 0; i < TR_ARRAY_LEN(GROUPS); i++)
        if (strcmp(code + n - 3, GROUPS[i]) == 0)
            return "183";
    return p->code;
}

/* Code the verb 'x->v' with the first of its patterns that matches;
 * -1 if none does, else whether an event came out. 'nominal': only the
 * patterns with words before the verb, read back from 'x->back_from'. */
static int code_patterns(struct verb_ctx *x, const uint32_t *ids, uint32_t n,
                         enum stance st, int nominal)
{
    const struct truce_coder *c = x->c;
    for (uint32_t i = 0; i < n; i++) {
        const struct tr_pattern *p = &c->dict.patterns[ids[i]];
        struct match m = {-1, -1, x->v};
        /* violence (18-20) is done to places; other acts only to
         * actors, or to places they are sent to */
        x->force = (p->code[0] == '1' && p->code[1] >= '8') ||
                   p->code[0] == '2';
        if ((nominal && !p->verb_at) || (x->no_bare && !p->n_words) ||
            !may_match(x, p) || !match_backward(x, p, &m) ||
            !match_forward(x, p, &m))
            continue;
        int32_t src = m.source >= 0    ? m.source
                      : x->passive     ? x->by_agent
                                       : x->subject;
        int32_t head;
        if (x->force && m.source < 0 && !x->passive &&
            (head = event_subject(x)) >= 0) {
            p = attack_pattern(x, ids, i, head, p, &m);
            return agentless(x, p, st,
                             m.target >= 0 ? m.target : default_target(x));
        }
        if (src < 0)
            return x->force && x->passive ? agentless(x, p, st, x->subject)
                                          : 0;
        int32_t tgt = m.target;
        if (tgt < 0 && !has_target_el(c, p)) {
            tgt = default_target(x);
            /* "walked out of a meeting of the joint committee with the
             * Houthis": else the first actor after the pattern's words */
            if (tgt < 0 && !x->passive && m.end > x->v + 1 &&
                !clause_after(x, x->v, m.end))
                tgt = default_target_at(x, m.end - 1);
        }
        if (x->passive && tgt == src)
            tgt = -1;
        if (st == STANCE_OBLIGED)
            return code_obligation(x, p, p->code);
        find_claim(x, x->v);
        x->code = code_for(x, st, ground_bombing(x, p, src));
        if (!x->code)
            return 0;
        emit_all(x, p, src, tgt);
        x->coded[x->v - x->first] = 1;
        return 1;
    }
    return -1;
}

/* The verb a noun names ("suspension" suspend, "withdrawal" withdraw,
 * "deployment" deploy, "closure" close, "evacuation" evacuate, "release"
 * release), if it has patterns: its lemma id, or 0. */
static uint32_t noun_verb(const struct truce_coder *c, uint32_t noun)
{
    static const struct {
        const char *end, *verb_end;
    } RULES[] = {
        {"", ""},        {"ation", "ate"}, {"sion", "d"}, {"ion", ""},
        {"ion", "e"},    {"ment", ""},     {"al", ""},    {"al", "e"},
        {"ure", "e"},    {"ance", ""},     {"ulsion", "el"},
    };
    size_t len;
    const char *w = tr_vocab_str(&c->vocab, noun);
    len = strlen(w);
    char buf[64];
    for (size_t r = 0; r < TR_ARRAY_LEN(RULES); r++) {
        size_t e = strlen(RULES[r].end), v = strlen(RULES[r].verb_end);
        if (len <= e + 2 || len - e + v >= sizeof buf ||
            memcmp(w + len - e, RULES[r].end, e) != 0)
            continue;
        memcpy(buf, w, len - e);
        memcpy(buf + len - e, RULES[r].verb_end, v);
        uint32_t id = tr_vocab_find(&c->vocab, buf, len - e + v), n;
        if (id && tr_dict_verb_patterns(&c->dict, id, &n) && n)
            return id;
    }
    return 0;
}

/* "Italy announced a suspension of air links with Serbia": a light verb
 * (TR_WC_LIGHT) whose object is "a NOUN of ...", a noun that names a verb
 * with patterns, is that verb's act, read from after "of" with the light
 * verb's subject as its source. The noun's own phrasal members are not
 * tried. Returns as code_patterns(). */
static int code_nominal(struct verb_ctx *x, enum stance st)
{
    const struct truce_coder *c = x->c;
    uint32_t v = x->v, i = v + 1;
    if (x->subject < 0 || x->passive ||
        !tr_is(c, tok_at(c, v)->lemma, TR_WC_LIGHT))
        return -1;
    while (i < x->end && (tok_at(c, i)->pos == TR_POS_DET ||
                          tok_at(c, i)->pos == TR_POS_ADJ ||
                          tok_at(c, i)->pos == TR_POS_NUM))
        i++;
    if (i + 2 >= x->end || !tr_pos_is_noun(tok_at(c, i)->pos) ||
        mention_at(x, i) >= 0 || tok_at(c, i + 1)->word != c->w.of)
        return -1;
    const struct tr_token *t = tok_at(c, i);
    uint32_t verb = noun_verb(c, t->lemma ? t->lemma : t->word), n;
    const uint32_t *ids = verb ? tr_dict_verb_patterns(&c->dict, verb, &n)
                               : NULL;
    if (!ids)
        return -1;
    for (uint32_t k = 0; k < n; k++) {
        const struct tr_pattern *p = &c->dict.patterns[ids[k]];
        struct match m = {-1, -1, i + 1};
        /* a bare pattern would take any noun for its act ("announced a
         * review of its policy") */
        if (p->verb_at || p->n_particles || !p->n_el || !may_match(x, p))
            continue;
        x->v = i + 1; /* read on from after "of" */
        x->force = (p->code[0] == '1' && p->code[1] >= '8') ||
                   p->code[0] == '2';
        int ok = match_forward(x, p, &m);
        int32_t tgt = m.target >= 0 || has_target_el(c, p)
                          ? m.target : default_target(x);
        x->v = v;
        if (!ok || m.source >= 0)
            continue;
        find_claim(x, v);
        x->code = code_for(x, st, p->code);
        if (!x->code)
            return 0;
        emit_all(x, p, x->subject, tgt);
        x->coded[v - x->first] = 1;
        return 1;
    }
    return -1;
}

/* "Palestinian riots against Israeli policies are still continuing": the
 * subject modifies a noun, the event, which a nominal pattern may name
 * though it stands away from the verb. The token after that noun, or 0. */
static uint32_t subject_noun_end(const struct verb_ctx *x)
{
    const struct truce_coder *c = x->c;
    if (x->subject < 0 || x->passive)
        return 0;
    uint32_t h = c->men[x->subject].last + 1;
    while (h < x->v && mention_at(x, h) < 0 &&
           tr_pos_is_noun(tok_at(c, h)->pos))
        h++;
    return h > c->men[x->subject].last + 1 && h + 1 < x->v ? h : 0;
}

static int code_verb(struct verb_ctx *x, const uint32_t *ids, uint32_t n,
                     int32_t *last_subject)
{
    struct truce_coder *c = x->c;
    x->passive = detect_passive(x);
    x->recip = reciprocal(x);
    x->by_agent = x->passive ? by_agent(x) : -1;
    x->subject = find_subject(x, *last_subject);
    x->subject_of[x->v - x->first] = (int16_t)x->subject;
    x->subject_set[x->v - x->first] = x->passive ? 2 : 1;
    if (!x->passive && x->subject >= 0)
        *last_subject = x->subject;
    int32_t governor = -1;
    enum stance st = stance_at(x, x->v, 0, &governor);
    x->governor = governor;
    if (c->trace)
        fprintf(stderr, "  verb %u: %u patterns, stance %d, subject %d%s\n",
                x->v - x->first, n, (int)st, (int)x->subject,
                x->passive ? ", passive" : "");
    if (st == STANCE_NONE) /* "threatened to ban voting", "ordered X to" */
        return code_commitment(x, 1) || code_command(x, ids, n);
    /* "resumed shelling Tripoli": an act with a target is the gerund's,
     * coded on it with the stance of "resume"; "resumed fighting" with
     * none is left to the patterns of "resume" */
    if (complement_happened(c, tok_at(c, x->v)->lemma) && x->v + 2 < x->end &&
        tok_at(c, x->v + 1)->pos == TR_POS_VBG) {
        uint32_t gn;
        tr_dict_verb_patterns(&c->dict, tok_at(c, x->v + 1)->lemma, &gn);
        /* places count as targets here: "resumed shelling Tripoli" */
        x->force = 1;
        if (gn && default_target_at(x, x->v + 1) >= 0)
            return 0;
    }
    /* "pledged to withdraw": the pledge itself was coded, once is enough */
    if ((st == STANCE_INTENT || st == STANCE_REFUSED ||
         st == STANCE_ATTEMPTED) && governor >= 0 &&
        x->coded[(uint32_t)governor - x->first])
        return 0;
    x->no_bare = promise_of_act(x);
    int r = code_patterns(x, ids, n, st, 0);
    x->no_bare = 0;
    if (r >= 0)
        return r;
    r = code_nominal(x, st); /* "announced a suspension of ..." */
    if (r >= 0)
        return r;
    uint32_t h = subject_noun_end(x);
    if (h) {
        x->back_from = h;
        r = code_patterns(x, ids, n, st, 1);
        x->back_from = 0;
        if (r >= 0)
            return r;
    }
    if (st == STANCE_OBLIGED)
        return code_obligation(x, &GENERIC_DEMAND, NULL);
    return code_menace(x, ids, n, st) ||
           code_commitment(x, !after_promise(x));
}

/* Whether the clause of token 'v' (from the last comma, boundary,
 * conjunction or wh-word) has a finite verb or auxiliary before 'v': then
 * a participle at 'v' is no main verb ("it was a plan executed to ..."). */
static int clause_edge(const struct truce_coder *c, uint32_t j)
{
    const struct tr_token *t = tok_at(c, j);
    return is_boundary(c, j) || t->word == c->w.comma ||
           t->pos == TR_POS_WH || t->word == c->w.that ||
           tr_is(c, t->word, TR_WC_IF | TR_WC_SUBORD);
}

static int clause_has_finite(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    for (uint32_t j = v; j-- > x->first;) {
        if (clause_edge(c, j))
            break;
        if (is_finite_verb(c, j) && mention_at(x, j) < 0)
            return 1;
    }
    return 0;
}

/* Whether the participle at 'v' acts on something: an object after it,
 * or a "by" agent within its clause ("positions shelled by the LNA"). */
static int participle_acts(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    if (v + 1 >= x->end)
        return 0;
    int np = tok_at(c, v + 1)->pos;
    if (np == TR_POS_DET || np == TR_POS_NUM || np == TR_POS_PRON ||
        np == TR_POS_ADJ || tr_pos_is_noun(np) || mention_at(x, v + 1) >= 0)
        return 1;
    for (uint32_t j = v + 1; j < x->end && j <= v + 8; j++) {
        if (stops_search(x, j) || tok_at(c, j)->word == c->w.comma)
            break;
        if (tok_at(c, j)->word == c->w.by)
            return 1;
    }
    return 0;
}

/* Whether the verb-tagged token 'v' is no verb of its own: an
 * auxiliary, a plural noun, or a participle used as an adjective. */
static int not_a_verb(const struct verb_ctx *x, uint32_t v)
{
    const struct truce_coder *c = x->c;
    const struct tr_token *t = tok_at(c, v);
    /* "has threatened", "was shelled": an auxiliary, not the verb */
    if (aux_of_next_verb(x, v))
        return 1;
    /* "resumed attacks": a plural noun after a finite verb */
    if (t->pos == TR_POS_VBZ && v > x->first &&
        is_finite_verb(c, v - 1) && !is_aux(c, v - 1))
        return 1;
    /* "released jailed opposition leaders": a participle right
     * after a verb, before a noun, is an adjective */
    if ((t->pos == TR_POS_VBN || t->pos == TR_POS_VBD) && v > x->first &&
        v + 1 < x->end && is_finite_verb(c, v - 1) && !is_aux(c, v - 1) &&
        mention_at(x, v - 1) < 0 &&
        (tr_pos_is_noun(tok_at(c, v + 1)->pos) ||
         tok_at(c, v + 1)->pos == TR_POS_ADJ || mention_at(x, v + 1) >= 0))
        return 1;
    /* "a premeditated plan executed to decapitate the movement",
     * "arsenals and documents confiscated.": a participle right
     * after a noun that names no actor, with no object and no "by",
     * describes the thing; no event */
    if (t->pos == TR_POS_VBN && v > x->first + 1 &&
        tok_at(c, v - 1)->pos == TR_POS_NOUN &&
        !tr_is(c, tok_at(c, v - 1)->word, TR_WC_DATE) &&
        !is_aux(c, v - 2) && /* "have today engaged" */
        mention_at(x, v - 1) < 0 && !participle_acts(x, v) &&
        clause_has_finite(x, v))
        return 1;
    /* "labor leaders, activists, and detained political prisoners":
     * a participle that opens the last item of a list of nouns is an
     * adjective, not "detained" done by anyone */
    if ((t->pos == TR_POS_VBN || t->pos == TR_POS_VBD) &&
        v >= x->first + 3 && v + 1 < x->end &&
        (tok_at(c, v - 1)->word == c->w.and_ ||
         tok_at(c, v - 1)->word == c->w.or_) &&
        tok_at(c, v - 2)->word == c->w.comma &&
        (tr_pos_is_noun(tok_at(c, v - 3)->pos) ||
         tok_at(c, v - 3)->pos == TR_POS_ADJ ||
         tok_at(c, v - 3)->pos == TR_POS_VBG) &&
        (tok_at(c, v + 1)->pos == TR_POS_ADJ ||
         tok_at(c, v + 1)->pos == TR_POS_NOUN))
        return 1;
    /* "the freed soldiers", "the negotiating table": adjectives;
     * "a car bombing": a noun */
    if (v > x->first && mention_at(x, v - 1) < 0 &&
        (tok_at(c, v - 1)->pos == TR_POS_DET ||
         tok_at(c, v - 1)->kind == TR_TOK_POSS ||
         tok_at(c, v - 1)->pos == TR_POS_ADJ ||
         (t->pos == TR_POS_VBG &&
          tr_pos_is_noun(tok_at(c, v - 1)->pos))))
        return 1;
    return 0;
}

void tr_events_find(struct truce_coder *c)
{
    struct verb_ctx x;
    /* the word set is cleared when it is made, not here */
    memset(&x, 0, offsetof(struct verb_ctx, words));
    x.words_mask = 0;
    x.c = c;
    x.first = c->sent->first;
    x.end = c->sent->first + c->sent->n_tokens;
    int32_t last_subject = -1;
    for (uint32_t i = 0; i < TRUCE_MAX_SENTENCE_TOKENS; i++)
        x.subject_of[i] = -1;
    if (c->trace)
        for (uint32_t m = 0; m < c->n_men; m++)
            fprintf(stderr, "  mention %u: tokens %u-%u %s flags %#x\n", m,
                    c->men[m].first - x.first, c->men[m].last - x.first,
                    c->men[m].code, c->men[m].flags);
    if (!c->no_context) {
        scan_dates(&x);
        x.n_places = tr_places_scan(c, x.places, TR_ARRAY_LEN(x.places));
    }
    for (uint32_t v = x.first; v < x.end; v++) {
        const struct tr_token *t = tok_at(c, v);
        if (!tr_pos_is_verb(t->pos) || mention_at(&x, v) >= 0)
            continue;
        if (not_a_verb(&x, v))
            continue;
        uint32_t n;
        const uint32_t *ids = tr_dict_verb_patterns(&c->dict, t->lemma, &n);
        if (!n) {
            if (t->pos != TR_POS_VBN && !is_aux(c, v)) {
                x.v = v;
                x.passive = 0;
                x.recip = 0;
                int32_t s = find_subject(&x, last_subject);
                x.subject_of[v - x.first] = (int16_t)s;
                x.subject_set[v - x.first] = 1;
                if (s >= 0)
                    last_subject = s;
                x.subject = s;
                int32_t unused = -1;
                if (s >= 0 && stance_at(&x, v, 0, &unused) == STANCE_OBLIGED)
                    code_obligation(&x, &GENERIC_DEMAND, NULL);
                else if (!code_commitment(&x, 0))
                    code_command(&x, ids, 0);
            }
            continue;
        }
        x.v = v;
        code_verb(&x, ids, n, &last_subject);
    }
    remember_quote_speaker(&x);
}
