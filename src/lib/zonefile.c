/* zonefile.c -- zone files read with ldns: records, origin, one SOA
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zonefile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "records.h"

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
	if (dot && (strcmp(dot, ".zone") == 0 || strcmp(dot, ".frag") == 0))
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
	if (on == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 }, NULL,
				"no SOA and a file name that is no zone name: cannot tell which zone this is; name the file ZONE.zone");
		ldns_zone_deep_free(z);
		return SIPDNS_EINPUT;
	}
	enum sipdns_status rc = SIPDNS_OK;
	const ldns_rr_list *all = ldns_zone_rrs(z);
	for (size_t i = 0; i < ldns_rr_list_rr_count(all) && rc == SIPDNS_OK; i++) {
		ldns_rr *c = ldns_rr_clone(ldns_rr_list_rr(all, i));
		if (c == NULL || !ldns_rr_list_push_rr(rrs, c)) {
			ldns_rr_free(c);
			rc = SIPDNS_ENOMEM;
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
					NULL, "out of memory");
		}
	}
	ldns_zone_deep_free(z);
	if (rc == SIPDNS_OK)
		*origin = on;
	else
		free(on);
	return rc;
}
