/* test_cost.c: the cost model against figures worked out by hand. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "answers.h"
#include "cost.h"
#include "load.h"

/* The values of assets/pricing.yaml (us-east-1), set here so the arithmetic
 * below does not depend on the loader. */
static void table(struct pricing *p, double hours)
{
	memset(p, 0, sizeof *p);
	p->lambda_requests_per_million.usd = 0.20;
	p->lambda_gb_second_x86.usd = 0.0000166667;
	p->lambda_gb_second_arm.usd = 0.0000133334;
	p->lambda_free_requests.usd = 1000000;
	p->lambda_free_gb_seconds.usd = 400000;
	p->api_gateway_http_per_million.usd = 1.00;
	p->node_hourly.usd = 0.10;
	p->node_memory_gb.usd = 8;
	p->node_vcpu.usd = 2;
	p->eks_control_plane_hourly.usd = 0.10;
	p->fargate_vcpu_hour.usd = 0.04048;
	p->fargate_gb_hour.usd = 0.004445;
	p->hours_per_month.usd = hours;
	p->hybrid_serverless_share.usd = 0.5;
	p->knative_min_nodes.usd = 2;
}

/* The guide's example: 100,000 requests/day, 200 ms, 128 MB, 3 nodes x $0.10. */
static struct cost_inputs guide(void)
{
	struct cost_inputs in = {
		.requests_per_day = 100000, .avg_duration_ms = 200, .memory_mb = 128,
		.node_count = 3, .node_hourly_usd = 0.10,
		.arm = false, .free_tier = false, .api_gateway = false,
	};
	return in;
}

static double item(const struct cost_breakdown *b, const char *name)
{
	for (unsigned i = 0; i < b->item_count; i++)
		if (strcmp(b->items[i].item, name) == 0)
			return b->items[i].usd;
	return -1; /* absent */
}

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* 720 hours (the guide's 30 days), no free tier:
 *   requests: 100,000 x 30 = 3,000,000 -> 3 x $0.20 = $0.60
 *   compute:  3,000,000 x 0.2 s x 0.125 GB = 75,000 GB-s
 *             x $0.0000166667 = $1.2500025
 *   total $1.85. The guide prints $12.80 for compute (and $13.40 in all):
 *   that is about ten times the product of its own figures.
 * Kubernetes: 3 x $0.10 x 720 = $216 nodes, + $0.10 x 720 = $72 control plane. */
static void guide_example_720(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 720);
	cost_compute(&p, &in, &r);
	assert_true(r.hours_per_month == 720);
	const struct cost_breakdown *s = &r.arch[ARCH_SERVERLESS];
	NEAR(item(s, "requests"), 0.60, 1e-9);
	NEAR(item(s, "compute"), 1.2500025, 1e-9);
	assert_true(item(s, "api_gateway") < 0);
	NEAR(s->monthly_usd, 1.8500025, 1e-9);
	const struct cost_breakdown *k = &r.arch[ARCH_KUBERNETES];
	NEAR(item(k, "nodes"), 216.0, 1e-9);
	NEAR(item(k, "control_plane"), 72.0, 1e-9);
	NEAR(k->monthly_usd, 288.0, 1e-9);
}

/* Free tier on: 3,000,000 - 1,000,000 free = 2,000,000 billed -> $0.40;
 * 75,000 GB-s is inside the 400,000 free GB-s -> $0. */
static void free_tier(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 720);
	in.free_tier = true;
	cost_compute(&p, &in, &r);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "requests"), 0.40, 1e-9);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "compute"), 0.0, 0);
	NEAR(r.arch[ARCH_SERVERLESS].monthly_usd, 0.40, 1e-9);

	/* 10,000 requests/day = 300,000 a month: everything free. */
	in.requests_per_day = 10000;
	NEAR(cost_monthly_at(&p, &in, ARCH_SERVERLESS, 10000), 0.0, 0);
	in.free_tier = false;
	assert_true(cost_monthly_at(&p, &in, ARCH_SERVERLESS, 10000) > 0);
}

/* 730 hours (AWS): nodes 3 x 0.10 x 730 = $219, control plane $73, $292. */
static void kubernetes_730(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 730);
	cost_compute(&p, &in, &r);
	NEAR(item(&r.arch[ARCH_KUBERNETES], "nodes"), 219.0, 1e-9);
	NEAR(item(&r.arch[ARCH_KUBERNETES], "control_plane"), 73.0, 1e-9);
	NEAR(r.arch[ARCH_KUBERNETES].monthly_usd, 292.0, 1e-9);
	/* Knative keeps 2 nodes: 2 x 0.10 x 730 + 73 = $219. */
	NEAR(r.arch[ARCH_KUBERNETES_SERVERLESS].monthly_usd, 219.0, 1e-9);
	/* Fargate, 128 MB -> 0.25 vCPU / 0.5 GB, one task:
	 * 730 x (0.25 x 0.04048 + 0.5 x 0.004445) = $9.010025. */
	NEAR(item(&r.arch[ARCH_SERVERLESS_CONTAINERS], "vcpu_hours"), 7.3876, 1e-9);
	NEAR(item(&r.arch[ARCH_SERVERLESS_CONTAINERS], "gb_hours"), 1.622425, 1e-9);
	NEAR(r.arch[ARCH_SERVERLESS_CONTAINERS].monthly_usd, 9.010025, 1e-9);
	/* Hybrid: half the requests on functions + the 3-node cluster.
	 * 50,000 x 730/24 = 1,520,833.33 requests -> $0.30416667;
	 * x 0.025 GB-s = 38,020.83 GB-s -> $0.63368; + $292. */
	double half = 50000.0 * 730 / 24;
	double want = half / 1e6 * 0.20 + half * 0.025 * 0.0000166667 + 292.0;
	NEAR(r.arch[ARCH_HYBRID].monthly_usd, want, 1e-9);
	NEAR(item(&r.arch[ARCH_HYBRID], "nodes"), 219.0, 1e-9);
}

/* Arm: 75,000 GB-s x $0.0000133334 = $1.000005 (720 h). */
static void arm_prices(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 720);
	in.arm = true;
	cost_compute(&p, &in, &r);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "compute"), 1.000005, 1e-9);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "requests"), 0.60, 1e-9);
}

/* HTTP API: 3,000,000 calls x $1.00 / million = $3.00, free tier or not. */
static void api_gateway(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 720);
	in.api_gateway = true;
	in.free_tier = true;
	cost_compute(&p, &in, &r);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "api_gateway"), 3.0, 1e-9);
	NEAR(r.arch[ARCH_SERVERLESS].monthly_usd, 3.40, 1e-9);
	in.api_gateway = false;
	cost_compute(&p, &in, &r);
	assert_true(item(&r.arch[ARCH_SERVERLESS], "api_gateway") < 0);
	assert_int_equal(r.arch[ARCH_SERVERLESS].item_count, 2);
}

/* Break-even with 730 h, no free tier: one request costs
 *   $0.20/1e6 + 0.2 s x 0.125 GB x $0.0000166667 = $6.166675e-7,
 * one request/day for a month (730/24 = 30.41667 days) $1.8757e-5, and the
 * cluster $292 (flat: at ~1.56e7/day only 36 requests are in flight, 4.5 GB,
 * one node's worth), so 292 / (30.41667 x 6.166675e-7) = 15,567,547/day.
 * With the free tier: (292 + 0.20 + 400,000 x 0.0000166667) / same
 * = 15,933,633/day. */
static void break_even(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 730);
	double be = cost_break_even(&p, &in, ARCH_SERVERLESS);
	assert_false(isnan(be));
	NEAR(be, 15567547.0, 15567547.0 * 1e-4);
	double k = cost_monthly_at(&p, &in, ARCH_KUBERNETES, be);
	double s = cost_monthly_at(&p, &in, ARCH_SERVERLESS, be);
	assert_true(fabs(s - k) <= 0.005 * k);
	/* Below it functions are cheaper, above it the cluster. */
	assert_true(cost_monthly_at(&p, &in, ARCH_SERVERLESS, be / 2) < k);
	assert_true(cost_monthly_at(&p, &in, ARCH_SERVERLESS, be * 2) >
		    cost_monthly_at(&p, &in, ARCH_KUBERNETES, be * 2));

	in.free_tier = true;
	be = cost_break_even(&p, &in, ARCH_SERVERLESS);
	NEAR(be, 15933633.0, 15933633.0 * 1e-4);

	/* cost_compute fills the same figures; kubernetes against itself is NAN. */
	cost_compute(&p, &in, &r);
	NEAR(r.break_even_rpd[ARCH_SERVERLESS], be, be * 1e-9);
	assert_true(isnan(r.break_even_rpd[ARCH_KUBERNETES]));
	assert_true(isnan(cost_break_even(&p, &in, ARCH_KUBERNETES)));

	/* Knative (2 nodes) is always below the 3-node cluster: never crosses. */
	assert_true(isnan(cost_break_even(&p, &in, ARCH_KUBERNETES_SERVERLESS)));

	/* A one-node cluster ($146) crosses where functions cost $146. */
	in.node_count = 1;
	in.free_tier = false;
	be = cost_break_even(&p, &in, ARCH_SERVERLESS);
	NEAR(be, 146.0 / (730.0 / 24 * 6.166675e-7), 146.0 / (730.0 / 24 * 6.166675e-7) * 1e-4);
}

/* The comparison in spans: what the record's break-even words come from. */
static void compare_spans(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_comparison c;

	table(&p, 730);
	/* Functions: cheaper, then dearer past the break-even (a crossing: the
	 * boundary is where both cost the same, cost_break_even's figure). */
	cost_compare(&p, &in, ARCH_SERVERLESS, &c);
	assert_int_equal(c.count, 2);
	assert_int_equal(c.span[0].relation, COST_CHEAPER);
	assert_int_equal(c.span[1].relation, COST_DEARER);
	NEAR(c.span[0].from_rpd, 1e3, 1e-6);
	NEAR(c.span[1].to_rpd, 1e10, 1e-3);
	NEAR(c.span[0].to_rpd, 15567547.0, 15567547.0 * 1e-4);
	assert_true(c.span[0].to_rpd == c.span[1].from_rpd);

	/* Kubernetes against itself, and an unknown architecture: equal. */
	cost_compare(&p, &in, ARCH_KUBERNETES, &c);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.span[0].relation, COST_EQUAL);
	cost_compare(&p, &in, (enum arch)ARCH_COUNT, &c);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.span[0].relation, COST_EQUAL);

	/* Knative (2 nodes at least, no control plane) against the 3-node
	 * cluster: cheaper while the cluster keeps its 3 nodes, then the same
	 * nodes on both; the spans alternate. */
	cost_compare(&p, &in, ARCH_KUBERNETES_SERVERLESS, &c);
	assert_int_equal(c.span[0].relation, COST_CHEAPER);
	for (unsigned i = 1; i < c.count; i++)
		assert_true(c.span[i].relation != c.span[i - 1].relation);

	/* Every span's middle has the span's relation. */
	for (int a = 0; a < ARCH_COUNT; a++) {
		cost_compare(&p, &in, (enum arch)a, &c);
		for (unsigned i = 0; i < c.count; i++) {
			double mid = sqrt(c.span[i].from_rpd * c.span[i].to_rpd);
			double d = cost_monthly_at(&p, &in, (enum arch)a, mid) -
				   cost_monthly_at(&p, &in, ARCH_KUBERNETES, mid);
			int want = d >= 0.005 ? COST_DEARER : d <= -0.005 ? COST_CHEAPER : COST_EQUAL;
			assert_int_equal(c.span[i].relation, want);
		}
	}
}

/* A full cluster grows: at 1e10 requests/day, 115,740.7/s x 0.2 s = 23,148
 * in flight x 0.125 GB = 2,893.5 GB on 8 GB nodes -> 362 nodes:
 * 362 x 0.10 x 730 + 73 = $26,499. */
static void cluster_grows(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();

	table(&p, 730);
	NEAR(cost_nodes_needed(&p, &in, 1e10, 3), 362.0, 0);
	NEAR(cost_nodes_needed(&p, &in, 1e5, 3), 3.0, 0);
	NEAR(cost_monthly_at(&p, &in, ARCH_KUBERNETES, 1e10), 26499.0, 1e-6);
	/* Knative sizes the same way, floor 2 nodes. */
	NEAR(cost_monthly_at(&p, &in, ARCH_KUBERNETES_SERVERLESS, 1e10), 26499.0, 1e-6);
	/* Fargate: 4 requests per 0.5 GB task -> ceil(23,148.1 / 4) = 5,788 tasks. */
	double tasks = ceil(1e10 / 86400.0 * 0.2 / 4);
	assert_true(tasks == 5788);
	NEAR(cost_monthly_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 1e10),
	     tasks * 730 * (0.25 * 0.04048 + 0.5 * 0.004445), 1e-6);
	/* 200 MB: a 0.5 GB task holds floor(512 / 200) = 2 requests; at 1e9/day
	 * 2,314.8 in flight -> 1,158 tasks. */
	in.memory_mb = 200;
	NEAR(cost_monthly_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 1e9),
	     1158 * 730 * (0.25 * 0.04048 + 0.5 * 0.004445), 1e-6);
}

static void fargate_sizes(void **state)
{
	static const struct {
		double mb, vcpu, gb;
	} cases[] = {
		{0, 0.25, 0.5}, {128, 0.25, 0.5}, {512, 0.25, 0.5}, {600, 0.25, 1},
		{2048, 0.25, 2}, {2049, 0.5, 3}, {4096, 0.5, 4}, {4097, 1, 5},
		{8193, 2, 9}, {16385, 4, 17}, {30721, 8, 32}, {61441, 16, 64},
		{200000, 16, 120},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double v = -1, g = -1;
		cost_fargate_task_size(cases[i].mb, &v, &g);
		assert_true(v == cases[i].vcpu);
		assert_true(g == cases[i].gb);
	}
}

static void curve_monotonic(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	enum { N = 50 };
	double rpd[N], usd[ARCH_COUNT][N];
	double *cols[ARCH_COUNT];

	table(&p, 730);
	in.free_tier = true;
	in.api_gateway = true;
	for (int a = 0; a < ARCH_COUNT; a++)
		cols[a] = usd[a];
	cost_curve(&p, &in, 2, 11, N, rpd, cols);
	NEAR(rpd[0], 100.0, 1e-9);
	NEAR(rpd[N - 1], 1e11, 1e11 * 1e-12);
	for (unsigned i = 1; i < N; i++) {
		NEAR(rpd[i] / rpd[i - 1], pow(10, 9.0 / (N - 1)), 1e-9);
		for (int a = 0; a < ARCH_COUNT; a++) {
			assert_true(usd[a][i] >= usd[a][i - 1]);
			NEAR(usd[a][i], cost_monthly_at(&p, &in, (enum arch)a, rpd[i]), 1e-9);
		}
	}
	/* At 100/day the free tier covers Lambda; only the HTTP API is paid:
	 * 100 x 730/24 = 3,041.67 calls x $1.00 / million. Far above the cluster
	 * at 1e11/day. */
	NEAR(usd[ARCH_SERVERLESS][0], 100.0 * 730 / 24 / 1e6, 1e-12);
	assert_true(usd[ARCH_SERVERLESS][N - 1] > usd[ARCH_KUBERNETES][N - 1]);
	/* A NULL column is skipped. */
	cols[ARCH_HYBRID] = NULL;
	cost_curve(&p, &in, 3, 4, 2, rpd, cols);
	NEAR(rpd[1], 1e4, 1e-9);
}

static void zero_requests(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 730);
	in.requests_per_day = 0;
	in.api_gateway = true;
	cost_compute(&p, &in, &r);
	NEAR(r.arch[ARCH_SERVERLESS].monthly_usd, 0.0, 0);
	NEAR(r.arch[ARCH_KUBERNETES].monthly_usd, 292.0, 1e-9);
	NEAR(r.arch[ARCH_SERVERLESS_CONTAINERS].monthly_usd, 9.010025, 1e-9);
	NEAR(r.arch[ARCH_HYBRID].monthly_usd, 292.0, 1e-9);
	/* The break-even does not depend on the current requests/day. With the
	 * HTTP API a request costs 6.166675e-7 + 1e-6 = 1.6166675e-6 (no free
	 * tier): 292 / (730/24 x 1.6166675e-6) = 5,938,141/day. */
	NEAR(r.break_even_rpd[ARCH_SERVERLESS], 5938141.0, 5938141.0 * 1e-4);
	/* With the free tier, which gives back 0.20 + 400,000 x 0.0000166667 but
	 * nothing on the HTTP API: 298.86668 / (730/24 x 1.6166675e-6)
	 * = 6,077,783/day. */
	in.free_tier = true;
	NEAR(cost_break_even(&p, &in, ARCH_SERVERLESS), 6077783.0, 6077783.0 * 1e-4);
}

static void huge_and_bad_values(void **state)
{
	struct pricing p;
	struct cost_result r;
	const double bad[] = {1e300, DBL_MAX, INFINITY, -INFINITY, NAN, -5};

	table(&p, 730);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cost_inputs in = {
			.requests_per_day = bad[i], .avg_duration_ms = bad[i],
			.memory_mb = bad[i], .node_count = bad[i], .node_hourly_usd = bad[i],
			.free_tier = true, .api_gateway = true,
		};
		cost_compute(&p, &in, &r);
		for (int a = 0; a < ARCH_COUNT; a++) {
			assert_true(isfinite(r.arch[a].monthly_usd));
			assert_true(r.arch[a].monthly_usd >= 0);
			for (unsigned j = 0; j < r.arch[a].item_count; j++)
				assert_true(isfinite(r.arch[a].items[j].usd));
			assert_true(isfinite(cost_monthly_at(&p, &in, (enum arch)a, bad[i])));
		}
	}
	/* Large but real: 1e12 requests/day of 15 min x 10 GB is finite and positive. */
	struct cost_inputs in = guide();
	in.avg_duration_ms = 900000;
	in.memory_mb = 10240;
	for (int a = 0; a < ARCH_COUNT; a++) {
		double v = cost_monthly_at(&p, &in, (enum arch)a, 1e12);
		assert_true(isfinite(v) && v > 1e6);
	}
	/* An unknown architecture gives NAN rather than reading out of bounds. */
	assert_true(isnan(cost_monthly_at(&p, &in, ARCH_COUNT, 1e5)));
}

/* A table with no hours_per_month falls back to 730. */
static void missing_hours(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	table(&p, 0);
	cost_compute(&p, &in, &r);
	assert_true(r.hours_per_month == 730);
	NEAR(r.arch[ARCH_KUBERNETES].monthly_usd, 292.0, 1e-9);
}

/* The built-in table loads with the figures above, and the answers feed
 * the inputs: defaults 100,000/day, 200 ms, 128 MB, 3 nodes at $0.10. */
static void from_answers(void **state)
{
	struct model m = {0};
	struct diag_list d = {0};
	struct answers a;
	struct cost_inputs in;
	struct cost_result r;

	int rc = load_model_from_text(NULL, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, 0, NULL,
				      &m, &d);
	if (rc != 0)
		diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	const struct pricing *p = m.pricing;
	assert_non_null(p);
	assert_string_equal(p->region, "us-east-1");
	assert_true(p->lambda_requests_per_million.usd == 0.20);
	assert_true(p->lambda_gb_second_x86.usd == 0.0000166667);
	assert_true(p->lambda_gb_second_arm.usd == 0.0000133334);
	assert_true(p->lambda_free_requests.usd == 1000000);
	assert_true(p->lambda_free_gb_seconds.usd == 400000);
	assert_true(p->api_gateway_http_per_million.usd == 1.00);
	assert_true(p->eks_control_plane_hourly.usd == 0.10);
	assert_true(p->fargate_vcpu_hour.usd == 0.04048);
	assert_true(p->fargate_gb_hour.usd == 0.004445);
	assert_true(p->hours_per_month.usd == 730);
	assert_non_null(p->lambda_gb_second_x86.source);
	assert_non_null(p->lambda_gb_second_x86.date);

	answers_init(&a, &m);
	cost_inputs_from_answers(&m, &a, &in);
	assert_true(in.requests_per_day == 100000);
	assert_true(in.avg_duration_ms == 200);
	assert_true(in.memory_mb == 128);
	assert_true(in.node_count == 3);
	assert_true(in.node_hourly_usd == 0.10);
	assert_true(in.free_tier && !in.arm);
	const char *wt = answers_choice_by_id(&m, &a, "workload_type");
	assert_non_null(wt);
	assert_int_equal(in.api_gateway, strcmp(wt, "http_api") == 0 || strcmp(wt, "mixed") == 0);

	int q = model_question_index(&m, "workload_type");
	assert_true(q >= 0);
	const struct question *qu = model_question(&m, (size_t)q);
	assert_int_equal(answers_set_option(&m, &a, (size_t)q,
					    model_option_index(qu, "event_processing")), 0);
	cost_inputs_from_answers(&m, &a, &in);
	assert_false(in.api_gateway);
	assert_int_equal(answers_set_option(&m, &a, (size_t)q, model_option_index(qu, "mixed")), 0);
	cost_inputs_from_answers(&m, &a, &in);
	assert_true(in.api_gateway);

	q = model_question_index(&m, "requests_per_day");
	assert_int_equal(answers_set_number(&m, &a, (size_t)q, 5e6, NULL), 0);
	cost_inputs_from_answers(&m, &a, &in);
	assert_true(in.requests_per_day == 5e6);

	/* At the defaults with the HTTP API and the free tier (730 h):
	 * 100,000 x 730/24 = 3,041,666.67 requests; (3,041,666.67 - 1e6) x 0.20/1e6
	 * = $0.408333; 76,041.67 GB-s is free; API 3.0416667 x $1.00. */
	assert_int_equal(answers_set_number(&m, &a, (size_t)q, 100000, NULL), 0);
	cost_inputs_from_answers(&m, &a, &in);
	cost_compute(m.pricing, &in, &r);
	double req = 100000.0 * 730 / 24;
	NEAR(item(&r.arch[ARCH_SERVERLESS], "requests"), (req - 1e6) / 1e6 * 0.20, 1e-9);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "compute"), 0.0, 0);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "api_gateway"), req / 1e6, 1e-9);
	NEAR(r.arch[ARCH_KUBERNETES].monthly_usd, 292.0, 1e-9);

	answers_fini(&a);
	model_free(&m);
	diag_list_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(guide_example_720),
		cmocka_unit_test(free_tier),
		cmocka_unit_test(kubernetes_730),
		cmocka_unit_test(arm_prices),
		cmocka_unit_test(api_gateway),
		cmocka_unit_test(break_even),
		cmocka_unit_test(compare_spans),
		cmocka_unit_test(cluster_grows),
		cmocka_unit_test(fargate_sizes),
		cmocka_unit_test(curve_monotonic),
		cmocka_unit_test(zero_requests),
		cmocka_unit_test(huge_and_bad_values),
		cmocka_unit_test(missing_hours),
		cmocka_unit_test(from_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
