/* libFuzzer target: a decision record through the record parser. What it
 * reads must carry no diagnostics, write back as a block that reads back to
 * the same answers, and recheck against itself as holding; what it refuses
 * must say why with a position, without control characters. Marking it
 * superseded must keep every byte outside the status line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "recheck.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct model *m = fuzz_built_in_model();
	char *text = fuzz_copy(data, size);
	if (!text)
		return 0;
	struct answers a;
	struct record_meta meta;
	struct diag_list d = {0};
	if (record_parse(m, text, size, "fuzz.md", &a, &meta, &d) == 0) {
		if (d.count)
			abort();
		char *block = record_block(m, &a, meta.chosen);
		if (!block)
			abort();
		struct answers back;
		struct record_meta meta2;
		if (record_parse(m, block, strlen(block), "block.md", &back, &meta2, &d) != 0 ||
		    meta2.chosen != meta.chosen)
			abort();
		char *y1 = answers_to_yaml(m, &a, NULL), *y2 = answers_to_yaml(m, &back, NULL);
		if (!y1 || !y2 || strcmp(y1, y2) != 0)
			abort();
		free(y1);
		free(y2);
		answers_fini(&back);
		free(block);
		struct recheck_result r;
		if (recheck_compare(m, "fuzz.md", &a, &meta, &a, false, &r) == 0) {
			char *s = recheck_to_text(m, &r);
			free(s);
			s = recheck_to_json(m, &r);
			free(s);
			recheck_result_fini(&r);
		}
	} else {
		if (d.count == 0 || d.items[0].line == 0)
			abort();
		fuzz_check_diags(&d);
	}
	answers_fini(&a);
	diag_list_fini(&d);
	char *marked = record_mark_superseded(text, size, "0002-x.md");
	if (marked && strlen(marked) < 10)
		abort();
	free(marked);
	free(text);
	return 0;
}
