/* compare.c -- expected records + answered questions -> findings (pure)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "compare.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "findings.h"
#include "profile.h"
#include "records.h"
#include "strset.h"
#include "winexport.h"
#include "zones.h"

/* Most expected records of one name and type that are compared. */
#define MAX_EXPECTED 64

/* What one question is compared with. */
struct cmp {
	const struct sipdns_topology *t;
	const struct sipdns_verify_opts *o;
	struct sipdns_verify_result *r;
	const struct sipdns_question *q;
	const struct sipdns_record *exp[MAX_EXPECTED];
	size_t ne;
	bool self_reg;            /* the name is a self-registered one */
	ldns_rr_list *act;        /* borrowed records of the answer */
	bool *used, *matched;     /* per answer record, per expected one:
				   * in the two below, or used malloc'd for
				   * a long answer (two callocs a question
				   * for 600,000 questions) */
	bool used_few[16], matched_all[MAX_EXPECTED];
};

/* Append rr's text (tabs as spaces) to a list. */
static bool
list_add(char **list, const ldns_rr *rr)
{
	char *s = sipdns_rr_str(rr);
	if (s == NULL)
		return false;
	for (char *p = s; *p; p++)
		if (*p == '\t')
			*p = ' ';
	bool ok = sipdns_findings_list_add(list, s);
	free(s);
	return ok;
}

/* A finding about question q; exp (may be NULL) gives its reason. */
static struct sipdns_finding *
add_finding(struct sipdns_verify_result *r, enum sipdns_finding_kind k,
	    enum sipdns_severity sev, const struct sipdns_question *q,
	    const struct sipdns_record *exp, const struct sipdns_topology *t)
{
	struct sipdns_finding *f = sipdns_findings_add(r, k, sev);
	if (f == NULL)
		return NULL;
	f->view = q->view;
	f->type = q->type;
	char *tname = ldns_rr_type2str(q->type);
	snprintf(f->type_name, sizeof(f->type_name), "%s", tname ? tname : "?");
	const struct sipdns_zone *z = exp ? exp->zone
			: sipdns_zone_for(t, q->view, q->name);
	bool ok = tname != NULL;
	f->zone = sipdns_findings_dup(z ? z->name : NULL, &ok);
	if (exp) {
		f->reason = sipdns_findings_dup(exp->reason, &ok);
		f->fact = sipdns_findings_dup(exp->fact, &ok);
	}
	size_t nl = strlen(q->name) + 2, kl = nl + sizeof(f->type_name) + 32;
	f->name = malloc(nl);
	f->key = malloc(kl);
	if (f->name && f->key) {
		snprintf(f->name, nl, "%s.", q->name);
		snprintf(f->key, kl, "%s|%s|%s|%s", sipdns_finding_name(k),
			 sipdns_view_name(q->view), q->name, f->type_name);
	}
	free(tname);
	return ok && f->name && f->key ? f : NULL;
}

/* ---- dynamically registered records (Windows exports' [AGE:n]) ---------- */

/* The [AGE:n] hours of answer record rr of q (0: static, or not known). */
static uint32_t
rr_age(const struct sipdns_question *q, const ldns_rr *rr)
{
	for (size_t i = 0; q->age && i < ldns_rr_list_rr_count(q->answer); i++)
		if (ldns_rr_list_rr(q->answer, i) == rr)
			return q->age[i];
	return 0;
}

/* The note that rr was registered by its host, added to f's detail. */
static bool
note_age(struct sipdns_finding *f, const struct sipdns_question *q,
	 const ldns_rr *rr)
{
	uint32_t h = rr_age(q, rr);
	if (h == 0)
		return true;
	time_t when = (time_t)sipdns_winexport_age_time(h);
	struct tm tm;
	char date[32] = "?";
	if (gmtime_r(&when, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%d %H:00 UTC", &tm);
	char note[256];
	snprintf(note, sizeof(note),
		 "dynamically registered ([AGE:%" PRIu32 "], last %s): its host registers it itself and would register it again; if that is the server's own address, set self_registered: true on it in the topology",
		 h, date);
	size_t n = f->detail ? strlen(f->detail) + 2 : 0;
	char *d = malloc(n + strlen(note) + 1);
	if (d == NULL)
		return false;
	snprintf(d, n + strlen(note) + 1, "%s%s%s", f->detail ? f->detail : "",
		 f->detail ? "; " : "", note);
	free(f->detail);
	f->detail = d;
	return true;
}

/* The answer records at the question's name: of its type, or aliases. */
static ldns_rr_list *
actual_rrs(const struct sipdns_question *q)
{
	ldns_rr_list *out = ldns_rr_list_new();
	if (out == NULL || q->answer == NULL)
		return out;
	/* the name on the stack, not a dname parsed and freed for each of
	 * 600,000 questions */
	uint8_t w[LDNS_MAX_DOMAINLEN + 1];
	size_t wl = sipdns_wire_name(q->name, w);
	if (wl == 0)
		return out;
	ldns_rdf qname, *qn = &qname;
	ldns_rdf_set_type(qn, LDNS_RDF_TYPE_DNAME);
	ldns_rdf_set_size(qn, wl);
	ldns_rdf_set_data(qn, w);
	const ldns_rr_list *an = q->answer;
	for (size_t i = 0; i < ldns_rr_list_rr_count(an); i++) {
		ldns_rr *rr = ldns_rr_list_rr(an, i);
		ldns_rr_type t = ldns_rr_get_type(rr);
		/* aliases show in the A (or SRV) question, not again in AAAA */
		if ((t == q->type || (t == LDNS_RR_TYPE_CNAME &&
				      q->type != LDNS_RR_TYPE_AAAA)) &&
		    ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
		    sipdns_dname_equal(ldns_rr_owner(rr), qn))
			ldns_rr_list_push_rr(out, rr);   /* borrowed */
	}
	return out;
}

/* Gather: the expected records of the type at the name, or the alias. */
static void
gather_expected(struct cmp *c, const struct sipdns_recset *s)
{
	const struct sipdns_question *q = c->q;
	const struct sipdns_record *e = sipdns_recset_find(s, q->view, q->name,
							   LDNS_RR_TYPE_ANY);
	for (; e && e < s->v + s->n && e->view == q->view &&
	     strcmp(e->owner, q->name) == 0; e++) {
		ldns_rr_type et = e->type;
		if ((et == q->type || (et == LDNS_RR_TYPE_CNAME &&
				       q->type == LDNS_RR_TYPE_A)) &&
		    c->ne < MAX_EXPECTED) {
			c->r->expected++;
			c->exp[c->ne++] = e;
		}
		if (e->flags & SIPDNS_REC_SELF_REGISTERED)
			c->self_reg = true;
	}
}

/* A question that failed: never absence, never in sync. */
static enum sipdns_status
report_unverified(struct cmp *c)
{
	const struct sipdns_question *q = c->q;
	struct sipdns_finding *f = add_finding(c->r, SIPDNS_F_UNVERIFIED,
		SIPDNS_ERROR, q, c->ne ? c->exp[0] : NULL, c->t);
	if (f == NULL)
		return SIPDNS_ENOMEM;
	c->r->unverified++;
	char d[LDNS_MAX_DOMAINLEN * 2 + 120];
	if (q->delegated)
		snprintf(d, sizeof(d), "could not verify: delegated to %s: the name is in a child zone; ask its servers",
			 q->delegated);
	else
		snprintf(d, sizeof(d), "could not verify: %s%s%s",
			 sipdns_qstate_name(q->state), q->detail && q->detail[0] ? ": " : "",
			 q->detail ? q->detail : "");
	f->detail = strdup(d);
	for (size_t i = 0; i < c->ne; i++)
		if (!list_add(&f->want, c->exp[i]->rr))
			return SIPDNS_ENOMEM;
	return f->detail ? SIPDNS_OK : SIPDNS_ENOMEM;
}

/* ldns_rr_compare(a, b) == 0 without its two canonical wire copies (a
 * third of verify's comparing at 10,000 SIP domains): for the types whose
 * data canonical form lowercases (RFC 4034 6.2: SRV, CNAME, NS) and
 * addresses, field by field, names without regard to case; any other
 * type through ldns_rr_compare itself. */
static bool
same_rr(const ldns_rr *a, const ldns_rr *b)
{
	ldns_rr_type t = ldns_rr_get_type(a);
	if (t != LDNS_RR_TYPE_A && t != LDNS_RR_TYPE_AAAA &&
	    t != LDNS_RR_TYPE_SRV && t != LDNS_RR_TYPE_CNAME &&
	    t != LDNS_RR_TYPE_NS)
		return ldns_rr_compare(a, b) == 0;
	if (ldns_rr_get_type(b) != t ||
	    ldns_rr_get_class(a) != ldns_rr_get_class(b) ||
	    ldns_rr_rd_count(a) != ldns_rr_rd_count(b) ||
	    !sipdns_dname_equal(ldns_rr_owner(a), ldns_rr_owner(b)))
		return false;
	for (size_t i = 0; i < ldns_rr_rd_count(a); i++) {
		const ldns_rdf *x = ldns_rr_rdf(a, i), *y = ldns_rr_rdf(b, i);
		if (ldns_rdf_get_type(x) != ldns_rdf_get_type(y))
			return false;
		if (ldns_rdf_get_type(x) == LDNS_RDF_TYPE_DNAME
		    ? !sipdns_dname_equal(x, y)
		    : ldns_rdf_size(x) != ldns_rdf_size(y) ||
		      memcmp(ldns_rdf_data(x), ldns_rdf_data(y),
			     ldns_rdf_size(x)) != 0)
			return false;
	}
	return true;
}

/* Decide: pair each expected record with an equal answer record; a pair
 * whose TTLs differ is a ttl finding (unless the server sets its own). */
static enum sipdns_status
match(struct cmp *c)
{
	size_t na = ldns_rr_list_rr_count(c->act);
	for (size_t i = 0; i < c->ne; i++) {
		const struct sipdns_record *e = c->exp[i];
		for (size_t k = 0; k < na; k++) {
			ldns_rr *a = ldns_rr_list_rr(c->act, k);
			if (c->used[k] || !same_rr(e->rr, a))
				continue;
			c->used[k] = c->matched[i] = true;
			bool own_ttl = e->flags & SIPDNS_REC_SELF_REGISTERED;
			if (c->o->ttl == SIPDNS_TTL_IGNORE || own_ttl ||
			    ldns_rr_ttl(a) == ldns_rr_ttl(e->rr)) {
				c->r->in_sync++;
				break;
			}
			struct sipdns_finding *f = add_finding(c->r, SIPDNS_F_TTL,
				c->o->ttl == SIPDNS_TTL_EXACT ? SIPDNS_ERROR
							      : SIPDNS_WARNING,
				c->q, e, c->t);
			if (f == NULL || !list_add(&f->want, e->rr) ||
			    !list_add(&f->got, a) || !note_age(f, c->q, a))
				return SIPDNS_ENOMEM;
			break;
		}
	}
	return SIPDNS_OK;
}

/* Answer records left over that are not drift: other self-registered
 * addresses at a self-registered name, or anything under the superset
 * policy. Returns how many are drift. */
static size_t
count_extra(struct cmp *c)
{
	size_t na = ldns_rr_list_rr_count(c->act), nextra = 0;
	for (size_t k = 0; k < na; k++) {
		if (c->used[k])
			continue;
		ldns_rr_type at = ldns_rr_get_type(ldns_rr_list_rr(c->act, k));
		if (c->o->answers == SIPDNS_ANSWER_SUPERSET ||
		    (c->self_reg && (at == LDNS_RR_TYPE_A ||
				     at == LDNS_RR_TYPE_AAAA))) {
			c->used[k] = true;
			continue;
		}
		nextra++;
	}
	return nextra;
}

/* Report: records missing and present both at one name are one change. */
static enum sipdns_status
report_changed(struct cmp *c)
{
	struct sipdns_finding *f = add_finding(c->r, SIPDNS_F_CHANGED,
		SIPDNS_ERROR, c->q, c->exp[0], c->t);
	if (f == NULL)
		return SIPDNS_ENOMEM;
	for (size_t i = 0; i < c->ne; i++)
		if (!c->matched[i] && !list_add(&f->want, c->exp[i]->rr))
			return SIPDNS_ENOMEM;
	bool noted = false;
	for (size_t k = 0; k < ldns_rr_list_rr_count(c->act); k++) {
		const ldns_rr *a = ldns_rr_list_rr(c->act, k);
		if (c->used[k])
			continue;
		if (!list_add(&f->got, a))
			return SIPDNS_ENOMEM;
		if (!noted && rr_age(c->q, a) > 0) {
			noted = true;
			if (!note_age(f, c->q, a))
				return SIPDNS_ENOMEM;
		}
	}
	return SIPDNS_OK;
}

/* Why an expected record is missing, or NULL. */
static char *
missing_detail(const struct sipdns_question *q, bool *ok)
{
	char buf[LDNS_MAX_DOMAINLEN + 80];
	if (q->wildcard) {
		snprintf(buf, sizeof(buf), "answered by the wildcard %s: the record itself does not exist",
			 q->wildcard);
		return sipdns_findings_dup(buf, ok);
	}
	if (q->state == SIPDNS_Q_NXDOMAIN)
		return sipdns_findings_dup("the name does not exist (NXDOMAIN)", ok);
	return NULL;
}

static enum sipdns_status
report_missing_unexpected(struct cmp *c)
{
	for (size_t i = 0; i < c->ne; i++) {
		if (c->matched[i])
			continue;
		struct sipdns_finding *f = add_finding(c->r, SIPDNS_F_MISSING,
			SIPDNS_ERROR, c->q, c->exp[i], c->t);
		bool ok = true;
		if (f == NULL || !list_add(&f->want, c->exp[i]->rr) ||
		    ((f->detail = missing_detail(c->q, &ok)), !ok))
			return SIPDNS_ENOMEM;
	}
	for (size_t k = 0; k < ldns_rr_list_rr_count(c->act); k++) {
		if (c->used[k])
			continue;
		struct sipdns_finding *f = add_finding(c->r, SIPDNS_F_UNEXPECTED,
			SIPDNS_ERROR, c->q, NULL, c->t);
		const ldns_rr *a = ldns_rr_list_rr(c->act, k);
		if (f == NULL || !list_add(&f->got, a) || !note_age(f, c->q, a))
			return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}

static enum sipdns_status
compare_answer(struct cmp *c)
{
	size_t na = ldns_rr_list_rr_count(c->act);
	c->used = na <= sizeof(c->used_few) ? c->used_few : calloc(na, sizeof(*c->used));
	c->matched = c->matched_all;
	if (c->used == NULL)
		return SIPDNS_ENOMEM;
	memset(c->used, 0, na * sizeof(*c->used));
	memset(c->matched, 0, c->ne * sizeof(*c->matched));
	if (c->q->wildcard) {
		/* the wildcard's data is no record of this name: each
		 * expected record is missing, the wildcard is not judged */
		for (size_t k = 0; k < na; k++)
			c->used[k] = true;
		return report_missing_unexpected(c);
	}
	enum sipdns_status st = match(c);
	if (st != SIPDNS_OK)
		return st;
	size_t nmiss = 0, nextra = count_extra(c);
	for (size_t i = 0; i < c->ne; i++)
		nmiss += !c->matched[i];
	if (nmiss && nextra)
		return report_changed(c);
	return report_missing_unexpected(c);
}

/* Is rr the one address a must-not-exist name may hold? */
static bool
allowed(const struct sipdns_question *q, const ldns_rr *rr)
{
	if (q->absent_allow == NULL || ldns_rr_get_type(rr) != LDNS_RR_TYPE_A ||
	    ldns_rr_rd_count(rr) < 1)
		return false;
	char *a = ldns_rdf2str(ldns_rr_rdf(rr, 0));
	bool ok = a && strcmp(a, q->absent_allow) == 0;
	free(a);
	return ok;
}

/* The TeamsOnly preflight: a wildcard answers a name that must not
 * exist. Over DNS the name then exists for every client, although
 * Microsoft's gate does not look at it (M365-G2): one finding, with the
 * wildcard's records. */
static enum sipdns_status
report_absent_wildcard(struct cmp *c)
{
	const struct sipdns_question *q = c->q;
	struct sipdns_finding *f = add_finding(c->r, SIPDNS_F_UNEXPECTED,
		SIPDNS_ERROR, q, NULL, c->t);
	if (f == NULL || (c->act = actual_rrs(q)) == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t k = 0; k < ldns_rr_list_rr_count(c->act) && st == SIPDNS_OK; k++)
		if (!list_add(&f->got, ldns_rr_list_rr(c->act, k)))
			st = SIPDNS_ENOMEM;
	ldns_rr_list_free(c->act);
	char buf[LDNS_MAX_DOMAINLEN + 300];
	/* a name that exists, of any type, is not answered by the wildcard
	 * (RFC 4592 §2.2.1): the fix short of removing the wildcard */
	snprintf(buf, sizeof(buf), "answered by the wildcard %s: Microsoft's TeamsOnly gate does not see it, but every client asking gets this answer (M365-G2); remove the wildcard, or give %s a record of another type (a TXT) so that the wildcard no longer answers it (RFC 4592)",
		 q->wildcard, q->name);
	bool ok = true;
	f->reason = sipdns_findings_dup(q->absent_reason, &ok);
	f->fact = sipdns_findings_dup("M365-G2", &ok);
	f->detail = sipdns_findings_dup(buf, &ok);
	return st == SIPDNS_OK && ok ? SIPDNS_OK : SIPDNS_ENOMEM;
}

/* A name that must not exist: each record found at it (but the allowed
 * one) is unexpected, with the reason and what to do; absence is fine
 * and counts nowhere; a wildcard's answer is absence; a failure is
 * unverified, never absence. */
static enum sipdns_status
compare_absent(struct cmp *c)
{
	const struct sipdns_question *q = c->q;
	struct sipdns_finding *f;
	bool ok = true;
	if (q->delegated || (q->state != SIPDNS_Q_ANSWER &&
			      q->state != SIPDNS_Q_NODATA &&
			      q->state != SIPDNS_Q_NXDOMAIN)) {
		enum sipdns_status st = report_unverified(c);
		if (st == SIPDNS_OK && (f = &c->r->f[c->r->n_f - 1]) &&
		    f->reason == NULL) {
			f->reason = sipdns_findings_dup(q->absent_reason, &ok);
			f->fact = sipdns_findings_dup(q->absent_fact, &ok);
		}
		return ok ? st : SIPDNS_ENOMEM;
	}
	if (q->wildcard && c->o && c->o->teams_only_preflight)
		return report_absent_wildcard(c);
	if (q->wildcard || (c->act = actual_rrs(q)) == NULL)
		return q->wildcard ? SIPDNS_OK : SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t k = 0; k < ldns_rr_list_rr_count(c->act) && st == SIPDNS_OK; k++) {
		ldns_rr *rr = ldns_rr_list_rr(c->act, k);
		if (allowed(q, rr))
			continue;
		f = add_finding(c->r, SIPDNS_F_UNEXPECTED, SIPDNS_ERROR, q, NULL, c->t);
		if (f == NULL || !list_add(&f->got, rr))
			st = SIPDNS_ENOMEM;
		else if ((f->reason = sipdns_findings_dup(q->absent_reason, &ok)),
			 (f->fact = sipdns_findings_dup(q->absent_fact, &ok)),
			 (f->detail = sipdns_findings_dup(q->absent_todo, &ok)), !ok ||
			 !note_age(f, q, rr))
			st = SIPDNS_ENOMEM;
	}
	ldns_rr_list_free(c->act);
	return st;
}

static enum sipdns_status
compare_one(const struct sipdns_topology *t, const struct sipdns_recset *s,
	    const struct sipdns_verify_opts *o, struct sipdns_verify_result *r,
	    const struct sipdns_question *q)
{
	struct cmp c = { .t = t, .o = o, .r = r, .q = q };
	gather_expected(&c, s);
	if (q->ignored)
		return SIPDNS_OK;
	if (q->must_not)
		return compare_absent(&c);
	if (q->delegated || (q->state != SIPDNS_Q_ANSWER &&
			      q->state != SIPDNS_Q_NODATA &&
			      q->state != SIPDNS_Q_NXDOMAIN))
		return report_unverified(&c);
	if ((c.act = actual_rrs(q)) == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = compare_answer(&c);
	if (c.used != c.used_few)
		free(c.used);
	ldns_rr_list_free(c.act);
	return st;
}

/* What an SRV target's A answer says of it. */
enum target_verdict { TARGET_UNJUDGED = 0, TARGET_FINE, TARGET_ALIAS, TARGET_AAAA_ONLY };

/* An expected SRV target's A answer qa: an alias, or IPv6 only? Judged
 * once per target into *v, then told for each record e that names it. */
static enum sipdns_status
check_target(const struct sipdns_topology *t, struct sipdns_verify_result *r,
	     const struct sipdns_record *e, const struct sipdns_question *qa,
	     enum target_verdict *v)
{
	if (*v == TARGET_UNJUDGED) {
		ldns_rr_list *act = actual_rrs(qa);
		if (act == NULL)
			return SIPDNS_ENOMEM;
		bool alias = false, a = false;
		for (size_t k = 0; k < ldns_rr_list_rr_count(act); k++) {
			ldns_rr_type ty = ldns_rr_get_type(ldns_rr_list_rr(act, k));
			alias |= ty == LDNS_RR_TYPE_CNAME;
			a |= ty == LDNS_RR_TYPE_A;
		}
		ldns_rr_list_free(act);
		*v = TARGET_FINE;
		if (alias) {
			*v = TARGET_ALIAS;
		} else if (!a && t->product->ipv4_required) {
			const struct sipdns_question *q6 = sipdns_question_find(
				r, e->view, e->target, LDNS_RR_TYPE_AAAA);
			if (q6 != NULL && q6->state == SIPDNS_Q_ANSWER)
				*v = TARGET_AAAA_ONLY;
		}
	}
	if (*v == TARGET_FINE)
		return SIPDNS_OK;
	const char *detail = NULL;
	enum sipdns_finding_kind kind = SIPDNS_F_TARGET_ALIAS;
	if (*v == TARGET_ALIAS)
		detail = "the SRV target is an alias (CNAME); RFC 2782 forbids it: clients may fail to connect";
	else
		kind = SIPDNS_F_AAAA_ONLY;
	struct sipdns_finding *f = add_finding(r, kind, SIPDNS_ERROR, qa, e, t);
	if (f == NULL)
		return SIPDNS_ENOMEM;
	char ipv6[120];
	if (detail == NULL) {
		snprintf(ipv6, sizeof(ipv6), "the SRV target has only an IPv6 address; %s needs IPv4",
			 t->product->short_title);
		detail = ipv6;
	}
	return (f->detail = strdup(detail)) ? SIPDNS_OK : SIPDNS_ENOMEM;
}

/* Each expected SRV target is not an alias (RFC 2782) and, where the
 * product needs IPv4, resolves to an IPv4 address in its view. */
static enum sipdns_status
follow_targets(const struct sipdns_topology *t, const struct sipdns_recset *s,
	       struct sipdns_verify_result *r)
{
	/* each view's A questions by name, and each target judged once:
	 * a binary search for the target of each of 200,000 SRV records
	 * was a third of comparing (callgrind) */
	struct sipdns_strset a[SIPDNS_VIEW_COUNT];
	memset(a, 0, sizeof(a));
	enum sipdns_status st = SIPDNS_OK;
	enum target_verdict *v = calloc(r->n_q ? r->n_q : 1, sizeof(*v));
	size_t k, n_a[SIPDNS_VIEW_COUNT] = { 0 };
	for (size_t i = 0; i < r->n_q; i++)
		n_a[r->q[i].view] += r->q[i].type == LDNS_RR_TYPE_A;
	for (int i = 0; i < SIPDNS_VIEW_COUNT; i++)   /* and as many targets */
		if (n_a[i] && !sipdns_strset_reserve(&a[i], 2 * n_a[i]))
			st = SIPDNS_ENOMEM;
	for (size_t i = 0; v && st == SIPDNS_OK && i < r->n_q; i++)
		if (r->q[i].type == LDNS_RR_TYPE_A &&
		    !sipdns_strset_put(&a[r->q[i].view], r->q[i].name, i, &k))
			st = SIPDNS_ENOMEM;
	for (size_t i = 0; v && st == SIPDNS_OK && i < s->n; i++) {
		const struct sipdns_record *e = &s->v[i];
		if (e->type != LDNS_RR_TYPE_SRV || !e->target)
			continue;
		/* a target without an A question is kept, as such */
		if (!sipdns_strset_put(&a[e->view], e->target, SIZE_MAX, &k)) {
			st = SIPDNS_ENOMEM;
			break;
		}
		const struct sipdns_question *qa = k == SIZE_MAX ? NULL : &r->q[k];
		if (qa == NULL || qa->ignored || qa->answer == NULL)
			continue;
		st = check_target(t, r, e, qa, &v[k]);
	}
	for (int i = 0; i < SIPDNS_VIEW_COUNT; i++)
		sipdns_strset_free(&a[i]);
	if (v == NULL)
		return SIPDNS_ENOMEM;
	free(v);
	return st;
}

enum sipdns_status
sipdns_compare(const struct sipdns_topology *t, const struct sipdns_recset *s,
	       const struct sipdns_verify_opts *o,
	       struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_q; i++) {
		enum sipdns_status st = compare_one(t, s, o, r, &r->q[i]);
		if (st != SIPDNS_OK)
			return st;
	}
	enum sipdns_status st = follow_targets(t, s, r);
	if (st == SIPDNS_OK)
		sipdns_findings_sort(r);
	return st;
}
