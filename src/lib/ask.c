/* ask.c -- verify's asking: each view's questions to its resolver
 *
 * Each view is asked at its servers: --server's, else its name servers
 * from the topology (the zones' ns with their addresses), else, when the
 * caller says so, the system resolver. The views are asked at once, in
 * one poll loop (resolve.c).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "ask.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "resolve.h"

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
on_reply(void *arg, const struct sipdns_reply *rep)
{
	sipdns_answer_take(arg, rep);
}

struct progress {
	const struct sipdns_verify_opts *o;
	const struct sipdns_verify_result *r;
	enum sipdns_view_id view;
};

/* Counted anew each time (at most twice a second): the questions of the
 * view that came back without an answer to judge. */
static void
on_progress(void *arg, size_t done, size_t total)
{
	const struct progress *p = arg;
	size_t failed = 0;
	for (size_t i = 0; i < p->r->n_q; i++) {
		const struct sipdns_question *q = &p->r->q[i];
		failed += q->view == p->view && q->state != SIPDNS_Q_PENDING &&
			  q->state != SIPDNS_Q_ANSWER && q->state != SIPDNS_Q_NODATA &&
			  q->state != SIPDNS_Q_NXDOMAIN;
	}
	p->o->progress(p->o->progress_arg, p->view, done, failed, total);
}

/* Has list (comma-separated) the entry e already? */
static bool
listed(const char *list, const char *e)
{
	size_t n = strlen(e);
	for (const char *p = list; p && (p = strstr(p, e)) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* The name servers of view v from the topology, "NAME (ADDR:53)" each, in
 * the order of its zones, once each, in t's arena; NULL when none has an
 * address. */
static const char *
topology_servers(const struct sipdns_topology *t, enum sipdns_view_id v)
{
	const struct sipdns_view *w = &t->views[v];
	char *list = NULL;
	size_t n = 0;
	for (size_t z = 0; z < w->n_zones; z++) {
		for (size_t i = 0; i < w->zones[z].n_ns; i++) {
			const struct sipdns_host *h = &w->zones[z].ns[i];
			if (h->addr.v4 == NULL || n == SIPDNS_RESOLVE_MAX_SERVERS)
				continue;
			char e[160];
			snprintf(e, sizeof(e), "%s (%s:53)", h->fqdn, h->addr.v4);
			if (listed(list, e))
				continue;
			list = list ? sipdns_arena_printf(t->arena, "%s,%s", list, e)
				    : sipdns_arena_strdup(t->arena, e);
			if (list == NULL)
				return NULL;
			n++;
		}
	}
	return list;
}

/* The servers of view v into *list: o's, the topology's, or NULL for the
 * system's (and as shown into r); false (with d told why) when there are
 * none to ask. */
static bool
view_servers(const struct sipdns_topology *t, struct sipdns_verify_result *r,
	     const struct sipdns_verify_opts *o, enum sipdns_view_id v,
	     const char **list, struct sipdns_diag *d)
{
	const char *s = o->servers[v];
	if (s == NULL && !o->system_resolver) {
		s = topology_servers(t, v);
		r->servers_from_topology[v] = s != NULL;
		if (s == NULL) {
			sipdns_diag_add(d, SIPDNS_ERROR, t->views[v].loc, NULL,
				"the %s view's zones list no name server with an address to ask; give --server %s=ADDR[:PORT] or --system-resolver",
				sipdns_view_name(v), sipdns_view_name(v));
			return false;
		}
	}
	*list = s;
	r->servers_used[v] = s;
	if (r->servers_from_topology[v] && s != NULL)
		r->servers_used[v] = sipdns_arena_printf(t->arena,
			"%s, from the topology", s);
	return r->servers_used[v] != NULL || s == NULL;
}

/* A resolver for view v with its questions queued (not owned elsewhere). */
static enum sipdns_status
view_resolver(struct sipdns_verify_result *r, const struct sipdns_verify_opts *o,
	      enum sipdns_view_id v, const char *list, struct progress *pg,
	      struct sipdns_resolver **out, struct sipdns_diag *d)
{
	struct sipdns_resolve_opts ro = {
		.servers = list, .no_recurse = o->no_recurse,
		.timeout_ms = o->timeout_ms, .tries = o->tries,
		.max_in_flight = o->max_in_flight,
		.max_per_server = o->max_per_server, .cancel = o->cancel,
		.progress = o->progress ? on_progress : NULL,
		.progress_arg = pg, .deadline_ms = o->deadline_ms,
	};
	char why[300];
	enum sipdns_status st = sipdns_resolve_create(&ro, out, why, sizeof(why));
	if (st != SIPDNS_OK) {
		if (st == SIPDNS_EUSAGE)
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ 0 },
					NULL, "the %s view's servers %s",
					sipdns_view_name(v), why);
		else
			sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ 0 },
					NULL, "%s", why);
		return st;
	}
	r->system_resolver[v] = sipdns_resolve_system(*out);
	for (size_t i = 0; i < r->n_q && st == SIPDNS_OK; i++) {
		struct sipdns_question *q = &r->q[i];
		if (q->view != v || q->ignored)
			continue;
		q->no_recurse = o->no_recurse;
		st = sipdns_resolve_ask(*out, q->name, (uint16_t)q->type,
					on_reply, q);
	}
	return st;
}

enum sipdns_status
sipdns_ask(const struct sipdns_topology *t, struct sipdns_verify_result *r,
	   const struct sipdns_verify_opts *o, struct sipdns_diag *d)
{
	double t0 = now_s();
	struct sipdns_resolver *res[SIPDNS_VIEW_COUNT];
	struct progress pg[SIPDNS_VIEW_COUNT];
	size_t n = 0;
	enum sipdns_status st = SIPDNS_OK;
	for (int v = 0; v < SIPDNS_VIEW_COUNT && st == SIPDNS_OK; v++) {
		size_t count = 0;
		for (size_t i = 0; i < r->n_q; i++)
			count += (int)r->q[i].view == v && !r->q[i].ignored;
		if (count == 0)
			continue;
		const char *list;
		if (!view_servers(t, r, o, (enum sipdns_view_id)v, &list, d)) {
			st = SIPDNS_EUSAGE;
			break;
		}
		pg[n] = (struct progress){ o, r, (enum sipdns_view_id)v };
		res[n] = NULL;
		st = view_resolver(r, o, (enum sipdns_view_id)v, list, &pg[n],
				   &res[n], d);
		n += res[n] != NULL;
	}
	if (st == SIPDNS_OK)
		st = sipdns_resolve_run_all(res, n);
	for (size_t k = 0; k < n; k++) {
		r->servers_down[pg[k].view] = sipdns_resolve_down(res[k]);
		sipdns_resolve_destroy(res[k]);
	}
	r->seconds = now_s() - t0;
	return st;
}
