/* certs_pem.c -- sipdns certs --pem: a real certificate against its role
 *
 * OpenSSL (libcrypto) reads the PEM file: the subject's common name, the
 * DNS names of the subject alternative names, and the validity dates.
 * The comparison with what the role needs is certs.c's, the one that
 * check uses for declared certificates.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "certs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "fileio.h"
#include "load.h"
#include "model.h"

/* a name from the certificate: lower-case, without a trailing dot; NULL
 * with *bad set when it is empty or holds a NUL (no name a client
 * matches), NULL alone when out of memory */
static char *
cert_text(const unsigned char *s, int len, bool *bad)
{
	*bad = len <= 0 || memchr(s, '\0', (size_t)len) != NULL;
	if (*bad)
		return NULL;
	size_t n = (size_t)len;
	if (s[n - 1] == '.')
		n--;
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	out[n] = '\0';
	return out;
}

static bool
unreadable(struct sipdns_cert_check *res, const char *what)
{
	return sipdns_certs_finding(res, SIPDNS_CERT_F_UNREADABLE, SIPDNS_ERROR,
		NULL, NULL, "%s could not be read: the names it holds are not judged; check the file with 'openssl x509 -text -noout'",
		what);
}

/* the subject's common name into res->subject (NULL: it has none);
 * false when out of memory */
static bool
common_name(X509 *x, struct sipdns_cert_check *res)
{
	X509_NAME *nm = X509_get_subject_name(x);
	int i = nm ? X509_NAME_get_index_by_NID(nm, NID_commonName, -1) : -1;
	if (i < 0)
		return true;
	ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
	bool bad = s == NULL;
	if (s != NULL)
		res->subject = cert_text(ASN1_STRING_get0_data(s),
					 ASN1_STRING_length(s), &bad);
	if (bad)
		return unreadable(res, "the subject's common name");
	return res->subject != NULL;
}

/* the DNS names of the subject alternative names into res->san; false
 * when out of memory */
static bool
dns_sans(X509 *x, struct sipdns_cert_check *res)
{
	int crit = -1;
	GENERAL_NAMES *g = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
	if (g == NULL)   /* crit -1: none; else there but not decoded */
		return crit == -1 || unreadable(res, "the subjectAltName extension");
	int n = sk_GENERAL_NAME_num(g);
	res->san = calloc((size_t)(n > 0 ? n : 1), sizeof(*res->san));
	bool ok = res->san != NULL;
	for (int i = 0; ok && i < n; i++) {
		const GENERAL_NAME *e = sk_GENERAL_NAME_value(g, i);
		if (e->type != GEN_DNS)
			continue;
		bool bad;
		char *s = cert_text(ASN1_STRING_get0_data(e->d.dNSName),
				    ASN1_STRING_length(e->d.dNSName), &bad);
		if (s != NULL)
			res->san[res->n_san++] = s;
		else
			ok = bad && unreadable(res, "a DNS name of the subjectAltName (empty or with a NUL byte)");
	}
	GENERAL_NAMES_free(g);
	return ok;
}

static void
fmt_time(const ASN1_TIME *t, char *buf, size_t size)
{
	struct tm tm;
	if (t == NULL || !ASN1_TIME_to_tm(t, &tm) ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, size, "unknown");
}

/* expired or not yet valid at now */
static bool
validity(X509 *x, time_t now, struct sipdns_cert_check *res)
{
	const ASN1_TIME *nb = X509_get0_notBefore(x), *na = X509_get0_notAfter(x);
	fmt_time(nb, res->not_before, sizeof(res->not_before));
	fmt_time(na, res->not_after, sizeof(res->not_after));
	/* X509_cmp_time: 0 when the time could not be compared */
	int ca = na ? X509_cmp_time(na, &now) : 0, cb = nb ? X509_cmp_time(nb, &now) : 0;
	if (ca == 0 || cb == 0)
		return unreadable(res, "the validity dates");
	if (ca < 0)
		return sipdns_certs_finding(res, SIPDNS_CERT_F_EXPIRED, SIPDNS_ERROR,
			NULL, NULL, "the certificate expired on %s: renew it with the same names",
			res->not_after);
	if (cb > 0)
		return sipdns_certs_finding(res, SIPDNS_CERT_F_NOT_YET, SIPDNS_ERROR,
			NULL, NULL, "the certificate is not valid before %s: check the clocks, or wait",
			res->not_before);
	return true;
}

/* the certificate of role (and holder) that the topology needs */
static const struct sipdns_cert_need *
pick(struct sipdns_job *j, const struct sipdns_certs *c,
     enum sipdns_cert_role role, const char *holder)
{
	const struct sipdns_cert_need *found = NULL;
	size_t count = 0;
	char list[512] = "";
	char canon[SIPDNS_NAME_MAX_TEXT + 2];
	if (holder != NULL) {   /* DNS names: any case, a trailing dot or not */
		size_t n = strlen(holder);
		n = n > 0 && holder[n - 1] == '.' ? n - 1 : n;
		n = n < sizeof(canon) - 1 ? n : sizeof(canon) - 1;
		for (size_t i = 0; i < n; i++)
			canon[i] = (char)(holder[i] >= 'A' && holder[i] <= 'Z'
					  ? holder[i] - 'A' + 'a' : holder[i]);
		canon[n] = '\0';
		holder = canon;
	}
	if (holder == NULL && role == SIPDNS_CERT_POOL &&
	    sipdns_topology_sign_in(j->t) != NULL && j->t->n_pools > 1)
		holder = sipdns_topology_sign_in(j->t)->fqdn;
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].role != role)
			continue;
		size_t len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s%s", count ? ", " : "",
			 c->v[i].holder);
		count++;
		if (holder == NULL || strcmp(holder, c->v[i].holder) == 0)
			found = found ? found : &c->v[i];
	}
	struct sipdns_loc at = { j->t->file, 0, 0 };
	if (count == 0)
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, at, NULL,
			"the topology has no %s certificate; name a role it has (sipdns certs TOPOLOGY lists them)",
			sipdns_cert_role_name(role));
	else if (found == NULL)
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, at, NULL,
			"the topology has no %s certificate for '%s'; it has: %s",
			sipdns_cert_role_name(role), holder, list);
	else if (holder == NULL && count > 1)
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, at, NULL,
			"the topology has %zu %s certificates (%s); choose one with --for FQDN",
			count, sipdns_cert_role_name(role), list);
	return count > 0 && (holder != NULL || count == 1) ? found : NULL;
}

/* a PEM file is a few KiB; a chain of many certificates stays far below */
#define PEM_CAP (1024 * 1024)

static enum sipdns_status
read_pem(struct sipdns_job *j, const char *path, X509 **out)
{
	struct sipdns_fileio_error fe;
	FILE *fp = sipdns_fileio_fopen(path, PEM_CAP, 0, &fe);
	if (fp == NULL) {
		char why[SIPDNS_FILEIO_WHY];
		sipdns_diag_add(&j->diag, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
			NULL, "cannot read: %s", sipdns_fileio_why(&fe, why, sizeof(why)));
		return SIPDNS_EINPUT;
	}
	*out = PEM_read_X509(fp, NULL, NULL, NULL);
	fclose(fp);
	if (*out != NULL)
		return SIPDNS_OK;
	sipdns_diag_add(&j->diag, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
		NULL, "no PEM certificate here (a '-----BEGIN CERTIFICATE-----' block); convert a .cer or .pfx with 'openssl x509 -inform der' or 'openssl pkcs12 -nokeys'");
	return SIPDNS_EINPUT;
}

enum sipdns_status
sipdns_job_cert_pem(struct sipdns_job *j, const char *path,
		    enum sipdns_cert_role role, const char *holder, time_t now,
		    struct sipdns_cert_check *res)
{
	const struct sipdns_certs *c;
	enum sipdns_status st = sipdns_job_certs(j, &c);
	if (st != SIPDNS_OK)
		return st;
	const struct sipdns_cert_need *need = pick(j, c, role, holder);
	if (need == NULL)
		return j->diag.oom ? SIPDNS_ENOMEM : SIPDNS_EUSAGE;
	X509 *x = NULL;
	if ((st = read_pem(j, path, &x)) != SIPDNS_OK)
		return st;
	res->need = need;
	bool ok = common_name(x, res) && dns_sans(x, res) && validity(x, now, res) &&
		  sipdns_certs_compare(need, res->subject,
				       (const char *const *)res->san, res->n_san,
				       false, res);
	X509_free(x);
	if (!ok) {
		sipdns_cert_check_fini(res);
		return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}
