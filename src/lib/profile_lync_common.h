/* profile_lync_common.h -- the records and checks Lync Server 2010 and
 * 2013 share (reference §2 and §3), with each product's fact ids
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_LYNC_COMMON_H
#define SIPDNS_PROFILE_LYNC_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

struct sipdns_diag;
struct sipdns_recset;

/* The fact id each shared record or check names, per product. */
struct sipdns_lync_facts {
	const char *title;        /* "Lync Server 2010" in messages */
	const char *se, *pool, *dns_lb, *director;
	const char *sign_in, *tcp, *fallback, *sipexternal;
	const char *device_update, *simple, *mobility;
	const char *edge, *edge_sip, *rp;
	const char *chat, *server;
	const char *xmpp, *owa, *external_web;   /* Lync Server 2013 on */
};

struct sipdns_lync_ctx {
	const struct sipdns_topology *t;
	struct sipdns_recset *s;
	uint32_t ttl, ttl_srv;
	const struct sipdns_lync_facts *f;
	bool ipv6;                /* AAAA for a host's ipv6 (Lync 2013 on) */
};

/* An A record at a's IPv4 (and, with c->ipv6, an AAAA at its IPv6). */
void sipdns_lync_host(struct sipdns_lync_ctx *c, enum sipdns_view_id v,
		      const char *owner, const struct sipdns_addr *a,
		      const char *fact, unsigned flags, const char *reason);
/* The same, from the topology value at loc (a name at another's address). */
void sipdns_lync_host_at(struct sipdns_lync_ctx *c, enum sipdns_view_id v,
			 const char *owner, const struct sipdns_addr *a,
			 struct sipdns_loc loc, const char *fact, unsigned flags,
			 const char *reason);
/* A pool's internal web services address: its web_farm's, else the
 * pool's; NULL for a DNS load-balanced pool without one. */
const struct sipdns_addr *sipdns_lync_web_address(const struct sipdns_pool *p);
/* The pool named, else the automatic sign-in pool. */
const struct sipdns_pool *sipdns_lync_serving_pool(const struct sipdns_topology *t,
						   const char *name);

/* A name at pool p's address, or at each Front End's when it is DNS
 * load balanced. */
void sipdns_lync_at_pool(struct sipdns_lync_ctx *c, const struct sipdns_pool *p,
			 const char *owner, const char *fact, const char *why);

/* The shared record rules, in the order a profile calls them;
 * sipdns_lync_pools hands a pool of another product (a migration) to
 * that product's pool hook, which calls sipdns_lync_pool with its own
 * facts. */
void sipdns_lync_pools(struct sipdns_lync_ctx *c);
void sipdns_lync_pool(struct sipdns_lync_ctx *c, const struct sipdns_pool *p);
void sipdns_lync_servers(struct sipdns_lync_ctx *c);
void sipdns_lync_sign_in(struct sipdns_lync_ctx *c);
void sipdns_lync_device_update(struct sipdns_lync_ctx *c);
void sipdns_lync_simple_urls(struct sipdns_lync_ctx *c);
void sipdns_lync_mobility(struct sipdns_lync_ctx *c);
void sipdns_lync_edge(struct sipdns_lync_ctx *c);
void sipdns_lync_reverse_proxy(struct sipdns_lync_ctx *c);
void sipdns_lync_name_servers(struct sipdns_lync_ctx *c);
void sipdns_lync_split_brain(struct sipdns_lync_ctx *c);
/* From Lync Server 2013 on: XMPP federation, each pool's external web
 * services at the reverse proxy, the Office Web Apps farm. */
void sipdns_lync_xmpp(struct sipdns_lync_ctx *c);
void sipdns_lync_external_web(struct sipdns_lync_ctx *c);
void sipdns_lync_office_web_apps(struct sipdns_lync_ctx *c);
/* The XMPP proxy's address: its own, else the Access Edge's; NULL:
 * none. */
const struct sipdns_addr *
sipdns_lync_xmpp_address(const struct sipdns_topology *t);

/* The shared checks: pools (load balancing), no CWA, simple URLs,
 * mobility, smtp_domains. */
void sipdns_lync_check_pools(const struct sipdns_topology *t,
			     const struct sipdns_lync_facts *f,
			     struct sipdns_diag *d);
/* One pool's load balancing checks (a migration's pool hook). */
void sipdns_lync_check_pool(const struct sipdns_pool *p,
			    const struct sipdns_lync_facts *f,
			    struct sipdns_diag *d);
void sipdns_lync_check_cwa(const struct sipdns_topology *t,
			   const struct sipdns_lync_facts *f,
			   struct sipdns_diag *d);
void sipdns_lync_check_simple_urls(const struct sipdns_topology *t,
				   const struct sipdns_lync_facts *f,
				   struct sipdns_diag *d);
void sipdns_lync_check_mobility(const struct sipdns_topology *t,
				const struct sipdns_lync_facts *f,
				struct sipdns_diag *d);
/* A DNS load-balanced Edge pool: members, no addresses of its own, a
 * per-role address for each member (L10-03, F03). */
void sipdns_lync_check_edge_pool(const struct sipdns_topology *t,
				 const struct sipdns_lync_facts *f,
				 struct sipdns_diag *d);
void sipdns_lync_check_smtp(const struct sipdns_topology *t,
			    const struct sipdns_lync_facts *f,
			    struct sipdns_diag *d);

/* The checks from Lync Server 2013 on: the XMPP SRV's target in each SIP
 * domain (L13-01), Directors' external web services (L13-05), the XMPP
 * proxy's address (L13-04), one IPv6 scope per pool (L13-12). */
void sipdns_lync_check_2013(const struct sipdns_topology *t,
			    struct sipdns_diag *d);
/* Its per-pool part, for one pool (Directors' external web services,
 * one IPv6 scope). */
void sipdns_lync_check_pool_2013(const struct sipdns_topology *t,
				 const struct sipdns_pool *p,
				 struct sipdns_diag *d);

#endif
