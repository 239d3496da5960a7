/* report.c -- findings for people (text), programs (JSON) and Nagios
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct colors {
	const char *red, *yellow, *green, *bold, *off;
};

bool
report_colors(void)
{
	/* no-color.org */
	return isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
}

static struct colors
colors_of(bool on)
{
	if (on)
		return (struct colors){ "\033[31m", "\033[33m", "\033[32m",
					"\033[1m", "\033[0m" };
	return (struct colors){ "", "", "", "", "" };
}

static void
print_records(FILE *fp, const char *lead, const char *list, const char *on,
	      const char *off)
{
	if (list == NULL)
		return;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		fprintf(fp, "%s%s%.*s%s\n", lead, on, (int)n, p, off);
		p += n + (e != NULL);
	}
}

static void
print_when(FILE *fp, const char *fmt, long when)
{
	char buf[32];
	time_t t = (time_t)when;
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M UTC", gmtime(&t));
	fprintf(fp, fmt, buf);
}

static void
text_finding(FILE *fp, const struct sipdns_finding *f, bool state,
	     struct colors c)
{
	const char *col = f->severity == SIPDNS_ERROR ? c.red : c.yellow;
	fprintf(fp, "    %s%-12s%s %s %s", col, sipdns_finding_name(f->kind),
		c.off, f->name, f->type_name);
	if (state && f->kind != SIPDNS_F_UNVERIFIED && f->since)
		print_when(fp, " (since %s)", f->since);
	else if (state && f->kind != SIPDNS_F_UNVERIFIED)
		fputs(" (new)", fp);
	fputc('\n', fp);
	if (f->reason)
		fprintf(fp, "        why: %s [%s]\n", f->reason, f->fact);
	if (f->detail)
		fprintf(fp, "        %s\n", f->detail);
	print_records(fp, "        want: ", f->want, c.green, c.off);
	print_records(fp, "        got:  ", f->got, col, c.off);
}

/* A finding of the state: fixed now, or carried over unchecked. */
static void
text_old(FILE *fp, const struct sipdns_finding *f, bool fixed, struct colors c)
{
	fprintf(fp, "    %s%-12s%s %s %s", fixed ? c.green : c.yellow,
		sipdns_finding_name(f->kind), c.off, f->name, f->type_name);
	print_when(fp, fixed ? " (fixed; wrong since %s)\n"
			     : " (since %s; not checked this run)\n", f->since);
}

enum list_kind { LIST_CURRENT, LIST_FIXED, LIST_NOT_CHECKED };

static int
by_detail(const void *pa, const void *pb)
{
	const struct sipdns_finding *a = *(const struct sipdns_finding *const *)pa;
	const struct sipdns_finding *b = *(const struct sipdns_finding *const *)pb;
	int c = strcmp(a->detail ? a->detail : "", b->detail ? b->detail : "");
	return c ? c : a < b ? -1 : a > b;
}

/* The unverified questions of one zone, u[0..n-1]: one line per failure
 * with its count; the names under it when verbose. */
static void
text_unverified(FILE *fp, const struct sipdns_finding **u, size_t n,
		bool verbose, struct colors c)
{
	qsort(u, n, sizeof(*u), by_detail);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(u[i]->detail ? u[i]->detail : "",
						 u[j]->detail ? u[j]->detail : "") == 0; j++)
			;
		fprintf(fp, "    %s%-12s%s %zu question%s: %s%s\n", c.red, "unverified",
			c.off, j - i, j - i == 1 ? "" : "s",
			u[i]->detail ? u[i]->detail : "could not verify",
			verbose ? "" : " (-v lists them)");
		for (size_t k = i; verbose && k < j; k++)
			fprintf(fp, "        %s %s\n", u[k]->name, u[k]->type_name);
	}
}

/* One zone's current findings, v[0..n-1]: drift as it is, the failed
 * questions grouped by failure. */
static void
text_zone(FILE *fp, const struct sipdns_finding *v, size_t n, bool state,
	  bool verbose, bool told, struct colors c)
{
	const struct sipdns_finding **u = malloc((n ? n : 1) * sizeof(*u));
	size_t nu = 0;
	for (size_t i = 0; i < n; i++) {
		if (told && v[i].diagnosis)
			continue;   /* told once with its cause, above */
		if (v[i].kind == SIPDNS_F_UNVERIFIED && u != NULL)
			u[nu++] = &v[i];
		else
			text_finding(fp, &v[i], state, c);
	}
	if (nu)
		text_unverified(fp, u, nu, verbose, c);
	free(u);
}

static bool
same_place(const struct sipdns_finding *a, const struct sipdns_finding *b)
{
	return a->view == b->view &&
	       strcmp(a->zone ? a->zone : "", b->zone ? b->zone : "") == 0;
}

/* By diagnosis, then in the findings' order (they are one array). */
static int
by_diagnosis(const void *pa, const void *pb)
{
	const struct sipdns_finding *a = *(const struct sipdns_finding *const *)pa;
	const struct sipdns_finding *b = *(const struct sipdns_finding *const *)pb;
	if (a->diagnosis != b->diagnosis)
		return a->diagnosis < b->diagnosis ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* The findings that a diagnosis explains, by diagnosis (stable): *n of
 * them, or NULL (none, or out of memory: then they are told one by one). */
static const struct sipdns_finding **
explained(const struct sipdns_verify_result *r, size_t *n)
{
	*n = 0;
	if (r->n_diagnoses == 0)
		return NULL;
	const struct sipdns_finding **e = malloc((r->n_f + 1) * sizeof(*e));
	for (size_t i = 0; e && i < r->n_f; i++)
		if (r->f[i].diagnosis)
			e[(*n)++] = &r->f[i];
	if (e)
		qsort(e, *n, sizeof(*e), by_diagnosis);
	return e;
}

/* View v's causes of failure, each told once: the line, then (verbose)
 * the names it explains, from e[0..ne-1]. */
static void
text_causes(FILE *fp, const struct sipdns_verify_result *r,
	    enum sipdns_view_id v, const struct sipdns_finding **e,
	    size_t ne, bool verbose, struct colors c)
{
	for (size_t i = 0, k = 0; i < r->n_diagnoses; i++) {
		const struct sipdns_diagnosis *d = &r->diagnoses[i];
		size_t first = k;
		while (k < ne && e[k]->diagnosis <= i + 1)
			k++;
		size_t n = 0;
		for (size_t j = first; j < k; j++)
			n += e[j]->diagnosis == i + 1;
		if (d->view != v || n == 0)
			continue;
		fprintf(fp, "  %sunverified%s: %s", c.red, c.off, d->text);
		if (!d->text_counts)
			fprintf(fp, " (%zu question%s%s)", n, n == 1 ? "" : "s",
				verbose ? "" : "; -v lists them");
		else if (!verbose)
			fputs(" (-v lists them)", fp);
		fputc('\n', fp);
		for (size_t j = first; verbose && j < k; j++)
			if (e[j]->diagnosis == i + 1)
				fprintf(fp, "        %s %s\n", e[j]->name, e[j]->type_name);
	}
}

/* Has v[0..n-1] a finding to tell under its zone (not told with a cause)? */
static bool
zone_has_own(const struct sipdns_finding *v, size_t n, enum list_kind kind)
{
	for (size_t i = 0; i < n; i++)
		if (kind != LIST_CURRENT || v[i].diagnosis == 0)
			return true;
	return false;
}

static void
text_view_header(FILE *fp, const struct sipdns_verify_result *r,
		 const struct report_src *src, enum sipdns_view_id v,
		 enum list_kind kind, struct colors c)
{
	fprintf(fp, "%s%s view%s", c.bold, sipdns_view_name(v), c.off);
	if (kind == LIST_NOT_CHECKED)
		fputc('\n', fp);
	else
		fprintf(fp, " (%s)\n", r->system_resolver[v]
			? "system resolver" : src->servers[v]);
}

/* Findings under their view and zone headers; the current ones' causes
 * of failure first, once per view. */
static void
text_list(FILE *fp, const struct sipdns_verify_result *r,
	  const struct report_src *src, const struct sipdns_finding *v,
	  size_t n, enum list_kind kind, bool state, bool verbose,
	  struct colors c)
{
	size_t ne = 0;
	const struct sipdns_finding **e = kind == LIST_CURRENT
					  ? explained(r, &ne) : NULL;
	for (size_t i = 0, j; i < n; i = j) {
		const struct sipdns_finding *f = &v[i];
		if (i == 0 || v[i - 1].view != f->view) {
			text_view_header(fp, r, src, f->view, kind, c);
			if (e != NULL)
				text_causes(fp, r, f->view, e, ne, verbose, c);
		}
		for (j = i + 1; j < n && same_place(&v[i], &v[j]); j++)
			;
		if (!zone_has_own(f, j - i, e ? kind : LIST_FIXED))
			continue;
		fprintf(fp, "  zone %s\n", f->zone ? f->zone : "(no zone)");
		if (kind == LIST_CURRENT)
			text_zone(fp, f, j - i, state, verbose, e != NULL, c);
		for (size_t k = i; kind != LIST_CURRENT && k < j; k++)
			text_old(fp, &v[k], kind == LIST_FIXED, c);
	}
	free(e);
}

static size_t
lines_of(const char *list)
{
	size_t n = list && *list;
	for (const char *p = list; p && *p; p++)
		n += *p == '\n';
	return n;
}

void
report_counts(const struct sipdns_verify_result *r, struct report_counts *k)
{
	memset(k, 0, sizeof(*k));
	k->in_sync = r->in_sync;
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		switch (f->kind) {
		case SIPDNS_F_MISSING: case SIPDNS_F_CHANGED:
			k->wrong += lines_of(f->want);
			break;
		case SIPDNS_F_TTL: k->ttl_only++; break;
		case SIPDNS_F_UNVERIFIED: k->unverified += lines_of(f->want); break;
		case SIPDNS_F_UNEXPECTED: k->unexpected++; break;
		case SIPDNS_F_TARGET_ALIAS: k->target_alias++; break;
		case SIPDNS_F_AAAA_ONLY: k->aaaa_only++; break;
		}
	}
	k->questions = r->n_q;
	k->failed = r->unverified;
}

/* diff: what was compared, "against 2 zone files (internal contoso.com,
 * external contoso.com)" */
static void
text_files(FILE *fp, const struct sipdns_verify_result *r)
{
	fprintf(fp, "compared against %zu zone file%s (", r->n_files,
		r->n_files == 1 ? "" : "s");
	for (size_t i = 0; i < r->n_files; i++)
		fprintf(fp, "%s%s %s", i ? ", " : "",
			sipdns_view_name(r->files[i].view),
			r->files[i].zone ? r->files[i].zone : "?");
	fputs(")\n", fp);
}

static void
text_summary(FILE *fp, const struct sipdns_verify_result *r, bool state)
{
	struct report_counts k;
	report_counts(r, &k);
	fprintf(fp, "%zu records expected: %zu in sync, %zu wrong, %zu TTL only, "
		"%zu unverified; extra findings: %zu unexpected, %zu target-alias, "
		"%zu aaaa-only", r->expected, k.in_sync, k.wrong, k.ttl_only,
		k.unverified, k.unexpected, k.target_alias, k.aaaa_only);
	if (state && r->state_read)
		fprintf(fp, "; state: %zu new, %zu persisting, %zu fixed, %zu not checked",
			r->n_new, r->n_persisting, r->n_fixed, r->n_not_checked);
	fprintf(fp, "; %zu name%s owned elsewhere; ", r->ignored_names,
		r->ignored_names == 1 ? "" : "s");
	if (r->n_files > 0)
		text_files(fp, r);
	else
		fprintf(fp, "%zu questions (%zu answered, %zu failed) in %.2f s\n",
			k.questions, k.questions - k.failed, k.failed, r->seconds);
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (r->servers_from_topology[v])
			fprintf(fp, "note: the %s view was asked at its name servers: %s\n",
				sipdns_view_name((enum sipdns_view_id)v), r->servers_used[v]);
		else if (r->system_resolver[v])
			fprintf(fp, "note: the %s view was asked through the system resolver (no --server %s=ADDR)\n",
				sipdns_view_name((enum sipdns_view_id)v),
				sipdns_view_name((enum sipdns_view_id)v));
	if (state && r->scope_differs)
		fprintf(fp, "note: the state file was written by a run of the views %s; this run asked %s: "
			"the findings of the others are carried over, not checked\n",
			r->state_scope, r->run_scope);
}

void
report_text(FILE *fp, const struct sipdns_verify_result *r,
	    const struct report_src *src, bool state, bool colors)
{
	report_text_verbose(fp, r, src, state, true, colors);
}

void
report_text_verbose(FILE *fp, const struct sipdns_verify_result *r,
		    const struct report_src *src, bool state, bool verbose,
		    bool colors)
{
	struct colors c = colors_of(colors);
	state = state && r->state_read;
	text_list(fp, r, src, r->f, r->n_f, LIST_CURRENT, state, verbose, c);
	if (state && r->n_fixed) {
		fprintf(fp, "%sfixed since the last run%s (asked, answered and now in sync):\n",
			c.green, c.off);
		text_list(fp, r, src, r->fixed, r->n_fixed, LIST_FIXED, state, false, c);
	}
	if (state && r->n_not_checked) {
		fprintf(fp, "not checked this run (a view not asked or a question not answered), carried over:\n");
		text_list(fp, r, src, r->not_checked, r->n_not_checked,
			  LIST_NOT_CHECKED, state, false, c);
	}
	text_summary(fp, r, state);
}

static void
json_list(FILE *fp, const char *list)
{
	fputc('[', fp);
	const char *p = list;
	bool first = true;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *one = strndup(p, n);
		fputs(first ? "" : ", ", fp);
		sipdns_json_string(fp, one ? one : "");
		free(one);
		first = false;
		p += n + (e != NULL);
	}
	fputc(']', fp);
}

static void
json_finding(FILE *fp, const struct sipdns_verify_result *r,
	     const struct sipdns_finding *f)
{
	fprintf(fp, "{\"kind\": \"%s\", \"severity\": \"%s\", \"view\": \"%s\", \"zone\": ",
		sipdns_finding_name(f->kind),
		f->severity == SIPDNS_ERROR ? "error" : "warning",
		sipdns_view_name(f->view));
	sipdns_json_string(fp, f->zone);
	fputs(", \"name\": ", fp);
	sipdns_json_string(fp, f->name);
	fprintf(fp, ", \"type\": \"%s\", \"want\": ", f->type_name);
	json_list(fp, f->want);
	fputs(", \"got\": ", fp);
	json_list(fp, f->got);
	fputs(", \"reason\": ", fp);
	sipdns_json_string(fp, f->reason);
	fputs(", \"fact\": ", fp);
	sipdns_json_string(fp, f->fact);
	fputs(", \"detail\": ", fp);
	sipdns_json_string(fp, f->detail);
	fputs(", \"diagnosis\": ", fp);
	sipdns_json_string(fp, f->diagnosis && f->diagnosis <= r->n_diagnoses
			   ? r->diagnoses[f->diagnosis - 1].text : NULL);
	fprintf(fp, ", \"since\": %ld}", f->since);
}

/* A comma-separated list as a JSON array of strings ([] for NULL). */
static void
json_csv(FILE *fp, const char *csv)
{
	fputc('[', fp);
	for (const char *p = csv; p && *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *one = strndup(p, n);
		fputs(p == csv ? "" : ", ", fp);
		sipdns_json_string(fp, one ? one : "");
		free(one);
		p += n + (e != NULL);
	}
	fputc(']', fp);
}

/* verify: the causes of failure, and each view's servers as asked and
 * found down. */
static void
json_servers(FILE *fp, const struct sipdns_verify_result *r)
{
	fputs(",\n  \"diagnoses\": [", fp);
	for (size_t i = 0; i < r->n_diagnoses; i++) {
		const struct sipdns_diagnosis *d = &r->diagnoses[i];
		fprintf(fp, "%s{\"kind\": \"%s\", \"view\": \"%s\", \"servers\": ",
			i ? ",\n    " : "\n    ",
			d->kind == SIPDNS_DIAG_REFUSED_ZONE ? "refused_zone" : "no_response",
			sipdns_view_name(d->view));
		json_csv(fp, d->servers);
		fputs(", \"zone\": ", fp);
		sipdns_json_string(fp, d->zone);
		fprintf(fp, ", \"questions\": %zu, \"text\": ", d->questions);
		sipdns_json_string(fp, d->text);
		fputc('}', fp);
	}
	fputs(r->n_diagnoses ? "\n  ],\n  \"servers\": {" : "],\n  \"servers\": {", fp);
	bool first = true;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (r->servers_asked[v] == NULL && !r->system_resolver[v])
			continue;   /* not asked */
		fprintf(fp, "%s\"%s\": {\"source\": \"%s\", \"asked\": ",
			first ? "" : ", ", sipdns_view_name((enum sipdns_view_id)v),
			r->system_resolver[v] ? "system_resolver"
			: r->servers_from_topology[v] ? "topology" : "option");
		json_csv(fp, r->servers_asked[v]);
		fputs(", \"down\": ", fp);
		json_csv(fp, r->servers_down_list[v]);
		fputc('}', fp);
		first = false;
	}
	fputc('}', fp);
}

/* diff: what was compared, never queries. */
static void
json_compared(FILE *fp, const struct sipdns_verify_result *r)
{
	fprintf(fp, "  \"compared\": {\"expected_records\": %zu, \"zone_files\": %zu, \"files\": [",
		r->expected, r->n_files);
	for (size_t i = 0; i < r->n_files; i++) {
		const struct sipdns_diff_file *df = &r->files[i];
		fputs(i ? ", {\"path\": " : "{\"path\": ", fp);
		sipdns_json_string(fp, df->path);
		fprintf(fp, ", \"view\": \"%s\", \"zone\": ", sipdns_view_name(df->view));
		sipdns_json_string(fp, df->zone);
		fprintf(fp, ", \"records\": %zu}", df->records);
	}
	fputs("]}", fp);
}

/* The summary: verify says how many queries; diff, the zone files. */
static void
json_summary(FILE *fp, const struct sipdns_verify_result *r)
{
	fprintf(fp, "  \"summary\": {\"expected\": %zu, \"in_sync\": %zu, \"errors\": %zu, \"warnings\": %zu, \"unverified\": %zu, \"owned_elsewhere\": %zu, ",
		r->expected, r->in_sync, r->errors - r->unverified, r->warnings,
		r->unverified, r->ignored_names);
	if (r->n_files > 0)
		fprintf(fp, "\"zone_files\": %zu, ", r->n_files);
	else
		fprintf(fp, "\"queries\": %zu, ", r->n_q);
	fprintf(fp, "\"seconds\": %.3f},\n", r->seconds);
}

static void
json_state(FILE *fp, const struct sipdns_verify_result *r)
{
	fprintf(fp, ",\n  \"state\": {\"new\": %zu, \"persisting\": %zu, \"fixed\": %zu, \"not_checked\": %zu, \"changed\": %s, \"scope\": ",
		r->n_new, r->n_persisting, r->n_fixed, r->n_not_checked,
		r->state_changed ? "true" : "false");
	sipdns_json_string(fp, r->run_scope);
	fputs(", \"previous_scope\": ", fp);
	sipdns_json_string(fp, r->state_scope[0] ? r->state_scope : NULL);
	fputs(",\n    \"fixed_findings\": [", fp);
	for (size_t i = 0; i < r->n_fixed; i++) {
		fputs(i ? ",\n      " : "\n      ", fp);
		json_finding(fp, r, &r->fixed[i]);
	}
	fputs("],\n    \"not_checked\": [", fp);
	for (size_t i = 0; i < r->n_not_checked; i++) {
		fputs(i ? ",\n      " : "\n      ", fp);
		json_finding(fp, r, &r->not_checked[i]);
	}
	fputs("]}", fp);
}

void
report_json(FILE *fp, const struct sipdns_verify_result *r, const char *status)
{
	fprintf(fp, "{\n  \"schema_version\": 1,\n  \"status\": \"%s\",\n", status);
	json_summary(fp, r);
	fputs("  \"findings\": [", fp);
	for (size_t i = 0; i < r->n_f; i++) {
		fputs(i ? ",\n    " : "\n    ", fp);
		json_finding(fp, r, &r->f[i]);
	}
	fputs(r->n_f ? "\n  ],\n  \"fixed\": [" : "],\n  \"fixed\": [", fp);
	for (size_t i = 0; i < r->n_fixed; i++) {
		fputs(i ? ", " : "", fp);
		sipdns_json_string(fp, r->fixed[i].key);
	}
	struct report_counts k;
	report_counts(r, &k);
	fprintf(fp, "],\n  \"records\": {\"expected\": %zu, \"in_sync\": %zu, \"wrong\": %zu, \"ttl_only\": %zu, \"unverified\": %zu},\n",
		r->expected, k.in_sync, k.wrong, k.ttl_only, k.unverified);
	fprintf(fp, "  \"extra\": {\"unexpected\": %zu, \"target_alias\": %zu, \"aaaa_only\": %zu},\n",
		k.unexpected, k.target_alias, k.aaaa_only);
	if (r->n_files > 0) {
		json_compared(fp, r);
	} else {
		fprintf(fp, "  \"questions\": {\"asked\": %zu, \"answered\": %zu, \"failed\": %zu}",
			k.questions, k.questions - k.failed, k.failed);
		json_servers(fp, r);
	}
	if (r->state_read)
		json_state(fp, r);
	fputs("\n}\n", fp);
}

/* The first line of a list of records. */
static int
first_len(const char *list)
{
	const char *nl = strchr(list, '\n');
	return nl ? (int)(nl - list) : (int)strlen(list);
}

/* Text for a plugin's output: a '|' would start perfdata. */
static void
nagios_text(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '|' ? '/' : *s, fp);
}

static void
nagios_status(FILE *fp, const struct sipdns_verify_result *r,
	      const char *st, size_t wrong)
{
	if (r->unverified && !wrong) {
		fprintf(fp, "SIPDNS %s - %zu of %zu questions unanswered", st,
			r->unverified, r->n_q);
		if (r->n_diagnoses) {   /* the first cause; the others below */
			fputs(": ", fp);
			nagios_text(fp, r->diagnoses[0].text);
			if (r->n_diagnoses > 1)
				fprintf(fp, " (and %zu more cause%s)", r->n_diagnoses - 1,
					r->n_diagnoses == 2 ? "" : "s");
		}
	} else if (wrong || r->warnings)
		fprintf(fp, "SIPDNS %s - %zu finding%s, %zu warning%s, %zu of %zu records in sync",
			st, wrong, wrong == 1 ? "" : "s", r->warnings,
			r->warnings == 1 ? "" : "s", r->in_sync, r->expected);
	else
		fprintf(fp, "SIPDNS OK - %zu of %zu records in sync", r->in_sync,
			r->expected);
	fprintf(fp, " | 'expected'=%zu;;;0 'in_sync'=%zu;;;0 'wrong'=%zu;;0;0 'warnings'=%zu;0;;0 'unverified'=%zu;;0;0 'time'=%.3fs;;;0\n",
		r->expected, r->in_sync, wrong, r->warnings, r->unverified,
		r->seconds);
}

/* Long text: each view's servers (as asked, the ones found down), then
 * every cause of failure with how many questions it explains. */
static void
nagios_servers(FILE *fp, const struct sipdns_verify_result *r)
{
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		if (r->servers_asked[v] == NULL && !r->system_resolver[v])
			continue;
		fprintf(fp, "%s view servers: ", sipdns_view_name((enum sipdns_view_id)v));
		nagios_text(fp, r->system_resolver[v] ? "the system resolver"
			    : r->servers_asked[v]);
		fputs(r->servers_from_topology[v] ? " (from the topology)" : "", fp);
		fputs("; down: ", fp);
		nagios_text(fp, r->servers_down_list[v] ? r->servers_down_list[v]
			    : "none");
		fputc('\n', fp);
	}
	for (size_t i = 0; i < r->n_diagnoses; i++) {
		const struct sipdns_diagnosis *d = &r->diagnoses[i];
		fprintf(fp, "%s view cause (%zu question%s): ", sipdns_view_name(d->view),
			d->questions, d->questions == 1 ? "" : "s");
		nagios_text(fp, d->text);
		fputc('\n', fp);
	}
}

int
report_nagios(FILE *fp, const struct sipdns_verify_result *r)
{
	size_t wrong = r->errors - r->unverified;
	const char *st = "OK";
	int rc = 0;
	if (wrong || r->unverified) {
		st = "CRITICAL";
		rc = 2;
	} else if (r->warnings) {
		st = "WARNING";
		rc = 1;
	}
	nagios_status(fp, r, st, wrong);
	nagios_servers(fp, r);
	report_nagios_lines(fp, r);
	return rc;
}

void
report_nagios_lines(FILE *fp, const struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		fprintf(fp, "%s %s %s: %s", sipdns_view_name(f->view), f->name,
			f->type_name, sipdns_finding_name(f->kind));
		if (f->detail)
			fprintf(fp, " (%s)", f->detail);
		if (f->want)
			fprintf(fp, "; want %.*s", first_len(f->want), f->want);
		if (f->got)
			fprintf(fp, "; got %.*s", first_len(f->got), f->got);
		fputc('\n', fp);
	}
}
