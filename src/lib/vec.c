/* vec.c -- the one growable array
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define VEC_HUGE (4 * 1024 * 1024)

void
sipdns_mem_hugepages(void *p, size_t len)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2 * 1024 * 1024;
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t hi = ((uintptr_t)p + len) & ~(huge - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

bool
sipdns_vec_reserve(void *vp, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t nc = *cap ? *cap : 16;
	while (nc <= n) {
		if (nc > SIZE_MAX / 2)
			return false;
		nc *= 2;
	}
	if (size == 0 || nc > SIZE_MAX / size)
		return false;
	void *old;
	memcpy(&old, vp, sizeof(old));   /* vp is a T **, for any T */
	void *nv;
	if (nc * size < VEC_HUGE) {
		nv = realloc(old, nc * size);
		if (nv == NULL)
			return false;
	} else {
		/* a large array moves to a 2 MiB-aligned block offered for
		 * huge pages (realloc's mremap would keep it on 4 KiB pages) */
		nv = NULL;
		if (posix_memalign(&nv, VEC_HUGE / 2, nc * size) != 0)
			return false;
		sipdns_mem_hugepages(nv, nc * size);
		if (old != NULL)
			memcpy(nv, old, *cap * size);
		free(old);
	}
	memcpy(vp, &nv, sizeof(nv));
	*cap = nc;
	return true;
}

bool
sipdns_vec_reserve_bytes(char **buf, size_t *cap, size_t need)
{
	return need == 0 || sipdns_vec_reserve(buf, cap, need - 1, 1);
}
