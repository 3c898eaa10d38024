/*
 * tabari.h -- a coder with TABARI's own semantics, run directly on TABARI
 * dictionaries (issue 4).
 *
 * truce's own coder reads the field's dictionaries by converting them into
 * our format (dict_foreign.c). That serves users who want our parser with
 * their vocabulary, but TABARI's patterns mean something only under
 * TABARI's sparse parse: "$" is "the first actor at this point", "_" glues
 * words, an upper pattern is matched backwards from the verb, a comma
 * clause of two to ten words is deleted before anything else, the source
 * is the first actor of the clause. This module reproduces that parse so
 * that a TABARI project codes as TABARI coded it: `truce validate tabari`
 * and `truce code --engine tabari` use it. docs/internals/tabari.md
 * describes the rules and where we knowingly differ.
 */
#ifndef TR_TABARI_H
#define TR_TABARI_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"
#include "truce/truce.h"

struct tr_tabari;

/* One coded event: codes as TABARI prints them ("ARNGOV", "064"). */
struct tr_tabari_event {
    const char *source, *target, *code;
    const char *file; /* the verb dictionary that coded it */
    uint32_t line;    /* its root or pattern line */
};
typedef void tr_tabari_event_fn(void *ud, const struct tr_tabari_event *ev);

/* What a sentence came to when it produced no event. */
enum tr_tabari_outcome {
    TR_TB_CODED,     /* events were produced */
    TR_TB_NOEVENT,   /* nothing to code */
    TR_TB_DISCARD,   /* a [###] phrase: the sentence is dropped */
    TR_TB_COMPLEX    /* [+++] or a COMPLEX: limit: left for a person */
};

enum tr_tabari_file { TR_TB_ACTORS, TR_TB_AGENTS, TR_TB_VERBS, TR_TB_OPTIONS };

TR_MUST_USE int tr_tabari_new(struct tr_tabari **out, truce_diag_fn *diag,
                              void *ud);
void tr_tabari_free(struct tr_tabari *t);

/* Load one file; unreadable lines are reported (file, line, reason) and
 * skipped. Returns TRUCE_OK, TRUCE_EDICT when lines were skipped,
 * TRUCE_ENOTFOUND, TRUCE_ENOMEM. */
TR_MUST_USE int tr_tabari_load(struct tr_tabari *t, enum tr_tabari_file kind,
                               const char *path);

/* Load a dictionary set: the TABARI-format verbs, actors and agents of
 * 'src' (issue files are skipped: TABARI does not code with them; any
 * other format is an error), then the options file 'options' (may be
 * NULL), as TABARI reads them. Returns as tr_tabari_load(). */
TR_MUST_USE int tr_tabari_load_set(struct tr_tabari *t,
                                   const struct truce_dict_source *src,
                                   size_t n, const char *options);

/* The same for a file already in memory ('path' names it in messages). */
TR_MUST_USE int tr_tabari_load_buffer(struct tr_tabari *t,
                                      enum tr_tabari_file kind,
                                      const char *path, const char *data,
                                      size_t len);

/* What is loaded: actor phrases, agent phrases, verb roots and forms,
 * patterns. */
void tr_tabari_counts(const struct tr_tabari *t, uint32_t *actors,
                      uint32_t *agents, uint32_t *roots, uint32_t *patterns);

/* One .options command ("SET: CONVERT AGENTS = TRUE", "COMPLEX: ..."). */
void tr_tabari_option(struct tr_tabari *t, const char *line);

/* Code one sentence (or record) of article date 'date' (YYYY-MM-DD, may be
 * NULL). Returns the outcome. */
enum tr_tabari_outcome tr_tabari_code(struct tr_tabari *t, const char *text,
                                      size_t len, const char *date,
                                      tr_tabari_event_fn *cb, void *ud);

#endif
