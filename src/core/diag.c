/* diag.c: compiler-style error lists. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "util.h"

void diag_add(struct diag_list *d, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...)
{
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		d->items = xrealloc(d->items, cap * sizeof(*d->items));
		d->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *raw = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages quote what the files hold: nothing in them may drive the
	 * terminal they are printed on. */
	char *msg = util_escape_controls(raw, false);
	free(raw);
	d->items[d->count++] = (struct diag){
		.file = util_escape_controls(file ? file : "-", false), .line = line, .col = col,
		.message = msg,
	};
}

void diag_add_io(struct diag_list *d, const char *file, int err, const char *what)
{
	diag_add(d, file, 0, 0, "%s: %s", what, strerror(err));
	if (!diag_errno_is_input(err))
		d->io = true;
}

int diag_exit_code(const struct diag_list *d)
{
	return d->io ? 1 : 2;
}

bool diag_errno_is_input(int err)
{
	return err == ENOENT || err == ENOTDIR || err == ELOOP || err == ENAMETOOLONG ||
	       err == EISDIR;
}

char *diag_format(const struct diag *it)
{
	if (it->line && it->col)
		return xasprintf("%s:%u:%u: %s", it->file, it->line, it->col, it->message);
	if (it->line)
		return xasprintf("%s:%u: %s", it->file, it->line, it->message);
	return xasprintf("%s: %s", it->file, it->message);
}

void diag_print(const struct diag_list *d, void *stream)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = diag_format(&d->items[i]);
		fprintf(stream, "archwise: %s\n", s);
		free(s);
	}
}

void diag_list_fini(struct diag_list *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	*d = (struct diag_list){0};
}
