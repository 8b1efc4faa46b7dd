/* similarity.c: how close a team's answers are to a case study's profile. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "answers.h"
#include "engine_priv.h"

static unsigned popcount64(uint64_t x)
{
	unsigned n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static double log1p10(double v)
{
	return log10((v > 0 ? v : 0) + 1);
}

double engine_question_similarity(const struct model *m, size_t qi, const struct eff_answer *v,
				  const struct answer *p)
{
	const struct question *q = m->questions[qi];
	switch (q->kind) {
	case QK_SINGLE: {
		int x = v->option;
		if (x < 0 || p->option < 0)
			return 0;
		if (q->ordered && q->options_count > 1)
			return 1.0 - fabs((double)(x - p->option)) / (double)(q->options_count - 1);
		return x == p->option ? 1 : 0;
	}
	case QK_MULTIPLE: {
		uint64_t x = v->selected, y = p->selected;
		unsigned uni = popcount64(x | y);
		/* Both empty: they agree on "none of these". */
		return uni ? (double)popcount64(x & y) / uni : 1;
	}
	case QK_NUMBER: {
		double x = v->number;
		if (!isfinite(x) || !isfinite(p->number))
			return 0;
		/* Orders of magnitude apart, over the question's range in orders of
		 * magnitude (at least one, so tiny ranges do not exaggerate). */
		double range = q->max > q->min ? log1p10(q->max) - log1p10(q->min) : 0;
		if (range < 1)
			range = 1;
		double s = 1.0 - fabs(log1p10(x) - log1p10(p->number)) / range;
		return s < 0 ? 0 : s > 1 ? 1 : s;
	}
	case QK_TEXT: {
		const char *t = v->text;
		return strcmp(t ? t : "", p->text ? p->text : "") == 0 ? 1 : 0;
	}
	}
	return 0;
}

double engine_case_similarity(const struct engine_ctx *ctx, size_t c, const struct eff_answer *eff)
{
	const struct model *m = ctx->m;
	const struct answers *prof = &m->case_studies->case_studies[c].profile;
	size_t from = ctx->case_start[c], to = ctx->case_start[c + 1];
	double sum = 0;
	for (size_t j = from; j < to; j++) {
		size_t qi = ctx->case_q[j];
		sum += engine_question_similarity(m, qi, &eff[qi], &prof->values[qi]);
	}
	return to > from ? sum / (double)(to - from) : 0;
}

double engine_similarity(const struct model *m, const struct answers *a,
			 const struct case_study *cs)
{
	const struct answers *prof = &cs->profile;
	size_t n = prof->count < m->question_count ? prof->count : m->question_count;
	double sum = 0;
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		if (!prof->values[i].present)
			continue;
		struct eff_answer v = engine_effective_one(m, a, i);
		sum += engine_question_similarity(m, i, &v, &prof->values[i]);
		used++;
	}
	return used ? sum / (double)used : 0;
}
