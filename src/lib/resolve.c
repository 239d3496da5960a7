/* resolve.c -- the DNS engine (c-ares): servers, queue, window, failover,
 * poll loop, deadline, cancel
 *
 * The only file that calls c-ares. It moves queries and reports what came
 * back; it never judges an answer. One channel per server: c-ares 1.18
 * does not say which server answered or failed, so the failover is ours.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "resolve.h"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>

#include "arena.h"
#include "dgram.h"

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
	uint32_t tried;              /* servers asked already (bits) */
	uint32_t timed_out, conn_refused; /* how they failed it (bits) */
	int server;                  /* in flight at this one */
	int timeouts;                /* tries that timed out, all servers */
	char *buf;                   /* a fed query's name, reused (FED_NAME
				      * bytes); NULL: asked or sent */
};

/* The room kept for a fed query's name: a name as long as DNS allows
 * (253), its dot and NUL; a longer one takes room of its own. */
#define FED_NAME 256

struct server {
	ares_channel ch;
	char label[96];              /* as given: "NAME (ADDRESS)" or ADDRESS */
	size_t inflight;
	unsigned failed;             /* failed queries in a row */
	bool down, refused;          /* refused: the last failure was a
				      * refused connection */
	bool tcp;                    /* its channel opened a TCP socket */
};

struct sipdns_resolver {
	struct server srv[SIPDNS_RESOLVE_MAX_SERVERS];
	size_t n_srv;
	struct sipdns_resolve_opts o;
	struct sipdns_arena *arena;  /* queries, names, messages */
	struct sipdns_dgram *io;     /* every channel's sockets (dgram.h) */
	struct query *head, *tail;   /* waiting for room in the window */
	sipdns_resolve_next feed;    /* asked after them, as room opens;
				      * NULL: none, or no more */
	void *feed_arg;
	struct query *spare;         /* fed queries done, to be reused */
	size_t inflight, done, total;
	double deadline;             /* monotonic seconds; 0: none */
	bool system, destroying, past_deadline;
	char why[160];               /* the text of a failure made here */
};

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One server of the list, "ADDR[:PORT]", "[ADDR6][:PORT]" or
 * "NAME (one of those)", into node; false when it is none of them. */
static bool
parse_server(const char *s, size_t n, struct ares_addr_port_node *node)
{
	char buf[128];
	const char *open = memchr(s, '(', n);
	if (open != NULL) {   /* a label: the address is inside */
		if (s[n - 1] != ')')
			return false;
		n = (size_t)(s + n - 1 - (open + 1));
		s = open + 1;
	}
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	char *host = buf, *port = NULL;
	if (buf[0] == '[') {
		char *close = strchr(buf, ']');
		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return false;
		*close = '\0';
		host = buf + 1;
		port = close[1] == ':' ? close + 2 : NULL;
	} else if ((port = strchr(buf, ':')) != NULL) {
		*port++ = '\0';
	}
	unsigned long p = 53;
	if (port != NULL) {
		char *end;
		p = strtoul(port, &end, 10);
		if (*port < '0' || *port > '9' || *end || p == 0 || p > 65535)
			return false;
	}
	memset(node, 0, sizeof(*node));
	node->udp_port = node->tcp_port = (int)p;
	if (inet_pton(AF_INET, host, &node->addr.addr4) == 1)
		node->family = AF_INET;
	else if (buf[0] == '[' && inet_pton(AF_INET6, host, &node->addr.addr6) == 1)
		node->family = AF_INET6;
	else
		return false;
	return true;
}

static enum sipdns_status
channel_new(const struct sipdns_resolve_opts *o, ares_channel *ch,
	    char *err, size_t errlen)
{
	struct ares_options ao;
	memset(&ao, 0, sizeof(ao));
	/* NOCHECKRESP: see SERVFAIL and REFUSED answers as they are */
	ao.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH | ARES_FLAG_EDNS;
	if (o->no_recurse)
		ao.flags |= ARES_FLAG_NORECURSE;
	ao.timeout = (int)o->timeout_ms;
	ao.tries = (int)o->tries;
	ao.ndomains = 0;
	ao.ednspsz = 1232;
	int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
		   ARES_OPT_DOMAINS | ARES_OPT_EDNSPSZ;
	int rc = ares_init_options(ch, &ao, mask);
	if (rc != ARES_SUCCESS) {
		snprintf(err, errlen, "c-ares: %s", ares_strerror(rc));
		return rc == ARES_ENOMEM ? SIPDNS_ENOMEM : SIPDNS_EDNS;
	}
	return SIPDNS_OK;
}

/* c-ares opens a socket: note a TCP one (a truncated answer asked again),
 * so that a refused connection is told as TCP's. */
static int
on_socket(ares_socket_t fd, int type, void *arg)
{
	(void)fd;
	if (type == SOCK_STREAM)
		((struct server *)arg)->tcp = true;
	return 0;
}

/* c-ares's socket calls, made by dgram.c: a burst of queries in one
 * sendmmsg(), the answers waiting read by one recvmmsg() */
static const struct ares_socket_functions dgram_funcs = {
	sipdns_dgram_socket, sipdns_dgram_close, sipdns_dgram_connect,
	sipdns_dgram_recvfrom, sipdns_dgram_sendv,
};

/* One channel for each server of r->o.servers (or one for the system's). */
static enum sipdns_status
servers_init(struct sipdns_resolver *r, char *err, size_t errlen)
{
	const char *s = r->o.servers;
	r->system = s == NULL;
	do {
		const char *comma = s ? strchr(s, ',') : NULL;
		size_t n = s ? (comma ? (size_t)(comma - s) : strlen(s)) : 0;
		struct ares_addr_port_node node;
		if (s != NULL && (r->n_srv == SIPDNS_RESOLVE_MAX_SERVERS ||
				  !parse_server(s, n, &node))) {
			snprintf(err, errlen, "'%s': %s", r->o.servers,
				 r->n_srv == SIPDNS_RESOLVE_MAX_SERVERS
				 ? "too many servers" : "not an address[:port]");
			return SIPDNS_EUSAGE;
		}
		struct server *v = &r->srv[r->n_srv];
		enum sipdns_status st = channel_new(&r->o, &v->ch, err, errlen);
		if (st != SIPDNS_OK)
			return st;
		r->n_srv++;
		ares_set_socket_callback(v->ch, on_socket, v);
		ares_set_socket_functions(v->ch, &dgram_funcs, r->io);
		snprintf(v->label, sizeof(v->label), "%.*s", (int)n,
			 s ? s : "the system resolver");
		if (s != NULL && ares_set_servers_ports(v->ch, &node) != ARES_SUCCESS) {
			snprintf(err, errlen, "'%s': c-ares refused it", r->o.servers);
			return SIPDNS_EUSAGE;
		}
		s = comma ? comma + 1 : NULL;
	} while (s != NULL);
	return SIPDNS_OK;
}

static void
channels_destroy(struct sipdns_resolver *r)
{
	for (size_t i = 0; i < r->n_srv; i++)
		ares_destroy(r->srv[i].ch);
	r->n_srv = 0;
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
	if (r == NULL || (r->arena = sipdns_arena_create()) == NULL ||
	    (r->io = sipdns_dgram_create()) == NULL) {
		if (r != NULL)
			sipdns_arena_destroy(r->arena);
		free(r);
		ares_library_cleanup();
		snprintf(err, errlen, "%s", sipdns_strerror(SIPDNS_ENOMEM));
		return SIPDNS_ENOMEM;
	}
	r->o = *opts;
	if (r->o.max_in_flight == 0)
		r->o.max_in_flight = 1;
	if (r->o.max_per_server == 0)
		r->o.max_per_server = 1;
	enum sipdns_status st = servers_init(r, err, errlen);
	if (st != SIPDNS_OK) {
		channels_destroy(r);
		sipdns_dgram_destroy(r->io);
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
	channels_destroy(r);
	sipdns_dgram_destroy(r->io);
	sipdns_arena_destroy(r->arena);
	free(r);
	ares_library_cleanup();
}

bool
sipdns_resolve_system(const struct sipdns_resolver *r)
{
	return r->system;
}

size_t
sipdns_resolve_down(const struct sipdns_resolver *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_srv; i++)
		n += r->srv[i].down;
	return n;
}

size_t
sipdns_resolve_servers(const struct sipdns_resolver *r)
{
	return r->n_srv;
}

const char *
sipdns_resolve_label(const struct sipdns_resolver *r, size_t i)
{
	return i < r->n_srv ? r->srv[i].label : "?";
}

bool
sipdns_resolve_is_down(const struct sipdns_resolver *r, size_t i)
{
	return i < r->n_srv && r->srv[i].down;
}

bool
sipdns_resolve_used_tcp(const struct sipdns_resolver *r, size_t i)
{
	return i < r->n_srv && r->srv[i].tcp;
}

static void
enqueue(struct sipdns_resolver *r, struct query *q)
{
	q->r = r;
	if (r->tail)
		r->tail->next = q;
	else
		r->head = q;
	r->tail = q;
	r->total++;
}

/* Back to the front of the queue: asked again before anything new. */
static void
requeue(struct sipdns_resolver *r, struct query *q)
{
	q->next = r->head;
	r->head = q;
	if (r->tail == NULL)
		r->tail = q;
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
	enqueue(r, q);
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_resolve_feed(struct sipdns_resolver *r, size_t n,
		    sipdns_resolve_next next, void *arg)
{
	if (r->feed != NULL)
		return SIPDNS_EUSAGE;
	r->feed = next;
	r->feed_arg = arg;
	r->total += n;
	return SIPDNS_OK;
}

/* Every query the feed has left, called back at once, never asked: as
 * cancelled, or (why not NULL) failed for why. None of them costs
 * memory. */
static void
drain(struct sipdns_resolver *r, const char *why)
{
	struct sipdns_resolve_query it;
	while (r->feed != NULL && r->feed(r->feed_arg, &it)) {
		struct sipdns_reply rep = { .kind = why ? SIPDNS_REPLY_ERROR
						       : SIPDNS_REPLY_CANCELLED,
					    .error = why, .server = -1 };
		r->done++;
		it.cb(it.arg, &rep);
	}
	r->feed = NULL;
}

/* With the queue empty, the feed's next query into it: a spare one
 * reused, so that memory follows the window and not the questions
 * (600,000 queued at once were 100 MB), its name copied as
 * sipdns_resolve_ask copies it. False when the feed has no more (it is
 * then dropped); on ENOMEM the feed's queries left fail as not asked. */
static bool
refill(struct sipdns_resolver *r)
{
	if (r->feed == NULL)
		return false;
	struct query *q = r->spare;
	if (q != NULL) {
		r->spare = q->next;
	} else {
		q = sipdns_arena_alloc(r->arena, sizeof(*q));
		char *b = q ? sipdns_arena_alloc(r->arena, FED_NAME) : NULL;
		if (b == NULL) {
			drain(r, "not asked: out of memory");
			return false;
		}
		q->buf = b;
	}
	struct sipdns_resolve_query it;
	if (!r->feed(r->feed_arg, &it)) {
		r->feed = NULL;
		q->next = r->spare;
		r->spare = q;
		return false;
	}
	char *keep = q->buf, *b = keep;
	size_t n = strlen(it.name);
	if (n + 2 > FED_NAME && (b = sipdns_arena_alloc(r->arena, n + 2)) == NULL) {
		const char *why = "not asked: out of memory";
		struct sipdns_reply rep = { .kind = SIPDNS_REPLY_ERROR,
					    .error = why, .server = -1 };
		r->done++;
		it.cb(it.arg, &rep);
		drain(r, why);
		return false;
	}
	memcpy(b, it.name, n);
	if (n == 0 || b[n - 1] != '.')
		b[n++] = '.';   /* absolute: no search list applies */
	b[n] = '\0';
	*q = (struct query){ .name = b, .type = it.type, .cb = it.cb,
			     .arg = it.arg, .buf = keep, .r = r };
	r->head = r->tail = q;   /* the queue was empty */
	return true;
}

/* q is done (called back): a fed one is kept for the next. */
static void
recycle(struct sipdns_resolver *r, struct query *q)
{
	if (q->buf == NULL)
		return;
	q->next = r->spare;
	r->spare = q;
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
	enqueue(r, q);
	return SIPDNS_OK;
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

/* q's servers and how they failed it, into rep. */
static void
where(const struct query *q, int answered, struct sipdns_reply *rep)
{
	rep->tried = q->tried;
	rep->timed_out = q->timed_out;
	rep->conn_refused = q->conn_refused;
	rep->server = answered;
}

/* Call q back with a failure made here (text in r->why); down: because
 * every server it could still go to is down. */
static void
fail_query(struct sipdns_resolver *r, struct query *q, const char *why,
	   bool down)
{
	struct sipdns_reply rep = { .kind = SIPDNS_REPLY_ERROR, .error = why,
				    .timeouts = q->timeouts,
				    .servers_down = down };
	where(q, -1, &rep);
	r->done++;
	q->cb(q->arg, &rep);
	recycle(r, q);
}

/* The next server q may be asked at: the first one up, not tried yet,
 * with room; -1 and *none when there is no such server even with room. */
static int
pick(const struct sipdns_resolver *r, const struct query *q, bool *none)
{
	*none = true;
	for (size_t i = 0; i < r->n_srv; i++) {
		const struct server *s = &r->srv[i];
		if (s->down || (q->tried & (1u << i)))
			continue;
		*none = false;
		if (s->inflight < r->o.max_per_server)
			return (int)i;
	}
	return -1;
}

/* Why q cannot be asked any more: the servers that are down. */
static const char *
not_answering(struct sipdns_resolver *r)
{
	size_t down = sipdns_resolve_down(r), off, last = 0;
	off = (size_t)snprintf(r->why, sizeof(r->why), "server%s not answering:",
			       down > 1 ? "s" : "");
	for (size_t i = 0; i < r->n_srv && off < sizeof(r->why); i++)
		if (r->srv[i].down)
			off += (size_t)snprintf(r->why + off, sizeof(r->why) - off,
						" %s", r->srv[(last = i)].label);
	if (down == 1 && off < sizeof(r->why))
		snprintf(r->why + off, sizeof(r->why) - off, " (%s %d times in a row)",
			 r->srv[last].refused ? "connection refused" : "timed out",
			 SIPDNS_RESOLVE_DOWN_AFTER);
	return r->why;
}

static void
on_reply(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct query *q = arg;
	struct sipdns_resolver *r = q->r;
	if (r->destroying)
		return;
	struct server *s = &r->srv[q->server];
	s->inflight--;
	r->inflight--;
	q->timeouts += timeouts;
	struct sipdns_reply rep = reply_of(status, q->timeouts, abuf, alen);
	if (rep.kind == SIPDNS_REPLY_CANCELLED && r->past_deadline) {
		fail_query(r, q, "no answer before the deadline", false);
		return;
	}
	bool failed = rep.kind == SIPDNS_REPLY_TIMEOUT ||
		      rep.kind == SIPDNS_REPLY_UNREACHABLE;
	if (!failed) {
		if (rep.kind != SIPDNS_REPLY_CANCELLED)
			s->failed = 0;
	} else {
		/* refused at once, or given up after timeouts (c-ares keeps
		 * ECONNREFUSED then only when no try timed out) */
		s->refused = rep.kind == SIPDNS_REPLY_UNREACHABLE && timeouts == 0;
		if (s->refused)
			q->conn_refused |= 1u << q->server;
		else
			q->timed_out |= 1u << q->server;
		s->down |= ++s->failed >= SIPDNS_RESOLVE_DOWN_AFTER;
	}
	where(q, failed || rep.kind == SIPDNS_REPLY_CANCELLED ? -1 : q->server,
	      &rep);
	bool none;
	if (failed && (pick(r, q, &none), !none)) {
		requeue(r, q);   /* the next server gets it */
		return;
	}
	r->done++;
	q->cb(q->arg, &rep);
	recycle(r, q);
	/* the window is refilled after ares_process(), in one burst: one
	 * send per answer woke the server for every query, and verify ran
	 * at 0.28 of dnsperf's rate */
}

static void
issue(struct sipdns_resolver *r)
{
	while (r->inflight < r->o.max_in_flight &&
	       (r->head != NULL || refill(r))) {
		struct query *q = r->head;
		bool none;
		int i = pick(r, q, &none);
		if (i < 0 && !none)
			return;   /* no room yet */
		r->head = q->next;
		if (r->head == NULL)
			r->tail = NULL;
		q->next = NULL;
		if (i < 0) {   /* every server it may go to is down */
			fail_query(r, q, not_answering(r), true);
			continue;
		}
		q->server = i;
		q->tried |= 1u << i;
		r->inflight++;
		r->srv[i].inflight++;
		if (q->name)
			ares_query(r->srv[i].ch, q->name, ns_c_in, (int)q->type,
				   on_reply, q);
		else
			ares_send(r->srv[i].ch, q->wire, (int)q->len, on_reply, q);
	}
}

/* End every query left, in flight or queued: as cancelled, or past the
 * deadline as not answered or not asked before it. */
static void
end_all(struct sipdns_resolver *r)
{
	for (size_t i = 0; i < r->n_srv; i++)
		ares_cancel(r->srv[i].ch);
	while (r->head != NULL) {
		struct query *q = r->head;
		r->head = q->next;
		if (r->past_deadline) {
			fail_query(r, q, "not asked before the deadline", false);
			continue;
		}
		struct sipdns_reply rep = { .kind = SIPDNS_REPLY_CANCELLED };
		where(q, -1, &rep);
		r->done++;
		q->cb(q->arg, &rep);
		recycle(r, q);
	}
	r->tail = NULL;
	/* the feed's queries, never asked, end the same way */
	drain(r, r->past_deadline ? "not asked before the deadline" : NULL);
}

static bool
cancelled(struct sipdns_resolver *const *rs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rs[i]->o.cancel != NULL && *rs[i]->o.cancel)
			return true;
	return false;
}

/* Issue what fits, and gather every channel's sockets and the earliest
 * timeout into rd, wr and tv; false when nothing is left to do. */
static bool
gather(struct sipdns_resolver **rs, size_t n, double t, fd_set *rd,
       fd_set *wr, int *nfds, struct timeval *tv)
{
	bool busy = false;
	FD_ZERO(rd);
	FD_ZERO(wr);
	*nfds = 0;
	/* wake at least five times a second to see the cancel flag; a
	 * signal also ends select() early (EINTR) */
	*tv = (struct timeval){ 0, 200000 };
	for (size_t k = 0; k < n; k++) {
		struct sipdns_resolver *r = rs[k];
		if (r->deadline > 0 && t >= r->deadline && !r->past_deadline) {
			r->past_deadline = true;
			end_all(r);
		}
		issue(r);
		busy |= r->inflight > 0 || r->head != NULL || r->feed != NULL;
		for (size_t i = 0; i < r->n_srv; i++) {
			int m = ares_fds(r->srv[i].ch, rd, wr);
			*nfds = m > *nfds ? m : *nfds;
			struct timeval max = *tv, out;
			*tv = *ares_timeout(r->srv[i].ch, &max, &out);
		}
		/* the burst just issued goes out now; what a full socket
		 * buffer held back, in a millisecond; a send error or a
		 * batch still held is read at once (run_all marks its socket) */
		if (!sipdns_dgram_flush(r->io) && (tv->tv_sec > 0 || tv->tv_usec > 1000))
			*tv = (struct timeval){ 0, 1000 };
		if (sipdns_dgram_ready(r->io, NULL) > 0)
			*tv = (struct timeval){ 0, 0 };
	}
	return busy;
}

enum sipdns_status
sipdns_resolve_run_all(struct sipdns_resolver **rs, size_t n)
{
	double start = now_s(), last = start;
	for (size_t k = 0; k < n; k++)
		rs[k]->deadline = rs[k]->o.deadline_ms
				  ? start + rs[k]->o.deadline_ms / 1000.0 : 0;
	while (!cancelled(rs, n)) {
		fd_set rd, wr;
		int nfds;
		struct timeval tv;
		if (!gather(rs, n, now_s(), &rd, &wr, &nfds, &tv))
			return SIPDNS_OK;
		if (select(nfds, &rd, &wr, NULL, &tv) < 0) {
			if (errno != EINTR)
				return SIPDNS_OK;   /* what is left stays unasked */
			FD_ZERO(&rd);   /* undefined after a failed select */
			FD_ZERO(&wr);
		}
		for (size_t k = 0; k < n; k++) {
			sipdns_dgram_ready(rs[k]->io, &rd);
			for (size_t i = 0; i < rs[k]->n_srv; i++)
				ares_process(rs[k]->srv[i].ch, &rd, &wr);
		}
		double t = now_s();
		for (size_t k = 0; k < n && t - last > 0.5; k++)
			if (rs[k]->o.progress)
				rs[k]->o.progress(rs[k]->o.progress_arg,
						  rs[k]->done, rs[k]->total);
		last = t - last > 0.5 ? t : last;
	}
	for (size_t k = 0; k < n; k++)
		end_all(rs[k]);
	return SIPDNS_ECANCELLED;
}

enum sipdns_status
sipdns_resolve_run(struct sipdns_resolver *r)
{
	return sipdns_resolve_run_all(&r, 1);
}
