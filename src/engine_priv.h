/* engine_priv.h: what the engine's own files (engine.c, rules.c,
 * similarity.c, sensitivity.c, engine_json.c, engine_text.c) share and nobody
 * else uses. The public interface is include/engine.h. */
#ifndef ARCHWISE_ENGINE_PRIV_H
#define ARCHWISE_ENGINE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include "engine.h"

enum cond_op { OP_EQ, OP_NE, OP_GT, OP_GE, OP_LT, OP_LE, OP_CONTAINS };

/* One parsed clause `<question> <op> <value>`. */
struct cond_clause {
	size_t question;           /* flat question index */
	enum cond_op op;
	int option;                /* single / multiple: option index */
	double number;             /* number questions */
	char *text;                /* text questions (owned) */
};

/* A parsed `when`: every clause must hold. */
struct cond {
	struct cond_clause *clauses;
	size_t count;
};

/* Parses `when` against m into *out; -1 with *err (caller frees) on error. */
int rules_compile(const struct model *m, const char *when, struct cond *out, char **err);
/* Whether every clause holds for the answers. */
bool rules_eval(const struct model *m, const struct answers *a, const struct cond *c);
void rules_cond_fini(struct cond *c);
/* Flat index of question id, or -1 (linear: works on hand-built models too). */
int rules_question_index(const struct model *m, const char *id);
/* Spelling of an operator ("==", "contains", ...). */
const char *rules_op_name(enum cond_op op);

/* Everything engine_evaluate needs that does not depend on the answers:
 * compiled rules and the architecture each rule names. Built once, reused by
 * every re-evaluation the sensitivity analysis does. */
struct engine_ctx {
	const struct model *m;
	struct cond *conds;        /* one per rule; count 0 = unparsable, never fires */
	bool *cond_ok;
	int *rule_arch;            /* -1 when the rule names no known architecture */
	size_t rule_count;
	int *question_factor;      /* per flat question: factor index or -1 */
};

int engine_ctx_init(struct engine_ctx *ctx, const struct model *m);
void engine_ctx_fini(struct engine_ctx *ctx);
/* Matrix, rules, case studies and ranking into ev, whose rows/fired/cases
 * buffers must hold factors_count/rule_count/case_count entries (no cost, no
 * sensitivity). Allocation-free, so re-evaluation stays cheap. */
void engine_score(const struct engine_ctx *ctx, const struct answers *a, struct evaluation *ev);

/* Display name of an architecture: the asset's name, else the contract id. */
const char *engine_arch_name(const struct model *m, enum arch a);
/* The answer to question q as text: option label(s), the number, the text. */
char *engine_answer_label(const struct model *m, const struct answers *a, size_t q);
/* Formats a number for people: 100000, 0.25, 1.5e+12. */
void engine_format_number(char *buf, size_t size, double v);
/* Rounds v to the given number of decimals (deterministic output). */
double engine_round(double v, int decimals);

#endif
