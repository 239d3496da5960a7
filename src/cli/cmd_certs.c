/* cmd_certs.c -- sipdns certs: the names each certificate needs
 *
 * Lists, per certificate of the topology, the subject and subject
 * alternative names its DNS names require (reason and fact each), or with
 * --pem checks a real certificate against the list of one role.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sipdns.h"

const char cmd_certs_usage[] =
"Usage: sipdns certs [OPTIONS] TOPOLOGY\n"
"       sipdns certs --pem FILE --role ROLE [--for FQDN] [OPTIONS] TOPOLOGY\n"
"\n"
"Print, per certificate of the topology, the subject and the subject\n"
"alternative names (SANs) that its DNS names require, each with its reason\n"
"and fact id (README \"Certificates\"), and whether the topology declares\n"
"the certificate ('certificate: { subject, san }'; check compares those).\n"
"With --pem, check a real certificate (PEM) against the names of ROLE:\n"
"missing names, a wrong subject, names covered only by a wildcard, expired\n"
"or not yet valid; names no role needs are listed as harmless.\n"
"\n"
"Options:\n"
"  --format FMT  text (default) or json\n"
"  --pem FILE    the certificate to check (the first one in FILE)\n"
"  --role ROLE   pool, edge-internal, access-edge, web-conferencing-edge,\n"
"                reverse-proxy or cwa (with --pem: required; without: only\n"
"                that role's certificates are listed)\n"
"  --for FQDN    which one, when the topology has several of ROLE (pools:\n"
"                the automatic sign-in pool by default)\n"
"  -h, --help    show this help\n"
"\n"
"Exit status: 0 listed, or the certificate fits; 1 it does not fit;\n"
"2 bad usage or input (topology, PEM file, no such role); 3 runtime failure.\n";

struct certs_opts {
	bool json;
	const char *pem, *holder;
	int role;                 /* -1: every role */
};

static void
print_need_text(const struct sipdns_cert_need *n, const char **wild)
{
	printf("%s: %s\n", sipdns_cert_role_name(n->role), n->title);
	for (size_t i = 0; i < n->n_names; i++) {
		const struct sipdns_cert_name *m = &n->names[i];
		printf("  %-15s %-32s [%s] %s%s\n",
		       m->subject ? "subject and SAN" : "SAN", m->name, m->fact,
		       m->reason, m->strict_only ? " (strict DNS naming only)" : "");
	}
	if (n->note)
		printf("  note: %s\n", n->note);
	if (n->wildcard && (*wild == NULL || strcmp(*wild, n->wildcard) != 0)) {
		printf("  wildcard SANs: %s [%s]\n", n->wildcard, n->wildcard_fact);
		*wild = n->wildcard;
	}
	if (n->declared)
		printf("  declared at %s:%u:%u (sipdns check compares it)\n",
		       n->loc.file, n->loc.line, n->loc.col);
	else
		printf("  not declared in the topology\n");
}

static void
json_key(const char *k, const char *v, bool comma)
{
	printf("\"%s\": ", k);
	sipdns_json_string(stdout, v);
	if (comma)
		fputs(", ", stdout);
}

static void
print_need_json(const struct sipdns_cert_need *n)
{
	fputs("{", stdout);
	json_key("role", sipdns_cert_role_name(n->role), true);
	json_key("holder", n->holder, true);
	json_key("title", n->title, true);
	fputs("\"names\": [", stdout);
	for (size_t i = 0; i < n->n_names; i++) {
		const struct sipdns_cert_name *m = &n->names[i];
		fputs(i ? ", {" : "{", stdout);
		json_key("name", m->name, true);
		printf("\"subject\": %s, \"strict_only\": %s, ",
		       m->subject ? "true" : "false", m->strict_only ? "true" : "false");
		json_key("fact", m->fact, true);
		json_key("reason", m->reason, false);
		fputs("}", stdout);
	}
	fputs("], ", stdout);
	json_key("note", n->note, true);
	json_key("wildcard", n->wildcard, true);
	printf("\"declared\": %s", n->declared ? "true" : "false");
	if (n->declared)
		printf(", \"declared_at\": {\"line\": %u, \"column\": %u}",
		       n->loc.line, n->loc.col);
	fputs("}", stdout);
}

static int
list(struct sipdns_job *j, const char *path, const struct certs_opts *o)
{
	const struct sipdns_certs *c;
	enum sipdns_status st = sipdns_job_certs(j, &c);
	if (st != SIPDNS_OK) {
		cli_failed(j, sipdns_job_diag(j)->n, st);
		return EXIT_RUNTIME;
	}
	const char *wild = NULL;
	size_t shown = 0;
	if (o->json) {
		fputs("{\"schema_version\": 1, ", stdout);
		json_key("topology", path, true);
		fputs("\"certificates\": [", stdout);
	}
	for (size_t i = 0; i < c->n; i++) {
		if (o->role >= 0 && (int)c->v[i].role != o->role)
			continue;
		if (o->json) {
			fputs(shown ? ",\n  " : "\n  ", stdout);
			print_need_json(&c->v[i]);
		} else {
			if (shown)
				putchar('\n');
			print_need_text(&c->v[i], &wild);
		}
		shown++;
	}
	if (o->json)
		fputs("\n]}\n", stdout);
	else if (shown == 0)
		printf("no certificate of this topology carries names that DNS determines\n");
	return EXIT_GOOD;
}

static void
pem_text(const char *pem, const struct sipdns_cert_check *r)
{
	const struct sipdns_cert_need *n = r->need;
	printf("%s: subject %s, %zu DNS name%s in the SANs, valid %s to %s\n",
	       pem, r->subject ? r->subject : "(none)", r->n_san,
	       r->n_san == 1 ? "" : "s", r->not_before, r->not_after);
	printf("against %s: %s\n", sipdns_cert_role_name(n->role), n->title);
	for (size_t i = 0; i < r->n_f; i++)
		printf("  %s: %s [%s]\n",
		       r->f[i].severity == SIPDNS_ERROR ? "error" : "note",
		       r->f[i].text, sipdns_cert_finding_name(r->f[i].kind));
	if (r->errors == 0)
		printf("%s: fits: every name the %s needs is on it, and it is valid now\n",
		       pem, sipdns_cert_role_name(n->role));
	else
		printf("%s: does not fit: %zu problem%s\n", pem, r->errors,
		       r->errors == 1 ? "" : "s");
}

static void
pem_json(const char *pem, const struct sipdns_cert_check *r)
{
	fputs("{\"schema_version\": 1, ", stdout);
	json_key("pem", pem, true);
	json_key("role", sipdns_cert_role_name(r->need->role), true);
	json_key("holder", r->need->holder, true);
	json_key("subject", r->subject, true);
	fputs("\"san\": [", stdout);
	for (size_t i = 0; i < r->n_san; i++) {
		if (i)
			fputs(", ", stdout);
		sipdns_json_string(stdout, r->san[i]);
	}
	fputs("], ", stdout);
	json_key("not_before", r->not_before, true);
	json_key("not_after", r->not_after, true);
	printf("\"fits\": %s, \"findings\": [", r->errors ? "false" : "true");
	for (size_t i = 0; i < r->n_f; i++) {
		fputs(i ? ", {" : "{", stdout);
		json_key("kind", sipdns_cert_finding_name(r->f[i].kind), true);
		json_key("severity", r->f[i].severity == SIPDNS_ERROR ? "error" : "note", true);
		json_key("name", r->f[i].name, true);
		json_key("fact", r->f[i].fact, true);
		json_key("text", r->f[i].text, false);
		fputs("}", stdout);
	}
	fputs("]}\n", stdout);
}

static int
check_pem(struct sipdns_job *j, const struct certs_opts *o)
{
	struct sipdns_cert_check r = { 0 };
	size_t before = sipdns_job_diag(j)->n;
	enum sipdns_status st = sipdns_job_cert_pem(j, o->pem,
		(enum sipdns_cert_role)o->role, o->holder, time(NULL), &r);
	if (st != SIPDNS_OK) {
		cli_failed(j, before, st);
		return st == SIPDNS_ENOMEM ? EXIT_RUNTIME : EXIT_INVALID;
	}
	if (o->json)
		pem_json(o->pem, &r);
	else
		pem_text(o->pem, &r);
	int rc = r.errors ? EXIT_FINDINGS : EXIT_GOOD;
	sipdns_cert_check_fini(&r);
	return rc;
}

/* The options, also for completion (complete.c): getopt_long's table,
 * its short options, and what each option's argument is. */
const struct option cmd_certs_options[] = {
	{ "format", required_argument, NULL, 'F' },
	{ "pem", required_argument, NULL, 'P' },
	{ "role", required_argument, NULL, 'R' },
	{ "for", required_argument, NULL, 'O' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};
const char cmd_certs_shortopts[] = "h";
const struct cli_optarg cmd_certs_optargs[] = {
	{ "format", CLI_ARG_WORDS, opt_format_names },
	{ "pem", CLI_ARG_FILE, NULL },
	{ "role", CLI_ARG_CERT_ROLES, NULL },
	{ NULL, CLI_ARG_NONE, NULL },
};

static int
parse_opts(int argc, char **argv, struct certs_opts *o)
{
	enum sipdns_cert_role role;
	int c;
	while ((c = getopt_long(argc, argv, cmd_certs_shortopts, cmd_certs_options, NULL)) != -1) {
		switch (c) {
		case 'F':
			if (opt_choice(optarg, opt_format_names) < 0)
				return opt_misuse("certs", "--format must be text or json, not '%s'", optarg);
			o->json = strcmp(optarg, "json") == 0;
			break;
		case 'P': o->pem = optarg; break;
		case 'R':
			if (!sipdns_cert_role_parse(optarg, &role))
				return opt_misuse("certs", "unknown --role '%s' (pool, edge-internal, access-edge, web-conferencing-edge, reverse-proxy, cwa)", optarg);
			o->role = (int)role;
			break;
		case 'O': o->holder = optarg; break;
		case 'h': fputs(cmd_certs_usage, stdout); return EXIT_GOOD;
		default: return opt_misuse("certs", "%s", "invalid option");
		}
	}
	if (optind + 1 != argc)
		return opt_misuse("certs", "%s", "certs takes exactly one TOPOLOGY file");
	if (o->pem != NULL && o->role < 0)
		return opt_misuse("certs", "%s", "--pem needs --role: the role whose names the certificate must carry");
	if (o->holder != NULL && o->pem == NULL)
		return opt_misuse("certs", "%s", "--for goes with --pem");
	return -1;
}

int
cmd_certs(int argc, char **argv)
{
	struct certs_opts o = { .role = -1 };
	int rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	const char *path = argv[optind];
	struct sipdns_job *j;
	if ((rc = cli_load(path, &j)) >= 0)
		return rc;
	rc = o.pem ? check_pem(j, &o) : list(j, path, &o);
	sipdns_job_destroy(j);
	return rc;
}
