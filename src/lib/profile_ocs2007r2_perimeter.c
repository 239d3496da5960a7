/* profile_ocs2007r2_perimeter.c -- OCS 2007 R2: the Edge's own name
 * resolution
 *
 * The Edge should not ask the internal DNS (R2-I9, S07, L10-14): a DNS
 * server in the perimeter network holds A records for its internal next
 * hop (a Director, a Director VIP, or the pool) and its own internal names,
 * or each Edge server's HOSTS file does. The records built here are the
 * perimeter view's; the same names in the internal view carry
 * SIPDNS_REC_EDGE_RESOLVES, so `generate -f hosts` (render_hosts.c) finds
 * them there when the topology has no perimeter view.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile_ocs2007r2_perimeter.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "records.h"

#define PER SIPDNS_VIEW_PERIMETER

/* The pool the Edge forwards to, or NULL (no next_hop, or undefined:
 * check.c's undefined-target says so). */
static const struct sipdns_pool *
next_hop(const struct sipdns_topology *t)
{
	const struct sipdns_edge *e = &t->edge;
	if (!e->present || e->next_hop == NULL)
		return NULL;
	return sipdns_topology_pool(t, e->next_hop);
}

unsigned
sipdns_ocs2007r2_edge_flag(const struct sipdns_topology *t, const char *fqdn)
{
	const struct sipdns_pool *p = next_hop(t);
	return p != NULL && fqdn != NULL && strcmp(p->fqdn, fqdn) == 0
		? SIPDNS_REC_EDGE_RESOLVES : 0;
}

/* A, plus AAAA when dual stack, in the perimeter view. */
static void
host(struct sipdns_recset *s, const char *owner, const struct sipdns_addr *a,
     uint32_t ttl, const char *fact, const char *reason)
{
	if (owner == NULL || a == NULL || a->v4 == NULL)
		return;
	sipdns_recset_add_a(s, PER, owner, a->v4, ttl, fact, a->loc,
			    SIPDNS_REC_EDGE_RESOLVES, "%s", reason);
	if (a->v6 != NULL)
		sipdns_recset_add_aaaa(s, PER, owner, a->v6, ttl, fact, a->loc6,
				       SIPDNS_REC_EDGE_RESOLVES, "%s", reason);
}

void
sipdns_ocs2007r2_perimeter(const struct sipdns_topology *t,
			   struct sipdns_recset *s, uint32_t ttl)
{
	const struct sipdns_edge *e = &t->edge;
	if (!t->views[PER].present || !e->present)
		return;
	const struct sipdns_pool *p = next_hop(t);
	if (p != NULL) {
		char reason[300];
		snprintf(reason, sizeof(reason),
			 "internal next hop of the Edge (%s%s), asked by the Edge itself",
			 p->role == SIPDNS_ROLE_DIRECTOR ? "Director" : "pool",
			 p->edition == SIPDNS_ENTERPRISE && p->has_addr
				 ? " at its load balancer VIP" : "");
		host(s, p->fqdn, sipdns_pool_address(p), ttl, "R2-P1", reason);
	}
	host(s, e->internal.fqdn, &e->internal.addr, ttl, "R2-P2",
	     e->n_servers > 1
		     ? "Edge internal interface (array VIP), asked by the Edge itself"
		     : "Edge internal interface, asked by the Edge itself");
	for (size_t i = 0; i < e->n_servers; i++)
		host(s, e->servers[i].fqdn, &e->servers[i].addr, ttl, "R2-P2",
		     "Edge array member, internal interface, asked by the Edge itself");
}

void
sipdns_ocs2007r2_perimeter_check(const struct sipdns_topology *t,
				 struct sipdns_diag *d)
{
	const struct sipdns_view *v = &t->views[PER];
	const struct sipdns_edge *e = &t->edge;
	if (!v->present)
		return;   /* HOSTS files or no Edge: nothing to say (README) */
	if (!e->present)
		sipdns_diag_add(d, SIPDNS_WARNING, v->loc, "perimeter-no-edge",
			"the perimeter view is the DNS server the Edge asks, but the topology has no edge: describe the Edge under edge:, or remove views: perimeter (R2-P1)");
	else if (e->next_hop == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, e->loc, "perimeter-next-hop",
			"the perimeter view must hold the Edge's internal next hop (R2-P1), but edge has no next_hop: set edge: next_hop: to the Director or pool the Access Edge forwards to");
}
