/* text.h: the wizard's pure text helpers (no curses, unit-tested in
 * tests/test_tui_text.c): sanitising data strings for the terminal, word
 * wrapping by display width, input fields, number formats, chart scales. */
#ifndef ARCHWISE_TUI_TEXT_H
#define ARCHWISE_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* A one-line input field with a cursor (pos, a byte offset at a character
 * boundary). `fresh`: the value was pre-filled and the first typed
 * character replaces it (as a selected field does); moving the cursor
 * edits it in place instead. */
#define TUI_FIELD_MAX 512
struct tui_field {
	char buf[TUI_FIELD_MAX];
	size_t len, pos;
	bool fresh;
};

/* Sets the value, the cursor at its end. */
void tui_field_set(struct tui_field *f, const char *s);
/* Adds a byte (printable ASCII or part of UTF-8) at the cursor; false when refused. */
bool tui_field_insert(struct tui_field *f, int byte);
/* Backspace: removes the character before the cursor (a whole UTF-8 sequence). */
bool tui_field_erase(struct tui_field *f);
/* Delete: removes the character under the cursor. */
bool tui_field_delete(struct tui_field *f);
/* Moves the cursor one character (dir -1 / +1) or to an end (-2 / +2). */
void tui_field_move(struct tui_field *f, int dir);
/* Ctrl-U, Ctrl-K: removes everything before / after the cursor. */
void tui_field_kill_before(struct tui_field *f);
void tui_field_kill_after(struct tui_field *f);
/* Ctrl-W: removes the word before the cursor (and the spaces after it). */
void tui_field_kill_word(struct tui_field *f);

/* A copy of s safe to print: escape sequences (CSI, OSC, two-byte ESC) and
 * control characters removed, tabs as spaces, invalid UTF-8 as '?'; with
 * keep_newlines newlines stay, otherwise they become spaces. Caller frees. */
char *tui_sanitize(const char *s, bool keep_newlines);
/* In place: every non-ASCII character of a sanitised string as ASCII for a
 * terminal whose locale is not UTF-8 (common punctuation by its look-alike,
 * anything else as '?'). */
void tui_asciify(char *s);
/* Display columns of a (sanitised) UTF-8 string. */
int tui_text_width(const char *s);
/* Byte length of the longest prefix of s that fits in width columns. */
size_t tui_fit_bytes(const char *s, int width);

/* Word-wraps s (sanitised first; newlines kept) to width columns. Returns
 * the number of lines; *lines gets them (free with tui_lines_free). */
size_t tui_wrap(const char *s, int width, char ***lines);
void tui_lines_free(char **lines, size_t n);

/* A number as answers_number_read reads it (no unit): k/M/G suffixes,
 * ',' or '_' only between groups of three digits. */
bool tui_parse_number(const char *s, double *out);
/* A number as a person writes it: 200, 100000, 0.096 (never 2e+02). */
void tui_format_plain(char *buf, size_t size, double v);
/* With thousands separators: 100000 -> "100,000", 1234.5 -> "1,234.5". */
void tui_format_grouped(char *buf, size_t size, double v);
/* 1500 -> "1.5k", 2e6 -> "2M", 3e9 -> "3G" (requests). */
void tui_format_si(char *buf, size_t size, double v);
/* Dollars: "$0.42", "$12.50", "$1,234", "$12.3k" above 100000. */
void tui_format_usd(char *buf, size_t size, double v);
/* Column 0..width-1 of v on a log10 axis from 10^lo to 10^hi (clamped). */
int tui_log_pos(double v, double lo_exp, double hi_exp, int width);
/* Cells of a width-wide bar filled to frac (0..1, rounded, clamped). */
int tui_bar_cells(double frac, int width);

#endif
