/* roundtrip.c -- generate's zone files read back by ldns give exactly the
 * record set
 *
 * The text comes from the renderer generate uses (sipdns_format_render
 * over the groups sipdns_write makes); what is expected besides the set's
 * records (SOA, NS, delegations, glue) is written here from the topology
 * model, as RFC 1035 says a complete zone file holds them.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "roundtrip.h"

#include <ldns/ldns.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "format.h"
#include "group.h"
#include "model.h"
#include "records.h"

#define RT_SERIAL 2026010100u

struct rt_case {
	const struct sipdns_group *g;
	const char *format;
	const char *text;
};

static void
rt_print_list(const char *what, const ldns_rr_list *l)
{
	fprintf(stderr, "%s (%zu):\n", what, ldns_rr_list_rr_count(l));
	for (size_t i = 0; i < ldns_rr_list_rr_count(l); i++) {
		char *s = ldns_rr2str(ldns_rr_list_rr(l, i));
		fprintf(stderr, "  %s", s ? s : "(out of memory)\n");
		free(s);
	}
}

/* A mismatch: say what, in which file, with both sides, and abort. */
static void
rt_fail(const struct rt_case *c, const char *what, const ldns_rr_list *want,
	const ldns_rr_list *got)
{
	fprintf(stderr, "round trip: %s view, zone %s, format %s: %s\n",
		sipdns_view_name(c->g->view), c->g->zone->name, c->format, what);
	if (want)
		rt_print_list("expected", want);
	if (got)
		rt_print_list("read back", got);
	if (c->text)
		fprintf(stderr, "--- rendered text ---\n%s--- end ---\n", c->text);
	abort();
}

/* Parse one master-file line into l; a line this file wrote itself, so
 * failing to parse it is a bug here. */
static void
rt_push(ldns_rr_list *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
rt_push(ldns_rr_list *l, const char *fmt, ...)
{
	char line[4 * LDNS_MAX_DOMAINLEN + 128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ldns_rr *rr = NULL;
	if (n < 0 || (size_t)n >= sizeof(line) ||
	    ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL) != LDNS_STATUS_OK ||
	    !ldns_rr_list_push_rr(l, rr)) {
		fprintf(stderr, "round trip: cannot build expected record '%s'\n", line);
		abort();
	}
}

/* Glue for those of ns[0 .. n - 1] that need it, each name once. */
static void
rt_glue(ldns_rr_list *l, const struct sipdns_group *g,
	const struct sipdns_host *ns, size_t n, uint32_t ttl,
	const char **done, size_t *n_done)
{
	for (size_t i = 0; i < n; i++) {
		const struct sipdns_host *h = &ns[i];
		bool seen = false;
		for (size_t k = 0; k < *n_done && !seen; k++)
			seen = strcmp(done[k], h->fqdn) == 0;
		if (seen || !sipdns_group_needs_glue(g, h))
			continue;
		done[(*n_done)++] = h->fqdn;
		rt_push(l, "%s. %u IN A %s", h->fqdn, ttl, h->addr.v4);
		if (h->addr.v6)
			rt_push(l, "%s. %u IN AAAA %s", h->fqdn, ttl, h->addr.v6);
	}
}

/* What a complete zone file of g holds besides g's records: its SOA and
 * NS, the NS of each zone it delegates to, glue below the cuts. */
static void
rt_apex(ldns_rr_list *l, const struct sipdns_topology *t,
	const struct sipdns_group *g)
{
	const struct sipdns_zone *z = g->zone;
	const struct sipdns_soa *soa = &z->soa;
	uint32_t ttl = t->options.ttl_default;
	uint32_t min = soa->has_minimum ? soa->minimum : 3600u;
	char rname[LDNS_MAX_DOMAINLEN + 16];
	snprintf(rname, sizeof(rname), soa->rname ? "%s" : "hostmaster.%s",
		 soa->rname ? soa->rname : z->name);
	rt_push(l, "%s. %u IN SOA %s. %s. %u %u %u %u %u", z->name, min,
		soa->mname ? soa->mname : z->ns[0].fqdn, rname, RT_SERIAL,
		soa->has_refresh ? soa->refresh : 3600u,
		soa->has_retry ? soa->retry : 900u,
		soa->has_expire ? soa->expire : 1209600u, min);
	size_t cap = z->n_ns, n_done = 0;
	for (size_t i = 0; i < z->n_ns; i++)
		rt_push(l, "%s. %u IN NS %s.", z->name, min, z->ns[i].fqdn);
	for (size_t i = 0; i < g->n_children; i++)
		cap += g->children[i]->n_ns;
	const char **done = malloc((cap ? cap : 1) * sizeof(*done));
	if (done == NULL)
		abort();
	for (size_t i = 0; i < g->n_children; i++) {
		const struct sipdns_zone *c = g->children[i];
		for (size_t k = 0; k < c->n_ns; k++)
			rt_push(l, "%s. %u IN NS %s.", c->name, ttl, c->ns[k].fqdn);
		rt_glue(l, g, c->ns, c->n_ns, ttl, done, &n_done);
	}
	rt_glue(l, g, z->ns, z->n_ns, ttl, done, &n_done);
	free(done);
}

/* g rendered in format f by the renderer generate uses, malloc'd; NULL
 * when the renderer refused (status in *st). */
static char *
rt_render(const struct sipdns_topology *t, const struct sipdns_group *g,
	  enum sipdns_format f, size_t *len, enum sipdns_status *st)
{
	struct sipdns_output_opts o = {
		.format = f, .view = -1, .serial_set = true, .serial = RT_SERIAL,
		.source = "fuzz.yaml",
	};
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	char *text = NULL;
	FILE *fp = open_memstream(&text, len);
	if (fp == NULL)
		abort();
	*st = sipdns_format_render(fp, t, g, 1, &o, RT_SERIAL, &d);
	fclose(fp);
	sipdns_diag_fini(&d);
	if (*st != SIPDNS_OK) {
		free(text);
		return NULL;
	}
	return text;
}

/* text read back by ldns's zone reader (origin: g's zone), every record
 * in one list, the SOA first. */
static ldns_rr_list *
rt_read(const struct rt_case *c, size_t len)
{
	FILE *fp = fmemopen((void *)c->text, len, "r");
	ldns_rdf *origin = ldns_dname_new_frm_str(c->g->zone->name);
	ldns_rr_list *got = ldns_rr_list_new();
	if (fp == NULL || origin == NULL || got == NULL)
		abort();
	ldns_zone *z = NULL;
	int line = 0;
	ldns_status st = ldns_zone_new_frm_fp_l(&z, fp, origin, 3600, LDNS_RR_CLASS_IN, &line);
	fclose(fp);
	ldns_rdf_deep_free(origin);
	if (st != LDNS_STATUS_OK) {
		char what[256];
		snprintf(what, sizeof(what), "ldns cannot read it: line %d: %s", line,
			 ldns_get_errorstr_by_id(st));
		rt_fail(c, what, NULL, NULL);
	}
	if (ldns_zone_soa(z) && !ldns_rr_list_push_rr(got, ldns_rr_clone(ldns_zone_soa(z))))
		abort();
	const ldns_rr_list *rrs = ldns_zone_rrs(z);
	for (size_t i = 0; i < ldns_rr_list_rr_count(rrs); i++)
		if (!ldns_rr_list_push_rr(got, ldns_rr_clone(ldns_rr_list_rr(rrs, i))))
			abort();
	ldns_zone_deep_free(z);
	return got;
}

/* want and got hold the same records, TTLs included (ldns_rr_compare
 * leaves TTLs out). */
static void
rt_same(const struct rt_case *c, ldns_rr_list *want, ldns_rr_list *got)
{
	ldns_rr_list_sort(want);
	ldns_rr_list_sort(got);
	size_t nw = ldns_rr_list_rr_count(want), ng = ldns_rr_list_rr_count(got);
	for (size_t i = 0; i < nw && i < ng; i++) {
		const ldns_rr *a = ldns_rr_list_rr(want, i), *b = ldns_rr_list_rr(got, i);
		if (ldns_rr_compare(a, b) != 0 || ldns_rr_ttl(a) != ldns_rr_ttl(b) ||
		    ldns_rr_get_class(b) != LDNS_RR_CLASS_IN)
			rt_fail(c, "a record differs", want, got);
	}
	if (nw != ng)
		rt_fail(c, nw > ng ? "records missing" : "records that are not in the set",
			want, got);
}

/* One group in one format: render, read back, compare. */
static void
rt_group(const struct sipdns_topology *t, const struct sipdns_group *g,
	 enum sipdns_format f)
{
	size_t len = 0;
	enum sipdns_status st;
	char *text = rt_render(t, g, f, &len, &st);
	struct rt_case c = { g, sipdns_format_name(f), text };
	if (text == NULL) {
		if (f == SIPDNS_FMT_ZONE && g->zone->n_ns == 0)
			return;   /* refused with a diagnostic: no name servers */
		rt_fail(&c, "the renderer refused a checked record set", NULL, NULL);
	}
	ldns_rr_list *want = ldns_rr_list_new();
	if (want == NULL)
		abort();
	for (size_t i = 0; i < g->n; i++)
		if (!ldns_rr_list_push_rr(want, ldns_rr_clone(g->recs[i]->rr)))
			abort();
	if (f == SIPDNS_FMT_ZONE)
		rt_apex(want, t, g);
	ldns_rr_list *got = rt_read(&c, len);
	rt_same(&c, want, got);
	ldns_rr_list_deep_free(want);
	ldns_rr_list_deep_free(got);
	free(text);
}

void
fuzz_roundtrip(const struct sipdns_topology *t, const struct sipdns_recset *s)
{
	struct sipdns_group_set gs;
	if (sipdns_group_set_init(&gs, t, s, -1) != SIPDNS_OK)
		abort();
	bool *seen = calloc(s->n ? s->n : 1, sizeof(*seen));
	if (seen == NULL)
		abort();
	for (size_t i = 0; i < gs.n; i++) {
		const struct sipdns_group *g = &gs.v[i];
		for (size_t k = 0; k < g->n; k++) {
			const struct sipdns_record *r = g->recs[k];
			size_t at = (size_t)(r - s->v);
			struct rt_case c = { g, "-", NULL };
			if (at >= s->n || seen[at] || r->view != g->view || r->zone != g->zone)
				rt_fail(&c, "a record in no group, two groups or the wrong one",
					NULL, NULL);
			seen[at] = true;
		}
		rt_group(t, g, SIPDNS_FMT_ZONE);
		rt_group(t, g, SIPDNS_FMT_FRAGMENT);
	}
	for (size_t i = 0; i < s->n; i++)
		if (!seen[i]) {
			fprintf(stderr, "round trip: record %s of the set is in no zone file\n",
				s->v[i].owner);
			abort();
		}
	free(seen);
	sipdns_group_set_fini(&gs);
}
