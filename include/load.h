/* load.h: reads questionnaires and assets through libcyaml schemas, then
 * checks what a schema cannot (duplicate ids, dangling references, ranges).
 * Errors are "FILE:LINE:COL: message" lines, as a compiler prints them. */
#ifndef ARCHWISE_LOAD_H
#define ARCHWISE_LOAD_H

#include <stddef.h>
#include "model.h"
#include "diag.h"

/* Where the model comes from: NULL members mean the built-in data. */
struct load_sources {
	const char *questionnaire_path; /* --questionnaire */
	const char *data_dir;           /* --data-dir: architectures.yaml, case-studies.yaml, pricing-{aws,gcp,azure}.yaml */
};

/* Loads a whole model (questionnaire + the three assets) into *out.
 * Returns 0, or -1 with every problem added to diags. */
int load_model(const struct load_sources *src, struct model *out, struct diag_list *diags);

/* Loads a model from in-memory documents (tests, fuzzers). name_* label the
 * documents in messages. Any NULL text takes the built-in one. */
int load_model_from_text(const char *questionnaire, size_t qlen, const char *qname,
			 const char *architectures, size_t alen, const char *aname,
			 const char *case_studies, size_t clen, const char *cname,
			 const char *pricing, size_t plen, const char *pname,
			 struct model *out, struct diag_list *diags);

/* What kind of archwise file a document is, judged by its top-level keys. */
enum file_kind { FILE_UNKNOWN, FILE_QUESTIONNAIRE, FILE_ARCHITECTURES,
		 FILE_CASE_STUDIES, FILE_PRICING, FILE_ANSWERS };
enum file_kind load_sniff_kind(const char *text, size_t len);

/* `archwise check`: validates one file of any kind against the model (for
 * answers and case studies). Returns the number of problems found. */
size_t load_check_file(const char *path, const struct model *m, struct diag_list *diags);

#endif
