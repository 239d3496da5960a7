/* main.c -- sipdns command line: argv -> subcommand -> library -> exit code
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "diag.h"
#include "model.h"
#include "output.h"
#include "parse.h"
#include "records.h"
#include "status.h"

/* exit status, the same for every subcommand (sipdns(1) EXIT STATUS) */
enum {
	EXIT_GOOD = 0,      /* all good */
	EXIT_FINDINGS = 1,  /* problems found */
	EXIT_INVALID = 2,   /* usage error or invalid input */
	EXIT_RUNTIME = 3,   /* runtime failure */
};

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

static int cmd_check(int argc, char **argv);
static int cmd_generate(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const char check_usage[] =
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

static const char generate_usage[] =
"Usage: sipdns generate [OPTIONS] TOPOLOGY\n"
"\n"
"Write the records each DNS view needs, per view and zone, each with the\n"
"reason it exists. Without -o everything goes to stdout.\n"
"\n"
"Options:\n"
"  -f, --format FORMAT  zone (default): complete RFC 1035 zone file;\n"
"                       fragment: records only, for $INCLUDE;\n"
"                       nsupdate: RFC 2136 script for BIND's nsupdate;\n"
"                       dnscmd: dnscmd /RecordAdd lines (Windows 2008);\n"
"                       powershell: Add-DnsServerResourceRecord lines\n"
"                       (Windows Server 2012 and later);\n"
"                       json: records with reasons (schema_version 1)\n"
"  -o, --output DIR     write DIR/VIEW/ZONE.EXT (.zone .frag .nsupdate .cmd\n"
"                       .ps1 .json); all files or none are replaced\n"
"      --view VIEW      internal or external only\n"
"      --serial N       SOA serial (default: YYYYMMDDnn, above the serial\n"
"                       of an existing file; unchanged files are kept)\n"
"      --server NAME    DNS server in scripts: dnscmd/PowerShell target\n"
"                       (default: local), nsupdate 'server' (default: the\n"
"                       zone's first name server address)\n"
"      --port N         nsupdate server port\n"
"      --strict         treat warnings as errors\n"
"  -q, --quiet          do not list the files written\n"
"  -h, --help           show this help\n"
"\n"
"An invalid topology never produces output. SOURCE_DATE_EPOCH, when set,\n"
"is the date used for serials.\n"
"Exit status: 0 written, 2 invalid topology or usage, 3 runtime failure\n"
"(nothing was changed).\n";

static const struct subcommand commands[] = {
	{ "check", cmd_check, "validate a topology (no DNS needed)", check_usage },
	{ "generate", cmd_generate, "write zone files and change scripts", generate_usage },
	{ "help", cmd_help, "show help for a subcommand", NULL },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *fp)
{
	fputs("Usage: sipdns [--help] [--version] SUBCOMMAND [OPTIONS] TOPOLOGY\n"
	      "\n"
	      "DNS records for Microsoft Office Communications Server 2007 R2: check a\n"
	      "topology, generate the records of each DNS view, verify live DNS.\n"
	      "\n"
	      "Subcommands:\n", fp);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'sipdns help SUBCOMMAND' or 'sipdns SUBCOMMAND --help' for details.\n"
	      "Exit status: 0 all good, 1 problems found, 2 usage error or invalid\n"
	      "input, 3 runtime failure.\n", fp);
}

static const struct subcommand *
find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int
cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return EXIT_GOOD;
	}
	const struct subcommand *c = find_command(argv[1]);
	if (c == NULL || c->usage == NULL) {
		fprintf(stderr, "sipdns: no help for '%s'; subcommands: check, generate\n",
			argv[1]);
		return EXIT_INVALID;
	}
	fputs(c->usage, stdout);
	return EXIT_GOOD;
}

static int
misuse(const char *cmd, const char *fmt, const char *arg)
{
	fputs("sipdns: ", stderr);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'sipdns %s --help'.\n", cmd);
	return EXIT_INVALID;
}

/* A parsed topology, its generated records, and the diagnostics. */
struct job {
	struct sipdns_topology *t;
	struct sipdns_recset set;
	struct sipdns_diag diag;
	char *src;
	size_t srclen;
	bool set_ready;
};

static void
job_fini(struct job *j)
{
	sipdns_diag_fini(&j->diag);
	if (j->set_ready)
		sipdns_recset_fini(&j->set);
	sipdns_topology_destroy(j->t);
	free(j->src);
}

/* Parse, generate and check; returns an exit status for failures, or -1
 * when the job is ready (diagnostics may hold warnings or rule errors). */
static int
job_load(struct job *j, const char *path)
{
	memset(j, 0, sizeof(*j));
	sipdns_diag_init(&j->diag);
	enum sipdns_status st = sipdns_parse_file(path, &j->t, &j->diag,
						  &j->src, &j->srclen);
	j->diag.src = j->src;
	j->diag.srclen = j->srclen;
	j->diag.srcfile = path;
	if (st != SIPDNS_OK) {
		sipdns_diag_print(&j->diag, stderr, true);
		if (st == SIPDNS_ENOMEM)
			fprintf(stderr, "sipdns: %s\n", sipdns_strerror(st));
		return st == SIPDNS_ENOMEM || st == SIPDNS_EIO ? EXIT_RUNTIME
							       : EXIT_INVALID;
	}
	if (sipdns_recset_init(&j->set) != SIPDNS_OK) {
		fprintf(stderr, "sipdns: out of memory\n");
		return EXIT_RUNTIME;
	}
	j->set_ready = true;
	st = sipdns_generate(j->t, &j->set, &j->diag);
	if (st == SIPDNS_OK)
		st = sipdns_check(j->t, &j->set, &j->diag);
	if (st == SIPDNS_ENOMEM) {
		fprintf(stderr, "sipdns: out of memory\n");
		return EXIT_RUNTIME;
	}
	return -1;
}

static int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "strict", no_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool strict = false, quiet = false;
	int c;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'S': strict = true; break;
		case 'q': quiet = true; break;
		case 'h': fputs(check_usage, stdout); return EXIT_GOOD;
		default: return misuse("check", "%s", "invalid option");
		}
	}
	if (optind + 1 != argc)
		return misuse("check", "%s", "check takes exactly one TOPOLOGY file");
	const char *path = argv[optind];
	struct job j;
	int rc = job_load(&j, path);
	if (rc >= 0) {
		job_fini(&j);
		return rc;
	}
	if (strict)
		sipdns_diag_promote_warnings(&j.diag);
	if (j.diag.n > 0)
		sipdns_diag_print(&j.diag, stderr, true);
	rc = j.diag.errors ? EXIT_FINDINGS : EXIT_GOOD;
	if (!quiet && rc == EXIT_GOOD) {
		size_t zones = j.t->views[0].n_zones + j.t->views[1].n_zones;
		printf("%s: ok: %s, %zu SIP domain%s, %zu zone%s, %zu record%s%s\n",
		       path, sipdns_product_name(j.t->product),
		       j.t->n_sip_domains, j.t->n_sip_domains == 1 ? "" : "s",
		       zones, zones == 1 ? "" : "s", j.set.n,
		       j.set.n == 1 ? "" : "s",
		       j.diag.warnings ? " (see the warnings above)" : "");
	}
	job_fini(&j);
	return rc;
}

static int
cmd_generate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "view", required_argument, NULL, 'V' },
		{ "serial", required_argument, NULL, 's' },
		{ "server", required_argument, NULL, 'H' },
		{ "port", required_argument, NULL, 'p' },
		{ "strict", no_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sipdns_output_opts o = { .format = SIPDNS_FMT_ZONE, .view = -1 };
	bool strict = false, quiet = false;
	int c;
	while ((c = getopt_long(argc, argv, "f:o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!sipdns_format_parse(optarg, &o.format))
				return misuse("generate",
					      "unknown format '%s'; use zone, fragment, nsupdate, dnscmd, powershell or json",
					      optarg);
			break;
		case 'o': o.outdir = optarg; break;
		case 'V':
			if (strcmp(optarg, "internal") == 0)
				o.view = SIPDNS_VIEW_INTERNAL;
			else if (strcmp(optarg, "external") == 0)
				o.view = SIPDNS_VIEW_EXTERNAL;
			else
				return misuse("generate",
					      "unknown view '%s'; use internal or external",
					      optarg);
			break;
		case 's': {
			char *end;
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || errno ||
			    v > 4294967295ul)
				return misuse("generate",
					      "--serial '%s' is not a number from 0 to 4294967295",
					      optarg);
			o.serial = (uint32_t)v;
			o.serial_set = true;
			break;
		}
		case 'H': {
			const char *why;
			uint32_t a;
			if (!sipdns_parse_ipv4(optarg, &a) &&
			    !sipdns_valid_hostname(optarg, strlen(optarg), &why))
				return misuse("generate",
					      "--server '%s' is neither an IPv4 address nor a host name",
					      optarg);
			o.server = optarg;
			break;
		}
		case 'p': {
			char *end;
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || errno ||
			    v == 0 || v > 65535)
				return misuse("generate",
					      "--port '%s' is not a port number from 1 to 65535",
					      optarg);
			o.server_port = optarg;
			break;
		}
		case 'S': strict = true; break;
		case 'q': quiet = true; break;
		case 'h': fputs(generate_usage, stdout); return EXIT_GOOD;
		default: return misuse("generate", "%s", "invalid option");
		}
	}
	if (optind + 1 != argc)
		return misuse("generate", "%s", "generate takes exactly one TOPOLOGY file");
	const char *path = argv[optind];

	o.now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (*end || errno || v < 0)
			return misuse("generate", "SOURCE_DATE_EPOCH '%s' is not a number of seconds", sde);
		o.now = (time_t)v;
	}
	const char *base = strrchr(path, '/');
	o.source = base ? base + 1 : path;
	o.log = quiet ? NULL : stderr;

	struct job j;
	int rc = job_load(&j, path);
	if (rc >= 0) {
		job_fini(&j);
		return rc;
	}
	if (strict)
		sipdns_diag_promote_warnings(&j.diag);
	if (j.diag.errors) {
		sipdns_diag_print(&j.diag, stderr, true);
		fprintf(stderr, "sipdns: nothing was written: fix the errors above ('sipdns check %s' lists them)\n",
			path);
		job_fini(&j);
		return EXIT_INVALID;
	}
	if (j.diag.n > 0 && !quiet)
		sipdns_diag_print(&j.diag, stderr, false);
	size_t before = j.diag.n;
	enum sipdns_status st = sipdns_output_write(j.t, &j.set, &o, stdout, &j.diag);
	if (st == SIPDNS_OK && o.outdir == NULL && fflush(stdout) != 0)
		st = SIPDNS_EIO;
	if (st != SIPDNS_OK) {
		/* print only what the output step added */
		for (size_t i = before; i < j.diag.n; i++) {
			const struct sipdns_diag_entry *e = &j.diag.v[i];
			if (e->loc.file && e->loc.line)
				fprintf(stderr, "%s:%u:%u: error: %s", e->loc.file,
					e->loc.line, e->loc.col, e->message);
			else if (e->loc.file)
				fprintf(stderr, "%s: error: %s", e->loc.file, e->message);
			else
				fprintf(stderr, "error: %s", e->message);
			fprintf(stderr, e->rule ? " [%s]\n" : "%s\n", e->rule ? e->rule : "");
		}
		if (j.diag.n == before)
			fprintf(stderr, "sipdns: %s\n", st == SIPDNS_EIO
				? "cannot write the output" : sipdns_strerror(st));
		rc = st == SIPDNS_EINPUT ? EXIT_INVALID : EXIT_RUNTIME;
	} else {
		rc = EXIT_GOOD;
	}
	job_fini(&j);
	return rc;
}

static void
on_signal(int sig)
{
	(void)sig;
	sipdns_output_interrupted = 1;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_INVALID;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_GOOD;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("sipdns %s\n", PACKAGE_VERSION);
		return EXIT_GOOD;
	}
	const struct subcommand *c = find_command(argv[1]);
	if (c == NULL) {
		fprintf(stderr, "sipdns: unknown subcommand '%s'\n\n", argv[1]);
		usage(stderr);
		return EXIT_INVALID;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	int rc = c->run(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "sipdns: cannot write to standard output: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return rc;
}
