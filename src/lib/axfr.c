/* axfr.c -- a zone from its server by AXFR (ldns), TSIG-signed if a key
 * is given
 *
 * ldns_axfr_start says OK even for a refused zone (libraries.md): the
 * transfer is done only when ldns_axfr_complete() says so, and what the
 * server said is in ldns_axfr_last_pkt(). The secret goes to ldns and
 * nowhere else.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "axfr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsig.h"

/* "ADDR", "ADDR:PORT", "[V6]:PORT" or a bare V6 into addr and *port. */
static bool
axfr_server(const char *s, char *addr, size_t size, uint16_t *port)
{
	const char *colon = strrchr(s, ':'), *p = NULL;
	size_t n = strlen(s);
	*port = 53;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return false;
		n = (size_t)(close - s - 1);
		s++;
		p = close[1] == ':' ? close + 2 : NULL;
	} else if (colon != NULL && strchr(s, ':') == colon) {
		n = (size_t)(colon - s);   /* one colon: IPv4 or name with port */
		p = colon + 1;
	}
	if (p != NULL) {
		char *end;
		long v = strtol(p, &end, 10);
		if (*p == '\0' || *end != '\0' || v < 1 || v > 65535)
			return false;
		*port = (uint16_t)v;
	}
	if (n == 0 || n >= size)
		return false;
	memcpy(addr, s, n);
	addr[n] = '\0';
	return true;
}

/* A resolver for server, signing with key. */
static ldns_resolver *
axfr_resolver(const char *addr, uint16_t port, const struct sipdns_tsig *key,
	      unsigned timeout_ms)
{
	ldns_rdf *ns = ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, addr);
	if (ns == NULL)
		ns = ldns_rdf_new_frm_str(LDNS_RDF_TYPE_AAAA, addr);
	ldns_resolver *r = ns ? ldns_resolver_new() : NULL;
	if (r == NULL || ldns_resolver_push_nameserver(r, ns) != LDNS_STATUS_OK) {
		ldns_rdf_deep_free(ns);
		ldns_resolver_deep_free(r);
		return NULL;
	}
	ldns_rdf_deep_free(ns);
	ldns_resolver_set_port(r, port);
	ldns_resolver_set_recursive(r, false);
	ldns_resolver_set_retry(r, 1);
	struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
	ldns_resolver_set_timeout(r, tv);
	if (key != NULL) {
		ldns_resolver_set_tsig_keyname(r, key->name);
		ldns_resolver_set_tsig_algorithm(r, key->algorithm);
		ldns_resolver_set_tsig_keydata(r, key->secret);
	}
	return r;
}

/* Why the server gave no zone: its rcode, and a TSIG error if it sent
 * one (BADSIG, BADKEY, BADTIME: RFC 8945 §5.3). */
static void
axfr_why(ldns_resolver *r, char *why, size_t size)
{
	const ldns_pkt *p = ldns_axfr_last_pkt(r);
	if (p == NULL) {
		snprintf(why, size, "no answer (nothing listens there, or the "
			 "connection broke off)");
		return;
	}
	ldns_lookup_table *rc = ldns_lookup_by_id(ldns_rcodes,
						  (int)ldns_pkt_get_rcode(p));
	const ldns_rr *t = ldns_pkt_tsig(p);
	unsigned terr = 0;
	if (t != NULL && ldns_rr_rd_count(t) > 5 && ldns_rr_rdf(t, 5) &&
	    ldns_rdf_size(ldns_rr_rdf(t, 5)) == 2)
		terr = ldns_rdf2native_int16(ldns_rr_rdf(t, 5));
	const char *tname = terr == 16 ? "BADSIG (the secret is wrong)" :
			    terr == 17 ? "BADKEY (the server has no key of that name and algorithm)" :
			    terr == 18 ? "BADTIME (the clocks differ)" : NULL;
	if (tname != NULL)
		snprintf(why, size, "the server said %s, TSIG error %s",
			 rc ? rc->name : "?", tname);
	else if (terr != 0)
		snprintf(why, size, "the server said %s, TSIG error %u",
			 rc ? rc->name : "?", terr);
	else
		snprintf(why, size, "the server said %s", rc ? rc->name : "?");
}

/* Read the transfer into got: true when it completed (both SOAs seen).
 * With signed, the first message must carry a TSIG record (*unsigned_reply
 * when it does not). ldns does not check the MAC of transfer messages:
 * README "Zone transfers" says so. */
static bool
axfr_read(ldns_resolver *r, ldns_rr_list *got, bool signed_, bool *oom,
	  bool *unsigned_reply)
{
	ldns_rr *rr;
	size_t soas = 0;
	while ((rr = ldns_axfr_next(r)) != NULL) {
		const ldns_pkt *first = ldns_axfr_last_pkt(r);
		if (signed_ && soas == 0 && ldns_rr_list_rr_count(got) == 0 &&
		    (first == NULL || ldns_pkt_tsig(first) == NULL)) {
			ldns_rr_free(rr);
			*unsigned_reply = true;
			ldns_axfr_abort(r);
			return false;
		}
		bool soa = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA;
		soas += soa;
		if (soa && soas == 2) {
			ldns_rr_free(rr);   /* the closing SOA: the same again */
			continue;
		}
		if (!ldns_rr_list_push_rr(got, rr)) {
			ldns_rr_free(rr);
			*oom = true;
			ldns_axfr_abort(r);
			return false;
		}
	}
	return ldns_axfr_complete(r) && soas >= 2 &&
	       ldns_rr_list_rr_count(got) > 0 &&
	       ldns_rr_get_type(ldns_rr_list_rr(got, 0)) == LDNS_RR_TYPE_SOA;
}

/* Move got's records to the end of rrs (all or none). */
static bool
axfr_move(ldns_rr_list *rrs, ldns_rr_list *got)
{
	size_t n = ldns_rr_list_rr_count(got), i;
	for (i = 0; i < n; i++)
		if (!ldns_rr_list_push_rr(rrs, ldns_rr_list_rr(got, i)))
			break;
	if (i == n)
		return true;
	while (i-- > 0)
		ldns_rr_list_pop_rr(rrs);
	return false;
}

enum sipdns_status
sipdns_axfr_zone(const char *server, const char *zone,
		 const struct sipdns_tsig *key, unsigned timeout_ms,
		 ldns_rr_list *rrs, struct sipdns_diag *d)
{
	struct sipdns_loc at = { server, 0, 0 };
	char addr[64], why[256], abs[LDNS_MAX_DOMAINLEN + 2];
	uint16_t port;
	if (!axfr_server(server, addr, sizeof(addr), &port)) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "--axfr wants ADDR, ADDR:PORT or [IPV6]:PORT (an address, not a name)");
		return SIPDNS_EUSAGE;
	}
	ldns_resolver *r = axfr_resolver(addr, port, key, timeout_ms ? timeout_ms : 10000);
	snprintf(abs, sizeof(abs), "%s.", zone);
	ldns_rdf *zn = ldns_dname_new_frm_str(abs);
	ldns_rr_list *got = ldns_rr_list_new();
	if (r == NULL || zn == NULL || got == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, r == NULL ?
				"--axfr wants an IPv4 or IPv6 address: '%s' is not one" :
				"out of memory (%s)", addr);
		ldns_resolver_deep_free(r);
		ldns_rdf_deep_free(zn);
		ldns_rr_list_free(got);
		return r == NULL ? SIPDNS_EUSAGE : SIPDNS_ENOMEM;
	}
	bool oom = false, ok = false, unsigned_reply = false;
	ldns_status ls = ldns_axfr_start(r, zn, LDNS_RR_CLASS_IN);
	if (ls == LDNS_STATUS_OK)
		ok = axfr_read(r, got, key != NULL, &oom, &unsigned_reply);
	if (ls != LDNS_STATUS_OK)
		snprintf(why, sizeof(why), "%s", ldns_get_errorstr_by_id(ls));
	else if (unsigned_reply)
		snprintf(why, sizeof(why), "the server answered the signed request without a TSIG signature (is the key on the server?)");
	else if (!ok)
		axfr_why(r, why, sizeof(why));
	enum sipdns_status st = SIPDNS_OK;
	if (oom) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "out of memory");
		st = SIPDNS_ENOMEM;
	} else if (!ok) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL,
				"zone transfer (AXFR) of %s %s%s failed: %s; nothing was compared%s",
				zone, key ? "signed with the key " : "without a key",
				key ? key->name : "", why,
				key ? "" : " (a server that wants TSIG: --tsig-file FILE)");
		st = SIPDNS_EDNS;
	} else if (!axfr_move(rrs, got)) {
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "out of memory");
		st = SIPDNS_ENOMEM;
	}
	if (ok && st == SIPDNS_OK)
		ldns_rr_list_free(got);          /* its records are rrs's now */
	else
		ldns_rr_list_deep_free(got);
	ldns_rdf_deep_free(zn);
	ldns_resolver_deep_free(r);
	return st;
}
