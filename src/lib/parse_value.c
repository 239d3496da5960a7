/* parse_value.c -- parse.c's readers of single tree nodes
 *
 * Typed scalars (strings, booleans, numbers, host names, addresses), hosts,
 * unknown keys with a did-you-mean, and duplicate names. Each problem is a
 * diagnostic at the node at fault.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse_value.h"
#include "strset.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "name.h"
#include "profile.h"

void
sipdns_parse_err(struct sipdns_parse_ctx *c,
		 const struct sipdns_yamltree_node *n, const char *fmt, ...)
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

bool
sipdns_parse_expect(struct sipdns_parse_ctx *c,
		    const struct sipdns_yamltree_node *n,
		    enum sipdns_yamltree_kind k, const char *what)
{
	if (n->kind == k)
		return true;
	static const char *const want[] = { "a single value", "a list",
					    "a mapping (key: value lines)" };
	sipdns_parse_err(c, n, "%s must be %s, not %s", what, want[k], kind_name(n));
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
void
sipdns_parse_check_keys(struct sipdns_parse_ctx *c,
			const struct sipdns_yamltree_node *m,
			const char *const *allowed, const char *what)
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
			sipdns_parse_err(c, k, "unknown key '%.80s' in %s; did you mean '%s'?",
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
			sipdns_parse_err(c, k, "unknown key '%.80s' in %s; expected one of: %s",
			    k->s, what, list);
		}
	}
}

bool
sipdns_parse_require(struct sipdns_parse_ctx *c,
		     const struct sipdns_yamltree_node *m, const char *key,
		     const char *what, const struct sipdns_yamltree_node **out)
{
	*out = sipdns_yamltree_map_get(m, key);
	if (*out == NULL) {
		sipdns_parse_err(c, m, "%s is missing the required key '%s'", what, key);
		return false;
	}
	return true;
}

const char *
sipdns_parse_text(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *n, const char *what)
{
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_SCALAR, what))
		return NULL;
	if (strlen(n->s) != n->len) {
		sipdns_parse_err(c, n, "%s contains a NUL character", what);
		return NULL;
	}
	return n->s;
}

const char *
sipdns_parse_str(struct sipdns_parse_ctx *c,
		 const struct sipdns_yamltree_node *n, const char *what)
{
	const char *s = sipdns_parse_text(c, n, what);
	if (s == NULL)
		return NULL;
	char *copy = sipdns_arena_strndup(c->arena, s, n->len);
	if (copy == NULL)
		c->d->oom = true;
	return copy;
}

bool
sipdns_parse_bool(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *n, const char *what,
		  bool *out)
{
	const char *s = sipdns_parse_text(c, n, what);
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
	sipdns_parse_err(c, n, "%s must be true or false, not '%.60s'", what, s);
	return false;
}

bool
sipdns_parse_u32(struct sipdns_parse_ctx *c,
		 const struct sipdns_yamltree_node *n, const char *what,
		 uint32_t min, uint32_t max, uint32_t *out)
{
	const char *s = sipdns_parse_text(c, n, what);
	if (s == NULL)
		return false;
	if (s[0] < '0' || s[0] > '9') {
		sipdns_parse_err(c, n, "%s must be a whole number from %u to %u, not '%.60s'",
		    what, min, max, s);
		return false;
	}
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max) {
		sipdns_parse_err(c, n, "%s must be a whole number from %u to %u, not '%.60s'",
		    what, min, max, s);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

const char *
sipdns_parse_fqdn(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *n, const char *what)
{
	const char *s = sipdns_parse_text(c, n, what);
	if (s == NULL)
		return NULL;
	const char *why;
	if (!sipdns_valid_hostname(s, n->len, &why)) {
		sipdns_parse_err(c, n, "%s '%.80s' is not a valid DNS host name: %s", what, s, why);
		return NULL;
	}
	size_t len = n->len;
	if (s[len - 1] == '.')
		len--;
	if (memchr(s, '.', len) == NULL) {
		sipdns_parse_err(c, n, "%s '%.80s' must be a fully qualified name (for example '%.60s.contoso.com')",
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
bool
sipdns_parse_addr(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *m, const char *key,
		  const char *what, bool required, struct sipdns_addr *a)
{
	const struct sipdns_yamltree_node *v4 = sipdns_yamltree_map_get(m, key), *v6 = sipdns_yamltree_map_get(m, "ipv6");
	bool ok = true;
	memset(a, 0, sizeof(*a));
	a->loc = m->loc;
	if (v4 != NULL) {
		const char *s = sipdns_parse_str(c, v4, what);
		a->loc = v4->loc;
		if (s == NULL) {
			ok = false;
		} else if (sipdns_parse_ipv4(s, &a->v4n)) {
			a->v4 = s;
		} else if (strchr(s, ':') != NULL && valid_ipv6(s)) {
			sipdns_parse_err(c, v4, "%s '%.60s' is an IPv6 address; %s needs IPv4 here: put the IPv4 address under '%s' and this one under 'ipv6'",
			    what, s, c->policy->short_title, key);
			ok = false;
		} else {
			sipdns_parse_err(c, v4, "%s '%.60s' is not an IPv4 address (four numbers 0-255 separated by dots, no leading zeros)",
			    what, s);
			ok = false;
		}
	}
	if (v6 != NULL) {
		const char *s = sipdns_parse_text(c, v6, "ipv6 address");
		a->loc6 = v6->loc;
		if (s == NULL) {
			ok = false;
		} else if (!valid_ipv6(s)) {
			sipdns_parse_err(c, v6, "ipv6 address '%.60s' is not a valid IPv6 address", s);
			ok = false;
		} else {
			char *low = sipdns_arena_strdup(c->arena, s);
			if (low == NULL)
				return false;
			for (char *p = low; *p; p++)
				if (*p >= 'A' && *p <= 'F')
					*p = (char)(*p - 'A' + 'a');
			a->v6 = low;
			if (v4 == NULL && c->policy->ipv4_required) {
				sipdns_parse_err(c, v6, "IPv6 alone is not supported by %s (IPv4 or dual stack only); add an IPv4 '%s' beside 'ipv6'",
				    c->policy->short_title, key);
				ok = false;
			}
		}
	}
	if (v4 == NULL && v6 == NULL && required) {
		sipdns_parse_err(c, m, "%s is missing the required key '%s' (an IPv4 address)",
		    what, key);
		ok = false;
	}
	return ok;
}

static const char *const host_keys[] = { "fqdn", "address", "ipv6", NULL };
const char *const sipdns_parse_host_keys_self_reg[] = {
	"fqdn", "address", "ipv6", "self_registered", NULL };

static bool
keys_have(const char *const *keys, const char *k)
{
	for (; keys && *keys; keys++)
		if (strcmp(*keys, k) == 0)
			return true;
	return false;
}

/* self_registered: yes or no, where the keys allow it. */
static void
get_self_reg(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	     const char *const *keys, struct sipdns_host *h)
{
	const struct sipdns_yamltree_node *v;
	bool b = false;
	if (!keys_have(keys, "self_registered") ||
	    (v = sipdns_yamltree_map_get(n, "self_registered")) == NULL ||
	    !sipdns_parse_bool(c, v, "self_registered", &b))
		return;
	h->self_reg = b ? SIPDNS_SELF_REG_YES : SIPDNS_SELF_REG_NO;
	h->self_reg_loc = v->loc;
}

/* A host: a mapping of fqdn, address, ipv6. */
bool
sipdns_parse_host(struct sipdns_parse_ctx *c,
		  const struct sipdns_yamltree_node *n, const char *what,
		  const char *const *keys, bool addr_required,
		  struct sipdns_host *h)
{
	memset(h, 0, sizeof(*h));
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, what))
		return false;
	sipdns_parse_check_keys(c, n, keys ? keys : host_keys, what);
	const struct sipdns_yamltree_node *f;
	bool ok = true;
	if (sipdns_parse_require(c, n, "fqdn", what, &f)) {
		h->fqdn = sipdns_parse_fqdn(c, f, "fqdn");
		h->loc = f->loc;
		ok = h->fqdn != NULL;
	} else {
		h->loc = n->loc;
		ok = false;
	}
	get_self_reg(c, n, keys, h);
	return sipdns_parse_addr(c, n, "address", "address", addr_required, &h->addr) && ok;
}

struct sipdns_host *
sipdns_parse_hosts(struct sipdns_parse_ctx *c,
		   const struct sipdns_yamltree_node *n, const char *what,
		   const char *const *keys, size_t *count)
{
	*count = 0;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_SEQ, what))
		return NULL;
	struct sipdns_host *v = sipdns_arena_alloc(c->arena,
					(n->n ? n->n : 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n->n; i++)
		if (sipdns_parse_host(c, n->items[i], what, keys, true, &v[*count]))
			(*count)++;
	return v;
}

/* hashing, not comparing all pairs: hosting topologies list 100,000
 * names; each later occurrence names the line of the first */
bool *
sipdns_parse_find_dups(struct sipdns_parse_ctx *c,
		       struct sipdns_parse_nameref *refs, size_t n,
		       const char *fmt, const char *extra)
{
	bool *dup = calloc(n ? n : 1, sizeof(*dup));
	struct sipdns_strset seen = { 0 };
	if (dup != NULL && !sipdns_strset_reserve(&seen, n)) {
		c->d->oom = true;
		free(dup);
		dup = NULL;
	}
	for (size_t i = 0; dup != NULL && i < n; i++) {
		size_t first;
		if (!sipdns_strset_put(&seen, refs[i].name, i, &first)) {
			c->d->oom = true;
			free(dup);
			dup = NULL;
			break;
		}
		if (first == i)
			continue;
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
	sipdns_strset_free(&seen);
	return dup;
}

void
sipdns_parse_drop_marked(void *v, size_t *n, size_t size, const bool *drop)
{
	unsigned char *base = v;
	size_t w = 0;
	for (size_t i = 0; drop && i < *n; i++)
		if (!drop[i])
			memmove(base + w++ * size, base + i * size, size);
	if (drop)
		*n = w;
}
