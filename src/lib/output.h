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
#include "sipdns.h"
#include "status.h"

struct sipdns_topology;
struct sipdns_recset;

/* Write the finished record set in opts->format, to out or, with
 * opts->outdir, to OUTDIR/VIEW/ZONE.EXT. Files are written to temporary
 * files beside their targets and renamed only when all were written, so a
 * failure leaves every existing file as it was. Problems go to d. */
enum sipdns_status sipdns_output_write(const struct sipdns_topology *t,
				       const struct sipdns_recset *s,
				       const struct sipdns_output_opts *opts,
				       FILE *out, struct sipdns_diag *d);

/* RFC 1982 serial arithmetic: is a < b? */
bool sipdns_serial_lt(uint32_t a, uint32_t b);
/* The next serial after old (has_old false: none) for the date of now. */
uint32_t sipdns_serial_next(bool has_old, uint32_t old, time_t now);

#endif
