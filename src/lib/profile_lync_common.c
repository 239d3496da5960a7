/* profile_lync_common.c -- what Lync Server 2010 and 2013 share
 *
 * The record rules and checks that ../shared/reference/ocs-dns.md §2
 * gives for Lync Server 2010 and §3 keeps for Lync Server 2013 (pools,
 * DNS load balancing, web services, simple URLs, mobility, the sign-in
 * SRV, the Edge, the reverse proxy, name servers, split-brain copies),
 * moved here from profile_lync2010.c so that each rule exists once. Each
 * record names the fact id the calling product gives (struct
 * sipdns_lync_facts); the comments cite Lync Server 2010's.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile_lync_common.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "profile.h"
#include "records.h"
#include "rules.h"
#include "zones.h"

#define join(...) sipdns_rules_join(__VA_ARGS__)
#define self_reg(...) sipdns_rules_self_reg(__VA_ARGS__)

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

/* the shared rules (rules.h) on c's record set */
static struct sipdns_rules_ctx
rules_ctx(const struct sipdns_lync_ctx *c)
{
	return (struct sipdns_rules_ctx){ c->t, c->s, c->ttl, c->ttl_srv };
}

/* An A record; an AAAA too when the product publishes IPv6 (Lync
 * Server 2010 is IPv4 only, L10-10, and its check refuses an ipv6). */
void
sipdns_lync_host(struct sipdns_lync_ctx *c, enum sipdns_view_id v,
		 const char *owner, const struct sipdns_addr *a,
		 const char *fact, unsigned flags, const char *reason)
{
	if (a == NULL)
		return;
	struct sipdns_addr four = *a;
	if (!c->ipv6)
		four.v6 = NULL;
	struct sipdns_rules_ctx r = rules_ctx(c);
	sipdns_rules_host(&r, v, owner, &four, fact, flags, reason);
}

/* An A record at a's address, from the topology value at loc (a name
 * whose address is another's: a simple URL, an autodiscover name). */
void
sipdns_lync_host_at(struct sipdns_lync_ctx *c, enum sipdns_view_id v,
		    const char *owner, const struct sipdns_addr *a,
		    struct sipdns_loc loc, const char *fact, unsigned flags,
		    const char *reason)
{
	if (a == NULL)
		return;
	struct sipdns_addr four = *a;
	if (!c->ipv6)
		four.v6 = NULL;
	struct sipdns_rules_ctx r = rules_ctx(c);
	sipdns_rules_host_at(&r, v, owner, &four, &loc, fact, flags, reason);
}


/* The address of a pool's internal web services: its web_farm's (the
 * hardware load balancer VIP), else the pool's; NULL for a DNS
 * load-balanced pool without one (the check says so). */
const struct sipdns_addr *
sipdns_lync_web_address(const struct sipdns_pool *p)
{
	if (p->web_farm.addr.v4 != NULL || p->web_farm.addr.v6 != NULL)
		return &p->web_farm.addr;
	return p->dns_lb ? NULL : sipdns_pool_address(p);
}

/* The pool named by a simple_urls or mobility 'pool' key, else the
 * automatic sign-in pool. */
const struct sipdns_pool *
sipdns_lync_serving_pool(const struct sipdns_topology *t, const char *name)
{
	return name ? sipdns_topology_pool(t, name) : sipdns_topology_sign_in(t);
}


/* The pool FQDN: at the VIP (hardware load balancing), at its one Front
 * End, or one A per Front End (DNS load balancing, L10-03). */
static void
pool_name(struct sipdns_lync_ctx *c, const struct sipdns_pool *p, bool dir)
{
	char reason[300];
	const char *what = dir ? "Director pool" : "Front End pool";
	if (p->dns_lb) {
		snprintf(reason, sizeof(reason),
			 "%s, DNS load balanced: one address per member", what);
		for (size_t k = 0; k < p->n_front_ends; k++)
			sipdns_lync_host(c, IN, p->fqdn, &p->front_ends[k].addr,
			     dir ? c->f->director : c->f->dns_lb, SIPDNS_REC_DNS_LB, reason);
		return;
	}
	snprintf(reason, sizeof(reason), "%s %s", what,
		 p->has_addr ? "at its hardware load balancer VIP"
			     : "of one Front End, at that server");
	sipdns_lync_host(c, IN, p->fqdn, sipdns_pool_address(p), dir ? c->f->director : c->f->pool,
	     0, reason);
}

/* One pool's names: the server or pool FQDN, its Front Ends, its
 * internal web services FQDN. */
void
sipdns_lync_pool(struct sipdns_lync_ctx *c, const struct sipdns_pool *p)
{
	char reason[300];
	bool dir = p->role == SIPDNS_ROLE_DIRECTOR;
	if (p->edition == SIPDNS_STANDARD) {
		snprintf(reason, sizeof(reason), "Standard Edition %s",
			 dir ? "Director" : "server");
		sipdns_lync_host(c, IN, p->fqdn, &p->addr, dir ? c->f->director : c->f->se,
		     p->self_registered ? SIPDNS_REC_SELF_REGISTERED : 0,
		     reason);
	} else {
		pool_name(c, p, dir);
		for (size_t k = 0; k < p->n_front_ends; k++) {
			snprintf(reason, sizeof(reason), "%s of pool %s",
				 dir ? "Director" : "Front End", p->fqdn);
			sipdns_lync_host(c, IN, p->front_ends[k].fqdn,
			     &p->front_ends[k].addr, dir ? c->f->director : c->f->pool,
			     self_reg(&p->front_ends[k], true), reason);
		}
	}
	if (p->web_farm.fqdn == NULL || strcmp(p->web_farm.fqdn, p->fqdn) == 0)
		return;
	snprintf(reason, sizeof(reason),
		 "internal web services FQDN of %s (HTTP: hardware load balancer)",
		 p->fqdn);
	sipdns_lync_host(c, IN, p->web_farm.fqdn, sipdns_lync_web_address(p), c->f->pool, 0, reason);
}

/* Every pool: a pool of another product (a migration) by that product's
 * pool hook, with its facts; the others here. */
void
sipdns_lync_pools(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	for (size_t i = 0; i < t->n_pools; i++)
		if (!sipdns_profile_pool_rules(t, &t->pools[i], c->s))
			sipdns_lync_pool(c, &t->pools[i]);
}

void
sipdns_lync_servers(struct sipdns_lync_ctx *c)
{
	struct sipdns_rules_ctx r = rules_ctx(c);
	sipdns_rules_servers(&r, c->f->server, c->f->chat);
}

/* A name at pool p: its address, or each Front End's when it is DNS
 * load balanced. */
void
sipdns_lync_at_pool(struct sipdns_lync_ctx *c, const struct sipdns_pool *p,
		    const char *owner, const char *fact, const char *why)
{
	if (!p->dns_lb) {
		sipdns_lync_host(c, IN, owner, sipdns_pool_address(p), fact, 0, why);
		return;
	}
	for (size_t k = 0; k < p->n_front_ends; k++)
		sipdns_lync_host(c, IN, owner, &p->front_ends[k].addr, fact,
		     SIPDNS_REC_DNS_LB, why);
}

/* A fallback name at the sign-in pool. */
static void
fallback(struct sipdns_lync_ctx *c, const struct sipdns_pool *p, const char *owner)
{
	sipdns_lync_at_pool(c, p, owner, c->f->fallback,
			    "client sign-in fallback name (no SRV found)");
}

/* _sipinternaltls._tcp.<sip> 5061 per SIP domain (L10-02), and
 * _sipinternal._tcp 5060 when TCP is allowed: Lync Phone Edition asks
 * it after TLS (L10-13). The fallback names keep R2's fact. */
void
sipdns_lync_sign_in(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_pool *p = sipdns_topology_sign_in(t);
	if (p == NULL)
		return;
	const struct sipdns_options *o = &t->options;
	static const char *const pre[2] = { "_sipinternaltls._tcp.", "_sipinternal._tcp." };
	static const uint16_t port[2] = { 5061, 5060 };
	const char *const fact[2] = { c->f->sign_in, c->f->tcp };
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
void
sipdns_lync_device_update(struct sipdns_lync_ctx *c)
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
		sipdns_lync_host(c, IN, owner, sipdns_lync_web_address(du), c->f->device_update, 0,
		     "Device Update web service discovery for devices not yet signed in");
	}
}

/* Simple URLs (L10-07): an A for each host name at the serving pool's
 * internal web services; meet and dial-in also outside, at the reverse
 * proxy. A shared base (join.<sip>) is one name under several keys. */
void
sipdns_lync_simple_urls(struct sipdns_lync_ctx *c)
{
	const struct sipdns_simple_urls *u = c->t->simple_urls;
	if (u == NULL)
		return;
	const struct sipdns_pool *p = sipdns_lync_serving_pool(c->t, u->pool);
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
				sipdns_lync_host_at(c, IN, k[i].v[j].name, sipdns_lync_web_address(p),
					k[i].v[j].loc, c->f->simple, 0, reason);
			if (!k[i].ext || !rp->present)
				continue;
			snprintf(reason, sizeof(reason),
				 "%s simple URL, published by the reverse proxy",
				 k[i].what);
			sipdns_lync_host_at(c, EX, k[i].v[j].name, &rp->addr, k[i].v[j].loc,
				c->f->simple, SIPDNS_REC_SPLIT_COPY, reason);
		}
}

/* Mobility (CU November 2011, T04): lyncdiscoverinternal.<sip> inside at
 * the pool's internal web services, lyncdiscover.<sip> outside at the
 * reverse proxy; the client asks the internal name first. */
void
sipdns_lync_mobility(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	if (t->mobility == NULL)
		return;
	const struct sipdns_pool *p = sipdns_lync_serving_pool(t, t->mobility->pool);
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		join(owner, sizeof(owner), "lyncdiscoverinternal.", sip);
		if (p != NULL)
			sipdns_lync_host_at(c, IN, owner, sipdns_lync_web_address(p), t->mobility->loc,
				c->f->mobility, 0,
				"mobility autodiscover, internal (asked first)");
		join(owner, sizeof(owner), "lyncdiscover.", sip);
		if (t->reverse_proxy.present)
			sipdns_lync_host_at(c, EX, owner, &t->reverse_proxy.addr,
				t->mobility->loc, c->f->mobility, 0,
				"mobility autodiscover, external, published by the reverse proxy");
	}
}


/* The Edge (L10-06): its internal FQDN (the array VIP, or with DNS load
 * balancing each member's address, L10-03, E10), each member, the
 * Access Edge's names and SRVs, the Web Conferencing and A/V Edge (at
 * their VIPs, or at each member's address of that role, F03). */
void
sipdns_lync_edge(struct sipdns_lync_ctx *c)
{
	const struct sipdns_edge *e = &c->t->edge;
	if (!e->present)
		return;
	if (e->dns_lb)
		for (size_t i = 0; i < e->n_servers; i++)
			sipdns_lync_host_at(c, IN, e->internal.fqdn, &e->servers[i].addr,
				e->servers[i].loc, c->f->edge, SIPDNS_REC_DNS_LB,
				"Edge internal interface, DNS load balanced: one address per member");
	else
		sipdns_lync_host(c, IN, e->internal.fqdn, &e->internal.addr, c->f->edge, 0,
		     e->n_servers > 1 ? "Edge internal interface (pool VIP)"
				      : "Edge internal interface");
	for (size_t i = 0; i < e->n_servers; i++)
		sipdns_lync_host(c, IN, e->servers[i].fqdn, &e->servers[i].addr, c->f->edge, 0,
		     "Edge pool member, internal interface");
	struct sipdns_rules_ctx r = rules_ctx(c);
	if (e->access.fqdn != NULL) {
		const struct sipdns_rules_edge_facts f = {
			c->f->edge, c->f->edge_sip, c->f->edge, c->f->edge,
			c->f->sipexternal
		};
		sipdns_rules_access_edge_pool(&r, e, &f);
	}
	if (e->web_conferencing.fqdn != NULL && e->dns_lb)
		sipdns_rules_edge_service(&r, e, &e->web_conferencing,
			offsetof(struct sipdns_edge_roles, web_conferencing),
			e->web_conferencing.fqdn, c->f->edge, SIPDNS_REC_SPLIT_COPY,
			"Web Conferencing Edge external interface");
	else if (e->web_conferencing.fqdn != NULL)
		sipdns_lync_host(c, EX, e->web_conferencing.fqdn, &e->web_conferencing.addr,
		     c->f->edge, SIPDNS_REC_SPLIT_COPY,
		     "Web Conferencing Edge external interface");
	if (e->av.fqdn != NULL && e->dns_lb)
		sipdns_rules_edge_service(&r, e, &e->av, offsetof(struct sipdns_edge_roles, av),
			e->av.fqdn, c->f->edge, 0, "A/V Edge external interface");
	else if (e->av.fqdn != NULL)
		sipdns_lync_host(c, EX, e->av.fqdn, &e->av.addr, c->f->edge, 0,
		     "A/V Edge external interface");
}

/* The external web services FQDN of the pool homing remote users, at
 * the reverse proxy (L10-04, L10-11). */
void
sipdns_lync_reverse_proxy(struct sipdns_lync_ctx *c)
{
	const struct sipdns_reverse_proxy *r = &c->t->reverse_proxy;
	if (r->present && r->web_farm_fqdn != NULL)
		sipdns_lync_host(c, EX, r->web_farm_fqdn, &r->addr, c->f->rp,
		     SIPDNS_REC_SPLIT_COPY,
		     "external web services FQDN, published by the reverse proxy");
}

/* Name servers inside their own zone need address records. */
void
sipdns_lync_name_servers(struct sipdns_lync_ctx *c)
{
	struct sipdns_rules_ctx r = rules_ctx(c);
	sipdns_rules_name_servers(&r);
}

/* Split-brain (§6): the external names internal clients use copied
 * inside, unless the internal view has the name already. */
void
sipdns_lync_split_brain(struct sipdns_lync_ctx *c)
{
	struct sipdns_rules_ctx r = rules_ctx(c);
	sipdns_rules_split_brain(&r);
}

/* ---- from Lync Server 2013 on (reference §3; Skype for Business
 * Server keeps them, §4) ---------------------------------------------- */

/* The XMPP proxy's address: its own, else the Access Edge's (L13-04). */
const struct sipdns_addr *
sipdns_lync_xmpp_address(const struct sipdns_topology *t)
{
	const struct sipdns_addr *a = &t->xmpp->addr;
	if (a->v4 != NULL || a->v6 != NULL)
		return a;
	return t->edge.present && t->edge.access.fqdn != NULL
		? &t->edge.access.addr : NULL;
}

/* XMPP federation (L13-04): _xmpp-server._tcp.<sip> 5269 to the XMPP
 * proxy, and the proxy's name at the Access Edge address hosting it. */
void
sipdns_lync_xmpp(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_host *x = t->xmpp;
	if (x == NULL || x->fqdn == NULL || sipdns_lync_xmpp_address(t) == NULL)
		return;   /* none, or no address (lync2013-xmpp-address) */
	const struct sipdns_options *o = &t->options;
	char owner[LDNS_MAX_DOMAINLEN + 1];
	sipdns_lync_host_at(c, EX, x->fqdn, sipdns_lync_xmpp_address(t), x->loc, c->f->xmpp, 0,
			    "XMPP proxy on the Access Edge (XMPP federation)");
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		snprintf(owner, sizeof(owner), "_xmpp-server._tcp.%s", sip);
		sipdns_recset_add_srv(c->s, EX, owner, o->srv_priority,
				      o->srv_weight, 5269, x->fqdn, c->ttl_srv,
				      c->f->xmpp, t->sip_domains[i].loc,
				      "XMPP federation for SIP domain %s", sip);
	}
}

/* The Office Web Apps farm (L13-05): inside at its VIP, outside at the
 * reverse proxy that publishes it. */
void
sipdns_lync_office_web_apps(struct sipdns_lync_ctx *c)
{
	const struct sipdns_host *w = c->t->office_web_apps;
	if (w == NULL || w->fqdn == NULL)
		return;
	sipdns_lync_host(c, IN, w->fqdn, &w->addr, c->f->owa, 0,
			 "Office Web Apps farm (internal VIP)");
	if (c->t->reverse_proxy.present)
		sipdns_lync_host_at(c, EX, w->fqdn, &c->t->reverse_proxy.addr,
				    w->loc, c->f->owa, 0,
				    "Office Web Apps farm, published by the reverse proxy");
}

/* Each pool's external web services FQDN at the reverse proxy: with
 * Directors, both theirs and the Front End pool's (L13-05). */
void
sipdns_lync_external_web(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	char reason[300];
	for (size_t i = 0; r->present && i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		if (p->external_web == NULL ||
		    (r->web_farm_fqdn != NULL &&
		     strcmp(p->external_web, r->web_farm_fqdn) == 0))
			continue;   /* none, or reverse_proxy web_farm_fqdn */
		snprintf(reason, sizeof(reason),
			 "external web services FQDN of %s %s, published by the reverse proxy",
			 p->role == SIPDNS_ROLE_DIRECTOR ? "Director pool" : "pool",
			 p->fqdn);
		sipdns_lync_host_at(c, EX, p->external_web, &r->addr,
				    p->external_web_loc, c->f->external_web,
				    SIPDNS_REC_SPLIT_COPY, reason);
	}
}

/* DNS load balancing (L10-03, L10-04): the pool FQDN takes the members'
 * addresses, and HTTP, which cannot be DNS load balanced, a web services
 * FQDN of its own at the hardware load balancer VIP. */
static void
check_dns_lb(const struct sipdns_pool *p, const struct sipdns_lync_facts *f,
	     struct sipdns_diag *d)
{
	if (p->has_addr)
		sipdns_diag_add(d, SIPDNS_ERROR, p->addr.loc, "lync-dns-lb-vip",
			"pool '%s' is DNS load balanced, so its FQDN holds one A per Front End and takes no 'vip'; give the hardware load balancer VIP to its web services: web_farm: {fqdn: FQDN, address: VIP} (%s)",
			p->fqdn, f->dns_lb);
	if (p->web_farm.fqdn == NULL || strcmp(p->web_farm.fqdn, p->fqdn) == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, p->web_farm.fqdn ? p->web_farm.loc : p->lb_loc,
			"lync-web-services-distinct",
			"DNS load-balanced pool '%s' needs an internal web services FQDN that differs from the pool FQDN: HTTP cannot be DNS load balanced and goes to a hardware load balancer VIP (%s, %s); add web_farm: {fqdn: FQDN, address: VIP}",
			p->fqdn, f->dns_lb, f->pool);
	else if (p->web_farm.addr.v4 == NULL && p->web_farm.addr.v6 == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, p->web_farm.loc, "lync-web-services-vip",
			"the internal web services FQDN '%s' of DNS load-balanced pool '%s' must resolve to the hardware load balancer VIP (%s, %s), but has no address: give it one, web_farm: {fqdn: %s, address: VIP}",
			p->web_farm.fqdn, p->fqdn, f->dns_lb, f->pool, p->web_farm.fqdn);
}

void
sipdns_lync_check_pool(const struct sipdns_pool *p,
		       const struct sipdns_lync_facts *f, struct sipdns_diag *d)
{
	if (p->edition != SIPDNS_ENTERPRISE)
		return;
	if (p->dns_lb)
		check_dns_lb(p, f, d);
	else if (p->n_front_ends >= 2 && !p->has_addr)
		sipdns_diag_add(d, SIPDNS_ERROR, p->fqdn_loc, "lync-pool-vip-required",
			"Enterprise pool '%s' has %zu Front Ends but no 'vip': add the hardware load balancer's virtual IP as vip (%s), or set load_balancing: dns (one A per Front End, %s)",
			p->fqdn, p->n_front_ends, f->pool, f->dns_lb);
}

/* The topology's own pools; one of another product is checked by its
 * own product's pool checks (sipdns_profile_pool_checks). */
void
sipdns_lync_check_pools(const struct sipdns_topology *t,
			const struct sipdns_lync_facts *f, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++)
		if (!sipdns_profile_pool_foreign(t, &t->pools[i]))
			sipdns_lync_check_pool(&t->pools[i], f, d);
}

/* Lync Web App and the simple URLs replace Communicator Web Access
 * (L10-07). */
void
sipdns_lync_check_cwa(const struct sipdns_topology *t,
		      const struct sipdns_lync_facts *f, struct sipdns_diag *d)
{
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	if (t->cwa.present)
		sipdns_diag_add(d, SIPDNS_ERROR, t->cwa.loc, "lync-no-cwa",
			"%s has no Communicator Web Access: Lync Web App runs on the Front Ends and the simple URLs replace it (%s); remove cwa and list simple_urls: {meet: ..., dialin: ...}",
			f->title, f->simple);
	if (r->present && r->cwa_fqdn != NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, r->cwa_loc, "lync-no-cwa",
			"%s has no Communicator Web Access to publish (%s); remove reverse_proxy cwa_fqdn: the reverse proxy publishes the external web services FQDN and the meet and dial-in simple URLs",
			f->title, f->simple);
}

void
sipdns_lync_check_simple_urls(const struct sipdns_topology *t,
			      const struct sipdns_lync_facts *f,
			      struct sipdns_diag *d)
{
	const struct sipdns_simple_urls *u = t->simple_urls;
	if (u == NULL || u->n_meet == 0 || u->n_dialin == 0)
		sipdns_diag_add(d, SIPDNS_WARNING,
			u ? u->loc : t->product_loc, "lync-simple-urls",
			"Lync Web App meetings and dial-in conferencing need the meet and dialin simple URLs, each name with its own A record (%s): add simple_urls: {meet: meet.<sip>, dialin: dialin.<sip>} (or one shared base, e.g. join.<sip>, under both)",
			f->simple);
	if (u != NULL && u->pool != NULL && sipdns_topology_pool(t, u->pool) == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, u->pool_loc, "undefined-target",
			"simple_urls pool '%s' is not a pool of the topology; name the pool whose web services serve the simple URLs",
			u->pool);
}

void
sipdns_lync_check_mobility(const struct sipdns_topology *t,
			   const struct sipdns_lync_facts *f,
			   struct sipdns_diag *d)
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
			"mobility needs lyncdiscover.<sip> in the external view, at the reverse proxy (%s); add reverse_proxy: {address: ..., web_farm_fqdn: ...}",
			f->mobility);
}


/* The reference gives no sign-in records in e-mail domains for Lync. */
void
sipdns_lync_check_smtp(const struct sipdns_topology *t,
		       const struct sipdns_lync_facts *f, struct sipdns_diag *d)
{
	if (t->n_smtp_domains > 0)
		sipdns_diag_add(d, SIPDNS_WARNING, t->smtp_domains[0].loc, "lync-smtp-domains",
			"the %s reference gives no sign-in records in e-mail domains, so none are written for smtp_domains; remove them",
			f->title);
}

/* ---- checks from Lync Server 2013 on ------------------------------------ */

/* Is name sip or under it? */
static bool
in_domain(const char *name, const char *sip)
{
	size_t n = strlen(name), k = strlen(sip);
	return strcmp(name, sip) == 0 ||
	       (n > k && name[n - k - 1] == '.' && strcmp(name + n - k, sip) == 0);
}

/* From Lync Server 2013 on, an SRV target must sit in the SRV owner's
 * domain (L13-01). The sign-in SRV's target is the generic strict-naming
 * check's (check.c, with the certificate rule of §10 item 3); this one is
 * the XMPP SRV's, a warning as that is. */
static void
check_same_domain(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_host *x = t->xmpp;
	for (size_t i = 0; x != NULL && x->fqdn != NULL && i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		if (!in_domain(x->fqdn, sip))
			sipdns_diag_add(d, SIPDNS_WARNING, x->loc,
				"lync2013-srv-same-domain",
				"_xmpp-server._tcp.%s points at '%s', outside SIP domain %s: from Lync Server 2013 on an SRV target must be in the SRV owner's domain (L13-01); give the XMPP proxy a name in %s (its A record at the Access Edge), or expect federated XMPP servers to reject it",
				sip, x->fqdn, sip, sip);
	}
}

/* With Directors, the reverse proxy publishes both the Director's and the
 * Front End pool's external web services (L13-05). */
static void
director_web(const struct sipdns_topology *t, const struct sipdns_pool *p,
	     struct sipdns_diag *d)
{
	if (p->role != SIPDNS_ROLE_DIRECTOR || p->external_web != NULL)
		return;
	sipdns_diag_add(d, SIPDNS_ERROR, p->fqdn_loc, "lync2013-director-web",
		"Director pool '%s' has no external_web: with Directors the reverse proxy publishes both the Director's and the Front End pool's external web services (L13-05); add external_web: FQDN (e.g. webdirext.<domain>)%s",
		p->fqdn, t->reverse_proxy.present ? "" : " and a reverse_proxy");
}

static void
check_xmpp(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	if (t->xmpp == NULL || t->xmpp->fqdn == NULL || sipdns_lync_xmpp_address(t) != NULL)
		return;
	sipdns_diag_add(d, SIPDNS_ERROR, t->xmpp->loc, "lync2013-xmpp-address",
		"the XMPP proxy '%s' has no address and the topology has no Access Edge: its A record points at the Access Edge IP hosting the XMPP proxy (L13-04); add edge access, or give xmpp an address",
		t->xmpp->fqdn);
}

/* IPv6 scope of an address: 0 global, 1 unique local, 2 link-local. */
static int
scope6(const char *a)
{
	if (strncmp(a, "fe8", 3) == 0 || strncmp(a, "fe9", 3) == 0 ||
	    strncmp(a, "fea", 3) == 0 || strncmp(a, "feb", 3) == 0)
		return 2;
	return (a[0] == 'f' && (a[1] == 'c' || a[1] == 'd')) ? 1 : 0;
}

/* All servers of a pool use IPv6 addresses of the same scope (L13-12). */
static void
ipv6_scope(const struct sipdns_pool *p, struct sipdns_diag *d)
{
	static const char *const names[] = { "global", "unique local", "link-local" };
	const struct sipdns_host *first = NULL;
	for (size_t k = 0; k < p->n_front_ends; k++) {
		const struct sipdns_host *h = &p->front_ends[k];
		if (h->addr.v6 == NULL)
			continue;
		if (first == NULL) {
			first = h;
			continue;
		}
		int a = scope6(first->addr.v6), b = scope6(h->addr.v6);
		if (a != b)
			sipdns_diag_add(d, SIPDNS_ERROR, h->addr.loc6, "lync2013-ipv6-scope",
				"'%s' has a %s IPv6 address but '%s' of the same pool %s a %s one: all servers of a pool use IPv6 addresses of the same scope (L13-12); give them addresses of one scope",
				h->fqdn, names[b], first->fqdn, p->fqdn, names[a]);
	}
}

void
sipdns_lync_check_pool_2013(const struct sipdns_topology *t,
			    const struct sipdns_pool *p, struct sipdns_diag *d)
{
	director_web(t, p, d);
	ipv6_scope(p, d);
}

void
sipdns_lync_check_2013(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	check_same_domain(t, d);
	check_xmpp(t, d);
	for (size_t i = 0; i < t->n_pools; i++)
		if (!sipdns_profile_pool_foreign(t, &t->pools[i]))
			sipdns_lync_check_pool_2013(t, &t->pools[i], d);
}

/* A DNS load-balanced Edge pool (L10-03, E10, F03): its FQDNs hold its
 * members' addresses, an internal one each and one per external role. */
void
sipdns_lync_check_edge_pool(const struct sipdns_topology *t,
			    const struct sipdns_lync_facts *f,
			    struct sipdns_diag *d)
{
	const struct sipdns_edge *e = &t->edge;
	if (!e->present || !e->dns_lb)
		return;
	if (e->n_servers == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, e->lb_loc, "lync-edge-dns-lb",
			"the Edge is DNS load balanced, so its FQDNs hold one A per member (%s), but it lists no servers: add servers: [{fqdn: ..., address: INTERNAL, access: IP, web_conferencing: IP, av: IP}, ...]",
			f->dns_lb);
	const struct sipdns_addr *own[] = { &e->internal.addr, &e->access.addr,
		&e->web_conferencing.addr, &e->av.addr };
	const char *const fq[] = { e->internal.fqdn, e->access.fqdn,
		e->web_conferencing.fqdn, e->av.fqdn };
	static const char *const names[] = { "internal", "access", "web_conferencing", "av" };
	for (size_t k = 0; k < 4; k++)
		if (fq[k] != NULL && (own[k]->v4 != NULL || own[k]->v6 != NULL))
			sipdns_diag_add(d, SIPDNS_ERROR, own[k]->v4 ? own[k]->loc : own[k]->loc6,
				"lync-edge-dns-lb",
				"the Edge is DNS load balanced, so '%s' holds one A per member, at each member's %s address (%s, F03), and takes no address of its own: remove it, and give each of servers its %s address",
				fq[k], names[k], f->dns_lb, names[k]);
	for (size_t i = 0; e->roles != NULL && i < e->n_servers; i++) {
		const struct sipdns_edge_roles *r = &e->roles[i];
		const struct sipdns_addr *ra[] = { NULL, &r->access, &r->web_conferencing, &r->av };
		for (size_t k = 1; k < 4; k++)
			if (fq[k] != NULL && ra[k]->v4 == NULL)
				sipdns_diag_add(d, SIPDNS_ERROR, e->servers[i].loc, "lync-edge-dns-lb",
					"Edge server '%s' has no %s address: in a DNS load-balanced Edge pool each member has an external address per role, N members 3N addresses (F03), and '%s' holds one A per member; add %s: IP",
					e->servers[i].fqdn, names[k], fq[k], names[k]);
	}
}
