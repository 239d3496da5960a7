/* test_profile.c -- the product registry: look-up, hooks, products not
 * supported yet (none is named today: a profile without rules shows it)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "profile.h"
#include "testutil.h"

static const char *const known[] = { "ocs2007r2", "lync2010", "lync2013",
				     "sfb2015", "sfb2019", "sfbse" };

static void
test_find(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct sipdns_profile *p = sipdns_profile_find(known[i]);
		assert_non_null(p);
		assert_string_equal(p->name, known[i]);
		assert_ptr_equal(p, sipdns_profile_at(i));   /* registry order */
		assert_string_equal(sipdns_product_name(p), known[i]);
	}
	assert_null(sipdns_profile_at(sizeof(known) / sizeof(known[0])));
	const struct sipdns_profile *ocs = sipdns_profile_find("ocs2007r2");
	assert_string_equal(ocs->title, "Office Communications Server 2007 R2");
	assert_string_equal(ocs->short_title, "OCS 2007 R2");
	assert_true(ocs->ipv4_required);
	assert_ptr_equal(sipdns_profile_default(), ocs);
	assert_ptr_equal(sipdns_profile_policy(ocs), ocs);
	assert_ptr_equal(sipdns_profile_policy(NULL), ocs);
}

static void
test_unknown(void **state)
{
	(void)state;
	assert_null(sipdns_profile_find(""));
	assert_null(sipdns_profile_find("OCS2007R2"));   /* names are exact */
	assert_null(sipdns_profile_find("ocs2007"));
	assert_null(sipdns_profile_find("lync2010 "));
	assert_string_equal(sipdns_product_name(NULL), "unknown");

	struct tu_job j;
	tu_job_run_str(&j, "product: lync2016\n");
	char *text = tu_diag_text(&j.d);
	assert_non_null(strstr(text, "t.yaml:1:10: error: product must be one of ocs2007r2, lync2010, lync2013, sfb2015, sfb2019, sfbse, not 'lync2016'"));
	assert_int_equal(j.parse_status, SIPDNS_EINPUT);
	free(text);
	tu_job_fini(&j);
}

/* Every profile has a name and titles; a supported one has its rules, its
 * roles, and is the only kind sipdns_profile_list names as supported. */
static void
test_every_profile(void **state)
{
	(void)state;
	size_t supported = 0;
	for (size_t i = 0; sipdns_profile_at(i) != NULL; i++) {
		const struct sipdns_profile *p = sipdns_profile_at(i);
		assert_non_null(p->name);
		assert_true(p->name[0] != '\0');
		assert_non_null(p->title);
		assert_non_null(p->short_title);
		assert_ptr_equal(sipdns_profile_find(p->name), p);
		if (!sipdns_profile_supported(p))
			continue;
		supported++;
		assert_non_null(p->rules);
		assert_non_null(p->server_roles);
		assert_non_null(p->server_roles[0]);
		assert_ptr_equal(sipdns_profile_policy(p), p);
	}
	assert_int_equal(supported, 6);
	char buf[256];
	sipdns_profile_list(buf, sizeof(buf), false, false, ", ");
	assert_string_equal(buf, "ocs2007r2, lync2010, lync2013, sfb2015, sfb2019, sfbse");
	sipdns_profile_list(buf, sizeof(buf), true, false, ", ");
	assert_string_equal(buf, "ocs2007r2, lync2010, lync2013, sfb2015, sfb2019, sfbse");
	char big[512];
	sipdns_profile_list(big, sizeof(big), true, true, " and ");
	assert_string_equal(big, "OCS 2007 R2 and Lync Server 2010 and Lync Server 2013 and Skype for Business Server 2015 and Skype for Business Server 2019 and Skype for Business Server Subscription Edition");
	sipdns_profile_list(buf, 10, false, false, ", ");   /* cut short */
	assert_string_equal(buf, "ocs2007r2");
}

static const char minimal[] =
	"product: %s\nsip_domains: [contoso.com]\n"
	"views:\n  internal:\n    zones: [contoso.com]\n"
	"pools:\n  - fqdn: ocs01.contoso.com\n"
	"    edition: standard\n    address: 10.0.0.10\n"
	"    auto_sign_in: true\n";

/* sfb2015, sfb2019, sfbse: supported, their records generated */
static void
test_sfb_supported(void **state)
{
	(void)state;
	for (size_t i = 3; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct sipdns_profile *p = sipdns_profile_find(known[i]);
		assert_true(sipdns_profile_supported(p));
		assert_non_null(p->check);
		assert_false(p->ipv4_required);
		assert_true(p->lync_keys && p->lync2013_keys && p->sfb_keys);
		char yaml[512];
		snprintf(yaml, sizeof(yaml), minimal, known[i]);
		struct tu_job j;
		tu_job_run_str(&j, yaml);
		assert_int_equal(j.parse_status, SIPDNS_OK);
		assert_ptr_equal(j.t->product, p);
		assert_true(tu_has(&j.set, SIPDNS_VIEW_INTERNAL,
				   "_sipinternaltls._tcp.contoso.com", "SRV",
				   "0 0 5061 ocs01.contoso.com."));
		assert_true(tu_has(&j.set, SIPDNS_VIEW_INTERNAL, "sip.contoso.com",
				   "A", "10.0.0.10"));
		tu_job_fini(&j);
	}
}

/* A known product without rules (none is named today): the parser
 * accepts it, generate refuses it with rule id 'product'. */
static void
test_not_supported_yet(void **state)
{
	(void)state;
	static const struct sipdns_profile later = {
		.name = "later", .title = "A later product", .short_title = "Later",
	};
	char yaml[512];
	snprintf(yaml, sizeof(yaml), minimal, "lync2013");
	struct tu_job j;
	tu_job_run_str(&j, yaml);
	assert_int_equal(j.parse_status, SIPDNS_OK);
	assert_false(sipdns_profile_supported(&later));
	assert_ptr_equal(sipdns_profile_policy(&later), sipdns_profile_default());
	j.t->product = &later;
	sipdns_recset_fini(&j.set);
	sipdns_recset_init(&j.set);
	sipdns_diag_fini(&j.d);
	sipdns_diag_init(&j.d);
	assert_int_equal(sipdns_generate(j.t, &j.set, &j.d), SIPDNS_EINPUT);
	char *text = tu_diag_text(&j.d);
	assert_non_null(strstr(text, "t.yaml:1:10: error: product 'later' is not supported yet: this version knows the OCS 2007 R2 and Lync Server 2010 and Lync Server 2013 and Skype for Business Server 2015 and Skype for Business Server 2019 and Skype for Business Server Subscription Edition rules only (product: ocs2007r2, lync2010, lync2013, sfb2015, sfb2019, sfbse) [product]"));
	assert_int_equal(j.set.n, 0);
	free(text);
	tu_job_fini(&j);
}

/* The default profile's roles and IPv4 policy read the topology. */
static void
test_policy_messages(void **state)
{
	(void)state;
	struct tu_job j;
	tu_job_run_str(&j,
		"product: ocs2007r2\nsip_domains: [contoso.com]\n"
		"views:\n  internal:\n    zones: [contoso.com]\n"
		"pools:\n  - fqdn: ocs01.contoso.com\n"
		"    edition: standard\n    ipv6: '2001:db8::1'\n"
		"    auto_sign_in: true\n"
		"servers:\n  - fqdn: med.contoso.com\n    role: edge\n"
		"    address: 10.0.0.20\n");
	char *text = tu_diag_text(&j.d);
	assert_non_null(strstr(text, "IPv6 alone is not supported by OCS 2007 R2 (IPv4 or dual stack only)"));
	assert_non_null(strstr(text, "unknown server role 'edge'; expected one of: mediation, av-conferencing, web-conferencing, archiving, monitoring, archiving-monitoring, group-chat, group-chat-compliance"));
	free(text);
	tu_job_fini(&j);
}

/* Coexistence (a migration): every profile has a pool hook and pool
 * checks; the pairs are symmetric, never a product with itself, and
 * exactly the neighbouring generations of README "Migrations: pools of
 * two products". */
static void
test_coexist(void **state)
{
	(void)state;
	size_t pairs = 0;
	for (size_t i = 0; sipdns_profile_at(i) != NULL; i++) {
		const struct sipdns_profile *a = sipdns_profile_at(i);
		assert_non_null(a->pool);
		assert_non_null(a->pool_check);
		assert_false(sipdns_profile_coexists(a, a));
		for (size_t k = 0; sipdns_profile_at(k) != NULL; k++) {
			const struct sipdns_profile *b = sipdns_profile_at(k);
			assert_int_equal(sipdns_profile_coexists(a, b),
					 sipdns_profile_coexists(b, a));
			pairs += sipdns_profile_coexists(a, b);
		}
	}
	assert_int_equal(pairs, 2 * 7);   /* the README's seven pairs */
	char buf[128];
	sipdns_profile_coexist_list(sipdns_profile_find("lync2013"), buf, sizeof(buf));
	assert_string_equal(buf, "lync2010, sfb2015, sfb2019");
	sipdns_profile_coexist_list(sipdns_profile_find("ocs2007r2"), buf, sizeof(buf));
	assert_string_equal(buf, "lync2010");
	assert_false(sipdns_profile_coexists(sipdns_profile_find("lync2010"),
					     sipdns_profile_find("sfb2019")));
	assert_false(sipdns_profile_coexists(sipdns_profile_find("ocs2007r2"),
					     sipdns_profile_find("lync2013")));
	assert_false(sipdns_profile_coexists(NULL, sipdns_profile_find("lync2013")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_every_profile),
		cmocka_unit_test(test_sfb_supported),
		cmocka_unit_test(test_not_supported_yet),
		cmocka_unit_test(test_policy_messages),
		cmocka_unit_test(test_coexist),
	};
	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
