/* export.c: the export bundle (CONTRACT §6): record, answers, starter files
 * and the bundle README, built in memory and written in one go. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "answers.h"
#include "export.h"
#include "gen.h"
#include "report.h"
#include "util.h"

char *export_default_dir(const struct model *m, const struct answers *a)
{
	const char *service = answers_text_by_id(m, a, "service_name");
	return xasprintf("archwise-out/%s", service && *service ? service : "service");
}

int export_build(const struct model *m, const struct answers *a, const struct evaluation *ev,
		 const struct export_options *o, struct out_bundle *b, char **err)
{
	/* The record's date: --date, else the answers' date, else today
	 * (SOURCE_DATE_EPOCH's day when set, for byte-identical reruns). */
	char today[16];
	const char *date = o->date;
	if (!date && !(a->date && *a->date)) {
		if (util_today(today, sizeof today, err) != 0)
			return -1;
		date = today;
	}
	struct report_options ro = {
		.date = date, .answers_path = "answers.yaml",
	};
	char *record = report_markdown(m, a, ev, &ro);
	if (!record) {
		*err = xstrdup("could not build the decision record");
		return -1;
	}
	out_bundle_add(b, "decision-record.md", record, strlen(record));
	size_t len = 0;
	char *yaml = answers_to_yaml(m, a, &len);
	if (!yaml) {
		*err = xstrdup("could not write the answers as YAML");
		return -1;
	}
	out_bundle_add(b, "answers.yaml", yaml, len);
	if (gen_targets(m, a, ev, o->targets, b, err) != 0)
		return -1;
	return gen_bundle_readme(m, a, ev, o->targets, b, err);
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
	/* The ADR copy first (a new name, never an overwrite): when it cannot
	 * be written, nothing is; when the bundle then fails or is refused,
	 * the copy is taken back. */
	int rc = 0;
	if (adr_path) {
		const struct out_file *rec = out_bundle_find(&b, "decision-record.md");
		rc = out_write_atomic(adr_path, rec->data, rec->len, false, err);
	}
	if (rc == 0) {
		struct out_bundle_options wo = {
			.force = o->force, .manifest = EXPORT_MANIFEST,
			.lock_wait_ms = OUT_LOCK_WAIT_MS, .note = o->note, .note_ctx = o->note_ctx,
		};
		rc = out_write_bundle_with(dir, &b, &wo, err);
		if (rc != 0 && adr_path)
			unlink(adr_path);
	}
	if (rc == 0 && written)
		*written = adr_path ? xasprintf("%s and %s", dir, adr_path) : xstrdup(dir);
	free(adr_path);
	free(dir);
	out_bundle_fini(&b);
	return rc == 0 ? 0 : 1;
}
