/* zones.h -- a view's zones: the zone index and zone_for look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ZONES_H
#define SIPDNS_ZONES_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* A hashed index of a view's zones, for look-ups at thousands of zones. It
 * points into the topology, which must outlive it. */
struct sipdns_zone_index;

/* NULL when out of memory; the caller frees it with
 * sipdns_zone_index_destroy. */
struct sipdns_zone_index *
sipdns_zone_index_create(const struct sipdns_topology *t,
			 enum sipdns_view_id v);
/* The topology's own index of view v's zones: the one the parse built
 * (sipdns_topology_build_zones), or built now for a topology made
 * another way (not safe from two threads at once then); NULL when out of
 * memory. Freed with the topology. */
const struct sipdns_zone_index *
sipdns_topology_zones(const struct sipdns_topology *t, enum sipdns_view_id v);
/* Build every view's index of t (zones, owned_elsewhere), once its views
 * are final (the parse's last step); false when out of memory. */
bool sipdns_topology_build_zones(struct sipdns_topology *t);

/* Free the indexes of t (zones, owned_elsewhere); sipdns_topology_destroy
 * does, and so must the owner of a topology made another way. */
void sipdns_topology_zones_free(struct sipdns_topology *t);

/* Is name (lower-case, no dot) owned elsewhere in view v: one of its
 * owned_elsewhere names, or under one of its *.X patterns (strictly
 * below X)? A hash look-up per label of name (a walk of the list for
 * each name was quadratic: verify --print-questions --view internal took
 * 60 s at 30,000 SIP domains). The sets are built as sipdns_topology_zones
 * builds its index; when they cannot be (out of memory), a walk of the
 * list answers. */
bool sipdns_topology_owned(const struct sipdns_topology *t,
			   enum sipdns_view_id v, const char *name);
/* Free an index; accepts NULL. */
void sipdns_zone_index_destroy(struct sipdns_zone_index *x);
/* The zone holding name (longest match), or NULL. */
const struct sipdns_zone *
sipdns_zone_index_find(const struct sipdns_zone_index *x, const char *name);

/* The same, when the zone near (of this index, or NULL) was the answer
 * for a name close by, as in a walk of names in DNS order: near itself
 * when it holds name (len bytes) and no zone of the view lies under it,
 * without a look-up; else sipdns_zone_index_find. */
const struct sipdns_zone *
sipdns_zone_index_find_near(const struct sipdns_zone_index *x,
			    const char *name, size_t len,
			    const struct sipdns_zone *near);

/* The zone of view v holding name (longest match), or NULL: by the
 * topology's index once the parse built it, else (while the parse
 * implies zones) a walk of the zones. */
const struct sipdns_zone *sipdns_zone_for(const struct sipdns_topology *t,
					  enum sipdns_view_id v,
					  const char *name);

#endif
