/* ui.h: internals of the wizard shared by the screens in src/tui/: the
 * context every screen gets, the screen table, colour roles, glyphs and the
 * drawing helpers. Pure text helpers (no curses) are in text.h. */
#ifndef ARCHWISE_TUI_UI_H
#define ARCHWISE_TUI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <curses.h>
#include "model.h"
#include "engine.h"
#include "cost.h"
#include "output.h"
#include "scan.h"
#include "traffic.h"
#include "tui.h"
#include "text.h"

/* Below 60x16 the screen says "Please enlarge"; below 80x24 the layout
 * is compact (no side panel in the wizard, shorter key bar). */
#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 16
#define TUI_FULL_COLS 80
#define TUI_FULL_ROWS 24
#define TUI_ESCDELAY_MS 100     /* wait for the rest of an escape sequence */
#define TUI_TICK_MS 250         /* getch wakes up this often to notice signals */

/* Colour roles: name, foreground, background, extra attribute with colour,
 * attribute on a monochrome terminal (or NO_COLOR). One table, used by
 * every screen through tui_attr(). */
#define TUI_ROLES(X)                                                         \
	X(NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                \
	X(TITLE, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD)        \
	X(KEYBAR, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)             \
	X(KEYNAME, COLOR_BLUE, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD)      \
	X(FRAME, COLOR_BLUE, -1, A_NORMAL, A_NORMAL)                         \
	X(DIM, -1, -1, A_DIM, A_DIM)                                         \
	X(HEADING, COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE)             \
	X(QUESTION, -1, -1, A_BOLD, A_BOLD)                                  \
	X(CURSOR, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)              \
	X(CURRENT, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                         \
	X(DONE, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                         \
	X(HELP, -1, -1, A_NORMAL, A_NORMAL)                                  \
	X(OK, COLOR_GREEN, -1, A_BOLD, A_BOLD)                               \
	X(ERROR, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE)                \
	X(WARN, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                            \
	X(BAR, COLOR_CYAN, -1, A_NORMAL, A_NORMAL)                           \
	X(BAR_EMPTY, -1, -1, A_DIM, A_DIM)                                   \
	X(WINNER, COLOR_GREEN, -1, A_BOLD, A_BOLD)                           \
	X(EXCLUDED, COLOR_RED, -1, A_DIM, A_DIM)                             \
	X(TAB, -1, -1, A_NORMAL, A_NORMAL)                                   \
	X(TAB_CUR, COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD)    \
	X(OVERLAY, -1, -1, A_NORMAL, A_NORMAL)                               \
	X(ARCH0, COLOR_BLUE, -1, A_BOLD, A_BOLD)                             \
	X(ARCH1, COLOR_YELLOW, -1, A_BOLD, A_NORMAL)                         \
	X(ARCH2, COLOR_MAGENTA, -1, A_BOLD, A_BOLD)                          \
	X(ARCH3, COLOR_GREEN, -1, A_BOLD, A_NORMAL)                          \
	X(ARCH4, COLOR_CYAN, -1, A_BOLD, A_BOLD)                             \
	X(MARK, COLOR_RED, -1, A_BOLD, A_BOLD)

enum tui_role {
#define TUI_ROLE_ENUM(name, fg, bg, cattr, mattr) ROLE_##name,
	TUI_ROLES(TUI_ROLE_ENUM)
#undef TUI_ROLE_ENUM
	ROLE_COUNT
};

/* Line drawing and markers: UTF-8 or ASCII, picked once from the locale. */
struct tui_glyphs {
	const char *hline, *vline, *tl, *tr, *bl, *br, *tee_down, *tee_up;
	const char *bar, *bar_empty, *radio_on, *radio_off, *check_on, *check_off;
	const char *pointer, *ok, *bad, *ellipsis, *arrow, *mid_dot;
	const char *curve[ARCH_COUNT]; /* cost chart glyph per architecture */
};

/* What a key handler asks the main loop to do. Only the loop switches
 * screens or exits. */
enum tui_action {
	ACT_NONE,     /* nothing changed */
	ACT_REDRAW,   /* redraw the screen */
	ACT_NEXT,     /* wizard -> review -> result */
	ACT_BACK,     /* the reverse */
	ACT_WIZARD,   /* edit question t->q */
	ACT_REVIEW,
	ACT_RESULT,
	ACT_QUIT,     /* ask to quit */
	ACT_OVERWRITE, /* export refused: ask before overwriting */
	ACT_TRAFFIC,  /* open the "Import traffic" panel */
	ACT_SCAN,     /* open the "Scan a repository" panel */
	ACT_APPLY     /* cost tab: ask before the what-if becomes the answers */
};

enum tui_screen_id {
	SCR_WIZARD, SCR_REVIEW,
	SCR_TAB_REC, SCR_TAB_MATRIX, SCR_TAB_CASES, SCR_TAB_COST,
	SCR_TAB_PERF, SCR_TAB_FILES, SCR_TAB_EXPORT,
	SCR_COUNT
};
#define TUI_TAB_COUNT (SCR_TAB_EXPORT - SCR_TAB_REC + 1)

struct tui;

/* A screen: a small table of hooks, unused slots NULL (tmux window_mode). */
struct tui_screen {
	const char *name;                               /* tab label */
	void (*enter)(struct tui *t);                   /* made current */
	void (*draw)(struct tui *t);                    /* content area only */
	enum tui_action (*key)(struct tui *t, int ch);  /* KEY_MOUSE: see t->click */
	bool (*editing)(const struct tui *t);           /* typing into a field */
	const char *keys;                               /* key bar */
	const char *(*keys_now)(const struct tui *t);   /* key bar that follows the state */
};

extern const struct tui_screen tui_screen_wizard, tui_screen_review,
	tui_tab_rec, tui_tab_matrix, tui_tab_cases, tui_tab_cost,
	tui_tab_perf, tui_tab_files, tui_tab_export;

/* Clickable regions recorded while drawing; the main loop maps a mouse
 * click to one and hands it to the screen as t->click. */
enum tui_hit_kind { HIT_NONE, HIT_TAB, HIT_OPTION, HIT_SECTION, HIT_ROW, HIT_BUTTON };
struct tui_hit {
	int y, x0, x1;
	enum tui_hit_kind kind;
	int value;
};
#define TUI_MAX_HITS 96

/* OVL_SESSION: a saved session exists and the run did not say --resume:
 * continue it or start fresh (which keeps it as a backup). */
enum tui_overlay { OVL_NONE, OVL_HELP, OVL_QUIT, OVL_OVERWRITE, OVL_SESSION, OVL_APPLY,
		   OVL_MKADR };

/* The evidence panels of import.c, drawn over the wizard on stdscr; modal
 * (they take the keys), with the help and quit overlays still above them.
 * ASK: typing the path; BUSY: "reading..." is on screen, the main loop runs
 * the read after the frame; SHOW: the result, y applies, n/Esc discards. */
enum tui_import_kind { IMP_NONE, IMP_TRAFFIC, IMP_SCAN };
enum tui_import_stage { IMP_ASK, IMP_BUSY, IMP_SHOW };

struct tui {
	const struct model *m;
	struct answers *a;
	const struct tui_options *o;
	int rows, cols;
	bool color, utf8;
	const struct tui_glyphs *g;
	int screen;                 /* enum tui_screen_id */
	enum tui_overlay overlay;
	WINDOW *ovl_win;
	char *status;               /* one-line message under the content */
	bool status_err;

	/* The evaluation of the current answers; refreshed lazily. */
	struct evaluation ev;
	bool ev_ok, ev_stale, sens_ok;
	bool save_ok;               /* last autosave succeeded */
	bool saved_any;             /* something was autosaved this run */
	bool exported;
	/* A session saved before this run is still at session_path(): the
	 * first autosave moves it aside (session_rotate) instead of over it. */
	bool session_pending;
	char *session_file;         /* session_path(), NULL without HOME */
	char *session_info;         /* "12 of 28 answered, saved ..." or why it cannot be read */
	bool session_readable;

	/* Where the terminal cursor goes after a frame (a focused field), -1: hidden. */
	int caret_y, caret_x;
	/* Rows outside [clip_top, clip_bottom) are not drawn (scrolled tabs). */
	int clip_top, clip_bottom;
	int rec_scroll, rec_max, perf_scroll, perf_max;
	bool rec_all;               /* tab 1: every change that flips it, not the first few */

	struct tui_hit hits[TUI_MAX_HITS];
	int hit_count;
	struct tui_hit click;       /* the hit of the current KEY_MOUSE */

	/* wizard */
	size_t q;                   /* current question */
	int cursor;                 /* option under the cursor */
	struct tui_field field;     /* number / text input */
	bool field_focus;           /* text questions: keys go to the field */
	bool from_review;           /* Enter returns to the review */
	double gauge_prev[ARCH_COUNT]; /* scores before the last answer (the gauge shows the change) */
	bool gauge_prev_ok;
	char **drafts;              /* per question: typed, not accepted (NULL: none) */
	size_t *sec_first;          /* first question of each section (+ end) */

	/* review */
	size_t rv_sel, rv_top;

	/* matrix */
	size_t mx_sel;

	/* case studies */
	size_t cs_sel;
	int cs_scroll, cs_max;      /* the selected case's text, scrolled */

	/* cost what-if */
	struct cost_inputs cin;
	struct cost_result cres;
	bool cost_custom;
	int cost_sel;
	struct tui_field cost_field;
	bool cost_editing;
	struct answers undo;        /* the answers before the last apply (u) */
	bool undo_ok;
	bool *changed;              /* per question: changed by an apply (the review marks it) */

	/* files */
	struct out_bundle files;
	bool files_ok;
	char *files_err;
	size_t file_sel;
	int file_top;
	int file_shown;             /* lines of the preview on screen (they wrap) */
	int file_left;              /* first column shown of a file that does not wrap */
	int file_wide;              /* widest line on screen (columns), to stop scrolling */

	/* import panels (import.c) */
	enum tui_import_kind imp;
	enum tui_import_stage imp_stage;
	struct tui_field imp_field;  /* the path as typed */
	char *imp_path;              /* ~ expanded, being read / read */
	char *imp_err;               /* one line: why the last read failed */
	struct traffic_summary imp_sum;
	bool imp_sum_ok;
	enum traffic_format imp_fmt;
	char *imp_bad;               /* first bad line, "FILE:LINE: why" */
	struct scan_result imp_scan;
	struct scan_answers imp_sa;
	bool imp_scan_ok;
	bool *imp_on;                /* per merged scan answer: apply it */
	size_t imp_sel, imp_top;
	const char *imp_next_traffic; /* --traffic waiting behind --scan */

	/* export */
	struct tui_field dir_field;
	bool dir_editing;
	bool dir_custom;            /* typed by the user: keep it */
	int ex_targets;             /* gen_target mask */
	int ex_sel;
	char *ex_written;           /* folder last written */
	struct tui_field adr_field; /* ADR folder; empty: none */
	bool adr_editing, adr_init;
	char *ex_adr;               /* ADR record last written */
	struct tui_field dm_field;  /* decision makers, "Ana, Bo" */
	bool dm_editing, dm_init;
	char *ex_msg;
	bool ex_err;
};

/* theme.c */
void tui_theme_init(struct tui *t);
attr_t tui_attr(const struct tui *t, enum tui_role r);
enum tui_role tui_arch_role(enum arch a);
/* Short architecture name for tight columns ("Knative"). */
const char *tui_arch_short(enum arch a);
/* Display name from the data, or the short name. */
const char *tui_arch_name(const struct tui *t, enum arch a);

/* draw.c: every string from data goes through these (sanitised, clipped). */
int tui_text(const struct tui *t, int y, int x, int width, const char *s, enum tui_role r);
int tui_textf(const struct tui *t, int y, int x, int width, enum tui_role r,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int tui_wrapped(const struct tui *t, int y, int x, int width, int max_rows,
		const char *s, enum tui_role r);
void tui_bar(const struct tui *t, int y, int x, int width, double frac, enum tui_role r);
void tui_hline(const struct tui *t, int y, int x, int width);
void tui_vline(const struct tui *t, int y, int x, int height);
void tui_box(const struct tui *t, WINDOW *w, int y, int x, int h, int wd);
void tui_fill(const struct tui *t, int y, int x, int width, enum tui_role r);
/* Scrolled content: draw rows from top - *scroll, clipped to [top, bottom);
 * tui_scroll_end clamps *scroll to the rows used and marks what is hidden.
 * Returns the largest scroll. */
void tui_scroll_begin(struct tui *t, int top, int bottom);
int tui_scroll_end(struct tui *t, int *scroll, int rows_used);
/* Up/Down/PgUp/PgDn/Home/End on a scroll offset; true when handled. */
bool tui_scroll_key(const struct tui *t, int *scroll, int ch);
void tui_keybar(const struct tui *t, const char *keys, bool editing);
void tui_hit(struct tui *t, int y, int x0, int x1, enum tui_hit_kind kind, int value);
/* Draws "[value]" of an input field, scrolled to show the cursor; with
 * focus the terminal cursor goes there (t->caret_y/x). Returns the columns used. */
int tui_field_draw(struct tui *t, int y, int x, int width,
		   const struct tui_field *f, bool focus, bool valid);
/* Readline-style editing: Left/Right (Ctrl-B/F), Home/End (Ctrl-A/E),
 * Delete (Ctrl-D), Backspace, Ctrl-U/K/W, printable bytes; true when the
 * key was an editing key. */
bool tui_field_key(struct tui_field *f, int ch);
/* Content area of the result tabs. */
#define TUI_CONTENT_TOP 3
static inline int tui_content_bottom(const struct tui *t) { return t->rows - 3; }

/* The compact layout (below 80x24). */
static inline bool tui_compact(const struct tui *t)
{
	return t->cols < TUI_FULL_COLS || t->rows < TUI_FULL_ROWS;
}
/* tui.c: state shared by screens. */
/* Marks the answers changed: re-evaluate, autosave. */
void tui_answers_changed(struct tui *t);
/* Re-evaluates now when stale (and the sensitivity when want_sens). */
void tui_ensure_eval(struct tui *t, bool want_sens);
void tui_set_status(struct tui *t, bool err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Question/section helpers. */
size_t tui_section_of(const struct tui *t, size_t q);
/* The effective answer of question q as display text (caller frees). */
char *tui_answer_text(const struct tui *t, const struct answers *a, size_t q);

/* help.c: overlays (a window refreshed after stdscr). */
void tui_overlay_open(struct tui *t, enum tui_overlay o);
void tui_overlay_close(struct tui *t);
/* Removes the overlay window but keeps the state (terminal too small). */
void tui_overlay_hide(struct tui *t);
void tui_overlay_draw(struct tui *t);

/* import.c: the "Import traffic" and "Scan a repository" panels. path
 * NULL asks for one; otherwise the read starts at once (--traffic, --scan). */
void tui_import_open(struct tui *t, enum tui_import_kind k, const char *path);
void tui_import_close(struct tui *t);
void tui_import_draw(struct tui *t);
enum tui_action tui_import_key(struct tui *t, int ch);
bool tui_import_editing(const struct tui *t);
const char *tui_import_keys(const struct tui *t);
/* The slow part (reading the log, walking the folder), run by the main loop
 * after the frame that says "reading...". */
void tui_import_run(struct tui *t);

/* tab_rec.c: how many answers are defaults (*defaults), and the default
 * questions whose change alone would change the recommendation (up to max
 * in qs, from the sensitivity analysis; 0 before it is computed). */
size_t tui_defaults_that_matter(const struct tui *t, size_t *qs, size_t max, size_t *defaults);
#define TUI_REC_CHANGES 5       /* tab 1 lists the smallest changes first, this many */
/* result.c: title and tab bar over the result tabs. */
void tui_result_frame(struct tui *t);
/* tab_cost.c: the what-if values that differ from the answers, joined by
 * sep: "Requests/day 1M (yours 100k)" or "Requests/day: 100k -> 1M"
 * (caller frees; "" when none). */
char *tui_cost_changes(const struct tui *t, const char *sep, bool yours_only);
/* Makes the what-if the answers (after the user agreed); u undoes. */
void tui_cost_apply(struct tui *t);
/* Export tab: write again with force after the user agreed. */
void tui_export_write(struct tui *t, bool force);
/* Export tab: create the missing ADR folder (the user agreed), then write. */
void tui_export_make_adr(struct tui *t);

#endif
