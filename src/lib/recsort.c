/* recsort.c -- a record set's records in order (see recsort.h)
 *
 * qsort over 600,000 records (100,000 SIP domains) took a sixth of
 * check's instructions, most of them in comparisons of owner keys that
 * share their first bytes ("example\0tenant0..."). Here each record gets
 * an 8-byte sort key: its view, then the 7 bytes of its owner key that
 * follow the prefix every key shares; a radix sort orders those keys in
 * linear time, the records that tie are sorted the same way on their
 * next 7 bytes, and only small groups are compared in full.
 * A key shorter than the window is padded with NUL, which never inverts
 * the order: labels hold no NUL, so a padded key is a proper prefix of
 * any key it ties with up to the padding, and sorts first as memcmp
 * with lengths would.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "recsort.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"

int
sipdns_record_key_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);
	return c != 0 ? c : (la > lb) - (la < lb);
}

int
sipdns_record_cmp(const struct sipdns_record *a, const struct sipdns_record *b)
{
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	int c = sipdns_record_key_cmp(a->key, a->ownerlen, b->key, b->ownerlen);
	if (c != 0)
		return c;
	c = ldns_rr_compare(a->rr, b->rr);
	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
rec_qsort_cmp(const void *pa, const void *pb)
{
	return sipdns_record_cmp(pa, pb);
}

struct item {
	uint64_t k;
	const struct sipdns_record *r;
};

static int
item_cmp(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	return sipdns_record_cmp(a->r, b->r);
}

/* the length of the prefix the owner keys of a[0..n-1] share, knowing
 * that they share at least 'from' bytes (or end there) */
static size_t
shared_prefix(const struct item *a, size_t n, size_t from)
{
	const struct sipdns_record *f = a[0].r;
	size_t l = f->ownerlen;
	for (size_t i = 1; i < n && l > from; i++) {
		const struct sipdns_record *r = a[i].r;
		size_t m = r->ownerlen < l ? r->ownerlen : l, j = from;
		while (j < m && r->key[j] == f->key[j])
			j++;
		l = j;
	}
	return l < from ? from : l;
}

static uint64_t
sort_key(const struct sipdns_record *r, size_t skip)
{
	uint64_t k = (uint64_t)(unsigned)r->view;
	for (size_t j = skip; j < skip + 7; j++)
		k = (k << 8) | (j < r->ownerlen ? (unsigned char)r->key[j] : 0u);
	return k;
}

/* LSD radix sort of a[0..n-1] by k, through b; a holds the result */
static void
radix(struct item *a, struct item *b, size_t n)
{
	for (unsigned shift = 0; shift < 64; shift += 8) {
		size_t count[257] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[((a[i].k >> shift) & 0xff) + 1]++;
		if (count[((a[0].k >> shift) & 0xff) + 1] == n)
			continue;  /* one byte value: the pass changes nothing */
		for (size_t c = 1; c < 257; c++)
			count[c] += count[c - 1];
		for (size_t i = 0; i < n; i++)
			b[count[(a[i].k >> shift) & 0xff]++] = a[i];
		memcpy(a, b, n * sizeof(*a));
	}
}

/* records in the order of a: v[j] = *a[j].r, moved along the cycles of
 * the permutation (no second copy of the records) */
static void
permute(struct sipdns_record *v, size_t n, struct item *a)
{
	for (size_t j = 0; j < n; j++)
		a[j].k = (uint64_t)(a[j].r - v);  /* v[j] comes from v[k] */
	for (size_t j = 0; j < n; j++) {
		if (a[j].k == j)
			continue;
		struct sipdns_record tmp = v[j];
		size_t k = j;
		while (a[k].k != j) {
			size_t from = (size_t)a[k].k;
			v[k] = v[from];
			a[k].k = k;
			k = from;
		}
		v[k] = tmp;
		a[k].k = k;
	}
}

/* a few items in order (most groups are the records of one owner or
 * one SIP domain: qsort's setup cost more than their sorting) */
static void
insertion(struct item *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct item x = a[i];
		size_t j = i;
		for (; j > 0 && item_cmp(&a[j - 1], &x) > 0; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* a[0..n-1], whose keys share their first 'from' bytes, in order: by
 * radix on the next window, then each run that ties on it the same way
 * one window further (MSD), and small runs or runs of one owner in full */
static void
sort_items(struct item *a, struct item *b, size_t n, size_t from, unsigned depth)
{
	size_t skip = shared_prefix(a, n, from);
	bool exhausted = true;
	for (size_t i = 0; i < n && exhausted; i++)
		exhausted = a[i].r->ownerlen <= skip;
	if (n <= 16) {
		insertion(a, n);
		return;
	}
	if (exhausted || depth > 64) {
		qsort(a, n, sizeof(*a), item_cmp);
		return;
	}
	for (size_t i = 0; i < n; i++)
		a[i].k = sort_key(a[i].r, skip);
	radix(a, b, n);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && a[j].k == a[i].k; j++)
			;
		if (j - i > 1)
			sort_items(a + i, b, j - i, skip + 7, depth + 1);
	}
}

/* The records of one view, sorted on a thread of their own: the view is
 * the first part of the order, so the views sort apart. */
struct view_part {
	struct item *a, *b;
	size_t n;
	pthread_t tid;
	bool started;
};

static void *
sort_part(void *arg)
{
	struct view_part *p = arg;
	if (p->n > 1)
		sort_items(p->a, p->b, p->n, 0, 0);
	return NULL;
}

/* a[] grouped by view, in order of views (each group in record order):
 * part[v] says where */
static void
by_view(const struct sipdns_record *v, size_t n, struct item *a,
	struct item *b, struct view_part *part)
{
	size_t at[SIPDNS_VIEW_COUNT] = { 0 }, o = 0;
	for (size_t i = 0; i < n; i++)
		at[v[i].view]++;
	for (int k = 0; k < SIPDNS_VIEW_COUNT; k++) {
		part[k] = (struct view_part){ a + o, b + o, at[k], 0, false };
		size_t c = at[k];
		at[k] = o;
		o += c;
	}
	for (size_t i = 0; i < n; i++)
		a[at[v[i].view]++] = (struct item){ 0, &v[i] };
}

void
sipdns_recsort(struct sipdns_record *v, size_t n)
{
	if (n < 2)
		return;
	struct item *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b));
	if (a == NULL || b == NULL) {
		free(a);
		free(b);
		qsort(v, n, sizeof(*v), rec_qsort_cmp);  /* slower, no memory */
		return;
	}
	struct view_part part[SIPDNS_VIEW_COUNT];
	by_view(v, n, a, b, part);
	/* a thread for each view but the first, for sets large enough to
	 * pay for one (the first view sorts here) */
	for (int k = 1; k < SIPDNS_VIEW_COUNT; k++)
		part[k].started = part[k].n >= 4096 &&
			pthread_create(&part[k].tid, NULL, sort_part, &part[k]) == 0;
	for (int k = 0; k < SIPDNS_VIEW_COUNT; k++)
		if (!part[k].started)
			sort_part(&part[k]);
	for (int k = 1; k < SIPDNS_VIEW_COUNT; k++)
		if (part[k].started)
			pthread_join(part[k].tid, NULL);
	free(b);
	permute(v, n, a);
	free(a);
}
