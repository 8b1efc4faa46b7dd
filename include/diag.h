/* diag.h: collected error messages "FILE:LINE:COL: message" (line/col 0 =
 * unknown and omitted). The list owns its strings. */
#ifndef ARCHWISE_DIAG_H
#define ARCHWISE_DIAG_H

#include <stdbool.h>
#include <stddef.h>

struct diag {
	char *file;
	unsigned line, col;
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t count, cap;
	bool io;        /* one of them is an I/O failure, not bad input */
};

/* Appends a printf-formatted message at file:line:col. */
void diag_add(struct diag_list *d, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same for an I/O failure (a read error, a permission refused): marks
 * the list, so the command exits 1 (runtime) rather than 2 (bad input). */
void diag_add_io(struct diag_list *d, const char *file, int err, const char *what);
/* The exit code for a list of problems: 1 when one is an I/O failure, else 2. */
int diag_exit_code(const struct diag_list *d);
/* Whether an errno from open() means the name is wrong (absent, not a
 * folder on the way): bad input; anything else is an I/O failure. */
bool diag_errno_is_input(int err);
/* Formats item i as "FILE:LINE:COL: message" into a new string (caller frees). */
char *diag_format(const struct diag *item);
/* Prints every item as "archwise: FILE:LINE:COL: message" on stream. */
void diag_print(const struct diag_list *d, void *stream);
void diag_list_fini(struct diag_list *d);

#endif
