/* draw.c: drawing helpers on stdscr. Every data string is sanitised and
 * clipped to its column budget, so nothing from a file can move the cursor
 * or spill into the next column. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "util.h"

int tui_text(const struct tui *t, int y, int x, int width, const char *s, enum tui_role r)
{
	if (width <= 0 || y < t->clip_top || y >= t->clip_bottom || !s)
		return 0;
	char *clean = tui_sanitize(s, false);
	if (!t->utf8)
		tui_asciify(clean);
	int w = tui_text_width(clean);
	size_t n = strlen(clean);
	int used;
	attrset((int)tui_attr(t, r));
	if (w <= width) {
		mvaddnstr(y, x, clean, (int)n);
		used = w;
	} else {
		int ew = tui_text_width(t->g->ellipsis);
		size_t fit = tui_fit_bytes(clean, width - ew);
		mvaddnstr(y, x, clean, (int)fit);
		addstr(t->g->ellipsis);
		/* columns actually used by the clipped prefix plus the ellipsis */
		clean[fit] = '\0';
		used = tui_text_width(clean) + ew;
	}
	attrset(A_NORMAL);
	free(clean);
	return used;
}

int tui_textf(const struct tui *t, int y, int x, int width, enum tui_role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	int n = tui_text(t, y, x, width, s, r);
	free(s);
	return n;
}

void tui_scroll_begin(struct tui *t, int top, int bottom)
{
	t->clip_top = top;
	t->clip_bottom = bottom;
}

int tui_scroll_end(struct tui *t, int *scroll, int rows_used)
{
	int view = t->clip_bottom - t->clip_top;
	t->clip_top = 0;
	t->clip_bottom = t->rows;
	int max = rows_used - view;
	if (max < 0)
		max = 0;
	if (*scroll > max)
		*scroll = max;
	/* Say there is more, above or below. */
	if (*scroll > 0)
		tui_textf(t, t->rows - 2, t->cols - 14, 13, ROLE_DIM, "%s more above", t->g->pointer);
	else if (max > 0)
		tui_textf(t, t->rows - 2, t->cols - 14, 13, ROLE_DIM, "%s more below", t->g->pointer);
	return max;
}

int tui_wrapped(const struct tui *t, int y, int x, int width, int max_rows,
		const char *s, enum tui_role r)
{
	if (!s || max_rows <= 0)
		return 0;
	char **lines;
	size_t n = tui_wrap(s, width, &lines);
	int rows = 0;
	for (size_t i = 0; i < n && rows < max_rows; i++, rows++) {
		if (rows == max_rows - 1 && i + 1 < n) {
			/* Last row left and more text: show that it goes on. */
			char *more = xasprintf("%s%s", lines[i], t->g->ellipsis);
			tui_text(t, y + rows, x, width, more, r);
			free(more);
		} else {
			tui_text(t, y + rows, x, width, lines[i], r);
		}
	}
	tui_lines_free(lines, n);
	return rows;
}

void tui_bar(const struct tui *t, int y, int x, int width, double frac, enum tui_role r)
{
	if (y < t->clip_top || y >= t->clip_bottom)
		return;
	int full = tui_bar_cells(frac, width);
	move(y, x);
	attrset((int)tui_attr(t, r));
	for (int i = 0; i < full; i++)
		addstr(t->g->bar);
	attrset((int)tui_attr(t, ROLE_BAR_EMPTY));
	for (int i = full; i < width; i++)
		addstr(t->g->bar_empty);
	attrset(A_NORMAL);
}

void tui_hline(const struct tui *t, int y, int x, int width)
{
	move(y, x);
	attrset((int)tui_attr(t, ROLE_FRAME));
	for (int i = 0; i < width; i++)
		addstr(t->g->hline);
	attrset(A_NORMAL);
}

void tui_vline(const struct tui *t, int y, int x, int height)
{
	attrset((int)tui_attr(t, ROLE_FRAME));
	for (int i = 0; i < height; i++)
		mvaddstr(y + i, x, t->g->vline);
	attrset(A_NORMAL);
}

void tui_box(const struct tui *t, WINDOW *w, int y, int x, int h, int wd)
{
	wattrset(w, (int)tui_attr(t, ROLE_FRAME));
	mvwaddstr(w, y, x, t->g->tl);
	mvwaddstr(w, y, x + wd - 1, t->g->tr);
	mvwaddstr(w, y + h - 1, x, t->g->bl);
	mvwaddstr(w, y + h - 1, x + wd - 1, t->g->br);
	for (int i = 1; i < wd - 1; i++) {
		mvwaddstr(w, y, x + i, t->g->hline);
		mvwaddstr(w, y + h - 1, x + i, t->g->hline);
	}
	for (int i = 1; i < h - 1; i++) {
		mvwaddstr(w, y + i, x, t->g->vline);
		mvwaddstr(w, y + i, x + wd - 1, t->g->vline);
	}
	wattrset(w, A_NORMAL);
}

void tui_fill(const struct tui *t, int y, int x, int width, enum tui_role r)
{
	if (y < t->clip_top || y >= t->clip_bottom)
		return;
	attrset((int)tui_attr(t, r));
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

/* Draws "KEY:label|KEY:label" items from x; returns the column after. */
static int keybar_items(const struct tui *t, int x, int limit, const char *keys)
{
	char *copy = xstrdup(keys ? keys : "");
	int y = t->rows - 1;
	for (char *save = NULL, *item = strtok_r(copy, "|", &save); item;
	     item = strtok_r(NULL, "|", &save)) {
		char *colon = strchr(item, ':');
		if (colon)
			*colon = '\0';
		int need = tui_text_width(item) + (colon ? tui_text_width(colon + 1) + 1 : 0) + 2;
		if (x + need > limit)
			break;
		x += tui_text(t, y, x + 1, limit - x - 1, item, ROLE_KEYNAME) + 1;
		if (colon)
			x += tui_text(t, y, x + 1, limit - x - 1, colon + 1, ROLE_KEYBAR) + 1;
		x += 1;
	}
	free(copy);
	return x;
}

/* The screen's keys on the left; how to get help and quit (or, in a text
 * field, how to leave it) always on the right. */
void tui_keybar(const struct tui *t, const char *keys, bool editing)
{
	/* While typing, Esc is named once: by the screen when it gives Esc a
	 * meaning of its own (the import panel's "Esc cancel"). */
	const char *fixed = !editing ? "?:help|q:quit"
		: keys && strstr(keys, "Esc:") ? "" : "Esc:leave field";
	tui_fill(t, t->rows - 1, 0, t->cols, ROLE_KEYBAR);
	/* Width of the fixed part: measure by drawing it at the right end. */
	int w = 0;
	char *copy = xstrdup(fixed);
	for (char *save = NULL, *item = strtok_r(copy, "|", &save); item;
	     item = strtok_r(NULL, "|", &save))
		w += tui_text_width(item) + 2;
	free(copy);
	int right = t->cols - w - 1;
	keybar_items(t, right, t->cols, fixed);
	keybar_items(t, 0, right, keys);
}

void tui_hit(struct tui *t, int y, int x0, int x1, enum tui_hit_kind kind, int value)
{
	if (t->hit_count >= TUI_MAX_HITS || y < t->clip_top || y >= t->clip_bottom)
		return;
	t->hits[t->hit_count++] = (struct tui_hit){ y, x0, x1, kind, value };
}

/* Columns of bytes [from, to) of s. */
static int span_width(const char *s, size_t from, size_t to)
{
	char *part = xstrndup(s + from, to - from);
	int w = tui_text_width(part);
	free(part);
	return w;
}

int tui_field_draw(struct tui *t, int y, int x, int width,
		   const struct tui_field *f, bool focus, bool valid)
{
	if (width < 4)
		return 0;
	int inner = width - 2;
	enum tui_role r = focus ? (f->fresh ? ROLE_CURSOR : ROLE_QUESTION) : ROLE_NORMAL;
	attrset((int)tui_attr(t, valid ? ROLE_FRAME : ROLE_ERROR));
	mvaddstr(y, x, "[");
	mvaddstr(y, x + width - 1, "]");
	attrset(A_NORMAL);
	tui_fill(t, y, x + 1, inner, ROLE_NORMAL);
	/* Scroll so the cursor is in view; a marker says the start is hidden
	 * (ASCII's ellipsis "~" would read as the home folder in a path). */
	size_t pos = f->pos > f->len ? f->len : f->pos, start = 0;
	int marker = 0;
	while (span_width(f->buf, start, pos) > inner - 1 - marker && start < pos) {
		marker = 1;
		start++;
		while (start < pos && ((unsigned char)f->buf[start] & 0xC0) == 0x80)
			start++;
	}
	if (marker)
		tui_text(t, y, x + 1, 1, t->utf8 ? t->g->ellipsis : "<", ROLE_DIM);
	int used = marker + tui_text(t, y, x + 1 + marker, inner - marker, f->buf + start, r);
	(void)used;
	if (focus) {
		int cx = x + 1 + marker + span_width(f->buf, start, pos);
		if (cx < x + 1 + inner) {
			if (!f->fresh) {
				/* The character under the cursor, reversed. */
				const char *c = pos < f->len ? f->buf + pos : " ";
				char one[8] = " ";
				size_t n = pos < f->len ? tui_fit_bytes(c, 2) : 1;
				if (n == 0 || n >= sizeof one)
					n = 1;
				memcpy(one, c, n);
				one[n] = '\0';
				tui_text(t, y, cx, 2, one, ROLE_CURSOR);
			}
			t->caret_y = y;
			t->caret_x = cx;
		}
	}
	return width;
}

bool tui_field_key(struct tui_field *f, int ch)
{
	switch (ch) {
	case KEY_LEFT: case 2:         /* Ctrl-B */
		tui_field_move(f, -1);
		return true;
	case KEY_RIGHT: case 6:        /* Ctrl-F */
		tui_field_move(f, 1);
		return true;
	case KEY_HOME: case 1:         /* Ctrl-A */
		tui_field_move(f, -2);
		return true;
	case KEY_END: case 5:          /* Ctrl-E */
		tui_field_move(f, 2);
		return true;
	case KEY_DC: case 4:           /* Delete, Ctrl-D */
		tui_field_delete(f);
		return true;
	case KEY_BACKSPACE: case 127: case 8:
		tui_field_erase(f);
		return true;
	case 21:                       /* Ctrl-U */
		tui_field_kill_before(f);
		return true;
	case 11:                       /* Ctrl-K */
		tui_field_kill_after(f);
		return true;
	case 23:                       /* Ctrl-W */
		tui_field_kill_word(f);
		return true;
	}
	if (ch >= 0x20 && ch <= 0xff && ch != 0x7f) {
		tui_field_insert(f, ch);
		return true;
	}
	return false;
}

bool tui_scroll_key(const struct tui *t, int *scroll, int ch)
{
	int page = t->rows - 8;
	switch (ch) {
	case KEY_UP: case 'k':
		*scroll = *scroll > 0 ? *scroll - 1 : 0;
		return true;
	case KEY_DOWN: case 'j':
		++*scroll; /* clamped when drawn */
		return true;
	case KEY_PPAGE:
		*scroll = *scroll > page ? *scroll - page : 0;
		return true;
	case KEY_NPAGE: case ' ':
		*scroll += page;
		return true;
	case KEY_HOME:
		*scroll = 0;
		return true;
	case KEY_END:
		*scroll = 1 << 20;
		return true;
	}
	return false;
}
