/* profile_sfb_common.h -- what Skype for Business Server 2015, 2019 and
 * Subscription Edition share (reference §4), with each product's title
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PROFILE_SFB_COMMON_H
#define SIPDNS_PROFILE_SFB_COMMON_H

#include <stdbool.h>

struct sipdns_diag;
struct sipdns_lync_facts;
struct sipdns_recset;
struct sipdns_topology;

/* The fact ids every Skype for Business Server record names: the 2015
 * and 2019 pages are one set (F01-F03); Lync Server 2013 rules that
 * carry over keep their L13 ids. */
extern const struct sipdns_lync_facts sipdns_sfb_facts;

/* The checks all Skype for Business Server versions share, the Lync
 * Server 2013 ones among them. */
void sipdns_sfb_check(const struct sipdns_topology *t, struct sipdns_diag *d);

/* The rules and checks hooks of the products: 2015 writes the XMPP
 * federation records; from 2019 on (2019, Subscription Edition) there is
 * no XMPP gateway or proxy (F03): no such record, and an xmpp key is an
 * error (rule sfb2019-no-xmpp, in the product's title). */
void sipdns_sfb_rules_xmpp(const struct sipdns_topology *t,
			   struct sipdns_recset *s, struct sipdns_diag *d);
void sipdns_sfb_rules_no_xmpp(const struct sipdns_topology *t,
			      struct sipdns_recset *s, struct sipdns_diag *d);
void sipdns_sfb_check_no_xmpp(const struct sipdns_topology *t,
			      struct sipdns_diag *d);

/* Coexistence (a migration): one Skype for Business Server pool's
 * records and checks in another product's topology. */
struct sipdns_pool;
void sipdns_sfb_pool(const struct sipdns_topology *t, const struct sipdns_pool *p,
		     struct sipdns_recset *s);
void sipdns_sfb_pool_check(const struct sipdns_topology *t,
			   const struct sipdns_pool *p, struct sipdns_diag *d);

/* Internal roles that need one A record per server. */
extern const char *const sipdns_sfb_server_roles[];

#endif
