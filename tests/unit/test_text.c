/*
 * test_text.c -- the text stage: UTF-8 repair, folding, tokens with their
 * offsets and flags, sentences, datelines and captions, and hostile input.
 * Expected tokens are written as their folded forms with a kind suffix
 * (/N number, /P punct, /Q quote, /D dash, /H hyphen, /S possessive,
 * /O open, /C close, /Y symbol) and * for an abbreviation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* ---- helpers ---- */

static void check_invariants(const struct tr_doc *d)
{
    size_t prev_end = 0;
    for (uint32_t i = 0; i < d->n_tok; i++) {
        const struct tr_token *t = &d->tok[i];
        assert_true(t->len > 0);
        assert_true(t->off >= prev_end);
        assert_true((size_t)t->off + t->len <= d->len);
        assert_true((size_t)t->norm + t->norm_len <= d->norm.len);
        prev_end = (size_t)t->off + t->len;
    }
    uint32_t next = 0;
    for (uint32_t i = 0; i < d->n_sent; i++) {
        const struct tr_sentence *s = &d->sent[i];
        assert_int_equal(s->first, next);
        assert_true(s->n_tokens > 0);
        assert_true(s->n_tokens <= TRUCE_MAX_SENTENCE_TOKENS);
        const struct tr_token *a = &d->tok[s->first];
        const struct tr_token *z = &d->tok[s->first + s->n_tokens - 1];
        assert_int_equal(s->off, a->off);
        assert_int_equal(s->len, z->off + z->len - a->off);
        next = s->first + s->n_tokens;
    }
    assert_int_equal(next, d->n_tok);
}

static void run(struct tr_doc *d, const char *s, size_t n)
{
    assert_int_equal(tr_doc_set_text(d, s, n), TRUCE_OK);
    assert_int_equal(tr_doc_tokenize(d), TRUCE_OK);
    assert_int_equal(tr_doc_split(d), TRUCE_OK);
    check_invariants(d);
}

static void add(struct tr_buf *b, const char *s, size_t n)
{
    assert_int_equal(tr_buf_add(b, s, n), TRUCE_OK);
}

static void adds(struct tr_buf *b, const char *s)
{
    add(b, s, strlen(s));
}

static const char KIND_SUFFIX[][3] = {"",   "/N", "/P", "/Q", "/D",
                                      "/H", "/S", "/O", "/C", "/Y"};

static void render_tokens(const struct tr_doc *d, struct tr_buf *out)
{
    for (uint32_t i = 0; i < d->n_tok; i++) {
        size_t n;
        const char *s = tr_doc_norm(d, i, &n);
        if (i)
            adds(out, " ");
        add(out, s, n);
        if (d->tok[i].flags & TR_TF_ABBREV)
            adds(out, "*");
        adds(out, KIND_SUFFIX[d->tok[i].kind]);
    }
}

static const struct {
    unsigned flag;
    char letter;
} FLAG_LETTERS[] = {
    {TR_TF_CAP, 'c'},     {TR_TF_UPPER, 'u'},   {TR_TF_ABBREV, 'a'},
    {TR_TF_SPACE, 's'},   {TR_TF_NEWLINE, 'n'}, {TR_TF_PARA, 'p'},
    {TR_TF_QOPEN, 'o'},   {TR_TF_QCLOSE, 'x'},  {TR_TF_INQUOTE, 'q'},
    {TR_TF_BRACKET, 'b'},
};

static void render_flags(const struct tr_doc *d, struct tr_buf *out)
{
    for (uint32_t i = 0; i < d->n_tok; i++) {
        size_t n;
        const char *s = tr_doc_norm(d, i, &n);
        if (i)
            adds(out, " ");
        add(out, s, n);
        if (d->tok[i].flags)
            adds(out, ":");
        for (size_t k = 0; k < sizeof FLAG_LETTERS / sizeof *FLAG_LETTERS; k++) {
            if (d->tok[i].flags & FLAG_LETTERS[k].flag)
                add(out, &FLAG_LETTERS[k].letter, 1);
        }
    }
}

static void render_spans(const struct tr_doc *d, struct tr_buf *out)
{
    for (uint32_t i = 0; i < d->n_tok; i++) {
        if (i)
            adds(out, "|");
        add(out, d->text + d->tok[i].off, d->tok[i].len);
    }
}

/* Sentences as their text, " || " between; {D} dateline, {C} caption,
 * {Q} in a quotation, {P} paragraph start (only when 'para' is set). */
static void render_sents(const struct tr_doc *d, struct tr_buf *out, int para)
{
    for (uint32_t i = 0; i < d->n_sent; i++) {
        const struct tr_sentence *s = &d->sent[i];
        if (i)
            adds(out, " || ");
        if (s->flags & TR_SF_DATELINE)
            adds(out, "{D}");
        if (s->flags & TR_SF_CAPTION)
            adds(out, "{C}");
        if (s->flags & TR_SF_INQUOTE)
            adds(out, "{Q}");
        if (para && (s->flags & TR_SF_PARA))
            adds(out, "{P}");
        add(out, d->text + s->off, s->len);
    }
}

typedef void render_fn(const struct tr_doc *d, struct tr_buf *out);

static void expect(const char *in, const char *want, render_fn *render)
{
    struct tr_doc d;
    struct tr_buf out;
    tr_doc_init(&d);
    tr_buf_init(&out, 1 << 20);
    run(&d, in, strlen(in));
    render(&d, &out);
    if (strcmp(out.data ? out.data : "", want) != 0)
        fail_msg("input: %s\n  want: %s\n  got:  %s", in, want,
                 out.data ? out.data : "");
    tr_buf_release(&out);
    tr_doc_release(&d);
}

static void render_sents_plain(const struct tr_doc *d, struct tr_buf *out)
{
    render_sents(d, out, 0);
}

static void render_sents_para(const struct tr_doc *d, struct tr_buf *out)
{
    render_sents(d, out, 1);
}

/* ---- tokens ---- */

static const struct {
    const char *in, *want;
} TOKEN_CASES[] = {
    {"Tripoli-based forces", "tripoli -/H based forces"},
    {"UN-backed government", "un -/H backed government"},
    {"al-Sarraj said", "al -/H sarraj said"},
    {"Haftar's forces", "haftar 's/S forces"},
    {"Haftar\u2019s forces\u2019 push", "haftar 's/S forces '/S push"},
    {"the forces' positions", "the forces '/S positions"},
    {"don't go", "don't go"},
    {"O'Brien's view", "o'brien 's/S view"},
    {"it's over", "it 's/S over"},
    {"rock 'n' roll", "rock 'n' roll"},
    {"the '90s and 1990s", "the '90s/N and 1990s/N"},
    {"the \u201890s", "the '90s/N"},
    {"12, 3.5, 1,200 and 20th", "12/N ,/P 3.5/N ,/P 1,200/N and 20th/N"},
    {"a 2,000-strong force", "a 2,000/N -/H strong force"},
    {"the U.N. and U.S. envoys", "the u.n.* and u.s.* envoys"},
    {"U.S.-backed forces", "u.s.* -/H backed forces"},
    {"the U.N.'s envoy", "the u.n.* 's/S envoy"},
    {"Gen. Haftar met Lt. Col. Ahmed", "gen.* haftar met lt.* col.* ahmed"},
    {"GEN. HAFTAR", "gen.* haftar"},
    {"Khalifa B. Haftar", "khalifa b.* haftar"},
    {"at 5 p.m. on Feb. 18", "at 5/N p.m.* on feb.* 18/N"},
    {"No. 5 and no. 6", "no.* 5/N and no ./P 6/N"},
    {"He said No. Then", "he said no ./P then"},
    {"Mar. 3 and mar.", "mar.* 3/N and mar ./P"},
    {"Smith Jr. and Acme Inc. etc. vs. them",
     "smith jr.* and acme inc.* etc.* vs.* them"},
    {"e.g. this, i.e. that", "e.g.* this ,/P i.e.* that"},
    {"I.B.M. and the U.S.A.", "i.b.m.* and the u.s.a.*"},
    {"fighting -- and shelling \u2014 and \u2013 more",
     "fighting -/D and shelling -/D and -/D more"},
    {"1990\u20131995", "1990/N -/D 1995/N"},
    {"-5 degrees", "-/D 5/N degrees"},
    {"a - b", "a -/D b"},
    {"(Reuters) [sic] {x}", "(/O reuters )/C [/O sic ]/C {/O x }/C"},
    {"50% of $5", "50/N %/Y of $/Y 5/N"},
    {"Wait... what?!", "wait .../P what ?/P !/P"},
    {"Wait\u2026 what", "wait .../P what"},
    {"!!! %%% ***", "!!!/P %%%/Y ***/Y"},
    {"\u201CPeace,\u201D he said", "\"/Q peace ,/P \"/Q he said"},
    {"\"Peace,\" he said", "\"/Q peace ,/P \"/Q he said"},
    {"He said \u2018no\u2019 twice", "he said '/Q no '/Q twice"},
    {"He said 'no' twice", "he said '/Q no '/Q twice"},
    {"example.com", "example ./P com"},
    {"soft hy\u00ADphen", "soft hyphen"},
    {"\uFF34\uFF52\uFF49\uFF50\uFF4F\uFF4C\uFF49 \uFB01nal", "tripoli final"},
    {"Cafe\u0301 Stra\u00DFe", "caf\u00E9 strasse"},
    {"\u0642\u0627\u0644 \u0627\u0644\u0633\u0631\u0627\u062C",
     "\u0642\u0627\u0644 \u0627\u0644\u0633\u0631\u0627\u062C"},
    {"a\u00A0b\u200Bc", "a b c"},
    {"", ""},
    {" \t\r\n\n ", ""},
};

static void test_tokens(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof TOKEN_CASES / sizeof *TOKEN_CASES; i++)
        expect(TOKEN_CASES[i].in, TOKEN_CASES[i].want, render_tokens);
}

static const struct {
    const char *in, *want;
} SPAN_CASES[] = {
    {"Haftar\u2019s forces\u2019 \u201Cpush\u201D",
     "Haftar|\u2019s|forces|\u2019|\u201C|push|\u201D"},
    {"U.S.-backed (GNA)", "U.S.|-|backed|(|GNA|)"},
    {"caf\u00E9 \u2014 bar", "caf\u00E9|\u2014|bar"},
    {"x\r\n\r\ny", "x|y"},
};

static void test_spans(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SPAN_CASES / sizeof *SPAN_CASES; i++)
        expect(SPAN_CASES[i].in, SPAN_CASES[i].want, render_spans);
}

/* Flags: c CAP, u UPPER, a ABBREV, s SPACE, n NEWLINE, p PARA, o QOPEN,
 * x QCLOSE, q INQUOTE, b BRACKET. */
static const struct {
    const char *in, *want;
} FLAG_CASES[] = {
    {"TRIPOLI Libya U.N.", "tripoli:cu libya:cs u.n.:cuas"},
    {"He said \"we win\" now", "he:c said:s \":so we:q win:sq \":x now:s"},
    {"a (b [c] d) e", "a (:s b:b [:sb c:b ]:b d:sb ) e:s"},
    {"a (b c.\n\nd", "a (:s b c:s . d:snp"},
    {"x ( y ) ( z w", "x (:s y:sb ):s (:s z:s w:s"},
    {"a\nb", "a b:sn"},
    {"a\n \nb", "a b:snp"},
    {"a\r\n\r\nb", "a b:snp"},
    {"a\fb", "a b:snp"},
    /* A quotation continued in the next paragraph (newswire style). */
    {"\"We fight.\n\n\"We win,\" he said.\n\nThen",
     "\":o we:cq fight:sq .:q \":snpoq we:cq win:sq ,:q \":x he:s said:s . "
     "then:csnp"},
    /* Not continued: the quotation ends with its paragraph. */
    {"\"We fight.\n\nThen", "\":o we:cq fight:sq .:q then:csnp"},
    {"(\"x\")", "( \":ob x:qb \":xb )"},
    {"He said 'no' then", "he:c said:s ':so no:q ':x then:s"},
};

static void test_flags(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof FLAG_CASES / sizeof *FLAG_CASES; i++)
        expect(FLAG_CASES[i].in, FLAG_CASES[i].want, render_flags);
}

/* ---- folding ---- */

static const struct {
    const char *in, *want;
} FOLD_CASES[] = {
    {"ABC def", "abc def"},
    {"Haftar\u2019s", "haftar's"},
    {"\u201CHi\u201D", "\"hi\""},
    {"en\u2013dash em\u2014dash", "en-dash em-dash"},
    {"\uFB01", "fi"},
    {"\uFF34\uFF52\uFF49\uFF50\uFF4F\uFF4C\uFF49", "tripoli"},
    {"Cafe\u0301", "caf\u00E9"},
    {"\u00C9COLE", "\u00E9cole"},
    {"Stra\u00DFe", "strasse"},
    {"\u0394\u0397\u039C\u039F\u03A3", "\u03B4\u03B7\u03BC\u03BF\u03C3"},
    {"", ""},
};

static void test_fold(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof FOLD_CASES / sizeof *FOLD_CASES; i++) {
        struct tr_buf b;
        tr_buf_init(&b, 1 << 20);
        const char *in = FOLD_CASES[i].in;
        assert_int_equal(tr_fold(&b, in, strlen(in)), TRUCE_OK);
        assert_string_equal(b.data ? b.data : "", FOLD_CASES[i].want);
        tr_buf_release(&b);
    }
    /* Invalid UTF-8 is refused and leaves the buffer as it was. */
    struct tr_buf b;
    tr_buf_init(&b, 1 << 20);
    assert_int_equal(tr_fold(&b, "ok", 2), TRUCE_OK);
    assert_int_equal(tr_fold(&b, "\xC3\x28", 2), TRUCE_EINPUT);
    assert_string_equal(b.data, "ok");
    tr_buf_release(&b);
}

/* ---- UTF-8 repair ---- */

#define FFFD "\xEF\xBF\xBD"

static const struct {
    const char *in;
    size_t len;
    const char *want;
    uint32_t bad;
    uint64_t first;
} UTF8_CASES[] = {
    {"abc", 3, "abc", 0, 0},
    {"\xF0\x9F\x98\x80 \xC3\xA9", 7, "\xF0\x9F\x98\x80 \xC3\xA9", 0, 0},
    {"a\xFF" "b", 3, "a" FFFD "b", 1, 1},
    {"\xC0\xAF", 2, FFFD FFFD, 2, 0},                   /* overlong */
    {"\xE0\x80\xAF", 3, FFFD FFFD FFFD, 3, 0},          /* overlong */
    {"\xED\xA0\x80", 3, FFFD FFFD FFFD, 3, 0},          /* surrogate */
    {"x\xE2\x82", 3, "x" FFFD, 1, 1},                   /* truncated */
    {"\xE2\x82x", 3, FFFD "x", 1, 0},
    {"\xF0\x9F\x98" "a", 4, FFFD "a", 1, 0},
    {"\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4, 0}, /* > U+10FFFF */
    {"\xF5\xF8\xFE", 3, FFFD FFFD FFFD, 3, 0},
    {"a\0b", 3, "a" FFFD "b", 1, 1},
    {"a\x01\tb\r\n\f", 7, "a" FFFD "\tb\r\n\f", 1, 1},
    {"\x80", 1, FFFD, 1, 0},
};

static void test_utf8(void **state)
{
    (void)state;
    struct tr_doc d;
    tr_doc_init(&d);
    for (size_t i = 0; i < sizeof UTF8_CASES / sizeof *UTF8_CASES; i++) {
        const char *in = UTF8_CASES[i].in;
        assert_int_equal(tr_doc_set_text(&d, in, UTF8_CASES[i].len), TRUCE_OK);
        size_t want_len = strlen(UTF8_CASES[i].want);
        assert_int_equal(d.len, want_len);
        assert_memory_equal(d.text, UTF8_CASES[i].want, want_len);
        assert_int_equal(d.n_bad_utf8, UTF8_CASES[i].bad);
        assert_int_equal(d.first_bad_off, UTF8_CASES[i].first);
        if (UTF8_CASES[i].bad == 0)
            assert_ptr_equal(d.text, in); /* valid text is not copied */
        assert_int_equal(tr_doc_tokenize(&d), TRUCE_OK);
        assert_int_equal(tr_doc_split(&d), TRUCE_OK);
        check_invariants(&d);
    }
    tr_doc_release(&d);
}

static void test_limit(void **state)
{
    (void)state;
    size_t n = (size_t)TRUCE_MAX_ARTICLE + 1;
    char *big = calloc(n, 1); /* zero pages: never touched */
    assert_non_null(big);
    struct tr_doc d;
    tr_doc_init(&d);
    assert_int_equal(tr_doc_set_text(&d, big, n), TRUCE_ELIMIT);
    assert_int_equal(d.len, 0);
    assert_int_equal(tr_doc_tokenize(&d), TRUCE_OK);
    assert_int_equal(d.n_tok, 0);
    tr_doc_release(&d);
    free(big);
}

/* ---- sentences ---- */

static const struct {
    const char *in, *want;
} SENT_CASES[] = {
    {"Lt. Col. Ahmed al-Mismari said the U.N. envoy met Gen. Haftar on "
     "Feb. 18. The talks failed.",
     "Lt. Col. Ahmed al-Mismari said the U.N. envoy met Gen. Haftar on "
     "Feb. 18. || The talks failed."},
    {"Forces shelled the port. Rebels fled!", "Forces shelled the port. || "
                                              "Rebels fled!"},
    {"Did they? Yes.", "Did they? || Yes."},
    {"Khalifa B. Haftar met Mr. Smith and Dr. Jones.",
     "Khalifa B. Haftar met Mr. Smith and Dr. Jones."},
    {"The rate rose 3.5 percent. It fell.",
     "The rate rose 3.5 percent. || It fell."},
    {"He met the U.S. envoy. The U.S. Army left.",
     "He met the U.S. envoy. || The U.S. Army left."},
    {"Aid came from the U.S. The talks failed.",
     "Aid came from the U.S. || The talks failed."},
    {"Aid came from the U.S. Secretary Blinken said so.",
     "Aid came from the U.S. Secretary Blinken said so."},
    {"It ended at 5 p.m. He left.", "It ended at 5 p.m. || He left."},
    {"On Feb. 20 talks began.", "On Feb. 20 talks began."},
    {"They met in Feb. The talks failed.",
     "They met in Feb. || The talks failed."},
    {"He said \"we will win.\" The army agreed.",
     "He said \"we will win.\" || The army agreed."},
    {"Haftar (who met Gen. Smith. He left) spoke. Then x.",
     "Haftar (who met Gen. Smith. He left) spoke. || Then x."},
    {"(The talks failed.) The army left.",
     "(The talks failed.) || The army left."},
    {"Line one\nline two. Next", "Line one\nline two. || Next"},
    {"First para\n\nSecond para", "First para || Second para"},
    {"TRIPOLI, Feb 20 (Agency) - Forces shelled the port.",
     "{D}TRIPOLI, Feb 20 (Agency) - || Forces shelled the port."},
    {"TRIPOLI, Libya, Feb. 20 (Reuters) -- Forces shelled the port.",
     "{D}TRIPOLI, Libya, Feb. 20 (Reuters) -- || Forces shelled the port."},
    {"KHARTOUM (Agency) \u2014 Talks collapsed.",
     "{D}KHARTOUM (Agency) \u2014 || Talks collapsed."},
    {"ABU DHABI, Feb. 3, 2020 (Reuters) - Talks began.",
     "{D}ABU DHABI, Feb. 3, 2020 (Reuters) - || Talks began."},
    {"Libya talks fail\n\nTRIPOLI - Talks failed.",
     "Libya talks fail || {D}TRIPOLI - || Talks failed."},
    {"NATO forces attacked - reports said.",
     "NATO forces attacked - reports said."},
    {"Photo: Fighters in Tripoli.\n\nThe talks failed.",
     "{C}Photo: Fighters in Tripoli. || The talks failed."},
    {"Reporting by Ali Smith; Editing by Jo Brown",
     "{C}Reporting by Ali Smith; Editing by Jo Brown"},
    {"Talks failed.\n\n(Reporting by Ali Smith)",
     "Talks failed. || {C}(Reporting by Ali Smith)"},
    {"File photo of Haftar. He smiled.",
     "{C}File photo of Haftar. || {C}He smiled."},
    {"\"We will fight. We will win.\n\n\"We will not stop,\" he said.",
     "\"We will fight. || {Q}We will win. || {Q}\"We will not stop,\" he "
     "said."},
    {"\"We will win,\" he said. \"We will not stop.\"",
     "\"We will win,\" he said. || \"We will not stop.\""},
    {"Visit example.com. Then leave.", "Visit example.com. || Then leave."},
    {"Wait... what happened? Nothing.",
     "Wait... what happened? || Nothing."},
    {"Fighting continued... The army withdrew.",
     "Fighting continued... || The army withdrew."},
    {"It is No. 1. It won.", "It is No. 1. || It won."},
    {"\u0642\u0627\u0644. \u0642\u0627\u0644.",
     "\u0642\u0627\u0644. || \u0642\u0627\u0644."},
    {"Sentence one.Sentence two.", "Sentence one.Sentence two."},
    {"He said: 'no.' Then he left.", "He said: 'no.' || Then he left."},
    {"Acme Inc. The firm said. Acme Inc. Chief Ali said.",
     "Acme Inc. || The firm said. || Acme Inc. Chief Ali said."},
    {"The talks in Washington D.C. ended.",
     "The talks in Washington D.C. ended."},
    {"Dozens died. 12 were soldiers.", "Dozens died. || 12 were soldiers."},
    {"", ""},
    {"   \n\n  ", ""},
};

static void test_sentences(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SENT_CASES / sizeof *SENT_CASES; i++)
        expect(SENT_CASES[i].in, SENT_CASES[i].want, render_sents_plain);
}

static const struct {
    const char *in, *want;
} PARA_CASES[] = {
    {"A b.\n\nC d. E f.", "{P}A b. || {P}C d. || E f."},
    {"TRIPOLI - A b. C d.", "{D}{P}TRIPOLI - || A b. || C d."},
};

static void test_para(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof PARA_CASES / sizeof *PARA_CASES; i++)
        expect(PARA_CASES[i].in, PARA_CASES[i].want, render_sents_para);
}

static void test_long_sentence(void **state)
{
    (void)state;
    struct tr_buf in;
    tr_buf_init(&in, 1 << 20);
    for (int i = 0; i < 1000; i++)
        adds(&in, "word ");
    struct tr_doc d;
    tr_doc_init(&d);
    run(&d, in.data, in.len);
    assert_int_equal(d.n_tok, 1000);
    assert_int_equal(d.n_sent, 3);
    assert_int_equal(d.sent[0].n_tokens, TRUCE_MAX_SENTENCE_TOKENS);
    assert_int_equal(d.sent[2].n_tokens, 1000 - 2 * TRUCE_MAX_SENTENCE_TOKENS);
    tr_doc_release(&d);
    tr_buf_release(&in);
}

/* ---- hostile input ---- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void test_random_bytes(void **state)
{
    (void)state;
    static const char alphabet[] = "aZ .,'\"-()\n\t0\xE2\x80\x9C\x9D\x99\xC3"
                                   "\xA9\xFF\x00";
    struct tr_doc d;
    tr_doc_init(&d);
    char buf[4096];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = next_rand() % sizeof buf;
        int biased = iter & 1;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = next_rand();
            buf[i] = biased ? alphabet[r % (sizeof alphabet - 1)] : (char)r;
        }
        run(&d, buf, n);
    }
    tr_doc_release(&d);
}

static void test_giant_token(void **state)
{
    (void)state;
    size_t n = 1u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    memset(s, 'A', n);
    struct tr_doc d;
    tr_doc_init(&d);
    run(&d, s, n);
    assert_int_equal(d.n_tok, 1);
    assert_int_equal(d.tok[0].len, n);
    assert_int_equal(d.tok[0].norm_len, 65535);
    assert_int_equal(d.n_sent, 1);
    /* Two-byte letters: the folded form is cut at a character boundary. */
    for (size_t i = 0; i + 1 < n; i += 2)
        memcpy(s + i, "\xC3\x89", 2);
    run(&d, s, n);
    assert_int_equal(d.n_tok, 1);
    assert_int_equal(d.tok[0].norm_len, 65534);
    assert_int_equal((unsigned char)d.norm.data[65532], 0xC3);
    tr_doc_release(&d);
    free(s);
}

static void test_unbalanced(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "\"\"\"\"\" ''''' ((((( ))))) [[[ ]]] \u201C\u201C\u201D",
        "\"open and never closed. Another sentence. And more.",
        ")))) ((((( x. Y.",
        "'s 's '' ' '90 'n 'n' --- -",
        "\u2018\u2019\u201C\u201D\u2026\u2014\u2013",
        ". . . ! ? ...",
        "U.S",
        "U.",
        "A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.",
        "No.",
        "TRIPOLI",
        "TRIPOLI, (",
        "TRIPOLI, Feb",
        "\n\n\n\n",
        "-",
        "'",
        "\"",
        "\xE2\x80",
    };
    struct tr_doc d;
    tr_doc_init(&d);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run(&d, cases[i], strlen(cases[i]));
    /* Deep nesting beyond what the tokenizer tracks. */
    char deep[2000];
    memset(deep, '(', 1000);
    memset(deep + 1000, ')', 1000);
    run(&d, deep, sizeof deep);
    for (size_t i = 0; i < sizeof deep; i += 2)
        memcpy(deep + i, i < 1000 ? "(a" : "b)", 2);
    run(&d, deep, sizeof deep);
    tr_doc_release(&d);
}

/* Every allocation failure comes back as TRUCE_ENOMEM, never a crash. */
static void test_oom(void **state)
{
    (void)state;
    const char *in = "TRIPOLI, Feb 20 (Agency) - Gen. Haftar\u2019s forces "
                     "shelled the port. \"We will win,\" he said.\n\nCaf\u00E9"
                     " \xFF done.";
    for (long n = 0;; n++) {
        struct tr_doc d;
        tr_doc_init(&d);
        tr_alloc_fail_after(n);
        int rc = tr_doc_set_text(&d, in, strlen(in));
        if (!rc)
            rc = tr_doc_tokenize(&d);
        if (!rc)
            rc = tr_doc_split(&d);
        tr_alloc_fail_after(-1);
        tr_doc_release(&d);
        if (rc == TRUCE_OK)
            break;
        assert_int_equal(rc, TRUCE_ENOMEM);
        assert_true(n < 1000);
    }
}

/* The same tr_doc reused for many articles keeps working. */
static void test_reuse(void **state)
{
    (void)state;
    struct tr_doc d;
    tr_doc_init(&d);
    run(&d, "One. Two.", 9);
    assert_int_equal(d.n_sent, 2);
    run(&d, "a\xFF", 2);
    assert_int_equal(d.n_bad_utf8, 1);
    run(&d, "Three.", 6);
    assert_int_equal(d.n_bad_utf8, 0);
    assert_int_equal(d.n_sent, 1);
    tr_doc_reset(&d);
    assert_int_equal(d.n_tok, 0);
    tr_doc_release(&d);
    tr_doc_release(&d); /* idempotent */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_para),
        cmocka_unit_test(test_long_sentence),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_giant_token),
        cmocka_unit_test(test_unbalanced),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
