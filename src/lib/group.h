/* group.h -- a record set as units per view and zone, with delegations
 *
 * Every output format renders groups: one (view, zone) with its records in
 * canonical order, the zone index of its view, and the child zones it
 * delegates to.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_GROUP_H
#define SIPDNS_GROUP_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "status.h"

struct sipdns_record;
struct sipdns_recset;
struct sipdns_zone_index;

struct sipdns_group {
	enum sipdns_view_id view;
	const struct sipdns_zone *zone;
	const struct sipdns_record **recs;     /* into the set; n of them */
	size_t n;
	const struct sipdns_zone_index *idx;   /* zones of the view */
	const struct sipdns_zone **children;   /* zones delegated from this one */
	size_t n_children;
};

/* The groups of one run and what they point into besides the set. */
struct sipdns_group_set {
	struct sipdns_group *v;
	size_t n;
	const struct sipdns_record **recs;
	const struct sipdns_zone **children;
	const struct sipdns_zone_index *idx[SIPDNS_VIEW_COUNT];  /* the topology's */
};

/* Groups for every zone of view (-1: of both views) of the finished set s,
 * empty zones too, so that a zone file exists for each zone the topology
 * names; views in order, zones in topology order. The groups point into t
 * and s, which must outlive them; free with sipdns_group_set_fini (a failure
 * leaves nothing to free, and fini may still be called). SIPDNS_ENOMEM when out of memory. */
enum sipdns_status sipdns_group_set_init(struct sipdns_group_set *gs,
					 const struct sipdns_topology *t,
					 const struct sipdns_recset *s,
					 int view);
void sipdns_group_set_fini(struct sipdns_group_set *gs);

/* Does name server h of the zone of g, or of a zone it delegates to, need
 * glue in g's zone file: an address, and a name below g's zone but not in
 * it (below a zone cut, RFC 1034 §4.2.1)? */
bool sipdns_group_needs_glue(const struct sipdns_group *g,
			     const struct sipdns_host *h);

#endif
