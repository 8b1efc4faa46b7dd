/* review.c: every answer on one scrollable page; Enter on an answer jumps
 * back to that question, Enter on the first line shows the result. */
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "util.h"

/* Row i of the page: -2 the result button, -1 - s a section heading
 * (encoded as -(s + 3)), q >= 0 a question. */
static size_t build_rows(const struct tui *t, long *rows)
{
	size_t n = 0;
	rows[n++] = -2;
	for (unsigned s = 0; s < t->m->questionnaire->sections_count; s++) {
		rows[n++] = -(long)s - 3;
		for (size_t q = t->sec_first[s]; q < t->sec_first[s + 1]; q++)
			rows[n++] = (long)q;
	}
	return n;
}

/* Keeps the selection: coming back from editing an answer lands on it. */
static void review_enter(struct tui *t)
{
	if (t->rv_sel > t->m->question_count)
		t->rv_sel = 0;
}

static void review_draw(struct tui *t)
{
	tui_fill(t, 0, 0, t->cols, ROLE_TITLE);
	tui_textf(t, 0, 1, t->cols - 2, ROLE_TITLE, "archwise %s Review your answers", t->g->mid_dot);
	long *rows = xcalloc(t->m->question_count + t->m->questionnaire->sections_count + 1,
			     sizeof *rows);
	size_t n = build_rows(t, rows);
	/* rv_sel counts selectable rows: 0 = result, 1 + q = question q. */
	size_t sel_row = 0;
	for (size_t i = 0; i < n; i++)
		if ((t->rv_sel == 0 && rows[i] == -2) ||
		    (t->rv_sel > 0 && rows[i] == (long)(t->rv_sel - 1)))
			sel_row = i;
	int top = 2, height = t->rows - 3 - top; /* two rows under it: the selected answer in full */
	if (sel_row < t->rv_top)
		t->rv_top = sel_row > 0 && rows[sel_row - 1] < -2 ? sel_row - 1 : sel_row;
	if (sel_row >= t->rv_top + (size_t)height)
		t->rv_top = sel_row - (size_t)height + 1;
	/* Questions get what the longest answer leaves (never less than half
	 * the width), so fewer are cut at 100 columns and wider. */
	int ans_max = 0, q_max = 0;
	bool any_default = false;
	for (size_t q = 0; q < t->m->question_count; q++) {
		char *ans = tui_answer_text(t, t->a, q);
		int aw = tui_text_width(ans), qtw = tui_text_width(model_question(t->m, q)->text);
		free(ans);
		ans_max = aw > ans_max ? aw : ans_max;
		q_max = qtw > q_max ? qtw : q_max;
		any_default |= !t->a->values[q].present || (t->changed && t->changed[q]);
	}
	int def_w = any_default ? 10 : 0;
	int qcols = t->cols - 4 - 3 - (ans_max > 48 ? 48 : ans_max) - def_w;
	if (qcols > q_max)
		qcols = q_max;
	int qw = (t->cols - 4) / 2;
	if (qcols + 2 > qw)
		qw = qcols + 2;
	for (int y = 0; y < height && t->rv_top + (size_t)y < n; y++) {
		size_t i = t->rv_top + (size_t)y;
		long r = rows[i];
		int row = top + y;
		bool here = i == sel_row;
		if (here)
			tui_fill(t, row, 1, t->cols - 2, ROLE_CURSOR);
		if (r == -2) {
			tui_textf(t, row, 2, t->cols - 4, here ? ROLE_CURSOR : ROLE_WINNER,
				  "%s Show the recommendation (Enter)", t->g->arrow);
			tui_hit(t, row, 0, t->cols, HIT_ROW, 0);
		} else if (r < -2) {
			const struct section *s = &t->m->questionnaire->sections[-r - 3];
			tui_text(t, row, 2, t->cols - 4, s->title, ROLE_HEADING);
		} else {
			size_t q = (size_t)r;
			const struct question *qu = model_question(t->m, q);
			enum tui_role role = here ? ROLE_CURSOR : ROLE_NORMAL;
			tui_text(t, row, 4, qw - 2, qu->text, role);
			char *ans = tui_answer_text(t, t->a, q);
			int w = tui_text(t, row, qw + 3, t->cols - qw - 4 - def_w, ans,
					 here ? ROLE_CURSOR : ROLE_CURRENT);
			if (t->changed && t->changed[q])
				tui_text(t, row, qw + 4 + w, 10, "(what-if)", here ? ROLE_CURSOR : ROLE_WARN);
			else if (!t->a->values[q].present)
				tui_text(t, row, qw + 4 + w, 10, "(default)", here ? ROLE_CURSOR : ROLE_DIM);
			free(ans);
			tui_hit(t, row, 0, t->cols, HIT_ROW, (int)q + 1);
		}
	}
	free(rows);
	/* The selected answer in full on the line above the key bar, when its
	 * row cuts the question or the answer. */
	if (t->rv_sel > 0 && t->rv_sel <= t->m->question_count) {
		size_t q = t->rv_sel - 1;
		const struct question *qu = model_question(t->m, q);
		char *ans = tui_answer_text(t, t->a, q);
		if (tui_text_width(qu->text) > qw - 2 || tui_text_width(ans) > t->cols - qw - 4 - def_w) {
			char *full = xasprintf("%s %s %s", qu->text, t->g->arrow, ans);
			int h = tui_text_width(full) > t->cols - 2 ? 2 : 1;
			tui_fill(t, t->rows - 1 - h, 0, t->cols, ROLE_NORMAL);
			tui_wrapped(t, t->rows - 1 - h, 1, t->cols - 2, h, full, ROLE_DIM);
			free(full);
		}
		free(ans);
	}
}

static enum tui_action activate(struct tui *t)
{
	if (t->rv_sel == 0)
		return ACT_NEXT;
	t->q = t->rv_sel - 1;
	t->from_review = true;
	return ACT_WIZARD;
}

static enum tui_action review_key(struct tui *t, int ch)
{
	size_t n = t->m->question_count + 1;
	int page = t->rows - 6;
	switch (ch) {
	case KEY_UP: case 'k':
		t->rv_sel = t->rv_sel ? t->rv_sel - 1 : n - 1;
		return ACT_REDRAW;
	case KEY_DOWN: case 'j':
		t->rv_sel = t->rv_sel + 1 < n ? t->rv_sel + 1 : 0;
		return ACT_REDRAW;
	case KEY_PPAGE:
		t->rv_sel = t->rv_sel > (size_t)page ? t->rv_sel - (size_t)page : 0;
		return ACT_REDRAW;
	case KEY_NPAGE:
		t->rv_sel = t->rv_sel + (size_t)page < n ? t->rv_sel + (size_t)page : n - 1;
		return ACT_REDRAW;
	case KEY_HOME:
		t->rv_sel = 0;
		return ACT_REDRAW;
	case KEY_END:
		t->rv_sel = n - 1;
		return ACT_REDRAW;
	case '\n': case '\r': case KEY_ENTER: case ' ':
		return activate(t);
	case KEY_LEFT: case KEY_BACKSPACE: case 127: case 8: case KEY_BTAB:
		return ACT_BACK;
	case '\t': case KEY_RIGHT:
		return ACT_NEXT;
	case KEY_MOUSE:
		if (t->click.kind != HIT_ROW)
			return ACT_NONE;
		t->rv_sel = (size_t)t->click.value;
		return activate(t);
	}
	return ACT_NONE;
}

const struct tui_screen tui_screen_review = {
	.name = "review",
	.enter = review_enter,
	.draw = review_draw,
	.key = review_key,
	.keys = "Enter:result/edit|Up/Down:move|PgUp/PgDn:page|Esc:back to questions",
};
