/* ask.h -- verify's asking: each view's questions to its resolver
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ASK_H
#define SIPDNS_ASK_H

#include "answer.h"
#include "sipdns.h"

/* Ask every question, all views at once, each view at its servers
 * (o->servers, else its name servers from t, else with o->system_resolver
 * the system's: r->servers_used says which); fills state and answer. A
 * question that fails keeps its failure state. SIPDNS_ECANCELLED when
 * o->cancel ended it; SIPDNS_EUSAGE or SIPDNS_EDNS when a view's resolver
 * could not be set up or it has no server to ask (what went wrong is in
 * d). */
enum sipdns_status sipdns_ask(const struct sipdns_topology *t,
			      struct sipdns_verify_result *r,
			      const struct sipdns_verify_opts *o,
			      struct sipdns_diag *d);

#endif
