/* profile_lync2010_certs.c -- Lync Server 2010: the names on its certificates
 *
 * What ../shared/reference/ocs-dns.md §2 gives: the Edge's one public
 * certificate for Access, Web Conferencing and A/V authentication
 * (L10-08, L10-09), its internal certificate (L10-09), and the reverse
 * proxy's (L10-11). §2 gives no pool certificate rules for Lync Server
 * 2010, so pools are not listed. The engine (certs.c) collects and
 * compares; the knowledge is here.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile_lync2010_certs.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "certs.h"
#include "model.h"

static void
edge(const struct sipdns_topology *t, struct sipdns_certs_build *b)
{
	const struct sipdns_edge *e = &t->edge;
	if (e->internal.fqdn != NULL) {
		sipdns_certs_begin(b, SIPDNS_CERT_EDGE_INTERNAL, e->internal.fqdn,
				   &e->internal_cert, "Edge internal interface %s",
				   e->internal.fqdn);
		sipdns_certs_name(b, e->internal.fqdn, true, false, "L10-09",
				  "the Edge's internal FQDN");
	}
	if (e->access.fqdn == NULL)
		return;
	sipdns_certs_begin(b, SIPDNS_CERT_ACCESS_EDGE, e->access.fqdn,
			   &e->access.cert, "Edge external (Access, Web Conferencing, A/V authentication) %s",
			   e->access.fqdn);
	sipdns_certs_name(b, e->access.fqdn, true, false, "L10-08",
			  "the Access Edge's external FQDN: the subject is recommended (OCS interoperability), and the SAN must repeat it, as TLS ignores the subject when a SAN exists");
	if (e->web_conferencing.fqdn != NULL)
		sipdns_certs_name(b, e->web_conferencing.fqdn, false, false, "L10-09",
				  "the Web Conferencing Edge's external FQDN, on the same certificate");
	for (size_t i = 0; i < t->n_sip_domains; i++)
		sipdns_certs_name(b, sipdns_arena_printf(t->arena, "sip.%s",
							 t->sip_domains[i].name),
				  false, false, "L10-09",
				  "the SRV records of SIP domain '%s' name it",
				  t->sip_domains[i].name);
	sipdns_certs_note(b, "one public certificate for the Access, Web Conferencing and A/V authentication services, exportable for an Edge pool; the A/V Edge external name carries none (L10-08, L10-09)");
}

void
sipdns_lync2010_certs(const struct sipdns_topology *t,
		      struct sipdns_certs_build *b)
{
	if (t->edge.present)
		edge(t, b);
	const struct sipdns_reverse_proxy *r = &t->reverse_proxy;
	if (!r->present || r->web_farm_fqdn == NULL)
		return;
	sipdns_certs_begin(b, SIPDNS_CERT_REVERSE_PROXY, r->web_farm_fqdn,
			   &r->cert, "reverse proxy %s", r->web_farm_fqdn);
	sipdns_certs_name(b, r->web_farm_fqdn, true, false, "L10-11",
			  "the external web services FQDN of the pool homing remote users");
	sipdns_certs_note(b, "the SAN carries the external web services FQDN of every pool homing remote users; Directors need a listener and certificate of their own (L10-11)");
}
