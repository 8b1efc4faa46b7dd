/* libFuzzer target: an answers document (YAML or JSON) through the parser,
 * and when it parses, the whole engine, the JSON and text outputs, the YAML
 * writer (whose output must read back) and a deep copy. Error messages must
 * carry no control character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = fuzz_built_in_model();
	char *text = fuzz_copy(data, size);
	if (!text)
		return 0;
	struct answers a;
	struct diag_list d = {0};
	if (answers_parse(m, text, size, "fuzz", &a, &d) == 0) {
		if (d.count)
			abort();
		struct answers copy;
		if (answers_copy(&copy, &a) == 0) {
			fuzz_exercise(m, &copy, 0);
			answers_fini(&copy);
		}
		/* Built-in texts and validated answers: nothing to escape. */
		struct evaluation ev;
		if (engine_evaluate(m, &a, &ev) == 0) {
			char *s = engine_summary_text(m, &a, &ev);
			if (s && fuzz_has_controls(s, 1))
				abort();
			free(s);
			engine_evaluation_fini(&ev);
		}
	} else {
		if (d.count == 0)
			abort();
		fuzz_check_diags(&d);
	}
	answers_fini(&a);
	diag_list_fini(&d);
	free(text);
	return 0;
}
