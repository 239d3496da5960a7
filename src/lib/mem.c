/* mem.c -- memory on huge pages: large blocks, and the process's heap
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "mem.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sipdns.h"

#define HUGE_PAGE ((uintptr_t)2 * 1024 * 1024)

/* A sanitizer's malloc poisons and quarantines the 600 MiB that
 * sipdns_process_memory takes and frees, in every process (the test
 * suite's sanitized runs took minutes more), and keeps no brk heap. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

void
sipdns_mem_hugepages(void *p, size_t len)
{
#ifdef MADV_HUGEPAGE
	uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t hi = ((uintptr_t)p + len) & ~(HUGE_PAGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

/* Is address space kept for later charged, used or not: a limit on the
 * process's address space or data (ulimit -v, -d), or the kernel's strict
 * overcommit (vm.overcommit_memory 2)? */
static bool
address_space_charged(void)
{
	struct rlimit rl;
	if ((getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) ||
	    (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY))
		return true;
	FILE *fp = fopen("/proc/sys/vm/overcommit_memory", "re");
	int mode = 0;
	if (fp != NULL) {
		if (fscanf(fp, "%d", &mode) != 1)
			mode = 0;
		fclose(fp);
	}
	return mode == 2;
}

void
sipdns_process_memory(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_MMAP_MAX)
	/* Memory freed stays in the process for what comes next: the YAML
	 * tree, freed once walked, holds the records after it. Blocks of
	 * several MiB were mappings of their own, given back at free and
	 * taken anew, and on a VM each fresh page costs the host a fault and
	 * a zeroing (verify at 100,000 domains: 162,700 page faults, 145,800
	 * with this). */
	const size_t heap = (size_t)600 * 1024 * 1024;
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, (int)(heap + heap / 2));
	if (address_space_charged() || SANITIZED)
		return;
	/* The small blocks (ldns's answers, the YAML's tokens, c-ares's
	 * queries) come from the heap, which the kernel grows on 4 KiB
	 * pages: verify at 100,000 domains took 23,900 first touches there,
	 * some 10 us each on a VM. The heap is grown once by 600 MiB of
	 * address space, offered for huge pages and handed back to malloc,
	 * which keeps it (the trim threshold above): malloc then fills it
	 * from its start, 2 MiB at a time. Nothing is touched here, and
	 * nothing is done where address space is charged (above); where
	 * malloc does not grow its heap with brk (valgrind, sanitizers) the
	 * heap does not move and nothing is offered. */
	char *lo = sbrk(0);
	mallopt(M_MMAP_MAX, 0);
	void *p = malloc(heap);
	mallopt(M_MMAP_MAX, 65536);   /* glibc's default */
	char *hi = sbrk(0);
	free(p);
	if (p != NULL && lo != (char *)-1 && hi != (char *)-1 && hi > lo &&
	    (size_t)(hi - lo) >= heap)
		sipdns_mem_hugepages(lo, (size_t)(hi - lo));
#endif
}
