/* test_record.c: a decision record's data block (core/record.c) and the
 * recheck comparison (recheck/recheck.c) on the built-in model: the block
 * reads back to the same answers; every cut and every edit of the block is
 * refused with a position in the record; --set validates like an answers
 * file; what recheck reports for moved answers, rules and a model change;
 * the superseded status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cJSON.h>
#include "answers.h"
#include "engine.h"
#include "load.h"
#include "recheck.h"
#include "record.h"
#include "report.h"
#include "util.h"

struct fixture {
	struct model m;
	struct answers a;
	char *record;              /* the whole decision record */
};

static const char answers_yaml[] =
	"questionnaire: k8s-vs-serverless\n"
	"date: 2025-01-02\n"
	"decision_makers: [Ada, \"```yaml\", \"# archwise decision data 1\"]\n"
	"weights:\n"
	"  cost_sensitivity: 5\n"
	"answers:\n"
	"  traffic_pattern: spiky\n"
	"  requests_per_day: 50000\n"
	"  workload_type: http_api\n"
	"  team_expertise: serverless\n"
	"  ops_capacity: none\n"
	"  service_name: shop-api\n";

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	struct diag_list d = {0};
	struct load_sources src = {0};
	if (load_model(&src, &fx->m, &d) != 0 ||
	    answers_parse(&fx->m, answers_yaml, strlen(answers_yaml), "inline", &fx->a, &d) != 0) {
		diag_print(&d, stderr);
		return -1;
	}
	struct evaluation ev;
	if (engine_evaluate(&fx->m, &fx->a, &ev) != 0 || engine_sensitivity(&fx->m, &fx->a, &ev) != 0)
		return -1;
	struct report_options o = {.date = "2025-01-02", .answers_path = "answers.yaml"};
	fx->record = report_markdown(&fx->m, &fx->a, &ev, &o);
	engine_evaluation_fini(&ev);
	*state = fx;
	return fx->record ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	free(fx->record);
	answers_fini(&fx->a);
	model_free(&fx->m);
	free(fx);
	return 0;
}

static int parse(struct fixture *fx, const char *text, size_t len, struct answers *out,
		 struct record_meta *meta, struct diag_list *d)
{
	int rc = record_parse(&fx->m, text, len, "r.md", out, meta, d);
	return rc;
}

static void test_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct answers back;
	struct record_meta meta;
	struct diag_list d = {0};
	assert_int_equal(parse(fx, fx->record, strlen(fx->record), &back, &meta, &d), 0);
	assert_int_equal(d.count, 0);
	/* The same answers: the same YAML. */
	char *y1 = answers_to_yaml(&fx->m, &fx->a, NULL), *y2 = answers_to_yaml(&fx->m, &back, NULL);
	assert_string_equal(y1, y2);
	free(y1);
	free(y2);
	assert_string_equal(meta.version, ARCHWISE_VERSION);
	assert_string_equal(meta.prices, fx->m.pricing[PROVIDER_AWS]->date);
	assert_int_equal(meta.questionnaire_version, fx->m.questionnaire->version);
	assert_string_equal(meta.status, "proposed");
	/* A decision maker holding ``` made the fence longer than that. */
	assert_non_null(strstr(fx->record, "\n````yaml\n# archwise decision data 1\n"));
	answers_fini(&back);
	diag_list_fini(&d);

	/* CRLF line endings read the same. */
	struct strbuf sb = {0};
	for (const char *p = fx->record; *p; p++)
		sb_append(&sb, *p == '\n' ? "\r\n" : (char[]){*p, 0});
	char *crlf = sb_take(&sb);
	assert_int_equal(parse(fx, crlf, strlen(crlf), &back, &meta, &d), 0);
	answers_fini(&back);
	free(crlf);
	assert_true(record_is_markdown("x.MD", "", 0));
	assert_true(record_is_markdown("x", fx->record, strlen(fx->record)));
	assert_false(record_is_markdown("x.yaml", answers_yaml, strlen(answers_yaml)));
}

/* Every cut inside the block, at every byte, is refused with a position. */
static void test_every_cut(void **state)
{
	struct fixture *fx = *state;
	size_t len = strlen(fx->record);
	const char *block = strstr(fx->record, "### Recheck data");
	assert_non_null(block);
	size_t refused = 0;
	for (size_t n = (size_t)(block - fx->record); n + 1 < len; n++) {
		struct answers back;
		struct diag_list d = {0};
		char *cut = xstrndup(fx->record, n);
		int rc = parse(fx, cut, n, &back, NULL, &d);
		answers_fini(&back);
		/* Only the final newline may be missing. */
		if (rc == 0) {
			diag_list_fini(&d);
			free(cut);
			fail_msg("a record cut at %zu of %zu bytes was read", n, len);
		}
		assert_true(d.count >= 1);
		assert_true(d.items[0].line > 0 && d.items[0].col > 0);
		assert_string_equal(d.items[0].file, "r.md");
		refused++;
		diag_list_fini(&d);
		free(cut);
	}
	assert_true(refused > 500);
}

/* Changing any one byte of the block's content is refused (an answer that
 * stays valid by the digest, one that does not by the answers parser). */
static void test_every_edit(void **state)
{
	struct fixture *fx = *state;
	char *text = xstrdup(fx->record);
	char *start = strstr(strstr(text, "\n### Recheck data\n"), "\n# archwise decision data 1\n") + 1;
	char *end = strstr(start, "\ndigest: ");
	assert_non_null(start);
	assert_non_null(end);
	size_t tried = 0;
	for (char *p = start; p < end; p++) {
		if (*p == '\n')
			continue;
		char keep = *p;
		*p = *p == 'x' ? 'y' : 'x';
		struct answers back;
		struct diag_list d = {0};
		int rc = parse(fx, text, strlen(text), &back, NULL, &d);
		answers_fini(&back);
		*p = keep;
		if (rc == 0)
			fail_msg("an edit at byte %zu (%.20s) was read", (size_t)(p - text), p);
		assert_true(d.items[0].line > 0);
		diag_list_fini(&d);
		tried++;
	}
	free(text);
	assert_true(tried > 300);
}

static void test_set(void **state)
{
	struct fixture *fx = *state;
	struct answers a;
	char *err = NULL;
	assert_int_equal(answers_copy(&a, &fx->a), 0);
	assert_int_equal(recheck_apply_set(&fx->m, &a, "hardware=[gpu, high_memory]", &err), 0);
	assert_true(answers_selected_has(&fx->m, &a, "hardware", "gpu"));
	assert_true(answers_selected_has(&fx->m, &a, "hardware", "high_memory"));
	assert_int_equal(recheck_apply_set(&fx->m, &a, "requests_per_day=2500000", &err), 0);
	assert_true(answers_number_by_id(&fx->m, &a, "requests_per_day") == 2500000);
	static const char *const refused[] = {
		"hardware=[tpu]", "requests_per_day=-1", "requests_per_day=many", "nosuch=1",
		"=1", "traffic_pattern", "traffic_pattern=steady\nstate: stateful",
		"traffic_pattern=steady, state: stateful", "service_name=Not_A_Label",
		"traffic_pattern={a: 1}",
	};
	char *before = answers_to_yaml(&fx->m, &a, NULL);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (recheck_apply_set(&fx->m, &a, refused[i], &err) == 0)
			fail_msg("--set %s was accepted", refused[i]);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	char *after = answers_to_yaml(&fx->m, &a, NULL);
	assert_string_equal(before, after);
	free(before);
	free(after);
	answers_fini(&a);
}

static const cJSON *change_of(const struct recheck_result *r, const char *kind)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, r->changes) {
		if (strcmp(cJSON_GetObjectItem(c, "kind")->valuestring, kind) == 0)
			return c;
	}
	return NULL;
}

static void test_compare(void **state)
{
	struct fixture *fx = *state;
	struct answers rec, now;
	struct record_meta meta;
	struct diag_list d = {0};
	assert_int_equal(parse(fx, fx->record, strlen(fx->record), &rec, &meta, &d), 0);
	assert_int_equal(meta.chosen, ARCH_SERVERLESS);

	/* Unchanged: holds, nothing to say. */
	struct recheck_result r;
	assert_int_equal(recheck_compare(&fx->m, "r.md", &rec, &meta, &rec, false, &r), 0);
	assert_true(r.holds);
	assert_int_equal(cJSON_GetArraySize(r.changes), 0);
	recheck_result_fini(&r);

	/* A GPU: excluded by the rule, the answer named old -> new. */
	char *err = NULL;
	assert_int_equal(answers_copy(&now, &rec), 0);
	assert_int_equal(recheck_apply_set(&fx->m, &now, "hardware=[gpu]", &err), 0);
	assert_int_equal(recheck_compare(&fx->m, "r.md", &rec, &meta, &now, false, &r), 0);
	assert_false(r.holds);
	assert_true(r.recorded_excluded);
	const cJSON *c = change_of(&r, "rule");
	assert_non_null(c);
	assert_string_equal(cJSON_GetObjectItem(c, "effect")->valuestring, "exclude");
	assert_string_equal(cJSON_GetObjectItem(c, "architecture")->valuestring, "serverless");
	c = change_of(&r, "answer");
	assert_string_equal(cJSON_GetObjectItem(c, "old")->valuestring, "[]");
	assert_string_equal(cJSON_GetObjectItem(c, "new")->valuestring, "[gpu]");
	char *text = recheck_to_text(&fx->m, &r);
	assert_non_null(strstr(text, "r.md: no longer holds: recorded Serverless functions (now excluded)"));
	free(text);
	recheck_result_fini(&r);
	answers_fini(&now);

	/* Another model: named, with both dates; the choice itself holds. */
	struct record_meta older = meta;
	snprintf(older.prices, sizeof(older.prices), "2020-01-01");
	snprintf(older.version, sizeof(older.version), "0.0.1");
	assert_int_equal(recheck_compare(&fx->m, "r.md", &rec, &older, &rec, false, &r), 0);
	assert_true(r.holds);
	c = change_of(&r, "model");
	assert_non_null(c);
	assert_string_equal(cJSON_GetObjectItem(c, "old_prices")->valuestring, "2020-01-01");
	assert_string_equal(cJSON_GetObjectItem(c, "old_version")->valuestring, "0.0.1");
	recheck_result_fini(&r);

	/* A superseded record is not rechecked, whatever changed. */
	char *marked = record_mark_superseded(fx->record, strlen(fx->record),
					      "docs/0002-choose-kubernetes-for-shop-api.md");
	assert_non_null(marked);
	assert_non_null(strstr(marked, "\nstatus: superseded by [ADR-0002](0002-choose-kubernetes-for-shop-api.md)\n"));
	answers_fini(&rec);
	assert_int_equal(parse(fx, marked, strlen(marked), &rec, &meta, &d), 0);
	assert_true(record_status_retired(meta.status));
	assert_int_equal(recheck_compare(&fx->m, "r.md", &rec, &meta, &rec, false, &r), 0);
	assert_true(r.retired && r.holds);
	recheck_result_fini(&r);
	free(marked);
	assert_null(record_mark_superseded("# no front matter\n", 18, "0002-x.md"));
	answers_fini(&rec);
	diag_list_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_every_cut),
		cmocka_unit_test(test_every_edit),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_compare),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
