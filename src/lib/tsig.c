/* tsig.c -- TSIG key files in BIND's format (what tsig-keygen writes)
 *
 * A small lexer (words, "strings", { } ;, three comment styles) and a
 * parser for key statements. The file buffer and the secret are wiped
 * before they are freed; no message ever quotes the secret.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "tsig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"

#define TSIG_MAX_FILE 65536

/* file spelling (lower case, no dot) -> what ldns wants */
static const struct {
	const char *name, *ldns;
} tsig_algs[] = {
	{ "hmac-md5", "hmac-md5.sig-alg.reg.int." },
	{ "hmac-md5.sig-alg.reg.int", "hmac-md5.sig-alg.reg.int." },
	{ "hmac-sha1", "hmac-sha1." },
	{ "hmac-sha224", "hmac-sha224." },
	{ "hmac-sha256", "hmac-sha256." },
	{ "hmac-sha384", "hmac-sha384." },
	{ "hmac-sha512", "hmac-sha512." },
};

const char *
sipdns_tsig_algorithms(void)
{
	return "hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, "
	       "hmac-sha512";
}

static void
tsig_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	while (n-- > 0)
		*v++ = 0;
}

static void
tsig_free_str(char **s)
{
	if (*s != NULL) {
		tsig_wipe(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

void
sipdns_tsig_free(struct sipdns_tsig *k)
{
	if (k == NULL)
		return;
	tsig_free_str(&k->name);
	tsig_free_str(&k->algorithm);
	tsig_free_str(&k->secret);
}

/* ---- lexer --------------------------------------------------------------- */

enum tok_kind { TOK_END, TOK_WORD, TOK_STRING, TOK_LBRACE, TOK_RBRACE,
		TOK_SEMI, TOK_BAD };

struct tok {
	enum tok_kind kind;
	const char *s; /* for a string: its contents, without the quotes */
	size_t len;
	unsigned line, col;
};

struct lex {
	const char *path;
	const char *buf;
	size_t len, pos;
	unsigned line, col;
	struct sipdns_diag *d;
	bool failed;
};

static void
lex_error(struct lex *lx, unsigned line, unsigned col, const char *fmt,
	  const char *arg)
{
	if (lx->failed)
		return; /* the first error is the one that matters */
	lx->failed = true;
	sipdns_diag_add(lx->d, SIPDNS_ERROR,
			(struct sipdns_loc){ lx->path, line, col }, NULL, fmt,
			arg ? arg : "");
}

static void
lex_advance(struct lex *lx)
{
	if (lx->buf[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->pos++;
}

static bool
lex_at(const struct lex *lx, const char *s)
{
	size_t n = strlen(s);
	return lx->len - lx->pos >= n && memcmp(lx->buf + lx->pos, s, n) == 0;
}

/* Skip blanks and comments; false on an unterminated comment. */
static bool
lex_skip(struct lex *lx)
{
	while (lx->pos < lx->len) {
		char c = lx->buf[lx->pos];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			lex_advance(lx);
		} else if (c == '#' || lex_at(lx, "//")) {
			while (lx->pos < lx->len && lx->buf[lx->pos] != '\n')
				lex_advance(lx);
		} else if (lex_at(lx, "/*")) {
			unsigned line = lx->line, col = lx->col;
			lex_advance(lx);
			lex_advance(lx);
			while (lx->pos < lx->len && !lex_at(lx, "*/"))
				lex_advance(lx);
			if (lx->pos >= lx->len) {
				lex_error(lx, line, col, "comment is not closed: "
					  "end it with */%s", NULL);
				return false;
			}
			lex_advance(lx);
			lex_advance(lx);
		} else {
			return true;
		}
	}
	return true;
}

static bool
lex_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == '+' || c == '/' || c == '=' || c == ':';
}

/* A quoted string: no newline inside, backslash escapes one character
 * (the contents are returned raw; a key file has no reason to escape). */
static void
lex_string(struct lex *lx, struct tok *t)
{
	lex_advance(lx);
	t->s = lx->buf + lx->pos;
	while (lx->pos < lx->len && lx->buf[lx->pos] != '"' &&
	       lx->buf[lx->pos] != '\n') {
		if (lx->buf[lx->pos] == '\\' && lx->pos + 1 < lx->len &&
		    lx->buf[lx->pos + 1] != '\n')
			lex_advance(lx);
		lex_advance(lx);
	}
	if (lx->pos >= lx->len || lx->buf[lx->pos] != '"') {
		lex_error(lx, t->line, t->col, "string is not closed: end it "
			  "with \" on the same line%s", NULL);
		t->kind = TOK_BAD;
		return;
	}
	t->len = (size_t)(lx->buf + lx->pos - t->s);
	t->kind = TOK_STRING;
	lex_advance(lx);
}

static struct tok
lex_next(struct lex *lx)
{
	struct tok t = { .kind = TOK_BAD };
	if (!lex_skip(lx))
		return t;
	t.line = lx->line;
	t.col = lx->col;
	t.s = lx->buf + lx->pos;
	if (lx->pos >= lx->len) {
		t.kind = TOK_END;
		return t;
	}
	char c = lx->buf[lx->pos];
	if (c == '"') {
		lex_string(lx, &t);
		return t;
	}
	if (c == '{' || c == '}' || c == ';') {
		t.kind = c == '{' ? TOK_LBRACE : c == '}' ? TOK_RBRACE : TOK_SEMI;
		t.len = 1;
		lex_advance(lx);
		return t;
	}
	while (lx->pos < lx->len && lex_word_char(lx->buf[lx->pos]))
		lex_advance(lx);
	t.len = (size_t)(lx->buf + lx->pos - t.s);
	if (t.len == 0) {
		lex_error(lx, t.line, t.col, "unexpected character: a key file "
			  "holds key \"NAME\" { algorithm ALG; secret \"BASE64\"; };%s",
			  NULL);
		return t;
	}
	t.kind = TOK_WORD;
	return t;
}

/* ---- parser -------------------------------------------------------------- */

/* What one key statement gave; strings point into the file buffer. */
struct key_seen {
	struct tok name, alg, secret;
	bool has_alg, has_secret;
	unsigned line, col;
};

static bool
tok_is(const struct tok *t, const char *word)
{
	return t->kind == TOK_WORD && t->len == strlen(word) &&
	       strncasecmp(t->s, word, t->len) == 0;
}

/* A short, safe rendering of a word for a message (never the secret). */
static const char *
tok_show(const struct tok *t, char *buf, size_t size)
{
	if (t->kind == TOK_END)
		return "the end of the file";
	if (t->kind == TOK_STRING)
		return "a string";
	size_t n = t->len < size - 3 ? t->len : size - 3;
	buf[0] = '\'';
	memcpy(buf + 1, t->s, n);
	buf[n + 1] = '\'';
	buf[n + 2] = '\0';
	return buf;
}

static bool
expect(struct lex *lx, enum tok_kind kind, const char *what)
{
	struct tok t = lex_next(lx);
	if (t.kind == kind)
		return true;
	if (t.kind != TOK_BAD) {
		char msg[160], show[40];
		snprintf(msg, sizeof(msg), "expected %s here, found %%s", what);
		lex_error(lx, t.line, t.col, msg, tok_show(&t, show, sizeof(show)));
	}
	return false;
}

/* secret "BASE64";  -- the value is never quoted in a message */
static bool
parse_secret(struct lex *lx, struct key_seen *k)
{
	struct tok t = lex_next(lx);
	if (t.kind == TOK_BAD)
		return false;
	if (t.kind != TOK_STRING && t.kind != TOK_WORD) {
		lex_error(lx, t.line, t.col, "expected the secret in quotes "
			  "after 'secret', as tsig-keygen writes it%s", NULL);
		return false;
	}
	if (k->has_secret) {
		lex_error(lx, t.line, t.col, "a second secret in one key: "
			  "keep one%s", NULL);
		return false;
	}
	k->secret = t;
	k->has_secret = true;
	return expect(lx, TOK_SEMI, "';' after the secret");
}

static bool
parse_algorithm(struct lex *lx, struct key_seen *k)
{
	struct tok t = lex_next(lx);
	if (t.kind == TOK_BAD)
		return false;
	if (t.kind != TOK_WORD && t.kind != TOK_STRING) {
		lex_error(lx, t.line, t.col, "expected an algorithm name after "
			  "'algorithm' (one of: %s)", sipdns_tsig_algorithms());
		return false;
	}
	if (k->has_alg) {
		lex_error(lx, t.line, t.col, "a second algorithm in one key: "
			  "keep one%s", NULL);
		return false;
	}
	k->alg = t;
	k->has_alg = true;
	return expect(lx, TOK_SEMI, "';' after the algorithm");
}

/* The body of key "NAME" { ... }; after the '{'. */
static bool
parse_key_body(struct lex *lx, struct key_seen *k)
{
	for (;;) {
		struct tok t = lex_next(lx);
		char show[40];
		if (t.kind == TOK_RBRACE)
			return expect(lx, TOK_SEMI, "';' after '}'");
		if (tok_is(&t, "secret")) {
			if (!parse_secret(lx, k))
				return false;
		} else if (tok_is(&t, "algorithm")) {
			if (!parse_algorithm(lx, k))
				return false;
		} else {
			if (t.kind != TOK_BAD)
				lex_error(lx, t.line, t.col, "expected 'algorithm', "
					  "'secret' or '}' in a key, found %s",
					  tok_show(&t, show, sizeof(show)));
			return false;
		}
	}
}

/* key "NAME" { ... };  after the word 'key'. */
static bool
parse_key(struct lex *lx, struct key_seen *k)
{
	struct tok t = lex_next(lx);
	if (t.kind == TOK_BAD)
		return false;
	if ((t.kind != TOK_STRING && t.kind != TOK_WORD) || t.len == 0) {
		lex_error(lx, t.line, t.col, "expected the key name after 'key', "
			  "as in key \"sipdns-key\" { ... };%s", NULL);
		return false;
	}
	k->name = t;
	if (!expect(lx, TOK_LBRACE, "'{' after the key name"))
		return false;
	return parse_key_body(lx, k);
}

/* ---- checks -------------------------------------------------------------- */

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Base64 as RFC 4648 §4 writes it: groups of four, '=' only at the end. */
static bool
b64_valid(const char *s, size_t len)
{
	if (len == 0 || len % 4 != 0)
		return false;
	size_t pad = 0;
	while (pad < 2 && s[len - 1 - pad] == '=')
		pad++;
	for (size_t i = 0; i < len - pad; i++)
		if (b64_value(s[i]) < 0)
			return false;
	return len - pad > 1;
}

static const char *
tsig_alg_ldns(const struct tok *t)
{
	size_t n = t->len;
	if (n > 0 && t->s[n - 1] == '.')
		n--; /* "hmac-sha256." is the same algorithm */
	for (size_t i = 0; i < sizeof(tsig_algs) / sizeof(tsig_algs[0]); i++)
		if (strlen(tsig_algs[i].name) == n &&
		    strncasecmp(tsig_algs[i].name, t->s, n) == 0)
			return tsig_algs[i].ldns;
	return NULL;
}

static char *
tsig_dup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Check the one key and copy it into *out. */
static bool
tsig_take(struct lex *lx, const struct key_seen *k, struct sipdns_tsig *out)
{
	if (!k->has_alg || !k->has_secret) {
		lex_error(lx, k->line, k->col, "the key has no %s: add it inside "
			  "the braces (tsig-keygen writes both)",
			  !k->has_alg ? "algorithm" : "secret");
		return false;
	}
	const char *alg = tsig_alg_ldns(&k->alg);
	if (alg == NULL) {
		lex_error(lx, k->alg.line, k->alg.col, "unsupported TSIG "
			  "algorithm: use one of %s", sipdns_tsig_algorithms());
		return false;
	}
	if (!b64_valid(k->secret.s, k->secret.len)) {
		lex_error(lx, k->secret.line, k->secret.col, "the secret is not "
			  "base64: copy it again from the key file tsig-keygen "
			  "wrote%s", NULL);
		return false;
	}
	out->name = tsig_dup(k->name.s, k->name.len);
	out->algorithm = tsig_dup(alg, strlen(alg));
	out->secret = tsig_dup(k->secret.s, k->secret.len);
	if (out->name == NULL || out->algorithm == NULL || out->secret == NULL) {
		sipdns_tsig_free(out);
		lex_error(lx, 0, 0, "out of memory reading the key%s", NULL);
		return false;
	}
	return true;
}

/* Every statement of the file; exactly one must be a key. */
static bool
tsig_parse(struct lex *lx, struct sipdns_tsig *out)
{
	struct key_seen first = { 0 }, k;
	unsigned keys = 0;
	for (;;) {
		struct tok t = lex_next(lx);
		char show[40];
		if (t.kind == TOK_END)
			break;
		if (!tok_is(&t, "key")) {
			if (t.kind != TOK_BAD)
				lex_error(lx, t.line, t.col, "expected 'key' here, "
					  "found %s: a key file holds key \"NAME\" "
					  "{ algorithm ALG; secret \"BASE64\"; };",
					  tok_show(&t, show, sizeof(show)));
			return false;
		}
		k = (struct key_seen){ .line = t.line, .col = t.col };
		if (!parse_key(lx, &k))
			return false;
		if (++keys == 1)
			first = k;
		else if (keys == 2) {
			char msg[200];
			snprintf(msg, sizeof(msg), "a second key (the first is at "
				 "line %u): sipdns needs one key per file; put "
				 "each in its own file%%s", first.line);
			lex_error(lx, k.line, k.col, msg, NULL);
			return false;
		}
	}
	if (keys == 0) {
		lex_error(lx, lx->line, lx->col, "no key in the file: write one "
			  "with tsig-keygen NAME > FILE%s", NULL);
		return false;
	}
	return tsig_take(lx, &first, out);
}

/* ---- the file ------------------------------------------------------------ */

/* Read at most TSIG_MAX_FILE bytes into one buffer (never reallocated, so
 * no copy of the secret is left behind). A file readable by others gets a
 * warning. NULL with an error in d on failure. */
static char *
tsig_read(const char *path, size_t *len, struct sipdns_diag *d)
{
	struct sipdns_loc at = { path, 0, 0 };
	struct stat sb;
	struct sipdns_fileio_error fe;
	int fd = sipdns_fileio_open(path, TSIG_MAX_FILE, 0, &sb, &fe);
	if (fd < 0) {
		char why[SIPDNS_FILEIO_WHY];
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "cannot read the TSIG "
				"key file: %s%s",
				sipdns_fileio_why(&fe, why, sizeof(why)),
				fe.err == SIPDNS_FILEIO_ETOOBIG ? ", not a key file" : "");
		return NULL;
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO))
		sipdns_diag_add(d, SIPDNS_WARNING, at, NULL, "the TSIG key file "
				"can be read by others (mode %03o): chmod 600 it",
				(unsigned)(sb.st_mode & 0777));
	char *buf = malloc(TSIG_MAX_FILE + 1);
	size_t n = 0;
	ssize_t r = 0;
	while (buf != NULL && n < TSIG_MAX_FILE + 1 &&
	       ((r = read(fd, buf + n, TSIG_MAX_FILE + 1 - n)) > 0 ||
		(r < 0 && errno == EINTR)))
		n += r > 0 ? (size_t)r : 0;
	int err = buf == NULL ? ENOMEM : r < 0 ? errno : 0;
	close(fd);
	if (err == 0 && n > TSIG_MAX_FILE)
		err = EFBIG;
	if (err != 0) {
		if (buf != NULL) {
			tsig_wipe(buf, n);
			free(buf);
		}
		sipdns_diag_add(d, SIPDNS_ERROR, at, NULL, "cannot read the TSIG "
				"key file: %s", err == EFBIG ? "larger than 64 KiB, "
				"not a key file" : strerror(err));
		return NULL;
	}
	*len = n;
	return buf;
}

bool
sipdns_tsig_load(const char *path, struct sipdns_tsig *k,
		 struct sipdns_diag *d)
{
	memset(k, 0, sizeof(*k));
	size_t len = 0;
	char *buf = tsig_read(path, &len, d);
	if (buf == NULL)
		return false;
	struct lex lx = { .path = path, .buf = buf, .len = len, .line = 1,
			  .col = 1, .d = d };
	bool ok = memchr(buf, '\0', len) == NULL;
	if (!ok)
		lex_error(&lx, 0, 0, "the TSIG key file holds a NUL byte: it is "
			  "not a text key file%s", NULL);
	ok = ok && tsig_parse(&lx, k);
	tsig_wipe(buf, len);
	free(buf);
	if (!ok)
		sipdns_tsig_free(k);
	return ok;
}
