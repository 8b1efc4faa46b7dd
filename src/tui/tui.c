/* tui.c: tui_run and the main loop. It owns the terminal, the signals and
 * the screen changes; screens draw and return actions (STYLE.md, Screens). */
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ui.h"
#include "answers.h"
#include "diag.h"
#include "engine.h"
#include "gen.h"
#include "session.h"
#include "util.h"

/* The only mutable global: which terminating signal arrived. */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void fatal_cleanup(void)
{
	if (!isendwin())
		endwin();
}

static const struct tui_screen *const screens[SCR_COUNT] = {
	[SCR_WIZARD] = &tui_screen_wizard,
	[SCR_REVIEW] = &tui_screen_review,
	[SCR_TAB_REC] = &tui_tab_rec,
	[SCR_TAB_MATRIX] = &tui_tab_matrix,
	[SCR_TAB_CASES] = &tui_tab_cases,
	[SCR_TAB_COST] = &tui_tab_cost,
	[SCR_TAB_PERF] = &tui_tab_perf,
	[SCR_TAB_FILES] = &tui_tab_files,
	[SCR_TAB_EXPORT] = &tui_tab_export,
};

static bool is_tab(int screen)
{
	return screen >= SCR_TAB_REC && screen <= SCR_TAB_EXPORT;
}

void tui_set_status(struct tui *t, bool err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(t->status);
	t->status = xvasprintf(fmt, ap);
	va_end(ap);
	t->status_err = err;
}

size_t tui_section_of(const struct tui *t, size_t q)
{
	return q < t->m->question_count ? t->m->refs[q].section : 0;
}

char *tui_answer_text(const struct tui *t, const struct answers *a, size_t q)
{
	const struct question *qu = model_question(t->m, q);
	char num[64];
	switch (qu->kind) {
	case QK_SINGLE: {
		int o = answers_option(t->m, a, q);
		return xstrdup(o >= 0 && (unsigned)o < qu->options_count ? qu->options[o].label : "-");
	}
	case QK_MULTIPLE: {
		uint64_t sel = answers_selected(t->m, a, q);
		struct strbuf sb = {0};
		for (unsigned i = 0; i < qu->options_count && i < 64; i++)
			if (sel & ((uint64_t)1 << i))
				sb_printf(&sb, "%s%s", sb.len ? ", " : "", qu->options[i].label);
		if (!sb.len)
			sb_append(&sb, "none");
		return sb_take(&sb);
	}
	case QK_NUMBER:
		tui_format_grouped(num, sizeof num, answers_number(t->m, a, q));
		return xasprintf("%s%s%s", num, qu->unit ? " " : "", qu->unit ? qu->unit : "");
	case QK_TEXT: {
		const char *s = answers_text(t->m, a, q);
		return xstrdup(s && s[0] ? s : "(empty)");
	}
	}
	return xstrdup("?");
}

void tui_ensure_eval(struct tui *t, bool want_sens)
{
	if (t->ev_stale) {
		if (t->ev_ok)
			engine_evaluation_fini(&t->ev);
		memset(&t->ev, 0, sizeof t->ev);
		t->ev_ok = engine_evaluate(t->m, t->a, &t->ev) == 0;
		t->ev_stale = false;
		t->sens_ok = false;
		if (t->ev_ok && !t->cost_custom) {
			t->cin = t->ev.cost_in;
			t->cres = t->ev.cost;
		}
	}
	if (want_sens && t->ev_ok && !t->sens_ok)
		t->sens_ok = engine_sensitivity(t->m, t->a, &t->ev) == 0;
}

/* The evaluation and the generated files no longer match the answers. */
static void forget_results(struct tui *t)
{
	t->ev_stale = true;
	t->sens_ok = false;
	t->exported = false;
	if (t->files_ok || t->files_err) {
		out_bundle_fini(&t->files);
		memset(&t->files, 0, sizeof t->files);
		t->files_ok = false;
		free(t->files_err);
		t->files_err = NULL;
	}
}

/* Before the first save of a fresh start: the old session becomes
 * session.yaml.1 (and so on). False when it could not be moved: then
 * nothing is saved over it. */
static bool keep_old_session(struct tui *t)
{
	if (!t->session_pending)
		return true;
	char *err = NULL;
	char *backup = session_rotate(&err);
	if (err) {
		tui_set_status(t, true, "autosave stopped: cannot keep the saved session (%s)", err);
		free(err);
		return false;
	}
	t->session_pending = false;
	if (backup)
		tui_set_status(t, false, "The previous session is kept as %s (archwise --answers %s).",
			       backup, backup);
	free(backup);
	return true;
}

void tui_answers_changed(struct tui *t)
{
	forget_results(t);
	if (!keep_old_session(t)) {
		t->save_ok = false;
		return;
	}
	char *err = NULL;
	t->save_ok = session_save(t->m, t->a, &err) == 0;
	t->saved_any |= t->save_ok;
	if (!t->save_ok) {
		tui_set_status(t, true, "autosave failed: %s", err ? err : "unknown error");
		free(err);
	}
}

static void switch_to(struct tui *t, int screen)
{
	t->screen = screen;
	if (screens[screen]->enter)
		screens[screen]->enter(t);
}

static void draw_too_small(struct tui *t)
{
	const char *l1 = "Please enlarge the terminal";
	char l2[64];
	snprintf(l2, sizeof l2, "to at least %dx%d (now %dx%d)", TUI_MIN_COLS, TUI_MIN_ROWS,
		 t->cols, t->rows);
	const char *l3 = t->overlay == OVL_QUIT ? "Quit archwise? y/n" : "q quits";
	int y = t->rows / 2 - 1;
	const char *lines[] = { l1, l2, l3 };
	for (int i = 0; i < 3; i++) {
		int w = tui_text_width(lines[i]);
		int x = w < t->cols ? (t->cols - w) / 2 : 0;
		tui_text(t, y + i, x, t->cols - x, lines[i], i == 0 ? ROLE_WARN : ROLE_NORMAL);
	}
}

static void draw_all(struct tui *t)
{
	erase();
	t->hit_count = 0;
	t->caret_y = t->caret_x = -1;
	t->clip_top = 0;
	t->clip_bottom = t->rows;
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
		if (t->ovl_win)
			tui_overlay_hide(t);
		draw_too_small(t);
		curs_set(0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	const struct tui_screen *s = screens[t->screen];
	if (is_tab(t->screen))
		tui_result_frame(t);
	s->draw(t);
	if (t->status) {
		tui_fill(t, t->rows - 2, 0, t->cols, ROLE_NORMAL);
		tui_text(t, t->rows - 2, 1, t->cols - 2, t->status,
			 t->status_err ? ROLE_ERROR : ROLE_OK);
	}
	if (t->imp != IMP_NONE) {
		tui_import_draw(t);
		tui_keybar(t, tui_import_keys(t), tui_import_editing(t));
	} else {
		tui_keybar(t, s->keys_now ? s->keys_now(t) : s->keys, s->editing && s->editing(t));
	}
	/* A visible cursor in the field being typed into (not under an overlay). */
	bool caret = t->caret_y >= 0 && t->overlay == OVL_NONE;
	if (caret)
		move(t->caret_y, t->caret_x);
	curs_set(caret ? 1 : 0);
	wnoutrefresh(stdscr);
	if (t->overlay != OVL_NONE)
		tui_overlay_draw(t);
	doupdate();
}

static int first_open_question(const struct tui *t)
{
	for (size_t i = 0; i < t->a->count; i++)
		if (!t->a->values[i].present)
			return (int)i;
	return -1;
}

/* Where a resumed session continues: its first open question, or the
 * review when every question has an answer. */
static void resume_position(struct tui *t)
{
	int first = first_open_question(t);
	if (first < 0) {
		t->rv_sel = 0;
		t->rv_top = 0;
		switch_to(t, SCR_REVIEW);
	} else {
		t->q = (size_t)first;
		switch_to(t, SCR_WIZARD);
	}
}

/* A saved session exists and this run did not say --resume: read it to
 * say what it holds; the overlay offers to continue it. */
static void session_found(struct tui *t)
{
	struct stat st;
	if (!t->session_file || stat(t->session_file, &st) != 0)
		return;
	t->session_pending = true;
	if (t->o && t->o->answers_path)
		return; /* started from a file: the old session is kept at the first save */
	struct answers old;
	struct diag_list d = {0};
	char when[32] = "";
	struct tm tm;
	if (localtime_r(&st.st_mtime, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char *bad = NULL;
	if (session_check(t->session_file, &bad) != 0) {
		/* A symbolic link (or not a file): never read, only moved aside. */
		t->session_info = xasprintf("It cannot be read: %s", bad);
		free(bad);
		tui_overlay_open(t, OVL_SESSION);
		return;
	}
	if (answers_load(t->m, t->session_file, &old, &d) == 0) {
		size_t n = 0;
		for (size_t i = 0; i < old.count; i++)
			n += old.values[i].present;
		t->session_info = xasprintf("%zu of %zu questions answered, saved %s", n,
					    t->m->question_count, when);
		t->session_readable = true;
	} else {
		const struct diag *e = d.count ? &d.items[0] : NULL;
		t->session_info = e && e->line ? xasprintf("It cannot be read: line %u: %s", e->line, e->message)
				  : xasprintf("It cannot be read: %s", e ? e->message : "unknown error");
	}
	answers_fini(&old);
	diag_list_fini(&d);
	tui_overlay_open(t, OVL_SESSION);
}

/* "c": the saved session replaces the (empty) answers. */
static void session_continue(struct tui *t)
{
	struct answers old;
	struct diag_list d = {0};
	if (answers_load(t->m, t->session_file, &old, &d) != 0) {
		char *why = d.count ? diag_format(&d.items[0]) : xstrdup("unreadable");
		tui_set_status(t, true, "%s", why);
		free(why);
		answers_fini(&old);
		diag_list_fini(&d);
		return;
	}
	diag_list_fini(&d);
	answers_fini(t->a);
	*t->a = old;
	t->session_pending = false;
	forget_results(t);
	resume_position(t);
	tui_set_status(t, false, "Continuing the saved session.");
}

/* Applies an action from a screen: the only place screens change. */
static void apply(struct tui *t, enum tui_action act)
{
	switch (act) {
	case ACT_NONE:
	case ACT_REDRAW:
		break;
	case ACT_NEXT:
		if (t->screen == SCR_WIZARD) {
			/* From the last question: start at "Show the recommendation". */
			t->rv_sel = 0;
			t->rv_top = 0;
			switch_to(t, SCR_REVIEW);
		}
		else if (t->screen == SCR_REVIEW)
			switch_to(t, SCR_TAB_REC);
		break;
	case ACT_BACK:
		if (t->screen == SCR_REVIEW) {
			t->q = t->m->question_count ? t->m->question_count - 1 : 0;
			t->from_review = false;
			switch_to(t, SCR_WIZARD);
		} else if (is_tab(t->screen)) {
			switch_to(t, SCR_REVIEW);
		}
		break;
	case ACT_WIZARD:
		switch_to(t, SCR_WIZARD);
		break;
	case ACT_REVIEW:
		switch_to(t, SCR_REVIEW);
		break;
	case ACT_RESULT:
		switch_to(t, SCR_TAB_REC);
		break;
	case ACT_QUIT:
		tui_overlay_open(t, OVL_QUIT);
		break;
	case ACT_OVERWRITE:
		tui_overlay_open(t, OVL_OVERWRITE);
		break;
	case ACT_APPLY:
		tui_overlay_open(t, OVL_APPLY);
		break;
	case ACT_TRAFFIC:
		tui_import_open(t, IMP_TRAFFIC, NULL);
		break;
	case ACT_SCAN:
		tui_import_open(t, IMP_SCAN, NULL);
		break;
	}
}

static int hit_at(const struct tui *t, int y, int x)
{
	for (int i = t->hit_count - 1; i >= 0; i--)
		if (t->hits[i].y == y && x >= t->hits[i].x0 && x < t->hits[i].x1)
			return i;
	return -1;
}

static void write_forced(struct tui *t)
{
	tui_export_write(t, true);
}

/* A y/n question: y runs yes, any other key says no on the status line.
 * The release of the click that opened it arrives after it opened: it
 * must not count as "any other key". Returns false (not quitting). */
static bool yes_or_no(struct tui *t, int ch, void (*yes)(struct tui *t), const char *no)
{
	if (ch == KEY_MOUSE) {
		MEVENT ev;
		getmouse(&ev);
		return false;
	}
	tui_overlay_close(t);
	if (ch == 'y' || ch == 'Y')
		yes(t);
	else
		tui_set_status(t, false, "%s", no);
	return false;
}

/* One key; returns true when the user confirmed quitting. */
static bool handle_key(struct tui *t, int ch)
{
	bool small = t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS;

	if (ch == 12) { /* Ctrl-L: repaint everything */
		clearok(curscr, TRUE);
		return false;
	}
	if (ch == KEY_RESIZE) /* the size is already taken; the next frame fits it */
		return false;
	if (t->overlay == OVL_QUIT) {
		if (ch == 'y' || ch == 'Y')
			return true;
		if (ch != KEY_MOUSE)
			tui_overlay_close(t);
		return false;
	}
	if (t->overlay == OVL_MKADR)
		return yes_or_no(t, ch, tui_export_make_adr, "Nothing written.");
	if (t->overlay == OVL_APPLY)
		return yes_or_no(t, ch, tui_cost_apply, "Nothing applied: your answers are unchanged.");
	if (t->overlay == OVL_SESSION) {
		if (ch == 'q' || ch == 'Q') {
			tui_overlay_open(t, OVL_QUIT);
		} else if (t->session_readable && (ch == 'c' || ch == 'C' || ch == '\r' ||
						   ch == '\n' || ch == KEY_ENTER)) {
			tui_overlay_close(t);
			session_continue(t);
		} else if (ch == 'n' || ch == 'N') {
			tui_overlay_close(t);
			tui_set_status(t, false, "Starting fresh: the saved session becomes a backup at the first answer.");
		}
		return false;
	}
	if (small) {
		if (ch == 'q' || ch == 'Q')
			t->overlay = OVL_QUIT;
		return false;
	}
	if (t->overlay == OVL_HELP) {
		if (ch != KEY_MOUSE)
			tui_overlay_close(t);
		return false;
	}
	if (t->overlay == OVL_OVERWRITE)
		return yes_or_no(t, ch, write_forced, "Nothing written.");

	/* An import panel is modal: it takes every key but help and quit. */
	if (t->imp != IMP_NONE) {
		if (ch == KEY_MOUSE) {
			MEVENT ev;
			getmouse(&ev);
			return false;
		}
		if (!tui_import_editing(t)) {
			if (ch == '?' || ch == KEY_F(1)) {
				tui_overlay_open(t, OVL_HELP);
				return false;
			}
			if (ch == 'q' || ch == 'Q') {
				tui_overlay_open(t, OVL_QUIT);
				return false;
			}
		}
		apply(t, tui_import_key(t, ch));
		return false;
	}

	const struct tui_screen *s = screens[t->screen];
	if (ch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) != OK)
			return false;
		if (ev.bstate & BUTTON4_PRESSED)
			ch = KEY_UP;
		else if (ev.bstate & BUTTON5_PRESSED)
			ch = KEY_DOWN;
		/* A click is the press (or ncurses' CLICKED); its release, which
		 * some terminals report anyway, would be a second click: Write
		 * wrote and at once asked to overwrite, a target toggled back. */
		else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
			int h = hit_at(t, ev.y, ev.x);
			if (h < 0)
				return false;
			if (t->hits[h].kind == HIT_TAB) {
				switch_to(t, SCR_TAB_REC + t->hits[h].value);
				return false;
			}
			t->click = t->hits[h];
		} else {
			return false;
		}
	}
	bool editing = s->editing && s->editing(t);
	if (!editing) {
		if (ch == '?' || ch == KEY_F(1)) {
			tui_overlay_open(t, OVL_HELP);
			return false;
		}
		if (ch == 'q' || ch == 'Q') {
			tui_overlay_open(t, OVL_QUIT);
			return false;
		}
		/* Esc outside a field goes back, as in dialog. */
		if (ch == 27 && (is_tab(t->screen) || t->screen == SCR_REVIEW)) {
			apply(t, ACT_BACK);
			return false;
		}
		if (is_tab(t->screen)) {
			if (ch >= '1' && ch < '1' + TUI_TAB_COUNT) {
				switch_to(t, SCR_TAB_REC + (ch - '1'));
				return false;
			}
			if (ch == '\t' || ch == KEY_BTAB) {
				int i = t->screen - SCR_TAB_REC;
				i = (i + (ch == '\t' ? 1 : TUI_TAB_COUNT - 1)) % TUI_TAB_COUNT;
				switch_to(t, SCR_TAB_REC + i);
				return false;
			}
		}
	}
	apply(t, s->key(t, ch));
	t->click.kind = HIT_NONE;
	return false;
}

static void compute_sections(struct tui *t)
{
	const struct questionnaire *qn = t->m->questionnaire;
	t->sec_first = xcalloc(qn->sections_count + 1, sizeof *t->sec_first);
	size_t q = 0;
	for (unsigned s = 0; s < qn->sections_count; s++) {
		t->sec_first[s] = q;
		q += qn->sections[s].questions_count;
	}
	t->sec_first[qn->sections_count] = q;
}

/* One key. An escape sequence ncurses does not know (a key the terminfo
 * entry lacks, F13, a paste bracket) is read whole and dropped, never
 * handed on as Esc followed by its letters. */
static int read_key(void)
{
	int ch = getch();
	if (ch != 27)
		return ch;
	timeout(TUI_ESCDELAY_MS);
	int next = getch();
	if (next == ERR) {
		timeout(TUI_TICK_MS);
		return 27;                          /* Esc alone */
	}
	if (next == '[' || next == 'O') {
		/* CSI / SS3: parameters, then a final byte 0x40-0x7e. */
		int c;
		for (int i = 0; i < 32 && (c = getch()) != ERR; i++)
			if (c >= 0x40 && c <= 0x7e)
				break;
		timeout(TUI_TICK_MS);
		return ERR;
	}
	timeout(TUI_TICK_MS);
	ungetch(next);                              /* Esc, then a key */
	return 27;
}

static bool terminal_ok(void)
{
	const char *term = getenv("TERM");
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && term[0] &&
	       strcmp(term, "dumb") != 0;
}

int tui_run(const struct model *m, struct answers *a, const struct tui_options *o)
{
	if (!terminal_ok()) {
		fprintf(stderr, "archwise: the wizard needs a terminal (use `archwise eval FILE` in scripts)\n");
		return 2;
	}
	if (!m->question_count) {
		fprintf(stderr, "archwise: the questionnaire has no questions\n");
		return 2;
	}
	setlocale(LC_ALL, "");
	/* The character set and collation follow the user; numbers do not:
	 * strtod/printf in the engine, the answers and every file we write
	 * use '.' whatever LC_NUMERIC says (de_DE would read "0.10" as 0). */
	setlocale(LC_NUMERIC, "C");
	struct tui t = {0};
	t.m = m;
	t.a = a;
	t.o = o;
	t.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	t.ev_stale = true;
	t.save_ok = true;
	t.ex_targets = GEN_ALL;
	compute_sections(&t);
	t.drafts = xcalloc(m->question_count, sizeof *t.drafts);
	t.changed = xcalloc(m->question_count, sizeof *t.changed);

	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "archwise: cannot initialise the terminal (TERM=%s)\n", getenv("TERM"));
		free(t.sec_first);
		return 2;
	}
	util_set_fatal_cleanup(fatal_cleanup);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must interrupt the blocking read. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Home/End as tmux, screen and the Linux console send them, whatever
	 * the terminfo entry says. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	define_key("\033OH", KEY_HOME);
	define_key("\033OF", KEY_END);
	/* The keys a terminfo entry may lack (vt100 has no PgUp/PgDn, Delete
	 * or Shift-Tab): xterm's sequences, so PgDn is never ESC [ 6 ~ read
	 * as Esc, '[', '6' (tab 6) and '~'. */
	define_key("\033[5~", KEY_PPAGE);
	define_key("\033[6~", KEY_NPAGE);
	define_key("\033[3~", KEY_DC);
	define_key("\033[2~", KEY_IC);
	define_key("\033[Z", KEY_BTAB);
	define_key("\033[A", KEY_UP);
	define_key("\033[B", KEY_DOWN);
	define_key("\033[C", KEY_RIGHT);
	define_key("\033[D", KEY_LEFT);
	define_key("\033OA", KEY_UP);
	define_key("\033OB", KEY_DOWN);
	define_key("\033OC", KEY_RIGHT);
	define_key("\033OD", KEY_LEFT);
	/* Long enough for a sequence split by a slow link or a loaded
	 * machine, short enough for Esc to feel immediate; $ESCDELAY wins. */
	if (!getenv("ESCDELAY"))
		set_escdelay(TUI_ESCDELAY_MS);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	timeout(TUI_TICK_MS); /* wake up now and then to notice signals */
	tui_theme_init(&t);
	getmaxyx(stdscr, t.rows, t.cols);

	t.session_file = session_path();
	if (o && o->resume)
		resume_position(&t);
	else {
		switch_to(&t, SCR_WIZARD);
		session_found(&t);
	}
	/* --scan / --traffic: the panels open on them at once (scan first). */
	if (o && o->scan_dir) {
		tui_import_open(&t, IMP_SCAN, o->scan_dir);
		t.imp_next_traffic = o->traffic_path;
	} else if (o && o->traffic_path) {
		tui_import_open(&t, IMP_TRAFFIC, o->traffic_path);
	}

	bool quit = false, dirty = true, first = true;
	while (!quit && !got_signal) {
		if (dirty) {
			/* The first frame goes out before anything is scored; after
			 * that, score first so each key gives one frame. */
			if (!first && t.ev_stale)
				tui_ensure_eval(&t, is_tab(t.screen));
			draw_all(&t);
			dirty = false;
			/* "reading..." is on screen: now the slow part. */
			if (t.imp != IMP_NONE && t.imp_stage == IMP_BUSY) {
				tui_import_run(&t);
				dirty = true;
			}
			if (first) {
				first = false;
				dirty = dirty || t.ev_stale;
				continue;
			}
		}
		int ch = read_key();
		if (ch == ERR)
			continue;
		if (ch == KEY_RESIZE)
			getmaxyx(stdscr, t.rows, t.cols);
		free(t.status);
		t.status = NULL;
		quit = handle_key(&t, ch);
		dirty = true;
	}

	tui_overlay_close(&t);
	t.imp_next_traffic = NULL;
	tui_import_close(&t);
	endwin();
	delscreen(scr);
	util_set_fatal_cleanup(NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);

	int rc = got_signal ? 128 + got_signal : 0;
	if (got_signal && t.saved_any) {
		char *path = session_path();
		fprintf(stderr, "archwise: interrupted; answers saved in %s (archwise --resume)\n",
			path ? path : "?");
		free(path);
	} else if (got_signal) {
		fprintf(stderr, "archwise: interrupted\n");
	} else if (t.saved_any || (t.session_file && access(t.session_file, F_OK) == 0)) {
		fprintf(stderr, "archwise: answers saved in %s (archwise --resume continues)\n",
			t.session_file);
	}
	if (t.ev_ok)
		engine_evaluation_fini(&t.ev);
	out_bundle_fini(&t.files);
	free(t.files_err);
	free(t.ex_written);
	free(t.ex_adr);
	free(t.ex_msg);
	free(t.status);
	free(t.sec_first);
	for (size_t i = 0; i < m->question_count; i++)
		free(t.drafts[i]);
	free(t.drafts);
	free(t.changed);
	if (t.undo_ok)
		answers_fini(&t.undo);
	free(t.session_file);
	free(t.session_info);
	return rc;
}
