/* output.c -- records to zone files and change scripts
 *
 * Writers rely on validation having limited every name to letters, digits,
 * hyphens, underscores (SRV owners) and dots, and every address to its
 * dotted or hex form; each writer asserts that alphabet and refuses to
 * write rather than quote around it (../shared/reference/output-formats.md
 * section 0).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "records.h"
#include "zonefile.h"

volatile sig_atomic_t sipdns_output_interrupted;

static const struct {
	const char *name, *ext;
} formats[] = {
	[SIPDNS_FMT_ZONE] = { "zone", ".zone" },
	[SIPDNS_FMT_FRAGMENT] = { "fragment", ".frag" },
	[SIPDNS_FMT_NSUPDATE] = { "nsupdate", ".nsupdate" },
	[SIPDNS_FMT_DNSCMD] = { "dnscmd", ".cmd" },
	[SIPDNS_FMT_POWERSHELL] = { "powershell", ".ps1" },
	[SIPDNS_FMT_JSON] = { "json", ".json" },
};

bool
sipdns_format_parse(const char *name, enum sipdns_format *out)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0) {
			*out = (enum sipdns_format)i;
			return true;
		}
	return false;
}

const char *
sipdns_format_name(enum sipdns_format f)
{
	return formats[f].name;
}

const char *
sipdns_format_ext(enum sipdns_format f)
{
	return formats[f].ext;
}

/* ---- the alphabet ------------------------------------------------------- */

static inline bool
token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == ':';
}

static bool
token_ok(const char *s)
{
	if (*s == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (!token_char(*p))
			return false;
	return true;
}

/* comments: keep to printable ASCII that no script language minds */
static void
put_comment_text(FILE *fp, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || strchr(" .,:;/()_-[]", c);
		if (c == ';')
			ok = true;
		putc_unlocked(ok ? c : ' ', fp);   /* fp is this thread's own */
	}
}

/* ---- one rendered unit: a (view, zone) and its records ------------------ */

struct group {
	enum sipdns_view_id view;
	const struct sipdns_zone *zone;
	const struct sipdns_record **recs;
	size_t n;
	const struct sipdns_zone_index *idx;   /* zones of the view */
	const struct sipdns_zone **children;   /* zones delegated from this one */
	size_t n_children;
};

/* What make_groups allocates besides the groups. */
struct group_mem {
	const struct sipdns_record **recs;
	const struct sipdns_zone **children;
	struct sipdns_zone_index *idx[SIPDNS_VIEW_COUNT];
};

/* Text of rdata field i (names without trailing dot when strip is set);
 * malloc'd, NULL on failure. */
static char *
field(const ldns_rr *rr, size_t i, bool strip)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, i);
	if (f == NULL)
		return NULL;
	char *s = ldns_rdf2str(f);
	if (s == NULL)
		return NULL;
	size_t len = strlen(s);
	if (strip && len > 1 && s[len - 1] == '.')
		s[len - 1] = '\0';
	if (!token_ok(s)) {
		free(s);
		return NULL;
	}
	return s;
}

/* rr as one master-file line (ldns's own printer), without newline, in
 * scratch; NULL when it holds a character outside the alphabet */
static const char *
rr_line(ldns_buffer *scratch, const ldns_rr *rr)
{
	const char *s = sipdns_rr_format(scratch, rr);
	for (const char *p = s; p && *p; p++)
		if (!(token_char(*p) || *p == '\t' || *p == ' '))
			return NULL;
	return s;
}

static void
reason_comment(FILE *fp, const char *lead, const struct sipdns_record *r)
{
	fputs(lead, fp);
	put_comment_text(fp, r->reason);
	fprintf(fp, " [%s", r->fact);
	if (r->loc.line)
		fprintf(fp, ", topology line %u", r->loc.line);
	fputs("]", fp);
	if (r->flags & SIPDNS_REC_SELF_REGISTERED)
		fputs(" (the server also registers this itself)", fp);
	fputc('\n', fp);
}

static const char *
soa_rname(const struct sipdns_zone *z, char *buf, size_t size)
{
	if (z->soa.rname)
		snprintf(buf, size, "%s", z->soa.rname);
	else
		snprintf(buf, size, "hostmaster.%s", z->name);
	return buf;
}

static void
glue(FILE *fp, const struct sipdns_host *ns, size_t n_ns,
     const struct sipdns_topology *t, const struct group *g,
     const char **done, size_t *n_done)
{
	for (size_t i = 0; i < n_ns; i++) {
		const struct sipdns_host *h = &ns[i];
		if (h->addr.v4 == NULL || !sipdns_name_in_domain(h->fqdn, g->zone->name) ||
		    sipdns_zone_index_find(g->idx, h->fqdn) == g->zone)
			continue;
		bool seen = false;
		for (size_t k = 0; k < *n_done && !seen; k++)
			seen = strcmp(done[k], h->fqdn) == 0;
		if (seen)
			continue;
		done[(*n_done)++] = h->fqdn;
		fprintf(fp, "%s.\t%u\tIN\tA\t%s\n", h->fqdn,
			t->options.ttl_default, h->addr.v4);
		if (h->addr.v6)
			fprintf(fp, "%s.\t%u\tIN\tAAAA\t%s\n", h->fqdn,
				t->options.ttl_default, h->addr.v6);
	}
}

/* Delegations to child zones of the same view, and glue for name servers
 * below a zone cut (RFC 1034 §4.2.1), so that the file stands alone. */
static void
render_cuts(FILE *fp, const struct sipdns_topology *t, const struct group *g)
{
	const struct sipdns_zone *z = g->zone;
	size_t cap = z->n_ns, n_done = 0;
	for (size_t i = 0; i < g->n_children; i++)
		cap += g->children[i]->n_ns;
	const char **done = malloc((cap ? cap : 1) * sizeof(*done));
	if (done == NULL)
		return;
	for (size_t i = 0; i < g->n_children; i++) {
		const struct sipdns_zone *c = g->children[i];
		fprintf(fp, "; delegation to zone %s of the same view\n", c->name);
		for (size_t k = 0; k < c->n_ns; k++)
			fprintf(fp, "%s.\t%u\tIN\tNS\t%s.\n", c->name,
				t->options.ttl_default, c->ns[k].fqdn);
		glue(fp, c->ns, c->n_ns, t, g, done, &n_done);
	}
	glue(fp, z->ns, z->n_ns, t, g, done, &n_done);
	free(done);
}

static enum sipdns_status
render_zone(FILE *fp, const struct sipdns_topology *t, const struct group *g,
	    const struct sipdns_output_opts *o, uint32_t serial, bool full,
	    struct sipdns_diag *d)
{
	const struct sipdns_zone *z = g->zone;
	fprintf(fp, "; sipdns %s -- %s view, zone %s%s\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name,
		full ? "" : " (records only, for $INCLUDE)");
	fputs("; generated from ", fp);
	put_comment_text(fp, o->source);
	fputs(": edit the topology, not this file\n", fp);
	if (full) {
		char rname[LDNS_MAX_DOMAINLEN + 1];
		if (z->n_ns == 0) {
			sipdns_diag_add(d, SIPDNS_ERROR, z->loc, "zone-ns",
				"zone '%s' of the %s view has no name servers, which a complete zone file needs: add 'ns:' to the zone or its view, or use --format fragment",
				z->name, sipdns_view_name(g->view));
			return SIPDNS_EINPUT;
		}
		const char *mname = z->soa.mname ? z->soa.mname : z->ns[0].fqdn;
		fprintf(fp, "$ORIGIN %s.\n$TTL %u\n", z->name,
			z->soa.has_minimum ? z->soa.minimum : 3600u);
		fprintf(fp, "@\tIN\tSOA\t%s. %s. (\n", mname,
			soa_rname(z, rname, sizeof(rname)));
		fprintf(fp, "\t\t%u\t; serial YYYYMMDDnn\n", serial);
		fprintf(fp, "\t\t%u\t; refresh\n", z->soa.has_refresh ? z->soa.refresh : 3600u);
		fprintf(fp, "\t\t%u\t; retry\n", z->soa.has_retry ? z->soa.retry : 900u);
		fprintf(fp, "\t\t%u\t; expire\n", z->soa.has_expire ? z->soa.expire : 1209600u);
		fprintf(fp, "\t\t%u )\t; minimum (negative-caching TTL)\n",
			z->soa.has_minimum ? z->soa.minimum : 3600u);
		for (size_t i = 0; i < z->n_ns; i++)
			fprintf(fp, "@\tIN\tNS\t%s.\n", z->ns[i].fqdn);
		render_cuts(fp, t, g);
	}
	ldns_buffer *scratch = ldns_buffer_new(256);
	if (scratch == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < g->n && st == SIPDNS_OK; i++) {
		const char *line = rr_line(scratch, g->recs[i]->rr);
		if (line == NULL) {
			st = SIPDNS_EINPUT;
			break;
		}
		reason_comment(fp, "; ", g->recs[i]);
		fputs(line, fp);
		putc_unlocked('\n', fp);
	}
	ldns_buffer_free(scratch);
	return st;
}

static enum sipdns_status
render_nsupdate(FILE *fp, const struct group *g,
		const struct sipdns_output_opts *o)
{
	const struct sipdns_zone *z = g->zone;
	fprintf(fp, "; sipdns %s -- %s view, zone %s\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name);
	fputs("; generated from ", fp);
	put_comment_text(fp, o->source);
	fputs("\n; apply with: nsupdate -k KEYFILE THIS-FILE\n", fp);
	fputs("; each managed record set is replaced as a whole, in one atomic update\n", fp);
	const char *server = o->server;
	for (size_t i = 0; server == NULL && i < z->n_ns; i++)
		server = z->ns[i].addr.v4;
	if (server != NULL) {
		if (!token_ok(server) || (o->server_port && !token_ok(o->server_port)))
			return SIPDNS_EINPUT;
		fprintf(fp, "server %s%s%s\n", server, o->server_port ? " " : "",
			o->server_port ? o->server_port : "");
	} else {
		fputs("; no server known: nsupdate sends to the zone's SOA MNAME\n", fp);
	}
	fprintf(fp, "zone %s.\n", z->name);
	/* prerequisites first: an alias may only go where no other data is
	 * (RFC 2136 §3.4.2.2 ignores such an update silently) */
	for (size_t i = 0; i < g->n; i++) {
		const ldns_rr *rr = g->recs[i]->rr;
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_CNAME)
			continue;
		fprintf(fp, "prereq nxrrset %s. IN A\n", g->recs[i]->owner);
		fprintf(fp, "prereq nxrrset %s. IN AAAA\n", g->recs[i]->owner);
	}
	ldns_buffer *scratch = ldns_buffer_new(256);
	if (scratch == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < g->n && st == SIPDNS_OK; i++) {
		const struct sipdns_record *r = g->recs[i];
		ldns_rr_type type = ldns_rr_get_type(r->rr);
		bool first = i == 0 || strcmp(g->recs[i - 1]->owner, r->owner) != 0 ||
			     ldns_rr_get_type(g->recs[i - 1]->rr) != type;
		if (first) {
			char *tname = ldns_rr_type2str(type);
			if (tname == NULL) {
				st = SIPDNS_ENOMEM;
				break;
			}
			fprintf(fp, "update delete %s. IN %s\n", r->owner, tname);
			free(tname);
		}
		const char *line = rr_line(scratch, r->rr);
		if (line == NULL) {
			st = SIPDNS_EINPUT;
			break;
		}
		reason_comment(fp, "; ", r);
		fprintf(fp, "update add %s\n", line);
	}
	ldns_buffer_free(scratch);
	if (st == SIPDNS_OK)
		fputs("send\nanswer\n", fp);
	return st;
}

static enum sipdns_status
render_dnscmd(FILE *fp, const struct group *g,
	      const struct sipdns_output_opts *o)
{
	const struct sipdns_zone *z = g->zone;
	const char *server = o->server ? o->server : ".";
	if (!token_ok(server))
		return SIPDNS_EINPUT;
	fputs("@echo off\r\n", fp);
	fprintf(fp, "rem sipdns %s -- %s view, zone %s\r\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name);
	fputs("rem generated from ", fp);
	put_comment_text(fp, o->source);
	fputs("\r\nrem Adding a record that exists already fails with DNS_ERROR_RECORD_ALREADY_EXISTS\r\n", fp);
	fputs("rem (9711) and the script goes on, so running it twice is harmless.\r\n", fp);
	fprintf(fp, "rem The zone must exist: dnscmd %s /ZoneAdd %s /DsPrimary\r\n",
		server, z->name);
	for (size_t i = 0; i < g->n; i++) {
		const struct sipdns_record *r = g->recs[i];
		const ldns_rr *rr = r->rr;
		ldns_rr_type type = ldns_rr_get_type(rr);
		char *f[4] = { NULL, NULL, NULL, NULL };
		size_t nf = type == LDNS_RR_TYPE_SRV ? 4 : 1;
		bool ok = token_ok(r->owner);
		for (size_t k = 0; k < nf; k++)
			ok = (f[k] = field(rr, k, false)) != NULL && ok;
		if (ok) {
			reason_comment(fp, "rem ", r);
			/* node as FQDN with trailing dot: the documented form */
			fprintf(fp, "dnscmd %s /RecordAdd %s %s. %u ", server,
				z->name, r->owner, ldns_rr_ttl(rr));
			switch (type) {
			case LDNS_RR_TYPE_A: fprintf(fp, "A %s", f[0]); break;
			case LDNS_RR_TYPE_AAAA: fprintf(fp, "AAAA %s", f[0]); break;
			case LDNS_RR_TYPE_CNAME: fprintf(fp, "CNAME %s", f[0]); break;
			case LDNS_RR_TYPE_SRV:
				fprintf(fp, "SRV %s %s %s %s", f[0], f[1], f[2], f[3]);
				break;
			default: ok = false; break;
			}
			fputs("\r\n", fp);
		}
		for (size_t k = 0; k < 4; k++)
			free(f[k]);
		if (!ok)
			return SIPDNS_EINPUT;
	}
	return SIPDNS_OK;
}

static enum sipdns_status
render_powershell(FILE *fp, const struct group *g,
		  const struct sipdns_output_opts *o)
{
	const struct sipdns_zone *z = g->zone;
	if (o->server && !token_ok(o->server))
		return SIPDNS_EINPUT;
	fprintf(fp, "# sipdns %s -- %s view, zone %s\r\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name);
	fputs("# generated from ", fp);
	put_comment_text(fp, o->source);
	fputs("\r\n# Needs the DnsServer module (Windows Server 2012 or later); stops at the first\r\n", fp);
	fputs("# error, for example a record that exists already.\r\n", fp);
	fputs("$ErrorActionPreference = 'Stop'\r\n", fp);
	char cn[300] = "";
	if (o->server)
		snprintf(cn, sizeof(cn), " -ComputerName '%s'", o->server);
	size_t zlen = strlen(z->name);
	for (size_t i = 0; i < g->n; i++) {
		const struct sipdns_record *r = g->recs[i];
		const ldns_rr *rr = r->rr;
		ldns_rr_type type = ldns_rr_get_type(rr);
		/* -Name is relative to -ZoneName; '@' is the apex */
		char rel[LDNS_MAX_DOMAINLEN + 1];
		size_t olen = strlen(r->owner);
		if (olen == zlen)
			snprintf(rel, sizeof(rel), "@");
		else
			snprintf(rel, sizeof(rel), "%.*s", (int)(olen - zlen - 1),
				 r->owner);
		char *f[4] = { NULL, NULL, NULL, NULL };
		size_t nf = type == LDNS_RR_TYPE_SRV ? 4 : 1;
		bool ok = token_ok(rel) || strcmp(rel, "@") == 0;
		for (size_t k = 0; k < nf; k++)
			ok = (f[k] = field(rr, k, true)) != NULL && ok;
		if (ok) {
			reason_comment(fp, "# ", r);
			switch (type) {
			case LDNS_RR_TYPE_A:
				fprintf(fp, "Add-DnsServerResourceRecordA%s -ZoneName '%s' -Name '%s' -IPv4Address '%s'",
					cn, z->name, rel, f[0]);
				break;
			case LDNS_RR_TYPE_AAAA:
				fprintf(fp, "Add-DnsServerResourceRecordAAAA%s -ZoneName '%s' -Name '%s' -IPv6Address '%s'",
					cn, z->name, rel, f[0]);
				break;
			case LDNS_RR_TYPE_CNAME:
				fprintf(fp, "Add-DnsServerResourceRecordCName%s -ZoneName '%s' -Name '%s' -HostNameAlias '%s'",
					cn, z->name, rel, f[0]);
				break;
			case LDNS_RR_TYPE_SRV:
				fprintf(fp, "Add-DnsServerResourceRecord -Srv%s -ZoneName '%s' -Name '%s' -DomainName '%s' -Priority %s -Weight %s -Port %s",
					cn, z->name, rel, f[3], f[0], f[1], f[2]);
				break;
			default:
				ok = false;
				break;
			}
			if (ok)
				fprintf(fp, " -TimeToLive ([TimeSpan]::FromSeconds(%u))\r\n",
					ldns_rr_ttl(rr));
		}
		for (size_t k = 0; k < 4; k++)
			free(f[k]);
		if (!ok)
			return SIPDNS_EINPUT;
	}
	return SIPDNS_OK;
}

void
sipdns_json_string(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static enum sipdns_status
render_json_records(FILE *fp, const struct group *g, bool *first)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct sipdns_record *r = g->recs[i];
		const ldns_rr *rr = r->rr;
		ldns_rr_type type = ldns_rr_get_type(rr);
		char *tname = ldns_rr_type2str(type);
		char *f[4] = { NULL, NULL, NULL, NULL };
		size_t nf = type == LDNS_RR_TYPE_SRV ? 4 : 1;
		bool ok = tname != NULL;
		for (size_t k = 0; k < nf; k++)
			ok = (f[k] = field(rr, k, false)) != NULL && ok;
		if (ok) {
			fputs(*first ? "\n    " : ",\n    ", fp);
			*first = false;
			fprintf(fp, "{\"view\": \"%s\", \"zone\": \"%s.\", \"name\": \"%s.\", \"type\": \"%s\", \"class\": \"IN\", \"ttl\": %u, ",
				sipdns_view_name(g->view), g->zone->name, r->owner,
				tname, ldns_rr_ttl(rr));
			if (type == LDNS_RR_TYPE_SRV)
				fprintf(fp, "\"data\": {\"priority\": %s, \"weight\": %s, \"port\": %s, \"target\": \"%s\"}, \"rdata\": \"%s %s %s %s\", ",
					f[0], f[1], f[2], f[3], f[0], f[1], f[2], f[3]);
			else if (type == LDNS_RR_TYPE_CNAME)
				fprintf(fp, "\"data\": {\"target\": \"%s\"}, \"rdata\": \"%s\", ",
					f[0], f[0]);
			else
				fprintf(fp, "\"data\": {\"address\": \"%s\"}, \"rdata\": \"%s\", ",
					f[0], f[0]);
			fputs("\"reason\": ", fp);
			sipdns_json_string(fp, r->reason);
			fprintf(fp, ", \"fact\": ");
			sipdns_json_string(fp, r->fact);
			fprintf(fp, ", \"self_registered\": %s, \"source\": {\"line\": %u, \"column\": %u}}",
				r->flags & SIPDNS_REC_SELF_REGISTERED ? "true" : "false",
				r->loc.line, r->loc.col);
		}
		free(tname);
		for (size_t k = 0; k < 4; k++)
			free(f[k]);
		if (!ok)
			return SIPDNS_EINPUT;
	}
	return SIPDNS_OK;
}

static enum sipdns_status
render_json(FILE *fp, const struct sipdns_topology *t, const struct group *g,
	    size_t ng, const struct sipdns_output_opts *o)
{
	fprintf(fp, "{\n  \"schema_version\": 1,\n  \"generator\": \"sipdns %s\",\n  \"topology\": ",
		PACKAGE_VERSION);
	sipdns_json_string(fp, o->source);
	fprintf(fp, ",\n  \"product\": \"%s\",\n  \"zones\": [", sipdns_product_name(t->product));
	for (size_t i = 0; i < ng; i++)
		fprintf(fp, "%s\n    {\"view\": \"%s\", \"zone\": \"%s.\", \"split_brain\": %s, \"records\": %zu}",
			i ? "," : "", sipdns_view_name(g[i].view), g[i].zone->name,
			g[i].zone->split_brain ? "true" : "false", g[i].n);
	fputs(ng ? "\n  ],\n  \"records\": [" : "],\n  \"records\": [", fp);
	bool first = true;
	for (size_t i = 0; i < ng; i++) {
		enum sipdns_status st = render_json_records(fp, &g[i], &first);
		if (st != SIPDNS_OK)
			return st;
	}
	fputs(first ? "]\n}\n" : "\n  ]\n}\n", fp);
	return SIPDNS_OK;
}

/* between two zones in one stream */
static const char *
group_sep(enum sipdns_format f)
{
	return f == SIPDNS_FMT_DNSCMD || f == SIPDNS_FMT_POWERSHELL ? "\r\n" : "\n";
}

static enum sipdns_status
render(FILE *fp, const struct sipdns_topology *t, const struct group *g,
       size_t ng, const struct sipdns_output_opts *o, uint32_t serial,
       struct sipdns_diag *d)
{
	if (o->format == SIPDNS_FMT_JSON)
		return render_json(fp, t, g, ng, o);
	for (size_t i = 0; i < ng; i++) {
		enum sipdns_status st = SIPDNS_OK;
		if (i > 0)
			fputs(group_sep(o->format), fp);
		switch (o->format) {
		case SIPDNS_FMT_ZONE:
		case SIPDNS_FMT_FRAGMENT:
			st = render_zone(fp, t, &g[i], o, serial,
					 o->format == SIPDNS_FMT_ZONE, d);
			break;
		case SIPDNS_FMT_NSUPDATE: st = render_nsupdate(fp, &g[i], o); break;
		case SIPDNS_FMT_DNSCMD: st = render_dnscmd(fp, &g[i], o); break;
		case SIPDNS_FMT_POWERSHELL: st = render_powershell(fp, &g[i], o); break;
		case SIPDNS_FMT_JSON: break;
		}
		if (st != SIPDNS_OK)
			return st;
	}
	return SIPDNS_OK;
}

/* One memory stream, reused for every zone: opening one per zone took a
 * tenth of generate's time at 100,000 domains. */
struct renderer {
	FILE *fp;
	char *buf;     /* the text of the last rs_render(), len bytes */
	size_t len;
};

static bool
rs_open(struct renderer *rs)
{
	rs->buf = NULL;
	rs->len = 0;
	rs->fp = open_memstream(&rs->buf, &rs->len);
	return rs->fp != NULL;
}

static void
rs_close(struct renderer *rs)
{
	if (rs->fp != NULL)
		fclose(rs->fp);
	free(rs->buf);
}

/* Render into rs->buf (rs->len bytes), valid until the next call. */
static enum sipdns_status
rs_render(struct renderer *rs, const struct sipdns_topology *t,
	  const struct group *g, size_t ng, const struct sipdns_output_opts *o,
	  uint32_t serial, struct sipdns_diag *d)
{
	rewind(rs->fp);   /* the next flush sets len to what is written now */
	enum sipdns_status st = render(rs->fp, t, g, ng, o, serial, d);
	if (fflush(rs->fp) != 0 && st == SIPDNS_OK)
		st = SIPDNS_ENOMEM;
	return st;
}

/* ---- grouping ------------------------------------------------------------ */

struct gkey {
	const struct sipdns_record *r;
	size_t zone_idx, pos;
};

static int
gkey_cmp(const void *pa, const void *pb)
{
	const struct gkey *a = pa, *b = pb;
	if (a->r->view != b->r->view)
		return a->r->view < b->r->view ? -1 : 1;
	if (a->zone_idx != b->zone_idx)
		return a->zone_idx < b->zone_idx ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Groups for every zone of the selected views (empty zones too, so that a
 * zone file exists for each zone the topology names). */
struct zparent {
	const struct sipdns_zone *parent, *zone;
};

static int
zparent_cmp(const void *pa, const void *pb)
{
	const struct zparent *a = pa, *b = pb;
	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	return a->zone < b->zone ? -1 : a->zone > b->zone;
}

/* For every zone of view v: the zones it delegates to (its closest
 * enclosed zones), as slices of one array. */
static bool
delegations(const struct sipdns_topology *t, enum sipdns_view_id v,
	    const struct sipdns_zone_index *idx, struct group *g,
	    const struct sipdns_zone **children, size_t *used)
{
	const struct sipdns_view *view = &t->views[v];
	struct zparent *zp = malloc((view->n_zones ? view->n_zones : 1) * sizeof(*zp));
	if (zp == NULL)
		return false;
	size_t n = 0;
	for (size_t i = 0; i < view->n_zones; i++) {
		const char *dot = strchr(view->zones[i].name, '.');
		const struct sipdns_zone *p = dot ? sipdns_zone_index_find(idx, dot + 1) : NULL;
		if (p != NULL)
			zp[n++] = (struct zparent){ p, &view->zones[i] };
	}
	qsort(zp, n, sizeof(*zp), zparent_cmp);
	for (size_t i = 0; i < n; i++) {
		struct group *pg = &g[zp[i].parent - view->zones];
		if (pg->n_children == 0)
			pg->children = children + *used;
		children[(*used)++] = zp[i].zone;
		pg->n_children++;
	}
	free(zp);
	return true;
}

static void
groups_free(struct group *g, struct group_mem *m)
{
	free(g);
	free(m->recs);
	free(m->children);
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		sipdns_zone_index_destroy(m->idx[v]);
}

static enum sipdns_status
make_groups(const struct sipdns_topology *t, const struct sipdns_recset *s,
	    int view, struct group **gp, size_t *ngp, struct group_mem *m)
{
	memset(m, 0, sizeof(*m));
	size_t nz = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (view < 0 || view == v)
			nz += t->views[v].n_zones;
	struct gkey *k = malloc((s->n ? s->n : 1) * sizeof(*k));
	const struct sipdns_record **recs = malloc((s->n ? s->n : 1) * sizeof(*recs));
	struct group *g = calloc(nz ? nz : 1, sizeof(*g));
	m->recs = recs;
	m->children = malloc((nz ? nz : 1) * sizeof(*m->children));
	if (k == NULL || recs == NULL || g == NULL || m->children == NULL) {
		free(k);
		groups_free(g, m);
		return SIPDNS_ENOMEM;
	}
	size_t nk = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		if (r->zone == NULL || (view >= 0 && (int)r->view != view))
			continue;
		k[nk++] = (struct gkey){ r, (size_t)(r->zone - t->views[r->view].zones), i };
	}
	qsort(k, nk, sizeof(*k), gkey_cmp);
	for (size_t i = 0; i < nk; i++)
		recs[i] = k[i].r;
	size_t ng = 0, ki = 0, used = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (view >= 0 && view != v)
			continue;
		m->idx[v] = sipdns_zone_index_create(t, (enum sipdns_view_id)v);
		if (m->idx[v] == NULL ||
		    !delegations(t, (enum sipdns_view_id)v, m->idx[v], g + ng,
				 m->children, &used)) {
			free(k);
			groups_free(g, m);
			return SIPDNS_ENOMEM;
		}
		for (size_t z = 0; z < t->views[v].n_zones; z++) {
			struct group *x = &g[ng++];
			x->view = (enum sipdns_view_id)v;
			x->zone = &t->views[v].zones[z];
			x->idx = m->idx[v];
			x->recs = recs + ki;
			while (ki < nk && (int)k[ki].r->view == v && k[ki].zone_idx == z) {
				ki++;
				x->n++;
			}
		}
	}
	free(k);
	*gp = g;
	*ngp = ng;
	return SIPDNS_OK;
}

/* ---- files --------------------------------------------------------------- */

struct pending {
	char *path, *tmp;
	bool unchanged, staged;   /* staged: tmp is in a staged view directory */
	int view;
	uint32_t serial;
	size_t records;
};

/* Make directory path unless it exists; *made says whether this call
 * made it (NULL: not wanted). */
static bool
ensure_dir(const char *path, bool *made, struct sipdns_diag *d)
{
	bool m = mkdir(path, 0755) == 0;
	if (made != NULL)
		*made = m;
	if (m || errno == EEXIST) {
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "exists and is not a directory");
		return false;
	}
	sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 }, NULL,
			"cannot create directory: %s", strerror(errno));
	return false;
}

/* Write buf to the new file open at fd, then close it; path names the
 * file in messages. */
static bool
write_fd(int fd, const char *path, const char *buf, size_t len,
	 struct sipdns_diag *d)
{
	size_t off = 0;
	int err = 0;
	while (off < len && err == 0) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			err = w < 0 ? errno : ENOSPC;
		else
			off += (size_t)w;
	}
	if (err == 0 && fchmod(fd, 0644) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot write: %s (no file was changed)",
				strerror(err));
	return err == 0;
}

/* Write buf to a new temporary file beside path; the name goes to *tmpp. */
static bool
write_temp(const char *path, const char *buf, size_t len, char **tmpp,
	   struct sipdns_diag *d)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t tlen = strlen(path) + 16;
	char *tmp = malloc(tlen);
	if (tmp == NULL)
		return false;
	snprintf(tmp, tlen, "%.*s.%s.XXXXXX", (int)dlen, path,
		 slash ? slash + 1 : path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot create a temporary file beside it: %s",
				strerror(errno));
		free(tmp);
		return false;
	}
	*tmpp = tmp;   /* from here on the caller removes it on failure */
	return write_fd(fd, path, buf, len, d);
}

/* A view directory that does not exist yet is built whole under a
 * temporary name and renamed into place at the end: one rename instead
 * of one per file (200,000 zone files at 100,000 domains). */
struct stage {
	char *dir;      /* OUTDIR/.VIEW.XXXXXX, NULL when the view existed */
	char *final;    /* OUTDIR/VIEW; NULL for a view without zones */
};

/* Make or stage the directory of view v. */
static enum sipdns_status
view_dir(struct stage *sg, const char *outdir, enum sipdns_view_id v,
	 struct sipdns_diag *d)
{
	size_t len = strlen(outdir) + 32;
	sg->final = malloc(len);
	if (sg->final == NULL)
		return SIPDNS_ENOMEM;
	snprintf(sg->final, len, "%s/%s", outdir, sipdns_view_name(v));
	struct stat sb;
	if (lstat(sg->final, &sb) == 0 || errno != ENOENT)
		return ensure_dir(sg->final, NULL, d) ? SIPDNS_OK : SIPDNS_EIO;
	sg->dir = malloc(len);
	if (sg->dir == NULL)
		return SIPDNS_ENOMEM;
	snprintf(sg->dir, len, "%s/.%s.XXXXXX", outdir, sipdns_view_name(v));
	if (mkdtemp(sg->dir) == NULL || chmod(sg->dir, 0755) != 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ sg->final, 0, 0 },
				NULL, "cannot create a temporary directory beside it: %s",
				strerror(errno));
		rmdir(sg->dir);
		free(sg->dir);
		sg->dir = NULL;
		return SIPDNS_EIO;
	}
	return SIPDNS_OK;
}

/* Write a file into a staged view directory; its name goes to *tmpp. */
static bool
write_staged(const struct stage *sg, const char *path, const char *buf,
	     size_t len, char **tmpp, struct sipdns_diag *d)
{
	const char *base = path + strlen(sg->final) + 1;
	size_t tlen = strlen(sg->dir) + strlen(base) + 2;
	char *tmp = malloc(tlen);
	if (tmp == NULL)
		return false;
	snprintf(tmp, tlen, "%s/%s", sg->dir, base);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot create it in the temporary directory %s: %s",
				sg->dir, strerror(errno));
		free(tmp);
		return false;
	}
	*tmpp = tmp;
	return write_fd(fd, path, buf, len, d);
}

/* One zone file: read the existing file, render, and write the new text
 * to a temporary file unless it would not change. */
static enum sipdns_status
write_zone(const struct sipdns_topology *t, const struct group *g,
	   const struct stage *vs, const struct sipdns_output_opts *o,
	   struct renderer *rs, struct pending *x, struct sipdns_diag *d)
{
	enum sipdns_status st;
	size_t plen = strlen(vs->final) + strlen(g->zone->name) + 16;
	x->path = malloc(plen);
	if (x->path == NULL)
		return SIPDNS_ENOMEM;
	snprintf(x->path, plen, "%s/%s%s", vs->final, g->zone->name,
		 sipdns_format_ext(o->format));
	x->records = g->n;
	x->view = (int)g->view;
	size_t oldlen = 0;
	int err = ENOENT;
	char *old = vs->dir ? NULL : sipdns_zonefile_read(x->path, &oldlen, &err);
	if (old == NULL && err != ENOENT) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ x->path, 0, 0 },
				NULL, "cannot read the existing file: %s", strerror(err));
		return SIPDNS_EIO;
	}
	uint32_t serial = 0;
	bool has_old = false;
	if (o->format == SIPDNS_FMT_ZONE && old != NULL && !o->serial_set) {
		char origin[LDNS_MAX_DOMAINLEN + 2];
		snprintf(origin, sizeof(origin), "%s.", g->zone->name);
		has_old = sipdns_zonefile_serial(old, oldlen, origin, &serial);
		if (!has_old) {
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ x->path, 0, 0 },
					NULL, "the existing file is not a zone file sipdns can read, so the next SOA serial is unknown: move it away, or pass --serial");
			free(old);
			return SIPDNS_EINPUT;
		}
	}
	bool rendered = false;
	if (old != NULL && (has_old || o->format != SIPDNS_FMT_ZONE ||
			    o->serial_set)) {
		/* unchanged content keeps its serial and its file */
		st = rs_render(rs, t, g, 1, o, o->serial_set ? o->serial : serial, d);
		rendered = true;
		if (st == SIPDNS_OK && rs->len == oldlen &&
		    memcmp(rs->buf, old, oldlen) == 0) {
			x->unchanged = true;
			x->serial = o->serial_set ? o->serial : serial;
		}
		if (st != SIPDNS_OK || x->unchanged) {
			free(old);
			return st;
		}
	}
	free(old);
	if (!o->serial_set) {
		x->serial = sipdns_serial_next(has_old, serial, o->now);
		if ((st = rs_render(rs, t, g, 1, o, x->serial, d)) != SIPDNS_OK)
			return st;
	} else {
		x->serial = o->serial;
		if (!rendered && (st = rs_render(rs, t, g, 1, o, x->serial,
						 d)) != SIPDNS_OK)
			return st;
	}
	x->staged = vs->dir != NULL;
	if (!(x->staged ? write_staged(vs, x->path, rs->buf, rs->len, &x->tmp, d)
			: write_temp(x->path, rs->buf, rs->len, &x->tmp, d)))
		return SIPDNS_EIO;
	return SIPDNS_OK;
}

/* Zones are rendered, and their files written, by up to MAX_WRITERS
 * threads, each a contiguous range of units (a zone; all zones at once for
 * JSON): creating 200,000 files is the file system's work, and two threads
 * in two view directories do it in little more than half the time of one.
 * Each keeps its own renderer, diagnostics and, for stdout, text. */
enum { MAX_WRITERS = 4, ZONES_PER_WRITER = 256 };

struct writer;
/* Do unit i with renderer rs. */
typedef enum sipdns_status (*unit_fn)(struct writer *w, struct renderer *rs,
				      size_t i);

struct writer {
	const struct sipdns_topology *t;
	const struct group *g;
	size_t ng;
	const struct stage *sg;  /* files: the view directories */
	const struct sipdns_output_opts *o;
	struct pending *p;       /* files: one for each zone */
	uint32_t serial;         /* stdout: the serial of every zone */
	unit_fn unit;
	size_t from, to;         /* units from .. to - 1 */
	atomic_bool *stop;       /* set by the first writer that fails */
	char *text;              /* stdout: what this writer rendered */
	size_t len, cap;
	struct sipdns_diag d;
	enum sipdns_status st;
};

static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	struct renderer rs;
	if (!rs_open(&rs))
		w->st = SIPDNS_ENOMEM;
	for (size_t i = w->from; i < w->to && w->st == SIPDNS_OK; i++) {
		if (sipdns_output_interrupted || atomic_load(w->stop))
			break;
		w->st = w->unit(w, &rs, i);
	}
	if (w->st != SIPDNS_OK)
		atomic_store(w->stop, true);
	rs_close(&rs);
	return NULL;
}

/* Run units 0 .. n - 1 of proto's kind on nw threads (this one included),
 * and hand their diagnostics to d in unit order. w[] keeps each writer's
 * text; the caller frees it. */
static enum sipdns_status
run_writers(const struct writer *proto, size_t n, struct writer *w,
	    size_t *nwp, struct sipdns_diag *d)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nw = cpus > 1 ? (size_t)cpus : 1;
	if (nw > MAX_WRITERS)
		nw = MAX_WRITERS;
	if (nw > n / ZONES_PER_WRITER)
		nw = n / ZONES_PER_WRITER ? n / ZONES_PER_WRITER : 1;
	pthread_t tid[MAX_WRITERS];
	bool started[MAX_WRITERS] = { false };
	atomic_bool stop = false;
	for (size_t k = 0; k < nw; k++) {
		w[k] = *proto;
		w[k].from = n * k / nw;
		w[k].to = n * (k + 1) / nw;
		w[k].stop = &stop;
		w[k].st = SIPDNS_OK;
		sipdns_diag_init(&w[k].d);
	}
	for (size_t k = 1; k < nw; k++)
		started[k] = pthread_create(&tid[k], NULL, writer_run, &w[k]) == 0;
	writer_run(&w[0]);
	enum sipdns_status st = SIPDNS_OK;
	for (size_t k = 0; k < nw; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else if (k > 0)
			writer_run(&w[k]);   /* no thread for it: here, then */
		if (st == SIPDNS_OK)
			st = w[k].st;
		for (size_t e = 0; e < w[k].d.n; e++) {
			const struct sipdns_diag_entry *x = &w[k].d.v[e];
			sipdns_diag_add(d, x->severity, x->loc, x->rule, "%s",
					x->message);
		}
		d->oom |= w[k].d.oom;
		sipdns_diag_fini(&w[k].d);
	}
	*nwp = nw;
	return st;
}

static enum sipdns_status
file_unit(struct writer *w, struct renderer *rs, size_t i)
{
	return write_zone(w->t, &w->g[i], &w->sg[w->g[i].view], w->o, rs,
			  &w->p[i], &w->d);
}

/* Render unit i and append it, after its separator, to the writer's text,
 * grown by realloc (an open_memstream of it all copied itself over at
 * every doubling). */
static enum sipdns_status
text_unit(struct writer *w, struct renderer *rs, size_t i)
{
	bool json = w->o->format == SIPDNS_FMT_JSON;   /* one unit: all zones */
	enum sipdns_status st = rs_render(rs, w->t, json ? w->g : &w->g[i],
					  json ? w->ng : 1, w->o, w->serial,
					  &w->d);
	if (st != SIPDNS_OK)
		return st;
	const char *sep = i > 0 ? group_sep(w->o->format) : "";
	size_t seplen = strlen(sep), need = w->len + seplen + rs->len;
	if (need > w->cap) {
		size_t nc = w->cap ? w->cap : 1 << 16;
		while (nc < need)
			nc *= 2;
		char *nt = realloc(w->text, nc);
		if (nt == NULL)
			return SIPDNS_ENOMEM;
		w->text = nt;
		w->cap = nc;
	}
	memcpy(w->text + w->len, sep, seplen);
	memcpy(w->text + w->len + seplen, rs->buf, rs->len);
	w->len = need;
	return SIPDNS_OK;
}

static enum sipdns_status
write_files(const struct sipdns_topology *t, struct group *g, size_t ng,
	    const struct sipdns_output_opts *o, struct sipdns_diag *d)
{
	enum sipdns_status st = SIPDNS_OK;
	struct pending *p = calloc(ng ? ng : 1, sizeof(*p));
	struct stage sg[SIPDNS_VIEW_COUNT] = { 0 };
	if (p == NULL)
		return SIPDNS_ENOMEM;
	bool made;   /* a failed run removes the output directory it made */
	if (!ensure_dir(o->outdir, &made, d)) {
		free(p);
		return SIPDNS_EIO;
	}
	/* each view's directory, made or staged, before the writers start */
	for (size_t i = 0; i < ng && st == SIPDNS_OK; i++)
		if (sg[g[i].view].final == NULL)
			st = view_dir(&sg[g[i].view], o->outdir, g[i].view, d);
	if (st == SIPDNS_OK) {
		struct writer w[MAX_WRITERS];
		size_t nw;
		st = run_writers(&(struct writer){ .t = t, .g = g, .ng = ng,
						   .sg = sg, .o = o, .p = p,
						   .unit = file_unit },
				 ng, w, &nw, d);
	}
	if (st == SIPDNS_OK && sipdns_output_interrupted) {
		st = SIPDNS_EIO;
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ o->outdir, 0, 0 },
				NULL, "interrupted: no file was changed");
	}
	/* all written: make the new data durable with one flush of the file
	 * system (a per-file fsync costs seconds at thousands of zones),
	 * then rename them into place and flush the renames */
	int dfd = st == SIPDNS_OK ? open(o->outdir, O_RDONLY | O_DIRECTORY) : -1;
	if (st == SIPDNS_OK && (dfd < 0 || syncfs(dfd) != 0)) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ o->outdir, 0, 0 },
				NULL, "cannot flush the new files to disk: %s (the previous files are kept)",
				strerror(errno));
		st = SIPDNS_EIO;
	}
	for (size_t i = 0; i < ng && st == SIPDNS_OK; i++) {
		if (p[i].tmp == NULL || p[i].staged)
			continue;
		if (rename(p[i].tmp, p[i].path) != 0) {
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ p[i].path, 0, 0 },
					NULL, "cannot rename the new file into place: %s",
					strerror(errno));
			st = SIPDNS_EIO;
			break;
		}
		free(p[i].tmp);
		p[i].tmp = NULL;
	}
	for (int v = 0; v < SIPDNS_VIEW_COUNT && st == SIPDNS_OK; v++) {
		if (sg[v].dir == NULL)
			continue;
		if (rename(sg[v].dir, sg[v].final) != 0) {
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ sg[v].final, 0, 0 },
					NULL, "cannot rename the new directory %s into place: %s",
					sg[v].dir, strerror(errno));
			st = SIPDNS_EIO;
			break;
		}
		free(sg[v].dir);
		sg[v].dir = NULL;
		for (size_t i = 0; i < ng; i++)
			if (p[i].staged && p[i].view == v) {
				free(p[i].tmp);
				p[i].tmp = NULL;
			}
	}
	if (dfd >= 0) {
		if (st == SIPDNS_OK)
			syncfs(dfd);
		close(dfd);
	}
	for (size_t i = 0; i < ng; i++) {
		if (p[i].tmp != NULL)
			unlink(p[i].tmp);
		else if (st == SIPDNS_OK && o->log != NULL && p[i].path != NULL) {
			fprintf(o->log, "%s %s (%zu record%s", p[i].unchanged
				? "unchanged" : "wrote", p[i].path, p[i].records,
				p[i].records == 1 ? "" : "s");
			if (o->format == SIPDNS_FMT_ZONE)
				fprintf(o->log, ", serial %u", p[i].serial);
			fputs(")\n", o->log);
		}
		free(p[i].tmp);
		free(p[i].path);
	}
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (sg[v].dir != NULL)
			rmdir(sg[v].dir);   /* empty now: its files were removed */
		free(sg[v].dir);
		free(sg[v].final);
	}
	if (st != SIPDNS_OK && made)
		rmdir(o->outdir);   /* empty now, as the view directories are */
	free(p);
	return st;
}

enum sipdns_status
sipdns_output_write(const struct sipdns_topology *t,
		    const struct sipdns_recset *s,
		    const struct sipdns_output_opts *o, FILE *out,
		    struct sipdns_diag *d)
{
	struct group *g;
	size_t ng;
	struct group_mem mem;
	enum sipdns_status st = make_groups(t, s, o->view, &g, &ng, &mem);
	if (st != SIPDNS_OK)
		return st;
	if (o->outdir != NULL) {
		st = write_files(t, g, ng, o, d);
	} else {
		/* everything is rendered before the first byte goes out (a bad
		 * record means no output) */
		struct writer w[MAX_WRITERS];
		size_t nw = 0;
		uint32_t serial = o->serial_set ? o->serial
					       : sipdns_serial_next(false, 0, o->now);
		st = run_writers(&(struct writer){ .t = t, .g = g, .ng = ng,
						   .o = o, .serial = serial,
						   .unit = text_unit },
				 o->format == SIPDNS_FMT_JSON ? 1 : ng, w, &nw, d);
		for (size_t k = 0; k < nw; k++) {
			if (st == SIPDNS_OK && w[k].len > 0 &&
			    fwrite(w[k].text, 1, w[k].len, out) != w[k].len)
				st = SIPDNS_EIO;
			free(w[k].text);
		}
	}
	if (st == SIPDNS_EINPUT && d->errors == 0)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ t->file, 0, 0 },
				NULL, "a record holds a character the %s format cannot carry; nothing was written",
				sipdns_format_name(o->format));
	groups_free(g, &mem);
	return st;
}
