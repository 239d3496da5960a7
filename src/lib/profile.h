/* profile.h -- the product registry: one profile per product
 *
 * A profile holds all of one product's knowledge: the records it needs
 * (rules hook), its own topology checks (check hook), its server roles and
 * its policy flags. Profiles are static data: nobody frees them. Adding a
 * product is one profile_PRODUCT.c and one line in profile.c's registry.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_H
#define SIPDNS_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

struct sipdns_diag;
struct sipdns_recset;
struct sipdns_topology;

/* Add the records topology t needs to s (sipdns_generate finishes the set
 * afterwards); rule problems go to d. */
typedef void (*sipdns_profile_rules_fn)(const struct sipdns_topology *t,
					struct sipdns_recset *s,
					struct sipdns_diag *d);
/* The product's own topology checks (after the product-neutral ones of
 * check.c); findings go to d with their rule ids. */
typedef void (*sipdns_profile_check_fn)(const struct sipdns_topology *t,
					struct sipdns_diag *d);

/* A name and type that must NOT exist in a view: its reason, what to do
 * when it is there, its fact, and the one address it may hold (NULL:
 * none). Strings need only live for the call. */
struct sipdns_absent {
	int view;                 /* enum sipdns_view_id */
	const char *name;         /* lower-case, no dot */
	int type;                 /* an ldns_rr_type */
	const char *reason, *todo, *fact;
	const char *allow;        /* an A record's address that is fine */
};
typedef bool (*sipdns_absent_add_fn)(void *arg, const struct sipdns_absent *a);
/* Declare each name and type topology t must not have, through add
 * (which copies it; false: out of memory, stop). */
typedef bool (*sipdns_profile_absent_fn)(const struct sipdns_topology *t,
					 sipdns_absent_add_fn add, void *arg);

/* A zone the product implies: view (enum sipdns_view_id), name
 * (lower-case, no dot; copied), the topology position that asks for it.
 * False: out of memory, stop. */
struct sipdns_loc;
typedef bool (*sipdns_zone_add_fn)(void *arg, int view, const char *name,
				   const struct sipdns_loc *loc);
/* Declare the zones topology t implies (pin-point zones), through add;
 * a zone the view lists already is not added twice. */
typedef void (*sipdns_profile_zones_fn)(const struct sipdns_topology *t,
					sipdns_zone_add_fn add, void *arg);
/* The fix for a record of the profile that no zone of its view holds,
 * into buf (size bytes); false: the generic one (add its zone). */
typedef bool (*sipdns_profile_no_zone_fn)(const struct sipdns_topology *t,
					  int view, const char *owner,
					  char *buf, size_t size);

/* The names each certificate of topology t needs, through the builder
 * of certs.h. */
struct sipdns_certs_build;
typedef void (*sipdns_profile_certs_fn)(const struct sipdns_topology *t,
					struct sipdns_certs_build *b);

/* Coexistence (a migration, README "Migrations: pools of two products"):
 * the records of pool p of topology t with this product's facts, and
 * this product's checks of that one pool. */
struct sipdns_pool;
typedef void (*sipdns_profile_pool_fn)(const struct sipdns_topology *t,
				       const struct sipdns_pool *p,
				       struct sipdns_recset *s);
typedef void (*sipdns_profile_pool_check_fn)(const struct sipdns_topology *t,
					     const struct sipdns_pool *p,
					     struct sipdns_diag *d);

struct sipdns_profile {
	const char *name;         /* the topology's 'product:' value */
	const char *title;        /* in full, e.g. "Lync Server 2010" */
	const char *short_title;  /* in messages, as the product's admins
				   * say it */
	sipdns_profile_rules_fn rules;  /* NULL: a known product that is not
					 * supported yet */
	sipdns_profile_check_fn check;  /* NULL: no checks of its own */
	sipdns_profile_absent_fn absent; /* NULL: no must-not-exist names */
	sipdns_profile_zones_fn zones;   /* NULL: no implied zones */
	sipdns_profile_no_zone_fn no_zone; /* NULL: the generic no-zone fix */
	const char *const *server_roles; /* 'servers:' roles, NULL-terminated;
					  * NULL when not supported yet */
	bool ipv4_required;       /* every address needs IPv4 (IPv6 alone is
				   * an error), as an SRV target needs an A */
	sipdns_profile_certs_fn certs;  /* NULL: no certificate names */
	/* which product line's topology keys the parser reads (else it
	 * refuses them with what to write instead): Lync Server 2010 on
	 * (load_balancing, simple_urls, mobility, an Edge pool's), Lync
	 * Server 2013 on (external_web, xmpp, office_web_apps), Skype for
	 * Business Server (legacy_clients, ntp_server, edge sip_record) */
	bool lync_keys, lync2013_keys, sfb_keys;
	bool no_m365;             /* m365: hybrid / teams_only do not apply
				   * (m365.c) */
	/* coexistence: one pool's records and checks (NULL: its pools
	 * cannot sit in another product's topology); which products may
	 * coexist is the registry's table of pairs (profile.c) */
	sipdns_profile_pool_fn pool;
	sipdns_profile_pool_check_fn pool_check;
};

/* The profile of the product called name, or NULL for an unknown name. */
const struct sipdns_profile *sipdns_profile_find(const char *name);

/* Profile i of the registry in its order, or NULL when i is past the end. */
const struct sipdns_profile *sipdns_profile_at(size_t i);

/* True when the product has rules, so records can be generated for it. */
bool sipdns_profile_supported(const struct sipdns_profile *p);

/* The profile whose policy (roles, address rules) reads a topology whose
 * product is not supported yet or not given: the first supported one. */
const struct sipdns_profile *sipdns_profile_default(void);

/* p itself when it is supported, else sipdns_profile_default(). */
const struct sipdns_profile *
sipdns_profile_policy(const struct sipdns_profile *p);

/* The registry's names (all, or only the supported ones with their short
 * titles when titles is set) joined by sep, into buf (always
 * NUL-terminated, cut short if it does not fit). */
void sipdns_profile_list(char *buf, size_t size, bool supported_only,
			 bool titles, const char *sep);

/* Coexistence: true when a topology of product t may hold pools of
 * product p: the two are a migration pair of the registry (neighbouring
 * generations) and p has a pool hook. */
bool sipdns_profile_coexists(const struct sipdns_profile *t,
			     const struct sipdns_profile *p);

/* The products whose pools a topology of product t may hold, in the
 * registry's order, joined by ", ", into buf ("" for none). */
void sipdns_profile_coexist_list(const struct sipdns_profile *t, char *buf,
				 size_t size);

/* True when pool p of topology t is of another product than t's. */
bool sipdns_profile_pool_foreign(const struct sipdns_topology *t,
				 const struct sipdns_pool *p);

/* The shared pool rules call this first for each pool: a pool of another
 * product is handed to that product's pool hook (true: done, skip it). */
bool sipdns_profile_pool_rules(const struct sipdns_topology *t,
			       const struct sipdns_pool *p,
			       struct sipdns_recset *s);

/* Each pool of another product, checked by its own product's pool
 * checks (check.c, after the topology's product's checks). */
void sipdns_profile_pool_checks(const struct sipdns_topology *t,
				struct sipdns_diag *d);

#endif
