/*
 * monitor.h -- the ceasefire monitor: a ceasefire declared in an INI file
 * (read with libinih), and per day and side the de-duplicated violations,
 * claims, accusations, denials, threats, talks and an escalation index.
 * The definitions are in docs/STORE.md.
 */
#ifndef TR_MONITOR_H
#define TR_MONITOR_H

#include "store.h"

#define TR_MAX_PATTERNS 32
#define TR_MAX_PARTIES 2

struct tr_party {
    char name[64];
    char *patterns[TR_MAX_PATTERNS]; /* owned: actors and backers globs */
    int n_patterns;
};

struct tr_ceasefire {
    char name[128];
    int64_t start, end;  /* days; end TR_DAY_NONE: open */
    char area[8];        /* country code of the area, "" if none */
    struct tr_party party[TR_MAX_PARTIES];
    int n_parties;
};

/* Read 'path' into 'cf' (OUT: its old contents are not freed; release a
 * loaded ceasefire before loading another into it). Bad lines are
 * reported through 'diag' as file:line. Returns
 * TRUCE_OK, TRUCE_EINPUT (unreadable or incomplete: 'cf' is released),
 * TRUCE_ENOTFOUND (built without libinih), TRUCE_ENOMEM. */
int tr_ceasefire_load(struct tr_ceasefire *cf, const char *path,
                      truce_diag_fn *diag, void *ud);
void tr_ceasefire_release(struct tr_ceasefire *cf);

/* The side (0 or 1) an actor code belongs to, or -1: its most specific
 * (longest) matching pattern decides. */
int tr_ceasefire_side(const struct tr_ceasefire *cf, const char *code);

/* One day of one side. "side" did it: its violations, its claims of the
 * other side's violations, its accusations, denials and threats, the talks
 * it took part in, and its escalation index. */
struct tr_monitor_day {
    int64_t day;
    int side;
    long violations, claimed, accusations, denials, threats, talks;
    double escalation;
    int jump; /* violations + threats jumped against the last 7 days */
};

typedef int tr_monitor_fn(void *ud, const struct tr_monitor_day *d);

/* Count from 'cf->start' to its end (or the last stored day) and call 'cb'
 * per day and side, in day order. */
int tr_monitor_run(struct tr_store *s, const struct tr_ceasefire *cf,
                   tr_monitor_fn *cb, void *ud);

#endif
