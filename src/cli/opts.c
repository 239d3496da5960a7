/* opts.c -- option helpers shared by the subcommands
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipdns.h"

const char *const opt_view_names[] = { "internal", "external", "perimeter", NULL };
const char *const opt_answer_names[] = { "exact", "superset", NULL };
const char *const opt_ttl_names[] = { "warn", "ignore", "exact", NULL };
const char *const opt_format_names[] = { "text", "json", NULL };

int
opt_choice(const char *arg, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	return -1;
}

int
opt_misuse(const char *cmd, const char *fmt, const char *arg)
{
	fputs("sipdns: ", stderr);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'sipdns %s --help'.\n", cmd);
	return EXIT_INVALID;
}

bool
opt_uint(const char *s, unsigned long max, bool zero_ok, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno || (v == 0 && !zero_ok) ||
	    v > max)
		return false;
	*out = v;
	return true;
}

/* Split "HOST[:PORT]", "[V6][:PORT]" or a bare IPv6 address into host
 * and port; false when malformed. */
static bool
split_server(const char *addr, char *host, size_t size, unsigned long *port)
{
	const char *end = addr + strlen(addr), *colon = strrchr(addr, ':');
	*port = 53;
	if (addr[0] == '[') {
		const char *close = strchr(addr, ']');
		if (close == NULL || (close[1] && close[1] != ':'))
			return false;
		addr++;
		end = close;
		colon = close[1] ? close + 1 : NULL;
	} else if (colon && strchr(addr, ':') != colon) {
		colon = NULL;   /* several colons: an IPv6 address, no port */
	} else if (colon) {
		end = colon;
	}
	if ((size_t)(end - addr) >= size || end == addr ||
	    (colon && !opt_uint(colon + 1, 65535, false, port)))
		return false;
	memcpy(host, addr, (size_t)(end - addr));
	host[end - addr] = '\0';
	return true;
}

/* host as the server entries of the resolver: an address literal as
 * itself, a name as "NAME (ADDRESS)" for each of its addresses (getaddrinfo,
 * once; at most four), into out; false with a message in err. */
static bool
server_entries(const char *arg, const char *host, unsigned long port,
	       char *out, size_t size, char *err, size_t errlen)
{
	unsigned char buf[16];
	if (inet_pton(AF_INET, host, buf) == 1)
		return snprintf(out, size, "%s:%lu", host, port) < (int)size;
	if (inet_pton(AF_INET6, host, buf) == 1)
		return snprintf(out, size, "[%s]:%lu", host, port) < (int)size;
	const char *why;
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *ai = NULL;
	int rc = sipdns_valid_hostname(host, strlen(host), &why)
		 ? getaddrinfo(host, NULL, &hints, &ai) : EAI_NONAME;
	if (rc != 0) {
		snprintf(err, errlen, "--server '%s': '%s' is not an IPv4 or IPv6 address and could not be resolved (%s)",
			 arg, host, gai_strerror(rc));
		return false;
	}
	size_t off = 0, n = 0;
	out[0] = '\0';
	for (struct addrinfo *a = ai; a && n < 4; a = a->ai_next) {
		char text[INET6_ADDRSTRLEN], e[128];
		const void *p = a->ai_family == AF_INET6
			? (const void *)&((struct sockaddr_in6 *)a->ai_addr)->sin6_addr
			: (const void *)&((struct sockaddr_in *)a->ai_addr)->sin_addr;
		if (inet_ntop(a->ai_family, p, text, sizeof(text)) == NULL)
			continue;
		snprintf(e, sizeof(e), a->ai_family == AF_INET6 ? "%s ([%s]:%lu)"
			 : "%s (%s:%lu)", host, text, port);
		if (strstr(out, e) != NULL || off + strlen(e) + 2 >= size)
			continue;
		off += (size_t)snprintf(out + off, size - off, "%s%s", n ? "," : "", e);
		n++;
	}
	freeaddrinfo(ai);
	return n > 0;
}

bool
opt_add_server(char **csv, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	int v = -1;
	if (eq) {
		char view[16];
		snprintf(view, sizeof(view), "%.*s", (int)(eq - arg), arg);
		v = (size_t)(eq - arg) < sizeof(view) ? opt_choice(view, opt_view_names) : -1;
	}
	if (v < 0) {
		snprintf(err, errlen, "--server '%s' must be internal=ADDR[:PORT] or external=ADDR[:PORT]", arg);
		return false;
	}
	char host[256], entries[800];
	unsigned long port;
	if (!split_server(eq + 1, host, sizeof(host), &port)) {
		snprintf(err, errlen, "--server '%s': expected an IPv4 address, [IPv6] or host name and an optional :PORT (1-65535)", arg);
		return false;
	}
	if (!server_entries(arg, host, port, entries, sizeof(entries), err, errlen))
		return false;
	size_t old = csv[v] ? strlen(csv[v]) : 0, add = strlen(entries) + 2;
	char *n = realloc(csv[v], old + add);
	if (n == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	snprintf(n + old, add, "%s%s", old ? "," : "", entries);
	csv[v] = n;
	return true;
}

int
opt_view_of_path(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	const char *d = "";
	if (slash) {
		*slash = '\0';
		d = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
	}
	return opt_choice(d, opt_view_names);
}
