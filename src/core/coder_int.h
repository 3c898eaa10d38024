/*
 * coder_int.h -- what the parts of the coder share: the coder itself, the
 * per-sentence working state (mentions of actors), and the entry points of
 * mention.c (actors in a sentence) and event.c (verbs and patterns into
 * events). coder.c runs the pipeline: text -> lexical -> mentions -> events.
 */
#ifndef TR_CODER_INT_H
#define TR_CODER_INT_H

#include "arena.h"
#include "dict.h"
#include "lexicon.h"
#include "pos.h"
#include "text.h"
#include "vocab.h"
#include "wordclass.h"

#define TR_MAX_MENTIONS 128

struct tr_geo;



enum tr_mention_flag {
    TR_MF_CAPITAL = 1u << 0, /* a capital used as an actor */
    TR_MF_PRONOUN = 1u << 1, /* resolved from a pronoun or "the country" */
    TR_MF_ROLE_ONLY = 1u << 2, /* an agent with no actor: "police" */
    TR_MF_PERSON = 1u << 3,
    TR_MF_COUNTRY = 1u << 4,
    TR_MF_GROUP = 1u << 5,
    TR_MF_FEMALE = 1u << 6,
    TR_MF_IGO = 1u << 7,
    TR_MF_PLACE = 1u << 8, /* a place: never a source; a target of force */
    TR_MF_TITLED = 1u << 9 /* a title and a name the dictionaries lack
                              ("President Bouteflicka"): its country is
                              set once the sentence's mentions are known */
};

struct tr_mention {
    uint32_t first, last;   /* token range of the actor's text, inclusive */
    char code[TR_CODE_MAX]; /* resolved CAMEO actor code */
    uint32_t flags;         /* enum tr_mention_flag */
    int32_t coord_next;     /* next mention coordinated by "and", or -1 */
    int32_t coord_prev;     /* previous one, or -1 */
};

/* What the last sentences mentioned, for pronouns and "the country". */
struct tr_discourse {
    char person[TR_CODE_MAX];  /* last person (he/she) */
    uint32_t person_female;
    char country[TR_CODE_MAX]; /* last country ("the country") */
    char group[TR_CODE_MAX];   /* last group that is no state's
                                  institution ("the group") */
    char org[TR_CODE_MAX];     /* last organisation of any kind, a state's
                                  government or army too ("it") */
    char plural[TR_CODE_MAX];  /* last plural actor ("they") */
    char context[4];           /* country of the last state actor: "the
                                  army" in a Sudan story is Sudan's */
    char countries[16][4];     /* countries of the story's actors */
    uint32_t country_count[16];/* how often each was mentioned */
    uint32_t n_countries;
    struct truce_actor quote_speaker; /* who speaks an open quotation */
    int has_quote_speaker;
};

/* Word ids the coder's rules need, interned once at start-up. */
struct tr_words {
    uint32_t be, have, do_, get, by, of, to, and_, or_, the, a, an;
    uint32_t not_, nt, never, who, which, that, whom, whose, loyal;
    uint32_t he, she, him, her, it, they, them, its, their, his;
    uint32_t we, our, us;
    uint32_t country, group, movement, militia, government;
    uint32_t will, would, could, may, might, should, shall, can, must;
    uint32_t in, at, near, from, into, outside, around, across, toward;
    uint32_t throughout, led;
    uint32_t towards, inside, through, via, on, for_, against, with;
    uint32_t comma, semicolon, colon, said, pro, according, no;
};

struct tr_tabari;

struct truce_coder {
    struct tr_tabari *tabari;    /* TRUCE_ENGINE_TABARI, else NULL */
    struct tr_vocab vocab;
    struct tr_dict dict;
    struct tr_lexicon *lexicon;
    struct tr_tagger *tagger;
    struct tr_geo *geo;          /* gazetteer, or NULL: no places */
    int no_context;              /* no claims, dates or places */
    int trace;                   /* TRUCE_TRACE set: tags on stderr */
    uint32_t *wclass;            /* enum tr_word_class per word id; owned */
    uint32_t n_wclass;
    struct tr_words w;
    struct tr_doc doc;
    struct tr_arena arena;
    truce_diag_fn *diag;
    void *diag_ud;
    double load_ms;
    struct truce_run_stats run;  /* counters since creation */
    /* per-article state */
    const struct truce_article *article;
    int32_t day;                 /* article date, TR_DAY_MIN if unknown */
    struct tr_discourse disc;
    /* per-sentence state */
    uint32_t sent_no;            /* 1-based, datelines not counted */
    const struct tr_sentence *sent;
    char sent_country[4];        /* scratch for mention.c */
    struct tr_mention men[TR_MAX_MENTIONS];
    uint32_t n_men;
    int32_t *men_at;             /* per token of the sentence: mention or -1 */
    uint32_t men_at_cap;
    truce_event_fn *cb;          /* count_event, which calls user_cb */
    void *cb_ud;
    truce_event_fn *user_cb;
    void *user_ud;
};

/* mention.c: find the actors of the current sentence into c->men. */
TR_MUST_USE int tr_mentions_find(struct truce_coder *c);
/* Remember what the sentence mentioned, for pronouns in later ones. */
void tr_mentions_remember(struct truce_coder *c);
/* The story's country so far: the one its actors belong to most often,
 * the latest on a tie; NULL before any. */
const char *tr_story_country(const struct truce_coder *c);
/* Whether token 'i' can start a trie phrase (cheap pre-check). */
int tr_mentions_any(const struct truce_coder *c, uint32_t first, uint32_t n);

/* event.c: code the verbs of the current sentence, calling c->cb. */
void tr_events_find(struct truce_coder *c);
/* Whether word id 'id' is in one of the word classes 'bits'. */
static inline int tr_is(const struct truce_coder *c, uint32_t id,
                        unsigned bits)
{
    return tr_wc(c->wclass, c->n_wclass, id, bits);
}

/* Token helpers shared by mention.c and event.c. */
static inline int tr_tok_is(const struct truce_coder *c, uint32_t i,
                            uint32_t word)
{
    return c->doc.tok[i].word == word && word != 0;
}

#endif
