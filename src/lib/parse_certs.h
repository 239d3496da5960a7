/* parse_certs.h -- the certificate keys of a topology (private to parse)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_CERTS_H
#define SIPDNS_PARSE_CERTS_H

#include "parse_value.h"

/* Read every 'certificate:' of the topology under root (pools[],
 * edge.internal, edge.access, edge.web_conferencing, reverse_proxy, cwa)
 * into the model that the rest of the walk has built; problems become
 * file:line:column errors. */
void sipdns_parse_certs(struct sipdns_parse_ctx *c,
			const struct sipdns_yamltree_node *root);

#endif
