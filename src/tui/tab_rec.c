/* tab_rec.c: result tab 1: the ranking with score bars, excluded
 * architectures and why, the close-call warning, the top reasons and what
 * single change would flip the recommendation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "util.h"

static void rec_enter(struct tui *t)
{
	tui_ensure_eval(t, true);
	t->rec_scroll = 0;
}

static const char *first_reason(const struct tui *t, enum arch a, size_t *count)
{
	const char *first = NULL;
	*count = 0;
	for (size_t i = 0; i < t->ev.fired_count; i++) {
		const struct fired_rule *f = &t->ev.fired[i];
		if (f->arch != a || f->rule->effect != RULE_EXCLUDE)
			continue;
		if (!first)
			first = f->rule->reason;
		(*count)++;
	}
	return first;
}

/* One answer as text: an option's label, a list of labels, a number with
 * thousands separators and its unit. */
static void value_text(const struct question *q, int option, uint64_t selected, double number,
		       char *val, size_t size)
{
	switch (q->kind) {
	case QK_SINGLE:
		snprintf(val, size, "%s", option >= 0 && (unsigned)option < q->options_count
			 ? q->options[option].label : "?");
		break;
	case QK_MULTIPLE: {
		struct strbuf sb = {0};
		for (unsigned i = 0; i < q->options_count && i < 64; i++)
			if (selected & ((uint64_t)1 << i))
				sb_printf(&sb, "%s%s", sb.len ? ", " : "", q->options[i].label);
		char *s = sb_take(&sb);
		snprintf(val, size, "%s", s[0] ? s : "none");
		free(s);
		break;
	}
	case QK_NUMBER: {
		char num[64];
		tui_format_grouped(num, sizeof num, number);
		snprintf(val, size, "%s%s%s", num, q->unit ? " " : "", q->unit ? q->unit : "");
		break;
	}
	default:
		snprintf(val, size, "something else");
	}
}

/* "Question? New answer instead of the current one -> X": the question's
 * text and the options' labels, as the wizard asked them. */
static char *change_text(const struct tui *t, const struct answer_change *c)
{
	const struct question *q = model_question(t->m, c->question);
	char then[160], now[160];
	const char *to = tui_arch_name(t, c->would_recommend);
	if (q->kind == QK_MULTIPLE) {
		uint64_t cur = answers_selected(t->m, t->a, c->question);
		struct strbuf sb = {0};
		for (unsigned i = 0; i < q->options_count && i < 64; i++) {
			uint64_t bit = (uint64_t)1 << i;
			if ((c->selected ^ cur) & bit)
				sb_printf(&sb, "%s%s %s", sb.len ? ", " : "",
					  c->selected & bit ? "add" : "remove", q->options[i].label);
		}
		char *d = sb_take(&sb);
		char *s = xasprintf("%s %s %s %s", q->text, d, t->g->arrow, to);
		free(d);
		return s;
	}
	value_text(q, c->option, c->selected, c->number, then, sizeof then);
	value_text(q, answers_option(t->m, t->a, c->question), 0,
		   q->kind == QK_NUMBER ? answers_number(t->m, t->a, c->question) : 0, now, sizeof now);
	return xasprintf("%s %s instead of %s %s %s", q->text, then, now, t->g->arrow, to);
}

/* How much has to change, 0 (a little) and up: one step of an ordered
 * choice among n is 1/(n-1), another choice 1, a number x10 is 1 (log
 * scale), a box ticked or cleared 0.5, a weight step 0.2. */
static double change_size(const struct tui *t, const struct answer_change *c)
{
	const struct question *q = model_question(t->m, c->question);
	switch (q->kind) {
	case QK_SINGLE: {
		int cur = answers_option(t->m, t->a, c->question);
		unsigned n = q->options_count > 1 ? q->options_count - 1 : 1;
		return q->ordered ? fabs((double)(c->option - cur)) / n : 1.0;
	}
	case QK_MULTIPLE: {
		uint64_t d = c->selected ^ answers_selected(t->m, t->a, c->question);
		int bits = 0;
		for (; d; d &= d - 1)
			bits++;
		return 0.5 * bits;
	}
	case QK_NUMBER: {
		double cur = answers_number(t->m, t->a, c->question);
		return cur > 0 && c->number > 0 ? fabs(log10(c->number / cur)) : 1.0;
	}
	case QK_TEXT:
		break;
	}
	return 1.0;
}

struct ranked_change {
	double size;
	char *text;
};

static int by_size(const void *a, const void *b)
{
	const struct ranked_change *x = a, *y = b;
	return x->size < y->size ? -1 : x->size > y->size;
}

/* Every single change that flips the result, smallest first (caller frees
 * each text and the array). */
static size_t ranked_changes(const struct tui *t, struct ranked_change **out)
{
	const struct evaluation *ev = &t->ev;
	size_t n = 0;
	struct ranked_change *r = xcalloc(ev->change_count + ev->flip_count + 1, sizeof *r);
	for (size_t i = 0; i < ev->change_count; i++)
		r[n++] = (struct ranked_change){ change_size(t, &ev->changes[i]),
						 change_text(t, &ev->changes[i]) };
	for (size_t i = 0; i < ev->flip_count; i++) {
		const struct weight_flip *f = &ev->flips[i];
		unsigned now = answers_weight(t->m, t->a, f->factor);
		double d = 0.2 * fabs((double)f->weight - (double)now);
		r[n++] = (struct ranked_change){ d, xasprintf(
			"The weight of %s (tab 2): %u instead of %u %s %s",
			t->m->questionnaire->factors[f->factor].name, f->weight, now, t->g->arrow,
			tui_arch_name(t, f->would_recommend)) };
	}
	qsort(r, n, sizeof *r, by_size);
	*out = r;
	return n;
}

size_t tui_defaults_that_matter(const struct tui *t, size_t *qs, size_t max, size_t *defaults)
{
	*defaults = 0;
	for (size_t q = 0; q < t->a->count; q++)
		*defaults += !t->a->values[q].present;
	if (!t->ev_ok || !t->sens_ok)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < t->ev.change_count; i++) {
		size_t q = t->ev.changes[i].question;
		if (q >= t->a->count || t->a->values[q].present)
			continue;
		bool seen = false;
		for (size_t j = 0; j < n && !seen; j++)
			seen = qs[j] == q;
		if (!seen && n < max)
			qs[n++] = q;
	}
	return n;
}

/* One line under the recommendation: how much of it rests on defaults;
 * provisional while some of them would change it (named further down). */
static int draw_defaults(struct tui *t, int y, int x, int w)
{
	size_t qs[1], defaults;
	size_t n = tui_defaults_that_matter(t, qs, 1, &defaults);
	if (defaults == 0)
		return y;
	if (n == 0) {
		tui_textf(t, y++, x, w, ROLE_DIM, "%zu of %zu answers are defaults; none of them "
			  "changes this on its own.", defaults, t->m->question_count);
		return y;
	}
	size_t all[64];
	n = tui_defaults_that_matter(t, all, 64, &defaults);
	tui_textf(t, y++, x, w, ROLE_WARN, "PROVISIONAL: %zu of the %zu defaults would change "
		  "this (below).", n, defaults);
	return y;
}

/* The defaults that would change the result, by their questions: answer
 * them for a firm result. */
static int draw_open_defaults(struct tui *t, int y, int x, int w)
{
	size_t qs[64], defaults;
	size_t n = tui_defaults_that_matter(t, qs, 64, &defaults);
	if (n == 0)
		return y;
	tui_textf(t, y++, x, w, ROLE_HEADING, "Defaults that would change it (%zu of %zu answers "
		  "are defaults; b: back to answer them)", n, defaults);
	for (size_t i = 0; i < n; i++) {
		char *s = xasprintf("%s %s", t->g->mid_dot, model_question(t->m, qs[i])->text);
		y += tui_wrapped(t, y, x, w, 1 << 20, s, ROLE_WARN);
		free(s);
	}
	return y + 1;
}

static void rec_draw(struct tui *t)
{
	int top = TUI_CONTENT_TOP, x = 2, w = t->cols - 4, bottom = tui_content_bottom(t);
	if (!t->ev_ok) {
		tui_text(t, top, x, w, "The evaluation failed (out of memory?).", ROLE_ERROR);
		return;
	}
	const struct evaluation *ev = &t->ev;
	/* Drawn as one tall page scrolled by rec_scroll, clipped to the content. */
	tui_scroll_begin(t, top, bottom);
	int y = top - t->rec_scroll;
	const int all = 1 << 20;
	tui_textf(t, y, x, w, ROLE_WINNER, "Recommended: %s", tui_arch_name(t, ev->recommendation));
	const struct architecture *ar = t->m->arch[ev->recommendation];
	y++;
	y = draw_defaults(t, y, x, w);
	if (ar && ar->summary)
		y += tui_wrapped(t, y, x, w, 5, ar->summary, ROLE_DIM);
	y++;
	tui_text(t, y++, x, w, "Ranking, scores out of 100 (the matrix of tab 2 plus the "
		 "adjustments below)", ROLE_HEADING);
	int name_w = 0;
	for (int a = 0; a < ARCH_COUNT; a++) {
		int nw = tui_text_width(tui_arch_name(t, (enum arch)a)) + 4;
		if (nw > name_w)
			name_w = nw;
	}
	/* The names in full when the bar keeps 20 columns; a gap before it. */
	if (name_w > w - 8 - 20)
		name_w = w - 8 - 20;
	int bar_w = w - name_w - 8;
	if (bar_w > 50)
		bar_w = 50;
	for (int i = 0; i < ARCH_COUNT; i++, y++) {
		const struct arch_rank *r = &ev->ranking[i];
		enum tui_role nr = r->excluded ? ROLE_EXCLUDED : i == 0 ? ROLE_WINNER : ROLE_NORMAL;
		tui_textf(t, y, x, name_w - 1, nr, "%d. %s", i + 1, tui_arch_name(t, r->arch));
		if (r->excluded) {
			/* The reasons are listed in full under "Excluded" below. */
			size_t n;
			first_reason(t, r->arch, &n);
			tui_textf(t, y, x + name_w, w - name_w, ROLE_EXCLUDED,
				  "%s excluded (%zu reason%s below)", t->g->bad, n, n == 1 ? "" : "s");
			continue;
		}
		tui_bar(t, y, x + name_w, bar_w, r->score / 100.0, tui_arch_role(r->arch));
		tui_textf(t, y, x + name_w + bar_w + 1, 8, nr, "%5.1f", r->score);
	}
	y++;
	if (ev->close) {
		char *s = xasprintf("Close call: %s and %s are %.1f points apart; look at the "
				    "matrix and the costs before deciding.",
				    tui_arch_name(t, ev->ranking[0].arch),
				    tui_arch_name(t, ev->ranking[1].arch),
				    ev->ranking[0].score - ev->ranking[1].score);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_WARN);
		free(s);
	} else {
		char *s = xasprintf("Clear lead of %.1f points over %s.",
				    ev->ranking[0].score - ev->ranking[1].score,
				    tui_arch_name(t, ev->ranking[1].arch));
		y += tui_wrapped(t, y, x, w, all, s, ROLE_OK);
		free(s);
	}
	if (t->o && t->o->from_record) {
		bool same = t->o->recorded == ev->recommendation;
		char *s = same ? xasprintf("As in the record: it chose %s too.",
					   tui_arch_name(t, t->o->recorded))
			       : xasprintf("Differs from the record, which chose %s: export with "
					   "--supersedes to replace it.", tui_arch_name(t, t->o->recorded));
		y += tui_wrapped(t, y, x, w, all, s, same ? ROLE_OK : ROLE_WARN);
		free(s);
	}
	/* Every hard limit that ruled an architecture out, in full. */
	bool any_excl = false;
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *f = &ev->fired[i];
		if (f->rule->effect != RULE_EXCLUDE)
			continue;
		if (!any_excl) {
			y++;
			tui_text(t, y++, x, w, "Excluded (a hard limit rules it out, whatever the score)",
				 ROLE_HEADING);
			any_excl = true;
		}
		char *s = xasprintf("%s %s: %s", t->g->bad, tui_arch_name(t, f->arch),
				    f->rule->reason ? f->rule->reason : f->rule->id);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_NORMAL);
		free(s);
	}
	/* Points given or taken outside the matrix, so the scores add up. */
	const struct questionnaire *qn = t->m->questionnaire;
	double cb = ev->case_count ? engine_case_bonus(qn, ev->cases[0].similarity) : 0;
	bool bonus = cb > 0;
	bool heading = bonus;
	for (size_t i = 0; i < ev->fired_count && !heading; i++)
		heading = ev->fired[i].rule->effect != RULE_EXCLUDE;
	if (heading) {
		y++;
		tui_text(t, y++, x, w, "Adjustments (points from rules and the nearest case study)",
			 ROLE_HEADING);
	}
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *f = &ev->fired[i];
		if (f->rule->effect == RULE_EXCLUDE)
			continue;
		char pts[32];
		tui_format_plain(pts, sizeof pts, round(f->rule->amount * 10) / 10);
		char *s = xasprintf("%s %s%s: %s", tui_arch_name(t, f->arch),
				    f->rule->effect == RULE_BOOST ? "+" : "-", pts,
				    f->rule->reason ? f->rule->reason : f->rule->id);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_NORMAL);
		free(s);
	}
	if (bonus) {
		const struct case_match *c = &ev->cases[0];
		const struct case_study *cs = &t->m->case_studies->case_studies[c->case_study];
		char pts[32];
		tui_format_plain(pts, sizeof pts, round(cb * 10) / 10);
		char *s = xasprintf("%s +%s: the nearest case study, %s, chose it (similarity "
				    "%.0f%%, up to %g points above %.0f%%, tab 3)",
				    tui_arch_name(t, c->arch), pts, cs->name ? cs->name : cs->id,
				    c->similarity * 100, qn->case_study_bonus,
				    qn->case_study_threshold * 100);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_NORMAL);
		free(s);
	}
	y++;
	tui_text(t, y++, x, w, "Why it comes first", ROLE_HEADING);
	char *reasons[3];
	size_t n = engine_top_reasons(t->m, ev, reasons, 3);
	for (size_t i = 0; i < n; i++) {
		char *s = xasprintf("%s %s", t->g->mid_dot, reasons[i]);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_NORMAL);
		free(s);
		free(reasons[i]);
	}
	if (n == 0)
		tui_text(t, y++, x, w, "(no single factor stands out)", ROLE_DIM);
	y++;
	y = draw_open_defaults(t, y, x, w);
	tui_text(t, y++, x, w, "What would change this (one answer or one weight at a time, "
		 "smallest change first)", ROLE_HEADING);
	if (!t->sens_ok)
		tui_text(t, y++, x, w, "(not computed)", ROLE_DIM);
	else if (ev->change_count == 0 && ev->flip_count == 0)
		tui_text(t, y++, x, w, "No single answer or weight change flips it.", ROLE_DIM);
	struct ranked_change *rc;
	size_t nrc = t->sens_ok ? ranked_changes(t, &rc) : 0;
	size_t shown = t->rec_all || nrc <= TUI_REC_CHANGES ? nrc : TUI_REC_CHANGES;
	for (size_t i = 0; i < nrc; i++) {
		if (i < shown) {
			char *s = xasprintf("%s %s", t->g->mid_dot, rc[i].text);
			y += tui_wrapped(t, y, x, w, all, s, ROLE_NORMAL);
			free(s);
		}
		free(rc[i].text);
	}
	if (t->sens_ok)
		free(rc);
	if (shown < nrc)
		tui_textf(t, y++, x, w, ROLE_DIM, "%s and %zu more: m shows them all", t->g->ellipsis,
			  nrc - shown);
	t->rec_max = tui_scroll_end(t, &t->rec_scroll, y + t->rec_scroll - top);
}

static enum tui_action rec_key(struct tui *t, int ch)
{
	if (tui_scroll_key(t, &t->rec_scroll, ch)) {
		if (t->rec_scroll > t->rec_max)
			t->rec_scroll = t->rec_max;
		return ACT_REDRAW;
	}
	if (ch == 'm') {
		t->rec_all = !t->rec_all;
		return ACT_REDRAW;
	}
	if (ch == KEY_LEFT || ch == KEY_BACKSPACE || ch == 127 || ch == 8 || ch == 'b' || ch == 'e')
		return ACT_BACK;
	return ACT_NONE;
}

const struct tui_screen tui_tab_rec = {
	.name = "Recommendation",
	.enter = rec_enter,
	.draw = rec_draw,
	.key = rec_key,
	.keys = "Up/Down/PgDn:scroll|m:more changes|1-7:tabs|Esc:back to answers",
};
