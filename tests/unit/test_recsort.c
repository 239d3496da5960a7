/* test_recsort.c -- the radix sort of records gives exactly qsort's order
 * (sipdns_record_cmp), on names built to tie over many bytes
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

#include "name.h"
#include "records.h"
#include "recsort.h"

static int
qcmp(const void *a, const void *b)
{
	return sipdns_record_cmp(a, b);
}

/* a name of 1-4 labels from few letters, so that many share long
 * prefixes of their keys ("example\0tenant0000..."), with ties of owner */
static void
random_name(char *buf, size_t size, unsigned *seed)
{
	static const char *const labels[] = { "a", "aa", "aaaaaaa", "aaaaaaab",
		"tenant000001", "tenant000002", "_tcp", "_sip", "example", "b" };
	size_t n = 1 + (size_t)(rand_r(seed) % 4), len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "." : "",
					labels[rand_r(seed) % 10]);
}

static void
sorted_like_qsort(size_t n, unsigned seed)
{
	struct sipdns_record *v = calloc(n, sizeof(*v)), *w = calloc(n, sizeof(*w));
	char (*names)[128] = calloc(n, sizeof(*names)), (*keys)[128] = calloc(n, sizeof(*keys));
	assert_non_null(v); assert_non_null(w); assert_non_null(names); assert_non_null(keys);
	for (size_t i = 0; i < n; i++) {
		random_name(names[i], sizeof(names[i]), &seed);
		size_t len = strlen(names[i]);
		sipdns_name_key(names[i], len, keys[i]);
		char text[200];
		snprintf(text, sizeof(text), "%s. 3600 IN A 10.0.0.%u", names[i],
			 (unsigned)(rand_r(&seed) % 3));
		assert_int_equal(ldns_rr_new_frm_str(&v[i].rr, text, 0, NULL, NULL),
				 LDNS_STATUS_OK);
		v[i].view = (enum sipdns_view_id)(rand_r(&seed) % 2);
		v[i].owner = names[i];
		v[i].key = keys[i];
		v[i].ownerlen = (unsigned)len;
		v[i].seq = i;
	}
	memcpy(w, v, n * sizeof(*v));
	qsort(w, n, sizeof(*w), qcmp);
	sipdns_recsort(v, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].seq, w[i].seq);
	for (size_t i = 0; i < n; i++)
		ldns_rr_free(v[i].rr);
	free(v); free(w); free(names); free(keys);
}

static void
test_small(void **state)
{
	(void)state;
	for (unsigned s = 1; s <= 200; s++)
		sorted_like_qsort(1 + s % 40, s);
}

static void
test_large(void **state)
{
	(void)state;
	sorted_like_qsort(20000, 7);
	sorted_like_qsort(5000, 99);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
