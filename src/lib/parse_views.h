/* parse_views.h -- parse.c's views: zones, name servers, SOA defaults
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_VIEWS_H
#define SIPDNS_PARSE_VIEWS_H

#include "parse_value.h"

/* The views mapping v into c->t->views (internal, external or both), each
 * zone with its defaults, duplicates reported and dropped, split-brain
 * zones marked. Everything lives in c's arena. */
void sipdns_parse_views(struct sipdns_parse_ctx *c,
			const struct sipdns_yamltree_node *v);

/* Add the zones the product implies (its zones hook: pin-point zones)
 * to their views, with each view's name servers and SOA values; after
 * the whole topology is read. False: out of memory. */
bool sipdns_parse_views_imply(struct sipdns_parse_ctx *c);

#endif
