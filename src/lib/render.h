/* render.h -- shared rendering helpers, and the renderer of each format
 *
 * Renderers rely on validation having limited every name to letters,
 * digits, hyphens, underscores (SRV owners) and dots, and every address to
 * its dotted or hex form; each asserts that alphabet and refuses to write
 * rather than quote around it (../shared/reference/output-formats.md
 * section 0). Nothing here prints on its own: text goes to the FILE the
 * caller hands in.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_RENDER_H
#define SIPDNS_RENDER_H

#include <ldns/ldns.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "status.h"

struct sipdns_group;
struct sipdns_output_opts;
struct sipdns_record;
struct sipdns_topology;

/* Is s non-empty and all of the alphabet above (plus ':')? */
bool sipdns_render_token_ok(const char *s);

/* s in a comment: printable ASCII that no script language minds, any
 * other character as a space. */
void sipdns_render_comment_text(FILE *fp, const char *s);

/* Text of rdata field i of rr (names without trailing dot when strip is
 * set); malloc'd (free()), NULL when out of memory, absent or outside the
 * alphabet. */
char *sipdns_render_field(const ldns_rr *rr, size_t i, bool strip);

/* rr as one master-file line (ldns's own printer), without newline, inside
 * scratch (valid until its next use); NULL when it holds a character
 * outside the alphabet. */
const char *sipdns_render_rr_line(ldns_buffer *scratch, const ldns_rr *rr);

/* One comment line: lead, then why r exists, its fact and topology line. */
void sipdns_render_reason(FILE *fp, const char *lead,
			  const struct sipdns_record *r);

/* sipdns_json_string: see sipdns.h. */

/* The renderers of format.c's table, each a sipdns_render_fn (format.h):
 * one group each, but sipdns_render_json, which renders all ng groups as
 * one document. */
#define SIPDNS_RENDERER(name)                                              \
	enum sipdns_status name(FILE *fp, const struct sipdns_topology *t, \
				const struct sipdns_group *g, size_t ng,   \
				const struct sipdns_output_opts *o,        \
				uint32_t serial, struct sipdns_diag *d)

/* render_zone.c: a complete RFC 1035 master file (SOA, NS, delegations
 * and glue; serial is its SOA serial), or its records only for $INCLUDE. */
SIPDNS_RENDERER(sipdns_render_zone_file);
SIPDNS_RENDERER(sipdns_render_zone_fragment);
/* render_nsupdate.c: an RFC 2136 script for BIND's nsupdate. */
SIPDNS_RENDERER(sipdns_render_nsupdate);
/* render_windows.c: dnscmd /RecordAdd lines, or PowerShell DnsServer
 * cmdlets (CRLF line ends). */
SIPDNS_RENDERER(sipdns_render_windows_dnscmd);
SIPDNS_RENDERER(sipdns_render_windows_powershell);
/* render_json.c: every group's records with their reasons, schema
 * version 1. */
SIPDNS_RENDERER(sipdns_render_json);
/* render_hosts.c: each Edge server's HOSTS lines (the records the Edge
 * resolves itself), one document, CRLF line ends. */
SIPDNS_RENDERER(sipdns_render_hosts);

#endif
