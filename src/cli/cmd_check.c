/* cmd_check.c -- sipdns check: parse a topology and apply every rule
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

#include "sipdns.h"

const char cmd_check_usage[] =
"Usage: sipdns check [OPTIONS] TOPOLOGY\n"
"\n"
"Parse a topology and apply every rule that needs no DNS: exactly one\n"
"automatic sign-in pool, strict DNS naming, pool FQDNs and load balancer\n"
"VIPs, the A/V Edge's public address, nothing private or internal in the\n"
"external view, every referenced FQDN defined, no conflicting records.\n"
"\n"
"Options:\n"
"  --strict     treat warnings as errors\n"
"  -q, --quiet  print nothing on success\n"
"  -h, --help   show this help\n"
"\n"
"Diagnostics go to stderr as FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE].\n"
"Exit status: 0 no errors (warnings allowed), 1 rule errors found,\n"
"2 the topology cannot be read or parsed, or bad usage, 3 runtime failure.\n";

static void
print_ok(const char *path, const struct sipdns_job *j, size_t warnings)
{
	struct sipdns_job_summary s;
	sipdns_job_summary(j, &s);
	printf("%s: ok: %s, %zu SIP domain%s, %zu zone%s, %zu record%s%s\n",
	       path, s.product, s.sip_domains, s.sip_domains == 1 ? "" : "s",
	       s.zones, s.zones == 1 ? "" : "s", s.records,
	       s.records == 1 ? "" : "s",
	       warnings ? " (see the warnings above)" : "");
}

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_check_options[] = {
	{ "strict", no_argument, NULL, 'S' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};
const char cmd_check_shortopts[] = "qh";
const struct cli_optarg cmd_check_optargs[] = {
	{ NULL, CLI_ARG_NONE, NULL },
};

int
cmd_check(int argc, char **argv)
{
	bool strict = false, quiet = false;
	int c;
	while ((c = getopt_long(argc, argv, cmd_check_shortopts, cmd_check_options, NULL)) != -1) {
		switch (c) {
		case 'S': strict = true; break;
		case 'q': quiet = true; break;
		case 'h': fputs(cmd_check_usage, stdout); return EXIT_GOOD;
		default: return opt_misuse("check", "%s", "invalid option");
		}
	}
	if (optind + 1 != argc)
		return opt_misuse("check", "%s", "check takes exactly one TOPOLOGY file");
	const char *path = argv[optind];
	struct sipdns_job *j;
	int rc = cli_load(path, &j);
	if (rc >= 0)
		return rc;
	struct sipdns_diag *d = sipdns_job_diag(j);
	if (strict)
		sipdns_diag_promote_warnings(d);
	if (d->n > 0)
		sipdns_diag_print(d, stderr, true);
	rc = d->errors ? EXIT_FINDINGS : EXIT_GOOD;
	if (!quiet && rc == EXIT_GOOD)
		print_ok(path, j, d->warnings);
	cli_leave_job(j);
	return rc;
}
