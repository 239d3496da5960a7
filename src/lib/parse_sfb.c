/* parse_sfb.c -- the topology keys that only Skype for Business Server has
 *
 * legacy_clients (the internal sip.<sip> and _sipinternaltls._tcp.<sip>
 * are needed only by clients older than Lync 2013 and by desk phones,
 * F01), ntp_server (the desk phones' _ntp._udp.<sip>, F01) and the
 * Edge's sip_record (external sip.<sip> as an A or as a CNAME to the
 * Access Edge FQDN, F01, E14). Other products refuse them with what to
 * write instead.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse_sfb.h"

#include <string.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "profile.h"
#include "yamltree.h"

/* Is the topology's product a Skype for Business Server one? Else an
 * error at v. */
static bool
sfb_only(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v,
	 const char *key, const char *instead)
{
	const struct sipdns_profile *p = c->t->product;
	if (p == NULL || p->sfb_keys)
		return true;
	sipdns_diag_add(c->d, SIPDNS_ERROR, v->loc, "sfb-only",
			"'%s' is a Skype for Business Server key and %s has none (%s): remove it, or set the product to the version deployed",
			key, p->short_title, instead);
	return false;
}

/* ntp_server: an FQDN (a time server outside the topology's zones, e.g.
 * north-america.pool.ntp.org) or a host mapping with its address. */
static void
get_ntp_server(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v)
{
	static const char *const keys[] = { "fqdn", "address", "ipv6", NULL };
	struct sipdns_host *h = sipdns_arena_alloc(c->arena, sizeof(*h));
	if (h == NULL) {
		c->d->oom = true;
		return;
	}
	memset(h, 0, sizeof(*h));
	if (v->kind == SIPDNS_YAMLTREE_SCALAR) {
		h->fqdn = sipdns_parse_fqdn(c, v, "ntp_server");
		h->loc = v->loc;
		h->addr.loc = v->loc;
		if (h->fqdn != NULL)
			c->t->ntp_server = h;
		return;
	}
	if (sipdns_parse_host(c, v, "ntp_server", keys, false, h))
		c->t->ntp_server = h;
}

void
sipdns_parse_sfb(struct sipdns_parse_ctx *c,
		 const struct sipdns_yamltree_node *root)
{
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(root, "legacy_clients")) != NULL &&
	    sfb_only(c, v, "legacy_clients", "its clients all sign in with _sipinternaltls._tcp") &&
	    sipdns_parse_bool(c, v, "legacy_clients", &c->t->legacy_clients)) {
		c->t->legacy_clients_set = true;
		c->t->legacy_clients_loc = v->loc;
	}
	if ((v = sipdns_yamltree_map_get(root, "ntp_server")) != NULL &&
	    sfb_only(c, v, "ntp_server", "_ntp._udp for desk phones came with Skype for Business Server"))
		get_ntp_server(c, v);
}

void
sipdns_parse_sfb_edge(struct sipdns_parse_ctx *c,
		      const struct sipdns_yamltree_node *n,
		      struct sipdns_edge *e)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(n, "sip_record");
	if (v == NULL || !sfb_only(c, v, "sip_record", "its sip.<sip> is an A at the Access Edge"))
		return;
	e->sip_record_loc = v->loc;
	const char *s = sipdns_parse_str(c, v, "sip_record");
	if (s && strcmp(s, "cname") == 0)
		e->sip_cname = true;
	else if (s && strcmp(s, "a") != 0)
		sipdns_parse_err(c, v, "edge sip_record must be 'a' (sip.<sip> an A at the Access Edge address) or 'cname' (sip.<sip> a CNAME to the Access Edge FQDN, the SRV records at that FQDN), not '%.60s'", s);
}
