/* dgram.h -- the resolver's sockets, its datagrams sent and read in batches
 *
 * c-ares 1.18 sends each query with its own send() and reads each answer
 * with its own recvfrom(): two system calls a question, 1,200,000 at
 * 100,000 SIP domains, where a system call is most of what a question
 * costs on a VM. These functions stand in for c-ares's socket calls (its
 * socket functions, resolve.c sets them): a UDP query is queued and sent
 * with the others of its burst by one sendmmsg(), and one recvmmsg()
 * reads what has come back, handed to c-ares one datagram a call. TCP
 * goes straight through. Nothing here knows c-ares.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_DGRAM_H
#define SIPDNS_DGRAM_H

#include <stdbool.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

/* The sockets of one resolver; NULL when out of memory. */
struct sipdns_dgram *sipdns_dgram_create(void);
/* After every socket of it is closed. NULL: nothing. */
void sipdns_dgram_destroy(struct sipdns_dgram *io);

/* c-ares's socket functions, io the sipdns_dgram (their user data).
 * socket: non-blocking, close-on-exec, TCP without Nagle (what c-ares
 * does for its own sockets and leaves to these). sendv: a UDP datagram
 * is queued (sent by sipdns_dgram_flush); a send error the flush met is
 * kept for the socket's next recvfrom (c-ares then asks every query of
 * the socket again, not only the one being sent). recvfrom: a UDP socket's next
 * datagram, as recvfrom() gives it; -1 with EAGAIN when the batch is
 * used up (the caller waits in select() again). */
int sipdns_dgram_socket(int domain, int type, int protocol, void *io);
int sipdns_dgram_close(int fd, void *io);
int sipdns_dgram_connect(int fd, const struct sockaddr *to, socklen_t len,
			 void *io);
ssize_t sipdns_dgram_recvfrom(int fd, void *buf, size_t len, int flags,
			      struct sockaddr *from, socklen_t *fromlen,
			      void *io);
ssize_t sipdns_dgram_sendv(int fd, const struct iovec *iov, int n, void *io);

/* Send what is queued, one sendmmsg() a socket for up to 64 datagrams.
 * False when some stay queued because the socket's buffer is full (call
 * again soon); a socket that failed otherwise drops its queue and keeps
 * the error for its next recvfrom (see sipdns_dgram_ready). */
bool sipdns_dgram_flush(struct sipdns_dgram *io);

/* The sockets with something to tell that select() cannot see: an error
 * kept, or datagrams read in a batch and not yet taken (c-ares stops
 * reading a socket at an answer from an address it did not ask); set in
 * rd when rd is not NULL, so that c-ares reads them; how many. */
size_t sipdns_dgram_ready(const struct sipdns_dgram *io, fd_set *rd);

#endif
