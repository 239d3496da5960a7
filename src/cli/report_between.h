/* report_between.h -- verify --between: text, JSON and Nagios
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_REPORT_BETWEEN_H
#define SIPDNS_REPORT_BETWEEN_H

#include <stdbool.h>
#include <stdio.h>

#include "sipdns.h"

/* The admin's labels of the two servers (OLD, NEW). */
struct report_between_src {
	const char *label[2];
};

/* The exit status of a comparison: 3 when an answer was not seen on a
 * side (whatever else), 1 when answers differ (TTL included), 0 when
 * every answer is the same and seen on both. */
int report_between_status(const struct sipdns_between_result *res);
/* Text: one line per name and type that is not the same (verbose: the
 * same too), with both sides; each side against the topology; the
 * summary line. quiet: nothing when all is the same. */
void report_between_text(FILE *fp, const struct sipdns_between_result *res,
			 const struct report_between_src *src, bool verbose,
			 bool quiet);
/* JSON, schema_version 1 (README: DNS-server cutover). */
void report_between_json(FILE *fp, const struct sipdns_between_result *res,
			 const struct report_between_src *src);
/* A Nagios plugin's output; returns the plugin's exit status. */
int report_between_nagios(FILE *fp, const struct sipdns_between_result *res,
			  const struct report_between_src *src);

#endif
