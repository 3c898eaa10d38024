/*
 * test_tabari.c -- the TABARI engine (tabari.c) on small dictionaries of
 * our own in TABARI's formats: stems and endings, connectors, upper and
 * lower patterns with $ + % ^, synsets and alternatives, compounds,
 * agents, pronouns, comma clauses, passive voice, dated codes, discards,
 * options, and every malformed line reported with its line number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tabari.h"

static const char ACTORS[] =
    "<NOUN>\n"
    "SHEEP\n"
    "GOATS\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "BRAVE\n"
    "</ADJECTIVE>\n"
    "VALDOR [VAL] ; a stem: Valdor, Valdoran\n"
    "NORMARK_ [NMK]\n"
    "OSTRIA= [OST]\n"
    "RED_HILLS [RDH]\n"
    "PORT KELM [PKL] ; words may stand between\n"
    "SELWYN [SEL <950101] [SELGOV 950101-991231] [SELELI]\n"
    "+SELLY\n"
    "THE_TWINS [TWA/TWB]\n"
    "DUSKWOOD [###]\n"
    "MIRELAND [+++]\n"
    "BLANKTON [---]\n"
    "~~FINISH\n";

static const char AGENTS[] =
    "SOLDIER_ [~MIL]\n"
    "PRIME_MINISTER_ [~GOV]\n"
    "AID_WORKERS_ [NGO~]\n";

static const char VERBS[] =
    "<SYNSETS>\n"
    "&MONEY\n"
    "+COINS\n"
    "+SILVER_MARKS\n"
    "</SYNSETS>\n"
    "SHELL [194]\n"
    "- * + FROM $ [195]\n"
    "MEET [040]\n"
    "{ MET_ }\n"
    "- % HAVE * [043:044]\n"
    "PRAISE [051]\n"
    "- * &MONEY [071]\n"
    "- * { WARM | VERY_KIND } WORDS [052]\n"
    "- NOT_* [111]\n"
    "FREE [066]\n"
    "- + WAS * BY $ [067]\n"
    "SAY [023?]\n"
    "{ SAID_ }\n"
    "ATTACK_ [190]\n"
    "{ ATTACKED_ }\n"
    "- * AT ^ + [191]\n"
    "TALK [---]\n"
    "- * PEACE [036]\n"
    "CONDEMN [111]\n"
    "~~FINISH\n";

struct got {
    char ev[16][64];
    int n;
};

static void on_event(void *ud, const struct tr_tabari_event *ev)
{
    struct got *g = ud;
    if (g->n < 16)
        snprintf(g->ev[g->n++], 64, "%s %s %s", ev->source, ev->target,
                 ev->code);
}

struct diags {
    int n;
    uint64_t lines[16];
};

static void on_diag(void *ud, const struct truce_diag *d)
{
    struct diags *x = ud;
    if (x->n < 16)
        x->lines[x->n] = d->line;
    x->n++;
}

static struct tr_tabari *engine(struct diags *dg)
{
    struct tr_tabari *t;
    assert_int_equal(tr_tabari_new(&t, on_diag, dg), TRUCE_OK);
    assert_int_equal(tr_tabari_load_buffer(t, TR_TB_ACTORS, "a", ACTORS,
                                           strlen(ACTORS)),
                     TRUCE_OK);
    assert_int_equal(tr_tabari_load_buffer(t, TR_TB_AGENTS, "g", AGENTS,
                                           strlen(AGENTS)),
                     TRUCE_OK);
    assert_int_equal(tr_tabari_load_buffer(t, TR_TB_VERBS, "v", VERBS,
                                           strlen(VERBS)),
                     TRUCE_OK);
    tr_tabari_option(t, "SET: MINIMUM WORDS = 3");
    return t;
}

/* Code 's' on 'date' and compare the events, in order, with 'want'
 * ("SRC TGT CODE|SRC TGT CODE", "" for none). */
static void expect(struct tr_tabari *t, const char *s, const char *date,
                   const char *want)
{
    struct got g = {.n = 0};
    tr_tabari_code(t, s, strlen(s), date, on_event, &g);
    char all[1024] = "";
    for (int i = 0; i < g.n; i++) {
        if (i)
            strcat(all, "|");
        strcat(all, g.ev[i]);
    }
    if (strcmp(all, want) != 0)
        fail_msg("'%s': got '%s', want '%s'", s, all, want);
}

static void stems_and_endings(void **state)
{
    (void)state;
    struct diags dg = {0};
    struct tr_tabari *t = engine(&dg);
    expect(t, "Valdoran gunners shelled Normark on Sunday.", NULL,
           "VAL NMK 194");
    /* NORMARK_ takes S and 'S, not other letters */
    expect(t, "Valdor shelled Normark's border on Sunday.", NULL,
           "VAL NMK 194");
    expect(t, "Valdor shelled Normarkia on Sunday night.", NULL, "");
    /* OSTRIA= takes no ending at all */
    expect(t, "Valdor shelled Ostrias again on Sunday.", NULL, "");
    expect(t, "Valdor shelled Ostria again on Sunday.", NULL, "VAL OST 194");
    /* words of a phrase joined by '_' must touch; by a blank need not */
    expect(t, "Valdor shelled the Red Hills on Sunday.", NULL, "VAL RDH 194");
    expect(t, "Valdor shelled the Red and Hills on Sunday.", NULL, "");
    expect(t, "Valdor shelled Port of Kelm on Sunday.", NULL, "VAL PKL 194");
    /* a capitalised word inside a sentence is not a verb */
    expect(t, "Valdor saw the Shell company near Normark today.", NULL, "");
    /* nor one after a determiner */
    expect(t, "Valdor praised the attack on Normark today.", NULL,
           "VAL NMK 051");
    tr_tabari_free(t);
    assert_int_equal(dg.n, 0);
}

static void patterns(void **state)
{
    (void)state;
    struct diags dg = {0};
    struct tr_tabari *t = engine(&dg);
    /* lower pattern with + and $: the pattern names both */
    expect(t, "Valdor shelled Normark from Ostria on Sunday.", NULL,
           "OST NMK 195");
    /* a synset member, one word and two joined */
    expect(t, "Valdor praised Normark with coins on Sunday.", NULL,
           "VAL NMK 071");
    expect(t, "Valdor praised Normark in silver marks on Sunday.", NULL,
           "VAL NMK 071");
    expect(t, "Valdor praised Normark in silver and marks today.", NULL,
           "VAL NMK 051");
    /* alternatives */
    expect(t, "Valdor praised Normark with very kind words today.", NULL,
           "VAL NMK 052");
    expect(t, "Valdor praised Normark with very many kind words.", NULL,
           "VAL NMK 051");
    /* upper pattern glued to the verb */
    expect(t, "Valdor did not praise Normark on Sunday.", NULL,
           "VAL NMK 111");
    /* skip one actor with ^ */
    expect(t, "Valdor attacked at Ostria the Normark garrison.", NULL,
           "VAL NMK 191");
    /* + before the verb, $ after: the passive pattern */
    expect(t, "Normark was freed by Valdor on Sunday night.", NULL,
           "VAL NMK 067");
    /* a null root codes only through its patterns */
    expect(t, "Valdor will talk with Normark on Sunday.", NULL, "");
    expect(t, "Valdor will talk peace with Normark on Sunday.", NULL,
           "VAL NMK 036");
    tr_tabari_free(t);
}

static void actors_and_agents(void **state)
{
    (void)state;
    struct diags dg = {0};
    struct tr_tabari *t = engine(&dg);
    /* compound source and a compound code */
    expect(t, "Valdor and the brave Normark condemned the Twins today.", NULL,
           "VAL TWA 111|VAL TWB 111|NMK TWA 111|NMK TWB 111");
    /* % : each member with the other, paired codes */
    expect(t, "Valdor and Normark have met in Port Kelm on Sunday.", NULL,
           "VAL NMK 043|NMK VAL 044");
    /* agents: after the actor, with "of", and a prefix agent */
    expect(t, "Valdoran soldiers condemned the prime minister of Normark.",
           NULL, "VALMIL NMKGOV 111");
    expect(t, "Aid workers in Valdor condemned Normark on Sunday.", NULL,
           "NGOVAL NMK 111");
    /* dated codes and synonyms */
    expect(t, "Selwyn condemned Normark on Sunday night.", "1990-05-01",
           "SEL NMK 111");
    expect(t, "Selly condemned Normark on Sunday night.", "1996-05-01",
           "SELGOV NMK 111");
    expect(t, "Selwyn condemned Normark on Sunday night.", "2005-05-01",
           "SELELI NMK 111");
    /* pronouns take the sentence's first actor */
    expect(t, "Valdor said it condemned Normark on Sunday.", NULL,
           "VAL NMK 111");
    /* a null actor is a noun; a discard drops the sentence; [+++] too */
    expect(t, "Blankton condemned Normark on Sunday night.", NULL, "");
    expect(t, "Valdor condemned Normark over Duskwood on Sunday.", NULL, "");
    expect(t, "Valdor condemned Normark over Mireland on Sunday.", NULL, "");
    tr_tabari_free(t);
}

static void clauses_and_options(void **state)
{
    (void)state;
    struct diags dg = {0};
    struct tr_tabari *t = engine(&dg);
    /* a comma clause of 2..10 words goes, and with it its actor */
    expect(t, "Valdor, backed by Ostria in the north, condemned Normark.",
           NULL, "VAL NMK 111");
    /* the final clause of a sentence too */
    expect(t, "Valdor condemned Normark, Ostria said on Sunday.", NULL,
           "VAL NMK 111");
    /* two clauses; the second takes the first one's source */
    expect(t, "Valdor condemned Normark and praised Ostria on Sunday.", NULL,
           "VAL NMK 111|VAL OST 051");
    /* a subordinate code is used only when nothing else is */
    expect(t, "Valdor said Normark was quiet on Sunday night.", NULL,
           "VAL NMK 023");
    /* nouns joined by "and" do not split the clause */
    expect(t, "Valdor shelled sheep and goats of Normark on Sunday.", NULL,
           "VAL NMK 194");
    tr_tabari_option(t, "SET: MINIMUM WORDS = 9");
    expect(t, "Valdor condemned Normark on Sunday.", NULL, "");
    tr_tabari_option(t, "SET: MINIMUM WORDS = 3");
    tr_tabari_option(t, "DEFAULT: SOURCE [DSRC] PRIOR TARGET [DTGT] AFTER");
    expect(t, "Unknown people condemned Normark on Sunday.", NULL,
           "DSRC NMK 111");
    expect(t, "Valdor condemned unknown people on Sunday.", NULL,
           "VAL DTGT 111");
    tr_tabari_option(t, "DEFAULT: OFF");
    tr_tabari_option(t, "COMPLEX: VERBS[2] NOACTPRIOR");
    expect(t, "Valdor condemned Normark and praised Ostria on Sunday.", NULL,
           "");
    tr_tabari_free(t);
}

static void bad_lines(void **state)
{
    (void)state;
    struct diags dg = {0};
    struct tr_tabari *t;
    assert_int_equal(tr_tabari_new(&t, on_diag, &dg), TRUCE_OK);
    static const char BAD_VERBS[] = "- * X [010]\n"      /* 1: no root */
                                    "SHELL [194]\n"
                                    "- * + FROM $\n"     /* 3: no code */
                                    "- + FROM $ [195]\n" /* 4: no '*' */
                                    "- * &NOPE [190]\n"  /* 5: no synset */
                                    "- * { A | B [190]\n" /* 6: no '}' */
                                    "- * WITH + [197]\n";
    assert_int_equal(tr_tabari_load_buffer(t, TR_TB_VERBS, "v", BAD_VERBS,
                                           strlen(BAD_VERBS)),
                     TRUCE_EDICT);
    assert_int_equal(dg.n, 5);
    assert_int_equal(dg.lines[0], 1);
    assert_int_equal(dg.lines[1], 3);
    assert_int_equal(dg.lines[2], 4);
    assert_int_equal(dg.lines[3], 5);
    assert_int_equal(dg.lines[4], 6);
    static const char BAD_ACTORS[] = "VALDOR [VAL 9x0101]\n" /* 1 */
                                     "  [NMK]\n"
                                     "NORMARK [NMK\n"       /* 3 */
                                     "OSTRIA [OST]\n"
                                     "KELMAR [KEL]\n";
    dg.n = 0;
    assert_int_equal(tr_tabari_load_buffer(t, TR_TB_ACTORS, "a", BAD_ACTORS,
                                           strlen(BAD_ACTORS)),
                     TRUCE_EDICT);
    assert_int_equal(dg.n, 3); /* line 2 belongs to the broken record */
    assert_int_equal(dg.lines[0], 1);
    assert_int_equal(dg.lines[1], 2);
    assert_int_equal(dg.lines[2], 3);
    static const char BAD_AGENTS[] = "SOLDIER_ [MIL]\n" /* 1: no '~' */
                                     "GUNNER_ [~MIL]\n";
    dg.n = 0;
    assert_int_equal(tr_tabari_load_buffer(t, TR_TB_AGENTS, "g", BAD_AGENTS,
                                           strlen(BAD_AGENTS)),
                     TRUCE_EDICT);
    assert_int_equal(dg.n, 1);
    tr_tabari_option(t, "SET: MINIMUM WORDS = 3");
    /* what loaded still codes */
    expect(t, "Ostria's gunners shelled Kelmar on Sunday.", NULL,
           "OSTMIL KEL 194");
    /* junk in, no crash */
    static const char JUNK[] = "\x01\xff,,,, ; ;; ____ $ + % {{{ }}} ]]]";
    expect(t, JUNK, NULL, "");
    tr_tabari_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stems_and_endings),
        cmocka_unit_test(patterns),
        cmocka_unit_test(actors_and_agents),
        cmocka_unit_test(clauses_and_options),
        cmocka_unit_test(bad_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
