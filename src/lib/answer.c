/* answer.c -- what an answer means: rcode, AA, TC, size -> question state
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "answer.h"

#include <stdio.h>

#include "resolve.h"

const char *
sipdns_qstate_name(enum sipdns_qstate s)
{
	switch (s) {
	case SIPDNS_Q_PENDING: return "not asked";
	case SIPDNS_Q_ANSWER: return "answer";
	case SIPDNS_Q_NODATA: return "no data";
	case SIPDNS_Q_NXDOMAIN: return "NXDOMAIN";
	case SIPDNS_Q_SERVFAIL: return "SERVFAIL";
	case SIPDNS_Q_REFUSED: return "REFUSED";
	case SIPDNS_Q_TIMEOUT: return "timeout";
	case SIPDNS_Q_NOTAUTH: return "not authoritative";
	case SIPDNS_Q_ERROR: return "error";
	}
	return "?";
}

static enum sipdns_qstate
rcode_state(struct sipdns_question *q, const ldns_pkt *p)
{
	ldns_pkt_rcode rc = ldns_pkt_get_rcode(p);
	switch (rc) {
	case LDNS_RCODE_NOERROR:
		return ldns_pkt_ancount(p) ? SIPDNS_Q_ANSWER : SIPDNS_Q_NODATA;
	case LDNS_RCODE_NXDOMAIN: return SIPDNS_Q_NXDOMAIN;
	case LDNS_RCODE_SERVFAIL: return SIPDNS_Q_SERVFAIL;
	case LDNS_RCODE_REFUSED: return SIPDNS_Q_REFUSED;
	default:
		snprintf(q->detail, sizeof(q->detail), "rcode %d", (int)rc);
		return SIPDNS_Q_ERROR;
	}
}

/* A response: its rcode and flags, and its answer section. */
static void
take_wire(struct sipdns_question *q, const unsigned char *wire, size_t len)
{
	ldns_pkt *p = NULL;
	if (ldns_wire2pkt(&p, wire, len) != LDNS_STATUS_OK) {
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail), "malformed answer");
		return;
	}
	q->state = rcode_state(q, p);
	if ((q->state == SIPDNS_Q_ANSWER || q->state == SIPDNS_Q_NODATA ||
	     q->state == SIPDNS_Q_NXDOMAIN) && q->no_recurse && !ldns_pkt_aa(p))
		q->state = SIPDNS_Q_NOTAUTH;
	if (!ldns_pkt_qr(p)) {
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail), "malformed answer: not a response");
	} else if (ldns_pkt_tc(p)) {
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail), "truncated answer");
	} else if (ldns_pkt_ancount(p) > SIPDNS_MAX_ANSWER_RRS) {
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail),
			 "oversized answer: %u records, more than %d",
			 (unsigned)ldns_pkt_ancount(p), SIPDNS_MAX_ANSWER_RRS);
	}
	/* keep the answer section only: 400,000 whole packets held until
	 * the comparison took a gigabyte */
	q->answer = ldns_pkt_answer(p);
	ldns_pkt_set_answer(p, NULL);
	ldns_pkt_free(p);
}

void
sipdns_answer_take(struct sipdns_question *q, const struct sipdns_reply *rep)
{
	ldns_rr_list_deep_free(q->answer);
	q->answer = NULL;
	q->detail[0] = '\0';
	switch (rep->kind) {
	case SIPDNS_REPLY_WIRE:
		take_wire(q, rep->wire, rep->len);
		return;
	case SIPDNS_REPLY_CANCELLED:
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail), "cancelled");
		return;
	case SIPDNS_REPLY_TIMEOUT: q->state = SIPDNS_Q_TIMEOUT; return;
	case SIPDNS_REPLY_UNREACHABLE:
		q->state = SIPDNS_Q_TIMEOUT;
		snprintf(q->detail, sizeof(q->detail),
			 "no answer from any server of the view%s",
			 rep->timeouts ? "" : " (unreachable)");
		return;
	case SIPDNS_REPLY_NXDOMAIN: q->state = SIPDNS_Q_NXDOMAIN; return;
	case SIPDNS_REPLY_NODATA: q->state = SIPDNS_Q_NODATA; return;
	case SIPDNS_REPLY_SERVFAIL: q->state = SIPDNS_Q_SERVFAIL; return;
	case SIPDNS_REPLY_REFUSED: q->state = SIPDNS_Q_REFUSED; return;
	case SIPDNS_REPLY_ERROR: break;
	}
	q->state = SIPDNS_Q_ERROR;
	snprintf(q->detail, sizeof(q->detail), "%s",
		 rep->error ? rep->error : "error");
}
