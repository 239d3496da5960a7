/* progress.c -- the progress line of long runs (see progress.h)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

enum { PROGRESS_AFTER_MS = 500, PROGRESS_EVERY_MS = 250 };

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cli_progress_init(struct cli_progress *p, bool wanted)
{
	p->on = wanted && isatty(STDERR_FILENO);
	p->shown = false;
	p->start = now_s();
	p->last = 0;
}

void
cli_progress_show(struct cli_progress *p, const char *fmt, ...)
{
	if (!p->on)
		return;
	double t = now_s();
	if (t - p->start < PROGRESS_AFTER_MS / 1000.0 ||
	    (p->shown && t - p->last < PROGRESS_EVERY_MS / 1000.0))
		return;
	va_list ap;
	va_start(ap, fmt);
	fputc('\r', stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
	fflush(stderr);
	p->shown = true;
	p->last = t;
}

void
cli_progress_end(struct cli_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = false;
}
