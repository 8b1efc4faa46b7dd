/* Shared checks of the fuzz targets: what must hold for any input. Each
 * failed check abort()s, which libFuzzer reports as a crash. */
#ifndef ARCHWISE_FUZZ_COMMON_H
#define ARCHWISE_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include <yaml.h>
#include "answers.h"
#include "diag.h"
#include "engine.h"
#include "export.h"
#include "gen.h"
#include "load.h"
#include "output.h"

/* The built-in model, loaded once per fuzzing process (targets that fuzz
 * answers and exporters need a model, not a new one per input). */
static inline const struct model *fuzz_built_in_model(void)
{
	static struct model m;
	static int loaded;
	if (!loaded) {
		struct diag_list d = {0};
		if (load_model(&(struct load_sources){0}, &m, &d) != 0)
			abort();
		diag_list_fini(&d);
		loaded = 1;
	}
	return &m;
}

/* The input in a buffer of its own, exactly size bytes with no terminator
 * after them (so a parser reading past the end is caught), or NULL. */
static inline char *fuzz_copy(const void *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	if (text)
		memcpy(text, data, size);
	return text;
}

/* Whether s holds a byte that could drive a terminal: C0 controls (but \n,
 * and \t when allowed), DEL, C1 controls encoded in UTF-8. */
static inline int fuzz_has_controls(const char *s, int allow_tab)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && !(allow_tab && *p == '\t')) || *p == 0x7f)
			return 1;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return 1;
	}
	return 0;
}

/* Error messages go to the terminal as they are: one line, no controls. */
static inline void fuzz_check_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = diag_format(&d->items[i]);
		if (fuzz_has_controls(s, 0))
			abort();
		free(s);
	}
}

static inline int fuzz_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A generated file: no NUL and nothing that drives a terminal (files get
 * cat'ed), a relative path without "..", YAML and JSON that parse. */
static inline void fuzz_check_file(const struct out_file *f)
{
	if (memchr(f->data, '\0', f->len) || fuzz_has_controls(f->data, 1))
		abort();
	if (strstr(f->path, "..") || f->path[0] == '/')
		abort();
	if (fuzz_ends_with(f->path, ".yaml") || fuzz_ends_with(f->path, ".yml")) {
		yaml_parser_t p;
		yaml_event_t e;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (const unsigned char *)f->data, f->len);
		for (;;) {
			if (!yaml_parser_parse(&p, &e))
				abort();
			int done = e.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&e);
			if (done)
				break;
		}
		yaml_parser_delete(&p);
	}
	if (fuzz_ends_with(f->path, ".json")) {
		cJSON *j = cJSON_ParseWithLength(f->data, f->len);
		if (!j)
			abort();
		cJSON_Delete(j);
	}
}

/* The answers, evaluated, printed as text and JSON, written back as YAML
 * (which must read back the same way) and exported in memory. */
static inline void fuzz_exercise(const struct model *m, const struct answers *a, int export)
{
	struct evaluation ev;
	if (engine_evaluate(m, a, &ev) != 0)
		return;
	engine_sensitivity(m, a, &ev);
	char *json = engine_to_json(m, a, &ev);
	if (json) {
		cJSON *j = cJSON_Parse(json);
		if (!j)
			abort();
		cJSON_Delete(j);
		free(json);
	}
	free(engine_summary_text(m, a, &ev));
	if (export) {
		struct export_options o = {.targets = GEN_ALL, .date = "2026-01-01"};
		struct out_bundle b = {0};
		char *err = NULL;
		if (export_build(m, a, &ev, &o, &b, &err) == 0)
			for (size_t i = 0; i < b.count; i++)
				fuzz_check_file(&b.files[i]);
		free(err);
		out_bundle_fini(&b);
	}
	engine_evaluation_fini(&ev);

	size_t len;
	char *yaml = answers_to_yaml(m, a, &len);
	if (yaml) {
		struct answers back;
		struct diag_list d = {0};
		if (answers_parse(m, yaml, len, "roundtrip", &back, &d) != 0)
			abort();
		answers_fini(&back);
		diag_list_fini(&d);
		free(yaml);
	}
}

#endif
