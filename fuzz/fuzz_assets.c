/* libFuzzer target: the asset loaders. The first byte picks the asset
 * (architectures, case studies, pricing); the rest is the document. When
 * the model loads, the default answers go through the engine, the outputs
 * and the exporters, as `archwise eval --data-dir` would. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned which = data[0] % 3;
	data++, size--;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct model m = {0};
	struct diag_list d = {0};
	if (load_model_from_text(NULL, 0, NULL,
				 which == 0 ? text : NULL, which == 0 ? size : 0, "fuzz.yaml",
				 which == 1 ? text : NULL, which == 1 ? size : 0, "fuzz.yaml",
				 which == 2 ? text : NULL, which == 2 ? size : 0, "fuzz.yaml",
				 &m, &d) == 0) {
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
