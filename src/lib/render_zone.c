/* render_zone.c -- the zone and fragment formats: RFC 1035 master files
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

static const char *
soa_rname(const struct sipdns_zone *z, char *buf, size_t size)
{
	if (z->soa.rname)
		snprintf(buf, size, "%s", z->soa.rname);
	else
		snprintf(buf, size, "hostmaster.%s", z->name);
	return buf;
}

/* A and AAAA glue for those of ns[0 .. n_ns - 1] that need it, each name
 * once (done[0 .. *n_done - 1] were written). */
static void
glue(FILE *fp, const struct sipdns_host *ns, size_t n_ns,
     const struct sipdns_topology *t, const struct sipdns_group *g,
     const char **done, size_t *n_done)
{
	for (size_t i = 0; i < n_ns; i++) {
		const struct sipdns_host *h = &ns[i];
		if (!sipdns_group_needs_glue(g, h))
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
cuts(FILE *fp, const struct sipdns_topology *t, const struct sipdns_group *g)
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

/* $ORIGIN, $TTL, SOA and NS of the zone of g, then its cuts. */
static enum sipdns_status
apex(FILE *fp, const struct sipdns_topology *t, const struct sipdns_group *g,
     uint32_t serial, struct sipdns_diag *d)
{
	const struct sipdns_zone *z = g->zone;
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
	cuts(fp, t, g);
	return SIPDNS_OK;
}

/* The records of g, each after its reason. */
static enum sipdns_status
records(FILE *fp, const struct sipdns_group *g)
{
	ldns_buffer *scratch = ldns_buffer_new(256);
	if (scratch == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < g->n && st == SIPDNS_OK; i++) {
		const char *line = sipdns_render_rr_line(scratch, g->recs[i]->rr);
		if (line == NULL) {
			st = SIPDNS_EINPUT;
			break;
		}
		sipdns_render_reason(fp, "; ", g->recs[i]);
		fputs(line, fp);
		putc_unlocked('\n', fp);
	}
	ldns_buffer_free(scratch);
	return st;
}

static enum sipdns_status
render(FILE *fp, const struct sipdns_topology *t, const struct sipdns_group *g,
       const struct sipdns_output_opts *o, uint32_t serial, bool full,
       struct sipdns_diag *d)
{
	fprintf(fp, "; sipdns %s -- %s view, zone %s%s\n", PACKAGE_VERSION,
		sipdns_view_name(g->view), g->zone->name,
		full ? "" : " (records only, for $INCLUDE)");
	fputs("; generated from ", fp);
	sipdns_render_comment_text(fp, o->source);
	fputs(": edit the topology, not this file\n", fp);
	enum sipdns_status st = full ? apex(fp, t, g, serial, d) : SIPDNS_OK;
	return st == SIPDNS_OK ? records(fp, g) : st;
}

enum sipdns_status
sipdns_render_zone_file(FILE *fp, const struct sipdns_topology *t,
			const struct sipdns_group *g, size_t ng,
			const struct sipdns_output_opts *o, uint32_t serial,
			struct sipdns_diag *d)
{
	(void)ng;   /* one group */
	return render(fp, t, g, o, serial, true, d);
}

enum sipdns_status
sipdns_render_zone_fragment(FILE *fp, const struct sipdns_topology *t,
			    const struct sipdns_group *g, size_t ng,
			    const struct sipdns_output_opts *o, uint32_t serial,
			    struct sipdns_diag *d)
{
	(void)ng;
	return render(fp, t, g, o, serial, false, d);
}
