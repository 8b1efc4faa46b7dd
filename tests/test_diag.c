/* test_diag.c: error messages reach the terminal as they are stored, so
 * diag_add writes out every byte that could drive a terminal (C0, DEL, C1,
 * bidi overrides, invalid UTF-8) and keeps everything else. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "util.h"

static void check(const char *in, bool keep_newlines, const char *want)
{
	char *got = util_escape_controls(in, keep_newlines);
	assert_string_equal(got, want);
	free(got);
}

static void escapes(void **state)
{
	(void)state;
	check("plain ASCII, 'quotes' \\ ok", false, "plain ASCII, 'quotes' \\ ok");
	check("caf\xc3\xa9 \xe6\x9d\x8e \xf0\x9f\x99\x82", false, "caf\xc3\xa9 \xe6\x9d\x8e \xf0\x9f\x99\x82");
	check("\x1b[31mred\x1b]0;t\x07", false, "\\x1b[31mred\\x1b]0;t\\x07");
	check("a\nb\tc\rd\x7f", false, "a\\x0ab\\x09c\\x0dd\\x7f");
	check("a\nb\tc\rd", true, "a\nb\tc\\x0dd");
	check("C1 \xc2\x9b" "2J \xc2\x85", false, "C1 \\u009b2J \\u0085");
	check("bidi \xe2\x80\xae \xe2\x81\xa6 \xe2\x80\x8b", false, "bidi \\u202e \\u2066 \xe2\x80\x8b");
	/* invalid UTF-8: lone continuation, overlong, surrogate, truncated, > U+10FFFF */
	check("\x80 \xc0\xaf \xed\xa0\x80 \xe2\x80 \xf4\x90\x80\x80", false,
	      "\\x80 \\xc0\\xaf \\xed\\xa0\\x80 \\xe2\\x80 \\xf4\\x90\\x80\\x80");
	check(NULL, false, "");
}

static void diags_are_clean(void **state)
{
	(void)state;
	struct diag_list d = {0};
	diag_add(&d, "f\x1b[2J.yaml", 3, 4, "unknown option '%s'", "st\x1b]0;x\x07\xc2\x9b");
	char *s = diag_format(&d.items[0]);
	assert_string_equal(s, "f\\x1b[2J.yaml:3:4: unknown option 'st\\x1b]0;x\\x07\\u009b'");
	free(s);
	diag_list_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes),
		cmocka_unit_test(diags_are_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
