/* group.c -- a record set as units per view and zone, with delegations
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "group.h"

#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "records.h"
#include "zones.h"

struct gkey {
	const struct sipdns_record *r;
	size_t zone_idx, pos;
};

static int
gkey_cmp(const void *pa, const void *pb)
{
	const struct gkey *a = pa, *b = pb;
	if (a->r->view != b->r->view)
		return a->r->view < b->r->view ? -1 : 1;
	if (a->zone_idx != b->zone_idx)
		return a->zone_idx < b->zone_idx ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

struct zparent {
	const struct sipdns_zone *parent, *zone;
};

static int
zparent_cmp(const void *pa, const void *pb)
{
	const struct zparent *a = pa, *b = pb;
	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	return a->zone < b->zone ? -1 : a->zone > b->zone;
}

/* For every zone of view v: the zones it delegates to (its closest
 * enclosed zones), as slices of one array. */
static bool
delegations(const struct sipdns_topology *t, enum sipdns_view_id v,
	    const struct sipdns_zone_index *idx, struct sipdns_group *g,
	    const struct sipdns_zone **children, size_t *used)
{
	const struct sipdns_view *view = &t->views[v];
	struct zparent *zp = malloc((view->n_zones ? view->n_zones : 1) * sizeof(*zp));
	if (zp == NULL)
		return false;
	size_t n = 0;
	for (size_t i = 0; i < view->n_zones; i++) {
		const char *dot = strchr(view->zones[i].name, '.');
		const struct sipdns_zone *p = dot ? sipdns_zone_index_find(idx, dot + 1) : NULL;
		if (p != NULL)
			zp[n++] = (struct zparent){ p, &view->zones[i] };
	}
	qsort(zp, n, sizeof(*zp), zparent_cmp);
	for (size_t i = 0; i < n; i++) {
		struct sipdns_group *pg = &g[zp[i].parent - view->zones];
		if (pg->n_children == 0)
			pg->children = children + *used;
		children[(*used)++] = zp[i].zone;
		pg->n_children++;
	}
	free(zp);
	return true;
}

void
sipdns_group_set_fini(struct sipdns_group_set *gs)
{
	free(gs->v);
	free(gs->recs);
	free(gs->children);
	memset(gs, 0, sizeof(*gs));
}

/* The records of the selected views that have a zone, sorted by view,
 * zone and creation, into gs->recs; the keys are returned (free()). */
static struct gkey *
sorted_keys(struct sipdns_group_set *gs, const struct sipdns_topology *t,
	    const struct sipdns_recset *s, int view, size_t *nkp)
{
	struct gkey *k = malloc((s->n ? s->n : 1) * sizeof(*k));
	if (k == NULL)
		return NULL;
	size_t nk = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		if (r->zone == NULL || (view >= 0 && (int)r->view != view))
			continue;
		k[nk++] = (struct gkey){ r, (size_t)(r->zone - t->views[r->view].zones), i };
	}
	qsort(k, nk, sizeof(*k), gkey_cmp);
	for (size_t i = 0; i < nk; i++)
		gs->recs[i] = k[i].r;
	*nkp = nk;
	return k;
}

/* The groups of view v, after those already in gs; k[*ki ..] are the
 * sorted keys not yet taken. */
static bool
view_groups(struct sipdns_group_set *gs, const struct sipdns_topology *t,
	    enum sipdns_view_id v, const struct gkey *k, size_t nk,
	    size_t *ki, size_t *used)
{
	gs->idx[v] = sipdns_topology_zones(t, v);
	if (gs->idx[v] == NULL ||
	    !delegations(t, v, gs->idx[v], gs->v + gs->n, gs->children, used))
		return false;
	for (size_t z = 0; z < t->views[v].n_zones; z++) {
		struct sipdns_group *x = &gs->v[gs->n++];
		x->view = v;
		x->zone = &t->views[v].zones[z];
		x->idx = gs->idx[v];
		x->recs = gs->recs + *ki;
		while (*ki < nk && k[*ki].r->view == v && k[*ki].zone_idx == z) {
			(*ki)++;
			x->n++;
		}
	}
	return true;
}

enum sipdns_status
sipdns_group_set_init(struct sipdns_group_set *gs,
		      const struct sipdns_topology *t,
		      const struct sipdns_recset *s, int view)
{
	memset(gs, 0, sizeof(*gs));
	size_t nz = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (view < 0 || view == v)
			nz += t->views[v].n_zones;
	gs->recs = malloc((s->n ? s->n : 1) * sizeof(*gs->recs));
	gs->v = calloc(nz ? nz : 1, sizeof(*gs->v));
	gs->children = malloc((nz ? nz : 1) * sizeof(*gs->children));
	size_t nk = 0;
	struct gkey *k = NULL;
	if (gs->recs == NULL || gs->v == NULL || gs->children == NULL ||
	    (k = sorted_keys(gs, t, s, view, &nk)) == NULL)
		goto fail;
	size_t ki = 0, used = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if ((view < 0 || view == v) &&
		    !view_groups(gs, t, (enum sipdns_view_id)v, k, nk, &ki, &used))
			goto fail;
	free(k);
	return SIPDNS_OK;
fail:
	free(k);
	sipdns_group_set_fini(gs);
	return SIPDNS_ENOMEM;
}

bool
sipdns_group_needs_glue(const struct sipdns_group *g,
			const struct sipdns_host *h)
{
	return h->addr.v4 != NULL && sipdns_name_in_domain(h->fqdn, g->zone->name) &&
	       sipdns_zone_index_find(g->idx, h->fqdn) != g->zone;
}
