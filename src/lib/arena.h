/* arena.h -- region allocator for everything built from one topology
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ARENA_H
#define SIPDNS_ARENA_H

#include <stddef.h>

struct sipdns_arena;

/* Create an empty arena; NULL when out of memory. */
struct sipdns_arena *sipdns_arena_create(void);
/* Free the arena and everything allocated from it; accepts NULL. */
void sipdns_arena_destroy(struct sipdns_arena *a);
/* Zeroed, max-aligned memory that lives as long as the arena; NULL on ENOMEM. */
void *sipdns_arena_alloc(struct sipdns_arena *a, size_t size);
/* The same, not zeroed: for blocks whose every byte the caller writes. */
void *sipdns_arena_alloc_uninit(struct sipdns_arena *a, size_t size);
/* n bytes, not zeroed, byte-aligned: for text the caller writes. */
char *sipdns_arena_bytes(struct sipdns_arena *a, size_t n);
/* Copies of strings (byte-aligned) into the arena; NULL on ENOMEM. */
char *sipdns_arena_strdup(struct sipdns_arena *a, const char *s);
char *sipdns_arena_strndup(struct sipdns_arena *a, const char *s, size_t n);
/* printf into the arena; NULL on ENOMEM. */
char *sipdns_arena_printf(struct sipdns_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for limits and benchmarks). */
size_t sipdns_arena_used(const struct sipdns_arena *a);

#endif
