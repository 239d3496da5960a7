/* test_render.c -- the format table and the renderers, on a hand-made group
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "group.h"
#include "model.h"
#include "records.h"
#include "render.h"

/* Every format parses back from its name, has its own extension with a
 * dot, a separator, and a renderer; unknown names are refused. */
static void
test_format_table(void **state)
{
	(void)state;
	for (int f = 0; f < SIPDNS_FMT_COUNT; f++) {
		const struct sipdns_format_info *i = sipdns_format_info((enum sipdns_format)f);
		enum sipdns_format back = SIPDNS_FMT_COUNT;
		assert_non_null(i->name);
		assert_true(sipdns_format_parse(i->name, &back));
		assert_int_equal(back, f);
		assert_string_equal(sipdns_format_name(back), i->name);
		const char *ext = sipdns_format_ext(back);
		assert_non_null(ext);
		assert_true(ext[0] == '.' && ext[1] != '\0');
		for (int g = 0; g < f; g++)
			assert_string_not_equal(ext, sipdns_format_ext((enum sipdns_format)g));
		assert_non_null(i->sep);
		assert_non_null(i->render);
	}
	enum sipdns_format out = SIPDNS_FMT_JSON;
	assert_false(sipdns_format_parse("bind", &out));
	assert_false(sipdns_format_parse("", &out));
	assert_int_equal(out, SIPDNS_FMT_JSON);   /* unchanged */
	/* the per-format facts the writer asks the table for */
	assert_true(sipdns_format_info(SIPDNS_FMT_ZONE)->serial);
	assert_false(sipdns_format_info(SIPDNS_FMT_FRAGMENT)->serial);
	assert_true(sipdns_format_info(SIPDNS_FMT_JSON)->document);
	assert_false(sipdns_format_info(SIPDNS_FMT_NSUPDATE)->document);
	assert_string_equal(sipdns_format_info(SIPDNS_FMT_DNSCMD)->sep, "\r\n");
	assert_string_equal(sipdns_format_info(SIPDNS_FMT_ZONE)->sep, "\n");
}

/* A zone example.com of the internal view with an A and an SRV record. */
struct fixture {
	struct sipdns_zone zone;
	struct sipdns_record rec[2];
	const struct sipdns_record *recs[2];
	struct sipdns_group g;
};

static void
fixture_init(struct fixture *x, const char *a_owner)
{
	memset(x, 0, sizeof(*x));
	x->zone.name = "example.com";
	const char *text[2] = {
		"_sip._tls.example.com. 3600 IN SRV 0 0 443 sip.example.com.",
		"sip.example.com. 1200 IN A 192.0.2.10",
	};
	const char *owner[2] = { "_sip._tls.example.com", a_owner };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(ldns_rr_new_frm_str(&x->rec[i].rr, text[i], 0,
						     NULL, NULL), LDNS_STATUS_OK);
		x->rec[i].owner = owner[i];
		x->rec[i].reason = i ? "address of pool sip" : "sign-in for <x>";
		x->rec[i].fact = i ? "R2-E2" : "R2-E1";
		x->rec[i].loc.line = i ? 0u : 7u;
		x->rec[i].flags = i ? SIPDNS_REC_SELF_REGISTERED : 0;
		x->recs[i] = &x->rec[i];
	}
	x->g = (struct sipdns_group){ .view = SIPDNS_VIEW_INTERNAL,
				      .zone = &x->zone, .recs = x->recs, .n = 2 };
}

static void
fixture_fini(struct fixture *x)
{
	for (int i = 0; i < 2; i++)
		ldns_rr_free(x->rec[i].rr);
}

/* groups g[0 .. ng - 1] in format f; the text, malloc'd */
static char *
rendered(enum sipdns_format f, const struct sipdns_group *g, size_t ng,
	 enum sipdns_status want)
{
	struct sipdns_output_opts o = { .format = f, .view = -1,
					.source = "t\x01.yaml",
					.server = "192.0.2.53" };
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(sipdns_format_render(fp, NULL, g, ng, &o, 1, &d), want);
	fclose(fp);
	sipdns_diag_fini(&d);
	return buf;
}

#define HEAD "sipdns " PACKAGE_VERSION " -- internal view, zone example.com"

static void
test_render_fragment(void **state)
{
	(void)state;
	struct fixture x;
	fixture_init(&x, "sip.example.com");
	char *s = rendered(SIPDNS_FMT_FRAGMENT, &x.g, 1, SIPDNS_OK);
	assert_string_equal(s,
		"; " HEAD " (records only, for $INCLUDE)\n"
		"; generated from t .yaml: edit the topology, not this file\n"
		"; sign-in for  x  [R2-E1, topology line 7]\n"
		"_sip._tls.example.com.\t3600\tIN\tSRV\t0 0 443 sip.example.com.\n"
		"; address of pool sip [R2-E2] (the server also registers this itself)\n"
		"sip.example.com.\t1200\tIN\tA\t192.0.2.10\n");
	free(s);
	fixture_fini(&x);
}

static void
test_render_nsupdate(void **state)
{
	(void)state;
	struct fixture x;
	fixture_init(&x, "sip.example.com");
	char *s = rendered(SIPDNS_FMT_NSUPDATE, &x.g, 1, SIPDNS_OK);
	assert_string_equal(s,
		"; " HEAD "\n"
		"; generated from t .yaml\n"
		"; apply with: nsupdate -k KEYFILE THIS-FILE\n"
		"; each managed record set is replaced as a whole, in one atomic update; a CNAME never goes beside other data, nor data beside a CNAME\n"
		"server 192.0.2.53\n"
		"zone example.com.\n"
		/* issue 12: data never beside a CNAME; a self-registered set
		 * is only added to, never deleted */
		"prereq nxrrset _sip._tls.example.com. IN CNAME\n"
		"prereq nxrrset sip.example.com. IN CNAME\n"
		"update delete _sip._tls.example.com. IN SRV\n"
		"; sign-in for  x  [R2-E1, topology line 7]\n"
		"update add _sip._tls.example.com.\t3600\tIN\tSRV\t0 0 443 sip.example.com.\n"
		"; address of pool sip [R2-E2] (the server also registers this itself)\n"
		"update add sip.example.com.\t1200\tIN\tA\t192.0.2.10\n"
		"send\nanswer\n");
	free(s);
	fixture_fini(&x);
}

/* Two groups in one stream: the format's separator between them; each
 * group the plan against an empty zone (plan_windows.c), whose
 * self-registered records are skipped by default and listed. */
static void
test_render_dnscmd_two_groups(void **state)
{
	(void)state;
	struct fixture x;
	fixture_init(&x, "sip.example.com");
	struct sipdns_group g[2] = { x.g, x.g };
	g[1].recs = x.recs + 1;
	g[1].n = 1;
	g[0].n = 0;
	char *s = rendered(SIPDNS_FMT_DNSCMD, g, 2, SIPDNS_OK);
	char *one[2] = { rendered(SIPDNS_FMT_DNSCMD, &g[0], 1, SIPDNS_OK),
			 rendered(SIPDNS_FMT_DNSCMD, &g[1], 1, SIPDNS_OK) };
	size_t l0 = strlen(one[0]);
	assert_memory_equal(s, one[0], l0);
	assert_memory_equal(s + l0, "\r\n", 2);
	assert_string_equal(s + l0 + 2, one[1]);
	assert_memory_equal(one[0], "@echo off\r\n", 11);
	assert_non_null(strstr(one[0],
		"rem ---- internal view, zone example.com, server 192.0.2.53: 0 to delete, 0 to add\r\n"
		"rem The zone must exist: dnscmd 192.0.2.53 /ZoneAdd example.com /DsPrimary\r\n"));
	assert_non_null(strstr(one[1], "rem skipped, self-registered (the server registers it itself; --include-self-registered adds it): sip.example.com. 1200 IN A 192.0.2.10\r\n"));
	assert_null(strstr(one[1], "/RecordAdd"));
	free(one[0]);
	free(one[1]);
	free(s);
	fixture_fini(&x);
}

/* A name outside the alphabet is refused, not quoted around. */
static void
test_render_refuses(void **state)
{
	(void)state;
	struct fixture x;
	fixture_init(&x, "s p.example.com");
	enum sipdns_format f[] = { SIPDNS_FMT_DNSCMD, SIPDNS_FMT_POWERSHELL };
	for (size_t i = 0; i < 2; i++)
		free(rendered(f[i], &x.g, 1, SIPDNS_EINPUT));
	assert_false(sipdns_render_token_ok("a b"));
	assert_false(sipdns_render_token_ok(""));
	assert_true(sipdns_render_token_ok("_sip._tls.example.com"));
	fixture_fini(&x);
}

static void
test_json_string(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	sipdns_json_string(fp, "a\"b\\c\n");
	fputc(' ', fp);
	sipdns_json_string(fp, NULL);
	fclose(fp);
	assert_string_equal(buf, "\"a\\\"b\\\\c\\u000a\" null");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_table),
		cmocka_unit_test(test_render_fragment),
		cmocka_unit_test(test_render_nsupdate),
		cmocka_unit_test(test_render_dnscmd_two_groups),
		cmocka_unit_test(test_render_refuses),
		cmocka_unit_test(test_json_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
