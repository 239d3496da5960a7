/* arena.c -- region allocator for everything built from one topology
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Chunks start at 64 KiB and double up to 4 MiB; those of 2 MiB or more
 * are offered for transparent huge pages (sipdns_mem_hugepages): a
 * topology of 100,000 SIP domains holds some 300 MB here, written once,
 * and a 4 KiB page's first touch costs more than the work done in it
 * (issue 13, README Benchmarks). */
#define ARENA_CHUNK (64 * 1024)
#define ARENA_CHUNK_MAX (4 * 1024 * 1024)
#define ARENA_HUGE (2 * 1024 * 1024)

struct chunk {
	struct chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct sipdns_arena {
	struct chunk *head;
	size_t total;
	size_t next_chunk;           /* size of the next regular chunk */
};

struct sipdns_arena *
sipdns_arena_create(void)
{
	struct sipdns_arena *a = calloc(1, sizeof(struct sipdns_arena));
	if (a != NULL)
		a->next_chunk = ARENA_CHUNK;
	return a;
}

/* A chunk whose data holds csize bytes; its whole 2 MiB blocks offered
 * for huge pages when it is large. Not aligned: an aligned block leaves
 * free pieces before and after it, and the headers malloc writes there
 * would each take a huge page of their own (on the heap that main
 * offers for huge pages, sipdns_process_memory, 100 MB more at 100,000
 * SIP domains). */
static struct chunk *
chunk_new(size_t csize)
{
	size_t total = sizeof(struct chunk) + csize;
	struct chunk *c = malloc(total);
	if (c != NULL && total >= ARENA_HUGE)
		sipdns_mem_hugepages(c, total);
	if (c != NULL)
		c->size = csize;
	return c;
}

void
sipdns_arena_destroy(struct sipdns_arena *a)
{
	if (a == NULL)
		return;
	struct chunk *c = a->head;
	while (c != NULL) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	free(a);
}

/* Uninitialised memory at the given alignment (a power of two): strings
 * take 1, as they are written whole at once and read byte by byte (at 16,
 * 600,000 records' owners, keys and reasons wasted some 20 bytes each). */
static void *
alloc_raw(struct sipdns_arena *a, size_t size, size_t align)
{
	struct chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (size == 0)
		size = 1;
	if (c == NULL || at > c->size || c->size - at < size) {
		/* a regular chunk is next_chunk bytes with its header: a
		 * whole number of huge pages once it is 2 MiB or more */
		size_t regular = a->next_chunk - sizeof(struct chunk);
		size_t csize = size > regular ? size : regular;
		c = chunk_new(csize);
		if (c == NULL)
			return NULL;
		if (csize == regular && a->next_chunk < ARENA_CHUNK_MAX)
			a->next_chunk *= 2;
		c->used = 0;
		at = 0;
		/* a large one-off block goes behind the current chunk, so the
		 * current chunk keeps serving small requests */
		if (a->head != NULL && csize > a->next_chunk - sizeof(struct chunk)) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + at;
	a->total += at + size - c->used;
	c->used = at + size;
	return p;
}

char *
sipdns_arena_bytes(struct sipdns_arena *a, size_t n)
{
	return alloc_raw(a, n, 1);
}

void *
sipdns_arena_alloc_uninit(struct sipdns_arena *a, size_t size)
{
	return alloc_raw(a, size, alignof(max_align_t));
}

void *
sipdns_arena_alloc(struct sipdns_arena *a, size_t size)
{
	void *p = alloc_raw(a, size, alignof(max_align_t));
	if (p != NULL)
		memset(p, 0, size);
	return p;
}

char *
sipdns_arena_strndup(struct sipdns_arena *a, const char *s, size_t n)
{
	char *p = alloc_raw(a, n + 1, 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sipdns_arena_strdup(struct sipdns_arena *a, const char *s)
{
	return sipdns_arena_strndup(a, s, strlen(s));
}

char *
sipdns_arena_printf(struct sipdns_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = alloc_raw(a, (size_t)n + 1, 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t
sipdns_arena_used(const struct sipdns_arena *a)
{
	return a->total;
}
