/* diff.h -- the diff pipeline: zone files as answers -> compare
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DIFF_H
#define SIPDNS_DIFF_H

#include <ldns/ldns.h>
#include <stddef.h>

#include "sipdns.h"

struct sipdns_topology;

/* Answer the questions of view v from zone data instead of the network:
 * rrs are the records of the zones named in origins (names lower-case, no
 * dot); questions of other views, and for names outside those zones, are
 * dropped. Does not take ownership of rrs. */
enum sipdns_status sipdns_diff_answer(struct sipdns_verify_result *r,
				      const struct sipdns_topology *t,
				      enum sipdns_view_id v,
				      const ldns_rr_list *rrs,
				      const char *const *origins,
				      size_t n_origins);

#endif
