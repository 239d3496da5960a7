/* cmd_apply.c -- sipdns apply: the change plan as signed RFC 2136 updates
 *
 * Read the zone through verify's questions at the one server, make the
 * plan, send one update per zone with changes (sipdns_job_apply), say
 * what the server answered to each, then verify again.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "sipdns.h"

/* apply's own exit status beside cli.h's: refused before sending */
enum { EXIT_NOT_SENT = 4 };

const char cmd_apply_usage[] =
"Usage: sipdns apply --server ADDR[:PORT] --tsig-file FILE [OPTIONS] TOPOLOGY\n"
"\n"
"Read the zones of one view at their primary server (verify's questions),\n"
"make the change plan and send it as RFC 2136 updates signed with TSIG:\n"
"one update per zone, applied whole or not at all, which fails and changes\n"
"nothing if the zone changed since the plan was read. Each update is sent\n"
"once over TCP; the server's answer is reported per zone (NOERROR, NXRRSET,\n"
"YXRRSET, REFUSED, NOTAUTH, a TSIG failure); one without an answer is\n"
"\"unknown: verify\", never sent again. Then the zones are verified again.\n"
"\n"
"Options:\n"
"  -s, --server ADDR[:PORT]  the primary server: IPv4 or [IPv6] address\n"
"      --tsig-file FILE the key, in BIND's tsig-keygen format (the secret is\n"
"                       read from the file only, never from the command line)\n"
"      --insecure-update  send the updates unsigned (without --tsig-file)\n"
"      --view VIEW      the view the server holds (internal, external or\n"
"                       perimeter); needed when the topology has zones in\n"
"                       several\n"
"      --dry-run        print the plan and send nothing\n"
"      --plan FORMAT    the plan of --dry-run and --confirm: nsupdate\n"
"                       (default), markdown or json\n"
"      --confirm        print the plan and send only after 'yes' on stdin\n"
"      --max-change PCT refuse a plan that deletes more than PCT % of the\n"
"                       managed records (default 30)\n"
"      --force          send a plan over --max-change\n"
"      --prune          delete records at managed names that the topology\n"
"                       does not expect (default: kept, listed)\n"
"      --timeout MS     the questions' first try, doubled each retry (1000)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 every update applied and the zones then in sync (or nothing\n"
"to change); 1 applied, but verify still finds drift (records kept without\n"
"--prune, a conflict refused by the plan); 2 usage error, invalid topology\n"
"or key file, no --tsig-file without --insecure-update; 3 an update was\n"
"rejected (the zone changed, REFUSED, NOTAUTH, TSIG failure) or its outcome\n"
"is unknown, a question failed, or interrupted; 4 nothing sent: over\n"
"--max-change without --force, or not confirmed. --dry-run exits as verify.\n";

struct aargs {
	struct sipdns_apply_opts o;
	struct sipdns_verify_opts v;
	char addr[64], csv[96], port_text[8];
	const char *topology, *plan_format;
	bool view_given, help, confirm;
};

/* "ADDR", "ADDR:PORT", "[V6]:PORT" or a bare IPv6 address. */
static bool
parse_server(struct aargs *a, const char *arg, char *err, size_t errlen)
{
	const char *colon = strrchr(arg, ':'), *end = arg + strlen(arg);
	const char *host = arg;
	unsigned long port = 53;
	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');
		host = arg + 1;
		end = close ? close : end;
		colon = close && close[1] == ':' ? close + 1 : NULL;
		if (close == NULL || (close[1] && close[1] != ':'))
			goto bad;
	} else if (colon && strchr(arg, ':') != colon) {
		colon = NULL;   /* several colons: IPv6 without a port */
	} else if (colon) {
		end = colon;
	}
	if ((size_t)(end - host) >= sizeof(a->addr) ||
	    (colon && !opt_uint(colon + 1, 65535, false, &port)))
		goto bad;
	snprintf(a->addr, sizeof(a->addr), "%.*s", (int)(end - host), host);
	unsigned char buf[16];
	bool v6 = inet_pton(AF_INET6, a->addr, buf) == 1;
	if (!v6 && inet_pton(AF_INET, a->addr, buf) != 1)
		goto bad;
	snprintf(a->csv, sizeof(a->csv), v6 ? "[%s]:%lu" : "%s:%lu", a->addr, port);
	snprintf(a->port_text, sizeof(a->port_text), "%lu", port);
	a->o.server = a->addr;
	a->o.port = (unsigned)port;
	return true;
bad:
	snprintf(err, errlen, "--server '%s': expected an IPv4 address or [IPv6] address and an optional :PORT (1-65535)", arg);
	return false;
}

static bool
apply_opt(struct aargs *a, int c, const char *arg, char *err, size_t errlen)
{
	unsigned long n;
	switch (c) {
	case 's': return parse_server(a, arg, err, errlen);
	case 'K': a->o.tsig_file = arg; return true;
	case 'I': a->o.insecure_update = true; return true;
	case 'V':
		if ((a->o.view = opt_choice(arg, opt_view_names)) < 0) {
			snprintf(err, errlen, "unknown view '%s'; use internal, external or perimeter", arg);
			return false;
		}
		a->view_given = true;
		return true;
	case 'n': a->o.dry_run = true; return true;
	case 'P':
		if (!sipdns_plan_format_known(arg)) {
			snprintf(err, errlen, "unknown plan format '%s'; use nsupdate, markdown or json", arg);
			return false;
		}
		a->plan_format = arg;
		return true;
	case 'C': a->confirm = true; return true;
	case 'm':
		if (!opt_uint(arg, 100, true, &n)) {
			snprintf(err, errlen, "--max-change '%s': a percentage, 0 to 100", arg);
			return false;
		}
		a->o.max_change = (unsigned)n;
		return true;
	case 'F': a->o.force = true; return true;
	case 'p': a->o.prune = true; return true;
	case 't':
		if (!opt_uint(arg, 60000, false, &n)) {
			snprintf(err, errlen, "--timeout '%s': milliseconds, 1 to 60000", arg);
			return false;
		}
		a->v.timeout_ms = (unsigned)n;
		return true;
	case 'h': a->help = true; return true;
	}
	snprintf(err, errlen, "invalid option");
	return false;
}

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_apply_options[] = {
	{ "server", required_argument, NULL, 's' },
	{ "tsig-file", required_argument, NULL, 'K' },
	{ "insecure-update", no_argument, NULL, 'I' },
	{ "view", required_argument, NULL, 'V' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "plan", required_argument, NULL, 'P' },
	{ "confirm", no_argument, NULL, 'C' },
	{ "max-change", required_argument, NULL, 'm' },
	{ "force", no_argument, NULL, 'F' },
	{ "prune", no_argument, NULL, 'p' },
	{ "timeout", required_argument, NULL, 't' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};
const char cmd_apply_shortopts[] = "s:h";
const struct cli_optarg cmd_apply_optargs[] = {
	{ "view", CLI_ARG_WORDS, opt_view_names },
	{ "tsig-file", CLI_ARG_FILE, NULL },
	{ "plan", CLI_ARG_PLAN_FORMATS, NULL },
	{ NULL, CLI_ARG_NONE, NULL },
};

static bool
apply_args(struct aargs *a, int argc, char **argv, char *err, size_t errlen)
{
	int c;
	while ((c = getopt_long(argc, argv, cmd_apply_shortopts, cmd_apply_options, NULL)) != -1)
		if (!apply_opt(a, c, optarg, err, errlen) || a->help)
			return a->help;
	if (optind + 1 != argc) {
		snprintf(err, errlen, "apply takes exactly one TOPOLOGY file");
		return false;
	}
	a->topology = argv[optind];
	if (a->o.server == NULL) {
		snprintf(err, errlen, "apply needs --server ADDR[:PORT], the zones' primary server");
		return false;
	}
	if (a->o.tsig_file && a->o.insecure_update) {
		snprintf(err, errlen, "--tsig-file and --insecure-update exclude each other");
		return false;
	}
	if (a->o.tsig_file == NULL && !a->o.insecure_update && !a->o.dry_run) {
		snprintf(err, errlen, "refused: no --tsig-file: apply sends signed updates only; give the key file, or --insecure-update to send them unsigned (nothing was sent)");
		return false;
	}
	return true;
}

/* The one view to apply: --view, or the only one with questions. */
static int
pick_view(struct aargs *a, struct sipdns_job *j)
{
	if (a->view_given)
		return EXIT_GOOD;
	size_t n[SIPDNS_VIEW_COUNT];
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		struct sipdns_verify_result r;
		memset(&r, 0, sizeof(r));
		struct sipdns_verify_opts o = a->v;
		o.view = v;
		if (sipdns_job_questions(j, &o, &r) != SIPDNS_OK)
			r.n_q = 0;
		n[v] = r.n_q;
		sipdns_verify_result_fini(&r);
	}
	if (n[0] && n[1])
		return opt_misuse("apply", "%s has zones in both views: name the view the server holds with --view internal or --view external",
				  a->topology);
	if (n[SIPDNS_VIEW_PERIMETER] && (n[0] || n[1]))
		return opt_misuse("apply", "%s has zones in several views: name the view the server holds with --view internal, --view external or --view perimeter",
				  a->topology);
	a->o.view = n[1] ? SIPDNS_VIEW_EXTERNAL
		    : n[SIPDNS_VIEW_PERIMETER] ? SIPDNS_VIEW_PERIMETER
		    : SIPDNS_VIEW_INTERNAL;
	return EXIT_GOOD;
}

/* verify's questions at the server into r (zeroed); an exit status, or
 * -1 when r holds a finished run. */
static int
read_zones(struct aargs *a, struct sipdns_job *j, struct sipdns_verify_result *r,
	   const char *when)
{
	memset(r, 0, sizeof(*r));
	a->v.view = a->o.view;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		a->v.servers[v] = NULL;
	a->v.servers[a->o.view] = a->csv;
	size_t before = sipdns_job_diag(j)->n;
	enum sipdns_status st = sipdns_job_questions(j, &a->v, r);
	if (st == SIPDNS_OK)
		st = sipdns_job_verify(j, &a->v, NULL, (long)time(NULL), r);
	if (st == SIPDNS_OK)
		return -1;
	if (st == SIPDNS_ECANCELLED)
		fprintf(stderr, "sipdns: interrupted while reading the zones %s\n", when);
	else
		cli_failed(j, before, st);
	return st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
}

/* The plan of r to stdout, in --plan's format. */
static int
print_plan(struct aargs *a, struct sipdns_job *j,
	   const struct sipdns_verify_result *r)
{
	struct cli_plan p = { .format = a->plan_format, .prune = a->o.prune };
	p.servers[a->o.view] = a->csv;
	bool report;
	return cli_plan_write(j, r, &p, "apply", a->topology, &report);
}

static bool
confirm(void *arg, const struct sipdns_apply_result *r)
{
	const struct aargs *a = arg;
	char line[16];
	fflush(stdout);   /* the plan before the question, also into a pipe */
	fprintf(stderr, "sipdns: send %zu deletes and %zu adds to %s? type yes: ",
		r->n_delete, r->n_add, a->csv);
	fflush(stderr);
	return fgets(line, sizeof(line), stdin) != NULL &&
	       strcmp(line, "yes\n") == 0 && !cli_cancel;
}

/* The threshold's figures, on stderr. */
static void
say_threshold(const struct aargs *a, const struct sipdns_apply_result *res,
	      bool refusing)
{
	fprintf(stderr, "sipdns: %s: the plan deletes %zu of the %zu managed records (%llu %%), more than --max-change %u %%%s\n",
		refusing ? "refused" : "note", res->n_delete, res->n_managed,
		res->n_managed ? (unsigned long long)res->n_delete * 100 / res->n_managed : 0ULL,
		a->o.max_change,
		refusing ? ": nothing was sent; look at it with --dry-run, then send it with --force"
			 : a->o.dry_run ? ": apply would refuse it without --force" : "");
}

/* One line per zone: what the server said. */
static void
say_zones(const struct sipdns_apply_result *res)
{
	for (size_t i = 0; i < res->n_z; i++) {
		const struct sipdns_apply_zone *z = &res->z[i];
		printf("%s %s: ", sipdns_view_name(z->view), z->zone);
		if (z->outcome == SIPDNS_APPLY_NOTHING) {
			puts("0 changes: nothing sent");
			continue;
		}
		printf("%zu to delete, %zu to add: ", z->n_delete, z->n_add);
		if (z->rcode[0])
			printf("%s%s%s: ", z->rcode, z->tsig_error[0] ? " " : "",
			       z->tsig_error);
		if (z->outcome == SIPDNS_APPLY_NOT_SENT)
			puts("not sent");
		else if (z->outcome == SIPDNS_APPLY_UNKNOWN)
			printf("unknown: verify: %s\n", z->message ? z->message : "");
		else
			puts(z->message ? z->message : sipdns_apply_outcome_name(z->outcome));
	}
	printf("%zu to delete, %zu to add in %zu zone%s: %zu applied, %zu rejected, %zu unknown, %zu not sent",
	       res->n_delete, res->n_add, res->n_z, res->n_z == 1 ? "" : "s",
	       res->n_applied, res->n_rejected, res->n_unknown, res->n_not_sent);
	if (res->n_kept || res->n_refused || res->n_not_planned)
		printf(" (the plan kept %zu, refused %zu, did not plan %zu: see --dry-run)",
		       res->n_kept, res->n_refused, res->n_not_planned);
	putchar('\n');
}

/* After an interruption: which zones went, which did not. */
static void
say_interrupted(const struct sipdns_apply_result *res)
{
	static const char *const label[] = { "applied", "not sent",
		"in flight, unknown until verified" };
	static const enum sipdns_apply_outcome which[] = { SIPDNS_APPLY_APPLIED,
		SIPDNS_APPLY_NOT_SENT, SIPDNS_APPLY_UNKNOWN };
	fputs("sipdns: interrupted: no further update was sent", stderr);
	for (size_t w = 0; w < 3; w++) {
		bool any = false;
		for (size_t i = 0; i < res->n_z; i++) {
			if (res->z[i].outcome != which[w])
				continue;
			fprintf(stderr, "%s%s", any ? ", " : "; ", res->z[i].zone);
			any = true;
		}
		if (any)
			fprintf(stderr, ": %s", label[w]);
	}
	fputs("; run 'sipdns verify' to see where the zones stand\n", stderr);
}

/* Verify again and report; the exit status of the whole apply. */
static int
verify_after(struct aargs *a, struct sipdns_job *j,
	     const struct sipdns_apply_result *res)
{
	struct sipdns_verify_result r;
	int rc = read_zones(a, j, &r, "after the updates");
	if (rc < 0) {
		printf("verify after apply:\n");
		struct report_src src = { { r.servers_used[0], r.servers_used[1],
					    r.servers_used[SIPDNS_VIEW_PERIMETER] } };
		report_text_verbose(stdout, &r, &src, false, false, report_colors());
		rc = r.unverified ? EXIT_RUNTIME
		     : r.errors || r.warnings ? EXIT_FINDINGS : EXIT_GOOD;
	}
	sipdns_verify_result_fini(&r);
	return res->n_rejected || res->n_unknown ? EXIT_RUNTIME : rc;
}

/* Plan and send, for a job read at the server (r). */
static int
apply_send(struct aargs *a, struct sipdns_job *j,
	   const struct sipdns_verify_result *r)
{
	struct sipdns_apply_result res;
	memset(&res, 0, sizeof(res));
	int rc = a->confirm ? print_plan(a, j, r) : -1;
	if (a->confirm && rc >= 0)
		return rc;
	if (a->confirm) {
		a->o.confirm = confirm;
		a->o.confirm_arg = a;
	}
	size_t before = sipdns_job_diag(j)->n;
	enum sipdns_status st = sipdns_job_apply(j, r, &a->o, &res);
	if (st != SIPDNS_OK && st != SIPDNS_ECANCELLED) {
		cli_failed(j, before, st);
		rc = st == SIPDNS_EINPUT || st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
	} else if (st == SIPDNS_ECANCELLED || cli_cancel) {
		say_zones(&res);
		say_interrupted(&res);
		rc = EXIT_RUNTIME;
	} else if (res.refused) {
		if (res.over_threshold && !a->o.force)
			say_threshold(a, &res, true);
		else
			fputs("sipdns: not confirmed: nothing was sent\n", stderr);
		rc = EXIT_NOT_SENT;
	} else {
		sipdns_diag_print_from(sipdns_job_diag(j), before, stderr);
		say_zones(&res);
		rc = verify_after(a, j, &res);
	}
	sipdns_apply_result_fini(&res);
	return rc;
}

/* --dry-run: the plan, the threshold's verdict; exit as verify. */
static int
apply_dry(struct aargs *a, struct sipdns_job *j,
	  const struct sipdns_verify_result *r)
{
	int rc = print_plan(a, j, r);
	if (rc >= 0)
		return rc;
	struct sipdns_apply_result res;
	memset(&res, 0, sizeof(res));
	struct sipdns_apply_opts o = a->o;
	o.insecure_update = o.tsig_file == NULL;
	size_t before = sipdns_job_diag(j)->n;
	enum sipdns_status st = sipdns_job_apply(j, r, &o, &res);
	if (st != SIPDNS_OK) {
		cli_failed(j, before, st);
		rc = st == SIPDNS_EINPUT || st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
	} else {
		if (res.over_threshold)
			say_threshold(a, &res, false);
		fprintf(stderr, "sipdns: dry run: %zu to delete, %zu to add; nothing was sent\n",
			res.n_delete, res.n_add);
		rc = r->unverified ? EXIT_RUNTIME
		     : r->errors || r->warnings ? EXIT_FINDINGS : EXIT_GOOD;
	}
	sipdns_apply_result_fini(&res);
	return rc;
}

static int
apply_run(struct aargs *a, struct sipdns_job *j)
{
	int rc = pick_view(a, j);
	if (rc != EXIT_GOOD)
		return rc;
	struct sipdns_verify_result r;
	rc = read_zones(a, j, &r, "before the updates: nothing was sent");
	if (rc < 0 && r.n_q > 0 && r.unverified == r.expected && !a->o.dry_run) {
		fprintf(stderr, "sipdns: no question about the zones was answered at %s: nothing was sent\n",
			a->csv);
		rc = EXIT_RUNTIME;
	}
	if (rc < 0)
		rc = a->o.dry_run ? apply_dry(a, j, &r) : apply_send(a, j, &r);
	sipdns_verify_result_fini(&r);
	return rc;
}

int
cmd_apply(int argc, char **argv)
{
	struct aargs a = {
		.o = { .view = -1, .max_change = 30, .cancel = &cli_cancel },
		.v = { .view = -1, .no_recurse = true, .timeout_ms = 1000,
		       .tries = 3, .max_in_flight = 64, .max_per_server = 64,
		       .cancel = &cli_cancel },
	};
	char err[300];
	if (!apply_args(&a, argc, argv, err, sizeof(err))) {
		fprintf(stderr, "sipdns: %s\nTry 'sipdns apply --help'.\n", err);
		return EXIT_INVALID;
	}
	if (a.help) {
		fputs(cmd_apply_usage, stdout);
		return EXIT_GOOD;
	}
	struct sipdns_job *j;
	int rc = cli_load(a.topology, &j);
	if (rc >= 0)
		return rc;
	if (sipdns_job_diag(j)->errors) {
		sipdns_diag_print(sipdns_job_diag(j), stderr, true);
		fprintf(stderr, "sipdns: nothing sent: fix the topology first\n");
		rc = EXIT_INVALID;
	} else {
		rc = apply_run(&a, j);
	}
	sipdns_job_destroy(j);
	return rc;
}
