/* mem.h -- memory on huge pages: large blocks, and the process's heap
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_MEM_H
#define SIPDNS_MEM_H

#include <stddef.h>

/* Blocks of this size and more are offered for huge pages. */
#define SIPDNS_HUGE_BLOCK ((size_t)4 * 1024 * 1024)

/* Offer the 2 MiB-aligned part of [p, p+len) to the kernel for transparent
 * huge pages (madvise MADV_HUGEPAGE; a hint, ignored where THP is off, as
 * /sys/kernel/mm/transparent_hugepage/enabled says). Arena chunks and
 * arrays of several MiB use it: at 100,000 SIP domains some 300 MB are
 * written once, and on 4 KiB pages their first touch costs more than the
 * work (issue 13, README Benchmarks). */
void sipdns_mem_hugepages(void *p, size_t len);

#endif
