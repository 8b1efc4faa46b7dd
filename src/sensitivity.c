/* sensitivity.c: which single-answer changes, and which weights, would change
 * the recommendation. Re-scores a working copy of the answers with buffers
 * allocated once, so the whole analysis stays in the millisecond range. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "engine_priv.h"
#include "util.h"

/* A found change and how far it is from the current answer (smaller = more
 * plausible, listed first). */
struct found {
	struct answer_change change;
	double distance;
	size_t seq;
};

struct sens {
	const struct engine_ctx *ctx;
	struct answers work;       /* the answers being varied */
	struct evaluation scratch; /* re-used for every re-evaluation */
	enum arch base;
	struct found *found;
	size_t count, cap;
};

static enum arch rescore(struct sens *s)
{
	engine_score(s->ctx, &s->work, &s->scratch);
	return s->scratch.recommendation;
}

static void add_found(struct sens *s, struct answer_change ch, double distance)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->found = xrealloc(s->found, s->cap * sizeof(*s->found));
	}
	s->found[s->count] = (struct found){ .change = ch, .distance = distance, .seq = s->count };
	s->count++;
}

static void vary_single(struct sens *s, size_t qi)
{
	const struct model *m = s->ctx->m;
	const struct question *q = m->questions[qi];
	int cur = answers_option(m, &s->work, qi);
	struct answer saved = s->work.values[qi];
	for (unsigned o = 0; o < q->options_count; o++) {
		if ((int)o == cur)
			continue;
		s->work.values[qi].present = true;
		s->work.values[qi].option = (int)o;
		enum arch r = rescore(s);
		if (r != s->base) {
			double d = q->ordered && cur >= 0 ? fabs((double)((int)o - cur)) : 1.0;
			add_found(s, (struct answer_change){ .question = qi, .option = (int)o,
							     .would_recommend = r }, d);
		}
	}
	s->work.values[qi] = saved;
}

static void vary_multiple(struct sens *s, size_t qi)
{
	const struct model *m = s->ctx->m;
	const struct question *q = m->questions[qi];
	uint64_t cur = answers_selected(m, &s->work, qi);
	struct answer saved = s->work.values[qi];
	for (unsigned o = 0; o < q->options_count && o < 64; o++) {
		uint64_t sel = cur ^ ((uint64_t)1 << o);
		s->work.values[qi].present = true;
		s->work.values[qi].selected = sel;
		enum arch r = rescore(s);
		if (r != s->base)
			add_found(s, (struct answer_change){ .question = qi, .option = -1,
							     .selected = sel, .would_recommend = r }, 1.0);
	}
	s->work.values[qi] = saved;
}

static int cmp_double(const void *pa, const void *pb)
{
	double x = *(const double *)pa, y = *(const double *)pb;
	return x < y ? -1 : x > y;
}

/* A step small against v, for "just above / below" a boundary: one unit
 * for whole numbers (122881 MB reads better than 124108.8), else 1%. */
static double nudge(double v)
{
	if (v == rint(v) && (fabs(v) >= 10 || v == 0))
		return 1;
	return fabs(v) * 0.01;
}

static double log_distance(double x, double y)
{
	return fabs(log10(fabs(x) + 1) - log10(fabs(y) + 1));
}

static void vary_number(struct sens *s, size_t qi)
{
	const struct engine_ctx *ctx = s->ctx;
	const struct model *m = ctx->m;
	const struct question *q = m->questions[qi];
	double cur = answers_number(m, &s->work, qi);
	if (!isfinite(cur))
		return;

	/* The informative values: band boundaries and rule thresholds either
	 * side, and an order of magnitude up and down. */
	size_t cap = 4 + 2 * (size_t)q->bands_count, n = 0;
	for (size_t r = 0; r < ctx->rule_count; r++)
		cap += 3 * ctx->conds[r].count;
	double *cand = xmalloc(cap * sizeof(*cand));
	for (unsigned b = 0; b < q->bands_count; b++) {
		double u = q->bands[b].up_to;
		cand[n++] = u;
		cand[n++] = u + nudge(u);
	}
	for (size_t r = 0; r < ctx->rule_count; r++)
		for (size_t c = 0; c < ctx->conds[r].count; c++) {
			const struct cond_clause *cl = &ctx->conds[r].clauses[c];
			if (cl->question != qi)
				continue;
			cand[n++] = cl->number - nudge(cl->number);
			cand[n++] = cl->number;
			cand[n++] = cl->number + nudge(cl->number);
		}
	if (cur != 0) {
		cand[n++] = cur * 10;
		cand[n++] = cur / 10;
	} else {
		cand[n++] = 1;
		cand[n++] = 10;
	}
	bool bounded = q->max > q->min;
	for (size_t i = 0; i < n; i++)
		if (bounded)
			cand[i] = cand[i] < q->min ? q->min : cand[i] > q->max ? q->max : cand[i];
	qsort(cand, n, sizeof(*cand), cmp_double);

	/* Only the nearest flip below and the nearest flip above the answer:
	 * "if it were X instead" is what a reader can act on. */
	struct answer saved = s->work.values[qi];
	bool have_below = false, have_above = false;
	struct answer_change below = {0}, above = {0};
	for (size_t i = 0; i < n; i++) {
		double v = cand[i];
		if ((i > 0 && v == cand[i - 1]) || v == cur || !isfinite(v))
			continue;
		s->work.values[qi].present = true;
		s->work.values[qi].number = v;
		enum arch r = rescore(s);
		if (r == s->base)
			continue;
		struct answer_change ch = { .question = qi, .option = -1, .number = v, .would_recommend = r };
		if (v < cur) {
			below = ch; /* ascending: the last one below is the nearest */
			have_below = true;
		} else if (!have_above) {
			above = ch;
			have_above = true;
		}
	}
	s->work.values[qi] = saved;
	if (have_below)
		add_found(s, below, 1.0 + log_distance(below.number, cur));
	if (have_above)
		add_found(s, above, 1.0 + log_distance(above.number, cur));
	free(cand);
}

static int cmp_found(const void *pa, const void *pb)
{
	const struct found *x = pa, *y = pb;
	if (x->distance != y->distance)
		return x->distance < y->distance ? -1 : 1;
	if (x->change.question != y->change.question)
		return x->change.question < y->change.question ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void weight_flips(struct sens *s, struct evaluation *ev)
{
	const struct model *m = s->ctx->m;
	size_t nf = m->questionnaire->factors_count;
	ev->flips = xcalloc(nf, sizeof(*ev->flips));
	ev->flip_count = 0;
	for (size_t f = 0; f < nf; f++) {
		int saved = s->work.weights[f];
		int cur = (int)answers_weight(m, &s->work, f);
		/* Nearest weight first; at equal distance the lower one. */
		for (int d = 1; d <= 5; d++) {
			int tries[2] = { cur - d, cur + d };
			bool done = false;
			for (int t = 0; t < 2 && !done; t++) {
				if (tries[t] < 0 || tries[t] > 5)
					continue;
				s->work.weights[f] = tries[t];
				enum arch r = rescore(s);
				if (r != s->base) {
					ev->flips[ev->flip_count++] = (struct weight_flip){
						.factor = f, .weight = (unsigned)tries[t], .would_recommend = r };
					done = true;
				}
			}
			if (done)
				break;
		}
		s->work.weights[f] = saved;
	}
}

/* Whether question qi can move a score at all: it feeds a factor, a rule
 * tests it, or a case-study profile answers it. The others (deployment
 * details) are not worth re-scoring. */
static bool affects_score(const struct engine_ctx *ctx, size_t qi)
{
	const struct model *m = ctx->m;
	if (ctx->question_factor[qi] >= 0)
		return true;
	for (size_t r = 0; r < ctx->rule_count; r++)
		for (size_t c = 0; c < ctx->conds[r].count; c++)
			if (ctx->conds[r].clauses[c].question == qi)
				return true;
	size_t nc = m->case_studies ? m->case_studies->case_studies_count : 0;
	for (size_t c = 0; c < nc; c++) {
		const struct answers *p = &m->case_studies->case_studies[c].profile;
		if (qi < p->count && p->values[qi].present)
			return true;
	}
	return false;
}

int engine_sensitivity(const struct model *m, const struct answers *a, struct evaluation *ev)
{
	if (!m || !m->questionnaire || !a || !ev)
		return -1;
	free(ev->changes);
	free(ev->flips);
	ev->changes = NULL;
	ev->flips = NULL;
	ev->change_count = ev->flip_count = 0;

	struct engine_ctx ctx;
	engine_ctx_init(&ctx, m);
	struct sens s = { .ctx = &ctx };
	if (answers_copy(&s.work, a) < 0) {
		engine_ctx_fini(&ctx);
		return -1;
	}
	size_t nf = m->questionnaire->factors_count;
	/* The weight flips write every factor's slot: make sure there is one
	 * (hand-built answers may carry fewer), defaults (-1) for the missing. */
	size_t nw = 0;
	while (s.work.weights && nw < nf && s.work.weights[nw] != ANSWERS_WEIGHTS_END)
		nw++;
	if (nw < nf || !s.work.weights) {
		s.work.weights = xrealloc(s.work.weights, (nf + 1) * sizeof(*s.work.weights));
		for (size_t f = nw; f < nf; f++)
			s.work.weights[f] = -1;
		s.work.weights[nf] = ANSWERS_WEIGHTS_END;
	}
	size_t nc = m->case_studies ? m->case_studies->case_studies_count : 0;
	s.scratch.rows = xcalloc(nf, sizeof(*s.scratch.rows));
	s.scratch.fired = xcalloc(ctx.rule_count, sizeof(*s.scratch.fired));
	s.scratch.cases = xcalloc(nc, sizeof(*s.scratch.cases));
	s.base = rescore(&s);

	size_t nq = m->question_count < s.work.count ? m->question_count : s.work.count;
	for (size_t qi = 0; qi < nq; qi++) {
		if (!affects_score(&ctx, qi))
			continue;
		switch (m->questions[qi]->kind) {
		case QK_SINGLE: vary_single(&s, qi); break;
		case QK_MULTIPLE: vary_multiple(&s, qi); break;
		case QK_NUMBER: vary_number(&s, qi); break;
		case QK_TEXT: break;
		}
	}
	if (s.count)
		qsort(s.found, s.count, sizeof(*s.found), cmp_found);
	ev->changes = xcalloc(s.count, sizeof(*ev->changes));
	for (size_t i = 0; i < s.count; i++)
		ev->changes[i] = s.found[i].change;
	ev->change_count = s.count;
	weight_flips(&s, ev);

	free(s.found);
	free(s.scratch.rows);
	free(s.scratch.fired);
	free(s.scratch.cases);
	answers_fini(&s.work);
	engine_ctx_fini(&ctx);
	return 0;
}
