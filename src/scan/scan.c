/* scan.c: what a repository's files say about the answers.
 *
 * Each reader is line based on purpose: Helm templates are not YAML until
 * rendered, Dockerfiles are not YAML at all, and a line number is what the
 * evidence needs. YAML-ish files go through a small indentation tracker that
 * knows each key's ancestors (enough for manifests, serverless.yml, SAM and
 * Compose files). Nothing read from the repository is trusted: evidence is
 * cut to printable ASCII, files are opened without following symlinks. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cJSON.h>
#include "scan.h"
#include "util.h"

#define EVIDENCE_MAX 100

/* Priorities: an explicit setting beats a build file, which beats a hint. */
enum { PRIO_HINT = 10, PRIO_BUILD = 20, PRIO_EXPLICIT = 30 };

/* ---- findings ---- */

static char *clean_text(const char *s, size_t n)
{
	struct strbuf sb = {0};
	size_t out = 0;

	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	for (size_t i = 0; i < n && out < EVIDENCE_MAX; i++, out++) {
		char c = s[i];
		if (c == '\t')
			c = ' ';
		if (c < 0x20 || c > 0x7e)
			c = '?';
		sb_appendn(&sb, &c, 1);
	}
	if (out < n)
		sb_append(&sb, "...");
	return sb_take(&sb);
}

static void add(struct scan_result *r, const char *question, const char *value, const char *file,
		unsigned line, const char *ev, size_t evlen, int priority)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	struct scan_finding *f = &r->items[r->count++];
	f->question = xstrdup(question);
	f->value = clean_text(value, strlen(value));
	f->file = clean_text(file, strlen(file));
	f->line = line;
	f->evidence = clean_text(ev, evlen);
	f->priority = priority;
}

static void add_s(struct scan_result *r, const char *question, const char *value, const char *file,
		  unsigned line, const char *ev, int priority)
{
	add(r, question, value, file, line, ev, strlen(ev), priority);
}

void scan_result_fini(struct scan_result *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->items[i].question);
		free(r->items[i].value);
		free(r->items[i].file);
		free(r->items[i].evidence);
	}
	free(r->items);
	free(r->first_unreadable);
	memset(r, 0, sizeof *r);
}

/* ---- lines ---- */

struct lines {
	const char *p, *end;
	unsigned no;
};

/* Next line without its newline; false at the end. */
static bool next_line(struct lines *it, const char **s, size_t *n)
{
	if (it->p >= it->end)
		return false;
	const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	const char *e = nl ? nl : it->end;
	*s = it->p;
	*n = (size_t)(e - it->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	it->p = nl ? nl + 1 : it->end;
	it->no++;
	return true;
}

static bool ieq(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i]))
			return false;
	return true;
}

static bool starts(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	return n >= m && memcmp(s, lit, m) == 0;
}

static bool contains(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, lit, m) == 0)
			return true;
	return false;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* A bounded copy into a fixed buffer (values we compare or convert). */
static void copy(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* ---- YAML-ish lines ---- */

struct yline {
	unsigned indent;       /* column of the key (after "- ") */
	bool dash;             /* a list item starts here */
	const char *key, *val; /* key NULL: a plain list item or text */
	size_t klen, vlen;
};

/* Splits "  - key: value # c" into its parts; false for blank/comment lines. */
static bool parse_yline(const char *s, size_t n, struct yline *y)
{
	size_t i = 0;

	memset(y, 0, sizeof *y);
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || s[i] == '#')
		return false;
	while (i + 1 < n && s[i] == '-' && (s[i + 1] == ' ' || s[i + 1] == '\t')) {
		y->dash = true;
		i += 2;
		while (i < n && s[i] == ' ')
			i++;
	}
	if (i == n && n > 0 && s[n - 1] == '-')
		y->dash = true;
	y->indent = (unsigned)i;
	const char *b = s + i;
	size_t rest = n - i;
	/* The key ends at the first ": " (or ':' at the end) outside quotes. */
	char q = 0;
	for (size_t k = 0; k < rest; k++) {
		char c = b[k];
		if (q) {
			if (c == q)
				q = 0;
			continue;
		}
		if ((c == '"' || c == '\'') && k == 0) {
			q = c;
			continue;
		}
		if (c == '#' && k > 0 && b[k - 1] == ' ')
			break;
		if (c == ':' && (k + 1 == rest || b[k + 1] == ' ' || b[k + 1] == '\t')) {
			y->key = b;
			y->klen = k;
			y->val = b + k + 1;
			y->vlen = rest - k - 1;
			break;
		}
	}
	if (!y->key) {
		y->val = b;
		y->vlen = rest;
	} else {
		trim(&y->key, &y->klen);
		if (y->klen >= 2 && (y->key[0] == '"' || y->key[0] == '\'') &&
		    y->key[y->klen - 1] == y->key[0])
			y->key++, y->klen -= 2;
	}
	/* Value: drop a trailing comment and matching quotes. */
	for (size_t k = 0; k < y->vlen; k++)
		if (y->val[k] == '#' && (k == 0 || y->val[k - 1] == ' ' || y->val[k - 1] == '\t')) {
			y->vlen = k;
			break;
		}
	trim(&y->val, &y->vlen);
	if (y->vlen >= 2 && (y->val[0] == '"' || y->val[0] == '\'') &&
	    y->val[y->vlen - 1] == y->val[0])
		y->val++, y->vlen -= 2;
	return true;
}

#define YSTACK 32
#define YKEY 64

/* Keys enclosing the current line, by indentation. */
struct ystack {
	unsigned n;
	unsigned indent[YSTACK];
	char key[YSTACK][YKEY];
	bool in_block;          /* inside a | or > block scalar */
	unsigned block_indent;  /* the key that opened it */
};

/* Feeds one line; false when the line is inside a block scalar (skip it). */
static bool ystack_feed(struct ystack *st, const char *s, size_t n, struct yline *y)
{
	if (st->in_block) {
		size_t i = 0;
		while (i < n && s[i] == ' ')
			i++;
		if (i == n || i > st->block_indent)
			return false;
		st->in_block = false;
	}
	if (!parse_yline(s, n, y))
		return false;
	unsigned at = y->dash ? y->indent - 1 : y->indent;
	while (st->n && st->indent[st->n - 1] >= (y->key ? y->indent : at))
		st->n--;
	if (y->dash)
		while (st->n && st->indent[st->n - 1] >= at)
			st->n--;
	if (y->key && st->n < YSTACK) {
		st->indent[st->n] = y->indent;
		copy(st->key[st->n], YKEY, y->key, y->klen);
		st->n++;
	}
	if (y->key && y->vlen && (y->val[0] == '|' || y->val[0] == '>')) {
		st->in_block = true;
		st->block_indent = y->indent;
	}
	return true;
}

/* Is `key` among the ancestors of the current key (not the key itself)? */
static bool yancestor(const struct ystack *st, const char *key)
{
	for (unsigned i = 0; i + 1 < st->n; i++)
		if (strcmp(st->key[i], key) == 0)
			return true;
	return false;
}

static const char *yparent(const struct ystack *st)
{
	return st->n >= 2 ? st->key[st->n - 2] : "";
}

static bool ykey(const struct yline *y, const char *k)
{
	return y->key && y->klen == strlen(k) && memcmp(y->key, k, y->klen) == 0;
}

/* ---- values ---- */

/* Kubernetes quantity ("512Mi", "1G", "268435456") -> MB (MiB); <0 if not one. */
static double k8s_memory_mb(const char *s, size_t n)
{
	char buf[64], *end;
	copy(buf, sizeof buf, s, n);
	errno = 0;
	double v = strtod(buf, &end);
	if (end == buf || errno || !isfinite(v) || v < 0)
		return -1;
	static const struct {
		const char *suffix;
		double bytes;
	} units[] = {
		{"", 1}, {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0},
		{"Ti", 1099511627776.0}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9},
		{"T", 1e12}, {"m", 1e-3},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(end, units[i].suffix) == 0)
			return v * units[i].bytes / 1048576.0;
	return -1;
}

/* A whole non-negative number, or -1. */
static double number(const char *s, size_t n)
{
	char buf[32], *end;
	copy(buf, sizeof buf, s, n);
	errno = 0;
	double v = strtod(buf, &end);
	if (end == buf || *end || errno || !isfinite(v) || v < 0)
		return -1;
	return v;
}

/* Above this a function cannot have the memory (Lambda's maximum). */
#define FUNCTION_MAX_MEMORY_MB 10240

static void add_number(struct scan_result *r, const char *q, double v, const char *file,
		       unsigned line, const char *ev, size_t evlen, int prio)
{
	char buf[32];
	util_format_number_as(buf, sizeof buf, rint(v), INFINITY, 17);
	add(r, q, buf, file, line, ev, evlen, prio);
	if (strcmp(q, "memory_mb") == 0 && v > FUNCTION_MAX_MEMORY_MB)
		add(r, "hardware", "high_memory", file, line, ev, evlen, prio);
}

/* Runtime option for an image or a runtime name, or NULL. Matches on the
 * last path component of an image ("public.ecr.aws/lambda/nodejs:22",
 * "gcr.io/distroless/static-debian12"). */
static const char *runtime_for(const char *s, size_t n)
{
	char buf[256];
	copy(buf, sizeof buf, s, n);
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	char *tag = strchr(buf, '@');
	if (tag)
		*tag = '\0';
	char *last = strrchr(buf, '/');
	char *name = last ? last + 1 : buf;
	char *colon = strchr(name, ':');
	if (colon)
		*colon = '\0';
	if (strstr(buf, "distroless/static") || strstr(buf, "distroless/base") ||
	    strcmp(name, "scratch") == 0)
		return "provided.al2023";
	if (strncmp(name, "node", 4) == 0)
		return "nodejs22.x";
	if (strncmp(name, "python", 6) == 0 || strncmp(name, "pypy", 4) == 0)
		return "python3.13";
	if (strncmp(name, "java", 4) == 0 || strcmp(name, "eclipse-temurin") == 0 ||
	    strcmp(name, "openjdk") == 0 || strcmp(name, "amazoncorretto") == 0 ||
	    strcmp(name, "maven") == 0 || strcmp(name, "gradle") == 0 ||
	    strncmp(name, "ibm-semeru", 10) == 0)
		return "java21";
	if (strcmp(name, "golang") == 0 || strcmp(name, "go") == 0 || strcmp(name, "rust") == 0 ||
	    strncmp(name, "provided", 8) == 0 || strcmp(name, "dotnet") == 0)
		return "provided.al2023";
	return NULL;
}

/* Datastore images that make state external. */
static bool datastore_image(const char *s, size_t n)
{
	static const char *const stores[] = {
		"postgres", "postgis", "mysql", "mariadb", "redis", "valkey", "mongo",
		"memcached", "cassandra", "couchdb", "neo4j", "cockroach",
	};
	char buf[256];
	copy(buf, sizeof buf, s, n);
	char *last = strrchr(buf, '/');
	char *name = last ? last + 1 : buf;
	for (size_t i = 0; i < sizeof stores / sizeof stores[0]; i++)
		if (strncmp(name, stores[i], strlen(stores[i])) == 0)
			return true;
	return false;
}

/* ---- Dockerfile / Containerfile ---- */

#define MAX_STAGES 32

static void scan_dockerfile(struct scan_result *r, const char *path, const char *text, size_t len)
{
	struct lines it = {text, text + len, 0};
	const char *s;
	size_t n;
	bool first = true, port_done = false;
	struct stage {
		char image[128], alias[64];
		unsigned line;
		const char *ev;
		size_t evlen;
	} st[MAX_STAGES];
	unsigned nst = 0;

	while (next_line(&it, &s, &n)) {
		const char *l = s;
		size_t ln = n;
		trim(&l, &ln);
		if (!ln || l[0] == '#')
			continue;
		size_t w = 0;
		while (w < ln && !isspace((unsigned char)l[w]))
			w++;
		const char *arg = l + w;
		size_t alen = ln - w;
		trim(&arg, &alen);
		if (first) {
			add(r, "dev_workflow", "containers", path, it.no, l, ln, PRIO_BUILD);
			first = false;
		}
		if (ieq(l, w, "FROM") && nst < MAX_STAGES) {
			struct stage *g = &st[nst];
			memset(g, 0, sizeof *g);
			/* FROM [--platform=...] image [AS name] */
			while (alen > 2 && arg[0] == '-' && arg[1] == '-') {
				size_t k = 0;
				while (k < alen && !isspace((unsigned char)arg[k]))
					k++;
				arg += k;
				alen -= k;
				trim(&arg, &alen);
			}
			size_t k = 0;
			while (k < alen && !isspace((unsigned char)arg[k]))
				k++;
			copy(g->image, sizeof g->image, arg, k);
			const char *rest = arg + k;
			size_t rlen = alen - k;
			trim(&rest, &rlen);
			if (rlen > 3 && ieq(rest, 2, "AS") && isspace((unsigned char)rest[2])) {
				rest += 3, rlen -= 3;
				trim(&rest, &rlen);
				copy(g->alias, sizeof g->alias, rest, rlen);
			}
			g->line = it.no;
			g->ev = l;
			g->evlen = ln;
			nst++;
		} else if (ieq(l, w, "EXPOSE") && !port_done) {
			size_t k = 0;
			while (k < alen && isdigit((unsigned char)arg[k]))
				k++;
			double port = number(arg, k);
			if (k && port >= 1 && port <= 65535) {
				add_number(r, "container_port", port, path, it.no, l, ln, PRIO_BUILD);
				port_done = true;
			}
		}
	}
	/* The runtime is that of the last stage whose image says one; a stage
	 * built FROM an earlier stage takes that stage's image. */
	for (unsigned i = nst; i-- > 0;) {
		unsigned at = i;
		for (unsigned j = at; j-- > 0;)
			if (st[j].alias[0] && strcasecmp(st[j].alias, st[at].image) == 0)
				at = j;
		const char *rt = runtime_for(st[at].image, strlen(st[at].image));
		if (rt) {
			add(r, "runtime", rt, path, st[at].line, st[at].ev, st[at].evlen, PRIO_BUILD);
			break;
		}
	}
}

/* ---- Kubernetes manifests, Helm charts ---- */

static bool yaml_value_templated(const struct yline *y)
{
	return contains(y->val, y->vlen, "{{") || contains(y->val, y->vlen, "${");
}

/* One document of a manifest file: its kind is known before its lines are read. */
static void scan_k8s_doc(struct scan_result *r, const char *path, const char *text, size_t len,
			 unsigned first_line, const char *kind)
{
	struct lines it = {text, text + len, first_line - 1};
	struct ystack st = {0};
	struct yline y;
	const char *s;
	size_t n;
	bool workload = strcmp(kind, "Deployment") == 0 || strcmp(kind, "StatefulSet") == 0 ||
			strcmp(kind, "DaemonSet") == 0 || strcmp(kind, "Job") == 0 ||
			strcmp(kind, "CronJob") == 0 || strcmp(kind, "Pod") == 0 ||
			strcmp(kind, "ReplicaSet") == 0 || strcmp(kind, "Rollout") == 0;
	bool values = kind[0] == '\0'; /* a Helm values file */

	while (next_line(&it, &s, &n)) {
		if (!ystack_feed(&st, s, n, &y) || !y.key)
			continue;
		if (ykey(&y, "kind") && st.n == 1) {
			if (strcmp(kind, "StatefulSet") == 0)
				add(r, "state", "stateful", path, it.no, s, n, PRIO_EXPLICIT);
			else if (strcmp(kind, "PersistentVolumeClaim") == 0)
				add(r, "state", "stateful", path, it.no, s, n, PRIO_EXPLICIT);
			else if (strcmp(kind, "HorizontalPodAutoscaler") == 0)
				add(r, "scaling_needs", "elastic", path, it.no, s, n, PRIO_BUILD);
			else if (strcmp(kind, "Job") == 0 || strcmp(kind, "CronJob") == 0)
				add(r, "workload_type", "batch_jobs", path, it.no, s, n, PRIO_BUILD);
			else if (strcmp(kind, "Service") == 0 || strcmp(kind, "Ingress") == 0 ||
				 strcmp(kind, "HTTPRoute") == 0)
				add(r, "workload_type", "http_api", path, it.no, s, n, PRIO_HINT);
			if (workload || strcmp(kind, "Service") == 0 || strcmp(kind, "Ingress") == 0) {
				add(r, "existing_investments", "kubernetes_cluster", path, it.no, s, n,
				    PRIO_BUILD);
				add(r, "team_expertise", "kubernetes", path, it.no, s, n, PRIO_HINT);
			}
			continue;
		}
		if (yaml_value_templated(&y))
			continue;
		if (ykey(&y, "memory") && yancestor(&st, "resources") && (workload || values)) {
			double mb = k8s_memory_mb(y.val, y.vlen);
			if (mb > 0)
				add_number(r, "memory_mb", ceil(mb), path, it.no, s, n, PRIO_BUILD);
		} else if ((ykey(&y, "nvidia.com/gpu") || ykey(&y, "amd.com/gpu") ||
			    ykey(&y, "gpu.intel.com/i915")) && (workload || values)) {
			add(r, "hardware", "gpu", path, it.no, s, n, PRIO_EXPLICIT);
		} else if (ykey(&y, "volumeClaimTemplates") && workload) {
			add(r, "state", "stateful", path, it.no, s, n, PRIO_EXPLICIT);
		} else if (ykey(&y, "replicas") && workload && st.n == 2 &&
			   strcmp(st.key[0], "spec") == 0) {
			double v = number(y.val, y.vlen);
			if (v >= 0)
				add(r, "scaling_needs", "modest", path, it.no, s, n, PRIO_HINT);
		} else if (ykey(&y, "maxReplicas") && strcmp(kind, "HorizontalPodAutoscaler") == 0) {
			double v = number(y.val, y.vlen);
			if (v >= 100)
				add(r, "scaling_needs", "massive", path, it.no, s, n, PRIO_EXPLICIT);
		} else if (ykey(&y, "containerPort") && workload) {
			double v = number(y.val, y.vlen);
			if (v >= 1 && v <= 65535)
				add_number(r, "container_port", v, path, it.no, s, n, PRIO_HINT);
		} else if (ykey(&y, "image") && workload && yancestor(&st, "containers") && y.vlen) {
			const char *rt = runtime_for(y.val, y.vlen);
			char img[256];
			copy(img, sizeof img, y.val, y.vlen);
			add(r, "container_image", img, path, it.no, s, n, PRIO_BUILD);
			if (rt)
				add(r, "runtime", rt, path, it.no, s, n, PRIO_HINT);
		} else if (ykey(&y, "name") && workload && st.n == 2 &&
			   strcmp(st.key[0], "metadata") == 0 && y.vlen) {
			char name[128];
			copy(name, sizeof name, y.val, y.vlen);
			add(r, "service_name", name, path, it.no, s, n, PRIO_BUILD);
		} else if (ykey(&y, "activeDeadlineSeconds") && workload) {
			double v = number(y.val, y.vlen);
			if (v > 900)
				add(r, "longest_task", "over_15min", path, it.no, s, n, PRIO_BUILD);
		}
	}
}

static void scan_manifests(struct scan_result *r, const char *path, const char *text, size_t len,
			   bool helm_values)
{
	struct lines it = {text, text + len, 0};
	const char *s, *doc = text;
	size_t n;
	unsigned doc_line = 1;
	char kind[64] = "";
	bool api = false;

	for (;;) {
		const char *here = it.p;
		bool more = next_line(&it, &s, &n);
		bool sep = more && n >= 3 && memcmp(s, "---", 3) == 0 &&
			   (n == 3 || isspace((unsigned char)s[3]));
		if (!more || sep) {
			if ((api && kind[0]) || helm_values)
				scan_k8s_doc(r, path, doc, (size_t)(here - doc), doc_line,
					     helm_values ? "" : kind);
			if (!more)
				break;
			doc = it.p;
			doc_line = it.no + 1;
			kind[0] = '\0';
			api = false;
			continue;
		}
		if (starts(s, n, "apiVersion:"))
			api = true;
		else if (starts(s, n, "kind:")) {
			const char *v = s + 5;
			size_t vn = n - 5;
			trim(&v, &vn);
			copy(kind, sizeof kind, v, vn);
			for (char *p = kind; *p; p++)
				if (isspace((unsigned char)*p) || *p == '#')
					*p = '\0';
		}
	}
}

/* ---- serverless.yml and SAM templates ---- */

/* workload_type for a serverless.yml event or a SAM event Type, or NULL. */
static const char *event_kind(const char *s, size_t n)
{
	static const struct {
		const char *name, *type;
	} ev[] = {
		{"http", "http_api"}, {"httpApi", "http_api"}, {"alb", "http_api"},
		{"websocket", "http_api"}, {"Api", "http_api"}, {"HttpApi", "http_api"},
		{"sqs", "event_processing"}, {"sns", "event_processing"},
		{"eventBridge", "event_processing"}, {"s3", "event_processing"},
		{"cloudwatchEvent", "event_processing"}, {"iot", "event_processing"},
		{"cognitoUserPool", "event_processing"}, {"SQS", "event_processing"},
		{"SNS", "event_processing"}, {"EventBridgeRule", "event_processing"},
		{"CloudWatchEvent", "event_processing"}, {"S3", "event_processing"},
		{"schedule", "batch_jobs"}, {"Schedule", "batch_jobs"}, {"ScheduleV2", "batch_jobs"},
		{"stream", "streaming"}, {"kafka", "streaming"}, {"msk", "streaming"},
		{"Kinesis", "streaming"}, {"DynamoDB", "streaming"}, {"MSK", "streaming"},
		{"SelfManagedKafka", "streaming"},
	};
	for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++)
		if (strlen(ev[i].name) == n && memcmp(ev[i].name, s, n) == 0)
			return ev[i].type;
	return NULL;
}

static void add_timeout(struct scan_result *r, const char *path, unsigned line, const char *s,
			size_t n, const struct yline *y)
{
	double t = number(y->val, y->vlen);
	if (t < 0)
		return;
	add(r, "longest_task", t <= 1 ? "under_1s" : t <= 900 ? "under_15min" : "over_15min",
	    path, line, s, n, PRIO_BUILD);
}

/* A function's memory size (serverless.yml memorySize, SAM MemorySize). */
static void add_function_memory(struct scan_result *r, const char *path, unsigned line,
				const char *s, size_t n, const struct yline *y)
{
	double v = number(y->val, y->vlen);
	if (v > 0)
		add_number(r, "memory_mb", v, path, line, s, n, PRIO_EXPLICIT);
}

/* The first sign of a functions project: how it is built, who knows it. */
static void add_functions_project(struct scan_result *r, const char *path, unsigned line,
				  const char *s, size_t n)
{
	add(r, "dev_workflow", "functions", path, line, s, n, PRIO_BUILD);
	add(r, "team_expertise", "serverless", path, line, s, n, PRIO_HINT);
}

static void add_function_runtime(struct scan_result *r, const char *path, unsigned line,
				 const char *s, size_t n, const struct yline *y)
{
	const char *rt = runtime_for(y->val, y->vlen);
	if (rt)
		add(r, "runtime", rt, path, line, s, n, PRIO_EXPLICIT);
}

static void scan_serverless(struct scan_result *r, const char *path, const char *text, size_t len)
{
	struct lines it = {text, text + len, 0};
	struct ystack st = {0};
	struct yline y;
	const char *s;
	size_t n;
	bool first = true;

	while (next_line(&it, &s, &n)) {
		if (!ystack_feed(&st, s, n, &y))
			continue;
		if (first) {
			add_functions_project(r, path, it.no, s, n);
			first = false;
		}
		if (!y.key) {
			continue;
		}
		if (st.n == 1 && ykey(&y, "service") && y.vlen && !yaml_value_templated(&y)) {
			char name[128];
			copy(name, sizeof name, y.val, y.vlen);
			add(r, "service_name", name, path, it.no, s, n, PRIO_EXPLICIT);
		} else if (ykey(&y, "name") && st.n == 2 && strcmp(st.key[0], "provider") == 0 &&
			   ieq(y.val, y.vlen, "aws")) {
			add(r, "existing_investments", "cloud_managed_services", path, it.no, s, n,
			    PRIO_BUILD);
		} else if (ykey(&y, "runtime")) {
			add_function_runtime(r, path, it.no, s, n, &y);
		} else if (ykey(&y, "memorySize")) {
			add_function_memory(r, path, it.no, s, n, &y);
		} else if (ykey(&y, "timeout") && !yancestor(&st, "resources")) {
			add_timeout(r, path, it.no, s, n, &y);
		} else if (y.dash && strcmp(yparent(&st), "events") == 0) {
			const char *k = event_kind(y.key, y.klen);
			if (k)
				add(r, "workload_type", k, path, it.no, s, n, PRIO_EXPLICIT);
		} else if (ykey(&y, "Type") && (ieq(y.val, y.vlen, "AWS::DynamoDB::Table") ||
						contains(y.val, y.vlen, "AWS::RDS::"))) {
			add(r, "state", "external_state", path, it.no, s, n, PRIO_BUILD);
		}
	}
}

static void scan_sam(struct scan_result *r, const char *path, const char *text, size_t len)
{
	struct lines it = {text, text + len, 0};
	struct ystack st = {0};
	struct yline y;
	const char *s;
	size_t n;
	bool first = true;

	while (next_line(&it, &s, &n)) {
		if (!ystack_feed(&st, s, n, &y) || !y.key)
			continue;
		if (ykey(&y, "Type") && ieq(y.val, y.vlen, "AWS::Serverless::Function") && first) {
			add_functions_project(r, path, it.no, s, n);
			add(r, "existing_investments", "cloud_managed_services", path, it.no, s, n,
			    PRIO_BUILD);
			first = false;
		} else if (ykey(&y, "Type") && yancestor(&st, "Events")) {
			const char *k = event_kind(y.val, y.vlen);
			if (k)
				add(r, "workload_type", k, path, it.no, s, n, PRIO_EXPLICIT);
		} else if (ykey(&y, "Type") && (ieq(y.val, y.vlen, "AWS::DynamoDB::Table") ||
						ieq(y.val, y.vlen, "AWS::Serverless::SimpleTable") ||
						contains(y.val, y.vlen, "AWS::RDS::"))) {
			add(r, "state", "external_state", path, it.no, s, n, PRIO_BUILD);
		} else if (ykey(&y, "Runtime")) {
			add_function_runtime(r, path, it.no, s, n, &y);
		} else if (ykey(&y, "MemorySize")) {
			add_function_memory(r, path, it.no, s, n, &y);
		} else if (ykey(&y, "Timeout")) {
			add_timeout(r, path, it.no, s, n, &y);
		}
	}
}

/* ---- Compose ---- */

static void scan_compose(struct scan_result *r, const char *path, const char *text, size_t len)
{
	struct lines it = {text, text + len, 0};
	struct ystack st = {0};
	struct yline y;
	const char *s;
	size_t n;
	unsigned services = 0, stores = 0, svc_indent = 0, first_line = 0;
	bool store_seen = false;

	while (next_line(&it, &s, &n)) {
		if (!ystack_feed(&st, s, n, &y) || !y.key)
			continue;
		/* A service: a key right under the top-level services key. */
		if (st.n == 2 && strcmp(st.key[0], "services") == 0 &&
		    (svc_indent == 0 || y.indent == svc_indent)) {
			svc_indent = y.indent;
			if (!services)
				first_line = it.no;
			services++;
		} else if (ykey(&y, "image") && st.n == 3 && strcmp(st.key[0], "services") == 0 &&
			   datastore_image(y.val, y.vlen)) {
			stores++;
			if (!store_seen)
				add(r, "state", "external_state", path, it.no, s, n, PRIO_BUILD);
			store_seen = true;
		}
	}
	if (!services)
		return;
	add_s(r, "dev_workflow", "containers", path, first_line, "a Compose file", PRIO_HINT);
	/* Datastores are not services of the application. */
	unsigned apps = services > stores ? services - stores : services;
	char ev[96];
	snprintf(ev, sizeof ev, "%u services (%u of them datastores)", services, stores);
	add_s(r, "service_count",
	      apps <= 1 ? "single" : apps <= 5 ? "few" : apps <= 20 ? "many" : "very_many",
	      path, first_line, ev, PRIO_BUILD);
}

/* ---- language manifests ---- */

/* Language manifest: the runtime, evidence the line naming the version when
 * there is one (else line 1). */
static void scan_manifest(struct scan_result *r, const char *path, const char *text, size_t len,
			  const char *runtime, const char *version_key, int prio)
{
	struct lines it = {text, text + len, 0};
	const char *s;
	size_t n;
	unsigned line = 0;
	const char *ev = NULL;
	size_t evlen = 0;

	while (version_key && next_line(&it, &s, &n))
		if (contains(s, n, version_key)) {
			line = it.no;
			ev = s;
			evlen = n;
			break;
		}
	if (!ev) {
		char why[96];
		const char *base = strrchr(path, '/');
		snprintf(why, sizeof why, "%s is present", base ? base + 1 : path);
		add_s(r, "runtime", runtime, path, 0, why, prio);
		return;
	}
	add(r, "runtime", runtime, path, line, ev, evlen, prio);
}

/* ---- dispatch ---- */

static bool name_is(const char *base, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(base, *names) == 0)
			return true;
	return false;
}

static bool ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_yaml(const char *base)
{
	return ends(base, ".yaml") || ends(base, ".yml");
}

static bool is_dockerfile(const char *base)
{
	return strcmp(base, "Dockerfile") == 0 || strcmp(base, "Containerfile") == 0 ||
	       strncmp(base, "Dockerfile.", 11) == 0 || strncmp(base, "Containerfile.", 14) == 0 ||
	       ends(base, ".Dockerfile") || ends(base, ".dockerfile");
}

static bool is_compose(const char *base)
{
	return is_yaml(base) && (strncmp(base, "docker-compose", 14) == 0 ||
				 strncmp(base, "compose.", 8) == 0 ||
				 strncmp(base, "compose-", 8) == 0);
}

/* Does a file name matter to the scan? (Only those are read.) */
static bool interesting(const char *base)
{
	static const char *const names[] = {
		"package.json", "requirements.txt", "pyproject.toml", "Pipfile", "setup.py",
		"go.mod", "pom.xml", "build.gradle", "build.gradle.kts", "Cargo.toml", NULL,
	};
	return is_dockerfile(base) || is_yaml(base) || name_is(base, names) ||
	       (strncmp(base, "requirements", 12) == 0 && ends(base, ".txt"));
}

void scan_text(struct scan_result *r, const char *path, const char *text, size_t len)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (is_dockerfile(base))
		scan_dockerfile(r, path, text, len);
	else if (strcmp(base, "serverless.yml") == 0 || strcmp(base, "serverless.yaml") == 0)
		scan_serverless(r, path, text, len);
	else if (is_compose(base))
		scan_compose(r, path, text, len);
	else if (is_yaml(base) && contains(text, len, "AWS::Serverless"))
		scan_sam(r, path, text, len);
	else if (strcmp(base, "Chart.yaml") == 0) {
		add_s(r, "existing_investments", "kubernetes_cluster", path, 0, "a Helm chart",
		      PRIO_BUILD);
		add_s(r, "team_expertise", "kubernetes", path, 0, "a Helm chart", PRIO_HINT);
	} else if (strcmp(base, "values.yaml") == 0 || strcmp(base, "values.yml") == 0)
		scan_manifests(r, path, text, len, true);
	else if (is_yaml(base))
		scan_manifests(r, path, text, len, false);
	else if (strcmp(base, "package.json") == 0)
		scan_manifest(r, path, text, len, "nodejs22.x", "\"node\"", PRIO_HINT);
	else if (strcmp(base, "pyproject.toml") == 0)
		scan_manifest(r, path, text, len, "python3.13", "requires-python", PRIO_HINT);
	else if (strcmp(base, "Pipfile") == 0)
		scan_manifest(r, path, text, len, "python3.13", "python_version", PRIO_HINT);
	else if (strcmp(base, "setup.py") == 0 || strncmp(base, "requirements", 12) == 0)
		scan_manifest(r, path, text, len, "python3.13", NULL, PRIO_HINT);
	else if (strcmp(base, "go.mod") == 0)
		scan_manifest(r, path, text, len, "provided.al2023", "go ", PRIO_HINT);
	else if (strcmp(base, "pom.xml") == 0)
		scan_manifest(r, path, text, len, "java21", "<java.version>", PRIO_HINT);
	else if (strncmp(base, "build.gradle", 12) == 0)
		scan_manifest(r, path, text, len, "java21", "JavaVersion", PRIO_HINT);
	else if (strcmp(base, "Cargo.toml") == 0)
		scan_manifest(r, path, text, len, "provided.al2023", "edition", PRIO_HINT);
}

/* ---- the walk ---- */

static bool skipped_dir(const char *name)
{
	static const char *const skip[] = {
		".git", "node_modules", "vendor", ".hg", ".svn", ".venv", "venv",
		"__pycache__", ".terraform", ".serverless", ".aws-sam", NULL,
	};
	return name_is(name, skip);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads at most SCAN_MAX_FILE_BYTES of a regular file opened without
 * following a symlink; NULL if it is not one. */
static char *read_capped(int dirfd, const char *name, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)sb.st_size < SCAN_MAX_FILE_BYTES ? (size_t)sb.st_size : SCAN_MAX_FILE_BYTES;
	char *buf = xmalloc(cap + 1);
	size_t got = 0;
	while (got < cap) {
		ssize_t k = read(fd, buf + got, cap - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	/* NUL bytes would end strings early in the readers' helpers. */
	for (size_t i = 0; i < got; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[got] = '\0';
	*len = got;
	return buf;
}

struct walk {
	struct scan_result *r;
};

static void walk(struct walk *w, int dirfd, const char *rel, unsigned depth)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		close(dirfd);
		return;
	}
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	/* Files first, then folders: shallower evidence comes first. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			struct stat sb;
			if (!names[i] || fstatat(dirfd, names[i], &sb, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			bool is_dir = S_ISDIR(sb.st_mode);
			if ((pass == 0) == is_dir)
				continue;
			if (w->r->files_seen >= SCAN_MAX_FILES) {
				w->r->truncated = true;
				goto out;
			}
			w->r->files_seen++;
			char *path = rel[0] ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
			if (is_dir) {
				if (depth + 1 <= SCAN_MAX_DEPTH && !skipped_dir(names[i])) {
					int fd = openat(dirfd, names[i],
							O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
					if (fd >= 0)
						walk(w, fd, path, depth + 1);
					else if (!w->r->unreadable++)
						w->r->first_unreadable = xasprintf("%s: %s", path,
										   strerror(errno));
				}
			} else if (S_ISREG(sb.st_mode) && interesting(names[i])) {
				size_t len;
				char *text = read_capped(dirfd, names[i], &len);
				if (text) {
					w->r->files_read++;
					scan_text(w->r, path, text, len);
					free(text);
				}
			}
			free(path);
		}
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
}

int scan_dir(const char *dir, struct scan_result *out, char **err)
{
	memset(out, 0, sizeof *out);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (err)
			*err = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	struct walk w = {out};
	walk(&w, fd, "", 0);
	return 0;
}

/* ---- merging ---- */

/* The questions scan answers, in the order answers are listed. */
static const struct {
	const char *id;
	enum scan_kind kind;
} questions[] = {
	{"workload_type", SCAN_SINGLE}, {"longest_task", SCAN_SINGLE},
	{"memory_mb", SCAN_NUMBER},     {"state", SCAN_SINGLE},
	{"hardware", SCAN_MULTIPLE},    {"service_count", SCAN_SINGLE},
	{"scaling_needs", SCAN_SINGLE}, {"team_expertise", SCAN_SINGLE},
	{"dev_workflow", SCAN_SINGLE},  {"existing_investments", SCAN_MULTIPLE},
	{"service_name", SCAN_SINGLE},  {"container_image", SCAN_SINGLE},
	{"container_port", SCAN_NUMBER}, {"runtime", SCAN_SINGLE},
};

/* Two findings that together mean a third value ("both", "either", "mixed"). */
static const char *combined(const char *q, const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return a;
	if (strcmp(q, "team_expertise") == 0)
		return "both";
	if (strcmp(q, "dev_workflow") == 0)
		return "either";
	if (strcmp(q, "workload_type") == 0)
		return "mixed";
	return NULL;
}

static bool combines(const char *q)
{
	return strcmp(q, "team_expertise") == 0 || strcmp(q, "dev_workflow") == 0 ||
	       strcmp(q, "workload_type") == 0;
}

void scan_merge(const struct scan_result *r, struct scan_answers *out)
{
	size_t nq = sizeof questions / sizeof questions[0];

	out->items = xcalloc(nq, sizeof *out->items);
	out->count = 0;
	for (size_t qi = 0; qi < nq; qi++) {
		const char *q = questions[qi].id;
		struct scan_answer *a = &out->items[out->count];
		const struct scan_finding *best = NULL;
		const char *value = NULL;
		int best_prio = -1;

		memset(a, 0, sizeof *a);
		a->question = q;
		a->kind = questions[qi].kind;
		for (size_t i = 0; i < r->count; i++) {
			const struct scan_finding *f = &r->items[i];
			if (strcmp(f->question, q) != 0)
				continue;
			if (a->kind == SCAN_MULTIPLE) {
				bool dup = false;
				for (size_t k = 0; k < a->values_count; k++)
					dup |= strcmp(a->values[k], f->value) == 0;
				if (!dup) {
					a->values = xrealloc(a->values,
							     (a->values_count + 1) * sizeof *a->values);
					a->values[a->values_count++] = xstrdup(f->value);
				}
				if (!best)
					best = f;
				continue;
			}
			if (combines(q)) {
				/* Only the strongest signals count; distinct ones combine. */
				if (f->priority > best_prio) {
					best = f;
					best_prio = f->priority;
					value = f->value;
				} else if (f->priority == best_prio) {
					value = combined(q, value, f->value);
				}
				continue;
			}
			/* Highest priority wins; memory ties take the largest. */
			if (f->priority > best_prio ||
			    (f->priority == best_prio && strcmp(q, "memory_mb") == 0 &&
			     strtod(f->value, NULL) > strtod(value, NULL))) {
				best = f;
				best_prio = f->priority;
				value = f->value;
			}
		}
		if (a->kind == SCAN_MULTIPLE ? a->values_count == 0 : value == NULL)
			continue;
		if (a->kind != SCAN_MULTIPLE) {
			a->values = xmalloc(sizeof *a->values);
			a->values[0] = xstrdup(value);
			a->values_count = 1;
		}
		a->from = best;
		out->count++;
	}
}

void scan_answers_fini(struct scan_answers *a)
{
	for (size_t i = 0; i < a->count; i++) {
		for (size_t k = 0; k < a->items[i].values_count; k++)
			free(a->items[i].values[k]);
		free(a->items[i].values);
	}
	free(a->items);
	memset(a, 0, sizeof *a);
}

const struct scan_answer *scan_answers_get(const struct scan_answers *a, const char *id)
{
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->items[i].question, id) == 0)
			return &a->items[i];
	return NULL;
}

/* ---- output ---- */

char *scan_to_text(const struct scan_result *r)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < r->count; i++) {
		const struct scan_finding *f = &r->items[i];
		if (f->line)
			sb_printf(&sb, "%s = %s  (%s:%u: %s)\n", f->question, f->value, f->file,
				  f->line, f->evidence);
		else
			sb_printf(&sb, "%s = %s  (%s: %s)\n", f->question, f->value, f->file,
				  f->evidence);
	}
	return sb_take(&sb);
}

char *scan_to_json(const struct scan_result *r, const struct scan_answers *a)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(root, "findings");
	cJSON *ans = cJSON_AddObjectToObject(root, "answers");
	char *out = NULL;

	if (!root || !list || !ans)
		goto done;
	for (size_t i = 0; i < r->count; i++) {
		const struct scan_finding *f = &r->items[i];
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(list, o))
			goto done;
		cJSON_AddStringToObject(o, "question", f->question);
		cJSON_AddStringToObject(o, "value", f->value);
		cJSON_AddStringToObject(o, "file", f->file);
		cJSON_AddNumberToObject(o, "line", f->line);
		cJSON_AddStringToObject(o, "evidence", f->evidence);
	}
	for (size_t i = 0; a && i < a->count; i++) {
		const struct scan_answer *x = &a->items[i];
		if (x->kind == SCAN_MULTIPLE) {
			cJSON *arr = cJSON_AddArrayToObject(ans, x->question);
			for (size_t k = 0; arr && k < x->values_count; k++)
				cJSON_AddItemToArray(arr, cJSON_CreateString(x->values[k]));
		} else if (x->kind == SCAN_NUMBER) {
			cJSON_AddNumberToObject(ans, x->question, strtod(x->values[0], NULL));
		} else {
			cJSON_AddStringToObject(ans, x->question, x->values[0]);
		}
	}
	cJSON_AddNumberToObject(root, "files_seen", (double)r->files_seen);
	cJSON_AddNumberToObject(root, "files_read", (double)r->files_read);
	cJSON_AddBoolToObject(root, "truncated", r->truncated);
	out = cJSON_Print(root);
done:
	cJSON_Delete(root);
	return out;
}
