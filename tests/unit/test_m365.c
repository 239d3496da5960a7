/* test_m365.c -- a SIP domain's Microsoft 365 mode (m365.c): parsing,
 * the TeamsOnly records and the on-premises ones dropped, the hybrid
 * checks, the must-not-exist names, the preflight's comparison
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
#include "m365.h"
#include "model.h"
#include "verify.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

/* zones/hybrid.yaml with its two domains' modes replaced */
static void
run_example(struct tu_job *j, const char *contoso, const char *fabrikam)
{
	size_t len = 0;
	char *text = tu_read(SRCDIR "/zones/hybrid.yaml", &len);
	assert_non_null(text);
	/* the keys, not the comments: "m365: MODE}" */
	char *a = strstr(text, "m365: hybrid}"), *b = strstr(text, "m365: teams_only}");
	assert_non_null(a);
	assert_non_null(b);
	char buf[8192];
	snprintf(buf, sizeof(buf), "%.*sm365: %s%.*sm365: %s%s",
		 (int)(a - text), text, contoso,
		 (int)(b - a - strlen("m365: hybrid")), a + strlen("m365: hybrid"),
		 fabrikam, b + strlen("m365: teams_only"));
	free(text);
	tu_job_run(j, buf, strlen(buf), "hybrid.yaml");
	assert_int_equal(j->parse_status, SIPDNS_OK);
}

static void
test_parse_modes(void **state)
{
	(void)state;
	struct tu_job j;
	run_example(&j, "hybrid", "teams_only");
	assert_int_equal(j.d.errors, 0);
	assert_int_equal(j.t->sip_domains[0].m365, SIPDNS_M365_HYBRID);
	assert_int_equal(j.t->sip_domains[1].m365, SIPDNS_M365_TEAMS_ONLY);
	tu_job_fini(&j);

	tu_job_run_str(&j, "product: lync2013\nsip_domains: [{name: a.example, m365: cloud}]\n");
	char *text = tu_diag_text(&j.d);
	assert_non_null(strstr(text, "t.yaml:2:39: error: m365: 'cloud' is not a Microsoft 365 mode; write on_premises (the default), hybrid"));
	free(text);
	tu_job_fini(&j);

	tu_job_run_str(&j, "product: ocs2007r2\nsip_domains: [{name: a.example, m365: teams_only}]\n");
	text = tu_diag_text(&j.d);
	assert_non_null(strstr(text, "error: m365: teams_only does not apply to OCS 2007 R2"));
	free(text);
	tu_job_fini(&j);
}

/* teams_only: the four Microsoft 365 records outside and, split-brain,
 * inside; no on-premises record left at a sign-in name of the domain */
static void
test_teams_only_records(void **state)
{
	(void)state;
	struct tu_job j;
	run_example(&j, "on_premises", "teams_only");
	assert_int_equal(j.d.errors, 0);
	for (int v = IN; v <= EX; v++) {
		assert_true(tu_has(&j.set, v, "sip.fabrikam.com", "CNAME", "sipdir.online.lync.com."));
		assert_true(tu_has(&j.set, v, "lyncdiscover.fabrikam.com", "CNAME", "webdir.online.lync.com."));
		assert_true(tu_has(&j.set, v, "_sip._tls.fabrikam.com", "SRV", "100 1 443 sipdir.online.lync.com."));
		assert_true(tu_has(&j.set, v, "_sipfederationtls._tcp.fabrikam.com", "SRV", "100 1 5061 sipfed.online.lync.com."));
	}
	const struct sipdns_record *r = sipdns_recset_find(&j.set, EX, "lyncdiscover.fabrikam.com", LDNS_RR_TYPE_CNAME);
	assert_non_null(r);
	assert_string_equal(r->fact, "M365-T2");
	assert_true(r->flags & SIPDNS_REC_M365_ONLINE);
	for (size_t i = 0; i < j.set.n; i++)
		if (strstr(j.set.v[i].owner, "fabrikam.com"))
			assert_true(j.set.v[i].flags & SIPDNS_REC_M365_ONLINE);
	/* the on-premises domain keeps its records */
	assert_true(tu_has(&j.set, EX, "lyncdiscover.contoso.com", "A", "131.107.155.40"));
	assert_non_null(sipdns_recset_find(&j.set, IN, "_sipinternaltls._tcp.contoso.com", LDNS_RR_TYPE_SRV));
	tu_job_fini(&j);
}

/* hybrid: external records on premises; without an Access Edge and a Web
 * Conferencing Edge, errors */
static void
test_hybrid(void **state)
{
	(void)state;
	struct tu_job j;
	run_example(&j, "hybrid", "hybrid");
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, EX, "_sipfederationtls._tcp.fabrikam.com", "SRV", "0 0 5061 sip.fabrikam.com."));
	assert_true(tu_has(&j.set, IN, "webcon.contoso.com", "A", "131.107.155.20"));
	assert_null(sipdns_recset_find(&j.set, EX, "lyncdiscover.fabrikam.com", LDNS_RR_TYPE_CNAME));
	tu_job_fini(&j);

	tu_job_run_str(&j,
		"product: lync2013\nsip_domains: [{name: contoso.com, m365: hybrid}]\n"
		"views:\n  internal:\n    ns: [{fqdn: dc01.contoso.com, address: 10.0.0.1}]\n    zones: [contoso.com]\n"
		"pools:\n  - {fqdn: pool01.contoso.com, edition: standard, address: 10.10.10.5, auto_sign_in: true}\n");
	char *text = tu_diag_text(&j.d);
	assert_non_null(strstr(text, "[m365-hybrid-federation]"));
	assert_non_null(strstr(text, "[m365-hybrid-webcon]"));
	free(text);
	tu_job_fini(&j);
}

static void
test_gate_name(void **state)
{
	(void)state;
	assert_true(sipdns_m365_gate_name("lyncdiscover.contoso.com", "contoso.com"));
	assert_true(sipdns_m365_gate_name("_sipfederationtls._tcp.contoso.com", "contoso.com"));
	assert_false(sipdns_m365_gate_name("lyncdiscoverinternal.contoso.com", "contoso.com"));
	assert_false(sipdns_m365_gate_name("lyncdiscover.xcontoso.com", "contoso.com"));
	assert_false(sipdns_m365_gate_name("contoso.com", "contoso.com"));
}

/* verify asks the must-not-exist names of a TeamsOnly domain; the
 * preflight asks only the Microsoft 365 names, and a wildcard answering
 * a must-not-exist name is a finding there, absence elsewhere */
static void
test_absent_and_preflight(void **state)
{
	(void)state;
	struct tu_job j;
	run_example(&j, "hybrid", "teams_only");
	struct sipdns_verify_opts o = { .view = -1 };
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	assert_int_equal(sipdns_verify_questions(j.t, &j.set, &o, &r), SIPDNS_OK);
	struct sipdns_question *q = tu_question(&r, IN, "lyncdiscoverinternal.fabrikam.com", LDNS_RR_TYPE_A);
	assert_true(q->must_not);
	assert_string_equal(q->absent_fact, "M365-T5");
	tu_question(&r, EX, "sipexternal.fabrikam.com", LDNS_RR_TYPE_A);
	tu_question(&r, IN, "pool01.contoso.com", LDNS_RR_TYPE_A);
	sipdns_verify_result_fini(&r);

	/* the preflight: every domain TeamsOnly, only the Microsoft 365 names */
	j.t->m365_preflight = true;
	sipdns_recset_fini(&j.set);
	sipdns_recset_init(&j.set);
	assert_int_equal(sipdns_generate(j.t, &j.set, &j.d), SIPDNS_OK);
	o.teams_only_preflight = true;
	memset(&r, 0, sizeof(r));
	assert_int_equal(sipdns_verify_questions(j.t, &j.set, &o, &r), SIPDNS_OK);
	for (size_t i = 0; i < r.n_q; i++)
		assert_null(strstr(r.q[i].name, "pool01"));
	tu_question(&r, EX, "lyncdiscover.contoso.com", LDNS_RR_TYPE_A);
	tu_answer_all(&j.set, &r);
	q = tu_question(&r, IN, "sipinternal.contoso.com", LDNS_RR_TYPE_A);
	ldns_rr *w = NULL;
	assert_int_equal(ldns_rr_new_frm_str(&w, "sipinternal.contoso.com. 3600 IN A 10.10.10.6", 0, NULL, NULL), LDNS_STATUS_OK);
	ldns_rr_list_push_rr(q->answer, w);
	q->state = SIPDNS_Q_ANSWER;
	q->wildcard = strdup("*.contoso.com");
	/* plain verify: the wildcard's answer is absence */
	o.teams_only_preflight = false;
	assert_int_equal(sipdns_compare(j.t, &j.set, &o, &r), SIPDNS_OK);
	assert_int_equal(r.n_f, 0);
	/* the preflight: a finding */
	o.teams_only_preflight = true;
	assert_int_equal(sipdns_compare(j.t, &j.set, &o, &r), SIPDNS_OK);
	assert_int_equal(r.n_f, 1);
	assert_int_equal(r.f[0].kind, SIPDNS_F_UNEXPECTED);
	assert_string_equal(r.f[0].fact, "M365-G2");
	assert_non_null(strstr(r.f[0].detail, "answered by the wildcard *.contoso.com"));
	sipdns_verify_result_fini(&r);
	tu_job_fini(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_modes),
		cmocka_unit_test(test_teams_only_records),
		cmocka_unit_test(test_hybrid),
		cmocka_unit_test(test_gate_name),
		cmocka_unit_test(test_absent_and_preflight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
