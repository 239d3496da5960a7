/* testanswer.h -- answered questions for the unit tests of the comparison
 * and of plans (cmocka: include after <cmocka.h>)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_TESTANSWER_H
#define SIPDNS_TESTANSWER_H

#include <string.h>

#include <ldns/ldns.h>

#include "answer.h"
#include "records.h"
#include "sipdns.h"

/* Answer every question of r with exactly the expected records of set. */
static inline void
tu_answer_all(const struct sipdns_recset *set, struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_q; i++) {
		struct sipdns_question *q = &r->q[i];
		ldns_rr_list *p = ldns_rr_list_new();
		assert_non_null(p);
		for (size_t k = 0; k < set->n; k++) {
			const struct sipdns_record *e = &set->v[k];
			ldns_rr_type t = ldns_rr_get_type(e->rr);
			if (e->view == q->view && strcmp(e->owner, q->name) == 0 &&
			    (t == q->type || (t == LDNS_RR_TYPE_CNAME && q->type == LDNS_RR_TYPE_A)))
				ldns_rr_list_push_rr(p, ldns_rr_clone(e->rr));
		}
		q->state = ldns_rr_list_rr_count(p) ? SIPDNS_Q_ANSWER : SIPDNS_Q_NODATA;
		q->answer = p;
	}
}

/* The question of r for view v, name and type t (fails the test when
 * there is none). */
static inline struct sipdns_question *
tu_question(struct sipdns_verify_result *r, enum sipdns_view_id v,
	    const char *name, ldns_rr_type t)
{
	for (size_t i = 0; i < r->n_q; i++)
		if (r->q[i].view == v && r->q[i].type == t &&
		    strcmp(r->q[i].name, name) == 0)
			return &r->q[i];
	fail_msg("no question for %s", name);
	return NULL;
}

#endif
