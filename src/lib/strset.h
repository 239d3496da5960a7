/* strset.h -- a set of strings, hashed, for "seen it already?" at scale
 *
 * The set points at the strings it is given; they must outlive it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_STRSET_H
#define SIPDNS_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct sipdns_strset {
	const char **v;           /* open addressing, at most half full */
	size_t mask, n;
};

/* Add s; *added tells whether it was new. False when out of memory (the
 * set is unchanged). */
bool sipdns_strset_add(struct sipdns_strset *set, const char *s, bool *added);
/* Empty the set, keeping its memory for the next use. */
void sipdns_strset_clear(struct sipdns_strset *set);
/* Free the set's memory; the set is empty after. */
void sipdns_strset_free(struct sipdns_strset *set);

#endif
