/* libFuzzer target: the export manifest parser (.archwise-manifest, read
 * back from a folder anyone may have edited). Every entry it keeps must be
 * a 64-digit lower-case hex digest and a safe relative path: no empty, "."
 * or ".." component, not absolute, no control character, no backslash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int safe(const char *p)
{
	if (!*p || *p == '/')
		return 0;
	for (const char *c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
			return 0;
	const char *c = p;
	for (;;) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (!c[n])
			return 1;
		c += n + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out_manifest_entry *e;
	size_t n;
	out_manifest_parse((const char *)data, size, &e, &n);
	for (size_t i = 0; i < n; i++) {
		if (strlen(e[i].sha256) != 64 || strspn(e[i].sha256, "0123456789abcdef") != 64 ||
		    !safe(e[i].path))
			abort();
	}
	/* What the writer writes, the parser reads back whole. */
	struct out_file *f = calloc(n ? n : 1, sizeof(*f));
	for (size_t i = 0; i < n; i++)
		f[i] = (struct out_file){.path = e[i].path, .data = e[i].sha256, .len = 64};
	char *text = out_manifest_text(f, n);
	struct out_manifest_entry *back;
	size_t m;
	if (out_manifest_parse(text, strlen(text), &back, &m) != 0 || m != n)
		abort();
	for (size_t i = 0; i < m; i++)
		if (strcmp(back[i].path, e[i].path) != 0)
			abort();
	out_manifest_free(back, m);
	free(text);
	free(f);
	out_manifest_free(e, n);
	return 0;
}
