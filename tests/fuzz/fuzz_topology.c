/* fuzz_topology.c -- topology bytes -> parse -> check -> generate, every
 * format rendered in memory. Must never crash, leak or hang; a topology
 * that checks must round-trip: its zone files, read back by ldns, give
 * exactly its record set (roundtrip.c).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "parse.h"
#include "records.h"
#include "roundtrip.h"
#include "write.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	struct sipdns_topology *t = NULL;
	if (sipdns_parse_buffer((const char *)data, size, "fuzz.yaml", &t, &d) == SIPDNS_OK) {
		struct sipdns_recset s;
		if (sipdns_recset_init(&s) == SIPDNS_OK) {
			if (sipdns_generate(t, &s, &d) == SIPDNS_OK &&
			    sipdns_check(t, &s, &d) == SIPDNS_OK && d.errors == 0) {
				fuzz_roundtrip(t, &s);
				for (int f = SIPDNS_FMT_ZONE; f <= SIPDNS_FMT_JSON; f++) {
					struct sipdns_output_opts o = {
						.format = (enum sipdns_format)f, .view = -1,
						.serial_set = true, .serial = 1, .source = "fuzz.yaml",
					};
					char *buf = NULL;
					size_t len = 0;
					FILE *fp = open_memstream(&buf, &len);
					if (fp) {
						sipdns_write(t, &s, &o, fp, &d);
						fclose(fp);
					}
					free(buf);
				}
			}
			sipdns_recset_fini(&s);
		}
		sipdns_topology_destroy(t);
	}
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	if (fp) {
		sipdns_diag_print(&d, fp, true);
		fclose(fp);
	}
	free(text);
	sipdns_diag_fini(&d);
	return 0;
}
