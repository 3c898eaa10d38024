/*
 * worldmap.c -- the map's background (worldmap.h). The outlines are C
 * arrays made at build time by tr_mkworldmap (tools/mkworldmap.c) into
 * worldmap_data.inc; the build defines TRUCE_HAVE_WORLDMAP when it made
 * them. Points are hundredths of a degree, each ring's first point
 * absolute and the others as steps. Each ring is thinned to the view as it
 * is written: a point closer than MIN_STEP_PX to the last one written is
 * left out, so a zoomed-out map stays small.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "worldmap.h"

#define MIN_SPAN 12.0     /* degrees: a place shows its region */
#define MIN_RATIO 0.40    /* height / width */
#define MAX_RATIO 0.75
#define MAX_PARALLEL 60.0 /* standard parallel at most this far north/south */
#define MIN_STEP_PX 0.8
#define MAX_LINES 8       /* graticule lines across the view, at most */

struct worldmap_ring {
    uint32_t first, n; /* points WORLDMAP_XY[2 * first ..] */
};

struct worldmap_country {
    const char *code, *name;
    uint32_t first_ring, n_rings;
    int32_t box[4]; /* west, south, east, north in hundredths */
};

#ifdef TRUCE_HAVE_WORLDMAP
#include "worldmap_data.inc"
static size_t n_countries(void)
{
    return TR_ARRAY_LEN(WORLDMAP_COUNTRIES);
}
#else
/* Built without the atlas: the map is a graticule. */
#define WORLDMAP_SOURCE ""
static const struct worldmap_country *const WORLDMAP_COUNTRIES = NULL;
static const struct worldmap_ring *const WORLDMAP_RINGS = NULL;
static const int16_t *const WORLDMAP_XY = NULL;
static size_t n_countries(void)
{
    return 0;
}
#endif

static const double DEG = 3.14159265358979323846 / 180.0;

const char *tr_worldmap_source(void)
{
    return WORLDMAP_SOURCE;
}

/* ---- the view ---- */

static void widen(double *lo, double *hi, double span)
{
    if (*hi - *lo >= span)
        return;
    double mid = (*lo + *hi) / 2;
    *lo = mid - span / 2;
    *hi = mid + span / 2;
}

/* Move [lo, hi] inside [min, max], cutting it only when it is wider. */
static void keep_inside(double *lo, double *hi, double min, double max)
{
    if (*hi - *lo >= max - min) {
        *lo = min;
        *hi = max;
    } else if (*lo < min) {
        *hi += min - *lo;
        *lo = min;
    } else if (*hi > max) {
        *lo -= *hi - max;
        *hi = max;
    }
}

static double parallel_stretch(double south, double north)
{
    double mid = (south + north) / 2;
    if (mid > MAX_PARALLEL)
        mid = MAX_PARALLEL;
    if (mid < -MAX_PARALLEL)
        mid = -MAX_PARALLEL;
    return cos(mid * DEG);
}

void tr_worldmap_fit(struct tr_worldmap_view *v, double west, double south,
                     double east, double north, int width)
{
    double pad_x = 0.15 * (east - west) + 1.0;
    double pad_y = 0.15 * (north - south) + 1.0;
    west -= pad_x, east += pad_x, south -= pad_y, north += pad_y;
    widen(&west, &east, MIN_SPAN);
    widen(&south, &north, MIN_SPAN);
    double stretch = parallel_stretch(south, north);
    double ratio = (north - south) / ((east - west) * stretch);
    if (ratio > MAX_RATIO)
        widen(&west, &east, (north - south) / (stretch * MAX_RATIO));
    else if (ratio < MIN_RATIO)
        widen(&south, &north, (east - west) * stretch * MIN_RATIO);
    keep_inside(&west, &east, -180, 180);
    keep_inside(&south, &north, -85, 85);
    v->west = west, v->east = east, v->south = south, v->north = north;
    v->stretch = parallel_stretch(south, north);
    v->width = width;
    v->scale = width / (east - west);
    double h = (north - south) * v->scale / v->stretch;
    v->height = (int)lround(h < 2.0 * width ? h : 2.0 * width);
}

void tr_worldmap_xy(const struct tr_worldmap_view *v, double lon,
                    double lat, double *x, double *y)
{
    *x = (lon - v->west) * v->scale;
    *y = (v->north - lat) * v->scale / v->stretch;
}

/* ---- outlines ---- */

static int in_view(const struct tr_worldmap_view *v, const int32_t box[4])
{
    return box[0] <= v->east * 100 && box[2] >= v->west * 100 &&
           box[1] <= v->north * 100 && box[3] >= v->south * 100;
}

/* Step to point k of the ring; (x, y) starts at (0, 0), as the first
 * point is absolute. */
static void ring_point(const struct worldmap_ring *r, uint32_t k,
                       int32_t *x, int32_t *y)
{
    *x += WORLDMAP_XY[2 * (r->first + k)];
    *y += WORLDMAP_XY[2 * (r->first + k) + 1];
}

/* The ring's size on the map in pixels; rings under a pixel are not
 * drawn. */
static double ring_extent(const struct tr_worldmap_view *v,
                          const struct worldmap_ring *r)
{
    int32_t x = 0, y = 0, box[4] = {INT32_MAX, INT32_MAX, INT32_MIN,
                                    INT32_MIN};
    for (uint32_t k = 0; k < r->n; k++) {
        ring_point(r, k, &x, &y);
        box[0] = x < box[0] ? x : box[0];
        box[1] = y < box[1] ? y : box[1];
        box[2] = x > box[2] ? x : box[2];
        box[3] = y > box[3] ? y : box[3];
    }
    if (!in_view(v, box))
        return 0;
    double w = (box[2] - box[0]) / 100.0 * v->scale;
    double h = (box[3] - box[1]) / 100.0 * v->scale / v->stretch;
    return w > h ? w : h;
}

static void ring_path(FILE *out, const struct tr_worldmap_view *v,
                      const struct worldmap_ring *r)
{
    int32_t x = 0, y = 0;
    double last_x = 0, last_y = 0;
    for (uint32_t k = 0; k < r->n; k++) {
        double px, py;
        ring_point(r, k, &x, &y);
        tr_worldmap_xy(v, x / 100.0, y / 100.0, &px, &py);
        if (k && k + 1 < r->n && fabs(px - last_x) < MIN_STEP_PX &&
            fabs(py - last_y) < MIN_STEP_PX)
            continue;
        /* After "M", further pairs are line-tos: no "L" needed. */
        fprintf(out, k ? " %.1f %.1f" : "M%.1f %.1f", px, py);
        last_x = px, last_y = py;
    }
    fputc('z', out);
}

static int is_shaded(const char *code, const char *const *shade, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (*code && strcmp(code, shade[i]) == 0)
            return 1;
    return 0;
}

/* Country names are ours (the atlas, compiled in), but stay safe in XML. */
static void put_name(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '<')
            fputs("&lt;", out);
        else
            fputc(*s, out);
    }
}

static int country_path(FILE *out, const struct tr_worldmap_view *v,
                        const struct worldmap_country *c, int shaded)
{
    int drawn = 0;
    for (uint32_t i = 0; i < c->n_rings; i++) {
        const struct worldmap_ring *r = &WORLDMAP_RINGS[c->first_ring + i];
        if (ring_extent(v, r) < 1.0)
            continue;
        if (!drawn++)
            fprintf(out, "<path%s d=\"", shaded ? " fill=\"#e9dcb8\"" : "");
        ring_path(out, v, r);
    }
    if (drawn) {
        fputs("\"><title>", out);
        put_name(out, c->name);
        fputs("</title></path>\n", out);
    }
    return drawn > 0;
}

static int outlines(FILE *out, const struct tr_worldmap_view *v,
                    const char *const *shade, size_t n_shade)
{
    int n = 0;
    fputs("<g fill=\"#f6f2e6\" stroke=\"#a89f8a\" stroke-width=\"0.6\" "
          "stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n", out);
    for (size_t i = 0; i < n_countries(); i++) {
        const struct worldmap_country *c = &WORLDMAP_COUNTRIES[i];
        if (in_view(v, c->box))
            n += country_path(out, v, c,
                              is_shaded(c->code, shade, n_shade));
    }
    fputs("</g>\n", out);
    return n;
}

/* ---- graticule ---- */

static double graticule_step(const struct tr_worldmap_view *v)
{
    static const double steps[] = {1, 2, 5, 10, 15, 30, 45};
    double span = v->east - v->west;
    for (size_t i = 0; i < TR_ARRAY_LEN(steps); i++)
        if (span / steps[i] <= MAX_LINES)
            return steps[i];
    return 60;
}

static void degrees_label(FILE *out, double deg, const char *pos,
                          const char *neg)
{
    fprintf(out, "%g&#176;%s", fabs(deg), deg > 0 ? pos : deg < 0 ? neg : "");
}

static void graticule(FILE *out, const struct tr_worldmap_view *v)
{
    double step = graticule_step(v), x, y;
    fputs("<g stroke=\"#9fb6c8\" stroke-width=\"0.5\" "
          "stroke-dasharray=\"2 3\">\n", out);
    for (double lon = ceil(v->west / step) * step; lon <= v->east;
         lon += step) {
        tr_worldmap_xy(v, lon, 0, &x, &y);
        fprintf(out, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\"/>",
                x, x, v->height);
    }
    for (double lat = ceil(v->south / step) * step; lat <= v->north;
         lat += step) {
        tr_worldmap_xy(v, 0, lat, &x, &y);
        fprintf(out, "<line x1=\"0\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                y, v->width, y);
    }
    fputs("\n</g>\n", out);
    for (double lon = ceil(v->west / step) * step; lon <= v->east;
         lon += step) {
        tr_worldmap_xy(v, lon, 0, &x, &y);
        if (x < 16 || x > v->width - 16)
            continue; /* a label cut by the edge */
        fprintf(out, "<text class=\"lbl\" x=\"%.1f\" y=\"%d\" "
                "text-anchor=\"middle\">", x, v->height - 4);
        degrees_label(out, lon, "E", "W");
        fputs("</text>", out);
    }
    for (double lat = ceil(v->south / step) * step; lat <= v->north;
         lat += step) {
        tr_worldmap_xy(v, 0, lat, &x, &y);
        if (y < 14 || y > v->height - 16)
            continue;
        fprintf(out, "<text class=\"lbl\" x=\"4\" y=\"%.1f\">", y - 3);
        degrees_label(out, lat, "N", "S");
        fputs("</text>", out);
    }
    fputc('\n', out);
}

int tr_worldmap_background(FILE *out, const struct tr_worldmap_view *v,
                           const char *const *shade, size_t n_shade)
{
    fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#dfeaf2\"/>\n",
            v->width, v->height);
    int n = outlines(out, v, shade, n_shade);
    graticule(out, v);
    return n;
}
