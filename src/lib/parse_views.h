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

#endif
