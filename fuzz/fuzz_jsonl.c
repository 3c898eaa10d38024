/*
 * fuzz_jsonl.c -- the JSON Lines input path: the bounded line reader
 * (small limit, so long lines are exercised) and jansson's record parse,
 * as `truce code --input jsonl` uses them.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f)
        return 0;
    if (!size)
        fgetc(f);
    struct tr_lines lr;
    tr_lines_init(&lr, f, 256);
    const char *line;
    size_t n;
    int st;
    uint64_t last = 0;
    while ((st = tr_lines_next(&lr, &line, &n)) != TR_LINE_EOF) {
        if (lr.lineno <= last)
            abort(); /* line numbers must move forward */
        last = lr.lineno;
        if (st == TR_LINE_ERROR)
            break;
        if (st != TR_LINE_OK)
            continue;
        if (n > 256)
            abort();
        json_error_t err;
        json_t *rec = json_loadb(line, n, 0, &err);
        if (rec) {
            json_t *text = json_object_get(rec, "text");
            if (json_is_string(text))
                (void)json_string_length(text);
            json_decref(rec);
        }
    }
    tr_lines_release(&lr);
    fclose(f);
    return 0;
}
