/*
 * wordclass.c -- the closed word lists of the coder's rules (see
 * wordclass.h). Lemmas for verb lists, folded words for the rest.
 */
#include <string.h>

#include "date.h"
#include "wordclass.h"

struct word_list {
    unsigned bit;
    const char *const *words;
    size_t n;
};

#define LIST(bit, ...)                                                     \
    {bit, (const char *const[]){__VA_ARGS__},                              \
     sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)}

static const struct word_list LISTS[] = {
    LIST(TR_WC_SPEECH, "say", "tell", "state", "declare", "announce",
         "claim", "allege", "insist", "stress", "add", "report", "confirm",
         "note", "argue", "maintain", "write", "reiterate", "explain",
         "acknowledge", "assert", "contend", "charge", "deny", "quote"),
    LIST(TR_WC_OBLIGE, "say", "state", "declare", "announce", "insist",
         "stress", "tell", "add", "warn", "conclude", "argue", "maintain",
         "demand", "urge", "reiterate", "write", "note", "believe"),
    LIST(TR_WC_IF, "if", "unless", "whether", "provided"),
    LIST(TR_WC_DENY, "deny", "reject", "dismiss", "refute", "rebuff"),
    LIST(TR_WC_HAPPENED, "begin", "start", "continue", "resume", "keep",
         "use", "move", "proceed", "go", "manage"),
    LIST(TR_WC_ATTEMPT, "try", "attempt"),
    LIST(TR_WC_DEMANDV, "demand", "urge", "ask", "propose", "suggest",
         "recommend", "request", "call", "press", "plead"),
    LIST(TR_WC_LIGHT, "announce", "declare", "order", "impose", "approve",
         "decree", "unveil", "decide"),
    LIST(TR_WC_INTENDED, "plan", "intend", "pledge", "promise", "vow",
         "agree", "offer", "want", "aim", "decide", "commit", "undertake",
         "prepare", "ready", "willing", "prepared", "determined", "set",
         "hope", "expect", "seek", "wish", "swear"),
    LIST(TR_WC_COMMIT, "pledge", "promise", "vow", "commit", "undertake",
         "swear"),
    LIST(TR_WC_SPURN, "refuse", "decline"),
    LIST(TR_WC_MENACE, "threaten"),
    LIST(TR_WC_COMMAND, "order", "instruct", "direct", "command"),
    LIST(TR_WC_NOWAY, "way", "time", "means", "circumstances",
         "circumstance", "point", "account", "stage", "moment"),
    LIST(TR_WC_PREPARE, "prepare", "gear", "brace", "poise"),
    LIST(TR_WC_STATIVE, "commit", "dedicate", "devote", "oppose"),
    LIST(TR_WC_SUBORD, "after", "before", "since", "until", "while", "once",
         "because", "although", "though", "when", "as"),
    LIST(TR_WC_REFUSED, "refuse", "decline", "fail", "reject", "balk",
         "hesitate"),
    LIST(TR_WC_THING, "initiative", "proposal", "plan", "statement",
         "offer", "report", "media", "press", "newspaper", "television",
         "news", "law", "constitution", "border", "territory", "economy",
         "market", "currency", "document", "draft", "resolution", "deal",
         "agreement", "position", "stock", "bond", "company", "firm", "bank",
         "team", "move", "decision", "policy", "budget", "election", "vote",
         "court"),
    LIST(TR_WC_ASSET, "position", "base", "front", "territory",
         "headquarters", "stronghold", "camp", "convoy", "checkpoint",
         "outpost", "line", "post", "facility", "depot", "airport", "port",
         "city", "town", "village", "capital", "border", "vessel", "ship",
         "target"),
    LIST(TR_WC_PERSON, "head", "chief", "leader", "spokesman",
         "spokeswoman", "spokesperson", "envoy", "minister", "president",
         "commander", "ambassador", "general", "governor", "mayor",
         "premier", "king", "emir", "prince", "secretary", "chairman",
         "speaker", "official", "negotiator", "mediator", "diplomat"),
    LIST(TR_WC_ATTACK, "attack", "bombing", "bomb", "blast", "explosion",
         "airstrike", "strike", "shelling", "shell", "rocket", "mortar",
         "missile", "drone", "mine", "landmine", "grenade", "ambush", "raid",
         "barrage", "gunfire", "volley"),
    LIST(TR_WC_LOCATIVE, "in", "near", "at", "outside", "around", "inside",
         "across", "into", "from", "to", "toward", "towards", "of", "off",
         "nearby", "through", "within", "along", "between"),
};

static int mark(struct tr_vocab *v, uint32_t *table, uint32_t n,
                unsigned bit, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        uint32_t id = tr_vocab_find(v, words[i], strlen(words[i]));
        if (id && id < n)
            table[id] |= (uint32_t)bit;
    }
    return TRUCE_OK;
}

int tr_wordclass_build(struct tr_vocab *v, uint32_t **out, uint32_t *n)
{
    *out = NULL;
    *n = 0;
    for (size_t l = 0; l < TR_ARRAY_LEN(LISTS); l++)
        for (size_t i = 0; i < LISTS[l].n; i++) {
            uint32_t id;
            int rc = tr_vocab_intern(v, LISTS[l].words[i],
                                     strlen(LISTS[l].words[i]), &id);
            if (rc)
                return rc;
        }
    for (size_t i = 0; i < TR_N_DATE_WORDS; i++) {
        uint32_t id;
        int rc = tr_vocab_intern(v, TR_DATE_WORDS[i],
                                 strlen(TR_DATE_WORDS[i]), &id);
        if (rc)
            return rc;
    }
    uint32_t size = v->n_words + 1;
    uint32_t *table = tr_calloc(size, sizeof *table);
    if (!table)
        return TRUCE_ENOMEM;
    for (size_t l = 0; l < TR_ARRAY_LEN(LISTS); l++)
        mark(v, table, size, LISTS[l].bit, LISTS[l].words, LISTS[l].n);
    mark(v, table, size, TR_WC_DATE, TR_DATE_WORDS, TR_N_DATE_WORDS);
    *out = table;
    *n = size;
    return TRUCE_OK;
}
