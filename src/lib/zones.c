/* zones.c -- a view's zones: the zone index and zone_for look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zones.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"

struct zone_ref {
	const char *name;
	const struct sipdns_zone *zone;
};

/* A hash table of the view's zone names (open addressing, at most half
 * full): one probe per suffix of a name, where a sorted array needed a
 * binary search of strcmp calls (a tenth of check's time at 200,000
 * zones). */
struct sipdns_zone_index {
	struct zone_ref *v;
	size_t mask;
};

static size_t
zhash(const char *s)
{
	uint64_t h = 14695981039346656037u;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

/* The slot of name, or the empty slot where it would go. */
static struct zone_ref *
zslot(const struct sipdns_zone_index *x, const char *name)
{
	for (size_t i = zhash(name) & x->mask; ; i = (i + 1) & x->mask)
		if (x->v[i].name == NULL || strcmp(x->v[i].name, name) == 0)
			return &x->v[i];
}

struct sipdns_zone_index *
sipdns_zone_index_create(const struct sipdns_topology *t, enum sipdns_view_id v)
{
	const struct sipdns_view *view = &t->views[v];
	struct sipdns_zone_index *x = malloc(sizeof(*x));
	if (x == NULL)
		return NULL;
	size_t cap = 16;
	while (cap < 2 * view->n_zones && cap < SIZE_MAX / 4 / sizeof(*x->v))
		cap *= 2;
	x->mask = cap - 1;
	x->v = calloc(cap, sizeof(*x->v));
	if (x->v == NULL) {
		free(x);
		return NULL;
	}
	for (size_t i = 0; i < view->n_zones; i++) {
		struct zone_ref *z = zslot(x, view->zones[i].name);
		if (z->name == NULL)   /* a name given twice: its first zone */
			*z = (struct zone_ref){ view->zones[i].name, &view->zones[i] };
	}
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

/* The zone of the longest suffix of name (at a label boundary) that is a
 * zone of the view; NULL if none. */
const struct sipdns_zone *
sipdns_zone_index_find(const struct sipdns_zone_index *x, const char *name)
{
	for (const char *p = name; p != NULL; ) {
		const struct zone_ref *z = zslot(x, p);
		if (z->name != NULL)
			return z->zone;
		p = strchr(p, '.');
		if (p)
			p++;
	}
	return NULL;
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
