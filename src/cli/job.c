/* job.c -- a topology loaded for a subcommand, and what went wrong with it
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipdns.h"

/* Load a topology for a subcommand: the exit status of a failure (the
 * diagnostics printed), or -1 with *jp ready. */
int
cli_load(const char *path, struct sipdns_job **jp)
{
	enum sipdns_status st = sipdns_job_load(path, jp);
	if (st == SIPDNS_OK)
		return -1;
	if (*jp)
		sipdns_diag_print(sipdns_job_diag(*jp), stderr, st != SIPDNS_ENOMEM);
	if (st == SIPDNS_ENOMEM)
		fprintf(stderr, "sipdns: %s\n", sipdns_strerror(st));
	sipdns_job_destroy(*jp);
	*jp = NULL;
	return st == SIPDNS_ENOMEM || st == SIPDNS_EIO ? EXIT_RUNTIME
						       : EXIT_INVALID;
}

/* What a subcommand leaves to the system as it ends: the process's exit
 * frees it all at once, where tearing it down piece by piece (600,000
 * records, answers and rrs at 100,000 SIP domains) took 0.35 to 0.7 s of
 * verify's 6 and a tenth of check's time. It stays reachable from here,
 * so valgrind and LeakSanitizer see it as in use, not lost: a leak
 * elsewhere is still one. The library's teardown (sipdns_job_destroy,
 * sipdns_verify_result_fini) is what the unit tests and fuzzers run. */
static struct {
	struct sipdns_job *job;
	struct sipdns_verify_result *result;
} left;

void
cli_leave_job(struct sipdns_job *j)
{
	sipdns_job_destroy(left.job);
	left.job = j;
}

void
cli_leave_result(struct sipdns_verify_result *r)
{
	struct sipdns_verify_result *p = malloc(sizeof(*p));
	if (p == NULL) {
		sipdns_verify_result_fini(r);
		return;
	}
	*p = *r;
	if (left.result != NULL) {
		sipdns_verify_result_fini(left.result);
		free(left.result);
	}
	left.result = p;
}

const char *
cli_failed(struct sipdns_job *j, size_t before, enum sipdns_status st)
{
	const struct sipdns_diag *d = sipdns_job_diag(j);
	if (d->n == before) {
		fprintf(stderr, "sipdns: %s\n", sipdns_strerror(st));
		return sipdns_strerror(st);
	}
	sipdns_diag_print_from(d, before, stderr);
	return d->v[d->n - 1].message;
}

bool
cli_plan_opt(struct cli_plan *p, int c, const char *arg, bool *taken,
	     char *err, size_t errlen)
{
	*taken = true;
	switch (c) {
	case CLI_OPT_PLAN:
		if (sipdns_plan_format_known(arg)) {
			p->format = arg;
			return true;
		}
		snprintf(err, errlen, "unknown plan format '%s'; use nsupdate, markdown or json", arg);
		return false;
	case CLI_OPT_PLAN_FILE: p->file = arg; return true;
	case CLI_OPT_PRUNE: p->prune = true; return true;
	case CLI_OPT_SELF_REG: p->include_self_registered = true; return true;
	}
	*taken = false;
	return true;
}

/* One server "ADDR:PORT" or "[V6]:PORT" of a --server list: its address
 * and port into a (size bytes each); false for several, or a name. */
static bool
one_server(const char *csv, char *addr, char *port, size_t size)
{
	if (csv == NULL || strchr(csv, ',') || strchr(csv, ' '))
		return false;
	const char *colon = strrchr(csv, ':');
	if (colon == NULL || colon == csv)
		return false;
	size_t n = (size_t)(colon - csv);
	if (csv[0] == '[' && csv[n - 1] == ']')
		csv++, n -= 2;
	if (n >= size || strlen(colon + 1) >= size)
		return false;
	snprintf(addr, size, "%.*s", (int)n, csv);
	snprintf(port, size, "%s", colon + 1);
	return true;
}

int
cli_plan_write(struct sipdns_job *j, const struct sipdns_verify_result *r,
	       const struct cli_plan *p, const char *cmd,
	       const char *topology, bool *report)
{
	const char *base = strrchr(topology, '/');
	struct sipdns_plan_write_opts o = {
		.format = p->format ? p->format : "nsupdate",
		.prune = p->prune,
		.include_self_registered = p->include_self_registered,
		.path = p->file,
		.source = base ? base + 1 : topology,
		.made_from = cmd,
	};
	char addr[SIPDNS_VIEW_COUNT][64], port[SIPDNS_VIEW_COUNT][64];
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (one_server(p->servers[v], addr[v], port[v], sizeof(addr[v]))) {
			o.view_server[v] = addr[v];
			o.view_port[v] = port[v];
		}
	size_t before = sipdns_job_diag(j)->n;
	*report = p->file != NULL;
	enum sipdns_status st = sipdns_job_plan_write(j, r, &o, stdout);
	if (st == SIPDNS_OK)
		return -1;
	*report = false;
	cli_failed(j, before, st);
	return st == SIPDNS_EUSAGE ? EXIT_INVALID : EXIT_RUNTIME;
}
