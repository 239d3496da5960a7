/* render_windows.c -- generate's dnscmd and PowerShell formats: the change
 * plan of a zone against an empty zone (plan.c), rendered as plans are
 * (plan_windows.c): one code path for generate and verify/diff --plan.
 * So they too are safe to run twice, keep a CNAME from going beside other
 * data, skip self-registered records unless asked (--include-self-
 * registered), and end every line in CRLF.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "render.h"

#include "group.h"
#include "plan.h"
#include "sipdns.h"

static enum sipdns_status
windows(FILE *fp, const struct sipdns_group *g,
	const struct sipdns_output_opts *o, sipdns_plan_render_fn render,
	struct sipdns_diag *d)
{
	struct sipdns_plan_opts po = {
		.view = (int)g->view,
		.include_self_registered = o->include_self_registered,
	};
	struct sipdns_plan p;
	enum sipdns_status st = sipdns_plan_empty_zone(NULL, g->view, g->zone,
						      g->recs, g->n, &po, &p);
	if (st != SIPDNS_OK)
		return st;
	struct sipdns_plan_render_opts ro = {
		.server = o->server, .source = o->source, .made_from = NULL,
	};
	st = render(fp, &p, &ro, d);
	sipdns_plan_free(&p);
	return st;
}

enum sipdns_status
sipdns_render_windows_dnscmd(FILE *fp, const struct sipdns_topology *t,
			     const struct sipdns_group *g, size_t ng,
			     const struct sipdns_output_opts *o,
			     uint32_t serial, struct sipdns_diag *d)
{
	(void)t, (void)ng, (void)serial;   /* one group, no SOA */
	return windows(fp, g, o, sipdns_plan_render_dnscmd, d);
}

enum sipdns_status
sipdns_render_windows_powershell(FILE *fp, const struct sipdns_topology *t,
				 const struct sipdns_group *g, size_t ng,
				 const struct sipdns_output_opts *o,
				 uint32_t serial, struct sipdns_diag *d)
{
	(void)t, (void)ng, (void)serial;   /* one group, no SOA */
	return windows(fp, g, o, sipdns_plan_render_powershell, d);
}
