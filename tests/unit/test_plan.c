/* test_plan.c -- the change plan, pure: the comparison's result built with
 * ldns answers, no sockets. Each rule of plan.h has a case.
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
#include "plan.h"
#include "verify.h"

struct fixture {
	struct tu_job j;
	struct sipdns_verify_opts o;
	struct sipdns_verify_result r;
	struct sipdns_plan p;
};

/* Replace q's answer by the records given (NULL-terminated), state st. */
static void
answer(struct sipdns_question *q, enum sipdns_qstate st, ...)
{
	ldns_rr_list_deep_free(q->answer);
	q->answer = ldns_rr_list_new();
	q->state = st;
	va_list ap;
	va_start(ap, st);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
		ldns_rr *rr;
		assert_int_equal(ldns_rr_new_frm_str(&rr, s, 0, NULL, NULL), LDNS_STATUS_OK);
		ldns_rr_list_push_rr(q->answer, rr);
	}
	va_end(ap);
}

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
	sipdns_plan_free(&f->p);
	sipdns_verify_result_fini(&f->r);
	tu_job_fini(&f->j);
	free(f);
	return 0;
}

/* Compare, then plan. */
static void
plan(struct fixture *f, bool prune)
{
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	struct sipdns_plan_opts po = { .prune = prune, .view = -1 };
	sipdns_plan_free(&f->p);
	assert_int_equal(sipdns_plan_make(f->j.t, &f->j.set, &f->r, &po, &f->p),
			 SIPDNS_OK);
}

static const struct sipdns_plan_zone *
zone(const struct fixture *f, enum sipdns_view_id v)
{
	for (size_t i = 0; i < f->p.n_z; i++)
		if (f->p.z[i].view == v && strcmp(f->p.z[i].name, "contoso.com") == 0)
			return &f->p.z[i];
	fail_msg("no zone");
	return NULL;
}

static const struct sipdns_plan_set *
set(const struct sipdns_plan_zone *z, const char *owner, uint16_t type)
{
	for (size_t i = 0; i < z->n_sets; i++)
		if (z->sets[i].type == type && strcmp(z->sets[i].owner, owner) == 0)
			return &z->sets[i];
	return NULL;
}

static void
test_in_sync_is_empty(void **state)
{
	struct fixture *f = *state;
	plan(f, true);
	assert_int_equal(f->p.n_z, 2);   /* both views' contoso.com */
	assert_int_equal(f->p.n_add + f->p.n_delete, 0);
	assert_int_equal(f->p.z[0].n_sets + f->p.z[1].n_sets, 0);
	assert_int_equal(f->p.n_managed, f->j.set.n);
	assert_false(sipdns_plan_over_threshold(&f->p, 30));
}

/* missing at a name that does not exist: add, prerequisite nxdomain */
static void
test_missing(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "av.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_NXDOMAIN, NULL);
	plan(f, false);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_EXTERNAL);
	const struct sipdns_plan_set *s = set(z, "av.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(s);
	assert_int_equal(s->pre, SIPDNS_PRE_NXDOMAIN);
	assert_int_equal(s->n_ch, 1);
	assert_int_equal(s->ch[0].op, SIPDNS_PLAN_ADD);
	assert_int_equal(s->ch[0].why, SIPDNS_WHY_MISSING);
	assert_string_equal(s->ch[0].fact, "R2-E5");
	assert_string_equal(s->ch[0].reason, "A/V Edge external interface");
	assert_true(s->ch[0].line > 0);
	/* guard: no CNAME may be there either */
	const struct sipdns_plan_set *g = set(z, "av.contoso.com", LDNS_RR_TYPE_CNAME);
	assert_non_null(g);
	assert_int_equal(g->n_ch, 0);
	assert_int_equal(f->p.n_add, 1);
	assert_int_equal(f->p.n_delete, 0);
}

/* changed: delete the wrong record (the set as seen is the prerequisite),
 * add the right one */
static void
test_changed(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "cwa01.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_ANSWER, "cwa01.contoso.com. 3600 IN A 10.0.0.21", NULL);
	plan(f, false);
	const struct sipdns_plan_set *s =
		set(zone(f, SIPDNS_VIEW_INTERNAL), "cwa01.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(s);
	assert_int_equal(s->pre, SIPDNS_PRE_RRSET);
	assert_int_equal(ldns_rr_list_rr_count(s->seen), 1);
	assert_int_equal(s->n_ch, 2);
	assert_int_equal(s->ch[0].op, SIPDNS_PLAN_DELETE);   /* deletes first */
	assert_string_equal(s->ch[0].text, "cwa01.contoso.com. 3600 IN A 10.0.0.21");
	assert_int_equal(s->ch[1].op, SIPDNS_PLAN_ADD);
	assert_string_equal(s->ch[1].text, "cwa01.contoso.com. 3600 IN A 10.0.0.20");
	assert_int_equal(f->p.n_delete, 1);
	assert_true(sipdns_plan_over_threshold(&f->p, 0));
	assert_false(sipdns_plan_over_threshold(&f->p, 30));
}

/* ttl: the record deleted as seen, added with the right TTL */
static void
test_ttl(void **state)
{
	struct fixture *f = *state;
	/* cwa01: not self-registered (the domain controller's TTL is its own) */
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "cwa01.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_ANSWER, "cwa01.contoso.com. 600 IN A 10.0.0.20", NULL);
	plan(f, false);
	const struct sipdns_plan_set *s =
		set(zone(f, SIPDNS_VIEW_INTERNAL), "cwa01.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(s);
	assert_int_equal(s->n_ch, 2);
	assert_int_equal(s->ch[0].why, SIPDNS_WHY_TTL);
	assert_int_equal(ldns_rr_ttl(s->ch[0].rr), 600);
	assert_int_equal(ldns_rr_ttl(s->ch[1].rr), 3600);
}

/* an unexpected SRV beside the right one */
static void
stale_srv(struct fixture *f)
{
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "_sipinternaltls._tcp.contoso.com",
			LDNS_RR_TYPE_SRV), SIPDNS_Q_ANSWER,
	       "_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 ocs01.contoso.com.",
	       "_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool.contoso.com.",
	       NULL);
}

/* unexpected at a managed name: kept without prune */
static void
test_unexpected_kept(void **state)
{
	struct fixture *f = *state;
	stale_srv(f);
	plan(f, false);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_INTERNAL);
	assert_int_equal(z->n_sets, 0);
	assert_int_equal(z->n_kept, 1);
	assert_string_equal(z->kept[0].text,
		"_sipinternaltls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldpool.contoso.com.");
	assert_int_equal(f->p.n_kept, 1);
	assert_int_equal(f->p.n_add + f->p.n_delete, 0);
}

/* ... and deleted with prune, the whole set seen as the prerequisite */
static void
test_unexpected_pruned(void **state)
{
	struct fixture *f = *state;
	stale_srv(f);
	plan(f, true);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_INTERNAL);
	const struct sipdns_plan_set *s =
		set(z, "_sipinternaltls._tcp.contoso.com", LDNS_RR_TYPE_SRV);
	assert_non_null(s);
	assert_int_equal(z->n_kept, 0);
	assert_int_equal(s->pre, SIPDNS_PRE_RRSET);
	assert_int_equal(ldns_rr_list_rr_count(s->seen), 2);
	assert_int_equal(s->n_ch, 1);
	assert_int_equal(s->ch[0].op, SIPDNS_PLAN_DELETE);
	assert_int_equal(s->ch[0].why, SIPDNS_WHY_UNEXPECTED);
}

/* self-registered: its other addresses are never deleted, not even with
 * prune; a missing one is added */
static void
test_self_registered(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "ocs01.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_ANSWER, "ocs01.contoso.com. 1200 IN A 192.168.50.10", NULL);
	plan(f, true);
	const struct sipdns_plan_set *s =
		set(zone(f, SIPDNS_VIEW_INTERNAL), "ocs01.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(s);
	assert_int_equal(s->n_delete, 0);
	assert_int_equal(s->n_add, 1);
	assert_true(s->ch[0].flags & SIPDNS_REC_SELF_REGISTERED);
	assert_int_equal(s->pre, SIPDNS_PRE_RRSET);   /* as seen */
	assert_int_equal(f->p.n_delete, 0);
}

/* a question that failed, a wildcard's answer: not planned, not seen */
static void
test_not_seen(void **state)
{
	struct fixture *f = *state;
	tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "_sip._tls.contoso.com",
		 LDNS_RR_TYPE_SRV)->state = SIPDNS_Q_TIMEOUT;
	struct sipdns_question *w = tu_question(&f->r, SIPDNS_VIEW_EXTERNAL, "av.contoso.com",
					     LDNS_RR_TYPE_A);
	w->wildcard = strdup("*.contoso.com");
	plan(f, true);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_EXTERNAL);
	assert_int_equal(z->n_sets, 0);
	assert_int_equal(z->n_skip, 2);
	assert_int_equal(f->p.n_not_planned, 2);
	for (size_t i = 0; i < z->n_skip; i++) {
		assert_false(z->skip[i].refused);
		assert_non_null(strstr(z->skip[i].message, "not planned: not seen"));
	}
	assert_int_equal(f->p.n_add + f->p.n_delete, 0);
}

/* a must-not-exist name that holds a record: deleted without prune */
static void
test_must_not(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "_sipinternal._tcp.contoso.com",
			LDNS_RR_TYPE_SRV), SIPDNS_Q_ANSWER,
	       "_sipinternal._tcp.contoso.com. 3600 IN SRV 0 0 5060 oldpool.contoso.com.",
	       NULL);
	plan(f, false);
	const struct sipdns_plan_set *s = set(zone(f, SIPDNS_VIEW_INTERNAL),
		"_sipinternal._tcp.contoso.com", LDNS_RR_TYPE_SRV);
	assert_non_null(s);
	assert_int_equal(s->n_ch, 1);
	assert_int_equal(s->ch[0].op, SIPDNS_PLAN_DELETE);
	assert_int_equal(s->ch[0].why, SIPDNS_WHY_MUST_NOT);
	assert_string_equal(s->ch[0].fact, "S1.3-3");
}

/* a CNAME wanted where an A and an AAAA are: both deleted first (the
 * AAAA too without prune: it conflicts), then the CNAME added */
static void
test_cname_over_data(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "im.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_ANSWER, "im.contoso.com. 3600 IN A 10.0.0.77", NULL);
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "im.contoso.com", LDNS_RR_TYPE_AAAA),
	       SIPDNS_Q_ANSWER, "im.contoso.com. 3600 IN AAAA 2001:db8::77", NULL);
	plan(f, false);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_INTERNAL);
	const struct sipdns_plan_set *a = set(z, "im.contoso.com", LDNS_RR_TYPE_A);
	const struct sipdns_plan_set *aaaa = set(z, "im.contoso.com", LDNS_RR_TYPE_AAAA);
	const struct sipdns_plan_set *c = set(z, "im.contoso.com", LDNS_RR_TYPE_CNAME);
	assert_non_null(a);
	assert_non_null(aaaa);
	assert_non_null(c);
	assert_int_equal(a->pre, SIPDNS_PRE_RRSET);
	assert_int_equal(a->n_delete, 1);
	assert_int_equal(aaaa->pre, SIPDNS_PRE_RRSET);
	assert_int_equal(aaaa->n_delete, 1);
	assert_int_equal(aaaa->ch[0].why, SIPDNS_WHY_CONFLICT);
	assert_int_equal(z->n_kept, 0);
	assert_int_equal(c->pre, SIPDNS_PRE_NXRRSET);
	assert_int_equal(c->n_add, 1);
}

/* data wanted where a CNAME is: the CNAME deleted first, then the A */
static void
test_data_over_cname(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "cwa01.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_ANSWER, "cwa01.contoso.com. 3600 IN CNAME webext.contoso.com.",
	       NULL);
	plan(f, false);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_INTERNAL);
	const struct sipdns_plan_set *c = set(z, "cwa01.contoso.com", LDNS_RR_TYPE_CNAME);
	const struct sipdns_plan_set *a = set(z, "cwa01.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(c);
	assert_non_null(a);
	assert_int_equal(c->pre, SIPDNS_PRE_RRSET);
	assert_int_equal(c->n_delete, 1);
	assert_int_equal(a->pre, SIPDNS_PRE_NXRRSET);
	assert_int_equal(a->n_add, 1);
}

/* a CNAME wanted at a name that exists with nothing sipdns asked for:
 * refused with a message, nothing added */
static void
test_cname_refused(void **state)
{
	struct fixture *f = *state;
	answer(tu_question(&f->r, SIPDNS_VIEW_INTERNAL, "im.contoso.com", LDNS_RR_TYPE_A),
	       SIPDNS_Q_NODATA, NULL);
	plan(f, false);
	const struct sipdns_plan_zone *z = zone(f, SIPDNS_VIEW_INTERNAL);
	assert_null(set(z, "im.contoso.com", LDNS_RR_TYPE_CNAME));
	assert_int_equal(z->n_skip, 1);
	assert_true(z->skip[0].refused);
	assert_non_null(strstr(z->skip[0].message, "a CNAME cannot go beside other data"));
	assert_int_equal(f->p.n_refused, 1);
	assert_int_equal(f->p.n_add, 0);
}

/* the plan against an empty zone: sets replaced whole, a self-registered
 * one only added to; CNAME guards both ways */
static void
test_empty(void **state)
{
	struct fixture *f = *state;
	struct sipdns_plan_opts po = { .view = SIPDNS_VIEW_INTERNAL };
	assert_int_equal(sipdns_plan_empty(f->j.t, &f->j.set, &po, &f->p), SIPDNS_OK);
	assert_int_equal(f->p.n_z, 1);
	assert_true(f->p.empty_zone);
	const struct sipdns_plan_zone *z = &f->p.z[0];
	const struct sipdns_plan_set *s = set(z, "ocs01.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(s);
	for (size_t i = 0; i < s->n_ch; i++)
		assert_int_equal(s->ch[i].op, SIPDNS_PLAN_ADD);
	s = set(z, "cwa01.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(s);
	assert_int_equal(s->ch[0].op, SIPDNS_PLAN_DELETE_SET);
	assert_int_equal(s->pre, SIPDNS_PRE_NONE);
	const struct sipdns_plan_set *g = set(z, "cwa01.contoso.com", LDNS_RR_TYPE_CNAME);
	assert_non_null(g);
	assert_int_equal(g->n_ch, 0);
	assert_int_equal(g->pre, SIPDNS_PRE_NXRRSET);
	g = set(z, "im.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(g);
	assert_int_equal(g->n_ch, 0);
	assert_int_equal(g->pre, SIPDNS_PRE_NXRRSET);
	assert_int_equal(f->p.n_delete, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_in_sync_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ttl, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unexpected_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unexpected_pruned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_self_registered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_must_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cname_over_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_over_cname, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cname_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
