/* records.h -- the record model shared by generate, check, verify and diff
 *
 * Each record is an ldns_rr plus why it exists: the rule that produced it
 * (a reason in words and the reference's fact id) and where in the topology
 * the data came from.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_RECORDS_H
#define SIPDNS_RECORDS_H

#include <ldns/ldns.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "name.h"
#include "status.h"

enum {
	SIPDNS_REC_SELF_REGISTERED = 1 << 0, /* the server registers it itself */
	SIPDNS_REC_SPLIT_COPY = 1 << 1,      /* external name copied inside */
	SIPDNS_REC_EDGE_RESOLVES = 1 << 2,   /* the Edge resolves it itself:
					      * perimeter view or HOSTS */
	SIPDNS_REC_DNS_LB = 1 << 3,          /* one of a DNS load-balanced
					      * name's addresses: no conflict */
	SIPDNS_REC_FOREIGN_TARGET = 1 << 4,  /* the SRV or CNAME target is
					      * a name of others (a public
					      * NTP pool): no address here */
	SIPDNS_REC_M365_ONLINE = 1 << 12,    /* a Microsoft 365 record of a
					      * TeamsOnly domain (m365.c) */
	SIPDNS_REC_SPLIT_INSIDE = 1 << 5,    /* the internal view's copy of a
					      * SPLIT_COPY record (graph) */
};

struct sipdns_record {
	enum sipdns_view_id view;
	unsigned ownerlen;           /* strlen(owner), and of key */
	ldns_rr *rr;                 /* owned by the set */
	const char *owner;           /* lower-case, no trailing dot */
	const char *key;             /* owner's labels right to left, a NUL
				      * between, as long as owner: memcmp
				      * gives DNS canonical order */
	const char *target;          /* SRV and CNAME target, same form; else NULL */
	const char *reason;          /* e.g. "automatic sign-in for SIP domain x" */
	const char *fact;            /* reference fact id, e.g. "R2-I1" */
	struct sipdns_loc loc;       /* topology value that produced it */
	const struct sipdns_zone *zone; /* set by sipdns_recset_finish */
	unsigned flags;
	ldns_rr_type type;           /* rr's type, kept here: loops over
				      * 600,000 records read it without a
				      * cache miss on the rr */
	size_t seq;                  /* order of creation */
};

struct sipdns_recset {
	struct sipdns_record *v;
	size_t n, cap;
	struct sipdns_arena *arena;  /* rrs, reasons, owners and targets */
	const char *last_target;     /* the last target copied, for reuse */
	/* rdfs the records' rrs share (rr_build): nothing changes a
	 * record's rr, and the values repeat (ports, priorities, the few
	 * targets): each INT16 value met, the last name in a record's data */
	ldns_rdf *int16[8];
	size_t n_int16;
	ldns_rdf *last_dname;
	uint32_t *idx;               /* finished: first record of each owner */
	size_t idx_mask;
	bool oom;
	/* a name built longer than DNS allows is reported here (sipdns_generate
	 * sets it; NULL: it counts as out of memory) and counted */
	struct sipdns_diag *d;
	size_t long_names;
};

enum sipdns_status sipdns_recset_init(struct sipdns_recset *s);
void sipdns_recset_fini(struct sipdns_recset *s);

/* Add a record. owner/target are names without trailing dot; reason is
 * copied; fact must be a string constant. Out of memory sets s->oom. */
void sipdns_recset_add_a(struct sipdns_recset *s, enum sipdns_view_id v,
			 const char *owner, const char *addr, uint32_t ttl,
			 const char *fact, struct sipdns_loc loc, unsigned flags,
			 const char *reason_fmt, ...)
	__attribute__((format(printf, 9, 10)));
void sipdns_recset_add_aaaa(struct sipdns_recset *s, enum sipdns_view_id v,
			    const char *owner, const char *addr, uint32_t ttl,
			    const char *fact, struct sipdns_loc loc,
			    unsigned flags, const char *reason_fmt, ...)
	__attribute__((format(printf, 9, 10)));
void sipdns_recset_add_cname(struct sipdns_recset *s, enum sipdns_view_id v,
			     const char *owner, const char *target,
			     uint32_t ttl, const char *fact,
			     struct sipdns_loc loc, unsigned flags,
			     const char *reason_fmt, ...)
	__attribute__((format(printf, 9, 10)));
void sipdns_recset_add_srv(struct sipdns_recset *s, enum sipdns_view_id v,
			   const char *owner, uint16_t prio, uint16_t weight,
			   uint16_t port, const char *target, uint32_t ttl,
			   const char *fact, struct sipdns_loc loc,
			   const char *reason_fmt, ...)
	__attribute__((format(printf, 11, 12)));

/* Add flags to the record added last (none when it was not added). */
void sipdns_recset_flag_last(struct sipdns_recset *s, size_t n_before,
			     unsigned flags);

/* Put the set in canonical order (view, then DNS canonical order), merge
 * duplicates, give each record its zone, and report conflicts (rule ids
 * no-zone, cname-conflict, address-conflict, srv-target-alias,
 * undefined-target) to d. */
enum sipdns_status sipdns_recset_finish(struct sipdns_recset *s,
					const struct sipdns_topology *t,
					struct sipdns_diag *d);

/* First record at owner (lower-case, no dot) of type in view; NULL if none.
 * Needs a finished set. */
const struct sipdns_record *sipdns_recset_find(const struct sipdns_recset *s,
					       enum sipdns_view_id v,
					       const char *owner,
					       ldns_rr_type type);

/* name (no trailing dot; "" is the root) in wire form into w, which
 * holds LDNS_MAX_DOMAINLEN + 1 bytes: the bytes ldns_dname_new_frm_str
 * gives "name.", without its malloc and parse. Returns the length, 0
 * when ldns rejects the name. */
size_t sipdns_wire_name(const char *name, uint8_t *w);

/* Are names a and b (DNAME rdfs, uncompressed wire form, as ldns
 * parses or sipdns_wire_name builds them) the same name, letters compared
 * without regard to case (RFC 4343)? ldns_dname_compare(a, b) == 0,
 * without its label counts and label-by-label walk (a tenth of verify's
 * instructions at 10,000 domains, callgrind). NULL equals only NULL. */
bool sipdns_dname_equal(const ldns_rdf *a, const ldns_rdf *b);

/* rr as ldns prints it, without the trailing newline; malloc'd (free()),
 * NULL on ENOMEM. */
char *sipdns_rr_str(const ldns_rr *rr);

/* The same text, printed into buf (cleared first) and returned from inside
 * it: for loops over many records, as ldns_rr2str allocates 64 KiB for
 * each (a third of generate's time at 100,000 domains). */
const char *sipdns_rr_format(ldns_buffer *buf, const ldns_rr *rr);

/* Build the record set of a topology with its product profile's rules
 * hook, then finish it. A product without rules (known, not supported yet)
 * is SIPDNS_EINPUT with a diagnostic of rule id 'product'. */
enum sipdns_status sipdns_generate(const struct sipdns_topology *t,
				   struct sipdns_recset *s,
				   struct sipdns_diag *d);

#endif
