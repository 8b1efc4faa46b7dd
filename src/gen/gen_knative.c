/* gen_knative.c: knative/service.yaml, a serving.knative.dev/v1 Service
 * that scales to zero unless the latency target is strict, with the same
 * hardened container as the Kubernetes Deployment. Only container-level
 * securityContext: the pod-level one needs a Knative feature flag. */
#include <stdio.h>
#include <string.h>
#include "gen.h"
#include "util.h"

static void annotation_num(struct gen_yaml *y, const char *key, unsigned v)
{
	char buf[16];
	snprintf(buf, sizeof(buf), "%u", v);
	gen_yaml_str(y, key);
	gen_yaml_quoted(y, buf);   /* annotation values are strings */
}

int gen_knative_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	struct gen_scale sc;
	gen_scale_compute(in, &sc);
	bool strict = strcmp(in->latency_target, "strict") == 0;
	char mem[32], cpu[32];
	snprintf(mem, sizeof(mem), "%uMi", in->memory_mb);
	struct gen_cpu c;
	if (gen_cpu_size(in, &c, err) < 0)
		return -1;
	snprintf(cpu, sizeof(cpu), "%um", c.request);

	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "apiVersion", "serving.knative.dev/v1");
	gen_yaml_kv_str(y, "kind", "Service");
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", in->service);
	gen_yaml_kv_str(y, "namespace", in->service);
	gen_yaml_str(y, "labels");
	gen_k8s_labels(y, in, false);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "template");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "metadata");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "labels");
	gen_k8s_labels(y, in, false);
	gen_yaml_str(y, "annotations");
	gen_yaml_map_start(y);
	/* A strict latency target keeps one warm instance: no cold starts. */
	annotation_num(y, "autoscaling.knative.dev/min-scale", strict ? 1 : 0);
	annotation_num(y, "autoscaling.knative.dev/max-scale", sc.max_replicas);
	gen_yaml_kv_str(y, "autoscaling.knative.dev/metric", "concurrency");
	annotation_num(y, "autoscaling.knative.dev/target", sc.concurrency);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_str(y, "spec");
	gen_yaml_map_start(y);
	/* Hard limit at twice the soft autoscaling target. */
	gen_yaml_kv_int(y, "containerConcurrency", 2 * sc.concurrency);
	gen_yaml_kv_int(y, "timeoutSeconds", strcmp(in->longest_task, "under_1s") == 0 ? 30 : 600);
	/* GPU pool placement: needs the kubernetes.podspec-nodeselector and
	 * kubernetes.podspec-tolerations flags of config-features (README). */
	gen_k8s_gpu_placement(y, in);
	gen_yaml_str(y, "containers");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", in->service);
	gen_yaml_kv_str(y, "image", in->image);
	gen_yaml_str(y, "ports");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "http1");
	gen_yaml_kv_int(y, "containerPort", in->port);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_str(y, "resources");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "requests");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "cpu", cpu);
	gen_yaml_kv_str(y, "memory", mem);
	gen_yaml_map_end(y);
	/* No CPU limit: a revision may burst while it scales out. */
	gen_yaml_str(y, "limits");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "memory", mem);
	gen_k8s_gpu_limit(y, in);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	/* Knative accepts a probe port only when it is the container port. */
	gen_k8s_http_probe(y, "livenessProbe", "/healthz", NULL, in->port, 20, 0, 0);
	gen_k8s_http_probe(y, "readinessProbe", "/readyz", NULL, in->port, 5, 0, 0);
	gen_k8s_container_security(y);
	gen_yaml_str(y, "volumeMounts");
	gen_yaml_seq_start(y);
	gen_k8s_tmp_mount(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_str(y, "volumes");
	gen_yaml_seq_start(y);
	gen_k8s_tmp_volume(y, NULL);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	return gen_yaml_add_file(y, NULL, b, "knative/service.yaml", err);
}
