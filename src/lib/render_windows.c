/* render_windows.c -- the dnscmd and PowerShell formats for Windows DNS
 *
 * Both are CRLF scripts; dnscmd's /RecordAdd for Windows Server 2008, the
 * DnsServer module's cmdlets for 2012 and later.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "group.h"
#include "model.h"
#include "records.h"

/* The rdata fields of rr (all four of an SRV, else one) into f[]; false
 * when one is missing or outside the alphabet. The caller frees f[]. */
static bool
fields(const ldns_rr *rr, char *f[4], bool strip)
{
	size_t nf = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SRV ? 4 : 1;
	bool ok = true;
	for (size_t k = 0; k < nf; k++)
		ok = (f[k] = sipdns_render_field(rr, k, strip)) != NULL && ok;
	return ok;
}

static void
fields_free(char *f[4])
{
	for (size_t k = 0; k < 4; k++)
		free(f[k]);
}

/* ---- dnscmd -------------------------------------------------------------- */

static bool
dnscmd_record(FILE *fp, const struct sipdns_group *g,
	      const struct sipdns_record *r, const char *server)
{
	const ldns_rr *rr = r->rr;
	char *f[4] = { NULL, NULL, NULL, NULL };
	bool ok = sipdns_render_token_ok(r->owner);
	ok = fields(rr, f, false) && ok;
	if (ok) {
		sipdns_render_reason(fp, "rem ", r);
		/* node as FQDN with trailing dot: the documented form */
		fprintf(fp, "dnscmd %s /RecordAdd %s %s. %u ", server,
			g->zone->name, r->owner, ldns_rr_ttl(rr));
		switch (ldns_rr_get_type(rr)) {
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
	fields_free(f);
	return ok;
}

enum sipdns_status
sipdns_render_windows_dnscmd(FILE *fp, const struct sipdns_topology *t,
			     const struct sipdns_group *g, size_t ng,
			     const struct sipdns_output_opts *o,
			     uint32_t serial, struct sipdns_diag *d)
{
	(void)t, (void)ng, (void)serial, (void)d;   /* one group, no SOA */
	const struct sipdns_zone *z = g->zone;
	const char *server = o->server ? o->server : ".";
	if (!sipdns_render_token_ok(server))
		return SIPDNS_EINPUT;
	fputs("@echo off\r\n", fp);
	fprintf(fp, "rem sipdns %s -- %s view, zone %s\r\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name);
	fputs("rem generated from ", fp);
	sipdns_render_comment_text(fp, o->source);
	fputs("\r\nrem Adding a record that exists already fails with DNS_ERROR_RECORD_ALREADY_EXISTS\r\n", fp);
	fputs("rem (9711) and the script goes on, so running it twice is harmless.\r\n", fp);
	fprintf(fp, "rem The zone must exist: dnscmd %s /ZoneAdd %s /DsPrimary\r\n",
		server, z->name);
	for (size_t i = 0; i < g->n; i++)
		if (!dnscmd_record(fp, g, g->recs[i], server))
			return SIPDNS_EINPUT;
	return SIPDNS_OK;
}

/* ---- PowerShell ---------------------------------------------------------- */

/* The cmdlet of r and its arguments but the TTL; false for a type it has
 * none for. cn is " -ComputerName 'SERVER'" or empty; rel the owner
 * relative to the zone. */
static bool
ps_cmdlet(FILE *fp, const char *cn, const char *zone, const char *rel,
	  ldns_rr_type type, char *f[4])
{
	switch (type) {
	case LDNS_RR_TYPE_A:
		fprintf(fp, "Add-DnsServerResourceRecordA%s -ZoneName '%s' -Name '%s' -IPv4Address '%s'",
			cn, zone, rel, f[0]);
		return true;
	case LDNS_RR_TYPE_AAAA:
		fprintf(fp, "Add-DnsServerResourceRecordAAAA%s -ZoneName '%s' -Name '%s' -IPv6Address '%s'",
			cn, zone, rel, f[0]);
		return true;
	case LDNS_RR_TYPE_CNAME:
		fprintf(fp, "Add-DnsServerResourceRecordCName%s -ZoneName '%s' -Name '%s' -HostNameAlias '%s'",
			cn, zone, rel, f[0]);
		return true;
	case LDNS_RR_TYPE_SRV:
		fprintf(fp, "Add-DnsServerResourceRecord -Srv%s -ZoneName '%s' -Name '%s' -DomainName '%s' -Priority %s -Weight %s -Port %s",
			cn, zone, rel, f[3], f[0], f[1], f[2]);
		return true;
	default:
		return false;
	}
}

static bool
ps_record(FILE *fp, const struct sipdns_group *g,
	  const struct sipdns_record *r, const char *cn)
{
	const ldns_rr *rr = r->rr;
	/* -Name is relative to -ZoneName; '@' is the apex */
	char rel[LDNS_MAX_DOMAINLEN + 1];
	size_t olen = strlen(r->owner), zlen = strlen(g->zone->name);
	if (olen == zlen)
		snprintf(rel, sizeof(rel), "@");
	else
		snprintf(rel, sizeof(rel), "%.*s", (int)(olen - zlen - 1),
			 r->owner);
	char *f[4] = { NULL, NULL, NULL, NULL };
	bool ok = sipdns_render_token_ok(rel) || strcmp(rel, "@") == 0;
	ok = fields(rr, f, true) && ok;
	if (ok) {
		sipdns_render_reason(fp, "# ", r);
		ok = ps_cmdlet(fp, cn, g->zone->name, rel, ldns_rr_get_type(rr), f);
		if (ok)
			fprintf(fp, " -TimeToLive ([TimeSpan]::FromSeconds(%u))\r\n",
				ldns_rr_ttl(rr));
	}
	fields_free(f);
	return ok;
}

enum sipdns_status
sipdns_render_windows_powershell(FILE *fp, const struct sipdns_topology *t,
				 const struct sipdns_group *g, size_t ng,
				 const struct sipdns_output_opts *o,
				 uint32_t serial, struct sipdns_diag *d)
{
	(void)t, (void)ng, (void)serial, (void)d;   /* one group, no SOA */
	const struct sipdns_zone *z = g->zone;
	if (o->server && !sipdns_render_token_ok(o->server))
		return SIPDNS_EINPUT;
	fprintf(fp, "# sipdns %s -- %s view, zone %s\r\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name);
	fputs("# generated from ", fp);
	sipdns_render_comment_text(fp, o->source);
	fputs("\r\n# Needs the DnsServer module (Windows Server 2012 or later); stops at the first\r\n", fp);
	fputs("# error, for example a record that exists already.\r\n", fp);
	fputs("$ErrorActionPreference = 'Stop'\r\n", fp);
	char cn[300] = "";
	if (o->server)
		snprintf(cn, sizeof(cn), " -ComputerName '%s'", o->server);
	for (size_t i = 0; i < g->n; i++)
		if (!ps_record(fp, g, g->recs[i], cn))
			return SIPDNS_EINPUT;
	return SIPDNS_OK;
}
