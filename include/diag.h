/* diag.h: collected error messages "FILE:LINE:COL: message" (line/col 0 =
 * unknown and omitted). The list owns its strings. */
#ifndef ARCHWISE_DIAG_H
#define ARCHWISE_DIAG_H

#include <stddef.h>

struct diag {
	char *file;
	unsigned line, col;
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t count, cap;
};

/* Appends a printf-formatted message at file:line:col. */
void diag_add(struct diag_list *d, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Formats item i as "FILE:LINE:COL: message" into a new string (caller frees). */
char *diag_format(const struct diag *item);
/* Prints every item as "archwise: FILE:LINE:COL: message" on stream. */
void diag_print(const struct diag_list *d, void *stream);
void diag_list_fini(struct diag_list *d);

#endif
