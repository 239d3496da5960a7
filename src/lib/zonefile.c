/* zonefile.c -- every zone-file read (ldns), and SOA serials
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "zonefile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "name.h"
#include "fileio.h"
#include "vec.h"
#include "winexport.h"

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

/* A regular file of at most SIPDNS_MAX_ZONE_FILE bytes (fileio.h); what
 * is not one is EINVAL, what is larger EFBIG. */
char *
sipdns_zonefile_read(const char *path, size_t *len, int *err)
{
	struct sipdns_fileio_error e;
	char *buf = sipdns_fileio_read(path, SIPDNS_MAX_ZONE_FILE, 0, len, &e);
	*err = buf != NULL ? 0 : e.err == SIPDNS_FILEIO_ETOOBIG ? EFBIG
		: e.err < 0 ? EINVAL : e.err;
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

/* ---- $INCLUDE ------------------------------------------------------------ */

/* ldns does not follow $INCLUDE (RFC 1035 §5.1): the text is expanded
 * first, each included file in place, with "$ORIGIN" lines around it for
 * its origin and the including file's origin after it. A table of
 * segments maps each line of the expanded text back to its file and line,
 * so that every diagnostic names the file it is about. */
#define ZT_MAX_DEPTH 8

struct zt_seg {
	char *file;         /* owned */
	unsigned out, src;  /* expanded line out is line src of file */
};

struct zone_text {
	char *buf;
	size_t len, cap;
	struct zt_seg *seg;
	size_t nseg, capseg;
	unsigned line;      /* the line of buf being written, from 1 */
	struct { dev_t dev; ino_t ino; } open[ZT_MAX_DEPTH + 1];
	size_t depth;       /* files being read, the outer one first */
	bool big;           /* the text grew past SIPDNS_MAX_ZONE_FILE */
	struct sipdns_winexport_ages ages;   /* of a Windows export */
};

static void
zt_fini(struct zone_text *zt)
{
	for (size_t i = 0; i < zt->nseg; i++)
		free(zt->seg[i].file);
	free(zt->seg);
	free(zt->buf);
	sipdns_winexport_ages_fini(&zt->ages);
}

/* Lines from here on come from line src of file. */
static bool
zt_mark(struct zone_text *zt, const char *file, unsigned src)
{
	if (!sipdns_vec_reserve(&zt->seg, &zt->capseg, zt->nseg, sizeof(*zt->seg)))
		return false;
	char *f = strdup(file);
	if (f == NULL)
		return false;
	zt->seg[zt->nseg++] = (struct zt_seg){ f, zt->line, src };
	return true;
}

static bool
zt_put(struct zone_text *zt, const char *s, size_t n)
{
	if (zt->len + n >= SIPDNS_MAX_ZONE_FILE) {
		zt->big = true;
		return false;
	}
	if (!sipdns_vec_reserve_bytes(&zt->buf, &zt->cap, zt->len + n + 1))
		return false;
	memcpy(zt->buf + zt->len, s, n);
	zt->len += n;
	zt->buf[zt->len] = '\0';
	for (size_t i = 0; i < n; i++)
		zt->line += s[i] == '\n';
	return true;
}

/* Where line out of the expanded text came from. */
static struct sipdns_loc
zt_where(const struct zone_text *zt, const char *path, int out)
{
	struct sipdns_loc at = { path, (unsigned)(out > 0 ? out : 0), 0 };
	for (size_t i = zt->nseg; out > 0 && i-- > 0;)
		if (zt->seg[i].out <= (unsigned)out) {
			at.file = zt->seg[i].file;
			at.line = zt->seg[i].src + ((unsigned)out - zt->seg[i].out);
			break;
		}
	return at;
}

/* The next blank-separated word of [*p, e), quotes taken off. */
static bool
zt_word(const char **p, const char *e, const char **w, size_t *n)
{
	while (*p < e && (**p == ' ' || **p == '\t'))
		(*p)++;
	if (*p >= e || **p == ';' || **p == '\n' || **p == '\r')
		return false;
	char end = **p == '"' ? '"' : 0;
	*w = *p + (end != 0);
	const char *q = *w;
	while (q < e && (end ? *q != end : !strchr(" \t\r\n;", *q)))
		q++;
	*n = (size_t)(q - *w);
	*p = q + (end != 0 && q < e);
	return *n > 0;
}

/* origin changed by "$ORIGIN name": relative names are below it. */
static void
zt_origin(char *origin, size_t size, const char *w, size_t n)
{
	char next[LDNS_MAX_DOMAINLEN + 2];
	if (n > 0 && w[n - 1] == '.')
		snprintf(next, sizeof(next), "%.*s", (int)n, w);
	else if (*origin)
		snprintf(next, sizeof(next), "%.*s.%s", (int)n, w,
			 strcmp(origin, ".") == 0 ? "" : origin);
	else
		next[0] = '\0';   /* relative to an unknown origin: unknown */
	snprintf(origin, size, "%s", next);
}

static enum sipdns_status zt_expand(struct zone_text *zt, const char *path,
				    const char *text, size_t len, char *origin,
				    struct sipdns_diag *d);

/* The file a $INCLUDE names, relative to the including file's directory. */
static char *
zt_path(const char *including, const char *w, size_t n)
{
	const char *slash = strrchr(including, '/');
	int dir = w[0] == '/' || slash == NULL ? 0 : (int)(slash - including + 1);
	size_t size = (size_t)dir + n + 1;
	char *p = malloc(size);
	if (p != NULL)
		snprintf(p, size, "%.*s%.*s", dir, including, (int)n, w);
	return p;
}

/* Read the included file fp of name inc into zt, below origin. */
static enum sipdns_status
zt_include_fp(struct zone_text *zt, FILE *fp, const char *inc, char *origin,
	      struct sipdns_loc at, struct sipdns_diag *d)
{
	struct stat sb;
	const char *why = NULL;
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode))
		why = "not a regular file";
	else if (sb.st_size >= SIPDNS_MAX_ZONE_FILE)
		why = "too large";
	for (size_t i = 0; why == NULL && i < zt->depth; i++)
		if (zt->open[i].dev == sb.st_dev && zt->open[i].ino == sb.st_ino)
			why = "it is being read already (a loop of $INCLUDEs): remove this $INCLUDE";
	if (why == NULL && zt->depth >= ZT_MAX_DEPTH)
		why = "$INCLUDEs nest deeper than 8 files: include the files from one zone file";
	if (why != NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
				"$INCLUDE %s: %s", inc, why);
		return SIPDNS_EINPUT;
	}
	size_t len = 0;
	int err = 0;
	char *text = sipdns_zonefile_read(inc, &len, &err);
	if (text == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "$INCLUDE %s: %s",
				inc, strerror(err));
		return err == ENOMEM ? SIPDNS_ENOMEM : SIPDNS_EINPUT;
	}
	zt->open[zt->depth].dev = sb.st_dev;
	zt->open[zt->depth++].ino = sb.st_ino;
	enum sipdns_status st = zt_expand(zt, inc, text, len, origin, d);
	zt->depth--;
	free(text);
	return st;
}

/* "$INCLUDE FILE [ORIGIN]" at line ln of path (p after the keyword). */
static enum sipdns_status
zt_include(struct zone_text *zt, const char *path, unsigned ln,
	   const char *bol, const char *p, const char *e, const char *origin,
	   struct sipdns_diag *d)
{
	const char *w, *ow;
	size_t n, on;
	struct sipdns_loc at = { path, ln, 1 };
	if (!zt_word(&p, e, &w, &n)) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "$INCLUDE without a file name: write $INCLUDE FILE [ORIGIN]");
		return SIPDNS_EINPUT;
	}
	char *inc = zt_path(path, w, n);
	char sub[LDNS_MAX_DOMAINLEN + 2];
	snprintf(sub, sizeof(sub), "%s", origin);
	bool has_o = zt_word(&p, e, &ow, &on);
	if (has_o)
		zt_origin(sub, sizeof(sub), ow, on);
	at.col = (unsigned)(w - bol + 1);
	struct sipdns_fileio_error fe;
	char why[SIPDNS_FILEIO_WHY];
	FILE *fp = inc ? sipdns_fileio_fopen(inc, SIPDNS_MAX_ZONE_FILE, 0, &fe)
		       : NULL;
	enum sipdns_status st = inc == NULL ? SIPDNS_ENOMEM : SIPDNS_OK;
	if (inc != NULL && fp == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "$INCLUDE %s: %s (a relative name is read from the including file's directory)",
				inc, sipdns_fileio_why(&fe, why, sizeof(why)));
		st = SIPDNS_EINPUT;
	}
	char line[LDNS_MAX_DOMAINLEN + 16];
	snprintf(line, sizeof(line), "$ORIGIN %s\n", sub);
	if (st == SIPDNS_OK && has_o && *sub &&
	    (!zt_mark(zt, path, ln) || !zt_put(zt, line, strlen(line))))
		st = SIPDNS_ENOMEM;
	if (st == SIPDNS_OK)
		st = zt_include_fp(zt, fp, inc, sub, at, d);
	if (fp != NULL)
		fclose(fp);
	free(inc);
	return st;
}

/* Is the line [p, e) the directive word (at its start, then a blank)? */
static bool
zt_directive(const char *p, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - p) > n && strncasecmp(p, word, n) == 0 &&
	       (p[n] == ' ' || p[n] == '\t');
}

/* After an included file: a line end, the including file's origin back
 * (RFC 1035 §5.1), and its lines on from ln + 1. */
static bool
zt_resume(struct zone_text *zt, const char *path, unsigned ln,
	  const char *origin)
{
	char line[LDNS_MAX_DOMAINLEN + 16];
	snprintf(line, sizeof(line), "$ORIGIN %s\n", origin);
	if (zt->len > 0 && zt->buf[zt->len - 1] != '\n' && !zt_put(zt, "\n", 1))
		return false;
	if (*origin && (!zt_mark(zt, path, ln) || !zt_put(zt, line, strlen(line))))
		return false;
	return zt_mark(zt, path, ln + 1);
}

/* Copy text (file path, below origin) into zt with its $INCLUDEs in place;
 * origin follows the $ORIGIN lines. */
static enum sipdns_status
zt_expand(struct zone_text *zt, const char *path, const char *text,
	  size_t len, char *origin, struct sipdns_diag *d)
{
	char mine[LDNS_MAX_DOMAINLEN + 2];
	snprintf(mine, sizeof(mine), "%s", origin);
	if (!zt_mark(zt, path, 1))
		return SIPDNS_ENOMEM;
	unsigned ln = 1;
	for (const char *p = text, *end = text + len; p < end; ln++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		e = e ? e + 1 : end;
		const char *w;
		size_t n;
		if (zt_directive(p, e, "$INCLUDE")) {
			enum sipdns_status st = zt_include(zt, path, ln, p, p + 8,
							   e, mine, d);
			if (st != SIPDNS_OK)
				return st;
			if (!zt_resume(zt, path, ln, mine))
				return SIPDNS_ENOMEM;
		} else {
			const char *q = p + 7;
			if (zt_directive(p, e, "$ORIGIN") && zt_word(&q, e, &w, &n))
				zt_origin(mine, sizeof(mine), w, n);
			if (!zt_put(zt, p, (size_t)(e - p)))
				return SIPDNS_ENOMEM;
		}
		p = e;
	}
	return SIPDNS_OK;
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
	const struct zone_text *zt, struct sipdns_diag *d)
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
		sipdns_diag_add(d, SIPDNS_ERROR, zt_where(zt, path, line),
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

/* The zone a file's name gives ("contoso.com." of contoso.com.zone, .frag
 * or a Windows export's .dns) into name (absolute; "" when it is no zone
 * name). */
static void
zone_of_path(const char *path, char *name, size_t size, bool *frag)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(name, size, "%s", base);
	char *dot = strrchr(name, '.');
	*frag = dot && strcmp(dot, ".frag") == 0;
	if (dot && (strcmp(dot, ".zone") == 0 || strcasecmp(dot, ".dns") == 0 ||
		    *frag))
		*dot = '\0';
	const char *why;
	if (strlen(name) < LDNS_MAX_DOMAINLEN &&
	    sipdns_valid_zone_name(name, strlen(name), &why))
		strcat(name, ".");
	else
		name[0] = '\0';
}

/* All of fp, malloc'd; NULL when out of memory or too large, or (*err
 * set to errno) when reading failed: a zone read in part is no zone. */
static char *
read_all(FILE *fp, size_t *len, int *err)
{
	char *buf = NULL;
	size_t cap = 0, r;
	*len = 0;
	*err = 0;
	do {
		if (*len >= SIPDNS_MAX_ZONE_FILE ||
		    !sipdns_vec_reserve_bytes(&buf, &cap, *len + 65536 + 1)) {
			free(buf);
			return NULL;
		}
		r = fread(buf + *len, 1, cap - *len - 1, fp);
		*len += r;
	} while (r > 0);
	if (ferror(fp)) {
		*err = errno ? errno : EIO;
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/* The text of fp (file path, zone name) with its $INCLUDEs in place. */
static enum sipdns_status
zone_text_read(FILE *fp, const char *path, char *name, struct zone_text *zt,
	       struct sipdns_diag *d)
{
	size_t len;
	int err;
	char *text = read_all(fp, &len, &err);
	bool unread = text == NULL;
	struct sipdns_loc at = { path, 0, 0 };
	if (err != 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
				"cannot read: %s; nothing of the file is compared",
				strerror(err));
		return SIPDNS_EIO;
	}
	struct stat sb;
	zt->depth = 1;   /* the file itself (no device, inode from fmemopen) */
	if (fileno(fp) >= 0 && fstat(fileno(fp), &sb) == 0) {
		zt->open[0].dev = sb.st_dev;
		zt->open[0].ino = sb.st_ino;
	}
	zt->line = 1;
	enum sipdns_status st = text ? SIPDNS_OK : SIPDNS_ENOMEM;
	/* a Windows export: its [AGE:n] tokens and WINS records off first */
	if (text && sipdns_winexport_is(path, text, len))
		st = sipdns_winexport_clean_ages(text, len, path, &zt->ages, d);
	if (st == SIPDNS_OK)
		st = zt_expand(zt, path, text, len, name, d);
	free(text);
	if (st == SIPDNS_OK && zt->len == 0 && !zt_put(zt, "\n", 1))
		st = SIPDNS_ENOMEM;
	if (st == SIPDNS_ENOMEM && (zt->big || unread))
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "more than %d MiB of zone text (with its $INCLUDEs): not a zone diff reads",
				SIPDNS_MAX_ZONE_FILE / (1024 * 1024));
	else if (st == SIPDNS_ENOMEM)
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "out of memory");
	return st;
}

/* The [AGE:n] hours of the file's record in lines (from, to] of the
 * expanded text, or 0. */
static uint32_t
age_in(const struct zone_text *zt, const char *path, int from, int to)
{
	const struct sipdns_winexport_ages *a = &zt->ages;
	for (int ln = from + 1; ln <= to; ln++) {
		struct sipdns_loc at = zt_where(zt, path, ln);
		if (strcmp(at.file, path) != 0)
			continue;
		size_t lo = 0, hi = a->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (a->line[mid] < at.line)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < a->n && a->line[lo] == at.line)
			return a->hours[lo];
	}
	return 0;
}

/* The [AGE:n] hours of the zone's records (its SOAs aside, as the zone
 * reader sets them aside), in order, into out[0..n-1]: ldns's record
 * reader again over fp, for the lines each record spans. */
static void
record_ages(FILE *fp, const ldns_rdf *origin, const char *path,
	    const struct zone_text *zt, uint32_t *out, size_t n)
{
	struct sipdns_rr_reader rd;
	rewind(fp);
	sipdns_rr_reader_init(&rd, fp, origin);
	ldns_rr *rr;
	int prev = 0;
	for (size_t k = 0; k < n && (rr = sipdns_rr_reader_next(&rd)) != NULL;) {
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SOA)
			out[k++] = age_in(zt, path, prev, rd.line);
		prev = rd.line;
		ldns_rr_free(rr);
	}
	sipdns_rr_reader_fini(&rd);
}

/* Each record of rrs from base on, the SOA (if any) first and then those
 * of z: its [AGE:n] hours in the new array *age (0: static), indexed as
 * rrs is; NULL when the file has no such token. */
static enum sipdns_status
zone_ages(FILE *fp, const ldns_rdf *origin, const char *path,
	  const struct zone_text *zt, const ldns_zone *z,
	  const ldns_rr_list *rrs, size_t base, uint32_t **age)
{
	*age = NULL;
	if (zt->ages.n == 0)
		return SIPDNS_OK;
	size_t n = ldns_rr_list_rr_count(rrs);
	if ((*age = calloc(n ? n : 1, sizeof(**age))) == NULL)
		return SIPDNS_ENOMEM;
	size_t first = base + (ldns_zone_soa(z) != NULL);
	if (first < n)
		record_ages(fp, origin, path, zt, *age + first, n - first);
	return SIPDNS_OK;
}

/* Read the expanded zone text fp into rrs (and the records' ages into
 * *age, when age is not NULL). */
static enum sipdns_status
zone_parse(FILE *fp, const char *path, const char *name, bool frag,
	   const struct zone_text *zt, ldns_rr_list *rrs, char **origin,
	   uint32_t **age, struct sipdns_diag *d)
{
	size_t base = ldns_rr_list_rr_count(rrs);
	ldns_rdf *o = *name ? ldns_dname_new_frm_str(name) : NULL;
	if (!one_soa(fp, o, path, zt, d)) {
		ldns_rdf_deep_free(o);
		return SIPDNS_EINPUT;
	}
	ldns_zone *z = NULL;
	int line = 0;
	ldns_status st = ldns_zone_new_frm_fp_l(&z, fp, o, 3600, LDNS_RR_CLASS_IN, &line);
	if (st != LDNS_STATUS_OK) {
		sipdns_diag_add(d, SIPDNS_ERROR, zt_where(zt, path, line),
				NULL, "%s", ldns_get_errorstr_by_id(st));
		ldns_rdf_deep_free(o);
		return SIPDNS_EINPUT;
	}
	const ldns_rr *soa = ldns_zone_soa(z);
	char *on = soa ? sipdns_zonefile_owner(soa) : o ? sipdns_zonefile_dname(o) : NULL;
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
	if (rc == SIPDNS_OK && age != NULL &&
	    zone_ages(fp, soa ? ldns_rr_owner(soa) : o, path, zt, z, rrs,
		      base, age) != SIPDNS_OK) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "out of memory");
		rc = SIPDNS_ENOMEM;
	}
	ldns_rdf_deep_free(o);
	ldns_zone_deep_free(z);
	if (rc == SIPDNS_OK)
		*origin = on;
	else
		free(on);
	return rc;
}

enum sipdns_status
sipdns_zone_file_read(FILE *fp, const char *path, ldns_rr_list *rrs,
		      char **origin, struct sipdns_diag *d)
{
	return sipdns_zone_file_read_in(fp, path, NULL, rrs, origin, d);
}

enum sipdns_status
sipdns_zone_file_read_in(FILE *fp, const char *path, const char *zone,
			 ldns_rr_list *rrs, char **origin,
			 struct sipdns_diag *d)
{
	return sipdns_zone_file_read_aged(fp, path, zone, rrs, origin, NULL, d);
}

enum sipdns_status
sipdns_zone_file_read_aged(FILE *fp, const char *path, const char *zone,
			   ldns_rr_list *rrs, char **origin, uint32_t **age,
			   struct sipdns_diag *d)
{
	*origin = NULL;
	if (age != NULL)
		*age = NULL;
	/* the file name (or zone) gives the origin unless the file says
	 * otherwise */
	char name[LDNS_MAX_DOMAINLEN + 2];
	bool frag;
	zone_of_path(path, name, sizeof(name), &frag);
	if (zone != NULL && *zone && strlen(zone) < LDNS_MAX_DOMAINLEN)
		snprintf(name, sizeof(name), "%s.", zone);
	struct zone_text zt = { 0 };
	enum sipdns_status rc = zone_text_read(fp, path, name, &zt, d);
	FILE *text = rc == SIPDNS_OK ? fmemopen(zt.buf, zt.len, "r") : NULL;
	if (rc == SIPDNS_OK && text == NULL)
		rc = SIPDNS_ENOMEM;
	if (rc == SIPDNS_OK)
		rc = zone_parse(text, path, name, frag, &zt, rrs, origin, age, d);
	if (text != NULL)
		fclose(text);
	zt_fini(&zt);
	return rc;
}
