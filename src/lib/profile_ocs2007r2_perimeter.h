/* profile_ocs2007r2_perimeter.h -- OCS 2007 R2: the Edge's own name
 * resolution (perimeter view, HOSTS)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_OCS2007R2_PERIMETER_H
#define SIPDNS_PROFILE_OCS2007R2_PERIMETER_H

#include <stdint.h>

#include "profile.h"

struct sipdns_recset;
struct sipdns_diag;

/* SIPDNS_REC_EDGE_RESOLVES when pool fqdn is the Edge's internal next hop
 * (edge.next_hop), else 0: for its internal record (R2-I7). The Edge's
 * own internal records (R2-I9) carry the flag from the profile. */
unsigned sipdns_ocs2007r2_edge_flag(const struct sipdns_topology *t,
				    const char *fqdn);

/* The perimeter view's records (R2-P1 next hop, R2-P2 the Edge's internal
 * names), when the topology has a perimeter view and an Edge. */
void sipdns_ocs2007r2_perimeter(const struct sipdns_topology *t,
				struct sipdns_recset *s, uint32_t ttl);

/* perimeter-next-hop, perimeter-no-edge (README: Checks). */
void sipdns_ocs2007r2_perimeter_check(const struct sipdns_topology *t,
				      struct sipdns_diag *d);

#endif
