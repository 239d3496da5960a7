/* status.c -- library status messages
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "status.h"

const char *
sipdns_strerror(enum sipdns_status st)
{
	switch (st) {
	case SIPDNS_OK: return "success";
	case SIPDNS_ENOMEM: return "out of memory";
	case SIPDNS_EINPUT: return "invalid input";
	case SIPDNS_EIO: return "input/output error";
	case SIPDNS_ELIMIT: return "input exceeds a built-in limit";
	case SIPDNS_EDNS: return "DNS library failure";
	case SIPDNS_EUSAGE: return "invalid argument";
	case SIPDNS_ECANCELLED: return "interrupted";
	}
	return "unknown status";
}
