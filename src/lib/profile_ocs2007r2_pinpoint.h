/* profile_ocs2007r2_pinpoint.h -- OCS 2007 R2: pin-point zones and the
 * other ways to hold a SIP domain's internal sign-in records
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_OCS2007R2_PINPOINT_H
#define SIPDNS_PROFILE_OCS2007R2_PINPOINT_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"

struct sipdns_diag;

/* The zones hook (profile.h): for each SIP domain with internal:
 * pinpoint, the zones _sipinternaltls._tcp.<sip> (and _sipinternal._tcp
 * with tcp_allowed, sipinternal. and sip. with fallback_names) and the
 * sign-in pool's FQDN, each unless an internal zone holds it (E3). */
void sipdns_ocs2007r2_pinpoint_zones(const struct sipdns_topology *t,
				     sipdns_zone_add_fn add, void *arg);
/* The no_zone hook: the three documented ways for a SIP domain's
 * internal sign-in SRV records (S1.3-7). */
bool sipdns_ocs2007r2_pinpoint_no_zone(const struct sipdns_topology *t,
				       int view, const char *name, char *buf,
				       size_t size);
/* pinpoint-view, pinpoint-zone and split-brain-public. */
void sipdns_ocs2007r2_pinpoint_check(const struct sipdns_topology *t,
				     struct sipdns_diag *d);

#endif
