/* yamltree.c -- libyaml events to a tree of nodes that keep their positions
 *
 * The only file of the library that calls libyaml. Events become nodes in
 * the caller's arena; libyaml's marks (counted from 0) become sipdns_loc
 * (counted from 1) here, so no libyaml type leaves this file.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "yamltree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "vec.h"

struct anchor {
	const char *name;
	struct sipdns_yamltree_node *node;
};

/* An open sequence or mapping and the items read so far. */
struct frame {
	struct sipdns_yamltree_node *node;
	struct sipdns_yamltree_node **v;   /* malloc'd until the node closes */
	size_t n, cap;
};

struct builder {
	struct sipdns_arena *arena;
	struct sipdns_diag *d;
	const char *file;
	struct frame stack[SIPDNS_MAX_DEPTH + 1];
	size_t depth;
	struct anchor *anchors;            /* malloc'd, freed by build_tree */
	size_t n_anchors, cap_anchors;
	size_t nodes, alias_nodes;
	struct sipdns_yamltree_node *root;
	unsigned documents;
	bool failed;                       /* a problem that lets the build go on */
};

static struct sipdns_loc
mark_loc(const char *file, yaml_mark_t m)
{
	return (struct sipdns_loc){ file, (unsigned)m.line + 1,
				    (unsigned)m.column + 1 };
}

static size_t
sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* Attach n to the open container, or make it the root. */
static bool
attach(struct builder *b, struct sipdns_yamltree_node *n)
{
	if (b->depth == 0) {
		b->root = n;
		return true;
	}
	struct frame *f = &b->stack[b->depth - 1];
	if (!sipdns_vec_reserve(&f->v, &f->cap, f->n, sizeof(*f->v))) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, n->loc, NULL, "out of memory");
		return false;
	}
	f->v[f->n++] = n;
	return true;
}

static int
key_cmp(const void *pa, const void *pb)
{
	const struct sipdns_yamltree_node *a =
		*(struct sipdns_yamltree_node *const *)pa;
	const struct sipdns_yamltree_node *b =
		*(struct sipdns_yamltree_node *const *)pb;
	int c = strcmp(a->s, b->s);
	if (c != 0)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	return a->loc.col < b->loc.col ? -1 : a->loc.col > b->loc.col;
}

/* Keys of a closed mapping must be scalars, not merge keys, and unique;
 * problems are diagnostics that fail the build at its end. False: out of
 * memory. */
static bool
check_map_keys(struct builder *b, const struct sipdns_yamltree_node *n)
{
	struct sipdns_yamltree_node **keys =
		malloc((n->n ? n->n : 1) * sizeof(*keys));
	if (keys == NULL)
		return false;
	size_t nk = 0;
	for (size_t i = 0; i < n->n; i++) {
		struct sipdns_yamltree_node *k = n->items[2 * i];
		if (k->kind != SIPDNS_YAMLTREE_SCALAR) {
			sipdns_diag_add(b->d, SIPDNS_ERROR, k->loc, NULL,
					"a mapping key must be a plain word, not a %s",
					k->kind == SIPDNS_YAMLTREE_MAP ? "mapping" : "list");
			b->failed = true;
			continue;
		}
		if (strcmp(k->s, "<<") == 0 && k->plain) {
			sipdns_diag_add(b->d, SIPDNS_ERROR, k->loc, NULL,
					"merge keys ('<<') are not supported; write the keys out, or use an alias for the whole value");
			b->failed = true;
			continue;
		}
		keys[nk++] = k;
	}
	qsort(keys, nk, sizeof(*keys), key_cmp);
	for (size_t i = 1; i < nk; i++) {
		if (strcmp(keys[i - 1]->s, keys[i]->s) == 0) {
			sipdns_diag_add(b->d, SIPDNS_ERROR, keys[i]->loc, NULL,
					"duplicate key '%s' (first defined at line %u, column %u); remove one of them",
					keys[i]->s, keys[i - 1]->loc.line,
					keys[i - 1]->loc.col);
			b->failed = true;
		}
	}
	free(keys);
	return true;
}

/* Close the innermost container: its items move into the arena. */
static bool
close_container(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];
	struct sipdns_yamltree_node *n = f->node;
	n->open = false;
	n->items = sipdns_arena_alloc(b->arena,
				      (f->n ? f->n : 1) * sizeof(*n->items));
	if (n->items == NULL) {
		free(f->v);
		return false;
	}
	if (f->n)
		memcpy(n->items, f->v, f->n * sizeof(*n->items));
	free(f->v);
	n->weight = 1;
	for (size_t i = 0; i < f->n; i++)
		n->weight = sat_add(n->weight, n->items[i]->weight);
	if (n->kind == SIPDNS_YAMLTREE_SEQ) {
		n->n = f->n;
		return true;
	}
	n->n = f->n / 2;
	return check_map_keys(b, n);
}

static struct sipdns_yamltree_node *
new_node(struct builder *b, enum sipdns_yamltree_kind k, yaml_mark_t m)
{
	if (++b->nodes > SIPDNS_MAX_NODES) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, mark_loc(b->file, m), NULL,
				"the topology has more than %u YAML nodes; split it into several files",
				SIPDNS_MAX_NODES);
		return NULL;
	}
	struct sipdns_yamltree_node *n = sipdns_arena_alloc(b->arena, sizeof(*n));
	if (n == NULL) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, mark_loc(b->file, m), NULL,
				"out of memory");
		return NULL;
	}
	n->kind = k;
	n->loc = mark_loc(b->file, m);
	n->weight = 1;
	return n;
}

static bool
add_anchor(struct builder *b, const char *name,
	   struct sipdns_yamltree_node *n)
{
	const char *copy = NULL;
	if (!sipdns_vec_reserve(&b->anchors, &b->cap_anchors, b->n_anchors,
				sizeof(*b->anchors)) ||
	    (copy = sipdns_arena_strdup(b->arena, name)) == NULL) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, n->loc, NULL, "out of memory");
		return false;
	}
	/* a later anchor of the same name overrides (YAML 1.1 §3.2.2.2) */
	b->anchors[b->n_anchors++] = (struct anchor){ copy, n };
	return true;
}

static struct sipdns_yamltree_node *
find_anchor(struct builder *b, const char *name)
{
	for (size_t i = b->n_anchors; i > 0; i--)
		if (strcmp(b->anchors[i - 1].name, name) == 0)
			return b->anchors[i - 1].node;
	return NULL;
}

static bool
check_tag(struct builder *b, const yaml_char_t *tag, yaml_mark_t m)
{
	if (tag == NULL)
		return true;
	const char *t = (const char *)tag;
	if (strcmp(t, "tag:yaml.org,2002:str") == 0 ||
	    strcmp(t, "tag:yaml.org,2002:map") == 0 ||
	    strcmp(t, "tag:yaml.org,2002:seq") == 0 || strcmp(t, "!") == 0)
		return true;
	sipdns_diag_add(b->d, SIPDNS_ERROR, mark_loc(b->file, m), NULL,
			"YAML tag '%.60s' is not supported; remove it", t);
	return false;
}

static bool
on_document_start(struct builder *b, const yaml_event_t *ev)
{
	if (++b->documents > 1) {
		sipdns_diag_add(b->d, SIPDNS_ERROR,
				mark_loc(b->file, ev->start_mark), NULL,
				"a topology file holds one YAML document; remove the second '---' document or split the file");
		return false;
	}
	return true;
}

/* An alias attaches its anchor's node again, within the alias budget. */
static bool
on_alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct sipdns_yamltree_node *t = find_anchor(b, name);
	struct sipdns_loc loc = mark_loc(b->file, ev->start_mark);
	if (t == NULL) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"alias '*%s' refers to no anchor defined before it", name);
		return false;
	}
	if (t->open) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"alias '*%s' is inside its own anchor (a recursive structure)", name);
		return false;
	}
	b->alias_nodes = sat_add(b->alias_nodes, t->weight);
	if (b->alias_nodes > SIPDNS_MAX_ALIAS_NODES) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"aliases expand to more than %u nodes (an alias bomb?); write the data out or use fewer aliases",
				SIPDNS_MAX_ALIAS_NODES);
		return false;
	}
	return attach(b, t);
}

static struct sipdns_yamltree_node *
on_scalar(struct builder *b, const yaml_event_t *ev)
{
	if (!check_tag(b, ev->data.scalar.tag, ev->start_mark))
		return NULL;
	struct sipdns_yamltree_node *n =
		new_node(b, SIPDNS_YAMLTREE_SCALAR, ev->start_mark);
	if (n == NULL)
		return NULL;
	n->len = ev->data.scalar.length;
	n->s = sipdns_arena_strndup(b->arena,
				    (const char *)ev->data.scalar.value, n->len);
	if (n->s == NULL) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, n->loc, NULL, "out of memory");
		return NULL;
	}
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return n;
}

static struct sipdns_yamltree_node *
on_container_start(struct builder *b, const yaml_event_t *ev)
{
	bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
	if (!check_tag(b, seq ? ev->data.sequence_start.tag
			      : ev->data.mapping_start.tag,
		       ev->start_mark))
		return NULL;
	if (b->depth >= SIPDNS_MAX_DEPTH) {
		sipdns_diag_add(b->d, SIPDNS_ERROR,
				mark_loc(b->file, ev->start_mark), NULL,
				"the topology is nested more than %d levels deep",
				SIPDNS_MAX_DEPTH);
		return NULL;
	}
	struct sipdns_yamltree_node *n =
		new_node(b, seq ? SIPDNS_YAMLTREE_SEQ : SIPDNS_YAMLTREE_MAP,
			 ev->start_mark);
	if (n != NULL)
		n->open = true;
	return n;
}

/* Handle one event; false stops the build. */
static bool
on_event(struct builder *b, const yaml_event_t *ev)
{
	struct sipdns_yamltree_node *n;
	const yaml_char_t *anchor;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		return on_document_start(b, ev);
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev);
	case YAML_SCALAR_EVENT:
		n = on_scalar(b, ev);
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = on_container_start(b, ev);
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		n = on_container_start(b, ev);
		anchor = ev->data.mapping_start.anchor;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (!close_container(b)) {
			sipdns_diag_add(b->d, SIPDNS_ERROR,
					mark_loc(b->file, ev->start_mark), NULL,
					"out of memory");
			return false;
		}
		return true;
	default:
		return true;
	}
	if (n == NULL)
		return false;
	if (anchor != NULL && !add_anchor(b, (const char *)anchor, n))
		return false;
	if (!attach(b, n))
		return false;
	if (n->kind != SIPDNS_YAMLTREE_SCALAR)
		b->stack[b->depth++] = (struct frame){ .node = n };
	return true;
}

/* The position of byte off of buf: its line, and its column in characters
 * (UTF-8 continuation bytes do not count), as libyaml's marks count. */
static struct sipdns_loc
offset_loc(const char *file, const char *buf, size_t off)
{
	struct sipdns_loc loc = { file, 1, 1 };
	for (size_t i = 0; i < off; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n') {
			loc.line++;
			loc.col = 1;
		} else if ((c & 0xc0) != 0x80) {
			loc.col++;
		}
	}
	return loc;
}

/* libyaml's reader (encoding) errors carry a byte offset, not a mark: the
 * diagnostic stands at that byte, or for a bad trailing octet at the start
 * of its sequence, and says what the byte is and how to fix it. */
static void
report_reader_error(struct builder *b, const yaml_parser_t *p,
		    const char *buf, size_t len)
{
	size_t off = p->problem_offset < len ? p->problem_offset : len;
	const char *problem = p->problem ? p->problem : "error";
	if (strcmp(problem, "invalid trailing UTF-8 octet") == 0) {
		while (off > 0 && ((unsigned char)buf[off - 1] & 0xc0) == 0x80)
			off--;
		if (off > 0 && (unsigned char)buf[off - 1] >= 0xc0)
			off--;
	}
	struct sipdns_loc loc = offset_loc(b->file, buf, off);
	if (strcmp(problem, "control characters are not allowed") == 0)
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"YAML encoding: a control character (U+%04X%s) is not allowed in YAML; remove it",
				(unsigned)p->problem_value,
				p->problem_value == 0 ? ", a NUL byte" : "");
	else if (off < len)
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"YAML encoding: byte 0x%02X is not UTF-8 (%s); save the file as UTF-8 (an 'ANSI' or Windows-1252 editor writes 'é' as the one byte 0xE9)",
				(unsigned char)buf[off], problem);
	else
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"YAML encoding: %s at the end of the file; save the file as UTF-8",
				problem);
}

static void
report_syntax_error(struct builder *b, const yaml_parser_t *p,
		    const char *buf, size_t len)
{
	struct sipdns_loc loc = mark_loc(b->file, p->problem_mark);
	if (p->error == YAML_READER_ERROR)
		report_reader_error(b, p, buf, len);
	else if (p->problem_mark.index < len && buf[p->problem_mark.index] == '\t')
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"YAML syntax: a tab character; YAML indents with spaces only");
	else if (p->error == YAML_MEMORY_ERROR)
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL, "out of memory");
	else if (p->context != NULL)
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"YAML syntax: %s %s (started at line %lu, column %lu)",
				p->problem ? p->problem : "error", p->context,
				(unsigned long)p->context_mark.line + 1,
				(unsigned long)p->context_mark.column + 1);
	else
		sipdns_diag_add(b->d, SIPDNS_ERROR, loc, NULL,
				"YAML syntax: %s",
				p->problem ? p->problem : "error");
}

static bool
build_tree(struct builder *b, const char *buf, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		sipdns_diag_add(b->d, SIPDNS_ERROR, (struct sipdns_loc){ b->file, 0, 0 },
				NULL, "out of memory");
		return false;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	bool ok = true, done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			report_syntax_error(b, &p, buf, len);
			ok = false;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		ok = on_event(b, &ev);
		yaml_event_delete(&ev);
		if (!ok)
			break;
	}
	yaml_parser_delete(&p);
	/* on early exit, free the open frames' vectors */
	while (b->depth > 0)
		free(b->stack[--b->depth].v);
	free(b->anchors);
	b->anchors = NULL;
	return ok && !b->failed;
}

enum sipdns_status
sipdns_yamltree_build(struct sipdns_arena *arena, const char *buf, size_t len,
		      const char *file, struct sipdns_diag *d,
		      const struct sipdns_yamltree_node **root)
{
	struct builder b = { .arena = arena, .d = d, .file = file };
	if (!build_tree(&b, buf, len))
		return SIPDNS_EINPUT;
	*root = b.root;
	return SIPDNS_OK;
}

const struct sipdns_yamltree_node *
sipdns_yamltree_map_get(const struct sipdns_yamltree_node *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct sipdns_yamltree_node *k = m->items[2 * i];
		if (k->kind == SIPDNS_YAMLTREE_SCALAR && strcmp(k->s, key) == 0)
			return m->items[2 * i + 1];
	}
	return NULL;
}

const struct sipdns_yamltree_node *
sipdns_yamltree_map_key(const struct sipdns_yamltree_node *m, size_t i)
{
	return m->items[2 * i];
}

const struct sipdns_yamltree_node *
sipdns_yamltree_map_value(const struct sipdns_yamltree_node *m, size_t i)
{
	return m->items[2 * i + 1];
}
