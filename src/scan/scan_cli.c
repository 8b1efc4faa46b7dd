/* scan_cli.c: `archwise scan DIR`: prints the findings (text or JSON) and
 * can write them as an answers file. Kept apart from scan.c so the scanner
 * links without the model and the answers module. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "answers.h"
#include "diag.h"
#include "load.h"
#include "output.h"
#include "scan.h"
#include "util.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

static const char scan_usage[] =
	"usage: archwise scan DIR [--json] [--write-answers FILE] [--force]\n"
	"                     [--questionnaire FILE] [--data-dir DIR]\n";

struct scan_opts {
	const char *dir, *write;
	struct load_sources src;
	bool json, force;
};

/* "archwise: scan: WHAT ARG (try ...)" on stderr. */
static int usage(const char *what, const char *arg)
{
	util_message("scan: %s%s (try archwise scan --help)", what, arg);
	return EXIT_USAGE;
}

/* 0, 2 bad usage (reported), 1 help shown. */
static int parse(int argc, char **argv, struct scan_opts *o)
{
	bool opts = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *const names[] = {"--write-answers", "--questionnaire", "--data-dir"};
		const char **slots[] = {&o->write, &o->src.questionnaire_path, &o->src.data_dir};
		bool taken = false;

		if (opts && strcmp(a, "--") == 0) {
			opts = false;
			continue;
		}
		if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			fputs(scan_usage, stdout);
			return 1;
		}
		if (opts && strcmp(a, "--json") == 0) {
			o->json = true;
			continue;
		}
		if (opts && strcmp(a, "--force") == 0) {
			o->force = true;
			continue;
		}
		for (size_t k = 0; opts && k < sizeof names / sizeof names[0]; k++) {
			if (!util_option_is(a, names[k]))
				continue;
			const char *v = util_option_value(argc, argv, &i, names[k]);
			if (!v || !*v) {
				usage("a value is needed after ", names[k]);
				return EXIT_USAGE;
			}
			*slots[k] = v;
			taken = true;
		}
		if (taken)
			continue;
		if (opts && a[0] == '-' && a[1] != '\0') {
			usage("unknown option ", a);
			return EXIT_USAGE;
		}
		if (o->dir) {
			usage("one folder only, also got ", a);
			return EXIT_USAGE;
		}
		o->dir = a;
	}
	if (!o->dir) {
		usage("missing the folder to scan", "");
		return EXIT_USAGE;
	}
	return 0;
}

/* Puts the merged answers into a, through the same checks as an answers
 * file; an answer the questionnaire refuses is reported and left out. */
static void apply(const struct model *m, const struct scan_answers *sa, const char *dir,
		  struct answers *a)
{
	for (size_t i = 0; i < sa->count; i++) {
		const struct scan_answer *x = &sa->items[i];
		int q = model_question_index(m, x->question);
		const struct question *qu = q >= 0 ? model_question(m, (size_t)q) : NULL;
		char *why = NULL;
		int rc = -1;

		if (!qu) {
			why = xstrdup("the questionnaire has no such question");
		} else if (qu->kind == QK_SINGLE) {
			int opt = model_option_index(qu, x->values[0]);
			rc = opt >= 0 ? answers_set_option(m, a, (size_t)q, opt) : -1;
		} else if (qu->kind == QK_MULTIPLE) {
			uint64_t sel = answers_selected(m, a, (size_t)q);
			if (!a->values[q].present)
				sel = 0; /* what the repository shows, not the default */
			for (size_t k = 0; k < x->values_count; k++) {
				int opt = model_option_index(qu, x->values[k]);
				if (opt >= 0 && opt < 64)
					sel |= UINT64_C(1) << opt;
			}
			rc = answers_set_selected(m, a, (size_t)q, sel);
		} else if (qu->kind == QK_NUMBER) {
			rc = answers_set_number(m, a, (size_t)q, strtod(x->values[0], NULL), &why);
		} else {
			rc = answers_set_text(m, a, (size_t)q, x->values[0], &why);
		}
		if (rc != 0) {
			const struct scan_finding *f = x->from;
			size_t dl = strlen(dir);
			while (dl > 1 && dir[dl - 1] == '/')
				dl--;
			util_message("%.*s/%s:%u: %s = %s not written: %s", (int)dl,
				dir, f ? f->file : "?", f ? f->line : 0, x->question, x->values[0],
				why ? why : "not an option of the question");
		}
		free(why);
	}
}

/* Loads the questionnaire the answers are for; 0 or EXIT_USAGE (reported). */
static int load(const struct scan_opts *o, struct model *m)
{
	struct diag_list diags = {0};
	int rc = EXIT_OK;

	if (load_model(&o->src, m, &diags) != 0) {
		diag_print(&diags, stderr);
		model_free(m);
		rc = EXIT_USAGE;
	}
	diag_list_fini(&diags);
	return rc;
}

static int write_answers(const struct scan_opts *o, const struct model *m,
			 const struct scan_answers *sa)
{
	struct answers a;
	char *yaml, *err = NULL;
	size_t len = 0;
	int rc = EXIT_OK;

	answers_init(&a, m);
	apply(m, sa, o->dir, &a);
	yaml = answers_to_file_text(m, &a, o->write, &len);
	if (!yaml) {
		util_message("%s: cannot write the answers", o->write);
		rc = EXIT_RUNTIME;
	} else if (out_write_atomic(o->write, yaml, len, o->force, &err) != 0) {
		util_message("%s", err ? err : o->write);
		rc = EXIT_RUNTIME;
	} else {
		util_message("wrote %s", o->write);
	}
	free(err);
	free(yaml);
	answers_fini(&a);
	return rc;
}

int scan_command(int argc, char **argv)
{
	struct scan_opts o = {0};
	struct model m = {0};
	struct scan_result r;
	struct scan_answers sa;
	struct stat sb;
	char *err = NULL, *out;
	int rc = parse(argc, argv, &o);

	if (rc)
		return rc == 1 ? EXIT_OK : rc;
	if (stat(o.dir, &sb) != 0) {
		util_message("%s: %s", o.dir, strerror(errno));
		return EXIT_USAGE;
	}
	if (!S_ISDIR(sb.st_mode)) {
		util_message("%s: not a folder", o.dir);
		return EXIT_USAGE;
	}
	/* A questionnaire that does not load fails before anything is printed. */
	if (o.write && load(&o, &m) != EXIT_OK)
		return EXIT_USAGE;
	if (scan_dir(o.dir, &r, &err) != 0) {
		util_message("%s", err);
		free(err);
		if (o.write)
			model_free(&m);
		return EXIT_USAGE;
	}
	scan_merge(&r, &sa);
	out = o.json ? scan_to_json(&r, &sa) : scan_to_text(&r);
	if (!out) {
		util_message("out of memory formatting the scan");
		rc = EXIT_RUNTIME;
	} else {
		fputs(out, stdout);
		if (o.json)
			fputc('\n', stdout);
		else if (r.count == 0) {
			char *shown = util_escape_controls(o.dir, false);
			printf("no findings: nothing in %s says what an answer should be\n", shown);
			free(shown);
		}
		free(out);
	}
	if (r.unreadable)
		util_message("%s: %zu folder%s could not be read and %s skipped (%s)", o.dir,
			r.unreadable, r.unreadable == 1 ? "" : "s", r.unreadable == 1 ? "was" : "were",
			r.first_unreadable);
	/* The tally is for people; scripts get exactly one stderr line on error. */
	if (!o.json && isatty(STDERR_FILENO))
		util_message("%s: %zu findings from %zu files (%zu entries looked at)%s",
			o.dir, r.count, r.files_read, r.files_seen,
			r.truncated ? "; stopped at the file limit" : "");
	if (rc == EXIT_OK && o.write)
		rc = write_answers(&o, &m, &sa);
	if (o.write)
		model_free(&m);
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		util_message("standard output: %s", strerror(errno));
		rc = EXIT_RUNTIME;
	}
	scan_answers_fini(&sa);
	scan_result_fini(&r);
	return rc;
}
