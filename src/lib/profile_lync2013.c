/* profile_lync2013.c -- Lync Server 2013: its records, checks and roles
 *
 * One place for the product's knowledge, as ../shared/reference/ocs-dns.md
 * §3 gives it. What Lync Server 2013 keeps from 2010 (DNS load-balanced
 * pools, internal web services, simple URLs, the two lyncdiscover names,
 * the sign-in SRV, the Edge, the reverse proxy) is written by
 * profile_lync_common.c with this product's fact ids (L13-*); what is new
 * is here: XMPP federation (_xmpp-server._tcp.<sip> 5269 and the XMPP
 * proxy's address, L13-04), the Office Web Apps farm (internal at its
 * VIP, external at the reverse proxy, L13-05), the Director's and Front
 * End's external web services both published (L13-05) and IPv6: an
 * AAAA for each ipv6, dual stack or IPv6 only (L13-12, L13-13, L13-16).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "profile_lync_common.h"
#include "records.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

static const struct sipdns_lync_facts facts = {
	.title = "Lync Server 2013",
	.se = "L13-03", .pool = "L13-03", .dns_lb = "L13-01",
	.director = "L13-11", .sign_in = "L13-02", .tcp = "L13-01",
	.fallback = "L13-01", .sipexternal = "L13-01", .device_update = "L10-04",
	.simple = "L13-06", .mobility = "L13-09", .edge = "L13-04",
	.edge_sip = "L13-04", .rp = "L13-05", .chat = "L13-15", .server = "R2-I8",
};

/* The XMPP proxy's address: its own, else the Access Edge's (L13-04). */
static const struct sipdns_addr *
xmpp_address(const struct sipdns_topology *t)
{
	const struct sipdns_addr *a = &t->xmpp->addr;
	if (a->v4 != NULL || a->v6 != NULL)
		return a;
	return t->edge.present && t->edge.access.fqdn != NULL
		? &t->edge.access.addr : NULL;
}

/* XMPP federation (L13-04): _xmpp-server._tcp.<sip> 5269 to the XMPP
 * proxy, and the proxy's name at the Access Edge address hosting it. */
static void
xmpp(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_host *x = t->xmpp;
	if (x == NULL || x->fqdn == NULL || xmpp_address(t) == NULL)
		return;   /* none, or no address (lync2013-xmpp-address) */
	const struct sipdns_options *o = &t->options;
	char owner[LDNS_MAX_DOMAINLEN + 1];
	sipdns_lync_host_at(c, EX, x->fqdn, xmpp_address(t), x->loc, "L13-04", 0,
			    "XMPP proxy on the Access Edge (XMPP federation)");
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		snprintf(owner, sizeof(owner), "_xmpp-server._tcp.%s", sip);
		sipdns_recset_add_srv(c->s, EX, owner, o->srv_priority,
				      o->srv_weight, 5269, x->fqdn, c->ttl_srv,
				      "L13-04", t->sip_domains[i].loc,
				      "XMPP federation for SIP domain %s", sip);
	}
}

/* The Office Web Apps farm (L13-05): inside at its VIP, outside at the
 * reverse proxy that publishes it. */
static void
office_web_apps(struct sipdns_lync_ctx *c)
{
	const struct sipdns_host *w = c->t->office_web_apps;
	if (w == NULL || w->fqdn == NULL)
		return;
	sipdns_lync_host(c, IN, w->fqdn, &w->addr, "L13-05", 0,
			 "Office Web Apps farm (internal VIP)");
	if (c->t->reverse_proxy.present)
		sipdns_lync_host_at(c, EX, w->fqdn, &c->t->reverse_proxy.addr,
				    w->loc, "L13-05", 0,
				    "Office Web Apps farm, published by the reverse proxy");
}

/* Each pool's external web services FQDN at the reverse proxy: with
 * Directors, both theirs and the Front End pool's (L13-05). */
static void
external_web(struct sipdns_lync_ctx *c)
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
				    p->external_web_loc, "L13-05",
				    SIPDNS_REC_SPLIT_COPY, reason);
	}
}

static void
rules(const struct sipdns_topology *t, struct sipdns_recset *s,
      struct sipdns_diag *d)
{
	(void)d;
	struct sipdns_lync_ctx c = { .t = t, .s = s, .f = &facts, .ipv6 = true,
				     .ttl = t->options.ttl_default,
				     .ttl_srv = t->options.ttl_srv };
	sipdns_lync_pools(&c);
	sipdns_lync_servers(&c);
	sipdns_lync_sign_in(&c);
	sipdns_lync_device_update(&c);
	sipdns_lync_simple_urls(&c);
	sipdns_lync_mobility(&c);
	sipdns_lync_edge(&c);
	xmpp(&c);
	sipdns_lync_reverse_proxy(&c);
	external_web(&c);
	office_web_apps(&c);
	sipdns_lync_name_servers(&c);
	sipdns_lync_split_brain(&c);
}

/* ---- checks of this product only ---------------------------------------- */

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
check_director_web(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		if (p->role != SIPDNS_ROLE_DIRECTOR || p->external_web != NULL)
			continue;
		sipdns_diag_add(d, SIPDNS_ERROR, p->fqdn_loc, "lync2013-director-web",
			"Director pool '%s' has no external_web: with Directors the reverse proxy publishes both the Director's and the Front End pool's external web services (L13-05); add external_web: FQDN (e.g. webdirext.<domain>)%s",
			p->fqdn, t->reverse_proxy.present ? "" : " and a reverse_proxy");
	}
}

static void
check_xmpp(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	if (t->xmpp == NULL || t->xmpp->fqdn == NULL || xmpp_address(t) != NULL)
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
check_ipv6_scope(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	static const char *const names[] = { "global", "unique local", "link-local" };
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
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
}

static void
check(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	sipdns_lync_check_pools(t, &facts, d);
	sipdns_lync_check_cwa(t, &facts, d);
	sipdns_lync_check_simple_urls(t, &facts, d);
	sipdns_lync_check_mobility(t, &facts, d);
	check_same_domain(t, d);
	check_director_web(t, d);
	check_xmpp(t, d);
	check_ipv6_scope(t, d);
	sipdns_lync_check_smtp(t, &facts, d);
}

/* Internal roles that need one A record per server (R2-I8; Persistent
 * Chat replaces Group Chat, L13-15). */
static const char *const server_roles[] = {
	"mediation", "av-conferencing", "archiving", "monitoring",
	"persistent-chat", "persistent-chat-compliance", NULL,
};

const struct sipdns_profile sipdns_profile_lync2013 = {
	.name = "lync2013",
	.title = "Lync Server 2013",
	.short_title = "Lync Server 2013",
	.rules = rules,
	.check = check,
	.server_roles = server_roles,
	.ipv4_required = false,  /* IPv6 only allowed (L13-13, L13-16) */
	.certs = NULL,
};
