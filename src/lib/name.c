/* name.c -- DNS names as sipdns keeps them: lower-case, no trailing dot
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "name.h"

#include <string.h>

bool
sipdns_name_in_domain(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);
	if (n == d)
		return strcmp(name, domain) == 0;
	return n > d && name[n - d - 1] == '.' &&
	       strcmp(name + n - d, domain) == 0;
}

/* Why character c may not be in a label ("letters, digits, hyphens" and,
 * with underscore, '_'); NULL when it may. */
static const char *
bad_char(unsigned char c, bool underscore)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || (underscore && c == '_'))
		return NULL;
	if (c == ' ' || c == '\t')
		return "the name contains white space";
	if (c < 0x20 || c == 0x7f)
		return "the name contains a control character";
	if (c >= 0x80)
		return "the name contains a non-ASCII character (write IDNs in their xn-- form)";
	if (c == '_')
		return "the name contains an underscore, which host names may not";
	return "the name contains a character other than letters, digits, hyphens and dots";
}

/* One label s[0..len) (len >= 1): its characters, its length, and for a
 * host-name label its hyphens. NULL when it is fine. */
static const char *
bad_label(const char *s, size_t len, bool host)
{
	if (len > SIPDNS_NAME_MAX_LABEL)
		return "a label is longer than 63 characters";
	for (size_t i = 0; i < len; i++) {
		const char *why = bad_char((unsigned char)s[i], !host);
		if (why != NULL)
			return why;
	}
	if (host && s[0] == '-')
		return "a label starts with a hyphen, which host names may not; remove it";
	if (host && s[len - 1] == '-')
		return "a label ends with a hyphen, which host names may not; remove it";
	return NULL;
}

/* The shape every name shares: not empty, not the root alone, at most one
 * trailing dot, at most 253 characters (255 octets in DNS wire form).
 * *len loses the trailing dot. NULL when it is fine. */
static const char *
bad_shape(const char *s, size_t *len)
{
	size_t n = *len;
	if (n == 1 && s[0] == '.')
		return "'.' alone is the DNS root, not a host name; write a name such as 'contoso.com'";
	if (n >= 2 && s[n - 1] == '.' && s[n - 2] == '.')
		return "the name ends with two dots; write one trailing dot or none";
	if (n > 0 && s[n - 1] == '.')
		n--;   /* an absolute name is fine */
	if (n == 0)
		return "the name is empty";
	if (n > SIPDNS_NAME_MAX_TEXT)
		return "the name is longer than 253 characters (255 octets in DNS wire form, the most DNS allows)";
	*len = n;
	return NULL;
}

/* A name of labels; service: leading labels that start with '_' (_sip._tls)
 * may hold '_', the rest is a host name. */
static bool
check_name(const char *s, size_t len, bool service, const char **why)
{
	const char *w = bad_shape(s, &len);
	bool host = !service;
	for (size_t i = 0; w == NULL && i <= len; i++) {
		const char *dot = memchr(s + i, '.', len - i);
		size_t l = (dot ? (size_t)(dot - s) : len) - i;
		if (l == 0)
			w = "the name has an empty label (two dots in a row, or a leading dot); remove the extra dot";
		else if (s[i] != '_' || host)
			host = true;
		if (w == NULL)
			w = bad_label(s + i, l, host);
		i += l;
	}
	if (w != NULL)
		*why = w;
	return w == NULL;
}

bool
sipdns_valid_hostname(const char *s, size_t len, const char **why)
{
	return check_name(s, len, false, why);
}

bool
sipdns_valid_service_name(const char *s, size_t len, const char **why)
{
	return check_name(s, len, true, why);
}

bool
sipdns_valid_zone_name(const char *s, size_t len, const char **why)
{
	return check_name(s, len, true, why);
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

/* The canonical key of name (see struct sipdns_record) into key, which
 * holds strlen(name) bytes: "sip.contoso.com" gives "com\0contoso\0sip". */
void
sipdns_name_key(const char *name, size_t len, char *key)
{
	size_t end = len, k = 0;
	while (end > 0) {
		size_t start = end;
		while (start > 0 && name[start - 1] != '.')
			start--;
		memcpy(key + k, name + start, end - start);
		k += end - start;
		if (start > 0)
			key[k++] = '\0';
		end = start > 0 ? start - 1 : 0;
	}
}

/* DNS canonical order of owner names (RFC 4034 §6.1) on our lower-case
 * strings: compare labels from the right. */
int
sipdns_name_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	for (;;) {
		size_t sa = la, sb = lb;
		while (sa > 0 && a[sa - 1] != '.')
			sa--;
		while (sb > 0 && b[sb - 1] != '.')
			sb--;
		size_t na = la - sa, nb = lb - sb;
		size_t m = na < nb ? na : nb;
		int c = memcmp(a + sa, b + sb, m);
		if (c != 0)
			return c;
		if (na != nb)
			return na < nb ? -1 : 1;
		if (sa == 0 && sb == 0)
			return 0;
		if (sa == 0 || sb == 0)
			return sa == 0 ? -1 : 1;
		la = sa - 1;
		lb = sb - 1;
	}
}
