/* test_between.c -- verify --between's pairing, pure: two sides' answers
 * built with ldns, no sockets. A side that failed is never the same and
 * never a difference.
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
#include "between.h"
#include "findings.h"

/* A question of the internal view with the answer records (NULL-ended
 * zone-file lines; none: no answer section). */
static struct sipdns_question
q_make(const char *name, ldns_rr_type type, enum sipdns_qstate st, ...)
{
	struct sipdns_question q;
	memset(&q, 0, sizeof(q));
	q.view = SIPDNS_VIEW_INTERNAL;
	q.name = name;
	q.type = type;
	q.state = st;
	q.server = -1;
	va_list ap;
	va_start(ap, st);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
		ldns_rr *rr = NULL;
		assert_int_equal(ldns_rr_new_frm_str(&rr, s, 3600, NULL, NULL),
				 LDNS_STATUS_OK);
		if (q.answer == NULL)
			q.answer = ldns_rr_list_new();
		ldns_rr_list_push_rr(q.answer, rr);
	}
	va_end(ap);
	return q;
}

static void
q_free(struct sipdns_question *q)
{
	ldns_rr_list_deep_free(q->answer);
	free(q->delegated);
	free(q->detail);
	q->answer = NULL;
	q->delegated = NULL;
}

static enum sipdns_between_class
classify(struct sipdns_question a, struct sipdns_question b)
{
	enum sipdns_between_class c = sipdns_between_classify(&a, &b);
	q_free(&a);
	q_free(&b);
	return c;
}

#define A1 "ocs01.contoso.com. 3600 IN A 10.0.0.10"
#define A2 "ocs01.contoso.com. 3600 IN A 10.0.0.11"

static void
test_same(void **state)
{
	(void)state;
	/* the same records, another order, another case of the owner */
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, A2, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER,
		       "OCS01.Contoso.COM. 3600 IN A 10.0.0.11", A1, NULL)),
		SIPDNS_BETWEEN_SAME);
	/* names in the data compare in canonical form too */
	assert_int_equal(classify(
		q_make("_sip._tls.contoso.com", LDNS_RR_TYPE_SRV, SIPDNS_Q_ANSWER,
		       "_sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.", NULL),
		q_make("_sip._tls.contoso.com", LDNS_RR_TYPE_SRV, SIPDNS_Q_ANSWER,
		       "_sip._tls.contoso.com. 3600 IN SRV 0 0 443 SIP.contoso.com.", NULL)),
		SIPDNS_BETWEEN_SAME);
	/* both without data and saying the same: both NXDOMAIN, or both no
	 * data; one of each differs (NXDOMAIN: no type at all at the name) */
	assert_int_equal(classify(
		q_make("x.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NXDOMAIN, NULL),
		q_make("x.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NXDOMAIN, NULL)),
		SIPDNS_BETWEEN_SAME);
	assert_int_equal(classify(
		q_make("x.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NODATA, NULL),
		q_make("x.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NODATA, NULL)),
		SIPDNS_BETWEEN_SAME);
	assert_int_equal(classify(
		q_make("x.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NODATA, NULL),
		q_make("x.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NXDOMAIN, NULL)),
		SIPDNS_BETWEEN_DIFFERS);
}

static void
test_ttl_differs(void **state)
{
	(void)state;
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, A2, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER,
		       "ocs01.contoso.com. 300 IN A 10.0.0.11", A1, NULL)),
		SIPDNS_BETWEEN_TTL);
}

static void
test_differs(void **state)
{
	(void)state;
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A2, NULL)),
		SIPDNS_BETWEEN_DIFFERS);
	/* one record more is a difference, not the same */
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, A2, NULL)),
		SIPDNS_BETWEEN_DIFFERS);
	/* an alias instead of the address */
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER,
		       "ocs01.contoso.com. 3600 IN CNAME pool.contoso.com.",
		       "pool.contoso.com. 3600 IN A 10.0.0.10", NULL)),
		SIPDNS_BETWEEN_DIFFERS);
}

static void
test_only_one_side(void **state)
{
	(void)state;
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NXDOMAIN, NULL)),
		SIPDNS_BETWEEN_ONLY_OLD);
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NODATA, NULL)),
		SIPDNS_BETWEEN_ONLY_OLD);
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NODATA, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL)),
		SIPDNS_BETWEEN_ONLY_NEW);
}

static void
test_unseen(void **state)
{
	(void)state;
	static const enum sipdns_qstate fail[] = {
		SIPDNS_Q_PENDING, SIPDNS_Q_SERVFAIL, SIPDNS_Q_REFUSED,
		SIPDNS_Q_TIMEOUT, SIPDNS_Q_NOTAUTH, SIPDNS_Q_ERROR,
	};
	for (size_t i = 0; i < sizeof(fail) / sizeof(fail[0]); i++) {
		/* either side, against data or against absence */
		assert_int_equal(classify(
			q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A1, NULL),
			q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, fail[i], NULL)),
			SIPDNS_BETWEEN_UNSEEN);
		assert_int_equal(classify(
			q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, fail[i], NULL),
			q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NXDOMAIN, NULL)),
			SIPDNS_BETWEEN_UNSEEN);
	}
	/* both failed, the same way: still not the same */
	assert_int_equal(classify(
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_TIMEOUT, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_TIMEOUT, NULL)),
		SIPDNS_BETWEEN_UNSEEN);
	/* a referral: the name is in a child zone, not seen here */
	struct sipdns_question d = q_make("a.child.contoso.com", LDNS_RR_TYPE_A,
					  SIPDNS_Q_NODATA, NULL);
	d.delegated = strdup("ns1.child.contoso.com.");
	assert_int_equal(classify(
		q_make("a.child.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_NODATA, NULL), d),
		SIPDNS_BETWEEN_UNSEEN);
	/* not asked on a side */
	struct sipdns_question a = q_make("ocs01.contoso.com", LDNS_RR_TYPE_A,
					  SIPDNS_Q_ANSWER, A1, NULL);
	assert_int_equal(sipdns_between_classify(&a, NULL), SIPDNS_BETWEEN_UNSEEN);
	assert_int_equal(sipdns_between_classify(NULL, &a), SIPDNS_BETWEEN_UNSEEN);
	q_free(&a);
}

/* Two sides of four questions (in the set's order), paired. */
static void
test_pair(void **state)
{
	(void)state;
	struct sipdns_question qo[4] = {
		q_make("cwa01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER,
		       "cwa01.contoso.com. 3600 IN A 10.0.0.20", NULL),
		q_make("elsewhere.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_PENDING, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER, A2, A1, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_AAAA, SIPDNS_Q_NODATA, NULL),
	};
	qo[1].ignored = true;
	struct sipdns_question qn[4] = {
		q_make("cwa01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_TIMEOUT, NULL),
		q_make("elsewhere.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_PENDING, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER,
		       "OCS01.Contoso.COM. 3600 IN A 10.0.0.10", A2, NULL),
		q_make("ocs01.contoso.com", LDNS_RR_TYPE_AAAA, SIPDNS_Q_ANSWER,
		       "ocs01.contoso.com. 3600 IN AAAA 2001:db8::10", NULL),
	};
	qn[1].ignored = true;
	qn[0].no_response = true;
	qn[0].detail = strdup("no answer from any server of the view");
	qn[3].must_not = true;
	struct sipdns_verify_result o = { .q = qo, .n_q = 4 };
	struct sipdns_verify_result n = { .q = qn, .n_q = 4 };
	struct sipdns_between_result res;
	memset(&res, 0, sizeof(res));
	assert_int_equal(sipdns_between_pair(&o, &n, &res), SIPDNS_OK);
	assert_int_equal(res.n, 3);   /* the ignored one is left out */
	assert_int_equal(res.v[0].cls, SIPDNS_BETWEEN_UNSEEN);
	assert_string_equal(res.v[0].name, "cwa01.contoso.com.");
	assert_true(res.v[0].side[0].seen);
	assert_false(res.v[0].side[1].seen);
	assert_string_equal(res.v[0].side[1].state,
			    "timeout: no answer from any server of the view");
	assert_string_equal(res.v[0].side[0].records,
			    "cwa01.contoso.com. 3600 IN A 10.0.0.20");
	assert_null(res.v[0].side[1].records);
	assert_int_equal(res.v[1].cls, SIPDNS_BETWEEN_SAME);
	/* canonical text and order, whatever the server's */
	assert_string_equal(res.v[1].side[0].records, A1 "\n" A2);
	assert_string_equal(res.v[1].side[1].records, A1 "\n" A2);
	assert_int_equal(res.v[2].cls, SIPDNS_BETWEEN_ONLY_NEW);
	assert_string_equal(res.v[2].type_name, "AAAA");
	assert_true(res.v[2].must_not);
	assert_string_equal(res.v[2].side[0].state, "no data");
	assert_int_equal(res.count[SIPDNS_BETWEEN_SAME], 1);
	assert_int_equal(res.count[SIPDNS_BETWEEN_UNSEEN], 1);
	assert_int_equal(res.count[SIPDNS_BETWEEN_ONLY_NEW], 1);
	assert_int_equal(res.unseen_side[0], 0);
	assert_int_equal(res.unseen_side[1], 1);
	/* a question NEW has and OLD lacks: unseen on OLD, "not asked" */
	struct sipdns_verify_result o2 = { .q = qo, .n_q = 2 };
	struct sipdns_between_result r2;
	memset(&r2, 0, sizeof(r2));
	assert_int_equal(sipdns_between_pair(&o2, &n, &r2), SIPDNS_OK);
	assert_int_equal(r2.n, 3);
	assert_int_equal(r2.v[1].cls, SIPDNS_BETWEEN_UNSEEN);
	assert_string_equal(r2.v[1].side[0].state, "not asked");
	assert_int_equal(r2.unseen_side[0], 2);
	assert_int_equal(r2.unseen_side[1], 1);
	sipdns_between_result_fini(&r2);
	sipdns_between_result_fini(&res);
	for (int i = 0; i < 4; i++) {
		q_free(&qo[i]);
		q_free(&qn[i]);
	}
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(sipdns_between_class_name(SIPDNS_BETWEEN_SAME), "same");
	assert_string_equal(sipdns_between_class_name(SIPDNS_BETWEEN_TTL), "ttl");
	assert_string_equal(sipdns_between_class_name(SIPDNS_BETWEEN_ONLY_OLD), "only-old");
	assert_string_equal(sipdns_between_class_name(SIPDNS_BETWEEN_UNSEEN), "unseen");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_ttl_differs),
		cmocka_unit_test(test_differs),
		cmocka_unit_test(test_only_one_side),
		cmocka_unit_test(test_unseen),
		cmocka_unit_test(test_pair),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
