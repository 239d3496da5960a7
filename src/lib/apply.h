/* apply.h -- a plan's zone as one RFC 2136 UPDATE: build, sign, send, judge
 *
 * The parts of sipdns_job_apply (sipdns.h), apart so that the unit test
 * builds and judges packets without sockets: the packet of one zone (the
 * same prerequisites, deletes and adds in the same order as the nsupdate
 * plan, plan_nsupdate.c), what a reply (or its absence) means, and the
 * loop over the zones with the sender as a parameter.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_APPLY_H
#define SIPDNS_APPLY_H

#include <ldns/ldns.h>
#include <stdbool.h>

#include "sipdns.h"

struct sipdns_plan;
struct sipdns_plan_zone;

/* The UPDATE of z (RFC 2136 2.3-2.5): zone section z->name SOA IN;
 * prerequisites per set in order (nxdomain: NONE ANY; nxrrset: NONE
 * TYPE; the set as seen: IN TYPE RDATA, TTL 0), each name's nxdomain
 * once; then every delete (one record: NONE, TTL 0; a whole set: ANY),
 * then every add, set by set. RD clear, a random id. *out (the caller
 * frees it with ldns_pkt_free) is written only on success; SIPDNS_ENOMEM,
 * SIPDNS_EDNS for a name ldns cannot take. */
enum sipdns_status sipdns_apply_packet(const struct sipdns_plan_zone *z,
				       ldns_pkt **out);

/* Judge what the send of a request said: ldns's status st, the reply
 * (may be NULL), whether the request was signed. Fills z's outcome,
 * rcode, tsig_error, tsig_failed and message (malloc'd). */
enum sipdns_status sipdns_apply_judge(ldns_status st, const ldns_pkt *reply,
				      bool signed_request,
				      struct sipdns_apply_zone *z);

/* Send query (signing it first when the sender has a key), the reply into
 * *reply (NULL when none); ldns's status. *signed_request: it was signed. */
typedef ldns_status (*sipdns_apply_send_fn)(void *arg, ldns_pkt *query,
					    ldns_pkt **reply,
					    bool *signed_request);

/* The plan's figures into res, its zones of view (-1: all) into res->z,
 * every one NOTHING or NOT_SENT; over_threshold judged with percent. */
enum sipdns_status sipdns_apply_prepare(const struct sipdns_plan *p, int view,
					unsigned percent,
					struct sipdns_apply_result *res);

/* Send each zone of res with changes (p's zone of the same view and
 * name), one at a time, each once: stop before the next one when *cancel
 * is set (SIPDNS_ECANCELLED), after a TSIG failure or an unknown outcome.
 * Zones not sent stay NOT_SENT; the counts of res are set. */
enum sipdns_status sipdns_apply_send_all(const struct sipdns_plan *p,
					 struct sipdns_apply_result *res,
					 sipdns_apply_send_fn send, void *arg,
					 const volatile sig_atomic_t *cancel);

#endif
