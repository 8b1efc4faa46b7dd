/* recheck.h: `archwise recheck`: does a recorded decision still hold? The
 * recorded answers are evaluated again with the current model, with the
 * traffic a log measures and single answers given on the command line put
 * in; what changed is explained: answers that moved, break-evens crossed,
 * rules that now exclude or count against the choice, and a model or price
 * table that differs from the one the record was made with. */
#ifndef ARCHWISE_RECHECK_H
#define ARCHWISE_RECHECK_H

#include <stdbool.h>
#include "engine.h"
#include "model.h"
#include "record.h"
#include "traffic.h"

struct cJSON;

/* What changed, one per line of the report. */
enum recheck_kind {
	RECHECK_ANSWER,        /* an answer moved (--set, --traffic) */
	RECHECK_BREAK_EVEN,    /* the cost order of the choice and another architecture flipped */
	RECHECK_RULE,          /* a rule now excludes or counts against the choice */
	RECHECK_MODEL,         /* archwise, questionnaire or prices differ from the record's */
	RECHECK_CLOSE,         /* --strict: the choice is now a close call */
	RECHECK_KIND_COUNT
};

struct recheck_result {
	char *file;                /* as given */
	bool is_record;            /* a decision record (else an answers file) */
	bool retired;              /* the record's status is superseded/deprecated/rejected */
	char status[128];
	enum arch recorded, now;
	double recorded_score, now_score; /* scores now */
	bool recorded_excluded;    /* a rule now excludes the recorded choice */
	bool holds;
	struct cJSON *changes;     /* array of {kind, text, ...} */
	struct cJSON *warnings;    /* array of strings */
};

void recheck_result_fini(struct recheck_result *r);

/* Kind's JSON name ("answer", "break_even", ...). */
const char *recheck_kind_name(enum recheck_kind k);

/* Applies "QUESTION=VALUE" to a, validated like an answers file (a list in
 * brackets for multiple choice: hardware=[gpu]). 0, or -1 with *err (caller
 * frees) and a unchanged. */
int recheck_apply_set(const struct model *m, struct answers *a, const char *assignment,
		      char **err);

/* Compares: recorded are the answers the decision was made from, meta the
 * record's data (NULL for an answers file: the recorded choice is then what
 * the current model makes of recorded), now the answers with the changes
 * put in. strict turns a close call into a decision that no longer holds.
 * 0, or -1 when out of memory. */
int recheck_compare(const struct model *m, const char *file, const struct answers *recorded,
		    const struct record_meta *meta, const struct answers *now, bool strict,
		    struct recheck_result *r);

/* The result as text lines (caller frees): "FILE: holds: ..." then one
 * indented line per change and warning. */
char *recheck_to_text(const struct model *m, const struct recheck_result *r);
/* The result as one JSON object on one line (caller frees). */
char *recheck_to_json(const struct model *m, const struct recheck_result *r);

#endif
