/* test_compare.c -- the comparison of verify and diff, pure: answers built with ldns,
 * no sockets. Failure is never absence, never in sync.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"
#include "testanswer.h"
#include "compare.h"
#include "findings.h"
#include "records.h"
#include "verify.h"

struct fixture {
	struct tu_job j;
	struct sipdns_verify_opts o;
	struct sipdns_verify_result r;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t len = 0;
	char *text = tu_read(SRCDIR "/zones/walkthrough.yaml", &len);
	tu_job_run(&f->j, text, len, "walkthrough.yaml");
	free(text);
	f->o.view = -1;
	assert_int_equal(sipdns_verify_questions(f->j.t, &f->j.set, &f->o, &f->r),
			 SIPDNS_OK);
	tu_answer_all(&f->j.set, &f->r);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	sipdns_verify_result_fini(&f->r);
	tu_job_fini(&f->j);
	free(f);
	return 0;
}

/* each managed name once per type: 24 records at 19 names + 4 SRV owners */
static void
test_questions(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 1; i < f->r.n_q; i++)
		assert_false(f->r.q[i - 1].view == f->r.q[i].view &&
			     f->r.q[i - 1].type == f->r.q[i].type &&
			     strcmp(f->r.q[i - 1].name, f->r.q[i].name) == 0);
	assert_non_null(tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "_sip._tls.contoso.com",
				 LDNS_RR_TYPE_SRV));
	assert_non_null(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "ocs01.contoso.com",
				 LDNS_RR_TYPE_AAAA));
}

static void
test_in_sync(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.n_f, 0);
	assert_int_equal(f->r.expected, 24);
	assert_int_equal(f->r.in_sync, 24);
}

/* a failed question is unverified, never missing, never in sync */
static void
test_failure_is_not_absence(void **state)
{
	struct fixture *f = *state;
	static const enum sipdns_qstate fails[] = { SIPDNS_Q_TIMEOUT,
		SIPDNS_Q_SERVFAIL, SIPDNS_Q_REFUSED, SIPDNS_Q_NOTAUTH, SIPDNS_Q_ERROR };
	struct sipdns_question *q = tu_question(&f->r, SIPDNS_VIEW_EXTERNAL,
					     "_sip._tls.contoso.com", LDNS_RR_TYPE_SRV);
	q->state = fails[0];
	for (size_t i = 0; i < sizeof(fails) / sizeof(fails[0]); i++) {
		q->state = fails[i];
		struct sipdns_verify_result r = f->r;  /* same questions */
		r.f = NULL;
		r.n_f = r.cap_f = r.expected = r.in_sync = r.unverified = 0;
		r.errors = r.warnings = 0;
		assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &r), SIPDNS_OK);
		assert_int_equal(r.n_f, 1);
		assert_int_equal(r.f[0].kind, SIPDNS_F_UNVERIFIED);
		assert_int_equal(r.unverified, 1);
		assert_int_equal(r.in_sync, 23);
		assert_non_null(strstr(r.f[0].detail, sipdns_qstate_name(fails[i])));
		for (size_t k = 0; k < r.n_f; k++) {
			free(r.f[k].name); free(r.f[k].want); free(r.f[k].got);
			free(r.f[k].detail); free(r.f[k].key);
			free(r.f[k].zone); free(r.f[k].reason); free(r.f[k].fact);
		}
		free(r.f);
	}
	q->state = SIPDNS_Q_ANSWER;
}

/* NXDOMAIN for an expected name: missing; a stale extra SRV: unexpected */
static void
test_missing_and_unexpected(void **state)
{
	struct fixture *f = *state;
	struct sipdns_question *q = tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "av.contoso.com",
					     LDNS_RR_TYPE_A);
	ldns_rr_list_deep_free(q->answer);
	q->answer = ldns_rr_list_new();
	q->state = SIPDNS_Q_NXDOMAIN;
	struct sipdns_question *s = tu_question(&f->r, SIPDNS_VIEW_INTERNAL,
		"_sipinternaltls._tcp.contoso.com", LDNS_RR_TYPE_SRV);
	ldns_rr *stale;
	assert_int_equal(ldns_rr_new_frm_str(&stale,
		"_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool.contoso.com.",
		0, NULL, NULL), LDNS_STATUS_OK);
	ldns_rr_list_push_rr(s->answer, stale);
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.n_f, 2);
	/* sorted: internal view first */
	assert_int_equal(f->r.f[0].kind, SIPDNS_F_UNEXPECTED);
	assert_string_equal(f->r.f[0].got,
		"_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool.contoso.com.");
	assert_int_equal(f->r.f[1].kind, SIPDNS_F_MISSING);
	assert_string_equal(f->r.f[1].name, "av.contoso.com.");
	assert_string_equal(f->r.f[1].reason, "A/V Edge external interface");
	assert_string_equal(f->r.f[1].fact, "R2-E5");
}

/* the Standard Edition server registers itself: another A at its name
 * is not drift, a changed TTL neither */
static void
test_self_registered(void **state)
{
	struct fixture *f = *state;
	struct sipdns_question *q = tu_question(&f->r, SIPDNS_VIEW_INTERNAL,
					     "ocs01.contoso.com", LDNS_RR_TYPE_A);
	ldns_rr *extra;
	assert_int_equal(ldns_rr_new_frm_str(&extra,
		"ocs01.contoso.com. 1200 IN A 192.168.50.10", 0, NULL, NULL), LDNS_STATUS_OK);
	ldns_rr_list_push_rr(q->answer, extra);
	ldns_rr_set_ttl(ldns_rr_list_rr(q->answer, 0), 1200);
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.n_f, 0);
}

/* data that came from a wildcard is no record of the name, even when it
 * equals the expected data: missing, with the wildcard named */
static void
test_wildcard(void **state)
{
	struct fixture *f = *state;
	struct sipdns_question *q = tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "av.contoso.com",
					     LDNS_RR_TYPE_A);
	q->wildcard = strdup("*.contoso.com");
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.n_f, 1);
	assert_int_equal(f->r.f[0].kind, SIPDNS_F_MISSING);
	assert_string_equal(f->r.f[0].name, "av.contoso.com.");
	assert_string_equal(f->r.f[0].detail,
		"answered by the wildcard *.contoso.com: the record itself does not exist");
	assert_int_equal(f->r.in_sync, 23);
}

/* a name in a delegated child zone is not verified here, never missing */
static void
test_delegated(void **state)
{
	struct fixture *f = *state;
	struct sipdns_question *q = tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "webconf.contoso.com",
					     LDNS_RR_TYPE_A);
	ldns_rr_list_deep_free(q->answer);
	q->answer = ldns_rr_list_new();
	q->state = SIPDNS_Q_NODATA;
	q->delegated = strdup("ns1.child.contoso.com.");
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.n_f, 1);
	assert_int_equal(f->r.f[0].kind, SIPDNS_F_UNVERIFIED);
	assert_non_null(strstr(f->r.f[0].detail, "delegated to ns1.child.contoso.com."));
	assert_int_equal(f->r.unverified, 1);
}

static void
push_rr(struct sipdns_question *q, const char *text)
{
	ldns_rr *rr;
	assert_int_equal(ldns_rr_new_frm_str(&rr, text, 0, NULL, NULL), LDNS_STATUS_OK);
	ldns_rr_list_push_rr(q->answer, rr);
	q->state = SIPDNS_Q_ANSWER;
}

/* a name that must not exist: absent is fine and counts nowhere; present
 * is unexpected with its reason, fact and what to do; the sign-in pool's
 * address at a fallback name is fine */
static void
test_must_not(void **state)
{
	struct fixture *f = *state;
	struct sipdns_question *tcp = tu_question(&f->r, SIPDNS_VIEW_INTERNAL,
		"_sipinternal._tcp.contoso.com", LDNS_RR_TYPE_SRV);
	struct sipdns_question *sip = tu_question(&f->r, SIPDNS_VIEW_INTERNAL,
		"sip.contoso.com", LDNS_RR_TYPE_A);
	struct sipdns_question *sipi = tu_question(&f->r, SIPDNS_VIEW_INTERNAL,
		"sipinternal.contoso.com", LDNS_RR_TYPE_A);
	assert_true(tcp->must_not && sip->must_not && sipi->must_not);
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.n_f, 0);
	assert_int_equal(f->r.expected, 24);
	assert_int_equal(f->r.in_sync, 24);
	push_rr(tcp, "_sipinternal._tcp.contoso.com. 3600 IN SRV 0 0 5060 oldpool.contoso.com.");
	push_rr(sip, "sip.contoso.com. 3600 IN A 131.107.155.10");
	push_rr(sipi, "sipinternal.contoso.com. 3600 IN A 10.0.0.10");
	struct sipdns_verify_result r = f->r;
	r.f = NULL;
	r.n_f = r.cap_f = r.expected = r.in_sync = r.unverified = r.errors = r.warnings = 0;
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &r), SIPDNS_OK);
	assert_int_equal(r.n_f, 2);
	assert_int_equal(r.in_sync, 24);
	assert_int_equal(r.f[0].kind, SIPDNS_F_UNEXPECTED);
	assert_string_equal(r.f[0].name, "_sipinternal._tcp.contoso.com.");
	assert_string_equal(r.f[0].fact, "S1.3-3");
	assert_string_equal(r.f[0].reason, "automatic sign-in over TCP, but TCP is not allowed");
	assert_non_null(strstr(r.f[0].detail, "delete it: "));
	assert_int_equal(r.f[1].kind, SIPDNS_F_UNEXPECTED);
	assert_string_equal(r.f[1].name, "sip.contoso.com.");
	assert_string_equal(r.f[1].fact, "S1.3-A");
	for (size_t k = 0; k < r.n_f; k++) {
		free(r.f[k].name); free(r.f[k].want); free(r.f[k].got);
		free(r.f[k].detail); free(r.f[k].key);
		free(r.f[k].zone); free(r.f[k].reason); free(r.f[k].fact);
	}
	free(r.f);
	/* failed: unverified, never absence */
	tcp->state = SIPDNS_Q_TIMEOUT;
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	assert_int_equal(f->r.unverified, 1);
}

/* sipdns_dname_equal agrees with ldns_dname_compare(a, b) == 0 on every
 * pair of a set of names: case alone apart, a label split elsewhere, a
 * letter against a length byte one case bit away ('#' is 3 | 0x20), a
 * name against its parent, the root. */
static void
test_dname_equal(void **state)
{
	(void)state;
	static const char *const names[] = {
		"sip.contoso.com.", "SIP.Contoso.COM.", "sip.contoso.co.",
		"sipc.ontoso.com.", "contoso.com.", "#ip.contoso.com.",
		"\003ip.contoso.com.", "si.pcontoso.com.", "sip.contoso.com.x.",
		"_sip._tls.contoso.com.", "_SIP._TLS.CONTOSO.COM.", "@.a.", "`.a.", ".",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	ldns_rdf *d[sizeof(names) / sizeof(names[0])];
	for (size_t i = 0; i < n; i++)
		assert_non_null(d[i] = ldns_dname_new_frm_str(names[i]));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++)
			assert_int_equal(sipdns_dname_equal(d[i], d[k]),
					 ldns_dname_compare(d[i], d[k]) == 0);
	assert_true(sipdns_dname_equal(d[0], d[1]));
	assert_false(sipdns_dname_equal(d[0], d[5]));
	assert_false(sipdns_dname_equal(d[0], NULL));
	assert_true(sipdns_dname_equal(NULL, NULL));
	for (size_t i = 0; i < n; i++)
		ldns_rdf_deep_free(d[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_questions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_is_not_absence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_unexpected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_self_registered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_must_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wildcard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delegated, setup, teardown),
		cmocka_unit_test(test_dname_equal),
	};
	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
