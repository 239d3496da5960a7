/* model.h -- the topology model: SIP domains, views, pools, roles, Edge
 *
 * Everything here lives in the topology's arena; nobody frees single nodes.
 * Names are stored lower-case, without a trailing dot. The model knows
 * nothing of YAML or of DNS libraries.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_MODEL_H
#define SIPDNS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "name.h"
#include "strset.h"

struct sipdns_arena;
struct sipdns_profile;

/* An IPv4 address (required) and an optional IPv6 address (dual stack). */
struct sipdns_addr {
	const char *v4, *v6;      /* canonical text, or NULL when absent */
	uint32_t v4n;             /* v4 in host byte order */
	struct sipdns_loc loc;    /* of the IPv4 value */
	struct sipdns_loc loc6;
};

/* Does the host register its own A record (Windows dynamic update)?
 * DEFAULT: its role decides (the profile; README "Self-registered"). */
enum sipdns_self_reg {
	SIPDNS_SELF_REG_DEFAULT = 0,
	SIPDNS_SELF_REG_YES,
	SIPDNS_SELF_REG_NO
};

struct sipdns_host {
	const char *fqdn;
	struct sipdns_loc loc;    /* of the fqdn value */
	struct sipdns_addr addr;
	enum sipdns_self_reg self_reg;
	struct sipdns_loc self_reg_loc;
};

struct sipdns_soa {
	const char *mname, *rname;    /* NULL: first NS / hostmaster.<zone> */
	uint32_t refresh, retry, expire, minimum;
	bool has_refresh, has_retry, has_expire, has_minimum;
	struct sipdns_loc loc;
};

struct sipdns_zone {
	const char *name;
	struct sipdns_loc loc;
	struct sipdns_soa soa;        /* merged with the view's defaults */
	struct sipdns_host *ns;       /* the zone's, else the view's */
	size_t n_ns;
	bool split_brain;             /* the same zone is in the other view */
	bool pinpoint;                /* implied by a SIP domain's internal:
				       * pinpoint (README "Pin-point zones") */
};

struct sipdns_view {
	bool present;
	struct sipdns_loc loc;
	struct sipdns_zone *zones;
	size_t n_zones;
	const char **owned_elsewhere; /* names or *.suffix patterns */
	struct sipdns_loc *owned_elsewhere_loc;
	size_t n_owned_elsewhere;
	struct sipdns_soa def_soa;    /* the view's defaults, for implied zones */
	struct sipdns_host *def_ns;
	size_t n_def_ns;
};

/* A certificate as the topology declares it (certificate: { subject,
 * san }); present false: not declared. Names lower-case, no dot; a SAN
 * may be a wildcard ("*.contoso.com"). */
struct sipdns_cert_decl {
	bool present;
	struct sipdns_loc loc;        /* of the certificate mapping */
	const char *subject;
	struct sipdns_loc subject_loc;
	const char **san;
	struct sipdns_loc *san_loc;
	size_t n_san;
};

enum sipdns_edition { SIPDNS_STANDARD = 0, SIPDNS_ENTERPRISE };
enum sipdns_pool_role { SIPDNS_ROLE_FRONT_END = 0, SIPDNS_ROLE_DIRECTOR };

struct sipdns_pool {
	const char *fqdn;
	struct sipdns_loc loc;        /* of the pool's mapping */
	struct sipdns_loc fqdn_loc;
	enum sipdns_edition edition;
	enum sipdns_pool_role role;
	struct sipdns_addr addr;      /* SE: the server; EE: load balancer VIP */
	bool has_addr;
	struct sipdns_host *front_ends;
	size_t n_front_ends;
	struct sipdns_host web_farm;  /* fqdn NULL: none */
	struct sipdns_host web_conferencing; /* host of the internal Web
				       * Conferencing URL (R2-I5); NULL: none */
	bool auto_sign_in;
	struct sipdns_loc sign_in_loc;
	bool self_registered;         /* the server registers its own A */
	struct sipdns_cert_decl cert; /* its default certificate */
	/* load_balancing: dns (Lync Server 2010 on, L10-03): the pool FQDN
	 * holds one A per Front End; HTTP goes to web_farm (the internal web
	 * services FQDN) at its hardware load balancer VIP */
	bool dns_lb;
	struct sipdns_loc lb_loc;
	/* external_web (Lync Server 2013 on, L13-05): the pool's external
	 * web services FQDN, published by the reverse proxy; NULL: none */
	const char *external_web;
	struct sipdns_loc external_web_loc;
	/* product (a migration, parse_coexist.c): the pool's own product,
	 * one its topology's product may coexist with; NULL: the
	 * topology's */
	const struct sipdns_profile *product;
	struct sipdns_loc product_loc;
};

/* Internal roles that need one A record per server (R2-I8, R2-I10). */
struct sipdns_server {
	const char *role;             /* one of its profile's server_roles */
	struct sipdns_loc role_loc;
	struct sipdns_host host;      /* self_reg DEFAULT: no */
};

struct sipdns_cwa {
	bool present;
	struct sipdns_loc loc;
	const char *url_host;
	struct sipdns_loc url_host_loc;
	struct sipdns_addr vip;
	bool has_vip;
	struct sipdns_host *servers;
	size_t n_servers;
	struct sipdns_cert_decl cert; /* the CWA virtual server's */
};

struct sipdns_edge_service {
	const char *fqdn;             /* NULL: not defined */
	struct sipdns_loc loc;
	struct sipdns_addr addr;
	bool nat;
	struct sipdns_loc nat_loc;
	struct sipdns_cert_decl cert; /* its external certificate */
};

struct sipdns_edge {
	bool present;
	struct sipdns_loc loc;
	struct sipdns_host internal;  /* internal FQDN (array: internal VIP) */
	struct sipdns_host *servers;  /* members of a load-balanced array */
	size_t n_servers;
	struct sipdns_edge_service access, web_conferencing, av;
	const char *next_hop;
	struct sipdns_loc next_hop_loc;
	struct sipdns_cert_decl internal_cert; /* internal interface's */
	/* load_balancing: dns (Lync Server 2010 on, L10-03, F03): each
	 * service FQDN holds one A per member, at its per-role address
	 * (roles[i] for servers[i]); hardware: at the service's VIP */
	bool dns_lb;
	struct sipdns_loc lb_loc;
	struct sipdns_edge_roles *roles;  /* n_servers of them; NULL: none */
	/* sip_record: cname (Skype for Business Server, F01, E14): external
	 * sip.<sip> a CNAME to the Access Edge FQDN, the SRVs at that FQDN */
	bool sip_cname;
	struct sipdns_loc sip_record_loc;
};

/* An Edge pool member's external addresses, one per role (F03: N Edges
 * need 3N addresses); v4 NULL: none given for that role. */
struct sipdns_edge_roles {
	struct sipdns_addr access, web_conferencing, av;
};

struct sipdns_reverse_proxy {
	bool present;
	struct sipdns_loc loc;
	struct sipdns_addr addr;
	const char *web_farm_fqdn, *cwa_fqdn;
	struct sipdns_loc web_farm_loc, cwa_loc;
	struct sipdns_cert_decl cert;
};

struct sipdns_options {
	bool tcp_allowed, remote_access, federation, strict_dns_naming;
	bool fallback_names, sipexternal;
	uint32_t ttl_default, ttl_srv;
	uint16_t srv_priority, srv_weight;
};

/* Where a SIP domain's internal sign-in records live (its internal:
 * key): a zone of the internal view, pin-point zones sipdns adds, or
 * nowhere (clients configured by registry or Group Policy). */
enum sipdns_sip_internal {
	SIPDNS_SIP_INTERNAL_ZONE = 0,
	SIPDNS_SIP_INTERNAL_PINPOINT,
	SIPDNS_SIP_INTERNAL_MANUAL
};

/* A SIP domain's place in a move to Microsoft 365 (its m365: key; m365.c,
 * README "Microsoft 365: hybrid and TeamsOnly"). */
enum sipdns_m365_mode {
	SIPDNS_M365_ON_PREMISES = 0,  /* today's records (the default) */
	SIPDNS_M365_HYBRID,           /* shared SIP address space (F04) */
	SIPDNS_M365_TEAMS_ONLY        /* the Microsoft 365 values (F05) */
};

struct sipdns_sip_domain {
	const char *name;
	struct sipdns_loc loc;
	enum sipdns_sip_internal internal;
	struct sipdns_loc internal_loc;
	enum sipdns_m365_mode m365;
	struct sipdns_loc m365_loc;
};

struct sipdns_zone_index;

struct sipdns_topology {
	struct sipdns_arena *arena;
	/* each view's zone index (zones.h), built once when the parse ends
	 * and shared by all that look zones up; sipdns_topology_zones */
	struct sipdns_zone_index *zindex[SIPDNS_VIEW_COUNT];
	/* each view's owned_elsewhere, hashed when the parse ends: the names,
	 * and the X of each *.X (sipdns_topology_owned) */
	struct sipdns_strset owned_names[SIPDNS_VIEW_COUNT];
	struct sipdns_strset owned_under[SIPDNS_VIEW_COUNT];
	bool owned_built[SIPDNS_VIEW_COUNT];
	const char *file;
	unsigned version;
	const struct sipdns_profile *product; /* from the registry (profile.h);
					       * never NULL once parsed */
	struct sipdns_loc product_loc;
	const char *ad_domain;
	struct sipdns_loc ad_domain_loc;
	struct sipdns_sip_domain *sip_domains;
	size_t n_sip_domains;
	bool m365_preflight;          /* every SIP domain read as teams_only
				       * (verify --teams-only-preflight) */
	struct sipdns_loc sip_domains_loc;
	struct sipdns_view views[SIPDNS_VIEW_COUNT];
	struct sipdns_pool *pools;
	size_t n_pools;
	struct sipdns_loc pools_loc;
	struct sipdns_server *servers;
	size_t n_servers;
	struct sipdns_cwa cwa;
	struct sipdns_edge edge;
	struct sipdns_reverse_proxy reverse_proxy;
	struct sipdns_options options;
	const char *device_update;    /* pool FQDN serving ucupdates-r2.<sip> */
	struct sipdns_loc device_update_loc;
	/* device_update: {domains: [...]}: the DNS domains whose
	 * ucupdates-r2 name is written; NULL: the profile's default */
	struct sipdns_sip_domain *device_update_domains;
	size_t n_device_update_domains;
	/* users' primary e-mail domains that are not SIP domains, where
	 * Communicator Phone Edition also looks for its pool (R2-I11) */
	struct sipdns_sip_domain *smtp_domains;
	size_t n_smtp_domains;
	/* Lync only (parse_lync.c): simple_urls and mobility */
	struct sipdns_simple_urls *simple_urls; /* NULL: none */
	struct sipdns_mobility *mobility;       /* NULL: none */
	/* Lync Server 2013 on (parse_lync.c): the XMPP proxy (L13-04; address
	 * absent: the Access Edge's) and the Office Web Apps farm (L13-05) */
	struct sipdns_host *xmpp;               /* NULL: no XMPP federation */
	struct sipdns_host *office_web_apps;    /* NULL: none */
	/* Skype for Business Server (parse_sfb.c): legacy_clients (clients
	 * older than Lync 2013 and desk phones, F01; unset: the profile's
	 * default) and the desk phones' time server (_ntp._udp, F01) */
	bool legacy_clients, legacy_clients_set;
	struct sipdns_loc legacy_clients_loc;
	struct sipdns_host *ntp_server;         /* NULL: none */
};

/* Lync simple URLs (L10-07): the host names of the meet, dial-in and
 * admin URLs (a shared base such as join.<sip> is the same name under
 * several keys), served by a pool's internal web services. */
struct sipdns_simple_urls {
	bool present;
	struct sipdns_loc loc;
	const char *pool;             /* NULL: the automatic sign-in pool */
	struct sipdns_loc pool_loc;
	struct sipdns_sip_domain *meet, *dialin, *admin;
	size_t n_meet, n_dialin, n_admin;
};

/* Lync mobility (T04): lyncdiscoverinternal.<sip> at a pool's internal
 * web services, lyncdiscover.<sip> at the reverse proxy. */
struct sipdns_mobility {
	bool present;
	struct sipdns_loc loc;
	const char *pool;             /* NULL: the automatic sign-in pool */
	struct sipdns_loc pool_loc;
};

/* The product's name ("product:" value) of profile p; "unknown" for NULL.
 * Defined in profile.c. */
const char *sipdns_product_name(const struct sipdns_profile *p);

/* Free a topology and its arena; accepts NULL. */
void sipdns_topology_destroy(struct sipdns_topology *t);

/* The pool with this FQDN, or NULL. */
const struct sipdns_pool *sipdns_topology_pool(const struct sipdns_topology *t,
					       const char *fqdn);
/* The one pool designated for automatic sign-in (first one if several). */
const struct sipdns_pool *sipdns_topology_sign_in(const struct sipdns_topology *t);
/* The address a pool's SIP traffic goes to (VIP, SE server, or its one FE). */
const struct sipdns_addr *sipdns_pool_address(const struct sipdns_pool *p);

#endif
