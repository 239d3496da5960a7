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
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "model.h"
#include "parse.h"
#include "records.h"
#include "render.h"
#include "status.h"
#include "verify.h"
#include "write.h"

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
static int cmd_verify(int argc, char **argv);
static int cmd_diff(int argc, char **argv);
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
"(nothing was changed).\n";

static const char verify_usage[] =
"Usage: sipdns verify [OPTIONS] TOPOLOGY\n"
"\n"
"Ask each view's DNS servers for every name the topology manages and\n"
"compare with the records it needs: missing, unexpected, changed, TTL,\n"
"SRV targets that are aliases or IPv6-only. A question that fails\n"
"(timeout, SERVFAIL, REFUSED, not authoritative) is reported as such,\n"
"never as a missing record and never as in sync.\n"
"\n"
"Options:\n"
"  -s, --server VIEW=ADDR[:PORT]  a server of a view (internal or external);\n"
"                       repeat for several. A view without servers uses\n"
"                       the system resolver, and the report says so\n"
"      --view VIEW      verify one view only\n"
"      --no-recurse     RD=0 and answers must be authoritative: ask the\n"
"                       authoritative servers, so that no cache hides drift\n"
"      --answers POLICY exact (default): extra records at a managed name\n"
"                       and type are drift; superset: they are not\n"
"      --ttl POLICY     warn (default), ignore or exact (an error)\n"
"      --timeout MS     first try's timeout, doubled on each retry (1000)\n"
"      --tries N        tries per query (3)\n"
"      --max-in-flight N     queries in flight per view (64)\n"
"      --max-per-server N    queries in flight per server (64)\n"
"      --print-questions  print the questions (NAME TYPE, dnsperf's input\n"
"                       format) instead of asking them\n"
"      --state FILE     remember findings: report which are new, which\n"
"                       persist (since when) and which were fixed\n"
"  -f, --format FORMAT  text (default), json (schema_version 1), nagios\n"
"  -q, --quiet          text: print nothing when in sync (for cron)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 in sync, 1 drift found, 2 usage error or invalid topology,\n"
"3 could not verify (a query failed; any drift found is still listed).\n"
"With --format nagios: 0 OK, 1 WARNING (TTL only), 2 CRITICAL (drift, or a\n"
"server did not answer), 3 UNKNOWN (usage, invalid topology).\n"
"NO_COLOR turns colours off; they are used only on a terminal.\n";

static const char diff_usage[] =
"Usage: sipdns diff [OPTIONS] TOPOLOGY ZONEFILE...\n"
"\n"
"Compare zone files (an export of the live zone, or yesterday's output)\n"
"with the records the topology needs, with the same findings as verify:\n"
"missing, unexpected, changed, ttl, target-alias, aaaa-only. Only names\n"
"of the zones given are compared. Each file is read with ldns; its zone\n"
"is its SOA owner, else its file name without .zone or .frag.\n"
"\n"
"Options:\n"
"      --view VIEW      the view the files belong to; by default the name\n"
"                       of their directory (out/internal/contoso.com.zone)\n"
"      --answers POLICY exact (default) or superset\n"
"      --ttl POLICY     warn (default), ignore or exact\n"
"  -f, --format FORMAT  text (default) or json\n"
"  -q, --quiet          print nothing when there is no difference\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 no difference, 1 differences, 2 usage error, invalid\n"
"topology or unreadable zone file (FILE:LINE: what is wrong), 3 runtime\n"
"failure.\n";

static const struct subcommand commands[] = {
	{ "check", cmd_check, "validate a topology (no DNS needed)", check_usage },
	{ "generate", cmd_generate, "write zone files and change scripts", generate_usage },
	{ "verify", cmd_verify, "compare live DNS with the records the topology needs", verify_usage },
	{ "diff", cmd_diff, "compare zone files with the records the topology needs", diff_usage },
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
		fprintf(stderr, "sipdns: no help for '%s'; subcommands: check, generate, verify, diff\n",
			argv[1]);
		return EXIT_INVALID;
	}
	fputs(c->usage, stdout);
	return EXIT_GOOD;
}

/* the words of enumerated options, in enum order */
static const char *const view_names[] = { "internal", "external", NULL };
static const char *const answer_names[] = { "exact", "superset", NULL };
static const char *const ttl_names[] = { "warn", "ignore", "exact", NULL };

/* Index of arg among names (NULL-terminated), or -1. */
static int
choice(const char *arg, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	return -1;
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
			if ((o.view = choice(optarg, view_names)) < 0)
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
	enum sipdns_status st = sipdns_write(j.t, &j.set, &o, stdout, &j.diag);
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

/* ---- verify ----------------------------------------------------------------- */

struct colors {
	const char *red, *yellow, *green, *bold, *off;
};

/* Colours on a terminal, unless NO_COLOR is set (no-color.org). */
static struct colors
term_colors(void)
{
	if (isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL)
		return (struct colors){ "\033[31m", "\033[33m", "\033[32m",
					"\033[1m", "\033[0m" };
	return (struct colors){ "", "", "", "", "" };
}

static void
print_records(FILE *fp, const char *lead, const char *list, const char *on,
	      const char *off)
{
	if (list == NULL)
		return;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		fprintf(fp, "%s%s%.*s%s\n", lead, on, (int)n, p, off);
		p += n + (e != NULL);
	}
}

static void
type_name(ldns_rr_type t, char *buf, size_t size)
{
	char *s = ldns_rr_type2str(t);
	snprintf(buf, size, "%s", s ? s : "?");
	free(s);
}

static void
report_text(FILE *fp, const struct sipdns_verify_result *r,
	    const struct sipdns_verify_opts *o, bool state, struct colors c)
{
	int last_view = -1;
	const char *last_zone = NULL;
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		if ((int)f->view != last_view) {
			fprintf(fp, "%s%s view%s (%s)\n", c.bold,
				sipdns_view_name(f->view), c.off,
				r->system_resolver[f->view] ? "system resolver"
				: o->servers[f->view]);
			last_view = (int)f->view;
			last_zone = NULL;
		}
		const char *zone = f->zone ? f->zone : "(no zone)";
		if (last_zone == NULL || strcmp(zone, last_zone) != 0) {
			fprintf(fp, "  zone %s\n", zone);
			last_zone = zone;
		}
		char tn[16];
		type_name(f->type, tn, sizeof(tn));
		const char *col = f->severity == SIPDNS_ERROR ? c.red : c.yellow;
		fprintf(fp, "    %s%-12s%s %s %s", col, sipdns_finding_name(f->kind),
			c.off, f->name, tn);
		if (state && f->since) {
			char when[32];
			time_t since = (time_t)f->since;
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC",
				 gmtime(&since));
			fprintf(fp, " (since %s)", when);
		} else if (state) {
			fputs(" (new)", fp);
		}
		fputc('\n', fp);
		if (f->reason)
			fprintf(fp, "        why: %s [%s]\n", f->reason, f->fact);
		if (f->detail)
			fprintf(fp, "        %s\n", f->detail);
		print_records(fp, "        want: ", f->want, c.green, c.off);
		print_records(fp, "        got:  ", f->got, col, c.off);
	}
	for (size_t i = 0; i < r->n_fixed; i++)
		fprintf(fp, "%sfixed%s since the last run: %s\n", c.green, c.off,
			r->fixed[i].key);
	fprintf(fp, "%zu records expected: %zu in sync, %zu error%s, %zu warning%s, "
		"%zu question%s unanswered; %zu name%s owned elsewhere; "
		"%zu queries in %.2f s\n",
		r->expected, r->in_sync, r->errors - r->unverified,
		r->errors - r->unverified == 1 ? "" : "s", r->warnings,
		r->warnings == 1 ? "" : "s", r->unverified,
		r->unverified == 1 ? "" : "s", r->ignored_names,
		r->ignored_names == 1 ? "" : "s", r->n_q, r->seconds);
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (r->system_resolver[v])
			fprintf(fp, "note: the %s view was asked through the system resolver (no --server %s=ADDR)\n",
				sipdns_view_name((enum sipdns_view_id)v),
				sipdns_view_name((enum sipdns_view_id)v));
}

static void
json_list(FILE *fp, const char *list)
{
	fputc('[', fp);
	const char *p = list;
	bool first = true;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *one = strndup(p, n);
		fputs(first ? "" : ", ", fp);
		sipdns_json_string(fp, one ? one : "");
		free(one);
		first = false;
		p += n + (e != NULL);
	}
	fputc(']', fp);
}

static void
report_json(FILE *fp, const struct sipdns_verify_result *r, const char *status)
{
	fprintf(fp, "{\n  \"schema_version\": 1,\n  \"status\": \"%s\",\n", status);
	fprintf(fp, "  \"summary\": {\"expected\": %zu, \"in_sync\": %zu, \"errors\": %zu, \"warnings\": %zu, \"unverified\": %zu, \"owned_elsewhere\": %zu, \"queries\": %zu, \"seconds\": %.3f},\n",
		r->expected, r->in_sync, r->errors - r->unverified, r->warnings,
		r->unverified, r->ignored_names, r->n_q, r->seconds);
	fputs("  \"findings\": [", fp);
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		char tn[16];
		type_name(f->type, tn, sizeof(tn));
		fprintf(fp, "%s\n    {\"kind\": \"%s\", \"severity\": \"%s\", \"view\": \"%s\", \"zone\": ",
			i ? "," : "", sipdns_finding_name(f->kind),
			f->severity == SIPDNS_ERROR ? "error" : "warning",
			sipdns_view_name(f->view));
		sipdns_json_string(fp, f->zone);
		fputs(", \"name\": ", fp);
		sipdns_json_string(fp, f->name);
		fprintf(fp, ", \"type\": \"%s\", \"want\": ", tn);
		json_list(fp, f->want);
		fputs(", \"got\": ", fp);
		json_list(fp, f->got);
		fputs(", \"reason\": ", fp);
		sipdns_json_string(fp, f->reason);
		fputs(", \"fact\": ", fp);
		sipdns_json_string(fp, f->fact);
		fputs(", \"detail\": ", fp);
		sipdns_json_string(fp, f->detail);
		fprintf(fp, ", \"since\": %ld}", f->since);
	}
	fputs(r->n_f ? "\n  ],\n  \"fixed\": [" : "],\n  \"fixed\": [", fp);
	for (size_t i = 0; i < r->n_fixed; i++) {
		fputs(i ? ", " : "", fp);
		sipdns_json_string(fp, r->fixed[i].key);
	}
	fputs("]\n}\n", fp);
}

static int
report_nagios(FILE *fp, const struct sipdns_verify_result *r)
{
	size_t wrong = r->errors - r->unverified;
	const char *st = "OK";
	int rc = 0;
	if (wrong || r->unverified) {
		st = "CRITICAL";
		rc = 2;
	} else if (r->warnings) {
		st = "WARNING";
		rc = 1;
	}
	if (r->unverified && !wrong)
		fprintf(fp, "SIPDNS %s - %zu of %zu questions unanswered", st,
			r->unverified, r->n_q);
	else if (wrong || r->warnings)
		fprintf(fp, "SIPDNS %s - %zu finding%s, %zu warning%s, %zu of %zu records in sync",
			st, wrong, wrong == 1 ? "" : "s", r->warnings,
			r->warnings == 1 ? "" : "s", r->in_sync, r->expected);
	else
		fprintf(fp, "SIPDNS OK - %zu of %zu records in sync", r->in_sync,
			r->expected);
	fprintf(fp, " | 'expected'=%zu;;;0 'in_sync'=%zu;;;0 'wrong'=%zu;;1;0 'warnings'=%zu;1;;0 'unverified'=%zu;;1;0 'time'=%.3fs;;;0\n",
		r->expected, r->in_sync, wrong, r->warnings, r->unverified,
		r->seconds);
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		char tn[16];
		type_name(f->type, tn, sizeof(tn));
		fprintf(fp, "%s %s %s: %s", sipdns_view_name(f->view), f->name, tn,
			sipdns_finding_name(f->kind));
		if (f->detail)
			fprintf(fp, " (%s)", f->detail);
		if (f->want) {
			const char *nl = strchr(f->want, '\n');
			fprintf(fp, "; want %.*s", nl ? (int)(nl - f->want) : (int)strlen(f->want), f->want);
		}
		if (f->got) {
			const char *nl = strchr(f->got, '\n');
			fprintf(fp, "; got %.*s", nl ? (int)(nl - f->got) : (int)strlen(f->got), f->got);
		}
		fputc('\n', fp);
	}
	return rc;
}

static bool
parse_uint(const char *s, unsigned long max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno || v == 0 || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

/* "internal=10.0.0.1:5300" -> append "10.0.0.1:5300" to that view's CSV */
static bool
add_server(char **csv, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	int v = -1;
	if (eq && (size_t)(eq - arg) == 8 && strncmp(arg, "internal", 8) == 0)
		v = SIPDNS_VIEW_INTERNAL;
	else if (eq && (size_t)(eq - arg) == 8 && strncmp(arg, "external", 8) == 0)
		v = SIPDNS_VIEW_EXTERNAL;
	if (v < 0) {
		snprintf(err, errlen, "--server '%s' must be internal=ADDR[:PORT] or external=ADDR[:PORT]", arg);
		return false;
	}
	const char *addr = eq + 1;
	char host[64];
	const char *colon = strrchr(addr, ':');
	size_t hl = colon ? (size_t)(colon - addr) : strlen(addr);
	uint32_t a4;
	unsigned port = 53;
	if (hl >= sizeof(host) || (colon && !parse_uint(colon + 1, 65535, &port))) {
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
	if (n == NULL)
		return false;
	snprintf(n + old, hl + 10, "%s%s:%u", old ? "," : "", host, port);
	csv[v] = n;
	return true;
}

static int
cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "view", required_argument, NULL, 'V' },
		{ "no-recurse", no_argument, NULL, 'R' },
		{ "answers", required_argument, NULL, 'A' },
		{ "ttl", required_argument, NULL, 'T' },
		{ "timeout", required_argument, NULL, 't' },
		{ "tries", required_argument, NULL, 'r' },
		{ "max-in-flight", required_argument, NULL, 'm' },
		{ "max-per-server", required_argument, NULL, 'M' },
		{ "state", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "print-questions", no_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool print_questions = false;
	struct sipdns_verify_opts o = {
		.view = -1, .timeout_ms = 1000, .tries = 3, .max_in_flight = 64,
		.max_per_server = 64,
	};
	char *csv[SIPDNS_VIEW_COUNT] = { NULL, NULL };
	const char *state = NULL, *format = "text";
	bool quiet = false;
	char err[300];
	int c, rc = EXIT_INVALID;
	bool nagios = false;
	while ((c = getopt_long(argc, argv, "s:f:qh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!add_server(csv, optarg, err, sizeof(err)))
				goto usage_err;
			break;
		case 'V':
			if ((o.view = choice(optarg, view_names)) < 0) {
				snprintf(err, sizeof(err), "unknown view '%s'; use internal or external", optarg);
				goto usage_err;
			}
			break;
		case 'R': o.no_recurse = true; break;
		case 'A':
			if ((c = choice(optarg, answer_names)) < 0) {
				snprintf(err, sizeof(err), "--answers '%s': use exact or superset", optarg);
				goto usage_err;
			}
			o.answers = (enum sipdns_answer_policy)c;
			break;
		case 'T':
			if ((c = choice(optarg, ttl_names)) < 0) {
				snprintf(err, sizeof(err), "--ttl '%s': use warn, ignore or exact", optarg);
				goto usage_err;
			}
			o.ttl = (enum sipdns_ttl_policy)c;
			break;
		case 't': case 'r': case 'm': case 'M': {
			unsigned *p = c == 't' ? &o.timeout_ms : c == 'r' ? &o.tries
				      : c == 'm' ? &o.max_in_flight : &o.max_per_server;
			if (!parse_uint(optarg, c == 't' ? 60000 : c == 'r' ? 10 : 10000, p)) {
				snprintf(err, sizeof(err), "'%s' is not a number in range for this option", optarg);
				goto usage_err;
			}
			break;
		}
		case 'S': state = optarg; break;
		case 'P': print_questions = true; break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "nagios")) {
				snprintf(err, sizeof(err), "unknown format '%s'; use text, json or nagios", optarg);
				goto usage_err;
			}
			format = optarg;
			break;
		case 'q': quiet = true; break;
		case 'h':
			fputs(verify_usage, stdout);
			rc = EXIT_GOOD;
			goto out;
		default:
			snprintf(err, sizeof(err), "invalid option");
			goto usage_err;
		}
	}
	nagios = strcmp(format, "nagios") == 0;
	if (optind + 1 != argc) {
		snprintf(err, sizeof(err), "verify takes exactly one TOPOLOGY file");
		goto usage_err;
	}
	o.servers[0] = csv[0];
	o.servers[1] = csv[1];
	if (isatty(STDERR_FILENO) && !quiet)
		o.progress = stderr;

	struct job j;
	rc = job_load(&j, argv[optind]);
	if (rc >= 0) {
		job_fini(&j);
		if (nagios)
			printf("SIPDNS UNKNOWN - cannot read the topology %s\n", argv[optind]);
		rc = nagios ? 3 : rc;
		goto out;
	}
	if (j.diag.errors) {
		sipdns_diag_print(&j.diag, stderr, true);
		fprintf(stderr, "sipdns: not verified: fix the topology first\n");
		job_fini(&j);
		if (nagios)
			printf("SIPDNS UNKNOWN - the topology %s has errors\n", argv[optind]);
		rc = nagios ? 3 : EXIT_INVALID;
		goto out;
	}
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	enum sipdns_status st = sipdns_verify_questions(j.t, &j.set, &o, &r);
	if (st == SIPDNS_OK && print_questions) {
		for (size_t i = 0; i < r.n_q; i++) {
			char tn[16];
			type_name(r.q[i].type, tn, sizeof(tn));
			if (!r.q[i].ignored)
				printf("%s. %s\n", r.q[i].name, tn);
		}
		sipdns_verify_result_fini(&r);
		job_fini(&j);
		rc = EXIT_GOOD;
		goto out;
	}
	if (st == SIPDNS_OK) {
		err[0] = '\0';
		st = sipdns_verify_ask(&r, &o, err, sizeof(err));
	}
	if (st == SIPDNS_OK)
		st = sipdns_verify_compare(j.t, &j.set, &o, &r);
	if (st == SIPDNS_OK && state != NULL)
		st = sipdns_verify_state(&r, state, (long)time(NULL), err, sizeof(err));
	if (st != SIPDNS_OK) {
		fprintf(stderr, "sipdns: %s\n", err[0] ? err : sipdns_strerror(st));
		if (nagios)
			printf("SIPDNS UNKNOWN - %s\n", err[0] ? err : sipdns_strerror(st));
		rc = nagios ? 3 : st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
	} else if (nagios) {
		rc = report_nagios(stdout, &r);
	} else {
		const char *status = r.unverified ? "unverified"
				     : r.errors || r.warnings ? "drift" : "in_sync";
		if (strcmp(format, "json") == 0) {
			report_json(stdout, &r, status);
		} else if (!quiet || r.n_f || r.n_fixed) {
			report_text(stdout, &r, &o, state != NULL, term_colors());
		}
		rc = r.unverified ? EXIT_RUNTIME
		     : r.errors || r.warnings ? EXIT_FINDINGS : EXIT_GOOD;
	}
	sipdns_verify_result_fini(&r);
	job_fini(&j);
	goto out;
usage_err:
	fprintf(stderr, "sipdns: %s\nTry 'sipdns verify --help'.\n", err);
	rc = nagios ? 3 : EXIT_INVALID;
out:
	free(csv[0]);
	free(csv[1]);
	return rc;
}

/* Load one zone file into rrs; its zone name (lower-case, no dot) goes to
 * *origin (malloc'd). Errors: FILE:LINE: message on stderr, false. */
static bool
load_zone(const char *path, ldns_rr_list *rrs, char **origin)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
		return false;
	}
	struct stat sb;
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > SIPDNS_MAX_ZONE_FILE) {
		fprintf(stderr, "%s: error: not a regular file of at most %d MiB; diff reads zone files\n",
			path, SIPDNS_MAX_ZONE_FILE / (1024 * 1024));
		fclose(fp);
		return false;
	}
	char err[512];
	enum sipdns_status st = sipdns_zone_file_read(fp, path, rrs, origin, err, sizeof(err));
	fclose(fp);
	if (st != SIPDNS_OK)
		fprintf(stderr, "%s\n", err);
	return st == SIPDNS_OK;
}

static int
cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "view", required_argument, NULL, 'V' },
		{ "answers", required_argument, NULL, 'A' },
		{ "ttl", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sipdns_verify_opts o = { .view = -1 };
	bool quiet = false, json = false;
	int c;
	while ((c = getopt_long(argc, argv, "f:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'V':
			if ((o.view = choice(optarg, view_names)) < 0)
				return misuse("diff", "unknown view '%s'; use internal or external", optarg);
			break;
		case 'A':
			if ((c = choice(optarg, answer_names)) < 0)
				return misuse("diff", "--answers '%s': use exact or superset", optarg);
			o.answers = (enum sipdns_answer_policy)c;
			break;
		case 'T':
			if ((c = choice(optarg, ttl_names)) < 0)
				return misuse("diff", "--ttl '%s': use warn, ignore or exact", optarg);
			o.ttl = (enum sipdns_ttl_policy)c;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") != 0)
				return misuse("diff", "unknown format '%s'; use text or json", optarg);
			break;
		case 'q': quiet = true; break;
		case 'h': fputs(diff_usage, stdout); return EXIT_GOOD;
		default: return misuse("diff", "%s", "invalid option");
		}
	}
	if (argc - optind < 2)
		return misuse("diff", "%s", "diff takes a TOPOLOGY and at least one ZONEFILE");
	/* the view: given, or the files' directory name, the same for all */
	for (int i = optind + 1; i < argc && o.view < 0; i++) {
		char dir[PATH_MAX];
		snprintf(dir, sizeof(dir), "%s", argv[i]);
		char *slash = strrchr(dir, '/');
		const char *d = "";
		if (slash) {
			*slash = '\0';
			d = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
		}
		int v = strcmp(d, "internal") == 0 ? SIPDNS_VIEW_INTERNAL
			: strcmp(d, "external") == 0 ? SIPDNS_VIEW_EXTERNAL : -1;
		if (v < 0)
			return misuse("diff", "cannot tell the view of '%s' from its directory: pass --view internal or --view external", argv[i]);
		o.view = v;
	}
	struct job j;
	int rc = job_load(&j, argv[optind]);
	if (rc >= 0) {
		job_fini(&j);
		return rc;
	}
	if (j.diag.errors) {
		sipdns_diag_print(&j.diag, stderr, true);
		fprintf(stderr, "sipdns: not compared: fix the topology first\n");
		job_fini(&j);
		return EXIT_INVALID;
	}
	ldns_rr_list *rrs = ldns_rr_list_new();
	size_t n_origins = (size_t)(argc - optind - 1);
	char **origins = calloc(n_origins, sizeof(*origins));
	rc = -1;
	if (rrs == NULL || origins == NULL)
		rc = EXIT_RUNTIME;
	for (size_t i = 0; rc < 0 && i < n_origins; i++)
		if (!load_zone(argv[optind + 1 + (int)i], rrs, &origins[i]))
			rc = EXIT_INVALID;
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	if (rc < 0) {
		enum sipdns_status st = sipdns_verify_questions(j.t, &j.set, &o, &r);
		if (st == SIPDNS_OK)
			st = sipdns_verify_answer_from_zone(&r, j.t, (enum sipdns_view_id)o.view,
					rrs, (const char *const *)origins, n_origins);
		if (st == SIPDNS_OK)
			st = sipdns_verify_compare(j.t, &j.set, &o, &r);
		if (st != SIPDNS_OK) {
			fprintf(stderr, "sipdns: %s\n", sipdns_strerror(st));
			rc = EXIT_RUNTIME;
		} else {
			const char *status = r.errors || r.warnings ? "drift" : "in_sync";
			r.system_resolver[o.view] = false;
			if (json) {
				report_json(stdout, &r, status);
			} else if (!quiet || r.n_f) {
				o.servers[o.view] = "zone files";
				report_text(stdout, &r, &o, false, term_colors());
			}
			rc = r.errors || r.warnings ? EXIT_FINDINGS : EXIT_GOOD;
		}
	}
	sipdns_verify_result_fini(&r);
	for (size_t i = 0; origins && i < n_origins; i++)
		free(origins[i]);
	free(origins);
	if (rrs)
		ldns_rr_list_deep_free(rrs);
	job_fini(&j);
	return rc;
}

static void
on_signal(int sig)
{
	(void)sig;
	sipdns_write_interrupted = 1;
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
