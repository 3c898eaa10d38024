/*
 * status.c -- status texts, generated from TRUCE_STATUS_MAP so the enum and
 * the texts cannot drift apart.
 */
#include "internal.h"

const char *truce_strerror(int status)
{
    switch (status) {
    case TRUCE_OK:
        return "ok";
#define STATUS_CASE(name, value, text) \
    case TRUCE_##name:                 \
        return text;
        TRUCE_STATUS_MAP(STATUS_CASE)
#undef STATUS_CASE
    default:
        return "unknown status";
    }
}

const char *truce_mode_name(enum truce_mode m)
{
    static const char *const names[] = {"asserted",    "claimed",
                                        "negated",     "conditional",
                                        "intended",    "threatened"};
    if ((unsigned)m >= TR_ARRAY_LEN(names))
        return "asserted";
    return names[m];
}

void tr_diag_report(truce_diag_fn *diag, void *ud, enum truce_severity sev,
                    const char *file, uint64_t line, const char *msg)
{
    if (!diag)
        return;
    struct truce_diag d = {sev, file, line, 0, msg};
    diag(ud, &d);
}
