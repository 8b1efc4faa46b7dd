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
	unsigned weight;           /* weight: 1-5, the weight this answer gives the factor its
				    * question's sets_weight names; 0 (absent) = no effect */
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
	char *sets_weight;         /* sets_weight: optional factor id whose default weight the
				    * chosen option's `weight` replaces (single only) */
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
	char *computed;            /* computed: optional; "monthly_cost": the engine scores this
				    * factor from the cost model, not from answers' scores */
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
	double case_study_bonus;   /* case_study_bonus: most points the nearest case study gives its architecture (default 5, 0 = off) */
	double case_study_threshold; /* case_study_threshold: similarity below which a case study gives nothing (default 0) */
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

/* Cost assumptions an answers file may set under `assumptions:`, as
 * X(key, kind, min, max). Unset ones take documented defaults that depend
 * on the other answers (cost.c; docs/readme/cost.md). Kinds: ASSUME_BOOL
 * (true/false), ASSUME_INT (whole number), ASSUME_NUMBER, ASSUME_FRONT_DOOR
 * (api_gateway | function_url | load_balancer). */
enum assume_kind { ASSUME_BOOL, ASSUME_INT, ASSUME_NUMBER, ASSUME_FRONT_DOOR };
#define ASSUMPTIONS(X)                                                      \
	X(free_tier, ASSUME_BOOL, 0, 1)                                     \
	X(arm, ASSUME_BOOL, 0, 1)                                           \
	X(front_door, ASSUME_FRONT_DOOR, 0, 2)                              \
	X(load_balancer, ASSUME_BOOL, 0, 1)                                 \
	X(nat_gateway, ASSUME_BOOL, 0, 1)                                   \
	X(data_transfer_gb_per_month, ASSUME_NUMBER, 0, 1e9)                \
	X(events_per_invocation, ASSUME_INT, 1, 10000)                      \
	X(availability_min_instances, ASSUME_INT, 0, 1000)                  \
	X(concurrency, ASSUME_INT, 1, 1000)                                 \
	X(cpu_ms_per_request, ASSUME_NUMBER, 0, 86400000)                   \
	X(node_vcpu, ASSUME_NUMBER, 0.25, 1024)                             \
	X(node_memory_gb, ASSUME_NUMBER, 0.5, 24576)
enum assumption {
#define ASSUME_ENUM(key, kind, lo, hi) ASSUME_##key,
	ASSUMPTIONS(ASSUME_ENUM)
#undef ASSUME_ENUM
	ASSUME_COUNT
};
enum front_door { FRONT_DOOR_API_GATEWAY, FRONT_DOOR_FUNCTION_URL, FRONT_DOOR_LOAD_BALANCER };

/* The assumptions an answers file set (value[i] meaningful where set[i]). */
struct assumptions {
	bool set[ASSUME_COUNT];
	double value[ASSUME_COUNT]; /* booleans 0/1, front_door its enum */
};

/* Key, kind and bounds of assumption i. */
const char *assumption_key(enum assumption i);
enum assume_kind assumption_kind(enum assumption i);
void assumption_bounds(enum assumption i, double *lo, double *hi);
/* Assumption for a key, or -1. */
int assumption_from_key(const char *key);
/* Id of a front door ("api_gateway", ...) and back (-1 when unknown). */
const char *front_door_id(enum front_door f);
int front_door_from_id(const char *id);

struct answers {
	char *questionnaire;       /* questionnaire id answered (owned, may be NULL) */
	size_t count;              /* == model question count */
	struct answer *values;     /* count entries (owned) */
	int *weights;              /* factors_count entries, -1 = the factor's default */
	char *date;                /* date: optional YYYY-MM-DD for the record (owned) */
	char **decision_makers;    /* decision_makers: optional list (owned) */
	size_t decision_makers_count;
	struct assumptions assumptions; /* assumptions: optional cost assumptions */
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
	char **related;            /* related: optional architecture ids that share what made
				    * the case study's choice work; they get half its bonus */
	unsigned related_count;
	/* profile: an answers mapping (question id -> answer, same shape as
	 * an answers file's `answers:`), parsed by the answers module, not libcyaml. */
	struct answers profile;    /* not libcyaml: filled by the loader */
};

struct case_studies {
	struct case_study *case_studies; /* case_studies */
	unsigned case_studies_count;
};

/* ---- assets/pricing-PROVIDER.yaml ---- */

struct price {
	double usd;                /* usd */
	char *unit;                /* unit: "per million requests" */
	char *source;              /* source: URL or document */
	char *date;                /* date: YYYY-MM-DD the price was read */
};

/* The cloud providers a price table can be for, in the fixed order used by
 * every per-provider array. Ids: "aws", "gcp", "azure". */
enum provider { PROVIDER_AWS, PROVIDER_GCP, PROVIDER_AZURE, PROVIDER_COUNT };

/* Id of a provider ("aws", ...). */
const char *provider_id(enum provider p);
/* Provider for an id, or -1 when unknown. */
int provider_from_id(const char *id);

/* Every entry of a price table (assets/pricing-PROVIDER.yaml), as
 * X(yaml_key). The same keys for every provider; a charge or feature a
 * provider does not have is 0 with a unit saying so. Counts, limits and
 * model parameters are entries too: their unit says what they are. */
#define PRICING_ENTRIES(X)                                                     \
	X(functions_requests_per_million) X(functions_gb_second)               \
	X(functions_gb_second_arm) X(functions_vcpu_second)                    \
	X(functions_free_requests) X(functions_free_gb_seconds)                \
	X(functions_provisioned_gb_second) X(functions_max_timeout_s)          \
	X(functions_max_memory_mb) X(functions_has_gpu)                        \
	X(front_door_per_million) X(front_door_per_million_tier2)              \
	X(front_door_tier_million)                                             \
	X(containers_vcpu_hour) X(containers_gb_hour)                          \
	X(containers_idle_vcpu_hour) X(containers_idle_gb_hour)                \
	X(containers_requests_per_million) X(containers_free_vcpu_seconds)     \
	X(containers_free_gb_seconds) X(containers_free_requests)              \
	X(containers_scale_to_zero) X(containers_default_concurrency)          \
	X(containers_max_vcpu) X(containers_max_memory_gb)                     \
	X(containers_cold_start_s) X(containers_gpu_hour)                      \
	X(control_plane_hourly) X(node_hourly) X(node_vcpu) X(node_memory_gb)  \
	X(node_boot_s) X(gpu_node_hourly) X(gpu_node_gpus) X(gpu_node_vcpu)    \
	X(gpu_node_memory_gb) X(lb_hourly) X(lb_per_gb) X(nat_hourly)          \
	X(nat_per_gb) X(egress_per_gb) X(public_ipv4_hourly)                   \
	X(hours_per_month) X(hybrid_serverless_share)

/* Product names of one provider, as every output shows them. */
#define PRICING_NAMES(X)                                                       \
	X(functions) X(functions_short) X(containers) X(containers_short)      \
	X(kubernetes) X(kubernetes_short) X(front_door) X(load_balancer)       \
	X(node_type) X(gpu_node_type) X(container_gpu)

struct pricing_names {
#define PRICING_NAME_FIELD(n) char *n;
	PRICING_NAMES(PRICING_NAME_FIELD)
#undef PRICING_NAME_FIELD
};

struct pricing {
	char *provider;            /* provider: aws | gcp | azure */
	char *region;              /* region: the region these prices are for */
	char *date;                /* date: when the table was last checked */
	struct pricing_names names; /* names: product names */
#define PRICING_ENTRY_FIELD(n) struct price n;
	PRICING_ENTRIES(PRICING_ENTRY_FIELD)
#undef PRICING_ENTRY_FIELD
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
	/* Price tables by provider; NULL where none was loaded. */
	struct pricing *pricing[PROVIDER_COUNT];
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

/* The price table of provider p, the AWS one when p has none or is not a
 * provider; NULL when the model has no prices. */
const struct pricing *model_pricing(const struct model *m, int p);
/* Flat index of the question whose answer sets factor f's weight
 * (sets_weight), or -1. */
int model_weight_question(const struct model *m, size_t f);
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
