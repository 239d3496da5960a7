/* test_answer.c -- what a reply means, without sockets: DNS messages built
 * with ldns, replies as the engine hands them over
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "resolve.h"

/* A response to "sip.contoso.com. A" with n A records, rcode and flags. */
static uint8_t *
response(size_t n, ldns_pkt_rcode rcode, bool aa, bool qr, bool tc,
	 size_t *len)
{
	ldns_pkt *p = ldns_pkt_query_new(ldns_dname_new_frm_str("sip.contoso.com."),
					 LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 0);
	assert_non_null(p);
	ldns_pkt_set_qr(p, qr);
	ldns_pkt_set_aa(p, aa);
	ldns_pkt_set_tc(p, tc);
	ldns_pkt_set_rcode(p, (uint8_t)rcode);
	for (size_t i = 0; i < n; i++) {
		char text[80];
		ldns_rr *rr;
		snprintf(text, sizeof(text), "sip.contoso.com. 3600 IN A 192.0.2.%zu", i % 256);
		assert_int_equal(ldns_rr_new_frm_str(&rr, text, 0, NULL, NULL), LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	uint8_t *wire = NULL;
	assert_int_equal(ldns_pkt2wire(&wire, p, len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	return wire;
}

/* A question's detail, "" for none. */
static const char *
det(const struct sipdns_question *q)
{
	return q->detail ? q->detail : "";
}

/* The state of a question given this message (asked with RD=0 or not). */
static enum sipdns_qstate
state_of(const uint8_t *wire, size_t len, bool no_recurse,
	 struct sipdns_question *q)
{
	memset(q, 0, sizeof(*q));
	q->name = "sip.contoso.com";
	q->type = LDNS_RR_TYPE_A;
	q->no_recurse = no_recurse;
	struct sipdns_reply rep = { .kind = SIPDNS_REPLY_WIRE, .wire = wire, .len = len };
	sipdns_answer_take(q, &rep);
	return q->state;
}

static enum sipdns_qstate
msg_state(size_t n, ldns_pkt_rcode rcode, bool aa, bool qr, bool tc,
	  bool no_recurse, char *detail, size_t dlen)
{
	size_t len;
	uint8_t *wire = response(n, rcode, aa, qr, tc, &len);
	struct sipdns_question q;
	enum sipdns_qstate s = state_of(wire, len, no_recurse, &q);
	snprintf(detail, dlen, "%s", q.detail ? q.detail : "");
	if (s == SIPDNS_Q_ANSWER)
		assert_int_equal(ldns_rr_list_rr_count(q.answer), n);
	ldns_rr_list_deep_free(q.answer);
	free(q.detail);
	free(wire);
	return s;
}

static void
test_rcodes(void **state)
{
	(void)state;
	char d[96];
	assert_int_equal(msg_state(2, LDNS_RCODE_NOERROR, true, true, false, true, d, sizeof(d)), SIPDNS_Q_ANSWER);
	assert_int_equal(msg_state(0, LDNS_RCODE_NOERROR, true, true, false, true, d, sizeof(d)), SIPDNS_Q_NODATA);
	assert_int_equal(msg_state(0, LDNS_RCODE_NXDOMAIN, true, true, false, true, d, sizeof(d)), SIPDNS_Q_NXDOMAIN);
	assert_int_equal(msg_state(0, LDNS_RCODE_SERVFAIL, false, true, false, true, d, sizeof(d)), SIPDNS_Q_SERVFAIL);
	assert_int_equal(msg_state(0, LDNS_RCODE_REFUSED, false, true, false, true, d, sizeof(d)), SIPDNS_Q_REFUSED);
	assert_int_equal(msg_state(0, LDNS_RCODE_NOTIMPL, false, true, false, true, d, sizeof(d)), SIPDNS_Q_ERROR);
	assert_string_equal(d, "rcode 4");
}

/* asked with RD=0, an answer without AA is not authoritative; without
 * --no-recurse it is fine */
static void
test_authority(void **state)
{
	(void)state;
	char d[96];
	assert_int_equal(msg_state(1, LDNS_RCODE_NOERROR, false, true, false, true, d, sizeof(d)), SIPDNS_Q_NOTAUTH);
	assert_int_equal(msg_state(0, LDNS_RCODE_NXDOMAIN, false, true, false, true, d, sizeof(d)), SIPDNS_Q_NOTAUTH);
	assert_int_equal(msg_state(1, LDNS_RCODE_NOERROR, false, true, false, false, d, sizeof(d)), SIPDNS_Q_ANSWER);
}

static void
test_bad_messages(void **state)
{
	(void)state;
	char d[96];
	assert_int_equal(msg_state(1, LDNS_RCODE_NOERROR, true, false, false, true, d, sizeof(d)), SIPDNS_Q_ERROR);
	assert_string_equal(d, "malformed answer: not a response");
	assert_int_equal(msg_state(0, LDNS_RCODE_NOERROR, true, true, true, true, d, sizeof(d)), SIPDNS_Q_ERROR);
	assert_string_equal(d, "truncated answer");
	assert_int_equal(msg_state(SIPDNS_MAX_ANSWER_RRS + 1, LDNS_RCODE_NOERROR, true, true, false, true, d, sizeof(d)), SIPDNS_Q_ERROR);
	assert_string_equal(d, "oversized answer: 257 records, more than 256");
	assert_int_equal(msg_state(SIPDNS_MAX_ANSWER_RRS, LDNS_RCODE_NOERROR, true, true, false, true, d, sizeof(d)), SIPDNS_Q_ANSWER);
	static const uint8_t junk[] = { 0x12, 0x34, 0x84, 0x00, 0x00, 0x01, 0x00, 0x09 };
	struct sipdns_question q;
	assert_int_equal(state_of(junk, sizeof(junk), true, &q), SIPDNS_Q_ERROR);
	assert_string_equal(det(&q), "malformed answer");
	assert_null(q.answer);
	free(q.detail);
}

/* what the engine says when no response came: never absence, except
 * for its own NXDOMAIN and no-data */
static void
test_no_response(void **state)
{
	(void)state;
	static const struct { enum sipdns_reply_kind k; int timeouts;
			      enum sipdns_qstate want; const char *detail; } c[] = {
		{ SIPDNS_REPLY_TIMEOUT, 3, SIPDNS_Q_TIMEOUT, "" },
		/* ARES_ECONNREFUSED at once (ICMP port unreachable): not a
		 * timeout */
		{ SIPDNS_REPLY_UNREACHABLE, 0, SIPDNS_Q_ERROR,
		  "connection refused" },
		{ SIPDNS_REPLY_UNREACHABLE, 2, SIPDNS_Q_TIMEOUT,
		  "no answer from any server of the view" },
		{ SIPDNS_REPLY_NXDOMAIN, 0, SIPDNS_Q_NXDOMAIN, "" },
		{ SIPDNS_REPLY_NODATA, 0, SIPDNS_Q_NODATA, "" },
		{ SIPDNS_REPLY_SERVFAIL, 0, SIPDNS_Q_SERVFAIL, "" },
		{ SIPDNS_REPLY_REFUSED, 0, SIPDNS_Q_REFUSED, "" },
		{ SIPDNS_REPLY_CANCELLED, 0, SIPDNS_Q_ERROR, "cancelled" },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct sipdns_question q;
		memset(&q, 0, sizeof(q));
		struct sipdns_reply rep = { .kind = c[i].k, .timeouts = c[i].timeouts };
		sipdns_answer_take(&q, &rep);
		assert_int_equal(q.state, c[i].want);
		assert_string_equal(det(&q), c[i].detail);
		assert_null(q.answer);
		assert_int_equal(q.no_response, c[i].k == SIPDNS_REPLY_TIMEOUT ||
				 c[i].k == SIPDNS_REPLY_UNREACHABLE);
		free(q.detail);
	}
	struct sipdns_question q;
	memset(&q, 0, sizeof(q));
	struct sipdns_reply rep = { .kind = SIPDNS_REPLY_ERROR, .error = "Connection refused" };
	sipdns_answer_take(&q, &rep);
	assert_int_equal(q.state, SIPDNS_Q_ERROR);
	assert_string_equal(det(&q), "Connection refused");
	assert_false(q.no_response);
	/* two servers, both refused: said so; where it went is kept */
	rep = (struct sipdns_reply){ .kind = SIPDNS_REPLY_UNREACHABLE,
				     .tried = 3, .conn_refused = 3, .server = -1 };
	sipdns_answer_take(&q, &rep);
	assert_string_equal(det(&q), "connection refused by every server of the view");
	assert_int_equal(q.tried, 3);
	assert_int_equal(q.conn_refused, 3);
	assert_int_equal(q.server, -1);
	/* every server down: failed without a packet, no response */
	rep = (struct sipdns_reply){ .kind = SIPDNS_REPLY_ERROR, .servers_down = true,
				     .error = "server not answering: x", .server = -1 };
	sipdns_answer_take(&q, &rep);
	assert_int_equal(q.state, SIPDNS_Q_ERROR);
	assert_string_equal(det(&q), "server not answering: x");
	assert_true(q.no_response);
	/* the deadline is no fault of the server's */
	rep = (struct sipdns_reply){ .kind = SIPDNS_REPLY_ERROR,
				     .error = "no answer before the deadline", .server = -1 };
	sipdns_answer_take(&q, &rep);
	assert_false(q.no_response);
	free(q.detail);
}


/* A response to "sip.contoso.com. A" with the given records (answer
 * section, then authority section after a NULL). */
static enum sipdns_qstate
rrs_state(ldns_pkt_rcode rcode, bool aa, bool no_recurse,
	  struct sipdns_question *q, const char *const *rrs)
{
	ldns_pkt *p = ldns_pkt_query_new(ldns_dname_new_frm_str("sip.contoso.com."),
					 LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 0);
	assert_non_null(p);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_aa(p, aa);
	ldns_pkt_set_rcode(p, (uint8_t)rcode);
	ldns_pkt_section sec = LDNS_SECTION_ANSWER;
	for (; *rrs || sec == LDNS_SECTION_ANSWER; rrs++) {
		if (*rrs == NULL) {
			sec = LDNS_SECTION_AUTHORITY;
			continue;
		}
		ldns_rr *rr;
		assert_int_equal(ldns_rr_new_frm_str(&rr, *rrs, 0, NULL, NULL), LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, sec, rr);
	}
	uint8_t *wire = NULL;
	size_t len;
	assert_int_equal(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	enum sipdns_qstate s = state_of(wire, len, no_recurse, q);
	free(wire);
	return s;
}

static void
q_free(struct sipdns_question *q)
{
	ldns_rr_list_deep_free(q->answer);
	free(q->delegated);
	free(q->detail);
}

/* only records of the name (or its alias chain), class IN and the type
 * are an answer; anything else is malformed, never absence */
static void
test_answer_judged(void **state)
{
	(void)state;
	static const struct { ldns_pkt_rcode rc; const char *rr[4]; const char *detail; } bad[] = {
		{ LDNS_RCODE_NOERROR, { "sip.contoso.com. 3600 CH A 192.0.2.1", NULL, NULL },
		  "malformed answer: a record of another class (sip.contoso.com. A)" },
		{ LDNS_RCODE_NOERROR, { "other.contoso.com. 3600 IN A 192.0.2.1", NULL, NULL },
		  "malformed answer: a record of another name (other.contoso.com. A)" },
		{ LDNS_RCODE_NOERROR, { "sip.contoso.com. 3600 IN TXT \"x\"", NULL, NULL },
		  "malformed answer: a record of another type (sip.contoso.com. TXT)" },
		{ LDNS_RCODE_NOERROR, { "sip.contoso.com. 3600 IN A 192.0.2.1",
		  "www.contoso.com. 3600 IN A 192.0.2.2", NULL },
		  "malformed answer: a record of another name (www.contoso.com. A)" },
		{ LDNS_RCODE_NXDOMAIN, { "sip.contoso.com. 3600 IN A 192.0.2.1", NULL, NULL },
		  "malformed answer: NXDOMAIN with records of the type (sip.contoso.com. A)" },
		{ LDNS_RCODE_REFUSED, { "sip.contoso.com. 3600 IN A 192.0.2.1", NULL, NULL },
		  "malformed answer: REFUSED with 1 answer records" },
		{ LDNS_RCODE_SERVFAIL, { "sip.contoso.com. 3600 IN A 192.0.2.1", NULL, NULL },
		  "malformed answer: SERVFAIL with 1 answer records" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sipdns_question q;
		assert_int_equal(rrs_state(bad[i].rc, true, false, &q, bad[i].rr), SIPDNS_Q_ERROR);
		assert_string_equal(det(&q), bad[i].detail);
		assert_null(q.answer);
		assert_null(q.delegated);
		q_free(&q);
	}
	/* an alias chain is an answer; an NXDOMAIN at its end too (RFC 6604) */
	static const char *const chain[] = { "sip.contoso.com. 3600 IN CNAME a.contoso.com.",
		"a.contoso.com. 3600 IN CNAME b.contoso.net.",
		"b.contoso.net. 3600 IN A 192.0.2.1", NULL, NULL };
	struct sipdns_question q;
	assert_int_equal(rrs_state(LDNS_RCODE_NOERROR, true, false, &q, chain), SIPDNS_Q_ANSWER);
	assert_int_equal(ldns_rr_list_rr_count(q.answer), 3);
	q_free(&q);
	static const char *const dangling[] = { "SIP.contoso.com. 3600 IN CNAME gone.contoso.com.", NULL, NULL };
	assert_int_equal(rrs_state(LDNS_RCODE_NXDOMAIN, true, false, &q, dangling), SIPDNS_Q_NXDOMAIN);
	q_free(&q);
	/* a record past the end of the chain is another name */
	static const char *const past[] = { "sip.contoso.com. 3600 IN CNAME a.contoso.com.",
		"c.contoso.com. 3600 IN A 192.0.2.1", NULL, NULL };
	assert_int_equal(rrs_state(LDNS_RCODE_NOERROR, true, false, &q, past), SIPDNS_Q_ERROR);
	q_free(&q);
}

/* a referral is a delegation, with or without --no-recurse */
static void
test_referral(void **state)
{
	(void)state;
	static const char *const ref[] = { NULL,
		"contoso.com. 3600 IN NS ns1.child.example.",
		"contoso.com. 3600 IN NS ns2.child.example.", NULL };
	for (int nr = 0; nr < 2; nr++) {
		struct sipdns_question q;
		assert_int_equal(rrs_state(LDNS_RCODE_NOERROR, false, nr, &q, ref), SIPDNS_Q_NOTAUTH);
		assert_string_equal(q.delegated, "ns1.child.example. ns2.child.example.");
		assert_null(q.answer);
		q_free(&q);
	}
	/* NS records of another zone, or with AA (no data): no referral */
	static const char *const other[] = { NULL, "fabrikam.com. 3600 IN NS ns1.fabrikam.com.", NULL };
	struct sipdns_question q;
	assert_int_equal(rrs_state(LDNS_RCODE_NOERROR, false, false, &q, other), SIPDNS_Q_NODATA);
	assert_null(q.delegated);
	q_free(&q);
	assert_int_equal(rrs_state(LDNS_RCODE_NOERROR, true, false, &q, ref), SIPDNS_Q_NODATA);
	assert_null(q.delegated);
	q_free(&q);
}

/* What is read of a response: its header, question and answer sections
 * (and the authority section of a possible referral). A broken question
 * or answer section is a malformed answer; bytes behind the sections
 * judged (additional records NSD adds, here cut off mid-record) are not
 * read, and the answer stands. */
static void
test_sections_read(void **state)
{
	(void)state;
	size_t len;
	uint8_t *wire = response(1, LDNS_RCODE_NOERROR, true, true, false, &len);
	uint8_t *w = malloc(len + 8);
	assert_non_null(w);
	memcpy(w, wire, len);
	w[11] = 1;   /* ARCOUNT 1: an additional record of 5 bytes */
	memcpy(w + len, "\xc0\x0c\x00\x01\x00", 5);
	struct sipdns_question q;
	assert_int_equal(state_of(w, len + 5, true, &q), SIPDNS_Q_ANSWER);
	assert_int_equal(ldns_rr_list_rr_count(q.answer), 1);
	ldns_rr_list_deep_free(q.answer);
	free(q.detail);
	/* the answer record cut short: malformed */
	assert_int_equal(state_of(wire, len - 2, true, &q), SIPDNS_Q_ERROR);
	assert_string_equal(det(&q), "malformed answer");
	assert_null(q.answer);
	free(q.detail);
	/* a second question that is not there: malformed */
	memcpy(w, wire, len);
	w[5] = 2;
	assert_int_equal(state_of(w, len, true, &q), SIPDNS_Q_ERROR);
	assert_string_equal(det(&q), "malformed answer");
	free(q.detail);
	/* no room for the header */
	assert_int_equal(state_of(wire, 11, true, &q), SIPDNS_Q_ERROR);
	free(q.detail);
	free(w);
	free(wire);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_read),
		cmocka_unit_test(test_rcodes),
		cmocka_unit_test(test_authority),
		cmocka_unit_test(test_bad_messages),
		cmocka_unit_test(test_no_response),
		cmocka_unit_test(test_answer_judged),
		cmocka_unit_test(test_referral),
	};
	return cmocka_run_group_tests_name("answer", tests, NULL, NULL);
}
