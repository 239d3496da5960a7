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

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "answer.h"
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
	char lp[sizeof(path) + 8];
	snprintf(lp, sizeof(lp), "%s.lock", path);
	unlink(lp);
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

/* a result with findings of these keys, and questions: "view|name|TYPE"
 * each with its state */
struct tq {
	enum sipdns_view_id view;
	const char *name;
	ldns_rr_type type;
	enum sipdns_qstate state;
};

static void
result_q(struct sipdns_verify_result *r, const char *const *keys, size_t n,
	 const struct tq *qs, size_t nq)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		enum sipdns_finding_kind k = strncmp(keys[i], "unverified", 10) == 0
			? SIPDNS_F_UNVERIFIED : SIPDNS_F_MISSING;
		struct sipdns_finding *f = sipdns_findings_add(r, k, SIPDNS_ERROR);
		assert_non_null(f);
		f->key = strdup(keys[i]);
		f->name = strdup("x.");
	}
	r->q = calloc(nq ? nq : 1, sizeof(*r->q));
	assert_non_null(r->q);
	for (size_t i = 0; i < nq; i++) {
		r->q[i].view = qs[i].view;
		r->q[i].name = qs[i].name;
		r->q[i].type = qs[i].type;
		r->q[i].state = qs[i].state;
	}
	r->n_q = nq;
}

static void
result(struct sipdns_verify_result *r, const char *const *keys, size_t n)
{
	result_q(r, keys, n, NULL, 0);
}

static const char *const run1[] = { "missing|external|av.contoso.com|A",
				    "changed|internal|sip.contoso.com|A" };

/* both questions of run1, answered */
static const struct tq both[] = {
	{ SIPDNS_VIEW_INTERNAL, "sip.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER },
	{ SIPDNS_VIEW_EXTERNAL, "av.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER },
};

static void
update(struct sipdns_verify_result *r, long now)
{
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_state_update(r, NULL, path, now, &d), SIPDNS_OK);
	assert_int_equal(d.n, 0);
	sipdns_diag_fini(&d);
}

static void
test_first_seen_and_fixed(void **state)
{
	(void)state;
	struct sipdns_verify_result r;
	result_q(&r, run1, 2, both, 2);
	update(&r, 1000);
	assert_int_equal(r.f[0].since, 0);   /* new */
	assert_int_equal(r.n_fixed, 0);
	assert_int_equal(r.n_new, 2);
	assert_true(r.state_changed);
	sipdns_verify_result_fini(&r);
	result_q(&r, run1, 1, both, 2);
	update(&r, 2000);
	assert_int_equal(r.f[0].since, 1000);   /* seen in the first run */
	assert_int_equal(r.n_persisting, 1);
	assert_int_equal(r.n_fixed, 1);
	assert_string_equal(r.fixed[0].key, "changed|internal|sip.contoso.com|A");
	assert_string_equal(r.fixed[0].name, "sip.contoso.com.");
	assert_string_equal(r.fixed[0].type_name, "A");
	assert_int_equal(r.fixed[0].kind, SIPDNS_F_CHANGED);
	assert_int_equal(r.fixed[0].view, SIPDNS_VIEW_INTERNAL);
	assert_int_equal(r.fixed[0].since, 1000);
	sipdns_verify_result_fini(&r);
	/* the same again: nothing changed */
	result_q(&r, run1, 1, both, 2);
	update(&r, 3000);
	assert_false(r.state_changed);
	assert_int_equal(r.f[0].since, 1000);
	sipdns_verify_result_fini(&r);
}

/* a view not asked, a question that failed: carried over, never fixed */
static void
test_not_checked(void **state)
{
	(void)state;
	struct sipdns_verify_result r;
	result_q(&r, run1, 2, both, 2);
	update(&r, 1000);
	sipdns_verify_result_fini(&r);
	/* --view external, in sync there */
	result_q(&r, NULL, 0, both + 1, 1);
	update(&r, 2000);
	assert_int_equal(r.n_fixed, 1);
	assert_string_equal(r.fixed[0].key, "missing|external|av.contoso.com|A");
	assert_int_equal(r.n_not_checked, 1);
	assert_string_equal(r.not_checked[0].key, "changed|internal|sip.contoso.com|A");
	assert_int_equal(r.not_checked[0].since, 1000);
	assert_true(r.scope_differs);
	assert_string_equal(r.state_scope, "internal,external");
	assert_string_equal(r.run_scope, "external");
	sipdns_verify_result_fini(&r);
	/* both views, the internal question timed out */
	static const struct tq down[] = {
		{ SIPDNS_VIEW_INTERNAL, "sip.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_TIMEOUT },
		{ SIPDNS_VIEW_EXTERNAL, "av.contoso.com", LDNS_RR_TYPE_A, SIPDNS_Q_ANSWER },
	};
	static const char *const unv[] = { "unverified|internal|sip.contoso.com|A" };
	result_q(&r, unv, 1, down, 2);
	update(&r, 3000);
	assert_int_equal(r.n_fixed, 0);
	assert_int_equal(r.n_new, 0);
	assert_int_equal(r.n_not_checked, 1);
	assert_int_equal(r.not_checked[0].since, 1000);
	sipdns_verify_result_fini(&r);
	/* answered at last and in sync: fixed, wrong since the first run */
	result_q(&r, NULL, 0, both, 2);
	update(&r, 4000);
	assert_int_equal(r.n_fixed, 1);
	assert_int_equal(r.fixed[0].since, 1000);
	assert_int_equal(r.n_not_checked, 0);
	sipdns_verify_result_fini(&r);
}

/* another finding at the same name and type: not fixed */
static void
test_replaced(void **state)
{
	(void)state;
	struct sipdns_verify_result r;
	result_q(&r, run1, 1, both, 2);
	update(&r, 1000);
	sipdns_verify_result_fini(&r);
	static const char *const ttl[] = { "ttl|external|av.contoso.com|A" };
	result_q(&r, ttl, 1, both, 2);
	update(&r, 2000);
	assert_int_equal(r.n_fixed, 0);
	assert_int_equal(r.n_replaced, 1);
	assert_int_equal(r.n_new, 1);
	sipdns_verify_result_fini(&r);
}

static void
test_mode_kept(void **state)
{
	(void)state;
	struct sipdns_verify_result r;
	result_q(&r, run1, 2, both, 2);
	update(&r, 1000);
	sipdns_verify_result_fini(&r);
	assert_int_equal(chmod(path, 0640), 0);
	result_q(&r, run1, 1, both, 2);
	update(&r, 2000);
	sipdns_verify_result_fini(&r);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
}

static void
test_damaged(void **state)
{
	(void)state;
	static const char text[] = "# sipdns verify state\n1000\tmissing|external|a.contoso.com|A\n"
				   "1000\tmissing|external|\033[2Jevil|A\n";
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	struct sipdns_verify_result r;
	result(&r, run1, 1);
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_state_update(&r, NULL, path, 3000, &d), SIPDNS_EINPUT);
	assert_true(r.state_failed);
	assert_false(r.state_read);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].loc.line, 3);
	assert_non_null(strstr(d.v[0].message, "damaged state file"));
	assert_non_null(strstr(d.v[0].message, "\\x1b[2Jevil"));   /* escaped */
	assert_null(strchr(d.v[0].message, '\033'));
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

/* a second run while the first holds the lock: a clear error, no change */
static void
test_locked(void **state)
{
	(void)state;
	char lp[sizeof(path) + 8];
	snprintf(lp, sizeof(lp), "%s.lock", path);
	int fd = open(lp, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	struct sipdns_verify_result r;
	result_q(&r, run1, 2, both, 2);
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_state_update(&r, NULL, path, 1000, &d), SIPDNS_EIO);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "another sipdns verify"));
	assert_int_equal(access(path, F_OK), -1);
	sipdns_verify_result_fini(&r);
	sipdns_diag_fini(&d);
	close(fd);
	unlink(lp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_first_seen_and_fixed, fresh),
		cmocka_unit_test_setup(test_not_checked, fresh),
		cmocka_unit_test_setup(test_replaced, fresh),
		cmocka_unit_test_setup(test_mode_kept, fresh),
		cmocka_unit_test_setup(test_damaged, fresh),
		cmocka_unit_test_setup(test_locked, fresh),
	};
	return cmocka_run_group_tests_name("state", tests, setup, teardown);
}
