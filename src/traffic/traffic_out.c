/* traffic_out.c: the text and JSON reports of `archwise traffic`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cJSON.h>
#include "traffic.h"
#include "util.h"

static void iso_time(int64_t ts, char *buf, size_t size)
{
	time_t tt = (time_t)ts;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "%lld", (long long)ts);
}

/* One ASCII character per value, ten levels; zero is a blank. */
static void sparkline(const uint64_t *v, size_t n, char *out)
{
	static const char levels[] = " .:-=+*#%@";
	uint64_t max = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (size_t i = 0; i < n; i++) {
		size_t l = 0;
		if (v[i] && max)
			l = 1 + (size_t)((double)v[i] * 8.0 / (double)max + 0.5);
		out[i] = levels[l > 9 ? 9 : l];
	}
	out[n] = '\0';
}

static const char *const weekdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

char *traffic_to_text(const struct traffic_summary *s, const struct traffic_costs *c)
{
	struct strbuf sb = {0};
	char a[32], b[32], spark[25];

	iso_time(s->first_ts, a, sizeof a);
	iso_time(s->last_ts, b, sizeof b);
	sb_printf(&sb, "lines            %llu (%llu bad)\n", (unsigned long long)s->lines,
		  (unsigned long long)s->bad_lines);
	sb_printf(&sb, "requests         %llu\n", (unsigned long long)s->requests);
	sb_printf(&sb, "span             %s .. %s (%zu hours, %.2f days)\n", a, b, s->hours, s->days);
	sb_printf(&sb, "requests/day     %.0f\n", s->requests_per_day);
	sb_printf(&sb, "peak             %.1f req/s, %.0f req/min, %.0f req/hour\n", s->peak_rps,
		  s->peak_rpm, s->peak_hour);
	sb_printf(&sb, "idle hours       %.1f%%\n", s->idle_fraction * 100);
	sb_printf(&sb, "burstiness       %.2f (busiest hour / mean hour)\n", s->burstiness);
	if (!isnan(s->avg_duration_ms))
		sb_printf(&sb, "avg duration     %.1f ms (%llu timed requests)\n", s->avg_duration_ms,
			  (unsigned long long)s->timed);
	else
		sb_printf(&sb, "avg duration     unknown (the log has no request times)\n");
	sb_printf(&sb, "traffic pattern  %s: %s\n", traffic_pattern_id(s->pattern), s->reason);
	sparkline(s->hour_of_day, 24, spark);
	sb_printf(&sb, "hour of day UTC  |%s|  00..23, busiest = @\n", spark);
	sb_printf(&sb, "day of week      ");
	for (int d = 0; d < 7; d++)
		sb_printf(&sb, "%s %llu%s", weekdays[d], (unsigned long long)s->day_of_week[d],
			  d < 6 ? "  " : "\n");
	if (c) {
		sb_printf(&sb, "\ncost per month (USD), %.0f ms per request, peak %.1f in flight\n",
			  c->duration_ms, c->peak_concurrency);
		sb_printf(&sb, "  %-22s %12s %12s %12s\n", "architecture", "flat", "profile",
			  "difference");
		for (int i = 0; i < ARCH_COUNT; i++) {
			double diff = c->profile[i] - c->flat[i];
			sb_printf(&sb, "  %-22s %12.2f %12.2f %+12.2f\n", arch_id((enum arch)i),
				  c->flat[i], c->profile[i], fabs(diff) < 0.005 ? 0.0 : diff);
		}
		sb_printf(&sb, "  flat: the same requests spread evenly; profile: kubernetes sized for "
			       "the peak (%.0f nodes), the rest hour by hour\n", c->k8s_nodes);
	}
	return sb_take(&sb);
}

static cJSON *u64_array(const uint64_t *v, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)v[i]));
	return arr;
}

/* Cents are enough for costs; it also keeps the output stable. */
static double cents(double v)
{
	return round(v * 100.0) / 100.0;
}

char *traffic_to_json(const struct traffic_summary *s, const struct traffic_costs *c)
{
	cJSON *o = cJSON_CreateObject();
	char a[32], b[32];
	char *text;

	iso_time(s->first_ts, a, sizeof a);
	iso_time(s->last_ts, b, sizeof b);
	cJSON_AddNumberToObject(o, "lines", (double)s->lines);
	cJSON_AddNumberToObject(o, "bad_lines", (double)s->bad_lines);
	cJSON_AddNumberToObject(o, "requests", (double)s->requests);
	cJSON_AddStringToObject(o, "first_timestamp", a);
	cJSON_AddStringToObject(o, "last_timestamp", b);
	cJSON_AddNumberToObject(o, "hours", (double)s->hours);
	cJSON_AddNumberToObject(o, "days", s->days);
	cJSON_AddNumberToObject(o, "requests_per_day", round(s->requests_per_day * 1000) / 1000);
	cJSON_AddNumberToObject(o, "peak_rps", s->peak_rps);
	cJSON_AddNumberToObject(o, "peak_rpm", s->peak_rpm);
	cJSON_AddNumberToObject(o, "peak_hour", s->peak_hour);
	cJSON_AddNumberToObject(o, "idle_fraction", round(s->idle_fraction * 1e6) / 1e6);
	cJSON_AddNumberToObject(o, "burstiness", round(s->burstiness * 1e4) / 1e4);
	cJSON_AddNumberToObject(o, "daily_fit", round(s->daily_fit * 1e4) / 1e4);
	cJSON_AddStringToObject(o, "traffic_pattern", traffic_pattern_id(s->pattern));
	cJSON_AddStringToObject(o, "reason", s->reason);
	if (!isnan(s->avg_duration_ms)) {
		cJSON_AddNumberToObject(o, "avg_duration_ms", round(s->avg_duration_ms * 1000) / 1000);
		cJSON_AddNumberToObject(o, "timed_requests", (double)s->timed);
	}
	cJSON_AddItemToObject(o, "hour_of_day", u64_array(s->hour_of_day, 24));
	cJSON_AddItemToObject(o, "day_of_week", u64_array(s->day_of_week, 7));
	cJSON *week = cJSON_AddArrayToObject(o, "hour_of_week");
	for (int d = 0; d < 7; d++)
		cJSON_AddItemToArray(week, u64_array(s->week_hour[d], 24));
	/* The full hourly series only while it stays readable (up to 31 days). */
	if (s->hours <= 24 * 31)
		cJSON_AddItemToObject(o, "hourly", u64_array(s->hourly, s->hours));
	if (c) {
		cJSON *cost = cJSON_AddObjectToObject(o, "cost");
		cJSON *flat = cJSON_CreateObject(), *prof = cJSON_CreateObject(),
		      *diff = cJSON_CreateObject();
		cJSON_AddNumberToObject(cost, "duration_ms", c->duration_ms);
		cJSON_AddNumberToObject(cost, "peak_concurrency", round(c->peak_concurrency * 1000) / 1000);
		cJSON_AddNumberToObject(cost, "kubernetes_nodes", c->k8s_nodes);
		for (int i = 0; i < ARCH_COUNT; i++) {
			const char *id = arch_id((enum arch)i);
			cJSON_AddNumberToObject(flat, id, cents(c->flat[i]));
			cJSON_AddNumberToObject(prof, id, cents(c->profile[i]));
			cJSON_AddNumberToObject(diff, id, cents(c->profile[i]) - cents(c->flat[i]));
		}
		cJSON_AddItemToObject(cost, "flat_monthly_usd", flat);
		cJSON_AddItemToObject(cost, "profile_monthly_usd", prof);
		cJSON_AddItemToObject(cost, "difference_usd", diff);
	}
	text = cJSON_Print(o);
	cJSON_Delete(o);
	if (!text)
		util_fatal("out of memory");
	char *copy = xstrdup(text);
	cJSON_free(text);
	return copy;
}
