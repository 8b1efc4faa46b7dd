/* tab_cases.c: result tab 3: the case studies nearest to the answers, with
 * similarity bars, what matches and differs, their results and lesson. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "util.h"

static void cases_enter(struct tui *t)
{
	tui_ensure_eval(t, false);
	if (t->ev_ok && t->cs_sel >= t->ev.case_count)
		t->cs_sel = 0;
}

/* Whether answer q agrees with the case study's profile. */
static bool agrees(const struct tui *t, const struct answers *p, size_t q)
{
	const struct question *qu = model_question(t->m, q);
	switch (qu->kind) {
	case QK_SINGLE:
		return answers_option(t->m, p, q) == answers_option(t->m, t->a, q);
	case QK_MULTIPLE:
		return answers_selected(t->m, p, q) == answers_selected(t->m, t->a, q);
	case QK_NUMBER: {
		/* Within a factor of two counts as alike: volumes vary a lot. */
		double x = answers_number(t->m, p, q), y = answers_number(t->m, t->a, q);
		if (x <= 0 || y <= 0)
			return x == y;
		return fabs(log2(x / y)) <= 1;
	}
	case QK_TEXT:
		break;
	}
	return true;
}

/* "traffic_pattern" -> "traffic pattern". */
static char *pretty_id(const char *id)
{
	char *s = xstrdup(id);
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}

static void cases_draw(struct tui *t)
{
	int y = TUI_CONTENT_TOP, x = 2, w = t->cols - 4, bottom = tui_content_bottom(t);
	if (!t->ev_ok || !t->ev.case_count) {
		tui_text(t, y, x, w, "No case studies loaded.", ROLE_DIM);
		return;
	}
	const struct case_studies *css = t->m->case_studies;
	int name_w = 18, bar_w = 20;
	tui_text(t, y++, x, w, "How close each company's situation is to your answers (Up/Down "
		 "shows one)", ROLE_DIM);
	for (size_t i = 0; i < t->ev.case_count && y < bottom; i++, y++) {
		const struct case_match *cm = &t->ev.cases[i];
		const struct case_study *cs = &css->case_studies[cm->case_study];
		bool here = i == t->cs_sel;
		enum tui_role r = here ? ROLE_CURSOR : ROLE_NORMAL;
		if (here)
			tui_fill(t, y, 1, t->cols - 2, ROLE_CURSOR);
		tui_text(t, y, x, name_w, cs->name, r);
		tui_bar(t, y, x + name_w, bar_w, cm->similarity, ROLE_BAR);
		tui_textf(t, y, x + name_w + bar_w + 1, w - name_w - bar_w - 1, r, "%3.0f%%  chose %s",
			  cm->similarity * 100, tui_arch_name(t, cm->arch));
		tui_hit(t, y, 0, t->cols, HIT_ROW, (int)i);
	}
	y++;
	/* The case in full below the list, scrolled by PgUp/PgDn when it
	 * does not fit: nothing is cut for good. */
	int detail_top = y;
	const int all = 1 << 20;
	tui_scroll_begin(t, detail_top, bottom);
	y -= t->cs_scroll;
	const struct case_study *cs = &css->case_studies[t->ev.cases[t->cs_sel].case_study];
	tui_textf(t, y++, x, w, ROLE_HEADING, "%s: %s", cs->name,
		  tui_arch_name(t, t->ev.cases[t->cs_sel].arch));
	if (cs->challenge)
		y += tui_wrapped(t, y, x, w, all, cs->challenge, ROLE_NORMAL);
	struct strbuf same = {0}, diff = {0};
	const struct answers *p = &cs->profile;
	for (size_t q = 0; q < p->count && q < t->m->question_count; q++) {
		if (!p->values[q].present || model_question(t->m, q)->kind == QK_TEXT)
			continue;
		char *name = pretty_id(model_question(t->m, q)->id);
		if (agrees(t, p, q)) {
			sb_printf(&same, "%s%s", same.len ? ", " : "", name);
		} else {
			char *mine = tui_answer_text(t, t->a, q), *theirs = tui_answer_text(t, p, q);
			sb_printf(&diff, "%s%s (you: %s; them: %s)", diff.len ? ", " : "", name, mine,
				  theirs);
			free(mine);
			free(theirs);
		}
		free(name);
	}
	char *s1 = sb_take(&same), *s2 = sb_take(&diff);
	char *m1 = xasprintf("Matches: %s", s1[0] ? s1 : "nothing");
	y += tui_wrapped(t, y, x, w, all, m1, ROLE_OK);
	free(m1);
	char *m2 = xasprintf("Differs: %s", s2[0] ? s2 : "nothing");
	y += tui_wrapped(t, y, x, w, all, m2, ROLE_WARN);
	free(m2);
	free(s1);
	free(s2);
	/* The lesson before the results: on a small terminal it matters more. */
	if (cs->lesson) {
		char *l = xasprintf("Lesson: %s", cs->lesson);
		y += tui_wrapped(t, y, x, w, all, l, ROLE_QUESTION);
		free(l);
	}
	for (unsigned i = 0; i < cs->results_count; i++) {
		char *r = xasprintf("%s %s", t->g->mid_dot, cs->results[i]);
		y += tui_wrapped(t, y, x, w, all, r, ROLE_NORMAL);
		free(r);
	}
	t->cs_max = tui_scroll_end(t, &t->cs_scroll, y + t->cs_scroll - detail_top);
}

static enum tui_action cases_key(struct tui *t, int ch)
{
	size_t n = t->ev_ok ? t->ev.case_count : 0;
	switch (ch) {
	case KEY_UP: case 'k':
		if (n)
			t->cs_sel = t->cs_sel ? t->cs_sel - 1 : n - 1;
		t->cs_scroll = 0;
		return ACT_REDRAW;
	case KEY_DOWN: case 'j':
		if (n)
			t->cs_sel = t->cs_sel + 1 < n ? t->cs_sel + 1 : 0;
		t->cs_scroll = 0;
		return ACT_REDRAW;
	case KEY_NPAGE: case KEY_PPAGE: case ' ':
		tui_scroll_key(t, &t->cs_scroll, ch);
		if (t->cs_scroll > t->cs_max)
			t->cs_scroll = t->cs_max;
		return ACT_REDRAW;
	case KEY_MOUSE:
		if (t->click.kind != HIT_ROW)
			return ACT_NONE;
		t->cs_sel = (size_t)t->click.value;
		t->cs_scroll = 0;
		return ACT_REDRAW;
	case KEY_LEFT: case KEY_BACKSPACE: case 127: case 8: case 'b':
		return ACT_BACK;
	}
	return ACT_NONE;
}

const struct tui_screen tui_tab_cases = {
	.name = "Cases",
	.enter = cases_enter,
	.draw = cases_draw,
	.key = cases_key,
	.keys = "Up/Down:case|PgUp/PgDn:scroll the case|1-7:tabs|Esc:back",
};
