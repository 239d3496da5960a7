/* cmd_diff.c -- sipdns diff: compare zone files with the topology
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sipdns.h"

const char cmd_diff_usage[] =
"Usage: sipdns diff [OPTIONS] TOPOLOGY ZONEFILE...\n"
"       sipdns diff [OPTIONS] --axfr SERVER[:PORT] --view VIEW TOPOLOGY\n"
"\n"
"Compare zone files (an export of the live zone, a zone transfer saved\n"
"with dig, or yesterday's output) with the records the topology needs,\n"
"with the same findings as verify: missing, unexpected, changed, ttl,\n"
"target-alias, aaaa-only, unverified. Each file is read with ldns; its\n"
"zone is its SOA owner, else its file name without .zone or .frag, and it\n"
"must be a zone of its view. Files of several views may be given at once:\n"
"each is compared in its own view, and only the names of the zones given.\n"
"$INCLUDE is followed, relative to the including file (8 files deep).\n"
"A Windows DNS export (ZONE.dns, dnscmd /ZoneExport) is read as it is:\n"
"its zone is the file name without .dns (or --zone); WINS records are\n"
"skipped with a warning; a record with [AGE:n] is dynamically registered:\n"
"its findings say so, and a plan never deletes it nor changes its TTL.\n"
"A name below a delegation (NS below the apex) is unverified, \"delegated\n"
"to ...\"; one answered by a wildcard (*.ZONE) is missing.\n"
"\n"
"Options:\n"
"      --view VIEW      the view of every file; by default each file's own\n"
"                       directory name (out/internal/contoso.com.zone;\n"
"                       internal, external or perimeter)\n"
"      --axfr SERVER[:PORT]  transfer every zone of the view from SERVER\n"
"                       (an address; [IPV6]:PORT) instead of reading files\n"
"      --tsig-file FILE sign the transfer with the key in FILE (BIND\n"
"                       format, as tsig-keygen writes it)\n"
"      --zone ZONE      only this zone of the view\n"
"      --answers POLICY exact (default) or superset\n"
"      --ttl POLICY     warn (default), ignore or exact\n"
"  -f, --format FORMAT  text (default) or json\n"
"      --plan FORMAT    print the change plan instead of the report:\n"
"                       nsupdate, dnscmd, powershell, markdown or json\n"
"                       (README: Change plans)\n"
"      --plan-file FILE write the plan to FILE (atomically); the report\n"
"                       stays on stdout\n"
"      --prune          the plan deletes records at managed names that the\n"
"                       topology does not expect (default: kept, listed)\n"
"      --include-self-registered  Windows plans add self-registered\n"
"                       records too\n"
"  -q, --quiet          print nothing when there is no difference\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 no difference, 1 differences, 2 usage error, invalid\n"
"topology, or a zone file that is unreadable (FILE:LINE: what is wrong),\n"
"holds no records (an empty file or a failed transfer), lacks its SOA\n"
"(any file but a .frag) or holds a zone its view does not have: nothing\n"
"is compared then; 3 runtime failure, or a zone transfer the server\n"
"refused or that failed (its rcode or TSIG error named): never compared\n"
"as an empty zone.\n";

struct dargs {
	struct sipdns_verify_opts o;
	bool quiet, json;
	struct cli_plan plan;
	char zone[256];   /* --zone, lower-case, no trailing dot */
};

/* A zone name as the library keeps it: lower-case, no trailing dot; the
 * library's zone-name check (a host name, or a pin-point zone such as
 * _sipinternaltls._tcp.contoso.com); false with the reason in why. */
static bool
opt_zone_name(const char *s, char *out, size_t size, const char **why)
{
	size_t n = strlen(s);
	if (!sipdns_valid_zone_name(s, n, why))
		return false;
	if (s[n - 1] == '.')
		n--;
	if (n >= size) {
		*why = "the name is too long";
		return false;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	out[n] = '\0';
	return true;
}

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_diff_options[] = {
	{ "view", required_argument, NULL, 'V' },
	{ "axfr", required_argument, NULL, 'X' },
	{ "tsig-file", required_argument, NULL, 'K' },
	{ "zone", required_argument, NULL, 'Z' },
	{ "answers", required_argument, NULL, 'A' },
	{ "ttl", required_argument, NULL, 'T' },
	{ "format", required_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	CLI_PLAN_OPTIONS,
	{ NULL, 0, NULL, 0 },
};
const char cmd_diff_shortopts[] = "f:qh";
const struct cli_optarg cmd_diff_optargs[] = {
	{ "view", CLI_ARG_WORDS, opt_view_names },
	{ "answers", CLI_ARG_WORDS, opt_answer_names },
	{ "ttl", CLI_ARG_WORDS, opt_ttl_names },
	{ "tsig-file", CLI_ARG_FILE, NULL },
	{ "format", CLI_ARG_WORDS, opt_format_names },
	CLI_PLAN_OPTARGS,
	{ NULL, CLI_ARG_NONE, NULL },
};

/* Options; -1 to go on, else the exit status. */
static int
diff_args(struct dargs *a, int argc, char **argv)
{
	int c, k;
	char err[200];
	const char *why;
	bool taken;
	while ((c = getopt_long(argc, argv, cmd_diff_shortopts, cmd_diff_options, NULL)) != -1) {
		if (!cli_plan_opt(&a->plan, c, optarg, &taken, err, sizeof(err)))
			return opt_misuse("diff", "%s", err);
		if (taken)
			continue;
		switch (c) {
		case 'V':
			if ((a->o.view = opt_choice(optarg, opt_view_names)) < 0)
				return opt_misuse("diff", "unknown view '%s'; use internal, external or perimeter", optarg);
			break;
		case 'A':
			if ((k = opt_choice(optarg, opt_answer_names)) < 0)
				return opt_misuse("diff", "--answers '%s': use exact or superset", optarg);
			a->o.answers = (enum sipdns_answer_policy)k;
			break;
		case 'T':
			if ((k = opt_choice(optarg, opt_ttl_names)) < 0)
				return opt_misuse("diff", "--ttl '%s': use warn, ignore or exact", optarg);
			a->o.ttl = (enum sipdns_ttl_policy)k;
			break;
		case 'f':
			if ((k = opt_choice(optarg, opt_format_names)) < 0)
				return opt_misuse("diff", "unknown format '%s'; use text or json", optarg);
			a->json = k == 1;
			break;
		case 'X': a->o.axfr = optarg; break;
		case 'K': a->o.tsig_file = optarg; break;
		case 'Z':
			if (!opt_zone_name(optarg, a->zone, sizeof(a->zone), &why)) {
				char zerr[320];
				snprintf(zerr, sizeof(zerr), "--zone '%.80s' is not a zone name: %s", optarg, why);
				return opt_misuse("diff", "%s", zerr);
			}
			a->o.zone = a->zone;
			break;
		case 'q': a->quiet = true; break;
		case 'h': fputs(cmd_diff_usage, stdout); return EXIT_GOOD;
		default: return opt_misuse("diff", "%s", "invalid option");
		}
	}
	if (a->o.tsig_file != NULL && a->o.axfr == NULL)
		return opt_misuse("diff", "%s", "--tsig-file signs a transfer: give --axfr SERVER too");
	if (a->o.axfr != NULL && argc - optind != 1)
		return opt_misuse("diff", "%s", "with --axfr, diff takes a TOPOLOGY and no ZONEFILE");
	if (a->o.axfr != NULL && a->o.view < 0)
		return opt_misuse("diff", "%s", "--axfr needs --view internal or --view external: the view the server serves");
	if (a->o.axfr != NULL)
		return -1;
	if (argc - optind < 2)
		return opt_misuse("diff", "%s", "diff takes a TOPOLOGY and at least one ZONEFILE");
	/* each file's view: given, or its own directory's name */
	for (int i = optind + 1; i < argc; i++)
		if (a->o.view < 0 && opt_view_of_path(argv[i]) < 0)
			return opt_misuse("diff", "cannot tell the view of '%s' from its directory: pass --view internal or --view external", argv[i]);
	return -1;
}

/* The view of each file, into views (n of them). */
static void
diff_views(const struct dargs *a, const char *const *paths, size_t n,
	   enum sipdns_view_id *views)
{
	for (size_t i = 0; i < n; i++)
		views[i] = (enum sipdns_view_id)(a->o.view >= 0 ? a->o.view
					 : opt_view_of_path(paths[i]));
}

static int
diff_run(const struct dargs *a, struct sipdns_job *j, const char *topology,
	 const char *const *paths, size_t n)
{
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	size_t before = sipdns_job_diag(j)->n;
	enum sipdns_view_id *views = calloc(n ? n : 1, sizeof(*views));
	if (views == NULL) {
		fprintf(stderr, "sipdns: out of memory\n");
		return EXIT_RUNTIME;
	}
	diff_views(a, paths, n, views);
	enum sipdns_status st = sipdns_job_diff(j, &a->o, paths, views, n, &r);
	free(views);
	int rc;
	if (st == SIPDNS_EINPUT || st == SIPDNS_EUSAGE) {
		cli_failed(j, before, st);
		rc = EXIT_INVALID;
	} else if (st == SIPDNS_ECANCELLED) {
		fprintf(stderr, "sipdns: interrupted: nothing was compared\n");
		rc = EXIT_RUNTIME;
	} else if (st != SIPDNS_OK) {
		cli_failed(j, before, st);
		rc = EXIT_RUNTIME;
	} else {
		bool report = true;
		/* what the sources said (a Windows export's skipped WINS) */
		if (sipdns_job_diag(j)->n > before)
			sipdns_diag_print_from(sipdns_job_diag(j), before, stderr);
		if ((a->plan.format || a->plan.file) &&
		    (rc = cli_plan_write(j, &r, &a->plan, "diff", topology,
					 &report)) >= 0) {
			sipdns_verify_result_fini(&r);
			return rc;
		}
		const char *status = r.errors || r.warnings ? "drift" : "in_sync";
		struct report_src src = { { NULL, NULL } };
		for (size_t i = 0; i < r.n_files; i++)
			src.servers[r.files[i].view] = a->o.axfr ? a->o.axfr : "zone files";
		if (!report)
			;   /* the plan was printed instead */
		else if (a->json)
			report_json(stdout, &r, status);
		else if (!a->quiet || r.n_f)
			report_text(stdout, &r, &src, false, report_colors());
		rc = r.errors || r.warnings ? EXIT_FINDINGS : EXIT_GOOD;
	}
	sipdns_verify_result_fini(&r);
	return rc;
}

int
cmd_diff(int argc, char **argv)
{
	struct dargs a = { .o = { .view = -1, .cancel = &cli_cancel } };
	int rc = diff_args(&a, argc, argv);
	if (rc >= 0)
		return rc;
	struct sipdns_job *j;
	if ((rc = cli_load(argv[optind], &j)) >= 0)
		return rc;
	if (sipdns_job_diag(j)->errors) {
		sipdns_diag_print(sipdns_job_diag(j), stderr, true);
		fprintf(stderr, "sipdns: not compared: fix the topology first\n");
		rc = EXIT_INVALID;
	} else {
		rc = diff_run(&a, j, argv[optind], (const char *const *)argv + optind + 1,
			      (size_t)(argc - optind - 1));
	}
	sipdns_job_destroy(j);
	return rc;
}
