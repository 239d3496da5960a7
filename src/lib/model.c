/* model.c -- topology model helpers: names, addresses, look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "zones.h"

const char *
sipdns_view_name(enum sipdns_view_id v)
{
	static const char *const names[SIPDNS_VIEW_COUNT] = {
		[SIPDNS_VIEW_INTERNAL] = "internal",
		[SIPDNS_VIEW_EXTERNAL] = "external",
		[SIPDNS_VIEW_PERIMETER] = "perimeter",
	};
	return v >= 0 && v < SIPDNS_VIEW_COUNT ? names[v] : "external";
}

void
sipdns_topology_destroy(struct sipdns_topology *t)
{
	if (t == NULL)
		return;
	sipdns_topology_zones_free(t);
	sipdns_arena_destroy(t->arena); /* t itself lives in the arena */
}

const struct sipdns_pool *
sipdns_topology_pool(const struct sipdns_topology *t, const char *fqdn)
{
	for (size_t i = 0; i < t->n_pools; i++)
		if (strcmp(t->pools[i].fqdn, fqdn) == 0)
			return &t->pools[i];
	return NULL;
}

const struct sipdns_pool *
sipdns_topology_sign_in(const struct sipdns_topology *t)
{
	for (size_t i = 0; i < t->n_pools; i++)
		if (t->pools[i].auto_sign_in)
			return &t->pools[i];
	return NULL;
}

const struct sipdns_addr *
sipdns_pool_address(const struct sipdns_pool *p)
{
	if (p->has_addr)
		return &p->addr;
	/* R2-I3: a pool of one Front End without a load balancer */
	if (p->n_front_ends == 1)
		return &p->front_ends[0].addr;
	return NULL;
}
