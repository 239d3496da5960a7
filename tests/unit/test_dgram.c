/* test_dgram.c -- the batched sockets, on 127.0.0.1: queued datagrams go
 * out only when flushed, in order; a batch read hands them one a call
 * with their sender, cut to the caller's room as recvfrom() cuts, and
 * then EAGAIN; a send refused by the kernel (ICMP port unreachable) is
 * kept and told once, by the socket's next read (a send meanwhile is
 * queued), and its socket marked for select(), as is a batch still held;
 * a closed socket's queue is not sent by the next one of its descriptor;
 * TCP goes straight through
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dgram.h"

/* A UDP socket bound to 127.0.0.1 on a free port; its address in a. */
static int
bound(struct sockaddr_in *a)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	*a = (struct sockaddr_in){ .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	assert_int_equal(bind(fd, (struct sockaddr *)a, sizeof(*a)), 0);
	socklen_t n = sizeof(*a);
	assert_int_equal(getsockname(fd, (struct sockaddr *)a, &n), 0);
	return fd;
}

/* One of io's UDP sockets, bound to 127.0.0.1 on a free port; its
 * address in a. */
static int
bound_ours(struct sipdns_dgram *io, struct sockaddr_in *a)
{
	int fd = sipdns_dgram_socket(AF_INET, SOCK_DGRAM, 0, io);
	assert_true(fd >= 0);
	*a = (struct sockaddr_in){ .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	assert_int_equal(bind(fd, (struct sockaddr *)a, sizeof(*a)), 0);
	socklen_t n = sizeof(*a);
	assert_int_equal(getsockname(fd, (struct sockaddr *)a, &n), 0);
	return fd;
}

/* Wait up to a second for fd to be readable. */
static void
readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	assert_int_equal(poll(&p, 1, 1000), 1);
}

static ssize_t
send_text(struct sipdns_dgram *io, int fd, const char *a, const char *b)
{
	struct iovec v[2] = { { (void *)a, strlen(a) }, { (void *)b, strlen(b) } };
	return sipdns_dgram_sendv(fd, v, 2, io);
}

static void
test_queued_until_flushed(void **state)
{
	(void)state;
	struct sockaddr_in peer;
	int srv = bound(&peer);
	struct sipdns_dgram *io = sipdns_dgram_create();
	assert_non_null(io);
	int fd = sipdns_dgram_socket(AF_INET, SOCK_DGRAM, 0, io);
	assert_true(fd >= 0);
	assert_int_equal(sipdns_dgram_connect(fd, (struct sockaddr *)&peer,
					      sizeof(peer), io), 0);
	/* 100 datagrams, of two parts each: more than one sendmmsg() */
	char part[16];
	for (int i = 0; i < 100; i++) {
		snprintf(part, sizeof(part), "%03d", i);
		assert_int_equal(send_text(io, fd, "q", part), 4);
	}
	char buf[64];
	assert_int_equal(recv(srv, buf, sizeof(buf), MSG_DONTWAIT), -1);
	assert_true(sipdns_dgram_flush(io));
	for (int i = 0; i < 100; i++) {
		readable(srv);
		ssize_t n = recv(srv, buf, sizeof(buf), 0);
		assert_int_equal(n, 4);
		snprintf(part, sizeof(part), "q%03d", i);
		assert_memory_equal(buf, part, 4);
	}
	assert_true(sipdns_dgram_flush(io));   /* nothing left: nothing sent */
	assert_int_equal(recv(srv, buf, sizeof(buf), MSG_DONTWAIT), -1);
	assert_int_equal(sipdns_dgram_ready(io, NULL), 0);
	assert_int_equal(sipdns_dgram_close(fd, io), 0);
	sipdns_dgram_destroy(io);
	close(srv);
}

static void
test_batch_read(void **state)
{
	(void)state;
	struct sockaddr_in me, peer;
	struct sipdns_dgram *io = sipdns_dgram_create();
	int fd = bound_ours(io, &me);
	int peer_fd = bound(&peer);
	/* nothing waiting: EAGAIN */
	char buf[8];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	errno = 0;
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0,
					       (struct sockaddr *)&from, &fl, io), -1);
	assert_int_equal(errno, EAGAIN);
	/* 70 waiting: a batch of 64 is full, so the 65th is read too */
	char msg[32];
	for (int i = 0; i < 70; i++) {
		int n = snprintf(msg, sizeof(msg), "answer-%02d", i);
		assert_int_equal(sendto(peer_fd, msg, (size_t)n, 0,
					(struct sockaddr *)&me, sizeof(me)), n);
	}
	readable(fd);
	usleep(20000);   /* all 70 in the socket's buffer */
	for (int i = 0; i < 70; i++) {
		fl = sizeof(from);
		memset(&from, 0, sizeof(from));
		ssize_t n = sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0,
						  (struct sockaddr *)&from, &fl, io);
		assert_int_equal(n, sizeof(buf));   /* cut to the room */
		snprintf(msg, sizeof(msg), "answer-%02d", i);
		assert_memory_equal(buf, msg, sizeof(buf));
		assert_int_equal(fl, sizeof(from));
		assert_int_equal(from.sin_port, peer.sin_port);
	}
	errno = 0;
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0,
					       (struct sockaddr *)&from, &fl, io), -1);
	assert_int_equal(errno, EAGAIN);
	/* one more after the batch was used up: read at the next call */
	assert_int_equal(sendto(peer_fd, "late", 4, 0, (struct sockaddr *)&me,
				sizeof(me)), 4);
	readable(fd);
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), 4);
	assert_memory_equal(buf, "late", 4);
	assert_int_equal(sipdns_dgram_close(fd, io), 0);
	sipdns_dgram_destroy(io);
	close(peer_fd);
}

static void
test_refused_told_once(void **state)
{
	(void)state;
	struct sockaddr_in gone;
	int tmp = bound(&gone);
	close(tmp);   /* nothing listens there now */
	struct sipdns_dgram *io = sipdns_dgram_create();
	int fd = sipdns_dgram_socket(AF_INET, SOCK_DGRAM, 0, io);
	assert_true(fd >= 0);
	assert_int_equal(sipdns_dgram_connect(fd, (struct sockaddr *)&gone,
					      sizeof(gone), io), 0);
	assert_int_equal(send_text(io, fd, "first", ""), 5);
	assert_true(sipdns_dgram_flush(io));
	usleep(50000);   /* the ICMP port unreachable comes back */
	/* the next send meets the refusal: kept, the queue dropped */
	assert_int_equal(send_text(io, fd, "second", ""), 6);
	assert_int_equal(send_text(io, fd, "third", ""), 5);
	assert_true(sipdns_dgram_flush(io));
	fd_set rd;
	FD_ZERO(&rd);
	assert_int_equal(sipdns_dgram_ready(io, &rd), 1);
	assert_true(FD_ISSET(fd, &rd));
	/* a send meanwhile is queued: the error is left for recvfrom() */
	assert_int_equal(send_text(io, fd, "fourth", ""), 6);
	assert_int_equal(sipdns_dgram_ready(io, NULL), 1);
	char buf[16];
	errno = 0;
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), -1);
	assert_int_equal(errno, ECONNREFUSED);
	assert_int_equal(sipdns_dgram_ready(io, NULL), 0);   /* told once */
	errno = 0;
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), -1);
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(sipdns_dgram_close(fd, io), 0);
	sipdns_dgram_destroy(io);
}

/* A batch c-ares stopped reading (an answer from an address it did not
 * ask) is marked for select() until it is used up: the kernel no longer
 * has it, so select() alone would never wake for it. */
static void
test_held_batch_ready(void **state)
{
	(void)state;
	struct sockaddr_in me, peer;
	int peer_fd = bound(&peer);
	struct sipdns_dgram *io = sipdns_dgram_create();
	int fd = bound_ours(io, &me);
	for (int i = 0; i < 3; i++)
		assert_int_equal(sendto(peer_fd, "abc", 3, 0, (struct sockaddr *)&me,
					sizeof(me)), 3);
	readable(fd);
	usleep(20000);   /* all three in the socket's buffer */
	assert_int_equal(sipdns_dgram_ready(io, NULL), 0);   /* none held yet */
	char buf[8];
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), 3);
	fd_set rd;
	FD_ZERO(&rd);
	assert_int_equal(sipdns_dgram_ready(io, &rd), 1);
	assert_true(FD_ISSET(fd, &rd));
	struct pollfd p = { .fd = fd, .events = POLLIN };
	assert_int_equal(poll(&p, 1, 0), 0);   /* the kernel has none left */
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), 3);
	assert_int_equal(sipdns_dgram_ready(io, NULL), 1);
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), 3);
	assert_int_equal(sipdns_dgram_ready(io, NULL), 0);   /* used up */
	errno = 0;
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), -1);
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(sipdns_dgram_close(fd, io), 0);
	sipdns_dgram_destroy(io);
	close(peer_fd);
}

/* What a closed socket had queued is not sent by the next socket of the
 * same descriptor. */
static void
test_close_drops_queue(void **state)
{
	(void)state;
	struct sockaddr_in peer;
	int srv = bound(&peer);
	struct sipdns_dgram *io = sipdns_dgram_create();
	int fd = sipdns_dgram_socket(AF_INET, SOCK_DGRAM, 0, io);
	assert_true(fd >= 0);
	assert_int_equal(sipdns_dgram_connect(fd, (struct sockaddr *)&peer,
					      sizeof(peer), io), 0);
	assert_int_equal(send_text(io, fd, "old", ""), 3);
	assert_int_equal(sipdns_dgram_close(fd, io), 0);
	int fd2 = sipdns_dgram_socket(AF_INET, SOCK_DGRAM, 0, io);
	assert_int_equal(fd2, fd);   /* the lowest free descriptor again */
	assert_int_equal(sipdns_dgram_connect(fd2, (struct sockaddr *)&peer,
					      sizeof(peer), io), 0);
	assert_int_equal(send_text(io, fd2, "new", ""), 3);
	assert_true(sipdns_dgram_flush(io));
	char buf[8];
	readable(srv);
	assert_int_equal(recv(srv, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "new", 3);
	usleep(20000);
	assert_int_equal(recv(srv, buf, sizeof(buf), MSG_DONTWAIT), -1);
	assert_int_equal(sipdns_dgram_close(fd2, io), 0);
	sipdns_dgram_destroy(io);
	close(srv);
}

static void
test_tcp_through(void **state)
{
	(void)state;
	int lst = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	assert_int_equal(bind(lst, (struct sockaddr *)&a, sizeof(a)), 0);
	socklen_t n = sizeof(a);
	assert_int_equal(getsockname(lst, (struct sockaddr *)&a, &n), 0);
	assert_int_equal(listen(lst, 1), 0);
	struct sipdns_dgram *io = sipdns_dgram_create();
	int fd = sipdns_dgram_socket(AF_INET, SOCK_STREAM, 0, io);
	assert_true(fd >= 0);
	int rc = sipdns_dgram_connect(fd, (struct sockaddr *)&a, sizeof(a), io);
	assert_true(rc == 0 || errno == EINPROGRESS);   /* non-blocking */
	int peer = accept(lst, NULL, NULL);
	assert_true(peer >= 0);
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	assert_int_equal(poll(&p, 1, 1000), 1);
	assert_int_equal(send_text(io, fd, "ab", "hello"), 7);   /* at once */
	char buf[16];
	readable(peer);
	assert_int_equal(recv(peer, buf, sizeof(buf), 0), 7);
	assert_int_equal(send(peer, "ok", 2, 0), 2);
	readable(fd);
	assert_int_equal(sipdns_dgram_recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL, io), 2);
	assert_memory_equal(buf, "ok", 2);
	assert_true(sipdns_dgram_flush(io));
	assert_int_equal(sipdns_dgram_close(fd, io), 0);
	sipdns_dgram_destroy(io);
	close(peer);
	close(lst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queued_until_flushed),
		cmocka_unit_test(test_batch_read),
		cmocka_unit_test(test_refused_told_once),
		cmocka_unit_test(test_held_batch_ready),
		cmocka_unit_test(test_close_drops_queue),
		cmocka_unit_test(test_tcp_through),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
