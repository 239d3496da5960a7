/* profile_lync2010_certs.h -- Lync Server 2010: the names on its certificates
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_LYNC2010_CERTS_H
#define SIPDNS_PROFILE_LYNC2010_CERTS_H

#include "profile.h"

/* The profile's certs hook (profile.h): the Edge and reverse proxy
 * certificates of topology t and the names its DNS requires, with fact
 * ids L10-08, L10-09 and L10-11. */
void sipdns_lync2010_certs(const struct sipdns_topology *t,
			   struct sipdns_certs_build *b);

#endif
