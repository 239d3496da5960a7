/* fuzz_common.h -- the walkthrough topology and its records, built once,
 * for the targets that fuzz what comes back from DNS. */
#ifndef SIPDNS_FUZZ_COMMON_H
#define SIPDNS_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "records.h"
#include "compare.h"
#include "diff.h"
#include "verify.h"
#include "zonefile.h"

static const char fuzz_walkthrough[] =
"product: ocs2007r2\n"
"sip_domains: [contoso.com]\n"
"views:\n"
"  internal: {ns: [{fqdn: dc01.contoso.com, address: 10.0.0.1}], zones: [contoso.com]}\n"
"  external: {ns: [{fqdn: ns1.contoso.com, address: 131.107.155.2}], zones: [contoso.com], owned_elsewhere: ['*.cwa.contoso.com']}\n"
"pools: [{fqdn: ocs01.contoso.com, edition: standard, address: 10.0.0.10, auto_sign_in: true}]\n"
"cwa: {url_host: im.contoso.com, servers: [{fqdn: cwa01.contoso.com, address: 10.0.0.20}]}\n"
"edge:\n"
"  internal: {fqdn: edge01.contoso.com, address: 172.25.33.10}\n"
"  access: {fqdn: sip.contoso.com, address: 131.107.155.10}\n"
"  web_conferencing: {fqdn: webconf.contoso.com, address: 131.107.155.20}\n"
"  av: {fqdn: av.contoso.com, address: 131.107.155.30}\n"
"reverse_proxy: {address: 131.107.155.40, web_farm_fqdn: webext.contoso.com, cwa_fqdn: cwa.contoso.com}\n";

struct fuzz_env {
	struct sipdns_topology *t;
	struct sipdns_recset s;
	struct sipdns_diag d;
};

static struct fuzz_env fuzz_env_store;

static void
fuzz_env_free(void)
{
	sipdns_recset_fini(&fuzz_env_store.s);
	sipdns_diag_fini(&fuzz_env_store.d);
	sipdns_topology_destroy(fuzz_env_store.t);
	memset(&fuzz_env_store, 0, sizeof(fuzz_env_store));
}

/* Built on first use and kept for the process (the fuzzer runs many
 * inputs), freed at exit so that leak checkers stay quiet. Built anew
 * every 4096 uses: verify's questions put the must-not-exist names in
 * the set's arena, which one verify run frees at its end and a fuzzer
 * running for an hour would grow past its memory limit. */
static struct fuzz_env *
fuzz_env(void)
{
	struct fuzz_env *ep = &fuzz_env_store;
	static int ready, registered;
	static unsigned long uses;
	if (ready && ++uses % 4096 == 0) {
		fuzz_env_free();
		ready = 0;
	}
	if (!ready) {
		struct fuzz_env e = { 0 };
		sipdns_diag_init(&e.d);
		if (sipdns_parse_buffer(fuzz_walkthrough, strlen(fuzz_walkthrough),
					"walkthrough.yaml", &e.t, &e.d) != SIPDNS_OK ||
		    sipdns_recset_init(&e.s) != SIPDNS_OK ||
		    sipdns_generate(e.t, &e.s, &e.d) != SIPDNS_OK)
			abort();   /* the built-in topology is valid: a bug */
		*ep = e;
		if (!registered)
			atexit(fuzz_env_free);
		registered = ready = 1;
	}
	return ep;
}

/* The zone read from the input (origin, records, [AGE:n] facts or NULL)
 * through diff's path: verify's questions of the internal view answered
 * from it, then the one comparison. */
static inline void
fuzz_compare_zone(struct fuzz_env *e, const char *origin, ldns_rr_list *rrs,
		  uint32_t *age)
{
	struct sipdns_verify_opts o = { .view = SIPDNS_VIEW_INTERNAL };
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	struct sipdns_diff_zone z = { SIPDNS_VIEW_INTERNAL, origin, rrs, age };
	if (sipdns_verify_questions(e->t, &e->s, &o, &r) == SIPDNS_OK &&
	    sipdns_diff_answer(&r, e->t, &z, 1) == SIPDNS_OK)
		sipdns_compare(e->t, &e->s, &o, &r);
	sipdns_verify_result_fini(&r);
}

#endif
