/* load.h -- a job: one topology parsed, its records built and checked
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_LOAD_H
#define SIPDNS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "records.h"
#include "sipdns.h"

struct sipdns_job {
	struct sipdns_topology *t;   /* NULL when parsing failed */
	struct sipdns_arena *tarena; /* t's arena, whose first chunk holds t:
				      * a job left to the process's exit
				      * (cli_leave_job) stays reachable
				      * through it for leak checkers, t
				      * itself being an interior pointer */
	struct sipdns_recset set;    /* finished, when set_ready */
	bool set_ready;
	struct sipdns_diag diag;     /* echoes lines of src */
	char *src;                   /* the topology's text */
	size_t srclen;
	char *path;
};

#endif
