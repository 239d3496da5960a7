/* compare.h -- expected records + answered questions -> findings (pure)
 *
 * No sockets and no files: the questions come answered (verify asks live
 * DNS, diff answers them from zone files), and the comparison is the same
 * for both.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_COMPARE_H
#define SIPDNS_COMPARE_H

#include "sipdns.h"

struct sipdns_topology;
struct sipdns_recset;

/* Compare r's answered questions with the finished record set s of t,
 * appending findings to r (sorted for the report) and counting expected
 * and in-sync records. SIPDNS_ENOMEM is the only failure. */
enum sipdns_status sipdns_compare(const struct sipdns_topology *t,
				  const struct sipdns_recset *s,
				  const struct sipdns_verify_opts *o,
				  struct sipdns_verify_result *r);

#endif
