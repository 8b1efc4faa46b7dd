/* engine.c: the decision matrix, rules, case-study bonus and ranking. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "cost.h"
#include "engine_priv.h"
#include "util.h"


int engine_ctx_init(struct engine_ctx *ctx, const struct model *m)
{
	*ctx = (struct engine_ctx){ .m = m };
	const struct questionnaire *qn = m->questionnaire;
	ctx->rule_count = qn->rules_count;
	ctx->conds = xcalloc(qn->rules_count, sizeof(*ctx->conds));
	ctx->cond_ok = xcalloc(qn->rules_count, sizeof(*ctx->cond_ok));
	ctx->rule_arch = xcalloc(qn->rules_count, sizeof(*ctx->rule_arch));
	for (size_t r = 0; r < qn->rules_count; r++) {
		/* The loader rejects bad conditions; one that slips through never fires. */
		ctx->cond_ok[r] = cond_compile(m, qn->rules[r].when, &ctx->conds[r], NULL) == 0;
		ctx->rule_arch[r] = arch_from_id(qn->rules[r].architecture);
	}
	ctx->cost_factor = -1;
	for (size_t f = 0; f < qn->factors_count; f++)
		if (qn->factors[f].computed && strcmp(qn->factors[f].computed, "monthly_cost") == 0)
			ctx->cost_factor = (int)f;
	ctx->question_factor = xcalloc(m->question_count, sizeof(*ctx->question_factor));
	for (size_t i = 0; i < m->question_count; i++) {
		const char *f = m->questions[i]->factor;
		ctx->question_factor[i] = f ? model_factor_index(m, f) : -1;
	}

	/* Each profile's answered questions, so similarity visits only those. */
	size_t nc = m->case_studies ? m->case_studies->case_studies_count : 0;
	ctx->case_count = nc;
	ctx->case_start = xcalloc(nc + 1, sizeof(*ctx->case_start));
	ctx->case_arch = xcalloc(nc, sizeof(*ctx->case_arch));
	size_t total = 0, cap = 0;
	for (size_t c = 0; c < nc; c++) {
		const struct case_study *cs = &m->case_studies->case_studies[c];
		const struct answers *p = &cs->profile;
		size_t n = p->count < m->question_count ? p->count : m->question_count;
		ctx->case_start[c] = total;
		ctx->case_arch[c] = arch_from_id(cs->architecture);
		for (size_t i = 0; i < n; i++) {
			if (!p->values[i].present)
				continue;
			if (total == cap) {
				cap = cap ? cap * 2 : 64;
				ctx->case_q = xrealloc(ctx->case_q, cap * sizeof(*ctx->case_q));
			}
			ctx->case_q[total++] = i;
		}
	}
	ctx->case_start[nc] = total;
	return 0;
}

void engine_ctx_fini(struct engine_ctx *ctx)
{
	for (size_t r = 0; r < ctx->rule_count; r++)
		cond_fini(&ctx->conds[r]);
	free(ctx->conds);
	free(ctx->cond_ok);
	free(ctx->rule_arch);
	free(ctx->question_factor);
	free(ctx->case_start);
	free(ctx->case_q);
	free(ctx->case_arch);
	*ctx = (struct engine_ctx){0};
}

struct eff_answer engine_effective_one(const struct model *m, const struct answers *a, size_t qi)
{
	struct eff_answer v = { .option = -1 };
	switch (m->questions[qi]->kind) {
	case QK_SINGLE: v.option = answers_option(m, a, qi); break;
	case QK_MULTIPLE: v.selected = answers_selected(m, a, qi); break;
	case QK_NUMBER: v.number = answers_number(m, a, qi); break;
	case QK_TEXT: v.text = answers_text(m, a, qi); break;
	}
	return v;
}

void engine_effective(const struct model *m, const struct answers *a, struct eff_answer *out)
{
	for (size_t i = 0; i < m->question_count; i++)
		out[i] = engine_effective_one(m, a, i);
}

bool engine_contribution(const struct model *m, size_t qi, const struct eff_answer *v,
			 double c[ARCH_COUNT])
{
	const struct question *q = m->questions[qi];
	switch (q->kind) {
	case QK_SINGLE: {
		int o = v->option;
		if (o < 0 || (unsigned)o >= q->options_count || !q->options[o].scores)
			return false;
		for (int k = 0; k < ARCH_COUNT; k++)
			c[k] = q->options[o].scores->score[k];
		return true;
	}
	case QK_MULTIPLE: {
		uint64_t sel = v->selected;
		double acc[ARCH_COUNT];
		unsigned n = 0;
		for (unsigned o = 0; o < q->options_count && o < 64; o++) {
			if (!((sel >> o) & 1u) || !q->options[o].scores)
				continue;
			for (int k = 0; k < ARCH_COUNT; k++) {
				double s = q->options[o].scores->score[k];
				if (n == 0)
					acc[k] = s;
				else if (q->combine == COMBINE_MIN)
					acc[k] = s < acc[k] ? s : acc[k];
				else if (q->combine == COMBINE_MAX)
					acc[k] = s > acc[k] ? s : acc[k];
				else
					acc[k] += s;
			}
			n++;
		}
		if (n == 0) {
			if (!q->none_scores)
				return false;
			for (int k = 0; k < ARCH_COUNT; k++)
				c[k] = q->none_scores->score[k];
			return true;
		}
		for (int k = 0; k < ARCH_COUNT; k++)
			c[k] = q->combine == COMBINE_MEAN ? acc[k] / n : acc[k];
		return true;
	}
	case QK_NUMBER: {
		if (q->bands_count == 0)
			return false;
		double x = v->number;
		const struct band *b = &q->bands[q->bands_count - 1];
		for (unsigned i = 0; i < q->bands_count; i++)
			if (x <= q->bands[i].up_to) {
				b = &q->bands[i];
				break;
			}
		for (int k = 0; k < ARCH_COUNT; k++)
			c[k] = b->scores.score[k];
		return true;
	}
	case QK_TEXT:
		break;
	}
	return false;
}

static int penalties_of(const struct evaluation *ev, enum arch a)
{
	int n = 0;
	for (size_t i = 0; i < ev->fired_count; i++)
		if (ev->fired[i].arch == a && ev->fired[i].rule->effect == RULE_PENALISE)
			n++;
	return n;
}

/* Ranking order: not excluded first, higher score, fewer penalties, enum order. */
static bool ranks_before(const struct arch_rank *x, int px, const struct arch_rank *y, int py)
{
	if (x->excluded != y->excluded)
		return !x->excluded;
	if (fabs(x->score - y->score) > SCORE_EPS)
		return x->score > y->score;
	if (px != py)
		return px < py;
	return x->arch < y->arch;
}

void engine_rank(struct arch_rank ranking[ARCH_COUNT], const int pen[ARCH_COUNT])
{
	for (int k = 0; k < ARCH_COUNT; k++) {
		struct arch_rank *ar = &ranking[k];
		double s = ar->matrix_score + ar->adjust;
		ar->score = s < 0 ? 0 : s > 100 ? 100 : s;
	}
	for (int i = 1; i < ARCH_COUNT; i++)
		for (int j = i; j > 0 && ranks_before(&ranking[j], pen[ranking[j].arch],
						      &ranking[j - 1], pen[ranking[j - 1].arch]); j--) {
			struct arch_rank t = ranking[j];
			ranking[j] = ranking[j - 1];
			ranking[j - 1] = t;
		}
}

/* ---- case-study order ----
 * Nearest first; similarities within SCORE_EPS are ties broken by id. That
 * comparison is not transitive in general (0, 0.6e-9 and 1.2e-9), so the
 * order is defined as what an insertion sort in case-study order gives. When
 * the similarities fall into chains (consecutive values within SCORE_EPS)
 * each spanning at most SCORE_EPS, the comparison is a strict weak order
 * (chain, then id) and any sort that follows it gives that same order. */

static int case_cmp(const struct case_match *x, const struct case_match *y, const struct model *m)
{
	if (fabs(x->similarity - y->similarity) > SCORE_EPS)
		return x->similarity > y->similarity ? -1 : 1;
	return strcmp(m->case_studies->case_studies[x->case_study].id,
		      m->case_studies->case_studies[y->case_study].id);
}

static void insertion_sort_cases(const struct model *m, struct case_match *cases, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && case_cmp(&cases[j - 1], &cases[j], m) > 0; j--) {
			struct case_match t = cases[j];
			cases[j] = cases[j - 1];
			cases[j - 1] = t;
		}
}

struct case_key {
	struct case_match match;
	size_t chain;              /* rank of its chain, nearest first */
	const char *id;
};

static int by_similarity_desc(const void *pa, const void *pb)
{
	const struct case_key *x = pa, *y = pb;
	if (x->match.similarity != y->match.similarity)
		return x->match.similarity > y->match.similarity ? -1 : 1;
	return (x->match.case_study > y->match.case_study) - (x->match.case_study < y->match.case_study);
}

static int by_chain_id(const void *pa, const void *pb)
{
	const struct case_key *x = pa, *y = pb;
	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	int r = strcmp(x->id, y->id);
	if (r)
		return r;
	/* Equal ids: an insertion sort keeps them in case-study order. */
	return (x->match.case_study > y->match.case_study) - (x->match.case_study < y->match.case_study);
}

void engine_sort_cases(const struct model *m, struct case_match *cases, size_t n)
{
	if (n < 8) {
		insertion_sort_cases(m, cases, n);
		return;
	}
	struct case_key *k = xmalloc(n * sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		k[i] = (struct case_key){ .match = cases[i],
			.id = m->case_studies->case_studies[cases[i].case_study].id };
		if (isnan(cases[i].similarity)) {
			free(k);
			insertion_sort_cases(m, cases, n);
			return;
		}
	}
	/* Same case-study order on entry as insertion sort's stability assumes. */
	qsort(k, n, sizeof(*k), by_similarity_desc);
	size_t chain = 0, first = 0;
	for (size_t i = 1; i <= n; i++) {
		if (i < n && !(fabs(k[i - 1].match.similarity - k[i].match.similarity) > SCORE_EPS))
			continue;
		/* k[first .. i) is one chain: it must span at most SCORE_EPS. */
		if (fabs(k[first].match.similarity - k[i - 1].match.similarity) > SCORE_EPS) {
			free(k);
			insertion_sort_cases(m, cases, n);
			return;
		}
		for (size_t j = first; j < i; j++)
			k[j].chain = chain;
		chain++;
		first = i;
	}
	qsort(k, n, sizeof(*k), by_chain_id);
	for (size_t i = 0; i < n; i++)
		cases[i] = k[i].match;
	free(k);
}

size_t engine_nearest_case(const struct model *m, const double *similarity, size_t n)
{
	const struct case_study *cs = m->case_studies->case_studies;
	/* The top group: every similarity within SCORE_EPS of the largest. It
	 * sorts first, by id, when everything else is more than SCORE_EPS below
	 * its smallest member. */
	size_t best = 0;
	for (size_t c = 0; c < n; c++) {
		if (isnan(similarity[c]))
			goto fallback;
		if (similarity[c] > similarity[best])
			best = c;
	}
	double top = similarity[best], low = top;
	size_t pick = n;
	for (size_t c = 0; c < n; c++) {
		if (fabs(top - similarity[c]) > SCORE_EPS)
			continue;
		if (similarity[c] < low)
			low = similarity[c];
		if (pick == n || strcmp(cs[c].id, cs[pick].id) < 0)
			pick = c;
	}
	for (size_t c = 0; c < n; c++)
		if (fabs(top - similarity[c]) > SCORE_EPS &&
		    !(fabs(low - similarity[c]) > SCORE_EPS && similarity[c] < low))
			goto fallback;
	return pick;
fallback:;
	struct case_match *cases = xmalloc(n * sizeof(*cases));
	for (size_t c = 0; c < n; c++)
		cases[c] = (struct case_match){ .case_study = c, .similarity = similarity[c] };
	insertion_sort_cases(m, cases, n);
	size_t r = cases[0].case_study;
	free(cases);
	return r;
}

void engine_score(const struct engine_ctx *ctx, const struct answers *a,
		  struct eff_answer *eff, struct evaluation *ev)
{
	const struct model *m = ctx->m;
	const struct questionnaire *qn = m->questionnaire;
	size_t nf = qn->factors_count;
	engine_effective(m, a, eff);

	/* Matrix: per factor, the mean of its questions' scores (summed in
	 * question order). */
	unsigned contrib[nf ? nf : 1];
	ev->row_count = nf;
	for (size_t f = 0; f < nf; f++) {
		ev->rows[f] = (struct matrix_row){ .factor = f, .weight = answers_weight(m, a, f),
						   .scale_weight = engine_scale_weight(m, a, f) };
		contrib[f] = 0;
	}
	for (size_t i = 0; i < m->question_count; i++) {
		int f = ctx->question_factor[i];
		double c[ARCH_COUNT];
		if (f < 0 || f == ctx->cost_factor || !engine_contribution(m, i, &eff[i], c))
			continue;
		for (int k = 0; k < ARCH_COUNT; k++)
			ev->rows[f].score[k] += c[k];
		contrib[f]++;
	}
	/* The cost factor: each architecture's computed monthly cost, scored
	 * against the cheapest (cost_scores). */
	if (ctx->cost_factor >= 0 &&
	    engine_cost_row(m, a, &ev->cost_in, &ev->cost, ev->rows[ctx->cost_factor].score) == 0)
		contrib[ctx->cost_factor] = 1;
	double total[ARCH_COUNT] = {0}, denom = 0;
	for (size_t f = 0; f < nf; f++) {
		struct matrix_row *row = &ev->rows[f];
		row->used = contrib[f] > 0;
		if (!row->used)
			continue;
		for (int k = 0; k < ARCH_COUNT; k++) {
			row->score[k] /= contrib[f];
			total[k] += row->weight * row->score[k];
		}
		denom += row->scale_weight * 5.0;
	}
	for (int k = 0; k < ARCH_COUNT; k++)
		ev->ranking[k] = (struct arch_rank){
			.arch = (enum arch)k,
			.matrix_score = denom > 0 ? 100.0 * total[k] / denom : 0,
		};

	/* Rules, in file order. ranking[] is still indexed by arch here. */
	ev->fired_count = 0;
	for (size_t r = 0; r < ctx->rule_count; r++) {
		int k = ctx->rule_arch[r];
		if (k < 0 || !ctx->cond_ok[r] || !rules_eval_eff(m, eff, &ctx->conds[r]))
			continue;
		const struct rule *rule = &qn->rules[r];
		ev->fired[ev->fired_count++] = (struct fired_rule){ .rule = rule, .arch = (enum arch)k };
		struct arch_rank *ar = &ev->ranking[k];
		ar->reason_count++;
		if (rule->effect == RULE_EXCLUDE)
			ar->excluded = true;
		else if (rule->effect == RULE_PENALISE)
			ar->adjust -= rule->amount;
		else
			ar->adjust += rule->amount;
	}

	/* Case studies: the nearest one nudges its architecture. */
	size_t nc = ctx->case_count;
	ev->case_count = nc;
	for (size_t c = 0; c < nc; c++) {
		int k = ctx->case_arch[c];
		ev->cases[c] = (struct case_match){
			.case_study = c,
			.similarity = engine_case_similarity(ctx, c, eff),
			.arch = k < 0 ? ARCH_HYBRID : (enum arch)k,
		};
	}
	engine_sort_cases(m, ev->cases, nc);
	double bonus[ARCH_COUNT] = {0};
	if (nc > 0 && qn->case_study_bonus != 0)
		engine_case_bonus_apply(ctx, ev->cases[0].case_study, ev->cases[0].similarity, bonus);

	int pen[ARCH_COUNT];
	for (int k = 0; k < ARCH_COUNT; k++)
		pen[k] = penalties_of(ev, (enum arch)k);
	ev->bonus_overruled = engine_rank_final(ev->ranking, bonus, pen, qn->close_margin);
	ev->recommendation = ev->ranking[0].arch;
	ev->close = !ev->ranking[0].excluded && !ev->ranking[1].excluded &&
		    fabs(ev->ranking[0].score - ev->ranking[1].score) <= qn->close_margin + SCORE_EPS;
}

unsigned engine_scale_weight(const struct model *m, const struct answers *a, size_t f)
{
	/* the user's weight, else the default: the weight an answer sets is
	 * the only other one, and it must not rescale the matrix */
	if (a && a->weights && a->weights[f] >= 0)
		return (unsigned)a->weights[f];
	return m->questionnaire->factors[f].weight;
}

int engine_cost_row(const struct model *m, const struct answers *a, struct cost_inputs *in,
		    struct cost_result *r, double score[ARCH_COUNT])
{
	cost_inputs_from_answers(m, a, in);
	const struct pricing *p = cost_pricing(m, in);
	cost_compute_monthly(p, in, r);
	if (!p)
		return -1;
	cost_scores(r, score);
	return 0;
}

double engine_case_bonus(const struct questionnaire *qn, double similarity)
{
	double t = qn->case_study_threshold;
	if (!(similarity >= t) || qn->case_study_bonus <= 0 || t >= 1)
		return 0;
	return qn->case_study_bonus * (similarity - t) / (1 - t);
}

void engine_case_bonus_apply(const struct engine_ctx *ctx, size_t c, double similarity,
			     double bonus[ARCH_COUNT])
{
	const struct model *m = ctx->m;
	double b = engine_case_bonus(m->questionnaire, similarity);
	if (b == 0 || ctx->case_arch[c] < 0)
		return;
	bonus[ctx->case_arch[c]] += b;
	const struct case_study *cs = &m->case_studies->case_studies[c];
	for (unsigned r = 0; r < cs->related_count; r++) {
		int k = arch_from_id(cs->related[r]);
		if (k >= 0 && k != ctx->case_arch[c])
			bonus[k] += b / 2;
	}
}

bool engine_rank_final(struct arch_rank rk[ARCH_COUNT], const double bonus[ARCH_COUNT],
		       const int pen[ARCH_COUNT], double margin)
{
	struct arch_rank pre[ARCH_COUNT];
	memcpy(pre, rk, sizeof pre);
	engine_rank(pre, pen);
	for (int k = 0; k < ARCH_COUNT; k++)
		rk[k].adjust += bonus[k];
	engine_rank(rk, pen);
	/* A case study alone does not decide a close call: when the bonus is
	 * all that put another architecture first, and the two were within the
	 * close margin without it, the first stays first. */
	if (rk[0].arch == pre[0].arch || pre[0].excluded || pre[1].excluded ||
	    pre[0].score - pre[1].score > margin + SCORE_EPS)
		return false;
	for (int i = 1; i < ARCH_COUNT; i++)
		if (rk[i].arch == pre[0].arch) {
			struct arch_rank t = rk[i];
			memmove(&rk[1], &rk[0], (size_t)i * sizeof(rk[0]));
			rk[0] = t;
			break;
		}
	return true;
}

int engine_evaluate(const struct model *m, const struct answers *a, struct evaluation *out)
{
	*out = (struct evaluation){0};
	if (!m || !m->questionnaire || !a)
		return -1;
	struct engine_ctx ctx;
	engine_ctx_init(&ctx, m);
	const struct questionnaire *qn = m->questionnaire;
	size_t nc = m->case_studies ? m->case_studies->case_studies_count : 0;
	out->rows = xcalloc(qn->factors_count, sizeof(*out->rows));
	out->fired = xcalloc(qn->rules_count, sizeof(*out->fired));
	out->cases = xcalloc(nc, sizeof(*out->cases));
	struct eff_answer *eff = xcalloc(m->question_count, sizeof(*eff));
	engine_score(&ctx, a, eff, out);
	free(eff);
	/* the monthly costs are the cost factor's (engine_score); a
	 * questionnaire without that factor still gets them */
	if (ctx.cost_factor < 0) {
		cost_inputs_from_answers(m, a, &out->cost_in);
		cost_compute_monthly(cost_pricing(m, &out->cost_in), &out->cost_in, &out->cost);
	}
	engine_ctx_fini(&ctx);
	cost_add_break_evens(cost_pricing(m, &out->cost_in), &out->cost_in, &out->cost);
	engine_warnings(m, a, out);
	return 0;
}

void engine_evaluation_fini(struct evaluation *ev)
{
	if (!ev)
		return;
	free(ev->rows);
	free(ev->fired);
	free(ev->cases);
	free(ev->changes);
	free(ev->flips);
	for (size_t i = 0; i < ev->warning_count; i++)
		free(ev->warnings[i]);
	free(ev->warnings);
	*ev = (struct evaluation){0};
}

char *engine_product_name(const struct model *m, enum provider p, enum arch a)
{
	const struct pricing *pr = (unsigned)p < PROVIDER_COUNT && m ? m->pricing[p] : NULL;
	const struct pricing_names *n = pr ? &pr->names : NULL;
	if (!n || !n->kubernetes || !n->functions || !n->containers)
		return xstrdup(arch_id(a));
	switch (a) {
	case ARCH_KUBERNETES: return xstrdup(n->kubernetes);
	case ARCH_SERVERLESS: return xstrdup(n->functions);
	case ARCH_KUBERNETES_SERVERLESS:
		return xasprintf("Knative on %s", n->kubernetes_short ? n->kubernetes_short : n->kubernetes);
	case ARCH_SERVERLESS_CONTAINERS: return xstrdup(n->containers);
	case ARCH_HYBRID:
		return xasprintf("%s and %s", n->kubernetes_short ? n->kubernetes_short : n->kubernetes,
				 n->functions_short ? n->functions_short : n->functions);
	case ARCH_COUNT: break;
	}
	return xstrdup(arch_id(a));
}

const char *engine_arch_name(const struct model *m, enum arch a)
{
	if (m && (unsigned)a < ARCH_COUNT && m->arch[a] && m->arch[a]->name)
		return m->arch[a]->name;
	return arch_id(a);
}

char *engine_answer_label(const struct model *m, const struct answers *a, size_t qi)
{
	const struct question *q = m->questions[qi];
	switch (q->kind) {
	case QK_SINGLE: {
		int o = answers_option(m, a, qi);
		if (o < 0 || (unsigned)o >= q->options_count)
			return xstrdup("(no answer)");
		return xstrdup(q->options[o].label ? q->options[o].label : q->options[o].id);
	}
	case QK_MULTIPLE: {
		uint64_t sel = answers_selected(m, a, qi);
		struct strbuf sb = {0};
		for (unsigned o = 0; o < q->options_count && o < 64; o++)
			if ((sel >> o) & 1u) {
				if (sb.len)
					sb_append(&sb, ", ");
				sb_append(&sb, q->options[o].label ? q->options[o].label : q->options[o].id);
			}
		if (!sb.len)
			sb_append(&sb, "none");
		return sb_take(&sb);
	}
	case QK_NUMBER: {
		char buf[64];
		util_format_number_as(buf, sizeof(buf), answers_number(m, a, qi), ENGINE_WHOLE_BELOW, ENGINE_DIGITS);
		return q->unit ? xasprintf("%s %s", buf, q->unit) : xstrdup(buf);
	}
	case QK_TEXT: {
		const char *t = answers_text(m, a, qi);
		return xstrdup(t ? t : "");
	}
	}
	return xstrdup("");
}

double engine_round(double v, int decimals)
{
	double p = pow(10, decimals);
	double r = round(v * p) / p;
	return r == 0 ? 0 : r; /* no "-0" in the output */
}

static void warn(struct evaluation *ev, char *msg)
{
	ev->warnings = xrealloc(ev->warnings, (ev->warning_count + 1) * sizeof(*ev->warnings));
	ev->warnings[ev->warning_count++] = msg;
}

/* Whether question id exists and the answers give it a value. */
static bool answered(const struct model *m, const struct answers *a, const char *id)
{
	int q = model_question_index(m, id);
	return q >= 0 && (size_t)q < a->count && a->values[q].present;
}

void engine_warnings(const struct model *m, const struct answers *a, struct evaluation *ev)
{
	double avg = answers_number_by_id(m, a, "avg_duration_ms");
	double mem = answers_number_by_id(m, a, "memory_mb");
	const char *longest = answers_choice_by_id(m, a, "longest_task");
	char n[32];

	/* The average cannot exceed the longest task. */
	if (longest && !isnan(avg)) {
		double cap = strcmp(longest, "under_1s") == 0 ? 1000
			: strcmp(longest, "under_15min") == 0 ? 900000 : INFINITY;
		if (avg > cap) {
			util_format_number(n, sizeof(n), avg);
			warn(ev, xasprintf("avg_duration_ms is %s ms, longer than the longest task "
					   "(longest_task: %s): one of the two answers is wrong", n, longest));
		}
	}
	/* High memory is above 10 GB (the Lambda maximum, 10,240 MB). */
	if (!isnan(mem)) {
		bool high = answers_selected_has(m, a, "hardware", "high_memory");
		util_format_number(n, sizeof(n), mem);
		if (high && mem <= 10240)
			warn(ev, xasprintf("hardware has high_memory (more than 10 GB) but memory_mb is "
					   "%s MB: the costs use %s MB; raise memory_mb to what one "
					   "instance needs", n, n));
		else if (!high && mem > 10240 && model_question_index(m, "hardware") >= 0)
			warn(ev, xasprintf("memory_mb is %s MB, above 10 GB, but hardware does not list "
					   "high_memory", n));
	}
	/* A result that rests on defaults says so. */
	size_t unanswered = 0, total = 0;
	struct strbuf ids = {0};
	for (size_t i = 0; i < m->question_count; i++) {
		const struct question *q = m->questions[i];
		if (!q->factor && !cost_is_input(q->id))
			continue;
		total++;
		if (answered(m, a, q->id))
			continue;
		if (unanswered < 5)
			sb_printf(&ids, "%s%s", unanswered ? ", " : "", q->id);
		unanswered++;
	}
	if (unanswered)
		warn(ev, xasprintf("%zu of %zu questions that decide the result are unanswered and "
				   "take their defaults (%s%s)", unanswered, total, ids.data,
				   unanswered > 5 ? ", ..." : ""));
	sb_fini(&ids);
}
