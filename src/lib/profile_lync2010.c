/* profile_lync2010.c -- Lync Server 2010: its records, checks and roles
 *
 * One place for the product's knowledge, as ../shared/reference/ocs-dns.md
 * §2 gives it: DNS load-balanced pools (the pool FQDN with one A per Front
 * End, the web services FQDN at the hardware load balancer), simple URLs
 * instead of Communicator Web Access, mobility's autodiscover names, the
 * sign-in SRV, the Edge and the reverse proxy. Each record names its fact
 * id (L10-*; T04 for mobility; §2 changes nothing for the other server
 * roles and the fallback names, which keep their earlier facts, such as
 * R2-I8).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "profile_lync2010_certs.h"
#include "records.h"
#include "rules.h"
#include "zones.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

/* the shared rules (rules.h) under the short names this file uses */
#define ctx sipdns_rules_ctx
#define host(...) sipdns_rules_host(__VA_ARGS__)
#define host_at(...) sipdns_rules_host_at(__VA_ARGS__)
#define join(...) sipdns_rules_join(__VA_ARGS__)
#define self_reg(...) sipdns_rules_self_reg(__VA_ARGS__)

/* L10-06 the Access Edge and its SRV records, L10-09 sip.<sip> */
static const struct sipdns_rules_edge_facts edge_facts = {
	"L10-06", "L10-09", "L10-06", "L10-06"
};

/* The address of a pool's internal web services: its web_farm's (the
 * hardware load balancer VIP), else the pool's; NULL for a DNS
 * load-balanced pool without one (the check says so). */
static const struct sipdns_addr *
web_address(const struct sipdns_pool *p)
{
	if (p->web_farm.addr.v4 != NULL)
		return &p->web_farm.addr;
	return p->dns_lb ? NULL : sipdns_pool_address(p);
}

/* The pool named by a simple_urls or mobility 'pool' key, else the
 * automatic sign-in pool. */
static const struct sipdns_pool *
serving_pool(const struct sipdns_topology *t, const char *name)
{
	return name ? sipdns_topology_pool(t, name) : sipdns_topology_sign_in(t);
}

/* The pool FQDN: at the VIP (hardware load balancing), at its one Front
 * End, or one A per Front End (DNS load balancing, L10-03). */
static void
pool_name(struct ctx *c, const struct sipdns_pool *p, bool dir)
{
	char reason[300];
	const char *what = dir ? "Director pool" : "Front End pool";
	if (p->dns_lb) {
		snprintf(reason, sizeof(reason),
			 "%s, DNS load balanced: one address per member", what);
		for (size_t k = 0; k < p->n_front_ends; k++)
			host(c, IN, p->fqdn, &p->front_ends[k].addr,
			     dir ? "L10-12" : "L10-03", SIPDNS_REC_DNS_LB, reason);
		return;
	}
	snprintf(reason, sizeof(reason), "%s %s", what,
		 p->has_addr ? "at its hardware load balancer VIP"
			     : "of one Front End, at that server");
	host(c, IN, p->fqdn, sipdns_pool_address(p), dir ? "L10-12" : "L10-04",
	     0, reason);
}

static void
pools(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	char reason[300];
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		bool dir = p->role == SIPDNS_ROLE_DIRECTOR;
		if (p->edition == SIPDNS_STANDARD) {
			snprintf(reason, sizeof(reason), "Standard Edition %s",
				 dir ? "Director" : "server");
			host(c, IN, p->fqdn, &p->addr, dir ? "L10-12" : "L10-01",
			     p->self_registered ? SIPDNS_REC_SELF_REGISTERED : 0,
			     reason);
		} else {
			pool_name(c, p, dir);
			for (size_t k = 0; k < p->n_front_ends; k++) {
				snprintf(reason, sizeof(reason), "%s of pool %s",
					 dir ? "Director" : "Front End", p->fqdn);
				host(c, IN, p->front_ends[k].fqdn,
				     &p->front_ends[k].addr, dir ? "L10-12" : "L10-04",
				     self_reg(&p->front_ends[k], true), reason);
			}
		}
		if (p->web_farm.fqdn == NULL || strcmp(p->web_farm.fqdn, p->fqdn) == 0)
			continue;
		snprintf(reason, sizeof(reason),
			 "internal web services FQDN of %s (HTTP: hardware load balancer)",
			 p->fqdn);
		host(c, IN, p->web_farm.fqdn, web_address(p), "L10-04", 0, reason);
	}
}

/* A fallback name at the sign-in pool: its address, or each Front End's
 * when it is DNS load balanced. */
static void
fallback(struct ctx *c, const struct sipdns_pool *p, const char *owner)
{
	static const char why[] = "client sign-in fallback name (no SRV found)";
	if (!p->dns_lb) {
		host(c, IN, owner, sipdns_pool_address(p), "S1.3-A", 0, why);
		return;
	}
	for (size_t k = 0; k < p->n_front_ends; k++)
		host(c, IN, owner, &p->front_ends[k].addr, "S1.3-A",
		     SIPDNS_REC_DNS_LB, why);
}

/* _sipinternaltls._tcp.<sip> 5061 per SIP domain (L10-02), and
 * _sipinternal._tcp 5060 when TCP is allowed: Lync Phone Edition asks
 * it after TLS (L10-13). The fallback names keep R2's fact. */
static void
sign_in(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_pool *p = sipdns_topology_sign_in(t);
	if (p == NULL)
		return;
	const struct sipdns_options *o = &t->options;
	static const char *const pre[2] = { "_sipinternaltls._tcp.", "_sipinternal._tcp." };
	static const uint16_t port[2] = { 5061, 5060 };
	static const char *const fact[2] = { "L10-02", "L10-13" };
	static const char *const why[2] = {
		"automatic sign-in (TLS) for SIP domain %s",
		"Lync Phone Edition sign-in over TCP (TCP allowed) for SIP domain %s" };
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		for (int k = 0; k < (o->tcp_allowed ? 2 : 1); k++) {
			join(owner, sizeof(owner), pre[k], sip);
			sipdns_recset_add_srv(c->s, IN, owner, o->srv_priority,
					      o->srv_weight, port[k], p->fqdn,
					      c->ttl_srv, fact[k],
					      t->sip_domains[i].loc, why[k], sip);
		}
		if (!o->fallback_names)
			continue;
		static const char *const fb[] = { "sipinternal.", "sip." };
		for (size_t k = 0; k < 2; k++) {
			join(owner, sizeof(owner), fb[k], sip);
			fallback(c, p, owner);
		}
	}
}

/* ucupdates-r2.<sip> (L10-04) at the Device Update pool's web services,
 * for each SIP domain or the listed domains. */
static void
device_update(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_pool *du = t->device_update
		? sipdns_topology_pool(t, t->device_update) : NULL;
	if (du == NULL)
		return;
	const struct sipdns_sip_domain *list = t->device_update_domains
		? t->device_update_domains : t->sip_domains;
	size_t n = t->device_update_domains ? t->n_device_update_domains
					    : t->n_sip_domains;
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < n; i++) {
		join(owner, sizeof(owner), "ucupdates-r2.", list[i].name);
		host(c, IN, owner, web_address(du), "L10-04", 0,
		     "Device Update web service discovery for devices not yet signed in");
	}
}

/* Simple URLs (L10-07): an A for each host name at the serving pool's
 * internal web services; meet and dial-in also outside, at the reverse
 * proxy. A shared base (join.<sip>) is one name under several keys. */
static void
simple_urls(struct ctx *c)
{
	const struct sipdns_simple_urls *u = c->t->simple_urls;
	if (u == NULL)
		return;
	const struct sipdns_pool *p = serving_pool(c->t, u->pool);
	const struct sipdns_reverse_proxy *rp = &c->t->reverse_proxy;
	const struct { const struct sipdns_sip_domain *v; size_t n;
		       const char *what; bool ext; } k[] = {
		{ u->meet, u->n_meet, "meet", true },
		{ u->dialin, u->n_dialin, "dial-in", true },
		{ u->admin, u->n_admin, "admin", false },
	};
	char reason[200];
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < k[i].n; j++) {
			snprintf(reason, sizeof(reason), "%s simple URL", k[i].what);
			if (p != NULL)
				host_at(c, IN, k[i].v[j].name, web_address(p),
					&k[i].v[j].loc, "L10-07", 0, reason);
			if (!k[i].ext || !rp->present)
				continue;
			snprintf(reason, sizeof(reason),
				 "%s simple URL, published by the reverse proxy",
				 k[i].what);
			host_at(c, EX, k[i].v[j].name, &rp->addr, &k[i].v[j].loc,
				"L10-07", SIPDNS_REC_SPLIT_COPY, reason);
		}
}

/* Mobility (CU November 2011, T04): lyncdiscoverinternal.<sip> inside at
 * the pool's internal web services, lyncdiscover.<sip> outside at the
 * reverse proxy; the client asks the internal name first. */
static void
mobility(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	if (t->mobility == NULL)
		return;
	const struct sipdns_pool *p = serving_pool(t, t->mobility->pool);
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		join(owner, sizeof(owner), "lyncdiscoverinternal.", sip);
		if (p != NULL)
			host_at(c, IN, owner, web_address(p), &t->mobility->loc,
				"T04", 0,
				"mobility autodiscover, internal (asked first)");
		join(owner, sizeof(owner), "lyncdiscover.", sip);
		if (t->reverse_proxy.present)
			host_at(c, EX, owner, &t->reverse_proxy.addr,
				&t->mobility->loc, "T04", 0,
				"mobility autodiscover, external, published by the reverse proxy");
	}
}

static void
edge(struct ctx *c)
{
	const struct sipdns_edge *e = &c->t->edge;
	if (!e->present)
		return;
	host(c, IN, e->internal.fqdn, &e->internal.addr, "L10-06", 0,
	     e->n_servers > 1 ? "Edge internal interface (pool VIP)"
			      : "Edge internal interface");
	for (size_t i = 0; i < e->n_servers; i++)
		host(c, IN, e->servers[i].fqdn, &e->servers[i].addr, "L10-06", 0,
		     "Edge pool member, internal interface");
	if (e->access.fqdn != NULL)
		sipdns_rules_access_edge(c, &e->access, &edge_facts);
	if (e->web_conferencing.fqdn != NULL)
		host(c, EX, e->web_conferencing.fqdn, &e->web_conferencing.addr,
		     "L10-06", SIPDNS_REC_SPLIT_COPY,
		     "Web Conferencing Edge external interface");
	if (e->av.fqdn != NULL)
		host(c, EX, e->av.fqdn, &e->av.addr, "L10-06", 0,
		     "A/V Edge external interface");
}

/* The external web services FQDN of the pool homing remote users, at
 * the reverse proxy (L10-04, L10-11). */
static void
reverse_proxy(struct ctx *c)
{
	const struct sipdns_reverse_proxy *r = &c->t->reverse_proxy;
	if (r->present && r->web_farm_fqdn != NULL)
		host(c, EX, r->web_farm_fqdn, &r->addr, "L10-11",
		     SIPDNS_REC_SPLIT_COPY,
		     "external web services FQDN, published by the reverse proxy");
}

static void
rules(const struct sipdns_topology *t, struct sipdns_recset *s,
      struct sipdns_diag *d)
{
	(void)d;
	struct ctx c = { .t = t, .s = s, .ttl = t->options.ttl_default,
			 .ttl_srv = t->options.ttl_srv };
	pools(&c);
	sipdns_rules_servers(&c);
	sign_in(&c);
	device_update(&c);
	simple_urls(&c);
	mobility(&c);
	edge(&c);
	reverse_proxy(&c);
	sipdns_rules_name_servers(&c);
	sipdns_rules_split_brain(&c);
}

/* ---- checks of this product only ---------------------------------------- */

/* DNS load balancing (L10-03, L10-04): the pool FQDN takes the members'
 * addresses, and HTTP, which cannot be DNS load balanced, a web services
 * FQDN of its own at the hardware load balancer VIP. */
static void
check_dns_lb(const struct sipdns_pool *p, struct sipdns_diag *d)
{
	if (p->has_addr)
		sipdns_diag_add(d, SIPDNS_ERROR, p->addr.loc, "lync-dns-lb-vip",
			"pool '%s' is DNS load balanced, so its FQDN holds one A per Front End and takes no 'vip'; give the hardware load balancer VIP to its web services: web_farm: {fqdn: FQDN, address: VIP} (L10-03)",
			p->fqdn);
	if (p->web_farm.fqdn == NULL || strcmp(p->web_farm.fqdn, p->fqdn) == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, p->web_farm.fqdn ? p->web_farm.loc : p->lb_loc,
			"lync-web-services-distinct",
			"DNS load-balanced pool '%s' needs an internal web services FQDN that differs from the pool FQDN: HTTP cannot be DNS load balanced and goes to a hardware load balancer VIP (L10-03, L10-04); add web_farm: {fqdn: FQDN, address: VIP}",
			p->fqdn);
	else if (p->web_farm.addr.v4 == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, p->web_farm.loc, "lync-web-services-vip",
			"the internal web services FQDN '%s' of DNS load-balanced pool '%s' must resolve to the hardware load balancer VIP (L10-03, L10-04), but has no address: give it one, web_farm: {fqdn: %s, address: VIP}",
			p->web_farm.fqdn, p->fqdn, p->web_farm.fqdn);
}

static void
check_pools(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		if (p->edition != SIPDNS_ENTERPRISE)
			continue;
		if (p->dns_lb)
			check_dns_lb(p, d);
		else if (p->n_front_ends >= 2 && !p->has_addr)
			sipdns_diag_add(d, SIPDNS_ERROR, p->fqdn_loc, "lync-pool-vip-required",
				"Enterprise pool '%s' has %zu Front Ends but no 'vip': add the hardware load balancer's virtual IP as vip (L10-04), or set load_balancing: dns (one A per Front End, L10-03)",
				p->fqdn, p->n_front_ends);
	}
}

/* Lync Web App and the simple URLs replace Communicator Web Access
 * (L10-07). */
static void
check_cwa(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	if (t->cwa.present)
		sipdns_diag_add(d, SIPDNS_ERROR, t->cwa.loc, "lync-no-cwa",
			"Lync Server 2010 has no Communicator Web Access: Lync Web App runs on the Front Ends and the simple URLs replace it (L10-07); remove cwa and list simple_urls: {meet: ..., dialin: ...}");
	if (r->present && r->cwa_fqdn != NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, r->cwa_loc, "lync-no-cwa",
			"Lync Server 2010 has no Communicator Web Access to publish (L10-07); remove reverse_proxy cwa_fqdn: the reverse proxy publishes the external web services FQDN and the meet and dial-in simple URLs");
}

static void
check_simple_urls(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_simple_urls *u = t->simple_urls;
	if (u == NULL || u->n_meet == 0 || u->n_dialin == 0)
		sipdns_diag_add(d, SIPDNS_WARNING,
			u ? u->loc : t->product_loc, "lync-simple-urls",
			"Lync Web App meetings and dial-in conferencing need the meet and dialin simple URLs, each name with its own A record (L10-07): add simple_urls: {meet: meet.<sip>, dialin: dialin.<sip>} (or one shared base, e.g. join.<sip>, under both)");
	if (u != NULL && u->pool != NULL && sipdns_topology_pool(t, u->pool) == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, u->pool_loc, "undefined-target",
			"simple_urls pool '%s' is not a pool of the topology; name the pool whose web services serve the simple URLs",
			u->pool);
}

static void
check_mobility(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_mobility *m = t->mobility;
	if (m == NULL)
		return;
	if (m->pool != NULL && sipdns_topology_pool(t, m->pool) == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, m->pool_loc, "undefined-target",
			"mobility pool '%s' is not a pool of the topology; name the Director or Front End pool whose web services answer lyncdiscoverinternal",
			m->pool);
	if (!t->reverse_proxy.present)
		sipdns_diag_add(d, SIPDNS_ERROR, m->loc, "lync-mobility-rp",
			"mobility needs lyncdiscover.<sip> in the external view, at the reverse proxy (T04); add reverse_proxy: {address: ..., web_farm_fqdn: ...}");
}

/* Lync Server 2010 is IPv4 only; dual-stack networks are fine (L10-10). */
static void
no_ipv6(const struct sipdns_addr *a, struct sipdns_diag *d)
{
	if (a->v6 != NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, a->loc6, "lync-ipv4-only",
			"Lync Server 2010 supports IPv4 only (L10-10): remove this ipv6; a dual-stack network is fine, but no AAAA record is published");
}

static void
check_ipv6(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		no_ipv6(&p->addr, d);
		no_ipv6(&p->web_farm.addr, d);
		for (size_t k = 0; k < p->n_front_ends; k++)
			no_ipv6(&p->front_ends[k].addr, d);
	}
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
	check_pools(t, d);
	check_cwa(t, d);
	check_simple_urls(t, d);
	check_mobility(t, d);
	check_ipv6(t, d);
	if (t->n_smtp_domains > 0)
		sipdns_diag_add(d, SIPDNS_WARNING, t->smtp_domains[0].loc, "lync-smtp-domains",
			"the Lync Server 2010 reference gives no sign-in records in e-mail domains, so none are written for smtp_domains; remove them");
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
};
