/* answer.c -- what an answer means: rcode, AA, TC, size -> question state
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "answer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "records.h"
#include "resolve.h"

/* q's detail, printf-style (replacing any); NULL when out of memory, the
 * state telling what happened. */
static void
set_detail(struct sipdns_question *q, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
set_detail(struct sipdns_question *q, const char *fmt, ...)
{
	char buf[SIPDNS_DETAIL_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(q->detail);
	q->detail = strdup(buf);
}

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

const struct sipdns_question *
sipdns_question_find(const struct sipdns_verify_result *r,
		     enum sipdns_view_id v, const char *name, ldns_rr_type type)
{
	size_t lo = 0, hi = r->n_q;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sipdns_question *q = &r->q[mid];
		int c = q->view != v ? (q->view < v ? -1 : 1)
				     : sipdns_name_cmp(q->name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < r->n_q && r->q[i].view == v &&
	     strcmp(r->q[i].name, name) == 0; i++)
		if (r->q[i].type == type)
			return &r->q[i];
	return NULL;
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
		set_detail(q, "rcode %d", (int)rc);
		return SIPDNS_Q_ERROR;
	}
}

/* Most aliases followed from the question's name. */
#define MAX_CHAIN 16

/* The names of the answer's alias chain from the question's name: the
 * name, then each CNAME target in turn. Returns how many (0: no name). */
static size_t
alias_chain(const struct sipdns_question *q, const ldns_rr_list *an,
	    ldns_rdf **chain)
{
	uint8_t w[LDNS_MAX_DOMAINLEN + 1];
	size_t wl = q->name ? sipdns_wire_name(q->name, w) : 0;
	if (wl == 0 || (chain[0] = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, wl, w)) == NULL)
		return 0;
	size_t n = 1;
	for (bool grew = true; grew && n < MAX_CHAIN;) {
		grew = false;
		for (size_t i = 0; i < ldns_rr_list_rr_count(an) && !grew; i++) {
			ldns_rr *rr = ldns_rr_list_rr(an, i);
			if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_CNAME ||
			    ldns_rr_rd_count(rr) < 1 ||
			    !sipdns_dname_equal(ldns_rr_owner(rr), chain[n - 1]))
				continue;
			chain[n] = ldns_rdf_clone(ldns_rr_rdf(rr, 0));
			ldns_dname2canonical(chain[n]);
			grew = chain[n] != NULL;
			for (size_t k = 0; grew && k < n; k++)  /* a loop */
				grew = !sipdns_dname_equal(chain[k], chain[n]);
			if (chain[n] != NULL)
				n += grew;
			if (!grew)
				ldns_rdf_deep_free(chain[n]);
		}
	}
	return n;
}

/* Does rr belong in the answer to q: class IN, at a name of the chain,
 * of the question's type or an alias (or a DNAME above the chain)? */
static const char *
misfit(const struct sipdns_question *q, ldns_rr *rr, ldns_rdf **chain,
       size_t n)
{
	if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
		return "a record of another class";
	ldns_rr_type t = ldns_rr_get_type(rr);
	for (size_t i = 0; i < n; i++) {
		if (t == LDNS_RR_TYPE_DNAME &&
		    ldns_dname_is_subdomain(chain[i], ldns_rr_owner(rr)))
			return NULL;
		if (sipdns_dname_equal(ldns_rr_owner(rr), chain[i]))
			return t == q->type || t == LDNS_RR_TYPE_CNAME ||
			       t == LDNS_RR_TYPE_RRSIG
			       ? NULL : "a record of another type";
	}
	return "a record of another name";
}

/* Judge the answer section: only records of the question's name (or
 * its alias chain), class IN and type count; anything else makes the
 * whole answer malformed. An NXDOMAIN may carry the alias chain that
 * leads to the missing name (RFC 6604), not data of the type; any other
 * failure rcode carries nothing. Returns false with why set. */
static bool
judge_answer(const struct sipdns_question *q, const ldns_pkt *p,
	     char *why, size_t size)
{
	const ldns_rr_list *an = ldns_pkt_answer(p);
	size_t na = ldns_rr_list_rr_count(an);
	if (na == 0)
		return true;
	if (q->state != SIPDNS_Q_ANSWER && q->state != SIPDNS_Q_NXDOMAIN &&
	    q->state != SIPDNS_Q_NOTAUTH) {
		snprintf(why, size, "malformed answer: %s with %zu answer records",
			 sipdns_qstate_name(q->state), na);
		return false;
	}
	ldns_rdf *chain[MAX_CHAIN];
	size_t n = alias_chain(q, an, chain);
	const char *bad = n ? NULL : "no question name";
	ldns_rr *badrr = NULL;
	for (size_t i = 0; i < na && bad == NULL; i++) {
		badrr = ldns_rr_list_rr(an, i);
		bad = misfit(q, badrr, chain, n);
		if (bad == NULL && ldns_pkt_get_rcode(p) == LDNS_RCODE_NXDOMAIN &&
		    ldns_rr_get_type(badrr) == q->type)
			bad = "NXDOMAIN with records of the type";
	}
	for (size_t i = 0; i < n; i++)
		ldns_rdf_deep_free(chain[i]);
	if (bad == NULL)
		return true;
	char *owner = badrr ? ldns_rdf2str(ldns_rr_owner(badrr)) : NULL;
	char *type = badrr ? ldns_rr_type2str(ldns_rr_get_type(badrr)) : NULL;
	snprintf(why, size, "malformed answer: %s (%s %s)", bad,
		 owner ? owner : "?", type ? type : "?");
	free(owner);
	free(type);
	return false;
}

/* A referral: no answer, no AA, NS records in the authority section
 * for the name or a parent of it below the root. Sets q->delegated to
 * the name servers ("ns1.x. ns2.x."). */
static bool
take_referral(struct sipdns_question *q, const ldns_pkt *p)
{
	if (ldns_pkt_get_rcode(p) != LDNS_RCODE_NOERROR || ldns_pkt_aa(p) ||
	    ldns_pkt_ancount(p) != 0 || q->name == NULL)
		return false;
	char buf[LDNS_MAX_DOMAINLEN + 2], ns[512] = "";
	snprintf(buf, sizeof(buf), "%s.", q->name);
	ldns_rdf *qn = ldns_dname_new_frm_str(buf);
	const ldns_rr_list *au = ldns_pkt_authority(p);
	size_t len = 0;
	for (size_t i = 0; qn && i < ldns_rr_list_rr_count(au); i++) {
		ldns_rr *rr = ldns_rr_list_rr(au, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_NS ||
		    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
		    ldns_rr_rd_count(rr) < 1 ||
		    ldns_dname_label_count(ldns_rr_owner(rr)) == 0 ||
		    (!sipdns_dname_equal(ldns_rr_owner(rr), qn) &&
		     !ldns_dname_is_subdomain(qn, ldns_rr_owner(rr))))
			continue;
		char *t = ldns_rdf2str(ldns_rr_rdf(rr, 0));
		if (t && len + strlen(t) + 2 < sizeof(ns))
			len += (size_t)snprintf(ns + len, sizeof(ns) - len,
						"%s%s", len ? " " : "", t);
		free(t);
	}
	ldns_rdf_deep_free(qn);
	if (len == 0)
		return false;
	q->delegated = strdup(ns);
	q->state = SIPDNS_Q_NOTAUTH;
	if (q->delegated == NULL) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "out of memory");
	}
	return true;
}

/* Records of one section of wire (count of them, from *pos) into p; with
 * p NULL they are read and dropped. False when one is malformed. */
static bool
wire_section(ldns_pkt *p, const uint8_t *wire, size_t len, size_t *pos,
	     unsigned count, ldns_pkt_section section)
{
	for (unsigned i = 0; i < count; i++) {
		ldns_rr *rr = NULL;
		if (ldns_wire2rr(&rr, wire, len, pos, section) != LDNS_STATUS_OK)
			return false;
		if (p == NULL || !ldns_pkt_push_rr(p, section, rr)) {
			ldns_rr_free(rr);
			if (p != NULL)
				return false;
		}
	}
	return true;
}

/* The parts of a response that take_wire judges, as ldns_wire2pkt gives
 * them: the header, the question section read (and dropped), the answer
 * section and, where the answer may be a referral (NOERROR, no answer,
 * not authoritative), the authority section. The rest is not read:
 * ldns_wire2pkt built every record of every section, NSD's NS and glue
 * records and the OPT too, four of five thrown away at once (with their
 * frees, 14% of verify's user time at 100,000 domains, perf). NULL when
 * malformed (or out of memory). */
static ldns_pkt *
wire2pkt_judged(const uint8_t *wire, size_t len)
{
	if (len < LDNS_HEADER_SIZE)
		return NULL;
	ldns_pkt *p = ldns_pkt_new();
	if (p == NULL)
		return NULL;
	ldns_pkt_set_id(p, LDNS_ID_WIRE(wire));
	ldns_pkt_set_qr(p, LDNS_QR_WIRE(wire));
	ldns_pkt_set_opcode(p, (ldns_pkt_opcode)LDNS_OPCODE_WIRE(wire));
	ldns_pkt_set_aa(p, LDNS_AA_WIRE(wire));
	ldns_pkt_set_tc(p, LDNS_TC_WIRE(wire));
	ldns_pkt_set_rd(p, LDNS_RD_WIRE(wire));
	ldns_pkt_set_ra(p, LDNS_RA_WIRE(wire));
	ldns_pkt_set_ad(p, LDNS_AD_WIRE(wire));
	ldns_pkt_set_cd(p, LDNS_CD_WIRE(wire));
	ldns_pkt_set_rcode(p, LDNS_RCODE_WIRE(wire));
	size_t pos = LDNS_HEADER_SIZE;
	bool referral = LDNS_RCODE_WIRE(wire) == LDNS_RCODE_NOERROR &&
			!LDNS_AA_WIRE(wire) && LDNS_ANCOUNT(wire) == 0;
	if (!wire_section(NULL, wire, len, &pos, LDNS_QDCOUNT(wire), LDNS_SECTION_QUESTION) ||
	    !wire_section(p, wire, len, &pos, LDNS_ANCOUNT(wire), LDNS_SECTION_ANSWER) ||
	    (referral &&
	     !wire_section(p, wire, len, &pos, LDNS_NSCOUNT(wire), LDNS_SECTION_AUTHORITY))) {
		ldns_pkt_free(p);
		return NULL;
	}
	return p;
}

/* A response: its rcode and flags, and its answer section. */
static void
take_wire(struct sipdns_question *q, const unsigned char *wire, size_t len)
{
	char why[SIPDNS_DETAIL_MAX];
	ldns_pkt *p = wire2pkt_judged(wire, len);
	if (p == NULL) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "malformed answer");
		return;
	}
	q->state = rcode_state(q, p);
	if ((q->state == SIPDNS_Q_ANSWER || q->state == SIPDNS_Q_NODATA ||
	     q->state == SIPDNS_Q_NXDOMAIN) && q->no_recurse && !ldns_pkt_aa(p))
		q->state = SIPDNS_Q_NOTAUTH;
	if (!ldns_pkt_qr(p)) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "malformed answer: not a response");
	} else if (ldns_pkt_tc(p)) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "truncated answer");
	} else if (ldns_pkt_ancount(p) > SIPDNS_MAX_ANSWER_RRS) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "oversized answer: %u records, more than %d",
			 (unsigned)ldns_pkt_ancount(p), SIPDNS_MAX_ANSWER_RRS);
	} else if (!judge_answer(q, p, why, sizeof(why))) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "%s", why);
	} else if (take_referral(q, p)) {
		ldns_pkt_free(p);
		return;
	}
	/* keep the answer section only: 400,000 whole packets held until
	 * the comparison took a gigabyte */
	if (q->state != SIPDNS_Q_ERROR) {
		q->answer = ldns_pkt_answer(p);
		ldns_pkt_set_answer(p, NULL);
	}
	ldns_pkt_free(p);
}

/* No response at all: timeouts, a refused connection (ICMP port
 * unreachable comes back at once, without a timeout), or no server left. */
static void
take_no_response(struct sipdns_question *q, const struct sipdns_reply *rep)
{
	q->no_response = true;
	if (rep->kind == SIPDNS_REPLY_TIMEOUT) {
		q->state = SIPDNS_Q_TIMEOUT;
	} else if (rep->kind == SIPDNS_REPLY_UNREACHABLE && rep->timeouts) {
		q->state = SIPDNS_Q_TIMEOUT;
		set_detail(q, "no answer from any server of the view");
	} else if (rep->kind == SIPDNS_REPLY_UNREACHABLE) {
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "connection refused%s",
			 rep->tried & (rep->tried - 1)
			 ? " by every server of the view" : "");
	} else {   /* every server down */
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "%s",
			 rep->error ? rep->error : "server not answering");
	}
}

void
sipdns_answer_take(struct sipdns_question *q, const struct sipdns_reply *rep)
{
	ldns_rr_list_deep_free(q->answer);
	q->answer = NULL;
	free(q->age);
	q->age = NULL;
	free(q->delegated);
	q->delegated = NULL;
	free(q->detail);
	q->detail = NULL;
	q->tried = rep->tried;
	q->timed_out = rep->timed_out;
	q->conn_refused = rep->conn_refused;
	q->server = rep->server;
	q->no_response = false;
	switch (rep->kind) {
	case SIPDNS_REPLY_WIRE:
		take_wire(q, rep->wire, rep->len);
		return;
	case SIPDNS_REPLY_CANCELLED:
		q->state = SIPDNS_Q_ERROR;
		set_detail(q, "cancelled");
		return;
	case SIPDNS_REPLY_TIMEOUT: case SIPDNS_REPLY_UNREACHABLE:
		take_no_response(q, rep);
		return;
	case SIPDNS_REPLY_NXDOMAIN: q->state = SIPDNS_Q_NXDOMAIN; return;
	case SIPDNS_REPLY_NODATA: q->state = SIPDNS_Q_NODATA; return;
	case SIPDNS_REPLY_SERVFAIL: q->state = SIPDNS_Q_SERVFAIL; return;
	case SIPDNS_REPLY_REFUSED: q->state = SIPDNS_Q_REFUSED; return;
	case SIPDNS_REPLY_ERROR: break;
	}
	if (rep->servers_down) {
		take_no_response(q, rep);
		return;
	}
	q->state = SIPDNS_Q_ERROR;
	set_detail(q, "%s",
		 rep->error ? rep->error : "error");
}
