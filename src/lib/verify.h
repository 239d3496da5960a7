/* verify.h -- ask live DNS (c-ares), compare with the record set, findings
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_VERIFY_H
#define SIPDNS_VERIFY_H

#include <ldns/ldns.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "status.h"

struct sipdns_recset;

enum sipdns_answer_policy { SIPDNS_ANSWER_EXACT = 0, SIPDNS_ANSWER_SUPERSET };
enum sipdns_ttl_policy { SIPDNS_TTL_WARN = 0, SIPDNS_TTL_IGNORE, SIPDNS_TTL_EXACT };

struct sipdns_verify_opts {
	const char *servers[SIPDNS_VIEW_COUNT]; /* c-ares CSV "a:p,b:p"; NULL: system resolver */
	int view;                  /* -1: both */
	bool no_recurse;           /* RD=0, and answers must be authoritative */
	unsigned timeout_ms;       /* first try; c-ares doubles it each retry */
	unsigned tries;
	unsigned max_in_flight;    /* queries in flight, all servers of a view */
	unsigned max_per_server;   /* queries in flight per server */
	enum sipdns_answer_policy answers;
	enum sipdns_ttl_policy ttl;
	FILE *progress;            /* a progress line, or NULL */
};

/* What became of one question. Failures are never absence. */
enum sipdns_qstate {
	SIPDNS_Q_PENDING = 0,
	SIPDNS_Q_ANSWER,      /* NOERROR with data */
	SIPDNS_Q_NODATA,      /* NOERROR, no data of the type */
	SIPDNS_Q_NXDOMAIN,    /* the name does not exist */
	SIPDNS_Q_SERVFAIL,
	SIPDNS_Q_REFUSED,
	SIPDNS_Q_TIMEOUT,
	SIPDNS_Q_NOTAUTH,     /* asked with RD=0, answered without AA */
	SIPDNS_Q_ERROR,       /* anything else: connection refused, malformed */
};

struct sipdns_question {
	enum sipdns_view_id view;
	const char *name;           /* lower-case, no dot (the set's arena) */
	ldns_rr_type type;
	enum sipdns_qstate state;
	ldns_rr_list *answer;       /* owned: the answer section; NULL unless
				     * an answer was parsed */
	char detail[96];            /* for failures: what happened */
	bool ignored;               /* owned elsewhere */
	void *engine;               /* internal: the query window */
};

enum sipdns_finding_kind {
	SIPDNS_F_MISSING = 0,   /* expected, absent */
	SIPDNS_F_UNEXPECTED,    /* present at a managed name and type */
	SIPDNS_F_CHANGED,       /* same name and type, other data */
	SIPDNS_F_TTL,           /* same data, other TTL */
	SIPDNS_F_TARGET_ALIAS,  /* an SRV target that is a CNAME */
	SIPDNS_F_AAAA_ONLY,     /* an SRV target with AAAA and no A */
	SIPDNS_F_UNVERIFIED,    /* the question failed: never missing, never in sync */
};

struct sipdns_finding {
	enum sipdns_finding_kind kind;
	enum sipdns_severity severity;
	enum sipdns_view_id view;
	const char *zone;           /* may be NULL */
	char *name;                 /* owned */
	ldns_rr_type type;
	char *want, *got;           /* owned; records, one per line; may be NULL */
	const char *reason, *fact;  /* of the expected record, or NULL */
	char *detail;               /* owned; may be NULL */
	char *key;                  /* owned: stable identity for --state */
	long since;                 /* --state: first seen (epoch), 0 = new */
};

struct sipdns_verify_result {
	struct sipdns_question *q;
	size_t n_q;
	struct sipdns_finding *f;
	size_t n_f, cap_f;
	size_t expected, in_sync, ignored_names, unverified;
	size_t errors, warnings;
	double seconds;
	bool system_resolver[SIPDNS_VIEW_COUNT];
	struct sipdns_finding *fixed; /* --state: gone since last run */
	size_t n_fixed;
};

const char *sipdns_qstate_name(enum sipdns_qstate s);
const char *sipdns_finding_name(enum sipdns_finding_kind k);

/* The questions for a finished record set: each managed name once per
 * type (SRV owners: SRV; other names: A and AAAA). */
enum sipdns_status sipdns_verify_questions(const struct sipdns_topology *t,
					   const struct sipdns_recset *s,
					   const struct sipdns_verify_opts *o,
					   struct sipdns_verify_result *r);

/* Ask every question with c-ares; fills state and answer. A question that
 * fails keeps its failure state. Returns SIPDNS_EDNS if the resolver could
 * not be set up (bad server address: message in err). */
enum sipdns_status sipdns_verify_ask(struct sipdns_verify_result *r,
				     const struct sipdns_verify_opts *o,
				     char *err, size_t errlen);

/* Answer the questions of view v from zone data instead of the network
 * (sipdns diff): rrs are the records of the zones named in origins (names
 * lower-case, no dot); questions of other views, and for names outside
 * those zones, are dropped. Does not take ownership of rrs. */
enum sipdns_status sipdns_verify_answer_from_zone(struct sipdns_verify_result *r,
						  const struct sipdns_topology *t,
						  enum sipdns_view_id v,
						  const ldns_rr_list *rrs,
						  const char *const *origins,
						  size_t n_origins);

/* Largest zone file sipdns diff reads. */
#define SIPDNS_MAX_ZONE_FILE (256 * 1024 * 1024)

/* Read one zone file from fp with ldns (sipdns diff): its records are
 * appended to rrs (copies, owned by rrs), and its zone name (lower-case, no
 * dot) goes to *origin (malloc'd): the SOA owner, else the file name of
 * path without .zone or .frag (the origin of relative names too). path also names the file in
 * the message put in err on failure ("PATH:LINE: ..."). The caller opens
 * the file and checks its kind and size. */
enum sipdns_status sipdns_zone_file_read(FILE *fp, const char *path,
					 ldns_rr_list *rrs, char **origin,
					 char *err, size_t errlen);

/* Most records sipdns accepts in one answer; more is an error. */
#define SIPDNS_MAX_ANSWER_RRS 256

/* Record what came back for q: a c-ares status and, if any, the answer's
 * wire data (parsed and classified with ldns; copied). */
void sipdns_verify_take_answer(struct sipdns_question *q, int status,
			       int timeouts, const unsigned char *abuf,
			       int alen, bool no_recurse);

/* Pure: compare the answered questions with the record set, into findings. */
enum sipdns_status sipdns_verify_compare(const struct sipdns_topology *t,
					 const struct sipdns_recset *s,
					 const struct sipdns_verify_opts *o,
					 struct sipdns_verify_result *r);

/* Read the previous findings of path (missing file: none), mark each
 * current finding's first-seen time, list the fixed ones, and write the
 * current state back atomically. */
enum sipdns_status sipdns_verify_state(struct sipdns_verify_result *r,
				       const char *path, long now,
				       char *err, size_t errlen);

void sipdns_verify_result_fini(struct sipdns_verify_result *r);

#endif
