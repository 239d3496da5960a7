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

static const char **
slot(const char **v, size_t mask, const char *s)
{
	for (size_t i = hash(s) & mask; ; i = (i + 1) & mask)
		if (v[i] == NULL || strcmp(v[i], s) == 0)
			return &v[i];
}

/* Twice the slots, every string moved over. */
static bool
grow(struct sipdns_strset *set)
{
	size_t size = set->v == NULL ? 16 : (set->mask + 1) * 2;
	const char **v = calloc(size, sizeof(*v));
	if (v == NULL)
		return false;
	if (set->v != NULL)
		for (size_t i = 0; i <= set->mask; i++)
			if (set->v[i] != NULL)
				*slot(v, size - 1, set->v[i]) = set->v[i];
	free(set->v);
	set->v = v;
	set->mask = size - 1;
	return true;
}

bool
sipdns_strset_add(struct sipdns_strset *set, const char *s, bool *added)
{
	*added = false;
	if ((set->v == NULL || (set->n + 1) * 2 > set->mask + 1) && !grow(set))
		return false;
	const char **p = slot(set->v, set->mask, s);
	if (*p == NULL) {
		*p = s;
		set->n++;
		*added = true;
	}
	return true;
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
