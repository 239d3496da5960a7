/* zones.c -- a view's zones: the sorted zone index and zone_for look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zones.h"

#include <stdlib.h>
#include <string.h>

#include "name.h"

struct zone_ref {
	const char *name;
	const struct sipdns_zone *zone;
};

static int
zref_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct zone_ref *)pa)->name,
		      ((const struct zone_ref *)pb)->name);
}

/* Longest zone of the sorted index that holds name. */
static const struct sipdns_zone *
zone_lookup(const struct zone_ref *idx, size_t n, const char *name)
{
	for (const char *p = name; p != NULL; ) {
		struct zone_ref key = { p, NULL };
		const struct zone_ref *z = bsearch(&key, idx, n, sizeof(*idx),
						   zref_cmp);
		if (z != NULL)
			return z->zone;
		p = strchr(p, '.');
		if (p)
			p++;
	}
	return NULL;
}

struct sipdns_zone_index {
	struct zone_ref *v;
	size_t n;
};

struct sipdns_zone_index *
sipdns_zone_index_create(const struct sipdns_topology *t, enum sipdns_view_id v)
{
	const struct sipdns_view *view = &t->views[v];
	struct sipdns_zone_index *x = malloc(sizeof(*x));
	if (x == NULL)
		return NULL;
	x->n = view->n_zones;
	x->v = malloc((x->n ? x->n : 1) * sizeof(*x->v));
	if (x->v == NULL) {
		free(x);
		return NULL;
	}
	for (size_t i = 0; i < x->n; i++)
		x->v[i] = (struct zone_ref){ view->zones[i].name, &view->zones[i] };
	qsort(x->v, x->n, sizeof(*x->v), zref_cmp);
	return x;
}

void
sipdns_zone_index_destroy(struct sipdns_zone_index *x)
{
	if (x == NULL)
		return;
	free(x->v);
	free(x);
}

const struct sipdns_zone *
sipdns_zone_index_find(const struct sipdns_zone_index *x, const char *name)
{
	return zone_lookup(x->v, x->n, name);
}

const struct sipdns_zone *
sipdns_zone_for(const struct sipdns_topology *t, enum sipdns_view_id v,
		const char *name)
{
	const struct sipdns_view *view = &t->views[v];
	const struct sipdns_zone *best = NULL;
	for (size_t i = 0; i < view->n_zones; i++)
		if (sipdns_name_in_domain(name, view->zones[i].name) &&
		    (best == NULL || strlen(view->zones[i].name) > strlen(best->name)))
			best = &view->zones[i];
	return best;
}
