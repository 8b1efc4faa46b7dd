/* tab_export.c: result tab 7: the output folder (editable), the ADR
 * folder (found in the repository, editable, may be cleared), the decision
 * makers (from the answers, set on them when writing), the targets,
 * the write through export_run, the paths written; an existing bundle is
 * only overwritten after the user says yes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "ui.h"
#include "answers.h"
#include "export.h"
#include "gen.h"
#include "report.h"
#include "util.h"

static const struct { int mask; const char *label, *dir; } targets[] = {
	{ GEN_KUBERNETES, "Kubernetes manifests (kubernetes/)", "kubernetes" },
	{ GEN_KNATIVE, "Knative service (knative/service.yaml)", "knative" },
	{ GEN_SERVERLESS, "Serverless Framework (serverless/)", "serverless" },
	{ GEN_FARGATE, "Fargate task definition (fargate/)", "fargate" },
};
#define TARGET_COUNT (int)(sizeof targets / sizeof targets[0])
#define ROW_DIR 0
#define ROW_ADR 1
#define ROW_DM 2
#define ROW_TARGET0 3
#define ROW_WRITE (TARGET_COUNT + ROW_TARGET0)

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* path as an absolute path for the reader ("./out" in /home/ana: "/home/ana/out"). */
static char *absolute(const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	char *cwd = getcwd(NULL, 0);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	char *abs = xasprintf("%s/%s", cwd ? cwd : ".", path);
	free(cwd);
	return abs;
}

/* mkdir -p path (0755); 0 or -1 with errno. */
static int make_dirs(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

void tui_export_make_adr(struct tui *t)
{
	if (make_dirs(t->adr_field.buf) != 0) {
		free(t->ex_msg);
		t->ex_msg = xasprintf("not written: cannot create %s: %s", t->adr_field.buf,
				      strerror(errno));
		t->ex_err = true;
		return;
	}
	tui_export_write(t, false);
}

/* The ADR folder to suggest: docs/decisions, doc/adr, docs/adr or
 * doc/decisions in the current folder or a parent up to the repository
 * root (the folder holding .git); outside a repository the current folder
 * only. Relative to the current folder; NULL when there is none. */
static char *find_adr_dir(void)
{
	static const char *const names[] = { "docs/decisions", "doc/adr", "docs/adr",
					     "doc/decisions" };
	char *cwd = getcwd(NULL, 0);
	int levels = 0;
	for (const char *p = cwd ? cwd : ""; *p; p++)
		levels += *p == '/' && p[1];
	free(cwd);
	struct strbuf up = {0};
	int root = -1;
	for (int k = 0; k <= levels && k < 64 && root < 0; k++) {
		char *git = xasprintf("%s.git", up.len ? up.data : "");
		struct stat st;
		if (stat(git, &st) == 0)
			root = k;
		free(git);
		sb_append(&up, "../");
	}
	sb_fini(&up);
	char *found = NULL;
	for (int k = 0; k <= (root < 0 ? 0 : root) && !found; k++) {
		for (size_t i = 0; i < sizeof names / sizeof names[0] && !found; i++) {
			struct strbuf p = {0};
			for (int j = 0; j < k; j++)
				sb_append(&p, "../");
			sb_append(&p, names[i]);
			char *path = sb_take(&p);
			if (is_dir(path))
				found = path;
			else
				free(path);
		}
	}
	return found;
}

/* The answers' decision makers as the field shows them: "Ana, Bo". */
static char *dm_joined(const struct answers *a)
{
	struct strbuf sb = {0};
	sb_append(&sb, "");
	for (size_t i = 0; i < a->decision_makers_count; i++) {
		if (i)
			sb_append(&sb, ", ");
		sb_append(&sb, a->decision_makers[i] ? a->decision_makers[i] : "");
	}
	return sb_take(&sb);
}

/* Why the field cannot be the decision makers; NULL when it can. */
static char *dm_problem(const struct tui *t)
{
	struct answers scratch = {0};
	char *err = NULL;
	if (answers_set_decision_makers(&scratch, t->dm_field.buf, &err) == 0)
		answers_fini(&scratch);
	return err;
}

/* On Write: the field becomes the answers' decision makers (autosaved
 * like any answer) when it differs. false, with the tab's message, when
 * a name is refused. */
static bool dm_apply(struct tui *t)
{
	char *cur = dm_joined(t->a);
	bool same = strcmp(cur, t->dm_field.buf) == 0;
	free(cur);
	if (same)
		return true;
	char *err = NULL;
	if (answers_set_decision_makers(t->a, t->dm_field.buf, &err) != 0) {
		free(t->ex_msg);
		t->ex_msg = xasprintf("not written: decision makers: %s", err);
		t->ex_err = true;
		free(err);
		return false;
	}
	tui_answers_changed(t);
	return true;
}

static void export_enter(struct tui *t)
{
	tui_ensure_eval(t, false);
	/* The default follows the service name until the user types a folder. */
	if (!t->dir_custom) {
		const char *svc = answers_text_by_id(t->m, t->a, "service_name");
		char *d = xasprintf("./archwise-out/%s", svc && svc[0] ? svc : "service");
		tui_field_set(&t->dir_field, d);
		free(d);
	}
	if (!t->adr_init) {
		t->adr_init = true;
		char *adr = find_adr_dir();
		tui_field_set(&t->adr_field, adr ? adr : "");
		free(adr);
	}
	if (!t->dm_init) {
		t->dm_init = true;
		char *dm = dm_joined(t->a);
		tui_field_set(&t->dm_field, dm);
		free(dm);
	}
	t->dir_editing = false;
	t->adr_editing = false;
	t->dm_editing = false;
}

static void invalidate_files(struct tui *t)
{
	out_bundle_fini(&t->files);
	memset(&t->files, 0, sizeof t->files);
	t->files_ok = false;
	free(t->files_err);
	t->files_err = NULL;
}

void tui_export_write(struct tui *t, bool force)
{
	tui_ensure_eval(t, false);
	free(t->ex_msg);
	t->ex_msg = NULL;
	if (!t->ev_ok) {
		t->ex_msg = xstrdup("the evaluation failed");
		t->ex_err = true;
		return;
	}
	if (!t->ex_targets) {
		t->ex_msg = xstrdup("choose at least one target");
		t->ex_err = true;
		return;
	}
	const char *adr = t->adr_field.len ? t->adr_field.buf : NULL;
	struct stat st;
	if (adr && stat(adr, &st) != 0 && errno == ENOENT) {
		/* A folder that does not exist yet: offer to create it. */
		tui_overlay_open(t, OVL_MKADR);
		return;
	}
	if (adr && !is_dir(adr)) {
		t->ex_msg = xasprintf("not written: the ADR folder %s is not a folder (clear it to"
				      " write none)", adr);
		t->ex_err = true;
		return;
	}
	struct export_options o = {
		.out_dir = t->dir_field.buf,
		.targets = t->ex_targets,
		.force = force,
		.adr_dir = adr,
		.answers_path = t->o ? t->o->answers_path : NULL,
	};
	char *written = NULL, *err = NULL;
	int rc = export_run(t->m, t->a, &t->ev, &o, &written, &err);
	free(t->ex_adr);
	t->ex_adr = NULL;
	/* export_run says "DIR and ADR-FILE" when it wrote both. */
	size_t dl = strlen(t->dir_field.buf);
	if (rc == 0 && adr && written && strncmp(written, t->dir_field.buf, dl) == 0 &&
	    strncmp(written + dl, " and ", 5) == 0) {
		t->ex_adr = xstrdup(written + dl + 5);
		written[dl] = '\0';
	}
	if (rc == 1 && !force) {
		free(err);
		free(written);
		tui_overlay_open(t, OVL_OVERWRITE);
		return;
	}
	if (rc != 0) {
		t->ex_msg = xasprintf("not written: %s", err ? err : "error");
		t->ex_err = true;
	} else {
		free(t->ex_written);
		t->ex_written = written ? written : xstrdup(t->dir_field.buf);
		written = NULL;
		char *abs = absolute(t->ex_written);
		t->ex_msg = xasprintf("Written to %s", abs);
		free(abs);
		t->ex_err = false;
		t->exported = true;
	}
	free(written);
	free(err);
}

static void export_draw(struct tui *t)
{
	int y = TUI_CONTENT_TOP, x = 2, w = t->cols - 4, bottom = tui_content_bottom(t);
	int oc = tui_text(t, y, x, w, "Output folder", ROLE_HEADING);
	if (t->dir_field.buf[0] && t->dir_field.buf[0] != '/') {
		char *abs = absolute(t->dir_field.buf);
		tui_textf(t, y, x + oc + 1, w - oc - 1, ROLE_DIM, "= %s", abs);
		free(abs);
	}
	y++;
	bool here = t->ex_sel == ROW_DIR;
	tui_text(t, y, x, 2, here ? t->g->pointer : " ", ROLE_CURRENT);
	tui_field_draw(t, y, x + 2, w - 2 > 70 ? 70 : w - 2, &t->dir_field, t->dir_editing, true);
	tui_hit(t, y, x, x + w, HIT_ROW, ROW_DIR);
	y++;
	int c = tui_text(t, y, x, w, "ADR folder", ROLE_HEADING);
	bool adr_ok = !t->adr_field.len || is_dir(t->adr_field.buf);
	char *next = NULL;
	if (t->adr_field.len && adr_ok && t->ev_ok)
		next = report_adr_filename(t->adr_field.buf, t->m, t->a, &t->ev);
	if (!t->adr_field.len)
		tui_text(t, y, x + c + 1, w - c - 1, "(none: Enter to type one, e.g. docs/decisions)",
			 ROLE_DIM);
	else if (!adr_ok)
		tui_text(t, y, x + c + 1, w - c - 1, "(not a folder)", ROLE_ERROR);
	else
		tui_textf(t, y, x + c + 1, w - c - 1, ROLE_DIM, "next: %s (empty: none)",
			  next ? next : "NNNN-....md");
	free(next);
	y++;
	here = t->ex_sel == ROW_ADR;
	tui_text(t, y, x, 2, here ? t->g->pointer : " ", ROLE_CURRENT);
	tui_field_draw(t, y, x + 2, w - 2 > 70 ? 70 : w - 2, &t->adr_field, t->adr_editing, adr_ok);
	tui_hit(t, y, x, x + w, HIT_ROW, ROW_ADR);
	y++;
	c = tui_text(t, y, x, w, "Decision makers", ROLE_HEADING);
	char *dm_err = dm_problem(t);
	tui_text(t, y, x + c + 1, w - c - 1, dm_err ? "(names separated by commas, 1-100 characters"
		 " each)" : "(comma-separated; the record's decision-makers)",
		 dm_err ? ROLE_ERROR : ROLE_DIM);
	y++;
	here = t->ex_sel == ROW_DM;
	tui_text(t, y, x, 2, here ? t->g->pointer : " ", ROLE_CURRENT);
	tui_field_draw(t, y, x + 2, w - 2 > 70 ? 70 : w - 2, &t->dm_field, t->dm_editing, !dm_err);
	tui_hit(t, y, x, x + w, HIT_ROW, ROW_DM);
	free(dm_err);
	y += 2;
	tui_text(t, y++, x, w, "Targets (Space toggles); always written: the record, answers.yaml, "
		 "README.md", ROLE_HEADING);
	for (int i = 0; i < TARGET_COUNT; i++, y++) {
		bool on = t->ex_targets & targets[i].mask, sel = t->ex_sel == i + ROW_TARGET0;
		if (sel)
			tui_fill(t, y, x, w, ROLE_CURSOR);
		tui_textf(t, y, x, w, sel ? ROLE_CURSOR : ROLE_NORMAL, "%s %s %s",
			  sel ? t->g->pointer : " ", on ? t->g->check_on : t->g->check_off,
			  targets[i].label);
		tui_hit(t, y, x, x + w, HIT_ROW, i + ROW_TARGET0);
	}
	y++;
	bool wsel = t->ex_sel == ROW_WRITE;
	tui_textf(t, y, x, w, wsel ? ROLE_CURSOR : ROLE_QUESTION, "%s [ Write the files ]",
		  wsel ? t->g->pointer : " ");
	tui_hit(t, y, x, x + 24, HIT_BUTTON, ROW_WRITE);
	y += 2;
	if (t->ex_msg) {
		y += tui_wrapped(t, y, x, w, 3, t->ex_msg, t->ex_err ? ROLE_ERROR : ROLE_OK);
		if (!t->ex_err && !t->exported)
			tui_text(t, y++, x, w, "The answers changed after this write: the files are out "
				 "of date (w writes them again).", ROLE_WARN);
		/* Folders of targets not chosen now, left from an earlier write. */
		if (!t->ex_err && t->ex_written) {
			struct strbuf old = {0};
			for (int i = 0; i < TARGET_COUNT; i++) {
				char *d = xasprintf("%s/%s", t->ex_written, targets[i].dir);
				if (!(t->ex_targets & targets[i].mask) && is_dir(d))
					sb_printf(&old, "%s%s/", old.len ? ", " : "", targets[i].dir);
				free(d);
			}
			if (old.len) {
				char *s = sb_take(&old);
				tui_textf(t, y++, x, w, ROLE_WARN, "Also in the folder, not chosen now: %s "
					  "(from an earlier write)", s);
				free(s);
			}
		}
		if (!t->ex_err && t->ex_adr)
			tui_textf(t, y++, x, w, ROLE_OK, "ADR written: %s",
				  t->ex_adr);
		if (!t->ex_err && t->files_ok) {
			for (size_t i = 0; i < t->files.count && y < bottom; i++, y++) {
				if (y == bottom - 1 && i + 1 < t->files.count) {
					tui_textf(t, y, x + 2, w - 2, ROLE_DIM,
						  "%s and %zu more (tab 6 lists them all)",
						  t->g->ellipsis, t->files.count - i);
					y++;
					break;
				}
				tui_textf(t, y, x + 2, w - 2, ROLE_NORMAL, "%s/%s", t->ex_written,
					  t->files.files[i].path);
			}
		}
		if (!t->ex_err && y < bottom)
			tui_textf(t, y, x, w, ROLE_DIM, "Replay: archwise eval %s/answers.yaml",
				  t->ex_written);
	} else {
		tui_text(t, y, x, w, "Nothing is written until you choose Write; existing files are"
			 " only replaced after you agree.", ROLE_DIM);
	}
}

static enum tui_action do_write(struct tui *t)
{
	if (!dm_apply(t))
		return ACT_REDRAW;
	tui_export_write(t, false);
	/* The file list shown after writing is the one just written. */
	invalidate_files(t);
	if (t->ev_ok) {
		struct export_options o = { .out_dir = t->dir_field.buf, .targets = t->ex_targets,
					    .answers_path = t->o ? t->o->answers_path : NULL };
		char *err = NULL;
		t->files_ok = export_build(t->m, t->a, &t->ev, &o, &t->files, &err) == 0;
		if (!t->files_ok)
			t->files_err = err;
		else
			free(err);
	}
	return ACT_REDRAW;
}

static enum tui_action export_key(struct tui *t, int ch)
{
	if (t->dir_editing || t->adr_editing || t->dm_editing) {
		struct tui_field *f = t->dir_editing ? &t->dir_field
				      : t->adr_editing ? &t->adr_field : &t->dm_field;
		switch (ch) {
		case '\n': case '\r': case KEY_ENTER: case KEY_DOWN: case KEY_UP:
			if (t->dir_editing) {
				t->dir_editing = false;
				t->dir_custom = t->dir_field.len > 0;
				if (!t->dir_field.len)
					export_enter(t);
			}
			t->adr_editing = t->dm_editing = false;
			invalidate_files(t);
			return ACT_REDRAW;
		case 27:
			t->dir_editing = t->adr_editing = t->dm_editing = false;
			return ACT_REDRAW;
		}
		return tui_field_key(f, ch) ? ACT_REDRAW : ACT_NONE;
	}
	switch (ch) {
	case KEY_UP: case 'k':
		t->ex_sel = (t->ex_sel + ROW_WRITE) % (ROW_WRITE + 1);
		return ACT_REDRAW;
	case KEY_DOWN: case 'j':
		t->ex_sel = (t->ex_sel + 1) % (ROW_WRITE + 1);
		return ACT_REDRAW;
	case 'w':
		return do_write(t);
	case KEY_MOUSE:
		if (t->click.kind != HIT_ROW && t->click.kind != HIT_BUTTON)
			return ACT_NONE;
		t->ex_sel = t->click.value;
		if (t->ex_sel == ROW_DIR || t->ex_sel == ROW_ADR || t->ex_sel == ROW_DM)
			return ACT_REDRAW;
		ch = ' ';
		break;
	case KEY_LEFT: case KEY_BACKSPACE: case 127: case 8: case 'b':
		return ACT_BACK;
	}
	if (ch == ' ' || ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		if (t->ex_sel == ROW_DIR) {
			t->dir_field.fresh = ch != ' ';
			t->dir_editing = true;
		} else if (t->ex_sel == ROW_ADR) {
			t->adr_field.fresh = ch != ' ';
			t->adr_editing = true;
		} else if (t->ex_sel == ROW_DM) {
			t->dm_field.fresh = ch != ' ';
			t->dm_editing = true;
		} else if (t->ex_sel == ROW_WRITE) {
			return do_write(t);
		} else {
			t->ex_targets ^= targets[t->ex_sel - ROW_TARGET0].mask;
			invalidate_files(t);
		}
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static bool export_editing(const struct tui *t)
{
	return t->dir_editing || t->adr_editing || t->dm_editing;
}

const struct tui_screen tui_tab_export = {
	.name = "Export",
	.enter = export_enter,
	.draw = export_draw,
	.key = export_key,
	.editing = export_editing,
	.keys = "Up/Down:move|Enter:edit/toggle/write|Space:toggle|w:write|Esc:back",
};
