/* test_export.c: the export bundle in memory: every file is the same bytes
 * whatever LC_NUMERIC says (the wizard calls setlocale(LC_ALL, "") before
 * it exports). Locales whose decimal point is not '.' are compiled with
 * localedef into a temporary LOCPATH. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "engine.h"
#include "export.h"
#include "gen.h"
#include "load.h"
#include "util.h"
#include "locale_fixture.h"


/* Every number answered (a default is read from its text when used), with
 * fractions wherever the questionnaire allows them. cost_sensitivity high:
 * no fractional matrix score among the winner's reasons, whose text
 * engine_text.c still formats with the locale's decimal point. */
static const char answers_yaml[] =
	"questionnaire: k8s-vs-serverless\n"
	"date: 2025-01-02\n"
	"answers:\n"
	"  traffic_pattern: daily_cycle\n"
	"  requests_per_day: 123456.5\n"
	"  avg_duration_ms: 212.5\n"
	"  memory_mb: 384\n"
	"  current_platform: traditional\n"
	"  cost_sensitivity: high\n"
	"  service_name: user-api\n"
	"  container_port: 8080\n"
	"  node_count: 3\n"
	"  node_hourly_usd: 0.0416\n";

static int group_setup(void **state)
{
	(void)state;
	return locale_fixture_setup("export");
}

/* Evaluates and builds the whole export (all targets) in the current locale. */
static void build(const struct model *m, const struct answers *a, struct out_bundle *b)
{
	struct evaluation ev;
	assert_int_equal(engine_evaluate(m, a, &ev), 0);
	assert_int_equal(engine_sensitivity(m, a, &ev), 0);
	struct export_options o = {.targets = GEN_ALL, .date = "2025-01-02"};
	char *err = NULL;
	memset(b, 0, sizeof *b);
	if (export_build(m, a, &ev, &o, b, &err) != 0)
		fail_msg("export_build: %s", err ? err : "?");
	engine_evaluation_fini(&ev);
}

static void test_export_same_bytes_in_any_locale(void **state)
{
	(void)state;
	struct model m = {0};
	struct answers a;
	struct diag_list d = {0};
	struct load_sources src = {0};
	setlocale(LC_ALL, "C");
	assert_int_equal(load_model(&src, &m, &d), 0);
	assert_int_equal(answers_parse(&m, answers_yaml, strlen(answers_yaml), "inline", &a, &d), 0);
	diag_list_fini(&d);
	struct out_bundle want;
	build(&m, &a, &want);
	assert_non_null(out_bundle_find(&want, "answers.yaml"));
	assert_non_null(strstr(out_bundle_find(&want, "answers.yaml")->data,
			       "node_hourly_usd: 0.0416\n"));

	static const char *const names[] = {"de_DE", "ps_AF"};
	size_t tried = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *loc = xasprintf("%s.UTF-8", names[i]);
		bool ok = locale_fixture_make(names[i]) && setlocale(LC_ALL, loc);
		free(loc);
		if (!ok)
			continue;
		tried++;
		assert_string_not_equal(localeconv()->decimal_point, ".");
		struct out_bundle got;
		build(&m, &a, &got);
		setlocale(LC_ALL, "C");
		assert_int_equal(got.count, want.count);
		for (size_t k = 0; k < want.count; k++) {
			const struct out_file *g = out_bundle_find(&got, want.files[k].path);
			assert_non_null(g);
			if (g->len != want.files[k].len || memcmp(g->data, want.files[k].data, g->len))
				fail_msg("%s differs under %s:\n%s", g->path, names[i], g->data);
		}
		out_bundle_fini(&got);
	}
	out_bundle_fini(&want);
	answers_fini(&a);
	model_free(&m);
	if (!tried)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_same_bytes_in_any_locale),
	};
	return cmocka_run_group_tests(tests, group_setup, locale_fixture_teardown);
}
