/* gen_readme.c: the bundle's README.md: what each file is, how the sizes
 * were derived, and the commands to try each target. Every value pasted
 * into a command has been checked by gen_input_check (DNS label, image
 * reference characters, region), so the commands are safe to copy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "util.h"

static const struct {
	const char *path;
	const char *what;
} descriptions[] = {
	{"decision-record.md", "the decision record (MADR): options, scores, reasons, costs"},
	{"answers.yaml", "the answers behind it; `archwise eval answers.yaml` replays the decision"},
	{"cost-chart.svg", "the record's cost chart: cost against requests per day, log-log, the break-evens marked"},
	{"kubernetes/kustomization.yaml", "lists every object below; `kubectl apply -k kubernetes/`"},
	{"kubernetes/namespace.yaml", "the namespace everything runs in"},
	{"kubernetes/serviceaccount.yaml", "a service account with no API token mounted"},
	{"kubernetes/configmap.yaml", "environment of the container (LOG_LEVEL, PORT, SERVICE_NAME)"},
	{"kubernetes/deployment.yaml", "the pods: requests/limits, probes, hardened securityContext, topology spread; replicas left to the HPA"},
	{"kubernetes/statefulset.yaml", "the pods with a persistent volume each (state: stateful)"},
	{"kubernetes/cronjob.yaml", "batch/v1 CronJob: hourly runs that never overlap, deadline, retries, history; hardened pod"},
	{"kubernetes/pvc.yaml", "the job's persistent volume on /data, kept between runs (state: stateful)"},
	{"kubernetes/service.yaml", "the cluster-internal address, port 80 to the container's http port"},
	{"kubernetes/service-headless.yaml", "stable per-pod DNS names for the StatefulSet"},
	{"kubernetes/hpa.yaml", "autoscaling/v2 HorizontalPodAutoscaler on CPU (needs metrics-server)"},
	{"kubernetes/pdb.yaml", "PodDisruptionBudget: one pod at a time during drains"},
	{"kubernetes/networkpolicy.yaml", "default-deny except ingress from ingress-nginx and DNS egress"},
	{"kubernetes/ingress.yaml", "HTTP routing through an nginx ingress controller"},
	{"knative/service.yaml", "a Knative Service: scale to zero, concurrency-based autoscaling"},
	{"serverless/serverless.yml", "Serverless Framework v3 service: functions, events, least-privilege IAM"},
	{"serverless/handler.mjs", "the function code stub (Node.js)"},
	{"serverless/handler.py", "the function code stub (Python)"},
	{"serverless/src/main/java/com/example/Handler.java", "the function code stub (Java)"},
	{"serverless/bootstrap", "the custom runtime stub (provided.al2023), written executable"},
	{"fargate/task-definition.json", "ECS task definition for Fargate; ${AWS_ACCOUNT_ID} is a placeholder"},
	{"fargate/task-role-policy.json", "IAM policy for the task role, least privilege"},
	{"cloudrun/service.yaml", "a Cloud Run service (Knative Serving v1 form): scaling, concurrency, CPU allocation, size"},
	{"containerapps/app.yaml", "an Azure Container Apps app: ingress, size, probes, scale rules; ${...} are placeholders"},
	{"containerapps/job.yaml", "an Azure Container Apps job on the hourly schedule; ${...} are placeholders"},
	{"functions/package.json", "the functions' Node.js package (Functions Framework)"},
	{"functions/index.js", "the functions (Node.js), one entry point each"},
	{"functions/main.py", "the functions (Python), one entry point each"},
	{"functions/requirements.txt", "the functions' Python dependencies"},
	{"functions/pom.xml", "the functions' Maven build (Functions Framework API)"},
	{"functions/go.mod", "the functions' Go module (Functions Framework for Go)"},
	{"functions/function.go", "the functions (Go, the custom runtime's counterpart), one entry point each"},
	{"functions/host.json", "the Azure Functions host: timeout, extension bundle"},
	{"functions/Handler.java", "the Azure Functions custom handler (Java, JDK only)"},
	{"README.md", "this file"},
};

static const char *describe(const struct gen_input *in, const char *path)
{
	if (strcmp(path, "kubernetes/networkpolicy.yaml") == 0) {
		bool https = gen_k8s_needs_https_egress(in);
		if (gen_k8s_is_cronjob(in))
			return https ? "default-deny: no inbound traffic at all; DNS and HTTPS egress"
				     : "default-deny: no inbound traffic at all, DNS egress";
		if (strcmp(in->state, "stateful") == 0)
			return https ? "default-deny except ingress from ingress-nginx, the set's members "
				       "to each other, DNS and HTTPS egress"
				     : "default-deny except ingress from ingress-nginx, the set's members "
				       "to each other and DNS egress";
		return https ? "default-deny except ingress from ingress-nginx, DNS and HTTPS egress"
			     : "default-deny except ingress from ingress-nginx and DNS egress";
	}
	for (size_t i = 0; i < sizeof(descriptions) / sizeof(descriptions[0]); i++)
		if (strcmp(descriptions[i].path, path) == 0)
			return descriptions[i].what;
	size_t n = strlen(path);
	if (strncmp(path, "functions/src/main/java/", 24) == 0)
		return "one function (Java), an HTTP entry point";
	if (n > 14 && strcmp(path + n - 14, "/function.json") == 0)
		return "the function's trigger binding";
	if (strncmp(path, "functions/", 10) == 0 && n > 3 &&
	    (strcmp(path + n - 3, ".js") == 0 || strcmp(path + n - 12, "/__init__.py") == 0))
		return "the function's code";
	return "";
}

/* Three significant digits with a '.' whatever LC_NUMERIC the wizard set:
 * the README must be the same bytes everywhere. */
static void num3(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.3g", v);
	util_c_decimal_point(buf);
}

/* CPU and memory of one pod, and the GPU pool when asked. */
static void sizing_section(struct strbuf *sb, const struct gen_input *in)
{
	struct gen_cpu c = {0, 0};
	char *why = NULL;
	if (gen_cpu_size(in, &c, &why) < 0)
		free(why);
	sb_printf(sb, "Each pod requests %u MiB of memory (also its limit) and %um CPU, one vCPU "
		  "per %s GiB of memory%s, with a limit of %um: at most what one node of %u vCPU "
		  "leaves allocatable.\n\n",
		  in->memory_mb, c.request, in->high_cpu ? "2" : "4",
		  in->high_cpu ? " (hardware: high_cpu)" : "", c.limit, GEN_NODE_VCPU);
	if (in->gpu)
		sb_printf(sb, "GPU: each pod has a limit of one `" GEN_GPU_RESOURCE "` (the NVIDIA device "
			  "plugin or GPU operator provides it), runs only on nodes labelled `"
			  GEN_GPU_NODE_LABEL "=true` (GPU feature discovery sets it; on GKE you may "
			  "select `cloud.google.com/gke-accelerator` instead) and tolerates the `"
			  GEN_GPU_RESOURCE "` taint that keeps other pods off the GPU pool.\n\n");
}

/* A batch job: the CronJob, and how to start a run by hand. */
static void cronjob_section(struct strbuf *sb, const struct gen_input *in, bool stateful)
{
	sb_printf(sb, "## Kubernetes\n\n"
		  "Try it on a local [kind](https://kind.sigs.k8s.io/) cluster, starting a run "
		  "by hand instead of waiting for the schedule:\n\n"
		  "```sh\n"
		  "kind create cluster\n"
		  "docker build -t %s .\n"
		  "kind load docker-image %s\n"
		  "kubectl apply -k kubernetes/\n"
		  "kubectl create job --from=cronjob/%s %s-manual -n %s\n"
		  "kubectl wait --for=condition=complete job/%s-manual -n %s --timeout=%us\n"
		  "kubectl logs job/%s-manual -n %s\n"
		  "kubectl delete job %s-manual -n %s\n"
		  "```\n\n",
		  in->image, in->image, in->service, in->service, in->service, in->service,
		  in->service, gen_k8s_job_deadline(in), in->service, in->service, in->service,
		  in->service);
	sb_printf(sb, "`workload_type: batch_jobs` gives a CronJob, not a Deployment: no Service, "
		  "HPA, Ingress or PodDisruptionBudget, since nothing calls a job and its Job "
		  "retries a pod that is evicted. Schedule `%s` (hourly, UTC): change "
		  "`spec.schedule` to yours (`kubectl get cronjob -n %s` shows the last and next "
		  "runs). `concurrencyPolicy: Forbid` skips a run while the previous one is still "
		  "going; a run that cannot start within 5 minutes of its time is skipped. Each "
		  "run may take %u s in all (`activeDeadlineSeconds`, from longest_task `%s`), "
		  "is retried up to 3 times in a fresh pod (`restartPolicy: Never`, so the logs "
		  "of a failed attempt stay readable) and is deleted a day after it ends; the "
		  "last 3 successful and 3 failed runs are kept.\n\n",
		  GEN_CRON_SCHEDULE, in->service, gen_k8s_job_deadline(in), in->longest_task);
	sb_append(sb, "The container must do its work and exit 0 (non-zero marks the attempt "
		  "failed), run as user 10001 and write only to `/tmp`");
	if (stateful)
		sb_append(sb, " and `/data` (the claim in pvc.yaml, kept between runs)");
	sb_append(sb, ".\n\n"
		  "The NetworkPolicy denies all inbound traffic and allows DNS to kube-system");
	if (gen_k8s_needs_https_egress(in))
		sb_append(sb, " and HTTPS (443) to any address for the provider's endpoints; narrow "
			  "that rule as its comment says");
	sb_append(sb, ". It takes effect with a CNI that enforces policies (Calico, Cilium).\n\n");
	sizing_section(sb, in);
}

static void kubernetes_section(struct strbuf *sb, const struct gen_input *in,
			       const struct gen_scale *sc, bool stateful)
{
	if (gen_k8s_is_cronjob(in)) {
		cronjob_section(sb, in, stateful);
		return;
	}
	sb_printf(sb, "## Kubernetes\n\n"
		  "Try it on a local [kind](https://kind.sigs.k8s.io/) cluster:\n\n"
		  "```sh\n"
		  "kind create cluster\n"
		  "docker build -t %s .\n"
		  "kind load docker-image %s\n"
		  "kubectl apply -k kubernetes/\n"
		  "kubectl -n %s rollout status %s/%s\n"
		  "kubectl -n %s port-forward service/%s 8080:80\n"
		  "curl -s localhost:8080/readyz\n"
		  "```\n\n",
		  in->image, in->image, in->service, stateful ? "statefulset" : "deployment",
		  in->service, in->service, in->service);
	sb_printf(sb, "The container must answer `GET /healthz` (liveness: the process is alive) "
		  "and `GET /readyz` (readiness: it can serve now) on port %u, run as user 10001 "
		  "and write only to `/tmp`.\n\n", in->port);
	if (stateful)
		sb_printf(sb, "Replicas: %u, fixed (a StatefulSet is not autoscaled: adding a "
			  "member of a stateful set needs data rebalancing).\n\n", sc->min_replicas);
	else {
		char avg[32], factor[32], peak[32], pod[32], ms[32];
		num3(avg, sizeof(avg), in->requests_per_day / 86400.0);
		num3(factor, sizeof(factor), sc->peak_factor);
		num3(peak, sizeof(peak), sc->peak_rps);
		num3(pod, sizeof(pod), sc->pod_rps);
		num3(ms, sizeof(ms), in->avg_duration_ms);
		sb_printf(sb, "Autoscaling: %u to %u replicas. Average load is requests_per_day / 86400 "
			  "= %s req/s; the peak is %s times that (traffic pattern `%s`) = %s req/s. "
			  "One pod takes %u requests at a time, so %s req/s at %s ms each; pods run "
			  "at 70%% of that. minReplicas = max(2, average / per-pod), maxReplicas = "
			  "max(2 x min, peak / per-pod), at most 100.\n\n",
			  sc->min_replicas, sc->max_replicas, avg, factor, in->traffic_pattern, peak,
			  sc->concurrency, pod, ms);
	}
	sb_append(sb, "The NetworkPolicy admits traffic only from the `ingress-nginx` namespace");
	if (stateful)
		sb_append(sb, " and from the set's own members");
	sb_append(sb, " and allows DNS to kube-system");
	if (gen_k8s_needs_https_egress(in))
		sb_append(sb, " and HTTPS (443) to any address for the provider's endpoints (narrow "
			  "that rule as its comment says)");
	sb_append(sb, "; it takes effect with a CNI that enforces policies (Calico, Cilium).");
	if (!stateful)
		sb_append(sb, " The HPA needs metrics-server.");
	sb_append(sb, "\n\n");
	sizing_section(sb, in);
}

static const char *const fn_names[] = {"api", "worker", "job", "stream"};

/* Google Cloud: one gcloud command per function. */
static void gcp_functions(struct strbuf *sb, const struct gen_input *in, unsigned fns)
{
	static const char *const runtimes[][2] = {
		{"nodejs22.x", "nodejs22"}, {"python3.13", "python313"},
		{"java21", "java21"}, {"provided.al2023", "go123"},
	};
	static const char *const java_classes[] = {"Api", "Worker", "Job", "Stream"};
	const char *rt = "nodejs22";
	for (size_t i = 0; i < 4; i++)
		if (strcmp(in->runtime, runtimes[i][0]) == 0)
			rt = runtimes[i][1];
	bool events = strcmp(in->runtime, "nodejs22.x") == 0 || strcmp(in->runtime, "python3.13") == 0;
	sb_printf(sb, "## Cloud Run functions\n\n"
		  "`functions/` is a Cloud Run functions project (runtime `%s`%s), one entry point "
		  "per function. Deploy from the bundle's folder (set `REGION`, e.g. "
		  "`europe-west1`):\n\n```sh\nREGION=europe-west1\n", rt,
		  strcmp(in->runtime, "provided.al2023") == 0
			  ? "; Cloud Run functions has no custom runtime, so the compiled-binary "
			    "choice becomes Go" : "");
	for (int k = GEN_FN_API; k <= GEN_FN_STREAM; k++) {
		if (!(fns & (1u << k)))
			continue;
		char entry[64];
		snprintf(entry, sizeof(entry), "%s%s", strcmp(rt, "java21") == 0 ? "com.example." : "",
			 strcmp(rt, "java21") == 0 ? java_classes[k] : fn_names[k]);
		bool topic = (k == GEN_FN_WORKER || k == GEN_FN_STREAM) && events;
		if (k == GEN_FN_WORKER || k == GEN_FN_STREAM)
			sb_printf(sb, "gcloud pubsub topics create %s-%s\n", in->service,
				  k == GEN_FN_WORKER ? "work" : "events");
		sb_printf(sb, "gcloud functions deploy %s-%s --gen2 --region \"$REGION\" --runtime %s "
			  "--source functions/ --entry-point %s --memory %uMi --timeout %us ",
			  in->service, fn_names[k], rt, entry, in->memory_mb < 128 ? 128 : in->memory_mb,
			  k == GEN_FN_API ? 60u : 540u);
		if (topic)
			sb_printf(sb, "--trigger-topic %s-%s\n", in->service,
				  k == GEN_FN_WORKER ? "work" : "events");
		else
			sb_printf(sb, "--trigger-http %s\n",
				  k == GEN_FN_API ? "--allow-unauthenticated" : "--no-allow-unauthenticated");
	}
	sb_append(sb, "```\n\n");
	if (fns & (1u << GEN_FN_JOB))
		sb_printf(sb, "Run `job` hourly with Cloud Scheduler: `gcloud scheduler jobs create http "
			  "%s-hourly --location \"$REGION\" --schedule \"0 * * * *\" --uri URL "
			  "--oidc-service-account-email SA`, with the function's URL and a service account "
			  "allowed to invoke it.\n\n", in->service);
	if (!events && (fns & (1u << GEN_FN_WORKER | 1u << GEN_FN_STREAM)))
		sb_append(sb, "`worker` and `stream` are HTTP functions: connect the topic with a push "
			  "subscription to the function's URL (`gcloud pubsub subscriptions create ... "
			  "--push-endpoint URL --push-auth-service-account SA`); an answer other than "
			  "2xx makes Pub/Sub redeliver.\n\n");
	sb_append(sb, "HTTP functions stop after 60 minutes at most, event-driven ones after 9; "
		  "longer work belongs in the Cloud Run service or a Cloud Run job.\n\n");
}

static void azure_functions(struct strbuf *sb, const struct gen_input *in, unsigned fns)
{
	bool custom = strcmp(in->runtime, "java21") == 0 || strcmp(in->runtime, "provided.al2023") == 0;
	const char *worker = strcmp(in->runtime, "python3.13") == 0 ? "python" : custom ? "custom" : "node";
	/* Custom handlers run on the Consumption plan (Flex Consumption has none). */
	sb_printf(sb, "## Azure Functions\n\n"
		  "`functions/` is an Azure Functions project: `host.json` and one folder per "
		  "function with its trigger binding (`function.json`)%s. Create the app on the %s "
		  "plan and publish it with Azure Functions Core Tools:\n\n"
		  "```sh\n"
		  "az functionapp create --name %s --resource-group \"$AZURE_RESOURCE_GROUP\" "
		  "--storage-account \"$AZURE_STORAGE_ACCOUNT\" %s \"$AZURE_LOCATION\" "
		  "--runtime %s\n",
		  custom ? (strcmp(in->runtime, "java21") == 0
				    ? "; Java runs as a custom handler (`Handler.java`, JDK only: "
				      "`javac -d build Handler.java` in `functions/`)"
				    : "; a compiled binary runs as a custom handler: build it as "
				      "`functions/handler`, serving the invocations on "
				      "`FUNCTIONS_CUSTOMHANDLER_PORT`")
			 : "",
		  custom ? "Consumption" : "Flex Consumption", in->service,
		  custom ? "--os-type Linux --functions-version 4 --consumption-plan-location"
			 : "--flexconsumption-location",
		  worker);
	if (fns & (1u << GEN_FN_WORKER))
		sb_printf(sb, "az functionapp config appsettings set --name %s --resource-group "
			  "\"$AZURE_RESOURCE_GROUP\" --settings QUEUE_NAME=%s-work "
			  "ServiceBusConnection=\"$AZURE_SERVICEBUS_CONNECTION\"\n", in->service, in->service);
	if (fns & (1u << GEN_FN_STREAM))
		sb_printf(sb, "az functionapp config appsettings set --name %s --resource-group "
			  "\"$AZURE_RESOURCE_GROUP\" --settings EVENT_HUB_NAME=%s-events "
			  "EventHubConnection=\"$AZURE_EVENTHUB_CONNECTION\"\n", in->service, in->service);
	sb_printf(sb, "cd functions && func azure functionapp publish %s\n```\n\n", in->service);
	(void)fn_names;
}

static void functions_section(struct strbuf *sb, const struct gen_input *in)
{
	unsigned fns = gen_functions_for(in);
	if (strcmp(gen_provider(in), "azure") == 0)
		azure_functions(sb, in, fns);
	else
		gcp_functions(sb, in, fns);
}

static void cloudrun_section(struct strbuf *sb, const struct gen_input *in, const struct gen_scale *sc)
{
	unsigned cpu, mem;
	sb_append(sb, "## Cloud Run\n\n");
	if (gen_cloudrun_size(in, &cpu, &mem) < 0) {
		sb_printf(sb, "No Cloud Run file: %u MiB is more than a Cloud Run instance has "
			  "(32 GiB).\n\n", in->memory_mb);
		return;
	}
	sb_printf(sb, "`cloudrun/service.yaml` is the service in Knative Serving v1 form. Each "
		  "instance has %u CPU and %u MiB (a pair Cloud Run accepts, holding `memory_mb` and "
		  "the CPU the Kubernetes files request), takes %u requests at once and scales from "
		  "%s to %u instances; requests time out after %u s. CPU is allocated %s.\n\n",
		  cpu, mem, 2 * sc->concurrency,
		  strcmp(in->latency_target, "strict") == 0 ? "one warm instance" : "zero",
		  sc->max_replicas, gen_cloudrun_timeout(in),
		  in->gpu || strcmp(in->workload_type, "http_api") != 0
			  ? "all the time (`cpu-throttling: false`), as work outside requests needs it"
			  : "only while requests are served (`cpu-throttling: true`)");
	if (in->gpu)
		sb_append(sb, "GPU: one NVIDIA L4 (`run.googleapis.com/accelerator: nvidia-l4`, "
			  "`nvidia.com/gpu: 1`), which needs at least 4 CPUs and 16 GiB and a region "
			  "with L4 GPUs and GPU quota.\n\n");
	if (gen_k8s_is_cronjob(in))
		sb_printf(sb, "A batch job suits a Cloud Run job better than a service: `gcloud run "
			  "jobs create %s --image %s --task-timeout %us --max-retries 3 --region "
			  "\"$REGION\"`, run hourly by Cloud Scheduler.\n\n",
			  in->service, in->image, gen_k8s_job_deadline(in));
	sb_printf(sb, "```sh\n"
		  "REGION=europe-west1\n"
		  "gcloud run services replace cloudrun/service.yaml --region \"$REGION\"\n"
		  "gcloud run services describe %s --region \"$REGION\" --format 'value(status.url)'\n"
		  "```\n\n", in->service);
}

static void containerapps_section(struct strbuf *sb, const struct gen_input *in,
				  const struct gen_scale *sc)
{
	unsigned cpu, mem;
	sb_append(sb, "## Azure Container Apps\n\n");
	if (gen_containerapps_size(in, &cpu, &mem) < 0) {
		sb_printf(sb, "No Container Apps file: %u MiB is more than a consumption replica has "
			  "(8 GiB).\n\n", in->memory_mb);
		return;
	}
	char *name = gen_containerapps_name(in);
	bool job = gen_k8s_is_cronjob(in);
	sb_printf(sb, "`containerapps/%s.yaml` sizes each replica at %u.%02u vCPU and %u MiB, %s. "
		  "Its `${...}` placeholders name your subscription, resource group, Container Apps "
		  "environment and location",
		  job ? "job" : "app", cpu / 100, cpu % 100, mem,
		  in->gpu ? "on the serverless GPU profile" : "a consumption pair (memory twice the vCPU)");
	if (strcmp(name, in->service) != 0)
		sb_printf(sb, "; the name is `%s`, within Container Apps' rules (at most 32 "
			  "characters, no `--`)", name);
	sb_append(sb, ".\n\n");
	if (!job)
		sb_printf(sb, "It scales from %s to %u replicas%s.\n\n",
			  strcmp(in->latency_target, "strict") == 0 ? "one" : "zero", sc->max_replicas,
			  strcmp(in->workload_type, "streaming") == 0 ? " on the Event Hub's unprocessed events"
			  : strcmp(in->workload_type, "http_api") == 0 ? " on concurrent requests"
			  : strcmp(in->workload_type, "mixed") == 0
				  ? " on concurrent requests and the Service Bus queue's length"
				  : " on the Service Bus queue's length");
	sb_append(sb, "```sh\n"
		  "export AZURE_SUBSCRIPTION_ID=... AZURE_RESOURCE_GROUP=... "
		  "AZURE_CONTAINERAPPS_ENV=... AZURE_LOCATION=westeurope\n");
	if (strcmp(in->workload_type, "http_api") != 0 && !job)
		sb_append(sb, "export AZURE_QUEUE_CONNECTION=...   # the queue's connection string\n");
	if (in->gpu)
		sb_printf(sb, "az containerapp env workload-profile add --name \"$AZURE_CONTAINERAPPS_ENV\" "
			  "--resource-group \"$AZURE_RESOURCE_GROUP\" --workload-profile-type "
			  "Consumption-GPU-NC8as-T4 --workload-profile-name " GEN_ACA_GPU_PROFILE "\n");
	sb_printf(sb, "envsubst < containerapps/%s.yaml > %s.filled.yaml\n"
		  "az containerapp %screate --name %s --resource-group \"$AZURE_RESOURCE_GROUP\" "
		  "--yaml %s.filled.yaml\n```\n\n",
		  job ? "job" : "app", job ? "job" : "app", job ? "job " : "", name, job ? "job" : "app");
	free(name);
}

int gen_readme_input(const struct gen_input *in, int mask, struct out_bundle *b, char **err)
{
	(void)err;
	mask = gen_resolve_targets(in, mask);
	struct gen_scale sc;
	gen_scale_compute(in, &sc);
	struct strbuf sb = {0};
	sb_printf(&sb, "# %s: starter files\n\n", in->service);
	if (in->recommendation)
		sb_printf(&sb, "Generated by archwise. Recommended architecture: **%s** "
			  "(see decision-record.md). The other targets are here to compare.\n\n",
			  in->recommendation);
	else
		sb_append(&sb, "Generated by archwise.\n\n");
	sb_append(&sb, "These are starting points: review them, then commit them with your code.\n\n"
		  "## Files\n\n| File | What it is |\n| --- | --- |\n");
	for (size_t i = 0; i < b->count; i++)
		sb_printf(&sb, "| `%s` | %s |\n", b->files[i].path, describe(in, b->files[i].path));
	sb_printf(&sb, "| `README.md` | %s |\n\n", describe(in, "README.md"));

	if (mask & GEN_KUBERNETES)
		kubernetes_section(&sb, in, &sc, strcmp(in->state, "stateful") == 0);
	if (mask & GEN_KNATIVE)
		sb_printf(&sb, "## Knative\n\n"
			  "Needs Knative Serving on the cluster. Scales to %s and up to %u instances, "
			  "%u concurrent requests each.\n\n"
			  "```sh\n"
			  "kubectl create namespace %s\n"
			  "kubectl apply -f knative/service.yaml\n"
			  "kubectl -n %s get ksvc %s\n"
			  "```\n\n"
			  "The writable `/tmp` (an emptyDir volume under a read-only root filesystem) "
			  "needs Knative Serving 1.13 or later; older releases refuse the volume unless "
			  "the `kubernetes.podspec-emptydir` flag of `config-features` is enabled.\n\n",
			  strcmp(in->latency_target, "strict") == 0 ? "one warm instance (strict latency)" : "zero",
			  sc.max_replicas, sc.concurrency, in->service, in->service, in->service);
	if ((mask & GEN_KNATIVE) && in->gpu)
		sb_append(&sb, "GPU: the revision asks for one `" GEN_GPU_RESOURCE "` and is placed "
			  "like the Kubernetes pods (node selector and toleration); Knative accepts "
			  "those only with the `kubernetes.podspec-nodeselector` and "
			  "`kubernetes.podspec-tolerations` flags of `config-features` enabled.\n\n");
	/* Knative Serving runs request-driven services: kept for comparison,
	 * with what it takes to run a batch job on it. */
	if ((mask & GEN_KNATIVE) && gen_k8s_is_cronjob(in))
		sb_append(&sb, "Knative Serving runs a container only while it answers HTTP requests, "
			  "so a batch job fits it only when something calls it on the schedule "
			  "(a Knative Eventing PingSource, or a CronJob running curl), the run ends "
			  "within the request timeout (`timeoutSeconds`, at most the cluster's "
			  "max-revision-timeout-seconds, 10 minutes by default) and the container "
			  "answers the probes. For a scheduled job, use the Kubernetes target's "
			  "kubernetes/cronjob.yaml.\n\n");
	if ((mask & GEN_SERVERLESS) && strcmp(gen_provider(in), "aws") != 0)
		functions_section(&sb, in);
	if ((mask & GEN_SERVERLESS) && strcmp(gen_provider(in), "aws") == 0) {
		sb_printf(&sb, "## Serverless Framework\n\n"
			  "Runtime `%s` in `%s`. Validate offline, then deploy with the open-source "
			  "fork osls (or the Serverless Framework v3 CLI):\n\n"
			  "```sh\n"
			  "cd serverless\n",
			  in->runtime, in->region);
		if (strcmp(in->runtime, "java21") == 0)
			sb_append(&sb, "javac -d build src/main/java/com/example/Handler.java\n"
				  "mkdir -p target && jar cf target/handler.jar -C build .\n");
		sb_append(&sb, "npx osls print\n"
			  "npx osls deploy --stage dev\n"
			  "```\n\n");
		if (strlen(in->service) + 2 + GEN_SLS_STAGE_MAX + strlen(in->region) + 11 > 64)
			sb_printf(&sb, "AWS limits IAM role and function names to 64 characters: with "
				  "this service name the files name them with a shortened one (a hash "
				  "of the full name keeps it unique), which fits any stage of up to %d "
				  "characters.\n\n", GEN_SLS_STAGE_MAX);
		else
			sb_printf(&sb, "Stage names of up to %d characters keep every AWS name "
				  "within its limit.\n\n", GEN_SLS_STAGE_MAX);
		if (strcmp(in->longest_task, "under_1s") != 0)
			sb_append(&sb, "Functions stop after 15 minutes (the Lambda limit); HTTP API "
				  "functions after 29 s. Longer work belongs in a queue-driven worker "
				  "or a container.\n\n");
	}
	if ((mask & GEN_FARGATE) && !gen_fargate_fits(in, mask)) {
		sb_printf(&sb, "## Fargate\n\n"
			  "No Fargate files: %u MiB plus 25%% headroom is more than the largest "
			  "Fargate task (16 vCPU, 120 GiB).\n", in->memory_mb);
	} else if (mask & GEN_FARGATE) {
		unsigned cpu = 0, mem = 0;
		gen_fargate_size(in->memory_mb, in->high_cpu, &cpu, &mem);
		sb_printf(&sb, "## Fargate\n\n"
			  "Task size %u CPU units / %u MiB: the smallest valid Fargate pair holding "
			  "%u MiB plus 25%% headroom. Replace the `${AWS_ACCOUNT_ID}` placeholder, "
			  "create the task role from task-role-policy.json, then register:\n\n"
			  "```sh\n"
			  "export AWS_ACCOUNT_ID=123456789012   # yours\n"
			  "envsubst < fargate/task-definition.json > task-definition.filled.json\n"
			  "aws logs create-log-group --log-group-name /ecs/%s --region %s\n"
			  "aws iam put-role-policy --role-name %s-task-role --policy-name %s "
			  "--policy-document file://fargate/task-role-policy.json\n"
			  "aws ecs register-task-definition --region %s "
			  "--cli-input-json file://task-definition.filled.json\n"
			  "```\n\n",
			  cpu, mem, in->memory_mb, in->service, in->region, in->service, in->service,
			  in->region);
		if (gen_k8s_is_cronjob(in))
			sb_append(&sb, "A batch task serves nothing: no port mapping and no health "
				  "check; ECS reads the container's exit code. Run it on a schedule with "
				  "an EventBridge Scheduler target (`aws scheduler create-schedule`).\n");
		else
			sb_append(&sb, "The health check runs `wget` inside the container: keep it in "
				  "the image or change the command.\n");
	}
	if (mask & GEN_CLOUDRUN)
		cloudrun_section(&sb, in, &sc);
	if (mask & GEN_CONTAINERAPPS)
		containerapps_section(&sb, in, &sc);
	char *text = sb_take(&sb);
	/* Trailing blank lines trimmed: exactly one newline at the end. */
	size_t n = strlen(text);
	while (n > 1 && text[n - 1] == '\n' && text[n - 2] == '\n')
		text[--n] = '\0';
	out_bundle_add(b, "README.md", text, n);
	return 0;
}
