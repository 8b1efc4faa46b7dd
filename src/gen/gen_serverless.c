/* gen_serverless.c: serverless/serverless.yml (Serverless Framework v3,
 * configValidationMode: error) and a handler stub in the chosen runtime
 * whose exported names match the `handler:` entries. Event sources by
 * workload type: http_api -> httpApi, event_processing -> SQS (with a
 * dead-letter queue), batch_jobs -> schedule, streaming -> Kinesis,
 * mixed -> httpApi + SQS. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "util.h"

/* API Gateway HTTP APIs give up after 30 s; the function must finish first. */
#define HTTP_TIMEOUT_MAX 29
#define LAMBDA_TIMEOUT_MAX 900

enum fn_kind { FN_API, FN_WORKER, FN_JOB, FN_STREAM };

static const char *const fn_names[] = {"api", "worker", "job", "stream"};

/* AWS name limits: Lambda function names and IAM role names 64. The
 * framework names functions SERVICE-STAGE-FUNCTION and the role
 * SERVICE-STAGE-REGION-lambdaRole; with a stage of up to GEN_SLS_STAGE_MAX
 * characters those must fit, else the files name them with a shortened
 * service (gen_short_name). */
#define FN_NAME_MAX 64
#define ROLE_NAME_MAX 64
#define FN_SUFFIX_MAX 6   /* "worker", "stream" */

/* The service part of function names, shortened when SERVICE-STAGE-FUNCTION
 * could pass 64 (caller frees); NULL when the framework's names fit. */
static char *function_base(const struct gen_input *in)
{
	size_t room = FN_NAME_MAX - 2 - GEN_SLS_STAGE_MAX - FN_SUFFIX_MAX;
	return strlen(in->service) > room ? gen_short_name(in->service, room) : NULL;
}

/* The role name, when the framework's would pass 64 (caller frees). */
static char *role_name(const struct gen_input *in)
{
	static const char suffix[] = "-lambdaRole";
	size_t fixed = 2 + GEN_SLS_STAGE_MAX + strlen(in->region) + strlen(suffix);
	if (strlen(in->service) + fixed <= ROLE_NAME_MAX)
		return NULL;
	char *short_name = gen_short_name(in->service, ROLE_NAME_MAX - fixed);
	char *name = xasprintf("%s-${sls:stage}-%s%s", short_name, in->region, suffix);
	free(short_name);
	return name;
}

/* Seconds: three times the average duration (at least 6) for sub-second
 * work; the full 15 minutes for anything that may run long. */
static unsigned task_timeout(const struct gen_input *in)
{
	if (strcmp(in->longest_task, "under_1s") != 0)
		return LAMBDA_TIMEOUT_MAX;
	double t = ceil(3.0 * in->avg_duration_ms / 1000.0);
	if (t < 6)
		t = 6;
	return t > LAMBDA_TIMEOUT_MAX ? LAMBDA_TIMEOUT_MAX : (unsigned)t;
}

static unsigned fn_timeout(const struct gen_input *in, enum fn_kind k)
{
	unsigned t = task_timeout(in);
	return k == FN_API && t > HTTP_TIMEOUT_MAX ? HTTP_TIMEOUT_MAX : t;
}

/* Which functions the workload type implies (bit per enum fn_kind). */
static unsigned functions_for(const struct gen_input *in)
{
	const char *w = in->workload_type;
	if (strcmp(w, "event_processing") == 0)
		return 1u << FN_WORKER;
	if (strcmp(w, "batch_jobs") == 0)
		return 1u << FN_JOB;
	if (strcmp(w, "streaming") == 0)
		return 1u << FN_STREAM;
	if (strcmp(w, "mixed") == 0)
		return 1u << FN_API | 1u << FN_WORKER;
	return 1u << FN_API;
}

static bool external_state(const struct gen_input *in)
{
	return strcmp(in->state, "external_state") == 0;
}

static void get_att(struct gen_yaml *y, const char *resource, const char *attr)
{
	gen_yaml_map_start(y);
	gen_yaml_str(y, "Fn::GetAtt");
	gen_yaml_seq_start(y);
	gen_yaml_str(y, resource);
	gen_yaml_str(y, attr);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
}

static void ref(struct gen_yaml *y, const char *name)
{
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "Ref", name);
	gen_yaml_map_end(y);
}

static void actions(struct gen_yaml *y, const char *const *list, size_t n)
{
	gen_yaml_str(y, "Action");
	gen_yaml_seq_start(y);
	for (size_t i = 0; i < n; i++)
		gen_yaml_str(y, list[i]);
	gen_yaml_seq_end(y);
}

static void iam_statements(struct gen_yaml *y, const struct gen_input *in)
{
	gen_yaml_str(y, "iam");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "role");
	gen_yaml_map_start(y);
	char *role = role_name(in);
	if (role)
		gen_yaml_kv_str(y, "name", role);
	free(role);
	gen_yaml_str(y, "statements");
	gen_yaml_seq_start(y);
	/* Logs: only this service's own log groups. */
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "Effect", "Allow");
	static const char *const logs[] = {"logs:CreateLogStream", "logs:PutLogEvents"};
	actions(y, logs, 2);
	gen_yaml_str(y, "Resource");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "Fn::Join");
	gen_yaml_seq_start(y);
	gen_yaml_quoted(y, "");
	gen_yaml_seq_start(y);
	gen_yaml_str(y, "arn:");
	ref(y, "AWS::Partition");
	gen_yaml_str(y, ":logs:");
	ref(y, "AWS::Region");
	gen_yaml_str(y, ":");
	ref(y, "AWS::AccountId");
	char *base = function_base(in);
	char *group = xasprintf(":log-group:/aws/lambda/%s-${sls:stage}-*:*",
				base ? base : "${self:service}");
	gen_yaml_str(y, group);
	free(group);
	free(base);
	gen_yaml_seq_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
	if (external_state(in)) {
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "Effect", "Allow");
		static const char *const ddb[] = {
			"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
			"dynamodb:DeleteItem", "dynamodb:Query",
		};
		actions(y, ddb, sizeof(ddb) / sizeof(ddb[0]));
		gen_yaml_str(y, "Resource");
		get_att(y, "DataTable", "Arn");
		gen_yaml_map_end(y);
	}
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

/* The handler entry for function k in the runtime's naming. */
static char *handler_ref(const struct gen_input *in, enum fn_kind k)
{
	if (strcmp(in->runtime, "java21") == 0)
		return xasprintf("com.example.Handler::%s", fn_names[k]);
	if (strcmp(in->runtime, "provided.al2023") == 0)
		return xstrdup(fn_names[k]);   /* passed to bootstrap as $_HANDLER */
	return xasprintf("handler.%s", fn_names[k]);
}

static void function(struct gen_yaml *y, const struct gen_input *in, enum fn_kind k)
{
	gen_yaml_str(y, fn_names[k]);
	gen_yaml_map_start(y);
	char *h = handler_ref(in, k);
	gen_yaml_kv_str(y, "handler", h);
	free(h);
	char *base = function_base(in);
	if (base) {
		char *name = xasprintf("%s-${sls:stage}-%s", base, fn_names[k]);
		gen_yaml_kv_str(y, "name", name);
		free(name);
		free(base);
	}
	gen_yaml_kv_int(y, "timeout", fn_timeout(in, k));
	gen_yaml_str(y, "events");
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	switch (k) {
	case FN_API:
		gen_yaml_str(y, "httpApi");
		gen_yaml_quoted(y, "*");
		break;
	case FN_WORKER:
		gen_yaml_str(y, "sqs");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "arn");
		get_att(y, "WorkQueue", "Arn");
		gen_yaml_kv_int(y, "batchSize", 10);
		gen_yaml_kv_str(y, "functionResponseType", "ReportBatchItemFailures");
		gen_yaml_map_end(y);
		break;
	case FN_JOB:
		gen_yaml_kv_str(y, "schedule", "rate(1 hour)");
		break;
	case FN_STREAM:
		gen_yaml_str(y, "stream");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "type", "kinesis");
		gen_yaml_str(y, "arn");
		get_att(y, "EventStream", "Arn");
		gen_yaml_kv_int(y, "batchSize", 100);
		gen_yaml_kv_str(y, "startingPosition", "LATEST");
		gen_yaml_kv_int(y, "maximumRetryAttempts", 3);
		gen_yaml_kv_bool(y, "bisectBatchOnFunctionError", true);
		gen_yaml_map_end(y);
		break;
	}
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
	gen_yaml_map_end(y);
}

/* The table's partition key "pk" as a list under key: [{AttributeName: pk,
 * what: value}] (AttributeDefinitions gives its type, KeySchema its role). */
static void key_attribute(struct gen_yaml *y, const char *key, const char *what, const char *value)
{
	gen_yaml_str(y, key);
	gen_yaml_seq_start(y);
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "AttributeName", "pk");
	gen_yaml_kv_str(y, what, value);
	gen_yaml_map_end(y);
	gen_yaml_seq_end(y);
}

static void resources(struct gen_yaml *y, const struct gen_input *in, unsigned fns)
{
	gen_yaml_str(y, "resources");
	gen_yaml_map_start(y);
	gen_yaml_str(y, "Resources");
	gen_yaml_map_start(y);
	if (fns & (1u << FN_WORKER)) {
		/* SQS wants the visibility timeout at least the function's
		 * timeout; AWS recommends six times it. */
		unsigned vis = 6 * fn_timeout(in, FN_WORKER);
		if (vis > 43200)
			vis = 43200;
		gen_yaml_str(y, "WorkQueue");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "Type", "AWS::SQS::Queue");
		gen_yaml_str(y, "Properties");
		gen_yaml_map_start(y);
		gen_yaml_kv_int(y, "VisibilityTimeout", vis);
		gen_yaml_kv_bool(y, "SqsManagedSseEnabled", true);
		gen_yaml_str(y, "RedrivePolicy");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "deadLetterTargetArn");
		get_att(y, "DeadLetterQueue", "Arn");
		gen_yaml_kv_int(y, "maxReceiveCount", 5);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_str(y, "DeadLetterQueue");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "Type", "AWS::SQS::Queue");
		gen_yaml_str(y, "Properties");
		gen_yaml_map_start(y);
		gen_yaml_kv_int(y, "MessageRetentionPeriod", 1209600);
		gen_yaml_kv_bool(y, "SqsManagedSseEnabled", true);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
	}
	if (fns & (1u << FN_STREAM)) {
		gen_yaml_str(y, "EventStream");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "Type", "AWS::Kinesis::Stream");
		gen_yaml_str(y, "Properties");
		gen_yaml_map_start(y);
		gen_yaml_kv_map_str(y, "StreamModeDetails", "StreamMode", "ON_DEMAND");
		gen_yaml_str(y, "StreamEncryption");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "EncryptionType", "KMS");
		gen_yaml_kv_str(y, "KeyId", "alias/aws/kinesis");
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
	}
	if (external_state(in)) {
		gen_yaml_str(y, "DataTable");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "Type", "AWS::DynamoDB::Table");
		gen_yaml_str(y, "Properties");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "BillingMode", "PAY_PER_REQUEST");
		key_attribute(y, "AttributeDefinitions", "AttributeType", "S");
		key_attribute(y, "KeySchema", "KeyType", "HASH");
		gen_yaml_str(y, "PointInTimeRecoverySpecification");
		gen_yaml_map_start(y);
		gen_yaml_kv_bool(y, "PointInTimeRecoveryEnabled", true);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
		gen_yaml_map_end(y);
	}
	gen_yaml_map_end(y);
	gen_yaml_map_end(y);
}

static char *serverless_yml(const struct gen_input *in, size_t *len, char **err)
{
	unsigned fns = functions_for(in);
	unsigned mem = in->memory_mb < 128 ? 128 : in->memory_mb > 10240 ? 10240 : in->memory_mb;
	struct gen_yaml *y = gen_yaml_new();
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "service", in->service);
	/* v3 configuration; the range also admits osls 4, the maintained
	 * open-source fork of v3 that refuses a plain "3". */
	gen_yaml_str(y, "frameworkVersion");
	gen_yaml_quoted(y, "3 || 4");
	gen_yaml_kv_str(y, "configValidationMode", "error");
	gen_yaml_str(y, "provider");
	gen_yaml_map_start(y);
	gen_yaml_kv_str(y, "name", "aws");
	gen_yaml_kv_str(y, "runtime", in->runtime);
	gen_yaml_kv_str(y, "region", in->region);
	gen_yaml_kv_str(y, "stage", "${opt:stage, \"dev\"}");
	gen_yaml_kv_int(y, "memorySize", mem);
	gen_yaml_kv_int(y, "timeout", task_timeout(in));
	gen_yaml_kv_int(y, "logRetentionInDays", 30);
	if (external_state(in)) {
		gen_yaml_str(y, "environment");
		gen_yaml_map_start(y);
		gen_yaml_str(y, "TABLE_NAME");
		ref(y, "DataTable");
		gen_yaml_map_end(y);
	}
	iam_statements(y, in);
	gen_yaml_map_end(y);
	if (strcmp(in->runtime, "java21") == 0) {
		gen_yaml_str(y, "package");
		gen_yaml_map_start(y);
		gen_yaml_kv_str(y, "artifact", "target/handler.jar");
		gen_yaml_map_end(y);
	}
	gen_yaml_str(y, "functions");
	gen_yaml_map_start(y);
	for (int k = FN_API; k <= FN_STREAM; k++)
		if (fns & (1u << k))
			function(y, in, (enum fn_kind)k);
	gen_yaml_map_end(y);
	if (fns & (1u << FN_WORKER | 1u << FN_STREAM) || external_state(in))
		resources(y, in, fns);
	gen_yaml_map_end(y);
	char *text = gen_yaml_finish(y, len, err);
	gen_yaml_free(y);
	return text;
}

/* ---- handler stubs: one entry per function, named as in serverless.yml ---- */

static char *stub_node(const struct gen_input *in, unsigned fns)
{
	struct strbuf sb = {0};
	sb_printf(&sb, "// Handlers of %s (Node.js 22, ES module). Replace the bodies.\n", in->service);
	if (fns & (1u << FN_API))
		sb_append(&sb, "\nexport const api = async (event) => ({\n"
			  "  statusCode: 200,\n"
			  "  headers: { 'content-type': 'application/json' },\n"
			  "  body: JSON.stringify({ ok: true, path: event.rawPath }),\n"
			  "});\n");
	if (fns & (1u << FN_WORKER))
		sb_append(&sb, "\n// SQS batch: return the ids that failed so only they are retried.\n"
			  "export const worker = async (event) => {\n"
			  "  const batchItemFailures = [];\n"
			  "  for (const record of event.Records) {\n"
			  "    try {\n"
			  "      JSON.parse(record.body);\n"
			  "    } catch {\n"
			  "      batchItemFailures.push({ itemIdentifier: record.messageId });\n"
			  "    }\n"
			  "  }\n"
			  "  return { batchItemFailures };\n"
			  "};\n");
	if (fns & (1u << FN_JOB))
		sb_append(&sb, "\nexport const job = async () => {\n"
			  "  console.log('scheduled run');\n"
			  "};\n");
	if (fns & (1u << FN_STREAM))
		sb_append(&sb, "\nexport const stream = async (event) => {\n"
			  "  for (const record of event.Records) {\n"
			  "    const data = Buffer.from(record.kinesis.data, 'base64').toString('utf8');\n"
			  "    console.log(record.kinesis.sequenceNumber, data.length);\n"
			  "  }\n"
			  "};\n");
	return sb_take(&sb);
}

static char *stub_python(const struct gen_input *in, unsigned fns)
{
	struct strbuf sb = {0};
	sb_printf(&sb, "\"\"\"Handlers of %s (Python 3.13). Replace the bodies.\"\"\"\n"
		  "import base64\nimport json\n", in->service);
	if (fns & (1u << FN_API))
		sb_append(&sb, "\n\ndef api(event, context):\n"
			  "    return {\n"
			  "        \"statusCode\": 200,\n"
			  "        \"headers\": {\"content-type\": \"application/json\"},\n"
			  "        \"body\": json.dumps({\"ok\": True, \"path\": event.get(\"rawPath\")}),\n"
			  "    }\n");
	if (fns & (1u << FN_WORKER))
		sb_append(&sb, "\n\ndef worker(event, context):\n"
			  "    \"\"\"SQS batch: report the ids that failed so only they are retried.\"\"\"\n"
			  "    failures = []\n"
			  "    for record in event[\"Records\"]:\n"
			  "        try:\n"
			  "            json.loads(record[\"body\"])\n"
			  "        except ValueError:\n"
			  "            failures.append({\"itemIdentifier\": record[\"messageId\"]})\n"
			  "    return {\"batchItemFailures\": failures}\n");
	if (fns & (1u << FN_JOB))
		sb_append(&sb, "\n\ndef job(event, context):\n"
			  "    print(\"scheduled run\")\n");
	if (fns & (1u << FN_STREAM))
		sb_append(&sb, "\n\ndef stream(event, context):\n"
			  "    for record in event[\"Records\"]:\n"
			  "        data = base64.b64decode(record[\"kinesis\"][\"data\"])\n"
			  "        print(record[\"kinesis\"][\"sequenceNumber\"], len(data))\n");
	return sb_take(&sb);
}

static char *stub_java(const struct gen_input *in, unsigned fns)
{
	static const char *const methods[] = {
		[FN_API] = "\tpublic Map<String, Object> api(Map<String, Object> event) {\n"
			   "\t\treturn Map.of(\"statusCode\", 200,\n"
			   "\t\t\t\"headers\", Map.of(\"content-type\", \"application/json\"),\n"
			   "\t\t\t\"body\", \"{\\\"ok\\\":true}\");\n"
			   "\t}\n",
		[FN_WORKER] = "\t/* SQS batch: an empty failure list acknowledges every message. */\n"
			      "\tpublic Map<String, Object> worker(Map<String, Object> event) {\n"
			      "\t\treturn Map.of(\"batchItemFailures\", List.of());\n"
			      "\t}\n",
		[FN_JOB] = "\tpublic void job(Map<String, Object> event) {\n"
			   "\t\tSystem.out.println(\"scheduled run\");\n"
			   "\t}\n",
		[FN_STREAM] = "\tpublic void stream(Map<String, Object> event) {\n"
			      "\t\tObject records = event.get(\"Records\");\n"
			      "\t\tSystem.out.println(records instanceof List<?> l ? l.size() : 0);\n"
			      "\t}\n",
	};
	struct strbuf sb = {0};
	sb_printf(&sb, "// Handlers of %s (Java 21). No dependencies: Lambda passes the event\n"
		  "// as a Map. Build: javac -d build src/main/java/com/example/Handler.java\n"
		  "//        && jar cf target/handler.jar -C build .\n"
		  "package com.example;\n\nimport java.util.List;\nimport java.util.Map;\n\n"
		  "public class Handler {\n", in->service);
	bool first = true;
	for (int k = FN_API; k <= FN_STREAM; k++) {
		if (!(fns & (1u << k)))
			continue;
		if (!first)
			sb_append(&sb, "\n");
		sb_append(&sb, methods[k]);
		first = false;
	}
	sb_append(&sb, "}\n");
	return sb_take(&sb);
}

static char *stub_bootstrap(const struct gen_input *in)
{
	return xasprintf(
		"#!/bin/sh\n"
		"# Custom runtime for %s (provided.al2023): the Lambda Runtime API loop.\n"
		"# $_HANDLER is the function's handler from serverless.yml (api, worker,\n"
		"# job or stream). Written executable (0755); keep the mode when you copy it.\n"
		"set -eu\n"
		"api=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
		"while true; do\n"
		"\theaders=$(mktemp)\n"
		"\tevent=$(curl -sS -D \"$headers\" \"$api/invocation/next\")\n"
		"\tid=$(grep -i '^lambda-runtime-aws-request-id:' \"$headers\" | tr -d '\\r' | cut -d' ' -f2)\n"
		"\trm -f \"$headers\"\n"
		"\tcase \"$_HANDLER\" in\n"
		"\tapi) body='{\"statusCode\":200,\"body\":\"{\\\"ok\\\":true}\"}' ;;\n"
		"\tworker) body='{\"batchItemFailures\":[]}' ;;\n"
		"\t*) body='{}' ;;\n"
		"\tesac\n"
		"\t: \"${event}\"\n"
		"\tcurl -sS -X POST \"$api/invocation/$id/response\" -d \"$body\" >/dev/null\n"
		"done\n", in->service);
}

int gen_serverless_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	size_t len;
	char *yml = serverless_yml(in, &len, err);
	if (!yml)
		return -1;
	out_bundle_add(b, "serverless/serverless.yml", yml, len);
	unsigned fns = functions_for(in);
	char *stub;
	const char *path;
	if (strcmp(in->runtime, "python3.13") == 0) {
		stub = stub_python(in, fns);
		path = "serverless/handler.py";
	} else if (strcmp(in->runtime, "java21") == 0) {
		stub = stub_java(in, fns);
		path = "serverless/src/main/java/com/example/Handler.java";
	} else if (strcmp(in->runtime, "provided.al2023") == 0) {
		stub = stub_bootstrap(in);
		path = "serverless/bootstrap";
	} else {
		stub = stub_node(in, fns);
		path = "serverless/handler.mjs";
	}
	out_bundle_add(b, path, stub, strlen(stub));
	if (strcmp(path, "serverless/bootstrap") == 0)
		out_bundle_set_executable(b, path);   /* Lambda runs it as it is */
	return 0;
}
