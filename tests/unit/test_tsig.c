/* test_tsig.c -- TSIG key files: what tsig-keygen writes is read; every
 * bad file is an error at its line and column that never shows the secret
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
#include <sys/stat.h>

#include "diag.h"
#include "tsig.h"

#define SECRET "jEcFGzVztHBK1gY8gcewBTpiaZsF7IYPGWK+nFXrOU4="

static char dir[] = "/tmp/sipdns-test-tsig.XXXXXX";
static char path[sizeof(dir) + 16];

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/key", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

static void
write_key(const char *text, mode_t mode)
{
	unlink(path);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

/* No diagnostic may hold the secret (or a long piece of it). */
static void
assert_no_secret(const struct sipdns_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		assert_null(strstr(d->v[i].message, "jEcFGzVztHBK"));
}

/* Load text; expect failure with an error at line:col containing needle. */
static void
expect_error(const char *text, unsigned line, unsigned col, const char *needle)
{
	struct sipdns_diag d;
	struct sipdns_tsig k;
	sipdns_diag_init(&d);
	write_key(text, 0600);
	assert_false(sipdns_tsig_load(path, &k, &d));
	assert_null(k.name);
	assert_null(k.secret);
	assert_int_equal(d.errors, 1);
	const struct sipdns_diag_entry *e = sipdns_diag_find(&d, needle);
	if (e == NULL)
		fail_msg("no error with \"%s\"; first: %s", needle,
			 d.n ? d.v[0].message : "(none)");
	assert_string_equal(e->loc.file, path);
	assert_int_equal(e->loc.line, line);
	assert_int_equal(e->loc.col, col);
	assert_no_secret(&d);
	sipdns_diag_fini(&d);
}

static void
test_keygen_output(void **state)
{
	(void)state;
	struct sipdns_diag d;
	struct sipdns_tsig k;
	sipdns_diag_init(&d);
	/* byte for byte what tsig-keygen -a hmac-sha256 sipdns-key writes */
	write_key("key \"sipdns-key\" {\n\talgorithm hmac-sha256;\n"
		  "\tsecret \"" SECRET "\";\n};\n", 0600);
	assert_true(sipdns_tsig_load(path, &k, &d));
	assert_int_equal(d.n, 0);
	assert_string_equal(k.name, "sipdns-key");
	assert_string_equal(k.algorithm, "hmac-sha256.");
	assert_string_equal(k.secret, SECRET);
	sipdns_tsig_free(&k);
	assert_null(k.name);
	assert_null(k.algorithm);
	assert_null(k.secret);
	sipdns_tsig_free(&k); /* twice is harmless */
	sipdns_diag_fini(&d);
}

static void
test_comments_and_spelling(void **state)
{
	(void)state;
	struct sipdns_diag d;
	struct sipdns_tsig k;
	sipdns_diag_init(&d);
	write_key("# made by hand\n// for the lab\n/* several\n lines */\n"
		  "key xfr.example.{secret \"" SECRET "\";/*c*/algorithm "
		  "HMAC-MD5;}; # done\n", 0600);
	assert_true(sipdns_tsig_load(path, &k, &d));
	assert_string_equal(k.name, "xfr.example.");
	assert_string_equal(k.algorithm, "hmac-md5.sig-alg.reg.int.");
	sipdns_tsig_free(&k);
	write_key("key \"k\" { algorithm \"hmac-sha512.\"; secret \"" SECRET
		  "\"; };", 0600);
	assert_true(sipdns_tsig_load(path, &k, &d));
	assert_string_equal(k.algorithm, "hmac-sha512.");
	assert_int_equal(d.n, 0);
	sipdns_tsig_free(&k);
	sipdns_diag_fini(&d);
}

static void
test_readable_by_others_warns(void **state)
{
	(void)state;
	struct sipdns_diag d;
	struct sipdns_tsig k;
	sipdns_diag_init(&d);
	write_key("key \"k\" { algorithm hmac-sha256; secret \"" SECRET "\"; };\n",
		  0644);
	assert_true(sipdns_tsig_load(path, &k, &d));
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 1);
	assert_non_null(sipdns_diag_find(&d, "chmod 600"));
	sipdns_tsig_free(&k);
	sipdns_diag_fini(&d);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("key \"a\" { algorithm hmac-sha256; secret \"" SECRET "\"; };\n"
		     "key \"b\" { algorithm hmac-sha256; secret \"" SECRET "\"; };\n",
		     2, 1, "a second key (the first is at line 1)");
	expect_error("key \"a\" {\n algorithm hmac-sha3;\n secret \"" SECRET "\";\n};\n",
		     2, 12, "hmac-sha256, hmac-sha384");
	expect_error("key \"a\" {\n algorithm hmac-sha256;\n};\n", 1, 1,
		     "has no secret");
	expect_error("key \"a\" { secret \"" SECRET "\"; };\n", 1, 1,
		     "has no algorithm");
	expect_error("key \"a\" {\n algorithm hmac-sha256;\n secret \""
		     "jEcFGzVztHBK1gY8gcewBTpia!sF7IYPGWK+nFXrOU4=\";\n};\n", 3, 9,
		     "not base64");
	expect_error("key \"a\" {\n algorithm hmac-sha256;\n secret jEcFGzVztHBK1gY8\n};\n",
		     4, 1, "expected ';' after the secret");
	expect_error("key \"a\" { algorithm hmac-sha256; secret \"" SECRET "\"; }\n",
		     2, 1, "expected ';' after '}'");
	expect_error("options { };\n", 1, 1, "expected 'key' here, found 'options'");
	expect_error("key \"a\" { algorithm hmac-sha256; sekret \"" SECRET "\"; };",
		     1, 34, "expected 'algorithm', 'secret' or '}'");
	expect_error("# nothing\n", 2, 1, "no key in the file");
	expect_error("key \"a { algorithm hmac-sha256;\n", 1, 5, "string is not closed");
	expect_error("/* key \"a\" {", 1, 1, "comment is not closed");
	expect_error("key \"a\" { algorithm hmac-sha256; algorithm hmac-sha1; };",
		     1, 44, "a second algorithm");
}

static void
test_missing_file(void **state)
{
	(void)state;
	struct sipdns_diag d;
	struct sipdns_tsig k;
	sipdns_diag_init(&d);
	assert_false(sipdns_tsig_load("/nonexistent/sipdns.key", &k, &d));
	assert_non_null(sipdns_diag_find(&d, "cannot read the TSIG key file"));
	assert_false(sipdns_tsig_load(dir, &k, &d));
	assert_non_null(sipdns_diag_find(&d, "not a regular file"));
	assert_int_equal(d.errors, 2);
	sipdns_diag_fini(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keygen_output),
		cmocka_unit_test(test_comments_and_spelling),
		cmocka_unit_test(test_readable_by_others_warns),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
