/* parse_certs.c -- the certificate keys of a topology
 *
 * A certificate is declared beside the role that holds it:
 *   certificate: { subject: NAME, san: [NAME, ...] }
 * The rest of the walk (parse.c) has built the model first; this file
 * finds each role's mapping again and reads its certificate. SAN names
 * may be wildcards ("*.contoso.com"), which certs.c judges.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse_certs.h"

#include <string.h>

#include "arena.h"
#include "model.h"

/* a certificate name: a host name, or "*." and one */
static const char *
cert_name(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n,
	  const char *what)
{
	const char *s = sipdns_parse_str(c, n, what);
	if (s == NULL)
		return NULL;
	size_t skip = strncmp(s, "*.", 2) == 0 ? 2 : 0;
	size_t len = n->len - skip;
	const char *why;
	if (len == 0 || !sipdns_valid_hostname(s + skip, len, &why)) {
		sipdns_parse_err(c, n, "%s '%.80s' is not a DNS name (a host name, or '*.' and one): %s; write it as in the certificate, for example 'sip.contoso.com'",
				 what, s, len == 0 ? "it is empty" : why);
		return NULL;
	}
	if (s[n->len - 1] == '.')
		len--;
	if (memchr(s + skip, '.', len) == NULL) {
		sipdns_parse_err(c, n, "%s '%.80s' must be a fully qualified name (for example '%.60s.contoso.com')",
				 what, s, s + skip);
		return NULL;
	}
	char *out = sipdns_arena_strndup(c->arena, s, len + skip);
	if (out == NULL)
		return NULL;
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

static void
get_san(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *v,
	struct sipdns_cert_decl *k)
{
	if (!sipdns_parse_expect(c, v, SIPDNS_YAMLTREE_SEQ, "certificate san"))
		return;
	k->san = sipdns_arena_alloc(c->arena, (v->n + 1) * sizeof(*k->san));
	k->san_loc = sipdns_arena_alloc(c->arena, (v->n + 1) * sizeof(*k->san_loc));
	if (k->san == NULL || k->san_loc == NULL) {
		c->d->oom = true;
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct sipdns_yamltree_node *e = v->items[i];
		const char *name = cert_name(c, e, "certificate san");
		if (name == NULL)
			continue;
		bool dup = false;
		for (size_t k2 = 0; k2 < k->n_san && !dup; k2++)
			dup = strcmp(k->san[k2], name) == 0;
		if (dup) {
			sipdns_parse_err(c, e, "'%s' is listed twice in this certificate's san; remove one", name);
			continue;
		}
		k->san_loc[k->n_san] = e->loc;
		k->san[k->n_san++] = name;
	}
}

/* m's 'certificate:' (if any) into k */
static void
get_cert(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *m,
	 struct sipdns_cert_decl *k)
{
	static const char *const keys[] = { "subject", "san", NULL };
	if (m == NULL || m->kind != SIPDNS_YAMLTREE_MAP)
		return;
	const struct sipdns_yamltree_node *n = sipdns_yamltree_map_get(m, "certificate");
	if (n == NULL)
		return;
	if (!sipdns_parse_expect(c, n, SIPDNS_YAMLTREE_MAP, "certificate"))
		return;
	sipdns_parse_check_keys(c, n, keys, "certificate");
	k->present = true;
	k->loc = n->loc;
	const struct sipdns_yamltree_node *v;
	if (sipdns_parse_require(c, n, "subject", "certificate", &v)) {
		k->subject = cert_name(c, v, "certificate subject");
		k->subject_loc = v->loc;
	}
	if ((v = sipdns_yamltree_map_get(n, "san")) != NULL)
		get_san(c, v, k);
}

/* the pool of the model that the pool mapping n was read into (its
 * position says which: parse.c drops pools it refused) */
static struct sipdns_pool *
pool_of(struct sipdns_parse_ctx *c, const struct sipdns_yamltree_node *n)
{
	struct sipdns_topology *t = c->t;
	for (size_t i = 0; i < t->n_pools; i++)
		if (t->pools[i].loc.line == n->loc.line &&
		    t->pools[i].loc.col == n->loc.col)
			return &t->pools[i];
	return NULL;
}

void
sipdns_parse_certs(struct sipdns_parse_ctx *c,
		   const struct sipdns_yamltree_node *root)
{
	struct sipdns_topology *t = c->t;
	const struct sipdns_yamltree_node *v, *e;
	if ((v = sipdns_yamltree_map_get(root, "pools")) != NULL &&
	    v->kind == SIPDNS_YAMLTREE_SEQ)
		for (size_t i = 0; i < v->n; i++) {
			struct sipdns_pool *p = pool_of(c, v->items[i]);
			if (p != NULL)
				get_cert(c, v->items[i], &p->cert);
		}
	if ((e = sipdns_yamltree_map_get(root, "edge")) != NULL &&
	    e->kind == SIPDNS_YAMLTREE_MAP) {
		get_cert(c, sipdns_yamltree_map_get(e, "internal"),
			 &t->edge.internal_cert);
		get_cert(c, sipdns_yamltree_map_get(e, "access"),
			 &t->edge.access.cert);
		get_cert(c, sipdns_yamltree_map_get(e, "web_conferencing"),
			 &t->edge.web_conferencing.cert);
		if ((v = sipdns_yamltree_map_get(e, "av")) != NULL &&
		    v->kind == SIPDNS_YAMLTREE_MAP &&
		    (v = sipdns_yamltree_map_get(v, "certificate")) != NULL)
			sipdns_parse_err(c, v, "the A/V Edge's external interface takes no certificate (its A/V authentication certificate is not named by DNS); remove it");
	}
	get_cert(c, sipdns_yamltree_map_get(root, "reverse_proxy"),
		 &t->reverse_proxy.cert);
	get_cert(c, sipdns_yamltree_map_get(root, "cwa"), &t->cwa.cert);
}
