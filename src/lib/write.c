/* write.c -- a finished record set to stdout or to files, atomically
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "fileio.h"
#include "group.h"
#include "model.h"
#include "outlock.h"
#include "records.h"
#include "vec.h"
#include "zonefile.h"


/* ---- rendering into memory ----------------------------------------------- */

/* One memory stream, reused for every zone: opening one per zone took a
 * tenth of generate's time at 100,000 domains. */
struct renderer {
	FILE *fp;
	char *buf;     /* the text of the last rs_render(), len bytes */
	size_t len;
};

static bool
rs_open(struct renderer *rs)
{
	rs->buf = NULL;
	rs->len = 0;
	rs->fp = open_memstream(&rs->buf, &rs->len);
	return rs->fp != NULL;
}

static void
rs_close(struct renderer *rs)
{
	if (rs->fp != NULL)
		fclose(rs->fp);
	free(rs->buf);
}

/* Render into rs->buf (rs->len bytes), valid until the next call. */
static enum sipdns_status
rs_render(struct renderer *rs, const struct sipdns_topology *t,
	  const struct sipdns_group *g, size_t ng,
	  const struct sipdns_output_opts *o, uint32_t serial,
	  struct sipdns_diag *d)
{
	rewind(rs->fp);   /* the next flush sets len to what is written now */
	enum sipdns_status st = sipdns_format_render(rs->fp, t, g, ng, o,
						     serial, d);
	if (fflush(rs->fp) != 0 && st == SIPDNS_OK)
		st = SIPDNS_ENOMEM;
	return st;
}

/* ---- files --------------------------------------------------------------- */

struct pending {
	char *path, *tmp;
	bool unchanged, staged;   /* staged: tmp is in a staged view directory */
	int view;
	uint32_t serial;
	size_t records;
};

/* Write buf to the new file open at fd, then close it; path names the
 * file in messages. */
static bool
write_fd(int fd, const char *path, const char *buf, size_t len,
	 struct sipdns_diag *d)
{
	size_t off = 0;
	int err = 0;
	while (off < len && err == 0) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			err = w < 0 ? errno : ENOSPC;
		else
			off += (size_t)w;
	}
	if (err == 0 && fchmod(fd, 0644) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot write: %s (no file was changed)",
				strerror(err));
	return err == 0;
}

/* Write buf to a new temporary file beside path; the name goes to *tmpp. */
static bool
write_temp(const char *path, const char *buf, size_t len, char **tmpp,
	   struct sipdns_diag *d)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t tlen = strlen(path) + 16;
	char *tmp = malloc(tlen);
	if (tmp == NULL)
		return false;
	snprintf(tmp, tlen, "%.*s.%s.XXXXXX", (int)dlen, path,
		 slash ? slash + 1 : path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot create a temporary file beside it: %s",
				strerror(errno));
		free(tmp);
		return false;
	}
	*tmpp = tmp;   /* from here on the caller removes it on failure */
	return write_fd(fd, path, buf, len, d);
}

/* A view directory that does not exist yet is built whole under a
 * temporary name and renamed into place at the end: one rename instead
 * of one per file (200,000 zone files at 100,000 domains). */
struct stage {
	char *dir;      /* OUTDIR/.VIEW.XXXXXX, NULL when the view existed */
	char *final;    /* OUTDIR/VIEW; NULL for a view without zones */
};

/* Make or stage the directory of view v. */
static enum sipdns_status
view_dir(struct stage *sg, const char *outdir, enum sipdns_view_id v,
	 struct sipdns_diag *d)
{
	size_t len = strlen(outdir) + 32;
	sg->final = malloc(len);
	if (sg->final == NULL)
		return SIPDNS_ENOMEM;
	snprintf(sg->final, len, "%s/%s", outdir, sipdns_view_name(v));
	struct stat sb;
	if (lstat(sg->final, &sb) == 0 || errno != ENOENT)
		return sipdns_outlock_ensure_dir(sg->final, NULL, d) ? SIPDNS_OK : SIPDNS_EIO;
	sg->dir = malloc(len);
	if (sg->dir == NULL)
		return SIPDNS_ENOMEM;
	snprintf(sg->dir, len, "%s/.%s.XXXXXX", outdir, sipdns_view_name(v));
	if (mkdtemp(sg->dir) == NULL || chmod(sg->dir, 0755) != 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ sg->final, 0, 0 },
				NULL, "cannot create a temporary directory beside it: %s",
				strerror(errno));
		rmdir(sg->dir);
		free(sg->dir);
		sg->dir = NULL;
		return SIPDNS_EIO;
	}
	return SIPDNS_OK;
}

/* Write a file into a staged view directory; its name goes to *tmpp. */
static bool
write_staged(const struct stage *sg, const char *path, const char *buf,
	     size_t len, char **tmpp, struct sipdns_diag *d)
{
	const char *base = path + strlen(sg->final) + 1;
	size_t tlen = strlen(sg->dir) + strlen(base) + 2;
	char *tmp = malloc(tlen);
	if (tmp == NULL)
		return false;
	snprintf(tmp, tlen, "%s/%s", sg->dir, base);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot create it in the temporary directory %s: %s",
				sg->dir, strerror(errno));
		free(tmp);
		return false;
	}
	*tmpp = tmp;
	return write_fd(fd, path, buf, len, d);
}

/* ---- one zone file ------------------------------------------------------- */

/* The file a zone had before this run. */
struct old_file {
	char *buf;          /* NULL: none (or in a staged directory) */
	size_t len;
	bool has_serial;    /* serial was read from it */
	uint32_t serial;    /* 0 unless has_serial */
};

/* Name g's file in x, and what x reports of it. */
static enum sipdns_status
zone_path(const struct sipdns_group *g, const struct stage *vs,
	  const struct sipdns_output_opts *o, struct pending *x)
{
	size_t plen = strlen(vs->final) + strlen(g->zone->name) + 16;
	x->path = malloc(plen);
	if (x->path == NULL)
		return SIPDNS_ENOMEM;
	snprintf(x->path, plen, "%s/%s%s", vs->final, g->zone->name,
		 sipdns_format_ext(o->format));
	x->records = g->n;
	x->view = (int)g->view;
	return SIPDNS_OK;
}

/* The existing target path cannot be read, or is not a file to replace:
 * say why and what to do. Nothing is replaced. */
static enum sipdns_status
old_refused(const char *path, const struct sipdns_fileio_error *e,
	    struct sipdns_diag *d)
{
	char why[SIPDNS_FILEIO_WHY];
	sipdns_fileio_why(e, why, sizeof(why));
	struct sipdns_loc at = { path, 0, 0 };
	if (e->err == SIPDNS_FILEIO_ESYMLINK)
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "is a symbolic link; sipdns does not write through links (the link would keep pointing at the old zone, or be replaced by a file): remove the link, and point the DNS server at this file; nothing was written");
	else if (e->err == SIPDNS_FILEIO_ENOTREG)
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "the existing target %s, so it was not read or replaced: move it away; nothing was written",
				why);
	else
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "cannot read the existing file: %s; nothing was written",
				why);
	return SIPDNS_EIO;
}

/* The existing file of x into *old and, for a format with a serial and no
 * --serial, its serial: a file whose serial cannot be read is an error. */
static enum sipdns_status
read_old(const struct pending *x, const struct stage *vs,
	 const struct sipdns_group *g, const struct sipdns_output_opts *o,
	 struct old_file *old, struct sipdns_diag *d)
{
	struct sipdns_fileio_error e = { .err = ENOENT };
	/* a link is not followed: replacing it would leave its target stale */
	if (vs->dir == NULL)
		old->buf = sipdns_fileio_read(x->path, SIPDNS_MAX_ZONE_FILE,
					      SIPDNS_FILEIO_NOFOLLOW, &old->len, &e);
	if (old->buf == NULL && e.err != ENOENT)
		return old_refused(x->path, &e, d);
	if (!sipdns_format_info(o->format)->serial || old->buf == NULL ||
	    o->serial_set)
		return SIPDNS_OK;
	char origin[LDNS_MAX_DOMAINLEN + 2];
	snprintf(origin, sizeof(origin), "%s.", g->zone->name);
	old->has_serial = sipdns_zonefile_serial(old->buf, old->len, origin,
						 &old->serial);
	if (!old->has_serial) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ x->path, 0, 0 },
				NULL, "the existing file is not a zone file sipdns can read, so the next SOA serial is unknown: move it away, or pass --serial");
		free(old->buf);
		old->buf = NULL;
		return SIPDNS_EINPUT;
	}
	return SIPDNS_OK;
}

/* One zone file: read the existing file, render, and write the new text
 * to a temporary file unless it would not change. */
static enum sipdns_status
write_zone(const struct sipdns_topology *t, const struct sipdns_group *g,
	   const struct stage *vs, const struct sipdns_output_opts *o,
	   struct renderer *rs, struct pending *x, struct sipdns_diag *d)
{
	struct old_file old = { 0 };
	enum sipdns_status st = zone_path(g, vs, o, x);
	if (st != SIPDNS_OK || (st = read_old(x, vs, g, o, &old, d)) != SIPDNS_OK)
		return st;
	bool rendered = false;
	if (old.buf != NULL) {
		/* unchanged content keeps its serial and its file */
		uint32_t keep = o->serial_set ? o->serial : old.serial;
		st = rs_render(rs, t, g, 1, o, keep, d);
		rendered = true;
		if (st == SIPDNS_OK && rs->len == old.len &&
		    memcmp(rs->buf, old.buf, old.len) == 0) {
			x->unchanged = true;
			x->serial = keep;
		}
		free(old.buf);
		if (st != SIPDNS_OK || x->unchanged)
			return st;
	}
	if (!o->serial_set) {
		x->serial = sipdns_serial_next(old.has_serial, old.serial, o->now);
		st = rs_render(rs, t, g, 1, o, x->serial, d);
	} else {
		x->serial = o->serial;
		if (!rendered)
			st = rs_render(rs, t, g, 1, o, x->serial, d);
	}
	if (st != SIPDNS_OK)
		return st;
	x->staged = vs->dir != NULL;
	if (!(x->staged ? write_staged(vs, x->path, rs->buf, rs->len, &x->tmp, d)
			: write_temp(x->path, rs->buf, rs->len, &x->tmp, d)))
		return SIPDNS_EIO;
	return SIPDNS_OK;
}

/* ---- writer threads ------------------------------------------------------ */

/* Zones are rendered, and their files written, by up to MAX_WRITERS
 * threads, each a contiguous range of units (a zone; all zones at once for
 * a document format): creating 200,000 files is the file system's work,
 * and two threads in two view directories do it in little more than half
 * the time of one. Each keeps its own renderer, diagnostics and, for
 * stdout, text. */
enum { MAX_WRITERS = 4, ZONES_PER_WRITER = 256 };

struct writer;
/* Do unit i with renderer rs. */
typedef enum sipdns_status (*unit_fn)(struct writer *w, struct renderer *rs,
				      size_t i);

struct writer {
	const struct sipdns_topology *t;
	const struct sipdns_group *g;
	size_t ng;
	const struct stage *sg;  /* files: the view directories */
	const struct sipdns_output_opts *o;
	struct pending *p;       /* files: one for each zone */
	uint32_t serial;         /* stdout: the serial of every zone */
	unit_fn unit;
	size_t from, to;         /* units from .. to - 1 */
	atomic_bool *stop;       /* set by the first writer that fails */
	atomic_size_t *done;     /* units done by all writers */
	size_t total;            /* units of all writers */
	bool report;             /* this one calls o->progress */
	char *text;              /* stdout: what this writer rendered */
	size_t len, cap;
	struct sipdns_diag d;
	enum sipdns_status st;
};

static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	struct renderer rs;
	if (!rs_open(&rs))
		w->st = SIPDNS_ENOMEM;
	for (size_t i = w->from; i < w->to && w->st == SIPDNS_OK; i++) {
		if ((w->o->cancel && *w->o->cancel) || atomic_load(w->stop))
			break;
		w->st = w->unit(w, &rs, i);
		size_t done = atomic_fetch_add(w->done, 1) + 1;
		if (w->report && w->o->progress)
			w->o->progress(w->o->progress_arg, done, w->total);
	}
	if (w->st != SIPDNS_OK)
		atomic_store(w->stop, true);
	rs_close(&rs);
	return NULL;
}

/* How many writers for n units. */
static size_t
writers_for(size_t n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nw = cpus > 1 ? (size_t)cpus : 1;
	if (nw > MAX_WRITERS)
		nw = MAX_WRITERS;
	if (nw > n / ZONES_PER_WRITER)
		nw = n / ZONES_PER_WRITER ? n / ZONES_PER_WRITER : 1;
	return nw;
}

/* Wait for writer w (run it here if it got no thread), hand its
 * diagnostics to d and return its status. */
static enum sipdns_status
writer_join(struct writer *w, const pthread_t *tid, bool started, bool here,
	    struct sipdns_diag *d)
{
	if (started)
		pthread_join(*tid, NULL);
	else if (here)
		writer_run(w);
	for (size_t e = 0; e < w->d.n; e++) {
		const struct sipdns_diag_entry *x = &w->d.v[e];
		sipdns_diag_add(d, x->severity, x->loc, x->rule, "%s", x->message);
	}
	d->oom |= w->d.oom;
	sipdns_diag_fini(&w->d);
	return w->st;
}

/* Run units 0 .. n - 1 of proto's kind on nw threads (this one included),
 * and hand their diagnostics to d in unit order. w[] keeps each writer's
 * text; the caller frees it. */
static enum sipdns_status
run_writers(const struct writer *proto, size_t n, struct writer *w,
	    size_t *nwp, struct sipdns_diag *d)
{
	size_t nw = writers_for(n);
	pthread_t tid[MAX_WRITERS];
	bool started[MAX_WRITERS] = { false };
	atomic_bool stop = false;
	atomic_size_t done = 0;
	for (size_t k = 0; k < nw; k++) {
		w[k] = *proto;
		w[k].done = &done;
		w[k].total = n;
		w[k].report = k == 0;
		w[k].from = n * k / nw;
		w[k].to = n * (k + 1) / nw;
		w[k].stop = &stop;
		w[k].st = SIPDNS_OK;
		sipdns_diag_init(&w[k].d);
	}
	for (size_t k = 1; k < nw; k++)
		started[k] = pthread_create(&tid[k], NULL, writer_run, &w[k]) == 0;
	writer_run(&w[0]);
	enum sipdns_status st = SIPDNS_OK;
	for (size_t k = 0; k < nw; k++) {
		/* no thread for it: here, then */
		enum sipdns_status wst = writer_join(&w[k], &tid[k], started[k],
						     k > 0, d);
		if (st == SIPDNS_OK)
			st = wst;
	}
	if (st == SIPDNS_OK && proto->o->progress)
		proto->o->progress(proto->o->progress_arg, n, n);
	*nwp = nw;
	return st;
}

static enum sipdns_status
file_unit(struct writer *w, struct renderer *rs, size_t i)
{
	return write_zone(w->t, &w->g[i], &w->sg[w->g[i].view], w->o, rs,
			  &w->p[i], &w->d);
}

/* Render unit i and append it, after its separator, to the writer's text,
 * grown by doubling (an open_memstream of it all copied itself over at
 * every doubling). */
static enum sipdns_status
text_unit(struct writer *w, struct renderer *rs, size_t i)
{
	const struct sipdns_format_info *f = sipdns_format_info(w->o->format);
	enum sipdns_status st = rs_render(rs, w->t, f->document ? w->g : &w->g[i],
					  f->document ? w->ng : 1, w->o,
					  w->serial, &w->d);
	if (st != SIPDNS_OK)
		return st;
	const char *sep = i > 0 ? f->sep : "";
	size_t seplen = strlen(sep), need = w->len + seplen + rs->len;
	if (!sipdns_vec_reserve_bytes(&w->text, &w->cap, need))
		return SIPDNS_ENOMEM;
	memcpy(w->text + w->len, sep, seplen);
	memcpy(w->text + w->len + seplen, rs->buf, rs->len);
	w->len = need;
	return SIPDNS_OK;
}

/* ---- all files of a run -------------------------------------------------- */

/* Each view's directory, made or staged, before the writers start. */
static enum sipdns_status
stage_views(struct stage *sg, const struct sipdns_group *g, size_t ng,
	    const struct sipdns_output_opts *o, struct sipdns_diag *d)
{
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < ng && st == SIPDNS_OK; i++)
		if (sg[g[i].view].final == NULL)
			st = view_dir(&sg[g[i].view], o->outdir, g[i].view, d);
	return st;
}

/* Rename the new files of existing view directories into place. */
static enum sipdns_status
rename_files(struct pending *p, size_t ng, struct sipdns_diag *d)
{
	for (size_t i = 0; i < ng; i++) {
		if (p[i].tmp == NULL || p[i].staged)
			continue;
		if (rename(p[i].tmp, p[i].path) != 0) {
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ p[i].path, 0, 0 },
					NULL, "cannot rename the new file into place: %s",
					strerror(errno));
			return SIPDNS_EIO;
		}
		free(p[i].tmp);
		p[i].tmp = NULL;
	}
	return SIPDNS_OK;
}

/* Rename the staged view directories into place, with their files. */
static enum sipdns_status
rename_views(struct stage *sg, struct pending *p, size_t ng,
	     struct sipdns_diag *d)
{
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (sg[v].dir == NULL)
			continue;
		if (rename(sg[v].dir, sg[v].final) != 0) {
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ sg[v].final, 0, 0 },
					NULL, "cannot rename the new directory %s into place: %s",
					sg[v].dir, strerror(errno));
			return SIPDNS_EIO;
		}
		free(sg[v].dir);
		sg[v].dir = NULL;
		for (size_t i = 0; i < ng; i++)
			if (p[i].staged && p[i].view == v) {
				free(p[i].tmp);
				p[i].tmp = NULL;
			}
	}
	return SIPDNS_OK;
}

/* All written: make the new data durable with one flush of the file
 * system (a per-file fsync costs seconds at thousands of zones), then
 * rename them into place and flush the renames. */
static enum sipdns_status
commit(struct stage *sg, struct pending *p, size_t ng,
       const struct sipdns_output_opts *o, struct sipdns_diag *d)
{
	enum sipdns_status st = SIPDNS_OK;
	int dfd = open(o->outdir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0 || syncfs(dfd) != 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ o->outdir, 0, 0 },
				NULL, "cannot flush the new files to disk: %s (the previous files are kept)",
				strerror(errno));
		st = SIPDNS_EIO;
	}
	if (st == SIPDNS_OK)
		st = rename_files(p, ng, d);
	if (st == SIPDNS_OK)
		st = rename_views(sg, p, ng, d);
	if (dfd >= 0) {
		if (st == SIPDNS_OK)
			syncfs(dfd);
		close(dfd);
	}
	return st;
}

/* Remove what a failure left, log what was written, free it all. */
static void
finish(struct stage *sg, struct pending *p, size_t ng,
       const struct sipdns_output_opts *o, enum sipdns_status st)
{
	bool serial = sipdns_format_info(o->format)->serial;
	for (size_t i = 0; i < ng; i++) {
		if (p[i].tmp != NULL)
			unlink(p[i].tmp);
		else if (st == SIPDNS_OK && o->log != NULL && p[i].path != NULL) {
			fprintf(o->log, "%s %s (%zu record%s", p[i].unchanged
				? "unchanged" : "wrote", p[i].path, p[i].records,
				p[i].records == 1 ? "" : "s");
			if (serial)
				fprintf(o->log, ", serial %u", p[i].serial);
			fputs(")\n", o->log);
		}
		free(p[i].tmp);
		free(p[i].path);
	}
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (sg[v].dir != NULL)
			rmdir(sg[v].dir);   /* empty now: its files were removed */
		free(sg[v].dir);
		free(sg[v].final);
	}
}

static enum sipdns_status
write_files(const struct sipdns_topology *t, const struct sipdns_group *g,
	    size_t ng, const struct sipdns_output_opts *o,
	    struct sipdns_diag *d)
{
	struct pending *p = calloc(ng ? ng : 1, sizeof(*p));
	struct stage sg[SIPDNS_VIEW_COUNT] = { 0 };
	if (p == NULL)
		return SIPDNS_ENOMEM;
	/* one run at a time in outdir; a failed run removes the output
	 * directory it made */
	struct sipdns_outlock lk;
	enum sipdns_status st = sipdns_outlock_take(&lk, o->outdir,
						    o->wait_seconds, o->cancel, d);
	if (st != SIPDNS_OK) {
		free(p);
		return st;
	}
	sipdns_outlock_sweep(o->outdir, d);
	st = stage_views(sg, g, ng, o, d);
	if (st == SIPDNS_OK) {
		struct writer w[MAX_WRITERS];
		size_t nw;
		st = run_writers(&(struct writer){ .t = t, .g = g, .ng = ng,
						   .sg = sg, .o = o, .p = p,
						   .unit = file_unit },
				 ng, w, &nw, d);
	}
	if (st == SIPDNS_OK && o->cancel && *o->cancel) {
		st = SIPDNS_EIO;
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ o->outdir, 0, 0 },
				NULL, "interrupted: no file was changed");
	}
	if (st == SIPDNS_OK)
		st = commit(sg, p, ng, o, d);
	finish(sg, p, ng, o, st);
	/* a directory it made is empty now, as the view directories are */
	sipdns_outlock_release(&lk, o->outdir, st != SIPDNS_OK);
	free(p);
	return st;
}

/* Everything is rendered before the first byte goes out (a bad record
 * means no output). */
static enum sipdns_status
write_text(const struct sipdns_topology *t, const struct sipdns_group *g,
	   size_t ng, const struct sipdns_output_opts *o, FILE *out,
	   struct sipdns_diag *d)
{
	struct writer w[MAX_WRITERS];
	size_t nw = 0;
	uint32_t serial = o->serial_set ? o->serial
				       : sipdns_serial_next(false, 0, o->now);
	size_t units = sipdns_format_info(o->format)->document ? 1 : ng;
	enum sipdns_status st =
		run_writers(&(struct writer){ .t = t, .g = g, .ng = ng, .o = o,
					      .serial = serial,
					      .unit = text_unit },
			    units, w, &nw, d);
	for (size_t k = 0; k < nw; k++) {
		if (st == SIPDNS_OK && w[k].len > 0 &&
		    fwrite(w[k].text, 1, w[k].len, out) != w[k].len)
			st = SIPDNS_EIO;
		free(w[k].text);
	}
	return st;
}

enum sipdns_status
sipdns_write(const struct sipdns_topology *t, const struct sipdns_recset *s,
	     const struct sipdns_output_opts *o, FILE *out,
	     struct sipdns_diag *d)
{
	struct sipdns_group_set gs;
	enum sipdns_status st = sipdns_group_set_init(&gs, t, s, o->view);
	if (st != SIPDNS_OK)
		return st;
	if (o->outdir != NULL)
		st = write_files(t, gs.v, gs.n, o, d);
	else
		st = write_text(t, gs.v, gs.n, o, out, d);
	if (st == SIPDNS_EINPUT && d->errors == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ t->file, 0, 0 },
				NULL, "a record holds a character the %s format cannot carry; nothing was written",
				sipdns_format_name(o->format));
	sipdns_group_set_fini(&gs);
	return st;
}
