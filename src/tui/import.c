/* import.c: the evidence panels over the wizard (issue #8). "Import
 * traffic" reads an access log with the traffic module and shows its
 * summary and an hour-of-day chart; "Scan a repository" runs scan_dir and
 * lists one answer per question with the evidence that decided it. y
 * applies the answers (autosaved like any other), n or Esc discards them.
 * The panel is drawn on stdscr over the screen; the slow read runs in the
 * main loop after the frame that says "reading...". */
#include <errno.h>
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ui.h"
#include "answers.h"
#include "util.h"

/* ---- state ---- */

static void clear_result(struct tui *t)
{
	if (t->imp_sum_ok)
		traffic_summary_fini(&t->imp_sum);
	memset(&t->imp_sum, 0, sizeof t->imp_sum);
	t->imp_sum_ok = false;
	free(t->imp_bad);
	t->imp_bad = NULL;
	if (t->imp_scan_ok) {
		scan_answers_fini(&t->imp_sa);
		scan_result_fini(&t->imp_scan);
	}
	memset(&t->imp_sa, 0, sizeof t->imp_sa);
	memset(&t->imp_scan, 0, sizeof t->imp_scan);
	t->imp_scan_ok = false;
	free(t->imp_on);
	t->imp_on = NULL;
	t->imp_sel = t->imp_top = 0;
}

/* "~" and "~user" at the start become the home folder; spaces around go. */
static char *expand_path(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	char *p = xstrndup(s, n);
	if (p[0] != '~')
		return p;
	size_t ulen = strcspn(p + 1, "/");
	const char *home = NULL;
	if (ulen == 0) {
		home = getenv("HOME");
		if (!home || !home[0]) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else {
		char *user = xstrndup(p + 1, ulen);
		struct passwd *pw = getpwnam(user);
		home = pw ? pw->pw_dir : NULL;
		free(user);
	}
	if (!home)
		return p;
	char *out = xasprintf("%s%s", home, p + 1 + ulen);
	free(p);
	return out;
}

/* Takes the typed path and asks the main loop for the read. */
static void start(struct tui *t)
{
	free(t->imp_err);
	t->imp_err = NULL;
	clear_result(t);
	free(t->imp_path);
	t->imp_path = expand_path(t->imp_field.buf);
	if (!t->imp_path[0]) {
		if (t->imp == IMP_SCAN) {
			free(t->imp_path);
			t->imp_path = xstrdup(".");
		} else {
			t->imp_err = xstrdup("type the path of an access log");
			t->imp_stage = IMP_ASK;
			return;
		}
	}
	t->imp_stage = IMP_BUSY;
}

void tui_import_open(struct tui *t, enum tui_import_kind k, const char *path)
{
	const char *next = t->imp_next_traffic;
	t->imp_next_traffic = NULL;
	tui_import_close(t);
	t->imp_next_traffic = next;
	t->imp = k;
	t->imp_stage = IMP_ASK;
	if (path) {
		tui_field_set(&t->imp_field, path);
		t->imp_field.fresh = false;
		start(t);
		return;
	}
	if (k == IMP_SCAN) {
		char *cwd = getcwd(NULL, 0);
		tui_field_set(&t->imp_field, cwd ? cwd : ".");
		free(cwd);
	} else {
		tui_field_set(&t->imp_field, "");
		t->imp_field.fresh = false;
	}
}

void tui_import_close(struct tui *t)
{
	clear_result(t);
	free(t->imp_path);
	t->imp_path = NULL;
	free(t->imp_err);
	t->imp_err = NULL;
	t->imp = IMP_NONE;
	t->imp_stage = IMP_ASK;
	/* --scan and --traffic together: the log comes after the folder. */
	if (t->imp_next_traffic) {
		const char *p = t->imp_next_traffic;
		t->imp_next_traffic = NULL;
		tui_import_open(t, IMP_TRAFFIC, p);
	}
}

bool tui_import_editing(const struct tui *t)
{
	return t->imp != IMP_NONE && t->imp_stage == IMP_ASK;
}

const char *tui_import_keys(const struct tui *t)
{
	if (t->imp_stage == IMP_ASK)
		return t->imp == IMP_SCAN ? "Enter:scan|Esc:cancel" : "Enter:read|Esc:cancel";
	if (t->imp_stage == IMP_BUSY)
		return "";
	if (t->imp == IMP_SCAN)
		return "Up/Down:move|Space:toggle|a:all/none|y:apply|n/Esc:discard";
	return "y:apply|n/Esc:discard|BkSp:other file";
}

/* ---- reading (the main loop calls this after the "reading..." frame) ---- */

static char *read_traffic(struct tui *t)
{
	struct stat st;
	if (strcmp(t->imp_path, "-") == 0)
		return xstrdup("the wizard cannot read standard input: give a file");
	if (stat(t->imp_path, &st) != 0)
		return xasprintf("%s: %s", t->imp_path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return xasprintf("%s: not a regular file", t->imp_path);
	struct traffic *tr = traffic_new(TRAFFIC_AUTO);
	struct diag_list d = {0};
	char *err = NULL;
	if (traffic_read_file(tr, t->imp_path, &d) != 0) {
		err = d.count ? diag_format(&d.items[0]) : xasprintf("%s: cannot be read", t->imp_path);
		/* The wizard has no --format to suggest. */
		char *hint = strstr(err, " (use --format)");
		if (hint)
			*hint = '\0';
	} else {
		const struct diag_list *bad = traffic_bad_lines(tr);
		if (bad && bad->count) {
			const struct diag *b0 = &bad->items[0];
			const char *base = b0->file ? strrchr(b0->file, '/') : NULL;
			t->imp_bad = xasprintf("%s:%u: %s", base ? base + 1 : b0->file ? b0->file : "?",
					       b0->line, b0->message ? b0->message : "");
		}
		t->imp_fmt = traffic_last_format(tr);
		if (traffic_summarize(tr, &t->imp_sum) != 0) {
			memset(&t->imp_sum, 0, sizeof t->imp_sum);
			err = t->imp_bad ? xasprintf("no request could be read; first bad line %s", t->imp_bad)
					 : xasprintf("%s: no request in it", t->imp_path);
		} else {
			t->imp_sum_ok = true;
		}
	}
	diag_list_fini(&d);
	traffic_free(tr);
	return err;
}

static char *read_scan(struct tui *t)
{
	struct stat st;
	if (stat(t->imp_path, &st) != 0)
		return xasprintf("%s: %s", t->imp_path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return xasprintf("%s: not a folder", t->imp_path);
	char *err = NULL;
	if (scan_dir(t->imp_path, &t->imp_scan, &err) != 0) {
		scan_result_fini(&t->imp_scan);
		memset(&t->imp_scan, 0, sizeof t->imp_scan);
		return err ? err : xasprintf("%s: cannot be scanned", t->imp_path);
	}
	scan_merge(&t->imp_scan, &t->imp_sa);
	t->imp_scan_ok = true;
	t->imp_on = xcalloc(t->imp_sa.count + 1, sizeof *t->imp_on);
	for (size_t i = 0; i < t->imp_sa.count; i++)
		t->imp_on[i] = model_question_index(t->m, t->imp_sa.items[i].question) >= 0;
	return NULL;
}

void tui_import_run(struct tui *t)
{
	if (t->imp == IMP_NONE || t->imp_stage != IMP_BUSY)
		return;
	char *err = t->imp == IMP_TRAFFIC ? read_traffic(t) : read_scan(t);
	if (err) {
		clear_result(t);
		t->imp_err = err;
		t->imp_stage = IMP_ASK;
		t->imp_field.fresh = true; /* typing replaces it, BkSp edits it */
	} else {
		t->imp_stage = IMP_SHOW;
	}
}

/* ---- applying ---- */

/* Sets a number answer, clamped to the question's range; 1 set, 0 no such
 * question, -1 refused (said in bad). */
static int set_number(struct tui *t, const char *id, double v, struct strbuf *done,
		      struct strbuf *bad)
{
	int q = model_question_index(t->m, id);
	if (q < 0 || model_question(t->m, (size_t)q)->kind != QK_NUMBER)
		return 0;
	const struct question *qu = model_question(t->m, (size_t)q);
	if (qu->max > qu->min) {
		if (v > qu->max)
			v = qu->max;
		if (v < qu->min)
			v = qu->min;
	}
	char *err = NULL;
	if (answers_set_number(t->m, t->a, (size_t)q, v, &err) != 0) {
		sb_printf(bad, "%s%s: %s", bad->len ? "; " : "", id, err ? err : "refused");
		free(err);
		return -1;
	}
	char num[64];
	tui_format_plain(num, sizeof num, v);
	sb_printf(done, "%s%s %s", done->len ? ", " : "", id, num);
	return 1;
}

static int set_choice(struct tui *t, const char *id, const char *opt_id, struct strbuf *done,
		      struct strbuf *bad)
{
	int q = model_question_index(t->m, id);
	if (q < 0 || model_question(t->m, (size_t)q)->kind != QK_SINGLE)
		return 0;
	int opt = model_option_index(model_question(t->m, (size_t)q), opt_id);
	if (opt < 0 || answers_set_option(t->m, t->a, (size_t)q, opt) != 0) {
		sb_printf(bad, "%s%s: %s is not an option", bad->len ? "; " : "", id, opt_id);
		return -1;
	}
	sb_printf(done, "%s%s %s", done->len ? ", " : "", id, opt_id);
	return 1;
}

static void apply_traffic(struct tui *t)
{
	const struct traffic_summary *s = &t->imp_sum;
	struct strbuf done = {0}, bad = {0};
	set_number(t, "requests_per_day", round(s->requests_per_day), &done, &bad);
	set_choice(t, "traffic_pattern", traffic_pattern_id(s->pattern), &done, &bad);
	if (!isnan(s->avg_duration_ms))
		set_number(t, "avg_duration_ms", round(s->avg_duration_ms * 10) / 10, &done, &bad);
	if (done.len)
		tui_answers_changed(t);
	if (bad.len)
		tui_set_status(t, true, "Applied %s; not applied: %s", done.len ? done.data : "nothing",
			       bad.data);
	else
		tui_set_status(t, false, "Applied from the log: %s", done.len ? done.data : "nothing");
	sb_fini(&done);
	sb_fini(&bad);
}

/* One merged scan answer into the answers, checked like an answers file. */
static int apply_scan_answer(struct tui *t, const struct scan_answer *x, char **why)
{
	int q = model_question_index(t->m, x->question);
	if (q < 0) {
		*why = xstrdup("not a question of this questionnaire");
		return -1;
	}
	const struct question *qu = model_question(t->m, (size_t)q);
	switch (qu->kind) {
	case QK_SINGLE: {
		int opt = model_option_index(qu, x->values[0]);
		if (opt < 0) {
			*why = xasprintf("%s is not an option", x->values[0]);
			return -1;
		}
		return answers_set_option(t->m, t->a, (size_t)q, opt);
	}
	case QK_MULTIPLE: {
		uint64_t sel = t->a->values[q].present ? answers_selected(t->m, t->a, (size_t)q) : 0;
		for (size_t k = 0; k < x->values_count; k++) {
			int opt = model_option_index(qu, x->values[k]);
			if (opt >= 0 && opt < 64)
				sel |= UINT64_C(1) << opt;
		}
		return answers_set_selected(t->m, t->a, (size_t)q, sel);
	}
	case QK_NUMBER:
		return answers_set_number(t->m, t->a, (size_t)q, strtod(x->values[0], NULL), why);
	case QK_TEXT:
		return answers_set_text(t->m, t->a, (size_t)q, x->values[0], why);
	}
	return -1;
}

static void apply_scan(struct tui *t)
{
	size_t applied = 0;
	struct strbuf bad = {0};
	for (size_t i = 0; i < t->imp_sa.count; i++) {
		if (!t->imp_on[i])
			continue;
		char *why = NULL;
		if (apply_scan_answer(t, &t->imp_sa.items[i], &why) == 0)
			applied++;
		else
			sb_printf(&bad, "%s%s: %s", bad.len ? "; " : "", t->imp_sa.items[i].question,
				  why ? why : "refused");
		free(why);
	}
	if (applied)
		tui_answers_changed(t);
	if (bad.len)
		tui_set_status(t, true, "%zu answers applied from the scan; not applied: %s", applied,
			       bad.data);
	else
		tui_set_status(t, false, "%zu answers applied from the scan; confirm or change each"
			       " as you go", applied);
	sb_fini(&bad);
}

/* ---- drawing ---- */

struct box { int y, x, h, w; };

static struct box panel_box(const struct tui *t, int want_h)
{
	struct box b;
	b.w = t->cols - 4 > 100 ? 100 : t->cols - 4;
	b.h = want_h > t->rows - 3 ? t->rows - 3 : want_h;
	b.x = (t->cols - b.w) / 2;
	b.y = want_h >= t->rows - 3 ? 1 : (t->rows - 2 - b.h) / 2;
	for (int i = 0; i < b.h; i++)
		tui_fill(t, b.y + i, b.x, b.w, ROLE_OVERLAY);
	tui_box(t, stdscr, b.y, b.x, b.h, b.w);
	return b;
}

static void draw_ask(struct tui *t)
{
	bool scan = t->imp == IMP_SCAN;
	struct box b = panel_box(t, 11);
	int x = b.x + 2, w = b.w - 4, y = b.y + 1;
	tui_text(t, b.y, x, w, scan ? " Scan a repository " : " Import traffic ", ROLE_HEADING);
	/* Wrapped: at 80 columns these did not fit on one line. */
	y += tui_wrapped(t, y, x, w, 2, scan ? "Folder to scan (Dockerfiles, Kubernetes, Helm, "
				 "serverless.yml, Compose, package files):"
				 : "Access log to read (nginx/Apache combined, ALB, CloudFront or "
				 "timestamp,count CSV; .gz too):", ROLE_QUESTION);
	if (t->imp_stage == IMP_BUSY) {
		tui_textf(t, y + 1, x, w, ROLE_WARN, "%s %s%s", scan ? "scanning" : "reading",
			  t->imp_path, t->g->ellipsis);
		return;
	}
	tui_field_draw(t, y++, x, w, &t->imp_field, true, !t->imp_err);
	tui_text(t, y++, x, w, "~ is your home folder. Enter reads it, Esc cancels.", ROLE_DIM);
	if (t->imp_err)
		tui_textf(t, y, x, w, ROLE_ERROR, "%s %s", t->g->bad, t->imp_err);
	y += 2;
	tui_wrapped(t, y, x, w, 2, scan ? "Nothing changes until you apply; then you confirm each "
		    "answer." : "Nothing changes until you apply: requests/day, traffic pattern, "
		    "average duration.", ROLE_DIM);
}

static const char *option_label(const struct tui *t, const char *qid, const char *opt_id)
{
	int q = model_question_index(t->m, qid);
	if (q < 0)
		return opt_id;
	const struct question *qu = model_question(t->m, (size_t)q);
	int o = model_option_index(qu, opt_id);
	return o >= 0 ? qu->options[o].label : opt_id;
}

/* "requests_per_day: 50000 -> 120000" style line of what y changes. */
static void describe_change(const struct tui *t, struct strbuf *sb, const char *id, const char *to)
{
	int q = model_question_index(t->m, id);
	if (q < 0)
		return;
	const struct question *qu = model_question(t->m, (size_t)q);
	char now[64];
	if (qu->kind == QK_NUMBER) {
		tui_format_plain(now, sizeof now, answers_number(t->m, t->a, (size_t)q));
	} else if (qu->kind == QK_SINGLE) {
		int o = answers_option(t->m, t->a, (size_t)q);
		snprintf(now, sizeof now, "%s", o >= 0 ? qu->options[o].id : "-");
	} else {
		return;
	}
	if (strcmp(now, to) == 0) /* no change: do not show one */
		sb_printf(sb, "%s%s stays %s", sb->len ? "; " : "", id, now);
	else
		sb_printf(sb, "%s%s %s %s %s", sb->len ? "; " : "", id, now, t->g->arrow, to);
}

/* Hour-of-day columns, scaled to the busiest hour; rows high. */
static void draw_hours(struct tui *t, int y, int x, int w, int rows, const uint64_t *hours)
{
	uint64_t max = 0;
	for (int h = 0; h < 24; h++)
		if (hours[h] > max)
			max = hours[h];
	int cw = w / 24 > 4 ? 4 : w / 24;
	if (cw < 1 || rows < 1)
		return;
	struct strbuf cell = {0};
	for (int i = 0; i < cw - (cw > 1); i++)
		sb_append(&cell, t->g->bar);
	for (int h = 0; h < 24; h++) {
		int filled = 0;
		if (max && hours[h]) {
			filled = (int)lround((double)hours[h] / (double)max * rows);
			if (filled < 1)
				filled = 1;
		}
		for (int r = 0; r < rows; r++) {
			bool on = rows - r <= filled;
			if (on)
				tui_text(t, y + r, x + h * cw, cw, cell.data, ROLE_BAR);
			else if (r == rows - 1)
				tui_text(t, y + r, x + h * cw, cw, t->g->bar_empty, ROLE_BAR_EMPTY);
		}
	}
	sb_fini(&cell);
	for (int h = 0; h < 24; h += cw >= 3 ? 3 : 6)
		tui_textf(t, y + rows, x + h * cw, 3, ROLE_DIM, "%02d", h);
}

static void draw_traffic(struct tui *t)
{
	const struct traffic_summary *s = &t->imp_sum;
	struct box b = panel_box(t, 24);
	int x = b.x + 2, w = b.w - 4, y = b.y + 1, bottom = b.y + b.h - 1;
	char rpd[32], rps[32], rpm[32], lines[32], badn[32];
	tui_text(t, b.y, x, w, " Import traffic ", ROLE_HEADING);
	tui_textf(t, y++, x, w, ROLE_NORMAL, "%s (%s)", t->imp_path, traffic_format_name(t->imp_fmt));
	tui_format_plain(lines, sizeof lines, (double)s->lines);
	tui_format_plain(badn, sizeof badn, (double)s->bad_lines);
	tui_textf(t, y++, x, w, s->bad_lines ? ROLE_WARN : ROLE_DIM, "%s lines over %.1f days, "
		  "%s bad%s%s", lines, s->days, badn, t->imp_bad ? "; first: " : "",
		  t->imp_bad ? t->imp_bad : "");
	tui_format_si(rpd, sizeof rpd, s->requests_per_day);
	tui_format_si(rps, sizeof rps, s->peak_rps);
	tui_format_si(rpm, sizeof rpm, s->peak_rpm);
	int c = tui_textf(t, y, x, w, ROLE_QUESTION, "Requests/day %s", rpd);
	c += tui_textf(t, y, x + c, w - c, ROLE_NORMAL, "  %s peak %s rps (%s/min)  %s idle hours"
		       " %.0f%%", t->g->mid_dot, rps, rpm, t->g->mid_dot, s->idle_fraction * 100);
	if (!isnan(s->avg_duration_ms)) {
		char avg[64];
		tui_format_plain(avg, sizeof avg, round(s->avg_duration_ms * 10) / 10);
		tui_textf(t, y, x + c, w - c, ROLE_NORMAL, "  %s avg %s ms", t->g->mid_dot, avg);
	}
	else
		tui_textf(t, y, x + c, w - c, ROLE_DIM, "  %s no durations", t->g->mid_dot);
	y++;
	const char *pid = traffic_pattern_id(s->pattern);
	char *pat = xasprintf("Pattern: %s (%s): %s", pid, option_label(t, "traffic_pattern", pid),
			      s->reason);
	y += tui_wrapped(t, y, x, w, 2, pat, ROLE_NORMAL);
	free(pat);
	y++;
	tui_text(t, y++, x, w, "Requests by hour of day (UTC)", ROLE_HEADING);
	/* Rows left: chart, its axis, a blank, two of changes, the keys. */
	int rows = bottom - y - 5;
	if (rows > 10)
		rows = 10;
	draw_hours(t, y, x, w, rows, s->hour_of_day);
	y += rows + 2;

	struct strbuf sb = {0};
	char num[64];
	tui_format_plain(num, sizeof num, round(s->requests_per_day));
	describe_change(t, &sb, "requests_per_day", num);
	describe_change(t, &sb, "traffic_pattern", pid);
	if (!isnan(s->avg_duration_ms)) {
		tui_format_plain(num, sizeof num, round(s->avg_duration_ms * 10) / 10);
		describe_change(t, &sb, "avg_duration_ms", num);
	}
	char *msg = xasprintf("y applies: %s", sb.data ? sb.data : "nothing");
	tui_wrapped(t, y, x, w, bottom - y - 1, msg, ROLE_CURRENT);
	free(msg);
	sb_fini(&sb);
	tui_text(t, bottom - 1, x, w, "y: apply    n or Esc: discard    Backspace: another file",
		 ROLE_DIM);
}

/* The current answer to question q as the scan writes values (option ids,
 * numbers, text): *n values (owned, free with tui_lines_free), or NULL
 * when it has none. */
static char **answer_vals(const struct tui *t, int q, size_t *n)
{
	*n = 0;
	if (q < 0 || !t->a->values[q].present)
		return NULL;
	const struct question *qu = model_question(t->m, (size_t)q);
	char **v = xcalloc(qu->options_count + 1, sizeof *v);
	char num[64];
	switch (qu->kind) {
	case QK_SINGLE: {
		int o = answers_option(t->m, t->a, (size_t)q);
		v[(*n)++] = xstrdup(o >= 0 ? qu->options[o].id : "-");
		break;
	}
	case QK_MULTIPLE: {
		uint64_t sel = answers_selected(t->m, t->a, (size_t)q);
		for (unsigned i = 0; i < qu->options_count && i < 64; i++)
			if (sel & (UINT64_C(1) << i))
				v[(*n)++] = xstrdup(qu->options[i].id);
		if (!*n)
			v[(*n)++] = xstrdup("none");
		break;
	}
	case QK_NUMBER:
		tui_format_plain(num, sizeof num, answers_number(t->m, t->a, (size_t)q));
		v[(*n)++] = xstrdup(num);
		break;
	case QK_TEXT:
		v[(*n)++] = xstrdup(answers_text(t->m, t->a, (size_t)q));
		break;
	}
	return v;
}

static bool same_vals(char *const *a, size_t an, char *const *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* The last sep-separated word of s, or s. */
static const char *last_word(const char *s, char sep)
{
	const char *u = strrchr(s, sep);
	return u ? u + 1 : s;
}

/* A question's short name from its id: "workload_type" -> "Workload
 * type"; a last word that is the unit goes ("memory_mb" -> "Memory"). */
static char *question_short(const struct question *qu, const char *id)
{
	char *s = xstrdup(id);
	char *u = strrchr(s, '_');
	if (u && qu && qu->kind == QK_NUMBER && qu->unit && strcasecmp(u + 1, qu->unit) == 0)
		*u = '\0';
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* Values as a person reads them: option labels ("HTTP API"), numbers with
 * their unit ("512 MB"; none when the name already says it: "Container
 * port: 8080"), text as it is. qu NULL: the values as they are. */
static char *values_text(const struct question *qu, const char *name, char *const *v, size_t n)
{
	struct strbuf sb = {0};
	sb_append(&sb, "");
	for (size_t k = 0; k < n; k++) {
		if (k)
			sb_append(&sb, ", ");
		const char *shown = v[k];
		if (qu && (qu->kind == QK_SINGLE || qu->kind == QK_MULTIPLE)) {
			for (unsigned i = 0; i < qu->options_count; i++)
				if (strcmp(qu->options[i].id, v[k]) == 0 && qu->options[i].label)
					shown = qu->options[i].label;
		} else if (qu && qu->kind == QK_NUMBER) {
			char *end = NULL;
			double d = strtod(v[k], &end);
			char num[64];
			if (end != v[k] && !*end) {
				if (fabs(d) >= 10000)
					tui_format_grouped(num, sizeof num, d);
				else
					tui_format_plain(num, sizeof num, d);
				shown = num;
			}
			sb_append(&sb, shown);
			if (qu->unit && qu->unit[0] && strcasecmp(last_word(name, ' '), qu->unit) != 0)
				sb_printf(&sb, " %s", qu->unit);
			continue;
		}
		sb_append(&sb, shown);
	}
	return sb_take(&sb);
}

static void draw_scan(struct tui *t)
{
	struct box b = panel_box(t, 30);
	int x = b.x + 2, w = b.w - 4, y = b.y + 1, bottom = b.y + b.h - 1;
	const struct scan_answers *sa = &t->imp_sa;
	tui_text(t, b.y, x, w, " Scan a repository ", ROLE_HEADING);
	tui_textf(t, y++, x, w, ROLE_NORMAL, "%s: %zu files read, %zu findings%s", t->imp_path,
		  t->imp_scan.files_read, t->imp_scan.count,
		  t->imp_scan.truncated ? " (stopped at the file limit)" : "");
	if (!sa->count) {
		tui_text(t, y + 1, x, w, "Nothing found that answers a question. n or Esc closes.",
			 ROLE_WARN);
		return;
	}
	size_t on = 0;
	for (size_t i = 0; i < sa->count; i++)
		on += t->imp_on[i];
	tui_textf(t, y++, x, w, ROLE_DIM, "%zu of %zu answers checked; Space toggles, y applies"
		  " the checked ones", on, sa->count);
	y++;
	int per = 2, fit = (bottom - 1 - y) / per;
	if (fit < 1)
		fit = 1;
	if (t->imp_sel < t->imp_top)
		t->imp_top = t->imp_sel;
	if (t->imp_sel >= t->imp_top + (size_t)fit)
		t->imp_top = t->imp_sel - (size_t)fit + 1;
	for (size_t i = t->imp_top; i < sa->count && y + per <= bottom - 1; i++) {
		const struct scan_answer *a = &sa->items[i];
		bool here = i == t->imp_sel;
		int qi = model_question_index(t->m, a->question);
		const struct question *qu = qi >= 0 ? model_question(t->m, (size_t)qi) : NULL;
		char *name = question_short(qu, a->question);
		char *v = values_text(qu, name, a->values, a->values_count);
		if (here)
			tui_fill(t, y, x, w, ROLE_CURSOR);
		enum tui_role r = here ? ROLE_CURSOR : t->imp_on[i] ? ROLE_QUESTION : ROLE_DIM;
		int c = tui_textf(t, y, x, w, r, "%s %s %s: %s", here ? t->g->pointer : " ",
				  t->imp_on[i] ? t->g->check_on : t->g->check_off, name, v);
		size_t nn = 0;
		char **now = answer_vals(t, qi, &nn);
		if (now && !same_vals(now, nn, a->values, a->values_count)) {
			char *nv = values_text(qu, name, now, nn);
			tui_textf(t, y, x + c, w - c, here ? ROLE_CURSOR : ROLE_DIM, "  (now %s)", nv);
			free(nv);
		}
		if (now)
			tui_lines_free(now, nn);
		free(v);
		free(name);
		const struct scan_finding *f = a->from;
		size_t others = 0;
		for (size_t k = 0; k < t->imp_scan.count; k++)
			others += t->imp_scan.items[k].question &&
				  strcmp(t->imp_scan.items[k].question, a->question) == 0 &&
				  &t->imp_scan.items[k] != f;
		char more[48] = "";
		if (others)
			snprintf(more, sizeof more, "  (+%zu more finding%s)", others,
				 others == 1 ? "" : "s");
		if (f && f->line)
			tui_textf(t, y + 1, x + 6, w - 6, ROLE_DIM, "%s:%u: %s%s", f->file, f->line,
				  f->evidence, more);
		else if (f)
			tui_textf(t, y + 1, x + 6, w - 6, ROLE_DIM, "%s: %s%s", f->file, f->evidence,
				  more);
		y += per;
	}
	if (t->imp_top > 0)
		tui_textf(t, b.y + 3, x + w - 12, 12, ROLE_DIM, "%s more above", t->g->pointer);
	if (t->imp_top + (size_t)fit < sa->count)
		tui_textf(t, bottom - 1, x + w - 12, 12, ROLE_DIM, "%s more below", t->g->pointer);
	tui_text(t, bottom - 1, x, w - 14, "y: apply checked   a: all/none   n or Esc: discard",
		 ROLE_DIM);
}

void tui_import_draw(struct tui *t)
{
	if (t->imp == IMP_NONE)
		return;
	if (t->imp_stage != IMP_SHOW)
		draw_ask(t);
	else if (t->imp == IMP_TRAFFIC)
		draw_traffic(t);
	else
		draw_scan(t);
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

/* After applying: the wizard shows the new answer of its question. */
static enum tui_action applied(struct tui *t)
{
	tui_import_close(t);
	return t->screen == SCR_WIZARD ? ACT_WIZARD : ACT_REDRAW;
}

enum tui_action tui_import_key(struct tui *t, int ch)
{
	if (t->imp == IMP_NONE || ch == KEY_MOUSE || t->imp_stage == IMP_BUSY)
		return ACT_NONE;
	if (t->imp_stage == IMP_ASK) {
		if (ch == 27) {
			tui_import_close(t);
			return ACT_REDRAW;
		}
		if (is_enter(ch)) {
			start(t);
			return ACT_REDRAW;
		}
		return tui_field_key(&t->imp_field, ch) ? ACT_REDRAW : ACT_NONE;
	}
	/* IMP_SHOW */
	if (ch == 27 || ch == 'n' || ch == 'N') {
		tui_set_status(t, false, "Nothing applied.");
		tui_import_close(t);
		return ACT_REDRAW;
	}
	if (is_erase(ch)) {
		clear_result(t);
		t->imp_stage = IMP_ASK;
		t->imp_field.fresh = true;
		return ACT_REDRAW;
	}
	if (ch == 'y' || ch == 'Y') {
		if (t->imp == IMP_TRAFFIC)
			apply_traffic(t);
		else if (t->imp_sa.count)
			apply_scan(t);
		return applied(t);
	}
	if (t->imp != IMP_SCAN || !t->imp_sa.count)
		return ACT_NONE;
	size_t n = t->imp_sa.count;
	switch (ch) {
	case KEY_UP: case 'k':
		t->imp_sel = t->imp_sel ? t->imp_sel - 1 : n - 1;
		return ACT_REDRAW;
	case KEY_DOWN: case 'j':
		t->imp_sel = t->imp_sel + 1 < n ? t->imp_sel + 1 : 0;
		return ACT_REDRAW;
	case KEY_HOME:
		t->imp_sel = 0;
		return ACT_REDRAW;
	case KEY_END:
		t->imp_sel = n - 1;
		return ACT_REDRAW;
	case ' ':
		t->imp_on[t->imp_sel] = !t->imp_on[t->imp_sel];
		return ACT_REDRAW;
	case 'a': {
		bool all = true;
		for (size_t i = 0; i < n; i++)
			all &= t->imp_on[i];
		for (size_t i = 0; i < n; i++)
			t->imp_on[i] = !all;
		return ACT_REDRAW;
	}
	}
	return ACT_NONE;
}
