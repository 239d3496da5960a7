/* check.h -- the product-neutral topology rules that need no DNS
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_CHECK_H
#define SIPDNS_CHECK_H

#include <stdbool.h>

#include "diag.h"
#include "status.h"

struct sipdns_topology;
struct sipdns_recset;

/* Run every rule on a parsed topology and on its generated record set (s
 * must come from sipdns_generate on t). Findings go to d with their rule
 * ids; returns SIPDNS_OK unless memory ran out. */
enum sipdns_status sipdns_check(const struct sipdns_topology *t,
				const struct sipdns_recset *s,
				struct sipdns_diag *d);

/* sipdns_check in two halves, for a caller that builds the records in
 * between: start runs the rules that read the topology alone (on a
 * thread of their own when thread is set and one can be had), finish
 * waits for them, appends their findings to d after d's own (the order
 * sipdns_check gives) and runs the rules on the records of s (s NULL:
 * none). finish(r, NULL, NULL) only frees r; it accepts r NULL. */
struct sipdns_check_run;
enum sipdns_status sipdns_check_start(const struct sipdns_topology *t,
				      bool thread,
				      struct sipdns_check_run **out);
enum sipdns_status sipdns_check_finish(struct sipdns_check_run *r,
				       const struct sipdns_recset *s,
				       struct sipdns_diag *d);

/* Model rules only (no records), then the product profile's check hook;
 * called by sipdns_check. */
void sipdns_check_model(const struct sipdns_topology *t, struct sipdns_diag *d);

#endif
