/* gen_containerapps.c: containerapps/app.yaml, the Azure Container Apps app
 * `az containerapp create --yaml` takes (the Microsoft.App/containerApps
 * resource: managed environment, single-revision mode, ingress, resources
 * within Container Apps' CPU/memory pairs, probes, KEDA scale rules by
 * workload type), or for a batch job containerapps/job.yaml, a Container
 * Apps job on a schedule (`az containerapp job create --yaml`). Account
 * specifics are ${...} placeholders filled with envsubst. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "util.h"

#define ENV_ID "/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/${AZURE_RESOURCE_GROUP}" \
	       "/providers/Microsoft.App/managedEnvironments/${AZURE_CONTAINERAPPS_ENV}"

/* Consumption pairs (learn.microsoft.com, containers#allocations): CPU in
 * quarters of a vCPU from 0.25 to 4, memory twice the CPU in GiB (0.5 GiB
 * per 0.25 vCPU). Values here in hundredths of a vCPU and MiB. The
 * serverless GPU profile (Consumption-GPU-NC8as-T4) takes up to 8 vCPU and
 * 56 GiB, any quarter vCPU with memory up to 7 GiB per vCPU. */
#define ACA_MAX_CPU 400u
#define ACA_GPU_MAX_CPU 800u
#define ACA_GPU_MAX_MEMORY 57344u

bool gen_containerapps_pair_valid(unsigned cpu_centi, unsigned memory_mb, bool gpu)
{
	if (cpu_centi < 25 || cpu_centi % 25 != 0)
		return false;
	if (gpu)
		return cpu_centi <= ACA_GPU_MAX_CPU && memory_mb <= ACA_GPU_MAX_MEMORY &&
		       memory_mb % 512 == 0 && memory_mb >= 512 && memory_mb <= cpu_centi * 7 * 1024 / 100;
	return cpu_centi <= ACA_MAX_CPU && memory_mb == cpu_centi * 2048 / 100;
}

int gen_containerapps_size(const struct gen_input *in, unsigned *cpu_centi, unsigned *memory_mb)
{
	struct gen_cpu c;
	char *why = NULL;
	unsigned want = 25;
	if (gen_cpu_size(in, &c, &why) == 0)
		want = (c.request / 10 + 24) / 25 * 25;
	free(why);
	if (in->gpu) {
		/* The T4 profile: a whole GPU, 8 vCPU, memory as asked (512 MiB steps). */
		unsigned m = (in->memory_mb + 511) / 512 * 512;
		if (m > ACA_GPU_MAX_MEMORY)
			return -1;
		*cpu_centi = ACA_GPU_MAX_CPU;
		*memory_mb = m < 512 ? 512 : m;
		return 0;
	}
	/* The smallest pair holding the memory and the CPU the model asks for. */
	for (unsigned cpu = 25; cpu <= ACA_MAX_CPU; cpu += 25) {
		unsigned m = cpu * 2048 / 100;
		if (m >= in->memory_mb && cpu >= want) {
			*cpu_centi = cpu;
			*memory_mb = m;
			return 0;
		}
	}
	return -1;
}

char *gen_containerapps_name(const struct gen_input *in)
{
	/* Container Apps refuses "--": collapse runs of '-', and let the hash
	 * of the whole name keep a collapsed name distinct. */
	bool doubled = strstr(in->service, "--") != NULL;
	if (!doubled)
		return gen_short_name(in->service, GEN_ACA_NAME_MAX);
	struct strbuf sb = {0};
	for (const char *c = in->service; *c; c++)
		if (!(*c == '-' && c[1] == '-'))
			sb_appendn(&sb, c, 1);
	char *collapsed = sb_take(&sb);
	char hash[7];
	gen_name_hash(in->service, hash);
	size_t keep = strlen(collapsed);
	if (keep > GEN_ACA_NAME_MAX - 7)
		keep = GEN_ACA_NAME_MAX - 7;
	while (keep > 0 && collapsed[keep - 1] == '-')
		keep--;
	char *out = xasprintf("%.*s-%s", (int)keep, collapsed, hash);
	free(collapsed);
	return out;
}

/* resources: {cpu, memory} (cpu a number, memory in Gi, 0.5 GiB steps). */
static void resources(struct gen_yaml *y, unsigned cpu_centi, unsigned memory_mb)
{
	char mem[32];
	unsigned half_gib = memory_mb / 512;
	if (half_gib % 2 == 0)
		snprintf(mem, sizeof(mem), "%uGi", half_gib / 2);
	else
		snprintf(mem, sizeof(mem), "%u.5Gi", half_gib / 2);
	gen_yaml_str(y, "resources");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "cpu");
	gen_yaml_decimal(y, cpu_centi);
	gen_yaml_kv_str(y, "memory", mem);
	gen_yaml_map_end(y);
}

static void probe(struct gen_yaml *y, const char *type, const char *path, unsigned port,
		  int period, int failures)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "type", type);
	gen_yaml_str(y, "httpGet");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "path", path);
	gen_yaml_kv_int(y, "port", port);
	gen_yaml_map_end(y);
	gen_yaml_kv_int(y, "periodSeconds", period);
	gen_yaml_kv_int(y, "timeoutSeconds", 2);
	gen_yaml_kv_int(y, "failureThreshold", failures);
	gen_yaml_map_end(y);
}

static void container(struct gen_yaml *y, const struct gen_input *in, unsigned cpu, unsigned mem,
		      bool serves)
{
	gen_yaml_str(y, "containers");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", in->service);
	gen_yaml_kv_str(y, "image", in->image);
	resources(y, cpu, mem);
	gen_yaml_str(y, "env");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "SERVICE_NAME");
	gen_yaml_kv_str(y, "value", in->service);
	gen_yaml_map_end(y);
	if (serves) {
		char port[16];
		snprintf(port, sizeof(port), "%u", in->port);
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "name", "PORT");
		gen_yaml_str(y, "value");
		gen_yaml_quoted(y, port);
		gen_yaml_map_end(y);
	}
	gen_yaml_seq_end(y);
	if (serves) {
		gen_yaml_str(y, "probes");
		gen_yaml_seq_start(y);
		probe(y, "Liveness", "/healthz", in->port, 20, 3);
		probe(y, "Readiness", "/readyz", in->port, 5, 2);
		gen_yaml_seq_end(y);
	}
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
}

/* A KEDA rule fed by a queue or a stream: its connection string comes
 * from a secret the README says how to set. */
static void queue_rule(struct gen_yaml *y, const char *name, const char *type, const char *k1,
		       const char *v1, const char *k2, const char *v2, const char *secret)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", name);
	gen_yaml_str(y, "custom");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "type", type);
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_str(y, k1);
	gen_yaml_quoted(y, v1);
	gen_yaml_str(y, k2);
	gen_yaml_quoted(y, v2);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "auth");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "secretRef", secret);
	gen_yaml_kv_str(y, "triggerParameter", "connection");
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

static void secrets(struct gen_yaml *y, const char *name)
{
	gen_yaml_str(y, "secrets");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", name);
	gen_yaml_kv_str(y, "value", "${AZURE_QUEUE_CONNECTION}");
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
}

static bool uses_queue(const struct gen_input *in)
{
	return strcmp(in->workload_type, "event_processing") == 0 ||
	       strcmp(in->workload_type, "mixed") == 0 || strcmp(in->workload_type, "streaming") == 0;
}

static void resource_head(struct gen_yaml *y, const struct gen_input *in, const char *name,
			  const char *type)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", name);
	gen_yaml_kv_str(y, "type", type);
	gen_yaml_kv_str(y, "location", "${AZURE_LOCATION}");
	gen_yaml_str(y, "tags");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "managed-by", "archwise");
	gen_yaml_kv_str(y, "component", gen_component(in));
	gen_yaml_map_end(y);
	gen_yaml_str(y, "properties");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "environmentId", ENV_ID);
	if (in->gpu)
		gen_yaml_kv_str(y, "workloadProfileName", GEN_ACA_GPU_PROFILE);
}

static int add_job(const struct gen_input *in, const char *name, unsigned cpu, unsigned mem,
		   struct out_bundle *b, char **err)
{
	struct gen_yaml *y = gen_yaml_new();
	resource_head(y, in, name, "Microsoft.App/jobs");
	gen_yaml_str(y, "configuration");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "triggerType", "Schedule");
	gen_yaml_kv_int(y, "replicaTimeout", gen_k8s_job_deadline(in));
	gen_yaml_kv_int(y, "replicaRetryLimit", 3);
	gen_yaml_str(y, "scheduleTriggerConfig");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "cronExpression", GEN_CRON_SCHEDULE);
	gen_yaml_kv_int(y, "parallelism", 1);
	gen_yaml_kv_int(y, "replicaCompletionCount", 1);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "template");
	gen_yaml_map_start(y);
	container(y, in, cpu, mem, false);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	return gen_yaml_add_file(y, NULL, b, "containerapps/job.yaml", err);
}

int gen_containerapps_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	unsigned cpu, mem;
	if (gen_containerapps_size(in, &cpu, &mem) < 0) {
		*err = xasprintf("memory_mb %u does not fit a Container Apps consumption replica "
				 "(at most 4 vCPU and 8 GiB)", in->memory_mb);
		return -1;
	}
	char *name = gen_containerapps_name(in);
	int rc;
	if (gen_k8s_is_cronjob(in)) {
		rc = add_job(in, name, cpu, mem, b, err);
		free(name);
		return rc;
	}
	struct gen_scale sc;
	gen_scale_compute(in, &sc);
	bool strict = strcmp(in->latency_target, "strict") == 0;
	bool http = strcmp(in->workload_type, "http_api") == 0 || strcmp(in->workload_type, "mixed") == 0;
	struct gen_yaml *y = gen_yaml_new();
	resource_head(y, in, name, "Microsoft.App/containerApps");
	gen_yaml_str(y, "configuration");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "activeRevisionsMode", "Single");
	gen_yaml_str(y, "ingress");
	gen_yaml_map_start(y);
	/* A worker takes no calls from outside the environment. */
	gen_yaml_kv_bool(y, "external", http);
	gen_yaml_kv_int(y, "targetPort", in->port);
	gen_yaml_kv_str(y, "transport", "auto");
	gen_yaml_kv_bool(y, "allowInsecure", false);
	gen_yaml_map_end(y);
	if (uses_queue(in))
		secrets(y, "queue-connection");
	gen_yaml_map_end(y);
	gen_yaml_str(y, "template");
	gen_yaml_map_start(y);
	container(y, in, cpu, mem, true);
	gen_yaml_str(y, "scale");
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "minReplicas", strict ? 1 : 0);
	gen_yaml_kv_int(y, "maxReplicas", sc.max_replicas);
	gen_yaml_str(y, "rules");
	gen_yaml_seq_start(y);
	if (http) {
		char conc[16];
		snprintf(conc, sizeof(conc), "%u", sc.concurrency);
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "name", "http-concurrency");
		gen_yaml_str(y, "http");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "metadata");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "concurrentRequests");
		gen_yaml_quoted(y, conc);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
	}
	if (strcmp(in->workload_type, "streaming") == 0) {
		char *hub = xasprintf("%s-events", in->service);
		queue_rule(y, "event-hub", "azure-eventhub", "eventHubName", hub, "unprocessedEventThreshold",
			   "64", "queue-connection");
		free(hub);
	} else if (uses_queue(in)) {
		char *queue = xasprintf("%s-work", in->service);
		queue_rule(y, "queue-length", "azure-servicebus", "queueName", queue, "messageCount", "5",
			   "queue-connection");
		free(queue);
	}
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	free(name);
	return gen_yaml_add_file(y, NULL, b, "containerapps/app.yaml", err);
}
