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

/* The same, with probes[0..n_probes-1] (each of a view that is asked)
 * asked in the same run, after the view's questions, at the same servers:
 * they fill their own state and answer and count nowhere (not in the
 * progress, not in the diagnoses). After the run, the causes of the
 * questions that got no response or a zone's REFUSED are told once in
 * r->diagnoses (each such question's diagnosis says which), and
 * r->servers_asked and r->servers_down_list say which servers were asked
 * and found down. */
enum sipdns_status sipdns_ask_with(const struct sipdns_topology *t,
				   struct sipdns_verify_result *r,
				   struct sipdns_question *probes,
				   size_t n_probes,
				   const struct sipdns_verify_opts *o,
				   struct sipdns_diag *d);

/* After the comparison: each unverified finding of r points at the
 * diagnosis of its question (sipdns_finding.diagnosis). */
void sipdns_ask_link(struct sipdns_verify_result *r);

#endif
