/* parse.c -- YAML topology to model
 *
 * The second of two passes: yamltree.c turns the text into a tree of nodes
 * that keep their positions; this file walks the tree into the model.
 * Every problem becomes a diagnostic and the walk goes on, so one run
 * reports all errors of a file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "fileio.h"
#include "model.h"
#include "parse_certs.h"
#include "parse_coexist.h"
#include "parse_lync.h"
#include "parse_sfb.h"
#include "parse_value.h"
#include "parse_views.h"
#include "profile.h"
#include "vec.h"
#include "yamltree.h"
#include "zones.h"

static bool
get_pool_edition(struct sipdns_parse_ctx *c,
		 const struct sipdns_yamltree_node *n, struct sipdns_pool *p)
{
	const struct sipdns_yamltree_node *v;
	if (!sipdns_parse_require(c, n, "edition", "pool", &v))
		return false;
	const char *s = sipdns_parse_str(c, v, "edition");
	if (s && strcmp(s, "standard") == 0) {
		p->edition = SIPDNS_STANDARD;
	} else if (s && strcmp(s, "enterprise") == 0) {
		p->edition = SIPDNS_ENTERPRISE;
	} else {
		if (s)
			sipdns_parse_err(c, v, "edition must be 'standard' (Standard Edition server) or 'enterprise' (Enterprise pool), not '%.60s'", s);
		return false;
	}
	return true;
}

static bool
get_pool_role(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	      struct sipdns_pool *p)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(n, "role");
	if (v == NULL)
		return true;
	const char *s = sipdns_parse_str(c, v, "role");
	if (s && strcmp(s, "front-end") == 0) {
		p->role = SIPDNS_ROLE_FRONT_END;
	} else if (s && strcmp(s, "director") == 0) {
		p->role = SIPDNS_ROLE_DIRECTOR;
	} else if (s) {
		sipdns_parse_err(c, v, "pool role must be 'front-end' or 'director', not '%.60s'", s);
		return false;
	}
	return true;
}

/* A Standard Edition server: its own address, self-registered (R2-I1). */
static bool
get_pool_standard(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *n, struct sipdns_pool *p)
{
	const struct sipdns_yamltree_node *v;
	bool good = true;
	if ((v = sipdns_yamltree_map_get(n, "vip")) != NULL) {
		sipdns_parse_err(c, v, "a Standard Edition server takes 'address' (its own IPv4 address), not 'vip'");
		good = false;
	}
	if ((v = sipdns_yamltree_map_get(n, "front_ends")) != NULL) {
		sipdns_parse_err(c, v, "a Standard Edition server has no 'front_ends'; use edition: enterprise for a pool");
		good = false;
	}
	if (!sipdns_parse_addr(c, n, "address", "address", true, &p->addr))
		good = false;
	p->has_addr = p->addr.v4 != NULL;
	p->self_registered = true;   /* R2-I1 */
	return good;
}

/* An Enterprise pool: a load balancer VIP and its Front Ends. */
static bool
get_pool_enterprise(struct sipdns_parse_ctx *c,
		    const struct sipdns_yamltree_node *n, struct sipdns_pool *p)
{
	const struct sipdns_yamltree_node *v;
	bool good = true;
	if ((v = sipdns_yamltree_map_get(n, "address")) != NULL) {
		sipdns_parse_err(c, v, "an Enterprise pool takes 'vip' (the hardware load balancer's virtual IP), not 'address'");
		good = false;
	}
	if (!sipdns_parse_addr(c, n, "vip", "vip", false, &p->addr))
		good = false;
	p->has_addr = p->addr.v4 != NULL;
	const struct sipdns_yamltree_node *fe;
	if (sipdns_parse_require(c, n, "front_ends", "enterprise pool", &fe))
		p->front_ends = sipdns_parse_hosts(c, fe, "front end",
				sipdns_parse_host_keys_self_reg, &p->n_front_ends);
	else
		good = false;
	return good;
}

/* web_farm, web_conferencing, auto_sign_in and self_registered, whatever
 * the edition. */
static void
get_pool_extras(struct sipdns_parse_ctx *c,
		const struct sipdns_yamltree_node *n, struct sipdns_pool *p)
{
	const struct sipdns_yamltree_node *v;
	static const char *const names[] = { "web_farm", "web_conferencing" };
	struct sipdns_host *hosts[] = { &p->web_farm, &p->web_conferencing };
	for (size_t i = 0; i < 2; i++) {
		if ((v = sipdns_yamltree_map_get(n, names[i])) == NULL)
			continue;
		if (v->kind == SIPDNS_YAMLTREE_SCALAR) {
			hosts[i]->fqdn = sipdns_parse_fqdn(c, v, names[i]);
			hosts[i]->loc = v->loc;
		} else {
			sipdns_parse_host(c, v, names[i], NULL, false, hosts[i]);
		}
	}
	if ((v = sipdns_yamltree_map_get(n, "auto_sign_in")) != NULL) {
		sipdns_parse_bool(c, v, "auto_sign_in", &p->auto_sign_in);
		p->sign_in_loc = v->loc;
	}
	if ((v = sipdns_yamltree_map_get(n, "self_registered")) == NULL)
		return;
	if (p->edition == SIPDNS_ENTERPRISE)
		sipdns_parse_err(c, v, "an Enterprise pool's name never registers itself: it is created by hand (R2-I1); set self_registered on each of its front_ends instead");
	else
		sipdns_parse_bool(c, v, "self_registered", &p->self_registered);
}

static void
get_pool(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	 struct sipdns_pool *p, bool *ok)
{
	static const char *const keys[] = {
		"fqdn", "edition", "role", "address", "vip", "ipv6",
		"front_ends", "web_farm", "web_conferencing", "auto_sign_in",
		"self_registered", "certificate", "load_balancing", "external_web",
		"product", NULL };
	*ok = false;
	memset(p, 0, sizeof(*p));
	p->loc = n->loc;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "pool"))
		return;
	sipdns_parse_check_keys(c, n, keys, "pool");
	const struct sipdns_yamltree_node *v;
	if (sipdns_parse_require(c, n, "fqdn", "pool", &v)) {
		p->fqdn = sipdns_parse_fqdn(c, v, "pool fqdn");
		p->fqdn_loc = v->loc;
	}
	bool good = p->fqdn != NULL;
	if (!get_pool_edition(c, n, p))
		good = false;
	if (!get_pool_role(c, n, p))
		good = false;
	if (good && p->edition == SIPDNS_STANDARD)
		good = get_pool_standard(c, n, p);
	else if (good)
		good = get_pool_enterprise(c, n, p);
	get_pool_extras(c, n, p);
	sipdns_parse_pool_product(c, n, p);
	sipdns_parse_lync_pool(c, n, p);
	*ok = good;
}

static void
get_edge_service(struct sipdns_parse_ctx *c,
		 const struct sipdns_yamltree_node *n, const char *what,
		 bool addr_required, struct sipdns_edge_service *s)
{
	static const char *const keys[] = { "fqdn", "address", "ipv6", "nat",
		"certificate", NULL };
	struct sipdns_host h;
	if (!sipdns_parse_host(c, n, what, keys, addr_required, &h))
		return;
	s->fqdn = h.fqdn;
	s->loc = h.loc;
	s->addr = h.addr;
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(n, "nat");
	if (v != NULL) {
		sipdns_parse_bool(c, v, "nat", &s->nat);
		s->nat_loc = v->loc;
	}
}

static void
get_edge(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	 struct sipdns_edge *e)
{
	static const char *const keys[] = { "internal", "servers", "access",
		"web_conferencing", "av", "next_hop", "load_balancing",
		"sip_record", NULL };
	static const char *const internal_keys[] = { "fqdn", "address", "ipv6",
		"certificate", NULL };
	e->present = true;
	e->loc = n->loc;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "edge"))
		return;
	sipdns_parse_check_keys(c, n, keys, "edge");
	/* load_balancing, sip_record (parse_lync.c): a DNS load-balanced
	 * pool's addresses are its members' */
	sipdns_parse_lync_edge(c, n, e);
	sipdns_parse_sfb_edge(c, n, e);
	const struct sipdns_yamltree_node *v;
	if (sipdns_parse_require(c, n, "internal", "edge", &v))
		sipdns_parse_host(c, v, "edge internal interface", internal_keys, !e->dns_lb, &e->internal);
	if ((v = sipdns_yamltree_map_get(n, "servers")) != NULL)
		sipdns_parse_lync_edge_servers(c, v, e);
	if ((v = sipdns_yamltree_map_get(n, "access")) != NULL)
		get_edge_service(c, v, "access edge", !e->dns_lb, &e->access);
	if ((v = sipdns_yamltree_map_get(n, "web_conferencing")) != NULL)
		get_edge_service(c, v, "web conferencing edge", !e->dns_lb, &e->web_conferencing);
	if ((v = sipdns_yamltree_map_get(n, "av")) != NULL)
		get_edge_service(c, v, "A/V edge", !e->dns_lb, &e->av);
	if ((v = sipdns_yamltree_map_get(n, "next_hop")) != NULL) {
		e->next_hop = sipdns_parse_fqdn(c, v, "next_hop");
		e->next_hop_loc = v->loc;
	}
}

static void
get_cwa(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	struct sipdns_cwa *w)
{
	static const char *const keys[] = { "url_host", "vip", "ipv6", "servers",
		"certificate", NULL };
	w->present = true;
	w->loc = n->loc;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "cwa"))
		return;
	sipdns_parse_check_keys(c, n, keys, "cwa");
	const struct sipdns_yamltree_node *v;
	if (sipdns_parse_require(c, n, "url_host", "cwa", &v)) {
		w->url_host = sipdns_parse_fqdn(c, v, "cwa url_host");
		w->url_host_loc = v->loc;
	}
	sipdns_parse_addr(c, n, "vip", "cwa vip", false, &w->vip);
	w->has_vip = w->vip.v4 != NULL;
	if (sipdns_parse_require(c, n, "servers", "cwa", &v))
		w->servers = sipdns_parse_hosts(c, v, "cwa server",
				sipdns_parse_host_keys_self_reg, &w->n_servers);
}

static void
get_reverse_proxy(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *n,
		  struct sipdns_reverse_proxy *r)
{
	static const char *const keys[] = { "address", "ipv6", "web_farm_fqdn",
					    "cwa_fqdn", "certificate", NULL };
	r->present = true;
	r->loc = n->loc;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "reverse_proxy"))
		return;
	sipdns_parse_check_keys(c, n, keys, "reverse_proxy");
	sipdns_parse_addr(c, n, "address", "reverse proxy address", true, &r->addr);
	const struct sipdns_yamltree_node *v;
	if (sipdns_parse_require(c, n, "web_farm_fqdn", "reverse_proxy", &v)) {
		r->web_farm_fqdn = sipdns_parse_fqdn(c, v, "web_farm_fqdn");
		r->web_farm_loc = v->loc;
	}
	if ((v = sipdns_yamltree_map_get(n, "cwa_fqdn")) != NULL) {
		r->cwa_fqdn = sipdns_parse_fqdn(c, v, "cwa_fqdn");
		r->cwa_loc = v->loc;
	}
}

static void
get_options(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	    struct sipdns_options *o)
{
	static const char *const keys[] = { "tcp_allowed", "remote_access",
		"federation", "strict_dns_naming", "fallback_names",
		"sipexternal", "srv_priority", "srv_weight", NULL };
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "options"))
		return;
	sipdns_parse_check_keys(c, n, keys, "options");
	struct { const char *k; bool *p; } b[] = {
		{ "tcp_allowed", &o->tcp_allowed },
		{ "remote_access", &o->remote_access },
		{ "federation", &o->federation },
		{ "strict_dns_naming", &o->strict_dns_naming },
		{ "fallback_names", &o->fallback_names },
		{ "sipexternal", &o->sipexternal },
	};
	const struct sipdns_yamltree_node *v;
	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if ((v = sipdns_yamltree_map_get(n, b[i].k)) != NULL)
			sipdns_parse_bool(c, v, b[i].k, b[i].p);
	uint32_t u;
	if ((v = sipdns_yamltree_map_get(n, "srv_priority")) != NULL &&
	    sipdns_parse_u32(c, v, "srv_priority", 0, 65535, &u))
		o->srv_priority = (uint16_t)u;
	if ((v = sipdns_yamltree_map_get(n, "srv_weight")) != NULL &&
	    sipdns_parse_u32(c, v, "srv_weight", 0, 65535, &u))
		o->srv_weight = (uint16_t)u;
}

/* product: a name of the registry (profile.h); it sets the policy the
 * rest of the topology is read with. */
static void
get_product(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *root)
{
	const struct sipdns_yamltree_node *v;
	if (!sipdns_parse_require(c, root, "product", "the topology", &v))
		return;
	const char *s = sipdns_parse_str(c, v, "product");
	c->t->product_loc = v->loc;
	if (s == NULL)
		return;
	const struct sipdns_profile *p = sipdns_profile_find(s);
	if (p == NULL) {
		char names[256];
		sipdns_profile_list(names, sizeof(names), false, false, ", ");
		sipdns_parse_err(c, v, "product must be one of %s, not '%.60s'",
				 names, s);
		return;
	}
	c->t->product = p;
	c->policy = sipdns_profile_policy(p);
}

/* A SIP domain's m365: on_premises, hybrid or teams_only (m365.c); not
 * for a product where Microsoft 365 does not apply (its no_m365 flag). */
static void
get_m365(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *w,
	 struct sipdns_sip_domain *sd)
{
	static const char *const modes[] = { "on_premises", "hybrid",
					      "teams_only", NULL };
	const char *s = sipdns_parse_str(c, w, "m365");
	size_t k = 0;
	sd->m365_loc = w->loc;
	while (s && modes[k] && strcmp(modes[k], s) != 0)
		k++;
	if (s && modes[k] == NULL) {
		sipdns_parse_err(c, w, "m365: '%.40s' is not a Microsoft 365 mode; write on_premises (the default), hybrid (shared SIP address space, F04) or teams_only (the Microsoft 365 records, F05)", s);
		return;
	}
	if (s == NULL)
		return;
	const struct sipdns_profile *p = c->t->product ? c->t->product : c->policy;
	if (k != SIPDNS_M365_ON_PREMISES && p && p->no_m365) {
		sipdns_parse_err(c, w, "m365: %s does not apply to %s: hybrid with Microsoft 365 needs Lync Server 2013 or later (F04); remove the key or write on_premises",
				 s, p->short_title);
		return;
	}
	sd->m365 = (enum sipdns_m365_mode)k;
}

/* One SIP domain: its name, or {name, internal: zone|pinpoint|manual}
 * (README "Pin-point zones"). True when it has a valid name. */
static bool
get_sip_domain(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *e,
	       struct sipdns_sip_domain *sd)
{
	static const char *const keys[] = { "name", "internal", "m365", NULL };
	static const char *const ways[] = { "zone", "pinpoint", "manual", NULL };
	const struct sipdns_yamltree_node *n = e, *w;
	*sd = (struct sipdns_sip_domain){ 0 };
	if (e->kind == SIPDNS_YAMLTREE_MAP) {
		sipdns_parse_check_keys(c, e, keys, "SIP domain");
		if (!sipdns_parse_require(c, e, "name", "SIP domain", &n))
			return false;
		if ((w = sipdns_yamltree_map_get(e, "internal")) != NULL) {
			const char *s = sipdns_parse_str(c, w, "internal");
			size_t k = 0;
			while (s && ways[k] && strcmp(ways[k], s) != 0)
				k++;
			if (s && ways[k] == NULL)
				sipdns_parse_err(c, w, "internal: '%.40s' is not a way to hold the internal sign-in records; write zone (a zone of the internal view, the default), pinpoint (sipdns adds pin-point zones) or manual (clients configured by registry or Group Policy)", s);
			else if (s)
				sd->internal = (enum sipdns_sip_internal)k;
			sd->internal_loc = w->loc;
		}
		if ((w = sipdns_yamltree_map_get(e, "m365")) != NULL)
			get_m365(c, w, sd);
	}
	sd->name = sipdns_parse_fqdn(c, n, "SIP domain");
	sd->loc = n->loc;
	return sd->name != NULL;
}

/* False: out of memory, the walk stops. */
static bool
get_sip_domains(struct sipdns_parse_ctx *c,
		const struct sipdns_yamltree_node *v)
{
	struct sipdns_topology *t = c->t;
	t->sip_domains_loc = v->loc;
	if (v->n == 0)
		sipdns_parse_err(c, v, "sip_domains is empty; list at least one SIP domain (the right-hand side of users' SIP addresses)");
	t->sip_domains = sipdns_arena_alloc(c->arena,
				(v->n ? v->n : 1) * sizeof(*t->sip_domains));
	if (t->sip_domains == NULL)
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (get_sip_domain(c, v->items[i],
				   &t->sip_domains[t->n_sip_domains]))
			t->n_sip_domains++;
	size_t n = t->n_sip_domains;
	struct sipdns_parse_nameref *refs = malloc((n ? n : 1) * sizeof(*refs));
	if (refs == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		refs[i] = (struct sipdns_parse_nameref){ t->sip_domains[i].name,
							 t->sip_domains[i].loc, i };
	bool *dup = sipdns_parse_find_dups(c, refs, n,
		"SIP domain '%s' is listed twice (first at line %u)%s", "");
	sipdns_parse_drop_marked(t->sip_domains, &t->n_sip_domains,
				 sizeof(*t->sip_domains), dup);
	free(dup);
	free(refs);
	return true;
}

/* options and ttl, with defaults for a typical deployment */
static void
get_options_ttl(struct sipdns_parse_ctx *c,
		const struct sipdns_yamltree_node *root)
{
	struct sipdns_topology *t = c->t;
	t->options = (struct sipdns_options){
		.remote_access = true, .federation = true,
		.strict_dns_naming = true, .ttl_default = 3600, .ttl_srv = 3600,
	};
	const struct sipdns_yamltree_node *v, *x;
	if ((v = sipdns_yamltree_map_get(root, "options")) != NULL)
		get_options(c, v, &t->options);
	if ((v = sipdns_yamltree_map_get(root, "ttl")) == NULL ||
	    !sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_MAP, "ttl"))
		return;
	static const char *const tkeys[] = { "default", "srv", NULL };
	sipdns_parse_check_keys(c, v, tkeys, "ttl");
	if ((x = sipdns_yamltree_map_get(v, "default")) != NULL)
		sipdns_parse_u32(c, x, "ttl default", 0, 2147483647u,
				 &t->options.ttl_default);
	if ((x = sipdns_yamltree_map_get(v, "srv")) != NULL)
		sipdns_parse_u32(c, x, "ttl srv", 0, 2147483647u,
				 &t->options.ttl_srv);
}

/* False: out of memory, the walk stops. */
static bool
get_pools(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v)
{
	struct sipdns_topology *t = c->t;
	t->pools_loc = v->loc;
	t->pools = sipdns_arena_alloc(c->arena,
				      (v->n ? v->n : 1) * sizeof(*t->pools));
	if (t->pools == NULL)
		return false;
	for (size_t i = 0; i < v->n; i++) {
		bool ok;
		get_pool(c, v->items[i], &t->pools[t->n_pools], &ok);
		if (ok)
			t->n_pools++;
	}
	return true;
}

static bool
known_role(const struct sipdns_profile *p, const char *s)
{
	for (const char *const *r = p->server_roles; r && *r; r++)
		if (strcmp(*r, s) == 0)
			return true;
	return false;
}

/* A server of a role the product knows; true when it counts. */
static bool
get_server(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *e,
	   struct sipdns_server *s)
{
	static const char *const skeys[] = { "fqdn", "role", "address",
					     "ipv6", "self_registered", NULL };
	memset(s, 0, sizeof(*s));
	if (!sipdns_parse_host(c, e, "server", skeys, true, &s->host))
		return false;
	const struct sipdns_yamltree_node *r;
	if (!sipdns_parse_require(c, e, "role", "server", &r))
		return false;
	s->role = sipdns_parse_str(c, r, "role");
	s->role_loc = r->loc;
	if (s->role && !known_role(c->policy, s->role)) {
		char roles[512] = "";
		for (const char *const *x = c->policy->server_roles; x && *x; x++)
			snprintf(roles + strlen(roles), sizeof(roles) - strlen(roles),
				 "%s%s", roles[0] ? ", " : "", *x);
		sipdns_parse_err(c, r, "unknown server role '%.60s'; expected one of: %s",
				 s->role, roles);
		return false;
	}
	return s->role != NULL;
}

/* False: out of memory, the walk stops. */
static bool
get_servers(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v)
{
	struct sipdns_topology *t = c->t;
	t->servers = sipdns_arena_alloc(c->arena,
				(v->n ? v->n : 1) * sizeof(*t->servers));
	if (t->servers == NULL)
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (get_server(c, v->items[i], &t->servers[t->n_servers]))
			t->n_servers++;
	return true;
}

/* A list of domain names w (what: for messages) into *out, each once. */
static void
get_domains(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *w,
	    const char *what, struct sipdns_sip_domain **out, size_t *n)
{
	*out = sipdns_arena_alloc(c->arena, (w->n ? w->n : 1) * sizeof(**out));
	if (*out == NULL) {
		c->d->oom = true;   /* never a list silently dropped */
		return;
	}
	for (size_t i = 0; i < w->n; i++) {
		const char *s = sipdns_parse_fqdn(c, w->items[i], what);
		for (size_t k = 0; s && k < *n; k++)
			if (strcmp((*out)[k].name, s) == 0) {
				sipdns_parse_err(c, w->items[i], "%s '%s' is listed twice (first at line %u, column %u); remove one of them",
						 what, s, (*out)[k].loc.line,
						 (*out)[k].loc.col);
				s = NULL;
			}
		if (s != NULL)
			(*out)[(*n)++] = (struct sipdns_sip_domain){ .name = s,
							   .loc = w->items[i]->loc };
	}
}

/* device_update: POOL, or {pool: POOL, domains: [DOMAIN, ...]} */
static void
get_device_update(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v)
{
	struct sipdns_topology *t = c->t;
	static const char *const keys[] = { "pool", "domains", NULL };
	const struct sipdns_yamltree_node *w;
	if (v->kind != SIPDNS_YAMLTREE_MAP) {
		t->device_update = sipdns_parse_fqdn(c, v, "device_update");
		t->device_update_loc = v->loc;
		return;
	}
	sipdns_parse_check_keys(c, v, keys, "device_update");
	if (sipdns_parse_require(c, v, "pool", "device_update", &w)) {
		t->device_update = sipdns_parse_fqdn(c, w, "device_update pool");
		t->device_update_loc = w->loc;
	}
	if ((w = sipdns_yamltree_map_get(v, "domains")) == NULL ||
	    !sipdns_parse_expect(c, w, SIPDNS_YAMLTREE_SEQ, "device_update domains"))
		return;
	if (w->n == 0)
		sipdns_parse_err(c, w, "device_update domains is empty; list the DNS domains whose ucupdates-r2 name devices ask (the SIP domains and the domain DHCP gives them), or leave domains out for the default");
	get_domains(c, w, "device_update domain", &t->device_update_domains,
		    &t->n_device_update_domains);
}

/* smtp_domains: [DOMAIN, ...], none of them a SIP domain */
static void
get_smtp_domains(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *w)
{
	struct sipdns_topology *t = c->t;
	if (!sipdns_parse_expect(c, w, SIPDNS_YAMLTREE_SEQ, "smtp_domains"))
		return;
	get_domains(c, w, "SMTP domain", &t->smtp_domains, &t->n_smtp_domains);
	size_t k = 0;
	for (size_t i = 0; i < t->n_smtp_domains; i++) {
		bool sip = false;
		for (size_t j = 0; j < t->n_sip_domains && !sip; j++)
			sip = strcmp(t->sip_domains[j].name, t->smtp_domains[i].name) == 0;
		if (sip)
			sipdns_diag_add(c->d, SIPDNS_ERROR, t->smtp_domains[i].loc, NULL,
					"SMTP domain '%s' is a SIP domain, whose sign-in records are written anyway: list in smtp_domains only e-mail domains that are not SIP domains",
					t->smtp_domains[i].name);
		else
			t->smtp_domains[k++] = t->smtp_domains[i];
	}
	t->n_smtp_domains = k;
}

/* edge, cwa, reverse_proxy, device_update and smtp_domains, each optional */
static void
get_services(struct sipdns_parse_ctx *c,
	     const struct sipdns_yamltree_node *root)
{
	struct sipdns_topology *t = c->t;
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(root, "cwa")) != NULL)
		get_cwa(c, v, &t->cwa);
	if ((v = sipdns_yamltree_map_get(root, "edge")) != NULL)
		get_edge(c, v, &t->edge);
	if ((v = sipdns_yamltree_map_get(root, "reverse_proxy")) != NULL)
		get_reverse_proxy(c, v, &t->reverse_proxy);
	if ((v = sipdns_yamltree_map_get(root, "device_update")) != NULL)
		get_device_update(c, v);
	if ((v = sipdns_yamltree_map_get(root, "smtp_domains")) != NULL)
		get_smtp_domains(c, v);
	sipdns_parse_lync(c, root);
	sipdns_parse_sfb(c, root);
}

static void
walk(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *root)
{
	static const char *const keys[] = { "version", "product", "ad_domain",
		"sip_domains", "options", "ttl", "views", "pools", "servers",
		"cwa", "edge", "reverse_proxy", "device_update", "smtp_domains",
		"simple_urls", "mobility", "xmpp", "office_web_apps",
		"legacy_clients", "ntp_server", NULL };
	struct sipdns_topology *t = c->t;
	if (!sipdns_parse_expect(c, root, SIPDNS_YAMLTREE_MAP, "the topology"))
		return;
	sipdns_parse_check_keys(c, root, keys, "the topology");
	const struct sipdns_yamltree_node *v;
	t->version = 1;
	if ((v = sipdns_yamltree_map_get(root, "version")) != NULL)
		sipdns_parse_u32(c, v, "version", 1, 1, &t->version);
	get_product(c, root);
	if ((v = sipdns_yamltree_map_get(root, "ad_domain")) != NULL) {
		t->ad_domain = sipdns_parse_fqdn(c, v, "ad_domain");
		t->ad_domain_loc = v->loc;
	}
	if (sipdns_parse_require(c, root, "sip_domains", "the topology", &v) &&
	    sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, "sip_domains") &&
	    !get_sip_domains(c, v))
		return;
	get_options_ttl(c, root);
	if (sipdns_parse_require(c, root, "views", "the topology", &v) &&
	    sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_MAP, "views"))
		sipdns_parse_views(c, v);
	if (sipdns_parse_require(c, root, "pools", "the topology", &v) &&
	    sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, "pools") &&
	    !get_pools(c, v))
		return;
	if ((v = sipdns_yamltree_map_get(root, "servers")) != NULL &&
	    sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, "servers") &&
	    !get_servers(c, v))
		return;
	get_services(c, root);
	sipdns_parse_certs(c, root);
	if (!sipdns_parse_views_imply(c))
		c->d->oom = true;
}

enum sipdns_status
sipdns_parse_buffer(const char *buf, size_t len, const char *name,
		    struct sipdns_topology **out, struct sipdns_diag *d)
{
	if (len > SIPDNS_MAX_FILE_SIZE) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ name, 0, 0 },
				NULL, "the topology is larger than %u MiB",
				SIPDNS_MAX_FILE_SIZE / (1024 * 1024));
		return SIPDNS_ELIMIT;
	}
	struct sipdns_arena *a = sipdns_arena_create();
	if (a == NULL)
		return SIPDNS_ENOMEM;
	struct sipdns_topology *t = sipdns_arena_alloc(a, sizeof(*t));
	if (t == NULL) {
		sipdns_arena_destroy(a);
		return SIPDNS_ENOMEM;
	}
	t->arena = a;
	t->file = name;
	size_t errors_before = d->errors;
	/* the tree in an arena of its own, freed once walked: the topology
	 * keeps copies (parse_value.h), and the records generated next reuse
	 * the memory (41 of 83 MB at 100,000 SIP domains) */
	struct sipdns_arena *ta = sipdns_arena_create();
	const struct sipdns_yamltree_node *root = NULL;
	if (ta == NULL || sipdns_yamltree_build(ta, buf, len, name, d, &root) != SIPDNS_OK ||
	    root == NULL) {
		if (ta != NULL && root == NULL && d->errors == errors_before)
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ name, 1, 1 },
					NULL, "the topology is empty; see zones/walkthrough.yaml for an example");
		sipdns_arena_destroy(ta);
		sipdns_arena_destroy(a);
		return ta == NULL ? SIPDNS_ENOMEM : SIPDNS_EINPUT;
	}
	struct sipdns_parse_ctx c = { .arena = a, .d = d, .file = name, .t = t,
				      .policy = sipdns_profile_default() };
	walk(&c, root);
	sipdns_arena_destroy(ta);
	/* then each view's zone index, once its zones are final */
	if (d->errors != errors_before || d->oom || !sipdns_topology_build_zones(t)) {
		bool oom = d->oom || d->errors == errors_before;
		sipdns_topology_destroy(t);
		return oom ? SIPDNS_ENOMEM : SIPDNS_EINPUT;
	}
	*out = t;
	return SIPDNS_OK;
}

/* All of fp into *bufp (malloc'd, the caller frees it) and *lenp; on
 * failure nothing is returned and, but for ENOMEM, d says why. */
static enum sipdns_status
read_all(FILE *fp, struct sipdns_loc loc, struct sipdns_diag *d, char **bufp,
	 size_t *lenp)
{
	size_t cap = 0, len = 0;
	char *buf = NULL;
	if (!sipdns_vec_reserve_bytes(&buf, &cap, 64 * 1024))
		return SIPDNS_ENOMEM;
	for (;;) {
		if (len == cap) {
			if (cap > SIPDNS_MAX_FILE_SIZE) {
				free(buf);
				sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL,
						"the topology is larger than %u MiB",
						SIPDNS_MAX_FILE_SIZE / (1024 * 1024));
				return SIPDNS_ELIMIT;
			}
			if (!sipdns_vec_reserve_bytes(&buf, &cap, cap + 1)) {
				free(buf);
				return SIPDNS_ENOMEM;
			}
		}
		size_t r = fread(buf + len, 1, cap - len, fp);
		len += r;
		if (r == 0)
			break;
	}
	if (ferror(fp)) {
		int e = errno;
		free(buf);
		sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL, "cannot read: %s",
				strerror(e));
		return SIPDNS_EIO;
	}
	*bufp = buf;
	*lenp = len;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_parse_file(const char *path, struct sipdns_topology **out,
		  struct sipdns_diag *d, char **srcp, size_t *srclenp)
{
	struct sipdns_loc loc = { path, 0, 0 };
	struct sipdns_fileio_error fe;
	FILE *fp = sipdns_fileio_fopen(path, SIPDNS_MAX_FILE_SIZE, 0, &fe);
	if (fp == NULL && fe.err == SIPDNS_FILEIO_ETOOBIG) {
		sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL,
				"the topology is larger than %u MiB",
				SIPDNS_MAX_FILE_SIZE / (1024 * 1024));
		return SIPDNS_ELIMIT;
	}
	if (fp == NULL) {
		char why[SIPDNS_FILEIO_WHY];
		bool dir = fe.err == SIPDNS_FILEIO_ENOTREG && S_ISDIR(fe.mode);
		if (dir)
			sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL,
					"is a directory; give the topology file");
		else
			sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL, "cannot open: %s",
					sipdns_fileio_why(&fe, why, sizeof(why)));
		return SIPDNS_EIO;
	}
	char *buf;
	size_t len;
	enum sipdns_status rs = read_all(fp, loc, d, &buf, &len);
	fclose(fp);
	if (rs != SIPDNS_OK)
		return rs;
	enum sipdns_status st2 = sipdns_parse_buffer(buf, len, path, out, d);
	if (srcp != NULL) {
		*srcp = buf;
		*srclenp = len;
	} else {
		free(buf);
	}
	return st2;
}
