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

static const char *const provider_ids[PROVIDER_COUNT] = { "aws", "gcp", "azure" };

const char *provider_id(enum provider p)
{
	return (unsigned)p < PROVIDER_COUNT ? provider_ids[p] : "unknown";
}

int provider_from_id(const char *id)
{
	for (int i = 0; id && i < PROVIDER_COUNT; i++)
		if (strcmp(provider_ids[i], id) == 0)
			return i;
	return -1;
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

static const struct {
	const char *key;
	enum assume_kind kind;
	double lo, hi;
} assumption_table[ASSUME_COUNT] = {
#define ASSUME_ROW(k, kind, lo, hi) { #k, kind, lo, hi },
	ASSUMPTIONS(ASSUME_ROW)
#undef ASSUME_ROW
};

const char *assumption_key(enum assumption i)
{
	return (unsigned)i < ASSUME_COUNT ? assumption_table[i].key : "unknown";
}

enum assume_kind assumption_kind(enum assumption i)
{
	return (unsigned)i < ASSUME_COUNT ? assumption_table[i].kind : ASSUME_NUMBER;
}

void assumption_bounds(enum assumption i, double *lo, double *hi)
{
	*lo = (unsigned)i < ASSUME_COUNT ? assumption_table[i].lo : 0;
	*hi = (unsigned)i < ASSUME_COUNT ? assumption_table[i].hi : 0;
}

int assumption_from_key(const char *key)
{
	for (int i = 0; key && i < ASSUME_COUNT; i++)
		if (strcmp(assumption_table[i].key, key) == 0)
			return i;
	return -1;
}

static const char *const front_door_ids[] = { "api_gateway", "function_url", "load_balancer" };

const char *front_door_id(enum front_door f)
{
	return (unsigned)f < 3 ? front_door_ids[f] : "unknown";
}

int front_door_from_id(const char *id)
{
	for (int i = 0; id && i < 3; i++)
		if (strcmp(front_door_ids[i], id) == 0)
			return i;
	return -1;
}

const struct pricing *model_pricing(const struct model *m, int p)
{
	if (p >= 0 && p < PROVIDER_COUNT && m->pricing[p])
		return m->pricing[p];
	return m->pricing[PROVIDER_AWS];
}

int model_weight_question(const struct model *m, size_t f)
{
	const char *fid = m->questionnaire->factors[f].id;
	for (size_t i = 0; i < m->question_count; i++)
		if (m->questions[i]->sets_weight && strcmp(m->questions[i]->sets_weight, fid) == 0)
			return (int)i;
	return -1;
}
