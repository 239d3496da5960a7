/* render_json.c -- the json format: every record with its reason
 *
 * One document for all zones of a run, schema_version 1 (schema/).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "render.h"

#include <stdlib.h>

#include "format.h"
#include "group.h"
#include "model.h"
#include "records.h"

/* The data, rdata, reason, fact and source members of r; f[] its fields. */
static void
record_members(FILE *fp, const struct sipdns_record *r, ldns_rr_type type,
	       char *f[4])
{
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

/* One record object, after a comma unless it is the *first. */
static bool
record(FILE *fp, const struct sipdns_group *g, const struct sipdns_record *r,
       bool *first)
{
	const ldns_rr *rr = r->rr;
	ldns_rr_type type = ldns_rr_get_type(rr);
	char *tname = ldns_rr_type2str(type);
	char *f[4] = { NULL, NULL, NULL, NULL };
	size_t nf = type == LDNS_RR_TYPE_SRV ? 4 : 1;
	bool ok = tname != NULL;
	for (size_t k = 0; k < nf; k++)
		ok = (f[k] = sipdns_render_field(rr, k, false)) != NULL && ok;
	if (ok) {
		fputs(*first ? "\n    " : ",\n    ", fp);
		*first = false;
		fprintf(fp, "{\"view\": \"%s\", \"zone\": \"%s.\", \"name\": \"%s.\", \"type\": \"%s\", \"class\": \"IN\", \"ttl\": %u, ",
			sipdns_view_name(g->view), g->zone->name, r->owner,
			tname, ldns_rr_ttl(rr));
		record_members(fp, r, type, f);
	}
	free(tname);
	for (size_t k = 0; k < 4; k++)
		free(f[k]);
	return ok;
}

enum sipdns_status
sipdns_render_json(FILE *fp, const struct sipdns_topology *t,
		   const struct sipdns_group *g, size_t ng,
		   const struct sipdns_output_opts *o, uint32_t serial,
		   struct sipdns_diag *d)
{
	(void)serial, (void)d;   /* no SOA; nothing to diagnose */
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
	for (size_t i = 0; i < ng; i++)
		for (size_t k = 0; k < g[i].n; k++)
			if (!record(fp, &g[i], g[i].recs[k], &first))
				return SIPDNS_EINPUT;
	fputs(first ? "]\n}\n" : "\n  ]\n}\n", fp);
	return SIPDNS_OK;
}
