/* profile_sfb_common.c -- what Skype for Business Server 2015, 2019 and
 * Subscription Edition share
 *
 * ../shared/reference/ocs-dns.md §4 gives 2015 and 2019 one set of DNS
 * tables (F01, F02, F03; Examples E12-E14); Subscription Edition's
 * configuration is that of 2019. What Lync Server 2013 rules carry over
 * (pools, DNS load balancing, web services, simple URLs, mobility, the
 * Edge, the reverse proxy, XMPP in 2015, Office Web Apps, IPv6) is
 * written by profile_lync_common.c with the Skype for Business facts;
 * what is new is here:
 * - the internal sip.<sip> and _sipinternaltls._tcp.<sip> only for
 *   clients older than Lync 2013 and desk phones (legacy_clients, F01);
 * - _ntp._udp.<sip> to the desk phones' time server (ntp_server, F01);
 * - the internal _sipfederationtls._tcp.<sip> to the Edge internal FQDN,
 *   "for mobile client support" (F01, E13);
 * - external sip.<sip> as an A or a CNAME to the Access Edge FQDN
 *   (edge sip_record, F01, E14);
 * - the Edge's NAT and per-role address rules (F03).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile_sfb_common.h"

#include "profile_lync_common.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "profile.h"
#include "records.h"
#include "rules.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

const struct sipdns_lync_facts sipdns_sfb_facts = {
	.title = "Skype for Business Server",
	.se = "F01", .pool = "F01", .dns_lb = "F01", .director = "F01",
	.sign_in = "F01", .tcp = "F01", .fallback = "L13-01", .sipexternal = "F02",
	.device_update = "F01", .simple = "F01", .mobility = "F01",
	.edge = "F03", .edge_sip = "F01", .rp = "F01", .chat = "L13-15",
	.server = "R2-I8", .xmpp = "F03", .owa = "F01", .external_web = "L13-05",
};

/* legacy_clients: unset, they are there (Microsoft's tables list the
 * records, F01). */
static bool
legacy(const struct sipdns_topology *t)
{
	return t->legacy_clients_set ? t->legacy_clients : true;
}

/* Clients older than Lync 2013 and desk phones (F01): the sign-in SRV
 * and the internal sip.<sip> at the sign-in pool (each Front End under
 * DNS load balancing, E13). */
static void
legacy_sign_in(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_pool *p = sipdns_topology_sign_in(t);
	if (!legacy(t) || p == NULL)
		return;
	sipdns_lync_sign_in(c);
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		sipdns_rules_join(owner, sizeof(owner), "sip.", t->sip_domains[i].name);
		sipdns_lync_at_pool(c, p, owner, "F01",
				    "sign-in name for clients older than Lync 2013 and desk phones");
	}
}

/* _ntp._udp.<sip> 123 to the time server Lync Phone Edition desk phones
 * ask (F01, E13), and its address when the topology gives one. */
static void
ntp(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_host *h = t->ntp_server;
	if (h == NULL)
		return;
	const struct sipdns_options *o = &t->options;
	bool own = h->addr.v4 != NULL || h->addr.v6 != NULL;
	if (own)
		sipdns_lync_host(c, IN, h->fqdn, &h->addr, "F01", 0,
				 "time server of the desk phones");
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		sipdns_rules_join(owner, sizeof(owner), "_ntp._udp.", sip);
		size_t n = c->s->n;
		sipdns_recset_add_srv(c->s, IN, owner, o->srv_priority, o->srv_weight,
				      123, h->fqdn, c->ttl_srv, "F01", h->loc,
				      "time server for Lync Phone Edition desk phones, SIP domain %s",
				      sip);
		if (!own)
			sipdns_recset_flag_last(c->s, n, SIPDNS_REC_FOREIGN_TARGET);
	}
}

/* The internal _sipfederationtls._tcp.<sip> 5061 to the Edge internal
 * FQDN, "for mobile client support" (F01, E13): with mobility and an
 * Edge. */
static void
internal_federation(struct sipdns_lync_ctx *c)
{
	const struct sipdns_topology *t = c->t;
	if (t->mobility == NULL || !t->edge.present || t->edge.internal.fqdn == NULL)
		return;
	const struct sipdns_options *o = &t->options;
	char owner[LDNS_MAX_DOMAINLEN + 1];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		sipdns_rules_join(owner, sizeof(owner), "_sipfederationtls._tcp.", sip);
		sipdns_recset_add_srv(c->s, IN, owner, o->srv_priority, o->srv_weight,
				      5061, t->edge.internal.fqdn, c->ttl_srv, "F01",
				      t->mobility->loc,
				      "mobile client support (push notifications) for SIP domain %s, at the Edge internal interface",
				      sip);
	}
}

static void
sfb_rules(const struct sipdns_topology *t, struct sipdns_recset *s, bool xmpp)
{
	struct sipdns_lync_ctx c = { .t = t, .s = s, .f = &sipdns_sfb_facts,
				     .ipv6 = true, .ttl = t->options.ttl_default,
				     .ttl_srv = t->options.ttl_srv };
	sipdns_lync_pools(&c);
	sipdns_lync_servers(&c);
	legacy_sign_in(&c);
	ntp(&c);
	sipdns_lync_device_update(&c);
	sipdns_lync_simple_urls(&c);
	sipdns_lync_mobility(&c);
	internal_federation(&c);
	sipdns_lync_edge(&c);
	if (xmpp)
		sipdns_lync_xmpp(&c);
	sipdns_lync_reverse_proxy(&c);
	sipdns_lync_external_web(&c);
	sipdns_lync_office_web_apps(&c);
	sipdns_lync_name_servers(&c);
	sipdns_lync_split_brain(&c);
}

/* A Skype for Business Server pool in another product's topology (a
 * migration): its names with the Skype for Business facts. */
void
sipdns_sfb_pool(const struct sipdns_topology *t, const struct sipdns_pool *p,
		struct sipdns_recset *s)
{
	struct sipdns_lync_ctx c = { .t = t, .s = s, .f = &sipdns_sfb_facts,
				     .ipv6 = true, .ttl = t->options.ttl_default,
				     .ttl_srv = t->options.ttl_srv };
	sipdns_lync_pool(&c, p);
}

/* ---- checks ---------------------------------------------------------------- */

void
sipdns_sfb_pool_check(const struct sipdns_topology *t,
		      const struct sipdns_pool *p, struct sipdns_diag *d)
{
	sipdns_lync_check_pool(p, &sipdns_sfb_facts, d);
	sipdns_lync_check_pool_2013(t, p, d);
}

/* Without the legacy records, clients find their pool only through the
 * two lyncdiscover names (L13-01, F02); desk phones still need them. */
static void
check_legacy(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	if (legacy(t))
		return;
	if (t->mobility == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, t->legacy_clients_loc, "sfb-sign-in",
			"with legacy_clients: false there is no _sipinternaltls._tcp.<sip> and no internal sip.<sip> (F01), and without mobility no lyncdiscoverinternal.<sip> or lyncdiscover.<sip> either: clients find no pool (L13-01); add mobility: {pool: POOL} and a reverse_proxy, or set legacy_clients: true");
	if (t->ntp_server != NULL)
		sipdns_diag_add(d, SIPDNS_WARNING, t->ntp_server->loc, "sfb-desk-phones",
			"ntp_server is for desk phones, but with legacy_clients: false they find no pool: desk phones sign in with _sipinternaltls._tcp.<sip> and sip.<sip> (F01); set legacy_clients: true, or remove ntp_server");
}

/* The Edge's addresses (F03): NAT only with DNS load balancing for a
 * pool (with a hardware load balancer the external side is public and
 * not NATed), at most 12 members, an address per role. */
static void
check_edge(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_edge *e = &t->edge;
	if (!e->present)
		return;
	const struct sipdns_edge_service *svc[] = { &e->access, &e->web_conferencing, &e->av };
	static const char *const names[] = { "access", "web_conferencing", "av" };
	for (size_t k = 0; k < 3; k++)
		if (svc[k]->fqdn != NULL && svc[k]->nat && e->n_servers >= 2 && !e->dns_lb)
			sipdns_diag_add(d, SIPDNS_ERROR, svc[k]->nat_loc, "sfb-edge-nat-hlb",
				"the Edge pool of %zu servers is balanced by hardware, so its %s external address must be publicly routable and not NATed: NAT (symmetric NAT only) is supported for an Edge pool only with DNS load balancing (F03); set nat: false with a public address, or edge load_balancing: dns",
				e->n_servers, names[k]);
	if (e->n_servers > 12)
		sipdns_diag_add(d, SIPDNS_WARNING, e->servers[12].loc, "sfb-edge-pool-size",
			"the Edge pool has %zu servers: up to 12 are supported (Topology Builder allows 20, untested, F03); split it into pools of 12 or fewer",
			e->n_servers);
	/* one address per role: a shared one needs distinct ports,
	 * "possible but discouraged" (F03) */
	for (size_t k = 0; k < 3; k++)
		for (size_t j = k + 1; j < 3; j++) {
			const struct sipdns_addr *a = &svc[k]->addr, *b = &svc[j]->addr;
			if (!e->dns_lb && svc[k]->fqdn && svc[j]->fqdn && a->v4 && b->v4 &&
			    strcmp(a->v4, b->v4) == 0)
				sipdns_diag_add(d, SIPDNS_WARNING, b->loc, "sfb-edge-role-ips",
					"the Edge's %s and %s share the address %s: a single address with distinct ports is possible but discouraged, as remote firewalls may block ports 5061 and 444 (F03); give each role an address of its own",
					names[k], names[j], a->v4);
			for (size_t i = 0; e->dns_lb && e->roles && i < e->n_servers; i++) {
				const struct sipdns_edge_roles *r = &e->roles[i];
				const struct sipdns_addr *ra[] = { &r->access, &r->web_conferencing, &r->av };
				if (ra[k]->v4 && ra[j]->v4 && strcmp(ra[k]->v4, ra[j]->v4) == 0)
					sipdns_diag_add(d, SIPDNS_WARNING, ra[j]->loc, "sfb-edge-role-ips",
						"Edge server '%s' has the same address %s for %s and %s: a single address with distinct ports is possible but discouraged, as remote firewalls may block ports 5061 and 444 (F03); give each role an address of its own",
						e->servers[i].fqdn, ra[k]->v4, names[k], names[j]);
			}
		}
}

void
sipdns_sfb_check(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_lync_facts *f = &sipdns_sfb_facts;
	sipdns_lync_check_pools(t, f, d);
	sipdns_lync_check_cwa(t, f, d);
	sipdns_lync_check_simple_urls(t, f, d);
	sipdns_lync_check_mobility(t, f, d);
	sipdns_lync_check_edge_pool(t, f, d);
	sipdns_lync_check_2013(t, d);
	sipdns_lync_check_smtp(t, f, d);
	check_legacy(t, d);
	check_edge(t, d);
}

void
sipdns_sfb_rules_xmpp(const struct sipdns_topology *t, struct sipdns_recset *s,
		      struct sipdns_diag *d)
{
	(void)d;
	sfb_rules(t, s, true);
}

void
sipdns_sfb_rules_no_xmpp(const struct sipdns_topology *t,
			 struct sipdns_recset *s, struct sipdns_diag *d)
{
	(void)d;
	sfb_rules(t, s, false);
}

void
sipdns_sfb_check_no_xmpp(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	sipdns_sfb_check(t, d);
	if (t->xmpp != NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, t->xmpp->loc, "sfb2019-no-xmpp",
			"%s has no XMPP federation: XMPP gateways and proxies are no longer supported from Skype for Business Server 2019 on (F03), so no _xmpp-server._tcp record is written; remove xmpp, and the _xmpp-server._tcp.<sip> SRV from the external zone",
			t->product->short_title);
}

/* Internal roles that need one A record per server (R2-I8; Persistent
 * Chat, L13-15, is a Skype for Business Server 2015 role). */
const char *const sipdns_sfb_server_roles[] = {
	"mediation", "av-conferencing", "archiving", "monitoring",
	"persistent-chat", "persistent-chat-compliance", NULL,
};
