/* test_generate.c -- the OCS 2007 R2 rules and every output format
 *
 * Tests name the reference fact they check (../shared/reference/ocs-dns.md,
 * summarised in README.md).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"
#include "write.h"
#include "zones.h"

#define IN SIPDNS_VIEW_INTERNAL
#define EX SIPDNS_VIEW_EXTERNAL

static void
load(struct tu_job *j, const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), SRCDIR "/zones/%s", name);
	size_t len = 0;
	char *text = tu_read(path, &len);
	assert_non_null(text);
	tu_job_run(j, text, len, name);
	free(text);
	assert_int_equal(j->parse_status, SIPDNS_OK);
	assert_int_equal(j->d.errors, 0);
}

/* E1: one _sipinternaltls._tcp SRV per SIP domain, 0 0 5061, to the one
 * sign-in pool; none for other pools (§1.3 rule 2). */
static void
test_e1_sign_in_srv(void **state)
{
	(void)state;
	struct tu_job j;
	tu_job_run_str(&j,
		"product: ocs2007r2\n"
		"sip_domains: [contoso.com, retail.contoso.com]\n"
		"views: {internal: {zones: [contoso.com]}}\n"
		"options: {remote_access: false, federation: false, strict_dns_naming: false}\n"
		"pools:\n"
		"  - {fqdn: pool01.contoso.com, edition: enterprise, vip: 10.0.1.10, auto_sign_in: true,\n"
		"     front_ends: [{fqdn: fe01.contoso.com, address: 10.0.1.11}, {fqdn: fe02.contoso.com, address: 10.0.1.12}]}\n"
		"  - {fqdn: pool02.contoso.com, edition: enterprise, vip: 10.0.2.10,\n"
		"     front_ends: [{fqdn: fe03.contoso.com, address: 10.0.2.11}, {fqdn: fe04.contoso.com, address: 10.0.2.12}]}\n");
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, IN, "_sipinternaltls._tcp.contoso.com", "SRV",
			   "0 0 5061 pool01.contoso.com."));
	assert_true(tu_has(&j.set, IN, "_sipinternaltls._tcp.retail.contoso.com",
			   "SRV", "0 0 5061 pool01.contoso.com."));
	assert_int_equal(tu_count(&j.set, IN, LDNS_RR_TYPE_SRV), 2);
	/* R2-I2: pool FQDN at the VIP, each Front End at its own address */
	assert_true(tu_has(&j.set, IN, "pool01.contoso.com", "A", "10.0.1.10"));
	assert_true(tu_has(&j.set, IN, "fe02.contoso.com", "A", "10.0.1.12"));
	assert_true(tu_has(&j.set, IN, "pool02.contoso.com", "A", "10.0.2.10"));
	/* nothing external without an Edge and with access off */
	assert_int_equal(tu_count(&j.set, EX, LDNS_RR_TYPE_A), 0);
	tu_job_fini(&j);
}

/* §1.3 rule 3: _sipinternal._tcp (5060) only when TCP is allowed; the
 * fallback names only when asked for. */
static void
test_tcp_and_fallback(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "walkthrough.yaml");
	assert_false(tu_has(&j.set, IN, "_sipinternal._tcp.contoso.com", "SRV",
			    "0 0 5060 ocs01.contoso.com."));
	assert_null(sipdns_recset_find(&j.set, IN, "sipinternal.contoso.com",
				       LDNS_RR_TYPE_A));
	tu_job_fini(&j);
	load(&j, "enterprise.yaml");
	assert_true(tu_has(&j.set, IN, "_sipinternal._tcp.fabrikam.com", "SRV",
			   "0 0 5060 pool01.corp.contoso.com."));
	assert_true(tu_has(&j.set, IN, "sipinternal.fabrikam.com", "A", "10.10.1.10"));
	assert_true(tu_has(&j.set, IN, "sip.contoso.com", "A", "10.10.1.10"));
	/* R2-E8: sipexternal on request */
	assert_true(tu_has(&j.set, EX, "sipexternal.fabrikam.com", "A", "131.107.155.10"));
	tu_job_fini(&j);
}

/* R2-E1..E7 on the walkthrough: Edge, SRVs per SIP domain, reverse proxy. */
static void
test_external_walkthrough(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "walkthrough.yaml");
	assert_true(tu_has(&j.set, EX, "sip.contoso.com", "A", "131.107.155.10"));     /* R2-E1 */
	assert_true(tu_has(&j.set, EX, "_sip._tls.contoso.com", "SRV",
			   "0 0 443 sip.contoso.com."));                                /* R2-E2 */
	assert_true(tu_has(&j.set, EX, "_sipfederationtls._tcp.contoso.com", "SRV",
			   "0 0 5061 sip.contoso.com."));                               /* R2-E3 */
	assert_true(tu_has(&j.set, EX, "webconf.contoso.com", "A", "131.107.155.20")); /* R2-E4 */
	assert_true(tu_has(&j.set, EX, "av.contoso.com", "A", "131.107.155.30"));      /* R2-E5 */
	assert_true(tu_has(&j.set, EX, "webext.contoso.com", "A", "131.107.155.40"));  /* R2-E6 */
	assert_true(tu_has(&j.set, EX, "cwa.contoso.com", "A", "131.107.155.40"));     /* R2-E7 */
	assert_true(tu_has(&j.set, EX, "as.cwa.contoso.com", "CNAME", "cwa.contoso.com."));
	assert_true(tu_has(&j.set, EX, "download.cwa.contoso.com", "CNAME", "cwa.contoso.com."));
	/* R2-I1, R2-I6, R2-I9 inside */
	assert_true(tu_has(&j.set, IN, "ocs01.contoso.com", "A", "10.0.0.10"));
	const struct sipdns_record *r = sipdns_recset_find(&j.set, IN,
				"ocs01.contoso.com", LDNS_RR_TYPE_A);
	assert_true(r->flags & SIPDNS_REC_SELF_REGISTERED);
	assert_string_equal(r->fact, "R2-I1");
	assert_true(tu_has(&j.set, IN, "ucupdates-r2.contoso.com", "A", "10.0.0.10"));
	assert_true(tu_has(&j.set, IN, "edge01.contoso.com", "A", "172.25.33.10"));
	/* no Edge or SRV data for remote users inside */
	assert_null(sipdns_recset_find(&j.set, IN, "_sip._tls.contoso.com", LDNS_RR_TYPE_SRV));
	assert_null(sipdns_recset_find(&j.set, IN, "av.contoso.com", LDNS_RR_TYPE_A));
	tu_job_fini(&j);
}

/* E6 B (walkthrough): URL host != computer FQDN: CNAME to the server, and
 * as./download. straight to it. E6 C (enterprise): behind an HLB the URL
 * host is an A to the VIP and there is one as./download. each. */
static void
test_e6_cwa(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "walkthrough.yaml");
	assert_true(tu_has(&j.set, IN, "cwa01.contoso.com", "A", "10.0.0.20"));
	assert_true(tu_has(&j.set, IN, "im.contoso.com", "CNAME", "cwa01.contoso.com."));
	assert_true(tu_has(&j.set, IN, "as.im.contoso.com", "CNAME", "cwa01.contoso.com."));
	assert_true(tu_has(&j.set, IN, "download.im.contoso.com", "CNAME", "cwa01.contoso.com."));
	tu_job_fini(&j);
	load(&j, "enterprise.yaml");
	assert_true(tu_has(&j.set, IN, "im.contoso.com", "A", "10.10.4.10"));
	assert_true(tu_has(&j.set, IN, "as.im.contoso.com", "CNAME", "im.contoso.com."));
	tu_job_fini(&j);
}

/* §6 split-brain: the internal view of a shared zone also holds the Web
 * Conferencing Edge and reverse proxy names at their external addresses,
 * never the remote-access SRVs or the A/V Edge. */
static void
test_split_brain(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "walkthrough.yaml");
	assert_true(tu_has(&j.set, IN, "webconf.contoso.com", "A", "131.107.155.20"));
	assert_true(tu_has(&j.set, IN, "webext.contoso.com", "A", "131.107.155.40"));
	assert_true(tu_has(&j.set, IN, "as.cwa.contoso.com", "CNAME", "cwa.contoso.com."));
	assert_null(sipdns_recset_find(&j.set, IN, "_sipfederationtls._tcp.contoso.com",
				       LDNS_RR_TYPE_SRV));
	tu_job_fini(&j);
}

/* Canonical order, no duplicates, every record with a zone and a reason. */
static void
test_order_and_reasons(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "enterprise.yaml");
	for (size_t i = 0; i < j.set.n; i++) {
		const struct sipdns_record *r = &j.set.v[i];
		assert_non_null(r->zone);
		assert_true(strlen(r->reason) > 5);
		assert_non_null(r->fact);
		if (i > 0 && j.set.v[i - 1].view == r->view)
			assert_true(ldns_rr_compare(j.set.v[i - 1].rr, r->rr) != 0);
	}
	/* the sign-in SRV says why it exists */
	const struct sipdns_record *r = sipdns_recset_find(&j.set, IN,
			"_sipinternaltls._tcp.fabrikam.com", LDNS_RR_TYPE_SRV);
	assert_non_null(r);
	assert_string_equal(r->reason, "automatic sign-in (TLS) for SIP domain fabrikam.com");
	assert_string_equal(r->fact, "E1");
	assert_string_equal(r->zone->name, "fabrikam.com");
	tu_job_fini(&j);
}

/* The set's canonical order (RFC 4034 §6.1) is ldns's own order of the
 * owner names, on names where a byte compare of the text would differ:
 * a label that is a prefix of another ("contoso" < "contoso-a"), a
 * shorter name before its children, '-' (0x2d) below '.' (0x2e). Every
 * record is found again by its owner, and an absent name is not. */
static void
test_canonical_order(void **state)
{
	(void)state;
	static const char *const names[] = {
		"sip.contoso-a.com", "contoso.com", "z.contoso.com", "com",
		"contoso-a.com", "a.b.contoso.com", "sip.contoso.com",
		"b.contoso.com", "a.com", "contoso.org", "_sip._tls.contoso.com",
		"contosoa.com", "x.sip.contoso.com",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	struct sipdns_recset s;
	assert_int_equal(sipdns_recset_init(&s), SIPDNS_OK);
	for (size_t i = 0; i < n; i++)
		sipdns_recset_add_a(&s, IN, names[i], "10.0.0.1", 3600, "T",
				    (struct sipdns_loc){ "t", 1, 1 }, 0, "%s", names[i]);
	struct sipdns_topology t = { 0 };
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	/* no zones: every record gets a no-zone error; the order is kept */
	assert_int_equal(sipdns_recset_finish(&s, &t, &d), SIPDNS_OK);
	assert_int_equal(s.n, n);
	for (size_t i = 1; i < n; i++) {
		ldns_rdf *a = ldns_rr_owner(s.v[i - 1].rr), *b = ldns_rr_owner(s.v[i].rr);
		assert_true(ldns_dname_compare(a, b) < 0);
		assert_true(sipdns_name_cmp(s.v[i - 1].owner, s.v[i].owner) < 0);
	}
	for (size_t i = 0; i < n; i++) {
		const struct sipdns_record *r =
			sipdns_recset_find(&s, IN, names[i], LDNS_RR_TYPE_A);
		assert_non_null(r);
		assert_string_equal(r->owner, names[i]);
		assert_null(sipdns_recset_find(&s, EX, names[i], LDNS_RR_TYPE_A));
	}
	assert_null(sipdns_recset_find(&s, IN, "contoso", LDNS_RR_TYPE_A));
	assert_null(sipdns_recset_find(&s, IN, "b.com", LDNS_RR_TYPE_A));
	sipdns_diag_fini(&d);
	sipdns_recset_fini(&s);
	sipdns_topology_zones_free(&t);
}

/* Thousands of records (names sharing long prefixes, labels up to 63
 * bytes, both views, the same owner with two addresses): DNS canonical
 * order, rdata order at one owner, find's owner index, and each owner's
 * wire form (records.c encodes plain names itself) exactly as ldns
 * parses it. */
static void
test_sort_and_wire_at_scale(void **state)
{
	(void)state;
	static const char *const tails[] = { "example", "contoso.com", "a.b.example",
		"sip.tenant0000000000000000000000000000000000000000000000000000000.example" };
	struct sipdns_recset s;
	assert_int_equal(sipdns_recset_init(&s), SIPDNS_OK);
	unsigned x = 12345;
	for (size_t i = 0; i < 3000; i++) {
		char name[300], addr[32];
		x = x * 1103515245u + 12345u;
		unsigned len = 1 + (x >> 16) % 63;
		char label[64];
		memset(label, 'a' + (int)((x >> 8) % 3), len);
		label[len] = '\0';
		snprintf(name, sizeof(name), "%s%u.%s", (x >> 4) % 2 ? "_sip." : "",
			 (x >> 12) % 700, i % 5 ? tails[(x >> 20) % 4] : label);
		snprintf(addr, sizeof(addr), "10.0.%u.%u", (x >> 24) % 2, (unsigned)(i % 250));
		sipdns_recset_add_a(&s, (x >> 3) % 2 ? IN : EX, name, addr, 3600, "T",
				    (struct sipdns_loc){ "t", 1, 1 }, 0, "%s", name);
	}
	struct sipdns_topology t = { 0 };
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	assert_int_equal(sipdns_recset_finish(&s, &t, &d), SIPDNS_OK);
	assert_true(s.n > 2000);
	for (size_t i = 0; i < s.n; i++) {
		char abs[300];
		snprintf(abs, sizeof(abs), "%s.", s.v[i].owner);
		ldns_rdf *o = ldns_dname_new_frm_str(abs);
		assert_non_null(o);
		assert_int_equal(ldns_rdf_compare(o, ldns_rr_owner(s.v[i].rr)), 0);
		ldns_rdf_deep_free(o);
		if (i == 0)
			continue;
		const struct sipdns_record *p = &s.v[i - 1], *r = &s.v[i];
		assert_true(p->view <= r->view);
		if (p->view != r->view)
			continue;
		int c = ldns_dname_compare(ldns_rr_owner(p->rr), ldns_rr_owner(r->rr));
		assert_true(c <= 0);
		if (c == 0)
			assert_true(ldns_rr_compare(p->rr, r->rr) < 0);
		else
			assert_true(sipdns_name_cmp(p->owner, r->owner) < 0);
		assert_ptr_equal(sipdns_recset_find(&s, r->view, r->owner, LDNS_RR_TYPE_A),
				 c == 0 ? sipdns_recset_find(&s, p->view, p->owner, LDNS_RR_TYPE_A) : r);
	}
	sipdns_diag_fini(&d);
	sipdns_recset_fini(&s);
	sipdns_topology_zones_free(&t);
}

/* Each output format of the walkthrough, byte for byte against
 * tests/data/generate/walkthrough.EXT, twice (determinism). */
static void
test_formats_golden(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "walkthrough.yaml");
	static const enum sipdns_format fmts[] = {
		SIPDNS_FMT_ZONE, SIPDNS_FMT_FRAGMENT, SIPDNS_FMT_NSUPDATE,
		SIPDNS_FMT_DNSCMD, SIPDNS_FMT_POWERSHELL, SIPDNS_FMT_JSON };
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct sipdns_output_opts o = {
			.format = fmts[i], .view = -1, .serial_set = true,
			.serial = 2026010100u, .source = "walkthrough.yaml",
		};
		char *out[2];
		for (int k = 0; k < 2; k++) {
			size_t len = 0;
			FILE *fp = open_memstream(&out[k], &len);
			assert_int_equal(sipdns_write(j.t, &j.set, &o, fp, &j.d),
					 SIPDNS_OK);
			fclose(fp);
		}
		assert_string_equal(out[0], out[1]);
		char path[512];
		snprintf(path, sizeof(path), SRCDIR "/tests/data/generate/walkthrough%s",
			 sipdns_format_ext(fmts[i]));
		char *want = tu_read(path, NULL);
		if (want == NULL || strcmp(want, out[0]) != 0) {
			fprintf(stderr, "%s differs; got:\n%s", path, out[0]);
			fail();
		}
		free(want);
		free(out[0]);
		free(out[1]);
	}
	tu_job_fini(&j);
}

/* A zone without name servers cannot be a complete zone file. */
static void
test_zone_needs_ns(void **state)
{
	(void)state;
	struct tu_job j;
	tu_job_run_str(&j,
		"product: ocs2007r2\nsip_domains: [contoso.com]\n"
		"options: {remote_access: false, federation: false}\n"
		"views: {internal: {zones: [contoso.com]}}\n"
		"pools: [{fqdn: ocs01.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}]\n");
	assert_int_equal(j.d.errors, 0);
	struct sipdns_output_opts o = { .format = SIPDNS_FMT_ZONE, .view = -1,
					.source = "t.yaml" };
	char *buf;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(sipdns_write(j.t, &j.set, &o, fp, &j.d), SIPDNS_EINPUT);
	fclose(fp);
	assert_int_equal(len, 0);   /* nothing half-written */
	const struct sipdns_diag_entry *e = sipdns_diag_find(&j.d, "no name servers");
	assert_non_null(e);
	assert_string_equal(e->rule, "zone-ns");
	free(buf);
	o.format = SIPDNS_FMT_FRAGMENT;
	fp = open_memstream(&buf, &len);
	assert_int_equal(sipdns_write(j.t, &j.set, &o, fp, &j.d), SIPDNS_OK);
	fclose(fp);
	assert_non_null(strstr(buf, "_sipinternaltls._tcp.contoso.com.\t3600\tIN\tSRV\t0 0 5061 ocs01.contoso.com."));
	free(buf);
	tu_job_fini(&j);
}

/* Writers assert their alphabet: a name that slipped past validation is
 * refused by every format, and nothing is written (output-formats §0). */
static void
test_writers_refuse_hostile_names(void **state)
{
	(void)state;
	struct tu_job j;
	load(&j, "walkthrough.yaml");
	static const char *const evil[] = { "a;b.contoso.com", "a\"b.contoso.com",
		"a$b.contoso.com", "a`b.contoso.com", "a b.contoso.com", "a@b.contoso.com" };
	for (size_t e = 0; e < sizeof(evil) / sizeof(evil[0]); e++) {
		struct sipdns_recset s;
		assert_int_equal(sipdns_recset_init(&s), SIPDNS_OK);
		sipdns_recset_add_a(&s, IN, evil[e], "10.0.0.1", 60, "X",
				    (struct sipdns_loc){ "t", 1, 1 }, 0, "hostile");
		sipdns_recset_add_srv(&s, IN, "_sip._tls.contoso.com", 0, 0, 443,
				      evil[e], 60, "X", (struct sipdns_loc){ "t", 1, 1 },
				      "hostile target");
		struct sipdns_diag d;
		sipdns_diag_init(&d);
		assert_int_equal(sipdns_recset_finish(&s, j.t, &d), SIPDNS_OK);
		for (int f = SIPDNS_FMT_ZONE; f <= SIPDNS_FMT_JSON; f++) {
			if (f == SIPDNS_FMT_JSON)
				continue;   /* JSON escapes; checked below */
			struct sipdns_output_opts o = { .format = (enum sipdns_format)f,
				.view = SIPDNS_VIEW_INTERNAL, .serial_set = true,
				.serial = 1, .source = "t.yaml" };
			char *buf = NULL;
			size_t len = 0;
			FILE *fp = open_memstream(&buf, &len);
			enum sipdns_status st = sipdns_write(j.t, &s, &o, fp, &d);
			fclose(fp);
			if (st != SIPDNS_EINPUT || len != 0)
				fail_msg("format %d wrote '%s' for %s", f, buf, evil[e]);
			free(buf);
		}
		sipdns_diag_fini(&d);
		sipdns_recset_fini(&s);
	}
	tu_job_fini(&j);
}

/* R2-I6: ucupdates-r2 for the SIP domains and, by default, the AD domain
 * when an internal zone holds it; device_update: {domains} replaces both;
 * an AD domain without a zone gets a note, not a record. */
static const char du_base[] =
	"product: ocs2007r2\n"
	"ad_domain: %s\n"
	"sip_domains: [contoso.com]\n"
	"views: {internal: {ns: [{fqdn: dc01.contoso.com, address: 10.0.0.1}], zones: [contoso.com, corp.contoso.com]}}\n"
	"pools: [{fqdn: ocs01.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}]\n"
	"options: {remote_access: false, federation: false}\n"
	"device_update: %s\n";

static void
test_device_update_domains(void **state)
{
	(void)state;
	char text[2048];
	struct tu_job j;
	snprintf(text, sizeof(text), du_base, "corp.contoso.com", "ocs01.contoso.com");
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, IN, "ucupdates-r2.contoso.com", "A", "10.0.0.10"));
	assert_true(tu_has(&j.set, IN, "ucupdates-r2.corp.contoso.com", "A", "10.0.0.10"));
	tu_job_fini(&j);

	snprintf(text, sizeof(text), du_base, "corp.contoso.com",
		 "{pool: ocs01.contoso.com, domains: [corp.contoso.com]}");
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors, 0);
	assert_false(tu_has(&j.set, IN, "ucupdates-r2.contoso.com", "A", "10.0.0.10"));
	assert_true(tu_has(&j.set, IN, "ucupdates-r2.corp.contoso.com", "A", "10.0.0.10"));
	tu_job_fini(&j);

	snprintf(text, sizeof(text), du_base, "ad.fabrikam.net", "ocs01.contoso.com");
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors + j.d.warnings, 0);
	assert_true(tu_has(&j.set, IN, "ucupdates-r2.contoso.com", "A", "10.0.0.10"));
	assert_false(tu_has(&j.set, IN, "ucupdates-r2.ad.fabrikam.net", "A", "10.0.0.10"));
	const struct sipdns_diag_entry *e = sipdns_diag_find(&j.d, "ad.fabrikam.net");
	assert_non_null(e);
	assert_string_equal(e->rule, "device-update-domain");
	assert_int_equal(e->severity, SIPDNS_NOTE);
	tu_job_fini(&j);
}

/* R2-I5: the host of a pool's internal Web Conferencing URL gets its A,
 * at the pool's address unless it has its own; none when it is the pool. */
static void
test_web_conferencing_host(void **state)
{
	(void)state;
	char text[2048];
	struct tu_job j;
	snprintf(text, sizeof(text), du_base, "contoso.com",
		 "ocs01.contoso.com\n"
		 "pools:\n"
		 "  - {fqdn: ocs01.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true,\n"
		 "     web_conferencing: meet.contoso.com}\n"
		 "  - {fqdn: pool02.contoso.com, edition: enterprise, vip: 10.0.2.10, web_farm: pool02.contoso.com,\n"
		 "     front_ends: [{fqdn: fe21.contoso.com, address: 10.0.2.11}],\n"
		 "     web_conferencing: {fqdn: conf.contoso.com, address: 10.0.2.50}}");
	/* the second pools: key replaces du_base's (the last one wins in
	 * none: a duplicate key is an error, so cut the first) */
	char *first = strstr(text, "pools: [");
	char *eol = strchr(first, '\n');
	memmove(first, eol + 1, strlen(eol + 1) + 1);
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, IN, "meet.contoso.com", "A", "10.0.0.10"));
	assert_true(tu_has(&j.set, IN, "conf.contoso.com", "A", "10.0.2.50"));
	tu_job_fini(&j);
}

/* R2-I11: the sign-in SRV in each SMTP domain that is not a SIP domain;
 * a SIP domain listed as one is refused at its position. */
static void
test_smtp_domains(void **state)
{
	(void)state;
	char text[2048];
	struct tu_job j;
	snprintf(text, sizeof(text), du_base, "contoso.com",
		 "ocs01.contoso.com\nsmtp_domains: [corp.contoso.com]");
	tu_job_run_str(&j, text);
	assert_int_equal(j.d.errors, 0);
	assert_true(tu_has(&j.set, IN, "_sipinternaltls._tcp.corp.contoso.com", "SRV",
			   "0 0 5061 ocs01.contoso.com."));
	assert_false(tu_has(&j.set, IN, "_sipinternal._tcp.corp.contoso.com", "SRV",
			    "0 0 5060 ocs01.contoso.com."));
	tu_job_fini(&j);

	snprintf(text, sizeof(text), du_base, "contoso.com",
		 "ocs01.contoso.com\nsmtp_domains: [corp.contoso.com, contoso.com]");
	tu_job_run_str(&j, text);
	char *d = tu_diag_text(&j.d);
	assert_non_null(strstr(d, "t.yaml:8:34: error: SMTP domain 'contoso.com' is a SIP domain"));
	free(d);
	tu_job_fini(&j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e1_sign_in_srv),
		cmocka_unit_test(test_tcp_and_fallback),
		cmocka_unit_test(test_external_walkthrough),
		cmocka_unit_test(test_e6_cwa),
		cmocka_unit_test(test_split_brain),
		cmocka_unit_test(test_order_and_reasons),
		cmocka_unit_test(test_canonical_order),
		cmocka_unit_test(test_formats_golden),
		cmocka_unit_test(test_zone_needs_ns),
		cmocka_unit_test(test_writers_refuse_hostile_names),
		cmocka_unit_test(test_device_update_domains),
		cmocka_unit_test(test_web_conferencing_host),
		cmocka_unit_test(test_smtp_domains),
		cmocka_unit_test(test_sort_and_wire_at_scale),
	};
	return cmocka_run_group_tests_name("generate", tests, NULL, NULL);
}
