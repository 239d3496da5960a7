/* graph_findings.c -- graph --findings: a verify or diff JSON report read
 *
 * The project has no JSON library: the report is read with the YAML
 * reader the topology uses (yamltree.c; a JSON document is YAML flow
 * syntax), and only what the picture needs is taken from each finding:
 * kind, view, name, type and the first record seen.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fileio.h"
#include "yamltree.h"

#define REPORT_MAX_FILE (512u * 1024 * 1024)

static const struct {
	const char *name;
	enum sipdns_graph_mark_kind mark;
} kinds[] = {
	{ "missing", SIPDNS_MARK_MISSING },
	{ "changed", SIPDNS_MARK_WRONG },
	{ "target-alias", SIPDNS_MARK_WRONG },
	{ "aaaa-only", SIPDNS_MARK_WRONG },
	{ "ttl", SIPDNS_MARK_TTL },
	{ "unexpected", SIPDNS_MARK_UNEXPECTED },
	{ "unverified", SIPDNS_MARK_UNVERIFIED },
};

static const struct sipdns_yamltree_node *
str_of(const struct sipdns_yamltree_node *m, const char *key)
{
	const struct sipdns_yamltree_node *v = sipdns_yamltree_map_get(m, key);
	return v && v->kind == SIPDNS_YAMLTREE_SCALAR && !v->plain ? v : NULL;
}

static void
bad(struct sipdns_diag *d, const struct sipdns_yamltree_node *n,
    const char *what)
{
	sipdns_diag_add(d, SIPDNS_ERROR, n->loc, NULL,
			"%s; --findings takes the output of 'sipdns verify --format json' or 'sipdns diff --format json'",
			what);
}

/* One finding object into *out; false (with a diagnostic) when it is not
 * one. */
static bool
one(const struct sipdns_yamltree_node *f, struct sipdns_arena *a,
    struct sipdns_graph_mark *out, struct sipdns_diag *d)
{
	if (f->kind != SIPDNS_YAMLTREE_MAP) {
		bad(d, f, "a finding is not an object");
		return false;
	}
	const struct sipdns_yamltree_node *k = str_of(f, "kind"),
		*v = str_of(f, "view"), *nm = str_of(f, "name"),
		*ty = str_of(f, "type");
	if (!k || !v || !nm || !ty) {
		bad(d, f, "a finding lacks its \"kind\", \"view\", \"name\" or \"type\" string");
		return false;
	}
	size_t i = 0;
	while (i < sizeof(kinds) / sizeof(kinds[0]) && strcmp(kinds[i].name, k->s))
		i++;
	if (i == sizeof(kinds) / sizeof(kinds[0])) {
		bad(d, k, "unknown finding kind");
		return false;
	}
	int view = -1;
	for (int w = 0; w < SIPDNS_VIEW_COUNT; w++)
		if (strcmp(v->s, sipdns_view_name((enum sipdns_view_id)w)) == 0)
			view = w;
	if (view < 0) {
		bad(d, v, "unknown view");
		return false;
	}
	size_t len = strlen(nm->s);
	char *name = sipdns_arena_strndup(a, nm->s, len && nm->s[len - 1] == '.' ? len - 1 : len);
	if (name == NULL)
		return false;
	for (char *p = name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	const struct sipdns_yamltree_node *got = sipdns_yamltree_map_get(f, "got");
	out->got = NULL;
	if (got && got->kind == SIPDNS_YAMLTREE_SEQ && got->n > 0 &&
	    got->items[0]->kind == SIPDNS_YAMLTREE_SCALAR)
		out->got = got->items[0]->s;
	out->kind = kinds[i].mark;
	out->finding = kinds[i].name;
	out->view = (enum sipdns_view_id)view;
	out->name = name;
	out->type = ty->s;
	out->used = 0;
	return true;
}

static enum sipdns_status
take(const struct sipdns_yamltree_node *root, struct sipdns_arena *a,
     struct sipdns_graph_marks *m, struct sipdns_diag *d)
{
	if (root == NULL || root->kind != SIPDNS_YAMLTREE_MAP) {
		sipdns_diag_add(d, SIPDNS_ERROR, root ? root->loc : (struct sipdns_loc){ 0 },
				NULL, "not a JSON object; --findings takes the output of 'sipdns verify --format json' or 'sipdns diff --format json'");
		return SIPDNS_EINPUT;
	}
	const struct sipdns_yamltree_node *sv = sipdns_yamltree_map_get(root, "schema_version"),
		*fs = sipdns_yamltree_map_get(root, "findings");
	if (sv == NULL || sv->kind != SIPDNS_YAMLTREE_SCALAR || strcmp(sv->s, "1") != 0) {
		bad(d, sv ? sv : root, "no \"schema_version\": 1");
		return SIPDNS_EINPUT;
	}
	if (fs == NULL || fs->kind != SIPDNS_YAMLTREE_SEQ) {
		bad(d, fs ? fs : root, "no \"findings\" array (verify --between's report has none: give one side's)");
		return SIPDNS_EINPUT;
	}
	m->v = fs->n ? sipdns_arena_alloc(a, fs->n * sizeof(*m->v)) : NULL;
	if (fs->n && m->v == NULL)
		return SIPDNS_ENOMEM;
	m->n = 0;
	bool ok = true;
	for (size_t i = 0; i < fs->n; i++)
		if (one(fs->items[i], a, &m->v[m->n], d))
			m->n++;
		else
			ok = false;
	return ok ? SIPDNS_OK : SIPDNS_EINPUT;
}

enum sipdns_status
sipdns_graph_read_findings(const char *path, struct sipdns_arena *a,
			   struct sipdns_graph_marks *m, struct sipdns_diag *d)
{
	struct sipdns_fileio_error e;
	size_t len;
	char *buf = sipdns_fileio_read(path, REPORT_MAX_FILE, 0, &len, &e);
	if (buf == NULL) {
		char why[SIPDNS_FILEIO_WHY];
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 }, NULL,
				"cannot read the findings: %s", sipdns_fileio_why(&e, why, sizeof(why)));
		return SIPDNS_EIO;
	}
	const char *file = sipdns_arena_strdup(a, path);
	const struct sipdns_yamltree_node *root = NULL;
	enum sipdns_status st = file ? sipdns_yamltree_build(a, buf, len, file, d, &root)
				     : SIPDNS_ENOMEM;
	if (st == SIPDNS_OK)
		st = take(root, a, m, d);
	free(buf);
	return st;
}
