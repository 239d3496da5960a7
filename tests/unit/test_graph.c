/* test_graph.c -- graph: the findings reader and the DOT renderer
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "graph.h"

static char path[] = "/tmp/sipdns-test-graph.XXXXXX";

static void
put(const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static enum sipdns_status
read_marks(const char *text, struct sipdns_arena *a,
	   struct sipdns_graph_marks *m, struct sipdns_diag *d)
{
	put(text);
	return sipdns_graph_read_findings(path, a, m, d);
}

static void
test_findings(void **state)
{
	(void)state;
	struct sipdns_arena *a = sipdns_arena_create();
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	struct sipdns_graph_marks m;
	assert_int_equal(read_marks(
		"{\"schema_version\": 1, \"findings\": [\n"
		" {\"kind\": \"missing\", \"view\": \"internal\", \"name\": \"Pool.Contoso.com.\", \"type\": \"A\", \"got\": []},\n"
		" {\"kind\":\"target-alias\",\"view\":\"external\",\"name\":\"sip.contoso.com.\",\"type\":\"A\",\"got\":[\"x \\\"q\\\"\"]},\n"
		" {\"kind\": \"unexpected\", \"view\": \"external\", \"name\": \"a.b.\", \"type\": \"SRV\", \"got\": [\"a. 1 IN SRV 0 0 1 b.\"]}]}\n",
		a, &m, &d), SIPDNS_OK);
	assert_int_equal(m.n, 3);
	assert_int_equal(m.v[0].kind, SIPDNS_MARK_MISSING);
	assert_string_equal(m.v[0].name, "pool.contoso.com");
	assert_null(m.v[0].got);
	assert_int_equal(m.v[1].kind, SIPDNS_MARK_WRONG);
	assert_int_equal(m.v[1].view, SIPDNS_VIEW_EXTERNAL);
	assert_string_equal(m.v[1].got, "x \"q\"");
	assert_int_equal(m.v[2].kind, SIPDNS_MARK_UNEXPECTED);
	assert_int_equal(d.errors, 0);
	sipdns_diag_fini(&d);
	sipdns_arena_destroy(a);
}

static void
expect_bad(const char *text, const char *needle, unsigned line)
{
	struct sipdns_arena *a = sipdns_arena_create();
	struct sipdns_diag d;
	sipdns_diag_init(&d);
	struct sipdns_graph_marks m = { NULL, 0 };
	assert_int_equal(read_marks(text, a, &m, &d), SIPDNS_EINPUT);
	const struct sipdns_diag_entry *e = sipdns_diag_find(&d, needle);
	assert_non_null(e);
	if (line)
		assert_int_equal(e->loc.line, line);
	sipdns_diag_fini(&d);
	sipdns_arena_destroy(a);
}

static void
test_bad_findings(void **state)
{
	(void)state;
	expect_bad("[1, 2]\n", "not a JSON object", 1);
	expect_bad("{\"findings\": []}\n", "schema_version", 1);
	expect_bad("{\"schema_version\": 2, \"findings\": []}\n", "schema_version", 1);
	expect_bad("{\"schema_version\": 1, \"answers\": []}\n", "\"findings\" array", 1);
	expect_bad("{\"schema_version\": 1,\n \"findings\": [{\"kind\": \"gone\", \"view\": \"internal\", \"name\": \"a.\", \"type\": \"A\"}]}\n",
		   "unknown finding kind", 2);
	expect_bad("{\"schema_version\": 1, \"findings\": [\n\n {\"kind\": \"missing\", \"view\": \"dmz\", \"name\": \"a.\", \"type\": \"A\"}]}\n",
		   "unknown view", 3);
	expect_bad("{\"schema_version\": 1, \"findings\": [{\"kind\": \"missing\"}]}\n",
		   "lacks", 1);
	expect_bad("{\"schema_version\": 1, \"findings\": [\n", "", 0);
}

static const char topology[] =
	"version: 1\nproduct: ocs2007r2\nad_domain: contoso.com\n"
	"sip_domains: [contoso.com]\n"
	"views:\n  internal:\n    ns: [{fqdn: dc01.contoso.com, address: 10.0.0.1}]\n"
	"    zones: [contoso.com]\n"
	"pools:\n  - fqdn: ocs01.contoso.com\n    edition: standard\n"
	"    address: 10.0.0.10\n    auto_sign_in: true\n";

static char *
graph_of(struct sipdns_job *j, const struct sipdns_graph_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(sipdns_job_graph(j, o, fp), SIPDNS_OK);
	fclose(fp);
	return buf;
}

static void
test_render(void **state)
{
	(void)state;
	char ypath[] = "/tmp/sipdns-test-graph-topo.XXXXXX";
	int fd = mkstemp(ypath);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, topology, sizeof(topology) - 1), (ssize_t)(sizeof(topology) - 1));
	close(fd);
	struct sipdns_job *j;
	assert_int_equal(sipdns_job_load(ypath, &j), SIPDNS_OK);
	struct sipdns_graph_opts o = { .view = -1, .source = "t.yaml" };
	char *one = graph_of(j, &o), *two = graph_of(j, &o);
	assert_string_equal(one, two);   /* deterministic */
	assert_non_null(strstr(one, "digraph sipdns {"));
	assert_non_null(strstr(one, "\"internal|sip:contoso.com\" -> \"internal|_sipinternaltls._tcp.contoso.com\" [color=blue"));
	assert_non_null(strstr(one, "\"internal|_sipinternaltls._tcp.contoso.com\" -> \"internal|ocs01.contoso.com\" [label=\"SRV 0 0 5061\""));
	assert_non_null(strstr(one, "\"internal|ocs01.contoso.com\" -> \"internal|@10.0.0.10\""));
	assert_null(strstr(one, "red"));
	/* a finding coloured at its record */
	put("{\"schema_version\": 1, \"findings\": [{\"kind\": \"missing\", \"view\": \"internal\", \"name\": \"ocs01.contoso.com.\", \"type\": \"A\"}]}\n");
	o.findings = path;
	char *marked = graph_of(j, &o);
	assert_non_null(strstr(marked, "\"internal|ocs01.contoso.com\" -> \"internal|@10.0.0.10\" [label=\"A\\nmissing\", color=red"));
	free(one);
	free(two);
	free(marked);
	sipdns_job_destroy(j);
	unlink(ypath);
}

static int
setup(void **state)
{
	(void)state;
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_bad_findings),
		cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
