/* test_tui_keys.c: the screens' key handlers without a terminal: the
 * wizard's navigation, answers, number and pattern checks, the review's
 * jump-and-return, the matrix weights and the cost what-if. Drawing is
 * covered by the tmux scripts (tests/scripts/tui-*.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../src/tui/ui.h"
#include "answers.h"
#include "load.h"
#include "session.h"
#include "util.h"

static struct model M;
static char tmpdir[] = "/tmp/archwise-test-tui-XXXXXX";

struct fixture {
	struct answers a;
	struct tui t;
	struct tui_options o;
};

static int group_setup(void **state)
{
	struct diag_list d = {0};
	struct load_sources src = {0};
	if (load_model(&src, &M, &d) != 0 || !mkdtemp(tmpdir))
		return -1;
	diag_list_fini(&d);
	setenv("XDG_STATE_HOME", tmpdir, 1);
	return 0;
}

static int group_teardown(void **state)
{
	model_free(&M);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	if (answers_init(&f->a, &M) != 0)
		return -1;
	struct tui *t = &f->t;
	t->m = &M;
	t->a = &f->a;
	t->o = &f->o;
	t->rows = 30;
	t->cols = 100;
	t->ev_stale = true;
	t->save_ok = true;
	t->ex_targets = 0xF;
	const struct questionnaire *qn = M.questionnaire;
	t->sec_first = xcalloc(qn->sections_count + 1, sizeof *t->sec_first);
	size_t q = 0;
	for (unsigned s = 0; s < qn->sections_count; s++) {
		t->sec_first[s] = q;
		q += qn->sections[s].questions_count;
	}
	t->sec_first[qn->sections_count] = q;
	t->drafts = xcalloc(M.question_count, sizeof *t->drafts);
	t->changed = xcalloc(M.question_count, sizeof *t->changed);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->t.ev_ok)
		engine_evaluation_fini(&f->t.ev);
	out_bundle_fini(&f->t.files);
	free(f->t.files_err);
	tui_import_close(&f->t);
	free(f->t.ex_written);
	free(f->t.ex_adr);
	free(f->t.ex_msg);
	free(f->t.status);
	free(f->t.sec_first);
	for (size_t i = 0; i < M.question_count; i++)
		free(f->t.drafts[i]);
	free(f->t.drafts);
	free(f->t.changed);
	if (f->t.undo_ok)
		answers_fini(&f->t.undo);
	answers_fini(&f->a);
	free(f);
	return 0;
}

static enum tui_action key(struct tui *t, const struct tui_screen *s, int ch)
{
	free(t->status);
	t->status = NULL;
	return s->key(t, ch);
}

static void keys(struct tui *t, const struct tui_screen *s, const char *text)
{
	for (const char *p = text; *p; p++)
		key(t, s, (unsigned char)*p);
}

static size_t qi(const char *id)
{
	int i = model_question_index(&M, id);
	assert_true(i >= 0);
	return (size_t)i;
}

static void go(struct tui *t, const char *id)
{
	t->q = qi(id);
	tui_screen_wizard.enter(t);
}

static void enter_accepts_the_default_and_saves(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *w = &tui_screen_wizard;
	go(t, "traffic_pattern");
	int def = answers_option(&M, t->a, t->q);
	assert_int_equal(t->cursor, def);
	assert_false(t->a->values[t->q].present);
	assert_int_equal(key(t, w, '\n'), ACT_REDRAW);
	assert_true(f->a.values[qi("traffic_pattern")].present);
	assert_int_equal(answers_option(&M, t->a, qi("traffic_pattern")), def);
	assert_int_equal(t->q, qi("traffic_pattern") + 1);
	/* The autosave holds it. */
	char *path = session_path();
	struct answers back;
	struct diag_list d = {0};
	assert_int_equal(answers_load(&M, path, &back, &d), 0);
	assert_int_equal(answers_option(&M, &back, qi("traffic_pattern")), def);
	answers_fini(&back);
	diag_list_fini(&d);
	free(path);
}

static void moving_and_choosing(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *w = &tui_screen_wizard;
	go(t, "traffic_pattern");
	const struct question *q = model_question(&M, t->q);
	int spiky = model_option_index(q, "spiky"), steady = model_option_index(q, "steady");
	t->cursor = steady;
	key(t, w, KEY_UP); /* wraps to the last option */
	assert_int_equal(t->cursor, (int)q->options_count - 1);
	key(t, w, 'j');
	assert_int_equal(t->cursor, 0);
	key(t, w, '1' + spiky);
	assert_int_equal(t->cursor, spiky);
	/* Space answers without moving on; the gauge is stale until scored. */
	tui_ensure_eval(t, false);
	key(t, w, ' ');
	assert_int_equal(t->q, qi("traffic_pattern"));
	assert_int_equal(answers_option(&M, t->a, t->q), spiky);
	assert_true(t->ev_stale);
	tui_ensure_eval(t, false);
	assert_false(t->ev_stale);
	/* Tab skips without answering, Shift-Tab goes back; in the number
	 * field Left moves the cursor, and Esc (nothing typed) goes back. */
	key(t, w, '\t');
	assert_int_equal(t->q, qi("traffic_pattern") + 1);
	assert_false(t->a->values[t->q].present);
	key(t, w, KEY_BTAB);
	assert_int_equal(t->q, qi("traffic_pattern"));
	key(t, w, '\t');
	key(t, w, KEY_LEFT);
	assert_int_equal(t->q, qi("traffic_pattern") + 1);
	assert_int_equal(t->field.pos, t->field.len - 1);
	key(t, w, 27);
	assert_int_equal(t->q, qi("traffic_pattern"));
	/* On options Left goes back too. */
	key(t, w, '\t');
	key(t, w, 27);
	key(t, w, KEY_LEFT);
	assert_int_equal(t->q, qi("traffic_pattern") > 0 ? qi("traffic_pattern") - 1 : 0);
	t->q = qi("traffic_pattern");
	/* The first question has nothing before it. */
	t->q = 0;
	key(t, w, KEY_LEFT);
	assert_int_equal(t->q, 0);
}

static void multiple_choice_toggles(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *w = &tui_screen_wizard;
	go(t, "hardware");
	int gpu = model_option_index(model_question(&M, t->q), "gpu");
	t->cursor = gpu;
	key(t, w, ' ');
	assert_true(answers_selected(&M, t->a, t->q) & ((uint64_t)1 << gpu));
	key(t, w, ' ');
	assert_false(answers_selected(&M, t->a, t->q) & ((uint64_t)1 << gpu));
	/* A click on an option toggles it too. */
	t->click = (struct tui_hit){ .kind = HIT_OPTION, .value = gpu };
	key(t, w, KEY_MOUSE);
	assert_true(answers_selected(&M, t->a, t->q) & ((uint64_t)1 << gpu));
}

static void numbers_are_checked(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *w = &tui_screen_wizard;
	go(t, "requests_per_day");
	size_t q = t->q;
	double before = answers_number(&M, t->a, q);
	/* Letters that cannot be in a number are ignored. */
	keys(t, w, "x-5");
	assert_string_equal(t->field.buf, "-5");
	assert_int_equal(key(t, w, '\n'), ACT_REDRAW);
	assert_int_equal(t->q, q);
	assert_non_null(t->status);
	assert_true(t->status_err);
	assert_non_null(strstr(t->status, "below the minimum 0"));
	assert_true(answers_number(&M, t->a, q) == before);
	key(t, w, KEY_BACKSPACE);
	key(t, w, KEY_BACKSPACE);
	keys(t, w, "2M");
	key(t, w, '\n');
	assert_int_equal(t->q, q + 1);
	assert_true(answers_number(&M, t->a, q) == 2e6);
}

static void text_is_checked_against_the_pattern(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *w = &tui_screen_wizard;
	go(t, "service_name");
	size_t q = t->q;
	assert_true(w->editing(t));
	keys(t, w, "Bad_Name");
	assert_string_equal(t->field.buf, "Bad_Name");
	key(t, w, '\n');
	assert_int_equal(t->q, q);
	assert_true(t->status_err);
	/* Esc cancels the edit (the answer is back), a second Esc leaves the
	 * field: then keys are commands again. */
	key(t, w, 27);
	assert_true(w->editing(t));
	assert_string_equal(t->field.buf, answers_text(&M, t->a, q));
	key(t, w, 27);
	assert_false(w->editing(t));
	/* Typing again goes back into the field and appends. */
	key(t, w, 'x');
	assert_true(w->editing(t));
	assert_int_equal(t->field.buf[t->field.len - 1], 'x');
	key(t, w, 21); /* Ctrl-U */
	assert_string_equal(t->field.buf, "");
	keys(t, w, "shop-q");
	key(t, w, '\n');
	assert_int_equal(t->q, q + 1);
	assert_string_equal(answers_text(&M, t->a, q), "shop-q");
}

static void sections_and_the_end(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *w = &tui_screen_wizard;
	go(t, "traffic_pattern");
	key(t, w, KEY_NPAGE);
	assert_int_equal(t->q, t->sec_first[1]);
	key(t, w, KEY_NPAGE);
	assert_int_equal(t->q, t->sec_first[2]);
	key(t, w, '\t');
	key(t, w, KEY_PPAGE); /* to the start of this section */
	assert_int_equal(t->q, t->sec_first[2]);
	key(t, w, KEY_PPAGE); /* then to the previous one */
	assert_int_equal(t->q, t->sec_first[1]);
	t->click = (struct tui_hit){ .kind = HIT_SECTION, .value = 3 };
	key(t, w, KEY_MOUSE);
	assert_int_equal(t->q, t->sec_first[3]);
	/* Enter on the last question leaves for the review. */
	t->q = M.question_count - 1;
	w->enter(t);
	assert_int_equal(key(t, w, '\n'), ACT_NEXT);
}

static void review_jumps_and_returns(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *r = &tui_screen_review;
	r->enter(t);
	assert_int_equal(key(t, r, '\n'), ACT_NEXT); /* first line: the result */
	key(t, r, KEY_DOWN);
	key(t, r, KEY_DOWN);
	assert_int_equal(key(t, r, '\n'), ACT_WIZARD);
	assert_int_equal(t->q, 1);
	assert_true(t->from_review);
	tui_screen_wizard.enter(t);
	assert_int_equal(key(t, &tui_screen_wizard, '\n'), ACT_REVIEW);
	assert_false(t->from_review);
	/* Back on the review, the edited answer is still selected. */
	r->enter(t);
	assert_int_equal(t->rv_sel, 2);
	assert_int_equal(key(t, r, KEY_LEFT), ACT_BACK);
	t->rv_sel = 0;
	key(t, r, KEY_UP); /* wraps */
	assert_int_equal(t->rv_sel, M.question_count);
}

static void matrix_weights_rerank(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *mx = &tui_tab_matrix;
	mx->enter(t);
	assert_true(t->ev_ok);
	key(t, mx, KEY_DOWN);
	size_t fi = t->ev.rows[1].factor;
	unsigned w0 = answers_weight(&M, t->a, fi);
	double s0[ARCH_COUNT];
	for (int i = 0; i < ARCH_COUNT; i++)
		s0[t->ev.ranking[i].arch] = t->ev.ranking[i].matrix_score;
	int ch = w0 < 5 ? '+' : '-';
	key(t, mx, ch);
	unsigned w1 = answers_weight(&M, t->a, fi);
	assert_int_equal(w1, ch == '+' ? w0 + 1 : w0 - 1);
	assert_false(t->ev_stale);
	assert_int_equal(t->ev.rows[1].weight, w1);
	int changed = 0;
	for (int i = 0; i < ARCH_COUNT; i++)
		changed += fabs(s0[t->ev.ranking[i].arch] - t->ev.ranking[i].matrix_score) > 1e-9;
	assert_true(changed > 0);
	/* r puts the default back; the limits hold. */
	key(t, mx, 'r');
	assert_int_equal(answers_weight(&M, t->a, fi), M.questionnaire->factors[fi].weight);
	for (int i = 0; i < 8; i++)
		key(t, mx, '+');
	assert_int_equal(answers_weight(&M, t->a, fi), 5);
	assert_true(t->status_err);
}

static void cost_what_if(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *c = &tui_tab_cost;
	c->enter(t);
	assert_true(t->ev_ok);
	double rpd0 = t->cin.requests_per_day;
	double usd0 = t->cres.arch[ARCH_SERVERLESS].monthly_usd;
	assert_int_equal(t->cost_sel, 0);
	key(t, c, '\n');
	assert_true(c->editing(t));
	keys(t, c, "50M");
	/* Live: the costs follow what is typed before Enter. */
	assert_true(t->cres.arch[ARCH_SERVERLESS].monthly_usd > usd0);
	assert_true(t->cin.requests_per_day == rpd0);
	key(t, c, '\n');
	assert_false(c->editing(t));
	assert_true(t->cin.requests_per_day == 5e7);
	assert_true(t->cost_custom);
	/* The answers are untouched until `a`, which asks first. */
	assert_true(answers_number(&M, t->a, qi("requests_per_day")) == rpd0);
	assert_int_equal(key(t, c, 'a'), ACT_APPLY);
	assert_true(answers_number(&M, t->a, qi("requests_per_day")) == rpd0);
	char *diff = tui_cost_changes(t, "; ", true);
	assert_non_null(strstr(diff, "Requests/day 50M (yours 100k)"));
	free(diff);
	tui_cost_apply(t);
	assert_true(answers_number(&M, t->a, qi("requests_per_day")) == 5e7);
	assert_true(t->changed[qi("requests_per_day")]);
	assert_false(t->cost_custom);
	/* u undoes the apply. */
	key(t, c, 'u');
	assert_true(answers_number(&M, t->a, qi("requests_per_day")) == rpd0);
	assert_false(t->changed[qi("requests_per_day")]);
	assert_true(t->cin.requests_per_day == rpd0);
	/* Again, for what follows. */
	key(t, c, '\n');
	keys(t, c, "50M");
	key(t, c, '\n');
	tui_cost_apply(t);
	assert_true(answers_number(&M, t->a, qi("requests_per_day")) == 5e7);
	/* Esc drops an edit; + steps requests x10. */
	key(t, c, '\n');
	keys(t, c, "7");
	key(t, c, 27);
	assert_true(t->cin.requests_per_day == 5e7);
	key(t, c, '+');
	assert_true(t->cin.requests_per_day == 5e8);
	key(t, c, 'r');
	assert_true(t->cin.requests_per_day == 5e7);
}

static void export_writes_and_refuses(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	const struct tui_screen *e = &tui_tab_export;
	e->enter(t);
	assert_non_null(strstr(t->dir_field.buf, "archwise-out/"));
	char *dir = xasprintf("%s/out", tmpdir);
	tui_field_set(&t->dir_field, dir);
	key(t, e, 'w');
	assert_false(t->ex_err);
	assert_true(t->exported);
	char *rec = xasprintf("%s/decision-record.md", dir);
	struct stat st;
	assert_int_equal(stat(rec, &st), 0);
	/* Dated today, not "date: unknown" (no date: in the answers). */
	char day[16], want[32], *err = NULL;
	assert_int_equal(util_today(day, sizeof day, &err), 0);
	snprintf(want, sizeof want, "\ndate: %s\n", day);
	FILE *fp = fopen(rec, "r");
	assert_non_null(fp);
	char head[256] = "";
	size_t got = fread(head, 1, sizeof head - 1, fp);
	head[got] = '\0';
	fclose(fp);
	assert_non_null(strstr(head, want));
	/* Again: refused, the overwrite question comes up. */
	key(t, e, 'w');
	assert_int_equal(t->overlay, OVL_OVERWRITE);
	tui_overlay_close(t);
	tui_export_write(t, true);
	assert_false(t->ex_err);
	free(rec);
	free(dir);
}

static enum tui_action imp_keys(struct tui *t, const char *text)
{
	enum tui_action act = ACT_NONE;
	for (const char *p = text; *p; p++)
		act = tui_import_key(t, (unsigned char)*p);
	return act;
}

static void import_traffic_applies_on_y(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	go(t, "traffic_pattern");
	assert_int_equal(key(t, &tui_screen_wizard, 'i'), ACT_TRAFFIC);
	/* Two days, 10 requests an hour of 100 ms: 240/day, steady. */
	char *log = xasprintf("%s/access.log", tmpdir);
	FILE *fp = fopen(log, "w");
	assert_non_null(fp);
	for (int h = 0; h < 48; h++)
		for (int i = 0; i < 10; i++)
			fprintf(fp, "10.0.0.1 - - [%02d/Mar/2026:%02d:%02d:00 +0000] \"GET / HTTP/1.1\" "
				"200 5 \"-\" \"c\" 0.100\n", 2 + h / 24, h % 24, i * 6);
	fclose(fp);
	/* A missing file: one line, the panel stays; Esc closes it. */
	tui_import_open(t, IMP_TRAFFIC, NULL);
	assert_true(tui_import_editing(t));
	imp_keys(t, "/nonexistent/x.log\n");
	assert_int_equal(t->imp_stage, IMP_BUSY);
	tui_import_run(t);
	assert_int_equal(t->imp_stage, IMP_ASK);
	assert_non_null(strstr(t->imp_err, "No such file"));
	tui_import_key(t, 27);
	assert_int_equal(t->imp, IMP_NONE);
	/* The log: n discards, y applies. */
	tui_import_open(t, IMP_TRAFFIC, log);
	tui_import_run(t);
	assert_int_equal(t->imp_stage, IMP_SHOW);
	assert_true(t->imp_sum_ok);
	assert_true(fabs(t->imp_sum.requests_per_day - 240) < 1e-9);
	assert_int_equal(tui_import_key(t, 'n'), ACT_REDRAW);
	assert_int_equal(t->imp, IMP_NONE);
	assert_false(t->a->values[qi("requests_per_day")].present);
	tui_import_open(t, IMP_TRAFFIC, log);
	tui_import_run(t);
	assert_int_equal(tui_import_key(t, 'y'), ACT_WIZARD);
	assert_int_equal(t->imp, IMP_NONE);
	assert_true(answers_number(&M, t->a, qi("requests_per_day")) == 240);
	assert_true(answers_number(&M, t->a, qi("avg_duration_ms")) == 100);
	const struct question *q = model_question(&M, qi("traffic_pattern"));
	assert_int_equal(answers_option(&M, t->a, qi("traffic_pattern")),
			 model_option_index(q, "steady"));
	/* Autosaved. */
	char *path = session_path();
	struct answers back;
	struct diag_list d = {0};
	assert_int_equal(answers_load(&M, path, &back, &d), 0);
	assert_true(answers_number(&M, &back, qi("requests_per_day")) == 240);
	answers_fini(&back);
	diag_list_fini(&d);
	free(path);
	free(log);
}

static void scan_toggles_and_applies(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	go(t, "traffic_pattern");
	assert_int_equal(key(t, &tui_screen_wizard, 's'), ACT_SCAN);
	tui_import_open(t, IMP_SCAN, "tests/fixtures/scan/gpu-training");
	tui_import_run(t);
	assert_int_equal(t->imp_stage, IMP_SHOW);
	assert_true(t->imp_sa.count > 2);
	size_t wt = t->imp_sa.count;
	for (size_t i = 0; i < t->imp_sa.count; i++)
		if (strcmp(t->imp_sa.items[i].question, "workload_type") == 0)
			wt = i;
	assert_true(wt < t->imp_sa.count);
	while (t->imp_sel != wt)
		tui_import_key(t, KEY_DOWN);
	tui_import_key(t, ' ');
	assert_false(t->imp_on[wt]);
	tui_import_key(t, 'y');
	assert_int_equal(t->imp, IMP_NONE);
	const struct question *hw = model_question(&M, qi("hardware"));
	assert_true(answers_selected(&M, t->a, qi("hardware")) &
		    (UINT64_C(1) << model_option_index(hw, "gpu")));
	assert_false(t->a->values[qi("workload_type")].present);
	assert_true(t->a->values[qi("longest_task")].present);
	/* A file is not a folder: one line. */
	tui_import_open(t, IMP_SCAN, "Makefile");
	tui_import_run(t);
	assert_non_null(strstr(t->imp_err, "not a folder"));
}

static void export_finds_the_adr_folder(void **state)
{
	struct fixture *f = *state;
	struct tui *t = &f->t;
	char *cwd = getcwd(NULL, 0);
	char *repo = xasprintf("%s/repo", tmpdir);
	char *cmd = xasprintf("mkdir -p '%s/.git' '%s/doc/adr' '%s/a/b'", repo, repo, repo);
	assert_int_equal(system(cmd), 0);
	char *sub = xasprintf("%s/a/b", repo);
	assert_int_equal(chdir(sub), 0);
	const struct tui_screen *e = &tui_tab_export;
	e->enter(t);
	assert_string_equal(t->adr_field.buf, "../../doc/adr");
	char *out = xasprintf("%s/adr-out", tmpdir);
	tui_field_set(&t->dir_field, out);
	key(t, e, 'w');
	assert_false(t->ex_err);
	assert_non_null(t->ex_adr);
	assert_int_equal(strncmp(t->ex_adr, "../../doc/adr/0001-", 19), 0);
	struct stat st;
	assert_int_equal(stat(t->ex_adr, &st), 0);
	assert_int_equal(chdir(cwd), 0);
	free(cmd);
	free(out);
	free(sub);
	free(repo);
	free(cwd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(enter_accepts_the_default_and_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(moving_and_choosing, setup, teardown),
		cmocka_unit_test_setup_teardown(multiple_choice_toggles, setup, teardown),
		cmocka_unit_test_setup_teardown(numbers_are_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(text_is_checked_against_the_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(sections_and_the_end, setup, teardown),
		cmocka_unit_test_setup_teardown(review_jumps_and_returns, setup, teardown),
		cmocka_unit_test_setup_teardown(matrix_weights_rerank, setup, teardown),
		cmocka_unit_test_setup_teardown(cost_what_if, setup, teardown),
		cmocka_unit_test_setup_teardown(export_writes_and_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(import_traffic_applies_on_y, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_toggles_and_applies, setup, teardown),
		cmocka_unit_test_setup_teardown(export_finds_the_adr_folder, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
