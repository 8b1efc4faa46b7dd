/* model.c: architecture ids and the model's lookups and lifetime. */
#include <string.h>
#include "model.h"

static const char *const arch_ids[ARCH_COUNT] = {
	[ARCH_KUBERNETES] = "kubernetes",
	[ARCH_SERVERLESS] = "serverless",
	[ARCH_KUBERNETES_SERVERLESS] = "kubernetes_serverless",
	[ARCH_SERVERLESS_CONTAINERS] = "serverless_containers",
	[ARCH_HYBRID] = "hybrid",
};

const char *arch_id(enum arch a)
{
	return (unsigned)a < ARCH_COUNT ? arch_ids[a] : "unknown";
}

int arch_from_id(const char *id)
{
	if (!id)
		return -1;
	for (int i = 0; i < ARCH_COUNT; i++)
		if (strcmp(arch_ids[i], id) == 0)
			return i;
	return -1;
}

int model_option_index(const struct question *q, const char *id)
{
	if (!q || !id)
		return -1;
	for (unsigned i = 0; i < q->options_count; i++)
		if (strcmp(q->options[i].id, id) == 0)
			return (int)i;
	return -1;
}

int model_factor_index(const struct model *m, const char *id)
{
	if (!m || !m->questionnaire || !id)
		return -1;
	for (unsigned i = 0; i < m->questionnaire->factors_count; i++)
		if (strcmp(m->questionnaire->factors[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct question *model_question(const struct model *m, size_t i)
{
	return i < m->question_count ? m->questions[i] : NULL;
}
