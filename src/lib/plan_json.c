/* plan_json.c -- a change plan as json
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

enum sipdns_status
sipdns_plan_render_json(FILE *fp, const struct sipdns_plan *p,
		      const struct sipdns_plan_render_opts *o,
		      struct sipdns_diag *d)
{
	(void)fp, (void)p, (void)o, (void)d;
	return SIPDNS_EUSAGE;
}
