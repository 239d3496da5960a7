/* verify.c -- the verify pipeline: questions -> resolve -> compare
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "compare.h"
#include "load.h"
#include "records.h"
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
	enum sipdns_status st = sipdns_ask(r, o, &j->diag);
	if (st == SIPDNS_OK)
		st = sipdns_compare(j->t, &j->set, o, r);
	if (st == SIPDNS_OK && state_path != NULL)
		st = sipdns_state_update(r, j->t, state_path, now, &j->diag);
	return st;
}
