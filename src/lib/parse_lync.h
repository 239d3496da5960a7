/* parse_lync.h -- parse.c's keys that only Lync Server has
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_LYNC_H
#define SIPDNS_PARSE_LYNC_H

#include "parse_value.h"

struct sipdns_edge;
struct sipdns_pool;

/* A pool's load_balancing key (dns or hardware) into p. */
void sipdns_parse_lync_pool(struct sipdns_parse_ctx *c,
			    const struct sipdns_yamltree_node *n,
			    struct sipdns_pool *p);

/* The top-level simple_urls and mobility keys into c->t. */
void sipdns_parse_lync(struct sipdns_parse_ctx *c,
		       const struct sipdns_yamltree_node *root);

/* The Edge's load_balancing key (dns or hardware) into e. */
void sipdns_parse_lync_edge(struct sipdns_parse_ctx *c,
			    const struct sipdns_yamltree_node *n,
			    struct sipdns_edge *e);
/* edge servers: the members, each with its internal fqdn and address
 * and, for products with Lync keys, its external per-role addresses
 * (access, web_conferencing, av). */
void sipdns_parse_lync_edge_servers(struct sipdns_parse_ctx *c,
				    const struct sipdns_yamltree_node *v,
				    struct sipdns_edge *e);

#endif
