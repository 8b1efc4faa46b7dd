/* test_report.c: the decision record on the built-in model: its MADR shape,
 * its figures against the cost model, determinism, escaping of hostile
 * answers and data, and ADR file numbering. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "answers.h"
#include "cost.h"
#include "engine.h"
#include "load.h"
#include "markdown.h"
#include "report.h"
#include "util.h"

struct fixture {
	struct model m;
	struct answers a;
	struct evaluation ev;
};

static const char answers_yaml[] =
	"questionnaire: k8s-vs-serverless\n"
	"date: 2025-01-02\n"
	"decision_makers: [Ada, Grace]\n"
	"answers:\n"
	"  traffic_pattern: daily_cycle\n"
	"  requests_per_day: 100000\n"
	"  avg_duration_ms: 200\n"
	"  memory_mb: 128\n"
	"  current_platform: traditional\n"
	"  service_name: user-api\n";

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	struct diag_list d = {0};
	struct load_sources src = {0};
	if (load_model(&src, &fx->m, &d) != 0) {
		diag_print(&d, stderr);
		return -1;
	}
	if (answers_parse(&fx->m, answers_yaml, strlen(answers_yaml), "inline", &fx->a, &d) != 0) {
		diag_print(&d, stderr);
		return -1;
	}
	diag_list_fini(&d);
	if (engine_evaluate(&fx->m, &fx->a, &fx->ev) != 0 ||
	    engine_sensitivity(&fx->m, &fx->a, &fx->ev) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	engine_evaluation_fini(&fx->ev);
	answers_fini(&fx->a);
	model_free(&fx->m);
	free(fx);
	return 0;
}

static char *record(struct fixture *fx, const char *date)
{
	struct report_options o = {.date = date, .answers_path = "answers.yaml"};
	char *r = report_markdown(&fx->m, &fx->a, &fx->ev, &o);
	assert_non_null(r);
	return r;
}

/* The record's prose: the text before its decision data block (a fenced
 * YAML block, which Markdown shows as it is; test_record checks it). */
static char *prose(char *r)
{
	char *block = strstr(r, "\n### Recheck data\n");
	assert_non_null(block);
	assert_non_null(strstr(block, "\n```yaml\n# archwise decision data 1\n"));
	block[0] = '\0';
	return r;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether needle occurs in text without a backslash before it. */
static bool unescaped(const char *text, const char *needle)
{
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		if (p == text || p[-1] != '\\')
			return true;
	return false;
}

/* Lines of the record starting with prefix. */
static size_t count_lines(const char *text, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, len) == 0)
			n++;
	return n;
}

/* Unescaped pipes on one line, minus one: the cells of a table row. */
static int row_cells(const char *line, size_t len)
{
	int pipes = 0;
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\\')
			i++;
		else if (line[i] == '|')
			pipes++;
	}
	return pipes - 1;
}

/* Every table row has as many cells as its header; returns the tables seen. */
static int check_tables(const char *text)
{
	int width = -1, tables = 0;
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len > 0 && p[0] == '|') {
			int n = row_cells(p, len);
			if (width < 0) {
				width = n;
				tables++;
			} else if (n != width) {
				fail_msg("table row with %d cells under a header of %d: %.*s", n, width,
					 (int)len, p);
			}
		} else {
			width = -1;
		}
		p += len + (e ? 1 : 0);
	}
	return tables;
}

static void test_md_escape(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain text", "plain text"},
		{"a|b", "a\\|b"},
		{"`rm -rf /`", "\\`rm -rf /\\`"},
		{"<script>x</script>", "\\<script\\>x\\</script\\>"},
		{"[l](javascript:x)", "\\[l\\](javascript:x)"},
		{"# not a heading", "\\# not a heading"},
		{"- item", "\\- item"},
		{"+ item", "\\+ item"},
		{"===", "\\==="},
		{"12. first", "12\\. first"},
		{"3) third", "3\\) third"},
		{"1.5 GB", "1.5 GB"},
		{"a\nb\r\n\tc  d ", "a b c d"},
		{"\n\n  # late heading", "\\# late heading"},
		{"*b* _i_ ~s~", "\\*b\\* \\_i\\_ \\~s\\~"},
		{"see https://x.org/a", "see https\\://x.org/a"},
		{"www.x.org and awww.y", "www\\.x.org and awww.y"},
		{"me@x.org", "me\\@x.org"},
		{"R&D $5 back\\slash", "R\\&D \\$5 back\\\\slash"},
		{"Z\xc3\xbcrich", "Z\xc3\xbcrich"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = md_escape(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
	char *none = md_escape(NULL);
	assert_string_equal(none, "");
	free(none);
}

static void test_other_quoting(void **state)
{
	(void)state;
	struct strbuf sb = {0};
	md_yaml_quote_sb(&sb, "a \"b\" \\c\nd <x> http://y");
	sb_append(&sb, "|");
	md_shell_word_sb(&sb, "tests/cases/x/answers.yaml");
	sb_append(&sb, "|");
	md_shell_word_sb(&sb, "it's a file\n");
	sb_append(&sb, "|");
	md_shell_word_sb(&sb, "");
	char *s = sb_take(&sb);
	assert_string_equal(s, "\"a \\\"b\\\" \\\\c d \\x3Cx\\x3E http\\x3A//y\"|tests/cases/x/answers.yaml|'it'\\''s a file'|''");
	free(s);
}

static void test_record_shape(void **state)
{
	struct fixture *fx = *state;
	char *r = prose(record(fx, NULL));
	const char *rec_name = fx->m.arch[fx->ev.recommendation]->name;

	/* Front matter from the answers. */
	assert_true(starts_with(r, "---\nstatus: proposed\ndate: 2025-01-02\ndecision-makers: \"Ada, Grace\"\n---\n\n# Choose "));
	char *title = xasprintf("\n# Choose %s for user-api\n", rec_name);
	assert_non_null(strstr(r, title));
	free(title);
	assert_int_equal(count_lines(r, "# "), 1);

	/* The MADR sections, in order. */
	static const char *const headings[] = {
		"## Context and Problem Statement\n", "## Decision Drivers\n",
		"## Considered Options\n", "## Decision Outcome\n", "### Consequences\n",
		"### Confirmation\n", "## Pros and Cons of the Options\n", "## More Information\n",
		"### Decision matrix\n", "### Rules that fired\n", "### Confidence\n", "### Cost\n",
		"### Expected latency\n", "### Limits that matter\n", "### Nearest case studies\n",
		"### Migration plan\n", "### Suggested ecosystem\n", "### Security notes\n",
		"### Appendix: the answers\n",
	};
	const char *at = r;
	for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
		const char *h = strstr(at, headings[i]);
		if (!h)
			fail_msg("missing or out of order: %s", headings[i]);
		at = h + 1;
	}
	assert_int_equal(count_lines(r, "## "), 6);

	/* Every option considered and given its own pros and cons. */
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		char *opt = xasprintf("\n* %s\n", fx->m.arch[a]->name);
		char *sec = xasprintf("\n### %s\n", fx->m.arch[a]->name);
		assert_non_null(strstr(r, opt));
		assert_non_null(strstr(r, sec));
		free(opt);
		free(sec);
	}
	char *chosen = xasprintf("Chosen option: \"%s\", because ", rec_name);
	assert_non_null(strstr(r, chosen));
	free(chosen);

	/* Tables stay rectangular: matrix, assumptions, cost, latency, limits, answers, weights. */
	assert_int_equal(check_tables(r), 7);
	/* One matrix row per factor plus the four totals rows. */
	const char *mx = strstr(r, "| Factor | Weight |");
	assert_non_null(mx);
	size_t rows = count_lines(mx, "| ") - count_lines(strstr(r, "### Rules that fired"), "| ");
	assert_int_equal(rows, 2 + fx->m.questionnaire->factors_count + 4);

	/* Migration steps from the answer current_platform: traditional. */
	const struct architecture *ar = fx->m.arch[fx->ev.recommendation];
	const struct migration *mig = NULL;
	for (unsigned i = 0; i < ar->migrations_count; i++)
		if (strcmp(ar->migrations[i].from, "traditional") == 0)
			mig = &ar->migrations[i];
	assert_non_null(mig);
	char *step = xasprintf("\n%u. ", mig->steps_count);
	assert_non_null(strstr(strstr(r, "### Migration plan"), step));
	free(step);

	/* Replay command, questionnaire version, pricing date. */
	assert_non_null(strstr(r, "```sh\narchwise eval answers.yaml\n```\n"));
	char *qv = xasprintf("Questionnaire: k8s-vs-serverless version %u", fx->m.questionnaire->version);
	assert_non_null(strstr(r, qv));
	free(qv);
	char *pd = xasprintf("Prices as of %s", fx->m.pricing[PROVIDER_AWS]->date);
	assert_non_null(strstr(r, pd));
	free(pd);

	/* Markdown hygiene: no trailing spaces, no tabs, one final newline. */
	assert_null(strstr(r, " \n"));
	assert_null(strchr(r, '\t'));
	assert_null(strstr(r, "\n\n\n"));
	size_t len = strlen(r);
	assert_true(len > 2 && r[len - 1] == '\n' && r[len - 2] != '\n');
	free(r);
}

/* "1,234.50" the way the record prints money (groups from 10,000 up). */
static char *money(double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.2f", v);
	if (fabs(v) < 10000)
		return xstrdup(buf);
	struct strbuf sb = {0};
	char *dot = strchr(buf, '.');
	size_t ip = (size_t)(dot - buf);
	for (size_t i = 0; i < ip; i++) {
		if (i > 0 && (ip - i) % 3 == 0)
			sb_append(&sb, ",");
		sb_appendn(&sb, &buf[i], 1);
	}
	sb_append(&sb, dot);
	return sb_take(&sb);
}

static void test_record_costs(void **state)
{
	struct fixture *fx = *state;
	char *r = record(fx, NULL);
	const struct cost_inputs *in = &fx->ev.cost_in;
	assert_true(fabs(in->requests_per_day - 100000) < 1e-9);
	assert_non_null(strstr(r, "| Architecture | 100,000 req/day (yours) | 1,000,000 req/day (10x) | 10,000,000 req/day (100x) |\n"));
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		char *c1 = money(fx->ev.cost.arch[a].monthly_usd);
		char *c10 = money(cost_monthly_at(fx->m.pricing[PROVIDER_AWS], in, (enum arch)a, 1e6));
		char *c100 = money(cost_monthly_at(fx->m.pricing[PROVIDER_AWS], in, (enum arch)a, 1e7));
		char *row = xasprintf("| %s | %s | %s | %s |\n", fx->m.arch[a]->name, c1, c10, c100);
		if (!strstr(r, row))
			fail_msg("cost row not found: %s", row);
		free(row);
		free(c1);
		free(c10);
		free(c100);
	}
	/* The alarm is set at the chosen architecture's estimate. */
	char *c = money(fx->ev.cost.arch[fx->ev.recommendation].monthly_usd);
	char *alarm = xasprintf("* Set a cost alarm at USD %s per month", c);
	assert_non_null(strstr(r, alarm));
	free(alarm);
	free(c);

	/* No chart file: no image; with one, the image links to it. */
	assert_null(strstr(r, "!["));
	free(r);
	struct report_options o = {.answers_path = "answers.yaml", .chart_path = "cost-chart.svg"};
	r = report_markdown(&fx->m, &fx->a, &fx->ev, &o);
	assert_non_null(strstr(r, "the table above gives the figures](cost-chart.svg)\n"));
	free(r);
}

/* The first point of a series' path: "d=\"M<x>,<y>". */
static void path_start(const char *svg, const char *id, double *x, double *y)
{
	char *key = xasprintf("<g id=\"series-%s\">", id);
	const char *g = strstr(svg, key);
	free(key);
	assert_non_null(g);
	const char *d = strstr(g, " d=\"M");
	assert_non_null(d);
	char *end;
	*x = strtod(d + 5, &end);
	assert_true(*end == ',');
	*y = strtod(end + 1, NULL);
}

static void test_cost_chart(void **state)
{
	struct fixture *fx = *state;
	char *svg = report_cost_chart_svg(&fx->m, &fx->ev);
	assert_non_null(svg);
	assert_true(starts_with(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
	assert_non_null(strstr(svg, "</svg>\n"));
	/* Log-log: decades 1K..10B on x (100,000 requests/day inside them),
	 * dollars by decade on y. */
	assert_non_null(strstr(svg, ">1K</text>"));
	assert_non_null(strstr(svg, ">10B</text>"));
	assert_non_null(strstr(svg, "log scale"));
	/* Five series, each in the legend, with a dash pattern but the first. */
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		double x, y;
		path_start(svg, arch_id((enum arch)a), &x, &y);
		assert_true(fabs(x - 84) < 0.06);   /* the plot's left edge: 1K */
		assert_true(y >= 52 && y <= 360);
		char *row = xasprintf(">%s", fx->m.arch[a]->name);
		assert_non_null(strstr(svg, row));
		free(row);
	}
	assert_non_null(strstr(svg, "stroke-dasharray=\"9 5\""));
	/* Dearer at 1K is higher up (a smaller y): kubernetes over functions. */
	double kx, ky, fx_, fy;
	path_start(svg, "kubernetes", &kx, &ky);
	path_start(svg, "serverless", &fx_, &fy);
	assert_true(cost_monthly_at(fx->m.pricing[PROVIDER_AWS], &fx->ev.cost_in, ARCH_KUBERNETES, 1e3) >
		    cost_monthly_at(fx->m.pricing[PROVIDER_AWS], &fx->ev.cost_in, ARCH_SERVERLESS, 1e3));
	assert_true(ky < fy);
	/* The volume and the break-evens, and a dark theme. */
	assert_non_null(strstr(svg, "your volume: 100,000 requests per day"));
	/* a marker for every break-even the evaluation found, none for the others */
	unsigned marks = 0;
	for (unsigned a = 1; a < ARCH_COUNT; a++) {
		char *cls = xasprintf("class=\"be s%u\"", a);
		if (isfinite(fx->ev.cost.break_even_rpd[a])) {
			assert_non_null(strstr(svg, cls));
			marks++;
		}
		free(cls);
	}
	assert_true(marks > 0);
	assert_non_null(strstr(svg, "break-even at "));
	assert_non_null(strstr(svg, "prefers-color-scheme:dark"));
	/* Deterministic, whatever the decimal point of the locale. */
	char *again = report_cost_chart_svg(&fx->m, &fx->ev);
	assert_string_equal(svg, again);
	free(again);
	free(svg);
}

/* Assumptions: every cost input and assumption with where it comes from;
 * one the answers set says so. */
static void test_assumptions(void **state)
{
	struct fixture *fx = *state;
	char *r = record(fx, NULL);
	const char *s = strstr(r, "\n### Assumptions\n");
	assert_non_null(s);
	assert_true(s < strstr(r, "\n### Cost\n"));
	assert_non_null(strstr(s, "| Requests per day | 100,000 | answer `requests_per_day`; cost tab: Requests/day |\n"));
	assert_non_null(strstr(s, "| Region | us-east-1 | the price table |\n"));
	assert_non_null(strstr(s, "| Free tier subtracted | no | default (`assumptions: free_tier` sets it) |\n"));
	free(r);
	struct diag_list d = {0};
	struct answers a2 = {0};
	static const char yaml[] = "questionnaire: k8s-vs-serverless\nanswers:\n  requests_per_day: 100000\n"
				   "assumptions:\n  free_tier: true\n  concurrency: 40\n";
	assert_int_equal(answers_parse(&fx->m, yaml, strlen(yaml), "inline", &a2, &d), 0);
	struct evaluation ev2;
	assert_int_equal(engine_evaluate(&fx->m, &a2, &ev2), 0);
	struct report_options o = {.answers_path = "answers.yaml"};
	r = report_markdown(&fx->m, &a2, &ev2, &o);
	assert_non_null(strstr(r, "| Free tier subtracted | yes | answers, `assumptions: free_tier` |\n"));
	assert_non_null(strstr(r, "| Requests one container or pod serves at once | 40 | answers, `assumptions: concurrency` |\n"));
	assert_non_null(strstr(r, "| Nodes a cluster keeps at least | 3 | default of `node_count`; cost tab: Nodes |\n"));
	free(r);
	engine_evaluation_fini(&ev2);
	answers_fini(&a2);
	diag_list_fini(&d);
}

static void test_deterministic_and_dates(void **state)
{
	struct fixture *fx = *state;
	char *a = record(fx, NULL), *b = record(fx, NULL);
	assert_string_equal(a, b);
	free(b);
	b = record(fx, "2030-12-31");
	assert_non_null(strstr(b, "\ndate: 2030-12-31\n"));
	/* Only the date line differs. */
	assert_int_equal(strlen(a), strlen(b));
	free(b);
	/* Not a calendar day: a string, which YAML readers load (a plain
	 * 2026-02-31 is a timestamp they refuse). */
	b = record(fx, "2026-02-31");
	assert_non_null(strstr(b, "\ndate: \"2026-02-31\"\n"));
	free(b);
	free(fx->a.date);
	fx->a.date = NULL;
	b = record(fx, NULL);
	assert_non_null(strstr(b, "\ndate: unknown\n"));
	free(b);

	struct report_options o = {.decision_makers = "Team \"Core\"", .answers_path = "my answers.yaml"};
	b = report_markdown(&fx->m, &fx->a, &fx->ev, &o);
	assert_non_null(strstr(b, "\ndecision-makers: \"Team \\\"Core\\\"\"\n"));
	assert_non_null(strstr(b, "archwise eval 'my answers.yaml'\n"));
	free(b);
	free(a);
}

static void set_text(struct fixture *fx, const char *qid, const char *text)
{
	int q = model_question_index(&fx->m, qid);
	assert_true(q >= 0);
	free(fx->a.values[q].text);
	fx->a.values[q].text = xstrdup(text);
	fx->a.values[q].present = true;
}

static void test_hostile_text(void **state)
{
	struct fixture *fx = *state;
	/* Past the answers validation: the record must hold on its own. */
	set_text(fx, "service_name", "evil|svc`x` <script>alert(1)</script>\n# H1\n- item [a](javascript:x).");
	for (size_t i = 0; i < fx->a.decision_makers_count; i++)
		free(fx->a.decision_makers[i]);
	free(fx->a.decision_makers);
	fx->a.decision_makers = xcalloc(2, sizeof(char *));
	fx->a.decision_makers[0] = xstrdup("Eve\n---\nstatus: accepted");
	fx->a.decision_makers[1] = xstrdup("# Mallory | <img src=x>");
	fx->a.decision_makers_count = 2;
	/* Data files can come from --data-dir: escape them too. */
	struct architecture *k = &fx->m.architectures->architectures[0];
	for (unsigned i = 0; i < fx->m.architectures->architectures_count; i++)
		if (strcmp(fx->m.architectures->architectures[i].id, "kubernetes") == 0)
			k = &fx->m.architectures->architectures[i];
	/* The built-in model may be static data: swap the name, put it back. */
	char *kept = k->name;
	char *hostile = xstrdup("K8s | <b>bold</b>");
	k->name = hostile;

	char *r = prose(record(fx, NULL));
	/* The front matter is one YAML scalar per key, still three keys. */
	assert_true(starts_with(r, "---\nstatus: proposed\ndate: 2025-01-02\ndecision-makers: \"Eve --- status: accepted, # Mallory \\x7C \\x3Cimg src=x\\x3E\"\n---\n"));
	/* The front matter's two. */
	assert_int_equal(count_lines(r, "---"), 2);
	assert_int_equal(count_lines(r, "# "), 1);
	assert_int_equal(count_lines(r, "- "), 0);
	const char *body = strstr(r + 4, "\n---\n") + 5;
	assert_false(unescaped(body, "<script"));
	assert_false(unescaped(body, "<b>"));
	assert_false(unescaped(body, "<img"));
	assert_false(unescaped(body, "](javascript"));
	assert_false(unescaped(body, "`x`"));
	assert_false(unescaped(body, "|svc"));
	assert_non_null(strstr(r, "\\<script\\>"));
	assert_non_null(strstr(r, "\n* \\# Mallory \\| \\<img src=x\\>\n"));
	assert_non_null(strstr(r, "\n### K8s \\| \\<b\\>bold\\</b\\>\n"));
	/* The title keeps the escaped name on one line, without the final period. */
	assert_non_null(strstr(r, "for evil\\|svc\\`x\\` \\<script\\>alert(1)\\</script\\> \\# H1 - item \\[a\\](javascript:x)\n"));
	assert_int_equal(check_tables(r), 7);
	/* The chart writes names as XML text: entities, controls as '?'. */
	k->name = "K8s & <b>\x01" "bold\xff</b>";
	char *svg = report_cost_chart_svg(&fx->m, &fx->ev);
	assert_non_null(strstr(svg, ">K8s &amp; &lt;b&gt;?bold?&lt;/b&gt;"));
	assert_null(strstr(svg, "<b>"));
	free(svg);
	k->name = kept;
	free(hostile);
	free(r);
}

static void test_adr_filename(void **state)
{
	struct fixture *fx = *state;
	char dir[] = "/tmp/archwise-adr-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *name = report_adr_filename(dir, &fx->m, &fx->a, &fx->ev);
	char *want = xasprintf("0001-choose-%s-for-user-api.md", arch_id(fx->ev.recommendation));
	for (char *p = want; *p; p++)
		if (*p == '_')
			*p = '-';
	assert_string_equal(name, want);
	free(name);
	free(want);

	static const char *const files[] = {
		"0003-use-postgres.md", "0012-old.md", "0099-notes.txt", "template.md", "12-short.md",
		"99999999999999999999999-too-big.md", "18446744073709551615-ulong-max.md",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fclose(f);
		free(p);
	}
	set_text(fx, "service_name", "  Evil Name!!  /../x ");
	fx->ev.recommendation = ARCH_KUBERNETES_SERVERLESS;
	name = report_adr_filename(dir, &fx->m, &fx->a, &fx->ev);
	assert_string_equal(name, "0013-choose-kubernetes-serverless-for-evil-name-x.md");
	free(name);

	set_text(fx, "service_name", "!!!");
	name = report_adr_filename(dir, &fx->m, &fx->a, &fx->ev);
	assert_string_equal(name, "0013-choose-kubernetes-serverless-for-service.md");
	free(name);

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	assert_null(report_adr_filename("/nonexistent/archwise-adr", &fx->m, &fx->a, &fx->ev));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_other_quoting),
		cmocka_unit_test_setup_teardown(test_record_shape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_costs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cost_chart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assumptions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deterministic_and_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adr_filename, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
