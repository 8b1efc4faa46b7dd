/* tab_files.c: result tab 6: a scrollable preview of every file the export
 * would write, built in memory by export_build (nothing touches the disk). */
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "export.h"
#include "util.h"

static void files_build(struct tui *t)
{
	if (t->files_ok || t->files_err)
		return;
	tui_ensure_eval(t, false);
	if (!t->ev_ok) {
		t->files_err = xstrdup("the evaluation failed");
		return;
	}
	struct export_options o = {
		.out_dir = t->dir_field.len ? t->dir_field.buf : NULL,
		.targets = t->ex_targets,
		.answers_path = t->o ? t->o->answers_path : NULL,
	};
	char *err = NULL;
	memset(&t->files, 0, sizeof t->files);
	if (export_build(t->m, t->a, &t->ev, &o, &t->files, &err) == 0) {
		t->files_ok = true;
		free(err);
	} else {
		out_bundle_fini(&t->files);
		memset(&t->files, 0, sizeof t->files);
		t->files_err = err ? err : xstrdup("cannot build the files");
	}
	if (t->file_sel >= t->files.count)
		t->file_sel = 0;
}

static void files_enter(struct tui *t)
{
	files_build(t);
}

/* Start of line n of data (0-based) or NULL. */
static const char *line_at(const struct out_file *f, int n)
{
	const char *p = f->data, *end = f->data + f->len;
	for (int i = 0; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	return p < end ? p : NULL;
}

/* Markdown (the record, the README) wraps: its paragraphs are one line
 * each. Everything else (YAML, JSON) scrolls sideways: a wrapped key would
 * leave its ':' alone on a line. */
static bool wraps(const struct out_file *f)
{
	size_t n = strlen(f->path);
	return n >= 3 && strcmp(f->path + n - 3, ".md") == 0;
}

/* Rows line n takes when wrapped to width columns. */
static int line_rows(const struct out_file *f, int n, int width)
{
	if (!wraps(f))
		return 1;
	const char *p = line_at(f, n);
	if (!p)
		return 1;
	const char *nl = memchr(p, '\n', (size_t)(f->data + f->len - p));
	char *line = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(f->data + f->len - p));
	char **wl;
	size_t k = tui_wrap(line, width, &wl);
	tui_lines_free(wl, k);
	free(line);
	return k ? (int)k : 1;
}

static int line_count(const struct out_file *f)
{
	int n = 0;
	for (size_t i = 0; i < f->len; i++)
		n += f->data[i] == '\n';
	return n + (f->len && f->data[f->len - 1] != '\n');
}

static void files_draw(struct tui *t)
{
	int y = TUI_CONTENT_TOP, bottom = tui_content_bottom(t) + 1;
	files_build(t);
	if (!t->files_ok) {
		tui_textf(t, y, 2, t->cols - 4, ROLE_ERROR, "Cannot preview the files: %s",
			  t->files_err ? t->files_err : "unknown error");
		return;
	}
	/* The list as wide as its longest path, within a third of the screen. */
	int lw = 20;
	for (size_t i = 0; i < t->files.count; i++) {
		int pw = tui_text_width(t->files.files[i].path) + 3;
		if (pw > lw)
			lw = pw;
	}
	int cap = t->cols >= 120 ? 40 : t->cols / 3 > 26 ? t->cols / 3 : 26;
	if (lw > cap)
		lw = cap;
	tui_textf(t, y, 1, lw - 2, ROLE_HEADING, "Files (%zu)", t->files.count);
	/* Keep the selected file in view when the list is longer than the pane. */
	size_t rows = (size_t)(bottom - y - 1), first = 0;
	if (rows && t->file_sel >= rows)
		first = t->file_sel - rows + 1;
	for (size_t i = first; i < t->files.count && i - first < rows; i++) {
		int row = y + 1 + (int)(i - first);
		bool here = i == t->file_sel;
		if (here)
			tui_fill(t, row, 0, lw - 1, ROLE_CURSOR);
		/* A path too long for the list keeps its file name: the folder is
		 * plain from the neighbours ("…/serviceaccount.yaml"). */
		const char *path = t->files.files[i].path, *base = strrchr(path, '/');
		if (tui_text_width(path) > lw - 2 && base)
			tui_textf(t, row, 1, lw - 2, here ? ROLE_CURSOR : ROLE_NORMAL, "%s%s",
				  t->utf8 ? t->g->ellipsis : "...", base); /* "~/" reads as home */
		else
			tui_text(t, row, 1, lw - 2, path, here ? ROLE_CURSOR : ROLE_NORMAL);
		tui_hit(t, row, 0, lw - 1, HIT_ROW, (int)i);
	}
	tui_vline(t, y, lw - 1, bottom - y);
	if (!t->files.count)
		return;
	const struct out_file *f = &t->files.files[t->file_sel];
	int x = lw + 1, w = t->cols - x - 1, total = line_count(f);
	int h = bottom - y - 1, tw = w - 5;
	/* Long lines (the record's paragraphs) wrap, so the preview can be
	 * read; the end of the file stops at the last row. */
	int last_top = total, used = 0;
	while (last_top > 0) {
		int need = line_rows(f, last_top - 1, tw);
		if (used + need > h)
			break;
		used += need;
		last_top--;
	}
	if (t->file_top > last_top)
		t->file_top = last_top;
	if (t->file_top < 0)
		t->file_top = 0;
	int r = 0, ln = t->file_top;
	t->file_wide = 0;
	for (; r < h && ln < total; ln++) {
		const char *p = line_at(f, ln);
		if (!p)
			break;
		const char *nl = memchr(p, '\n', (size_t)(f->data + f->len - p));
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(f->data + f->len - p));
		if (!wraps(f)) {
			/* One row, from column file_left; marks where it is cut. */
			char *clean = tui_sanitize(line, false);
			free(line);
			const char *from = clean + tui_fit_bytes(clean, t->file_left);
			int lw_all = tui_text_width(clean);
			tui_textf(t, y + 1 + r, x, 5, ROLE_DIM, "%4d", ln + 1);
			if (t->file_left > 0 && lw_all > 0)
				tui_text(t, y + 1 + r, x + 4, 1, "<", ROLE_DIM);
			bool more = lw_all - t->file_left > tw;
			tui_text(t, y + 1 + r, x + 5, more ? tw - 1 : tw, from, ROLE_NORMAL);
			if (more)
				tui_text(t, y + 1 + r, x + 5 + tw - 1, 1, ">", ROLE_DIM);
			if (lw_all > t->file_wide)
				t->file_wide = lw_all;
			free(clean);
			r++;
			continue;
		}
		char **wl;
		size_t n = tui_wrap(line, tw, &wl);
		free(line);
		if ((int)n > h - r && r > 0) {
			tui_lines_free(wl, n);
			break;
		}
		tui_textf(t, y + 1 + r, x, 5, ROLE_DIM, "%4d", ln + 1);
		for (size_t k = 0; k < n && r < h; k++, r++)
			tui_text(t, y + 1 + r, x + 5, tw, wl[k], ROLE_NORMAL);
		if (!n)
			r++;
		tui_lines_free(wl, n);
	}
	t->file_shown = ln - t->file_top;
	if (!wraps(f) && (t->file_left > 0 || t->file_wide > tw))
		tui_textf(t, y, x, w, ROLE_HEADING, "%s  (lines %d-%d of %d, columns %d-: Left/Right)",
			  f->path, t->file_top + 1, ln, total, t->file_left + 1);
	else
		tui_textf(t, y, x, w, ROLE_HEADING, "%s  (lines %d-%d of %d)", f->path,
			  t->file_top + 1, ln, total);
}

static enum tui_action files_key(struct tui *t, int ch)
{
	size_t n = t->files_ok ? t->files.count : 0;
	int page = t->rows - 8;
	switch (ch) {
	case KEY_UP: case 'k':
		if (n)
			t->file_sel = t->file_sel ? t->file_sel - 1 : n - 1;
		t->file_top = t->file_left = 0;
		return ACT_REDRAW;
	case KEY_DOWN: case 'j':
		if (n)
			t->file_sel = t->file_sel + 1 < n ? t->file_sel + 1 : 0;
		t->file_top = t->file_left = 0;
		return ACT_REDRAW;
	case KEY_RIGHT: case 'l':
		/* Sideways, while something is cut on the right. */
		if (t->file_wide > t->file_left + 8)
			t->file_left += 8;
		return ACT_REDRAW;
	case KEY_LEFT: case 'h':
		t->file_left = t->file_left > 8 ? t->file_left - 8 : 0;
		return ACT_REDRAW;
	case KEY_NPAGE: case ' ':
		/* A page is what was on screen (lines wrap). */
		t->file_top += t->file_shown > 0 ? t->file_shown : page;
		return ACT_REDRAW;
	case KEY_PPAGE:
		page = t->file_shown > 0 ? t->file_shown : page;
		t->file_top = t->file_top > page ? t->file_top - page : 0;
		return ACT_REDRAW;
	case 'J':
		t->file_top++;
		return ACT_REDRAW;
	case 'K':
		if (t->file_top > 0)
			t->file_top--;
		return ACT_REDRAW;
	case KEY_HOME:
		t->file_top = 0;
		return ACT_REDRAW;
	case KEY_END:
		t->file_top = 1 << 30;
		return ACT_REDRAW;
	case KEY_MOUSE:
		if (t->click.kind != HIT_ROW)
			return ACT_NONE;
		t->file_sel = (size_t)t->click.value;
		t->file_top = t->file_left = 0;
		return ACT_REDRAW;
	case KEY_BACKSPACE: case 127: case 8: case 'b':
		return ACT_BACK;
	}
	return ACT_NONE;
}

const struct tui_screen tui_tab_files = {
	.name = "Files",
	.enter = files_enter,
	.draw = files_draw,
	.key = files_key,
	.keys = "Up/Down:file|PgUp/PgDn/Space:scroll|J/K:line|Left/Right:sideways|Esc:back",
};
