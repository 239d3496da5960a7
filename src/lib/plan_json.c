/* plan_json.c -- a change plan for tools (JSON; fields: README "Change
 * plans")
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

#include <stdlib.h>

#include "records.h"
#include "render.h"

static void
rr_list(FILE *fp, const ldns_rr_list *l)
{
	fputc('[', fp);
	for (size_t i = 0; l && i < ldns_rr_list_rr_count(l); i++) {
		char *t = sipdns_rr_str(ldns_rr_list_rr(l, i));
		for (char *q = t; q && *q; q++)
			if (*q == '\t')
				*q = ' ';
		fputs(i ? ", " : "", fp);
		sipdns_json_string(fp, t);
		free(t);
	}
	fputc(']', fp);
}

static void
change(FILE *fp, const struct sipdns_plan_change *c)
{
	fprintf(fp, "{\"op\": \"%s\", \"why\": \"%s\", \"record\": ",
		sipdns_plan_op_name(c->op), sipdns_plan_why_name(c->why));
	sipdns_json_string(fp, c->text);
	fputs(", \"reason\": ", fp);
	sipdns_json_string(fp, c->reason);
	fputs(", \"fact\": ", fp);
	sipdns_json_string(fp, c->fact);
	fprintf(fp, ", \"self_registered\": %s",
		c->flags & SIPDNS_REC_SELF_REGISTERED ? "true" : "false");
	if (c->line)
		fprintf(fp, ", \"topology_line\": %u", c->line);
	else
		fputs(", \"topology_line\": null", fp);
	fputc('}', fp);
}

static void
set(FILE *fp, const struct sipdns_plan_set *s)
{
	fputs("{\"name\": ", fp);
	char buf[LDNS_MAX_DOMAINLEN + 2];
	snprintf(buf, sizeof(buf), "%s.", s->owner);
	sipdns_json_string(fp, buf);
	fprintf(fp, ", \"type\": \"%s\", \"prerequisite\": \"%s\", \"seen\": ",
		s->type_name, sipdns_plan_prereq_name(s->pre));
	rr_list(fp, s->seen);
	fputs(", \"changes\": [", fp);
	for (size_t i = 0; i < s->n_ch; i++) {
		fputs(i ? ", " : "", fp);
		change(fp, &s->ch[i]);
	}
	fputs("]}", fp);
}

static void
left_alone(FILE *fp, const struct sipdns_plan_zone *z)
{
	fputs(", \"kept\": [", fp);
	for (size_t i = 0; i < z->n_kept; i++) {
		fputs(i ? ", " : "", fp);
		fputs("{\"record\": ", fp);
		sipdns_json_string(fp, z->kept[i].text);
		fputs(", \"why\": ", fp);
		sipdns_json_string(fp, z->kept[i].why);
		fputc('}', fp);
	}
	fputs("], \"not_planned\": [", fp);
	for (size_t i = 0; i < z->n_skip; i++) {
		const struct sipdns_plan_skip *k = &z->skip[i];
		char buf[LDNS_MAX_DOMAINLEN + 2];
		snprintf(buf, sizeof(buf), "%s.", k->owner);
		fputs(i ? ", " : "", fp);
		fputs("{\"name\": ", fp);
		sipdns_json_string(fp, buf);
		fprintf(fp, ", \"type\": \"%s\", \"refused\": %s, \"message\": ",
			k->type_name, k->refused ? "true" : "false");
		sipdns_json_string(fp, k->message);
		fputs(", \"want\": ", fp);
		sipdns_json_string(fp, k->want);
		fputs(", \"got\": ", fp);
		sipdns_json_string(fp, k->got);
		fputc('}', fp);
	}
	fputc(']', fp);
}

enum sipdns_status
sipdns_plan_render_json(FILE *fp, const struct sipdns_plan *p,
			const struct sipdns_plan_render_opts *o,
			struct sipdns_diag *d)
{
	(void)d;
	fputs("{\"schema_version\": 1, \"kind\": \"sipdns-plan\", \"made_from\": ", fp);
	sipdns_json_string(fp, o->made_from ? o->made_from : "generate");
	fputs(", \"topology\": ", fp);
	sipdns_json_string(fp, o->source);
	fprintf(fp, ",\n \"prune\": %s, \"empty_zone\": %s, \"adds\": %zu, \"deletes\": %zu, \"kept\": %zu, \"not_planned\": %zu, \"refused\": %zu, \"managed\": %zu,\n \"zones\": [",
		p->prune ? "true" : "false", p->empty_zone ? "true" : "false",
		p->n_add, p->n_delete, p->n_kept, p->n_not_planned, p->n_refused,
		p->n_managed);
	for (size_t i = 0; i < p->n_z; i++) {
		const struct sipdns_plan_zone *z = &p->z[i];
		fprintf(fp, "%s\n  {\"view\": \"%s\", \"zone\": ", i ? "," : "",
			sipdns_view_name(z->view));
		sipdns_json_string(fp, z->name);
		fprintf(fp, ", \"adds\": %zu, \"deletes\": %zu, \"managed\": %zu, \"sets\": [",
			z->n_add, z->n_delete, z->n_managed);
		for (size_t k = 0; k < z->n_sets; k++) {
			fputs(k ? ",\n    " : "\n    ", fp);
			set(fp, &z->sets[k]);
		}
		fputc(']', fp);
		left_alone(fp, z);
		fputc('}', fp);
	}
	fputs("\n ]}\n", fp);
	return SIPDNS_OK;
}
