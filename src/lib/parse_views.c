/* parse_views.c -- parse.c's views: zones, name servers, SOA defaults
 *
 * A view lists its zones, each with its own or the view's name servers and
 * SOA values, and the names owned elsewhere; a zone in both views marks
 * split-brain DNS.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse_views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "name.h"
#include "profile.h"

static void
get_soa(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	struct sipdns_soa *soa)
{
	static const char *const keys[] = { "mname", "rname", "refresh", "retry",
					    "expire", "minimum", NULL };
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "soa"))
		return;
	sipdns_parse_check_keys(c, n, keys, "soa");
	soa->loc = n->loc;
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(n, "mname")) != NULL)
		soa->mname = sipdns_parse_fqdn(c, v, "soa mname");
	if ((v = sipdns_yamltree_map_get(n, "rname")) != NULL) {
		const char *s = sipdns_parse_str(c, v, "soa rname");
		const char *at = s ? strchr(s, '@') : NULL;
		if (at != NULL) {
			/* hostmaster@contoso.com -> hostmaster.contoso.com */
			const char *why;
			size_t llen = (size_t)(at - s);
			if (llen == 0 || !sipdns_valid_hostname(s, llen, &why) ||
			    memchr(s, '.', llen) != NULL) {
				sipdns_parse_err(c, v, "soa rname '%.80s': the mailbox part must be one label of letters, digits and hyphens", s);
			} else {
				struct sipdns_yamltree_node tmp = *v;
				tmp.s = at + 1;
				tmp.len = strlen(at + 1);
				const char *dom = sipdns_parse_fqdn(c, &tmp, "soa rname domain");
				if (dom != NULL)
					soa->rname = sipdns_arena_printf(c->arena, "%.*s.%s",
									 (int)llen, s, dom);
			}
		} else if (s != NULL) {
			soa->rname = sipdns_parse_fqdn(c, v, "soa rname");
		}
	}
	struct { const char *k; uint32_t *p; bool *has; } f[] = {
		{ "refresh", &soa->refresh, &soa->has_refresh },
		{ "retry", &soa->retry, &soa->has_retry },
		{ "expire", &soa->expire, &soa->has_expire },
		{ "minimum", &soa->minimum, &soa->has_minimum },
	};
	for (size_t i = 0; i < 4; i++) {
		if ((v = sipdns_yamltree_map_get(n, f[i].k)) == NULL)
			continue;
		char what[32];
		snprintf(what, sizeof(what), "soa %s", f[i].k);
		if (sipdns_parse_u32(c, v, what, 1, 2147483647u, f[i].p))
			*f[i].has = true;
	}
}

/* NS list: fqdn strings or host mappings (address needed for in-zone NS). */
static struct sipdns_host *
get_ns(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
       size_t *count)
{
	*count = 0;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_SEQ, "ns"))
		return NULL;
	struct sipdns_host *v = sipdns_arena_alloc(c->arena,
					(n->n ? n->n : 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n->n; i++) {
		const struct sipdns_yamltree_node *e = n->items[i];
		struct sipdns_host *h = &v[*count];
		if (e->kind == SIPDNS_YAMLTREE_SCALAR) {
			h->fqdn = sipdns_parse_fqdn(c, e, "name server");
			h->loc = e->loc;
			if (h->fqdn)
				(*count)++;
		} else if (sipdns_parse_host(c, e, "name server",
				sipdns_parse_host_keys_self_reg, false, h)) {
			(*count)++;
		}
	}
	return v;
}

static void
soa_merge(struct sipdns_soa *z, const struct sipdns_soa *def)
{
	if (!z->mname) z->mname = def->mname;
	if (!z->rname) z->rname = def->rname;
	if (!z->has_refresh && def->has_refresh) {
		z->refresh = def->refresh;
		z->has_refresh = true;
	}
	if (!z->has_retry && def->has_retry) {
		z->retry = def->retry;
		z->has_retry = true;
	}
	if (!z->has_expire && def->has_expire) {
		z->expire = def->expire;
		z->has_expire = true;
	}
	if (!z->has_minimum && def->has_minimum) {
		z->minimum = def->minimum;
		z->has_minimum = true;
	}
	if (!z->loc.line) z->loc = def->loc;
}


/* One owned_elsewhere entry: a name or a *.suffix pattern (SRV owners
 * such as _sip._tls... allowed), lower-cased. NULL when not valid (the
 * problem is reported) or, with *oom set, when memory ran out. */
static const char *
get_owned_entry(struct sipdns_parse_ctx *c,
		const struct sipdns_yamltree_node *e, bool *oom)
{
	const char *s = sipdns_parse_text(c, e, "owned_elsewhere entry");
	if (s == NULL)
		return NULL;
	bool wild = strncmp(s, "*.", 2) == 0;
	struct sipdns_yamltree_node tmp = *e;
	if (wild) {
		tmp.s = s + 2;
		tmp.len = e->len - 2;
	}
	/* the whole name (wildcard label included) as DNS has it */
	const char *why;
	bool ok = sipdns_valid_service_name(tmp.s, tmp.len, &why);
	if (ok && wild && e->len - (s[e->len - 1] == '.') > SIPDNS_NAME_MAX_TEXT) {
		why = "the name is longer than 253 characters (255 octets in DNS wire form, the most DNS allows)";
		ok = false;
	}
	if (!ok) {
		sipdns_parse_err(c, e, "owned_elsewhere entry '%.80s' is not a valid DNS name: %s", s, why);
		return NULL;
	}
	const char *check = tmp.s;
	while (check[0] == '_') {
		const char *dot = strchr(check, '.');
		if (dot == NULL)
			break;
		check = dot + 1;
	}
	tmp.s = check;
	tmp.len = strlen(check);
	const char *name_ok = sipdns_parse_fqdn(c, &tmp, "owned_elsewhere entry");
	if (name_ok == NULL)
		return NULL;
	char *full = sipdns_arena_printf(c->arena, "%s%.*s%s",
			wild ? "*." : "",
			(int)(check - (wild ? s + 2 : s)),
			wild ? s + 2 : s, name_ok);
	if (full == NULL) {
		*oom = true;
		return NULL;
	}
	for (char *p = full; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return full;
}

/* False: out of memory. */
static bool
get_owned_elsewhere(struct sipdns_parse_ctx *c,
		    const struct sipdns_yamltree_node *v,
		    struct sipdns_view *view)
{
	view->owned_elsewhere = sipdns_arena_alloc(c->arena,
			(v->n ? v->n : 1) * sizeof(char *));
	view->owned_elsewhere_loc = sipdns_arena_alloc(c->arena,
			(v->n ? v->n : 1) * sizeof(struct sipdns_loc));
	if (!view->owned_elsewhere || !view->owned_elsewhere_loc)
		return false;
	for (size_t i = 0; i < v->n; i++) {
		const struct sipdns_yamltree_node *e = v->items[i];
		bool oom = false;
		const char *full = get_owned_entry(c, e, &oom);
		if (oom)
			return false;
		if (full == NULL)
			continue;
		view->owned_elsewhere_loc[view->n_owned_elsewhere] = e->loc;
		view->owned_elsewhere[view->n_owned_elsewhere++] = full;
	}
	return true;
}

/* A zone name: a domain name, whose leading labels may start with '_'
 * (a pin-point zone, _sipinternaltls._tcp.contoso.com), fully
 * qualified, lower-cased; NULL when not valid (reported). */
static const char *
zone_name(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n)
{
	const char *s = sipdns_parse_text(c, n, "zone name");
	const char *why;
	if (s == NULL)
		return NULL;
	if (!sipdns_valid_zone_name(s, n->len, &why)) {
		sipdns_parse_err(c, n, "zone name '%.80s' is not a valid DNS host name: %s", s, why);
		return NULL;
	}
	struct sipdns_yamltree_node tmp = *n;
	while (tmp.s[0] == '_' && memchr(tmp.s, '.', tmp.len) != NULL) {
		const char *dot = memchr(tmp.s, '.', tmp.len);
		tmp.len -= (size_t)(dot + 1 - tmp.s);
		tmp.s = dot + 1;
	}
	if (tmp.s == s)
		return sipdns_parse_fqdn(c, n, "zone name");
	/* the host-name part must be fully qualified; the whole is kept */
	if (sipdns_parse_fqdn(c, &tmp, "zone name") == NULL)
		return NULL;
	size_t len = n->len - (s[n->len - 1] == '.');
	char *out = sipdns_arena_strndup(c->arena, s, len);
	if (out == NULL)
		c->d->oom = true;
	for (char *p = out; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* One zones entry: a name, or a mapping of name, ns and soa. True when it
 * has a valid name. */
static bool
get_zone(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *e,
	 struct sipdns_zone *z)
{
	static const char *const zkeys[] = { "name", "ns", "soa", NULL };
	memset(z, 0, sizeof(*z));
	z->loc = e->loc;
	if (e->kind == SIPDNS_YAMLTREE_SCALAR) {
		z->name = zone_name(c, e);
	} else if (sipdns_parse_expect(c, e, SIPDNS_YAMLTREE_MAP, "zone")) {
		sipdns_parse_check_keys(c, e, zkeys, "zone");
		const struct sipdns_yamltree_node *zn, *v;
		if (sipdns_parse_require(c, e, "name", "zone", &zn))
			z->name = zone_name(c, zn);
		if ((v = sipdns_yamltree_map_get(e, "soa")) != NULL)
			get_soa(c, v, &z->soa);
		if ((v = sipdns_yamltree_map_get(e, "ns")) != NULL)
			z->ns = get_ns(c, v, &z->n_ns);
	}
	return z->name != NULL;
}

/* A zone listed twice in a view is reported and kept once. */
static void
drop_dup_zones(struct sipdns_parse_ctx *c, struct sipdns_view *view,
	       const char *name)
{
	struct sipdns_parse_nameref *refs =
		malloc((view->n_zones ? view->n_zones : 1) * sizeof(*refs));
	if (refs == NULL)
		return;
	for (size_t i = 0; i < view->n_zones; i++)
		refs[i] = (struct sipdns_parse_nameref){ view->zones[i].name,
							 view->zones[i].loc, i };
	bool *dup = sipdns_parse_find_dups(c, refs, view->n_zones,
		"zone '%s' is listed twice in view '%s' (first at line %u)", name);
	sipdns_parse_drop_marked(view->zones, &view->n_zones,
				 sizeof(*view->zones), dup);
	free(dup);
	free(refs);
}

/* The view's zones, each with the view's SOA defaults and, when it names
 * none, the view's name servers. */
static void
get_zones(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	  const char *name, const char *what, struct sipdns_view *view,
	  const struct sipdns_soa *defsoa, struct sipdns_host *defns,
	  size_t n_defns)
{
	const struct sipdns_yamltree_node *zs;
	if (!sipdns_parse_require(c, n, "zones", what, &zs) ||
	    !sipdns_parse_expect(c, zs, SIPDNS_YAMLTREE_SEQ, "zones"))
		return;
	view->zones = sipdns_arena_alloc(c->arena,
					 (zs->n ? zs->n : 1) * sizeof(*view->zones));
	if (view->zones == NULL)
		return;
	for (size_t i = 0; i < zs->n; i++) {
		struct sipdns_zone *z = &view->zones[view->n_zones];
		if (!get_zone(c, zs->items[i], z))
			continue;
		soa_merge(&z->soa, defsoa);
		if (z->n_ns == 0) {
			z->ns = defns;
			z->n_ns = n_defns;
		}
		view->n_zones++;
	}
	drop_dup_zones(c, view, name);
}

/* Only the internal view's name servers (domain controllers of an
 * AD-integrated zone) register themselves. */
static void
no_self_reg_outside(struct sipdns_parse_ctx *c, const struct sipdns_view *view,
		    const char *name)
{
	const struct sipdns_host *last = NULL;
	for (size_t i = 0; i < view->n_zones; i++) {
		const struct sipdns_zone *z = &view->zones[i];
		if (z->ns == last)
			continue;
		last = z->ns;
		for (size_t k = 0; k < z->n_ns; k++)
			if (z->ns[k].self_reg == SIPDNS_SELF_REG_YES)
				sipdns_diag_add(c->d, SIPDNS_ERROR,
					z->ns[k].self_reg_loc, NULL,
					"self_registered applies to the internal view's name servers only (domain controllers registering in AD-integrated DNS); the %s view's name servers register nothing: remove it",
					name);
	}
}

static void
get_view(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	 const char *name, struct sipdns_view *view)
{
	static const char *const keys[] = { "zones", "ns", "soa",
					    "owned_elsewhere", NULL };
	char what[64];
	snprintf(what, sizeof(what), "view '%s'", name);
	view->present = true;
	view->loc = n->loc;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, what))
		return;
	sipdns_parse_check_keys(c, n, keys, what);
	struct sipdns_soa defsoa = { 0 };
	struct sipdns_host *defns = NULL;
	size_t n_defns = 0;
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(n, "soa")) != NULL)
		get_soa(c, v, &defsoa);
	if ((v = sipdns_yamltree_map_get(n, "ns")) != NULL)
		defns = get_ns(c, v, &n_defns);
	if ((v = sipdns_yamltree_map_get(n, "owned_elsewhere")) != NULL &&
	    sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, "owned_elsewhere") &&
	    !get_owned_elsewhere(c, v, view))
		return;
	view->def_soa = defsoa;
	view->def_ns = defns;
	view->n_def_ns = n_defns;
	get_zones(c, n, name, what, view, &defsoa, defns, n_defns);
	if (strcmp(name, "internal") != 0)
		no_self_reg_outside(c, view, name);
}

static int
zone_ptr_cmp(const void *pa, const void *pb)
{
	const struct sipdns_zone *a = *(struct sipdns_zone *const *)pa;
	const struct sipdns_zone *b = *(struct sipdns_zone *const *)pb;
	return strcmp(a->name, b->name);
}

/* The same zone name in both views is split-brain DNS. */
static void
mark_split_brain(struct sipdns_view *in, struct sipdns_view *ex)
{
	size_t n = in->n_zones + ex->n_zones;
	struct sipdns_zone **all = malloc((n ? n : 1) * sizeof(*all));
	if (all == NULL)
		return;
	for (size_t i = 0; i < in->n_zones; i++)
		all[i] = &in->zones[i];
	for (size_t i = 0; i < ex->n_zones; i++)
		all[in->n_zones + i] = &ex->zones[i];
	qsort(all, n, sizeof(*all), zone_ptr_cmp);
	/* names are unique within a view: equal neighbours are one per view */
	for (size_t i = 1; i < n; i++)
		if (strcmp(all[i - 1]->name, all[i]->name) == 0)
			all[i - 1]->split_brain = all[i]->split_brain = true;
	free(all);
}

void
sipdns_parse_views(struct sipdns_parse_ctx *c,
		   const struct sipdns_yamltree_node *v)
{
	static const char *const vkeys[] = { "internal", "external",
					     "perimeter", NULL };
	struct sipdns_topology *t = c->t;
	sipdns_parse_check_keys(c, v, vkeys, "views");
	const struct sipdns_yamltree_node *in, *ex;
	if ((in = sipdns_yamltree_map_get(v, "internal")) != NULL)
		get_view(c, in, "internal", &t->views[SIPDNS_VIEW_INTERNAL]);
	if ((ex = sipdns_yamltree_map_get(v, "external")) != NULL)
		get_view(c, ex, "external", &t->views[SIPDNS_VIEW_EXTERNAL]);
	/* perimeter: the DMZ DNS server the Edge asks (R2-P1, R2-P2) */
	const struct sipdns_yamltree_node *per =
		sipdns_yamltree_map_get(v, "perimeter");
	if (per != NULL)
		get_view(c, per, "perimeter", &t->views[SIPDNS_VIEW_PERIMETER]);
	if (in == NULL && ex == NULL)
		sipdns_parse_err(c, v, "views must define 'internal', 'external' or both");
	mark_split_brain(&t->views[SIPDNS_VIEW_INTERNAL],
			 &t->views[SIPDNS_VIEW_EXTERNAL]);
}

/* One zone the product implies (a pin-point zone): added to view v with
 * the view's name servers and SOA values, unless the view lists it. */
struct imply {
	struct sipdns_parse_ctx *c;
	bool oom;
};

static bool
imply_zone(void *arg, int v, const char *name, const struct sipdns_loc *loc)
{
	struct imply *im = arg;
	struct sipdns_view *view = &im->c->t->views[v];
	if (!view->present)
		return true;
	for (size_t i = 0; i < view->n_zones; i++)
		if (strcmp(view->zones[i].name, name) == 0)
			return true;
	struct sipdns_zone *zs = sipdns_arena_alloc(im->c->arena,
					(view->n_zones + 1) * sizeof(*zs));
	const char *copy = sipdns_arena_strdup(im->c->arena, name);
	if (zs == NULL || copy == NULL) {
		im->oom = true;
		return false;
	}
	if (view->n_zones > 0)
		memcpy(zs, view->zones, view->n_zones * sizeof(*zs));
	struct sipdns_zone *z = &zs[view->n_zones];
	memset(z, 0, sizeof(*z));
	z->name = copy;
	z->loc = *loc;
	z->pinpoint = true;
	soa_merge(&z->soa, &view->def_soa);
	z->ns = view->def_ns;
	z->n_ns = view->n_def_ns;
	view->zones = zs;
	view->n_zones++;
	return true;
}

bool
sipdns_parse_views_imply(struct sipdns_parse_ctx *c)
{
	const struct sipdns_profile *p = c->policy;
	struct imply im = { c, false };
	if (p == NULL || p->zones == NULL)
		return true;
	p->zones(c->t, imply_zone, &im);
	return !im.oom;
}
