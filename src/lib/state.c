/* state.c -- verify --state: what was found before, and since when
 *
 * The file is one line per finding: first-seen time (epoch seconds), a
 * tab, the finding's key; lines starting with # are comments.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "state.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings.h"

/* One line of the old state: a current finding's first-seen time, or a
 * fixed one. */
static enum sipdns_status
take_line(struct sipdns_verify_result *r, const char *key, long since)
{
	bool current = false;
	for (size_t i = 0; i < r->n_f; i++)
		if (strcmp(r->f[i].key, key) == 0) {
			r->f[i].since = since;
			current = true;
		}
	if (current)
		return SIPDNS_OK;
	struct sipdns_finding *nf = sipdns_findings_add_fixed(r);
	if (nf == NULL || (nf->key = strdup(key)) == NULL)
		return SIPDNS_ENOMEM;
	nf->since = since;
	return SIPDNS_OK;
}

static enum sipdns_status
read_state(struct sipdns_verify_result *r, const char *path,
	   struct sipdns_diag *d)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL && errno != ENOENT) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot read: %s", strerror(errno));
		return SIPDNS_EIO;
	}
	char line[1200];
	enum sipdns_status st = SIPDNS_OK;
	unsigned lineno = 0;
	while (st == SIPDNS_OK && fp && fgets(line, sizeof(line), fp)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *tab = strchr(line, '\t');
		char *end;
		long since = tab ? strtol(line, &end, 10) : 0;
		if (tab == NULL || end != tab || since <= 0) {
			sipdns_diag_add(d, SIPDNS_ERROR,
					(struct sipdns_loc){ path, lineno, 0 }, NULL,
					"not a sipdns state file (bad line '%.60s'); move it away",
					line);
			st = SIPDNS_EINPUT;
			break;
		}
		st = take_line(r, tab + 1, since);
	}
	if (fp)
		fclose(fp);
	return st;
}

static enum sipdns_status
write_state(const struct sipdns_verify_result *r, const char *path,
	    long now, struct sipdns_diag *d)
{
	size_t tl = strlen(path) + 16;
	char *tmp = malloc(tl);
	if (tmp == NULL)
		return SIPDNS_ENOMEM;
	snprintf(tmp, tl, "%s.XXXXXX", path);   /* a mkstemp template */
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (out == NULL) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot write the state: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return SIPDNS_EIO;
	}
	fprintf(out, "# sipdns verify state: first-seen time, finding\n");
	for (size_t i = 0; i < r->n_f; i++)
		fprintf(out, "%ld\t%s\n", r->f[i].since ? r->f[i].since : now, r->f[i].key);
	bool bad = fflush(out) != 0 || fsync(fd) != 0;
	bad |= fclose(out) != 0;
	if (bad || rename(tmp, path) != 0) {
		sipdns_diag_add(d, SIPDNS_ERROR, (struct sipdns_loc){ path, 0, 0 },
				NULL, "cannot write the state: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return SIPDNS_EIO;
	}
	free(tmp);
	return SIPDNS_OK;
}

enum sipdns_status
sipdns_state_update(struct sipdns_verify_result *r, const char *path,
		    long now, struct sipdns_diag *d)
{
	enum sipdns_status st = read_state(r, path, d);
	return st == SIPDNS_OK ? write_state(r, path, now, d) : st;
}
