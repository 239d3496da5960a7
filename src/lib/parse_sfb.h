/* parse_sfb.h -- the topology keys that only Skype for Business Server has
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_SFB_H
#define SIPDNS_PARSE_SFB_H

#include "parse_value.h"

struct sipdns_edge;

/* The top-level legacy_clients and ntp_server keys into c->t. */
void sipdns_parse_sfb(struct sipdns_parse_ctx *c,
		      const struct sipdns_yamltree_node *root);

/* The Edge's sip_record key (a or cname) into e. */
void sipdns_parse_sfb_edge(struct sipdns_parse_ctx *c,
			   const struct sipdns_yamltree_node *n,
			   struct sipdns_edge *e);

#endif
