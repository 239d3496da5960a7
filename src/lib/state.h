/* state.h -- verify --state: what was found before, and since when
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_STATE_H
#define SIPDNS_STATE_H

#include "sipdns.h"

/* Read the previous findings of path (missing file: none), mark each
 * current finding's first-seen time, list the fixed ones in r->fixed and
 * the ones this run did not check in r->not_checked, and write the state
 * back atomically (a temporary file beside it, then rename; its mode is
 * kept), all under an flock of PATH.lock (waited for at most 10 s). t (may
 * be NULL) gives the zones of fixed and carried findings. On failure the
 * file is left as it was, r->state_failed is set and what went wrong is in
 * d; the findings themselves are complete. */
struct sipdns_topology;
enum sipdns_status sipdns_state_update(struct sipdns_verify_result *r,
				       const struct sipdns_topology *t,
				       const char *path, long now,
				       struct sipdns_diag *d);

#endif
