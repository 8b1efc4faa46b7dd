/* gen_fargate.c: fargate/task-definition.json and fargate/task-role-policy.json,
 * written with cJSON. Account-specific ARNs carry the placeholder
 * ${AWS_ACCOUNT_ID} (fill with envsubst); everything else comes from the
 * answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "gen.h"
#include "util.h"

/* Fargate task sizes (AWS ECS "task CPU and memory" table): for each cpu,
 * memory from lo to hi MiB in steps of step (256 units: 512, 1024, 2048). */
static const struct {
	unsigned cpu, lo, hi, step;
} fargate_sizes[] = {
	{256, 512, 512, 512},
	{256, 1024, 2048, 1024},
	{512, 1024, 4096, 1024},
	{1024, 2048, 8192, 1024},
	{2048, 4096, 16384, 1024},
	{4096, 8192, 30720, 1024},
	{8192, 16384, 61440, 4096},
	{16384, 32768, 122880, 8192},
};
#define FARGATE_SIZE_COUNT (sizeof(fargate_sizes) / sizeof(fargate_sizes[0]))

bool gen_fargate_pair_valid(unsigned cpu, unsigned memory)
{
	for (size_t i = 0; i < FARGATE_SIZE_COUNT; i++)
		if (fargate_sizes[i].cpu == cpu && memory >= fargate_sizes[i].lo &&
		    memory <= fargate_sizes[i].hi && (memory - fargate_sizes[i].lo) % fargate_sizes[i].step == 0)
			return true;
	return false;
}

int gen_fargate_size(unsigned memory_mb, bool high_cpu, unsigned *cpu, unsigned *memory)
{
	/* 25% headroom over what one instance needs: the task also runs the
	 * Fargate agent and the log driver. */
	unsigned long need = ((unsigned long)memory_mb * 5 + 3) / 4;
	for (size_t i = 0; i < FARGATE_SIZE_COUNT; i++) {
		if (high_cpu && fargate_sizes[i].cpu < 1024)
			continue;
		for (unsigned long m = fargate_sizes[i].lo; m <= fargate_sizes[i].hi; m += fargate_sizes[i].step)
			if (m >= need) {
				*cpu = fargate_sizes[i].cpu;
				*memory = (unsigned)m;
				return 0;
			}
	}
	return -1;
}

static char *print_json(cJSON *root)
{
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		util_fatal("out of memory");
	char *out = xasprintf("%s\n", text);
	cJSON_free(text);
	return out;
}

static cJSON *string_array(const char *const *items, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(items[i]));
	return arr;
}

static char *task_definition(const struct gen_input *in, unsigned cpu, unsigned mem)
{
	char buf[32];
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "family", in->service);
	cJSON_AddStringToObject(root, "networkMode", "awsvpc");
	static const char *const compat[] = {"FARGATE"};
	cJSON_AddItemToObject(root, "requiresCompatibilities", string_array(compat, 1));
	snprintf(buf, sizeof(buf), "%u", cpu);
	cJSON_AddStringToObject(root, "cpu", buf);
	snprintf(buf, sizeof(buf), "%u", mem);
	cJSON_AddStringToObject(root, "memory", buf);
	cJSON *platform = cJSON_AddObjectToObject(root, "runtimePlatform");
	cJSON_AddStringToObject(platform, "operatingSystemFamily", "LINUX");
	cJSON_AddStringToObject(platform, "cpuArchitecture", "X86_64");
	cJSON_AddStringToObject(root, "executionRoleArn",
				"arn:aws:iam::${AWS_ACCOUNT_ID}:role/ecsTaskExecutionRole");
	char *role = xasprintf("arn:aws:iam::${AWS_ACCOUNT_ID}:role/%s-task-role", in->service);
	cJSON_AddStringToObject(root, "taskRoleArn", role);
	free(role);

	cJSON *defs = cJSON_AddArrayToObject(root, "containerDefinitions");
	cJSON *c = cJSON_CreateObject();
	cJSON_AddItemToArray(defs, c);
	cJSON_AddStringToObject(c, "name", in->service);
	cJSON_AddStringToObject(c, "image", in->image);
	cJSON_AddBoolToObject(c, "essential", 1);
	cJSON_AddStringToObject(c, "user", "10001");
	cJSON_AddBoolToObject(c, "readonlyRootFilesystem", 1);
	/* A batch task serves nothing: no port, no HTTP health check (ECS
	 * watches the exit code). */
	bool serves = !gen_k8s_is_cronjob(in);
	if (serves) {
		cJSON *ports = cJSON_AddArrayToObject(c, "portMappings");
		cJSON *p = cJSON_CreateObject();
		cJSON_AddItemToArray(ports, p);
		cJSON_AddStringToObject(p, "name", "http");
		cJSON_AddNumberToObject(p, "containerPort", in->port);
		cJSON_AddNumberToObject(p, "hostPort", in->port);   /* awsvpc: must equal containerPort */
		cJSON_AddStringToObject(p, "protocol", "tcp");
		cJSON *env = cJSON_AddArrayToObject(c, "environment");
		cJSON *e = cJSON_CreateObject();
		cJSON_AddItemToArray(env, e);
		cJSON_AddStringToObject(e, "name", "PORT");
		snprintf(buf, sizeof(buf), "%u", in->port);
		cJSON_AddStringToObject(e, "value", buf);
	}
	/* The root filesystem is read-only: /tmp is a task-local volume. */
	cJSON *mounts = cJSON_AddArrayToObject(c, "mountPoints");
	cJSON *mp = cJSON_CreateObject();
	cJSON_AddItemToArray(mounts, mp);
	cJSON_AddStringToObject(mp, "sourceVolume", "tmp");
	cJSON_AddStringToObject(mp, "containerPath", "/tmp");
	cJSON_AddBoolToObject(mp, "readOnly", 0);
	cJSON *lp = cJSON_AddObjectToObject(c, "linuxParameters");
	cJSON_AddBoolToObject(lp, "initProcessEnabled", 1);
	cJSON *caps = cJSON_AddObjectToObject(lp, "capabilities");
	static const char *const drop[] = {"ALL"};
	cJSON_AddItemToObject(caps, "drop", string_array(drop, 1));
	if (serves) {
		cJSON *hc = cJSON_AddObjectToObject(c, "healthCheck");
		char *probe = xasprintf("wget -q -O /dev/null http://127.0.0.1:%u/healthz || exit 1",
					in->port);
		const char *cmd[] = {"CMD-SHELL", probe};
		cJSON_AddItemToObject(hc, "command", string_array(cmd, 2));
		free(probe);
		cJSON_AddNumberToObject(hc, "interval", 30);
		cJSON_AddNumberToObject(hc, "timeout", 5);
		cJSON_AddNumberToObject(hc, "retries", 3);
		cJSON_AddNumberToObject(hc, "startPeriod", 15);
	}
	cJSON *log = cJSON_AddObjectToObject(c, "logConfiguration");
	cJSON_AddStringToObject(log, "logDriver", "awslogs");
	cJSON *opts = cJSON_AddObjectToObject(log, "options");
	char *group = xasprintf("/ecs/%s", in->service);
	cJSON_AddStringToObject(opts, "awslogs-group", group);
	free(group);
	cJSON_AddStringToObject(opts, "awslogs-region", in->region);
	cJSON_AddStringToObject(opts, "awslogs-stream-prefix", in->service);

	cJSON *vols = cJSON_AddArrayToObject(root, "volumes");
	cJSON *v = cJSON_CreateObject();
	cJSON_AddItemToArray(vols, v);
	cJSON_AddStringToObject(v, "name", "tmp");
	return print_json(root);
}

static cJSON *statement(const char *sid, const char *const *actions, size_t n, const char *resource)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "Sid", sid);
	cJSON_AddStringToObject(s, "Effect", "Allow");
	cJSON_AddItemToObject(s, "Action", string_array(actions, n));
	cJSON_AddStringToObject(s, "Resource", resource);
	return s;
}

static char *task_role_policy(const struct gen_input *in)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "Version", "2012-10-17");
	cJSON *st = cJSON_AddArrayToObject(root, "Statement");
	/* PutMetricData has no resource-level permissions: the namespace
	 * condition keeps the task to its own metrics. */
	static const char *const metrics[] = {"cloudwatch:PutMetricData"};
	cJSON *s = statement("OwnMetrics", metrics, 1, "*");
	cJSON *cond = cJSON_AddObjectToObject(s, "Condition");
	cJSON *eq = cJSON_AddObjectToObject(cond, "StringEquals");
	cJSON_AddStringToObject(eq, "cloudwatch:namespace", in->service);
	cJSON_AddItemToArray(st, s);
	if (strcmp(in->state, "external_state") == 0) {
		static const char *const ddb[] = {
			"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
			"dynamodb:DeleteItem", "dynamodb:Query",
		};
		char *arn = xasprintf("arn:aws:dynamodb:%s:${AWS_ACCOUNT_ID}:table/%s", in->region, in->service);
		cJSON_AddItemToArray(st, statement("OwnTable", ddb, sizeof(ddb) / sizeof(ddb[0]), arn));
		free(arn);
	}
	return print_json(root);
}

int gen_fargate_add(const struct gen_input *in, struct out_bundle *b, char **err)
{
	unsigned cpu, mem;
	if (gen_fargate_size(in->memory_mb, in->high_cpu, &cpu, &mem) < 0) {
		*err = xasprintf("memory_mb %u does not fit any Fargate task size", in->memory_mb);
		return -1;
	}
	char *td = task_definition(in, cpu, mem);
	out_bundle_add(b, "fargate/task-definition.json", td, strlen(td));
	char *pol = task_role_policy(in);
	out_bundle_add(b, "fargate/task-role-policy.json", pol, strlen(pol));
	return 0;
}
