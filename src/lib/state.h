/* state.h -- verify --state: what was found before, and since when
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_STATE_H
#define SIPDNS_STATE_H

#include "sipdns.h"

/* Read the previous findings of path (missing file: none), mark each
 * current finding's first-seen time, list the fixed ones in r->fixed, and
 * write the current state back atomically (a temporary file beside it,
 * then rename). On failure what went wrong is in d. */
enum sipdns_status sipdns_state_update(struct sipdns_verify_result *r,
				       const char *path, long now,
				       struct sipdns_diag *d);

#endif
