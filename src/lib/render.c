/* render.c -- shared rendering helpers: the alphabet, comments, fields
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "records.h"

static inline bool
token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == ':';
}

bool
sipdns_render_token_ok(const char *s)
{
	if (*s == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (!token_char(*p))
			return false;
	return true;
}

void
sipdns_render_comment_text(FILE *fp, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || strchr(" .,:;/()_-[]", c);
		if (c == ';')
			ok = true;
		putc_unlocked(ok ? c : ' ', fp);   /* fp is this thread's own */
	}
}

char *
sipdns_render_field(const ldns_rr *rr, size_t i, bool strip)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, i);
	if (f == NULL)
		return NULL;
	char *s = ldns_rdf2str(f);
	if (s == NULL)
		return NULL;
	size_t len = strlen(s);
	if (strip && len > 1 && s[len - 1] == '.')
		s[len - 1] = '\0';
	if (!sipdns_render_token_ok(s)) {
		free(s);
		return NULL;
	}
	return s;
}

const char *
sipdns_render_rr_line(ldns_buffer *scratch, const ldns_rr *rr)
{
	const char *s = sipdns_rr_format(scratch, rr);
	for (const char *p = s; p && *p; p++)
		if (!(token_char(*p) || *p == '\t' || *p == ' '))
			return NULL;
	return s;
}

void
sipdns_render_reason(FILE *fp, const char *lead, const struct sipdns_record *r)
{
	fputs(lead, fp);
	sipdns_render_comment_text(fp, r->reason);
	fprintf(fp, " [%s", r->fact);
	if (r->loc.line)
		fprintf(fp, ", topology line %u", r->loc.line);
	fputs("]", fp);
	if (r->flags & SIPDNS_REC_SELF_REGISTERED)
		fputs(" (the server also registers this itself)", fp);
	fputc('\n', fp);
}

void
sipdns_json_string(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}
