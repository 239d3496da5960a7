/* plan_write.c -- a verify or diff result's change plan, written out
 *
 * The public entry (sipdns.h): make the plan (plan.c) from the result
 * the job's comparison left, render it in the format asked for, and
 * write it to a stream or, atomically, to a file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

/* Write buf to path: a temporary file beside it, flushed, renamed. */
static enum sipdns_status
write_atomic(const char *path, const char *buf, size_t len,
	     struct sipdns_diag *d)
{
	size_t tl = strlen(path) + 16;
	char *tmp = malloc(tl);
	if (tmp == NULL)
		return SIPDNS_ENOMEM;
	snprintf(tmp, tl, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	const char *what = "cannot create a temporary file beside it";
	bool ok = fd >= 0;
	for (size_t off = 0; ok && off < len;) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		off += ok ? (size_t)w : 0;
		what = "cannot write";
	}
	if (ok && (fsync(fd) != 0 || fchmod(fd, 0644) != 0))
		ok = false, what = "cannot flush";
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok)
		ok = false, err = errno, what = "cannot close";
	if (ok && rename(tmp, path) != 0)
		ok = false, err = errno, what = "cannot rename the new file into place";
	if (!ok) {
		if (fd >= 0)
			unlink(tmp);
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "%s: %s", what, strerror(err));
	}
	free(tmp);
	return ok ? SIPDNS_OK : SIPDNS_EIO;
}

bool
sipdns_plan_format_known(const char *format)
{
	return sipdns_plan_renderer(format) != NULL;
}

enum sipdns_status
sipdns_job_plan_write(struct sipdns_job *j, const struct sipdns_verify_result *r,
		      const struct sipdns_plan_write_opts *o, FILE *out)
{
	sipdns_plan_render_fn render = sipdns_plan_renderer(o->format);
	if (render == NULL)
		return SIPDNS_EUSAGE;
	if (j->t == NULL || !j->set_ready)
		return SIPDNS_EINPUT;
	struct sipdns_plan_opts po = {
		.prune = o->prune,
		.include_self_registered = o->include_self_registered,
		.view = -1,
	};
	struct sipdns_plan p;
	enum sipdns_status st = sipdns_plan_make(j->t, &j->set, r, &po, &p);
	if (st != SIPDNS_OK)
		return st;
	struct sipdns_plan_render_opts ro = {
		.server = o->server, .server_port = o->server_port,
		.source = o->source, .made_from = o->made_from ? o->made_from : "sipdns",
		.view_server = { o->view_server[0], o->view_server[1],
				 o->view_server[SIPDNS_VIEW_PERIMETER] },
		.view_port = { o->view_port[0], o->view_port[1],
			       o->view_port[SIPDNS_VIEW_PERIMETER] },
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL) {
		sipdns_plan_free(&p);
		return SIPDNS_ENOMEM;
	}
	st = render(mem, &p, &ro, &j->diag);
	if (fclose(mem) != 0 && st == SIPDNS_OK)
		st = SIPDNS_ENOMEM;
	sipdns_plan_free(&p);
	if (st == SIPDNS_OK && o->path != NULL)
		st = write_atomic(o->path, buf, len, &j->diag);
	else if (st == SIPDNS_OK && fwrite(buf, 1, len, out) != len)
		st = SIPDNS_EIO;
	free(buf);
	return st;
}
