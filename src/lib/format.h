/* format.h -- the output formats: one table of names, extensions and
 * renderers
 *
 * Adding a format: an enum value here, one line in format.c's table, and
 * its renderer in a new render_NAME.c (prototype in render.h).
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

#include "diag.h"
#include "status.h"

struct sipdns_topology;
struct sipdns_group;

enum sipdns_format {
	SIPDNS_FMT_ZONE = 0,   /* complete RFC 1035 master file */
	SIPDNS_FMT_FRAGMENT,   /* records only, for $INCLUDE */
	SIPDNS_FMT_NSUPDATE,   /* RFC 2136 script for BIND's nsupdate */
	SIPDNS_FMT_DNSCMD,     /* dnscmd /RecordAdd, Windows Server 2008 */
	SIPDNS_FMT_POWERSHELL, /* Add-DnsServerResourceRecord, 2012 and later */
	SIPDNS_FMT_JSON,       /* records with reasons, schema_version 1 */
	SIPDNS_FMT_COUNT       /* not a format: how many there are */
};

/* What one output run writes, and how. */
struct sipdns_output_opts {
	enum sipdns_format format;
	const char *outdir;       /* NULL: everything to out */
	int view;                 /* -1: both, else enum sipdns_view_id */
	bool serial_set;
	uint32_t serial;          /* --serial */
	time_t now;               /* for YYYYMMDDnn serials */
	const char *server;       /* dnscmd/PowerShell server, nsupdate server */
	const char *server_port;  /* nsupdate port, or NULL */
	const char *source;       /* topology name shown in headers */
	FILE *log;                /* "wrote ..." lines, or NULL */
};

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
/* Parse a format name; false if unknown (*out unchanged). */
bool sipdns_format_parse(const char *name, enum sipdns_format *out);
/* The name of f, as --format takes it. */
const char *sipdns_format_name(enum sipdns_format f);
/* File extension of a format, with the dot. */
const char *sipdns_format_ext(enum sipdns_format f);

/* Render g[0 .. ng - 1] in o->format to fp: a document format at once, any
 * other group by group with the format's separator between. */
enum sipdns_status sipdns_format_render(FILE *fp,
					const struct sipdns_topology *t,
					const struct sipdns_group *g, size_t ng,
					const struct sipdns_output_opts *o,
					uint32_t serial, struct sipdns_diag *d);

#endif
