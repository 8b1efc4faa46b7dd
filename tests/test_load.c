/* test_load.c: the schemas, their positioned errors, the semantic checks,
 * the model indexes, file reading and `check`, on inline documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "file.h"
#include "answers.h"
#include "builtin.h"
#include "load.h"
#include "util.h"

static const char MINQ[] =
	"id: t\n"
	"version: 1\n"
	"title: T\n"
	"factors:\n"
	"  - id: f1\n"
	"    name: F1\n"
	"    weight: 3\n"
	"sections:\n"
	"  - id: s1\n"
	"    title: S1\n"
	"    questions:\n"
	"      - id: q1\n"
	"        text: Q1?\n"
	"        kind: single\n"
	"        factor: f1\n"
	"        default: a\n"
	"        options:\n"
	"          - id: a\n"
	"            label: A\n"
	"            scores: {kubernetes: 1, serverless: 2, kubernetes_serverless: 3, serverless_containers: 4, hybrid: 5}\n"
	"          - id: b\n"
	"            label: B\n"
	"            scores: {kubernetes: 5, serverless: 4, kubernetes_serverless: 3, serverless_containers: 2, hybrid: 1}\n"
	"      - id: n1\n"
	"        text: N?\n"
	"        kind: number\n"
	"        min: 0\n"
	"        max: 100\n"
	"        default: 10\n"
	"      - id: t1\n"
	"        text: T?\n"
	"        kind: text\n"
	"        pattern: \"[a-z]+\"\n"
	"        default: abc\n"
	"  - id: s2\n"
	"    title: S2\n"
	"    questions:\n"
	"      - id: m1\n"
	"        text: M?\n"
	"        kind: multiple\n"
	"        defaults: [x]\n"
	"        options:\n"
	"          - {id: x, label: X}\n"
	"          - {id: y, label: Y}\n"
	"rules:\n"
	"  - id: r1\n"
	"    when: q1 == b\n"
	"    architecture: serverless\n"
	"    effect: exclude\n"
	"    reason: because\n";

static const char NO_CASES[] = "case_studies: []\n";

/* text with the first `from` replaced by `to` (caller frees). */
static char *subst(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	assert_non_null(p);
	return xasprintf("%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
}

/* 1-based line and column where needle first occurs in text. */
static void pos_of(const char *text, const char *needle, unsigned *line, unsigned *col)
{
	const char *p = strstr(text, needle);
	assert_non_null(p);
	*line = 1;
	*col = 1;
	for (const char *s = text; s < p; s++) {
		if (*s == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int load_q(const char *q, struct model *m, struct diag_list *d)
{
	return load_model_from_text(q, strlen(q), "q.yaml", NULL, 0, NULL, NO_CASES,
				    strlen(NO_CASES), "c.yaml", NULL, 0, NULL, m, d);
}

/* Asserts one diag in d is at file:line:col and contains what. */
static void expect(const struct diag_list *d, const char *file, unsigned line, unsigned col,
		   const char *what)
{
	for (size_t i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, what) && strcmp(d->items[i].file, file) == 0) {
			if (d->items[i].line != line || d->items[i].col != col)
				fail_msg("'%s' at %u:%u, expected %u:%u", d->items[i].message,
					 d->items[i].line, d->items[i].col, line, col);
			return;
		}
	diag_print(d, stderr);
	fail_msg("no diag containing '%s'", what);
}

/* Loads MINQ with from->to, expects failure with what at marker's position. */
static void bad_q(const char *from, const char *to, const char *marker, const char *what)
{
	char *q = subst(MINQ, from, to);
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_q(q, &m, &d), -1);
	assert_null(m.questionnaire);
	unsigned line, col;
	pos_of(q, marker, &line, &col);
	expect(&d, "q.yaml", line, col, what);
	diag_list_fini(&d);
	free(q);
}

static void test_good_questionnaire(void **state)
{
	struct model m;
	struct diag_list d = {0};
	if (load_q(MINQ, &m, &d) != 0)
		diag_print(&d, stderr);
	assert_int_equal(d.count, 0);
	assert_int_equal(m.question_count, 4);
	assert_int_equal(model_question_index(&m, "q1"), 0);
	assert_int_equal(model_question_index(&m, "m1"), 3);
	assert_int_equal(model_question_index(&m, "t1"), 2);
	assert_int_equal(model_question_index(&m, "zz"), -1);
	assert_int_equal(m.refs[3].section, 1);
	assert_int_equal(m.refs[3].index, 0);
	assert_string_equal(model_question(&m, 1)->id, "n1");
	const struct questionnaire *q = m.questionnaire;
	assert_true(q->close_margin == 5.0);
	assert_true(q->case_study_bonus == 5.0);
	assert_int_equal(q->sections[0].questions[2].max_length, 253);
	assert_int_equal(q->sections[0].questions[0].kind, QK_SINGLE);
	assert_int_equal(q->sections[1].questions[0].combine, COMBINE_MEAN);
	assert_true(q->sections[0].questions[1].max == 100.0);
	assert_int_equal(q->sections[0].questions[0].options[0].scores->score[ARCH_HYBRID], 5);
	assert_int_equal(q->sections[0].questions[0].options[1].scores->score[ARCH_KUBERNETES], 5);
	assert_int_equal(q->rules[0].effect, RULE_EXCLUDE);
	for (int a = 0; a < ARCH_COUNT; a++) {
		assert_non_null(m.arch[a]);
		assert_string_equal(m.arch[a]->id, arch_id((enum arch)a));
	}
	assert_non_null(m.pricing[PROVIDER_AWS]);
	assert_int_equal(m.case_studies->case_studies_count, 0);
	model_free(&m);
	assert_null(m.questionnaire);
	model_free(NULL);
}

/* Built-in case studies beside another questionnaire: profiles keep only
 * what that questionnaire knows, and loading succeeds. */
static void test_builtin_cases_lenient(void **state)
{
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_model_from_text(MINQ, strlen(MINQ), "q.yaml", NULL, 0, NULL, NULL, 0,
					      NULL, NULL, 0, NULL, &m, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(m.case_studies->case_studies_count, 4);
	for (size_t i = 0; i < m.question_count; i++)
		assert_false(m.case_studies->case_studies[0].profile.values[i].present);
	model_free(&m);
}

static void test_explicit_zero_kept(void **state)
{
	char *q = subst(MINQ, "title: T\n", "title: T\nclose_margin: 0\ncase_study_bonus: 0\n");
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_q(q, &m, &d), 0);
	assert_true(m.questionnaire->close_margin == 0.0);
	assert_true(m.questionnaire->case_study_bonus == 0.0);
	model_free(&m);
	free(q);
}

static void test_schema_errors(void **state)
{
	bad_q("        text: Q1?\n", "        text: Q1?\n        bogus: 1\n", "bogus",
	      "unknown key 'bogus' in sections[0].questions[0]");
	bad_q("title: T\n", "title: T\nextra: 1\n", "extra", "unknown key 'extra' at the top level");
	bad_q("    weight: 3\n", "    weight: lots\n", "lots", "factors[0].weight: expected a whole number");
	bad_q("factors:\n  - id: f1\n    name: F1\n    weight: 3\n", "factors: []\n", "[]",
	      "factors: needs at least 1 entry");
	bad_q("        options:\n          - {id: x", "        options: {x: 1}\n        xx:\n          - {id: x", "{x: 1}",
	      "sections[1].questions[0].options: expected a list, got a mapping");
	bad_q("            scores: {kubernetes: 1,", "            scores:\n            xscores: {kubernetes: 1,", "\n            xscores",
	      "sections[0].questions[0].options[0].scores: expected a mapping, got nothing");
	bad_q("        text: Q1?\n", "        text: {a: 1}\n", "{a: 1}",
	      "sections[0].questions[0].text: expected a text, got a mapping");
	bad_q("    weight: 3\n", "    weight: 3.5\n", "3.5", "factors[0].weight: expected a whole number (0 or more), got '3.5'");
	bad_q("min: 0\n", "min: 1e400\n", "1e400", "sections[0].questions[1].min: expected a finite number");
	bad_q("        kind: single\n", "        kind: single\n        ordered: maybe\n", "maybe",
	      "sections[0].questions[0].ordered: expected true or false, got 'maybe'");
	bad_q("        kind: single\n", "        kind: singular\n", "singular",
	      "sections[0].questions[0].kind: expected one of single, multiple, number, text, got 'singular'");
	bad_q("        kind: single\n", "        kind: [single]\n", "[single]",
	      "sections[0].questions[0].kind: expected one of single, multiple, number, text, got a list");
	bad_q("    effect: exclude\n", "    effect: forbid\n", "forbid",
	      "rules[0].effect: expected one of exclude, penalise, boost, got 'forbid'");
	bad_q("id: t\n", "id:\n", "\nversion", "id: must not be empty");
	bad_q("        text: N?\n", "        text: \"\"\n", "\"\"", "sections[0].questions[1].text: must not be empty");
	bad_q("        text: N?\n", "        text: [N]\n", "[N]",
	      "sections[0].questions[1].text: expected a text, got a list");
	bad_q("    name: F1\n", "", "id: f1", "missing required key 'name' in factors[0]");
	bad_q(", hybrid: 5}", "}", "{kubernetes: 1, serverless: 2",
	      "missing required key 'hybrid' in sections[0].questions[0].options[0].scores");
	bad_q("title: T\n", "title: T\ntitle: U\n", "title: U", "duplicate key 'title' at the top level");
	bad_q("title: T\n", "title: T: x\n", ": x", "YAML syntax error: mapping values are not allowed");
	bad_q("title: T\n", "title: [T\n", ":\n  - id: f1", "while parsing a flow sequence that started at line 3");
	bad_q("title: T\n", "title: &x T\nalias: *x\n", "*x", "aliases are not allowed");
	bad_q("title: T\n", "title: T\xff\n", "\xff", "invalid UTF-8");
}

static void test_semantic_errors(void **state)
{
	bad_q("      - id: n1\n", "      - id: q1\n", "q1\n        text: N?",
	      "duplicate question id 'q1' (first defined at line 12)");
	bad_q("{id: y,", "{id: x,", "x, label: Y", "duplicate option id 'x'");
	bad_q("  - id: s2\n", "  - id: s1\n", "s1\n    title: S2", "duplicate section id 's1'");
	bad_q("    reason: because\n",
	      "    reason: because\n  - {id: r1, when: q1 == a, architecture: hybrid, effect: boost, amount: 3, reason: r}\n",
	      "r1, when", "duplicate rule id 'r1'");
	bad_q("- id: f1\n    name: F1\n    weight: 3\n",
	      "- id: f1\n    name: F1\n    weight: 3\n  - {id: f1, name: G, weight: 1}\n",
	      "f1, name: G", "duplicate factor id 'f1'");
	bad_q("factor: f1", "factor: nope", "nope", "question 'q1': unknown factor 'nope'");
	bad_q("    weight: 3\n", "    weight: 7\n", "7", "factor 'f1': weight 7 is outside 0-5");
	bad_q("hybrid: 5}", "hybrid: 9}", "9}", "score 9 for hybrid is outside 1-5");
	bad_q("kubernetes: 5,", "kubernetes: 0,", "0,", "score 0 for kubernetes is outside 1-5");
	bad_q("            label: B\n            scores: {kubernetes: 5, serverless: 4, kubernetes_serverless: 3, serverless_containers: 2, hybrid: 1}\n",
	      "            label: B\n", "id: b\n", "option 'b' of question 'q1' needs scores");
	bad_q("        kind: number\n", "        kind: number\n        factor: f1\n", "f1\n        min",
	      "number question 'n1' feeds factor 'f1' but has no bands");
	bad_q("default: a\n", "default: zz\n", "zz", "question 'q1': default 'zz' is not one of its options");
	bad_q("defaults: [x]", "defaults: [x, zz]", "zz", "question 'm1': default 'zz' is not one of its options");
	bad_q("default: 10\n", "default: 1000\n", "1000", "question 'n1': default 1000 is outside 0..100");
	bad_q("default: 10\n", "default: 10.5\n        integer: true\n", "10.5",
	      "question 'n1': default 10.5 is not a whole number (integer: true)");
	bad_q("default: 10\n", "default: 10\n        integer: maybe\n", "maybe", "integer");
	bad_q("default: 10\n", "default: ten\n", "ten", "question 'n1': default 'ten' is not a number");
	bad_q("default: abc\n", "default: ABC\n", "ABC", "question 't1': default: 'ABC' does not match");
	bad_q("pattern: \"[a-z]+\"", "pattern: \"[a-z\"", "\"[a-z\"", "pattern is not a valid");
	bad_q("min: 0\n", "min: 500\n", "500", "question 'n1': min 500 is greater than max 100");
	bad_q("architecture: serverless", "architecture: mainframe", "mainframe",
	      "rule 'r1': unknown architecture 'mainframe'");
	bad_q("when: q1 == b", "when: nope == b", "nope == b", "rule 'r1': ");
	bad_q("        defaults: [x]\n", "        default: x\n", "x\n        options:\n          - {id: x",
	      "a multiple-choice question takes 'defaults'");
	bad_q("        kind: single\n        factor: f1\n        default: a\n        options:\n",
	      "        kind: single\n        factor: f1\n        default: a\n        options: []\n        xoptions:\n",
	      "xoptions", "unknown key 'xoptions'");
}

static void test_too_many_options(void **state)
{
	struct strbuf sb = {0};
	sb_append(&sb, "        defaults: [x]\n        options:\n");
	for (int i = 0; i < 65; i++)
		sb_printf(&sb, "          - {id: o%d, label: O}\n", i);
	char *opts = sb_take(&sb);
	char *q = subst(MINQ, "        defaults: [x]\n        options:\n          - {id: x, label: X}\n"
			"          - {id: y, label: Y}\n", opts);
	char *q2 = subst(q, "defaults: [x]", "defaults: [o1]");
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_q(q2, &m, &d), -1);
	unsigned line, col;
	pos_of(q2, "- {id: o0", &line, &col);
	expect(&d, "q.yaml", line, col, "question 'm1' has 65 options, a multiple-choice question allows at most 64");
	diag_list_fini(&d);
	free(opts);
	free(q);
	free(q2);
}

/* Schema problems too: every unknown key, missing key and bad value. */
static void test_collects_schema_errors(void **state)
{
	char *a = subst(MINQ, "        text: Q1?\n", "        text: Q1?\n        colour: red\n");
	char *b = subst(a, "    name: F1\n", "");
	char *c = subst(b, "        kind: number\n", "        kind: numeric\n");
	char *q = subst(c, "title: T\n", "title: T\nsize: big\n");
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_q(q, &m, &d), -1);
	assert_int_equal(d.count, 4);
	unsigned line, col;
	pos_of(q, "colour", &line, &col);
	expect(&d, "q.yaml", line, col, "unknown key 'colour' in sections[0].questions[0]");
	pos_of(q, "size", &line, &col);
	expect(&d, "q.yaml", line, col, "unknown key 'size' at the top level");
	pos_of(q, "id: f1", &line, &col);
	expect(&d, "q.yaml", line, col, "missing required key 'name' in factors[0]");
	pos_of(q, "numeric", &line, &col);
	expect(&d, "q.yaml", line, col, "sections[0].questions[1].kind: expected one of single, multiple, number, text, got 'numeric'");
	diag_list_fini(&d);
	free(a);
	free(b);
	free(c);
	free(q);
}

/* Every problem is reported, not only the first. */
static void test_collects_all(void **state)
{
	char *a = subst(MINQ, "    weight: 3\n", "    weight: 9\n");
	char *b = subst(a, "default: a\n", "default: zz\n");
	char *c = subst(b, "architecture: serverless", "architecture: mainframe");
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_q(c, &m, &d), -1);
	assert_int_equal(d.count, 3);
	diag_list_fini(&d);
	free(a);
	free(b);
	free(c);
}

static void load_assets(const char *arch, const char *cases, const char *pricing,
			const char *file, const char *marker, const char *what)
{
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_model_from_text(NULL, 0, NULL, arch, arch ? strlen(arch) : 0, "a.yaml",
					      cases, cases ? strlen(cases) : 0, "c.yaml",
					      pricing, pricing ? strlen(pricing) : 0, "p.yaml", &m, &d),
			 -1);
	const char *text = strcmp(file, "a.yaml") == 0 ? arch : strcmp(file, "c.yaml") == 0 ? cases : pricing;
	unsigned line, col;
	pos_of(text, marker, &line, &col);
	expect(&d, file, line, col, what);
	diag_list_fini(&d);
}

static void test_builtin_loads(void **state)
{
	struct model m;
	struct diag_list d = {0};
	int rc = load_model(&(struct load_sources){0}, &m, &d);
	diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	assert_true(m.question_count >= 28);
	assert_true(model_question_index(&m, "traffic_pattern") >= 0);
	assert_true(model_question_index(&m, "node_hourly_usd") >= 0);
	assert_int_equal(m.case_studies->case_studies_count, 4);
	/* profiles are parsed answers */
	const struct case_study *cs = &m.case_studies->case_studies[0];
	int q = model_question_index(&m, "vendor_strategy");
	assert_true(cs->profile.count == m.question_count);
	assert_true(cs->profile.values[q].present);
	assert_true(m.pricing[PROVIDER_AWS]->hours_per_month.usd > 0);
	assert_string_equal(m.pricing[PROVIDER_GCP]->provider, "gcp");
	assert_string_equal(m.pricing[PROVIDER_AZURE]->names.containers, "Azure Container Apps");
	model_free(&m);
}

static void test_architectures(void **state)
{
	const char *b = builtin_architectures.text;
	char *x = subst(b, "  - id: hybrid\n", "  - id: mainframe\n");
	load_assets(x, NULL, NULL, "a.yaml", "mainframe", "unknown architecture 'mainframe'");
	load_assets(x, NULL, NULL, "a.yaml", "- id: kubernetes", "architecture 'hybrid' is missing");
	free(x);
	x = subst(b, "  - id: hybrid\n", "  - id: kubernetes\n");
	const char *second = strstr(strstr(b, "id: kubernetes") + 1, "id: ");
	(void)second;
	char *y = subst(b, "      steady_ms: 120\n", "      steady_ms: 0\n");
	load_assets(y, NULL, NULL, "a.yaml", "0\n      after_idle_ms", "latency steady_ms must be above 0");
	free(y);
	y = subst(b, "- from: greenfield", "- from: mainframe");
	load_assets(y, NULL, NULL, "a.yaml", "mainframe", "migration from 'mainframe' is not one of");
	free(y);
	y = subst(b, "    latency:\n", "    colour: red\n    latency:\n");
	load_assets(y, NULL, NULL, "a.yaml", "colour", "unknown key 'colour' in architectures[0]");
	free(y);
	free(x);
}

static void test_case_studies(void **state)
{
	const char *b = builtin_case_studies.text;
	char *x = subst(b, "      vendor_strategy: multi_cloud\n", "      vendor_strategy: everywhere\n");
	load_assets(NULL, x, NULL, "c.yaml", "everywhere", "vendor_strategy: unknown option 'everywhere'");
	free(x);
	x = subst(b, "      service_count: very_many\n", "      colour: blue\n");
	load_assets(NULL, x, NULL, "c.yaml", "colour", "unknown question 'colour'");
	free(x);
	x = subst(b, "    architecture: kubernetes\n", "    architecture: mainframe\n");
	load_assets(NULL, x, NULL, "c.yaml", "mainframe", "case study 'spotify': unknown architecture 'mainframe'");
	free(x);
	x = subst(b, "  - id: coca_cola\n", "  - id: spotify\n");
	load_assets(NULL, x, NULL, "c.yaml", "spotify\n    name: Coca", "duplicate case study id 'spotify'");
	free(x);
}

static void test_pricing(void **state)
{
	const char *b = builtin_pricing[PROVIDER_AWS].text;
	char *x = subst(b, "  usd: 0.2\n", "  usd: -0.20\n");
	load_assets(NULL, NULL, x, "p.yaml", "-0.20", "functions_requests_per_million: -0.2 must not be negative");
	free(x);
	const char *h = strstr(b, "hours_per_month:");
	assert_non_null(h);
	const char *u = strstr(h, "usd: ");
	char *cut = xasprintf("%.*susd: 0.000\n%s", (int)(u - b), b, strchr(u, '\n') + 1);
	load_assets(NULL, NULL, cut, "p.yaml", "0.000\n", "hours_per_month must be above 0");
	free(cut);
	h = strstr(b, "hybrid_serverless_share:");
	u = strstr(h, "usd: ");
	cut = xasprintf("%.*susd: 1.5\n%s", (int)(u - b), b, strchr(u, '\n') + 1);
	load_assets(NULL, NULL, cut, "p.yaml", "1.5\n", "hybrid_serverless_share must be between 0 and 1");
	free(cut);
	x = subst(b, "functions_requests_per_million:\n  usd: 0.2\n", "functions_requests_per_million:\n");
	load_assets(NULL, NULL, x, "p.yaml", "unit: USD per million requests (x86",
		    "missing required key 'usd' in functions_requests_per_million");
	char *y = subst(b, "functions_requests_per_million:\n  usd: 0.2\n",
			"functions_requests_per_million:\n  usd: 0.2\n  usd: 0.30\n");
	load_assets(NULL, NULL, y, "p.yaml", "usd: 0.30", "duplicate key 'usd' in functions_requests_per_million");
	free(x);
	free(y);
	/* a table names its provider, one of three */
	x = subst(b, "provider: aws\n", "provider: ibm\n");
	load_assets(NULL, NULL, x, "p.yaml", "ibm", "provider 'ibm' is not one of aws, gcp, azure");
	free(x);
}

static char *write_tmp(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/aw_test_load_%d_%s", P_tmpdir, (int)getpid(), name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

static void test_read_file(void **state)
{
	struct diag_list d = {0};
	size_t len;
	char *p = write_tmp("ok.yaml", "a: 1\n", 5);
	char *t = file_read(p, &len, &d);
	assert_non_null(t);
	assert_int_equal(len, 5);
	assert_string_equal(t, "a: 1\n");
	free(t);
	unlink(p);
	free(p);

	p = write_tmp("nul.yaml", "a: 1\nb: \0x\n", 11);
	assert_null(file_read(p, &len, &d));
	expect(&d, p, 2, 4, "NUL byte");
	unlink(p);
	free(p);

	p = write_tmp("big.yaml", "", 0);
	assert_int_equal(truncate(p, FILE_MAX_BYTES + 1), 0);
	assert_null(file_read(p, &len, &d));
	expect(&d, p, 0, 0, "file too large");
	unlink(p);
	free(p);

	assert_null(file_read(P_tmpdir, &len, &d));
	expect(&d, P_tmpdir, 0, 0, "not a regular file");
	assert_null(file_read("/nonexistent/x.yaml", &len, &d));
	expect(&d, "/nonexistent/x.yaml", 0, 0, "cannot open");
	diag_list_fini(&d);
}

static void test_data_dir(void **state)
{
	char *dir = xasprintf("%s/aw_test_dd_%d", P_tmpdir, (int)getpid());
	assert_int_equal(mkdir(dir, 0700), 0);
	char *a = xasprintf("%s/architectures.yaml", dir), *c = xasprintf("%s/case-studies.yaml", dir);
	FILE *f = fopen(a, "w");
	fputs(builtin_architectures.text, f);
	fclose(f);
	f = fopen(c, "w");
	fputs(builtin_case_studies.text, f);
	fclose(f);
	struct model m;
	struct diag_list d = {0};
	struct load_sources src = {.data_dir = dir};
	assert_int_equal(load_model(&src, &m, &d), -1);
	static const char *const pn[PROVIDER_COUNT] = {"pricing-aws.yaml", "pricing-gcp.yaml",
							 "pricing-azure.yaml"};
	char *p[PROVIDER_COUNT];
	for (int i = 0; i < PROVIDER_COUNT; i++) {
		p[i] = xasprintf("%s/%s", dir, pn[i]);
		expect(&d, p[i], 0, 0, "cannot open");
	}
	assert_int_equal(d.count, PROVIDER_COUNT);
	diag_list_fini(&d);
	for (int i = 0; i < PROVIDER_COUNT; i++) {
		f = fopen(p[i], "w");
		fputs(builtin_pricing[i].text, f);
		fclose(f);
	}
	assert_int_equal(load_model(&src, &m, &d), 0);
	for (int i = 0; i < PROVIDER_COUNT; i++)
		assert_non_null(m.pricing[i]);
	model_free(&m);
	/* two tables for one provider: an error naming the second */
	f = fopen(p[PROVIDER_GCP], "w");
	fputs(builtin_pricing[PROVIDER_AWS].text, f);
	fclose(f);
	assert_int_equal(load_model(&src, &m, &d), -1);
	assert_true(d.count >= 1);
	diag_list_fini(&d);
	unlink(a);
	unlink(c);
	for (int i = 0; i < PROVIDER_COUNT; i++) {
		unlink(p[i]);
		free(p[i]);
	}
	rmdir(dir);
	free(a);
	free(c);
	free(dir);
}

static void test_sniff(void **state)
{
	assert_int_equal(load_sniff_kind(MINQ, strlen(MINQ)), FILE_QUESTIONNAIRE);
	assert_int_equal(load_sniff_kind(builtin_architectures.text, strlen(builtin_architectures.text)),
			 FILE_ARCHITECTURES);
	assert_int_equal(load_sniff_kind(NO_CASES, strlen(NO_CASES)), FILE_CASE_STUDIES);
	assert_int_equal(load_sniff_kind(builtin_pricing[0].text, strlen(builtin_pricing[0].text)), FILE_PRICING);
	assert_int_equal(load_sniff_kind("answers: {}\n", 12), FILE_ANSWERS);
	assert_int_equal(load_sniff_kind("{\"answers\": {}}", 15), FILE_ANSWERS);
	assert_int_equal(load_sniff_kind("foo: 1\n", 7), FILE_UNKNOWN);
	assert_int_equal(load_sniff_kind("- 1\n", 4), FILE_UNKNOWN);
}

static void test_check_file(void **state)
{
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_model(&(struct load_sources){0}, &m, &d), 0);
	/* a standalone questionnaire: its rules against itself */
	char *p = write_tmp("q.yaml", MINQ, strlen(MINQ));
	assert_int_equal(load_check_file(p, &m, &d), 0);
	unlink(p);
	free(p);
	char *a = subst(MINQ, "    weight: 3\n", "    weight: 9\n");
	char *b = subst(a, "default: a\n", "default: zz\n");
	p = write_tmp("q2.yaml", b, strlen(b));
	assert_int_equal(load_check_file(p, &m, &d), 2);
	unsigned line, col;
	pos_of(b, "zz", &line, &col);
	expect(&d, p, line, col, "default 'zz' is not one of its options");
	unlink(p);
	free(p);
	free(a);
	free(b);
	const char *ans = "answers:\n  traffic_pattern: steady\n  bogus: 1\n  requests_per_day: 1e12\n";
	p = write_tmp("a.yaml", ans, strlen(ans));
	assert_int_equal(load_check_file(p, &m, &d), 2);
	expect(&d, p, 3, 3, "unknown question 'bogus'");
	expect(&d, p, 4, 21, "requests_per_day: 1e12 is above the maximum");
	unlink(p);
	free(p);
	p = write_tmp("x.yaml", "foo: 1\n", 7);
	assert_int_equal(load_check_file(p, &m, &d), 1);
	expect(&d, p, 1, 1, "not an archwise file");
	unlink(p);
	free(p);
	p = write_tmp("cs.yaml", builtin_case_studies.text, strlen(builtin_case_studies.text));
	assert_int_equal(load_check_file(p, &m, &d), 0);
	unlink(p);
	free(p);
	for (size_t i = 0; i < d.count; i++) {
		char *s = diag_format(&d.items[i]);
		assert_null(strchr(s, '\n'));   /* one line each */
		free(s);
	}
	diag_list_fini(&d);
	model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_questionnaire),
		cmocka_unit_test(test_explicit_zero_kept),
		cmocka_unit_test(test_builtin_cases_lenient),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test(test_too_many_options),
		cmocka_unit_test(test_collects_all),
		cmocka_unit_test(test_collects_schema_errors),
		cmocka_unit_test(test_builtin_loads),
		cmocka_unit_test(test_architectures),
		cmocka_unit_test(test_case_studies),
		cmocka_unit_test(test_pricing),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_data_dir),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_check_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
