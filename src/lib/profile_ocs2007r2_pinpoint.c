/* profile_ocs2007r2_pinpoint.c -- OCS 2007 R2: where a SIP domain's
 * internal sign-in records live
 *
 * When the internal DNS does not hold a SIP domain's zone, Microsoft
 * documents three ways (ocs-dns.md §1.3 rule 7, fact S1.3-7): a full
 * internal zone for the domain, pin-point zones (one zone per name, the
 * record at its apex: E3), or manual client configuration. A SIP domain
 * says which with internal: zone|pinpoint|manual. This file implies the
 * pin-point zones (the profile's zones hook), gives no-zone its three
 * ways (no_zone hook) and checks the choice: pinpoint-view,
 * pinpoint-zone, and split-brain-public for a split-brain internal zone
 * that holds nothing but sipdns's records.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile_ocs2007r2_pinpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "name.h"
#include "zones.h"

#define IN SIPDNS_VIEW_INTERNAL

/* The owners of a SIP domain's internal sign-in records, prefix + domain
 * (§1.3 rule 3; the fallback names, S1.3-A, with fallback_names). */
static const char *const srv_pre[2] = { "_sipinternaltls._tcp.",
					"_sipinternal._tcp." };
static const char *const fb_pre[2] = { "sipinternal.", "sip." };

static void
owner(char *buf, size_t size, const char *pre, const char *d)
{
	snprintf(buf, size, "%s%s", pre, d);
}

/* A pin-point zone for name unless a zone of the internal view holds it
 * (then pinpoint-zone says so when that zone is not name itself). */
static bool
want_zone(const struct sipdns_topology *t, const char *name,
	  const struct sipdns_loc *loc, sipdns_zone_add_fn add, void *arg)
{
	if (sipdns_zone_for(t, IN, name) != NULL)
		return true;
	return add(arg, IN, name, loc);
}

void
sipdns_ocs2007r2_pinpoint_zones(const struct sipdns_topology *t,
				sipdns_zone_add_fn add, void *arg)
{
	char name[SIPDNS_NAME_MAX_TEXT + 32];
	const struct sipdns_loc *first = NULL;
	bool ok = true;
	for (size_t i = 0; i < t->n_sip_domains && ok; i++) {
		const struct sipdns_sip_domain *sd = &t->sip_domains[i];
		if (sd->internal != SIPDNS_SIP_INTERNAL_PINPOINT)
			continue;
		if (first == NULL)
			first = &sd->internal_loc;
		for (int k = 0; k < (t->options.tcp_allowed ? 2 : 1) && ok; k++) {
			owner(name, sizeof(name), srv_pre[k], sd->name);
			ok = want_zone(t, name, &sd->internal_loc, add, arg);
		}
		for (int k = 0; k < 2 && ok && t->options.fallback_names; k++) {
			owner(name, sizeof(name), fb_pre[k], sd->name);
			ok = want_zone(t, name, &sd->internal_loc, add, arg);
		}
	}
	/* E3: the SRV target's own zone, its A record at the apex */
	const struct sipdns_pool *p = sipdns_topology_sign_in(t);
	if (ok && first != NULL && p != NULL)
		want_zone(t, p->fqdn, first, add, arg);
}

/* The SIP domain whose internal sign-in SRV owner is name, or NULL. */
static const struct sipdns_sip_domain *
sign_in_domain(const struct sipdns_topology *t, const char *name)
{
	for (int k = 0; k < 2; k++) {
		size_t n = strlen(srv_pre[k]);
		if (strncmp(name, srv_pre[k], n) != 0)
			continue;
		for (size_t i = 0; i < t->n_sip_domains; i++)
			if (strcmp(t->sip_domains[i].name, name + n) == 0)
				return &t->sip_domains[i];
	}
	return NULL;
}

bool
sipdns_ocs2007r2_pinpoint_no_zone(const struct sipdns_topology *t, int view,
				  const char *name, char *buf, size_t size)
{
	const struct sipdns_sip_domain *sd =
		view == IN ? sign_in_domain(t, name) : NULL;
	if (sd == NULL || sd->internal != SIPDNS_SIP_INTERNAL_ZONE)
		return false;
	const char *d = sd->name;
	snprintf(buf, size,
		 "Microsoft documents three ways (S1.3-7): a full zone (add %s to views: internal: zones; with %s in the external view too this is split-brain DNS, and the internal zone must then hold the domain's public names as well), "
		 "pin-point zones (write the SIP domain as {name: %s, internal: pinpoint}: sipdns adds the zone _sipinternaltls._tcp.%s and one for the sign-in pool's FQDN), "
		 "or manual client configuration (write {name: %s, internal: manual}: no internal sign-in records, and Communicator gets its server from the registry or Group Policy)",
		 d, d, d, d, d);
	return true;
}

/* pinpoint-view: pin-point zones are zones of the internal view. */
static void
check_view(const struct sipdns_topology *t, const struct sipdns_sip_domain *sd,
	   struct sipdns_diag *d)
{
	if (!t->views[IN].present)
		sipdns_diag_add(d, SIPDNS_ERROR, sd->internal_loc, "pinpoint-view",
			"SIP domain '%s' has internal: pinpoint, but the topology has no internal view to hold its pin-point zones; add views: internal: {ns: [...], zones: []} (the internal DNS servers)",
			sd->name);
}

/* pinpoint-zone: a zone of the internal view that holds the SIP
 * domain's sign-in names already (its full zone) makes pinpoint moot. */
static void
check_zone(const struct sipdns_topology *t, const struct sipdns_sip_domain *sd,
	   struct sipdns_diag *d)
{
	char name[SIPDNS_NAME_MAX_TEXT + 32];
	owner(name, sizeof(name), srv_pre[0], sd->name);
	const struct sipdns_zone *z = sipdns_zone_for(t, IN, name);
	if (z == NULL || strcmp(z->name, name) == 0)
		return;
	sipdns_diag_add(d, SIPDNS_ERROR, sd->internal_loc, "pinpoint-zone",
		"SIP domain '%s' has internal: pinpoint, but the internal zone '%s' (line %u) holds its sign-in records already; use one way: drop internal: pinpoint (the full zone), or drop zone '%s' from the internal view (pin-point zones)",
		sd->name, z->name, z->loc.line, z->name);
}

/* The zones of the internal view (by position) that hold a SIP domain
 * (its longest match: where its records go; the first one named) and those in which an
 * owned_elsewhere entry names something: one zone-index look-up per
 * name, so a topology of many SIP domains costs no more than its zones.
 * False: out of memory. */
static bool
mark_zones(const struct sipdns_topology *t, const char **holds_sip, bool *owned)
{
	const struct sipdns_view *v = &t->views[IN];
	const struct sipdns_zone_index *x = sipdns_topology_zones(t, IN);
	if (x == NULL)
		return false;
	const struct sipdns_zone *z;
	for (size_t i = 0; i < t->n_sip_domains; i++)
		if ((z = sipdns_zone_index_find(x, t->sip_domains[i].name)) != NULL)
			if (holds_sip[z - v->zones] == NULL)
				holds_sip[z - v->zones] = t->sip_domains[i].name;
	for (size_t i = 0; i < v->n_owned_elsewhere; i++) {
		const char *e = v->owned_elsewhere[i];
		if (strncmp(e, "*.", 2) == 0)
			e += 2;
		if ((z = sipdns_zone_index_find(x, e)) != NULL)
			owned[z - v->zones] = true;
	}
	return true;
}

/* split-brain-public: an internal zone in both views that holds a SIP
 * domain holds only what sipdns writes when the AD domain (declared) is
 * not in it and owned_elsewhere names nothing in it; its internal clients
 * then lose every other public name of the domain. Without ad_domain the
 * zone may be the AD zone, with names AD keeps: nothing is said. */
static void
check_split_public(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	const struct sipdns_view *v = &t->views[IN];
	bool any = false;
	for (size_t i = 0; i < v->n_zones && !any; i++)
		any = v->zones[i].split_brain;
	if (t->ad_domain == NULL || !any)
		return;
	const char **holds = calloc(v->n_zones, sizeof(*holds));
	bool *owned = calloc(v->n_zones, sizeof(bool));
	if (holds == NULL || owned == NULL || !mark_zones(t, holds, owned)) {
		d->oom = true;
		free((void *)holds);
		free(owned);
		return;
	}
	for (size_t i = 0; i < v->n_zones; i++) {
		const struct sipdns_zone *z = &v->zones[i];
		if (!z->split_brain || holds[i] == NULL || owned[i] ||
		    sipdns_name_in_domain(t->ad_domain, z->name))
			continue;
		sipdns_diag_add(d, SIPDNS_WARNING, z->loc, "split-brain-public",
			"split-brain: the internal zone '%s' holds only the records sipdns writes (the AD domain '%s' is not in it and views: internal: owned_elsewhere names nothing in it), and internal clients ask only the internal view for every name of %s: they lose the domain's other public names (www, mail, ...). "
			"Add those names to the internal zone and list them under views: internal: owned_elsewhere, or drop '%s' from the internal view and write the SIP domain as {name: %s, internal: pinpoint} (pin-point zones, S1.3-7)",
			z->name, t->ad_domain, z->name, z->name, holds[i]);
	}
	free((void *)holds);
	free(owned);
}

void
sipdns_ocs2007r2_pinpoint_check(const struct sipdns_topology *t,
				struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_sip_domains; i++) {
		const struct sipdns_sip_domain *sd = &t->sip_domains[i];
		if (sd->internal != SIPDNS_SIP_INTERNAL_PINPOINT)
			continue;
		check_view(t, sd, d);
		check_zone(t, sd, d);
	}
	check_split_public(t, d);
}
