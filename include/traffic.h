/* traffic.h: `archwise traffic`. Reads access logs (nginx/Apache combined,
 * AWS ALB, CloudFront standard logs, CSV timestamp,count; plain or gzip) in
 * one streaming pass with bounded memory, derives the traffic answers
 * (requests_per_day, traffic_pattern, avg_duration_ms) and costs the measured
 * hourly profile. No ncurses. */
#ifndef ARCHWISE_TRAFFIC_H
#define ARCHWISE_TRAFFIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cost.h"
#include "diag.h"
#include "model.h"

enum traffic_format {
	TRAFFIC_AUTO,
	TRAFFIC_COMBINED,    /* nginx/Apache combined, optional $request_time last */
	TRAFFIC_ALB,         /* AWS Application Load Balancer access log */
	TRAFFIC_CLOUDFRONT,  /* CloudFront standard (legacy) log, tab separated */
	TRAFFIC_CSV,         /* timestamp,count (ISO 8601 or epoch seconds) */
	TRAFFIC_FORMAT_COUNT
};

/* Bad lines whose text is kept (with file and line) for the report. */
#define TRAFFIC_BAD_REPORTED 5
/* Timestamps further apart than this are refused (keeps memory bounded). */
#define TRAFFIC_MAX_SPAN_DAYS 3660
/* Counts past these are refused (exit 2, naming the line), never wrapped
 * or clipped: the requests of all files together, and of one minute. */
#define TRAFFIC_MAX_REQUESTS 1000000000000000000ull
#define TRAFFIC_MAX_PER_MINUTE 4294967295ull

/* Name of a format ("combined", ...). */
const char *traffic_format_name(enum traffic_format f);
/* Format for a name, or -1. */
int traffic_format_from_name(const char *name);

/* The accumulator: counts per minute over the span, a per-second ring for
 * the peak, duration sums and the first bad lines. Opaque; owns everything. */
struct traffic;

/* New accumulator reading every input as fmt (TRAFFIC_AUTO: detected per input). */
struct traffic *traffic_new(enum traffic_format fmt);
void traffic_free(struct traffic *t);
/* Shows a progress bar on stderr for big regular files (the caller checks the tty). */
void traffic_set_progress(struct traffic *t, bool on);
/* Reads one file ("-" = stdin), plain or gzip. 0, or -1 with a diag when it
 * cannot be read or its format cannot be detected. Bad lines are not errors. */
int traffic_read_file(struct traffic *t, const char *path, struct diag_list *diags);
/* Reads one in-memory document named name (tests, fuzzers). Same results. */
int traffic_read_mem(struct traffic *t, const char *data, size_t len, const char *name,
		     struct diag_list *diags);
/* The first TRAFFIC_BAD_REPORTED bad lines as "FILE:LINE: why" diags. */
const struct diag_list *traffic_bad_lines(const struct traffic *t);
/* Requests counted so far (tells which input added none). */
uint64_t traffic_requests(const struct traffic *t);
/* Format of the last input read (after detection). */
enum traffic_format traffic_last_format(const struct traffic *t);

enum traffic_pattern { TRAFFIC_STEADY, TRAFFIC_DAILY_CYCLE, TRAFFIC_SPIKY, TRAFFIC_SPORADIC };
/* The questionnaire's option id of a pattern ("steady", ...). */
const char *traffic_pattern_id(enum traffic_pattern p);

/* What the logs say. Times are UTC epoch seconds. Owns hourly. */
struct traffic_summary {
	uint64_t lines;            /* records read (blank and # lines excluded) */
	uint64_t bad_lines;        /* records that did not parse */
	uint64_t requests;         /* parsed lines; for CSV the sum of counts */
	int64_t first_ts, last_ts;
	size_t hours;              /* hour buckets from the first to the last hour */
	double days;               /* hours / 24 */
	double requests_per_day;   /* requests / days */
	uint64_t hour_of_day[24];  /* requests per UTC hour of day */
	uint64_t day_of_week[7];   /* requests per UTC weekday, Monday first */
	uint64_t week_hour[7][24]; /* requests per weekday x hour of day (UTC) */
	double peak_rps;           /* busiest second */
	double peak_rpm;           /* busiest minute */
	double peak_hour;          /* busiest hour */
	double idle_fraction;      /* hours in the span without a request */
	double burstiness;         /* busiest hour / mean hour */
	double daily_fit;          /* share of the hourly variance the hour of day explains (0..1) */
	double avg_duration_ms;    /* NAN when the log has no times */
	uint64_t timed;            /* requests that carried a time */
	enum traffic_pattern pattern;
	char reason[200];          /* why this pattern, one sentence */
	uint64_t *hourly;          /* hours counts, hourly[0] = first hour */
};

/* Derives the summary (allocates out->hourly). 0, or -1 when nothing parsed. */
int traffic_summarize(const struct traffic *t, struct traffic_summary *out);
void traffic_summary_fini(struct traffic_summary *s);
/* Classifies a summary whose counts are filled (sets pattern and reason);
 * the thresholds are documented in docs/traffic.md. */
void traffic_classify(struct traffic_summary *s);

/* Sets the traffic answers the summary measures on a (what `traffic
 * --write-answers` and `recheck --traffic` use): requests_per_day (whole),
 * traffic_pattern, and avg_duration_ms when the log has times, numbers
 * kept within the questions' ranges. 0, or -1 with *err (caller frees). */
int traffic_apply_answers(const struct model *m, struct answers *a,
			  const struct traffic_summary *s, char **err);

/* Monthly cost of architecture a at rpd requests/day (cost_monthly_at, or a
 * hand model in tests). */
typedef double (*traffic_cost_fn)(void *ctx, enum arch a, const struct cost_inputs *in,
				  double rpd);

struct traffic_costs {
	double flat[ARCH_COUNT];     /* at the measured requests/day, spread evenly */
	double profile[ARCH_COUNT];  /* from the measured profile */
	double peak_concurrency;     /* peak_rps x duration (Little's law) */
	double k8s_nodes;            /* nodes sized for the peak with headroom */
	double duration_ms;          /* the duration both use */
};

/* Headroom over the peak when sizing a cluster. */
#define TRAFFIC_K8S_HEADROOM 1.3
/* Nodes for the peak: ceil(conc x memory_mb x headroom / node_memory_mb), at least min_nodes. */
double traffic_k8s_nodes(double peak_concurrency, double memory_mb, double node_memory_mb,
			 double min_nodes);
/* Profile and flat costs through fn. in gives memory, nodes and prices; its
 * requests_per_day and (when measured) avg_duration_ms are replaced. */
void traffic_cost_with(const struct traffic_summary *s, const struct cost_inputs *in,
		       double node_memory_mb, traffic_cost_fn fn, void *ctx,
		       struct traffic_costs *out);
/* The same with the pricing table and cost_monthly_at. */
void traffic_cost(const struct traffic_summary *s, const struct pricing *p,
		  const struct cost_inputs *in, struct traffic_costs *out);

/* Text report with a sparkline of the hour-of-day profile (caller frees). */
char *traffic_to_text(const struct traffic_summary *s, const struct traffic_costs *c);
/* JSON object (caller frees); c may be NULL. */
char *traffic_to_json(const struct traffic_summary *s, const struct traffic_costs *c);

/* `archwise traffic FILE... [options]` (argv[0] = "traffic"); returns the exit code. */
int traffic_command(int argc, char **argv);

#endif
