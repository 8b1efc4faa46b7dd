/* libFuzzer target: an answers document (YAML or JSON) through the parser,
 * and when it parses, the whole engine and the JSON and text outputs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "engine.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = built_in_model();
	struct answers a;
	struct diag_list d = {0};
	if (answers_parse(m, (const char *)data, size, "fuzz", &a, &d) == 0) {
		struct evaluation ev;
		if (engine_evaluate(m, &a, &ev) == 0) {
			engine_sensitivity(m, &a, &ev);
			free(engine_to_json(m, &a, &ev));
			free(engine_summary_text(m, &a, &ev));
			engine_evaluation_fini(&ev);
		}
		size_t len;
		char *yaml = answers_to_yaml(m, &a, &len);
		if (yaml) {
			/* What we write must read back. */
			struct answers back;
			struct diag_list d2 = {0};
			if (answers_parse(m, yaml, len, "roundtrip", &back, &d2) != 0)
				abort();
			answers_fini(&back);
			diag_list_fini(&d2);
			free(yaml);
		}
		answers_fini(&a);
	}
	diag_list_fini(&d);
	return 0;
}
