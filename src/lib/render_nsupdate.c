/* render_nsupdate.c -- generate's nsupdate format: the change plan of a
 * zone against an empty zone (plan.c), rendered as plans are
 * (plan_nsupdate.c): one code path for generate and verify/diff --plan.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "render.h"

#include "group.h"
#include "plan.h"
#include "sipdns.h"

enum sipdns_status
sipdns_render_nsupdate(FILE *fp, const struct sipdns_topology *t,
		       const struct sipdns_group *g, size_t ng,
		       const struct sipdns_output_opts *o, uint32_t serial,
		       struct sipdns_diag *d)
{
	(void)t, (void)ng, (void)serial;   /* one group, no SOA */
	struct sipdns_plan_opts po = { .view = (int)g->view };
	struct sipdns_plan p;
	enum sipdns_status st = sipdns_plan_empty_zone(NULL, g->view, g->zone,
						      g->recs, g->n, &po, &p);
	if (st != SIPDNS_OK)
		return st;
	struct sipdns_plan_render_opts ro = {
		.server = o->server, .server_port = o->server_port,
		.source = o->source, .made_from = NULL,
	};
	st = sipdns_plan_render_nsupdate(fp, &p, &ro, d);
	sipdns_plan_free(&p);
	return st;
}
