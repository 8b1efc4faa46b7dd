/* theme.c: the colour-role table and the glyph sets (UTF-8 or ASCII). */
#include <stdlib.h>
#include <string.h>
#include "ui.h"

struct role_def {
	short fg, bg;
	attr_t color_attr, mono_attr;
};

static const struct role_def roles[ROLE_COUNT] = {
#define TUI_ROLE_DEF(name, f, b, cattr, mattr) [ROLE_##name] = {f, b, cattr, mattr},
	TUI_ROLES(TUI_ROLE_DEF)
#undef TUI_ROLE_DEF
};

static const struct tui_glyphs glyphs_utf8 = {
	.hline = "─", .vline = "│", .tl = "┌", .tr = "┐", .bl = "└", .br = "┘",
	.tee_down = "┬", .tee_up = "┴",
	.bar = "█", .bar_empty = "░", .radio_on = "(●)", .radio_off = "( )",
	.check_on = "[✔]", .check_off = "[ ]", .pointer = "▸", .ok = "✔", .bad = "✘",
	.ellipsis = "…", .arrow = "→", .mid_dot = "·",
	.curve = {"#", "*", "+", "o", "~"},
};

static const struct tui_glyphs glyphs_ascii = {
	.hline = "-", .vline = "|", .tl = "+", .tr = "+", .bl = "+", .br = "+",
	.tee_down = "+", .tee_up = "+",
	.bar = "#", .bar_empty = ".", .radio_on = "(*)", .radio_off = "( )",
	.check_on = "[x]", .check_off = "[ ]", .pointer = ">", .ok = "ok", .bad = "X",
	.ellipsis = "~", .arrow = "->", .mid_dot = ".",
	.curve = {"#", "*", "+", "o", "~"},
};

static const char *const short_names[ARCH_COUNT] = {
	[ARCH_KUBERNETES] = "Kubernetes",
	[ARCH_SERVERLESS] = "Functions",
	[ARCH_KUBERNETES_SERVERLESS] = "Knative",
	[ARCH_SERVERLESS_CONTAINERS] = "Fargate/Run", /* not "Containers": read as Kubernetes */
	[ARCH_HYBRID] = "Hybrid",
};

void tui_theme_init(struct tui *t)
{
	t->g = t->utf8 ? &glyphs_utf8 : &glyphs_ascii;
	const char *nc = getenv("NO_COLOR");
	t->color = has_colors() && !(nc && nc[0]);
	if (!t->color)
		return;
	start_color();
	/* Without default colours (-1), fall back to white on black. */
	bool defaults = use_default_colors() == OK;
	/* Pair 0 is fixed; role r uses pair r + 1. */
	for (int r = 0; r < ROLE_COUNT; r++) {
		short fg = roles[r].fg, bg = roles[r].bg;
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(r + 1), fg, bg);
	}
	if (COLOR_PAIRS < ROLE_COUNT + 1)
		t->color = false;
}

attr_t tui_attr(const struct tui *t, enum tui_role r)
{
	if (!t->color)
		return roles[r].mono_attr;
	return COLOR_PAIR(r + 1) | roles[r].color_attr;
}

enum tui_role tui_arch_role(enum arch a)
{
	return (enum tui_role)(ROLE_ARCH0 + (int)a);
}

const char *tui_arch_short(enum arch a)
{
	return (unsigned)a < ARCH_COUNT ? short_names[a] : "?";
}

const char *tui_arch_name(const struct tui *t, enum arch a)
{
	if ((unsigned)a < ARCH_COUNT && t->m->arch[a] && t->m->arch[a]->name)
		return t->m->arch[a]->name;
	return tui_arch_short(a);
}
