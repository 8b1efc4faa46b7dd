/* wizard.c: the question screen: sidebar (sections, progress, live
 * leaning gauge), the question with its options or input field, the help,
 * the key bar. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "gen.h"
#include "util.h"

static const struct question *cur_q(const struct tui *t)
{
	return model_question(t->m, t->q);
}

/* 0 in the compact layout: the question gets the whole width. */
static int sidebar_width(const struct tui *t)
{
	if (t->cols < TUI_FULL_COLS)
		return 0;
	return t->cols >= 140 ? 34 : t->cols >= 110 ? 28 : 24;
}

/* What the range line adds: the suffixes where they help. */
static const char *number_hint(const struct question *q)
{
	if (q->unit && (!strcmp(q->unit, "MB") || !strcmp(q->unit, "MiB")))
		return " (1G = 1,024 MB)";
	if (q->max >= 1e6)
		return " (5k, 2.5M, 1G work)";
	return "";
}

/* Whether the number in the field is acceptable; msg says why not. */
static bool number_ok(const struct question *q, const char *text, double *v, char *msg, size_t size)
{
	char *why = answers_number_parse(q, text, v);
	snprintf(msg, size, "%s", why ? why : "");
	free(why);
	if (!why && strcmp(q->id, "container_port") == 0 && gen_knative_reserved_port((unsigned)*v))
		/* The Knative starter file would be refused (export says the same). */
		snprintf(msg, size, "reserved by Knative Serving (" GEN_KNATIVE_RESERVED_PORTS ")");
	return msg[0] == '\0';
}

/* Whether the text is acceptable, by the rule answers files follow
 * (answers_text_problem: the service name's rule in words). */
static bool text_ok(const struct question *q, const char *text, char *msg, size_t size)
{
	char *why = answers_text_problem(q, text);
	snprintf(msg, size, "%s", why ? why : "");
	free(why);
	return msg[0] == '\0';
}

/* The current answer of a number or text question as the field shows it. */
static void answer_as_typed(const struct tui *t, char *buf, size_t size)
{
	const struct question *q = cur_q(t);
	if (q->kind == QK_NUMBER) {
		tui_format_plain(buf, size, answers_number(t->m, t->a, t->q));
	} else {
		const char *s = q->kind == QK_TEXT ? answers_text(t->m, t->a, t->q) : NULL;
		snprintf(buf, size, "%s", s ? s : "");
	}
}

/* Leaving a question keeps what was typed and not yet accepted: back on
 * it, the field shows the draft again. */
static void keep_draft(struct tui *t)
{
	const struct question *q = cur_q(t);
	if (q->kind != QK_NUMBER && q->kind != QK_TEXT)
		return;
	char now[TUI_FIELD_MAX];
	answer_as_typed(t, now, sizeof now);
	free(t->drafts[t->q]);
	t->drafts[t->q] = strcmp(now, t->field.buf) ? xstrdup(t->field.buf) : NULL;
}

static void drop_draft(struct tui *t)
{
	free(t->drafts[t->q]);
	t->drafts[t->q] = NULL;
}

static void wizard_enter(struct tui *t)
{
	const struct question *q = cur_q(t);
	t->cursor = 0;
	t->field_focus = false;
	char num[64];
	if ((q->kind == QK_NUMBER || q->kind == QK_TEXT) && t->drafts[t->q]) {
		tui_field_set(&t->field, t->drafts[t->q]);
		t->field.fresh = false;
		t->field_focus = true;
		return;
	}
	switch (q->kind) {
	case QK_SINGLE: {
		int o = answers_option(t->m, t->a, t->q);
		t->cursor = o < 0 ? 0 : o;
		break;
	}
	case QK_MULTIPLE:
		break;
	case QK_NUMBER:
		tui_format_plain(num, sizeof num, answers_number(t->m, t->a, t->q));
		tui_field_set(&t->field, num);
		break;
	case QK_TEXT: {
		const char *s = answers_text(t->m, t->a, t->q);
		tui_field_set(&t->field, s ? s : "");
		t->field_focus = true;
		break;
	}
	}
}

static void go_to(struct tui *t, size_t q)
{
	if (q >= t->m->question_count)
		return;
	keep_draft(t);
	t->q = q;
	wizard_enter(t);
}

/* ---- drawing ---- */

static char *gauge_change(const struct tui *t);

static void draw_gauge(struct tui *t, int y, int x, int w, int max_rows)
{
	tui_text(t, y, x, w, "Leaning (live)", ROLE_HEADING);
	if (!t->ev_ok) {
		tui_textf(t, y + 1, x, w, ROLE_DIM, "evaluating%s", t->g->ellipsis);
		return;
	}
	int name_w = 0, score_w = 4;
	for (int a = 0; a < ARCH_COUNT; a++) {
		int nw = tui_text_width(tui_arch_short((enum arch)a));
		name_w = nw > name_w ? nw : name_w;
	}
	int bar_w = w - name_w - score_w - 2;
	if (bar_w < 3)
		bar_w = 3;
	for (int i = 0; i < ARCH_COUNT && i + 1 < max_rows; i++) {
		const struct arch_rank *r = &t->ev.ranking[i];
		int row = y + 1 + i;
		enum tui_role nr = r->excluded ? ROLE_EXCLUDED : i == 0 ? ROLE_WINNER : ROLE_NORMAL;
		tui_text(t, row, x, name_w, tui_arch_short(r->arch), nr);
		if (r->excluded) {
			tui_text(t, row, x + name_w + 1, bar_w + score_w + 1, "excluded", ROLE_EXCLUDED);
			continue;
		}
		tui_bar(t, row, x + name_w + 1, bar_w, r->score / 100.0, tui_arch_role(r->arch));
		tui_textf(t, row, x + name_w + 2 + bar_w, score_w, nr, "%3.0f", r->score);
	}
	char *moved = gauge_change(t);
	if (moved && max_rows > ARCH_COUNT + 2)
		tui_wrapped(t, y + 2 + ARCH_COUNT, x, w, max_rows - ARCH_COUNT - 2, moved, ROLE_DIM);
	free(moved);
}

static void draw_sidebar(struct tui *t, int sw)
{
	const struct questionnaire *qn = t->m->questionnaire;
	int y = 1, x = 1, w = sw - 2;
	size_t cur_sec = tui_section_of(t, t->q);
	tui_text(t, y++, x, w, "Sections", ROLE_HEADING);
	size_t answered_all = 0;
	for (unsigned s = 0; s < qn->sections_count && y < t->rows - 10; s++) {
		size_t first = t->sec_first[s], end = t->sec_first[s + 1], done = 0;
		for (size_t i = first; i < end; i++)
			done += t->a->values[i].present;
		answered_all += done;
		char prog[32];
		snprintf(prog, sizeof prog, "%zu/%zu", done, end - first);
		enum tui_role r = s == cur_sec ? ROLE_CURRENT : done == end - first ? ROLE_DONE : ROLE_NORMAL;
		int pw = (int)strlen(prog);
		tui_text(t, y, x, 2, s == cur_sec ? t->g->pointer : " ", ROLE_CURRENT);
		tui_text(t, y, x + 2, w - pw - 3, qn->sections[s].title, r);
		tui_text(t, y, x + w - pw, pw, prog, r);
		tui_hit(t, y, 0, sw, HIT_SECTION, (int)s);
		y++;
	}
	y++;
	tui_textf(t, y++, x, w, ROLE_NORMAL, "Answered %zu of %zu", answered_all,
		  t->m->question_count);
	tui_bar(t, y++, x, w, (double)answered_all / (double)t->m->question_count, ROLE_BAR);
	y++;
	draw_gauge(t, y, x, w, t->rows - 2 - y);
}

static int draw_options(struct tui *t, const struct question *q, int y, int x, int w, int max_y)
{
	uint64_t sel = q->kind == QK_MULTIPLE ? answers_selected(t->m, t->a, t->q) : 0;
	int chosen = q->kind == QK_SINGLE ? answers_option(t->m, t->a, t->q) : -1;
	bool answered = t->a->values[t->q].present;
	/* Keep the cursor visible when there are more options than rows. */
	int rows = max_y - y, first = 0;
	if (rows < 1)
		rows = 1;
	if (t->cursor >= rows)
		first = t->cursor - rows + 1;
	for (int i = first; i < (int)q->options_count && y < max_y; i++, y++) {
		bool on = q->kind == QK_SINGLE ? i == chosen : (i < 64 && (sel >> i) & 1);
		const char *mark = q->kind == QK_SINGLE ? (on ? t->g->radio_on : t->g->radio_off)
							 : (on ? t->g->check_on : t->g->check_off);
		bool here = i == t->cursor;
		if (here)
			tui_fill(t, y, x, w, ROLE_CURSOR);
		enum tui_role r = here ? ROLE_CURSOR : on ? ROLE_CURRENT : ROLE_NORMAL;
		tui_text(t, y, x, 2, here ? t->g->pointer : " ", r);
		int c = 2;
		c += tui_text(t, y, x + c, 4, mark, r) + 1;
		c += tui_text(t, y, x + c, w - c, q->options[i].label, r);
		if (!answered && on && q->kind == QK_SINGLE)
			tui_text(t, y, x + c + 1, w - c - 1, "(default)", here ? ROLE_CURSOR : ROLE_DIM);
		tui_hit(t, y, x, x + w, HIT_OPTION, i);
	}
	return y;
}

static void wizard_draw(struct tui *t)
{
	const struct questionnaire *qn = t->m->questionnaire;
	const struct question *q = cur_q(t);
	int sw = sidebar_width(t);
	size_t sec = tui_section_of(t, t->q);

	tui_fill(t, 0, 0, t->cols, ROLE_TITLE);
	tui_textf(t, 0, 1, t->cols - 20, ROLE_TITLE, "archwise %s %s", t->g->mid_dot,
		  qn->title ? qn->title : qn->id);
	char pos[48];
	snprintf(pos, sizeof pos, "question %zu/%zu", t->q + 1, t->m->question_count);
	tui_text(t, 0, t->cols - (int)strlen(pos) - 1, (int)strlen(pos), pos, ROLE_TITLE);
	if (sw) {
		tui_vline(t, 1, sw, t->rows - 2);
		draw_sidebar(t, sw);
	}

	int x = sw + 2, w = t->cols - x - 1, y = 1, bottom = t->rows - 2;
	if (!sw) {
		/* Compact: the leader of the gauge in one line instead of the panel. */
		x = 1;
		w = t->cols - 2;
		size_t done = 0;
		for (size_t i = 0; i < t->a->count; i++)
			done += t->a->values[i].present;
		if (t->ev_ok)
			tui_textf(t, bottom, x, w, ROLE_DIM, "Answered %zu of %zu %s leaning %s %.0f, %s %.0f",
				  done, t->m->question_count, t->g->mid_dot,
				  tui_arch_short(t->ev.ranking[0].arch), t->ev.ranking[0].score,
				  tui_arch_short(t->ev.ranking[1].arch), t->ev.ranking[1].score);
		bottom--;
	}
	tui_textf(t, y++, x, w, ROLE_DIM, "%s %s question %zu of %zu", qn->sections[sec].title,
		  t->g->mid_dot, t->q - t->sec_first[sec] + 1,
		  t->sec_first[sec + 1] - t->sec_first[sec]);
	y++;
	y += tui_wrapped(t, y, x, w, 3, q->text, ROLE_QUESTION);
	y++;

	char msg[320];
	const char *opt_help = NULL;
	if (q->kind == QK_SINGLE || q->kind == QK_MULTIPLE) {
		int max_y = bottom - 4;
		y = draw_options(t, q, y, x, w, max_y);
		if (t->cursor >= 0 && (unsigned)t->cursor < q->options_count)
			opt_help = q->options[t->cursor].help;
		if (q->kind == QK_MULTIPLE)
			tui_text(t, y++, x, w, "Space toggles; several may be chosen.", ROLE_DIM);
	} else {
		bool ok;
		double v;
		if (q->kind == QK_NUMBER)
			ok = number_ok(q, t->field.buf, &v, msg, sizeof msg);
		else
			ok = text_ok(q, t->field.buf, msg, sizeof msg);
		/* Text (image references) gets room; a number needs little. */
		int fw = q->kind == QK_TEXT ? (w - 2 > 64 ? 64 : w - 2) : w > 44 ? 34 : w - 10;
		bool focus = q->kind == QK_NUMBER || t->field_focus;
		tui_field_draw(t, y, x, fw, &t->field, focus, ok);
		if (q->kind == QK_NUMBER && q->unit)
			tui_text(t, y, x + fw + 1, w - fw - 1, q->unit, ROLE_NORMAL);
		y++;
		if (q->kind == QK_NUMBER && q->max > q->min) {
			char lo[32], hi[32];
			tui_format_grouped(lo, sizeof lo, q->min);
			tui_format_grouped(hi, sizeof hi, q->max);
			tui_textf(t, y++, x, w, ROLE_DIM, "from %s to %s%s", lo, hi, number_hint(q));
		}
		if (ok && q->kind == QK_NUMBER) {
			/* The value understood, as it will be used. */
			char num[64];
			tui_format_grouped(num, sizeof num, v);
			tui_textf(t, y++, x, w, ROLE_OK, "%s = %s%s%s", t->g->ok, num,
				  q->unit ? " " : "", q->unit ? q->unit : "");
		} else if (ok)
			tui_text(t, y++, x, w, t->utf8 ? "\xe2\x9c\x94 ok" : "ok", ROLE_OK);
		else
		{
			/* The reason in full: it says what to type instead. */
			char *line = xasprintf("%s %s", t->g->bad, msg);
			y += tui_wrapped(t, y, x, w, 3, line, ROLE_ERROR);
			free(line);
		}
		char now[TUI_FIELD_MAX];
		answer_as_typed(t, now, sizeof now);
		if (strcmp(now, t->field.buf))
			tui_textf(t, y++, x, w, ROLE_DIM, "Not saved yet: Enter saves it, Esc restores %s",
				  now[0] ? now : "(empty)");
		if (q->kind == QK_TEXT && !t->field_focus)
			tui_text(t, y++, x, w, "(Esc pressed: type to edit again)", ROLE_DIM);
	}
	y++;
	if (y < bottom - 1 && (q->help || opt_help)) {
		tui_text(t, y++, x, w, "Why we ask", ROLE_HEADING);
		if (q->help)
			y += tui_wrapped(t, y, x, w, bottom - y - (opt_help ? 2 : 0), q->help, ROLE_HELP);
		if (opt_help && y < bottom - 1) {
			char *s = xasprintf("%s: %s", q->options[t->cursor].label, opt_help);
			y += tui_wrapped(t, y + 1, x, w, bottom - y - 1, s, ROLE_DIM);
			free(s);
		}
	}
}

/* ---- keys ---- */

static bool is_enter(int ch)
{
	return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

static bool is_erase(int ch)
{
	return ch == KEY_BACKSPACE || ch == 127 || ch == 8;
}

static enum tui_action next(struct tui *t)
{
	keep_draft(t);
	if (t->from_review) {
		t->from_review = false;
		return ACT_REVIEW;
	}
	if (t->q + 1 >= t->m->question_count)
		return ACT_NEXT;
	go_to(t, t->q + 1);
	return ACT_REDRAW;
}

static enum tui_action prev(struct tui *t)
{
	if (t->q > 0)
		go_to(t, t->q - 1);
	return ACT_REDRAW;
}

static enum tui_action answered(struct tui *t, int rc, char *err)
{
	if (rc != 0) {
		tui_set_status(t, true, "%s", err ? err : "invalid answer");
		free(err);
		return ACT_REDRAW;
	}
	if (t->changed)
		t->changed[t->q] = false; /* answered here: no longer the what-if's */
	/* The scores before this answer: the gauge shows what it changed. */
	if (t->ev_ok && !t->ev_stale) {
		for (int i = 0; i < ARCH_COUNT; i++)
			t->gauge_prev[t->ev.ranking[i].arch] = t->ev.ranking[i].score;
		t->gauge_prev_ok = true;
	}
	tui_answers_changed(t);
	return ACT_REDRAW;
}

/* "Functions +3.2, Knative -1.5": what the last answer moved, the two
 * largest changes (NULL when nothing moved by 0.1 or more; caller frees). */
static char *gauge_change(const struct tui *t)
{
	if (!t->gauge_prev_ok || !t->ev_ok || t->ev_stale)
		return NULL;
	int best[2] = {-1, -1};
	double d[ARCH_COUNT];
	for (int i = 0; i < ARCH_COUNT; i++) {
		const struct arch_rank *r = &t->ev.ranking[i];
		d[r->arch] = r->score - t->gauge_prev[r->arch];
	}
	for (int a = 0; a < ARCH_COUNT; a++) {
		if (fabs(d[a]) < 0.05)
			continue;
		if (best[0] < 0 || fabs(d[a]) > fabs(d[best[0]])) {
			best[1] = best[0];
			best[0] = a;
		} else if (best[1] < 0 || fabs(d[a]) > fabs(d[best[1]])) {
			best[1] = a;
		}
	}
	if (best[0] < 0)
		return xstrdup("Last answer: no change");
	struct strbuf sb = {0};
	sb_append(&sb, "Last answer: ");
	for (int k = 0; k < 2 && best[k] >= 0; k++)
		sb_printf(&sb, "%s%s %+.1f", k ? ", " : "", tui_arch_short((enum arch)best[k]),
			  d[best[k]]);
	return sb_take(&sb);
}

/* Accepts the current answer (the default when untouched); false when the
 * typed value is invalid. */
static bool accept(struct tui *t)
{
	const struct question *q = cur_q(t);
	char msg[320], *err = NULL;
	double v;
	int rc = 0;
	switch (q->kind) {
	case QK_SINGLE:
		rc = answers_set_option(t->m, t->a, t->q, t->cursor);
		break;
	case QK_MULTIPLE:
		rc = answers_set_selected(t->m, t->a, t->q, answers_selected(t->m, t->a, t->q));
		break;
	case QK_NUMBER:
		if (!number_ok(q, t->field.buf, &v, msg, sizeof msg)) {
			tui_set_status(t, true, "%s: %s", q->id, msg);
			return false;
		}
		rc = answers_set_number(t->m, t->a, t->q, v, &err);
		break;
	case QK_TEXT:
		if (!text_ok(q, t->field.buf, msg, sizeof msg)) {
			tui_set_status(t, true, "%s: %s", q->id, msg);
			return false;
		}
		rc = answers_set_text(t->m, t->a, t->q, t->field.buf, &err);
		break;
	}
	answered(t, rc, err);
	if (rc == 0)
		drop_draft(t);
	return rc == 0;
}

static enum tui_action section_jump(struct tui *t, int dir)
{
	unsigned n = t->m->questionnaire->sections_count;
	size_t s = tui_section_of(t, t->q);
	if (dir > 0) {
		if (s + 1 < n)
			go_to(t, t->sec_first[s + 1]);
	} else if (t->q != t->sec_first[s]) {
		go_to(t, t->sec_first[s]);
	} else if (s > 0) {
		go_to(t, t->sec_first[s - 1]);
	}
	return ACT_REDRAW;
}

static enum tui_action choice_key(struct tui *t, const struct question *q, int ch)
{
	int n = (int)q->options_count;
	if (ch == KEY_UP || ch == 'k') {
		t->cursor = t->cursor > 0 ? t->cursor - 1 : n - 1;
		return ACT_REDRAW;
	}
	if (ch == KEY_DOWN || ch == 'j') {
		t->cursor = t->cursor + 1 < n ? t->cursor + 1 : 0;
		return ACT_REDRAW;
	}
	if (ch == KEY_HOME) {
		t->cursor = 0;
		return ACT_REDRAW;
	}
	if (ch == KEY_END) {
		t->cursor = n - 1;
		return ACT_REDRAW;
	}
	bool click = ch == KEY_MOUSE && t->click.kind == HIT_OPTION;
	if (click)
		t->cursor = t->click.value;
	if (ch == ' ' || click) {
		int rc;
		if (q->kind == QK_SINGLE) {
			rc = answers_set_option(t->m, t->a, t->q, t->cursor);
		} else {
			uint64_t sel = answers_selected(t->m, t->a, t->q);
			sel ^= (uint64_t)1 << t->cursor;
			rc = answers_set_selected(t->m, t->a, t->q, sel);
		}
		return answered(t, rc, NULL);
	}
	/* Digits pick an option directly (1-9). */
	if (ch >= '1' && ch <= '9' && ch - '1' < n) {
		t->cursor = ch - '1';
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static enum tui_action wizard_key(struct tui *t, int ch)
{
	const struct question *q = cur_q(t);
	bool field = q->kind == QK_NUMBER || (q->kind == QK_TEXT && t->field_focus);

	if (ch == KEY_MOUSE && t->click.kind == HIT_SECTION) {
		go_to(t, t->sec_first[t->click.value]);
		return ACT_REDRAW;
	}
	if (is_enter(ch))
		return accept(t) ? next(t) : ACT_REDRAW;
	if (ch == '\t')
		return next(t);
	if (ch == KEY_BTAB)
		return prev(t);
	if (ch == KEY_NPAGE)
		return section_jump(t, 1);
	if (ch == KEY_PPAGE)
		return section_jump(t, -1);
	if (ch == 27) {
		/* Esc cancels an edit; with nothing to cancel it goes back. */
		char now[TUI_FIELD_MAX];
		answer_as_typed(t, now, sizeof now);
		if (field && (strcmp(now, t->field.buf) || t->drafts[t->q])) {
			drop_draft(t);
			wizard_enter(t);
			tui_set_status(t, false, "Edit cancelled.");
			return ACT_REDRAW;
		}
		if (q->kind == QK_TEXT && t->field_focus) {
			t->field_focus = false;
			return ACT_REDRAW;
		}
		return t->q > 0 ? prev(t) : ACT_NONE;
	}
	if (field) {
		/* A number field takes only what a number can contain. */
		if (q->kind == QK_NUMBER && ch >= 0x20 && ch <= 0xff &&
		    !strchr("0123456789.+-eEkKmMgGbB_,", ch)) {
			if (ch == 'i' || ch == 'I')
				return ACT_TRAFFIC;
			if (ch == 's' || ch == 'S')
				return ACT_SCAN;
			return ACT_NONE;
		}
		return tui_field_key(&t->field, ch) ? ACT_REDRAW : ACT_NONE;
	}
	if (ch == KEY_RIGHT)
		return next(t);
	if (ch == KEY_LEFT || is_erase(ch))
		return prev(t);
	/* The evidence panels (outside a text field, like q). */
	if (ch == 'i' || ch == 'I')
		return ACT_TRAFFIC;
	if (ch == 's' || ch == 'S')
		return ACT_SCAN;
	if (q->kind == QK_SINGLE || q->kind == QK_MULTIPLE)
		return choice_key(t, q, ch);
	if (ch == KEY_MOUSE)
		return ACT_NONE;
	/* A text question after Esc: typing edits again. */
	if (ch >= 0x20 && ch <= 0xff) {
		t->field_focus = true;
		t->field.fresh = false;
		tui_field_key(&t->field, ch);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static bool wizard_editing(const struct tui *t)
{
	const struct question *q = cur_q(t);
	return q->kind == QK_TEXT && t->field_focus;
}

/* The key bar names what the keys do on this kind of question. */
static const char *wizard_keys(const struct tui *t)
{
	const struct question *q = cur_q(t);
	switch (q->kind) {
	case QK_MULTIPLE:
		return "Enter:next|Space:toggle|Tab:skip|Esc:back|PgUp/PgDn:section|i:import log|s:scan repo";
	case QK_NUMBER:
		return "Enter:next|Tab:skip|S-Tab:back|Esc:undo/back|PgUp/PgDn:section|Left/Right:move|i:import|s:scan";
	case QK_TEXT:
		if (t->field_focus)
			return "Enter:next|Tab:skip|S-Tab:back|Left/Right Home/End:move|^U/^K/^W:cut";
		return "Enter:next|a-z:edit|Tab:skip|Esc:back|i:import log|s:scan repo";
	case QK_SINGLE:
		break;
	}
	return "Enter:next|Space:choose|Tab:skip|Esc:back|PgUp/PgDn:section|i:import log|s:scan repo";
}

const struct tui_screen tui_screen_wizard = {
	.name = "wizard",
	.enter = wizard_enter,
	.draw = wizard_draw,
	.key = wizard_key,
	.editing = wizard_editing,
	.keys = "Enter:next|Space:choose|Tab:skip|Esc:back|PgUp/PgDn:section|i:import log|s:scan repo",
	.keys_now = wizard_keys,
};
