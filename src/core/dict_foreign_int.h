/*
 * dict_foreign_int.h -- what the readers of the field's dictionary formats
 * (TABARI, PETRARCH-1, PETRARCH-2) share. Each reader converts a file into
 * our own dictionary text (dict/README.md) plus a map from every output
 * line to the input line it came from; dict_foreign.c then loads that text
 * with tr_dict_load_buffer() and points every entry back at the original
 * file and line. One conversion therefore serves `truce code` (load),
 * `truce dict convert` (write) and `truce dict check` (report), and the
 * trie, dates and pattern tables stay in dict.c alone.
 */
#ifndef TR_DICT_FOREIGN_INT_H
#define TR_DICT_FOREIGN_INT_H

#include <string.h>

#include "dict.h"

struct tr_lexicon;

/* Counts of what the files hold and of what our format cannot say. One
 * table, so that names and the enum cannot drift apart. */
#define TR_FOREIGN_COUNTS(X)                                                \
    X(ACTOR_RECORDS, "actor records (primary phrases)")                     \
    X(ACTOR_SYNONYMS, "actor synonyms (+PHRASE)")                           \
    X(ACTOR_CODES, "actor code blocks")                                     \
    X(ACTOR_DATED, "date-restricted actor codes")                           \
    X(ACTOR_NULL, "null actors [---] (not loaded: no blocking entries)")    \
    X(ACTOR_NULL_DEFAULT, "null default codes dropped")                     \
    X(ACTOR_DISCARD, "discard codes [###] (not loaded)")                    \
    X(ACTOR_COMPOUND, "compound codes A/B (first code kept)")               \
    X(SECTION_WORDS, "<NOUN>/<ADJECTIVE> words (not used)")                 \
    X(AGENTS, "agent entries")                                              \
    X(AGENT_PLURALS, "explicit agent plurals {..}")                         \
    X(AGENT_PREFIX, "prefix agents [X~] (loaded as suffix)")                \
    X(AGENT_SUBST, "agent substitution-set expansions")                     \
    X(AGENT_LONG_ROLE, "agent roles longer than 6 (not loaded)")            \
    X(DISCARDS, "discard phrases (not used by the coder)")                  \
    X(STORY_DISCARDS, "story discard phrases (not used by the coder)")      \
    X(ISSUES, "issue phrases (not used by the coder)")                      \
    X(VERB_FAMILIES, "verb roots / families")                               \
    X(VERB_WORDS, "verb lines and irregular forms")                         \
    X(VERB_PATTERNS, "verb patterns")                                       \
    X(PATTERNS_OUT, "our patterns written (after expansion)")               \
    X(SYNSETS, "synsets")                                                   \
    X(SYNSET_MEMBERS, "synset members")                                     \
    X(TIME_ATTRIB, "<TIME>/<ATTRIB> entries (not used)")                    \
    X(TRANSFORMS, "PETRARCH-2 transformations (not used)")                  \
    X(PAT_NULL, "null-coded patterns [---] (not loaded)")                   \
    X(PAT_DISCARD, "discard/complex patterns [###]/[+++] (not loaded)")     \
    X(PAT_PAIRED, "paired codes a:b (first code kept)")                     \
    X(PAT_REVERSED_ONLY, "reversed-only codes [:b] (not loaded)")           \
    X(PAT_NONCAMEO, "codes not in the CAMEO table (not loaded)")            \
    X(PAT_COMPOUND, "compound-actor patterns % (not loaded)")               \
    X(PAT_SKIP, "skip-actor patterns ^ (not loaded)")                       \
    X(PAT_ATTRIB, "attribution patterns @ (not loaded)")                    \
    X(PAT_TRUNCATED, "patterns with over 32 expansions (truncated)")        \
    X(STEM_UNRESOLVED, "verb stems with no known lemma (kept as written)")

enum tr_foreign_count {
#define TR_FOREIGN_ENUM(name, text) TR_FC_##name,
    TR_FOREIGN_COUNTS(TR_FOREIGN_ENUM)
#undef TR_FOREIGN_ENUM
    TR_FC_N
};

/* The text of counter 'i'. */
const char *tr_foreign_count_name(int i);

/* The verb dialect a file is written in. */
enum tr_verb_dialect { TR_VD_TABARI, TR_VD_PETRARCH1, TR_VD_PETRARCH2 };

/* One conversion: input in, our format out. */
struct tr_foreign_conv {
    const char *name;          /* file name for diagnostics */
    enum truce_dict_format format;
    enum truce_dict_kind kind;
    enum tr_verb_dialect dialect; /* verbs: set by the reader */
    const struct tr_vocab *vocab;     /* for verb lemmas; may be NULL */
    const struct tr_lexicon *lexicon; /* may be NULL: heuristics then */
    truce_diag_fn *diag;
    void *diag_ud;
    struct tr_buf out;         /* our format text */
    uint32_t *line_of;         /* line_of[k]: input line of output line k+1 */
    uint32_t n_out, cap_out;
    uint32_t count[TR_FC_N];
    uint32_t n_bad;            /* unreadable input lines reported */
    uint32_t n_warn;
    struct tr_buf line;        /* the current input line, repaired */
};

void tr_foreign_conv_init(struct tr_foreign_conv *c, const char *name,
                          enum truce_dict_format format,
                          enum truce_dict_kind kind);
void tr_foreign_conv_release(struct tr_foreign_conv *c);

/* Convert 'data' (length 'len', any bytes) into c->out. Unreadable lines
 * are reported through c->diag and counted in c->n_bad. Returns TRUCE_OK,
 * TRUCE_EDICT (some lines unreadable) or TRUCE_ENOMEM. */
TR_MUST_USE int tr_foreign_convert(struct tr_foreign_conv *c,
                                   const char *data, size_t len);

/* Convert and load 'data' as the file 'path' into 'd'. Verb stems are
 * resolved to lemmas through 'lx' when it is given. */
TR_MUST_USE int tr_dict_load_foreign_buffer(struct tr_dict *d,
                                            const struct tr_lexicon *lx,
                                            const char *path,
                                            enum truce_dict_format format,
                                            enum truce_dict_kind kind,
                                            const char *data, size_t len,
                                            uint32_t *count /* TR_FC_N, may
                                                               be NULL */);

/* As tr_dict_load_foreign() with a lexicon for verb lemmas (coder.c should
 * call this one: see docs/internals/dict_foreign.md). 'count' (TR_FC_N
 * entries, may be NULL) receives the sums over all files. */
TR_MUST_USE int tr_dict_load_foreign_lx(struct tr_dict *d,
                                        const struct tr_lexicon *lx,
                                        const struct truce_dict_source *src,
                                        size_t n, uint32_t *count);

/* Whole file into memory (tr_free it). */
TR_MUST_USE int tr_foreign_read_file(const char *path, char **out,
                                     size_t *len);

/* ---- shared by the readers (dict_foreign.c) ---- */

/* Lines of the input: LF, CRLF and lone CR all end a line. */
struct tr_foreign_lines {
    const char *data;
    size_t len, pos;
    uint32_t no;
};

/* The next line into c->line (repaired: Latin-1 bytes that are not UTF-8
 * become UTF-8, with a warning). A line with a NUL or 0x1A byte is
 * reported and skipped. Returns 1 with a line, 0 at the end, negative on
 * no memory. */
int tr_foreign_next_line(struct tr_foreign_conv *c,
                         struct tr_foreign_lines *it);

/* Append one line of our format for input line 'in_line'. */
TR_MUST_USE int tr_foreign_emit(struct tr_foreign_conv *c, uint32_t in_line,
                                const char *fmt, ...) TR_PRINTF(3, 4);

void tr_foreign_error(struct tr_foreign_conv *c, uint32_t line,
                      const char *fmt, ...) TR_PRINTF(3, 4);
void tr_foreign_warn(struct tr_foreign_conv *c, uint32_t line,
                     const char *fmt, ...) TR_PRINTF(3, 4);

/* Write a phrase (words joined by '_' or blanks) as our name: words
 * separated by one blank, with the characters our format reserves
 * (| : # { } [ ]) and TABARI's connectors (_ = ~ +) turned into blanks. */
TR_MUST_USE int tr_foreign_phrase(struct tr_buf *out, const char *s,
                                  size_t n, int lower);

/* The readers. */
TR_MUST_USE int tr_tabari_actors_convert(struct tr_foreign_conv *c,
                                         const char *data, size_t len);
TR_MUST_USE int tr_tabari_agents_convert(struct tr_foreign_conv *c,
                                         const char *data, size_t len);
TR_MUST_USE int tr_tabari_lists_convert(struct tr_foreign_conv *c,
                                        const char *data, size_t len);
TR_MUST_USE int tr_tabari_verbs_convert(struct tr_foreign_conv *c,
                                        const char *data, size_t len);

/* ---- spans of a line, shared by the TABARI/PETRARCH readers ---- */

struct span {
    const char *s;
    size_t n;
};

static inline int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v';
}

static inline struct span trim(struct span x)
{
    while (x.n && is_blank(x.s[0])) {
        x.s++;
        x.n--;
    }
    while (x.n && is_blank(x.s[x.n - 1]))
        x.n--;
    return x;
}

static inline int starts(struct span x, const char *lit)
{
    size_t n = strlen(lit);
    return x.n >= n && memcmp(x.s, lit, n) == 0;
}

#endif
