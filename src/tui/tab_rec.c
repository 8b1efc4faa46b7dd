/* tab_rec.c: result tab 1: the ranking with score bars, excluded
 * architectures and why, the close-call warning, the top reasons and what
 * single change would flip the recommendation. */
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

static char *change_text(const struct tui *t, const struct answer_change *c)
{
	const struct question *q = model_question(t->m, c->question);
	char val[128];
	switch (q->kind) {
	case QK_SINGLE:
		snprintf(val, sizeof val, "%s", c->option >= 0 && (unsigned)c->option < q->options_count
			 ? q->options[c->option].label : "?");
		break;
	case QK_MULTIPLE: {
		struct strbuf sb = {0};
		for (unsigned i = 0; i < q->options_count && i < 64; i++)
			if (c->selected & ((uint64_t)1 << i))
				sb_printf(&sb, "%s%s", sb.len ? ", " : "", q->options[i].label);
		char *s = sb_take(&sb);
		snprintf(val, sizeof val, "%s", s[0] ? s : "none");
		free(s);
		break;
	}
	case QK_NUMBER: {
		char num[64];
		tui_format_plain(num, sizeof num, c->number);
		snprintf(val, sizeof val, "%s%s%s", num, q->unit ? " " : "", q->unit ? q->unit : "");
		break;
	}
	default:
		snprintf(val, sizeof val, "something else");
	}
	char *name = xstrdup(q->id);
	for (char *p = name; *p; p++)
		if (*p == '_')
			*p = ' ';
	char *s = xasprintf("if %s were %s %s %s", name, val, t->g->arrow,
			    tui_arch_name(t, c->would_recommend));
	free(name);
	return s;
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
	if (ar && ar->summary)
		y += tui_wrapped(t, y, x, w, 3, ar->summary, ROLE_DIM);
	y++;
	int name_w = 0;
	for (int a = 0; a < ARCH_COUNT; a++) {
		int nw = tui_text_width(tui_arch_name(t, (enum arch)a)) + 4;
		if (nw > name_w)
			name_w = nw;
	}
	if (name_w > w * 45 / 100)
		name_w = w * 45 / 100;
	int bar_w = w - name_w - 8;
	if (bar_w > 50)
		bar_w = 50;
	for (int i = 0; i < ARCH_COUNT; i++, y++) {
		const struct arch_rank *r = &ev->ranking[i];
		enum tui_role nr = r->excluded ? ROLE_EXCLUDED : i == 0 ? ROLE_WINNER : ROLE_NORMAL;
		tui_textf(t, y, x, name_w, nr, "%d. %s", i + 1, tui_arch_name(t, r->arch));
		if (r->excluded) {
			size_t n;
			const char *why = first_reason(t, r->arch, &n);
			char more[32] = "";
			if (n > 1)
				snprintf(more, sizeof more, " (+%zu more)", n - 1);
			tui_textf(t, y, x + name_w, w - name_w, ROLE_EXCLUDED, "%s excluded: %s%s",
				  t->g->bad, why ? why : "by a rule", more);
			continue;
		}
		tui_bar(t, y, x + name_w, bar_w, r->score / 100.0, tui_arch_role(r->arch));
		tui_textf(t, y, x + name_w + bar_w + 1, 8, nr, "%5.1f", r->score);
	}
	y++;
	if (ev->close) {
		char *s = xasprintf("Close call: %s and %s are %.1f points apart; look at the "
				    "matrix and the costs before deciding.",
				    tui_arch_short(ev->ranking[0].arch), tui_arch_short(ev->ranking[1].arch),
				    ev->ranking[0].score - ev->ranking[1].score);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_WARN);
		free(s);
	} else {
		tui_textf(t, y++, x, w, ROLE_OK, "Clear lead of %.1f points over %s.",
			  ev->ranking[0].score - ev->ranking[1].score, tui_arch_short(ev->ranking[1].arch));
	}
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *f = &ev->fired[i];
		if (f->rule->effect == RULE_EXCLUDE || !f->rule->reason)
			continue;
		char *s = xasprintf("%s %s: %s", f->rule->effect == RULE_BOOST ? "+" : "-",
				    tui_arch_short(f->arch), f->rule->reason);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_DIM);
		free(s);
	}
	y++;
	tui_text(t, y++, x, w, "Why", ROLE_HEADING);
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
	tui_text(t, y++, x, w, "What would change this", ROLE_HEADING);
	if (!t->sens_ok)
		tui_text(t, y++, x, w, "(not computed)", ROLE_DIM);
	else if (ev->change_count == 0 && ev->flip_count == 0)
		tui_text(t, y++, x, w, "No single answer or weight change flips it.", ROLE_DIM);
	for (size_t i = 0; i < ev->change_count; i++) {
		char *c = change_text(t, &ev->changes[i]);
		char *s = xasprintf("%s %s", t->g->mid_dot, c);
		y += tui_wrapped(t, y, x, w, all, s, ROLE_NORMAL);
		free(s);
		free(c);
	}
	for (size_t i = 0; i < ev->flip_count; i++) {
		const struct weight_flip *f = &ev->flips[i];
		tui_textf(t, y++, x, w, ROLE_NORMAL, "%s if the weight of %s were %u %s %s", t->g->mid_dot,
			  t->m->questionnaire->factors[f->factor].name, f->weight, t->g->arrow,
			  tui_arch_name(t, f->would_recommend));
	}
	t->rec_max = tui_scroll_end(t, &t->rec_scroll, y + t->rec_scroll - top);
}

static enum tui_action rec_key(struct tui *t, int ch)
{
	if (tui_scroll_key(t, &t->rec_scroll, ch)) {
		if (t->rec_scroll > t->rec_max)
			t->rec_scroll = t->rec_max;
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
	.keys = "Up/Down/PgDn:scroll|1-7:tabs|b:back to answers",
};
