/* tab_cost.c: result tab 4: monthly cost against requests/day on a log
 * scale, one line per architecture, your volume and the break-even marked,
 * the breakdown table (which is also the legend), and the cost inputs
 * editable with a live redraw. The edits are a what-if: `a` copies them
 * into the answers. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "util.h"

#define LO_EXP 3.0
#define HI_EXP 9.0

struct cost_field {
	const char *label;
	const char *unit;
	const char *question;   /* answer it comes from */
	size_t offset;          /* double in struct cost_inputs */
	double min, max;
	double step;            /* > 1: multiply; else add */
};

static const struct cost_field fields[] = {
	{ "Requests/day", "", "requests_per_day", offsetof(struct cost_inputs, requests_per_day), 0, 1e12, 10 },
	{ "Duration", "ms", "avg_duration_ms", offsetof(struct cost_inputs, avg_duration_ms), 1, 900000, 2 },
	{ "Memory", "MB", "memory_mb", offsetof(struct cost_inputs, memory_mb), 128, 10240, 2 },
	{ "Nodes", "", "node_count", offsetof(struct cost_inputs, node_count), 0, 10000, 1 },
	{ "Node price", "$/h", "node_hourly_usd", offsetof(struct cost_inputs, node_hourly_usd), 0, 1000, 1.25 },
};
#define FIELD_COUNT (int)(sizeof fields / sizeof fields[0])

static double *field_ptr(struct cost_inputs *in, int i)
{
	return (double *)((char *)in + fields[i].offset);
}

static void recompute(struct tui *t, const struct cost_inputs *in)
{
	cost_compute(cost_pricing(t->m, in), in, &t->cres);
}

/* The inputs with the field being typed applied when it is valid. */
static bool candidate(const struct tui *t, struct cost_inputs *out)
{
	*out = t->cin;
	if (!t->cost_editing)
		return true;
	double v;
	const struct cost_field *f = &fields[t->cost_sel];
	if (!tui_parse_number(t->cost_field.buf, &v) || v < f->min || v > f->max)
		return false;
	*field_ptr(out, t->cost_sel) = v;
	return true;
}

static void cost_enter(struct tui *t)
{
	tui_ensure_eval(t, false);
	t->cost_editing = false;
	recompute(t, &t->cin);
}

static void fmt_value(char *buf, size_t size, int i, double v)
{
	if (i == 0)
		tui_format_si(buf, size, v);
	else
		tui_format_plain(buf, size, v);
}

/* Draws the inputs; returns the row of the last one, *end its last column. */
static int draw_inputs(struct tui *t, int y, int *end)
{
	int x = 1;
	for (int i = 0; i < FIELD_COUNT; i++) {
		char val[TUI_FIELD_MAX + 2];
		bool here = i == t->cost_sel;
		if (here && t->cost_editing)
			snprintf(val, sizeof val, "%s_", t->cost_field.buf);
		else
			fmt_value(val, sizeof val, i, *field_ptr(&t->cin, i));
		char *s = xasprintf("%s %s%s%s", fields[i].label, val, fields[i].unit[0] ? " " : "",
				    fields[i].unit);
		int w = tui_text_width(s) + 2;
		if (x + w > t->cols - 1) {
			y++;
			x = 1;
		}
		enum tui_role r = here ? (t->cost_editing ? ROLE_QUESTION : ROLE_CURSOR) : ROLE_NORMAL;
		tui_textf(t, y, x, w, r, "[%s]", s);
		tui_hit(t, y, x, x + w, HIT_ROW, i);
		x += w + 1;
		free(s);
	}
	*end = x;
	return y;
}

static int y_of(double usd, double lo, double hi, int top, int h)
{
	double e = isfinite(usd) && usd > 0 ? log10(usd) : lo;
	double f = (e - lo) / (hi - lo);
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return top + h - 1 - (int)lround(f * (h - 1));
}

static void draw_chart(struct tui *t, const struct cost_inputs *in, int top, int h)
{
	int lw = 9, x0 = lw + 1, pw = t->cols - x0 - 2;
	if (pw < 20 || h < 3)
		return;
	double *rpd = xcalloc((size_t)pw, sizeof *rpd);
	double *usd[ARCH_COUNT];
	for (int a = 0; a < ARCH_COUNT; a++)
		usd[a] = xcalloc((size_t)pw, sizeof **usd);
	cost_curve(cost_pricing(t->m, in), in, LO_EXP, HI_EXP, (unsigned)pw, rpd, usd);
	double mx = 1, mn = 1e300;
	for (int a = 0; a < ARCH_COUNT; a++)
		for (int i = 0; i < pw; i++) {
			if (isfinite(usd[a][i]) && usd[a][i] > mx)
				mx = usd[a][i];
			if (isfinite(usd[a][i]) && usd[a][i] >= 1 && usd[a][i] < mn)
				mn = usd[a][i];
		}
	double lo = floor(log10(mn < 1e300 ? mn : 1)), hi = ceil(log10(mx));
	if (hi <= lo)
		hi = lo + 1;
	/* Y labels at each power of ten that gets a row of its own. */
	int last_y = -1;
	for (int e = (int)hi; e >= (int)lo; e--) {
		int yy = y_of(pow(10, e), lo, hi, top, h);
		if (yy == last_y || (last_y >= 0 && yy - last_y < 2))
			continue;
		char lab[32], si[24];
		tui_format_si(si, sizeof si, pow(10, e));
		snprintf(lab, sizeof lab, "$%s", si);
		tui_textf(t, yy, 0, lw, ROLE_DIM, "%*s", lw - 1, lab);
		last_y = yy;
	}
	tui_vline(t, top, x0 - 1, h);
	tui_hline(t, top + h, x0 - 1, pw + 1);
	/* Your volume: a dotted vertical line. */
	int vx = x0 + tui_log_pos(in->requests_per_day, LO_EXP, HI_EXP, pw);
	attrset((int)tui_attr(t, ROLE_DIM));
	for (int yy = top; yy < top + h; yy++)
		mvaddstr(yy, vx, ":");
	attrset(A_NORMAL);
	/* Curves, the recommended architecture last so it stays on top. Each
	 * cell remembers who drew it last, to tell which lines are hidden. */
	int *owner = xcalloc((size_t)(h * pw), sizeof *owner);
	int *cells[ARCH_COUNT];
	int ncell[ARCH_COUNT] = {0};
	for (int k = ARCH_COUNT - 1; k >= 0; k--) {
		enum arch a = t->ev_ok ? t->ev.ranking[k].arch : (enum arch)k;
		cells[a] = xcalloc((size_t)(h * pw), sizeof **cells);
		attrset((int)tui_attr(t, tui_arch_role(a)));
		int prev = -1;
		for (int i = 0; i < pw; i++) {
			if (!isfinite(usd[a][i]))
				continue;
			int yy = y_of(usd[a][i], lo, hi, top, h);
			/* Fill steep steps so the line stays continuous. */
			int from = prev < 0 ? yy : prev;
			int step = yy > from ? 1 : -1;
			for (int r = from;; r += step) {
				if (r != from || r == yy) {
					mvaddstr(r, x0 + i, t->g->curve[a]);
					int c = (r - top) * pw + i;
					if (c >= 0 && c < h * pw && ncell[a] < h * pw) {
						owner[c] = (int)a + 1;
						cells[a][ncell[a]++] = c;
					}
				}
				if (r == yy)
					break;
			}
			prev = yy;
		}
	}
	attrset(A_NORMAL);
	/* A line drawn under others (the same cost) is named, with the line on
	 * top of it, at the top of the chart: every architecture can be read. */
	struct strbuf note = {0};
	for (int a = 0; a < ARCH_COUNT; a++) {
		int mine = 0, by[ARCH_COUNT] = {0};
		for (int i = 0; i < ncell[a]; i++) {
			int o = owner[cells[a][i]] - 1;
			if (o == a)
				mine++;
			else if (o >= 0)
				by[o]++;
		}
		if (ncell[a] == 0 || mine * 2 > ncell[a])
			continue;
		int top_arch = 0;
		for (int b = 1; b < ARCH_COUNT; b++)
			if (by[b] > by[top_arch])
				top_arch = b;
		sb_printf(&note, "%s%s %s under %s %s", note.len ? ", " : "", t->g->curve[a],
			  tui_arch_short((enum arch)a), t->g->curve[top_arch],
			  tui_arch_short((enum arch)top_arch));
	}
	if (note.len) {
		char *s = sb_take(&note);
		int nw = tui_text_width(s);
		tui_text(t, top, nw < pw ? x0 + pw - nw : x0, pw, s, ROLE_WARN);
		free(s);
	}
	for (int a = 0; a < ARCH_COUNT; a++)
		free(cells[a]);
	free(owner);
	/* Break-even of functions against Kubernetes. */
	double be = t->cres.break_even_rpd[ARCH_SERVERLESS];
	if (isfinite(be) && be >= pow(10, LO_EXP) && be <= pow(10, HI_EXP)) {
		int bx = tui_log_pos(be, LO_EXP, HI_EXP, pw);
		double c = cost_monthly_at(cost_pricing(t->m, in), in, ARCH_KUBERNETES, be);
		int by = y_of(c, lo, hi, top, h);
		attrset((int)tui_attr(t, ROLE_MARK));
		mvaddstr(by, x0 + bx, "X");
		attrset(A_NORMAL);
	}
	/* X labels at each decade, then the markers' captions. */
	int ly = top + h + 1;
	for (int e = (int)LO_EXP; e <= (int)HI_EXP; e++) {
		char s[16];
		tui_format_si(s, sizeof s, pow(10, e));
		int lx = x0 + tui_log_pos(pow(10, e), LO_EXP, HI_EXP, pw) - (int)strlen(s) / 2;
		if (lx + (int)strlen(s) <= t->cols)
			tui_text(t, ly, lx < 0 ? 0 : lx, (int)strlen(s), s, ROLE_DIM);
	}
	tui_text(t, ly, 0, 8, "req/day", ROLE_DIM);
	tui_text(t, top + h, vx, 4, "^", ROLE_MARK);
	for (int a = 0; a < ARCH_COUNT; a++)
		free(usd[a]);
	free(rpd);
}

/* A breakdown item as a reader names it ("api_gateway" is an id). */
static const char *item_label(const char *item)
{
	static const struct { const char *id, *label; } labels[] = {
		{ "api_gateway", "API Gateway" }, { "control_plane", "control plane" },
		{ "vcpu_hours", "vCPU-hours" }, { "gb_hours", "GB-hours" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(item, labels[i].id) == 0)
			return labels[i].label;
	return item;
}

static void draw_table(struct tui *t, int y, int bottom)
{
	int x = 1;
	tui_text(t, y, x, 30, "Architecture", ROLE_HEADING);
	tui_text(t, y, x + 16, 10, "per month", ROLE_HEADING);
	tui_text(t, y, x + 28, 12, "break-even", ROLE_HEADING);
	tui_text(t, y, x + 41, t->cols - x - 42, t->cin.free_tier ? "breakdown, after the free tier"
		 : "breakdown", ROLE_HEADING);
	y++;
	for (int k = 0; k < ARCH_COUNT && y < bottom; k++, y++) {
		enum arch a = t->ev_ok ? t->ev.ranking[k].arch : (enum arch)k;
		const struct cost_breakdown *b = &t->cres.arch[a];
		tui_text(t, y, x, 2, t->g->curve[a], tui_arch_role(a));
		tui_text(t, y, x + 2, 13, tui_arch_short(a), tui_arch_role(a));
		char usd[32], be[32];
		tui_format_usd(usd, sizeof usd, b->monthly_usd);
		tui_textf(t, y, x + 16, 11, ROLE_QUESTION, "%10s", usd);
		if (a == ARCH_KUBERNETES)
			snprintf(be, sizeof be, "(baseline)");
		else if (isfinite(t->cres.break_even_rpd[a]))
		{
			char si[24];
			tui_format_si(si, sizeof si, t->cres.break_even_rpd[a]);
			snprintf(be, sizeof be, "%s/day", si);
		}
		else
			snprintf(be, sizeof be, "never");
		tui_textf(t, y, x + 28, 12, ROLE_NORMAL, "%10s", be);
		struct strbuf sb = {0};
		for (unsigned i = 0; i < b->item_count; i++) {
			char v[32];
			tui_format_usd(v, sizeof v, b->items[i].usd);
			sb_printf(&sb, "%s%s %s", sb.len ? ", " : "", item_label(b->items[i].item), v);
		}
		char *s = sb_take(&sb);
		tui_text(t, y, x + 41, t->cols - x - 42, s, ROLE_DIM);
		free(s);
	}
}

static void cost_draw(struct tui *t)
{
	int y = TUI_CONTENT_TOP, bottom = tui_content_bottom(t) + 1;
	if (!t->ev_ok) {
		tui_text(t, y, 2, t->cols - 4, "The evaluation failed.", ROLE_ERROR);
		return;
	}
	struct cost_inputs in;
	bool valid = candidate(t, &in);
	int in_end, in_row = draw_inputs(t, y, &in_end);
	(void)in_end;
	(void)in_row;
	int table_h = ARCH_COUNT + 1;
	int chart_top = y + 3;
	int h = bottom - table_h - 2 - chart_top;
	/* A what-if is never mistaken for the answers: it says so, with
	 * yours beside each value changed. */
	char *diff = tui_cost_changes(t, ", ", true);
	if (!valid)
		tui_text(t, y + 2, 1, t->cols - 2, "not a valid value yet: the chart shows the last one",
			 ROLE_ERROR);
	else if (diff[0])
		tui_textf(t, y + 2, 1, t->cols - 2, ROLE_WARN,
			  "WHAT-IF, not your answers: %s. a: apply (asks), r: reset", diff);
	else
		tui_text(t, y + 2, 1, t->cols - 2,
			 "USD/month vs requests/day, both log; ^ your volume; X functions = Kubernetes",
			 ROLE_DIM);
	free(diff);
	draw_chart(t, &in, chart_top, h);
	draw_table(t, bottom - table_h, bottom);
}

static void clamp_set(struct tui *t, int i, double v)
{
	const struct cost_field *f = &fields[i];
	if (v < f->min)
		v = f->min;
	if (v > f->max)
		v = f->max;
	if (i == 3)
		v = round(v);
	*field_ptr(&t->cin, i) = v;
	t->cost_custom = true;
	recompute(t, &t->cin);
}

/* The answer input i stands for, or -1 (NAN in *answer). */
static int answer_of(const struct tui *t, int i, double *answer)
{
	int q = model_question_index(t->m, fields[i].question);
	*answer = q < 0 ? NAN : answers_number(t->m, t->a, (size_t)q);
	return q;
}

char *tui_cost_changes(const struct tui *t, const char *sep, bool yours_only)
{
	struct strbuf sb = {0};
	for (int i = 0; i < FIELD_COUNT; i++) {
		double ans, v = *field_ptr((struct cost_inputs *)&t->cin, i);
		if (answer_of(t, i, &ans) < 0 || ans == v)
			continue;
		char a[32], b[32];
		fmt_value(a, sizeof a, i, ans);
		fmt_value(b, sizeof b, i, v);
		if (yours_only)
			sb_printf(&sb, "%s%s %s (yours %s)", sb.len ? sep : "", fields[i].label, b, a);
		else
			sb_printf(&sb, "%s%s: %s %s %s%s%s", sb.len ? sep : "", fields[i].label, a,
				  t->g->arrow, b, fields[i].unit[0] ? " " : "", fields[i].unit);
	}
	return sb_take(&sb);
}

void tui_cost_apply(struct tui *t)
{
	struct answers before;
	if (answers_copy(&before, t->a) != 0) {
		tui_set_status(t, true, "out of memory");
		return;
	}
	int changed = 0;
	for (int i = 0; i < FIELD_COUNT; i++) {
		double ans, v = *field_ptr(&t->cin, i);
		int q = answer_of(t, i, &ans);
		if (q < 0 || ans == v)
			continue;
		char *err = NULL;
		if (answers_set_number(t->m, t->a, (size_t)q, v, &err) != 0) {
			tui_set_status(t, true, "%s", err ? err : "invalid value");
			free(err);
			answers_fini(t->a);
			*t->a = before;
			return;
		}
		t->changed[q] = true;
		changed++;
	}
	if (t->undo_ok)
		answers_fini(&t->undo);
	t->undo = before;
	t->undo_ok = true;
	t->cost_custom = false;
	tui_answers_changed(t);
	tui_ensure_eval(t, false);
	recompute(t, &t->cin);
	tui_set_status(t, false, "%d answer%s changed (marked in the review); the recommendation is %s. u undoes.",
		       changed, changed == 1 ? "" : "s", tui_arch_name(t, t->ev.recommendation));
}

/* u: the answers as they were before the last apply. */
static void undo_apply(struct tui *t)
{
	if (!t->undo_ok) {
		tui_set_status(t, false, "Nothing to undo.");
		return;
	}
	answers_fini(t->a);
	*t->a = t->undo;
	t->undo_ok = false;
	memset(&t->undo, 0, sizeof t->undo);
	for (int i = 0; i < FIELD_COUNT; i++) {
		double ans;
		int q = answer_of(t, i, &ans);
		if (q >= 0)
			t->changed[q] = false;
	}
	t->cost_custom = false;
	tui_answers_changed(t);
	tui_ensure_eval(t, false);
	t->cin = t->ev.cost_in;
	recompute(t, &t->cin);
	tui_set_status(t, false, "Undone: your answers are back; the recommendation is %s.",
		       tui_arch_name(t, t->ev.recommendation));
}

static enum tui_action commit(struct tui *t)
{
	double v;
	const struct cost_field *f = &fields[t->cost_sel];
	if (!tui_parse_number(t->cost_field.buf, &v) || v < f->min || v > f->max) {
		char lo[32], hi[32];
		tui_format_grouped(lo, sizeof lo, f->min);
		tui_format_grouped(hi, sizeof hi, f->max);
		tui_set_status(t, true, "%s: a number from %s to %s", f->label, lo, hi);
		return ACT_REDRAW;
	}
	t->cost_editing = false;
	clamp_set(t, t->cost_sel, v);
	return ACT_REDRAW;
}

static enum tui_action cost_key(struct tui *t, int ch)
{
	if (t->cost_editing) {
		struct cost_inputs in;
		switch (ch) {
		case '\n': case '\r': case KEY_ENTER:
			return commit(t);
		case 27:
			t->cost_editing = false;
			recompute(t, &t->cin);
			return ACT_REDRAW;
		case KEY_UP: case KEY_DOWN: case '\t': case KEY_BTAB:
			return commit(t);
		default:
			if (ch >= 0x20 && ch <= 0xff && !strchr("0123456789.eEkKmMgG_,", ch))
				return ACT_NONE;
			if (!tui_field_key(&t->cost_field, ch))
				return ACT_NONE;
		}
		/* Live: redraw the chart with the value as typed when valid. */
		if (candidate(t, &in))
			recompute(t, &in);
		return ACT_REDRAW;
	}
	char buf[64];
	switch (ch) {
	case KEY_UP: case 'k': case KEY_LEFT: case 'h':
		t->cost_sel = (t->cost_sel + FIELD_COUNT - 1) % FIELD_COUNT;
		return ACT_REDRAW;
	case KEY_DOWN: case 'j': case KEY_RIGHT: case 'l':
		t->cost_sel = (t->cost_sel + 1) % FIELD_COUNT;
		return ACT_REDRAW;
	case '\n': case '\r': case KEY_ENTER:
		tui_format_plain(buf, sizeof buf, *field_ptr(&t->cin, t->cost_sel));
		tui_field_set(&t->cost_field, buf);
		t->cost_editing = true;
		return ACT_REDRAW;
	case '+': case '=': case '-': {
		double v = *field_ptr(&t->cin, t->cost_sel), s = fields[t->cost_sel].step;
		bool up = ch != '-';
		v = s > 1 ? (up ? v * s : v / s) : (up ? v + s : v - s);
		clamp_set(t, t->cost_sel, v);
		return ACT_REDRAW;
	}
	case 'a': {
		char *c = tui_cost_changes(t, ", ", true);
		bool any = c[0] != '\0';
		free(c);
		if (!any) {
			tui_set_status(t, false, "The what-if equals your answers: nothing to apply.");
			return ACT_REDRAW;
		}
		return ACT_APPLY;
	}
	case 'u':
		undo_apply(t);
		return ACT_REDRAW;
	case 'r':
		t->cost_custom = false;
		t->cin = t->ev.cost_in;
		recompute(t, &t->cin);
		return ACT_REDRAW;
	case KEY_MOUSE:
		if (t->click.kind != HIT_ROW)
			return ACT_NONE;
		t->cost_sel = t->click.value;
		return ACT_REDRAW;
	case KEY_BACKSPACE: case 127: case 8: case 'b':
		return ACT_BACK;
	}
	return ACT_NONE;
}

static bool cost_is_editing(const struct tui *t)
{
	return t->cost_editing;
}

const struct tui_screen tui_tab_cost = {
	.name = "Cost",
	.enter = cost_enter,
	.draw = cost_draw,
	.key = cost_key,
	.editing = cost_is_editing,
	.keys = "Up/Down:input|Enter:edit|+/-:what-if|a:apply...|u:undo|r:reset|Esc:back",
};
