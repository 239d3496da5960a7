/* render_hosts.c -- the hosts format: each Edge server's HOSTS lines
 *
 * An Edge without a DNS server in the perimeter network resolves its
 * internal next hop and its own internal names from its HOSTS file
 * (R2-I9, S07, L10-14). This renders, per Edge server (each member of an
 * array, else the one Edge), the records of the set that carry
 * SIPDNS_REC_EDGE_RESOLVES: the perimeter view's when the topology has
 * one, else the internal view's (or the view --view names). One
 * document, CRLF line ends (a Windows file), in group order.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "model.h"
#include "records.h"
#include "sipdns.h"

/* The view whose records the Edge's HOSTS file copies. */
static enum sipdns_view_id
hosts_view(const struct sipdns_topology *t, const struct sipdns_output_opts *o)
{
	if (o->view >= 0)
		return (enum sipdns_view_id)o->view;
	return t->views[SIPDNS_VIEW_PERIMETER].present ? SIPDNS_VIEW_PERIMETER
						       : SIPDNS_VIEW_INTERNAL;
}

/* Is owner another member of the Edge array than self? */
static bool
other_member(const struct sipdns_edge *e, const char *self, const char *owner)
{
	for (size_t i = 0; i < e->n_servers; i++)
		if (strcmp(e->servers[i].fqdn, owner) == 0)
			return strcmp(owner, self) != 0;
	return false;
}

/* One "ADDRESS FQDN # reason" line; false when a field is outside the
 * alphabet (render.h). */
static bool
line(FILE *fp, const struct sipdns_topology *t, const struct sipdns_record *r)
{
	char *addr = sipdns_render_field(r->rr, 0, false);
	if (addr == NULL || !sipdns_render_token_ok(r->owner)) {
		free(addr);
		return false;
	}
	fprintf(fp, "%s\t%s\t# ", addr, r->owner);
	if (t->edge.next_hop && strcmp(t->edge.next_hop, r->owner) == 0 &&
	    r->view != SIPDNS_VIEW_PERIMETER)
		fputs("internal next hop of the Edge: ", fp);
	sipdns_render_comment_text(fp, r->reason);
	fprintf(fp, " [%s", r->fact);
	if (r->loc.line)
		fprintf(fp, ", topology line %u", r->loc.line);
	fputs("]\r\n", fp);
	free(addr);
	return true;
}

/* The block of Edge server self. */
static enum sipdns_status
block(FILE *fp, const struct sipdns_topology *t, const struct sipdns_group *g,
      size_t ng, enum sipdns_view_id v, const char *self, const char *src)
{
	const struct sipdns_edge *e = &t->edge;
	fprintf(fp, "# Edge server %s: lines for its HOSTS file\r\n", self);
	fprintf(fp, "# (%%SystemRoot%%\\System32\\drivers\\etc\\hosts), from the %s view of %s\r\n",
		sipdns_view_name(v), src ? src : "the topology");
	if (e->next_hop == NULL)
		fputs("# edge has no next_hop: the Edge's internal next hop is not listed\r\n", fp);
	size_t lines = 0;
	for (size_t i = 0; i < ng; i++) {
		if (g[i].view != v)
			continue;
		for (size_t k = 0; k < g[i].n; k++) {
			const struct sipdns_record *r = g[i].recs[k];
			ldns_rr_type type = ldns_rr_get_type(r->rr);
			if (!(r->flags & SIPDNS_REC_EDGE_RESOLVES) ||
			    (type != LDNS_RR_TYPE_A && type != LDNS_RR_TYPE_AAAA) ||
			    other_member(e, self, r->owner))
				continue;
			if (!line(fp, t, r))
				return SIPDNS_EINPUT;
			lines++;
		}
	}
	if (lines == 0)
		fprintf(fp, "# the %s view holds none of the names the Edge resolves\r\n",
			sipdns_view_name(v));
	return SIPDNS_OK;
}

SIPDNS_RENDERER(sipdns_render_hosts)
{
	(void)serial;
	const struct sipdns_edge *e = &t->edge;
	if (!e->present) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ t->file, 0, 0 },
				"hosts", "the topology has no edge: -f hosts writes the HOSTS lines of each Edge server; describe the Edge under edge:");
		return SIPDNS_EINPUT;
	}
	enum sipdns_view_id v = hosts_view(t, o);
	size_t n = e->n_servers ? e->n_servers : 1;
	for (size_t i = 0; i < n; i++) {
		const char *self = e->n_servers ? e->servers[i].fqdn : e->internal.fqdn;
		if (i > 0)
			fputs("\r\n", fp);
		enum sipdns_status st = block(fp, t, g, ng, v, self ? self : "(unnamed)",
					      o->source);
		if (st != SIPDNS_OK)
			return st;
	}
	return SIPDNS_OK;
}
