/* libFuzzer target: answers through every exporter (record, starter files,
 * bundle README) in memory. Every generated .yaml/.yml must be well-formed
 * YAML, .json valid JSON, no file may hold a control character, and the
 * bundle's answers.yaml must read back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_file(const struct model *m, const struct out_file *f)
{
	fuzz_check_file(f);
	if (strcmp(f->path, "answers.yaml") == 0) {
		struct answers back;
		struct diag_list d = {0};
		if (answers_parse(m, f->data, f->len, "answers.yaml", &back, &d) != 0)
			abort();
		answers_fini(&back);
		diag_list_fini(&d);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = fuzz_built_in_model();
	char *text = fuzz_copy(data, size);
	if (!text)
		return 0;
	struct answers a;
	struct diag_list d = {0};
	if (answers_parse(m, text, size, "fuzz", &a, &d) == 0) {
		struct evaluation ev;
		if (engine_evaluate(m, &a, &ev) == 0) {
			struct export_options o = {.targets = GEN_ALL, .date = "2026-01-01"};
			struct out_bundle b = {0};
			char *err = NULL;
			if (export_build(m, &a, &ev, &o, &b, &err) == 0)
				for (size_t i = 0; i < b.count; i++)
					check_file(m, &b.files[i]);
			free(err);
			out_bundle_fini(&b);
			engine_evaluation_fini(&ev);
		}
	}
	answers_fini(&a);
	diag_list_fini(&d);
	free(text);
	return 0;
}
