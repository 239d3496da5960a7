/* plan_build.h -- the parts a plan is built from (plan.c's helpers)
 *
 * Internal to the plan: the zones, sets, changes, kept records and skips
 * of a plan being made, and what the comparison's questions saw.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PLAN_BUILD_H
#define SIPDNS_PLAN_BUILD_H

#include <ldns/ldns.h>
#include <stdbool.h>

#include "plan.h"

struct sipdns_recset;
struct sipdns_topology;

struct sipdns_question;
struct sipdns_record;
struct sipdns_zone;

/* The plan being made, and what it is made from. */
struct sipdns_plan_build {
	struct sipdns_plan p;
	const struct sipdns_recset *s;
	const struct sipdns_verify_result *r;
	const struct sipdns_plan_opts *o;
	bool oom;
	struct sipdns_plan_zone **idx; /* zone_find's index (malloc'd; freed
					* when the plan is made) */
};

/* Free one set's strings, records and changes. */
void sipdns_plan_build_set_fini(struct sipdns_plan_set *s);

/* The owner of rr, lower-case and without the trailing dot; malloc'd. */
char *sipdns_plan_build_rr_owner(const ldns_rr *rr);

/* A new zone entry (NULL and b->oom when out of memory). */
struct sipdns_plan_zone *
sipdns_plan_build_zone_add(struct sipdns_plan_build *b, enum sipdns_view_id v,
			   const struct sipdns_zone *zone);

/* The plan's zone of view v named name (NULL: none): *last first (the
 * zone found before), else a binary search of an index made at the first
 * call, once every zone is in. */
struct sipdns_plan_zone *
sipdns_plan_build_zone_find(struct sipdns_plan_build *b, enum sipdns_view_id v,
			    const char *name, size_t *last);

/* The set of owner and type in z, made when new (sets of one owner are
 * made one after another, so the search goes back while the owner is
 * the same). */
struct sipdns_plan_set *sipdns_plan_build_set_get(struct sipdns_plan_build *b,
						  struct sipdns_plan_zone *z,
						  const char *owner,
						  uint16_t type);

/* Add a change of rr (owned, also on failure) to s, once. */
struct sipdns_plan_change *
sipdns_plan_build_change_add(struct sipdns_plan_build *b,
			     struct sipdns_plan_set *s, enum sipdns_plan_op op,
			     enum sipdns_plan_why why, ldns_rr *rr);

/* Give c its reason, fact and flags. */
void sipdns_plan_build_change_why(struct sipdns_plan_build *b,
				  struct sipdns_plan_change *c,
				  const char *reason, const char *fact,
				  unsigned flags);

/* The same from the expected record e, with its topology line. */
void sipdns_plan_build_change_of(struct sipdns_plan_build *b,
				 struct sipdns_plan_change *c,
				 const struct sipdns_record *e);

/* Keep rr (at owner of z), with why (static text). */
void sipdns_plan_build_kept_add(struct sipdns_plan_build *b,
				struct sipdns_plan_zone *z, const char *owner,
				const ldns_rr *rr, const char *why);

/* Drop the kept records of owner and type (a conflict deletes them). */
void sipdns_plan_build_kept_drop(struct sipdns_plan_zone *z, const char *owner,
				 uint16_t type);

/* A name and type not planned (or refused), with a message. */
void sipdns_plan_build_skip_add(struct sipdns_plan_build *b,
				struct sipdns_plan_zone *z, const char *owner,
				uint16_t type, bool refused,
				const char *message, const char *want,
				const char *got);

/* The question that saw owner's records of type: a CNAME shows in the A
 * question (or the SRV one at an SRV owner). NULL: none was asked. */
const struct sipdns_question *
sipdns_plan_build_question_of(const struct sipdns_verify_result *r,
			      enum sipdns_view_id v, const char *owner,
			      uint16_t type);

/* The records of type at owner that q's answer held, or any type when
 * type is 0 (copies, in a new list; NULL when out of memory). */
ldns_rr_list *sipdns_plan_build_seen_in(const struct sipdns_question *q,
					const char *owner, uint16_t type);

/* The expected record of view v equal to rr (TTL aside), or NULL. */
const struct sipdns_record *
sipdns_plan_build_expected_of(const struct sipdns_recset *s,
			      enum sipdns_view_id v, const char *owner,
			      const ldns_rr *rr);

/* Is owner a self-registered name of view v (its addresses are the
 * server's to keep)? */
bool sipdns_plan_build_self_registered(const struct sipdns_recset *s,
				       enum sipdns_view_id v,
				       const char *owner);

/* qsort order of sets: owner (DNS canonical), then type. */
int sipdns_plan_build_set_cmp(const void *pa, const void *pb);

/* Sort z's sets and their changes (deletes first), drop refused sets,
 * give prerequisites (all sets, or only guards) and count. */
void sipdns_plan_build_zone_finish(struct sipdns_plan_build *b,
				   struct sipdns_plan_zone *z,
				   bool guards_only);

/* Count each record of s in its plan zone (records of a zone come
 * together, so the last zone is tried first); with add, add them too. */
void sipdns_plan_build_count_records(struct sipdns_plan_build *b, int view,
				     bool add);

/* Add record e (of z) to the plan against an empty zone: its set
 * replaced whole (a self-registered one only added to). */
void sipdns_plan_build_add_record(struct sipdns_plan_build *b,
				  struct sipdns_plan_zone *z,
				  const struct sipdns_record *e);

/* A self-registered set of the empty plan is only added to. */
void sipdns_plan_build_keep_self_registered(struct sipdns_plan_zone *z);

/* An entry for each zone of t in view (-1: both) that b->r compared (all
 * without b->r), in topology order. */
void sipdns_plan_build_zones_of(struct sipdns_plan_build *b,
				const struct sipdns_topology *t, int view);

#endif
