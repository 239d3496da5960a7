/* diag.c -- diagnostics: collect, count, print as file:line:col
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

void
sipdns_diag_init(struct sipdns_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
sipdns_diag_fini(struct sipdns_diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].message);
		free((char *)d->v[i].loc.file);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

void
sipdns_diag_add(struct sipdns_diag *d, enum sipdns_severity sev,
		struct sipdns_loc loc, const char *rule, const char *fmt, ...)
{
	switch (sev) {
	case SIPDNS_ERROR: d->errors++; break;
	case SIPDNS_WARNING: d->warnings++; break;
	case SIPDNS_NOTE: d->notes++; break;
	}
	if (!sipdns_vec_reserve(&d->v, &d->cap, d->n, sizeof(*d->v))) {
		d->oom = true;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (msg == NULL) {
		d->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	va_end(ap);
	/* user text quoted in a message must not move the cursor or ring the
	 * bell: control characters become '?' */
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	/* the list owns a copy of the file name: paths of output files are
	 * freed before the diagnostics are printed */
	if (loc.file != NULL && (loc.file = strdup(loc.file)) == NULL) {
		free(msg);
		d->oom = true;
		return;
	}
	d->v[d->n] = (struct sipdns_diag_entry){
		.severity = sev, .loc = loc, .rule = rule, .message = msg,
		.seq = d->n,
	};
	d->n++;
}

bool
sipdns_diag_move(struct sipdns_diag *d, struct sipdns_diag *from)
{
	if (from->n > 0 &&
	    !sipdns_vec_reserve(&d->v, &d->cap, d->n + from->n - 1, sizeof(*d->v))) {
		d->oom = true;
		return false;
	}
	for (size_t i = 0; i < from->n; i++) {
		d->v[d->n] = from->v[i];
		d->v[d->n].seq = d->n;
		d->n++;
	}
	d->errors += from->errors;
	d->warnings += from->warnings;
	d->notes += from->notes;
	d->oom |= from->oom;
	free(from->v);
	memset(from, 0, sizeof(*from));
	return true;
}

void
sipdns_diag_promote_warnings(struct sipdns_diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity == SIPDNS_WARNING) {
			d->v[i].severity = SIPDNS_ERROR;
			d->warnings--;
			d->errors++;
		}
	}
}

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct sipdns_diag_entry *a = pa, *b = pb;
	int c = strcmp(a->loc.file ? a->loc.file : "",
		       b->loc.file ? b->loc.file : "");
	if (c != 0)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *
sev_name(enum sipdns_severity s)
{
	switch (s) {
	case SIPDNS_ERROR: return "error";
	case SIPDNS_WARNING: return "warning";
	case SIPDNS_NOTE: break;
	}
	return "note";
}

/* Where each line of the source text starts, indexed once per print so
 * that echoing a line costs the same whatever its number. */
struct line_index {
	const char *src;
	size_t len;
	size_t *start;     /* start[i]: offset of line i + 1; NULL: scan */
	size_t n;
};

static void
line_index_build(struct line_index *li, const struct sipdns_diag *d)
{
	*li = (struct line_index){ .src = d->src, .len = d->srclen };
	size_t n = 1;
	for (const char *p = d->src, *end = p + d->srclen;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	li->start = malloc(n * sizeof(*li->start));
	if (li->start == NULL)
		return;   /* each echo scans from the first byte instead */
	li->start[li->n++] = 0;
	for (const char *p = d->src, *end = p + d->srclen;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		li->start[li->n++] = (size_t)(p + 1 - d->src);
}

/* The text of line (from 1) and its length without the newline; NULL when
 * the source has no such line. */
static const char *
line_index_get(const struct line_index *li, unsigned line, size_t *len)
{
	const char *p = li->src, *end = li->src + li->len;
	if (li->start != NULL) {
		if (line > li->n)
			return NULL;
		p += li->start[line - 1];
	} else {
		for (unsigned l = 1; l < line && p < end; p++)
			if (*p == '\n')
				l++;
	}
	if (p >= end)
		return NULL;
	const char *e = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((e ? e : end) - p);
	return p;
}

/* Octets of the character at p (n > 0 left): a whole UTF-8 sequence, or 1
 * for any other byte, so that columns count characters as libyaml does. */
static size_t
char_len(const unsigned char *p, size_t n)
{
	size_t w = p[0] < 0xc0 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 :
		   p[0] < 0xf8 ? 4 : 1;
	if (w > n)
		return 1;
	for (size_t k = 1; k < w; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 1;
	return w;
}

/* Print the source line of loc and a caret under its column; a character
 * that is not safe on a terminal is one '?'. */
static void
echo_line(const struct sipdns_diag *d, const struct line_index *li, FILE *fp,
	  struct sipdns_loc loc)
{
	if (d->src == NULL || loc.line == 0 || loc.file == NULL ||
	    d->srcfile == NULL || strcmp(loc.file, d->srcfile) != 0)
		return;
	size_t len;
	const unsigned char *p =
		(const unsigned char *)line_index_get(li, loc.line, &len);
	if (p == NULL)
		return;
	if (len > 200)
		len = 200;
	fputs("  ", fp);
	for (size_t i = 0; i < len; i += char_len(p + i, len - i))
		fputc(p[i] == '\t' || (p[i] >= 0x20 && p[i] < 0x7f) ? p[i] : '?', fp);
	fputs("\n  ", fp);
	unsigned c = 1;
	for (size_t i = 0; c < loc.col && i < len; c++, i += char_len(p + i, len - i))
		fputc(p[i] == '\t' ? '\t' : ' ', fp);
	fputs("^\n", fp);
}

/* "FILE:LINE:COL: ", "FILE:LINE: " (a line, no column: zone files),
 * "FILE: ", or nothing. */
static void
print_loc(FILE *fp, struct sipdns_loc loc)
{
	if (loc.file && loc.line && loc.col)
		fprintf(fp, "%s:%u:%u: ", loc.file, loc.line, loc.col);
	else if (loc.file && loc.line)
		fprintf(fp, "%s:%u: ", loc.file, loc.line);
	else if (loc.file)
		fprintf(fp, "%s: ", loc.file);
}

void
sipdns_diag_print(struct sipdns_diag *d, FILE *fp, bool summary)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(d->v[0]), entry_cmp);
	struct line_index li = { .src = d->src, .len = d->srclen };
	if (d->src != NULL && d->n > 0)
		line_index_build(&li, d);
	for (size_t i = 0; i < d->n; i++) {
		const struct sipdns_diag_entry *e = &d->v[i];
		print_loc(fp, e->loc);
		fprintf(fp, "%s: %s", sev_name(e->severity), e->message);
		if (e->rule)
			fprintf(fp, " [%s]", e->rule);
		fputc('\n', fp);
		echo_line(d, &li, fp, e->loc);
	}
	free(li.start);
	if (d->oom)
		fprintf(fp, "error: out of memory: some diagnostics were lost\n");
	if (summary)
		fprintf(fp, "%zu error%s, %zu warning%s\n", d->errors,
			d->errors == 1 ? "" : "s", d->warnings,
			d->warnings == 1 ? "" : "s");
}

const struct sipdns_diag_entry *
sipdns_diag_find(const struct sipdns_diag *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].message, needle) != NULL)
			return &d->v[i];
	return NULL;
}

void
sipdns_diag_print_from(const struct sipdns_diag *d, size_t first, FILE *fp)
{
	for (size_t i = first; i < d->n; i++) {
		const struct sipdns_diag_entry *e = &d->v[i];
		print_loc(fp, e->loc);
		fprintf(fp, "%s: %s", sev_name(e->severity), e->message);
		fprintf(fp, e->rule ? " [%s]\n" : "%s\n", e->rule ? e->rule : "");
	}
}
