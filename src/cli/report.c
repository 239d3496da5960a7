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
text_finding(FILE *fp, const struct sipdns_finding *f, bool state,
	     struct colors c)
{
	const char *col = f->severity == SIPDNS_ERROR ? c.red : c.yellow;
	fprintf(fp, "    %s%-12s%s %s %s", col, sipdns_finding_name(f->kind),
		c.off, f->name, f->type_name);
	if (state && f->since) {
		char when[32];
		time_t since = (time_t)f->since;
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC",
			 gmtime(&since));
		fprintf(fp, " (since %s)", when);
	} else if (state) {
		fputs(" (new)", fp);
	}
	fputc('\n', fp);
	if (f->reason)
		fprintf(fp, "        why: %s [%s]\n", f->reason, f->fact);
	if (f->detail)
		fprintf(fp, "        %s\n", f->detail);
	print_records(fp, "        want: ", f->want, c.green, c.off);
	print_records(fp, "        got:  ", f->got, col, c.off);
}

static void
text_summary(FILE *fp, const struct sipdns_verify_result *r)
{
	size_t wrong = r->errors - r->unverified;
	fprintf(fp, "%zu records expected: %zu in sync, %zu error%s, %zu warning%s, "
		"%zu question%s unanswered; %zu name%s owned elsewhere; "
		"%zu queries in %.2f s\n",
		r->expected, r->in_sync, wrong, wrong == 1 ? "" : "s",
		r->warnings, r->warnings == 1 ? "" : "s", r->unverified,
		r->unverified == 1 ? "" : "s", r->ignored_names,
		r->ignored_names == 1 ? "" : "s", r->n_q, r->seconds);
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (r->servers_from_topology[v])
			fprintf(fp, "note: the %s view was asked at its name servers: %s\n",
				sipdns_view_name((enum sipdns_view_id)v), r->servers_used[v]);
		else if (r->system_resolver[v])
			fprintf(fp, "note: the %s view was asked through the system resolver (no --server %s=ADDR)\n",
				sipdns_view_name((enum sipdns_view_id)v),
				sipdns_view_name((enum sipdns_view_id)v));
}

void
report_text(FILE *fp, const struct sipdns_verify_result *r,
	    const struct report_src *src, bool state, bool colors)
{
	struct colors c = colors_of(colors);
	int last_view = -1;
	const char *last_zone = NULL;
	for (size_t i = 0; i < r->n_f; i++) {
		const struct sipdns_finding *f = &r->f[i];
		if ((int)f->view != last_view) {
			fprintf(fp, "%s%s view%s (%s)\n", c.bold,
				sipdns_view_name(f->view), c.off,
				r->system_resolver[f->view] ? "system resolver"
				: src->servers[f->view]);
			last_view = (int)f->view;
			last_zone = NULL;
		}
		const char *zone = f->zone ? f->zone : "(no zone)";
		if (last_zone == NULL || strcmp(zone, last_zone) != 0) {
			fprintf(fp, "  zone %s\n", zone);
			last_zone = zone;
		}
		text_finding(fp, f, state, c);
	}
	for (size_t i = 0; i < r->n_fixed; i++)
		fprintf(fp, "%sfixed%s since the last run: %s\n", c.green, c.off,
			r->fixed[i].key);
	text_summary(fp, r);
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
json_finding(FILE *fp, const struct sipdns_finding *f)
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
	fprintf(fp, ", \"since\": %ld}", f->since);
}

void
report_json(FILE *fp, const struct sipdns_verify_result *r, const char *status)
{
	fprintf(fp, "{\n  \"schema_version\": 1,\n  \"status\": \"%s\",\n", status);
	fprintf(fp, "  \"summary\": {\"expected\": %zu, \"in_sync\": %zu, \"errors\": %zu, \"warnings\": %zu, \"unverified\": %zu, \"owned_elsewhere\": %zu, \"queries\": %zu, \"seconds\": %.3f},\n",
		r->expected, r->in_sync, r->errors - r->unverified, r->warnings,
		r->unverified, r->ignored_names, r->n_q, r->seconds);
	fputs("  \"findings\": [", fp);
	for (size_t i = 0; i < r->n_f; i++) {
		fputs(i ? ",\n    " : "\n    ", fp);
		json_finding(fp, &r->f[i]);
	}
	fputs(r->n_f ? "\n  ],\n  \"fixed\": [" : "],\n  \"fixed\": [", fp);
	for (size_t i = 0; i < r->n_fixed; i++) {
		fputs(i ? ", " : "", fp);
		sipdns_json_string(fp, r->fixed[i].key);
	}
	fputs("]\n}\n", fp);
}

/* The first line of a list of records. */
static int
first_len(const char *list)
{
	const char *nl = strchr(list, '\n');
	return nl ? (int)(nl - list) : (int)strlen(list);
}

static void
nagios_status(FILE *fp, const struct sipdns_verify_result *r,
	      const char *st, size_t wrong)
{
	if (r->unverified && !wrong)
		fprintf(fp, "SIPDNS %s - %zu of %zu questions unanswered", st,
			r->unverified, r->n_q);
	else if (wrong || r->warnings)
		fprintf(fp, "SIPDNS %s - %zu finding%s, %zu warning%s, %zu of %zu records in sync",
			st, wrong, wrong == 1 ? "" : "s", r->warnings,
			r->warnings == 1 ? "" : "s", r->in_sync, r->expected);
	else
		fprintf(fp, "SIPDNS OK - %zu of %zu records in sync", r->in_sync,
			r->expected);
	fprintf(fp, " | 'expected'=%zu;;;0 'in_sync'=%zu;;;0 'wrong'=%zu;;1;0 'warnings'=%zu;1;;0 'unverified'=%zu;;1;0 'time'=%.3fs;;;0\n",
		r->expected, r->in_sync, wrong, r->warnings, r->unverified,
		r->seconds);
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
	return rc;
}
