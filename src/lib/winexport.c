/* winexport.c -- Windows DNS exports made readable for ldns
 *
 * The format, from Microsoft's documentation (sources named in
 * tests/data/winexport/contoso.com.dns and in
 * shared/reference/output-formats.md):
 *   <domain> <class> WINS [<TTL>] <Local> <LookupTimeout> <CacheTimeout> <IP>...
 *   <domain> <class> WINSR [<TTL>] <Local> <LookupTimeout> <CacheTimeout> <domain>
 *   owner [AGE:n] TTL type data   (aging on: n hours since 1601-01-01)
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "winexport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OWNER_MAX 256

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
space(char c)
{
	return blank(c) || c == '\r' || c == '\n';
}

bool
sipdns_winexport_is(const char *path, const char *text, size_t len)
{
	size_t n = strlen(path);
	if (n > 4 && strcasecmp(path + n - 4, ".dns") == 0)
		return true;
	for (size_t i = 0; i + 5 <= len; i++)
		if (text[i] == '[' && strncasecmp(text + i, "[AGE:", 5) == 0)
			return true;
	return false;
}

/* Blank the [AGE:n] tokens of the line [p, e); the change of the
 * parenthesis depth on it (outside quotes and comments) into *depth; the
 * n of its token into *age (0: none; a larger n than fits: UINT32_MAX);
 * the first token glued to the text before or after it into *glued
 * (NULL: none). */
static void
line_scan(char *p, char *e, int *depth, uint32_t *age, char **glued)
{
	*age = 0;
	*glued = NULL;
	for (char *q = p; q < e && *q != ';'; q++) {
		if (*q == '"') {
			while (++q < e && *q != '"')
				q += *q == '\\' && q + 1 < e;
			if (q >= e)
				break;
		} else if (*q == '(') {
			(*depth)++;
		} else if (*q == ')' && *depth > 0) {
			(*depth)--;
		} else if (*q == '[' && e - q > 5 && strncasecmp(q, "[AGE:", 5) == 0) {
			char *r = q + 5;
			uint64_t n = 0;
			for (; r < e && *r >= '0' && *r <= '9'; r++)
				n = n > UINT32_MAX ? n : n * 10 + (uint64_t)(*r - '0');
			if (r < e && *r == ']' && r > q + 5) {
				*age = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
				if (*glued == NULL &&
				    ((q > p && !blank(q[-1])) || (r + 1 < e && !space(r[1]))))
					*glued = q;
				memset(q, ' ', (size_t)(r - q + 1));
				q = r;
			}
		}
	}
}

/* Is the line [p, e) a WINS or WINSR record? Its owner's length (0: the
 * owner field is blank) into *on. */
static bool
is_wins(const char *p, const char *e, size_t *on)
{
	const char *q = p;
	while (q < e && !space(*q))
		q++;
	*on = (size_t)(q - p);
	if (*on > 0 && (*p == ';' || *p == '$'))
		return false;
	for (;;) {
		while (q < e && blank(*q))
			q++;
		const char *w = q;
		while (q < e && !space(*q))
			q++;
		size_t n = (size_t)(q - w);
		if (n == 0 || *w == ';' || *w == '(')
			return false;
		size_t digits = 0;
		while (digits < n && w[digits] >= '0' && w[digits] <= '9')
			digits++;
		if (digits == n ||
		    (n == 2 && strncasecmp(w, "IN", 2) == 0))
			continue;
		return (n == 4 && strncasecmp(w, "WINS", 4) == 0) ||
		       (n == 5 && strncasecmp(w, "WINSR", 5) == 0);
	}
}

/* Does the line [p, e) hold no record (only blanks or a comment)? */
static bool
empty_line(const char *p, const char *e)
{
	while (p < e && space(*p))
		p++;
	return p >= e || *p == ';';
}

/* The record at line [p, e) (line ln) after a skipped WINS record of
 * owner own: give it that owner if its owner field is blank. */
static bool
carry_owner(char *p, char *e, const char *own, size_t on, const char *path,
	    unsigned ln, struct sipdns_diag *d)
{
	size_t b = 0;
	while (p + b < e && blank(p[b]))
		b++;
	if (b == 0)
		return true;
	if (b > on) {
		memcpy(p, own, on);
		return true;
	}
	sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, ln, 1 }, NULL,
			"this record has no owner of its own and the record before it (a WINS record) was skipped: write its owner (%s) at the start of the line",
			own);
	return false;
}

static bool
ages_add(struct sipdns_winexport_ages *a, unsigned ln, uint32_t hours)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		unsigned *l = realloc(a->line, cap * sizeof(*l));
		if (l == NULL)
			return false;
		a->line = l;
		uint32_t *h = realloc(a->hours, cap * sizeof(*h));
		if (h == NULL)
			return false;
		a->hours = h;
		a->cap = cap;
	}
	a->line[a->n] = ln;
	a->hours[a->n++] = hours;
	return true;
}

void
sipdns_winexport_ages_fini(struct sipdns_winexport_ages *ages)
{
	free(ages->line);
	free(ages->hours);
	memset(ages, 0, sizeof(*ages));
}

int64_t
sipdns_winexport_age_time(uint32_t hours)
{
	/* 1601-01-01 to 1970-01-01: 11,644,473,600 s (369 years, 89 leap
	 * days), as for every Windows FILETIME */
	return (int64_t)hours * 3600 - INT64_C(11644473600);
}

enum sipdns_status
sipdns_winexport_clean(char *text, size_t len, const char *path,
		       struct sipdns_diag *d)
{
	return sipdns_winexport_clean_ages(text, len, path, NULL, d);
}

enum sipdns_status
sipdns_winexport_clean_ages(char *text, size_t len, const char *path,
			    struct sipdns_winexport_ages *ages,
			    struct sipdns_diag *d)
{
	char own[OWNER_MAX + 1] = "";
	size_t on = 0;
	int depth = 0;
	bool skipping = false;   /* inside a skipped record's parentheses */
	enum sipdns_status st = SIPDNS_OK;
	unsigned ln = 1;
	for (char *p = text, *end = text + len; p < end; ln++) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		e = e ? e : end;
		/* the line read after its [AGE:n] tokens are blanked, as ldns
		 * reads it: a token glued to a WINS record's owner is not
		 * carried with it, and a line of a token alone holds nothing */
		bool start = depth == 0;
		uint32_t age;
		char *glued;
		line_scan(p, e, &depth, &age, &glued);
		if (glued != NULL) {
			sipdns_diag_add(d, SIPDNS_ERROR,
					(struct sipdns_loc){ path, ln, (unsigned)(glued - p) + 1 }, NULL,
					"an [AGE:n] token joined to the text beside it: a Windows export writes it between blanks, after the owner ('dc01 [AGE:3700000] 3600 A 10.0.0.1'); put a blank on each side");
			st = SIPDNS_EINPUT;
		}
		start = start && !empty_line(p, e);
		size_t n = 0;
		bool wins = start && is_wins(p, e, &n);
		if (age > 0 && !wins && ages != NULL && !ages_add(ages, ln, age))
			return SIPDNS_ENOMEM;
		if (wins) {
			sipdns_diag_add(d, SIPDNS_WARNING, (struct sipdns_loc){ path, ln, 1 },
					NULL, "WINS record skipped: not DNS data sipdns manages");
			if (n > 0 && n <= OWNER_MAX) {
				memcpy(own, p, n);
				own[n] = '\0';
				on = n;
			}
		} else if (start && on > 0) {
			if (!carry_owner(p, e, own, on, path, ln, d))
				st = SIPDNS_EINPUT;
			on = 0;
		}
		if ((wins || skipping) && p < e)
			*p = ';';   /* a comment to its end: the line stays */
		skipping = (wins || skipping) && depth > 0;
		p = e + (e < end);
	}
	return st;
}
