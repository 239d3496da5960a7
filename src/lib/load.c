/* load.c -- a job: parse a topology, build its records, check both
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "load.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model.h"
#include "write.h"
#include "parse.h"

enum sipdns_status
sipdns_job_load(const char *path, struct sipdns_job **out)
{
	struct sipdns_job *j = calloc(1, sizeof(*j));
	*out = j;
	if (j == NULL || (j->path = strdup(path)) == NULL)
		return SIPDNS_ENOMEM;
	sipdns_diag_init(&j->diag);
	enum sipdns_status st = sipdns_parse_file(path, &j->t, &j->diag,
						  &j->src, &j->srclen);
	j->diag.src = j->src;
	j->diag.srclen = j->srclen;
	j->diag.srcfile = j->path;
	if (st != SIPDNS_OK) {
		j->t = NULL;
		return st;
	}
	j->tarena = j->t->arena;
	if (sipdns_recset_init(&j->set) != SIPDNS_OK)
		return SIPDNS_ENOMEM;
	j->set_ready = true;
	/* the rules of the topology alone run beside the generation of its
	 * records, on a second thread when the topology is large enough to
	 * pay for one; their findings come after generate's, as they would
	 * in sequence */
	struct sipdns_check_run *cr;
	st = sipdns_check_start(j->t, j->t->n_sip_domains >= 1000, &cr);
	if (st == SIPDNS_OK)
		st = sipdns_generate(j->t, &j->set, &j->diag);
	enum sipdns_status cst = sipdns_check_finish(cr, st == SIPDNS_OK ? &j->set : NULL,
						     st == SIPDNS_OK ? &j->diag : NULL);
	return st != SIPDNS_OK ? st : cst;
}

void
sipdns_job_destroy(struct sipdns_job *j)
{
	if (j == NULL)
		return;
	sipdns_diag_fini(&j->diag);
	if (j->set_ready)
		sipdns_recset_fini(&j->set);
	sipdns_topology_destroy(j->t);
	free(j->src);
	free(j->path);
	free(j);
}

struct sipdns_diag *
sipdns_job_diag(struct sipdns_job *j)
{
	return &j->diag;
}

void
sipdns_job_summary(const struct sipdns_job *j, struct sipdns_job_summary *out)
{
	memset(out, 0, sizeof(*out));
	if (j->t == NULL)
		return;
	out->product = sipdns_product_name(j->t->product);
	out->sip_domains = j->t->n_sip_domains;
	out->zones = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		out->zones += j->t->views[v].n_zones;
	out->records = j->set_ready ? j->set.n : 0;
}

enum sipdns_status
sipdns_job_write(struct sipdns_job *j, const struct sipdns_output_opts *o,
		 FILE *out)
{
	enum sipdns_status st = sipdns_write(j->t, &j->set, o, out,
						    &j->diag);
	if (st == SIPDNS_OK && o->outdir == NULL && fflush(out) != 0)
		st = SIPDNS_EIO;
	return st;
}
