/* sipdns.h -- the library's one public header: what src/cli/ calls
 *
 * A topology is loaded into a job (parse, records, checks); a job is
 * written (generate), verified against live DNS, or compared with zone
 * files (diff). Results come back as diagnostics and findings that own
 * their strings. No ldns, c-ares or libyaml type appears here; the
 * library never prints on its own, never exits and never writes escape
 * codes: progress is a callback, cancellation a flag the caller hands in.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_H
#define SIPDNS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* ---- status ------------------------------------------------------------ */

enum sipdns_status {
	SIPDNS_OK = 0,
	SIPDNS_ENOMEM,   /* out of memory */
	SIPDNS_EINPUT,   /* the input had errors (see the diagnostics) */
	SIPDNS_EIO,      /* reading or writing a file failed (see errno) */
	SIPDNS_ELIMIT,   /* the input is larger than a built-in limit */
	SIPDNS_EDNS,     /* a DNS library call failed */
	SIPDNS_EUSAGE,   /* an argument was out of range */
	SIPDNS_ECANCELLED, /* the caller's cancel flag was set */
};

/* A static, lower-case description of a status. */
const char *sipdns_strerror(enum sipdns_status st);

/* ---- diagnostics --------------------------------------------------------- */

enum sipdns_severity {
	SIPDNS_NOTE = 0,
	SIPDNS_WARNING,
	SIPDNS_ERROR,
};

/* A position in an input file; lines and columns count from 1, 0 = unknown. */
struct sipdns_loc {
	const char *file;
	unsigned line, col;
};

struct sipdns_diag_entry {
	enum sipdns_severity severity;
	struct sipdns_loc loc;   /* loc.file is a copy owned by the list */
	const char *rule;  /* stable rule id, or NULL for parse errors */
	char *message;     /* owned by the list */
	size_t seq;        /* order of arrival, keeps sorting stable */
};

struct sipdns_diag {
	struct sipdns_diag_entry *v;
	size_t n, cap;
	size_t errors, warnings, notes;
	bool oom;           /* a diagnostic was lost for want of memory */
	const char *src;    /* optional source text, for echoing the line */
	size_t srclen;
	const char *srcfile;
};

void sipdns_diag_init(struct sipdns_diag *d);
void sipdns_diag_fini(struct sipdns_diag *d);
/* Record one diagnostic. rule must be a string constant (or NULL). */
void sipdns_diag_add(struct sipdns_diag *d, enum sipdns_severity sev,
		     struct sipdns_loc loc, const char *rule,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Turn every warning into an error (--strict). */
void sipdns_diag_promote_warnings(struct sipdns_diag *d);
/* Sort by file, line, column (stable) and print GNU-style to fp, each with the
 * offending line and a caret when the source is known, then a summary line
 * when summary is true. */
void sipdns_diag_print(struct sipdns_diag *d, FILE *fp, bool summary);
/* Print entries from index first on, unsorted and without echo: what a
 * late step (writing files, asking DNS, reading zone files) added. */
void sipdns_diag_print_from(const struct sipdns_diag *d, size_t first,
			    FILE *fp);
/* Find the first diagnostic whose message contains needle (for tests). */
const struct sipdns_diag_entry *sipdns_diag_find(const struct sipdns_diag *d,
						 const char *needle);

/* ---- names ------------------------------------------------------------- */

enum sipdns_view_id {
	SIPDNS_VIEW_INTERNAL = 0,
	SIPDNS_VIEW_EXTERNAL = 1,
	SIPDNS_VIEW_PERIMETER = 2, /* the DMZ DNS server the Edge asks */
	SIPDNS_VIEW_COUNT
};

const char *sipdns_view_name(enum sipdns_view_id v);
/* Check a DNS host name; on error write a reason to why (static text). */
bool sipdns_valid_hostname(const char *s, size_t len, const char **why);
/* Parse a strict dotted-quad IPv4 address. */
bool sipdns_parse_ipv4(const char *s, uint32_t *out);
/* Check a zone name: a domain name whose leading labels may start with
 * '_' (a pin-point zone, _sipinternaltls._tcp.contoso.com); the rest is a
 * host name. */
bool sipdns_valid_zone_name(const char *s, size_t len, const char **why);

/* Write s as a JSON string (quoted, escaped); NULL as null. */
void sipdns_json_string(FILE *fp, const char *s);

void sipdns_process_memory(void); /* a command's malloc: frees kept, heap huge */
/* ---- a loaded topology ---------------------------------------------------- */

struct sipdns_job;

/* Parse the topology at path, build its records with its product's rules
 * and run every check. *out is set to a job that holds the diagnostics
 * whatever happened (NULL only when memory ran out before it existed);
 * free it with sipdns_job_destroy. Returns SIPDNS_OK when the topology
 * was parsed and checked (rule errors and warnings are then in
 * sipdns_job_diag), SIPDNS_EINPUT when it could not be parsed, SIPDNS_EIO
 * when it could not be read, SIPDNS_ENOMEM. */
enum sipdns_status sipdns_job_load(const char *path, struct sipdns_job **out);
void sipdns_job_destroy(struct sipdns_job *j);
/* The job's diagnostics (parse warnings, rule findings, output problems). */
struct sipdns_diag *sipdns_job_diag(struct sipdns_job *j);

struct sipdns_job_summary {
	const char *product;      /* the product profile's name */
	size_t sip_domains, zones, records;
};
void sipdns_job_summary(const struct sipdns_job *j,
			struct sipdns_job_summary *out);

/* ---- generate -------------------------------------------------------- */

enum sipdns_format {
	SIPDNS_FMT_ZONE = 0,   /* complete RFC 1035 master file */
	SIPDNS_FMT_FRAGMENT,   /* records only, for $INCLUDE */
	SIPDNS_FMT_NSUPDATE,   /* RFC 2136 script for BIND's nsupdate */
	SIPDNS_FMT_DNSCMD,     /* dnscmd /RecordAdd, Windows Server 2008 */
	SIPDNS_FMT_POWERSHELL, /* Add-DnsServerResourceRecord, 2012 and later */
	SIPDNS_FMT_JSON,       /* records with reasons, schema_version 1 */
	SIPDNS_FMT_HOSTS,      /* each Edge server's HOSTS lines */
	SIPDNS_FMT_COUNT       /* not a format: how many there are */
};

struct sipdns_output_opts {
	enum sipdns_format format;
	const char *outdir;       /* NULL: everything to out */
	int view;                 /* -1: all, else enum sipdns_view_id */
	bool serial_set;
	uint32_t serial;          /* --serial */
	time_t now;               /* for YYYYMMDDnn serials */
	const char *server;       /* dnscmd/PowerShell server, nsupdate server */
	const char *server_port;  /* nsupdate port, or NULL */
	bool include_self_registered; /* dnscmd/PowerShell add self-registered
				   * records too (default: skipped, listed) */
	const char *source;       /* topology name shown in headers */
	FILE *log;                /* "wrote ..." lines, or NULL */
	const volatile sig_atomic_t *cancel; /* set: abandon the write; may be NULL */
	unsigned wait_seconds;    /* outdir held by another run: wait this
				   * long for it (0: fail at once) */
	/* progress of the rendering, on the calling thread: done of total
	 * zones (or documents), after each of the calling thread's share and
	 * once with done == total before anything is written out or renamed
	 * into place; may be NULL */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
};

/* Parse a format name; false if unknown (*out unchanged). */
bool sipdns_format_parse(const char *name, enum sipdns_format *out);
const char *sipdns_format_name(enum sipdns_format f);
/* File extension of a format, with the dot. */
const char *sipdns_format_ext(enum sipdns_format f);

/* Write the job's records in o->format, to out or, with o->outdir, to
 * OUTDIR/VIEW/ZONE.EXT: all files or none are replaced, and o->cancel
 * abandons the write with every file as it was. Problems are added to the
 * job's diagnostics (SIPDNS_EINPUT: they were about the input). */
enum sipdns_status sipdns_job_write(struct sipdns_job *j,
				    const struct sipdns_output_opts *o,
				    FILE *out);

/* ---- verify and diff: findings ---------------------------------------- */

enum sipdns_answer_policy { SIPDNS_ANSWER_EXACT = 0, SIPDNS_ANSWER_SUPERSET };
enum sipdns_ttl_policy { SIPDNS_TTL_WARN = 0, SIPDNS_TTL_IGNORE, SIPDNS_TTL_EXACT };

/* Progress of a verify run: of total questions of view, done came back,
 * failed of them without an answer that can be judged (timeout, SERVFAIL,
 * REFUSED, malformed, ...). */
typedef void (*sipdns_verify_progress_cb)(void *arg, enum sipdns_view_id view,
					  size_t done, size_t failed,
					  size_t total);

struct sipdns_verify_opts {
	/* "a:p,[v6]:p,NAME (a:p)" (see resolve.h); NULL: the view's name
	 * servers from the topology, or with system_resolver the system's */
	const char *servers[SIPDNS_VIEW_COUNT];
	int view;                  /* -1: both */
	bool no_recurse;           /* RD=0, and answers must be authoritative */
	unsigned timeout_ms;       /* first try; doubled each retry */
	unsigned tries;
	unsigned max_in_flight;    /* queries in flight, all servers of a view */
	unsigned max_per_server;   /* queries in flight per server */
	enum sipdns_answer_policy answers;
	enum sipdns_ttl_policy ttl;
	sipdns_verify_progress_cb progress;   /* may be NULL */
	void *progress_arg;
	const volatile sig_atomic_t *cancel;  /* set: stop within a second; may be NULL */
	bool system_resolver;      /* a view without servers: the system's */
	unsigned deadline_ms;      /* the whole run; what is left then is
				    * unverified; 0: no deadline */
	/* diff: the zones from this server by AXFR ("ADDR[:PORT]") instead
	 * of files: every zone of the view (view must be one), or only
	 * zone; NULL: zone files */
	const char *axfr;
	const char *tsig_file;     /* diff --axfr: BIND key file; NULL: unsigned */
	const char *zone;          /* diff: --zone (lower-case, no dot) or NULL */
	/* verify --teams-only-preflight: ask only the Microsoft 365 names
	 * (sipdns_job_teams_only_preflight), and a wildcard answering a
	 * name that must not exist is a finding */
	bool teams_only_preflight;
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

/* One finding; every string is its own (freed with the result). */
struct sipdns_finding {
	enum sipdns_finding_kind kind;
	enum sipdns_severity severity;
	enum sipdns_view_id view;
	char *zone;                 /* may be NULL */
	char *name;                 /* absolute, with the trailing dot */
	uint16_t type;              /* RR type number */
	char type_name[16];         /* its mnemonic, e.g. "SRV" */
	char *want, *got;           /* records, one per line; may be NULL */
	char *reason, *fact;        /* of the expected record, or NULL */
	char *detail;               /* may be NULL */
	char *key;                  /* stable identity for --state */
	long since;                 /* --state: first seen (epoch), 0 = new */
	size_t diagnosis;           /* unverified: 1 + the index of its cause
				     * in the result's diagnoses; 0: none */
};

/* verify: one cause behind unverified questions, told once (per view and
 * servers, or per server and zone). Strings in the job's arena. */
enum sipdns_diagnosis_kind {
	SIPDNS_DIAG_NO_RESPONSE = 0, /* timeouts, refused connections, servers
				      * down: no response came */
	SIPDNS_DIAG_REFUSED_ZONE,    /* a server said REFUSED to every
				      * question of a zone it answered */
};

struct sipdns_diagnosis {
	enum sipdns_diagnosis_kind kind;
	enum sipdns_view_id view;
	const char *servers;      /* the ones it is about, comma-separated */
	const char *zone;         /* REFUSED_ZONE: the zone; else NULL */
	size_t questions;         /* the unverified questions it explains */
	const char *text;         /* the one line: "no answer from ..." */
	bool text_counts;         /* text says how many questions */
};

struct sipdns_question;

/* diff: one zone file compared; path and zone point into the paths given
 * and the job (valid while both are). */
struct sipdns_diff_file {
	const char *path;
	enum sipdns_view_id view;   /* from its directory or --view */
	const char *zone;           /* the topology's zone it holds */
	size_t records;             /* the records read from it, SOA included */
};

struct sipdns_verify_result {
	struct sipdns_question *q;  /* the questions (internal) */
	size_t n_q;
	struct sipdns_finding *f;
	size_t n_f, cap_f;
	size_t expected, in_sync, ignored_names, unverified;
	size_t errors, warnings;
	double seconds;
	bool system_resolver[SIPDNS_VIEW_COUNT];
	struct sipdns_finding *fixed; /* --state: gone since last run */
	size_t n_fixed, cap_fixed;
	struct sipdns_diff_file *files; /* diff: the zone files compared, in
					 * the order given (owned array) */
	size_t n_files;
	/* the servers each view was asked at, as shown ("ns1.contoso.com
	 * (192.0.2.53:53)"; NULL: the system resolver or not asked);
	 * borrowed from the options or the job */
	const char *servers_used[SIPDNS_VIEW_COUNT];
	bool servers_from_topology[SIPDNS_VIEW_COUNT];
	size_t servers_down[SIPDNS_VIEW_COUNT]; /* found down during the run */
	/* --state: findings of the last runs that this run did not check (a
	 * view not asked, a question not answered), carried over unchanged */
	struct sipdns_finding *not_checked;
	size_t n_not_checked, cap_not_checked;
	size_t n_new, n_persisting;  /* --state: of f, unverified not counted */
	size_t n_replaced;           /* --state: gone, another finding at the
				      * same name and type instead (not fixed) */
	bool state_read;             /* --state: the state was read and written */
	bool state_failed;           /* --state: it could not be (why: diag);
				      * the findings are still complete */
	bool state_changed;          /* --state: new, fixed or replaced ones */
	char state_scope[32];        /* --state: views of the last run, "" if
				      * the file did not say */
	char run_scope[32];          /* views this run asked, "internal,external" */
	bool scope_differs;          /* the two differ */
	/* verify: the causes of unverified questions (the job's arena; see
	 * sipdns_finding.diagnosis) */
	const struct sipdns_diagnosis *diagnoses;
	size_t n_diagnoses;
	/* verify: each view's servers as asked, comma-separated ("NAME
	 * (ADDRESS)" or ADDRESS; NULL: the system resolver or not asked),
	 * and the ones found down, or NULL; the job's arena */
	const char *servers_asked[SIPDNS_VIEW_COUNT];
	const char *servers_down_list[SIPDNS_VIEW_COUNT];
};

const char *sipdns_finding_name(enum sipdns_finding_kind k);
void sipdns_verify_result_fini(struct sipdns_verify_result *r);

/* The questions verify would ask, in order: name i (absolute) and its
 * type's mnemonic into type (size bytes); false for a question that is
 * not asked (a name owned elsewhere). */
bool sipdns_verify_question_text(const struct sipdns_verify_result *r,
				 size_t i, const char **name, char *type,
				 size_t size);

/* Build the questions of a job's records (o->view: one view or both)
 * into r, which the caller zeroed; nothing is asked. */
enum sipdns_status sipdns_job_questions(const struct sipdns_job *j,
					const struct sipdns_verify_opts *o,
					struct sipdns_verify_result *r);

/* The wildcard probes verify would send with the questions r (from
 * sipdns_job_questions): their questions into out, which the caller
 * zeroed and finishes with sipdns_verify_result_fini. The names are
 * random (sipdns-nx-HEX.ZONE), new on each call. */
enum sipdns_status sipdns_job_probes(const struct sipdns_job *j,
				     const struct sipdns_verify_opts *o,
				     const struct sipdns_verify_result *r,
				     struct sipdns_verify_result *out);

/* Ask every question of r (from sipdns_job_questions) of live DNS and
 * compare the answers with the job's records into findings. With
 * state_path, remember the findings there: each finding's first sighting,
 * and the ones fixed since (r->fixed). SIPDNS_ECANCELLED when o->cancel
 * ended it (nothing written). Other failures are added to the job's
 * diagnostics (SIPDNS_EUSAGE: a server list that cannot be used). */
enum sipdns_status sipdns_job_verify(struct sipdns_job *j,
				     const struct sipdns_verify_opts *o,
				     const char *state_path, long now,
				     struct sipdns_verify_result *r);

/* Compare zone files (paths[0..n-1], file i of view views[i]; o->view is
 * not used) with the job's records into r (zeroed by the caller): each
 * file in its own view, and only the names of the zones given (r->files
 * says which). A file that cannot be read or parsed, that holds no
 * records, that lacks its SOA (any file but a .frag), or whose zone its
 * view does not hold, or a zone given twice, is SIPDNS_EINPUT, with what
 * is wrong in the job's diagnostics at the file (and line): nothing is
 * compared then. */
enum sipdns_status sipdns_job_diff(struct sipdns_job *j,
				   const struct sipdns_verify_opts *o,
				   const char *const *paths,
				   const enum sipdns_view_id *views, size_t n,
				   struct sipdns_verify_result *r);

/* ---- change plans ------------------------------------------------------ */

/* How a plan is made from a verify or diff result and written. */
struct sipdns_plan_write_opts {
	const char *format;       /* "nsupdate", "markdown", "json" (and the
				   * Windows ones, "dnscmd", "powershell") */
	bool prune;               /* delete unexpected records at managed names */
	bool include_self_registered; /* Windows outputs add them too */
	const char *path;         /* NULL: to out; else written there
				   * atomically (a temp file, then rename) */
	const char *server;       /* as sipdns_output_opts; may be NULL */
	const char *server_port;
	const char *source;       /* the topology's name, for headers */
	const char *made_from;    /* "verify", "diff", for headers */
	const char *view_server[SIPDNS_VIEW_COUNT]; /* without server: the
				   * update server of a view's zones (the one
				   * verify asked), else their name servers */
	const char *view_port[SIPDNS_VIEW_COUNT];
};

/* Is format the name of a plan format? */
bool sipdns_plan_format_known(const char *format);
/* The name of plan format i (0, 1, ...), NULL past the last. */
const char *sipdns_plan_format_name(size_t i);

/* Make the change plan of r (a result of sipdns_job_verify or
 * sipdns_job_diff over j) and write it in o->format. SIPDNS_EUSAGE for an
 * unknown format, SIPDNS_EIO when the file could not be written (why: the
 * job's diagnostics; an existing file stays as it was), SIPDNS_EINPUT for
 * a datum the format cannot carry, SIPDNS_ENOMEM. */
enum sipdns_status sipdns_job_plan_write(struct sipdns_job *j,
					 const struct sipdns_verify_result *r,
					 const struct sipdns_plan_write_opts *o,
					 FILE *out);

/* ---- apply: the plan as signed RFC 2136 updates ------------------------ */

/* What became of one zone's update. */
enum sipdns_apply_outcome {
	SIPDNS_APPLY_NOTHING = 0, /* no change in the zone: nothing sent */
	SIPDNS_APPLY_NOT_SENT,    /* changes, not sent: a dry run, refused
				   * before sending (threshold, declined),
				   * interrupted, or stopped by an earlier
				   * TSIG failure or unknown outcome */
	SIPDNS_APPLY_APPLIED,     /* the server answered NOERROR (signed and
				   * verified, when a key was used) */
	SIPDNS_APPLY_REJECTED,    /* the server answered an error (NXRRSET,
				   * REFUSED, NOTAUTH, a TSIG error, ...):
				   * an update is applied whole or not at
				   * all (RFC 2136 3.2.5), so nothing changed */
	SIPDNS_APPLY_UNKNOWN,     /* sent, no answer that can be trusted
				   * (timeout, lost connection, SERVFAIL, a
				   * reply whose signature did not verify):
				   * never retried; verify to know */
};

struct sipdns_apply_zone {
	enum sipdns_view_id view;
	char *zone;               /* owned: lower-case, no trailing dot */
	size_t n_add, n_delete;   /* the plan's changes of the zone */
	enum sipdns_apply_outcome outcome;
	char rcode[16];           /* the reply's rcode ("NOERROR", "NXRRSET",
				   * ...), "" without one */
	char tsig_error[16];      /* the reply's TSIG error ("BADSIG",
				   * "BADKEY", "BADTIME", ...) or "" */
	bool tsig_failed;         /* the key was not accepted, or the reply's
				   * signature did not verify */
	char *message;            /* owned: what the outcome means; may be NULL */
};

struct sipdns_apply_result {
	struct sipdns_apply_zone *z; /* owned: the plan's zones, in order */
	size_t n_z;
	size_t n_add, n_delete;   /* the plan's sums */
	size_t n_managed;         /* expected records compared (threshold) */
	size_t n_kept, n_not_planned, n_refused; /* as the plan says */
	bool over_threshold;      /* n_delete / n_managed > max_change % */
	bool refused;             /* nothing sent: over the threshold without
				   * force, or the confirm callback said no */
	bool cancelled;           /* the cancel flag stopped it */
	size_t n_applied, n_rejected, n_unknown, n_not_sent;
};

/* Asked once, after the plan passed the threshold and before the first
 * update goes out: true sends. */
typedef bool (*sipdns_apply_confirm_cb)(void *arg,
					const struct sipdns_apply_result *r);

struct sipdns_apply_opts {
	const char *server;       /* an IPv4 or IPv6 address literal */
	unsigned port;            /* 0: 53 */
	const char *tsig_file;    /* BIND's tsig-keygen format; NULL: the
				   * updates go unsigned, only with
				   * insecure_update */
	bool insecure_update;
	int view;                 /* the view applied: -1 every view of r */
	bool prune;               /* as the plan's --prune */
	bool force;               /* send even over the threshold */
	unsigned max_change;      /* percent of the managed records a plan
				   * may delete (30) */
	bool dry_run;             /* make and judge the plan, send nothing */
	unsigned timeout_ms;      /* per update (TCP), one try: 0: 10000 */
	const volatile sig_atomic_t *cancel; /* set: no further update goes
				   * out; may be NULL */
	sipdns_apply_confirm_cb confirm;     /* may be NULL */
	void *confirm_arg;
};

/* Make the change plan of r (a result of sipdns_job_verify over j, asked
 * at o->server) and send each zone with changes as one RFC 2136 UPDATE
 * (prerequisites as seen, deletes, adds: what the nsupdate plan writes),
 * TSIG-signed with the key of o->tsig_file, over TCP to o->server, one
 * at a time, each once. res (zeroed by the caller) says per zone what
 * the server answered. A TSIG failure or an unknown outcome stops the
 * run (the zones after it are not sent); an error rcode does not.
 * SIPDNS_OK when res tells the story (however the updates went);
 * SIPDNS_ECANCELLED when o->cancel stopped it (res says which zones were
 * applied, which not, and which one is unknown); SIPDNS_EUSAGE without a
 * key and without insecure_update, or a server that is not an address;
 * SIPDNS_EINPUT when the key file cannot be used (why: the job's
 * diagnostics; the secret never appears in them); SIPDNS_EDNS,
 * SIPDNS_ENOMEM. Free res with sipdns_apply_result_fini. */
enum sipdns_status sipdns_job_apply(struct sipdns_job *j,
				    const struct sipdns_verify_result *r,
				    const struct sipdns_apply_opts *o,
				    struct sipdns_apply_result *res);
void sipdns_apply_result_fini(struct sipdns_apply_result *res);
/* "nothing to change", "not sent", "applied", "rejected", "unknown" */
const char *sipdns_apply_outcome_name(enum sipdns_apply_outcome o);

/* ---- verify --between: two servers, answer by answer (a cutover) ------- */

/* What the two servers' answers to one question are to each other. */
enum sipdns_between_class {
	SIPDNS_BETWEEN_SAME = 0,  /* the same records (canonical data, owner
				   * case-insensitive, any order), or both
				   * without data (NXDOMAIN or no data) */
	SIPDNS_BETWEEN_TTL,       /* the same data, a TTL differs */
	SIPDNS_BETWEEN_DIFFERS,   /* both have data, not the same */
	SIPDNS_BETWEEN_ONLY_OLD,  /* OLD has data, NEW has none */
	SIPDNS_BETWEEN_ONLY_NEW,  /* NEW has data, OLD has none */
	SIPDNS_BETWEEN_UNSEEN,    /* a side failed (timeout, REFUSED,
				   * SERVFAIL, a referral, ...): never
				   * same, never differs */
	SIPDNS_BETWEEN_CLASSES    /* not a class: how many there are */
};

/* What one side said about one question; strings its own. */
struct sipdns_between_side {
	bool seen;                /* an answer that can be judged */
	char *state;              /* "answer", "NXDOMAIN", "no data", or the
				   * failure: "timeout: ...", "delegated to
				   * ..." */
	char *records;            /* the answer's records, one per line, in
				   * canonical order; NULL: none */
};

struct sipdns_between_item {
	enum sipdns_between_class cls;
	enum sipdns_view_id view;
	char *name;               /* absolute, with the trailing dot */
	char type_name[16];
	bool must_not;            /* a name that must not exist */
	struct sipdns_between_side side[2];   /* 0 OLD, 1 NEW */
};

struct sipdns_between_result {
	struct sipdns_between_item *v;  /* in the questions' order */
	size_t n, cap;
	size_t count[SIPDNS_BETWEEN_CLASSES];
	size_t unseen_side[2];    /* questions that failed on OLD, on NEW */
	/* each side's own verify against the topology (the findings) */
	struct sipdns_verify_result side[2];
	int view;                 /* the view compared */
};

/* "same", "ttl", "differs", "only-old", "only-new", "unseen" */
const char *sipdns_between_class_name(enum sipdns_between_class c);

/* Ask o->view's questions (every managed and must-not-exist name of the
 * view) of OLD (server[0], "ADDR[:PORT]" as verify's --server) and of
 * NEW (server[1]), each side through verify (the same questions, the
 * same comparison with the topology: res->side[i]), then pair the two
 * sides' answers into res->v. o->view -1 takes the topology's only
 * view; with two views it is SIPDNS_EUSAGE (why: the job's
 * diagnostics). o->servers and o->system_resolver are not used. res is
 * zeroed by the caller; free it with sipdns_between_result_fini.
 * SIPDNS_ECANCELLED when o->cancel stopped it. */
enum sipdns_status sipdns_job_between(struct sipdns_job *j,
				      const struct sipdns_verify_opts *o,
				      const char *const server[2],
				      struct sipdns_between_result *res);
void sipdns_between_result_fini(struct sipdns_between_result *res);
/* ---- certificates ------------------------------------------------------ */

/* The roles whose certificates carry names that DNS determines. */
enum sipdns_cert_role {
	SIPDNS_CERT_POOL = 0,      /* Standard Edition server, Enterprise
				    * pool or Director: its default cert */
	SIPDNS_CERT_EDGE_INTERNAL, /* the Edge's internal interface */
	SIPDNS_CERT_ACCESS_EDGE,   /* Access Edge, external */
	SIPDNS_CERT_WEBCONF_EDGE,  /* Web Conferencing Edge, external */
	SIPDNS_CERT_REVERSE_PROXY, /* the reverse proxy's listener */
	SIPDNS_CERT_CWA,           /* the CWA virtual server (HTTPS) */
	SIPDNS_CERT_ROLE_COUNT
};
/* "pool", "edge-internal", "access-edge", "web-conferencing-edge",
 * "reverse-proxy", "cwa"; parse: false for another word. */
const char *sipdns_cert_role_name(enum sipdns_cert_role r);
bool sipdns_cert_role_parse(const char *s, enum sipdns_cert_role *out);

/* One name a certificate must carry, with the reason and fact. */
struct sipdns_cert_name {
	const char *name;          /* lower-case, no trailing dot */
	bool subject;              /* the subject's name (and, when the
				    * certificate has SANs, one of them) */
	bool strict_only;          /* needed for strict DNS naming only */
	const char *reason, *fact;
};
/* One certificate of the topology: what it needs and what is declared. */
struct sipdns_cert_need {
	enum sipdns_cert_role role;
	const char *holder;        /* the FQDN of the role that holds it */
	const char *title;         /* "Standard Edition server ocs01..." */
	const struct sipdns_cert_name *names; /* the subject's first */
	size_t n_names;
	const char *note;          /* what else the sources say, or NULL */
	const char *wildcard;      /* what the sources say of a wildcard SAN
				    * on it, or NULL */
	const char *wildcard_fact;
	bool declared;             /* 'certificate:' in the topology */
	struct sipdns_loc loc;     /* of that declaration */
	const char *decl_subject;
	const char *const *decl_san;
	size_t n_decl_san;
};
struct sipdns_certs {
	const struct sipdns_cert_need *v;
	size_t n;
};
/* The certificates the job's topology needs, in topology order (owned by
 * the job). SIPDNS_EINPUT when the topology was not parsed. */
enum sipdns_status sipdns_job_certs(struct sipdns_job *j,
				    const struct sipdns_certs **out);

/* How a certificate compares with what its role needs. */
enum sipdns_cert_finding_kind {
	SIPDNS_CERT_F_MISSING = 0, /* a required name is not on it */
	SIPDNS_CERT_F_SUBJECT,     /* the subject is not the required one */
	SIPDNS_CERT_F_WILDCARD,    /* only a wildcard SAN would cover a name */
	SIPDNS_CERT_F_EXPIRED,     /* past its notAfter */
	SIPDNS_CERT_F_NOT_YET,     /* before its notBefore */
	SIPDNS_CERT_F_EXTRA,       /* a name no role needs: harmless */
	SIPDNS_CERT_F_UNREADABLE,  /* a part of it could not be read: its
				    * names or dates are not judged as seen */
};
struct sipdns_cert_finding {
	enum sipdns_cert_finding_kind kind;
	enum sipdns_severity severity; /* ERROR: the certificate does not fit */
	char *name;                /* the name it is about, or NULL */
	char *text;                /* one sentence with the fix */
	const char *fact;          /* static, or NULL */
};
struct sipdns_cert_check {
	const struct sipdns_cert_need *need; /* the job's */
	char *subject;             /* the certificate's CN, or NULL */
	char **san;                /* its DNS SANs */
	size_t n_san;
	char not_before[32], not_after[32]; /* "2026-12-02 01:00:00 UTC" */
	struct sipdns_cert_finding *f;
	size_t n_f;
	size_t errors;             /* findings that make it not fit */
};
/* Read the first certificate of the PEM file at path and compare it with
 * what role needs (holder: which one, when the topology has several of
 * the role; NULL: the only one, or for pools the automatic sign-in pool)
 * at time now. SIPDNS_OK: res tells (res->errors == 0: it fits);
 * SIPDNS_EUSAGE: the topology has no such certificate (why: the job's
 * diagnostics); SIPDNS_EINPUT: the file is not a PEM certificate;
 * SIPDNS_EIO; SIPDNS_ENOMEM. Free res with sipdns_cert_check_fini. */
enum sipdns_status sipdns_job_cert_pem(struct sipdns_job *j, const char *path,
				       enum sipdns_cert_role role,
				       const char *holder, time_t now,
				       struct sipdns_cert_check *res);
void sipdns_cert_check_fini(struct sipdns_cert_check *res);
/* "missing", "subject", "wildcard", "expired", "not-yet-valid", "extra" */
const char *sipdns_cert_finding_name(enum sipdns_cert_finding_kind k);
/* ---- discover: DNS as the client sees it ------------------------------
 *
 * The documented sign-in lookup of a client for the domain of a SIP
 * address: the SRV records in order, then the host names with their
 * ports, through the resolver (a question that fails is "not seen",
 * never absence), then the host, address, port and transport the client
 * would connect to, whether strict DNS naming lets it through, and with a
 * topology whether that is its designated sign-in pool and in which view.
 * The orders and their sources are the product profile's. */

enum sipdns_discover_verdict {
	SIPDNS_DISCOVER_FOUND = 0,    /* a client would find a server */
	SIPDNS_DISCOVER_NOT_FOUND,    /* every step it needs seen: it would not
				       * (nothing found, strict naming refuses) */
	SIPDNS_DISCOVER_UNDECIDED,    /* a step the decision depends on was not
				       * seen (timeout, SERVFAIL, REFUSED ...) */
};

enum sipdns_discover_step_kind {
	SIPDNS_STEP_SRV = 0,          /* an SRV record of the order */
	SIPDNS_STEP_HOST,             /* a fallback host name of the order (A) */
	SIPDNS_STEP_TARGET,           /* the chosen SRV record's target (A) */
};

struct sipdns_discover_step {
	enum sipdns_discover_step_kind kind;
	char *name;                   /* asked: lower-case, no dot */
	const char *type;             /* "SRV" or "A" */
	const char *transport;        /* "TLS" or "TCP" */
	char ports[32];               /* HOST: "5061, then 443"; else the SRV's */
	bool asked;
	const char *state;            /* "answer", "no data", "NXDOMAIN",
				       * "timeout", "SERVFAIL", ..., "not asked" */
	bool seen;                    /* an answer, no data or NXDOMAIN */
	bool found;                   /* seen, with a record the client uses */
	char *answer;                 /* the records, one a line; or NULL */
	char *detail;                 /* a failure's detail, or NULL */
	char *decision;               /* what the walk made of it */
	const char *fact, *note;      /* the sources; a note or NULL */
	char *target;                 /* SRV found: the record taken: target */
	unsigned port;                /* and port */
	char *address;                /* HOST, TARGET found: the first address */
};

struct sipdns_discover_result {
	const char *client, *order, *order_source; /* the variant used */
	const char *port_note;        /* NULL or where the fallback ports come from */
	char *sip_address, *sip_domain;
	char *servers;                /* asked: "127.0.0.1:53" or "the system resolver" */
	struct sipdns_discover_step *steps;
	size_t n_steps;
	enum sipdns_discover_verdict verdict;
	char *verdict_text;
	/* the connection the client would make (host NULL: none); while
	 * UNDECIDED, the one it would make if the steps not seen hold nothing */
	char *host, *address;
	char ports[32];
	const char *transport;
	bool strict_checked, strict_ok;
	char *strict_text;
	/* with a topology */
	bool topology, designated;
	char *topology_text;
	char *views;                  /* the views whose records it matches, or NULL */
};

struct sipdns_discover_opts {
	const char *address;          /* user@domain or sip:user@domain */
	const char *client;           /* "communicator" (NULL) or "phone-edition" */
	const char *order;            /* a variant's name; NULL: the client's default */
	const char *server;           /* "ADDR[:PORT]"; NULL: the system resolver */
	unsigned timeout_ms, tries;   /* per question (0: 1000 and 2) */
	bool disable_strict;          /* the client has DisableStrictDNSNaming */
	const volatile sig_atomic_t *cancel;  /* may be NULL */
};

/* Walk for o->address; j (may be NULL) is a loaded topology whose product
 * and records are compared. SIPDNS_EUSAGE for a bad address, client or
 * order (d says which, and the choices), SIPDNS_EDNS when DNS could not be
 * asked at all, SIPDNS_ECANCELLED, SIPDNS_ENOMEM. */
enum sipdns_status sipdns_discover(const struct sipdns_job *j,
				   const struct sipdns_discover_opts *o,
				   struct sipdns_discover_result *r,
				   struct sipdns_diag *d);
void sipdns_discover_result_fini(struct sipdns_discover_result *r);
/* The variants of client (NULL: every client's, "CLIENT:NAME") joined by
 * sep into buf, the default first. */
void sipdns_discover_order_names(const char *client, char *buf, size_t size,
				 const char *sep);

/* --- the TeamsOnly preflight (verify --teams-only-preflight) ----------
 * Rebuild j's records with every SIP domain read as teams_only (README
 * "Microsoft 365: hybrid and TeamsOnly"), for a verify with
 * o->teams_only_preflight set. Problems go to the job's diagnostics. */
enum sipdns_status sipdns_job_teams_only_preflight(struct sipdns_job *j);
/* The number of SIP domains of j's topology. */
size_t sipdns_job_sip_domains(const struct sipdns_job *j);

/* What stands between SIP domain i and TeamsOnly, from a preflight's
 * findings r. Strings borrowed from the job. */
struct sipdns_preflight_domain {
	const char *name, *mode;  /* mode: its m365: value in the topology */
	size_t gate_refuses;      /* a name Microsoft's gate looks at points
				   * elsewhere than Microsoft 365 (M365-G1) */
	size_t beyond_gate;       /* the gate passes them, clients do not:
				   * internal records, must-not-exist names,
				   * wildcards (M365-G2, M365-T5) */
	size_t missing;           /* a Microsoft 365 record not published */
	size_t unverified;        /* questions that failed */
};
void sipdns_job_preflight_domain(const struct sipdns_job *j,
				 const struct sipdns_verify_result *r, size_t i,
				 struct sipdns_preflight_domain *out);

/* ---- graph: the records as a picture (Graphviz DOT) ------------------- */

struct sipdns_graph_opts {
	int view;                 /* -1: every view, else enum sipdns_view_id */
	const char *findings;     /* verify/diff JSON to colour, or NULL */
	const char *source;       /* the topology's name in the title */
};

/* Write the job's records (the set generate writes, per view and zone) as
 * one DOT digraph to out; deterministic. SIPDNS_EINPUT when the findings
 * file is not a verify or diff JSON report (why: the job's diagnostics, at
 * its line and column), SIPDNS_EIO (unreadable file, unwritable out), SIPDNS_ENOMEM. */
enum sipdns_status sipdns_job_graph(struct sipdns_job *j,
				    const struct sipdns_graph_opts *o,
				    FILE *out);

#endif
