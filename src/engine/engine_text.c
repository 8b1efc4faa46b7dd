/* engine_text.c: the evaluation in words: top reasons and the summary
 * `archwise eval` prints (plain text for terminals and CI logs). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "engine_priv.h"
#include "util.h"

/* "5", "3.5": scores read best without a trailing ".0". */
static void fmt_score(char *buf, size_t size, double v)
{
	double r = engine_round(v, 1);
	if (r == floor(r))
		snprintf(buf, size, "%.0f", r);
	else
		snprintf(buf, size, "%.1f", r);
	util_c_decimal_point(buf); /* the same text in every locale */
}

struct reason {
	double points;             /* lead over the runner-up, in score points */
	size_t order;
	char *text;
};

static int cmp_reason(const void *pa, const void *pb)
{
	const struct reason *x = pa, *y = pb;
	if (fabs(x->points - y->points) > 1e-9)
		return x->points > y->points ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The answers feeding factor f, as labels joined by "; ". */
static char *factor_answers(const struct model *m, const struct answers *a, size_t f)
{
	const char *fid = m->questionnaire->factors[f].id;
	struct strbuf sb = {0};
	for (size_t i = 0; i < m->question_count; i++) {
		const struct question *q = m->questions[i];
		if (!q->factor || strcmp(q->factor, fid) != 0)
			continue;
		char *l = engine_answer_label(m, a, i);
		if (sb.len)
			sb_append(&sb, "; ");
		sb_append(&sb, l);
		free(l);
	}
	return sb_take(&sb);
}

/* The reasons, with the answers' labels when a is given. */
static size_t top_reasons(const struct model *m, const struct answers *a,
			  const struct evaluation *ev, char **out, size_t max)
{
	if (max == 0 || !ev->rows)
		return 0;
	enum arch w = ev->ranking[0].arch, r = ev->ranking[1].arch;
	double denom = 0;
	for (size_t i = 0; i < ev->row_count; i++)
		if (ev->rows[i].used)
			denom += ev->rows[i].weight * 5.0;
	struct reason *rs = xcalloc(ev->row_count + ev->fired_count, sizeof(*rs));
	size_t n = 0;
	for (size_t i = 0; i < ev->row_count; i++) {
		const struct matrix_row *row = &ev->rows[i];
		double diff = row->score[w] - row->score[r];
		if (!row->used || row->weight == 0 || diff <= 0 || denom <= 0)
			continue;
		const struct factor *f = &m->questionnaire->factors[row->factor];
		char sw[16], sr[16];
		fmt_score(sw, sizeof(sw), row->score[w]);
		fmt_score(sr, sizeof(sr), row->score[r]);
		char *ans = a ? factor_answers(m, a, row->factor) : xstrdup("");
		rs[n++] = (struct reason){
			.points = 100.0 * row->weight * diff / denom,
			.order = i,
			.text = xasprintf("%s (weight %u): %s scores %s/5 vs %s %s/5%s%s",
					  f->name ? f->name : f->id, row->weight,
					  engine_arch_name(m, w), sw, engine_arch_name(m, r), sr,
					  *ans ? " \u2014 " : "", ans),
		};
		free(ans);
	}
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *fr = &ev->fired[i];
		if (fr->arch != w || fr->rule->effect != RULE_BOOST)
			continue;
		char pts[16];
		fmt_score(pts, sizeof(pts), fr->rule->amount);
		rs[n++] = (struct reason){
			.points = fr->rule->amount,
			.order = ev->row_count + i,
			.text = xasprintf("%s gets +%s points: %s (rule %s)", engine_arch_name(m, w), pts,
					  fr->rule->reason ? fr->rule->reason : "", fr->rule->id),
		};
	}
	qsort(rs, n, sizeof(*rs), cmp_reason);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k < max)
			out[k++] = rs[i].text;
		else
			free(rs[i].text);
	}
	free(rs);
	return k;
}

size_t engine_top_reasons(const struct model *m, const struct evaluation *ev, char **out, size_t max)
{
	return top_reasons(m, NULL, ev, out, max);
}

size_t engine_top_reasons_answers(const struct model *m, const struct answers *a,
				  const struct evaluation *ev, char **out, size_t max)
{
	return top_reasons(m, a, ev, out, max);
}

static void change_line(struct strbuf *sb, const struct model *m, const struct answers *a,
			const struct answer_change *ch)
{
	const struct question *q = m->questions[ch->question];
	const char *to = engine_arch_name(m, ch->would_recommend);
	switch (q->kind) {
	case QK_SINGLE: {
		const struct option *o = &q->options[ch->option];
		sb_printf(sb, "  - %s: %s -> %s\n", q->id, o->label ? o->label : o->id, to);
		break;
	}
	case QK_MULTIPLE: {
		uint64_t diff = ch->selected ^ answers_selected(m, a, ch->question);
		for (unsigned k = 0; k < q->options_count && k < 64; k++)
			if ((diff >> k) & 1u) {
				const struct option *o = &q->options[k];
				sb_printf(sb, "  - %s: %s %s -> %s\n", q->id,
					  (ch->selected >> k) & 1u ? "add" : "remove",
					  o->label ? o->label : o->id, to);
				break;
			}
		break;
	}
	case QK_NUMBER: {
		char now[64], then[64];
		util_format_number_as(now, sizeof(now), answers_number(m, a, ch->question), ENGINE_WHOLE_BELOW, ENGINE_DIGITS);
		util_format_number_as(then, sizeof(then), ch->number, ENGINE_WHOLE_BELOW, ENGINE_DIGITS);
		sb_printf(sb, "  - %s: %s instead of %s -> %s\n", q->id, then, now, to);
		break;
	}
	case QK_TEXT:
		break;
	}
}

char *engine_summary_text(const struct model *m, const struct answers *a, const struct evaluation *ev)
{
	const struct questionnaire *qn = m->questionnaire;
	struct strbuf sb = {0};
	const struct arch_rank *best = &ev->ranking[0];
	char s[16];

	fmt_score(s, sizeof(s), best->score);
	sb_printf(&sb, "Recommendation: %s (%s), score %s/100, %s\n",
		  engine_arch_name(m, ev->recommendation), arch_id(ev->recommendation), s,
		  ev->close ? "close call" : "clear");
	{
		char *prod = engine_product_name(m, ev->cost_in.provider, ev->recommendation);
		sb_printf(&sb, "  On %s: %s.\n", provider_id(ev->cost_in.provider), prod);
		free(prod);
	}
	if (best->excluded)
		sb_append(&sb, "  Every architecture is excluded by a rule; this is the least bad one.\n");
	else if (ev->close) {
		char d[16];
		fmt_score(d, sizeof(d), fabs(best->score - ev->ranking[1].score));
		if (ev->bonus_overruled)
			sb_printf(&sb, "  %s would lead by %s points only through the nearest case "
				  "study (close margin %g): weigh both.\n",
				  engine_arch_name(m, ev->ranking[1].arch), d, qn->close_margin);
		else
			sb_printf(&sb, "  %s is only %s points behind (close margin %g): weigh both.\n",
				  engine_arch_name(m, ev->ranking[1].arch), d, qn->close_margin);
	}

	sb_append(&sb, "\nRanking:\n");
	for (int i = 0; i < ARCH_COUNT; i++) {
		const struct arch_rank *r = &ev->ranking[i];
		/* an excluded score is what it would have been: it must not
		 * read as better than the ones above it */
		char *prod = engine_product_name(m, ev->cost_in.provider, r->arch);
		if (r->excluded)
			sb_printf(&sb, "  %d. %-24s excluded (would score %.1f)  %s\n", i + 1,
				  arch_id(r->arch), engine_round(r->score, 1), prod);
		else
			sb_printf(&sb, "  %d. %-24s %5.1f  %s\n", i + 1, arch_id(r->arch),
				  engine_round(r->score, 1), prod);
		free(prod);
	}

	char *reasons[3];
	size_t n = top_reasons(m, a, ev, reasons, 3);
	if (n) {
		sb_append(&sb, "\nWhy:\n");
		for (size_t i = 0; i < n; i++) {
			sb_printf(&sb, "  - %s\n", reasons[i]);
			free(reasons[i]);
		}
	}

	bool any = false;
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *fr = &ev->fired[i];
		if (fr->rule->effect != RULE_EXCLUDE)
			continue;
		if (!any)
			sb_append(&sb, "\nExcluded:\n");
		any = true;
		sb_printf(&sb, "  - %s: %s (rule %s)\n", arch_id(fr->arch),
			  fr->rule->reason ? fr->rule->reason : "", fr->rule->id);
	}

	/* Points added or taken away outside the matrix, so the ranking's
	 * figures can be followed. */
	any = false;
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *fr = &ev->fired[i];
		if (fr->rule->effect == RULE_EXCLUDE)
			continue;
		if (!any)
			sb_append(&sb, "\nAdjustments:\n");
		any = true;
		fmt_score(s, sizeof(s), fr->rule->amount);
		sb_printf(&sb, "  - %s %c%s: %s (rule %s)\n", arch_id(fr->arch),
			  fr->rule->effect == RULE_BOOST ? '+' : '-', s,
			  fr->rule->reason ? fr->rule->reason : "", fr->rule->id);
	}
	double cb = ev->case_count ? engine_case_bonus(qn, ev->cases[0].similarity) : 0;
	if (cb > 0) {
		const struct case_match *c = &ev->cases[0];
		const struct case_study *cs = &m->case_studies->case_studies[c->case_study];
		if (!any)
			sb_append(&sb, "\nAdjustments:\n");
		fmt_score(s, sizeof(s), cb);
		sb_printf(&sb, "  - %s +%s: nearest case study (similarity %.2f, above the threshold "
			  "%.2f; up to %g points)\n", arch_id(c->arch), s, c->similarity,
			  qn->case_study_threshold, qn->case_study_bonus);
		fmt_score(s, sizeof(s), cb / 2);
		for (unsigned r = 0; r < cs->related_count; r++)
			sb_printf(&sb, "  - %s +%s: related to the nearest case study's choice\n",
				  cs->related[r], s);
	}
	if (ev->bonus_overruled)
		sb_printf(&sb, "  - %s stays first: without the case-study bonus it leads, within the "
			  "close margin, and a case study alone does not decide a close call\n",
			  arch_id(ev->ranking[0].arch));

	if (ev->case_count) {
		const struct case_match *c = &ev->cases[0];
		const struct case_study *cs = &m->case_studies->case_studies[c->case_study];
		sb_printf(&sb, "\nNearest case study: %s (%s), similarity %.2f\n",
			  cs->name ? cs->name : cs->id, arch_id(c->arch), c->similarity);
	}

	const struct pricing *pr = cost_pricing(m, &ev->cost_in);
	if (pr) {
		char rpd[64];
		util_format_number_as(rpd, sizeof(rpd), ev->cost_in.requests_per_day, ENGINE_WHOLE_BELOW, ENGINE_DIGITS);
		sb_printf(&sb, "\nMonthly cost at %s requests/day (%s, %s prices of %s%s):\n", rpd,
			  provider_id(ev->cost_in.provider), pr->region ? pr->region : "",
			  pr->date ? pr->date : "unknown date",
			  ev->cost_in.existing_cluster ? "; clusters at the capacity added to the "
			  "existing one" : "");
		for (int k = 0; k < ARCH_COUNT; k++)
			sb_printf(&sb, "  %-24s %10.2f USD\n", arch_id((enum arch)k),
				  ev->cost.arch[k].monthly_usd);
		any = false;
		for (int k = 0; k < ARCH_COUNT; k++) {
			if (!isfinite(ev->cost.break_even_rpd[k]))
				continue;
			if (!any)
				sb_append(&sb, "Break-even with kubernetes (requests/day):");
			sb_printf(&sb, "%s %s %.0f", any ? "," : "", arch_id((enum arch)k),
				  ev->cost.break_even_rpd[k]);
			any = true;
		}
		if (any)
			sb_append(&sb, "\n");
	}

	if (ev->warning_count) {
		sb_append(&sb, "\nWarnings:\n");
		for (size_t i = 0; i < ev->warning_count; i++)
			sb_printf(&sb, "  - %s\n", ev->warnings[i]);
	}

	size_t lines = 0;
	if (ev->change_count || ev->flip_count)
		sb_append(&sb, "\nWould change the recommendation:\n");
	for (size_t i = 0; i < ev->change_count && lines < 5; i++, lines++)
		change_line(&sb, m, a, &ev->changes[i]);
	for (size_t i = 0; i < ev->flip_count && lines < 5; i++, lines++) {
		const struct weight_flip *fl = &ev->flips[i];
		const struct factor *f = &qn->factors[fl->factor];
		sb_printf(&sb, "  - weight of %s: %u instead of %u -> %s\n", f->id, fl->weight,
			  answers_weight(m, a, fl->factor), engine_arch_name(m, fl->would_recommend));
	}
	return sb_take(&sb);
}
