/* graph.h -- sipdns graph: the records per view as a Graphviz picture
 *
 * The record set generate writes (the job's, grouped as generate groups
 * it) rendered as DOT by render_dot.c, optionally marked with the
 * findings of a verify or diff JSON report (graph_findings.c).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_GRAPH_H
#define SIPDNS_GRAPH_H

#include <stddef.h>
#include <stdio.h>

#include "sipdns.h"

struct sipdns_arena;
struct sipdns_group;
struct sipdns_topology;

/* One finding as a mark on the picture. */
enum sipdns_graph_mark_kind {
	SIPDNS_MARK_MISSING = 0,  /* missing */
	SIPDNS_MARK_WRONG,        /* changed, target_alias, aaaa_only */
	SIPDNS_MARK_TTL,          /* ttl only */
	SIPDNS_MARK_UNEXPECTED,   /* unexpected */
	SIPDNS_MARK_UNVERIFIED,   /* the question failed */
	SIPDNS_MARK_KINDS
};

struct sipdns_graph_mark {
	enum sipdns_graph_mark_kind kind;
	enum sipdns_view_id view;
	const char *name;         /* lower-case, no trailing dot */
	const char *type;         /* "SRV", "A", ... */
	const char *got;          /* what was seen (first line), or NULL */
	const char *finding;      /* the finding's own kind name */
	int used;                 /* renderer: drawn already */
};

struct sipdns_graph_marks {
	struct sipdns_graph_mark *v;
	size_t n;
};

/* Read the findings of a verify or diff JSON report (--format json,
 * schema_version 1) at path into m, strings in arena. SIPDNS_EINPUT with
 * file:line:column diagnostics in d for a file that is not such a report,
 * SIPDNS_EIO when it cannot be read (d says why), SIPDNS_ENOMEM. */
enum sipdns_status sipdns_graph_read_findings(const char *path,
					      struct sipdns_arena *arena,
					      struct sipdns_graph_marks *m,
					      struct sipdns_diag *d);

/* render_dot.c: groups g[0..ng) (every zone of the views drawn, in
 * generate's order) as one DOT digraph, marks m (may be empty) coloured
 * on it; deterministic. SIPDNS_EINPUT for a datum outside the alphabet. */
enum sipdns_status sipdns_render_dot(FILE *fp, const struct sipdns_topology *t,
				     const struct sipdns_group *g, size_t ng,
				     struct sipdns_graph_marks *m,
				     const char *source);

#endif
