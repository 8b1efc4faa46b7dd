/* test_tui_text.c: the wizard's pure text helpers: sanitising hostile
 * strings, wrapping by display width, input fields, number parsing and
 * formats, the chart's log scale. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../src/tui/text.h"

static void sanitize_strips_escapes(void **state)
{
	char *s = tui_sanitize("a\x1b[31mred\x1b[0m b\x1b]0;title\x07" "c\x1b]8;;http://x\x1b\\d\x1bZe", false);
	assert_string_equal(s, "ared bcde");
	free(s);
	s = tui_sanitize("x\ry\tz\bq\x7f!", false);
	assert_string_equal(s, "x y zq!");
	free(s);
	/* C1 control U+009B (a one-character CSI on some terminals) goes too. */
	s = tui_sanitize("a\xc2\x9b" "31mb", false);
	assert_string_equal(s, "a31mb");
	free(s);
	/* Bidi overrides/isolates and line separators go; other U+20xx stay. */
	s = tui_sanitize("a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x80\xa8" "d\xe2\x80\x94", false);
	assert_string_equal(s, "abcd\xe2\x80\x94");
	free(s);
	/* Invalid UTF-8 shows as '?', valid multibyte text stays. */
	s = tui_sanitize("caf\xc3\xa9 \xff\xfe ok \xe2\x94\x82", false);
	assert_string_equal(s, "caf\xc3\xa9 ?? ok \xe2\x94\x82");
	free(s);
	s = tui_sanitize("one\ntwo", true);
	assert_string_equal(s, "one\ntwo");
	free(s);
	s = tui_sanitize("one\ntwo", false);
	assert_string_equal(s, "one two");
	free(s);
	s = tui_sanitize(NULL, false);
	assert_string_equal(s, "");
	free(s);
}

static void ascii_fallback(void **state)
{
	char s[] = "a \xe2\x80\x94 b \xe2\x80\x99" "c\xe2\x80\x99 \xe4\xb8\xad \xc3\xa9 \xe2\x80\xa6 \xc2\xb7";
	tui_asciify(s);
	assert_string_equal(s, "a - b 'c' ? ? . .");
	char e[] = "";
	tui_asciify(e);
	assert_string_equal(e, "");
}

static void wrap_by_width(void **state)
{
	char **l;
	size_t n = tui_wrap("the quick brown fox jumps", 10, &l);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "the quick");
	assert_string_equal(l[1], "brown fox");
	assert_string_equal(l[2], "jumps");
	tui_lines_free(l, n);
	/* A word longer than the line is split. */
	n = tui_wrap("abcdefghijkl", 5, &l);
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "abcde");
	assert_string_equal(l[2], "kl");
	tui_lines_free(l, n);
	/* Paragraphs and empty lines survive. */
	n = tui_wrap("a\n\nb", 5, &l);
	assert_int_equal(n, 3);
	assert_string_equal(l[1], "");
	tui_lines_free(l, n);
	/* Multibyte: é is one column, so 5 of them fit in 5 columns. */
	n = tui_wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 x", 5, &l);
	assert_int_equal(n, 2);
	assert_int_equal(tui_text_width(l[0]), 5);
	tui_lines_free(l, n);
	/* Width 1 with a double-width character still ends. */
	n = tui_wrap("\xe4\xb8\xad\xe6\x96\x87", 1, &l);
	assert_int_equal(n, 2);
	tui_lines_free(l, n);
}

static void fit_and_width(void **state)
{
	assert_int_equal(tui_text_width("abc"), 3);
	assert_int_equal(tui_text_width("\xe2\x94\x82\xe2\x94\x82"), 2);
	assert_int_equal(tui_text_width("\xe4\xb8\xad"), 2);
	assert_int_equal(tui_fit_bytes("\xe4\xb8\xad\xe6\x96\x87", 3), 3);
	assert_int_equal(tui_fit_bytes("abcdef", 4), 4);
	assert_int_equal(tui_fit_bytes("ab", 10), 2);
}

static void field_editing(void **state)
{
	struct tui_field f;
	tui_field_set(&f, "100000");
	assert_true(f.fresh);
	/* The first key replaces a pre-filled value. */
	assert_true(tui_field_insert(&f, '5'));
	assert_string_equal(f.buf, "5");
	assert_true(tui_field_insert(&f, '0'));
	assert_string_equal(f.buf, "50");
	assert_false(tui_field_insert(&f, '\n'));
	assert_false(tui_field_insert(&f, 0x1b));
	/* Erasing removes a whole UTF-8 character. */
	tui_field_insert(&f, 0xc3);
	tui_field_insert(&f, 0xa9);
	assert_int_equal(f.len, 4);
	assert_true(tui_field_erase(&f));
	assert_string_equal(f.buf, "50");
	assert_true(tui_field_erase(&f));
	assert_true(tui_field_erase(&f));
	assert_false(tui_field_erase(&f));
	/* Backspace on a pre-filled value edits it instead of replacing. */
	tui_field_set(&f, "abc");
	tui_field_erase(&f);
	tui_field_insert(&f, 'x');
	assert_string_equal(f.buf, "abx");
	/* Full field refuses more. */
	tui_field_set(&f, "");
	f.fresh = false;
	for (int i = 0; i < TUI_FIELD_MAX + 10; i++)
		tui_field_insert(&f, 'a');
	assert_int_equal(f.len, TUI_FIELD_MAX - 1);
}

/* The cursor: moves by whole UTF-8 characters; inserts, deletes and cuts
 * happen where it is (readline). */
static void field_cursor(void **state)
{
	struct tui_field f;
	tui_field_set(&f, "caf\xc3\xa9 bar");
	assert_int_equal(f.pos, f.len);
	tui_field_move(&f, -1);
	tui_field_move(&f, -1);
	tui_field_move(&f, -1);
	tui_field_move(&f, -1);
	assert_false(f.fresh);
	assert_int_equal(f.pos, 5);          /* after the two bytes of e-acute */
	tui_field_move(&f, -1);
	assert_int_equal(f.pos, 3);
	tui_field_insert(&f, 'X');
	assert_string_equal(f.buf, "cafX\xc3\xa9 bar");
	assert_true(tui_field_delete(&f));   /* the whole e-acute */
	assert_string_equal(f.buf, "cafX bar");
	tui_field_move(&f, 2);
	assert_false(tui_field_delete(&f));  /* nothing after the end */
	tui_field_kill_word(&f);
	assert_string_equal(f.buf, "cafX ");
	tui_field_kill_word(&f);
	assert_string_equal(f.buf, "");
	tui_field_set(&f, "hello world");
	tui_field_move(&f, -2);
	assert_int_equal(f.pos, 0);
	assert_false(tui_field_erase(&f));   /* nothing before the start */
	tui_field_move(&f, 1);
	tui_field_move(&f, 1);
	tui_field_kill_after(&f);
	assert_string_equal(f.buf, "he");
	tui_field_insert(&f, 'y');
	tui_field_move(&f, -1);
	tui_field_kill_before(&f);
	assert_string_equal(f.buf, "y");
	assert_int_equal(f.pos, 0);
}

static void numbers(void **state)
{
	double v;
	assert_true(tui_parse_number("100000", &v));
	assert_true(v == 100000);
	assert_true(tui_parse_number("1.5k", &v));
	assert_true(v == 1500);
	assert_true(tui_parse_number("2M", &v));
	assert_true(v == 2e6);
	assert_true(tui_parse_number("1_000_000", &v));
	assert_true(v == 1e6);
	assert_true(tui_parse_number("1,000", &v));
	assert_true(v == 1000);
	assert_true(tui_parse_number("-5", &v));
	assert_true(v == -5);
	assert_true(tui_parse_number("1e9", &v));
	assert_true(v == 1e9);
	assert_false(tui_parse_number("", &v));
	assert_false(tui_parse_number("abc", &v));
	assert_false(tui_parse_number("12x", &v));
	assert_false(tui_parse_number("inf", &v));
	assert_false(tui_parse_number("nan", &v));
	assert_false(tui_parse_number("0x10", &v));
	assert_false(tui_parse_number("1e999", &v));
	assert_false(tui_parse_number("k", &v));

	char b[32];
	tui_format_plain(b, sizeof b, 200);
	assert_string_equal(b, "200");
	tui_format_plain(b, sizeof b, 100000);
	assert_string_equal(b, "100000");
	tui_format_plain(b, sizeof b, 0.096);
	assert_string_equal(b, "0.096");
	tui_format_si(b, sizeof b, 1500);
	assert_string_equal(b, "1.5k");
	tui_format_si(b, sizeof b, 2e6);
	assert_string_equal(b, "2M");
	tui_format_si(b, sizeof b, 50e6);
	assert_string_equal(b, "50M");
	tui_format_si(b, sizeof b, 6.08e6);
	assert_string_equal(b, "6.08M");
	tui_format_si(b, sizeof b, 3e9);
	assert_string_equal(b, "3G");
	tui_format_si(b, sizeof b, 12);
	assert_string_equal(b, "12");
	tui_format_usd(b, sizeof b, 3.456);
	assert_string_equal(b, "$3.46");
	tui_format_usd(b, sizeof b, 2452.4);
	assert_string_equal(b, "$2,452");
	tui_format_usd(b, sizeof b, 1234567);
	assert_string_equal(b, "$1.23M");
	tui_format_usd(b, sizeof b, NAN);
	assert_string_equal(b, "-");
	tui_format_grouped(b, sizeof b, 100000);
	assert_string_equal(b, "100,000");
	tui_format_grouped(b, sizeof b, 10000000000.0);
	assert_string_equal(b, "10,000,000,000");
	tui_format_grouped(b, sizeof b, 999);
	assert_string_equal(b, "999");
	tui_format_grouped(b, sizeof b, 1048576);
	assert_string_equal(b, "1,048,576");
	tui_format_grouped(b, sizeof b, 1234.5);
	assert_string_equal(b, "1,234.5");
	tui_format_grouped(b, sizeof b, -20000001);
	assert_string_equal(b, "-20,000,001");
	tui_format_grouped(b, sizeof b, 0.1);
	assert_string_equal(b, "0.1");
	/* What it prints, the number parser reads back. */
	double back;
	tui_format_grouped(b, sizeof b, 86400000);
	assert_true(tui_parse_number(b, &back));
	assert_true(back == 86400000);
}

static void scales(void **state)
{
	assert_int_equal(tui_log_pos(1e3, 3, 9, 61), 0);
	assert_int_equal(tui_log_pos(1e9, 3, 9, 61), 60);
	assert_int_equal(tui_log_pos(1e6, 3, 9, 61), 30);
	assert_int_equal(tui_log_pos(1e5, 3, 9, 61), 20);
	assert_int_equal(tui_log_pos(1, 3, 9, 61), 0);     /* clamped */
	assert_int_equal(tui_log_pos(1e12, 3, 9, 61), 60); /* clamped */
	assert_int_equal(tui_log_pos(0, 3, 9, 61), 0);
	assert_int_equal(tui_bar_cells(0.5, 10), 5);
	assert_int_equal(tui_bar_cells(0.0, 10), 0);
	assert_int_equal(tui_bar_cells(1.7, 10), 10);
	assert_int_equal(tui_bar_cells(-1, 10), 0);
	assert_int_equal(tui_bar_cells(NAN, 10), 0);
}

int main(void)
{
	/* Display widths need a UTF-8 locale; C.UTF-8 exists in glibc >= 2.35. */
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		return 77;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sanitize_strips_escapes),
		cmocka_unit_test(ascii_fallback),
		cmocka_unit_test(wrap_by_width),
		cmocka_unit_test(fit_and_width),
		cmocka_unit_test(field_editing),
		cmocka_unit_test(field_cursor),
		cmocka_unit_test(numbers),
		cmocka_unit_test(scales),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
