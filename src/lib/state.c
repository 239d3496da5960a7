/* state.c -- verify --state: what was found before, and since when
 *
 * The file is one line per finding: first-seen time (epoch seconds), a
 * tab, the finding's key ("kind|view|name|TYPE"); lines starting with #
 * are comments, except "# scope: VIEW[,VIEW]", the views the run that
 * wrote it asked.
 *
 * A previous finding is "fixed" only when this run asked its name and type
 * and saw an answer (NOERROR, NODATA or NXDOMAIN) with no finding there.
 * One of a view not asked, or of a question without such an answer, is
 * carried over unchanged ("not checked"). Loading and writing sort and
 * binary-search: O(n log n). The file is locked (PATH.lock, flock) while it
 * is read and replaced, and replaced atomically with its mode kept.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <ldns/ldns.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "fileio.h"
#include "findings.h"
#include "name.h"
#include "zones.h"

/* How long a run waits for another one's lock on the state. */
#define LOCK_WAIT_MS 10000
#define LINE_MAX_LEN 1100
/* Largest state file read (about a million findings). */
#define STATE_MAX_FILE (256u * 1024 * 1024)

/* One line of the previous state. */
struct old {
	long since;
	char *key;
	unsigned line;
};

struct st {
	struct sipdns_verify_result *r;
	const struct sipdns_topology *t;
	const char *path;
	struct sipdns_diag *d;
	struct old *v;
	size_t n, cap;
	const struct sipdns_finding **byid;  /* current drift, by key */
	const struct sipdns_finding **bynt;  /* all current, by view|name|TYPE */
	size_t n_byid, n_bynt;
	bool asked[SIPDNS_VIEW_COUNT];
	/* made on first use: a finding's zone in one probe per label, where
	 * sipdns_zone_for scans every zone of the view (200,000 findings at
	 * 100,000 domains: 20 billion comparisons) */
	const struct sipdns_zone_index *zx[SIPDNS_VIEW_COUNT];  /* the topology's */
};

/* Copy s (n bytes) into out, control and non-ASCII bytes as \xNN, so that
 * nothing from the file reaches a terminal raw. */
static void
escape(char *out, size_t size, const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f || c == '\\')
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

static void
bad_line(struct st *s, unsigned line, const char *text, const char *what)
{
	char shown[200];
	escape(shown, sizeof(shown), text, strnlen(text, 60));
	sipdns_diag_add(s->d, SIPDNS_ERROR, (struct sipdns_loc){ s->path, line, 1 },
			NULL, "damaged state file: %s (line '%s'); the state was "
			"not changed: repair or move the file away (it holds the "
			"first-seen dates)", what, shown);
}

/* The finding kind named by the key's first field, or -1. */
static int
key_kind(const char *k, size_t n)
{
	for (int i = SIPDNS_F_MISSING; i <= SIPDNS_F_AAAA_ONLY; i++) {
		const char *nm = sipdns_finding_name((enum sipdns_finding_kind)i);
		if (strlen(nm) == n && strncmp(k, nm, n) == 0)
			return i;
	}
	return -1;
}

static bool
all_of(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strchr(set, s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

/* Is key "kind|view|name|TYPE" with a known kind and view, a name of
 * lower-case host-name characters and an upper-case type? */
static bool
key_valid(const char *key)
{
	const char *p1 = strchr(key, '|');
	const char *p2 = p1 ? strchr(p1 + 1, '|') : NULL;
	const char *p3 = p2 ? strchr(p2 + 1, '|') : NULL;
	if (p3 == NULL || strchr(p3 + 1, '|') || key_kind(key, (size_t)(p1 - key)) < 0)
		return false;
	size_t vn = (size_t)(p2 - p1 - 1);
	bool view = false;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		const char *nm = sipdns_view_name((enum sipdns_view_id)v);
		view |= strlen(nm) == vn && strncmp(p1 + 1, nm, vn) == 0;
	}
	return view &&
	       all_of(p2 + 1, (size_t)(p3 - p2 - 1), "abcdefghijklmnopqrstuvwxyz0123456789-_.*") &&
	       all_of(p3 + 1, strlen(p3 + 1), "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
}

static void
parse_scope(struct st *s, const char *text)
{
	escape(s->r->state_scope, sizeof(s->r->state_scope), text, strlen(text));
}

/* One line (newline removed): a comment, the scope or a finding. */
static enum sipdns_status
take_line(struct st *s, char *line, unsigned lineno)
{
	if (strncmp(line, "# scope: ", 9) == 0) {
		parse_scope(s, line + 9);
		return SIPDNS_OK;
	}
	if (line[0] == '#' || line[0] == '\0')
		return SIPDNS_OK;
	char *tab = strchr(line, '\t'), *end;
	errno = 0;
	long since = tab ? strtol(line, &end, 10) : 0;
	if (tab == NULL || end != tab || since <= 0 || errno) {
		bad_line(s, lineno, line, "not a first-seen time, a tab and a finding");
		return SIPDNS_EINPUT;
	}
	if (!key_valid(tab + 1)) {
		bad_line(s, lineno, line, "not a finding (kind|view|name|TYPE)");
		return SIPDNS_EINPUT;
	}
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		struct old *nv = realloc(s->v, nc * sizeof(*nv));
		if (nv == NULL)
			return SIPDNS_ENOMEM;
		s->v = nv;
		s->cap = nc;
	}
	if ((s->v[s->n].key = strdup(tab + 1)) == NULL)
		return SIPDNS_ENOMEM;
	s->v[s->n].since = since;
	s->v[s->n++].line = lineno;
	return SIPDNS_OK;
}

static enum sipdns_status
read_lines(struct st *s, FILE *fp)
{
	char line[LINE_MAX_LEN + 2];
	unsigned lineno = 0;
	enum sipdns_status st = SIPDNS_OK;
	while (st == SIPDNS_OK && fgets(line, sizeof(line), fp)) {
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		else if (!feof(fp)) {
			bad_line(s, lineno, line, "a line longer than any finding");
			return SIPDNS_EINPUT;
		}
		if (strlen(line) != len) {
			bad_line(s, lineno, line, "a NUL byte");
			return SIPDNS_EINPUT;
		}
		st = take_line(s, line, lineno);
	}
	if (st == SIPDNS_OK && ferror(fp)) {
		sipdns_diag_add(s->d, SIPDNS_ERROR, (struct sipdns_loc){ s->path, lineno, 0 },
				NULL, "cannot read the state: %s", strerror(errno));
		st = SIPDNS_EIO;
	}
	return st;
}

static enum sipdns_status
read_state(struct st *s, bool *exists, struct stat *sb)
{
	struct sipdns_fileio_error fe;
	int fd = sipdns_fileio_open(s->path, STATE_MAX_FILE, 0, sb, &fe);
	*exists = fd >= 0;
	if (fd < 0 && fe.err == ENOENT)
		return SIPDNS_OK;
	FILE *fp = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (fp == NULL) {
		char why[SIPDNS_FILEIO_WHY];
		if (fd >= 0) {
			fe.err = errno;
			close(fd);
		}
		sipdns_diag_add(s->d, SIPDNS_ERROR, (struct sipdns_loc){ s->path, 0, 0 },
				NULL, "cannot read the state: %s",
				sipdns_fileio_why(&fe, why, sizeof(why)));
		return SIPDNS_EIO;
	}
	enum sipdns_status st = read_lines(s, fp);
	fclose(fp);
	return st;
}

/* ---- look-ups ---------------------------------------------------------- */

static const char *
after_kind(const char *key)
{
	const char *p = strchr(key, '|');
	return p ? p + 1 : key;
}

static int
byid_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct sipdns_finding *const *)a)->key,
		      (*(const struct sipdns_finding *const *)b)->key);
}

static int
bynt_cmp(const void *a, const void *b)
{
	return strcmp(after_kind((*(const struct sipdns_finding *const *)a)->key),
		      after_kind((*(const struct sipdns_finding *const *)b)->key));
}

static int
old_cmp(const void *pa, const void *pb)
{
	const struct old *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->since < b->since ? -1 : a->since > b->since;
}

static enum sipdns_status
index_current(struct st *s)
{
	struct sipdns_verify_result *r = s->r;
	size_t n = r->n_f ? r->n_f : 1;
	s->byid = malloc(n * sizeof(*s->byid));
	s->bynt = malloc(n * sizeof(*s->bynt));
	if (s->byid == NULL || s->bynt == NULL)
		return SIPDNS_ENOMEM;
	for (size_t i = 0; i < r->n_f; i++) {
		if (r->f[i].key == NULL)
			continue;
		s->bynt[s->n_bynt++] = &r->f[i];
		if (r->f[i].kind != SIPDNS_F_UNVERIFIED)
			s->byid[s->n_byid++] = &r->f[i];
	}
	qsort(s->byid, s->n_byid, sizeof(*s->byid), byid_cmp);
	qsort(s->bynt, s->n_bynt, sizeof(*s->bynt), bynt_cmp);
	for (size_t i = 0; i < r->n_q; i++)
		s->asked[r->q[i].view] = true;
	return SIPDNS_OK;
}

/* The first current finding whose key (cmp: whole, or after the kind)
 * equals key, or NULL. */
static const struct sipdns_finding *const *
find_cur(const struct sipdns_finding **v, size_t n, const char *key, bool whole)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = whole ? v[mid]->key : after_kind(v[mid]->key);
		if (strcmp(k, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || strcmp(whole ? v[lo]->key : after_kind(v[lo]->key), key))
		return NULL;
	return &v[lo];
}

static bool
seen(const struct sipdns_question *q)
{
	return q && !q->ignored && q->delegated == NULL &&
	       (q->state == SIPDNS_Q_ANSWER || q->state == SIPDNS_Q_NODATA ||
		q->state == SIPDNS_Q_NXDOMAIN);
}

/* ---- what became of each previous finding ----------------------------- */

/* A finding made from a key of the state: kind, view, name, type, zone. */
static enum sipdns_status
from_key(struct st *s, struct sipdns_finding *f, const struct old *o,
	 ldns_rr_type *type)
{
	const char *p1 = strchr(o->key, '|'), *p2 = strchr(p1 + 1, '|');
	const char *p3 = strchr(p2 + 1, '|');
	f->kind = (enum sipdns_finding_kind)key_kind(o->key, (size_t)(p1 - o->key));
	f->severity = f->kind == SIPDNS_F_TTL ? SIPDNS_WARNING : SIPDNS_ERROR;
	f->view = SIPDNS_VIEW_EXTERNAL;
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++) {
		const char *vn = sipdns_view_name((enum sipdns_view_id)v);
		if (strlen(vn) == (size_t)(p2 - p1 - 1) &&
		    strncmp(p1 + 1, vn, (size_t)(p2 - p1 - 1)) == 0)
			f->view = (enum sipdns_view_id)v;
	}
	size_t nl = (size_t)(p3 - p2 - 1);
	snprintf(f->type_name, sizeof(f->type_name), "%s", p3 + 1);
	f->since = o->since;
	f->key = strdup(o->key);
	f->name = malloc(nl + 2);
	if (f->key == NULL || f->name == NULL)
		return SIPDNS_ENOMEM;
	memcpy(f->name, p2 + 1, nl);
	f->name[nl] = '\0';
	*type = ldns_get_rr_type_by_name(p3 + 1);
	if (s->t && s->zx[f->view] == NULL &&
	    (s->zx[f->view] = sipdns_topology_zones(s->t, f->view)) == NULL)
		return SIPDNS_ENOMEM;
	const struct sipdns_zone *z = s->t ? sipdns_zone_index_find(s->zx[f->view], f->name) : NULL;
	strcat(f->name, ".");
	if (z && (f->zone = strdup(z->name)) == NULL)
		return SIPDNS_ENOMEM;
	return SIPDNS_OK;
}

static struct sipdns_finding *
add_to(struct sipdns_finding **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct sipdns_finding *nv = realloc(*v, nc * sizeof(*nv));
		if (nv == NULL)
			return NULL;
		*v = nv;
		*cap = nc;
	}
	struct sipdns_finding *f = &(*v)[(*n)++];
	memset(f, 0, sizeof(*f));
	return f;
}

/* Carried over, fixed or replaced: one previous finding not found now. */
static enum sipdns_status
judge_gone(struct st *s, const struct old *o)
{
	struct sipdns_verify_result *r = s->r;
	struct sipdns_finding tmp;
	memset(&tmp, 0, sizeof(tmp));
	ldns_rr_type type;
	enum sipdns_status st = from_key(s, &tmp, o, &type);
	const struct sipdns_question *q = NULL;
	if (st == SIPDNS_OK && s->asked[tmp.view]) {
		tmp.name[strlen(tmp.name) - 1] = '\0';
		q = sipdns_question_find(r, tmp.view, tmp.name, type);
		strcat(tmp.name, ".");
	}
	struct sipdns_finding *f = NULL;
	bool replaced = false;
	if (st != SIPDNS_OK)
		;
	else if (!seen(q))
		f = add_to(&r->not_checked, &r->n_not_checked, &r->cap_not_checked);
	else if (find_cur(s->bynt, s->n_bynt, after_kind(o->key), false) == NULL)
		f = add_to(&r->fixed, &r->n_fixed, &r->cap_fixed);
	else
		replaced = true;
	if (f != NULL) {
		*f = tmp;
		return SIPDNS_OK;
	}
	free(tmp.key);
	free(tmp.name);
	free(tmp.zone);
	if (replaced)
		r->n_replaced++;
	return st != SIPDNS_OK ? st : replaced ? SIPDNS_OK : SIPDNS_ENOMEM;
}

static enum sipdns_status
judge_all(struct st *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), old_cmp);
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < s->n && st == SIPDNS_OK; i++) {
		if (i && strcmp(s->v[i].key, s->v[i - 1].key) == 0)
			continue;   /* a duplicate: the earliest sighting counts */
		const struct sipdns_finding *const *c =
			find_cur(s->byid, s->n_byid, s->v[i].key, true);
		if (c == NULL) {
			st = judge_gone(s, &s->v[i]);
			continue;
		}
		for (; c < s->byid + s->n_byid && strcmp((*c)->key, s->v[i].key) == 0; c++)
			((struct sipdns_finding *)*c)->since = s->v[i].since;
	}
	return st;
}

/* ---- scope -------------------------------------------------------------- */

static void
run_scope(struct st *s)
{
	char *out = s->r->run_scope;
	out[0] = '\0';
	for (int v = 0; v < SIPDNS_VIEW_COUNT; v++)
		if (s->asked[v])
			snprintf(out + strlen(out), sizeof(s->r->run_scope) - strlen(out),
				 "%s%s", out[0] ? "," : "",
				 sipdns_view_name((enum sipdns_view_id)v));
}

/* ---- writing ------------------------------------------------------------ */

struct line {
	long since;
	const char *key;
};

static int
line_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct line *)pa)->key, ((const struct line *)pb)->key);
}

static bool
write_lines(struct st *s, FILE *out, long now)
{
	struct sipdns_verify_result *r = s->r;
	size_t n = 0;
	struct line *v = malloc((r->n_f + r->n_not_checked + 1) * sizeof(*v));
	if (v == NULL)
		return false;
	for (size_t i = 0; i < s->n_byid; i++) {
		const struct sipdns_finding *f = s->byid[i];
		if (i && strcmp(f->key, s->byid[i - 1]->key) == 0)
			continue;
		v[n++] = (struct line){ f->since ? f->since : now, f->key };
	}
	for (size_t i = 0; i < r->n_not_checked; i++)
		v[n++] = (struct line){ r->not_checked[i].since, r->not_checked[i].key };
	qsort(v, n, sizeof(*v), line_cmp);
	fprintf(out, "# sipdns verify state: first-seen time, finding\n# scope: %s\n",
		r->run_scope);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%ld\t%s\n", v[i].since, v[i].key);
	free(v);
	return true;
}

static enum sipdns_status
write_state(struct st *s, long now, bool exists, const struct stat *sb)
{
	size_t tl = strlen(s->path) + 16;
	char *tmp = malloc(tl);
	if (tmp == NULL)
		return SIPDNS_ENOMEM;
	snprintf(tmp, tl, "%s.XXXXXX", s->path);   /* a mkstemp template */
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	bool bad = out == NULL || (exists && fchmod(fd, sb->st_mode & 07777) != 0);
	bad = bad || !write_lines(s, out, now);
	bad |= out != NULL && (fflush(out) != 0 || fsync(fd) != 0);
	if (out != NULL)
		bad |= fclose(out) != 0;
	else if (fd >= 0)
		close(fd);
	if (bad || rename(tmp, s->path) != 0) {
		sipdns_diag_add(s->d, SIPDNS_ERROR, (struct sipdns_loc){ s->path, 0, 0 },
				NULL, "cannot write the state: %s; it was not changed",
				strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		free(tmp);
		return SIPDNS_EIO;
	}
	free(tmp);
	return SIPDNS_OK;
}

/* ---- the lock ------------------------------------------------------------ */

/* Lock PATH.lock, waiting at most LOCK_WAIT_MS for another run; the
 * descriptor, or -1 with the reason in d. */
static int
lock_state(struct st *s)
{
	size_t ll = strlen(s->path) + 8;
	char *lp = malloc(ll);
	if (lp == NULL)
		return -1;
	snprintf(lp, ll, "%s.lock", s->path);
	int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int waited = 0, rc = -1;
	while (fd >= 0 && (rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 &&
	       errno == EWOULDBLOCK && waited < LOCK_WAIT_MS) {
		struct timespec ts = { 0, 100 * 1000000L };
		nanosleep(&ts, NULL);
		waited += 100;
	}
	if (fd < 0 || rc != 0) {
		bool busy = fd >= 0 && errno == EWOULDBLOCK;
		sipdns_diag_add(s->d, SIPDNS_ERROR, (struct sipdns_loc){ lp, 0, 0 }, NULL,
				busy ? "another sipdns verify has held the lock on the state for %d s; "
				       "the state was not changed: run again when it has ended"
				     : "cannot lock the state (%d): %s", busy ? LOCK_WAIT_MS / 1000 : 0,
				busy ? "" : strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(lp);
	return fd;
}

/* ---- the whole ------------------------------------------------------------ */

static void
count(struct st *s)
{
	struct sipdns_verify_result *r = s->r;
	for (size_t i = 0; i < r->n_f; i++)
		if (r->f[i].kind != SIPDNS_F_UNVERIFIED) {
			if (r->f[i].since)
				r->n_persisting++;
			else
				r->n_new++;
		}
	r->state_changed = r->n_new || r->n_fixed || r->n_replaced;
	r->scope_differs = r->state_scope[0] &&
			   strcmp(r->state_scope, r->run_scope) != 0;
	sipdns_findings_sort_list(r->fixed, r->n_fixed);
	sipdns_findings_sort_list(r->not_checked, r->n_not_checked);
}

enum sipdns_status
sipdns_state_update(struct sipdns_verify_result *r,
		    const struct sipdns_topology *t, const char *path,
		    long now, struct sipdns_diag *d)
{
	struct st s = { .r = r, .t = t, .path = path, .d = d };
	struct stat sb;
	memset(&sb, 0, sizeof(sb));
	bool exists = false;
	int lock = lock_state(&s);
	enum sipdns_status st = lock < 0 ? SIPDNS_EIO : read_state(&s, &exists, &sb);
	if (st == SIPDNS_OK)
		st = index_current(&s);
	if (st == SIPDNS_OK) {
		run_scope(&s);
		st = judge_all(&s);
	}
	if (st == SIPDNS_OK)
		st = write_state(&s, now, exists, &sb);
	if (st == SIPDNS_OK) {
		count(&s);
		r->state_read = true;
	} else {
		/* nothing of the state is shown: the findings are as if no
		 * --state had been given */
		for (size_t i = 0; i < r->n_f; i++)
			r->f[i].since = 0;
		r->state_failed = true;
	}
	if (lock >= 0)
		close(lock);
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i].key);
	free(s.v);
	free(s.byid);
	free(s.bynt);
	return st;
}
