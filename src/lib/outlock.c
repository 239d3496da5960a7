/* outlock.c -- one run per output directory, and what killed runs left
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "outlock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "format.h"

/* ---- the lock ------------------------------------------------------------ */

bool
sipdns_outlock_ensure_dir(const char *path, bool *made, struct sipdns_diag *d)
{
	bool m = mkdir(path, 0755) == 0;
	if (made != NULL)
		*made = m;
	if (m || errno == EEXIST) {
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "exists and is not a directory");
		return false;
	}
	sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 }, NULL,
			"cannot create directory: %s", strerror(errno));
	return false;
}

/* The pid the holder wrote into the lock file at fd, or 0. */
static long
holder_pid(int fd)
{
	char buf[24];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *end;
	long pid = strtol(buf, &end, 10);
	return pid > 0 && (*end == '\n' || *end == '\0') ? pid : 0;
}

/* Is fd still the file at path (not removed by the run that held it)? */
static bool
still_there(int fd, const char *path)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open dir's lock file (making dir first when it is not there); -1 with
 * the reason in d. */
static int
open_lock(struct sipdns_outlock *l, const char *dir, struct sipdns_diag *d)
{
	bool made = false;
	if (!sipdns_outlock_ensure_dir(dir, &made, d))
		return -1;
	l->made |= made;
	int fd = open(l->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
			       O_NONBLOCK, 0644);
	if (fd < 0 && errno == ENOENT)
		return -2;   /* a run that made dir removed it meanwhile: again */
	struct stat sb;
	const char *why = NULL;
	if (fd < 0 || fstat(fd, &sb) != 0)
		why = strerror(errno);
	else if (!S_ISREG(sb.st_mode))
		why = "it is not a regular file: remove it";
	if (why != NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ l->path, 0, 0 },
				NULL, "cannot open the lock file: %s (nothing was written)",
				why);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Another run holds the lock of dir: say so. */
static void
busy(const struct sipdns_outlock *l, const char *dir, long pid,
     unsigned wait_s, struct sipdns_diag *d)
{
	char who[64];
	if (pid > 0)
		snprintf(who, sizeof(who), "another sipdns run (pid %ld)", pid);
	else
		snprintf(who, sizeof(who), "another run");
	struct sipdns_loc at = { dir, 0, 0 };
	if (wait_s == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "%s is writing %s (it holds %s); wait for it, or pass --wait SECONDS to have this run wait up to SECONDS for it; nothing was written",
				who, dir, l->path);
	else
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "%s was still writing %s (it holds %s) after --wait %u; run again when it has ended; nothing was written",
				who, dir, l->path, wait_s);
}

/* Lock the open lock file fd: 1 locked, 0 held by another run (*pid its
 * pid), -1 failed (reason in d). */
static int
try_lock(int fd, const struct sipdns_outlock *l, const char *dir, long *pid,
	 struct sipdns_diag *d)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 1;
	if (errno == EWOULDBLOCK || errno == EINTR) {
		*pid = holder_pid(fd);
		return 0;
	}
	/* no flock here (some network and FUSE file systems): refuse rather
	 * than write unguarded */
	sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ dir, 0, 0 }, NULL,
			"cannot lock %s: %s; sipdns writes a directory only while it holds that lock, so that two runs never mix their files: write to a local file system and copy from there (nothing was written)",
			l->path, strerror(errno));
	return -1;
}

/* Write our pid into the locked file, for the message of a run that has
 * to wait. */
static void
mark(int fd)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) != n)
		(void)ftruncate(fd, 0);   /* no pid rather than half of one */
}

enum sipdns_status
sipdns_outlock_take(struct sipdns_outlock *l, const char *dir, unsigned wait_s,
		    const volatile sig_atomic_t *cancel, struct sipdns_diag *d)
{
	size_t len = strlen(dir) + sizeof(SIPDNS_OUTLOCK_NAME) + 1;
	*l = (struct sipdns_outlock){ .fd = -1, .path = malloc(len) };
	if (l->path == NULL)
		return SIPDNS_ENOMEM;
	snprintf(l->path, len, "%s/%s", dir, SIPDNS_OUTLOCK_NAME);
	double until = now_s() + wait_s;
	int rc = -1, fd = -1;
	long pid = 0;
	/* the lock file stays open while a held lock is tried every tenth of
	 * a second; one locked but found removed (its run ended) is opened
	 * anew at once */
	for (int reopen = 0; reopen < 1000;) {
		if (fd < 0 && (fd = open_lock(l, dir, d)) == -2) {
			fd = -1;
			reopen++;
			continue;
		}
		if (fd < 0) {
			rc = -1;
			break;
		}
		rc = try_lock(fd, l, dir, &pid, d);
		if (rc == 1 && still_there(fd, l->path)) {
			l->fd = fd;
			mark(fd);
			return SIPDNS_OK;
		}
		if (rc == 1) {
			close(fd);
			fd = -1;
			reopen++;
			continue;
		}
		if (rc < 0 || now_s() >= until || (cancel && *cancel))
			break;
		nanosleep(&(struct timespec){ 0, 100 * 1000000L }, NULL);
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0 && l->made)
		unlink(l->path);   /* no run could lock it: ours alone */
	if (rc == 0 && cancel && *cancel)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ dir, 0, 0 },
				NULL, "interrupted while waiting for another run to end; nothing was written");
	else if (rc == 0)
		busy(l, dir, pid, wait_s, d);
	else if (rc == 1)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ l->path, 0, 0 },
				NULL, "the lock file keeps being replaced; nothing was written");
	sipdns_outlock_release(l, dir, true);
	return SIPDNS_EIO;
}

void
sipdns_outlock_release(struct sipdns_outlock *l, const char *dir,
		       bool remove_dir)
{
	if (l->fd >= 0) {
		/* removed while still held: a run waiting for it notices */
		unlink(l->path);
		close(l->fd);
		l->fd = -1;
	}
	if (remove_dir && l->made)
		rmdir(dir);   /* fails, as it should, unless it is empty */
	l->made = false;
	free(l->path);
	l->path = NULL;
}

/* ---- leftovers ----------------------------------------------------------- */

/* Does name end in ".XXXXXX", a mkstemp/mkdtemp suffix? */
static bool
temp_suffix(const char *name, size_t n)
{
	if (n < 8 || name[n - 7] != '.')
		return false;
	for (size_t i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return false;
	return true;
}

/* Is name (n bytes) a zone file name of some format: ZONE.EXT? */
static bool
zone_name(const char *name, size_t n)
{
	for (int f = 0; f < SIPDNS_FMT_COUNT; f++) {
		const char *ext = sipdns_format_ext((enum sipdns_format)f);
		size_t el = strlen(ext);
		if (n > el && memcmp(name + n - el, ext, el) == 0)
			return true;
	}
	return false;
}

/* Is name a temporary file of write_temp: .ZONE.EXT.XXXXXX? */
static bool
temp_file_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' && temp_suffix(name, n) &&
	       zone_name(name + 1, n - 8);
}

/* Is name a staging directory of view_dir: .VIEW.XXXXXX? */
static bool
stage_name(const char *name)
{
	size_t n = strlen(name);
	if (name[0] != '.' || !temp_suffix(name, n))
		return false;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		const char *vn = sipdns_view_name((enum sipdns_view_id)v);
		if (n - 8 == strlen(vn) && memcmp(name + 1, vn, n - 8) == 0)
			return true;
	}
	return false;
}

struct sweep {
	size_t files, dirs;
	struct sipdns_diag *d;
};

/* Remove the regular files in directory path whose names match; count
 * them in sw. */
static void
sweep_dir(const char *path, bool (*match)(const char *), struct sweep *sw)
{
	DIR *dp = opendir(path);
	if (dp == NULL)
		return;
	int dfd = dirfd(dp);
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		struct stat sb;
		if (!match(e->d_name) ||
		    fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode))
			continue;
		if (unlinkat(dfd, e->d_name, 0) == 0)
			sw->files++;
		else
			sipdns_diag_add(sw->d, SIPDNS_WARNING, (struct sipdns_loc){ path, 0, 0 },
					NULL, "cannot remove the leftover temporary file %s: %s",
					e->d_name, strerror(errno));
	}
	closedir(dp);
}

static bool
staged_file_name(const char *name)
{
	return zone_name(name, strlen(name));
}

/* A staging directory dir/name: its zone files, then itself. */
static void
sweep_stage(const char *dir, const char *name, struct sweep *sw)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *p = malloc(len);
	if (p == NULL)
		return;
	snprintf(p, len, "%s/%s", dir, name);
	struct stat sb;
	if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		sweep_dir(p, staged_file_name, sw);
		if (rmdir(p) == 0)
			sw->dirs++;
		else if (errno == ENOTEMPTY || errno == EEXIST)
			sipdns_diag_add(sw->d, SIPDNS_WARNING, (struct sipdns_loc){ p, 0, 0 },
					NULL, "a leftover staging directory of an interrupted run, kept: %s (it holds files sipdns did not write there)",
					strerror(errno));
		else
			sipdns_diag_add(sw->d, SIPDNS_WARNING, (struct sipdns_loc){ p, 0, 0 },
					NULL, "a leftover staging directory of an interrupted run, kept: cannot remove it: %s",
					strerror(errno));
	}
	free(p);
}

/* 1234567 as "1,234,567". */
static void
thousands(size_t n, char *buf, size_t len)
{
	char digits[32];
	int nd = snprintf(digits, sizeof(digits), "%zu", n);
	size_t o = 0;
	for (int i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

static void
sweep_say(const char *dir, const struct sweep *sw)
{
	char f[40], s[80] = "";
	thousands(sw->files, f, sizeof(f));
	if (sw->dirs > 0)
		snprintf(s, sizeof(s), " and %zu staging director%s", sw->dirs,
			 sw->dirs == 1 ? "y" : "ies");
	sipdns_diag_add(sw->d, SIPDNS_NOTE, (struct sipdns_loc){ dir, 0, 0 }, NULL,
			"removed %s leftover temporary file%s%s of an interrupted run",
			f, sw->files == 1 ? "" : "s", s);
}

void
sipdns_outlock_sweep(const char *dir, struct sipdns_diag *d)
{
	struct sweep sw = { 0, 0, d };
	DIR *dp = opendir(dir);
	struct dirent *e;
	while (dp != NULL && (e = readdir(dp)) != NULL)
		if (stage_name(e->d_name))
			sweep_stage(dir, e->d_name, &sw);
	if (dp != NULL)
		closedir(dp);
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		size_t len = strlen(dir) + 32;
		char *p = malloc(len);
		if (p == NULL)
			break;
		snprintf(p, len, "%s/%s", dir,
			 sipdns_view_name((enum sipdns_view_id)v));
		sweep_dir(p, temp_file_name, &sw);
		free(p);
	}
	if (sw.files > 0 || sw.dirs > 0)
		sweep_say(dir, &sw);
}
