/* cmd_discover.c -- sipdns discover: DNS as the client sees it
 *
 * Walk the client's documented sign-in lookup for a SIP address
 * (sipdns_discover) and print each step, the connection the client would
 * make, strict naming and, with a topology, what the host is there: as
 * text or JSON.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipdns.h"

const char cmd_discover_usage[] =
"Usage: sipdns discover [OPTIONS] SIP-ADDRESS\n"
"\n"
"Walk the DNS lookup a client makes to sign in as SIP-ADDRESS (user@domain\n"
"or sip:user@domain), in the documented order: the SRV records (asked\n"
"together; the first in order that answers wins, and the client tries no\n"
"other), the chosen record's target, else the host names sipinternal., sip.\n"
"and sipexternal. with their ports. Each step shows the query, the answer or\n"
"the failure (timeout, SERVFAIL, REFUSED: \"not seen\", never absence) and\n"
"the decision; then the host, address, port and transport the client would\n"
"connect to, and whether strict DNS naming (the host in the SIP domain)\n"
"lets it through. Where Microsoft's pages disagree on the order, --order\n"
"picks the variant, named after its source; the output names the one used.\n"
"\n"
"Options:\n"
"      --client CLIENT  communicator (Office Communicator 2007 R2, default)\n"
"                       or phone-edition (Communicator Phone Edition)\n"
"      --order VARIANT  communicator: r2-ga (default, the R2 \"Client DNS\n"
"                       Queries Drilldown\"), r2-beta (R2 Beta \"How Client\n"
"                       DNS Queries Work\"), insideocs (InsideOCS blog, 2008);\n"
"                       phone-edition: phone-r2 (default)\n"
"  -s, --server ADDR[:PORT]  the DNS server to ask, as the client would\n"
"                       (IPv4 or [IPv6]); default: the system resolver\n"
"  -t, --topology FILE  say whether the host is the topology's designated\n"
"                       sign-in pool (or Director), and in which view\n"
"      --disable-strict-dns-naming  the client has the DisableStrictDNSNaming\n"
"                       policy (suffix matching) set\n"
"      --format FORMAT  text (default) or json\n"
"      --timeout MS     each question's first try, doubled each retry (1000)\n"
"      --tries N        tries per question (2)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 a client would find a server; 1 it would not (every step\n"
"seen and nothing found, or strict naming refuses the host); 2 usage error\n"
"or invalid topology; 3 DNS could not be asked, or a step the decision\n"
"depends on was not seen.\n";

struct dargs {
	struct sipdns_discover_opts o;
	const char *topology;
	bool json, help;
};

enum { OPT_CLIENT = 2001, OPT_ORDER, OPT_STRICT, OPT_FORMAT, OPT_TRIES };

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_discover_options[] = {
	{ "client", required_argument, NULL, OPT_CLIENT },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "server", required_argument, NULL, 's' },
	{ "topology", required_argument, NULL, 't' },
	{ "disable-strict-dns-naming", no_argument, NULL, OPT_STRICT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "timeout", required_argument, NULL, 'T' },
	{ "tries", required_argument, NULL, OPT_TRIES },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};
const char cmd_discover_shortopts[] = "s:t:h";
const struct cli_optarg cmd_discover_optargs[] = {
	{ "format", CLI_ARG_WORDS, opt_format_names },
	{ "topology", CLI_ARG_FILE, NULL },
	{ NULL, CLI_ARG_NONE, NULL },
};

static int
parse_args(struct dargs *a, int argc, char **argv)
{
	unsigned long v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_discover_shortopts, cmd_discover_options, NULL)) != -1) {
		switch (c) {
		case OPT_CLIENT: a->o.client = optarg; break;
		case OPT_ORDER: a->o.order = optarg; break;
		case 's': a->o.server = optarg; break;
		case 't': a->topology = optarg; break;
		case OPT_STRICT: a->o.disable_strict = true; break;
		case OPT_FORMAT:
			if (opt_choice(optarg, opt_format_names) < 0)
				return opt_misuse("discover", "--format '%s': give text or json", optarg);
			a->json = strcmp(optarg, "json") == 0;
			break;
		case 'T': case OPT_TRIES:
			if (!opt_uint(optarg, c == 'T' ? 600000 : 10, false, &v))
				return opt_misuse("discover", c == 'T'
					? "--timeout '%s': give milliseconds, 1 to 600000"
					: "--tries '%s': give 1 to 10", optarg);
			*(c == 'T' ? &a->o.timeout_ms : &a->o.tries) = (unsigned)v;
			break;
		case 'h': a->help = true; return -1;
		default: return opt_misuse("discover", "%s", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return opt_misuse("discover", "%s", optind == argc
				  ? "give one SIP address (user@domain)"
				  : "give one SIP address, no more");
	a->o.address = argv[optind];
	a->o.cancel = &cli_cancel;
	return -1;
}

static const char *
kind_name(enum sipdns_discover_step_kind k)
{
	return k == SIPDNS_STEP_SRV ? "srv" : k == SIPDNS_STEP_HOST ? "host" : "target";
}

static const char *
verdict_name(enum sipdns_discover_verdict v)
{
	return v == SIPDNS_DISCOVER_FOUND ? "found"
	     : v == SIPDNS_DISCOVER_NOT_FOUND ? "not found" : "undecided";
}

/* Each line of text, indented. */
static void
print_lines(const char *label, const char *text)
{
	const char *p = text;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);
		printf("      %s%.*s\n", label, n, p);
		label = p == text ? "        " : label;
		p = nl ? nl + 1 : NULL;
	}
}

static void
print_text(const struct sipdns_discover_result *r)
{
	printf("discover %s: SIP domain %s, client %s, order %s: %s\n",
	       r->sip_address, r->sip_domain, r->client, r->order, r->order_source);
	printf("asked: %s\n", r->servers);
	for (size_t i = 0; i < r->n_steps; i++) {
		const struct sipdns_discover_step *s = &r->steps[i];
		printf("%2zu. %-6s %s %s (%s%s%s)\n", i + 1, kind_name(s->kind), s->type,
		       s->name, s->transport, s->ports[0] ? " port " : "", s->ports);
		if (s->asked && s->answer)
			print_lines("answer: ", s->answer);
		else if (s->asked)
			printf("      %s%s%s%s\n", s->seen ? "seen: " : "not seen: ",
			       s->state, s->detail ? ": " : "", s->detail ? s->detail : "");
		if (s->note)
			printf("      note: %s\n", s->note);
		printf("      -> %s\n", s->decision ? s->decision : "");
	}
	if (r->host)
		printf("connect: %s (%s), %s port %s\n", r->host, r->address,
		       r->transport, r->ports);
	else
		printf("connect: none\n");
	if (r->host && r->port_note && strchr(r->ports, ','))
		printf("ports: %s\n", r->port_note);
	if (r->strict_checked)
		printf("strict naming: %s: %s\n", r->strict_ok ? "passes" : "refused",
		       r->strict_text);
	if (r->topology)
		printf("topology: %s%s\n", r->designated ? "designated: " : "",
		       r->topology_text);
	printf("verdict: %s: %s\n", verdict_name(r->verdict), r->verdict_text);
}

/* "key": value pairs, value a JSON string or null. */
static void
jkey(const char *sep, const char *key, const char *val)
{
	printf("%s\"%s\": ", sep, key);
	sipdns_json_string(stdout, val);
}

static void
jbool(const char *key, bool v)
{
	printf(", \"%s\": %s", key, v ? "true" : "false");
}

/* The answer's records as a JSON array. */
static void
jlines(const char *text)
{
	fputs(", \"answer\": [", stdout);
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		if (p != text)
			fputs(", ", stdout);
		sipdns_json_string(stdout, line ? line : "");
		free(line);
		p = nl ? nl + 1 : NULL;
	}
	fputs("]", stdout);
}

static void
print_json_step(const struct sipdns_discover_step *s)
{
	jkey("    {", "kind", kind_name(s->kind));
	jkey(", ", "name", s->name);
	jkey(", ", "type", s->type);
	jkey(", ", "transport", s->transport);
	jkey(", ", "ports", s->ports[0] ? s->ports : NULL);
	jbool("asked", s->asked);
	jkey(", ", "state", s->state);
	jbool("seen", s->seen);
	jbool("found", s->found);
	if (s->answer)
		jlines(s->answer);
	else
		fputs(", \"answer\": []", stdout);
	jkey(", ", "detail", s->detail);
	jkey(", ", "decision", s->decision);
	jkey(", ", "fact", s->fact);
	jkey(", ", "note", s->note);
	fputs("}", stdout);
}

static void
print_json(const struct sipdns_discover_result *r, int rc)
{
	jkey("{", "command", "discover");
	printf(", \"schema_version\": 1");
	jkey(", ", "sip_address", r->sip_address);
	jkey(", ", "sip_domain", r->sip_domain);
	jkey(", ", "client", r->client);
	jkey(", ", "order", r->order);
	jkey(", ", "order_source", r->order_source);
	jkey(", ", "servers", r->servers);
	fputs(",\n  \"steps\": [\n", stdout);
	for (size_t i = 0; i < r->n_steps; i++) {
		print_json_step(&r->steps[i]);
		fputs(i + 1 < r->n_steps ? ",\n" : "\n", stdout);
	}
	fputs("  ],\n  \"connect\": ", stdout);
	if (r->host) {
		jkey("{", "host", r->host);
		jkey(", ", "address", r->address);
		jkey(", ", "transport", r->transport);
		jkey(", ", "ports", r->ports);
		jkey(", ", "port_note", strchr(r->ports, ',') ? r->port_note : NULL);
		fputs("}", stdout);
	} else
		fputs("null", stdout);
	fputs(",\n  \"strict_naming\": ", stdout);
	if (r->strict_checked) {
		printf("{\"passes\": %s", r->strict_ok ? "true" : "false");
		jkey(", ", "text", r->strict_text);
		fputs("}", stdout);
	} else
		fputs("null", stdout);
	fputs(",\n  \"topology\": ", stdout);
	if (r->topology) {
		printf("{\"designated\": %s", r->designated ? "true" : "false");
		jkey(", ", "views", r->views);
		jkey(", ", "text", r->topology_text);
		fputs("}", stdout);
	} else
		fputs("null", stdout);
	jkey(",\n  ", "verdict", verdict_name(r->verdict));
	jkey(", ", "verdict_text", r->verdict_text);
	printf(", \"exit\": %d}\n", rc);
}

int
cmd_discover(int argc, char **argv)
{
	struct dargs a = { .o = { .timeout_ms = 1000, .tries = 2 } };
	int rc = parse_args(&a, argc, argv);
	if (rc >= 0)
		return rc;
	if (a.help) {
		fputs(cmd_discover_usage, stdout);
		return EXIT_GOOD;
	}
	struct sipdns_job *j = NULL;
	if (a.topology && (rc = cli_load(a.topology, &j)) >= 0)
		return rc;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	struct sipdns_discover_result r;
	enum sipdns_status st = sipdns_discover(j, &a.o, &r, &d);
	if (st != SIPDNS_OK) {
		if (d.n)
			sipdns_diag_print(&d, stderr, false);
		else
			fprintf(stderr, "sipdns: %s\n", sipdns_strerror(st));
		rc = st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
		if (st == SIPDNS_EDNS)
			fputs("sipdns: DNS could not be asked: nothing was seen\n", stderr);
	} else {
		rc = r.verdict == SIPDNS_DISCOVER_FOUND ? EXIT_GOOD
		   : r.verdict == SIPDNS_DISCOVER_NOT_FOUND ? EXIT_FINDINGS
		   : EXIT_RUNTIME;
		if (a.json)
			print_json(&r, rc);
		else
			print_text(&r);
	}
	sipdns_discover_result_fini(&r);
	sipdns_diag_fini(&d);
	sipdns_job_destroy(j);
	return rc;
}
