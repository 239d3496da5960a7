/* vec.h -- the one growable array: room for one more element; zeroed
 * tables for hashing; large blocks offered for huge pages
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_VEC_H
#define SIPDNS_VEC_H

#include <stdbool.h>
#include <stddef.h>

/* Make room for element n of the array *vp (a pointer to the array's
 * pointer, of *cap elements of size bytes each), doubling its capacity
 * from 16. On failure (out of memory, or a size that overflows) the array
 * and *cap are unchanged and false is returned. */
bool sipdns_vec_reserve(void *vp, size_t *cap, size_t n, size_t size);

/* The same for a byte buffer that must hold need bytes in all. */
bool sipdns_vec_reserve_bytes(char **buf, size_t *cap, size_t need);

/* n zeroed elements of size bytes, or NULL (out of memory, overflow).
 * For hash tables probed before they are written: calloc's large blocks
 * are fresh mappings whose first read maps the shared zero page, and the
 * first write then faults again and flushes the TLB of every thread;
 * written here first, each page faults once. */
void *sipdns_zalloc(size_t n, size_t size);

/* Offer the 2 MiB-aligned part of [p, p+len) to the kernel for transparent
 * huge pages (madvise MADV_HUGEPAGE; a hint, ignored where THP is off, as
 * /sys/kernel/mm/transparent_hugepage/enabled says). Arena chunks and
 * arrays of several MiB use it: at 100,000 SIP domains some 300 MB are
 * written once, and on 4 KiB pages their first touch costs more than the
 * work (issue 13, README Benchmarks). */
void sipdns_mem_hugepages(void *p, size_t len);

#endif
