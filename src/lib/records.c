/* records.c -- the record model: build, order, merge, find conflicts
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "records.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "m365.h"
#include "profile.h"
#include "recsort.h"
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
	/* every record's rr lives in the arena (rr_build) */
	free(s->v);
	free(s->idx);
	sipdns_arena_destroy(s->arena);
	memset(s, 0, sizeof(*s));
}

/* Plain names are encoded here; names with escapes, empty or overlong
 * labels and the longest names go through ldns's own parser, so every
 * name gets exactly the bytes (or the refusal) ldns would give it. */
size_t
sipdns_wire_name(const char *name, uint8_t *w)
{
	size_t lab = 0, o = 1, len = strlen(name);
	if (len == 0 || len > LDNS_MAX_DOMAINLEN - 2 || memchr(name, '\\', len))
		goto slow;
	for (const char *p = name; ; p++) {
		if (*p != '.' && *p != '\0') {
			w[o++] = (uint8_t)*p;
			continue;
		}
		size_t l = o - lab - 1;
		if (l == 0 || l > LDNS_MAX_LABELLEN)
			goto slow;
		w[lab] = (uint8_t)l;
		if (*p == '\0')
			break;
		lab = o++;
	}
	w[o++] = 0;
	return o;
slow:;
	char buf[LDNS_MAX_DOMAINLEN + 2];
	int n = snprintf(buf, sizeof(buf), "%s.", name);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return 0;
	ldns_rdf *r = ldns_dname_new_frm_str(buf);
	size_t size = r ? ldns_rdf_size(r) : 0;
	if (size > LDNS_MAX_DOMAINLEN + 1)
		size = 0;
	if (size > 0)
		memcpy(w, ldns_rdf_data(r), size);
	ldns_rdf_deep_free(r);
	return size;
}

bool
sipdns_dname_equal(const ldns_rdf *a, const ldns_rdf *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	size_t n = ldns_rdf_size(a);
	if (n != ldns_rdf_size(b))
		return false;
	/* a length byte (0 to 63) is no letter: folding whole wire forms
	 * compares the labels' letters and nothing else */
	const uint8_t *x = ldns_rdf_data(a), *y = ldns_rdf_data(b);
	for (size_t i = 0; i < n; i++) {
		uint8_t c = x[i], d = y[i];
		if (c != d && ((c | 0x20) != (d | 0x20) ||
			       (uint8_t)((c | 0x20) - 'a') > 'z' - 'a'))
			return false;
	}
	return true;
}

/* The rdata of a record being built: up to four fields. */
struct rdata {
	size_t n;
	ldns_rdf_type type[4];
	size_t size[4];
	uint8_t data[4][LDNS_MAX_DOMAINLEN + 1];
};

static bool
rdata_int16(struct rdata *rd, uint16_t v)
{
	rd->type[rd->n] = LDNS_RDF_TYPE_INT16;
	rd->size[rd->n] = 2;
	rd->data[rd->n][0] = (uint8_t)(v >> 8);
	rd->data[rd->n++][1] = (uint8_t)v;
	return true;
}

static bool
rdata_name(struct rdata *rd, const char *name)
{
	size_t i = rd->n++;
	rd->type[i] = LDNS_RDF_TYPE_DNAME;
	rd->size[i] = sipdns_wire_name(name, rd->data[i]);
	return rd->size[i] > 0;
}

/* An address as ldns_str2rdf_a and _aaaa read it (inet_pton). */
static bool
rdata_addr(struct rdata *rd, ldns_rdf_type type, const char *addr)
{
	bool v4 = type == LDNS_RDF_TYPE_A;
	size_t i = rd->n++;
	rd->type[i] = type;
	rd->size[i] = v4 ? 4 : 16;
	return inet_pton(v4 ? AF_INET : AF_INET6, addr, rd->data[i]) == 1;
}

/* An rdf of rd's field i that an rr built before holds already: the same
 * INT16 value, or the same name as the last name built; NULL if none. */
static ldns_rdf *
shared_rdf(const struct sipdns_recset *s, const struct rdata *rd, size_t i)
{
	if (rd->type[i] == LDNS_RDF_TYPE_INT16) {
		for (size_t k = 0; k < s->n_int16; k++)
			if (memcmp(ldns_rdf_data(s->int16[k]), rd->data[i], 2) == 0)
				return s->int16[k];
	} else if (rd->type[i] == LDNS_RDF_TYPE_DNAME && s->last_dname != NULL &&
		   ldns_rdf_size(s->last_dname) == rd->size[i] &&
		   memcmp(ldns_rdf_data(s->last_dname), rd->data[i], rd->size[i]) == 0)
		return s->last_dname;
	return NULL;
}

/* A record's rr in one block of the set's arena: the ldns_rr, its field
 * array, its rdfs and their bytes, but for the rdfs it shares with the
 * rrs built before (shared_rdf: an SRV's priority, weight, port and
 * target most often, about half of its block). 600,000 records would
 * otherwise cost 6 to 11 mallocs each, and as many frees (a third of
 * check's time at 100,000 domains). Nothing frees or changes a record's
 * rr: the other modules only read it, or clone it. NULL when a name is
 * refused or on ENOMEM. */
static ldns_rr *
rr_build(struct sipdns_recset *s, const char *owner, ldns_rr_type type,
	 uint32_t ttl, const struct rdata *rd)
{
	uint8_t ow[LDNS_MAX_DOMAINLEN + 1];
	size_t olen = sipdns_wire_name(owner, ow), bytes = olen, own = 1;
	if (olen == 0)
		return NULL;
	ldns_rdf *shared[4];
	for (size_t i = 0; i < rd->n; i++)
		if ((shared[i] = shared_rdf(s, rd, i)) == NULL) {
			bytes += rd->size[i];
			own++;
		}
	size_t head = sizeof(ldns_rr) + rd->n * sizeof(ldns_rdf *) +
		      own * sizeof(ldns_rdf);
	unsigned char *b = sipdns_arena_alloc_uninit(s->arena, head + bytes);
	if (b == NULL)
		return NULL;
	ldns_rr *rr = (ldns_rr *)(void *)b;
	ldns_rdf **f = (ldns_rdf **)(void *)(b + sizeof(ldns_rr));
	ldns_rdf *rdf = (ldns_rdf *)(void *)(f + rd->n);
	uint8_t *d = b + head;
	for (size_t i = 0, k = 0; i <= rd->n; i++) {
		if (i > 0 && shared[i - 1] != NULL) {
			f[i - 1] = shared[i - 1];
			continue;
		}
		size_t size = i == 0 ? olen : rd->size[i - 1];
		ldns_rdf_type t = i == 0 ? LDNS_RDF_TYPE_DNAME : rd->type[i - 1];
		memcpy(d, i == 0 ? ow : rd->data[i - 1], size);
		ldns_rdf_set_type(&rdf[k], t);
		ldns_rdf_set_size(&rdf[k], size);
		ldns_rdf_set_data(&rdf[k], d);
		d += size;
		if (i > 0) {
			f[i - 1] = &rdf[k];
			if (t == LDNS_RDF_TYPE_DNAME)
				s->last_dname = &rdf[k];
			else if (t == LDNS_RDF_TYPE_INT16 &&
				 s->n_int16 < sizeof(s->int16) / sizeof(s->int16[0]))
				s->int16[s->n_int16++] = &rdf[k];
		}
		k++;
	}
	rr->_rdata_fields = f;
	ldns_rr_set_rd_count(rr, rd->n);
	ldns_rr_set_owner(rr, &rdf[0]);
	ldns_rr_set_question(rr, false);
	ldns_rr_set_type(rr, type);
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	return rr;
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

/* fmt and its arguments into buf, as vsnprintf would; a format of %s
 * conversions only (every reason the rules give) is copied here, at a
 * fraction of vsnprintf's cost. */
static void
format_reason(char *buf, size_t size, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	size_t o = 0;
	for (const char *p = fmt; *p; ) {
		const char *src = p, *pct = strchr(p, '%');
		size_t n = pct ? (size_t)(pct - p) : strlen(p);
		p += n;
		if (n == 0 && p[1] == 's' && (src = va_arg(aq, const char *)) != NULL) {
			n = strlen(src);
			p += 2;
		} else if (n == 0) {   /* any other conversion */
			va_end(aq);
			vsnprintf(buf, size, fmt, ap);
			return;
		}
		if (n > size - 1 - o)
			n = size - 1 - o;
		memcpy(buf + o, src, n);
		o += n;
	}
	buf[o] = '\0';
	va_end(aq);
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
		s->oom = true;
		return;
	}
	char reason[512];
	format_reason(reason, sizeof(reason), fmt, ap);
	const char *r = sipdns_arena_strdup(s->arena, reason);
	size_t olen = strlen(owner);
	char *o = sipdns_arena_bytes(s->arena, 2 * olen + 1);
	/* few distinct targets (pools, edges), many records each */
	const char *tg = NULL;
	if (target && s->last_target && strcmp(s->last_target, target) == 0)
		tg = s->last_target;
	else if (target)
		tg = s->last_target = sipdns_arena_strdup(s->arena, target);
	if (o != NULL) {   /* owner, then its key */
		memcpy(o, owner, olen + 1);
		sipdns_name_key(owner, olen, o + olen + 1);
	}
	if (r == NULL || o == NULL || (target && tg == NULL)) {
		s->oom = true;
		return;
	}
	s->v[s->n] = (struct sipdns_record){
		.view = v, .ownerlen = (unsigned)olen, .rr = rr, .owner = o, .key = o ? o + olen + 1 : NULL,
		.target = tg, .reason = r, .fact = fact,
		.loc = loc, .flags = flags, .type = ldns_rr_get_type(rr), .seq = s->n,
	};
	s->n++;
}

void
sipdns_recset_add_a(struct sipdns_recset *s, enum sipdns_view_id v,
		    const char *owner, const char *addr, uint32_t ttl,
		    const char *fact, struct sipdns_loc loc, unsigned flags,
		    const char *fmt, ...)
{
	struct rdata rd;
	rd.n = 0;
	ldns_rr *rr = rdata_addr(&rd, LDNS_RDF_TYPE_A, addr)
		? rr_build(s, owner, LDNS_RR_TYPE_A, ttl, &rd) : NULL;
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
	struct rdata rd;
	rd.n = 0;
	ldns_rr *rr = rdata_addr(&rd, LDNS_RDF_TYPE_AAAA, addr)
		? rr_build(s, owner, LDNS_RR_TYPE_AAAA, ttl, &rd) : NULL;
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
	struct rdata rd;
	rd.n = 0;
	ldns_rr *rr = rdata_name(&rd, target)
		? rr_build(s, owner, LDNS_RR_TYPE_CNAME, ttl, &rd) : NULL;
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
	struct rdata rd;
	rd.n = 0;
	ldns_rr *rr = rdata_int16(&rd, prio) && rdata_int16(&rd, weight) &&
		      rdata_int16(&rd, port) && rdata_name(&rd, target)
		? rr_build(s, owner, LDNS_RR_TYPE_SRV, ttl, &rd) : NULL;
	va_list ap;
	va_start(ap, fmt);
	add(s, v, owner, target, rr, fact, loc, 0, fmt, ap);
	va_end(ap);
}

static int
find_cmp(const struct sipdns_record *r, enum sipdns_view_id v,
	 const char *key, size_t len)
{
	if (r->view != v)
		return r->view < v ? -1 : 1;
	return sipdns_record_key_cmp(r->key, r->ownerlen, key, len);
}

static uint64_t
owner_hash(enum sipdns_view_id v, const char *owner, size_t len)
{
	uint64_t h = 14695981039346656037u ^ (unsigned)v;   /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)owner[i]) * 1099511628211u;
	return h ^ (h >> 29);
}

/* The first record at each (view, owner) of a sorted set, in a hash table
 * (open addressing, at most half full, slots hold index + 1): find is one
 * probe, where a binary search over 600,000 records took a tenth of
 * check's time. Without memory for it, find searches. */
static void
index_owners(struct sipdns_recset *s)
{
	free(s->idx);
	s->idx = NULL;
	size_t owners = 0, cap = 16;
	for (size_t i = 0; i < s->n; i++)
		owners += i == 0 || find_cmp(&s->v[i - 1], s->v[i].view, s->v[i].key,
					     s->v[i].ownerlen) != 0;
	if (s->n >= UINT32_MAX)
		return;
	while (cap < 2 * owners)
		cap *= 2;
	if ((s->idx = sipdns_zalloc(cap, sizeof(*s->idx))) == NULL)
		return;
	s->idx_mask = cap - 1;
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		if (i > 0 && find_cmp(&s->v[i - 1], r->view, r->key, r->ownerlen) == 0)
			continue;
		size_t k = owner_hash(r->view, r->owner, r->ownerlen) & s->idx_mask;
		while (s->idx[k] != 0)
			k = (k + 1) & s->idx_mask;
		s->idx[k] = (uint32_t)i + 1;
	}
}

static void *
index_thread(void *arg)
{
	index_owners(arg);
	return NULL;
}

/* The first record at (v, owner), or s->n. */
static size_t
first_at(const struct sipdns_recset *s, enum sipdns_view_id v,
	 const char *owner, size_t len)
{
	if (s->idx != NULL) {
		size_t k = owner_hash(v, owner, len) & s->idx_mask;
		for (; s->idx[k] != 0; k = (k + 1) & s->idx_mask) {
			const struct sipdns_record *r = &s->v[s->idx[k] - 1];
			if (r->view == v && r->ownerlen == len &&
			    memcmp(r->owner, owner, len) == 0)
				return s->idx[k] - 1;
		}
		return s->n;
	}
	char key[LDNS_MAX_DOMAINLEN + 1];
	sipdns_name_key(owner, len, key);
	size_t lo = 0, hi = s->n;
	while (lo < hi) {   /* first record not less than (v, owner) */
		size_t mid = lo + (hi - lo) / 2;
		if (find_cmp(&s->v[mid], v, key, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && find_cmp(&s->v[lo], v, key, len) == 0 ? lo : s->n;
}

const struct sipdns_record *
sipdns_recset_find(const struct sipdns_recset *s, enum sipdns_view_id v,
		   const char *owner, ldns_rr_type type)
{
	size_t len = strlen(owner);
	if (len > LDNS_MAX_DOMAINLEN)
		return NULL;   /* no such record: names are shorter */
	for (size_t i = first_at(s, v, owner, len);
	     i < s->n && s->v[i].view == v && s->v[i].ownerlen == len &&
	     memcmp(s->v[i].owner, owner, len) == 0; i++)
		if (type == LDNS_RR_TYPE_ANY || s->v[i].type == type)
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
		ldns_rr_type t = s->v[k].type;
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
		if (a->flags & s->v[k].flags & SIPDNS_REC_DNS_LB)
			continue;
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

/* What a target is in a view: an alias, an address, neither. Targets are
 * few (pools, Edges) and shared by pointer among many records (add()
 * copies a target once per run of equal ones), so the last answers are
 * kept by pointer and view. */
struct target_memo {
	const char *target;
	enum sipdns_view_id view;
	bool alias, address;
};

static const struct target_memo *
target_kind(const struct sipdns_recset *s, struct target_memo *memo,
	    size_t n_memo, const struct sipdns_record *r)
{
	struct target_memo *m = &memo[((uintptr_t)r->target >> 4) % n_memo];
	if (m->target == r->target && m->view == r->view)
		return m;
	*m = (struct target_memo){
		.target = r->target, .view = r->view,
		.alias = sipdns_recset_find(s, r->view, r->target, LDNS_RR_TYPE_CNAME) != NULL,
		.address = sipdns_recset_find(s, r->view, r->target, LDNS_RR_TYPE_A) ||
			   sipdns_recset_find(s, r->view, r->target, LDNS_RR_TYPE_AAAA),
	};
	return m;
}

void
sipdns_recset_flag_last(struct sipdns_recset *s, size_t n_before, unsigned flags)
{
	if (s->n > n_before)
		s->v[s->n - 1].flags |= flags;
}

/* SRV and CNAME targets: an address in the same view, never an alias */
static void
target_conflicts(const struct sipdns_recset *s, struct sipdns_diag *d)
{
	struct target_memo memo[64] = { { 0 } };
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *r = &s->v[i];
		const char *target = r->target;
		if (target == NULL || (r->flags & SIPDNS_REC_M365_ONLINE))
			continue;   /* none, or Microsoft 365's own (m365.c) */
		bool srv = r->type == LDNS_RR_TYPE_SRV;
		const struct target_memo *k = target_kind(s, memo, 64, r);
		if (srv && k->alias) {
			sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "srv-target-alias",
				"SRV '%s' points at '%s', which is an alias (CNAME) in the %s view; RFC 2782 forbids alias targets: point it at the host's own name",
				r->owner, target, sipdns_view_name(r->view));
		} else if (!(r->flags & SIPDNS_REC_FOREIGN_TARGET) &&
			   !k->address && !k->alias) {
			sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "undefined-target",
				"%s '%s' points at '%s', which has no address in the %s view; define that host in the topology",
				srv ? "SRV" : "CNAME", r->owner, target,
				sipdns_view_name(r->view));
		}
	}
}

static void
conflicts_by_owner(const struct sipdns_recset *s, const char *title,
		   struct sipdns_diag *d)
{
	for (size_t i = 0; i < s->n; ) {
		size_t j = i;
		while (j < s->n && s->v[j].view == s->v[i].view &&
		       s->v[j].ownerlen == s->v[i].ownerlen &&
		       memcmp(s->v[j].owner, s->v[i].owner, s->v[i].ownerlen) == 0)
			j++;
		owner_conflicts(s, i, j, title, d);
		i = j;
	}
}

static bool
same_record(const struct sipdns_record *a, const struct sipdns_record *b)
{
	return a->view == b->view && strcmp(a->owner, b->owner) == 0 &&
	       a->type == b->type &&
	       ldns_rr_compare(a->rr, b->rr) == 0 &&
	       ldns_rr_ttl(a->rr) == ldns_rr_ttl(b->rr);
}

/* Fold duplicate x into k: both reasons, and self-registered only if every
 * rule says so. False: out of memory, x untouched. */
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
	k->flags |= x->flags & SIPDNS_REC_EDGE_RESOLVES;
	return true;   /* x's rr stays in the arena */
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
report_no_zone(const struct sipdns_record *r, const struct sipdns_topology *t,
	       struct sipdns_diag *d)
{
	const struct sipdns_view *view = &t->views[r->view];
	const struct sipdns_profile *p = sipdns_profile_policy(t->product);
	const char *vn = sipdns_view_name(r->view);
	char fix[1024];
	if (p->no_zone && p->no_zone(t, (int)r->view, r->owner, fix, sizeof(fix)))
		sipdns_diag_add(d, SIPDNS_ERROR, r->loc, "no-zone",
			"no zone of the %s view holds '%s' (%s); %s",
			vn, r->owner, r->reason, fix);
	else if (!view->present)
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
		const struct sipdns_zone_index *idx =
			sipdns_topology_zones(t, (enum sipdns_view_id)v);
		if (idx == NULL)
			return SIPDNS_ENOMEM;
		const struct sipdns_zone *near = NULL;  /* DNS order: the
							 * last zone found
							 * is likely next */
		for (size_t i = 0; i < s->n; i++) {
			struct sipdns_record *r = &s->v[i];
			if (r->view != (enum sipdns_view_id)v)
				continue;
			r->zone = sipdns_zone_index_find_near(idx, r->owner,
							      r->ownerlen, near);
			if (r->zone == NULL)
				report_no_zone(r, t, d);
			else
				near = r->zone;
		}
	}
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_recset_finish(struct sipdns_recset *s, const struct sipdns_topology *t,
		     struct sipdns_diag *d)
{
	if (s->oom)
		return SIPDNS_ENOMEM;
	sipdns_recsort(s->v, s->n);
	if (!merge_duplicates(s))
		return SIPDNS_ENOMEM;
	/* the owner index is built on a second thread while this one gives
	 * each record its zone and looks at each owner's records: neither
	 * needs the index, and the index reads no field they write */
	pthread_t tid;
	bool threaded = s->n >= 4096 &&
		pthread_create(&tid, NULL, index_thread, s) == 0;
	if (!threaded)
		index_owners(s);
	enum sipdns_status st = assign_zones(s, t, d);
	if (st == SIPDNS_OK)
		conflicts_by_owner(s, sipdns_profile_policy(t->product)->short_title, d);
	if (threaded)
		pthread_join(tid, NULL);
	if (st != SIPDNS_OK)
		return st;
	target_conflicts(s, d);
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
	sipdns_m365_rules(t, s, d);   /* each SIP domain's m365: mode */
	s->d = NULL;
	if (s->oom)
		return SIPDNS_ENOMEM;
	if (s->long_names > 0)
		return SIPDNS_EINPUT;
	return sipdns_recset_finish(s, t, d);
}
