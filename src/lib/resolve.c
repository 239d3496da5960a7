/* resolve.c -- the DNS engine (c-ares): queue, window, poll loop, cancel
 *
 * The only file that calls c-ares. It moves queries and reports what came
 * back; it never judges an answer.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "resolve.h"

#include <ares.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>

#include "arena.h"

/* One query, queued or in flight; lives in the resolver's arena, so its
 * address is stable while c-ares holds it. */
struct query {
	struct query *next;
	struct sipdns_resolver *r;
	const char *name;            /* NULL: a whole message in wire */
	const unsigned char *wire;
	size_t len;
	uint16_t type;
	sipdns_resolve_cb cb;
	void *arg;
};

struct sipdns_resolver {
	ares_channel ch;
	struct sipdns_resolve_opts o;
	struct sipdns_arena *arena;  /* queries, names, messages */
	struct query *head, *tail;   /* waiting for room in the window */
	size_t cap, inflight, done, total;
	bool system, destroying;
};

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static enum sipdns_status
channel_init(struct sipdns_resolver *r, char *err, size_t errlen)
{
	struct ares_options ao;
	memset(&ao, 0, sizeof(ao));
	/* NOCHECKRESP: see SERVFAIL and REFUSED answers as they are */
	ao.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH | ARES_FLAG_EDNS;
	if (r->o.no_recurse)
		ao.flags |= ARES_FLAG_NORECURSE;
	ao.timeout = (int)r->o.timeout_ms;
	ao.tries = (int)r->o.tries;
	ao.ndomains = 0;
	ao.ednspsz = 1232;
	int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
		   ARES_OPT_DOMAINS | ARES_OPT_EDNSPSZ;
	int rc = ares_init_options(&r->ch, &ao, mask);
	if (rc != ARES_SUCCESS) {
		snprintf(err, errlen, "c-ares: %s", ares_strerror(rc));
		return rc == ARES_ENOMEM ? SIPDNS_ENOMEM : SIPDNS_EDNS;
	}
	size_t nservers = 1;
	if (r->o.servers != NULL) {
		rc = ares_set_servers_ports_csv(r->ch, r->o.servers);
		if (rc != ARES_SUCCESS) {
			snprintf(err, errlen, "'%s': %s", r->o.servers,
				 ares_strerror(rc));
			ares_destroy(r->ch);
			return SIPDNS_EUSAGE;
		}
		for (const char *p = r->o.servers; *p; p++)
			nservers += *p == ',';
	} else {
		r->system = true;
	}
	/* c-ares sends to one server and fails over, so the per-server cap
	 * bounds the window as well as the total cap does */
	size_t per = (size_t)r->o.max_per_server * nservers;
	r->cap = r->o.max_in_flight < per ? r->o.max_in_flight : per;
	if (r->cap == 0)
		r->cap = 1;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_resolve_create(const struct sipdns_resolve_opts *opts,
		      struct sipdns_resolver **out, char *err, size_t errlen)
{
	int rc = ares_library_init(ARES_LIB_INIT_ALL);
	if (rc != ARES_SUCCESS) {
		snprintf(err, errlen, "c-ares: %s", ares_strerror(rc));
		return SIPDNS_EDNS;
	}
	struct sipdns_resolver *r = calloc(1, sizeof(*r));
	if (r == NULL || (r->arena = sipdns_arena_create()) == NULL) {
		free(r);
		ares_library_cleanup();
		snprintf(err, errlen, "%s", sipdns_strerror(SIPDNS_ENOMEM));
		return SIPDNS_ENOMEM;
	}
	r->o = *opts;
	enum sipdns_status st = channel_init(r, err, errlen);
	if (st != SIPDNS_OK) {
		sipdns_arena_destroy(r->arena);
		free(r);
		ares_library_cleanup();
		return st;
	}
	*out = r;
	return SIPDNS_OK;
}

void
sipdns_resolve_destroy(struct sipdns_resolver *r)
{
	if (r == NULL)
		return;
	r->destroying = true;   /* c-ares calls back what it still holds */
	ares_destroy(r->ch);
	sipdns_arena_destroy(r->arena);
	free(r);
	ares_library_cleanup();
}

bool
sipdns_resolve_system(const struct sipdns_resolver *r)
{
	return r->system;
}

static enum sipdns_status
enqueue(struct sipdns_resolver *r, struct query *q)
{
	q->r = r;
	if (r->tail)
		r->tail->next = q;
	else
		r->head = q;
	r->tail = q;
	r->total++;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_resolve_ask(struct sipdns_resolver *r, const char *name,
		   uint16_t type, sipdns_resolve_cb cb, void *arg)
{
	struct query *q = sipdns_arena_alloc(r->arena, sizeof(*q));
	size_t n = strlen(name);
	char *s = q ? sipdns_arena_alloc(r->arena, n + 2) : NULL;
	if (s == NULL)
		return SIPDNS_ENOMEM;
	memcpy(s, name, n);
	if (n == 0 || s[n - 1] != '.')
		s[n++] = '.';   /* absolute: no search list applies */
	s[n] = '\0';
	*q = (struct query){ .name = s, .type = type, .cb = cb, .arg = arg };
	return enqueue(r, q);
}

enum sipdns_status
sipdns_resolve_send(struct sipdns_resolver *r, const unsigned char *wire,
		    size_t len, sipdns_resolve_cb cb, void *arg)
{
	struct query *q = sipdns_arena_alloc(r->arena, sizeof(*q));
	unsigned char *w = q ? sipdns_arena_alloc(r->arena, len ? len : 1) : NULL;
	if (w == NULL || len > 65535)
		return w == NULL ? SIPDNS_ENOMEM : SIPDNS_EUSAGE;
	memcpy(w, wire, len);
	*q = (struct query){ .wire = w, .len = len, .cb = cb, .arg = arg };
	return enqueue(r, q);
}

/* A c-ares status and answer as a reply. With NOCHECKRESP an answer that
 * came is shown whatever its rcode, so the wire comes first. */
static struct sipdns_reply
reply_of(int status, int timeouts, const unsigned char *abuf, int alen)
{
	struct sipdns_reply rep = { .timeouts = timeouts };
	if (status == ARES_EDESTRUCTION || status == ARES_ECANCELLED)
		rep.kind = SIPDNS_REPLY_CANCELLED;
	else if (abuf != NULL && alen > 0) {
		rep.kind = SIPDNS_REPLY_WIRE;
		rep.wire = abuf;
		rep.len = (size_t)alen;
	} else if (status == ARES_ETIMEOUT)
		rep.kind = SIPDNS_REPLY_TIMEOUT;
	else if (status == ARES_ECONNREFUSED)
		/* c-ares says this both for a refused port and for a server
		 * it gave up on after its tries */
		rep.kind = SIPDNS_REPLY_UNREACHABLE;
	else if (status == ARES_ENOTFOUND)
		rep.kind = SIPDNS_REPLY_NXDOMAIN;
	else if (status == ARES_ENODATA)
		rep.kind = SIPDNS_REPLY_NODATA;
	else if (status == ARES_ESERVFAIL)
		rep.kind = SIPDNS_REPLY_SERVFAIL;
	else if (status == ARES_EREFUSED)
		rep.kind = SIPDNS_REPLY_REFUSED;
	else {
		rep.kind = SIPDNS_REPLY_ERROR;
		rep.error = ares_strerror(status);
	}
	return rep;
}

static void
on_reply(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct query *q = arg;
	struct sipdns_resolver *r = q->r;
	if (r->destroying)
		return;
	r->inflight--;
	r->done++;
	struct sipdns_reply rep = reply_of(status, timeouts, abuf, alen);
	q->cb(q->arg, &rep);
	/* the window is refilled after ares_process(), in one burst: one
	 * send per answer woke the server for every query, and verify ran
	 * at 0.28 of dnsperf's rate */
}

static void
issue(struct sipdns_resolver *r)
{
	while (r->inflight < r->cap && r->head != NULL) {
		struct query *q = r->head;
		r->head = q->next;
		if (r->head == NULL)
			r->tail = NULL;
		r->inflight++;
		if (q->name)
			ares_query(r->ch, q->name, ns_c_in, (int)q->type,
				   on_reply, q);
		else
			ares_send(r->ch, q->wire, (int)q->len, on_reply, q);
	}
}

/* Call back every query left, in flight or queued, as cancelled. */
static void
cancel_all(struct sipdns_resolver *r)
{
	ares_cancel(r->ch);
	struct sipdns_reply rep = { .kind = SIPDNS_REPLY_CANCELLED };
	while (r->head != NULL) {
		struct query *q = r->head;
		r->head = q->next;
		r->done++;
		q->cb(q->arg, &rep);
	}
	r->tail = NULL;
}

static bool
cancelled(const struct sipdns_resolver *r)
{
	return r->o.cancel != NULL && *r->o.cancel;
}

enum sipdns_status
sipdns_resolve_run(struct sipdns_resolver *r)
{
	double last = now_s();
	if (!cancelled(r))
		issue(r);
	while (!cancelled(r)) {
		fd_set rd, wr;
		FD_ZERO(&rd);
		FD_ZERO(&wr);
		int nfds = ares_fds(r->ch, &rd, &wr);
		if (nfds == 0 && r->head == NULL)
			return SIPDNS_OK;
		/* wake at least five times a second to see the cancel flag;
		 * a signal also ends select() early (EINTR) */
		struct timeval max = { 0, 200000 }, tv;
		struct timeval *tvp = ares_timeout(r->ch, &max, &tv);
		if (nfds > 0 && select(nfds, &rd, &wr, NULL, tvp) < 0) {
			if (errno != EINTR)
				return SIPDNS_OK;   /* what is left stays unasked */
			FD_ZERO(&rd);   /* undefined after a failed select */
			FD_ZERO(&wr);
		}
		ares_process(r->ch, &rd, &wr);
		issue(r);
		double t = now_s();
		if (r->o.progress && t - last > 0.5) {
			r->o.progress(r->o.progress_arg, r->done, r->total);
			last = t;
		}
	}
	cancel_all(r);
	return SIPDNS_ECANCELLED;
}
