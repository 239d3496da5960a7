/* findings.c -- the findings of verify and diff: storage and names
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "vec.h"

const char *
sipdns_finding_name(enum sipdns_finding_kind k)
{
	switch (k) {
	case SIPDNS_F_MISSING: return "missing";
	case SIPDNS_F_UNEXPECTED: return "unexpected";
	case SIPDNS_F_CHANGED: return "changed";
	case SIPDNS_F_TTL: return "ttl";
	case SIPDNS_F_TARGET_ALIAS: return "target-alias";
	case SIPDNS_F_AAAA_ONLY: return "aaaa-only";
	case SIPDNS_F_UNVERIFIED: return "unverified";
	}
	return "?";
}

struct sipdns_finding *
sipdns_findings_add(struct sipdns_verify_result *r,
		    enum sipdns_finding_kind kind, enum sipdns_severity sev)
{
	if (!sipdns_vec_reserve(&r->f, &r->cap_f, r->n_f, sizeof(*r->f)))
		return NULL;
	struct sipdns_finding *f = &r->f[r->n_f++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->severity = sev;
	if (sev == SIPDNS_ERROR)
		r->errors++;
	else if (sev == SIPDNS_WARNING)
		r->warnings++;
	return f;
}

struct sipdns_finding *
sipdns_findings_add_fixed(struct sipdns_verify_result *r)
{
	if (!sipdns_vec_reserve(&r->fixed, &r->cap_fixed, r->n_fixed,
				sizeof(*r->fixed)))
		return NULL;
	struct sipdns_finding *f = &r->fixed[r->n_fixed++];
	memset(f, 0, sizeof(*f));
	return f;
}

bool
sipdns_findings_list_add(char **list, const char *line)
{
	size_t a = *list ? strlen(*list) : 0, b = strlen(line);
	char *n = realloc(*list, a + b + 2);
	if (n == NULL)
		return false;
	if (a)
		n[a++] = '\n';
	memcpy(n + a, line, b + 1);
	*list = n;
	return true;
}

char *
sipdns_findings_dup(const char *s, bool *ok)
{
	if (s == NULL)
		return NULL;
	char *d = strdup(s);
	if (d == NULL)
		*ok = false;
	return d;
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct sipdns_finding *a = pa, *b = pb;
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	int c = strcmp(a->zone ? a->zone : "", b->zone ? b->zone : "");
	if (c)
		return c;
	c = strcmp(a->name, b->name);
	if (c)
		return c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return a->kind < b->kind ? -1 : a->kind > b->kind;
}

void
sipdns_findings_sort(struct sipdns_verify_result *r)
{
	sipdns_findings_sort_list(r->f, r->n_f);
}

void
sipdns_findings_sort_list(struct sipdns_finding *f, size_t n)
{
	if (n > 1)
		qsort(f, n, sizeof(*f), finding_cmp);
}

static void
finding_fini(struct sipdns_finding *f)
{
	free(f->zone);
	free(f->name);
	free(f->want);
	free(f->got);
	free(f->reason);
	free(f->fact);
	free(f->detail);
	free(f->key);
}

void
sipdns_verify_result_fini(struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_q; i++) {
		ldns_rr_list_deep_free(r->q[i].answer);
		free(r->q[i].wildcard);
		free(r->q[i].delegated);
		free(r->q[i].age);
		free(r->q[i].detail);
	}
	free(r->q);
	for (size_t i = 0; i < r->n_f; i++)
		finding_fini(&r->f[i]);
	free(r->f);
	for (size_t i = 0; i < r->n_fixed; i++)
		finding_fini(&r->fixed[i]);
	free(r->fixed);
	free(r->files);
	for (size_t i = 0; i < r->n_not_checked; i++)
		finding_fini(&r->not_checked[i]);
	free(r->not_checked);
	memset(r, 0, sizeof(*r));
}
