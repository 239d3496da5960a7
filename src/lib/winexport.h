/* winexport.h -- Windows DNS exports made readable for ldns
 *
 * A zone file that Windows DNS writes (dnscmd /ZoneExport, or
 * %SystemRoot%\System32\dns\ZONE.dns) is a master file with two things
 * ldns cannot read: an "[AGE:n]" token before the TTL of every
 * dynamically registered record (n: hours since 1601-01-01), and WINS /
 * WINSR records. It has no $ORIGIN either: the zone is the file name
 * without ".dns" (zonefile.c knows that).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_WINEXPORT_H
#define SIPDNS_WINEXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipdns.h"

/* Is the file path with text [text, text + len) a Windows export: its
 * name ends in ".dns", or its text holds an "[AGE:" token? */
bool sipdns_winexport_is(const char *path, const char *text, size_t len);

/* Rewrite text in place, keeping every line and column where it was (so
 * that what ldns says is wrong is at the line of the original file):
 * each "[AGE:n]" token becomes blanks (the record is kept); each WINS or
 * WINSR record becomes a comment, with a warning at path:line, and its
 * owner is moved into the blank owner field of the record after it, if
 * that record has one (SIPDNS_EINPUT, at path:line, when that field is
too narrow for it). */
enum sipdns_status sipdns_winexport_clean(char *text, size_t len,
					  const char *path,
					  struct sipdns_diag *d);

/* The records an export marks as dynamically registered: the line (of
 * the file, from 1) of each "[AGE:n]" token with n > 0 (Windows writes no
 * token for a static record; its time stamp is 0), and n, the hours since
 * 1601-01-01 00:00 UTC of its last registration; lines ascending. */
struct sipdns_winexport_ages {
	unsigned *line;
	uint32_t *hours;
	size_t n, cap;
};

/* sipdns_winexport_clean, keeping the tokens' lines and hours in *ages
 * (NULL: not kept). SIPDNS_ENOMEM when they cannot be kept. */
enum sipdns_status sipdns_winexport_clean_ages(char *text, size_t len,
					       const char *path,
					       struct sipdns_winexport_ages *ages,
					       struct sipdns_diag *d);
void sipdns_winexport_ages_fini(struct sipdns_winexport_ages *ages);

/* The hours of an [AGE:n] token as a time (seconds since 1970). */
int64_t sipdns_winexport_age_time(uint32_t hours);

#endif
