/* vec.h -- the one growable array: room for one more element; and zeroed
 * tables for hashing
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

#endif
