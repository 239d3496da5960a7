/* dgram.c -- the resolver's sockets, its datagrams sent and read in batches
 *
 * See dgram.h. The state is kept by file descriptor: what a UDP socket
 * has queued to send, and a send error still to tell. One batch of
 * datagrams read is held at a time, for one socket: c-ares reads a socket
 * until it hears EAGAIN, so the batch is used up before it reads another
 * (a read of another socket while it is not goes straight through).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "dgram.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vec.h"

/* Datagrams a sendmmsg() or recvmmsg(): the window verify keeps (64) */
#define BATCH 64
/* Room for one datagram read: the largest UDP payload (the kernel writes
 * only what came, so only that is touched) */
#define SLOT 65536

struct sock {
	int type;                  /* 0: not one of ours; SOCK_DGRAM, SOCK_STREAM */
	int err;                   /* a send error still to tell, 0: none */
	unsigned char *out;        /* the queued datagrams, back to back */
	size_t out_len, out_cap;
	size_t *lens;              /* their lengths */
	size_t n_out, lens_cap;
};

struct sipdns_dgram {
	struct sock *s;            /* by descriptor */
	size_t n_s;
	/* the batch read: datagram next of n, of socket in_fd (-1: none);
	 * full: it filled every slot, so more may be waiting */
	unsigned char *in;         /* BATCH slots of SLOT bytes */
	struct sockaddr_storage from[BATCH];
	struct mmsghdr msg[BATCH];
	struct iovec iov[BATCH];
	int in_fd;
	unsigned n, next;
	bool full;
};

struct sipdns_dgram *
sipdns_dgram_create(void)
{
	struct sipdns_dgram *io = calloc(1, sizeof(*io));
	if (io != NULL)
		io->in_fd = -1;
	return io;
}

void
sipdns_dgram_destroy(struct sipdns_dgram *io)
{
	if (io == NULL)
		return;
	for (size_t i = 0; i < io->n_s; i++) {
		free(io->s[i].out);
		free(io->s[i].lens);
	}
	free(io->s);
	free(io->in);
	free(io);
}

/* The state of descriptor fd, made room for when grow; NULL when it is
 * none of ours (or, growing, out of memory). */
static struct sock *
sock_of(struct sipdns_dgram *io, int fd, bool grow)
{
	if (fd < 0)
		return NULL;
	size_t i = (size_t)fd;
	if (i >= io->n_s) {
		if (!grow)
			return NULL;
		size_t cap = io->n_s;
		if (!sipdns_vec_reserve(&io->s, &cap, i, sizeof(*io->s)))
			return NULL;
		memset(io->s + io->n_s, 0, (cap - io->n_s) * sizeof(*io->s));
		io->n_s = cap;
	}
	return &io->s[i];
}

int
sipdns_dgram_socket(int domain, int type, int protocol, void *arg)
{
	struct sipdns_dgram *io = arg;
	int fd = socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
	if (fd < 0)
		return -1;
	int one = 1;
	struct sock *s = sock_of(io, fd, true);
	if (s == NULL || (type == SOCK_STREAM &&
			  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0)) {
		int e = s == NULL ? ENOMEM : errno;
		close(fd);
		errno = e;
		return -1;
	}
	s->type = type;
	s->err = 0;
	s->out_len = s->n_out = 0;
	return fd;
}

int
sipdns_dgram_close(int fd, void *arg)
{
	struct sipdns_dgram *io = arg;
	struct sock *s = sock_of(io, fd, false);
	if (s != NULL) {   /* its buffers stay, for the next socket of fd */
		s->type = s->err = 0;
		s->out_len = s->n_out = 0;
	}
	if (io->in_fd == fd)
		io->in_fd = -1;
	return close(fd);
}

int
sipdns_dgram_connect(int fd, const struct sockaddr *to, socklen_t len, void *arg)
{
	(void)arg;
	return connect(fd, to, len);
}

/* Read up to BATCH datagrams of fd into io's slots: how many, or -1
 * (errno set, EAGAIN when none was waiting). */
static int
read_batch(struct sipdns_dgram *io, int fd, int flags)
{
	if (io->in == NULL && (io->in = malloc((size_t)BATCH * SLOT)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (unsigned i = 0; i < BATCH; i++) {
		io->iov[i] = (struct iovec){ io->in + (size_t)i * SLOT, SLOT };
		io->msg[i] = (struct mmsghdr){ .msg_hdr = {
			.msg_name = &io->from[i], .msg_namelen = sizeof(io->from[i]),
			.msg_iov = &io->iov[i], .msg_iovlen = 1 } };
	}
	int k;
	do
		k = recvmmsg(fd, io->msg, BATCH, flags | MSG_DONTWAIT, NULL);
	while (k < 0 && errno == EINTR);
	if (k <= 0) {
		io->in_fd = -1;
		if (k == 0)
			errno = EAGAIN;
		return -1;
	}
	io->in_fd = fd;
	io->n = (unsigned)k;
	io->next = 0;
	io->full = k == BATCH;
	return k;
}

ssize_t
sipdns_dgram_recvfrom(int fd, void *buf, size_t len, int flags,
		      struct sockaddr *from, socklen_t *fromlen, void *arg)
{
	struct sipdns_dgram *io = arg;
	struct sock *s = sock_of(io, fd, false);
	if (s == NULL || s->type != SOCK_DGRAM)
		return recvfrom(fd, buf, len, flags, from, fromlen);
	if (s->err) {
		errno = s->err;
		s->err = 0;
		return -1;
	}
	if (io->in_fd != fd || io->next == io->n) {
		if (io->in_fd == fd && !io->full) {   /* used up: to select() */
			io->in_fd = -1;
			errno = EAGAIN;
			return -1;
		}
		if (io->in_fd != fd && io->in_fd != -1 && io->next < io->n)
			return recvfrom(fd, buf, len, flags, from, fromlen);
		if (read_batch(io, fd, flags) < 0)
			return -1;
	}
	unsigned i = io->next++;
	size_t got = io->msg[i].msg_len;
	size_t n = got < len ? got : len;   /* cut as recvfrom() cuts */
	memcpy(buf, io->iov[i].iov_base, n);
	if (from != NULL && fromlen != NULL) {
		socklen_t have = io->msg[i].msg_hdr.msg_namelen;
		memcpy(from, &io->from[i], have < *fromlen ? have : *fromlen);
		*fromlen = have;
	}
	return (ssize_t)n;
}

ssize_t
sipdns_dgram_sendv(int fd, const struct iovec *iov, int n, void *arg)
{
	struct sipdns_dgram *io = arg;
	struct sock *s = sock_of(io, fd, false);
	if (s == NULL || s->type != SOCK_DGRAM) {
		/* TCP: at once; MSG_NOSIGNAL as c-ares sends, no SIGPIPE */
		struct msghdr m = { .msg_iov = (struct iovec *)iov,
				    .msg_iovlen = (size_t)n };
		return sendmsg(fd, &m, MSG_NOSIGNAL);
	}
	/* a send error kept is left for recvfrom() to tell: c-ares, hearing
	 * it there, asks again every query of the socket, where hearing it
	 * here it would ask again this one only and the ones whose datagrams
	 * the error dropped would wait for their timeout */
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += iov[i].iov_len;
	if (!sipdns_vec_reserve(&s->out, &s->out_cap, s->out_len + total, 1) ||
	    !sipdns_vec_reserve(&s->lens, &s->lens_cap, s->n_out, sizeof(*s->lens))) {
		errno = ENOMEM;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		memcpy(s->out + s->out_len, iov[i].iov_base, iov[i].iov_len);
		s->out_len += iov[i].iov_len;
	}
	s->lens[s->n_out++] = total;
	return (ssize_t)total;
}

/* Send what s (descriptor fd) has queued; false when some stays. */
static bool
flush_one(struct sock *s, int fd)
{
	size_t done = 0, off = 0;   /* datagrams sent, their bytes */
	while (done < s->n_out) {
		struct mmsghdr m[BATCH];
		struct iovec v[BATCH];
		unsigned k = 0;
		for (size_t o = off; k < BATCH && done + k < s->n_out; k++) {
			v[k] = (struct iovec){ s->out + o, s->lens[done + k] };
			m[k] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &v[k],
							      .msg_iovlen = 1 } };
			o += s->lens[done + k];
		}
		int r = sendmmsg(fd, m, k, MSG_NOSIGNAL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 && (r == 0 || errno == EAGAIN || errno == EWOULDBLOCK ||
			       errno == ENOBUFS))
			break;   /* the buffer is full: the rest later */
		if (r < 0) {   /* told at the socket's next call */
			s->err = errno;
			done = s->n_out;
			off = s->out_len;
			break;
		}
		for (int i = 0; i < r; i++)
			off += s->lens[done + (size_t)i];
		done += (size_t)r;
	}
	memmove(s->out, s->out + off, s->out_len - off);
	s->out_len -= off;
	memmove(s->lens, s->lens + done, (s->n_out - done) * sizeof(*s->lens));
	s->n_out -= done;
	return s->n_out == 0;
}

bool
sipdns_dgram_flush(struct sipdns_dgram *io)
{
	bool all = true;
	for (size_t i = 0; i < io->n_s; i++)
		if (io->s[i].type == SOCK_DGRAM && io->s[i].n_out > 0)
			all &= flush_one(&io->s[i], (int)i);
	return all;
}

size_t
sipdns_dgram_ready(const struct sipdns_dgram *io, fd_set *rd)
{
	size_t n = 0;
	for (size_t i = 0; i < io->n_s; i++) {
		if (io->s[i].type != SOCK_DGRAM ||
		    (io->s[i].err == 0 && !((size_t)io->in_fd == i && io->next < io->n)))
			continue;
		n++;
		if (rd != NULL && i < FD_SETSIZE)
			FD_SET((int)i, rd);
	}
	return n;
}
