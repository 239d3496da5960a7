/* profile_ocs2007r2_certs.h -- OCS 2007 R2: the names on its certificates
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_OCS2007R2_CERTS_H
#define SIPDNS_PROFILE_OCS2007R2_CERTS_H

#include "profile.h"

/* The profile's certs hook (profile.h): each certificate of topology t
 * and the names its DNS requires, with fact ids R2-C1 to R2-C9. */
void sipdns_ocs2007r2_certs(const struct sipdns_topology *t,
			    struct sipdns_certs_build *b);

#endif
