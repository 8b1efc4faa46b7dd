/* export.c: the export bundle: record, cost chart, answers, starter files
 * and the bundle README, built in memory and written in one go. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "answers.h"
#include "export.h"
#include "file.h"
#include "gen.h"
#include "record.h"
#include "report.h"
#include "util.h"

char *export_default_dir(const struct model *m, const struct answers *a)
{
	const char *service = answers_text_by_id(m, a, "service_name");
	return xasprintf("archwise-out/%s", service && *service ? service : "service");
}

/* The record's options: its date is --date, else the answers' date, else
 * today (SOURCE_DATE_EPOCH's day when set, for byte-identical reruns). */
static int record_options(const struct answers *a, const struct export_options *o,
			  char today[16], const char *chart, struct report_options *ro, char **err)
{
	const char *date = o->date;
	if (!date && !(a->date && *a->date)) {
		if (util_today(today, 16, err) != 0)
			return -1;
		date = today;
	}
	*ro = (struct report_options){
		.date = date, .answers_path = "answers.yaml", .chart_path = chart,
	};
	return 0;
}

int export_build(const struct model *m, const struct answers *a, const struct evaluation *ev,
		 const struct export_options *o, struct out_bundle *b, char **err)
{
	struct report_options ro;
	char today[16];
	if (record_options(a, o, today, "cost-chart.svg", &ro, err) != 0)
		return -1;
	char *record = report_markdown(m, a, ev, &ro);
	char *chart = report_cost_chart_svg(m, ev);
	if (!record || !chart) {
		free(record);
		free(chart);
		*err = xstrdup("could not build the decision record");
		return -1;
	}
	out_bundle_add(b, "decision-record.md", record, strlen(record));
	size_t len = 0;
	char *yaml = answers_to_yaml(m, a, &len);
	if (!yaml) {
		free(chart);
		*err = xstrdup("could not write the answers as YAML");
		return -1;
	}
	out_bundle_add(b, "answers.yaml", yaml, len);
	out_bundle_add(b, "cost-chart.svg", chart, strlen(chart));
	if (gen_targets(m, a, ev, o->targets, b, err) != 0)
		return -1;
	return gen_bundle_readme(m, a, ev, o->targets, b, err);
}

/* The record for an ADR folder, linking the chart by its name there, and
 * the chart beside it: both written, or neither. */
static int write_adr(const struct model *m, const struct answers *a, const struct evaluation *ev,
		     const struct export_options *o, const struct out_bundle *b,
		     const char *adr_path, const char *adr_chart, char **err)
{
	const struct out_file *svg = out_bundle_find(b, "cost-chart.svg");
	const char *base = strrchr(adr_chart, '/');
	struct report_options ro;
	char today[16];
	if (record_options(a, o, today, base ? base + 1 : adr_chart, &ro, err) != 0)
		return -1;
	char *text = report_markdown(m, a, ev, &ro);
	if (!text) {
		*err = xstrdup("could not build the decision record");
		return -1;
	}
	int rc = out_write_atomic(adr_path, text, strlen(text), false, err);
	free(text);
	if (rc == 0) {
		rc = out_write_atomic(adr_chart, svg->data, svg->len, false, err);
		if (rc != 0)
			unlink(adr_path);
	}
	return rc;
}

/* --supersedes NNNN: the old record in the ADR folder, its text, and the
 * same text with its status "superseded by" the new record. */
struct supersede {
	char *path, *text, *marked;
	size_t len;
};

static void supersede_fini(struct supersede *s)
{
	free(s->path);
	free(s->text);
	free(s->marked);
}

/* Finds DIR/NNNN-*.md (exactly one) and marks it; 0, or 2 (bad input) / 1
 * (I/O) with *err. */
static int supersede_prepare(const char *dir, const char *number, const char *new_path,
			     struct supersede *s, char **err)
{
	DIR *d = opendir(dir);
	if (!d) {
		*err = xasprintf("%s: cannot read the ADR folder", dir);
		return 1;
	}
	unsigned long want = strtoul(number, NULL, 10);
	size_t found = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t digits = strspn(e->d_name, "0123456789");
		size_t n = strlen(e->d_name);
		if (digits == 0 || e->d_name[digits] != '-' || n < 4 ||
		    strcmp(e->d_name + n - 3, ".md") != 0 || strtoul(e->d_name, NULL, 10) != want)
			continue;
		if (found++ == 0)
			s->path = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (found != 1) {
		*err = found ? xasprintf("%s: more than one record numbered %s", dir, number)
			     : xasprintf("%s: no record numbered %s to supersede", dir, number);
		return 2;
	}
	struct diag_list dl = {0};
	s->text = file_read(s->path, &s->len, &dl);
	diag_list_fini(&dl);
	if (!s->text) {
		*err = xasprintf("%s: cannot be read", s->path);
		return 1;
	}
	const char *base = strrchr(new_path, '/');
	s->marked = record_mark_superseded(s->text, s->len, base ? base + 1 : new_path);
	if (!s->marked) {
		*err = xasprintf("%s: no front matter with a status to mark as superseded", s->path);
		return 2;
	}
	return 0;
}

int export_run(const struct model *m, const struct answers *a, const struct evaluation *ev,
	       const struct export_options *o, char **written, char **err)
{
	struct out_bundle b = {0};
	*err = NULL;
	if (export_build(m, a, ev, o, &b, err) != 0) {
		out_bundle_fini(&b);
		return 2;
	}
	char *dir = o->out_dir ? xstrdup(o->out_dir) : export_default_dir(m, a);
	char *adr_path = NULL;
	if (o->adr_dir && out_folder_check(o->adr_dir, err) < 0) {
		free(dir);
		out_bundle_fini(&b);
		return 1;
	}
	if (o->adr_dir) {
		char *name = report_adr_filename(o->adr_dir, m, a, ev);
		if (!name) {
			*err = xasprintf("%s: cannot read the ADR folder", o->adr_dir);
			free(dir);
			out_bundle_fini(&b);
			return 1;
		}
		adr_path = xasprintf("%s/%s", o->adr_dir, name);
		free(name);
	}
	struct supersede old = {0};
	if (adr_path && o->supersedes) {
		int bad = supersede_prepare(o->adr_dir, o->supersedes, adr_path, &old, err);
		if (bad) {
			supersede_fini(&old);
			free(adr_path);
			free(dir);
			out_bundle_fini(&b);
			return bad;
		}
	}
	/* The ADR copy first (new names, never an overwrite): the record,
	 * linking its chart as NNNN-slug-cost.svg, and that chart beside it.
	 * When they cannot be written, nothing is; when the bundle then fails
	 * or is refused, they are taken back. */
	int rc = 0;
	char *adr_chart = NULL;
	if (adr_path) {
		adr_chart = xasprintf("%.*s-cost.svg", (int)(strlen(adr_path) - 3), adr_path);
		rc = write_adr(m, a, ev, o, &b, adr_path, adr_chart, err);
	}
	/* Then the old record's status (replaced whole, by rename): when that
	 * fails, the new record is taken back, so both change or neither. */
	if (rc == 0 && old.path) {
		rc = out_write_atomic(old.path, old.marked, strlen(old.marked), true, err);
		if (rc != 0) {
			unlink(adr_path);
			unlink(adr_chart);
		}
	}
	if (rc == 0) {
		struct out_bundle_options wo = {
			.force = o->force, .manifest = EXPORT_MANIFEST,
			.lock_wait_ms = OUT_LOCK_WAIT_MS, .note = o->note, .note_ctx = o->note_ctx,
		};
		rc = out_write_bundle_with(dir, &b, &wo, err);
		if (rc != 0 && adr_path) {
			unlink(adr_path);
			unlink(adr_chart);
		}
		char *ignored = NULL;
		if (rc != 0 && old.path)
			out_write_atomic(old.path, old.text, old.len, true, &ignored);
		free(ignored);
	}
	if (rc == 0 && written && old.path)
		*written = xasprintf("%s and %s (%s marked superseded)", dir, adr_path, old.path);
	else if (rc == 0 && written)
		*written = adr_path ? xasprintf("%s and %s", dir, adr_path) : xstrdup(dir);
	supersede_fini(&old);
	free(adr_path);
	free(adr_chart);
	free(dir);
	out_bundle_fini(&b);
	return rc == 0 ? 0 : 1;
}
