/* test_scan.c: the repository scan on the fixture repositories under
 * tests/fixtures/scan/ and on trees built here (limits, symlinks). Run from
 * the repository root (the test runners do). */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <cJSON.h>
#include "scan.h"
#include "util.h"

#define FIX "tests/fixtures/scan/"

/* The finding for question = value, or NULL. */
static const struct scan_finding *find(const struct scan_result *r, const char *q, const char *v)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i].question, q) == 0 && (!v || strcmp(r->items[i].value, v) == 0))
			return &r->items[i];
	return NULL;
}

static size_t count_q(const struct scan_result *r, const char *q)
{
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++)
		n += strcmp(r->items[i].question, q) == 0;
	return n;
}

/* Asserts a finding question = value at file:line. */
static void at(const struct scan_result *r, const char *q, const char *v, const char *file,
	       unsigned line)
{
	for (size_t i = 0; i < r->count; i++) {
		const struct scan_finding *f = &r->items[i];
		if (strcmp(f->question, q) == 0 && strcmp(f->value, v) == 0 &&
		    strcmp(f->file, file) == 0 && f->line == line)
			return;
	}
	fail_msg("no finding %s = %s at %s:%u", q, v, file, line);
}

static const char *answer(const struct scan_answers *a, const char *q)
{
	const struct scan_answer *x = scan_answers_get(a, q);
	return x ? x->values[0] : NULL;
}

static void scan_fixture(const char *name, struct scan_result *r, struct scan_answers *a)
{
	char *err = NULL;
	char *dir = xasprintf(FIX "%s", name);
	int rc = scan_dir(dir, r, &err);
	if (rc)
		fail_msg("%s", err);
	free(dir);
	scan_merge(r, a);
}

static void node_api(void **state)
{
	struct scan_result r;
	struct scan_answers a;

	scan_fixture("node-api", &r, &a);
	at(&r, "dev_workflow", "containers", "Dockerfile", 2);
	at(&r, "container_port", "3000", "Dockerfile", 11);
	/* The final stage is FROM an earlier one: the runtime is that stage's image. */
	at(&r, "runtime", "nodejs22.x", "Dockerfile", 2);
	assert_string_equal(find(&r, "runtime", NULL)->evidence, "FROM node:22-alpine AS build");
	at(&r, "existing_investments", "kubernetes_cluster", "k8s/deployment.yaml", 2);
	at(&r, "memory_mb", "256", "k8s/deployment.yaml", 25);
	assert_string_equal(find(&r, "memory_mb", "512")->evidence, "memory: 512Mi");
	at(&r, "scaling_needs", "modest", "k8s/deployment.yaml", 8);
	at(&r, "service_name", "user-api", "k8s/deployment.yaml", 4);
	at(&r, "container_image", "ghcr.io/example/user-api:1.4.0", "k8s/deployment.yaml", 19);
	at(&r, "workload_type", "http_api", "k8s/service.yaml", 2);
	assert_null(find(&r, "state", NULL));
	assert_null(find(&r, "hardware", NULL));

	assert_string_equal(answer(&a, "runtime"), "nodejs22.x");
	assert_string_equal(answer(&a, "memory_mb"), "512"); /* the largest of requests/limits */
	assert_string_equal(answer(&a, "container_port"), "3000");
	assert_string_equal(answer(&a, "team_expertise"), "kubernetes");
	assert_string_equal(answer(&a, "dev_workflow"), "containers");
	assert_string_equal(answer(&a, "workload_type"), "http_api");
	const struct scan_answer *inv = scan_answers_get(&a, "existing_investments");
	assert_non_null(inv);
	assert_int_equal(inv->kind, SCAN_MULTIPLE);
	assert_int_equal(inv->values_count, 1); /* two files said it, listed once */
	/* Files first, then folders, each sorted: */
	assert_int_equal(r.files_seen, 5);
	assert_int_equal(r.files_read, 4);
	assert_false(r.truncated);
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void sls_python(void **state)
{
	struct scan_result r;
	struct scan_answers a;

	scan_fixture("sls-python", &r, &a);
	at(&r, "dev_workflow", "functions", "serverless.yml", 1);
	at(&r, "service_name", "orders", "serverless.yml", 1);
	at(&r, "runtime", "python3.13", "serverless.yml", 7);
	at(&r, "memory_mb", "512", "serverless.yml", 9);
	at(&r, "longest_task", "under_15min", "serverless.yml", 10);
	at(&r, "workload_type", "http_api", "serverless.yml", 16);
	at(&r, "workload_type", "event_processing", "serverless.yml", 23);
	at(&r, "state", "external_state", "serverless.yml", 29);
	at(&r, "existing_investments", "cloud_managed_services", "serverless.yml", 6);
	/* requirements.txt says python too, as a whole-file hint. */
	assert_int_equal(count_q(&r, "runtime"), 2);
	at(&r, "runtime", "python3.13", "serverless.yml", 7);

	/* An HTTP API and a queue: mixed. */
	assert_string_equal(answer(&a, "workload_type"), "mixed");
	assert_string_equal(answer(&a, "runtime"), "python3.13");
	assert_int_equal(scan_answers_get(&a, "runtime")->from->line, 7);
	assert_string_equal(answer(&a, "dev_workflow"), "functions");
	assert_string_equal(answer(&a, "team_expertise"), "serverless");
	assert_string_equal(answer(&a, "state"), "external_state");
	assert_null(scan_answers_get(&a, "container_port"));
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void gpu_training(void **state)
{
	struct scan_result r;
	struct scan_answers a;

	scan_fixture("gpu-training", &r, &a);
	at(&r, "state", "stateful", "k8s/statefulset.yaml", 3);
	at(&r, "hardware", "gpu", "k8s/statefulset.yaml", 22);
	at(&r, "memory_mb", "16384", "k8s/statefulset.yaml", 23);
	at(&r, "hardware", "high_memory", "k8s/statefulset.yaml", 23);
	assert_non_null(find(&r, "state", "stateful"));
	/* volumeClaimTemplates is a second piece of evidence for the same answer. */
	assert_int_equal(count_q(&r, "state"), 2);
	at(&r, "workload_type", "batch_jobs", "k8s/statefulset.yaml", 34);
	at(&r, "longest_task", "over_15min", "k8s/statefulset.yaml", 38);
	at(&r, "runtime", "python3.13", "pyproject.toml", 4);
	/* The storage request is not the memory. */
	assert_null(find(&r, "memory_mb", "102400"));

	assert_string_equal(answer(&a, "state"), "stateful");
	const struct scan_answer *hw = scan_answers_get(&a, "hardware");
	assert_non_null(hw);
	assert_int_equal(hw->values_count, 2);
	assert_string_equal(hw->values[0], "gpu");
	assert_string_equal(hw->values[1], "high_memory");
	assert_string_equal(answer(&a, "longest_task"), "over_15min");
	/* Two workloads in the file: the first name is the service. */
	assert_string_equal(answer(&a, "service_name"), "trainer");
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void compose_app(void **state)
{
	struct scan_result r;
	struct scan_answers a;

	scan_fixture("compose-app", &r, &a);
	at(&r, "state", "external_state", "docker-compose.yml", 13);
	at(&r, "service_count", "few", "docker-compose.yml", 2);
	assert_string_equal(find(&r, "service_count", NULL)->evidence,
			    "4 services (2 of them datastores)");
	at(&r, "runtime", "python3.13", "Dockerfile", 1);
	at(&r, "container_port", "8000", "Dockerfile", 6);
	/* postgres and redis: one finding for the file. */
	assert_int_equal(count_q(&r, "state"), 1);
	assert_string_equal(answer(&a, "state"), "external_state");
	assert_string_equal(answer(&a, "service_count"), "few");
	/* The Dockerfile's runtime outranks requirements.txt's. */
	assert_string_equal(scan_answers_get(&a, "runtime")->from->file, "Dockerfile");
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void empty_repo(void **state)
{
	struct scan_result r;
	struct scan_answers a;

	scan_fixture("empty", &r, &a);
	assert_int_equal(r.count, 0);
	assert_int_equal(a.count, 0);
	assert_int_equal(r.files_seen, 1);
	assert_int_equal(r.files_read, 0);
	char *t = scan_to_text(&r);
	assert_string_equal(t, "");
	free(t);
	char *j = scan_to_json(&r, &a);
	cJSON *o = cJSON_Parse(j);
	assert_non_null(o);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "findings")), 0);
	assert_true(cJSON_IsObject(cJSON_GetObjectItem(o, "answers")));
	cJSON_Delete(o);
	free(j);
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void missing_dir(void **state)
{
	struct scan_result r;
	char *err = NULL;

	assert_int_equal(scan_dir(FIX "no-such-folder", &r, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "no-such-folder"));
	free(err);
}

static void text_and_json(void **state)
{
	struct scan_result r;
	struct scan_answers a;

	scan_fixture("node-api", &r, &a);
	char *t = scan_to_text(&r);
	assert_non_null(strstr(t, "container_port = 3000  (Dockerfile:11: EXPOSE 3000)\n"));
	assert_non_null(strstr(t, "memory_mb = 512  (k8s/deployment.yaml:27: memory: 512Mi)\n"));
	/* One line per finding. */
	size_t lines = 0;
	for (const char *p = t; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, r.count);
	free(t);

	char *j = scan_to_json(&r, &a);
	cJSON *o = cJSON_Parse(j);
	assert_non_null(o);
	cJSON *f = cJSON_GetObjectItem(o, "findings");
	assert_int_equal((size_t)cJSON_GetArraySize(f), r.count);
	cJSON *first = cJSON_GetArrayItem(f, 0);
	assert_string_equal(cJSON_GetObjectItem(first, "question")->valuestring, "dev_workflow");
	assert_string_equal(cJSON_GetObjectItem(first, "value")->valuestring, "containers");
	assert_string_equal(cJSON_GetObjectItem(first, "file")->valuestring, "Dockerfile");
	assert_int_equal(cJSON_GetObjectItem(first, "line")->valueint, 2);
	assert_true(cJSON_IsString(cJSON_GetObjectItem(first, "evidence")));
	cJSON *ans = cJSON_GetObjectItem(o, "answers");
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(ans, "memory_mb")));
	assert_int_equal(cJSON_GetObjectItem(ans, "memory_mb")->valueint, 512);
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(ans, "existing_investments")));
	assert_string_equal(cJSON_GetObjectItem(ans, "runtime")->valuestring, "nodejs22.x");
	cJSON_Delete(o);
	free(j);
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void sam_template(void **state)
{
	static const char sam[] =
		"AWSTemplateFormatVersion: '2010-09-09'\n"
		"Transform: AWS::Serverless-2016-10-31\n"
		"Globals:\n"
		"  Function:\n"
		"    Timeout: 900\n"
		"    MemorySize: 1024\n"
		"Resources:\n"
		"  Api:\n"
		"    Type: AWS::Serverless::Function\n"
		"    Properties:\n"
		"      Runtime: java21\n"
		"      Events:\n"
		"        Get:\n"
		"          Type: Api\n"
		"        Nightly:\n"
		"          Type: Schedule\n"
		"  Table:\n"
		"    Type: AWS::Serverless::SimpleTable\n";
	struct scan_result r = {0};
	struct scan_answers a;

	scan_text(&r, "infra/template.yaml", sam, strlen(sam));
	at(&r, "longest_task", "under_15min", "infra/template.yaml", 5);
	at(&r, "memory_mb", "1024", "infra/template.yaml", 6);
	at(&r, "dev_workflow", "functions", "infra/template.yaml", 9);
	at(&r, "runtime", "java21", "infra/template.yaml", 11);
	at(&r, "workload_type", "http_api", "infra/template.yaml", 14);
	at(&r, "workload_type", "batch_jobs", "infra/template.yaml", 16);
	at(&r, "state", "external_state", "infra/template.yaml", 18);
	/* The resource's own Type is not an event. */
	assert_int_equal(count_q(&r, "workload_type"), 2);
	scan_merge(&r, &a);
	assert_string_equal(answer(&a, "workload_type"), "mixed");
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void manifests_edge_cases(void **state)
{
	static const char yaml[] =
		"apiVersion: v1\n"
		"kind: ConfigMap\n"
		"metadata:\n"
		"  name: cfg\n"
		"data:\n"
		"  inner.yaml: |\n"
		"    kind: StatefulSet\n"
		"    resources:\n"
		"      limits:\n"
		"        memory: 64Gi\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: {{ .Release.Name }}\n"
		"  annotations:\n"
		"    notes: |\n"
		"      volumeClaimTemplates:\n"
		"      resources:\n"
		"        limits:\n"
		"          memory: 64Gi\n"
		"spec:\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"        - name: a\n"
		"          resources:\n"
		"            limits:\n"
		"              memory: {{ .Values.memory }}\n"
		"              \"nvidia.com/gpu\": \"2\"\n"
		"        - name: b\n"
		"          resources:\n"
		"            requests: {memory: 1Gi}\n"
		"            limits:\n"
		"              memory: 1G   # decimal gigabyte\n"
		"---\n"
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"spec:\n"
		"  maxReplicas: 200\n";
	struct scan_result r = {0};
	struct scan_answers a;

	scan_text(&r, "chart/templates/all.yaml", yaml, strlen(yaml));
	/* Nothing from inside block scalars (the ConfigMap's, the annotation's). */
	assert_null(find(&r, "state", NULL));
	assert_null(find(&r, "memory_mb", "65536"));
	/* Templated values are skipped; quoted keys are read. */
	assert_null(find(&r, "service_name", NULL));
	at(&r, "hardware", "gpu", "chart/templates/all.yaml", 30);
	/* 1G = 1e9 bytes = 953.7 MiB, rounded up. */
	at(&r, "memory_mb", "954", "chart/templates/all.yaml", 35);
	assert_int_equal(count_q(&r, "memory_mb"), 1);
	at(&r, "scaling_needs", "elastic", "chart/templates/all.yaml", 38);
	at(&r, "scaling_needs", "massive", "chart/templates/all.yaml", 40);
	scan_merge(&r, &a);
	assert_string_equal(answer(&a, "scaling_needs"), "massive");
	scan_answers_fini(&a);
	scan_result_fini(&r);
}

static void dockerfile_edge_cases(void **state)
{
	static const char df[] =
		"ARG BASE=python:3.12\n"
		"FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n"
		"RUN go build -o /app \\\n"
		"    ./cmd/app\n"
		"FROM gcr.io/distroless/static-debian12\n"
		"expose 8080/tcp 9090\n"
		"EXPOSE 1234\n";
	static const char templated[] = "FROM ${BASE_IMAGE}\nEXPOSE 99999\n";
	struct scan_result r = {0};

	scan_text(&r, "svc/Dockerfile.prod", df, strlen(df));
	at(&r, "runtime", "provided.al2023", "svc/Dockerfile.prod", 5);
	at(&r, "container_port", "8080", "svc/Dockerfile.prod", 6);
	assert_int_equal(count_q(&r, "container_port"), 1);
	at(&r, "dev_workflow", "containers", "svc/Dockerfile.prod", 1);
	scan_result_fini(&r);

	memset(&r, 0, sizeof r);
	scan_text(&r, "Containerfile", templated, strlen(templated));
	assert_null(find(&r, "runtime", NULL));
	assert_null(find(&r, "container_port", NULL)); /* not a port */
	assert_non_null(find(&r, "dev_workflow", "containers"));
	scan_result_fini(&r);
}

/* Whatever a file holds, evidence is printable ASCII and short. */
static void hostile_text(void **state)
{
	char df[400];
	struct scan_result r = {0};

	memset(df, 'A', sizeof df);
	memcpy(df, "FROM node:22\x1b[31m\x07", 18);
	df[sizeof df - 1] = '\n';
	scan_text(&r, "a\x1b]0;x\x07/Dockerfile", df, sizeof df);
	const struct scan_finding *f = find(&r, "runtime", "nodejs22.x");
	assert_non_null(f);
	for (const char *p = f->evidence; *p; p++)
		assert_true(*p >= 0x20 && *p <= 0x7e);
	for (const char *p = f->file; *p; p++)
		assert_true(*p >= 0x20 && *p <= 0x7e);
	assert_true(strlen(f->evidence) <= 103);
	assert_non_null(strstr(f->evidence, "..."));
	scan_result_fini(&r);

	/* Empty and newline-free inputs. */
	memset(&r, 0, sizeof r);
	scan_text(&r, "Dockerfile", "", 0);
	scan_text(&r, "k.yaml", "kind: Deployment", 16);
	scan_text(&r, "serverless.yml", "\n\n", 2);
	assert_int_equal(r.count, 0);
	scan_result_fini(&r);
}

/* ---- trees built here ---- */

static void put(const char *path, const char *text)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	free(dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void rm_rf(const char *path)
{
	char *cmd = xasprintf("rm -rf '%s'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void limits(void **state)
{
	char tmpl[] = "/tmp/archwise-scan-XXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);
	char *repo = xasprintf("%s/repo", root);
	char *p;
	struct scan_result r;
	char *err = NULL;

	/* Outside the scanned folder: must never be read. */
	p = xasprintf("%s/outside/Dockerfile", root);
	put(p, "FROM node:22\nEXPOSE 1111\n");
	free(p);
	p = xasprintf("%s/skipped/node_modules/x/Dockerfile", repo);
	put(p, "FROM node:22\nEXPOSE 2222\n");
	free(p);
	p = xasprintf("%s/skipped/vendor/Dockerfile", repo);
	put(p, "FROM node:22\nEXPOSE 2223\n");
	free(p);
	p = xasprintf("%s/.git/Dockerfile", repo);
	put(p, "FROM node:22\nEXPOSE 2224\n");
	free(p);
	/* Depth: the 8th folder level is read, the 9th is not. */
	p = xasprintf("%s/d1/d2/d3/d4/d5/d6/d7/d8/Dockerfile", repo);
	put(p, "FROM node:22\nEXPOSE 3008\n");
	free(p);
	p = xasprintf("%s/d1/d2/d3/d4/d5/d6/d7/d8/d9/Dockerfile", repo);
	put(p, "FROM node:22\nEXPOSE 3009\n");
	free(p);
	/* Symlinks (to a file, to a folder) outside the folder are not followed. */
	p = xasprintf("%s/link/Dockerfile", repo);
	char *target = xasprintf("%s/outside/Dockerfile", root);
	put(p, "");
	unlink(p);
	assert_int_equal(symlink(target, p), 0);
	free(p);
	p = xasprintf("%s/linkdir", repo);
	char *tdir = xasprintf("%s/outside", root);
	assert_int_equal(symlink(tdir, p), 0);
	free(p);
	free(tdir);
	free(target);
	/* A FIFO named like a Dockerfile is not opened (it would block). */
	p = xasprintf("%s/fifo/Dockerfile", repo);
	put(p, "");
	unlink(p);
	assert_int_equal(mkfifo(p, 0644), 0);
	free(p);
	/* 1 MiB read per file: an EXPOSE after it is not seen. */
	{
		struct strbuf sb = {0};
		sb_append(&sb, "FROM python:3.13\n");
		while (sb.len < SCAN_MAX_FILE_BYTES + 100)
			sb_append(&sb, "# padding padding padding padding padding padding padding\n");
		sb_append(&sb, "EXPOSE 4444\n");
		char *text = sb_take(&sb);
		p = xasprintf("%s/big/Dockerfile", repo);
		put(p, text);
		free(p);
		free(text);
	}

	assert_int_equal(scan_dir(repo, &r, &err), 0);
	assert_non_null(find(&r, "container_port", "3008"));
	assert_null(find(&r, "container_port", "3009"));
	assert_null(find(&r, "container_port", "1111"));
	assert_null(find(&r, "container_port", "2222"));
	assert_null(find(&r, "container_port", "2223"));
	assert_null(find(&r, "container_port", "2224"));
	assert_null(find(&r, "container_port", "4444"));
	at(&r, "runtime", "python3.13", "big/Dockerfile", 1);
	at(&r, "container_port", "3008", "d1/d2/d3/d4/d5/d6/d7/d8/Dockerfile", 2);
	assert_false(r.truncated);
	scan_result_fini(&r);
	free(repo);

	/* File count: 10,050 files, then a folder sorted after them. */
	repo = xasprintf("%s/many", root);
	mkdir(repo, 0755);
	for (int i = 0; i < SCAN_MAX_FILES + 50; i++) {
		p = xasprintf("%s/f%05d.txt", repo, i);
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		assert_true(fd >= 0);
		close(fd);
		free(p);
	}
	p = xasprintf("%s/zz/Dockerfile", repo);
	put(p, "FROM node:22\nEXPOSE 5555\n");
	free(p);
	assert_int_equal(scan_dir(repo, &r, &err), 0);
	assert_true(r.truncated);
	assert_int_equal(r.files_seen, SCAN_MAX_FILES);
	assert_null(find(&r, "container_port", "5555"));
	scan_result_fini(&r);
	free(repo);

	rm_rf(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(node_api),
		cmocka_unit_test(sls_python),
		cmocka_unit_test(gpu_training),
		cmocka_unit_test(compose_app),
		cmocka_unit_test(empty_repo),
		cmocka_unit_test(missing_dir),
		cmocka_unit_test(text_and_json),
		cmocka_unit_test(sam_template),
		cmocka_unit_test(manifests_edge_cases),
		cmocka_unit_test(dockerfile_edge_cases),
		cmocka_unit_test(hostile_text),
		cmocka_unit_test(limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
