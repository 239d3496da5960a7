/* fileio.h -- open an existing file for reading: regular, bounded
 *
 * Every read of a file sipdns did not write in this run (the topology,
 * a state or key file, a zone file, an existing output file) opens it
 * here: a FIFO, a device, a socket or a directory is refused before a
 * byte is read (the open does not block: O_NONBLOCK, then fstat), and a
 * file larger than the caller's cap is refused with the cap named, so
 * /dev/zero, a FIFO or a runaway file cannot hang or exhaust a run.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_FILEIO_H
#define SIPDNS_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Refuse a symbolic link (the last path component) instead of following it. */
#define SIPDNS_FILEIO_NOFOLLOW 1u

/* Why an open or a read failed. */
struct sipdns_fileio_error {
	int err;        /* errno (ENOENT: none there), or one of the below */
	mode_t mode;    /* SIPDNS_FILEIO_ENOTREG: the file's type */
	size_t cap;     /* SIPDNS_FILEIO_ETOOBIG: the cap in bytes */
};
/* Not a regular file (a directory, FIFO, device or socket). */
#define SIPDNS_FILEIO_ENOTREG (-1)
/* Larger than the cap. */
#define SIPDNS_FILEIO_ETOOBIG (-2)
/* A symbolic link, with SIPDNS_FILEIO_NOFOLLOW. */
#define SIPDNS_FILEIO_ESYMLINK (-3)

/* Open path for reading: a regular file of at most cap bytes. Returns a
 * blocking, close-on-exec descriptor (the caller closes it) and its
 * fstat in *sb (may be NULL); -1 with *e filled on failure. flags:
 * SIPDNS_FILEIO_NOFOLLOW or 0. */
int sipdns_fileio_open(const char *path, size_t cap, unsigned flags,
		       struct stat *sb, struct sipdns_fileio_error *e);

/* The same as a stdio stream ("r"; the caller fcloses it); NULL on failure. */
FILE *sipdns_fileio_fopen(const char *path, size_t cap, unsigned flags,
			  struct sipdns_fileio_error *e);

/* The whole file at path, at most cap bytes, malloc'd with a NUL after
 * its *len bytes (the caller frees it); NULL with *e on failure (ENOMEM
 * too). A file that grows past cap while it is read is refused as well. */
char *sipdns_fileio_read(const char *path, size_t cap, unsigned flags,
			 size_t *len, struct sipdns_fileio_error *e);

/* What went wrong, for a message: "is a FIFO, not a regular file",
 * "is larger than the cap of 64 MiB", strerror. Written to buf (len
 * bytes), which is returned. */
const char *sipdns_fileio_why(const struct sipdns_fileio_error *e, char *buf,
			      size_t len);

/* Room enough for sipdns_fileio_why's text. */
#define SIPDNS_FILEIO_WHY 96

#endif
