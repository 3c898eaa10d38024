/*
 * json_out.c -- one event as one JSON object, written with jansson so that
 * escaping and number formatting are a well-kept library's job. The keys
 * are the event record of DESIGN.md.
 */
#include <jansson.h>
#include <string.h>

#include "internal.h"

/* "verbs/19-fight.verbs": the last two parts of a dictionary path. */
static const char *short_path(const char *path)
{
    const char *last = strrchr(path, '/');
    if (!last)
        return path;
    const char *p = last;
    while (p > path && p[-1] != '/')
        p--;
    return p;
}

static json_t *actor_json(const char *text, const struct truce_actor *a)
{
    /* a claim by a speaker no dictionary codes ("the minister said") has
     * text but no code */
    return json_pack("{s:o, s:s%}", "code",
                     a->code[0] ? json_string(a->code) : json_null(), "text",
                     text + a->off, (size_t)a->len);
}

static const char *precision_name(enum truce_date_precision p)
{
    static const char *const NAMES[] = {NULL, "day", "week", "month", "year"};
    return (unsigned)p < TR_ARRAY_LEN(NAMES) ? NAMES[p] : NULL;
}

static json_t *place_json(const struct truce_event *ev)
{
    if (!ev->has_place)
        return json_null();
    return json_pack("{s:s, s:s, s:s, s:f, s:f}", "name", ev->place.name,
                     "country", ev->place.country, "admin1",
                     ev->place.admin1, "lat", ev->place.lat, "lon",
                     ev->place.lon);
}

static json_t *event_json(const struct truce_event *ev)
{
    char dict[512];
    snprintf(dict, sizeof dict, "%s:%u",
             ev->dict_file ? short_path(ev->dict_file) : "", ev->dict_line);
    json_t *target = ev->has_target ? actor_json(ev->text, &ev->target)
                                    : json_null();
    json_t *claim = ev->has_claim ? actor_json(ev->text, &ev->claim)
                                  : json_null();
    const char *prec = precision_name(ev->date_precision);
    json_t *date = ev->date[0] ? json_string(ev->date) : json_null();
    json_t *precision = prec ? json_string(prec) : json_null();
    return json_pack(
        "{s:s, s:I, s:[I,I], s:s, s:s, s:i, s:f, s:o, s:o, s:s%, s:s%,"
        " s:s, s:o, s:o, s:o, s:o, s:s, s:f}",
        "doc", ev->doc ? ev->doc : "", "sent", (json_int_t)ev->sent, "span",
        (json_int_t)ev->sent_off, (json_int_t)(ev->sent_off + ev->sent_len),
        "code", ev->code, "root", ev->root, "quad", ev->quad, "goldstein",
        ev->goldstein, "source",
        ev->source.code[0] ? actor_json(ev->text, &ev->source) : json_null(),
        "target",
        target, "text", ev->text + ev->sent_off, (size_t)ev->sent_len, "verb",
        ev->text + ev->verb_off, (size_t)ev->verb_len, "mode",
        truce_mode_name(ev->mode), "claim", claim, "date", date,
        "date_precision", precision, "place", place_json(ev), "dict", dict,
        "confidence", ev->confidence);
}

struct sink {
    truce_write_fn *write;
    void *ud;
};

static int dump_cb(const char *buffer, size_t size, void *data)
{
    struct sink *s = data;
    return s->write(s->ud, buffer, size) ? -1 : 0;
}

int truce_event_write_json(const struct truce_event *ev, truce_write_fn *write,
                           void *ud)
{
    json_t *obj = event_json(ev);
    if (!obj)
        return TRUCE_ENOMEM;
    struct sink s = {write, ud};
    int rc = json_dump_callback(obj, dump_cb, &s,
                                JSON_COMPACT | JSON_REAL_PRECISION(3));
    json_decref(obj);
    return rc ? TRUCE_EIO : TRUCE_OK;
}
