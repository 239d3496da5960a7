/* profile_sfb2019.c -- Skype for Business Server 2019: its records,
 * checks and roles
 *
 * The records and checks are the ones 2015 and 2019 share
 * (profile_sfb_common.c, reference §4 with facts F01-F03); what 2019
 * changes is that XMPP gateways and proxies are no longer supported
 * (§4.5, F03): no _xmpp-server._tcp record, and an xmpp key is an
 * error.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include "profile_sfb_common.h"

const struct sipdns_profile sipdns_profile_sfb2019 = {
	.name = "sfb2019",
	.title = "Skype for Business Server 2019",
	.short_title = "Skype for Business Server 2019",
	.rules = sipdns_sfb_rules_no_xmpp,
	.check = sipdns_sfb_check_no_xmpp,
	.server_roles = sipdns_sfb_server_roles,
	.ipv4_required = false,  /* IPv4, IPv6 only or dual stack (S94) */
	.certs = NULL,
	.lync_keys = true,
	.lync2013_keys = true,
	.sfb_keys = true,
	.pool = sipdns_sfb_pool,
	.pool_check = sipdns_sfb_pool_check,
};
