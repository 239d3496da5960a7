/* profile_lync2010.c -- Lync Server 2010: its records, checks and roles
 *
 * One place for the product's knowledge, as ../shared/reference/ocs-dns.md
 * §2 gives it: DNS load-balanced pools (the pool FQDN with one A per Front
 * End, the web services FQDN at the hardware load balancer), simple URLs
 * instead of Communicator Web Access, mobility's autodiscover names, the
 * sign-in SRV, the Edge and the reverse proxy. Each record names its fact
 * id (L10-*; T04 for mobility; §2 changes nothing for the other server
 * roles and the fallback names, which keep their earlier facts, such as
 * R2-I8). The rules it shares with Lync Server 2013 are in
 * profile_lync_common.c, called here with this product's fact ids.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include "diag.h"
#include "model.h"
#include "profile_lync2010_certs.h"
#include "profile_lync_common.h"

static const struct sipdns_lync_facts facts = {
	.title = "Lync Server 2010",
	.se = "L10-01", .pool = "L10-04", .dns_lb = "L10-03",
	.director = "L10-12", .sign_in = "L10-02", .tcp = "L10-13",
	.fallback = "S1.3-A", .sipexternal = "R2-E8", .device_update = "L10-04",
	.simple = "L10-07", .mobility = "T04", .edge = "L10-06",
	.edge_sip = "L10-09", .rp = "L10-11", .chat = "R2-I10", .server = "R2-I8",
};

static void
rules(const struct sipdns_topology *t, struct sipdns_recset *s,
      struct sipdns_diag *d)
{
	(void)d;
	struct sipdns_lync_ctx c = { .t = t, .s = s, .f = &facts,
				     .ttl = t->options.ttl_default,
				     .ttl_srv = t->options.ttl_srv };
	sipdns_lync_pools(&c);
	sipdns_lync_servers(&c);
	sipdns_lync_sign_in(&c);
	sipdns_lync_device_update(&c);
	sipdns_lync_simple_urls(&c);
	sipdns_lync_mobility(&c);
	sipdns_lync_edge(&c);
	sipdns_lync_reverse_proxy(&c);
	sipdns_lync_name_servers(&c);
	sipdns_lync_split_brain(&c);
}

/* A Lync Server 2010 pool in another product's topology (a migration):
 * its names with this product's facts, IPv4 only (L10-10). */
static void
pool(const struct sipdns_topology *t, const struct sipdns_pool *p,
     struct sipdns_recset *s)
{
	struct sipdns_lync_ctx c = { .t = t, .s = s, .f = &facts,
				     .ttl = t->options.ttl_default,
				     .ttl_srv = t->options.ttl_srv };
	sipdns_lync_pool(&c, p);
}

/* ---- checks of this product only ---------------------------------------- */

/* Lync Server 2010 is IPv4 only; dual-stack networks are fine (L10-10). */
static void
no_ipv6(const struct sipdns_addr *a, struct sipdns_diag *d)
{
	if (a->v6 != NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, a->loc6, "lync-ipv4-only",
			"Lync Server 2010 supports IPv4 only (L10-10): remove this ipv6; a dual-stack network is fine, but no AAAA record is published");
}

static void
pool_ipv6(const struct sipdns_pool *p, struct sipdns_diag *d)
{
	no_ipv6(&p->addr, d);
	no_ipv6(&p->web_farm.addr, d);
	for (size_t k = 0; k < p->n_front_ends; k++)
		no_ipv6(&p->front_ends[k].addr, d);
}

static void
check_ipv6(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++)
		if (!sipdns_profile_pool_foreign(t, &t->pools[i]))
			pool_ipv6(&t->pools[i], d);
	for (size_t i = 0; i < t->n_servers; i++)
		no_ipv6(&t->servers[i].host.addr, d);
	const struct sipdns_edge *e = &t->edge;
	no_ipv6(&e->internal.addr, d);
	for (size_t i = 0; i < e->n_servers; i++)
		no_ipv6(&e->servers[i].addr, d);
	no_ipv6(&e->access.addr, d);
	no_ipv6(&e->web_conferencing.addr, d);
	no_ipv6(&e->av.addr, d);
	no_ipv6(&t->reverse_proxy.addr, d);
}

static void
check(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	sipdns_lync_check_pools(t, &facts, d);
	sipdns_lync_check_cwa(t, &facts, d);
	sipdns_lync_check_simple_urls(t, &facts, d);
	sipdns_lync_check_mobility(t, &facts, d);
	check_ipv6(t, d);
	sipdns_lync_check_edge_pool(t, &facts, d);
	sipdns_lync_check_smtp(t, &facts, d);
}

/* A Lync Server 2010 pool in another product's topology. */
static void
pool_check(const struct sipdns_topology *t, const struct sipdns_pool *p,
	   struct sipdns_diag *d)
{
	(void)t;
	sipdns_lync_check_pool(p, &facts, d);
	pool_ipv6(p, d);
}

/* Internal roles that need one A record per server (as R2-I8, R2-I10). */
static const char *const server_roles[] = {
	"mediation", "av-conferencing", "archiving", "monitoring",
	"group-chat", "group-chat-compliance", NULL,
};

const struct sipdns_profile sipdns_profile_lync2010 = {
	.name = "lync2010",
	.title = "Lync Server 2010",
	.short_title = "Lync Server 2010",
	.rules = rules,
	.check = check,
	.server_roles = server_roles,
	.ipv4_required = true,   /* IPv4 only (L10-10) */
	.certs = sipdns_lync2010_certs,
	.lync_keys = true,
	.pool = pool,
	.pool_check = pool_check,
};
