/* util.h: allocation that never returns NULL (out of memory runs the
 * registered cleanup, e.g. restoring the terminal, prints one line and
 * exits 1), and small string helpers. */
#ifndef ARCHWISE_UTIL_H
#define ARCHWISE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Called before exiting on out of memory (the wizard restores the terminal). */
void util_set_fatal_cleanup(void (*fn)(void));
/* Runs the cleanup, prints "archwise: <message>" on stderr, exits 1. */
void util_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Prints "archwise: MESSAGE" on stderr as one line: whatever the message
 * quotes (file names, values) has its controls, newlines included, written
 * out as sb_append_escaped does, so it neither breaks the line nor drives
 * the terminal. */
void util_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string buffer. */
struct strbuf {
	char *data;
	size_t len, cap;
};
void sb_append(struct strbuf *sb, const char *s);
void sb_appendn(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL) and resets sb; caller frees. */
char *sb_take(struct strbuf *sb);
/* Appends s with what could drive a terminal written out instead: C0 controls
 * (but \n and \t when keep_newlines) and DEL as \xHH, C1 controls and bidi
 * overrides as \uHHHH, bytes that are not valid UTF-8 as \xHH. */
void sb_append_escaped(struct strbuf *sb, const char *s, bool keep_newlines);
/* The same into a new string (caller frees); NULL reads as "". */
char *util_escape_controls(const char *s, bool keep_newlines);
void sb_fini(struct strbuf *sb);

/* Today's date, YYYY-MM-DD, into buf (size >= 11): the day, in UTC, of
 * SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention)
 * when that is set and not empty, else today in the local time zone.
 * Returns 0, or -1 with *err (caller frees) when SOURCE_DATE_EPOCH is not a
 * whole number of seconds or the date cannot be formatted. */
int util_today(char *buf, size_t size, char **err);

/* Command-line options: whether arg is the option name, alone or as
 * "name=VALUE". */
bool util_option_is(const char *arg, const char *name);
/* The value of the option argv[*i] (which util_option_is name): after its
 * '=', else the next argument (*i moves on to it); NULL when there is none. */
const char *util_option_value(int argc, char **argv, int *i, const char *name);

/* Whether all of s is strict UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF, no sequence cut short by the NUL). */
bool util_utf8_valid(const char *s);
/* Decodes the strict UTF-8 sequence at s, of at most avail bytes (SIZE_MAX
 * when s is NUL-terminated: the NUL ends any sequence): its length (1-4)
 * with *cp its code point, or 0 when the bytes at s do not start one. */
size_t util_utf8_decode(const char *s, size_t avail, unsigned *cp);
/* Whether code point cp is a control that could drive a terminal: C0 (but
 * \n and \t when keep_newlines), DEL, C1 (U+0080..U+009F). */
bool util_is_control(unsigned cp, bool keep_newlines);

/* Formats a number the shortest way that reads back exactly ("%.17g" trimmed),
 * always with a '.' whatever LC_NUMERIC the wizard's setlocale chose. */
void util_format_number(char *buf, size_t size, double v);
/* The same with a choice: a whole number below whole_below in magnitude is
 * written out in full ("10000000000", not "1e+10"; 0: none, INFINITY: all),
 * anything else keeps at most max_digits significant digits (1-17; below 17
 * it may not read back exactly, as "%.<max_digits>g" would print it). */
void util_format_number_as(char *buf, size_t size, double v, double whole_below, int max_digits);
/* Rewrites, in place, the current locale's decimal point in a number that
 * printf just formatted as '.' (files must not depend on the locale). */
void util_c_decimal_point(char *buf);

#endif
