/* test_zones.c -- the zone index gives the linear look-up's answer
 * (sipdns_zone_for), with and without a hint, on nested zones
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "parse.h"
#include "sipdns.h"
#include "vec.h"
#include "zones.h"

/* a name of 1-4 labels from few labels, so that zones nest */
static void
random_name(char *buf, size_t size, unsigned *seed)
{
	static const char *const labels[] = { "a", "b", "sip", "contoso", "com", "example" };
	int n = 1 + (int)(rand_r(seed) % 4);
	size_t o = 0;
	for (int i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? "." : "",
				      labels[rand_r(seed) % 6]);
}

static void
test_index_matches_linear(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		enum { NZ = 12 };
		static char names[NZ][64];
		struct sipdns_zone zones[NZ];
		memset(zones, 0, sizeof(zones));
		struct sipdns_topology t;
		memset(&t, 0, sizeof(t));
		size_t nz = 1 + (size_t)(rand_r(&seed) % NZ);
		for (size_t i = 0; i < nz; i++) {
			random_name(names[i], sizeof(names[i]), &seed);
			zones[i].name = names[i];
		}
		t.views[SIPDNS_VIEW_INTERNAL].zones = zones;
		t.views[SIPDNS_VIEW_INTERNAL].n_zones = nz;
		struct sipdns_zone_index *x =
			sipdns_zone_index_create(&t, SIPDNS_VIEW_INTERNAL);
		assert_non_null(x);
		for (int q = 0; q < 100; q++) {
			char name[128];
			random_name(name, sizeof(name), &seed);
			const struct sipdns_zone *want =
				sipdns_zone_for(&t, SIPDNS_VIEW_INTERNAL, name);
			/* zone_for keeps the first of equal names, as the index */
			assert_ptr_equal(sipdns_zone_index_find(x, name), want);
			assert_ptr_equal(sipdns_zone_index_find_near(x, name, strlen(name), NULL), want);
			for (size_t h = 0; h < nz; h++) {
				const struct sipdns_zone *near =
					sipdns_zone_index_find(x, zones[h].name);
				assert_ptr_equal(sipdns_zone_index_find_near(x, name, strlen(name), near), want);
			}
		}
		sipdns_zone_index_destroy(x);
	}
}

/* a hint that holds the name but has a zone below it is not taken */
static void
test_near_parent_not_taken(void **state)
{
	(void)state;
	struct sipdns_zone zones[2];
	memset(zones, 0, sizeof(zones));
	zones[0].name = "contoso.com";
	zones[1].name = "sip.contoso.com";
	struct sipdns_topology t;
	memset(&t, 0, sizeof(t));
	t.views[SIPDNS_VIEW_INTERNAL].zones = zones;
	t.views[SIPDNS_VIEW_INTERNAL].n_zones = 2;
	struct sipdns_zone_index *x = sipdns_zone_index_create(&t, SIPDNS_VIEW_INTERNAL);
	assert_non_null(x);
	const char *n = "pool.sip.contoso.com";
	assert_ptr_equal(sipdns_zone_index_find_near(x, n, strlen(n), &zones[0]), &zones[1]);
	n = "www.contoso.com";
	assert_ptr_equal(sipdns_zone_index_find_near(x, n, strlen(n), &zones[1]), &zones[0]);
	n = "xcontoso.com";   /* a suffix, not at a label boundary */
	assert_null(sipdns_zone_index_find_near(x, n, strlen(n), &zones[1]));
	sipdns_zone_index_destroy(x);
}

/* text parsed into a topology (the test fails otherwise) */
static struct sipdns_topology *
parse_text(const char *text)
{
	struct sipdns_topology *t = NULL;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_parse_buffer(text, strlen(text), "z.yaml", &t, &d), SIPDNS_OK);
	sipdns_diag_fini(&d);
	return t;
}

/* The parse builds each view's index once; every caller gets that one,
 * and it answers as a new index would, the pin-point zones the parse
 * implies included. */
static void
test_topology_index_shared(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\nproduct: ocs2007r2\n"
		"sip_domains: [contoso.com, {name: fabrikam.com, internal: pinpoint}]\n"
		"views:\n"
		"  internal: {ns: [{fqdn: dc01.contoso.com, address: 10.0.0.2}], zones: [contoso.com]}\n"
		"  external: {ns: [{fqdn: ns1.contoso.com, address: 131.107.155.2}], zones: [contoso.com, fabrikam.com]}\n"
		"pools: [{fqdn: pool.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}]\n";
	struct sipdns_topology *t = parse_text(text);
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		const struct sipdns_zone_index *x = sipdns_topology_zones(t, (enum sipdns_view_id)v);
		assert_non_null(x);
		assert_ptr_equal(x, t->zindex[v]);
		assert_ptr_equal(sipdns_topology_zones(t, (enum sipdns_view_id)v), x);
		static const char *const names[] = {
			"pool.contoso.com", "_sipinternaltls._tcp.fabrikam.com",
			"sip.fabrikam.com", "contoso.com", "example.org",
		};
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			assert_ptr_equal(sipdns_zone_index_find(x, names[i]),
					 sipdns_zone_for(t, (enum sipdns_view_id)v, names[i]));
	}
	/* the pin-point zone is in the internal view's index */
	const struct sipdns_zone *z = sipdns_zone_index_find(
		sipdns_topology_zones(t, SIPDNS_VIEW_INTERNAL), "_sipinternaltls._tcp.fabrikam.com");
	assert_non_null(z);
	assert_string_equal(z->name, "_sipinternaltls._tcp.fabrikam.com");
	sipdns_topology_destroy(t);
}

/* owned_elsewhere by hash gives what the list says: a name listed, or a
 * name strictly under a *.X; never X itself, a name that merely ends in
 * X's letters, or a name of another view. */
static void
test_owned_elsewhere(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\nproduct: ocs2007r2\nsip_domains: [contoso.com]\n"
		"views:\n"
		"  internal:\n"
		"    ns: [{fqdn: dc01.contoso.com, address: 10.0.0.2}]\n"
		"    zones: [contoso.com]\n"
		"    owned_elsewhere: [www.contoso.com, '*.lab.contoso.com', _sip._tls.contoso.com]\n"
		"  external: {ns: [{fqdn: ns1.contoso.com, address: 131.107.155.2}], zones: [contoso.com]}\n"
		"pools: [{fqdn: pool.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}]\n";
	struct sipdns_topology *t = parse_text(text);
	static const struct { const char *name; bool owned; } c[] = {
		{ "www.contoso.com", true }, { "_sip._tls.contoso.com", true },
		{ "a.lab.contoso.com", true }, { "x.y.lab.contoso.com", true },
		{ "lab.contoso.com", false }, { "xlab.contoso.com", false },
		{ "contoso.com", false }, { "www2.contoso.com", false },
		{ "a.www.contoso.com", false }, { "", false },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		assert_int_equal(sipdns_topology_owned(t, SIPDNS_VIEW_INTERNAL, c[i].name), c[i].owned);
		assert_false(sipdns_topology_owned(t, SIPDNS_VIEW_EXTERNAL, c[i].name));
	}
	sipdns_topology_destroy(t);
}

/* The zone index's table: zeroed as calloc's, and refused (not wrapped)
 * where its size overflows. */
static void
test_zalloc(void **state)
{
	(void)state;
	unsigned char *p = sipdns_zalloc(3 * 1024 * 1024, 1);
	assert_non_null(p);
	for (size_t i = 0; i < 3 * 1024 * 1024; i += 4093)
		assert_int_equal(p[i], 0);
	assert_int_equal(p[3 * 1024 * 1024 - 1], 0);
	free(p);
	assert_null(sipdns_zalloc(SIZE_MAX / 8 + 1, 16));
	void *z = sipdns_zalloc(0, 16);
	assert_non_null(z);
	free(z);
}

/* The blocks offered for huge pages: an array grown past 4 MiB moves to
 * a block of its own with every element kept; an arena's chunks of 2 MiB
 * and more (and a one-off block larger than any chunk) hold what was
 * written, whole, beside the small allocations; the process's heap set
 * up for huge pages (sipdns_process_memory) serves them alike. */
static void
test_large_blocks(void **state)
{
	(void)state;
	sipdns_process_memory();
	uint32_t *v = NULL;
	size_t cap = 0;
	for (uint32_t i = 0; i < 3000000; i++) {
		if (!sipdns_vec_reserve(&v, &cap, i, sizeof(*v)))
			fail_msg("no room for element %u", i);
		v[i] = i * 2654435761u + 1;
	}
	assert_true(cap * sizeof(*v) >= 4 * 1024 * 1024);
	bool kept = true;
	for (uint32_t i = 0; i < 3000000; i++)
		kept = kept && v[i] == i * 2654435761u + 1;
	assert_true(kept);
	free(v);
	struct sipdns_arena *a = sipdns_arena_create();
	assert_non_null(a);
	char *first = sipdns_arena_strdup(a, "first");
	char *big = sipdns_arena_bytes(a, 9 * 1024 * 1024);
	assert_non_null(big);
	memset(big, 'x', 9 * 1024 * 1024);
	char *s[20000];
	for (int i = 0; i < 20000; i++) {   /* some 10 MB: chunks up to 4 MiB */
		char buf[600];
		snprintf(buf, sizeof(buf), "%0*d", 500, i);
		assert_non_null(s[i] = sipdns_arena_strdup(a, buf));
	}
	for (int i = 0; i < 20000; i += 7)
		assert_int_equal(atoi(s[i]), i);
	assert_string_equal(first, "first");
	assert_int_equal(big[0], 'x');
	assert_int_equal(big[9 * 1024 * 1024 - 1], 'x');
	sipdns_arena_destroy(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_matches_linear),
		cmocka_unit_test(test_near_parent_not_taken),
		cmocka_unit_test(test_topology_index_shared),
		cmocka_unit_test(test_owned_elsewhere),
		cmocka_unit_test(test_zalloc),
		cmocka_unit_test(test_large_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
