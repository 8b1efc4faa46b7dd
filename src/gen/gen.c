/* gen.c: resolves the answers the generators need once (struct gen_input),
 * refuses unsafe inputs before any file is built, derives the autoscaling
 * bounds and dispatches to the per-target generators. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "answers.h"
#include "util.h"

int gen_target_parse(const char *text)
{
	static const struct { const char *name; int mask; } names[] = {
		{"all", GEN_ALL},
		{"kubernetes", GEN_KUBERNETES},
		{"knative", GEN_KNATIVE},
		{"serverless", GEN_SERVERLESS},
		{"fargate", GEN_FARGATE},
	};
	if (!text || !*text)
		return -1;
	int mask = 0;
	const char *c = text;
	for (;;) {
		const char *e = strchr(c, ',');
		size_t n = e ? (size_t)(e - c) : strlen(c);
		int found = -1;
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n && strncmp(names[i].name, c, n) == 0)
				found = names[i].mask;
		if (found < 0)
			return -1;
		mask |= found;
		if (!e)
			break;
		c = e + 1;
	}
	return mask;
}

int gen_is_dns1123_label(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n < 1 || n > 63)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
		if (!ok)
			return 0;
	}
	return s[0] != '-' && s[n - 1] != '-';
}

bool gen_image_is_pinned(const char *image)
{
	if (!image || !*image)
		return false;
	/* The reference grammar's characters only: the image is also pasted
	 * into shell commands in the bundle README. */
	if (strlen(image) > 255)
		return false;
	for (const char *c = image; *c; c++)
		if (!(isalnum((unsigned char)*c) || strchr("._/:@-", *c)))
			return false;
	const char *at = strchr(image, '@');
	if (at)
		return strncmp(at + 1, "sha256:", 7) == 0 && strlen(at + 8) == 64;
	const char *slash = strrchr(image, '/');
	const char *last = slash ? slash + 1 : image;
	const char *colon = strchr(last, ':');
	if (!colon || !colon[1] || strcmp(colon + 1, "latest") == 0)
		return false;
	/* A tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} (the OCI distribution rule). */
	const char *tag = colon + 1;
	if (strlen(tag) > 128 || !(isalnum((unsigned char)tag[0]) || tag[0] == '_'))
		return false;
	for (const char *c = tag; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '.' || *c == '-'))
			return false;
	return true;
}

/* eu-west-1, us-gov-west-1, ap-southeast-2: lowercase words joined by '-',
 * ending in a number. */
static bool region_is_valid(const char *r)
{
	if (!r || !*r || strlen(r) > 32 || !islower((unsigned char)r[0]))
		return false;
	size_t dashes = 0;
	for (const char *c = r; *c; c++) {
		if (*c == '-') {
			if (c[1] == '-' || c[1] == '\0')
				return false;
			dashes++;
		} else if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c)) {
			return false;
		}
	}
	const char *last = strrchr(r, '-');
	return dashes >= 2 && last && isdigit((unsigned char)last[1]);
}

static bool runtime_is_known(const char *rt)
{
	return rt && (strcmp(rt, "nodejs22.x") == 0 || strcmp(rt, "python3.13") == 0 ||
		      strcmp(rt, "java21") == 0 || strcmp(rt, "provided.al2023") == 0);
}

static const char *text_or(const struct model *m, const struct answers *a, const char *id,
			   const char *dflt)
{
	const char *t = answers_text_by_id(m, a, id);
	return t && *t ? t : dflt;
}

static const char *choice_or(const struct model *m, const struct answers *a, const char *id,
			     const char *dflt)
{
	const char *t = answers_choice_by_id(m, a, id);
	return t ? t : dflt;
}

static double number_or(const struct model *m, const struct answers *a, const char *id,
			double dflt)
{
	double v = answers_number_by_id(m, a, id);
	return isnan(v) ? dflt : v;
}

static unsigned clamp_unsigned(double v, unsigned lo, unsigned hi)
{
	if (isnan(v) || v < lo)
		return lo;
	if (v > hi)
		return hi;
	return (unsigned)llround(v);
}

void gen_input_from_answers(const struct model *m, const struct answers *a,
			    const struct evaluation *ev, struct gen_input *in)
{
	memset(in, 0, sizeof(*in));
	in->service = text_or(m, a, "service_name", "my-service");
	in->image = text_or(m, a, "container_image", "");
	in->port = clamp_unsigned(number_or(m, a, "container_port", 8080), 1, 65535);
	in->memory_mb = clamp_unsigned(number_or(m, a, "memory_mb", 512), 64, 1048576);
	in->requests_per_day = number_or(m, a, "requests_per_day", 100000);
	if (in->requests_per_day < 0)
		in->requests_per_day = 0;
	in->avg_duration_ms = number_or(m, a, "avg_duration_ms", 100);
	if (!(in->avg_duration_ms >= 1))
		in->avg_duration_ms = 1;
	in->traffic_pattern = choice_or(m, a, "traffic_pattern", "steady");
	in->longest_task = choice_or(m, a, "longest_task", "under_1s");
	in->workload_type = choice_or(m, a, "workload_type", "http_api");
	in->state = choice_or(m, a, "state", "stateless");
	in->latency_target = choice_or(m, a, "latency_target", "moderate");
	in->runtime = choice_or(m, a, "runtime", "nodejs22.x");
	in->region = text_or(m, a, "region", "us-east-1");
	in->high_cpu = answers_selected_has(m, a, "hardware", "high_cpu");
	in->gpu = answers_selected_has(m, a, "hardware", "gpu");
	in->provider = choice_or(m, a, "provider", "aws");
	in->recommendation = ev ? arch_id(ev->recommendation) : NULL;
	/* The questionnaire's example image (or none) names a repository after
	 * this service instead: registry.example.com/team/SERVICE:1.0.0. */
	int qi = model_question_index(m, "container_image");
	const struct question *q = qi >= 0 ? model_question(m, (size_t)qi) : NULL;
	if (!*in->image || (q && q->default_value && strcmp(in->image, q->default_value) == 0)) {
		snprintf(in->image_buf, sizeof(in->image_buf), "registry.example.com/team/%.49s:1.0.0",
			 in->service);
		in->image = in->image_buf;
	}
}

bool gen_knative_reserved_port(unsigned port)
{
	static const unsigned reserved[] = {8008, 8012, 8013, 8022, 9090, 9091};
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (port == reserved[i])
			return true;
	return false;
}

char *gen_short_name(const char *name, size_t max)
{
	size_t n = strlen(name);
	if (n <= max || max < 8)
		return xstrndup(name, n <= max ? n : max);
	uint32_t h = 2166136261u;   /* FNV-1a, 32 bits */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	size_t keep = max - 7;
	while (keep > 0 && name[keep - 1] == '-')
		keep--;
	return xasprintf("%.*s-%06x", (int)keep, name, (unsigned)(h >> 8));
}

int gen_cpu_size(const struct gen_input *in, struct gen_cpu *out, char **err)
{
	if (in->memory_mb > GEN_NODE_ALLOC_MEMORY_MB) {
		*err = xasprintf("memory_mb %u is more than one instance can have: the largest node "
				 "the Kubernetes files assume (%u vCPU, 256 GiB) leaves %u MiB "
				 "allocatable; split the work across instances",
				 in->memory_mb, GEN_NODE_VCPU, GEN_NODE_ALLOC_MEMORY_MB);
		return -1;
	}
	unsigned per_vcpu_mb = in->high_cpu ? 2048u : 4096u;
	unsigned long m = ((unsigned long)in->memory_mb * 1000u + per_vcpu_mb - 1) / per_vcpu_mb;
	m = (m + 9) / 10 * 10;
	unsigned floor_m = in->high_cpu ? 250u : 100u;
	if (m < floor_m)
		m = floor_m;
	if (m > GEN_NODE_ALLOC_MILLICPU)
		m = GEN_NODE_ALLOC_MILLICPU;
	out->request = (unsigned)m;
	out->limit = 2 * m > GEN_NODE_ALLOC_MILLICPU ? GEN_NODE_ALLOC_MILLICPU : (unsigned)(2 * m);
	return 0;
}

int gen_input_check(const struct gen_input *in, int mask, char **err)
{
	/* The questionnaire states the same rule (answers.c). */
	if (!answers_service_name_ok(in->service)) {
		*err = xasprintf("service_name \"%s\" is not valid: %s", in->service,
				 answers_service_name_rule());
		return -1;
	}
	if ((mask & (GEN_KUBERNETES | GEN_KNATIVE | GEN_FARGATE)) && !gen_image_is_pinned(in->image)) {
		*err = xasprintf("container_image \"%s\" must have a pinned tag or digest "
				 "(not :latest), e.g. registry.example.com/app:1.4.2", in->image);
		return -1;
	}
	if (in->port < 1 || in->port > 65535) {
		*err = xasprintf("container_port %u is not a TCP port", in->port);
		return -1;
	}
	if ((mask & GEN_KNATIVE) && gen_knative_reserved_port(in->port)) {
		*err = xasprintf("container_port %u is reserved by Knative Serving (it refuses "
				 GEN_KNATIVE_RESERVED_PORTS "): listen on another port, or export "
				 "without the knative target (--target kubernetes,serverless,fargate)",
				 in->port);
		return -1;
	}
	struct gen_cpu size;
	if ((mask & (GEN_KUBERNETES | GEN_KNATIVE)) && gen_cpu_size(in, &size, err) < 0)
		return -1;
	if ((mask & (GEN_SERVERLESS | GEN_FARGATE)) && !region_is_valid(in->region)) {
		*err = xasprintf("region \"%s\" is not an AWS region name (e.g. eu-west-1)", in->region);
		return -1;
	}
	if ((mask & GEN_SERVERLESS) && !runtime_is_known(in->runtime)) {
		*err = xasprintf("runtime \"%s\" is not one of nodejs22.x, python3.13, java21, "
				 "provided.al2023", in->runtime ? in->runtime : "");
		return -1;
	}
	/* Asked for Fargate by name: a size that does not fit is an error; as
	 * part of "all" the Fargate files are left out (the README says why). */
	if ((mask & GEN_FARGATE) && mask != GEN_ALL) {
		unsigned cpu, mem;
		if (gen_fargate_size(in->memory_mb, in->high_cpu, &cpu, &mem) < 0) {
			*err = xasprintf("memory_mb %u does not fit any Fargate task size", in->memory_mb);
			return -1;
		}
	}
	return 0;
}

static double peak_factor(const char *pattern)
{
	if (strcmp(pattern, "daily_cycle") == 0)
		return 3.0;
	if (strcmp(pattern, "spiky") == 0)
		return 6.0;
	if (strcmp(pattern, "sporadic") == 0)
		return 10.0;
	return 1.5;
}

/* Pods run at 70% of what they can take, the HPA's CPU target. */
#define GEN_UTILISATION 0.7
#define GEN_POD_CONCURRENCY 10u
#define GEN_MAX_REPLICAS 100u

void gen_scale_compute(const struct gen_input *in, struct gen_scale *out)
{
	out->peak_factor = peak_factor(in->traffic_pattern);
	double avg_rps = in->requests_per_day / 86400.0;
	out->peak_rps = avg_rps * out->peak_factor;
	out->concurrency = GEN_POD_CONCURRENCY;
	out->pod_rps = out->concurrency * 1000.0 / in->avg_duration_ms;
	double usable = out->pod_rps * GEN_UTILISATION;
	double lo = ceil(avg_rps / usable);
	double hi = ceil(out->peak_rps / usable);
	unsigned min = lo < 2 ? 2 : lo > GEN_MAX_REPLICAS ? GEN_MAX_REPLICAS : (unsigned)lo;
	if (strcmp(in->latency_target, "strict") == 0 && min < 3)
		min = 3;
	unsigned max = hi > GEN_MAX_REPLICAS ? GEN_MAX_REPLICAS : (unsigned)hi;
	if (max < 2 * min)
		max = 2 * min;
	if (max > GEN_MAX_REPLICAS)
		max = GEN_MAX_REPLICAS;
	if (min >= max)
		min = max / 2;
	out->min_replicas = min;
	out->max_replicas = max;
}

bool gen_fargate_fits(const struct gen_input *in, int mask)
{
	unsigned cpu, mem;
	(void)mask;
	return gen_fargate_size(in->memory_mb, in->high_cpu, &cpu, &mem) == 0;
}

int gen_targets_input(const struct gen_input *in, int mask, struct out_bundle *b, char **err)
{
	if ((mask & GEN_KUBERNETES) && gen_k8s_add(in, b, err) < 0)
		return -1;
	if ((mask & GEN_KNATIVE) && gen_knative_add(in, b, err) < 0)
		return -1;
	if ((mask & GEN_SERVERLESS) && gen_serverless_add(in, b, err) < 0)
		return -1;
	if ((mask & GEN_FARGATE) && gen_fargate_fits(in, mask) && gen_fargate_add(in, b, err) < 0)
		return -1;
	return 0;
}

int gen_targets(const struct model *m, const struct answers *a, const struct evaluation *ev,
		int mask, struct out_bundle *b, char **err)
{
	struct gen_input in;
	gen_input_from_answers(m, a, ev, &in);
	if (gen_input_check(&in, mask, err) < 0)
		return -1;
	return gen_targets_input(&in, mask, b, err);
}

int gen_bundle_readme(const struct model *m, const struct answers *a,
		      const struct evaluation *ev, int mask, struct out_bundle *b, char **err)
{
	struct gen_input in;
	gen_input_from_answers(m, a, ev, &in);
	if (gen_input_check(&in, mask, err) < 0)
		return -1;
	return gen_readme_input(&in, mask, b, err);
}
