/* format.h -- the output formats: one table of names, extensions and
 * renderers
 *
 * Adding a format: an enum value (sipdns.h), one line in format.c's
 * table, and its renderer in a new render_NAME.c (prototype in render.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_FORMAT_H
#define SIPDNS_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "sipdns.h"

struct sipdns_topology;
struct sipdns_group;

/* Render groups g[0 .. ng - 1] to fp. A group renderer gets one group
 * (ng 1); a document renderer all of them at once. serial is the SOA
 * serial for formats that carry one. Problems go to d; SIPDNS_EINPUT when
 * a record holds a character the format cannot carry. */
typedef enum sipdns_status (*sipdns_render_fn)(FILE *fp,
					       const struct sipdns_topology *t,
					       const struct sipdns_group *g,
					       size_t ng,
					       const struct sipdns_output_opts *o,
					       uint32_t serial,
					       struct sipdns_diag *d);

struct sipdns_format_info {
	const char *name;        /* as --format takes it */
	const char *ext;         /* file extension, with the dot */
	const char *sep;         /* between two groups in one stream */
	sipdns_render_fn render;
	bool document;           /* render takes all groups as one unit */
	bool serial;             /* has an SOA serial, kept across runs */
};

/* The table line of f (a valid format). */
const struct sipdns_format_info *sipdns_format_info(enum sipdns_format f);
/* sipdns_format_parse, _name and _ext: see sipdns.h. */

/* Render g[0 .. ng - 1] in o->format to fp: a document format at once, any
 * other group by group with the format's separator between. */
enum sipdns_status sipdns_format_render(FILE *fp,
					const struct sipdns_topology *t,
					const struct sipdns_group *g, size_t ng,
					const struct sipdns_output_opts *o,
					uint32_t serial, struct sipdns_diag *d);

#endif
