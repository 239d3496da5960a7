/* zonefile.c -- every zone-file read (ldns), and SOA serials
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zonefile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "name.h"
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

/* A domain name as sipdns keeps names: lower-case, no trailing dot;
 * malloc'd, NULL when out of memory. */
char *
sipdns_zonefile_dname(const ldns_rdf *name)
{
	char *s = ldns_rdf2str(name);
	if (s == NULL)
		return NULL;
	size_t l = strlen(s);
	if (l > 1 && s[l - 1] == '.')
		s[--l] = '\0';
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

char *
sipdns_zonefile_owner(const ldns_rr *rr)
{
	return sipdns_zonefile_dname(ldns_rr_owner(rr));
}

/* ldns 1.8's ldns_zone_new_frm_fp_l frees a second SOA but keeps a
 * pointer to it, and reads that on the next record without a TTL (a crash
 * the fuzzer found). A first pass with the per-record reader refuses a
 * second SOA, as named-checkzone does, unless it is the last record and
 * the same as the first: the closing SOA of a saved zone transfer (dig
 * AXFR). Then it rewinds fp; whatever else it finds wrong is left to the
 * zone reader, which says where. */
static bool
one_soa(FILE *fp, const ldns_rdf *origin, const char *path,
	struct sipdns_diag *d)
{
	struct sipdns_rr_reader rd;
	sipdns_rr_reader_init(&rd, fp, origin);
	ldns_rr *first = NULL, *rr;
	int again = 0, line = 0;   /* again: line of a repeated SOA, so far */
	while (line == 0 && (rr = sipdns_rr_reader_next(&rd)) != NULL) {
		bool soa = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA;
		if (again > 0 || (soa && first != NULL &&
				  ldns_rr_compare(first, rr) != 0))
			/* a record after a repeated SOA, or another SOA */
			line = again > 0 ? again : rd.line;
		else if (soa && first != NULL)
			again = rd.line;
		else if (soa) {
			first = rr;
			continue;
		}
		ldns_rr_free(rr);
	}
	if (line > 0)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, (unsigned)line, 0 },
				NULL, "a second SOA record (ending on this line); a zone has exactly one: delete it, or split the file by zone");
	ldns_rr_free(first);
	sipdns_rr_reader_fini(&rd);
	rewind(fp);
	return line == 0;
}

/* Does the text of fp hold dig's "; Transfer failed." (a refused AXFR)? */
static bool
transfer_failed(FILE *fp)
{
	char line[256];
	rewind(fp);
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strstr(line, "; Transfer failed.") != NULL)
			return true;
	return false;
}

/* A file that yields nothing, or a zone without its SOA (a .frag has
 * none), is no zone to compare: say what it likely is. */
static bool
zone_complete(FILE *fp, const char *path, const ldns_zone *z, bool frag,
	      struct sipdns_diag *d)
{
	struct sipdns_loc at = { path, 0, 0 };
	bool soa = ldns_zone_soa(z) != NULL;
	if (!soa && ldns_rr_list_rr_count(ldns_zone_rrs(z)) == 0) {
		if (transfer_failed(fp))
			sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
					"no records, only dig's \"; Transfer failed.\": the zone transfer was refused or failed, so there is nothing to compare; allow transfers to this host (allow-transfer, or the zone's Zone Transfers tab) and save it again");
		else
			sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
					"no records: an empty file or a failed transfer? there is nothing to compare; export the zone again (dig AXFR ZONE @SERVER > FILE)");
		return false;
	}
	if (!soa && !frag) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
				"no SOA record: a zone file or saved transfer holds its zone's SOA (a partial or failed transfer?); name a file of records only ZONE.frag");
		return false;
	}
	return true;
}

/* Append z's records to rrs, its SOA first. */
static enum sipdns_status
zone_take(const ldns_zone *z, ldns_rr_list *rrs, const char *path,
	  struct sipdns_diag *d)
{
	const ldns_rr_list *all = ldns_zone_rrs(z);
	size_t n = ldns_rr_list_rr_count(all);
	const ldns_rr *soa = ldns_zone_soa(z);
	for (size_t i = soa ? 0 : 1; i <= n; i++) {
		ldns_rr *c = ldns_rr_clone(i == 0 ? soa : ldns_rr_list_rr(all, i - 1));
		if (c == NULL || !ldns_rr_list_push_rr(rrs, c)) {
			ldns_rr_free(c);
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
					NULL, "out of memory");
			return SIPDNS_ENOMEM;
		}
	}
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_zone_file_read(FILE *fp, const char *path, ldns_rr_list *rrs,
		      char **origin, struct sipdns_diag *d)
{
	*origin = NULL;
	/* the file name gives the origin unless the file says otherwise */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char name[LDNS_MAX_DOMAINLEN + 2];
	snprintf(name, sizeof(name), "%s", base);
	char *dot = strrchr(name, '.');
	bool frag = dot && strcmp(dot, ".frag") == 0;
	if (dot && (strcmp(dot, ".zone") == 0 || frag))
		*dot = '\0';
	const char *why;
	ldns_rdf *o = NULL;
	if (strlen(name) < LDNS_MAX_DOMAINLEN &&
	    sipdns_valid_hostname(name, strlen(name), &why)) {
		strcat(name, ".");
		o = ldns_dname_new_frm_str(name);
	}
	if (!one_soa(fp, o, path, d)) {
		ldns_rdf_deep_free(o);
		return SIPDNS_EINPUT;
	}
	ldns_zone *z = NULL;
	int line = 0;
	ldns_status st = ldns_zone_new_frm_fp_l(&z, fp, o, 3600, LDNS_RR_CLASS_IN, &line);
	if (st != LDNS_STATUS_OK) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, (unsigned)line, 0 },
				NULL, "%s", ldns_get_errorstr_by_id(st));
		ldns_rdf_deep_free(o);
		return SIPDNS_EINPUT;
	}
	const ldns_rr *soa = ldns_zone_soa(z);
	char *on = soa ? sipdns_zonefile_owner(soa) : o ? sipdns_zonefile_dname(o) : NULL;
	ldns_rdf_deep_free(o);
	enum sipdns_status rc = SIPDNS_OK;
	if (!zone_complete(fp, path, z, frag, d)) {
		rc = SIPDNS_EINPUT;
	} else if (on == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 }, NULL,
				"no SOA and a file name that is no zone name: cannot tell which zone this is; name the file ZONE.frag");
		rc = SIPDNS_EINPUT;
	} else {
		rc = zone_take(z, rrs, path, d);
	}
	ldns_zone_deep_free(z);
	if (rc == SIPDNS_OK)
		*origin = on;
	else
		free(on);
	return rc;
}
