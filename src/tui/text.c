/* text.c: pure text helpers for the wizard (see text.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "text.h"
#include "answers.h"
#include "util.h"

void tui_field_set(struct tui_field *f, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= sizeof f->buf)
		n = sizeof f->buf - 1;
	/* Never cut a UTF-8 sequence in two. */
	while (n > 0 && n < (s ? strlen(s) : 0) && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	if (n)
		memcpy(f->buf, s, n);
	f->buf[n] = '\0';
	f->len = n;
	f->pos = n;
	f->fresh = true;
}

static bool continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* Removes bytes [from, to) and puts the cursor at from. */
static void cut(struct tui_field *f, size_t from, size_t to)
{
	memmove(f->buf + from, f->buf + to, f->len - to + 1);
	f->len -= to - from;
	f->pos = from;
}

bool tui_field_insert(struct tui_field *f, int byte)
{
	if (byte < 0x20 || byte == 0x7f || byte > 0xff)
		return false;
	if (f->fresh) {
		f->len = f->pos = 0;
		f->buf[0] = '\0';
		f->fresh = false;
	}
	if (f->len + 1 >= sizeof f->buf)
		return false;
	if (f->pos > f->len)
		f->pos = f->len;
	memmove(f->buf + f->pos + 1, f->buf + f->pos, f->len - f->pos + 1);
	f->buf[f->pos++] = (char)byte;
	f->len++;
	return true;
}

static size_t char_before(const struct tui_field *f, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && continuation(f->buf[at]))
		at--;
	return at;
}

static size_t char_after(const struct tui_field *f, size_t at)
{
	if (at >= f->len)
		return f->len;
	at++;
	while (at < f->len && continuation(f->buf[at]))
		at++;
	return at;
}

bool tui_field_erase(struct tui_field *f)
{
	f->fresh = false;
	if (f->pos == 0)
		return false;
	cut(f, char_before(f, f->pos), f->pos);
	return true;
}

bool tui_field_delete(struct tui_field *f)
{
	f->fresh = false;
	if (f->pos >= f->len)
		return false;
	size_t at = f->pos;
	cut(f, at, char_after(f, at));
	return true;
}

void tui_field_move(struct tui_field *f, int dir)
{
	f->fresh = false;
	if (dir <= -2)
		f->pos = 0;
	else if (dir >= 2)
		f->pos = f->len;
	else if (dir < 0)
		f->pos = char_before(f, f->pos);
	else if (dir > 0)
		f->pos = char_after(f, f->pos);
}

void tui_field_kill_before(struct tui_field *f)
{
	f->fresh = false;
	cut(f, 0, f->pos);
}

void tui_field_kill_after(struct tui_field *f)
{
	f->fresh = false;
	f->len = f->pos;
	f->buf[f->len] = '\0';
}

void tui_field_kill_word(struct tui_field *f)
{
	f->fresh = false;
	size_t at = f->pos;
	while (at > 0 && f->buf[at - 1] == ' ')
		at--;
	while (at > 0 && f->buf[at - 1] != ' ')
		at--;
	cut(f, at, f->pos);
}

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	if (s[0] < 0x80)
		return 1;
	else if ((s[0] & 0xE0) == 0xC0 && s[0] >= 0xC2)
		n = 2;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3;
	else if ((s[0] & 0xF8) == 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

char *tui_sanitize(const char *s, bool keep_newlines)
{
	struct strbuf sb = {0};
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		if (*p == 0x1b) {
			p++;
			if (*p == '[') { /* CSI: parameters, then a final byte */
				p++;
				while (*p && !(*p >= 0x40 && *p <= 0x7e))
					p++;
				if (*p)
					p++;
			} else if (*p == ']' || *p == 'P' || *p == '_' || *p == '^') {
				/* OSC/DCS/APC/PM: up to BEL or ESC \ */
				while (*p && *p != 0x07 && !(*p == 0x1b && p[1] == '\\'))
					p++;
				if (*p == 0x07)
					p++;
				else if (*p)
					p += 2;
			} else if (*p) {
				p++;
			}
			continue;
		}
		if (*p == '\n' && keep_newlines) {
			sb_append(&sb, "\n");
			p++;
			continue;
		}
		if (*p == '\t' || *p == '\n' || *p == '\r') {
			sb_append(&sb, " ");
			p++;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			p++;
			continue;
		}
		size_t n = utf8_len(p);
		if (n == 0) {
			sb_append(&sb, "?");
			p++;
			continue;
		}
		/* C1 controls (U+0080..U+009F) act like escapes on some terminals. */
		if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0) {
			p += 2;
			continue;
		}
		/* Bidi overrides and isolates reorder what follows; line and
		 * paragraph separators break lines: U+2028..U+202E, U+2066..U+2069. */
		if (n == 3 && p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE) ||
					       (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
			p += 3;
			continue;
		}
		sb_appendn(&sb, (const char *)p, n);
		p += n;
	}
	return sb_take(&sb);
}

void tui_asciify(char *s)
{
	static const struct { const char *u, *a; } map[] = {
		{"\xe2\x80\x94", "-"}, {"\xe2\x80\x93", "-"}, {"\xe2\x80\x98", "'"},
		{"\xe2\x80\x99", "'"}, {"\xe2\x80\x9c", "\""}, {"\xe2\x80\x9d", "\""},
		{"\xe2\x80\xa6", "."}, {"\xc2\xb7", "."}, {"\xe2\x86\x92", ">"},
		{"\xc3\x97", "x"}, {"\xe2\x89\xa4", "<"}, {"\xe2\x89\xa5", ">"},
		{"\xc2\xa0", " "},
	};
	char *out = s;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x80) {
			*out++ = (char)*p++;
			continue;
		}
		size_t n = utf8_len(p);
		if (n == 0)
			n = 1;
		const char *rep = "?";
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strncmp((const char *)p, map[i].u, strlen(map[i].u)) == 0)
				rep = map[i].a;
		*out++ = rep[0]; /* one byte for n >= 2: never grows */
		p += n;
	}
	*out = '\0';
}

/* Decodes one UTF-8 character; returns bytes used (>= 1) and its width. */
static size_t next_char(const char *s, int *width)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, strlen(s), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;
		size_t u = utf8_len((const unsigned char *)s);
		return u ? u : 1;
	}
	int w = wcwidth(wc);
	*width = w < 0 ? 1 : w;
	return n;
}

int tui_text_width(const char *s)
{
	int total = 0;
	while (s && *s) {
		int w;
		s += next_char(s, &w);
		total += w;
	}
	return total;
}

size_t tui_fit_bytes(const char *s, int width)
{
	size_t used = 0;
	int cols = 0;
	while (s[used]) {
		int w;
		size_t n = next_char(s + used, &w);
		if (cols + w > width)
			break;
		cols += w;
		used += n;
	}
	return used;
}

static void push_line(char ***lines, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*lines = xrealloc(*lines, *cap * sizeof **lines);
	}
	(*lines)[(*n)++] = xstrndup(s, len);
}

size_t tui_wrap(const char *s, int width, char ***lines)
{
	char *clean = tui_sanitize(s, true);
	size_t n = 0, cap = 0;
	*lines = NULL;
	if (width < 1)
		width = 1;
	char *para = clean;
	for (;;) {
		char *nl = strchr(para, '\n');
		size_t plen = nl ? (size_t)(nl - para) : strlen(para);
		char *p = para, *end = para + plen;
		if (plen == 0)
			push_line(lines, &n, &cap, "", 0);
		while (p < end) {
			/* Take as many whole words as fit; split a word longer than a line. */
			char *line = p, *last_break = NULL;
			int cols = 0;
			while (p < end) {
				int w;
				size_t k = next_char(p, &w);
				if (cols + w > width)
					break;
				if (*p == ' ')
					last_break = p;
				cols += w;
				p += k;
			}
			if (p == line) /* a character wider than the line */
				p += next_char(p, &cols);
			if (p < end && *p != ' ' && last_break) {
				push_line(lines, &n, &cap, line, (size_t)(last_break - line));
				p = last_break + 1;
			} else {
				push_line(lines, &n, &cap, line, (size_t)(p - line));
				while (p < end && *p == ' ')
					p++;
			}
		}
		if (!nl)
			break;
		para = nl + 1;
	}
	free(clean);
	return n;
}

void tui_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

bool tui_parse_number(const char *s, double *out)
{
	char *why = answers_number_read(s, NULL, out);
	free(why);
	return !why;
}

static void trim_zeros(char *buf)
{
	char *dot = strchr(buf, '.');
	if (!dot)
		return;
	char *e = buf + strlen(buf) - 1;
	while (e > dot && *e == '0')
		*e-- = '\0';
	if (e == dot)
		*e = '\0';
}

void tui_format_plain(char *buf, size_t size, double v)
{
	if (isfinite(v) && v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else if (isfinite(v) && fabs(v) >= 1e-4 && fabs(v) < 1e15) {
		snprintf(buf, size, "%.6f", v);
		trim_zeros(buf);
	} else
		util_format_number(buf, size, v);
}

void tui_format_grouped(char *buf, size_t size, double v)
{
	char plain[96];
	tui_format_plain(plain, sizeof plain, v);
	/* Only plain decimals get separators (not "1e+20", "inf"). */
	const char *digits = plain[0] == '-' ? plain + 1 : plain;
	size_t int_len = strspn(digits, "0123456789");
	if (int_len <= 3 || (digits[int_len] && digits[int_len] != '.')) {
		snprintf(buf, size, "%s", plain);
		return;
	}
	char out[128];
	size_t o = 0;
	if (digits != plain)
		out[o++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof out - o, "%s", digits + int_len);
	snprintf(buf, size, "%s", out);
}

void tui_format_si(char *buf, size_t size, double v)
{
	static const struct { double f; const char *s; } units[] = {
		{1e9, "G"}, {1e6, "M"}, {1e3, "k"},
	};
	if (!isfinite(v)) {
		snprintf(buf, size, "-");
		return;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (fabs(v) >= units[i].f) {
			char num[64];
			double x = v / units[i].f;
			snprintf(num, sizeof num, x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x);
			trim_zeros(num);
			snprintf(buf, size, "%s%s", num, units[i].s);
			return;
		}
	}
	char num[64];
	snprintf(num, sizeof num, "%.2f", v);
	trim_zeros(num);
	snprintf(buf, size, "%s", num);
}

void tui_format_usd(char *buf, size_t size, double v)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "-");
		return;
	}
	if (fabs(v) >= 100000) {
		char si[32];
		tui_format_si(si, sizeof si, v);
		snprintf(buf, size, "$%s", si);
	} else if (fabs(v) >= 1000) {
		long d = lround(v);
		snprintf(buf, size, "%s$%ld,%03ld", d < 0 ? "-" : "", labs(d) / 1000, labs(d) % 1000);
	} else {
		snprintf(buf, size, "$%.2f", v);
	}
}

int tui_log_pos(double v, double lo_exp, double hi_exp, int width)
{
	if (width <= 1 || !(hi_exp > lo_exp))
		return 0;
	double e = v > 0 ? log10(v) : lo_exp;
	double f = (e - lo_exp) / (hi_exp - lo_exp);
	if (!(f > 0))
		f = 0;
	if (f > 1)
		f = 1;
	return (int)lround(f * (width - 1));
}

int tui_bar_cells(double frac, int width)
{
	if (width <= 0 || !(frac > 0))
		return 0;
	if (frac > 1)
		frac = 1;
	return (int)lround(frac * width);
}
