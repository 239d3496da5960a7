/* ask.c -- verify's asking: each view's questions to its resolver
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "ask.h"

#include <stdio.h>
#include <time.h>

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
sipdns_ask(struct sipdns_verify_result *r, const struct sipdns_verify_opts *o,
	   struct sipdns_diag *d)
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
