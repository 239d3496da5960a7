/* test_perimeter.c -- the perimeter view and the hosts format
 *
 * R2-P1 (the Edge's internal next hop) and R2-P2 (its own internal names)
 * in the perimeter view, SIPDNS_REC_EDGE_RESOLVES on the same names in the
 * internal view, and the hosts renderer over the one record set
 * (../shared/reference/ocs-dns.md, R2-I7, R2-I9).
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
#include "write.h"

#define IN SIPDNS_VIEW_INTERNAL
#define PER SIPDNS_VIEW_PERIMETER

static const char topo[] =
	"product: ocs2007r2\n"
	"sip_domains: [contoso.com]\n"
	"options: {remote_access: false, federation: false}\n"
	"views: {internal: {ns: [dc01.contoso.com], zones: [contoso.com]}%s}\n"
	"pools:\n"
	"  - {fqdn: ocs01.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}\n"
	"  - {fqdn: dir.contoso.com, edition: enterprise, role: director, vip: 10.0.2.10,\n"
	"     web_farm: dir.contoso.com,\n"
	"     front_ends: [{fqdn: dir01.contoso.com, address: 10.0.2.11}]}\n"
	"edge:\n"
	"  internal: {fqdn: edge.contoso.com, address: 172.25.33.10}\n"
	"  servers: [{fqdn: edge01.contoso.com, address: 172.25.33.11},\n"
	"            {fqdn: edge02.contoso.com, address: 172.25.33.12}]\n"
	"%s";

static void
run(struct tu_job *j, const char *perimeter, const char *next_hop)
{
	char text[2048];
	snprintf(text, sizeof(text), topo, perimeter, next_hop);
	tu_job_run_str(j, text);
}

static char *
render(struct tu_job *j, int view, enum sipdns_status want)
{
	struct sipdns_output_opts o = { .format = SIPDNS_FMT_HOSTS, .view = view,
					.serial_set = true, .serial = 1,
					.source = "t.yaml" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(sipdns_write(j->t, &j->set, &o, fp, &j->d), want);
	fclose(fp);
	return buf;
}

/* R2-P1, R2-P2: the perimeter view holds the next hop at the Director
 * VIP (R2-I7) and the Edge's internal names, flagged; nothing else. */
static void
test_perimeter_records(void **state)
{
	(void)state;
	struct tu_job j;
	run(&j, ", perimeter: {ns: [dmz.contoso.com], zones: [contoso.com]}",
	    "  next_hop: dir.contoso.com\n");
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, PER, "dir.contoso.com", "A", "10.0.2.10"));
	assert_true(tu_has(&j.set, PER, "edge.contoso.com", "A", "172.25.33.10"));
	assert_true(tu_has(&j.set, PER, "edge01.contoso.com", "A", "172.25.33.11"));
	assert_true(tu_has(&j.set, PER, "edge02.contoso.com", "A", "172.25.33.12"));
	assert_int_equal(tu_count(&j.set, PER, LDNS_RR_TYPE_A), 4);
	assert_int_equal(tu_count(&j.set, PER, LDNS_RR_TYPE_SRV), 0);
	const struct sipdns_record *r =
		sipdns_recset_find(&j.set, PER, "dir.contoso.com", LDNS_RR_TYPE_A);
	assert_non_null(r);
	assert_string_equal(r->fact, "R2-P1");
	assert_true(r->flags & SIPDNS_REC_EDGE_RESOLVES);
	r = sipdns_recset_find(&j.set, PER, "edge01.contoso.com", LDNS_RR_TYPE_A);
	assert_string_equal(r->fact, "R2-P2");
	/* the internal records of the same names carry the flag, others not */
	r = sipdns_recset_find(&j.set, IN, "dir.contoso.com", LDNS_RR_TYPE_A);
	assert_true(r->flags & SIPDNS_REC_EDGE_RESOLVES);
	r = sipdns_recset_find(&j.set, IN, "ocs01.contoso.com", LDNS_RR_TYPE_A);
	assert_false(r->flags & SIPDNS_REC_EDGE_RESOLVES);
	r = sipdns_recset_find(&j.set, IN, "dir01.contoso.com", LDNS_RR_TYPE_A);
	assert_false(r->flags & SIPDNS_REC_EDGE_RESOLVES);
	tu_job_fini(&j);
}

/* No perimeter view: no perimeter record, and no note either (HOSTS files
 * are as documented, S07/L10-14, and the topology cannot say so). */
static void
test_no_perimeter_view(void **state)
{
	(void)state;
	struct tu_job j;
	run(&j, "", "  next_hop: dir.contoso.com\n");
	assert_int_equal(j.d.errors + j.d.warnings + j.d.notes, 0);
	assert_int_equal(tu_count(&j.set, PER, LDNS_RR_TYPE_A), 0);
	/* hosts: one block per array member, from the internal view */
	char *h = render(&j, -1, SIPDNS_OK);
	assert_non_null(strstr(h, "# Edge server edge01.contoso.com: lines for its HOSTS file\r\n"));
	assert_non_null(strstr(h, "from the internal view of t.yaml\r\n"));
	assert_non_null(strstr(h, "10.0.2.10\tdir.contoso.com\t# internal next hop of the Edge: Enterprise Director pool at its hardware load balancer VIP [R2-I7"));
	const char *b2 = strstr(h, "# Edge server edge02.contoso.com");
	assert_non_null(b2);
	/* edge01's block leaves out edge02's own name and the reverse */
	const char *e2 = strstr(h, "edge02.contoso.com\t");
	assert_true(e2 > b2);
	assert_null(strstr(b2, "edge01.contoso.com\t"));
	assert_null(strstr(h, "ocs01"));
	assert_null(strstr(h, "dir01"));
	free(h);
	tu_job_fini(&j);
}

/* The hosts format prefers the perimeter view's records, and says when
 * there is no next hop to list. */
static void
test_hosts_from_perimeter(void **state)
{
	(void)state;
	struct tu_job j;
	run(&j, ", perimeter: {ns: [dmz.contoso.com], zones: [contoso.com]}",
	    "  next_hop: dir.contoso.com\n");
	char *h = render(&j, -1, SIPDNS_OK);
	assert_non_null(strstr(h, "from the perimeter view of t.yaml\r\n"));
	assert_non_null(strstr(h, "10.0.2.10\tdir.contoso.com\t# internal next hop of the Edge (Director at its load balancer VIP), asked by the Edge itself [R2-P1"));
	free(h);
	tu_job_fini(&j);
	run(&j, "", "");
	assert_int_equal(j.d.errors, 0);
	h = render(&j, -1, SIPDNS_OK);
	assert_non_null(strstr(h, "# edge has no next_hop: the Edge's internal next hop is not listed\r\n"));
	assert_null(strstr(h, "dir.contoso.com"));
	free(h);
	tu_job_fini(&j);
}

/* perimeter-next-hop: a perimeter view without a next hop to hold. */
static void
test_check_next_hop(void **state)
{
	(void)state;
	struct tu_job j;
	run(&j, ", perimeter: {ns: [dmz.contoso.com], zones: [contoso.com]}", "");
	const struct sipdns_diag_entry *e = sipdns_diag_find(&j.d, "edge has no next_hop");
	assert_non_null(e);
	assert_string_equal(e->rule, "perimeter-next-hop");
	assert_int_equal(e->severity, SIPDNS_ERROR);
	tu_job_fini(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_perimeter_records),
		cmocka_unit_test(test_no_perimeter_view),
		cmocka_unit_test(test_hosts_from_perimeter),
		cmocka_unit_test(test_check_next_hop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
