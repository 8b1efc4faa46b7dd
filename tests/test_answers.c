/* test_answers.c: answers files in YAML and JSON, every error with its
 * position, the setters, and the writer's round trip with hostile texts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "load.h"
#include "util.h"

static struct model M;      /* the built-in model, loaded once for the group */
static struct model FREE;   /* a small questionnaire with an unrestricted text */

static const char FREEQ[] =
	"id: free\n"
	"version: 1\n"
	"title: Free\n"
	"factors:\n"
	"  - {id: f, name: F, weight: 2}\n"
	"sections:\n"
	"  - id: s\n"
	"    title: S\n"
	"    questions:\n"
	"      - {id: note, text: Note?, kind: text, max_length: 1000, default: hello}\n"
	"      - {id: n, text: N?, kind: number, min: -1e9, max: 1e15, default: 1}\n"
	"      - id: pick\n"
	"        text: Pick?\n"
	"        kind: multiple\n"
	"        options: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]\n"
	"      - {id: code, text: Code?, kind: text, pattern: \"[A-Z]{3}\"}\n"
	"      - id: one\n"
	"        text: One?\n"
	"        kind: single\n"
	"        default: y\n"
	"        options: [{id: x, label: X}, {id: y, label: Y}]\n";

static int setup(void **state)
{
	struct diag_list d = {0};
	int rc = load_model(&(struct load_sources){0}, &M, &d);
	static const char cases[] = "case_studies: []\n";
	rc |= load_model_from_text(FREEQ, strlen(FREEQ), "free.yaml", NULL, 0, NULL, cases,
				   strlen(cases), "c.yaml", NULL, 0, NULL, &FREE, &d);
	diag_print(&d, stderr);
	diag_list_fini(&d);
	return rc;
}

static int teardown(void **state)
{
	model_free(&M);
	model_free(&FREE);
	return 0;
}

static int qix(const struct model *m, const char *id)
{
	int q = model_question_index(m, id);
	assert_true(q >= 0);
	return q;
}

static void expect(const struct diag_list *d, unsigned line, unsigned col, const char *what)
{
	for (size_t i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, what)) {
			if (d->items[i].line != line || d->items[i].col != col)
				fail_msg("'%s' at %u:%u, expected %u:%u", d->items[i].message,
					 d->items[i].line, d->items[i].col, line, col);
			return;
		}
	diag_print(d, stderr);
	fail_msg("no diag containing '%s'", what);
}

/* Parses text, expects failure and a message at line:col. */
static void bad(const char *name, const char *text, unsigned line, unsigned col, const char *what)
{
	struct answers a;
	struct diag_list d = {0};
	assert_int_equal(answers_parse(&M, text, strlen(text), name, &a, &d), -1);
	expect(&d, line, col, what);
	assert_string_equal(d.items[0].file, name);
	answers_fini(&a);
	diag_list_fini(&d);
}

static const char GOOD_YAML[] =
	"questionnaire: k8s-vs-serverless\n"
	"answers:\n"
	"  traffic_pattern: daily_cycle   # single\n"
	"  hardware: [gpu]\n"
	"  requests_per_day: 100000\n"
	"  service_name: user-api\n"
	"weights:\n"
	"  cost_sensitivity: 5\n"
	"date: 2026-11-26\n"
	"decision_makers: [Ana, Bo]\n";

static const char GOOD_JSON[] =
	"{\n"
	"  \"questionnaire\": \"k8s-vs-serverless\",\n"
	"  \"answers\": {\n"
	"    \"traffic_pattern\": \"daily_cycle\",\n"
	"    \"hardware\": [\"gpu\"],\n"
	"    \"requests_per_day\": 100000,\n"
	"    \"service_name\": \"user-api\"\n"
	"  },\n"
	"  \"weights\": {\"cost_sensitivity\": 5},\n"
	"  \"date\": \"2026-11-26\",\n"
	"  \"decision_makers\": [\"Ana\", \"Bo\"]\n"
	"}\n";

static void check_good(const struct answers *a, bool all_present)
{
	assert_string_equal(answers_choice_by_id(&M, a, "traffic_pattern"), "daily_cycle");
	int hw = qix(&M, "hardware");
	const struct question *q = model_question(&M, (size_t)hw);
	assert_int_equal(answers_selected(&M, a, (size_t)hw),
			 UINT64_C(1) << model_option_index(q, "gpu"));
	assert_true(answers_number_by_id(&M, a, "requests_per_day") == 100000.0);
	assert_string_equal(answers_text_by_id(&M, a, "service_name"), "user-api");
	int f = model_factor_index(&M, "cost_sensitivity");
	assert_true(f >= 0);
	assert_int_equal(answers_weight(&M, a, (size_t)f), 5);
	int f2 = model_factor_index(&M, "traffic_pattern");
	assert_int_equal(answers_weight(&M, a, (size_t)f2), M.questionnaire->factors[f2].weight);
	/* unanswered: the question's default */
	int mem = qix(&M, "memory_mb");
	assert_int_equal(a->values[mem].present, all_present);
	assert_true(answers_number(&M, a, (size_t)mem) ==
		    strtod(model_question(&M, (size_t)mem)->default_value, NULL));
	assert_string_equal(a->date, "2026-11-26");
	assert_int_equal(a->decision_makers_count, 2);
	assert_string_equal(a->decision_makers[1], "Bo");
	assert_true(isnan(answers_number_by_id(&M, a, "nope")));
	assert_null(answers_choice_by_id(&M, a, "nope"));
	assert_true(answers_selected_has(&M, a, "hardware", "gpu"));
	assert_false(answers_selected_has(&M, a, "hardware", "nope"));
	assert_false(answers_selected_has(&M, a, "nope", "gpu"));
	/* a single-choice question has no selection */
	assert_false(answers_selected_has(&M, a, "traffic_pattern", "daily_cycle"));
}

static void test_yaml_and_json(void **state)
{
	struct answers y, j;
	struct diag_list d = {0};
	assert_int_equal(answers_parse(&M, GOOD_YAML, strlen(GOOD_YAML), "a.yaml", &y, &d), 0);
	assert_int_equal(answers_parse(&M, GOOD_JSON, strlen(GOOD_JSON), "a.json", &j, &d), 0);
	assert_int_equal(d.count, 0);
	check_good(&y, false);
	check_good(&j, false);
	char *ty = answers_to_yaml(&M, &y, NULL), *tj = answers_to_yaml(&M, &j, NULL);
	assert_string_equal(ty, tj);
	free(ty);
	free(tj);
	/* a byte order mark before JSON is skipped */
	char *bom = xasprintf("\xEF\xBB\xBF%s", GOOD_JSON);
	struct answers b;
	assert_int_equal(answers_parse(&M, bom, strlen(bom), "b.json", &b, &d), 0);
	check_good(&b, false);
	answers_fini(&b);
	free(bom);
	/* JSON told apart by content when the name does not say */
	struct answers k;
	assert_int_equal(answers_parse(&M, GOOD_JSON, strlen(GOOD_JSON), "-", &k, &d), 0);
	check_good(&k, false);
	answers_fini(&k);
	answers_fini(&y);
	answers_fini(&j);
}

static void test_answer_errors(void **state)
{
	bad("a.yaml", "answers:\n  traffic_pattern: steady\n  bogus: 1\n", 3, 3, "unknown question 'bogus'");
	bad("a.yaml", "answers:\n  traffic_pattern: weekly\n", 2, 20,
	    "traffic_pattern: unknown option 'weekly' (one of: steady, daily_cycle, spiky, sporadic)");
	bad("answers.yaml", "questionnaire: k8s-vs-serverless\nanswers:\n  traffic_pattern: steady\n  requests_per_day: 1e12\n",
	    4, 21, "requests_per_day: 1e12 is above the maximum 10000000000");
	bad("a.yaml", "answers:\n  memory_mb: 1\n", 2, 14, "memory_mb: 1 is below the minimum 64");
	bad("a.yaml", "answers:\n  memory_mb: lots\n", 2, 14, "memory_mb: 'lots' is not a number");
	bad("a.yaml", "answers:\n  memory_mb: '128'\n", 2, 14, "memory_mb: expected a number, got the text '128'");
	bad("a.yaml", "answers:\n  memory_mb: [1]\n", 2, 14, "memory_mb: expected a number, got a list");
	bad("a.yaml", "answers:\n  memory_mb: .nan\n", 2, 14, "memory_mb: '.nan' is not a number");
	bad("a.yaml", "answers:\n  traffic_pattern: [steady]\n", 2, 20,
	    "traffic_pattern: expected one option id, got a list");
	bad("a.yaml", "answers:\n  hardware: {gpu: true}\n", 2, 13,
	    "hardware: expected a list of option ids, got a mapping");
	bad("a.yaml", "answers:\n  hardware: [gpu, tpu]\n", 2, 19, "hardware: unknown option 'tpu'");
	bad("a.yaml", "answers:\n  service_name: Bad_Name\n", 2, 17,
	    "service_name: 'Bad_Name' is not valid: a lower-case letter first");
	bad("a.yaml", "answers:\n  service_name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	    2, 17, "service_name: text is 64 characters long, the limit is 49");
	bad("a.yaml", "answers:\n  service_name: \"a\\x01b\"\n", 2, 17,
	    "service_name: control character 0x01");
	bad("a.yaml", "answers:\n  service_name: [a]\n", 2, 17, "service_name: expected a text, got a list");
	bad("a.yaml", "questionnaire: other\nanswers: {}\n", 1, 16,
	    "these answers are for questionnaire 'other', not 'k8s-vs-serverless'");
	bad("a.yaml", "answers: {}\ncolour: red\n", 2, 1, "unknown key 'colour'");
	bad("a.yaml", "answers: [1]\n", 1, 10, "answers must be a mapping");
	bad("a.yaml", "answers:\n  traffic_pattern: steady\n  traffic_pattern: spiky\n", 3, 3,
	    "duplicate key 'traffic_pattern' (first at line 2)");
	bad("a.yaml", "- 1\n", 1, 1, "an answers file is a mapping");
	bad("a.yaml", "", 1, 1, "empty answers file");
	/* Whole-number questions refuse fractions; a decimal comma is refused
	 * with the reason, in YAML and JSON alike. */
	bad("a.yaml", "answers:\n  container_port: 80.5\n", 2, 19,
	    "container_port: 80.5 is not a whole number");
	bad("a.json", "{\"answers\": {\"node_count\": 2.5}}", 1, 28,
	    "node_count: 2.5 is not a whole number");
	bad("a.yaml", "answers:\n  node_hourly_usd: 0,17\n", 2, 20,
	    "for a fraction use a decimal point: 0.17");
	bad("a.yaml", "answers:\n  requests_per_day: 0x10\n", 2, 21,
	    "requests_per_day: '0x10' is not a number");
}

/* The one reading of numbers, for the wizard and answers files. */
static void test_number_read(void **state)
{
	static const struct { const char *text, *unit; double want; } good[] = {
		{"2,500,000", NULL, 2500000}, {"2.5M", NULL, 2.5e6}, {"5k", NULL, 5000},
		{"1G", NULL, 1e9}, {" 42 ", NULL, 42}, {"1_000", NULL, 1000}, {"-3", NULL, -3},
		{".5", NULL, 0.5}, {"1e3", NULL, 1000}, {"0.17", NULL, 0.17},
		{"1G", "MB", 1024}, {"2GB", "MB", 2048}, {"512M", "MB", 512}, {"1.5g", "MB", 1536},
		{"1,234.5", NULL, 1234.5},
	};
	static const struct { const char *text, *unit, *why; } bad_ones[] = {
		{"2,5M", NULL, "decimal point: 2.5M"}, {"0,17", NULL, "decimal point: 0.17"},
		{"1,23,456", NULL, "groups of three"}, {"1,000_000", NULL, "groups of three"},
		{",100", NULL, "groups of three"}, {"1.5,0", NULL, "after the decimal point"},
		{"1k", "MB", "sizes here are in MB"}, {"1GB", NULL, "not a number"},
		{"", NULL, "no number"}, {"inf", NULL, "not a number"}, {"0x10", NULL, "not a number"},
		{"1e999", NULL, "not a finite number"}, {"k", NULL, "not a number"}, {"1kk", NULL, "not a number"},
		{"1 000", NULL, "not a number"}, {"-", NULL, "not a number"},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		double v = -1;
		char *why = answers_number_read(good[i].text, good[i].unit, &v);
		if (why)
			fail_msg("'%s': %s", good[i].text, why);
		if (fabs(v - good[i].want) > 1e-9)
			fail_msg("'%s' read as %g, not %g", good[i].text, v, good[i].want);
	}
	for (size_t i = 0; i < sizeof bad_ones / sizeof bad_ones[0]; i++) {
		double v;
		char *why = answers_number_read(bad_ones[i].text, bad_ones[i].unit, &v);
		if (!why)
			fail_msg("'%s' accepted as %g", bad_ones[i].text, v);
		if (!strstr(why, bad_ones[i].why))
			fail_msg("'%s': '%s' does not say '%s'", bad_ones[i].text, why, bad_ones[i].why);
		free(why);
	}
	double z = 1;
	assert_null(answers_number_read("-0", NULL, &z));   /* never "-0 requests/day" */
	assert_true(z == 0 && !signbit(z));
	/* The question's rules: whole numbers, range, unit. */
	const struct question *port = model_question(&M, (size_t)qix(&M, "container_port"));
	const struct question *mem = model_question(&M, (size_t)qix(&M, "memory_mb"));
	double v;
	char *why = answers_number_parse(port, "80.5", &v);
	assert_non_null(strstr(why, "not a whole number"));
	free(why);
	assert_null(answers_number_parse(port, "8,080", &v));
	assert_true(v == 8080);
	assert_null(answers_number_parse(mem, "1G", &v));
	assert_true(v == 1024);
	why = answers_number_parse(mem, "1.0001G", &v);
	assert_non_null(strstr(why, "not a whole number"));
	free(why);
	struct answers a;
	assert_int_equal(answers_init(&a, &M), 0);
	assert_int_equal(answers_set_number(&M, &a, (size_t)qix(&M, "container_port"), 80.5, &why), -1);
	assert_non_null(strstr(why, "not a whole number"));
	free(why);
	answers_fini(&a);
}

static void test_top_level_errors(void **state)
{
	bad("a.yaml", "weights:\n  colour: 3\n", 2, 3, "unknown factor 'colour' in weights");
	bad("a.yaml", "weights:\n  cost_sensitivity: 7\n", 2, 21,
	    "weight of cost_sensitivity: '7' is not a whole number from 0 to 5");
	bad("a.yaml", "weights:\n  cost_sensitivity: 2.5\n", 2, 21, "is not a whole number from 0 to 5");
	bad("a.yaml", "weights:\n  cost_sensitivity: 6\n", 2, 21,
	    "weight of cost_sensitivity: '6' is not a whole number from 0 to 5");
	bad("a.yaml", "weights:\n  cost_sensitivity: -1\n", 2, 21,
	    "weight of cost_sensitivity: '-1' is not a whole number from 0 to 5");
	bad("a.yaml", "date: 2026-02-30\n", 1, 7, "date: '2026-02-30' is not a valid YYYY-MM-DD date");
	bad("a.yaml", "date: 2023-02-29\n", 1, 7, "is not a valid YYYY-MM-DD date");
	bad("a.yaml", "date: 26-11-2026\n", 1, 7, "is not a valid YYYY-MM-DD date");
	bad("a.yaml", "decision_makers: {a: 1}\n", 1, 18, "decision_makers: expected a list of names");
	bad("a.yaml", "answers:\n  traffic_pattern: &x steady\n  latency_target: *x\n", 3, 19,
	    "YAML aliases are not allowed");
	bad("a.yaml", "answers: {traffic_pattern: [[[[[[[[[[[[[[[[steady]]]]]]]]]]]]]]]]}\n", 1, 42,
	    "nested too deeply (more than 16 levels)");
	bad("a.yaml", "answers:\n  traffic_pattern: steady\n---\nanswers: {}\n", 3, 1,
	    "only one YAML document is allowed");
	bad("a.yaml", "answers:\n  traffic_pattern: \"unterminated\n", 3, 1, "YAML syntax error");
	bad("a.yaml", "answers:\n  service_name: \xc3\x28\n", 2, 17, "invalid UTF-8");

	struct answers a;
	struct diag_list d = {0};
	/* weights 0 and 5, the bounds, are accepted */
	const char *w05 = "weights:\n  cost_sensitivity: 0\n  traffic_pattern: 5\n";
	assert_int_equal(answers_parse(&M, w05, strlen(w05), "a.yaml", &a, &d), 0);
	assert_int_equal(answers_weight(&M, &a, (size_t)model_factor_index(&M, "cost_sensitivity")), 0);
	assert_int_equal(answers_weight(&M, &a, (size_t)model_factor_index(&M, "traffic_pattern")), 5);
	answers_fini(&a);
	assert_true(answers_valid_date("2024-02-29"));
	assert_false(answers_valid_date("2024-13-01"));
	/* February 29: every 4th year, not every 100th, but every 400th. */
	assert_true(answers_valid_date("2000-02-29"));
	assert_false(answers_valid_date("1900-02-29"));
	assert_false(answers_valid_date("2100-02-29"));
	assert_true(answers_valid_date("2400-02-29"));
	assert_false(answers_valid_date("2023-02-29"));
	assert_true(answers_valid_date("2100-02-28"));
	/* each month's last day, and the day after */
	static const char *const last[] = { "01-31", "02-28", "03-31", "04-30", "05-31", "06-30",
					    "07-31", "08-31", "09-30", "10-31", "11-30", "12-31" };
	static const char *const after[] = { "01-32", "02-29", "03-32", "04-31", "05-32", "06-31",
					     "07-32", "08-32", "09-31", "10-32", "11-31", "12-32" };
	for (int i = 0; i < 12; i++) {
		char ok[16], no[16];
		snprintf(ok, sizeof(ok), "2026-%s", last[i]);
		snprintf(no, sizeof(no), "2026-%s", after[i]);
		if (!answers_valid_date(ok) || answers_valid_date(no))
			fail_msg("%s should be valid, %s not", ok, no);
	}
	assert_false(answers_valid_date("2026-00-10"));
	assert_false(answers_valid_date("2026-01-00"));
	assert_true(answers_valid_date("0000-01-01"));
	assert_true(answers_valid_date("9999-12-31"));
	assert_false(answers_valid_date("2026-1-01"));
	assert_false(answers_valid_date("2026/01/01"));
	bad("a.yaml", "date: 2100-02-29\n", 1, 7, "date: '2100-02-29' is not a valid YYYY-MM-DD date");
	bad("a.yaml", "date: 1900-02-29\n", 1, 7, "date: '1900-02-29' is not a valid YYYY-MM-DD date");
	const char *one = "decision_makers: Ana\ndate: 2024-02-29\n";
	assert_int_equal(answers_parse(&M, one, strlen(one), "a.yaml", &a, &d), 0);
	assert_int_equal(a.decision_makers_count, 1);
	assert_string_equal(a.decision_makers[0], "Ana");
	answers_fini(&a);
	/* a lone option id for a multiple-choice question is a one-element list */
	const char *lone = "answers: {hardware: gpu, existing_investments: []}\n";
	assert_int_equal(answers_parse(&M, lone, strlen(lone), "a.yaml", &a, &d), 0);
	int hw = qix(&M, "hardware"), ei = qix(&M, "existing_investments");
	assert_int_equal(answers_selected(&M, &a, (size_t)hw),
			 UINT64_C(1) << model_option_index(model_question(&M, (size_t)hw), "gpu"));
	assert_true(a.values[ei].present);
	assert_int_equal(answers_selected(&M, &a, (size_t)ei), 0);
	answers_fini(&a);
	/* null keeps the default */
	const char *nul = "answers:\n  traffic_pattern:\n";
	assert_int_equal(answers_parse(&M, nul, strlen(nul), "a.yaml", &a, &d), 0);
	assert_false(a.values[qix(&M, "traffic_pattern")].present);
	answers_fini(&a);
	assert_int_equal(d.count, 0);
}

static void test_limits(void **state)
{
	struct strbuf sb = {0};
	sb_append(&sb, "answers:\n");
	for (int i = 0; i < 10001; i++)
		sb_printf(&sb, "  k%d: 1\n", i);
	char *big = sb_take(&sb);
	bad("a.yaml", big, 10001, 3, "too many keys (more than 10000)");
	free(big);
	/* JSON: "answers" is key 1, so k9999 is the 10,001st */
	sb_append(&sb, "{\"answers\": {");
	for (int i = 0; i < 10001; i++)
		sb_printf(&sb, "%s\"k%d\": 1", i ? ", " : "", i);
	sb_append(&sb, "}}");
	big = sb_take(&sb);
	unsigned col = (unsigned)(strstr(big, "\"k9999\"") - big) + 1;
	bad("a.json", big, 1, col, "too many keys (more than 10000)");
	free(big);
}

/* The whole list of errors, not just the first. */
static void test_collects_all(void **state)
{
	const char *t = "answers:\n  traffic_pattern: weekly\n  memory_mb: 1\n  bogus: 2\nweights: {colour: 1}\n";
	struct answers a;
	struct diag_list d = {0};
	assert_int_equal(answers_parse(&M, t, strlen(t), "a.yaml", &a, &d), -1);
	assert_int_equal(d.count, 4);
	answers_fini(&a);
	diag_list_fini(&d);
}

static void test_json_errors(void **state)
{
	const char *t = "{\"answers\": {\"traffic_pattern\": \"steady\",}}";
	bad("a.json", t, 1, 43, "JSON syntax error near '}'");   /* where cJSON stopped */
	bad("a.json", "{\"answers\": {\"traffic_pattern\": ", 1, 32, "JSON syntax error: the text ends too early");
	bad("a.json", "{\"answers\": nope}", 1, 13, "JSON syntax error near 'nope}'");
	bad("a.json", "{\"answers\": {}} x", 1, 17, "JSON syntax error: text after the end");
	t = "{\n  \"answers\": {\n    \"traffic_pattern\": \"weekly\"\n  }\n}\n";
	bad("a.json", t, 3, 24, "traffic_pattern: unknown option 'weekly'");
	t = "{\n  \"answers\": {\n    \"bogus\": 1,\n    \"memory_mb\": 1e9\n  }\n}\n";
	bad("a.json", t, 3, 5, "unknown question 'bogus'");
	bad("a.json", t, 4, 18, "memory_mb: 1e9 is above the maximum 1048576");
	bad("a.json", "{\"answers\": {\"memory_mb\": \"128\"}}", 1, 27,
	    "memory_mb: expected a number, got the text '128'");
	bad("a.json", "{\"answers\": {\"traffic_pattern\": 3}}", 1, 33, "unknown option '3'");
	bad("a.json", "{\"colour\": 1}", 1, 2, "unknown key 'colour'");
	bad("a.json", "{\"answers\": {\"service_name\": \"a\\u0001b\"}}", 1, 30, "control character 0x01");
	bad("a.json", "{\"a\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}", 1, 21, "nested too deeply");
	bad("x.json", "[1]", 1, 1, "an answers file is a mapping");
	struct strbuf deep = {0};
	sb_append(&deep, "{\"answers\": ");
	for (int i = 0; i < 1100; i++)
		sb_append(&deep, "[");
	char *dt = sb_take(&deep);
	bad("deep.json", dt, 1, 28, "nested too deeply (more than 16 levels)");
	free(dt);
}

/* Every number question of the built-in questionnaire, at each bound and
 * one past it on both sides: the bound itself is accepted, in a file and by
 * the setter; one past is refused with the bound in the message. The bounds
 * are written here, so a changed limit in the questionnaire shows too. */
static void test_number_bounds(void **state)
{
	static const struct {
		const char *id, *min, *max, *below, *above;
	} qs[] = {
		{ "requests_per_day", "0", "10000000000", "-1", "10000000001" },
		{ "avg_duration_ms", "1", "86400000", "0", "86400001" },
		{ "memory_mb", "64", "1048576", "63", "1048577" },
		{ "container_port", "1", "65535", "0", "65536" },
		{ "node_count", "1", "1000", "0", "1001" },
		{ "node_hourly_usd", "0", "1000", "-1", "1001" },
	};
	unsigned numbers = 0;
	for (size_t qi = 0; qi < M.question_count; qi++)
		numbers += model_question(&M, qi)->kind == QK_NUMBER;
	assert_int_equal(numbers, sizeof(qs) / sizeof(qs[0]));
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		int q = qix(&M, qs[i].id);
		const char *ok[2] = { qs[i].min, qs[i].max };
		for (int k = 0; k < 2; k++) {
			char *t = xasprintf("answers:\n  %s: %s\n", qs[i].id, ok[k]);
			struct answers a;
			struct diag_list d = {0};
			if (answers_parse(&M, t, strlen(t), "a.yaml", &a, &d) != 0) {
				diag_print(&d, stderr);
				fail_msg("%s: %s refused", qs[i].id, ok[k]);
			}
			assert_true(answers_number(&M, &a, (size_t)q) == strtod(ok[k], NULL));
			char *err = NULL;
			if (answers_set_number(&M, &a, (size_t)q, strtod(ok[k], NULL), &err) != 0)
				fail_msg("%s = %s by the setter: %s", qs[i].id, ok[k], err);
			answers_fini(&a);
			diag_list_fini(&d);
			free(t);
		}
		char *t = xasprintf("answers:\n  %s: %s\n", qs[i].id, qs[i].below);
		char *want = xasprintf("%s: %s is below the minimum %s", qs[i].id, qs[i].below, qs[i].min);
		bad("a.yaml", t, 2, (unsigned)strlen(qs[i].id) + 5, want);
		free(t);
		free(want);
		t = xasprintf("answers:\n  %s: %s\n", qs[i].id, qs[i].above);
		want = xasprintf("%s: %s is above the maximum %s", qs[i].id, qs[i].above, qs[i].max);
		bad("a.yaml", t, 2, (unsigned)strlen(qs[i].id) + 5, want);
		free(t);
		free(want);
		struct answers a;
		answers_init(&a, &M);
		char *err = NULL;
		assert_int_equal(answers_set_number(&M, &a, (size_t)q, strtod(qs[i].below, NULL), &err), -1);
		want = xasprintf("%s is below the minimum %s", qs[i].below, qs[i].min);
		assert_string_equal(err, want);
		free(err);
		free(want);
		assert_int_equal(answers_set_number(&M, &a, (size_t)q, strtod(qs[i].above, NULL), &err), -1);
		want = xasprintf("%s is above the maximum %s", qs[i].above, qs[i].max);
		assert_string_equal(err, want);
		free(err);
		free(want);
		answers_fini(&a);
	}
}

/* A text limit counts characters, and the limit itself is allowed: 1000
 * characters (or 1000 two-byte é) accepted, 1001 refused; service_name's
 * 49 accepted, 50 refused. */
static void test_text_limits(void **state)
{
	struct answers a;
	char *err = NULL;
	int note = qix(&FREE, "note");
	answers_init(&a, &FREE);
	char buf[2 * 1001 + 1];
	memset(buf, 'x', 1000);
	buf[1000] = '\0';
	assert_int_equal(answers_set_text(&FREE, &a, (size_t)note, buf, &err), 0);
	buf[1000] = 'x';
	buf[1001] = '\0';
	assert_int_equal(answers_set_text(&FREE, &a, (size_t)note, buf, &err), -1);
	assert_string_equal(err, "text is 1001 characters long, the limit is 1000");
	free(err);
	for (int i = 0; i < 1000; i++)
		memcpy(buf + 2 * i, "\xc3\xa9", 2);
	buf[2000] = '\0';
	assert_int_equal(answers_set_text(&FREE, &a, (size_t)note, buf, &err), 0);
	answers_fini(&a);

	char name[64];
	memset(name, 'a', 49);
	name[49] = '\0';
	char *t = xasprintf("answers:\n  service_name: %s\n", name);
	struct diag_list d = {0};
	if (answers_parse(&M, t, strlen(t), "a.yaml", &a, &d) != 0) {
		diag_print(&d, stderr);
		fail_msg("a service_name of 49 characters refused");
	}
	answers_fini(&a);
	free(t);
	t = xasprintf("answers:\n  service_name: %sa\n", name);
	bad("a.yaml", t, 2, 17, "service_name: text is 50 characters long, the limit is 49");
	free(t);
}

static void test_setters(void **state)
{
	struct answers a;
	answers_init(&a, &M);
	char *err = NULL;
	int tp = qix(&M, "traffic_pattern"), rpd = qix(&M, "requests_per_day");
	int sn = qix(&M, "service_name"), hw = qix(&M, "hardware");
	assert_int_equal(answers_set_option(&M, &a, (size_t)tp, 2), 0);
	assert_string_equal(answers_choice_by_id(&M, &a, "traffic_pattern"), "spiky");
	assert_int_equal(answers_set_option(&M, &a, (size_t)tp, 99), -1);
	assert_int_equal(answers_set_option(&M, &a, (size_t)rpd, 0), -1);
	assert_int_equal(answers_set_number(&M, &a, (size_t)rpd, 1e12, &err), -1);
	assert_string_equal(err, "1000000000000 is above the maximum 10000000000");
	free(err);
	assert_int_equal(answers_set_number(&M, &a, (size_t)rpd, NAN, &err), -1);
	free(err);
	assert_int_equal(answers_set_number(&M, &a, (size_t)rpd, 5000, &err), 0);
	assert_true(answers_number(&M, &a, (size_t)rpd) == 5000);
	assert_int_equal(answers_set_text(&M, &a, (size_t)sn, "Bad Name", &err), -1);
	assert_non_null(strstr(err, "is not valid: a lower-case letter first"));
	free(err);
	assert_int_equal(answers_set_text(&M, &a, (size_t)sn, "orders-api", &err), 0);
	assert_string_equal(answers_text(&M, &a, (size_t)sn), "orders-api");
	assert_int_equal(answers_set_selected(&M, &a, (size_t)hw, UINT64_C(1) << 40), -1);
	assert_int_equal(answers_set_selected(&M, &a, (size_t)hw, 3), 0);
	assert_int_equal(answers_selected(&M, &a, (size_t)hw), 3);
	assert_int_equal(answers_set_selected(&M, &a, (size_t)tp, 1), -1);

	struct answers b;
	a.weights[0] = 1;
	answers_copy(&b, &a);
	assert_string_equal(answers_text(&M, &b, (size_t)sn), "orders-api");
	assert_ptr_not_equal(b.values[sn].text, a.values[sn].text);
	assert_int_equal(b.weights[0], 1);
	assert_int_equal(b.weights[M.questionnaire->factors_count], ANSWERS_WEIGHTS_END);
	answers_fini(&a);
	answers_fini(&b);
}

/* to_yaml -> parse -> to_yaml gives the same text and the same values. */
static void round_trip(const struct model *m, const struct answers *a, struct answers *back)
{
	size_t len;
	char *y = answers_to_yaml(m, a, &len);
	assert_non_null(y);
	assert_int_equal(strlen(y), len);
	struct diag_list d = {0};
	if (answers_parse(m, y, len, "rt.yaml", back, &d) != 0) {
		fprintf(stderr, "%s", y);
		diag_print(&d, stderr);
		fail_msg("written answers do not parse back");
	}
	char *y2 = answers_to_yaml(m, back, NULL);
	assert_string_equal(y, y2);
	free(y);
	free(y2);
}

static void test_to_yaml_defaults(void **state)
{
	struct answers a, b;
	answers_init(&a, &M);
	char *y = answers_to_yaml(&M, &a, NULL);
	assert_non_null(strstr(y, "questionnaire: k8s-vs-serverless\nanswers:\n"));
	/* every question, defaults included, in questionnaire order */
	const char *prev = y;
	for (size_t i = 0; i < M.question_count; i++) {
		char *key = xasprintf("\n  %s: ", model_question(&M, i)->id);
		const char *at = strstr(y, key);
		assert_non_null(at);
		assert_true(at > prev);
		prev = at;
		free(key);
	}
	assert_null(strstr(y, "weights:"));
	free(y);
	int f = model_factor_index(&M, "vendor_strategy");
	a.weights[f] = M.questionnaire->factors[f].weight == 0 ? 1 : 0;
	a.date = xstrdup("2026-01-02");
	round_trip(&M, &a, &b);
	assert_int_equal(answers_weight(&M, &b, (size_t)f), (unsigned)a.weights[f]);
	assert_string_equal(b.date, "2026-01-02");
	for (size_t i = 0; i < M.question_count; i++)
		assert_true(b.values[i].present);
	answers_fini(&b);
	answers_fini(&a);

	struct diag_list d = {0};
	assert_int_equal(answers_parse(&M, GOOD_YAML, strlen(GOOD_YAML), "a.yaml", &a, &d), 0);
	round_trip(&M, &a, &b);
	check_good(&b, true);
	answers_fini(&a);
	answers_fini(&b);
}

static void test_tricky_texts(void **state)
{
	static const char *const texts[] = {
		"it's \"quoted\"", "a: b", "line1\nline2\n", "line1\n\n\nline4", "# not a comment",
		"- dash", "---", "...", "", "null", "~", "Null", "true", "no", "123", "1e3", "0x1F",
		" leading space", "trailing space ", "tab\there", "\ttab first", "\n", "\n\nx\n\n",
		"ünïcödé ✓ 日本", "[x]", "{a: 1}", "&anchor", "*alias", "!tag", "%percent", "@at",
		"`tick", "key: value # c", "'single'", "\"double\"", "back\\slash", "|", ">", "? q",
		"a,b", "very long " "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyy zzzzzzzzzzzzzzzzzzzzzzzzzzz",
		"two  spaces   inside", "\xe2\x80\xa8 line separator",
	};
	int note = qix(&FREE, "note"), n = qix(&FREE, "n"), pick = qix(&FREE, "pick");
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct answers a, b;
		answers_init(&a, &FREE);
		char *err = NULL;
		if (answers_set_text(&FREE, &a, (size_t)note, texts[i], &err) != 0)
			fail_msg("text %zu refused: %s", i, err);
		round_trip(&FREE, &a, &b);
		assert_string_equal(answers_text(&FREE, &b, (size_t)note), texts[i]);
		answers_fini(&a);
		answers_fini(&b);
	}
	static const double nums[] = {0, -1, 0.1, 1e-7, 12345678901234.0, 123.456, -999999999};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		struct answers a, b;
		answers_init(&a, &FREE);
		assert_int_equal(answers_set_number(&FREE, &a, (size_t)n, nums[i], NULL), 0);
		assert_int_equal(answers_set_selected(&FREE, &a, (size_t)pick, i & 7), 0);
		round_trip(&FREE, &a, &b);
		assert_true(answers_number(&FREE, &b, (size_t)n) == nums[i]);
		assert_int_equal(answers_selected(&FREE, &b, (size_t)pick), i & 7);
		answers_fini(&a);
		answers_fini(&b);
	}
	struct answers a, b;
	answers_init(&a, &FREE);
	a.decision_makers_count = 2;
	a.decision_makers = xcalloc(2, sizeof(char *));
	a.decision_makers[0] = xstrdup("O'Brien: CTO");
	a.decision_makers[1] = xstrdup("null");
	round_trip(&FREE, &a, &b);
	assert_int_equal(b.decision_makers_count, 2);
	assert_string_equal(b.decision_makers[0], "O'Brien: CTO");
	assert_string_equal(b.decision_makers[1], "null");
	/* an unanswered text without a default is left out, so the file reads back */
	assert_false(b.values[qix(&FREE, "code")].present);
	/* the default text, written out, reads back as an answer */
	assert_string_equal(answers_text(&FREE, &b, (size_t)note), "hello");
	assert_string_equal(answers_choice_by_id(&FREE, &b, "one"), "y");
	answers_fini(&a);
	answers_fini(&b);
}

static void test_load_file(void **state)
{
	char *path = xasprintf("%s/aw_test_answers_%d.json", P_tmpdir, 0);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(GOOD_JSON, f);
	fclose(f);
	struct answers a;
	struct diag_list d = {0};
	assert_int_equal(answers_load(&M, path, &a, &d), 0);
	check_good(&a, false);
	answers_fini(&a);
	remove(path);
	assert_int_equal(answers_load(&M, path, &a, &d), -1);
	assert_non_null(strstr(d.items[0].message, "cannot open"));
	answers_fini(&a);
	diag_list_fini(&d);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_and_json),
		cmocka_unit_test(test_answer_errors),
		cmocka_unit_test(test_number_read),
		cmocka_unit_test(test_top_level_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_collects_all),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_number_bounds),
		cmocka_unit_test(test_text_limits),
		cmocka_unit_test(test_setters),
		cmocka_unit_test(test_to_yaml_defaults),
		cmocka_unit_test(test_tricky_texts),
		cmocka_unit_test(test_load_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
