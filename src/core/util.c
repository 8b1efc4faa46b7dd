/* util.c: allocation wrappers and string buffers. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include "util.h"

static void (*fatal_cleanup)(void);

void util_set_fatal_cleanup(void (*fn)(void))
{
	fatal_cleanup = fn;
}

void util_fatal(const char *fmt, ...)
{
	if (fatal_cleanup)
		fatal_cleanup();
	va_list ap;
	va_start(ap, fmt);
	fputs("archwise: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	/* A runtime failure, exit 1 (scripts read the code; abort's 134 would
	 * read as a crash). _exit: nothing more is allocated or flushed. */
	_exit(1);
}

void util_message(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *raw = xvasprintf(fmt, ap);
	va_end(ap);
	char *msg = util_escape_controls(raw, false);
	fprintf(stderr, "archwise: %s\n", msg);
	free(msg);
	free(raw);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		util_fatal("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		util_fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		util_fatal("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		util_fatal("bad format");
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void sb_appendn(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 256;
		while (cap < sb->len + n + 1)
			cap *= 2;
		sb->data = xrealloc(sb->data, cap);
		sb->cap = cap;
	}
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void sb_append(struct strbuf *sb, const char *s)
{
	sb_appendn(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	sb_append(sb, p);
	free(p);
}

char *sb_take(struct strbuf *sb)
{
	char *p = sb->data ? sb->data : xstrdup("");
	*sb = (struct strbuf){0};
	return p;
}

void sb_fini(struct strbuf *sb)
{
	free(sb->data);
	*sb = (struct strbuf){0};
}

void util_c_decimal_point(char *buf)
{
	const struct lconv *lc = localeconv();
	const char *dp = lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
	if (strcmp(dp, ".") == 0)
		return;
	char *at = strstr(buf, dp);
	if (!at)
		return;
	size_t n = strlen(dp);
	*at = '.';
	memmove(at + 1, at + n, strlen(at + n) + 1);
}

int util_today(char *buf, size_t size, char **err)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;

	*err = NULL;
	if (env && *env) {
		/* Digits only: no sign, no spaces, no fraction; at most 12 of them
		 * (year 33658), so time_t holds it and the year fits "%Y". */
		size_t n = strspn(env, "0123456789");
		if (env[n] != '\0' || n > 12) {
			char *shown = util_escape_controls(env, false);
			*err = xasprintf("SOURCE_DATE_EPOCH '%s' is not a whole number of seconds since 1970",
					 shown);
			free(shown);
			return -1;
		}
		t = (time_t)strtoll(env, NULL, 10);
		if (!gmtime_r(&t, &tm))
			goto bad;
	} else {
		t = time(NULL);
		if (t == (time_t)-1 || !localtime_r(&t, &tm))
			goto bad;
	}
	if (tm.tm_year + 1900 > 9999 || strftime(buf, size, "%Y-%m-%d", &tm) != 10)
		goto bad;
	return 0;
bad:
	*err = xstrdup(env && *env ? "SOURCE_DATE_EPOCH is past the year 9999"
			       : "cannot tell today's date");
	return -1;
}

bool util_option_is(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

const char *util_option_value(int argc, char **argv, int *i, const char *name)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (arg[n] == '=')
		return arg + n + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

void util_format_number(char *buf, size_t size, double v)
{
	util_format_number_as(buf, size, v, 0, 17);
}

void util_format_number_as(char *buf, size_t size, double v, double whole_below, int max_digits)
{
	if (v == rint(v) && fabs(v) < whole_below) {
		snprintf(buf, size, "%.0f", v);
		return;
	}
	for (int prec = 1; prec <= max_digits; prec++) {
		/* snprintf and strtod agree on the locale's decimal point;
		 * the '.' is put in afterwards */
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	util_c_decimal_point(buf);
}

size_t util_utf8_decode(const char *s, size_t avail, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (avail == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	size_t n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
	if (n == 0 || p[0] > 0xF4 || n > avail)
		return 0;
	unsigned c = p[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

bool util_utf8_valid(const char *s)
{
	unsigned cp;
	for (const char *p = s; *p;) {
		size_t n = util_utf8_decode(p, SIZE_MAX, &cp);
		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

bool util_is_control(unsigned cp, bool keep_newlines)
{
	return (cp < 0x20 && !(keep_newlines && (cp == '\n' || cp == '\t'))) || cp == 0x7F ||
	       (cp >= 0x80 && cp <= 0x9F);
}

void sb_append_escaped(struct strbuf *sb, const char *s, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		size_t n = util_utf8_decode((const char *)p, SIZE_MAX, &cp);
		if (n == 0) {
			sb_printf(sb, "\\x%02x", *p);
			p++;
			continue;
		}
		if (util_is_control(cp, keep_newlines) && cp < 0x80)
			sb_printf(sb, "\\x%02x", cp);
		else if (util_is_control(cp, keep_newlines) || (cp >= 0x202A && cp <= 0x202E) ||
			 (cp >= 0x2066 && cp <= 0x2069))
			sb_printf(sb, "\\u%04x", cp);
		else
			sb_appendn(sb, (const char *)p, n);
		p += n;
	}
}

char *util_escape_controls(const char *s, bool keep_newlines)
{
	struct strbuf sb = {0};
	sb_append_escaped(&sb, s ? s : "", keep_newlines);
	return sb_take(&sb);
}
