/* markdown.c: escaping untrusted text for Markdown, YAML front matter and
 * shell commands. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "markdown.h"

/* Length of the UTF-8 C1 control (U+0080..U+009F), bidi control (U+202A..
 * U+202E, U+2066..U+2069) or line/paragraph separator (U+2028, U+2029) at
 * p, else 0: they reorder or break what a reader sees, or drive terminals. */
static size_t invisible_control(const unsigned char *p)
{
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE) ||
			     (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
		return 3;
	return 0;
}

/* One line: control characters (C0, DEL, C1, bidi) and whitespace runs
 * become one space, no leading or trailing space. */
static char *one_line(const char *s)
{
	struct strbuf sb = {0};
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		size_t skip = invisible_control(p);
		if (*p < 0x20 || *p == 0x7f || *p == ' ' || skip) {
			space = true;
			if (skip)
				p += skip - 1;
			continue;
		}
		if (space && sb.len)
			sb_append(&sb, " ");
		space = false;
		sb_appendn(&sb, (const char *)p, 1);
	}
	return sb_take(&sb);
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *prefix)
			return false;
	}
	return true;
}

void md_escape_sb(struct strbuf *sb, const char *s)
{
	if (!s)
		return;
	char *t = one_line(s);
	const char *p = t;
	/* A leading "1. " or "1)" would start an ordered list ("1.5 GB" is fine). */
	size_t digits = strspn(p, "0123456789");
	if (digits > 0 && (p[digits] == '.' || p[digits] == ')') &&
	    (p[digits + 1] == ' ' || p[digits + 1] == '\0')) {
		sb_appendn(sb, p, digits);
		sb_append(sb, "\\");
		p += digits;
	} else if (*p == '-' || *p == '+' || *p == '=') {
		/* list item, setext underline */
		sb_append(sb, "\\");
	}
	for (; *p; p++) {
		char c = *p;
		bool word_start = p == t || !is_alnum(p[-1]);
		if (strchr("\\`*_[]<>#|~&$", c)) {
			sb_append(sb, "\\");
		} else if (c == ':' && p[1] == '/' && p[2] == '/') {
			sb_append(sb, "\\"); /* no scheme://, no autolink */
		} else if (c == '@') {
			sb_append(sb, "\\"); /* no e-mail autolink */
		} else if (word_start && starts_with_ci(p, "www.")) {
			sb_appendn(sb, p, 3);
			sb_append(sb, "\\");
			p += 3;
			c = *p;
		}
		sb_appendn(sb, &c, 1);
	}
	free(t);
}

char *md_escape(const char *s)
{
	struct strbuf sb = {0};
	md_escape_sb(&sb, s);
	return sb_take(&sb);
}

void md_yaml_quote_sb(struct strbuf *sb, const char *s)
{
	char *t = one_line(s ? s : "");
	sb_append(sb, "\"");
	for (const char *p = t; *p; p++) {
		/* A renderer without front matter support shows these lines as
		 * Markdown: YAML hex escapes keep the value and hide the markup. */
		if (strchr("<>[]`&@*_|~", *p) || (*p == ':' && p[1] == '/' && p[2] == '/')) {
			sb_printf(sb, "\\x%02X", (unsigned)(unsigned char)*p);
			continue;
		}
		if (*p == '"' || *p == '\\')
			sb_append(sb, "\\");
		sb_appendn(sb, p, 1);
	}
	sb_append(sb, "\"");
	free(t);
}

void md_shell_word_sb(struct strbuf *sb, const char *s)
{
	char *t = one_line(s ? s : "");
	bool plain = *t != '\0';
	for (const char *p = t; *p && plain; p++)
		plain = is_alnum(*p) || strchr("_./:=@%+,-", *p);
	if (plain) {
		sb_append(sb, t);
	} else {
		sb_append(sb, "'");
		for (const char *p = t; *p; p++) {
			if (*p == '\'')
				sb_append(sb, "'\\''");
			else
				sb_appendn(sb, p, 1);
		}
		sb_append(sb, "'");
	}
	free(t);
}
