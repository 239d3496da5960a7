/* ask.c -- verify's asking: each view's questions to its resolver, and
 * why the ones that failed failed
 *
 * Each view is asked at its servers: --server's, else its name servers
 * from the topology (the zones' ns with their addresses), else, when the
 * caller says so, the system resolver. The views are asked at once, in
 * one poll loop (resolve.c), the wildcard probes with them. Afterwards
 * the failures are told once, with their cause: a server that gave no
 * response (timeouts, a refused connection, down), a server that refused
 * a whole zone.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "ask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "resolve.h"
#include "vec.h"
#include "zones.h"

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

/* Counted anew each time (at most twice a second), from the questions
 * (not the engine's queries: the wildcard probes count nowhere): those
 * of the view that came back, and of them the ones without an answer to
 * judge. */
static void
on_progress(void *arg, size_t done_q, size_t total_q)
{
	const struct progress *p = arg;
	size_t done = 0, failed = 0, total = 0;
	(void)done_q;
	(void)total_q;
	for (size_t i = 0; i < p->r->n_q; i++) {
		const struct sipdns_question *q = &p->r->q[i];
		if (q->view != p->view || q->ignored)
			continue;
		total++;
		done += q->state != SIPDNS_Q_PENDING;
		failed += q->state != SIPDNS_Q_PENDING &&
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

/* A view's questions (not owned elsewhere), then its probes, as the
 * resolver takes them: the probes last, as the view's questions decide
 * when a server is down, and a down server costs the probes nothing. */
struct feed {
	struct sipdns_question *q, *probes;
	size_t n_q, n_probes, at;   /* at: the next of q, then of probes */
	enum sipdns_view_id view;
	bool no_recurse;
};

static bool
feed_next(void *arg, struct sipdns_resolve_query *out)
{
	struct feed *f = arg;
	while (f->at < f->n_q + f->n_probes) {
		size_t i = f->at++;
		struct sipdns_question *q = i < f->n_q ? &f->q[i]
					    : &f->probes[i - f->n_q];
		if (q->view != f->view || (i < f->n_q && q->ignored))
			continue;
		q->no_recurse = f->no_recurse;
		*out = (struct sipdns_resolve_query){ q->name, (uint16_t)q->type,
						      on_reply, q };
		return true;
	}
	return false;
}

/* A resolver for view v fed its questions (count of them, and the
 * probes) from f. */
static enum sipdns_status
view_resolver(struct sipdns_verify_result *r, struct sipdns_question *probes,
	      size_t n_probes, size_t count, const struct sipdns_verify_opts *o,
	      enum sipdns_view_id v, const char *list, struct progress *pg,
	      struct feed *f, struct sipdns_resolver **out, struct sipdns_diag *d)
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
	for (size_t i = 0; i < n_probes; i++)
		count += probes[i].view == v;
	*f = (struct feed){ .q = r->q, .n_q = r->n_q, .probes = probes,
			    .n_probes = n_probes, .view = v,
			    .no_recurse = o->no_recurse };
	return sipdns_resolve_feed(*out, count, feed_next, f);
}

/* --- why questions failed: told once, with the cause --------------- */

struct diagnoses {
	const struct sipdns_topology *t;
	struct sipdns_verify_result *r;
	const struct sipdns_verify_opts *o;
	struct sipdns_diagnosis *v;
	size_t n, cap;
};

/* Add one; its index + 1 (0: out of memory). */
static size_t
diagnosis_add(struct diagnoses *ds, const struct sipdns_diagnosis *x)
{
	if (!sipdns_vec_reserve(&ds->v, &ds->cap, ds->n, sizeof(*ds->v)))
		return 0;
	ds->v[ds->n++] = *x;
	return ds->n;
}

/* Into the result, in the job's arena. */
static bool
diagnoses_keep(struct diagnoses *ds)
{
	if (ds->n == 0)
		return true;
	struct sipdns_diagnosis *v = sipdns_arena_alloc(ds->t->arena,
							 ds->n * sizeof(*v));
	if (v == NULL)
		return false;
	memcpy(v, ds->v, ds->n * sizeof(*v));
	ds->r->diagnoses = v;
	ds->r->n_diagnoses = ds->n;
	return true;
}

/* What one server did with the view's questions. */
struct server_tally {
	size_t asked, answered, timed_out, refused;
	size_t skipped;   /* failed without it: it was down by then */
	bool involved;    /* in a failure of a question without response */
};

static bool
asked_here(const struct sipdns_question *q, enum sipdns_view_id v)
{
	return q->view == v && !q->ignored;
}

/* Tally each server of res over the view's questions; the number of the
 * questions that got no response. */
static size_t
tally(const struct sipdns_verify_result *r, enum sipdns_view_id v,
      const struct sipdns_resolver *res, struct server_tally *st, size_t ns)
{
	size_t failed = 0;
	for (size_t i = 0; i < r->n_q; i++) {
		const struct sipdns_question *q = &r->q[i];
		if (!asked_here(q, v))
			continue;
		failed += q->no_response;
		for (size_t k = 0; k < ns; k++) {
			uint32_t bit = 1u << k;
			st[k].asked += (q->tried & bit) != 0;
			st[k].answered += q->server == (int)k;
			st[k].timed_out += (q->timed_out & bit) != 0;
			st[k].refused += (q->conn_refused & bit) != 0;
			bool skip = q->no_response && !(q->tried & bit) &&
				    sipdns_resolve_is_down(res, k);
			st[k].skipped += skip;
			st[k].involved |= skip || (q->no_response && (q->tried & bit));
		}
	}
	return failed;
}

/* The time one question waits for a server: the first timeout, doubled
 * on each further try (c-ares 1.18 with one server per channel). */
static void
wait_text(const struct sipdns_verify_opts *o, char *buf, size_t size)
{
	double ms = 0, t = o->timeout_ms;
	for (unsigned i = 0; i < o->tries; i++, t *= 2)
		ms += t;
	double s = ms / 1000.0;
	if (s == (double)(long)s)
		snprintf(buf, size, "%u tr%s, %ld s", o->tries,
			 o->tries == 1 ? "y" : "ies", (long)s);
	else
		snprintf(buf, size, "%u tr%s, %.1f s", o->tries,
			 o->tries == 1 ? "y" : "ies", s);
}

/* One server's part of a no-response diagnosis, appended to *text (in
 * the arena); *counts set when it says how many questions. */
static bool
server_clause(struct diagnoses *ds, const struct sipdns_resolver *res,
	      size_t k, const struct server_tally *s, char **text, bool *counts)
{
	const char *l = sipdns_resolve_label(res, k);
	char wait[48], c[400];
	wait_text(ds->o, wait, sizeof(wait));
	size_t failed = s->timed_out + s->refused;
	if (s->refused && !s->answered) {
		/* a refusal is proof; a few timeouts beside it are the kernel
		 * rate-limiting its ICMP port-unreachable messages */
		snprintf(c, sizeof(c), sipdns_resolve_used_tcp(res, k)
			 ? "connection refused: nothing listens on TCP at %s (asked over TCP after truncated answers)"
			 : "connection refused: nothing listens on %s", l);
		size_t off = strlen(c);
		if (s->timed_out && off < sizeof(c))
			snprintf(c + off, sizeof(c) - off, " (%zu of %zu questions timed out there)",
				 s->timed_out, s->asked);
	} else if (!s->answered) {
		snprintf(c, sizeof(c), "no answer from %s for any of %zu question%s (%s): check the address, port and firewall",
			 l, s->asked, s->asked == 1 ? "" : "s", wait);
		*counts = true;
	} else if (failed) {
		snprintf(c, sizeof(c), "no answer from %s for %zu of %zu questions (%s)",
			 l, failed, s->asked, wait);
		*counts = true;
	} else {
		snprintf(c, sizeof(c), "%s", l);
	}
	size_t off = strlen(c);
	if (s->skipped && off < sizeof(c))
		snprintf(c + off, sizeof(c) - off,
			 "; %zu more not sent to it once it was down", s->skipped);
	*text = *text ? sipdns_arena_printf(ds->t->arena, "%s; %s", *text, c)
		      : sipdns_arena_strdup(ds->t->arena, c);
	return *text != NULL;
}

/* The questions of view v that got no response: one diagnosis, each
 * server involved with what it did. */
static bool
diagnose_silence(struct diagnoses *ds, enum sipdns_view_id v,
		 const struct sipdns_resolver *res)
{
	struct server_tally st[SIPDNS_RESOLVE_MAX_SERVERS];
	size_t ns = sipdns_resolve_servers(res);
	memset(st, 0, sizeof(st));
	size_t failed = tally(ds->r, v, res, st, ns);
	if (failed == 0)
		return true;
	struct sipdns_diagnosis x = { .kind = SIPDNS_DIAG_NO_RESPONSE,
				      .view = v, .questions = failed };
	char *text = NULL, *servers = NULL;
	for (size_t k = 0; k < ns; k++) {
		if (!st[k].involved)
			continue;
		if (!server_clause(ds, res, k, &st[k], &text, &x.text_counts))
			return false;
		const char *l = sipdns_resolve_label(res, k);
		servers = servers ? sipdns_arena_printf(ds->t->arena, "%s,%s", servers, l)
				  : sipdns_arena_strdup(ds->t->arena, l);
		if (servers == NULL)
			return false;
	}
	if (text == NULL)   /* no server involved: cannot be, but say it */
		text = sipdns_arena_strdup(ds->t->arena, "no response from the view's servers");
	x.text = text;
	x.servers = servers;
	size_t idx = text ? diagnosis_add(ds, &x) : 0;
	for (size_t i = 0; idx && i < ds->r->n_q; i++)
		if (asked_here(&ds->r->q[i], v) && ds->r->q[i].no_response)
			ds->r->q[i].diagnosis = idx;
	return idx != 0;
}

/* Per zone and server: the questions it answered, and of them REFUSED. */
struct zone_tally {
	size_t answered, refused;
};

/* Zones of view v where a server said REFUSED to every question it
 * answered: "S refused zone Z", once. */
static bool
diagnose_refused(struct diagnoses *ds, enum sipdns_view_id v,
		 const struct sipdns_resolver *res)
{
	const struct sipdns_view *vw = &ds->t->views[v];
	size_t ns = sipdns_resolve_servers(res), nz = vw->n_zones;
	const struct sipdns_zone_index *x = sipdns_topology_zones(ds->t, v);
	struct zone_tally *zt = x ? calloc(nz * ns + 1, sizeof(*zt)) : NULL;
	bool ok = zt != NULL, any = false;
	for (size_t i = 0; ok && i < ds->r->n_q; i++) {
		const struct sipdns_question *q = &ds->r->q[i];
		const struct sipdns_zone *z;
		if (!asked_here(q, v) || q->server < 0 || (size_t)q->server >= ns ||
		    (z = sipdns_zone_index_find(x, q->name)) == NULL)
			continue;
		struct zone_tally *c = &zt[(size_t)(z - vw->zones) * ns + (size_t)q->server];
		c->answered++;
		c->refused += q->state == SIPDNS_Q_REFUSED;
		any |= q->state == SIPDNS_Q_REFUSED;
	}
	for (size_t c = 0; ok && any && c < nz * ns; c++) {
		if (zt[c].refused == 0 || zt[c].refused != zt[c].answered)
			continue;
		const char *zone = vw->zones[c / ns].name;
		const char *l = sipdns_resolve_label(res, c % ns);
		struct sipdns_diagnosis d = { .kind = SIPDNS_DIAG_REFUSED_ZONE,
			.view = v, .zone = zone, .questions = zt[c].refused,
			.servers = sipdns_arena_strdup(ds->t->arena, l),
			.text = sipdns_arena_printf(ds->t->arena,
				"%s refused zone %s: it does not serve this zone (not loaded? wrong server?)",
				l, zone) };
		size_t idx = d.text && d.servers ? diagnosis_add(ds, &d) : 0;
		for (size_t i = 0; idx && i < ds->r->n_q; i++) {
			struct sipdns_question *q = &ds->r->q[i];
			if (asked_here(q, v) && q->server == (int)(c % ns) &&
			    q->state == SIPDNS_Q_REFUSED &&
			    sipdns_zone_index_find(x, q->name) == &vw->zones[c / ns])
				q->diagnosis = idx;
		}
		ok = idx != 0;
	}
	free(zt);
	return ok;
}

/* The view's servers as found down, comma-separated, into r. */
static bool
note_down(struct diagnoses *ds, enum sipdns_view_id v,
	  const struct sipdns_resolver *res)
{
	char *list = NULL;
	for (size_t k = 0; k < sipdns_resolve_servers(res); k++) {
		if (!sipdns_resolve_is_down(res, k))
			continue;
		const char *l = sipdns_resolve_label(res, k);
		list = list ? sipdns_arena_printf(ds->t->arena, "%s,%s", list, l)
			    : sipdns_arena_strdup(ds->t->arena, l);
		if (list == NULL)
			return false;
	}
	ds->r->servers_down_list[v] = list;
	return true;
}

static bool
diagnose_view(struct diagnoses *ds, enum sipdns_view_id v,
	      const struct sipdns_resolver *res)
{
	return note_down(ds, v, res) && diagnose_silence(ds, v, res) &&
	       diagnose_refused(ds, v, res);
}

enum sipdns_status
sipdns_ask(const struct sipdns_topology *t, struct sipdns_verify_result *r,
	   const struct sipdns_verify_opts *o, struct sipdns_diag *d)
{
	return sipdns_ask_with(t, r, NULL, 0, o, d);
}

enum sipdns_status
sipdns_ask_with(const struct sipdns_topology *t, struct sipdns_verify_result *r,
		struct sipdns_question *probes, size_t n_probes,
		const struct sipdns_verify_opts *o, struct sipdns_diag *d)
{
	double t0 = now_s();
	struct sipdns_resolver *res[SIPDNS_VIEW_COUNT];
	struct progress pg[SIPDNS_VIEW_COUNT];
	struct feed feeds[SIPDNS_VIEW_COUNT];
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
		r->servers_asked[v] = list;
		pg[n] = (struct progress){ o, r, (enum sipdns_view_id)v };
		res[n] = NULL;
		st = view_resolver(r, probes, n_probes, count, o,
				   (enum sipdns_view_id)v, list, &pg[n],
				   &feeds[n], &res[n], d);
		n += res[n] != NULL;
	}
	if (st == SIPDNS_OK)
		st = sipdns_resolve_run_all(res, n);
	r->seconds = now_s() - t0;
	struct diagnoses ds = { .t = t, .r = r, .o = o };
	for (size_t k = 0; k < n; k++) {
		r->servers_down[pg[k].view] = sipdns_resolve_down(res[k]);
		if (st == SIPDNS_OK && !diagnose_view(&ds, pg[k].view, res[k]))
			st = SIPDNS_ENOMEM;
		sipdns_resolve_destroy(res[k]);
	}
	if (st == SIPDNS_OK && !diagnoses_keep(&ds))
		st = SIPDNS_ENOMEM;
	free(ds.v);
	return st;
}

void
sipdns_ask_link(struct sipdns_verify_result *r)
{
	char name[LDNS_MAX_DOMAINLEN + 2];
	for (size_t i = 0; i < r->n_f && r->n_diagnoses; i++) {
		struct sipdns_finding *f = &r->f[i];
		size_t len = f->name ? strlen(f->name) : 0;
		if (f->kind != SIPDNS_F_UNVERIFIED || len < 2 || len >= sizeof(name))
			continue;
		memcpy(name, f->name, len - 1);   /* without the trailing dot */
		name[len - 1] = '\0';
		const struct sipdns_question *q =
			sipdns_question_find(r, f->view, name, (ldns_rr_type)f->type);
		if (q != NULL)
			f->diagnosis = q->diagnosis;
	}
}
