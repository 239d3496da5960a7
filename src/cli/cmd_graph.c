/* cmd_graph.c -- sipdns graph: the records per view as Graphviz DOT
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

const char cmd_graph_usage[] =
"Usage: sipdns graph [OPTIONS] TOPOLOGY\n"
"\n"
"Write the records generate writes as a Graphviz DOT graph, per view and\n"
"zone: SIP domain -> SRV -> target -> address, aliases, the client's\n"
"sign-in lookup in order, split-brain copies and the Edge's public names\n"
"marked. The same topology gives the same bytes. Render it with\n"
"'sipdns graph t.yaml | dot -Tsvg > t.svg' (Debian package graphviz).\n"
"\n"
"Options:\n"
"  -V, --view VIEW      internal, external or perimeter only (default: all)\n"
"      --findings FILE  colour the findings of a verify or diff JSON report\n"
"                       (verify or diff -f json): missing red, wrong orange, TTL only\n"
"                       gold, unexpected purple, unverified grey\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 written; 2 bad usage, an invalid topology or findings\n"
"file; 3 runtime failure.\n";

/* The options, also for completion (complete.c). */
const struct option cmd_graph_options[] = {
	{ "view", required_argument, NULL, 'V' },
	{ "findings", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};
const char cmd_graph_shortopts[] = "V:h";
const struct cli_optarg cmd_graph_optargs[] = {
	{ "view", CLI_ARG_WORDS, opt_view_names },
	{ "findings", CLI_ARG_FILE, NULL },
	{ NULL, CLI_ARG_NONE, NULL },
};

int
cmd_graph(int argc, char **argv)
{
	struct sipdns_graph_opts o = { .view = -1 };
	int c, rc;
	while ((c = getopt_long(argc, argv, cmd_graph_shortopts, cmd_graph_options, NULL)) != -1) {
		switch (c) {
		case 'V':
			if ((o.view = opt_choice(optarg, opt_view_names)) < 0)
				return opt_misuse("graph", "unknown view '%s'; use internal, external or perimeter", optarg);
			break;
		case 'F': o.findings = optarg; break;
		case 'h': fputs(cmd_graph_usage, stdout); return EXIT_GOOD;
		default: return opt_misuse("graph", "%s", "invalid option");
		}
	}
	if (optind + 1 != argc)
		return opt_misuse("graph", "%s", "graph takes exactly one TOPOLOGY file");
	const char *path = argv[optind];
	const char *base = strrchr(path, '/');
	o.source = base ? base + 1 : path;
	struct sipdns_job *j;
	if ((rc = cli_load(path, &j)) >= 0)
		return rc;
	struct sipdns_diag *d = sipdns_job_diag(j);
	if (d->errors) {
		sipdns_diag_print(d, stderr, true);
		fprintf(stderr, "sipdns: no graph: fix the errors above ('sipdns check %s' lists them)\n", path);
		sipdns_job_destroy(j);
		return EXIT_INVALID;
	}
	size_t before = d->n;
	enum sipdns_status st = sipdns_job_graph(j, &o, stdout);
	rc = EXIT_GOOD;
	if (st != SIPDNS_OK) {
		cli_failed(j, before, st);
		rc = st == SIPDNS_EINPUT || (st == SIPDNS_EIO && d->n > before)
		     ? EXIT_INVALID : EXIT_RUNTIME;
	}
	sipdns_job_destroy(j);
	return rc;
}
