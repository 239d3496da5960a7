/* report.h -- findings for people (text), programs (JSON) and Nagios
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_REPORT_H
#define SIPDNS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "sipdns.h"

/* Where each view's answers came from, as the text report names it. */
struct report_src {
	const char *servers[SIPDNS_VIEW_COUNT];
};

/* The summary's parts: records (in_sync + wrong + ttl_only + unverified =
 * expected), extra findings, and questions. */
struct report_counts {
	size_t in_sync, wrong, ttl_only, unverified;
	size_t unexpected, target_alias, aaaa_only;
	size_t questions, failed;
};
void report_counts(const struct sipdns_verify_result *r, struct report_counts *k);

/* Text: findings grouped by view and zone (the failed questions of a
 * zone one line per failure, with their count; verbose: their names),
 * fixed ones, not checked ones, the summary. state: --state was given
 * (show new / since). Colours only when colors. */
void report_text_verbose(FILE *fp, const struct sipdns_verify_result *r,
			 const struct report_src *src, bool state, bool verbose,
			 bool colors);
/* The same, every failed question listed (diff). */
void report_text(FILE *fp, const struct sipdns_verify_result *r,
		 const struct report_src *src, bool state, bool colors);
/* JSON, schema_version 1; status is "in_sync", "drift" or "unverified". */
void report_json(FILE *fp, const struct sipdns_verify_result *r,
		 const char *status);
/* A Nagios plugin's output; returns the plugin's exit status. */
int report_nagios(FILE *fp, const struct sipdns_verify_result *r);
/* Its long text: one line per finding. */
void report_nagios_lines(FILE *fp, const struct sipdns_verify_result *r);
/* Should text go in colour on stdout (a terminal, no NO_COLOR)? */
bool report_colors(void);

#endif
