/* gen_k8s.c: kubernetes/ of the bundle, one object per file plus a
 * kustomization.yaml listing them. Defaults follow what kube-score,
 * kube-linter and Polaris check: requests and limits, distinct probes, a
 * hardened securityContext, no replicas under an HPA, a PDB, topology
 * spread, no service-account token, the app.kubernetes.io labels. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "util.h"

/* The namespace the ingress controller runs in (ingress-nginx's default);
 * the NetworkPolicy admits traffic from it only. */
#define INGRESS_NAMESPACE "ingress-nginx"
#define INGRESS_CLASS "nginx"
#define RUN_AS_ID 10001

const char *gen_component(const struct gen_input *in)
{
	const char *w = in->workload_type;
	if (strcmp(w, "event_processing") == 0)
		return "worker";
	if (strcmp(w, "batch_jobs") == 0)
		return "batch";
	if (strcmp(w, "streaming") == 0)
		return "stream-processor";
	return "api";
}

bool gen_k8s_is_cronjob(const struct gen_input *in)
{
	return strcmp(in->workload_type, "batch_jobs") == 0 &&
	       strcmp(in->longest_task, "always_on") != 0;
}

/* The whole Job, retries included: a little over the longest run so a hung
 * run is stopped, and under the hourly schedule where the work allows it. */
unsigned gen_k8s_job_deadline(const struct gen_input *in)
{
	if (strcmp(in->longest_task, "under_1s") == 0)
		return 600;       /* 10 minutes: pod start, image pull, retries */
	if (strcmp(in->longest_task, "under_15min") == 0)
		return 1800;      /* 30 minutes */
	return 21600;             /* over_15min: 6 hours */
}

/* The image tag or digest as a label value: [A-Za-z0-9._-], at most 63,
 * alphanumeric at both ends ("" when nothing usable is left). */
static char *version_label(const char *image)
{
	const char *v;
	struct strbuf sb = {0};
	const char *at = strchr(image, '@');
	if (at) {
		sb_append(&sb, "sha256-");
		v = at + 8 < image + strlen(image) ? at + 8 : "";
		sb_appendn(&sb, v, strlen(v) > 12 ? 12 : strlen(v));
	} else {
		const char *slash = strrchr(image, '/');
		const char *colon = strchr(slash ? slash + 1 : image, ':');
		v = colon ? colon + 1 : "";
		for (const char *c = v; *c && sb.len < 63; c++)
			if (isalnum((unsigned char)*c) || *c == '.' || *c == '_' || *c == '-')
				sb_appendn(&sb, c, 1);
	}
	char *s = sb_take(&sb);
	size_t n = strlen(s);
	while (n > 0 && !isalnum((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t skip = 0;
	while (s[skip] && !isalnum((unsigned char)s[skip]))
		skip++;
	memmove(s, s + skip, n - skip + 1);
	return s;
}

void gen_k8s_labels(struct gen_yaml *y, const struct gen_input *in, bool selector)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "app.kubernetes.io/name", in->service);
	gen_yaml_kv_str(y, "app.kubernetes.io/instance", in->service);
	if (!selector) {
		char *v = version_label(in->image ? in->image : "");
		if (*v)
			gen_yaml_kv_str(y, "app.kubernetes.io/version", v);
		free(v);
		gen_yaml_kv_str(y, "app.kubernetes.io/component", gen_component(in));
		gen_yaml_kv_str(y, "app.kubernetes.io/part-of", in->service);
		gen_yaml_kv_str(y, "app.kubernetes.io/managed-by", "archwise");
	}
	gen_yaml_map_end(y);
}

/* The identity both securityContexts (pod and container) set. */
static void run_as(struct gen_yaml *y)
{
	gen_yaml_kv_bool(y, "runAsNonRoot", true);
	gen_yaml_kv_int(y, "runAsUser", RUN_AS_ID);
	gen_yaml_kv_int(y, "runAsGroup", RUN_AS_ID);
}

void gen_k8s_container_security(struct gen_yaml *y)
{
	gen_yaml_str(y, "securityContext");
	gen_yaml_map_start(y);
	gen_yaml_kv_bool(y, "allowPrivilegeEscalation", false);
	gen_yaml_kv_bool(y, "readOnlyRootFilesystem", true);
	run_as(y);
	gen_yaml_str(y, "capabilities");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "drop");
	gen_yaml_seq_start(y);
	gen_yaml_str(y, "ALL");
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_kv_map_str(y, "seccompProfile", "type", "RuntimeDefault");
	gen_yaml_map_end(y);
}

void gen_k8s_http_probe(struct gen_yaml *y, const char *key, const char *path,
			const char *port_name, unsigned port, int period_s, int timeout_s,
			int failures)
{
	gen_yaml_str(y, key);
	gen_yaml_map_start(y);
	gen_yaml_str(y, "httpGet");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "path", path);
	if (port_name)
		gen_yaml_kv_str(y, "port", port_name);
	else
		gen_yaml_kv_int(y, "port", port);
	gen_yaml_map_end(y);
	gen_yaml_kv_int(y, "periodSeconds", period_s);
	if (timeout_s)
		gen_yaml_kv_int(y, "timeoutSeconds", timeout_s);
	if (failures)
		gen_yaml_kv_int(y, "failureThreshold", failures);
	gen_yaml_map_end(y);
}

void gen_k8s_tmp_mount(struct gen_yaml *y)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "tmp");
	gen_yaml_kv_str(y, "mountPath", "/tmp");
	gen_yaml_map_end(y);
}

void gen_k8s_tmp_volume(struct gen_yaml *y, const char *size_limit)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "tmp");
	gen_yaml_kv_map_str(y, "emptyDir", size_limit ? "sizeLimit" : NULL, size_limit);
	gen_yaml_map_end(y);
}

/* apiVersion, kind and metadata (name, namespace unless cluster-scoped, labels). */
static struct gen_yaml *object_start(const struct gen_input *in, const char *api, const char *kind,
				     const char *name, bool namespaced)
{
	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "apiVersion", api);
	gen_yaml_kv_str(y, "kind", kind);
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", name);
	if (namespaced)
		gen_yaml_kv_str(y, "namespace", in->service);
	gen_yaml_str(y, "labels");
	gen_k8s_labels(y, in, false);
	gen_yaml_map_end(y);
	return y;
}

/* Closes the top mapping and adds the file. */
static int object_finish(struct gen_yaml *y, struct out_bundle *b, const char *path, char **err)
{
	gen_yaml_map_end(y);
	return gen_yaml_add_file(y, NULL, b, path, err);
}

static void selector(struct gen_yaml *y, const struct gen_input *in)
{
	gen_yaml_str(y, "selector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_k8s_labels(y, in, true);
	gen_yaml_map_end(y);
}

static void resources(struct gen_yaml *y, const struct gen_input *in)
{
	char mem[32], cpu[32], cpu_limit[32];
	struct gen_cpu c;
	char *why = NULL;
	if (gen_cpu_size(in, &c, &why) < 0) {   /* refused by gen_input_check first */
		free(why);
		c.request = c.limit = GEN_NODE_ALLOC_MILLICPU;
	}
	snprintf(mem, sizeof(mem), "%uMi", in->memory_mb);
	snprintf(cpu, sizeof(cpu), "%um", c.request);
	snprintf(cpu_limit, sizeof(cpu_limit), "%um", c.limit);
	gen_yaml_str(y, "resources");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "requests");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "cpu", cpu);
	gen_yaml_kv_str(y, "memory", mem);
	gen_yaml_kv_str(y, "ephemeral-storage", "128Mi");   /* /tmp and logs */
	gen_yaml_map_end(y);
	/* Memory limit = request: the pod is never killed for using what it asked. */
	gen_yaml_str(y, "limits");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "cpu", cpu_limit);
	gen_yaml_kv_str(y, "memory", mem);
	gen_yaml_kv_str(y, "ephemeral-storage", "256Mi");
	gen_k8s_gpu_limit(y, in);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

void gen_k8s_gpu_limit(struct gen_yaml *y, const struct gen_input *in)
{
	/* An extended resource: the limit alone (the request follows it). */
	if (in->gpu)
		gen_yaml_kv_str(y, GEN_GPU_RESOURCE, "1");
}

void gen_k8s_gpu_placement(struct gen_yaml *y, const struct gen_input *in)
{
	if (!in->gpu)
		return;
	gen_yaml_str(y, "nodeSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, GEN_GPU_NODE_LABEL);
	gen_yaml_quoted(y, "true");
	gen_yaml_map_end(y);
	gen_yaml_str(y, "tolerations");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "key", GEN_GPU_RESOURCE);
	gen_yaml_kv_str(y, "operator", "Exists");
	gen_yaml_kv_str(y, "effect", "NoSchedule");
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
}

static void spread(struct gen_yaml *y, const struct gen_input *in, const char *key)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "maxSkew", 1);
	gen_yaml_kv_str(y, "topologyKey", key);
	gen_yaml_kv_str(y, "whenUnsatisfiable", "ScheduleAnyway");
	gen_yaml_str(y, "labelSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_k8s_labels(y, in, true);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

/* Spread replicas: prefer other nodes (anti-affinity) and balance zones
 * and nodes (topology spread); "preferred" so a small cluster still
 * schedules every replica. */
static void spreading(struct gen_yaml *y, const struct gen_input *in)
{
	gen_yaml_str(y, "affinity");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "podAntiAffinity");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "preferredDuringSchedulingIgnoredDuringExecution");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "weight", 100);
	gen_yaml_str(y, "podAffinityTerm");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "topologyKey", "kubernetes.io/hostname");
	gen_yaml_str(y, "labelSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_k8s_labels(y, in, true);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "topologySpreadConstraints");
	gen_yaml_seq_start(y);
	spread(y, in, "topology.kubernetes.io/zone");
	spread(y, in, "kubernetes.io/hostname");
	gen_yaml_seq_end(y);
}

static char *claim_name(const struct gen_input *in)
{
	return xasprintf("%s-data", in->service);
}

/* The pod of a Deployment or StatefulSet, or (job) of a CronJob's Job: the
 * same identity, security context, resources and /tmp; a job has no ports,
 * probes or spreading (one pod at a time) and restarts Never, so each retry
 * is a fresh pod whose logs stay readable. */
static void pod_template(struct gen_yaml *y, const struct gen_input *in, bool stateful, bool job)
{
	gen_yaml_str(y, "template");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "labels");
	gen_k8s_labels(y, in, false);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "serviceAccountName", in->service);
	gen_yaml_kv_bool(y, "automountServiceAccountToken", false);
	if (job)
		gen_yaml_kv_str(y, "restartPolicy", "Never");
	gen_yaml_kv_int(y, "terminationGracePeriodSeconds", 30);
	gen_yaml_str(y, "securityContext");
	gen_yaml_map_start(y);
	run_as(y);
	gen_yaml_kv_int(y, "fsGroup", RUN_AS_ID);
	gen_yaml_kv_map_str(y, "seccompProfile", "type", "RuntimeDefault");
	gen_yaml_map_end(y);
	if (!job)
		spreading(y, in);
	gen_k8s_gpu_placement(y, in);
	gen_yaml_str(y, "containers");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", in->service);
	gen_yaml_kv_str(y, "image", in->image);
	gen_yaml_kv_str(y, "imagePullPolicy", "IfNotPresent");
	if (!job) {
		gen_yaml_str(y, "ports");
		gen_yaml_seq_start(y);
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "name", "http");
		gen_yaml_kv_int(y, "containerPort", in->port);
		gen_yaml_kv_str(y, "protocol", "TCP");
		gen_yaml_map_end(y);
		gen_yaml_seq_end(y);
	}
	gen_yaml_str(y, "envFrom");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_str(y, "configMapRef");
	gen_yaml_map_start(y);
	char *cm = xasprintf("%s-config", in->service);
	gen_yaml_kv_str(y, "name", cm);
	free(cm);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	resources(y, in);
	/* Liveness asks "is the process stuck?", readiness "can it serve now?"
	 * (dependencies up); different paths so a slow dependency drains the
	 * pod instead of restarting it. A job has none: nothing routes to
	 * it, and activeDeadlineSeconds stops a run that hangs. */
	if (!job) {
		gen_k8s_http_probe(y, "livenessProbe", "/healthz", "http", in->port, 20, 2, 3);
		gen_k8s_http_probe(y, "readinessProbe", "/readyz", "http", in->port, 5, 2, 2);
	}
	gen_k8s_container_security(y);
	gen_yaml_str(y, "volumeMounts");
	gen_yaml_seq_start(y);
	gen_k8s_tmp_mount(y);
	if (stateful) {
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "name", "data");
		gen_yaml_kv_str(y, "mountPath", "/data");
		gen_yaml_map_end(y);
	}
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);

	/* The root filesystem is read-only: /tmp is a small scratch volume. */
	gen_yaml_str(y, "volumes");
	gen_yaml_seq_start(y);
	gen_k8s_tmp_volume(y, "64Mi");
	/* A stateful job keeps /data between runs on its own claim (the
	 * StatefulSet's comes from its volumeClaimTemplate). */
	if (job && stateful) {
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "name", "data");
		gen_yaml_str(y, "persistentVolumeClaim");
		gen_yaml_map_start(y);
		char *claim = claim_name(in);
		gen_yaml_kv_str(y, "claimName", claim);
		free(claim);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
	}
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

static bool is_stateful(const struct gen_input *in)
{
	return strcmp(in->state, "stateful") == 0;
}

static int add_workload(const struct gen_input *in, const struct gen_scale *sc,
			struct out_bundle *b, char **err)
{
	bool stateful = is_stateful(in);
	struct gen_yaml *y = object_start(in, "apps/v1", stateful ? "StatefulSet" : "Deployment",
					  in->service, true);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	if (stateful) {
		/* No HPA on a StatefulSet: adding members of a stateful set needs
		 * data rebalancing a CPU metric knows nothing about. */
		char *headless = xasprintf("%s-headless", in->service);
		gen_yaml_kv_str(y, "serviceName", headless);
		free(headless);
		gen_yaml_kv_int(y, "replicas", sc->min_replicas);
	}
	gen_yaml_kv_int(y, "revisionHistoryLimit", 5);
	selector(y, in);
	if (!stateful) {
		gen_yaml_str(y, "strategy");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "type", "RollingUpdate");
		gen_yaml_str(y, "rollingUpdate");
		gen_yaml_map_start(y);
		gen_yaml_kv_int(y, "maxUnavailable", 0);
		gen_yaml_kv_int(y, "maxSurge", 1);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
	}
	pod_template(y, in, stateful, false);
	if (stateful) {
		gen_yaml_str(y, "volumeClaimTemplates");
		gen_yaml_seq_start(y);
		gen_yaml_map_start(y);
		gen_yaml_str(y, "metadata");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "name", "data");
		gen_yaml_str(y, "labels");
		gen_k8s_labels(y, in, true);
		gen_yaml_map_end(y);
		gen_yaml_str(y, "spec");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "accessModes");
		gen_yaml_seq_start(y);
		gen_yaml_str(y, "ReadWriteOnce");
		gen_yaml_seq_end(y);
		gen_yaml_str(y, "resources");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "requests");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "storage", "10Gi");
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_seq_end(y);
	}
	gen_yaml_map_end(y);
	return object_finish(y, b, stateful ? "kubernetes/statefulset.yaml" : "kubernetes/deployment.yaml", err);
}

/* A batch job: a CronJob whose runs never overlap, a missed start is given
 * up after 5 minutes, each run is bounded by activeDeadlineSeconds and
 * cleaned up a day after it ends. */
static int add_cronjob(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_yaml *y = object_start(in, "batch/v1", "CronJob", in->service, true);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "schedule", GEN_CRON_SCHEDULE);
	gen_yaml_kv_str(y, "timeZone", "Etc/UTC");
	gen_yaml_kv_str(y, "concurrencyPolicy", "Forbid");
	gen_yaml_kv_int(y, "startingDeadlineSeconds", 300);
	gen_yaml_kv_int(y, "successfulJobsHistoryLimit", 3);
	gen_yaml_kv_int(y, "failedJobsHistoryLimit", 3);
	gen_yaml_str(y, "jobTemplate");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "labels");
	gen_k8s_labels(y, in, false);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "backoffLimit", 3);
	gen_yaml_kv_int(y, "activeDeadlineSeconds", gen_k8s_job_deadline(in));
	gen_yaml_kv_int(y, "ttlSecondsAfterFinished", 86400);
	pod_template(y, in, is_stateful(in), true);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	return object_finish(y, b, "kubernetes/cronjob.yaml", err);
}

static int add_pvc(const struct gen_input *in, struct out_bundle *b, char **err)
{
	char *claim = claim_name(in);
	struct gen_yaml *y = object_start(in, "v1", "PersistentVolumeClaim", claim, true);
	free(claim);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "accessModes");
	gen_yaml_seq_start(y);
	gen_yaml_str(y, "ReadWriteOnce");   /* one run at a time (Forbid) */
	gen_yaml_seq_end(y);
	gen_yaml_str(y, "resources");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "requests");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "storage", "10Gi");
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	return object_finish(y, b, "kubernetes/pvc.yaml", err);
}

static int add_service(const struct gen_input *in, bool headless, struct out_bundle *b, char **err)
{
	char *name = headless ? xasprintf("%s-headless", in->service) : xstrdup(in->service);
	struct gen_yaml *y = object_start(in, "v1", "Service", name, true);
	free(name);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "type", "ClusterIP");
	if (headless) {
		gen_yaml_kv_str(y, "clusterIP", "None");
		gen_yaml_kv_bool(y, "publishNotReadyAddresses", true);
	}
	gen_yaml_str(y, "selector");
	gen_k8s_labels(y, in, true);
	gen_yaml_str(y, "ports");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "http");
	gen_yaml_kv_int(y, "port", headless ? in->port : 80);
	gen_yaml_kv_str(y, "targetPort", "http");
	gen_yaml_kv_str(y, "protocol", "TCP");
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	return object_finish(y, b, headless ? "kubernetes/service-headless.yaml" : "kubernetes/service.yaml", err);
}

static int add_hpa(const struct gen_input *in, const struct gen_scale *sc, struct out_bundle *b,
		   char **err)
{
	struct gen_yaml *y = object_start(in, "autoscaling/v2", "HorizontalPodAutoscaler", in->service, true);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "scaleTargetRef");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "apiVersion", "apps/v1");
	gen_yaml_kv_str(y, "kind", "Deployment");
	gen_yaml_kv_str(y, "name", in->service);
	gen_yaml_map_end(y);
	gen_yaml_kv_int(y, "minReplicas", sc->min_replicas);
	gen_yaml_kv_int(y, "maxReplicas", sc->max_replicas);
	gen_yaml_str(y, "metrics");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "type", "Resource");
	gen_yaml_str(y, "resource");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "cpu");
	gen_yaml_str(y, "target");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "type", "Utilization");
	gen_yaml_kv_int(y, "averageUtilization", 70);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	/* Scale down slowly so a daily cycle does not flap. */
	gen_yaml_str(y, "behavior");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "scaleDown");
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "stabilizationWindowSeconds", 300);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	return object_finish(y, b, "kubernetes/hpa.yaml", err);
}

static int add_pdb(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_yaml *y = object_start(in, "policy/v1", "PodDisruptionBudget", in->service, true);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_int(y, "maxUnavailable", 1);
	/* Pods that never became ready may be evicted, or a broken rollout
	 * blocks node drains. */
	gen_yaml_kv_str(y, "unhealthyPodEvictionPolicy", "AlwaysAllow");
	selector(y, in);
	gen_yaml_map_end(y);
	return object_finish(y, b, "kubernetes/pdb.yaml", err);
}

static void port_entry(struct gen_yaml *y, const char *protocol, unsigned port)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "protocol", protocol);
	gen_yaml_kv_int(y, "port", port);
	gen_yaml_map_end(y);
}

static void namespace_selector(struct gen_yaml *y, const char *ns)
{
	gen_yaml_str(y, "namespaceSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "kubernetes.io/metadata.name", ns);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

/* What the workload reaches outside its pod: the provider's endpoints
 * over HTTPS (queues, streams, object storage, a managed store) for every
 * workload but a stateless or self-contained API. */
bool gen_k8s_needs_https_egress(const struct gen_input *in)
{
	return strcmp(in->workload_type, "http_api") != 0 ||
	       strcmp(in->state, "external_state") == 0;
}

/* A rule: key (from/to) lists its peers, then rule_end closes the list
 * with one TCP port. */
static void rule_start(struct gen_yaml *y, const char *key)
{
	gen_yaml_map_start(y);
	gen_yaml_str(y, key);
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
}

static void rule_end(struct gen_yaml *y, unsigned port)
{
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_str(y, "ports");
	gen_yaml_seq_start(y);
	port_entry(y, "TCP", port);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
}

/* The pods of this workload (a StatefulSet's members) on its port. */
static void self_peer(struct gen_yaml *y, const struct gen_input *in, const char *key)
{
	rule_start(y, key);
	gen_yaml_str(y, "podSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_k8s_labels(y, in, true);
	gen_yaml_map_end(y);
	rule_end(y, in->port);
}

/* The comment on top of networkpolicy.yaml: what each rule is for and what
 * to narrow (YAML comments cannot go through the emitter). */
static char *netpol_comment(const struct gen_input *in, bool peers)
{
	struct strbuf sb = {0};
	sb_append(&sb, "# Default deny, then what this workload needs:\n");
	if (!gen_k8s_is_cronjob(in))
		sb_printf(&sb, "# - ingress from the %s namespace on port %u;\n", INGRESS_NAMESPACE,
			  in->port);
	if (peers)
		sb_printf(&sb, "# - the StatefulSet's members to each other on port %u (replication);\n",
			  in->port);
	sb_append(&sb, "# - DNS to kube-dns;\n");
	if (gen_k8s_needs_https_egress(in)) {
		sb_printf(&sb, "# - HTTPS (443) to any address: the provider's endpoints this %s uses\n"
			  "#   (queues, streams, object storage%s). Narrow it: replace\n"
			  "#   0.0.0.0/0 with your VPC or private endpoints' CIDRs, or with the\n"
			  "#   provider's published ranges for the services you call.\n",
			  gen_component(in),
			  strcmp(in->state, "external_state") == 0 ? ", the managed data store" : "");
		if (strcmp(in->state, "external_state") == 0)
			sb_append(&sb, "# A store reached on its own port (PostgreSQL 5432, Redis 6379) needs\n"
				  "# a rule of its own, to the store's address only.\n");
	} else {
		sb_append(&sb, "# Nothing else leaves the pod: add an egress rule (address and port)\n"
			  "# for each service it calls.\n");
	}
	return sb_take(&sb);
}

static int add_netpol(const struct gen_input *in, struct out_bundle *b, char **err)
{
	bool peers = is_stateful(in) && !gen_k8s_is_cronjob(in);
	struct gen_yaml *y = object_start(in, "networking.k8s.io/v1", "NetworkPolicy", in->service, true);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "podSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_k8s_labels(y, in, true);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "policyTypes");
	gen_yaml_seq_start(y);
	gen_yaml_str(y, "Ingress");
	gen_yaml_str(y, "Egress");
	gen_yaml_seq_end(y);

	/* A job serves nothing: Ingress is listed with no rule, so every
	 * inbound connection is denied; only the egress rules follow. */
	if (!gen_k8s_is_cronjob(in)) {
		gen_yaml_str(y, "ingress");
		gen_yaml_seq_start(y);
		rule_start(y, "from");
		namespace_selector(y, INGRESS_NAMESPACE);
		rule_end(y, in->port);
		if (peers)
			self_peer(y, in, "from");
		gen_yaml_seq_end(y);
	}

	gen_yaml_str(y, "egress");
	gen_yaml_seq_start(y);
	/* DNS to the cluster resolver only. */
	gen_yaml_map_start(y);
	gen_yaml_str(y, "to");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	namespace_selector(y, "kube-system");
	gen_yaml_str(y, "podSelector");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "matchLabels");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "k8s-app", "kube-dns");
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_str(y, "ports");
	gen_yaml_seq_start(y);
	port_entry(y, "UDP", 53);
	port_entry(y, "TCP", 53);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	if (peers)
		self_peer(y, in, "to");
	/* The provider's endpoints (and a managed store) over HTTPS. */
	if (gen_k8s_needs_https_egress(in)) {
		rule_start(y, "to");
		gen_yaml_kv_map_str(y, "ipBlock", "cidr", "0.0.0.0/0");
		rule_end(y, 443);
	}
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	char *comment = netpol_comment(in, peers);
	int rc = gen_yaml_add_file(y, comment, b, "kubernetes/networkpolicy.yaml", err);
	free(comment);
	return rc;
}

static int add_ingress(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_yaml *y = object_start(in, "networking.k8s.io/v1", "Ingress", in->service, true);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "ingressClassName", INGRESS_CLASS);
	gen_yaml_str(y, "rules");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	char *host = xasprintf("%s.example.com", in->service);
	gen_yaml_kv_str(y, "host", host);
	free(host);
	gen_yaml_str(y, "http");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "paths");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "path", "/");
	gen_yaml_kv_str(y, "pathType", "Prefix");
	gen_yaml_str(y, "backend");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "service");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", in->service);
	gen_yaml_str(y, "port");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "http");
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	return object_finish(y, b, "kubernetes/ingress.yaml", err);
}

static int add_configmap(const struct gen_input *in, struct out_bundle *b, char **err)
{
	char *name = xasprintf("%s-config", in->service);
	struct gen_yaml *y = object_start(in, "v1", "ConfigMap", name, true);
	free(name);
	char port[16];
	snprintf(port, sizeof(port), "%u", in->port);
	gen_yaml_str(y, "data");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "LOG_LEVEL", "info");
	gen_yaml_str(y, "PORT");
	gen_yaml_quoted(y, port);
	gen_yaml_kv_str(y, "SERVICE_NAME", in->service);
	gen_yaml_map_end(y);
	return object_finish(y, b, "kubernetes/configmap.yaml", err);
}

static int add_serviceaccount(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_yaml *y = object_start(in, "v1", "ServiceAccount", in->service, true);
	gen_yaml_kv_bool(y, "automountServiceAccountToken", false);
	return object_finish(y, b, "kubernetes/serviceaccount.yaml", err);
}

static int add_namespace(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_yaml *y = object_start(in, "v1", "Namespace", in->service, false);
	return object_finish(y, b, "kubernetes/namespace.yaml", err);
}

static int add_kustomization(const struct out_bundle *b, size_t first, struct out_bundle *out,
			     char **err)
{
	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "apiVersion", "kustomize.config.k8s.io/v1beta1");
	gen_yaml_kv_str(y, "kind", "Kustomization");
	gen_yaml_str(y, "resources");
	gen_yaml_seq_start(y);
	for (size_t i = first; i < b->count; i++)
		gen_yaml_str(y, b->files[i].path + strlen("kubernetes/"));
	gen_yaml_seq_end(y);
	return object_finish(y, out, "kubernetes/kustomization.yaml", err);
}

int gen_k8s_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_scale sc;
	gen_scale_compute(in, &sc);
	size_t first = b->count;
	bool stateful = is_stateful(in);
	/* Namespace first so `kubectl apply -k` creates it before the rest. */
	if (gen_k8s_is_cronjob(in)) {
		/* A batch job: no Service, HPA or Ingress (nothing calls it) and
		 * no PDB (evicting a job's pod is the Job's retry to handle). */
		if (add_namespace(in, b, err) < 0 || add_serviceaccount(in, b, err) < 0 ||
		    add_configmap(in, b, err) < 0 || (stateful && add_pvc(in, b, err) < 0) ||
		    add_cronjob(in, b, err) < 0 || add_netpol(in, b, err) < 0)
			return -1;
		return add_kustomization(b, first, b, err);
	}
	if (add_namespace(in, b, err) < 0 || add_serviceaccount(in, b, err) < 0 ||
	    add_configmap(in, b, err) < 0 || add_workload(in, &sc, b, err) < 0 ||
	    add_service(in, false, b, err) < 0 ||
	    (stateful && add_service(in, true, b, err) < 0) ||
	    (!stateful && add_hpa(in, &sc, b, err) < 0) ||
	    add_pdb(in, b, err) < 0 || add_netpol(in, b, err) < 0 || add_ingress(in, b, err) < 0)
		return -1;
	return add_kustomization(b, first, b, err);
}
