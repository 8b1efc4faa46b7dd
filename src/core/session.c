/* session.c: the wizard's autosave; engine-free, only answers and output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "session.h"
#include "answers.h"
#include "output.h"
#include "util.h"

char *session_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	/* The XDG spec says relative values are invalid and must be ignored. */
	if (state && state[0] == '/')
		return xasprintf("%s/archwise/session.yaml", state);
	const char *home = getenv("HOME");
	if (home && home[0])
		return xasprintf("%s/.local/state/archwise/session.yaml", home);
	return NULL;
}

/* mkdir -p of every folder above the file, private (0700) as XDG asks. */
static int make_parents(const char *file, char **err)
{
	char *dir = xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (dir[0] && mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf("%s: %s", dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return 0;
}

int session_save(const struct model *m, const struct answers *a, char **err)
{
	char *path = session_path();
	if (!path) {
		*err = xstrdup("cannot autosave: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	int rc = -1;
	size_t len = 0;
	char *yaml = NULL;
	if (make_parents(path, err) != 0)
		goto out;
	yaml = answers_to_yaml_answered(m, a, &len);
	if (!yaml) {
		*err = xasprintf("%s: cannot format the answers", path);
		goto out;
	}
	/* private state, as other tools keep theirs: only its owner reads it */
	rc = out_write_atomic_mode(path, yaml, len, true, 0600, err);
out:
	free(yaml);
	free(path);
	return rc;
}

char *session_backup_path(const char *path, unsigned n)
{
	return xasprintf("%s.%u", path, n);
}

char *session_rotate(char **err)
{
	*err = NULL;
	char *path = session_path();
	if (!path)
		return NULL;
	if (access(path, F_OK) != 0) {
		free(path);
		return NULL;
	}
	/* session.yaml.(N-1) -> .N, ..., .1 -> .2, then the file -> .1: the
	 * oldest backup beyond SESSION_BACKUPS goes, as editors do. */
	for (unsigned n = SESSION_BACKUPS; n > 1; n--) {
		char *from = session_backup_path(path, n - 1);
		char *to = session_backup_path(path, n);
		int rc = rename(from, to);
		int e = errno;
		free(to);
		if (rc != 0 && e != ENOENT) {
			*err = xasprintf("%s: %s", from, strerror(e));
			free(from);
			free(path);
			return NULL;
		}
		free(from);
	}
	char *backup = session_backup_path(path, 1);
	if (rename(path, backup) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		free(backup);
		backup = NULL;
	}
	free(path);
	return backup;
}

int session_check(const char *path, char **err)
{
	struct stat st;
	*err = NULL;
	if (lstat(path, &st) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	/* autosave refuses to write through a symlink; reading through one
	 * would load whatever it points to */
	if (S_ISLNK(st.st_mode)) {
		*err = xasprintf("%s: is a symbolic link; refusing to read the session through it",
				 path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = xasprintf("%s: not a regular file", path);
		return -1;
	}
	return 0;
}

char *session_folder_warning(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	char *warning = NULL;
	if (slash)
		*slash = '\0';
	struct stat ds;
	if (slash && stat(dir, &ds) == 0 && (ds.st_mode & S_IWOTH))
		warning = xasprintf("%s: the session folder is writable by everyone, so anyone "
				    "could replace the saved answers (chmod 700 it)", dir);
	free(dir);
	return warning;
}
