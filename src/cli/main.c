/* main.c -- sipdns command line: argv -> subcommand -> exit code
 *
 * Dispatch, --help and --version, signals (a cancel flag the library
 * receives as a pointer), and the check of standard output at the end.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sipdns.h"

volatile sig_atomic_t cli_cancel;

static int cmd_help(int argc, char **argv);

const struct subcommand cli_commands[] = {
	{ "check", cmd_check, "validate a topology (no DNS needed)", cmd_check_usage,
	  cmd_check_options, cmd_check_shortopts, cmd_check_optargs },
	{ "generate", cmd_generate, "write zone files and change scripts", cmd_generate_usage,
	  cmd_generate_options, cmd_generate_shortopts, cmd_generate_optargs },
	{ "verify", cmd_verify, "compare live DNS with the records the topology needs", cmd_verify_usage,
	  cmd_verify_options, cmd_verify_shortopts, cmd_verify_optargs },
	{ "diff", cmd_diff, "compare zone files with the records the topology needs", cmd_diff_usage,
	  cmd_diff_options, cmd_diff_shortopts, cmd_diff_optargs },
	{ "apply", cmd_apply, "send the change plan as signed RFC 2136 updates", cmd_apply_usage,
	  cmd_apply_options, cmd_apply_shortopts, cmd_apply_optargs },
	{ "certs", cmd_certs, "the names each certificate needs; check a PEM certificate", cmd_certs_usage,
	  cmd_certs_options, cmd_certs_shortopts, cmd_certs_optargs },
	{ "discover", cmd_discover, "walk the client's sign-in lookup for a SIP address", cmd_discover_usage,
	  cmd_discover_options, cmd_discover_shortopts, cmd_discover_optargs },
	{ "graph", cmd_graph, "the records per view as a Graphviz DOT picture", cmd_graph_usage,
	  cmd_graph_options, cmd_graph_shortopts, cmd_graph_optargs },
	{ "help", cmd_help, "show help for a subcommand", NULL, NULL, NULL, NULL },
};
const size_t cli_n_commands = sizeof(cli_commands) / sizeof(cli_commands[0]);

static void
usage(FILE *fp)
{
	fputs("Usage: sipdns [--help] [--version] SUBCOMMAND [OPTIONS] TOPOLOGY\n"
	      "\n"
	      "DNS records for Microsoft Office Communications Server 2007 R2: check a\n"
	      "topology, generate the records of each DNS view, verify live DNS.\n"
	      "\n"
	      "Subcommands:\n", fp);
	for (size_t i = 0; i < cli_n_commands; i++)
		fprintf(fp, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fputs("\nRun 'sipdns help SUBCOMMAND' or 'sipdns SUBCOMMAND --help' for details.\n"
	      "Exit status: 0 all good, 1 problems found, 2 usage error or invalid\n"
	      "input, 3 runtime failure.\n", fp);
}

static const struct subcommand *
find_command(const char *name)
{
	for (size_t i = 0; i < cli_n_commands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
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
		fprintf(stderr, "sipdns: no help for '%s'; subcommands: check, generate, verify, diff, apply, certs, discover\n",
			argv[1]);
		return EXIT_INVALID;
	}
	fputs(c->usage, stdout);
	return EXIT_GOOD;
}

static void
on_signal(int sig)
{
	(void)sig;
	cli_cancel = 1;
}

static void
catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
main(int argc, char **argv)
{
	sipdns_process_memory();
	/* a line a write(), not a character: a diagnostic with its echoed
	 * line is one to three writes (progress.c flushes its own) */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	if (argc < 2) {
		usage(stderr);
		return EXIT_INVALID;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_GOOD;
	}
	if (strcmp(argv[1], "--complete-words") == 0)   /* hidden: the shell's completion */
		return cli_complete(argc - 2, argv + 2);
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
	catch_signals();
	int rc = c->run(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "sipdns: cannot write to standard output: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return rc;
}
