/* test_resolve.c -- the engine's own promises: a server list it refuses,
 * a run cancelled before it starts calls every query back as cancelled,
 * and, with servers on 127.0.0.1 only (sockets bound here that never
 * answer, and a child process that answers every query), the failover:
 * a server that fails is left for the next, a server that failed three
 * times in a row is down and asked no more, the deadline ends the run
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "resolve.h"

static void
test_bad_servers(void **state)
{
	(void)state;
	struct sipdns_resolve_opts o = { .servers = "not an address",
		.timeout_ms = 100, .tries = 1, .max_in_flight = 4,
		.max_per_server = 4 };
	struct sipdns_resolver *r = NULL;
	char err[200] = "";
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)),
			 SIPDNS_EUSAGE);
	assert_null(r);
	assert_non_null(strstr(err, "'not an address'"));
}

static void
test_server_syntax(void **state)
{
	(void)state;
	static const char *const good[] = { "127.0.0.1", "127.0.0.1:5300",
		"[::1]:53", "[2001:db8::53]", "localhost (127.0.0.1:53)",
		"a (127.0.0.1:1),b ([::1]:2)" };
	static const char *const bad[] = { "127.0.0.1:0", "127.0.0.1:65536",
		"[::1", "::1]", "[::1]x", "ns1.contoso.com", "a (127.0.0.1",
		"127.0.0.1,", "" };
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		struct sipdns_resolve_opts o = { .servers = good[i],
			.timeout_ms = 100, .tries = 1, .max_in_flight = 1,
			.max_per_server = 1 };
		struct sipdns_resolver *r = NULL;
		char err[200] = "";
		assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)),
				 SIPDNS_OK);
		sipdns_resolve_destroy(r);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct sipdns_resolve_opts o = { .servers = bad[i],
			.timeout_ms = 100, .tries = 1, .max_in_flight = 1,
			.max_per_server = 1 };
		struct sipdns_resolver *r = NULL;
		char err[200] = "";
		assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)),
				 SIPDNS_EUSAGE);
		assert_null(r);
	}
}

struct counts {
	size_t calls, cancelled, wire, timeouts, down, deadline, unasked;
	size_t refused;           /* connection refused, with no timeout */
	uint32_t tried, timed_out, conn_refused;   /* all replies' bits, or'ed */
	int server_min, server_max;                /* of the replies with wire */
	size_t down_flag;         /* replies that say every server was down */
};

static void
count(void *arg, const struct sipdns_reply *rep)
{
	struct counts *c = arg;
	c->calls++;
	c->cancelled += rep->kind == SIPDNS_REPLY_CANCELLED;
	c->wire += rep->kind == SIPDNS_REPLY_WIRE;
	c->timeouts += rep->kind == SIPDNS_REPLY_TIMEOUT;
	c->refused += rep->kind == SIPDNS_REPLY_UNREACHABLE && rep->timeouts == 0;
	c->tried |= rep->tried;
	c->timed_out |= rep->timed_out;
	c->conn_refused |= rep->conn_refused;
	c->down_flag += rep->servers_down;
	if (rep->kind == SIPDNS_REPLY_WIRE) {
		if (c->wire == 1 || rep->server < c->server_min)
			c->server_min = rep->server;
		if (c->wire == 1 || rep->server > c->server_max)
			c->server_max = rep->server;
	} else {
		assert_int_equal(rep->server, -1);   /* nobody answered */
	}
	if (rep->kind == SIPDNS_REPLY_ERROR) {
		c->down += strstr(rep->error, "not answering") != NULL;
		c->deadline += strcmp(rep->error, "no answer before the deadline") == 0;
		c->unasked += strcmp(rep->error, "not asked before the deadline") == 0;
	}
}

/* A UDP socket bound to 127.0.0.1 on a free port, which nobody reads:
 * queries to it are never answered. */
static int
silent_socket(unsigned *port)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = { .sin_family = AF_INET };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	socklen_t len = sizeof(a);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

/* How many datagrams wait on fd (the queries it got). */
static size_t
datagrams(int fd)
{
	unsigned char buf[512];
	size_t n = 0;
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		n++;
	return n;
}

/* A child that answers every query on fd (the query back with QR set). */
static pid_t
answerer(int fd)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(20);   /* never outlive a hung test */
		for (;;) {
			unsigned char buf[512];
			struct sockaddr_storage peer;
			socklen_t pl = sizeof(peer);
			ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
					     (struct sockaddr *)&peer, &pl);
			if (n >= 12) {
				buf[2] |= 0x80;
				sendto(fd, buf, (size_t)n, 0,
				       (struct sockaddr *)&peer, pl);
			}
		}
	}
	return pid;
}

static struct sipdns_resolver *
resolver(const char *servers, unsigned timeout_ms, unsigned window,
	 unsigned deadline_ms)
{
	struct sipdns_resolve_opts o = { .servers = servers,
		.timeout_ms = timeout_ms, .tries = 1, .max_in_flight = window,
		.max_per_server = window, .deadline_ms = deadline_ms };
	struct sipdns_resolver *r = NULL;
	char err[200];
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)), SIPDNS_OK);
	return r;
}

static void
ask_n(struct sipdns_resolver *r, int n, struct counts *c)
{
	for (int i = 0; i < n; i++)
		assert_int_equal(sipdns_resolve_ask(r, "sip.contoso.com", 1, count, c),
				 SIPDNS_OK);
}

/* Both servers silent: after the first timeouts each is down, and the
 * rest fail at once without a packet: 20 questions, 2 in flight, each
 * tried at both servers would be 40 datagrams. */
static void
test_all_down(void **state)
{
	(void)state;
	unsigned p1, p2;
	int f1 = silent_socket(&p1), f2 = silent_socket(&p2);
	char servers[64];
	snprintf(servers, sizeof(servers), "127.0.0.1:%u,127.0.0.1:%u", p1, p2);
	struct sipdns_resolver *r = resolver(servers, 50, 2, 0);
	struct counts c = { 0 };
	ask_n(r, 20, &c);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_OK);
	assert_int_equal(c.calls, 20);
	assert_int_equal(c.timeouts + c.down, 20);
	assert_true(c.down >= 14);
	assert_int_equal(c.down_flag, c.down);
	assert_int_equal(c.timed_out, 3);
	assert_int_equal(c.conn_refused, 0);
	assert_int_equal(sipdns_resolve_down(r), 2);
	size_t sent = datagrams(f1) + datagrams(f2);
	assert_true(sent >= 6 && sent <= 8);
	sipdns_resolve_destroy(r);
	close(f1);
	close(f2);
}

/* The first server silent, the second answers: every question answered,
 * the first down after three, and asked no more. */
static void
test_failover(void **state)
{
	(void)state;
	unsigned p1, p2;
	int f1 = silent_socket(&p1), f2 = silent_socket(&p2);
	pid_t child = answerer(f2);
	char servers[96];
	snprintf(servers, sizeof(servers), "dead (127.0.0.1:%u),127.0.0.1:%u", p1, p2);
	struct sipdns_resolver *r = resolver(servers, 50, 2, 0);
	struct counts c = { 0 };
	ask_n(r, 20, &c);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_OK);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(c.calls, 20);
	assert_int_equal(c.wire, 20);
	assert_int_equal(sipdns_resolve_down(r), 1);
	size_t sent = datagrams(f1);
	assert_true(sent >= 3 && sent <= 4);
	/* who answered, who was tried and how the first failed */
	assert_int_equal(c.server_min, 1);
	assert_int_equal(c.server_max, 1);
	assert_int_equal(c.tried, 3);
	assert_int_equal(c.timed_out, 1);
	assert_int_equal(c.conn_refused, 0);
	assert_int_equal(sipdns_resolve_servers(r), 2);
	char label[64];
	snprintf(label, sizeof(label), "dead (127.0.0.1:%u)", p1);
	assert_string_equal(sipdns_resolve_label(r, 0), label);
	assert_true(sipdns_resolve_is_down(r, 0));
	assert_false(sipdns_resolve_is_down(r, 1));
	sipdns_resolve_destroy(r);
	close(f1);
	close(f2);
}

/* A port where nothing listens: ICMP port unreachable, which c-ares 1.18
 * reports at once as ARES_ECONNREFUSED with no timeout: told apart from a
 * timeout (the 30 s timeout is never waited for), the server down after
 * three, the rest failed at once. */
static void
test_conn_refused(void **state)
{
	(void)state;
	unsigned p1;
	close(silent_socket(&p1));   /* a free port, closed again */
	char servers[64];
	snprintf(servers, sizeof(servers), "127.0.0.1:%u", p1);
	struct sipdns_resolver *r = resolver(servers, 30000, 2, 0);
	struct counts c = { 0 };
	ask_n(r, 10, &c);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_OK);
	assert_int_equal(c.calls, 10);
	assert_int_equal(c.timeouts, 0);
	assert_true(c.refused >= 3);
	assert_int_equal(c.refused + c.down_flag, 10);
	assert_int_equal(c.conn_refused, 1);
	assert_int_equal(c.timed_out, 0);
	assert_true(sipdns_resolve_is_down(r, 0));
	assert_false(sipdns_resolve_used_tcp(r, 0));
	sipdns_resolve_destroy(r);
}

/* The deadline ends a run against a silent server whose timeout is far
 * later: in flight "no answer", queued "not asked". */
static void
test_deadline(void **state)
{
	(void)state;
	unsigned p1;
	int f1 = silent_socket(&p1);
	char servers[64];
	snprintf(servers, sizeof(servers), "127.0.0.1:%u", p1);
	struct sipdns_resolver *r = resolver(servers, 30000, 2, 200);
	struct counts c = { 0 };
	ask_n(r, 5, &c);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_OK);
	assert_int_equal(c.calls, 5);
	assert_int_equal(c.deadline, 2);
	assert_int_equal(c.unasked, 3);
	sipdns_resolve_destroy(r);
	close(f1);
}

/* Two resolvers in one loop: both finish, each with its own answers. */
static void
test_run_all(void **state)
{
	(void)state;
	unsigned p1, p2;
	int f1 = silent_socket(&p1), f2 = silent_socket(&p2);
	pid_t child = answerer(f2);
	char s1[64], s2[64];
	snprintf(s1, sizeof(s1), "127.0.0.1:%u", p1);
	snprintf(s2, sizeof(s2), "127.0.0.1:%u", p2);
	struct sipdns_resolver *rs[2] = { resolver(s1, 50, 4, 0),
					  resolver(s2, 50, 4, 0) };
	struct counts c1 = { 0 }, c2 = { 0 };
	ask_n(rs[0], 10, &c1);
	ask_n(rs[1], 10, &c2);
	assert_int_equal(sipdns_resolve_run_all(rs, 2), SIPDNS_OK);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(c1.calls, 10);
	assert_int_equal(c1.wire, 0);
	assert_int_equal(c2.wire, 10);
	sipdns_resolve_destroy(rs[0]);
	sipdns_resolve_destroy(rs[1]);
	close(f1);
	close(f2);
}

static void
test_cancelled_before_start(void **state)
{
	(void)state;
	volatile sig_atomic_t cancel = 1;
	struct sipdns_resolve_opts o = { .servers = "127.0.0.1:9",
		.timeout_ms = 100, .tries = 1, .max_in_flight = 2,
		.max_per_server = 2, .cancel = &cancel };
	struct sipdns_resolver *r = NULL;
	char err[200];
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)), SIPDNS_OK);
	assert_false(sipdns_resolve_system(r));
	struct counts c = { 0 };
	static const unsigned char msg[12] = { 0 };
	for (int i = 0; i < 5; i++)
		assert_int_equal(sipdns_resolve_ask(r, "sip.contoso.com", 1, count, &c),
				 SIPDNS_OK);
	assert_int_equal(sipdns_resolve_send(r, msg, sizeof(msg), count, &c), SIPDNS_OK);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_ECANCELLED);
	assert_int_equal(c.calls, 6);
	assert_int_equal(c.cancelled, 6);
	sipdns_resolve_destroy(r);
}

/* A feed of n queries whose names are given one at a time: the taken
 * ones never run ahead of those called back by more than the window. */
struct feeder {
	size_t n, taken, asked, ahead_max, errors;   /* asked: the other way */
	struct counts *c;
	char name[400];
	const char *long_at;   /* the name of query 3, when set */
};

static void
fed_count(void *arg, const struct sipdns_reply *rep)
{
	struct feeder *f = arg;
	if (rep->kind == SIPDNS_REPLY_ERROR && f->long_at != NULL) {
		f->errors++;   /* refused by c-ares, not by a server */
		f->c->calls++;
		return;
	}
	count(f->c, rep);
}

static bool
fed_next(void *arg, struct sipdns_resolve_query *out)
{
	struct feeder *f = arg;
	if (f->taken == f->n)
		return false;
	size_t ahead = f->taken + f->asked - f->c->calls;
	f->ahead_max = ahead > f->ahead_max ? ahead : f->ahead_max;
	/* a name only as lasting as the next call: the resolver copies it */
	snprintf(f->name, sizeof(f->name), "h%zu.contoso.com", f->taken);
	if (f->taken == 3 && f->long_at != NULL)
		snprintf(f->name, sizeof(f->name), "%s", f->long_at);
	f->taken++;
	*out = (struct sipdns_resolve_query){ f->name, 1, fed_count, f };
	return true;
}

/* 300 fed queries through a window of 4, after one asked the usual way:
 * each is answered, at most a window's worth taken ahead; a name longer
 * than DNS allows is called back too (c-ares refuses it); a second feed
 * is refused. */
static void
test_feed(void **state)
{
	(void)state;
	unsigned p1;
	int f1 = silent_socket(&p1);
	pid_t child = answerer(f1);
	char servers[64];
	snprintf(servers, sizeof(servers), "127.0.0.1:%u", p1);
	struct sipdns_resolver *r = resolver(servers, 2000, 4, 0);
	struct counts c = { 0 };
	char longname[300];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	struct feeder f = { .n = 300, .asked = 1, .c = &c, .long_at = longname };
	ask_n(r, 1, &c);
	assert_int_equal(sipdns_resolve_feed(r, f.n, fed_next, &f), SIPDNS_OK);
	assert_int_equal(sipdns_resolve_feed(r, 1, fed_next, &f), SIPDNS_EUSAGE);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_OK);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(f.taken, 300);
	assert_int_equal(c.calls, 301);
	assert_int_equal(c.wire, 300);   /* all but the long name */
	assert_int_equal(f.errors, 1);
	assert_true(f.ahead_max <= 4);
	sipdns_resolve_destroy(r);
	close(f1);
}

/* Fed queries end as queued ones do: at the deadline, those in flight
 * "no answer", the rest "not asked"; cancelled before the start, all
 * cancelled, without a packet. */
static void
test_feed_ends(void **state)
{
	(void)state;
	unsigned p1;
	int f1 = silent_socket(&p1);
	char servers[64];
	snprintf(servers, sizeof(servers), "127.0.0.1:%u", p1);
	struct sipdns_resolver *r = resolver(servers, 30000, 2, 200);
	struct counts c = { 0 };
	struct feeder f = { .n = 5, .c = &c };
	assert_int_equal(sipdns_resolve_feed(r, f.n, fed_next, &f), SIPDNS_OK);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_OK);
	assert_int_equal(c.calls, 5);
	assert_int_equal(c.deadline, 2);
	assert_int_equal(c.unasked, 3);
	assert_int_equal(datagrams(f1), 2);
	sipdns_resolve_destroy(r);

	volatile sig_atomic_t cancel = 1;
	struct sipdns_resolve_opts o = { .servers = servers, .timeout_ms = 100,
		.tries = 1, .max_in_flight = 2, .max_per_server = 2,
		.cancel = &cancel };
	char err[200];
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)), SIPDNS_OK);
	struct counts c2 = { 0 };
	struct feeder f2 = { .n = 5, .c = &c2 };
	assert_int_equal(sipdns_resolve_feed(r, f2.n, fed_next, &f2), SIPDNS_OK);
	assert_int_equal(sipdns_resolve_run(r), SIPDNS_ECANCELLED);
	assert_int_equal(c2.calls, 5);
	assert_int_equal(c2.cancelled, 5);
	assert_int_equal(datagrams(f1), 0);
	sipdns_resolve_destroy(r);
	close(f1);
}

static void
test_send_limits(void **state)
{
	(void)state;
	struct sipdns_resolve_opts o = { .servers = "127.0.0.1:9",
		.timeout_ms = 100, .tries = 1, .max_in_flight = 1,
		.max_per_server = 1 };
	struct sipdns_resolver *r = NULL;
	char err[200];
	assert_int_equal(sipdns_resolve_create(&o, &r, err, sizeof(err)), SIPDNS_OK);
	static unsigned char big[65536];
	assert_int_equal(sipdns_resolve_send(r, big, sizeof(big), count, NULL),
			 SIPDNS_EUSAGE);
	sipdns_resolve_destroy(r);   /* nothing was run: nothing called back */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_servers),
		cmocka_unit_test(test_cancelled_before_start),
		cmocka_unit_test(test_send_limits),
		cmocka_unit_test(test_server_syntax),
		cmocka_unit_test(test_all_down),
		cmocka_unit_test(test_failover),
		cmocka_unit_test(test_conn_refused),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_run_all),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_feed_ends),
	};
	return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
