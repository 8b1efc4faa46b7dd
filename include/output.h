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
/* The same with the file's permission bits (before the umask), e.g. 0600
 * for private state; out_write_atomic uses 0644. */
int out_write_atomic_mode(const char *path, const char *data, size_t len, bool force,
			  unsigned mode, char **err);

/* How long a bundle write waits for another writer of the same folder. */
#define OUT_LOCK_WAIT_MS 10000

/* How a bundle is written. */
struct out_bundle_options {
	bool force;             /* replace files that exist */
	const char *manifest;   /* NULL, or the name of a manifest written in the
				 * bundle's folder: "SHA256  PATH" lines (as
				 * sha256sum writes them) for every file; with
				 * force, files the previous manifest lists that
				 * this bundle no longer has are removed when
				 * unchanged, kept and noted when changed */
	int lock_wait_ms;       /* wait for the folder's lock at most this long */
	/* Called with one line for each file left alone that a reader should
	 * know about (changed stale files, files archwise did not write). */
	void (*note)(void *ctx, const char *line);
	void *note_ctx;
};

/* Writes the whole bundle under dir (creating dir and sub-folders, mode 0755,
 * refusing symlinked folders), holding an advisory lock (flock) on dir so
 * that writers of one folder take turns. First checks every target: when any
 * exists and !force nothing is written (returns 1, *err names the first).
 * The bundle is replaced whole or not at all: every new file is written and
 * synced beside its target, the old versions are kept under backup names
 * while the names are swapped, and a failure part way puts every old file
 * back and removes what this call created. Returns 0 on success, 1 refused,
 * -1 on failure with *err (caller frees). */
int out_write_bundle_with(const char *dir, const struct out_bundle *b,
			  const struct out_bundle_options *o, char **err);
/* The same without a manifest, waiting OUT_LOCK_WAIT_MS for the lock. */
int out_write_bundle(const char *dir, const struct out_bundle *b, bool force, char **err);

/* dir without trailing "/" and "/." (which would make the folder's own
 * name follow a symlink): the name every check is made on (caller frees). */
char *out_folder_normalize(const char *dir);
/* 0 when dir is an existing folder that is not itself a symbolic link
 * (its parents may be); else -1 with *err. */
int out_folder_check(const char *dir, char **err);

/* One line of a manifest. */
struct out_manifest_entry {
	char sha256[65];
	char *path;
};
/* The manifest of files (caller frees). */
char *out_manifest_text(const struct out_file *files, size_t n);
/* Parses a manifest (untrusted: lines whose path is not a safe relative
 * path are dropped) into *entries (free with out_manifest_free); returns
 * the number of lines dropped. */
int out_manifest_parse(const char *text, size_t len, struct out_manifest_entry **entries,
		       size_t *count);
void out_manifest_free(struct out_manifest_entry *entries, size_t count);

#endif
