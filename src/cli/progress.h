/* progress.h -- the progress line of long runs (verify, generate)
 *
 * On standard error, only when it is a terminal, only once the run has
 * lasted half a second, at most four times a second; rewritten in place
 * ("\r...\033[K") and wiped before anything else is printed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_CLI_PROGRESS_H
#define SIPDNS_CLI_PROGRESS_H

#include <stdbool.h>

struct cli_progress {
	bool on;          /* wanted and standard error is a terminal */
	bool shown;       /* a line is on the screen */
	double start;     /* when the run began (monotonic seconds) */
	double last;      /* when the line was last written */
};

/* Begin timing a run; wanted false (--quiet) keeps the line off. */
void cli_progress_init(struct cli_progress *p, bool wanted);
/* Write the line (printf format), when on, past half a second since
 * init and a quarter of a second since the last one. */
void cli_progress_show(struct cli_progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Wipe the line, if one is shown. */
void cli_progress_end(struct cli_progress *p);

#endif
