/* opts.c -- option helpers shared by the subcommands
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipdns.h"

const char *const opt_view_names[] = { "internal", "external", NULL };
const char *const opt_answer_names[] = { "exact", "superset", NULL };
const char *const opt_ttl_names[] = { "warn", "ignore", "exact", NULL };

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
	const char *addr = eq + 1;
	char host[64];
	const char *colon = strrchr(addr, ':');
	size_t hl = colon ? (size_t)(colon - addr) : strlen(addr);
	uint32_t a4;
	unsigned long port = 53;
	if (hl >= sizeof(host) || (colon && !opt_uint(colon + 1, 65535, false, &port))) {
		snprintf(err, errlen, "--server '%s': expected an IPv4 address and an optional :PORT (1-65535)", arg);
		return false;
	}
	memcpy(host, addr, hl);
	host[hl] = '\0';
	if (!sipdns_parse_ipv4(host, &a4)) {
		snprintf(err, errlen, "--server '%s': '%s' is not an IPv4 address", arg, host);
		return false;
	}
	size_t old = csv[v] ? strlen(csv[v]) : 0;
	char *n = realloc(csv[v], old + hl + 10);
	if (n == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	snprintf(n + old, hl + 10, "%s%s:%lu", old ? "," : "", host, port);
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
