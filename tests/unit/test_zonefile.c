/* test_zonefile.c -- serials, reading back zone files, the record reader
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "zonefile.h"

/* RFC 1982 serials: YYYYMMDDnn, always above the old one. */
static void
test_serials(void **state)
{
	(void)state;
	time_t day = 1795000000;  /* 2026-11-18 UTC */
	assert_int_equal(sipdns_serial_next(false, 0, day), 2026111800u);
	assert_int_equal(sipdns_serial_next(true, 2026111800u, day), 2026111801u);
	assert_int_equal(sipdns_serial_next(true, 2025010105u, day), 2026111800u);
	assert_int_equal(sipdns_serial_next(true, 2026111899u, day), 2026111900u);
	/* an old serial ahead of the date only ever grows */
	assert_int_equal(sipdns_serial_next(true, 2030010100u, day), 2030010101u);
	/* wrap-around in sequence space: today is ahead of 2^32-1 by less
	 * than 2^31, so it is the next serial */
	assert_int_equal(sipdns_serial_next(true, 4294967295u, day), 2026111800u);
	/* an old serial ahead in sequence space (but numerically wrapped
	 * around) keeps counting up, wrapping past 2^32 - 1 to 0 */
	uint32_t ahead = 2026111800u + 0x7ffffff0u;
	assert_int_equal(sipdns_serial_next(true, ahead, day), ahead + 1);
	assert_true(sipdns_serial_lt(4294967295u, 0u));
	assert_true(sipdns_serial_lt(1u, 2u));
	assert_false(sipdns_serial_lt(2u, 1u));
}

/* RFC 1982 §3.2: comparison in a circle of 2^32, undefined at exactly
 * half way (neither is less). */
static void
test_serial_lt_wrap(void **state)
{
	(void)state;
	assert_true(sipdns_serial_lt(0xfffffff0u, 5u));
	assert_false(sipdns_serial_lt(5u, 0xfffffff0u));
	assert_true(sipdns_serial_lt(0u, 0x7fffffffu));
	assert_false(sipdns_serial_lt(0x7fffffffu, 0u));
	assert_false(sipdns_serial_lt(0u, 0x80000000u));
	assert_false(sipdns_serial_lt(0x80000000u, 0u));
	assert_false(sipdns_serial_lt(42u, 42u));
}

/* The same day counts on, an older date gives today, a newer one (a
 * clock set back) counts on from it. */
static void
test_serial_next_days(void **state)
{
	(void)state;
	time_t day = 1795000000;  /* 2026-11-18 UTC */
	time_t late = day + 10 * 3600;   /* still 2026-11-18, after 21:00 */
	assert_int_equal(sipdns_serial_next(true, 2026111805u, late), 2026111806u);
	assert_int_equal(sipdns_serial_next(true, 2026111705u, day), 2026111800u);
	assert_int_equal(sipdns_serial_next(true, 2026111900u, day), 2026111901u);
	assert_int_equal(sipdns_serial_next(false, 0, day + 14 * 3600), 2026111900u);
}

static const char zone[] =
	"; sipdns -- internal view, zone example.com\n"
	"$ORIGIN example.com.\n"
	"$TTL 600\n"
	"\n"
	"@\tIN\tSOA\tns1.example.com. hostmaster.example.com. (\n"
	"\t\t2026111803\t; serial YYYYMMDDnn\n"
	"\t\t3600\t; refresh\n\t\t900\t; retry\n\t\t1209600\t; expire\n"
	"\t\t3600 )\t; minimum\n"
	"@\tIN\tNS\tns1.example.com.\n"
	"\n"
	"$TTL 300\n"
	"sip\tIN\tA\t192.0.2.10\n";

static void
test_existing_serial(void **state)
{
	(void)state;
	uint32_t serial = 7;
	assert_true(sipdns_zonefile_serial(zone, strlen(zone), "example.com.",
					   &serial));
	assert_int_equal(serial, 2026111803u);
	/* no SOA first: no serial, and *serial is left alone */
	const char *frag = "$ORIGIN example.com.\nsip\t60\tIN\tA\t192.0.2.1\n";
	serial = 7;
	assert_false(sipdns_zonefile_serial(frag, strlen(frag), "example.com.",
					    &serial));
	assert_int_equal(serial, 7);
	assert_false(sipdns_zonefile_serial("not a zone (\n", 12, "example.com.",
					    &serial));
	assert_false(sipdns_zonefile_serial("", 0, "example.com.", &serial));
}

static void
test_read_whole_file(void **state)
{
	(void)state;
	char path[] = "test_zonefile.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, zone, strlen(zone)), (ssize_t)strlen(zone));
	close(fd);
	size_t len = 1;
	int err = -1;
	char *buf = sipdns_zonefile_read(path, &len, &err);
	unlink(path);   /* first: a failed check leaves no file behind */
	assert_non_null(buf);
	assert_int_equal(err, 0);
	assert_int_equal(len, strlen(zone));
	assert_memory_equal(buf, zone, len);
	free(buf);
	assert_null(sipdns_zonefile_read(path, &len, &err));
	assert_int_equal(err, ENOENT);
	assert_int_equal(len, 0);
}

/* $ORIGIN, $TTL and empty lines are taken in stride; the TTL and origin
 * they set apply to the records after them. */
static void
test_rr_reader(void **state)
{
	(void)state;
	FILE *fp = fmemopen((void *)zone, strlen(zone), "r");
	assert_non_null(fp);
	struct sipdns_rr_reader rd;
	sipdns_rr_reader_init(&rd, fp, NULL);
	ldns_rr_type want[] = { LDNS_RR_TYPE_SOA, LDNS_RR_TYPE_NS, LDNS_RR_TYPE_A };
	uint32_t ttl[] = { 600, 600, 300 };
	ldns_rr *rr;
	size_t n = 0;
	while ((rr = sipdns_rr_reader_next(&rd)) != NULL) {
		assert_true(n < 3);
		assert_int_equal(ldns_rr_get_type(rr), want[n]);
		assert_int_equal(ldns_rr_ttl(rr), ttl[n]);
		if (n == 2) {
			char *owner = ldns_rdf2str(ldns_rr_owner(rr));
			assert_string_equal(owner, "sip.example.com.");
			free(owner);
		}
		ldns_rr_free(rr);
		n++;
	}
	assert_int_equal(n, 3);
	sipdns_rr_reader_fini(&rd);
	fclose(fp);
}

/* A record ldns cannot read ends the records. */
static void
test_rr_reader_stops(void **state)
{
	(void)state;
	const char *text = "$ORIGIN example.com.\n\na\t60\tIN\tA\t192.0.2.1\n"
			   "b\t60\tIN\tA\tnot-an-address\nc\t60\tIN\tA\t192.0.2.3\n";
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(fp);
	ldns_rdf *origin = ldns_dname_new_frm_str("example.com.");
	struct sipdns_rr_reader rd;
	sipdns_rr_reader_init(&rd, fp, origin);
	ldns_rdf_deep_free(origin);   /* the reader keeps a copy */
	ldns_rr *rr = sipdns_rr_reader_next(&rd);
	assert_non_null(rr);
	ldns_rr_free(rr);
	assert_null(sipdns_rr_reader_next(&rd));
	sipdns_rr_reader_fini(&rd);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serials),
		cmocka_unit_test(test_serial_lt_wrap),
		cmocka_unit_test(test_serial_next_days),
		cmocka_unit_test(test_existing_serial),
		cmocka_unit_test(test_read_whole_file),
		cmocka_unit_test(test_rr_reader),
		cmocka_unit_test(test_rr_reader_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
