/* fileio.c -- open an existing file for reading: regular, bounded
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vec.h"

static int
fail(struct sipdns_fileio_error *e, int err)
{
	e->err = err;
	return -1;
}

int
sipdns_fileio_open(const char *path, size_t cap, unsigned flags,
		   struct stat *sbp, struct sipdns_fileio_error *e)
{
	memset(e, 0, sizeof(*e));
	/* O_NONBLOCK: opening a FIFO without a writer would wait for one */
	int of = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
	if (flags & SIPDNS_FILEIO_NOFOLLOW)
		of |= O_NOFOLLOW;
	int fd = open(path, of);
	if (fd < 0) {
		struct stat lsb;
		int err = errno;
		if (err == ELOOP && (flags & SIPDNS_FILEIO_NOFOLLOW) &&
		    lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
			return fail(e, SIPDNS_FILEIO_ESYMLINK);
		/* a socket cannot be opened (ENXIO): name its kind */
		if (err != ENOENT && stat(path, &lsb) == 0 &&
		    !S_ISREG(lsb.st_mode)) {
			e->mode = lsb.st_mode;
			return fail(e, SIPDNS_FILEIO_ENOTREG);
		}
		return fail(e, err);
	}
	struct stat sb;
	int err = 0;
	if (fstat(fd, &sb) != 0) {
		err = errno;
	} else if (!S_ISREG(sb.st_mode)) {
		err = SIPDNS_FILEIO_ENOTREG;
		e->mode = sb.st_mode;
	} else if (sb.st_size < 0 || (unsigned long long)sb.st_size > cap) {
		err = SIPDNS_FILEIO_ETOOBIG;
		e->cap = cap;
	} else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		err = errno;
	}
	if (err != 0) {
		close(fd);
		return fail(e, err);
	}
	if (sbp != NULL)
		*sbp = sb;
	return fd;
}

FILE *
sipdns_fileio_fopen(const char *path, size_t cap, unsigned flags,
		    struct sipdns_fileio_error *e)
{
	int fd = sipdns_fileio_open(path, cap, flags, NULL, e);
	if (fd < 0)
		return NULL;
	FILE *fp = fdopen(fd, "r");
	if (fp == NULL) {
		e->err = errno;
		close(fd);
	}
	return fp;
}

/* Read fd to its end, at most cap bytes, into one buffer sized by fstat
 * (one read for a file of the size fstat gives: a nightly run reads
 * 200,000 zone files). */
static char *
read_fd(int fd, size_t size, size_t cap, size_t *len,
	struct sipdns_fileio_error *e)
{
	size_t have = size + 1;
	char *buf = malloc(have);
	int err = buf ? 0 : ENOMEM;
	*len = 0;
	while (err == 0) {
		/* the file grew: read on, up to the cap and one byte more */
		if (*len + 1 >= have &&
		    !sipdns_vec_reserve_bytes(&buf, &have, *len + 2)) {
			err = ENOMEM;
			break;
		}
		size_t want = have - 1 - *len;
		if (want > cap + 1 - *len)
			want = cap + 1 - *len;
		ssize_t r = read(fd, buf + *len, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? errno : 0;
			break;
		}
		*len += (size_t)r;
		if (*len > cap) {
			err = SIPDNS_FILEIO_ETOOBIG;
			e->cap = cap;
		}
	}
	if (err != 0) {
		free(buf);
		fail(e, err);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

char *
sipdns_fileio_read(const char *path, size_t cap, unsigned flags, size_t *len,
		   struct sipdns_fileio_error *e)
{
	struct stat sb;
	*len = 0;
	int fd = sipdns_fileio_open(path, cap, flags, &sb, e);
	if (fd < 0)
		return NULL;
	char *buf = read_fd(fd, (size_t)sb.st_size, cap, len, e);
	close(fd);
	return buf;
}

static const char *
kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "of an unknown kind";
}

/* A cap as people say it: 64 MiB, 64 KiB, or bytes. */
static void
cap_text(size_t cap, char *buf, size_t len)
{
	if (cap >= 1024 * 1024 && cap % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", cap / (1024 * 1024));
	else if (cap >= 1024 && cap % 1024 == 0)
		snprintf(buf, len, "%zu KiB", cap / 1024);
	else
		snprintf(buf, len, "%zu bytes", cap);
}

const char *
sipdns_fileio_why(const struct sipdns_fileio_error *e, char *buf, size_t len)
{
	char c[32];
	switch (e->err) {
	case SIPDNS_FILEIO_ENOTREG:
		snprintf(buf, len, "is %s, not a regular file", kind(e->mode));
		break;
	case SIPDNS_FILEIO_ETOOBIG:
		cap_text(e->cap, c, sizeof(c));
		snprintf(buf, len, "is larger than the cap of %s", c);
		break;
	case SIPDNS_FILEIO_ESYMLINK:
		snprintf(buf, len, "is a symbolic link");
		break;
	default:
		snprintf(buf, len, "%s", strerror(e->err));
	}
	return buf;
}
