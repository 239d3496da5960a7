/* m365.c -- a SIP domain's Microsoft 365 mode: hybrid and TeamsOnly
 *
 * Per SIP domain (its m365: key), after the product's own rules:
 *   on_premises  nothing changes (the default);
 *   hybrid       the external records stay on premises (M365-H1, F04);
 *                the Edge must resolve _sipfederationtls._tcp.<sip> to
 *                the Access Edge (M365-H2) and internal clients the Web
 *                Conferencing Edge's external FQDN (M365-H3): checked, and
 *                written where a zone of the view asking holds the name;
 *   teams_only   the four Microsoft 365 records (M365-T1..T4, F05) replace
 *                the on-premises ones at those names, in the external view
 *                and, split-brain, in the internal view; every other
 *                on-premises sign-in name of the domain, internal ones
 *                included, must not exist (M365-T5), which verify asks.
 * The TeamsOnly preflight (verify --teams-only-preflight) reads every SIP
 * domain as teams_only and asks only these names (M365-G1, M365-G2).
 * A product where none of this applies says so with its no_m365 flag.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "m365.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "profile.h"
#include "records.h"
#include "zones.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL
#define PE SIPDNS_VIEW_PERIMETER

/* The Microsoft 365 records of a TeamsOnly domain (F05): the names the
 * TeamsOnly gate looks at (M365-G1). */
static const struct online {
	const char *label;   /* under <sip> */
	bool srv;
	uint16_t port;
	const char *target;
	const char *fact;
	const char *what;
} online[] = {
	{ "sip", false, 0, "sipdir.online.lync.com", "M365-T1",
	  "TeamsOnly: legacy sign-in name at Microsoft 365 (F05)" },
	{ "lyncdiscover", false, 0, "webdir.online.lync.com", "M365-T2",
	  "TeamsOnly: autodiscover at Microsoft 365 (F05)" },
	{ "_sip._tls", true, 443, "sipdir.online.lync.com", "M365-T3",
	  "TeamsOnly: client sign-in SRV at Microsoft 365 (F05)" },
	{ "_sipfederationtls._tcp", true, 5061, "sipfed.online.lync.com",
	  "M365-T4", "TeamsOnly: federation SRV at Microsoft 365 (F05)" },
};
#define N_ONLINE (sizeof(online) / sizeof(online[0]))

/* The on-premises names that must not exist once a domain is TeamsOnly
 * (M365-T5, F05: "internal records should be deleted"), with the type
 * verify asks (an A question also sees a CNAME). */
static const struct gone {
	int view;
	const char *label;
	int type;
	const char *what;
} gone[] = {
	{ IN, "_sipinternaltls._tcp", LDNS_RR_TYPE_SRV, "internal sign-in SRV" },
	{ IN, "_sipinternal._tcp", LDNS_RR_TYPE_SRV, "internal sign-in SRV (TCP)" },
	{ IN, "lyncdiscoverinternal", LDNS_RR_TYPE_A, "internal autodiscover" },
	{ IN, "sipinternal", LDNS_RR_TYPE_A, "internal fallback sign-in name" },
	{ IN, "ucupdates-r2", LDNS_RR_TYPE_A, "Device Update Service name" },
	{ EX, "sipexternal", LDNS_RR_TYPE_A, "external fallback sign-in name" },
	{ EX, "_xmpp-server._tcp", LDNS_RR_TYPE_SRV, "XMPP federation SRV" },
};
#define N_GONE (sizeof(gone) / sizeof(gone[0]))

static enum sipdns_m365_mode
mode_of(const struct sipdns_topology *t, const struct sipdns_sip_domain *sd)
{
	return t->m365_preflight ? SIPDNS_M365_TEAMS_ONLY : sd->m365;
}

/* Is owner <label>.<sip> for one of the labels of online[] or gone[]? */
static bool
on_premises_name(const char *owner, const char *sip)
{
	size_t n = strlen(owner), k = strlen(sip);
	if (n <= k + 1 || owner[n - k - 1] != '.' || strcmp(owner + n - k, sip) != 0)
		return false;
	size_t l = n - k - 1;
	for (size_t i = 0; i < N_ONLINE; i++)
		if (strlen(online[i].label) == l && strncmp(owner, online[i].label, l) == 0)
			return true;
	for (size_t i = 0; i < N_GONE; i++)
		if (strlen(gone[i].label) == l && strncmp(owner, gone[i].label, l) == 0)
			return true;
	return false;
}

/* Drop the product's records at the on-premises names of TeamsOnly
 * domains: the set is not finished yet, its records live in its arena. */
static void
drop_on_premises(const struct sipdns_topology *t, struct sipdns_recset *s)
{
	size_t w = 0;
	for (size_t i = 0; i < s->n; i++) {
		bool drop = false;
		for (size_t k = 0; k < t->n_sip_domains && !drop; k++)
			drop = mode_of(t, &t->sip_domains[k]) == SIPDNS_M365_TEAMS_ONLY &&
			       on_premises_name(s->v[i].owner, t->sip_domains[k].name);
		if (!drop)
			s->v[w++] = s->v[i];
	}
	s->n = w;
}

/* The four Microsoft 365 records of sd in view v. */
static void
add_online(const struct sipdns_topology *t, struct sipdns_recset *s,
	   enum sipdns_view_id v, const struct sipdns_sip_domain *sd)
{
	char owner[LDNS_MAX_DOMAINLEN + 1];
	struct sipdns_loc loc = sd->m365_loc.line ? sd->m365_loc : sd->loc;
	const char *split = v == IN
		? "; internal clients ask the internal view (split-brain)" : "";
	for (size_t i = 0; i < N_ONLINE; i++) {
		const struct online *o = &online[i];
		snprintf(owner, sizeof(owner), "%s.%s", o->label, sd->name);
		size_t before = s->n;
		if (o->srv)
			sipdns_recset_add_srv(s, v, owner, 100, 1, o->port,
					      o->target, t->options.ttl_srv,
					      o->fact, loc, "%s for SIP domain %s%s",
					      o->what, sd->name, split);
		else
			sipdns_recset_add_cname(s, v, owner, o->target,
						t->options.ttl_default, o->fact,
						loc, SIPDNS_REC_M365_ONLINE,
						"%s for SIP domain %s%s", o->what,
						sd->name, split);
		if (s->n > before)
			s->v[s->n - 1].flags |= SIPDNS_REC_M365_ONLINE |
				(v == IN ? SIPDNS_REC_SPLIT_COPY : 0);
	}
}

/* Does the set hold a record at owner in view v (of type, or any)? */
static const struct sipdns_record *
find(const struct sipdns_recset *s, enum sipdns_view_id v, const char *owner,
     int type)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].view == v && strcmp(s->v[i].owner, owner) == 0 &&
		    (type < 0 || s->v[i].type == (ldns_rr_type)type))
			return &s->v[i];
	return NULL;
}

/* Hybrid, M365-H2: the Edge resolves _sipfederationtls._tcp.<sip> to the
 * Access Edge. The product writes it outside; with a perimeter view (the
 * Edge's DNS), it is written there too. */
static void
hybrid_federation(const struct sipdns_topology *t, struct sipdns_recset *s,
		  struct sipdns_diag *d, const struct sipdns_sip_domain *sd)
{
	const struct sipdns_edge_service *a = &t->edge.access;
	char owner[LDNS_MAX_DOMAINLEN + 1];
	snprintf(owner, sizeof(owner), "_sipfederationtls._tcp.%s", sd->name);
	const struct sipdns_record *r = find(s, EX, owner, LDNS_RR_TYPE_SRV);
	if (!t->edge.present || a->fqdn == NULL || r == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, sd->m365_loc, "m365-hybrid-federation",
			"SIP domain %s is hybrid, but nothing gives %s to an Access Edge: in a shared SIP address space the Edge must resolve the federation SRV of every SIP domain to the Access Edge (M365-H2, F04); add edge access and options federation: true",
			sd->name, owner);
		return;
	}
	if (!t->views[PE].present || sipdns_zone_for(t, PE, owner) == NULL ||
	    find(s, PE, owner, -1) != NULL)
		return;
	sipdns_recset_add_srv(s, PE, owner, t->options.srv_priority,
			      t->options.srv_weight, 5061, a->fqdn,
			      t->options.ttl_srv, "M365-H2", sd->m365_loc,
			      "hybrid: the Edge resolves the federation SRV of SIP domain %s to the Access Edge (F04)",
			      sd->name);
	if (s->n > 0)
		s->v[s->n - 1].flags |= SIPDNS_REC_EDGE_RESOLVES;
	if (a->addr.v4 && sipdns_zone_for(t, PE, a->fqdn) && !find(s, PE, a->fqdn, -1))
		sipdns_recset_add_a(s, PE, a->fqdn, a->addr.v4,
				    t->options.ttl_default, "M365-H2", a->loc,
				    SIPDNS_REC_EDGE_RESOLVES,
				    "hybrid: the Access Edge, target of the federation SRV the Edge resolves (F04)");
}

/* The Web Conferencing Edge's external addresses: its own (a hardware
 * load-balanced VIP or one Edge), or under DNS load balancing each
 * member's web_conferencing address; how many into *n. */
static size_t
webcon_addrs(const struct sipdns_edge *e, const char **v, size_t max)
{
	size_t n = 0;
	if (e->web_conferencing.addr.v4 != NULL && n < max)
		v[n++] = e->web_conferencing.addr.v4;
	else if (e->dns_lb && e->roles != NULL)
		for (size_t i = 0; i < e->n_servers && n < max; i++)
			if (e->roles[i].web_conferencing.v4 != NULL)
				v[n++] = e->roles[i].web_conferencing.v4;
	return n;
}

/* Hybrid, M365-H3: internal clients resolve the Web Conferencing Edge's
 * external FQDN: inside too when an internal zone holds it. */
static void
hybrid_webcon(const struct sipdns_topology *t, struct sipdns_recset *s,
	      struct sipdns_diag *d, const struct sipdns_sip_domain *sd)
{
	const struct sipdns_edge_service *w = &t->edge.web_conferencing;
	const char *addr[64];
	size_t n = t->edge.present && w->fqdn != NULL
		? webcon_addrs(&t->edge, addr, 64) : 0;
	if (n == 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, sd->m365_loc, "m365-hybrid-webcon",
			"SIP domain %s is hybrid, but the topology has no Web Conferencing Edge with an address: internal clients must resolve its external FQDN to its external address (M365-H3, F04); add edge web_conferencing: {fqdn, address}, or with edge load_balancing: dns each server's web_conferencing address",
			sd->name);
		return;
	}
	if (!t->views[IN].present || sipdns_zone_for(t, IN, w->fqdn) == NULL ||
	    find(s, IN, w->fqdn, -1) != NULL)
		return;
	for (size_t i = 0; i < n; i++)
		sipdns_recset_add_a(s, IN, w->fqdn, addr[i], t->options.ttl_default,
				    "M365-H3", w->loc,
				    SIPDNS_REC_SPLIT_COPY | (n > 1 ? SIPDNS_REC_DNS_LB : 0),
				    "hybrid: internal clients resolve the Web Conferencing Edge external FQDN (F04)");
}

void
sipdns_m365_rules(const struct sipdns_topology *t, struct sipdns_recset *s,
		  struct sipdns_diag *d)
{
	if (t->product == NULL || t->product->no_m365)
		return;
	drop_on_premises(t, s);
	bool webcon_done = false;
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const struct sipdns_sip_domain *sd = &t->sip_domains[i];
		switch (mode_of(t, sd)) {
		case SIPDNS_M365_ON_PREMISES:
			break;
		case SIPDNS_M365_HYBRID:
			hybrid_federation(t, s, d, sd);
			if (!webcon_done)
				hybrid_webcon(t, s, d, sd);
			webcon_done = true;
			break;
		case SIPDNS_M365_TEAMS_ONLY:
			add_online(t, s, EX, sd);
			if (t->views[IN].present && sipdns_zone_for(t, IN, sd->name))
				add_online(t, s, IN, sd);
			break;
		}
	}
}

bool
sipdns_m365_absent(const struct sipdns_topology *t, sipdns_absent_add_fn add,
		   void *arg)
{
	if (t->product == NULL || t->product->no_m365)
		return true;
	char name[LDNS_MAX_DOMAINLEN + 1], reason[400], todo[400];
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const struct sipdns_sip_domain *sd = &t->sip_domains[i];
		if (mode_of(t, sd) != SIPDNS_M365_TEAMS_ONLY)
			continue;
		for (size_t k = 0; k < N_GONE; k++) {
			const struct gone *g = &gone[k];
			snprintf(name, sizeof(name), "%s.%s", g->label, sd->name);
			snprintf(reason, sizeof(reason),
				 "SIP domain %s is TeamsOnly: the on-premises %s must not exist, internal ones included (M365-T5, F05)",
				 sd->name, g->what);
			snprintf(todo, sizeof(todo),
				 "clients that find it still go on premises, and Microsoft's TeamsOnly gate does not look at it (M365-G2); delete %s",
				 name);
			struct sipdns_absent a = { g->view, name, g->type, reason,
						   todo, "M365-T5", NULL };
			if (!add(arg, &a))
				return false;
		}
	}
	return true;
}

bool
sipdns_m365_gate_name(const char *owner, const char *sip)
{
	size_t n = strlen(owner), k = strlen(sip);
	if (n <= k + 1 || owner[n - k - 1] != '.' || strcmp(owner + n - k, sip) != 0)
		return false;
	for (size_t i = 0; i < N_ONLINE; i++)
		if (strlen(online[i].label) == n - k - 1 &&
		    strncmp(owner, online[i].label, n - k - 1) == 0)
			return true;
	return false;
}
