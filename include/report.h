/* report.h: the MADR 4.0 decision record, as Markdown. Deterministic. */
#ifndef ARCHWISE_REPORT_H
#define ARCHWISE_REPORT_H

#include "model.h"
#include "engine.h"

struct report_options {
	const char *date;            /* YYYY-MM-DD; NULL: answers' date, else "unknown" */
	const char *decision_makers; /* NULL: from the answers */
	const char *answers_path;    /* shown in the replay command */
	const char *chart_path;      /* the cost chart's file, shown as an image; NULL: none */
};

/* The decision record (caller frees), or NULL on allocation failure. */
char *report_markdown(const struct model *m, const struct answers *a,
		      const struct evaluation *ev, const struct report_options *o);
/* The cost chart (caller frees), an SVG: monthly cost of every architecture
 * against requests/day on log-log axes, with a legend, the answers' volume
 * and the break-evens marked. Deterministic. */
char *report_cost_chart_svg(const struct model *m, const struct evaluation *ev);
/* "0007-choose-kubernetes-for-user-api.md": the next free number in dir
 * (caller frees), or NULL when dir cannot be read. */
char *report_adr_filename(const char *dir, const struct model *m,
			  const struct answers *a, const struct evaluation *ev);

#endif
