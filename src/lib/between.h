/* between.h -- verify --between: two servers' answers, paired (pure)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_BETWEEN_H
#define SIPDNS_BETWEEN_H

#include "answer.h"
#include "sipdns.h"

/* Pair the questions of old and new (two runs of the same questions, at
 * two servers) by view, name and type, and classify each pair into res
 * (res->v, res->count, res->unseen_side; res->side is not touched).
 * Questions not asked (owned elsewhere) are left out. Pure: no socket,
 * no job. SIPDNS_ENOMEM. */
enum sipdns_status sipdns_between_pair(const struct sipdns_verify_result *old,
				       const struct sipdns_verify_result *new,
				       struct sipdns_between_result *res);

/* The class of one pair of questions (either may be NULL: not asked on
 * that side, which is unseen). */
enum sipdns_between_class sipdns_between_classify(const struct sipdns_question *a,
						  const struct sipdns_question *b);

#endif
