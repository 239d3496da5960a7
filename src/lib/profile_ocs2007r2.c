/* profile_ocs2007r2.c -- OCS 2007 R2: its records, checks and server roles
 *
 * One place for the product's knowledge: the records it needs, the topology
 * rules that hold for this product only, the roles of its servers, and its
 * policy. Each record carries the fact id of ../shared/reference/ocs-dns.md
 * (copied into README.md) that requires it. Lync and Skype for Business get
 * profile files of their own beside this one.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "profile_ocs2007r2_certs.h"
#include "profile_ocs2007r2_perimeter.h"
#include "profile_ocs2007r2_pinpoint.h"
#include "model.h"
#include "records.h"
#include "rules.h"
#include "zones.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

/* the shared rules (rules.h) under the short names this file uses */
#define ctx sipdns_rules_ctx
#define host(...) sipdns_rules_host(__VA_ARGS__)
#define join(...) sipdns_rules_join(__VA_ARGS__)
#define self_reg(...) sipdns_rules_self_reg(__VA_ARGS__)

static const struct sipdns_rules_edge_facts edge_facts = {
	"R2-E1", "R2-E1", "R2-E2", "R2-E3", "R2-E8"
};

/* Another name of pool p (its web farm, its Web Conferencing URL host):
 * an A to its own address, else the pool's, unless it is the pool FQDN. */
static void
pool_name(struct ctx *c, const struct sipdns_pool *p,
	  const struct sipdns_host *h, const char *fact, const char *what)
{
	char reason[300];
	if (h->fqdn == NULL || strcmp(h->fqdn, p->fqdn) == 0)
		return;
	/* named without an address and the web farm's FQDN: the usual
	 * setup, and the web farm's A already serves it */
	if (h != &p->web_farm && h->addr.v4 == NULL && p->web_farm.fqdn != NULL &&
	    strcmp(h->fqdn, p->web_farm.fqdn) == 0)
		return;
	snprintf(reason, sizeof(reason), what, p->fqdn);
	host(c, IN, h->fqdn, h->addr.v4 ? &h->addr : sipdns_pool_address(p),
	     fact, 0, reason);
}


/* One pool's names: the server or pool FQDN, its Front Ends, its web
 * farm and Web Conferencing names. */
static void
pool(struct ctx *c, const struct sipdns_pool *p)
{
	const struct sipdns_topology *t = c->t;
	char reason[300];
	bool dir = p->role == SIPDNS_ROLE_DIRECTOR;
	if (p->edition == SIPDNS_STANDARD) {
		snprintf(reason, sizeof(reason), "Standard Edition %s",
			 dir ? "Director" : "server");
		host(c, IN, p->fqdn, &p->addr, dir ? "R2-I7" : "R2-I1",
		     (p->self_registered ? SIPDNS_REC_SELF_REGISTERED : 0) |
		     sipdns_ocs2007r2_edge_flag(t, p->fqdn), reason);
	} else {
		const struct sipdns_addr *a = sipdns_pool_address(p);
		snprintf(reason, sizeof(reason), "Enterprise %s %s",
			 dir ? "Director pool" : "pool",
			 p->has_addr ? "at its hardware load balancer VIP"
				     : "of one Front End, at that server");
		host(c, IN, p->fqdn, a,
		     dir ? "R2-I7" : p->has_addr ? "R2-I2" : "R2-I3",
		     sipdns_ocs2007r2_edge_flag(t, p->fqdn), reason);
		for (size_t k = 0; k < p->n_front_ends; k++) {
			snprintf(reason, sizeof(reason),
				 "Front End of pool %s", p->fqdn);
			host(c, IN, p->front_ends[k].fqdn,
			     &p->front_ends[k].addr, "R2-I2",
			     self_reg(&p->front_ends[k], true), reason);
		}
	}
	pool_name(c, p, &p->web_farm, "R2-I4",
		  "internal web farm FQDN of %s");
	pool_name(c, p, &p->web_conferencing, "R2-I5",
		  "host of the internal Web Conferencing URL of %s");
}

/* Every pool: one of another product (a migration) by that product's
 * pool hook, with its facts; the others here. */
static void
pools(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	for (size_t i = 0; i < t->n_pools; i++)
		if (!sipdns_profile_pool_rules(t, &t->pools[i], c->s))
			pool(c, &t->pools[i]);
}

/* An OCS 2007 R2 pool in a Lync Server 2010 topology (a migration). */
static void
pool_hook(const struct sipdns_topology *t, const struct sipdns_pool *p,
	  struct sipdns_recset *s)
{
	struct ctx c = { .t = t, .s = s, .ttl = t->options.ttl_default,
			 .ttl_srv = t->options.ttl_srv };
	pool(&c, p);
}

/* Communicator Web Access (E6, §1.2): a host record per server or load
 * balancer; as. and download. aliases of the URL host, for desktop
 * sharing. Aliases point at the name holding the address, never at
 * another alias. */
static void
cwa(struct ctx *c)
{
	const struct sipdns_cwa *w = &c->t->cwa;
	if (!w->present || w->url_host == NULL)
		return;
	const char *addr_name = w->url_host;
	bool url_is_server = false;
	for (size_t i = 0; i < w->n_servers; i++) {
		host(c, IN, w->servers[i].fqdn, &w->servers[i].addr, "E6",
		     self_reg(&w->servers[i], false),
		     "Communicator Web Access server");
		if (strcmp(w->servers[i].fqdn, w->url_host) == 0)
			url_is_server = true;
	}
	if (url_is_server) {
		/* E6 A: the URL host is the server's own name */
	} else if (w->has_vip) {
		host(c, IN, w->url_host, &w->vip, "E6", 0,
		     "Communicator Web Access URL host at its load balancer");
	} else if (w->n_servers == 1) {
		/* E6 B: URL host != computer FQDN */
		addr_name = w->servers[0].fqdn;
		sipdns_recset_add_cname(c->s, IN, w->url_host, addr_name, c->ttl,
					"E6", w->url_host_loc, 0,
					"Communicator Web Access URL host, an alias of its server");
	}
	static const char *const pre[] = { "as", "download" };
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < 2; i++) {
		snprintf(owner, sizeof(owner), "%s.%s", pre[i], w->url_host);
		sipdns_recset_add_cname(c->s, IN, owner, addr_name, c->ttl, "E6",
					w->url_host_loc, 0,
					"Communicator Web Access %s name (desktop sharing)",
					pre[i]);
	}
}

/* The internal sign-in SRV records of domain d (at loc) to pool p: TLS
 * 5061, and TCP 5060 when TCP is allowed; facts and reasons by kind. */
static void
sign_in_srv(struct ctx *c, const struct sipdns_pool *p, const char *d,
	    struct sipdns_loc loc, const char *const fact[2],
	    const char *const why[2])
{
	const struct sipdns_options *o = &c->t->options;
	static const char *const pre[2] = { "_sipinternaltls._tcp.", "_sipinternal._tcp." };
	static const uint16_t port[2] = { 5061, 5060 };
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (int k = 0; k < (o->tcp_allowed ? 2 : 1); k++) {
		join(owner, sizeof(owner), pre[k], d);
		sipdns_recset_add_srv(c->s, IN, owner, o->srv_priority,
				      o->srv_weight, port[k], p->fqdn, c->ttl_srv,
				      fact[k], loc, why[k], d);
	}
}

/* Communicator Phone Edition also looks for its pool in the domain of
 * the user's primary SMTP address (R2-I11): the internal sign-in SRV
 * records there too, for each SMTP domain that is not a SIP domain. */
static void
smtp_sign_in(struct ctx *c, const struct sipdns_pool *p)
{
	static const char *const fact[2] = { "R2-I11", "R2-I11" };
	static const char *const why[2] = {
		"Communicator Phone Edition sign-in (TLS) for SMTP domain %s",
		"Communicator Phone Edition sign-in (TCP allowed) for SMTP domain %s" };
	for (size_t i = 0; i < c->t->n_smtp_domains; i++)
		sign_in_srv(c, p, c->t->smtp_domains[i].name,
			    c->t->smtp_domains[i].loc, fact, why);
}

static void
sign_in(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_pool *p = sipdns_topology_sign_in(t);
	if (p == NULL)
		return;
	const struct sipdns_options *o = &t->options;
	static const char *const fact[2] = { "E1", "S1.3-3" };
	static const char *const why[2] = {
		"automatic sign-in (TLS) for SIP domain %s",
		"automatic sign-in (TCP allowed) for SIP domain %s" };
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		struct sipdns_loc loc = t->sip_domains[i].loc;
		if (t->sip_domains[i].internal == SIPDNS_SIP_INTERNAL_MANUAL)
			continue;   /* §1.3 rule 6: registry or Group Policy */
		/* §1.3 rules 2-3: one SRV per SIP domain, TLS 5061 */
		sign_in_srv(c, p, sip, loc, fact, why);
		if (o->fallback_names) {
			static const char *const fb[] = { "sipinternal", "sip" };
			for (size_t k = 0; k < 2; k++) {
				snprintf(owner, sizeof(owner), "%s.%s", fb[k], sip);
				host(c, IN, owner, sipdns_pool_address(p), "S1.3-A", 0,
				     "client sign-in fallback name (no SRV found)");
			}
		}
	}
	smtp_sign_in(c, p);
}

/* Is name one of the SIP domains? */
static bool
is_sip_domain(const struct sipdns_topology *t, const char *name)
{
	for (size_t i = 0; i < t->n_sip_domains; i++)
		if (strcmp(t->sip_domains[i].name, name) == 0)
			return true;
	return false;
}

/* The AD domain, when ucupdates-r2 is written for it by default: not a
 * SIP domain, and an internal zone holds its name. */
static bool
device_update_ad(const struct sipdns_topology *t, char *owner, size_t size)
{
	if (t->ad_domain == NULL || t->device_update_domains != NULL ||
	    is_sip_domain(t, t->ad_domain))
		return false;
	snprintf(owner, size, "ucupdates-r2.%s", t->ad_domain);
	return sipdns_zone_for(t, IN, owner) != NULL;
}

/* ucupdates-r2.<domain> (R2-I6): a device no user ever signed in to asks
 * it in the DNS domain DHCP gave it [S96], signed-in ones learn the URL
 * in-band. For the listed domains, else the SIP domains and the AD
 * domain (the usual DHCP domain) when an internal zone holds it. */
static void
device_update(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_pool *du = t->device_update
		? sipdns_topology_pool(t, t->device_update) : NULL;
	if (du == NULL)
		return;
	const struct sipdns_addr *a = du->web_farm.addr.v4
		? &du->web_farm.addr : sipdns_pool_address(du);
	char owner[LDNS_MAX_DOMAINLEN + 1];
	const struct sipdns_sip_domain *list = t->device_update_domains
		? t->device_update_domains : t->sip_domains;
	size_t n = t->device_update_domains ? t->n_device_update_domains
					    : t->n_sip_domains;
	for (size_t i = 0; i < n; i++) {
		join(owner, sizeof(owner), "ucupdates-r2.", list[i].name);
		host(c, IN, owner, a, "R2-I6", 0,
		     "Device Update Service discovery for devices not yet signed in");
	}
	if (device_update_ad(t, owner, sizeof(owner)))
		host(c, IN, owner, a, "R2-I6", 0,
		     "Device Update Service discovery for devices not yet signed in, in the AD domain (the DNS domain DHCP usually gives them)");
}


static void
edge(struct ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_edge *e = &t->edge;
	if (!e->present)
		return;
	host(c, IN, e->internal.fqdn, &e->internal.addr, "R2-I9",
	     SIPDNS_REC_EDGE_RESOLVES,
	     e->n_servers > 1 ? "Edge internal interface (array VIP)"
			      : "Edge internal interface");
	for (size_t i = 0; i < e->n_servers; i++)
		host(c, IN, e->servers[i].fqdn, &e->servers[i].addr, "R2-I9",
		     SIPDNS_REC_EDGE_RESOLVES,
		     "Edge array member, internal interface");
	sipdns_ocs2007r2_perimeter(t, c->s, c->ttl);

	if (e->access.fqdn != NULL)
		sipdns_rules_access_edge(c, &e->access, &edge_facts);
	if (e->web_conferencing.fqdn != NULL)
		host(c, EX, e->web_conferencing.fqdn, &e->web_conferencing.addr,
		     "R2-E4", SIPDNS_REC_SPLIT_COPY,
		     "Web Conferencing Edge external interface");
	if (e->av.fqdn != NULL)
		host(c, EX, e->av.fqdn, &e->av.addr, "R2-E5", 0,
		     "A/V Edge external interface");
}

static void
reverse_proxy(struct ctx *c)
{
	const struct sipdns_reverse_proxy *r = &c->t->reverse_proxy;
	if (!r->present)
		return;
	if (r->web_farm_fqdn != NULL) {
		struct sipdns_addr a = r->addr;
		host(c, EX, r->web_farm_fqdn, &a, "R2-E6", SIPDNS_REC_SPLIT_COPY,
		     "external web farm FQDN, published by the reverse proxy");
	}
	if (r->cwa_fqdn != NULL) {
		host(c, EX, r->cwa_fqdn, &r->addr, "R2-E7", SIPDNS_REC_SPLIT_COPY,
		     "Communicator Web Access external name, published by the reverse proxy");
		static const char *const pre[] = { "as", "download" };
		char owner[LDNS_MAX_DOMAINLEN + 1];
		for (size_t i = 0; i < 2; i++) {
			snprintf(owner, sizeof(owner), "%s.%s", pre[i], r->cwa_fqdn);
			sipdns_recset_add_cname(c->s, EX, owner, r->cwa_fqdn, c->ttl,
						"R2-E7", r->cwa_loc,
						SIPDNS_REC_SPLIT_COPY,
						"Communicator Web Access %s name (desktop sharing), via the reverse proxy",
						pre[i]);
		}
	}
}



static void
rules(const struct sipdns_topology *t, struct sipdns_recset *s,
      struct sipdns_diag *d)
{
	(void)d;
	struct ctx c = { .t = t, .s = s, .ttl = t->options.ttl_default,
			 .ttl_srv = t->options.ttl_srv };
	pools(&c);
	sipdns_rules_servers(&c, "R2-I8", "R2-I10");
	cwa(&c);
	sign_in(&c);
	device_update(&c);
	edge(&c);
	reverse_proxy(&c);
	sipdns_rules_name_servers(&c);
	sipdns_rules_split_brain(&c);
}

/* ---- checks of this product only ---------------------------------------- */

/* R2 pools balance with hardware only; DNS load balancing came with Lync
 * Server 2010 (R2-I2). */
static void
pool_vip(const struct sipdns_pool *p, struct sipdns_diag *d)
{
	if (p->edition == SIPDNS_ENTERPRISE && p->n_front_ends >= 2 &&
	    !p->has_addr)
		sipdns_diag_add(d, SIPDNS_ERROR, p->fqdn_loc, "pool-vip-required",
			"Enterprise pool '%s' has %zu Front Ends but no 'vip'; OCS 2007 R2 pools need a hardware load balancer: add its virtual IP as vip (R2-I2)",
			p->fqdn, p->n_front_ends);
}

static void
check_pool_vip(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++)
		if (!sipdns_profile_pool_foreign(t, &t->pools[i]))
			pool_vip(&t->pools[i], d);
}

/* An OCS 2007 R2 pool in another product's topology: R2 pools balance
 * with hardware only (R2-I2; its load_balancing key is refused by the
 * parser, as the pool's product has no Lync keys). */
static void
pool_check(const struct sipdns_topology *t, const struct sipdns_pool *p,
	   struct sipdns_diag *d)
{
	(void)t;
	pool_vip(p, d);
}

/* R2's A/V Edge cannot sit behind NAT (R2-E5, §1.4); later products can. */
static void
check_av_edge_nat(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_edge *e = &t->edge;
	if (e->present && e->av.fqdn != NULL && e->av.nat)
		sipdns_diag_add(d, SIPDNS_ERROR, e->av.nat_loc, "av-edge-nat",
			"the A/V Edge external interface of OCS 2007 R2 must have a publicly routable address that is not NATed (R2-E5, §1.4): give it a public address and set nat: false");
}

/* Communicator Web Access exists in OCS 2007 and R2 only (E6). */
static void
check_cwa(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_cwa *w = &t->cwa;
	if (w->present && w->n_servers == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, w->loc, "cwa-servers",
			"cwa has no servers; list the Communicator Web Access servers");
	if (w->present && w->n_servers > 1 && !w->has_vip) {
		bool named = false;
		for (size_t i = 0; i < w->n_servers; i++)
			named |= strcmp(w->servers[i].fqdn, w->url_host) == 0;
		if (!named)
			sipdns_diag_add(d, SIPDNS_ERROR, w->loc, "cwa-vip-required",
				"cwa has %zu servers but no 'vip'; several CWA servers sit behind a load balancer whose address the URL host resolves to (E6 C)",
				w->n_servers);
	}
}

/* R2 publishes the web farm and CWA under two names, two certificates. */
static void
check_reverse_proxy(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	if (r->present && r->web_farm_fqdn && r->cwa_fqdn &&
	    strcmp(r->web_farm_fqdn, r->cwa_fqdn) == 0)
		sipdns_diag_add(d, SIPDNS_WARNING, r->cwa_loc, "rp-names",
			"the reverse proxy publishes web farm and CWA under one name '%s'; R2 publishes them under two names with two certificates",
			r->cwa_fqdn);
}

/* Devices that never signed in ask ucupdates-r2 in their DHCP domain:
 * say when the AD domain, the usual one, has no internal zone to hold it
 * (R2-I6). */
static void
check_device_update(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	char owner[LDNS_MAX_DOMAINLEN + 1];
	if (t->device_update == NULL || t->ad_domain == NULL ||
	    t->device_update_domains != NULL || is_sip_domain(t, t->ad_domain) ||
	    device_update_ad(t, owner, sizeof(owner)))
		return;
	sipdns_diag_add(d, SIPDNS_NOTE, t->device_update_loc, "device-update-domain",
		"devices no user has signed in to yet ask ucupdates-r2.<the DNS domain DHCP gives them>; the AD domain '%s' has no internal zone here, so only the SIP domains' names are written: if DHCP gives another domain, list it with device_update: {pool: %s, domains: [...]}",
		t->ad_domain, t->device_update);
}

static void
check(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	check_device_update(t, d);
	sipdns_ocs2007r2_perimeter_check(t, d);
	check_pool_vip(t, d);
	check_av_edge_nat(t, d);
	check_cwa(t, d);
	check_reverse_proxy(t, d);
	sipdns_ocs2007r2_pinpoint_check(t, d);
}


/* The names each view must not have (issue: absence is checked). */
static bool
absent(const struct sipdns_topology *t, sipdns_absent_add_fn add, void *arg)
{
	const struct sipdns_pool *p = sipdns_topology_sign_in(t);
	const struct sipdns_addr *pa = p ? sipdns_pool_address(p) : NULL;
	const char *pool = pa && pa->v4 ? pa->v4 : NULL;
	char name[LDNS_MAX_DOMAINLEN + 1], todo[LDNS_MAX_DOMAINLEN + 120];
	/* the fallback names' advice is the same for every SIP domain:
	 * written once (seven snprintf a domain were 4% of verify) */
	char fbtodo[LDNS_MAX_DOMAINLEN + 120];
	snprintf(fbtodo, sizeof(fbtodo), "delete it from the internal view, or point it at the sign-in pool%s%s: internal clients without an SRV answer sign in there",
		 pool ? " " : "", pool ? pool : "");
	bool ok = true;
	for (size_t i = 0; i < t->n_sip_domains && ok; i++) {
		const char *sip = t->sip_domains[i].name;
		struct sipdns_absent a = { .view = IN, .name = name, .todo = todo };
		/* §1.3 rule 3: _sipinternal._tcp only if TCP is allowed */
		if (!t->options.tcp_allowed) {
			join(name, sizeof(name), "_sipinternal._tcp.", sip);
			a.type = LDNS_RR_TYPE_SRV, a.fact = "S1.3-3";
			a.reason = "automatic sign-in over TCP, but TCP is not allowed";
			snprintf(todo, sizeof(todo), "delete it: clients ask it beside _sipinternaltls._tcp.%s and may sign in unencrypted or at a stale pool (or set options.tcp_allowed)", sip);
			ok = add(arg, &a);
		}
		/* §1.3: the client asks its SRV names in parallel and takes the
		 * first answer: inside, _sip._tls leads to the Access Edge */
		join(name, sizeof(name), "_sip._tls.", sip);
		a.type = LDNS_RR_TYPE_SRV, a.fact = "S1.3-P";
		a.reason = "remote-access SRV in the internal view";
		snprintf(todo, sizeof(todo), "delete it from the internal view: internal clients ask it beside _sipinternaltls._tcp.%s, take the first answer and may sign in through the Access Edge", sip);
		ok = ok && add(arg, &a);
		/* §1.3: the fallback names lead internal clients to the
		 * sign-in pool, or nowhere */
		static const char *const fb[] = { "sipinternal.", "sip.", "sipexternal." };
		for (size_t k = 0; k < 3 && ok; k++) {
			join(name, sizeof(name), fb[k], sip);
			a.type = LDNS_RR_TYPE_A, a.fact = "S1.3-A", a.allow = pool;
			a.reason = "client sign-in fallback name not at the sign-in pool";
			a.todo = fbtodo;
			ok = add(arg, &a);
		}
	}
	return ok;
}

/* Internal roles that need one A record per server (R2-I8, R2-I10). */
static const char *const server_roles[] = {
	"mediation", "av-conferencing", "web-conferencing", "archiving",
	"monitoring", "archiving-monitoring", "group-chat",
	"group-chat-compliance", NULL,
};

const struct sipdns_profile sipdns_profile_ocs2007r2 = {
	.name = "ocs2007r2",
	.title = "Office Communications Server 2007 R2",
	.short_title = "OCS 2007 R2",
	.rules = rules,
	.check = check,
	.absent = absent,
	.zones = sipdns_ocs2007r2_pinpoint_zones,
	.no_zone = sipdns_ocs2007r2_pinpoint_no_zone,
	.server_roles = server_roles,
	.ipv4_required = true,   /* R2 has no IPv6-only hosts (§1.4) */
	.certs = sipdns_ocs2007r2_certs,
	.no_m365 = true,         /* no hybrid with Microsoft 365 (F04) */
	.pool = pool_hook,
	.pool_check = pool_check,
};
