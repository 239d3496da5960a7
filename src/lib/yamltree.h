/* yamltree.h -- libyaml events to a tree of nodes that keep their positions
 *
 * The one module that sees libyaml; nothing here names a libyaml type. The
 * tree resolves anchors and aliases, rejects duplicate keys, merge keys,
 * tags and a second document, and enforces the limits below. Nodes and
 * their strings live in the arena handed in and are freed with it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_YAMLTREE_H
#define SIPDNS_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

struct sipdns_arena;

/* Built-in limits against hostile input. */
#define SIPDNS_MAX_DEPTH       64
#define SIPDNS_MAX_NODES       4000000u
#define SIPDNS_MAX_ALIAS_NODES 100000u   /* nodes reached through aliases */

enum sipdns_yamltree_kind {
	SIPDNS_YAMLTREE_SCALAR,
	SIPDNS_YAMLTREE_SEQ,
	SIPDNS_YAMLTREE_MAP,
};

/* One node; read-only for everyone but the builder. An alias is the node
 * of its anchor, so a node may be reached from several parents. */
struct sipdns_yamltree_node {
	enum sipdns_yamltree_kind kind;
	bool open;              /* builder: still being built (alias = cycle) */
	bool plain;             /* plain scalar (unquoted) */
	struct sipdns_loc loc;  /* line and column count from 1 */
	const char *s;          /* scalar text, NUL-terminated */
	size_t len;             /* scalar length (s may hold a NUL before it) */
	struct sipdns_yamltree_node **items; /* seq: items; map: key, value... */
	size_t n;               /* seq: items; map: pairs */
	size_t weight;          /* builder: subtree nodes, aliases expanded */
};

/* Build the tree of the one YAML document in buf (len bytes, need not be
 * NUL-terminated). file names the input in every location and must outlive
 * the tree and d. On SIPDNS_OK *root is the document's root node, or NULL
 * for an empty stream. Otherwise SIPDNS_EINPUT: every problem (syntax with
 * its position, limits, out of memory) is a diagnostic in d and *root is
 * untouched. */
enum sipdns_status sipdns_yamltree_build(struct sipdns_arena *arena,
					 const char *buf, size_t len,
					 const char *file,
					 struct sipdns_diag *d,
					 const struct sipdns_yamltree_node **root);

/* The value of key in mapping m (first match), or NULL. */
const struct sipdns_yamltree_node *
sipdns_yamltree_map_get(const struct sipdns_yamltree_node *m, const char *key);

/* The key and the value of pair i of mapping m (i < m->n). */
const struct sipdns_yamltree_node *
sipdns_yamltree_map_key(const struct sipdns_yamltree_node *m, size_t i);
const struct sipdns_yamltree_node *
sipdns_yamltree_map_value(const struct sipdns_yamltree_node *m, size_t i);

#endif
