/* libFuzzer target: a questionnaire document through the loader and its
 * semantic checks (the assets are the built-in ones). When it loads, its
 * default answers go through the engine, the outputs and the exporters, as
 * `archwise eval --questionnaire` would. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct model m = {0};
	struct diag_list d = {0};
	if (load_model_from_text(text, size, "fuzz.yaml", NULL, 0, NULL, NULL, 0, NULL, NULL, 0,
				 NULL, &m, &d) == 0) {
		struct answers a;
		if (answers_init(&a, &m) == 0)
			fuzz_exercise(&m, &a, 1);
		answers_fini(&a);
	} else {
		if (d.count == 0)
			abort();
		fuzz_check_diags(&d);
	}
	model_free(&m);
	diag_list_fini(&d);
	free(text);
	return 0;
}
