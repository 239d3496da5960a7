/* apply.c -- a change plan sent as signed RFC 2136 updates, one per zone
 *
 * Each zone's plan becomes one UPDATE message (the server applies it
 * whole or not at all, RFC 2136 3.2.5 and 3.4): the prerequisites as
 * seen when the plan was made, the deletes, the adds, in the order the
 * nsupdate plan writes them (plan_nsupdate.c). It is signed with TSIG
 * (RFC 8945) by ldns and sent over TCP to the one server, once: an
 * update whose answer never came is "unknown: verify", never sent again.
 * The reply's rcode and signature say what happened.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "apply.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "plan.h"
#include "tsig.h"

const char *
sipdns_apply_outcome_name(enum sipdns_apply_outcome o)
{
	switch (o) {
	case SIPDNS_APPLY_NOTHING: return "nothing to change";
	case SIPDNS_APPLY_NOT_SENT: return "not sent";
	case SIPDNS_APPLY_APPLIED: return "applied";
	case SIPDNS_APPLY_REJECTED: return "rejected";
	case SIPDNS_APPLY_UNKNOWN: return "unknown";
	}
	return "?";
}

void
sipdns_apply_result_fini(struct sipdns_apply_result *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->n_z; i++) {
		free(res->z[i].zone);
		free(res->z[i].message);
	}
	free(res->z);
	memset(res, 0, sizeof(*res));
}

/* ---- the packet ----------------------------------------------------------- */

/* A record without data at owner (no trailing dot): class c, TTL 0. */
static ldns_rr *
bare_rr(const char *owner, ldns_rr_type type, ldns_rr_class c)
{
	char name[LDNS_MAX_DOMAINLEN + 2];
	if (snprintf(name, sizeof(name), "%s.", owner) >= (int)sizeof(name))
		return NULL;
	ldns_rdf *o = ldns_dname_new_frm_str(name);
	ldns_rr *rr = o ? ldns_rr_new() : NULL;
	if (rr == NULL) {
		ldns_rdf_deep_free(o);
		return NULL;
	}
	ldns_rr_set_owner(rr, o);
	ldns_rr_set_type(rr, type);
	ldns_rr_set_class(rr, c);
	ldns_rr_set_ttl(rr, 0);
	return rr;
}

/* A clone of rr in class c, with TTL ttl. */
static ldns_rr *
clone_as(const ldns_rr *rr, ldns_rr_class c, uint32_t ttl)
{
	ldns_rr *n = rr ? ldns_rr_clone(rr) : NULL;
	if (n == NULL)
		return NULL;
	ldns_rr_set_class(n, c);
	ldns_rr_set_ttl(n, ttl);
	return n;
}

static bool
push(ldns_rr_list *l, ldns_rr *rr)
{
	if (rr == NULL)
		return false;
	if (!ldns_rr_list_push_rr(l, rr)) {
		ldns_rr_free(rr);
		return false;
	}
	return true;
}

/* The prerequisites of set s (RFC 2136 2.4.2, 2.4.3, 2.4.5). */
static bool
prereqs(ldns_rr_list *pr, const struct sipdns_plan_set *s)
{
	switch (s->pre) {
	case SIPDNS_PRE_NONE:
		return true;
	case SIPDNS_PRE_NXDOMAIN:
		return push(pr, bare_rr(s->owner, LDNS_RR_TYPE_ANY,
					LDNS_RR_CLASS_NONE));
	case SIPDNS_PRE_NXRRSET:
		return push(pr, bare_rr(s->owner, (ldns_rr_type)s->type,
					LDNS_RR_CLASS_NONE));
	case SIPDNS_PRE_RRSET:
		for (size_t i = 0; i < ldns_rr_list_rr_count(s->seen); i++)
			if (!push(pr, clone_as(ldns_rr_list_rr(s->seen, i),
					       LDNS_RR_CLASS_IN, 0)))
				return false;
		return true;
	}
	return false;
}

/* The deletes (adds false) or the adds of z, set by set (2.5.1, 2.5.2,
 * 2.5.4). */
static bool
updates(ldns_rr_list *up, const struct sipdns_plan_zone *z, bool adds)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		for (size_t k = 0; k < s->n_ch; k++) {
			const struct sipdns_plan_change *c = &s->ch[k];
			if ((c->op == SIPDNS_PLAN_ADD) != adds)
				continue;
			ldns_rr *rr =
				c->op == SIPDNS_PLAN_ADD
				? clone_as(c->rr, LDNS_RR_CLASS_IN, ldns_rr_ttl(c->rr))
				: c->op == SIPDNS_PLAN_DELETE
				? clone_as(c->rr, LDNS_RR_CLASS_NONE, 0)
				: bare_rr(s->owner, (ldns_rr_type)s->type,
					  LDNS_RR_CLASS_ANY);
			if (!push(up, rr))
				return false;
		}
	}
	return true;
}

/* The prerequisites of every set of z, each name's nxdomain said once. */
static bool
zone_prereqs(ldns_rr_list *pr, const struct sipdns_plan_zone *z)
{
	for (size_t i = 0; i < z->n_sets; i++) {
		const struct sipdns_plan_set *s = &z->sets[i];
		if (s->pre == SIPDNS_PRE_NXDOMAIN && i > 0 &&
		    z->sets[i - 1].pre == SIPDNS_PRE_NXDOMAIN &&
		    strcmp(z->sets[i - 1].owner, s->owner) == 0)
			continue;
		if (!prereqs(pr, s))
			return false;
	}
	return true;
}

enum sipdns_status
sipdns_apply_packet(const struct sipdns_plan_zone *z, ldns_pkt **out)
{
	char name[LDNS_MAX_DOMAINLEN + 2];
	if (snprintf(name, sizeof(name), "%s.", z->name) >= (int)sizeof(name))
		return SIPDNS_EDNS;
	ldns_rr_list *pr = ldns_rr_list_new(), *up = ldns_rr_list_new();
	ldns_rdf *zone = ldns_dname_new_frm_str(name);
	enum sipdns_status st = SIPDNS_ENOMEM;
	ldns_pkt *p = NULL;
	if (pr == NULL || up == NULL)
		goto done;
	if (zone == NULL) {
		st = SIPDNS_EDNS;
		goto done;
	}
	if (!zone_prereqs(pr, z) || !updates(up, z, false) ||
	    !updates(up, z, true))
		goto done;
	/* takes zone (freed with the packet); copies the lists */
	p = ldns_update_pkt_new(zone, LDNS_RR_CLASS_IN, pr, up, NULL);
	zone = NULL;
	if (p == NULL)
		goto done;
	ldns_pkt_set_rd(p, false);
	ldns_pkt_set_random_id(p);
	*out = p;
	st = SIPDNS_OK;
done:
	ldns_rdf_deep_free(zone);
	ldns_rr_list_deep_free(pr);
	ldns_rr_list_deep_free(up);
	return st;
}

/* ---- what the answer says ------------------------------------------------- */

/* The meaning of an error rcode of an UPDATE (RFC 2136 2.2, 3.2-3.8). */
static const char *
rcode_meaning(ldns_pkt_rcode rc)
{
	switch (rc) {
	case LDNS_RCODE_NXRRSET:
		return "the zone changed since the plan (a set seen then is not as it was): nothing was changed; make the plan again";
	case LDNS_RCODE_YXRRSET:
		return "the zone changed since the plan (a set seen absent exists now): nothing was changed; make the plan again";
	case LDNS_RCODE_NXDOMAIN:
		return "the zone changed since the plan (a name seen then is gone): nothing was changed; make the plan again";
	case LDNS_RCODE_YXDOMAIN:
		return "the zone changed since the plan (a name seen absent exists now): nothing was changed; make the plan again";
	case LDNS_RCODE_REFUSED:
		return "the server refused the update (updates not allowed from here, without a key, or with this key): nothing was changed";
	case LDNS_RCODE_NOTAUTH:
		return "the server is not authoritative for the zone, or did not accept the key: nothing was changed";
	case LDNS_RCODE_NOTZONE:
		return "a name of the update is outside the zone: nothing was changed";
	case LDNS_RCODE_FORMERR:
		return "the server could not parse the update: nothing was changed";
	case LDNS_RCODE_NOTIMPL:
		return "the server does not implement updates: nothing was changed";
	default:
		return "the server answered an error: nothing was changed";
	}
}

/* The TSIG error of a reply (RFC 8945 5.3), 0 without a TSIG record. */
static uint16_t
tsig_error(const ldns_pkt *reply)
{
	const ldns_rr *t = reply ? ldns_pkt_tsig(reply) : NULL;
	const ldns_rdf *e = t && ldns_rr_rd_count(t) > 5 ? ldns_rr_rdf(t, 5) : NULL;
	return e && ldns_rdf_size(e) == 2 ? ldns_rdf2native_int16(e) : 0;
}

static const char *
tsig_error_name(uint16_t e)
{
	switch (e) {
	case 16: return "BADSIG";
	case 17: return "BADKEY";
	case 18: return "BADTIME";
	case 19: return "BADMODE";
	case 20: return "BADNAME";
	case 21: return "BADALG";
	case 22: return "BADTRUNC";
	}
	return "TSIG error";
}

static const char *
tsig_meaning(uint16_t e)
{
	switch (e) {
	case 16: return "TSIG failure: the server's secret for this key name differs from the key file's (BADSIG): nothing was changed";
	case 17: return "TSIG failure: the server does not know this key name or algorithm (BADKEY): nothing was changed";
	case 18: return "TSIG failure: this machine's clock and the server's differ by more than 300 s (BADTIME): nothing was changed";
	}
	return "TSIG failure: the server did not accept the signature: nothing was changed";
}

static enum sipdns_status
say(struct sipdns_apply_zone *z, enum sipdns_apply_outcome o, const char *msg)
{
	z->outcome = o;
	free(z->message);
	z->message = strdup(msg);
	return z->message ? SIPDNS_OK : SIPDNS_ENOMEM;
}

/* A reply that came, whose signature did (or, signed_ok false, did not)
 * verify. */
static enum sipdns_status
judge_reply(const ldns_pkt *reply, bool signed_ok, struct sipdns_apply_zone *z)
{
	ldns_pkt_rcode rc = ldns_pkt_get_rcode(reply);
	char *name = ldns_pkt_rcode2str(rc);
	snprintf(z->rcode, sizeof(z->rcode), "%s", name ? name : "?");
	free(name);
	uint16_t te = tsig_error(reply);
	if (te != 0)
		snprintf(z->tsig_error, sizeof(z->tsig_error), "%s",
			 tsig_error_name(te));
	if (te != 0 || !signed_ok)
		z->tsig_failed = true;
	if (te != 0)   /* the server refused the signature, processed nothing */
		return say(z, SIPDNS_APPLY_REJECTED, tsig_meaning(te));
	if (rc == LDNS_RCODE_SERVFAIL)
		return say(z, SIPDNS_APPLY_UNKNOWN, "the server failed (SERVFAIL): whether the update was applied is unknown: verify; not sent again");
	if (rc != LDNS_RCODE_NOERROR && !signed_ok && rc != LDNS_RCODE_NOTAUTH)
		/* an unsigned error to a signed request (RFC 8945 5.3.2) */
		return say(z, SIPDNS_APPLY_REJECTED, rcode_meaning(rc));
	if (rc == LDNS_RCODE_NOTAUTH && !signed_ok)
		return say(z, SIPDNS_APPLY_REJECTED, tsig_meaning(0));
	if (!signed_ok)
		return say(z, SIPDNS_APPLY_UNKNOWN, "TSIG failure: the reply says NOERROR but its signature did not verify: whether the update was applied is unknown: verify");
	if (rc != LDNS_RCODE_NOERROR)
		return say(z, SIPDNS_APPLY_REJECTED, rcode_meaning(rc));
	return say(z, SIPDNS_APPLY_APPLIED, "applied");
}

enum sipdns_status
sipdns_apply_judge(ldns_status st, const ldns_pkt *reply, bool signed_request,
		   struct sipdns_apply_zone *z)
{
	z->rcode[0] = z->tsig_error[0] = '\0';
	z->tsig_failed = false;
	if (reply != NULL && st == LDNS_STATUS_OK)
		return judge_reply(reply, true, z);
	if (reply != NULL && st == LDNS_STATUS_CRYPTO_TSIG_BOGUS && signed_request)
		return judge_reply(reply, false, z);
	char msg[300];
	snprintf(msg, sizeof(msg), "no answer (%s): whether the update was applied is unknown: verify; not sent again",
		 ldns_get_errorstr_by_id(st) ? ldns_get_errorstr_by_id(st)
					     : "no reply");
	return say(z, SIPDNS_APPLY_UNKNOWN, msg);
}

/* ---- the zones, one update each ------------------------------------------- */

enum sipdns_status
sipdns_apply_prepare(const struct sipdns_plan *p, int view, unsigned percent,
		     struct sipdns_apply_result *res)
{
	memset(res, 0, sizeof(*res));
	res->z = calloc(p->n_z ? p->n_z : 1, sizeof(*res->z));
	if (res->z == NULL)
		return SIPDNS_ENOMEM;
	for (size_t i = 0; i < p->n_z; i++) {
		const struct sipdns_plan_zone *pz = &p->z[i];
		if (view >= 0 && (int)pz->view != view)
			continue;
		struct sipdns_apply_zone *z = &res->z[res->n_z];
		z->view = pz->view;
		z->zone = strdup(pz->name);
		if (z->zone == NULL)
			return SIPDNS_ENOMEM;   /* res is freed by the caller */
		res->n_z++;
		z->n_add = pz->n_add;
		z->n_delete = pz->n_delete;
		z->outcome = pz->n_add + pz->n_delete ? SIPDNS_APPLY_NOT_SENT
						      : SIPDNS_APPLY_NOTHING;
		res->n_add += pz->n_add;
		res->n_delete += pz->n_delete;
		res->n_managed += pz->n_managed;
		res->n_kept += pz->n_kept;
		for (size_t k = 0; k < pz->n_skip; k++)
			*(pz->skip[k].refused ? &res->n_refused
					      : &res->n_not_planned) += 1;
	}
	/* the plan's rule, on the zones applied (sipdns_plan_over_threshold) */
	struct sipdns_plan part = { .n_delete = res->n_delete,
				    .n_managed = res->n_managed };
	res->over_threshold = sipdns_plan_over_threshold(&part, percent);
	return SIPDNS_OK;
}

static const struct sipdns_plan_zone *
plan_zone(const struct sipdns_plan *p, const struct sipdns_apply_zone *z)
{
	for (size_t i = 0; i < p->n_z; i++)
		if (p->z[i].view == z->view && strcmp(p->z[i].name, z->zone) == 0)
			return &p->z[i];
	return NULL;
}

static void
count(struct sipdns_apply_result *res)
{
	res->n_applied = res->n_rejected = res->n_unknown = res->n_not_sent = 0;
	for (size_t i = 0; i < res->n_z; i++)
		switch (res->z[i].outcome) {
		case SIPDNS_APPLY_APPLIED: res->n_applied++; break;
		case SIPDNS_APPLY_REJECTED: res->n_rejected++; break;
		case SIPDNS_APPLY_UNKNOWN: res->n_unknown++; break;
		case SIPDNS_APPLY_NOT_SENT: res->n_not_sent++; break;
		case SIPDNS_APPLY_NOTHING: break;
		}
}

/* Send the update of z; false: stop here (TSIG, unknown). */
static enum sipdns_status
send_one(const struct sipdns_plan_zone *pz, struct sipdns_apply_zone *z,
	 sipdns_apply_send_fn send, void *arg, bool *stop)
{
	ldns_pkt *q = NULL, *reply = NULL;
	enum sipdns_status st = sipdns_apply_packet(pz, &q);
	if (st != SIPDNS_OK)
		return st;
	bool signed_request = false;
	ldns_status ls = send(arg, q, &reply, &signed_request);
	st = sipdns_apply_judge(ls, reply, signed_request, z);
	ldns_pkt_free(q);
	ldns_pkt_free(reply);
	*stop = z->tsig_failed || z->outcome == SIPDNS_APPLY_UNKNOWN;
	return st;
}

enum sipdns_status
sipdns_apply_send_all(const struct sipdns_plan *p,
		      struct sipdns_apply_result *res,
		      sipdns_apply_send_fn send, void *arg,
		      const volatile sig_atomic_t *cancel)
{
	enum sipdns_status st = SIPDNS_OK;
	bool stop = false;
	for (size_t i = 0; i < res->n_z && st == SIPDNS_OK && !stop; i++) {
		struct sipdns_apply_zone *z = &res->z[i];
		const struct sipdns_plan_zone *pz = plan_zone(p, z);
		if (z->outcome != SIPDNS_APPLY_NOT_SENT || pz == NULL)
			continue;
		if (cancel && *cancel) {
			st = SIPDNS_ECANCELLED;
			break;
		}
		st = send_one(pz, z, send, arg, &stop);
		if (st == SIPDNS_OK && cancel && *cancel) {
			/* interrupted in flight: the answer may be cut short */
			if (z->outcome == SIPDNS_APPLY_UNKNOWN)
				st = say(z, SIPDNS_APPLY_UNKNOWN, "interrupted while in flight: whether the update was applied is unknown until verified");
			st = st == SIPDNS_OK ? SIPDNS_ECANCELLED : st;
		}
	}
	res->cancelled = st == SIPDNS_ECANCELLED;
	count(res);
	return st;
}

/* ---- the sender: an ldns resolver for the one server ------------------- */

struct sender {
	ldns_resolver *res;
	bool sign;
};

static ldns_status
sender_send(void *arg, ldns_pkt *query, ldns_pkt **reply, bool *signed_request)
{
	struct sender *s = arg;
	*reply = NULL;
	if (s->sign) {
		ldns_status ts = ldns_update_pkt_tsig_add(query, s->res);
		if (ts != LDNS_STATUS_OK)
			return ts;
		*signed_request = true;
	}
	/* ldns_send, not ldns_resolver_send_pkt: it keeps the reply whose
	 * signature did not verify, whose TSIG error says why */
	return ldns_send(reply, s->res, query);
}

/* The resolver for server:port, TCP, one try, with the key k (or none). */
static enum sipdns_status
sender_init(struct sender *s, const struct sipdns_apply_opts *o,
	    const struct sipdns_tsig *k, struct sipdns_diag *d)
{
	unsigned char buf[16];
	bool v6 = inet_pton(AF_INET6, o->server, buf) == 1;
	if (!v6 && inet_pton(AF_INET, o->server, buf) != 1) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){0}, NULL,
				"apply: server '%s' is not an IPv4 or IPv6 address",
				o->server);
		return SIPDNS_EUSAGE;
	}
	ldns_rdf *ns = ldns_rdf_new_frm_str(v6 ? LDNS_RDF_TYPE_AAAA
					       : LDNS_RDF_TYPE_A, o->server);
	s->res = ns ? ldns_resolver_new() : NULL;
	if (s->res == NULL ||
	    ldns_resolver_push_nameserver(s->res, ns) != LDNS_STATUS_OK) {
		ldns_rdf_deep_free(ns);
		return SIPDNS_ENOMEM;
	}
	ldns_rdf_deep_free(ns);
	unsigned ms = o->timeout_ms ? o->timeout_ms : 10000;
	ldns_resolver_set_port(s->res, (uint16_t)(o->port ? o->port : 53));
	ldns_resolver_set_usevc(s->res, true);    /* no datagram to lose */
	ldns_resolver_set_retry(s->res, 1);       /* never sent twice */
	ldns_resolver_set_recursive(s->res, false);
	ldns_resolver_set_timeout(s->res, (struct timeval){ ms / 1000,
					   (ms % 1000) * 1000 });
	if (k != NULL) {
		ldns_resolver_set_tsig_keyname(s->res, k->name);
		ldns_resolver_set_tsig_algorithm(s->res, k->algorithm);
		ldns_resolver_set_tsig_keydata(s->res, k->secret);
		s->sign = true;
	}
	return SIPDNS_OK;
}

static void
sender_fini(struct sender *s)
{
	if (s->res == NULL)
		return;
	/* the resolver's own heap copy (strdup in ldns) */
	char *secret = (char *)ldns_resolver_tsig_keydata(s->res);
	if (secret != NULL)   /* ldns's copy: wiped before it is freed */
		memset(secret, 0, strlen(secret));
	ldns_resolver_deep_free(s->res);
	s->res = NULL;
}

/* ---- the job call -------------------------------------------------------- */

/* Make the plan and judge it; false: nothing is to be sent. */
static enum sipdns_status
apply_plan(struct sipdns_job *j, const struct sipdns_verify_result *r,
	   const struct sipdns_apply_opts *o, struct sipdns_plan *p,
	   struct sipdns_apply_result *res)
{
	struct sipdns_plan_opts po = { .prune = o->prune, .view = o->view };
	enum sipdns_status st = sipdns_plan_make(j->t, &j->set, r, &po, p);
	if (st != SIPDNS_OK)
		return st;
	st = sipdns_apply_prepare(p, o->view, o->max_change, res);
	if (st == SIPDNS_OK && res->over_threshold && !o->force)
		res->refused = true;
	return st;
}

enum sipdns_status
sipdns_job_apply(struct sipdns_job *j, const struct sipdns_verify_result *r,
		 const struct sipdns_apply_opts *o,
		 struct sipdns_apply_result *res)
{
	if (o->tsig_file == NULL && !o->insecure_update) {
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, (struct sipdns_loc){0}, NULL,
				"apply: no --tsig-file: updates are sent signed; use --insecure-update to send them unsigned");
		return SIPDNS_EUSAGE;
	}
	if (j->t == NULL || !j->set_ready || o->server == NULL)
		return SIPDNS_EINPUT;
	struct sipdns_tsig key = { 0 };
	struct sender s = { 0 };
	struct sipdns_plan p = { 0 };
	if (o->tsig_file && !sipdns_tsig_load(o->tsig_file, &key, &j->diag))
		return SIPDNS_EINPUT;
	enum sipdns_status st = sender_init(&s, o, o->tsig_file ? &key : NULL,
					    &j->diag);
	sipdns_tsig_free(&key);
	if (st == SIPDNS_OK)
		st = apply_plan(j, r, o, &p, res);
	bool go = st == SIPDNS_OK && !o->dry_run && !res->refused &&
		  res->n_add + res->n_delete > 0;
	if (go && o->cancel && *o->cancel)
		go = false, st = SIPDNS_ECANCELLED, res->cancelled = true;
	if (go && o->confirm && !o->confirm(o->confirm_arg, res))
		go = false, res->refused = true;
	if (go && o->cancel && *o->cancel)
		go = false, st = SIPDNS_ECANCELLED, res->cancelled = true;
	if (go)
		st = sipdns_apply_send_all(&p, res, sender_send, &s, o->cancel);
	else if (res->z != NULL)
		count(res);
	sipdns_plan_free(&p);
	sender_fini(&s);
	return st;
}
