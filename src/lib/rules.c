/* rules.c -- the record rules every product shares (see rules.h)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "rules.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zones.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

void
sipdns_rules_host_at(struct sipdns_rules_ctx *c, enum sipdns_view_id v,
		     const char *owner, const struct sipdns_addr *a,
		     const struct sipdns_loc *at, const char *fact,
		     unsigned flags, const char *reason)
{
	if (a == NULL)
		return;
	if (a->v4 != NULL)
		sipdns_recset_add_a(c->s, v, owner, a->v4, c->ttl, fact,
				    at ? *at : a->loc, flags, "%s", reason);
	if (a->v6 != NULL)
		sipdns_recset_add_aaaa(c->s, v, owner, a->v6, c->ttl, fact,
				       at ? *at : a->loc6, flags, "%s", reason);
}

void
sipdns_rules_host(struct sipdns_rules_ctx *c, enum sipdns_view_id v,
		  const char *owner, const struct sipdns_addr *a,
		  const char *fact, unsigned flags, const char *reason)
{
	sipdns_rules_host_at(c, v, owner, a, NULL, fact, flags, reason);
}

unsigned
sipdns_rules_self_reg(const struct sipdns_host *h, bool by_default)
{
	bool yes = h->self_reg == SIPDNS_SELF_REG_DEFAULT
		? by_default : h->self_reg == SIPDNS_SELF_REG_YES;
	return yes ? SIPDNS_REC_SELF_REGISTERED : 0;
}

void
sipdns_rules_join(char *buf, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > size - 1)
		la = size - 1;
	if (lb > size - 1 - la)
		lb = size - 1 - la;
	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	buf[la + lb] = '\0';
}

void
sipdns_rules_servers(struct sipdns_rules_ctx *c, const char *server_fact,
		     const char *chat_fact)
{
	const struct sipdns_topology *t = c->t;
	char reason[200];
	for (size_t i = 0; i < t->n_servers; i++) {
		const struct sipdns_server *s = &t->servers[i];
		bool chat = strncmp(s->role, "group-chat", 10) == 0 ||
			    strncmp(s->role, "persistent-chat", 15) == 0;
		snprintf(reason, sizeof(reason), "%s server", s->role);
		sipdns_rules_host(c, IN, s->host.fqdn, &s->host.addr,
				  chat ? chat_fact : server_fact,
				  sipdns_rules_self_reg(&s->host, false), reason);
	}
}

void
sipdns_rules_name_servers(struct sipdns_rules_ctx *c)
{
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		const struct sipdns_view *view = &c->t->views[v];
		const struct sipdns_host *last = NULL;
		for (size_t i = 0; i < view->n_zones; i++) {
			const struct sipdns_zone *z = &view->zones[i];
			/* zones without their own list share the view's */
			if (z->ns == last)
				continue;
			last = z->ns;
			for (size_t k = 0; k < z->n_ns; k++) {
				const struct sipdns_host *ns = &z->ns[k];
				/* internal name servers: domain controllers
				 * (R2-D1); the parser allows no "yes" elsewhere */
				sipdns_rules_host(c, (enum sipdns_view_id)v,
						  ns->fqdn, &ns->addr, "RFC1035",
						  sipdns_rules_self_reg(ns, v == IN),
						  "name server address");
			}
		}
	}
}

void
sipdns_rules_split_brain(struct sipdns_rules_ctx *c)
{
	struct sipdns_recset *s = c->s;
	size_t n = s->n;
	for (size_t i = 0; i < n; i++) {
		const struct sipdns_record r = s->v[i];
		if (r.view != EX || !(r.flags & SIPDNS_REC_SPLIT_COPY))
			continue;
		const struct sipdns_zone *zin = sipdns_zone_for(c->t, IN, r.owner),
					 *zex = sipdns_zone_for(c->t, EX, r.owner);
		if (zin == NULL || zex == NULL ||
		    strcmp(zin->name, zex->name) != 0)
			continue;
		bool taken = false;
		for (size_t k = 0; k < n && !taken; k++)
			taken = s->v[k].view == IN &&
				strcmp(s->v[k].owner, r.owner) == 0;
		if (taken)
			continue;
		char reason[600];
		snprintf(reason, sizeof(reason),
			 "split-brain: internal clients reach the %s", r.reason);
		ldns_rr_type type = ldns_rr_get_type(r.rr);
		char *data = ldns_rdf2str(ldns_rr_rdf(r.rr, 0));
		if (data == NULL) {
			s->oom = true;
			return;
		}
		size_t len = strlen(data);
		if (type == LDNS_RR_TYPE_CNAME && len > 1 && data[len - 1] == '.')
			data[len - 1] = '\0';
		/* a DNS load-balanced name's addresses stay one name's */
		unsigned lb = r.flags & SIPDNS_REC_DNS_LB;
		if (type == LDNS_RR_TYPE_A)
			sipdns_recset_add_a(s, IN, r.owner, data, ldns_rr_ttl(r.rr),
					    "S6", r.loc, lb | SIPDNS_REC_SPLIT_INSIDE, "%s", reason);
		else if (type == LDNS_RR_TYPE_AAAA)
			sipdns_recset_add_aaaa(s, IN, r.owner, data,
					       ldns_rr_ttl(r.rr), "S6", r.loc, lb | SIPDNS_REC_SPLIT_INSIDE,
					       "%s", reason);
		else if (type == LDNS_RR_TYPE_CNAME)
			sipdns_recset_add_cname(s, IN, r.owner, data,
						ldns_rr_ttl(r.rr), "S6", r.loc, SIPDNS_REC_SPLIT_INSIDE,
						"%s", reason);
		free(data);
	}
}

/* An A for each of a service's addresses: its own, or with e DNS load
 * balanced, each member's for that role (offset: where in struct
 * sipdns_edge_roles the role's address sits). */
void
sipdns_rules_edge_service(struct sipdns_rules_ctx *c, const struct sipdns_edge *e,
			  const struct sipdns_edge_service *svc, size_t offset,
			  const char *owner, const char *fact, unsigned flags,
			  const char *reason)
{
	if (e == NULL || !e->dns_lb || e->roles == NULL) {
		sipdns_rules_host_at(c, EX, owner, &svc->addr, NULL, fact, flags, reason);
		return;
	}
	for (size_t i = 0; i < e->n_servers; i++) {
		const struct sipdns_addr *a = (const struct sipdns_addr *)
			((const char *)&e->roles[i] + offset);
		sipdns_rules_host_at(c, EX, owner, a, NULL, fact,
				     flags | SIPDNS_REC_DNS_LB, reason);
	}
}

static void
access_edge(struct sipdns_rules_ctx *c, const struct sipdns_edge *e,
	    const struct sipdns_edge_service *acc,
	    const struct sipdns_rules_edge_facts *f)
{
	const struct sipdns_topology *t = c->t;
	const struct sipdns_options *o = &t->options;
	const size_t off = offsetof(struct sipdns_edge_roles, access);
	bool cname = e != NULL && e->sip_cname;
	char owner[LDNS_MAX_DOMAINLEN + 1], target[LDNS_MAX_DOMAINLEN + 1];
	char reason[LDNS_MAX_DOMAINLEN + 64];
	sipdns_rules_edge_service(c, e, acc, off, acc->fqdn, f->external, 0,
				  "Access Edge external interface");
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const char *sip = t->sip_domains[i].name;
		struct sipdns_loc loc = t->sip_domains[i].loc;
		if (!o->remote_access && !o->federation)
			break;
		/* the SRV domain must match the certificate name,
		 * sip.<domain> (anti-spoofing, S07/S09); as a CNAME to the
		 * Access Edge (F01, E14), the SRVs target the Access Edge
		 * FQDN itself, as an SRV target is no alias (RFC 2782) */
		sipdns_rules_join(target, sizeof(target), "sip.", sip);
		sipdns_rules_join(reason, sizeof(reason),
				  "Access Edge external name for SIP domain ", sip);
		if (cname && strcmp(target, acc->fqdn) != 0)
			sipdns_recset_add_cname(c->s, EX, target, acc->fqdn, c->ttl,
						f->sip_name, e->sip_record_loc, 0,
						"%s, an alias of the Access Edge FQDN", reason);
		else
			sipdns_rules_edge_service(c, e, acc, off, target, f->sip_name,
						  0, reason);
		const char *srv = cname ? acc->fqdn : target;
		if (o->remote_access) {
			sipdns_rules_join(owner, sizeof(owner), "_sip._tls.", sip);
			sipdns_recset_add_srv(c->s, EX, owner, o->srv_priority,
					      o->srv_weight, 443, srv,
					      c->ttl_srv, f->remote_srv, loc,
					      "remote user sign-in for SIP domain %s", sip);
		}
		if (o->federation) {
			sipdns_rules_join(owner, sizeof(owner),
					  "_sipfederationtls._tcp.", sip);
			sipdns_recset_add_srv(c->s, EX, owner, o->srv_priority,
					      o->srv_weight, 5061, srv,
					      c->ttl_srv, f->fed_srv, loc,
					      "federation for SIP domain %s", sip);
		}
		if (o->sipexternal) {
			sipdns_rules_join(owner, sizeof(owner), "sipexternal.",
					  sip);
			sipdns_rules_edge_service(c, e, acc, off, owner, f->sipexternal,
						  0, "external sign-in fallback name");
		}
	}
}

void
sipdns_rules_access_edge(struct sipdns_rules_ctx *c,
			 const struct sipdns_edge_service *acc,
			 const struct sipdns_rules_edge_facts *f)
{
	access_edge(c, NULL, acc, f);
}

void
sipdns_rules_access_edge_pool(struct sipdns_rules_ctx *c,
			      const struct sipdns_edge *e,
			      const struct sipdns_rules_edge_facts *f)
{
	access_edge(c, e, &e->access, f);
}
