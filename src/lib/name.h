/* name.h -- DNS names as sipdns keeps them: lower-case, no trailing dot
 *
 * Host-name and address checks, domain membership, DNS canonical order.
 * Needs no DNS library.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_NAME_H
#define SIPDNS_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* DNS limits in presentation form (no escapes): a label holds at most 63
 * octets, a name at most 253 characters without its trailing dot, which
 * is 255 octets in wire form (RFC 1035 section 2.3.4). */
#define SIPDNS_NAME_MAX_LABEL 63
#define SIPDNS_NAME_MAX_TEXT 253

/* Is name the domain or a name below it? */
bool sipdns_name_in_domain(const char *name, const char *domain);
/* Check a DNS host name (letters, digits and hyphens, no hyphen at a
 * label's start or end; one trailing dot allowed; not the root alone); on
 * error write a reason and its fix to why (static text). */
bool sipdns_valid_hostname(const char *s, size_t len, const char **why);
/* The same for an owner such as _sip._tls.contoso.com: leading labels that
 * start with '_' may also hold '_', the rest is a host name. */
bool sipdns_valid_service_name(const char *s, size_t len, const char **why);
/* A zone name is a domain name: the service-name rule, so that a
 * pin-point zone such as _sipinternaltls._tcp.contoso.com is one. */
bool sipdns_valid_zone_name(const char *s, size_t len, const char **why);
/* Parse a strict dotted-quad IPv4 address. */
bool sipdns_parse_ipv4(const char *s, uint32_t *out);
/* Classify an IPv4 address that must not be in a public view; NULL if public. */
const char *sipdns_ipv4_nonpublic(uint32_t a);
/* The canonical key of name (len bytes) into key, which holds len bytes:
 * labels right to left, a NUL between: "sip.contoso.com" gives
 * "com\0contoso\0sip"; memcmp of two keys gives DNS canonical order. */
void sipdns_name_key(const char *name, size_t len, char *key);
/* DNS canonical order of two names (RFC 4034 section 6.1). */
int sipdns_name_cmp(const char *a, const char *b);

#endif
