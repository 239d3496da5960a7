/* resolve.h -- the DNS engine: queries out, replies back, nothing judged
 *
 * A resolver holds one set of servers, one c-ares channel per server (so
 * that it knows which server failed: c-ares 1.18 picks and fails over on
 * its own and does not say), a window of queries in flight (c-ares has no
 * cap of its own), a cap per server and a queue of the queries waiting
 * for room. A query that times out (or whose connection is refused) is asked again of the
 * set's next server it has not tried; a server that failed DOWN_AFTER
 * queries in a row is down for the rest of the run, and when no server
 * is left a query fails at once ("server not answering"). Several
 * resolvers (one per view) run in one poll loop. Each query's callback
 * gets what came back:
 * the answer's wire data, or what went wrong. Deciding what an answer
 * means is the caller's (answer.c); no c-ares type leaves resolve.c.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_RESOLVE_H
#define SIPDNS_RESOLVE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* What became of one query, as the engine saw it. */
enum sipdns_reply_kind {
	SIPDNS_REPLY_WIRE = 0,     /* a response came: wire, len */
	SIPDNS_REPLY_TIMEOUT,      /* no response within the tries */
	SIPDNS_REPLY_UNREACHABLE,  /* no server of the set took the query */
	SIPDNS_REPLY_NXDOMAIN,     /* said so without a response to show */
	SIPDNS_REPLY_NODATA,
	SIPDNS_REPLY_SERVFAIL,
	SIPDNS_REPLY_REFUSED,
	SIPDNS_REPLY_CANCELLED,    /* the run was cancelled first */
	SIPDNS_REPLY_ERROR,        /* anything else: error says what */
};

struct sipdns_reply {
	enum sipdns_reply_kind kind;
	const unsigned char *wire;   /* borrowed for the callback only */
	size_t len;
	int timeouts;                /* tries that timed out */
	const char *error;           /* static text for SIPDNS_REPLY_ERROR */
	/* where it went (bit i: the set's server i, as sipdns_resolve_label
	 * names it): asked at; no response there (all its tries timed out);
	 * the connection refused there (ICMP port unreachable on UDP, or a
	 * refused TCP connection; c-ares 1.18 says ARES_ECONNREFUSED at once,
	 * with no timeout) */
	uint32_t tried, timed_out, conn_refused;
	int server;                  /* the server that answered, -1: none */
	bool servers_down;           /* failed here: every server it could go
				      * to was down ("server not answering") */
};

typedef void (*sipdns_resolve_cb)(void *arg, const struct sipdns_reply *rep);
/* Progress: done of total queries answered (in any way) so far. */
typedef void (*sipdns_progress_cb)(void *arg, size_t done, size_t total);

struct sipdns_resolve_opts {
	/* "a:p,[v6]:p,NAME (a:p)": comma-separated, asked in this order, each
	 * an IPv4 or [IPv6] address with an optional :PORT (53), optionally
	 * labelled "NAME (ADDRESS)"; NULL: the system's resolver */
	const char *servers;
	bool no_recurse;          /* RD=0 */
	unsigned timeout_ms;      /* first try; c-ares doubles it each retry */
	unsigned tries;
	unsigned max_in_flight;   /* the window, all servers together */
	unsigned max_per_server;  /* in flight per server (bounds the window) */
	const volatile sig_atomic_t *cancel;  /* set: end the run; may be NULL */
	sipdns_progress_cb progress;          /* at most twice a second; may be NULL */
	void *progress_arg;
	unsigned deadline_ms;     /* from the start of the run; 0: none */
};

/* Consecutive failed queries (timeouts, refusals) after which a server is
 * down for the rest of the run. */
#define SIPDNS_RESOLVE_DOWN_AFTER 3
/* Most servers in one set. */
#define SIPDNS_RESOLVE_MAX_SERVERS 16

struct sipdns_resolver;

/* A resolver for opts->servers. On failure *out is untouched and err
 * says why: SIPDNS_EUSAGE for a server list c-ares refuses, SIPDNS_EDNS
 * when c-ares cannot start, SIPDNS_ENOMEM. Free with
 * sipdns_resolve_destroy. opts is copied. */
enum sipdns_status sipdns_resolve_create(const struct sipdns_resolve_opts *opts,
					 struct sipdns_resolver **out,
					 char *err, size_t errlen);
/* Free a resolver; queries not yet answered are not called back.
 * Accepts NULL. */
void sipdns_resolve_destroy(struct sipdns_resolver *r);

/* Did this resolver use the system's resolver configuration? */
bool sipdns_resolve_system(const struct sipdns_resolver *r);

/* Queue a query for name (absolute or not; copied) of class IN and type;
 * cb(arg, reply) is called once, from sipdns_resolve_run. */
enum sipdns_status sipdns_resolve_ask(struct sipdns_resolver *r,
				      const char *name, uint16_t type,
				      sipdns_resolve_cb cb, void *arg);
/* One query a feed gives: as sipdns_resolve_ask takes it. */
struct sipdns_resolve_query {
	const char *name;
	uint16_t type;
	sipdns_resolve_cb cb;
	void *arg;
};
/* The next query of a feed into out; false when there are no more. */
typedef bool (*sipdns_resolve_next)(void *arg, struct sipdns_resolve_query *out);
/* Ask n queries more, taken from next(arg) one at a time as the window
 * opens, after the queued ones (one feed per resolver): what is held
 * follows the window, not n. The same callback rule as
 * sipdns_resolve_ask; next's names need only last until it is called
 * again. SIPDNS_EUSAGE when the resolver has a feed already. */
enum sipdns_status sipdns_resolve_feed(struct sipdns_resolver *r, size_t n,
				       sipdns_resolve_next next, void *arg);
/* Queue a query given as a whole DNS message (copied), for example an
 * RFC 2136 update; the same callback rule. */
enum sipdns_status sipdns_resolve_send(struct sipdns_resolver *r,
				       const unsigned char *wire, size_t len,
				       sipdns_resolve_cb cb, void *arg);

/* Move every queued query until each has been called back. Returns
 * SIPDNS_ECANCELLED when the cancel flag ended the run (each query left
 * is called back with SIPDNS_REPLY_CANCELLED, within about 0.2 s of the
 * flag), else SIPDNS_OK. At the deadline, queries in flight are called
 * back as SIPDNS_REPLY_ERROR "no answer before the deadline" and queued
 * ones as "not asked before the deadline" (SIPDNS_OK). */
enum sipdns_status sipdns_resolve_run(struct sipdns_resolver *r);
/* The same for n resolvers at once, in one poll loop; any one's cancel
 * flag cancels them all. */
enum sipdns_status sipdns_resolve_run_all(struct sipdns_resolver **rs,
					  size_t n);
/* How many of the resolver's servers are down (so far). */
size_t sipdns_resolve_down(const struct sipdns_resolver *r);
/* How many servers the set has; server i's label as given ("NAME
 * (ADDRESS)" or ADDRESS; static text for the system resolver), valid while
 * r is; is it down; did its channel open a TCP connection (truncated
 * answers are asked again over TCP)? */
size_t sipdns_resolve_servers(const struct sipdns_resolver *r);
const char *sipdns_resolve_label(const struct sipdns_resolver *r, size_t i);
bool sipdns_resolve_is_down(const struct sipdns_resolver *r, size_t i);
bool sipdns_resolve_used_tcp(const struct sipdns_resolver *r, size_t i);

#endif
