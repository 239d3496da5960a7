/* test_parse.c -- the YAML parser: names, addresses, every error kind
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

static void
test_hostnames(void **state)
{
	(void)state;
	const char *why;
	const char *good[] = { "contoso.com", "pool01.contoso.com", "a.b",
			       "xn--bcher-kva.example", "contoso.com.", "A-1.B-2.c" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(sipdns_valid_hostname(good[i], strlen(good[i]), &why));
	struct { const char *s, *why; } bad[] = {
		{ "", "empty" }, { "a..b", "empty label" }, { ".a", "empty label" },
		{ "-a.b", "starts with a hyphen" }, { "a-.b", "ends with a hyphen" },
		{ "a b.c", "white space" }, { "a\nb.c", "control character" },
		{ "a_b.c", "underscore" }, { "a;b.c", "other than" },
		{ "ö.c", "non-ASCII" }, { "$INCLUDE.c", "other than" },
		{ "@.c", "other than" }, { "a`b`.c", "other than" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_false(sipdns_valid_hostname(bad[i].s, strlen(bad[i].s), &why));
		assert_non_null(strstr(why, bad[i].why));
	}
	char label[80];
	memset(label, 'a', 64);
	strcpy(label + 64, ".com");
	assert_false(sipdns_valid_hostname(label, strlen(label), &why));
	assert_non_null(strstr(why, "63"));
	strcpy(label + 63, ".com");   /* a 63-character label is fine */
	assert_true(sipdns_valid_hostname(label, strlen(label), &why));
	char longname[300];
	memset(longname, 0, sizeof(longname));
	for (size_t i = 0; i < 254; i += 2)
		memcpy(longname + i, "a.", 2);
	longname[253] = 'a';
	longname[254] = '\0';
	assert_false(sipdns_valid_hostname(longname, strlen(longname), &why));
	assert_non_null(strstr(why, "253"));
}

static void
test_ipv4(void **state)
{
	(void)state;
	uint32_t a;
	assert_true(sipdns_parse_ipv4("10.0.0.1", &a));
	assert_int_equal(a, 0x0a000001);
	assert_true(sipdns_parse_ipv4("255.255.255.255", &a));
	const char *bad[] = { "10.0.0", "10.0.0.1.2", "256.0.0.1", "010.0.0.1",
			      "1.2.3.4 ", " 1.2.3.4", "1..2.3", "a.b.c.d", "",
			      "1.2.3.-4", "1.2.3.1000" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(sipdns_parse_ipv4(bad[i], &a));
	assert_non_null(sipdns_ipv4_nonpublic(0xc0a80101));  /* 192.168.1.1 */
	assert_non_null(sipdns_ipv4_nonpublic(0x7f000001));  /* loopback */
	assert_non_null(sipdns_ipv4_nonpublic(0xa9fe0101));  /* link-local */
	assert_non_null(sipdns_ipv4_nonpublic(0xac1f0001));  /* 172.31.0.1 */
	assert_null(sipdns_ipv4_nonpublic(0xac200001));      /* 172.32.0.1 */
	assert_null(sipdns_ipv4_nonpublic(0x836b9b0a));      /* 131.107.155.10 */
}

/* The walkthrough parses into the model the topology describes. */
static void
test_model_walkthrough(void **state)
{
	(void)state;
	size_t len = 0;
	char *text = tu_read(SRCDIR "/zones/walkthrough.yaml", &len);
	assert_non_null(text);
	struct sipdns_topology *t = NULL;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_parse_buffer(text, len, "w.yaml", &t, &d), SIPDNS_OK);
	assert_int_equal(d.errors, 0);
	assert_string_equal(sipdns_product_name(t->product), "ocs2007r2");
	assert_int_equal(t->n_sip_domains, 1);
	assert_string_equal(t->sip_domains[0].name, "contoso.com");
	assert_int_equal(t->n_pools, 1);
	assert_string_equal(t->pools[0].fqdn, "ocs01.contoso.com");
	assert_true(t->pools[0].auto_sign_in);
	assert_true(t->pools[0].self_registered);
	assert_string_equal(t->pools[0].addr.v4, "10.0.0.10");
	assert_true(t->views[SIPDNS_VIEW_INTERNAL].zones[0].split_brain);
	assert_string_equal(t->views[SIPDNS_VIEW_INTERNAL].zones[0].soa.rname,
			    "hostmaster.contoso.com");
	assert_string_equal(t->edge.access.fqdn, "sip.contoso.com");
	assert_true(t->options.remote_access && t->options.federation);
	assert_false(t->options.tcp_allowed);
	sipdns_topology_destroy(t);
	sipdns_diag_fini(&d);
	free(text);
}

/* Names are case-insensitive: stored lower-case, trailing dot dropped. */
static void
test_names_normalised(void **state)
{
	(void)state;
	struct tu_job j;
	tu_job_run_str(&j,
		"product: ocs2007r2\nsip_domains: [Contoso.COM.]\n"
		"views: {internal: {zones: [CONTOSO.com]}}\n"
		"pools: [{fqdn: OCS01.Contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}]\n");
	assert_int_equal(j.parse_status, SIPDNS_OK);
	assert_string_equal(j.t->sip_domains[0].name, "contoso.com");
	assert_string_equal(j.t->pools[0].fqdn, "ocs01.contoso.com");
	assert_true(tu_has(&j.set, SIPDNS_VIEW_INTERNAL,
			   "_sipinternaltls._tcp.contoso.com", "SRV",
			   "0 0 5061 ocs01.contoso.com."));
	tu_job_fini(&j);
}

/* Positions count from 1 and point at the offending value. */
static void
test_positions(void **state)
{
	(void)state;
	struct sipdns_topology *t = NULL;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	const char *text =
		"product: ocs2007r2\n"
		"sip_domains: [contoso.com, bad_domain.com]\n"
		"views: {internal: {zones: [contoso.com]}}\n"
		"pools:\n"
		"  - fqdn: ocs01.contoso.com\n"
		"    edition: standard\n"
		"    address: 10.0.0.999\n";
	assert_int_equal(sipdns_parse_buffer(text, strlen(text), "p.yaml", &t, &d),
			 SIPDNS_EINPUT);
	assert_null(t);
	assert_int_equal(d.errors, 2);  /* all errors of a file, not the first */
	const struct sipdns_diag_entry *e = sipdns_diag_find(&d, "bad_domain.com");
	assert_non_null(e);
	assert_int_equal(e->loc.line, 2);
	assert_int_equal(e->loc.col, 28);
	e = sipdns_diag_find(&d, "10.0.0.999");
	assert_non_null(e);
	assert_int_equal(e->loc.line, 7);
	assert_int_equal(e->loc.col, 14);
	sipdns_diag_fini(&d);
}

/* Every file of tests/data/parse gives exactly the diagnostics of its .err */
static void
test_golden_errors(void **state)
{
	(void)state;
	size_t n;
	char **files = tu_list(SRCDIR "/tests/data/parse", ".yaml", &n);
	assert_non_null(files);
	assert_true(n >= 30);
	int failures = 0;
	for (size_t i = 0; i < n; i++) {
		char path[512], errpath[512];
		snprintf(path, sizeof(path), SRCDIR "/tests/data/parse/%s", files[i]);
		snprintf(errpath, sizeof(errpath), "%.*s.err", (int)(strlen(path) - 5), path);
		size_t len = 0;
		char *text = tu_read(path, &len);
		char *want = tu_read(errpath, NULL);
		assert_non_null(text);
		if (want == NULL) {
			fprintf(stderr, "missing %s\n", errpath);
			failures++;
			free(text);
			continue;
		}
		struct sipdns_topology *t = NULL;
		struct sipdns_diag d;
		sipdns_diag_init(&d);
		enum sipdns_status st = sipdns_parse_buffer(text, len, files[i], &t, &d);
		char *got = tu_diag_text(&d);
		bool ok_file = strncmp(files[i], "9", 1) == 0;
		if (strcmp(got, want) != 0 || (st == SIPDNS_OK) != ok_file) {
			fprintf(stderr, "%s: status %d\n--- want\n%s--- got\n%s",
				files[i], st, want, got);
			failures++;
		}
		free(got);
		free(want);
		free(text);
		sipdns_topology_destroy(t);
		sipdns_diag_fini(&d);
	}
	tu_free_list(files);
	assert_int_equal(failures, 0);
}

/* Hostile input never crashes: truncations of a valid file, and noise. */
static void
test_truncations(void **state)
{
	(void)state;
	size_t len = 0;
	char *text = tu_read(SRCDIR "/zones/enterprise.yaml", &len);
	assert_non_null(text);
	for (size_t cut = 0; cut < len; cut += 7) {
		struct sipdns_topology *t = NULL;
		struct sipdns_diag d;
		sipdns_diag_init(&d);
		enum sipdns_status st = sipdns_parse_buffer(text, cut, "cut.yaml", &t, &d);
		/* either a topology or at least one positioned error */
		if (st == SIPDNS_OK)
			assert_non_null(t);
		else
			assert_true(d.errors > 0);
		sipdns_topology_destroy(t);
		sipdns_diag_fini(&d);
	}
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostnames),
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_model_walkthrough),
		cmocka_unit_test(test_names_normalised),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_golden_errors),
		cmocka_unit_test(test_truncations),
	};
	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
