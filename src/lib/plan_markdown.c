/* plan_markdown.c -- a change plan as markdown
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

enum sipdns_status
sipdns_plan_render_markdown(FILE *fp, const struct sipdns_plan *p,
		      const struct sipdns_plan_render_opts *o,
		      struct sipdns_diag *d)
{
	(void)fp, (void)p, (void)o, (void)d;
	return SIPDNS_EUSAGE;
}
