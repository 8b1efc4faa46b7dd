/* tab_export.c: result tab 7: the output folder (editable), the targets,
 * the write through export_run, the paths written; an existing bundle is
 * only overwritten after the user says yes. */
#include <stdlib.h>
#include <string.h>
#include "ui.h"
#include "answers.h"
#include "export.h"
#include "gen.h"
#include "util.h"

static const struct { int mask; const char *label; } targets[] = {
	{ GEN_KUBERNETES, "Kubernetes manifests (kubernetes/)" },
	{ GEN_KNATIVE, "Knative service (knative/service.yaml)" },
	{ GEN_SERVERLESS, "Serverless Framework (serverless/)" },
	{ GEN_FARGATE, "Fargate task definition (fargate/)" },
};
#define TARGET_COUNT (int)(sizeof targets / sizeof targets[0])
#define ROW_DIR 0
#define ROW_WRITE (TARGET_COUNT + 1)

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
	t->dir_editing = false;
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
	struct export_options o = {
		.out_dir = t->dir_field.buf,
		.targets = t->ex_targets,
		.force = force,
		.answers_path = t->o ? t->o->answers_path : NULL,
	};
	char *written = NULL, *err = NULL;
	int rc = export_run(t->m, t->a, &t->ev, &o, &written, &err);
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
		t->ex_msg = xasprintf("Written to %s", t->ex_written);
		t->ex_err = false;
		t->exported = true;
	}
	free(written);
	free(err);
}

static void export_draw(struct tui *t)
{
	int y = TUI_CONTENT_TOP, x = 2, w = t->cols - 4, bottom = tui_content_bottom(t);
	tui_text(t, y++, x, w, "Output folder", ROLE_HEADING);
	bool here = t->ex_sel == ROW_DIR;
	tui_text(t, y, x, 2, here ? t->g->pointer : " ", ROLE_CURRENT);
	tui_field_draw(t, y, x + 2, w - 2 > 70 ? 70 : w - 2, &t->dir_field, t->dir_editing, true);
	tui_hit(t, y, x, x + w, HIT_ROW, ROW_DIR);
	y += 2;
	tui_text(t, y++, x, w, "Targets (Space toggles); the record, answers and README always",
		 ROLE_HEADING);
	for (int i = 0; i < TARGET_COUNT; i++, y++) {
		bool on = t->ex_targets & targets[i].mask, sel = t->ex_sel == i + 1;
		if (sel)
			tui_fill(t, y, x, w, ROLE_CURSOR);
		tui_textf(t, y, x, w, sel ? ROLE_CURSOR : ROLE_NORMAL, "%s %s %s",
			  sel ? t->g->pointer : " ", on ? t->g->check_on : t->g->check_off,
			  targets[i].label);
		tui_hit(t, y, x, x + w, HIT_ROW, i + 1);
	}
	y++;
	bool wsel = t->ex_sel == ROW_WRITE;
	tui_textf(t, y, x, w, wsel ? ROLE_CURSOR : ROLE_QUESTION, "%s [ Write the files ]",
		  wsel ? t->g->pointer : " ");
	tui_hit(t, y, x, x + 24, HIT_BUTTON, ROW_WRITE);
	y += 2;
	if (t->ex_msg) {
		tui_text(t, y++, x, w, t->ex_msg, t->ex_err ? ROLE_ERROR : ROLE_OK);
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
	if (t->dir_editing) {
		switch (ch) {
		case '\n': case '\r': case KEY_ENTER: case KEY_DOWN: case KEY_UP:
			t->dir_editing = false;
			t->dir_custom = t->dir_field.len > 0;
			if (!t->dir_field.len)
				export_enter(t);
			invalidate_files(t);
			return ACT_REDRAW;
		case 27:
			t->dir_editing = false;
			return ACT_REDRAW;
		case KEY_BACKSPACE: case 127: case 8:
			tui_field_erase(&t->dir_field);
			return ACT_REDRAW;
		}
		if (ch >= 0x20 && ch <= 0xff) {
			tui_field_insert(&t->dir_field, ch);
			return ACT_REDRAW;
		}
		return ACT_NONE;
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
		if (t->ex_sel == ROW_DIR)
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
		} else if (t->ex_sel == ROW_WRITE) {
			return do_write(t);
		} else {
			t->ex_targets ^= targets[t->ex_sel - 1].mask;
			invalidate_files(t);
		}
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static bool export_editing(const struct tui *t)
{
	return t->dir_editing;
}

const struct tui_screen tui_tab_export = {
	.name = "Export",
	.enter = export_enter,
	.draw = export_draw,
	.key = export_key,
	.editing = export_editing,
	.keys = "Up/Down:move|Enter:edit/toggle/write|Space:toggle|w:write|1-7:tabs",
};
