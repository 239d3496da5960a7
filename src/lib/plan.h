/* plan.h -- the change plan: drift -> the smallest safe change list (pure)
 *
 * A plan is made from the comparison's result (sipdns_compare: the
 * findings, and the questions with the complete answer each got), never
 * by comparing again. It holds, per view and zone, per owner and type:
 * the prerequisite as seen when the plan was made (RFC 2136 2.4: the
 * name did not exist, the set did not exist, or the set was exactly
 * these records), then the changes, deletes before adds, each with its
 * record, why (reason, fact id, the finding it answers) and its flags.
 * Beside them: the records kept because --prune was not given, what was
 * not planned because it was not seen (a question that failed, a
 * wildcard's answer, a delegated name), and the conflicts refused, each
 * with a message. No sockets, no files, no printing: renderers
 * (plan_nsupdate.c, plan_markdown.c, plan_json.c, the Windows ones)
 * and apply read a plan; nothing here writes one out.
 *
 * Rules (plan.c, README "Change plans"):
 * - missing -> add; changed -> delete the wrong records, add the right
 *   ones; ttl -> delete every record of the set as seen, add the set with
 *   the right TTL; unexpected at a managed name -> delete with prune, else
 *   kept (listed); present at a must-not-exist name -> delete (the profile
 *   declares it drift; prune is not needed);
 * - unverified, wildcard-answered, delegated -> no change ("not planned:
 *   not seen");
 * - self-registered records (SIPDNS_REC_SELF_REGISTERED, and the other
 *   addresses at a self-registered name) are never deleted;
 * - a CNAME wanted where A or AAAA data was seen: those sets are deleted
 *   first (each with its exact prerequisite), then the CNAME is added;
 *   data wanted where a CNAME was seen: the CNAME is deleted first (with
 *   its prerequisite), then the data is added; a CNAME wanted at a name
 *   that exists without A, AAAA or CNAME data (other types, which no
 *   question asked for, may be there) is refused with a message.
 *
 * Ownership: a plan owns everything it points to except `zone`, which
 * points into the topology (valid while the job is). Free with
 * sipdns_plan_free (accepts a zeroed plan; a failed make leaves nothing
 * to free, and free may still be called).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PLAN_H
#define SIPDNS_PLAN_H

#include <ldns/ldns.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipdns.h"

struct sipdns_record;
struct sipdns_recset;
struct sipdns_topology;
struct sipdns_zone;

/* What must hold for a set when the plan is applied: what was seen when
 * it was made. A renderer that can express it makes the change fail, and
 * change nothing, when it no longer holds. */
enum sipdns_plan_prereq_kind {
	SIPDNS_PRE_NXDOMAIN = 0, /* the name did not exist (RFC 2136 2.4.5):
				  * "prereq nxdomain NAME" */
	SIPDNS_PRE_NXRRSET,      /* the name held no record of the type
				  * (2.4.3): "prereq nxrrset NAME TYPE" */
	SIPDNS_PRE_RRSET,        /* the set was exactly `seen` (2.4.2,
				  * value-dependent): "prereq yxrrset NAME
				  * TYPE RDATA" for each record seen */
	SIPDNS_PRE_NONE,         /* no condition: what the set holds was not
				  * seen (the plan against an empty zone,
				  * which replaces whole sets) */
};

enum sipdns_plan_op {
	SIPDNS_PLAN_DELETE = 0,  /* delete this one record (name, type, rdata) */
	SIPDNS_PLAN_ADD,         /* add this one record (with its TTL) */
	SIPDNS_PLAN_DELETE_SET,  /* delete the whole set (name, type),
				  * whatever it holds ("update delete NAME
				  * TYPE"); rr is the first record added
				  * after it (name, type and TTL); only in
				  * the plan against an empty zone */
};

/* Why a change is in the plan. */
enum sipdns_plan_why {
	SIPDNS_WHY_MISSING = 0,  /* expected, absent: add */
	SIPDNS_WHY_CHANGED,      /* other data at the name and type */
	SIPDNS_WHY_TTL,          /* the set replaced for its TTL */
	SIPDNS_WHY_UNEXPECTED,   /* not expected at a managed name (--prune) */
	SIPDNS_WHY_MUST_NOT,     /* at a name that must not exist */
	SIPDNS_WHY_CONFLICT,     /* beside a CNAME wanted, or where data is wanted */
	SIPDNS_WHY_EMPTY,        /* the plan against an empty zone (generate) */
};

struct sipdns_plan_change {
	enum sipdns_plan_op op;
	enum sipdns_plan_why why;
	ldns_rr *rr;             /* owned; a delete's record as seen (its TTL
				  * as seen), an add's as expected */
	char *text;              /* owned: rr as one line, tabs as spaces */
	char *reason, *fact;     /* owned: of the expected record (an add, or
				  * a delete for a TTL); of the must-not-exist
				  * name; or NULL */
	unsigned flags;          /* SIPDNS_REC_* (records.h) of the expected
				  * record; 0 for data only seen */
	unsigned line;           /* the topology line of the expected record,
				  * 0: none */
};

/* One owner and type in one zone. A set without changes (n_ch 0) is a
 * guard: only its prerequisite, which keeps a CNAME from going beside
 * other data or data beside a CNAME (RFC 2136 3.4.1.2: the server would
 * ignore that add silently). Each set with a CNAME add has guards
 * nxrrset A and AAAA at its owner (or their sets, deleted first), each
 * owner with other data added a guard nxrrset CNAME (or the CNAME set,
 * deleted first). */
struct sipdns_plan_set {
	char *owner;             /* owned: lower-case, no trailing dot */
	uint16_t type;           /* RR type number */
	char type_name[16];      /* its mnemonic, e.g. "SRV" */
	enum sipdns_plan_prereq_kind pre;
	ldns_rr_list *seen;      /* owned: the set as seen (PRE_RRSET), with
				  * the TTLs seen; empty for the others */
	struct sipdns_plan_change *ch; /* owned: deletes first, then adds */
	size_t n_ch;
	size_t n_add, n_delete;
};

/* A record left as it is, and why. */
struct sipdns_plan_kept {
	char *owner;             /* owned: lower-case, no trailing dot */
	uint16_t type;
	char type_name[16];
	char *text;              /* owned: the record seen, one line */
	const char *why;         /* static text, e.g. "not expected here: kept
				  * without --prune" or "self-registered: never
				  * deleted" */
};

/* A name and type with drift that the plan does not touch. */
struct sipdns_plan_skip {
	char *owner;             /* owned: lower-case, no trailing dot */
	uint16_t type;
	char type_name[16];
	bool refused;            /* true: a conflict refused; false: not
				  * planned, not seen (unverified, wildcard,
				  * delegated) or not a record change
				  * (target-alias, aaaa-only) */
	char *message;           /* owned: why, and what to do */
	char *want, *got;        /* owned, one record a line; may be NULL */
};

/* The plan of one zone of one view: one atomic unit (one UPDATE). */
struct sipdns_plan_zone {
	enum sipdns_view_id view;
	const struct sipdns_zone *zone; /* the topology's (borrowed) */
	const char *name;        /* zone->name: lower-case, no trailing dot */
	struct sipdns_plan_set *sets;   /* owned; canonical order of owner,
					 * then type */
	size_t n_sets;
	struct sipdns_plan_kept *kept;  /* owned */
	size_t n_kept;
	struct sipdns_plan_skip *skip;  /* owned */
	size_t n_skip;
	size_t n_add, n_delete;  /* sums over the sets */
	size_t n_managed;        /* expected records of this zone compared */
};

struct sipdns_plan_opts {
	bool prune;              /* delete unexpected records at managed names */
	bool include_self_registered; /* Windows renderers add self-registered
				       * records too (nsupdate always does;
				       * nobody ever deletes them) */
	int view;                /* sipdns_plan_empty: -1 both, else one view */
};

struct sipdns_plan {
	struct sipdns_plan_zone *z; /* owned; views in order, zones in
				     * topology order; every zone compared,
				     * those without changes too */
	size_t n_z;
	size_t n_add, n_delete;  /* sums over the zones */
	size_t n_kept, n_not_planned, n_refused;
	size_t n_managed;        /* expected records compared, for a
				  * threshold: n_delete / n_managed */
	bool prune, include_self_registered; /* as made */
	bool empty_zone;         /* made by sipdns_plan_empty */
};

/* The plan from r, the result of sipdns_compare over the finished set s
 * of t (verify or diff): its findings say what differs, its questions what
 * each set held. Zones: with r->files (diff) the zones compared, else
 * every zone of each view asked. *p is written only on success;
 * SIPDNS_ENOMEM is the only failure. */
enum sipdns_status sipdns_plan_make(const struct sipdns_topology *t,
				    const struct sipdns_recset *s,
				    const struct sipdns_verify_result *r,
				    const struct sipdns_plan_opts *o,
				    struct sipdns_plan *p);

/* The plan against an empty zone, for generate: nothing was seen, so each
 * set of s in o->view (every zone, empty ones too) is replaced whole
 * (SIPDNS_PLAN_DELETE_SET, then its adds; prerequisite SIPDNS_PRE_NONE),
 * which converges when run twice, but a self-registered set, which is
 * only added to (never deleted); with the CNAME guards above. *p written
 * only on success; SIPDNS_ENOMEM. */
enum sipdns_status sipdns_plan_empty(const struct sipdns_topology *t,
				     const struct sipdns_recset *s,
				     const struct sipdns_plan_opts *o,
				     struct sipdns_plan *p);

/* The same for one zone z of view v: its records recs[0 .. n-1] (a
 * group of generate), so that generate renders zone by zone. */
enum sipdns_status sipdns_plan_empty_zone(const struct sipdns_recset *s,
					  enum sipdns_view_id v,
					  const struct sipdns_zone *z,
					  const struct sipdns_record *const *recs,
					  size_t n,
					  const struct sipdns_plan_opts *o,
					  struct sipdns_plan *p);

void sipdns_plan_free(struct sipdns_plan *p);

/* Static names: "nxdomain", "nxrrset", "rrset"; "delete", "add";
 * "missing", "changed", "ttl", "unexpected", "must-not-exist",
 * "conflict", "empty-zone". */
const char *sipdns_plan_prereq_name(enum sipdns_plan_prereq_kind k);
const char *sipdns_plan_op_name(enum sipdns_plan_op op);
const char *sipdns_plan_why_name(enum sipdns_plan_why w);

/* Would p delete more than percent % of the managed records (a threshold
 * for apply; a plan without managed records never does)? */
bool sipdns_plan_over_threshold(const struct sipdns_plan *p, unsigned percent);

/* ---- rendering ----------------------------------------------------------- */

/* What a renderer is told besides the plan. */
struct sipdns_plan_render_opts {
	const char *server;      /* nsupdate "server", dnscmd/PowerShell
				  * server; NULL: from the zone's name servers */
	const char *server_port; /* or NULL */
	const char *source;      /* shown in headers: the topology's name */
	const char *made_from;   /* shown in headers: "verify", "diff", ...;
				  * NULL: generate (the plan against an
				  * empty zone) */
	const char *view_server[SIPDNS_VIEW_COUNT]; /* without server: the
				  * server of a view's zones, or NULL */
	const char *view_port[SIPDNS_VIEW_COUNT];   /* or NULL */
};

/* A plan renderer: the whole plan to fp. SIPDNS_EINPUT when a name or
 * datum is outside the renderers' alphabet (render.h), with a diagnostic. */
typedef enum sipdns_status (*sipdns_plan_render_fn)(
	FILE *fp, const struct sipdns_plan *p,
	const struct sipdns_plan_render_opts *o, struct sipdns_diag *d);

/* plan_nsupdate.c: one "update"/"send" block per zone with changes, its
 * prerequisites first, then every delete of the zone, then every add. */
enum sipdns_status sipdns_plan_render_nsupdate(FILE *fp,
	const struct sipdns_plan *p, const struct sipdns_plan_render_opts *o,
	struct sipdns_diag *d);
/* plan_markdown.c: a change ticket: what, why (fact id), before, after. */
enum sipdns_status sipdns_plan_render_markdown(FILE *fp,
	const struct sipdns_plan *p, const struct sipdns_plan_render_opts *o,
	struct sipdns_diag *d);
/* plan_json.c: the plan for tools (fields: README "Change plans"). */
enum sipdns_status sipdns_plan_render_json(FILE *fp,
	const struct sipdns_plan *p, const struct sipdns_plan_render_opts *o,
	struct sipdns_diag *d);

/* plan_windows.c: a dnscmd .cmd script and a PowerShell script, CRLF,
 * each safe to run twice (README "Change plans": Windows plans). */
enum sipdns_status sipdns_plan_render_dnscmd(FILE *fp,
	const struct sipdns_plan *p, const struct sipdns_plan_render_opts *o,
	struct sipdns_diag *d);
enum sipdns_status sipdns_plan_render_powershell(FILE *fp,
	const struct sipdns_plan *p, const struct sipdns_plan_render_opts *o,
	struct sipdns_diag *d);

/* The renderer of a format name ("nsupdate", "markdown", "json"; the
 * Windows engineer adds "dnscmd", "powershell" to the table in plan.c),
 * or NULL when unknown. */
sipdns_plan_render_fn sipdns_plan_renderer(const char *format);

#endif
