/* certs.c -- certificates: the names a topology's DNS requires on them
 *
 * The profile's certs hook says what each certificate needs; this file
 * keeps the list, and holds the one comparison of a certificate with it,
 * used by check (declared certificates) and by certs --pem (real ones).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "certs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "load.h"
#include "model.h"
#include "profile.h"
#include "vec.h"

static const char *const role_names[SIPDNS_CERT_ROLE_COUNT] = {
	"pool", "edge-internal", "access-edge", "web-conferencing-edge",
	"reverse-proxy", "cwa",
};

const char *
sipdns_cert_role_name(enum sipdns_cert_role r)
{
	return (unsigned)r < SIPDNS_CERT_ROLE_COUNT ? role_names[r] : "unknown";
}

bool
sipdns_cert_role_parse(const char *s, enum sipdns_cert_role *out)
{
	for (size_t i = 0; i < SIPDNS_CERT_ROLE_COUNT; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum sipdns_cert_role)i;
			return true;
		}
	return false;
}

const char *
sipdns_cert_finding_name(enum sipdns_cert_finding_kind k)
{
	static const char *const n[] = { "missing", "subject", "wildcard",
		"expired", "not-yet-valid", "extra", "unreadable" };
	return (unsigned)k < sizeof(n) / sizeof(n[0]) ? n[k] : "unknown";
}

/* vsnprintf into the arena */
static char *
arena_vfmt(struct sipdns_arena *a, const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	return sipdns_arena_strdup(a, buf);
}

/* grow an arena array of n elements of size bytes to hold one more */
static void *
arena_grow(struct sipdns_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *nv = sipdns_arena_alloc(a, ncap * size);
	if (nv == NULL)
		return NULL;
	if (n)
		memcpy(nv, v, n * size);
	*cap = ncap;
	return nv;
}

void
sipdns_certs_begin(struct sipdns_certs_build *b, enum sipdns_cert_role role,
		   const char *holder, const struct sipdns_cert_decl *decl,
		   const char *fmt, ...)
{
	b->skipping = b->declared_only && (decl == NULL || !decl->present);
	if (b->skipping)
		return;
	struct sipdns_cert_need *v = arena_grow(b->arena, b->v, b->n, &b->cap,
						sizeof(*v));
	if (v == NULL) {
		b->oom = true;
		return;
	}
	b->v = v;
	struct sipdns_cert_need *n = &v[b->n++];
	memset(n, 0, sizeof(*n));
	sipdns_strset_clear(&b->seen);
	n->role = role;
	n->holder = holder;
	va_list ap;
	va_start(ap, fmt);
	n->title = arena_vfmt(b->arena, fmt, ap);
	va_end(ap);
	if (decl != NULL && decl->present) {
		n->declared = true;
		n->loc = decl->loc;
		n->decl_subject = decl->subject;
		n->decl_san = decl->san;
		n->n_decl_san = decl->n_san;
	}
	b->names = NULL;
	b->cap_names = 0;
	if (n->title == NULL)
		b->oom = true;
}

void
sipdns_certs_name(struct sipdns_certs_build *b, const char *name, bool subject,
		  bool strict_only, const char *fact, const char *fmt, ...)
{
	if (b->skipping)
		return;
	if (name == NULL)
		b->oom = true;
	if (b->n == 0 || name == NULL)
		return;
	struct sipdns_cert_need *n = &b->v[b->n - 1];
	/* once per certificate: a hashed set, as a pool's certificate
	 * needs sip.<domain> for each of thousands of SIP domains */
	char *copy = sipdns_arena_strdup(b->arena, name);
	bool added;
	if (copy == NULL || !sipdns_strset_add(&b->seen, copy, &added)) {
		b->oom = true;
		return;
	}
	if (!added)
		return;
	struct sipdns_cert_name *v = arena_grow(b->arena, b->names, n->n_names,
						&b->cap_names, sizeof(*v));
	va_list ap;
	va_start(ap, fmt);
	char *reason = arena_vfmt(b->arena, fmt, ap);
	va_end(ap);
	if (v == NULL || reason == NULL) {
		b->oom = true;
		return;
	}
	b->names = v;
	v[n->n_names++] = (struct sipdns_cert_name){ copy, subject, strict_only,
						     reason, fact };
	n->names = v;
}

void
sipdns_certs_note(struct sipdns_certs_build *b, const char *fmt, ...)
{
	if (b->n == 0 || b->skipping)
		return;
	va_list ap;
	va_start(ap, fmt);
	b->v[b->n - 1].note = arena_vfmt(b->arena, fmt, ap);
	va_end(ap);
	if (b->v[b->n - 1].note == NULL)
		b->oom = true;
}

void
sipdns_certs_wildcard(struct sipdns_certs_build *b, const char *fact,
		      const char *fmt, ...)
{
	if (b->n == 0 || b->skipping)
		return;
	va_list ap;
	va_start(ap, fmt);
	b->v[b->n - 1].wildcard = arena_vfmt(b->arena, fmt, ap);
	va_end(ap);
	b->v[b->n - 1].wildcard_fact = fact;
	if (b->v[b->n - 1].wildcard == NULL)
		b->oom = true;
}

bool
sipdns_certs_wanted(const struct sipdns_certs_build *b)
{
	return !b->skipping;
}

/* the certificates of t (only the declared ones when declared_only: what
 * check compares; at thousands of SIP domains the others cost a tenth of
 * check's time) */
static enum sipdns_status
collect(const struct sipdns_topology *t, struct sipdns_certs *out,
	bool declared_only)
{
	struct sipdns_certs_build b = { .arena = t->arena,
					.declared_only = declared_only };
	const struct sipdns_profile *p = t->product;
	if (p != NULL && p->certs != NULL)
		p->certs(t, &b);
	sipdns_strset_free(&b.seen);
	if (b.oom)
		return SIPDNS_ENOMEM;
	out->v = b.v;
	out->n = b.n;
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_certs_collect(const struct sipdns_topology *t, struct sipdns_certs *out)
{
	return collect(t, out, false);
}

bool
sipdns_certs_lists(const struct sipdns_cert_decl *k, const char *name)
{
	if (k == NULL || !k->present)
		return false;
	for (size_t i = 0; i < k->n_san; i++)
		if (strcmp(k->san[i], name) == 0)
			return true;
	return k->n_san == 0 && k->subject != NULL &&
	       strcmp(k->subject, name) == 0;
}

bool
sipdns_certs_lists_sip(const struct sipdns_cert_decl *k, const char *sip)
{
	char name[300];
	snprintf(name, sizeof(name), "sip.%s", sip);
	return sipdns_certs_lists(k, name);
}

bool
sipdns_certs_finding(struct sipdns_cert_check *res,
		     enum sipdns_cert_finding_kind kind,
		     enum sipdns_severity sev, const char *name,
		     const char *fact, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	size_t cap = res->n_f;  /* grown one at a time: few findings */
	if (!sipdns_vec_reserve(&res->f, &cap, res->n_f, sizeof(*res->f)))
		return false;
	struct sipdns_cert_finding *f = &res->f[res->n_f];
	f->kind = kind;
	f->severity = sev;
	f->fact = fact;
	f->name = name ? strdup(name) : NULL;
	f->text = strdup(buf);
	if (f->text == NULL || (name != NULL && f->name == NULL)) {
		free(f->name);
		free(f->text);
		return false;
	}
	res->n_f++;
	if (sev == SIPDNS_ERROR)
		res->errors++;
	return true;
}

/* does the wildcard pattern w ("*.contoso.com") cover name? RFC 6125
 * 6.4.3: the star stands for exactly one whole left-most label */
static bool
wildcard_covers(const char *w, const char *name)
{
	if (strncmp(w, "*.", 2) != 0)
		return false;
	const char *dot = strchr(name, '.');
	return dot != NULL && dot != name && strcmp(dot + 1, w + 2) == 0;
}

static bool
in_list(const char *const *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

/* a required name that the certificate lacks */
static bool
lacking(const struct sipdns_cert_need *need, const struct sipdns_cert_name *r,
	const char *subject, const char *const *san, size_t n_san,
	struct sipdns_cert_check *res)
{
	for (size_t i = 0; i < n_san; i++)
		if (wildcard_covers(san[i], r->name))
			return sipdns_certs_finding(res, SIPDNS_CERT_F_WILDCARD,
				SIPDNS_ERROR, r->name, need->wildcard_fact,
				"'%s' is covered only by the wildcard SAN '%s'; %s: list '%s' itself (needed: %s, %s)",
				r->name, san[i], need->wildcard ? need->wildcard
				: "the sources say nothing of wildcards for this role",
				r->name, r->reason, r->fact);
	if (n_san > 0 && subject != NULL && strcmp(subject, r->name) == 0)
		return sipdns_certs_finding(res, SIPDNS_CERT_F_MISSING,
			SIPDNS_ERROR, r->name, "L10-08",
			"the subject '%s' is not repeated in the subject alternative names; when a certificate has SANs, TLS clients ignore its subject (L10-08): add '%s' to the SANs (needed: %s, %s)",
			r->name, r->name, r->reason, r->fact);
	return sipdns_certs_finding(res, SIPDNS_CERT_F_MISSING, SIPDNS_ERROR,
		r->name, r->fact,
		"'%s' is missing: %s (%s); add it to the %s",
		r->name, r->reason, r->fact,
		r->subject ? "subject and the subject alternative names"
			   : "subject alternative names");
}

bool
sipdns_certs_compare(const struct sipdns_cert_need *need, const char *subject,
		     const char *const *san, size_t n_san, bool skip_strict,
		     struct sipdns_cert_check *res)
{
	res->need = need;
	for (size_t i = 0; i < need->n_names; i++) {
		const struct sipdns_cert_name *r = &need->names[i];
		if (skip_strict && r->strict_only)
			continue;
		bool wrong = r->subject &&
			     (subject == NULL || strcmp(subject, r->name) != 0);
		if (wrong && !sipdns_certs_finding(res, SIPDNS_CERT_F_SUBJECT, SIPDNS_ERROR,
				r->name, r->fact,
				"the subject is '%s', but it must be '%s' (%s, %s): request the certificate with that subject",
				subject ? subject : "(none)", r->name, r->reason, r->fact))
			return false;
		/* without SANs the subject is all there is: told above */
		bool has = n_san > 0 ? in_list(san, n_san, r->name)
			   : wrong || (subject != NULL && strcmp(subject, r->name) == 0);
		if (!has && !lacking(need, r, subject, san, n_san, res))
			return false;
	}
	for (size_t i = 0; i < n_san; i++) {
		bool needed = false;
		for (size_t k = 0; k < need->n_names && !needed; k++)
			needed = strcmp(need->names[k].name, san[i]) == 0 ||
				 wildcard_covers(san[i], need->names[k].name);
		if (!needed && !sipdns_certs_finding(res, SIPDNS_CERT_F_EXTRA,
				SIPDNS_NOTE, san[i], NULL,
				"'%s' is not a name this role needs; harmless", san[i]))
			return false;
	}
	return true;
}

void
sipdns_cert_check_fini(struct sipdns_cert_check *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->n_f; i++) {
		free(res->f[i].name);
		free(res->f[i].text);
	}
	free(res->f);
	for (size_t i = 0; i < res->n_san; i++)
		free(res->san[i]);
	free(res->san);
	free(res->subject);
	memset(res, 0, sizeof(*res));
}

/* one declared certificate, its problems as warnings at its declaration */
static void
check_one(const struct sipdns_cert_need *n, struct sipdns_diag *d)
{
	struct sipdns_cert_check res = { 0 };
	if (!sipdns_certs_compare(n, n->decl_subject, n->decl_san,
				  n->n_decl_san, true, &res))
		d->oom = true;
	for (size_t i = 0; i < res.n_f; i++) {
		const struct sipdns_cert_finding *f = &res.f[i];
		if (f->severity == SIPDNS_ERROR)
			sipdns_diag_add(d, SIPDNS_WARNING, n->loc, "cert-names",
					"%s certificate: %s", n->title, f->text);
	}
	sipdns_cert_check_fini(&res);
}

void
sipdns_certs_check(const struct sipdns_topology *t, struct sipdns_diag *d)
{
	struct sipdns_certs c;
	if (collect(t, &c, true) != SIPDNS_OK) {
		d->oom = true;
		return;
	}
	for (size_t i = 0; i < c.n; i++)
		if (c.v[i].declared)
			check_one(&c.v[i], d);
}

enum sipdns_status
sipdns_job_certs(struct sipdns_job *j, const struct sipdns_certs **out)
{
	if (j == NULL || j->t == NULL)
		return SIPDNS_EINPUT;
	struct sipdns_certs *c = sipdns_arena_alloc(j->t->arena, sizeof(*c));
	if (c == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = sipdns_certs_collect(j->t, c);
	if (st == SIPDNS_OK)
		*out = c;
	return st;
}
