/* parse_coexist.c -- a pool's own product during a migration
 *
 * pools: [{..., product: sfb2019}] in a lync2013 topology: the pool is
 * a Skype for Business Server 2019 pool beside the Lync Server 2013
 * ones (README "Migrations: pools of two products"). The name must be a
 * product of the registry (profile.h), supported, and one the
 * topology's product may coexist with (the registry's migration pairs,
 * profile.c): a migration's previous or next generation. The same product as the topology's is the
 * default and is kept as none.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "parse_coexist.h"

#include <string.h>

#include "diag.h"
#include "model.h"
#include "profile.h"
#include "yamltree.h"

void
sipdns_parse_pool_product(struct sipdns_parse_ctx *c,
			  const struct sipdns_yamltree_node *n,
			  struct sipdns_pool *p)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(n, "product");
	if (v == NULL)
		return;
	p->product_loc = v->loc;
	const char *s = sipdns_parse_str(c, v, "pool product");
	const struct sipdns_profile *t = c->t->product;
	if (s == NULL || t == NULL)
		return;   /* the topology's product is reported already */
	const struct sipdns_profile *pp = sipdns_profile_find(s);
	char names[256];
	if (pp == NULL || !sipdns_profile_supported(pp)) {
		sipdns_profile_list(names, sizeof(names), true, false, ", ");
		sipdns_parse_err(c, v, "pool product must be one of %s, not '%.60s'",
				 names, s);
		return;
	}
	if (pp == t)
		return;   /* the topology's own product: the default */
	if (!sipdns_profile_coexists(t, pp)) {
		sipdns_profile_coexist_list(t, names, sizeof(names));
		sipdns_diag_add(c->d, SIPDNS_ERROR, v->loc, "pool-product",
			"a %s topology cannot hold a %s pool: a migration holds the pools of two neighbouring generations, and %s's neighbours are %s; give this pool one of those products, or migrate in steps, one generation at a time",
			t->short_title, pp->short_title, t->short_title,
			names[0] ? names : "none");
		return;
	}
	p->product = pp;
}
