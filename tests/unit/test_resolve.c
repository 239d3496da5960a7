/* test_resolve.c -- the engine's own promises, without a packet sent:
 * a server list c-ares refuses, and a run cancelled before it starts
 * calls every query back as cancelled
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "resolve.h"

static void
test_bad_servers(void **state)
{
	(void)state;
	struct sipdns_resolve_opts o = { .servers = "not an address",
		.timeout_ms = 100, .tries = 1, .max_in_flight = 4,
		.max_per_server = 4 };
	struct sipdns_resolver *r = NULL;
	char err[200] = "";
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)),
			 SIPDNS_EUSAGE);
	assert_null(r);
	assert_non_null(strstr(err, "'not an address'"));
}

struct counts {
	size_t calls, cancelled;
};

static void
count(void *arg, const struct sipdns_reply *rep)
{
	struct counts *c = arg;
	c->calls++;
	c->cancelled += rep->kind == SIPDNS_REPLY_CANCELLED;
}

static void
test_cancelled_before_start(void **state)
{
	(void)state;
	volatile sig_atomic_t cancel = 1;
	struct sipdns_resolve_opts o = { .servers = "127.0.0.1:9",
		.timeout_ms = 100, .tries = 1, .max_in_flight = 2,
		.max_per_server = 2, .cancel = &cancel };
	struct sipdns_resolver *r = NULL;
	char err[200];
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)), SIPDNS_OK);
	assert_false(sipdns_resolve_system(r));
	struct counts c = { 0, 0 };
	static const unsigned char msg[12] = { 0 };
	for (int i = 0; i < 5; i++)
		assert_int_equal(sipdns_resolve_ask(r, "sip.contoso.com", 1, count, &c),
				 SIPDNS_OK);
	assert_int_equal(sipdns_resolve_send(r, msg, sizeof(msg), count, &c), SIPDNS_OK);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_ECANCELLED);
	assert_int_equal(c.calls, 6);
	assert_int_equal(c.cancelled, 6);
	sipdns_resolve_destroy(r);
}

static void
test_send_limits(void **state)
{
	(void)state;
	struct sipdns_resolve_opts o = { .servers = "127.0.0.1:9",
		.timeout_ms = 100, .tries = 1, .max_in_flight = 1,
		.max_per_server = 1 };
	struct sipdns_resolver *r = NULL;
	char err[200];
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)), SIPDNS_OK);
	static unsigned char big[65536];
	assert_int_equal(sipdns_resolve_send(r, big, sizeof(big), count, NULL),
			 SIPDNS_EUSAGE);
	sipdns_resolve_destroy(r);   /* nothing was run: nothing called back */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_servers),
		cmocka_unit_test(test_cancelled_before_start),
		cmocka_unit_test(test_send_limits),
	};
	return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
