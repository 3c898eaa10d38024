/*
 * dict_lint.c -- `truce dict check` beyond unreadable lines: event codes
 * that are not in the CAMEO table, one name coded two ways, date ranges
 * of one entry that overlap, and patterns that can never win because an
 * earlier one is the same. Each finding is a diagnostic with file and line.
 */
#include <stdio.h>
#include <string.h>

#include "cameo.h"
#include "dict.h"

static void say(const struct tr_dict *d, enum truce_severity sev,
                uint32_t file, uint32_t line, const char *msg)
{
    if (!d->diag)
        return;
    struct truce_diag dg = {sev, d->files[file], line, 0, msg};
    d->diag(d->diag_ud, &dg);
}

static uint32_t bad_codes(const struct tr_dict *d)
{
    uint32_t n = 0;
    char msg[128];
    for (uint32_t i = 0; i < d->n_patterns; i++) {
        const struct tr_pattern *p = &d->patterns[i];
        if (tr_cameo_find(p->code, strlen(p->code)))
            continue;
        /* a family's members repeat the line: report it once */
        if (i && d->patterns[i - 1].file == p->file &&
            d->patterns[i - 1].line == p->line)
            continue;
        snprintf(msg, sizeof msg, "event code %s is not in the CAMEO table",
                 p->code);
        say(d, TRUCE_ERROR, p->file, p->line, msg);
        n++;
    }
    for (uint32_t i = 0; i < d->n_examples; i++) {
        const struct tr_example *e = &d->examples[i];
        if (tr_cameo_find(e->code, strlen(e->code)))
            continue;
        snprintf(msg, sizeof msg, "example's code %s is not in the CAMEO "
                 "table", e->code);
        say(d, TRUCE_ERROR, e->file, e->line, msg);
        n++;
    }
    return n;
}

static const char *default_code(const struct tr_dict *d, uint32_t actor)
{
    return tr_dict_actor_code(d, actor, TR_DAY_MIN);
}

/* A phrase that two entries code differently: the first one wins, so the
 * second is dead or the two disagree. */
static uint32_t duplicates(const struct tr_dict *d)
{
    uint32_t n = 0;
    char msg[160];
    for (uint32_t node = 0; node < d->n_nodes; node++) {
        uint32_t first = d->nodes[node].actor;
        if (!first)
            continue;
        for (uint32_t a = d->actors[first].next; a; a = d->actors[a].next) {
            if (strcmp(default_code(d, first), default_code(d, a)) == 0)
                continue;
            snprintf(msg, sizeof msg,
                     "a name here is also coded %s at %s:%u; the first "
                     "wins", default_code(d, first),
                     d->files[d->actors[first].file],
                     d->actors[first].line);
            say(d, TRUCE_WARNING, d->actors[a].file, d->actors[a].line, msg);
            n++;
        }
    }
    return n;
}

static uint32_t overlaps(const struct tr_dict *d)
{
    uint32_t n = 0;
    for (uint32_t a = 1; a <= d->n_actors; a++) {
        const struct tr_actor_entry *e = &d->actors[a];
        const struct tr_actor_code *c = &d->codes[e->first_code];
        int found = 0;
        for (uint32_t i = 0; i < e->n_codes && !found; i++)
            for (uint32_t j = i + 1; j < e->n_codes && !found; j++) {
                int dated = c[i].from != TR_DAY_MIN || c[i].to != TR_DAY_MAX;
                int dated2 = c[j].from != TR_DAY_MIN || c[j].to != TR_DAY_MAX;
                found = dated && dated2 && c[i].from <= c[j].to &&
                        c[j].from <= c[i].to;
            }
        if (found) {
            say(d, TRUCE_WARNING, e->file, e->line,
                "two dated codes of this entry overlap; the first wins");
            n++;
        }
    }
    return n;
}

static int same_elements(const struct tr_dict *d, const struct tr_pattern *a,
                         const struct tr_pattern *b)
{
    if (a->verb != b->verb || a->n_el != b->n_el || a->verb_at != b->verb_at)
        return 0;
    for (uint32_t e = 0; e < a->n_el; e++) {
        const struct tr_pel *x = &d->pels[a->first_el + e];
        const struct tr_pel *y = &d->pels[b->first_el + e];
        if (x->kind != y->kind || x->direct != y->direct ||
            x->n_alt != y->n_alt)
            return 0;
        if (x->n_alt && memcmp(d->alts + x->first_alt, d->alts + y->first_alt,
                               x->n_alt * sizeof *d->alts) != 0)
            return 0;
    }
    return 1;
}

/* Patterns of one verb with the same elements and a different code: the
 * later can never be chosen (ties go to the earlier). */
static uint32_t shadowed(const struct tr_dict *d)
{
    uint32_t n = 0;
    char msg[200];
    for (uint32_t v = 0; v < d->n_by_verb_ids; v++) {
        uint32_t count;
        const uint32_t *ids = tr_dict_verb_patterns(d, v, &count);
        for (uint32_t i = 0; i < count; i++)
            for (uint32_t j = i + 1; j < count; j++) {
                const struct tr_pattern *a = &d->patterns[ids[i]];
                const struct tr_pattern *b = &d->patterns[ids[j]];
                if (a->n_words != b->n_words)
                    break; /* sorted by specificity */
                if (strcmp(a->code, b->code) == 0 || !same_elements(d, a, b))
                    continue;
                const struct tr_pattern *late = a->order < b->order ? b : a;
                const struct tr_pattern *early = late == a ? b : a;
                snprintf(msg, sizeof msg,
                         "pattern (%s) can never match for '%s': %s:%u (%s) "
                         "is the same and comes first",
                         late->code, tr_vocab_str(d->vocab, v),
                         d->files[early->file], early->line, early->code);
                say(d, TRUCE_WARNING, late->file, late->line, msg);
                n++;
            }
    }
    return n;
}

void tr_dict_lint(const struct tr_dict *d, struct truce_dict_stats *out)
{
    out->bad_codes = bad_codes(d);
    out->duplicate_names = duplicates(d);
    out->overlapping_dates = overlaps(d);
    out->shadowed_patterns = shadowed(d);
    out->actors_unexampled = 0;
    for (uint32_t a = 1; a <= d->n_actors; a++)
        out->actors_unexampled += d->actors[a].n_examples == 0;
}
