/* gen.h: starter files (CONTRACT §6) generated from answers and an evaluation,
 * into an in-memory bundle; writing is output.h's job. Deterministic: the
 * same inputs give byte-identical files. */
#ifndef ARCHWISE_GEN_H
#define ARCHWISE_GEN_H

#include "model.h"
#include "engine.h"
#include "output.h"

enum gen_target {
	GEN_KUBERNETES = 1 << 0,
	GEN_KNATIVE = 1 << 1,
	GEN_SERVERLESS = 1 << 2,
	GEN_FARGATE = 1 << 3,
	GEN_ALL = GEN_KUBERNETES | GEN_KNATIVE | GEN_SERVERLESS | GEN_FARGATE
};

/* Parses "all" / "kubernetes" / ... (comma lists allowed) into a mask; -1 if unknown. */
int gen_target_parse(const char *text);

/* Adds the files of each target in mask (kubernetes/..., knative/service.yaml,
 * serverless/serverless.yml + handler, fargate/...). 0, or -1 with *err. */
int gen_targets(const struct model *m, const struct answers *a, const struct evaluation *ev,
		int mask, struct out_bundle *b, char **err);
/* The bundle README.md describing the files in b. */
int gen_bundle_readme(const struct model *m, const struct answers *a,
		      const struct evaluation *ev, int mask, struct out_bundle *b, char **err);

/* Whether s is a DNS-1123 label (1-63 of [a-z0-9-], alphanumeric at both ends). */
int gen_is_dns1123_label(const char *s);

#endif
