/* test_state.c -- verify --state on its own: first sightings kept, fixed
 * findings listed, a damaged file named at its line and left alone
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings.h"
#include "state.h"

static char dir[] = "/tmp/sipdns-test-state.XXXXXX";
static char path[sizeof(dir) + 16];

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/state", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

/* each test starts without a state file */
static int
fresh(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* a result with findings of these keys */
static void
result(struct sipdns_verify_result *r, const char *const *keys, size_t n)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		struct sipdns_finding *f = sipdns_findings_add(r, SIPDNS_F_MISSING,
							       SIPDNS_ERROR);
		assert_non_null(f);
		f->key = strdup(keys[i]);
		f->name = strdup("x.");
	}
}

static void
test_first_seen_and_fixed(void **state)
{
	(void)state;
	static const char *const run1[] = { "missing|external|av.contoso.com|A",
					    "changed|internal|sip.contoso.com|A" };
	static const char *const run2[] = { "missing|external|av.contoso.com|A" };
	struct sipdns_verify_result r;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	result(&r, run1, 2);
	assert_int_equal(sipdns_state_update(&r, path, 1000, &d), SIPDNS_OK);
	assert_int_equal(r.f[0].since, 0);   /* new */
	assert_int_equal(r.n_fixed, 0);
	sipdns_verify_result_fini(&r);
	result(&r, run2, 1);
	assert_int_equal(sipdns_state_update(&r, path, 2000, &d), SIPDNS_OK);
	assert_int_equal(r.f[0].since, 1000);   /* seen in the first run */
	assert_int_equal(r.n_fixed, 1);
	assert_string_equal(r.fixed[0].key, "changed|internal|sip.contoso.com|A");
	assert_int_equal(r.fixed[0].since, 1000);
	sipdns_verify_result_fini(&r);
	assert_int_equal(d.n, 0);
	sipdns_diag_fini(&d);
}

static void
test_damaged(void **state)
{
	(void)state;
	static const char text[] = "# sipdns verify state\n1000\tok|key\nnot a number\tkey\n";
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	struct sipdns_verify_result r;
	result(&r, NULL, 0);
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_state_update(&r, path, 3000, &d), SIPDNS_EINPUT);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].loc.line, 3);
	assert_non_null(strstr(d.v[0].message, "not a sipdns state file"));
	/* the file is left as it was */
	char buf[200];
	fp = fopen(path, "r");
	assert_non_null(fp);
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	assert_string_equal(buf, text);
	sipdns_verify_result_fini(&r);
	sipdns_diag_fini(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_first_seen_and_fixed, fresh),
		cmocka_unit_test_setup(test_damaged, fresh),
	};
	return cmocka_run_group_tests_name("state", tests, setup, teardown);
}
