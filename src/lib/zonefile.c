/* zonefile.c -- reading zone files back, and SOA serials
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zonefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vec.h"

/* ---- serials ------------------------------------------------------------- */

bool
sipdns_serial_lt(uint32_t a, uint32_t b)
{
	/* RFC 1982 §3.2 */
	return (a < b && b - a < 0x80000000u) || (a > b && a - b > 0x80000000u);
}

uint32_t
sipdns_serial_next(bool has_old, uint32_t old, time_t now)
{
	struct tm tm;
	gmtime_r(&now, &tm);
	uint32_t today = (uint32_t)((tm.tm_year + 1900) * 10000 +
				    (tm.tm_mon + 1) * 100 + tm.tm_mday) * 100u;
	if (!has_old)
		return today;
	uint32_t next = old + 1;
	/* new = max(today, old + 1) in sequence space, and one step may add
	 * at most 2^31 - 1 */
	if (sipdns_serial_lt(next, today) && today - old <= 0x7fffffffu)
		return today;
	return next;
}

/* ---- whole files --------------------------------------------------------- */

/* One read for a file of the size fstat gives: 200,000 zone files are
 * read on a nightly run. */
char *
sipdns_zonefile_read(const char *path, size_t *len, int *err)
{
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	struct stat sb;
	size_t cap = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		     sb.st_size >= 0 ? (size_t)sb.st_size + 1 : 8192;
	char *buf = malloc(cap);
	*err = buf ? 0 : ENOMEM;
	while (*err == 0) {
		/* the file grew: read on */
		if (!sipdns_vec_reserve_bytes(&buf, &cap, *len + 1)) {
			*err = ENOMEM;
			break;
		}
		ssize_t r = read(fd, buf + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			*err = errno;
		else if (r == 0)
			break;
		else
			*len += (size_t)r;
	}
	close(fd);
	if (*err != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Read with ldns (parsing whole files took a third of a nightly run at
 * 100,000 domains, hence up to the SOA only). */
bool
sipdns_zonefile_serial(const char *buf, size_t len, const char *origin,
		       uint32_t *serial)
{
	FILE *fp = fmemopen((void *)buf, len, "r");
	if (fp == NULL)
		return false;
	ldns_rdf *o = ldns_dname_new_frm_str(origin);
	struct sipdns_rr_reader rd;
	sipdns_rr_reader_init(&rd, fp, o);
	bool ok = false;
	ldns_rr *rr;
	while (o != NULL && (rr = sipdns_rr_reader_next(&rd)) != NULL) {
		bool soa = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA;
		const ldns_rdf *f = soa ? ldns_rr_rdf(rr, 2) : NULL;
		if (f != NULL && ldns_rdf_get_type(f) == LDNS_RDF_TYPE_INT32) {
			*serial = ldns_rdf2native_int32(f);
			ok = true;
		}
		ldns_rr_free(rr);
		if (soa)
			break;
	}
	sipdns_rr_reader_fini(&rd);
	fclose(fp);
	ldns_rdf_deep_free(o);
	return ok;
}

/* ---- record by record ---------------------------------------------------- */

void
sipdns_rr_reader_init(struct sipdns_rr_reader *r, FILE *fp,
		      const ldns_rdf *origin)
{
	*r = (struct sipdns_rr_reader){
		.fp = fp, .ttl = 3600,
		.origin = origin ? ldns_rdf_clone(origin) : NULL,
		.prev = origin ? ldns_rdf_clone(origin) : NULL,
	};
}

ldns_rr *
sipdns_rr_reader_next(struct sipdns_rr_reader *r)
{
	while (!feof(r->fp)) {
		long at = ftell(r->fp);
		ldns_rr *rr = NULL;
		ldns_status st = ldns_rr_new_frm_fp_l(&rr, r->fp, &r->ttl,
						      &r->origin, &r->prev, &r->line);
		if (st == LDNS_STATUS_OK)
			return rr;
		if ((st != LDNS_STATUS_SYNTAX_EMPTY && st != LDNS_STATUS_SYNTAX_TTL &&
		     st != LDNS_STATUS_SYNTAX_ORIGIN) || ftell(r->fp) == at)
			break;
	}
	return NULL;
}

void
sipdns_rr_reader_fini(struct sipdns_rr_reader *r)
{
	ldns_rdf_deep_free(r->origin);
	ldns_rdf_deep_free(r->prev);
}
