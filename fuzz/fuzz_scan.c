/* libFuzzer target: the repository scan's readers. The first byte picks the
 * file name (and so the reader); the rest is the file. The findings are
 * merged and printed both ways, as `archwise scan` does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"Dockerfile", "k8s/deployment.yaml", "serverless.yml", "infra/template.yaml",
		"docker-compose.yml", "chart/values.yaml", "chart/Chart.yaml", "package.json",
		"pyproject.toml", "go.mod", "pom.xml", "requirements.txt",
	};
	if (size < 1)
		return 0;
	const char *name = names[data[0] % (sizeof names / sizeof names[0])];
	data++, size--;
	/* Readers get exactly size bytes, no terminator: as read from disk. */
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	struct scan_result r = {0};
	struct scan_answers a;
	scan_text(&r, name, text, size);
	scan_merge(&r, &a);
	free(scan_to_text(&r));
	free(scan_to_json(&r, &a));
	scan_answers_fini(&a);
	scan_result_fini(&r);
	free(text);
	return 0;
}
