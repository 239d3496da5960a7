/* plan_build.c -- the parts a plan is built from
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan_build.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "findings.h"
#include "model.h"
#include "name.h"
#include "records.h"

void
sipdns_plan_build_set_fini(struct sipdns_plan_set *s)
{
	for (size_t i = 0; i < s->n_ch; i++) {
		ldns_rr_free(s->ch[i].rr);
		free(s->ch[i].text);
		free(s->ch[i].reason);
		free(s->ch[i].fact);
	}
	free(s->ch);
	ldns_rr_list_deep_free(s->seen);
	free(s->owner);
}

/* ---- building ------------------------------------------------------------ */

/* Room for element n of *vp (elements of size bytes): the capacity follows
 * n (16, then doubling), so no capacity is stored. */
static bool
grow(void *vp, size_t n, size_t size)
{
	if (n != 0 && (n < 16 || (n & (n - 1)) != 0))
		return true;
	size_t cap = n == 0 ? 16 : 2 * n;
	if (cap > SIZE_MAX / size)
		return false;
	void **v = vp;
	void *nv = realloc(*v, cap * size);
	if (nv == NULL)
		return false;
	*v = nv;
	return true;
}

/* rr as one line, tabs as spaces; malloc'd, NULL when out of memory. */
static char *
rr_text(const ldns_rr *rr)
{
	char *s = sipdns_rr_str(rr);
	for (char *q = s; q && *q; q++)
		if (*q == '\t')
			*q = ' ';
	return s;
}

/* The owner of rr, lower-case and without the trailing dot; malloc'd. */
char *
sipdns_plan_build_rr_owner(const ldns_rr *rr)
{
	char *s = ldns_rdf2str(ldns_rr_owner(rr));
	if (s == NULL)
		return NULL;
	size_t n = strlen(s);
	if (n > 1 && s[n - 1] == '.')
		s[n - 1] = '\0';
	for (char *q = s; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return s;
}

static void
type_name(uint16_t type, char *buf, size_t size)
{
	char *t = ldns_rr_type2str((ldns_rr_type)type);
	snprintf(buf, size, "%s", t ? t : "?");
	free(t);
}

struct sipdns_plan_zone *
sipdns_plan_build_zone_add(struct sipdns_plan_build *b, enum sipdns_view_id v,
			   const struct sipdns_zone *zone)
{
	if (!grow(&b->p.z, b->p.n_z, sizeof(*b->p.z))) {
		b->oom = true;
		return NULL;
	}
	struct sipdns_plan_zone *z = &b->p.z[b->p.n_z++];
	memset(z, 0, sizeof(*z));
	z->view = v;
	z->zone = zone;
	z->name = zone->name;
	return z;
}

static int
idx_cmp(const void *pa, const void *pb)
{
	const struct sipdns_plan_zone *a = *(struct sipdns_plan_zone *const *)pa,
				      *b = *(struct sipdns_plan_zone *const *)pb;
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The zones sorted by view and name (made once all zones are in: the
 * array of zones does not move after). */
static bool
index_zones(struct sipdns_plan_build *b)
{
	b->idx = malloc(b->p.n_z * sizeof(*b->idx));
	if (b->idx == NULL) {
		b->oom = true;
		return false;
	}
	for (size_t i = 0; i < b->p.n_z; i++)
		b->idx[i] = &b->p.z[i];
	qsort(b->idx, b->p.n_z, sizeof(*b->idx), idx_cmp);
	return true;
}

/* The plan's zone of view v named name (NULL: none). Findings come in
 * zone order, so the last one found is tried first. */
struct sipdns_plan_zone *
sipdns_plan_build_zone_find(struct sipdns_plan_build *b, enum sipdns_view_id v,
			    const char *name, size_t *last)
{
	if (name == NULL || b->p.n_z == 0)
		return NULL;
	struct sipdns_plan_zone *z = &b->p.z[*last < b->p.n_z ? *last : 0];
	if (z->view == v && strcmp(z->name, name) == 0)
		return z;
	if (b->idx == NULL && !index_zones(b))
		return NULL;
	size_t lo = 0, hi = b->p.n_z;
	while (lo < hi) {   /* the first index entry not before (v, name) */
		size_t mid = lo + (hi - lo) / 2;
		const struct sipdns_plan_zone *m = b->idx[mid];
		int c = m->view != v ? (m->view < v ? -1 : 1) : strcmp(m->name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == b->p.n_z)
		return NULL;
	z = b->idx[lo];
	if (z->view != v || strcmp(z->name, name) != 0)
		return NULL;
	*last = (size_t)(z - b->p.z);
	return z;
}

/* The set of owner and type in z, made when new (sets of one owner are
 * made one after another, so the search goes back while the owner is
 * the same). */
struct sipdns_plan_set *
sipdns_plan_build_set_get(struct sipdns_plan_build *b,
			  struct sipdns_plan_zone *z, const char *owner,
			  uint16_t type)
{
	for (size_t i = z->n_sets; i-- > 0;) {
		if (strcmp(z->sets[i].owner, owner) != 0)
			break;
		if (z->sets[i].type == type)
			return &z->sets[i];
	}
	if (!grow(&z->sets, z->n_sets, sizeof(*z->sets)))
		goto oom;
	struct sipdns_plan_set *s = &z->sets[z->n_sets];
	memset(s, 0, sizeof(*s));
	s->type = type;
	s->pre = SIPDNS_PRE_NONE;
	type_name(type, s->type_name, sizeof(s->type_name));
	if ((s->owner = strdup(owner)) == NULL ||
	    (s->seen = ldns_rr_list_new()) == NULL) {
		free(s->owner);
		goto oom;
	}
	z->n_sets++;
	return s;
oom:
	b->oom = true;
	return NULL;
}

/* Add a change of rr (owned, also on failure) to s, once. */
struct sipdns_plan_change *
sipdns_plan_build_change_add(struct sipdns_plan_build *b,
			     struct sipdns_plan_set *s, enum sipdns_plan_op op,
			     enum sipdns_plan_why why, ldns_rr *rr)
{
	for (size_t i = 0; i < s->n_ch; i++)
		if (s->ch[i].op == op &&
		    ldns_rr_compare(s->ch[i].rr, rr) == 0) {
			ldns_rr_free(rr);
			return &s->ch[i];
		}
	if (!grow(&s->ch, s->n_ch, sizeof(*s->ch))) {
		ldns_rr_free(rr);
		b->oom = true;
		return NULL;
	}
	struct sipdns_plan_change *c = &s->ch[s->n_ch++];
	memset(c, 0, sizeof(*c));
	c->op = op;
	c->why = why;
	c->rr = rr;
	if ((c->text = rr_text(rr)) == NULL)
		b->oom = true;
	return c;
}

/* Give c its reason, fact and flags. */
void
sipdns_plan_build_change_why(struct sipdns_plan_build *b,
			     struct sipdns_plan_change *c, const char *reason,
			     const char *fact, unsigned flags)
{
	bool ok = true;
	if (c == NULL || c->reason != NULL || c->fact != NULL)
		return;
	c->reason = sipdns_findings_dup(reason, &ok);
	c->fact = sipdns_findings_dup(fact, &ok);
	c->flags = flags;
	if (!ok)
		b->oom = true;
}

void
sipdns_plan_build_change_of(struct sipdns_plan_build *b,
			    struct sipdns_plan_change *c,
			    const struct sipdns_record *e)
{
	sipdns_plan_build_change_why(b, c, e->reason, e->fact, e->flags);
	if (c != NULL)
		c->line = e->loc.line;
}

void
sipdns_plan_build_kept_add(struct sipdns_plan_build *b,
			   struct sipdns_plan_zone *z, const char *owner,
			   const ldns_rr *rr, const char *why)
{
	if (!grow(&z->kept, z->n_kept, sizeof(*z->kept))) {
		b->oom = true;
		return;
	}
	struct sipdns_plan_kept *k = &z->kept[z->n_kept];
	memset(k, 0, sizeof(*k));
	k->type = ldns_rr_get_type(rr);
	type_name(k->type, k->type_name, sizeof(k->type_name));
	k->why = why;
	k->owner = strdup(owner);
	k->text = rr_text(rr);
	if (k->owner == NULL || k->text == NULL) {
		free(k->owner);
		free(k->text);
		b->oom = true;
		return;
	}
	z->n_kept++;
}

/* Drop the kept records of owner and type (a conflict deletes them). */
void
sipdns_plan_build_kept_drop(struct sipdns_plan_zone *z, const char *owner,
			    uint16_t type)
{
	size_t w = 0;
	for (size_t i = 0; i < z->n_kept; i++) {
		struct sipdns_plan_kept *k = &z->kept[i];
		if (k->type == type && strcmp(k->owner, owner) == 0) {
			free(k->owner);
			free(k->text);
			continue;
		}
		z->kept[w++] = *k;
	}
	z->n_kept = w;
}

void
sipdns_plan_build_skip_add(struct sipdns_plan_build *b,
			   struct sipdns_plan_zone *z, const char *owner,
			   uint16_t type, bool refused, const char *message,
			   const char *want, const char *got)
{
	if (!grow(&z->skip, z->n_skip, sizeof(*z->skip))) {
		b->oom = true;
		return;
	}
	struct sipdns_plan_skip *k = &z->skip[z->n_skip];
	memset(k, 0, sizeof(*k));
	bool ok = true;
	k->type = type;
	type_name(type, k->type_name, sizeof(k->type_name));
	k->refused = refused;
	k->owner = sipdns_findings_dup(owner, &ok);
	k->message = sipdns_findings_dup(message, &ok);
	k->want = sipdns_findings_dup(want, &ok);
	k->got = sipdns_findings_dup(got, &ok);
	z->n_skip++;
	if (!ok)
		b->oom = true;
}

/* ---- what was seen ------------------------------------------------------- */

/* The question that saw owner's records of type: a CNAME shows in the A
 * question (or the SRV one at an SRV owner). NULL: none was asked. */
const struct sipdns_question *
sipdns_plan_build_question_of(const struct sipdns_verify_result *r,
			      enum sipdns_view_id v, const char *owner,
			      uint16_t type)
{
	if (r == NULL)
		return NULL;
	if (type != LDNS_RR_TYPE_CNAME)
		return sipdns_question_find(r, v, owner, (ldns_rr_type)type);
	const struct sipdns_question *q =
	    sipdns_question_find(r, v, owner, LDNS_RR_TYPE_A);
	return q ? q : sipdns_question_find(r, v, owner, LDNS_RR_TYPE_SRV);
}

/* Is rr owned by owner (lower-case, no dot)? */
static bool
owned_by(const ldns_rr *rr, const char *owner)
{
	char *o = sipdns_plan_build_rr_owner(rr);
	bool yes = o && strcmp(o, owner) == 0;
	free(o);
	return yes;
}

/* The records of type at owner that q's answer held, or any type when
 * type is 0 (copies, in a new list; NULL when out of memory). */
ldns_rr_list *
sipdns_plan_build_seen_in(const struct sipdns_question *q, const char *owner,
			  uint16_t type)
{
	ldns_rr_list *out = ldns_rr_list_new();
	if (out == NULL || q == NULL || q->answer == NULL)
		return out;
	for (size_t i = 0; i < ldns_rr_list_rr_count(q->answer); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(q->answer, i);
		if ((type && ldns_rr_get_type(rr) != type) ||
		    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
		    !owned_by(rr, owner))
			continue;
		ldns_rr *c = ldns_rr_clone(rr);
		if (c == NULL || !ldns_rr_list_push_rr(out, c)) {
			ldns_rr_free(c);
			ldns_rr_list_deep_free(out);
			return NULL;
		}
	}
	return out;
}

/* Was owner seen not to exist: NXDOMAIN, and nothing at it in the
 * answer (a CNAME whose target does not exist is NXDOMAIN too)? */
static bool
seen_absent(const struct sipdns_question *q, const char *owner, bool *oom)
{
	if (q == NULL || q->state != SIPDNS_Q_NXDOMAIN || q->wildcard)
		return false;
	ldns_rr_list *any = sipdns_plan_build_seen_in(q, owner, 0);
	if (any == NULL) {
		*oom = true;
		return false;
	}
	bool none = ldns_rr_list_rr_count(any) == 0;
	ldns_rr_list_deep_free(any);
	return none;
}

/* Give set s of view v its prerequisite: the set as seen, or that there
 * was none (nxdomain when the name did not exist). */
static void
set_prereq(struct sipdns_plan_build *b, enum sipdns_view_id v,
	   struct sipdns_plan_set *s)
{
	const struct sipdns_question *q =
	    sipdns_plan_build_question_of(b->r, v, s->owner, s->type);
	ldns_rr_list *seen = sipdns_plan_build_seen_in(q, s->owner, s->type);
	if (seen == NULL) {
		b->oom = true;
		return;
	}
	ldns_rr_list_deep_free(s->seen);
	s->seen = seen;
	if (ldns_rr_list_rr_count(seen))
		s->pre = SIPDNS_PRE_RRSET;
	else if (seen_absent(q, s->owner, &b->oom))
		s->pre = SIPDNS_PRE_NXDOMAIN;
	else
		s->pre = SIPDNS_PRE_NXRRSET;
}

/* The expected record of view v equal to rr (TTL aside), or NULL. */
const struct sipdns_record *
sipdns_plan_build_expected_of(const struct sipdns_recset *s,
			      enum sipdns_view_id v, const char *owner,
			      const ldns_rr *rr)
{
	const struct sipdns_record *e =
	    sipdns_recset_find(s, v, owner, LDNS_RR_TYPE_ANY);
	for (; e && e < s->v + s->n && e->view == v &&
	       strcmp(e->owner, owner) == 0;
	     e++)
		if (ldns_rr_compare(e->rr, rr) == 0)
			return e;
	return NULL;
}

/* Is owner a self-registered name of view v (its addresses are the
 * server's to keep)? */
bool
sipdns_plan_build_self_registered(const struct sipdns_recset *s,
				  enum sipdns_view_id v, const char *owner)
{
	const struct sipdns_record *e =
	    sipdns_recset_find(s, v, owner, LDNS_RR_TYPE_ANY);
	for (; e && e < s->v + s->n && e->view == v &&
	       strcmp(e->owner, owner) == 0;
	     e++)
		if (e->flags & SIPDNS_REC_SELF_REGISTERED)
			return true;
	return false;
}

/* ---- finishing -------------------------------------------------------------
 */

static int
op_rank(enum sipdns_plan_op op)
{
	return op == SIPDNS_PLAN_DELETE_SET ? 0
	       : op == SIPDNS_PLAN_DELETE   ? 1
					    : 2;
}

static int
change_cmp(const void *pa, const void *pb)
{
	const struct sipdns_plan_change *a = pa, *b = pb;
	int c = op_rank(a->op) - op_rank(b->op);
	return c ? c : ldns_rr_compare(a->rr, b->rr);
}

int
sipdns_plan_build_set_cmp(const void *pa, const void *pb)
{
	const struct sipdns_plan_set *a = pa, *b = pb;
	int c = sipdns_name_cmp(a->owner, b->owner);
	if (c)
		return c;
	return a->type < b->type ? -1 : a->type > b->type;
}

/* Sort z's sets and their changes (deletes first), drop refused sets,
 * give prerequisites (all sets, or only guards) and count. */
void
sipdns_plan_build_zone_finish(struct sipdns_plan_build *b,
			      struct sipdns_plan_zone *z, bool guards_only)
{
	size_t w = 0;
	for (size_t i = 0; i < z->n_sets; i++) {
		if (z->sets[i].type == 0) {
			sipdns_plan_build_set_fini(&z->sets[i]);
			continue;
		}
		z->sets[w++] = z->sets[i];
	}
	z->n_sets = w;
	if (z->n_sets > 1)
		qsort(z->sets, z->n_sets, sizeof(*z->sets),
		      sipdns_plan_build_set_cmp);
	z->n_add = z->n_delete = 0;
	for (size_t i = 0; i < z->n_sets; i++) {
		struct sipdns_plan_set *s = &z->sets[i];
		if (s->n_ch > 1)
			qsort(s->ch, s->n_ch, sizeof(*s->ch), change_cmp);
		if (!guards_only || s->n_ch == 0)
			set_prereq(b, z->view, s);
		s->n_add = s->n_delete = 0;
		for (size_t k = 0; k < s->n_ch; k++) {
			s->n_add += s->ch[k].op == SIPDNS_PLAN_ADD;
			s->n_delete += s->ch[k].op == SIPDNS_PLAN_DELETE;
		}
		z->n_add += s->n_add;
		z->n_delete += s->n_delete;
	}
	b->p.n_add += z->n_add;
	b->p.n_delete += z->n_delete;
	b->p.n_managed += z->n_managed;
	b->p.n_kept += z->n_kept;
	for (size_t i = 0; i < z->n_skip; i++) {
		b->p.n_refused += z->skip[i].refused;
		b->p.n_not_planned += !z->skip[i].refused;
	}
}

/* Count each record of s in its plan zone (records of a zone come
 * together, so the last zone is tried first); with add, add them too. */
void
sipdns_plan_build_count_records(struct sipdns_plan_build *b, int view, bool add)
{
	size_t last = 0;
	for (size_t i = 0; i < b->s->n && !b->oom; i++) {
		const struct sipdns_record *e = &b->s->v[i];
		if ((view >= 0 && (int)e->view != view) || e->zone == NULL)
			continue;
		struct sipdns_plan_zone *z = sipdns_plan_build_zone_find(
		    b, e->view, e->zone->name, &last);
		if (z == NULL)
			continue;
		z->n_managed++;
		if (add)
			sipdns_plan_build_add_record(b, z, e);
	}
}

void
sipdns_plan_build_add_record(struct sipdns_plan_build *b,
			     struct sipdns_plan_zone *z,
			     const struct sipdns_record *e)
{
	struct sipdns_plan_set *s =
	    sipdns_plan_build_set_get(b, z, e->owner, ldns_rr_get_type(e->rr));
	if (s == NULL)
		return;
	if (!(e->flags & SIPDNS_REC_SELF_REGISTERED) && s->n_ch == 0) {
		ldns_rr *d = ldns_rr_clone(e->rr);
		if (d == NULL) {
			b->oom = true;
			return;
		}
		sipdns_plan_build_change_add(b, s, SIPDNS_PLAN_DELETE_SET,
					     SIPDNS_WHY_EMPTY, d);
	}
	ldns_rr *c = ldns_rr_clone(e->rr);
	if (c == NULL) {
		b->oom = true;
		return;
	}
	sipdns_plan_build_change_of(b, sipdns_plan_build_change_add(b, s, SIPDNS_PLAN_ADD,
					 SIPDNS_WHY_EMPTY, c), e);
}

/* A self-registered set of the empty plan is only added to. */
void
sipdns_plan_build_keep_self_registered(struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		struct sipdns_plan_set *s = &z->sets[i];
		bool self = false;
		for (size_t k = 0; k < s->n_ch; k++)
			self |=
			    (s->ch[k].flags & SIPDNS_REC_SELF_REGISTERED) != 0;
		if (!self || s->n_ch == 0 ||
		    s->ch[0].op != SIPDNS_PLAN_DELETE_SET)
			continue;
		ldns_rr_free(s->ch[0].rr);
		free(s->ch[0].text);
		memmove(s->ch, s->ch + 1, (s->n_ch - 1) * sizeof(*s->ch));
		s->n_ch--;
	}
}

/* Is zone z (view v) one that r compared? With r->files (diff) the zones
 * given; else each zone of a view that was asked (asked[v]). */
static bool
zone_compared(const struct sipdns_verify_result *r, const bool *asked,
	      enum sipdns_view_id v, const struct sipdns_zone *z)
{
	if (r->n_files == 0)
		return asked[v];
	for (size_t i = 0; i < r->n_files; i++)
		if (r->files[i].view == v && r->files[i].zone &&
		    strcmp(r->files[i].zone, z->name) == 0)
			return true;
	return false;
}

void
sipdns_plan_build_zones_of(struct sipdns_plan_build *b,
			   const struct sipdns_topology *t, int view)
{
	bool asked[SIPDNS_VIEW_COUNT] = { false, false };
	for (size_t i = 0; b->r && i < b->r->n_q; i++)
		asked[b->r->q[i].view] = true;
	for (int v = 0; v < SIPDNS_VIEW_COUNT && !b->oom; v++) {
		const struct sipdns_view *vw = &t->views[v];
		if ((view >= 0 && view != v) || !vw->present)
			continue;
		for (size_t i = 0; i < vw->n_zones && !b->oom; i++) {
			enum sipdns_view_id id = (enum sipdns_view_id)v;
			if (b->r && !zone_compared(b->r, asked, id, &vw->zones[i]))
				continue;
			if (sipdns_plan_build_zone_add(b, id, &vw->zones[i]) == NULL)
				b->oom = true;
		}
	}
}
