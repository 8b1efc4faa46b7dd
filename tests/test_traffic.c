/* test_traffic.c: the log parsers, the summary and pattern, the profile cost.
 * Fixtures in tests/fixtures/traffic/ are made by gen.py there, with their
 * answers known by construction (see its comments). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cJSON.h>
#include "traffic.h"
#include "util.h"

static char *fixture(const char *name)
{
	const char *root = getenv("ARCHWISE_ROOT");
	return xasprintf("%s/tests/fixtures/traffic/%s", root ? root : ".", name);
}

/* Reads fixture files into a fresh accumulator and summarises them. */
static struct traffic *read_fixture(const char *name, enum traffic_format fmt,
				    struct traffic_summary *s)
{
	struct traffic *t = traffic_new(fmt);
	struct diag_list d = {0};
	char *path = fixture(name);

	assert_int_equal(traffic_read_file(t, path, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(traffic_summarize(t, s), 0);
	free(path);
	return t;
}

static struct traffic *read_text(const char *text, struct traffic_summary *s, int want)
{
	struct traffic *t = traffic_new(TRAFFIC_AUTO);
	struct diag_list d = {0};

	assert_int_equal(traffic_read_mem(t, text, strlen(text), "mem", &d), 0);
	diag_list_fini(&d);
	assert_int_equal(traffic_summarize(t, s), want);
	return t;
}

static int64_t utc(int y, unsigned m, unsigned d, int hh, int mm, int ss)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = (int)m - 1, .tm_mday = (int)d,
			.tm_hour = hh, .tm_min = mm, .tm_sec = ss};
	return (int64_t)timegm(&tm);
}

static void combined_week_checks(struct traffic *t, struct traffic_summary *s)
{
	static const int per_hour[24] = {1, 1, 1, 1, 1, 1, 4, 4, 4, 10, 10, 10,
					 10, 10, 10, 10, 10, 10, 3, 3, 3, 3, 3, 3};
	const struct diag_list *bad = traffic_bad_lines(t);

	assert_int_equal(traffic_last_format(t), TRAFFIC_COMBINED);
	assert_int_equal(s->lines, 885);
	assert_int_equal(s->bad_lines, 3);
	assert_int_equal(s->requests, 882);
	assert_int_equal(s->hours, 168);
	assert_float_equal(s->days, 7.0, 1e-9);
	assert_float_equal(s->requests_per_day, 126.0, 1e-9);
	/* Local (+0200) Monday 2024-03-04 00:00:01 is Sunday 22:00:01 UTC. */
	assert_int_equal(s->first_ts, utc(2024, 3, 3, 22, 0, 1));
	for (int h = 0; h < 24; h++)
		assert_int_equal(s->hour_of_day[(h + 22) % 24], per_hour[h] * 7);
	for (int d = 0; d < 7; d++)
		assert_int_equal(s->day_of_week[d], 126);
	/* Local Monday 09:00 (+0200) is Monday 07:00 UTC; local Monday 00:00 is
	 * Sunday 22:00 UTC, once: the log ends on local Sunday 23:xx. */
	assert_int_equal(s->week_hour[0][7], 10);
	assert_int_equal(s->week_hour[6][22], 1);
	assert_int_equal(s->week_hour[6][21], 3);
	/* 48 requests a day at 50 ms, 78 at 150 ms. */
	assert_float_equal(s->avg_duration_ms, 14100.0 / 126.0, 1e-6);
	assert_int_equal(s->timed, 882);
	assert_float_equal(s->peak_rps, 1, 0);
	assert_float_equal(s->peak_rpm, 1, 0);
	assert_float_equal(s->peak_hour, 10, 0);
	assert_float_equal(s->idle_fraction, 0, 0);
	assert_int_equal(s->pattern, TRAFFIC_DAILY_CYCLE);
	assert_true(s->daily_fit > 0.99);
	assert_string_equal(traffic_pattern_id(s->pattern), "daily_cycle");
	assert_int_equal(bad->count, 3);
	assert_int_equal(bad->items[0].line, 11);
	assert_int_equal(bad->items[1].line, 401);
	assert_int_equal(bad->items[2].line, 801);
	assert_non_null(strstr(bad->items[1].message, "bad time"));
}

static void test_combined_week(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("combined_week.log", TRAFFIC_AUTO, &s);
	combined_week_checks(t, &s);
	assert_string_equal(traffic_bad_lines(t)->items[0].file,
			    strstr(traffic_bad_lines(t)->items[0].file, "combined_week.log")
				    ? traffic_bad_lines(t)->items[0].file : "?");
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_gzip_same_as_plain(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("combined_week.log.gz", TRAFFIC_AUTO, &s);
	combined_week_checks(t, &s);
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_single_burst(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("burst.log", TRAFFIC_COMBINED, &s);

	assert_int_equal(s.requests, 624);
	assert_int_equal(s.bad_lines, 0);
	assert_int_equal(s.hours, 24);
	assert_float_equal(s.requests_per_day, 624, 1e-9);
	assert_float_equal(s.peak_rps, 100, 0);
	assert_float_equal(s.peak_rpm, 600, 0);
	assert_float_equal(s.peak_hour, 601, 0);
	assert_float_equal(s.burstiness, 601.0 / 26.0, 1e-9);
	assert_int_equal(s.pattern, TRAFFIC_SPIKY);
	assert_true(isnan(s.avg_duration_ms));
	assert_int_equal(s.hour_of_day[12], 601);
	/* 2024-05-01 was a Wednesday. */
	assert_int_equal(s.day_of_week[2], 624);
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_time_zones(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("timezones.log", TRAFFIC_AUTO, &s);

	assert_int_equal(s.requests, 4);
	assert_int_equal(s.first_ts, utc(2024, 3, 1, 12, 0, 0));
	assert_int_equal(s.last_ts, utc(2024, 3, 1, 23, 30, 0));
	assert_int_equal(s.hours, 12);
	assert_int_equal(s.hour_of_day[12], 3);
	assert_int_equal(s.hour_of_day[23], 1);
	assert_int_equal(s.hourly[0], 3);
	/* +0200 and -0500 name the same second. */
	assert_float_equal(s.peak_rps, 2, 0);
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_alb(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("alb.log", TRAFFIC_AUTO, &s);

	assert_int_equal(traffic_last_format(t), TRAFFIC_ALB);
	assert_int_equal(s.lines, 6);
	assert_int_equal(s.bad_lines, 1);
	assert_int_equal(traffic_bad_lines(t)->items[0].line, 3);
	assert_int_equal(s.requests, 5);
	assert_int_equal(s.timed, 4);
	assert_float_equal(s.avg_duration_ms, 250, 1e-9);
	assert_float_equal(s.peak_rps, 3, 0);
	assert_int_equal(s.first_ts, utc(2024, 6, 10, 8, 0, 0));
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_cloudfront(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("cloudfront.log", TRAFFIC_AUTO, &s);

	assert_int_equal(traffic_last_format(t), TRAFFIC_CLOUDFRONT);
	assert_int_equal(s.lines, 4);
	assert_int_equal(s.bad_lines, 0);
	assert_int_equal(s.hours, 2);
	assert_float_equal(s.avg_duration_ms, 25, 1e-9);
	assert_float_equal(s.peak_rps, 2, 0);
	assert_int_equal(s.hour_of_day[10], 3);
	assert_int_equal(s.hour_of_day[11], 1);
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_csv_hourly(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("hourly.csv", TRAFFIC_AUTO, &s);

	assert_int_equal(traffic_last_format(t), TRAFFIC_CSV);
	assert_int_equal(s.lines, 73); /* the header is not a line */
	assert_int_equal(s.bad_lines, 1);
	assert_int_equal(s.requests, 1800);
	assert_int_equal(s.hours, 72);
	assert_float_equal(s.requests_per_day, 600, 1e-9);
	/* Hourly rows: 600 in an hour is 1/6 per second, 10 per minute. */
	assert_float_equal(s.peak_rps, 600.0 / 3600.0, 1e-12);
	assert_float_equal(s.peak_rpm, 10, 1e-12);
	assert_float_equal(s.idle_fraction, 69.0 / 72.0, 1e-12);
	assert_int_equal(s.pattern, TRAFFIC_SPORADIC);
	assert_int_equal(s.hour_of_day[3], 1800);
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_empty_and_garbage(void **state)
{
	struct traffic *t = traffic_new(TRAFFIC_AUTO);
	struct traffic_summary s;
	struct diag_list d = {0};
	char *empty = fixture("empty.log"), *garbage = fixture("garbage.log");

	assert_int_equal(traffic_read_file(t, empty, &d), 0);
	assert_int_equal(traffic_summarize(t, &s), -1);
	assert_int_equal(s.lines, 0);
	traffic_summary_fini(&s);
	assert_int_equal(traffic_read_file(t, garbage, &d), -1);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "cannot tell the log format"));
	diag_list_fini(&d);
	traffic_free(t);

	/* Forced to a format, garbage is bad lines, and nothing parses. */
	t = traffic_new(TRAFFIC_COMBINED);
	assert_int_equal(traffic_read_file(t, garbage, &d), 0);
	assert_int_equal(traffic_summarize(t, &s), -1);
	assert_int_equal(s.lines, 2);
	assert_int_equal(s.bad_lines, 2);
	traffic_summary_fini(&s);
	traffic_free(t);
	free(empty);
	free(garbage);
}

static void test_parse_edge_cases(void **state)
{
	struct traffic_summary s;
	/* CRLF, an escaped quote in the request, $request_time, IPv6, no time. */
	struct traffic *t = read_text(
		"::1 - bob [29/Feb/2024:23:59:59 -0130] \"GET /a\\\"b HTTP/1.1\" 404 0 \"-\" \"x\" 1.5\r\n"
		"::1 - - [29/Feb/2024:23:59:59 -0130] \"GET / HTTP/1.1\" 200 0 \"-\" \"x\"\r\n"
		"::1 - - [30/Feb/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 0 \"-\" \"x\"\n"
		"::1 - - [29/Feb/2024:23:59:59 -0130] \"GET / HTTP/1.1\" abc 0 \"-\" \"x\"\n"
		"::1 - - [29/Feb/2024:23:59:59 -0130] \"GET / HTTP/1.1",
		&s, 0);
	assert_int_equal(s.lines, 5);
	assert_int_equal(s.bad_lines, 3);
	assert_int_equal(s.requests, 2);
	assert_int_equal(s.first_ts, utc(2024, 3, 1, 1, 29, 59));
	assert_int_equal(s.timed, 1);
	assert_float_equal(s.avg_duration_ms, 1500, 1e-9);
	assert_float_equal(s.peak_rps, 2, 0);
	traffic_summary_fini(&s);
	traffic_free(t);
}

static void test_out_of_order_and_span(void **state)
{
	struct strbuf sb = {0};
	struct traffic_summary s;
	char *text;

	/* Two servers' logs concatenated: the second goes back 40 minutes. The
	 * per-second ring still sees both halves of second 12:00:00. */
#define LINE(ts) "192.0.2.1 - - [" ts " +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n"
	for (int i = 0; i < 3; i++)
		sb_append(&sb, LINE("01/Jan/2024:12:00:00"));
	sb_append(&sb, LINE("01/Jan/2024:12:40:00"));
	for (int i = 0; i < 4; i++)
		sb_append(&sb, LINE("01/Jan/2024:12:00:00"));
	/* 20 years later: refused, memory stays bounded. */
	sb_append(&sb, LINE("01/Jan/2044:12:00:00"));
#undef LINE
	text = sb_take(&sb);
	struct traffic *t = read_text(text, &s, 0);
	assert_int_equal(s.requests, 8);
	assert_int_equal(s.bad_lines, 1);
	assert_non_null(strstr(traffic_bad_lines(t)->items[0].message, "3660 days"));
	assert_float_equal(s.peak_rps, 7, 0);
	assert_float_equal(s.peak_rpm, 7, 0);
	traffic_summary_fini(&s);
	traffic_free(t);
	free(text);
}

static void test_long_line_file(void **state)
{
	char path[] = "/tmp/archwise-traffic-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	struct traffic *t = traffic_new(TRAFFIC_CSV);
	struct traffic_summary s;
	struct diag_list d = {0};

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("2024-01-01T00:00:00Z,5\n", f);
	for (int i = 0; i < 5 * 1024 * 1024; i++)
		fputc('x', f);
	fputs("\n2024-01-01T00:00:01Z,7\n", f);
	fclose(f);
	assert_int_equal(traffic_read_file(t, path, &d), 0);
	unlink(path);
	assert_int_equal(traffic_summarize(t, &s), 0);
	assert_int_equal(s.lines, 3);
	assert_int_equal(s.bad_lines, 1);
	assert_int_equal(s.requests, 12);
	assert_int_equal(traffic_bad_lines(t)->items[0].line, 2);
	traffic_summary_fini(&s);
	traffic_free(t);
}

/* The progress bar (stderr, big files) names the file with its controls
 * written out: no ESC or BEL from a file name reaches the terminal. */
static void test_progress_name_escaped(void **state)
{
	char dir[] = "/tmp/archwise-traffic-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/log\033]0;owned\007\033[2J.csv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	/* past the 32 MiB from which the bar shows */
	for (int i = 0; i < 1500000; i++)
		fprintf(f, "2024-01-01T00:%02d:%02dZ,1\n", i / 60 % 60, i % 60);
	fclose(f);
	char *errpath = xasprintf("%s/stderr", dir);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	assert_non_null(freopen(errpath, "w", stderr));
	struct traffic *t = traffic_new(TRAFFIC_CSV);
	struct diag_list d = {0};
	traffic_set_progress(t, true);
	int rc = traffic_read_file(t, path, &d);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_int_equal(rc, 0);
	size_t len = 0;
	FILE *e = fopen(errpath, "r");
	assert_non_null(e);
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, e)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(e);
	len = sb.len;
	char *out = sb_take(&sb);
	assert_true(len > 0);
	assert_non_null(strstr(out, "archwise: reading "));
	assert_non_null(strstr(out, "log\\x1b]0;owned\\x07\\x1b[2J.csv"));
	for (size_t i = 0; i < len; i++)
		if (out[i] == 0x1b || out[i] == 0x07)
			fail_msg("control 0x%02x at %zu of the progress output", out[i], i);
	free(out);
	diag_list_fini(&d);
	traffic_free(t);
	unlink(path);
	unlink(errpath);
	rmdir(dir);
	free(path);
	free(errpath);
}

/* Hourly CSV over 4 days with counts f(hour). */
static char *hourly_csv(double (*f)(int h, int i))
{
	struct strbuf sb = {0};
	for (int i = 0; i < 96; i++)
		sb_printf(&sb, "%lld,%.0f\n", (long long)(utc(2024, 1, 1, 0, 0, 0) + i * 3600),
			  f(i % 24, i));
	return sb_take(&sb);
}

static double flat_f(int h, int i)
{
	return 1000 + (i * 37 % 11) * 10; /* noise within +-5% */
}

static double cycle_f(int h, int i)
{
	return 1000 + 900 * sin((h - 6) * M_PI / 12) + (i % 3) * 10;
}

static double spike_f(int h, int i)
{
	return i == 50 ? 20000 : 1000;
}

static double business_f(int h, int i)
{
	return h >= 9 && h < 17 ? 500 : 0;
}

static void test_patterns(void **state)
{
	static const struct {
		double (*f)(int, int);
		enum traffic_pattern want;
	} cases[] = {
		{flat_f, TRAFFIC_STEADY},
		{cycle_f, TRAFFIC_DAILY_CYCLE},
		{spike_f, TRAFFIC_SPIKY},
		/* 16 idle hours a day, but it recurs every day: a cycle. */
		{business_f, TRAFFIC_DAILY_CYCLE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct traffic_summary s;
		char *text = hourly_csv(cases[i].f);
		struct traffic *t = read_text(text, &s, 0);
		if (s.pattern != cases[i].want)
			fail_msg("case %zu: %s (%s)", i, traffic_pattern_id(s.pattern), s.reason);
		assert_int_equal(s.hours, 96);
		traffic_summary_fini(&s);
		traffic_free(t);
		free(text);
	}
}

static void test_k8s_nodes(void **state)
{
	/* 200 req/s x 250 ms = 50 in flight x 512 MB x 1.3 = 33280 MB on 8 GB nodes. */
	assert_float_equal(traffic_k8s_nodes(50, 512, 8192, 3), 5, 0);
	assert_float_equal(traffic_k8s_nodes(1, 512, 8192, 3), 3, 0);
	assert_float_equal(traffic_k8s_nodes(50, 512, 0, 2), 2, 0);
}

/* A hand price list: kubernetes 100/node; functions 0.003 per daily request
 * less 1 with the free tier; knative 50/node, a node per 10 req/s, at least
 * one; fargate 20/task, a task per 5 req/s, at least one; hybrid half
 * functions plus the node_count cluster. */
static double hand_serverless(const struct cost_inputs *in, double rpd)
{
	double v = rpd * 0.003;
	return in->free_tier ? fmax(0, v - 1) : v;
}

static double hand_cost(void *ctx, enum arch a, const struct cost_inputs *in, double rpd)
{
	double rps = rpd / 86400;
	(*(int *)ctx)++;
	switch (a) {
	case ARCH_KUBERNETES:
		return in->node_count * 100;
	case ARCH_SERVERLESS:
		return hand_serverless(in, rpd);
	case ARCH_KUBERNETES_SERVERLESS:
		return fmax(1, ceil(rps / 10)) * 50;
	case ARCH_SERVERLESS_CONTAINERS:
		return fmax(1, ceil(rps / 5)) * 20;
	default:
		return 0.5 * hand_serverless(in, rpd) + in->node_count * 100;
	}
}

static void test_cost_hand_worked(void **state)
{
	uint64_t hourly[4] = {0, 72000, 0, 0};
	struct traffic_summary s = {
		.requests = 72000, .hours = 4, .days = 4.0 / 24, .requests_per_day = 432000,
		.peak_rps = 200, .avg_duration_ms = 250, .hourly = hourly,
	};
	struct cost_inputs in = {.avg_duration_ms = 999, .memory_mb = 512, .node_count = 3,
				 .free_tier = true};
	struct traffic_costs c;
	int calls = 0;

	traffic_cost_with(&s, &in, 8192, hand_cost, &calls, &c);
	assert_true(calls > 0);
	assert_float_equal(c.duration_ms, 250, 0);
	assert_float_equal(c.peak_concurrency, 50, 1e-12);
	assert_float_equal(c.k8s_nodes, 5, 0);
	assert_float_equal(c.flat[ARCH_KUBERNETES], 300, 1e-9);
	assert_float_equal(c.profile[ARCH_KUBERNETES], 500, 1e-9);
	/* 432000/day x 0.003 = 1296, less 1; per request, the shape changes nothing. */
	assert_float_equal(c.flat[ARCH_SERVERLESS], 1295, 1e-9);
	assert_float_equal(c.profile[ARCH_SERVERLESS], 1295, 1e-9);
	/* Busy hour 20 req/s: 2 nodes (100), idle hours 1 (50): mean 62.5; flat 5 req/s: 50. */
	assert_float_equal(c.flat[ARCH_KUBERNETES_SERVERLESS], 50, 1e-9);
	assert_float_equal(c.profile[ARCH_KUBERNETES_SERVERLESS], 62.5, 1e-9);
	/* 4 tasks (80) in the busy hour, 1 (20) otherwise: 35; flat 20. */
	assert_float_equal(c.flat[ARCH_SERVERLESS_CONTAINERS], 20, 1e-9);
	assert_float_equal(c.profile[ARCH_SERVERLESS_CONTAINERS], 35, 1e-9);
	/* 0.5 x 1295 + 300, free tier credited once. */
	assert_float_equal(c.flat[ARCH_HYBRID], 947.5, 1e-9);
	assert_float_equal(c.profile[ARCH_HYBRID], 947.5, 1e-9);
}

static void test_json_and_text(void **state)
{
	struct traffic_summary s;
	struct traffic *t = read_fixture("alb.log", TRAFFIC_ALB, &s);
	struct traffic_costs c;
	int calls = 0;
	struct cost_inputs in = {.avg_duration_ms = 100, .memory_mb = 128, .node_count = 3};
	char *json, *text;
	cJSON *o;

	traffic_cost_with(&s, &in, 8192, hand_cost, &calls, &c);
	json = traffic_to_json(&s, &c);
	o = cJSON_Parse(json);
	assert_non_null(o);
	assert_float_equal(cJSON_GetObjectItem(o, "lines")->valuedouble, 6, 0);
	assert_float_equal(cJSON_GetObjectItem(o, "bad_lines")->valuedouble, 1, 0);
	assert_float_equal(cJSON_GetObjectItem(o, "peak_rps")->valuedouble, 3, 0);
	assert_float_equal(cJSON_GetObjectItem(o, "avg_duration_ms")->valuedouble, 250, 1e-9);
	assert_non_null(cJSON_GetObjectItem(o, "idle_fraction"));
	assert_non_null(cJSON_GetObjectItem(o, "requests_per_day"));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "hour_of_day")), 24);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "day_of_week")), 7);
	const char *pat = cJSON_GetObjectItem(o, "traffic_pattern")->valuestring;
	assert_string_equal(pat, traffic_pattern_id(s.pattern));
	cJSON *cost = cJSON_GetObjectItem(o, "cost");
	assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(cost, "profile_monthly_usd"),
					    "kubernetes"));
	cJSON_Delete(o);
	free(json);

	text = traffic_to_text(&s, &c);
	assert_non_null(strstr(text, "hour of day UTC  |        @"));
	assert_non_null(strstr(text, "avg duration     250.0 ms"));
	free(text);
	traffic_summary_fini(&s);
	traffic_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_combined_week),
		cmocka_unit_test(test_gzip_same_as_plain),
		cmocka_unit_test(test_single_burst),
		cmocka_unit_test(test_time_zones),
		cmocka_unit_test(test_alb),
		cmocka_unit_test(test_cloudfront),
		cmocka_unit_test(test_csv_hourly),
		cmocka_unit_test(test_empty_and_garbage),
		cmocka_unit_test(test_parse_edge_cases),
		cmocka_unit_test(test_out_of_order_and_span),
		cmocka_unit_test(test_long_line_file),
		cmocka_unit_test(test_progress_name_escaped),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_k8s_nodes),
		cmocka_unit_test(test_cost_hand_worked),
		cmocka_unit_test(test_json_and_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
