/* cost.c: monthly cost of each architecture from the price table.
 *
 * Every figure is USD per month of hours_per_month hours (730 in the table,
 * AWS's convention), i.e. hours_per_month / 24 days. Inputs are clamped to
 * [0, a large bound] and NaN counts as 0, so no input makes a NaN or an
 * infinity. The formulas are written out in docs/cost.md. */
#include <math.h>
#include <string.h>
#include "cost.h"
#include "answers.h"

/* Bounds that keep every product finite (1e15 requests/day x 1e6 s x 1e6 GB
 * stays far below DBL_MAX). */
#define MAX_RPD 1e15
#define MAX_DURATION_MS 1e9
#define MAX_MEMORY_MB 1e9
#define MAX_NODES 1e9
#define MAX_HOURLY 1e9

/* Break-even search range, requests/day. */
#define BE_LO_EXP 3.0
#define BE_HI_EXP 10.0
#define BE_SAMPLES_PER_DECADE 16

static double clamp(double v, double hi)
{
	if (!(v > 0)) /* also NaN */
		return 0;
	return v > hi ? hi : v;
}

/* The inputs after clamping, with requests/day replaced by rpd. */
struct norm {
	double rpd, dur_s, mem_gb, mem_mb, node_count, node_hourly;
	bool arm, free_tier, api_gateway;
};

static void normalise(const struct cost_inputs *in, double rpd, struct norm *n)
{
	n->rpd = clamp(rpd, MAX_RPD);
	n->dur_s = clamp(in->avg_duration_ms, MAX_DURATION_MS) / 1000.0;
	n->mem_mb = clamp(in->memory_mb, MAX_MEMORY_MB);
	n->mem_gb = n->mem_mb / 1024.0;
	n->node_count = clamp(in->node_count, MAX_NODES);
	n->node_hourly = clamp(in->node_hourly_usd, MAX_HOURLY);
	n->arm = in->arm;
	n->free_tier = in->free_tier;
	n->api_gateway = in->api_gateway;
}

static double hours_per_month(const struct pricing *p)
{
	double h = p->hours_per_month.usd;
	return h > 0 && isfinite(h) ? h : 730.0;
}

static double price(const struct price *pr)
{
	return pr->usd > 0 && isfinite(pr->usd) ? pr->usd : 0;
}

/* Average requests in flight (Little's law): arrival rate x duration. */
static double concurrency(const struct norm *n)
{
	return n->rpd / 86400.0 * n->dur_s;
}

static void add_item(struct cost_breakdown *b, const char *item, double usd)
{
	if (b->item_count >= COST_MAX_ITEMS)
		return;
	b->items[b->item_count].item = item;
	b->items[b->item_count].usd = usd;
	b->item_count++;
	b->monthly_usd += usd;
}

/* Functions: requests + GB-seconds (+ HTTP API), free tier subtracted once. */
static void serverless_items(const struct pricing *p, const struct norm *n, double share,
			     struct cost_breakdown *b)
{
	double days = hours_per_month(p) / 24.0;
	double requests = n->rpd * share * days;
	double billed_req = requests;
	double gbs = requests * n->dur_s * n->mem_gb;
	double billed_gbs = gbs;

	if (n->free_tier) {
		billed_req = fmax(0, requests - price(&p->lambda_free_requests));
		billed_gbs = fmax(0, gbs - price(&p->lambda_free_gb_seconds));
	}
	add_item(b, "requests", billed_req / 1e6 * price(&p->lambda_requests_per_million));
	add_item(b, "compute", billed_gbs * price(n->arm ? &p->lambda_gb_second_arm
							: &p->lambda_gb_second_x86));
	if (n->api_gateway)
		add_item(b, "api_gateway",
			 requests / 1e6 * price(&p->api_gateway_http_per_million));
}

/* Nodes for a memory load: one instance's memory per request in flight (the
 * same packing Lambda bills), on nodes of node_memory_gb. A node table
 * without a memory size turns the load sizing off. */
static double nodes_for(const struct pricing *p, const struct norm *n, double share,
			double min_nodes)
{
	double cap = price(&p->node_memory_gb);
	double need = 0;

	if (cap > 0)
		need = ceil(concurrency(n) * share * n->mem_gb / cap);
	return fmax(min_nodes, need);
}

static void cluster_items(const struct pricing *p, const struct norm *n, double nodes,
			  struct cost_breakdown *b)
{
	double h = hours_per_month(p);

	add_item(b, "nodes", nodes * n->node_hourly * h);
	add_item(b, "control_plane", price(&p->eks_control_plane_hourly) * h);
}

void cost_fargate_task_size(double memory_mb, double *vcpu, double *memory_gb)
{
	/* Valid Fargate pairs: vCPU with its memory range and step (GB). */
	static const struct {
		double vcpu, lo, hi, step;
	} sizes[] = {
		{0.25, 0.5, 0.5, 0.5}, {0.25, 1, 2, 1}, {0.5, 1, 4, 1}, {1, 2, 8, 1},
		{2, 4, 16, 1}, {4, 8, 30, 1}, {8, 16, 60, 4}, {16, 32, 120, 8},
	};
	double need = clamp(memory_mb, MAX_MEMORY_MB) / 1024.0;

	/* Sizes are ordered by vCPU, which dominates the price, then memory:
	 * the first that fits is the cheapest. */
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		if (need > sizes[i].hi)
			continue;
		double gb = sizes[i].lo;
		if (need > gb)
			gb = sizes[i].lo + ceil((need - sizes[i].lo) / sizes[i].step) * sizes[i].step;
		*vcpu = sizes[i].vcpu;
		*memory_gb = gb;
		return;
	}
	*vcpu = 16;
	*memory_gb = 120;
}

/* Fargate: always-on tasks sized from memory_mb, as many as the requests in
 * flight need when each task holds floor(task memory / memory_mb) of them.
 * No load balancer item: see docs/cost.md. */
static void fargate_items(const struct pricing *p, const struct norm *n,
			  struct cost_breakdown *b)
{
	double vcpu, gb, per_task, tasks, h = hours_per_month(p);

	cost_fargate_task_size(n->mem_mb, &vcpu, &gb);
	per_task = n->mem_mb > 0 ? fmax(1, floor(gb * 1024.0 / n->mem_mb)) : 1;
	tasks = fmax(1, ceil(concurrency(n) / per_task));
	add_item(b, "vcpu_hours", tasks * vcpu * h * price(&p->fargate_vcpu_hour));
	add_item(b, "gb_hours", tasks * gb * h * price(&p->fargate_gb_hour));
}

static double hybrid_share(const struct pricing *p)
{
	double s = p->hybrid_serverless_share.usd;
	return s >= 0 && s <= 1 ? s : 0.5;
}

static void arch_breakdown(const struct pricing *p, const struct norm *n, enum arch a,
			   struct cost_breakdown *b)
{
	double s;

	memset(b, 0, sizeof *b);
	switch (a) {
	case ARCH_KUBERNETES:
		cluster_items(p, n, nodes_for(p, n, 1, n->node_count), b);
		break;
	case ARCH_SERVERLESS:
		serverless_items(p, n, 1, b);
		break;
	case ARCH_KUBERNETES_SERVERLESS:
		cluster_items(p, n, nodes_for(p, n, 1, price(&p->knative_min_nodes)), b);
		break;
	case ARCH_SERVERLESS_CONTAINERS:
		fargate_items(p, n, b);
		break;
	case ARCH_HYBRID:
		s = hybrid_share(p);
		serverless_items(p, n, s, b);
		cluster_items(p, n, nodes_for(p, n, 1 - s, n->node_count), b);
		break;
	case ARCH_COUNT:
		break;
	}
}

double cost_nodes_needed(const struct pricing *p, const struct cost_inputs *in, double rpd,
			 double min_nodes)
{
	struct norm n;

	normalise(in, rpd, &n);
	return nodes_for(p, &n, 1, clamp(min_nodes, MAX_NODES));
}

double cost_monthly_at(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		       double rpd)
{
	struct norm n;
	struct cost_breakdown b;

	if ((unsigned)a >= ARCH_COUNT)
		return NAN;
	normalise(in, rpd, &n);
	arch_breakdown(p, &n, a, &b);
	return b.monthly_usd;
}

/* cost(a) - cost(kubernetes) at 10^x requests/day. */
static double gap(const struct pricing *p, const struct cost_inputs *in, enum arch a, double x)
{
	double r = pow(10, x);
	return cost_monthly_at(p, in, a, r) - cost_monthly_at(p, in, ARCH_KUBERNETES, r);
}

/* Sign with a dead band: a difference of a cent's fraction is "equal",
 * which keeps ties (hybrid inside the free tier) from counting as crossings. */
static int sign_of(double d)
{
	if (d > 1e-9)
		return 1;
	if (d < -1e-9)
		return -1;
	return 0;
}

double cost_break_even(const struct pricing *p, const struct cost_inputs *in, enum arch a)
{
	unsigned steps = (unsigned)((BE_HI_EXP - BE_LO_EXP) * BE_SAMPLES_PER_DECADE);
	double last_x = BE_LO_EXP;
	int last_s;

	if ((unsigned)a >= ARCH_COUNT || a == ARCH_KUBERNETES)
		return NAN;
	last_s = sign_of(gap(p, in, a, BE_LO_EXP));
	/* Scan on a log grid for the first strict sign change, then bisect it. */
	for (unsigned i = 1; i <= steps; i++) {
		double x = BE_LO_EXP + (BE_HI_EXP - BE_LO_EXP) * i / steps;
		int s = sign_of(gap(p, in, a, x));

		if (s == 0)
			continue;
		if (last_s != 0 && s != last_s) {
			double lo = last_x, hi = x;
			for (int k = 0; k < 60; k++) {
				double mid = (lo + hi) / 2;
				if (sign_of(gap(p, in, a, mid)) == last_s)
					lo = mid;
				else
					hi = mid;
			}
			return pow(10, (lo + hi) / 2);
		}
		last_s = s;
		last_x = x;
	}
	return NAN;
}

/* Relation of a to kubernetes at 10^x with the half-cent dead band. */
static enum cost_relation relation_at(const struct pricing *p, const struct cost_inputs *in,
				      enum arch a, double x)
{
	double d = gap(p, in, a, x);

	if (d >= 0.005)
		return COST_DEARER;
	if (d <= -0.005)
		return COST_CHEAPER;
	return COST_EQUAL;
}

/* The boundary in (lo, hi) (exponents) where the relation stops being r:
 * bisection on the relation, or on the sign of the gap for a strict
 * cheaper/dearer crossing (the point where both cost the same). */
static double boundary(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		       double lo, double hi, enum cost_relation r, enum cost_relation next)
{
	bool crossing = r != COST_EQUAL && next == -r;

	for (int k = 0; k < 60; k++) {
		double mid = (lo + hi) / 2;
		bool same = crossing ? sign_of(gap(p, in, a, mid)) == (int)r
				     : relation_at(p, in, a, mid) == r;
		if (same)
			lo = mid;
		else
			hi = mid;
	}
	return pow(10, (lo + hi) / 2);
}

void cost_compare(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		  struct cost_comparison *out)
{
	unsigned steps = (unsigned)((BE_HI_EXP - BE_LO_EXP) * BE_SAMPLES_PER_DECADE);
	double last_x = BE_LO_EXP;
	struct cost_span *sp;

	memset(out, 0, sizeof *out);
	out->count = 1;
	sp = &out->span[0];
	sp->relation = COST_EQUAL;
	sp->from_rpd = pow(10, BE_LO_EXP);
	if ((unsigned)a >= ARCH_COUNT || a == ARCH_KUBERNETES) {
		sp->to_rpd = pow(10, BE_HI_EXP);
		return;
	}
	sp->relation = relation_at(p, in, a, BE_LO_EXP);
	for (unsigned i = 1; i <= steps; i++) {
		double x = BE_LO_EXP + (BE_HI_EXP - BE_LO_EXP) * i / steps;
		enum cost_relation r = relation_at(p, in, a, x);

		if (r != sp->relation && out->count < COST_MAX_SPANS) {
			double b = boundary(p, in, a, last_x, x, sp->relation, r);
			sp->to_rpd = b;
			sp = &out->span[out->count++];
			sp->relation = r;
			sp->from_rpd = b;
		}
		last_x = x;
	}
	sp->to_rpd = pow(10, BE_HI_EXP);
}

void cost_compute(const struct pricing *p, const struct cost_inputs *in, struct cost_result *out)
{
	struct norm n;

	memset(out, 0, sizeof *out);
	out->hours_per_month = hours_per_month(p);
	normalise(in, in->requests_per_day, &n);
	for (int a = 0; a < ARCH_COUNT; a++) {
		arch_breakdown(p, &n, (enum arch)a, &out->arch[a]);
		out->break_even_rpd[a] = cost_break_even(p, in, (enum arch)a);
	}
}

void cost_curve(const struct pricing *p, const struct cost_inputs *in, double lo_exp,
		double hi_exp, unsigned n, double *rpd, double *usd[ARCH_COUNT])
{
	for (unsigned i = 0; i < n; i++) {
		double x = n > 1 ? lo_exp + (hi_exp - lo_exp) * i / (n - 1) : lo_exp;
		double r = pow(10, x);

		if (rpd)
			rpd[i] = r;
		for (int a = 0; a < ARCH_COUNT; a++)
			if (usd && usd[a])
				usd[a][i] = cost_monthly_at(p, in, (enum arch)a, r);
	}
}

/* Answer by id, or fallback when the questionnaire has no such question. */
static double number_or(const struct model *m, const struct answers *a, const char *id,
			double fallback)
{
	double v = answers_number_by_id(m, a, id);
	return isnan(v) ? fallback : v;
}

void cost_inputs_from_answers(const struct model *m, const struct answers *a,
			      struct cost_inputs *in)
{
	const char *wt = answers_choice_by_id(m, a, "workload_type");
	double node_price = m->pricing ? price(&m->pricing->node_hourly) : 0.10;

	/* Fallbacks are the guide's example, for questionnaires that lack a question. */
	in->requests_per_day = number_or(m, a, "requests_per_day", 100000);
	in->avg_duration_ms = number_or(m, a, "avg_duration_ms", 200);
	in->memory_mb = number_or(m, a, "memory_mb", 128);
	in->node_count = number_or(m, a, "node_count", 3);
	in->node_hourly_usd = number_or(m, a, "node_hourly_usd", node_price);
	in->arm = false;
	in->free_tier = true;
	in->api_gateway = wt && (strcmp(wt, "http_api") == 0 || strcmp(wt, "mixed") == 0);
}
