/* gen.h: starter files (docs/starter-files.md) generated from answers and an evaluation,
 * into an in-memory bundle; writing is output.h's job. Deterministic: the
 * same inputs give byte-identical files. */
#ifndef ARCHWISE_GEN_H
#define ARCHWISE_GEN_H

#include <stdbool.h>
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

/* ---- inputs: the answers the generators use, resolved once ---- */

/* Everything a generator reads, with defaults filled in. Strings point into
 * the answers/model (not owned). */
struct gen_input {
	const char *service;          /* service_name (a DNS-1123 label) */
	const char *image;            /* container_image (pinned tag or digest) */
	unsigned port;                /* container_port */
	unsigned memory_mb;           /* memory_mb */
	double requests_per_day;      /* requests_per_day */
	double avg_duration_ms;       /* avg_duration_ms */
	const char *traffic_pattern;  /* steady | daily_cycle | spiky | sporadic */
	const char *longest_task;     /* under_1s | under_15min | over_15min | always_on */
	const char *workload_type;    /* http_api | event_processing | batch_jobs | streaming | mixed */
	const char *state;            /* stateless | external_state | stateful */
	const char *latency_target;   /* strict | moderate | relaxed */
	const char *runtime;          /* nodejs22.x | python3.13 | java21 | provided.al2023 */
	const char *region;           /* AWS region, e.g. eu-west-1 */
	bool high_cpu;                /* hardware contains high_cpu */
	bool gpu;                     /* hardware contains gpu: one nvidia.com/gpu per instance */
	const char *provider;         /* aws | gcp | azure (the provider answer; aws without it) */
	const char *recommendation;   /* architecture id recommended (may be NULL) */
	char image_buf[128];          /* the image derived from the service name, when
				       * container_image is left at the questionnaire's default */
};

/* CPU of one instance in millicores (see docs/starter-files.md). */
struct gen_cpu {
	unsigned request;             /* what the scheduler reserves */
	unsigned limit;               /* twice the request, at most the node's allocatable CPU */
};

/* The largest node the Kubernetes files assume (a general-purpose node of
 * 64 vCPU and 256 GiB: m7i.16xlarge, n2-standard-64, Standard_D64s_v5), and
 * what the kubelet leaves allocatable on it (GKE's and EKS's reservations:
 * about 0.4 vCPU and 14 GiB on such a node). */
#define GEN_NODE_VCPU 64u
#define GEN_NODE_ALLOC_MILLICPU 63600u
#define GEN_NODE_ALLOC_MEMORY_MB 247808u   /* 242 GiB */

/* The CPU of one instance: one vCPU per 4 GiB of memory (general-purpose
 * nodes), per 2 GiB with high_cpu (compute-optimised), at least 100m (250m
 * with high_cpu), the request at most the node's allocatable CPU. -1 with
 * *err (the reason) when the memory does not fit one node. */
int gen_cpu_size(const struct gen_input *in, struct gen_cpu *out, char **err);

/* Knative Serving refuses these container ports (queue-proxy and its
 * metrics/profiling ports, see knative.dev/serving k8s_validation.go). */
bool gen_knative_reserved_port(unsigned port);
#define GEN_KNATIVE_RESERVED_PORTS "8008, 8012, 8013, 8022, 9090 and 9091"

/* name shortened to at most max bytes: unchanged when it fits, else its
 * first max-7 characters (trailing '-' dropped), '-' and the first six hex
 * digits of the FNV-1a hash of the whole name, so that distinct names stay
 * distinct and the same name always gives the same result (caller frees). */
char *gen_short_name(const char *name, size_t max);

/* Autoscaling bounds derived from the answers (see docs/starter-files.md). */
struct gen_scale {
	double peak_factor;           /* by traffic_pattern */
	double peak_rps;              /* requests_per_day / 86400 * peak_factor */
	double pod_rps;               /* per pod: concurrency * 1000 / avg_duration_ms */
	unsigned concurrency;         /* in-flight requests one pod/instance takes */
	unsigned min_replicas;        /* >= 2 */
	unsigned max_replicas;        /* >= min_replicas + 1, <= 100 */
};

/* Fills in from answers (defaults where unanswered) and the evaluation. */
void gen_input_from_answers(const struct model *m, const struct answers *a,
			    const struct evaluation *ev, struct gen_input *in);
/* Refuses inputs the targets in mask cannot use safely (name not a DNS-1123
 * label, unpinned image, bad port/region/runtime). 0, or -1 with *err. */
int gen_input_check(const struct gen_input *in, int mask, char **err);
/* Adds the files of the targets in mask from resolved inputs (no checks). */
int gen_targets_input(const struct gen_input *in, int mask, struct out_bundle *b, char **err);
/* The bundle README.md from resolved inputs. */
int gen_readme_input(const struct gen_input *in, int mask, struct out_bundle *b, char **err);
/* Replicas and autoscaling bounds for in. */
void gen_scale_compute(const struct gen_input *in, struct gen_scale *out);
/* Fargate cpu units and memory MiB: the smallest valid pair holding
 * memory_mb plus 25% headroom (cpu >= 1024 when high_cpu). 0, or -1 when
 * nothing fits (more than 120 GiB). */
int gen_fargate_size(unsigned memory_mb, bool high_cpu, unsigned *cpu, unsigned *memory);
/* Whether some Fargate task size holds in's memory (else, under "all", the
 * Fargate files are left out and the README says so). */
bool gen_fargate_fits(const struct gen_input *in, int mask);
/* Whether (cpu, memory) is a valid Fargate task size. */
bool gen_fargate_pair_valid(unsigned cpu, unsigned memory);
/* Whether an image reference names a pinned tag (not latest) or a digest. */
bool gen_image_is_pinned(const char *image);

/* ---- a small safe YAML writer over libyaml's emitter ---- */

/* Emits into a memory buffer; every string goes through libyaml, quoted
 * whenever a plain scalar could read back as something else. Errors stick:
 * after the first, calls do nothing and gen_yaml_finish reports it. */
struct gen_yaml;
struct gen_yaml *gen_yaml_new(void);
/* Frees the writer (also after finish). */
void gen_yaml_free(struct gen_yaml *y);
void gen_yaml_map_start(struct gen_yaml *y);
void gen_yaml_map_end(struct gen_yaml *y);
void gen_yaml_seq_start(struct gen_yaml *y);
void gen_yaml_seq_end(struct gen_yaml *y);
/* A string scalar (plain when unambiguous, double quoted otherwise). */
void gen_yaml_str(struct gen_yaml *y, const char *s);
/* A string scalar that is always quoted (values that must stay strings). */
void gen_yaml_quoted(struct gen_yaml *y, const char *s);
void gen_yaml_int(struct gen_yaml *y, long long v);
void gen_yaml_bool(struct gen_yaml *y, bool v);
/* key: value shorthands. */
void gen_yaml_kv_str(struct gen_yaml *y, const char *key, const char *value);
void gen_yaml_kv_int(struct gen_yaml *y, const char *key, long long value);
void gen_yaml_kv_bool(struct gen_yaml *y, const char *key, bool value);
/* key: {k: v}, a mapping of one string pair (k NULL: an empty mapping, {}). */
void gen_yaml_kv_map_str(struct gen_yaml *y, const char *key, const char *k, const char *v);
/* Ends the document; returns the text (caller frees) or NULL with *err. */
char *gen_yaml_finish(struct gen_yaml *y, size_t *len, char **err);
/* Finishes and frees y, and adds its text as the file path of b, after
 * comment ("# ..." lines) unless NULL. 0, or -1 with *err. */
int gen_yaml_add_file(struct gen_yaml *y, const char *comment, struct out_bundle *b,
		      const char *path, char **err);

/* The longest stage name (osls deploy --stage) the serverless files keep
 * every AWS name within its limit for. */
#define GEN_SLS_STAGE_MAX 10

/* ---- per-target generators: add their files from resolved inputs ---- */

int gen_k8s_add(const struct gen_input *in, struct out_bundle *b, char **err);
int gen_knative_add(const struct gen_input *in, struct out_bundle *b, char **err);
int gen_serverless_add(const struct gen_input *in, struct out_bundle *b, char **err);
int gen_fargate_add(const struct gen_input *in, struct out_bundle *b, char **err);
/* The app.kubernetes.io labels as a mapping (selector: name + instance only). */
void gen_k8s_labels(struct gen_yaml *y, const struct gen_input *in, bool selector);
/* The hardened container securityContext (shared by Kubernetes and Knative). */
void gen_k8s_container_security(struct gen_yaml *y);
/* An HTTP GET probe under key: the port by name (port_name) or else by
 * number; timeout_s and failures are left to the platform when 0. */
void gen_k8s_http_probe(struct gen_yaml *y, const char *key, const char *path,
			const char *port_name, unsigned port, int period_s, int timeout_s,
			int failures);
/* The read-only root filesystem's scratch /tmp: the volumeMounts item, and
 * the volumes item (an emptyDir, of at most size_limit unless NULL). */
void gen_k8s_tmp_mount(struct gen_yaml *y);
void gen_k8s_tmp_volume(struct gen_yaml *y, const char *size_limit);
/* GPU workloads: one nvidia.com/gpu in the container's limits, and the pod
 * placed on a GPU pool (nodeSelector on the label NVIDIA's GPU feature
 * discovery sets, a toleration of the nvidia.com/gpu taint GKE and EKS put
 * on GPU nodes). Both write nothing without in->gpu. */
#define GEN_GPU_RESOURCE "nvidia.com/gpu"
#define GEN_GPU_NODE_LABEL "nvidia.com/gpu.present"
void gen_k8s_gpu_limit(struct gen_yaml *y, const struct gen_input *in);
void gen_k8s_gpu_placement(struct gen_yaml *y, const struct gen_input *in);
/* app.kubernetes.io/component for the workload type ("api", "worker", ...). */
const char *gen_component(const struct gen_input *in);
/* Whether the Kubernetes target runs in as a batch/v1 CronJob (workload_type
 * batch_jobs, unless longest_task is always_on: a job that never ends is a
 * long-running worker, which keeps the Deployment). */
bool gen_k8s_is_cronjob(const struct gen_input *in);
/* Whether the workload calls the provider's endpoints over HTTPS (every
 * workload type but http_api, and any with external_state): the
 * NetworkPolicy then allows egress on 443. */
bool gen_k8s_needs_https_egress(const struct gen_input *in);
/* The CronJob's schedule (UTC) and its job's activeDeadlineSeconds. */
#define GEN_CRON_SCHEDULE "0 * * * *"
unsigned gen_k8s_job_deadline(const struct gen_input *in);

#endif
