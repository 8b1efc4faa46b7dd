/* test_engine.c: the rules engine on a small model built by hand, so every
 * expected figure below can be worked out on paper (see the comments). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cJSON.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include "file.h"
#include "answers.h"
#include "engine.h"
#include "../src/engine/engine_priv.h"
#include "load.h"
#include "util.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)
#define K ARCH_KUBERNETES
#define S ARCH_SERVERLESS
#define KS ARCH_KUBERNETES_SERVERLESS
#define SC ARCH_SERVERLESS_CONTAINERS
#define H ARCH_HYBRID
enum { Q_TRAFFIC, Q_RPD, Q_HW, Q_OPS, Q_NAME, Q_COUNT };

/* Scores are {kubernetes, serverless, kubernetes_serverless,
 * serverless_containers, hybrid}. */
static struct arch_scores sc_steady = {{5, 1, 3, 3, 4}}, sc_daily = {{4, 3, 4, 4, 4}},
			  sc_spiky = {{3, 4, 4, 4, 3}}, sc_sporadic = {{1, 5, 3, 4, 2}},
			  sc_gpu = {{5, 1, 4, 2, 4}}, sc_himem = {{4, 2, 3, 3, 4}},
			  sc_none = {{3, 3, 3, 3, 3}}, sc_platform = {{5, 2, 4, 3, 4}},
			  sc_some = {{3, 4, 3, 5, 3}}, sc_noops = {{1, 5, 2, 5, 2}};

struct fixture {
	struct model m;
	struct questionnaire qn;
	struct section sec;
	struct question q[Q_COUNT];
	const struct question *flat[Q_COUNT];
	struct option traffic[4], hw[2], ops[3];
	struct band bands[3];
	struct factor factors[4];
	struct rule rules[4];
	struct case_studies cs;
	struct case_study studies[2];
	struct answers a;
};

static void set_option(struct answers *a, size_t q, int o)
{
	a->values[q].present = true;
	a->values[q].option = o;
}

static void set_number(struct answers *a, size_t q, double v)
{
	a->values[q].present = true;
	a->values[q].number = v;
}

static void set_selected(struct answers *a, size_t q, uint64_t sel)
{
	a->values[q].present = true;
	a->values[q].selected = sel;
}

static void blank_profile(struct answers *p)
{
	*p = (struct answers){ .count = Q_COUNT, .values = xcalloc(Q_COUNT, sizeof(struct answer)) };
}

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	const char *tid[4] = { "steady", "daily_cycle", "spiky", "sporadic" };
	struct arch_scores *tsc[4] = { &sc_steady, &sc_daily, &sc_spiky, &sc_sporadic };
	for (int i = 0; i < 4; i++)
		fx->traffic[i] = (struct option){ .id = (char *)tid[i], .label = (char *)tid[i], .scores = tsc[i] };
	fx->hw[0] = (struct option){ .id = "gpu", .label = "GPU", .scores = &sc_gpu };
	fx->hw[1] = (struct option){ .id = "high_memory", .label = "High memory", .scores = &sc_himem };
	fx->ops[0] = (struct option){ .id = "platform_team", .label = "Platform team", .scores = &sc_platform };
	fx->ops[1] = (struct option){ .id = "some", .label = "Some", .scores = &sc_some };
	fx->ops[2] = (struct option){ .id = "none", .label = "None", .scores = &sc_noops };
	fx->bands[0] = (struct band){ .up_to = 1000, .scores = {{1, 5, 3, 4, 2}} };
	fx->bands[1] = (struct band){ .up_to = 1000000, .scores = {{3, 4, 4, 4, 3}} };
	fx->bands[2] = (struct band){ .up_to = 1e12, .scores = {{5, 2, 4, 3, 4}} };

	fx->q[Q_TRAFFIC] = (struct question){ .id = "traffic", .kind = QK_SINGLE, .factor = "traffic_pattern",
		.default_value = "daily_cycle", .options = fx->traffic, .options_count = 4, .ordered = true };
	fx->q[Q_RPD] = (struct question){ .id = "rpd", .kind = QK_NUMBER, .factor = "cost_sensitivity",
		.default_value = "50000", .min = 0, .max = 1e10, .bands = fx->bands, .bands_count = 3 };
	fx->q[Q_HW] = (struct question){ .id = "hardware", .kind = QK_MULTIPLE, .factor = "operational_capacity",
		.options = fx->hw, .options_count = 2, .combine = COMBINE_MIN, .none_scores = &sc_none };
	fx->q[Q_OPS] = (struct question){ .id = "ops", .kind = QK_SINGLE, .factor = "operational_capacity",
		.default_value = "some", .options = fx->ops, .options_count = 3 };
	fx->q[Q_NAME] = (struct question){ .id = "name", .kind = QK_TEXT, .default_value = "svc", .max_length = 63 };
	for (int i = 0; i < Q_COUNT; i++)
		fx->flat[i] = &fx->q[i];

	fx->factors[0] = (struct factor){ .id = "traffic_pattern", .name = "Traffic pattern", .weight = 4 };
	fx->factors[1] = (struct factor){ .id = "cost_sensitivity", .name = "Cost sensitivity", .weight = 2 };
	fx->factors[2] = (struct factor){ .id = "operational_capacity", .name = "Operational capacity", .weight = 3 };
	fx->factors[3] = (struct factor){ .id = "vendor_strategy", .name = "Vendor strategy", .weight = 1 };

	fx->rules[0] = (struct rule){ .id = "gpu-no-faas", .when = "hardware contains gpu",
		.architecture = "serverless", .effect = RULE_EXCLUDE, .reason = "functions have no GPUs" };
	fx->rules[1] = (struct rule){ .id = "huge-volume", .when = "rpd > 1000000",
		.architecture = "serverless", .effect = RULE_PENALISE, .amount = 10, .reason = "per-request cost at volume" };
	fx->rules[2] = (struct rule){ .id = "no-ops-sporadic", .when = "ops == none and traffic == sporadic",
		.architecture = "serverless", .effect = RULE_BOOST, .amount = 5, .reason = "nobody to run a cluster" };
	fx->rules[3] = (struct rule){ .id = "tiebreak", .when = "name == tiebreak",
		.architecture = "kubernetes", .effect = RULE_PENALISE, .amount = 0, .reason = "test" };

	fx->sec = (struct section){ .id = "workload", .title = "Workload", .questions = fx->q, .questions_count = Q_COUNT };
	fx->qn = (struct questionnaire){ .id = "test-q", .version = 3, .title = "Test",
		.close_margin = 5, .case_study_bonus = 0, .factors = fx->factors, .factors_count = 4,
		.sections = &fx->sec, .sections_count = 1, .rules = fx->rules, .rules_count = 4 };

	/* alpha (kubernetes): traffic steady, hardware {gpu}.
	 * beta (serverless): traffic daily_cycle, hardware {}, rpd 5000. */
	fx->studies[0] = (struct case_study){ .id = "alpha", .name = "Alpha", .architecture = "kubernetes" };
	fx->studies[1] = (struct case_study){ .id = "beta", .name = "Beta", .architecture = "serverless" };
	blank_profile(&fx->studies[0].profile);
	blank_profile(&fx->studies[1].profile);
	set_option(&fx->studies[0].profile, Q_TRAFFIC, 0);
	set_selected(&fx->studies[0].profile, Q_HW, 1);
	set_option(&fx->studies[1].profile, Q_TRAFFIC, 1);
	set_selected(&fx->studies[1].profile, Q_HW, 0);
	set_number(&fx->studies[1].profile, Q_RPD, 5000);
	fx->cs = (struct case_studies){ .case_studies = fx->studies, .case_studies_count = 2 };

	fx->m = (struct model){ .questionnaire = &fx->qn, .case_studies = &fx->cs,
		.question_count = Q_COUNT, .questions = fx->flat };
	assert_int_equal(answers_init(&fx->a, &fx->m), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	answers_fini(&fx->a);
	for (int i = 0; i < 2; i++)
		free(fx->studies[i].profile.values);
	free(fx);
	return 0;
}

/* Defaults: traffic daily_cycle, rpd 50000 (band 2), hardware none, ops some.
 *   traffic_pattern (w4)      {4, 3,   4, 4, 4}
 *   cost_sensitivity (w2)     {3, 4,   4, 4, 3}
 *   operational_capacity (w3) mean(none {3,3,3,3,3}, some {3,4,3,5,3})
 *                           = {3, 3.5, 3, 4, 3}
 *   vendor_strategy (w1)      unused: no question feeds it
 * totals: K 31, S 30.5, KS 33, SC 36, H 31; max = (4+2+3) x 5 = 45. */
static void test_matrix_by_hand(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.row_count, 4);
	assert_true(ev.rows[0].used && ev.rows[1].used && ev.rows[2].used);
	assert_false(ev.rows[3].used);
	NEAR(ev.rows[2].score[S], 3.5);
	NEAR(ev.rows[2].score[SC], 4);
	assert_int_equal(ev.recommendation, SC);
	/* SC 80, KS 73.3, K = H 68.9 (tie: enum order), S 67.8. */
	const int order[5] = { SC, KS, K, H, S };
	const double expect[5] = { 3600.0 / 45, 3300.0 / 45, 3100.0 / 45, 3100.0 / 45, 3050.0 / 45 };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(ev.ranking[i].arch, order[i]);
		NEAR(ev.ranking[i].matrix_score, expect[i]);
		NEAR(ev.ranking[i].score, expect[i]);
		assert_false(ev.ranking[i].excluded);
	}
	assert_false(ev.close); /* 80 - 73.3 > 5 */
	assert_int_equal(ev.fired_count, 0);
	engine_evaluation_fini(&ev);
}

static void test_weights_and_multiple_combine(void **state)
{
	struct fixture *fx = *state;
	/* hardware {gpu, high_memory} with combine min: {4,1,3,2,4}; with ops
	 * some the row is {3.5, 2.5, 3, 3.5, 3.5}. Weights: traffic 0, cost 0. */
	set_selected(&fx->a, Q_HW, 3);
	fx->a.weights[0] = 0;
	fx->a.weights[1] = 0;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	NEAR(ev.rows[2].score[K], 3.5);
	NEAR(ev.rows[2].score[S], 2.5);
	assert_int_equal(ev.rows[0].weight, 0);
	/* Only operational_capacity weighs: K = 100 x 3 x 3.5 / 15 = 70. */
	for (int i = 0; i < 5; i++)
		if (ev.ranking[i].arch == K)
			NEAR(ev.ranking[i].matrix_score, 70);
	engine_evaluation_fini(&ev);

	/* Every weight 0: no denominator, every score 0, enum order (no GPU,
	 * so no rule excludes serverless). */
	set_selected(&fx->a, Q_HW, 0);
	for (int f = 0; f < 4; f++)
		fx->a.weights[f] = 0;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	for (int i = 0; i < 5; i++) {
		NEAR(ev.ranking[i].score, 0);
		assert_int_equal(ev.ranking[i].arch, i);
	}
	assert_true(ev.close);
	engine_evaluation_fini(&ev);
}

static void test_bands(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	const double values[] = { 0, 1000, 1000.5, 1e6, 2e6, 1e13 };
	const unsigned expect_k[] = { 1, 1, 3, 3, 5, 5 }; /* up_to is inclusive; past the last = last */
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		set_number(&fx->a, Q_RPD, values[i]);
		assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
		NEAR(ev.rows[1].score[K], expect_k[i]);
		engine_evaluation_fini(&ev);
	}
}

static void test_rule_ops(void **state)
{
	struct fixture *fx = *state;
	const struct model *m = &fx->m;
	set_number(&fx->a, Q_RPD, 1000);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd == 1000"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd != 1000"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd > 1000"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd >= 1000"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd < 1000"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd <= 1000"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd<1e4"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd > 999.5"), 1);
	/* single: defaults apply (traffic daily_cycle, ops some) */
	assert_int_equal(engine_rule_holds(m, &fx->a, "traffic == daily_cycle"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "traffic != daily_cycle"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "ops == none"), 0);
	/* ordered single: by option order */
	assert_int_equal(engine_rule_holds(m, &fx->a, "traffic >= spiky"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "traffic < spiky"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "traffic > steady"), 1);
	/* multiple */
	assert_int_equal(engine_rule_holds(m, &fx->a, "hardware contains gpu"), 0);
	set_selected(&fx->a, Q_HW, 2);
	assert_int_equal(engine_rule_holds(m, &fx->a, "hardware contains gpu"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "hardware contains high_memory"), 1);
	/* text, plain and quoted */
	assert_int_equal(engine_rule_holds(m, &fx->a, "name == svc"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "name == 'svc'"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "name != svc"), 0);
	/* and: every clause */
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd >= 1000 and hardware contains high_memory"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd >= 1000 and ops == none"), 0);
	assert_int_equal(engine_rule_holds(m, &fx->a, "rpd >= 1000\n  and\tname == svc"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "always"), 1);
	assert_int_equal(engine_rule_holds(m, &fx->a, "nope == 1"), -1);
}

static void expect_error(const struct model *m, const char *when, const char *msg)
{
	char *err = NULL;
	assert_int_equal(cond_check(m, when, &err), -1);
	assert_non_null(err);
	if (!strstr(err, msg))
		fail_msg("'%s': got '%s', want '%s'", when, err, msg);
	free(err);
}

static void test_rule_check(void **state)
{
	struct fixture *fx = *state;
	const struct model *m = &fx->m;
	char *err = (char *)1;
	assert_int_equal(cond_check(m, "rpd > 5 and traffic == spiky and hardware contains gpu", &err), 0);
	assert_null(err);
	expect_error(m, "foo == 1", "rule condition: unknown question 'foo'");
	expect_error(m, "traffic == rainy", "'rainy' is not an option of 'traffic'");
	expect_error(m, "ops > some", "operator '>' does not apply to unordered single choice question 'ops'");
	expect_error(m, "hardware == gpu", "use contains");
	expect_error(m, "hardware contains tpu", "'tpu' is not an option of 'hardware'");
	expect_error(m, "rpd > lots", "'lots' is not a number (question 'rpd')");
	expect_error(m, "rpd contains 5", "'contains' does not apply to number");
	expect_error(m, "name > x", "does not apply to text question 'name'");
	expect_error(m, "rpd >", "missing value after 'rpd >'");
	expect_error(m, "rpd", "missing operator after 'rpd'");
	expect_error(m, "rpd ~ 4", "unknown operator");
	expect_error(m, "rpd > 4 and ", "empty clause");
	expect_error(m, "", "empty clause");
}

/* Random conditions from a token soup (fixed seed): each one is either
 * accepted and then evaluates to 0/1, or rejected with a message. */
static void test_rule_soup(void **state)
{
	struct fixture *fx = *state;
	static const char *const tok[] = {
		"traffic", "rpd", "hardware", "ops", "name", "nope", "==", "!=", ">", ">=", "<",
		"<=", "contains", "and", "always", "gpu", "steady", "sporadic", "none", "1e3",
		"-5", "nan", "inf", "'", "\"", " ", "  ", "\n", "\t", "=", "!", "and and", "",
	};
	unsigned long seed = 12345;
	unsigned accepted = 0;
	for (int i = 0; i < 20000; i++) {
		char buf[256] = "";
		int n = 1 + (int)(seed % 9);
		for (int t = 0; t < n; t++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			const char *w = tok[(seed >> 33) % (sizeof(tok) / sizeof(tok[0]))];
			if (strlen(buf) + strlen(w) + 2 >= sizeof(buf))
				break;
			strcat(buf, w);
			if ((seed >> 20) & 1)
				strcat(buf, " ");
		}
		char *err = NULL;
		int rc = cond_check(&fx->m, buf, &err);
		if (rc == 0) {
			assert_null(err);
			int h = engine_rule_holds(&fx->m, &fx->a, buf);
			assert_true(h == 0 || h == 1);
			accepted++;
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(err);
			if (strncmp(err, "rule condition: ", 16) != 0)
				fail_msg("'%s': message '%s'", buf, err);
			assert_int_equal(engine_rule_holds(&fx->m, &fx->a, buf), -1);
			free(err);
		}
	}
	assert_true(accepted > 0);
}

static struct arch_rank *rank_of(struct evaluation *ev, int arch)
{
	for (int i = 0; i < ARCH_COUNT; i++)
		if ((int)ev->ranking[i].arch == arch)
			return &ev->ranking[i];
	return NULL;
}

static void test_exclusion_penalty_boost(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	/* traffic sporadic + ops none: S leads on the matrix, the boost adds 5. */
	set_option(&fx->a, Q_TRAFFIC, 3);
	set_option(&fx->a, Q_OPS, 2);
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.fired_count, 1);
	assert_string_equal(ev.fired[0].rule->id, "no-ops-sporadic");
	assert_int_equal(ev.recommendation, S);
	NEAR(rank_of(&ev, S)->adjust, 5);
	NEAR(rank_of(&ev, S)->score, rank_of(&ev, S)->matrix_score + 5);
	assert_int_equal(rank_of(&ev, S)->reason_count, 1);
	char *txt = engine_summary_text(&fx->m, &fx->a, &ev);
	assert_non_null(strstr(txt, "Adjustments:\n  - serverless +5: nobody to run a cluster (rule no-ops-sporadic)\n"));
	assert_null(strstr(txt, "Excluded:"));
	free(txt);
	engine_evaluation_fini(&ev);

	/* Add a GPU and huge volume: S excluded (and penalised), ranked last. */
	set_selected(&fx->a, Q_HW, 1);
	set_number(&fx->a, Q_RPD, 5e6);
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.fired_count, 3);
	assert_string_equal(ev.fired[0].rule->id, "gpu-no-faas"); /* rule order */
	assert_string_equal(ev.fired[1].rule->id, "huge-volume");
	struct arch_rank *s = rank_of(&ev, S);
	assert_true(s->excluded);
	NEAR(s->adjust, -10 + 5);
	assert_int_equal(s->reason_count, 3);
	assert_int_equal(ev.ranking[4].arch, S);
	assert_int_not_equal(ev.recommendation, S);
	txt = engine_summary_text(&fx->m, &fx->a, &ev);
	assert_non_null(strstr(txt, "Excluded:\n  - serverless: functions have no GPUs (rule gpu-no-faas)\n"));
	assert_non_null(strstr(txt, "  - serverless -10: per-request cost at volume (rule huge-volume)\n"));
	free(txt);
	engine_evaluation_fini(&ev);
}

static void test_ties_and_close(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	/* K and H tie at 68.9: enum order puts K first ... */
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.ranking[2].arch, K);
	assert_int_equal(ev.ranking[3].arch, H);
	engine_evaluation_fini(&ev);
	/* ... unless K carries a penalty (of 0 points): fewer penalties first. */
	fx->a.values[Q_NAME].present = true;
	fx->a.values[Q_NAME].text = xstrdup("tiebreak");
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.ranking[2].arch, H);
	assert_int_equal(ev.ranking[3].arch, K);
	engine_evaluation_fini(&ev);

	/* Close call: margin 7 covers SC 80 vs KS 73.3; margin 5 does not. */
	fx->a.values[Q_NAME].present = false;
	fx->qn.close_margin = 7;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_true(ev.close);
	engine_evaluation_fini(&ev);
	fx->qn.close_margin = 5;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_false(ev.close);
	engine_evaluation_fini(&ev);
	/* The margin is inclusive. The gap is 300/45 = 20/3 points; the
	 * subtraction 80 - 73.33... lands a few 1e-15 above the double nearest
	 * 20/3, which must still read as close. */
	fx->qn.close_margin = 20.0 / 3;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_true(ev.close);
	engine_evaluation_fini(&ev);
	fx->qn.close_margin = 20.0 / 3 - 0.001;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_false(ev.close);
	engine_evaluation_fini(&ev);
	/* A gap of exactly 5 with the default margin 5: weights traffic 2,
	 * cost 1, ops 1 (max 4 x 5 = 20); SC 2x4 + 1x4 + 1x4 = 16, KS 2x4 +
	 * 1x4 + 1x3 = 15: 80 vs 75, close. Cost 0 (max 15): SC 12, KS 11,
	 * 80 vs 73.3, clear. */
	fx->qn.close_margin = 5;
	fx->a.weights[0] = 2;
	fx->a.weights[1] = 1;
	fx->a.weights[2] = 1;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.ranking[0].arch, SC);
	assert_int_equal(ev.ranking[1].arch, KS);
	NEAR(ev.ranking[0].score, 80);
	NEAR(ev.ranking[1].score, 75);
	assert_true(ev.close);
	engine_evaluation_fini(&ev);
	fx->a.weights[1] = 0;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	NEAR(ev.ranking[0].score, 1200.0 / 15);
	NEAR(ev.ranking[1].score, 1100.0 / 15);
	assert_false(ev.close);
	engine_evaluation_fini(&ev);
	fx->a.weights[0] = fx->a.weights[1] = fx->a.weights[2] = -1;
}

static void test_all_excluded(void **state)
{
	struct fixture *fx = *state;
	struct rule rules[ARCH_COUNT];
	for (int k = 0; k < ARCH_COUNT; k++)
		rules[k] = (struct rule){ .id = "all", .when = "rpd >= 0", .architecture = (char *)arch_id(k),
					  .effect = RULE_EXCLUDE, .reason = "everything" };
	fx->qn.rules = rules;
	fx->qn.rules_count = ARCH_COUNT;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	/* The best excluded one is still named, in score order. */
	assert_int_equal(ev.recommendation, SC);
	for (int i = 0; i < ARCH_COUNT; i++)
		assert_true(ev.ranking[i].excluded);
	assert_false(ev.close);
	char *txt = engine_summary_text(&fx->m, &fx->a, &ev);
	assert_non_null(strstr(txt, "Every architecture is excluded"));
	free(txt);
	engine_evaluation_fini(&ev);
	fx->qn.rules = fx->rules;
	fx->qn.rules_count = 4;
}

/* Only SC stays: the runner-up KS (73.3, 6.7 behind) is excluded, so even a
 * margin of 7 makes no close call. */
static void test_close_needs_two_candidates(void **state)
{
	struct fixture *fx = *state;
	struct rule rules[ARCH_COUNT - 1];
	const int others[] = { K, S, KS, H };
	for (int i = 0; i < ARCH_COUNT - 1; i++)
		rules[i] = (struct rule){ .id = "not-sc", .when = "rpd >= 0", .architecture = (char *)arch_id(others[i]),
					  .effect = RULE_EXCLUDE, .reason = "only SC" };
	fx->qn.rules = rules;
	fx->qn.rules_count = ARCH_COUNT - 1;
	fx->qn.close_margin = 7;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.ranking[0].arch, SC);
	assert_false(ev.ranking[0].excluded);
	assert_int_equal(ev.ranking[1].arch, KS);
	assert_true(ev.ranking[1].excluded);
	assert_false(ev.close);
	engine_evaluation_fini(&ev);
	fx->qn.rules = fx->rules;
	fx->qn.rules_count = 4;
	fx->qn.close_margin = 5;
}

/* A rule fires only when every clause holds: ops none alone (traffic
 * daily_cycle) or traffic sporadic alone (ops some) does not fire
 * no-ops-sporadic. */
static void test_rule_needs_every_clause(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	set_option(&fx->a, Q_OPS, 2);
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.fired_count, 0);
	NEAR(rank_of(&ev, S)->adjust, 0);
	engine_evaluation_fini(&ev);
	set_option(&fx->a, Q_OPS, 1);
	set_option(&fx->a, Q_TRAFFIC, 3);
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.fired_count, 0);
	engine_evaluation_fini(&ev);
	set_option(&fx->a, Q_OPS, 2);
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.fired_count, 1);
	engine_evaluation_fini(&ev);
}

/* Multiple choice, {gpu, high_memory} = {5,1,4,2,4} and {4,2,3,3,4}, each
 * way of combining; the row is the mean with ops "some" {3,4,3,5,3}. */
static void test_combine_mean_max(void **state)
{
	struct fixture *fx = *state;
	set_selected(&fx->a, Q_HW, 3);
	static const struct {
		enum combine_mode how;
		double hw[ARCH_COUNT];
	} ways[] = {
		{ COMBINE_MIN, { 4, 1, 3, 2, 4 } },
		{ COMBINE_MAX, { 5, 2, 4, 3, 4 } },
		{ COMBINE_MEAN, { 4.5, 1.5, 3.5, 2.5, 4 } },
	};
	const double some[ARCH_COUNT] = { 3, 4, 3, 5, 3 };
	for (size_t w = 0; w < sizeof(ways) / sizeof(ways[0]); w++) {
		fx->q[Q_HW].combine = ways[w].how;
		struct evaluation ev;
		assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
		for (int k = 0; k < ARCH_COUNT; k++)
			NEAR(ev.rows[2].score[k], (ways[w].hw[k] + some[k]) / 2);
		engine_evaluation_fini(&ev);
	}
	fx->q[Q_HW].combine = COMBINE_MIN;
}

/* Adjustments cannot push a score past 100 or below 0. traffic sporadic,
 * ops none: S's matrix is (4x5 + 2x4 + 3x4) / 45 = 88.9; a boost of 50
 * gives 100, not 138.9. The huge-volume penalty, made 200,
 * at 5e6 requests/day takes S to 0, not below. */
static void test_score_clamped(void **state)
{
	struct fixture *fx = *state;
	set_option(&fx->a, Q_TRAFFIC, 3);
	set_option(&fx->a, Q_OPS, 2);
	fx->rules[2].amount = 50;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	NEAR(rank_of(&ev, S)->matrix_score, 4000.0 / 45);
	NEAR(rank_of(&ev, S)->adjust, 50);
	NEAR(rank_of(&ev, S)->score, 100);
	engine_evaluation_fini(&ev);
	fx->rules[2].amount = 0;
	fx->rules[1].amount = 200;
	set_number(&fx->a, Q_RPD, 5e6);
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	NEAR(rank_of(&ev, S)->adjust, -200);
	NEAR(rank_of(&ev, S)->score, 0);
	engine_evaluation_fini(&ev);
	fx->rules[1].amount = 10;
	fx->rules[2].amount = 5;
}

static void test_similarity(void **state)
{
	struct fixture *fx = *state;
	const struct model *m = &fx->m;
	/* alpha: traffic steady vs daily_cycle, ordered over 4 options: 1 - 1/3;
	 * hardware {gpu} vs {}: Jaccard 0. Mean 1/3. */
	NEAR(engine_similarity(m, &fx->a, &fx->studies[0]), (2.0 / 3 + 0) / 2);
	/* beta: traffic equal 1; both empty 1; rpd 50000 vs 5000 over a range of
	 * 10 orders of magnitude: 1 - (log10 50001 - log10 5001) / 10. */
	double num = 1 - (log10(50001) - log10(5001)) / 10;
	NEAR(engine_similarity(m, &fx->a, &fx->studies[1]), (1 + 1 + num) / 3);
	/* Jaccard 1/2 with {gpu, high_memory} vs {gpu}; traffic equal. */
	set_option(&fx->a, Q_TRAFFIC, 0);
	set_selected(&fx->a, Q_HW, 3);
	NEAR(engine_similarity(m, &fx->a, &fx->studies[0]), (1 + 0.5) / 2);
	/* Unordered single: equal or not. */
	struct case_study c = { .id = "c", .architecture = "hybrid" };
	blank_profile(&c.profile);
	set_option(&c.profile, Q_OPS, 0);
	NEAR(engine_similarity(m, &fx->a, &c), 0); /* some vs platform_team */
	set_option(&c.profile, Q_OPS, 1);
	NEAR(engine_similarity(m, &fx->a, &c), 1);
	/* Numbers far apart clamp at 0; an empty profile is 0. */
	c.profile.values[Q_OPS].present = false;
	set_number(&c.profile, Q_RPD, 1e10);
	set_number(&fx->a, Q_RPD, 0);
	NEAR(engine_similarity(m, &fx->a, &c), 0);
	/* Past the question's range (hand-built answers are not checked):
	 * 13 orders of magnitude over a range of 10 still clamp at 0. */
	set_number(&fx->a, Q_RPD, 1e13);
	set_number(&c.profile, Q_RPD, 0);
	NEAR(engine_similarity(m, &fx->a, &c), 0);
	/* A range under one order of magnitude counts as one: over 0..5,
	 * 0 vs 5 is 1 - log10(6) / 1 = 0.22 similar, not 1 - 1 = 0. */
	fx->q[Q_RPD].max = 5;
	set_number(&fx->a, Q_RPD, 0);
	set_number(&c.profile, Q_RPD, 5);
	NEAR(engine_similarity(m, &fx->a, &c), 1 - log10(6));
	fx->q[Q_RPD].max = 1e10;
	c.profile.values[Q_RPD].present = false;
	NEAR(engine_similarity(m, &fx->a, &c), 0);
	free(c.profile.values);
}

static void test_case_ranking_and_bonus(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	fx->qn.case_study_bonus = 10;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.case_count, 2);
	assert_string_equal(fx->studies[ev.cases[0].case_study].id, "beta");
	assert_true(ev.cases[0].similarity >= ev.cases[1].similarity);
	assert_int_equal(ev.cases[0].arch, S);
	/* bonus x similarity to the nearest case's architecture only */
	NEAR(rank_of(&ev, S)->adjust, 10 * ev.cases[0].similarity);
	NEAR(rank_of(&ev, K)->adjust, 0);
	engine_evaluation_fini(&ev);
	fx->qn.case_study_bonus = 0;
}

static void test_sensitivity(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(engine_sensitivity(&fx->m, &fx->a, &ev), 0);
	/* By hand: traffic steady -> K (35 of 45), sporadic -> S (38.5),
	 * ops platform_team -> KS (34.5 vs K 34). steady (1 step away) comes
	 * before sporadic (2 steps). */
	long steady = -1, sporadic = -1, platform = -1;
	for (size_t i = 0; i < ev.change_count; i++) {
		const struct answer_change *ch = &ev.changes[i];
		if (ch->question == Q_TRAFFIC && ch->option == 0) {
			steady = (long)i;
			assert_int_equal(ch->would_recommend, K);
		}
		if (ch->question == Q_TRAFFIC && ch->option == 3) {
			sporadic = (long)i;
			assert_int_equal(ch->would_recommend, S);
		}
		if (ch->question == Q_OPS && ch->option == 0) {
			platform = (long)i;
			assert_int_equal(ch->would_recommend, KS);
		}
		/* Every listed change really changes the recommendation. */
		struct answers b;
		assert_int_equal(answers_copy(&b, &fx->a), 0);
		const struct question *q = &fx->q[ch->question];
		b.values[ch->question].present = true;
		if (q->kind == QK_SINGLE)
			b.values[ch->question].option = ch->option;
		else if (q->kind == QK_MULTIPLE)
			b.values[ch->question].selected = ch->selected;
		else
			b.values[ch->question].number = ch->number;
		struct evaluation e2;
		assert_int_equal(engine_evaluate(&fx->m, &b, &e2), 0);
		assert_int_equal(e2.recommendation, ch->would_recommend);
		assert_int_not_equal(e2.recommendation, ev.recommendation);
		engine_evaluation_fini(&e2);
		answers_fini(&b);
	}
	assert_true(steady >= 0 && sporadic > steady && platform >= 0);
	/* Nearest first: steady and platform_team are one step away (ordered
	 * traffic; unordered ops), sporadic two, though its question comes first. */
	assert_true(platform < sporadic);
	/* spiky keeps SC: it is not listed. */
	for (size_t i = 0; i < ev.change_count; i++)
		assert_false(ev.changes[i].question == Q_TRAFFIC && ev.changes[i].option == 2);

	/* Weight flips: the listed weight flips, every nearer weight does not. */
	assert_true(ev.flip_count > 0);
	for (size_t i = 0; i < ev.flip_count; i++) {
		const struct weight_flip *fl = &ev.flips[i];
		int cur = (int)answers_weight(&fx->m, &fx->a, fl->factor);
		int dist = abs((int)fl->weight - cur);
		for (int w = 0; w <= 5; w++) {
			if (w == cur || abs(w - cur) > dist)
				continue;
			fx->a.weights[fl->factor] = w;
			struct evaluation e2;
			assert_int_equal(engine_evaluate(&fx->m, &fx->a, &e2), 0);
			if (w == (int)fl->weight)
				assert_int_equal(e2.recommendation, fl->would_recommend);
			else if (abs(w - cur) < dist)
				assert_int_equal(e2.recommendation, ev.recommendation);
			engine_evaluation_fini(&e2);
			fx->a.weights[fl->factor] = -1;
		}
	}
	engine_evaluation_fini(&ev);
}

/* Every weight flip the analysis lists is the nearest weight (the lower at
 * equal distance) that changes the recommendation, and a factor it does not
 * list has no such weight: re-evaluated for each factor and weight 0..5. */
static void check_flips_brute(const struct model *m, struct answers *a, const struct evaluation *ev)
{
	size_t nf = m->questionnaire->factors_count;
	for (size_t f = 0; f < nf; f++) {
		int saved = a->weights[f];
		int cur = (int)answers_weight(m, a, f);
		int want = -1;
		enum arch want_arch = ev->recommendation;
		for (int d = 1; d <= 5 && want < 0; d++)
			for (int w = cur - d; w <= cur + d && want < 0; w += 2 * d) {
				if (w < 0 || w > 5)
					continue;
				a->weights[f] = w;
				struct evaluation e2;
				assert_int_equal(engine_evaluate(m, a, &e2), 0);
				if (e2.recommendation != ev->recommendation) {
					want = w;
					want_arch = e2.recommendation;
				}
				engine_evaluation_fini(&e2);
			}
		a->weights[f] = saved;
		const struct weight_flip *got = NULL;
		for (size_t i = 0; i < ev->flip_count; i++)
			if (ev->flips[i].factor == f)
				got = &ev->flips[i];
		if (want < 0 && got)
			fail_msg("factor %zu: flip to weight %u listed, none exists", f, got->weight);
		if (want >= 0 && !got)
			fail_msg("factor %zu: weight %d (from %d) flips to %s, not listed", f, want, cur,
				 arch_id(want_arch));
		if (got) {
			assert_int_equal(got->weight, want);
			assert_int_equal(got->would_recommend, want_arch);
		}
	}
}

/* A question that feeds no factor but a rule tests can still flip the
 * result. rpd without its factor (weights traffic 4, ops 3: max 35),
 * traffic sporadic, ops some: S (4x5 + 3x3.5) = 30.5 -> 87.1, SC (4x4 +
 * 3x4) = 28 -> 80. Past 1,000,000 the huge-volume rule takes 10 from S:
 * 77.1, SC wins; the change listed is the threshold plus one, 1000001. */
static void test_sensitivity_rule_only_question(void **state)
{
	struct fixture *fx = *state;
	fx->q[Q_RPD].factor = NULL;
	set_option(&fx->a, Q_TRAFFIC, 3);
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.recommendation, S);
	NEAR(rank_of(&ev, S)->score, 3050.0 / 35);
	NEAR(rank_of(&ev, SC)->score, 80);
	assert_int_equal(engine_sensitivity(&fx->m, &fx->a, &ev), 0);
	bool found = false;
	for (size_t i = 0; i < ev.change_count; i++)
		if (ev.changes[i].question == Q_RPD) {
			assert_true(ev.changes[i].number == 1000001);
			assert_int_equal(ev.changes[i].would_recommend, SC);
			found = true;
		}
	assert_true(found);
	engine_evaluation_fini(&ev);
	fx->q[Q_RPD].factor = "cost_sensitivity";
}

static void test_sensitivity_number(void **state)
{
	struct fixture *fx = *state;
	/* traffic spiky, rpd 500 (band 1): S 36.5 of 45 narrowly beats SC 36;
	 * just past the 1000 boundary (band 2) S drops to 34.5 and SC wins. */
	set_option(&fx->a, Q_TRAFFIC, 2);
	set_number(&fx->a, Q_RPD, 500);
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(ev.recommendation, S);
	assert_int_equal(engine_sensitivity(&fx->m, &fx->a, &ev), 0);
	bool found = false;
	for (size_t i = 0; i < ev.change_count; i++)
		if (ev.changes[i].question == Q_RPD) {
			assert_true(ev.changes[i].number == 1001);
			assert_int_equal(ev.changes[i].would_recommend, SC);
			found = true;
		}
	assert_true(found);
	engine_evaluation_fini(&ev);
}

static void test_json(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	set_selected(&fx->a, Q_HW, 1); /* excludes serverless */
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(engine_sensitivity(&fx->m, &fx->a, &ev), 0);
	char *js = engine_to_json(&fx->m, &fx->a, &ev);
	char *js2 = engine_to_json(&fx->m, &fx->a, &ev);
	assert_string_equal(js, js2); /* deterministic */
	cJSON *root = cJSON_Parse(js);
	assert_non_null(root);
	assert_string_equal(cJSON_GetObjectItem(root, "questionnaire")->valuestring, "test-q");
	assert_string_equal(cJSON_GetObjectItem(root, "recommendation")->valuestring,
			    arch_id(ev.recommendation));
	const char *conf = cJSON_GetObjectItem(root, "confidence")->valuestring;
	assert_true(strcmp(conf, "clear") == 0 || strcmp(conf, "close") == 0);
	cJSON *ranking = cJSON_GetObjectItem(root, "ranking");
	assert_int_equal(cJSON_GetArraySize(ranking), 5);
	cJSON *last = cJSON_GetArrayItem(ranking, 4);
	assert_string_equal(cJSON_GetObjectItem(last, "architecture")->valuestring, "serverless");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(last, "excluded")));
	cJSON *reasons = cJSON_GetObjectItem(last, "reasons");
	assert_int_equal(cJSON_GetArraySize(reasons), 1);
	assert_string_equal(cJSON_GetArrayItem(reasons, 0)->valuestring, "functions have no GPUs");
	/* scores rounded to one decimal */
	double top = cJSON_GetObjectItem(cJSON_GetArrayItem(ranking, 0), "score")->valuedouble;
	NEAR(top, round(ev.ranking[0].score * 10) / 10);
	cJSON *matrix = cJSON_GetObjectItem(root, "matrix");
	assert_int_equal(cJSON_GetArraySize(matrix), 4);
	cJSON *row = cJSON_GetArrayItem(matrix, 0);
	assert_string_equal(cJSON_GetObjectItem(row, "factor")->valuestring, "traffic_pattern");
	assert_int_equal(cJSON_GetObjectItem(row, "weight")->valueint, 4);
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(row, "scores"), "kubernetes")->valueint, 4);
	cJSON *rules = cJSON_GetObjectItem(root, "rules");
	assert_int_equal(cJSON_GetArraySize(rules), 1);
	cJSON *r0 = cJSON_GetArrayItem(rules, 0);
	assert_string_equal(cJSON_GetObjectItem(r0, "id")->valuestring, "gpu-no-faas");
	assert_string_equal(cJSON_GetObjectItem(r0, "effect")->valuestring, "exclude");
	assert_string_equal(cJSON_GetObjectItem(r0, "architecture")->valuestring, "serverless");
	cJSON *cases = cJSON_GetObjectItem(root, "case_studies");
	assert_int_equal(cJSON_GetArraySize(cases), 2);
	assert_true(cJSON_GetObjectItem(cJSON_GetArrayItem(cases, 0), "similarity")->valuedouble >=
		    cJSON_GetObjectItem(cJSON_GetArrayItem(cases, 1), "similarity")->valuedouble);
	cJSON *cost = cJSON_GetObjectItem(root, "cost");
	assert_non_null(cost);
	assert_non_null(cJSON_GetObjectItem(cost, "monthly_usd"));
	assert_non_null(cJSON_GetObjectItem(cost, "breakdown"));
	assert_non_null(cJSON_GetObjectItem(cost, "break_even_requests_per_day"));
	cJSON *sens = cJSON_GetObjectItem(root, "sensitivity");
	assert_true(cJSON_IsArray(sens));
	assert_int_equal((size_t)cJSON_GetArraySize(sens), ev.change_count);
	if (ev.change_count) {
		cJSON *s0 = cJSON_GetArrayItem(sens, 0);
		assert_non_null(cJSON_GetObjectItem(s0, "question"));
		assert_non_null(cJSON_GetObjectItem(s0, "answer"));
		assert_int_equal(arch_from_id(cJSON_GetObjectItem(s0, "would_recommend")->valuestring),
				 ev.changes[0].would_recommend);
	}
	cJSON_Delete(root);
	free(js);
	free(js2);
	engine_evaluation_fini(&ev);
}

static void test_reasons_and_summary(void **state)
{
	struct fixture *fx = *state;
	struct evaluation ev;
	assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ev), 0);
	assert_int_equal(engine_sensitivity(&fx->m, &fx->a, &ev), 0);
	/* SC vs KS: operational_capacity 3 x (4 - 3) = 3 leads; traffic and
	 * cost are equal (4 vs 4), so one reason only. */
	char *r[3];
	size_t n = engine_top_reasons(&fx->m, &ev, r, 3);
	assert_int_equal(n, 1);
	assert_string_equal(r[0], "Operational capacity (weight 3): serverless_containers scores 4/5 vs kubernetes_serverless 3/5");
	free(r[0]);
	assert_int_equal(engine_top_reasons_answers(&fx->m, &fx->a, &ev, r, 3), 1);
	assert_string_equal(r[0], "Operational capacity (weight 3): serverless_containers scores 4/5 vs kubernetes_serverless 3/5 \u2014 none; Some");
	free(r[0]);
	assert_int_equal(engine_top_reasons(&fx->m, &ev, r, 0), 0);
	char *txt = engine_summary_text(&fx->m, &fx->a, &ev);
	assert_non_null(strstr(txt, "Recommendation: serverless_containers (serverless_containers), score 80/100, clear"));
	assert_non_null(strstr(txt, "Operational capacity (weight 3)"));
	assert_non_null(strstr(txt, "\u2014 none; Some")); /* the answers behind it */
	assert_non_null(strstr(txt, "Nearest case study: Beta (serverless)"));
	assert_non_null(strstr(txt, "  - traffic: steady -> kubernetes"));
	free(txt);
	engine_evaluation_fini(&ev);
}

/* ---- on the built-in questionnaire and assets ---- */

static int setup_builtin(void **state)
{
	struct model *m = xcalloc(1, sizeof(*m));
	struct diag_list d = {0};
	if (load_model_from_text(NULL, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, m, &d) < 0) {
		diag_print(&d, stderr);
		fail_msg("the built-in model does not load");
	}
	diag_list_fini(&d);
	*state = m;
	return 0;
}

static int teardown_builtin(void **state)
{
	model_free(*state);
	free(*state);
	return 0;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* The full analysis must stay interactive: well under 50 ms on the default
 * questionnaire (best of 20, as the machine may be busy; sanitizers get 10x).
 * A generous bound that catches an order-of-magnitude slip; the bench
 * measures the real speed. */
static void test_builtin_fast(void **state)
{
	const struct model *m = *state;
	struct answers a;
	assert_int_equal(answers_init(&a, m), 0);
	double best = 1e9;
	for (int i = 0; i < 20; i++) {
		struct evaluation ev;
		double t0 = now_ms();
		assert_int_equal(engine_evaluate(m, &a, &ev), 0);
		assert_int_equal(engine_sensitivity(m, &a, &ev), 0);
		double dt = now_ms() - t0;
		best = dt < best ? dt : best;
		engine_evaluation_fini(&ev);
	}
	double limit = getenv("ASAN_OPTIONS") ? 500 : 50;
	if (best >= limit)
		fail_msg("evaluate + sensitivity took %.3f ms (limit %.0f)", best, limit);
	answers_fini(&a);
}

/* Every rule of the built-in questionnaire parses. */
static void test_builtin_rules_parse(void **state)
{
	const struct model *m = *state;
	assert_true(m->questionnaire->rules_count > 0);
	for (unsigned r = 0; r < m->questionnaire->rules_count; r++) {
		char *err = NULL;
		if (cond_check(m, m->questionnaire->rules[r].when, &err) != 0)
			fail_msg("rule %s: %s", m->questionnaire->rules[r].id, err);
	}
}

static cJSON *get(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		fail_msg("missing key '%s'", key);
	return v;
}

/* The eval --json keys and shapes (docs/eval.schema.json) on real data, costs included. */
static void test_builtin_json_contract(void **state)
{
	const struct model *m = *state;
	struct answers a;
	assert_int_equal(answers_init(&a, m), 0);
	struct evaluation ev;
	assert_int_equal(engine_evaluate(m, &a, &ev), 0);
	assert_int_equal(engine_sensitivity(m, &a, &ev), 0);
	char *js = engine_to_json(m, &a, &ev);
	cJSON *root = cJSON_Parse(js);
	assert_non_null(root);
	assert_string_equal(get(root, "questionnaire")->valuestring, "k8s-vs-serverless");
	assert_true(arch_from_id(get(root, "recommendation")->valuestring) >= 0);
	assert_true(cJSON_IsString(get(root, "confidence")));
	cJSON *ranking = get(root, "ranking"), *it;
	assert_int_equal(cJSON_GetArraySize(ranking), ARCH_COUNT);
	double prev = 101;
	bool seen_excluded = false;
	cJSON_ArrayForEach(it, ranking) {
		assert_true(arch_from_id(get(it, "architecture")->valuestring) >= 0);
		double sc = get(it, "score")->valuedouble;
		bool ex = cJSON_IsTrue(get(it, "excluded"));
		assert_true(cJSON_IsArray(get(it, "reasons")));
		if (ex)
			assert_true(cJSON_GetArraySize(get(it, "reasons")) > 0);
		if (!ex) {
			assert_false(seen_excluded);
			assert_true(sc <= prev);
			prev = sc;
		}
		seen_excluded |= ex;
		assert_true(sc >= 0 && sc <= 100);
	}
	assert_true(cJSON_GetArraySize(get(root, "matrix")) >= 7);
	cJSON_ArrayForEach(it, get(root, "matrix")) {
		assert_true(cJSON_IsString(get(it, "factor")));
		assert_true(cJSON_IsNumber(get(it, "weight")));
		assert_int_equal(cJSON_GetArraySize(get(it, "scores")), ARCH_COUNT);
	}
	assert_true(cJSON_IsArray(get(root, "rules")));
	prev = 2;
	cJSON_ArrayForEach(it, get(root, "case_studies")) {
		double sim = get(it, "similarity")->valuedouble;
		assert_true(sim >= 0 && sim <= prev);
		prev = sim;
		assert_true(arch_from_id(get(it, "architecture")->valuestring) >= 0);
	}
	assert_int_equal(cJSON_GetArraySize(get(root, "case_studies")), 4);
	cJSON *cost = get(root, "cost");
	assert_true(get(cost, "hours_per_month")->valuedouble > 0);
	cJSON *monthly = get(cost, "monthly_usd");
	for (int k = 0; k < ARCH_COUNT; k++)
		assert_true(get(monthly, arch_id(k))->valuedouble > 0);
	cJSON *bd = get(cost, "breakdown");
	const char *want[][2] = { { "serverless", "requests" }, { "serverless", "compute" },
				  { "kubernetes", "nodes" } };
	for (size_t i = 0; i < 3; i++) {
		bool found = false;
		cJSON_ArrayForEach(it, get(bd, want[i][0]))
			found |= strcmp(get(it, "item")->valuestring, want[i][1]) == 0;
		if (!found)
			fail_msg("no %s item in the %s breakdown", want[i][1], want[i][0]);
	}
	assert_true(cJSON_IsObject(get(cost, "break_even_requests_per_day")));
	cJSON_ArrayForEach(it, get(root, "sensitivity")) {
		assert_true(model_question_index(m, get(it, "question")->valuestring) >= 0);
		get(it, "answer");
		assert_int_not_equal(arch_from_id(get(it, "would_recommend")->valuestring), ev.recommendation);
	}
	/* Same answers, same bytes. */
	struct evaluation ev2;
	assert_int_equal(engine_evaluate(m, &a, &ev2), 0);
	assert_int_equal(engine_sensitivity(m, &a, &ev2), 0);
	char *js2 = engine_to_json(m, &a, &ev2);
	assert_string_equal(js, js2);
	free(js2);
	engine_evaluation_fini(&ev2);
	cJSON_Delete(root);
	free(js);
	engine_evaluation_fini(&ev);
	answers_fini(&a);
}

/* Every answers file the metamorphic tests vary: tests/cases and the
 * calibration scenarios. Calls fn for each, parsed on m. */
static unsigned each_answers_file(const struct model *m,
				  void (*fn)(const struct model *, struct answers *, const char *))
{
	const char *root = getenv("ARCHWISE_ROOT");
	static const char *const dirs[] = {"tests/cases", "tests/calibration"};
	unsigned n = 0;
	for (size_t k = 0; k < 2; k++) {
		char *dirp = xasprintf("%s/%s", root && *root ? root : ".", dirs[k]);
		DIR *dir = opendir(dirp);
		if (!dir)
			fail_msg("cannot open %s: run from the repository root or set ARCHWISE_ROOT", dirp);
		struct dirent *de;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.' || strcmp(de->d_name, "bad") == 0 ||
			    strcmp(de->d_name, "README.md") == 0)
				continue;
			char *path = k == 0 ? xasprintf("%s/%s/answers.yaml", dirp, de->d_name)
					    : xasprintf("%s/%s", dirp, de->d_name);
			struct diag_list d = {0};
			struct answers a;
			if (answers_load(m, path, &a, &d) < 0) {
				diag_print(&d, stderr);
				fail_msg("%s does not load", path);
			}
			fn(m, &a, path);
			answers_fini(&a);
			diag_list_fini(&d);
			free(path);
			n++;
		}
		closedir(dir);
		free(dirp);
	}
	return n;
}

static int position_of(const struct evaluation *ev, enum arch x)
{
	for (int i = 0; i < ARCH_COUNT; i++)
		if (ev->ranking[i].arch == x)
			return i;
	return -1;
}

/* Raising the cost sensitivity (low -> medium -> high) never moves the
 * dearer of two architectures from behind the cheaper one to ahead of it. */
static void cost_sensitivity_one(const struct model *m, struct answers *a, const char *path)
{
	int q = model_question_index(m, "cost_sensitivity");
	static const char *const levels[] = {"low", "medium", "high"};
	struct evaluation ev[3];
	for (int l = 0; l < 3; l++) {
		assert_int_equal(answers_set_option(m, a, (size_t)q,
						    model_option_index(m->questions[q], levels[l])), 0);
		assert_int_equal(engine_evaluate(m, a, &ev[l]), 0);
	}
	for (int x = 0; x < ARCH_COUNT; x++)
		for (int y = 0; y < ARCH_COUNT; y++) {
			double cx = ev[0].cost.arch[x].monthly_usd, cy = ev[0].cost.arch[y].monthly_usd;
			if (!(cx > cy + 0.01))
				continue;   /* x is the dearer */
			for (int l = 1; l < 3; l++)
				if (position_of(&ev[l - 1], (enum arch)x) > position_of(&ev[l - 1], (enum arch)y) &&
				    position_of(&ev[l], (enum arch)x) < position_of(&ev[l], (enum arch)y) &&
				    !ev[l].ranking[position_of(&ev[l], (enum arch)y)].excluded)
					fail_msg("%s: cost sensitivity %s puts the dearer %s ahead of %s", path,
						 levels[l], arch_id((enum arch)x), arch_id((enum arch)y));
		}
	for (int l = 0; l < 3; l++)
		engine_evaluation_fini(&ev[l]);
}

static void test_metamorphic_cost_sensitivity(void **state)
{
	assert_true(each_answers_file(*state, cost_sensitivity_one) >= 40);
}

/* Adding a GPU never recommends an architecture the provider cannot run a
 * GPU on: no functions anywhere, no serverless containers on AWS. */
static void gpu_one(const struct model *m, struct answers *a, const char *path)
{
	int q = model_question_index(m, "hardware");
	int g = model_option_index(m->questions[q], "gpu");
	uint64_t sel = answers_selected(m, a, (size_t)q) | ((uint64_t)1 << g);
	assert_int_equal(answers_set_selected(m, a, (size_t)q, sel), 0);
	struct evaluation ev;
	assert_int_equal(engine_evaluate(m, a, &ev), 0);
	if (ev.recommendation == ARCH_SERVERLESS ||
	    (ev.recommendation == ARCH_SERVERLESS_CONTAINERS && ev.cost_in.provider == PROVIDER_AWS))
		fail_msg("%s: with a GPU, %s is recommended on %s", path, arch_id(ev.recommendation),
			 provider_id(ev.cost_in.provider));
	engine_evaluation_fini(&ev);
}

static void test_metamorphic_gpu(void **state)
{
	assert_true(each_answers_file(*state, gpu_one) >= 40);
}

/* More requests never make anything cheaper (every file, every provider). */
static void volume_one(const struct model *m, struct answers *a, const char *path)
{
	struct evaluation ev;
	assert_int_equal(engine_evaluate(m, a, &ev), 0);
	const struct pricing *p = cost_pricing(m, &ev.cost_in);
	for (int x = 0; x < ARCH_COUNT; x++) {
		double last = -1;
		for (int i = 0; i <= 60; i++) {
			double c = cost_monthly_at(p, &ev.cost_in, (enum arch)x, pow(10, 1 + i / 6.0));
			if (c < last - 1e-9)
				fail_msg("%s: %s costs less at more requests", path, arch_id((enum arch)x));
			last = c;
		}
	}
	engine_evaluation_fini(&ev);
}

static void test_metamorphic_volume(void **state)
{
	assert_true(each_answers_file(*state, volume_one) >= 40);
}

/* The sample answers in tests/cases/ say in a comment what an architect
 * expects ("# An architect expects: serverless containers (...)"): the
 * engine, on the built-in data, must agree. */
/* The repository's tests/cases: under $ARCHWISE_ROOT when set, else found
 * from the test binary's folder upwards (build/tests, build/asan/tests), so
 * the test runs from any folder and never skips. */
static char *cases_dir(void)
{
	const char *root = getenv("ARCHWISE_ROOT");
	if (root && *root)
		return xasprintf("%s/tests/cases", root);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		fail_msg("cannot find the test binary (/proc/self/exe); set ARCHWISE_ROOT");
	exe[n] = '\0';
	char *slash;
	while ((slash = strrchr(exe, '/'))) {
		*slash = '\0';
		char *p = xasprintf("%s/tests/cases/defaults/answers.yaml", *exe ? exe : "");
		bool found = access(p, R_OK) == 0;
		free(p);
		if (found)
			return xasprintf("%s/tests/cases", *exe ? exe : "");
	}
	fail_msg("no tests/cases above %s; set ARCHWISE_ROOT", exe);
	return NULL;
}

static void test_builtin_cases_expected(void **state)
{
	const struct model *m = *state;
	char *cases = cases_dir();
	DIR *dir = opendir(cases);
	if (!dir)
		fail_msg("cannot open %s", cases);
	unsigned checked = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s/answers.yaml", cases, de->d_name);
		struct diag_list d = {0};
		size_t len;
		char *text = file_read(path, &len, &d);
		const char *exp = text ? strstr(text, "expects: ") : NULL;
		if (!exp) {
			free(text);
			free(path);
			diag_list_fini(&d);
			continue;
		}
		exp += strlen("expects: ");
		char want[64];
		size_t n = 0;
		for (; exp[n] && !strchr(";,(.\n", exp[n]) && n < sizeof(want) - 1; n++)
			want[n] = exp[n] == ' ' ? '_' : exp[n];
		while (n && want[n - 1] == '_')
			n--;
		want[n] = '\0';
		struct answers a;
		if (answers_parse(m, text, len, path, &a, &d) < 0) {
			diag_print(&d, stderr);
			fail_msg("%s does not parse", path);
		}
		struct evaluation ev;
		assert_int_equal(engine_evaluate(m, &a, &ev), 0);
		if (strcmp(arch_id(ev.recommendation), want) != 0)
			fail_msg("%s: recommends %s, an architect expects %s", path,
				 arch_id(ev.recommendation), want);
		checked++;
		engine_evaluation_fini(&ev);
		answers_fini(&a);
		diag_list_fini(&d);
		free(text);
		free(path);
	}
	closedir(dir);
	if (checked < 7)   /* the seven cases with an architect's expectation */
		fail_msg("only %u cases in %s say what an architect expects", checked, cases);
	free(cases);
}

/* A small deterministic generator (xorshift64*), so failures reproduce. */
static uint64_t rnd_next(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * UINT64_C(2685821657736338717);
}

/* Random answers to m: about a third of the questions left to their
 * default, numbers spread over orders of magnitude, random weights. */
static void random_answers(const struct model *m, struct answers *a, uint64_t *st)
{
	assert_int_equal(answers_init(a, m), 0);
	for (size_t qi = 0; qi < m->question_count; qi++) {
		const struct question *q = m->questions[qi];
		if (rnd_next(st) % 3 == 0)
			continue;
		switch (q->kind) {
		case QK_SINGLE:
			answers_set_option(m, a, qi, (int)(rnd_next(st) % q->options_count));
			break;
		case QK_MULTIPLE: {
			unsigned n = q->options_count < 64 ? q->options_count : 64;
			uint64_t sel = rnd_next(st) & (n == 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1);
			answers_set_selected(m, a, qi, sel);
			break;
		}
		case QK_NUMBER: {
			double lo = q->min, hi = q->max > q->min ? q->max : q->min + 1e6;
			double u = (double)(rnd_next(st) % 1000001) / 1e6;
			double v = rnd_next(st) % 2 ? lo + u * (hi - lo)
				   : lo + pow(10, u * log10(hi - lo + 1)) - 1;
			if (rnd_next(st) % 2)
				v = round(v);
			char *err = NULL;
			if (answers_set_number(m, a, qi, v, &err) != 0)
				free(err);
			break;
		}
		case QK_TEXT:
			break;
		}
	}
	for (size_t f = 0; f < m->questionnaire->factors_count; f++)
		if (rnd_next(st) % 2)
			a->weights[f] = (int)(rnd_next(st) % 6);
}

static void assert_same_sensitivity(const struct evaluation *x, const struct evaluation *y)
{
	assert_int_equal(x->change_count, y->change_count);
	for (size_t i = 0; i < x->change_count; i++) {
		const struct answer_change *p = &x->changes[i], *q = &y->changes[i];
		assert_int_equal(p->question, q->question);
		assert_int_equal(p->option, q->option);
		assert_true(p->selected == q->selected);
		assert_true(p->number == q->number || (isnan(p->number) && isnan(q->number)));
		assert_int_equal(p->would_recommend, q->would_recommend);
	}
	assert_int_equal(x->flip_count, y->flip_count);
	for (size_t i = 0; i < x->flip_count; i++) {
		assert_int_equal(x->flips[i].factor, y->flips[i].factor);
		assert_int_equal(x->flips[i].weight, y->flips[i].weight);
		assert_int_equal(x->flips[i].would_recommend, y->flips[i].would_recommend);
	}
}

/* The incremental sensitivity analysis finds exactly what re-scoring the
 * whole questionnaire for every candidate finds: every candidate's
 * recommendation agrees (SENS_CHECK), and so do the lists. */
static void test_builtin_sensitivity_incremental(void **state)
{
	const struct model *m = *state;
	uint64_t st = UINT64_C(0x9E3779B97F4A7C15);
	for (int i = 0; i < 300; i++) {
		struct answers a;
		random_answers(m, &a, &st);
		struct evaluation inc, ref, chk;
		assert_int_equal(engine_evaluate(m, &a, &inc), 0);
		assert_int_equal(engine_evaluate(m, &a, &ref), 0);
		assert_int_equal(engine_evaluate(m, &a, &chk), 0);
		size_t mismatches = 1;
		assert_int_equal(engine_sensitivity_mode(m, &a, &inc, SENS_INCREMENTAL, NULL), 0);
		assert_int_equal(engine_sensitivity_mode(m, &a, &ref, SENS_RESCORE, NULL), 0);
		assert_int_equal(engine_sensitivity_mode(m, &a, &chk, SENS_CHECK, &mismatches), 0);
		if (mismatches)
			fail_msg("answers #%d: %zu candidates score differently", i, mismatches);
		assert_same_sensitivity(&inc, &ref);
		assert_same_sensitivity(&chk, &ref);
		engine_evaluation_fini(&inc);
		engine_evaluation_fini(&ref);
		engine_evaluation_fini(&chk);
		answers_fini(&a);
	}
}

/* Same on the hand-built model (a min-combined multiple, a rule on a text
 * question, case-study bonus on). */
static void test_sensitivity_incremental(void **state)
{
	struct fixture *fx = *state;
	fx->qn.case_study_bonus = 10;
	uint64_t st = 42;
	unsigned flips_to_5 = 0;
	for (int i = 0; i < 200; i++) {
		answers_fini(&fx->a);
		random_answers(&fx->m, &fx->a, &st);
		struct evaluation inc, ref;
		size_t mismatches = 1;
		assert_int_equal(engine_evaluate(&fx->m, &fx->a, &inc), 0);
		assert_int_equal(engine_evaluate(&fx->m, &fx->a, &ref), 0);
		assert_int_equal(engine_sensitivity_mode(&fx->m, &fx->a, &inc, SENS_CHECK, &mismatches), 0);
		assert_int_equal(engine_sensitivity_mode(&fx->m, &fx->a, &ref, SENS_RESCORE, NULL), 0);
		assert_int_equal(mismatches, 0);
		assert_same_sensitivity(&inc, &ref);
		check_flips_brute(&fx->m, &fx->a, &inc);
		flips_to_5 += inc.flip_count && inc.flips[0].weight == 5;
		engine_evaluation_fini(&inc);
		engine_evaluation_fini(&ref);
	}
	assert_true(flips_to_5 > 0);   /* the highest weight was tried */
	fx->qn.case_study_bonus = 0;
}

/* Case studies sort nearest first, ties within 1e-9 by id, as the
 * insertion sort that defines the order; also on chains of near-ties. */
static void test_case_sort(void **state)
{
	struct fixture *fx = *state;
	static const char *ids[] = { "e", "b", "a", "d", "c", "f", "h", "g", "j", "i" };
	struct case_study studies[10];
	struct case_studies cs = { .case_studies = studies, .case_studies_count = 10 };
	for (int i = 0; i < 10; i++)
		studies[i] = (struct case_study){ .id = (char *)ids[i], .architecture = "hybrid" };
	struct case_studies *saved = fx->m.case_studies;
	fx->m.case_studies = &cs;
	const double sets[][10] = {
		{ 0.5, 0.25, 0.5, 0.75, 0.5, 0.1, 0.9, 0.25, 0.5, 0 },
		{ 0.5, 0.5 + 4e-10, 0.5 - 4e-10, 0.3, 0.3, 0.3 + 1e-12, 0.9, 0.9, 0.1, 0.2 },
		/* a chain longer than 1e-9: not transitive, insertion sort decides */
		{ 0.5, 0.5 + 6e-10, 0.5 + 1.2e-9, 0.5 + 1.8e-9, 0.2, 0.5 - 6e-10, 0.1, 0.7, 0.7, 0.5 },
		{ 1e-9, 0, 2e-9, 3e-9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 },
	};
	for (size_t t = 0; t < sizeof(sets) / sizeof(sets[0]); t++) {
		struct case_match got[10], want[10];
		for (size_t c = 0; c < 10; c++)
			got[c] = want[c] = (struct case_match){ .case_study = c, .similarity = sets[t][c] };
		for (size_t i = 1; i < 10; i++)
			for (size_t j = i; j > 0; j--) {
				const struct case_match *x = &want[j - 1], *y = &want[j];
				int cmp = fabs(x->similarity - y->similarity) > 1e-9
					  ? (x->similarity > y->similarity ? -1 : 1)
					  : strcmp(ids[x->case_study], ids[y->case_study]);
				if (cmp <= 0)
					break;
				struct case_match tmp = want[j];
				want[j] = want[j - 1];
				want[j - 1] = tmp;
			}
		engine_sort_cases(&fx->m, got, 10);
		for (size_t c = 0; c < 10; c++)
			assert_int_equal(got[c].case_study, want[c].case_study);
		assert_int_equal(engine_nearest_case(&fx->m, sets[t], 10), want[0].case_study);
	}
	fx->m.case_studies = saved;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_matrix_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weights_and_multiple_combine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_soup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exclusion_penalty_boost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ties_and_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_excluded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_needs_two_candidates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combine_mean_max, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rule_needs_every_clause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_score_clamped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_similarity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_ranking_and_bonus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sensitivity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sensitivity_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sensitivity_rule_only_question, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sensitivity_incremental, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_sort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reasons_and_summary, setup, teardown),
	};
	const struct CMUnitTest builtin[] = {
		cmocka_unit_test(test_builtin_rules_parse),
		cmocka_unit_test(test_builtin_fast),
		cmocka_unit_test(test_builtin_sensitivity_incremental),
		cmocka_unit_test(test_builtin_json_contract),
		cmocka_unit_test(test_builtin_cases_expected),
		cmocka_unit_test(test_metamorphic_cost_sensitivity),
		cmocka_unit_test(test_metamorphic_gpu),
		cmocka_unit_test(test_metamorphic_volume),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return failed + cmocka_run_group_tests_name("builtin", builtin, setup_builtin, teardown_builtin);
}
