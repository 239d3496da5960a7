/* check.c -- the product-neutral topology rules that need no DNS
 *
 * A product's own rules are its profile's check hook, run from here. Each
 * rule has a stable id (the bracketed word after the message), so
 * that admins can look it up in README.md and tests can assert it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certs.h"
#include "model.h"
#include "profile.h"
#include "records.h"
#include "vec.h"

/* The longest domain suffix of two labels or more that a and b share
 * (a pointer into a), or NULL. */
static const char *
shared_suffix(const char *a, const char *b)
{
	for (const char *p = a; p != NULL; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL)
		if (strchr(p, '.') != NULL && sipdns_name_in_domain(b, p))
			return p;
	return NULL;
}

/* Strict DNS name matching (§1.3-5, §10 item 3): the SRV target must be
 * in the SIP domain; the pool certificate's sip.<domain> is the sure fix,
 * the DisableStrictDNSNaming policy's suffix matching helps only when the
 * names share a suffix, and a pool in a subdomain is a case the sources
 * leave open. */
static void
strict_naming(const struct sipdns_pool *p, const struct sipdns_sip_domain *sd,
	      struct sipdns_diag *d)
{
	const char *sip = sd->name, *dot = strchr(p->fqdn, '.');
	if (sipdns_certs_lists_sip(&p->cert, sip))
		return;   /* the documented fix, declared (R2-C3) */
	if (sipdns_name_in_domain(p->fqdn, sip)) {
		if (dot != NULL && strcmp(dot + 1, sip) != 0)
			sipdns_diag_add(d, SIPDNS_NOTE, sd->loc, "strict-naming",
				"the automatic sign-in pool '%s' is in a subdomain of SIP domain '%s': the sources say the SRV target must be in the SIP domain, not whether a subdomain counts; if clients refuse it, put 'sip.%s' in the pool certificate's subject alternative names",
				p->fqdn, sip, sip);
		return;
	}
	const char *sfx = shared_suffix(p->fqdn, sip);
	if (sfx != NULL)
		sipdns_diag_add(d, SIPDNS_WARNING, sd->loc, "strict-naming",
			"the automatic sign-in pool '%s' is not inside SIP domain '%s', so Communicator's strict DNS name matching rejects the SRV target: put 'sip.%s' in the pool certificate's subject alternative names (the sure fix), or deploy the DisableStrictDNSNaming policy, whose suffix matching may accept the shared suffix '%s' (the sources do not give its exact rule), and set options.strict_dns_naming: false",
			p->fqdn, sip, sip, sfx);
	else
		sipdns_diag_add(d, SIPDNS_WARNING, sd->loc, "strict-naming",
			"the automatic sign-in pool '%s' is not inside SIP domain '%s', so Communicator's strict DNS name matching rejects the SRV target; '%s' and '%s' share no domain suffix, so the DisableStrictDNSNaming policy's suffix matching cannot help: put 'sip.%s' in the pool certificate's subject alternative names (declare it under certificate: san), the only sure fix",
			p->fqdn, sip, p->fqdn, sip, sip);
}

/* exactly one server or pool designated for automatic sign-in (§1.3-1) */
static void
rule_sign_in(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_pool *first = NULL;
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		if (!p->auto_sign_in)
			continue;
		if (first == NULL) {
			first = p;
			continue;
		}
		sipdns_diag_add(d, SIPDNS_ERROR, p->sign_in_loc, "sign-in-count",
			"'%s' is designated for automatic sign-in, but so is '%s' (line %u); exactly one server or pool receives sign-ins: remove auto_sign_in from one",
			p->fqdn, first->fqdn, first->sign_in_loc.line);
	}
	if (first == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, t->pools_loc.line ? t->pools_loc
				: (struct sipdns_loc){ t->file, 1, 1 }, "sign-in-count",
			"no server or pool is designated for automatic sign-in; set 'auto_sign_in: true' on exactly one pool");
		return;
	}
	/* a Director distributes sign-ins: Microsoft's design, no fault (R2-I7) */
	if (first->role == SIPDNS_ROLE_DIRECTOR)
		sipdns_diag_add(d, SIPDNS_NOTE, first->sign_in_loc, "sign-in-director",
			"'%s' is a Director: it homes no users and sends each sign-in on to the pool that homes the user, as Microsoft designs a Director to (R2-I7)",
			first->fqdn);
	/* strict DNS name matching (§1.3-5, §10 item 3) */
	if (!t->options.strict_dns_naming)
		return;
	for (size_t i = 0; i < t->n_sip_domains; i++)
		/* internal: manual: no SRV record, nothing to match */
		if (t->sip_domains[i].internal != SIPDNS_SIP_INTERNAL_MANUAL &&
		    t->sip_domains[i].m365 != SIPDNS_M365_TEAMS_ONLY &&
		    !t->m365_preflight)
			strict_naming(first, &t->sip_domains[i], d);
}

static void
rule_pools(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		if (p->edition != SIPDNS_ENTERPRISE)
			continue;
		for (size_t k = 0; k < p->n_front_ends; k++)
			if (strcmp(p->front_ends[k].fqdn, p->fqdn) == 0)
				sipdns_diag_add(d, SIPDNS_ERROR, p->front_ends[k].loc,
					"pool-fqdn-distinct",
					"Front End '%s' has the same FQDN as its pool; the pool FQDN must differ from every server's FQDN, even with one Front End (R2-I3)",
					p->fqdn);
		if (p->n_front_ends == 0)
			sipdns_diag_add(d, SIPDNS_ERROR, p->loc, "pool-front-ends",
				"Enterprise pool '%s' has no front_ends; list its Front End servers",
				p->fqdn);
		if (p->web_farm.fqdn == NULL)
			sipdns_diag_add(d, SIPDNS_WARNING, p->fqdn_loc, "pool-web-farm",
				"Enterprise pool '%s' has no web_farm: every Enterprise pool needs an internal A record for its internal web farm FQDN (the Web Components' load balancer), even with one Front End (R2-I4); add web_farm: {fqdn: FQDN, address: VIP}, or web_farm: %s if the web farm FQDN is the pool FQDN (then the pool's own A serves it)",
				p->fqdn, p->fqdn);
	}
}

static void
rule_edge(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_edge *e = &t->edge;
	const struct sipdns_options *o = &t->options;
	if (!e->present) {
		if (o->remote_access || o->federation)
			sipdns_diag_add(d, SIPDNS_NOTE, (struct sipdns_loc){ t->file, 0, 0 },
				"no-edge",
				"the topology has no edge, so no external access records are generated; set options.remote_access and options.federation to false to silence this");
		return;
	}
	if ((o->remote_access || o->federation) && e->access.fqdn == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, e->loc, "edge-access",
			"remote access or federation is on, but the edge has no 'access' service; define edge.access (fqdn and address) or turn both options off");
	if (e->next_hop != NULL) {
		const struct sipdns_pool *p = sipdns_topology_pool(t, e->next_hop);
		if (p == NULL)
			sipdns_diag_add(d, SIPDNS_ERROR, e->next_hop_loc, "undefined-target",
				"edge next_hop '%s' is not a pool or Director of this topology; name one of the pools",
				e->next_hop);
	}
}

static void
rule_references(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	if (t->device_update != NULL &&
	    sipdns_topology_pool(t, t->device_update) == NULL)
		sipdns_diag_add(d, SIPDNS_ERROR, t->device_update_loc, "undefined-target",
			"device_update '%s' is not a pool of this topology; name the pool that runs the Device Update Service (Web Components)",
			t->device_update);
}

/* every host of the topology, for duplicate and internal-name checks */
struct hostref {
	const char *fqdn;
	const struct sipdns_addr *addr;
	struct sipdns_loc loc;
	bool internal;
};

static int
href_cmp(const void *pa, const void *pb)
{
	const struct hostref *a = pa, *b = pb;
	int c = strcmp(a->fqdn, b->fqdn);
	if (c != 0)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	return a->loc.col < b->loc.col ? -1 : a->loc.col > b->loc.col;
}

struct hosts {
	struct hostref *v;
	size_t n, cap;
	bool oom;
	/* bit l set: an internal host name is l bytes long (l < 256) or,
	 * for bit 255, longer: a name of any other length is not one, found
	 * without a search (rule_external asks for 600,000 names) */
	uint64_t internal_len[4];
};

static void
push(struct hosts *h, const char *fqdn, const struct sipdns_addr *a,
     struct sipdns_loc loc, bool internal)
{
	if (fqdn == NULL)
		return;
	if (!sipdns_vec_reserve(&h->v, &h->cap, h->n, sizeof(*h->v))) {
		h->oom = true;
		return;
	}
	h->v[h->n++] = (struct hostref){ fqdn, a, loc, internal };
	if (internal) {
		size_t l = strlen(fqdn);
		l = l < 255 ? l : 255;
		h->internal_len[l / 64] |= (uint64_t)1 << (l % 64);
	}
}

static void
collect_hosts(const struct sipdns_topology *t, struct hosts *h)
{
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		push(h, p->fqdn, p->has_addr ? &p->addr : NULL, p->fqdn_loc, true);
		for (size_t k = 0; k < p->n_front_ends; k++)
			push(h, p->front_ends[k].fqdn, &p->front_ends[k].addr,
			     p->front_ends[k].loc, true);
		/* a web farm or Web Conferencing URL name is a service
		 * name, not a server's */
		const struct sipdns_host *svc[] = { &p->web_farm, &p->web_conferencing };
		for (size_t k = 0; k < 2; k++)
			if (svc[k]->fqdn && strcmp(svc[k]->fqdn, p->fqdn) != 0)
				push(h, svc[k]->fqdn,
				     svc[k]->addr.v4 ? &svc[k]->addr : NULL,
				     svc[k]->loc, false);
	}
	for (size_t i = 0; i < t->n_servers; i++)
		push(h, t->servers[i].host.fqdn, &t->servers[i].host.addr,
		     t->servers[i].host.loc, true);
	for (size_t i = 0; i < t->cwa.n_servers; i++)
		push(h, t->cwa.servers[i].fqdn, &t->cwa.servers[i].addr,
		     t->cwa.servers[i].loc, true);
	if (t->cwa.present)
		push(h, t->cwa.url_host, t->cwa.has_vip ? &t->cwa.vip : NULL,
		     t->cwa.url_host_loc, false);
	const struct sipdns_edge *e = &t->edge;
	if (e->present) {
		push(h, e->internal.fqdn, &e->internal.addr, e->internal.loc, true);
		for (size_t i = 0; i < e->n_servers; i++)
			push(h, e->servers[i].fqdn, &e->servers[i].addr,
			     e->servers[i].loc, true);
		push(h, e->access.fqdn, &e->access.addr, e->access.loc, false);
		push(h, e->web_conferencing.fqdn, &e->web_conferencing.addr,
		     e->web_conferencing.loc, false);
		push(h, e->av.fqdn, &e->av.addr, e->av.loc, false);
	}
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	if (r->present) {
		push(h, r->web_farm_fqdn, &r->addr, r->web_farm_loc, false);
		push(h, r->cwa_fqdn, &r->addr, r->cwa_loc, false);
	}
}

/* the same FQDN with two different addresses */
static void
rule_duplicates(const struct hosts *h, struct sipdns_diag *d)
{
	for (size_t i = 0; i < h->n; ) {
		size_t j = i + 1;
		while (j < h->n && strcmp(h->v[j].fqdn, h->v[i].fqdn) == 0)
			j++;
		const struct hostref *first = NULL;
		for (size_t k = i; k < j; k++) {
			const struct hostref *x = &h->v[k];
			if (x->addr == NULL || x->addr->v4 == NULL)
				continue;
			if (first == NULL) {
				first = x;
			} else if (x->addr->v4n != first->addr->v4n) {
				sipdns_diag_add(d, SIPDNS_ERROR, x->loc, "duplicate-fqdn",
					"'%s' is defined again with address %s, but line %u gives it %s; one FQDN has one address: fix one of them",
					x->fqdn, x->addr->v4, first->loc.line,
					first->addr->v4);
			}
		}
		i = j;
	}
}

static bool
is_internal_name(const struct hosts *h, const char *name)
{
	size_t l = strlen(name);
	l = l < 255 ? l : 255;
	if (!(h->internal_len[l / 64] & (uint64_t)1 << (l % 64)))
		return false;
	struct hostref key = { .fqdn = name };
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(h->v[mid].fqdn, key.fqdn) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < h->n && strcmp(h->v[i].fqdn, name) == 0; i++)
		if (h->v[i].internal)
			return true;
	return false;
}

/* the external view: public addresses only, no internal server names */
static void
rule_external(const struct sipdns_recset *s, const struct hosts *h,
	      struct sipdns_diag *d)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		if (r->view != SIPDNS_VIEW_EXTERNAL)
			continue;
		ldns_rr_type type = r->type;
		if (type == LDNS_RR_TYPE_A) {
			const ldns_rdf *f = ldns_rr_rdf(r->rr, 0);
			const uint8_t *b = ldns_rdf_data(f);
			uint32_t a = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
				     (uint32_t)b[2] << 8 | b[3];
			const char *why = sipdns_ipv4_nonpublic(a);
			if (why != NULL)
				sipdns_diag_add(d, SIPDNS_ERROR, r->loc,
					"external-private-address",
					"'%s' (%s) would publish the %s address %u.%u.%u.%u in the external view; give it its public address (behind NAT: the public side)",
					r->owner, r->reason, why, b[0], b[1], b[2], b[3]);
		}
		const char *target = r->target;
		const char *bad = is_internal_name(h, r->owner) ? r->owner
				  : target && is_internal_name(h, target) ? target
				  : NULL;
		if (bad != NULL)
			sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "external-internal-name",
				"'%s' is an internal server name and must not appear in the external view (%s); give the external service its own external FQDN",
				bad, r->reason);
	}
}

void
sipdns_check_model(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	rule_sign_in(t, d);
	rule_pools(t, d);
	rule_edge(t, d);
	rule_references(t, d);
	sipdns_certs_check(t, d);
	/* the product's own rules after the neutral ones; a product not
	 * supported yet has none (and generate refuses it before this) */
	const struct sipdns_profile *p = t->product;
	if (p != NULL && p->check != NULL)
		p->check(t, d);
	/* a pool of another product (a migration): its own product's pool
	 * checks */
	sipdns_profile_pool_checks(t, d);
}

/* The rules that read the topology alone, for a thread of their own:
 * their findings wait in diag, the hosts for rule_external in h. */
struct sipdns_check_run {
	const struct sipdns_topology *t;
	struct sipdns_diag diag;
	struct hosts h;
	pthread_t tid;
	bool threaded;
};

static void *
check_model_run(void *arg)
{
	struct sipdns_check_run *r = arg;
	sipdns_check_model(r->t, &r->diag);
	collect_hosts(r->t, &r->h);
	if (!r->h.oom && r->h.n > 1)
		qsort(r->h.v, r->h.n, sizeof(*r->h.v), href_cmp);
	if (!r->h.oom)
		rule_duplicates(&r->h, &r->diag);
	return NULL;
}

enum sipdns_status
sipdns_check_start(const struct sipdns_topology *t, bool thread,
		   struct sipdns_check_run **out)
{
	struct sipdns_check_run *r = calloc(1, sizeof(*r));
	*out = r;
	if (r == NULL)
		return SIPDNS_ENOMEM;
	r->t = t;
	sipdns_diag_init(&r->diag);
	r->threaded = thread && pthread_create(&r->tid, NULL, check_model_run, r) == 0;
	if (!r->threaded)
		check_model_run(r);
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_check_finish(struct sipdns_check_run *r, const struct sipdns_recset *s,
		    struct sipdns_diag *d)
{
	if (r == NULL)
		return SIPDNS_OK;
	if (r->threaded)
		pthread_join(r->tid, NULL);
	enum sipdns_status st = SIPDNS_OK;
	if (d != NULL) {
		if (r->h.oom || !sipdns_diag_move(d, &r->diag))
			st = SIPDNS_ENOMEM;
		else if (s != NULL)
			rule_external(s, &r->h, d);
		if (d->oom)
			st = SIPDNS_ENOMEM;
	}
	sipdns_diag_fini(&r->diag);
	free(r->h.v);
	free(r);
	return st;
}

enum sipdns_status
sipdns_check(const struct sipdns_topology *t, const struct sipdns_recset *s,
	     struct sipdns_diag *d)
{
	struct sipdns_check_run *r;
	enum sipdns_status st = sipdns_check_start(t, false, &r);
	if (st != SIPDNS_OK)
		return st;
	return sipdns_check_finish(r, s, d);
}
