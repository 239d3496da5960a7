/* diff.h -- the diff pipeline: zone files as answers -> compare
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DIFF_H
#define SIPDNS_DIFF_H

#include <ldns/ldns.h>
#include <stddef.h>
#include <stdint.h>

#include "sipdns.h"

struct sipdns_topology;

/* One zone file's data: the zone origin (lower-case, no dot) of a view
 * and its records (the SOA may be among them or not). */
struct sipdns_diff_zone {
	enum sipdns_view_id view;
	const char *origin;
	const ldns_rr_list *rrs;   /* not owned */
	const uint32_t *age;       /* not owned: per record of rrs, its
				    * Windows export's [AGE:n] hours (0:
				    * static); NULL: none has one */
};

/* Answer the questions of r from zone data instead of the network, as an
 * authoritative server would (RFC 1034 4.3.2, RFC 4592): each question
 * from the zone of its view that holds its name in the topology (longest
 * match), when that zone is among zones[0..n-1]; other questions are
 * dropped. A name at or below a zone cut (NS below the apex) gets
 * q->delegated (the NS targets) and no answer; a name that does not exist
 * below an existing closest encloser with a wildcard gets q->wildcard
 * ("*.ENCLOSER") and the wildcard's records, with the question's owner. */
enum sipdns_status sipdns_diff_answer(struct sipdns_verify_result *r,
				      const struct sipdns_topology *t,
				      const struct sipdns_diff_zone *zones,
				      size_t n);

#endif
