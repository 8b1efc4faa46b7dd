/* main.c: the command line (docs/archwise.1). Parses options, loads the model
 * and hands over to a front end: the wizard, eval, export or check. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include "answers.h"
#include "diag.h"
#include "engine.h"
#include "export.h"
#include "gen.h"
#include "load.h"
#include "recheck.h"
#include "record.h"
#include "scan.h"
#include "session.h"
#include "traffic.h"
#include "tui.h"
#include "util.h"

enum exit_code { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_STALE = 3 };

static const char usage_text[] =
	"usage: archwise [--answers FILE | --resume] [--questionnaire FILE] [--data-dir DIR]\n"
	"                [--scan DIR] [--traffic LOG]\n"
	"                      interactive wizard (the default questionnaire is built in);\n"
	"                      --scan/--traffic open its scan/import panels on DIR/LOG first\n"
	"       archwise eval FILE... [--json] [--questionnaire FILE] [--data-dir DIR]\n"
	"                      score answers files and print the result (several: a JSON array)\n"
	"       archwise export FILE [-o DIR] [--target all|kubernetes|knative|serverless|fargate]\n"
	"                      [--force] [--date YYYY-MM-DD] [--adr-dir DIR [--supersedes NNNN]]\n"
	"                      [--decision-makers \"A, B\"]\n"
	"                      [--questionnaire FILE]\n"
	"                      write the decision record, starter files and the answers file\n"
	"       archwise check FILE...\n"
	"                      validate questionnaire, asset and answers files and decision records\n"
	"       archwise traffic FILE... [--format auto|combined|alb|cloudfront|csv] [--json]\n"
	"                      [--write-answers FILE] [--force]\n"
	"                      derive traffic answers from access logs\n"
	"       archwise scan DIR [--json] [--write-answers FILE] [--force]\n"
	"                      pre-fill answers from what a repository contains\n"
	"       archwise recheck FILE... [--traffic LOG]... [--set QUESTION=VALUE]... [--json]\n"
	"                      [--strict] [--questionnaire FILE] [--data-dir DIR]\n"
	"                      does a recorded decision (record or answers file) still hold?\n"
	"                      exit 3 when one no longer holds\n"
	"       archwise --help | --version\n"
	"\n"
	"Exit codes: 0 success, 1 runtime failure (I/O, refused overwrite), 2 bad usage or input,\n"
	"3 (recheck only) a recorded decision no longer holds.\n"
	"See `man archwise` or README.md for every option and the file formats.\n";

/* Everything the command line said. */
struct cli {
	const char *command;        /* NULL: the wizard */
	const char **files;         /* positional arguments */
	size_t file_count;
	struct load_sources src;
	const char *answers_path;   /* wizard --answers */
	const char *out_dir;        /* export -o */
	const char *target;         /* export --target */
	const char *date;           /* export --date */
	const char *adr_dir;        /* export --adr-dir */
	const char *supersedes;     /* export --supersedes NNNN */
	const char *decision_makers; /* export --decision-makers "A, B" */
	const char *scan_dir;       /* wizard --scan */
	const char *traffic_path;   /* wizard --traffic */
	const char **logs, **sets;  /* recheck: every --traffic, every --set */
	size_t nlogs, nsets;
	bool resume, json, force, strict;
};

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	util_message("%s (try archwise --help)", msg);
	free(msg);
	return EXIT_USAGE;
}

static int parse_cli(int argc, char **argv, struct cli *c)
{
	c->files = xcalloc((size_t)argc, sizeof(*c->files));
	c->logs = xcalloc((size_t)argc, sizeof(*c->logs));
	c->sets = xcalloc((size_t)argc, sizeof(*c->sets));
	bool options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot = NULL;
		const char *name = NULL;
		if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (!c->command && c->file_count == 0 &&
			    (strcmp(arg, "eval") == 0 || strcmp(arg, "export") == 0 ||
			     strcmp(arg, "check") == 0 || strcmp(arg, "recheck") == 0)) {
				c->command = arg;
				continue;
			}
			c->files[c->file_count++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		if (strcmp(arg, "--json") == 0) {
			c->json = true;
			continue;
		}
		if (strcmp(arg, "--force") == 0) {
			c->force = true;
			continue;
		}
		if (strcmp(arg, "--resume") == 0) {
			c->resume = true;
			continue;
		}
		if (strcmp(arg, "--strict") == 0) {
			c->strict = true;
			continue;
		}
		if (util_option_is(arg, "--questionnaire"))
			slot = &c->src.questionnaire_path, name = "--questionnaire";
		else if (util_option_is(arg, "--data-dir"))
			slot = &c->src.data_dir, name = "--data-dir";
		else if (util_option_is(arg, "--answers"))
			slot = &c->answers_path, name = "--answers";
		else if (strcmp(arg, "-o") == 0 || util_option_is(arg, "--output"))
			slot = &c->out_dir, name = strcmp(arg, "-o") == 0 ? "-o" : "--output";
		else if (util_option_is(arg, "--target"))
			slot = &c->target, name = "--target";
		else if (util_option_is(arg, "--date"))
			slot = &c->date, name = "--date";
		else if (util_option_is(arg, "--adr-dir"))
			slot = &c->adr_dir, name = "--adr-dir";
		else if (util_option_is(arg, "--supersedes"))
			slot = &c->supersedes, name = "--supersedes";
		else if (util_option_is(arg, "--decision-makers"))
			slot = &c->decision_makers, name = "--decision-makers";
		else if (util_option_is(arg, "--scan"))
			slot = &c->scan_dir, name = "--scan";
		else if (util_option_is(arg, "--traffic"))
			slot = &c->traffic_path, name = "--traffic";
		else if (util_option_is(arg, "--set"))
			slot = &c->sets[c->nsets], name = "--set";
		else
			return usage_error("unknown option '%s'", arg);
		const char *value = util_option_value(argc, argv, &i, name);
		if (!value || !*value)
			return usage_error("option '%s' needs a value", name);
		*slot = value;
		if (slot == &c->traffic_path)
			c->logs[c->nlogs++] = value;
		else if (slot == &c->sets[c->nsets])
			c->nsets++;
	}
	return EXIT_OK;
}

static int load_or_report(const struct load_sources *src, struct model *m)
{
	struct diag_list d = {0};
	if (load_model(src, m, &d) != 0) {
		diag_print(&d, stderr);
		int rc = diag_exit_code(&d);
		diag_list_fini(&d);
		return rc;
	}
	diag_list_fini(&d);
	return EXIT_OK;
}

/* An answers file, or a decision record's answers (meta, optional, then
 * says whether it was one and what it chose). */
static int load_answers_or_report(const struct model *m, const char *path, struct answers *a,
				  struct record_meta *meta, bool *is_record)
{
	struct diag_list d = {0};
	int rc = record_load(m, path, a, meta, is_record, &d);
	if (rc != 0) {
		diag_print(&d, stderr);
		answers_fini(a);   /* a failed load leaves *a initialised */
		rc = diag_exit_code(&d);
	}
	diag_list_fini(&d);
	return rc;
}

static int evaluate_or_report(const struct model *m, const struct answers *a, struct evaluation *ev)
{
	if (engine_evaluate(m, a, ev) != 0 || engine_sensitivity(m, a, ev) != 0) {
		util_message("evaluation failed (out of memory)");
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/* JSON as cJSON prints it, with DEL, C1 controls and bidi overrides (which
 * cJSON leaves raw inside strings) written as \\u escapes: the same value,
 * nothing that drives a terminal. */
static char *json_for_terminal(const char *json)
{
	struct strbuf sb = {0};
	for (const unsigned char *p = (const unsigned char *)json; *p; p++) {
		if (*p == 0x7F)
			sb_append(&sb, "\\u007f");
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			sb_printf(&sb, "\\u%04x", p[1]), p++;
		else if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
					  (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
			sb_printf(&sb, "\\u%04x", 0x2000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), p += 2;
		else
			sb_appendn(&sb, (const char *)p, 1);
	}
	return sb_take(&sb);
}

/* Evaluates one answers file into *out (the JSON or the summary, caller
 * frees); errors are reported on stderr and, for the batch JSON, kept in
 * *error (caller frees). */
static int eval_one(const struct cli *c, const struct model *m, const char *path, char **out,
		    char **error)
{
	*out = NULL;
	struct answers a;
	struct diag_list d = {0};
	if (record_load(m, path, &a, NULL, NULL, &d) != 0) {
		diag_print(&d, stderr);
		if (error && d.count)
			*error = diag_format(&d.items[0]);
		answers_fini(&a);   /* a failed load leaves *a initialised */
		int rc = diag_exit_code(&d);
		diag_list_fini(&d);
		return rc;
	}
	diag_list_fini(&d);
	struct evaluation ev;
	int rc = evaluate_or_report(m, &a, &ev);
	if (rc == EXIT_OK) {
		*out = c->json ? engine_to_json(m, &a, &ev) : engine_summary_text(m, &a, &ev);
		if (!*out) {
			util_message("could not format the result");
			rc = EXIT_RUNTIME;
		}
		engine_evaluation_fini(&ev);
	}
	answers_fini(&a);
	return rc;
}

/* Texts from the data files and answers end up in the output: no escape
 * sequence may reach the terminal. */
static void print_safe(const struct cli *c, const char *text)
{
	char *safe = c->json ? json_for_terminal(text) : util_escape_controls(text, true);
	fputs(safe, stdout);
	if (safe[0] && safe[strlen(safe) - 1] != '\n')
		fputc('\n', stdout);
	free(safe);
}

/* One {"file", "result"} or {"file", "error"} object of the batch array,
 * printed as it would be inside cJSON_Print's array (one level deeper), so
 * the streamed array is byte for byte what printing it whole gave. */
static int print_batch_item(const char *file, const char *out, const char *error, bool first)
{
	cJSON *wrap = cJSON_CreateArray(), *item = cJSON_CreateObject();
	if (!wrap || !item) {
		cJSON_Delete(wrap);
		cJSON_Delete(item);
		return -1;
	}
	cJSON_AddItemToArray(wrap, item);
	cJSON_AddStringToObject(item, "file", file);
	cJSON *result = out ? cJSON_Parse(out) : NULL;
	if (result)
		cJSON_AddItemToObject(item, "result", result);
	else
		cJSON_AddStringToObject(item, "error", error ? error : "evaluation failed");
	char *text = cJSON_Print(wrap);
	cJSON_Delete(wrap);
	if (!text)
		return -1;
	size_t n = strlen(text);
	/* "[" ITEM "]": the item alone */
	text[n - 1] = '\0';
	if (!first)
		fputs(", ", stdout);
	char *safe = json_for_terminal(text + 1);
	fputs(safe, stdout);
	free(safe);
	cJSON_free(text);
	return 0;
}

/* `eval FILE...`: one file prints its result; several (a CI run over many
 * services) print each summary under a header, or with --json one array of
 * {"file", "result"} or {"file", "error"} objects, streamed: each file is
 * printed and freed before the next is read, so memory does not grow with
 * the number of files. Every file is evaluated; the exit code is the worst. */
static int cmd_eval(const struct cli *c, const struct model *m)
{
	if (c->file_count == 0)
		return usage_error("%s", "eval needs an answers FILE");
	int worst = EXIT_OK;
	bool batch = c->file_count > 1 && c->json;
	if (batch)
		fputs("[", stdout);
	for (size_t i = 0; i < c->file_count; i++) {
		char *out = NULL, *error = NULL;
		int rc = eval_one(c, m, c->files[i], &out, batch ? &error : NULL);
		if (rc != EXIT_OK && (rc > worst || worst == EXIT_OK))
			worst = rc;
		if (batch) {
			if (print_batch_item(c->files[i], out, error, i == 0) != 0)
				worst = EXIT_RUNTIME;
		} else if (out) {
			if (c->file_count > 1) {
				char *name = util_escape_controls(c->files[i], true);
				printf("%s== %s\n", i ? "\n" : "", name);
				free(name);
			}
			print_safe(c, out);
		}
		free(out);
		free(error);
		if (ferror(stdout))
			break;   /* a closed pipe or a full disk: said once, below */
	}
	if (batch)
		fputs("]\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		util_message("writing the result: %s", strerror(errno));
		return EXIT_RUNTIME;
	}
	return worst;
}

/* --decision-makers "Ana, Bo": replaces the answers' list (so the exported
 * answers.yaml replays it too). */
static int set_decision_makers(struct answers *a, const char *list)
{
	char *err = NULL;
	if (answers_set_decision_makers(a, list, &err) == 0)
		return EXIT_OK;
	int rc = usage_error("--decision-makers: %s", err);
	free(err);
	return rc;
}

/* A problem the starter files found with an answer ("container_image ...",
 * "service_name: ..."): one line naming the file and, when the file says
 * that answer, its position, as the loader's messages do. */
static void report_answer_problem(const struct model *m, const char *path, const char *err)
{
	size_t n = strspn(err, "abcdefghijklmnopqrstuvwxyz0123456789_");
	char *id = xstrndup(err, n);
	unsigned line = 0, col = 0;
	if (n && model_question_index(m, id) >= 0 && answers_locate(path, id, &line, &col))
		util_message("%s:%u:%u: %s", path, line, col, err);
	else if (strncmp(err, path, strlen(path)) == 0)
		util_message("%s", err);
	else
		util_message("%s: %s", path, err);
	free(id);
}

static void export_note(void *ctx, const char *line)
{
	(void)ctx;
	util_message("%s", line);
}

static int cmd_export(const struct cli *c, const struct model *m)
{
	if (c->file_count != 1)
		return usage_error("%s", "export needs exactly one answers FILE");
	int targets = GEN_ALL;
	if (c->target && (targets = gen_target_parse(c->target)) < 0)
		return usage_error("unknown --target '%s' (all, kubernetes, knative, serverless, fargate)",
				   c->target);
	if (c->supersedes && (!c->adr_dir || strspn(c->supersedes, "0123456789") !=
			      strlen(c->supersedes) || strlen(c->supersedes) > 9))
		return usage_error("%s", c->adr_dir ? "--supersedes takes a record number NNNN"
				   : "--supersedes needs --adr-dir DIR");
	if (c->date && !answers_valid_date(c->date))
		return usage_error("--date '%s' is not a date YYYY-MM-DD", c->date);
	struct answers a;
	int rc = load_answers_or_report(m, c->files[0], &a, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (c->decision_makers && (rc = set_decision_makers(&a, c->decision_makers)) != EXIT_OK) {
		answers_fini(&a);
		return rc;
	}
	const char *service = answers_text_by_id(m, &a, "service_name");
	if (service && !answers_service_name_ok(service)) {
		char *shown = util_escape_controls(service, false);
		util_message("%s: service_name '%s' is not valid: %s", c->files[0], shown,
			     answers_service_name_rule());
		free(shown);
		answers_fini(&a);
		return EXIT_USAGE;
	}
	struct evaluation ev;
	rc = evaluate_or_report(m, &a, &ev);
	if (rc == EXIT_OK) {
		struct export_options o = {
			.out_dir = c->out_dir, .targets = targets, .force = c->force,
			.date = c->date, .adr_dir = c->adr_dir, .answers_path = c->files[0],
			.supersedes = c->supersedes,
			.note = export_note,
		};
		char *written = NULL, *err = NULL;
		int w = export_run(m, &a, &ev, &o, &written, &err);
		if (w == 0) {
			char *shown = util_escape_controls(written, false);
			printf("wrote %s\n", shown);
			free(shown);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				/* Which part failed: the files are all there. */
				util_message("the export to %s is complete; only its summary line "
					"could not be printed: %s", written, strerror(errno));
				clearerr(stdout);
				rc = EXIT_RUNTIME;
			}
		} else if (w == 2) {
			report_answer_problem(m, c->files[0], err ? err : "export failed");
			rc = EXIT_USAGE;
		} else {
			util_message("%s", err ? err : "export failed");
			rc = EXIT_RUNTIME;
		}
		free(written);
		free(err);
		engine_evaluation_fini(&ev);
	}
	answers_fini(&a);
	return rc;
}

static int cmd_check(const struct cli *c, const struct model *m)
{
	if (c->file_count == 0)
		return usage_error("%s", "check needs at least one FILE");
	size_t problems = 0;
	bool io = false;
	for (size_t i = 0; i < c->file_count; i++) {
		struct diag_list d = {0};
		size_t n = load_check_file(c->files[i], m, &d);
		diag_print(&d, stderr);
		io = io || d.io;
		diag_list_fini(&d);
		if (n == 0) {
			char *shown = util_escape_controls(c->files[i], false);
			printf("%s: ok\n", shown);
			free(shown);
		}
		problems += n;
	}
	return io ? EXIT_RUNTIME : problems ? EXIT_USAGE : EXIT_OK;
}

static int cmd_wizard(const struct cli *c, const struct model *m)
{
	if (c->file_count)
		return usage_error("unexpected argument '%s'", c->files[0]);
	if (c->resume && c->answers_path)
		return usage_error("%s", "--answers and --resume exclude each other");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("archwise: the wizard needs a terminal; for scripts use "
		      "`archwise eval FILE` or `archwise export FILE`\n", stderr);
		return EXIT_USAGE;
	}
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fputs("archwise: the wizard needs a terminal that can move the cursor "
		      "(TERM is unset or dumb)\n", stderr);
		return EXIT_USAGE;
	}
	struct answers a;
	char *session = NULL;
	const char *from = c->answers_path;
	if (c->resume) {
		session = session_path();
		if (!session || access(session, F_OK) != 0) {
			util_message("no saved session to resume%s%s",
				session ? " at " : "", session ? session : "");
			free(session);
			return EXIT_USAGE;
		}
		char *err = NULL;
		if (session_check(session, &err) != 0) {
			util_message("%s", err);
			free(err);
			free(session);
			return EXIT_USAGE;
		}
		from = session;
	}
	/* Said before the screen takes over (and still there after it). */
	char *state = session ? xstrdup(session) : session_path();
	char *warning = state ? session_folder_warning(state) : NULL;
	if (warning)
		util_message("%s", warning);
	free(warning);
	free(state);
	struct record_meta meta;
	bool is_record = false;
	int rc = from ? load_answers_or_report(m, from, &a, &meta, &is_record)
		      : (answers_init(&a, m) == 0 ? EXIT_OK : EXIT_RUNTIME);
	if (rc == EXIT_OK) {
		struct tui_options o = {
			.answers_path = c->answers_path, .resume = c->resume,
			.questionnaire_path = c->src.questionnaire_path,
			.scan_dir = c->scan_dir, .traffic_path = c->traffic_path,
			.from_record = is_record, .recorded = is_record ? meta.chosen : ARCH_KUBERNETES,
		};
		rc = tui_run(m, &a, &o);
		answers_fini(&a);
	}
	free(session);
	return rc;
}

/* The logs, read once for every file. */
static int recheck_traffic(const struct cli *c, struct traffic_summary *s)
{
	struct traffic *t = traffic_new(TRAFFIC_AUTO);
	struct diag_list d = {0};
	int rc = EXIT_OK;
	for (size_t i = 0; i < c->nlogs && rc == EXIT_OK; i++)
		if (traffic_read_file(t, c->logs[i], &d) != 0)
			rc = EXIT_USAGE;
	if (rc == EXIT_OK && traffic_summarize(t, s) != 0) {
		util_message("%s: no requests could be read from the traffic logs", c->logs[0]);
		rc = EXIT_USAGE;
	}
	diag_print(&d, stderr);
	diag_list_fini(&d);
	traffic_free(t);
	return rc;
}

/* Loads one file and puts the changes in; EXIT_OK with *recorded and *now
 * set, else the exit code (reported). */
static int recheck_load(const struct cli *c, const struct model *m, const char *path,
			const struct traffic_summary *ts, struct answers *recorded,
			struct answers *now, struct record_meta *meta, bool *is_record)
{
	struct diag_list d = {0};
	if (record_load(m, path, recorded, meta, is_record, &d) != 0) {
		diag_print(&d, stderr);
		diag_list_fini(&d);
		answers_fini(recorded);
		return EXIT_USAGE;
	}
	diag_list_fini(&d);
	if (answers_copy(now, recorded) != 0) {
		answers_fini(recorded);
		util_message("out of memory");
		return EXIT_RUNTIME;
	}
	char *err = NULL;
	int rc = EXIT_OK;
	if (ts && traffic_apply_answers(m, now, ts, &err) != 0)
		rc = EXIT_USAGE;
	for (size_t i = 0; rc == EXIT_OK && i < c->nsets; i++)
		if (recheck_apply_set(m, now, c->sets[i], &err) != 0)
			rc = EXIT_USAGE;
	if (rc != EXIT_OK) {
		util_message("%s: %s", path, err ? err : "invalid change");
		free(err);
		answers_fini(recorded);
		answers_fini(now);
	}
	return rc;
}

static int cmd_recheck(const struct cli *cl, const struct model *m)
{
	const struct cli c = *cl;
	struct traffic_summary ts;
	bool have_ts = false;
	int rc = EXIT_OK;
	if (c.file_count == 0)
		return usage_error("%s", "recheck needs a decision record or answers FILE");
	/* A bad --set is bad usage, whatever the files say. */
	for (size_t i = 0; rc == EXIT_OK && i < c.nsets; i++) {
		struct answers probe;
		char *err = NULL;
		if (answers_init(&probe, m) != 0)
			rc = EXIT_RUNTIME;
		else if (recheck_apply_set(m, &probe, c.sets[i], &err) != 0)
			rc = usage_error("--set %s", err);
		free(err);
		answers_fini(&probe);
	}
	if (rc == EXIT_OK && c.nlogs && (rc = recheck_traffic(&c, &ts)) == EXIT_OK)
		have_ts = true;
	bool bad = false, failed = false, stale = false;
	for (size_t i = 0; rc == EXIT_OK && i < c.file_count; i++) {
		struct answers recorded, now;
		struct record_meta meta;
		bool is_record = false;
		int one = recheck_load(&c, m, c.files[i], have_ts ? &ts : NULL, &recorded, &now,
				       &meta, &is_record);
		if (one != EXIT_OK) {
			bad |= one == EXIT_USAGE;
			failed |= one == EXIT_RUNTIME;
			continue;
		}
		struct recheck_result r;
		if (recheck_compare(m, c.files[i], &recorded, is_record ? &meta : NULL, &now,
				    c.strict, &r) != 0) {
			util_message("%s: evaluation failed (out of memory)", c.files[i]);
			failed = true;
		} else {
			char *out = c.json ? recheck_to_json(m, &r) : recheck_to_text(m, &r);
			if (out) {
				char *safe = c.json ? json_for_terminal(out)
						    : util_escape_controls(out, true);
				printf("%s%s", safe, c.json ? "\n" : "");
				free(safe);
			} else {
				failed = true;
			}
			free(out);
			fflush(stdout);
			stale |= !r.holds;
		}
		recheck_result_fini(&r);
		answers_fini(&recorded);
		answers_fini(&now);
	}
	if (have_ts)
		traffic_summary_fini(&ts);
	if (rc != EXIT_OK)
		return rc;
	return bad ? EXIT_USAGE : failed ? EXIT_RUNTIME : stale ? EXIT_STALE : EXIT_OK;
}

/* What a command printed must have reached stdout: a full disk or a closed
 * pipe is an I/O failure (exit 1, one line), unless the command failed
 * already and said why. */
static int stdout_status(int rc)
{
	int e = fflush(stdout) != 0 ? errno : 0;
	if ((rc == EXIT_OK || rc == EXIT_STALE) && (e || ferror(stdout))) {
		util_message("standard output: %s", e ? strerror(e) : "write error");
		return EXIT_RUNTIME;
	}
	return rc;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return stdout_status(EXIT_OK);
		}
		if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			printf("archwise %s\n", ARCHWISE_VERSION);
			return stdout_status(EXIT_OK);
		}
	}
	/* traffic and scan have options of their own. */
	if (argc > 1 && strcmp(argv[1], "traffic") == 0)
		return stdout_status(traffic_command(argc - 1, argv + 1));
	if (argc > 1 && strcmp(argv[1], "scan") == 0)
		return stdout_status(scan_command(argc - 1, argv + 1));


	struct cli c = {0};
	int rc = parse_cli(argc, argv, &c);
	if (rc == EXIT_OK && c.command == NULL && argc > 1 && c.file_count)
		rc = usage_error("unknown command '%s'", c.files[0]);
	bool recheck = c.command && strcmp(c.command, "recheck") == 0;
	if (rc == EXIT_OK && c.command && (c.scan_dir || (c.traffic_path && !recheck)))
		rc = usage_error("%s", "--scan and --traffic are wizard options");
	if (rc == EXIT_OK && (c.nsets || c.strict) && !recheck)
		rc = usage_error("%s", "--set and --strict are recheck options");
	if (rc == EXIT_OK && !c.command && c.nlogs > 1)
		rc = usage_error("%s", "the wizard reads one --traffic LOG");
	struct model m = {0};
	if (rc == EXIT_OK)
		rc = load_or_report(&c.src, &m);
	if (rc == EXIT_OK) {
		if (!c.command)
			rc = cmd_wizard(&c, &m);
		else if (strcmp(c.command, "eval") == 0)
			rc = cmd_eval(&c, &m);
		else if (strcmp(c.command, "export") == 0)
			rc = cmd_export(&c, &m);
		else if (recheck)
			rc = cmd_recheck(&c, &m);
		else
			rc = cmd_check(&c, &m);
		model_free(&m);
	}
	free(c.files);
	free(c.logs);
	free(c.sets);
	return stdout_status(rc);
}
