/* plan_windows.c -- a change plan as a dnscmd (.cmd) or PowerShell script
 *
 * Windows DNS has no atomic update and dnscmd no documented exit status
 * (../shared/reference/output-formats.md 1.4), so these scripts do not
 * check what the plan saw, as nsupdate's prerequisites do: each change
 * stands alone and is harmless when it is already done, so that a script
 * run twice changes nothing the second time. Per zone: every delete, in
 * plan order, then every add.
 * - dnscmd: each command runs through a subroutine that reads dnscmd's
 *   output: success, "already done" (a record or name that does not
 *   exist for a delete, a record that exists for an add) or failure,
 *   shown; the script counts the three and exits 1 after any failure.
 * - PowerShell ($ErrorActionPreference = 'Stop'): the CNAME guards are
 *   checked first (a conflict stops the script before any change); then
 *   each delete removes only the exact records it names (found with
 *   Get-DnsServerResourceRecord, piped to Remove-...-Force), each add
 *   adds only when the record is absent.
 * Self-registered records are never deleted (plan.c) and added only when
 * the plan was made with include_self_registered; else they are listed
 * as skipped. Every line ends in CRLF; output is ASCII only.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "records.h"
#include "render.h"

/* What a script will change, and what it skips. */
struct win_count {
	size_t del, del_set, add, self, guards;
};

/* Is c an add that Windows output skips (self-registered, not asked for)? */
static bool
skipped(const struct sipdns_plan *p, const struct sipdns_plan_change *c)
{
	return c->op == SIPDNS_PLAN_ADD && (c->flags & SIPDNS_REC_SELF_REGISTERED) &&
	       !p->include_self_registered;
}

/* Does z add anything that is rendered at owner? */
static bool
owner_adds(const struct sipdns_plan *p, const struct sipdns_plan_zone *z,
	   const char *owner)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		if (strcmp(s->owner, owner) != 0)
			continue;
		for (size_t k = 0; k < s->n_ch; k++)
			if (s->ch[k].op == SIPDNS_PLAN_ADD && !skipped(p, &s->ch[k]))
				return true;
	}
	return false;
}

/* A guard that matters: a set without changes, its type absent as
 * seen, at an owner where something is added. */
static bool
is_guard(const struct sipdns_plan *p, const struct sipdns_plan_zone *z,
	 const struct sipdns_plan_set *s)
{
	return s->n_ch == 0 && s->pre == SIPDNS_PRE_NXRRSET &&
	       owner_adds(p, z, s->owner);
}

static struct win_count
count(const struct sipdns_plan *p, const struct sipdns_plan_zone *z)
{
	struct win_count n = {0};
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		n.guards += is_guard(p, z, s);
		for (size_t k = 0; k < s->n_ch; k++) {
			const struct sipdns_plan_change *c = &s->ch[k];
			if (skipped(p, c))
				n.self++;
			else if (c->op == SIPDNS_PLAN_ADD)
				n.add++;
			else if (c->op == SIPDNS_PLAN_DELETE)
				n.del++;
			else
				n.del_set++;
		}
	}
	return n;
}

static struct win_count
count_all(const struct sipdns_plan *p)
{
	struct win_count n = {0};
	for (size_t i = 0; i < p->n_z; i++) {
		struct win_count z = count(p, &p->z[i]);
		n.del += z.del, n.del_set += z.del_set, n.add += z.add;
		n.self += z.self, n.guards += z.guards;
	}
	return n;
}

/* "2 to delete, 1 record set to replace, 3 to add" and the skipped. */
static void
count_text(FILE *fp, struct win_count n)
{
	fprintf(fp, "%zu to delete, ", n.del);
	if (n.del_set)
		fprintf(fp, "%zu record set%s to empty first, ", n.del_set,
			n.del_set == 1 ? "" : "s");
	fprintf(fp, "%zu to add", n.add);
	if (n.self)
		fprintf(fp, "; %zu self-registered record%s skipped", n.self,
			n.self == 1 ? "" : "s");
}

/* The server a zone's commands go to: --server, else the one verify
 * asked for its view, else NULL (the local server). */
static const char *
server_of(const struct sipdns_plan_zone *z, const struct sipdns_plan_render_opts *o)
{
	return o->server ? o->server : o->view_server[z->view];
}

/* Why a change, as a comment after lead ("rem " or "# "). */
static void
why(FILE *fp, const char *lead, const struct sipdns_plan_change *c)
{
	fputs(lead, fp);
	if (c->why != SIPDNS_WHY_EMPTY)
		fprintf(fp, "%s: ", sipdns_plan_why_name(c->why));
	sipdns_render_comment_text(fp, c->reason ? c->reason : "no reason known");
	if (c->fact)
		fprintf(fp, " [%s", c->fact);
	if (c->fact && c->line)
		fprintf(fp, ", topology line %u", c->line);
	if (c->fact)
		fputc(']', fp);
	if (c->flags & SIPDNS_REC_SELF_REGISTERED)
		fputs(" (the server also registers this itself)", fp);
	fputs("\r\n", fp);
}

/* What the plan leaves alone in z, as comments after lead. */
static void
left_alone(FILE *fp, const char *lead, const struct sipdns_plan *p,
	   const struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_kept; i++) {
		fprintf(fp, "%skept: ", lead);
		sipdns_render_comment_text(fp, z->kept[i].text);
		fputs(" (", fp);
		sipdns_render_comment_text(fp, z->kept[i].why);
		fputs(")\r\n", fp);
	}
	for (size_t i = 0; i < z->n_skip; i++) {
		fprintf(fp, "%snot planned: %s. %s: ", lead, z->skip[i].owner,
			z->skip[i].type_name);
		sipdns_render_comment_text(fp, z->skip[i].message);
		fputs("\r\n", fp);
	}
	for (size_t i = 0; i < z->n_sets; i++)
		for (size_t k = 0; k < z->sets[i].n_ch; k++) {
			const struct sipdns_plan_change *c = &z->sets[i].ch[k];
			if (!skipped(p, c))
				continue;
			fprintf(fp, "%sskipped, self-registered (the server registers it itself; --include-self-registered adds it): ", lead);
			sipdns_render_comment_text(fp, c->text);
			fputs("\r\n", fp);
		}
}

/* The rdata fields of rr (all four of an SRV, else one) into f[]; false
 * when one is missing or outside the alphabet. The caller frees f[]. */
static bool
fields(const ldns_rr *rr, char *f[4], bool strip)
{
	uint16_t t = ldns_rr_get_type(rr);
	if (t != LDNS_RR_TYPE_A && t != LDNS_RR_TYPE_AAAA &&
	    t != LDNS_RR_TYPE_CNAME && t != LDNS_RR_TYPE_SRV)
		return false;
	size_t nf = t == LDNS_RR_TYPE_SRV ? 4 : 1;
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

/* The subroutines every command runs through: dnscmd prints "Command
 * completed successfully." or a status block with "Command failed:" and
 * the error's name (output-formats.md 1.4); findstr's exit status says
 * which. */
static const char dnscmd_subs[] =
	":sipdns_delete\r\n"
	"%* >\"%SIPDNS_OUT%\" 2>&1\r\n"
	"findstr /l /c:\"Command completed successfully\" \"%SIPDNS_OUT%\" >nul\r\n"
	"if not errorlevel 1 goto sipdns_done\r\n"
	"findstr /l /c:\"DNS_ERROR_RECORD_DOES_NOT_EXIST\" /c:\"DNS_ERROR_NAME_DOES_NOT_EXIST\" \"%SIPDNS_OUT%\" >nul\r\n"
	"if not errorlevel 1 goto sipdns_already\r\n"
	"goto sipdns_failed\r\n"
	":sipdns_add\r\n"
	"%* >\"%SIPDNS_OUT%\" 2>&1\r\n"
	"findstr /l /c:\"Command completed successfully\" \"%SIPDNS_OUT%\" >nul\r\n"
	"if not errorlevel 1 goto sipdns_done\r\n"
	"findstr /l /c:\"DNS_ERROR_RECORD_ALREADY_EXISTS\" \"%SIPDNS_OUT%\" >nul\r\n"
	"if not errorlevel 1 goto sipdns_already\r\n"
	"goto sipdns_failed\r\n"
	":sipdns_done\r\n"
	"set /a SIPDNS_DONE+=1\r\n"
	"goto :eof\r\n"
	":sipdns_already\r\n"
	"set /a SIPDNS_ALREADY+=1\r\n"
	"echo sipdns: already as planned: %*\r\n"
	"goto :eof\r\n"
	":sipdns_failed\r\n"
	"set /a SIPDNS_FAILED+=1\r\n"
	"echo sipdns: FAILED: %*\r\n"
	"type \"%SIPDNS_OUT%\"\r\n"
	"goto :eof\r\n";

/* A pin-point zone's /ZoneAdd: a zone that exists is as planned. */
static const char dnscmd_zone_sub[] =
	":sipdns_zoneadd\r\n"
	"%* >\"%SIPDNS_OUT%\" 2>&1\r\n"
	"findstr /l /c:\"Command completed successfully\" \"%SIPDNS_OUT%\" >nul\r\n"
	"if not errorlevel 1 goto sipdns_done\r\n"
	"findstr /l /c:\"DNS_ERROR_ZONE_ALREADY_EXISTS\" \"%SIPDNS_OUT%\" >nul\r\n"
	"if not errorlevel 1 goto sipdns_already\r\n"
	"goto sipdns_failed\r\n";

static void
dnscmd_head(FILE *fp, const struct sipdns_plan *p,
	    const struct sipdns_plan_render_opts *o)
{
	fputs("@echo off\r\n", fp);
	fprintf(fp, "rem sipdns %s -- %s\r\n", PACKAGE_VERSION,
		o->made_from ? "change plan" : "the records of the topology, as a plan against an empty zone");
	fputs(o->made_from ? "rem made by " : "rem generated from ", fp);
	if (o->made_from) {
		sipdns_render_comment_text(fp, o->made_from);
		fputs(" of ", fp);
	}
	sipdns_render_comment_text(fp, o->source);
	fputs("\r\nrem it will change at most: ", fp);
	count_text(fp, count_all(p));
	fputs("\r\nrem Each command stands alone and the script goes on: a delete of a record or name\r\n"
	      "rem that does not exist (DNS_ERROR_RECORD_DOES_NOT_EXIST, DNS_ERROR_NAME_DOES_NOT_EXIST)\r\n"
	      "rem and an add of a record that exists (DNS_ERROR_RECORD_ALREADY_EXISTS) count as\r\n"
	      "rem already as planned, so running it twice is harmless. Any other failure (the\r\n"
	      "rem server refuses a CNAME beside other data) is shown and counted; the script\r\n"
	      "rem then ends with exit status 1. dnscmd's own exit status is not used.\r\n", fp);
	if (!o->made_from)
		fputs("rem Each managed record set is emptied first (/RecordDelete without data), then\r\n"
		      "rem its records are added; self-registered sets are only added to.\r\n", fp);
	fputs("setlocal\r\n"
	      "set /a SIPDNS_DONE=0, SIPDNS_ALREADY=0, SIPDNS_FAILED=0\r\n"
	      "set \"SIPDNS_OUT=%TEMP%\\sipdns-%RANDOM%-%RANDOM%.txt\"\r\n", fp);
}

/* dnscmd's data of rr: "A 192.0.2.10", "SRV 0 0 5061 pool01.contoso.com.". */
static bool
dnscmd_data(FILE *fp, const ldns_rr *rr, const char *type_name)
{
	char *f[4] = { NULL, NULL, NULL, NULL };
	bool ok = fields(rr, f, false);
	if (ok) {
		fputs(type_name, fp);
		for (size_t k = 0; k < 4 && f[k]; k++)
			fprintf(fp, " %s", f[k]);
	}
	fields_free(f);
	return ok;
}

/* Each change of z of one rank: deletes (adds false), or adds. */
static enum sipdns_status
dnscmd_changes(FILE *fp, const struct sipdns_plan *p,
	       const struct sipdns_plan_zone *z, const char *server, bool adds)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		if (!sipdns_render_token_ok(s->owner))
			return SIPDNS_EINPUT;
		for (size_t k = 0; k < s->n_ch; k++) {
			const struct sipdns_plan_change *c = &s->ch[k];
			if ((c->op == SIPDNS_PLAN_ADD) != adds || skipped(p, c))
				continue;
			if (c->op != SIPDNS_PLAN_DELETE_SET)
				why(fp, "rem ", c);
			else
				fprintf(fp, "rem empty the %s set of %s.\r\n", s->type_name, s->owner);
			if (c->op == SIPDNS_PLAN_ADD)
				fprintf(fp, "call :sipdns_add dnscmd %s /RecordAdd %s %s. %u ",
					server, z->name, s->owner, ldns_rr_ttl(c->rr));
			else
				fprintf(fp, "call :sipdns_delete dnscmd %s /RecordDelete %s %s. ",
					server, z->name, s->owner);
			bool ok = c->op == SIPDNS_PLAN_DELETE_SET
				? (fputs(s->type_name, fp), sipdns_render_token_ok(s->type_name))
				: dnscmd_data(fp, c->rr, s->type_name);
			if (!ok)
				return SIPDNS_EINPUT;
			fputs(c->op == SIPDNS_PLAN_ADD ? "\r\n" : " /f\r\n", fp);
		}
	}
	return SIPDNS_OK;
}

static enum sipdns_status
dnscmd_zone(FILE *fp, const struct sipdns_plan *p,
	    const struct sipdns_plan_zone *z, const struct sipdns_plan_render_opts *o)
{
	const char *server = server_of(z, o);
	if (server == NULL)
		server = ".";
	if (!sipdns_render_token_ok(server) && strcmp(server, ".") != 0)
		return SIPDNS_EINPUT;
	if (!sipdns_render_token_ok(z->name))
		return SIPDNS_EINPUT;
	fprintf(fp, "rem ---- %s view, zone %s, server %s: ", sipdns_view_name(z->view),
		z->name, server);
	count_text(fp, count(p, z));
	if (z->zone != NULL && z->zone->pinpoint)
		fprintf(fp, "\r\nrem a pin-point zone (README \"Pin-point zones\"): created AD-integrated before its records\r\n"
			"call :sipdns_zoneadd dnscmd %s /ZoneAdd %s /DsPrimary\r\n",
			server, z->name);
	else
		fprintf(fp, "\r\nrem The zone must exist: dnscmd %s /ZoneAdd %s /DsPrimary\r\n",
			server, z->name);
	left_alone(fp, "rem ", p, z);
	enum sipdns_status st = dnscmd_changes(fp, p, z, server, false);
	if (st == SIPDNS_OK)
		st = dnscmd_changes(fp, p, z, server, true);
	return st;
}

enum sipdns_status
sipdns_plan_render_dnscmd(FILE *fp, const struct sipdns_plan *p,
			  const struct sipdns_plan_render_opts *o,
			  struct sipdns_diag *d)
{
	dnscmd_head(fp, p, o);
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < p->n_z && st == SIPDNS_OK; i++) {
		st = dnscmd_zone(fp, p, &p->z[i], o);
		if (st == SIPDNS_EINPUT)
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){0},
					"plan", "zone %s: a name or datum dnscmd cannot carry",
					p->z[i].name);
	}
	if (st != SIPDNS_OK)
		return st;
	fputs("rem ---- the totals\r\n"
	      "echo sipdns: %SIPDNS_DONE% changed, %SIPDNS_ALREADY% already as planned, %SIPDNS_FAILED% failed\r\n"
	      "del \"%SIPDNS_OUT%\" 2>nul\r\n"
	      "if %SIPDNS_FAILED% gtr 0 exit /b 1\r\n"
	      "exit /b 0\r\n", fp);
	fputs(dnscmd_subs, fp);
	for (size_t i = 0; i < p->n_z; i++)
		if (p->z[i].zone != NULL && p->z[i].zone->pinpoint) {
			fputs(dnscmd_zone_sub, fp);
			break;
		}
	return SIPDNS_OK;
}

/* ---- PowerShell ---------------------------------------------------------- */

/* The helpers: a set as the server holds it (nothing when the name or set
 * is absent), and a record's data in the form the script compares: an
 * address as .NET writes it, names lower-case without the trailing dot,
 * SRV "priority weight port target" (output-formats.md 2.2). */
static const char ps_helpers[] =
	"function Get-SipdnsSet($Server, $Zone, $Name, $Type) {\r\n"
	"    @(Get-DnsServerResourceRecord @Server -ZoneName $Zone -Name $Name -RRType $Type -ErrorAction SilentlyContinue)\r\n"
	"}\r\n"
	"function Get-SipdnsData($Record) {\r\n"
	"    $d = $Record.RecordData\r\n"
	"    switch ($Record.RecordType) {\r\n"
	"        'A' { return $d.IPv4Address.IPAddressToString }\r\n"
	"        'AAAA' { return $d.IPv6Address.IPAddressToString }\r\n"
	"        'CNAME' { return $d.HostNameAlias.TrimEnd('.').ToLowerInvariant() }\r\n"
	"        'SRV' { return ('{0} {1} {2} {3}' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName.TrimEnd('.').ToLowerInvariant()) }\r\n"
	"    }\r\n"
	"    return ''\r\n"
	"}\r\n"
	"function Get-SipdnsKey($Record) {\r\n"
	"    return ('{0} {1}' -f $Record.TimeToLive.TotalSeconds, (Get-SipdnsData $Record))\r\n"
	"}\r\n"
	"$SipdnsChanged = 0\r\n"
	"$SipdnsAlready = 0\r\n";

/* The owner relative to the zone, '@' at the apex, into rel; false when
 * outside the alphabet. */
static bool
ps_rel(char rel[LDNS_MAX_DOMAINLEN + 2], const char *owner, const char *zone)
{
	size_t olen = strlen(owner), zlen = strlen(zone);
	if (olen == zlen)
		snprintf(rel, LDNS_MAX_DOMAINLEN + 2, "@");
	else if (olen > zlen + 1 && olen < LDNS_MAX_DOMAINLEN + 1)
		snprintf(rel, LDNS_MAX_DOMAINLEN + 2, "%.*s", (int)(olen - zlen - 1), owner);
	else
		return false;
	return strcmp(rel, "@") == 0 || sipdns_render_token_ok(rel);
}

/* The data of rr as Get-SipdnsData writes it, in single quotes, after
 * lead (a TTL and a space, or ""). */
static bool
ps_data(FILE *fp, const char *lead, const ldns_rr *rr)
{
	char *f[4] = { NULL, NULL, NULL, NULL };
	bool ok = fields(rr, f, true);
	if (ok) {
		fprintf(fp, "'%s", lead);
		for (size_t k = 0; k < 4 && f[k]; k++)
			fprintf(fp, "%s%s", k ? " " : "", f[k]);
		fputc('\'', fp);
	}
	fields_free(f);
	return ok;
}

/* Do a and b hold the same data (TTLs aside)? */
static bool
same_data(const ldns_rr *a, const ldns_rr *b)
{
	if (ldns_rr_rd_count(a) != ldns_rr_rd_count(b))
		return false;
	for (size_t i = 0; i < ldns_rr_rd_count(a); i++)
		if (ldns_rdf_compare(ldns_rr_rdf(a, i), ldns_rr_rdf(b, i)) != 0)
			return false;
	return true;
}

static void
ps_head(FILE *fp, const struct sipdns_plan *p,
	const struct sipdns_plan_render_opts *o)
{
	fprintf(fp, "# sipdns %s -- %s\r\n", PACKAGE_VERSION,
		o->made_from ? "change plan" : "the records of the topology, as a plan against an empty zone");
	fputs(o->made_from ? "# made by " : "# generated from ", fp);
	if (o->made_from) {
		sipdns_render_comment_text(fp, o->made_from);
		fputs(" of ", fp);
	}
	sipdns_render_comment_text(fp, o->source);
	fputs("\r\n# Needs the DnsServer module (Windows Server 2012 or later). Every change looks\r\n"
	      "# first: a record that is gone is not deleted again, a record that is there is not\r\n"
	      "# added again, so running it twice is harmless. A CNAME where other data is added,\r\n"
	      "# or data where a CNAME is added, stops the script before it changes anything.\r\n", fp);
	if (!o->made_from)
		fputs("# Each managed record set keeps only the records below (with their TTL); self-\r\n"
		      "# registered sets are only added to.\r\n", fp);
	fputs("Write-Output '", fp);
	fputs("sipdns: this script changes at most: ", fp);
	count_text(fp, count_all(p));
	fputs("'\r\n$ErrorActionPreference = 'Stop'\r\n", fp);
	fputs(ps_helpers, fp);
}

/* The guards of z: the types that must stay absent where others are added. */
static enum sipdns_status
ps_guards(FILE *fp, const struct sipdns_plan *p, const struct sipdns_plan_zone *z)
{
	char rel[LDNS_MAX_DOMAINLEN + 2];
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		if (!is_guard(p, z, s))
			continue;
		if (!ps_rel(rel, s->owner, z->name) || !sipdns_render_token_ok(s->type_name))
			return SIPDNS_EINPUT;
		fprintf(fp, "if (@(Get-SipdnsSet $cn%zu '%s' '%s' '%s').Count -gt 0) { throw 'sipdns: %s. has %s data, which cannot stay beside what this script adds there: nothing was changed; make the plan again' }\r\n",
			(size_t)(z - p->z), z->name, rel, s->type_name, s->owner, s->type_name);
	}
	return SIPDNS_OK;
}

/* The records of s that a delete removes: its exact data; with the same
 * data added again (a TTL change) only those with another TTL; for a
 * whole set (DELETE_SET) every record but those added, TTL and all. */
static bool
ps_match(FILE *fp, const struct sipdns_plan_set *s, const struct sipdns_plan_change *c)
{
	bool ok = true;
	char ttl[16];
	if (c->op == SIPDNS_PLAN_DELETE_SET) {
		fputs(" | Where-Object { @(", fp);
		const char *sep = "";
		for (size_t k = 0; k < s->n_ch && ok; k++) {
			if (s->ch[k].op != SIPDNS_PLAN_ADD)
				continue;
			snprintf(ttl, sizeof(ttl), "%u ", ldns_rr_ttl(s->ch[k].rr));
			fputs(sep, fp);
			ok = ps_data(fp, ttl, s->ch[k].rr);
			sep = ", ";
		}
		fputs(") -notcontains (Get-SipdnsKey $_) }", fp);
		return ok;
	}
	fputs(" | Where-Object { (Get-SipdnsData $_) -eq ", fp);
	ok = ps_data(fp, "", c->rr);
	for (size_t k = 0; k < s->n_ch && ok; k++) {
		const ldns_rr *a = s->ch[k].rr;
		if (s->ch[k].op == SIPDNS_PLAN_ADD && same_data(a, c->rr)) {
			fprintf(fp, " -and $_.TimeToLive.TotalSeconds -ne %u", ldns_rr_ttl(a));
			break;
		}
	}
	fputs(" }", fp);
	return ok;
}

/* A delete: the exact records found, piped to Remove-...-Force. */
static bool
ps_delete(FILE *fp, size_t zi, const struct sipdns_plan_zone *z,
	  const struct sipdns_plan_set *s, const struct sipdns_plan_change *c,
	  const char *rel)
{
	if (c->op == SIPDNS_PLAN_DELETE_SET)
		fprintf(fp, "# the %s set of %s. keeps only the records added below\r\n",
			s->type_name, s->owner);
	else
		why(fp, "# ", c);
	fprintf(fp, "$old = @(Get-SipdnsSet $cn%zu '%s' '%s' '%s'", zi, z->name,
		rel, s->type_name);
	if (!ps_match(fp, s, c))
		return false;
	fprintf(fp, ")\r\nif ($old.Count -gt 0) { $old | Remove-DnsServerResourceRecord @cn%zu -ZoneName '%s' -Force; $SipdnsChanged += $old.Count } else { $SipdnsAlready++ }\r\n",
		zi, z->name);
	return true;
}

/* An add, when the record is absent. The parameters are splatted: the
 * DnsServer names IPv4Address and IPv6Address as hashtable keys. */
static bool
ps_add(FILE *fp, size_t zi, const struct sipdns_plan_zone *z,
       const struct sipdns_plan_set *s, const struct sipdns_plan_change *c,
       const char *rel)
{
	char *f[4] = { NULL, NULL, NULL, NULL };
	bool ok = fields(c->rr, f, true);
	if (!ok) {
		fields_free(f);
		return false;
	}
	why(fp, "# ", c);
	fprintf(fp, "if (@(Get-SipdnsSet $cn%zu '%s' '%s' '%s' | Where-Object { (Get-SipdnsData $_) -eq ",
		zi, z->name, rel, s->type_name);
	ps_data(fp, "", c->rr);
	fprintf(fp, " }).Count -eq 0) {\r\n    $add = @{ ZoneName = '%s'; Name = '%s'; ", z->name, rel);
	const char *cmdlet = "";
	switch (ldns_rr_get_type(c->rr)) {
	case LDNS_RR_TYPE_A:
		fprintf(fp, "IPv4Address = '%s'", f[0]);
		cmdlet = "Add-DnsServerResourceRecordA";
		break;
	case LDNS_RR_TYPE_AAAA:
		fprintf(fp, "IPv6Address = '%s'", f[0]);
		cmdlet = "Add-DnsServerResourceRecordAAAA";
		break;
	case LDNS_RR_TYPE_CNAME:
		fprintf(fp, "HostNameAlias = '%s'", f[0]);
		cmdlet = "Add-DnsServerResourceRecordCName";
		break;
	default:   /* SRV: fields() took nothing else */
		fprintf(fp, "DomainName = '%s'; Priority = %s; Weight = %s; Port = %s",
			f[3], f[0], f[1], f[2]);
		cmdlet = "Add-DnsServerResourceRecord -Srv";
		break;
	}
	fprintf(fp, "; TimeToLive = [TimeSpan]::FromSeconds(%u) }\r\n"
		"    %s @cn%zu @add\r\n    $SipdnsChanged++\r\n} else { $SipdnsAlready++ }\r\n",
		ldns_rr_ttl(c->rr), cmdlet, zi);
	fields_free(f);
	return true;
}

/* Each change of zone zi of one rank: deletes (adds false), or adds. */
static enum sipdns_status
ps_changes(FILE *fp, const struct sipdns_plan *p, size_t zi, bool adds)
{
	const struct sipdns_plan_zone *z = &p->z[zi];
	char rel[LDNS_MAX_DOMAINLEN + 2];
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		if (s->n_ch == 0)
			continue;
		if (!ps_rel(rel, s->owner, z->name) || !sipdns_render_token_ok(s->type_name))
			return SIPDNS_EINPUT;
		for (size_t k = 0; k < s->n_ch; k++) {
			const struct sipdns_plan_change *c = &s->ch[k];
			if ((c->op == SIPDNS_PLAN_ADD) != adds || skipped(p, c))
				continue;
			if (!(adds ? ps_add : ps_delete)(fp, zi, z, s, c, rel))
				return SIPDNS_EINPUT;
		}
	}
	return SIPDNS_OK;
}

/* $cnN, the -ComputerName of zone N (empty: the local server), and the
 * zone's guards; nothing else changes before every guard passed. */
static enum sipdns_status
ps_servers_guards(FILE *fp, const struct sipdns_plan *p,
		  const struct sipdns_plan_render_opts *o)
{
	for (size_t i = 0; i < p->n_z; i++) {
		const char *server = server_of(&p->z[i], o);
		if (server && !sipdns_render_token_ok(server))
			return SIPDNS_EINPUT;
		if (!sipdns_render_token_ok(p->z[i].name))
			return SIPDNS_EINPUT;
		fprintf(fp, "$cn%zu = @{%s%s%s}   # %s view, zone %s\r\n", i,
			server ? " ComputerName = '" : "", server ? server : "",
			server ? "' " : "", sipdns_view_name(p->z[i].view), p->z[i].name);
	}
	for (size_t i = 0; i < p->n_z; i++) {
		enum sipdns_status st = ps_guards(fp, p, &p->z[i]);
		if (st != SIPDNS_OK)
			return st;
	}
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_plan_render_powershell(FILE *fp, const struct sipdns_plan *p,
			      const struct sipdns_plan_render_opts *o,
			      struct sipdns_diag *d)
{
	ps_head(fp, p, o);
	enum sipdns_status st = ps_servers_guards(fp, p, o);
	for (size_t i = 0; i < p->n_z && st == SIPDNS_OK; i++) {
		const struct sipdns_plan_zone *z = &p->z[i];
		fprintf(fp, "# ---- %s view, zone %s: ", sipdns_view_name(z->view), z->name);
		count_text(fp, count(p, z));
		fputs("\r\n", fp);
		if (z->zone != NULL && z->zone->pinpoint)
			fprintf(fp, "# a pin-point zone (README \"Pin-point zones\"): created AD-integrated before its records\r\n"
				"if (-not (Get-DnsServerZone @cn%zu -Name '%s' -ErrorAction SilentlyContinue)) {\r\n"
				"    Add-DnsServerPrimaryZone @cn%zu -Name '%s' -ReplicationScope 'Domain'\r\n"
				"    $SipdnsChanged++\r\n} else { $SipdnsAlready++ }\r\n",
				i, z->name, i, z->name);
		left_alone(fp, "# ", p, z);
		st = ps_changes(fp, p, i, false);
		if (st == SIPDNS_OK)
			st = ps_changes(fp, p, i, true);
	}
	if (st == SIPDNS_EINPUT)
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){0}, "plan",
				"%s", "a name or datum PowerShell cannot carry");
	if (st == SIPDNS_OK)
		fputs("# ---- the totals\r\n"
		      "Write-Output \"sipdns: $SipdnsChanged changed, $SipdnsAlready already as planned\"\r\n", fp);
	return st;
}
