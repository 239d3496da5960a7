/* diag.h -- diagnostics: collect, count, print as file:line:col
 *
 * The types and functions are public (sipdns.h), but for the one below
 * that the library uses inside; diag.c implements them.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DIAG_H
#define SIPDNS_DIAG_H

#include "sipdns.h"

/* Append every entry of from to d, after d's own, as if added to d in
 * from's order; from is left empty. False (d->oom set, from untouched)
 * when memory ran out. */
bool sipdns_diag_move(struct sipdns_diag *d, struct sipdns_diag *from);

#endif
