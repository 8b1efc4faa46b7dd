/* output.c: atomic, no-clobber, symlink-safe writes of single files and of
 * whole bundles. Every write goes through a temporary file in the target's
 * own folder (so rename stays on one file system), fsync'd before it is
 * linked or renamed into place; folders are walked with openat(O_NOFOLLOW)
 * so a planted symlink is never followed. */
#define _GNU_SOURCE   /* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include "output.h"
#include "util.h"

int out_bundle_add(struct out_bundle *b, const char *path, char *data, size_t len)
{
	if (b->count == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->files = xrealloc(b->files, b->cap * sizeof(*b->files));
	}
	struct out_file *f = &b->files[b->count++];
	f->path = xstrdup(path);
	f->data = data;
	f->len = len;
	return 0;
}

int out_bundle_add_str(struct out_bundle *b, const char *path, const char *text)
{
	size_t len = strlen(text);
	return out_bundle_add(b, path, xstrndup(text, len), len);
}

const struct out_file *out_bundle_find(const struct out_bundle *b, const char *path)
{
	for (size_t i = 0; i < b->count; i++)
		if (strcmp(b->files[i].path, path) == 0)
			return &b->files[i];
	return NULL;
}

void out_bundle_fini(struct out_bundle *b)
{
	for (size_t i = 0; i < b->count; i++) {
		free(b->files[i].path);
		free(b->files[i].data);
	}
	free(b->files);
	memset(b, 0, sizeof(*b));
}

static void set_err(char **err, const char *path, const char *what, int e)
{
	if (!err)
		return;
	free(*err);
	if (e)
		*err = xasprintf("%s: %s: %s", path, what, strerror(e));
	else
		*err = xasprintf("%s: %s", path, what);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A temporary file being written: open, and either anonymous (O_TMPFILE:
 * nothing is visible until it is linked, so even SIGKILL leaves no stray
 * file) or named ".NAME.XXXXXX.tmp" where O_TMPFILE is unsupported. */
struct temp {
	int fd;
	char *name;   /* NULL when anonymous */
};

/* A fresh ".NAME.XXXXXX.tmp"; the suffix mixes the clock, the pid and the
 * attempt number (retried on EEXIST by the callers). */
static char *temp_name(const char *name, unsigned attempt)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	unsigned long r = ((unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16)) +
			  attempt * 2654435761UL;
	return xasprintf(".%s.%06lx.tmp", name, r & 0xffffffUL);
}

static int temp_create(int dirfd, const char *name, struct temp *t)
{
	t->name = NULL;
#ifdef O_TMPFILE
	/* Only where /proc lets us link it later (AT_EMPTY_PATH needs a
	 * capability an ordinary user lacks). */
	if (access("/proc/self/fd", X_OK) == 0) {
		t->fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
		if (t->fd >= 0)
			return 0;
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			return -1;
	}
#endif
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		char *n = temp_name(name, attempt);
		t->fd = openat(dirfd, n, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (t->fd >= 0) {
			t->name = n;
			return 0;
		}
		int e = errno;
		free(n);
		if (e != EEXIST) {
			errno = e;
			return -1;
		}
	}
	errno = EEXIST;
	return -1;
}

/* Closes the temporary and removes its name, if it still has one. */
static void temp_discard(int dirfd, struct temp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->name)
		unlinkat(dirfd, t->name, 0);
	free(t->name);
	t->fd = -1;
	t->name = NULL;
}

/* Writes data to a new temporary beside name, left open and not yet
 * synced (the caller syncs, alone or as a batch). */
static int temp_write(int dirfd, const char *name, const char *shown, const char *data,
		      size_t len, struct temp *t, char **err)
{
	if (temp_create(dirfd, name, t) < 0) {
		t->fd = -1;
		set_err(err, shown, "cannot create a temporary file", errno);
		return -1;
	}
	if (write_all(t->fd, data, len) < 0) {
		int e = errno;
		temp_discard(dirfd, t);
		set_err(err, shown, "cannot write", e);
		return -1;
	}
	return 0;
}

/* Makes one file of a batch durable. On Linux, as git's
 * core.fsyncMethod=batch does: start the write-out of each file
 * (sync_file_range, no wait) and fsync only the last one; its journal
 * commit waits for every file's data (ordered mode) and carries every
 * file's metadata: one flush instead of one per file. Elsewhere every
 * file is fsync'd. */
static int batch_sync(int fd, bool last)
{
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
	if (!last)
		return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	return fsync(fd);
#else
	(void)last;
	return fsync(fd);
#endif
}

/* What is at name in dirfd (AT_FDCWD: a path), without following a
 * symlink: 0 nothing, 1 an entry of the kind asked (S_IFREG or S_IFDIR),
 * -1 something we must not write through or replace (err set). */
static int entry_state(int dirfd, const char *name, const char *shown, mode_t kind, char **err)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		set_err(err, shown, "cannot inspect", errno);
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		set_err(err, shown, "is a symbolic link; refusing to write through it", 0);
		return -1;
	}
	if ((st.st_mode & S_IFMT) != kind) {
		set_err(err, shown, kind == S_IFDIR ? "exists and is not a folder"
						    : "exists and is not a regular file", 0);
		return -1;
	}
	return 1;
}

/* entry_state for a file about to be written. */
static int target_state(int dirfd, const char *name, const char *shown, char **err)
{
	return entry_state(dirfd, name, shown, S_IFREG, err);
}

/* Gives an anonymous temporary the name `name` in dirfd (fails with EEXIST
 * when taken). AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; /proc works for
 * everyone else. */
static int link_anonymous(int fd, int dirfd, const char *name)
{
#ifdef AT_EMPTY_PATH
	if (linkat(fd, "", dirfd, name, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno != ENOENT && errno != EPERM)
		return -1;
#endif
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
}

/* Moves the temporary into place: a link, which fails atomically if
 * something appeared meanwhile; with force, a taken name is replaced by a
 * rename (replaces the name, never writes through a symlink; an anonymous
 * temporary gets a name just before). Discards the temporary either way. */
static int temp_commit(int dirfd, struct temp *t, const char *name, const char *shown,
		       bool force, char **err)
{
	int rc;
	rc = t->name ? linkat(dirfd, t->name, dirfd, name, 0) : link_anonymous(t->fd, dirfd, name);
	if (rc < 0 && errno == EEXIST && force) {
		for (unsigned attempt = 0; !t->name && attempt < 100; attempt++) {
			char *n = temp_name(name, attempt);
			if (link_anonymous(t->fd, dirfd, n) == 0)
				t->name = n;
			else
				free(n);
			if (!t->name && errno != EEXIST)
				break;
		}
		rc = t->name ? renameat(dirfd, t->name, dirfd, name) : -1;
		if (rc == 0) {
			free(t->name);
			t->name = NULL;   /* now the target's name: keep it */
		}
	}
	int e = errno;
	temp_discard(dirfd, t);
	if (rc < 0) {
		if (e == EEXIST)
			set_err(err, shown, "already exists (use --force to overwrite)", 0);
		else
			set_err(err, shown, "cannot move into place", e);
		return -1;
	}
	return 0;
}

/* Makes the names in a folder durable. A file system that cannot sync a
 * folder (EINVAL) has nothing more to do; any other failure is an error. */
static int sync_folder(int dirfd)
{
	if (fsync(dirfd) == 0 || errno == EINVAL)
		return 0;
	return -1;
}

static int write_at(int dirfd, const char *name, const char *shown, const char *data,
		    size_t len, bool force, char **err)
{
	int st = target_state(dirfd, name, shown, err);
	if (st < 0)
		return -1;
	if (st == 1 && !force) {
		set_err(err, shown, "already exists (use --force to overwrite)", 0);
		return -1;
	}
	struct temp t;
	if (temp_write(dirfd, name, shown, data, len, &t, err) < 0)
		return -1;
	if (fsync(t.fd) < 0) {
		int e = errno;
		temp_discard(dirfd, &t);
		set_err(err, shown, "cannot write", e);
		return -1;
	}
	int rc = temp_commit(dirfd, &t, name, shown, force, err);
	if (rc == 0 && sync_folder(dirfd) < 0) {
		set_err(err, shown, "cannot sync its folder", errno);
		rc = -1;
	}
	return rc;
}

int out_write_atomic(const char *path, const char *data, size_t len, bool force, char **err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path)))
			  : xstrdup(".");
	const char *name = slash ? slash + 1 : path;
	if (!*name) {
		set_err(err, path, "is not a file name", 0);
		free(dir);
		return -1;
	}
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		set_err(err, dir, "cannot open folder", errno);
		free(dir);
		return -1;
	}
	int rc = write_at(dirfd, name, path, data, len, force, err);
	close(dirfd);
	free(dir);
	return rc;
}

/* ---- bundles ---- */

/* A relative path with no empty, "." or ".." component. */
static bool path_is_safe(const char *p)
{
	if (!*p || *p == '/')
		return false;
	const char *c = p;
	while (*c) {
		const char *e = strchr(c, '/');
		size_t n = e ? (size_t)(e - c) : strlen(c);
		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		if (!e)
			break;
		c = e + 1;
	}
	return true;
}

/* Opens (creating when create is set) the folder chain rel (components
 * separated by '/', the last one a folder too) below dirfd without following
 * symlinks. Created folders are appended to created[] (full shown paths)
 * for the rollback. Returns an fd; -1 with err; -2 when absent and !create. */
static int open_folders(int dirfd, const char *root, const char *rel, bool create,
			char ***created, size_t *ncreated, char **err)
{
	int fd = dup(dirfd);
	if (fd < 0) {
		set_err(err, root, "cannot open folder", errno);
		return -1;
	}
	struct strbuf shown = {0};
	sb_append(&shown, root);
	const char *c = rel;
	while (*c) {
		const char *e = strchr(c, '/');
		size_t n = e ? (size_t)(e - c) : strlen(c);
		char *comp = xstrndup(c, n);
		sb_append(&shown, "/");
		sb_append(&shown, comp);
		int st = entry_state(fd, comp, shown.data, S_IFDIR, err);
		if (st < 0)
			goto fail;
		if (st == 0) {
			if (!create) {
				free(comp);
				sb_fini(&shown);
				close(fd);
				return -2;
			}
			if (mkdirat(fd, comp, 0755) < 0) {
				set_err(err, shown.data, "cannot create folder", errno);
				goto fail;
			}
			*created = xrealloc(*created, (*ncreated + 1) * sizeof(**created));
			(*created)[(*ncreated)++] = xstrdup(shown.data);
		}
		int next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			set_err(err, shown.data, "cannot open folder", errno);
			goto fail;
		}
		close(fd);
		fd = next;
		free(comp);
		c = e ? e + 1 : c + n;
		continue;
fail:
		free(comp);
		sb_fini(&shown);
		close(fd);
		return -1;
	}
	sb_fini(&shown);
	return fd;
}

/* Creates dir and its missing parents (parents may be symlinks: they are the
 * user's; dir itself must not be). Records what it created. */
static int make_root(const char *dir, char ***created, size_t *ncreated, char **err)
{
	int st = entry_state(AT_FDCWD, dir, dir, S_IFDIR, err);
	if (st != 0)
		return st < 0 ? -1 : 0;
	char *copy = xstrdup(dir);
	char *slash = strrchr(copy, '/');
	while (slash && slash != copy && slash[1] == '\0') {
		*slash = '\0';
		slash = strrchr(copy, '/');
	}
	int rc = 0;
	if (slash && slash != copy) {
		*slash = '\0';
		rc = make_root(copy, created, ncreated, err);
	}
	free(copy);
	if (rc < 0)
		return -1;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		set_err(err, dir, "cannot create folder", errno);
		return -1;
	}
	*created = xrealloc(*created, (*ncreated + 1) * sizeof(**created));
	(*created)[(*ncreated)++] = xstrdup(dir);
	return 0;
}

static char *folder_of(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
}

static const char *base_of(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? slash + 1 : rel;
}

/* Checks every target before anything is written: 0 all clear, 1 some file
 * exists and !force, -1 something unsafe (symlink, not a file). */
static int bundle_precheck(const char *dir, int rootfd, const struct out_bundle *b, bool force,
			   char **err)
{
	for (size_t i = 0; i < b->count; i++) {
		const char *rel = b->files[i].path;
		char *shown = xasprintf("%s/%s", dir, rel);
		if (!path_is_safe(rel)) {
			set_err(err, shown, "is not a safe relative path", 0);
			free(shown);
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(b->files[j].path, rel) == 0) {
				set_err(err, shown, "appears twice in the bundle", 0);
				free(shown);
				return -1;
			}
		if (rootfd < 0) {
			free(shown);
			continue;
		}
		char *folder = folder_of(rel);
		int fd = open_folders(rootfd, dir, folder, false, NULL, NULL, err);
		free(folder);
		if (fd == -1) {
			free(shown);
			return -1;
		}
		if (fd >= 0) {
			int st = target_state(fd, base_of(rel), shown, err);
			close(fd);
			if (st < 0) {
				free(shown);
				return -1;
			}
			if (st == 1 && !force) {
				set_err(err, shown, "already exists (use --force to overwrite)", 0);
				free(shown);
				return 1;
			}
		}
		free(shown);
	}
	return 0;
}

int out_write_bundle(const char *dir, const struct out_bundle *b, bool force, char **err)
{
	int rootfd = -1;
	int st = entry_state(AT_FDCWD, dir, dir, S_IFDIR, err);
	if (st < 0)
		return -1;
	if (st == 1) {
		rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (rootfd < 0) {
			set_err(err, dir, "cannot open folder", errno);
			return -1;
		}
	}
	int pre = bundle_precheck(dir, rootfd, b, force, err);
	if (rootfd >= 0)
		close(rootfd);
	if (pre != 0)
		return pre;

	char **created = NULL;   /* folders this call created, outermost first */
	size_t ncreated = 0;
	size_t n = b->count ? b->count : 1;
	struct temp *tmps = xcalloc(n, sizeof(*tmps));
	int *fds = xcalloc(n, sizeof(*fds));
	bool *fresh = xcalloc(n, sizeof(*fresh));
	size_t placed = 0;
	int rc = -1;
	for (size_t i = 0; i < b->count; i++)
		fds[i] = tmps[i].fd = -1;

	if (make_root(dir, &created, &ncreated, err) < 0)
		goto rollback;
	rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (rootfd < 0) {
		set_err(err, dir, "cannot open folder", errno);
		goto rollback;
	}
	/* Phase 1: every file to a temporary beside its target, then all of
	 * them synced as a batch. A full disk or a read-only folder fails
	 * here, before any target name is touched. */
	for (size_t i = 0; i < b->count; i++) {
		const struct out_file *f = &b->files[i];
		char *folder = folder_of(f->path);
		char *shown = xasprintf("%s/%s", dir, f->path);
		fds[i] = open_folders(rootfd, dir, folder, true, &created, &ncreated, err);
		free(folder);
		if (fds[i] < 0 ||
		    temp_write(fds[i], base_of(f->path), shown, f->data, f->len, &tmps[i], err) < 0) {
			free(shown);
			goto rollback;
		}
		free(shown);
	}
	for (size_t i = 0; i < b->count; i++) {
		if (batch_sync(tmps[i].fd, i + 1 == b->count) < 0) {
			int e = errno;
			char *shown = xasprintf("%s/%s", dir, b->files[i].path);
			set_err(err, shown, "cannot write", e);
			free(shown);
			goto rollback;
		}
	}
	/* Phase 2: move each into place (link when not forcing: no clobber even
	 * if a file appeared since the check). */
	for (size_t i = 0; i < b->count; i++) {
		const struct out_file *f = &b->files[i];
		char *shown = xasprintf("%s/%s", dir, f->path);
		int exists = target_state(fds[i], base_of(f->path), shown, err);
		if (exists < 0 || temp_commit(fds[i], &tmps[i], base_of(f->path), shown, force, err) < 0) {
			free(shown);
			goto rollback;
		}
		fresh[i] = exists == 0;
		placed = i + 1;
		free(shown);
	}
	/* Each folder once: the new names are durable (else the files this
	 * call created are taken back, as after any other failure). */
	for (size_t i = 0; i < b->count; i++) {
		char *folder = folder_of(b->files[i].path);
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++) {
			char *other = folder_of(b->files[j].path);
			seen = strcmp(folder, other) == 0;
			free(other);
		}
		if (!seen && sync_folder(fds[i]) < 0) {
			int e = errno;
			char *shown = *folder ? xasprintf("%s/%s", dir, folder) : xstrdup(dir);
			set_err(err, shown, "cannot sync the folder", e);
			free(shown);
			free(folder);
			goto rollback;
		}
		free(folder);
	}
	rc = 0;
	goto done;

rollback:
	for (size_t i = 0; i < b->count; i++) {
		if (fds[i] < 0)
			continue;
		temp_discard(fds[i], &tmps[i]);
		if (i < placed && fresh[i])
			unlinkat(fds[i], base_of(b->files[i].path), 0);
	}
	/* Innermost first; a folder that is not empty (not ours) stays. */
	for (size_t i = ncreated; i-- > 0;)
		rmdir(created[i]);
done:
	for (size_t i = 0; i < b->count; i++) {
		if (tmps[i].fd >= 0)
			close(tmps[i].fd);
		free(tmps[i].name);
		if (fds[i] >= 0)
			close(fds[i]);
	}
	for (size_t i = 0; i < ncreated; i++)
		free(created[i]);
	free(created);
	free(tmps);
	free(fds);
	free(fresh);
	if (rootfd >= 0)
		close(rootfd);
	return rc;
}
