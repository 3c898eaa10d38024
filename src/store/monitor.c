/*
 * monitor.c -- the ceasefire monitor (monitor.h). Every count is of event
 * clusters, not reports: a shelling told by ten articles is one violation.
 * The INI file is read with libinih; without it the monitor says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "monitor.h"

/* The build defines TRUCE_HAVE_INIH where it links libinih (pkg-config
 * inih); without it the monitor says it cannot read ceasefire files. */
#ifdef TRUCE_HAVE_INIH
#include <ini.h>
#endif

#define JUMP_BASELINE_DAYS 7

/* ---- the ceasefire file ---- */

struct load_ctx {
    struct tr_ceasefire *cf;
    const char *path;
    truce_diag_fn *diag;
    void *ud;
    int bad;
};

static void load_error(struct load_ctx *c, const char *fmt, const char *a)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, a);
    struct truce_diag d = {TRUCE_ERROR, c->path, 0, 0, msg};
    if (c->diag)
        c->diag(c->ud, &d);
    c->bad = 1;
}

static int add_patterns(struct load_ctx *c, struct tr_party *p,
                        const char *value)
{
    for (const char *v = value; *v;) {
        size_t n = strcspn(v, " \t,");
        if (n && p->n_patterns == TR_MAX_PATTERNS)
            return 0;
        if (n && !(p->patterns[p->n_patterns++] = tr_strndup(v, n)))
            return 0;
        v += n;
        v += strspn(v, " \t,");
    }
    (void)c;
    return 1;
}

static struct tr_party *party(struct tr_ceasefire *cf, const char *name)
{
    for (int i = 0; i < cf->n_parties; i++)
        if (strcmp(cf->party[i].name, name) == 0)
            return &cf->party[i];
    if (cf->n_parties == TR_MAX_PARTIES)
        return NULL;
    struct tr_party *p = &cf->party[cf->n_parties++];
    snprintf(p->name, sizeof p->name, "%s", name);
    return p;
}

static int ceasefire_key(struct load_ctx *c, const char *key,
                         const char *value)
{
    struct tr_ceasefire *cf = c->cf;
    if (strcmp(key, "name") == 0)
        snprintf(cf->name, sizeof cf->name, "%s", value);
    else if (strcmp(key, "area") == 0)
        snprintf(cf->area, sizeof cf->area, "%s", value);
    else if (strcmp(key, "start") == 0 || strcmp(key, "end") == 0) {
        int64_t day = tr_store_day_parse(value);
        if (day == TR_DAY_NONE || strlen(value) != 10)
            return 0;
        *(key[0] == 's' ? &cf->start : &cf->end) = day;
    }
    else
        return 0;
    return 1;
}

/* inih calls this per key; 0 makes ini_parse return the line number. */
static int on_key(void *user, const char *section, const char *key,
                  const char *value)
{
    struct load_ctx *c = user;
    if (strcmp(section, "ceasefire") == 0)
        return ceasefire_key(c, key, value);
    if (strncmp(section, "party ", 6) != 0 || !section[6])
        return 0;
    struct tr_party *p = party(c->cf, section + 6);
    if (!p)
        return 0;
    if (strcmp(key, "actors") == 0 || strcmp(key, "backers") == 0)
        return add_patterns(c, p, value);
    return 0;
}

void tr_ceasefire_release(struct tr_ceasefire *cf)
{
    for (int i = 0; i < cf->n_parties; i++)
        for (int j = 0; j < cf->party[i].n_patterns; j++)
            tr_free(cf->party[i].patterns[j]);
    memset(cf, 0, sizeof *cf);
    cf->start = cf->end = TR_DAY_NONE;
}

static int parse_file(struct load_ctx *c)
{
#ifdef TRUCE_HAVE_INIH
    int line = ini_parse(c->path, on_key, c);
    char where[32];
    snprintf(where, sizeof where, "%d", line);
    if (line < 0)
        load_error(c, "cannot read the ceasefire file%s", "");
    else if (line > 0)
        load_error(c, "line %s: unknown or malformed setting", where);
    return TRUCE_OK;
#else
    (void)on_key;
    load_error(c, "truce was built without libinih; cannot read %s",
               c->path);
    return TRUCE_ENOTFOUND;
#endif
}

int tr_ceasefire_load(struct tr_ceasefire *cf, const char *path,
                      truce_diag_fn *diag, void *ud)
{
    /* 'cf' is an OUT parameter: whatever it held is not ours to free */
    memset(cf, 0, sizeof *cf);
    cf->start = cf->end = TR_DAY_NONE;
    struct load_ctx c = {cf, path, diag, ud, 0};
    int rc = parse_file(&c);
    if (!rc && !c.bad && cf->start == TR_DAY_NONE)
        load_error(&c, "[ceasefire] has no start = YYYY-MM-DD%s", "");
    if (!rc && !c.bad && cf->n_parties != 2)
        load_error(&c, "a ceasefire needs two [party NAME] sections%s", "");
    if (!rc && c.bad)
        rc = TRUCE_EINPUT;
    if (rc)
        tr_ceasefire_release(cf);
    return rc;
}

int tr_ceasefire_side(const struct tr_ceasefire *cf, const char *code)
{
    int side = -1;
    size_t best = 0;
    for (int i = 0; i < cf->n_parties; i++)
        for (int j = 0; j < cf->party[i].n_patterns; j++) {
            const char *pat = cf->party[i].patterns[j];
            if (tr_store_glob(pat, code) && strlen(pat) + 1 > best) {
                best = strlen(pat) + 1;
                side = i;
            }
        }
    return side;
}

/* ---- counting ---- */

struct tally {
    const struct tr_ceasefire *cf;
    int64_t first;
    long n_days;
    struct tr_monitor_day *days; /* [n_days][2] */
};

static int root_is(const struct tr_event_row *r, const char *root)
{
    return strcmp(r->root, root) == 0;
}

static int prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* CAMEO 18-20 (assault, fight, mass violence); 196 is inside 19. */
static int is_violation(const struct tr_event_row *r)
{
    return root_is(r, "18") || root_is(r, "19") || root_is(r, "20") ||
           strcmp(r->code, "196") == 0;
}

/* A 15x force posture by one side against the other or into the area. */
static int is_force_move(const struct tally *t, const struct tr_event_row *r,
                         int src, int tgt)
{
    if (!root_is(r, "15") || src < 0)
        return 0;
    return tgt == 1 - src ||
           (t->cf->area[0] && prefix(r->target_code, t->cf->area));
}

static void count_asserted(struct tr_monitor_day *d,
                           const struct tr_event_row *r, int src, int tgt)
{
    int between = src >= 0 && tgt == 1 - src;
    if (between && is_violation(r))
        d[src].violations++;
    if (between && prefix(r->code, "112"))
        d[src].accusations++;
    if (src >= 0 && prefix(r->code, "016"))
        d[src].denials++;
    if (between && root_is(r, "13"))
        d[src].threats++;
    if (root_is(r, "04") || strcmp(r->code, "036") == 0) {
        if (src >= 0)
            d[src].talks++;
        if (tgt >= 0 && tgt != src)
            d[tgt].talks++;
    }
    if (between)
        d[src].escalation -= r->goldstein;
}

static int count_row(void *ud, const struct tr_event_row *r)
{
    struct tally *t = ud;
    int64_t i = r->day - t->first;
    if (r->day == TR_DAY_NONE || i < 0 || i >= t->n_days)
        return 0;
    struct tr_monitor_day *d = &t->days[i * 2];
    int src = tr_ceasefire_side(t->cf, r->source_code);
    int tgt = tr_ceasefire_side(t->cf, r->target_code);
    int claimant = tr_ceasefire_side(t->cf, r->claim_code);
    if (strcmp(r->mode, "asserted") == 0) {
        count_asserted(d, r, src, tgt);
        if (is_force_move(t, r, src, tgt)) {
            d[src].violations++;
            if (tgt != 1 - src)
                d[src].escalation -= r->goldstein;
        }
    }
    else if (strcmp(r->mode, "threatened") == 0 && src >= 0 &&
             tgt == 1 - src)
        d[src].threats++;
    else if (strcmp(r->mode, "claimed") == 0 && src >= 0 &&
             (tgt == 1 - src || claimant == 1 - src)) {
        if (is_violation(r) && claimant == 1 - src)
            d[claimant].claimed++;
        d[src].escalation -= 0.5 * r->goldstein;
    }
    return 0;
}

/* A day jumps when violations + threats reach 2 and at least twice the
 * mean of the previous days (up to 7) plus one. */
static void mark_jumps(struct tally *t)
{
    for (int side = 0; side < 2; side++)
        for (long i = 0; i < t->n_days; i++) {
            double base = 0;
            long n = 0;
            for (long j = i - 1; j >= 0 && n < JUMP_BASELINE_DAYS; j--, n++)
                base += (double)(t->days[j * 2 + side].violations +
                                 t->days[j * 2 + side].threats);
            struct tr_monitor_day *d = &t->days[i * 2 + side];
            double v = (double)(d->violations + d->threats);
            base = n ? base / (double)n : 0;
            d->jump = v >= 2 && v >= 2 * base + 1;
        }
}

static int tally_days(struct tr_store *s, struct tally *t, int64_t last)
{
    t->n_days = (long)(last - t->first + 1);
    t->days = tr_calloc((size_t)t->n_days * 2, sizeof *t->days);
    if (!t->days)
        return TRUCE_ENOMEM;
    for (long i = 0; i < t->n_days * 2; i++) {
        t->days[i].day = t->first + i / 2;
        t->days[i].side = (int)(i % 2);
    }
    struct tr_query q = {0};
    q.from_day = t->first;
    q.to_day = last;
    q.one_per_cluster = 1;
    int rc = tr_store_query(s, &q, count_row, t);
    if (!rc)
        mark_jumps(t);
    return rc;
}

int tr_monitor_run(struct tr_store *s, const struct tr_ceasefire *cf,
                   tr_monitor_fn *cb, void *ud)
{
    int64_t first, last;
    int rc = s->ops->day_range(s, &first, &last);
    if (rc)
        return rc;
    if (cf->end != TR_DAY_NONE)
        last = cf->end;
    if (last == TR_DAY_NONE || last < cf->start)
        last = cf->start;
    if (last - cf->start > 3660) {
        tr_store_diag(s, "the ceasefire spans more than ten years of "
                      "events; give it an end date");
        return TRUCE_ELIMIT;
    }
    struct tally t = {cf, cf->start, 0, NULL};
    rc = tally_days(s, &t, last);
    for (long i = 0; !rc && i < t.n_days * 2; i++)
        rc = cb(ud, &t.days[i]);
    tr_free(t.days);
    return rc;
}
