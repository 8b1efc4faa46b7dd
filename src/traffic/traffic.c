/* traffic.c: the streaming accumulator, the derived summary, the pattern
 * classification and the cost of the measured profile.
 *
 * Memory is bounded whatever the input size: one read buffer, one count per
 * minute over the span (at most TRAFFIC_MAX_SPAN_DAYS), a ring of per-second
 * counts for the peak, and the first few bad lines. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "answers.h"
#include "traffic_priv.h"
#include "util.h"

#define BUF_SIZE (4u << 20)
/* Per-second ring: a second's count is final once a line 4096 s later
 * arrives, so lines may be out of order by about an hour. */
#define RING_SIZE 4096u
#define MAX_SPAN_MIN ((int64_t)TRAFFIC_MAX_SPAN_DAYS * 1440)
/* Files this big get a progress bar (when asked). */
#define PROGRESS_MIN_BYTES (32u << 20)

struct traffic {
	enum traffic_format want, last;
	bool progress;
	uint64_t lines, bad, requests, timed;
	double dur_sum_ms;
	bool any;
	int64_t first_ts, last_ts;
	/* Counts per minute for minutes [base_min, base_min + nmin). */
	int64_t base_min;
	uint32_t *mins;
	size_t nmin;
	/* Per-second ring: key = the second a slot holds. */
	int64_t ring_key[RING_SIZE];
	uint64_t ring_cnt[RING_SIZE];
	uint64_t peak_sec;
	/* CSV rows: the smallest gap between rows tells their granularity. */
	bool csv_only;
	int64_t csv_prev, csv_gap;
	struct diag_list bad_list;
	char *buf;
};

static const char *const format_names[TRAFFIC_FORMAT_COUNT] = {
	[TRAFFIC_AUTO] = "auto", [TRAFFIC_COMBINED] = "combined", [TRAFFIC_ALB] = "alb",
	[TRAFFIC_CLOUDFRONT] = "cloudfront", [TRAFFIC_CSV] = "csv",
};

const char *traffic_format_name(enum traffic_format f)
{
	return (unsigned)f < TRAFFIC_FORMAT_COUNT ? format_names[f] : "?";
}

int traffic_format_from_name(const char *name)
{
	for (int i = 0; i < TRAFFIC_FORMAT_COUNT; i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

const char *traffic_pattern_id(enum traffic_pattern p)
{
	static const char *const ids[] = {"steady", "daily_cycle", "spiky", "sporadic"};
	return (unsigned)p < 4 ? ids[p] : "steady";
}

struct traffic *traffic_new(enum traffic_format fmt)
{
	struct traffic *t = xcalloc(1, sizeof *t);

	t->want = fmt;
	t->last = fmt;
	t->csv_only = true;
	t->csv_gap = INT64_MAX;
	t->csv_prev = INT64_MIN;
	for (size_t i = 0; i < RING_SIZE; i++)
		t->ring_key[i] = INT64_MIN;
	return t;
}

void traffic_free(struct traffic *t)
{
	if (!t)
		return;
	free(t->mins);
	free(t->buf);
	diag_list_fini(&t->bad_list);
	free(t);
}

void traffic_set_progress(struct traffic *t, bool on)
{
	t->progress = on;
}

const struct diag_list *traffic_bad_lines(const struct traffic *t)
{
	return &t->bad_list;
}

uint64_t traffic_requests(const struct traffic *t)
{
	return t->requests;
}

enum traffic_format traffic_last_format(const struct traffic *t)
{
	return t->last;
}

static inline int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Makes room for minute m (the span check is done). */
static void grow_minutes(struct traffic *t, int64_t m)
{
	int64_t dlo = m, dhi = m + 1;

	if (t->any) {
		int64_t fm = floor_div(t->first_ts, 60), lm = floor_div(t->last_ts, 60);
		dlo = fm < m ? fm : m;
		dhi = (lm > m ? lm : m) + 1;
	}
	int64_t len = dhi - dlo;
	int64_t extra = len < 1440 ? 1440 : len;
	if (extra > MAX_SPAN_MIN + 2880 - len)
		extra = MAX_SPAN_MIN + 2880 - len;
	int64_t nlo = dlo, nhi = dhi;
	if (t->any && m < floor_div(t->first_ts, 60))
		nlo -= extra;
	else
		nhi += extra;
	uint32_t *nm = xcalloc((size_t)(nhi - nlo), sizeof *nm);
	if (t->mins) {
		/* All counted minutes lie in [dlo, dhi), inside both ranges. */
		int64_t clo = t->base_min > nlo ? t->base_min : nlo;
		int64_t chi = t->base_min + (int64_t)t->nmin < nhi ? t->base_min + (int64_t)t->nmin : nhi;
		if (chi > clo)
			memcpy(nm + (clo - nlo), t->mins + (clo - t->base_min),
			       (size_t)(chi - clo) * sizeof *nm);
		free(t->mins);
	}
	t->mins = nm;
	t->base_min = nlo;
	t->nmin = (size_t)(nhi - nlo);
}

static const char why_total[] = "the total passes 10^18 requests, the most archwise counts";
static const char why_minute[] = "more than 4294967295 requests in one minute, "
				 "the most archwise counts in a minute";

/* Counts one record; a reason when it cannot be counted. */
static inline const char *add_rec(struct traffic *t, const struct traffic_rec *r)
{
	int64_t m = floor_div(r->ts, 60);
	uint64_t idx = (uint64_t)(m - t->base_min);

	if (!t->mins || idx >= t->nmin) {
		if (t->any) {
			int64_t lo = r->ts < t->first_ts ? r->ts : t->first_ts;
			int64_t hi = r->ts > t->last_ts ? r->ts : t->last_ts;
			if (hi - lo > (int64_t)TRAFFIC_MAX_SPAN_DAYS * 86400)
				return "timestamp more than 3660 days from the others";
		}
		grow_minutes(t, m);
		idx = (uint64_t)(m - t->base_min);
	}
	if (r->count > TRAFFIC_MAX_REQUESTS - t->requests)
		return why_total;
	if (r->count > TRAFFIC_MAX_PER_MINUTE - t->mins[idx])
		return why_minute;
	t->mins[idx] += (uint32_t)r->count;

	size_t slot = (size_t)((uint64_t)r->ts & (RING_SIZE - 1));
	if (t->ring_key[slot] == r->ts) {
		t->ring_cnt[slot] += r->count;
	} else if (t->ring_key[slot] < r->ts) {
		if (t->ring_cnt[slot] > t->peak_sec)
			t->peak_sec = t->ring_cnt[slot];
		t->ring_key[slot] = r->ts;
		t->ring_cnt[slot] = r->count;
	} else if (r->count > t->peak_sec) {
		/* Older than the ring: its own count is a lower bound. */
		t->peak_sec = r->count;
	}
	if (!t->any) {
		t->first_ts = t->last_ts = r->ts;
		t->any = true;
	} else if (r->ts < t->first_ts) {
		t->first_ts = r->ts;
	} else if (r->ts > t->last_ts) {
		t->last_ts = r->ts;
	}
	t->requests += r->count;
	if (r->dur_ms >= 0) {
		t->dur_sum_ms += r->dur_ms;
		t->timed++;
	}
	return NULL;
}

/* One input being read. */
struct reader {
	struct traffic *t;
	struct traffic_pctx pc;
	const char *name;
	uint64_t lineno;
	bool first_record;
	bool skipping;       /* inside a line longer than the buffer */
	const char *fatal;   /* a count past the bounds: the file is refused */
	uint64_t fatal_line;
};

/* A bad line, reported at col (its characters counted from 1; 0: unknown). */
static void bad_line(struct reader *rd, const char *why, unsigned col)
{
	struct traffic *t = rd->t;

	t->bad++;
	if (t->bad <= TRAFFIC_BAD_REPORTED)
		diag_add(&t->bad_list, rd->name, (unsigned)(rd->lineno > UINT32_MAX ? 0 : rd->lineno),
			 col, "skipped, not %s format: %s", traffic_format_name(rd->pc.fmt), why);
}

/* The column of at in the line starting at s, in characters. */
static unsigned column_of(const char *s, const char *at)
{
	unsigned col = 1;
	if (!at || at < s)
		return 0;
	for (const char *p = s; p < at; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			col++;
	return col;
}

static inline void handle_line(struct reader *rd, const char *s, const char *e)
{
	struct traffic_rec r;
	const char *why;

	rd->lineno++;
	if (rd->fatal)
		return;
	if (e > s && e[-1] == '\r')
		e--;
	if (e == s)
		return;
	if (*s == '#') {
		traffic_parse_comment(&rd->pc, s, e);
		return;
	}
	why = traffic_parse_line(&rd->pc, s, e, &r);
	if (why && rd->first_record && rd->pc.fmt == TRAFFIC_CSV) {
		/* A header such as "timestamp,count" */
		const char *c = memchr(s, ',', (size_t)(e - s));
		rd->first_record = false;
		if (c && c + 1 < e && !(c[1] >= '0' && c[1] <= '9'))
			return;
	}
	rd->first_record = false;
	rd->t->lines++;
	bool add_failed = !why;
	if (!why)
		why = add_rec(rd->t, &r);
	add_failed = add_failed && why;
	if (why == why_total || why == why_minute) {
		rd->fatal = why;
		rd->fatal_line = rd->lineno;
		return;
	}
	if (why) {
		bad_line(rd, why, add_failed ? 0 : column_of(s, rd->pc.at));
		return;
	}
	if (rd->pc.fmt == TRAFFIC_CSV) {
		struct traffic *t = rd->t;
		if (t->csv_prev != INT64_MIN && r.ts != t->csv_prev) {
			int64_t g = r.ts > t->csv_prev ? r.ts - t->csv_prev : t->csv_prev - r.ts;
			if (g < t->csv_gap)
				t->csv_gap = g;
		}
		t->csv_prev = r.ts;
	}
}

/* Handles the complete lines in [p, end) (and the last partial one at eof);
 * returns the bytes consumed. */
static size_t process(struct reader *rd, const char *p, const char *end, bool eof)
{
	const char *start = p, *nl;

	if (rd->skipping) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return (size_t)(end - p);
		rd->skipping = false;
		p = nl + 1;
	}
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		handle_line(rd, p, nl);
		p = nl + 1;
	}
	if (eof && p < end) {
		handle_line(rd, p, end);
		p = end;
	}
	return (size_t)(p - start);
}

static void reader_init(struct reader *rd, struct traffic *t, const char *name,
			enum traffic_format fmt)
{
	memset(rd, 0, sizeof *rd);
	rd->t = t;
	rd->name = name;
	rd->first_record = true;
	traffic_pctx_init(&rd->pc, fmt);
	t->last = fmt;
	if (fmt != TRAFFIC_CSV)
		t->csv_only = false;
	t->csv_prev = INT64_MIN;
}

static int detect(struct traffic *t, const char *data, size_t len, const char *name,
		  enum traffic_format *fmt, struct diag_list *diags)
{
	*fmt = t->want;
	if (*fmt != TRAFFIC_AUTO)
		return 0;
	*fmt = traffic_detect(data, len);
	if (*fmt == TRAFFIC_AUTO) {
		diag_add(diags, name, 0, 0,
			 "cannot tell the log format from the first lines (use --format)");
		return -1;
	}
	return 0;
}

/* A count past the bounds refuses the file: -1 with the line, else 0. */
static int reader_fatal(const struct reader *rd, struct diag_list *diags)
{
	if (!rd->fatal)
		return 0;
	diag_add(diags, rd->name, (unsigned)(rd->fatal_line > UINT32_MAX ? 0 : rd->fatal_line), 0,
		 "%s", rd->fatal);
	return -1;
}

int traffic_read_mem(struct traffic *t, const char *data, size_t len, const char *name,
		     struct diag_list *diags)
{
	struct reader rd;
	enum traffic_format fmt;

	if (len == 0)
		return 0;
	if (detect(t, data, len, name, &fmt, diags) < 0)
		return -1;
	reader_init(&rd, t, name, fmt);
	process(&rd, data, data + len, true);
	return reader_fatal(&rd, diags);
}

static void progress(const char *name, uint64_t pos, uint64_t size, int *shown)
{
	int pct = size ? (int)(pos * 100 / size) : 100;
	char bar[41];

	if (pct > 100)
		pct = 100;
	if (pct == *shown)
		return;
	*shown = pct;
	memset(bar, ' ', 40);
	memset(bar, '#', (size_t)(pct * 40 / 100));
	bar[40] = '\0';
	fprintf(stderr, "\rarchwise: reading %s [%s] %3d%%", name, bar, pct);
	fflush(stderr);
}

int traffic_read_file(struct traffic *t, const char *path, struct diag_list *diags)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	struct reader rd;
	gzFile gz;
	size_t have = 0;
	bool started = false, bar = false;
	int shown = -1, rc = 0;

	if (fd < 0) {
		diag_add_io(diags, name, errno, "cannot open");
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		diag_add(diags, name, 0, 0, "is a directory");
		return -1;
	}
	bar = t->progress && S_ISREG(st.st_mode) && (uint64_t)st.st_size >= PROGRESS_MIN_BYTES;
	/* The bar is on a terminal: the name's controls written out. */
	char *bar_name = bar ? util_escape_controls(name, false) : NULL;
	/* zlib reads gzip (told by its magic bytes 1f 8b) and passes anything
	 * else through unchanged, from files and pipes alike. */
	gz = gzdopen(fd, "rb");
	if (!gz)
		util_fatal("out of memory");
	gzbuffer(gz, 256u << 10);
	if (!t->buf)
		t->buf = xmalloc(BUF_SIZE);
	for (;;) {
		int n = gzread(gz, t->buf + have, (unsigned)(BUF_SIZE - have));
		if (n < 0) {
			int zerr;
			const char *msg = gzerror(gz, &zerr);
			/* zlib names the file "<fd:N>: "; ours is the name to show */
			const char *colon = msg && msg[0] == '<' ? strstr(msg, ": ") : NULL;
			if (zerr == Z_ERRNO)
				diag_add_io(diags, name, errno, "read error");
			else if (zerr == Z_MEM_ERROR)
				util_fatal("out of memory");
			else
				diag_add(diags, name, 0, 0, "corrupt gzip archive near byte %lld: %s",
					 (long long)gzoffset(gz), colon ? colon + 2 : msg);
			rc = -1;
			break;
		}
		bool eof = n == 0;
		int zend;
		if (eof && (gzerror(gz, &zend), zend == Z_BUF_ERROR)) {
			/* The file ended inside a gzip stream: the lines read so
			 * far are a part of the log, not the log. */
			diag_add(diags, name, 0, 0, "truncated gzip archive: it ends at byte %lld, "
				 "in the middle of the compressed stream", (long long)gzoffset(gz));
			rc = -1;
			break;
		}
		have += (size_t)n;
		if (!started) {
			enum traffic_format fmt;
			if (have == 0)
				break; /* empty input: no lines */
			if (detect(t, t->buf, have, name, &fmt, diags) < 0) {
				rc = -1;
				break;
			}
			reader_init(&rd, t, name, fmt);
			started = true;
		}
		size_t used = process(&rd, t->buf, t->buf + have, eof);
		if ((rc = reader_fatal(&rd, diags)) < 0)
			break;
		if (eof)
			break;
		if (used == 0 && have == BUF_SIZE) {
			/* One line fills the whole buffer: count it bad, skip to its end. */
			rd.lineno++;
			t->lines++;
			bad_line(&rd, "line longer than 4 MB", 0);
			rd.skipping = true;
			have = 0;
			continue;
		}
		memmove(t->buf, t->buf + used, have - used);
		have -= used;
		if (bar)
			progress(bar_name, (uint64_t)gzoffset(gz), (uint64_t)st.st_size, &shown);
	}
	if (bar && shown >= 0)
		fprintf(stderr, "\r%*s\r", 70 + (int)strlen(bar_name), "");
	free(bar_name);
	gzclose(gz);
	return rc;
}

/* ---- the summary ---- */

static size_t ring_peak(const struct traffic *t, uint64_t *peak)
{
	*peak = t->peak_sec;
	for (size_t i = 0; i < RING_SIZE; i++)
		if (t->ring_key[i] != INT64_MIN && t->ring_cnt[i] > *peak)
			*peak = t->ring_cnt[i];
	return 0;
}

int traffic_summarize(const struct traffic *t, struct traffic_summary *s)
{
	memset(s, 0, sizeof *s);
	s->lines = t->lines;
	s->bad_lines = t->bad;
	s->requests = t->requests;
	s->avg_duration_ms = t->timed ? t->dur_sum_ms / (double)t->timed : NAN;
	s->timed = t->timed;
	if (!t->any || t->requests == 0)
		return -1;
	s->first_ts = t->first_ts;
	s->last_ts = t->last_ts;
	int64_t h0 = floor_div(t->first_ts, 3600), h1 = floor_div(t->last_ts, 3600);
	s->hours = (size_t)(h1 - h0 + 1);
	s->days = (double)s->hours / 24.0;
	s->requests_per_day = (double)t->requests / s->days;
	s->hourly = xcalloc(s->hours, sizeof *s->hourly);

	uint64_t peak_min = 0;
	for (size_t i = 0; i < t->nmin; i++) {
		uint32_t c = t->mins[i];
		if (!c)
			continue;
		int64_t m = t->base_min + (int64_t)i;
		int64_t h = floor_div(m, 60);
		s->hourly[h - h0] += c;
		if (c > peak_min)
			peak_min = c;
	}
	for (size_t i = 0; i < s->hours; i++) {
		int64_t h = h0 + (int64_t)i;
		int64_t day = floor_div(h, 24);
		size_t hod = (size_t)(h - day * 24);
		/* 1970-01-01 was a Thursday (Monday = 0). */
		size_t dow = (size_t)(((day + 3) % 7 + 7) % 7);
		s->hour_of_day[hod] += s->hourly[i];
		s->day_of_week[dow] += s->hourly[i];
		s->week_hour[dow][hod] += s->hourly[i];
		if ((double)s->hourly[i] > s->peak_hour)
			s->peak_hour = (double)s->hourly[i];
	}
	uint64_t peak_sec;
	ring_peak(t, &peak_sec);
	s->peak_rps = (double)peak_sec;
	s->peak_rpm = (double)peak_min;
	if (t->csv_only && t->csv_gap != INT64_MAX && t->csv_gap > 1) {
		/* CSV rows each cover csv_gap seconds: spread a row evenly over them. */
		double g = (double)t->csv_gap;
		s->peak_rps = (double)peak_sec / g;
		if (g > 60)
			s->peak_rpm = (double)peak_min / (g / 60.0);
	}
	traffic_classify(s);
	return 0;
}

void traffic_summary_fini(struct traffic_summary *s)
{
	free(s->hourly);
	s->hourly = NULL;
}

/* ---- classification (thresholds documented in docs/traffic.md) ---- */

#define DAILY_MIN_HOURS 48      /* two days before a daily cycle can be told from noise */
#define DAILY_MIN_FIT 0.6       /* hour of day explains >= 60% of the hourly variance */
#define DAILY_MIN_SWING 1.0     /* busiest minus quietest hour-of-day mean >= the mean */
#define SPORADIC_MIN_IDLE 0.5   /* half the hours without a request ... */
#define SPORADIC_ALWAYS 0.75    /* ... three quarters even when it recurs daily */
#define SPIKY_MIN_BURST 4.0     /* busiest hour >= 4x the mean hour */
#define SPIKY_MIN_MINUTE 10.0   /* or busiest minute >= 10x the mean minute ... */
#define SPIKY_MINUTE_FLOOR 60.0 /* ... with at least 60 requests in it */

void traffic_classify(struct traffic_summary *s)
{
	double mean = s->hours ? (double)s->requests / (double)s->hours : 0;
	double prof[24] = {0}, nprof[24] = {0};
	size_t idle = 0;
	int64_t h0 = floor_div(s->first_ts, 3600);

	for (size_t i = 0; i < s->hours; i++) {
		int64_t h = h0 + (int64_t)i;
		int hod = (int)(h - floor_div(h, 24) * 24);
		prof[hod] += (double)s->hourly[i];
		nprof[hod] += 1;
		if (!s->hourly[i])
			idle++;
	}
	s->idle_fraction = s->hours ? (double)idle / (double)s->hours : 0;
	s->burstiness = mean > 0 ? s->peak_hour / mean : 0;

	double pmax = -1, pmin = -1;
	int hmax = 0, hmin = 0;
	for (int h = 0; h < 24; h++) {
		if (!nprof[h])
			continue;
		prof[h] /= nprof[h];
		if (pmax < 0 || prof[h] > pmax)
			pmax = prof[h], hmax = h;
		if (pmin < 0 || prof[h] < pmin)
			pmin = prof[h], hmin = h;
	}
	double swing = mean > 0 ? (pmax - pmin) / mean : 0;
	double ss_tot = 0, ss_res = 0;
	for (size_t i = 0; i < s->hours; i++) {
		int64_t h = h0 + (int64_t)i;
		int hod = (int)(h - floor_div(h, 24) * 24);
		double x = (double)s->hourly[i];
		ss_tot += (x - mean) * (x - mean);
		ss_res += (x - prof[hod]) * (x - prof[hod]);
	}
	s->daily_fit = s->hours >= DAILY_MIN_HOURS && ss_tot > 0 ? 1.0 - ss_res / ss_tot : 0;
	double span_min = (double)(floor_div(s->last_ts, 60) - floor_div(s->first_ts, 60) + 1);
	double minute_ratio = s->requests ? s->peak_rpm / ((double)s->requests / span_min) : 0;

	if (s->idle_fraction >= SPORADIC_ALWAYS) {
		s->pattern = TRAFFIC_SPORADIC;
		snprintf(s->reason, sizeof s->reason, "%zu of the %zu hours (%.0f%%) had no requests",
			 idle, s->hours, s->idle_fraction * 100);
	} else if (s->daily_fit >= DAILY_MIN_FIT && swing >= DAILY_MIN_SWING) {
		s->pattern = TRAFFIC_DAILY_CYCLE;
		snprintf(s->reason, sizeof s->reason,
			 "the hour of day explains %.0f%% of the hourly variation over %.1f days; "
			 "%02d:00 UTC averages %.0f requests, %02d:00 UTC %.0f",
			 s->daily_fit * 100, s->days, hmax, pmax, hmin, pmin);
	} else if (s->idle_fraction >= SPORADIC_MIN_IDLE) {
		s->pattern = TRAFFIC_SPORADIC;
		snprintf(s->reason, sizeof s->reason, "%zu of the %zu hours (%.0f%%) had no requests",
			 idle, s->hours, s->idle_fraction * 100);
	} else if (s->burstiness >= SPIKY_MIN_BURST) {
		s->pattern = TRAFFIC_SPIKY;
		snprintf(s->reason, sizeof s->reason,
			 "the busiest hour had %.1fx the mean hour (%.0f vs %.1f requests)",
			 s->burstiness, s->peak_hour, mean);
	} else if (s->peak_rpm >= SPIKY_MINUTE_FLOOR && minute_ratio >= SPIKY_MIN_MINUTE) {
		s->pattern = TRAFFIC_SPIKY;
		snprintf(s->reason, sizeof s->reason,
			 "the busiest minute had %.0fx the mean minute (%.0f requests)", minute_ratio,
			 s->peak_rpm);
	} else {
		s->pattern = TRAFFIC_STEADY;
		snprintf(s->reason, sizeof s->reason,
			 "the busiest hour had %.1fx the mean hour and %.0f%% of the hours were idle",
			 s->burstiness, s->idle_fraction * 100);
	}
}

/* ---- cost of the profile ---- */

double traffic_k8s_nodes(double peak_concurrency, double memory_mb, double node_memory_mb,
			 double min_nodes)
{
	double need = 0;

	if (node_memory_mb > 0 && peak_concurrency > 0 && memory_mb > 0)
		need = ceil(peak_concurrency * memory_mb * TRAFFIC_K8S_HEADROOM / node_memory_mb);
	return need > min_nodes ? need : min_nodes;
}

void traffic_cost_with(const struct traffic_summary *s, const struct cost_inputs *in0,
		       double node_memory_mb, traffic_cost_fn fn, void *ctx,
		       struct traffic_costs *out)
{
	struct cost_inputs in = *in0, nofree;
	double rpd = s->requests_per_day;

	memset(out, 0, sizeof *out);
	if (!isnan(s->avg_duration_ms))
		in.avg_duration_ms = s->avg_duration_ms;
	in.requests_per_day = rpd;
	nofree = in;
	nofree.free_tier = false;
	out->duration_ms = in.avg_duration_ms;
	/* At least one request in flight at the peak second. */
	out->peak_concurrency = s->peak_rps * in.avg_duration_ms / 1000.0;
	if (s->peak_rps > 0 && out->peak_concurrency < 1)
		out->peak_concurrency = 1;
	out->k8s_nodes = traffic_k8s_nodes(out->peak_concurrency, in.memory_mb, node_memory_mb,
					   in.node_count);

	for (int a = 0; a < ARCH_COUNT; a++) {
		out->flat[a] = fn(ctx, (enum arch)a, &in, rpd);
		if (a == ARCH_KUBERNETES) {
			/* A cluster that is not serverless keeps the peak's nodes all month. */
			struct cost_inputs k = in;
			k.node_count = out->k8s_nodes;
			out->profile[a] = fn(ctx, (enum arch)a, &k, rpd);
			continue;
		}
		/* Everything else follows the load hour by hour: the mean of the
		 * monthly cost at each hour's rate. The free tier is monthly, so it is
		 * taken out of the hourly figures and credited once, at the total. */
		double sum = 0;
		for (size_t i = 0; i < s->hours; i++)
			sum += fn(ctx, (enum arch)a, &nofree, (double)s->hourly[i] * 24.0);
		double credit = fn(ctx, (enum arch)a, &nofree, rpd) - out->flat[a];
		out->profile[a] = (s->hours ? sum / (double)s->hours : out->flat[a]) - credit;
	}
}

static double cost_at(void *ctx, enum arch a, const struct cost_inputs *in, double rpd)
{
	return cost_monthly_at(ctx, in, a, rpd);
}

void traffic_cost(const struct traffic_summary *s, const struct pricing *p,
		  const struct cost_inputs *in, struct traffic_costs *out)
{
	double node_mb = p->node_memory_gb.usd > 0 ? p->node_memory_gb.usd * 1024.0 : 0;
	traffic_cost_with(s, in, node_mb, cost_at, (void *)p, out);
}

/* A measured number, kept within the question's range. */
static int set_clamped(const struct model *m, struct answers *a, const char *id, double v,
		       char **err)
{
	int q = model_question_index(m, id);
	if (q < 0)
		return 0; /* a questionnaire without this question */
	const struct question *qq = model_question(m, (size_t)q);
	if (qq->max > qq->min) {
		if (v > qq->max)
			v = qq->max;
		if (v < qq->min)
			v = qq->min;
	}
	char *why = NULL;
	if (answers_set_number(m, a, (size_t)q, v, &why) != 0) {
		*err = xasprintf("%s: %s", id, why ? why : "invalid");
		free(why);
		return -1;
	}
	return 0;
}

int traffic_apply_answers(const struct model *m, struct answers *a,
			  const struct traffic_summary *s, char **err)
{
	*err = NULL;
	if (set_clamped(m, a, "requests_per_day", round(s->requests_per_day), err) < 0 ||
	    (!isnan(s->avg_duration_ms) &&
	     set_clamped(m, a, "avg_duration_ms", round(s->avg_duration_ms * 10) / 10, err) < 0))
		return -1;
	int q = model_question_index(m, "traffic_pattern");
	if (q >= 0) {
		int opt = model_option_index(model_question(m, (size_t)q),
					     traffic_pattern_id(s->pattern));
		if (opt >= 0)
			answers_set_option(m, a, (size_t)q, opt);
	}
	return 0;
}
