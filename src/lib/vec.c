/* vec.c -- the one growable array, and zeroed tables (see vec.h)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

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
	if (nc * size < SIPDNS_HUGE_BLOCK) {
		nv = realloc(old, nc * size);
		if (nv == NULL)
			return false;
	} else {
		/* a large array moves to a block offered for huge pages
		 * before the copy touches it (realloc would copy into 4 KiB
		 * pages, or keep them); not aligned, as arena.c says why */
		if ((nv = malloc(nc * size)) == NULL)
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

void *
sipdns_zalloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	size_t len = n * size;
	void *p = malloc(len != 0 ? len : 1);
	if (p != NULL && len >= SIPDNS_HUGE_BLOCK)
		sipdns_mem_hugepages(p, len);
	if (p != NULL)
		memset(p, 0, len);
	return p;
}
