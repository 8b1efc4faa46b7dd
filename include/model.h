/* model.h: the plain data archwise reasons about. No I/O, no ncurses.
 *
 * The structs below the "loaded through libcyaml" marks are filled by the
 * libcyaml schemas in load.c (field names there match the YAML keys given in
 * the comments); everything is owned by the struct model that holds it and
 * freed by model_free(). Counts follow libcyaml's <field>_count convention. */
#ifndef ARCHWISE_MODEL_H
#define ARCHWISE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The five architectures, in the fixed order used by every per-architecture
 * array. Ids are the questionnaire's public ids. */
enum arch {
	ARCH_KUBERNETES,
	ARCH_SERVERLESS,
	ARCH_KUBERNETES_SERVERLESS,
	ARCH_SERVERLESS_CONTAINERS,
	ARCH_HYBRID,
	ARCH_COUNT
};

/* Contract id of an architecture ("kubernetes", ...). */
const char *arch_id(enum arch a);
/* Architecture for a contract id, or -1 when unknown. */
int arch_from_id(const char *id);

/* One 1-5 score per architecture. YAML: {kubernetes: 5, serverless: 2,
 * kubernetes_serverless: 4, serverless_containers: 3, hybrid: 4}; all five
 * keys required, an unknown key is an error. */
struct arch_scores {
	unsigned score[ARCH_COUNT];
};

/* ---- questionnaire (questionnaires/NAME.yaml), loaded through libcyaml ---- */

enum question_kind { QK_SINGLE, QK_MULTIPLE, QK_NUMBER, QK_TEXT };
/* How a multiple-choice question turns several selected options into one
 * score per architecture. YAML: combine: mean | min | max (default mean). */
enum combine_mode { COMBINE_MEAN, COMBINE_MIN, COMBINE_MAX };

struct option {
	char *id;                  /* id: contract option id */
	char *label;               /* label: short text shown in lists */
	char *help;                /* help: optional, what choosing it means */
	struct arch_scores *scores; /* scores: optional; required when the question has a factor */
};

/* A number question feeds its factor through bands: the first band whose
 * up_to is >= the answer applies (the last band catches the rest). */
struct band {
	double up_to;              /* up_to: inclusive upper bound */
	struct arch_scores scores; /* scores */
};

struct question {
	char *id;                  /* id */
	char *text;                /* text: the question */
	char *help;                /* help: why we ask, what the options mean */
	enum question_kind kind;   /* kind: single | multiple | number | text */
	char *factor;              /* factor: optional factor id it feeds */
	char *default_value;       /* default: option id / number / text (not for multiple) */
	char **defaults;           /* defaults: multiple only, option ids */
	unsigned defaults_count;
	struct option *options;    /* options: single and multiple */
	unsigned options_count;
	bool ordered;              /* ordered: options are ordinal (case-study distance) */
	enum combine_mode combine; /* combine: multiple only */
	struct arch_scores *none_scores; /* none_scores: multiple, when nothing is selected */
	double min, max;           /* min / max: number only */
	char *unit;                /* unit: number only */
	bool integer;              /* integer: number only, whole numbers (ports, counts) */
	struct band *bands;        /* bands: number questions that feed a factor */
	unsigned bands_count;
	char *pattern;             /* pattern: text only, POSIX ERE the whole text must match */
	char *pattern_help;        /* pattern_help: the pattern in words, for messages */
	unsigned max_length;       /* max_length: text only, default 253 */
};

struct section {
	char *id;                  /* id: workload | organization | business | deployment */
	char *title;               /* title */
	char *summary;             /* summary: optional */
	struct question *questions; /* questions */
	unsigned questions_count;
};

struct factor {
	char *id;                  /* id: contract factor id */
	char *name;                /* name: "Traffic pattern" */
	char *help;                /* help: optional */
	unsigned weight;           /* weight: default weight 0-5 */
};

enum rule_effect { RULE_EXCLUDE, RULE_PENALISE, RULE_BOOST };

/* A rule: `when` is a condition over answers, clauses joined by " and ":
 *   <question> == <option|number|text>   <question> != ...
 *   <question> > <number>  (also >=, <, <=)
 *   <question> contains <option>          (multiple choice)
 * YAML: {id, when, architecture, effect: exclude|penalise|boost, amount, reason}.
 * amount is in score points (0-100 scale) for penalise/boost. */
struct rule {
	char *id;
	char *when;
	char *architecture;
	enum rule_effect effect;
	double amount;
	char *reason;
};

struct questionnaire {
	char *id;                  /* id: k8s-vs-serverless */
	unsigned version;          /* version */
	char *title;               /* title */
	char *description;         /* description: optional */
	double close_margin;       /* close_margin: points between the top two that make a close call (default 5) */
	double case_study_bonus;   /* case_study_bonus: points x similarity given to the nearest case study's architecture (default 5, 0 = off) */
	struct factor *factors;    /* factors */
	unsigned factors_count;
	struct section *sections;  /* sections */
	unsigned sections_count;
	struct rule *rules;        /* rules: optional */
	unsigned rules_count;
};

/* ---- assets/architectures.yaml ---- */

struct latency {
	unsigned steady_ms;        /* steady_ms: P95 under steady traffic */
	unsigned after_idle_ms;    /* after_idle_ms: P95 after an idle period */
	unsigned spike_ms;         /* spike_ms: P95 in a sudden spike */
	char *source;              /* source: where the figures come from */
};

struct hard_limits {
	double max_duration_s;     /* max_duration_s: 0 = none */
	double max_memory_mb;      /* max_memory_mb: 0 = none */
	bool gpu;                  /* gpu: GPUs available */
	char *notes;               /* notes: optional */
};

struct tool_group {
	char *category;            /* category: "Service mesh" */
	char **tools;              /* tools: [Istio, Linkerd, Consul] */
	unsigned tools_count;
};

struct migration {
	char *from;                /* from: greenfield | traditional | kubernetes | serverless */
	char **steps;              /* steps */
	unsigned steps_count;
};

struct architecture {
	char *id;                  /* id: contract architecture id */
	char *name;                /* name */
	char *summary;             /* summary */
	char **strengths;          /* strengths */
	unsigned strengths_count;
	char **limitations;        /* limitations */
	unsigned limitations_count;
	char *cold_start;          /* cold_start: note on cold starts */
	struct latency latency;    /* latency */
	struct hard_limits limits; /* limits */
	struct tool_group *ecosystem; /* ecosystem */
	unsigned ecosystem_count;
	struct migration *migrations; /* migrations: steps from each current platform */
	unsigned migrations_count;
};

struct architectures {
	struct architecture *architectures; /* architectures: exactly the five, any order */
	unsigned architectures_count;
};

/* ---- answers (docs/data-formats.md) ---- */

/* One answer, kept by question index (see model_question). */
struct answer {
	bool present;              /* false: the question's default applies */
	int option;                /* single: option index */
	uint64_t selected;         /* multiple: bit i = option i (at most 64 options) */
	double number;             /* number */
	char *text;                /* text (owned) */
};

struct answers {
	char *questionnaire;       /* questionnaire id answered (owned, may be NULL) */
	size_t count;              /* == model question count */
	struct answer *values;     /* count entries (owned) */
	int *weights;              /* factors_count entries, -1 = the factor's default */
	char *date;                /* date: optional YYYY-MM-DD for the record (owned) */
	char **decision_makers;    /* decision_makers: optional list (owned) */
	size_t decision_makers_count;
};

/* ---- assets/case-studies.yaml ---- */

struct case_study {
	char *id;                  /* id: spotify | coca_cola | capital_one | shopify */
	char *name;                /* name */
	char *architecture;        /* architecture: the one they chose */
	char *challenge;           /* challenge */
	char **approach;           /* approach */
	unsigned approach_count;
	char **results;            /* results */
	unsigned results_count;
	char *lesson;              /* lesson: key lesson */
	char *source;              /* source */
	/* profile: an answers mapping (question id -> answer, same shape as
	 * an answers file's `answers:`), parsed by the answers module, not libcyaml. */
	struct answers profile;    /* not libcyaml: filled by the loader */
};

struct case_studies {
	struct case_study *case_studies; /* case_studies */
	unsigned case_studies_count;
};

/* ---- assets/pricing.yaml ---- */

struct price {
	double usd;                /* usd */
	char *unit;                /* unit: "per million requests" */
	char *source;              /* source: URL or document */
	char *date;                /* date: YYYY-MM-DD the price was read */
};

struct pricing {
	char *region;              /* region: the region these prices are for */
	char *date;                /* date: when the table was last checked */
	struct price lambda_requests_per_million;     /* lambda_requests_per_million */
	struct price lambda_gb_second_x86;            /* lambda_gb_second_x86 */
	struct price lambda_gb_second_arm;            /* lambda_gb_second_arm */
	struct price lambda_free_requests;            /* lambda_free_requests: per month */
	struct price lambda_free_gb_seconds;          /* lambda_free_gb_seconds: per month */
	struct price api_gateway_http_per_million;    /* api_gateway_http_per_million */
	struct price node_hourly;                     /* node_hourly: default node price */
	struct price node_memory_gb;                  /* node_memory_gb: memory of the default node (GB) */
	struct price node_vcpu;                       /* node_vcpu: vCPUs of the default node */
	struct price eks_control_plane_hourly;        /* eks_control_plane_hourly */
	struct price fargate_vcpu_hour;               /* fargate_vcpu_hour */
	struct price fargate_gb_hour;                 /* fargate_gb_hour */
	struct price hours_per_month;                 /* hours_per_month: 730 */
	struct price hybrid_serverless_share;         /* hybrid_serverless_share: 0-1 of traffic on functions */
	struct price knative_min_nodes;               /* knative_min_nodes: nodes a Knative cluster keeps */
};

/* ---- the whole model ---- */

struct question_ref {
	unsigned section;
	unsigned index;            /* within the section */
};

struct model {
	struct questionnaire *questionnaire;
	struct architectures *architectures;
	struct case_studies *case_studies;
	struct pricing *pricing;
	/* Flat view of the questions in file order (built by the loader). */
	size_t question_count;
	const struct question **questions;
	struct question_ref *refs;
	/* Lookup index by id (built by the loader; opaque). */
	void *index;
	/* architecture data by enum arch (pointers into architectures). */
	const struct architecture *arch[ARCH_COUNT];
	/* The questionnaire and assets are the compiled-in static model
	 * (builtin_model_fill): model_free frees only the indexes. */
	bool static_data;
};

/* Index of the question with this id, or -1. O(log n). */
int model_question_index(const struct model *m, const char *id);
/* Index of the factor with this id, or -1. */
int model_factor_index(const struct model *m, const char *id);
/* Index of option id in question q, or -1. */
int model_option_index(const struct question *q, const char *id);
/* Question at flat index i. */
const struct question *model_question(const struct model *m, size_t i);
/* Frees everything a loader built; NULL is fine. */
void model_free(struct model *m);

#endif
