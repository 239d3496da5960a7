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

/* Is name the domain or a name below it? */
bool sipdns_name_in_domain(const char *name, const char *domain);
/* Check a DNS host name; on error write a reason to why (static text). */
bool sipdns_valid_hostname(const char *s, size_t len, const char **why);
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
