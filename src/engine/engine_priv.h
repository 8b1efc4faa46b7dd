/* engine_priv.h: what the engine's own files (engine.c, rules.c,
 * similarity.c, sensitivity.c, engine_json.c, engine_text.c) share and nobody
 * else uses. The public interface is include/engine.h. */
#ifndef ARCHWISE_ENGINE_PRIV_H
#define ARCHWISE_ENGINE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cond.h"
#include "engine.h"

/* Scores and similarities closer than this are ties (sums of doubles are
 * not exact). */
#define SCORE_EPS 1e-9

/* The effective answer to one question: the answer, else the default
 * (what answers_option/_selected/_number/_text return), resolved once per
 * evaluation so scoring never looks a default up again. */
struct eff_answer {
	int option;                /* single */
	uint64_t selected;         /* multiple */
	double number;             /* number */
	const char *text;          /* text (borrowed from the answers or the model) */
};

/* The effective answer of a to question qi. */
struct eff_answer engine_effective_one(const struct model *m, const struct answers *a, size_t qi);
/* Fills out[0..question_count) with the effective answers of a. */
void engine_effective(const struct model *m, const struct answers *a, struct eff_answer *out);

/* Whether every clause holds for the answers. */
bool rules_eval(const struct model *m, const struct answers *a, const struct cond *c);
/* Same over effective answers (one per question). */
bool rules_eval_eff(const struct model *m, const struct eff_answer *v, const struct cond *c);

/* Everything engine_evaluate needs that does not depend on the answers:
 * compiled rules and the architecture each rule names, each question's
 * factor, the questions each case-study profile answers. Built once, reused
 * by every re-evaluation the sensitivity analysis does. */
struct engine_ctx {
	const struct model *m;
	struct cond *conds;        /* one per rule; count 0 = unparsable, never fires */
	bool *cond_ok;
	int *rule_arch;            /* -1 when the rule names no known architecture */
	size_t rule_count;
	int *question_factor;      /* per flat question: factor index or -1 */
	size_t case_count;
	/* Case study c's profile answers questions case_q[case_start[c] ..
	 * case_start[c + 1]), in question order. */
	size_t *case_start;        /* case_count + 1 entries */
	size_t *case_q;
	int *case_arch;            /* per case study: arch_from_id of its architecture */
	int cost_factor;           /* the factor scored from the cost model, or -1 */
};

/* The cost factor's row: each architecture's 1-5 cost score from the
 * monthly costs the answers give (their inputs and costs into *in and *r,
 * without break-evens). 0, or -1 when the model has no prices. */
int engine_cost_row(const struct model *m, const struct answers *a, struct cost_inputs *in,
		    struct cost_result *r, double score[ARCH_COUNT]);
/* Adds case study c's bonus at similarity to bonus[] of its architecture
 * (and half to its related ones). */
void engine_case_bonus_apply(const struct engine_ctx *ctx, size_t c, double similarity,
			     double bonus[ARCH_COUNT]);
/* Ranks rk (indexed by architecture on entry, best first on return) with
 * the bonus added; true when the bonus alone would have decided a close call
 * and the first without it was kept first. */
bool engine_rank_final(struct arch_rank rk[ARCH_COUNT], const double bonus[ARCH_COUNT],
		       const int pen[ARCH_COUNT], double margin);
/* Contradictions between answers and how much rests on defaults, into ev. */
void engine_warnings(const struct model *m, const struct answers *a, struct evaluation *ev);

int engine_ctx_init(struct engine_ctx *ctx, const struct model *m);
void engine_ctx_fini(struct engine_ctx *ctx);
/* Matrix, rules, case studies and ranking into ev, whose rows/fired/cases
 * buffers must hold factors_count/rule_count/case_count entries (no cost, no
 * sensitivity). eff is scratch for question_count effective answers.
 * Allocation-free, so re-evaluation stays cheap. */
void engine_score(const struct engine_ctx *ctx, const struct answers *a,
		  struct eff_answer *eff, struct evaluation *ev);

/* Question qi's contribution to its factor (one score per architecture)
 * into c; false when it contributes nothing. */
bool engine_contribution(const struct model *m, size_t qi, const struct eff_answer *v,
			 double c[ARCH_COUNT]);
/* Similarity 0..1 of effective answer v to question qi to a profile's
 * present answer p. */
double engine_question_similarity(const struct model *m, size_t qi, const struct eff_answer *v,
				  const struct answer *p);
/* Similarity of case study c of ctx over the effective answers eff. */
double engine_case_similarity(const struct engine_ctx *ctx, size_t c, const struct eff_answer *eff);
/* Sorts cases[0..n) nearest first (ties within 1e-9 by id), exactly as an
 * insertion sort with that comparison would, in O(n log n) when the
 * similarities leave no ambiguous chains (else by insertion sort). */
void engine_sort_cases(const struct model *m, struct case_match *cases, size_t n);
/* The case study cases would sort first, from similarity[c] per case study
 * (same order as engine_sort_cases); O(n). */
size_t engine_nearest_case(const struct model *m, const double *similarity, size_t n);
/* Clamps matrix_score + adjust into score and sorts ranking[] (indexed by
 * architecture on entry) best first; pen[] is the fired penalise rules per
 * architecture. */
void engine_rank(struct arch_rank ranking[ARCH_COUNT], const int pen[ARCH_COUNT]);

/* How engine_sensitivity_mode scores each candidate change: incrementally
 * (the default), by re-scoring the whole questionnaire (the reference), or
 * both, counting the candidates whose ranking (order, scores to the bit)
 * differs into *mismatches. */
enum sens_mode { SENS_INCREMENTAL, SENS_RESCORE, SENS_CHECK };
int engine_sensitivity_mode(const struct model *m, const struct answers *a, struct evaluation *ev,
			    enum sens_mode mode, size_t *mismatches);

/* Display name of an architecture: the asset's name, else the contract id. */
const char *engine_arch_name(const struct model *m, enum arch a);
/* The answer to question q as text: option label(s), the number, the text. */
char *engine_answer_label(const struct model *m, const struct answers *a, size_t q);
/* How the engine's texts write a number (util_format_number_as): whole
 * numbers in full (100000, not 1e+05), others to 6 digits (0.25, 1.5e+15). */
#define ENGINE_WHOLE_BELOW 1e15
#define ENGINE_DIGITS 6
/* Rounds v to the given number of decimals (deterministic output). */
double engine_round(double v, int decimals);

#endif
