/* cond.c: the rule condition language (`when`): parsing and checking against
 * the questionnaire. The engine evaluates the parsed form (src/engine/rules.c). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cond.h"
#include "util.h"

static const char *const op_names[] = {
	[OP_EQ] = "==", [OP_NE] = "!=", [OP_GT] = ">", [OP_GE] = ">=",
	[OP_LT] = "<", [OP_LE] = "<=", [OP_CONTAINS] = "contains",
};

static const char *const kind_names[] = {
	[QK_SINGLE] = "single choice", [QK_MULTIPLE] = "multiple choice",
	[QK_NUMBER] = "number", [QK_TEXT] = "text",
};

const char *cond_op_name(enum cond_op op)
{
	return op_names[op];
}

int cond_question_index(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->question_count; i++)
		if (strcmp(m->questions[i]->id, id) == 0)
			return (int)i;
	return -1;
}

void cond_fini(struct cond *c)
{
	for (size_t i = 0; i < c->count; i++)
		free(c->clauses[i].text);
	free(c->clauses);
	*c = (struct cond){0};
}

static bool is_id_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' || ch == '.';
}

/* Parses one clause [s, s+len) into *cl; returns an error message or NULL. */
static char *parse_clause(const struct model *m, const char *s, size_t len,
			  struct cond_clause *cl)
{
	const char *end = s + len;
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if (s == end)
		return xstrdup("rule condition: empty clause");

	const char *p = s;
	while (p < end && is_id_char(*p))
		p++;
	if (p == s)
		return xasprintf("rule condition: expected a question id at '%.*s'",
				 (int)(end - s), s);
	char *qid = xstrndup(s, (size_t)(p - s));
	int qi = cond_question_index(m, qid);
	if (qi < 0) {
		char *err = xasprintf("rule condition: unknown question '%s'", qid);
		free(qid);
		return err;
	}
	const struct question *q = m->questions[qi];
	cl->question = (size_t)qi;

	while (p < end && isspace((unsigned char)*p))
		p++;
	/* Longest operator first so ">=" is not read as ">". */
	static const enum cond_op order[] = { OP_GE, OP_LE, OP_EQ, OP_NE, OP_GT, OP_LT, OP_CONTAINS };
	bool found = false;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		size_t n = strlen(op_names[order[i]]);
		if ((size_t)(end - p) >= n && strncmp(p, op_names[order[i]], n) == 0 &&
		    (order[i] != OP_CONTAINS || p + n == end || isspace((unsigned char)p[n]))) {
			cl->op = order[i];
			p += n;
			found = true;
			break;
		}
	}
	if (!found) {
		char *err = p == end
			? xasprintf("rule condition: missing operator after '%s'", qid)
			: xasprintf("rule condition: unknown operator at '%.*s'", (int)(end - p), p);
		free(qid);
		return err;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end) {
		char *err = xasprintf("rule condition: missing value after '%s %s'", qid,
				      op_names[cl->op]);
		free(qid);
		return err;
	}
	/* Optional quotes around the value (texts with spaces). */
	if (end - p >= 2 && (*p == '\'' || *p == '"') && end[-1] == *p) {
		p++;
		end--;
	}
	char *val = xstrndup(p, (size_t)(end - p));
	char *err = NULL;
	bool ordering = cl->op == OP_GT || cl->op == OP_GE || cl->op == OP_LT || cl->op == OP_LE;

	switch (q->kind) {
	case QK_SINGLE:
		if (cl->op == OP_CONTAINS || (ordering && !q->ordered)) {
			err = xasprintf("rule condition: operator '%s' does not apply to %s%s question '%s'",
					op_names[cl->op], ordering ? "unordered " : "",
					kind_names[q->kind], qid);
			break;
		}
		cl->option = model_option_index(q, val);
		if (cl->option < 0)
			err = xasprintf("rule condition: '%s' is not an option of '%s'", val, qid);
		break;
	case QK_MULTIPLE:
		if (cl->op != OP_CONTAINS) {
			err = xasprintf("rule condition: operator '%s' does not apply to %s question '%s' (use contains)",
					op_names[cl->op], kind_names[q->kind], qid);
			break;
		}
		cl->option = model_option_index(q, val);
		if (cl->option < 0)
			err = xasprintf("rule condition: '%s' is not an option of '%s'", val, qid);
		else if (cl->option >= 64)
			err = xasprintf("rule condition: option '%s' of '%s' is beyond the 64th", val, qid);
		break;
	case QK_NUMBER: {
		if (cl->op == OP_CONTAINS) {
			err = xasprintf("rule condition: operator 'contains' does not apply to number question '%s'", qid);
			break;
		}
		char *num_end;
		cl->number = strtod(val, &num_end);
		if (num_end == val || *num_end != '\0' || !isfinite(cl->number))
			err = xasprintf("rule condition: '%s' is not a number (question '%s')", val, qid);
		break;
	}
	case QK_TEXT:
		if (cl->op != OP_EQ && cl->op != OP_NE) {
			err = xasprintf("rule condition: operator '%s' does not apply to text question '%s'",
					op_names[cl->op], qid);
			break;
		}
		cl->text = val;
		val = NULL;
		break;
	}
	free(val);
	free(qid);
	return err;
}

/* The next " and " separator (any whitespace around the word, so folded or
 * literal YAML blocks split the same), or NULL; *next gets what follows. */
static const char *find_and(const char *s, const char **next)
{
	for (const char *p = s; *p; p++) {
		if (!isspace((unsigned char)*p) || strncmp(p + 1, "and", 3) != 0 ||
		    !isspace((unsigned char)p[4]))
			continue;
		*next = p + 5;
		return p;
	}
	return NULL;
}

int cond_compile(const struct model *m, const char *when, struct cond *out, char **err)
{
	*out = (struct cond){0};
	if (err)
		*err = NULL;
	char *msg = NULL;
	if (!when) {
		msg = xstrdup("rule condition: missing");
		goto fail;
	}
	const char *s = when;
	while (isspace((unsigned char)*s))
		s++;
	/* `always` fires unconditionally (an unconditional nudge). */
	size_t slen = strlen(s);
	while (slen && isspace((unsigned char)s[slen - 1]))
		slen--;
	if (slen == 6 && strncmp(s, "always", 6) == 0)
		return 0;
	size_t cap = 4;
	out->clauses = xcalloc(cap, sizeof(*out->clauses));
	for (;;) {
		const char *next = NULL;
		const char *sep = find_and(s, &next);
		size_t len = sep ? (size_t)(sep - s) : strlen(s);
		if (out->count == cap) {
			cap *= 2;
			out->clauses = xrealloc(out->clauses, cap * sizeof(*out->clauses));
		}
		struct cond_clause *cl = &out->clauses[out->count];
		*cl = (struct cond_clause){0};
		msg = parse_clause(m, s, len, cl);
		if (msg) {
			free(cl->text);
			goto fail;
		}
		out->count++;
		if (!sep)
			break;
		s = next;
	}
	return 0;
fail:
	cond_fini(out);
	if (err)
		*err = msg;
	else
		free(msg);
	return -1;
}

int cond_check(const struct model *m, const char *when, char **err)
{
	struct cond c;
	if (cond_compile(m, when, &c, err) < 0)
		return -1;
	cond_fini(&c);
	return 0;
}
