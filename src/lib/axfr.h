/* axfr.h -- a zone from its server by AXFR (ldns), TSIG-signed if a key
 * is given
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_AXFR_H
#define SIPDNS_AXFR_H

#include <ldns/ldns.h>

#include "sipdns.h"

struct sipdns_tsig;

/* Transfer zone (lower-case, no dot) from server ("ADDR", "ADDR:PORT",
 * "[V6]:PORT"; port 53 by default), signed with key when it is not NULL,
 * appending its records to rrs (its SOA first, the closing SOA left out).
 * A transfer that is refused (the server's rcode named), fails, breaks off
 * before the closing SOA, or whose answer fails TSIG is an error in d at
 * the server and SIPDNS_EDNS: never an empty or partial zone (rrs is left
 * as it was). SIPDNS_EUSAGE: server cannot be read. */
enum sipdns_status sipdns_axfr_zone(const char *server, const char *zone,
				    const struct sipdns_tsig *key,
				    unsigned timeout_ms, ldns_rr_list *rrs,
				    struct sipdns_diag *d);

#endif
