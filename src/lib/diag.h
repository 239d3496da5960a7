/* diag.h -- diagnostics: collect, count, print as file:line:col
 *
 * The types and functions are public (sipdns.h); diag.c implements them.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DIAG_H
#define SIPDNS_DIAG_H

#include "sipdns.h"

#endif
