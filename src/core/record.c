/* record.c: a decision record's own data (include/record.h). The record
 * writer appends record_block(); record_parse() finds that block again in a
 * Markdown file, refusing anything that is not exactly what archwise wrote:
 * every error names its line and column in the record. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "file.h"
#include "record.h"
#include "util.h"

#ifndef ARCHWISE_VERSION
#define ARCHWISE_VERSION "unknown"
#endif

/* The metadata keys, in the order they are written and must be read. */
enum { META_VERSION, META_QVERSION, META_PRICES, META_CHOSEN, META_COUNT };
static const char *const meta_keys[META_COUNT] = {
	"archwise", "questionnaire_version", "prices", "chosen",
};

/* FNV-1a, 64 bits: catches edits and cuts (not an authentication). */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}
#define FNV_START UINT64_C(0xcbf29ce484222325)

static size_t longest_backtick_run(const char *s)
{
	size_t best = 0, run = 0;
	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

char *record_block(const struct model *m, const struct answers *a, enum arch chosen)
{
	size_t len = 0;
	char *yaml = answers_to_yaml(m, a, &len);
	if (!yaml || !m->questionnaire)
		return free(yaml), NULL;
	struct strbuf body = {0};
	sb_printf(&body, "%s\n", RECORD_MARK);
	sb_printf(&body, "%s: %s\n", meta_keys[META_VERSION], ARCHWISE_VERSION);
	sb_printf(&body, "%s: %u\n", meta_keys[META_QVERSION], m->questionnaire->version);
	const struct pricing *pr = answers_pricing(m, a);
	sb_printf(&body, "%s: %s\n", meta_keys[META_PRICES],
		  pr && pr->date && answers_valid_date(pr->date) ? pr->date : "0000-00-00");
	sb_printf(&body, "%s: %s\n", meta_keys[META_CHOSEN], arch_id(chosen));
	sb_appendn(&body, yaml, len);
	if (len && yaml[len - 1] != '\n')
		sb_append(&body, "\n");
	free(yaml);
	char *data = sb_take(&body);
	uint64_t h = fnv1a(FNV_START, data, strlen(data));

	size_t fence = longest_backtick_run(data) + 1;
	if (fence < 3)
		fence = 3;
	struct strbuf sb = {0};
	sb_append(&sb, "### Recheck data\n\n"
		  "`archwise recheck` re-evaluates this decision from the block below: the "
		  "answers, weights and assumptions it was made from, the archwise version and "
		  "the price table's date. The text above may be edited; the block may not "
		  "(recheck refuses a block that changed).\n\n");
	for (size_t i = 0; i < fence; i++)
		sb_append(&sb, "`");
	sb_append(&sb, "yaml\n");
	sb_append(&sb, data);
	sb_printf(&sb, "digest: fnv1a64-%016" PRIx64 "\n", h);
	for (size_t i = 0; i < fence; i++)
		sb_append(&sb, "`");
	sb_append(&sb, "\n");
	free(data);
	return sb_take(&sb);
}

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* One line of the text: start, length without the newline (and without a
 * '\r' before it), and where the next line starts. */
struct line {
	const char *p;
	size_t n;
	unsigned no;
};

static bool next_line(const char *text, size_t len, size_t *off, struct line *l)
{
	if (*off >= len)
		return false;
	const char *s = text + *off;
	const char *nl = memchr(s, '\n', len - *off);
	size_t n = nl ? (size_t)(nl - s) : len - *off;
	*off += n + (nl ? 1 : 0);
	l->p = s;
	l->n = n > 0 && s[n - 1] == '\r' ? n - 1 : n;
	l->no++;
	return true;
}

static bool line_is(const struct line *l, const char *s)
{
	return l->n == strlen(s) && memcmp(l->p, s, l->n) == 0;
}

static bool has_mark(const char *text, size_t len)
{
	size_t off = 0;
	struct line l = {0};
	while (next_line(text, len, &off, &l))
		if (line_is(&l, RECORD_MARK))
			return true;
	return false;
}

bool record_is_markdown(const char *name, const char *text, size_t len)
{
	if (name && (ends_with_ci(name, ".md") || ends_with_ci(name, ".markdown")))
		return true;
	return text && has_mark(text, len);
}

/* Backticks only, at least three: the fence's length, else 0. */
static size_t fence_len(const struct line *l, bool with_info)
{
	size_t n = 0;
	while (n < l->n && l->p[n] == '`')
		n++;
	if (n < 3)
		return 0;
	if (!with_info)
		return n == l->n ? n : 0;
	return l->n - n == 4 && memcmp(l->p + n, "yaml", 4) == 0 ? n : 0;
}

/* "status: X" in the front matter (the lines between the first two ---). */
static void front_matter_status(const char *text, size_t len, char *out, size_t size)
{
	size_t off = 0;
	struct line l = {0};
	out[0] = '\0';
	if (!next_line(text, len, &off, &l) || !line_is(&l, "---"))
		return;
	while (next_line(text, len, &off, &l) && !line_is(&l, "---")) {
		if (l.n > 7 && memcmp(l.p, "status:", 7) == 0) {
			const char *v = l.p + 7;
			size_t n = l.n - 7;
			while (n && (*v == ' ' || *v == '\t'))
				v++, n--;
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
			if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0])
				v++, n -= 2;
			if (n >= size)
				n = size - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return;
		}
	}
}

bool record_status_retired(const char *status)
{
	return strncasecmp(status, "superseded", 10) == 0 ||
	       strncasecmp(status, "deprecated", 10) == 0 ||
	       strncasecmp(status, "rejected", 8) == 0;
}

/* Reads "key: value" at line l into buf; errors at their column. */
static bool meta_value(const struct line *l, const char *key, const char *name, char *buf,
		       size_t size, struct diag_list *d)
{
	size_t k = strlen(key);
	if (l->n < k + 2 || memcmp(l->p, key, k) != 0 || l->p[k] != ':' || l->p[k + 1] != ' ') {
		diag_add(d, name, l->no, 1, "expected '%s: ...' in the decision data "
			 "(the block was edited or cut short)", key);
		return false;
	}
	size_t n = l->n - k - 2;
	if (n == 0 || n >= size) {
		diag_add(d, name, l->no, (unsigned)k + 3, "%s: %s value", key,
			 n ? "too long a" : "missing");
		return false;
	}
	memcpy(buf, l->p + k + 2, n);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (!(isalnum(ch) || ch == '.' || ch == '-' || ch == '_' || ch == '+')) {
			diag_add(d, name, l->no, (unsigned)(k + 3 + i), "%s: unexpected character in '%s'",
				 key, key);
			return false;
		}
	}
	return true;
}

static bool parse_meta(const struct line *lines, const char *name, struct record_meta *meta,
		       struct diag_list *d)
{
	char buf[META_COUNT][64];
	for (int i = 0; i < META_COUNT; i++)
		if (!meta_value(&lines[i], meta_keys[i], name, buf[i], sizeof(buf[i]), d))
			return false;
	unsigned col[META_COUNT];
	for (int i = 0; i < META_COUNT; i++)
		col[i] = (unsigned)strlen(meta_keys[i]) + 3;
	if (strlen(buf[META_VERSION]) >= sizeof(meta->version)) {
		diag_add(d, name, lines[META_VERSION].no, col[META_VERSION], "archwise: too long a version");
		return false;
	}
	strcpy(meta->version, buf[META_VERSION]);
	char *end;
	unsigned long qv = strtoul(buf[META_QVERSION], &end, 10);
	if (*end || !isdigit((unsigned char)buf[META_QVERSION][0]) || qv > 1000000) {
		diag_add(d, name, lines[META_QVERSION].no, col[META_QVERSION],
			 "questionnaire_version: '%s' is not a whole number", buf[META_QVERSION]);
		return false;
	}
	meta->questionnaire_version = (unsigned)qv;
	if (!answers_valid_date(buf[META_PRICES]) && strcmp(buf[META_PRICES], "0000-00-00") != 0) {
		diag_add(d, name, lines[META_PRICES].no, col[META_PRICES],
			 "prices: '%s' is not a date YYYY-MM-DD", buf[META_PRICES]);
		return false;
	}
	strcpy(meta->prices, buf[META_PRICES]);
	int a = arch_from_id(buf[META_CHOSEN]);
	if (a < 0) {
		diag_add(d, name, lines[META_CHOSEN].no, col[META_CHOSEN],
			 "chosen: unknown architecture '%s'", buf[META_CHOSEN]);
		return false;
	}
	meta->chosen = (enum arch)a;
	return true;
}

int record_parse(const struct model *m, const char *text, size_t len, const char *name,
		 struct answers *out, struct record_meta *meta, struct diag_list *d)
{
	struct record_meta mt;
	memset(&mt, 0, sizeof(mt));
	if (answers_init(out, m) != 0) {
		diag_add(d, name, 0, 0, "out of memory");
		return -1;
	}
	front_matter_status(text, len, mt.status, sizeof(mt.status));

	/* The last opening fence followed by the mark. */
	size_t off = 0, open_len = 0, body_off = 0;
	struct line l = {0}, prev = {0}, open = {0};
	bool have_prev = false;
	while (next_line(text, len, &off, &l)) {
		if (line_is(&l, RECORD_MARK)) {
			size_t f = have_prev ? fence_len(&prev, true) : 0;
			if (!f) {
				diag_add(d, name, l.no, 1, "the decision data does not start with a "
					 "```yaml fence (the record was edited)");
				return -1;
			}
			open_len = f, open = prev, body_off = (size_t)(l.p - text);
		}
		prev = l;
		have_prev = true;
	}
	unsigned last_line = l.no;
	if (!open_len) {
		diag_add(d, name, last_line + 1, 1, "no archwise decision data in this record "
			 "(a record archwise did not write, or one cut short); "
			 "re-export it with archwise export");
		return -1;
	}
	mt.block_line = open.no;

	/* Its lines, to the closing fence. */
	off = body_off;
	l = open;
	struct line meta_lines[META_COUNT + 1];
	size_t nmeta = 0;
	struct line digest = {0}, close = {0};
	bool closed = false;
	size_t answers_off = 0, digest_off = 0;
	while (next_line(text, len, &off, &l)) {
		if (fence_len(&l, false) == open_len) {
			closed = true;
			close = l;
			break;
		}
		if (nmeta <= META_COUNT) {
			meta_lines[nmeta++] = l; /* the mark, then the metadata */
			if (nmeta == META_COUNT + 1)
				answers_off = off;
			continue;
		}
		digest = l;
		digest_off = (size_t)(l.p - text);
	}
	if (!closed) {
		diag_add(d, name, last_line + 1, 1, "the decision data block is not closed "
			 "(the record is cut short)");
		return -1;
	}
	if (nmeta < META_COUNT + 1 || !digest.p || digest_off < answers_off) {
		diag_add(d, name, close.no, 1, "the decision data block ends early "
			 "(the record was cut or edited)");
		return -1;
	}
	if (!parse_meta(meta_lines + 1, name, &mt, d))
		return -1;
	static const char dprefix[] = "digest: fnv1a64-";
	size_t dp = sizeof(dprefix) - 1;
	if (digest.n != dp + 16 || memcmp(digest.p, dprefix, dp) != 0) {
		diag_add(d, name, digest.no, 1, "expected the block's last line to be "
			 "'digest: fnv1a64-...' (the record was cut or edited)");
		return -1;
	}

	/* The answers document, with positions moved to the record's lines. */
	char *doc = xstrndup(text + answers_off, digest_off - answers_off);
	size_t first = d->count;
	struct answers parsed;
	int rc = answers_parse(m, doc, strlen(doc), name, &parsed, d);
	free(doc);
	unsigned shift = meta_lines[META_COUNT].no;
	for (size_t i = first; i < d->count; i++)
		if (d->items[i].line)
			d->items[i].line += shift;
	if (rc != 0) {
		answers_fini(&parsed);
		return -1;
	}
	answers_fini(out);
	*out = parsed;

	/* The digest over the block's lines, each read with '\n'. */
	uint64_t h = FNV_START;
	off = body_off;
	l = open;
	while (next_line(text, len, &off, &l) && l.no < digest.no) {
		h = fnv1a(h, l.p, l.n);
		h = fnv1a(h, "\n", 1);
	}
	char want[17];
	snprintf(want, sizeof(want), "%016" PRIx64, h);
	if (memcmp(digest.p + dp, want, 16) != 0) {
		diag_add(d, name, digest.no, (unsigned)dp + 1, "the decision data was changed "
			 "after archwise wrote it (its digest does not match); re-export the "
			 "record, or recheck it with --set QUESTION=VALUE");
		return -1;
	}
	if (meta)
		*meta = mt;
	return 0;
}

int record_load(const struct model *m, const char *path, struct answers *out,
		struct record_meta *meta, bool *is_record, struct diag_list *d)
{
	size_t len = 0;
	char *text = file_read(path, &len, d);
	if (!text) {
		answers_init(out, m);
		return -1;
	}
	bool rec = record_is_markdown(path, text, len);
	if (is_record)
		*is_record = rec;
	int rc = rec ? record_parse(m, text, len, path, out, meta, d)
		     : answers_parse(m, text, len, path, out, d);
	free(text);
	return rc;
}

char *record_mark_superseded(const char *text, size_t len, const char *by)
{
	size_t off = 0;
	struct line l = {0};
	if (!next_line(text, len, &off, &l) || !line_is(&l, "---"))
		return NULL;
	while (next_line(text, len, &off, &l) && !line_is(&l, "---")) {
		if (l.n < 7 || memcmp(l.p, "status:", 7) != 0)
			continue;
		const char *base = strrchr(by, '/');
		base = base ? base + 1 : by;
		size_t digits = strspn(base, "0123456789");
		struct strbuf sb = {0};
		sb_appendn(&sb, text, (size_t)(l.p - text));
		sb_printf(&sb, "status: superseded by [ADR-%.*s](%s)", (int)digits, base, base);
		sb_appendn(&sb, l.p + l.n, len - (size_t)(l.p + l.n - text));
		return sb_take(&sb);
	}
	return NULL;
}
