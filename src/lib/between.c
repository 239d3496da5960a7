/* between.c -- verify --between: two servers' answers, paired (pure)
 *
 * Before a cutover the admin asks the old and the new server the same
 * questions. Each side goes through verify (the questions, the asking,
 * the one comparison with the topology); this module then pairs the two
 * sides' questions by view, name and type and says what the answers are
 * to each other. A side that failed is "unseen", never "same" and never
 * "differs".
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "between.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "load.h"
#include "records.h"
#include "vec.h"

const char *
sipdns_between_class_name(enum sipdns_between_class c)
{
	switch (c) {
	case SIPDNS_BETWEEN_SAME: return "same";
	case SIPDNS_BETWEEN_TTL: return "ttl";
	case SIPDNS_BETWEEN_DIFFERS: return "differs";
	case SIPDNS_BETWEEN_ONLY_OLD: return "only-old";
	case SIPDNS_BETWEEN_ONLY_NEW: return "only-new";
	case SIPDNS_BETWEEN_UNSEEN: return "unseen";
	case SIPDNS_BETWEEN_CLASSES: break;
	}
	return "?";
}

/* Can q's answer be judged: a response with an rcode that says what the
 * server holds (data, no data, no such name), not a referral? */
static bool
seen(const struct sipdns_question *q)
{
	return q && !q->delegated &&
	       (q->state == SIPDNS_Q_ANSWER || q->state == SIPDNS_Q_NODATA ||
		q->state == SIPDNS_Q_NXDOMAIN);
}

static size_t
n_records(const struct sipdns_question *q)
{
	return q->answer ? ldns_rr_list_rr_count(q->answer) : 0;
}

/* q's answer records, cloned in canonical form (owner and names in the
 * data lower-case) and sorted by data (ldns_rr_compare: owner, class,
 * type, data; never the TTL). NULL when memory ran out. */
static ldns_rr_list *
canonical(const struct sipdns_question *q)
{
	ldns_rr_list *out = ldns_rr_list_new();
	for (size_t i = 0; out && i < n_records(q); i++) {
		ldns_rr *rr = ldns_rr_clone(ldns_rr_list_rr(q->answer, i));
		if (rr == NULL || !ldns_rr_list_push_rr(out, rr)) {
			ldns_rr_free(rr);
			ldns_rr_list_deep_free(out);
			return NULL;
		}
		ldns_rr2canonical(rr);
	}
	if (out)
		ldns_rr_list_sort(out);
	return out;
}

/* Both lists sorted: the same data? *ttl turns true when a record's TTL
 * differs from its equal's. */
static bool
same_data(const ldns_rr_list *a, const ldns_rr_list *b, bool *ttl)
{
	size_t n = ldns_rr_list_rr_count(a);
	*ttl = false;
	if (n != ldns_rr_list_rr_count(b))
		return false;
	for (size_t i = 0; i < n; i++) {
		const ldns_rr *x = ldns_rr_list_rr(a, i), *y = ldns_rr_list_rr(b, i);
		if (ldns_rr_compare(x, y) != 0)
			return false;
		if (ldns_rr_ttl(x) != ldns_rr_ttl(y))
			*ttl = true;
	}
	return true;
}

enum sipdns_between_class
sipdns_between_classify(const struct sipdns_question *a,
			const struct sipdns_question *b)
{
	if (!seen(a) || !seen(b))
		return SIPDNS_BETWEEN_UNSEEN;
	size_t na = n_records(a), nb = n_records(b);
	/* no records on either side: the same only when both say the same
	 * (NXDOMAIN removes every type at the name, no data only this one) */
	if (na == 0 && nb == 0)
		return (a->state == SIPDNS_Q_NXDOMAIN) == (b->state == SIPDNS_Q_NXDOMAIN)
			? SIPDNS_BETWEEN_SAME : SIPDNS_BETWEEN_DIFFERS;
	if (nb == 0)
		return SIPDNS_BETWEEN_ONLY_OLD;
	if (na == 0)
		return SIPDNS_BETWEEN_ONLY_NEW;
	ldns_rr_list *ca = canonical(a), *cb = canonical(b);
	bool ttl = false, same = ca && cb && same_data(ca, cb, &ttl);
	ldns_rr_list_deep_free(ca);
	ldns_rr_list_deep_free(cb);
	/* out of memory: not claimed the same */
	if (ca == NULL || cb == NULL)
		return SIPDNS_BETWEEN_UNSEEN;
	return !same ? SIPDNS_BETWEEN_DIFFERS
	       : ttl ? SIPDNS_BETWEEN_TTL : SIPDNS_BETWEEN_SAME;
}

/* What q said, as one line. */
static char *
state_text(const struct sipdns_question *q)
{
	char buf[SIPDNS_DETAIL_MAX + 600];
	if (q == NULL)
		snprintf(buf, sizeof(buf), "not asked");
	else if (q->delegated)
		snprintf(buf, sizeof(buf), "delegated to %s", q->delegated);
	else
		snprintf(buf, sizeof(buf), "%s%s%s", sipdns_qstate_name(q->state),
			 q->detail && q->detail[0] ? ": " : "", q->detail ? q->detail : "");
	return strdup(buf);
}

/* One side of an item: seen, what it said, its records (canonical). */
static bool
side_fill(struct sipdns_between_side *s, const struct sipdns_question *q)
{
	s->seen = seen(q);
	if ((s->state = state_text(q)) == NULL)
		return false;
	if (q == NULL || n_records(q) == 0)
		return true;
	ldns_rr_list *c = canonical(q);
	bool ok = c != NULL;
	for (size_t i = 0; ok && i < ldns_rr_list_rr_count(c); i++) {
		char *t = sipdns_rr_str(ldns_rr_list_rr(c, i));
		for (char *p = t; p && *p; p++)
			if (*p == '\t')
				*p = ' ';
		ok = t && sipdns_findings_list_add(&s->records, t);
		free(t);
	}
	ldns_rr_list_deep_free(c);
	return ok;
}

/* A new item for the pair (a, b), either NULL when not asked there. */
static bool
add_item(struct sipdns_between_result *res, const struct sipdns_question *a,
	 const struct sipdns_question *b)
{
	const struct sipdns_question *q = a ? a : b;
	if (!sipdns_vec_reserve(&res->v, &res->cap, res->n, sizeof(*res->v)))
		return false;
	struct sipdns_between_item *it = &res->v[res->n++];
	memset(it, 0, sizeof(*it));
	it->cls = sipdns_between_classify(a, b);
	it->view = q->view;
	it->must_not = (a && a->must_not) || (b && b->must_not);
	char *tn = ldns_rr_type2str(q->type);
	snprintf(it->type_name, sizeof(it->type_name), "%s", tn ? tn : "?");
	free(tn);
	size_t nl = strlen(q->name) + 2;
	if ((it->name = malloc(nl)) == NULL)
		return false;
	snprintf(it->name, nl, "%s.", q->name);
	res->count[it->cls]++;
	for (int s = 0; s < 2; s++) {
		if (!side_fill(&it->side[s], s == 0 ? a : b))
			return false;
		if (it->cls == SIPDNS_BETWEEN_UNSEEN && !it->side[s].seen)
			res->unseen_side[s]++;
	}
	return true;
}

enum sipdns_status
sipdns_between_pair(const struct sipdns_verify_result *old,
		    const struct sipdns_verify_result *new,
		    struct sipdns_between_result *res)
{
	for (size_t i = 0; i < old->n_q; i++) {
		const struct sipdns_question *a = &old->q[i];
		if (a->ignored)
			continue;
		const struct sipdns_question *b =
			sipdns_question_find(new, a->view, a->name, a->type);
		if (!add_item(res, a, b && !b->ignored ? b : NULL))
			return SIPDNS_ENOMEM;
	}
	/* a question of NEW only (not when both sides asked the same) */
	for (size_t i = 0; i < new->n_q; i++) {
		const struct sipdns_question *b = &new->q[i];
		if (!b->ignored &&
		    sipdns_question_find(old, b->view, b->name, b->type) == NULL &&
		    !add_item(res, NULL, b))
			return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}

/* --- the run: verify once per side, then the pairing ---------------- */

/* The view compared: o->view, or the topology's only one; -1 with why in
 * the job's diagnostics. */
static int
between_view(struct sipdns_job *j, const struct sipdns_verify_opts *o)
{
	static const struct sipdns_loc none = { NULL, 0, 0 };
	const struct sipdns_topology *t = j->t;
	if (o->view >= 0 && o->view < SIPDNS_VIEW_COUNT) {
		if (t->views[o->view].present)
			return o->view;
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, none, NULL,
				"--between: the topology has no %s view; use --view with one it has",
				sipdns_view_name((enum sipdns_view_id)o->view));
		return -1;
	}
	int found = -1, n = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (t->views[v].present) {
			found = v;
			n++;
		}
	if (n == 1)
		return found;
	sipdns_diag_add(&j->diag, SIPDNS_ERROR, none, NULL,
			"--between: the topology has %s; say which view moves with --view internal or --view external",
			n ? "two views" : "no view");
	return -1;
}

enum sipdns_status
sipdns_job_between(struct sipdns_job *j, const struct sipdns_verify_opts *o,
		   const char *const server[2],
		   struct sipdns_between_result *res)
{
	if ((res->view = between_view(j, o)) < 0)
		return SIPDNS_EUSAGE;
	for (int s = 0; s < 2; s++) {
		struct sipdns_verify_opts so = *o;
		so.view = res->view;
		so.system_resolver = false;
		for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
			so.servers[v] = v == res->view ? server[s] : NULL;
		enum sipdns_status st = sipdns_job_questions(j, &so, &res->side[s]);
		if (st == SIPDNS_OK)
			st = sipdns_job_verify(j, &so, NULL, 0, &res->side[s]);
		if (st != SIPDNS_OK)
			return st;
	}
	return sipdns_between_pair(&res->side[0], &res->side[1], res);
}

void
sipdns_between_result_fini(struct sipdns_between_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		free(res->v[i].name);
		for (int s = 0; s < 2; s++) {
			free(res->v[i].side[s].state);
			free(res->v[i].side[s].records);
		}
	}
	free(res->v);
	sipdns_verify_result_fini(&res->side[0]);
	sipdns_verify_result_fini(&res->side[1]);
	memset(res, 0, sizeof(*res));
}
