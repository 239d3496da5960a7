/* strset.c -- a set of strings, hashed (see strset.h)
 *
 * SPDX-License-Identifier: MIT
 */
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a */
static size_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

static size_t
slot(const char *const *v, size_t mask, const char *s)
{
	size_t i = hash(s) & mask;
	while (v[i] != NULL && strcmp(v[i], s) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Twice the slots, every string moved over. */
static bool
grow(struct sipdns_strset *set)
{
	size_t size = set->v == NULL ? 16 : (set->mask + 1) * 2;
	const char **v = calloc(size, sizeof(*v));
	size_t *val = calloc(size, sizeof(*val));
	if (v == NULL || val == NULL) {
		free(v);
		free(val);
		return false;
	}
	for (size_t i = 0; set->v != NULL && i <= set->mask; i++)
		if (set->v[i] != NULL) {
			size_t k = slot(v, size - 1, set->v[i]);
			v[k] = set->v[i];
			val[k] = set->val[i];
		}
	free(set->v);
	free(set->val);
	set->v = v;
	set->val = val;
	set->mask = size - 1;
	return true;
}

bool
sipdns_strset_put(struct sipdns_strset *set, const char *s, size_t val,
		  size_t *first)
{
	if ((set->v == NULL || (set->n + 1) * 2 > set->mask + 1) && !grow(set))
		return false;
	size_t k = slot(set->v, set->mask, s);
	if (set->v[k] == NULL) {
		set->v[k] = s;
		set->val[k] = val;
		set->n++;
	}
	*first = set->val[k];
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
	free(set->val);
	*set = (struct sipdns_strset){ 0 };
}
