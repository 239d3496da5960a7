/* status.h -- library status codes and their messages
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_STATUS_H
#define SIPDNS_STATUS_H

enum sipdns_status {
	SIPDNS_OK = 0,
	SIPDNS_ENOMEM,   /* out of memory */
	SIPDNS_EINPUT,   /* the input had errors (see the diagnostics) */
	SIPDNS_EIO,      /* reading or writing a file failed (see errno) */
	SIPDNS_ELIMIT,   /* the input is larger than a built-in limit */
	SIPDNS_EDNS,     /* a DNS library call failed */
	SIPDNS_EUSAGE,   /* an argument was out of range */
};

/* A static, lower-case description of a status. */
const char *sipdns_strerror(enum sipdns_status st);

#endif
