/* profile_sfbse.c -- Skype for Business Server Subscription Edition: its
 * records, checks and roles
 *
 * Subscription Edition (the only supported on-premises version after 14
 * October 2025) is configured as Skype for Business Server 2019: the
 * same records and checks (profile_sfb_common.c, reference §4 with
 * facts F01-F03), no XMPP (F03). It is a product of its own so that
 * its topologies, messages and reports say which version they are
 * about, and so that a later difference has its place.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include "profile_sfb_common.h"

const struct sipdns_profile sipdns_profile_sfbse = {
	.name = "sfbse",
	.title = "Skype for Business Server Subscription Edition",
	.short_title = "Skype for Business Server Subscription Edition",
	.rules = sipdns_sfb_rules_no_xmpp,
	.check = sipdns_sfb_check_no_xmpp,
	.server_roles = sipdns_sfb_server_roles,
	.ipv4_required = false,  /* as 2019 (S94) */
	.certs = NULL,
	.lync_keys = true,
	.lync2013_keys = true,
	.sfb_keys = true,
	.pool = sipdns_sfb_pool,
	.pool_check = sipdns_sfb_pool_check,
};
