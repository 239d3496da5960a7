/* test_check.c -- the rules that need no DNS, one bad topology per rule
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

/* The example topologies pass: no errors at all. */
static void
test_examples_pass(void **state)
{
	(void)state;
	size_t n;
	char **files = tu_list(SRCDIR "/zones", ".yaml", &n);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof(path), SRCDIR "/zones/%s", files[i]);
		size_t len = 0;
		char *text = tu_read(path, &len);
		assert_non_null(text);
		struct tu_job j;
		tu_job_run(&j, text, len, files[i]);
		if (j.d.errors || j.d.warnings) {
			char *got = tu_diag_text(&j.d);
			fprintf(stderr, "%s", got);
			free(got);
		}
		assert_int_equal(j.parse_status, SIPDNS_OK);
		assert_int_equal(j.d.errors, 0);
		assert_int_equal(j.d.warnings, 0);
		tu_job_fini(&j);
		free(text);
	}
	tu_free_list(files);
}

/* Each file of tests/data/check gives exactly the findings of its .err;
 * the file name is the rule id it is about, which must be among them. */
static void
test_golden_rules(void **state)
{
	(void)state;
	size_t n;
	char **files = tu_list(SRCDIR "/tests/data/check", ".yaml", &n);
	assert_true(n >= 15);
	int failures = 0;
	for (size_t i = 0; i < n; i++) {
		char path[512], errpath[512], rule[128];
		snprintf(path, sizeof(path), SRCDIR "/tests/data/check/%s", files[i]);
		snprintf(errpath, sizeof(errpath), "%.*s.err", (int)(strlen(path) - 5), path);
		/* RULE.yaml or RULE--variant.yaml */
		const char *dash = strstr(files[i], "--");
		size_t rlen = dash ? (size_t)(dash - files[i]) : strlen(files[i]) - 5;
		snprintf(rule, sizeof(rule), "[%.*s]", (int)rlen, files[i]);
		size_t len = 0;
		char *text = tu_read(path, &len);
		char *want = tu_read(errpath, NULL);
		assert_non_null(text);
		assert_non_null(want);
		struct tu_job j;
		tu_job_run(&j, text, len, files[i]);
		char *got = tu_diag_text(&j.d);
		bool ok_file = strncmp(files[i], "ok-", 3) == 0;
		if (strcmp(got, want) != 0 || (!ok_file && strstr(got, rule) == NULL)) {
			fprintf(stderr, "%s\n--- want\n%s--- got\n%s", files[i], want, got);
			failures++;
		}
		free(got);
		free(want);
		free(text);
		tu_job_fini(&j);
	}
	tu_free_list(files);
	assert_int_equal(failures, 0);
}

static const char base[] =
	"product: ocs2007r2\n"
	"sip_domains: [contoso.com, retail.contoso.com]\n"
	"views: {internal: {zones: [contoso.com]}}\n"
	"pools:\n"
	"  - fqdn: pool01.contoso.com\n"
	"    edition: enterprise\n"
	"    vip: 10.0.1.10\n"
	"    auto_sign_in: true\n"
	"    web_farm: pool01.contoso.com\n"
	"    front_ends: [{fqdn: fe01.contoso.com, address: 10.0.1.11}]\n"
	"options: {remote_access: false, federation: false%s}\n";

/* §10 item 3 / E1: a target under a parent of the SIP domain still needs
 * the certificate or the policy; strict naming off silences it. */
static void
test_strict_naming_e1(void **state)
{
	(void)state;
	char text[1024];
	struct tu_job j;
	snprintf(text, sizeof(text), base, "");
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors, 0);
	assert_int_equal(j.d.warnings, 1);
	const struct sipdns_diag_entry *e = sipdns_diag_find(&j.d, "sip.retail.contoso.com");
	assert_non_null(e);
	assert_string_equal(e->rule, "strict-naming");
	assert_int_equal(e->loc.line, 2);
	assert_non_null(strstr(e->message, "DisableStrictDNSNaming"));
	sipdns_diag_promote_warnings(&j.d);   /* --strict */
	assert_int_equal(j.d.errors, 1);
	tu_job_fini(&j);

	snprintf(text, sizeof(text), base, ", strict_dns_naming: false");
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors + j.d.warnings, 0);
	tu_job_fini(&j);
}

/* R2-I3: a pool of one Front End without a load balancer is fine. */
static void
test_single_front_end(void **state)
{
	(void)state;
	char text[1024];
	snprintf(text, sizeof(text), base, ", strict_dns_naming: false");
	char *vip = strstr(text, "    vip: 10.0.1.10\n");
	memmove(vip, vip + 18, strlen(vip + 18) + 1);
	struct tu_job j;
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, SIPDNS_VIEW_INTERNAL, "pool01.contoso.com",
			   "A", "10.0.1.11"));
	tu_job_fini(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples_pass),
		cmocka_unit_test(test_golden_rules),
		cmocka_unit_test(test_strict_naming_e1),
		cmocka_unit_test(test_single_front_end),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
