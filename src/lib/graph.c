/* graph.c -- sipdns graph: the job's records grouped as generate groups
 * them, the findings read, the picture rendered (render_dot.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "graph.h"

#include "arena.h"
#include "group.h"
#include "load.h"

enum sipdns_status
sipdns_job_graph(struct sipdns_job *j, const struct sipdns_graph_opts *o,
		 FILE *out)
{
	if (j->t == NULL || !j->set_ready)
		return SIPDNS_EINPUT;
	struct sipdns_arena *a = sipdns_arena_create();
	if (a == NULL)
		return SIPDNS_ENOMEM;
	struct sipdns_graph_marks m = { NULL, 0 };
	enum sipdns_status st = SIPDNS_OK;
	if (o->findings)
		st = sipdns_graph_read_findings(o->findings, a, &m, &j->diag);
	struct sipdns_group_set gs = { 0 };
	if (st == SIPDNS_OK)
		st = sipdns_group_set_init(&gs, j->t, &j->set, o->view);
	if (st == SIPDNS_OK)
		st = sipdns_render_dot(out, j->t, gs.v, gs.n, &m,
				       o->source ? o->source : j->path);
	if (st == SIPDNS_OK && fflush(out) != 0)
		st = SIPDNS_EIO;
	sipdns_group_set_fini(&gs);
	sipdns_arena_destroy(a);
	return st;
}
