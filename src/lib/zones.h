/* zones.h -- a view's zones: the zone index and zone_for look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ZONES_H
#define SIPDNS_ZONES_H

#include "model.h"

/* A hashed index of a view's zones, for look-ups at thousands of zones. It
 * points into the topology, which must outlive it. */
struct sipdns_zone_index;

/* NULL when out of memory; the caller frees it with
 * sipdns_zone_index_destroy. */
struct sipdns_zone_index *
sipdns_zone_index_create(const struct sipdns_topology *t,
			 enum sipdns_view_id v);
/* Free an index; accepts NULL. */
void sipdns_zone_index_destroy(struct sipdns_zone_index *x);
/* The zone holding name (longest match), or NULL. */
const struct sipdns_zone *
sipdns_zone_index_find(const struct sipdns_zone_index *x, const char *name);

/* The zone of view v holding name (longest match), or NULL. Linear: for a
 * few look-ups; use a zone index for many. */
const struct sipdns_zone *sipdns_zone_for(const struct sipdns_topology *t,
					  enum sipdns_view_id v,
					  const char *name);

#endif
