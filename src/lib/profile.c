/* profile.c -- the product registry: the one list of products
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include <string.h>

#include "model.h"

/* Each supported product's profile, defined in its profile_PRODUCT.c. */
extern const struct sipdns_profile sipdns_profile_ocs2007r2;
extern const struct sipdns_profile sipdns_profile_lync2010;
extern const struct sipdns_profile sipdns_profile_lync2013;
extern const struct sipdns_profile sipdns_profile_sfb2015;
extern const struct sipdns_profile sipdns_profile_sfb2019;
extern const struct sipdns_profile sipdns_profile_sfbse;

/* A known name that is not supported yet would be a profile with a name
 * and titles and no hooks: the parser accepts it (a topology can be
 * written ahead), generate refuses it with rule id 'product'. Every
 * product named today is supported. */

/* The registry, in the order messages list the products. The first
 * supported profile is the default policy (sipdns_profile_default). */
static const struct sipdns_profile *const registry[] = {
	&sipdns_profile_ocs2007r2,
	&sipdns_profile_lync2010,
	&sipdns_profile_lync2013,
	&sipdns_profile_sfb2015,
	&sipdns_profile_sfb2019,
	&sipdns_profile_sfbse,
};

#define N_PROFILES (sizeof(registry) / sizeof(registry[0]))

const struct sipdns_profile *
sipdns_profile_at(size_t i)
{
	return i < N_PROFILES ? registry[i] : NULL;
}

const struct sipdns_profile *
sipdns_profile_find(const char *name)
{
	for (size_t i = 0; i < N_PROFILES; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

bool
sipdns_profile_supported(const struct sipdns_profile *p)
{
	return p != NULL && p->rules != NULL;
}

const struct sipdns_profile *
sipdns_profile_default(void)
{
	for (size_t i = 0; i < N_PROFILES; i++)
		if (sipdns_profile_supported(registry[i]))
			return registry[i];
	return registry[0];
}

const struct sipdns_profile *
sipdns_profile_policy(const struct sipdns_profile *p)
{
	return sipdns_profile_supported(p) ? p : sipdns_profile_default();
}

static void
append(char *buf, size_t size, const char *s)
{
	size_t len = strlen(buf);
	if (len + 1 < size) {
		strncat(buf, s, size - len - 1);
	}
}

void
sipdns_profile_list(char *buf, size_t size, bool supported_only,
		    bool titles, const char *sep)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	bool first = true;
	for (size_t i = 0; i < N_PROFILES; i++) {
		const struct sipdns_profile *p = registry[i];
		if (supported_only && !sipdns_profile_supported(p))
			continue;
		if (!first)
			append(buf, size, sep);
		append(buf, size, titles ? p->short_title : p->name);
		first = false;
	}
}

const char *
sipdns_product_name(const struct sipdns_profile *p)
{
	return p != NULL ? p->name : "unknown";
}

/* ---- coexistence ---------------------------------------------------------- */

/* The migration pairs, either way round: each product and the ones it
 * migrates from or to, its neighbouring generations (README
 * "Migrations: pools of two products" gives the sources). */
static const char *const pairs[][2] = {
	{ "ocs2007r2", "lync2010" },
	{ "lync2010", "lync2013" },
	{ "lync2013", "sfb2015" },
	{ "lync2013", "sfb2019" },
	{ "sfb2015", "sfb2019" },
	{ "sfb2015", "sfbse" },
	{ "sfb2019", "sfbse" },
};

bool
sipdns_profile_coexists(const struct sipdns_profile *t,
			const struct sipdns_profile *p)
{
	if (t == NULL || p == NULL || t == p || p->pool == NULL)
		return false;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if ((strcmp(pairs[i][0], t->name) == 0 && strcmp(pairs[i][1], p->name) == 0) ||
		    (strcmp(pairs[i][1], t->name) == 0 && strcmp(pairs[i][0], p->name) == 0))
			return true;
	return false;
}

void
sipdns_profile_coexist_list(const struct sipdns_profile *t, char *buf,
			    size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	bool first = true;
	for (size_t i = 0; t != NULL && i < N_PROFILES; i++) {
		if (!sipdns_profile_coexists(t, registry[i]))
			continue;
		if (!first)
			append(buf, size, ", ");
		append(buf, size, registry[i]->name);
		first = false;
	}
}

bool
sipdns_profile_pool_foreign(const struct sipdns_topology *t,
			    const struct sipdns_pool *p)
{
	return p->product != NULL && p->product != t->product;
}

bool
sipdns_profile_pool_rules(const struct sipdns_topology *t,
			  const struct sipdns_pool *p, struct sipdns_recset *s)
{
	if (!sipdns_profile_pool_foreign(t, p) || p->product->pool == NULL)
		return false;
	p->product->pool(t, p, s);
	return true;
}

void
sipdns_profile_pool_checks(const struct sipdns_topology *t,
			   struct sipdns_diag *d)
{
	for (size_t i = 0; i < t->n_pools; i++) {
		const struct sipdns_pool *p = &t->pools[i];
		if (sipdns_profile_pool_foreign(t, p) && p->product->pool_check)
			p->product->pool_check(t, p, d);
	}
}
