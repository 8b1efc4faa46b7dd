/* traffic_priv.h: what traffic.c and traffic_parse.c share. */
#ifndef ARCHWISE_TRAFFIC_PRIV_H
#define ARCHWISE_TRAFFIC_PRIV_H

#include <stdint.h>
#include "traffic.h"

/* One parsed record. */
struct traffic_rec {
	int64_t ts;          /* UTC epoch seconds */
	uint64_t count;      /* 1 for a log line, the count for CSV */
	double dur_ms;       /* < 0: the line has no time */
};

/* Per-input parser state: cached dates (the hot path parses a date once per
 * day, not once per line) and CloudFront's column layout. */
struct traffic_pctx {
	enum traffic_format fmt;
	char date_key[16];   /* the date text last converted (with the offset for combined) */
	size_t date_key_len;
	int64_t date_base;   /* its UTC epoch seconds at 00:00:00 local */
	int cf_date, cf_time, cf_taken, cf_fields; /* CloudFront column indexes */
	bool csv_header_ok;  /* the first record may be a header */
	const char *at;      /* where the last line's problem is, when known */
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t traffic_days_from_civil(int64_t y, unsigned m, unsigned d);

void traffic_pctx_init(struct traffic_pctx *c, enum traffic_format fmt);
/* Parses one line [s, e) (no newline, no trailing CR) with c->fmt.
 * Returns NULL and fills r, or a static reason string (and c->at points at
 * the part of the line it is about, or is NULL). */
const char *traffic_parse_line(struct traffic_pctx *c, const char *s, const char *e,
			       struct traffic_rec *r);
/* Handles a '#' line (CloudFront #Fields sets the columns). */
void traffic_parse_comment(struct traffic_pctx *c, const char *s, const char *e);
/* Guesses the format from the start of an input (the first lines).
 * TRAFFIC_AUTO when nothing fits. */
enum traffic_format traffic_detect(const char *data, size_t len);

#endif
