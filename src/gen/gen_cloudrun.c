/* gen_cloudrun.c: cloudrun/service.yaml, a Cloud Run service in Knative
 * Serving v1 form for `gcloud run services replace`: Cloud Run's autoscaling
 * annotations (minScale/maxScale), containerConcurrency, CPU allocation
 * (cpu-throttling), startup CPU boost, a GPU (nvidia-l4) when asked, and a
 * CPU/memory pair Cloud Run accepts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "util.h"

/* Cloud Run's limits (cloud.google.com/run/docs/configuring/services/cpu,
 * memory-limits, gpu, max-instances, request-timeout): whole CPUs 1, 2, 4, 6
 * or 8; memory 512 MiB (second generation) to 32 GiB; more than 4 GiB needs
 * 2 CPUs, more than 8 GiB 4, more than 16 GiB 6, more than 24 GiB 8; 4 CPUs
 * need 2 GiB, 6 and 8 CPUs 4 GiB; a GPU (nvidia-l4) needs at least 4 CPUs and
 * 16 GiB with CPU always allocated; concurrency at most 1000; request
 * timeout at most 3600 s. */
static const unsigned run_cpus[] = {1, 2, 4, 6, 8};

static unsigned run_min_memory(unsigned cpu)
{
	return cpu >= 6 ? 4096 : cpu == 4 ? 2048 : 512;
}

static unsigned run_max_memory(unsigned cpu)
{
	return cpu >= 8 ? 32768 : cpu >= 6 ? 24576 : cpu >= 4 ? 16384 : cpu >= 2 ? 8192 : 4096;
}

bool gen_cloudrun_pair_valid(unsigned cpu, unsigned memory_mb, bool gpu)
{
	bool known = false;
	for (size_t i = 0; i < sizeof(run_cpus) / sizeof(run_cpus[0]); i++)
		known |= run_cpus[i] == cpu;
	if (!known || memory_mb < run_min_memory(cpu) || memory_mb > run_max_memory(cpu))
		return false;
	return !gpu || (cpu >= 4 && memory_mb >= 16384);
}

int gen_cloudrun_size(const struct gen_input *in, unsigned *cpu, unsigned *memory_mb)
{
	struct gen_cpu c;
	char *why = NULL;
	unsigned want_cpu = 1;
	if (gen_cpu_size(in, &c, &why) == 0)
		want_cpu = (c.request + 999) / 1000;
	free(why);
	unsigned mem = in->memory_mb < 512 ? 512 : in->memory_mb;
	if (in->gpu && mem < 16384)
		mem = 16384;
	for (size_t i = 0; i < sizeof(run_cpus) / sizeof(run_cpus[0]); i++) {
		unsigned cp = run_cpus[i];
		if (cp < want_cpu && cp != 8)
			continue;
		unsigned m = mem < run_min_memory(cp) ? run_min_memory(cp) : mem;
		if (gen_cloudrun_pair_valid(cp, m, in->gpu)) {
			*cpu = cp;
			*memory_mb = m;
			return 0;
		}
	}
	return -1;
}

static void annotation(struct gen_yaml *y, const char *key, const char *value)
{
	gen_yaml_str(y, key);
	gen_yaml_quoted(y, value);   /* annotation values are strings */
}

static void annotation_num(struct gen_yaml *y, const char *key, unsigned v)
{
	char buf[16];
	snprintf(buf, sizeof(buf), "%u", v);
	annotation(y, key, buf);
}

/* The request timeout: the work's longest task, within Cloud Run's hour. */
unsigned gen_cloudrun_timeout(const struct gen_input *in)
{
	if (strcmp(in->longest_task, "under_1s") == 0)
		return 30;
	return strcmp(in->longest_task, "under_15min") == 0 ? 900 : 3600;
}

int gen_cloudrun_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	unsigned cpu, mem;
	if (gen_cloudrun_size(in, &cpu, &mem) < 0) {
		*err = xasprintf("memory_mb %u does not fit a Cloud Run instance (at most 32 GiB)",
				 in->memory_mb);
		return -1;
	}
	struct gen_scale sc;
	gen_scale_compute(in, &sc);
	bool strict = strcmp(in->latency_target, "strict") == 0;
	/* Work outside requests (queues, streams, jobs) and GPUs need the CPU
	 * between requests too; a request-driven API pays only while serving. */
	bool always_cpu = in->gpu || strcmp(in->workload_type, "http_api") != 0;
	char buf[32];

	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "apiVersion", "serving.knative.dev/v1");
	gen_yaml_kv_str(y, "kind", "Service");
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", in->service);
	/* Cloud Run labels follow Google Cloud's rules (no '/' or '.'). */
	gen_yaml_str(y, "labels");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "managed-by", "archwise");
	gen_yaml_kv_str(y, "component", gen_component(in));
	gen_yaml_map_end(y);
	gen_yaml_str(y, "annotations");
	gen_yaml_map_start(y);
	/* A worker is reached by push subscriptions and schedulers inside
	 * Google Cloud only. */
	annotation(y, "run.googleapis.com/ingress",
		   strcmp(in->workload_type, "http_api") == 0 || strcmp(in->workload_type, "mixed") == 0
			   ? "all" : "internal");
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);

	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "template");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "annotations");
	gen_yaml_map_start(y);
	annotation_num(y, "autoscaling.knative.dev/minScale", strict ? 1 : 0);
	annotation_num(y, "autoscaling.knative.dev/maxScale", sc.max_replicas);
	annotation(y, "run.googleapis.com/cpu-throttling", always_cpu ? "false" : "true");
	annotation(y, "run.googleapis.com/startup-cpu-boost", "true");
	annotation(y, "run.googleapis.com/execution-environment", "gen2");
	if (in->gpu)
		annotation(y, "run.googleapis.com/gpu-zonal-redundancy-disabled", "true");
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "containerConcurrency", 2 * sc.concurrency);
	gen_yaml_kv_int(y, "timeoutSeconds", gen_cloudrun_timeout(in));
	if (in->gpu) {
		gen_yaml_str(y, "nodeSelector");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "run.googleapis.com/accelerator", "nvidia-l4");
		gen_yaml_map_end(y);
	}
	gen_knative_container_start(y, in);
	gen_yaml_str(y, "resources");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "limits");
	gen_yaml_map_start(y);
	snprintf(buf, sizeof(buf), "%u", cpu);
	gen_yaml_str(y, "cpu");
	gen_yaml_quoted(y, buf);
	snprintf(buf, sizeof(buf), "%uMi", mem);
	gen_yaml_kv_str(y, "memory", buf);
	gen_k8s_gpu_limit(y, in);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	/* Startup: the instance gets traffic once /readyz answers; liveness
	 * restarts one that stops answering /healthz. */
	gen_k8s_http_probe(y, "startupProbe", "/readyz", NULL, in->port, 5, 2, 24);
	gen_k8s_http_probe(y, "livenessProbe", "/healthz", NULL, in->port, 20, 2, 3);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	return gen_yaml_add_file(y, NULL, b, "cloudrun/service.yaml", err);
}
