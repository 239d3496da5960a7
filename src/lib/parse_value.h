/* parse_value.h -- parse.c's readers of single tree nodes (private to parse)
 *
 * Each reader checks one node of the tree from yamltree.h and turns it into
 * a model value; a problem becomes a diagnostic at that node and the reader
 * returns false or NULL, so the walk goes on. Strings returned live in the
 * context's arena (the topology's), never freed singly.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_VALUE_H
#define SIPDNS_PARSE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "yamltree.h"

struct sipdns_addr;
struct sipdns_arena;
struct sipdns_host;
struct sipdns_profile;
struct sipdns_topology;

struct sipdns_parse_ctx {
	struct sipdns_arena *arena;
	struct sipdns_diag *d;
	const char *file;
	struct sipdns_topology *t;
	/* whose policy reads the values: the product's profile, or the
	 * default one until the product is known or while it is not
	 * supported yet (sipdns_profile_policy) */
	const struct sipdns_profile *policy;
};

/* An error diagnostic at node n. */
void sipdns_parse_err(struct sipdns_parse_ctx *c,
		      const struct sipdns_yamltree_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* n is of kind k, else an error naming what. */
bool sipdns_parse_expect(struct sipdns_parse_ctx *c,
			 const struct sipdns_yamltree_node *n,
			 enum sipdns_yamltree_kind k, const char *what);
/* Report keys of mapping m not in allowed (NULL-terminated), with a
 * did-you-mean when one is close. */
void sipdns_parse_check_keys(struct sipdns_parse_ctx *c,
			     const struct sipdns_yamltree_node *m,
			     const char *const *allowed, const char *what);
/* *out = the value of key in m; false (and an error) when it is missing. */
bool sipdns_parse_require(struct sipdns_parse_ctx *c,
			  const struct sipdns_yamltree_node *m, const char *key,
			  const char *what,
			  const struct sipdns_yamltree_node **out);

/* Scalars: the text (NULL when not a scalar or holding a NUL), true/false,
 * a whole number in [min, max], a host name lower-cased without its
 * trailing dot (NULL when not a valid fully qualified name). */
const char *sipdns_parse_str(struct sipdns_parse_ctx *c,
			     const struct sipdns_yamltree_node *n,
			     const char *what);
/* The same text as it lies in the tree, not copied: valid while the tree
 * is (the parse only), for values that are checked or copied. */
const char *sipdns_parse_text(struct sipdns_parse_ctx *c,
			      const struct sipdns_yamltree_node *n,
			      const char *what);
bool sipdns_parse_bool(struct sipdns_parse_ctx *c,
		       const struct sipdns_yamltree_node *n, const char *what,
		       bool *out);
bool sipdns_parse_u32(struct sipdns_parse_ctx *c,
		      const struct sipdns_yamltree_node *n, const char *what,
		      uint32_t min, uint32_t max, uint32_t *out);
const char *sipdns_parse_fqdn(struct sipdns_parse_ctx *c,
			      const struct sipdns_yamltree_node *n,
			      const char *what);

/* m's IPv4 under key (required when required is set) and its 'ipv6', by
 * the context's policy. False when a problem was reported. */
bool sipdns_parse_addr(struct sipdns_parse_ctx *c,
		       const struct sipdns_yamltree_node *m, const char *key,
		       const char *what, bool required, struct sipdns_addr *a);
/* A host mapping: fqdn, address, ipv6 (or the keys given; with
 * "self_registered" among them, that key sets h->self_reg). */
bool sipdns_parse_host(struct sipdns_parse_ctx *c,
		       const struct sipdns_yamltree_node *n, const char *what,
		       const char *const *keys, bool addr_required,
		       struct sipdns_host *h);
/* A list of hosts (keys as sipdns_parse_host); *count of them were valid.
 * NULL on ENOMEM or when n is not a list. */
struct sipdns_host *sipdns_parse_hosts(struct sipdns_parse_ctx *c,
				       const struct sipdns_yamltree_node *n,
				       const char *what,
				       const char *const *keys, size_t *count);
/* The keys of a host that may register itself. */
extern const char *const sipdns_parse_host_keys_self_reg[];
/* Duplicate names: each entry's name, location and index. */
struct sipdns_parse_nameref {
	const char *name;
	struct sipdns_loc loc;
	size_t idx;
};

/* Report every later occurrence of a name (hashed, not comparing all
 * pairs: hosting topologies list 100,000 names), refs in their order. fmt takes the name, then
 * extra (or the first line, then extra, when extra is ""). Returns a
 * malloc'd flag per entry (the caller frees it), true for a duplicate;
 * NULL on ENOMEM. */
bool *sipdns_parse_find_dups(struct sipdns_parse_ctx *c,
			     struct sipdns_parse_nameref *refs, size_t n,
			     const char *fmt, const char *extra);
/* Keep the elements of v (n of them, each size bytes) not marked in drop,
 * in order; nothing happens when drop is NULL (out of memory). */
void sipdns_parse_drop_marked(void *v, size_t *n, size_t size,
			      const bool *drop);

#endif
