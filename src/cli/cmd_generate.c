/* cmd_generate.c -- sipdns generate: zone files and change scripts
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress.h"
#include "sipdns.h"

const char cmd_generate_usage[] =
"Usage: sipdns generate [OPTIONS] TOPOLOGY\n"
"\n"
"Write the records each DNS view needs, per view and zone, each with the\n"
"reason it exists. Without -o everything goes to stdout.\n"
"\n"
"Options:\n"
"  -f, --format FORMAT  zone (default): complete RFC 1035 zone file;\n"
"                       fragment: records only, for $INCLUDE;\n"
"                       nsupdate: RFC 2136 script for BIND's nsupdate;\n"
"                       dnscmd: dnscmd /RecordDelete and /RecordAdd lines\n"
"                       (Windows 2008), safe to run twice;\n"
"                       powershell: DnsServer cmdlets that look before\n"
"                       they change (Windows Server 2012 and later);\n"
"                       json: records with reasons (schema_version 1);\n"
"                       hosts: for an Edge without a perimeter DNS server,\n"
"                       the lines each Edge server's HOSTS file needs (its\n"
"                       internal next hop and its own internal names, from\n"
"                       the perimeter view, else the internal view), one\n"
"                       block per Edge server, to stdout only (no -o)\n"
"  -o, --output DIR     write DIR/VIEW/ZONE.EXT (.zone .frag .nsupdate .cmd\n"
"                       .ps1 .json); all files or none are replaced;\n"
"                       one run at a time per DIR (DIR/.sipdns.lock): a\n"
"                       second run fails at once, or waits with --wait;\n"
"                       leftovers of a killed run are removed; a zone\n"
"                       file that is a symbolic link, a FIFO or a device\n"
"                       is refused, not replaced\n"
"      --wait SECONDS   another run is writing DIR: wait up to SECONDS\n"
"                       for it (default 0: fail at once)\n"
"      --view VIEW      internal, external or perimeter only\n"
"      --serial N       SOA serial (default: YYYYMMDDnn, above the serial\n"
"                       of an existing file; unchanged files are kept)\n"
"      --server NAME    DNS server in scripts: dnscmd/PowerShell target\n"
"                       (default: local), nsupdate 'server' (default: the\n"
"                       zone's first name server address)\n"
"      --port N         nsupdate server port\n"
"      --include-self-registered  dnscmd/PowerShell add the records that\n"
"                       servers register themselves (default: skipped)\n"
"      --strict         treat warnings as errors\n"
"  -q, --quiet          do not list the files written\n"
"  -h, --help           show this help\n"
"\n"
"An invalid topology never produces output. SOURCE_DATE_EPOCH, when set,\n"
"is the date used for serials.\n"
"\n"
"Example (the walkthrough topology of the README):\n"
"  $ sipdns generate -o out zones/walkthrough.yaml\n"
"  wrote out/internal/contoso.com.zone (14 records, serial 2026112400)\n"
"  wrote out/external/contoso.com.zone (10 records, serial 2026112400)\n"
"  $ sipdns generate -f fragment --view external zones/walkthrough.yaml\n"
"  ...\n"
"  ; remote user sign-in for SIP domain contoso.com [R2-E2, topology line 10]\n"
"  _sip._tls.contoso.com.  3600  IN  SRV  0 0 443 sip.contoso.com.\n"
"  ; A/V Edge external interface [R2-E5, topology line 62]\n"
"  av.contoso.com.  3600  IN  A  131.107.155.30\n"
"\n"
"Exit status: 0 written, 2 invalid topology or usage, 3 runtime failure\n"
"(nothing was changed), another run writing DIR included.\n";

/* One option into o; -1 to go on, else the exit status. */
static int
generate_opt(struct sipdns_output_opts *o, int c, const char *arg,
	     bool *strict, bool *quiet)
{
	unsigned long n;
	const char *why;
	uint32_t a;
	switch (c) {
	case 'f':
		if (!sipdns_format_parse(arg, &o->format))
			return opt_misuse("generate", "unknown format '%s'; use zone, fragment, nsupdate, dnscmd, powershell, json or hosts", arg);
		return -1;
	case 'o': o->outdir = arg; return -1;
	case 'V':
		if ((o->view = opt_choice(arg, opt_view_names)) < 0)
			return opt_misuse("generate", "unknown view '%s'; use internal, external or perimeter", arg);
		return -1;
	case 's':
		if (!opt_uint(arg, 4294967295ul, true, &n))
			return opt_misuse("generate", "--serial '%s' is not a number from 0 to 4294967295", arg);
		o->serial = (uint32_t)n;
		o->serial_set = true;
		return -1;
	case 'H':
		if (!sipdns_parse_ipv4(arg, &a) &&
		    !sipdns_valid_hostname(arg, strlen(arg), &why))
			return opt_misuse("generate", "--server '%s' is neither an IPv4 address nor a host name", arg);
		o->server = arg;
		return -1;
	case 'p':
		if (!opt_uint(arg, 65535, false, &n))
			return opt_misuse("generate", "--port '%s' is not a port number from 1 to 65535", arg);
		o->server_port = arg;
		return -1;
	case 'W':
		if (!opt_uint(arg, 86400, true, &n))
			return opt_misuse("generate", "--wait '%s' is not a number of seconds from 0 to 86400", arg);
		o->wait_seconds = (unsigned)n;
		return -1;
	case 'S': *strict = true; return -1;
	case 'I': o->include_self_registered = true; return -1;
	case 'q': *quiet = true; return -1;
	case 'h': fputs(cmd_generate_usage, stdout); return EXIT_GOOD;
	}
	return opt_misuse("generate", "%s", "invalid option");
}

/* SOURCE_DATE_EPOCH, when set, is the date of the serials. */
static int
generate_date(struct sipdns_output_opts *o)
{
	o->now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde == NULL || *sde == '\0')
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(sde, &end, 10);
	if (*end || errno || v < 0)
		return opt_misuse("generate", "SOURCE_DATE_EPOCH '%s' is not a number of seconds", sde);
	o->now = (time_t)v;
	return -1;
}

static int
generate_run(struct sipdns_job *j, const struct sipdns_output_opts *o,
	     const char *path, bool strict, bool quiet)
{
	struct sipdns_diag *d = sipdns_job_diag(j);
	if (strict)
		sipdns_diag_promote_warnings(d);
	if (d->errors) {
		sipdns_diag_print(d, stderr, true);
		fprintf(stderr, "sipdns: nothing was written: fix the errors above ('sipdns check %s' lists them)\n",
			path);
		return EXIT_INVALID;
	}
	if (d->n > 0 && !quiet)
		sipdns_diag_print(d, stderr, false);
	size_t before = d->n;
	enum sipdns_status st = sipdns_job_write(j, o, stdout);
	if (st == SIPDNS_OK) {
		/* what the output step said: leftovers it removed */
		sipdns_diag_print_from(d, before, stderr);
		return EXIT_GOOD;
	}
	/* print only what the output step added */
	if (d->n == before && st == SIPDNS_EIO)
		fprintf(stderr, "sipdns: cannot write the output\n");
	else
		cli_failed(j, before, st);
	return st == SIPDNS_EINPUT ? EXIT_INVALID : EXIT_RUNTIME;
}

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_generate_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "view", required_argument, NULL, 'V' },
	{ "serial", required_argument, NULL, 's' },
	{ "server", required_argument, NULL, 'H' },
	{ "port", required_argument, NULL, 'p' },
	{ "wait", required_argument, NULL, 'W' },
	{ "strict", no_argument, NULL, 'S' },
	{ "include-self-registered", no_argument, NULL, 'I' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};
const char cmd_generate_shortopts[] = "f:o:qh";
const struct cli_optarg cmd_generate_optargs[] = {
	{ "format", CLI_ARG_FORMATS, NULL },
	{ "output", CLI_ARG_DIR, NULL },
	{ "view", CLI_ARG_WORDS, opt_view_names },
	{ NULL, CLI_ARG_NONE, NULL },
};

/* The progress line, on a terminal only (progress.c); wiped once all is
 * rendered, before the files are renamed into place or the text goes out. */
static void
on_progress(void *arg, size_t done, size_t total)
{
	struct cli_progress *p = arg;
	if (done == total)
		cli_progress_end(p);
	else
		cli_progress_show(p, "generate: %zu of %zu zones rendered", done, total);
}

int
cmd_generate(int argc, char **argv)
{
	struct sipdns_output_opts o = { .format = SIPDNS_FMT_ZONE, .view = -1,
					.cancel = &cli_cancel };
	bool strict = false, quiet = false;
	int c, rc;
	while ((c = getopt_long(argc, argv, cmd_generate_shortopts, cmd_generate_options, NULL)) != -1)
		if ((rc = generate_opt(&o, c, optarg, &strict, &quiet)) >= 0)
			return rc;
	if (optind + 1 != argc)
		return opt_misuse("generate", "%s", "generate takes exactly one TOPOLOGY file");
	if (o.format == SIPDNS_FMT_HOSTS && o.outdir != NULL)
		return opt_misuse("generate", "%s", "-f hosts writes one document to standard output (a block per Edge server); leave out -o and redirect it");
	const char *path = argv[optind];
	if ((rc = generate_date(&o)) >= 0)
		return rc;
	const char *base = strrchr(path, '/');
	o.source = base ? base + 1 : path;
	o.log = quiet ? NULL : stderr;
	struct cli_progress progress;
	cli_progress_init(&progress, !quiet);
	if (progress.on) {
		o.progress = on_progress;
		o.progress_arg = &progress;
	}
	struct sipdns_job *j;
	if ((rc = cli_load(path, &j)) >= 0)
		return rc;
	rc = generate_run(j, &o, path, strict, quiet);
	cli_progress_end(&progress);
	cli_leave_job(j);
	return rc;
}
