/* verify.h -- the verify pipeline: questions -> resolve -> compare
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_VERIFY_H
#define SIPDNS_VERIFY_H

#include "answer.h"
#include "sipdns.h"

struct sipdns_topology;
struct sipdns_recset;

/* The questions for a finished record set: each managed name once per
 * type (SRV owners: SRV; other names: A and AAAA), in the set's order. */
enum sipdns_status sipdns_verify_questions(const struct sipdns_topology *t,
					   const struct sipdns_recset *s,
					   const struct sipdns_verify_opts *o,
					   struct sipdns_verify_result *r);

#endif
