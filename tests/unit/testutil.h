/* testutil.h -- helpers shared by the unit tests
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_TESTUTIL_H
#define SIPDNS_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "model.h"
#include "parse.h"
#include "records.h"

/* Read a whole file; NULL if it cannot be read. Caller frees. */
static inline char *
tu_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += r;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(fp);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = n;
	}
	return buf;
}

static int
tu_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir ending with suffix; NULL-terminated, caller frees
 * each and the array. */
static inline char **
tu_list(const char *dir, const char *suffix, size_t *count)
{
	DIR *d = opendir(dir);
	size_t n = 0, cap = 16;
	char **v = malloc(cap * sizeof(*v));
	struct dirent *e;
	while (d && v && (e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);
		if (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		if (n + 1 >= cap) {
			cap *= 2;
			char **nv = realloc(v, cap * sizeof(*v));
			if (nv == NULL)
				break;
			v = nv;
		}
		v[n++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (v) {
		qsort(v, n, sizeof(*v), tu_strcmp);
		v[n] = NULL;
	}
	*count = n;
	return v;
}

static inline void
tu_free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Diagnostics as sipdns prints them (no source echo), malloc'd. */
static inline char *
tu_diag_text(struct sipdns_diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	sipdns_diag_print(d, fp, true);
	fclose(fp);
	return buf;
}

/* A topology, its generated records and all diagnostics. */
struct tu_job {
	struct sipdns_topology *t;
	struct sipdns_recset set;
	struct sipdns_diag d;
	enum sipdns_status parse_status;
};

static inline void
tu_job_run(struct tu_job *j, const char *text, size_t len, const char *name)
{
	memset(j, 0, sizeof(*j));
	sipdns_diag_init(&j->d);
	sipdns_recset_init(&j->set);
	j->parse_status = sipdns_parse_buffer(text, len, name, &j->t, &j->d);
	if (j->parse_status != SIPDNS_OK)
		return;
	if (sipdns_generate(j->t, &j->set, &j->d) == SIPDNS_OK)
		sipdns_check(j->t, &j->set, &j->d);
}

static inline void
tu_job_run_str(struct tu_job *j, const char *text)
{
	tu_job_run(j, text, strlen(text), "t.yaml");
}

static inline void
tu_job_fini(struct tu_job *j)
{
	sipdns_recset_fini(&j->set);
	sipdns_diag_fini(&j->d);
	sipdns_topology_destroy(j->t);
}

/* Does the set hold "owner TYPE rdata" in view v? rdata as ldns prints it. */
static inline bool
tu_has(const struct sipdns_recset *s, enum sipdns_view_id v,
       const char *owner, const char *type, const char *rdata)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		if (r->view != v || strcmp(r->owner, owner) != 0)
			continue;
		char *t = ldns_rr_type2str(ldns_rr_get_type(r->rr));
		bool same = t && strcmp(t, type) == 0;
		free(t);
		if (!same)
			continue;
		char *all = ldns_rr2str(r->rr);
		char *p = all;
		for (int tabs = 0; *p && tabs < 4; p++)
			if (*p == '\t')
				tabs++;
		size_t l = strlen(p);
		while (l && (p[l - 1] == '\n' || p[l - 1] == ' '))
			p[--l] = '\0';
		same = strcmp(p, rdata) == 0;
		free(all);
		if (same)
			return true;
	}
	return false;
}

/* Count records of a type in a view. */
static inline size_t
tu_count(const struct sipdns_recset *s, enum sipdns_view_id v, ldns_rr_type t)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].view == v && ldns_rr_get_type(s->v[i].rr) == t;
	return n;
}

#endif
