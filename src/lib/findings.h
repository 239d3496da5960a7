/* findings.h -- the findings of verify and diff: storage and names
 *
 * The structs are public (sipdns.h); this is how the library fills them.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_FINDINGS_H
#define SIPDNS_FINDINGS_H

#include <stdbool.h>

#include "sipdns.h"

/* A new zeroed finding at the end of r->f (counted as an error or a
 * warning by its severity), or NULL when out of memory. */
struct sipdns_finding *sipdns_findings_add(struct sipdns_verify_result *r,
					   enum sipdns_finding_kind kind,
					   enum sipdns_severity sev);
/* A new zeroed entry at the end of r->fixed, or NULL. */
struct sipdns_finding *sipdns_findings_add_fixed(struct sipdns_verify_result *r);
/* Append line to a newline-separated list (*list malloc'd or NULL). */
bool sipdns_findings_list_add(char **list, const char *line);
/* strdup that passes NULL through; *ok turns false when memory ran out. */
char *sipdns_findings_dup(const char *s, bool *ok);
/* Put the findings in report order: view, zone, name, type, kind. */
void sipdns_findings_sort(struct sipdns_verify_result *r);
/* The same order for any array of n findings. */
void sipdns_findings_sort_list(struct sipdns_finding *f, size_t n);

#endif
