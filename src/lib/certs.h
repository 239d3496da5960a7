/* certs.h -- certificates: the names a topology's DNS requires on them
 *
 * The product's profile says which certificate needs which name (its
 * certs hook, through the builder below); this engine collects them,
 * compares a certificate (declared in the topology or read from a PEM
 * file by certs_pem.c) with them in one place, and runs check's
 * certificate rule.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_CERTS_H
#define SIPDNS_CERTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"
#include "strset.h"

struct sipdns_arena;
struct sipdns_cert_decl;
struct sipdns_topology;

/* What a profile's certs hook fills (in the topology's arena). */
struct sipdns_certs_build {
	struct sipdns_arena *arena;
	struct sipdns_cert_need *v;
	size_t n, cap;
	struct sipdns_cert_name *names;   /* of v[n - 1] */
	size_t cap_names;
	struct sipdns_strset seen;        /* the names of v[n - 1] */
	bool declared_only;               /* only declared certificates */
	bool skipping;                    /* the current one is not kept */
	bool oom;
};

/* False while the current certificate is not kept (not declared, and only
 * declared ones are collected): a profile may skip building its names. */
bool sipdns_certs_wanted(const struct sipdns_certs_build *b);

/* Start the next certificate: its role, the FQDN of its holder, its
 * declaration (decl->present false: none) and its title. */
void sipdns_certs_begin(struct sipdns_certs_build *b, enum sipdns_cert_role role,
			const char *holder, const struct sipdns_cert_decl *decl,
			const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A name the current certificate needs (once: a second call for the same
 * name is dropped), with its fact and reason. */
void sipdns_certs_name(struct sipdns_certs_build *b, const char *name,
		       bool subject, bool strict_only, const char *fact,
		       const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* What else the sources say about the current certificate. */
void sipdns_certs_note(struct sipdns_certs_build *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* What the sources say of a wildcard SAN on the current certificate. */
void sipdns_certs_wildcard(struct sipdns_certs_build *b, const char *fact,
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Every certificate topology t needs, by its product's profile, into
 * *out (strings and arrays in t's arena). */
enum sipdns_status sipdns_certs_collect(const struct sipdns_topology *t,
					struct sipdns_certs *out);

/* Does the declared certificate k carry name (in its SANs, or as its
 * subject when it has none)? For check's strict-naming rule. */
bool sipdns_certs_lists(const struct sipdns_cert_decl *k, const char *name);

/* The same for 'sip.' and SIP domain sip. */
bool sipdns_certs_lists_sip(const struct sipdns_cert_decl *k,
			       const char *sip);

/* Compare a certificate (subject, san[0..n_san-1]) with need into res's
 * findings (res->need set, its findings appended); names with
 * strict_only are skipped when skip_strict. False on ENOMEM. */
bool sipdns_certs_compare(const struct sipdns_cert_need *need,
			  const char *subject, const char *const *san,
			  size_t n_san, bool skip_strict,
			  struct sipdns_cert_check *res);
/* Append one finding to res (text formatted); false on ENOMEM. */
bool sipdns_certs_finding(struct sipdns_cert_check *res,
			  enum sipdns_cert_finding_kind kind,
			  enum sipdns_severity sev, const char *name,
			  const char *fact, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* check's rule: each declared certificate against what it needs, a
 * warning per problem at the declaration [cert-names]. */
void sipdns_certs_check(const struct sipdns_topology *t, struct sipdns_diag *d);

#endif
