/*
 * fuzz_ceasefire.c -- the ceasefire file reader (libinih plus our keys):
 * any bytes must load or be reported, never crash, and a loaded ceasefire
 * must answer side lookups. The reader takes a path, so each input goes
 * through a file of this process's own.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "monitor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/truce-fuzz-ceasefire-%ld.ini",
             (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    struct tr_ceasefire cf;
    if (tr_ceasefire_load(&cf, path, NULL, NULL) == TRUCE_OK) {
        if (cf.n_parties < 0 || cf.n_parties > TR_MAX_PARTIES)
            abort();
        int side = tr_ceasefire_side(&cf, "LBYGOV");
        if (side < -1 || side >= cf.n_parties)
            abort();
        tr_ceasefire_release(&cf);
    }
    unlink(path);
    return 0;
}
