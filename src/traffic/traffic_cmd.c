/* traffic_cmd.c: `archwise traffic FILE... [--format F] [--json]
 * [--answers FILE] [--write-answers FILE] [--force]`. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file.h"
#include "answers.h"
#include "cost.h"
#include "load.h"
#include "output.h"
#include "traffic.h"
#include "util.h"

#define EXIT_RUNTIME 1
#define EXIT_BAD 2

static const char usage[] =
	"usage: archwise traffic FILE... [--format auto|combined|alb|cloudfront|csv] [--json]\n"
	"                        [--answers FILE] [--write-answers FILE] [--force]\n"
	"  FILE                 access log (nginx/Apache combined, AWS ALB, CloudFront) or CSV\n"
	"                       timestamp,count; plain or gzip; - for stdin\n"
	"  --format F           skip the detection\n"
	"  --json               print a JSON object instead of the text summary\n"
	"  --answers FILE       take memory, node count and prices for the cost from FILE\n"
	"  --write-answers FILE merge requests_per_day, traffic_pattern, avg_duration_ms into FILE\n"
	"  --force              let --write-answers replace a file that is not an answers file\n";

struct opts {
	const char **files;
	size_t nfiles;
	enum traffic_format fmt;
	bool json, force;
	const char *answers, *write_answers;
};

/* "--name VALUE" or "--name=VALUE"; NULL when arg is another option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	if (!util_option_is(argv[*i], name))
		return NULL;
	const char *v = util_option_value(argc, argv, i, name);
	if (!v)
		*missing = true;
	return v;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	bool only_files = false;

	memset(o, 0, sizeof *o);
	o->files = xcalloc((size_t)argc, sizeof *o->files);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		bool missing = false;

		if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
			o->files[o->nfiles++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_files = true;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		} else if (strcmp(arg, "--json") == 0) {
			o->json = true;
		} else if (strcmp(arg, "--force") == 0) {
			o->force = true;
		} else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
			int f = traffic_format_from_name(v);
			if (f < 0) {
				util_message("traffic: unknown format '%s' "
						"(auto, combined, alb, cloudfront, csv)", v);
				return EXIT_BAD;
			}
			o->fmt = (enum traffic_format)f;
		} else if ((v = opt_value(argc, argv, &i, "--write-answers", &missing))) {
			o->write_answers = v;
		} else if ((v = opt_value(argc, argv, &i, "--answers", &missing))) {
			o->answers = v;
		} else {
			if (missing)
				util_message("traffic: %s needs a value", arg);
			else
				util_message("traffic: unknown option '%s'", arg);
			return EXIT_BAD;
		}
	}
	if (o->nfiles == 0) {
		util_message("traffic: no log file given (- reads stdin; see --help)");
		return EXIT_BAD;
	}
	return -1;
}

static int report_diags(struct diag_list *d, int rc)
{
	diag_print(d, stderr);
	diag_list_fini(d);
	return rc;
}

/* Whether a YAML text has a comment line (a '#' first on a line). */
static bool has_comment(const char *text)
{
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#')
			return true;
	}
	return false;
}

/* Loads `path` into a when it is an answers file. 1 = absent, 0 = loaded,
 * 2 = not an answers file, -1 = invalid answers (diags). */
static int load_existing(const struct model *m, const char *path, struct answers *a,
			 struct diag_list *d, bool *comments)
{
	struct stat st;
	size_t len;
	char *text;
	enum file_kind kind;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 1 : 2;
	if (!S_ISREG(st.st_mode))
		return 2;
	if (!(text = file_read(path, &len, d)))
		return 2;
	kind = load_sniff_kind(text, len);
	if (comments)
		*comments = has_comment(text);
	free(text);
	if (kind != FILE_ANSWERS)
		return 2;
	return answers_load(m, path, a, d) == 0 ? 0 : -1;
}

static int write_answers(const struct model *m, const struct opts *o,
			 const struct traffic_summary *s)
{
	struct answers a;
	struct diag_list d = {0};
	char *err = NULL, *yaml;
	size_t len;
	bool comments = false;
	int rc = load_existing(m, o->write_answers, &a, &d, &comments);
	bool exists = rc != 1;

	if (rc == 2 || rc == -1) {
		if (!o->force) {
			if (rc == -1) {
				answers_fini(&a);   /* a failed load leaves it initialised */
				return report_diags(&d, EXIT_BAD);
			}
			diag_list_fini(&d);
			util_message("%s: not an answers file; refusing to overwrite it "
					"(--force replaces it)", o->write_answers);
			return EXIT_RUNTIME;
		}
		if (rc == -1)
			answers_fini(&a);
	}
	diag_list_fini(&d);
	if (rc != 0)
		answers_init(&a, m);

	if (traffic_apply_answers(m, &a, s, &err) != 0) {
		util_message("%s", err);
		free(err);
		answers_fini(&a);
		return EXIT_RUNTIME;
	}
	/* The format the name says (a .json file stays JSON). */
	yaml = answers_to_file_text(m, &a, o->write_answers, &len);
	answers_fini(&a);
	if (!yaml) {
		util_message("cannot write the answers (out of memory)");
		return EXIT_RUNTIME;
	}
	/* Replacing is what merging means once the old file is read (or --force). */
	if (out_write_atomic(o->write_answers, yaml, len, exists, &err) != 0) {
		util_message("%s", err ? err : o->write_answers);
		free(err);
		free(yaml);
		return EXIT_RUNTIME;
	}
	free(yaml);
	if (rc == 0 && comments)
		util_message("%s: its comments were not kept (answers are rewritten in full)",
			o->write_answers);
	util_message("wrote %s", o->write_answers);
	return 0;
}

static int run(const struct opts *o, struct traffic *t)
{
	struct diag_list d = {0};
	struct traffic_summary s;
	struct traffic_costs costs;
	struct model m = {0};
	struct answers a;
	struct cost_inputs in;
	const struct load_sources src = {0};
	char *out;
	uint64_t before;
	const char *silent = NULL;

	traffic_set_progress(t, isatty(STDERR_FILENO));
	for (size_t i = 0; i < o->nfiles; i++) {
		before = traffic_requests(t);
		if (traffic_read_file(t, o->files[i], &d) != 0)
			return report_diags(&d, diag_exit_code(&d));
		if (traffic_requests(t) == before && !silent)
			silent = o->files[i];
	}
	if (traffic_summarize(t, &s) != 0) {
		traffic_summary_fini(&s);
		const char *name = strcmp(silent, "-") == 0 ? "<stdin>" : silent;
		if (s.lines == 0)
			util_message("%s: no log lines to read", name);
		else if (s.bad_lines < s.lines)
			util_message("%s: no requests in %llu lines (every count is 0)",
				name, (unsigned long long)s.lines);
		else
			util_message("%s: none of the %llu lines could be read as %s %s log",
				name, (unsigned long long)s.lines,
				strchr("aeiou", traffic_format_name(traffic_last_format(t))[0]) ? "an" : "a",
				traffic_format_name(traffic_last_format(t)));
		return EXIT_BAD;
	}
	diag_print(traffic_bad_lines(t), stderr);
	if (s.bad_lines > TRAFFIC_BAD_REPORTED)
		util_message("%llu more bad lines not shown",
			(unsigned long long)(s.bad_lines - TRAFFIC_BAD_REPORTED));
	if (silent && o->nfiles > 1)
		util_message("%s: no requests read from this file", silent);

	if (load_model(&src, &m, &d) != 0) {
		traffic_summary_fini(&s);
		return report_diags(&d, EXIT_RUNTIME);
	}
	if (o->answers) {
		if (answers_load(&m, o->answers, &a, &d) != 0) {
			answers_fini(&a);
			traffic_summary_fini(&s);
			model_free(&m);
			return report_diags(&d, diag_exit_code(&d));
		}
	} else {
		/* The answers file being merged into gives the cost inputs, when it is one. */
		int got = o->write_answers ? load_existing(&m, o->write_answers, &a, &d, NULL) : 1;
		if (got == -1)
			answers_fini(&a);
		if (got != 0)
			answers_init(&a, &m);
		diag_list_fini(&d);
	}
	cost_inputs_from_answers(&m, &a, &in);
	answers_fini(&a);
	traffic_cost(&s, cost_pricing(&m, &in), &in, &costs);

	if (o->json) {
		out = traffic_to_json(&s, &costs);
		printf("%s\n", out);
	} else {
		out = traffic_to_text(&s, &costs);
		printf("format           %s\n%s", traffic_format_name(traffic_last_format(t)), out);
	}
	free(out);
	int rc = 0;
	if (fflush(stdout) != 0) {
		util_message("cannot write the report: %s", strerror(errno));
		rc = EXIT_RUNTIME;
	}
	if (rc == 0 && o->write_answers)
		rc = write_answers(&m, o, &s);
	traffic_summary_fini(&s);
	model_free(&m);
	diag_list_fini(&d);
	return rc;
}

int traffic_command(int argc, char **argv)
{
	struct opts o;
	int rc = parse_opts(argc, argv, &o);

	if (rc < 0) {
		struct traffic *t = traffic_new(o.fmt);
		rc = run(&o, t);
		traffic_free(t);
	}
	free(o.files);
	return rc;
}
