/* write.h -- a finished record set to stdout or to files, atomically
 *
 * Zone files are written to temporary files (or a staged view directory)
 * beside their targets by a few writer threads, flushed to disk with one
 * syncfs, and renamed into place only when all were written: a failure or
 * an interruption leaves every existing file as it was.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_WRITE_H
#define SIPDNS_WRITE_H

#include <signal.h>
#include <stdio.h>

#include "diag.h"
#include "format.h"
#include "status.h"

struct sipdns_topology;
struct sipdns_recset;

/* Write the finished record set s of t in opts->format, to out or, with
 * opts->outdir, to OUTDIR/VIEW/ZONE.EXT (a line for each file to
 * opts->log). Nothing goes to out unless all of it rendered; out stays the
 * caller's. Problems go to d; SIPDNS_EINPUT for a record the format
 * cannot carry, SIPDNS_EIO for a file system failure or an interruption
 * (opts->cancel set: temporary files are removed and the previous files
 * stay as they were), SIPDNS_ENOMEM. */
enum sipdns_status sipdns_write(const struct sipdns_topology *t,
				const struct sipdns_recset *s,
				const struct sipdns_output_opts *opts,
				FILE *out, struct sipdns_diag *d);

#endif
