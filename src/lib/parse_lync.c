/* parse_lync.c -- the topology keys that only Lync Server has
 *
 * A pool's load_balancing (DNS load balancing came with Lync Server 2010,
 * L10-03), the simple URLs that replace Communicator Web Access (L10-07)
 * and mobility's autodiscover names (T04); from Lync Server 2013 on, a
 * pool's external_web, the XMPP proxy and the Office Web Apps farm
 * (L13-04, L13-05); an Edge pool's load_balancing and its members'
 * per-role external addresses (L10-03, F03). Other products refuse them
 * with what to write instead.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse_lync.h"

#include <string.h>

#include "arena.h"
#include "name.h"
#include "diag.h"
#include "model.h"
#include "profile.h"
#include "yamltree.h"

/* Is product p (the topology's, or a pool's own) a Lync Server one?
 * Else an error at v. */
static bool
lync_only(struct sipdns_parse_ctx *c, const struct sipdns_profile *p,
	  const struct sipdns_yamltree_node *v, const char *key,
	  const char *instead)
{
	if (p == NULL || p->lync_keys)
		return true;
	sipdns_diag_add(c->d, SIPDNS_ERROR, v->loc, "lync-only",
			"'%s' is a Lync Server key and %s has none (%s): remove it, or set the product to the Lync Server version deployed",
			key, p->short_title, instead);
	return false;
}

/* Is product p Lync Server 2013 or later? Else an error at v. */
static bool
lync2013_on(struct sipdns_parse_ctx *c, const struct sipdns_profile *p,
	    const struct sipdns_yamltree_node *v, const char *key,
	    const char *what)
{
	if (p == NULL || p->lync2013_keys)
		return true;
	sipdns_diag_add(c->d, SIPDNS_ERROR, v->loc, "lync2013-only",
			"'%s' (%s) came with Lync Server 2013 and %s has none: remove it, or set the product to the version deployed",
			key, what, p->short_title);
	return false;
}

void
sipdns_parse_lync_pool(struct sipdns_parse_ctx *c,
		       const struct sipdns_yamltree_node *n,
		       struct sipdns_pool *p)
{
	/* a pool of another product (a migration) reads its own keys */
	const struct sipdns_profile *pp = p->product ? p->product : c->t->product;
	const struct sipdns_yamltree_node *v =
		sipdns_yamltree_map_get(n, "external_web");
	if (v != NULL && lync2013_on(c, pp, v, "external_web",
				     "the pool's external web services FQDN")) {
		p->external_web = sipdns_parse_fqdn(c, v, "external_web");
		p->external_web_loc = v->loc;
	}
	v = sipdns_yamltree_map_get(n, "load_balancing");
	if (v == NULL || !lync_only(c, pp, v, "load_balancing",
			"its pools balance with hardware, at 'vip'"))
		return;
	p->lb_loc = v->loc;
	const char *s = sipdns_parse_str(c, v, "load_balancing");
	if (s && strcmp(s, "dns") == 0)
		p->dns_lb = true;
	else if (s && strcmp(s, "hardware") != 0)
		sipdns_parse_err(c, v, "load_balancing must be 'dns' (the pool FQDN holds one A per Front End; web_farm at the hardware load balancer VIP) or 'hardware' (the pool FQDN at 'vip'), not '%.60s'", s);
	else if (s && p->edition == SIPDNS_STANDARD)
		sipdns_parse_err(c, v, "a Standard Edition server is not load balanced; remove load_balancing, or use edition: enterprise for a pool");
	if (p->dns_lb && p->edition == SIPDNS_STANDARD)
		p->dns_lb = false;
}

/* A host name, or a list of them, under key of m into *out. */
static void
get_hosts(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *m,
	  const char *key, struct sipdns_sip_domain **out, size_t *n)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(m, key);
	if (v == NULL)
		return;
	bool one = v->kind == SIPDNS_YAMLTREE_SCALAR;
	if (!one && !sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, key))
		return;
	size_t cap = one ? 1 : v->n;
	*out = sipdns_arena_alloc(c->arena, (cap ? cap : 1) * sizeof(**out));
	if (*out == NULL) {
		c->d->oom = true;
		return;
	}
	if (!one && v->n == 0)
		sipdns_parse_err(c, v, "simple_urls %s is empty; give the host name of the URL, e.g. %s.contoso.com", key, key);
	for (size_t i = 0; i < cap; i++) {
		const struct sipdns_yamltree_node *x = one ? v : v->items[i];
		const char *s = sipdns_parse_fqdn(c, x, key);
		for (size_t k = 0; s && k < *n; k++)
			if (strcmp((*out)[k].name, s) == 0) {
				sipdns_parse_err(c, x, "simple_urls %s lists '%s' twice (first at line %u); remove one of them",
						 key, s, (*out)[k].loc.line);
				s = NULL;
			}
		if (s != NULL)
			(*out)[(*n)++] = (struct sipdns_sip_domain){ .name = s,
							   .loc = x->loc };
	}
}

/* pool: the pool whose internal web services serve the names */
static void
get_pool_ref(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *m,
	     const char **pool, struct sipdns_loc *loc)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(m, "pool");
	if (v == NULL)
		return;
	*pool = sipdns_parse_fqdn(c, v, "pool");
	*loc = v->loc;
}

static void
get_simple_urls(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v)
{
	static const char *const keys[] = { "pool", "meet", "dialin", "admin",
					    NULL };
	struct sipdns_simple_urls *u = sipdns_arena_alloc(c->arena, sizeof(*u));
	if (u == NULL)
		c->d->oom = true;
	if (u == NULL || !sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_MAP, "simple_urls"))
		return;
	memset(u, 0, sizeof(*u));
	u->present = true;
	u->loc = v->loc;
	sipdns_parse_check_keys(c, v, keys, "simple_urls");
	get_pool_ref(c, v, &u->pool, &u->pool_loc);
	get_hosts(c, v, "meet", &u->meet, &u->n_meet);
	get_hosts(c, v, "dialin", &u->dialin, &u->n_dialin);
	get_hosts(c, v, "admin", &u->admin, &u->n_admin);
	c->t->simple_urls = u;
}

static void
get_mobility(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v)
{
	static const char *const keys[] = { "pool", NULL };
	struct sipdns_mobility *m = sipdns_arena_alloc(c->arena, sizeof(*m));
	if (m == NULL)
		c->d->oom = true;
	if (m == NULL || !sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_MAP, "mobility"))
		return;
	memset(m, 0, sizeof(*m));
	m->present = true;
	m->loc = v->loc;
	sipdns_parse_check_keys(c, v, keys, "mobility");
	get_pool_ref(c, v, &m->pool, &m->pool_loc);
	c->t->mobility = m;
}

/* xmpp or office_web_apps: a host mapping (fqdn, address, ipv6) */
static struct sipdns_host *
get_host(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v,
	 const char *what, bool addr_required)
{
	static const char *const keys[] = { "fqdn", "address", "ipv6", NULL };
	struct sipdns_host *h = sipdns_arena_alloc(c->arena, sizeof(*h));
	if (h == NULL) {
		c->d->oom = true;
		return NULL;
	}
	memset(h, 0, sizeof(*h));
	return sipdns_parse_host(c, v, what, keys, addr_required, h) ? h : NULL;
}

void
sipdns_parse_lync(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *root)
{
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(root, "simple_urls")) != NULL &&
	    lync_only(c, c->t->product, v, "simple_urls", "its meetings use the web farm and 'cwa'"))
		get_simple_urls(c, v);
	if ((v = sipdns_yamltree_map_get(root, "mobility")) != NULL &&
	    lync_only(c, c->t->product, v, "mobility", "mobility came with Lync Server 2010 CU November 2011"))
		get_mobility(c, v);
	if ((v = sipdns_yamltree_map_get(root, "xmpp")) != NULL &&
	    lync2013_on(c, c->t->product, v, "xmpp", "XMPP federation"))
		c->t->xmpp = get_host(c, v, "xmpp", false);
	if ((v = sipdns_yamltree_map_get(root, "office_web_apps")) != NULL &&
	    lync2013_on(c, c->t->product, v, "office_web_apps", "the Office Web Apps farm"))
		c->t->office_web_apps = get_host(c, v, "office_web_apps", true);
}

void
sipdns_parse_lync_edge(struct sipdns_parse_ctx *c,
		       const struct sipdns_yamltree_node *n,
		       struct sipdns_edge *e)
{
	const struct sipdns_yamltree_node *v =
		sipdns_yamltree_map_get(n, "load_balancing");
	if (v == NULL || !lync_only(c, c->t->product, v, "load_balancing",
			"its Edge array balances with hardware, at each service's address"))
		return;
	e->lb_loc = v->loc;
	const char *s = sipdns_parse_str(c, v, "load_balancing");
	if (s && strcmp(s, "dns") == 0)
		e->dns_lb = true;
	else if (s && strcmp(s, "hardware") != 0)
		sipdns_parse_err(c, v, "edge load_balancing must be 'dns' (each service FQDN holds one A per member, at the members' per-role addresses) or 'hardware' (each service FQDN at its 'address', the load balancer VIP), not '%.60s'", s);
}

/* A member's external address for one role (IPv4, as 'address'). */
static void
get_role_addr(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *m,
	      const char *key, struct sipdns_addr *a)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(m, key);
	if (v == NULL)
		return;
	const char *s = sipdns_parse_str(c, v, key);
	uint32_t n;
	if (s == NULL)
		return;
	if (!sipdns_parse_ipv4(s, &n)) {
		sipdns_parse_err(c, v, "edge server %s address '%.60s' is not an IPv4 address (four numbers 0-255 separated by dots, no leading zeros)", key, s);
		return;
	}
	a->v4 = s;
	a->v4n = n;
	a->loc = v->loc;
}

void
sipdns_parse_lync_edge_servers(struct sipdns_parse_ctx *c,
			       const struct sipdns_yamltree_node *v,
			       struct sipdns_edge *e)
{
	static const char *const keys[] = { "fqdn", "address", "ipv6", "access",
		"web_conferencing", "av", NULL };
	const struct sipdns_profile *p = c->t->product;
	bool lync = p == NULL || p->lync_keys;
	e->n_servers = 0;
	if (!sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, "edge server"))
		return;
	size_t cap = v->n ? v->n : 1;
	e->servers = sipdns_arena_alloc(c->arena, cap * sizeof(*e->servers));
	e->roles = sipdns_arena_alloc(c->arena, cap * sizeof(*e->roles));
	if (e->servers == NULL || e->roles == NULL) {
		c->d->oom = true;
		return;
	}
	memset(e->roles, 0, cap * sizeof(*e->roles));
	for (size_t i = 0; i < v->n; i++) {
		const struct sipdns_yamltree_node *m = v->items[i];
		if (!sipdns_parse_host(c, m, "edge server", lync ? keys : NULL, true,
				       &e->servers[e->n_servers]))
			continue;
		struct sipdns_edge_roles *r = &e->roles[e->n_servers];
		if (lync) {
			get_role_addr(c, m, "access", &r->access);
			get_role_addr(c, m, "web_conferencing", &r->web_conferencing);
			get_role_addr(c, m, "av", &r->av);
		}
		e->n_servers++;
	}
}
