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
	/* the path sipdns diff takes: the file name gives the origin unless
	 * the zone's SOA says otherwise */
	ldns_rr_list *rrs = ldns_rr_list_new();
	char *origin = NULL;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	enum sipdns_status st = rrs ? sipdns_zone_file_read(fp, "zones/contoso.com.zone", rrs,
							    &origin, &d)
				    : SIPDNS_ENOMEM;
	sipdns_diag_fini(&d);
	fclose(fp);
	if (st == SIPDNS_OK)
		fuzz_compare_zone(e, origin, rrs, NULL);
	free(origin);
	ldns_rr_list_deep_free(rrs);
	return 0;
}
