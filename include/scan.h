/* scan.h: `archwise scan`. Walks a repository (bounded depth and file count,
 * no symlinks followed, at most SCAN_MAX_FILE_BYTES read per file), reads
 * Dockerfiles, Kubernetes manifests and Helm charts, serverless.yml and SAM
 * templates, Compose files and language manifests, and turns what it sees
 * into answers, each with its evidence (file:line). No ncurses. */
#ifndef ARCHWISE_SCAN_H
#define ARCHWISE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#define SCAN_MAX_DEPTH 8
#define SCAN_MAX_FILES 10000
#define SCAN_MAX_FILE_BYTES (1024u * 1024u)

/* One thing the scan saw: question id, the answer it suggests (option id or
 * number, as text), where and why. Owns its strings. */
struct scan_finding {
	char *question;
	char *value;
	char *file;          /* path relative to the scanned folder */
	unsigned line;       /* 1-based; 0 = the file as a whole */
	char *evidence;      /* the line (printable ASCII, trimmed) or a reason */
	int priority;        /* higher wins when findings disagree */
};

/* Everything a scan found, in walk order (paths sorted byte-wise). */
struct scan_result {
	struct scan_finding *items;
	size_t count, cap;
	size_t files_seen;   /* entries visited */
	size_t files_read;   /* files opened and read */
	bool truncated;      /* stopped at SCAN_MAX_FILES */
	size_t unreadable;   /* folders that could not be opened, skipped */
	char *first_unreadable; /* the first of them, "PATH: why" (owned) */
};

/* Scans dir. 0, or -1 with *err (caller frees) when dir cannot be opened. */
int scan_dir(const char *dir, struct scan_result *out, char **err);
/* Scans one in-memory file as if found at relative path `path` (tests, fuzzers). */
void scan_text(struct scan_result *r, const char *path, const char *text, size_t len);
void scan_result_fini(struct scan_result *r);

/* Kind of a question scan answers, for typing its value. */
enum scan_kind { SCAN_SINGLE, SCAN_MULTIPLE, SCAN_NUMBER };

/* One merged answer: a single value, a number, or a list (multiple choice). */
struct scan_answer {
	const char *question;      /* static */
	enum scan_kind kind;
	char **values;             /* owned; one for single/number */
	size_t values_count;
	const struct scan_finding *from; /* the finding that decided it (borrowed) */
};

struct scan_answers {
	struct scan_answer *items;
	size_t count;
};

/* Merges the findings into one answer per question, in a fixed question
 * order (conflicts: the documented rules in docs/scan.md). The result
 * borrows from r. */
void scan_merge(const struct scan_result *r, struct scan_answers *out);
void scan_answers_fini(struct scan_answers *a);
/* The merged answer to question id, or NULL. */
const struct scan_answer *scan_answers_get(const struct scan_answers *a, const char *id);

/* Text report: one line per finding "question = value  (file:line: evidence)". Caller frees. */
char *scan_to_text(const struct scan_result *r);
/* JSON {"findings":[...], "answers":{...}}. Caller frees; NULL on failure. */
char *scan_to_json(const struct scan_result *r, const struct scan_answers *a);

/* `archwise scan DIR [--json] [--write-answers FILE] [--force]
 * [--questionnaire FILE] [--data-dir DIR]` (argv[0] = "scan"); returns the exit code. */
int scan_command(int argc, char **argv);

#endif
