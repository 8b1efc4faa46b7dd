/* cost.h: monthly cost per architecture from a provider's price table and
 * cost inputs. The formulas, defaults and their reasons are written out in
 * docs/readme/cost.md; every figure is USD per month of hours_per_month. */
#ifndef ARCHWISE_COST_H
#define ARCHWISE_COST_H

#include <stdbool.h>
#include "model.h"

/* The workload shapes the cost model tells apart (workload_type answer). */
enum cost_workload { CW_HTTP_API, CW_EVENTS, CW_BATCH, CW_STREAMING, CW_MIXED };
/* How traffic arrives (traffic_pattern answer). */
enum cost_pattern { CP_STEADY, CP_DAILY_CYCLE, CP_SPIKY, CP_SPORADIC };

/* What the cost model needs, taken from the answers (cost_inputs_from_answers)
 * or edited on the cost tab. Assumptions are the effective values: the
 * answers' `assumptions:` where set (assumed[i]), else the defaults. */
struct cost_inputs {
	double requests_per_day;
	double avg_duration_ms;
	double memory_mb;          /* memory of one instance / function */
	double node_count;         /* nodes a dedicated cluster keeps at least */
	double node_hourly_usd;
	enum provider provider;
	enum cost_workload workload;
	enum cost_pattern pattern;
	bool latency_strict;       /* latency_target strict: warm capacity */
	bool gpu;                  /* hardware contains gpu */
	bool high_cpu;             /* hardware contains high_cpu */
	bool existing_cluster;     /* existing_investments has a Kubernetes cluster */
	/* assumptions */
	bool free_tier;            /* subtract the per-account free grants */
	bool arm;                  /* functions on Arm prices */
	enum front_door front_door; /* in front of HTTP functions */
	bool load_balancer;        /* a load balancer in front of HTTP containers and pods */
	bool nat_gateway;          /* a NAT gateway for containers and pods in private subnets */
	double data_transfer_gb;   /* internet egress per month; NAN = 10 KB per HTTP request */
	double events_per_invocation; /* events one function invocation takes (batching) */
	double availability_min;   /* instances always running for availability */
	double concurrency;        /* requests one container / pod serves at once */
	double cpu_ms_per_request; /* CPU time one request uses */
	double node_vcpu, node_memory_gb; /* the node type's size */
	bool assumed[ASSUME_COUNT]; /* which assumptions the answers set */
	bool api_gateway;          /* derived: functions priced behind an API gateway */
};

#define COST_MAX_ITEMS 10

struct cost_item {
	const char *item;    /* "requests", "compute", "api_gateway", "nodes", ... (static) */
	double usd;          /* per month */
};

struct cost_breakdown {
	double monthly_usd;
	unsigned item_count;
	struct cost_item items[COST_MAX_ITEMS];
	double instances;    /* containers / pods / functions kept or billed on average */
	double nodes;        /* cluster nodes (node-equivalents on an existing cluster) */
};

struct cost_result {
	double hours_per_month;
	struct cost_breakdown arch[ARCH_COUNT];
	/* requests/day of the first crossing with kubernetes (NAN when they do
	 * not cross in 1e3..1e10); kubernetes itself is NAN. */
	double break_even_rpd[ARCH_COUNT];
};

/* The price table for in's provider (the AWS one when missing); NULL when
 * the model has none. */
const struct pricing *cost_pricing(const struct model *m, const struct cost_inputs *in);
/* Cost inputs from answers, with every default applied (see cost.md). */
void cost_inputs_from_answers(const struct model *m, const struct answers *a,
			      struct cost_inputs *in);
/* Whether the answer to question id feeds the cost model. */
bool cost_is_input(const char *question_id);
/* Effective value of assumption i in in (booleans 0/1, front door its enum). */
double cost_assumption_value(const struct cost_inputs *in, enum assumption i);
/* Monthly cost of every architecture at in, with break-evens. */
void cost_compute(const struct pricing *p, const struct cost_inputs *in, struct cost_result *out);
/* The same without break-evens (what ranking needs). */
void cost_compute_monthly(const struct pricing *p, const struct cost_inputs *in,
			  struct cost_result *out);
/* Fills out's break-evens (what cost_compute adds to cost_compute_monthly). */
void cost_add_break_evens(const struct pricing *p, const struct cost_inputs *in,
			  struct cost_result *out);
/* Monthly cost of one architecture at in, with requests/day replaced by rpd. */
double cost_monthly_at(const struct pricing *p, const struct cost_inputs *in, enum arch a, double rpd);
/* Breakdown of one architecture at rpd. */
void cost_breakdown_at(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		       double rpd, struct cost_breakdown *out);
/* First requests/day in 1e3..1e10 where arch a's cost crosses kubernetes's
 * (exact on step-shaped costs), or NAN. */
double cost_break_even(const struct pricing *p, const struct cost_inputs *in, enum arch a);
/* First crossing of a and b in 10^lo..10^hi requests/day, or NAN. */
double cost_crossing(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		     enum arch b, double lo, double hi);
/* Fills n points of the curve over requests/day 10^lo..10^hi (log spaced):
 * rpd[i] and usd[arch][i]. */
void cost_curve(const struct pricing *p, const struct cost_inputs *in, double lo_exp,
		double hi_exp, unsigned n, double *rpd, double *usd[ARCH_COUNT]);

/* How an architecture's cost compares with kubernetes' over the break-even
 * range, 1e3..1e10 requests/day: consecutive spans, each of one relation.
 * Costs within half a cent count as equal (the record shows cents). */
enum cost_relation { COST_CHEAPER = -1, COST_EQUAL = 0, COST_DEARER = 1 };
#define COST_MAX_SPANS 8
struct cost_span {
	enum cost_relation relation;
	double from_rpd, to_rpd; /* the first span starts at 1e3, the last ends at 1e10 */
};
struct cost_comparison {
	unsigned count;          /* 1..COST_MAX_SPANS; more changes merge into the last */
	struct cost_span span[COST_MAX_SPANS];
};
/* Compares arch a with kubernetes (a == ARCH_KUBERNETES: one equal span). A
 * boundary between cheaper and dearer is where the costs cross (the
 * break-even); one next to an equal span is where they stop or start to
 * differ by half a cent. */
void cost_compare(const struct pricing *p, const struct cost_inputs *in, enum arch a,
		  struct cost_comparison *out);

/* The 1-5 cost score of each architecture: 5 for the cheapest, down to 1 at
 * COST_SCORE_SPAN times its cost (log scale), with COST_SCORE_OFFSET_USD
 * (an engineer's hour or two a month) added to both, so that a difference
 * smaller than the time spent on it is not read as a ratio. */
#define COST_SCORE_SPAN 4.0
#define COST_SCORE_OFFSET_USD 100.0
void cost_scores(const struct cost_result *r, double score[ARCH_COUNT]);

#endif
