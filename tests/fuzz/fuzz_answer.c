/* fuzz_answer.c -- DNS answer bytes -> ldns -> comparison with the
 * expected set. Input: one byte choosing the question, then the wire data.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fuzz.h"

#include <stdbool.h>
#include <stdio.h>

#include "fuzz_common.h"
#include "resolve.h"

/* Is f a finding about question q? */
static bool
about(const struct sipdns_finding *f, const struct sipdns_question *q)
{
	size_t nl = strlen(q->name);
	return f->view == q->view && f->type == q->type &&
	       strncmp(f->name, q->name, nl) == 0 && f->name[nl] == '.' &&
	       f->name[nl + 1] == '\0';
}

/* Is rr one of the expected records of q (its type, or the alias), or
 * an address a self-registered name may hold besides? */
static bool
expected_rr(const struct fuzz_env *e, const struct sipdns_question *q,
	    const ldns_rr *rr)
{
	ldns_rr_type t = ldns_rr_get_type(rr);
	for (size_t i = 0; i < e->s.n; i++) {
		const struct sipdns_record *x = &e->s.v[i];
		if (x->view != q->view || strcmp(x->owner, q->name) != 0)
			continue;
		if (ldns_rr_compare(x->rr, rr) == 0 ||
		    ((x->flags & SIPDNS_REC_SELF_REGISTERED) &&
		     (t == LDNS_RR_TYPE_A || t == LDNS_RR_TYPE_AAAA)))
			return true;
	}
	return false;
}

/* Checked apart from answer.c: every answer record is class IN and at
 * the question's name or at the target of a CNAME of the answer. */
static bool
well_formed(const struct sipdns_question *q)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	snprintf(buf, sizeof(buf), "%s.", q->name);
	ldns_rdf *qn = ldns_dname_new_frm_str(buf);
	const ldns_rr_list *an = q->answer;
	bool ok = qn != NULL;
	for (size_t i = 0; ok && i < ldns_rr_list_rr_count(an); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(an, i);
		ok = ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN;
		bool at = ldns_dname_compare(ldns_rr_owner(rr), qn) == 0;
		for (size_t k = 0; ok && !at && k < ldns_rr_list_rr_count(an); k++) {
			const ldns_rr *c = ldns_rr_list_rr(an, k);
			at = ldns_rr_get_type(c) == LDNS_RR_TYPE_CNAME &&
			     ldns_rr_rd_count(c) > 0 &&
			     ldns_dname_compare(ldns_rr_rdf(c, 0), ldns_rr_owner(rr)) == 0;
		}
		ok = ok && (at || ldns_rr_get_type(rr) == LDNS_RR_TYPE_DNAME);
	}
	ldns_rdf_deep_free(qn);
	return ok;
}

/* Both directions, for the question that got the fuzzed bytes (every
 * other question got no data, so every in-sync record is the pick's):
 * a failed or malformed answer yields no drift and nothing in sync; in
 * sync only when the answer holds the expected data, and when nothing
 * else is reported about the name its answer is exactly that data. */
static void
check_pick(const struct fuzz_env *e, const struct sipdns_verify_result *r,
	   const struct sipdns_question *q)
{
	bool failed = q->state != SIPDNS_Q_ANSWER &&
		      q->state != SIPDNS_Q_NODATA &&
		      q->state != SIPDNS_Q_NXDOMAIN;
	failed = failed || (q->answer && !well_formed(q));
	size_t about_q = 0;
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		if (!about(f, q))
			continue;
		about_q += f->kind != SIPDNS_F_UNVERIFIED;
		if (failed && (f->kind == SIPDNS_F_MISSING || f->kind == SIPDNS_F_CHANGED ||
			       f->kind == SIPDNS_F_UNEXPECTED || f->kind == SIPDNS_F_TTL))
			abort();
	}
	if (r->in_sync == 0)
		return;
	if (q->state != SIPDNS_Q_ANSWER || q->delegated || q->answer == NULL ||
	    !well_formed(q))
		abort();
	size_t at_name = 0;
	char buf[LDNS_MAX_DOMAINLEN + 2];
	snprintf(buf, sizeof(buf), "%s.", q->name);
	ldns_rdf *qn = ldns_dname_new_frm_str(buf);
	for (size_t i = 0; qn && i < ldns_rr_list_rr_count(q->answer); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(q->answer, i);
		if (ldns_dname_compare(ldns_rr_owner(rr), qn) != 0)
			continue;
		at_name++;
		if (about_q == 0 && !expected_rr(e, q, rr))
			abort();
	}
	ldns_rdf_deep_free(qn);
	if (at_name < r->in_sync)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct fuzz_env *e = fuzz_env();
	struct sipdns_verify_opts o = { .view = -1 };
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	if (sipdns_verify_questions(e->t, &e->s, &o, &r) == SIPDNS_OK && r.n_q) {
		/* every question gets an answer; the chosen one the fuzzed bytes */
		size_t pick = data[0] % r.n_q;
		for (size_t i = 0; i < r.n_q; i++) {
			struct sipdns_reply rep = { .kind = SIPDNS_REPLY_NODATA };
			if (i == pick) {
				rep = (struct sipdns_reply){ .kind = SIPDNS_REPLY_WIRE,
					.wire = data + 1, .len = size - 1 };
				r.q[i].no_recurse = (data[0] & 0x80) != 0;
			}
			if (rep.kind != SIPDNS_REPLY_WIRE || rep.len > 0)
				sipdns_answer_take(&r.q[i], &rep);
			else
				r.q[i].state = SIPDNS_Q_ERROR;
		}
		sipdns_compare(e->t, &e->s, &o, &r);
		check_pick(e, &r, &r.q[pick]);
	}
	sipdns_verify_result_fini(&r);
	return 0;
}
