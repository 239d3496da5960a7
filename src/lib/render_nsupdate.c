/* render_nsupdate.c -- the nsupdate format: RFC 2136 scripts for BIND
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

/* The comments, the server line and the zone line. */
static enum sipdns_status
head(FILE *fp, const struct sipdns_group *g, const struct sipdns_output_opts *o)
{
	const struct sipdns_zone *z = g->zone;
	fprintf(fp, "; sipdns %s -- %s view, zone %s\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), z->name);
	fputs("; generated from ", fp);
	sipdns_render_comment_text(fp, o->source);
	fputs("\n; apply with: nsupdate -k KEYFILE THIS-FILE\n", fp);
	fputs("; each managed record set is replaced as a whole, in one atomic update\n", fp);
	const char *server = o->server;
	for (size_t i = 0; server == NULL && i < z->n_ns; i++)
		server = z->ns[i].addr.v4;
	if (server != NULL) {
		if (!sipdns_render_token_ok(server) ||
		    (o->server_port && !sipdns_render_token_ok(o->server_port)))
			return SIPDNS_EINPUT;
		fprintf(fp, "server %s%s%s\n", server, o->server_port ? " " : "",
			o->server_port ? o->server_port : "");
	} else {
		fputs("; no server known: nsupdate sends to the zone's SOA MNAME\n", fp);
	}
	fprintf(fp, "zone %s.\n", z->name);
	return SIPDNS_OK;
}

/* Prerequisites first: an alias may only go where no other data is
 * (RFC 2136 §3.4.2.2 ignores such an update silently). */
static void
prereqs(FILE *fp, const struct sipdns_group *g)
{
	for (size_t i = 0; i < g->n; i++) {
		const ldns_rr *rr = g->recs[i]->rr;
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_CNAME)
			continue;
		fprintf(fp, "prereq nxrrset %s. IN A\n", g->recs[i]->owner);
		fprintf(fp, "prereq nxrrset %s. IN AAAA\n", g->recs[i]->owner);
	}
}

/* Record i of g, after a delete of its whole set if it starts one. */
static enum sipdns_status
update(FILE *fp, const struct sipdns_group *g, size_t i, ldns_buffer *scratch)
{
	const struct sipdns_record *r = g->recs[i];
	ldns_rr_type type = ldns_rr_get_type(r->rr);
	bool first = i == 0 || strcmp(g->recs[i - 1]->owner, r->owner) != 0 ||
		     ldns_rr_get_type(g->recs[i - 1]->rr) != type;
	if (first) {
		char *tname = ldns_rr_type2str(type);
		if (tname == NULL)
			return SIPDNS_ENOMEM;
		fprintf(fp, "update delete %s. IN %s\n", r->owner, tname);
		free(tname);
	}
	const char *line = sipdns_render_rr_line(scratch, r->rr);
	if (line == NULL)
		return SIPDNS_EINPUT;
	sipdns_render_reason(fp, "; ", r);
	fprintf(fp, "update add %s\n", line);
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_render_nsupdate(FILE *fp, const struct sipdns_topology *t,
		       const struct sipdns_group *g, size_t ng,
		       const struct sipdns_output_opts *o, uint32_t serial,
		       struct sipdns_diag *d)
{
	(void)t, (void)ng, (void)serial, (void)d;   /* one group, no SOA */
	enum sipdns_status st = head(fp, g, o);
	if (st != SIPDNS_OK)
		return st;
	prereqs(fp, g);
	ldns_buffer *scratch = ldns_buffer_new(256);
	if (scratch == NULL)
		return SIPDNS_ENOMEM;
	for (size_t i = 0; i < g->n && st == SIPDNS_OK; i++)
		st = update(fp, g, i, scratch);
	ldns_buffer_free(scratch);
	if (st == SIPDNS_OK)
		fputs("send\nanswer\n", fp);
	return st;
}
