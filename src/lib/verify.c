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
#include <unistd.h>

#include "arena.h"
#include "ask.h"
#include "compare.h"
#include "load.h"
#include "m365.h"
#include "name.h"
#include "profile.h"
#include "records.h"
#include "state.h"
#include "vec.h"
#include "zones.h"

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

/* Adding the product's must-not-exist names to the questions. */
struct absent_ctx {
	const struct sipdns_topology *t;
	const struct sipdns_recset *s;
	const struct sipdns_verify_opts *o;
	struct sipdns_verify_result *r;
	size_t *cap;
};

/* One must-not-exist name: asked unless its view is not asked, it is
 * managed there (then it is judged as such), owned elsewhere, or in no
 * zone of the view (nothing outside the topology's zones is judged). */
static bool
add_absent(void *arg, const struct sipdns_absent *a)
{
	struct absent_ctx *c = arg;
	enum sipdns_view_id v = (enum sipdns_view_id)a->view;
	if ((c->o->view >= 0 && a->view != c->o->view) || !c->t->views[v].present ||
	    sipdns_recset_find(c->s, v, a->name, LDNS_RR_TYPE_ANY) ||
	    sipdns_topology_owned(c->t, v, a->name) ||
	    sipdns_zone_index_find(sipdns_topology_zones(c->t, v), a->name) == NULL)
		return true;
	struct sipdns_arena *ar = c->s->arena;
	const char *name = sipdns_arena_strdup(ar, a->name);
	const char *reason = sipdns_arena_strdup(ar, a->reason);
	const char *todo = sipdns_arena_strdup(ar, a->todo);
	const char *allow = a->allow ? sipdns_arena_strdup(ar, a->allow) : NULL;
	if (!name || !reason || !todo || (a->allow && !allow) ||
	    !push_q(c->r, c->cap, v, name, (ldns_rr_type)a->type, false))
		return false;
	struct sipdns_question *q = &c->r->q[c->r->n_q - 1];
	q->must_not = true;
	q->absent_reason = reason;
	q->absent_todo = todo;
	q->absent_fact = a->fact;
	q->absent_allow = allow;
	return true;
}

/* The questions' order: the record set's (view, canonical name), then
 * the type, so that compare finds a name's questions by binary search. */
static int
q_cmp(const void *pa, const void *pb)
{
	const struct sipdns_question *a = pa, *b = pb;
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	int c = sipdns_name_cmp(a->name, b->name);
	if (c != 0)
		return c;
	return (a->type > b->type) - (a->type < b->type);
}

/* How many questions record i of s asks: none when its name was asked
 * already (the set is sorted by view and owner: each name once) or it
 * is not in the run, one SRV for a service name, else A and AAAA. */
static int
record_questions(const struct sipdns_recset *s, size_t i,
		 const struct sipdns_verify_opts *o)
{
	const struct sipdns_record *rec = &s->v[i];
	if ((o->view >= 0 && (int)rec->view != o->view) ||
	    (o->teams_only_preflight && !(rec->flags & SIPDNS_REC_M365_ONLINE)))
		return 0;
	if (i > 0 && s->v[i - 1].view == rec->view &&
	    s->v[i - 1].ownerlen == rec->ownerlen &&
	    memcmp(s->v[i - 1].owner, rec->owner, rec->ownerlen) == 0)
		return 0;
	return rec->owner[0] == '_' ? 1 : 2;
}

enum sipdns_status
sipdns_verify_questions(const struct sipdns_topology *t,
			const struct sipdns_recset *s,
			const struct sipdns_verify_opts *o,
			struct sipdns_verify_result *r)
{
	/* counted first, then made in one array: grown by doubling, its
	 * copies touched twice the memory (136 bytes a question, 600,000) */
	size_t cap = 0, n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += (size_t)record_questions(s, i, o);
	if (n > 0 && !sipdns_vec_reserve(&r->q, &cap, n - 1, sizeof(*r->q)))
		return SIPDNS_ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		int k = record_questions(s, i, o);
		if (k == 0)
			continue;
		const struct sipdns_record *rec = &s->v[i];
		bool ign = sipdns_topology_owned(t, rec->view, rec->owner);
		if (ign)
			r->ignored_names++;
		if (!push_q(r, &cap, rec->view, rec->owner,
			    k == 1 ? LDNS_RR_TYPE_SRV : LDNS_RR_TYPE_A, ign))
			return SIPDNS_ENOMEM;
		if (k == 2 && !push_q(r, &cap, rec->view, rec->owner,
				      LDNS_RR_TYPE_AAAA, ign))
			return SIPDNS_ENOMEM;
	}
	/* the names that must not exist: questions like the others */
	size_t managed = r->n_q;
	struct absent_ctx ac = { t, s, o, r, &cap };
	if (!o->teams_only_preflight && t->product && t->product->absent &&
	    !t->product->absent(t, add_absent, &ac))
		return SIPDNS_ENOMEM;
	if (!sipdns_m365_absent(t, add_absent, &ac))
		return SIPDNS_ENOMEM;
	if (r->n_q > managed)
		qsort(r->q, r->n_q, sizeof(*r->q), q_cmp);
	return SIPDNS_OK;
}


/* --- wildcards: a random name that cannot exist, once per zone ------- */

/* A random seed: /dev/urandom, else the clock and the process id. Read
 * once per view: a read for each zone was a sixth of verify's time at
 * 10,000 zones. */
static uint64_t
random_seed(void)
{
	unsigned char b[8] = { 0 };
	FILE *fp = fopen("/dev/urandom", "rb");
	bool got = fp && setvbuf(fp, NULL, _IONBF, 0) == 0 &&
		   fread(b, 1, sizeof(b), fp) == sizeof(b);
	if (fp)
		fclose(fp);
	uint64_t x = 0;
	if (!got) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		return (uint64_t)ts.tv_nsec * 6364136223846793005ULL ^
			(uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 32);
	}
	for (size_t i = 0; i < sizeof(b); i++)
		x = x << 8 | b[i];
	return x;
}

/* 16 hex digits into out (17 bytes), the next of the sequence *state
 * (splitmix64: every value distinct, none guessable without the seed),
 * so that no zone holds the name. */
static void
random_hex(char *out, uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	static const char hexd[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--, z >>= 4)
		out[i] = hexd[z & 15];
	out[16] = '\0';
}

/* The zones of view v (by index) that hold a question to ask. */
static bool *
asked_zones(const struct sipdns_topology *t,
	    const struct sipdns_zone_index *x, enum sipdns_view_id v,
	    const struct sipdns_verify_result *r)
{
	const struct sipdns_view *vw = &t->views[v];
	bool *on = calloc(vw->n_zones ? vw->n_zones : 1, sizeof(*on));
	const struct sipdns_zone *near = NULL;   /* questions in DNS order */
	for (size_t i = 0; on && i < r->n_q; i++) {
		const struct sipdns_question *q = &r->q[i];
		if (q->view != v || q->ignored)
			continue;
		const struct sipdns_zone *z =
			sipdns_zone_index_find_near(x, q->name, strlen(q->name), near);
		if (z)
			on[(near = z) - vw->zones] = true;
	}
	return on;
}

/* The probes (A and AAAA at sipdns-nx-HEX.ZONE) of view v's zones that
 * are asked, into pr; never a name the topology manages. */
static bool
add_probes(const struct sipdns_topology *t, const struct sipdns_recset *s,
	   enum sipdns_view_id v, const bool *on,
	   struct sipdns_verify_result *pr, size_t *cap)
{
	const struct sipdns_view *vw = &t->views[v];
	uint64_t rng = random_seed();
	for (size_t k = 0; k < vw->n_zones; k++) {
		if (!on[k])
			continue;
		char hex[17], *name = NULL;
		for (int tries = 0; tries < 4 && name == NULL; tries++) {
			random_hex(hex, &rng);
			name = sipdns_arena_printf(s->arena, "sipdns-nx-%s.%s", hex,
						   vw->zones[k].name);
			if (name && (sipdns_recset_find(s, v, name, LDNS_RR_TYPE_ANY) ||
				     sipdns_topology_owned(t, v, name)))
				name = NULL;
		}
		if (name == NULL)
			continue;   /* no probe: no wildcard is claimed */
		if (!push_q(pr, cap, v, name, LDNS_RR_TYPE_A, false) ||
		    !push_q(pr, cap, v, name, LDNS_RR_TYPE_AAAA, false))
			return false;
	}
	return true;
}

/* Are a and b the same data, whatever their owner and TTL? */
static bool
rdata_equal(const ldns_rr *a, const ldns_rr *b)
{
	if (ldns_rr_get_type(a) != ldns_rr_get_type(b) ||
	    ldns_rr_rd_count(a) != ldns_rr_rd_count(b))
		return false;
	for (size_t i = 0; i < ldns_rr_rd_count(a); i++)
		if (ldns_rdf_compare(ldns_rr_rdf(a, i), ldns_rr_rdf(b, i)) != 0)
			return false;
	return true;
}

/* The records of q's answer at its own name (of its type or an alias). */
static size_t
own_data(const struct sipdns_question *q, const ldns_rr **out, size_t max)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	snprintf(buf, sizeof(buf), "%s.", q->name);
	ldns_rdf *qn = ldns_dname_new_frm_str(buf);
	size_t n = 0;
	for (size_t i = 0; qn && q->answer && i < ldns_rr_list_rr_count(q->answer); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(q->answer, i);
		ldns_rr_type t = ldns_rr_get_type(rr);
		if ((t == q->type || t == LDNS_RR_TYPE_CNAME) && n < max &&
		    sipdns_dname_equal(ldns_rr_owner(rr), qn))
			out[n++] = rr;
	}
	ldns_rdf_deep_free(qn);
	return n;
}

#define MAX_DATA 64

/* Does q's data (records at its own name, of its type or an alias)
 * equal the list of na records, record for record? */
static bool
data_equal(const struct sipdns_question *q, const ldns_rr **a, size_t na)
{
	const ldns_rr *b[MAX_DATA];
	size_t nb = own_data(q, b, MAX_DATA);
	if (na == 0 || na != nb)
		return false;
	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t k = 0; k < nb && !found; k++)
			found = rdata_equal(a[i], b[k]);
		if (!found)
			return false;
	}
	return true;
}

/* Is q's answer exactly the expected data? Then the clients get what they
 * need, and over DNS a record cannot be told from a wildcard equal to it:
 * such a question is not said to be answered by the wildcard. */
static bool
answer_expected(const struct sipdns_recset *s, const struct sipdns_question *q)
{
	const ldns_rr *e[MAX_DATA];
	size_t ne = 0;
	const struct sipdns_record *x = sipdns_recset_find(s, q->view, q->name,
							   LDNS_RR_TYPE_ANY);
	for (; x && x < s->v + s->n && x->view == q->view &&
	     strcmp(x->owner, q->name) == 0 && ne < MAX_DATA; x++) {
		ldns_rr_type t = x->type;
		if (t == q->type || t == LDNS_RR_TYPE_CNAME)
			e[ne++] = x->rr;
	}
	return data_equal(q, e, ne);
}

/* Mark the answered questions of probe p's zone whose data equal the
 * wildcard's (p answered with data) with q->wildcard = "*.ZONE". */
static bool
mark_wildcard(const struct sipdns_recset *s, const struct sipdns_zone_index *x,
	      const struct sipdns_question *p, struct sipdns_verify_result *r)
{
	const ldns_rr *w[MAX_DATA];
	size_t nw = own_data(p, w, MAX_DATA);
	const char *zone = strchr(p->name, '.') + 1;
	const struct sipdns_zone *pz = sipdns_zone_index_find(x, p->name);
	for (size_t i = 0; nw && i < r->n_q; i++) {
		struct sipdns_question *q = &r->q[i];
		if (q->view != p->view || q->type != p->type || q->ignored ||
		    q->state != SIPDNS_Q_ANSWER || q->wildcard ||
		    sipdns_zone_index_find(x, q->name) != pz ||
		    !data_equal(q, w, nw) || answer_expected(s, q))
			continue;
		size_t n = strlen(zone) + 3;
		if ((q->wildcard = malloc(n)) == NULL)
			return false;
		snprintf(q->wildcard, n, "*.%s", zone);
	}
	return true;
}

/* The wildcard probes, asked with the questions in one run (ask.c). */
struct probes {
	struct sipdns_verify_result pr;   /* only its questions are used */
	const struct sipdns_zone_index *x[SIPDNS_VIEW_COUNT];  /* the topology's */
};

static void
probes_fini(struct probes *p)
{
	sipdns_verify_result_fini(&p->pr);
}

/* Once per zone of each view asked that holds a question, a name that
 * cannot exist, into p (zeroed by the caller). */
static enum sipdns_status
probes_build(const struct sipdns_topology *t, const struct sipdns_recset *s,
	     const struct sipdns_verify_opts *o,
	     const struct sipdns_verify_result *r, struct probes *p)
{
	size_t cap = 0, n = 0;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)   /* two per zone at most */
		if (t->views[v].present && (o->view < 0 || v == o->view))
			n += 2 * t->views[v].n_zones;
	if (n > 0 && !sipdns_vec_reserve(&p->pr.q, &cap, n - 1, sizeof(*p->pr.q)))
		return SIPDNS_ENOMEM;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (!t->views[v].present || (o->view >= 0 && v != o->view))
			continue;
		bool *on = NULL;
		bool ok = (p->x[v] = sipdns_topology_zones(t, (enum sipdns_view_id)v)) &&
			  (on = asked_zones(t, p->x[v], (enum sipdns_view_id)v, r)) &&
			  add_probes(t, s, (enum sipdns_view_id)v, on, &p->pr, &cap);
		free(on);
		if (!ok)
			return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}

/* Where a wildcard answered a probe, mark the questions it answered. The
 * probes are not findings, and a probe that fails is not an error: its
 * zone is then simply not judged for wildcards. */
static enum sipdns_status
probes_mark(const struct sipdns_recset *s, const struct probes *p,
	    struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < p->pr.n_q; i++)
		if (p->pr.q[i].state == SIPDNS_Q_ANSWER &&
		    !mark_wildcard(s, p->x[p->pr.q[i].view], &p->pr.q[i], r))
			return SIPDNS_ENOMEM;
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
sipdns_job_probes(const struct sipdns_job *j, const struct sipdns_verify_opts *o,
		  const struct sipdns_verify_result *r,
		  struct sipdns_verify_result *out)
{
	struct probes p;
	memset(&p, 0, sizeof(p));
	enum sipdns_status st = probes_build(j->t, &j->set, o, r, &p);
	*out = p.pr;   /* its questions, handed over */
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
	struct probes p;
	memset(&p, 0, sizeof(p));
	/* one run: the questions and, after them, the wildcard probes */
	enum sipdns_status st = probes_build(j->t, &j->set, o, r, &p);
	if (st == SIPDNS_OK)
		st = sipdns_ask_with(j->t, r, p.pr.q, p.pr.n_q, o, &j->diag);
	if (st == SIPDNS_OK)
		st = probes_mark(&j->set, &p, r);
	probes_fini(&p);
	if (st == SIPDNS_OK)
		st = sipdns_compare(j->t, &j->set, o, r);
	if (st == SIPDNS_OK)
		sipdns_ask_link(r);
	if (st == SIPDNS_OK && state_path != NULL)
		st = sipdns_state_update(r, j->t, state_path, now, &j->diag);
	return st;
}
