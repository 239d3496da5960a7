/* verify.c -- the verify pipeline: questions -> resolve -> compare
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "load.h"
#include "records.h"
#include "resolve.h"
#include "state.h"
#include "vec.h"

static bool
owned_elsewhere(const struct sipdns_view *v, const char *name)
{
	for (size_t i = 0; i < v->n_owned_elsewhere; i++) {
		const char *p = v->owned_elsewhere[i];
		if (strncmp(p, "*.", 2) == 0) {
			size_t n = strlen(name), s = strlen(p + 1);
			if (n > s && strcmp(name + n - s, p + 1) == 0)
				return true;
		} else if (strcmp(p, name) == 0) {
			return true;
		}
	}
	return false;
}

static bool
push_q(struct sipdns_verify_result *r, size_t *cap, enum sipdns_view_id v,
       const char *name, ldns_rr_type type, bool ignored)
{
	if (!sipdns_vec_reserve(&r->q, cap, r->n_q, sizeof(*r->q)))
		return false;
	r->q[r->n_q++] = (struct sipdns_question){ .view = v, .name = name,
						   .type = type,
						   .ignored = ignored };
	return true;
}

enum sipdns_status
sipdns_verify_questions(const struct sipdns_topology *t,
			const struct sipdns_recset *s,
			const struct sipdns_verify_opts *o,
			struct sipdns_verify_result *r)
{
	size_t cap = 0;
	/* the set is sorted by view and owner: one pass, each name once */
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *rec = &s->v[i];
		if (o->view >= 0 && (int)rec->view != o->view)
			continue;
		if (i > 0 && s->v[i - 1].view == rec->view &&
		    strcmp(s->v[i - 1].owner, rec->owner) == 0)
			continue;
		bool ign = owned_elsewhere(&t->views[rec->view], rec->owner);
		if (ign)
			r->ignored_names++;
		bool srv = rec->owner[0] == '_';
		if (!push_q(r, &cap, rec->view, rec->owner,
			    srv ? LDNS_RR_TYPE_SRV : LDNS_RR_TYPE_A, ign))
			return SIPDNS_ENOMEM;
		if (!srv && !push_q(r, &cap, rec->view, rec->owner,
				    LDNS_RR_TYPE_AAAA, ign))
			return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}

bool
sipdns_verify_question_text(const struct sipdns_verify_result *r, size_t i,
			    const char **name, char *type, size_t size)
{
	const struct sipdns_question *q = &r->q[i];
	char *tn = ldns_rr_type2str(q->type);
	snprintf(type, size, "%s", tn ? tn : "?");
	free(tn);
	*name = q->name;
	return !q->ignored;
}

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
	enum sipdns_view_id view;
};

static void
on_progress(void *arg, size_t done, size_t total)
{
	const struct progress *p = arg;
	p->o->progress(p->o->progress_arg, p->view, done, total);
}

/* Ask the questions of view v (not owned elsewhere) and run. */
static enum sipdns_status
ask_view(struct sipdns_verify_result *r, const struct sipdns_verify_opts *o,
	 enum sipdns_view_id v, struct sipdns_diag *d)
{
	struct progress pg = { o, v };
	struct sipdns_resolve_opts ro = {
		.servers = o->servers[v], .no_recurse = o->no_recurse,
		.timeout_ms = o->timeout_ms, .tries = o->tries,
		.max_in_flight = o->max_in_flight,
		.max_per_server = o->max_per_server, .cancel = o->cancel,
		.progress = o->progress ? on_progress : NULL,
		.progress_arg = &pg,
	};
	struct sipdns_resolver *res;
	char why[200];
	enum sipdns_status st = sipdns_resolve_create(&ro, &res, why, sizeof(why));
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
	r->system_resolver[v] = sipdns_resolve_system(res);
	for (size_t i = 0; i < r->n_q && st == SIPDNS_OK; i++) {
		struct sipdns_question *q = &r->q[i];
		if (q->view != v || q->ignored)
			continue;
		q->no_recurse = o->no_recurse;
		st = sipdns_resolve_ask(res, q->name, (uint16_t)q->type,
					on_reply, q);
	}
	if (st == SIPDNS_OK)
		st = sipdns_resolve_run(res);
	sipdns_resolve_destroy(res);
	return st;
}

enum sipdns_status
sipdns_verify_ask(struct sipdns_verify_result *r,
		  const struct sipdns_verify_opts *o, struct sipdns_diag *d)
{
	double t0 = now_s();
	enum sipdns_status st = SIPDNS_OK;
	for (int v = 0; v < SIPDNS_VIEW_COUNT && st == SIPDNS_OK; v++) {
		size_t count = 0;
		for (size_t i = 0; i < r->n_q; i++)
			count += (int)r->q[i].view == v && !r->q[i].ignored;
		if (count > 0)
			st = ask_view(r, o, (enum sipdns_view_id)v, d);
	}
	r->seconds = now_s() - t0;
	return st;
}

enum sipdns_status
sipdns_job_questions(const struct sipdns_job *j,
		     const struct sipdns_verify_opts *o,
		     struct sipdns_verify_result *r)
{
	return sipdns_verify_questions(j->t, &j->set, o, r);
}

enum sipdns_status
sipdns_job_verify(struct sipdns_job *j, const struct sipdns_verify_opts *o,
		  const char *state_path, long now,
		  struct sipdns_verify_result *r)
{
	enum sipdns_status st = sipdns_verify_ask(r, o, &j->diag);
	if (st == SIPDNS_OK)
		st = sipdns_compare(j->t, &j->set, o, r);
	if (st == SIPDNS_OK && state_path != NULL)
		st = sipdns_state_update(r, state_path, now, &j->diag);
	return st;
}
