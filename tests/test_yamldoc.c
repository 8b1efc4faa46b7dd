/* test_yamldoc.c: positions, path lookups, limits and the UTF-8 check of
 * the libyaml document wrapper the loaders report errors through. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "yamldoc.h"

static const char DOC[] =
	"a: 1\n"
	"list:\n"
	"  - x: one\n"
	"    y: [p, q]\n"
	"  - {x: two, z: ~}\n"
	"ü: é\n";

static void test_find(void **state)
{
	struct yamldoc d;
	struct diag_list dl = {0};
	assert_int_equal(yamldoc_parse(&d, DOC, strlen(DOC), "t.yaml", NULL, &dl), 0);
	unsigned l, c;
	yaml_node_t *n = yamldoc_find(&d, "list[0].y[1]", false, &l, &c);
	assert_string_equal(yamldoc_scalar(n), "q");
	assert_int_equal(l, 4);
	assert_int_equal(c, 12);
	n = yamldoc_find(&d, "list[1].x", true, &l, &c);   /* the key */
	assert_string_equal(yamldoc_scalar(n), "x");
	assert_int_equal(l, 5);
	assert_int_equal(c, 6);
	n = yamldoc_find(&d, "list[1].z", false, &l, &c);
	assert_true(yamldoc_is_null(n));
	/* missing: NULL, and the position of the deepest node found */
	assert_null(yamldoc_find(&d, "list[1].w", false, &l, &c));
	assert_int_equal(l, 5);
	assert_int_equal(c, 5);
	assert_null(yamldoc_find(&d, "list[7]", false, &l, &c));
	assert_null(yamldoc_find(&d, "a.b", false, &l, &c));
	/* columns count characters, as libyaml does */
	n = yamldoc_find(&d, "ü", false, &l, &c);
	assert_string_equal(yamldoc_scalar(n), "é");
	assert_int_equal(l, 6);
	assert_int_equal(c, 4);
	assert_null(yamldoc_scalar(yamldoc_find(&d, "list", false, &l, &c)));
	yamldoc_fini(&d);
	assert_int_equal(dl.count, 0);
}

static void expect_bad(const char *text, size_t len, const struct yamldoc_limits *lim,
		       unsigned line, unsigned col, const char *what)
{
	struct yamldoc d;
	struct diag_list dl = {0};
	assert_int_equal(yamldoc_parse(&d, text, len, "t.yaml", lim, &dl), -1);
	yamldoc_fini(&d);
	assert_int_equal(dl.count, 1);
	assert_non_null(strstr(dl.items[0].message, what));
	assert_int_equal(dl.items[0].line, line);
	assert_int_equal(dl.items[0].col, col);
	diag_list_fini(&dl);
}

static void test_refusals(void **state)
{
	expect_bad("a: &x 1\nb: *x\n", 13, NULL, 2, 4, "YAML aliases are not allowed");
	expect_bad("a: 1\n---\nb: 2\n", 14, NULL, 2, 1, "only one YAML document");
	struct yamldoc_limits lim = {.max_depth = 3, .max_keys = 3};
	expect_bad("a: {b: {c: [1]}}\n", 17, &lim, 1, 12, "nested too deeply (more than 3 levels)");
	expect_bad("a: 1\nb: 2\nc: {d: 1}\n", 20, &lim, 3, 5, "too many keys (more than 3)");
	expect_bad("a: 'x\n", 6, NULL, 2, 1, "YAML syntax error");
	expect_bad("a: b\0c\n", 7, NULL, 1, 5, "NUL byte");
	/* invalid UTF-8: overlong, surrogate, above U+10FFFF, truncated, stray */
	expect_bad("a: \xc0\xaf\n", 6, NULL, 1, 4, "invalid UTF-8 (byte 0xc0)");
	expect_bad("a: \xed\xa0\x80\n", 7, NULL, 1, 4, "invalid UTF-8 (byte 0xed)");
	expect_bad("a: \xf4\x90\x80\x80\n", 8, NULL, 1, 4, "invalid UTF-8 (byte 0xf4)");
	expect_bad("a: \xe2\x82\n", 6, NULL, 1, 4, "invalid UTF-8");
	expect_bad("ab: \x80\n", 6, NULL, 1, 5, "invalid UTF-8 (byte 0x80)");
	/* libyaml's own refusal of control characters keeps a position */
	expect_bad("a: \x01\n", 5, NULL, 1, 4, "control characters are not allowed");
}

static void test_empty_and_offsets(void **state)
{
	struct yamldoc d;
	struct diag_list dl = {0};
	assert_int_equal(yamldoc_parse(&d, "", 0, "e.yaml", NULL, &dl), 0);
	assert_null(yamldoc_root(&d));
	yamldoc_fini(&d);
	assert_int_equal(yamldoc_parse(&d, "# only a comment\n", 17, "e.yaml", NULL, &dl), 0);
	assert_null(yamldoc_root(&d));
	yamldoc_fini(&d);
	unsigned l, c;
	yamldoc_offset_pos("ab\ncé\nx", 8, 7, &l, &c);
	assert_int_equal(l, 3);
	assert_int_equal(c, 1);
	yamldoc_offset_pos("ab\ncé\nx", 8, 6, &l, &c);   /* the newline after é */
	assert_int_equal(l, 2);
	assert_int_equal(c, 3);
	assert_int_equal(dl.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_empty_and_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
