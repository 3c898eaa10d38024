/*
 * mention.c -- actors in a sentence. Longest-match phrases from the trie
 * (actors and agents), then combination into one mention per noun phrase:
 * "Turkish troops" = TUR + MIL, "Haftar's forces", "troops of Turkey",
 * "Russian Defense Minister Sergei Shoigu" (the person's own code wins),
 * capitals as metonyms ("Ankara said") but not as places ("in Ankara"),
 * pronouns and "the country" from what earlier sentences mentioned, and
 * coordination ("Ankara and the GNA").
 */
#include <string.h>

#include "coder_int.h"

#define MAX_PHRASE 10 /* longest name, in tokens */
#define MAX_PIECES TR_MAX_MENTIONS

struct piece {
    uint32_t first, last; /* tokens, inclusive */
    uint32_t actor;       /* actor entry, 0 if none */
    uint32_t agent;       /* agent, 0 if none */
};

static int has_cap(const struct tr_doc *doc, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i <= b; i++)
        if (doc->tok[i].flags & (TR_TF_CAP | TR_TF_UPPER))
            return 1;
    return 0;
}

/* An actor phrase must look like a name: some capital letter, and a short
 * single word (US, UN, AU) in capitals, so "us" and "un-" never match. */
static int no_lower(const struct tr_doc *doc, uint32_t i)
{
    const char *s = doc->text + doc->tok[i].off;
    for (uint32_t k = 0; k < doc->tok[i].len; k++)
        if (s[k] >= 'a' && s[k] <= 'z')
            return 0;
    return 1;
}

static int actor_shape_ok(const struct tr_doc *doc, uint32_t a, uint32_t b)
{
    if (!has_cap(doc, a, b))
        return 0;
    if (a == b && doc->tok[a].len <= 3 && !no_lower(doc, a))
        return 0;
    return 1;
}

/* Longest phrase starting at token 'i' (not past 'end'). */
static int longest_at(const struct truce_coder *c, uint32_t i, uint32_t end,
                      struct piece *out)
{
    const struct tr_dict *d = &c->dict;
    const struct tr_token *tok = c->doc.tok;
    uint32_t node = 0;
    int found = 0;
    if (!d->n_nodes)
        return 0;
    for (uint32_t j = i; j < end && j < i + MAX_PHRASE; j++) {
        uint32_t lem = tok[j].lemma;
        /* plural names through the noun lemma; a verb's lemma ("the UN
         * monitored") names nothing */
        if (lem && lem != tok[j].word && !tr_pos_is_verb(tok[j].pos)) {
            uint32_t alt = tr_dict_child(d, node, lem);
            if (alt && (d->nodes[alt].actor || d->nodes[alt].agent)) {
                *out = (struct piece){i, j, d->nodes[alt].actor,
                                      d->nodes[alt].agent};
                found = 1;
            }
        }
        node = tr_dict_child(d, node, tok[j].word);
        if (!node)
            break;
        if (d->nodes[node].actor || d->nodes[node].agent) {
            *out = (struct piece){i, j, d->nodes[node].actor,
                                  d->nodes[node].agent};
            found = 1;
        }
    }
    return found;
}

int tr_mentions_any(const struct truce_coder *c, uint32_t first, uint32_t n)
{
    for (uint32_t i = first; i < first + n; i++)
        if (tr_dict_child(&c->dict, 0, c->doc.tok[i].word) ||
            tr_dict_child(&c->dict, 0, c->doc.tok[i].lemma))
            return 1;
    return 0;
}

/* Validate a raw match against the tags and the shape rules; may demote
 * an actor match to its agent or drop it. */
static int keep_piece(const struct truce_coder *c, struct piece *p)
{
    const struct tr_token *tok = c->doc.tok;
    if (p->actor && !actor_shape_ok(&c->doc, p->first, p->last))
        p->actor = 0;
    /* "LET US KNOW" in a sentence in capitals: a pronoun, not the US */
    if (p->actor && p->first == p->last && tok[p->first].pos == TR_POS_PRON)
        p->actor = 0;
    /* "Russia forces the issue": a role word tagged as a verb is a verb. */
    if (p->agent && !p->actor && tr_pos_is_verb(tok[p->last].pos))
        p->agent = 0;
    return p->actor || p->agent;
}

static uint32_t find_pieces(const struct truce_coder *c, struct piece *out)
{
    uint32_t first = c->sent->first, end = first + c->sent->n_tokens;
    uint32_t n = 0;
    for (uint32_t i = first; i < end && n < MAX_PIECES;) {
        struct piece p;
        if (longest_at(c, i, end, &p) && keep_piece(c, &p)) {
            out[n++] = p;
            i = p.last + 1;
        }
        else {
            i++;
        }
    }
    return n;
}

/* ---- codes ---- */


/* Actor code plus role. A bare country takes the role (TUR + MIL =
 * TURMIL); a government takes its security forces (LBYGOV + MIL =
 * LBYGOVMIL); any other actor that already has a role stays itself: the
 * fighters, spokesman or delegation of the LNA are the LNA (LBYMIL), and
 * IGO codes are never extended. */
static void combine(char *out, const char *code, uint32_t flags,
                    const char *role)
{
    size_t n = strlen(code), r = strlen(role);
    memmove(out, code, n + 1);
    /* "their commander" of soldiers coded MIL is MIL, not MILMIL */
    if ((flags & TR_AF_IGO) || tr_code_has(code, role, 3) ||
        strcmp(code, role) == 0 || n + r >= TR_CODE_MAX)
        return;
    int bare = n == 3;
    int security = strcmp(role, "MIL") == 0 || strcmp(role, "COP") == 0 ||
                   strcmp(role, "SPY") == 0;
    int government = n >= 6 && memcmp(code + n - 3, "GOV", 3) == 0;
    if (bare || (government && security))
        memcpy(out + n, role, r + 1);
}

/* As combine(), for an agent whose role may go before the actor code. */
static void combine_agent(char *out, const char *code, uint32_t flags,
                          const struct tr_agent *ag)
{
    size_t n = strlen(code), r = strlen(ag->role);
    if (!(ag->flags & TR_AF_PREFIX) || (flags & TR_AF_IGO) ||
        strncmp(code, ag->role, r) == 0 || n + r >= TR_CODE_MAX) {
        combine(out, code, flags, ag->role);
        return;
    }
    memmove(out + r, code, n + 1);
    memcpy(out, ag->role, r);
}

static void set_code(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n >= TR_CODE_MAX)
        n = TR_CODE_MAX - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static uint32_t entry_flags(const struct truce_coder *c, uint32_t actor)
{
    return c->dict.actors[actor].flags;
}

static uint32_t mention_flags(uint32_t af)
{
    uint32_t f = 0;
    if (af & TR_AF_PERSON)
        f |= TR_MF_PERSON;
    if (af & TR_AF_COUNTRY)
        f |= TR_MF_COUNTRY;
    if (af & TR_AF_GROUP)
        f |= TR_MF_GROUP;
    if (af & TR_AF_FEMALE)
        f |= TR_MF_FEMALE;
    if (af & TR_AF_IGO)
        f |= TR_MF_IGO;
    if (af & TR_AF_CAPITAL)
        f |= TR_MF_CAPITAL;
    return f;
}

/* ---- combination rules ---- */

static int is_locative(const struct truce_coder *c, uint32_t word)
{
    const struct tr_words *w = &c->w;
    return word && (word == w->in || word == w->at || word == w->near ||
                    word == w->from || word == w->into ||
                    word == w->outside || word == w->around ||
                    word == w->across || word == w->toward ||
                    word == w->towards || word == w->inside ||
                    word == w->through || word == w->via || word == w->to ||
                    word == w->on || word == w->of);
}

/* Token before 'i', skipping "the". */
static int32_t before(const struct truce_coder *c, uint32_t i)
{
    uint32_t start = c->sent->first;
    if (i <= start)
        return -1;
    uint32_t j = i - 1;
    if (tr_tok_is(c, j, c->w.the) && j > start)
        j--;
    else if (tr_tok_is(c, j, c->w.the))
        return -1;
    return (int32_t)j;
}

/* Tokens (a, b) exclusive between two pieces are all modifiers: adjectives,
 * participles, nouns ("Turkish special forces", "Russian military police").
 */
static int modifiers_only(const struct truce_coder *c, uint32_t a, uint32_t b)
{
    if (b - a - 1 > 2)
        return 0;
    for (uint32_t i = a + 1; i < b; i++) {
        int p = c->doc.tok[i].pos;
        if (p != TR_POS_ADJ && p != TR_POS_NOUN)
            return 0;
    }
    return 1;
}

static int is_poss(const struct truce_coder *c, uint32_t i)
{
    return c->doc.tok[i].kind == TR_TOK_POSS;
}

static int person_role(const struct truce_coder *c, uint32_t word);

static int add_mention(struct truce_coder *c, uint32_t first, uint32_t last,
                       const char *code, uint32_t flags)
{
    /* "the LNA spokesman", "the head of the U.N. mission": one person */
    for (uint32_t i = first; i <= last && !(flags & TR_MF_PLACE); i++)
        if (person_role(c, c->doc.tok[i].word)) {
            flags |= TR_MF_PERSON;
            break;
        }
    if (c->n_men == TR_MAX_MENTIONS || !code[0])
        return 0;
    struct tr_mention *m = &c->men[c->n_men++];
    m->first = first;
    m->last = last;
    set_code(m->code, code);
    m->flags = flags;
    m->coord_next = -1;
    m->coord_prev = -1;
    return 1;
}

struct combiner {
    struct truce_coder *c;
    struct piece *p;
    uint32_t n, i; /* pieces and the current one */
};

static int next_is(const struct combiner *k, uint32_t gap_max, int want_actor)
{
    if (k->i + 1 >= k->n)
        return 0;
    const struct piece *a = &k->p[k->i], *b = &k->p[k->i + 1];
    if (b->first - a->last - 1 > gap_max)
        return 0;
    return want_actor ? b->actor != 0 : b->agent != 0;
}

/* Whether piece k->i + 1 is a role word that attaches to the phrase
 * ending at token 'last': right after it, after modifiers ("Turkish special
 * forces"), or after a possessive ("Turkey's foreign minister"). */
static int agent_follows(const struct combiner *k, uint32_t last)
{
    struct truce_coder *c = k->c;
    if (k->i + 1 >= k->n || !k->p[k->i + 1].agent || k->p[k->i + 1].actor)
        return 0;
    const struct piece *q = &k->p[k->i + 1];
    if (q->first > last + 1 && is_poss(c, last + 1) &&
        modifiers_only(c, last + 1, q->first))
        return 1;
    return modifiers_only(c, last, q->first);
}

/* A hyphen before or after the name: "Turkish-backed" and "anti-Houthi"
 * are modifiers, not the actor; "pro-Haftar forces" are Haftar's. */
/* "Saudi-led coalition", "Vietnamese-led forces": led by the actor, so
 * the actor's. */
static int led_by(const struct truce_coder *c, const struct piece *p)
{
    uint32_t end = c->sent->first + c->sent->n_tokens;
    const struct tr_token *tok = c->doc.tok;
    return p->last + 2 < end && tok[p->last + 1].kind == TR_TOK_HYPHEN &&
           tok[p->last + 2].word == c->w.led;
}

static int hyphen_modifier(const struct truce_coder *c, const struct piece *p)
{
    uint32_t first = c->sent->first, end = first + c->sent->n_tokens;
    const struct tr_token *tok = c->doc.tok;
    if (p->last + 1 < end && tok[p->last + 1].kind == TR_TOK_HYPHEN)
        return !led_by(c, p);
    if (p->first > first && tok[p->first - 1].kind == TR_TOK_HYPHEN)
        return !(p->first >= first + 2 && tok[p->first - 2].word == c->w.pro);
    return 0;
}

/* "Turkish troops", "Turkey's foreign minister", "the LNA commander",
 * "Yemeni government forces", then an optional person name after the
 * title ("Russian Defense Minister Sergei Shoigu"). */
static void actor_piece(struct combiner *k)
{
    struct truce_coder *c = k->c;
    const struct piece *p = &k->p[k->i];
    uint32_t af = entry_flags(c, p->actor);
    const char *base = tr_dict_actor_code(&c->dict, p->actor, c->day);
    int32_t prev = before(c, p->first);
    uint32_t flags = mention_flags(af), last = p->last;
    char code[TR_CODE_MAX];
    set_code(code, base);
    if (hyphen_modifier(c, p))
        return;
    /* "in central Mogadishu": an adjective or two may stand between */
    while ((af & TR_AF_CAPITAL) && prev > (int32_t)c->sent->first &&
           (int32_t)p->first - prev <= 3 &&
           c->doc.tok[prev].pos == TR_POS_ADJ)
        prev = before(c, (uint32_t)prev);
    if ((af & TR_AF_CAPITAL) && prev >= 0 &&
        is_locative(c, c->doc.tok[prev].word)) {
        /* "in Tripoli": the place, not the government */
        code[3] = 0;
        flags = TR_MF_PLACE;
    }
    if (af & TR_AF_PLACE)
        flags = TR_MF_PLACE;
    if (led_by(c, p))
        last += 2;
    while (!(flags & TR_MF_PLACE) && agent_follows(k, last)) {
        const struct piece *q = &k->p[++k->i];
        combine_agent(code, code, af, &c->dict.agents[q->agent]);
        flags &= ~(uint32_t)(TR_MF_COUNTRY | TR_MF_CAPITAL);
        af &= ~(uint32_t)TR_AF_CAPITAL;
        last = q->last;
        if (next_is(k, 0, 1) &&
            (entry_flags(c, k->p[k->i + 1].actor) & TR_AF_PERSON)) {
            const struct piece *r = &k->p[++k->i];
            uint32_t rf = entry_flags(c, r->actor);
            set_code(code, tr_dict_actor_code(&c->dict, r->actor, c->day));
            flags = mention_flags(rf);
            last = r->last;
            break;
        }
    }
    add_mention(c, p->first, last, code, flags);
}

/* The code of the last mention of this sentence before token 'at' with
 * one of the 'flags' (0: any that is neither a person nor a place). */
static const char *recent(const struct truce_coder *c, uint32_t flags,
                          uint32_t at)
{
    for (uint32_t i = c->n_men; i-- > 0;) {
        const struct tr_mention *m = &c->men[i];
        if (m->last >= at || (m->flags & TR_MF_PRONOUN))
            continue;
        if (flags ? (m->flags & flags) != 0
                  : !(m->flags & (TR_MF_PERSON | TR_MF_PLACE)))
            return m->code;
    }
    return NULL;
}

static int state_code(const char *code);

/* A state's institution: its government, army, police, intelligence,
 * courts or parliament ("USAMIL", "YEMGOV"), which is an "it" but not
 * "the group". */
static int institution_code(const char *code)
{
    static const char *const ROLES[] = {"GOV", "MIL", "COP", "SPY", "JUD",
                                        "LEG"};
    if (strlen(code) < 6 || !state_code(code))
        return 0;
    for (size_t k = 0; k < TR_ARRAY_LEN(ROLES); k++)
        if (memcmp(code + 3, ROLES[k], 3) == 0)
            return 1;
    return 0;
}

/* A mention "it" can stand for: a group, state, IGO or capital, or one
 * state institution named by a singular noun ("Yemen's government said
 * it would", not "Houthi fighters"). */
static int it_mention(const struct truce_coder *c, const struct tr_mention *m)
{
    if (m->flags & (TR_MF_GROUP | TR_MF_COUNTRY | TR_MF_IGO | TR_MF_CAPITAL))
        return 1;
    if (m->flags & (TR_MF_PERSON | TR_MF_PLACE | TR_MF_ROLE_ONLY) ||
        !institution_code(m->code))
        return 0;
    const struct tr_token *h = &c->doc.tok[m->last];
    return h->lemma == 0 || h->lemma == h->word;
}

static const char *recent_it(const struct truce_coder *c, uint32_t at)
{
    for (uint32_t i = c->n_men; i-- > 0;) {
        const struct tr_mention *m = &c->men[i];
        if (m->last >= at)
            continue;
        /* "The group said it had": "the group", "the country" resolved
         * from the story stand for it too */
        if ((m->flags & TR_MF_PRONOUN) ? c->doc.tok[m->first].word == c->w.the
                                       : it_mention(c, m))
            return m->code;
    }
    return NULL;
}

/* The actor a pronoun at token 'at' stands for: the last fitting mention
 * before it in the sentence ("Haftar's forces ... if they advanced"), else
 * the story so far; "" if none. */
static const char *pronoun_code(const struct truce_coder *c, uint32_t word,
                                uint32_t at)
{
    const struct tr_words *w = &c->w;
    const struct tr_discourse *d = &c->disc;
    const char *near = NULL;
    if (word == w->him)
        word = w->he; /* the object is resolved as the subject */
    else if (word == w->them)
        word = w->they;
    if (word == w->his || word == w->he || word == w->her || word == w->she)
        near = recent(c, TR_MF_PERSON, at);
    else if (word == w->its || word == w->it)
        near = recent_it(c, at);
    else if (word == w->they || word == w->their)
        near = recent(c, 0, at);
    if (near)
        return near;
    if (word == w->his || word == w->he)
        return d->person;
    if (word == w->her || word == w->she)
        return d->person;
    if (word == w->its || word == w->it)
        return d->org[0] ? d->org : d->country;
    if (word == w->their || word == w->they)
        return d->plural;
    return "";
}

/* What a party holds and others attack: "its positions", "their bases". */
static int asset_word(const struct truce_coder *c, uint32_t lemma)
{
    return tr_is(c, lemma, TR_WC_ASSET);
}

/* The country of the last state actor in this sentence so far, else of
 * the story so far: "Kenyan protesters rioted against the government". */
/* A code that begins with a state's three letters. */
static int state_code(const char *code)
{
    static const char *const NOT_STATES[] = {"IGO", "NGO", "IMG", "MNC"};
    if (strlen(code) < 3)
        return 0;
    for (size_t k = 0; k < TR_ARRAY_LEN(NOT_STATES); k++)
        if (strncmp(code, NOT_STATES[k], 3) == 0)
            return 0;
    return 1;
}

/* A mention of a state or of one of its parts: not an IGO, an NGO, and
 * not an ethnic or regional group ("Tuareg" TMH, "Africa" AFR: a group
 * with a bare three-letter code). */
static int state_mention(const struct tr_mention *m)
{
    return state_code(m->code) &&
           !((m->flags & TR_MF_GROUP) && strlen(m->code) == 3);
}

static const char *sentence_country(struct truce_coder *c)
{
    for (uint32_t i = c->n_men; i-- > 0;) {
        const struct tr_mention *m = &c->men[i];
        if ((m->flags & (TR_MF_ROLE_ONLY | TR_MF_TITLED)) ||
            !state_mention(m))
            continue;
        memcpy(c->sent_country, m->code, 3);
        c->sent_country[3] = 0;
        return c->sent_country;
    }
    const char *story = tr_story_country(c);
    return story ? story : "";
}

/* Role words that name one person, so that "he" can refer to "the head of
 * the U.N. mission" or "a GNA spokesman". */
static int person_role(const struct truce_coder *c, uint32_t word)
{
    return tr_is(c, word, TR_WC_PERSON);
}

static int group_word(const struct truce_coder *c, uint32_t word)
{
    const struct tr_words *w = &c->w;
    return word && (word == w->group || word == w->movement ||
                    word == w->militia);
}

/* "President Erdogan", "troops of Turkey", "forces loyal to Haftar",
 * "its forces", or the role alone. */
/* "troops of Turkey", "forces loyal to Haftar": the agent takes the actor
 * after it. Returns whether it made the mention. */
/* Roles whose people "in" a country are that country's: rebels,
 * protesters, police, the junta, teachers. Not diplomats and envoys
 * (GOV), who are posted there by another state; foreign troops are
 * named as such ("French troops in Mali") and combine before this. */
static int local_role(const char *role)
{
    return strcmp(role, "GOV") != 0;
}

static int agent_of_actor(struct combiner *k, const struct tr_agent *ag)
{
    struct truce_coder *c = k->c;
    const struct piece *p = &k->p[k->i];
    uint32_t end = c->sent->first + c->sent->n_tokens;
    uint32_t j = p->last + 1;
    uint32_t linked = 0;
    if (j < end && tr_tok_is(c, j, c->w.of))
        linked = 1;
    else if (j < end && local_role(ag->role) &&
             (tr_tok_is(c, j, c->w.in) || tr_tok_is(c, j, c->w.across) ||
              tr_tok_is(c, j, c->w.throughout)))
        linked = 1; /* "rebels in the Ivory Coast": theirs */
    else if (j + 1 < end && tr_tok_is(c, j, c->w.loyal) &&
             tr_tok_is(c, j + 1, c->w.to))
        linked = 2;
    if (!linked || k->i + 1 >= k->n || !k->p[k->i + 1].actor)
        return 0;
    const struct piece *r = &k->p[k->i + 1];
    uint32_t at = j + linked;
    if (at < end && tr_tok_is(c, at, c->w.the))
        at++;
    if (r->first != at)
        return 0;
    if (!tr_tok_is(c, j, c->w.of) &&
        strlen(tr_dict_actor_code(&c->dict, r->actor, c->day)) != 3)
        return 0; /* "protesters in the GNA's capital": not the GNA's */
    char code[TR_CODE_MAX];
    combine_agent(code, tr_dict_actor_code(&c->dict, r->actor, c->day),
                  entry_flags(c, r->actor), ag);
    k->i++;
    add_mention(c, p->first, r->last, code, 0);
    return 1;
}

/* A role word with no actor of its own: "its forces" (the owner), "the
 * paramilitary group" (the last group), "the army" (the country of the
 * story), or the role alone ("police"). A bare title and a role word used
 * as a modifier ("military talks") name no one. */
static void agent_alone(struct combiner *k, const struct tr_agent *ag)
{
    struct truce_coder *c = k->c;
    const struct piece *p = &k->p[k->i];
    uint32_t end = c->sent->first + c->sent->n_tokens;
    char code[TR_CODE_MAX];
    /* "guerrilla urban commandos", "rebel soldiers": a role of an armed
     * group with no state before a military role is the group's */
    if (k->i > 0 && !k->p[k->i - 1].actor && k->p[k->i - 1].agent &&
        (strcmp(ag->role, "MIL") == 0 || strcmp(ag->role, "COP") == 0) &&
        modifiers_only(c, k->p[k->i - 1].last, p->first)) {
        const char *r = c->dict.agents[k->p[k->i - 1].agent].role;
        if (strcmp(r, "REB") == 0 || strcmp(r, "UAF") == 0) {
            add_mention(c, k->p[k->i - 1].first, p->last, r,
                        TR_MF_ROLE_ONLY);
            return;
        }
    }
    if (p->first > c->sent->first) {
        const char *pc = pronoun_code(c, c->doc.tok[p->first - 1].word,
                                      p->first - 1);
        if (pc[0]) {
            combine(code, pc, 0, ag->role);
            add_mention(c, p->first - 1, p->last, code, TR_MF_PRONOUN);
            return;
        }
    }
    const char *ctx = sentence_country(c);
    int the = p->first > c->sent->first && tr_tok_is(c, p->first - 1, c->w.the);
    if (ag->flags & TR_AF_TITLE) {
        /* "Vice-President Moody Awori": a title and a name that is in no
         * dictionary still name a person in that role; whose, is decided
         * by titled_country() */
        uint32_t last = p->last;
        uint32_t next = k->i + 1 < k->n ? k->p[k->i + 1].first : end;
        /* "Secretary-General Chedli Klibi": part of a compound title */
        if (p->first > c->sent->first &&
            c->doc.tok[p->first - 1].kind == TR_TOK_HYPHEN)
            next = p->last + 1;
        while (last + 1 < end && last + 1 < next && last < p->last + 4 &&
               c->doc.tok[last + 1].pos == TR_POS_PROPN)
            last++;
        if (last > p->last) {
            /* a state named before, or the story's, is the likeliest
             * owner; else, or in apposition, titled_country() decides */
            if (ctx[0] && !(p->first > c->sent->first &&
                            c->doc.tok[p->first - 1].word == c->w.comma)) {
                combine(code, ctx, 0, ag->role);
                add_mention(c, p->first, last, code, TR_MF_PERSON);
            }
            else {
                add_mention(c, p->first, last, ag->role,
                            TR_MF_PERSON | TR_MF_TITLED);
            }
            return;
        }
        /* "the mayor", "the president": the story's country's, when the
         * story has one; a bare title otherwise names no one */
        if (the && ctx[0] && p->last + 1 < end &&
            !tr_pos_is_noun(c->doc.tok[p->last + 1].pos) &&
            c->doc.tok[p->last + 1].pos != TR_POS_PROPN) {
            combine(code, ctx, 0, ag->role);
            add_mention(c, p->first, p->last, code, 0);
        }
        return;
    }
    const struct tr_token *head = &c->doc.tok[p->last];
    if (head->pos == TR_POS_ADJ ||
        (p->last + 1 < end && tr_pos_is_noun(c->doc.tok[p->last + 1].pos)))
        return;
    if (group_word(c, head->word) && c->disc.group[0]) {
        add_mention(c, p->first, p->last, c->disc.group, TR_MF_PRONOUN);
        return;
    }
    if (the && ctx[0]) {
        combine(code, ctx, 0, ag->role);
        add_mention(c, p->first, p->last, code, 0);
        return;
    }
    add_mention(c, p->first, p->last, ag->role, TR_MF_ROLE_ONLY);
}

/* An agent piece: a title or role before a person ("President Erdogan"),
 * a role of an actor after it, or a role on its own. */
static void agent_piece(struct combiner *k)
{
    struct truce_coder *c = k->c;
    const struct piece *p = &k->p[k->i];
    const struct tr_agent *ag = &c->dict.agents[p->agent];
    if (next_is(k, 0, 1)) {
        const struct piece *r = &k->p[k->i + 1];
        uint32_t rf = entry_flags(c, r->actor);
        if ((rf & TR_AF_PERSON) || (ag->flags & TR_AF_TITLE)) {
            k->i++;
            add_mention(c, p->first, r->last,
                        tr_dict_actor_code(&c->dict, r->actor, c->day),
                        mention_flags(rf));
            return;
        }
    }
    if (!agent_of_actor(k, ag))
        agent_alone(k, ag);
}

/* ---- pronouns, noun phrase edges, coordination ---- */

/* The speaker of the quotation this sentence stands in: named outside the
 * quotation marks in this sentence ("...," the M23 said), else carried
 * from the sentence that opened the quotation; "" if none. */
static const char *quote_speaker(struct truce_coder *c)
{
    uint32_t first = c->sent->first, end = first + c->sent->n_tokens;
    for (uint32_t g = first; g < end; g++) {
        const struct tr_token *t = &c->doc.tok[g];
        if ((t->flags & TR_TF_INQUOTE) || !tr_pos_is_verb(t->pos) ||
            !tr_is(c, t->lemma, TR_WC_SPEECH))
            continue;
        if (g > first && c->men_at[g - 1 - first] >= 0)
            return c->men[c->men_at[g - 1 - first]].code;
        uint32_t k = g + 1;
        if (k < end && c->doc.tok[k].word == c->w.the)
            k++;
        if (k < end && c->men_at[k - first] >= 0)
            return c->men[c->men_at[k - first]].code;
    }
    return c->disc.has_quote_speaker ? c->disc.quote_speaker.code : "";
}

static void pronoun_mentions(struct truce_coder *c)
{
    const struct tr_words *w = &c->w;
    uint32_t first = c->sent->first, end = first + c->sent->n_tokens;
    for (uint32_t i = first; i < end; i++) {
        if (c->men_at[i - first] >= 0)
            continue;
        uint32_t word = c->doc.tok[i].word;
        const char *code = "";
        uint32_t last = i;
        if ((word == w->we || word == w->us || word == w->our) &&
            (c->doc.tok[i].flags & TR_TF_INQUOTE)) {
            /* "we will respond", "our positions": the one quoted */
            code = quote_speaker(c);
            if (word == w->our && i + 1 < end &&
                c->men_at[i + 1 - first] < 0 &&
                asset_word(c, c->doc.tok[i + 1].lemma))
                last = i + 1;
        }
        else if (word == w->he || word == w->she || word == w->it ||
                 word == w->they || word == w->them || word == w->him) {
            code = pronoun_code(c, word, i);
        }
        else if (word == w->the) {
            /* "the country", "the Iran-aligned group" */
            uint32_t k = i + 1;
            while (k < end && k < i + 5 && c->men_at[k - first] < 0 &&
                   (c->doc.tok[k].pos == TR_POS_ADJ ||
                    c->doc.tok[k].kind == TR_TOK_HYPHEN ||
                    c->doc.tok[k].pos == TR_POS_VBN ||
                    c->doc.tok[k].pos == TR_POS_PROPN) &&
                   !group_word(c, c->doc.tok[k].word))
                k++;
            if (k < end && c->men_at[k - first] < 0) {
                uint32_t next = c->doc.tok[k].word;
                if (next == w->country)
                    code = c->disc.country;
                else if (group_word(c, next))
                    code = c->disc.group;
                last = k;
            }
        }
        else if ((word == w->its || word == w->their) && i + 1 < end &&
                 c->men_at[i + 1 - first] < 0 &&
                 asset_word(c, c->doc.tok[i + 1].lemma)) {
            /* "attacked its positions": the owner is the target */
            code = pronoun_code(c, word, i);
            last = i + 1;
        }
        if (!code[0])
            continue;
        add_mention(c, i, last, code, TR_MF_PRONOUN);
    }
}

/* Extend a mention's text left over "the" and adjectives: "the eastern
 * forces". */
static void extend_left(struct truce_coder *c, struct tr_mention *m,
                        uint32_t floor)
{
    while (m->first > floor) {
        const struct tr_token *t = &c->doc.tok[m->first - 1];
        if (t->word == c->w.the || t->pos == TR_POS_ADJ ||
            (t->pos == TR_POS_DET && t->word != c->w.that))
            m->first--;
        else
            break;
    }
}

static int sort_by_first(struct truce_coder *c)
{
    /* Insertion sort: pronoun mentions were added after the others. */
    for (uint32_t i = 1; i < c->n_men; i++) {
        struct tr_mention m = c->men[i];
        uint32_t j = i;
        while (j > 0 && c->men[j - 1].first > m.first) {
            c->men[j] = c->men[j - 1];
            j--;
        }
        c->men[j] = m;
    }
    return 0;
}

/* "the Government of National Accord (GNA)": the bracketed short name is
 * the same actor, not a second one. */
static void merge_aliases(struct truce_coder *c)
{
    const struct tr_token *tok = c->doc.tok;
    uint32_t end = c->sent->first + c->sent->n_tokens, out = 0;
    for (uint32_t i = 0; i < c->n_men; i++) {
        struct tr_mention *m = &c->men[i];
        if (out > 0) {
            struct tr_mention *prev = &c->men[out - 1];
            if (m->first == prev->last + 2 && m->last + 1 < end &&
                tok[prev->last + 1].kind == TR_TOK_OPEN &&
                tok[m->last + 1].kind == TR_TOK_CLOSE) {
                prev->last = m->last + 1;
                continue;
            }
        }
        c->men[out++] = *m;
    }
    c->n_men = out;
}

static int only_words(const struct truce_coder *c, uint32_t a, uint32_t b,
                      int allow_comma)
{
    /* tokens strictly between a and b are "and"/"or", or a comma */
    if (b <= a + 1)
        return 0;
    int seen = 0;
    for (uint32_t i = a + 1; i < b; i++) {
        const struct tr_token *t = &c->doc.tok[i];
        if (t->word == c->w.and_ || t->word == c->w.or_)
            seen |= 1;
        else if (allow_comma && t->word == c->w.comma)
            seen |= 2;
        else if ((seen & 1) && i + 1 < b && t->word != c->w.of &&
                 (t->pos == TR_POS_DET || t->pos == TR_POS_NUM ||
                  (tr_pos_is_noun(t->pos) &&
                   c->doc.tok[i + 1].word == c->w.of)))
            continue; /* "... and a group of deputies" */
        else if ((seen & 1) && t->word == c->w.of && i > a + 1 &&
                 tr_pos_is_noun(c->doc.tok[i - 1].pos))
            continue;
        else
            return 0;
    }
    return seen;
}

static void coordinate(struct truce_coder *c)
{
    if (c->n_men < 2)
        return;
    for (uint32_t i = 0; i + 1 < c->n_men; i++) {
        struct tr_mention *a = &c->men[i], *b = &c->men[i + 1];
        if (!(only_words(c, a->last, b->first, 1) & 1))
            continue;
        /* "Sarraj, head of the government, and Haftar": the apposition
         * belongs to Sarraj, who is the one coordinated with Haftar */
        uint32_t left = i;
        if ((a->flags & (TR_MF_PERSON | TR_MF_ROLE_ONLY)) && i > 0 &&
            c->men[i - 1].coord_next < 0 &&
            only_words(c, c->men[i - 1].last, a->first, 1) == 2)
            left = i - 1;
        c->men[left].coord_next = (int32_t)i + 1;
        b->coord_prev = (int32_t)left;
    }
    /* "Turkey, Russia and Egypt": a comma joins when "and" follows, but
     * not an apposition ("Sarraj, head of the government, and Haftar"). */
    for (uint32_t i = c->n_men - 1; i-- > 0;) {
        struct tr_mention *a = &c->men[i], *b = &c->men[i + 1];
        if (a->coord_next < 0 && b->coord_next >= 0 &&
            only_words(c, a->last, b->first, 1) == 2 &&
            !(b->flags & (TR_MF_PERSON | TR_MF_ROLE_ONLY))) {
            a->coord_next = (int32_t)i + 1;
            b->coord_prev = (int32_t)i;
        }
    }
    /* "Russian and Syrian warplanes": adjectives of states that share
     * one role noun are each that role's (RUSMIL and SYRMIL), right to
     * left along the chain */
    for (uint32_t i = c->n_men - 1; i-- > 0;) {
        struct tr_mention *a = &c->men[i], *b = &c->men[i + 1];
        size_t bn = strlen(b->code);
        if (a->coord_next != (int32_t)i + 1 || a->first != a->last ||
            c->doc.tok[a->first].pos != TR_POS_ADJ ||
            !(a->flags & TR_MF_COUNTRY) || strlen(a->code) != 3 ||
            bn != 6 || !state_code(b->code) ||
            c->doc.tok[b->first].pos != TR_POS_ADJ ||
            (b->flags & (TR_MF_PERSON | TR_MF_PRONOUN)))
            continue;
        memcpy(a->code + 3, b->code + 3, 4);
        a->flags &= ~(uint32_t)TR_MF_COUNTRY;
    }
}

/* The nearest mention of a state actor to 'm' (places if 'places'), or
 * NULL. */
static const char *nearest_state(const struct truce_coder *c,
                                 const struct tr_mention *m, int places)
{
    const char *code = NULL;
    uint32_t best = UINT32_MAX;
    for (uint32_t j = 0; j < c->n_men; j++) {
        const struct tr_mention *o = &c->men[j];
        if (o == m || (o->flags & (TR_MF_ROLE_ONLY | TR_MF_TITLED)) ||
            !(o->flags & TR_MF_PLACE) != !places || !state_mention(o))
            continue;
        uint32_t d = o->first > m->last ? o->first - m->last
                                        : m->first - o->last;
        if (d < best) {
            best = d;
            code = o->code;
        }
    }
    return code;
}

/* The country of a titled person the dictionaries do not know
 * ("President Abdelaziz Bouteflicka threatened a curfew in Algiers"): the
 * nearest state actor of the sentence, else the story's country, else the
 * nearest place; with none, the person is a role only. */
static void titled_country(struct truce_coder *c)
{
    for (uint32_t i = 0; i < c->n_men; i++) {
        struct tr_mention *m = &c->men[i];
        if (!(m->flags & TR_MF_TITLED))
            continue;
        /* "the head of the U.N. mission, Lt. Gen. Michael Lollesgaard":
         * in apposition, the person is the one named before */
        uint32_t first = c->sent->first;
        int32_t before = -1;
        if (m->first >= first + 2 &&
            c->doc.tok[m->first - 1].word == c->w.comma) {
            /* back over the rest of its noun phrase ("monitoring
             * mission") */
            uint32_t j = m->first - 2;
            while (j > first && j + 4 > m->first && c->men_at[j - first] < 0 &&
                   (tr_pos_is_noun(c->doc.tok[j].pos) ||
                    c->doc.tok[j].pos == TR_POS_ADJ ||
                    c->doc.tok[j].pos == TR_POS_VBG))
                j--;
            before = c->men_at[j - first];
        }
        if (before >= 0 && !(c->men[before].flags &
                             (TR_MF_PLACE | TR_MF_TITLED | TR_MF_ROLE_ONLY))) {
            set_code(m->code, c->men[before].code);
            continue;
        }
        const char *ctx = nearest_state(c, m, 0);
        if (!ctx)
            ctx = tr_story_country(c) ? tr_story_country(c)
                                      : nearest_state(c, m, 1);
        if (!ctx)
            ctx = "";
        char role[TR_CODE_MAX], code[TR_CODE_MAX];
        set_code(role, m->code);
        if (ctx[0]) {
            char country[4];
            memcpy(country, ctx, 3);
            country[3] = 0;
            combine(code, country, 0, role);
            set_code(m->code, code);
        }
        else {
            m->flags |= TR_MF_ROLE_ONLY;
        }
    }
}

int tr_mentions_find(struct truce_coder *c)
{
    struct piece pieces[MAX_PIECES];
    uint32_t first = c->sent->first, n_tok = c->sent->n_tokens;
    c->n_men = 0;
    if (n_tok > c->men_at_cap) {
        int32_t *p = tr_realloc(c->men_at, (size_t)n_tok * sizeof *p);
        if (!p)
            return TRUCE_ENOMEM;
        c->men_at = p;
        c->men_at_cap = n_tok;
    }
    for (uint32_t i = 0; i < n_tok; i++)
        c->men_at[i] = -1;
    struct combiner k = {c, pieces, find_pieces(c, pieces), 0};
    for (k.i = 0; k.i < k.n; k.i++) {
        if (pieces[k.i].actor)
            actor_piece(&k);
        else
            agent_piece(&k);
    }
    for (uint32_t m = 0; m < c->n_men; m++)
        for (uint32_t t = c->men[m].first; t <= c->men[m].last; t++)
            c->men_at[t - first] = (int32_t)m;
    titled_country(c); /* before pronouns, which may refer to them */
    pronoun_mentions(c);
    sort_by_first(c);
    merge_aliases(c);
    for (uint32_t m = 0; m < c->n_men; m++) {
        uint32_t floor = m ? c->men[m - 1].last + 1 : first;
        extend_left(c, &c->men[m], floor);
    }
    for (uint32_t i = 0; i < n_tok; i++)
        c->men_at[i] = -1;
    for (uint32_t m = 0; m < c->n_men; m++)
        for (uint32_t t = c->men[m].first; t <= c->men[m].last; t++)
            c->men_at[t - first] = (int32_t)m;
    coordinate(c);
    return TRUCE_OK;
}

static void count_country(struct tr_discourse *d, const char *code)
{
    for (uint32_t i = 0; i < d->n_countries; i++)
        if (strcmp(d->countries[i], code) == 0) {
            d->country_count[i]++;
            return;
        }
    if (d->n_countries == TR_ARRAY_LEN(d->countries))
        return;
    memcpy(d->countries[d->n_countries], code, 4);
    d->country_count[d->n_countries++] = 1;
}

const char *tr_story_country(const struct truce_coder *c)
{
    const struct tr_discourse *d = &c->disc;
    uint32_t best = 0;
    const char *code = NULL;
    for (uint32_t i = 0; i < d->n_countries; i++)
        if (d->country_count[i] > best ||
            (d->country_count[i] == best &&
             strcmp(d->countries[i], d->context) == 0)) {
            best = d->country_count[i];
            code = d->countries[i];
        }
    return code;
}

void tr_mentions_remember(struct truce_coder *c)
{
    struct tr_discourse *d = &c->disc;
    for (uint32_t i = 0; i < c->n_men; i++) {
        const struct tr_mention *m = &c->men[i];
        if (m->flags & (TR_MF_PRONOUN | TR_MF_PLACE))
            continue;
        if (m->flags & TR_MF_PERSON) {
            set_code(d->person, m->code);
            d->person_female = (m->flags & TR_MF_FEMALE) != 0;
        }
        if (m->flags & TR_MF_COUNTRY)
            set_code(d->country, m->code);
        if ((m->flags & (TR_MF_GROUP | TR_MF_IGO)) &&
            !institution_code(m->code))
            set_code(d->group, m->code);
        if (it_mention(c, m) && !(m->flags & (TR_MF_COUNTRY | TR_MF_CAPITAL)))
            set_code(d->org, m->code);
        if (!(m->flags & TR_MF_PERSON))
            set_code(d->plural, m->code);
        if (!(m->flags & (TR_MF_IGO | TR_MF_ROLE_ONLY)) && state_mention(m)) {
            memcpy(d->context, m->code, 3);
            d->context[3] = 0;
            count_country(d, d->context);
        }
    }
}
