/* report.h: the MADR 4.0 decision record, as Markdown. Deterministic. */
#ifndef ARCHWISE_REPORT_H
#define ARCHWISE_REPORT_H

#include "model.h"
#include "engine.h"

struct report_options {
	const char *date;            /* YYYY-MM-DD; NULL: answers' date, else "unknown" */
	const char *decision_makers; /* NULL: from the answers */
	const char *answers_path;    /* shown in the replay command */
};

/* The decision record (caller frees), or NULL on allocation failure. */
char *report_markdown(const struct model *m, const struct answers *a,
		      const struct evaluation *ev, const struct report_options *o);
/* "0007-choose-kubernetes-for-user-api.md": the next free number in dir
 * (caller frees), or NULL when dir cannot be read. */
char *report_adr_filename(const char *dir, const struct model *m,
			  const struct answers *a, const struct evaluation *ev);

#endif
