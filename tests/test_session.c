/* test_session.c: the autosave path (XDG_STATE_HOME, HOME, neither) and
 * the saved file: created with its folders, private, a valid answers file
 * that reads back to the same answers, replaced atomically. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "answers.h"
#include "load.h"
#include "session.h"
#include "util.h"

static struct model M;
static char tmpdir[] = "/tmp/archwise-test-session-XXXXXX";

static int setup(void **state)
{
	struct diag_list d = {0};
	struct load_sources src = {0};
	if (load_model(&src, &M, &d) != 0) {
		diag_print(&d, stderr);
		return -1;
	}
	diag_list_fini(&d);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	model_free(&M);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void path_from_environment(void **state)
{
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/h", 1);
	char *p = session_path();
	assert_string_equal(p, "/x/state/archwise/session.yaml");
	free(p);
	/* A relative XDG_STATE_HOME is invalid per the spec: HOME applies. */
	setenv("XDG_STATE_HOME", "rel/state", 1);
	p = session_path();
	assert_string_equal(p, "/h/.local/state/archwise/session.yaml");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = session_path();
	assert_string_equal(p, "/h/.local/state/archwise/session.yaml");
	free(p);
	unsetenv("HOME");
	assert_null(session_path());
	char *err = NULL;
	struct answers a;
	assert_int_equal(answers_init(&a, &M), 0);
	assert_int_equal(session_save(&M, &a, &err), -1);
	assert_non_null(err);
	free(err);
	answers_fini(&a);
}

static void save_and_read_back(void **state)
{
	char *state_dir = xasprintf("%s/deep/state", tmpdir);
	setenv("XDG_STATE_HOME", state_dir, 1);
	struct answers a, back;
	assert_int_equal(answers_init(&a, &M), 0);
	int q = model_question_index(&M, "traffic_pattern");
	int n = model_question_index(&M, "requests_per_day");
	assert_true(q >= 0 && n >= 0);
	int spiky = model_option_index(model_question(&M, (size_t)q), "spiky");
	assert_int_equal(answers_set_option(&M, &a, (size_t)q, spiky), 0);
	char *err = NULL;
	assert_int_equal(answers_set_number(&M, &a, (size_t)n, 777777, &err), 0);
	a.weights[0] = 5;

	assert_int_equal(session_save(&M, &a, &err), 0);
	char *path = session_path();
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);   /* private, whatever the umask allows */
	char *dir = xasprintf("%s/archwise", state_dir);
	struct stat dst;
	assert_int_equal(stat(dir, &dst), 0);
	assert_int_equal(dst.st_mode & 0777, 0700);

	struct diag_list d = {0};
	assert_int_equal(answers_load(&M, path, &back, &d), 0);
	assert_int_equal(answers_option(&M, &back, (size_t)q), spiky);
	assert_true(answers_number(&M, &back, (size_t)n) == 777777);
	assert_int_equal(answers_weight(&M, &back, 0), 5);
	answers_fini(&back);

	/* Saving again replaces the file whole (no leftover temporary files). */
	assert_int_equal(answers_set_number(&M, &a, (size_t)n, 42, &err), 0);
	assert_int_equal(session_save(&M, &a, &err), 0);
	assert_int_equal(answers_load(&M, path, &back, &d), 0);
	assert_true(answers_number(&M, &back, (size_t)n) == 42);
	answers_fini(&back);
	char *ls = xasprintf("test $(ls -A '%s' | wc -l) -eq 1", dir);
	assert_int_equal(system(ls), 0);
	free(ls);

	diag_list_fini(&d);
	answers_fini(&a);
	free(dir);
	free(path);
	free(state_dir);
}

static void unwritable_folder_is_an_error(void **state)
{
	char *ro = xasprintf("%s/ro", tmpdir);
	assert_int_equal(mkdir(ro, 0500), 0);
	setenv("XDG_STATE_HOME", ro, 1);
	struct answers a;
	assert_int_equal(answers_init(&a, &M), 0);
	char *err = NULL;
	/* root writes anywhere: it saves as nobody (effective uid only, so it
	 * comes back), which may not write there. */
	uid_t uid = geteuid();
	if (uid == 0)
		assert_int_equal(seteuid(65534), 0);
	int rc = session_save(&M, &a, &err);
	if (uid == 0)
		assert_int_equal(seteuid(0), 0);
	assert_int_equal(rc, -1);
	assert_non_null(err);
	assert_non_null(strstr(err, ro));
	free(err);
	answers_fini(&a);
	free(ro);
}

static void a_file_in_the_way_is_an_error(void **state)
{
	/* XDG_STATE_HOME/archwise is a file: the folder cannot be made. */
	char *base = xasprintf("%s/blocked", tmpdir);
	assert_int_equal(mkdir(base, 0700), 0);
	char *file = xasprintf("%s/archwise", base);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	setenv("XDG_STATE_HOME", base, 1);
	struct answers a;
	assert_int_equal(answers_init(&a, &M), 0);
	char *err = NULL;
	assert_int_equal(session_save(&M, &a, &err), -1);
	assert_non_null(err);
	free(err);
	answers_fini(&a);
	free(file);
	free(base);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char buf[64] = {0};
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	return xstrndup(buf, n);
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A fresh start moves the session to .1, .1 to .2 ..., dropping the oldest
 * beyond SESSION_BACKUPS; nothing to move is not an error. */
static void rotate_keeps_backups(void **state)
{
	char *base = xasprintf("%s/rotate", tmpdir);
	setenv("XDG_STATE_HOME", base, 1);
	char *err = NULL;
	assert_null(session_rotate(&err));
	assert_null(err);
	char *dir = xasprintf("%s/archwise", base);
	assert_int_equal(mkdir(base, 0700), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *path = session_path();
	for (unsigned i = 1; i <= SESSION_BACKUPS + 1; i++) {
		char text[16];
		snprintf(text, sizeof text, "run %u", i);
		put_file(path, text);
		char *b = session_rotate(&err);
		assert_null(err);
		assert_non_null(b);
		char *one = session_backup_path(path, 1);
		assert_string_equal(b, one);
		free(one);
		free(b);
		assert_int_not_equal(access(path, F_OK), 0);
	}
	/* Newest in .1 ("run 6"), oldest kept in .5 ("run 2"); "run 1" gone. */
	for (unsigned n = 1; n <= SESSION_BACKUPS; n++) {
		char *b = session_backup_path(path, n);
		char *text = slurp(b);
		char want[16];
		snprintf(want, sizeof want, "run %u", SESSION_BACKUPS + 2 - n);
		assert_non_null(text);
		assert_string_equal(text, want);
		free(text);
		free(b);
	}
	char *extra = session_backup_path(path, SESSION_BACKUPS + 1);
	assert_int_not_equal(access(extra, F_OK), 0);
	free(extra);
	free(path);
	free(dir);
	free(base);
}

/* The session is checked before it is read: a symlink (autosave would
 * refuse to write through it) is refused at read too; a folder anyone can
 * write into gets a warning. */
static void session_read_checks(void **state)
{
	(void)state;
	char *dir = xasprintf("%s/checks", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *real = xasprintf("%s/elsewhere.yaml", dir);
	char *link = xasprintf("%s/session.yaml", dir);
	FILE *fp = fopen(real, "w");
	assert_non_null(fp);
	fputs("answers: {}\n", fp);
	fclose(fp);
	char *err = NULL;
	assert_int_equal(session_check(real, &err), 0);
	assert_null(err);
	assert_int_equal(symlink(real, link), 0);
	assert_int_equal(session_check(link, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	assert_null(session_folder_warning(real));
	assert_int_equal(chmod(dir, 0777), 0);
	char *w = session_folder_warning(real);
	assert_non_null(w);
	assert_non_null(strstr(w, "writable by everyone"));
	free(w);
	free(real);
	free(link);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_from_environment),
		cmocka_unit_test(rotate_keeps_backups),
		cmocka_unit_test(save_and_read_back),
		cmocka_unit_test(session_read_checks),
		cmocka_unit_test(unwritable_folder_is_an_error),
		cmocka_unit_test(a_file_in_the_way_is_an_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
