/* rules.c: evaluating parsed rule conditions (src/core/cond.c parses them). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "engine_priv.h"
#include "util.h"

static bool compare(double x, enum cond_op op, double y)
{
	switch (op) {
	case OP_EQ: return x == y;
	case OP_NE: return x != y;
	case OP_GT: return x > y;
	case OP_GE: return x >= y;
	case OP_LT: return x < y;
	case OP_LE: return x <= y;
	case OP_CONTAINS: break;
	}
	return false;
}

/* Whether clause cl holds for the effective answer v to its question. */
static bool clause_holds(const struct model *m, const struct cond_clause *cl, const struct eff_answer *v)
{
	switch (m->questions[cl->question]->kind) {
	case QK_SINGLE:
		return compare(v->option, cl->op, cl->option);
	case QK_MULTIPLE:
		return (v->selected >> cl->option) & 1u;
	case QK_NUMBER:
		return compare(v->number, cl->op, cl->number);
	case QK_TEXT: {
		bool eq = strcmp(v->text ? v->text : "", cl->text) == 0;
		return cl->op == OP_EQ ? eq : !eq;
	}
	}
	return false;
}

bool rules_eval(const struct model *m, const struct answers *a, const struct cond *c)
{
	for (size_t i = 0; i < c->count; i++) {
		struct eff_answer v = engine_effective_one(m, a, c->clauses[i].question);
		if (!clause_holds(m, &c->clauses[i], &v))
			return false;
	}
	return true;
}

bool rules_eval_eff(const struct model *m, const struct eff_answer *v, const struct cond *c)
{
	for (size_t i = 0; i < c->count; i++)
		if (!clause_holds(m, &c->clauses[i], &v[c->clauses[i].question]))
			return false;
	return true;
}

int engine_rule_holds(const struct model *m, const struct answers *a, const char *when)
{
	struct cond c;
	if (cond_compile(m, when, &c, NULL) < 0)
		return -1;
	int r = rules_eval(m, a, &c);
	cond_fini(&c);
	return r;
}
