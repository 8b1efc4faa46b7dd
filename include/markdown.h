/* markdown.h: making untrusted text (answers, data files) safe inside
 * generated Markdown, so no answer can break the layout or inject HTML,
 * links, headings or list items. */
#ifndef ARCHWISE_MARKDOWN_H
#define ARCHWISE_MARKDOWN_H

#include "util.h"

/* Appends s as one line of literal text, safe inline and in a table cell:
 * newlines, tabs and control characters become single spaces, leading and
 * trailing space is dropped, Markdown punctuation (including `|`) is
 * backslash-escaped, a leading list/heading/quote marker is neutralised and
 * bare URLs, www. and e-mail addresses are kept from turning into links.
 * NULL appends nothing. */
void md_escape_sb(struct strbuf *sb, const char *s);
/* md_escape_sb into a new string (caller frees). */
char *md_escape(const char *s);
/* Appends s as a double-quoted YAML scalar on one line (front matter), with
 * Markdown/HTML markup characters as \xNN escapes. */
void md_yaml_quote_sb(struct strbuf *sb, const char *s);
/* Appends s as one shell word, single-quoted when it holds anything but
 * [A-Za-z0-9_./:=@%+,-], with newlines collapsed (commands in code blocks). */
void md_shell_word_sb(struct strbuf *sb, const char *s);

#endif
