/* tab_matrix.c: result tab 2: the decision matrix (factor, weight, score
 * per architecture, weighted totals), weights edited with +/- and the
 * ranking recomputed at once. */
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "util.h"

static void matrix_enter(struct tui *t)
{
	tui_ensure_eval(t, false);
	if (t->ev_ok && t->mx_sel >= t->ev.row_count)
		t->mx_sel = 0;
}

static const struct arch_rank *rank_of(const struct evaluation *ev, enum arch a)
{
	for (int i = 0; i < ARCH_COUNT; i++)
		if (ev->ranking[i].arch == a)
			return &ev->ranking[i];
	return &ev->ranking[0];
}

static void matrix_draw(struct tui *t)
{
	int y = TUI_CONTENT_TOP, bottom = tui_content_bottom(t);
	if (!t->ev_ok) {
		tui_text(t, y, 2, t->cols - 4, "The evaluation failed.", ROLE_ERROR);
		return;
	}
	const struct evaluation *ev = &t->ev;
	const struct questionnaire *qn = t->m->questionnaire;
	/* Each architecture's column as wide as its name, so that the factor
	 * names fit at 80 columns ("Cost model preference"); wider terminals
	 * spread the columns out. */
	int cw[ARCH_COUNT], cx[ARCH_COUNT], sum = 0;
	for (int a = 0; a < ARCH_COUNT; a++) {
		cw[a] = tui_text_width(tui_arch_short((enum arch)a)) + 1;
		if (cw[a] < 6)
			cw[a] = 6;
		sum += cw[a];
	}
	int fw = t->cols - 2 - 7 - sum;
	if (fw > 30) {
		int extra = (fw - 30) / ARCH_COUNT;
		if (extra > 4)
			extra = 4;
		for (int a = 0; a < ARCH_COUNT; a++)
			cw[a] += extra;
		fw -= extra * ARCH_COUNT;
	}
	if (fw > 36)
		fw = 36;
	int x0 = 1, xw = x0 + fw + 1, xa = xw + 6;
	for (int a = 0, cxa = xa; a < ARCH_COUNT; cxa += cw[a], a++)
		cx[a] = cxa;
	tui_text(t, y, x0, fw, fw >= 33 ? "Factor (scores 1-5, weights 0-5)" : "Factor (scores 1-5)",
		 ROLE_HEADING);
	tui_text(t, y, xw, 6, "Weight", ROLE_HEADING);
	for (int a = 0; a < ARCH_COUNT; a++)
		tui_text(t, y, cx[a] + 1, cw[a] - 1, tui_arch_short((enum arch)a),
			 tui_arch_role((enum arch)a));
	y++;
	int avail = bottom - y - 6;
	size_t first = 0;
	if (avail < 1)
		avail = 1;
	if (t->mx_sel >= (size_t)avail)
		first = t->mx_sel - (size_t)avail + 1;
	size_t i = first;
	for (; i < ev->row_count && y < bottom - 6 + 1; i++, y++) {
		const struct matrix_row *r = &ev->rows[i];
		bool here = i == t->mx_sel;
		enum tui_role role = here ? ROLE_CURSOR : r->used ? ROLE_NORMAL : ROLE_DIM;
		if (here)
			tui_fill(t, y, 0, t->cols, ROLE_CURSOR);
		tui_text(t, y, x0, fw, qn->factors[r->factor].name, role);
		tui_textf(t, y, xw, 6, role, "%s%u%s", here ? "-" : " ", r->weight, here ? "+" : " ");
		for (int a = 0; a < ARCH_COUNT; a++) {
			if (r->used)
				tui_textf(t, y, cx[a] + 1, cw[a] - 1, role, "%4.1f", r->score[a]);
			else
				tui_text(t, y, cx[a] + 1, cw[a] - 1, "   -", role);
		}
		tui_hit(t, y, 0, t->cols, HIT_ROW, (int)i);
	}
	tui_hline(t, y, x0, t->cols - 2);
	/* Factors scrolled out of sight: say so, on the rule. */
	if (first > 0 || i < ev->row_count) {
		char more[64];
		snprintf(more, sizeof more, " %zu more factor%s: Up/Down ",
			 first + (ev->row_count - i), first + (ev->row_count - i) == 1 ? "" : "s");
		int mw = (int)strlen(more);
		tui_text(t, y, t->cols - mw - 2, mw, more, ROLE_DIM);
	}
	y++;
	static const char *const labels[] = { "Weighted total (0-100)", "Rules and case studies",
					      "Final score" };
	for (int k = 0; k < 3 && y < bottom; k++, y++) {
		tui_text(t, y, x0, fw + 6, labels[k], k == 2 ? ROLE_QUESTION : ROLE_NORMAL);
		for (int a = 0; a < ARCH_COUNT; a++) {
			const struct arch_rank *r = rank_of(ev, (enum arch)a);
			int cxa = cx[a] + 1, cwa = cw[a] - 1;
			if (k == 0)
				tui_textf(t, y, cxa, cwa, ROLE_NORMAL, "%5.1f", r->matrix_score);
			else if (k == 1)
				tui_textf(t, y, cxa, cwa, ROLE_NORMAL, "%+5.1f", r->adjust);
			else if (r->excluded)
				tui_text(t, y, cxa, cwa, " excl", ROLE_EXCLUDED);
			else
				tui_textf(t, y, cxa, cwa, r->arch == ev->recommendation ? ROLE_WINNER
				          : ROLE_QUESTION, "%5.1f", r->score);
		}
	}
	if (y < bottom) {
		/* Best first; the label goes where the line would not fit, then
		 * the decimals (the final scores are just above). */
		struct strbuf sb = {0};
		char *order = NULL;
		for (int prec = 1; prec >= 0 && !order; prec--) {
			for (int k = 0; k < ARCH_COUNT; k++) {
				const struct arch_rank *r = &ev->ranking[k];
				if (!r->excluded)
					sb_printf(&sb, "%s%s %.*f", sb.len ? " > " : "",
						  tui_arch_short(r->arch), prec, r->score);
			}
			order = sb_take(&sb);
			if (prec && tui_text_width(order) > t->cols - 2) {
				free(order);
				order = NULL;
			}
		}
		sb_printf(&sb, "%s%s", tui_text_width(order) + 9 <= t->cols - 2 ? "Ranking: " : "", order);
		free(order);
		char *s = sb_take(&sb);
		tui_text(t, y++, x0, t->cols - 2, s, ROLE_WINNER);
		free(s);
	}
	if (y < bottom && ev->row_count) {
		const struct factor *f = &qn->factors[ev->rows[t->mx_sel].factor];
		if (f->help)
			tui_wrapped(t, y, x0, t->cols - 2, bottom - y, f->help, ROLE_DIM);
	}
}

static enum tui_action set_weight(struct tui *t, int delta, bool reset)
{
	if (!t->ev_ok || !t->ev.row_count)
		return ACT_NONE;
	size_t f = t->ev.rows[t->mx_sel].factor;
	int w = (int)answers_weight(t->m, t->a, f);
	int nw = reset ? (int)t->m->questionnaire->factors[f].weight : w + delta;
	if (nw < 0 || nw > 5) {
		tui_set_status(t, true, "Weights go from 0 to 5.");
		return ACT_REDRAW;
	}
	enum arch before = t->ev.recommendation;
	t->a->weights[f] = reset ? -1 : nw;
	tui_answers_changed(t);
	tui_ensure_eval(t, false);
	if (t->ev_ok && t->ev.recommendation != before)
		tui_set_status(t, false, "Weight of %s: %d -> %d. The recommendation is now %s.",
			       t->m->questionnaire->factors[f].name, w, nw,
			       tui_arch_name(t, t->ev.recommendation));
	else if (!t->status)
		tui_set_status(t, false, "Weight of %s: %d -> %d.",
			       t->m->questionnaire->factors[f].name, w, nw);
	return ACT_REDRAW;
}

static enum tui_action matrix_key(struct tui *t, int ch)
{
	size_t n = t->ev_ok ? t->ev.row_count : 0;
	switch (ch) {
	case KEY_UP: case 'k':
		if (n)
			t->mx_sel = t->mx_sel ? t->mx_sel - 1 : n - 1;
		return ACT_REDRAW;
	case KEY_DOWN: case 'j':
		if (n)
			t->mx_sel = t->mx_sel + 1 < n ? t->mx_sel + 1 : 0;
		return ACT_REDRAW;
	case '+': case '=': case KEY_RIGHT: case 'l':
		return set_weight(t, 1, false);
	case '-': case '_': case 'h':
		return set_weight(t, -1, false);
	case 'r':
		return set_weight(t, 0, true);
	case KEY_MOUSE:
		if (t->click.kind == HIT_ROW) {
			t->mx_sel = (size_t)t->click.value;
			return ACT_REDRAW;
		}
		return ACT_NONE;
	case KEY_LEFT: case KEY_BACKSPACE: case 127: case 8: case 'b':
		return ACT_BACK;
	}
	return ACT_NONE;
}

const struct tui_screen tui_tab_matrix = {
	.name = "Matrix",
	.enter = matrix_enter,
	.draw = matrix_draw,
	.key = matrix_key,
	.keys = "Up/Down:factor|+/-:weight|r:reset weight|1-7:tabs|Esc:back",
};
