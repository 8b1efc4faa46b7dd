/* test_output.c: atomic single-file writes and bundle writes: no clobber,
 * no symlink followed, nothing left behind after a refusal or a failure
 * (existing files, symlinks, unsafe paths, a read-only folder, a full disk). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sys/file.h>
#include "output.h"
#include "sha256.h"
#include "util.h"

/* The fsync seam: while fail_folder_sync is set, syncing a folder fails
 * with that errno (a disk error after the rename); files sync for real. */
static int fail_folder_sync;

int fsync(int fd)
{
	struct stat st;
	if (fail_folder_sync && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = fail_folder_sync;
		return -1;
	}
	return (int)syscall(SYS_fsync, fd);
}

/* The rename seam: when fail_rename_in is N > 0, the Nth rename from now
 * fails with EIO (a swap that cannot finish); later ones work (the rollback). */
static int fail_rename_in;

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	if (fail_rename_in > 0 && --fail_rename_in == 0) {
		errno = EIO;
		return -1;
	}
	return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, 0);
}

struct fixture {
	char root[64];
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	strcpy(f->root, "/tmp/archwise-test-output-XXXXXX");
	if (!mkdtemp(f->root))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("umount %s/mnt 2>/dev/null; chmod -R u+w %s; rm -rf %s", f->root,
			      f->root, f->root);
	int rc = system(cmd);
	(void)rc;
	free(cmd);
	free(f);
	return 0;
}

static char *path_in(const struct fixture *f, const char *rel)
{
	return xasprintf("%s/%s", f->root, rel);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(fp);
	return sb_take(&sb);
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Entries in a folder tree (files and folders, recursively), "." and ".." not counted. */
static size_t count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		char *sub = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			n += count_entries(sub);
		free(sub);
	}
	closedir(d);
	return n;
}

static bool has_temp_files(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strstr(e->d_name, ".tmp"))
			found = true;
	closedir(d);
	return found;
}

static void sample_bundle(struct out_bundle *b)
{
	memset(b, 0, sizeof(*b));
	out_bundle_add_str(b, "README.md", "# hello\n");
	out_bundle_add_str(b, "kubernetes/deployment.yaml", "kind: Deployment\n");
	out_bundle_add_str(b, "kubernetes/service.yaml", "kind: Service\n");
	out_bundle_add_str(b, "serverless/src/main/Handler.java", "class Handler {}\n");
}

static void test_bundle_basics(void **state)
{
	(void)state;
	struct out_bundle b;
	sample_bundle(&b);
	assert_int_equal(b.count, 4);
	const struct out_file *f = out_bundle_find(&b, "kubernetes/service.yaml");
	assert_non_null(f);
	assert_int_equal(f->len, strlen("kind: Service\n"));
	assert_memory_equal(f->data, "kind: Service\n", f->len);
	assert_null(out_bundle_find(&b, "kubernetes/nothing.yaml"));
	out_bundle_fini(&b);
	assert_int_equal(b.count, 0);
}

static void test_atomic_new_and_existing(void **state)
{
	struct fixture *f = *state;
	char *p = path_in(f, "a.txt");
	char *err = NULL;
	assert_int_equal(out_write_atomic(p, "one\n", 4, false, &err), 0);
	char *got = slurp(p);
	assert_string_equal(got, "one\n");
	free(got);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0700, 0600);

	/* Exists: refused without force, content unchanged. */
	assert_int_equal(out_write_atomic(p, "two\n", 4, false, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, p));
	assert_non_null(strstr(err, "exists"));
	free(err);
	err = NULL;
	got = slurp(p);
	assert_string_equal(got, "one\n");
	free(got);

	/* With force: replaced. */
	assert_int_equal(out_write_atomic(p, "three\n", 6, true, &err), 0);
	got = slurp(p);
	assert_string_equal(got, "three\n");
	free(got);
	assert_false(has_temp_files(f->root));
	assert_int_equal(count_entries(f->root), 1);
	free(p);
}

static void test_atomic_refuses_symlink(void **state)
{
	struct fixture *f = *state;
	char *victim = path_in(f, "victim.txt");
	char *link = path_in(f, "link.txt");
	put(victim, "precious\n");
	assert_int_equal(symlink(victim, link), 0);
	char *err = NULL;
	/* Even with force: a symlink is never written through or replaced. */
	assert_int_equal(out_write_atomic(link, "evil\n", 5, true, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	char *got = slurp(victim);
	assert_string_equal(got, "precious\n");
	free(got);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* A dangling symlink too (it would create the file it points to). */
	char *dangling = path_in(f, "dangling.txt");
	char *nowhere = path_in(f, "created-through-link.txt");
	assert_int_equal(symlink(nowhere, dangling), 0);
	err = NULL;
	assert_int_equal(out_write_atomic(dangling, "evil\n", 5, false, &err), -1);
	free(err);
	assert_int_equal(access(nowhere, F_OK), -1);
	assert_false(has_temp_files(f->root));
	free(victim);
	free(link);
	free(dangling);
	free(nowhere);
}

static void test_bundle_writes_all(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "out/svc");
	struct out_bundle b;
	sample_bundle(&b);
	char *err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, false, &err), 0);
	assert_null(err);
	for (size_t i = 0; i < b.count; i++) {
		char *p = xasprintf("%s/%s", dir, b.files[i].path);
		char *got = slurp(p);
		assert_non_null(got);
		assert_string_equal(got, b.files[i].data);
		free(got);
		free(p);
	}
	/* out, out/svc, README.md, kubernetes/ + 2, serverless/src/main/ + 1 */
	assert_int_equal(count_entries(f->root), 1 + 1 + 1 + 3 + 4);

	/* Again without force: refused (1), nothing changed. */
	char *readme = xasprintf("%s/README.md", dir);
	put(readme, "edited by hand\n");
	free(b.files[0].data);
	b.files[0].data = xstrdup("# new\n");
	b.files[0].len = 6;
	assert_int_equal(out_write_bundle(dir, &b, false, &err), 1);
	assert_non_null(strstr(err, "README.md"));
	free(err);
	err = NULL;
	char *got = slurp(readme);
	assert_string_equal(got, "edited by hand\n");
	free(got);

	/* With force: overwritten. */
	assert_int_equal(out_write_bundle(dir, &b, true, &err), 0);
	got = slurp(readme);
	assert_string_equal(got, "# new\n");
	free(got);
	assert_int_equal(count_entries(f->root), 10);
	free(readme);
	free(dir);
	out_bundle_fini(&b);
}

static void test_bundle_existing_one_file_writes_nothing(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "svc");
	char *kdir = path_in(f, "svc/kubernetes");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(kdir, 0755), 0);
	char *svc = path_in(f, "svc/kubernetes/service.yaml");
	put(svc, "mine\n");
	struct out_bundle b;
	sample_bundle(&b);
	char *err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, false, &err), 1);
	free(err);
	/* Only what was there before: svc, kubernetes, service.yaml. */
	assert_int_equal(count_entries(f->root), 3);
	char *got = slurp(svc);
	assert_string_equal(got, "mine\n");
	free(got);
	out_bundle_fini(&b);
	free(dir);
	free(kdir);
	free(svc);
}

static void test_bundle_refuses_symlinked_folder(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "svc");
	char *elsewhere = path_in(f, "elsewhere");
	char *klink = path_in(f, "svc/kubernetes");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(elsewhere, 0755), 0);
	assert_int_equal(symlink(elsewhere, klink), 0);
	struct out_bundle b;
	sample_bundle(&b);
	char *err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, true, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	assert_int_equal(count_entries(elsewhere), 0);
	/* svc, elsewhere, the link: nothing else. */
	assert_int_equal(count_entries(f->root), 3);

	/* The bundle folder itself a symlink: refused too. */
	char *dirlink = path_in(f, "svc-link");
	assert_int_equal(symlink(elsewhere, dirlink), 0);
	err = NULL;
	assert_int_equal(out_write_bundle(dirlink, &b, true, &err), -1);
	free(err);
	assert_int_equal(count_entries(elsewhere), 0);

	/* A symlink planted at a file target. */
	char *victim = path_in(f, "victim");
	put(victim, "precious\n");
	assert_int_equal(unlink(klink), 0);
	assert_int_equal(mkdir(klink, 0755), 0);
	char *target = path_in(f, "svc/kubernetes/service.yaml");
	assert_int_equal(symlink(victim, target), 0);
	err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, true, &err), -1);
	assert_non_null(strstr(err, "service.yaml"));
	free(err);
	char *got = slurp(victim);
	assert_string_equal(got, "precious\n");
	free(got);
	assert_int_equal(count_entries(klink), 1);
	out_bundle_fini(&b);
	free(dir);
	free(elsewhere);
	free(klink);
	free(dirlink);
	free(victim);
	free(target);
}

static void test_bundle_unsafe_paths(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {"../escape", "/etc/passwd", "a//b", "a/./b", "", "a/"};
	char *dir = path_in(f, "svc");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct out_bundle b = {0};
		out_bundle_add_str(&b, "ok.txt", "ok\n");
		out_bundle_add_str(&b, bad[i], "bad\n");
		char *err = NULL;
		assert_int_equal(out_write_bundle(dir, &b, true, &err), -1);
		assert_non_null(err);
		free(err);
		out_bundle_fini(&b);
		assert_int_equal(count_entries(f->root), 0);
	}
	/* The same path twice. */
	struct out_bundle b = {0};
	out_bundle_add_str(&b, "x.txt", "1\n");
	out_bundle_add_str(&b, "x.txt", "2\n");
	char *err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, true, &err), -1);
	free(err);
	out_bundle_fini(&b);
	assert_int_equal(count_entries(f->root), 0);
	free(dir);
}

/* Mounts a tmpfs at ROOT/mnt with opts; false when not permitted. */
static bool mount_tmpfs(const struct fixture *f, const char *opts)
{
	char *mnt = path_in(f, "mnt");
	mkdir(mnt, 0755);
	char *cmd = xasprintf("mount -t tmpfs -o %s tmpfs %s 2>/dev/null", opts, mnt);
	int rc = system(cmd);
	free(cmd);
	free(mnt);
	return rc == 0;
}

/* A disk that fills mid-bundle: a 64 KiB tmpfs where mounting is allowed
 * (root), else a 64 KiB file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored): the
 * same short write, EFBIG instead of ENOSPC. */
static void test_bundle_full_disk_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	bool tmpfs = mount_tmpfs(f, "size=64k");
	if (!tmpfs) {
		char *mnt = path_in(f, "mnt");
		struct stat st;
		assert_true(stat(mnt, &st) == 0 && S_ISDIR(st.st_mode));
		free(mnt);
	}
	char *dir = path_in(f, "mnt/svc");
	struct out_bundle b;
	sample_bundle(&b);
	size_t big = 256 * 1024;
	char *data = xmalloc(big);
	memset(data, 'x', big);
	out_bundle_add(&b, "kubernetes/zz-big.yaml", data, big);
	char *err = NULL;
	struct rlimit old_limit, limit;
	void (*old_handler)(int) = SIG_DFL;
	if (!tmpfs) {
		assert_int_equal(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
		limit = old_limit;
		limit.rlim_cur = 64 * 1024;
		old_handler = signal(SIGXFSZ, SIG_IGN);
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
	}
	int rc = out_write_bundle(dir, &b, false, &err);
	if (!tmpfs) {
		assert_int_equal(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
		signal(SIGXFSZ, old_handler);
	}
	assert_int_equal(rc, -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "zz-big.yaml"));
	free(err);
	char *mnt = path_in(f, "mnt");
	assert_int_equal(count_entries(mnt), 0);
	free(mnt);
	out_bundle_fini(&b);
	free(dir);
}

static void test_bundle_read_only_folder(void **state)
{
	struct fixture *f = *state;
	char *mnt = path_in(f, "mnt");
	/* A read-only mount where mounting is allowed (root); else a folder
	 * without write permission, written by root as nobody (effective uid
	 * only, so it comes back). */
	bool as_nobody = false;
	if (geteuid() != 0 || !mount_tmpfs(f, "ro,size=64k")) {
		if (geteuid() == 0) {
			as_nobody = true;
			assert_int_equal(chmod(f->root, 0755), 0);
		}
		rmdir(mnt);
		assert_int_equal(mkdir(mnt, 0555), 0);
	}
	char *dir = path_in(f, "mnt/svc");
	struct out_bundle b;
	sample_bundle(&b);
	char *err = NULL;
	if (as_nobody)
		assert_int_equal(seteuid(65534), 0);
	int rc = out_write_bundle(dir, &b, false, &err);
	if (as_nobody)
		assert_int_equal(seteuid(0), 0);
	assert_int_equal(rc, -1);
	assert_non_null(err);
	free(err);
	assert_int_equal(count_entries(mnt), 0);
	/* A read-only bundle folder that exists: temporaries cannot be made. */
	char *err2 = NULL;
	char *p = xasprintf("%s/file.txt", mnt);
	if (as_nobody)
		assert_int_equal(seteuid(65534), 0);
	rc = out_write_atomic(p, "x", 1, false, &err2);
	if (as_nobody)
		assert_int_equal(seteuid(0), 0);
	assert_int_equal(rc, -1);
	assert_non_null(err2);
	free(err2);
	free(p);
	out_bundle_fini(&b);
	free(dir);
	free(mnt);
}

/* A file where a folder should be, as the bundle's folder or inside it:
 * refused by name, nothing written. */
static void test_bundle_file_in_place_of_folder(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "svc");
	put(dir, "a file\n");
	struct out_bundle b;
	sample_bundle(&b);
	char *err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, false, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "svc: exists and is not a folder"));
	free(err);
	err = NULL;
	unlink(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	char *k8s = path_in(f, "svc/kubernetes");
	put(k8s, "a file\n");
	assert_int_equal(out_write_bundle(dir, &b, true, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "svc/kubernetes: exists and is not a folder"));
	free(err);
	assert_int_equal(count_entries(dir), 1);
	free(k8s);
	out_bundle_fini(&b);
	free(dir);
}

/* A folder that cannot be synced after the rename: the write is reported
 * as failed (exit 1 for the caller), a bundle takes back what it created;
 * a file system that cannot sync folders at all (EINVAL) is not an error. */
static void test_folder_sync_failure_reported(void **state)
{
	struct fixture *f = *state;
	char *p = path_in(f, "one.txt");
	char *err = NULL;
	fail_folder_sync = EIO;
	int rc = out_write_atomic(p, "x", 1, false, &err);
	fail_folder_sync = 0;
	assert_int_equal(rc, -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "one.txt"));
	assert_non_null(strstr(err, "sync"));
	free(err);
	err = NULL;

	char *dir = path_in(f, "svc");
	struct out_bundle b;
	sample_bundle(&b);
	fail_folder_sync = EIO;
	rc = out_write_bundle(dir, &b, false, &err);
	fail_folder_sync = 0;
	assert_int_equal(rc, -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "sync"));
	free(err);
	err = NULL;
	struct stat st;
	assert_int_equal(lstat(dir, &st), -1);

	fail_folder_sync = EINVAL;
	rc = out_write_bundle(dir, &b, false, &err);
	int rc2 = out_write_atomic(p, "y", 1, true, &err);
	fail_folder_sync = 0;
	assert_int_equal(rc, 0);
	assert_int_equal(rc2, 0);
	assert_null(err);
	char *readme = path_in(f, "svc/README.md");
	char *got = slurp(readme);
	assert_string_equal(got, "# hello\n");
	free(got);
	free(readme);
	out_bundle_fini(&b);
	free(dir);
	free(p);
}

/* Files whose name says they are a temporary or a backup, anywhere below dir. */
static bool has_leftovers(const char *dir)
{
	char *cmd = xasprintf("find %s -name '.*.tmp' -o -name '.*.old' | grep -q .", dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0;
}

static void set_data(struct out_bundle *b, size_t i, const char *text)
{
	free(b->files[i].data);
	b->files[i].data = xstrdup(text);
	b->files[i].len = strlen(text);
}

/* A swap that fails part way (the third rename): every file already
 * replaced is put back, the error says nothing was changed. */
static void test_bundle_failed_swap_rolls_back(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "svc");
	struct out_bundle b;
	sample_bundle(&b);
	char *err = NULL;
	assert_int_equal(out_write_bundle(dir, &b, false, &err), 0);
	for (size_t i = 0; i < b.count; i++)
		set_data(&b, i, "new version\n");
	fail_rename_in = 3;
	int rc = out_write_bundle(dir, &b, true, &err);
	fail_rename_in = 0;
	assert_int_equal(rc, -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "nothing was changed"));
	free(err);
	struct out_bundle orig;
	sample_bundle(&orig);
	for (size_t i = 0; i < orig.count; i++) {
		char *p = xasprintf("%s/%s", dir, orig.files[i].path);
		char *got = slurp(p);
		assert_string_equal(got, orig.files[i].data);
		free(got);
		free(p);
	}
	assert_false(has_leftovers(dir));
	out_bundle_fini(&orig);
	out_bundle_fini(&b);
	free(dir);
}

/* Another writer holds the folder's lock: refused with a clear message
 * once the wait is over, nothing written. */
static void test_bundle_lock_held(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "svc");
	assert_int_equal(mkdir(dir, 0755), 0);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	struct out_bundle b;
	sample_bundle(&b);
	struct out_bundle_options o = {.force = true, .lock_wait_ms = 100};
	char *err = NULL;
	assert_int_equal(out_write_bundle_with(dir, &b, &o, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "another archwise export is writing into this folder"));
	free(err);
	assert_int_equal(count_entries(dir), 0);
	close(fd);   /* released: now it goes through */
	err = NULL;
	assert_int_equal(out_write_bundle_with(dir, &b, &o, &err), 0);
	out_bundle_fini(&b);
	free(dir);
}

static void collect_note(void *ctx, const char *line)
{
	struct strbuf *sb = ctx;
	sb_append(sb, line);
	sb_append(sb, "\n");
}

/* The manifest: written with the bundle; a forced narrower write removes
 * the unchanged stale files, keeps and names changed and added ones. */
static void test_bundle_manifest_stale_files(void **state)
{
	struct fixture *f = *state;
	char *dir = path_in(f, "svc");
	struct out_bundle b;
	sample_bundle(&b);
	struct strbuf notes = {0};
	struct out_bundle_options o = {
		.force = true, .manifest = ".manifest", .lock_wait_ms = 100,
		.note = collect_note, .note_ctx = &notes,
	};
	char *err = NULL;
	assert_int_equal(out_write_bundle_with(dir, &b, &o, &err), 0);
	char *mpath = path_in(f, "svc/.manifest");
	char *m = slurp(mpath);
	char hex[65];
	sha256_hex("kind: Service\n", 14, hex);
	char *line = xasprintf("%s  kubernetes/service.yaml\n", hex);
	assert_non_null(strstr(m, line));
	free(line);
	free(m);
	char *svc = path_in(f, "svc/kubernetes/service.yaml");
	put(svc, "kind: Service # mine\n");
	char *extra = path_in(f, "svc/serverless/src/main/Extra.java");
	put(extra, "class Extra {}\n");
	struct out_bundle small = {0};
	out_bundle_add_str(&small, "README.md", "# hello again\n");
	assert_int_equal(out_write_bundle_with(dir, &small, &o, &err), 0);
	struct stat st;
	char *dep = path_in(f, "svc/kubernetes/deployment.yaml");
	char *handler = path_in(f, "svc/serverless/src/main/Handler.java");
	assert_int_equal(lstat(dep, &st), -1);
	assert_int_equal(lstat(handler, &st), -1);
	assert_int_equal(lstat(svc, &st), 0);
	assert_int_equal(lstat(extra, &st), 0);
	assert_non_null(strstr(notes.data, "kubernetes/service.yaml: no longer generated, but changed"));
	assert_non_null(strstr(notes.data, "serverless/src/main/Extra.java: not written by archwise"));
	m = slurp(mpath);
	assert_null(strstr(m, "kubernetes"));
	free(m);
	assert_false(has_leftovers(dir));
	sb_fini(&notes);
	free(dep);
	free(handler);
	free(svc);
	free(extra);
	free(mpath);
	out_bundle_fini(&small);
	out_bundle_fini(&b);
	free(dir);
}

/* An untrusted manifest: only "SHA256  SAFE/RELATIVE/PATH" lines count. */
static void test_manifest_parse_hostile(void **state)
{
	(void)state;
#define H "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	static const char text[] =
		H "  ok/file.yaml\n" H "  ../up\n" H "  /abs\n" H "  a/./b\n" H "  a//b\n"
		"E3B0  short\n" H "  with\\backslash\n" H "  nul\0cut\n" H "  esc\x1b[2J\n"
		H " one-space\n\n" H "  trailing/\n" H "  last-no-newline";
	const char *h = H;
#undef H
	size_t len = sizeof(text) - 1;
	struct out_manifest_entry *e;
	size_t n;
	int dropped = out_manifest_parse(text, len, &e, &n);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].path, "ok/file.yaml");
	assert_string_equal(e[0].sha256, h);
	assert_string_equal(e[1].path, "last-no-newline");
	assert_int_equal(dropped, 10);
	out_manifest_free(e, n);
}

/* FIPS 180-4's examples. */
static void test_sha256_vectors(void **state)
{
	(void)state;
	char hex[65];
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	struct sha256 s;
	sha256_init(&s);
	char a[1000];
	memset(a, 'a', sizeof(a));
	for (int i = 0; i < 1000; i++)
		sha256_update(&s, a, sizeof(a));
	sha256_final(&s, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundle_basics),
		cmocka_unit_test_setup_teardown(test_atomic_new_and_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_refuses_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_writes_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_existing_one_file_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_refuses_symlinked_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_unsafe_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_full_disk_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_read_only_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_file_in_place_of_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_sync_failure_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_failed_swap_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_lock_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bundle_manifest_stale_files, setup, teardown),
		cmocka_unit_test(test_manifest_parse_hostile),
		cmocka_unit_test(test_sha256_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
