/* plan.c -- the change plan: drift -> the smallest safe change list (pure)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "model.h"
#include "records.h"
#include "vec.h"
#include "zones.h"

const char *
sipdns_plan_prereq_name(enum sipdns_plan_prereq_kind k)
{
	switch (k) {
	case SIPDNS_PRE_NXDOMAIN: return "nxdomain";
	case SIPDNS_PRE_NXRRSET: return "nxrrset";
	case SIPDNS_PRE_RRSET: return "rrset";
	}
	return "?";
}

const char *
sipdns_plan_op_name(enum sipdns_plan_op op)
{
	return op == SIPDNS_PLAN_ADD ? "add" : "delete";
}

const char *
sipdns_plan_why_name(enum sipdns_plan_why w)
{
	switch (w) {
	case SIPDNS_WHY_MISSING: return "missing";
	case SIPDNS_WHY_CHANGED: return "changed";
	case SIPDNS_WHY_TTL: return "ttl";
	case SIPDNS_WHY_UNEXPECTED: return "unexpected";
	case SIPDNS_WHY_MUST_NOT: return "must-not-exist";
	case SIPDNS_WHY_CONFLICT: return "conflict";
	case SIPDNS_WHY_EMPTY: return "empty-zone";
	}
	return "?";
}

bool
sipdns_plan_over_threshold(const struct sipdns_plan *p, unsigned percent)
{
	if (p->n_managed == 0)
		return false;
	/* n_delete / n_managed > percent / 100, without rounding */
	return (unsigned long long)p->n_delete * 100 >
	       (unsigned long long)p->n_managed * percent;
}

static void
set_fini(struct sipdns_plan_set *s)
{
	for (size_t i = 0; i < s->n_ch; i++) {
		ldns_rr_free(s->ch[i].rr);
		free(s->ch[i].text);
		free(s->ch[i].reason);
		free(s->ch[i].fact);
	}
	free(s->ch);
	ldns_rr_list_deep_free(s->seen);
	free(s->owner);
}

static void
zone_fini(struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_sets; i++)
		set_fini(&z->sets[i]);
	free(z->sets);
	for (size_t i = 0; i < z->n_kept; i++) {
		free(z->kept[i].owner);
		free(z->kept[i].text);
	}
	free(z->kept);
	for (size_t i = 0; i < z->n_skip; i++) {
		free(z->skip[i].owner);
		free(z->skip[i].message);
		free(z->skip[i].want);
		free(z->skip[i].got);
	}
	free(z->skip);
}

void
sipdns_plan_free(struct sipdns_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n_z; i++)
		zone_fini(&p->z[i]);
	free(p->z);
	memset(p, 0, sizeof(*p));
}

/* One entry for every zone of view v. */
static bool
add_zones(struct sipdns_plan *p, size_t *cap, const struct sipdns_topology *t,
	  enum sipdns_view_id v)
{
	const struct sipdns_view *vw = &t->views[v];
	for (size_t i = 0; vw->present && i < vw->n_zones; i++) {
		if (!sipdns_vec_reserve(&p->z, cap, p->n_z, sizeof(*p->z)))
			return false;
		struct sipdns_plan_zone *z = &p->z[p->n_z++];
		memset(z, 0, sizeof(*z));
		z->view = v;
		z->zone = &vw->zones[i];
		z->name = vw->zones[i].name;
	}
	return true;
}

enum sipdns_status
sipdns_plan_make(const struct sipdns_topology *t, const struct sipdns_recset *s,
		 const struct sipdns_verify_result *r,
		 const struct sipdns_plan_opts *o, struct sipdns_plan *p)
{
	(void)s, (void)r;
	struct sipdns_plan np = { .prune = o->prune,
				  .include_self_registered = o->include_self_registered };
	size_t cap = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (!add_zones(&np, &cap, t, (enum sipdns_view_id)v)) {
			sipdns_plan_free(&np);
			return SIPDNS_ENOMEM;
		}
	*p = np;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_plan_empty(const struct sipdns_topology *t, const struct sipdns_recset *s,
		  const struct sipdns_plan_opts *o, struct sipdns_plan *p)
{
	(void)s;
	struct sipdns_plan np = { .prune = o->prune, .empty_zone = true,
				  .include_self_registered = o->include_self_registered };
	size_t cap = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if ((o->view < 0 || o->view == v) &&
		    !add_zones(&np, &cap, t, (enum sipdns_view_id)v)) {
			sipdns_plan_free(&np);
			return SIPDNS_ENOMEM;
		}
	*p = np;
	return SIPDNS_OK;
}

sipdns_plan_render_fn
sipdns_plan_renderer(const char *format)
{
	(void)format;
	return NULL;
}
