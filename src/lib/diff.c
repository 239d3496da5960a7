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
#include "load.h"
#include "records.h"
#include "verify.h"
#include "zonefile.h"

struct zrr {
	char *owner;
	ldns_rr *rr;
};

static int
zrr_cmp(const void *pa, const void *pb)
{
	return sipdns_name_cmp(((const struct zrr *)pa)->owner,
			       ((const struct zrr *)pb)->owner);
}

/* The zone records at q's name that answer it (its type, or an alias
 * for A and SRV), copied into q->answer; its state says what was found. */
static enum sipdns_status
answer_one(struct sipdns_question *q, struct zrr *z, size_t n)
{
	struct zrr key = { (char *)q->name, NULL };
	struct zrr *hit = bsearch(&key, z, n, sizeof(*z), zrr_cmp);
	if ((q->answer = ldns_rr_list_new()) == NULL)
		return SIPDNS_ENOMEM;
	if (hit == NULL) {
		q->state = SIPDNS_Q_NXDOMAIN;
		return SIPDNS_OK;
	}
	while (hit > z && zrr_cmp(hit - 1, &key) == 0)
		hit--;
	enum sipdns_status st = SIPDNS_OK;
	for (; hit < z + n && zrr_cmp(hit, &key) == 0; hit++) {
		ldns_rr_type ty = ldns_rr_get_type(hit->rr);
		if ((ty == q->type || (ty == LDNS_RR_TYPE_CNAME &&
		     q->type != LDNS_RR_TYPE_AAAA)) &&
		    !ldns_rr_list_push_rr(q->answer, ldns_rr_clone(hit->rr)))
			st = SIPDNS_ENOMEM;
	}
	q->state = ldns_rr_list_rr_count(q->answer) ? SIPDNS_Q_ANSWER
						   : SIPDNS_Q_NODATA;
	return st;
}

/* Is the zone of name in view v among the files given? */
static bool
zone_given(const struct sipdns_topology *t, enum sipdns_view_id v,
	   const char *name, const char *const *origins, size_t n_origins)
{
	const struct sipdns_zone *zone = sipdns_zone_for(t, v, name);
	for (size_t k = 0; zone && k < n_origins; k++)
		if (strcmp(origins[k], zone->name) == 0)
			return true;
	return false;
}

enum sipdns_status
sipdns_diff_answer(struct sipdns_verify_result *r,
		   const struct sipdns_topology *t, enum sipdns_view_id v,
		   const ldns_rr_list *rrs, const char *const *origins,
		   size_t n_origins)
{
	size_t n = ldns_rr_list_rr_count(rrs);
	struct zrr *z = calloc(n ? n : 1, sizeof(*z));
	if (z == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < n && st == SIPDNS_OK; i++) {
		z[i].rr = ldns_rr_list_rr(rrs, i);
		if ((z[i].owner = sipdns_zonefile_owner(z[i].rr)) == NULL)
			st = SIPDNS_ENOMEM;
	}
	if (st == SIPDNS_OK)
		qsort(z, n, sizeof(*z), zrr_cmp);
	size_t w = 0;
	for (size_t i = 0; i < r->n_q && st == SIPDNS_OK; i++) {
		struct sipdns_question q = r->q[i];
		if (q.view != v || !zone_given(t, v, q.name, origins, n_origins))
			continue;   /* only names whose zone was given */
		st = answer_one(&q, z, n);
		r->q[w++] = q;
	}
	r->n_q = w;   /* questions of other views are dropped too */
	for (size_t i = 0; i < n; i++)
		free(z[i].owner);
	free(z);
	return st;
}

/* Load one zone file into rrs; its zone name (lower-case, no dot) goes to
 * *origin (malloc'd). What is wrong goes to d, at the file and line. */
static enum sipdns_status
load_zone(const char *path, ldns_rr_list *rrs, char **origin,
	  struct sipdns_diag *d)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot open: %s", strerror(errno));
		return SIPDNS_EINPUT;
	}
	struct stat sb;
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > SIPDNS_MAX_ZONE_FILE) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "not a regular file of at most %d MiB; diff reads zone files",
				SIPDNS_MAX_ZONE_FILE / (1024 * 1024));
		fclose(fp);
		return SIPDNS_EINPUT;
	}
	enum sipdns_status st = sipdns_zone_file_read(fp, path, rrs, origin, d);
	fclose(fp);
	return st;
}

enum sipdns_status
sipdns_job_diff(struct sipdns_job *j, const struct sipdns_verify_opts *o,
		const char *const *paths, size_t n,
		struct sipdns_verify_result *r)
{
	ldns_rr_list *rrs = ldns_rr_list_new();
	char **origins = calloc(n ? n : 1, sizeof(*origins));
	enum sipdns_status st = rrs && origins ? SIPDNS_OK : SIPDNS_ENOMEM;
	for (size_t i = 0; st == SIPDNS_OK && i < n; i++) {
		st = load_zone(paths[i], rrs, &origins[i], &j->diag);
		if (st == SIPDNS_OK && o->cancel && *o->cancel)
			st = SIPDNS_ECANCELLED;
	}
	enum sipdns_view_id v = (enum sipdns_view_id)o->view;
	if (st == SIPDNS_OK)
		st = sipdns_verify_questions(j->t, &j->set, o, r);
	if (st == SIPDNS_OK)
		st = sipdns_diff_answer(r, j->t, v, rrs,
					(const char *const *)origins, n);
	if (st == SIPDNS_OK && o->cancel && *o->cancel)
		st = SIPDNS_ECANCELLED;
	if (st == SIPDNS_OK)
		st = sipdns_compare(j->t, &j->set, o, r);
	for (size_t i = 0; origins && i < n; i++)
		free(origins[i]);
	free(origins);
	if (rrs)
		ldns_rr_list_deep_free(rrs);
	return st;
}
