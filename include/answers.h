/* answers.h: answers files (docs/data-formats.md), YAML or JSON, read and written. */
#ifndef ARCHWISE_ANSWERS_H
#define ARCHWISE_ANSWERS_H

#include <stdio.h>
#include "model.h"
#include "diag.h"

struct yamldoc;
struct yaml_node_s;

/* Empty answers for m (every question takes its default). The weights array
 * holds factors_count entries followed by ANSWERS_WEIGHTS_END (so copies
 * need no model). */
#define ANSWERS_WEIGHTS_END (-2)
int answers_init(struct answers *a, const struct model *m);
void answers_fini(struct answers *a);
/* Deep copy. */
int answers_copy(struct answers *dst, const struct answers *src);

/* Parses an answers document (YAML or JSON, told apart by content) named
 * `name` in messages. Errors name the question and carry line:col. */
int answers_parse(const struct model *m, const char *text, size_t len, const char *name,
		  struct answers *out, struct diag_list *diags);
/* Parses an answers mapping (question id -> answer, the `answers:` part)
 * found at node map of a loaded document, e.g. a case study's profile. */
int answers_parse_node(const struct model *m, struct yamldoc *doc, struct yaml_node_s *map,
		       const char *name, struct answers *out, struct diag_list *diags);
/* Reads and parses an answers file. */
int answers_load(const struct model *m, const char *path, struct answers *out,
		 struct diag_list *diags);

/* Effective values: the answer, or the question's default. */
int answers_option(const struct model *m, const struct answers *a, size_t q);
uint64_t answers_selected(const struct model *m, const struct answers *a, size_t q);
double answers_number(const struct model *m, const struct answers *a, size_t q);
const char *answers_text(const struct model *m, const struct answers *a, size_t q);
/* Convenience by question id: number (NAN when unknown), text/option id (NULL). */
double answers_number_by_id(const struct model *m, const struct answers *a, const char *id);
const char *answers_choice_by_id(const struct model *m, const struct answers *a, const char *id);
const char *answers_text_by_id(const struct model *m, const struct answers *a, const char *id);
/* Whether option option_id of multiple-choice question question_id is
 * selected (false when either is unknown or the question is not multiple). */
bool answers_selected_has(const struct model *m, const struct answers *a, const char *question_id,
			  const char *option_id);
/* Why text is not a valid answer to text question q: NULL when it is, else a
 * message (caller frees). Length, control characters, the pattern. */
char *answers_text_problem(const struct question *q, const char *text);
/* Reads a number as people write it, the one reading of the wizard and of
 * answers files: an optional sign, digits with ',' or '_' only between
 * groups of three ("2,500,000"; "2,5" and "0,17" are refused: a decimal
 * point is '.'), a fraction, an exponent, and a suffix: k, M, G (x1e3, 1e6,
 * 1e9), or in a field whose unit is MB: M or MB (1) and G or GB (1,024).
 * NULL and *out, or why not (caller frees). */
char *answers_number_read(const char *text, const char *unit, double *out);
/* Why v is not an answer to number question q (a fraction for a whole-
 * number question, out of range): NULL when it is (caller frees). */
char *answers_number_problem(const struct question *q, double v);
/* answers_number_read with q's unit, then answers_number_problem. */
char *answers_number_parse(const struct question *q, const char *text, double *out);
/* The service-name rule in words, and whether s follows it (the questionnaire's
 * service_name question states the same rule; export refuses other names). */
const char *answers_service_name_rule(void);
bool answers_service_name_ok(const char *s);
/* Whether s is a valid YYYY-MM-DD date. */
bool answers_valid_date(const char *s);
/* The price table of the answers' provider (the AWS one when none is
 * answered or loaded); NULL when the model has no prices. */
const struct pricing *answers_pricing(const struct model *m, const struct answers *a);
/* Effective weight of factor f. */
unsigned answers_weight(const struct model *m, const struct answers *a, size_t f);

/* Sets answers, validating like the parser; 0 or -1 with *err (caller frees). */
int answers_set_option(const struct model *m, struct answers *a, size_t q, int option);
int answers_set_selected(const struct model *m, struct answers *a, size_t q, uint64_t sel);
int answers_set_number(const struct model *m, struct answers *a, size_t q, double v, char **err);
int answers_set_text(const struct model *m, struct answers *a, size_t q, const char *text, char **err);

/* Replaces the decision makers with the names of list ("Ana, Bo": split on
 * commas, spaces trimmed; an empty list clears them). Each name 1-100
 * bytes, no control characters; else -1 with *err (caller frees) and the
 * answers unchanged. */
int answers_set_decision_makers(struct answers *a, const char *list, char **err);
/* A decision maker's name, however it comes in (answers file, option,
 * wizard): 1-ANSWERS_NAME_MAX characters of UTF-8, no control character,
 * no comma, no space at either end. NULL when fine, else why (caller frees). */
#define ANSWERS_NAME_MAX 100
char *answers_name_problem(const char *name, size_t len);

/* Where the answer to question_id is in the answers file at path (its
 * value's line and column), for messages found after loading (export's
 * checks); false when the file does not say it there. */
bool answers_locate(const char *path, const char *question_id, unsigned *line, unsigned *col);

/* Writes the answers as YAML (every question, defaults included, in
 * questionnaire order; emitted through libyaml so any text is safe).
 * Returns a malloc'd NUL-terminated buffer, or NULL on failure. */
char *answers_to_yaml(const struct model *m, const struct answers *a, size_t *len);
/* The same with only the questions answered (the wizard's session: read
 * back, the others are still open and take their defaults). */
char *answers_to_yaml_answered(const struct model *m, const struct answers *a, size_t *len);
/* The same as JSON (a document answers_parse reads back the same way). */
char *answers_to_json(const struct model *m, const struct answers *a, size_t *len);
/* Whether a file name says JSON (ends in ".json", any case). */
bool answers_path_is_json(const char *path);
/* answers_to_json for a path answers_path_is_json, else answers_to_yaml. */
char *answers_to_file_text(const struct model *m, const struct answers *a, const char *path,
			   size_t *len);

#endif
