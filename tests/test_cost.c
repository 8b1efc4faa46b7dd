/* test_cost.c: the cost model against figures worked out by hand, each
 * written out in the comment above its test, and properties every cost
 * must have (non-decreasing in volume, exact first crossings). */
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

/* AWS list prices as in assets/pricing-aws.yaml, set here so the arithmetic
 * below does not depend on the loader (the_tables checks the files agree). */
static void aws(struct pricing *p, double hours)
{
	memset(p, 0, sizeof *p);
	p->functions_requests_per_million.usd = 0.20;
	p->functions_gb_second.usd = 0.0000166667;
	p->functions_gb_second_arm.usd = 0.0000133334;
	p->functions_free_requests.usd = 1000000;
	p->functions_free_gb_seconds.usd = 400000;
	p->functions_provisioned_gb_second.usd = 0.0000041667;
	p->front_door_per_million.usd = 1.00;
	p->front_door_per_million_tier2.usd = 0.90;
	p->front_door_tier_million.usd = 300;
	p->containers_vcpu_hour.usd = 0.04048;
	p->containers_gb_hour.usd = 0.004445;
	p->control_plane_hourly.usd = 0.10;
	p->node_hourly.usd = 0.096;
	p->node_vcpu.usd = 2;
	p->node_memory_gb.usd = 8;
	p->gpu_node_hourly.usd = 0.526;
	p->gpu_node_gpus.usd = 1;
	p->lb_hourly.usd = 0.0225;
	p->lb_per_gb.usd = 0.008;
	p->nat_hourly.usd = 0.045;
	p->egress_per_gb.usd = 0.09;
	p->public_ipv4_hourly.usd = 0.005;
	p->hours_per_month.usd = hours;
	p->hybrid_serverless_share.usd = 0.5;
}

/* The guide's example: 100,000 requests/day, 200 ms, 128 MB, 3 nodes x
 * $0.10, with every optional charge off and 50 ms of CPU per request. */
static struct cost_inputs guide(void)
{
	struct cost_inputs in = {
		.requests_per_day = 100000, .avg_duration_ms = 200, .memory_mb = 128,
		.node_count = 3, .node_hourly_usd = 0.10, .provider = PROVIDER_AWS,
		.workload = CW_HTTP_API, .pattern = CP_DAILY_CYCLE,
		.front_door = FRONT_DOOR_FUNCTION_URL, .data_transfer_gb = 0,
		.events_per_invocation = 1, .availability_min = 2, .concurrency = 10,
		.cpu_ms_per_request = 50, .node_vcpu = 2, .node_memory_gb = 8,
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
 * Kubernetes: in flight 100,000 / 86,400 x 0.2 = 0.2315 requests, CPU
 *   100,000 / 86,400 x 0.05 = 0.0579 vCPU on 0.25-vCPU pods = 0.2315 pods,
 *   x 2 (daily cycle) / 0.7 = 0.66 -> 1 pod, floor 2 pods; 0.5 vCPU on
 *   2-vCPU nodes at 85% is one node, floor 3 nodes:
 *   3 x $0.10 x 720 = $216 nodes + $0.10 x 720 = $72 control plane. */
static void guide_example_720(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	aws(&p, 720);
	cost_compute(&p, &in, &r);
	assert_true(r.hours_per_month == 720);
	const struct cost_breakdown *s = &r.arch[ARCH_SERVERLESS];
	NEAR(item(s, "requests"), 0.60, 1e-9);
	NEAR(item(s, "compute"), 1.2500025, 1e-9);
	assert_true(item(s, "api_gateway") < 0);
	NEAR(s->monthly_usd, 1.8500025, 1e-9);
	const struct cost_breakdown *k = &r.arch[ARCH_KUBERNETES];
	NEAR(k->instances, 2, 0);
	NEAR(k->nodes, 3, 0);
	NEAR(item(k, "nodes"), 216.0, 1e-9);
	NEAR(item(k, "control_plane"), 72.0, 1e-9);
	NEAR(k->monthly_usd, 288.0, 1e-9);
}

/* Free tier (730 h): 100,000 x 730 / 24 = 3,041,666.67 requests, minus
 * 1,000,000 free = 2,041,666.67 x $0.20 / million = $0.408333; 76,041.67
 * GB-s is inside the 400,000 free GB-s. Off by default: it is per account. */
static void free_tier(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	aws(&p, 730);
	in.free_tier = true;
	cost_compute(&p, &in, &r);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "requests"), (100000.0 * 730 / 24 - 1e6) / 1e6 * 0.2, 1e-9);
	NEAR(item(&r.arch[ARCH_SERVERLESS], "compute"), 0.0, 0);
}

/* Fargate at 730 h, an HTTP API with a load balancer and a NAT gateway:
 *   128 MB -> 0.25 vCPU / 0.5 GB tasks; 0.2315 tasks of CPU x 2 / 0.7 ->
 *   1, floor 2: vCPU 2 x 0.25 x 730 x 0.04048 = $14.7752,
 *   memory 2 x 0.5 x 730 x 0.004445 = $3.24485;
 *   egress 3,041,666.67 x 10 KB = 30.41667 GB:
 *   ALB 730 x 0.0225 + 30.41667 x 0.008 = $16.66833, its two public IPv4
 *   2 x 730 x 0.005 = $7.30, NAT 730 x 0.045 = $32.85,
 *   data transfer 30.41667 x 0.09 = $2.7375; total $77.575883. */
static void fargate_real_bill(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	aws(&p, 730);
	in.load_balancer = true;
	in.nat_gateway = true;
	in.data_transfer_gb = NAN;
	cost_compute(&p, &in, &r);
	const struct cost_breakdown *f = &r.arch[ARCH_SERVERLESS_CONTAINERS];
	NEAR(f->instances, 2, 0);
	NEAR(item(f, "vcpu_hours"), 14.7752, 1e-9);
	NEAR(item(f, "gb_hours"), 3.24485, 1e-9);
	double gb = 100000.0 * 730 / 24 * 10 / 1e6;
	NEAR(item(f, "load_balancer"), 730 * 0.0225 + gb * 0.008, 1e-9);
	NEAR(item(f, "public_ipv4"), 7.30, 1e-9);
	NEAR(item(f, "nat_gateway"), 32.85, 1e-9);
	NEAR(item(f, "data_transfer"), gb * 0.09, 1e-9);
	NEAR(f->monthly_usd, 14.7752 + 3.24485 + 730 * 0.0225 + gb * 0.008 + 7.3 + 32.85 + gb * 0.09,
	     1e-9);
	/* The same bytes leave every architecture. */
	NEAR(item(&r.arch[ARCH_SERVERLESS], "data_transfer"), gb * 0.09, 1e-9);
}

/* A 24 GB JVM service at 5M requests/day, 200 ms, CPU 25% of it (an API):
 * in flight 11.57, CPU 2.894 vCPU; Fargate 24 GB -> 4 vCPU / 24 GB tasks;
 * need max(11.57 / 10, 2.894 / 4) = 1.157 x 2 / 0.7 = 3.31 -> 4 tasks (not
 * one 24 GB task per request in flight, which made 12):
 * 4 x (4 x 0.04048 + 24 x 0.004445) x 730 = $784.3584. */
static void containers_sized_by_cpu_and_memory(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 730);
	in.memory_mb = 24576;
	in.cpu_ms_per_request = 50;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 5e6, &b);
	NEAR(b.instances, 4, 0);
	NEAR(b.monthly_usd, 4 * (4 * 0.04048 + 24 * 0.004445) * 730, 1e-9);
	/* CPU-bound work sizes by CPU: 200 ms of CPU each is 11.57 vCPU / 4 =
	 * 2.894 x 2 / 0.7 = 8.27 -> 9 tasks. */
	in.cpu_ms_per_request = 200;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 5e6, &b);
	NEAR(b.instances, 9, 0);
}

/* API Gateway tiers: 400 million calls a month (720 h: 13,333,333.3/day)
 * = 300 x $1.00 + 100 x $0.90 = $390. */
static void api_gateway_tiers(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 720);
	in.api_gateway = true;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS, 400e6 / 30, &b);
	NEAR(item(&b, "api_gateway"), 390.0, 1e-6);
}

/* Queue batching: 10 events per invocation make 300,000 invocations of the
 * guide's 3,000,000 events = $0.06; the GB-seconds stay $1.2500025. */
static void event_batching(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 720);
	in.workload = CW_EVENTS;
	in.events_per_invocation = 10;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS, 100000, &b);
	NEAR(item(&b, "requests"), 0.06, 1e-9);
	NEAR(item(&b, "compute"), 1.2500025, 1e-9);
}

/* A strict latency target keeps warm capacity: 0.2315 in flight x 2 ->
 * 1 instance x 0.125 GB x 720 x 3,600 s x $0.0000041667 = $1.35001. */
static void provisioned_concurrency(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 720);
	in.latency_strict = true;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS, 100000, &b);
	NEAR(item(&b, "provisioned"), 0.125 * 720 * 3600 * 0.0000041667, 1e-9);
}

/* An existing cluster: only the capacity added, 2 pods of 0.25 vCPU on
 * 2-vCPU nodes at 85% = 0.294118 nodes x $0.10 x 720 = $21.176471; no
 * control plane, load balancer or NAT of its own. */
static void existing_cluster_marginal(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 720);
	in.existing_cluster = true;
	in.load_balancer = in.nat_gateway = true;
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES, 100000, &b);
	NEAR(b.nodes, 0.5 / 1.7, 1e-12);
	NEAR(b.monthly_usd, 0.5 / 1.7 * 0.10 * 720, 1e-9);
	assert_true(item(&b, "control_plane") < 0);
	assert_true(item(&b, "nat_gateway") < 0);
	/* Knative on it: 0.2315 x 2 / 0.7 = 0.661 pods on average, 0.165 vCPU,
	 * 0.0972 nodes; scaled to zero when idle. */
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES_SERVERLESS, 100000, &b);
	double pods = 100000.0 / 86400 * 0.05 / 0.25 * 2 / 0.7;
	NEAR(b.monthly_usd, pods * 0.25 / 1.7 * 0.10 * 720, 1e-9);
}

/* A dedicated Knative cluster keeps node_count nodes like Kubernetes (not
 * a fixed 2), plus its components: here the 3 nodes hold them. */
static void knative_floor(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 720);
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES_SERVERLESS, 100000, &b);
	NEAR(b.nodes, 3, 0);
	in.node_count = 5;
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES_SERVERLESS, 100000, &b);
	NEAR(b.nodes, 5, 0);
}

/* A serverless-container table that scales to zero and bills busy time
 * (Cloud Run's and Container Apps' $0.0864 per vCPU-hour), 730 h. */
static void scale_to_zero(struct pricing *p, double gb_hour)
{
	memset(p, 0, sizeof *p);
	p->hours_per_month.usd = 730;
	p->containers_scale_to_zero.usd = 1;
	p->containers_vcpu_hour.usd = 0.0864;
	p->containers_gb_hour.usd = gb_hour;
}

/* Cloud Run (request-based, scales to zero), 512 MB -> 1 vCPU: an instance
 * is billed while it serves, 1 - e^-0.2315 = 0.20665 of the time:
 * vCPU 0.20665 x 730 x $0.0864, memory 0.20665 x 0.5 x 730 x $0.009,
 * requests 3,041,666.67 x $0.40 / million; no idle minimum. */
static void cloud_run_busy_time(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	scale_to_zero(&p, 0.009);
	p.containers_idle_vcpu_hour.usd = 0.009;
	p.containers_idle_gb_hour.usd = 0.009;
	p.containers_requests_per_million.usd = 0.40;
	in.provider = PROVIDER_GCP;
	in.memory_mb = 512;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 100000, &b);
	double busy = 1 - exp(-100000.0 / 86400 * 0.2);
	NEAR(item(&b, "vcpu_hours"), busy * 730 * 0.0864, 1e-9);
	NEAR(item(&b, "gb_hours"), busy * 0.5 * 730 * 0.009, 1e-9);
	NEAR(item(&b, "requests"), 100000.0 * 730 / 24 / 1e6 * 0.40, 1e-9);
	/* A strict latency target keeps one idle instance: (1 - busy) of it at
	 * the idle rates. */
	in.latency_strict = true;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 100000, &b);
	NEAR(item(&b, "vcpu_hours"), busy * 730 * 0.0864 + (1 - busy) * 730 * 0.009, 1e-9);
}

/* Batch jobs run to completion and are billed for their runtime: 5,000
 * jobs/day of 5 minutes at 4 GB, CPU-bound (90%), 730 h:
 *   functions: 5,000 x 30.4167 x 300 s x 4 GB = 182,500,000 GB-s
 *              x $0.0000166667 = $3,041.67 (+ $0.03 requests);
 *   Fargate:   a job alone in its task uses 0.9 vCPU -> 1 vCPU / 4 GB tasks
 *              (not the 0.5 vCPU that 4 GB alone allows); 5,000 / 86,400 x
 *              300 s = 17.3611 jobs running on average, one task each
 *              x (0.04048 + 4 x 0.004445) x 730 = $738.40; functions are
 *              4.1 times dearer. */
static void batch_jobs(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;

	aws(&p, 730);
	in.workload = CW_BATCH;
	in.requests_per_day = 5000;
	in.avg_duration_ms = 300000;
	in.memory_mb = 4096;
	in.cpu_ms_per_request = 270000;
	in.concurrency = 1;
	in.availability_min = 0;
	cost_compute_monthly(&p, &in, &r);
	double gbs = 5000.0 * 730 / 24 * 300 * 4;
	NEAR(item(&r.arch[ARCH_SERVERLESS], "compute"), gbs * 0.0000166667, 1e-6);
	double tasks = 5000.0 / 86400 * 300;
	NEAR(r.arch[ARCH_SERVERLESS_CONTAINERS].monthly_usd, tasks * (0.04048 + 4 * 0.004445) * 730, 1e-6);
	assert_true(r.arch[ARCH_SERVERLESS].monthly_usd > 4 * r.arch[ARCH_SERVERLESS_CONTAINERS].monthly_usd);
}

/* Every cost is non-decreasing in requests/day, for every architecture,
 * provider table and pattern: the break-even search relies on it. */
static void monotone_in_volume(void **state)
{
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_model(NULL, &m, &d), 0);
	for (int pv = 0; pv < PROVIDER_COUNT; pv++)
		for (int pat = 0; pat < 4; pat++)
			for (int a = 0; a < ARCH_COUNT; a++) {
				struct cost_inputs in = guide();
				in.provider = (enum provider)pv;
				in.pattern = (enum cost_pattern)pat;
				in.load_balancer = in.nat_gateway = true;
				in.data_transfer_gb = NAN;
				in.latency_strict = pat == CP_SPIKY;
				double last = -1;
				for (int i = 0; i <= 400; i++) {
					double r = pow(10, 1 + 9.0 * i / 400);
					double c = cost_monthly_at(m.pricing[pv], &in, (enum arch)a, r);
					assert_true(isfinite(c));
					assert_true(c >= last - 1e-9);
					last = c;
				}
			}
	model_free(&m);
	diag_list_fini(&d);
}

/* The first crossing, against a brute-force scan of 200,000 points: the
 * exact search returns a point where the sign has flipped, no later than
 * the first scanned point of the other sign (it also finds flips that last
 * less than one scan step, where a staircase jumps over the other curve and
 * back). Step costs (Fargate tasks, nodes) against a linear one
 * (functions). */
static void break_even_first_crossing(void **state)
{
	struct pricing p;
	aws(&p, 730);
	const double mems[] = {128, 512, 3000, 10240};
	const enum cost_pattern pats[] = {CP_STEADY, CP_SPIKY};
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < 2; j++)
			for (int a = 0; a < ARCH_COUNT; a++) {
				if (a == ARCH_KUBERNETES)
					continue;
				struct cost_inputs in = guide();
				in.memory_mb = mems[i];
				in.pattern = pats[j];
				in.node_count = 1;
				in.availability_min = 1;
				double be = cost_break_even(&p, &in, (enum arch)a);
				double first = NAN, before = 1e3;
				double k0 = cost_monthly_at(&p, &in, ARCH_KUBERNETES, 1e3);
				double d0 = cost_monthly_at(&p, &in, (enum arch)a, 1e3) - k0;
				int s0 = d0 > 1e-9 ? 1 : d0 < -1e-9 ? -1 : 0;
				for (int n = 1; n <= 200000 && s0 != 0; n++) {
					double r = 1e3 * pow(1e7, n / 200000.0);
					double dd = cost_monthly_at(&p, &in, (enum arch)a, r) -
						    cost_monthly_at(&p, &in, ARCH_KUBERNETES, r);
					int s = dd > 1e-9 ? 1 : dd < -1e-9 ? -1 : 0;
					if (s == -s0) {
						first = r;
						break;
					}
					before = r;
				}
				/* at the search's answer the sign has flipped, and no
				 * scanned point before it had flipped */
				if (!isnan(be)) {
					double dd = cost_monthly_at(&p, &in, (enum arch)a, be) -
						    cost_monthly_at(&p, &in, ARCH_KUBERNETES, be);
					assert_true(s0 > 0 ? dd < -1e-9 : dd > 1e-9);
				}
				if (isnan(first))
					continue;
				assert_false(isnan(be));
				assert_true(be <= first * (1 + 1e-9));
				(void)before;
			}
}

/* A flat cluster against functions: one node of $1,000 a month that holds
 * everything (1,024 vCPU, 24 TiB), no control plane. One request on
 * functions costs $0.20 / 1e6 + 0.2 s x 0.125 GB x $0.0000166667 =
 * $6.166675e-7, so they cross at 1,000 / (730 / 24 x 6.166675e-7) =
 * 53,312,xxx requests/day: exactly, not to a grid's precision. */
static void break_even_exact(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	aws(&p, 730);
	p.control_plane_hourly.usd = 0;
	in.node_count = 1;
	in.node_hourly_usd = 1000.0 / 730;
	in.node_vcpu = 1024;
	in.node_memory_gb = 24576;
	double be = cost_break_even(&p, &in, ARCH_SERVERLESS);
	double want = 1000.0 / (730.0 / 24 * 6.166675e-7);
	assert_true(fabs(be / want - 1) < 1e-9);
}

/* The comparison in spans: what the record's break-even words come from. */
static void compare_spans(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_comparison c;

	aws(&p, 730);
	in.cpu_ms_per_request = 5;   /* I/O-bound: the cluster catches up */
	/* Functions: cheaper, then dearer past the break-even (a crossing: the
	 * boundary is where both cost the same, cost_break_even's figure). */
	cost_compare(&p, &in, ARCH_SERVERLESS, &c);
	assert_int_equal(c.count, 2);
	assert_int_equal(c.span[0].relation, COST_CHEAPER);
	assert_int_equal(c.span[1].relation, COST_DEARER);
	NEAR(c.span[0].from_rpd, 1e3, 1e-6);
	NEAR(c.span[1].to_rpd, 1e10, 1e-3);
	double be = cost_break_even(&p, &in, ARCH_SERVERLESS);
	assert_true(fabs(c.span[0].to_rpd / be - 1) < 1e-3);
	assert_true(c.span[0].to_rpd == c.span[1].from_rpd);

	/* Kubernetes against itself, and an unknown architecture: equal. */
	cost_compare(&p, &in, ARCH_KUBERNETES, &c);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.span[0].relation, COST_EQUAL);
	cost_compare(&p, &in, (enum arch)ARCH_COUNT, &c);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.span[0].relation, COST_EQUAL);

	/* Spans alternate; a span's middle has its relation. */
	for (int a = 0; a < ARCH_COUNT; a++) {
		cost_compare(&p, &in, (enum arch)a, &c);
		for (unsigned i = 0; i < c.count; i++) {
			double mid = sqrt(c.span[i].from_rpd * c.span[i].to_rpd);
			double d = cost_monthly_at(&p, &in, (enum arch)a, mid) -
				   cost_monthly_at(&p, &in, ARCH_KUBERNETES, mid);
			int want = d >= 0.005 ? COST_DEARER : d <= -0.005 ? COST_CHEAPER : COST_EQUAL;
			/* (a staircase may flip the relation between two grid
			 * points inside a span: checked for the smooth curve) */
			if (a == ARCH_SERVERLESS)
				assert_int_equal(c.span[i].relation, want);
			if (i)
				assert_true(c.span[i].relation != c.span[i - 1].relation);
		}
	}
}

/* Container Apps replicas come in 0.25-vCPU steps with 2 GiB per vCPU:
 * 1,300 MB = 1.27 GiB needs 0.635 vCPU -> 0.75 vCPU / 1.5 GiB. Always
 * busy (a steady 1e7/day of 1 s: 115.7 in flight / 10 = 11.57 instances):
 * 11.57 x (0.75 x $0.0864 + 1.5 x $0.0108) x 730. */
static void container_apps_sizes(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	scale_to_zero(&p, 0.0108);
	in.provider = PROVIDER_AZURE;
	in.memory_mb = 1300;
	in.avg_duration_ms = 1000;
	in.cpu_ms_per_request = 10;
	cost_breakdown_at(&p, &in, ARCH_SERVERLESS_CONTAINERS, 1e7, &b);
	double active = 1e7 / 86400.0 * 1.0 / 10;
	NEAR(b.instances, active, 1e-9);
	NEAR(item(&b, "vcpu_hours"), active * 0.75 * 730 * 0.0864, 1e-6);
	NEAR(item(&b, "gb_hours"), active * 1.5 * 730 * 0.0108, 1e-6);
}

/* GPU nodes are bought whole: 1 GPU in flight at most needs one g4dn node;
 * 0.2315 requests in flight x 2 / 0.7 = 0.66 -> 1 GPU -> 1 node of 1 GPU:
 * $0.526 x 730; with 4 GPUs a node, 5 GPUs need 2 nodes. */
static void gpu_nodes_whole(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_breakdown b;

	aws(&p, 730);
	in.gpu = true;
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES, 100000, &b);
	NEAR(item(&b, "gpu_nodes"), 0.526 * 730, 1e-9);
	/* 1,500 in flight... at 6e5/day of 1 s: 6.94 in flight x 2 / 0.7 =
	 * 19.8 -> 20 GPUs; 4 a node -> 5 nodes */
	p.gpu_node_gpus.usd = 4;
	in.avg_duration_ms = 1000;
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES, 6e5, &b);
	NEAR(item(&b, "gpu_nodes"), 5 * 0.526 * 730, 1e-9);
	/* 3 GPUs on 4-GPU nodes still buy a whole node */
	cost_breakdown_at(&p, &in, ARCH_KUBERNETES, 6e4, &b);
	NEAR(item(&b, "gpu_nodes"), 0.526 * 730, 1e-9);
}

/* Cost scores: 5 for the cheapest; ($c + $100) / ($min + $100) = 2 scores
 * 5 - 4 x log 2 / log 4 = 3; 4 times or more scores 1. */
static void scores_from_cost(void **state)
{
	struct cost_result r;
	double s[ARCH_COUNT];
	memset(&r, 0, sizeof r);
	r.arch[0].monthly_usd = 100;  /* cheapest: 200 */
	r.arch[1].monthly_usd = 300;  /* 400 / 200 = 2 */
	r.arch[2].monthly_usd = 700;  /* 800 / 200 = 4 */
	r.arch[3].monthly_usd = 5000;
	r.arch[4].monthly_usd = 110;  /* 210 / 200 */
	cost_scores(&r, s);
	NEAR(s[0], 5, 1e-12);
	NEAR(s[1], 3, 1e-12);
	NEAR(s[2], 1, 1e-12);
	NEAR(s[3], 1, 0);
	NEAR(s[4], 5 - 4 * log(1.05) / log(4), 1e-12);
}

/* The built-in tables: each provider's, with the figures used above and the
 * hand-worked checks of the other two providers at the guide's example
 * (720 h, 3,000,000 requests of 0.2 s at 128 MB):
 *   Cloud Run functions: requests 3 x $0.40 = $1.20; 75,000 GiB-s x
 *     $0.0000025 = $0.1875 + 3,000,000 x 0.2 s x 0.083 vCPU = 49,800
 *     vCPU-s x $0.000024 = $1.1952;
 *   Azure Functions: requests 3 x $0.40 = $1.20; 75,000 GB-s x $0.000026
 *     = $1.95. */
static void the_tables(void **state)
{
	struct model m;
	struct diag_list d = {0};
	assert_int_equal(load_model(NULL, &m, &d), 0);
	const struct pricing *a = m.pricing[PROVIDER_AWS], *g = m.pricing[PROVIDER_GCP],
			     *z = m.pricing[PROVIDER_AZURE];
	assert_non_null(a);
	assert_non_null(g);
	assert_non_null(z);
	assert_string_equal(a->provider, "aws");
	assert_string_equal(g->names.containers, "Cloud Run");
	assert_string_equal(z->names.kubernetes_short, "AKS");
	NEAR(a->functions_requests_per_million.usd, 0.20, 0);
	NEAR(a->functions_gb_second.usd, 0.0000166667, 0);
	NEAR(a->containers_vcpu_hour.usd, 0.04048, 0);
	NEAR(a->containers_gb_hour.usd, 0.004445, 0);
	NEAR(a->lb_hourly.usd, 0.0225, 0);
	NEAR(a->nat_hourly.usd, 0.045, 0);
	NEAR(a->containers_gpu_hour.usd, 0, 0);   /* Fargate has no GPU */

	struct cost_inputs in = guide();
	struct pricing gp = *g, zp = *z;
	gp.hours_per_month.usd = zp.hours_per_month.usd = 720;
	struct cost_breakdown b;
	in.provider = PROVIDER_GCP;
	cost_breakdown_at(&gp, &in, ARCH_SERVERLESS, 100000, &b);
	NEAR(item(&b, "requests"), 1.20, 1e-9);
	NEAR(item(&b, "compute"), 0.1875 + 1.1952, 1e-9);
	in.provider = PROVIDER_AZURE;
	cost_breakdown_at(&zp, &in, ARCH_SERVERLESS, 100000, &b);
	NEAR(item(&b, "requests"), 1.20, 1e-9);
	NEAR(item(&b, "compute"), 1.95, 1e-9);
	model_free(&m);
	diag_list_fini(&d);
}

/* The answers feed the inputs, with the documented defaults: 100,000/day,
 * 200 ms, 128 MB, 3 nodes at $0.10, AWS, an HTTP API behind API Gateway, no
 * free tier, a load balancer and a NAT gateway, 2 instances at least, 10
 * requests at once, CPU a quarter of the duration; an answers file's
 * assumptions replace them. */
static void from_answers(void **state)
{
	struct model m;
	struct diag_list d = {0};
	struct answers a;
	struct cost_inputs in;
	assert_int_equal(load_model(NULL, &m, &d), 0);
	assert_int_equal(answers_init(&a, &m), 0);
	cost_inputs_from_answers(&m, &a, &in);
	NEAR(in.requests_per_day, 100000, 0);
	NEAR(in.avg_duration_ms, 200, 0);
	NEAR(in.memory_mb, 128, 0);
	NEAR(in.node_count, 3, 0);
	NEAR(in.node_hourly_usd, 0.10, 1e-12);
	assert_int_equal(in.provider, PROVIDER_AWS);
	assert_false(in.free_tier);
	assert_true(in.api_gateway);
	assert_true(in.load_balancer);
	assert_true(in.nat_gateway);
	NEAR(in.availability_min, 2, 0);
	NEAR(in.concurrency, 10, 0);
	NEAR(in.cpu_ms_per_request, 50, 1e-12);
	assert_false(in.assumed[ASSUME_free_tier]);
	answers_fini(&a);

	const char *doc = "answers:\n  provider: gcp\n  workload_type: event_processing\n"
			  "assumptions:\n  free_tier: true\n  concurrency: 80\n  events_per_invocation: 25\n";
	assert_int_equal(answers_parse(&m, doc, strlen(doc), "t.yaml", &a, &d), 0);
	cost_inputs_from_answers(&m, &a, &in);
	assert_int_equal(in.provider, PROVIDER_GCP);
	assert_true(in.free_tier);
	assert_true(in.assumed[ASSUME_free_tier]);
	NEAR(in.concurrency, 80, 0);
	NEAR(in.events_per_invocation, 25, 0);
	assert_false(in.nat_gateway);   /* not on Google Cloud by default */
	assert_false(in.api_gateway);   /* Cloud Run functions have their own endpoint */
	assert_ptr_equal(cost_pricing(&m, &in), m.pricing[PROVIDER_GCP]);
	answers_fini(&a);

	/* Bad assumptions are refused with their position. */
	const char *bad = "answers: {}\nassumptions:\n  concurrency: 2.5\n";
	assert_int_not_equal(answers_parse(&m, bad, strlen(bad), "b.yaml", &a, &d), 0);
	answers_fini(&a);
	assert_true(d.count > 0);
	model_free(&m);
	diag_list_fini(&d);
}

/* Nothing makes a NaN or an infinity. */
static void huge_and_bad_values(void **state)
{
	struct pricing p;
	struct cost_inputs in = guide();
	struct cost_result r;
	aws(&p, 730);
	in.requests_per_day = NAN;
	in.avg_duration_ms = -5;
	in.memory_mb = INFINITY;
	in.cpu_ms_per_request = NAN;
	cost_compute(&p, &in, &r);
	for (int a = 0; a < ARCH_COUNT; a++)
		assert_true(isfinite(r.arch[a].monthly_usd));
	in = guide();
	in.requests_per_day = 1e12;
	in.avg_duration_ms = 900000;
	in.memory_mb = 10240;
	cost_compute(&p, &in, &r);
	for (int a = 0; a < ARCH_COUNT; a++)
		assert_true(isfinite(r.arch[a].monthly_usd) && r.arch[a].monthly_usd > 0);
	assert_true(isnan(cost_monthly_at(&p, &in, ARCH_COUNT, 1)));
	assert_true(isnan(cost_break_even(&p, &in, ARCH_KUBERNETES)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(guide_example_720),
		cmocka_unit_test(free_tier),
		cmocka_unit_test(fargate_real_bill),
		cmocka_unit_test(containers_sized_by_cpu_and_memory),
		cmocka_unit_test(api_gateway_tiers),
		cmocka_unit_test(event_batching),
		cmocka_unit_test(provisioned_concurrency),
		cmocka_unit_test(existing_cluster_marginal),
		cmocka_unit_test(knative_floor),
		cmocka_unit_test(cloud_run_busy_time),
		cmocka_unit_test(batch_jobs),
		cmocka_unit_test(monotone_in_volume),
		cmocka_unit_test(break_even_first_crossing),
		cmocka_unit_test(break_even_exact),
		cmocka_unit_test(container_apps_sizes),
		cmocka_unit_test(gpu_nodes_whole),
		cmocka_unit_test(scores_from_cost),
		cmocka_unit_test(the_tables),
		cmocka_unit_test(compare_spans),
		cmocka_unit_test(from_answers),
		cmocka_unit_test(huge_and_bad_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
