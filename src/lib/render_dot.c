/* render_dot.c -- the graph: the record set per view as Graphviz DOT
 *
 * One cluster per view, one per zone inside it. A name is a box, an
 * address an ellipse, a SIP domain a folder. Edges: SIP domain -> its SRV
 * owners and the names the client's sign-in walk asks (numbered in the
 * profile's lookup order, bold blue), SRV -> target (priority, weight,
 * port), alias -> canonical name (dashed), name -> address. Split-brain
 * copies and the Edge's public names say so on their box. With findings,
 * what is missing is red, wrong orange, TTL only gold, unexpected purple,
 * unverified grey. The order is the record set's: the same input gives
 * the same bytes.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "graph.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "discover.h"
#include "group.h"
#include "model.h"
#include "profile.h"
#include "records.h"
#include "render.h"
#include "strset.h"

static const char *const mark_color[SIPDNS_MARK_KINDS] = {
	[SIPDNS_MARK_MISSING] = "red",
	[SIPDNS_MARK_WRONG] = "darkorange",
	[SIPDNS_MARK_TTL] = "goldenrod",
	[SIPDNS_MARK_UNEXPECTED] = "purple",
	[SIPDNS_MARK_UNVERIFIED] = "gray50",
};

/* s inside a DOT string: quotes and backslashes escaped, anything but
 * printable ASCII as '?'. */
static void
dot_text(FILE *fp, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', fp);
		fputc(*p >= 0x20 && *p < 0x7f ? *p : '?', fp);
	}
}

/* A view's name: the first part of every node id ("internal|NAME"). */
static const char *
vname(enum sipdns_view_id v)
{
	return sipdns_view_name(v);
}

/* The mark of (view, name, type) not yet drawn, or NULL. */
static struct sipdns_graph_mark *
mark_for(struct sipdns_graph_marks *m, enum sipdns_view_id v,
	 const char *name, const char *type)
{
	for (size_t i = 0; m && i < m->n; i++) {
		struct sipdns_graph_mark *k = &m->v[i];
		if (k->view == v && k->kind != SIPDNS_MARK_UNEXPECTED &&
		    strcmp(k->name, name) == 0 && strcmp(k->type, type) == 0)
			return k;
	}
	return NULL;
}

/* The Edge role whose public name owner is, or NULL. */
static const char *
edge_role(const struct sipdns_topology *t, const char *owner)
{
	if (!t->edge.present)
		return NULL;
	if (t->edge.access.fqdn && strcmp(t->edge.access.fqdn, owner) == 0)
		return "Access Edge public name";
	if (t->edge.web_conferencing.fqdn &&
	    strcmp(t->edge.web_conferencing.fqdn, owner) == 0)
		return "Web Conferencing Edge public name";
	if (t->edge.av.fqdn && strcmp(t->edge.av.fqdn, owner) == 0)
		return "A/V Edge public name";
	return NULL;
}

/* The box of the records r[0..n) at one owner. */
static void
owner_node(FILE *fp, const struct sipdns_topology *t,
	   const struct sipdns_record *const *r, size_t n,
	   struct sipdns_graph_marks *m)
{
	bool copy = false, self = false;
	for (size_t i = 0; i < n; i++) {
		copy |= (r[i]->flags & SIPDNS_REC_SPLIT_INSIDE) != 0;
		self |= (r[i]->flags & SIPDNS_REC_SELF_REGISTERED) != 0;
	}
	const char *role = edge_role(t, r[0]->owner);
	fprintf(fp, "      \"%s|%s\" [shape=box", vname(r[0]->view), r[0]->owner);
	if (copy)
		fputs(", style=\"dashed,filled\", fillcolor=lightyellow", fp);
	else if (role)
		fputs(", style=filled, fillcolor=lightblue, peripheries=2", fp);
	for (size_t i = 0; m && i < m->n; i++)
		if (m->v[i].view == r[0]->view && m->v[i].kind == SIPDNS_MARK_MISSING &&
		    strcmp(m->v[i].name, r[0]->owner) == 0) {
			fputs(", color=red, fontcolor=red", fp);
			break;
		}
	fprintf(fp, ", label=\"%s", r[0]->owner);
	if (role)
		fprintf(fp, "\\n%s", role);
	if (copy)
		fputs("\\nsplit-brain copy of the external record", fp);
	if (self)
		fputs("\\n(the server registers it itself)", fp);
	fputs("\"];\n", fp);
}

/* An edge's colour and its label's last words, from its mark. */
static void
edge_mark(FILE *fp, struct sipdns_graph_mark *k)
{
	if (k == NULL) {
		fputs("\"", fp);
		return;
	}
	k->used = 1;
	fprintf(fp, "\\n%s", k->finding);
	if (k->got && k->kind != SIPDNS_MARK_MISSING) {
		fputs(": got ", fp);
		dot_text(fp, k->got);
	}
	fprintf(fp, "\", color=%s, fontcolor=%s, penwidth=2",
		mark_color[k->kind], mark_color[k->kind]);
}

/* The edge of record r. */
static bool
record_edge(FILE *fp, const struct sipdns_record *r,
	    struct sipdns_graph_marks *m)
{
	ldns_rr_type type = ldns_rr_get_type(r->rr);
	const char *v = vname(r->view);
	char tname[16];
	char *ts = ldns_rr_type2str(type);
	if (ts == NULL)
		return false;
	snprintf(tname, sizeof(tname), "%s", ts);
	free(ts);
	struct sipdns_graph_mark *k = mark_for(m, r->view, r->owner, tname);
	if (type == LDNS_RR_TYPE_SRV || type == LDNS_RR_TYPE_CNAME) {
		char *f[3] = { NULL, NULL, NULL };
		bool srv = type == LDNS_RR_TYPE_SRV, ok = true;
		for (size_t i = 0; srv && i < 3; i++)
			ok = (f[i] = sipdns_render_field(r->rr, i, false)) && ok;
		if (ok && srv)
			fprintf(fp, "    \"%s|%s\" -> \"%s|%s\" [label=\"SRV %s %s %s", v,
				r->owner, v, r->target, f[0], f[1], f[2]);
		else if (ok)
			fprintf(fp, "    \"%s|%s\" -> \"%s|%s\" [style=dashed, label=\"CNAME (alias)",
				v, r->owner, v, r->target);
		for (size_t i = 0; i < 3; i++)
			free(f[i]);
		if (!ok)
			return false;
	} else {
		char *a = sipdns_render_field(r->rr, 0, false);
		if (a == NULL)
			return false;
		fprintf(fp, "    \"%s|%s\" -> \"%s|@%s\" [label=\"%s", v, r->owner, v, a,
			tname);
		free(a);
	}
	edge_mark(fp, k);
	fputs("];\n", fp);
	return true;
}

/* Is owner, less its leading _labels, the SIP domain dom? */
static bool
srv_of(const char *owner, const char *dom)
{
	const char *p = owner;
	while (*p == '_' && strchr(p, '.'))
		p = strchr(p, '.') + 1;
	return p != owner && strcmp(p, dom) == 0;
}

/* The step number (1-based) of name in the sign-in walk of dom, or 0. */
static size_t
sign_in_step(const struct sipdns_discover_order *o, const char *name,
	     const char *dom)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	for (size_t i = 0; o && i < o->n_rules; i++) {
		snprintf(buf, sizeof(buf), "%s.%s", o->rules[i].label, dom);
		if (strcmp(buf, name) == 0)
			return i + 1;
	}
	return 0;
}

/* Each SIP domain of view v, and its edges to the names of the view's
 * records that hang from it. */
static void
domains(FILE *fp, const struct sipdns_topology *t, enum sipdns_view_id v,
	const struct sipdns_group *g, size_t ng)
{
	const struct sipdns_discover_profile *dp =
		sipdns_discover_profile(sipdns_product_name(t->product));
	const struct sipdns_discover_order *o =
		dp ? sipdns_discover_order_find(dp, "communicator", NULL) : NULL;
	for (size_t d = 0; d < t->n_sip_domains; d++) {
		const char *dom = t->sip_domains[d].name;
		fprintf(fp, "    \"%s|sip:%s\" [shape=folder, style=filled, fillcolor=palegreen, label=\"%s\\nSIP domain\"];\n",
			vname(v), dom, dom);
		const char *last = NULL;
		for (size_t i = 0; i < ng; i++)
			for (size_t k = 0; k < g[i].n; k++) {
				const struct sipdns_record *r = g[i].recs[k];
				if (g[i].view != v || (last && strcmp(last, r->owner) == 0))
					continue;
				last = r->owner;
				size_t step = sign_in_step(o, r->owner, dom);
				if (step)
					fprintf(fp, "    \"%s|sip:%s\" -> \"%s|%s\" [color=blue, fontcolor=blue, penwidth=2, label=\"sign-in %zu\"];\n",
						vname(v), dom, vname(v), r->owner, step);
				else if (srv_of(r->owner, dom))
					fprintf(fp, "    \"%s|sip:%s\" -> \"%s|%s\" [color=gray40];\n",
						vname(v), dom, vname(v), r->owner);
			}
	}
}

/* The zone clusters of view v: a box per owner. The owners go into seen. */
static bool
zones(FILE *fp, const struct sipdns_topology *t, enum sipdns_view_id v,
      const struct sipdns_group *g, size_t ng, struct sipdns_graph_marks *m,
      struct sipdns_strset *seen)
{
	for (size_t i = 0; i < ng; i++) {
		if (g[i].view != v)
			continue;
		fprintf(fp, "    subgraph \"cluster_%s_%s\" {\n      label=\"zone %s%s\"; style=rounded; color=gray60;\n",
			vname(v), g[i].zone->name, g[i].zone->name,
			g[i].zone->split_brain ? " (split-brain: in both views)"
			: g[i].zone->pinpoint ? " (pin-point zone)" : "");
		if (g[i].n == 0)
			fprintf(fp, "      \"%s|zone:%s\" [shape=plaintext, label=\"(no records)\"];\n",
				vname(v), g[i].zone->name);
		for (size_t k = 0; k < g[i].n;) {
			size_t e = k + 1;
			while (e < g[i].n && strcmp(g[i].recs[e]->owner, g[i].recs[k]->owner) == 0)
				e++;
			bool added;
			if (!sipdns_strset_add(seen, g[i].recs[k]->owner, &added))
				return false;
			if (added)
				owner_node(fp, t, &g[i].recs[k], e - k, m);
			k = e;
		}
		fputs("    }\n", fp);
	}
	return true;
}

/* Addresses, targets no record of the view owns, and every edge. */
static bool
edges(FILE *fp, enum sipdns_view_id v, const struct sipdns_group *g,
      size_t ng, struct sipdns_graph_marks *m, struct sipdns_strset *seen,
      struct sipdns_arena *arena)
{
	for (size_t i = 0; i < ng; i++)
		for (size_t k = 0; g[i].view == v && k < g[i].n; k++) {
			const struct sipdns_record *r = g[i].recs[k];
			bool added;
			if (r->target) {
				if (!sipdns_strset_add(seen, r->target, &added))
					return false;
				if (added)
					fprintf(fp, "    \"%s|%s\" [shape=box, style=dotted, label=\"%s\\n(no record of this view)\"];\n",
						vname(v), r->target, r->target);
			} else {
				char *a = sipdns_render_field(r->rr, 0, false);
				char key[80];
				if (a == NULL)
					return false;
				snprintf(key, sizeof(key), "@%s", a);
				free(a);
				const char *kp = sipdns_arena_strdup(arena, key);
				if (kp == NULL || !sipdns_strset_add(seen, kp, &added))
					return false;
				if (added)
					fprintf(fp, "    \"%s|%s\" [shape=ellipse, label=\"%s\"];\n",
						vname(v), key, key + 1);
			}
		}
	for (size_t i = 0; i < ng; i++)
		for (size_t k = 0; g[i].view == v && k < g[i].n; k++)
			if (!record_edge(fp, g[i].recs[k], m))
				return false;
	return true;
}

/* Findings no record's edge took: unexpected records and the like. */
static void
leftover_marks(FILE *fp, enum sipdns_view_id v, struct sipdns_graph_marks *m)
{
	for (size_t i = 0; m && i < m->n; i++) {
		struct sipdns_graph_mark *k = &m->v[i];
		if (k->view != v || k->used)
			continue;
		const char *c = mark_color[k->kind];
		fprintf(fp, "    \"%s|finding:%zu\" [shape=note, color=%s, fontcolor=%s, label=\"%s %s",
			vname(v), i, c, c, k->finding, k->type);
		if (k->got) {
			fputs("\\n", fp);
			dot_text(fp, k->got);
		}
		fputs("\"];\n", fp);
		fprintf(fp, "    \"%s|", vname(v));
		dot_text(fp, k->name);
		fprintf(fp, "\" -> \"%s|finding:%zu\" [color=%s, style=bold];\n",
			vname(v), i, c);
	}
}

static void
legend(FILE *fp, bool marks)
{
	fputs("  subgraph cluster_legend {\n    label=\"legend\"; style=rounded; color=gray60;\n"
	      "    \"legend|text\" [shape=plaintext, label=\"folder: SIP domain; box: name; ellipse: address\\n"
	      "blue bold: the client's sign-in lookup, in order; dashed: alias (CNAME)\\n"
	      "yellow dashed box: split-brain copy; double blue box: an Edge public name", fp);
	if (marks)
		fputs("\\nred: missing; orange: wrong; gold: TTL only; purple: unexpected; grey: unverified", fp);
	fputs("\"];\n  }\n", fp);
}

enum sipdns_status
sipdns_render_dot(FILE *fp, const struct sipdns_topology *t,
		  const struct sipdns_group *g, size_t ng,
		  struct sipdns_graph_marks *m, const char *source)
{
	struct sipdns_strset seen = { 0 };
	struct sipdns_arena *arena = sipdns_arena_create();
	if (arena == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	fputs("digraph sipdns {\n  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=\"sipdns graph: ", fp);
	dot_text(fp, source);
	fprintf(fp, " (%s)\"];\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
		sipdns_product_name(t->product));
	for (int vi = 0; vi < SIPDNS_VIEW_COUNT; vi++) {
		enum sipdns_view_id v = (enum sipdns_view_id)vi;
		bool any = false;
		for (size_t i = 0; i < ng; i++)
			any |= g[i].view == v;
		if (!any)
			continue;
		fprintf(fp, "  subgraph \"cluster_%s\" {\n    label=\"%s view\"; style=bold;\n",
			vname(v), vname(v));
		sipdns_strset_clear(&seen);
		domains(fp, t, v, g, ng);
		if (!zones(fp, t, v, g, ng, m, &seen) ||
		    !edges(fp, v, g, ng, m, &seen, arena)) {
			st = SIPDNS_EINPUT;
			break;
		}
		leftover_marks(fp, v, m);
		fputs("  }\n", fp);
	}
	legend(fp, m && m->n);
	fputs("}\n", fp);
	sipdns_strset_free(&seen);
	sipdns_arena_destroy(arena);
	return st;
}
