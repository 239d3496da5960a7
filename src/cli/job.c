/* job.c -- a topology loaded for a subcommand, and what went wrong with it
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <stdio.h>

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
