/* sensitivity.c: which single-answer changes, and which weights, would change
 * the recommendation.
 *
 * The answers are scored once, keeping what each part of the score is made
 * of: every question's contribution and every factor's sum and count, the
 * rules' outcome, every case study's similarity terms. A candidate change
 * of question q then replaces only q's part: its factor's sum, the terms of
 * the profiles that answer q, the rules when one tests q; the matrix is
 * re-added from the factor sums (factors x architectures). A weight flip
 * only re-adds the matrix. Each candidate costs O(factors + rules + case
 * studies), not O(questions).
 *
 * Floating point: the figures must be the very ones re-scoring would give.
 * A factor whose contributions are all whole numbers has an exact sum in any
 * order, so q's part is swapped by subtracting and adding; a factor fed by a
 * fractional contribution (a multiple-choice mean) is re-summed in question
 * order, and so is a case study's similarity (its terms are fractions). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "cost.h"
#include "engine_priv.h"
#include "util.h"

/* A found change and how far it is from the current answer (smaller = more
 * plausible, listed first). */
struct found {
	struct answer_change change;
	double distance;
	size_t seq;
};

#define NO_QUESTION SIZE_MAX

struct csim_ref {
	double sim;
	size_t c;                  /* case study */
};

struct sens {
	const struct engine_ctx *ctx;
	enum sens_mode mode;
	size_t mismatches;
	struct answers work;       /* the answers being varied (re-scoring) */
	struct evaluation scratch; /* re-used for every re-scoring */
	struct eff_answer *scratch_eff;
	enum arch base;
	struct found *found;
	size_t count, cap;

	/* The base score in parts (incremental scoring). */
	struct eff_answer *eff;    /* effective answers; a candidate is put in place while tried */
	double (*qc)[ARCH_COUNT];  /* per question: its contribution to its factor */
	bool *qok;                 /* per question: it contributes */
	double (*fsum)[ARCH_COUNT]; /* per factor: sum of contributions, question order */
	unsigned *fcount;          /* per factor: contributing questions */
	bool *fexact;              /* per factor: every contribution a whole number */
	size_t *fstart, *fq;       /* factor f's questions: fq[fstart[f] .. fstart[f + 1]) */
	double (*rowscore)[ARCH_COUNT]; /* per factor: fsum / fcount */
	unsigned *weight;          /* per factor: effective weight (varied by weight flips) */
	unsigned *scale;           /* per factor: its weight in the matrix's maximum */
	bool *in_rule;             /* per question: some rule tests it */
	double rule_adjust[ARCH_COUNT]; /* the rules' points, before the case-study bonus */
	bool excluded[ARCH_COUNT];
	int pen[ARCH_COUNT];       /* fired penalise rules */
	double *cterm;             /* per ctx->case_q entry: its similarity term */
	double *csim, *csim_base;  /* per case study: similarity (csim varied while tried) */
	size_t near;               /* the nearest case study of the base answers */
	struct csim_ref *csorted;  /* case studies by base similarity, highest first */
	bool cnan;                 /* some base similarity is NaN: no shortcut */
	bool *cchg;                /* per case study: changed by the candidate being tried */
	struct csim_ref *chg;      /* the changed ones, highest first */
	size_t *qstart, *qentry;   /* question q's case_q entries: qentry[qstart[q] .. qstart[q + 1]) */
	size_t *entry_case;        /* per case_q entry: its case study */
	bool *full_q;              /* per question: a change is re-scored in full (it feeds the
				    * cost model or sets a weight, which the parts do not hold) */
};

static enum arch rescore(struct sens *s)
{
	engine_score(s->ctx, &s->work, s->scratch_eff, &s->scratch);
	return s->scratch.recommendation;
}

/* Every score a whole number small enough that sums of them are exact. */
static bool whole(const double c[ARCH_COUNT])
{
	for (int k = 0; k < ARCH_COUNT; k++)
		if (c[k] != floor(c[k]) || fabs(c[k]) > 4294967296.0)
			return false;
	return true;
}

/* Rules over s->eff, in file order, as engine_score applies them. */
static void apply_rules(const struct sens *s, double adjust[ARCH_COUNT], bool excluded[ARCH_COUNT],
			int pen[ARCH_COUNT])
{
	const struct engine_ctx *ctx = s->ctx;
	const struct rule *rules = ctx->m->questionnaire->rules;
	for (int k = 0; k < ARCH_COUNT; k++) {
		adjust[k] = 0;
		excluded[k] = false;
		pen[k] = 0;
	}
	for (size_t r = 0; r < ctx->rule_count; r++) {
		int k = ctx->rule_arch[r];
		if (k < 0 || !ctx->cond_ok[r] || !rules_eval_eff(ctx->m, s->eff, &ctx->conds[r]))
			continue;
		if (rules[r].effect == RULE_EXCLUDE) {
			excluded[k] = true;
		} else if (rules[r].effect == RULE_PENALISE) {
			adjust[k] -= rules[r].amount;
			pen[k]++;
		} else {
			adjust[k] += rules[r].amount;
		}
	}
}

/* Case study c's similarity with its entry `changed` taking `term` instead
 * (SIZE_MAX: none), summed in question order as engine_case_similarity does. */
static double case_sum(const struct sens *s, size_t c, size_t changed, double term)
{
	const struct engine_ctx *ctx = s->ctx;
	size_t from = ctx->case_start[c], to = ctx->case_start[c + 1];
	double sum = 0;
	for (size_t j = from; j < to; j++)
		sum += j == changed ? term : s->cterm[j];
	return to > from ? sum / (double)(to - from) : 0;
}

static int by_sim_desc(const void *pa, const void *pb)
{
	const struct csim_ref *x = pa, *y = pb;
	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	return (x->c > y->c) - (x->c < y->c);
}

/* The case study engine_nearest_case would pick once the n case studies in
 * chg (highest first) took their new similarities (in s->csim), walking the
 * base order and chg merged, highest first: the top group is a prefix, and
 * the first case study after it says whether the group sorts first (see
 * engine_nearest_case). O(group + n) instead of O(case studies). */
static size_t nearest_after(const struct sens *s, const struct csim_ref *chg, size_t n)
{
	const struct model *m = s->ctx->m;
	const struct case_study *cs = m->case_studies->case_studies;
	size_t nc = s->ctx->case_count;
	bool nan = s->cnan;
	for (size_t i = 0; i < n && !nan; i++)
		nan = isnan(chg[i].sim);
	if (nan)
		return engine_nearest_case(m, s->csim, nc);
	size_t a = 0, b = 0, pick = nc;
	double top = 0, low = 0;
	for (;;) {
		while (a < nc && s->cchg[s->csorted[a].c])
			a++;
		bool ha = a < nc, hb = b < n;
		if (!ha && !hb)
			return pick;
		struct csim_ref next = ha && (!hb || s->csorted[a].sim >= chg[b].sim)
				       ? s->csorted[a++] : chg[b++];
		if (pick == nc) {
			top = low = next.sim;
			pick = next.c;
			continue;
		}
		if (fabs(top - next.sim) > SCORE_EPS) {
			if (fabs(low - next.sim) > SCORE_EPS && next.sim < low)
				return pick;
			return engine_nearest_case(m, s->csim, nc);
		}
		if (next.sim < low)
			low = next.sim;
		int r = strcmp(cs[next.c].id, cs[pick].id);
		if (r < 0 || (r == 0 && next.c < pick))
			pick = next.c;
	}
}

/* The base answers in parts. */
static void inc_init(struct sens *s)
{
	const struct engine_ctx *ctx = s->ctx;
	const struct model *m = ctx->m;
	size_t nq = m->question_count, nf = m->questionnaire->factors_count;
	size_t nc = ctx->case_count, ne = ctx->case_start[nc];

	s->eff = xcalloc(nq, sizeof(*s->eff));
	engine_effective(m, &s->work, s->eff);
	s->qc = xcalloc(nq, sizeof(*s->qc));
	s->qok = xcalloc(nq, sizeof(*s->qok));
	s->fsum = xcalloc(nf, sizeof(*s->fsum));
	s->fcount = xcalloc(nf, sizeof(*s->fcount));
	s->fexact = xcalloc(nf, sizeof(*s->fexact));
	s->fstart = xcalloc(nf + 1, sizeof(*s->fstart));
	s->fq = xcalloc(nq, sizeof(*s->fq));
	s->rowscore = xcalloc(nf, sizeof(*s->rowscore));
	s->weight = xcalloc(nf, sizeof(*s->weight));
	s->scale = xcalloc(nf, sizeof(*s->scale));

	for (size_t f = 0; f < nf; f++) {
		s->fexact[f] = true;
		s->weight[f] = answers_weight(m, &s->work, f);
		s->scale[f] = engine_scale_weight(m, &s->work, f);
	}
	s->full_q = xcalloc(nq, sizeof(*s->full_q));
	for (size_t q = 0; q < nq; q++) {
		const struct question *qu = m->questions[q];
		s->full_q[q] = cost_is_input(qu->id) || qu->sets_weight ||
			       (ctx->cost_factor >= 0 && ctx->question_factor[q] == ctx->cost_factor);
	}
	for (size_t q = 0; q < nq; q++) {
		int f = ctx->question_factor[q];
		if (f < 0 || f == ctx->cost_factor)
			continue;
		s->fstart[f + 1]++;
		s->qok[q] = engine_contribution(m, q, &s->eff[q], s->qc[q]);
		if (!s->qok[q])
			continue;
		for (int k = 0; k < ARCH_COUNT; k++)
			s->fsum[f][k] += s->qc[q][k];
		s->fcount[f]++;
		if (!whole(s->qc[q]))
			s->fexact[f] = false;
	}
	if (ctx->cost_factor >= 0 && s->scratch.rows[ctx->cost_factor].used) {
		/* The cost row of the base answers: fixed for every change the
		 * parts handle (the others are re-scored in full). */
		size_t cf = (size_t)ctx->cost_factor;
		s->fcount[cf] = 1;
		for (int k = 0; k < ARCH_COUNT; k++)
			s->fsum[cf][k] = s->scratch.rows[cf].score[k];
		s->fexact[cf] = false;
	}
	for (size_t f = 0; f < nf; f++) {
		s->fstart[f + 1] += s->fstart[f];
		if (s->fcount[f] >= (1u << 20))
			s->fexact[f] = false;
		for (int k = 0; k < ARCH_COUNT && s->fcount[f]; k++)
			s->rowscore[f][k] = s->fsum[f][k] / s->fcount[f];
	}
	size_t *fill = xcalloc(nf + 1, sizeof(*fill));
	for (size_t q = 0; q < nq; q++) {
		int f = ctx->question_factor[q];
		if (f >= 0 && f != ctx->cost_factor)
			s->fq[s->fstart[f] + fill[f]++] = q;
	}
	free(fill);

	s->in_rule = xcalloc(nq, sizeof(*s->in_rule));
	for (size_t r = 0; r < ctx->rule_count; r++)
		for (size_t c = 0; c < ctx->conds[r].count; c++)
			s->in_rule[ctx->conds[r].clauses[c].question] = true;
	apply_rules(s, s->rule_adjust, s->excluded, s->pen);

	/* Case studies: each entry's term, and per question the entries naming it. */
	s->cterm = xcalloc(ne, sizeof(*s->cterm));
	s->csim = xcalloc(nc, sizeof(*s->csim));
	s->csim_base = xcalloc(nc, sizeof(*s->csim_base));
	s->entry_case = xcalloc(ne, sizeof(*s->entry_case));
	s->qstart = xcalloc(nq + 1, sizeof(*s->qstart));
	s->qentry = xcalloc(ne, sizeof(*s->qentry));
	for (size_t c = 0; c < nc; c++) {
		const struct answers *prof = &m->case_studies->case_studies[c].profile;
		for (size_t j = ctx->case_start[c]; j < ctx->case_start[c + 1]; j++) {
			size_t q = ctx->case_q[j];
			s->cterm[j] = engine_question_similarity(m, q, &s->eff[q], &prof->values[q]);
			s->entry_case[j] = c;
			s->qstart[q + 1]++;
		}
		s->csim[c] = s->csim_base[c] = case_sum(s, c, SIZE_MAX, 0);
	}
	for (size_t q = 0; q < nq; q++)
		s->qstart[q + 1] += s->qstart[q];
	fill = xcalloc(nq + 1, sizeof(*fill));
	for (size_t j = 0; j < ne; j++) {
		size_t q = ctx->case_q[j];
		s->qentry[s->qstart[q] + fill[q]++] = j;
	}
	free(fill);
	s->near = nc ? engine_nearest_case(m, s->csim, nc) : 0;
	s->csorted = xcalloc(nc, sizeof(*s->csorted));
	s->chg = xcalloc(nc, sizeof(*s->chg));
	s->cchg = xcalloc(nc, sizeof(*s->cchg));
	for (size_t c = 0; c < nc; c++) {
		s->csorted[c] = (struct csim_ref){ s->csim[c], c };
		s->cnan |= isnan(s->csim[c]);
	}
	if (!s->cnan)
		qsort(s->csorted, nc, sizeof(*s->csorted), by_sim_desc);
}

static void inc_fini(struct sens *s)
{
	free(s->eff);
	free(s->qc);
	free(s->qok);
	free(s->fsum);
	free(s->fcount);
	free(s->fexact);
	free(s->fstart);
	free(s->fq);
	free(s->rowscore);
	free(s->weight);
	free(s->scale);
	free(s->in_rule);
	free(s->cterm);
	free(s->csim);
	free(s->csim_base);
	free(s->entry_case);
	free(s->qstart);
	free(s->qentry);
	free(s->csorted);
	free(s->chg);
	free(s->cchg);
	free(s->full_q);
}

/* The ranking into rk (best first) with question qi's effective answer
 * replaced by *cand (qi NO_QUESTION: the base answers under s->weight), from
 * the parts. */
static void inc_rank(struct sens *s, size_t qi, const struct eff_answer *cand,
		     struct arch_rank rk[ARCH_COUNT])
{
	const struct engine_ctx *ctx = s->ctx;
	const struct model *m = ctx->m;
	const struct questionnaire *qn = m->questionnaire;
	size_t nf = qn->factors_count;
	struct eff_answer saved = {0};
	if (qi != NO_QUESTION) {
		saved = s->eff[qi];
		s->eff[qi] = *cand;
	}

	/* The factor qi feeds, with qi's new contribution. */
	int f = qi != NO_QUESTION ? ctx->question_factor[qi] : -1;
	double fsum[ARCH_COUNT] = {0};
	unsigned fcount = 0;
	if (f >= 0) {
		double c[ARCH_COUNT] = {0};
		bool ok = engine_contribution(m, qi, cand, c);
		if (s->fexact[f] && (!ok || whole(c))) {
			for (int k = 0; k < ARCH_COUNT; k++)
				fsum[k] = s->fsum[f][k] - (s->qok[qi] ? s->qc[qi][k] : 0) + (ok ? c[k] : 0);
			fcount = s->fcount[f] - s->qok[qi] + ok;
		} else {
			for (size_t j = s->fstart[f]; j < s->fstart[f + 1]; j++) {
				size_t q = s->fq[j];
				bool use = q == qi ? ok : s->qok[q];
				if (!use)
					continue;
				for (int k = 0; k < ARCH_COUNT; k++)
					fsum[k] += q == qi ? c[k] : s->qc[q][k];
				fcount++;
			}
		}
	}

	/* The matrix, re-added in factor order as engine_score adds it. */
	double total[ARCH_COUNT] = {0}, denom = 0;
	for (size_t g = 0; g < nf; g++) {
		unsigned w = s->weight[g];
		if ((int)g == f) {
			if (!fcount)
				continue;
			for (int k = 0; k < ARCH_COUNT; k++) {
				double sc = fsum[k] / fcount;
				total[k] += w * sc;
			}
		} else {
			if (!s->fcount[g])
				continue;
			for (int k = 0; k < ARCH_COUNT; k++)
				total[k] += w * s->rowscore[g][k];
		}
		denom += s->scale[g] * 5.0;
	}
	for (int k = 0; k < ARCH_COUNT; k++)
		rk[k] = (struct arch_rank){ .arch = (enum arch)k,
			.matrix_score = denom > 0 ? 100.0 * total[k] / denom : 0 };

	/* Rules: re-run only when one tests qi. */
	int pen[ARCH_COUNT];
	if (qi != NO_QUESTION && s->in_rule[qi]) {
		double adjust[ARCH_COUNT];
		bool excluded[ARCH_COUNT];
		apply_rules(s, adjust, excluded, pen);
		for (int k = 0; k < ARCH_COUNT; k++) {
			rk[k].adjust = adjust[k];
			rk[k].excluded = excluded[k];
		}
	} else {
		for (int k = 0; k < ARCH_COUNT; k++) {
			rk[k].adjust = s->rule_adjust[k];
			rk[k].excluded = s->excluded[k];
			pen[k] = s->pen[k];
		}
	}

	/* Case studies: the profiles answering qi get their new similarity. */
	size_t nc = ctx->case_count;
	double bonus[ARCH_COUNT] = {0};
	if (nc > 0 && qn->case_study_bonus != 0) {
		size_t near = s->near;
		if (qi != NO_QUESTION && s->qstart[qi + 1] > s->qstart[qi]) {
			size_t n = 0;
			for (size_t e = s->qstart[qi]; e < s->qstart[qi + 1]; e++) {
				size_t j = s->qentry[e], c = s->entry_case[j];
				const struct answers *prof = &m->case_studies->case_studies[c].profile;
				double term = engine_question_similarity(m, qi, cand, &prof->values[qi]);
				s->csim[c] = case_sum(s, c, j, term);
				s->chg[n++] = (struct csim_ref){ s->csim[c], c };
				s->cchg[c] = true;
			}
			qsort(s->chg, n, sizeof(*s->chg), by_sim_desc);
			near = nearest_after(s, s->chg, n);
			for (size_t i = 0; i < n; i++)
				s->cchg[s->chg[i].c] = false;
		}
		engine_case_bonus_apply(ctx, near, s->csim[near], bonus);
		if (qi != NO_QUESTION)
			for (size_t e = s->qstart[qi]; e < s->qstart[qi + 1]; e++) {
				size_t c = s->entry_case[s->qentry[e]];
				s->csim[c] = s->csim_base[c];
			}
	}

	if (qi != NO_QUESTION)
		s->eff[qi] = saved;
	engine_rank_final(rk, bonus, pen, qn->close_margin);
}

/* Whether two rankings agree to the bit (what re-scoring must give). */
static bool same_ranking(const struct arch_rank *x, const struct arch_rank *y)
{
	for (int i = 0; i < ARCH_COUNT; i++)
		if (x[i].arch != y[i].arch || x[i].excluded != y[i].excluded ||
		    memcmp(&x[i].matrix_score, &y[i].matrix_score, sizeof(double)) != 0 ||
		    memcmp(&x[i].adjust, &y[i].adjust, sizeof(double)) != 0 ||
		    memcmp(&x[i].score, &y[i].score, sizeof(double)) != 0)
			return false;
	return true;
}

/* The recommendation with s->work.values[qi] (re-scoring) and *cand
 * (incremental) as qi's answer; qi NO_QUESTION for a weight change. */
static enum arch try_change(struct sens *s, size_t qi, const struct eff_answer *cand)
{
	struct arch_rank rk[ARCH_COUNT];
	if (qi != NO_QUESTION && s->full_q[qi])
		return rescore(s);
	if (s->mode != SENS_RESCORE)
		inc_rank(s, qi, cand, rk);
	if (s->mode == SENS_INCREMENTAL)
		return rk[0].arch;
	enum arch full = rescore(s);
	if (s->mode == SENS_CHECK && !same_ranking(rk, s->scratch.ranking))
		s->mismatches++;
	return full;
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
	int cur = s->eff[qi].option;
	struct answer saved = s->work.values[qi];
	struct eff_answer cand = s->eff[qi];
	for (unsigned o = 0; o < q->options_count; o++) {
		if ((int)o == cur)
			continue;
		s->work.values[qi].present = true;
		s->work.values[qi].option = (int)o;
		cand.option = (int)o;
		enum arch r = try_change(s, qi, &cand);
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
	uint64_t cur = s->eff[qi].selected;
	struct answer saved = s->work.values[qi];
	struct eff_answer cand = s->eff[qi];
	for (unsigned o = 0; o < q->options_count && o < 64; o++) {
		uint64_t sel = cur ^ ((uint64_t)1 << o);
		s->work.values[qi].present = true;
		s->work.values[qi].selected = sel;
		cand.selected = sel;
		enum arch r = try_change(s, qi, &cand);
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
	double cur = s->eff[qi].number;
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
	struct eff_answer ecand = s->eff[qi];
	bool have_below = false, have_above = false;
	struct answer_change below = {0}, above = {0};
	for (size_t i = 0; i < n; i++) {
		double v = cand[i];
		if ((i > 0 && v == cand[i - 1]) || v == cur || !isfinite(v))
			continue;
		s->work.values[qi].present = true;
		s->work.values[qi].number = v;
		ecand.number = v;
		enum arch r = try_change(s, qi, &ecand);
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
		unsigned saved_weight = s->weight[f], saved_scale = s->scale[f];
		int cur = (int)answers_weight(m, &s->work, f);
		/* Nearest weight first; at equal distance the lower one. */
		for (int d = 1; d <= 5; d++) {
			int tries[2] = { cur - d, cur + d };
			bool done = false;
			for (int t = 0; t < 2 && !done; t++) {
				if (tries[t] < 0 || tries[t] > 5)
					continue;
				s->work.weights[f] = tries[t];
				s->weight[f] = s->scale[f] = (unsigned)tries[t];
				enum arch r = try_change(s, NO_QUESTION, NULL);
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
		s->weight[f] = saved_weight;
		s->scale[f] = saved_scale;
	}
}

/* Whether question qi can move a score at all: it feeds a factor, a rule
 * tests it, or a case-study profile answers it. The others (deployment
 * details) are not worth re-scoring. */
static bool affects_score(const struct sens *s, size_t qi)
{
	return s->ctx->question_factor[qi] >= 0 || s->in_rule[qi] || s->qstart[qi + 1] > s->qstart[qi] ||
	       s->full_q[qi];
}

int engine_sensitivity_mode(const struct model *m, const struct answers *a, struct evaluation *ev,
			    enum sens_mode mode, size_t *mismatches)
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
	struct sens s = { .ctx = &ctx, .mode = mode };
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
	s.scratch.rows = xcalloc(nf, sizeof(*s.scratch.rows));
	s.scratch.fired = xcalloc(ctx.rule_count, sizeof(*s.scratch.fired));
	s.scratch.cases = xcalloc(ctx.case_count, sizeof(*s.scratch.cases));
	s.scratch_eff = xcalloc(m->question_count, sizeof(*s.scratch_eff));
	s.base = rescore(&s);
	inc_init(&s);
	if (mode == SENS_CHECK) {
		struct arch_rank rk[ARCH_COUNT];
		inc_rank(&s, NO_QUESTION, NULL, rk);
		s.mismatches += !same_ranking(rk, s.scratch.ranking);
	}

	size_t nq = m->question_count < s.work.count ? m->question_count : s.work.count;
	for (size_t qi = 0; qi < nq; qi++) {
		if (!affects_score(&s, qi))
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
	if (mismatches)
		*mismatches = s.mismatches;

	inc_fini(&s);
	free(s.found);
	free(s.scratch.rows);
	free(s.scratch.fired);
	free(s.scratch.cases);
	free(s.scratch_eff);
	answers_fini(&s.work);
	engine_ctx_fini(&ctx);
	return 0;
}

int engine_sensitivity(const struct model *m, const struct answers *a, struct evaluation *ev)
{
	return engine_sensitivity_mode(m, a, ev, SENS_INCREMENTAL, NULL);
}
