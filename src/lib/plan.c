/* plan.c -- the change plan: drift -> the smallest safe change list (pure)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "findings.h"
#include "model.h"
#include "name.h"
#include "plan_build.h"
#include "records.h"
#include "vec.h"
#include "zones.h"

const char *
sipdns_plan_prereq_name(enum sipdns_plan_prereq_kind k)
{
	switch (k) {
	case SIPDNS_PRE_NXDOMAIN:
		return "nxdomain";
	case SIPDNS_PRE_NXRRSET:
		return "nxrrset";
	case SIPDNS_PRE_RRSET:
		return "rrset";
	case SIPDNS_PRE_NONE:
		return "none";
	}
	return "?";
}

const char *
sipdns_plan_op_name(enum sipdns_plan_op op)
{
	switch (op) {
	case SIPDNS_PLAN_DELETE:
		return "delete";
	case SIPDNS_PLAN_ADD:
		return "add";
	case SIPDNS_PLAN_DELETE_SET:
		return "delete-set";
	}
	return "?";
}

const char *
sipdns_plan_why_name(enum sipdns_plan_why w)
{
	switch (w) {
	case SIPDNS_WHY_MISSING:
		return "missing";
	case SIPDNS_WHY_CHANGED:
		return "changed";
	case SIPDNS_WHY_TTL:
		return "ttl";
	case SIPDNS_WHY_UNEXPECTED:
		return "unexpected";
	case SIPDNS_WHY_MUST_NOT:
		return "must-not-exist";
	case SIPDNS_WHY_CONFLICT:
		return "conflict";
	case SIPDNS_WHY_EMPTY:
		return "empty-zone";
	}
	return "?";
}

bool
sipdns_plan_over_threshold(const struct sipdns_plan *p, unsigned percent)
{
	if (p->n_managed == 0)
		return false;
	/* n_delete / n_managed > percent / 100, without rounding */
	return (unsigned long long)p->n_delete * 100 >
	       (unsigned long long)p->n_managed * percent;
}

static void
zone_fini(struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_sets; i++)
		sipdns_plan_build_set_fini(&z->sets[i]);
	free(z->sets);
	for (size_t i = 0; i < z->n_kept; i++) {
		free(z->kept[i].owner);
		free(z->kept[i].text);
	}
	free(z->kept);
	for (size_t i = 0; i < z->n_skip; i++) {
		free(z->skip[i].owner);
		free(z->skip[i].message);
		free(z->skip[i].want);
		free(z->skip[i].got);
	}
	free(z->skip);
}

void
sipdns_plan_free(struct sipdns_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n_z; i++)
		zone_fini(&p->z[i]);
	free(p->z);
	memset(p, 0, sizeof(*p));
}

/* ---- findings -> changes ------------------------------------------------- */

enum mode { M_ADD, M_DELETE, M_KEEP };

static const char kept_unexpected[] =
    "not expected here: kept, as --prune was not given";
static const char kept_self[] =
    "self-registered name: its addresses are the server's, never deleted";
static const char kept_dynamic[] =
    "dynamically registered (an [AGE:n] in the Windows export): its host "
    "would register it again, so it is not deleted; turn off the "
    "DNS registration of that host, then delete it by hand";
static const char ttl_dynamic[] =
    "dynamically registered (an [AGE:n] in the Windows export): its host sets "
    "this TTL each time it registers; if it registers itself by design, "
    "set self_registered: true on it in the topology";

/* Is rr, of finding f, a record the source marked as dynamically
 * registered (a Windows export's [AGE:n])? */
static bool
dynamic(const struct sipdns_plan_build *b, const struct sipdns_finding *f,
	const char *owner, const ldns_rr *rr)
{
	const struct sipdns_question *q =
	    sipdns_question_find(b->r, f->view, owner, f->type);
	for (size_t i = 0; q && q->age && i < ldns_rr_list_rr_count(q->answer); i++)
		if (q->age[i] > 0 &&
		    ldns_rr_compare(ldns_rr_list_rr(q->answer, i), rr) == 0)
			return true;
	return false;
}

/* Is the first record of list (a finding's, one a line) dynamic()? */
static bool
first_dynamic(const struct sipdns_plan_build *b,
	      const struct sipdns_finding *f, const char *owner,
	      const char *list)
{
	const char *nl = list ? strchr(list, '\n') : NULL;
	char *line = list ? strndup(list, nl ? (size_t)(nl - list) : strlen(list))
			  : NULL;
	ldns_rr *rr = NULL;
	bool yes = line != NULL &&
		   ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL) == LDNS_STATUS_OK &&
		   dynamic(b, f, owner, rr);
	ldns_rr_free(rr);
	free(line);
	return yes;
}

/* One record of a finding's list: into its set as an add or a delete,
 * or kept. */
static void
line_one(struct sipdns_plan_build *b, struct sipdns_plan_zone *z,
	 const struct sipdns_finding *f, ldns_rr *rr, enum mode m,
	 enum sipdns_plan_why why)
{
	char *owner = sipdns_plan_build_rr_owner(rr);
	uint16_t type = ldns_rr_get_type(rr);
	if (owner == NULL) {
		b->oom = true;
		ldns_rr_free(rr);
		return;
	}
	bool addr = type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA;
	const char *kwhy = kept_unexpected;
	if (m != M_ADD && addr &&
	    sipdns_plan_build_self_registered(b->s, f->view, owner))
		m = M_KEEP, kwhy = kept_self;
	else if (m != M_ADD && dynamic(b, f, owner, rr))
		m = M_KEEP, kwhy = kept_dynamic;
	if (m == M_KEEP) {
		sipdns_plan_build_kept_add(b, z, owner, rr, kwhy);
		ldns_rr_free(rr);
		free(owner);
		return;
	}
	const struct sipdns_record *e =
	    sipdns_plan_build_expected_of(b->s, f->view, owner, rr);
	struct sipdns_plan_set *s =
	    sipdns_plan_build_set_get(b, z, owner, type);
	struct sipdns_plan_change *c =
	    s ? sipdns_plan_build_change_add(
		    b, s, m == M_ADD ? SIPDNS_PLAN_ADD : SIPDNS_PLAN_DELETE,
		    why, rr)
	      : (ldns_rr_free(rr), NULL);
	if (e != NULL && (m == M_ADD || why == SIPDNS_WHY_TTL))
		sipdns_plan_build_change_of(b, c, e);
	else
		sipdns_plan_build_change_why(b, c, f->reason, f->fact, 0);
	free(owner);
}

/* Every record of list (one a line, as the findings hold them). */
static void
lines(struct sipdns_plan_build *b, struct sipdns_plan_zone *z,
      const struct sipdns_finding *f, const char *list, enum mode m,
      enum sipdns_plan_why why)
{
	for (const char *p = list; p && *p && !b->oom;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		ldns_rr *rr = NULL;
		if (line == NULL) {
			b->oom = true;
			return;
		}
		if (ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL) ==
		    LDNS_STATUS_OK)
			line_one(b, z, f, rr, m, why);
		else /* the comparison printed it: cannot happen */
			sipdns_plan_build_skip_add(
			    b, z, f->name, f->type, true,
			    "refused: a record sipdns printed could not be "
			    "read back",
			    NULL, line);
		free(line);
		p = nl ? nl + 1 : p + n;
	}
}

/* A finding not planned: its name and type with a message. */
static void
skip_finding(struct sipdns_plan_build *b, struct sipdns_plan_zone *z,
	     const struct sipdns_finding *f, const char *lead, const char *why)
{
	char owner[LDNS_MAX_DOMAINLEN + 2], msg[LDNS_MAX_DOMAINLEN + 300];
	snprintf(owner, sizeof(owner), "%s", f->name);
	size_t n = strlen(owner);
	if (n > 1 && owner[n - 1] == '.')
		owner[n - 1] = '\0';
	snprintf(msg, sizeof(msg), "%s%s", lead, why ? why : "");
	sipdns_plan_build_skip_add(b, z, owner, f->type, false, msg, f->want,
				   f->got);
}

static void
plan_finding(struct sipdns_plan_build *b, struct sipdns_plan_zone *z,
	     const struct sipdns_finding *f)
{
	char owner[LDNS_MAX_DOMAINLEN + 2];
	snprintf(owner, sizeof(owner), "%s", f->name);
	size_t n = strlen(owner);
	if (n > 1 && owner[n - 1] == '.')
		owner[n - 1] = '\0';
	const struct sipdns_question *q =
	    sipdns_question_find(b->r, f->view, owner, f->type);
	switch (f->kind) {
	case SIPDNS_F_UNVERIFIED:
		skip_finding(b, z, f, "not planned: not seen: ", f->detail);
		return;
	case SIPDNS_F_TARGET_ALIAS:
	case SIPDNS_F_AAAA_ONLY:
		skip_finding(
		    b, z, f,
		    "not planned: not a change of this record: ", f->detail);
		return;
	case SIPDNS_F_MISSING:
		if (q != NULL && q->wildcard != NULL) {
			skip_finding(b, z, f,
				     "not planned: not seen: ", f->detail);
			return;
		}
		lines(b, z, f, f->want, M_ADD, SIPDNS_WHY_MISSING);
		return;
	case SIPDNS_F_CHANGED:
		lines(b, z, f, f->got, M_DELETE, SIPDNS_WHY_CHANGED);
		lines(b, z, f, f->want, M_ADD, SIPDNS_WHY_CHANGED);
		return;
	case SIPDNS_F_TTL:
		if (first_dynamic(b, f, owner, f->got)) {
			/* its host sets the TTL again when it registers */
			skip_finding(b, z, f, "not planned: ", ttl_dynamic);
			return;
		}
		lines(b, z, f, f->got, M_DELETE, SIPDNS_WHY_TTL);
		lines(b, z, f, f->want, M_ADD, SIPDNS_WHY_TTL);
		return;
	case SIPDNS_F_UNEXPECTED:
		if (q != NULL && q->must_not)
			lines(b, z, f, f->got, M_DELETE, SIPDNS_WHY_MUST_NOT);
		else
			lines(b, z, f, f->got, b->o->prune ? M_DELETE : M_KEEP,
			      SIPDNS_WHY_UNEXPECTED);
		return;
	}
}

/* ---- conflicts: a CNAME beside other data, either way -------------------- */

static bool
has_add(const struct sipdns_plan_set *s)
{
	for (size_t i = 0; i < s->n_ch; i++)
		if (s->ch[i].op == SIPDNS_PLAN_ADD)
			return true;
	return false;
}

/* The set of owner and type among sets [lo, hi) of z, or NULL. */
static struct sipdns_plan_set *
set_in(struct sipdns_plan_zone *z, size_t lo, size_t hi, uint16_t type)
{
	for (size_t i = lo; i < hi; i++)
		if (z->sets[i].type == type)
			return &z->sets[i];
	return NULL;
}

/* Owner (of sets [lo, hi)) gets a set that other data conflicts with:
 * the records of type seen there are deleted first (kept ones too), or,
 * with none seen, a guard holds that there are none. */
static void
clear_type(struct sipdns_plan_build *b, struct sipdns_plan_zone *z, size_t lo,
	   size_t hi, const char *owner, uint16_t type)
{
	struct sipdns_plan_set *s = set_in(z, lo, hi, type);
	const struct sipdns_question *q =
	    sipdns_plan_build_question_of(b->r, z->view, owner, type);
	ldns_rr_list *seen = sipdns_plan_build_seen_in(q, owner, type);
	if (seen == NULL) {
		b->oom = true;
		return;
	}
	char *own = strdup(owner); /* the sets may move */
	if (own == NULL || (s == NULL && (s = sipdns_plan_build_set_get(
					      b, z, own, type)) == NULL)) {
		b->oom = true;
		free(own);
		ldns_rr_list_deep_free(seen);
		return;
	}
	for (size_t i = 0; i < ldns_rr_list_rr_count(seen) && !b->oom; i++) {
		ldns_rr *c = ldns_rr_clone(ldns_rr_list_rr(seen, i));
		if (c == NULL)
			b->oom = true;
		else
			sipdns_plan_build_change_add(b, s, SIPDNS_PLAN_DELETE,
						     SIPDNS_WHY_CONFLICT, c);
	}
	sipdns_plan_build_kept_drop(z, own, type);
	free(own);
	ldns_rr_list_deep_free(seen);
}

/* A CNAME wanted at a name that exists with no A, AAAA or CNAME seen:
 * whatever is there (other types, names below) was not asked for. */
static bool
cname_blind(struct sipdns_plan_build *b, const struct sipdns_plan_zone *z,
	    const char *owner)
{
	if (b->r == NULL)
		return false;
	static const uint16_t types[] = {LDNS_RR_TYPE_A, LDNS_RR_TYPE_AAAA};
	bool exists = false;
	for (size_t i = 0; i < 2; i++) {
		const struct sipdns_question *q =
		    sipdns_question_find(b->r, z->view, owner, types[i]);
		if (q == NULL || q->answer == NULL || q->wildcard)
			continue;
		ldns_rr_list *any = sipdns_plan_build_seen_in(q, owner, 0);
		if (any == NULL) {
			b->oom = true;
			return false;
		}
		size_t n = ldns_rr_list_rr_count(any);
		ldns_rr_list_deep_free(any);
		if (n)
			return false; /* seen: deleted first or kept apart */
		exists |=
		    q->state == SIPDNS_Q_NODATA || q->state == SIPDNS_Q_ANSWER;
	}
	return exists;
}

/* Refuse the CNAME add of set s: it leaves the plan, with a message. */
static void
refuse_cname(struct sipdns_plan_build *b, struct sipdns_plan_zone *z,
	     struct sipdns_plan_set *s)
{
	char *want = NULL;
	for (size_t i = 0; i < s->n_ch; i++)
		if (s->ch[i].op == SIPDNS_PLAN_ADD &&
		    !sipdns_findings_list_add(&want, s->ch[i].text))
			b->oom = true;
	char msg[LDNS_MAX_DOMAINLEN + 300];
	snprintf(
	    msg, sizeof(msg),
	    "refused: %s. exists, but holds no A, AAAA or CNAME record that "
	    "sipdns asked for: other types or names below it may be there, and "
	    "a CNAME cannot go beside other data (RFC 1034 3.6.2; the server "
	    "would ignore the add): remove that data, then plan again",
	    s->owner);
	sipdns_plan_build_skip_add(b, z, s->owner, s->type, true, msg, want,
				   NULL);
	free(want);
	s->type = 0; /* dropped when the zone is finished */
}

/* Each owner of z: a CNAME add clears A and AAAA; other data added
 * clears the CNAME. Sets [0, n) are sorted by owner. */
static void
conflicts(struct sipdns_plan_build *b, struct sipdns_plan_zone *z)
{
	size_t n = z->n_sets;
	for (size_t lo = 0, hi; lo < n && !b->oom; lo = hi) {
		bool cname = false, data = false;
		for (hi = lo; hi < n &&
			      strcmp(z->sets[hi].owner, z->sets[lo].owner) == 0;
		     hi++) {
			bool a = has_add(&z->sets[hi]);
			cname |= a && z->sets[hi].type == LDNS_RR_TYPE_CNAME;
			data |= a && z->sets[hi].type != LDNS_RR_TYPE_CNAME;
		}
		char *owner = strdup(z->sets[lo].owner);
		if (owner == NULL) {
			b->oom = true;
			return;
		}
		if (cname && cname_blind(b, z, owner)) {
			refuse_cname(b, z,
				     set_in(z, lo, hi, LDNS_RR_TYPE_CNAME));
		} else if (cname) {
			clear_type(b, z, lo, hi, owner, LDNS_RR_TYPE_A);
			clear_type(b, z, lo, hi, owner, LDNS_RR_TYPE_AAAA);
		}
		if (data && !cname)
			clear_type(b, z, lo, hi, owner, LDNS_RR_TYPE_CNAME);
		free(owner);
	}
}

static enum sipdns_status
build_end(struct sipdns_plan_build *b, struct sipdns_plan *p)
{
	free(b->idx);
	b->idx = NULL;
	if (b->oom) {
		sipdns_plan_free(&b->p);
		return SIPDNS_ENOMEM;
	}
	*p = b->p;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_plan_make(const struct sipdns_topology *t, const struct sipdns_recset *s,
		 const struct sipdns_verify_result *r,
		 const struct sipdns_plan_opts *o, struct sipdns_plan *p)
{
	struct sipdns_plan_build b = {.s = s, .r = r, .o = o};
	b.p.prune = o->prune;
	b.p.include_self_registered = o->include_self_registered;
	sipdns_plan_build_zones_of(&b, t, -1);
	sipdns_plan_build_count_records(&b, -1, false);
	size_t last = 0;
	for (size_t i = 0; i < r->n_f && !b.oom; i++) {
		struct sipdns_plan_zone *z = sipdns_plan_build_zone_find(
		    &b, r->f[i].view, r->f[i].zone, &last);
		if (z != NULL)
			plan_finding(&b, z, &r->f[i]);
	}
	for (size_t i = 0; i < b.p.n_z && !b.oom; i++) {
		struct sipdns_plan_zone *z = &b.p.z[i];
		if (z->n_sets > 1)
			qsort(z->sets, z->n_sets, sizeof(*z->sets),
			      sipdns_plan_build_set_cmp);
		conflicts(&b, z);
		sipdns_plan_build_zone_finish(&b, z, false);
	}
	return build_end(&b, p);
}

/* The empty plan's zones: self-registered sets only added to, guards,
 * order and counts. */
static void
empty_finish(struct sipdns_plan_build *b)
{
	for (size_t i = 0; i < b->p.n_z && !b->oom; i++) {
		struct sipdns_plan_zone *z = &b->p.z[i];
		sipdns_plan_build_keep_self_registered(z);
		if (z->n_sets > 1)
			qsort(z->sets, z->n_sets, sizeof(*z->sets),
			      sipdns_plan_build_set_cmp);
		conflicts(b, z);
		sipdns_plan_build_zone_finish(b, z, true);
	}
}

enum sipdns_status
sipdns_plan_empty(const struct sipdns_topology *t,
		  const struct sipdns_recset *s,
		  const struct sipdns_plan_opts *o, struct sipdns_plan *p)
{
	struct sipdns_plan_build b = {.s = s, .o = o};
	b.p.prune = o->prune;
	b.p.include_self_registered = o->include_self_registered;
	b.p.empty_zone = true;
	sipdns_plan_build_zones_of(&b, t, o->view);
	sipdns_plan_build_count_records(&b, o->view, true);
	empty_finish(&b);
	return build_end(&b, p);
}

enum sipdns_status
sipdns_plan_empty_zone(const struct sipdns_recset *s, enum sipdns_view_id v,
		       const struct sipdns_zone *zone,
		       const struct sipdns_record *const *recs, size_t n,
		       const struct sipdns_plan_opts *o, struct sipdns_plan *p)
{
	struct sipdns_plan_build b = {.s = s, .o = o};
	b.p.include_self_registered = o->include_self_registered;
	b.p.empty_zone = true;
	if (sipdns_plan_build_zone_add(&b, v, zone) == NULL)
		return build_end(&b, p);
	struct sipdns_plan_zone *z = &b.p.z[0];
	for (size_t i = 0; i < n && !b.oom; i++) {
		z->n_managed++;
		sipdns_plan_build_add_record(&b, z, recs[i]);
	}
	empty_finish(&b);
	return build_end(&b, p);
}

/* ---- formats ------------------------------------------------------------- */

static const struct {
	const char *name;
	sipdns_plan_render_fn render;
} renderers[] = {
    {"nsupdate", sipdns_plan_render_nsupdate},
    {"markdown", sipdns_plan_render_markdown},
    {"json", sipdns_plan_render_json},
    {"dnscmd", sipdns_plan_render_dnscmd},
    {"powershell", sipdns_plan_render_powershell},
};

const char *
sipdns_plan_format_name(size_t i)
{
	return i < sizeof(renderers) / sizeof(renderers[0]) ? renderers[i].name : NULL;
}

sipdns_plan_render_fn
sipdns_plan_renderer(const char *format)
{
	for (size_t i = 0;
	     format && i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(renderers[i].name, format) == 0)
			return renderers[i].render;
	return NULL;
}

