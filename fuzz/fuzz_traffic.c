/* libFuzzer target: the traffic log parsers and the summary. The first byte
 * picks the format (auto, combined, alb, cloudfront, csv); the rest is the
 * log. Checks what must hold for any input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "traffic.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double flat_cost(void *ctx, enum arch a, const struct cost_inputs *in, double rpd)
{
	(void)ctx;
	return (double)a + in->node_count + rpd / 1e6;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum traffic_format fmt = (enum traffic_format)(data[0] % TRAFFIC_FORMAT_COUNT);
	struct traffic *t = traffic_new(fmt);
	struct diag_list d = {0};
	struct traffic_summary s;

	traffic_read_mem(t, (const char *)data + 1, size - 1, "fuzz", &d);
	if (traffic_summarize(t, &s) == 0) {
		uint64_t sum = 0;
		for (int h = 0; h < 24; h++)
			sum += s.hour_of_day[h];
		if (s.bad_lines > s.lines || sum > s.requests || s.hours < 1 ||
		    s.idle_fraction < 0 || s.idle_fraction > 1 || s.last_ts < s.first_ts ||
		    s.hours > (size_t)TRAFFIC_MAX_SPAN_DAYS * 24 + 2)
			abort();
		struct cost_inputs in = {.avg_duration_ms = 100, .memory_mb = 128, .node_count = 3};
		struct traffic_costs c;
		traffic_cost_with(&s, &in, 8192, flat_cost, NULL, &c);
		char *json = traffic_to_json(&s, &c);
		cJSON *o = cJSON_Parse(json);
		if (!o)
			abort();
		cJSON_Delete(o);
		free(json);
		free(traffic_to_text(&s, &c));
	} else if (s.bad_lines > s.lines) {
		abort();
	}
	traffic_summary_fini(&s);
	if (traffic_bad_lines(t)->count > TRAFFIC_BAD_REPORTED)
		abort();
	diag_list_fini(&d);
	traffic_free(t);
	return 0;
}
