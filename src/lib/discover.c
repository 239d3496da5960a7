/* discover.c -- the client's sign-in walk, as the client would take it
 *
 * The product's lookup order (its profile's discover table) for the
 * domain of a SIP address: the SRV records asked together (the client
 * queries them in parallel and takes the first in order that answers),
 * the chosen record's target, else the host names one by one. Every
 * question goes through resolve.c and answer.c, so a timeout, SERVFAIL
 * or REFUSED is "not seen": the walk goes on as if it held nothing, and
 * the verdict says it could not decide. Then strict DNS naming, and with
 * a topology, what the host is there.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "discover.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "profile.h"
#include "records.h"
#include "resolve.h"

struct walk {
	const struct sipdns_discover_profile *p;
	const struct sipdns_discover_order *ord;
	const struct sipdns_discover_opts *o;
	struct sipdns_discover_result *r;
	struct sipdns_resolver *res;
	size_t cap;
	long picked;                /* the step taken, -1: none */
	bool no_strict;             /* DisableStrictDNSNaming: the option or the topology */
	bool oom;
};

/* A printf'd copy (malloc), NULL when out of memory (w->oom). */
static char *
walk_printf(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static char *
walk_printf(struct walk *w, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s != NULL)
		vsnprintf(s, (size_t)n + 1, fmt, ap2);
	else
		w->oom = true;
	va_end(ap2);
	va_end(ap);
	return s;
}

const struct sipdns_discover_order *
sipdns_discover_order_find(const struct sipdns_discover_profile *p,
			   const char *client, const char *name)
{
	for (size_t i = 0; p != NULL && i < p->n_orders; i++) {
		const struct sipdns_discover_order *o = &p->orders[i];
		if (strcmp(o->client, client) != 0)
			continue;
		if (name == NULL ? o->client_default : strcmp(o->name, name) == 0)
			return o;
	}
	return NULL;
}

void
sipdns_discover_order_names(const char *client, char *buf, size_t size,
			    const char *sep)
{
	const struct sipdns_discover_profile *p =
		sipdns_discover_profile(sipdns_profile_default()->name);
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (int pass = 0; p != NULL && pass < 2; pass++)
		for (size_t i = 0; i < p->n_orders && len < size; i++) {
			const struct sipdns_discover_order *o = &p->orders[i];
			if ((client && strcmp(o->client, client) != 0) ||
			    o->client_default != (pass == 0))
				continue;
			int k = snprintf(buf + len, size - len, "%s%s%s%s",
					 len ? sep : "", client ? "" : o->client,
					 client ? "" : ":", o->name);
			len += k > 0 ? (size_t)k : 0;
		}
}

bool
sipdns_discover_in_domain(const char *host, const char *domain)
{
	size_t h = strlen(host), d = strlen(domain);
	if (h == d)
		return strcmp(host, domain) == 0;
	return h > d && host[h - d - 1] == '.' && strcmp(host + h - d, domain) == 0;
}

/* "suffix matching" as the sources leave it: the last two labels or more
 * are the same (pool01.corp.contoso.com and sales.contoso.com). */
bool
sipdns_discover_share_suffix(const char *host, const char *domain)
{
	size_t hn = strlen(host), dn = strlen(domain);
	int same = 0;
	while (hn > 0 && dn > 0) {
		size_t hs = hn, ds = dn;
		while (hs > 0 && host[hs - 1] != '.')
			hs--;
		while (ds > 0 && domain[ds - 1] != '.')
			ds--;
		if (hn - hs != dn - ds || memcmp(host + hs, domain + ds, hn - hs) != 0)
			break;
		same++;
		if (hs == 0 || ds == 0)
			break;
		hn = hs - 1;
		dn = ds - 1;
	}
	return same >= 2;
}

long
sipdns_discover_pick(const struct sipdns_discover_step *steps, size_t n,
		     bool *unseen)
{
	*unseen = false;
	for (int kind = SIPDNS_STEP_SRV; kind <= SIPDNS_STEP_HOST; kind++)
		for (size_t i = 0; i < n; i++) {
			const struct sipdns_discover_step *s = &steps[i];
			if ((int)s->kind != kind || !s->asked)
				continue;
			if (!s->seen)
				*unseen = true;
			else if (s->found)
				return (long)i;
		}
	return -1;
}

/* A new step at the end of r->steps (NULL: out of memory). */
static struct sipdns_discover_step *
step_add(struct walk *w, enum sipdns_discover_step_kind kind, char *name,
	 const char *transport, const char *fact, const char *note)
{
	struct sipdns_discover_result *r = w->r;
	if (name == NULL)
		return NULL;
	if (r->n_steps == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		void *v = realloc(r->steps, cap * sizeof(*r->steps));
		if (v == NULL) {
			free(name);
			w->oom = true;
			return NULL;
		}
		r->steps = v;
		w->cap = cap;
	}
	struct sipdns_discover_step *s = &r->steps[r->n_steps++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->name = name;
	s->type = kind == SIPDNS_STEP_SRV ? "SRV" : "A";
	s->transport = transport;
	s->state = "not asked";
	s->fact = fact;
	s->note = note;
	return s;
}

/* The answer's records of type, one a line (malloc), or NULL. */
static char *
answer_text(struct walk *w, const ldns_rr_list *an)
{
	char *out = NULL;
	size_t len = 0;
	for (size_t i = 0; an != NULL && i < ldns_rr_list_rr_count(an); i++) {
		char *t = sipdns_rr_str(ldns_rr_list_rr(an, i));
		char *n = t ? realloc(out, len + strlen(t) + 2) : NULL;
		if (n == NULL) {
			free(t);
			w->oom = true;
			return out;
		}
		out = n;
		for (char *c = t; *c; c++)
			*c = *c == '\t' ? ' ' : *c;
		len += (size_t)sprintf(out + len, "%s%s", len ? "\n" : "", t);
		free(t);
	}
	return out;
}

/* An SRV answer: the record the client takes (lowest priority, then the
 * highest weight, then the first); a target of "." says the service is
 * not offered (RFC 2782). */
static void
take_srv(struct walk *w, struct sipdns_discover_step *s, const ldns_rr_list *an)
{
	const ldns_rr *best = NULL;
	for (size_t i = 0; i < ldns_rr_list_rr_count(an); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(an, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SRV || ldns_rr_rd_count(rr) < 4)
			continue;
		if (best == NULL ||
		    ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)) <
			    ldns_rdf2native_int16(ldns_rr_rdf(best, 0)) ||
		    (ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)) ==
			     ldns_rdf2native_int16(ldns_rr_rdf(best, 0)) &&
		     ldns_rdf2native_int16(ldns_rr_rdf(rr, 1)) >
			     ldns_rdf2native_int16(ldns_rr_rdf(best, 1))))
			best = rr;
	}
	if (best == NULL)
		return;
	char *t = ldns_rdf2str(ldns_rr_rdf(best, 3));
	if (t == NULL) {
		w->oom = true;
		return;
	}
	size_t n = strlen(t);
	if (n > 1 && t[n - 1] == '.')
		t[--n] = '\0';
	for (char *c = t; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	s->port = ldns_rdf2native_int16(ldns_rr_rdf(best, 2));
	if (strcmp(t, ".") == 0) {
		free(t);
		s->decision = walk_printf(w, "its target is \".\": the service is not offered here (RFC 2782); go on");
		return;
	}
	s->target = t;
	s->found = true;
	snprintf(s->ports, sizeof(s->ports), "%u", s->port);
}

/* An A answer: its first address. */
static void
take_a(struct walk *w, struct sipdns_discover_step *s, const ldns_rr_list *an)
{
	for (size_t i = 0; i < ldns_rr_list_rr_count(an); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(an, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_A || ldns_rr_rd_count(rr) < 1)
			continue;
		s->address = ldns_rdf2str(ldns_rr_rdf(rr, 0));
		s->found = s->address != NULL;
		w->oom |= s->address == NULL;
		return;
	}
}

/* What came back for step s, from its question q. */
static void
step_take(struct walk *w, struct sipdns_discover_step *s,
	  const struct sipdns_question *q)
{
	s->asked = true;
	s->state = q->delegated ? "referral" : sipdns_qstate_name(q->state);
	s->seen = q->delegated == NULL &&
		  (q->state == SIPDNS_Q_ANSWER || q->state == SIPDNS_Q_NODATA ||
		   q->state == SIPDNS_Q_NXDOMAIN);
	if (q->detail != NULL && q->detail[0])
		s->detail = walk_printf(w, "%s", q->detail);
	else if (q->delegated)
		s->detail = walk_printf(w, "delegated to %s, not answered", q->delegated);
	if (q->state != SIPDNS_Q_ANSWER || q->answer == NULL || !s->seen)
		return;
	s->answer = answer_text(w, q->answer);
	if (s->kind == SIPDNS_STEP_SRV)
		take_srv(w, s, q->answer);
	else
		take_a(w, s, q->answer);
}

static void
on_reply(void *arg, const struct sipdns_reply *rep)
{
	sipdns_answer_take(arg, rep);
}

/* Ask steps [from, to) in one run of the resolver, and take their answers. */
static enum sipdns_status
ask_steps(struct walk *w, size_t from, size_t to)
{
	size_t n = to - from;
	struct sipdns_question *q = calloc(n ? n : 1, sizeof(*q));
	if (q == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < n && st == SIPDNS_OK; i++) {
		const struct sipdns_discover_step *s = &w->r->steps[from + i];
		q[i].name = s->name;
		q[i].type = s->kind == SIPDNS_STEP_SRV ? LDNS_RR_TYPE_SRV : LDNS_RR_TYPE_A;
		q[i].server = -1;
		st = sipdns_resolve_ask(w->res, s->name, (uint16_t)q[i].type,
					on_reply, &q[i]);
	}
	if (st == SIPDNS_OK)
		st = sipdns_resolve_run(w->res);
	for (size_t i = 0; i < n; i++) {
		if (st == SIPDNS_OK)
			step_take(w, &w->r->steps[from + i], &q[i]);
		ldns_rr_list_deep_free(q[i].answer);
		free(q[i].age);
		free(q[i].wildcard);
		free(q[i].delegated);
		free(q[i].detail);
	}
	free(q);
	if (st == SIPDNS_OK && w->oom)
		st = SIPDNS_ENOMEM;
	return st;
}

/* The order's steps for the SIP domain, none asked yet. */
static bool
steps_build(struct walk *w)
{
	const struct sipdns_discover_order *ord = w->ord;
	for (size_t i = 0; i < ord->n_rules; i++) {
		const struct sipdns_discover_rule *ru = &ord->rules[i];
		struct sipdns_discover_step *s = step_add(w,
			ru->kind == SIPDNS_DISCOVER_SRV ? SIPDNS_STEP_SRV : SIPDNS_STEP_HOST,
			walk_printf(w, "%s.%s", ru->label, w->r->sip_domain),
			ru->transport, ru->fact, ru->note);
		if (s == NULL)
			return false;
		if (ru->kind == SIPDNS_DISCOVER_HOST && ru->ports[1])
			snprintf(s->ports, sizeof(s->ports), "%u, then %u",
				 ru->ports[0], ru->ports[1]);
		else if (ru->kind == SIPDNS_DISCOVER_HOST)
			snprintf(s->ports, sizeof(s->ports), "%u", ru->ports[0]);
	}
	return true;
}

/* The walk's questions: the SRV records together, the chosen record's
 * target, else the host names one at a time until one answers. */
static enum sipdns_status
walk_ask(struct walk *w)
{
	struct sipdns_discover_result *r = w->r;
	size_t n_srv = 0, n = r->n_steps;
	while (n_srv < n && r->steps[n_srv].kind == SIPDNS_STEP_SRV)
		n_srv++;
	enum sipdns_status st = ask_steps(w, 0, n_srv);
	bool unseen;
	long k = st == SIPDNS_OK ? sipdns_discover_pick(r->steps, n, &unseen) : -1;
	if (st != SIPDNS_OK)
		return st;
	if (k >= 0) {
		const struct sipdns_discover_step *srv = &r->steps[k];
		struct sipdns_discover_step *t = step_add(w, SIPDNS_STEP_TARGET,
			walk_printf(w, "%s", srv->target), srv->transport,
			srv->fact, NULL);
		if (t == NULL)
			return SIPDNS_ENOMEM;
		t->port = r->steps[k].port;
		snprintf(t->ports, sizeof(t->ports), "%u", t->port);
		/* shown after the SRV records, where the client asks it */
		struct sipdns_discover_step tmp = *t;
		memmove(&r->steps[n_srv + 1], &r->steps[n_srv],
			(r->n_steps - 1 - n_srv) * sizeof(*r->steps));
		r->steps[n_srv] = tmp;
		return ask_steps(w, n_srv, n_srv + 1);
	}
	for (size_t i = n_srv; i < n && st == SIPDNS_OK; i++) {
		st = ask_steps(w, i, i + 1);
		if (r->steps[i].found)
			break;
	}
	return st;
}

/* A step's decision, once the walk has picked step k (-1: none). */
static char *
step_decision(struct walk *w, size_t i, long k)
{
	const struct sipdns_discover_step *s = &w->r->steps[i];
	const struct sipdns_discover_step *p = k >= 0 ? &w->r->steps[k] : NULL;
	if (s->decision)
		return s->decision;
	if (s->kind == SIPDNS_STEP_TARGET)
		return s->found ? walk_printf(w, "the host's address: %s", s->address)
		     : s->seen ? walk_printf(w, "the target has no address (%s), and %s", s->state, w->p->srv_rule)
		     : walk_printf(w, "not seen (%s): where the client would connect is not known", s->state);
	if (p == s)
		return s->kind == SIPDNS_STEP_SRV
		       ? walk_printf(w, "taken: target %s port %u (lowest priority, then highest weight); %s",
				     s->target, s->port, w->p->srv_rule)
		       : walk_printf(w, "taken: %s, %s port %s", s->address,
				     s->transport, s->ports);
	if (!s->asked)
		return walk_printf(w, "not needed: the client stops at %s",
				   p ? p->name : "an earlier step");
	if (!s->seen)
		return walk_printf(w, "not seen (%s): never taken for absence; the walk goes on as if it held nothing, so the verdict cannot rest on it", s->state);
	if (s->found)
		return walk_printf(w, "answers, but the client takes %s first", p ? p->name : "an earlier step");
	return walk_printf(w, "nothing here (%s): go on", s->state);
}

/* Strict DNS naming for the host the client would connect to. */
static void
walk_strict(struct walk *w, bool from_srv)
{
	struct sipdns_discover_result *r = w->r;
	const char *h = r->host, *d = r->sip_domain, *pol = w->p->policy;
	r->strict_checked = true;
	if (sipdns_discover_in_domain(h, d)) {
		r->strict_ok = true;
		r->strict_text = walk_printf(w, "%s is in the SIP domain %s: strict DNS naming lets it through%s",
			h, d, from_srv ? "" : " (a host name of the order is always in it)");
	} else if (w->no_strict && sipdns_discover_share_suffix(h, d)) {
		r->strict_ok = true;
		r->strict_text = walk_printf(w, "%s is not in %s, but the %s policy is set (suffix matching) and they share a suffix: let through (the sources do not give the exact matching rule)",
			h, d, pol);
	} else if (w->no_strict) {
		r->strict_text = walk_printf(w, "%s shares no suffix with %s: even with the %s policy the client refuses it; point the SRV record at a host in %s (the pool certificate then needs sip.%s)",
			h, d, pol, d, d);
	} else {
		r->strict_text = walk_printf(w, "%s is not in the SIP domain %s: %s, so the client refuses it; point the SRV record at a host in %s, or %s",
			h, d, w->p->strict_rule, d,
			sipdns_discover_share_suffix(h, d)
			? "set the DisableStrictDNSNaming policy (suffix matching: they share a suffix; the sources do not give the exact rule)"
			: "give the pool certificate sip.<domain> and a host in the domain (they share no suffix, so the DisableStrictDNSNaming policy does not help)");
	}
}

/* The unseen steps, "name (state), ..." (malloc), or NULL. */
static char *
unseen_list(struct walk *w)
{
	char buf[1024];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < w->r->n_steps && len < sizeof(buf); i++) {
		const struct sipdns_discover_step *s = &w->r->steps[i];
		if (!s->asked || s->seen)
			continue;
		int k = snprintf(buf + len, sizeof(buf) - len, "%s%s %s (%s)",
				 len ? ", " : "", s->name, s->type, s->state);
		len += k > 0 ? (size_t)k : 0;
	}
	return walk_printf(w, "%s", buf);
}

static bool
any_seen(const struct sipdns_discover_result *r)
{
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].seen)
			return true;
	return false;
}

/* The verdict, from the steps as asked. */
static void
walk_verdict(struct walk *w)
{
	struct sipdns_discover_result *r = w->r;
	bool unseen;
	long k = sipdns_discover_pick(r->steps, r->n_steps, &unseen);
	w->picked = k;
	const struct sipdns_discover_step *p = k >= 0 ? &r->steps[k] : NULL;
	const struct sipdns_discover_step *t = NULL;
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].kind == SIPDNS_STEP_TARGET)
			t = &r->steps[i];
	for (size_t i = 0; i < r->n_steps; i++)
		r->steps[i].decision = step_decision(w, i, k);
	const char *why = NULL;
	r->verdict = SIPDNS_DISCOVER_NOT_FOUND;
	if (p != NULL && p->kind == SIPDNS_STEP_SRV && t != NULL) {
		if (!t->seen)
			unseen = true;
		else if (!t->found)
			why = "the SRV record's target has no address";
		else {
			r->host = walk_printf(w, "%s", t->name);
			r->address = walk_printf(w, "%s", t->address);
			snprintf(r->ports, sizeof(r->ports), "%u", p->port);
		}
	} else if (p != NULL) {
		r->host = walk_printf(w, "%s", p->name);
		r->address = walk_printf(w, "%s", p->address);
		snprintf(r->ports, sizeof(r->ports), "%s", p->ports);
	} else
		why = "every step was seen and none found a server";
	if (r->host != NULL) {
		r->transport = p->transport;
		walk_strict(w, p->kind == SIPDNS_STEP_SRV);
		if (!r->strict_ok)
			why = "strict DNS naming refuses the host";
		else
			r->verdict = SIPDNS_DISCOVER_FOUND;
	}
	char *u = unseen ? unseen_list(w) : NULL;
	if (unseen)
		r->verdict = SIPDNS_DISCOVER_UNDECIDED;
	if (unseen && r->host)
		r->verdict_text = walk_printf(w, "could not decide: not seen: %s; if %s hold%s nothing, the client would %s %s (%s) %s port %s",
			u, strchr(u ? u : "", ',') ? "they" : "it", strchr(u ? u : "", ',') ? "" : "s",
			r->strict_ok ? "sign in at" : "be refused at", r->host, r->address, r->transport, r->ports);
	else if (unseen && !any_seen(r))
		r->verdict_text = walk_printf(w, "DNS could not be asked: no step was seen (%s at %s); nothing is known about this domain", r->steps[0].state, r->servers);
	else if (unseen && p != NULL && p->kind == SIPDNS_STEP_SRV)
		r->verdict_text = walk_printf(w, "could not decide: not seen: %s; %s points at %s, and where that leads was not seen", u, p->name, p->target);
	else if (unseen)
		r->verdict_text = walk_printf(w, "could not decide: not seen: %s; no step that was seen found a server, so whether a client would find one is not known", u);
	else if (r->verdict == SIPDNS_DISCOVER_FOUND)
		r->verdict_text = walk_printf(w, "a client would sign in at %s (%s), %s port %s, found by %s %s",
			r->host, r->address, r->transport, r->ports, p->name, p->type);
	else
		r->verdict_text = walk_printf(w, "a client would not find a server: %s", why);
	free(u);
}

/* Does view v of the record set hold owner/type with this target (SRV)
 * or address (A)? */
static bool
set_holds(const struct sipdns_recset *set, enum sipdns_view_id v,
	  const char *owner, ldns_rr_type type, const char *data)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct sipdns_record *rec = &set->v[i];
		if (rec->view != v || strcmp(rec->owner, owner) != 0 ||
		    ldns_rr_get_type(rec->rr) != type)
			continue;
		if (type == LDNS_RR_TYPE_SRV && rec->target && strcmp(rec->target, data) == 0)
			return true;
		if (type == LDNS_RR_TYPE_A && ldns_rr_rd_count(rec->rr) > 0) {
			char *a = ldns_rdf2str(ldns_rr_rdf(rec->rr, 0));
			bool same = a && strcmp(a, data) == 0;
			free(a);
			if (same)
				return true;
		}
	}
	return false;
}

/* The views whose records lead the client where it went. */
static void
topology_views(struct walk *w, const struct sipdns_recset *set)
{
	struct sipdns_discover_result *r = w->r;
	const struct sipdns_discover_step *p = &r->steps[w->picked];
	char buf[64] = "";
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		bool ok = p->kind == SIPDNS_STEP_SRV
			  ? set_holds(set, v, p->name, LDNS_RR_TYPE_SRV, r->host) &&
			    set_holds(set, v, r->host, LDNS_RR_TYPE_A, r->address)
			  : set_holds(set, v, p->name, LDNS_RR_TYPE_A, r->address);
		if (ok)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
				 buf[0] ? "," : "", sipdns_view_name(v));
	}
	if (buf[0])
		r->views = walk_printf(w, "%s", buf);
}

/* With a topology: is the host its designated sign-in pool, and which
 * view's records answered? */
static void
walk_topology(struct walk *w, const struct sipdns_job *j)
{
	struct sipdns_discover_result *r = w->r;
	const struct sipdns_topology *t = j->t;
	bool known = false;
	for (size_t i = 0; i < t->n_sip_domains; i++)
		known |= strcmp(t->sip_domains[i].name, r->sip_domain) == 0;
	r->topology = true;
	const struct sipdns_pool *pool = sipdns_topology_sign_in(t);
	const char *what = pool == NULL ? NULL
			 : pool->role == SIPDNS_ROLE_DIRECTOR ? "Director" : "pool";
	if (!known) {
		r->topology_text = walk_printf(w, "the topology has no SIP domain %s", r->sip_domain);
		return;
	}
	if (r->host == NULL) {
		r->topology_text = pool ? walk_printf(w, "the topology's designated sign-in %s is %s; the walk reached no host",
						      what, pool->fqdn)
				       : walk_printf(w, "the topology designates no sign-in pool; the walk reached no host");
		return;
	}
	if (j->set_ready)
		topology_views(w, &j->set);
	const char *views = r->views ? r->views : "none";
	if (pool && strcmp(pool->fqdn, r->host) == 0) {
		r->designated = true;
		r->topology_text = walk_printf(w, "%s is the designated sign-in %s; the records that led there are the topology's in view(s): %s",
					       r->host, what, views);
	} else if (t->edge.access.fqdn && (strcmp(t->edge.access.fqdn, r->host) == 0 ||
		   set_holds(&j->set, SIPDNS_VIEW_EXTERNAL, r->host, LDNS_RR_TYPE_A, r->address ? r->address : ""))) {
		r->topology_text = walk_printf(w, "%s is the Access Edge, not the designated sign-in %s%s%s: the client signs in as a remote user; view(s) whose records led there: %s",
					       r->host, what ? what : "pool", pool ? " " : "", pool ? pool->fqdn : "", views);
	} else {
		r->topology_text = walk_printf(w, "%s is not the designated sign-in %s%s%s; view(s) whose records led there: %s",
					       r->host, what ? what : "pool", pool ? " " : "", pool ? pool->fqdn : "", views);
	}
}

/* user@domain or sip:user@domain -> r->sip_domain (lower-case, no dot). */
static bool
parse_address(struct walk *w, const char *a, struct sipdns_diag *d)
{
	const struct sipdns_loc none = { 0 };
	const char *why = "it has no '@'";
	if (a && strncasecmp(a, "sip:", 4) == 0)
		a += 4;
	const char *at = a ? strrchr(a, '@') : NULL;
	if (at != NULL) {
		size_t n = strlen(at + 1);
		if (n > 0 && at[n] == '.')
			n--;
		why = at == a ? "it has no user part before '@'" : NULL;
		if (why == NULL && !sipdns_valid_hostname(at + 1, n, &why))
			;
		else if (why == NULL) {
			w->r->sip_domain = walk_printf(w, "%.*s", (int)n, at + 1);
			for (char *c = w->r->sip_domain; c && *c; c++)
				*c = (char)tolower((unsigned char)*c);
			return w->r->sip_domain != NULL;
		}
	}
	sipdns_diag_add(d, SIPDNS_ERROR, none, NULL,
			"'%s' is not a SIP address (%s): give user@domain or sip:user@domain",
			w->o->address ? w->o->address : "", why);
	return false;
}

/* The profile and the order: o->client and o->order, checked. */
static bool
pick_order(struct walk *w, const struct sipdns_job *j, struct sipdns_diag *d)
{
	const struct sipdns_loc none = { 0 };
	const char *product = j && j->t && j->t->product ? j->t->product->name
			    : sipdns_profile_default()->name;
	const char *client = w->o->client ? w->o->client : "communicator";
	char names[256];
	w->p = sipdns_discover_profile(product);
	if (w->p == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, none, NULL,
				"the product '%s' has no client lookup order to walk", product);
		return false;
	}
	if (sipdns_discover_order_find(w->p, client, NULL) == NULL) {
		sipdns_discover_order_names(NULL, names, sizeof(names), ", ");
		sipdns_diag_add(d, SIPDNS_ERROR, none, NULL,
				"unknown client '%s': give --client communicator or phone-edition (variants: %s)",
				client, names);
		return false;
	}
	w->ord = sipdns_discover_order_find(w->p, client, w->o->order);
	if (w->ord == NULL) {
		sipdns_discover_order_names(client, names, sizeof(names), ", ");
		sipdns_diag_add(d, SIPDNS_ERROR, none, NULL,
				"unknown --order '%s' for %s: give one of %s",
				w->o->order, client, names);
		return false;
	}
	w->r->client = w->ord->client;
	w->r->order = w->ord->name;
	w->r->order_source = w->ord->source;
	w->r->port_note = w->ord->port_note;
	return true;
}

static enum sipdns_status
walk_open(struct walk *w, struct sipdns_diag *d)
{
	const struct sipdns_discover_opts *o = w->o;
	struct sipdns_resolve_opts ro = {
		.servers = o->server,
		.timeout_ms = o->timeout_ms ? o->timeout_ms : 1000,
		.tries = o->tries ? o->tries : 2,
		.max_in_flight = 8, .max_per_server = 8, .cancel = o->cancel,
	};
	char why[300];
	enum sipdns_status st = sipdns_resolve_create(&ro, &w->res, why, sizeof(why));
	if (st != SIPDNS_OK) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ 0 }, NULL,
				st == SIPDNS_EUSAGE ? "--server %s" : "%s", why);
		return st;
	}
	w->r->servers = sipdns_resolve_system(w->res)
			? walk_printf(w, "the system resolver")
			: walk_printf(w, "%s", o->server);
	return w->r->servers ? SIPDNS_OK : SIPDNS_ENOMEM;
}

enum sipdns_status
sipdns_discover(const struct sipdns_job *j, const struct sipdns_discover_opts *o,
		struct sipdns_discover_result *r, struct sipdns_diag *d)
{
	struct walk w = { .o = o, .r = r, .picked = -1 };
	memset(r, 0, sizeof(*r));
	r->sip_address = walk_printf(&w, "%s", o->address ? o->address : "");
	w.no_strict = o->disable_strict ||
		      (j && j->t && !j->t->options.strict_dns_naming);
	if (!parse_address(&w, o->address, d) || !pick_order(&w, j, d))
		return w.oom ? SIPDNS_ENOMEM : SIPDNS_EUSAGE;
	enum sipdns_status st = walk_open(&w, d);
	if (st == SIPDNS_OK)
		st = steps_build(&w) ? walk_ask(&w) : SIPDNS_ENOMEM;
	if (st == SIPDNS_OK) {
		walk_verdict(&w);
		if (j != NULL && j->t != NULL)
			walk_topology(&w, j);
	}
	sipdns_resolve_destroy(w.res);
	if (st == SIPDNS_OK && w.oom)
		st = SIPDNS_ENOMEM;
	return st;
}

void
sipdns_discover_result_fini(struct sipdns_discover_result *r)
{
	for (size_t i = 0; i < r->n_steps; i++) {
		struct sipdns_discover_step *s = &r->steps[i];
		free(s->name);
		free(s->answer);
		free(s->detail);
		free(s->decision);
		free(s->target);
		free(s->address);
	}
	free(r->steps);
	free(r->sip_address);
	free(r->sip_domain);
	free(r->servers);
	free(r->verdict_text);
	free(r->host);
	free(r->address);
	free(r->strict_text);
	free(r->topology_text);
	free(r->views);
	memset(r, 0, sizeof(*r));
}
