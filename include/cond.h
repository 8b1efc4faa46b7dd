/* cond.h: the rule condition language of questionnaires (`when:`), e.g.
 * `avg_duration_ms > 900000 and hardware contains gpu`. Part of the model:
 * the loader checks every condition when it loads a questionnaire; the
 * engine evaluates the parsed form. */
#ifndef ARCHWISE_COND_H
#define ARCHWISE_COND_H

#include <stddef.h>
#include "model.h"

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
int cond_compile(const struct model *m, const char *when, struct cond *out, char **err);
/* Frees what cond_compile allocated in c. */
void cond_fini(struct cond *c);
/* Whether `when` parses against m: 0, or -1 with *err (caller frees). */
int cond_check(const struct model *m, const char *when, char **err);
/* Flat index of question id, or -1 (linear: works on hand-built models too). */
int cond_question_index(const struct model *m, const char *id);
/* Spelling of an operator ("==", "contains", ...). */
const char *cond_op_name(enum cond_op op);

#endif
