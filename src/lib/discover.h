/* discover.h -- the client's sign-in walk: the product's lookup orders,
 * and the walk over them (discover.c)
 *
 * A product's profile names the steps its clients take (the SRV records
 * in order, then the host names with their ports); discover.c asks them
 * through resolve.c in that order, keeps each answer's state (answer.c:
 * a failure is never absence) and decides what the client would do.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DISCOVER_H
#define SIPDNS_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipdns.h"

enum sipdns_discover_kind {
	SIPDNS_DISCOVER_SRV = 0,    /* an SRV record, label.<sip> */
	SIPDNS_DISCOVER_HOST,       /* a host name, label.<sip>, A */
};

/* One step of a lookup order. */
struct sipdns_discover_rule {
	enum sipdns_discover_kind kind;
	const char *label;          /* prefixed to the SIP domain */
	const char *transport;      /* "TLS", "TCP" */
	uint16_t ports[2];          /* HOST: the ports tried, in order (0: none) */
	const char *fact;           /* the sources that say so */
	const char *note;           /* NULL, or what the sources add */
};

/* A lookup order: one documented variant for one client. */
struct sipdns_discover_order {
	const char *name;           /* --order's word, after its source */
	const char *client;         /* --client's word */
	const char *source;         /* the page, in full, with its fact id */
	bool client_default;        /* the client's default variant */
	const struct sipdns_discover_rule *rules;
	size_t n_rules;
	const char *port_note;      /* NULL, or where the HOST ports come from */
};

/* What the product says about the walk, beside its orders. */
struct sipdns_discover_profile {
	const char *product;        /* the profile's name */
	const struct sipdns_discover_order *orders;
	size_t n_orders;
	const char *srv_rule;       /* the first SRV that answers wins (fact) */
	const char *strict_rule;    /* the strict naming rule (fact) */
	const char *policy;         /* the policy's name: DisableStrictDNSNaming */
};

/* The walk of product (a profile's name), or NULL when the product has
 * none. Defined by the product's profile_PRODUCT_discover.c. */
const struct sipdns_discover_profile *sipdns_discover_profile(const char *product);

/* The order called name for client (name NULL: the client's default),
 * or NULL. */
const struct sipdns_discover_order *
sipdns_discover_order_find(const struct sipdns_discover_profile *p,
			   const char *client, const char *name);

/* Is host (lower-case, no dot) in domain (the same) or below it? */
bool sipdns_discover_in_domain(const char *host, const char *domain);
/* Do host and domain share a suffix of two labels or more? */
bool sipdns_discover_share_suffix(const char *host, const char *domain);

/* The decision over the steps asked so far (pure): r->steps[0..n) as the
 * walk filled them. Returns the index of the step the client takes (an
 * SRV or host step with an answer), or -1; *unseen says whether a step
 * before it (or any step, when none is taken) was not seen. */
long sipdns_discover_pick(const struct sipdns_discover_step *steps, size_t n,
			  bool *unseen);

#endif
