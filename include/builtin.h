/* builtin.h: the default data files, compiled into the binary so archwise
 * works from any folder. Each text is NUL-terminated (use strlen). */
#ifndef ARCHWISE_BUILTIN_H
#define ARCHWISE_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;  /* "questionnaires/k8s-vs-serverless.yaml" */
	const char *text;
};

extern const struct builtin_file builtin_questionnaire;
extern const struct builtin_file builtin_architectures;
extern const struct builtin_file builtin_case_studies;
/* One price table per provider, in enum provider order (aws, gcp, azure). */
extern const struct builtin_file builtin_pricing[3];

struct model;
/* Points m's questionnaire and assets at the built-in model compiled from
 * the data files at build time (tools/embed_model.c); the caller then builds
 * the indexes. Returns 0, or -1 where no compiled model exists. */
int builtin_model_fill(struct model *m);

#endif
