/* profile_lync2013.c -- Lync Server 2013: its records, checks and roles
 *
 * One place for the product's knowledge, as ../shared/reference/ocs-dns.md
 * §3 gives it. What Lync Server 2013 keeps from 2010 (DNS load-balanced
 * pools, internal web services, simple URLs, the two lyncdiscover names,
 * the sign-in SRV, the Edge, the reverse proxy) is written by
 * profile_lync_common.c with this product's fact ids (L13-*); what is new
 * came with 2013 and Skype for Business Server keeps is there too, called
 * with this product's fact ids: XMPP federation (_xmpp-server._tcp.<sip>
 * 5269 and the XMPP proxy's address, L13-04), the Office Web Apps farm
 * (internal at its VIP, external at the reverse proxy, L13-05), the
 * Director's and Front End's external web services both published
 * (L13-05) and IPv6: an AAAA for each ipv6, dual stack or IPv6 only
 * (L13-12, L13-13, L13-16).
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
	.xmpp = "L13-04", .owa = "L13-05", .external_web = "L13-05",
};

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
	sipdns_lync_xmpp(&c);
	sipdns_lync_reverse_proxy(&c);
	sipdns_lync_external_web(&c);
	sipdns_lync_office_web_apps(&c);
	sipdns_lync_name_servers(&c);
	sipdns_lync_split_brain(&c);
}

/* A Lync Server 2013 pool in a Lync Server 2010 or Skype for Business
 * Server topology (a migration): its names with this product's facts. */
static void
pool(const struct sipdns_topology *t, const struct sipdns_pool *p,
     struct sipdns_recset *s)
{
	struct sipdns_lync_ctx c = { .t = t, .s = s, .f = &facts, .ipv6 = true,
				     .ttl = t->options.ttl_default,
				     .ttl_srv = t->options.ttl_srv };
	sipdns_lync_pool(&c, p);
}

/* ---- checks ---------------------------------------------------------------
 * Lync Server 2013's own (SRV targets in the owner's domain, both
 * external web services with Directors, the XMPP proxy's address, IPv6
 * scope) are in profile_lync_common.c, as Skype for Business Server
 * keeps them. */

static void
check(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	sipdns_lync_check_pools(t, &facts, d);
	sipdns_lync_check_cwa(t, &facts, d);
	sipdns_lync_check_simple_urls(t, &facts, d);
	sipdns_lync_check_mobility(t, &facts, d);
	sipdns_lync_check_2013(t, d);
	sipdns_lync_check_edge_pool(t, &facts, d);
	sipdns_lync_check_smtp(t, &facts, d);
}

/* A Lync Server 2013 pool in another product's topology. */
static void
pool_check(const struct sipdns_topology *t, const struct sipdns_pool *p,
	   struct sipdns_diag *d)
{
	sipdns_lync_check_pool(p, &facts, d);
	sipdns_lync_check_pool_2013(t, p, d);
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
	.lync_keys = true,
	.lync2013_keys = true,
	.pool = pool,
	.pool_check = pool_check,
};
