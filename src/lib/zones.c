/* zones.c -- a view's zones: the zone index and zone_for look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zones.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "vec.h"

struct zone_ref {
	const char *name;
	const struct sipdns_zone *zone;
	uint64_t h;          /* the name's hash: a probe compares it first,
			      * without reading the name (a cache miss) */
	size_t len;
};

/* A hash table of the view's zone names (open addressing, at most half
 * full): one probe per suffix of a name, where a sorted array needed a
 * binary search of strcmp calls (a tenth of check's time at 200,000
 * zones). */
struct sipdns_zone_index {
	struct zone_ref *v;
	size_t mask;
	const struct sipdns_zone *zones;  /* the view's zones */
	bool *parent;        /* per zone: a zone of the view lies under it */
	/* bit k: a zone has k labels (bit 63: 63 or more); a suffix of
	 * another count is no zone, and is not probed (at 200,000 zones each
	 * probe is a cache miss, and most names have more labels than any
	 * zone) */
	uint64_t label_counts;
};

static uint64_t
label_bit(size_t labels)
{
	return (uint64_t)1 << (labels < 63 ? labels : 63);
}

/* Labels of a zone name as find counts them: "" has none. */
static size_t
labels_of(const char *name)
{
	size_t n = *name != '\0';
	for (const char *p = name; *p; p++)
		n += *p == '.' && p[1] != '\0';
	return n;
}

/* FNV-1a over the name from its last byte back to its first: the hashes
 * of all the suffixes of a name come out of one pass over it. */
#define ZHASH_INIT 14695981039346656037u
#define ZHASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 1099511628211u)

/* The slot of name (len bytes, hash h), or the empty slot where it would
 * go. */
static struct zone_ref *
zslot(const struct sipdns_zone_index *x, const char *name, size_t len,
      uint64_t h)
{
	for (size_t i = (size_t)(h ^ (h >> 29)) & x->mask; ; i = (i + 1) & x->mask)
		if (x->v[i].name == NULL ||
		    (x->v[i].h == h && x->v[i].len == len &&
		     memcmp(x->v[i].name, name, len) == 0))
			return &x->v[i];
}

static uint64_t
zhash(const char *s, size_t len)
{
	uint64_t h = ZHASH_INIT;
	while (len > 0)
		h = ZHASH_STEP(h, s[--len]);
	return h;
}

/* Names of more labels than any DNS name: each suffix hashed on its own. */
static const struct sipdns_zone *
find_slow(const struct sipdns_zone_index *x, const char *name)
{
	for (const char *p = name; p != NULL; ) {
		size_t len = strlen(p);
		const struct zone_ref *z = zslot(x, p, len, zhash(p, len));
		if (z->name != NULL)
			return z->zone;
		p = strchr(p, '.');
		if (p)
			p++;
	}
	return NULL;
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
	x->label_counts = 0;
	x->zones = view->zones;
	x->v = sipdns_zalloc(cap, sizeof(*x->v));
	x->parent = calloc(view->n_zones ? view->n_zones : 1, sizeof(bool));
	if (x->v == NULL || x->parent == NULL) {
		sipdns_zone_index_destroy(x);
		return NULL;
	}
	for (size_t i = 0; i < view->n_zones; i++) {
		const char *name = view->zones[i].name;
		size_t len = strlen(name);
		uint64_t h = zhash(name, len);
		struct zone_ref *z = zslot(x, name, len, h);
		if (z->name == NULL)   /* a name given twice: its first zone */
			*z = (struct zone_ref){ view->zones[i].name, &view->zones[i], h, len };
		x->label_counts |= label_bit(labels_of(name));
	}
	for (size_t i = 0; i < view->n_zones; i++) {   /* the zones above each */
		const char *dot = strchr(view->zones[i].name, '.');
		const struct sipdns_zone *up = dot ? sipdns_zone_index_find(x, dot + 1) : NULL;
		if (up != NULL)
			x->parent[up - view->zones] = true;
	}
	return x;
}

/* view v's owned_elsewhere into t's two sets (names; X of *.X) */
static bool
owned_build(struct sipdns_topology *t, enum sipdns_view_id v)
{
	const struct sipdns_view *vw = &t->views[v];
	bool ok = sipdns_strset_reserve(&t->owned_names[v], vw->n_owned_elsewhere);
	for (size_t i = 0; ok && i < vw->n_owned_elsewhere; i++) {
		const char *p = vw->owned_elsewhere[i];
		bool wild = strncmp(p, "*.", 2) == 0, added;
		ok = sipdns_strset_add(wild ? &t->owned_under[v] : &t->owned_names[v],
				       wild ? p + 2 : p, &added);
	}
	t->owned_built[v] = ok;
	return ok;
}

bool
sipdns_topology_build_zones(struct sipdns_topology *t)
{
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if ((t->zindex[v] == NULL &&
		     (t->zindex[v] = sipdns_zone_index_create(t, (enum sipdns_view_id)v)) == NULL) ||
		    (!t->owned_built[v] && !owned_build(t, (enum sipdns_view_id)v)))
			return false;
	return true;
}

void
sipdns_topology_zones_free(struct sipdns_topology *t)
{
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		sipdns_zone_index_destroy(t->zindex[v]);
		t->zindex[v] = NULL;
		sipdns_strset_free(&t->owned_names[v]);
		sipdns_strset_free(&t->owned_under[v]);
		t->owned_built[v] = false;
	}
}

/* the walk the sets replace, for a topology whose sets could not be had */
static bool
owned_linear(const struct sipdns_view *v, const char *name)
{
	for (size_t i = 0; i < v->n_owned_elsewhere; i++) {
		const char *p = v->owned_elsewhere[i];
		if (strncmp(p, "*.", 2) == 0) {
			size_t n = strlen(name), s = strlen(p + 1);
			if (n > s && strcmp(name + n - s, p + 1) == 0)
				return true;
		} else if (strcmp(p, name) == 0) {
			return true;
		}
	}
	return false;
}

bool
sipdns_topology_owned(const struct sipdns_topology *t, enum sipdns_view_id v,
		      const char *name)
{
	if (t->views[v].n_owned_elsewhere == 0)
		return false;
	if (!t->owned_built[v] && !owned_build((struct sipdns_topology *)t, v))
		return owned_linear(&t->views[v], name);
	if (sipdns_strset_has(&t->owned_names[v], name))
		return true;
	for (const char *p = strchr(name, '.'); p != NULL; p = strchr(p + 1, '.'))
		if (sipdns_strset_has(&t->owned_under[v], p + 1))
			return true;
	return false;
}

const struct sipdns_zone_index *
sipdns_topology_zones(const struct sipdns_topology *t, enum sipdns_view_id v)
{
	if (t->zindex[v] == NULL)   /* a topology the parse did not build */
		((struct sipdns_topology *)t)->zindex[v] = sipdns_zone_index_create(t, v);
	return t->zindex[v];
}

void
sipdns_zone_index_destroy(struct sipdns_zone_index *x)
{
	if (x == NULL)
		return;
	free(x->v);
	free(x->parent);
	free(x);
}

/* The zone of the longest suffix of name (at a label boundary) that is a
 * zone of the view; NULL if none. */
const struct sipdns_zone *
sipdns_zone_index_find(const struct sipdns_zone_index *x, const char *name)
{
	/* the hash of each suffix that starts a label, the shortest first;
	 * as the old suffix walk did, "" counts after a final dot */
	enum { MAX = 255 / 2 + 2 };   /* labels of the longest DNS name, and "" */
	uint64_t h[MAX], hh = ZHASH_INIT;
	size_t at[MAX], lab[MAX], n = 0, labels = 0, len = strlen(name);
	if (len == 0 || name[len - 1] == '.') {
		h[n] = hh;
		lab[n] = 0;
		at[n++] = len;
	}
	for (size_t i = len; i > 0; i--) {
		hh = ZHASH_STEP(hh, name[i - 1]);
		if (i > 1 && name[i - 2] != '.')
			continue;
		if (n == MAX)
			return find_slow(x, name);
		h[n] = hh;
		lab[n] = ++labels;
		at[n++] = i - 1;
	}
	while (n > 0) {   /* the longest first */
		n--;
		if (!(x->label_counts & label_bit(lab[n])))
			continue;
		const struct zone_ref *z = zslot(x, name + at[n], len - at[n], h[n]);
		if (z->name != NULL)
			return z->zone;
	}
	return NULL;
}

const struct sipdns_zone *
sipdns_zone_index_find_near(const struct sipdns_zone_index *x,
			    const char *name, size_t len,
			    const struct sipdns_zone *near)
{
	if (near != NULL && !x->parent[near - x->zones]) {
		size_t zl = strlen(near->name);
		if (len == zl ? memcmp(name, near->name, len) == 0
		    : len > zl && name[len - zl - 1] == '.' &&
		      memcmp(name + len - zl, near->name, zl) == 0)
			return near;
	}
	return sipdns_zone_index_find(x, name);
}

const struct sipdns_zone *
sipdns_zone_for(const struct sipdns_topology *t, enum sipdns_view_id v,
		const char *name)
{
	if (t->zindex[v] != NULL)   /* the parse is over: its index */
		return sipdns_zone_index_find(t->zindex[v], name);
	const struct sipdns_view *view = &t->views[v];
	const struct sipdns_zone *best = NULL;
	for (size_t i = 0; i < view->n_zones; i++)
		if (sipdns_name_in_domain(name, view->zones[i].name) &&
		    (best == NULL || strlen(view->zones[i].name) > strlen(best->name)))
			best = &view->zones[i];
	return best;
}
