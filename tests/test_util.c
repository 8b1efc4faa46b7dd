/* test_util.c: number formatting that files rely on: shortest exact form,
 * and a '.' whatever LC_NUMERIC is (the wizard calls setlocale(LC_ALL, ""));
 * the strict UTF-8 check the YAML writer uses; command-line option values.
 * Locales with another decimal point are compiled with localedef into a
 * temporary LOCPATH. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "locale_fixture.h"

static int group_setup(void **state)
{
	(void)state;
	return locale_fixture_setup("util");
}

static void expect_number(double v, const char *want)
{
	char buf[64];
	util_format_number(buf, sizeof buf, v);
	assert_string_equal(buf, want);
}

static void test_format_number_c_locale(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	expect_number(100000, "1e+05");
	expect_number(8080, "8.08e+03");
	expect_number(0.1, "0.1");
	expect_number(0.0416, "0.0416");
	expect_number(1.0 / 3, "0.3333333333333333");
	expect_number(-2.5, "-2.5");
	expect_number(1e22, "1e+22");
}

/* Under a locale whose decimal point is ',' (de_DE) or the two-byte
 * U+066B (ps_AF), the text is the same as in C. */
static void test_format_number_any_locale(void **state)
{
	(void)state;
	static const char *const names[] = {"de_DE", "ps_AF"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *loc = xasprintf("%s.UTF-8", names[i]);
		if (!locale_fixture_make(names[i]) || !setlocale(LC_ALL, loc)) {
			free(loc);
			skip();
		}
		free(loc);
		assert_string_not_equal(localeconv()->decimal_point, ".");
		expect_number(0.1, "0.1");
		expect_number(0.0416, "0.0416");
		expect_number(-2.5, "-2.5");
		expect_number(1.0 / 3, "0.3333333333333333");
		expect_number(100000, "1e+05");
		expect_number(1.5e-7, "1.5e-07");
		char buf[32];
		snprintf(buf, sizeof buf, "%.2f", 1234.5);
		util_c_decimal_point(buf);
		assert_string_equal(buf, "1234.50");
		setlocale(LC_ALL, "C");
	}
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(util_utf8_valid(""));
	assert_true(util_utf8_valid("plain ascii"));
	assert_true(util_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
	assert_true(util_utf8_valid("\xf4\x8f\xbf\xbf"));        /* U+10FFFF */
	assert_true(util_utf8_valid("\xed\x9f\xbf"));             /* U+D7FF */
	assert_false(util_utf8_valid("\xc0\x80"));                 /* overlong NUL */
	assert_false(util_utf8_valid("\xc1\xbf"));                 /* overlong */
	assert_false(util_utf8_valid("\xe0\x80\xaf"));             /* overlong '/' */
	assert_false(util_utf8_valid("\xf0\x8f\xbf\xbf"));        /* overlong */
	assert_false(util_utf8_valid("\xed\xa0\x80"));             /* surrogate */
	assert_false(util_utf8_valid("\xed\xbf\xbf"));             /* surrogate */
	assert_false(util_utf8_valid("\xf4\x90\x80\x80"));        /* > U+10FFFF */
	assert_false(util_utf8_valid("\xf5\x80\x80\x80"));
	assert_false(util_utf8_valid("\xff"));
	assert_false(util_utf8_valid("\x80"));                     /* lone continuation */
	assert_false(util_utf8_valid("ok \xe2\x82"));              /* cut short */
	assert_false(util_utf8_valid("\xc3"));
}

static void test_options(void **state)
{
	(void)state;
	char *argv[] = {"archwise", "--date=2026-01-02", "--date", "x", "--dates", "--date=", "--date"};
	int argc = (int)(sizeof argv / sizeof argv[0]);
	assert_true(util_option_is(argv[1], "--date"));
	assert_true(util_option_is(argv[2], "--date"));
	assert_false(util_option_is(argv[4], "--date"));
	assert_false(util_option_is("--dat", "--date"));
	int i = 1;
	assert_string_equal(util_option_value(argc, argv, &i, "--date"), "2026-01-02");
	assert_int_equal(i, 1);
	i = 2;
	assert_string_equal(util_option_value(argc, argv, &i, "--date"), "x");
	assert_int_equal(i, 3);
	i = 5;
	assert_string_equal(util_option_value(argc, argv, &i, "--date"), "");
	assert_int_equal(i, 5);
	i = 6;
	assert_null(util_option_value(argc, argv, &i, "--date"));
	assert_int_equal(i, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_number_c_locale),
		cmocka_unit_test(test_format_number_any_locale),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_options),
	};
	return cmocka_run_group_tests(tests, group_setup, locale_fixture_teardown);
}
