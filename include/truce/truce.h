/*
 * truce.h -- the public API of libtruce: a political event coder.
 * Text goes in (one article at a time), CAMEO-coded events come out through
 * a callback. The library never prints; problems with outside input are
 * reported through the diagnostic callback and coding goes on.
 */
#ifndef TRUCE_H
#define TRUCE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define TRUCE_API __attribute__((visibility("default")))
#else
#define TRUCE_API
#endif

/* Status codes: 0 is success, errors are negative. One table, so that
 * truce_strerror() and the enum cannot drift apart. */
#define TRUCE_STATUS_MAP(X)                                \
    X(ENOMEM, -1, "out of memory")                         \
    X(EINPUT, -2, "malformed input")                       \
    X(ELIMIT, -3, "input exceeds a configured limit")      \
    X(EDICT, -4, "unreadable dictionary entry")            \
    X(EIO, -5, "input/output error")                       \
    X(ENOTFOUND, -6, "not found")                          \
    X(EUSAGE, -7, "invalid argument")                      \
    X(ESTORE, -8, "event store error")

enum truce_status {
    TRUCE_OK = 0,
#define TRUCE_STATUS_ENUM(name, value, text) TRUCE_##name = value,
    TRUCE_STATUS_MAP(TRUCE_STATUS_ENUM)
#undef TRUCE_STATUS_ENUM
};

/* Human-readable text of a status code; never NULL. */
TRUCE_API const char *truce_strerror(int status);

/* Limits on outside input. A longer article or line is a diagnostic and
 * TRUCE_ELIMIT, never an out-of-memory kill. */
#define TRUCE_MAX_ARTICLE (8u * 1024u * 1024u)
#define TRUCE_MAX_LINE (16u * 1024u * 1024u)
#define TRUCE_MAX_SENTENCE_TOKENS 400u

/* A diagnostic about outside input: where and what. */
enum truce_severity { TRUCE_WARNING = 1, TRUCE_ERROR = 2 };

struct truce_diag {
    enum truce_severity severity;
    const char *file; /* file or document name, may be NULL */
    uint64_t line;    /* 1-based line, 0 when not known */
    uint64_t column;  /* 1-based byte column, 0 when not known */
    const char *msg;  /* what is wrong, one line, no trailing newline */
};

typedef void truce_diag_fn(void *ud, const struct truce_diag *d);

/* How an event stands in the text (issue 3 fills in more than asserted). */
enum truce_mode {
    TRUCE_MODE_ASSERTED = 0,
    TRUCE_MODE_CLAIMED,
    TRUCE_MODE_NEGATED,
    TRUCE_MODE_CONDITIONAL,
    TRUCE_MODE_INTENDED,
    TRUCE_MODE_THREATENED
};

TRUCE_API const char *truce_mode_name(enum truce_mode m);

/* An actor as found in the text. */
struct truce_actor {
    char code[32];      /* CAMEO actor code, e.g. "LBYMIL"; "" if none */
    uint32_t off, len;  /* bytes of the actor's text in the article */
};

/* How precisely an event's date is known. */
enum truce_date_precision {
    TRUCE_DATE_NONE = 0, /* no article date and none in the text */
    TRUCE_DATE_DAY,
    TRUCE_DATE_WEEK,
    TRUCE_DATE_MONTH,
    TRUCE_DATE_YEAR
};

/* Where an event happened, from the gazetteer. */
struct truce_place {
    char name[64];      /* as the text writes it, e.g. "Hodeidah" */
    char country[4];    /* ISO 3166-1 alpha-3, e.g. "LBY" */
    char admin1[64];    /* first-level region, "" if unknown */
    double lat, lon;
    uint32_t off, len;  /* the place's words in the article */
};

/* One coded event. All pointers are borrowed for the duration of the
 * callback only: copy what you keep. */
struct truce_event {
    const char *doc;            /* article id */
    uint32_t sent;              /* sentence number in the article, from 1 */
    uint32_t sent_off, sent_len;/* byte span of the sentence in the article */
    char code[8];               /* CAMEO event code, e.g. "194" */
    char root[4];               /* CAMEO root, e.g. "19" */
    int quad;                   /* quad class 1-4 */
    double goldstein;           /* -10 .. +10 */
    struct truce_actor source;  /* source.code[0] == 0: violence reported
                                   without its author (the target is the
                                   victim); JSON null */
    struct truce_actor target;  /* target.code[0] == 0: no target */
    int has_target;
    uint32_t verb_off, verb_len;/* the verb (or light-verb noun) in the text */
    const char *dict_file;      /* dictionary entry that coded the event */
    uint32_t dict_line;
    enum truce_mode mode;
    struct truce_actor claim;   /* who says so; claim.code[0] == 0: nobody */
    int has_claim;
    char date[11];              /* "YYYY-MM-DD", "" when unknown */
    enum truce_date_precision date_precision;
    struct truce_place place;   /* place.name[0] == 0: not placed */
    int has_place;
    const char *text;           /* the article text (sentence is at sent_off) */
    double confidence;          /* 0..1, how sure the coder is */
    unsigned passive : 1;       /* coded from a passive clause */
};

typedef void truce_event_fn(void *ud, const struct truce_event *ev);

/* An article to code. 'text' need not be NUL-terminated and may contain
 * invalid UTF-8 (reported, replaced). */
struct truce_article {
    const char *id;    /* document id, used in events and diagnostics */
    const char *date;  /* "YYYY-MM-DD" or NULL: selects dated actor codes */
    const char *title; /* may be NULL */
    const char *text;
    size_t len;
};

struct truce_coder;

/* A dictionary file in another format (issue 4): the TABARI and
 * PETRARCH verb, actor, agent, discard and issue files. */
enum truce_dict_format {
    TRUCE_DICT_OURS = 0,
    TRUCE_DICT_TABARI,
    TRUCE_DICT_PETRARCH /* PETRARCH-1 or -2 verbs: told apart from the file */
};

enum truce_dict_kind {
    TRUCE_DICT_VERBS = 0,
    TRUCE_DICT_ACTORS,
    TRUCE_DICT_AGENTS,
    TRUCE_DICT_DISCARDS,
    TRUCE_DICT_ISSUES
};

/* Which parser codes: ours, or TABARI's (issue 4), which reads TABARI
 * dictionaries as TABARI did and ignores our own. */
enum truce_engine { TRUCE_ENGINE_TRUCE = 0, TRUCE_ENGINE_TABARI };

struct truce_dict_source {
    const char *path;
    enum truce_dict_format format;
    enum truce_dict_kind kind;
};

struct truce_coder_options {
    const char *dict_dir;   /* folder of our dictionaries; NULL: built-in path */
    truce_diag_fn *diag;    /* may be NULL */
    void *diag_ud;
    const struct truce_dict_source *extra; /* other dictionaries, or NULL */
    size_t n_extra;
    int extra_first;        /* their entries win over ours (else ours win) */
    int no_own;             /* code with the extra dictionaries alone */
    const char *gazetteer;  /* place table (issue 3); NULL: the built one,
                               if any; "" for none */
    int no_context;         /* skip claims, dates and places (the event
                               coder alone: for speed comparisons) */
    enum truce_engine engine; /* TRUCE_ENGINE_TABARI: code 'extra' (TABARI
                               files only) with TABARI's own parse */
    const char *tabari_options; /* TABARI .options file, or NULL */
};

/* Load dictionaries and build a coder. On failure *out is NULL and the
 * diagnostics say why. Returns TRUCE_OK, TRUCE_ENOTFOUND (no dictionary),
 * TRUCE_EDICT (some dictionary lines were unreadable: the coder is still
 * built, *out is set, and the caller decides), TRUCE_ENOMEM. */
TRUCE_API int truce_coder_new(struct truce_coder **out,
                              const struct truce_coder_options *opt);
TRUCE_API void truce_coder_free(struct truce_coder *c);

/* Code one article; 'cb' is called for every event in text order.
 * Returns TRUCE_OK, or TRUCE_EINPUT when the text had problems that were
 * reported and repaired (events are still produced), TRUCE_ELIMIT when it
 * was too long, TRUCE_ENOMEM. */
TRUCE_API int truce_coder_code(struct truce_coder *c,
                               const struct truce_article *a,
                               truce_event_fn *cb, void *ud);

/* Counts of what the coder has loaded, for `truce dict stats`. */
struct truce_dict_stats {
    uint32_t actors, actor_names, agents, verb_families, verb_patterns;
    uint32_t words;      /* interned vocabulary */
    double load_ms;
    /* truce_dict_check()'s lint (each also reported with file:line) */
    uint32_t bad_codes;         /* event codes not in the CAMEO table */
    uint32_t duplicate_names;   /* a name coded differently twice */
    uint32_t overlapping_dates; /* entries whose dated codes overlap */
    uint32_t shadowed_patterns; /* patterns an earlier one always beats */
    uint32_t actors_unexampled; /* actor entries with no example ('>') */
};
TRUCE_API void truce_coder_stats(const struct truce_coder *c,
                                 struct truce_dict_stats *out);

/* What a coder has processed since it was made (for bench/ and logs). */
struct truce_run_stats {
    uint64_t articles, sentences, tokens, events, bytes;
    uint64_t tagged_sentences; /* sentences that went through the tagger */
};
TRUCE_API void truce_coder_run_stats(const struct truce_coder *c,
                                     struct truce_run_stats *out);

/* Read dictionary files of our format ('paths', by their endings .actors,
 * .agents, .verbs; a folder loads every such file in it) on their own,
 * reporting every unreadable line through 'diag', count what loaded, and
 * lint it (codes not in CAMEO: errors; names coded two ways, overlapping
 * date ranges, patterns that can never match: warnings). Returns TRUCE_OK,
 * or TRUCE_EDICT when some lines were unreadable or a code is not CAMEO. */
TRUCE_API int truce_dict_check(const char *const *paths, size_t n,
                               truce_diag_fn *diag, void *ud,
                               struct truce_dict_stats *out);

/* Write 'ev' as one JSON object (no newline) into a caller buffer through
 * 'write'. Keys: doc sent span code root quad goldstein source target
 * text verb mode claim dict confidence. */
typedef int truce_write_fn(void *ud, const char *s, size_t n);
TRUCE_API int truce_event_write_json(const struct truce_event *ev,
                                     truce_write_fn *write, void *ud);

/* Look up a CAMEO event code: root, quad class, Goldstein score and
 * description. Returns TRUCE_ENOTFOUND for an unknown code. */
struct truce_cameo_info {
    const char *code, *description;
    int root, quad;
    double goldstein;
};
TRUCE_API int truce_cameo_lookup(const char *code,
                                 struct truce_cameo_info *out);

#ifdef __cplusplus
}
#endif
#endif
