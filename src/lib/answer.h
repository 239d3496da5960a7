/* answer.h -- one question of verify or diff, and what its answer means
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ANSWER_H
#define SIPDNS_ANSWER_H

#include <ldns/ldns.h>
#include <stdbool.h>

#include "model.h"
#include "sipdns.h"

struct sipdns_reply;

/* What became of one question. Failures are never absence. */
enum sipdns_qstate {
	SIPDNS_Q_PENDING = 0,
	SIPDNS_Q_ANSWER,      /* NOERROR with data */
	SIPDNS_Q_NODATA,      /* NOERROR, no data of the type */
	SIPDNS_Q_NXDOMAIN,    /* the name does not exist */
	SIPDNS_Q_SERVFAIL,
	SIPDNS_Q_REFUSED,
	SIPDNS_Q_TIMEOUT,
	SIPDNS_Q_NOTAUTH,     /* asked with RD=0, answered without AA */
	SIPDNS_Q_ERROR,       /* anything else: connection refused, malformed */
};

struct sipdns_question {
	enum sipdns_view_id view;
	const char *name;           /* lower-case, no dot (the set's arena) */
	ldns_rr_type type;
	enum sipdns_qstate state;
	ldns_rr_list *answer;       /* owned: the answer section; NULL unless
				     * an answer was parsed */
	uint32_t *age;              /* owned: per answer record, the [AGE:n]
				     * hours of a Windows export (diff) that
				     * marks it dynamically registered, 0:
				     * static; NULL: none is */
	char *detail;               /* owned: what happened to a failed
				     * question, or NULL (a buffer in each
				     * of 600,000 questions was 53 MB) */
	char *wildcard;             /* owned: the wildcard ("*.contoso.com")
				     * whose data answered, or NULL */
	char *delegated;            /* owned: the name servers of a
				     * delegation (referral) that holds the
				     * name ("ns1.x. ns2.x."), or NULL */
	bool ignored;               /* owned elsewhere */
	bool must_not;              /* a name that must not exist: any record
				     * of its (not the allowed one) is
				     * unexpected, its absence is fine */
	const char *absent_reason, *absent_todo, *absent_fact, *absent_allow;
				    /* of a must-not-exist question (the set's
				     * arena; fact a constant) */
	bool no_recurse;            /* asked with RD=0: the answer needs AA */
	/* where it was asked (see resolve.h: bit i is the view's server i) */
	uint32_t tried, timed_out, conn_refused;
	int server;                 /* the one that answered, -1: none */
	bool no_response;           /* failed for want of a response: timed
				     * out, connection refused, or every
				     * server down (not the deadline) */
	size_t diagnosis;           /* 1 + its index in the result's
				     * diagnoses, 0: none */
};

/* The longest detail a question keeps, its NUL included (longer ones are
 * cut). */
#define SIPDNS_DETAIL_MAX 96

/* Most records sipdns accepts in one answer; more is an error. */
#define SIPDNS_MAX_ANSWER_RRS 256

const char *sipdns_qstate_name(enum sipdns_qstate s);

/* The question of view v, name (lower-case, no dot) and type in r, or
 * NULL. r's questions are in the record set's order (view, then DNS
 * canonical name), so a binary search finds a name's questions. */
const struct sipdns_question *
sipdns_question_find(const struct sipdns_verify_result *r,
		     enum sipdns_view_id v, const char *name, ldns_rr_type type);

/* Record what came back for q (see resolve.h): the state, and for a
 * response its answer section (parsed with ldns, copied). */
void sipdns_answer_take(struct sipdns_question *q,
			const struct sipdns_reply *rep);

#endif
