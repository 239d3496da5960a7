/* cli.h -- what the command line's files share: exit codes, subcommands,
 * option helpers
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_CLI_H
#define SIPDNS_CLI_H

#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "sipdns.h"

/* exit status, the same for every subcommand (sipdns(1) EXIT STATUS) */
enum {
	EXIT_GOOD = 0,      /* all good */
	EXIT_FINDINGS = 1,  /* problems found */
	EXIT_INVALID = 2,   /* usage error or invalid input */
	EXIT_RUNTIME = 3,   /* runtime failure */
};

/* Set by SIGINT and SIGTERM; handed to the library as its cancel flag. */
extern volatile sig_atomic_t cli_cancel;

/* What an option's argument is, for completion (complete.c). */
enum cli_arg_kind {
	CLI_ARG_NONE = 0,      /* free text: nothing to offer */
	CLI_ARG_WORDS,         /* one of words (the parser's own table) */
	CLI_ARG_FILE,          /* a file */
	CLI_ARG_DIR,           /* a directory */
	CLI_ARG_FORMATS,       /* generate's formats (sipdns_format_name) */
	CLI_ARG_PLAN_FORMATS,  /* the plan's formats (sipdns_plan_format_name) */
	CLI_ARG_CERT_ROLES,    /* certificate roles (sipdns_cert_role_name) */
};
struct cli_optarg {
	const char *option;    /* long name; NULL ends a table */
	enum cli_arg_kind kind;
	const char *const *words; /* CLI_ARG_WORDS: NULL-terminated */
};

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
	/* the parser's tables, also read by completion (NULL: none) */
	const struct option *options;      /* getopt_long's, {0}-terminated */
	const char *shortopts;             /* getopt_long's short options */
	const struct cli_optarg *optargs;  /* option arguments' kinds */
};

/* Every subcommand, in --help order (main.c); the one list dispatch,
 * help and completion read. */
extern const struct subcommand cli_commands[];
extern const size_t cli_n_commands;
/* sipdns --complete-words WORD... (complete.c): the candidates for the
 * last WORD, one a line, or "@file" / "@dir" for file names. */
int cli_complete(int argc, char **argv);

int cmd_check(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_certs(int argc, char **argv);
int cmd_discover(int argc, char **argv);
int cmd_graph(int argc, char **argv);
extern const char cmd_check_usage[], cmd_generate_usage[],
	cmd_verify_usage[], cmd_diff_usage[], cmd_apply_usage[],
	cmd_certs_usage[], cmd_discover_usage[];
/* each subcommand's option tables (issue 16: one source for --help,
 * parsing and completion) */
extern const struct option cmd_check_options[], cmd_generate_options[],
	cmd_verify_options[], cmd_diff_options[], cmd_apply_options[],
	cmd_certs_options[], cmd_discover_options[], cmd_graph_options[];
extern const char cmd_check_shortopts[], cmd_generate_shortopts[],
	cmd_verify_shortopts[], cmd_diff_shortopts[], cmd_apply_shortopts[],
	cmd_certs_shortopts[], cmd_discover_shortopts[], cmd_graph_shortopts[];
extern const struct cli_optarg cmd_check_optargs[], cmd_generate_optargs[],
	cmd_verify_optargs[], cmd_diff_optargs[], cmd_apply_optargs[],
	cmd_certs_optargs[], cmd_discover_optargs[], cmd_graph_optargs[];
extern const char cmd_graph_usage[];

/* Load a topology for a subcommand: -1 with *jp ready (its diagnostics
 * may hold warnings and rule errors), or the exit status of a failure,
 * whose diagnostics are printed. */
int cli_load(const char *path, struct sipdns_job **jp);
/* At the end of a subcommand: j, or verify's result r (its content, r
 * itself may go), left for the process's exit to free (job.c). */
void cli_leave_job(struct sipdns_job *j);
void cli_leave_result(struct sipdns_verify_result *r);
/* Print what a failed step added to the job's diagnostics since entry
 * before (or the status's message if nothing); returns the last message. */
const char *cli_failed(struct sipdns_job *j, size_t before,
		       enum sipdns_status st);

/* --plan FORMAT, --plan-file FILE, --prune, --include-self-registered
 * (verify and diff): the option table lines, their codes, and the plan
 * written for a finished run (job.c). */
enum { CLI_OPT_PLAN = 1001, CLI_OPT_PLAN_FILE, CLI_OPT_PRUNE, CLI_OPT_SELF_REG };
#define CLI_PLAN_OPTIONS                                                   \
	{ "plan", required_argument, NULL, CLI_OPT_PLAN },                 \
	{ "plan-file", required_argument, NULL, CLI_OPT_PLAN_FILE },       \
	{ "prune", no_argument, NULL, CLI_OPT_PRUNE },                     \
	{ "include-self-registered", no_argument, NULL, CLI_OPT_SELF_REG }
/* the plan options' arguments, for a cli_optarg table */
#define CLI_PLAN_OPTARGS                                                   \
	{ "plan", CLI_ARG_PLAN_FORMATS, NULL },                            \
	{ "plan-file", CLI_ARG_FILE, NULL }
struct cli_plan {
	const char *format, *file;   /* both NULL: no plan */
	bool prune, include_self_registered;
	const char *servers[SIPDNS_VIEW_COUNT]; /* verify's --server lists */
};
/* One of the plan options (c its code); false with a message in err;
 * *taken false for any other option. */
bool cli_plan_opt(struct cli_plan *p, int c, const char *arg, bool *taken,
		  char *err, size_t errlen);
/* Write the plan of r, made by cmd ("verify", "diff") from topology:
 * to stdout (the report is then not printed: *report false) or to the
 * plan file. -1 when written, else the exit status of the failure. */
int cli_plan_write(struct sipdns_job *j, const struct sipdns_verify_result *r,
		   const struct cli_plan *p, const char *cmd,
		   const char *topology, bool *report);

/* the words of enumerated options, in enum order, NULL-terminated */
extern const char *const opt_view_names[];
extern const char *const opt_answer_names[];
extern const char *const opt_ttl_names[];
/* --format of diff, certs and discover */
extern const char *const opt_format_names[];

/* Index of arg among names (NULL-terminated), or -1. */
int opt_choice(const char *arg, const char *const *names);
/* "sipdns: " + fmt with arg, then a pointer to cmd's --help, on stderr;
 * returns EXIT_INVALID. */
int opt_misuse(const char *cmd, const char *fmt, const char *arg);
/* A decimal number from 1 to max (from 0 when zero_ok). */
bool opt_uint(const char *s, unsigned long max, bool zero_ok,
	      unsigned long *out);
/* "internal=10.0.0.1:5300", "internal=[2001:db8::53]:53" or
 * "internal=ns1.contoso.com": append "10.0.0.1:5300", "[2001:db8::53]:53"
 * or, for a name resolved once here, "ns1.contoso.com (ADDRESS:53)" for
 * each of its addresses, to that view's list in csv[view] (malloc'd);
 * false with a message in err. */
bool opt_add_server(char **csv, const char *arg, char *err, size_t errlen);
/* The view of a zone file from its directory name
 * (out/internal/contoso.com.zone), or -1. */
int opt_view_of_path(const char *path);

#endif
