/* parse_coexist.h -- a pool's own product during a migration
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_COEXIST_H
#define SIPDNS_PARSE_COEXIST_H

#include "parse_value.h"

struct sipdns_pool;

/* A pool's product key into p->product: another supported product, one
 * the topology's product may coexist with (profile.h coexist). */
void sipdns_parse_pool_product(struct sipdns_parse_ctx *c,
			       const struct sipdns_yamltree_node *n,
			       struct sipdns_pool *p);

#endif
