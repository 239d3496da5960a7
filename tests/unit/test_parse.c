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

/* ---- issue 13: names as DNS has them, encoding errors where they are ---- */

/* Every name check agrees with DNS: the doubled trailing dot, the root
 * alone, empty labels, label and name lengths, hyphens; and owners with
 * _service labels. */
static void
test_names_as_dns(void **state)
{
	(void)state;
	const char *why;
	struct { const char *s, *why; } bad[] = {
		{ "av.contoso.com..", "ends with two dots" },
		{ "contoso.com...", "ends with two dots" },
		{ "..", "ends with two dots" },
		{ ".", "the DNS root, not a host name" },
		{ ".contoso.com", "empty label" },
		{ "a..b.", "empty label" },
		{ "a.-b.c", "starts with a hyphen" },
		{ "a.b-", "ends with a hyphen" },
		{ "a.b-.", "ends with a hyphen" },
		{ "_sip._tls.contoso.com", "underscore" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_false(sipdns_valid_hostname(bad[i].s, strlen(bad[i].s), &why));
		if (strstr(why, bad[i].why) == NULL)
			fail_msg("'%s': %s", bad[i].s, why);
	}
	/* 253 characters (255 octets on the wire) is the longest name, with
	 * or without its trailing dot; 254 is too long */
	char name[260];
	memset(name, 'a', sizeof(name));
	for (size_t i = 63; i < 253; i += 64)
		name[i] = '.';
	name[253] = '\0';
	assert_true(sipdns_valid_hostname(name, 253, &why));
	name[253] = '.';
	name[254] = '\0';
	assert_true(sipdns_valid_hostname(name, 254, &why));
	name[253] = 'a';
	assert_false(sipdns_valid_hostname(name, 254, &why));
	assert_non_null(strstr(why, "255 octets"));
	/* only len bytes count: a name inside a longer string */
	assert_true(sipdns_valid_hostname("contoso.com..", 12, &why));
	assert_false(sipdns_valid_hostname("contoso.com..", 13, &why));
	/* owners: leading _labels, then a host name */
	const char *svc_good[] = { "_sip._tls.contoso.com", "_sipinternaltls._tcp.a.b.",
				   "_a_b.c", "contoso.com" };
	for (size_t i = 0; i < sizeof(svc_good) / sizeof(svc_good[0]); i++)
		assert_true(sipdns_valid_service_name(svc_good[i], strlen(svc_good[i]), &why));
	struct { const char *s, *why; } svc_bad[] = {
		{ "_sip.contoso._tls.com", "underscore" },
		{ "_s p._tls.contoso.com", "white space" },
		{ "_sip..contoso.com", "empty label" },
		{ "_sip.-contoso.com", "starts with a hyphen" },
		{ "_sip.contoso.com..", "two dots" },
	};
	for (size_t i = 0; i < sizeof(svc_bad) / sizeof(svc_bad[0]); i++) {
		why = NULL;
		assert_false(sipdns_valid_service_name(svc_bad[i].s, strlen(svc_bad[i].s), &why));
		if (strstr(why, svc_bad[i].why) == NULL)
			fail_msg("'%s': %s", svc_bad[i].s, why);
	}
}

static const char names_base[] =
	"version: 1\n"
	"product: ocs2007r2\n"
	"ad_domain: %s\n"
	"sip_domains: [%s]\n"
	"views:\n"
	"  internal:\n"
	"    zones: [%s]\n"
	"pools:\n"
	"  - fqdn: %s\n"
	"    edition: standard\n"
	"    address: 10.0.0.10\n"
	"    auto_sign_in: true\n";

/* The topology of names_base with these names through parse and
 * generate: the status, and the diagnostics (without echo) in *text. */
static enum sipdns_status
run_names(const char *ad, const char *sip, const char *zone, const char *fqdn,
	  char **text)
{
	char buf[2048];
	snprintf(buf, sizeof(buf), names_base, ad, sip, zone, fqdn);
	struct sipdns_topology *t = NULL;
	struct sipdns_recset s;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_recset_init(&s), SIPDNS_OK);
	enum sipdns_status st = sipdns_parse_buffer(buf, strlen(buf), "n.yaml", &t, &d);
	if (st == SIPDNS_OK)
		st = sipdns_generate(t, &s, &d);
	*text = tu_diag_text(&d);
	sipdns_recset_fini(&s);
	sipdns_diag_fini(&d);
	sipdns_topology_destroy(t);
	return st;
}

/* The reproducers: refused at their position, never out of memory */
static void
test_names_positions(void **state)
{
	(void)state;
	char *text;
	assert_int_equal(run_names("contoso.com..", "contoso.com", "contoso.com",
				   "ocs01.contoso.com", &text), SIPDNS_EINPUT);
	assert_non_null(strstr(text, "n.yaml:3:12: error: ad_domain 'contoso.com..' is not a valid DNS host name: the name ends with two dots"));
	free(text);
	assert_int_equal(run_names("contoso.com", "contoso.com", "contoso.com",
				   "av.contoso.com..", &text), SIPDNS_EINPUT);
	assert_non_null(strstr(text, "n.yaml:9:11: error: pool fqdn 'av.contoso.com..'"));
	free(text);
	assert_int_equal(run_names("contoso.com", "contoso.com", "contoso.com.",
				   "ocs01.contoso.com.", &text), SIPDNS_OK);
	assert_non_null(strstr(text, "0 errors"));
	free(text);
	/* a valid SIP domain whose SRV owner would pass 253 characters */
	char sip[300];
	memset(sip, 'a', 246);
	for (size_t i = 63; i < 246; i += 64)
		sip[i] = '.';
	strcpy(sip + 246, ".com");
	sip[245] = 'b';
	assert_int_equal(run_names("contoso.com", sip, sip, "ocs01.contoso.com",
				   &text), SIPDNS_EINPUT);
	assert_non_null(strstr(text, "n.yaml:4:15: error: cannot build the name '_sipinternaltls._tcp."));
	assert_null(strstr(text, "out of memory"));
	free(text);
}

/* libyaml's reader errors at their line and column (characters, as
 * libyaml counts), each byte kind */
static void
test_encoding_positions(void **state)
{
	(void)state;
	struct { const char *text; size_t len; unsigned line, col; const char *what; } c[] = {
		{ "a: 1\nb: caf\xe9\n", 13, 2, 7, "byte 0xE9 is not UTF-8" },
		{ "a: 1\nb: caf\xe9 x\n", 15, 2, 7, "byte 0xE9 is not UTF-8" },
		{ "a: 1\n\xc3\xa9: 2\nc: \xc3\xa9\xc3(\n", 20, 3, 5, "byte 0xC3 is not UTF-8" },
		{ "a: \xe2\x82\xac\xe2\x82x\n", 11, 1, 5, "byte 0xE2 is not UTF-8" },
		{ "a: 1\nb: x\0y\n", 12, 2, 5, "U+0000, a NUL byte" },
		{ "a: 1\n\n  \x01\n", 10, 3, 3, "U+0001" },
		{ "\xff", 1, 1, 1, "byte 0xFF" },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct sipdns_topology *t = NULL;
		struct sipdns_diag d;
		sipdns_diag_init(&d);
		assert_int_equal(sipdns_parse_buffer(c[i].text, c[i].len, "e.yaml", &t, &d),
				 SIPDNS_EINPUT);
		assert_int_equal(d.n, 1);
		if (d.v[0].loc.line != c[i].line || d.v[0].loc.col != c[i].col ||
		    strstr(d.v[0].message, c[i].what) == NULL)
			fail_msg("case %zu: %u:%u: %s", i, d.v[0].loc.line,
				 d.v[0].loc.col, d.v[0].message);
		sipdns_topology_destroy(t);
		sipdns_diag_fini(&d);
	}
}

/* The echo: the line of each diagnostic, whatever its number, and the
 * caret under its column counted in characters */
static void
test_echo_lines(void **state)
{
	(void)state;
	size_t n = 5000;
	char *src = malloc(n * 8 + 16);
	assert_non_null(src);
	size_t len = 0;
	for (size_t i = 1; i <= n; i++)
		len += (size_t)sprintf(src + len, "l%05zu\n", i);
	len += (size_t)sprintf(src + len, "\xc3\xa9\xc3\xa9x");   /* line n + 1, no newline */
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	d.src = src;
	d.srclen = len;
	d.srcfile = "s.yaml";
	for (long i = (long)n; i >= 1; i -= 999)
		sipdns_diag_add(&d, SIPDNS_WARNING, (struct sipdns_loc){ "s.yaml", (unsigned)i, 3 },
				NULL, "w%ld", i);
	sipdns_diag_add(&d, SIPDNS_WARNING, (struct sipdns_loc){ "s.yaml", (unsigned)n + 1, 3 },
			NULL, "last");
	sipdns_diag_add(&d, SIPDNS_WARNING, (struct sipdns_loc){ "s.yaml", (unsigned)n + 2, 1 },
			NULL, "past the end");
	char *text = tu_diag_text(&d);
	char want[64];
	for (long i = (long)n; i >= 1; i -= 999) {
		snprintf(want, sizeof(want), "w%ld\n  l%05ld\n    ^\n", i, i);
		if (strstr(text, want) == NULL)
			fail_msg("no echo of line %ld in:\n%s", i, text);
	}
	assert_non_null(strstr(text, "last\n  ??x\n    ^\n"));
	/* a line past the end of the text is not echoed */
	assert_non_null(strstr(text, "past the end\n0 errors, 8 warnings\n"));
	free(text);
	sipdns_diag_fini(&d);
	free(src);
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
		cmocka_unit_test(test_names_as_dns),
		cmocka_unit_test(test_names_positions),
		cmocka_unit_test(test_encoding_positions),
		cmocka_unit_test(test_echo_lines),
	};
	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
