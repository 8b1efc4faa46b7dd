/* cost.h: monthly cost per architecture from pricing data and cost inputs. */
#ifndef ARCHWISE_COST_H
#define ARCHWISE_COST_H

#include <stdbool.h>
#include "model.h"

/* What the cost model needs, taken from the answers (cost_inputs_from_answers)
 * or edited on the cost tab. */
struct cost_inputs {
	double requests_per_day;
	double avg_duration_ms;
	double memory_mb;
	double node_count;
	double node_hourly_usd;
	bool arm;            /* functions on Arm (Graviton) prices */
	bool free_tier;      /* subtract the Lambda free tier */
	bool api_gateway;    /* functions behind an HTTP API */
};

#define COST_MAX_ITEMS 6

struct cost_item {
	const char *item;    /* "requests", "compute", "api_gateway", "nodes", ... (static) */
	double usd;          /* per month */
};

struct cost_breakdown {
	double monthly_usd;
	unsigned item_count;
	struct cost_item items[COST_MAX_ITEMS];
};

struct cost_result {
	double hours_per_month;
	struct cost_breakdown arch[ARCH_COUNT];
	/* requests/day at which the architecture costs the same as kubernetes
	 * (NAN when they never cross in 1e3..1e10); kubernetes itself is NAN. */
	double break_even_rpd[ARCH_COUNT];
};

/* Cost inputs from answers (requests_per_day, avg_duration_ms, memory_mb,
 * node_count, node_hourly_usd), defaults where missing. */
void cost_inputs_from_answers(const struct model *m, const struct answers *a,
			      struct cost_inputs *in);
/* Monthly cost of every architecture at in. */
void cost_compute(const struct pricing *p, const struct cost_inputs *in, struct cost_result *out);
/* Monthly cost of one architecture at in, with requests/day replaced by rpd. */
double cost_monthly_at(const struct pricing *p, const struct cost_inputs *in, enum arch a, double rpd);
/* Requests/day where arch a costs the same as kubernetes, or NAN. */
double cost_break_even(const struct pricing *p, const struct cost_inputs *in, enum arch a);
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

/* Smallest valid Fargate task (vCPU, GB) whose memory holds memory_mb. */
void cost_fargate_task_size(double memory_mb, double *vcpu, double *memory_gb);
/* Nodes a cluster needs at rpd: max(min_nodes, ceil(memory in use / node memory)). */
double cost_nodes_needed(const struct pricing *p, const struct cost_inputs *in, double rpd,
			 double min_nodes);

#endif
