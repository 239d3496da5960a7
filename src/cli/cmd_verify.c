/* cmd_verify.c -- sipdns verify: ask live DNS, report the drift
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "report_between.h"
#include "progress.h"
#include "sipdns.h"

const char cmd_verify_usage[] =
"Usage: sipdns verify [OPTIONS] TOPOLOGY\n"
"\n"
"Ask each view's DNS servers for every name the topology manages and\n"
"compare with the records it needs: missing, unexpected, changed, TTL,\n"
"SRV targets that are aliases or IPv6-only. A question that fails\n"
"(timeout, SERVFAIL, REFUSED, not authoritative) is reported as such,\n"
"never as a missing record and never as in sync.\n"
"\n"
"Options:\n"
"  -s, --server VIEW=ADDR[:PORT]  a server of a view (internal, external or\n"
"                       perimeter):\n"
"                       IPv4, [IPv6] or a host name (resolved once); repeat\n"
"                       for several. A view without --server is asked at\n"
"                       its name servers from the topology\n"
"      --system-resolver  a view without --server uses the system resolver\n"
"      --deadline SECONDS  end the run then: what is left is unverified\n"
"      --view VIEW      verify one view only (internal, external or\n"
"                       perimeter)\n"
"      --between OLD=ADDR[:PORT] NEW=ADDR[:PORT]\n"
"                       before a cutover: ask two servers the same questions\n"
"                       (every managed and must-not-exist name of one view)\n"
"                       and show, answer by answer, what is the same, what\n"
"                       differs (both shown), what only one side has, and\n"
"                       what could not be seen on a side; then each side\n"
"                       against the topology. OLD and NEW are your labels\n"
"                       (any word). Needs --view when the topology has two\n"
"                       views; not with --server, --system-resolver,\n"
"                       --state or --plan\n"
"      --teams-only-preflight  before the switch to TeamsOnly: for every SIP\n"
"                       domain (whatever its m365: mode), ask only the names\n"
"                       Microsoft's TeamsOnly DNS gate looks at (sip,\n"
"                       lyncdiscover, _sip._tls, _sipfederationtls._tcp:\n"
"                       the Microsoft 365 values expected, split-brain copies\n"
"                       inside) and the on-premises names that must then be\n"
"                       gone, internal ones included; a wildcard answering\n"
"                       such a name is a finding. Ends with one line per SIP\n"
"                       domain. Goes with --server, --no-recurse, --timeout,\n"
"                       --tries, --format, --print-questions; not with\n"
"                       --view (every view is asked), --between, --state,\n"
"                       --notify or --plan\n"
"      --no-recurse     RD=0 and answers must be authoritative: ask the\n"
"                       authoritative servers, so that no cache hides drift\n"
"      --answers POLICY exact (default): extra records at a managed name\n"
"                       and type are drift; superset: they are not\n"
"      --ttl POLICY     warn (default), ignore or exact (an error)\n"
"      --timeout MS     first try's timeout, doubled on each retry (1000)\n"
"      --tries N        tries per query (3)\n"
"      --max-in-flight N     queries in flight per view (64)\n"
"      --max-per-server N    queries in flight per server (64)\n"
"      --print-questions  print every query verify would send (NAME TYPE,\n"
"                       dnsperf's input format): the questions, then the\n"
"                       wildcard probes (random names), instead of asking\n"
"                       them\n"
"      --state FILE     remember findings: report which are new, which\n"
"                       persist (since when), which were fixed and which\n"
"                       this run did not check (carried over); locked,\n"
"                       a second run waits up to 10 s for the first\n"
"      --plan FORMAT    print the change plan instead of the report:\n"
"                       nsupdate, dnscmd, powershell, markdown or json\n"
"                       (README: Change plans)\n"
"      --plan-file FILE write the plan to FILE (atomically); the report\n"
"                       stays on stdout\n"
"      --prune          the plan deletes records at managed names that the\n"
"                       topology does not expect (default: kept, listed)\n"
"      --include-self-registered  Windows plans add self-registered\n"
"                       records too\n"
"      --notify WHEN    always (default), or changes: print and exit\n"
"                       non-zero only when the findings changed since the\n"
"                       last run or a question failed (needs --state)\n"
"  -f, --format FORMAT  text (default), json (schema_version 1), nagios\n"
"  -q, --quiet          text: print nothing when in sync (for cron)\n"
"  -v, --verbose        text: list every question that could not be\n"
"                       verified (by default one line per cause: a server\n"
"                       that does not answer, a zone it refuses, or per\n"
"                       zone and failure, with the count)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 in sync, 1 drift found, 2 usage error or invalid topology,\n"
"3 could not verify (a query failed, or the state file could not be read\n"
"or written; any drift found is still listed).\n"
"With --format nagios: 0 OK, 1 WARNING (TTL only), 2 CRITICAL (drift, or a\n"
"server did not answer), 3 UNKNOWN (usage, invalid topology).\n"
"With --teams-only-preflight: 0 the gate would pass and nothing on premises\n"
"would still be used, 1 a record stands in the way (listed, and counted per SIP\n"
"domain), 3 a question failed.\n"
"With --between: 0 every answer the same and seen on both, 1 answers differ\n"
"(TTL included), 3 an answer was not seen on a side: 3 wins over 1, since an\n"
"answer not seen must never look like a pass (the differences seen are\n"
"still listed); 2 usage error or invalid topology. With --format nagios:\n"
"CRITICAL differences, else UNKNOWN unseen answers, else WARNING TTL only.\n"
"NO_COLOR turns colours off; they are used only on a terminal.\n";

enum vformat { VF_TEXT = 0, VF_JSON, VF_NAGIOS };
static const char *const format_names[] = { "text", "json", "nagios", NULL };
static const char *const notify_names[] = { "always", "changes", NULL };

struct vargs {
	struct sipdns_verify_opts o;
	char *csv[SIPDNS_VIEW_COUNT];
	const char *state, *topology;
	enum vformat format;
	bool quiet, verbose, print_questions, help, notify_changes;
	bool options_read;         /* all options were read */
	struct cli_plan plan;
	struct cli_progress progress;
	/* --between: the labels and the servers (as verify's lists) */
	char *between_label[2], *between_server[2];
	int n_between;             /* 0, 1 (OLD read), 2 */
	bool any_server;           /* -s was given */
	bool preflight;            /* --teams-only-preflight */
};

/* One side of --between, LABEL=ADDR[:PORT], into a->between_*[i]. */
static bool
between_side(struct vargs *a, int i, const char *arg, char *err, size_t errlen)
{
	const char *eq = arg ? strchr(arg, '=') : NULL;
	size_t n = eq ? (size_t)(eq - arg) : 0;
	bool word = n > 0 && n < 64;
	for (size_t k = 0; word && k < n; k++)
		word = (arg[k] >= 'a' && arg[k] <= 'z') || (arg[k] >= 'A' && arg[k] <= 'Z') ||
		       (arg[k] >= '0' && arg[k] <= '9') || arg[k] == '-' || arg[k] == '_';
	if (!word) {
		snprintf(err, errlen, "--between '%s': each side is LABEL=ADDR[:PORT], LABEL a word (letters, digits, - or _), e.g. --between dc01=10.0.0.1 nsd=127.0.0.1:5353",
			 arg ? arg : "");
		return false;
	}
	char tmp[400], *csv[SIPDNS_VIEW_COUNT] = { NULL, NULL };
	snprintf(tmp, sizeof(tmp), "internal=%s", eq + 1);
	if (!opt_add_server(csv, tmp, err, errlen)) {
		free(csv[0]);
		snprintf(err, errlen, "--between '%s': expected LABEL=ADDR[:PORT]: an IPv4 address, [IPv6] or host name and an optional :PORT (1-65535)", arg);
		return false;
	}
	a->between_server[i] = csv[0];
	if ((a->between_label[i] = strndup(arg, n)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	if (i == 1 && strcasecmp(a->between_label[0], a->between_label[1]) == 0) {
		snprintf(err, errlen, "--between: the label '%s' is used twice; give each server its own", a->between_label[1]);
		return false;
	}
	return true;
}

/* --between OLD=ADDR NEW=ADDR: the option's argument, then the next word. */
static bool
between_opt(struct vargs *a, int argc, char **argv, const char *arg, char *err,
	    size_t errlen)
{
	if (a->n_between) {
		snprintf(err, errlen, "--between given twice; compare two servers at a time");
		return false;
	}
	if (!between_side(a, 0, arg, err, errlen))
		return false;
	a->n_between = 1;
	if (optind >= argc || argv[optind][0] == '-' || !strchr(argv[optind], '=')) {
		snprintf(err, errlen, "--between needs two servers: --between OLD=ADDR[:PORT] NEW=ADDR[:PORT]");
		return false;
	}
	if (!between_side(a, 1, argv[optind++], err, errlen))
		return false;
	a->n_between = 2;
	return true;
}

/* --between does not go with the options that choose other servers or
 * belong to a single run. */
static bool
between_check(const struct vargs *a, char *err, size_t errlen)
{
	const char *bad = a->any_server ? "--server"
			  : a->o.system_resolver ? "--system-resolver"
			  : a->state ? "--state"
			  : a->plan.format || a->plan.file ? "--plan"
			  : a->print_questions ? "--print-questions"
			  : a->notify_changes ? "--notify" : NULL;
	if (bad == NULL)
		return true;
	snprintf(err, errlen, "--between and %s do not go together: --between asks exactly the two servers it names", bad);
	return false;
}

/* --teams-only-preflight asks other names than verify: it does not go
 * with the options that keep or act on verify's findings. */
static bool
preflight_check(const struct vargs *a, char *err, size_t errlen)
{
	const char *bad = a->n_between ? "--between"
			  : a->state ? "--state"
			  : a->notify_changes ? "--notify"
			  : a->plan.format || a->plan.file ? "--plan" : NULL;
	if (a->o.view >= 0) {   /* a view not asked cannot be called ready */
		snprintf(err, errlen, "--teams-only-preflight and --view do not go together: a SIP domain is ready only when every view that holds its names was asked (internal records still pointing on premises are what the gate misses); give every view's servers instead");
		return false;
	}
	if (bad == NULL)
		return true;
	snprintf(err, errlen, "--teams-only-preflight and %s do not go together: the preflight asks only the Microsoft 365 names, as if every SIP domain were teams_only; run verify without it for that", bad);
	return false;
}

/* One option; false with a message in err. */
static bool
verify_opt(struct vargs *a, int c, const char *arg, char *err, size_t errlen)
{
	unsigned long n;
	int k;
	bool taken, ok = cli_plan_opt(&a->plan, c, arg, &taken, err, errlen);
	if (taken)
		return ok;
	switch (c) {
	case 's': a->any_server = true; return opt_add_server(a->csv, arg, err, errlen);
	case 'V':
		if ((a->o.view = opt_choice(arg, opt_view_names)) >= 0)
			return true;
		snprintf(err, errlen, "unknown view '%s'; use internal, external or perimeter", arg);
		return false;
	case 'R': a->o.no_recurse = true; return true;
	case 'A':
		if ((k = opt_choice(arg, opt_answer_names)) < 0) {
			snprintf(err, errlen, "--answers '%s': use exact or superset", arg);
			return false;
		}
		a->o.answers = (enum sipdns_answer_policy)k;
		return true;
	case 'T':
		if ((k = opt_choice(arg, opt_ttl_names)) < 0) {
			snprintf(err, errlen, "--ttl '%s': use warn, ignore or exact", arg);
			return false;
		}
		a->o.ttl = (enum sipdns_ttl_policy)k;
		return true;
	case 't': case 'r': case 'm': case 'M': {
		unsigned *p = c == 't' ? &a->o.timeout_ms : c == 'r' ? &a->o.tries
			      : c == 'm' ? &a->o.max_in_flight : &a->o.max_per_server;
		if (!opt_uint(arg, c == 't' ? 60000 : c == 'r' ? 10 : 10000, false, &n)) {
			snprintf(err, errlen, "'%s' is not a number in range for this option", arg);
			return false;
		}
		*p = (unsigned)n;
		return true;
	}
	case 'S': a->state = arg; return true;
	case 'Y': a->o.system_resolver = true; return true;
	case 'D':
		if (!opt_uint(arg, 86400, false, &n)) {
			snprintf(err, errlen, "--deadline '%s': seconds, 1 to 86400", arg);
			return false;
		}
		a->o.deadline_ms = (unsigned)n * 1000;
		return true;
	case 'P': a->print_questions = true; return true;
	case 'O': a->preflight = a->o.teams_only_preflight = true; return true;
	case 'f':
		if ((k = opt_choice(arg, format_names)) < 0) {
			snprintf(err, errlen, "unknown format '%s'; use text, json or nagios", arg);
			return false;
		}
		a->format = (enum vformat)k;
		return true;
	case 'N':
		if (opt_choice(arg, notify_names) < 0) {
			snprintf(err, errlen, "--notify '%s': use always or changes", arg);
			return false;
		}
		a->notify_changes = strcmp(arg, "changes") == 0;
		return true;
	case 'q': a->quiet = true; return true;
	case 'v': a->verbose = true; return true;
	case 'h': a->help = true; return true;
	}
	snprintf(err, errlen, "invalid option");
	return false;
}

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_verify_options[] = {
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
	{ "system-resolver", no_argument, NULL, 'Y' },
	{ "deadline", required_argument, NULL, 'D' },
	{ "notify", required_argument, NULL, 'N' },
	{ "format", required_argument, NULL, 'f' },
	{ "print-questions", no_argument, NULL, 'P' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "between", required_argument, NULL, 'B' },
	{ "teams-only-preflight", no_argument, NULL, 'O' },
	CLI_PLAN_OPTIONS,
	{ NULL, 0, NULL, 0 },
};
const char cmd_verify_shortopts[] = "s:f:qvh";
const struct cli_optarg cmd_verify_optargs[] = {
	{ "view", CLI_ARG_WORDS, opt_view_names },
	{ "answers", CLI_ARG_WORDS, opt_answer_names },
	{ "ttl", CLI_ARG_WORDS, opt_ttl_names },
	{ "state", CLI_ARG_FILE, NULL },
	{ "notify", CLI_ARG_WORDS, notify_names },
	{ "format", CLI_ARG_WORDS, format_names },
	CLI_PLAN_OPTARGS,
	{ NULL, CLI_ARG_NONE, NULL },
};

static bool
verify_args(struct vargs *a, int argc, char **argv, char *err, size_t errlen)
{
	int c;
	while ((c = getopt_long(argc, argv, cmd_verify_shortopts, cmd_verify_options, NULL)) != -1) {
		bool ok = c == 'B' ? between_opt(a, argc, argv, optarg, err, errlen)
			  : verify_opt(a, c, optarg, err, errlen);
		if (!ok || a->help)
			return a->help;
	}
	a->options_read = true;
	if (optind + 1 != argc) {
		snprintf(err, errlen, "verify takes exactly one TOPOLOGY file");
		return false;
	}
	a->topology = argv[optind];
	if (a->notify_changes && (a->state == NULL || a->format == VF_NAGIOS)) {
		snprintf(err, errlen, "--notify changes needs --state FILE and text or json");
		return false;
	}
	if (a->n_between && !between_check(a, err, errlen))
		return false;
	if (a->preflight && !preflight_check(a, err, errlen))
		return false;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		a->o.servers[v] = a->csv[v];
	return true;
}

/* The progress line, on a terminal only. */
static void
on_progress(void *arg, enum sipdns_view_id v, size_t done, size_t failed,
	    size_t total)
{
	struct vargs *a = arg;
	cli_progress_show(&a->progress, "%s view: %zu of %zu back: %zu answered, %zu failed",
			  sipdns_view_name(v), done, total, done - failed, failed);
}

static void
print_list(const struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_q; i++) {
		const char *name;
		char tn[16];
		if (sipdns_verify_question_text(r, i, &name, tn, sizeof(tn)))
			printf("%s. %s\n", name, tn);
	}
}

/* every query verify would send: the questions, then the wildcard probes
 * (a load generator given this list sends what verify sends) */
static int
print_questions(const struct sipdns_job *j, const struct vargs *a,
		const struct sipdns_verify_result *r)
{
	struct sipdns_verify_result p;
	memset(&p, 0, sizeof(p));
	enum sipdns_status st = sipdns_job_probes(j, &a->o, r, &p);
	if (st != SIPDNS_OK) {
		sipdns_verify_result_fini(&p);
		fprintf(stderr, "sipdns: %s\n", sipdns_strerror(st));
		return EXIT_RUNTIME;
	}
	print_list(r);
	print_list(&p);
	sipdns_verify_result_fini(&p);
	return EXIT_GOOD;
}

/* Report a finished run; the exit status. */
static int
verify_report(const struct vargs *a, const struct sipdns_verify_result *r)
{
	if (a->format == VF_NAGIOS)
		return report_nagios(stdout, r);
	const char *status = r->unverified ? "unverified"
			     : r->errors || r->warnings ? "drift" : "in_sync";
	if (a->notify_changes && r->state_read && !r->state_changed &&
	    !r->unverified)
		return EXIT_GOOD;   /* nothing new to tell */
	struct report_src src = { { r->servers_used[0], r->servers_used[1],
				    r->servers_used[SIPDNS_VIEW_PERIMETER] } };
	if (a->format == VF_JSON)
		report_json(stdout, r, status);
	else if (!a->quiet || r->n_f || r->n_fixed || r->n_not_checked)
		report_text_verbose(stdout, r, &src, a->state != NULL, a->verbose,
			    report_colors());
	return r->unverified ? EXIT_RUNTIME
	       : r->errors || r->warnings ? EXIT_FINDINGS : EXIT_GOOD;
}

/* The preflight's verdict, one line per SIP domain (text only). */
static void
preflight_report(const struct sipdns_job *j, const struct sipdns_verify_result *r)
{
	size_t n = sipdns_job_sip_domains(j), ready = 0;
	printf("TeamsOnly preflight (every SIP domain read as teams_only; the names Microsoft's gate asks, M365-G1, and what it misses, M365-G2, M365-T5):\n");
	for (size_t i = 0; i < n; i++) {
		struct sipdns_preflight_domain d;
		sipdns_job_preflight_domain(j, r, i, &d);
		bool ok = !d.gate_refuses && !d.beyond_gate && !d.missing && !d.unverified;
		ready += ok;
		printf("  %s (m365: %s): ", d.name, d.mode);
		if (ok) {
			printf("ready: the gate would pass and nothing on premises would still be used\n");
			continue;
		}
		printf("%s", d.gate_refuses ? "the gate would refuse" : d.unverified ? "not known" : "the gate would pass");
		if (d.gate_refuses)
			printf(", %zu record(s) not at Microsoft 365", d.gate_refuses);
		if (d.beyond_gate)
			printf(", %zu record(s) the gate misses still point on premises", d.beyond_gate);
		if (d.missing)
			printf(", %zu Microsoft 365 record(s) missing", d.missing);
		if (d.unverified)
			printf(", %zu question(s) failed", d.unverified);
		printf("\n");
	}
	printf("%zu of %zu SIP domain(s) ready for TeamsOnly\n", ready, n);
}

/* The run's findings are complete but the state could not be used:
 * the report first, then why, exit 3. */
static int
verify_state_failed(const struct vargs *a, struct sipdns_job *j, size_t before,
		    const struct sipdns_verify_result *r)
{
	if (a->format == VF_NAGIOS) {
		printf("SIPDNS UNKNOWN - the state file %s cannot be used (see stderr)\n",
		       a->state);
		report_nagios_lines(stdout, r);
	} else {
		struct vargs b = *a;
		b.notify_changes = false;
		b.quiet = false;
		verify_report(&b, r);
	}
	fflush(stdout);
	cli_failed(j, before, SIPDNS_EIO);
	return 3;
}

/* Ask and report, for a loaded job without errors. */
static int
verify_run(struct vargs *a, struct sipdns_job *j)
{
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	size_t before = sipdns_job_diag(j)->n;
	enum sipdns_status st = sipdns_job_questions(j, &a->o, &r);
	if (st == SIPDNS_OK && a->print_questions) {
		int rc = print_questions(j, a, &r);
		sipdns_verify_result_fini(&r);
		return rc;
	}
	if (st == SIPDNS_OK)
		st = sipdns_job_verify(j, &a->o, a->state, (long)time(NULL), &r);
	cli_progress_end(&a->progress);
	int rc = -1;   /* every branch sets it (GCC -O2 with sanitizers cannot tell) */
	if (st == SIPDNS_ECANCELLED) {
		fprintf(stderr, "sipdns: interrupted: nothing was verified%s\n",
			a->state ? " and the state file was not changed" : "");
		if (a->format == VF_NAGIOS)
			printf("SIPDNS UNKNOWN - interrupted\n");
		rc = a->format == VF_NAGIOS ? 3 : EXIT_RUNTIME;
	} else if (st != SIPDNS_OK && r.state_failed) {
		rc = verify_state_failed(a, j, before, &r);
	} else if (st != SIPDNS_OK) {
		const char *why = cli_failed(j, before, st);
		if (a->format == VF_NAGIOS)
			printf("SIPDNS UNKNOWN - %s\n", why);
		rc = a->format == VF_NAGIOS ? 3
		     : st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
	} else {
		bool report = true;
		for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
			a->plan.servers[v] = a->csv[v];
		if (a->plan.format || a->plan.file)
			rc = cli_plan_write(j, &r, &a->plan, "verify", a->topology,
					    &report);
		if (report)
			rc = verify_report(a, &r);
		if (a->preflight && a->format == VF_TEXT &&
		    (!a->quiet || r.n_f || r.unverified))
			preflight_report(j, &r);
		else if (rc < 0)
			rc = r.unverified ? EXIT_RUNTIME
			     : r.errors || r.warnings ? EXIT_FINDINGS : EXIT_GOOD;
	}
	cli_leave_result(&r);
	return rc;
}

/* --between: ask both servers, pair their answers, report; the exit
 * status. */
static int
between_run(struct vargs *a, struct sipdns_job *j)
{
	struct sipdns_between_result res;
	memset(&res, 0, sizeof(res));
	size_t before = sipdns_job_diag(j)->n;
	const char *const server[2] = { a->between_server[0], a->between_server[1] };
	enum sipdns_status st = sipdns_job_between(j, &a->o, server, &res);
	cli_progress_end(&a->progress);
	bool nagios = a->format == VF_NAGIOS;
	struct report_between_src src = { { a->between_label[0], a->between_label[1] } };
	int rc;
	if (st == SIPDNS_ECANCELLED) {
		fprintf(stderr, "sipdns: interrupted: nothing was compared\n");
		if (nagios)
			printf("SIPDNS UNKNOWN - interrupted\n");
		rc = EXIT_RUNTIME;
	} else if (st != SIPDNS_OK) {
		const char *why = cli_failed(j, before, st);
		if (nagios)
			printf("SIPDNS UNKNOWN - %s\n", why);
		rc = nagios ? 3 : st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
	} else if (nagios) {
		rc = report_between_nagios(stdout, &res, &src);
	} else {
		if (a->format == VF_JSON)
			report_between_json(stdout, &res, &src);
		else
			report_between_text(stdout, &res, &src, a->verbose, a->quiet);
		rc = report_between_status(&res);
	}
	sipdns_between_result_fini(&res);
	return rc;
}

/* Was --format nagios asked for anywhere on the command line? Usage errors
 * found before it is read are then a plugin's UNKNOWN too. */
static bool
wants_nagios(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--") == 0)
			break;
		if (strcmp(s, "-fnagios") == 0 || strcmp(s, "--format=nagios") == 0)
			return true;
		if ((strcmp(s, "-f") == 0 || strcmp(s, "--format") == 0) &&
		    i + 1 < argc && strcmp(argv[i + 1], "nagios") == 0)
			return true;
	}
	return false;
}

int
cmd_verify(int argc, char **argv)
{
	struct vargs a = {
		.o = { .view = -1, .timeout_ms = 1000, .tries = 3,
		       .max_in_flight = 64, .max_per_server = 64,
		       .cancel = &cli_cancel },
	};
	char err[300];
	int rc;
	bool nagios_asked = wants_nagios(argc, argv);
	if (!verify_args(&a, argc, argv, err, sizeof(err))) {
		fprintf(stderr, "sipdns: %s\nTry 'sipdns verify --help'.\n", err);
		if (nagios_asked)
			printf("SIPDNS UNKNOWN - usage: %s\n", err);
		rc = nagios_asked ? 3 : EXIT_INVALID;
	} else if (a.help) {
		fputs(cmd_verify_usage, stdout);
		rc = EXIT_GOOD;
	} else {
		cli_progress_init(&a.progress, !a.quiet);
		if (a.progress.on) {
			a.o.progress = on_progress;
			a.o.progress_arg = &a;
		}
		struct sipdns_job *j;
		rc = cli_load(a.topology, &j);
		bool nagios = a.format == VF_NAGIOS;
		if (rc >= 0) {
			if (nagios)
				printf("SIPDNS UNKNOWN - cannot read the topology %s\n", a.topology);
			rc = nagios ? 3 : rc;
		} else if (sipdns_job_diag(j)->errors) {
			sipdns_diag_print(sipdns_job_diag(j), stderr, true);
			fprintf(stderr, "sipdns: not verified: fix the topology first\n");
			if (nagios)
				printf("SIPDNS UNKNOWN - the topology %s has errors\n", a.topology);
			rc = nagios ? 3 : EXIT_INVALID;
		} else if (a.preflight && sipdns_job_teams_only_preflight(j) != SIPDNS_OK) {
			sipdns_diag_print(sipdns_job_diag(j), stderr, true);
			fprintf(stderr, "sipdns: the topology cannot be read as TeamsOnly: nothing verified\n");
			rc = nagios ? 3 : EXIT_INVALID;
		} else {
			rc = a.n_between ? between_run(&a, j) : verify_run(&a, j);
		}
		cli_leave_job(j);
	}
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		free(a.csv[v]);
	for (int i = 0; i < 2; i++) {
		free(a.between_label[i]);
		free(a.between_server[i]);
	}
	return rc;
}
