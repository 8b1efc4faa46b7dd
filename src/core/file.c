/* file.c: reading whole data files with limits, for every loader
 * (questionnaires, assets, answers, traffic logs' companions). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file.h"
#include "util.h"
#include "yamldoc.h"

char *file_read(const char *path, size_t *len, struct diag_list *diags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		diag_add_io(diags, path, errno, "cannot open");
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_add_io(diags, path, errno, "cannot read");
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, path, 0, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > FILE_MAX_BYTES) {
		diag_add(diags, path, 0, 0, "file too large: %lld bytes, the limit is %u bytes (16 MiB)",
			 (long long)st.st_size, FILE_MAX_BYTES);
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add_io(diags, path, errno, "cannot read");
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > FILE_MAX_BYTES) {   /* the file grew while we read it */
			diag_add(diags, path, 0, 0, "file too large: the limit is %u bytes (16 MiB)",
				 FILE_MAX_BYTES);
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[n] = '\0';
	const char *nul = memchr(buf, '\0', n);
	if (nul) {
		unsigned l, c;
		yamldoc_offset_pos(buf, n, (size_t)(nul - buf), &l, &c);
		diag_add(diags, path, l, c, "NUL byte in a text file");
		free(buf);
		return NULL;
	}
	if (len)
		*len = n;
	return buf;
}
