/* plan_markdown.c -- a change plan as a change ticket (Markdown)
 *
 * Per zone: what changes (a table: action, record, why with the fact
 * id), before and after of each set, what is kept, not planned or
 * refused, and the prerequisites the change depends on.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "render.h"

/* s in a table cell or a list item: no pipe, no backtick, no newline. */
static void
cell(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '|' || *s == '`' || *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, fp);
}

static void
code(FILE *fp, const char *s)
{
	fputc('`', fp);
	cell(fp, s);
	fputc('`', fp);
}

static void
changes(FILE *fp, const struct sipdns_plan_zone *z)
{
	fputs("| # | action | record | why | fact |\n|---|---|---|---|---|\n", fp);
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)   /* deletes, then adds */
		for (size_t i = 0; i < z->n_sets; i++)
			for (size_t k = 0; k < z->sets[i].n_ch; k++) {
				const struct sipdns_plan_change *c = &z->sets[i].ch[k];
				if ((c->op == SIPDNS_PLAN_ADD) != (pass == 1))
					continue;
				fprintf(fp, "| %zu | %s | ", ++n, sipdns_plan_op_name(c->op));
				if (c->op == SIPDNS_PLAN_DELETE_SET)
					fprintf(fp, "`%s. %s` (whole set)", z->sets[i].owner,
						z->sets[i].type_name);
				else
					code(fp, c->text);
				fprintf(fp, " | %s: ", sipdns_plan_why_name(c->why));
				cell(fp, c->reason ? c->reason : "-");
				if (c->flags & SIPDNS_REC_SELF_REGISTERED)
					fputs(" (self-registered)", fp);
				fputs(" | ", fp);
				cell(fp, c->fact ? c->fact : "-");
				fputs(" |\n", fp);
			}
}

/* The records of s after the change: seen, less deletes, plus adds. */
static void
after(FILE *fp, const struct sipdns_plan_set *s)
{
	bool any = false, whole = false;
	for (size_t k = 0; k < s->n_ch; k++)
		whole |= s->ch[k].op == SIPDNS_PLAN_DELETE_SET;
	for (size_t i = 0; !whole && i < ldns_rr_list_rr_count(s->seen); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(s->seen, i);
		bool gone = false;
		for (size_t k = 0; k < s->n_ch; k++)
			gone |= s->ch[k].op == SIPDNS_PLAN_DELETE &&
				ldns_rr_compare(s->ch[k].rr, rr) == 0;
		if (gone)
			continue;
		char *t = sipdns_rr_str(rr);
		fputs(any ? "<br>" : "", fp);
		code(fp, t);
		free(t);
		any = true;
	}
	for (size_t k = 0; k < s->n_ch; k++)
		if (s->ch[k].op == SIPDNS_PLAN_ADD) {
			fputs(any ? "<br>" : "", fp);
			code(fp, s->ch[k].text);
			any = true;
		}
	if (!any)
		fputs("(none)", fp);
}

static void
before(FILE *fp, const struct sipdns_plan_set *s, bool empty_zone)
{
	if (s->pre == SIPDNS_PRE_NXDOMAIN) {
		fputs("(the name did not exist)", fp);
		return;
	}
	if (s->pre == SIPDNS_PRE_NONE || empty_zone) {
		fputs("(not seen: the plan is against an empty zone)", fp);
		return;
	}
	for (size_t i = 0; i < ldns_rr_list_rr_count(s->seen); i++) {
		char *t = sipdns_rr_str(ldns_rr_list_rr(s->seen, i));
		fputs(i ? "<br>" : "", fp);
		code(fp, t);
		free(t);
	}
	if (ldns_rr_list_rr_count(s->seen) == 0)
		fputs("(none)", fp);
}

static void
sets(FILE *fp, const struct sipdns_plan_zone *z, bool empty_zone)
{
	fputs("\n**Before and after** (the update is refused, and changes nothing, if *before* no longer holds):\n\n", fp);
	fputs("| name | type | before | after |\n|---|---|---|---|\n", fp);
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		fputs("| ", fp);
		cell(fp, s->owner);
		fprintf(fp, ". | %s | ", s->type_name);
		before(fp, s, empty_zone);
		fputs(" | ", fp);
		if (s->n_ch == 0)
			fputs("(unchanged: a guard, none may be there)", fp);
		else
			after(fp, s);
		fputs(" |\n", fp);
	}
}

static void
left_alone(FILE *fp, const struct sipdns_plan_zone *z)
{
	if (z->n_kept)
		fputs("\n**Kept** (left as they are):\n\n", fp);
	for (size_t i = 0; i < z->n_kept; i++) {
		fputs("- ", fp);
		code(fp, z->kept[i].text);
		fputs(": ", fp);
		cell(fp, z->kept[i].why);
		fputc('\n', fp);
	}
	if (z->n_skip)
		fputs("\n**Not planned or refused**:\n\n", fp);
	for (size_t i = 0; i < z->n_skip; i++) {
		fprintf(fp, "- `%s. %s`: ", z->skip[i].owner, z->skip[i].type_name);
		cell(fp, z->skip[i].message);
		fputc('\n', fp);
	}
}

enum sipdns_status
sipdns_plan_render_markdown(FILE *fp, const struct sipdns_plan *p,
			    const struct sipdns_plan_render_opts *o,
			    struct sipdns_diag *d)
{
	(void)d;
	fputs("# DNS change plan\n\n", fp);
	fprintf(fp, "Made by sipdns %s %s from the topology ", PACKAGE_VERSION,
		o->made_from ? o->made_from : "generate");
	code(fp, o->source ? o->source : "-");
	fprintf(fp, ": %zu to delete, %zu to add; %zu kept, %zu not planned, %zu refused; %zu managed records compared.\n",
		p->n_delete, p->n_add, p->n_kept, p->n_not_planned, p->n_refused,
		p->n_managed);
	for (size_t i = 0; i < p->n_z; i++) {
		const struct sipdns_plan_zone *z = &p->z[i];
		fprintf(fp, "\n## %s view, zone %s\n\n", sipdns_view_name(z->view), z->name);
		bool any = false;
		for (size_t k = 0; k < z->n_sets; k++)
			any |= z->sets[k].n_ch > 0;
		if (any) {
			fprintf(fp, "%zu to delete, %zu to add, in one atomic update.\n\n",
				z->n_delete, z->n_add);
			changes(fp, z);
			sets(fp, z, p->empty_zone);
		} else {
			fputs("Nothing to change.\n", fp);
		}
		left_alone(fp, z);
	}
	return SIPDNS_OK;
}
