/* record.h: the data a decision record carries so that it can be
 * re-evaluated on its own (`archwise recheck`, the wizard's --answers): a
 * fenced YAML block at the end of the record holding the archwise version,
 * the questionnaire version, the price table's date, the recorded choice
 * and the whole answers document (answers, weights, assumptions, date,
 * decision makers), closed by a digest of the block so that a hand edit or
 * a cut is caught. Written by the record writer, read here. */
#ifndef ARCHWISE_RECORD_H
#define ARCHWISE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "model.h"

/* The first line inside the block; it names the block's format version. */
#define RECORD_MARK "# archwise decision data 1"

struct record_meta {
	char version[32];          /* archwise version that wrote the record */
	unsigned questionnaire_version;
	char prices[16];           /* the price table's date, YYYY-MM-DD */
	enum arch chosen;          /* the recorded choice */
	char status[128];          /* the front matter's status ("" when none) */
	unsigned block_line;       /* line of the block's opening fence */
};

/* The heading, explanation and fenced block for a record of answers a whose
 * chosen architecture is chosen, with the current model's versions (caller
 * frees), or NULL when the answers cannot be written. */
char *record_block(const struct model *m, const struct answers *a, enum arch chosen);

/* Whether text (named name) is a Markdown decision record rather than an
 * answers file: a .md/.markdown name, or text starting with front matter
 * that is not an answers document. */
bool record_is_markdown(const char *name, const char *text, size_t len);

/* Parses a decision record: finds the block, checks its digest and reads
 * the answers with the answers parser. Every error carries its line and
 * column in the record. 0, or -1 with diags (*out is then initialised and
 * must still be freed with answers_fini). */
int record_parse(const struct model *m, const char *text, size_t len, const char *name,
		 struct answers *out, struct record_meta *meta, struct diag_list *diags);

/* Reads a record or an answers file (told apart by record_is_markdown).
 * *is_record (optional) says which; meta is filled for records only. */
int record_load(const struct model *m, const char *path, struct answers *out,
		struct record_meta *meta, bool *is_record, struct diag_list *diags);

/* Whether a status means the record is no longer in force (superseded,
 * deprecated, rejected). */
bool record_status_retired(const char *status);

/* The record text with its front matter's status replaced by "superseded by
 * [ADR-NNNN](FILE)" for the record file name by (caller frees), or NULL when
 * the text has no front matter with a status line. */
char *record_mark_superseded(const char *text, size_t len, const char *by);

#endif
