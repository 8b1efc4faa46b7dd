/* wizard.c: the question screen: sidebar (sections, progress, live
 * leaning gauge), the question with its options or input field, the help,
 * the key bar. */
#include <math.h>
#include <regex.h>
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

static int sidebar_width(const struct tui *t)
{
	return t->cols >= 140 ? 34 : t->cols >= 110 ? 28 : 24;
}

/* What the range line adds: the suffixes where they help. In MB a 'G'
 * would read as gigabytes but means 10^9 MB, so sizes get the conversion. */
static const char *number_hint(const struct question *q)
{
	if (q->unit && (!strcmp(q->unit, "MB") || !strcmp(q->unit, "MiB")))
		return " (1 GB = 1,024 MB)";
	if (q->max >= 1e6)
		return " (5k, 2.5M, 1G work)";
	return "";
}

/* Whether the number in the field is acceptable; msg says why not. */
static bool number_ok(const struct question *q, const char *text, double *v, char *msg, size_t size)
{
	if (!tui_parse_number(text, v)) {
		snprintf(msg, size, "not a number");
		return false;
	}
	if (q->max > q->min && (*v < q->min || *v > q->max)) {
		char lo[32], hi[32];
		tui_format_grouped(lo, sizeof lo, q->min);
		tui_format_grouped(hi, sizeof hi, q->max);
		snprintf(msg, size, "must be between %s and %s", lo, hi);
		return false;
	}
	/* The Knative starter file would be refused (export says the same). */
	if (strcmp(q->id, "container_port") == 0 && gen_knative_reserved_port((unsigned)*v)) {
		snprintf(msg, size, "reserved by Knative Serving (" GEN_KNATIVE_RESERVED_PORTS ")");
		return false;
	}
	msg[0] = '\0';
	return true;
}

static bool text_ok(const struct question *q, const char *text, char *msg, size_t size)
{
	unsigned max = q->max_length ? q->max_length : 253;
	if (strlen(text) > max) {
		snprintf(msg, size, "at most %u characters", max);
		return false;
	}
	if (!q->pattern) {
		msg[0] = '\0';
		return true;
	}
	char *re_src = xasprintf("^(%s)$", q->pattern);
	regex_t re;
	bool ok;
	if (regcomp(&re, re_src, REG_EXTENDED | REG_NOSUB) != 0) {
		ok = true; /* the loader checks patterns; do not block the user here */
	} else {
		ok = regexec(&re, text, 0, NULL, 0) == 0;
		regfree(&re);
	}
	free(re_src);
	if (ok)
		msg[0] = '\0';
	else if (q->pattern_help && *q->pattern_help)
		snprintf(msg, size, "must be %s", q->pattern_help);   /* the rule in words */
	else
		snprintf(msg, size, "must match %s (Why we ask explains)", q->pattern);
	return ok;
}

static void wizard_enter(struct tui *t)
{
	const struct question *q = cur_q(t);
	t->cursor = 0;
	t->field_focus = false;
	char num[64];
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
	t->q = q;
	wizard_enter(t);
}

/* ---- drawing ---- */

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
	tui_vline(t, 1, sw, t->rows - 2);
	draw_sidebar(t, sw);

	int x = sw + 2, w = t->cols - x - 1, y = 1, bottom = t->rows - 2;
	tui_textf(t, y++, x, w, ROLE_DIM, "%s %s question %zu of %zu", qn->sections[sec].title,
		  t->g->mid_dot, t->q - t->sec_first[sec] + 1,
		  t->sec_first[sec + 1] - t->sec_first[sec]);
	y++;
	y += tui_wrapped(t, y, x, w, 3, q->text, ROLE_QUESTION);
	y++;

	char msg[160];
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
		if (ok)
			tui_textf(t, y++, x, w, ROLE_OK, "%s ok", t->g->ok);
		else
			tui_textf(t, y++, x, w, ROLE_ERROR, "%s %s", t->g->bad, msg);
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
	tui_answers_changed(t);
	return ACT_REDRAW;
}

/* Accepts the current answer (the default when untouched); false when the
 * typed value is invalid. */
static bool accept(struct tui *t)
{
	const struct question *q = cur_q(t);
	char msg[160], *err = NULL;
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
	if (ch == '\t' || ch == KEY_RIGHT)
		return next(t);
	if (ch == KEY_BTAB || ch == KEY_LEFT)
		return prev(t);
	if (ch == KEY_NPAGE)
		return section_jump(t, 1);
	if (ch == KEY_PPAGE)
		return section_jump(t, -1);
	if (is_erase(ch)) {
		if (field) {
			tui_field_erase(&t->field);
			return ACT_REDRAW;
		}
		return prev(t);
	}
	if (q->kind == QK_TEXT && ch == 27) {
		t->field_focus = false;
		return ACT_REDRAW;
	}
	/* The evidence panels (outside a text field, like q). */
	if (!(q->kind == QK_TEXT && t->field_focus)) {
		if (ch == 'i' || ch == 'I')
			return ACT_TRAFFIC;
		if (ch == 's' || ch == 'S')
			return ACT_SCAN;
	}
	if (q->kind == QK_SINGLE || q->kind == QK_MULTIPLE)
		return choice_key(t, q, ch);
	if (ch == KEY_MOUSE)
		return ACT_NONE;
	if (q->kind == QK_TEXT && !t->field_focus) {
		if (ch < 0x20 || ch > 0xff)
			return ACT_NONE;
		t->field_focus = true;
		t->field.fresh = false;
	}
	if (ch >= 0x20 && ch <= 0xff) {
		/* A number field takes only what a number can contain. */
		if (q->kind == QK_NUMBER && !strchr("0123456789.+-eEkKmMgG_,", ch))
			return ACT_NONE;
		tui_field_insert(&t->field, ch);
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
		return "Enter:next|Space:toggle|Tab:skip|i:import log|s:scan repo|Left:back|PgDn:section";
	case QK_NUMBER:
		return "Enter:next|0-9:type|Tab:skip|i:import log|s:scan repo|Left:back";
	case QK_TEXT:
		if (t->field_focus)
			return "Enter:next|BkSp:erase|Tab:skip|Left:back";
		return "Enter:next|a-z:edit|Tab:skip|i:import log|s:scan repo|Left:back";
	case QK_SINGLE:
		break;
	}
	return "Enter:next|Space:choose|Tab:skip|i:import log|s:scan repo|Left:back|PgDn:section";
}

const struct tui_screen tui_screen_wizard = {
	.name = "wizard",
	.enter = wizard_enter,
	.draw = wizard_draw,
	.key = wizard_key,
	.editing = wizard_editing,
	.keys = "Enter:next|Space:choose|Tab:skip|i:import log|s:scan repo|Left:back|PgDn:section",
	.keys_now = wizard_keys,
};
