/* output.h -- records to zone files and change scripts
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_OUTPUT_H
#define SIPDNS_OUTPUT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "status.h"

struct sipdns_topology;
struct sipdns_recset;

enum sipdns_format {
	SIPDNS_FMT_ZONE = 0,   /* complete RFC 1035 master file */
	SIPDNS_FMT_FRAGMENT,   /* records only, for $INCLUDE */
	SIPDNS_FMT_NSUPDATE,   /* RFC 2136 script for BIND's nsupdate */
	SIPDNS_FMT_DNSCMD,     /* dnscmd /RecordAdd, Windows Server 2008 */
	SIPDNS_FMT_POWERSHELL, /* Add-DnsServerResourceRecord, 2012 and later */
	SIPDNS_FMT_JSON,       /* records with reasons, schema_version 1 */
};

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

/* Parse a format name; false if unknown. */
bool sipdns_format_parse(const char *name, enum sipdns_format *out);
const char *sipdns_format_name(enum sipdns_format f);
/* File extension of a format, with the dot. */
const char *sipdns_format_ext(enum sipdns_format f);

/* Set (async-signal-safe) to abandon a write in progress: temporary files
 * are removed and the previous files stay as they were. */
extern volatile sig_atomic_t sipdns_output_interrupted;

/* Write the finished record set in opts->format, to out or, with
 * opts->outdir, to OUTDIR/VIEW/ZONE.EXT. Files are written to temporary
 * files beside their targets and renamed only when all were written, so a
 * failure leaves every existing file as it was. Problems go to d. */
enum sipdns_status sipdns_output_write(const struct sipdns_topology *t,
				       const struct sipdns_recset *s,
				       const struct sipdns_output_opts *opts,
				       FILE *out, struct sipdns_diag *d);

/* Write s as a JSON string (quoted, escaped); NULL as null. */
void sipdns_json_string(FILE *fp, const char *s);

#endif
