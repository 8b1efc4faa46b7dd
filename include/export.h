/* export.h: `archwise export`: the record, the answers and the starter files
 * of the chosen targets, written as one bundle. Shared by the CLI and the
 * wizard's export tab. */
#ifndef ARCHWISE_EXPORT_H
#define ARCHWISE_EXPORT_H

#include <stdbool.h>
#include "model.h"
#include "engine.h"
#include "output.h"

struct export_options {
	const char *out_dir;         /* NULL: ./archwise-out/SERVICE_NAME */
	int targets;                 /* gen_target mask */
	bool force;
	const char *date;            /* --date */
	const char *adr_dir;         /* --adr-dir: also DIR/NNNN-slug.md */
	const char *answers_path;    /* where the answers came from */
	const char *supersedes;      /* --supersedes NNNN: with adr_dir, mark DIR/NNNN-*.md superseded */
	/* Optional: told, one line each, of files a re-export leaves alone
	 * (changed since archwise wrote them, or not archwise's). */
	void (*note)(void *ctx, const char *line);
	void *note_ctx;
};

/* The bundle's manifest: every file the export wrote with its SHA-256
 * ("SHA256  PATH", as sha256sum -c reads it). A re-export with --force
 * removes the files it lists that are no longer generated, when unchanged. */
#define EXPORT_MANIFEST ".archwise-manifest"

/* The default output folder, archwise-out/SERVICE_NAME (caller frees). */
char *export_default_dir(const struct model *m, const struct answers *a);
/* Builds every file of the export in memory (for previews and for writing). */
int export_build(const struct model *m, const struct answers *a, const struct evaluation *ev,
		 const struct export_options *o, struct out_bundle *b, char **err);
/* Builds and writes; returns 0, 1 when refused (exists, no --force) or on
 * I/O failure, 2 when the answers cannot be turned into files (bad input),
 * with *err (caller frees); *written (optional) gets what was written. */
int export_run(const struct model *m, const struct answers *a, const struct evaluation *ev,
	       const struct export_options *o, char **written, char **err);

#endif
