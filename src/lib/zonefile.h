/* zonefile.h -- every zone-file read (ldns), and SOA serials
 *
 * What generate needs from the files it wrote before (their text, the SOA
 * serial they carry, the next serial, RFC 1982), and what diff needs of a
 * zone file: its records, its zone, exactly one SOA.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_ZONEFILE_H
#define SIPDNS_ZONEFILE_H

#include <ldns/ldns.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "sipdns.h"

/* RFC 1982 serial arithmetic: is a < b? */
bool sipdns_serial_lt(uint32_t a, uint32_t b);
/* The next serial after old (has_old false: none) for the date of now:
 * YYYYMMDD00, or old + 1 when that is not behind it. */
uint32_t sipdns_serial_next(bool has_old, uint32_t old, time_t now);

/* The whole file at path, malloc'd (the caller frees it), its length in
 * *len; NULL with *err set to the errno (ENOENT: there is none). */
char *sipdns_zonefile_read(const char *path, size_t *len, int *err);

/* The SOA serial of the zone-file text buf (len bytes, not changed) with
 * origin (absolute, "example.com."), into *serial; false when the first
 * SOA record cannot be read. Reads up to the SOA only, which comes first
 * in any file sipdns wrote. */
bool sipdns_zonefile_serial(const char *buf, size_t len, const char *origin,
			    uint32_t *serial);

/* The records of a zone file one by one, with ldns's per-record reader;
 * $ORIGIN, $TTL and empty lines are taken in stride. */
struct sipdns_rr_reader {
	FILE *fp;
	ldns_rdf *origin, *prev;   /* owned */
	uint32_t ttl;
	int line;                  /* where the last record read ended */
};

/* origin (may be NULL) is copied; fp stays the caller's. */
void sipdns_rr_reader_init(struct sipdns_rr_reader *r, FILE *fp,
			   const ldns_rdf *origin);
/* The next record (the caller frees it), or NULL: at the end of the file,
 * at a record ldns cannot read, or when ldns reads nothing more. */
ldns_rr *sipdns_rr_reader_next(struct sipdns_rr_reader *r);
void sipdns_rr_reader_fini(struct sipdns_rr_reader *r);

/* Largest zone file sipdns diff reads. */
#define SIPDNS_MAX_ZONE_FILE (256 * 1024 * 1024)

/* A domain name as sipdns keeps names: lower-case, no trailing dot;
 * malloc'd, NULL when out of memory. */
char *sipdns_zonefile_dname(const ldns_rdf *name);
/* The same for a record's owner. */
char *sipdns_zonefile_owner(const ldns_rr *rr);

/* Read one zone file from fp with ldns (sipdns diff): its records are
 * appended to rrs (copies, owned by rrs; its SOA first), and its zone name
 * (lower-case, no dot) goes to *origin (malloc'd): the SOA owner, else the
 * file name of path without .zone, .frag or .dns (the origin of relative names
 * too). A file that yields no records, or one without an SOA that is not
 * a .frag (records only), is refused: an empty file or a failed transfer
 * (dig's "; Transfer failed." is named). On failure (SIPDNS_EINPUT,
 * SIPDNS_ENOMEM) what is wrong is in d, at path and the line ldns stopped
 * at. The caller opens the file and checks its kind and size. */
enum sipdns_status sipdns_zone_file_read(FILE *fp, const char *path,
					 ldns_rr_list *rrs, char **origin,
					 struct sipdns_diag *d);
/* The same, with zone (lower-case, no dot; NULL: none) in place of the
 * file name's zone (diff --zone). A Windows export (winexport.h: a .dns
 * file, or one with [AGE:n] tokens) is cleaned first, its lines kept. */
enum sipdns_status sipdns_zone_file_read_in(FILE *fp, const char *path,
					    const char *zone,
					    ldns_rr_list *rrs, char **origin,
					    struct sipdns_diag *d);
/* The same, with the records' [AGE:n] hours (winexport.h) into *age: a
 * new array indexed as rrs is after the call, 0 for a static record;
 * NULL when the file holds no such token. The caller frees it. */
enum sipdns_status sipdns_zone_file_read_aged(FILE *fp, const char *path,
					      const char *zone,
					      ldns_rr_list *rrs, char **origin,
					      uint32_t **age,
					      struct sipdns_diag *d);

#endif
