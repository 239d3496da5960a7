/* tsig.h -- TSIG key files in BIND's format (what tsig-keygen writes)
 *
 *   key "NAME" { algorithm hmac-sha256; secret "BASE64"; };
 *
 * Comments may be '#', '//' or C-style. The file must hold exactly one key.
 * The secret never appears in a diagnostic; sipdns_tsig_free wipes it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_TSIG_H
#define SIPDNS_TSIG_H

#include <stdbool.h>

struct sipdns_diag;

struct sipdns_tsig {
	char *name;      /* the key name as written in the file, e.g. "sipdns-key" */
	char *algorithm; /* as ldns wants it, with the trailing dot: "hmac-sha256." */
	char *secret;    /* base64, as in the file (checked to decode) */
};

/* Read the one key in path into *k (all fields heap strings). On any problem
 * return false with *k zeroed and an error "file:line:col: what; how to fix"
 * in d. A file readable by group or others is a warning, not an error. */
bool sipdns_tsig_load(const char *path, struct sipdns_tsig *k,
		      struct sipdns_diag *d);
/* Wipe the secret and free the fields; *k is zeroed. Accepts a zeroed key. */
void sipdns_tsig_free(struct sipdns_tsig *k);
/* The supported algorithm names, comma-separated, for messages and --help. */
const char *sipdns_tsig_algorithms(void);

#endif
