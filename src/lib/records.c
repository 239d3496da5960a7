/* records.c -- the record model: build, order, merge, find conflicts
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "records.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "profile.h"
#include "vec.h"
#include "zones.h"

enum sipdns_status
sipdns_recset_init(struct sipdns_recset *s)
{
	memset(s, 0, sizeof(*s));
	s->arena = sipdns_arena_create();
	return s->arena ? SIPDNS_OK : SIPDNS_ENOMEM;
}

void
sipdns_recset_fini(struct sipdns_recset *s)
{
	for (size_t i = 0; i < s->n; i++)
		ldns_rr_free(s->v[i].rr);
	free(s->v);
	sipdns_arena_destroy(s->arena);
	memset(s, 0, sizeof(*s));
}

/* A new rr with an absolute owner; NULL on failure. */
static ldns_rr *
rr_new(const char *owner, ldns_rr_type type, uint32_t ttl)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	int n = snprintf(buf, sizeof(buf), "%s.", owner);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return NULL;
	ldns_rdf *o = ldns_dname_new_frm_str(buf);
	if (o == NULL)
		return NULL;
	ldns_rr *rr = ldns_rr_new();
	if (rr == NULL) {
		ldns_rdf_deep_free(o);
		return NULL;
	}
	ldns_rr_set_type(rr, type);
	ldns_rr_set_owner(rr, o);
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	return rr;
}

static bool
push_rdf(ldns_rr *rr, ldns_rdf *f)
{
	if (f == NULL)
		return false;
	if (!ldns_rr_push_rdf(rr, f)) {
		ldns_rdf_deep_free(f);
		return false;
	}
	return true;
}

static ldns_rdf *
dname_abs(const char *name)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	int n = snprintf(buf, sizeof(buf), "%s.", name);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return NULL;
	return ldns_dname_new_frm_str(buf);
}

static int
key_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);
	return c != 0 ? c : (la > lb) - (la < lb);
}

#define LONG_NAME "cannot build the name '"

/* A record that could not be built because owner or target is longer
 * than a DNS name may be: an input error at loc, not out of memory;
 * reported once per position among the latest diagnostics. */
static bool
name_too_long(struct sipdns_recset *s, const char *owner, const char *target,
	      struct sipdns_loc loc)
{
	const char *n = strlen(owner) > SIPDNS_NAME_MAX_TEXT ? owner
		: target && strlen(target) > SIPDNS_NAME_MAX_TEXT ? target : NULL;
	if (s->d == NULL || n == NULL)
		return false;
	s->long_names++;
	for (size_t i = s->d->n, k = 0; i > 0 && k < 8; i--, k++) {
		const struct sipdns_diag_entry *e = &s->d->v[i - 1];
		if (e->loc.line == loc.line && e->loc.col == loc.col &&
		    strncmp(e->message, LONG_NAME, strlen(LONG_NAME)) == 0)
			return true;
	}
	sipdns_diag_add(s->d, SIPDNS_ERROR, loc, NULL,
		LONG_NAME "%.60s...' for this entry: it is longer than 253 characters, the most DNS allows (255 octets in wire form); shorten the name it is built from",
		n);
	return true;
}

static void
add(struct sipdns_recset *s, enum sipdns_view_id v, const char *owner,
    const char *target, ldns_rr *rr, const char *fact, struct sipdns_loc loc,
    unsigned flags, const char *fmt, va_list ap)
{
	if (rr == NULL) {
		if (!name_too_long(s, owner, target, loc))
			s->oom = true;
		return;
	}
	if (!sipdns_vec_reserve(&s->v, &s->cap, s->n, sizeof(*s->v))) {
		ldns_rr_free(rr);
		s->oom = true;
		return;
	}
	char reason[512];
	vsnprintf(reason, sizeof(reason), fmt, ap);
	const char *r = sipdns_arena_strdup(s->arena, reason);
	size_t olen = strlen(owner);
	char *o = sipdns_arena_alloc(s->arena, 2 * olen + 1);
	const char *tg = target ? sipdns_arena_strdup(s->arena, target) : NULL;
	if (o != NULL) {   /* owner, then its key */
		memcpy(o, owner, olen + 1);
		sipdns_name_key(owner, olen, o + olen + 1);
	}
	if (r == NULL || o == NULL || (target && tg == NULL)) {
		ldns_rr_free(rr);
		s->oom = true;
		return;
	}
	s->v[s->n] = (struct sipdns_record){
		.view = v, .ownerlen = (unsigned)olen, .rr = rr, .owner = o, .key = o ? o + olen + 1 : NULL,
		.target = tg, .reason = r, .fact = fact,
		.loc = loc, .flags = flags, .seq = s->n,
	};
	s->n++;
}

void
sipdns_recset_add_a(struct sipdns_recset *s, enum sipdns_view_id v,
		    const char *owner, const char *addr, uint32_t ttl,
		    const char *fact, struct sipdns_loc loc, unsigned flags,
		    const char *fmt, ...)
{
	ldns_rr *rr = rr_new(owner, LDNS_RR_TYPE_A, ttl);
	if (rr && !push_rdf(rr, ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, addr))) {
		ldns_rr_free(rr);
		rr = NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	add(s, v, owner, NULL, rr, fact, loc, flags, fmt, ap);
	va_end(ap);
}

void
sipdns_recset_add_aaaa(struct sipdns_recset *s, enum sipdns_view_id v,
		       const char *owner, const char *addr, uint32_t ttl,
		       const char *fact, struct sipdns_loc loc, unsigned flags,
		       const char *fmt, ...)
{
	ldns_rr *rr = rr_new(owner, LDNS_RR_TYPE_AAAA, ttl);
	if (rr && !push_rdf(rr, ldns_rdf_new_frm_str(LDNS_RDF_TYPE_AAAA, addr))) {
		ldns_rr_free(rr);
		rr = NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	add(s, v, owner, NULL, rr, fact, loc, flags, fmt, ap);
	va_end(ap);
}

void
sipdns_recset_add_cname(struct sipdns_recset *s, enum sipdns_view_id v,
			const char *owner, const char *target, uint32_t ttl,
			const char *fact, struct sipdns_loc loc,
			unsigned flags, const char *fmt, ...)
{
	ldns_rr *rr = rr_new(owner, LDNS_RR_TYPE_CNAME, ttl);
	if (rr && !push_rdf(rr, dname_abs(target))) {
		ldns_rr_free(rr);
		rr = NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	add(s, v, owner, target, rr, fact, loc, flags, fmt, ap);
	va_end(ap);
}

void
sipdns_recset_add_srv(struct sipdns_recset *s, enum sipdns_view_id v,
		      const char *owner, uint16_t prio, uint16_t weight,
		      uint16_t port, const char *target, uint32_t ttl,
		      const char *fact, struct sipdns_loc loc, const char *fmt,
		      ...)
{
	/* RFC 2782: priority, weight, port, target (never an alias) */
	ldns_rr *rr = rr_new(owner, LDNS_RR_TYPE_SRV, ttl);
	if (rr && !(push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, prio)) &&
		    push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, weight)) &&
		    push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, port)) &&
		    push_rdf(rr, dname_abs(target)))) {
		ldns_rr_free(rr);
		rr = NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	add(s, v, owner, target, rr, fact, loc, 0, fmt, ap);
	va_end(ap);
}

static int
rec_cmp(const void *pa, const void *pb)
{
	const struct sipdns_record *a = pa, *b = pb;
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	int c = key_cmp(a->key, a->ownerlen, b->key, b->ownerlen);
	if (c != 0)
		return c;
	c = ldns_rr_compare(a->rr, b->rr);
	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
find_cmp(const struct sipdns_record *r, enum sipdns_view_id v,
	 const char *key, size_t len)
{
	if (r->view != v)
		return r->view < v ? -1 : 1;
	return key_cmp(r->key, r->ownerlen, key, len);
}

const struct sipdns_record *
sipdns_recset_find(const struct sipdns_recset *s, enum sipdns_view_id v,
		   const char *owner, ldns_rr_type type)
{
	char key[LDNS_MAX_DOMAINLEN + 1];
	size_t len = strlen(owner);
	if (len > LDNS_MAX_DOMAINLEN)
		return NULL;   /* no such record: names are shorter */
	sipdns_name_key(owner, len, key);
	size_t lo = 0, hi = s->n;
	while (lo < hi) {   /* first record not less than (v, owner) */
		size_t mid = lo + (hi - lo) / 2;
		if (find_cmp(&s->v[mid], v, key, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < s->n && find_cmp(&s->v[i], v, key, len) == 0; i++)
		if (type == LDNS_RR_TYPE_ANY || ldns_rr_get_type(s->v[i].rr) == type)
			return &s->v[i];
	return NULL;
}

const char *
sipdns_rr_format(ldns_buffer *buf, const ldns_rr *rr)
{
	ldns_buffer_clear(buf);
	if (ldns_rr2buffer_str_fmt(buf, ldns_output_format_default, rr) != LDNS_STATUS_OK ||
	    !ldns_buffer_reserve(buf, 1))
		return NULL;
	char *s = (char *)ldns_buffer_begin(buf);
	size_t len = ldns_buffer_position(buf);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	s[len] = '\0';
	return s;
}

char *
sipdns_rr_str(const ldns_rr *rr)
{
	ldns_buffer *buf = ldns_buffer_new(256);
	if (buf == NULL)
		return NULL;
	const char *s = sipdns_rr_format(buf, rr);
	char *out = s ? strdup(s) : NULL;
	ldns_buffer_free(buf);
	return out;
}

static char *
rdata_str(const ldns_rr *rr)
{
	/* the data part only, for messages */
	char *all = sipdns_rr_str(rr);
	if (all == NULL)
		return NULL;
	char *p = all;
	for (int tabs = 0; *p && tabs < 4; p++)
		if (*p == '\t')
			tabs++;
	memmove(all, p, strlen(p) + 1);
	return all;
}

/* "a" or "an" before a product's short title, for messages. */
static const char *
article(const char *title)
{
	return strchr("AEIOUaeiou", title[0]) != NULL ? "an" : "a";
}

/* Records lo..hi-1 share view and owner: a CNAME must stand alone, and a
 * name has one address. */
static void
owner_conflicts(const struct sipdns_recset *s, size_t lo, size_t hi,
		const char *title, struct sipdns_diag *d)
{
	const struct sipdns_record *cname = NULL, *other = NULL, *a = NULL;
	for (size_t k = lo; k < hi; k++) {
		ldns_rr_type t = ldns_rr_get_type(s->v[k].rr);
		if (t == LDNS_RR_TYPE_CNAME && cname == NULL)
			cname = &s->v[k];
		else if (other == NULL)
			other = &s->v[k];  /* a second CNAME counts too */
		if (t != LDNS_RR_TYPE_A)
			continue;
		if (a == NULL) {
			a = &s->v[k];
			continue;
		}
		char *x = rdata_str(a->rr), *y = rdata_str(s->v[k].rr);
		sipdns_diag_add(d, SIPDNS_ERROR, s->v[k].loc,
			"address-conflict",
			"'%s' would have two addresses in the %s view: %s (%s, line %u) and %s (%s); %s %s name has one address: give one of them another FQDN",
			s->v[k].owner, sipdns_view_name(s->v[k].view),
			x ? x : "?", a->reason, a->loc.line,
			y ? y : "?", s->v[k].reason, article(title), title);
		free(x);
		free(y);
	}
	if (cname != NULL && other != NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, other->loc, "cname-conflict",
			"'%s' would be an alias (CNAME, %s, line %u) and also hold other data (%s) in the %s view; a CNAME must stand alone (RFC 1034 §3.6.2): rename one of them",
			cname->owner, cname->reason, cname->loc.line,
			other->reason, sipdns_view_name(other->view));
	}
}

/* SRV and CNAME targets: an address in the same view, never an alias */
static void
target_conflicts(const struct sipdns_recset *s, struct sipdns_diag *d)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		const char *target = r->target;
		if (target == NULL)
			continue;
		bool srv = ldns_rr_get_type(r->rr) == LDNS_RR_TYPE_SRV;
		if (srv && sipdns_recset_find(s, r->view, target, LDNS_RR_TYPE_CNAME)) {
			sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "srv-target-alias",
				"SRV '%s' points at '%s', which is an alias (CNAME) in the %s view; RFC 2782 forbids alias targets: point it at the host's own name",
				r->owner, target, sipdns_view_name(r->view));
		} else if (!sipdns_recset_find(s, r->view, target, LDNS_RR_TYPE_A) &&
			   !sipdns_recset_find(s, r->view, target, LDNS_RR_TYPE_CNAME)) {
			sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "undefined-target",
				"%s '%s' points at '%s', which has no address in the %s view; define that host in the topology",
				srv ? "SRV" : "CNAME", r->owner, target,
				sipdns_view_name(r->view));
		}
	}
}

static void
conflicts(const struct sipdns_recset *s, const char *title,
	  struct sipdns_diag *d)
{
	for (size_t i = 0; i < s->n; ) {
		size_t j = i;
		while (j < s->n && s->v[j].view == s->v[i].view &&
		       strcmp(s->v[j].owner, s->v[i].owner) == 0)
			j++;
		owner_conflicts(s, i, j, title, d);
		i = j;
	}
	target_conflicts(s, d);
}

static bool
same_record(const struct sipdns_record *a, const struct sipdns_record *b)
{
	return a->view == b->view && strcmp(a->owner, b->owner) == 0 &&
	       ldns_rr_get_type(a->rr) == ldns_rr_get_type(b->rr) &&
	       ldns_rr_compare(a->rr, b->rr) == 0 &&
	       ldns_rr_ttl(a->rr) == ldns_rr_ttl(b->rr);
}

/* Fold duplicate x into k: both reasons, and self-registered only if every
 * rule says so; x's rr is freed. False: out of memory, x untouched. */
static bool
merge_into(struct sipdns_recset *s, struct sipdns_record *k,
	   struct sipdns_record *x)
{
	if (strcmp(k->reason, x->reason) != 0 &&
	    strstr(k->reason, x->reason) == NULL) {
		const char *r = sipdns_arena_printf(s->arena, "%s; %s",
						    k->reason, x->reason);
		if (r == NULL)
			return false;
		k->reason = r;
	}
	k->flags &= x->flags | ~(unsigned)SIPDNS_REC_SELF_REGISTERED;
	ldns_rr_free(x->rr);
	return true;
}

/* Merge duplicates of a sorted set: the same record from two rules keeps
 * both reasons. False: out of memory (the set keeps every record it still
 * owns, so sipdns_recset_fini frees each once). */
static bool
merge_duplicates(struct sipdns_recset *s)
{
	size_t w = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (w > 0 && same_record(&s->v[w - 1], &s->v[i])) {
			if (merge_into(s, &s->v[w - 1], &s->v[i]))
				continue;
			memmove(&s->v[w], &s->v[i], (s->n - i) * sizeof(*s->v));
			s->n = w + (s->n - i);
			return false;
		}
		s->v[w++] = s->v[i];
	}
	s->n = w;
	return true;
}

static void
report_no_zone(const struct sipdns_record *r, const struct sipdns_view *view,
	       struct sipdns_diag *d)
{
	const char *vn = sipdns_view_name(r->view);
	if (!view->present)
		sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "no-zone",
			"'%s' (%s) belongs in the %s view, but the topology has no %s view; add views: %s: zones: [...]",
			r->owner, r->reason, vn, vn, vn);
	else
		sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "no-zone",
			"no zone of the %s view holds '%s' (%s); add its zone to views: %s: zones",
			vn, r->owner, r->reason, vn);
}

/* Give each record the zone of its view that holds it (rule no-zone). */
static enum sipdns_status
assign_zones(struct sipdns_recset *s, const struct sipdns_topology *t,
	     struct sipdns_diag *d)
{
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		struct sipdns_zone_index *idx =
			sipdns_zone_index_create(t, (enum sipdns_view_id)v);
		if (idx == NULL)
			return SIPDNS_ENOMEM;
		for (size_t i = 0; i < s->n; i++) {
			struct sipdns_record *r = &s->v[i];
			if (r->view != (enum sipdns_view_id)v)
				continue;
			r->zone = sipdns_zone_index_find(idx, r->owner);
			if (r->zone == NULL)
				report_no_zone(r, &t->views[v], d);
		}
		sipdns_zone_index_destroy(idx);
	}
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_recset_finish(struct sipdns_recset *s, const struct sipdns_topology *t,
		     struct sipdns_diag *d)
{
	if (s->oom)
		return SIPDNS_ENOMEM;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), rec_cmp);
	if (!merge_duplicates(s))
		return SIPDNS_ENOMEM;
	enum sipdns_status st = assign_zones(s, t, d);
	if (st != SIPDNS_OK)
		return st;
	conflicts(s, sipdns_profile_policy(t->product)->short_title, d);
	return d->oom ? SIPDNS_ENOMEM : SIPDNS_OK;
}

enum sipdns_status
sipdns_generate(const struct sipdns_topology *t, struct sipdns_recset *s,
		struct sipdns_diag *d)
{
	const struct sipdns_profile *p = t->product;
	if (!sipdns_profile_supported(p)) {
		char titles[256], names[256];
		sipdns_profile_list(titles, sizeof(titles), true, true, " and ");
		sipdns_profile_list(names, sizeof(names), true, false, ", ");
		sipdns_diag_add(d, SIPDNS_ERROR, t->product_loc, "product",
			"product '%s' is not supported yet: this version knows the %s rules only (product: %s)",
			sipdns_product_name(p), titles, names);
		return SIPDNS_EINPUT;
	}
	s->d = d;
	p->rules(t, s, d);
	s->d = NULL;
	if (s->oom)
		return SIPDNS_ENOMEM;
	if (s->long_names > 0)
		return SIPDNS_EINPUT;
	return sipdns_recset_finish(s, t, d);
}
