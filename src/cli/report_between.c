/* report_between.c -- verify --between: text, JSON and Nagios
 *
 * Two servers' answers, question by question, then what each side says
 * against the topology. An answer not seen on a side is never shown as
 * the same, and never as a difference: what was seen is said.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "report_between.h"

#include <string.h>

#include "report.h"

int
report_between_status(const struct sipdns_between_result *res)
{
	const size_t *c = res->count;
	if (c[SIPDNS_BETWEEN_UNSEEN])
		return 3;
	if (c[SIPDNS_BETWEEN_TTL] || c[SIPDNS_BETWEEN_DIFFERS] ||
	    c[SIPDNS_BETWEEN_ONLY_OLD] || c[SIPDNS_BETWEEN_ONLY_NEW])
		return 1;
	return 0;
}

/* The servers a side was asked at, as verify shows them. */
static const char *
side_servers(const struct sipdns_between_result *res, int s)
{
	const char *v = res->view >= 0 ? res->side[s].servers_asked[res->view] : NULL;
	return v ? v : "?";
}

/* The class as the text report says it, with the admin's labels. */
static void
class_text(char *buf, size_t size, enum sipdns_between_class c,
	   const struct report_between_src *src)
{
	switch (c) {
	case SIPDNS_BETWEEN_ONLY_OLD:
		snprintf(buf, size, "only %s", src->label[0]);
		return;
	case SIPDNS_BETWEEN_ONLY_NEW:
		snprintf(buf, size, "only %s", src->label[1]);
		return;
	case SIPDNS_BETWEEN_TTL:
		snprintf(buf, size, "ttl differs");
		return;
	default:
		snprintf(buf, size, "%s", sipdns_between_class_name(c));
	}
}

/* One side of an item: its records, or what it said instead. */
static void
text_side(FILE *fp, const struct sipdns_between_side *s, const char *label,
	  int width)
{
	if (!s->seen) {
		fprintf(fp, "      %-*s not seen: %s\n", width, label, s->state);
		return;
	}
	if (s->records == NULL) {
		fprintf(fp, "      %-*s %s\n", width, label,
			strcmp(s->state, "NXDOMAIN") == 0
			? "the name does not exist (NXDOMAIN)"
			: "no records of the type (no data)");
		return;
	}
	for (const char *p = s->records; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(fp, "      %-*s %.*s\n", width, label, len, p);
		p += len + (nl != NULL);
	}
}

/* Each side against the topology: verify's counts, then its findings
 * (verbose: every one; else the unverified ones by cause). */
static void
text_topology(FILE *fp, const struct sipdns_between_result *res,
	      const struct report_between_src *src, bool verbose)
{
	fputs("against the topology:\n", fp);
	for (int s = 0; s < 2; s++) {
		const struct sipdns_verify_result *r = &res->side[s];
		struct report_counts k;
		report_counts(r, &k);
		fprintf(fp, "  %s (%s): %zu records expected: %zu in sync, %zu wrong, %zu TTL only, %zu unverified; extra findings: %zu unexpected, %zu target-alias, %zu aaaa-only\n",
			src->label[s], side_servers(res, s), r->expected, k.in_sync,
			k.wrong, k.ttl_only, k.unverified, k.unexpected,
			k.target_alias, k.aaaa_only);
		for (size_t i = 0; i < r->n_f; i++) {
			const struct sipdns_finding *f = &r->f[i];
			if (f->kind == SIPDNS_F_UNVERIFIED && !verbose)
				continue;
			fprintf(fp, "    %-12s %s %s\n", sipdns_finding_name(f->kind),
				f->name, f->type_name);
		}
		for (size_t i = 0; !verbose && i < r->n_diagnoses; i++)
			fprintf(fp, "    unverified   %s\n", r->diagnoses[i].text);
	}
}

void
report_between_text(FILE *fp, const struct sipdns_between_result *res,
		    const struct report_between_src *src, bool verbose,
		    bool quiet)
{
	if (quiet && report_between_status(res) == 0)
		return;
	int width = (int)strlen(src->label[0]);
	if ((int)strlen(src->label[1]) > width)
		width = (int)strlen(src->label[1]);
	width++;   /* the colon */
	fprintf(fp, "%s view: %s (%s) against %s (%s)\n",
		res->view >= 0 ? sipdns_view_name((enum sipdns_view_id)res->view) : "?",
		src->label[0], side_servers(res, 0), src->label[1],
		side_servers(res, 1));
	char label[2][80];
	for (int s = 0; s < 2; s++)
		snprintf(label[s], sizeof(label[s]), "%s:", src->label[s]);
	for (size_t i = 0; i < res->n; i++) {
		const struct sipdns_between_item *it = &res->v[i];
		if (it->cls == SIPDNS_BETWEEN_SAME && !verbose)
			continue;
		char cls[96];
		class_text(cls, sizeof(cls), it->cls, src);
		fprintf(fp, "  %-12s %s %s%s\n", cls, it->name, it->type_name,
			it->must_not ? " (must not exist)" : "");
		for (int s = 0; s < 2; s++)
			text_side(fp, &it->side[s], label[s], width);
	}
	text_topology(fp, res, src, verbose);
	const size_t *c = res->count;
	fprintf(fp, "%zu questions: %zu same, %zu TTL differs, %zu differ, %zu only %s, %zu only %s, %zu unseen (%zu not seen on %s, %zu on %s)\n",
		res->n, c[SIPDNS_BETWEEN_SAME], c[SIPDNS_BETWEEN_TTL],
		c[SIPDNS_BETWEEN_DIFFERS], c[SIPDNS_BETWEEN_ONLY_OLD], src->label[0],
		c[SIPDNS_BETWEEN_ONLY_NEW], src->label[1], c[SIPDNS_BETWEEN_UNSEEN],
		res->unseen_side[0], src->label[0], res->unseen_side[1],
		src->label[1]);
}

/* A newline-separated list as a JSON array of strings. */
static void
json_lines(FILE *fp, const char *list)
{
	fputc('[', fp);
	char line[1200];
	for (const char *p = list; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		fputs(p == list ? "" : ", ", fp);
		sipdns_json_string(fp, line);
		p += len + (nl != NULL);
	}
	fputc(']', fp);
}

static void
json_item(FILE *fp, const struct sipdns_between_item *it)
{
	fputs("{\"view\": ", fp);
	sipdns_json_string(fp, sipdns_view_name(it->view));
	fputs(", \"name\": ", fp);
	sipdns_json_string(fp, it->name);
	fputs(", \"type\": ", fp);
	sipdns_json_string(fp, it->type_name);
	fprintf(fp, ", \"class\": \"%s\", \"must_not_exist\": %s",
		sipdns_between_class_name(it->cls), it->must_not ? "true" : "false");
	for (int s = 0; s < 2; s++) {
		const struct sipdns_between_side *sd = &it->side[s];
		fprintf(fp, ", \"%s\": {\"seen\": %s, \"state\": ", s ? "new" : "old",
			sd->seen ? "true" : "false");
		sipdns_json_string(fp, sd->state);
		fputs(", \"records\": ", fp);
		json_lines(fp, sd->records);
		fputc('}', fp);
	}
	fputc('}', fp);
}

void
report_between_json(FILE *fp, const struct sipdns_between_result *res,
		    const struct report_between_src *src)
{
	int st = report_between_status(res);
	fprintf(fp, "{\n  \"schema_version\": 1,\n  \"mode\": \"between\",\n  \"status\": \"%s\",\n  \"view\": ",
		st == 3 ? "unseen" : st == 1 ? "differs" : "same");
	sipdns_json_string(fp, res->view >= 0
			   ? sipdns_view_name((enum sipdns_view_id)res->view) : NULL);
	const size_t *c = res->count;
	fprintf(fp, ",\n  \"summary\": {\"questions\": %zu, \"same\": %zu, \"ttl\": %zu, \"differs\": %zu, \"only_old\": %zu, \"only_new\": %zu, \"unseen\": %zu, \"unseen_old\": %zu, \"unseen_new\": %zu},\n",
		res->n, c[SIPDNS_BETWEEN_SAME], c[SIPDNS_BETWEEN_TTL],
		c[SIPDNS_BETWEEN_DIFFERS], c[SIPDNS_BETWEEN_ONLY_OLD],
		c[SIPDNS_BETWEEN_ONLY_NEW], c[SIPDNS_BETWEEN_UNSEEN],
		res->unseen_side[0], res->unseen_side[1]);
	fputs("  \"answers\": [", fp);
	for (size_t i = 0; i < res->n; i++) {
		fputs(i ? ",\n    " : "\n    ", fp);
		json_item(fp, &res->v[i]);
	}
	fputs(res->n ? "\n  ]" : "]", fp);
	for (int s = 0; s < 2; s++) {
		const struct sipdns_verify_result *r = &res->side[s];
		fprintf(fp, ",\n  \"%s\": {\"label\": ", s ? "new" : "old");
		sipdns_json_string(fp, src->label[s]);
		fputs(", \"servers\": ", fp);
		sipdns_json_string(fp, side_servers(res, s));
		fputs(", \"verify\": ", fp);
		report_json(fp, r, r->unverified ? "unverified"
			    : r->errors || r->warnings ? "drift" : "in_sync");
		fputc('}', fp);
	}
	fputs("\n}\n", fp);
}

/* Text for a plugin's output: a '|' would start perfdata. */
static void
nagios_text(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '|' ? '/' : *s == '\n' ? ' ' : *s, fp);
}

int
report_between_nagios(FILE *fp, const struct sipdns_between_result *res,
		      const struct report_between_src *src)
{
	const size_t *c = res->count;
	size_t differ = c[SIPDNS_BETWEEN_DIFFERS] + c[SIPDNS_BETWEEN_ONLY_OLD] +
			c[SIPDNS_BETWEEN_ONLY_NEW];
	int rc = differ ? 2 : c[SIPDNS_BETWEEN_UNSEEN] ? 3
		 : c[SIPDNS_BETWEEN_TTL] ? 1 : 0;
	static const char *const names[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };
	fprintf(fp, "SIPDNS %s - ", names[rc]);
	nagios_text(fp, src->label[0]);
	fputs(" against ", fp);
	nagios_text(fp, src->label[1]);
	fprintf(fp, ": %zu of %zu answers the same, %zu differ, %zu TTL only, %zu unseen",
		c[SIPDNS_BETWEEN_SAME], res->n, differ, c[SIPDNS_BETWEEN_TTL],
		c[SIPDNS_BETWEEN_UNSEEN]);
	fprintf(fp, " | 'same'=%zu;;;0 'differs'=%zu;;0;0 'ttl'=%zu;0;;0 'unseen'=%zu;;;0\n",
		c[SIPDNS_BETWEEN_SAME], differ, c[SIPDNS_BETWEEN_TTL],
		c[SIPDNS_BETWEEN_UNSEEN]);
	for (size_t i = 0; i < res->n; i++) {
		const struct sipdns_between_item *it = &res->v[i];
		if (it->cls == SIPDNS_BETWEEN_SAME)
			continue;
		fprintf(fp, "%s %s %s: %s", sipdns_view_name(it->view), it->name,
			it->type_name, sipdns_between_class_name(it->cls));
		for (int s = 0; s < 2; s++) {
			fputs("; ", fp);
			nagios_text(fp, src->label[s]);
			fputs(it->side[s].seen ? " " : " not seen: ", fp);
			nagios_text(fp, it->side[s].records ? it->side[s].records
				    : it->side[s].state);
		}
		fputc('\n', fp);
	}
	return rc;
}
