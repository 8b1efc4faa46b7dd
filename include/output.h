/* output.h: safe file writing. Every file is written to a temporary file in
 * the same folder, fsync'd and renamed into place; a symlink at the target
 * is never followed; nothing is overwritten unless asked. */
#ifndef ARCHWISE_OUTPUT_H
#define ARCHWISE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* A file to write: path relative to the bundle's folder, contents owned. */
struct out_file {
	char *path;
	char *data;
	size_t len;
	bool executable;   /* written 0755 (a script the bundle runs), else 0644 */
};

/* A set of files written together (an export). Owns its files. */
struct out_bundle {
	struct out_file *files;
	size_t count, cap;
};

/* Adds a file (takes ownership of data, copies path). 0 or -1 (ENOMEM). */
int out_bundle_add(struct out_bundle *b, const char *path, char *data, size_t len);
/* Marks the file at path (added before) executable; -1 when there is none. */
int out_bundle_set_executable(struct out_bundle *b, const char *path);
/* Adds a copy of a NUL-terminated string as a file. */
int out_bundle_add_str(struct out_bundle *b, const char *path, const char *text);
/* The file with this relative path, or NULL. */
const struct out_file *out_bundle_find(const struct out_bundle *b, const char *path);
void out_bundle_fini(struct out_bundle *b);

/* Writes one file atomically at path (creating no folders). Refuses when
 * something exists at path and !force, and always when path is a symlink.
 * Returns 0, or -1 with *err (caller frees) naming the path and the cause. */
int out_write_atomic(const char *path, const char *data, size_t len, bool force, char **err);

/* Writes the whole bundle under dir (creating dir and sub-folders, mode 0755,
 * refusing symlinked folders). First checks every target: when any exists and
 * !force nothing is written (returns 1, *err names the first). A failure part
 * way removes the files this call created and restores nothing else it has not
 * touched. Returns 0 on success, 1 refused, -1 on I/O failure with *err. */
int out_write_bundle(const char *dir, const struct out_bundle *b, bool force, char **err);

#endif
