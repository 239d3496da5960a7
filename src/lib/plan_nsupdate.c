/* plan_nsupdate.c -- a change plan as an nsupdate script (RFC 2136)
 *
 * One update message per zone with changes: its prerequisites (what was
 * seen when the plan was made), every delete, then every add, then
 * "send". BIND applies a message whole or not at all: a prerequisite
 * that no longer holds fails it (NXDOMAIN, YXDOMAIN, NXRRSET, YXRRSET)
 * and nothing changes.
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

/* The comments, the server line and the zone line. */
static enum sipdns_status
head(FILE *fp, const struct sipdns_plan_zone *z,
     const struct sipdns_plan_render_opts *o)
{
	fprintf(fp, "; sipdns %s -- %s%s view, zone %s\n", PACKAGE_VERSION,
		o->made_from ? "change plan, " : "", sipdns_view_name(z->view),
		z->name);
	fputs(o->made_from ? "; made by " : "; generated from ", fp);
	if (o->made_from) {
		sipdns_render_comment_text(fp, o->made_from);
		fputs(" of ", fp);
	}
	sipdns_render_comment_text(fp, o->source);
	fputs("\n; apply with: nsupdate -k KEYFILE THIS-FILE\n", fp);
	if (o->made_from)
		fprintf(fp, "; %zu to delete, %zu to add, in one atomic update that fails and changes nothing if the zone changed since the plan was made\n",
			z->n_delete, z->n_add);
	else
		fputs("; each managed record set is replaced as a whole, in one atomic update; a CNAME never goes beside other data, nor data beside a CNAME\n", fp);
	const char *server = o->server, *port = o->server_port;
	if (server == NULL && o->view_server[z->view] != NULL) {
		server = o->view_server[z->view];
		port = o->view_port[z->view];
	}
	for (size_t i = 0; server == NULL && z->zone && i < z->zone->n_ns; i++)
		server = z->zone->ns[i].addr.v4;
	if (server != NULL) {
		if (!sipdns_render_token_ok(server) ||
		    (port && !sipdns_render_token_ok(port)))
			return SIPDNS_EINPUT;
		fprintf(fp, "server %s%s%s\n", server, port ? " " : "",
			port ? port : "");
	} else {
		fputs("; no server known: nsupdate sends to the zone's SOA MNAME\n", fp);
	}
	fprintf(fp, "zone %s.\n", z->name);
	return SIPDNS_OK;
}

/* "NAME. IN TYPE RDATA" of rr (no TTL), for prereq and delete lines. */
static enum sipdns_status
name_type_data(FILE *fp, const char *owner, const char *type_name,
	       const ldns_rr *rr)
{
	if (!sipdns_render_token_ok(owner) || !sipdns_render_token_ok(type_name))
		return SIPDNS_EINPUT;
	fprintf(fp, "%s. IN %s", owner, type_name);
	for (size_t i = 0; rr && i < ldns_rr_rd_count(rr); i++) {
		char *f = sipdns_render_field(rr, i, false);
		if (f == NULL)
			return SIPDNS_EINPUT;
		fprintf(fp, " %s", f);
		free(f);
	}
	return SIPDNS_OK;
}

static enum sipdns_status
prereqs(FILE *fp, const struct sipdns_plan_set *s)
{
	enum sipdns_status st = SIPDNS_OK;
	switch (s->pre) {
	case SIPDNS_PRE_NONE:
		return SIPDNS_OK;
	case SIPDNS_PRE_NXDOMAIN:
		if (!sipdns_render_token_ok(s->owner))
			return SIPDNS_EINPUT;
		fprintf(fp, "prereq nxdomain %s.\n", s->owner);
		return SIPDNS_OK;
	case SIPDNS_PRE_NXRRSET:
		fputs("prereq nxrrset ", fp);
		st = name_type_data(fp, s->owner, s->type_name, NULL);
		fputc('\n', fp);
		return st;
	case SIPDNS_PRE_RRSET:
		for (size_t i = 0; i < ldns_rr_list_rr_count(s->seen) &&
				   st == SIPDNS_OK; i++) {
			fputs("prereq yxrrset ", fp);
			st = name_type_data(fp, s->owner, s->type_name,
					    ldns_rr_list_rr(s->seen, i));
			fputc('\n', fp);
		}
		return st;
	}
	return SIPDNS_OK;
}

/* Why a change: its reason, fact and topology line, as a comment. */
static void
why(FILE *fp, const struct sipdns_plan_change *c)
{
	fputs("; ", fp);
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
	fputc('\n', fp);
}

/* Every change of z whose op is of rank pass (deletes, then adds). */
static enum sipdns_status
changes(FILE *fp, const struct sipdns_plan_zone *z, bool adds,
	ldns_buffer *scratch)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		for (size_t k = 0; k < s->n_ch; k++) {
			const struct sipdns_plan_change *c = &s->ch[k];
			if ((c->op == SIPDNS_PLAN_ADD) != adds)
				continue;
			enum sipdns_status st = SIPDNS_OK;
			if (c->op == SIPDNS_PLAN_ADD) {
				const char *line = sipdns_render_rr_line(scratch, c->rr);
				if (line == NULL)
					return SIPDNS_EINPUT;
				why(fp, c);
				fprintf(fp, "update add %s\n", line);
				continue;
			}
			if (c->op == SIPDNS_PLAN_DELETE)
				why(fp, c);
			fputs("update delete ", fp);
			st = name_type_data(fp, s->owner, s->type_name,
					    c->op == SIPDNS_PLAN_DELETE ? c->rr : NULL);
			fputc('\n', fp);
			if (st != SIPDNS_OK)
				return st;
		}
	}
	return SIPDNS_OK;
}

/* What the plan leaves alone, as comments. */
static void
left_alone(FILE *fp, const struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_kept; i++) {
		fputs("; kept: ", fp);
		sipdns_render_comment_text(fp, z->kept[i].text);
		fputs(" (", fp);
		sipdns_render_comment_text(fp, z->kept[i].why);
		fputs(")\n", fp);
	}
	for (size_t i = 0; i < z->n_skip; i++) {
		fprintf(fp, "; %s. %s: ", z->skip[i].owner, z->skip[i].type_name);
		sipdns_render_comment_text(fp, z->skip[i].message);
		fputc('\n', fp);
	}
}

static enum sipdns_status
zone(FILE *fp, const struct sipdns_plan_zone *z,
     const struct sipdns_plan_render_opts *o, ldns_buffer *scratch)
{
	enum sipdns_status st = head(fp, z, o);
	left_alone(fp, z);
	bool any = false;
	for (size_t i = 0; i < z->n_sets; i++)
		any |= z->sets[i].n_ch > 0;
	if (st != SIPDNS_OK || !any) {
		if (st == SIPDNS_OK)
			fputs("; nothing to change in this zone: no update to send\n", fp);
		return st;
	}
	for (size_t i = 0; i < z->n_sets && st == SIPDNS_OK; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		if (s->pre == SIPDNS_PRE_NXDOMAIN && i > 0 &&
		    z->sets[i - 1].pre == SIPDNS_PRE_NXDOMAIN &&
		    strcmp(z->sets[i - 1].owner, s->owner) == 0)
			continue;   /* said once per name */
		st = prereqs(fp, s);
	}
	if (st == SIPDNS_OK)
		st = changes(fp, z, false, scratch);
	if (st == SIPDNS_OK)
		st = changes(fp, z, true, scratch);
	if (st == SIPDNS_OK)
		fputs("send\nanswer\n", fp);
	return st;
}

enum sipdns_status
sipdns_plan_render_nsupdate(FILE *fp, const struct sipdns_plan *p,
			    const struct sipdns_plan_render_opts *o,
			    struct sipdns_diag *d)
{
	ldns_buffer *scratch = ldns_buffer_new(256);
	if (scratch == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < p->n_z && st == SIPDNS_OK; i++) {
		if (i > 0)
			fputc('\n', fp);
		st = zone(fp, &p->z[i], o, scratch);
		if (st == SIPDNS_EINPUT)
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){0},
					"plan", "zone %s: a name or datum nsupdate cannot carry",
					p->z[i].name);
	}
	ldns_buffer_free(scratch);
	return st;
}
