/* fuzz_zone.c -- zone-file text -> ldns -> diff against the expected set
 * of the internal view, as 'sipdns diff' does.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>

#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env *e = fuzz_env();
	FILE *fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	ldns_rdf *origin = ldns_dname_new_frm_str("contoso.com.");
	ldns_zone *z = NULL;
	int line = 0;
	ldns_status st = ldns_zone_new_frm_fp_l(&z, fp, origin, 3600,
						LDNS_RR_CLASS_IN, &line);
	fclose(fp);
	ldns_rdf_deep_free(origin);
	if (st != LDNS_STATUS_OK)
		return 0;
	struct sipdns_verify_opts o = { .view = SIPDNS_VIEW_INTERNAL };
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	const char *origins[] = { "contoso.com" };
	if (sipdns_verify_questions(e->t, &e->s, &o, &r) == SIPDNS_OK &&
	    sipdns_verify_answer_from_zone(&r, e->t, SIPDNS_VIEW_INTERNAL,
					   ldns_zone_rrs(z), origins, 1) == SIPDNS_OK)
		sipdns_verify_compare(e->t, &e->s, &o, &r);
	sipdns_verify_result_fini(&r);
	ldns_zone_deep_free(z);
	return 0;
}
