/*
 * coder.c -- the pipeline of libtruce and its public API: load the
 * dictionaries, then for each article: text (repair, tokens, sentences),
 * lexical lookup (word ids, lemmas), part of speech, actor mentions, verbs
 * into events. Per-article memory is reused, so memory stays flat in the
 * size of the input. The tagger only runs on sentences that can hold an
 * event or an actor, which is what keeps the fast path fast.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "coder_int.h"
#include "tabari.h"
#include "cameo.h"
#include "dict_foreign_int.h"
#include "geo.h"

#ifndef TRUCE_DEFAULT_GAZETTEER
#define TRUCE_DEFAULT_GAZETTEER ""
#endif

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void diag_msg(struct truce_coder *c, enum truce_severity sev,
                     const char *file, uint64_t line, const char *msg)
{
    if (!c->diag)
        return;
    struct truce_diag d = {sev, file, line, 0, msg};
    c->diag(c->diag_ud, &d);
}

/* ---- start-up ---- */

static int intern(struct truce_coder *c, const char *s, uint32_t *id)
{
    return tr_vocab_intern(&c->vocab, s, strlen(s), id);
}

static int intern_words(struct truce_coder *c)
{
    struct tr_words *w = &c->w;
    const struct {
        const char *s;
        uint32_t *id;
    } table[] = {
        {"be", &w->be},         {"have", &w->have},   {"do", &w->do_},
        {"get", &w->get},       {"by", &w->by},       {"of", &w->of},
        {"to", &w->to},         {"and", &w->and_},    {"or", &w->or_},
        {"the", &w->the},       {"a", &w->a},         {"an", &w->an},
        {"not", &w->not_},      {"n't", &w->nt},      {"never", &w->never},
        {"who", &w->who},       {"which", &w->which}, {"that", &w->that},
        {"whom", &w->whom},     {"whose", &w->whose}, {"loyal", &w->loyal},
        {"he", &w->he},         {"she", &w->she},     {"him", &w->him},
        {"her", &w->her},       {"it", &w->it},       {"they", &w->they},
        {"them", &w->them},     {"its", &w->its},     {"their", &w->their},
        {"his", &w->his},       {"country", &w->country},
        {"we", &w->we},         {"our", &w->our},     {"us", &w->us},
        {"group", &w->group},   {"movement", &w->movement},
        {"militia", &w->militia}, {"government", &w->government},
        {"will", &w->will},     {"would", &w->would}, {"could", &w->could},
        {"may", &w->may},       {"might", &w->might}, {"should", &w->should},
        {"shall", &w->shall},   {"can", &w->can},     {"must", &w->must},
        {"in", &w->in},         {"at", &w->at},       {"near", &w->near},
        {"from", &w->from},     {"into", &w->into},   {"outside", &w->outside},
        {"around", &w->around}, {"across", &w->across},
        {"throughout", &w->throughout}, {"led", &w->led},
        {"toward", &w->toward}, {"towards", &w->towards},
        {"inside", &w->inside}, {"through", &w->through}, {"via", &w->via},
        {"on", &w->on},         {"for", &w->for_},    {"against", &w->against},
        {"with", &w->with},     {",", &w->comma},     {";", &w->semicolon},
        {":", &w->colon},       {"said", &w->said},   {"pro", &w->pro},
        {"according", &w->according}, {"no", &w->no},
    };
    for (size_t i = 0; i < TR_ARRAY_LEN(table); i++) {
        int rc = intern(c, table[i].s, table[i].id);
        if (rc)
            return rc;
    }
    /* Function words the rules compare as strings: interned so that text
     * tokens find ids for them (the lexicon holds content words only). */
    static const char *const FUNCTION_WORDS[] = {
        "if", "unless", "whether", "each", "other", "one", "another", "than",
        "while", "because", "although", "though", "despite", "before",
        "after", "until", "since", "when", "where", "whereas"};
    for (size_t i = 0; i < TR_ARRAY_LEN(FUNCTION_WORDS); i++) {
        uint32_t id;
        int rc = intern(c, FUNCTION_WORDS[i], &id);
        if (rc)
            return rc;
    }
    return TRUCE_OK;
}

static int load_dictionaries(struct truce_coder *c,
                             const struct truce_coder_options *opt,
                             const char *dir)
{
    int bad = 0, rc;
    if (opt && opt->n_extra && opt->extra_first) {
        rc = tr_dict_load_foreign_lx(&c->dict, c->lexicon, opt->extra,
                                     opt->n_extra, NULL);
        if (tr_partly(rc, &bad))
            return rc;
    }
    if (!opt || !opt->no_own) {
        rc = tr_dict_load_dir(&c->dict, dir);
        if (tr_partly(rc, &bad))
            return rc;
    }
    if (opt && opt->n_extra && !opt->extra_first) {
        rc = tr_dict_load_foreign_lx(&c->dict, c->lexicon, opt->extra,
                                     opt->n_extra, NULL);
        if (tr_partly(rc, &bad))
            return rc;
    }
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

/* The place table is optional: without it events have no places, and the
 * coder says so once. */
static int load_gazetteer(struct truce_coder *c,
                          const struct truce_coder_options *opt)
{
    const char *path = opt && opt->gazetteer ? opt->gazetteer
                                             : TRUCE_DEFAULT_GAZETTEER;
    if (!path[0])
        return TRUCE_OK;
    int rc = tr_geo_load(&c->geo, path, c->diag, c->diag_ud);
    if (rc == TRUCE_ENOTFOUND) {
        diag_msg(c, TRUCE_WARNING, path, 0,
                 "no gazetteer: events will have no places");
        return TRUCE_OK;
    }
    return rc;
}

static int load_all(struct truce_coder *c, const struct truce_coder_options *opt,
                    const char *dir)
{
    char path[4096];
    int bad = 0;
    snprintf(path, sizeof path, "%s/lexicon.tsv", dir);
    int rc = tr_lexicon_load(&c->lexicon, path, &c->vocab, c->diag, c->diag_ud);
    if (tr_partly(rc, &bad))
        return rc;
    snprintf(path, sizeof path, "%s/pos.model", dir);
    rc = tr_tagger_load(&c->tagger, path, c->diag, c->diag_ud);
    if (tr_partly(rc, &bad))
        return rc;
    rc = load_dictionaries(c, opt, dir);
    if (tr_partly(rc, &bad))
        return rc;
    rc = load_gazetteer(c, opt);
    if (tr_partly(rc, &bad))
        return rc;
    rc = intern_words(c);
    if (!rc)
        rc = tr_dict_finish(&c->dict);
    if (!rc)
        rc = tr_wordclass_build(&c->vocab, &c->wclass, &c->n_wclass);
    if (rc)
        return rc;
    return bad ? TRUCE_EDICT : TRUCE_OK;
}

/* TRUCE_ENGINE_TABARI: their files into the TABARI engine. */
static int load_tabari(struct truce_coder *c,
                       const struct truce_coder_options *opt)
{
    int rc = tr_tabari_new(&c->tabari, c->diag, c->diag_ud);
    if (rc)
        return rc;
    return tr_tabari_load_set(c->tabari, opt->extra, opt->n_extra,
                              opt->tabari_options);
}

int truce_coder_new(struct truce_coder **out, const struct truce_coder_options *opt)
{
    *out = NULL;
    struct truce_coder *c = tr_calloc(1, sizeof *c);
    if (!c)
        return TRUCE_ENOMEM;
    double t0 = now_ms();
    c->diag = opt ? opt->diag : NULL;
    c->no_context = opt ? opt->no_context : 0;
    c->trace = getenv("TRUCE_TRACE") != NULL;
    c->diag_ud = opt ? opt->diag_ud : NULL;
    tr_vocab_init(&c->vocab);
    tr_dict_init(&c->dict, &c->vocab, c->diag, c->diag_ud);
    tr_doc_init(&c->doc);
    tr_arena_init(&c->arena, TRUCE_MAX_ARTICLE);
    const char *dir = opt && opt->dict_dir ? opt->dict_dir
                                           : TRUCE_DEFAULT_DICT_DIR;
    int rc = opt && opt->engine == TRUCE_ENGINE_TABARI ? load_tabari(c, opt)
                                                       : load_all(c, opt, dir);
    if (rc && rc != TRUCE_EDICT) {
        truce_coder_free(c);
        return rc;
    }
    c->load_ms = now_ms() - t0;
    *out = c;
    return rc;
}

void truce_coder_free(struct truce_coder *c)
{
    if (!c)
        return;
    tr_tabari_free(c->tabari);
    tr_dict_release(&c->dict);
    tr_lexicon_free(c->lexicon);
    tr_tagger_free(c->tagger);
    tr_geo_free(c->geo);
    tr_vocab_release(&c->vocab);
    tr_doc_release(&c->doc);
    tr_arena_release(&c->arena);
    tr_free(c->men_at);
    tr_free(c->wclass);
    tr_free(c);
}

void truce_coder_stats(const struct truce_coder *c, struct truce_dict_stats *s)
{
    memset(s, 0, sizeof *s);
    s->actors = c->dict.n_actors;
    s->actor_names = c->dict.n_actor_names;
    s->agents = c->dict.n_agent_names;
    s->verb_families = c->dict.n_families;
    s->verb_patterns = c->dict.n_patterns;
    s->words = c->vocab.n_words;
    s->load_ms = c->load_ms;
    if (c->tabari)
        tr_tabari_counts(c->tabari, &s->actor_names, &s->agents,
                         &s->verb_families, &s->verb_patterns);
}

void truce_coder_run_stats(const struct truce_coder *c,
                           struct truce_run_stats *out)
{
    *out = c->run;
}

/* ---- per sentence ---- */

/* Word id, and the noun lemma for phrase matching ("Libyans" -> "libyan",
 * also for names WordNet does not know). Returns whether a verb with
 * patterns may be here. */
static int lexical(struct truce_coder *c, uint32_t i)
{
    struct tr_token *t = &c->doc.tok[i];
    size_t n;
    const char *s = tr_doc_norm(&c->doc, i, &n);
    t->word = tr_vocab_find(&c->vocab, s, n);
    t->lemma = tr_lexicon_lemma(c->lexicon, t->word, 'n');
    if (t->lemma == t->word && n > 3 && s[n - 1] == 's' && s[n - 2] != 's')
        t->lemma = tr_vocab_find(&c->vocab, s, n - 1);
    if (!t->word)
        return 0;
    uint32_t vl = tr_lexicon_lemma(c->lexicon, t->word, 'v');
    uint32_t np;
    tr_dict_verb_patterns(&c->dict, vl, &np);
    return np > 0;
}

/* Tag fix-ups the perceptron gets wrong on news: "GNA forces fought",
 * "troops have shelled": a present-tense verb right before a finite verb
 * is a plural noun. */
static int starts_name(const struct truce_coder *c, uint32_t i)
{
    const struct tr_token *t = &c->doc.tok[i];
    return tr_dict_child(&c->dict, 0, t->word) ||
           tr_dict_child(&c->dict, 0, t->lemma);
}

static int aux_before(const struct truce_coder *c, uint32_t first, uint32_t i)
{
    for (uint32_t k = i; k > first && k + 3 > i; k--) {
        uint32_t l = c->doc.tok[k - 1].lemma, w = c->doc.tok[k - 1].word;
        if (l == c->w.be || l == c->w.have || l == c->w.get ||
            w == c->w.be || w == c->w.have || w == c->w.get)
            return 1;
    }
    return 0;
}

/* "Norway praised Japan.": the tagger reads an unknown capitalised first
 * word as an adverb and the verb after it as a participle. A first word
 * that starts a dictionary name is a proper noun; a participle right after
 * a noun, with no auxiliary before it and an object after it, is a past
 * tense ("Scowcroft condemned Iraq"). */
static void fix_names(struct truce_coder *c, uint32_t first, uint32_t n)
{
    struct tr_token *tok = c->doc.tok;
    if (n >= 3 && tok[first].pos == TR_POS_ADV && starts_name(c, first))
        tok[first].pos = TR_POS_PROPN;
    for (uint32_t i = first + 1; i + 1 < first + n; i++) {
        int prev = tok[i - 1].pos, next = tok[i + 1].pos;
        if (tok[i].pos != TR_POS_VBN || aux_before(c, first, i))
            continue;
        if (prev != TR_POS_PROPN && prev != TR_POS_NOUN && prev != TR_POS_PRON)
            continue;
        if (next == TR_POS_DET || next == TR_POS_PROPN || starts_name(c, i + 1))
            tok[i].pos = TR_POS_VBD;
    }
}

/* A plural noun ("rebels", "Palestinians"; not "Paris") that does not
 * go on into a name with the next word ("the Paris Club"). */
static int plural_noun(const struct truce_coder *c, uint32_t i)
{
    const struct tr_token *t = &c->doc.tok[i];
    size_t len;
    const char *w = tr_doc_norm(&c->doc, i, &len);
    if ((t->pos != TR_POS_NOUN && t->pos != TR_POS_PROPN) || len <= 3 ||
        w[len - 1] != 's' || w[len - 2] == 's')
        return 0;
    uint32_t lemma = tr_lexicon_lemma(c->lexicon, t->word, 'n');
    if (!lemma || lemma == t->word)
        return 0;
    uint32_t node = tr_dict_child(&c->dict, 0, t->word);
    return !node || !tr_dict_child(&c->dict, node, c->doc.tok[i + 1].word);
}

static int starts_phrase(int pos)
{
    return pos == TR_POS_DET || pos == TR_POS_ADJ || pos == TR_POS_NOUN ||
           pos == TR_POS_PROPN || pos == TR_POS_NUM || pos == TR_POS_PRON;
}

/* "Rebels attack army posts", "The Palestinians reject proposed Israeli
 * changes": in the present tense after a plural subject, the tagger may
 * read the verb as a noun. A noun that is a verb of the dictionaries,
 * right after a plural noun, before a noun phrase and before any finite
 * verb (or a participle used as an adjective right after it: "proposed
 * Israeli changes") is the verb. */
static void fix_present(struct truce_coder *c, uint32_t first, uint32_t n)
{
    struct tr_token *tok = c->doc.tok;
    uint32_t end = first + n;
    for (uint32_t i = first + 1; i + 2 < end; i++) {
        int pos = tok[i].pos, next = tok[i + 1].pos;
        if (pos == TR_POS_VBD || pos == TR_POS_VBZ || pos == TR_POS_MD)
            return; /* the sentence has its verb before */
        if (pos != TR_POS_NOUN || !plural_noun(c, i - 1))
            continue;
        int modifier = (next == TR_POS_VBD || next == TR_POS_VBN) &&
                       (tok[i + 2].pos == TR_POS_ADJ ||
                        tok[i + 2].pos == TR_POS_PROPN);
        if (!modifier && !starts_phrase(next))
            continue;
        uint32_t np;
        uint32_t lemma = tr_lexicon_lemma(c->lexicon, tok[i].word, 'v');
        if (!lemma || !tr_dict_verb_patterns(&c->dict, lemma, &np) || !np)
            continue;
        tok[i].pos = TR_POS_VBZ;
        if (modifier)
            tok[i + 1].pos = TR_POS_ADJ;
        return;
    }
}

static void fix_tags(struct truce_coder *c, uint32_t first, uint32_t n)
{
    struct tr_token *tok = c->doc.tok;
    fix_names(c, first, n);
    fix_present(c, first, n);
    for (uint32_t i = first; i + 1 < first + n; i++) {
        int next = tok[i + 1].pos;
        if (tok[i].pos == TR_POS_VBZ &&
            (next == TR_POS_VBD || next == TR_POS_VBZ || next == TR_POS_MD))
            tok[i].pos = TR_POS_NOUN;
    }
}

static void set_lemmas(struct truce_coder *c, uint32_t first, uint32_t n)
{
    for (uint32_t i = first; i < first + n; i++) {
        struct tr_token *t = &c->doc.tok[i];
        if (tr_pos_is_verb(t->pos) || t->pos == TR_POS_MD)
            t->lemma = tr_lexicon_lemma(c->lexicon, t->word, 'v');
        else if (!tr_pos_is_noun(t->pos) && t->lemma == 0)
            t->lemma = t->word;
    }
}

static void count_event(void *ud, const struct truce_event *ev)
{
    struct truce_coder *c = ud;
    c->run.events++;
    c->user_cb(c->user_ud, ev);
}

static int code_sentence(struct truce_coder *c, const struct tr_sentence *s)
{
    int verbs = 0;
    for (uint32_t i = s->first; i < s->first + s->n_tokens; i++)
        verbs |= lexical(c, i);
    if (!tr_mentions_any(c, s->first, s->n_tokens))
        return TRUCE_OK;
    c->run.tagged_sentences++;
    tr_tagger_tag(c->tagger, &c->doc, s->first, s->n_tokens);
    fix_tags(c, s->first, s->n_tokens);
    set_lemmas(c, s->first, s->n_tokens);
    if (c->trace) /* for people working on the coder: the tagged sentence */
        for (uint32_t i = s->first; i < s->first + s->n_tokens; i++) {
            size_t n;
            const char *w = tr_doc_norm(&c->doc, i, &n);
            fprintf(stderr, "%.*s/%s%s", (int)n, w,
                    tr_pos_name((enum tr_pos)c->doc.tok[i].pos),
                    i + 1 < s->first + s->n_tokens ? " " : "\n");
        }
    c->sent = s;
    int rc = tr_mentions_find(c);
    if (rc)
        return rc;
    if (verbs && c->n_men)
        tr_events_find(c);
    tr_mentions_remember(c);
    return TRUCE_OK;
}

/* ---- the TABARI engine ---- */

struct tabari_ctx {
    struct truce_coder *c;
    const struct tr_sentence *s;
};

static void tabari_event(void *ud, const struct tr_tabari_event *tev)
{
    struct tabari_ctx *x = ud;
    struct truce_coder *c = x->c;
    struct truce_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = c->article->id;
    ev.sent = c->sent_no;
    ev.sent_off = x->s->off;
    ev.sent_len = x->s->len;
    snprintf(ev.code, sizeof ev.code, "%s", tev->code);
    const struct tr_cameo_row *row = tr_cameo_find(tev->code,
                                                   strlen(tev->code));
    if (row) {
        snprintf(ev.root, sizeof ev.root, "%02d", row->root);
        ev.quad = row->quad;
        ev.goldstein = row->goldstein;
    }
    snprintf(ev.source.code, sizeof ev.source.code, "%s", tev->source);
    snprintf(ev.target.code, sizeof ev.target.code, "%s", tev->target);
    ev.has_target = tev->target[0] != 0;
    ev.dict_file = tev->file;
    ev.dict_line = tev->line;
    ev.mode = TRUCE_MODE_ASSERTED;
    if (c->article->date && c->day != TR_DAY_MIN) {
        snprintf(ev.date, sizeof ev.date, "%s", c->article->date);
        ev.date_precision = TRUCE_DATE_DAY;
    }
    ev.text = c->doc.text;
    ev.confidence = 0.5; /* TABARI's parse: no claims, modes or places */
    c->cb(c->cb_ud, &ev);
}

static void code_tabari(struct truce_coder *c, const struct tr_sentence *s)
{
    struct tabari_ctx x = {c, s};
    (void)tr_tabari_code(c->tabari, c->doc.text + s->off, s->len,
                         c->day != TR_DAY_MIN ? c->article->date : NULL,
                         tabari_event, &x);
}

static void report_text(struct truce_coder *c, const struct truce_article *a)
{
    char msg[256];
    snprintf(msg, sizeof msg,
             "%u invalid UTF-8 sequence(s) replaced with U+FFFD, the first "
             "at byte %llu",
             c->doc.n_bad_utf8, (unsigned long long)c->doc.first_bad_off);
    diag_msg(c, TRUCE_WARNING, a->id, 0, msg);
}

int truce_coder_code(struct truce_coder *c, const struct truce_article *a,
                     truce_event_fn *cb, void *ud)
{
    tr_doc_reset(&c->doc);
    tr_arena_reset(&c->arena);
    memset(&c->disc, 0, sizeof c->disc);
    c->article = a;
    c->user_cb = cb;
    c->user_ud = ud;
    c->cb = count_event;
    c->cb_ud = c;
    c->day = TR_DAY_MIN;
    if (a->date && tr_parse_day(a->date, strlen(a->date), &c->day)) {
        diag_msg(c, TRUCE_WARNING, a->id, 0,
                 "article date is not YYYY-MM-DD; dated actor codes use "
                 "their defaults");
        c->day = TR_DAY_MIN;
    }
    int rc = tr_doc_set_text(&c->doc, a->text, a->len);
    if (rc == TRUCE_ELIMIT) {
        diag_msg(c, TRUCE_ERROR, a->id, 0,
                 "article longer than the limit; not coded");
        return rc;
    }
    if (!rc)
        rc = tr_doc_tokenize(&c->doc);
    if (!rc)
        rc = tr_doc_split(&c->doc);
    if (rc)
        return rc;
    c->sent_no = 0;
    c->run.articles++;
    c->run.bytes += a->len;
    c->run.tokens += c->doc.n_tok;
    c->run.sentences += c->doc.n_sent;
    for (uint32_t i = 0; i < c->doc.n_sent; i++) {
        const struct tr_sentence *s = &c->doc.sent[i];
        if (s->flags & TR_SF_DATELINE)
            continue;
        c->sent_no++;
        if (s->flags & TR_SF_CAPTION)
            continue;
        if (c->tabari) {
            code_tabari(c, s);
            continue;
        }
        rc = code_sentence(c, s);
        if (rc)
            return rc;
    }
    if (c->doc.n_bad_utf8) {
        report_text(c, a);
        return TRUCE_EINPUT;
    }
    return TRUCE_OK;
}
