/* help.c: the overlays drawn in a window above the screen: the key help,
 * the quit confirmation and the overwrite question of the export tab. The
 * window is refreshed after stdscr, so it stays on top; the panel library
 * would do the same but leaks its root panel at exit (LeakSanitizer). */
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "util.h"

static const char *const help_lines[] = {
	"Everywhere (outside a text field)",
	"  ? F1 this help  q quit (y confirms)  Ctrl-L repaint  mouse clicks",
	"Questions",
	"  Up/Down j/k 1-9  move between options",
	"  Enter            accept the answer and go on",
	"  Space            choose / toggle the option",
	"  Tab / S-Tab      next / previous question, no answer",
	"  Esc              cancel the edit; else back (Left, BkSp on options)",
	"  PgDn / PgUp      next / previous section",
	"  i  /  s          import traffic from a log / scan a repository",
	"Typing in a field (numbers show what they mean: = 2,500,000)",
	"  Left/Right Home/End  move   BkSp/Del erase   ^A ^E start/end",
	"  ^U / ^K  cut before / after the cursor   ^W cut a word",
	"  Leaving a question keeps what you typed; Enter saves it",
	"Review: Enter shows the result, or edits the answer",
	"Result",
	"  1-7 Tab S-Tab    switch tabs; b back to the review",
	"  +/-  r           matrix: weight of a factor, reset",
	"  Enter +/- r      cost: what-if edit, step, reset (not your answers)",
	"  a  /  u          cost: apply the what-if (asks) / undo the apply",
	"  Up/Down PgDn     scroll tabs 1 and 5; 3, 6: pick a case, a file",
	"  Enter Space w    export: edit a folder, toggle a target, write",
	"Answers are saved after every change (archwise --resume).",
	"Any key closes this help.",
};

void tui_overlay_hide(struct tui *t)
{
	if (t->ovl_win)
		delwin(t->ovl_win);
	t->ovl_win = NULL;
}

void tui_overlay_open(struct tui *t, enum tui_overlay o)
{
	tui_overlay_hide(t);
	t->overlay = o;
}

void tui_overlay_close(struct tui *t)
{
	tui_overlay_hide(t);
	t->overlay = OVL_NONE;
}

static void put(const struct tui *t, WINDOW *w, int y, int x, int width, const char *s,
		enum tui_role r)
{
	char *clean = tui_sanitize(s, false);
	if (!t->utf8)
		tui_asciify(clean);
	size_t fit = tui_fit_bytes(clean, width);
	wattrset(w, (int)tui_attr(t, r));
	mvwaddnstr(w, y, x, clean, (int)fit);
	wattrset(w, A_NORMAL);
	free(clean);
}

void tui_overlay_draw(struct tui *t)
{
	const char *title;
	const char *const *lines;
	size_t n;
	char *owned[3] = {0};
	const char *small[6];
	if (t->overlay == OVL_HELP) {
		title = " Keys ";
		lines = help_lines;
		n = sizeof help_lines / sizeof help_lines[0];
	} else if (t->overlay == OVL_QUIT) {
		title = " Quit ";
		small[0] = "Quit archwise?";
		small[1] = !t->save_ok ? "The last autosave FAILED: answers may be lost."
			   : t->saved_any ? "Your answers are saved in"
			   : "Nothing was changed in this run; the saved answers are in";
		owned[0] = xasprintf("%s (archwise --resume).", t->session_file ? t->session_file : "?");
		small[2] = owned[0];
		small[3] = "y: quit    any other key: stay";
		lines = small;
		n = 4;
		if (!t->save_ok || (!t->saved_any && !t->session_pending)) {
			small[1] = !t->save_ok ? small[1] : "Nothing was changed, so nothing was saved.";
			small[2] = small[3];
			n = 3;
		}
	} else if (t->overlay == OVL_MKADR) {
		title = " Create the ADR folder? ";
		owned[0] = xasprintf("The ADR folder %s does not exist.", t->adr_field.buf);
		small[0] = owned[0];
		small[1] = "Create it and write the record there?";
		small[2] = "y: create it and write    any other key: write nothing";
		lines = small;
		n = 3;
	} else if (t->overlay == OVL_APPLY) {
		title = " Apply the what-if? ";
		small[0] = "Make these your answers?";
		owned[0] = tui_cost_changes(t, "\n", false);
		small[1] = owned[0];
		small[2] = "The review marks them; u on the Cost tab undoes.";
		small[3] = "y: apply    any other key: keep your answers";
		lines = small;
		n = 4;
	} else if (t->overlay == OVL_SESSION) {
		title = " Saved session ";
		small[0] = "A saved session was found:";
		small[1] = t->session_info ? t->session_info : "";
		owned[0] = xasprintf("in %s", t->session_file ? t->session_file : "?");
		small[2] = owned[0];
		small[3] = t->session_readable ? "c / Enter: continue it" : "";
		owned[1] = xasprintf("n: start fresh (the old one is kept as %s.1)",
				     t->session_file ? t->session_file : "session.yaml");
		small[4] = owned[1];
		small[5] = "q: quit";
		lines = small;
		n = 6;
	} else {
		title = " Overwrite? ";
		owned[0] = xasprintf("Files already exist in %s.", t->dir_field.buf);
		small[0] = owned[0];
		small[1] = "Overwrite them with the new versions?";
		small[2] = "y: overwrite    any other key: keep them";
		lines = small;
		n = 3;
	}
	/* Questions wrap to the window; the help keeps its columns. */
	int limit = t->cols - 2 < 80 ? t->cols - 2 : 80;
	char **wrapped = NULL;
	size_t nw = 0;
	if (t->overlay != OVL_HELP) {
		for (size_t i = 0; i < n; i++) {
			char **part;
			size_t k = tui_wrap(lines[i], limit - 4, &part);
			wrapped = xrealloc(wrapped, (nw + k + 1) * sizeof *wrapped);
			for (size_t j = 0; j < k; j++)
				wrapped[nw++] = part[j];
			free(part);
		}
		lines = (const char *const *)wrapped;
		n = nw;
	}
	int wd = 0;
	for (size_t i = 0; i < n; i++) {
		int w = tui_text_width(lines[i]);
		if (w > wd)
			wd = w;
	}
	wd += 4;
	if (wd > t->cols - 2)
		wd = t->cols - 2;
	int h = (int)n + 2;
	if (h > t->rows - 2)
		h = t->rows - 2;
	int y = (t->rows - h) / 2, x = (t->cols - wd) / 2;
	tui_overlay_hide(t);
	t->ovl_win = newwin(h, wd, y, x);
	if (t->ovl_win) {
		wbkgdset(t->ovl_win, ' ' | tui_attr(t, ROLE_OVERLAY));
		werase(t->ovl_win);
		tui_box(t, t->ovl_win, 0, 0, h, wd);
		put(t, t->ovl_win, 0, 2, wd - 4, title, ROLE_HEADING);
		for (size_t i = 0; i < n && (int)i < h - 2; i++) {
			bool head = t->overlay == OVL_HELP && lines[i][0] && lines[i][0] != ' ';
			put(t, t->ovl_win, (int)i + 1, 2, wd - 4, lines[i],
			    head ? ROLE_HEADING : i == 0 && t->overlay != OVL_HELP ? ROLE_QUESTION : ROLE_NORMAL);
		}
	}
	tui_lines_free(wrapped, nw);
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		free(owned[i]);
	if (t->ovl_win)
	wnoutrefresh(t->ovl_win);
}
