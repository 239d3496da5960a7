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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "model.h"
#include "vec.h"
#include "yamltree.h"

struct ctx {
	struct sipdns_arena *arena;
	struct sipdns_diag *d;
	const char *file;
	struct sipdns_topology *t;
};

static void err(struct ctx *c, const struct sipdns_yamltree_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
err(struct ctx *c, const struct sipdns_yamltree_node *n, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sipdns_diag_add(c->d, SIPDNS_ERROR, n->loc, NULL, "%s", buf);
}

static const char *
kind_name(const struct sipdns_yamltree_node *n)
{
	switch (n->kind) {
	case SIPDNS_YAMLTREE_MAP: return "a mapping";
	case SIPDNS_YAMLTREE_SEQ: return "a list";
	case SIPDNS_YAMLTREE_SCALAR: break;
	}
	return "a single value";
}

static bool
expect(struct ctx *c, const struct sipdns_yamltree_node *n, enum sipdns_yamltree_kind k, const char *what)
{
	if (n->kind == k)
		return true;
	static const char *const want[] = { "a single value", "a list",
					    "a mapping (key: value lines)" };
	err(c, n, "%s must be %s, not %s", what, want[k], kind_name(n));
	return false;
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t prev[41], cur[41];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(prev));
	}
	return prev[lb];
}

/* Report keys of m that are not in allowed, with a did-you-mean. */
static void
check_keys(struct ctx *c, const struct sipdns_yamltree_node *m, const char *const *allowed,
	   const char *what)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct sipdns_yamltree_node *k = sipdns_yamltree_map_key(m, i);
		if (k->kind != SIPDNS_YAMLTREE_SCALAR)
			continue;
		bool ok = false;
		const char *best = NULL;
		size_t bestd = 99;
		for (const char *const *a = allowed; *a; a++) {
			if (strcmp(*a, k->s) == 0) {
				ok = true;
				break;
			}
			size_t dist = edit_distance(*a, k->s);
			if (dist < bestd) {
				bestd = dist;
				best = *a;
			}
		}
		if (ok)
			continue;
		size_t klen = strlen(k->s);
		if (best != NULL && bestd <= (klen < 6 ? 1 : klen / 3 + 1)) {
			err(c, k, "unknown key '%.80s' in %s; did you mean '%s'?",
			    k->s, what, best);
		} else {
			char list[512] = "";
			for (const char *const *a = allowed; *a; a++) {
				if (strlen(list) + strlen(*a) + 3 >= sizeof(list))
					break;
				if (list[0])
					strcat(list, ", ");
				strcat(list, *a);
			}
			err(c, k, "unknown key '%.80s' in %s; expected one of: %s",
			    k->s, what, list);
		}
	}
}

static bool
require(struct ctx *c, const struct sipdns_yamltree_node *m, const char *key, const char *what,
	const struct sipdns_yamltree_node **out)
{
	*out = sipdns_yamltree_map_get(m, key);
	if (*out == NULL) {
		err(c, m, "%s is missing the required key '%s'", what, key);
		return false;
	}
	return true;
}

static const char *
get_str(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what)
{
	if (!expect(c, n, SIPDNS_YAMLTREE_SCALAR, what))
		return NULL;
	if (strlen(n->s) != n->len) {
		err(c, n, "%s contains a NUL character", what);
		return NULL;
	}
	return n->s;
}

static bool
get_bool(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what, bool *out)
{
	const char *s = get_str(c, n, what);
	if (s == NULL)
		return false;
	if (strcmp(s, "true") == 0) {
		*out = true;
		return true;
	}
	if (strcmp(s, "false") == 0) {
		*out = false;
		return true;
	}
	err(c, n, "%s must be true or false, not '%.60s'", what, s);
	return false;
}

static bool
get_u32(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what,
	uint32_t min, uint32_t max, uint32_t *out)
{
	const char *s = get_str(c, n, what);
	if (s == NULL)
		return false;
	if (s[0] < '0' || s[0] > '9') {
		err(c, n, "%s must be a whole number from %u to %u, not '%.60s'",
		    what, min, max, s);
		return false;
	}
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max) {
		err(c, n, "%s must be a whole number from %u to %u, not '%.60s'",
		    what, min, max, s);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static const char *
get_fqdn(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what)
{
	const char *s = get_str(c, n, what);
	if (s == NULL)
		return NULL;
	const char *why;
	if (!sipdns_valid_hostname(s, n->len, &why)) {
		err(c, n, "%s '%.80s' is not a valid DNS host name: %s", what, s, why);
		return NULL;
	}
	size_t len = n->len;
	if (s[len - 1] == '.')
		len--;
	if (memchr(s, '.', len) == NULL) {
		err(c, n, "%s '%.80s' must be a fully qualified name (for example '%.60s.contoso.com')",
		    what, s, s);
		return NULL;
	}
	char *out = sipdns_arena_strndup(c->arena, s, len);
	if (out == NULL)
		return NULL;
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

static bool
valid_ipv6(const char *s)
{
	/* strict enough to keep the alphabet clean: hex digits, ':' and one
	 * optional dotted-quad tail; then count groups */
	size_t len = strlen(s);
	if (len < 2 || len > 45)
		return false;
	int groups = 0, dcolon = 0;
	const char *p = s;
	if (p[0] == ':' ) {
		if (p[1] != ':')
			return false;
	}
	while (*p) {
		if (p[0] == ':' && p[1] == ':') {
			if (++dcolon > 1)
				return false;
			p += 2;
			continue;
		}
		if (*p == ':') {
			p++;
			if (*p == '\0')
				return false;
			continue;
		}
		const char *q = p;
		int hex = 0;
		while ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') ||
		       (*q >= 'A' && *q <= 'F')) {
			q++;
			hex++;
		}
		if (*q == '.') {
			uint32_t dummy;
			if (!sipdns_parse_ipv4(p, &dummy))
				return false;
			groups += 2;
			break;
		}
		if (hex == 0 || hex > 4)
			return false;
		groups++;
		p = q;
	}
	return dcolon ? groups < 8 : groups == 8;
}

/* Read 'address' (IPv4, required when required is set) and 'ipv6' from m. */
static bool
get_addr(struct ctx *c, const struct sipdns_yamltree_node *m, const char *key,
	 const char *what, bool required, struct sipdns_addr *a)
{
	const struct sipdns_yamltree_node *v4 = sipdns_yamltree_map_get(m, key), *v6 = sipdns_yamltree_map_get(m, "ipv6");
	bool ok = true;
	memset(a, 0, sizeof(*a));
	a->loc = m->loc;
	if (v4 != NULL) {
		const char *s = get_str(c, v4, what);
		a->loc = v4->loc;
		if (s == NULL) {
			ok = false;
		} else if (sipdns_parse_ipv4(s, &a->v4n)) {
			a->v4 = s;
		} else if (strchr(s, ':') != NULL && valid_ipv6(s)) {
			err(c, v4, "%s '%.60s' is an IPv6 address; OCS 2007 R2 needs IPv4 here: put the IPv4 address under '%s' and this one under 'ipv6'",
			    what, s, key);
			ok = false;
		} else {
			err(c, v4, "%s '%.60s' is not an IPv4 address (four numbers 0-255 separated by dots, no leading zeros)",
			    what, s);
			ok = false;
		}
	}
	if (v6 != NULL) {
		const char *s = get_str(c, v6, "ipv6 address");
		a->loc6 = v6->loc;
		if (s == NULL) {
			ok = false;
		} else if (!valid_ipv6(s)) {
			err(c, v6, "ipv6 address '%.60s' is not a valid IPv6 address", s);
			ok = false;
		} else {
			char *low = sipdns_arena_strdup(c->arena, s);
			if (low == NULL)
				return false;
			for (char *p = low; *p; p++)
				if (*p >= 'A' && *p <= 'F')
					*p = (char)(*p - 'A' + 'a');
			a->v6 = low;
			if (v4 == NULL) {
				err(c, v6, "IPv6 alone is not supported by OCS 2007 R2 (IPv4 or dual stack only); add an IPv4 '%s' beside 'ipv6'",
				    key);
				ok = false;
			}
		}
	}
	if (v4 == NULL && v6 == NULL && required) {
		err(c, m, "%s is missing the required key '%s' (an IPv4 address)",
		    what, key);
		ok = false;
	}
	return ok;
}

static const char *const host_keys[] = { "fqdn", "address", "ipv6", NULL };

/* A host: a mapping of fqdn, address, ipv6. */
static bool
get_host(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what,
	 const char *const *keys, bool addr_required, struct sipdns_host *h)
{
	memset(h, 0, sizeof(*h));
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, what))
		return false;
	check_keys(c, n, keys ? keys : host_keys, what);
	const struct sipdns_yamltree_node *f;
	bool ok = true;
	if (require(c, n, "fqdn", what, &f)) {
		h->fqdn = get_fqdn(c, f, "fqdn");
		h->loc = f->loc;
		ok = h->fqdn != NULL;
	} else {
		h->loc = n->loc;
		ok = false;
	}
	return get_addr(c, n, "address", "address", addr_required, &h->addr) && ok;
}

static struct sipdns_host *
get_hosts(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what,
	  size_t *count)
{
	*count = 0;
	if (!expect(c, n, SIPDNS_YAMLTREE_SEQ, what))
		return NULL;
	struct sipdns_host *v = sipdns_arena_alloc(c->arena,
					(n->n ? n->n : 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n->n; i++)
		if (get_host(c, n->items[i], what, NULL, true, &v[*count]))
			(*count)++;
	return v;
}

struct nameref {
	const char *name;
	struct sipdns_loc loc;
	size_t idx;
};

static int
nameref_cmp(const void *pa, const void *pb)
{
	const struct nameref *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	return c ? c : a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Report every later occurrence of a name (sorting, not comparing all
 * pairs: hosting topologies list 100,000 names). fmt takes the name, then
 * extra (or the first line, then extra, when extra is ""). Returns a
 * malloc'd flag per entry, true for a duplicate; NULL on ENOMEM. */
static bool *
find_dups(struct ctx *c, struct nameref *refs, size_t n, const char *fmt,
	  const char *extra)
{
	bool *dup = calloc(n ? n : 1, sizeof(*dup));
	if (dup == NULL)
		return NULL;
	qsort(refs, n, sizeof(*refs), nameref_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(refs[i].name, refs[i - 1].name) != 0)
			continue;
		size_t first = i - 1;
		while (first > 0 && strcmp(refs[first - 1].name, refs[i].name) == 0)
			first--;
		dup[refs[i].idx] = true;
		char msg[400];
		if (*extra)
			snprintf(msg, sizeof(msg), fmt, refs[i].name, extra,
				 refs[first].loc.line);
		else
			snprintf(msg, sizeof(msg), fmt, refs[i].name,
				 refs[first].loc.line, "");
		sipdns_diag_add(c->d, SIPDNS_ERROR, refs[i].loc, NULL, "%s", msg);
	}
	return dup;
}

/* Keep the elements of v (n of them, each size bytes) not marked in drop,
 * in order; nothing happens when drop is NULL (out of memory). */
static void
drop_marked(void *v, size_t *n, size_t size, const bool *drop)
{
	unsigned char *base = v;
	size_t w = 0;
	for (size_t i = 0; drop && i < *n; i++)
		if (!drop[i])
			memmove(base + w++ * size, base + i * size, size);
	if (drop)
		*n = w;
}

static void
get_soa(struct ctx *c, const struct sipdns_yamltree_node *n, struct sipdns_soa *soa)
{
	static const char *const keys[] = { "mname", "rname", "refresh", "retry",
					    "expire", "minimum", NULL };
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, "soa"))
		return;
	check_keys(c, n, keys, "soa");
	soa->loc = n->loc;
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(n, "mname")) != NULL)
		soa->mname = get_fqdn(c, v, "soa mname");
	if ((v = sipdns_yamltree_map_get(n, "rname")) != NULL) {
		const char *s = get_str(c, v, "soa rname");
		const char *at = s ? strchr(s, '@') : NULL;
		if (at != NULL) {
			/* hostmaster@contoso.com -> hostmaster.contoso.com */
			const char *why;
			size_t llen = (size_t)(at - s);
			if (llen == 0 || !sipdns_valid_hostname(s, llen, &why) ||
			    memchr(s, '.', llen) != NULL) {
				err(c, v, "soa rname '%.80s': the mailbox part must be one label of letters, digits and hyphens", s);
			} else {
				struct sipdns_yamltree_node tmp = *v;
				tmp.s = at + 1;
				tmp.len = strlen(at + 1);
				const char *dom = get_fqdn(c, &tmp, "soa rname domain");
				if (dom != NULL)
					soa->rname = sipdns_arena_printf(c->arena, "%.*s.%s",
									 (int)llen, s, dom);
			}
		} else if (s != NULL) {
			soa->rname = get_fqdn(c, v, "soa rname");
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
		if (get_u32(c, v, what, 1, 2147483647u, f[i].p))
			*f[i].has = true;
	}
}

/* NS list: fqdn strings or host mappings (address needed for in-zone NS). */
static struct sipdns_host *
get_ns(struct ctx *c, const struct sipdns_yamltree_node *n, size_t *count)
{
	*count = 0;
	if (!expect(c, n, SIPDNS_YAMLTREE_SEQ, "ns"))
		return NULL;
	struct sipdns_host *v = sipdns_arena_alloc(c->arena,
					(n->n ? n->n : 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n->n; i++) {
		const struct sipdns_yamltree_node *e = n->items[i];
		struct sipdns_host *h = &v[*count];
		if (e->kind == SIPDNS_YAMLTREE_SCALAR) {
			h->fqdn = get_fqdn(c, e, "name server");
			h->loc = e->loc;
			if (h->fqdn)
				(*count)++;
		} else if (get_host(c, e, "name server", NULL, false, h)) {
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
	if (!z->has_refresh && def->has_refresh) { z->refresh = def->refresh; z->has_refresh = true; }
	if (!z->has_retry && def->has_retry) { z->retry = def->retry; z->has_retry = true; }
	if (!z->has_expire && def->has_expire) { z->expire = def->expire; z->has_expire = true; }
	if (!z->has_minimum && def->has_minimum) { z->minimum = def->minimum; z->has_minimum = true; }
	if (!z->loc.line) z->loc = def->loc;
}

static void
get_view(struct ctx *c, const struct sipdns_yamltree_node *n, const char *name,
	 struct sipdns_view *view)
{
	static const char *const keys[] = { "zones", "ns", "soa",
					    "owned_elsewhere", NULL };
	char what[64];
	snprintf(what, sizeof(what), "view '%s'", name);
	view->present = true;
	view->loc = n->loc;
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, what))
		return;
	check_keys(c, n, keys, what);
	struct sipdns_soa defsoa = { 0 };
	struct sipdns_host *defns = NULL;
	size_t n_defns = 0;
	const struct sipdns_yamltree_node *v;
	if ((v = sipdns_yamltree_map_get(n, "soa")) != NULL)
		get_soa(c, v, &defsoa);
	if ((v = sipdns_yamltree_map_get(n, "ns")) != NULL)
		defns = get_ns(c, v, &n_defns);
	if ((v = sipdns_yamltree_map_get(n, "owned_elsewhere")) != NULL &&
	    expect(c, v, SIPDNS_YAMLTREE_SEQ, "owned_elsewhere")) {
		view->owned_elsewhere = sipdns_arena_alloc(c->arena,
				(v->n ? v->n : 1) * sizeof(char *));
		view->owned_elsewhere_loc = sipdns_arena_alloc(c->arena,
				(v->n ? v->n : 1) * sizeof(struct sipdns_loc));
		if (!view->owned_elsewhere || !view->owned_elsewhere_loc)
			return;
		for (size_t i = 0; i < v->n; i++) {
			const struct sipdns_yamltree_node *e = v->items[i];
			const char *s = get_str(c, e, "owned_elsewhere entry");
			if (s == NULL)
				continue;
			bool wild = strncmp(s, "*.", 2) == 0;
			struct sipdns_yamltree_node tmp = *e;
			if (wild) {
				tmp.s = s + 2;
				tmp.len = e->len - 2;
			}
			/* SRV owners (_sip._tls...) are allowed here */
			const char *check = tmp.s;
			while (check[0] == '_') {
				const char *dot = strchr(check, '.');
				if (dot == NULL)
					break;
				check = dot + 1;
			}
			tmp.s = check;
			tmp.len = strlen(check);
			const char *name_ok = get_fqdn(c, &tmp, "owned_elsewhere entry");
			if (name_ok == NULL)
				continue;
			char *full = sipdns_arena_printf(c->arena, "%s%.*s%s",
					wild ? "*." : "",
					(int)(check - (wild ? s + 2 : s)),
					wild ? s + 2 : s, name_ok);
			if (full == NULL)
				return;
			for (char *p = full; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			view->owned_elsewhere_loc[view->n_owned_elsewhere] = e->loc;
			view->owned_elsewhere[view->n_owned_elsewhere++] = full;
		}
	}
	const struct sipdns_yamltree_node *zs;
	if (!require(c, n, "zones", what, &zs) || !expect(c, zs, SIPDNS_YAMLTREE_SEQ, "zones"))
		return;
	view->zones = sipdns_arena_alloc(c->arena,
					 (zs->n ? zs->n : 1) * sizeof(*view->zones));
	if (view->zones == NULL)
		return;
	for (size_t i = 0; i < zs->n; i++) {
		const struct sipdns_yamltree_node *e = zs->items[i];
		struct sipdns_zone *z = &view->zones[view->n_zones];
		memset(z, 0, sizeof(*z));
		z->loc = e->loc;
		if (e->kind == SIPDNS_YAMLTREE_SCALAR) {
			z->name = get_fqdn(c, e, "zone name");
		} else if (expect(c, e, SIPDNS_YAMLTREE_MAP, "zone")) {
			static const char *const zkeys[] = { "name", "ns", "soa", NULL };
			check_keys(c, e, zkeys, "zone");
			const struct sipdns_yamltree_node *zn;
			if (require(c, e, "name", "zone", &zn))
				z->name = get_fqdn(c, zn, "zone name");
			if ((v = sipdns_yamltree_map_get(e, "soa")) != NULL)
				get_soa(c, v, &z->soa);
			if ((v = sipdns_yamltree_map_get(e, "ns")) != NULL)
				z->ns = get_ns(c, v, &z->n_ns);
		}
		if (z->name == NULL)
			continue;
		soa_merge(&z->soa, &defsoa);
		if (z->n_ns == 0) {
			z->ns = defns;
			z->n_ns = n_defns;
		}
		view->n_zones++;
	}
	struct nameref *refs = malloc((view->n_zones ? view->n_zones : 1) * sizeof(*refs));
	if (refs == NULL)
		return;
	for (size_t i = 0; i < view->n_zones; i++)
		refs[i] = (struct nameref){ view->zones[i].name, view->zones[i].loc, i };
	bool *dup = find_dups(c, refs, view->n_zones, "zone '%s' is listed twice in view '%s' (first at line %u)", name);
	drop_marked(view->zones, &view->n_zones, sizeof(*view->zones), dup);
	free(dup);
	free(refs);
}

static void
get_pool(struct ctx *c, const struct sipdns_yamltree_node *n, struct sipdns_pool *p, bool *ok)
{
	static const char *const keys[] = {
		"fqdn", "edition", "role", "address", "vip", "ipv6",
		"front_ends", "web_farm", "auto_sign_in", "self_registered", NULL };
	*ok = false;
	memset(p, 0, sizeof(*p));
	p->loc = n->loc;
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, "pool"))
		return;
	check_keys(c, n, keys, "pool");
	const struct sipdns_yamltree_node *v;
	bool good = true;
	if (require(c, n, "fqdn", "pool", &v)) {
		p->fqdn = get_fqdn(c, v, "pool fqdn");
		p->fqdn_loc = v->loc;
	}
	good = p->fqdn != NULL;
	if (require(c, n, "edition", "pool", &v)) {
		const char *s = get_str(c, v, "edition");
		if (s && strcmp(s, "standard") == 0)
			p->edition = SIPDNS_STANDARD;
		else if (s && strcmp(s, "enterprise") == 0)
			p->edition = SIPDNS_ENTERPRISE;
		else {
			if (s)
				err(c, v, "edition must be 'standard' (Standard Edition server) or 'enterprise' (Enterprise pool), not '%.60s'", s);
			good = false;
		}
	} else {
		good = false;
	}
	if ((v = sipdns_yamltree_map_get(n, "role")) != NULL) {
		const char *s = get_str(c, v, "role");
		if (s && strcmp(s, "front-end") == 0)
			p->role = SIPDNS_ROLE_FRONT_END;
		else if (s && strcmp(s, "director") == 0)
			p->role = SIPDNS_ROLE_DIRECTOR;
		else if (s) {
			err(c, v, "pool role must be 'front-end' or 'director', not '%.60s'", s);
			good = false;
		}
	}
	if (good && p->edition == SIPDNS_STANDARD) {
		if (sipdns_yamltree_map_get(n, "vip") != NULL) {
			err(c, sipdns_yamltree_map_get(n, "vip"), "a Standard Edition server takes 'address' (its own IPv4 address), not 'vip'");
			good = false;
		}
		if (sipdns_yamltree_map_get(n, "front_ends") != NULL) {
			err(c, sipdns_yamltree_map_get(n, "front_ends"), "a Standard Edition server has no 'front_ends'; use edition: enterprise for a pool");
			good = false;
		}
		if (!get_addr(c, n, "address", "address", true, &p->addr))
			good = false;
		p->has_addr = p->addr.v4 != NULL;
		p->self_registered = true;   /* R2-I1 */
	} else if (good) {
		if (sipdns_yamltree_map_get(n, "address") != NULL) {
			err(c, sipdns_yamltree_map_get(n, "address"), "an Enterprise pool takes 'vip' (the hardware load balancer's virtual IP), not 'address'");
			good = false;
		}
		if (!get_addr(c, n, "vip", "vip", false, &p->addr))
			good = false;
		p->has_addr = p->addr.v4 != NULL;
		const struct sipdns_yamltree_node *fe;
		if (require(c, n, "front_ends", "enterprise pool", &fe))
			p->front_ends = get_hosts(c, fe, "front end", &p->n_front_ends);
		else
			good = false;
	}
	if ((v = sipdns_yamltree_map_get(n, "web_farm")) != NULL) {
		if (v->kind == SIPDNS_YAMLTREE_SCALAR) {
			p->web_farm.fqdn = get_fqdn(c, v, "web_farm");
			p->web_farm.loc = v->loc;
		} else {
			get_host(c, v, "web_farm", NULL, false, &p->web_farm);
		}
	}
	if ((v = sipdns_yamltree_map_get(n, "auto_sign_in")) != NULL) {
		get_bool(c, v, "auto_sign_in", &p->auto_sign_in);
		p->sign_in_loc = v->loc;
	}
	if ((v = sipdns_yamltree_map_get(n, "self_registered")) != NULL)
		get_bool(c, v, "self_registered", &p->self_registered);
	*ok = good;
}

static bool
known_role(const char *s)
{
	for (const char *const *r = sipdns_server_roles; *r; r++)
		if (strcmp(*r, s) == 0)
			return true;
	return false;
}

static void
get_edge_service(struct ctx *c, const struct sipdns_yamltree_node *n, const char *what,
		 struct sipdns_edge_service *s)
{
	static const char *const keys[] = { "fqdn", "address", "ipv6", "nat", NULL };
	struct sipdns_host h;
	if (!get_host(c, n, what, keys, true, &h))
		return;
	s->fqdn = h.fqdn;
	s->loc = h.loc;
	s->addr = h.addr;
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(n, "nat");
	if (v != NULL) {
		get_bool(c, v, "nat", &s->nat);
		s->nat_loc = v->loc;
	}
}

static void
get_edge(struct ctx *c, const struct sipdns_yamltree_node *n, struct sipdns_edge *e)
{
	static const char *const keys[] = { "internal", "servers", "access",
		"web_conferencing", "av", "next_hop", NULL };
	e->present = true;
	e->loc = n->loc;
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, "edge"))
		return;
	check_keys(c, n, keys, "edge");
	const struct sipdns_yamltree_node *v;
	if (require(c, n, "internal", "edge", &v))
		get_host(c, v, "edge internal interface", NULL, true, &e->internal);
	if ((v = sipdns_yamltree_map_get(n, "servers")) != NULL)
		e->servers = get_hosts(c, v, "edge server", &e->n_servers);
	if ((v = sipdns_yamltree_map_get(n, "access")) != NULL)
		get_edge_service(c, v, "access edge", &e->access);
	if ((v = sipdns_yamltree_map_get(n, "web_conferencing")) != NULL)
		get_edge_service(c, v, "web conferencing edge", &e->web_conferencing);
	if ((v = sipdns_yamltree_map_get(n, "av")) != NULL)
		get_edge_service(c, v, "A/V edge", &e->av);
	if ((v = sipdns_yamltree_map_get(n, "next_hop")) != NULL) {
		e->next_hop = get_fqdn(c, v, "next_hop");
		e->next_hop_loc = v->loc;
	}
}

static void
get_cwa(struct ctx *c, const struct sipdns_yamltree_node *n, struct sipdns_cwa *w)
{
	static const char *const keys[] = { "url_host", "vip", "ipv6", "servers", NULL };
	w->present = true;
	w->loc = n->loc;
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, "cwa"))
		return;
	check_keys(c, n, keys, "cwa");
	const struct sipdns_yamltree_node *v;
	if (require(c, n, "url_host", "cwa", &v)) {
		w->url_host = get_fqdn(c, v, "cwa url_host");
		w->url_host_loc = v->loc;
	}
	get_addr(c, n, "vip", "cwa vip", false, &w->vip);
	w->has_vip = w->vip.v4 != NULL;
	if (require(c, n, "servers", "cwa", &v))
		w->servers = get_hosts(c, v, "cwa server", &w->n_servers);
}

static void
get_reverse_proxy(struct ctx *c, const struct sipdns_yamltree_node *n,
		  struct sipdns_reverse_proxy *r)
{
	static const char *const keys[] = { "address", "ipv6", "web_farm_fqdn",
					    "cwa_fqdn", NULL };
	r->present = true;
	r->loc = n->loc;
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, "reverse_proxy"))
		return;
	check_keys(c, n, keys, "reverse_proxy");
	get_addr(c, n, "address", "reverse proxy address", true, &r->addr);
	const struct sipdns_yamltree_node *v;
	if (require(c, n, "web_farm_fqdn", "reverse_proxy", &v)) {
		r->web_farm_fqdn = get_fqdn(c, v, "web_farm_fqdn");
		r->web_farm_loc = v->loc;
	}
	if ((v = sipdns_yamltree_map_get(n, "cwa_fqdn")) != NULL) {
		r->cwa_fqdn = get_fqdn(c, v, "cwa_fqdn");
		r->cwa_loc = v->loc;
	}
}

static void
get_options(struct ctx *c, const struct sipdns_yamltree_node *n, struct sipdns_options *o)
{
	static const char *const keys[] = { "tcp_allowed", "remote_access",
		"federation", "strict_dns_naming", "fallback_names",
		"sipexternal", "srv_priority", "srv_weight", NULL };
	if (!expect(c, n, SIPDNS_YAMLTREE_MAP, "options"))
		return;
	check_keys(c, n, keys, "options");
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
			get_bool(c, v, b[i].k, b[i].p);
	uint32_t u;
	if ((v = sipdns_yamltree_map_get(n, "srv_priority")) != NULL &&
	    get_u32(c, v, "srv_priority", 0, 65535, &u))
		o->srv_priority = (uint16_t)u;
	if ((v = sipdns_yamltree_map_get(n, "srv_weight")) != NULL &&
	    get_u32(c, v, "srv_weight", 0, 65535, &u))
		o->srv_weight = (uint16_t)u;
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

static void
walk(struct ctx *c, const struct sipdns_yamltree_node *root)
{
	static const char *const keys[] = { "version", "product", "ad_domain",
		"sip_domains", "options", "ttl", "views", "pools", "servers",
		"cwa", "edge", "reverse_proxy", "device_update", NULL };
	struct sipdns_topology *t = c->t;
	if (!expect(c, root, SIPDNS_YAMLTREE_MAP, "the topology"))
		return;
	check_keys(c, root, keys, "the topology");
	const struct sipdns_yamltree_node *v;

	t->version = 1;
	if ((v = sipdns_yamltree_map_get(root, "version")) != NULL)
		get_u32(c, v, "version", 1, 1, &t->version);

	if (require(c, root, "product", "the topology", &v)) {
		const char *s = get_str(c, v, "product");
		t->product_loc = v->loc;
		static const char *const prods[] = { "ocs2007r2", "lync2010",
			"lync2013", "sfb2015", "sfb2019" };
		bool found = false;
		for (size_t i = 0; s && i < 5; i++)
			if (strcmp(s, prods[i]) == 0) {
				t->product = (enum sipdns_product)i;
				found = true;
			}
		if (s && !found)
			err(c, v, "product must be one of ocs2007r2, lync2010, lync2013, sfb2015, sfb2019, not '%.60s'", s);
	}
	if ((v = sipdns_yamltree_map_get(root, "ad_domain")) != NULL) {
		t->ad_domain = get_fqdn(c, v, "ad_domain");
		t->ad_domain_loc = v->loc;
	}

	if (require(c, root, "sip_domains", "the topology", &v) &&
	    expect(c, v, SIPDNS_YAMLTREE_SEQ, "sip_domains")) {
		t->sip_domains_loc = v->loc;
		if (v->n == 0)
			err(c, v, "sip_domains is empty; list at least one SIP domain (the right-hand side of users' SIP addresses)");
		t->sip_domains = sipdns_arena_alloc(c->arena,
					(v->n ? v->n : 1) * sizeof(*t->sip_domains));
		if (t->sip_domains == NULL)
			return;
		for (size_t i = 0; i < v->n; i++) {
			const char *s = get_fqdn(c, v->items[i], "SIP domain");
			if (s == NULL)
				continue;
			t->sip_domains[t->n_sip_domains++] =
				(struct sipdns_sip_domain){ s, v->items[i]->loc };
		}
		struct nameref *refs = malloc((t->n_sip_domains ? t->n_sip_domains : 1) * sizeof(*refs));
		if (refs == NULL)
			return;
		for (size_t i = 0; i < t->n_sip_domains; i++)
			refs[i] = (struct nameref){ t->sip_domains[i].name, t->sip_domains[i].loc, i };
		bool *dup = find_dups(c, refs, t->n_sip_domains, "SIP domain '%s' is listed twice (first at line %u)%s", "");
		drop_marked(t->sip_domains, &t->n_sip_domains, sizeof(*t->sip_domains), dup);
		free(dup);
		free(refs);
	}

	/* options, with defaults for a typical deployment */
	t->options = (struct sipdns_options){
		.remote_access = true, .federation = true,
		.strict_dns_naming = true, .ttl_default = 3600, .ttl_srv = 3600,
	};
	if ((v = sipdns_yamltree_map_get(root, "options")) != NULL)
		get_options(c, v, &t->options);
	if ((v = sipdns_yamltree_map_get(root, "ttl")) != NULL && expect(c, v, SIPDNS_YAMLTREE_MAP, "ttl")) {
		static const char *const tkeys[] = { "default", "srv", NULL };
		check_keys(c, v, tkeys, "ttl");
		const struct sipdns_yamltree_node *x;
		if ((x = sipdns_yamltree_map_get(v, "default")) != NULL)
			get_u32(c, x, "ttl default", 0, 2147483647u, &t->options.ttl_default);
		if ((x = sipdns_yamltree_map_get(v, "srv")) != NULL)
			get_u32(c, x, "ttl srv", 0, 2147483647u, &t->options.ttl_srv);
	}

	if (require(c, root, "views", "the topology", &v) &&
	    expect(c, v, SIPDNS_YAMLTREE_MAP, "views")) {
		static const char *const vkeys[] = { "internal", "external", NULL };
		check_keys(c, v, vkeys, "views");
		const struct sipdns_yamltree_node *x;
		if ((x = sipdns_yamltree_map_get(v, "internal")) != NULL)
			get_view(c, x, "internal", &t->views[SIPDNS_VIEW_INTERNAL]);
		if ((x = sipdns_yamltree_map_get(v, "external")) != NULL)
			get_view(c, x, "external", &t->views[SIPDNS_VIEW_EXTERNAL]);
		if (!sipdns_yamltree_map_get(v, "internal") && !sipdns_yamltree_map_get(v, "external"))
			err(c, v, "views must define 'internal', 'external' or both");
		mark_split_brain(&t->views[SIPDNS_VIEW_INTERNAL],
				 &t->views[SIPDNS_VIEW_EXTERNAL]);
	}

	if (require(c, root, "pools", "the topology", &v) &&
	    expect(c, v, SIPDNS_YAMLTREE_SEQ, "pools")) {
		t->pools_loc = v->loc;
		t->pools = sipdns_arena_alloc(c->arena,
					      (v->n ? v->n : 1) * sizeof(*t->pools));
		if (t->pools == NULL)
			return;
		for (size_t i = 0; i < v->n; i++) {
			bool ok;
			get_pool(c, v->items[i], &t->pools[t->n_pools], &ok);
			if (ok)
				t->n_pools++;
		}
	}

	if ((v = sipdns_yamltree_map_get(root, "servers")) != NULL && expect(c, v, SIPDNS_YAMLTREE_SEQ, "servers")) {
		static const char *const skeys[] = { "fqdn", "role", "address",
						     "ipv6", "self_registered", NULL };
		t->servers = sipdns_arena_alloc(c->arena,
					(v->n ? v->n : 1) * sizeof(*t->servers));
		if (t->servers == NULL)
			return;
		for (size_t i = 0; i < v->n; i++) {
			const struct sipdns_yamltree_node *e = v->items[i];
			struct sipdns_server *s = &t->servers[t->n_servers];
			memset(s, 0, sizeof(*s));
			if (!get_host(c, e, "server", skeys, true, &s->host))
				continue;
			const struct sipdns_yamltree_node *r;
			if (!require(c, e, "role", "server", &r))
				continue;
			s->role = get_str(c, r, "role");
			s->role_loc = r->loc;
			if (s->role && !known_role(s->role)) {
				err(c, r, "unknown server role '%.60s'; expected one of: mediation, av-conferencing, web-conferencing, archiving, monitoring, archiving-monitoring, group-chat, group-chat-compliance",
				    s->role);
				continue;
			}
			if ((r = sipdns_yamltree_map_get(e, "self_registered")) != NULL)
				get_bool(c, r, "self_registered", &s->self_registered);
			if (s->role)
				t->n_servers++;
		}
	}
	if ((v = sipdns_yamltree_map_get(root, "cwa")) != NULL)
		get_cwa(c, v, &t->cwa);
	if ((v = sipdns_yamltree_map_get(root, "edge")) != NULL)
		get_edge(c, v, &t->edge);
	if ((v = sipdns_yamltree_map_get(root, "reverse_proxy")) != NULL)
		get_reverse_proxy(c, v, &t->reverse_proxy);
	if ((v = sipdns_yamltree_map_get(root, "device_update")) != NULL) {
		t->device_update = get_fqdn(c, v, "device_update");
		t->device_update_loc = v->loc;
	}
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
	const struct sipdns_yamltree_node *root = NULL;
	if (sipdns_yamltree_build(a, buf, len, name, d, &root) != SIPDNS_OK ||
	    root == NULL) {
		if (root == NULL && d->errors == errors_before)
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ name, 1, 1 },
					NULL, "the topology is empty; see zones/walkthrough.yaml for an example");
		sipdns_arena_destroy(a);
		return SIPDNS_EINPUT;
	}
	struct ctx c = { .arena = a, .d = d, .file = name, .t = t };
	walk(&c, root);
	if (d->errors != errors_before || d->oom) {
		sipdns_arena_destroy(a);
		return d->oom ? SIPDNS_ENOMEM : SIPDNS_EINPUT;
	}
	*out = t;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_parse_file(const char *path, struct sipdns_topology **out,
		  struct sipdns_diag *d, char **srcp, size_t *srclenp)
{
	struct sipdns_loc loc = { path, 0, 0 };
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL, "cannot open: %s",
				strerror(errno));
		return SIPDNS_EIO;
	}
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL,
				"is a directory; give the topology file");
		return SIPDNS_EIO;
	}
	size_t cap = 0, len = 0;
	char *buf = NULL;
	if (!sipdns_vec_reserve_bytes(&buf, &cap, 64 * 1024)) {
		fclose(fp);
		return SIPDNS_ENOMEM;
	}
	for (;;) {
		if (len == cap) {
			if (cap > SIPDNS_MAX_FILE_SIZE) {
				free(buf);
				fclose(fp);
				sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL,
						"the topology is larger than %u MiB",
						SIPDNS_MAX_FILE_SIZE / (1024 * 1024));
				return SIPDNS_ELIMIT;
			}
			if (!sipdns_vec_reserve_bytes(&buf, &cap, cap + 1)) {
				free(buf);
				fclose(fp);
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
		fclose(fp);
		sipdns_diag_add(d, SIPDNS_ERROR, loc, NULL, "cannot read: %s",
				strerror(e));
		return SIPDNS_EIO;
	}
	fclose(fp);
	enum sipdns_status st2 = sipdns_parse_buffer(buf, len, path, out, d);
	if (srcp != NULL) {
		*srcp = buf;
		*srclenp = len;
	} else {
		free(buf);
	}
	return st2;
}
