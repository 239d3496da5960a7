/* test_discover.c -- the pure part of discover: which step the client
 * takes, when a step not seen leaves the walk undecided, strict naming's
 * domain and suffix tests, and the profile's documented orders
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "discover.h"
#include "profile.h"

/* a step as the walk fills it: kind, asked, seen, found */
static struct sipdns_discover_step
st(enum sipdns_discover_step_kind k, bool asked, bool seen, bool found)
{
	struct sipdns_discover_step s = { .kind = k, .asked = asked,
					  .seen = seen, .found = found };
	return s;
}

#define SRV SIPDNS_STEP_SRV
#define HOST SIPDNS_STEP_HOST

static void
test_pick_first_srv(void **state)
{
	(void)state;
	struct sipdns_discover_step s[] = {
		st(SRV, true, true, true), st(SRV, true, true, true),
		st(SRV, true, true, false), st(HOST, false, false, false),
	};
	bool unseen = true;
	assert_int_equal(sipdns_discover_pick(s, 4, &unseen), 0);
	assert_false(unseen);
}

static void
test_pick_later_srv(void **state)
{
	(void)state;
	/* absent, absent, found: the third; a later unseen one does not matter */
	struct sipdns_discover_step s[] = {
		st(SRV, true, true, false), st(SRV, true, true, false),
		st(SRV, true, true, true), st(SRV, true, false, false),
	};
	bool unseen = true;
	assert_int_equal(sipdns_discover_pick(s, 4, &unseen), 2);
	assert_false(unseen);
}

static void
test_pick_unseen_before(void **state)
{
	(void)state;
	/* the TCP SRV timed out before the external SRV answered: taken, but
	 * the walk cannot rest on it */
	struct sipdns_discover_step s[] = {
		st(SRV, true, true, false), st(SRV, true, false, false),
		st(SRV, true, true, true),
	};
	bool unseen = false;
	assert_int_equal(sipdns_discover_pick(s, 3, &unseen), 2);
	assert_true(unseen);
}

static void
test_pick_host_after_srv(void **state)
{
	(void)state;
	/* no SRV: a host name, SRV records first whatever their position */
	struct sipdns_discover_step s[] = {
		st(SRV, true, true, false), st(SRV, true, true, false),
		st(HOST, true, true, false), st(HOST, true, true, true),
		st(HOST, false, false, false),
	};
	bool unseen = true;
	assert_int_equal(sipdns_discover_pick(s, 5, &unseen), 3);
	assert_false(unseen);
}

static void
test_pick_nothing(void **state)
{
	(void)state;
	struct sipdns_discover_step s[] = {
		st(SRV, true, true, false), st(HOST, true, true, false),
	};
	bool unseen = true;
	assert_int_equal(sipdns_discover_pick(s, 2, &unseen), -1);
	assert_false(unseen);
	/* nothing found and one step failed: never "not found" */
	s[1].seen = false;
	assert_int_equal(sipdns_discover_pick(s, 2, &unseen), -1);
	assert_true(unseen);
}

static void
test_in_domain(void **state)
{
	(void)state;
	assert_true(sipdns_discover_in_domain("pool01.contoso.com", "contoso.com"));
	assert_true(sipdns_discover_in_domain("contoso.com", "contoso.com"));
	assert_true(sipdns_discover_in_domain("a.corp.contoso.com", "contoso.com"));
	assert_false(sipdns_discover_in_domain("pool01.fabrikam.com", "contoso.com"));
	assert_false(sipdns_discover_in_domain("pool01.notcontoso.com", "contoso.com"));
	assert_false(sipdns_discover_in_domain("contoso.com", "sales.contoso.com"));
}

static void
test_share_suffix(void **state)
{
	(void)state;
	assert_true(sipdns_discover_share_suffix("pool.contoso.com", "sales.contoso.com"));
	assert_true(sipdns_discover_share_suffix("pool.corp.contoso.com", "contoso.com"));
	assert_false(sipdns_discover_share_suffix("pool01.fabrikam.com", "contoso.com"));
	assert_false(sipdns_discover_share_suffix("pool.xcontoso.com", "contoso.com"));
	assert_false(sipdns_discover_share_suffix("pool01.contoso.net", "contoso.com"));
}

/* the order's steps as "label label ..." */
static void
labels(const struct sipdns_discover_order *o, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < o->n_rules; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			 i ? " " : "", o->rules[i].label);
}

static void
test_orders(void **state)
{
	(void)state;
	const struct sipdns_discover_profile *p =
		sipdns_discover_profile(sipdns_profile_default()->name);
	assert_non_null(p);
	char buf[256];
	const struct sipdns_discover_order *o =
		sipdns_discover_order_find(p, "communicator", NULL);
	assert_non_null(o);
	assert_string_equal(o->name, "r2-ga");
	labels(o, buf, sizeof(buf));   /* [S21] */
	assert_string_equal(buf, "_sipinternaltls._tcp _sipinternal._tcp _sip._tls sipinternal sip sipexternal");
	labels(sipdns_discover_order_find(p, "communicator", "r2-beta"), buf, sizeof(buf));  /* [S20] */
	assert_string_equal(buf, "_sipinternaltls._tcp _sipinternal._tcp _sip._tls _sip._tcp sip sipinternal sipexternal");
	o = sipdns_discover_order_find(p, "phone-edition", NULL);  /* [S22] */
	assert_non_null(o);
	labels(o, buf, sizeof(buf));
	assert_string_equal(buf, "_sipinternaltls._tcp _sip._tls _sipinternal._tcp sipinternal sip sipexternal");
	assert_int_equal(o->rules[3].ports[0], 5061);
	assert_int_equal(o->rules[3].ports[1], 443);
	assert_null(sipdns_discover_order_find(p, "phone-edition", "r2-ga"));
	assert_null(sipdns_discover_order_find(p, "lync", NULL));
	sipdns_discover_order_names("communicator", buf, sizeof(buf), ", ");
	assert_string_equal(buf, "r2-ga, r2-beta, insideocs");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick_first_srv),
		cmocka_unit_test(test_pick_later_srv),
		cmocka_unit_test(test_pick_unseen_before),
		cmocka_unit_test(test_pick_host_after_srv),
		cmocka_unit_test(test_pick_nothing),
		cmocka_unit_test(test_in_domain),
		cmocka_unit_test(test_share_suffix),
		cmocka_unit_test(test_orders),
	};
	return cmocka_run_group_tests_name("discover", tests, NULL, NULL);
}
