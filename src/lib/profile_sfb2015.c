/* profile_sfb2015.c -- Skype for Business Server 2015: its records,
 * checks and roles
 *
 * The records and checks are the ones 2015 and 2019 share
 * (profile_sfb_common.c, reference §4 with facts F01-F03); 2015 still
 * has XMPP federation: _xmpp-server._tcp.<sip> 5269 to the XMPP proxy,
 * its A at the Access Edge (E12, "2015 only", F03).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "profile.h"

#include "profile_sfb_common.h"

const struct sipdns_profile sipdns_profile_sfb2015 = {
	.name = "sfb2015",
	.title = "Skype for Business Server 2015",
	.short_title = "Skype for Business Server 2015",
	.rules = sipdns_sfb_rules_xmpp,
	.check = sipdns_sfb_check,
	.server_roles = sipdns_sfb_server_roles,
	.ipv4_required = false,  /* IPv4, IPv6 only or dual stack (S94) */
	.certs = NULL,
	.lync_keys = true,
	.lync2013_keys = true,
	.sfb_keys = true,
	.pool = sipdns_sfb_pool,
	.pool_check = sipdns_sfb_pool_check,
};
