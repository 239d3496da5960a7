/* profile_ocs2007r2_certs.c -- OCS 2007 R2: the names on its certificates
 *
 * Which certificate must carry which DNS name, each with its fact id of
 * README "Certificates" (R2-C1 to R2-C9, from the sources of
 * ../shared/reference/ocs-dns.md §1.5). The engine (certs.c) collects
 * and compares; the knowledge is here.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile_ocs2007r2_certs.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "certs.h"
#include "model.h"

#define WILDCARD_FACT "R2-C9"
#define WILDCARD \
	"OCS 2007 R2 sources disagree on wildcards (a Microsoft certificate document allows them in a pool certificate's SANs; field reports say the OCS services do not start with one, and that CWA 2007 R2 breaks with one), so sipdns counts a wildcard as covering no name"

static const char *
sip_name(const struct sipdns_topology *t, const char *sip)
{
	return sipdns_arena_printf(t->arena, "sip.%s", sip);
}

static void
pool(const struct sipdns_topology *t, const struct sipdns_pool *p,
     struct sipdns_certs_build *b)
{
	bool dir = p->role == SIPDNS_ROLE_DIRECTOR;
	const char *what = p->edition == SIPDNS_STANDARD
		? (dir ? "Standard Edition Director" : "Standard Edition server")
		: (dir ? "Enterprise Director pool" : "Enterprise pool");
	sipdns_certs_begin(b, SIPDNS_CERT_POOL, p->fqdn, &p->cert, "%s %s",
			   what, p->fqdn);
	sipdns_certs_name(b, p->fqdn, true, false, "R2-C1",
			  "the %s's own FQDN is the subject of its default certificate (MTLS and client TLS)",
			  what);
	if (p->edition == SIPDNS_ENTERPRISE && p->web_farm.fqdn != NULL)
		sipdns_certs_name(b, p->web_farm.fqdn, false, false, "R2-C2",
				  "the internal web farm FQDN of the pool's Web Components");
	if (p->auto_sign_in && t->options.strict_dns_naming &&
	    sipdns_certs_wanted(b))
		for (size_t i = 0; i < t->n_sip_domains; i++) {
			const char *sip = t->sip_domains[i].name;
			if (sipdns_name_in_domain(p->fqdn, sip))
				continue;
			sipdns_certs_name(b, sip_name(t, sip), false, true, "R2-C3",
					  "the automatic sign-in pool is outside SIP domain '%s' and strict DNS naming is on",
					  sip);
		}
	if (p->edition == SIPDNS_ENTERPRISE)
		sipdns_certs_note(b, "every Front End may use this same exportable certificate (S27)");
	sipdns_certs_wildcard(b, WILDCARD_FACT, "%s", WILDCARD);
}

static void
edge(const struct sipdns_topology *t, struct sipdns_certs_build *b)
{
	const struct sipdns_edge *e = &t->edge;
	if (e->internal.fqdn != NULL) {
		sipdns_certs_begin(b, SIPDNS_CERT_EDGE_INTERNAL, e->internal.fqdn,
				   &e->internal_cert, "Edge internal interface %s",
				   e->internal.fqdn);
		sipdns_certs_name(b, e->internal.fqdn, true, false, "R2-C4",
				  "the Edge's internal FQDN, one certificate for its three services");
		sipdns_certs_wildcard(b, WILDCARD_FACT, "%s", WILDCARD);
	}
	if (e->access.fqdn != NULL) {
		sipdns_certs_begin(b, SIPDNS_CERT_ACCESS_EDGE, e->access.fqdn,
				   &e->access.cert, "Access Edge %s", e->access.fqdn);
		sipdns_certs_name(b, e->access.fqdn, true, false, "R2-C5",
				  "the Access Edge's external FQDN");
		for (size_t i = 0; i < t->n_sip_domains && sipdns_certs_wanted(b); i++)
			sipdns_certs_name(b, sip_name(t, t->sip_domains[i].name),
					  false, false, "R2-C5",
					  "the SRV records of SIP domain '%s' name it: federation and remote users match the certificate with the SRV domain",
					  t->sip_domains[i].name);
		sipdns_certs_note(b, "a public CA is needed for public IM connectivity and anonymous web conferencing (S24)");
		sipdns_certs_wildcard(b, WILDCARD_FACT, "%s", WILDCARD);
	}
	if (e->web_conferencing.fqdn != NULL) {
		sipdns_certs_begin(b, SIPDNS_CERT_WEBCONF_EDGE,
				   e->web_conferencing.fqdn,
				   &e->web_conferencing.cert,
				   "Web Conferencing Edge %s", e->web_conferencing.fqdn);
		sipdns_certs_name(b, e->web_conferencing.fqdn, true, false, "R2-C6",
				  "the Web Conferencing Edge's external FQDN (a certificate of its own in R2)");
		sipdns_certs_wildcard(b, WILDCARD_FACT, "%s", WILDCARD);
	}
}

/* the CWA names: host, as., download. */
static void
cwa_names(const struct sipdns_topology *t, struct sipdns_certs_build *b,
	  const char *host, bool subject, const char *fact)
{
	sipdns_certs_name(b, host, subject, false, fact, "the CWA URL host");
	const char *as = sipdns_arena_printf(t->arena, "as.%s", host);
	const char *dl = sipdns_arena_printf(t->arena, "download.%s", host);
	sipdns_certs_name(b, as, false, false, fact,
			  "desktop sharing reaches CWA at the as. name (R2-E7)");
	sipdns_certs_name(b, dl, false, false, fact,
			  "desktop sharing downloads from the download. name (R2-E7)");
}

static void
proxy_and_cwa(const struct sipdns_topology *t, struct sipdns_certs_build *b)
{
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	if (r->present && r->web_farm_fqdn != NULL) {
		sipdns_certs_begin(b, SIPDNS_CERT_REVERSE_PROXY, r->web_farm_fqdn,
				   &r->cert, "reverse proxy %s", r->web_farm_fqdn);
		sipdns_certs_name(b, r->web_farm_fqdn, true, false, "R2-C7",
				  "the external web farm FQDN it publishes");
		if (r->cwa_fqdn != NULL) {
			cwa_names(t, b, r->cwa_fqdn, false, "R2-C7");
			sipdns_certs_note(b, "the CWA names may instead be on a second certificate of their own (L10-07), which sipdns cannot declare yet: it then reports them missing from this one");
		}
		sipdns_certs_wildcard(b, WILDCARD_FACT, "%s", WILDCARD);
	}
	const struct sipdns_cwa *w = &t->cwa;
	if (w->present && w->url_host != NULL) {
		sipdns_certs_begin(b, SIPDNS_CERT_CWA, w->url_host, &w->cert,
				   "Communicator Web Access %s", w->url_host);
		cwa_names(t, b, w->url_host, true, "R2-C8");
		for (size_t i = 0; i < w->n_servers; i++)
			sipdns_certs_name(b, w->servers[i].fqdn, false, false, "R2-C8",
					  "a CWA server's own FQDN, which its pages also use");
		sipdns_certs_note(b, "each CWA server also needs an MTLS certificate whose subject is its own FQDN (S14)");
		sipdns_certs_wildcard(b, WILDCARD_FACT, "%s", WILDCARD);
	}
}

void
sipdns_ocs2007r2_certs(const struct sipdns_topology *t,
		       struct sipdns_certs_build *b)
{
	for (size_t i = 0; i < t->n_pools; i++)
		pool(t, &t->pools[i], b);
	if (t->edge.present)
		edge(t, b);
	proxy_and_cwa(t, b);
}
