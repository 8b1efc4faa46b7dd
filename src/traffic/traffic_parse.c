/* traffic_parse.c: hand-written line parsers for the access log formats.
 * No regex, no sscanf: each parser walks the line once with memchr and
 * converts a date only when it differs from the previous line's. */
#include <stdbool.h>
#include <string.h>
#include "traffic_priv.h"

int64_t traffic_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static inline bool dig(char c)
{
	return c >= '0' && c <= '9';
}

/* Two digits at p, or -1. */
static inline int num2(const char *p)
{
	if (!dig(p[0]) || !dig(p[1]))
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static inline int num4(const char *p)
{
	int a = num2(p), b = num2(p + 2);
	return a < 0 || b < 0 ? -1 : a * 100 + b;
}

static int month_abbr(const char *p)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	for (int i = 0; i < 12; i++)
		if (memcmp(names + 3 * i, p, 3) == 0)
			return i + 1;
	return -1;
}

static bool valid_date(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1970 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

/* HH:MM:SS at p -> seconds of the day, or -1. */
static inline int hms(const char *p)
{
	int h = num2(p), mi = num2(p + 3), s = num2(p + 6);
	if (h < 0 || mi < 0 || s < 0 || p[2] != ':' || p[5] != ':' || h > 23 || mi > 59 || s > 60)
		return -1;
	return h * 3600 + mi * 60 + s;
}

/* A decimal number of seconds [s, e) -> milliseconds, or -1 ("-", "-1",
 * garbage). Up to 9 fraction digits; no exponent in these logs. */
static double seconds_ms(const char *s, const char *e)
{
	uint64_t ip = 0, fp = 0, scale = 1;
	const char *p = s;

	if (p >= e || !dig(*p))
		return -1;
	while (p < e && dig(*p) && ip < 1000000000ull)
		ip = ip * 10 + (uint64_t)(*p++ - '0');
	if (p < e && *p == '.') {
		p++;
		while (p < e && dig(*p)) {
			if (scale < 1000000000ull) {
				fp = fp * 10 + (uint64_t)(*p - '0');
				scale *= 10;
			}
			p++;
		}
	}
	if (p != e)
		return -1;
	return ((double)ip + (double)fp / (double)scale) * 1000.0;
}

/* YYYY-MM-DD at p (10 chars) -> epoch seconds at 00:00 UTC, cached in c. */
static bool iso_date(struct traffic_pctx *c, const char *p, int64_t *base)
{
	if (c->date_key_len == 10 && memcmp(c->date_key, p, 10) == 0) {
		*base = c->date_base;
		return true;
	}
	int y = num4(p), m = num2(p + 5), d = num2(p + 8);
	if (y < 0 || m < 0 || d < 0 || p[4] != '-' || p[7] != '-' || !valid_date(y, m, d))
		return false;
	memcpy(c->date_key, p, 10);
	c->date_key_len = 10;
	c->date_base = traffic_days_from_civil(y, (unsigned)m, (unsigned)d) * 86400;
	*base = c->date_base;
	return true;
}

/* One rule for every log format: offsets are whole minutes within the
 * ones in use on Earth, -14:00..+14:00 (so "+9959" is refused, not taken
 * as four days). */
static bool utc_offset_ok(int oh, int om)
{
	return oh >= 0 && om >= 0 && om <= 59 && oh * 60 + om <= 14 * 60;
}

/* ISO 8601 timestamp [s, e): YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|+HH[:]MM|-HH[:]MM]. */
static const char *iso_timestamp(struct traffic_pctx *c, const char *s, const char *e, int64_t *ts)
{
	c->at = s;
	int64_t base;
	const char *p = s;
	int h, mi, sec = 0;

	if (e - p < 16 || !iso_date(c, p, &base))
		return "bad ISO 8601 date";
	p += 10;
	if (*p != 'T' && *p != ' ' && *p != 't')
		return "bad ISO 8601 timestamp";
	p++;
	h = num2(p);
	mi = num2(p + 3);
	if (h < 0 || mi < 0 || p[2] != ':' || h > 23 || mi > 59)
		return "bad ISO 8601 time";
	p += 5;
	if (p < e && *p == ':') {
		if (e - p < 3 || (sec = num2(p + 1)) < 0 || sec > 60)
			return "bad ISO 8601 seconds";
		p += 3;
		if (p < e && (*p == '.' || *p == ',')) {
			p++;
			while (p < e && dig(*p))
				p++;
		}
	}
	int64_t off = 0;
	if (p < e && (*p == 'Z' || *p == 'z')) {
		p++;
	} else if (p < e && (*p == '+' || *p == '-')) {
		int sign = *p == '-' ? -1 : 1;
		int oh, om = 0;
		p++;
		if (e - p < 2 || (oh = num2(p)) < 0)
			return "bad UTC offset";
		p += 2;
		if (p < e && *p == ':')
			p++;
		if (e - p >= 2 && dig(*p)) {
			if ((om = num2(p)) < 0 || om > 59)
				return "bad UTC offset";
			p += 2;
		}
		if (!utc_offset_ok(oh, om))
			return "UTC offset beyond -14:00..+14:00";
		off = sign * (oh * 3600 + om * 60);
	}
	if (p != e)
		return "trailing text after the timestamp";
	*ts = base + h * 3600 + mi * 60 + sec - off;
	return NULL;
}

/* host ident user [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326 "ref" "ua" [rt] */
static const char *parse_combined(struct traffic_pctx *c, const char *s, const char *e,
				  struct traffic_rec *r)
{
	const char *b = memchr(s, '[', (size_t)(e - s));
	const char *p, *q;
	int64_t base;
	int t;

	if (!b)
		return "no [timestamp]";
	c->at = b;
	p = b + 1;
	if (e - p < 29 || p[26] != ']')
		return "bad [timestamp]";
	/* Cache key: the date and the offset, "10/Oct/2000" + "-0700". */
	if (c->date_key_len == 16 && memcmp(c->date_key, p, 11) == 0 &&
	    memcmp(c->date_key + 11, p + 21, 5) == 0) {
		base = c->date_base;
	} else {
		int d = num2(p), m = month_abbr(p + 3), y = num4(p + 7);
		int oh = num2(p + 22), om = num2(p + 24);
		if (d < 0 || m < 0 || y < 0 || p[2] != '/' || p[6] != '/' || p[11] != ':' ||
		    p[20] != ' ' || (p[21] != '+' && p[21] != '-') || oh < 0 || om < 0 ||
		    !valid_date(y, m, d))
			return "bad [timestamp]";
		if (!utc_offset_ok(oh, om)) {
			c->at = p + 21;
			return "UTC offset beyond -14:00..+14:00";
		}
		int64_t off = (p[21] == '-' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60);
		base = traffic_days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 - off;
		memcpy(c->date_key, p, 11);
		memcpy(c->date_key + 11, p + 21, 5);
		c->date_key_len = 16;
		c->date_base = base;
	}
	if ((t = hms(p + 12)) < 0)
		return "bad time in [timestamp]";
	r->ts = base + t;
	q = p + 27;
	c->at = q;
	if (q[0] != ' ' || q[1] != '"')
		return "no quoted request after the timestamp";
	q += 2;
	for (;;) {
		q = memchr(q, '"', (size_t)(e - q));
		if (!q)
			return "unterminated request";
		if (q[-1] != '\\')
			break;
		q++;
	}
	q++;
	if (e - q < 4 || q[0] != ' ' || !dig(q[1]) || !dig(q[2]) || !dig(q[3]) ||
	    (e - q > 4 && q[4] != ' '))
		return "no status after the request";
	r->count = 1;
	r->dur_ms = -1;
	/* $request_time appended after the user agent: a number after `" `. */
	if (dig(e[-1])) {
		const char *sp = e - 1;
		while (sp > q && *sp != ' ')
			sp--;
		if (sp > q + 4 && sp[-1] == '"')
			r->dur_ms = seconds_ms(sp + 1, e);
	}
	return NULL;
}

/* Next space-separated field starting at *p; returns its end. */
static inline const char *field(const char **p, const char *e, char sep)
{
	const char *s = *p, *f = memchr(s, sep, (size_t)(e - s));
	if (!f)
		f = e;
	*p = f < e ? f + 1 : e;
	return f;
}

/* type time elb client:port target:port request_processing_time
 * target_processing_time response_processing_time elb_status_code ... */
static const char *parse_alb(struct traffic_pctx *c, const char *s, const char *e,
			     struct traffic_rec *r)
{
	const char *p = s, *fs, *fe, *err;
	double tpt;

	fe = field(&p, e, ' ');
	if (fe == s || fe - s > 5)
		return "no request type (http, https, h2, ...)";
	fs = p;
	fe = field(&p, e, ' ');
	if ((err = iso_timestamp(c, fs, fe, &r->ts)))
		return err;
	for (int i = 0; i < 4; i++) /* elb, client, target, request_processing_time */
		field(&p, e, ' ');
	fs = p;
	fe = field(&p, e, ' ');
	if (fs >= e || (fe - fs == 2 && fs[0] == '-' && fs[1] == '1'))
		tpt = -1;
	else if ((tpt = seconds_ms(fs, fe)) < 0)
		return "bad target_processing_time";
	field(&p, e, ' ');
	fs = p;
	fe = field(&p, e, ' ');
	if (!(fe - fs == 3 && dig(fs[0]) && dig(fs[1]) && dig(fs[2])) &&
	    !(fe - fs == 1 && fs[0] == '-'))
		return "no elb_status_code";
	r->count = 1;
	r->dur_ms = tpt;
	return NULL;
}

/* Tab-separated, columns from #Fields (date, time, ..., time-taken). */
static const char *parse_cloudfront(struct traffic_pctx *c, const char *s, const char *e,
				    struct traffic_rec *r)
{
	const char *p = s, *fs, *fe, *date = NULL, *time = NULL, *taken = NULL, *taken_end = NULL;
	int want = c->cf_date;
	int64_t base;
	int t;

	if (c->cf_time > want)
		want = c->cf_time;
	if (c->cf_taken > want)
		want = c->cf_taken;
	for (int i = 0; i <= want; i++) {
		if (p >= e && i > 0)
			break;
		fs = p;
		fe = field(&p, e, '\t');
		if (i == c->cf_date && fe - fs == 10)
			date = fs;
		else if (i == c->cf_time && fe - fs == 8)
			time = fs;
		else if (i == c->cf_taken) {
			taken = fs;
			taken_end = fe;
		}
	}
	if (!date || !iso_date(c, date, &base))
		return "no date (YYYY-MM-DD) in the date column";
	if (!time || (t = hms(time)) < 0)
		return "no time (HH:MM:SS) in the time column";
	r->ts = base + t;
	r->count = 1;
	r->dur_ms = -1;
	if (c->cf_taken >= 0) {
		if (!taken)
			return "fewer columns than #Fields";
		r->dur_ms = seconds_ms(taken, taken_end);
	}
	return NULL;
}

/* timestamp,count: ISO 8601 or epoch seconds, a non-negative integer. */
static const char *parse_csv(struct traffic_pctx *c, const char *s, const char *e,
			     struct traffic_rec *r)
{
	const char *comma = memchr(s, ',', (size_t)(e - s));
	const char *p, *te;
	uint64_t n = 0;

	if (!comma)
		return "no comma (expected timestamp,count)";
	te = comma;
	while (te > s && (te[-1] == ' ' || te[-1] == '"'))
		te--;
	p = s;
	while (p < te && (*p == ' ' || *p == '"'))
		p++;
	c->at = p;
	if (p < te && te - p <= 12 && dig(*p) && (te - p < 5 || p[4] != '-')) {
		/* Epoch seconds, possibly with a fraction. */
		int64_t v = 0;
		while (p < te && dig(*p))
			v = v * 10 + (*p++ - '0');
		if (p < te && *p == '.') {
			p++;
			while (p < te && dig(*p))
				p++;
		}
		if (p != te)
			return "bad epoch timestamp";
		r->ts = v;
	} else {
		const char *err = iso_timestamp(c, p, te, &r->ts);
		if (err)
			return err;
	}
	p = comma + 1;
	while (p < e && (*p == ' ' || *p == '"'))
		p++;
	c->at = p;
	if (p >= e || !dig(*p))
		return "no count after the comma";
	while (p < e && dig(*p)) {
		if (n > 100000000000000ull)
			return "count too large";
		n = n * 10 + (uint64_t)(*p++ - '0');
	}
	if (p < e && *p == '.') { /* 12.0 from a spreadsheet */
		p++;
		while (p < e && *p == '0')
			p++;
	}
	while (p < e && (*p == ' ' || *p == '"'))
		p++;
	if (p != e)
		return "trailing text after the count";
	r->count = n;
	r->dur_ms = -1;
	return NULL;
}

void traffic_pctx_init(struct traffic_pctx *c, enum traffic_format fmt)
{
	memset(c, 0, sizeof *c);
	c->fmt = fmt;
	/* The legacy standard log's columns: date, time, ..., time-taken is the 19th. */
	c->cf_date = 0;
	c->cf_time = 1;
	c->cf_taken = 18;
	c->cf_fields = 0;
	c->csv_header_ok = true;
}

const char *traffic_parse_line(struct traffic_pctx *c, const char *s, const char *e,
			       struct traffic_rec *r)
{
	c->at = NULL;
	switch (c->fmt) {
	case TRAFFIC_COMBINED:
		return parse_combined(c, s, e, r);
	case TRAFFIC_ALB:
		return parse_alb(c, s, e, r);
	case TRAFFIC_CLOUDFRONT:
		return parse_cloudfront(c, s, e, r);
	case TRAFFIC_CSV:
		return parse_csv(c, s, e, r);
	default:
		return "unknown format";
	}
}

void traffic_parse_comment(struct traffic_pctx *c, const char *s, const char *e)
{
	static const char tag[] = "#Fields:";
	const char *p;
	int i = 0;

	if ((size_t)(e - s) < sizeof tag - 1 || memcmp(s, tag, sizeof tag - 1) != 0)
		return;
	c->cf_date = c->cf_time = c->cf_taken = -1;
	p = s + sizeof tag - 1;
	while (p < e) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= e)
			break;
		const char *n = p;
		while (p < e && *p != ' ' && *p != '\t')
			p++;
		size_t len = (size_t)(p - n);
		if (len == 4 && memcmp(n, "date", 4) == 0)
			c->cf_date = i;
		else if (len == 4 && memcmp(n, "time", 4) == 0)
			c->cf_time = i;
		else if (len == 10 && memcmp(n, "time-taken", 10) == 0)
			c->cf_taken = i;
		i++;
	}
	c->cf_fields = i;
	if (c->cf_date < 0)
		c->cf_date = 0;
	if (c->cf_time < 0)
		c->cf_time = 1;
}

enum traffic_format traffic_detect(const char *data, size_t len)
{
	static const enum traffic_format order[] = {TRAFFIC_COMBINED, TRAFFIC_ALB,
						    TRAFFIC_CLOUDFRONT, TRAFFIC_CSV};
	int best = 0;
	enum traffic_format fmt = TRAFFIC_AUTO;
	const char *end = data + len;

	if (len >= 8 && (memcmp(data, "#Version", 8) == 0 || memcmp(data, "#Fields:", 8) == 0))
		return TRAFFIC_CLOUDFRONT;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		struct traffic_pctx c;
		struct traffic_rec r;
		int ok = 0, seen = 0;
		const char *p = data;

		traffic_pctx_init(&c, order[k]);
		while (p < end && seen < 10) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *le = nl ? nl : end;
			const char *ls = p;
			p = nl ? nl + 1 : end;
			if (le > ls && le[-1] == '\r')
				le--;
			if (le == ls)
				continue;
			if (*ls == '#') {
				traffic_parse_comment(&c, ls, le);
				continue;
			}
			seen++;
			if (!traffic_parse_line(&c, ls, le, &r))
				ok++;
		}
		if (ok > best) {
			best = ok;
			fmt = order[k];
		}
	}
	return fmt;
}
