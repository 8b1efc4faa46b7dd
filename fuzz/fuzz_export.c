/* libFuzzer target: answers through every exporter (record, starter files,
 * bundle README) in memory; generated YAML must stay parseable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "answers.h"
#include "engine.h"
#include "export.h"
#include "gen.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model *built_in_model(void)
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

/* Every generated .yaml/.yml must be well-formed YAML. */
static void check_yaml(const struct out_file *f)
{
	size_t n = strlen(f->path);
	if (!(n > 5 && (strcmp(f->path + n - 5, ".yaml") == 0 || strcmp(f->path + n - 4, ".yml") == 0)))
		return;
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)f->data, f->len);
	yaml_event_t e;
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = built_in_model();
	struct answers a;
	struct diag_list d = {0};
	if (answers_parse(m, (const char *)data, size, "fuzz", &a, &d) == 0) {
		struct evaluation ev;
		if (engine_evaluate(m, &a, &ev) == 0) {
			struct export_options o = {.targets = GEN_ALL, .date = "2026-01-01"};
			struct out_bundle b = {0};
			char *err = NULL;
			if (export_build(m, &a, &ev, &o, &b, &err) == 0)
				for (size_t i = 0; i < b.count; i++)
					check_yaml(&b.files[i]);
			free(err);
			out_bundle_fini(&b);
			engine_evaluation_fini(&ev);
		}
		answers_fini(&a);
	}
	diag_list_fini(&d);
	return 0;
}
