/* rules.h -- the record rules every product shares, with each product's
 * fact ids: host records, name servers, split-brain copies, the Access
 * Edge's names and SRV records. A profile (profile_PRODUCT.c) calls
 * these; a second copy of one of them in a profile is a bug.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_RULES_H
#define SIPDNS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "records.h"

/* What a profile's rules work on. */
struct sipdns_rules_ctx {
	const struct sipdns_topology *t;
	struct sipdns_recset *s;
	uint32_t ttl, ttl_srv;
};

/* A for an IPv4 address, AAAA for an IPv6 one (a product whose hosts
 * need IPv4 refuses IPv6-only ones in its checks); at (NULL: the address's own
 * place) is the topology value the records come from. */
void sipdns_rules_host_at(struct sipdns_rules_ctx *c, enum sipdns_view_id v,
			  const char *owner, const struct sipdns_addr *a,
			  const struct sipdns_loc *at, const char *fact,
			  unsigned flags, const char *reason);
/* The same, from the address's own place. */
void sipdns_rules_host(struct sipdns_rules_ctx *c, enum sipdns_view_id v,
		       const char *owner, const struct sipdns_addr *a,
		       const char *fact, unsigned flags, const char *reason);

/* The record flag of a host that registers itself unless the topology
 * says otherwise (by_default) or only when it says so. */
unsigned sipdns_rules_self_reg(const struct sipdns_host *h, bool by_default);

/* a then b into buf, cut to fit as snprintf "%s%s" would: per SIP domain
 * names at a fraction of snprintf's cost */
void sipdns_rules_join(char *buf, size_t size, const char *a, const char *b);

/* The servers: list, an A each (Group Chat and Persistent Chat servers
 * with chat_fact, the others with server_fact), self-registered only when
 * the topology says so. */
void sipdns_rules_servers(struct sipdns_rules_ctx *c, const char *server_fact,
			  const char *chat_fact);

/* Name servers inside their own zone need address records (RFC 1035). */
void sipdns_rules_name_servers(struct sipdns_rules_ctx *c);

/* Split-brain (§6, F04, E13): the external records flagged
 * SIPDNS_REC_SPLIT_COPY, copied into the internal view where the same
 * zone is in both and the internal view lacks the name (fact S6). */
void sipdns_rules_split_brain(struct sipdns_rules_ctx *c);

/* The Access Edge's fact ids in a product's reference. */
struct sipdns_rules_edge_facts {
	const char *external;     /* its external FQDN */
	const char *sip_name;     /* sip.<sip domain> */
	const char *remote_srv;   /* _sip._tls.<sip> 443 */
	const char *fed_srv;      /* _sipfederationtls._tcp.<sip> 5061 */
	const char *sipexternal;  /* the optional sipexternal.<sip> */
};

/* The Access Edge acc: its external FQDN, then per SIP domain sip.<sip>
 * and the SRV records remote access and federation need (the SRV domain
 * must match the certificate name sip.<sip>: S07/S09), and the optional
 * sipexternal fallback name. */
void sipdns_rules_access_edge(struct sipdns_rules_ctx *c,
			      const struct sipdns_edge_service *acc,
			      const struct sipdns_rules_edge_facts *f);

/* The same for the Access Edge of Edge e: with e->dns_lb one A per
 * member at its access address, and with e->sip_cname sip.<sip> a CNAME
 * to the Access Edge FQDN and the SRVs at that FQDN (F01, E14). */
void sipdns_rules_access_edge_pool(struct sipdns_rules_ctx *c,
				   const struct sipdns_edge *e,
				   const struct sipdns_rules_edge_facts *f);
/* An external A for Edge service svc at owner: at its address, or with
 * e DNS load balanced at each member's address of the role found at
 * offset in struct sipdns_edge_roles (offsetof). */
void sipdns_rules_edge_service(struct sipdns_rules_ctx *c,
			       const struct sipdns_edge *e,
			       const struct sipdns_edge_service *svc,
			       size_t offset, const char *owner,
			       const char *fact, unsigned flags,
			       const char *reason);

#endif
