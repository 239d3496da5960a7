/* strset.h -- a set of strings, hashed, for "seen it already?" at scale
 *
 * The set points at the strings it is given; they must outlive it. Each
 * string may carry a number (where it was first seen, say).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_STRSET_H
#define SIPDNS_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sipdns_strset_slot {
	const char *s;            /* NULL: empty */
	size_t val;               /* the number s carries */
	uint64_t h;               /* s's hash */
};

struct sipdns_strset {
	struct sipdns_strset_slot *v;  /* open addressing, at most half full */
	size_t mask, n;
};

/* Room for n strings without growing. False when out of memory (the set
 * unchanged). */
bool sipdns_strset_reserve(struct sipdns_strset *set, size_t n);

/* Add s with the number val unless it is there; *first is the number it
 * carries (val when new). False when out of memory (the set unchanged). */
bool sipdns_strset_put(struct sipdns_strset *set, const char *s, size_t val,
		       size_t *first);
/* Add s; *added tells whether it was new. False when out of memory. */
bool sipdns_strset_add(struct sipdns_strset *set, const char *s, bool *added);
/* Is s in the set? */
bool sipdns_strset_has(const struct sipdns_strset *set, const char *s);
/* Empty the set, keeping its memory for the next use. */
void sipdns_strset_clear(struct sipdns_strset *set);
/* Free the set's memory; the set is empty after. */
void sipdns_strset_free(struct sipdns_strset *set);

#endif
