/* zonefile.h -- zone files read with ldns: records, origin, one SOA
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ZONEFILE_H
#define SIPDNS_ZONEFILE_H

#include <ldns/ldns.h>
#include <stdio.h>

#include "diag.h"
#include "status.h"

/* Largest zone file sipdns diff reads. */
#define SIPDNS_MAX_ZONE_FILE (256 * 1024 * 1024)

/* A domain name as sipdns keeps names: lower-case, no trailing dot;
 * malloc'd, NULL when out of memory. */
char *sipdns_zonefile_dname(const ldns_rdf *name);
/* The same for a record's owner. */
char *sipdns_zonefile_owner(const ldns_rr *rr);

/* Read one zone file from fp with ldns (sipdns diff): its records are
 * appended to rrs (copies, owned by rrs), and its zone name (lower-case,
 * no dot) goes to *origin (malloc'd): the SOA owner, else the file name of
 * path without .zone or .frag (the origin of relative names too). On
 * failure (SIPDNS_EINPUT, SIPDNS_ENOMEM) what is wrong is in d, at
 * path and the line ldns stopped at. The caller opens the file and checks
 * its kind and size. */
enum sipdns_status sipdns_zone_file_read(FILE *fp, const char *path,
					 ldns_rr_list *rrs, char **origin,
					 struct sipdns_diag *d);

#endif
