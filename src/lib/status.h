/* status.h -- library status codes and their messages
 *
 * The codes are public (sipdns.h); status.c holds their messages.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_STATUS_H
#define SIPDNS_STATUS_H

#include "sipdns.h"

#endif
