/* test_yamltree.c -- libyaml events to a node tree: positions, anchors and
 * aliases, syntax and encoding errors, duplicate keys
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "testutil.h"
#include "yamltree.h"

struct tree {
	struct sipdns_arena *arena;
	struct sipdns_diag d;
	const struct sipdns_yamltree_node *root;
	enum sipdns_status st;
};

static void
build(struct tree *t, const char *text, size_t len)
{
	t->arena = sipdns_arena_create();
	assert_non_null(t->arena);
	sipdns_diag_init(&t->d);
	t->root = NULL;
	t->st = sipdns_yamltree_build(t->arena, text, len, "y.yaml", &t->d,
				      &t->root);
}

static void
build_str(struct tree *t, const char *text)
{
	build(t, text, strlen(text));
}

static void
done(struct tree *t)
{
	sipdns_diag_fini(&t->d);
	sipdns_arena_destroy(t->arena);
}

static void
assert_loc(const struct sipdns_yamltree_node *n, unsigned line, unsigned col)
{
	assert_non_null(n);
	assert_string_equal(n->loc.file, "y.yaml");
	assert_int_equal(n->loc.line, line);
	assert_int_equal(n->loc.col, col);
}

/* One diagnostic, exactly this text (with position). */
static void
assert_one_error(struct tree *t, const char *want)
{
	assert_int_equal(t->st, SIPDNS_EINPUT);
	assert_int_equal(t->d.errors, 1);
	char *text = tu_diag_text(&t->d);
	if (strstr(text, want) == NULL)
		print_error("want: %s\nseen: %s", want, text);
	assert_non_null(strstr(text, want));
	free(text);
}

static void
test_positions(void **state)
{
	(void)state;
	struct tree t;
	build_str(&t, "a: 1\nlist:\n  - x\n  - 'y z'\nmap: {k: v}\n");
	assert_int_equal(t.st, SIPDNS_OK);
	assert_int_equal(t.d.n, 0);
	const struct sipdns_yamltree_node *r = t.root;
	assert_int_equal(r->kind, SIPDNS_YAMLTREE_MAP);
	assert_int_equal(r->n, 3);
	assert_loc(r, 1, 1);
	assert_loc(sipdns_yamltree_map_key(r, 1), 2, 1);
	const struct sipdns_yamltree_node *a = sipdns_yamltree_map_get(r, "a");
	assert_loc(a, 1, 4);
	assert_int_equal(a->kind, SIPDNS_YAMLTREE_SCALAR);
	assert_string_equal(a->s, "1");
	assert_true(a->plain);
	const struct sipdns_yamltree_node *l = sipdns_yamltree_map_get(r, "list");
	assert_int_equal(l->kind, SIPDNS_YAMLTREE_SEQ);
	assert_int_equal(l->n, 2);
	assert_loc(l->items[0], 3, 5);
	assert_loc(l->items[1], 4, 5);
	assert_string_equal(l->items[1]->s, "y z");
	assert_false(l->items[1]->plain);
	const struct sipdns_yamltree_node *m = sipdns_yamltree_map_get(r, "map");
	assert_loc(m, 5, 6);
	assert_ptr_equal(sipdns_yamltree_map_value(m, 0),
			 sipdns_yamltree_map_get(m, "k"));
	assert_loc(sipdns_yamltree_map_get(m, "k"), 5, 10);
	assert_null(sipdns_yamltree_map_get(r, "missing"));
	done(&t);

	/* an empty stream has no root, and is no error here */
	build_str(&t, "");
	assert_int_equal(t.st, SIPDNS_OK);
	assert_null(t.root);
	done(&t);

	/* a scalar may hold a NUL: len tells */
	build_str(&t, "k: \"a\\0b\"\n");
	assert_int_equal(t.st, SIPDNS_OK);
	assert_int_equal(sipdns_yamltree_map_get(t.root, "k")->len, 3);
	done(&t);
}

static void
test_anchors(void **state)
{
	(void)state;
	struct tree t;
	build_str(&t, "ns: &dns [a.contoso.com, b.contoso.com]\n"
		      "again: *dns\n"
		      "one: &x 1\nsame: *x\n");
	assert_int_equal(t.st, SIPDNS_OK);
	const struct sipdns_yamltree_node *ns = sipdns_yamltree_map_get(t.root, "ns");
	/* an alias is its anchor's node, with the anchor's position */
	assert_ptr_equal(sipdns_yamltree_map_get(t.root, "again"), ns);
	assert_loc(sipdns_yamltree_map_get(t.root, "again"), 1, 5);
	assert_ptr_equal(sipdns_yamltree_map_get(t.root, "same"),
			 sipdns_yamltree_map_get(t.root, "one"));
	done(&t);

	build_str(&t, "a: *nothing\n");
	assert_one_error(&t, "y.yaml:1:4: error: alias '*nothing' refers to no anchor defined before it");
	done(&t);

	build_str(&t, "a: &loop\n  b: *loop\n");
	assert_one_error(&t, "y.yaml:2:6: error: alias '*loop' is inside its own anchor (a recursive structure)");
	done(&t);

	build_str(&t, "base: &b {x: 1}\nuse:\n  <<: *b\n");
	assert_one_error(&t, "y.yaml:3:3: error: merge keys ('<<') are not supported");
	done(&t);
}

static void
test_errors(void **state)
{
	(void)state;
	struct tree t;
	build_str(&t, "a: [1, 2\nb: 3\n");
	assert_one_error(&t, "y.yaml:2:2: error: YAML syntax: did not find expected ',' or ']' while parsing a flow sequence (started at line 1, column 4)");
	done(&t);

	build_str(&t, "a:\n\tb: 1\n");
	assert_one_error(&t, "y.yaml:2:1: error: YAML syntax: a tab character; YAML indents with spaces only");
	done(&t);

	/* invalid UTF-8: libyaml's reader gives an offset, not a mark; the
	 * error stands at the byte (issue 13) */
	static const char bad[] = "a: 1\nb: x\xff\n";
	build(&t, bad, sizeof(bad) - 1);
	assert_one_error(&t, "y.yaml:2:5: error: YAML encoding: byte 0xFF is not UTF-8 (invalid leading UTF-8 octet)");
	done(&t);

	build_str(&t, "a: 1\nb: 2\na: 3\n");
	assert_one_error(&t, "y.yaml:3:1: error: duplicate key 'a' (first defined at line 1, column 1); remove one of them");
	done(&t);

	build_str(&t, "a: 1\n---\nb: 2\n");
	assert_one_error(&t, "y.yaml:2:1: error: a topology file holds one YAML document");
	done(&t);

	build_str(&t, "a: !!int 1\n");
	assert_one_error(&t, "y.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:int' is not supported; remove it");
	done(&t);

	char deep[2 * SIPDNS_MAX_DEPTH + 8];
	memset(deep, '[', SIPDNS_MAX_DEPTH + 1);
	memset(deep + SIPDNS_MAX_DEPTH + 1, ']', SIPDNS_MAX_DEPTH + 1);
	build(&t, deep, 2 * SIPDNS_MAX_DEPTH + 2);
	assert_one_error(&t, "y.yaml:1:65: error: the topology is nested more than 64 levels deep");
	done(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("yamltree", tests, NULL, NULL);
}
