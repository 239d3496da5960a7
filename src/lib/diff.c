/* diff.c -- the diff pipeline: zone files as answers -> compare
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "diff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compare.h"
#include "fileio.h"
#include "load.h"
#include "axfr.h"
#include "records.h"
#include "tsig.h"
#include "verify.h"
#include "zonefile.h"
#include "zones.h"

struct zrr {
	char *owner;
	ldns_rr *rr;
	uint32_t age;      /* its Windows export's [AGE:n] hours, 0: none */
};

/* One zone's records, sorted by owner in canonical order (RFC 4034
 * 6.1): a name's records, then the names below it, are contiguous. */
struct zdata {
	struct zrr *z;
	size_t n;
	const struct sipdns_diff_zone *src;
};

static int
zrr_cmp(const void *pa, const void *pb)
{
	return sipdns_name_cmp(((const struct zrr *)pa)->owner,
			       ((const struct zrr *)pb)->owner);
}

/* Is a strictly below b? */
static bool
name_below(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return la > lb + 1 && a[la - lb - 1] == '.' &&
	       strcmp(a + la - lb, b) == 0;
}

/* The first record whose owner is not before name. */
static size_t
lower(const struct zdata *zd, const char *name)
{
	size_t lo = 0, hi = zd->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sipdns_name_cmp(zd->z[mid].owner, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The records owned by name: [*lo, return). */
static size_t
owned(const struct zdata *zd, const char *name, size_t *lo)
{
	size_t i = *lo = lower(zd, name);
	while (i < zd->n && strcmp(zd->z[i].owner, name) == 0)
		i++;
	return i;
}

/* Does name exist: records at it, or below it (an empty non-terminal)? */
static bool
exists(const struct zdata *zd, const char *name)
{
	size_t i = lower(zd, name);
	return i < zd->n && (strcmp(zd->z[i].owner, name) == 0 ||
			     name_below(zd->z[i].owner, name));
}

static const char *
parent(const char *name)
{
	const char *dot = strchr(name, '.');
	return dot ? dot + 1 : NULL;
}

/* The NS targets at a zone cut at or above name (below the apex; the
 * one nearest the apex holds), as "ns1.x. ns2.x.", into *out; NULL when
 * there is none. */
static enum sipdns_status
find_cut(const struct zdata *zd, const char *name, char **out)
{
	const char *sfx[LDNS_MAX_DOMAINLEN / 2 + 1];
	size_t ns = 0;
	for (const char *p = name; p && name_below(p, zd->src->origin) &&
	     ns < sizeof(sfx) / sizeof(sfx[0]); p = parent(p))
		sfx[ns++] = p;
	*out = NULL;
	for (size_t k = ns; k-- > 0 && *out == NULL;) {
		size_t lo, hi = owned(zd, sfx[k], &lo);
		size_t len = 0;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = lo; i < hi; i++) {
				if (ldns_rr_get_type(zd->z[i].rr) != LDNS_RR_TYPE_NS)
					continue;
				char *s = ldns_rdf2str(ldns_rr_rdf(zd->z[i].rr, 0));
				if (s == NULL)
					return SIPDNS_ENOMEM;
				if (pass == 0)
					len += strlen(s) + 1;
				else
					strcat(strcat(*out, **out ? " " : ""), s);
				free(s);
			}
			if (len == 0)
				break;
			if (pass == 0 && (*out = calloc(1, len + 1)) == NULL)
				return SIPDNS_ENOMEM;
		}
	}
	return SIPDNS_OK;
}

/* The answer record just taken into q (of at most n) was dynamically
 * registered at hours: into q->age. */
static bool
take_age(struct sipdns_question *q, size_t n, uint32_t hours)
{
	if (q->age == NULL && (q->age = calloc(n, sizeof(*q->age))) == NULL)
		return false;
	q->age[ldns_rr_list_rr_count(q->answer) - 1] = hours;
	return true;
}

/* The records of [lo, hi) that answer q (its type, or an alias for A and
 * SRV), copied into q->answer; with rewrite, owned by q's name. */
static enum sipdns_status
take(struct sipdns_question *q, const struct zdata *zd, size_t lo, size_t hi,
     bool rewrite)
{
	for (size_t i = lo; i < hi; i++) {
		ldns_rr_type ty = ldns_rr_get_type(zd->z[i].rr);
		if (ty != q->type && (ty != LDNS_RR_TYPE_CNAME ||
				      q->type == LDNS_RR_TYPE_AAAA))
			continue;
		ldns_rr *c = ldns_rr_clone(zd->z[i].rr);
		if (c == NULL || !ldns_rr_list_push_rr(q->answer, c)) {
			ldns_rr_free(c);
			return SIPDNS_ENOMEM;
		}
		if (zd->z[i].age > 0 && !take_age(q, hi - lo, zd->z[i].age))
			return SIPDNS_ENOMEM;
		if (rewrite) {
			char buf[LDNS_MAX_DOMAINLEN + 2];
			snprintf(buf, sizeof(buf), "%s.", q->name);
			ldns_rdf *o = ldns_dname_new_frm_str(buf), *old = ldns_rr_owner(c);
			if (o == NULL)
				return SIPDNS_ENOMEM;
			ldns_rr_set_owner(c, o);
			ldns_rdf_deep_free(old);
		}
	}
	q->state = ldns_rr_list_rr_count(q->answer) ? SIPDNS_Q_ANSWER
						   : SIPDNS_Q_NODATA;
	return SIPDNS_OK;
}

/* A name that does not exist: its closest encloser's wildcard answers
 * (RFC 4592 3.3.1), else NXDOMAIN. */
static enum sipdns_status
answer_absent(struct sipdns_question *q, const struct zdata *zd)
{
	const char *ce = parent(q->name);
	while (ce && strcmp(ce, zd->src->origin) != 0 && !exists(zd, ce))
		ce = parent(ce);
	char wild[LDNS_MAX_DOMAINLEN + 4];
	size_t lo, hi = 0;
	if (ce != NULL && (size_t)snprintf(wild, sizeof(wild), "*.%s", ce) < sizeof(wild))
		hi = owned(zd, wild, &lo);
	if (hi == 0 || lo == hi) {
		q->state = SIPDNS_Q_NXDOMAIN;
		return SIPDNS_OK;
	}
	if ((q->wildcard = strdup(wild)) == NULL)
		return SIPDNS_ENOMEM;
	return take(q, zd, lo, hi, true);
}

/* Answer q from one zone's records, as its authoritative server would. */
static enum sipdns_status
answer_one(struct sipdns_question *q, const struct zdata *zd)
{
	enum sipdns_status st = find_cut(zd, q->name, &q->delegated);
	if (st != SIPDNS_OK || q->delegated) {
		q->state = SIPDNS_Q_NOTAUTH;   /* the child zone's to say */
		return st;
	}
	if ((q->answer = ldns_rr_list_new()) == NULL)
		return SIPDNS_ENOMEM;
	size_t lo, hi = owned(zd, q->name, &lo);
	if (lo < hi)
		return take(q, zd, lo, hi, false);
	if (exists(zd, q->name)) {
		q->state = SIPDNS_Q_NODATA;   /* an empty non-terminal */
		return SIPDNS_OK;
	}
	return answer_absent(q, zd);
}

/* The zone data for q: its view's zone that holds it, if given. */
static const struct zdata *
zone_of(const struct sipdns_topology *t, const struct sipdns_question *q,
	const struct zdata *zd, size_t n)
{
	const struct sipdns_zone *zone = sipdns_zone_for(t, q->view, q->name);
	for (size_t k = 0; zone && k < n; k++)
		if (zd[k].src->view == q->view &&
		    strcmp(zd[k].src->origin, zone->name) == 0)
			return &zd[k];
	return NULL;
}

static void
zdata_free(struct zdata *zd, size_t n)
{
	for (size_t k = 0; zd && k < n; k++) {
		for (size_t i = 0; i < zd[k].n; i++)
			free(zd[k].z[i].owner);
		free(zd[k].z);
	}
	free(zd);
}

static enum sipdns_status
zdata_make(struct zdata *zd, const struct sipdns_diff_zone *src)
{
	size_t n = ldns_rr_list_rr_count(src->rrs);
	zd->src = src;
	if ((zd->z = calloc(n ? n : 1, sizeof(*zd->z))) == NULL)
		return SIPDNS_ENOMEM;
	for (size_t i = 0; i < n; i++, zd->n++) {
		zd->z[i].rr = ldns_rr_list_rr(src->rrs, i);
		zd->z[i].age = src->age ? src->age[i] : 0;
		if ((zd->z[i].owner = sipdns_zonefile_owner(zd->z[i].rr)) == NULL)
			return SIPDNS_ENOMEM;
	}
	qsort(zd->z, n, sizeof(*zd->z), zrr_cmp);
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_diff_answer(struct sipdns_verify_result *r,
		   const struct sipdns_topology *t,
		   const struct sipdns_diff_zone *zones, size_t n)
{
	struct zdata *zd = calloc(n ? n : 1, sizeof(*zd));
	enum sipdns_status st = zd ? SIPDNS_OK : SIPDNS_ENOMEM;
	for (size_t k = 0; k < n && st == SIPDNS_OK; k++)
		st = zdata_make(&zd[k], &zones[k]);
	size_t w = 0;
	for (size_t i = 0; i < r->n_q && st == SIPDNS_OK; i++) {
		struct sipdns_question q = r->q[i];
		const struct zdata *z = zone_of(t, &q, zd, n);
		if (z == NULL)
			continue;   /* only names whose zone was given */
		st = answer_one(&q, z);
		r->q[w++] = q;
	}
	r->n_q = w;   /* the questions not answered hold nothing */
	zdata_free(zd, n);
	return st;
}

/* Load one zone file into rrs; its zone name (lower-case, no dot) goes to
 * *origin (malloc'd). What is wrong goes to d, at the file and line. */
static enum sipdns_status
load_zone(const char *path, const char *zone, ldns_rr_list *rrs,
	  char **origin, uint32_t **age, struct sipdns_diag *d)
{
	struct sipdns_fileio_error fe;
	FILE *fp = sipdns_fileio_fopen(path, SIPDNS_MAX_ZONE_FILE, 0, &fe);
	if (fp == NULL) {
		char why[SIPDNS_FILEIO_WHY];
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot open: %s%s",
				sipdns_fileio_why(&fe, why, sizeof(why)),
				fe.err < 0 ? "; diff reads zone files" : "");
		return SIPDNS_EINPUT;
	}
	enum sipdns_status st = sipdns_zone_file_read_aged(fp, path, zone, rrs,
							     origin, age, d);
	fclose(fp);
	return st;
}

/* The topology's name of zone origin in view v, or NULL. */
static const char *
view_zone(const struct sipdns_topology *t, enum sipdns_view_id v,
	  const char *origin)
{
	const struct sipdns_view *w = &t->views[v];
	for (size_t i = 0; w->present && i < w->n_zones; i++)
		if (strcmp(w->zones[i].name, origin) == 0)
			return w->zones[i].name;
	return NULL;
}

/* A file's zone that its view does not hold: say which view does. */
static void
not_in_view(const struct sipdns_topology *t, enum sipdns_view_id v,
	    const char *origin, const char *path, struct sipdns_diag *d)
{
	/* the other views, internal and external first as ever */
	enum sipdns_view_id o = v == SIPDNS_VIEW_INTERNAL ? SIPDNS_VIEW_EXTERNAL
							  : SIPDNS_VIEW_INTERNAL;
	for (int k = 0; k < SIPDNS_VIEW_COUNT && !view_zone(t, o, origin); k++)
		if (k != (int)v && view_zone(t, (enum sipdns_view_id)k, origin))
			o = (enum sipdns_view_id)k;
	const char *vn = sipdns_view_name(v), *on = sipdns_view_name(o);
	struct sipdns_loc at = { path, 0, 0 };
	if (view_zone(t, o, origin))
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
				"zone %s is not in the topology's %s view but in its %s view: put the file in a directory named %s, or pass --view %s; nothing was compared",
				origin, vn, on, on, on);
	else
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
				"zone %s is in no view of the topology: a file of another zone, or a zone to add to the topology's views; nothing was compared",
				origin);
}

/* Read file path of view v (zone: --zone, or NULL) into rrs and check it is one of v's zones, given
 * once; its description into r->files[i]. */
static enum sipdns_status
diff_file(struct sipdns_job *j, const char *path, const char *zone,
	  enum sipdns_view_id v, ldns_rr_list *rrs, uint32_t **age,
	  struct sipdns_verify_result *r)
{
	struct sipdns_diff_file *f = &r->files[r->n_files];
	char *origin = NULL;
	size_t before = ldns_rr_list_rr_count(rrs);
	enum sipdns_status st = load_zone(path, zone, rrs, &origin, age,
					  &j->diag);
	if (st != SIPDNS_OK)
		return st;
	*f = (struct sipdns_diff_file){ .path = path, .view = v,
		.zone = view_zone(j->t, v, origin),
		.records = ldns_rr_list_rr_count(rrs) - before };
	if (f->zone == NULL) {
		not_in_view(j->t, v, origin, path, &j->diag);
		st = SIPDNS_EINPUT;
	}
	for (size_t k = 0; st == SIPDNS_OK && k < r->n_files; k++)
		if (r->files[k].view == v && r->files[k].zone == f->zone) {
			sipdns_diag_add(&j->diag, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 }, NULL,
					"zone %s of the %s view is given twice (also %s): give each zone once",
					f->zone, sipdns_view_name(v), r->files[k].path);
			st = SIPDNS_EINPUT;
		}
	free(origin);
	if (st == SIPDNS_OK)
		r->n_files++;
	return st;
}

/* Read every file (each error is told, then the first one returned). */
static enum sipdns_status
diff_files(struct sipdns_job *j, const struct sipdns_verify_opts *o,
	   const char *const *paths, const enum sipdns_view_id *views,
	   size_t n, ldns_rr_list **rrs, uint32_t **ages,
	   struct sipdns_verify_result *r)
{
	enum sipdns_status first = SIPDNS_OK;
	for (size_t i = 0; i < n; i++) {
		if ((rrs[i] = ldns_rr_list_new()) == NULL)
			return SIPDNS_ENOMEM;
		enum sipdns_status st = diff_file(j, paths[i], o->zone, views[i],
						  rrs[i], &ages[i], r);
		if (st != SIPDNS_OK && st != SIPDNS_EINPUT)
			return st;
		if (first == SIPDNS_OK)
			first = st;
		if (o->cancel && *o->cancel)
			return SIPDNS_ECANCELLED;
	}
	return first;
}

/* --axfr: the zones of view v (or only o->zone) from the server, each
 * into its own rrs[i] and r->files[i]. */
static enum sipdns_status
diff_axfr(struct sipdns_job *j, const struct sipdns_verify_opts *o,
	  enum sipdns_view_id v, const struct sipdns_tsig *key,
	  ldns_rr_list **rrs, struct sipdns_verify_result *r)
{
	const struct sipdns_view *w = &j->t->views[v];
	for (size_t i = 0; i < w->n_zones; i++) {
		const char *zone = w->zones[i].name;
		if (o->zone != NULL && strcmp(o->zone, zone) != 0)
			continue;
		size_t k = r->n_files;
		if ((rrs[k] = ldns_rr_list_new()) == NULL)
			return SIPDNS_ENOMEM;
		enum sipdns_status st = sipdns_axfr_zone(o->axfr, zone, key,
							 o->timeout_ms, rrs[k],
							 &j->diag);
		if (st != SIPDNS_OK)
			return st;
		r->files[r->n_files++] = (struct sipdns_diff_file){
			.path = o->axfr, .view = v, .zone = zone,
			.records = ldns_rr_list_rr_count(rrs[k]) };
		if (o->cancel && *o->cancel)
			return SIPDNS_ECANCELLED;
	}
	return SIPDNS_OK;
}

/* --axfr: which view, which zones, the key; then diff_axfr. */
static enum sipdns_status
diff_axfr_all(struct sipdns_job *j, const struct sipdns_verify_opts *o,
	      ldns_rr_list **rrs, struct sipdns_verify_result *r)
{
	struct sipdns_loc at = { o->axfr, 0, 0 };
	if (o->view < 0 || o->view >= SIPDNS_VIEW_COUNT ||
	    !j->t->views[o->view].present) {
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, at, NULL, o->view < 0 ?
				"--axfr needs --view internal, --view external or --view perimeter: the view the server serves" :
				"the topology has no %s view", o->view < 0 ? "" :
				sipdns_view_name((enum sipdns_view_id)o->view));
		return SIPDNS_EINPUT;
	}
	enum sipdns_view_id v = (enum sipdns_view_id)o->view;
	if (o->zone != NULL && view_zone(j->t, v, o->zone) == NULL) {
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, at, NULL,
				"--zone %s is not a zone of the topology's %s view",
				o->zone, sipdns_view_name(v));
		return SIPDNS_EINPUT;
	}
	struct sipdns_tsig key = { 0 };
	if (o->tsig_file != NULL && !sipdns_tsig_load(o->tsig_file, &key, &j->diag))
		return SIPDNS_EINPUT;
	enum sipdns_status st = diff_axfr(j, o, v, o->tsig_file ? &key : NULL,
					  rrs, r);
	sipdns_tsig_free(&key);
	return st;
}

/* How many sources: the files, or the zones --axfr transfers. */
static size_t
diff_sources(const struct sipdns_job *j, const struct sipdns_verify_opts *o,
	     size_t n)
{
	if (o->axfr == NULL)
		return n;
	size_t k = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		k += j->t->views[v].present ? j->t->views[v].n_zones : 0;
	return k;
}

enum sipdns_status
sipdns_job_diff(struct sipdns_job *j, const struct sipdns_verify_opts *o,
		const char *const *paths, const enum sipdns_view_id *views,
		size_t n, struct sipdns_verify_result *r)
{
	size_t ns = diff_sources(j, o, n);
	ldns_rr_list **rrs = calloc(ns ? ns : 1, sizeof(*rrs));
	uint32_t **ages = calloc(ns ? ns : 1, sizeof(*ages));
	struct sipdns_diff_zone *zones = calloc(ns ? ns : 1, sizeof(*zones));
	r->files = calloc(ns ? ns : 1, sizeof(*r->files));
	enum sipdns_status st = rrs && ages && zones && r->files ? SIPDNS_OK
								  : SIPDNS_ENOMEM;
	if (st == SIPDNS_OK && o->axfr != NULL)
		st = diff_axfr_all(j, o, rrs, r);
	else if (st == SIPDNS_OK)
		st = diff_files(j, o, paths, views, n, rrs, ages, r);
	n = o->axfr != NULL ? r->n_files : n;
	/* every view's questions; those of zones not given are dropped */
	struct sipdns_verify_opts all = *o;
	all.view = -1;
	if (st == SIPDNS_OK)
		st = sipdns_verify_questions(j->t, &j->set, &all, r);
	for (size_t i = 0; st == SIPDNS_OK && i < n; i++)
		zones[i] = (struct sipdns_diff_zone){ r->files[i].view,
			r->files[i].zone, rrs[i], ages[i] };
	if (st == SIPDNS_OK)
		st = sipdns_diff_answer(r, j->t, zones, n);
	if (st == SIPDNS_OK && o->cancel && *o->cancel)
		st = SIPDNS_ECANCELLED;
	if (st == SIPDNS_OK)
		st = sipdns_compare(j->t, &j->set, o, r);
	for (size_t i = 0; rrs && i < ns; i++)
		if (rrs[i])
			ldns_rr_list_deep_free(rrs[i]);
	for (size_t i = 0; ages && i < ns; i++)
		free(ages[i]);
	free(rrs);
	free(ages);
	free(zones);
	return st;
}
