/* gen_yaml.c: the YAML writer the generators share. Everything goes through
 * libyaml's emitter, so no answer text can break out of its scalar; strings
 * that a YAML 1.1 or 1.2 reader could take for a number, boolean or null, or
 * that hold anything but a few safe characters, are double quoted. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>
#include "gen.h"
#include "util.h"

struct gen_yaml {
	yaml_emitter_t em;
	struct strbuf out;
	bool failed;
	bool finished;
	char *problem;
};

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	sb_appendn(data, (const char *)buffer, size);
	return 1;
}

static void emit(struct gen_yaml *y, yaml_event_t *ev, bool ok)
{
	if (y->failed) {
		if (ok)
			yaml_event_delete(ev);
		return;
	}
	if (!ok) {
		y->failed = true;
		y->problem = xstrdup("cannot build a YAML event");
		return;
	}
	if (!yaml_emitter_emit(&y->em, ev)) {
		y->failed = true;
		y->problem = xstrdup(y->em.problem ? y->em.problem : "YAML emitter error");
	}
}

struct gen_yaml *gen_yaml_new(void)
{
	struct gen_yaml *y = xcalloc(1, sizeof(*y));
	if (!yaml_emitter_initialize(&y->em))
		util_fatal("out of memory");
	yaml_emitter_set_output(&y->em, write_handler, &y->out);
	yaml_emitter_set_unicode(&y->em, 1);
	yaml_emitter_set_indent(&y->em, 2);
	yaml_emitter_set_width(&y->em, -1);   /* never fold long values */
	yaml_emitter_set_break(&y->em, YAML_LN_BREAK);
	yaml_event_t ev;
	emit(y, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(y, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	return y;
}

void gen_yaml_free(struct gen_yaml *y)
{
	if (!y)
		return;
	yaml_emitter_delete(&y->em);
	sb_fini(&y->out);
	free(y->problem);
	free(y);
}

void gen_yaml_map_start(struct gen_yaml *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void gen_yaml_map_end(struct gen_yaml *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_mapping_end_event_initialize(&ev));
}

void gen_yaml_seq_start(struct gen_yaml *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
}

void gen_yaml_seq_end(struct gen_yaml *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* Words some reader resolves to a boolean or null (YAML 1.1 and 1.2). */
static bool is_reserved_word(const char *s)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/* Plain only for [A-Za-z/][A-Za-z0-9_./:-]* not ending in ':', not a reserved word:
 * such a scalar can only read back as the same string. */
static bool plain_is_safe(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '/'))
		return false;
	for (const char *c = s; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '.' || *c == '/' || *c == '-' ||
		      *c == ':'))
			return false;
	/* "a:b" is plain, "a:" would open a mapping. */
	return s[strlen(s) - 1] != ':' && !is_reserved_word(s);
}

static void scalar(struct gen_yaml *y, const char *s, yaml_scalar_style_t style, bool is_string)
{
	if (!y->failed && !util_utf8_valid(s)) {
		y->failed = true;
		y->problem = xstrdup("a value is not valid UTF-8");
		return;
	}
	yaml_event_t ev;
	emit(y, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s),
						   1, is_string, style));
}

void gen_yaml_str(struct gen_yaml *y, const char *s)
{
	if (!s)
		s = "";
	scalar(y, s, plain_is_safe(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE, true);
}

void gen_yaml_quoted(struct gen_yaml *y, const char *s)
{
	scalar(y, s ? s : "", YAML_DOUBLE_QUOTED_SCALAR_STYLE, true);
}

void gen_yaml_int(struct gen_yaml *y, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	scalar(y, buf, YAML_PLAIN_SCALAR_STYLE, false);
}

void gen_yaml_bool(struct gen_yaml *y, bool v)
{
	scalar(y, v ? "true" : "false", YAML_PLAIN_SCALAR_STYLE, false);
}

void gen_yaml_kv_str(struct gen_yaml *y, const char *key, const char *value)
{
	gen_yaml_str(y, key);
	gen_yaml_str(y, value);
}

void gen_yaml_kv_int(struct gen_yaml *y, const char *key, long long value)
{
	gen_yaml_str(y, key);
	gen_yaml_int(y, value);
}

void gen_yaml_kv_bool(struct gen_yaml *y, const char *key, bool value)
{
	gen_yaml_str(y, key);
	gen_yaml_bool(y, value);
}

void gen_yaml_kv_map_str(struct gen_yaml *y, const char *key, const char *k, const char *v)
{
	gen_yaml_str(y, key);
	gen_yaml_map_start(y);
	if (k)
		gen_yaml_kv_str(y, k, v);
	gen_yaml_map_end(y);
}

char *gen_yaml_finish(struct gen_yaml *y, size_t *len, char **err)
{
	if (!y->finished) {
		yaml_event_t ev;
		emit(y, &ev, yaml_document_end_event_initialize(&ev, 1));
		emit(y, &ev, yaml_stream_end_event_initialize(&ev));
		if (!y->failed && !yaml_emitter_flush(&y->em)) {
			y->failed = true;
			y->problem = xstrdup("cannot flush the YAML emitter");
		}
		y->finished = true;
	}
	if (y->failed) {
		if (err)
			*err = xasprintf("YAML: %s", y->problem);
		return NULL;
	}
	if (len)
		*len = y->out.len;
	return sb_take(&y->out);
}

int gen_yaml_add_file(struct gen_yaml *y, const char *comment, struct out_bundle *b,
		      const char *path, char **err)
{
	size_t len;
	char *text = gen_yaml_finish(y, &len, err);
	gen_yaml_free(y);
	if (!text)
		return -1;
	if (comment && *comment) {
		char *whole = xasprintf("%s%s", comment, text);
		free(text);
		text = whole;
		len = strlen(text);
	}
	out_bundle_add(b, path, text, len);
	return 0;
}
