/*
 * dict_check.c -- `truce dict check`: load dictionary files on their own,
 * without a coder, so each unreadable line is reported and the rest is
 * counted.
 */
#include <string.h>
#include <sys/stat.h>

#include "dict.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int truce_dict_check(const char *const *paths, size_t n, truce_diag_fn *diag,
                     void *ud, struct truce_dict_stats *out)
{
    struct tr_vocab vocab;
    struct tr_dict dict;
    tr_vocab_init(&vocab);
    tr_dict_init(&dict, &vocab, diag, ud);
    int bad = 0, rc = TRUCE_OK;
    for (size_t i = 0; i < n && (!rc || rc == TRUCE_EDICT); i++) {
        rc = is_dir(paths[i]) ? tr_dict_load_dir(&dict, paths[i])
                              : tr_dict_load_file(&dict, paths[i]);
        if (rc)
            bad = 1;
    }
    memset(out, 0, sizeof *out);
    if (rc != TRUCE_ENOMEM && rc != TRUCE_ENOTFOUND &&
        tr_dict_finish(&dict) == TRUCE_OK) {
        tr_dict_lint(&dict, out);
        if (out->bad_codes)
            bad = 1;
    }
    out->actors = dict.n_actors;
    out->actor_names = dict.n_actor_names;
    out->agents = dict.n_agent_names;
    out->verb_families = dict.n_families;
    out->verb_patterns = dict.n_patterns;
    out->words = vocab.n_words;
    tr_dict_release(&dict);
    tr_vocab_release(&vocab);
    if (rc == TRUCE_ENOMEM)
        return rc;
    return bad ? TRUCE_EDICT : TRUCE_OK;
}
