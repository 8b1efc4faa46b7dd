/* engine.h: answers -> ranked recommendation. The decision matrix, the rules,
 * case-study similarity, cost and sensitivity. No ncurses, no I/O. */
#ifndef ARCHWISE_ENGINE_H
#define ARCHWISE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"
#include "cost.h"

/* One matrix row: a factor, its effective weight, and the mean score (1-5) of
 * the answered questions feeding it, per architecture. */
struct matrix_row {
	size_t factor;             /* index into questionnaire->factors */
	unsigned weight;
	unsigned scale_weight;     /* its weight in the matrix's maximum: the factor's default
				    * when an answer (not the user) sets its weight, so that
				    * answer adds or takes points without rescaling the others */
	bool used;                 /* some question fed it */
	double score[ARCH_COUNT];
};

struct fired_rule {
	const struct rule *rule;
	enum arch arch;
};

struct arch_rank {
	enum arch arch;
	double matrix_score;       /* 0-100 from the matrix alone */
	double adjust;             /* points from rules and case studies */
	double score;              /* final, clamped to 0-100 */
	bool excluded;
	size_t reason_count;       /* fired rules naming this architecture */
};

struct case_match {
	size_t case_study;         /* index into case_studies */
	double similarity;         /* 0..1 */
	enum arch arch;
};

/* A single-answer change that changes the recommendation. */
struct answer_change {
	size_t question;
	int option;                /* single: the new option; -1 for other kinds */
	uint64_t selected;         /* multiple: the new selection */
	double number;             /* number: the new value */
	enum arch would_recommend;
};

/* The weight at which factor f makes another architecture win. */
struct weight_flip {
	size_t factor;
	unsigned weight;
	enum arch would_recommend;
};

struct evaluation {
	struct matrix_row *rows;   /* factors_count rows, in factor order */
	size_t row_count;
	struct arch_rank ranking[ARCH_COUNT]; /* best first; excluded last */
	enum arch recommendation;
	bool close;                /* top two within questionnaire->close_margin */
	bool bonus_overruled;      /* the case-study bonus alone would have put another first */
	struct fired_rule *fired;  /* in rule order */
	size_t fired_count;
	struct case_match *cases;  /* highest similarity first */
	size_t case_count;
	struct cost_inputs cost_in;
	struct cost_result cost;
	struct answer_change *changes; /* filled by engine_sensitivity */
	size_t change_count;
	struct weight_flip *flips;
	size_t flip_count;
	char **warnings;           /* contradictions between answers, and defaults (owned) */
	size_t warning_count;
};

/* The weight factor f counts with in the matrix's maximum (see
 * matrix_row.scale_weight). */
unsigned engine_scale_weight(const struct model *m, const struct answers *a, size_t f);

/* Points the nearest case study gives at this similarity: nothing below
 * the questionnaire's case_study_threshold, rising linearly to
 * case_study_bonus at similarity 1. */
double engine_case_bonus(const struct questionnaire *qn, double similarity);

/* Scores the answers. Returns 0, or -1 on allocation failure. */
int engine_evaluate(const struct model *m, const struct answers *a, struct evaluation *out);
/* Adds the sensitivity analysis (answer changes and weight flips) to ev. */
int engine_sensitivity(const struct model *m, const struct answers *a, struct evaluation *ev);
void engine_evaluation_fini(struct evaluation *ev);

/* Similarity 0..1 of answers a to a case study's profile (only the questions
 * the profile answers; ordered options by distance). */
double engine_similarity(const struct model *m, const struct answers *a,
			 const struct case_study *cs);

/* Whether the condition holds for the answers (0/1), -1 when unparsable. */
int engine_rule_holds(const struct model *m, const struct answers *a, const char *when);

/* The short human summary `archwise eval` prints (caller frees): the
 * recommendation, top reasons, close call or not, nearest case study,
 * monthly costs, what would change it. */
char *engine_summary_text(const struct model *m, const struct answers *a, const struct evaluation *ev);
/* The top reasons the winner won (factors where it beats the runner-up most,
 * weighted), as up to max short sentences into out (caller frees each). */
size_t engine_top_reasons(const struct model *m, const struct evaluation *ev, char **out, size_t max);
/* Same, each sentence ending with the answers behind it ("— Sporadic"). */
size_t engine_top_reasons_answers(const struct model *m, const struct answers *a,
				  const struct evaluation *ev, char **out, size_t max);

/* The provider's product for architecture a ("AWS Fargate (ECS)", "Knative
 * on GKE", "EKS and Lambda"), from the price table's names (caller frees). */
char *engine_product_name(const struct model *m, enum provider p, enum arch a);

/* The evaluation as the `eval --json` object (docs/eval.schema.json; caller frees). */
char *engine_to_json(const struct model *m, const struct answers *a, const struct evaluation *ev);

#endif
