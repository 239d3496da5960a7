/* recsort.h -- a record set's records in their order (view, owner in DNS
 * canonical order, record data, creation), at hosting scale
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_RECSORT_H
#define SIPDNS_RECSORT_H

#include <stddef.h>

struct sipdns_record;

/* Owner keys (records.h) in DNS canonical order: memcmp, then length. */
int sipdns_record_key_cmp(const char *a, size_t la, const char *b, size_t lb);

/* The order of records: view, owner key, ldns_rr_compare, seq (a total
 * order: every sort of a set gives the same sequence). */
int sipdns_record_cmp(const struct sipdns_record *a,
		      const struct sipdns_record *b);

/* Sort v[0..n-1] in place by sipdns_record_cmp. */
void sipdns_recsort(struct sipdns_record *v, size_t n);

#endif
