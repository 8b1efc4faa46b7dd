/* test_gen.c: the starter-file generators from resolved inputs. Every YAML
 * file is parsed back with libyaml and inspected by path; JSON with cJSON.
 * Hostile strings must come back as one scalar; outputs are deterministic. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include <yaml.h>
#include "answers.h"
#include "diag.h"
#include "gen.h"
#include "load.h"
#include "util.h"

static void default_input(struct gen_input *in)
{
	memset(in, 0, sizeof(*in));
	in->service = "user-api";
	in->image = "registry.example.com/user-api:1.4.2";
	in->port = 8080;
	in->memory_mb = 512;
	in->requests_per_day = 100000;
	in->avg_duration_ms = 100;
	in->traffic_pattern = "daily_cycle";
	in->longest_task = "under_1s";
	in->workload_type = "http_api";
	in->state = "stateless";
	in->latency_target = "moderate";
	in->runtime = "nodejs22.x";
	in->region = "eu-west-1";
	in->recommendation = "kubernetes";
}

/* ---- parsing helpers ---- */

struct doc {
	yaml_document_t d;
	int documents;   /* how many documents the stream held */
};

static void parse(const char *text, size_t len, struct doc *out)
{
	yaml_parser_t p;
	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	out->documents = 0;
	assert_true(yaml_parser_load(&p, &out->d));
	assert_non_null(yaml_document_get_root_node(&out->d));
	out->documents = 1;
	for (;;) {
		yaml_document_t extra;
		assert_true(yaml_parser_load(&p, &extra));
		bool empty = yaml_document_get_root_node(&extra) == NULL;
		yaml_document_delete(&extra);
		if (empty)
			break;
		out->documents++;
	}
	yaml_parser_delete(&p);
}

static void parse_file(const struct out_bundle *b, const char *path, struct doc *out)
{
	const struct out_file *f = out_bundle_find(b, path);
	if (!f)
		fail_msg("missing %s", path);
	parse(f->data, f->len, out);
	assert_int_equal(out->documents, 1);
}

/* Node at a path of keys / sequence indexes ("0", "1"...), NULL-terminated. */
static yaml_node_t *at(struct doc *doc, ...)
{
	yaml_node_t *n = yaml_document_get_root_node(&doc->d);
	va_list ap;
	va_start(ap, doc);
	const char *key;
	while (n && (key = va_arg(ap, const char *))) {
		yaml_node_t *next = NULL;
		if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
			     pr < n->data.mapping.pairs.top; pr++) {
				yaml_node_t *k = yaml_document_get_node(&doc->d, pr->key);
				if (k->type == YAML_SCALAR_NODE &&
				    strcmp((const char *)k->data.scalar.value, key) == 0)
					next = yaml_document_get_node(&doc->d, pr->value);
			}
		} else if (n->type == YAML_SEQUENCE_NODE) {
			long i = strtol(key, NULL, 10);
			long count = n->data.sequence.items.top - n->data.sequence.items.start;
			if (i >= 0 && i < count)
				next = yaml_document_get_node(&doc->d, n->data.sequence.items.start[i]);
		}
		n = next;
	}
	va_end(ap);
	return n;
}

#define STR(doc, ...) scalar_of(at(doc, __VA_ARGS__, NULL))

static const char *scalar_of(yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

static long count_of(yaml_node_t *n)
{
	if (!n)
		return -1;
	if (n->type == YAML_SEQUENCE_NODE)
		return n->data.sequence.items.top - n->data.sequence.items.start;
	if (n->type == YAML_MAPPING_NODE)
		return n->data.mapping.pairs.top - n->data.mapping.pairs.start;
	return -1;
}

static void generate(const struct gen_input *in, int mask, struct out_bundle *b)
{
	memset(b, 0, sizeof(*b));
	char *err = NULL;
	if (gen_input_check(in, mask, &err) != 0)
		fail_msg("check: %s", err);
	if (gen_targets_input(in, mask, b, &err) != 0)
		fail_msg("generate: %s", err);
	if (gen_readme_input(in, mask, b, &err) != 0)
		fail_msg("readme: %s", err);
}

/* ---- the YAML writer ---- */

static const char *const hostile[] = {
	"\"\n---\nkind: Secret",
	"key: value",
	"# not a comment",
	"{}",
	"[a, b]",
	"- item",
	"*alias",
	"&anchor x",
	"!!python/object:os.system",
	"%YAML 1.1",
	"@at",
	"`tick`",
	"'single'",
	"true", "False", "yes", "NO", "on", "off", "y", "n", "null", "~", "",
	"123", "-1", "0x1F", "0o17", "1e3", ".5", ".inf", "-.Inf", ".NaN", "1_000", "12:30:00",
	"2026-11-26",
	"héllo wörld 日本語 🚀",
	"line1\nline2\n",
	"tab\there",
	"cr\rlf",
	"trailing space ",
	" leading space",
	"...",
	"---",
	"a\\b",
	"${opt:stage, \"dev\"}",
	"\xc2\x85 next-line",
	"\xe2\x80\xa8 line-separator",
};

static void test_yaml_roundtrip_hostile(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct gen_yaml *y = gen_yaml_new();
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "value", hostile[i]);
		gen_yaml_str(y, hostile[i]);   /* as a key too */
		gen_yaml_str(y, "as-key");
		gen_yaml_str(y, "list");
		gen_yaml_seq_start(y);
		gen_yaml_quoted(y, hostile[i]);
		gen_yaml_int(y, 42);
		gen_yaml_seq_end(y);
		gen_yaml_map_end(y);
		size_t len;
		char *err = NULL;
		char *text = gen_yaml_finish(y, &len, &err);
		gen_yaml_free(y);
		assert_non_null(text);
		assert_int_equal(strlen(text), len);
		struct doc d;
		parse(text, len, &d);
		assert_int_equal(d.documents, 1);
		yaml_node_t *root = yaml_document_get_root_node(&d.d);
		assert_int_equal(root->type, YAML_MAPPING_NODE);
		assert_int_equal(count_of(root), 3);
		yaml_node_t *v = at(&d, "value", NULL);
		assert_non_null(v);
		assert_int_equal(v->type, YAML_SCALAR_NODE);
		assert_string_equal(v->data.scalar.value, hostile[i]);
		/* A plain scalar would be resolved (bool, int, null...) by readers. */
		if (strcmp(hostile[i], "as-key") != 0 && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			fail_msg("%s emitted plain", hostile[i]);
		assert_string_equal(STR(&d, hostile[i]), "as-key");
		assert_string_equal(STR(&d, "list", "0"), hostile[i]);
		yaml_node_t *num = at(&d, "list", "1", NULL);
		assert_string_equal(num->data.scalar.value, "42");
		assert_int_equal(num->data.scalar.style, YAML_PLAIN_SCALAR_STYLE);
		yaml_document_delete(&d.d);
		free(text);
	}
}

static void test_yaml_plain_when_safe(void **state)
{
	(void)state;
	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "apiVersion", "apps/v1");
	gen_yaml_kv_str(y, "path", "/healthz");
	gen_yaml_kv_bool(y, "on", true);
	gen_yaml_map_end(y);
	size_t len;
	char *text = gen_yaml_finish(y, &len, NULL);
	gen_yaml_free(y);
	assert_string_equal(text, "apiVersion: apps/v1\npath: /healthz\n\"on\": true\n");
	y = gen_yaml_new();
	gen_yaml_seq_start(y);
	gen_yaml_str(y, "AWS::Region");
	gen_yaml_str(y, "key:");
	gen_yaml_str(y, "1:20");
	gen_yaml_seq_end(y);
	free(text);
	text = gen_yaml_finish(y, &len, NULL);
	gen_yaml_free(y);
	assert_string_equal(text, "- AWS::Region\n- \"key:\"\n- \"1:20\"\n");
	free(text);
}

static void test_yaml_unbalanced_is_an_error(void **state)
{
	(void)state;
	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_str(y, "k");
	gen_yaml_seq_end(y);   /* wrong: no sequence open */
	char *err = NULL;
	char *text = gen_yaml_finish(y, NULL, &err);
	gen_yaml_free(y);
	if (text) {
		/* libyaml may accept it; then the output must still parse. */
		struct doc d;
		parse(text, strlen(text), &d);
		yaml_document_delete(&d.d);
		free(text);
	} else {
		assert_non_null(err);
		free(err);
	}
}

/* Invalid UTF-8 never reaches a file: the emitter refuses it, and the
 * error is reported, not a half-written document. */
static void test_yaml_invalid_utf8(void **state)
{
	(void)state;
	static const char *const bad[] = {"\xff", "a\xc3", "\xed\xa0\x80", "\xc0\xaf"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gen_yaml *y = gen_yaml_new();
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "k", bad[i]);
		gen_yaml_map_end(y);
		char *err = NULL;
		char *text = gen_yaml_finish(y, NULL, &err);
		gen_yaml_free(y);
		assert_null(text);
		assert_non_null(err);
		assert_non_null(strstr(err, "YAML"));
		free(err);
	}
}

/* ---- checks ---- */

static void test_names_and_images(void **state)
{
	(void)state;
	assert_true(gen_is_dns1123_label("user-api"));
	assert_true(gen_is_dns1123_label("a"));
	assert_true(gen_is_dns1123_label("1api"));
	assert_false(gen_is_dns1123_label(""));
	assert_false(gen_is_dns1123_label("-api"));
	assert_false(gen_is_dns1123_label("api-"));
	assert_false(gen_is_dns1123_label("User-Api"));
	assert_false(gen_is_dns1123_label("user_api"));
	assert_false(gen_is_dns1123_label("user.api"));
	assert_false(gen_is_dns1123_label("a\nkind: Secret"));
	assert_true(gen_is_dns1123_label("a123456789012345678901234567890123456789012345678901234567890bc"));
	assert_false(gen_is_dns1123_label("a123456789012345678901234567890123456789012345678901234567890bcd"));

	assert_true(gen_image_is_pinned("nginx:1.27.2"));
	assert_true(gen_image_is_pinned("registry:5000/team/app:v2"));
	assert_true(gen_image_is_pinned("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
	assert_false(gen_image_is_pinned("nginx"));
	assert_false(gen_image_is_pinned("nginx:latest"));
	assert_false(gen_image_is_pinned("registry:5000/app"));
	assert_false(gen_image_is_pinned("app@sha256:short"));
	assert_false(gen_image_is_pinned("app:1.0 $(rm -rf /)"));
	assert_false(gen_image_is_pinned("app:1\n---\nkind: Secret"));
	assert_false(gen_image_is_pinned(""));
}

static void test_input_check(void **state)
{
	(void)state;
	struct gen_input in;
	char *err = NULL;
	default_input(&in);
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), 0);

	in.service = "Bad Name";
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), -1);
	assert_non_null(strstr(err, answers_service_name_rule()));
	free(err);
	/* The questionnaire's bounds: 49 characters pass, 50 do not. */
	in.service = "a234567890123456789012345678901234567890123456789";
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), 0);
	in.service = "a2345678901234567890123456789012345678901234567890";
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), -1);
	free(err);
	in.service = "9lives";   /* a label, but not a Service name */
	assert_int_equal(gen_input_check(&in, GEN_SERVERLESS, &err), -1);
	free(err);

	default_input(&in);
	in.image = "registry.example.com/user-api:latest";
	assert_int_equal(gen_input_check(&in, GEN_KUBERNETES, &err), -1);
	assert_non_null(strstr(err, "container_image must have a pinned tag") ||
			strstr(err, "must have a pinned tag"));
	free(err);
	/* Serverless alone does not use the image. */
	assert_int_equal(gen_input_check(&in, GEN_SERVERLESS, &err), 0);

	default_input(&in);
	in.region = "eu west 1";
	assert_int_equal(gen_input_check(&in, GEN_FARGATE, &err), -1);
	free(err);
	assert_int_equal(gen_input_check(&in, GEN_KUBERNETES, &err), 0);
	in.region = "us-gov-west-1";
	assert_int_equal(gen_input_check(&in, GEN_FARGATE, &err), 0);

	default_input(&in);
	in.runtime = "ruby3.3";
	assert_int_equal(gen_input_check(&in, GEN_SERVERLESS, &err), -1);
	free(err);

	/* Knative's reserved ports: refused when the Knative file is asked. */
	static const unsigned reserved[] = {8008, 8012, 8013, 8022, 9090, 9091};
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		default_input(&in);
		in.port = reserved[i];
		assert_true(gen_knative_reserved_port(in.port));
		assert_int_equal(gen_input_check(&in, GEN_ALL, &err), -1);
		assert_non_null(strstr(err, "reserved by Knative Serving"));
		free(err);
		assert_int_equal(gen_input_check(&in, GEN_KUBERNETES | GEN_FARGATE, &err), 0);
	}
	assert_false(gen_knative_reserved_port(8080));
	assert_false(gen_knative_reserved_port(9092));

	/* A size no node holds is refused with the reason. */
	default_input(&in);
	in.memory_mb = 1048576;
	assert_int_equal(gen_input_check(&in, GEN_KUBERNETES, &err), -1);
	assert_non_null(strstr(err, "allocatable"));
	free(err);
	assert_int_equal(gen_input_check(&in, GEN_SERVERLESS, &err), 0);
}

static void test_names_rule_and_short_names(void **state)
{
	(void)state;
	/* The rule: the questionnaire's pattern, max_length and pattern_help
	 * say what answers_service_name_ok does. */
	struct model m;
	struct diag_list diags = {0};
	struct load_sources src = {0};
	assert_int_equal(load_model(&src, &m, &diags), 0);
	int qi = model_question_index(&m, "service_name");
	assert_true(qi >= 0);
	const struct question *q = model_question(&m, (size_t)qi);
	assert_non_null(q->pattern_help);
	char help[512];
	snprintf(help, sizeof(help), "%s", q->pattern_help);
	assert_string_equal(help, answers_service_name_rule());
	static const char *const names[] = {
		"user-api", "a", "a1", "1api", "-api", "api-", "User-Api", "user_api", "a--b", "",
		"a234567890123456789012345678901234567890123456789",
		"a2345678901234567890123456789012345678901234567890",
		"abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz-abcdefghij",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *problem = answers_text_problem(q, names[i]);
		bool questionnaire_ok = problem == NULL && names[i][0] != '\0';
		if (!answers_service_name_ok(names[i]) != !questionnaire_ok)
			fail_msg("'%s': questionnaire %d, rule %d", names[i], questionnaire_ok,
				 answers_service_name_ok(names[i]));
		free(problem);
	}
	char *problem = answers_text_problem(q, "9lives");
	assert_non_null(strstr(problem, answers_service_name_rule()));
	free(problem);
	diag_list_fini(&diags);
	model_free(&m);

	/* Shortened names: unchanged when they fit; else within the limit,
	 * deterministic, distinct for distinct names, no '-' before the hash. */
	char *s = gen_short_name("orders", 20);
	assert_string_equal(s, "orders");
	free(s);
	char *a = gen_short_name("image-embedding-inference-worker", 20);
	char *b = gen_short_name("image-embedding-inference-worker", 20);
	char *c = gen_short_name("image-embedding-inference-workers", 20);
	assert_int_equal(strlen(a), 20);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_memory_equal(a, "image-embedding-inference-worker", 13);
	assert_true(a[13] == '-');
	char *d = gen_short_name("abcdefghijkl-nopqrstu", 14);   /* cut right after a '-' */
	assert_true(strlen(d) <= 14);
	assert_null(strstr(d, "--"));
	free(a);
	free(b);
	free(c);
	free(d);
}

static void test_cpu_and_gpu(void **state)
{
	(void)state;
	struct gen_input in;
	struct gen_cpu c;
	char *err = NULL;
	default_input(&in);
	in.memory_mb = 65536;   /* 64 GiB: 16 vCPU, not 37 */
	assert_int_equal(gen_cpu_size(&in, &c, &err), 0);
	assert_int_equal(c.request, 16000);
	assert_int_equal(c.limit, 32000);
	in.high_cpu = true;
	assert_int_equal(gen_cpu_size(&in, &c, &err), 0);
	assert_int_equal(c.request, 32000);
	assert_int_equal(c.limit, GEN_NODE_ALLOC_MILLICPU);
	in.memory_mb = 200000;
	assert_int_equal(gen_cpu_size(&in, &c, &err), 0);
	assert_int_equal(c.request, GEN_NODE_ALLOC_MILLICPU);
	in.memory_mb = 128;
	in.high_cpu = false;
	assert_int_equal(gen_cpu_size(&in, &c, &err), 0);
	assert_int_equal(c.request, 100);

	/* GPU: the limit and the pool's selector and toleration, in the
	 * Deployment, the CronJob and the Knative revision. */
	default_input(&in);
	in.gpu = true;
	in.memory_mb = 16384;
	struct out_bundle b = {0};
	generate(&in, GEN_KUBERNETES | GEN_KNATIVE, &b);
	struct doc d;
	parse_file(&b, "kubernetes/deployment.yaml", &d);
	yaml_node_t *pod = at(&d, "spec", "template", "spec", NULL);
	assert_non_null(pod);
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "containers", "0", "resources",
					 "limits", "nvidia.com/gpu", NULL)), "1");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "nodeSelector",
					 "nvidia.com/gpu.present", NULL)), "true");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "tolerations", "0", "key", NULL)),
			    "nvidia.com/gpu");
	yaml_document_delete(&d.d);
	parse_file(&b, "knative/service.yaml", &d);
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "containers", "0", "resources",
					 "limits", "nvidia.com/gpu", NULL)), "1");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "containers", "0", "resources",
					 "requests", "cpu", NULL)), "4000m");
	assert_non_null(at(&d, "spec", "template", "spec", "tolerations", "0", NULL));
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	in.workload_type = "batch_jobs";
	in.longest_task = "over_15min";
	generate(&in, GEN_KUBERNETES, &b);
	parse_file(&b, "kubernetes/cronjob.yaml", &d);
	assert_string_equal(scalar_of(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers",
					 "0", "resources", "limits", "nvidia.com/gpu", NULL)), "1");
	assert_non_null(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "nodeSelector", NULL));
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	/* No GPU: none of it. */
	default_input(&in);
	generate(&in, GEN_KUBERNETES, &b);
	parse_file(&b, "kubernetes/deployment.yaml", &d);
	assert_null(at(&d, "spec", "template", "spec", "nodeSelector", NULL));
	assert_null(at(&d, "spec", "template", "spec", "containers", "0", "resources", "limits",
		       "nvidia.com/gpu", NULL));
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

static void test_aws_names_and_modes(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.service = "image-embedding-inference-worker-for-catalogue-x";   /* 48 */
	in.region = "ap-southeast-2";
	in.workload_type = "mixed";
	in.runtime = "provided.al2023";
	struct out_bundle b = {0};
	generate(&in, GEN_SERVERLESS, &b);
	struct doc d;
	parse_file(&b, "serverless/serverless.yml", &d);
	const char *role = scalar_of(at(&d, "provider", "iam", "role", "name", NULL));
	assert_non_null(role);
	/* With the longest stage the README allows, within 64. */
	assert_non_null(strstr(role, "-${sls:stage}-ap-southeast-2-lambdaRole"));
	assert_true(strlen(role) - strlen("${sls:stage}") + GEN_SLS_STAGE_MAX <= 64);
	static const char *const fns[] = {"api", "worker"};
	for (size_t i = 0; i < 2; i++) {
		const char *name = scalar_of(at(&d, "functions", fns[i], "name", NULL));
		assert_non_null(name);
		assert_true(strlen(name) - strlen("${sls:stage}") + GEN_SLS_STAGE_MAX <= 64);
	}
	yaml_document_delete(&d.d);
	const struct out_file *boot = out_bundle_find(&b, "serverless/bootstrap");
	assert_non_null(boot);
	assert_true(boot->executable);
	assert_false(out_bundle_find(&b, "serverless/serverless.yml")->executable);
	out_bundle_fini(&b);

	/* A short name keeps the framework's own names. */
	default_input(&in);
	generate(&in, GEN_SERVERLESS, &b);
	parse_file(&b, "serverless/serverless.yml", &d);
	assert_null(at(&d, "provider", "iam", "role", "name", NULL));
	assert_null(at(&d, "functions", "api", "name", NULL));
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	/* Fargate batch: no port mapping, no HTTP health check. */
	default_input(&in);
	in.workload_type = "batch_jobs";
	in.longest_task = "over_15min";
	generate(&in, GEN_FARGATE, &b);
	const struct out_file *td = out_bundle_find(&b, "fargate/task-definition.json");
	cJSON *root = cJSON_Parse(td->data);
	cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "containerDefinitions"), 0);
	assert_null(cJSON_GetObjectItem(c, "portMappings"));
	assert_null(cJSON_GetObjectItem(c, "healthCheck"));
	cJSON_Delete(root);
	out_bundle_fini(&b);
}

static void test_other_clouds(void **state)
{
	(void)state;
	struct gen_input in;
	struct out_bundle b = {0};
	struct doc d;
	/* "all" follows the provider. */
	default_input(&in);
	assert_int_equal(gen_resolve_targets(&in, GEN_ALL), GEN_ALL | GEN_AUTO);
	in.provider = "gcp";
	assert_int_equal(gen_resolve_targets(&in, GEN_ALL),
			 GEN_KUBERNETES | GEN_KNATIVE | GEN_SERVERLESS | GEN_CLOUDRUN | GEN_AUTO);
	assert_int_equal(gen_resolve_targets(&in, GEN_FARGATE), GEN_FARGATE);   /* asked by name */
	in.provider = "azure";
	assert_int_equal(gen_resolve_targets(&in, GEN_ALL),
			 GEN_KUBERNETES | GEN_KNATIVE | GEN_SERVERLESS | GEN_CONTAINERAPPS | GEN_AUTO);
	assert_int_equal(gen_target_parse("cloudrun,containerapps"), GEN_CLOUDRUN | GEN_CONTAINERAPPS);

	/* Cloud Run: a valid pair for every memory up to 32 GiB, GPU rules. */
	default_input(&in);
	in.provider = "gcp";
	for (unsigned m = 64; m <= 32768; m += 64) {
		unsigned cpu, mem;
		in.memory_mb = m;
		in.gpu = m % 128 == 0;
		if (gen_cloudrun_size(&in, &cpu, &mem) != 0)
			fail_msg("%u MiB: no Cloud Run size", m);
		assert_true(gen_cloudrun_pair_valid(cpu, mem, in.gpu));
		assert_true(mem >= m);
	}
	in.memory_mb = 32769;
	unsigned cpu, mem;
	assert_int_equal(gen_cloudrun_size(&in, &cpu, &mem), -1);
	char *err = NULL;
	assert_int_equal(gen_input_check(&in, GEN_CLOUDRUN, &err), -1);
	free(err);
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), 0);   /* left out under all */
	assert_false(gen_cloudrun_pair_valid(2, 16384, true));
	assert_false(gen_cloudrun_pair_valid(4, 1024, false));
	assert_false(gen_cloudrun_pair_valid(3, 4096, false));

	in.memory_mb = 8192;
	in.gpu = true;
	in.latency_target = "strict";
	generate(&in, GEN_CLOUDRUN, &b);
	parse_file(&b, "cloudrun/service.yaml", &d);
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "nodeSelector",
					 "run.googleapis.com/accelerator", NULL)), "nvidia-l4");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "containers", "0", "resources",
					 "limits", "cpu", NULL)), "4");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "spec", "containers", "0", "resources",
					 "limits", "memory", NULL)), "16384Mi");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "metadata", "annotations",
					 "run.googleapis.com/cpu-throttling", NULL)), "false");
	assert_string_equal(scalar_of(at(&d, "spec", "template", "metadata", "annotations",
					 "autoscaling.knative.dev/minScale", NULL)), "1");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	/* Container Apps: consumption pairs, the 32-character name. */
	default_input(&in);
	in.provider = "azure";
	for (unsigned m = 64; m <= 8192; m += 64) {
		unsigned c, mm;
		in.memory_mb = m;
		if (gen_containerapps_size(&in, &c, &mm) != 0)
			fail_msg("%u MiB: no Container Apps size", m);
		assert_true(gen_containerapps_pair_valid(c, mm, false));
		assert_true(mm >= m);
	}
	in.memory_mb = 8193;
	assert_int_equal(gen_containerapps_size(&in, &cpu, &mem), -1);
	in.gpu = true;
	assert_int_equal(gen_containerapps_size(&in, &cpu, &mem), 0);
	assert_true(gen_containerapps_pair_valid(cpu, mem, true));
	assert_false(gen_containerapps_pair_valid(50, 2048, false));
	assert_true(gen_containerapps_pair_valid(50, 1024, false));

	default_input(&in);
	in.provider = "azure";
	in.service = "invoice-ocr-and-ledger-reconciliation-qx";
	in.workload_type = "event_processing";
	in.runtime = "python3.13";
	generate(&in, GEN_ALL, &b);
	assert_null(out_bundle_find(&b, "serverless/serverless.yml"));
	assert_null(out_bundle_find(&b, "fargate/task-definition.json"));
	assert_non_null(out_bundle_find(&b, "functions/host.json"));
	assert_non_null(out_bundle_find(&b, "functions/worker/function.json"));
	assert_non_null(out_bundle_find(&b, "functions/worker/__init__.py"));
	parse_file(&b, "containerapps/app.yaml", &d);
	const char *name = scalar_of(at(&d, "name", NULL));
	assert_true(strlen(name) <= GEN_ACA_NAME_MAX);
	assert_string_equal(scalar_of(at(&d, "properties", "template", "scale", "rules", "0", "custom",
					 "type", NULL)), "azure-servicebus");
	assert_string_equal(scalar_of(at(&d, "properties", "configuration", "ingress", "external", NULL)),
			    "false");
	yaml_document_delete(&d.d);
	const struct out_file *readme = out_bundle_find(&b, "README.md");
	assert_non_null(strstr(readme->data, "az containerapp create"));
	assert_non_null(strstr(readme->data, "func azure functionapp publish"));
	out_bundle_fini(&b);

	in.service = "a--b";
	char *aca = gen_containerapps_name(&in);
	assert_null(strstr(aca, "--"));
	assert_true(strncmp(aca, "a-b-", 4) == 0 && strlen(aca) == 10);
	free(aca);
	in.service = "abcdefghijklmnopqrstuvwxyz-abcdefghijklmnop--qrstuvw";
	aca = gen_containerapps_name(&in);
	assert_null(strstr(aca, "--"));
	assert_true(strlen(aca) <= GEN_ACA_NAME_MAX);
	free(aca);
	in.service = "orders";
	aca = gen_containerapps_name(&in);
	assert_string_equal(aca, "orders");
	free(aca);

	/* A batch job on Azure is a Container Apps job; GCP functions by runtime. */
	in.workload_type = "batch_jobs";
	in.longest_task = "under_15min";
	generate(&in, GEN_CONTAINERAPPS, &b);
	parse_file(&b, "containerapps/job.yaml", &d);
	assert_string_equal(scalar_of(at(&d, "properties", "configuration", "triggerType", NULL)), "Schedule");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
	static const struct { const char *runtime, *file; } gcp[] = {
		{"nodejs22.x", "functions/index.js"}, {"python3.13", "functions/main.py"},
		{"java21", "functions/src/main/java/com/example/Api.java"},
		{"provided.al2023", "functions/function.go"},
	};
	for (size_t i = 0; i < sizeof(gcp) / sizeof(gcp[0]); i++) {
		default_input(&in);
		in.provider = "gcp";
		in.runtime = gcp[i].runtime;
		generate(&in, GEN_SERVERLESS, &b);
		assert_non_null(out_bundle_find(&b, gcp[i].file));
		assert_null(out_bundle_find(&b, "serverless/serverless.yml"));
		out_bundle_fini(&b);
	}
	/* Go refuses unused imports: a job alone still uses encoding/json and log. */
	default_input(&in);
	in.provider = "gcp";
	in.runtime = "provided.al2023";
	in.workload_type = "batch_jobs";
	generate(&in, GEN_SERVERLESS, &b);
	const struct out_file *go = out_bundle_find(&b, "functions/function.go");
	assert_non_null(strstr(go->data, "var _ = json.Valid"));
	assert_null(strstr(go->data, "var _ = log.Print"));
	out_bundle_fini(&b);
	/* Azure custom handlers: the Consumption plan (Flex runs none). */
	default_input(&in);
	in.provider = "azure";
	in.runtime = "java21";
	generate(&in, GEN_SERVERLESS, &b);
	readme = out_bundle_find(&b, "README.md");
	assert_non_null(strstr(readme->data, "--consumption-plan-location"));
	assert_non_null(out_bundle_find(&b, "functions/Handler.java"));
	out_bundle_fini(&b);
}

static void test_netpol_egress(void **state)
{
	(void)state;
	static const struct {
		const char *workload, *state;
		bool https;
	} cases[] = {
		{"http_api", "stateless", false}, {"http_api", "external_state", true},
		{"event_processing", "stateless", true}, {"batch_jobs", "stateless", true},
		{"streaming", "stateless", true}, {"mixed", "stateless", true},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gen_input in;
		default_input(&in);
		in.workload_type = cases[i].workload;
		in.state = cases[i].state;
		struct out_bundle b = {0};
		generate(&in, GEN_KUBERNETES, &b);
		const struct out_file *f = out_bundle_find(&b, "kubernetes/networkpolicy.yaml");
		assert_non_null(f);
		assert_true(strncmp(f->data, "# ", 2) == 0);   /* says what to narrow */
		struct doc d;
		parse_file(&b, "kubernetes/networkpolicy.yaml", &d);
		yaml_node_t *rule = at(&d, "spec", "egress", "1", NULL);
		if (cases[i].https) {
			assert_non_null(rule);
			assert_string_equal(scalar_of(at(&d, "spec", "egress", "1", "ports", "0", "port", NULL)),
					    "443");
			assert_non_null(strstr(f->data, "Narrow it"));
		} else {
			assert_null(rule);
		}
		yaml_document_delete(&d.d);
		out_bundle_fini(&b);
	}
	/* A StatefulSet's members reach each other on the container port. */
	struct gen_input in;
	default_input(&in);
	in.state = "stateful";
	struct out_bundle b = {0};
	generate(&in, GEN_KUBERNETES, &b);
	struct doc d;
	parse_file(&b, "kubernetes/networkpolicy.yaml", &d);
	assert_non_null(at(&d, "spec", "egress", "1", "to", "0", "podSelector", NULL));
	assert_string_equal(scalar_of(at(&d, "spec", "egress", "1", "ports", "0", "port", NULL)), "8080");
	assert_non_null(at(&d, "spec", "ingress", "1", "from", "0", "podSelector", NULL));
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

static void test_target_parse(void **state)
{
	(void)state;
	assert_int_equal(gen_target_parse("all"), GEN_ALL);
	assert_int_equal(gen_target_parse("kubernetes"), GEN_KUBERNETES);
	assert_int_equal(gen_target_parse("knative,fargate"), GEN_KNATIVE | GEN_FARGATE);
	assert_int_equal(gen_target_parse("serverless"), GEN_SERVERLESS);
	assert_int_equal(gen_target_parse("k8s"), -1);
	assert_int_equal(gen_target_parse("kubernetes,"), -1);
	assert_int_equal(gen_target_parse(""), -1);
}

/* ---- sizing ---- */

static void test_scale(void **state)
{
	(void)state;
	struct gen_input in;
	struct gen_scale sc;
	default_input(&in);
	gen_scale_compute(&in, &sc);
	/* 100000/day = 1.157 req/s, x3 = 3.47 peak; a pod: 10 x 1000/100 = 100 req/s. */
	assert_true(fabs(sc.peak_rps - 100000.0 / 86400 * 3) < 1e-9);
	assert_true(fabs(sc.pod_rps - 100.0) < 1e-9);
	assert_int_equal(sc.min_replicas, 2);
	assert_int_equal(sc.max_replicas, 4);

	in.requests_per_day = 50e6;
	in.traffic_pattern = "steady";
	in.avg_duration_ms = 200;
	gen_scale_compute(&in, &sc);
	/* 578.7 req/s average, 868 peak; a pod 50 req/s at 70% = 35. */
	assert_int_equal(sc.min_replicas, 17);
	assert_int_equal(sc.max_replicas, 34);   /* 2 x min beats ceil(868/35) = 25 */

	in.traffic_pattern = "sporadic";
	gen_scale_compute(&in, &sc);
	assert_int_equal(sc.max_replicas, 100);  /* 166 capped */

	default_input(&in);
	in.latency_target = "strict";
	gen_scale_compute(&in, &sc);
	assert_int_equal(sc.min_replicas, 3);
	assert_int_equal(sc.max_replicas, 6);
}

static void test_fargate_sizes(void **state)
{
	(void)state;
	unsigned cpu, mem;
	assert_int_equal(gen_fargate_size(128, false, &cpu, &mem), 0);
	assert_int_equal(cpu, 256);
	assert_int_equal(mem, 512);
	assert_int_equal(gen_fargate_size(512, false, &cpu, &mem), 0);
	assert_int_equal(cpu, 256);
	assert_int_equal(mem, 1024);
	assert_int_equal(gen_fargate_size(512, true, &cpu, &mem), 0);
	assert_int_equal(cpu, 1024);
	assert_int_equal(mem, 2048);
	assert_int_equal(gen_fargate_size(3500, false, &cpu, &mem), 0);
	assert_int_equal(cpu, 1024);
	assert_int_equal(mem, 5120);
	assert_int_equal(gen_fargate_size(40000, false, &cpu, &mem), 0);
	assert_int_equal(cpu, 8192);
	assert_int_equal(mem, 53248);
	assert_int_equal(gen_fargate_size(98304, false, &cpu, &mem), 0);
	assert_int_equal(cpu, 16384);
	assert_int_equal(mem, 122880);
	assert_int_equal(gen_fargate_size(98305, false, &cpu, &mem), -1);

	assert_true(gen_fargate_pair_valid(256, 2048));
	assert_false(gen_fargate_pair_valid(256, 1536));
	assert_false(gen_fargate_pair_valid(512, 512));
	assert_true(gen_fargate_pair_valid(4096, 30720));
	assert_false(gen_fargate_pair_valid(4096, 31744));
	assert_false(gen_fargate_pair_valid(8192, 17408));
	assert_true(gen_fargate_pair_valid(8192, 20480));
	assert_false(gen_fargate_pair_valid(16384, 36864));
	assert_false(gen_fargate_pair_valid(300, 1024));

	/* Every memory: a valid pair, with headroom, and the smallest cpu that has one. */
	for (unsigned m = 64; m <= 98304; m += 64) {
		assert_int_equal(gen_fargate_size(m, false, &cpu, &mem), 0);
		assert_true(gen_fargate_pair_valid(cpu, mem));
		assert_true(mem * 4 >= m * 5);
		for (unsigned c = 256; c < cpu; c *= 2)
			for (unsigned mm = 512; mm <= 122880; mm += 512)
				if (gen_fargate_pair_valid(c, mm) && mm * 4 >= m * 5)
					fail_msg("%u MiB: %u/%u chosen, %u/%u smaller", m, cpu, mem, c, mm);
	}
}

/* The smallest and largest memory every generator takes, and the steps of
 * the CPU rule between: one vCPU per 4096 MB (per 2048 with high_cpu),
 * rounded up to 10m, at least 100m (250m with high_cpu), limit twice the
 * request, both at most the 63,600m a 64-vCPU node leaves allocatable.
 * Lambda's memorySize is clamped to 128..10240. Worked by hand:
 *     64 MB:    15.6 -> 20m   -> floor 100m
 *    128 MB high_cpu: 62.5 -> 70m -> floor 250m
 *   4096 MB: 1000 exactly -> 1000m
 *   4097 MB: 1000.2 -> 1010m
 *  10240 MB: 2500m
 *  65536 MB high_cpu: 32000m, limit capped at 63600m
 * 247808 MB (242 GiB, the most a node leaves): 60500m, limit 63600m.
 * One MB more is refused (test_input_check). */
static void test_memory_bounds_every_generator(void **state)
{
	(void)state;
	static const struct {
		unsigned mb;
		bool high_cpu;
		const char *request, *limit, *lambda;
	} cases[] = {
		{ 64, false, "100m", "200m", "128" },
		{ 128, false, "100m", "200m", "128" },
		{ 128, true, "250m", "500m", "128" },
		{ 4096, false, "1000m", "2000m", "4096" },
		{ 4097, false, "1010m", "2020m", "4097" },
		{ 10240, false, "2500m", "5000m", "10240" },
		{ 10241, false, "2510m", "5020m", "10240" },   /* 2500.2 -> 2510 */
		{ 65536, true, "32000m", "63600m", "10240" },
		{ 247808, false, "60500m", "63600m", "10240" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gen_input in;
		default_input(&in);
		in.memory_mb = cases[i].mb;
		in.high_cpu = cases[i].high_cpu;
		char mem[32];
		snprintf(mem, sizeof(mem), "%uMi", cases[i].mb);
		struct out_bundle b;
		generate(&in, GEN_KUBERNETES | GEN_KNATIVE | GEN_SERVERLESS, &b);
		struct doc d;
		parse_file(&b, "kubernetes/deployment.yaml", &d);
#define R(...) STR(&d, "spec", "template", "spec", "containers", "0", "resources", __VA_ARGS__)
		if (strcmp(R("requests", "cpu"), cases[i].request) != 0 ||
		    strcmp(R("limits", "cpu"), cases[i].limit) != 0)
			fail_msg("%u MB%s: cpu %s/%s, want %s/%s", cases[i].mb,
				 cases[i].high_cpu ? " high_cpu" : "", R("requests", "cpu"),
				 R("limits", "cpu"), cases[i].request, cases[i].limit);
		assert_string_equal(R("requests", "memory"), mem);
		assert_string_equal(R("limits", "memory"), mem);
		yaml_document_delete(&d.d);
		parse_file(&b, "knative/service.yaml", &d);
		assert_string_equal(R("requests", "memory"), mem);
		assert_string_equal(R("limits", "memory"), mem);
		assert_string_equal(R("requests", "cpu"), cases[i].request);   /* no CPU limit */
		assert_null(at(&d, "spec", "template", "spec", "containers", "0", "resources", "limits", "cpu", NULL));
#undef R
		yaml_document_delete(&d.d);
		parse_file(&b, "serverless/serverless.yml", &d);
		assert_string_equal(STR(&d, "provider", "memorySize"), cases[i].lambda);
		yaml_document_delete(&d.d);
		out_bundle_fini(&b);
	}
}

/* ---- whole manifests against a written spec ---- */

/* Every scalar of a document as "path = value", the path the keys and
 * sequence indexes from the root separated by spaces; an empty mapping or
 * sequence as {} or []. */
static void flatten(struct doc *doc, yaml_node_t *n, const char *path, char ***out, size_t *count)
{
	if (n->type == YAML_SCALAR_NODE ||
	    (n->type == YAML_MAPPING_NODE && n->data.mapping.pairs.top == n->data.mapping.pairs.start) ||
	    (n->type == YAML_SEQUENCE_NODE && n->data.sequence.items.top == n->data.sequence.items.start)) {
		const char *v = n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
			      : n->type == YAML_MAPPING_NODE ? "{}" : "[]";
		*out = xrealloc(*out, (*count + 1) * sizeof(**out));
		(*out)[(*count)++] = xasprintf("%s = %s", path, v);
		return;
	}
	if (n->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
			yaml_node_t *k = yaml_document_get_node(&doc->d, pr->key);
			char *p = xasprintf("%s%s%s", path, *path ? " " : "", (const char *)k->data.scalar.value);
			flatten(doc, yaml_document_get_node(&doc->d, pr->value), p, out, count);
			free(p);
		}
		return;
	}
	long i = 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++, i++) {
		char *p = xasprintf("%s%s%ld", path, *path ? " " : "", i);
		flatten(doc, yaml_document_get_node(&doc->d, *it), p, out, count);
		free(p);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file at path holds exactly the fields of spec (NULL-terminated), in
 * any order: none missing, none more, every value as written. */
static void check_spec(const struct out_bundle *b, const char *path, const char *const *spec)
{
	struct doc d;
	parse_file(b, path, &d);
	char **got = NULL;
	size_t n = 0, m = 0;
	flatten(&d, yaml_document_get_root_node(&d.d), "", &got, &n);
	yaml_document_delete(&d.d);
	while (spec[m])
		m++;
	const char **want = xcalloc(m ? m : 1, sizeof(*want));
	memcpy(want, spec, m * sizeof(*want));
	qsort(got, n, sizeof(*got), cmp_str);
	qsort(want, m, sizeof(*want), cmp_str);
	size_t i = 0, j = 0, bad = 0;
	while (i < n || j < m) {
		int c = i == n ? 1 : j == m ? -1 : strcmp(got[i], want[j]);
		if (c < 0)
			fprintf(stderr, "%s: unexpected   %s\n", path, got[i++]), bad++;
		else if (c > 0)
			fprintf(stderr, "%s: missing      %s\n", path, want[j++]), bad++;
		else
			i++, j++;
	}
	for (i = 0; i < n; i++)
		free(got[i]);
	free(got);
	free(want);
	if (bad)
		fail_msg("%s: %zu fields differ from the spec", path, bad);
}

#define LABELS(p)                                                          \
	p " app.kubernetes.io/name = user-api",                            \
	p " app.kubernetes.io/instance = user-api",                        \
	p " app.kubernetes.io/version = 1.4.2", /* the image's tag */      \
	p " app.kubernetes.io/component = api", /* http_api */             \
	p " app.kubernetes.io/part-of = user-api",                         \
	p " app.kubernetes.io/managed-by = archwise"
#define SELECTOR(p)                                                        \
	p " app.kubernetes.io/name = user-api",                            \
	p " app.kubernetes.io/instance = user-api"
#define META(kind_, api)                                                   \
	"apiVersion = " api, "kind = " kind_, "metadata name = user-api",  \
	"metadata namespace = user-api", LABELS("metadata labels")
#define HARDENED(c)                                                        \
	c " securityContext allowPrivilegeEscalation = false",             \
	c " securityContext readOnlyRootFilesystem = true",                \
	c " securityContext runAsNonRoot = true",                          \
	c " securityContext runAsUser = 10001",                            \
	c " securityContext runAsGroup = 10001",                           \
	c " securityContext capabilities drop 0 = ALL",                    \
	c " securityContext seccompProfile type = RuntimeDefault",         \
	c " volumeMounts 0 name = tmp", c " volumeMounts 0 mountPath = /tmp"

/* A small, latency-critical HTTP API: 128 MB, spiky traffic of 2,000,000
 * requests a day at 50 ms, strict latency. Worked by hand:
 *   CPU: 128 x 1000 / 1769 = 72.4 -> 80m, under the floor: 100m, limit 200m;
 *   replicas: 23.1 req/s on average, x6 (spiky) = 138.9 at peak; a pod takes
 *   10 x 1000 / 50 = 200 req/s, 140 at 70%: ceil(23.1/140) = 1 -> at least
 *   2, strict -> 3; ceil(138.9/140) = 1 -> at least 2 x 3 = 6;
 *   Knative: one warm instance (strict), at most 6, target 10 in flight,
 *   hard limit 20; requests under 1 s -> a 30 s timeout. */
static void small_strict_input(struct gen_input *in)
{
	default_input(in);
	in->memory_mb = 128;
	in->traffic_pattern = "spiky";
	in->requests_per_day = 2e6;
	in->avg_duration_ms = 50;
	in->latency_target = "strict";
}

static void test_spec_small_strict_api(void **state)
{
	(void)state;
	struct gen_input in;
	small_strict_input(&in);
	struct gen_scale sc;
	gen_scale_compute(&in, &sc);
	assert_int_equal(sc.min_replicas, 3);
	assert_int_equal(sc.max_replicas, 6);
	struct out_bundle b;
	generate(&in, GEN_KUBERNETES | GEN_KNATIVE, &b);

#define POD "spec template spec"
#define C0 POD " containers 0"
	static const char *const deployment[] = {
		META("Deployment", "apps/v1"),
		"spec revisionHistoryLimit = 5",
		SELECTOR("spec selector matchLabels"),
		/* never below the replicas running: one extra during a rollout */
		"spec strategy type = RollingUpdate",
		"spec strategy rollingUpdate maxUnavailable = 0",
		"spec strategy rollingUpdate maxSurge = 1",
		LABELS("spec template metadata labels"),
		POD " serviceAccountName = user-api",
		POD " automountServiceAccountToken = false",
		POD " terminationGracePeriodSeconds = 30",
		POD " securityContext runAsNonRoot = true",
		POD " securityContext runAsUser = 10001",
		POD " securityContext runAsGroup = 10001",
		POD " securityContext fsGroup = 10001",
		POD " securityContext seccompProfile type = RuntimeDefault",
		POD " affinity podAntiAffinity preferredDuringSchedulingIgnoredDuringExecution 0 weight = 100",
		POD " affinity podAntiAffinity preferredDuringSchedulingIgnoredDuringExecution 0 podAffinityTerm "
		    "topologyKey = kubernetes.io/hostname",
		SELECTOR(POD " affinity podAntiAffinity preferredDuringSchedulingIgnoredDuringExecution 0 "
			 "podAffinityTerm labelSelector matchLabels"),
		/* spread over zones, then nodes */
		POD " topologySpreadConstraints 0 maxSkew = 1",
		POD " topologySpreadConstraints 0 topologyKey = topology.kubernetes.io/zone",
		POD " topologySpreadConstraints 0 whenUnsatisfiable = ScheduleAnyway",
		SELECTOR(POD " topologySpreadConstraints 0 labelSelector matchLabels"),
		POD " topologySpreadConstraints 1 maxSkew = 1",
		POD " topologySpreadConstraints 1 topologyKey = kubernetes.io/hostname",
		POD " topologySpreadConstraints 1 whenUnsatisfiable = ScheduleAnyway",
		SELECTOR(POD " topologySpreadConstraints 1 labelSelector matchLabels"),
		C0 " name = user-api",
		C0 " image = registry.example.com/user-api:1.4.2",
		C0 " imagePullPolicy = IfNotPresent",
		C0 " ports 0 name = http",
		C0 " ports 0 containerPort = 8080",
		C0 " ports 0 protocol = TCP",
		C0 " envFrom 0 configMapRef name = user-api-config",
		C0 " resources requests cpu = 100m",
		C0 " resources requests memory = 128Mi",
		C0 " resources requests ephemeral-storage = 128Mi",
		C0 " resources limits cpu = 200m",
		C0 " resources limits memory = 128Mi",
		C0 " resources limits ephemeral-storage = 256Mi",
		C0 " livenessProbe httpGet path = /healthz",
		C0 " livenessProbe httpGet port = http",
		C0 " livenessProbe periodSeconds = 20",
		C0 " livenessProbe timeoutSeconds = 2",
		C0 " livenessProbe failureThreshold = 3",
		C0 " readinessProbe httpGet path = /readyz",
		C0 " readinessProbe httpGet port = http",
		C0 " readinessProbe periodSeconds = 5",
		C0 " readinessProbe timeoutSeconds = 2",
		C0 " readinessProbe failureThreshold = 2",
		HARDENED(C0),
		POD " volumes 0 name = tmp",
		POD " volumes 0 emptyDir sizeLimit = 64Mi",
		NULL,
	};
	check_spec(&b, "kubernetes/deployment.yaml", deployment);

	static const char *const hpa[] = {
		META("HorizontalPodAutoscaler", "autoscaling/v2"),
		"spec scaleTargetRef apiVersion = apps/v1",
		"spec scaleTargetRef kind = Deployment",
		"spec scaleTargetRef name = user-api",
		"spec minReplicas = 3",
		"spec maxReplicas = 6",
		"spec metrics 0 type = Resource",
		"spec metrics 0 resource name = cpu",
		"spec metrics 0 resource target type = Utilization",
		"spec metrics 0 resource target averageUtilization = 70",
		"spec behavior scaleDown stabilizationWindowSeconds = 300",
		NULL,
	};
	check_spec(&b, "kubernetes/hpa.yaml", hpa);

	static const char *const service[] = {
		META("Service", "v1"),
		"spec type = ClusterIP",
		SELECTOR("spec selector"),
		"spec ports 0 name = http",
		"spec ports 0 port = 80",
		"spec ports 0 targetPort = http",
		"spec ports 0 protocol = TCP",
		NULL,
	};
	check_spec(&b, "kubernetes/service.yaml", service);

	static const char *const pdb[] = {
		META("PodDisruptionBudget", "policy/v1"),
		"spec maxUnavailable = 1",
		"spec unhealthyPodEvictionPolicy = AlwaysAllow",
		SELECTOR("spec selector matchLabels"),
		NULL,
	};
	check_spec(&b, "kubernetes/pdb.yaml", pdb);

#define KPOD "spec template spec"
#define KC0 KPOD " containers 0"
	static const char *const knative[] = {
		META("Service", "serving.knative.dev/v1"),
		LABELS("spec template metadata labels"),
		"spec template metadata annotations autoscaling.knative.dev/min-scale = 1",
		"spec template metadata annotations autoscaling.knative.dev/max-scale = 6",
		"spec template metadata annotations autoscaling.knative.dev/metric = concurrency",
		"spec template metadata annotations autoscaling.knative.dev/target = 10",
		KPOD " containerConcurrency = 20",
		KPOD " timeoutSeconds = 30",
		KC0 " name = user-api",
		KC0 " image = registry.example.com/user-api:1.4.2",
		KC0 " ports 0 name = http1",
		KC0 " ports 0 containerPort = 8080",
		KC0 " resources requests cpu = 100m",
		KC0 " resources requests memory = 128Mi",
		KC0 " resources limits memory = 128Mi",
		KC0 " livenessProbe httpGet path = /healthz",
		KC0 " livenessProbe httpGet port = 8080",
		KC0 " livenessProbe periodSeconds = 20",
		KC0 " readinessProbe httpGet path = /readyz",
		KC0 " readinessProbe httpGet port = 8080",
		KC0 " readinessProbe periodSeconds = 5",
		HARDENED(KC0),
		KPOD " volumes 0 name = tmp",
		KPOD " volumes 0 emptyDir = {}",
		NULL,
	};
	check_spec(&b, "knative/service.yaml", knative);
#undef POD
#undef C0
#undef KPOD
#undef KC0
	out_bundle_fini(&b);
}

/* ---- Kubernetes ---- */

static const char *const k8s_files[] = {
	"namespace.yaml", "serviceaccount.yaml", "configmap.yaml", "deployment.yaml",
	"service.yaml", "hpa.yaml", "pdb.yaml", "networkpolicy.yaml", "ingress.yaml",
};

static void test_k8s_files_and_practices(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	struct out_bundle b;
	generate(&in, GEN_KUBERNETES, &b);
	/* 9 objects + kustomization + README */
	assert_int_equal(b.count, 11);

	struct doc d;
	parse_file(&b, "kubernetes/kustomization.yaml", &d);
	assert_string_equal(STR(&d, "kind"), "Kustomization");
	assert_int_equal(count_of(at(&d, "resources", NULL)), 9);
	for (size_t i = 0; i < sizeof(k8s_files) / sizeof(k8s_files[0]); i++) {
		char idx[8];
		snprintf(idx, sizeof(idx), "%zu", i);
		assert_string_equal(STR(&d, "resources", idx), k8s_files[i]);
		char *p = xasprintf("kubernetes/%s", k8s_files[i]);
		struct doc o;
		parse_file(&b, p, &o);
		free(p);
		/* Every object: the six app.kubernetes.io labels. */
		assert_string_equal(STR(&o, "metadata", "labels", "app.kubernetes.io/name"), "user-api");
		assert_string_equal(STR(&o, "metadata", "labels", "app.kubernetes.io/instance"), "user-api");
		assert_string_equal(STR(&o, "metadata", "labels", "app.kubernetes.io/version"), "1.4.2");
		assert_string_equal(STR(&o, "metadata", "labels", "app.kubernetes.io/component"), "api");
		assert_string_equal(STR(&o, "metadata", "labels", "app.kubernetes.io/part-of"), "user-api");
		assert_string_equal(STR(&o, "metadata", "labels", "app.kubernetes.io/managed-by"), "archwise");
		if (strcmp(k8s_files[i], "namespace.yaml") != 0)
			assert_string_equal(STR(&o, "metadata", "namespace"), "user-api");
		else
			assert_null(at(&o, "metadata", "namespace", NULL));
		yaml_document_delete(&o.d);
	}
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/deployment.yaml", &d);
	assert_string_equal(STR(&d, "kind"), "Deployment");
	assert_null(at(&d, "spec", "replicas", NULL));   /* the HPA owns it */
	yaml_node_t *pod = at(&d, "spec", "template", "spec", NULL);
	assert_non_null(pod);
	assert_string_equal(STR(&d, "spec", "template", "spec", "automountServiceAccountToken"), "false");
	assert_string_equal(STR(&d, "spec", "template", "spec", "securityContext", "runAsNonRoot"), "true");
	assert_string_equal(STR(&d, "spec", "template", "spec", "securityContext", "seccompProfile", "type"),
			    "RuntimeDefault");
	assert_int_equal(count_of(at(&d, "spec", "template", "spec", "topologySpreadConstraints", NULL)), 2);
	assert_string_equal(STR(&d, "spec", "template", "spec", "affinity", "podAntiAffinity",
				"preferredDuringSchedulingIgnoredDuringExecution", "0", "podAffinityTerm",
				"topologyKey"), "kubernetes.io/hostname");
#define C(...) STR(&d, "spec", "template", "spec", "containers", "0", __VA_ARGS__)
	assert_string_equal(C("image"), "registry.example.com/user-api:1.4.2");
	assert_string_equal(C("ports", "0", "containerPort"), "8080");
	assert_string_equal(C("resources", "requests", "memory"), "512Mi");
	assert_string_equal(C("resources", "limits", "memory"), "512Mi");
	assert_string_equal(C("resources", "requests", "cpu"), "130m");   /* 512 MiB at 1 vCPU per 4 GiB */
	assert_string_equal(C("resources", "limits", "cpu"), "260m");
	assert_string_equal(C("resources", "requests", "ephemeral-storage"), "128Mi");
	assert_string_equal(C("livenessProbe", "httpGet", "path"), "/healthz");
	assert_string_equal(C("readinessProbe", "httpGet", "path"), "/readyz");
	assert_string_equal(C("securityContext", "runAsNonRoot"), "true");
	assert_string_equal(C("securityContext", "runAsUser"), "10001");
	assert_string_equal(C("securityContext", "runAsGroup"), "10001");
	assert_string_equal(C("securityContext", "readOnlyRootFilesystem"), "true");
	assert_string_equal(C("securityContext", "allowPrivilegeEscalation"), "false");
	assert_string_equal(C("securityContext", "capabilities", "drop", "0"), "ALL");
	assert_string_equal(C("securityContext", "seccompProfile", "type"), "RuntimeDefault");
	assert_string_equal(C("volumeMounts", "0", "mountPath"), "/tmp");
#undef C
	assert_non_null(at(&d, "spec", "template", "spec", "volumes", "0", "emptyDir", NULL));
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/hpa.yaml", &d);
	assert_string_equal(STR(&d, "apiVersion"), "autoscaling/v2");
	assert_string_equal(STR(&d, "spec", "scaleTargetRef", "kind"), "Deployment");
	assert_string_equal(STR(&d, "spec", "minReplicas"), "2");
	assert_string_equal(STR(&d, "spec", "maxReplicas"), "4");
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/pdb.yaml", &d);
	assert_string_equal(STR(&d, "spec", "unhealthyPodEvictionPolicy"), "AlwaysAllow");
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/networkpolicy.yaml", &d);
	assert_string_equal(STR(&d, "spec", "policyTypes", "0"), "Ingress");
	assert_string_equal(STR(&d, "spec", "policyTypes", "1"), "Egress");
	assert_string_equal(STR(&d, "spec", "ingress", "0", "ports", "0", "port"), "8080");
	assert_string_equal(STR(&d, "spec", "ingress", "0", "from", "0", "namespaceSelector", "matchLabels",
				"kubernetes.io/metadata.name"), "ingress-nginx");
	assert_string_equal(STR(&d, "spec", "egress", "0", "to", "0", "namespaceSelector", "matchLabels",
				"kubernetes.io/metadata.name"), "kube-system");
	assert_string_equal(STR(&d, "spec", "egress", "0", "ports", "0", "protocol"), "UDP");
	assert_string_equal(STR(&d, "spec", "egress", "0", "ports", "0", "port"), "53");
	assert_string_equal(STR(&d, "spec", "egress", "0", "ports", "1", "protocol"), "TCP");
	assert_int_equal(count_of(at(&d, "spec", "egress", NULL)), 1);  /* stateless: DNS only */
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/serviceaccount.yaml", &d);
	assert_string_equal(STR(&d, "automountServiceAccountToken"), "false");
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/configmap.yaml", &d);
	yaml_node_t *port = at(&d, "data", "PORT", NULL);
	assert_string_equal(port->data.scalar.value, "8080");
	assert_int_not_equal(port->data.scalar.style, YAML_PLAIN_SCALAR_STYLE);
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

static void test_k8s_stateful(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.state = "stateful";
	struct out_bundle b;
	generate(&in, GEN_KUBERNETES, &b);
	assert_null(out_bundle_find(&b, "kubernetes/deployment.yaml"));
	assert_null(out_bundle_find(&b, "kubernetes/hpa.yaml"));
	struct doc d;
	parse_file(&b, "kubernetes/statefulset.yaml", &d);
	assert_string_equal(STR(&d, "kind"), "StatefulSet");
	assert_string_equal(STR(&d, "spec", "serviceName"), "user-api-headless");
	assert_string_equal(STR(&d, "spec", "replicas"), "2");
	assert_string_equal(STR(&d, "spec", "volumeClaimTemplates", "0", "metadata", "name"), "data");
	assert_string_equal(STR(&d, "spec", "volumeClaimTemplates", "0", "spec", "resources", "requests",
				"storage"), "10Gi");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "volumeMounts", "1",
				"name"), "data");
	yaml_document_delete(&d.d);
	parse_file(&b, "kubernetes/service-headless.yaml", &d);
	assert_string_equal(STR(&d, "spec", "clusterIP"), "None");
	yaml_document_delete(&d.d);
	parse_file(&b, "kubernetes/kustomization.yaml", &d);
	assert_int_equal(count_of(at(&d, "resources", NULL)), 9);
	bool listed = false;
	for (int i = 0; i < 9; i++) {
		char idx[4];
		snprintf(idx, sizeof(idx), "%d", i);
		listed |= strcmp(STR(&d, "resources", idx), "statefulset.yaml") == 0;
	}
	assert_true(listed);
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	in.state = "external_state";
	generate(&in, GEN_KUBERNETES, &b);
	parse_file(&b, "kubernetes/networkpolicy.yaml", &d);
	assert_string_equal(STR(&d, "spec", "egress", "1", "ports", "0", "port"), "443");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

/* Without the input check the emitter alone still keeps a hostile image in
 * its scalar: one document, the image verbatim, no injected key. */
static void test_k8s_injection_unchecked(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.image = "evil:1\"\n---\nkind: Secret\nmetadata: {name: x} # é";
	struct out_bundle b = {0};
	char *err = NULL;
	assert_int_equal(gen_input_check(&in, GEN_KUBERNETES, &err), -1);
	free(err);
	assert_int_equal(gen_targets_input(&in, GEN_KUBERNETES | GEN_KNATIVE, &b, &err), 0);
	struct doc d;
	parse_file(&b, "kubernetes/deployment.yaml", &d);
	assert_string_equal(STR(&d, "kind"), "Deployment");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "image"), in.image);
	yaml_document_delete(&d.d);
	parse_file(&b, "knative/service.yaml", &d);
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "image"), in.image);
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

/* ---- Knative ---- */

static void test_knative(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	struct out_bundle b;
	generate(&in, GEN_KNATIVE, &b);
	assert_int_equal(b.count, 2);
	struct doc d;
	parse_file(&b, "knative/service.yaml", &d);
	assert_string_equal(STR(&d, "apiVersion"), "serving.knative.dev/v1");
	yaml_node_t *minscale = at(&d, "spec", "template", "metadata", "annotations",
				   "autoscaling.knative.dev/min-scale", NULL);
	assert_string_equal(minscale->data.scalar.value, "0");
	assert_int_not_equal(minscale->data.scalar.style, YAML_PLAIN_SCALAR_STYLE);
	assert_string_equal(STR(&d, "spec", "template", "metadata", "annotations",
				"autoscaling.knative.dev/max-scale"), "4");
	assert_string_equal(STR(&d, "spec", "template", "metadata", "annotations",
				"autoscaling.knative.dev/target"), "10");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containerConcurrency"), "20");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "securityContext",
				"readOnlyRootFilesystem"), "true");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "securityContext",
				"capabilities", "drop", "0"), "ALL");
	assert_null(at(&d, "spec", "template", "spec", "securityContext", NULL));
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	in.latency_target = "strict";
	generate(&in, GEN_KNATIVE, &b);
	parse_file(&b, "knative/service.yaml", &d);
	assert_string_equal(STR(&d, "spec", "template", "metadata", "annotations",
				"autoscaling.knative.dev/min-scale"), "1");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

/* ---- Serverless Framework ---- */

struct runtime_case {
	const char *runtime, *stub, *before, *after;  /* the stub holds before NAME after */
};

static const struct runtime_case runtimes[] = {
	{"nodejs22.x", "serverless/handler.mjs", "export const ", " ="},
	{"python3.13", "serverless/handler.py", "def ", "(event, context)"},
	{"java21", "serverless/src/main/java/com/example/Handler.java", " ", "(Map<String, Object> event)"},
	{"provided.al2023", "serverless/bootstrap", "", ""},
};

static const char *const workloads[] = {"http_api", "event_processing", "batch_jobs", "streaming", "mixed"};

static void test_serverless_handlers_match(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(runtimes) / sizeof(runtimes[0]); r++)
		for (size_t w = 0; w < sizeof(workloads) / sizeof(workloads[0]); w++) {
			struct gen_input in;
			default_input(&in);
			in.runtime = runtimes[r].runtime;
			in.workload_type = workloads[w];
			struct out_bundle b;
			generate(&in, GEN_SERVERLESS, &b);
			assert_int_equal(b.count, 3);
			const struct out_file *stub = out_bundle_find(&b, runtimes[r].stub);
			assert_non_null(stub);
			struct doc d;
			parse_file(&b, "serverless/serverless.yml", &d);
			assert_string_equal(STR(&d, "frameworkVersion"), "3 || 4");
			assert_string_equal(STR(&d, "configValidationMode"), "error");
			assert_string_equal(STR(&d, "provider", "name"), "aws");
			assert_string_equal(STR(&d, "provider", "runtime"), in.runtime);
			assert_string_equal(STR(&d, "provider", "region"), "eu-west-1");
			assert_string_equal(STR(&d, "provider", "stage"), "${opt:stage, \"dev\"}");
			yaml_node_t *fns = at(&d, "functions", NULL);
			long n = count_of(fns);
			assert_true(n >= 1);
			for (yaml_node_pair_t *p = fns->data.mapping.pairs.start; p < fns->data.mapping.pairs.top; p++) {
				const char *name = (const char *)yaml_document_get_node(&d.d, p->key)->data.scalar.value;
				const char *h = STR(&d, "functions", name, "handler");
				assert_non_null(h);
				/* handler.NAME / com.example.Handler::NAME / NAME */
				const char *sym = strrchr(h, ':') ? strrchr(h, ':') + 1 : strrchr(h, '.') ? strrchr(h, '.') + 1 : h;
				assert_string_equal(sym, name);
				char *needle = xasprintf("%s%s%s", runtimes[r].before, name, runtimes[r].after);
				if (!strstr(stub->data, needle))
					fail_msg("%s: %s not in %s", in.runtime, needle, runtimes[r].stub);
				free(needle);
				if (strcmp(runtimes[r].runtime, "java21") != 0 &&
				    strcmp(runtimes[r].runtime, "provided.al2023") != 0)
					assert_true(strncmp(h, "handler.", 8) == 0);
			}
			bool http = strcmp(workloads[w], "http_api") == 0 || strcmp(workloads[w], "mixed") == 0;
			assert_int_equal(at(&d, "functions", "api", NULL) != NULL, http);
			if (http)
				assert_string_equal(STR(&d, "functions", "api", "events", "0", "httpApi"), "*");
			bool queue = strcmp(workloads[w], "event_processing") == 0 || strcmp(workloads[w], "mixed") == 0;
			assert_int_equal(at(&d, "resources", "Resources", "WorkQueue", NULL) != NULL, queue);
			if (queue)
				assert_string_equal(STR(&d, "functions", "worker", "events", "0", "sqs", "arn",
							"Fn::GetAtt", "0"), "WorkQueue");
			if (strcmp(workloads[w], "batch_jobs") == 0)
				assert_string_equal(STR(&d, "functions", "job", "events", "0", "schedule"), "rate(1 hour)");
			if (strcmp(workloads[w], "streaming") == 0) {
				assert_string_equal(STR(&d, "functions", "stream", "events", "0", "stream", "type"), "kinesis");
				assert_string_equal(STR(&d, "resources", "Resources", "EventStream", "Type"),
						    "AWS::Kinesis::Stream");
			}
			yaml_document_delete(&d.d);
			out_bundle_fini(&b);
		}
}

static void test_serverless_timeouts_and_iam(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.workload_type = "mixed";
	in.longest_task = "under_15min";
	in.state = "external_state";
	in.memory_mb = 20000;
	struct out_bundle b;
	generate(&in, GEN_SERVERLESS, &b);
	struct doc d;
	parse_file(&b, "serverless/serverless.yml", &d);
	assert_string_equal(STR(&d, "provider", "memorySize"), "10240");   /* Lambda's maximum */
	assert_string_equal(STR(&d, "functions", "api", "timeout"), "29");
	assert_string_equal(STR(&d, "functions", "worker", "timeout"), "900");
	assert_string_equal(STR(&d, "resources", "Resources", "WorkQueue", "Properties", "VisibilityTimeout"), "5400");
	assert_string_equal(STR(&d, "resources", "Resources", "DataTable", "Properties", "BillingMode"),
			    "PAY_PER_REQUEST");
	assert_string_equal(STR(&d, "provider", "iam", "role", "statements", "1", "Resource", "Fn::GetAtt", "0"),
			    "DataTable");
	assert_string_equal(STR(&d, "provider", "iam", "role", "statements", "1", "Action", "0"),
			    "dynamodb:GetItem");
	assert_string_equal(STR(&d, "provider", "iam", "role", "statements", "0", "Action", "0"),
			    "logs:CreateLogStream");
	/* No wildcard actions anywhere. */
	for (int s = 0; s < 2; s++)
		for (int a = 0; a < 5; a++) {
			char si[4], ai[4];
			snprintf(si, sizeof(si), "%d", s);
			snprintf(ai, sizeof(ai), "%d", a);
			const char *act = STR(&d, "provider", "iam", "role", "statements", si, "Action", ai);
			if (act)
				assert_null(strchr(act, '*'));
		}
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	default_input(&in);
	in.avg_duration_ms = 4000;   /* x3 = 12 s */
	generate(&in, GEN_SERVERLESS, &b);
	parse_file(&b, "serverless/serverless.yml", &d);
	assert_string_equal(STR(&d, "functions", "api", "timeout"), "12");
	assert_null(at(&d, "resources", NULL));
	assert_int_equal(count_of(at(&d, "provider", "iam", "role", "statements", NULL)), 1);
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

/* workload_type batch_jobs: a CronJob and nothing a served workload needs. */
static void test_k8s_cronjob(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.workload_type = "batch_jobs";
	in.longest_task = "under_15min";
	assert_true(gen_k8s_is_cronjob(&in));
	struct out_bundle b;
	generate(&in, GEN_KUBERNETES, &b);
	/* 5 objects + kustomization + README */
	assert_int_equal(b.count, 7);
	static const char *const absent[] = {
		"deployment.yaml", "statefulset.yaml", "service.yaml", "service-headless.yaml",
		"hpa.yaml", "pdb.yaml", "ingress.yaml", "pvc.yaml",
	};
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		char *p = xasprintf("kubernetes/%s", absent[i]);
		if (out_bundle_find(&b, p))
			fail_msg("a batch job has %s", p);
		free(p);
	}
	static const char *const files[] = {
		"namespace.yaml", "serviceaccount.yaml", "configmap.yaml", "cronjob.yaml",
		"networkpolicy.yaml",
	};
	struct doc d;
	parse_file(&b, "kubernetes/kustomization.yaml", &d);
	assert_int_equal(count_of(at(&d, "resources", NULL)), 5);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char idx[8];
		snprintf(idx, sizeof(idx), "%zu", i);
		assert_string_equal(STR(&d, "resources", idx), files[i]);
	}
	yaml_document_delete(&d.d);

	parse_file(&b, "kubernetes/cronjob.yaml", &d);
	assert_string_equal(STR(&d, "apiVersion"), "batch/v1");
	assert_string_equal(STR(&d, "kind"), "CronJob");
	assert_string_equal(STR(&d, "metadata", "name"), "user-api");
	assert_string_equal(STR(&d, "metadata", "namespace"), "user-api");
	assert_string_equal(STR(&d, "metadata", "labels", "app.kubernetes.io/component"), "batch");
	assert_string_equal(STR(&d, "spec", "schedule"), "0 * * * *");
	assert_string_equal(STR(&d, "spec", "schedule"), GEN_CRON_SCHEDULE);
	assert_string_equal(STR(&d, "spec", "timeZone"), "Etc/UTC");
	assert_string_equal(STR(&d, "spec", "concurrencyPolicy"), "Forbid");
	assert_string_equal(STR(&d, "spec", "startingDeadlineSeconds"), "300");
	assert_string_equal(STR(&d, "spec", "successfulJobsHistoryLimit"), "3");
	assert_string_equal(STR(&d, "spec", "failedJobsHistoryLimit"), "3");
	assert_string_equal(STR(&d, "spec", "jobTemplate", "metadata", "labels", "app.kubernetes.io/name"),
			    "user-api");
#define J(...) STR(&d, "spec", "jobTemplate", "spec", __VA_ARGS__)
	assert_string_equal(J("backoffLimit"), "3");
	assert_string_equal(J("activeDeadlineSeconds"), "1800");
	assert_string_equal(J("ttlSecondsAfterFinished"), "86400");
	assert_string_equal(J("template", "metadata", "labels", "app.kubernetes.io/version"), "1.4.2");
	assert_string_equal(J("template", "metadata", "labels", "app.kubernetes.io/component"), "batch");
	assert_string_equal(J("template", "spec", "restartPolicy"), "Never");
	assert_string_equal(J("template", "spec", "serviceAccountName"), "user-api");
	assert_string_equal(J("template", "spec", "automountServiceAccountToken"), "false");
	assert_string_equal(J("template", "spec", "securityContext", "runAsNonRoot"), "true");
	assert_string_equal(J("template", "spec", "securityContext", "runAsUser"), "10001");
	assert_string_equal(J("template", "spec", "securityContext", "fsGroup"), "10001");
	assert_string_equal(J("template", "spec", "securityContext", "seccompProfile", "type"), "RuntimeDefault");
	/* One pod at a time: no spreading; no selector (the Job makes its own). */
	assert_null(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "affinity", NULL));
	assert_null(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "topologySpreadConstraints", NULL));
	assert_null(at(&d, "spec", "jobTemplate", "spec", "selector", NULL));
	assert_int_equal(count_of(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers", NULL)), 1);
#define C(...) J("template", "spec", "containers", "0", __VA_ARGS__)
	assert_string_equal(C("image"), "registry.example.com/user-api:1.4.2");
	assert_string_equal(C("envFrom", "0", "configMapRef", "name"), "user-api-config");
	assert_string_equal(C("resources", "requests", "memory"), "512Mi");
	assert_string_equal(C("resources", "limits", "memory"), "512Mi");
	assert_string_equal(C("resources", "requests", "cpu"), "130m");   /* 512 MiB at 1 vCPU per 4 GiB */
	assert_string_equal(C("resources", "limits", "cpu"), "260m");
	assert_string_equal(C("securityContext", "runAsNonRoot"), "true");
	assert_string_equal(C("securityContext", "readOnlyRootFilesystem"), "true");
	assert_string_equal(C("securityContext", "allowPrivilegeEscalation"), "false");
	assert_string_equal(C("securityContext", "capabilities", "drop", "0"), "ALL");
	assert_string_equal(C("securityContext", "seccompProfile", "type"), "RuntimeDefault");
	assert_string_equal(C("volumeMounts", "0", "mountPath"), "/tmp");
	assert_int_equal(count_of(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0",
				     "volumeMounts", NULL)), 1);
#undef C
	yaml_node_t *c0 = at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0", NULL);
	assert_non_null(c0);
	assert_null(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0", "ports", NULL));
	assert_null(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0", "livenessProbe", NULL));
	assert_null(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0", "readinessProbe", NULL));
	assert_string_equal(J("template", "spec", "volumes", "0", "name"), "tmp");
	assert_string_equal(J("template", "spec", "volumes", "0", "emptyDir", "sizeLimit"), "64Mi");
	assert_int_equal(count_of(at(&d, "spec", "jobTemplate", "spec", "template", "spec", "volumes", NULL)), 1);
#undef J
	yaml_document_delete(&d.d);

	/* Inbound denied (Ingress listed, no rule); DNS egress, and HTTPS for
	 * what a job reads and writes. */
	parse_file(&b, "kubernetes/networkpolicy.yaml", &d);
	assert_string_equal(STR(&d, "spec", "policyTypes", "0"), "Ingress");
	assert_string_equal(STR(&d, "spec", "policyTypes", "1"), "Egress");
	assert_null(at(&d, "spec", "ingress", NULL));
	assert_int_equal(count_of(at(&d, "spec", "egress", NULL)), 2);
	assert_string_equal(STR(&d, "spec", "egress", "0", "ports", "0", "port"), "53");
	assert_string_equal(STR(&d, "spec", "egress", "1", "ports", "0", "port"), "443");
	yaml_document_delete(&d.d);

	const struct out_file *readme = out_bundle_find(&b, "README.md");
	assert_non_null(readme);
	assert_non_null(strstr(readme->data, "| `kubernetes/cronjob.yaml` | batch/v1 CronJob"));
	assert_non_null(strstr(readme->data, "kubectl apply -k kubernetes/\n"));
	assert_non_null(strstr(readme->data, "kubectl create job --from=cronjob/user-api user-api-manual -n user-api\n"));
	assert_non_null(strstr(readme->data, "kubectl logs job/user-api-manual -n user-api\n"));
	assert_non_null(strstr(readme->data, "Schedule `0 * * * *` (hourly, UTC)"));
	assert_null(strstr(readme->data, "port-forward"));
	assert_null(strstr(readme->data, "Autoscaling:"));
	assert_null(strstr(readme->data, "ingress-nginx"));
	out_bundle_fini(&b);

	/* activeDeadlineSeconds from longest_task. */
	static const struct { const char *task; const char *deadline; } deadlines[] = {
		{"under_1s", "600"}, {"under_15min", "1800"}, {"over_15min", "21600"},
	};
	for (size_t i = 0; i < sizeof(deadlines) / sizeof(deadlines[0]); i++) {
		in.longest_task = deadlines[i].task;
		generate(&in, GEN_KUBERNETES, &b);
		parse_file(&b, "kubernetes/cronjob.yaml", &d);
		assert_string_equal(STR(&d, "spec", "jobTemplate", "spec", "activeDeadlineSeconds"),
				    deadlines[i].deadline);
		yaml_document_delete(&d.d);
		out_bundle_fini(&b);
	}

	/* Stateful: a claim of its own on /data, listed before the CronJob. */
	in.longest_task = "over_15min";
	in.state = "stateful";
	generate(&in, GEN_KUBERNETES, &b);
	assert_null(out_bundle_find(&b, "kubernetes/statefulset.yaml"));
	assert_null(out_bundle_find(&b, "kubernetes/service-headless.yaml"));
	parse_file(&b, "kubernetes/pvc.yaml", &d);
	assert_string_equal(STR(&d, "kind"), "PersistentVolumeClaim");
	assert_string_equal(STR(&d, "metadata", "name"), "user-api-data");
	assert_string_equal(STR(&d, "spec", "accessModes", "0"), "ReadWriteOnce");
	assert_string_equal(STR(&d, "spec", "resources", "requests", "storage"), "10Gi");
	yaml_document_delete(&d.d);
	parse_file(&b, "kubernetes/cronjob.yaml", &d);
#define P(...) STR(&d, "spec", "jobTemplate", "spec", "template", "spec", __VA_ARGS__)
	assert_string_equal(P("containers", "0", "volumeMounts", "1", "name"), "data");
	assert_string_equal(P("containers", "0", "volumeMounts", "1", "mountPath"), "/data");
	assert_string_equal(P("volumes", "1", "name"), "data");
	assert_string_equal(P("volumes", "1", "persistentVolumeClaim", "claimName"), "user-api-data");
#undef P
	yaml_document_delete(&d.d);
	parse_file(&b, "kubernetes/kustomization.yaml", &d);
	assert_int_equal(count_of(at(&d, "resources", NULL)), 6);
	assert_string_equal(STR(&d, "resources", "3"), "pvc.yaml");
	assert_string_equal(STR(&d, "resources", "4"), "cronjob.yaml");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	/* External state: HTTPS egress as for a Deployment. */
	in.state = "external_state";
	generate(&in, GEN_KUBERNETES, &b);
	parse_file(&b, "kubernetes/networkpolicy.yaml", &d);
	assert_null(at(&d, "spec", "ingress", NULL));
	assert_string_equal(STR(&d, "spec", "egress", "1", "ports", "0", "port"), "443");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);

	/* All targets: Knative is still written, with the README's caveat. */
	in.state = "stateless";
	generate(&in, GEN_ALL, &b);
	assert_non_null(out_bundle_find(&b, "knative/service.yaml"));
	readme = out_bundle_find(&b, "README.md");
	assert_non_null(strstr(readme->data, "For a scheduled job, use the Kubernetes target's kubernetes/cronjob.yaml."));
	for (size_t i = 0; i < b.count; i++) {
		char *cell = xasprintf("| `%s` | ", b.files[i].path);
		char *empty = xasprintf("| `%s` |  |", b.files[i].path);
		if (!strstr(readme->data, cell) || strstr(readme->data, empty))
			fail_msg("README does not describe %s", b.files[i].path);
		free(cell);
		free(empty);
	}
	out_bundle_fini(&b);

	/* always_on: a job that never ends is a worker: the Deployment stays. */
	in.longest_task = "always_on";
	assert_false(gen_k8s_is_cronjob(&in));
	generate(&in, GEN_KUBERNETES | GEN_KNATIVE, &b);
	readme = out_bundle_find(&b, "README.md");
	assert_null(strstr(readme->data, "cronjob"));
	assert_null(out_bundle_find(&b, "kubernetes/cronjob.yaml"));
	parse_file(&b, "kubernetes/deployment.yaml", &d);
	assert_string_equal(STR(&d, "metadata", "labels", "app.kubernetes.io/component"), "batch");
	yaml_document_delete(&d.d);
	assert_non_null(out_bundle_find(&b, "kubernetes/hpa.yaml"));
	out_bundle_fini(&b);

	/* Other workload types never get one. */
	for (size_t i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++) {
		in.workload_type = workloads[i];
		in.longest_task = "under_15min";
		assert_int_equal(gen_k8s_is_cronjob(&in), strcmp(workloads[i], "batch_jobs") == 0);
	}
}

/* ---- Fargate ---- */

static void test_fargate_task(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.memory_mb = 3500;
	in.state = "external_state";
	struct out_bundle b;
	generate(&in, GEN_FARGATE, &b);
	const struct out_file *f = out_bundle_find(&b, "fargate/task-definition.json");
	assert_non_null(f);
	cJSON *td = cJSON_ParseWithLength(f->data, f->len);
	assert_non_null(td);
	assert_string_equal(cJSON_GetObjectItem(td, "family")->valuestring, "user-api");
	assert_string_equal(cJSON_GetObjectItem(td, "networkMode")->valuestring, "awsvpc");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(td, "requiresCompatibilities"), 0)->valuestring,
			    "FARGATE");
	cJSON *cpu = cJSON_GetObjectItem(td, "cpu"), *mem = cJSON_GetObjectItem(td, "memory");
	assert_true(cJSON_IsString(cpu) && cJSON_IsString(mem));
	assert_string_equal(cpu->valuestring, "1024");
	assert_string_equal(mem->valuestring, "5120");
	assert_true(gen_fargate_pair_valid((unsigned)atoi(cpu->valuestring), (unsigned)atoi(mem->valuestring)));
	assert_non_null(strstr(cJSON_GetObjectItem(td, "executionRoleArn")->valuestring, "${AWS_ACCOUNT_ID}"));
	cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItem(td, "containerDefinitions"), 0);
	assert_string_equal(cJSON_GetObjectItem(c, "user")->valuestring, "10001");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(c, "readonlyRootFilesystem")));
	cJSON *pm = cJSON_GetArrayItem(cJSON_GetObjectItem(c, "portMappings"), 0);
	assert_int_equal(cJSON_GetObjectItem(pm, "containerPort")->valueint, 8080);
	cJSON *opts = cJSON_GetObjectItem(cJSON_GetObjectItem(c, "logConfiguration"), "options");
	assert_string_equal(cJSON_GetObjectItem(opts, "awslogs-region")->valuestring, "eu-west-1");
	assert_non_null(cJSON_GetObjectItem(c, "healthCheck"));
	cJSON_Delete(td);

	f = out_bundle_find(&b, "fargate/task-role-policy.json");
	cJSON *pol = cJSON_ParseWithLength(f->data, f->len);
	assert_non_null(pol);
	cJSON *st = cJSON_GetObjectItem(pol, "Statement");
	assert_int_equal(cJSON_GetArraySize(st), 2);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(st, 1), "Resource")->valuestring,
			    "arn:aws:dynamodb:eu-west-1:${AWS_ACCOUNT_ID}:table/user-api");
	cJSON_Delete(pol);
	out_bundle_fini(&b);
}

static void test_fargate_too_big(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.memory_mb = 200000;
	char *err = NULL;
	assert_int_equal(gen_input_check(&in, GEN_FARGATE, &err), -1);
	assert_non_null(strstr(err, "Fargate"));
	free(err);
	/* Under "all": the other targets, no Fargate files, and the README says why. */
	struct out_bundle b;
	generate(&in, GEN_ALL, &b);
	assert_null(out_bundle_find(&b, "fargate/task-definition.json"));
	assert_non_null(out_bundle_find(&b, "kubernetes/deployment.yaml"));
	assert_non_null(strstr(out_bundle_find(&b, "README.md")->data, "No Fargate files"));
	struct doc d;
	parse_file(&b, "kubernetes/deployment.yaml", &d);
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "resources", "limits",
				"memory"), "200000Mi");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
}

/* ---- from answers (the built-in questionnaire) ---- */

static void test_input_from_answers(void **state)
{
	(void)state;
	struct model m;
	struct diag_list diags = {0};
	struct load_sources src = {0};
	assert_int_equal(load_model(&src, &m, &diags), 0);
	static const char text[] =
		"questionnaire: k8s-vs-serverless\n"
		"answers:\n"
		"  service_name: orders\n"
		"  container_image: registry.example.com/shop/orders:1.12.0\n"
		"  container_port: 3000\n"
		"  memory_mb: 768\n"
		"  hardware: [gpu, high_cpu]\n"
		"  workload_type: mixed\n"
		"  state: external_state\n"
		"  runtime: python3.13\n"
		"  region: eu-west-1\n";
	struct answers a;
	assert_int_equal(answers_parse(&m, text, sizeof(text) - 1, "inline", &a, &diags), 0);
	struct gen_input in;
	gen_input_from_answers(&m, &a, NULL, &in);
	assert_string_equal(in.service, "orders");
	assert_string_equal(in.image, "registry.example.com/shop/orders:1.12.0");
	assert_int_equal(in.port, 3000);
	assert_int_equal(in.memory_mb, 768);
	assert_true(in.high_cpu);
	assert_string_equal(in.workload_type, "mixed");
	assert_string_equal(in.state, "external_state");
	assert_string_equal(in.runtime, "python3.13");
	assert_string_equal(in.region, "eu-west-1");
	assert_null(in.recommendation);
	/* Unanswered questions take the questionnaire's defaults. */
	assert_non_null(in.traffic_pattern);
	assert_non_null(in.longest_task);
	assert_true(in.requests_per_day > 0);
	assert_true(in.avg_duration_ms >= 1);
	char *err = NULL;
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), 0);
	struct out_bundle b = {0};
	assert_int_equal(gen_targets(&m, &a, NULL, GEN_ALL, &b, &err), 0);
	assert_int_equal(gen_bundle_readme(&m, &a, NULL, GEN_ALL, &b, &err), 0);
	assert_non_null(out_bundle_find(&b, "serverless/handler.py"));
	assert_non_null(out_bundle_find(&b, "README.md"));
	out_bundle_fini(&b);
	answers_fini(&a);

	/* A default run: the questionnaire's default image must be usable, and
	 * its default 128 MB pod asks for the 100m CPU floor (128 x 1000 / 1769
	 * = 72.4, rounded up to 80m, under the floor). */
	static const char empty[] = "questionnaire: k8s-vs-serverless\nanswers: {}\n";
	assert_int_equal(answers_parse(&m, empty, sizeof(empty) - 1, "inline", &a, &diags), 0);
	gen_input_from_answers(&m, &a, NULL, &in);
	assert_false(in.high_cpu);
	assert_false(in.gpu);
	assert_string_equal(in.provider, "aws");
	assert_int_equal(in.memory_mb, 128);
	assert_int_equal(gen_input_check(&in, GEN_ALL, &err), 0);
	assert_int_equal(gen_targets(&m, &a, NULL, GEN_KUBERNETES, &b, &err), 0);
	struct doc d;
	parse_file(&b, "kubernetes/deployment.yaml", &d);
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "resources", "requests", "cpu"),
			    "100m");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "resources", "limits", "cpu"),
			    "200m");
	assert_string_equal(STR(&d, "spec", "template", "spec", "containers", "0", "resources", "requests",
				"memory"), "128Mi");
	yaml_document_delete(&d.d);
	out_bundle_fini(&b);
	answers_fini(&a);

	/* The example image is named after the service, answered or replayed
	 * from an exported answers file (which holds the default). */
	static const char named[] = "questionnaire: k8s-vs-serverless\nanswers:\n  service_name: billing\n";
	static const char replayed[] = "questionnaire: k8s-vs-serverless\nanswers:\n  service_name: billing\n"
				       "  container_image: registry.example.com/team/user-api:1.0.0\n"
				       "  hardware: [gpu]\n";
	assert_int_equal(answers_parse(&m, named, sizeof(named) - 1, "inline", &a, &diags), 0);
	gen_input_from_answers(&m, &a, NULL, &in);
	assert_string_equal(in.image, "registry.example.com/team/billing:1.0.0");
	answers_fini(&a);
	assert_int_equal(answers_parse(&m, replayed, sizeof(replayed) - 1, "inline", &a, &diags), 0);
	gen_input_from_answers(&m, &a, NULL, &in);
	assert_string_equal(in.image, "registry.example.com/team/billing:1.0.0");
	assert_true(in.gpu);
	answers_fini(&a);
	assert_int_equal(diags.count, 0);
	diag_list_fini(&diags);
	model_free(&m);
}

/* ---- the whole bundle ---- */

static void test_deterministic_and_readme(void **state)
{
	(void)state;
	struct gen_input in;
	default_input(&in);
	in.runtime = "python3.13";
	struct out_bundle a, b;
	generate(&in, GEN_ALL, &a);
	generate(&in, GEN_ALL, &b);
	assert_int_equal(a.count, b.count);
	for (size_t i = 0; i < a.count; i++) {
		assert_string_equal(a.files[i].path, b.files[i].path);
		assert_int_equal(a.files[i].len, b.files[i].len);
		assert_memory_equal(a.files[i].data, b.files[i].data, a.files[i].len);
		/* Every YAML file is one well-formed document. */
		size_t n = strlen(a.files[i].path);
		if (n > 5 && (strcmp(a.files[i].path + n - 5, ".yaml") == 0 || strcmp(a.files[i].path + n - 4, ".yml") == 0)) {
			struct doc d;
			parse(a.files[i].data, a.files[i].len, &d);
			assert_int_equal(d.documents, 1);
			yaml_document_delete(&d.d);
		}
	}
	const struct out_file *readme = out_bundle_find(&a, "README.md");
	assert_non_null(readme);
	for (size_t i = 0; i < a.count; i++) {
		char *cell = xasprintf("| `%s` |", a.files[i].path);
		if (!strstr(readme->data, cell))
			fail_msg("README does not list %s", a.files[i].path);
		free(cell);
	}
	assert_non_null(strstr(readme->data, "kubectl apply -k kubernetes/"));
	assert_non_null(strstr(readme->data, "kind load docker-image registry.example.com/user-api:1.4.2"));
	assert_non_null(strstr(readme->data, "port-forward"));
	assert_non_null(strstr(readme->data, "npx osls deploy"));
	assert_non_null(strstr(readme->data, "aws ecs register-task-definition"));
	assert_non_null(strstr(readme->data, "Autoscaling: 2 to 4 replicas"));
	assert_null(strstr(readme->data, "\n\n\n"));
	out_bundle_fini(&a);
	out_bundle_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_roundtrip_hostile),
		cmocka_unit_test(test_yaml_plain_when_safe),
		cmocka_unit_test(test_yaml_unbalanced_is_an_error),
		cmocka_unit_test(test_yaml_invalid_utf8),
		cmocka_unit_test(test_names_and_images),
		cmocka_unit_test(test_input_check),
		cmocka_unit_test(test_names_rule_and_short_names),
		cmocka_unit_test(test_cpu_and_gpu),
		cmocka_unit_test(test_netpol_egress),
		cmocka_unit_test(test_aws_names_and_modes),
		cmocka_unit_test(test_other_clouds),
		cmocka_unit_test(test_target_parse),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_fargate_sizes),
		cmocka_unit_test(test_memory_bounds_every_generator),
		cmocka_unit_test(test_spec_small_strict_api),
		cmocka_unit_test(test_k8s_files_and_practices),
		cmocka_unit_test(test_k8s_stateful),
		cmocka_unit_test(test_k8s_injection_unchecked),
		cmocka_unit_test(test_k8s_cronjob),
		cmocka_unit_test(test_knative),
		cmocka_unit_test(test_serverless_handlers_match),
		cmocka_unit_test(test_serverless_timeouts_and_iam),
		cmocka_unit_test(test_fargate_task),
		cmocka_unit_test(test_fargate_too_big),
		cmocka_unit_test(test_input_from_answers),
		cmocka_unit_test(test_deterministic_and_readme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
