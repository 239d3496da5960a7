/* test_diff.c -- diff's answering from zone data, pure: zone-file text read
 * with ldns, the walkthrough topology's questions, no sockets. Exact
 * names, empty non-terminals, NXDOMAIN, wildcards (RFC 4592) and zone
 * cuts; each question answered from its own view's file; files that hold
 * nothing are refused.
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
#include "compare.h"
#include "diff.h"
#include "findings.h"
#include "verify.h"
#include "zonefile.h"

#define SOA_EXT "$ORIGIN contoso.com.\n$TTL 3600\n" \
	"@ IN SOA ns1.contoso.com. hostmaster.contoso.com. 1 3600 900 1209600 3600\n" \
	"@ IN NS ns1.contoso.com.\n"

struct fixture {
	struct tu_job j;
	struct sipdns_verify_opts o;
	struct sipdns_verify_result r;
	ldns_rr_list *rrs[2];
	char *origin[2];
	struct sipdns_diff_zone z[2];
	size_t nz;
	struct sipdns_diag d;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t len = 0;
	char *text = tu_read(SRCDIR "/zones/walkthrough.yaml", &len);
	tu_job_run(&f->j, text, len, "walkthrough.yaml");
	free(text);
	sipdns_diag_init(&f->d);
	f->o.view = -1;
	assert_int_equal(sipdns_verify_questions(f->j.t, &f->j.set, &f->o, &f->r),
			 SIPDNS_OK);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	sipdns_verify_result_fini(&f->r);
	for (size_t k = 0; k < 2; k++) {
		if (f->rrs[k])
			ldns_rr_list_deep_free(f->rrs[k]);
		free(f->origin[k]);
	}
	sipdns_diag_fini(&f->d);
	tu_job_fini(&f->j);
	free(f);
	return 0;
}

/* Read zone-file text as file path would be read: the status. */
static enum sipdns_status
read_text(struct fixture *f, const char *path, const char *text)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(fp);
	size_t k = f->nz;
	f->rrs[k] = ldns_rr_list_new();
	enum sipdns_status st = sipdns_zone_file_read(fp, path, f->rrs[k],
						      &f->origin[k], &f->d);
	fclose(fp);
	return st;
}

/* Add the zone of view v from text (read must succeed). */
static void
add_zone(struct fixture *f, enum sipdns_view_id v, const char *text)
{
	assert_int_equal(read_text(f, "contoso.com.zone", text), SIPDNS_OK);
	f->z[f->nz] = (struct sipdns_diff_zone){ v, f->origin[f->nz], f->rrs[f->nz], NULL };
	f->nz++;
}

static void
answer(struct fixture *f)
{
	assert_int_equal(sipdns_diff_answer(&f->r, f->j.t, f->z, f->nz), SIPDNS_OK);
}

static struct sipdns_question *
question(struct fixture *f, enum sipdns_view_id v, const char *name,
	 ldns_rr_type t)
{
	for (size_t i = 0; i < f->r.n_q; i++)
		if (f->r.q[i].view == v && f->r.q[i].type == t &&
		    strcmp(f->r.q[i].name, name) == 0)
			return &f->r.q[i];
	return NULL;
}

static const char *
answer_text(const struct sipdns_question *q, size_t i)
{
	static char buf[512];
	char *s = ldns_rr2str(ldns_rr_list_rr(q->answer, i));
	snprintf(buf, sizeof(buf), "%s", s ? s : "");
	free(s);
	return buf;
}

/* A name's own records answer; a name with none is NXDOMAIN. */
static void
test_exact_and_absent(void **state)
{
	struct fixture *f = *state;
	add_zone(f, SIPDNS_VIEW_EXTERNAL, SOA_EXT "sip A 131.107.155.10\n");
	answer(f);
	struct sipdns_question *q = question(f, SIPDNS_VIEW_EXTERNAL, "sip.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(q);
	assert_int_equal(q->state, SIPDNS_Q_ANSWER);
	assert_null(q->wildcard);
	assert_null(q->delegated);
	assert_int_equal(ldns_rr_list_rr_count(q->answer), 1);
	q = question(f, SIPDNS_VIEW_EXTERNAL, "sip.contoso.com", LDNS_RR_TYPE_AAAA);
	assert_int_equal(q->state, SIPDNS_Q_NODATA);
	q = question(f, SIPDNS_VIEW_EXTERNAL, "av.contoso.com", LDNS_RR_TYPE_A);
	assert_int_equal(q->state, SIPDNS_Q_NXDOMAIN);
	assert_null(q->wildcard);
	/* only the external zone was given: no internal question is left */
	for (size_t i = 0; i < f->r.n_q; i++)
		assert_int_equal(f->r.q[i].view, SIPDNS_VIEW_EXTERNAL);
}

/* RFC 4592: a name that does not exist under its closest encloser is
 * answered by *.ENCLOSER, with the question's owner. */
static void
test_wildcard(void **state)
{
	struct fixture *f = *state;
	add_zone(f, SIPDNS_VIEW_EXTERNAL, SOA_EXT "sip A 131.107.155.10\n"
		 "* A 198.51.100.80\n");
	answer(f);
	struct sipdns_question *q = question(f, SIPDNS_VIEW_EXTERNAL, "av.contoso.com", LDNS_RR_TYPE_A);
	assert_int_equal(q->state, SIPDNS_Q_ANSWER);
	assert_non_null(q->wildcard);
	assert_string_equal(q->wildcard, "*.contoso.com");
	assert_int_equal(ldns_rr_list_rr_count(q->answer), 1);
	assert_string_equal(answer_text(q, 0), "av.contoso.com.\t3600\tIN\tA\t198.51.100.80\n");
	/* the wildcard has no AAAA: no data, still the wildcard's answer */
	q = question(f, SIPDNS_VIEW_EXTERNAL, "av.contoso.com", LDNS_RR_TYPE_AAAA);
	assert_int_equal(q->state, SIPDNS_Q_NODATA);
	assert_non_null(q->wildcard);
	/* a name that exists is never the wildcard's */
	q = question(f, SIPDNS_VIEW_EXTERNAL, "sip.contoso.com", LDNS_RR_TYPE_A);
	assert_null(q->wildcard);
	assert_string_equal(answer_text(q, 0), "sip.contoso.com.\t3600\tIN\tA\t131.107.155.10\n");
	/* compare: the expected A/V Edge record is missing, not changed */
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	bool seen = false;
	for (size_t i = 0; i < f->r.n_f; i++) {
		const struct sipdns_finding *x = &f->r.f[i];
		assert_int_not_equal(x->kind, SIPDNS_F_CHANGED);
		if (strcmp(x->name, "av.contoso.com.") == 0) {
			assert_int_equal(x->kind, SIPDNS_F_MISSING);
			assert_non_null(strstr(x->detail, "answered by the wildcard *.contoso.com"));
			seen = true;
		}
	}
	assert_true(seen);
}

/* The closest encloser is the longest name that exists, an empty
 * non-terminal included: *.contoso.com does not answer below cwa, and a
 * name with records only below it is NODATA. */
static void
test_wildcard_closest_encloser(void **state)
{
	struct fixture *f = *state;
	add_zone(f, SIPDNS_VIEW_EXTERNAL, SOA_EXT "cwa A 131.107.155.40\n"
		 "x.webext TXT \"below\"\n* A 198.51.100.80\n");
	answer(f);
	struct sipdns_question *q = question(f, SIPDNS_VIEW_EXTERNAL, "as.cwa.contoso.com", LDNS_RR_TYPE_A);
	assert_int_equal(q->state, SIPDNS_Q_NXDOMAIN);
	assert_null(q->wildcard);
	q = question(f, SIPDNS_VIEW_EXTERNAL, "webext.contoso.com", LDNS_RR_TYPE_A);
	assert_int_equal(q->state, SIPDNS_Q_NODATA);
	assert_null(q->wildcard);
	q = question(f, SIPDNS_VIEW_EXTERNAL, "webconf.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(q->wildcard);
}

/* NS below the apex is a zone cut: a name at or below it is the child's,
 * delegated and unanswered; the apex NS is no cut; the cut nearest the
 * apex holds. */
static void
test_delegation(void **state)
{
	struct fixture *f = *state;
	add_zone(f, SIPDNS_VIEW_EXTERNAL, SOA_EXT "sip A 131.107.155.10\n"
		 "_tcp NS ns1.child.example.\n_tcp NS ns2.child.example.\n"
		 "_sipfederationtls._tcp NS inner.example.\n"
		 "_sipfederationtls._tcp SRV 0 0 5061 sip.contoso.com.\n"
		 "webconf NS ns.webconf.example.\nwebconf A 192.0.2.1\n"
		 "* A 198.51.100.80\n");
	answer(f);
	struct sipdns_question *q = question(f, SIPDNS_VIEW_EXTERNAL, "_sipfederationtls._tcp.contoso.com", LDNS_RR_TYPE_SRV);
	assert_non_null(q->delegated);
	assert_string_equal(q->delegated, "ns1.child.example. ns2.child.example.");
	assert_null(q->answer);
	assert_null(q->wildcard);
	q = question(f, SIPDNS_VIEW_EXTERNAL, "webconf.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(q->delegated);
	assert_string_equal(q->delegated, "ns.webconf.example.");
	assert_null(q->answer);
	q = question(f, SIPDNS_VIEW_EXTERNAL, "sip.contoso.com", LDNS_RR_TYPE_A);
	assert_null(q->delegated);
	assert_int_equal(q->state, SIPDNS_Q_ANSWER);
	assert_int_equal(sipdns_compare(f->j.t, &f->j.set, &f->o, &f->r), SIPDNS_OK);
	size_t unverified = 0;
	for (size_t i = 0; i < f->r.n_f; i++) {
		const struct sipdns_finding *x = &f->r.f[i];
		if (strcmp(x->name, "webconf.contoso.com.") == 0 ||
		    strcmp(x->name, "_sipfederationtls._tcp.contoso.com.") == 0) {
			assert_int_equal(x->kind, SIPDNS_F_UNVERIFIED);
			assert_non_null(strstr(x->detail, "delegated to "));
			unverified++;
		}
	}
	assert_int_equal(unverified, 3);   /* webconf A and AAAA, the SRV */
}

/* Files of both views: each question from its own view's file. */
static void
test_views(void **state)
{
	struct fixture *f = *state;
	add_zone(f, SIPDNS_VIEW_INTERNAL, SOA_EXT "sip A 10.9.9.9\n");
	add_zone(f, SIPDNS_VIEW_EXTERNAL, SOA_EXT "sip A 131.107.155.10\n");
	answer(f);
	bool views[2] = { false, false };
	for (size_t i = 0; i < f->r.n_q; i++)
		views[f->r.q[i].view] = true;
	assert_true(views[0] && views[1]);
	struct sipdns_question *q = question(f, SIPDNS_VIEW_EXTERNAL, "sip.contoso.com", LDNS_RR_TYPE_A);
	assert_string_equal(answer_text(q, 0), "sip.contoso.com.\t3600\tIN\tA\t131.107.155.10\n");
	q = question(f, SIPDNS_VIEW_INTERNAL, "ocs01.contoso.com", LDNS_RR_TYPE_A);
	assert_int_equal(q->state, SIPDNS_Q_NXDOMAIN);
}

/* A zone of another name is not the view's: its questions are dropped. */
static void
test_zone_not_given(void **state)
{
	struct fixture *f = *state;
	const char *text = "$ORIGIN fabrikam.net.\n"
		"@ IN SOA ns1.fabrikam.net. h.fabrikam.net. 1 2 3 4 5\nsip A 192.0.2.1\n";
	assert_int_equal(read_text(f, "fabrikam.net.zone", text), SIPDNS_OK);
	assert_string_equal(f->origin[0], "fabrikam.net");
	f->z[0] = (struct sipdns_diff_zone){ SIPDNS_VIEW_EXTERNAL, f->origin[0], f->rrs[0], NULL };
	f->nz = 1;
	answer(f);
	assert_int_equal(f->r.n_q, 0);
}

/* Files that hold nothing to compare are refused, with what they are. */
static void
test_nothing_to_compare(void **state)
{
	struct fixture *f = *state;
	struct { const char *path, *text, *says; } bad[] = {
		{ "contoso.com.zone", "", "an empty file or a failed transfer?" },
		{ "contoso.com.zone", "; comments only\n\n", "an empty file or a failed transfer?" },
		{ "contoso.com.zone", "; <<>> DiG 9.18.28 <<>> axfr contoso.com\n;; global options: +cmd\n; Transfer failed.\n",
		  "Transfer failed." },
		{ "contoso.com.zone", "$ORIGIN contoso.com.\nsip 60 IN A 192.0.2.1\n", "no SOA record" },
		{ "contoso.com.frag", "", "an empty file or a failed transfer?" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sipdns_diag_fini(&f->d);
		sipdns_diag_init(&f->d);
		f->nz = 0;
		if (f->rrs[0])
			ldns_rr_list_deep_free(f->rrs[0]);
		assert_int_equal(read_text(f, bad[i].path, bad[i].text), SIPDNS_EINPUT);
		assert_null(f->origin[0]);
		assert_int_equal(ldns_rr_list_rr_count(f->rrs[0]), 0);
		if (sipdns_diag_find(&f->d, bad[i].says) == NULL)
			fail_msg("case %zu: '%s' not said", i, bad[i].says);
	}
	/* a fragment has records and no SOA: read */
	ldns_rr_list_deep_free(f->rrs[0]);
	assert_int_equal(read_text(f, "contoso.com.frag",
				   "$ORIGIN contoso.com.\nsip 60 IN A 192.0.2.1\n"), SIPDNS_OK);
	assert_string_equal(f->origin[0], "contoso.com");
	assert_int_equal(ldns_rr_list_rr_count(f->rrs[0]), 1);
	/* a zone file's SOA is among its records, first */
	ldns_rr_list_deep_free(f->rrs[0]);
	free(f->origin[0]);
	assert_int_equal(read_text(f, "contoso.com.zone", SOA_EXT), SIPDNS_OK);
	assert_int_equal(ldns_rr_list_rr_count(f->rrs[0]), 2);
	assert_int_equal(ldns_rr_get_type(ldns_rr_list_rr(f->rrs[0], 0)), LDNS_RR_TYPE_SOA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exact_and_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wildcard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wildcard_closest_encloser, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delegation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zone_not_given, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_to_compare, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
