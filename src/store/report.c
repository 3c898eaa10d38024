/*
 * report.c -- the HTML report (report.h): per-side timeline and escalation
 * line (when a ceasefire is given), claims against asserted events per
 * day, the dyad network, placed events, and the event table with each
 * event's sentence and sources. Counts are of event clusters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"

#define MAX_DYADS 256
#define MAX_NODES 16
#define CHART_W 760
#define CHART_H 180

struct dyad {
    char source[32], target[32];
    long n;
};

struct placed {
    double lat, lon;
};

struct report {
    const struct tr_report_options *o;
    FILE *out;
    int64_t first, last; /* day range of the charts */
    long n_days;
    long *asserted, *claimed; /* per day */
    struct dyad dyads[MAX_DYADS];
    int n_dyads;
    long rows;
};

/* ---- HTML ---- */

static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else if (*s == '"')
            fputs("&quot;", f);
        else
            fputc(*s, f);
    }
}

static const char STYLE[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}"
    "table{border-collapse:collapse;font-size:.85em}"
    "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}"
    "th{background:#eee}.axis{stroke:#999}.lbl{font-size:11px;fill:#555}"
    ".s0{stroke:#1f77b4;fill:#1f77b4}.s1{stroke:#d62728;fill:#d62728}"
    ".s2{stroke:#7f7f7f;fill:#7f7f7f}.line{fill:none;stroke-width:2}"
    ".legend span{margin-right:1.5em}.legend .s0{color:#1f77b4}"
    ".legend .s1{color:#d62728}";

static void head(struct report *r, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>", r->out);
    esc(r->out, title);
    fprintf(r->out, "</title><style>%s</style></head><body><h1>", STYLE);
    esc(r->out, title);
    fputs("</h1>\n", r->out);
}

/* ---- charts ---- */

static double x_of(const struct report *r, long i)
{
    return 40.0 + (r->n_days > 1 ? (double)i * (CHART_W - 60) /
                                       (double)(r->n_days - 1)
                                 : 0.0);
}

static void axes(struct report *r, double lo, double hi)
{
    char a[11], b[11];
    tr_store_day_format(r->first, a);
    tr_store_day_format(r->last, b);
    fprintf(r->out,
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "role=\"img\"><line class=\"axis\" x1=\"40\" y1=\"%d\" "
            "x2=\"%d\" y2=\"%d\"/><line class=\"axis\" x1=\"40\" y1=\"10\" "
            "x2=\"40\" y2=\"%d\"/><text class=\"lbl\" x=\"40\" y=\"%d\">%s"
            "</text><text class=\"lbl\" x=\"%d\" y=\"%d\" "
            "text-anchor=\"end\">%s</text><text class=\"lbl\" x=\"35\" "
            "y=\"14\" text-anchor=\"end\">%.0f</text><text class=\"lbl\" "
            "x=\"35\" y=\"%d\" text-anchor=\"end\">%.0f</text>\n",
            CHART_W, CHART_H + 20, CHART_W, CHART_H + 20, CHART_H, CHART_W - 20,
            CHART_H, CHART_H, CHART_H + 15, a, CHART_W - 20, CHART_H + 15, b,
            hi, CHART_H, lo);
}

static double y_of(double v, double lo, double hi)
{
    return CHART_H - (v - lo) / (hi - lo) * (CHART_H - 10);
}

/* One polyline per series; 'v' holds n_series x n_days values. */
static void line_chart(struct report *r, const double *v, int n_series,
                       const char *const *names)
{
    double lo = 0, hi = 1;
    for (long i = 0; i < r->n_days * n_series; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    fputs("<p class=\"legend\">", r->out);
    for (int s = 0; s < n_series; s++) {
        fprintf(r->out, "<span class=\"s%d\" style=\"fill:none\">&#9632; ",
                s);
        esc(r->out, names[s]);
        fputs("</span>", r->out);
    }
    fputs("</p>", r->out);
    axes(r, lo, hi);
    for (int s = 0; s < n_series; s++) {
        fprintf(r->out, "<polyline class=\"line s%d\" points=\"", s);
        for (long i = 0; i < r->n_days; i++)
            fprintf(r->out, "%.1f,%.1f ", x_of(r, i),
                    y_of(v[s * r->n_days + i], lo, hi));
        fputs("\"/>\n", r->out);
        for (long i = 0; i < r->n_days; i++)
            fprintf(r->out, "<circle class=\"s%d\" cx=\"%.1f\" cy=\"%.1f\" "
                    "r=\"2.5\"/>", s, x_of(r, i),
                    y_of(v[s * r->n_days + i], lo, hi));
    }
    fputs("</svg>\n", r->out);
}

/* ---- per-side charts from the monitor ---- */

struct sides {
    struct report *r;
    double *violations, *escalation; /* [2][n_days] */
};

static int on_day(void *ud, const struct tr_monitor_day *d)
{
    struct sides *s = ud;
    long i = (long)(d->day - s->r->first);
    if (i < 0 || i >= s->r->n_days)
        return 0;
    s->violations[d->side * s->r->n_days + i] =
        (double)(d->violations + d->threats);
    s->escalation[d->side * s->r->n_days + i] = d->escalation;
    return 0;
}

static int side_charts(struct report *r, struct tr_store *st)
{
    const struct tr_ceasefire *cf = r->o->cf;
    struct sides s = {r, tr_calloc((size_t)r->n_days * 2, sizeof(double)),
                      tr_calloc((size_t)r->n_days * 2, sizeof(double))};
    int rc = s.violations && s.escalation ? TRUCE_OK : TRUCE_ENOMEM;
    struct tr_ceasefire window = *cf;
    window.start = r->first;
    window.end = r->last;
    if (!rc)
        rc = tr_monitor_run(st, &window, on_day, &s);
    const char *names[2] = {cf->party[0].name, cf->party[1].name};
    if (!rc) {
        fputs("<h2>Violations and threats per day, by side</h2>", r->out);
        line_chart(r, s.violations, 2, names);
        fputs("<h2>Escalation index per side</h2>", r->out);
        line_chart(r, s.escalation, 2, names);
    }
    tr_free(s.violations);
    tr_free(s.escalation);
    return rc;
}

static int claims_chart(struct report *r)
{
    double *v = tr_calloc((size_t)r->n_days * 2, sizeof *v);
    if (!v)
        return TRUCE_ENOMEM;
    for (long i = 0; i < r->n_days; i++) {
        v[i] = (double)r->asserted[i];
        v[r->n_days + i] = (double)r->claimed[i];
    }
    const char *names[] = {"asserted", "claimed"};
    fputs("<h2>Claims and asserted events per day</h2>", r->out);
    line_chart(r, v, 2, names);
    tr_free(v);
    return TRUCE_OK;
}

/* ---- dyad network ---- */

static int node_of(char nodes[][32], int *n, const char *code)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(nodes[i], code) == 0)
            return i;
    if (*n == MAX_NODES)
        return -1;
    snprintf(nodes[*n], 32, "%s", code);
    return (*n)++;
}

static int by_count(const void *a, const void *b)
{
    long x = ((const struct dyad *)a)->n, y = ((const struct dyad *)b)->n;
    return (x < y) - (x > y);
}

static void network(struct report *r)
{
    char nodes[MAX_NODES][32];
    int n = 0, idx[MAX_DYADS][2];
    qsort(r->dyads, (size_t)r->n_dyads, sizeof r->dyads[0], by_count);
    for (int i = 0; i < r->n_dyads; i++) {
        idx[i][0] = node_of(nodes, &n, r->dyads[i].source);
        idx[i][1] = node_of(nodes, &n, r->dyads[i].target);
    }
    fputs("<h2>Dyad network (who acts on whom; line width: events)</h2>"
          "<svg width=\"520\" height=\"440\" viewBox=\"0 0 520 440\" "
          "role=\"img\">\n", r->out);
    double px[MAX_NODES], py[MAX_NODES];
    for (int i = 0; i < n; i++) {
        double a = 2 * 3.14159265358979 * i / (n ? n : 1);
        px[i] = 260 + 170 * cos(a);
        py[i] = 220 + 170 * sin(a);
    }
    for (int i = 0; i < r->n_dyads; i++) {
        if (idx[i][0] < 0 || idx[i][1] < 0)
            continue;
        double w = 1 + 1.5 * log((double)r->dyads[i].n);
        fprintf(r->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                "y2=\"%.1f\" stroke=\"#888\" stroke-opacity=\"0.6\" "
                "stroke-width=\"%.1f\"><title>%s &#8594; %s: %ld</title>"
                "</line>\n", px[idx[i][0]], py[idx[i][0]], px[idx[i][1]],
                py[idx[i][1]], w, r->dyads[i].source, r->dyads[i].target,
                r->dyads[i].n);
    }
    for (int i = 0; i < n; i++) {
        fprintf(r->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" "
                "fill=\"#2ca02c\"/><text class=\"lbl\" x=\"%.1f\" "
                "y=\"%.1f\" text-anchor=\"middle\">", px[i], py[i], px[i],
                py[i] - 10);
        esc(r->out, nodes[i]);
        fputs("</text>\n", r->out);
    }
    fputs("</svg>\n", r->out);
}

/* ---- gathering ---- */

static void add_dyad(struct report *r, const struct tr_event_row *row)
{
    const char *t = *row->target_code ? row->target_code : "(none)";
    for (int i = 0; i < r->n_dyads; i++)
        if (strcmp(r->dyads[i].source, row->source_code) == 0 &&
            strcmp(r->dyads[i].target, t) == 0) {
            r->dyads[i].n++;
            return;
        }
    if (r->n_dyads == MAX_DYADS)
        return;
    struct dyad *d = &r->dyads[r->n_dyads++];
    snprintf(d->source, sizeof d->source, "%s", row->source_code);
    snprintf(d->target, sizeof d->target, "%s", t);
    d->n = 1;
}

static int gather(void *ud, const struct tr_event_row *row)
{
    struct report *r = ud;
    long i = (long)(row->day - r->first);
    if (row->day != TR_DAY_NONE && i >= 0 && i < r->n_days) {
        if (strcmp(row->mode, "claimed") == 0)
            r->claimed[i]++;
        else if (strcmp(row->mode, "asserted") == 0)
            r->asserted[i]++;
    }
    add_dyad(r, row);
    return 0;
}

/* ---- the event table ---- */

static void cell(FILE *f, const char *s)
{
    fputs("<td>", f);
    esc(f, s);
    fputs("</td>", f);
}

static int table_row(void *ud, const struct tr_event_row *row)
{
    struct report *r = ud;
    if (r->rows++ >= r->o->max_rows)
        return 0;
    FILE *f = r->out;
    fputs("<tr>", f);
    cell(f, row->date);
    cell(f, row->code);
    cell(f, row->source_code);
    cell(f, row->target_code);
    cell(f, row->mode);
    cell(f, row->place_name);
    fprintf(f, "<td>%lld (%lld source%s)</td>", (long long)row->n_reports,
            (long long)row->n_sources, row->n_sources == 1 ? "" : "s");
    cell(f, row->sentence);
    fputs("<td>", f);
    esc(f, *row->article_source ? row->article_source : row->doc);
    fputs("</td></tr>\n", f);
    return 0;
}

static int event_table(struct report *r, struct tr_store *s,
                       const struct tr_query *q)
{
    fprintf(r->out, "<h2>Events (one row per real event, first %ld)</h2>"
            "<table><tr><th>date</th><th>code</th><th>source</th>"
            "<th>target</th><th>mode</th><th>place</th><th>reports</th>"
            "<th>sentence</th><th>first report</th></tr>\n",
            r->o->max_rows);
    int rc = tr_store_query(s, q, table_row, r);
    fputs("</table>\n", r->out);
    return rc;
}

static void places(struct report *r)
{
    fputs("<h2>Placed events</h2><p>Events carry a place once the coder "
          "finds one (issue 3); the table's place column lists them.</p>",
          r->out);
}

static int write_all(struct report *r, struct tr_store *s)
{
    struct tr_query q = {0};
    q.from_day = r->first;
    q.to_day = r->last;
    q.one_per_cluster = 1;
    int rc = tr_store_query(s, &q, gather, r);
    if (rc)
        return rc;
    head(r, r->o->cf ? r->o->cf->name : "truce event report");
    if (r->o->cf)
        rc = side_charts(r, s);
    if (!rc)
        rc = claims_chart(r);
    if (!rc) {
        network(r);
        places(r);
        rc = event_table(r, s, &q);
    }
    fputs("</body></html>\n", r->out);
    return rc;
}

int tr_report_write(struct tr_store *s, const struct tr_report_options *o,
                    FILE *out)
{
    struct report r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.out = out;
    int rc = s->ops->day_range(s, &r.first, &r.last);
    if (rc)
        return rc;
    if (o->from_day != TR_DAY_NONE)
        r.first = o->from_day;
    if (o->to_day != TR_DAY_NONE)
        r.last = o->to_day;
    if (r.first == TR_DAY_NONE || r.last < r.first)
        r.first = r.last = 0;
    if (r.last - r.first > 3660)
        r.first = r.last - 3660; /* ten years at most in the charts */
    r.n_days = (long)(r.last - r.first + 1);
    r.asserted = tr_calloc((size_t)r.n_days, sizeof(long));
    r.claimed = tr_calloc((size_t)r.n_days, sizeof(long));
    rc = r.asserted && r.claimed ? write_all(&r, s) : TRUCE_ENOMEM;
    tr_free(r.asserted);
    tr_free(r.claimed);
    if (!rc && ferror(out))
        rc = TRUCE_EIO;
    return rc;
}
