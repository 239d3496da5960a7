/* test_apply.c -- apply without sockets: a plan zone's UPDATE packet (the
 * nsupdate plan's prerequisites and order), its TSIG signature, what each
 * reply means, and the loop over zones (stops before the next update when
 * interrupted, after a TSIG failure or an unknown outcome)
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

#include "apply.h"
#include "plan.h"

#define SECRET "jEcFGzVztHBK1gY8gcewBTpiaZsF7IYPGWK+nFXrOU4="

static ldns_rr *
rr(const char *s)
{
	ldns_rr *r = NULL;
	assert_int_equal(ldns_rr_new_frm_str(&r, s, 0, NULL, NULL), LDNS_STATUS_OK);
	return r;
}

static void
change(struct sipdns_plan_set *s, enum sipdns_plan_op op, const char *text)
{
	s->ch = realloc(s->ch, (s->n_ch + 1) * sizeof(*s->ch));
	assert_non_null(s->ch);
	memset(&s->ch[s->n_ch], 0, sizeof(s->ch[0]));
	s->ch[s->n_ch].op = op;
	s->ch[s->n_ch].rr = rr(text);
	s->n_ch++;
	*(op == SIPDNS_PLAN_ADD ? &s->n_add : &s->n_delete) += 1;
}

static void
set(struct sipdns_plan_set *s, const char *owner, uint16_t type,
    enum sipdns_plan_prereq_kind pre)
{
	memset(s, 0, sizeof(*s));
	s->owner = strdup(owner);
	s->type = type;
	s->pre = pre;
	s->seen = ldns_rr_list_new();
}

/* The walkthrough's drift: cwa01 A changed, im A -> CNAME (A deleted,
 * AAAA guard), webconf missing (nxdomain for A and AAAA sets). */
static void
zone_make(struct sipdns_plan_zone *z)
{
	memset(z, 0, sizeof(*z));
	z->name = "contoso.com";
	z->n_sets = 5;
	z->sets = calloc(z->n_sets, sizeof(*z->sets));
	struct sipdns_plan_set *s = z->sets;
	set(&s[0], "cwa01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_PRE_RRSET);
	ldns_rr_list_push_rr(s[0].seen, rr("cwa01.contoso.com. 3600 IN A 10.0.0.21"));
	change(&s[0], SIPDNS_PLAN_DELETE, "cwa01.contoso.com. 3600 IN A 10.0.0.21");
	change(&s[0], SIPDNS_PLAN_ADD, "cwa01.contoso.com. 3600 IN A 10.0.0.20");
	set(&s[1], "im.contoso.com", LDNS_RR_TYPE_A, SIPDNS_PRE_RRSET);
	ldns_rr_list_push_rr(s[1].seen, rr("im.contoso.com. 3600 IN A 10.0.0.77"));
	change(&s[1], SIPDNS_PLAN_DELETE, "im.contoso.com. 3600 IN A 10.0.0.77");
	set(&s[2], "im.contoso.com", LDNS_RR_TYPE_CNAME, SIPDNS_PRE_NXRRSET);
	change(&s[2], SIPDNS_PLAN_ADD, "im.contoso.com. 3600 IN CNAME cwa01.contoso.com.");
	set(&s[3], "webconf.contoso.com", LDNS_RR_TYPE_A, SIPDNS_PRE_NXDOMAIN);
	change(&s[3], SIPDNS_PLAN_ADD, "webconf.contoso.com. 3600 IN A 131.107.155.20");
	set(&s[4], "webconf.contoso.com", LDNS_RR_TYPE_AAAA, SIPDNS_PRE_NXDOMAIN);
	for (size_t i = 0; i < z->n_sets; i++) {
		z->n_add += s[i].n_add;
		z->n_delete += s[i].n_delete;
	}
	z->n_managed = 14;
}

static void
zone_free(struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		struct sipdns_plan_set *s = &z->sets[i];
		for (size_t k = 0; k < s->n_ch; k++)
			ldns_rr_free(s->ch[k].rr);
		free(s->ch);
		free(s->owner);
		ldns_rr_list_deep_free(s->seen);
	}
	free(z->sets);
}

static void
expect_rr(const ldns_rr_list *l, size_t i, const char *owner, ldns_rr_type t,
	  ldns_rr_class c, uint32_t ttl, size_t rd)
{
	assert_true(i < ldns_rr_list_rr_count(l));
	const ldns_rr *r = ldns_rr_list_rr(l, i);
	char *o = ldns_rdf2str(ldns_rr_owner(r));
	assert_string_equal(o, owner);
	free(o);
	assert_int_equal(ldns_rr_get_type(r), t);
	assert_int_equal(ldns_rr_get_class(r), c);
	if (ttl != UINT32_MAX)   /* a question has none on the wire */
		assert_int_equal(ldns_rr_ttl(r), ttl);
	assert_int_equal(ldns_rr_rd_count(r), rd);
}

/* The sections hold what the nsupdate plan writes, in its order. */
static void
test_packet(void **state)
{
	(void)state;
	struct sipdns_plan_zone z;
	zone_make(&z);
	ldns_pkt *p = NULL;
	assert_int_equal(sipdns_apply_packet(&z, &p), SIPDNS_OK);
	assert_int_equal(ldns_pkt_get_opcode(p), LDNS_PACKET_UPDATE);
	assert_false(ldns_pkt_rd(p));
	/* zone section: contoso.com. SOA IN (RFC 2136 2.3) */
	expect_rr(ldns_pkt_question(p), 0, "contoso.com.", LDNS_RR_TYPE_SOA,
		  LDNS_RR_CLASS_IN, UINT32_MAX, 0);
	ldns_rr_list *pr = ldns_pkt_answer(p), *up = ldns_pkt_authority(p);
	assert_int_equal(ldns_rr_list_rr_count(pr), 4);
	expect_rr(pr, 0, "cwa01.contoso.com.", LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 0, 1);
	expect_rr(pr, 1, "im.contoso.com.", LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 0, 1);
	expect_rr(pr, 2, "im.contoso.com.", LDNS_RR_TYPE_CNAME, LDNS_RR_CLASS_NONE, 0, 0);
	/* webconf's nxdomain once, for both its sets */
	expect_rr(pr, 3, "webconf.contoso.com.", LDNS_RR_TYPE_ANY, LDNS_RR_CLASS_NONE, 0, 0);
	assert_int_equal(ldns_rr_list_rr_count(up), 5);
	/* deletes first (class NONE, TTL 0, RFC 2136 2.5.4), then adds */
	expect_rr(up, 0, "cwa01.contoso.com.", LDNS_RR_TYPE_A, LDNS_RR_CLASS_NONE, 0, 1);
	expect_rr(up, 1, "im.contoso.com.", LDNS_RR_TYPE_A, LDNS_RR_CLASS_NONE, 0, 1);
	expect_rr(up, 2, "cwa01.contoso.com.", LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 3600, 1);
	expect_rr(up, 3, "im.contoso.com.", LDNS_RR_TYPE_CNAME, LDNS_RR_CLASS_IN, 3600, 1);
	expect_rr(up, 4, "webconf.contoso.com.", LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 3600, 1);
	assert_int_equal(ldns_pkt_arcount(p), 0);
	/* survives the wire both ways */
	uint8_t *wire = NULL;
	size_t len = 0;
	assert_int_equal(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
	ldns_pkt *back = NULL;
	assert_int_equal(ldns_wire2pkt(&back, wire, len), LDNS_STATUS_OK);
	assert_int_equal(ldns_pkt_ancount(back), 4);
	assert_int_equal(ldns_pkt_nscount(back), 5);
	free(wire);
	ldns_pkt_free(back);
	ldns_pkt_free(p);
	zone_free(&z);
}

/* A whole-set delete (the plan against an empty zone): class ANY. */
static void
test_packet_delete_set(void **state)
{
	(void)state;
	struct sipdns_plan_zone z;
	zone_make(&z);
	z.sets[0].ch[0].op = SIPDNS_PLAN_DELETE_SET;
	z.sets[0].pre = SIPDNS_PRE_NONE;
	ldns_pkt *p = NULL;
	assert_int_equal(sipdns_apply_packet(&z, &p), SIPDNS_OK);
	assert_int_equal(ldns_rr_list_rr_count(ldns_pkt_answer(p)), 3);
	expect_rr(ldns_pkt_authority(p), 0, "cwa01.contoso.com.", LDNS_RR_TYPE_A,
		  LDNS_RR_CLASS_ANY, 0, 0);
	ldns_pkt_free(p);
	zone_free(&z);
}

/* Signed with the key, the signature verifies; another secret does not. */
static void
test_signed(void **state)
{
	(void)state;
	struct sipdns_plan_zone z;
	zone_make(&z);
	ldns_pkt *p = NULL;
	assert_int_equal(sipdns_apply_packet(&z, &p), SIPDNS_OK);
	assert_int_equal(ldns_pkt_tsig_sign(p, "sipdns-apply.", SECRET, 300,
					    "hmac-sha256.", NULL), LDNS_STATUS_OK);
	assert_non_null(ldns_pkt_tsig(p));
	uint8_t *wire = NULL;
	size_t len = 0;
	assert_int_equal(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
	ldns_pkt *back = NULL;
	assert_int_equal(ldns_wire2pkt(&back, wire, len), LDNS_STATUS_OK);
	assert_true(ldns_pkt_tsig_verify(back, wire, len, "sipdns-apply.", SECRET, NULL));
	ldns_pkt_free(back);
	assert_int_equal(ldns_wire2pkt(&back, wire, len), LDNS_STATUS_OK);
	assert_false(ldns_pkt_tsig_verify(back, wire, len, "sipdns-apply.",
		"AAAAGzVztHBK1gY8gcewBTpiaZsF7IYPGWK+nFXrOU4=", NULL));
	ldns_pkt_free(back);
	free(wire);
	ldns_pkt_free(p);
	zone_free(&z);
}

static ldns_pkt *
reply(ldns_pkt_rcode rc, uint16_t tsig_err)
{
	ldns_pkt *p = ldns_pkt_new();
	assert_non_null(p);
	ldns_pkt_set_rcode(p, (uint8_t)rc);
	if (tsig_err) {
		ldns_rr *t = ldns_rr_new_frm_type(LDNS_RR_TYPE_TSIG);
		ldns_rr_set_owner(t, ldns_dname_new_frm_str("sipdns-apply."));
		ldns_rr_set_rdf(t, ldns_dname_new_frm_str("hmac-sha256."), 0);
		ldns_rr_set_rdf(t, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, 0), 1);
		ldns_rr_set_rdf(t, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, 300), 2);
		ldns_rr_set_rdf(t, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, 0), 3);
		ldns_rr_set_rdf(t, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, 0), 4);
		ldns_rr_set_rdf(t, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, tsig_err), 5);
		ldns_rr_set_rdf(t, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, 0), 6);
		ldns_pkt_set_tsig(p, t);
	}
	return p;
}

static void
judged(ldns_status st, ldns_pkt_rcode rc, uint16_t te, bool has_reply,
       enum sipdns_apply_outcome want, const char *rcode, const char *in_msg)
{
	struct sipdns_apply_zone z = { 0 };
	ldns_pkt *p = has_reply ? reply(rc, te) : NULL;
	assert_int_equal(sipdns_apply_judge(st, p, true, &z), SIPDNS_OK);
	assert_int_equal(z.outcome, want);
	assert_string_equal(z.rcode, rcode);
	assert_non_null(strstr(z.message, in_msg));
	free(z.message);
	ldns_pkt_free(p);
}

/* Each answer says what it means; none is "applied" unless NOERROR. */
static void
test_judge(void **state)
{
	(void)state;
	judged(LDNS_STATUS_OK, LDNS_RCODE_NOERROR, 0, true, SIPDNS_APPLY_APPLIED, "NOERROR", "applied");
	judged(LDNS_STATUS_OK, LDNS_RCODE_NXRRSET, 0, true, SIPDNS_APPLY_REJECTED, "NXRRSET",
	       "the zone changed since the plan");
	judged(LDNS_STATUS_OK, LDNS_RCODE_YXRRSET, 0, true, SIPDNS_APPLY_REJECTED, "YXRRSET",
	       "nothing was changed");
	judged(LDNS_STATUS_OK, LDNS_RCODE_REFUSED, 0, true, SIPDNS_APPLY_REJECTED, "REFUSED",
	       "refused the update");
	judged(LDNS_STATUS_OK, LDNS_RCODE_NOTAUTH, 0, true, SIPDNS_APPLY_REJECTED, "NOTAUTH",
	       "not authoritative");
	judged(LDNS_STATUS_OK, LDNS_RCODE_SERVFAIL, 0, true, SIPDNS_APPLY_UNKNOWN, "SERVFAIL",
	       "unknown");
	/* the server's TSIG errors, in an unsigned reply */
	judged(LDNS_STATUS_CRYPTO_TSIG_BOGUS, LDNS_RCODE_NOTAUTH, 16, true,
	       SIPDNS_APPLY_REJECTED, "NOTAUTH", "BADSIG");
	judged(LDNS_STATUS_CRYPTO_TSIG_BOGUS, LDNS_RCODE_NOTAUTH, 17, true,
	       SIPDNS_APPLY_REJECTED, "NOTAUTH", "BADKEY");
	judged(LDNS_STATUS_CRYPTO_TSIG_BOGUS, LDNS_RCODE_NOTAUTH, 18, true,
	       SIPDNS_APPLY_REJECTED, "NOTAUTH", "BADTIME");
	/* NOERROR whose signature does not verify: not trusted */
	judged(LDNS_STATUS_CRYPTO_TSIG_BOGUS, LDNS_RCODE_NOERROR, 0, true,
	       SIPDNS_APPLY_UNKNOWN, "NOERROR", "did not verify");
	/* no reply: a timeout or a lost connection */
	judged(LDNS_STATUS_NETWORK_ERR, LDNS_RCODE_NOERROR, 0, false,
	       SIPDNS_APPLY_UNKNOWN, "", "unknown: verify; not sent again");
}

/* ---- the loop ---------------------------------------------------------- */

struct fake {
	int sent;                    /* updates sent */
	ldns_pkt_rcode rc[4];        /* the answer to each */
	ldns_status st[4];
	volatile sig_atomic_t *cancel_after; /* set it after this one */
	int cancel_at;
};

static ldns_status
fake_send(void *arg, ldns_pkt *q, ldns_pkt **r, bool *signed_request)
{
	struct fake *f = arg;
	assert_int_equal(ldns_pkt_get_opcode(q), LDNS_PACKET_UPDATE);
	int i = f->sent++;
	*signed_request = false;
	*r = f->st[i] == LDNS_STATUS_OK ? reply(f->rc[i], 0) : NULL;
	if (f->cancel_after && f->sent == f->cancel_at)
		*f->cancel_after = 1;
	return f->st[i];
}

static void
plan3(struct sipdns_plan *p, struct sipdns_plan_zone *z)
{
	static const char *const names[] = { "a.test", "b.test", "c.test" };
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < 3; i++) {
		zone_make(&z[i]);
		z[i].name = names[i];
	}
	p->z = z;
	p->n_z = 3;
}

static void
plan3_free(struct sipdns_apply_result *res, struct sipdns_plan_zone *z)
{
	sipdns_apply_result_fini(res);
	for (int i = 0; i < 3; i++)
		zone_free(&z[i]);
}

/* Interrupted after the first update: the others are not sent. */
static void
test_cancel_between(void **state)
{
	(void)state;
	struct sipdns_plan p;
	struct sipdns_plan_zone z[3];
	struct sipdns_apply_result res;
	plan3(&p, z);
	assert_int_equal(sipdns_apply_prepare(&p, -1, 30, &res), SIPDNS_OK);
	assert_int_equal(res.n_z, 3);
	assert_int_equal(res.n_delete, 6);
	assert_int_equal(res.n_managed, 42);
	assert_false(res.over_threshold);   /* 6 of 42 */
	volatile sig_atomic_t cancel = 0;
	struct fake f = { .cancel_after = &cancel, .cancel_at = 1 };
	assert_int_equal(sipdns_apply_send_all(&p, &res, fake_send, &f, &cancel),
			 SIPDNS_ECANCELLED);
	assert_int_equal(f.sent, 1);
	assert_true(res.cancelled);
	assert_int_equal(res.z[0].outcome, SIPDNS_APPLY_APPLIED);
	assert_int_equal(res.z[1].outcome, SIPDNS_APPLY_NOT_SENT);
	assert_int_equal(res.z[2].outcome, SIPDNS_APPLY_NOT_SENT);
	assert_int_equal(res.n_applied, 1);
	assert_int_equal(res.n_not_sent, 2);
	plan3_free(&res, z);
}

/* Interrupted before the first update: nothing is sent. */
static void
test_cancel_before(void **state)
{
	(void)state;
	struct sipdns_plan p;
	struct sipdns_plan_zone z[3];
	struct sipdns_apply_result res;
	plan3(&p, z);
	assert_int_equal(sipdns_apply_prepare(&p, -1, 30, &res), SIPDNS_OK);
	volatile sig_atomic_t cancel = 1;
	struct fake f = { 0 };
	assert_int_equal(sipdns_apply_send_all(&p, &res, fake_send, &f, &cancel),
			 SIPDNS_ECANCELLED);
	assert_int_equal(f.sent, 0);
	assert_int_equal(res.n_not_sent, 3);
	plan3_free(&res, z);
}

/* A timeout stops the run: never sent again, the rest not sent; an error
 * rcode does not stop it. */
static void
test_unknown_stops(void **state)
{
	(void)state;
	struct sipdns_plan p;
	struct sipdns_plan_zone z[3];
	struct sipdns_apply_result res;
	plan3(&p, z);
	assert_int_equal(sipdns_apply_prepare(&p, -1, 30, &res), SIPDNS_OK);
	struct fake f = { .rc = { LDNS_RCODE_NXRRSET },
			  .st = { LDNS_STATUS_OK, LDNS_STATUS_NETWORK_ERR, LDNS_STATUS_OK } };
	assert_int_equal(sipdns_apply_send_all(&p, &res, fake_send, &f, NULL), SIPDNS_OK);
	assert_int_equal(f.sent, 2);
	assert_int_equal(res.z[0].outcome, SIPDNS_APPLY_REJECTED);
	assert_int_equal(res.z[1].outcome, SIPDNS_APPLY_UNKNOWN);
	assert_int_equal(res.z[2].outcome, SIPDNS_APPLY_NOT_SENT);
	assert_int_equal(res.n_rejected, 1);
	assert_int_equal(res.n_unknown, 1);
	plan3_free(&res, z);
}

/* The threshold: deletes over managed records, strictly more than. */
static void
test_threshold(void **state)
{
	(void)state;
	struct sipdns_plan p;
	struct sipdns_plan_zone z[3];
	struct sipdns_apply_result res;
	plan3(&p, z);
	assert_int_equal(sipdns_apply_prepare(&p, -1, 14, &res), SIPDNS_OK);
	assert_true(res.over_threshold);    /* 6 of 42 = 14.3 % > 14 % */
	sipdns_apply_result_fini(&res);
	assert_int_equal(sipdns_apply_prepare(&p, -1, 15, &res), SIPDNS_OK);
	assert_false(res.over_threshold);
	plan3_free(&res, z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packet),
		cmocka_unit_test(test_packet_delete_set),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_cancel_between),
		cmocka_unit_test(test_cancel_before),
		cmocka_unit_test(test_unknown_stops),
		cmocka_unit_test(test_threshold),
	};
	return cmocka_run_group_tests_name("apply", tests, NULL, NULL);
}
