/* fuzz_winexport.c -- Windows DNS export text (dnscmd /ZoneExport,
 * ZONE.dns) -> winexport's cleaning -> ldns -> diff against the expected
 * set of the internal view, as 'sipdns diff contoso.com.dns' does.
 *
 * Besides never crashing, leaking or hanging, the cleaning keeps what it
 * promises (winexport.h): the text keeps its length and every line end
 * where it was; a byte changes only to a blank (an [AGE:n] token), to ';'
 * (a skipped WINS record) or, where it was blank (or an [AGE:n] token),
 * to an owner carried to the next record; a failure has an error, a success none, and every
 * diagnostic is at a line of the text. A broken promise abort()s.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <strings.h>

#include "fuzz_common.h"
#include "winexport.h"

#define WE_PATH "zones/contoso.com.dns"

static void
we_fail(const char *what, size_t at)
{
	fprintf(stderr, "winexport: %s (byte %zu)\n", what, at);
	abort();
}

/* Blank, or inside an [AGE:n] token (which the cleaning blanks first, so
 * that an owner carried to its line may take its columns too)? */
static void
we_blanks(const uint8_t *data, size_t size, bool *blank)
{
	for (size_t i = 0; i < size; i++)
		blank[i] = blank[i] || data[i] == ' ' || data[i] == '\t';
	for (size_t i = 0; i + 5 < size; i++) {
		if (data[i] != '[' || strncasecmp((const char *)data + i, "[AGE:", 5) != 0)
			continue;
		size_t r = i + 5;
		while (r < size && data[r] >= '0' && data[r] <= '9')
			r++;
		if (r < size && data[r] == ']' && r > i + 5)
			memset(blank + i, 1, r - i + 1);
	}
}

/* sipdns_winexport_clean on a copy of the input, its promises checked. */
static void
we_clean(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	bool *blank = calloc(size ? size : 1, sizeof(*blank));
	if (text == NULL || blank == NULL) {
		free(text);
		free(blank);
		return;
	}
	memcpy(text, data, size);
	we_blanks(data, size, blank);
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	enum sipdns_status st = sipdns_winexport_clean(text, size, WE_PATH, &d);
	unsigned lines = 1;
	bool lead = true;   /* text[line start .. i) is one word: an owner */
	for (size_t i = 0; i < size; i++) {
		char was = (char)data[i], now = text[i];
		if ((was == '\n') != (now == '\n'))
			we_fail("a line end moved", i);
		if (was != now && now != ' ' && now != ';' && !(blank[i] && lead))
			we_fail("a byte changed that is no token, record start or owner field", i);
		lines += was == '\n';
		lead = was == '\n' || (lead && now != ' ' && now != '\t');
	}
	if ((st == SIPDNS_OK) != (d.errors == 0) || (st != SIPDNS_OK && st != SIPDNS_EINPUT))
		we_fail("the status and the errors disagree", 0);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].loc.line < 1 || d.v[i].loc.line > lines)
			we_fail("a diagnostic outside the text", i);
	sipdns_diag_fini(&d);
	free(blank);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env *e = fuzz_env();
	(void)sipdns_winexport_is(WE_PATH, (const char *)data, size);
	(void)sipdns_winexport_is("contoso.com.zone", (const char *)data, size);
	we_clean(data, size);
	FILE *fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	/* the path sipdns diff takes for a .dns file: cleaned, then ldns */
	ldns_rr_list *rrs = ldns_rr_list_new();
	char *origin = NULL;
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	uint32_t *age = NULL;   /* the [AGE:n] facts, as diff keeps them */
	enum sipdns_status st = rrs ? sipdns_zone_file_read_aged(fp, WE_PATH, NULL, rrs,
								 &origin, &age, &d)
				    : SIPDNS_ENOMEM;
	sipdns_diag_fini(&d);
	fclose(fp);
	if (st == SIPDNS_OK)
		fuzz_compare_zone(e, origin, rrs, age);
	free(origin);
	free(age);
	ldns_rr_list_deep_free(rrs);
	return 0;
}
