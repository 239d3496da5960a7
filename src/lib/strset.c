/* strset.c -- a set of strings, hashed (see strset.h)
 *
 * SPDX-License-Identifier: MIT
 */
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

/* FNV-1a */
static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h ^ (h >> 29);
}

/* a slot compares its hash first: the strings of a hosting topology
 * share long prefixes ("tenant0000"), and reading one is a cache miss */
static size_t
slot(const struct sipdns_strset_slot *v, size_t mask, const char *s,
     uint64_t h)
{
	size_t i = (size_t)h & mask;
	while (v[i].s != NULL && (v[i].h != h || strcmp(v[i].s, s) != 0))
		i = (i + 1) & mask;
	return i;
}

/* size slots (a power of two), every string moved over. */
static bool
resize(struct sipdns_strset *set, size_t size)
{
	struct sipdns_strset_slot *v = sipdns_zalloc(size, sizeof(*v));
	if (v == NULL)
		return false;
	for (size_t i = 0; set->v != NULL && i <= set->mask; i++)
		if (set->v[i].s != NULL)
			v[slot(v, size - 1, set->v[i].s, set->v[i].h)] = set->v[i];
	free(set->v);
	set->v = v;
	set->mask = size - 1;
	return true;
}

bool
sipdns_strset_reserve(struct sipdns_strset *set, size_t n)
{
	size_t size = set->v == NULL ? 16 : set->mask + 1;
	while (size / 2 < n && size < SIZE_MAX / 4 / sizeof(*set->v))
		size *= 2;
	return size == (set->v == NULL ? 0 : set->mask + 1) || resize(set, size);
}

bool
sipdns_strset_put(struct sipdns_strset *set, const char *s, size_t val,
		  size_t *first)
{
	if ((set->v == NULL || (set->n + 1) * 2 > set->mask + 1) &&
	    !resize(set, set->v == NULL ? 16 : (set->mask + 1) * 2))
		return false;
	uint64_t h = hash(s);
	size_t k = slot(set->v, set->mask, s, h);
	if (set->v[k].s == NULL) {
		set->v[k] = (struct sipdns_strset_slot){ s, val, h };
		set->n++;
	}
	*first = set->v[k].val;
	return true;
}

bool
sipdns_strset_add(struct sipdns_strset *set, const char *s, bool *added)
{
	size_t before = set->n, first;
	bool ok = sipdns_strset_put(set, s, 0, &first);
	*added = set->n > before;
	return ok;
}

bool
sipdns_strset_has(const struct sipdns_strset *set, const char *s)
{
	return set->v != NULL && set->v[slot(set->v, set->mask, s, hash(s))].s != NULL;
}

void
sipdns_strset_clear(struct sipdns_strset *set)
{
	if (set->v != NULL && set->n > 0)
		memset(set->v, 0, (set->mask + 1) * sizeof(*set->v));
	set->n = 0;
}

void
sipdns_strset_free(struct sipdns_strset *set)
{
	free(set->v);
	*set = (struct sipdns_strset){ 0 };
}
