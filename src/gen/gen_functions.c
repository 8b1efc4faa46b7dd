/* gen_functions.c: functions/ for provider gcp or azure, instead of
 * serverless.yml: a minimal project for the provider's own functions
 * service, one entry point per function the workload type implies (api:
 * HTTP; worker: a queue; job: a schedule; stream: a stream), named as the
 * bundle README's deploy commands name them.
 *   gcp: Cloud Run functions (gen2), the Functions Framework of the runtime:
 *        Node.js (package.json, index.js), Python (main.py,
 *        requirements.txt), Java (pom.xml, Handler.java), Go for the custom
 *        runtime (go.mod, function.go).
 *   azure: Azure Functions, the folder layout: host.json and one folder per
 *        function with its function.json (trigger binding) and code (Node.js
 *        index.js, Python __init__.py); Java and compiled binaries as a
 *        custom handler (host.json customHandler; Java: a dependency-free
 *        HTTP handler on the JDK's server). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "gen.h"
#include "util.h"

static void add(struct out_bundle *b, const char *path, char *text)
{
	out_bundle_add(b, path, text, strlen(text));
}

static bool has(unsigned fns, enum gen_fn k)
{
	return fns & (1u << k);
}

/* ---- Google Cloud: Cloud Run functions ---- */

static void gcp_node(const struct gen_input *in, unsigned fns, struct out_bundle *b)
{
	cJSON *pkg = cJSON_CreateObject();
	cJSON_AddStringToObject(pkg, "name", in->service);
	cJSON_AddStringToObject(pkg, "version", "1.0.0");
	cJSON_AddBoolToObject(pkg, "private", 1);
	cJSON_AddStringToObject(pkg, "main", "index.js");
	cJSON *eng = cJSON_AddObjectToObject(pkg, "engines");
	cJSON_AddStringToObject(eng, "node", ">=22");
	cJSON *deps = cJSON_AddObjectToObject(pkg, "dependencies");
	cJSON_AddStringToObject(deps, "@google-cloud/functions-framework", "^3.4.0");
	add(b, "functions/package.json", gen_json_text(pkg));
	struct strbuf sb = {0};
	sb_printf(&sb, "// Cloud Run functions of %s (Node.js 22). Replace the bodies.\n"
		  "const functions = require('@google-cloud/functions-framework');\n", in->service);
	if (has(fns, GEN_FN_API))
		sb_append(&sb, "\nfunctions.http('api', (req, res) => {\n"
			  "  res.json({ ok: true, path: req.path });\n"
			  "});\n");
	if (has(fns, GEN_FN_WORKER))
		sb_append(&sb, "\n// A Pub/Sub message: throwing makes Pub/Sub redeliver it.\n"
			  "functions.cloudEvent('worker', (event) => {\n"
			  "  const data = Buffer.from(event.data.message.data || '', 'base64').toString('utf8');\n"
			  "  JSON.parse(data);\n"
			  "});\n");
	if (has(fns, GEN_FN_JOB))
		sb_append(&sb, "\n// Called by Cloud Scheduler on the schedule.\n"
			  "functions.http('job', (req, res) => {\n"
			  "  console.log('scheduled run');\n"
			  "  res.status(204).end();\n"
			  "});\n");
	if (has(fns, GEN_FN_STREAM))
		sb_append(&sb, "\nfunctions.cloudEvent('stream', (event) => {\n"
			  "  const data = Buffer.from(event.data.message.data || '', 'base64');\n"
			  "  console.log(event.id, data.length);\n"
			  "});\n");
	add(b, "functions/index.js", sb_take(&sb));
}

static void gcp_python(const struct gen_input *in, unsigned fns, struct out_bundle *b)
{
	add(b, "functions/requirements.txt", xstrdup("functions-framework==3.*\n"));
	struct strbuf sb = {0};
	sb_printf(&sb, "\"\"\"Cloud Run functions of %s (Python 3.13). Replace the bodies.\"\"\"\n"
		  "import base64\nimport json\n\nimport functions_framework\n", in->service);
	if (has(fns, GEN_FN_API))
		sb_append(&sb, "\n\n@functions_framework.http\ndef api(request):\n"
			  "    return {\"ok\": True, \"path\": request.path}\n");
	if (has(fns, GEN_FN_WORKER))
		sb_append(&sb, "\n\n@functions_framework.cloud_event\ndef worker(cloud_event):\n"
			  "    \"\"\"A Pub/Sub message: raising makes Pub/Sub redeliver it.\"\"\"\n"
			  "    data = base64.b64decode(cloud_event.data[\"message\"].get(\"data\", \"\"))\n"
			  "    json.loads(data or b\"{}\")\n");
	if (has(fns, GEN_FN_JOB))
		sb_append(&sb, "\n\n@functions_framework.http\ndef job(request):\n"
			  "    \"\"\"Called by Cloud Scheduler on the schedule.\"\"\"\n"
			  "    print(\"scheduled run\")\n"
			  "    return (\"\", 204)\n");
	if (has(fns, GEN_FN_STREAM))
		sb_append(&sb, "\n\n@functions_framework.cloud_event\ndef stream(cloud_event):\n"
			  "    data = base64.b64decode(cloud_event.data[\"message\"].get(\"data\", \"\"))\n"
			  "    print(cloud_event[\"id\"], len(data))\n");
	add(b, "functions/main.py", sb_take(&sb));
}

static void gcp_java(const struct gen_input *in, unsigned fns, struct out_bundle *b)
{
	add(b, "functions/pom.xml", xasprintf(
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- Cloud Run functions of %s (Java 21): the Functions Framework API. -->\n"
		"<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
		"  <modelVersion>4.0.0</modelVersion>\n"
		"  <groupId>com.example</groupId>\n"
		"  <artifactId>%s</artifactId>\n"
		"  <version>1.0.0</version>\n"
		"  <properties>\n"
		"    <maven.compiler.release>21</maven.compiler.release>\n"
		"    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
		"  </properties>\n"
		"  <dependencies>\n"
		"    <dependency>\n"
		"      <groupId>com.google.cloud.functions</groupId>\n"
		"      <artifactId>functions-framework-api</artifactId>\n"
		"      <version>1.1.4</version>\n"
		"      <scope>provided</scope>\n"
		"    </dependency>\n"
		"  </dependencies>\n"
		"</project>\n", in->service, in->service));
	/* One class per entry point: --entry-point com.example.Api, ... */
	static const char *const classes[] = {"Api", "Worker", "Job", "Stream"};
	for (int k = GEN_FN_API; k <= GEN_FN_STREAM; k++) {
		if (!has(fns, (enum gen_fn)k))
			continue;
		/* Pub/Sub reaches worker and stream through a push subscription,
		 * as an HTTP request; a non-2xx answer makes it redeliver. */
		char *path = xasprintf("functions/src/main/java/com/example/%s.java", classes[k]);
		char *body = xasprintf("// %s of %s: an HTTP function. Replace the body.\n"
				       "package com.example;\n\n"
				       "import com.google.cloud.functions.HttpFunction;\n"
				       "import com.google.cloud.functions.HttpRequest;\n"
				       "import com.google.cloud.functions.HttpResponse;\n\n"
				       "public class %s implements HttpFunction {\n"
				       "\t@Override\n"
				       "\tpublic void service(HttpRequest request, HttpResponse response) throws Exception {\n"
				       "\t\tString body = new String(request.getInputStream().readAllBytes());\n"
				       "\t\tresponse.setContentType(\"application/json\");\n"
				       "\t\tresponse.getWriter().write(\"{\\\"ok\\\":true,\\\"bytes\\\":\" + body.length() + \"}\");\n"
				       "\t}\n"
				       "}\n", classes[k], in->service, classes[k]);
		add(b, path, body);
		free(path);
	}
}

static void gcp_go(const struct gen_input *in, unsigned fns, struct out_bundle *b)
{
	add(b, "functions/go.mod", xasprintf(
		"module example.com/%s\n\n"
		"go 1.23\n\n"
		"require github.com/GoogleCloudPlatform/functions-framework-go v1.9.2\n", in->service));
	struct strbuf sb = {0};
	sb_printf(&sb, "// Package function: Cloud Run functions of %s (Go 1.23, the custom\n"
		  "// runtime's counterpart). Replace the bodies.\n"
		  "package function\n\n"
		  "import (\n"
		  "\t\"encoding/json\"\n"
		  "\t\"log\"\n"
		  "\t\"net/http\"\n\n"
		  "\t\"github.com/GoogleCloudPlatform/functions-framework-go/functions\"\n"
		  ")\n\n"
		  "func init() {\n", in->service);
	static const char *const names[] = {"api", "worker", "job", "stream"};
	for (int k = GEN_FN_API; k <= GEN_FN_STREAM; k++)
		if (has(fns, (enum gen_fn)k))
			sb_printf(&sb, "\tfunctions.HTTP(\"%s\", %s)\n", names[k], names[k]);
	sb_append(&sb, "}\n");
	if (has(fns, GEN_FN_API))
		sb_append(&sb, "\nfunc api(w http.ResponseWriter, r *http.Request) {\n"
			  "\tw.Header().Set(\"Content-Type\", \"application/json\")\n"
			  "\t_ = json.NewEncoder(w).Encode(map[string]any{\"ok\": true, \"path\": r.URL.Path})\n"
			  "}\n");
	/* Pub/Sub pushes its messages as HTTP requests; a non-2xx answer
	 * makes it redeliver. */
	static const char decode[] =
		"\tvar push struct{ Message struct{ Data []byte } }\n"
		"\tif err := json.NewDecoder(r.Body).Decode(&push); err != nil {\n"
		"\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n"
		"\t\treturn\n"
		"\t}\n";
	if (has(fns, GEN_FN_WORKER))
		sb_printf(&sb, "\nfunc worker(w http.ResponseWriter, r *http.Request) {\n%s"
			  "\tw.WriteHeader(http.StatusNoContent)\n"
			  "}\n", decode);
	if (has(fns, GEN_FN_JOB))
		sb_append(&sb, "\nfunc job(w http.ResponseWriter, r *http.Request) {\n"
			  "\tlog.Print(\"scheduled run\")\n"
			  "\tw.WriteHeader(http.StatusNoContent)\n"
			  "}\n");
	if (has(fns, GEN_FN_STREAM))
		sb_printf(&sb, "\nfunc stream(w http.ResponseWriter, r *http.Request) {\n%s"
			  "\tlog.Print(len(push.Message.Data))\n"
			  "\tw.WriteHeader(http.StatusNoContent)\n"
			  "}\n", decode);
	/* Go refuses unused imports: log is used by job and stream only,
	 * encoding/json by all but job. */
	if (!has(fns, GEN_FN_JOB) && !has(fns, GEN_FN_STREAM))
		sb_append(&sb, "\nvar _ = log.Print\n");
	if (!has(fns, GEN_FN_API) && !has(fns, GEN_FN_WORKER) && !has(fns, GEN_FN_STREAM))
		sb_append(&sb, "\nvar _ = json.Valid\n");
	add(b, "functions/function.go", sb_take(&sb));
}

/* ---- Azure Functions ---- */

static bool azure_custom(const struct gen_input *in)
{
	return strcmp(in->runtime, "java21") == 0 || strcmp(in->runtime, "provided.al2023") == 0;
}

static char *azure_host(const struct gen_input *in)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "version", "2.0");
	/* The Consumption plan's limit is 10 minutes; Flex/Premium allow more. */
	cJSON_AddStringToObject(root, "functionTimeout",
				strcmp(in->longest_task, "under_1s") == 0 ? "00:00:30" : "00:10:00");
	cJSON *bundle = cJSON_AddObjectToObject(root, "extensionBundle");
	cJSON_AddStringToObject(bundle, "id", "Microsoft.Azure.Functions.ExtensionBundle");
	cJSON_AddStringToObject(bundle, "version", "[4.*, 5.0.0)");
	if (azure_custom(in)) {
		cJSON *ch = cJSON_AddObjectToObject(root, "customHandler");
		cJSON *d = cJSON_AddObjectToObject(ch, "description");
		if (strcmp(in->runtime, "java21") == 0) {
			cJSON_AddStringToObject(d, "defaultExecutablePath", "java");
			static const char *const args[] = {"-cp", "build", "Handler"};
			cJSON *a = cJSON_AddArrayToObject(d, "arguments");
			for (size_t i = 0; i < 3; i++)
				cJSON_AddItemToArray(a, cJSON_CreateString(args[i]));
		} else {
			cJSON_AddStringToObject(d, "defaultExecutablePath", "handler");
		}
		cJSON_AddBoolToObject(ch, "enableForwardingHttpRequest", 0);
	}
	return gen_json_text(root);
}

static cJSON *binding(cJSON *arr, const char *type, const char *direction, const char *name)
{
	cJSON *bd = cJSON_CreateObject();
	cJSON_AddStringToObject(bd, "type", type);
	cJSON_AddStringToObject(bd, "direction", direction);
	cJSON_AddStringToObject(bd, "name", name);
	cJSON_AddItemToArray(arr, bd);
	return bd;
}

static char *azure_function_json(const struct gen_input *in, enum gen_fn k)
{
	cJSON *root = cJSON_CreateObject();
	if (!azure_custom(in))
		cJSON_AddStringToObject(root, "scriptFile",
					strcmp(in->runtime, "python3.13") == 0 ? "__init__.py" : "index.js");
	cJSON *bs = cJSON_AddArrayToObject(root, "bindings");
	cJSON *t;
	switch (k) {
	case GEN_FN_API:
		t = binding(bs, "httpTrigger", "in", "req");
		cJSON_AddStringToObject(t, "authLevel", "function");
		cJSON *methods = cJSON_AddArrayToObject(t, "methods");
		cJSON_AddItemToArray(methods, cJSON_CreateString("get"));
		cJSON_AddItemToArray(methods, cJSON_CreateString("post"));
		cJSON_AddStringToObject(t, "route", "{*path}");
		binding(bs, "http", "out", "$return");
		break;
	case GEN_FN_WORKER:
		t = binding(bs, "serviceBusTrigger", "in", "message");
		cJSON_AddStringToObject(t, "queueName", "%QUEUE_NAME%");
		cJSON_AddStringToObject(t, "connection", "ServiceBusConnection");
		break;
	case GEN_FN_JOB:
		t = binding(bs, "timerTrigger", "in", "timer");
		cJSON_AddStringToObject(t, "schedule", "0 0 * * * *");   /* NCRONTAB: hourly */
		break;
	case GEN_FN_STREAM:
		t = binding(bs, "eventHubTrigger", "in", "events");
		cJSON_AddStringToObject(t, "eventHubName", "%EVENT_HUB_NAME%");
		cJSON_AddStringToObject(t, "connection", "EventHubConnection");
		cJSON_AddStringToObject(t, "cardinality", "many");
		break;
	}
	(void)in;
	return gen_json_text(root);
}

static char *azure_node(enum gen_fn k)
{
	static const char *const bodies[] = {
		[GEN_FN_API] = "// HTTP: returns the response.\n"
			       "module.exports = async function (context, req) {\n"
			       "  return { status: 200, jsonBody: { ok: true, path: req.params.path || '' } };\n"
			       "};\n",
		[GEN_FN_WORKER] = "// One Service Bus message: throwing makes it retried, then dead-lettered.\n"
				  "module.exports = async function (context, message) {\n"
				  "  context.log('message', typeof message === 'string' ? message.length : 1);\n"
				  "};\n",
		[GEN_FN_JOB] = "// Hourly (host.json's timer binding).\n"
			       "module.exports = async function (context, timer) {\n"
			       "  context.log('scheduled run', timer.isPastDue ? '(late)' : '');\n"
			       "};\n",
		[GEN_FN_STREAM] = "// A batch of Event Hubs events (cardinality many).\n"
				  "module.exports = async function (context, events) {\n"
				  "  context.log('events', events.length);\n"
				  "};\n",
	};
	return xstrdup(bodies[k]);
}

static char *azure_python(enum gen_fn k)
{
	static const char *const bodies[] = {
		[GEN_FN_API] = "import json\n\nimport azure.functions as func\n\n\n"
			       "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
			       "    body = json.dumps({\"ok\": True, \"path\": req.route_params.get(\"path\", \"\")})\n"
			       "    return func.HttpResponse(body, mimetype=\"application/json\")\n",
		[GEN_FN_WORKER] = "import logging\n\nimport azure.functions as func\n\n\n"
				  "def main(message: func.ServiceBusMessage) -> None:\n"
				  "    \"\"\"Raising makes the message retried, then dead-lettered.\"\"\"\n"
				  "    logging.info(\"message %d bytes\", len(message.get_body()))\n",
		[GEN_FN_JOB] = "import logging\n\nimport azure.functions as func\n\n\n"
			       "def main(timer: func.TimerRequest) -> None:\n"
			       "    logging.info(\"scheduled run%s\", \" (late)\" if timer.past_due else \"\")\n",
		[GEN_FN_STREAM] = "import logging\nfrom typing import List\n\nimport azure.functions as func\n\n\n"
				  "def main(events: List[func.EventHubEvent]) -> None:\n"
				  "    logging.info(\"%d events\", len(events))\n",
	};
	return xstrdup(bodies[k]);
}

/* The Java custom handler: the Functions host posts each invocation to
 * /FUNCTION on FUNCTIONS_CUSTOMHANDLER_PORT and reads back Outputs, Logs
 * and ReturnValue. JDK only: javac -d build Handler.java. */
static char *azure_java_handler(const struct gen_input *in)
{
	return xasprintf(
		"// Azure Functions custom handler of %s (Java 21, JDK only).\n"
		"// Build: javac -d build Handler.java; host.json runs java -cp build Handler.\n"
		"import com.sun.net.httpserver.HttpServer;\n"
		"import java.io.IOException;\n"
		"import java.io.OutputStream;\n"
		"import java.net.InetSocketAddress;\n"
		"import java.nio.charset.StandardCharsets;\n\n"
		"public class Handler {\n"
		"\tpublic static void main(String[] args) throws IOException {\n"
		"\t\tString port = System.getenv().getOrDefault(\"FUNCTIONS_CUSTOMHANDLER_PORT\", \"8080\");\n"
		"\t\tHttpServer server = HttpServer.create(new InetSocketAddress(\"127.0.0.1\", Integer.parseInt(port)), 0);\n"
		"\t\t// Every function: /api, /worker, /job, /stream. Replace the answers.\n"
		"\t\tserver.createContext(\"/\", exchange -> {\n"
		"\t\t\texchange.getRequestBody().readAllBytes();\n"
		"\t\t\tString name = exchange.getRequestURI().getPath().substring(1);\n"
		"\t\t\tString ret = name.equals(\"api\")\n"
		"\t\t\t\t? \"{\\\"statusCode\\\":200,\\\"body\\\":\\\"{\\\\\\\"ok\\\\\\\":true}\\\"}\"\n"
		"\t\t\t\t: \"null\";\n"
		"\t\t\tbyte[] out = (\"{\\\"Outputs\\\":{},\\\"Logs\\\":[\\\"\" + name + \"\\\"],\\\"ReturnValue\\\":\" + ret + \"}\")\n"
		"\t\t\t\t.getBytes(StandardCharsets.UTF_8);\n"
		"\t\t\texchange.getResponseHeaders().set(\"Content-Type\", \"application/json\");\n"
		"\t\t\texchange.sendResponseHeaders(200, out.length);\n"
		"\t\t\ttry (OutputStream os = exchange.getResponseBody()) {\n"
		"\t\t\t\tos.write(out);\n"
		"\t\t\t}\n"
		"\t\t});\n"
		"\t\tserver.start();\n"
		"\t}\n"
		"}\n", in->service);
}

static void azure(const struct gen_input *in, unsigned fns, struct out_bundle *b)
{
	static const char *const names[] = {"api", "worker", "job", "stream"};
	add(b, "functions/host.json", azure_host(in));
	if (strcmp(in->runtime, "python3.13") == 0)
		add(b, "functions/requirements.txt", xstrdup("azure-functions\n"));
	if (strcmp(in->runtime, "java21") == 0)
		add(b, "functions/Handler.java", azure_java_handler(in));
	for (int k = GEN_FN_API; k <= GEN_FN_STREAM; k++) {
		if (!has(fns, (enum gen_fn)k))
			continue;
		char *path = xasprintf("functions/%s/function.json", names[k]);
		add(b, path, azure_function_json(in, (enum gen_fn)k));
		free(path);
		if (azure_custom(in))
			continue;
		bool py = strcmp(in->runtime, "python3.13") == 0;
		path = xasprintf("functions/%s/%s", names[k], py ? "__init__.py" : "index.js");
		add(b, path, py ? azure_python((enum gen_fn)k) : azure_node((enum gen_fn)k));
		free(path);
	}
}

int gen_functions_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	(void)err;
	unsigned fns = gen_functions_for(in);
	if (strcmp(in->provider, "azure") == 0) {
		azure(in, fns, b);
		return 0;
	}
	if (strcmp(in->runtime, "python3.13") == 0)
		gcp_python(in, fns, b);
	else if (strcmp(in->runtime, "java21") == 0)
		gcp_java(in, fns, b);
	else if (strcmp(in->runtime, "provided.al2023") == 0)
		gcp_go(in, fns, b);
	else
		gcp_node(in, fns, b);
	return 0;
}
