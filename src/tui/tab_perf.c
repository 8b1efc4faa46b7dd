/* tab_perf.c: result tab 5: expected P95 latency per architecture (steady,
 * after idle, spike), cold-start notes and the hard limits the answers hit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "util.h"

static void perf_enter(struct tui *t)
{
	tui_ensure_eval(t, false);
	t->perf_scroll = 0;
}

/* Longest task in seconds from the `longest_task` answer. */
static double longest_task_s(const struct tui *t)
{
	const char *c = answers_choice_by_id(t->m, t->a, "longest_task");
	if (!c)
		return 0;
	if (strcmp(c, "under_1s") == 0)
		return 1;
	if (strcmp(c, "under_15min") == 0)
		return 900;
	if (strcmp(c, "over_15min") == 0)
		return 3600;
	if (strcmp(c, "always_on") == 0)
		return INFINITY;
	return 0;
}

static bool wants_gpu(const struct tui *t)
{
	int q = model_question_index(t->m, "hardware");
	if (q < 0)
		return false;
	int o = model_option_index(model_question(t->m, (size_t)q), "gpu");
	return o >= 0 && (answers_selected(t->m, t->a, (size_t)q) >> o) & 1;
}

/* Appends to sb the limits of architecture ar that the answers exceed. */
static int limits_hit(const struct tui *t, const struct architecture *ar, struct strbuf *sb)
{
	int n = 0;
	const struct hard_limits *l = &ar->limits;
	double task = longest_task_s(t);
	double dur = answers_number_by_id(t->m, t->a, "avg_duration_ms") / 1000.0;
	double mem = answers_number_by_id(t->m, t->a, "memory_mb");
	if (l->max_duration_s > 0 && (task > l->max_duration_s || dur > l->max_duration_s)) {
		sb_printf(sb, "%stasks run longer than its %.0f s limit", n++ ? "; " : "", l->max_duration_s);
	}
	if (l->max_memory_mb > 0 && isfinite(mem) && mem > l->max_memory_mb)
		sb_printf(sb, "%s%.0f MB is above its %.0f MB memory limit", n++ ? "; " : "", mem,
			  l->max_memory_mb);
	if (!l->gpu && wants_gpu(t))
		sb_printf(sb, "%sno GPUs", n++ ? "; " : "");
	return n;
}

static void perf_draw(struct tui *t)
{
	int top = TUI_CONTENT_TOP, x = 2, w = t->cols - 4, bottom = 1 << 20;
	tui_scroll_begin(t, top, tui_content_bottom(t));
	int y = top - t->perf_scroll;
	/* The names in full when the three columns still fit beside them. */
	int nw = 0;
	for (int a = 0; a < ARCH_COUNT; a++) {
		int aw = tui_text_width(tui_arch_name(t, (enum arch)a)) + 2;
		if (aw > nw)
			nw = aw;
	}
	if (nw > w - 32)
		nw = w - 32 > 20 ? w - 32 : 20;
	tui_text(t, y, x, nw, "P95 latency (ms)", ROLE_HEADING);
	tui_text(t, y, x + nw, 10, "steady", ROLE_HEADING);
	tui_text(t, y, x + nw + 10, 12, "after idle", ROLE_HEADING);
	tui_text(t, y, x + nw + 22, 10, "spike", ROLE_HEADING);
	y++;
	for (int a = 0; a < ARCH_COUNT && y < bottom; a++, y++) {
		const struct architecture *ar = t->m->arch[a];
		bool rec = t->ev_ok && t->ev.recommendation == (enum arch)a;
		tui_text(t, y, x, nw, tui_arch_name(t, (enum arch)a), rec ? ROLE_WINNER : tui_arch_role((enum arch)a));
		if (!ar)
			continue;
		tui_textf(t, y, x + nw, 10, ROLE_NORMAL, "%6u", ar->latency.steady_ms);
		tui_textf(t, y, x + nw + 10, 12, ar->latency.after_idle_ms > 2 * ar->latency.steady_ms
			  ? ROLE_WARN : ROLE_NORMAL, "%8u", ar->latency.after_idle_ms);
		tui_textf(t, y, x + nw + 22, 10, ROLE_NORMAL, "%6u", ar->latency.spike_ms);
	}
	const struct architecture *k = t->m->arch[ARCH_KUBERNETES];
	if (k && k->latency.source && y < bottom)
		tui_textf(t, y++, x, w, ROLE_DIM, "source: %s", k->latency.source);
	/* The answer as the question put it ("Moderate"), not its id. */
	int lq = model_question_index(t->m, "latency_target");
	if (lq >= 0 && y < bottom) {
		char *target = tui_answer_text(t, t->a, (size_t)lq);
		tui_textf(t, y++, x, w, ROLE_DIM, "your response-time target: %s", target);
		free(target);
	}
	y++;
	if (y < bottom)
		tui_text(t, y++, x, w, "Hard limits your answers hit", ROLE_HEADING);
	int hits = 0;
	for (int a = 0; a < ARCH_COUNT && y < bottom; a++) {
		const struct architecture *ar = t->m->arch[a];
		if (!ar)
			continue;
		struct strbuf sb = {0};
		if (limits_hit(t, ar, &sb)) {
			char *s = sb_take(&sb);
			char *line = xasprintf("%s %s: %s", t->g->bad, tui_arch_name(t, (enum arch)a), s);
			y += tui_wrapped(t, y, x, w, bottom - y, line, ROLE_ERROR);
			free(line);
			free(s);
			hits++;
		}
		sb_fini(&sb);
	}
	if (!hits && y < bottom)
		tui_textf(t, y++, x, w, ROLE_OK, "%s none: every architecture can run this workload",
			  t->g->ok);
	y++;
	if (y < bottom)
		tui_text(t, y++, x, w, "Cold starts", ROLE_HEADING);
	for (int a = 0; a < ARCH_COUNT && y < bottom; a++) {
		const struct architecture *ar = t->m->arch[a];
		if (!ar || !ar->cold_start)
			continue;
		char *line = xasprintf("%s: %s", tui_arch_name(t, (enum arch)a), ar->cold_start);
		y += tui_wrapped(t, y, x, w, 6, line, ROLE_NORMAL);
		free(line);
	}
	t->perf_max = tui_scroll_end(t, &t->perf_scroll, y + t->perf_scroll - top);
}

static enum tui_action perf_key(struct tui *t, int ch)
{
	if (tui_scroll_key(t, &t->perf_scroll, ch)) {
		if (t->perf_scroll > t->perf_max)
			t->perf_scroll = t->perf_max;
		return ACT_REDRAW;
	}
	if (ch == KEY_LEFT || ch == KEY_BACKSPACE || ch == 127 || ch == 8 || ch == 'b')
		return ACT_BACK;
	return ACT_NONE;
}

const struct tui_screen tui_tab_perf = {
	.name = "Performance",
	.enter = perf_enter,
	.draw = perf_draw,
	.key = perf_key,
	.keys = "Up/Down/PgDn:scroll|1-7:tabs|Esc:back to answers",
};
