/* cost.c: monthly cost of each architecture from a provider's price table.
 *
 * What is priced is what would run: functions billed per invocation and
 * GB-second; containers and pods sized from the memory and CPU one instance
 * needs, as many as the load needs (requests in flight over the requests one
 * instance serves at once, or CPU in use over its vCPUs), never fewer than
 * the availability floor; nodes packed from the pods; plus the load
 * balancer, NAT gateway, API gateway and data transfer a real bill has.
 * Every figure is USD per month of hours_per_month hours (730, AWS's and
 * Google's convention). Every cost is non-decreasing in requests/day, which
 * the break-even search relies on. The formulas, defaults and their reasons
 * are written out in docs/cost.md. Inputs are clamped to [0, a large
 * bound] and NaN counts as 0, so no input makes a NaN or an infinity. */
#include <math.h>
#include <string.h>
#include "cost.h"
#include "answers.h"

/* Bounds that keep every product finite. */
#define MAX_RPD 1e15
#define MAX_DURATION_MS 1e9
#define MAX_MEMORY_MB 1e9
#define MAX_NODES 1e9
#define MAX_HOURLY 1e9

/* Break-even search range, requests/day, and the grid the first sign is
 * read on. */
#define BE_LO 1e3
#define BE_HI 1e10
#define BE_SAMPLES_PER_DECADE 16
/* The exact search's budget per pair of architectures, and the grid that
 * finishes a search over it. */
#define BE_MAX_EVALS 3000
#define BE_GRID_PER_DECADE 256

/* Model parameters (reasons in cost.md). */
#define TARGET_UTILISATION 0.7   /* autoscalers keep instances ~70% busy */
#define NODE_ALLOCATABLE 0.85    /* of a node's vCPU and memory, after system pods */
#define KNATIVE_OVERHEAD_VCPU 1.0 /* activator, autoscaler, controller, webhook, gateway */
#define KNATIVE_OVERHEAD_GB 1.0
#define HTTP_RESPONSE_KB 10.0    /* average response of a JSON API */
#define POD_GB_PER_VCPU 4.0      /* general-purpose nodes: 4 GiB per vCPU */

static double clamp(double v, double hi)
{
	if (!(v > 0)) /* also NaN */
		return 0;
	return v > hi ? hi : v;
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

/* ---- the load ---- */

/* The inputs after clamping, with requests/day replaced by rpd. */
struct load {
	const struct pricing *p;
	const struct cost_inputs *in;
	double rpd, dur_s, mem_gb, hours, days;
	double conc;               /* average requests in flight (Little's law) */
	double cpu;                /* average vCPUs in use */
	double peak;               /* capacity to provision / average demand */
	double per_instance;       /* requests one container / pod serves at once */
};

/* Peak over average demand, by traffic pattern, and how much of it always-on
 * capacity must hold: autoscaling follows a daily cycle (capacity about the
 * mean of average and peak), but a spike arrives faster than a task (tens of
 * seconds) or a node (minutes) starts, so spiky and sporadic load is
 * provisioned for its peak. */
static double capacity_factor(enum cost_pattern pat)
{
	switch (pat) {
	case CP_STEADY: return 1.5;            /* peak 1.5x, narrow band */
	case CP_DAILY_CYCLE: return (1.0 + 3.0) / 2; /* peak 3x, followed */
	case CP_SPIKY: return 5.0;             /* bursts of several times */
	case CP_SPORADIC: return 10.0;         /* bursts after idle hours */
	}
	return 2.0;
}

static void load_at(const struct pricing *p, const struct cost_inputs *in, double rpd,
		    struct load *l)
{
	l->p = p;
	l->in = in;
	l->rpd = clamp(rpd, MAX_RPD);
	l->dur_s = clamp(in->avg_duration_ms, MAX_DURATION_MS) / 1000.0;
	l->mem_gb = clamp(in->memory_mb, MAX_MEMORY_MB) / 1024.0;
	l->hours = hours_per_month(p);
	l->days = l->hours / 24.0;
	l->conc = l->rpd / 86400.0 * l->dur_s;
	l->cpu = l->rpd / 86400.0 * clamp(in->cpu_ms_per_request, MAX_DURATION_MS) / 1000.0;
	l->peak = capacity_factor(in->pattern);
	l->per_instance = in->concurrency >= 1 ? in->concurrency : 1;
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

static bool http(const struct cost_inputs *in)
{
	return in->workload == CW_HTTP_API || in->workload == CW_MIXED;
}

/* Requests per month. */
static double requests(const struct load *l, double share)
{
	return l->rpd * share * l->days;
}

/* Internet egress per month (GB) of a share of the traffic. */
static double egress_gb(const struct load *l, double share)
{
	if (!isnan(l->in->data_transfer_gb))
		return clamp(l->in->data_transfer_gb, 1e12) * share;
	return http(l->in) ? requests(l, share) * HTTP_RESPONSE_KB / 1e6 : 0;
}

static void transfer_items(const struct load *l, struct cost_breakdown *b)
{
	double gb = egress_gb(l, 1);
	if (gb > 0)
		add_item(b, "data_transfer", gb * price(&l->p->egress_per_gb));
}

/* A load balancer: hourly, data processed, and on AWS its two public IPv4
 * addresses (one per availability zone). */
static void lb_items(const struct load *l, double share, struct cost_breakdown *b)
{
	const struct pricing *p = l->p;
	add_item(b, "load_balancer", price(&p->lb_hourly) * l->hours +
		 egress_gb(l, share) * price(&p->lb_per_gb));
	if (price(&p->public_ipv4_hourly) > 0)
		add_item(b, "public_ipv4", 2 * price(&p->public_ipv4_hourly) * l->hours);
}

static void nat_items(const struct load *l, struct cost_breakdown *b)
{
	add_item(b, "nat_gateway", price(&l->p->nat_hourly) * l->hours);
}

/* ---- functions ---- */

/* vCPUs a Cloud Run function gets for its memory (Google's memory/CPU
 * table); only priced where the table has a vCPU-second price. */
static double function_vcpu(double mem_gb)
{
	if (mem_gb <= 0.125) return 0.083;
	if (mem_gb <= 0.25) return 0.167;
	if (mem_gb <= 0.5) return 0.333;
	if (mem_gb <= 1) return 0.583;
	if (mem_gb <= 2) return 1;
	if (mem_gb <= 8) return 2;
	if (mem_gb <= 16) return 4;
	return 8;
}

/* Functions: invocations (events batched per invocation) + GB-seconds
 * (+ vCPU-seconds where billed) + the front door for HTTP + warm capacity
 * when the latency target is strict; the free tier only when assumed. */
static void function_items(const struct load *l, double share, struct cost_breakdown *b)
{
	const struct pricing *p = l->p;
	const struct cost_inputs *in = l->in;
	double req = requests(l, share);
	double per_inv = in->events_per_invocation >= 1 ? in->events_per_invocation : 1;
	double inv = req / per_inv;
	double gbs = req * l->dur_s * l->mem_gb;
	double vcpus = price(&p->functions_vcpu_second) > 0 ? req * l->dur_s * function_vcpu(l->mem_gb) : 0;

	if (in->free_tier) {
		inv = fmax(0, inv - price(&p->functions_free_requests));
		gbs = fmax(0, gbs - price(&p->functions_free_gb_seconds));
	}
	add_item(b, "requests", inv / 1e6 * price(&p->functions_requests_per_million));
	double gb_price = in->arm && price(&p->functions_gb_second_arm) > 0
		? price(&p->functions_gb_second_arm) : price(&p->functions_gb_second);
	add_item(b, "compute", gbs * gb_price + vcpus * price(&p->functions_vcpu_second));
	if (in->api_gateway) {
		double m = req / 1e6, tier = price(&p->front_door_tier_million);
		double first = tier > 0 ? fmin(m, tier) : m;
		add_item(b, "api_gateway", first * price(&p->front_door_per_million) +
			 (m - first) * price(&p->front_door_per_million_tier2));
	} else if (http(in) && in->front_door == FRONT_DOOR_LOAD_BALANCER) {
		lb_items(l, share, b);
	}
	if (in->latency_strict) {
		/* Warm instances for the peak's requests in flight. */
		double warm = fmax(1, ceil(l->conc * share * l->peak));
		add_item(b, "provisioned", warm * l->mem_gb * l->hours * 3600 *
			 price(&p->functions_provisioned_gb_second));
	}
	b->instances += l->conc * share;
}

/* ---- containers and pods ---- */

/* Always-on instances for a share of the load, each with vcpu vCPUs:
 * enough for the requests in flight and for the CPU in use, at the target
 * utilisation, sized for the pattern's capacity factor; batch jobs run to
 * completion, one at a time per instance, and follow the load. */
static double instances_for(const struct load *l, double share, double vcpu, double floor_n)
{
	double by_conc = l->conc * share / l->per_instance;
	double by_cpu = vcpu > 0 ? l->cpu * share / vcpu : 0;
	double need = fmax(by_conc, by_cpu);
	if (l->in->workload == CW_BATCH)
		return fmax(0, need); /* billed per job's runtime: fractional */
	return fmax(floor_n, ceil(need * l->peak / TARGET_UTILISATION - 1e-9));
}

/* The smallest valid Fargate task (vCPU, GB) with at least min_vcpu whose
 * memory holds memory_mb. */
static void fargate_size(double memory_mb, double min_vcpu, double *vcpu, double *memory_gb)
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
		if (need > sizes[i].hi || sizes[i].vcpu < min_vcpu)
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


/* The share of a request's duration spent on the CPU. */
static double in_cpu_share(const struct load *l)
{
	return l->dur_s > 0 ? l->in->cpu_ms_per_request / 1000.0 / l->dur_s : 0;
}

/* vCPU and memory of one serverless container: Fargate's task sizes;
 * Cloud Run's memory limits per vCPU (4 GiB per vCPU up to 8 vCPU); Container
 * Apps' consumption pairs (2 GiB per vCPU, 0.25 vCPU steps). */
static void container_size(const struct load *l, double *vcpu, double *gb)
{
	double mem = l->mem_gb > 0 ? l->mem_gb : 0.5;
	switch (l->in->provider) {
	case PROVIDER_GCP:
		*vcpu = mem <= 4 ? 1 : mem <= 8 ? 2 : mem <= 16 ? 4 : mem <= 24 ? 6 : 8;
		if (l->in->gpu && *vcpu < 4)
			*vcpu = 4; /* a Cloud Run GPU needs 4 vCPU and 16 GiB */
		*gb = l->in->gpu ? fmax(16, mem) : mem;
		return;
	case PROVIDER_AZURE:
		*vcpu = fmax(0.25, ceil(mem / 2 * 4) / 4);
		*gb = *vcpu * 2;
		return;
	case PROVIDER_AWS:
	case PROVIDER_COUNT:
		break;
	}
	/* A job that runs alone in its task (one request at a time) can use the
	 * CPU it needs: a task with that many vCPUs. */
	double want = l->per_instance <= 1 ? fmin(1, in_cpu_share(l)) : 0;
	fargate_size(mem * 1024, want, vcpu, gb);
}

/* Serverless containers. Where the platform scales to zero and bills per
 * request (Cloud Run, Container Apps), an instance is billed while it
 * serves: on average max(1 - e^-conc, conc / per_instance, cpu / vcpu)
 * instances, plus idle minimum instances; otherwise (Fargate) always-on
 * tasks as instances_for says, behind a load balancer for HTTP. */
static void container_items(const struct load *l, struct cost_breakdown *b)
{
	const struct pricing *p = l->p;
	const struct cost_inputs *in = l->in;
	double vcpu, gb;
	container_size(l, &vcpu, &gb);
	double secs = l->hours * 3600;

	if (price(&p->containers_scale_to_zero) > 0) {
		double busy = 1 - exp(-l->conc);
		double active = fmax(busy, fmax(l->conc / l->per_instance, vcpu > 0 ? l->cpu / vcpu : 0));
		double min_n = in->assumed[ASSUME_availability_min_instances] ? in->availability_min
			: in->latency_strict ? 1 : 0;
		double idle = fmax(0, min_n - active);
		double vs = active * vcpu * secs, gs = active * gb * secs;
		double req = requests(l, 1);
		if (in->free_tier) {
			vs = fmax(0, vs - price(&p->containers_free_vcpu_seconds));
			gs = fmax(0, gs - price(&p->containers_free_gb_seconds));
			req = fmax(0, req - price(&p->containers_free_requests));
		}
		add_item(b, "vcpu_hours", vs / 3600 * price(&p->containers_vcpu_hour) +
			 idle * vcpu * l->hours * price(&p->containers_idle_vcpu_hour));
		add_item(b, "gb_hours", gs / 3600 * price(&p->containers_gb_hour) +
			 idle * gb * l->hours * price(&p->containers_idle_gb_hour));
		add_item(b, "requests", req / 1e6 * price(&p->containers_requests_per_million));
		if (in->gpu)
			add_item(b, "gpu", (active + idle) * l->hours * price(&p->containers_gpu_hour));
		b->instances = active + idle;
		return;
	}
	double tasks = instances_for(l, 1, vcpu, in->availability_min);
	add_item(b, "vcpu_hours", tasks * vcpu * l->hours * price(&p->containers_vcpu_hour));
	add_item(b, "gb_hours", tasks * gb * l->hours * price(&p->containers_gb_hour));
	if (http(in) && in->load_balancer)
		lb_items(l, 1, b);
	if (in->nat_gateway)
		nat_items(l, b);
	b->instances = tasks;
}

/* One pod: the memory one instance needs and a vCPU per 4 GiB (at least a
 * quarter), as general-purpose nodes have them. */
static double pod_vcpu(const struct load *l)
{
	return fmax(0.25, l->mem_gb / POD_GB_PER_VCPU);
}

/* Nodes that hold pods of vcpu / gb each (+ fixed overhead), on nodes of
 * the node type with NODE_ALLOCATABLE of them usable. Fractional on an
 * existing cluster (the share of its capacity this service takes). */
static double nodes_for(const struct load *l, double pods, double vcpu, double gb,
			double over_vcpu, double over_gb, double floor_n)
{
	double nv = l->in->node_vcpu > 0 ? l->in->node_vcpu : 2;
	double ng = l->in->node_memory_gb > 0 ? l->in->node_memory_gb : 8;
	double need = fmax((pods * vcpu + over_vcpu) / (nv * NODE_ALLOCATABLE),
			   (pods * gb + over_gb) / (ng * NODE_ALLOCATABLE));
	if (l->in->existing_cluster)
		return need;
	return fmax(floor_n, ceil(need - 1e-9));
}

/* GPU nodes: one GPU per instance in flight at the peak (inference serves
 * one request per GPU at a time), at least one node. */
static void gpu_node_items(const struct load *l, double share, struct cost_breakdown *b)
{
	const struct pricing *p = l->p;
	double gpus = fmax(1, ceil(l->conc * share * l->peak / TARGET_UTILISATION - 1e-9));
	double per = price(&p->gpu_node_gpus) > 0 ? price(&p->gpu_node_gpus) : 1;
	add_item(b, "gpu_nodes", ceil(gpus / per) * price(&p->gpu_node_hourly) * l->hours);
}

/* A cluster running share of the load: Kubernetes (always-on pods, as
 * instances_for says) or Knative (pods follow the load as a daily cycle's
 * do, as a time average: none when idle, at least one when the latency
 * target is strict; the nodes hold the peak and Knative's own components).
 * On an existing cluster only the capacity this service adds is priced: no
 * control plane, load balancer, NAT or Knative components of its own (they
 * are shared platform parts), no node floor. */
static void cluster_items(const struct load *l, double share, bool knative,
			  struct cost_breakdown *b)
{
	const struct pricing *p = l->p;
	const struct cost_inputs *in = l->in;
	double vcpu = pod_vcpu(l), gb = l->mem_gb;
	double pods, nodes;

	if (knative) {
		double need = fmax(l->conc * share / l->per_instance, l->cpu * share / vcpu);
		double min_scale = in->latency_strict ? 1 : 0;
		/* Knative's autoscaler follows the load as the HPA does, and absorbs
		 * bursts through its activator in seconds: no peak reserve beyond a
		 * daily cycle's. */
		double follow = fmin(l->peak, capacity_factor(CP_DAILY_CYCLE));
		double avg = fmax(min_scale, in->workload == CW_BATCH ? need
				  : need * follow / TARGET_UTILISATION);
		double peak = fmax(min_scale, ceil(need * l->peak / TARGET_UTILISATION - 1e-9));
		pods = avg;
		nodes = in->existing_cluster ? nodes_for(l, avg, vcpu, gb, 0, 0, 0)
			: nodes_for(l, peak, vcpu, gb, KNATIVE_OVERHEAD_VCPU, KNATIVE_OVERHEAD_GB,
				    in->node_count);
	} else {
		pods = instances_for(l, share, vcpu, in->availability_min);
		nodes = nodes_for(l, pods, vcpu, gb, 0, 0, in->node_count);
	}
	add_item(b, "nodes", nodes * clamp(in->node_hourly_usd, MAX_HOURLY) * l->hours);
	if (!in->existing_cluster) {
		add_item(b, "control_plane", price(&p->control_plane_hourly) * l->hours);
		if (http(in) && in->load_balancer)
			lb_items(l, share, b);
		if (in->nat_gateway)
			nat_items(l, b);
	}
	if (in->gpu)
		gpu_node_items(l, share, b);
	b->instances += pods;
	b->nodes += nodes;
}

static double hybrid_share(const struct pricing *p)
{
	double s = p->hybrid_serverless_share.usd;
	return s >= 0 && s <= 1 ? s : 0.5;
}

static void arch_breakdown(const struct load *l, enum arch a, struct cost_breakdown *b)
{
	double s;

	memset(b, 0, sizeof *b);
	switch (a) {
	case ARCH_KUBERNETES:
		cluster_items(l, 1, false, b);
		break;
	case ARCH_SERVERLESS:
		function_items(l, 1, b);
		break;
	case ARCH_KUBERNETES_SERVERLESS:
		cluster_items(l, 1, true, b);
		break;
	case ARCH_SERVERLESS_CONTAINERS:
		container_items(l, b);
		break;
	case ARCH_HYBRID:
		s = hybrid_share(l->p);
		function_items(l, s, b);
		cluster_items(l, 1 - s, false, b);
		break;
	case ARCH_COUNT:
		return;
	}
	transfer_items(l, b);
}

void cost_breakdown_at(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		       double rpd, struct cost_breakdown *out)
{
	struct load l;
	memset(out, 0, sizeof *out);
	if ((unsigned)a >= ARCH_COUNT || !p)
		return;
	load_at(p, in, rpd, &l);
	arch_breakdown(&l, a, out);
}


double cost_monthly_at(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		       double rpd)
{
	struct cost_breakdown b;
	if ((unsigned)a >= ARCH_COUNT || !p)
		return NAN;
	cost_breakdown_at(p, in, a, rpd, &b);
	return b.monthly_usd;
}

/* ---- break-even: the first crossing, exact on step-shaped costs ----
 *
 * Both costs are non-decreasing in requests/day, so over [x, y] a's cost
 * lies in [A(x), A(y)] and b's in [B(x), B(y)]: when A(x) - B(y) is not
 * negative, a is nowhere cheaper on the interval (and when A(y) - B(x) is
 * not positive, nowhere dearer), whatever steps it holds. The search splits only intervals where it cannot tell,
 * left half first, down to a relative width of 1e-12: it finds the first
 * sign change even when a step crosses and uncrosses between grid points. */

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

struct xsearch {
	const struct pricing *p;
	const struct cost_inputs *in;
	enum arch a, b;
	int from;                  /* the sign being left */
	unsigned evals;
	bool capped;               /* the rest was searched on a grid */
};

static double diff_at(struct xsearch *x, double r, double *ca, double *cb)
{
	x->evals++;
	*ca = cost_monthly_at(x->p, x->in, x->a, r);
	*cb = cost_monthly_at(x->p, x->in, x->b, r);
	return *ca - *cb;
}

static double diff_at(struct xsearch *x, double r, double *ca, double *cb);

/* The first flip to -from on a grid of BE_GRID_PER_DECADE points a decade
 * over (lo, hi], bisected to 1e-9; NAN when the grid sees none. */
static double grid_flip(struct xsearch *x, double lo, double hi)
{
	double ca, cb, prev = lo;
	unsigned n = (unsigned)ceil(log10(hi / lo) * BE_GRID_PER_DECADE) + 1;
	for (unsigned i = 1; i <= n; i++) {
		double r = lo * pow(hi / lo, (double)i / n);
		if (sign_of(diff_at(x, r, &ca, &cb)) != -x->from) {
			prev = r;
			continue;
		}
		double a = prev, b = r;
		while (b / a - 1 > 1e-9) {
			double mid = sqrt(a * b);
			if (sign_of(diff_at(x, mid, &ca, &cb)) == -x->from)
				b = mid;
			else
				a = mid;
		}
		return b;
	}
	return NAN;
}

/* The first r in (lo, hi] where the sign is -from, or NAN. lo's costs are
 * given; the interval's sign at lo is from (or 0). */
static double first_flip(struct xsearch *x, double lo, double alo, double blo, double hi,
			 unsigned depth)
{
	double ahi, bhi;
	int s = sign_of(diff_at(x, hi, &ahi, &bhi));
	/* The sign -from cannot occur on the interval: a's range vs b's. */
	if (x->from > 0 && sign_of(alo - bhi) >= 0)
		return NAN;
	if (x->from < 0 && sign_of(ahi - blo) <= 0)
		return NAN;
	if (hi / lo - 1 < 1e-9 || depth > 200)
		return s == -x->from ? hi : NAN;
	if (x->evals > BE_MAX_EVALS) {
		/* Two staircases intertwined over a long range: finish the rest
		 * on a fine grid (the first flip there, then bisected). */
		x->capped = true;
		return grid_flip(x, lo, hi);
	}
	double mid = sqrt(lo * hi), amid, bmid;
	diff_at(x, mid, &amid, &bmid);
	double r = first_flip(x, lo, alo, blo, mid, depth + 1);
	if (!isnan(r))
		return r;
	return first_flip(x, mid, amid, bmid, hi, depth + 1);
}

double cost_crossing(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		     enum arch b, double lo, double hi)
{
	struct xsearch x = { .p = p, .in = in, .a = a, .b = b };
	if ((unsigned)a >= ARCH_COUNT || (unsigned)b >= ARCH_COUNT || a == b || !p ||
	    !(lo > 0) || !(hi > lo))
		return NAN;
	/* The sign at the low end, or where the curves first part. */
	unsigned steps = (unsigned)ceil(log10(hi / lo) * BE_SAMPLES_PER_DECADE);
	double ca, cb, r0 = lo;
	int s = sign_of(diff_at(&x, lo, &ca, &cb));
	for (unsigned i = 1; s == 0 && i <= steps; i++) {
		r0 = lo * pow(hi / lo, (double)i / steps);
		s = sign_of(diff_at(&x, r0, &ca, &cb));
	}
	if (s == 0)
		return NAN;
	x.from = s;
	return first_flip(&x, r0, ca, cb, hi, 0);
}

double cost_break_even(const struct pricing *p, const struct cost_inputs *in, enum arch a)
{
	if ((unsigned)a >= ARCH_COUNT || a == ARCH_KUBERNETES)
		return NAN;
	return cost_crossing(p, in, a, ARCH_KUBERNETES, BE_LO, BE_HI);
}

void cost_compute_monthly(const struct pricing *p, const struct cost_inputs *in,
			  struct cost_result *out)
{
	memset(out, 0, sizeof *out);
	for (int a = 0; a < ARCH_COUNT; a++)
		out->break_even_rpd[a] = NAN;
	if (!p)
		return;
	out->hours_per_month = hours_per_month(p);
	for (int a = 0; a < ARCH_COUNT; a++)
		cost_breakdown_at(p, in, (enum arch)a, in->requests_per_day, &out->arch[a]);
}

/* cost(a) - cost(kubernetes) at 10^x requests/day. */
static double gap(const struct pricing *p, const struct cost_inputs *in, enum arch a, double x)
{
	double r = pow(10, x);
	return cost_monthly_at(p, in, a, r) - cost_monthly_at(p, in, ARCH_KUBERNETES, r);
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
	unsigned steps = (unsigned)((log10(BE_HI) - log10(BE_LO)) * BE_SAMPLES_PER_DECADE);
	double last_x = log10(BE_LO);
	struct cost_span *sp;

	memset(out, 0, sizeof *out);
	out->count = 1;
	sp = &out->span[0];
	sp->relation = COST_EQUAL;
	sp->from_rpd = pow(10, log10(BE_LO));
	if ((unsigned)a >= ARCH_COUNT || a == ARCH_KUBERNETES) {
		sp->to_rpd = pow(10, log10(BE_HI));
		return;
	}
	sp->relation = relation_at(p, in, a, log10(BE_LO));
	for (unsigned i = 1; i <= steps; i++) {
		double x = log10(BE_LO) + (log10(BE_HI) - log10(BE_LO)) * i / steps;
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
	sp->to_rpd = pow(10, log10(BE_HI));
}

void cost_add_break_evens(const struct pricing *p, const struct cost_inputs *in,
			  struct cost_result *out)
{
	for (int a = 0; a < ARCH_COUNT; a++)
		out->break_even_rpd[a] = p ? cost_break_even(p, in, (enum arch)a) : NAN;
}

void cost_compute(const struct pricing *p, const struct cost_inputs *in, struct cost_result *out)
{
	cost_compute_monthly(p, in, out);
	cost_add_break_evens(p, in, out);
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

void cost_scores(const struct cost_result *r, double score[ARCH_COUNT])
{
	double min = INFINITY;
	for (int a = 0; a < ARCH_COUNT; a++)
		if (r->arch[a].monthly_usd < min)
			min = r->arch[a].monthly_usd;
	for (int a = 0; a < ARCH_COUNT; a++) {
		double ratio = (r->arch[a].monthly_usd + COST_SCORE_OFFSET_USD) /
			       (min + COST_SCORE_OFFSET_USD);
		double s = 5 - 4 * log(ratio) / log(COST_SCORE_SPAN);
		score[a] = !(s >= 1) ? 1 : s > 5 ? 5 : s;
	}
}

/* ---- inputs from answers ---- */

/* Answer by id, or fallback when the questionnaire has no such question. */
static double number_or(const struct model *m, const struct answers *a, const char *id,
			double fallback)
{
	double v = answers_number_by_id(m, a, id);
	return isnan(v) ? fallback : v;
}

static bool choice_is(const struct model *m, const struct answers *a, const char *q,
		      const char *opt)
{
	const char *c = answers_choice_by_id(m, a, q);
	return c && strcmp(c, opt) == 0;
}

static const char *const cost_questions[] = {
	"requests_per_day", "avg_duration_ms", "memory_mb", "node_count", "node_hourly_usd",
	"provider", "workload_type", "traffic_pattern", "latency_target", "hardware",
	"existing_investments",
};

bool cost_is_input(const char *question_id)
{
	for (size_t i = 0; question_id && i < sizeof cost_questions / sizeof cost_questions[0]; i++)
		if (strcmp(cost_questions[i], question_id) == 0)
			return true;
	return false;
}

const struct pricing *cost_pricing(const struct model *m, const struct cost_inputs *in)
{
	return m ? model_pricing(m, in ? (int)in->provider : -1) : NULL;
}

/* CPU time of one request as a share of its duration, by workload: API
 * handlers mostly wait on databases and other services, batch jobs mostly
 * compute; high_cpu means the duration is CPU. */
static double cpu_share(const struct cost_inputs *in)
{
	if (in->high_cpu)
		return 1.0;
	switch (in->workload) {
	case CW_HTTP_API: return 0.25;
	case CW_EVENTS: return 0.5;
	case CW_BATCH: return 0.9;
	case CW_STREAMING: return 0.5;
	case CW_MIXED: return 0.4;
	}
	return 0.5;
}

void cost_inputs_from_answers(const struct model *m, const struct answers *a,
			      struct cost_inputs *in)
{
	memset(in, 0, sizeof *in);
	const char *pv = answers_choice_by_id(m, a, "provider");
	int prov = provider_from_id(pv);
	in->provider = prov < 0 ? PROVIDER_AWS : (enum provider)prov;
	const struct pricing *p = cost_pricing(m, in);

	/* Fallbacks are the guide's example, for questionnaires that lack a question. */
	in->requests_per_day = number_or(m, a, "requests_per_day", 100000);
	in->avg_duration_ms = number_or(m, a, "avg_duration_ms", 200);
	in->memory_mb = number_or(m, a, "memory_mb", 128);
	in->node_count = number_or(m, a, "node_count", 3);
	in->node_hourly_usd = number_or(m, a, "node_hourly_usd", p ? price(&p->node_hourly) : 0.10);

	static const char *const wt[] = {"http_api", "event_processing", "batch_jobs", "streaming", "mixed"};
	in->workload = CW_HTTP_API;
	for (int i = 0; i < 5; i++)
		if (choice_is(m, a, "workload_type", wt[i]))
			in->workload = (enum cost_workload)i;
	static const char *const tp[] = {"steady", "daily_cycle", "spiky", "sporadic"};
	in->pattern = CP_DAILY_CYCLE;
	for (int i = 0; i < 4; i++)
		if (choice_is(m, a, "traffic_pattern", tp[i]))
			in->pattern = (enum cost_pattern)i;
	in->latency_strict = choice_is(m, a, "latency_target", "strict");
	in->gpu = answers_selected_has(m, a, "hardware", "gpu");
	in->high_cpu = answers_selected_has(m, a, "hardware", "high_cpu");
	in->existing_cluster = answers_selected_has(m, a, "existing_investments", "kubernetes_cluster");

	/* Assumption defaults (reasons in cost.md). */
	bool has_gateway = p && price(&p->front_door_per_million) > 0;
	double d[ASSUME_COUNT] = {
		[ASSUME_free_tier] = 0,
		[ASSUME_arm] = 0,
		[ASSUME_front_door] = has_gateway ? FRONT_DOOR_API_GATEWAY : FRONT_DOOR_FUNCTION_URL,
		[ASSUME_load_balancer] = 1,
		[ASSUME_nat_gateway] = in->provider == PROVIDER_AWS,
		[ASSUME_data_transfer_gb_per_month] = NAN,
		[ASSUME_events_per_invocation] = in->workload == CW_EVENTS || in->workload == CW_STREAMING ? 10 : 1,
		[ASSUME_availability_min_instances] = in->workload == CW_BATCH ? 0 : 2,
		[ASSUME_concurrency] = in->workload == CW_BATCH ? 1 : 10,
		[ASSUME_cpu_ms_per_request] = in->avg_duration_ms * cpu_share(in),
		[ASSUME_node_vcpu] = p && price(&p->node_vcpu) > 0 ? price(&p->node_vcpu) : 2,
		[ASSUME_node_memory_gb] = p && price(&p->node_memory_gb) > 0 ? price(&p->node_memory_gb) : 8,
	};
	for (int k = 0; k < ASSUME_COUNT; k++)
		if (a && a->assumptions.set[k]) {
			d[k] = a->assumptions.value[k];
			in->assumed[k] = true;
		}
	in->free_tier = d[ASSUME_free_tier] != 0;
	in->arm = d[ASSUME_arm] != 0;
	in->front_door = (enum front_door)d[ASSUME_front_door];
	in->load_balancer = d[ASSUME_load_balancer] != 0;
	in->nat_gateway = d[ASSUME_nat_gateway] != 0;
	in->data_transfer_gb = d[ASSUME_data_transfer_gb_per_month];
	in->events_per_invocation = d[ASSUME_events_per_invocation];
	in->availability_min = d[ASSUME_availability_min_instances];
	in->concurrency = d[ASSUME_concurrency];
	in->cpu_ms_per_request = d[ASSUME_cpu_ms_per_request];
	in->node_vcpu = d[ASSUME_node_vcpu];
	in->node_memory_gb = d[ASSUME_node_memory_gb];
	in->api_gateway = http(in) && in->front_door == FRONT_DOOR_API_GATEWAY && has_gateway;
}

double cost_assumption_value(const struct cost_inputs *in, enum assumption i)
{
	switch (i) {
	case ASSUME_free_tier: return in->free_tier;
	case ASSUME_arm: return in->arm;
	case ASSUME_front_door: return in->front_door;
	case ASSUME_load_balancer: return in->load_balancer;
	case ASSUME_nat_gateway: return in->nat_gateway;
	case ASSUME_data_transfer_gb_per_month: return in->data_transfer_gb;
	case ASSUME_events_per_invocation: return in->events_per_invocation;
	case ASSUME_availability_min_instances: return in->availability_min;
	case ASSUME_concurrency: return in->concurrency;
	case ASSUME_cpu_ms_per_request: return in->cpu_ms_per_request;
	case ASSUME_node_vcpu: return in->node_vcpu;
	case ASSUME_node_memory_gb: return in->node_memory_gb;
	case ASSUME_COUNT: break;
	}
	return NAN;
}
