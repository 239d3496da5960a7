/* diag.h -- diagnostics: collect, count, print as file:line:col
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DIAG_H
#define SIPDNS_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum sipdns_severity {
	SIPDNS_NOTE = 0,
	SIPDNS_WARNING,
	SIPDNS_ERROR,
};

/* A position in an input file; lines and columns count from 1, 0 = unknown. */
struct sipdns_loc {
	const char *file;
	unsigned line, col;
};

struct sipdns_diag_entry {
	enum sipdns_severity severity;
	struct sipdns_loc loc;   /* loc.file is a copy owned by the list */
	const char *rule;  /* stable rule id, or NULL for parse errors */
	char *message;     /* owned by the list */
	size_t seq;        /* order of arrival, keeps sorting stable */
};

struct sipdns_diag {
	struct sipdns_diag_entry *v;
	size_t n, cap;
	size_t errors, warnings, notes;
	bool oom;           /* a diagnostic was lost for want of memory */
	const char *src;    /* optional source text, for echoing the line */
	size_t srclen;
	const char *srcfile;
};

void sipdns_diag_init(struct sipdns_diag *d);
void sipdns_diag_fini(struct sipdns_diag *d);
/* Record one diagnostic. rule must be a string constant (or NULL). */
void sipdns_diag_add(struct sipdns_diag *d, enum sipdns_severity sev,
		     struct sipdns_loc loc, const char *rule,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Turn every warning into an error (--strict). */
void sipdns_diag_promote_warnings(struct sipdns_diag *d);
/* Sort by file, line, column (stable) and print GNU-style to fp, each with the
 * offending line and a caret when the source is known, then a summary line
 * when summary is true. */
void sipdns_diag_print(struct sipdns_diag *d, FILE *fp, bool summary);
/* Find the first diagnostic whose message contains needle (for tests). */
const struct sipdns_diag_entry *sipdns_diag_find(const struct sipdns_diag *d,
						 const char *needle);

#endif
