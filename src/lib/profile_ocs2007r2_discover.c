/* profile_ocs2007r2_discover.c -- OCS 2007 R2: how its clients find a
 * server to sign in to
 *
 * The lookup orders of Office Communicator 2007 R2 and Communicator Phone
 * Edition (R2), one table per documented variant, named after the source
 * that gives it (../shared/reference/ocs-dns.md §1.3: where Microsoft's
 * pages disagree, each is a variant; discover.c walks the one chosen).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "discover.h"

#include <string.h>

#define SRV(l, tr, f, n) { SIPDNS_DISCOVER_SRV, l, tr, { 0, 0 }, f, n }
#define HOST(l, p1, p2, f) { SIPDNS_DISCOVER_HOST, l, "TLS", { p1, p2 }, f, NULL }

static const char tcp_if_allowed[] =
	"asked only if the client allows TCP [S21]";
static const char tcp_external[] =
	"external connections must use TLS even where _sip._tcp is queried [S40]";

/* R2 GA, "Client DNS Queries Drilldown" (2009-06-05) [S21] */
static const struct sipdns_discover_rule r2_ga[] = {
	SRV("_sipinternaltls._tcp", "TLS", "S21", NULL),
	SRV("_sipinternal._tcp", "TCP", "S21", tcp_if_allowed),
	SRV("_sip._tls", "TLS", "S21", NULL),
	HOST("sipinternal", 5061, 443, "S21"),
	HOST("sip", 5061, 443, "S21"),
	HOST("sipexternal", 5061, 443, "S21"),
};

/* R2 Beta, "How Client DNS Queries Work" [S20] */
static const struct sipdns_discover_rule r2_beta[] = {
	SRV("_sipinternaltls._tcp", "TLS", "S20", NULL),
	SRV("_sipinternal._tcp", "TCP", "S20", "asked only if the client allows TCP [S20]"),
	SRV("_sip._tls", "TLS", "S20", NULL),
	SRV("_sip._tcp", "TCP", "S20", tcp_external),
	HOST("sip", 5061, 443, "S20"),
	HOST("sipinternal", 5061, 443, "S20"),
	HOST("sipexternal", 5061, 443, "S20"),
};

/* InsideOCS blog (2008) [S40] */
static const struct sipdns_discover_rule insideocs[] = {
	SRV("_sipinternaltls._tcp", "TLS", "S40", NULL),
	SRV("_sipinternal._tcp", "TCP", "S40", NULL),
	SRV("_sip._tls", "TLS", "S40", NULL),
	SRV("_sip._tcp", "TCP", "S40", tcp_external),
	HOST("sipinternal", 5061, 443, "S40"),
	HOST("sip", 5061, 443, "S40"),
	HOST("sipexternal", 5061, 443, "S40"),
};

/* Communicator Phone Edition (R2) DNS queries [S22] */
static const struct sipdns_discover_rule phone_r2[] = {
	SRV("_sipinternaltls._tcp", "TLS", "S22", NULL),
	SRV("_sip._tls", "TLS", "S22", NULL),
	SRV("_sipinternal._tcp", "TCP", "S22", NULL),
	HOST("sipinternal", 5061, 443, "S22"),
	HOST("sip", 5061, 443, "S22"),
	HOST("sipexternal", 5061, 443, "S22"),
};

static const char communicator_ports[] =
	"S20, S21 and S40 give no port for the host names; the ports are the ones S22 gives Phone Edition for the same names (5061, then 443)";

#define N(a) (sizeof(a) / sizeof((a)[0]))
static const struct sipdns_discover_order orders[] = {
	{ "r2-ga", "communicator",
	  "OCS 2007 R2 \"Client DNS Queries Drilldown\" (2009-06-05) [S21]",
	  true, r2_ga, N(r2_ga), communicator_ports },
	{ "r2-beta", "communicator",
	  "OCS 2007 R2 Beta \"How Client DNS Queries Work\" [S20]",
	  false, r2_beta, N(r2_beta), communicator_ports },
	{ "insideocs", "communicator",
	  "InsideOCS \"DNS records and automatic sign-in\" (2008-08-19) [S40]",
	  false, insideocs, N(insideocs), communicator_ports },
	{ "phone-r2", "phone-edition",
	  "OCS 2007 R2 \"Communicator Phone Edition DNS queries\" [S22]",
	  true, phone_r2, N(phone_r2), NULL },
};

static const struct sipdns_discover_profile ocs2007r2 = {
	.product = "ocs2007r2",
	.orders = orders,
	.n_orders = N(orders),
	.srv_rule = "the client uses the first SRV record that answers and tries no other [S20][S21]",
	.strict_rule = "strict DNS naming: the host must be in the SIP domain [L10-02][L13-01]",
	.policy = "DisableStrictDNSNaming",
};

const struct sipdns_discover_profile *
sipdns_discover_profile(const char *product)
{
	if (product == NULL || strcmp(product, ocs2007r2.product) == 0)
		return &ocs2007r2;
	return NULL;
}
