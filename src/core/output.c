/* output.c: atomic, no-clobber, symlink-safe writes of single files and of
 * whole bundles. Every write goes through a temporary file in the target's
 * own folder (so rename stays on one file system), fsync'd before it is
 * linked or renamed into place; folders are walked with openat(O_NOFOLLOW)
 * so a planted symlink is never followed. */
#define _GNU_SOURCE   /* sync_file_range */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include "output.h"
#include "sha256.h"
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
	f->executable = false;
	return 0;
}

int out_bundle_set_executable(struct out_bundle *b, const char *path)
{
	for (size_t i = 0; i < b->count; i++)
		if (strcmp(b->files[i].path, path) == 0) {
			b->files[i].executable = true;
			return 0;
		}
	return -1;
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

static int temp_create(int dirfd, const char *name, mode_t mode, struct temp *t)
{
	t->name = NULL;
#ifdef O_TMPFILE
	/* Only where /proc lets us link it later (AT_EMPTY_PATH needs a
	 * capability an ordinary user lacks). */
	if (access("/proc/self/fd", X_OK) == 0) {
		t->fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
		if (t->fd >= 0)
			return 0;
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			return -1;
	}
#endif
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		char *n = temp_name(name, attempt);
		t->fd = openat(dirfd, n, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
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
		      size_t len, mode_t mode, struct temp *t, char **err)
{
	if (temp_create(dirfd, name, mode, t) < 0) {
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
		    size_t len, bool force, mode_t mode, char **err)
{
	int st = target_state(dirfd, name, shown, err);
	if (st < 0)
		return -1;
	if (st == 1 && !force) {
		set_err(err, shown, "already exists (use --force to overwrite)", 0);
		return -1;
	}
	struct temp t;
	if (temp_write(dirfd, name, shown, data, len, mode, &t, err) < 0)
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
	return out_write_atomic_mode(path, data, len, force, 0644, err);
}

int out_write_atomic_mode(const char *path, const char *data, size_t len, bool force,
			  unsigned mode, char **err)
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
	int rc = write_at(dirfd, name, path, data, len, force, (mode_t)mode, err);
	close(dirfd);
	free(dir);
	return rc;
}

char *out_folder_normalize(const char *dir)
{
	char *d = xstrdup(dir);
	size_t n = strlen(d);
	for (;;) {
		while (n > 1 && d[n - 1] == '/')
			d[--n] = '\0';
		if (n > 2 && d[n - 1] == '.' && d[n - 2] == '/')
			d[n -= 2] = '\0';
		else if (n == 2 && d[0] == '.' && d[1] == '/')
			d[n = 1] = '\0';
		else
			break;
	}
	if (n == 0) {
		free(d);
		d = xstrdup(".");
	}
	return d;
}

int out_folder_check(const char *dir, char **err)
{
	char *d = out_folder_normalize(dir);
	int st = entry_state(AT_FDCWD, d, dir, S_IFDIR, err);
	if (st == 0)
		set_err(err, dir, "no such folder", 0);
	free(d);
	return st == 1 ? 0 : -1;
}

/* ---- bundles ---- */

/* A relative path with no empty, "." or ".." component (so no trailing '/'). */
static bool path_is_safe(const char *p)
{
	if (!*p || *p == '/' || p[strlen(p) - 1] == '/')
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

/* One file of a bundle write: a new file to put in place, or (data NULL) a
 * stale file of an earlier export to remove. */
struct slot {
	const char *rel;
	const char *data;
	size_t len;
	bool executable;     /* written 0755 */
	int fd;              /* its folder, open */
	struct temp tmp;     /* the new contents, before they are placed */
	char *backup;        /* ".NAME.XXXXXX.old" in fd: the old version, kept until the end */
	bool existed;        /* a file was at rel before this write */
	bool moved;          /* the old file was renamed to backup (no hard links) */
	bool done;           /* placed, or removed */
};

/* Shown path of a slot (caller frees). */
static char *slot_shown(const char *dir, const char *rel)
{
	return *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
}

/* Keeps the old version of a slot's file under a backup name: a hard link
 * (the name itself is untouched until the swap), or a rename where the file
 * system has no hard links. An immutable file fails here, before any name
 * of the bundle has changed. */
static int slot_keep_old(struct slot *s, const char *shown, char **err)
{
	const char *name = base_of(s->rel);
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		char *t = temp_name(name, attempt);
		memcpy(t + strlen(t) - 4, ".old", 4);
		int rc = linkat(s->fd, name, s->fd, t, 0);
		if (rc < 0 && errno != EEXIST) {
			int e = errno;
			rc = renameat2(s->fd, name, s->fd, t, RENAME_NOREPLACE);
			if (rc == 0)
				s->moved = true;
			else if (errno != EEXIST)
				errno = e;
		}
		if (rc == 0) {
			s->backup = t;
			return 0;
		}
		int e = errno;
		free(t);
		if (e != EEXIST) {
			set_err(err, shown, "cannot keep the previous version", e);
			return -1;
		}
	}
	set_err(err, shown, "cannot keep the previous version", EEXIST);
	return -1;
}

/* Puts a slot's new file in place, or removes a stale one. */
static int slot_swap(struct slot *s, const char *shown, char **err)
{
	const char *name = base_of(s->rel);
	if (!s->data) {
		if (!s->moved && unlinkat(s->fd, name, 0) < 0) {
			set_err(err, shown, "cannot remove", errno);
			return -1;
		}
		s->done = true;
		return 0;
	}
	/* Not existing before: a link, so a file that appeared meanwhile is never clobbered. */
	if (temp_commit(s->fd, &s->tmp, name, shown, s->existed, err) < 0)
		return -1;
	s->done = true;
	return 0;
}

/* Undoes a slot: the old version back under its name, or the new file gone. */
static int slot_undo(struct slot *s)
{
	const char *name = base_of(s->rel);
	int rc = 0;
	if (s->fd < 0)
		return 0;
	temp_discard(s->fd, &s->tmp);
	if (s->backup) {
		if ((s->done || s->moved) && renameat(s->fd, s->backup, s->fd, name) < 0)
			rc = -1;
		else if (!s->done && !s->moved)
			unlinkat(s->fd, s->backup, 0);
	} else if (s->done && s->data) {
		unlinkat(s->fd, name, 0);
	}
	return rc;
}

/* The lock that serialises writers of one folder: flock on the folder
 * itself, waited for up to wait_ms. 0, or -1 with err. */
static int lock_folder(int fd, const char *dir, int wait_ms, char **err)
{
	for (int waited = 0;; waited += 50) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			set_err(err, dir, "cannot lock the folder", errno);
			return -1;
		}
		if (waited >= wait_ms) {
			char *what = xasprintf("another archwise export is writing into this folder "
					       "(waited %d s); try again when it has finished",
					       (wait_ms + 999) / 1000);
			set_err(err, dir, what, 0);
			free(what);
			return -1;
		}
		struct timespec ts = {0, 50 * 1000000L};
		nanosleep(&ts, NULL);
	}
}

/* Creates (make_root), opens and locks the bundle's folder: an fd holding
 * the lock, or -1 with err. A folder another writer removed (its rollback)
 * while we waited is made again. */
static int open_locked_root(const char *dir, int wait_ms, char ***created, size_t *ncreated,
			    char **err)
{
	for (int attempt = 0; attempt < 10; attempt++) {
		if (make_root(dir, created, ncreated, err) < 0)
			return -1;
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			set_err(err, dir, errno == ELOOP ? "is a symbolic link; refusing to write through it"
						  : "cannot open folder", errno == ELOOP ? 0 : errno);
			return -1;
		}
		if (lock_folder(fd, dir, wait_ms, err) < 0) {
			close(fd);
			return -1;
		}
		struct stat held, named;
		if (fstat(fd, &held) == 0 && held.st_nlink > 0 &&
		    fstatat(AT_FDCWD, dir, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino)
			return fd;
		close(fd);
	}
	set_err(err, dir, "keeps disappearing while being written", 0);
	return -1;
}

/* Checks every target before anything is written: 0 all clear, 1 some file
 * exists and !force, -1 something unsafe (symlink, not a file). Marks the
 * slots whose file exists. */
static int bundle_precheck(const char *dir, int rootfd, struct slot *s, size_t n, bool force,
			   char **err)
{
	for (size_t i = 0; i < n; i++) {
		char *shown = slot_shown(dir, s[i].rel);
		char *folder = folder_of(s[i].rel);
		int fd = open_folders(rootfd, dir, folder, false, NULL, NULL, err);
		free(folder);
		int st = 0;
		if (fd >= 0) {
			st = target_state(fd, base_of(s[i].rel), shown, err);
			close(fd);
		}
		if (st == 1 && !force)
			set_err(err, shown, "already exists (use --force to overwrite)", 0);
		free(shown);
		if (fd == -1 || st < 0)
			return -1;
		s[i].existed = st == 1;
		if (st == 1 && !force)
			return 1;
	}
	return 0;
}

static int bundle_paths_check(const char *dir, const struct out_file *files, size_t n, char **err)
{
	for (size_t i = 0; i < n; i++) {
		const char *rel = files[i].path;
		char *shown = xasprintf("%s/%s", dir, rel);
		const char *why = !path_is_safe(rel) ? "is not a safe relative path" : NULL;
		for (size_t j = 0; j < i && !why; j++)
			if (strcmp(files[j].path, rel) == 0)
				why = "appears twice in the bundle";
		if (why)
			set_err(err, shown, why, 0);
		free(shown);
		if (why)
			return -1;
	}
	return 0;
}

/* ---- the manifest: "SHA256  PATH" lines, as sha256sum writes them ---- */

#define MANIFEST_MAX (1u << 20)

static void note(const struct out_bundle_options *o, const char *dir, const char *rel,
		 const char *what)
{
	if (!o->note)
		return;
	char *shown = slot_shown(dir, rel);
	char *msg = xasprintf("%s: %s", shown, what);
	o->note(o->note_ctx, msg);
	free(msg);
	free(shown);
}

/* Reads at most max bytes of the regular file name in dirfd without
 * following a symlink; NULL when absent, not a file, unreadable or larger. */
static char *read_at(int dirfd, const char *name, size_t max, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	struct strbuf sb = {0};
	char buf[8192];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0 && sb.len <= max)
		sb_appendn(&sb, buf, (size_t)n);
	close(fd);
	if (n < 0 || sb.len > max) {
		sb_fini(&sb);
		return NULL;
	}
	*len = sb.len;
	return sb.data ? sb_take(&sb) : xstrdup("");
}

char *out_manifest_text(const struct out_file *files, size_t n)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		char hex[65];
		sha256_hex(files[i].data, files[i].len, hex);
		sb_printf(&sb, "%s  %s\n", hex, files[i].path);
	}
	return sb.data ? sb_take(&sb) : xstrdup("");
}

int out_manifest_parse(const char *text, size_t len, struct out_manifest_entry **entries,
		       size_t *count)
{
	*entries = NULL;
	*count = 0;
	int bad = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		bool ok = n > 66 && p[64] == ' ' && p[65] == ' ';
		for (size_t i = 0; ok && i < 64; i++)
			ok = (p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f');
		char *path = ok ? xstrndup(p + 66, n - 66) : NULL;
		ok = ok && strlen(path) == n - 66 && path_is_safe(path) && util_utf8_valid(path);
		for (const char *c = path; ok && *c; c++)
			ok = (unsigned char)*c >= 0x20 && *c != 0x7f && *c != '\\';
		if (ok) {
			*entries = xrealloc(*entries, (*count + 1) * sizeof(**entries));
			struct out_manifest_entry *m = &(*entries)[(*count)++];
			memcpy(m->sha256, p, 64);
			m->sha256[64] = '\0';
			m->path = path;
		} else {
			free(path);
			if (n > 0)
				bad++;
		}
		p = nl ? nl + 1 : end;
	}
	return bad;
}

void out_manifest_free(struct out_manifest_entry *entries, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(entries[i].path);
	free(entries);
}

/* The SHA-256 of the regular file name in dirfd (no symlink followed);
 * false when it cannot be read. */
static bool file_sha256(int dirfd, const char *name, char hex[65])
{
	size_t len;
	char *data = read_at(dirfd, name, (size_t)1 << 30, &len);
	if (!data)
		return false;
	sha256_hex(data, len, hex);
	free(data);
	return true;
}

static bool listed(const struct slot *s, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].rel, rel) == 0)
			return true;
	return false;
}

/* The stale files of the previous export (in its manifest, not in this
 * one): unchanged ones become removal slots; changed or odd ones are kept
 * and noted. Returns the new slot count. */
static size_t plan_removals(const char *dir, int rootfd, const struct out_bundle_options *o,
			    struct slot **slots, size_t n, struct out_manifest_entry *old,
			    size_t nold)
{
	for (size_t i = 0; i < nold; i++) {
		const char *rel = old[i].path;
		if (listed(*slots, n, rel))
			continue;
		char *folder = folder_of(rel);
		char *ignored = NULL;
		int fd = open_folders(rootfd, dir, folder, false, NULL, NULL, &ignored);
		free(folder);
		free(ignored);
		if (fd < 0)
			continue;   /* gone already, or not a plain folder: nothing of ours */
		struct stat st;
		char hex[65];
		if (fstatat(fd, base_of(rel), &st, AT_SYMLINK_NOFOLLOW) < 0) {
			close(fd);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !file_sha256(fd, base_of(rel), hex) ||
		    strcmp(hex, old[i].sha256) != 0) {
			note(o, dir, rel, "no longer generated, but changed since archwise wrote it; "
				"kept (remove it if it is not needed)");
			close(fd);
			continue;
		}
		*slots = xrealloc(*slots, (n + 1) * sizeof(**slots));
		struct slot *s = &(*slots)[n++];
		memset(s, 0, sizeof(*s));
		s->rel = rel;
		s->fd = fd;
		s->tmp.fd = -1;
		s->existed = true;
	}
	return n;
}

/* Notes the files in folder (below rootfd) that neither this bundle nor
 * the previous manifest names. */
static void note_foreign_in(const char *dir, int rootfd, const char *folder,
			    const struct out_bundle_options *o, const struct slot *s, size_t n,
			    const struct out_manifest_entry *old, size_t nold)
{
	char *ignored = NULL;
	int fd = open_folders(rootfd, dir, folder, false, NULL, NULL, &ignored);
	free(ignored);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;   /* also our temporaries and backups */
		char *rel = xasprintf("%s/%s", folder, e->d_name);
		struct stat st;
		bool known = listed(s, n, rel);
		for (size_t j = 0; j < nold && !known; j++)
			known = strcmp(old[j].path, rel) == 0;
		if (!known && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode))
			note(o, dir, rel, "not written by archwise; kept");
		free(rel);
	}
	closedir(d);
}

/* Files the user added beside the bundle's files, in the sub-folders this
 * bundle or the previous one wrote into (not the bundle's own folder, which
 * may be a whole repository): noted, kept. */
static void note_foreign(const char *dir, int rootfd, const struct out_bundle_options *o,
			 const struct slot *s, size_t n, const struct out_manifest_entry *old,
			 size_t nold)
{
	char **seen = NULL;
	size_t nseen = 0;
	for (size_t i = 0; i < n + nold; i++) {
		char *folder = folder_of(i < n ? s[i].rel : old[i - n].path);
		bool dup = !*folder;
		for (size_t j = 0; j < nseen && !dup; j++)
			dup = strcmp(seen[j], folder) == 0;
		if (dup) {
			free(folder);
			continue;
		}
		seen = xrealloc(seen, (nseen + 1) * sizeof(*seen));
		seen[nseen++] = folder;
		note_foreign_in(dir, rootfd, folder, o, s, n, old, nold);
	}
	for (size_t j = 0; j < nseen; j++)
		free(seen[j]);
	free(seen);
}

static int write_bundle(const char *dir, const struct out_bundle *b,
			const struct out_bundle_options *o, char **err);

int out_write_bundle(const char *dir, const struct out_bundle *b, bool force, char **err)
{
	struct out_bundle_options o = {.force = force, .lock_wait_ms = OUT_LOCK_WAIT_MS};
	return out_write_bundle_with(dir, b, &o, err);
}

int out_write_bundle_with(const char *dir, const struct out_bundle *b,
			  const struct out_bundle_options *o, char **err)
{
	/* "LINK/" and "LINK/." name LINK: refused as LINK is. */
	char *folder = out_folder_normalize(dir);
	int rc = write_bundle(folder, b, o, err);
	free(folder);
	return rc;
}

static int write_bundle(const char *dir, const struct out_bundle *b,
			const struct out_bundle_options *o, char **err)
{
	/* The files: the bundle's, then the manifest of them all. */
	size_t nnew = b->count + (o->manifest ? 1 : 0);
	struct out_file *files = xcalloc(nnew, sizeof(*files));
	memcpy(files, b->files, b->count * sizeof(*files));
	char *manifest = NULL;
	if (o->manifest) {
		manifest = out_manifest_text(b->files, b->count);
		files[b->count] = (struct out_file){(char *)o->manifest, manifest, strlen(manifest), false};
	}
	if (bundle_paths_check(dir, files, nnew, err) < 0) {
		free(manifest);
		free(files);
		return -1;
	}

	char **created = NULL;   /* folders this call created, outermost first */
	size_t ncreated = 0;
	struct slot *s = xcalloc(nnew, sizeof(*s));
	size_t n = nnew;
	struct out_manifest_entry *old = NULL;
	size_t nold = 0;
	int rc = -1;
	for (size_t i = 0; i < nnew; i++) {
		s[i].rel = files[i].path;
		s[i].data = files[i].data;
		s[i].len = files[i].len;
		s[i].executable = files[i].executable;
		s[i].fd = s[i].tmp.fd = -1;
	}

	int rootfd = open_locked_root(dir, o->lock_wait_ms, &created, &ncreated, err);
	if (rootfd < 0)
		goto rollback;
	/* Under the lock: what is there now decides. */
	int pre = bundle_precheck(dir, rootfd, s, nnew, o->force, err);
	if (pre != 0) {
		rc = pre;
		goto rollback;
	}
	if (o->manifest && s[nnew - 1].existed) {
		size_t len;
		char *text = read_at(rootfd, o->manifest, MANIFEST_MAX, &len);
		if (!text || out_manifest_parse(text, len, &old, &nold) > 0)
			note(o, dir, o->manifest, "has lines that are not \"SHA256  PATH\"; "
				"files they name are not removed");
		free(text);
	}

	/* Phase 1: every file to a temporary beside its target, then all of
	 * them synced as a batch. A full disk or a read-only folder fails
	 * here, before any target name is touched. */
	for (size_t i = 0; i < nnew; i++) {
		char *folder = folder_of(s[i].rel);
		char *shown = slot_shown(dir, s[i].rel);
		s[i].fd = open_folders(rootfd, dir, folder, true, &created, &ncreated, err);
		free(folder);
		int bad = s[i].fd < 0 ||
			  temp_write(s[i].fd, base_of(s[i].rel), shown, s[i].data, s[i].len, 0644,
				     &s[i].tmp, err) < 0;
		/* fchmod, not the open mode: the umask must not take the x bits. */
		if (!bad && s[i].executable && fchmod(s[i].tmp.fd, 0755) < 0) {
			set_err(err, shown, "cannot make executable", errno);
			bad = 1;
		}
		free(shown);
		if (bad)
			goto rollback;
	}
	for (size_t i = 0; i < nnew; i++) {
		if (batch_sync(s[i].tmp.fd, i + 1 == nnew) < 0) {
			int e = errno;
			char *shown = slot_shown(dir, s[i].rel);
			set_err(err, shown, "cannot write", e);
			free(shown);
			goto rollback;
		}
	}
	if (o->force && nold) {
		n = plan_removals(dir, rootfd, o, &s, nnew, old, nold);
		note_foreign(dir, rootfd, o, s, n, old, nold);
	}
	/* Phase 2: the old version of every file replaced or removed is kept
	 * under a backup name first; then the swap. Any failure puts every
	 * old file back: the bundle is replaced whole or not at all. */
	for (size_t i = 0; i < n; i++) {
		char *shown = slot_shown(dir, s[i].rel);
		int bad = s[i].existed && slot_keep_old(&s[i], shown, err) < 0;
		free(shown);
		if (bad)
			goto rollback;
	}
	for (size_t i = 0; i < n; i++) {
		char *shown = slot_shown(dir, s[i].rel);
		int bad = slot_swap(&s[i], shown, err) < 0;
		free(shown);
		if (bad)
			goto rollback;
	}
	/* Each folder once: the new names are durable (else the old bundle is
	 * put back, as after any other failure). */
	for (size_t i = 0; i < n; i++) {
		char *folder = folder_of(s[i].rel);
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++) {
			char *other = folder_of(s[j].rel);
			seen = strcmp(folder, other) == 0;
			free(other);
		}
		if (!seen && sync_folder(s[i].fd) < 0) {
			int e = errno;
			char *shown = slot_shown(dir, folder);
			set_err(err, shown, "cannot sync the folder", e);
			free(shown);
			free(folder);
			goto rollback;
		}
		free(folder);
	}
	/* Committed: the old versions go, and the folders a removal emptied. */
	for (size_t i = 0; i < n; i++)
		if (s[i].backup)
			unlinkat(s[i].fd, s[i].backup, 0);
	for (size_t i = n; i-- > nnew;) {
		char *folder = folder_of(s[i].rel);
		while (*folder && unlinkat(rootfd, folder, AT_REMOVEDIR) == 0) {
			char *up = folder_of(folder);
			free(folder);
			folder = up;
		}
		free(folder);
	}
	rc = 0;
	goto done;

rollback:
	{
		bool undone = true;
		for (size_t i = n; i-- > 0;)
			if (slot_undo(&s[i]) < 0)
				undone = false;
		if (err && *err && rc < 0) {
			char *more = xasprintf("%s; %s", *err, undone
				? "nothing was changed" : "the previous files could not all be put back");
			free(*err);
			*err = more;
		}
	}
	/* Innermost first; a folder that is not empty (not ours) stays. */
	for (size_t i = ncreated; i-- > 0;)
		rmdir(created[i]);
done:
	for (size_t i = 0; i < n; i++) {
		if (s[i].tmp.fd >= 0)
			close(s[i].tmp.fd);
		free(s[i].tmp.name);
		free(s[i].backup);
		if (s[i].fd >= 0)
			close(s[i].fd);
	}
	for (size_t i = 0; i < ncreated; i++)
		free(created[i]);
	free(created);
	free(s);
	out_manifest_free(old, nold);
	free(manifest);
	free(files);
	if (rootfd >= 0)
		close(rootfd);   /* releases the lock */
	return rc;
}
