/*
 * dict.h -- our own dictionaries in memory: actors, agents (role words) and
 * verb patterns, read from the formats in dict/README.md. Phrases are kept
 * as sequences of vocab ids in one phrase trie shared by actors and agents;
 * verb patterns are indexed by the verb's lemma id. Everything is built once
 * at load time and read-only while coding, so two coders can share nothing
 * and one coder needs no locks.
 */
#ifndef TR_DICT_H
#define TR_DICT_H

#include "text.h"
#include "vocab.h"

#define TR_CODE_MAX 16 /* longest actor or event code, with the NUL */

/* Days since 1970-01-01; TR_DAY_MIN/MAX stand for open range ends. */
#define TR_DAY_MIN INT32_MIN
#define TR_DAY_MAX INT32_MAX

enum tr_actor_flag {
    TR_AF_COUNTRY = 1u << 0,
    TR_AF_CAPITAL = 1u << 1,
    TR_AF_PERSON = 1u << 2,
    TR_AF_MALE = 1u << 3,
    TR_AF_FEMALE = 1u << 4,
    TR_AF_GROUP = 1u << 5,
    TR_AF_IGO = 1u << 6,
    TR_AF_TITLE = 1u << 7, /* agents: a title before a name */
    TR_AF_PLACE = 1u << 8, /* a city or region: a target of force only */
    TR_AF_PREFIX = 1u << 9 /* agents: the role goes before the actor code
                              (TABARI [NGO~]: NGO + ISR = NGOISR) */
};

struct tr_actor_code {
    char code[TR_CODE_MAX];
    int32_t from, to; /* inclusive day range; MIN..MAX for the default */
};

struct tr_actor_entry {
    uint32_t first_code, n_codes; /* range in dict->codes */
    uint32_t flags;               /* enum tr_actor_flag */
    uint32_t file, line;          /* where it was defined */
    uint32_t n_examples;          /* example lines ('>') below it */
    uint32_t next;                /* next entry for the same phrase, or 0 */
};

struct tr_agent {
    char role[8];      /* "MIL" */
    uint32_t flags;    /* TR_AF_TITLE */
    uint32_t file, line;
};

/* A trie node: children are found through the dict's edge hash table. */
struct tr_trie_node {
    uint32_t actor; /* first actor entry ending here (1-based), or 0 */
    uint32_t agent; /* agent ending here (1-based), or 0 */
};

enum tr_pel_kind { TR_PEL_WORD, TR_PEL_TARGET, TR_PEL_SOURCE, TR_PEL_VERB };

struct tr_pel {
    uint8_t kind;      /* enum tr_pel_kind */
    uint8_t direct;    /* TR_PEL_TARGET written "+!": the verb's direct
                          object, with only modifiers before it */
    uint32_t first_alt;/* range in dict->alts (word ids) */
    uint32_t n_alt;
};

struct tr_pattern {
    char code[8];        /* CAMEO event code */
    uint32_t verb;       /* lemma id of the verb */
    uint32_t first_el;   /* range in dict->pels */
    uint32_t n_el;
    int32_t verb_at;     /* elements before the verb (0: all follow it) */
    uint32_t n_words;    /* literal words (specificity) */
    uint32_t file, line;
    uint32_t order;      /* position in load order, for ties */
    uint32_t n_particles;/* words of a phrasal member ("pull out of"),
                            right after the verb */
};

struct tr_example {
    char *text;                 /* owned */
    char code[8], source[TR_CODE_MAX], target[TR_CODE_MAX];
    char date[11];              /* "@YYYY-MM-DD" given in the example, or "" */
    uint32_t actor;             /* actor-file example: the entry above it */
    uint32_t file, line;
};

struct tr_dict {
    struct tr_vocab *vocab; /* borrowed: shared with the lexicon */
    /* phrase trie */
    struct tr_trie_node *nodes;
    uint32_t n_nodes, cap_nodes;
    uint64_t *edge_keys;    /* (parent << 32 | word) + 1, 0 = empty */
    uint32_t *edge_vals;    /* child node */
    uint32_t n_edges, cap_edges; /* cap is a power of two */
    /* actors and agents */
    struct tr_actor_entry *actors;  /* 1-based: actors[0] unused */
    uint32_t n_actors, cap_actors;
    struct tr_actor_code *codes;
    uint32_t n_codes, cap_codes;
    struct tr_agent *agents;        /* 1-based */
    uint32_t n_agents, cap_agents;
    uint32_t n_actor_names, n_agent_names;
    /* verbs */
    struct tr_pattern *patterns;
    uint32_t n_patterns, cap_patterns;
    struct tr_pel *pels;
    uint32_t n_pels, cap_pels;
    uint32_t *alts;
    uint32_t n_alts, cap_alts;
    uint32_t n_families;
    uint32_t *by_verb_start;  /* per lemma id: first index in by_verb */
    uint32_t *by_verb;        /* pattern ids grouped by verb lemma, best first */
    uint32_t n_by_verb_ids;   /* length of by_verb_start - 1 */
    struct tr_example *examples;
    uint32_t n_examples, cap_examples;
    /* files read, for the `dict` key of events */
    char **files;
    uint32_t n_files, cap_files;
    /* diagnostics */
    truce_diag_fn *diag;
    void *diag_ud;
    uint32_t n_errors;
    struct tr_doc scratch; /* tokenizes names and patterns while loading */
    struct tr_buf fold;
};

void tr_dict_init(struct tr_dict *d, struct tr_vocab *v, truce_diag_fn *diag,
                  void *ud);
void tr_dict_release(struct tr_dict *d);

/* Read one file of our format; the kind comes from the file name's ending
 * (.actors, .agents, .verbs). Bad lines are reported and skipped
 * (d->n_errors counts them). Returns TRUCE_OK, TRUCE_ENOTFOUND, TRUCE_EIO,
 * TRUCE_ENOMEM; TRUCE_EDICT when some lines were skipped. */
TR_MUST_USE int tr_dict_load_file(struct tr_dict *d, const char *path);

/* Read dictionary text 'data' (length 'len') of the kind named by 'name''s
 * ending (.actors, .agents, .verbs), as if it were the file 'name'. */
TR_MUST_USE int tr_dict_load_buffer(struct tr_dict *d, const char *name,
                                    const char *data, size_t len);

/* Read every dictionary file of a folder: actors/ *.actors, *.agents,
 * verbs/ *.verbs, in name order. */
TR_MUST_USE int tr_dict_load_dir(struct tr_dict *d, const char *dir);

/* Read dictionaries in the field's formats (TABARI, PETRARCH: dict_foreign.c,
 * issue 4) into 'd'. 'first' says whether their entries go before ours
 * (phrase ties and pattern ties go to the earlier entry). Bad lines are
 * reported and skipped. Returns as tr_dict_load_file(). */
TR_MUST_USE int tr_dict_load_foreign(struct tr_dict *d,
                                     const struct truce_dict_source *src,
                                     size_t n, int first);

/* Build the verb index. Call once after loading, before matching. */
TR_MUST_USE int tr_dict_finish(struct tr_dict *d);

/* The child of trie node 'node' for word 'word', or 0. Node 0 is the
 * root. */
uint32_t tr_dict_child(const struct tr_dict *d, uint32_t node, uint32_t word);

/* The code of actor entry 'actor' (1-based) for day 'day' (TR_DAY_MIN when
 * the date is unknown). */
const char *tr_dict_actor_code(const struct tr_dict *d, uint32_t actor,
                               int32_t day);

/* Patterns of verb lemma 'lemma', most specific first. */
const uint32_t *tr_dict_verb_patterns(const struct tr_dict *d, uint32_t lemma,
                                      uint32_t *n);

/* Lint a finished dictionary (dict_lint.c): findings go to d->diag with
 * file and line, counts into 'out'. */
void tr_dict_lint(const struct tr_dict *d, struct truce_dict_stats *out);

/* Days since 1970-01-01 of "YYYY-MM-DD" (length 'n'); TRUCE_EINPUT when it
 * is not a valid date. */
TR_MUST_USE int tr_parse_day(const char *s, size_t n, int32_t *day);

#endif
