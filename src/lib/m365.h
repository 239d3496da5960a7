/* m365.h -- a SIP domain's Microsoft 365 mode: hybrid and TeamsOnly
 * (m365.c; README "Microsoft 365: hybrid and TeamsOnly")
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_M365_H
#define SIPDNS_M365_H

#include <stdbool.h>

#include "profile.h"

struct sipdns_diag;
struct sipdns_recset;
struct sipdns_topology;

/* After the product's rules, before the set is finished: each SIP
 * domain's mode (t->m365_preflight: every one TeamsOnly) applied to s:
 * TeamsOnly domains lose their on-premises records at the Microsoft 365
 * names and get the Microsoft 365 records (flag SIPDNS_REC_M365_ONLINE);
 * hybrid domains are checked (rule ids m365-hybrid-federation,
 * m365-hybrid-webcon, errors to d) and get the records the Edge and the
 * internal clients must resolve. Nothing for a product with no_m365. */
void sipdns_m365_rules(const struct sipdns_topology *t, struct sipdns_recset *s,
		       struct sipdns_diag *d);

/* The names a TeamsOnly domain must not have (internal ones included),
 * through add as a profile's absent hook does. False: out of memory. */
bool sipdns_m365_absent(const struct sipdns_topology *t,
			sipdns_absent_add_fn add, void *arg);

/* Is owner one of the names Microsoft's TeamsOnly gate looks at (sip,
 * lyncdiscover, _sip._tls, _sipfederationtls._tcp) under SIP domain sip? */
bool sipdns_m365_gate_name(const char *owner, const char *sip);

#endif
