/* model.c -- topology model helpers: names, addresses, look-ups
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

const char *const sipdns_server_roles[] = {
	"mediation", "av-conferencing", "web-conferencing", "archiving",
	"monitoring", "archiving-monitoring", "group-chat",
	"group-chat-compliance", NULL,
};

const char *
sipdns_product_name(enum sipdns_product p)
{
	switch (p) {
	case SIPDNS_OCS2007R2: return "ocs2007r2";
	case SIPDNS_LYNC2010: return "lync2010";
	case SIPDNS_LYNC2013: return "lync2013";
	case SIPDNS_SFB2015: return "sfb2015";
	case SIPDNS_SFB2019: return "sfb2019";
	}
	return "unknown";
}

const char *
sipdns_view_name(enum sipdns_view_id v)
{
	return v == SIPDNS_VIEW_INTERNAL ? "internal" : "external";
}

void
sipdns_topology_destroy(struct sipdns_topology *t)
{
	if (t != NULL)
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

bool
sipdns_name_in_domain(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);
	if (n == d)
		return strcmp(name, domain) == 0;
	return n > d && name[n - d - 1] == '.' &&
	       strcmp(name + n - d, domain) == 0;
}

bool
sipdns_valid_hostname(const char *s, size_t len, const char **why)
{
	if (len > 0 && s[len - 1] == '.')
		len--;   /* an absolute name is fine */
	if (len == 0) {
		*why = "the name is empty";
		return false;
	}
	if (len > 253) {
		*why = "the name is longer than 253 characters";
		return false;
	}
	size_t label = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (label == 0) {
				*why = "the name has an empty label (two dots in a row, or a leading dot)";
				return false;
			}
			if (s[i - 1] == '-') {
				*why = "a label ends with a hyphen";
				return false;
			}
			label = 0;
			continue;
		}
		if (label == 0 && c == '-') {
			*why = "a label starts with a hyphen";
			return false;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-')) {
			if (c == ' ' || c == '\t')
				*why = "the name contains white space";
			else if (c < 0x20 || c == 0x7f)
				*why = "the name contains a control character";
			else if (c >= 0x80)
				*why = "the name contains a non-ASCII character (write IDNs in their xn-- form)";
			else if (c == '_')
				*why = "the name contains an underscore, which host names may not";
			else
				*why = "the name contains a character other than letters, digits, hyphens and dots";
			return false;
		}
		if (++label > 63) {
			*why = "a label is longer than 63 characters";
			return false;
		}
	}
	if (s[len - 1] == '-') {
		*why = "a label ends with a hyphen";
		return false;
	}
	return true;
}

bool
sipdns_parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t a = 0;
	const char *p = s;
	for (int part = 0; part < 4; part++) {
		if (part > 0) {
			if (*p != '.')
				return false;
			p++;
		}
		if (*p < '0' || *p > '9')
			return false;
		/* no leading zeros: 010 means octal to some tools */
		if (*p == '0' && p[1] >= '0' && p[1] <= '9')
			return false;
		unsigned v = 0;
		int digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*p - '0');
			p++;
			digits++;
		}
		if (v > 255 || digits > 3)
			return false;
		a = (a << 8) | v;
	}
	if (*p != '\0')
		return false;
	*out = a;
	return true;
}

const char *
sipdns_ipv4_nonpublic(uint32_t a)
{
	struct { uint32_t net, mask; const char *what; } r[] = {
		{ 0x00000000, 0xff000000, "in 0.0.0.0/8 (this network)" },
		{ 0x0a000000, 0xff000000, "private (10.0.0.0/8, RFC 1918)" },
		{ 0x64400000, 0xffc00000, "shared address space (100.64.0.0/10, carrier-grade NAT)" },
		{ 0x7f000000, 0xff000000, "loopback (127.0.0.0/8)" },
		{ 0xa9fe0000, 0xffff0000, "link-local (169.254.0.0/16)" },
		{ 0xac100000, 0xfff00000, "private (172.16.0.0/12, RFC 1918)" },
		{ 0xc0a80000, 0xffff0000, "private (192.168.0.0/16, RFC 1918)" },
		{ 0xe0000000, 0xf0000000, "multicast (224.0.0.0/4)" },
		{ 0xf0000000, 0xf0000000, "reserved (240.0.0.0/4)" },
	};
	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if ((a & r[i].mask) == r[i].net)
			return r[i].what;
	return NULL;
}
