/* tui.h: the ncurses wizard and result screens (the only module that
 * includes curses.h; its screens live in src/tui/). */
#ifndef ARCHWISE_TUI_H
#define ARCHWISE_TUI_H

#include <stdbool.h>
#include "model.h"

struct tui_options {
	const char *answers_path;       /* --answers: pre-fill from this file (already parsed into *a) */
	bool resume;                    /* --resume: continue the autosaved session */
	const char *questionnaire_path; /* for the export's replay command */
	const char *scan_dir;           /* --scan: open "Scan a repository" on it first */
	const char *traffic_path;       /* --traffic: open "Import traffic" on it (after the scan) */
	bool from_record;               /* --answers RECORD.md: the answers came from a record */
	enum arch recorded;             /* that record's choice */
};

/* Runs the wizard over model m starting from answers *a (modified in place).
 * Returns the process exit code (0 after a normal quit). Restores the
 * terminal on every exit path, including SIGINT/SIGTERM/SIGHUP. */
int tui_run(const struct model *m, struct answers *a, const struct tui_options *o);

#endif
