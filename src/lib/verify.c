/* verify.c -- ask live DNS (c-ares), compare with the record set, findings
 *
 * c-ares moves the queries (it has no in-flight cap in 1.18, so we keep our
 * own window); ldns parses and compares the answers.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "verify.h"

#include <ares.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "records.h"

const char *
sipdns_qstate_name(enum sipdns_qstate s)
{
	switch (s) {
	case SIPDNS_Q_PENDING: return "not asked";
	case SIPDNS_Q_ANSWER: return "answer";
	case SIPDNS_Q_NODATA: return "no data";
	case SIPDNS_Q_NXDOMAIN: return "NXDOMAIN";
	case SIPDNS_Q_SERVFAIL: return "SERVFAIL";
	case SIPDNS_Q_REFUSED: return "REFUSED";
	case SIPDNS_Q_TIMEOUT: return "timeout";
	case SIPDNS_Q_NOTAUTH: return "not authoritative";
	case SIPDNS_Q_ERROR: return "error";
	}
	return "?";
}

const char *
sipdns_finding_name(enum sipdns_finding_kind k)
{
	switch (k) {
	case SIPDNS_F_MISSING: return "missing";
	case SIPDNS_F_UNEXPECTED: return "unexpected";
	case SIPDNS_F_CHANGED: return "changed";
	case SIPDNS_F_TTL: return "ttl";
	case SIPDNS_F_TARGET_ALIAS: return "target-alias";
	case SIPDNS_F_AAAA_ONLY: return "aaaa-only";
	case SIPDNS_F_UNVERIFIED: return "unverified";
	}
	return "?";
}

/* ---- questions ---------------------------------------------------------- */

static bool
owned_elsewhere(const struct sipdns_view *v, const char *name)
{
	for (size_t i = 0; i < v->n_owned_elsewhere; i++) {
		const char *p = v->owned_elsewhere[i];
		if (strncmp(p, "*.", 2) == 0) {
			size_t n = strlen(name), s = strlen(p + 1);
			if (n > s && strcmp(name + n - s, p + 1) == 0)
				return true;
		} else if (strcmp(p, name) == 0) {
			return true;
		}
	}
	return false;
}

static bool
push_q(struct sipdns_verify_result *r, size_t *cap, enum sipdns_view_id v,
       const char *name, ldns_rr_type type, bool ignored)
{
	if (r->n_q == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct sipdns_question *nq = realloc(r->q, nc * sizeof(*nq));
		if (nq == NULL)
			return false;
		r->q = nq;
		*cap = nc;
	}
	r->q[r->n_q++] = (struct sipdns_question){ .view = v, .name = name,
						   .type = type,
						   .ignored = ignored };
	return true;
}

enum sipdns_status
sipdns_verify_questions(const struct sipdns_topology *t,
			const struct sipdns_recset *s,
			const struct sipdns_verify_opts *o,
			struct sipdns_verify_result *r)
{
	size_t cap = 0;
	/* the set is sorted by view and owner: one pass, each name once */
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *rec = &s->v[i];
		if (o->view >= 0 && (int)rec->view != o->view)
			continue;
		if (i > 0 && s->v[i - 1].view == rec->view &&
		    strcmp(s->v[i - 1].owner, rec->owner) == 0)
			continue;
		bool ign = owned_elsewhere(&t->views[rec->view], rec->owner);
		if (ign)
			r->ignored_names++;
		bool srv = rec->owner[0] == '_';
		if (!push_q(r, &cap, rec->view, rec->owner,
			    srv ? LDNS_RR_TYPE_SRV : LDNS_RR_TYPE_A, ign))
			return SIPDNS_ENOMEM;
		if (!srv && !push_q(r, &cap, rec->view, rec->owner,
				    LDNS_RR_TYPE_AAAA, ign))
			return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}

/* ---- asking --------------------------------------------------------------- */

struct window {
	ares_channel ch;
	struct sipdns_verify_result *r;
	const struct sipdns_verify_opts *o;
	size_t next, end, inflight, cap, done, total;
	enum sipdns_view_id view;
};

static void issue(struct window *w);

void
sipdns_verify_take_answer(struct sipdns_question *q, int status, int timeouts,
			  const unsigned char *abuf, int alen, bool no_recurse)
{
	ldns_rr_list_deep_free(q->answer);
	q->answer = NULL;
	q->detail[0] = '\0';
	if (status == ARES_EDESTRUCTION) {
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail), "cancelled");
		return;
	}
	if (abuf != NULL && alen > 0) {
		ldns_pkt *p = NULL;
		if (ldns_wire2pkt(&p, abuf, (size_t)alen) != LDNS_STATUS_OK) {
			q->state = SIPDNS_Q_ERROR;
			snprintf(q->detail, sizeof(q->detail), "malformed answer");
			return;
		}
		ldns_pkt_rcode rc = ldns_pkt_get_rcode(p);
		switch (rc) {
		case LDNS_RCODE_NOERROR:
			q->state = ldns_pkt_ancount(p) ? SIPDNS_Q_ANSWER
						       : SIPDNS_Q_NODATA;
			break;
		case LDNS_RCODE_NXDOMAIN: q->state = SIPDNS_Q_NXDOMAIN; break;
		case LDNS_RCODE_SERVFAIL: q->state = SIPDNS_Q_SERVFAIL; break;
		case LDNS_RCODE_REFUSED: q->state = SIPDNS_Q_REFUSED; break;
		default:
			q->state = SIPDNS_Q_ERROR;
			snprintf(q->detail, sizeof(q->detail), "rcode %d", (int)rc);
			break;
		}
		if ((q->state == SIPDNS_Q_ANSWER || q->state == SIPDNS_Q_NODATA ||
		     q->state == SIPDNS_Q_NXDOMAIN) && no_recurse && !ldns_pkt_aa(p))
			q->state = SIPDNS_Q_NOTAUTH;
		if (!ldns_pkt_qr(p)) {
			q->state = SIPDNS_Q_ERROR;
			snprintf(q->detail, sizeof(q->detail), "malformed answer: not a response");
		} else if (ldns_pkt_tc(p)) {
			q->state = SIPDNS_Q_ERROR;
			snprintf(q->detail, sizeof(q->detail), "truncated answer");
		} else if (ldns_pkt_ancount(p) > SIPDNS_MAX_ANSWER_RRS) {
			q->state = SIPDNS_Q_ERROR;
			snprintf(q->detail, sizeof(q->detail),
				 "oversized answer: %u records, more than %d",
				 (unsigned)ldns_pkt_ancount(p), SIPDNS_MAX_ANSWER_RRS);
		}
		/* keep the answer section only: 400,000 whole packets held
		 * until the comparison took a gigabyte */
		q->answer = ldns_pkt_answer(p);
		ldns_pkt_set_answer(p, NULL);
		ldns_pkt_free(p);
	} else if (status == ARES_ETIMEOUT) {
		q->state = SIPDNS_Q_TIMEOUT;
	} else if (status == ARES_ECONNREFUSED) {
		/* c-ares says this both for a refused port and for a server it
		 * gave up on after its tries: either way, no answer came */
		q->state = SIPDNS_Q_TIMEOUT;
		snprintf(q->detail, sizeof(q->detail), "no answer from any server of the view%s",
			 timeouts ? "" : " (unreachable)");
	} else if (status == ARES_ENOTFOUND) {
		q->state = SIPDNS_Q_NXDOMAIN;
	} else if (status == ARES_ENODATA) {
		q->state = SIPDNS_Q_NODATA;
	} else if (status == ARES_ESERVFAIL) {
		q->state = SIPDNS_Q_SERVFAIL;
	} else if (status == ARES_EREFUSED) {
		q->state = SIPDNS_Q_REFUSED;
	} else {
		q->state = SIPDNS_Q_ERROR;
		snprintf(q->detail, sizeof(q->detail), "%s", ares_strerror(status));
	}
}

static void
on_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct sipdns_question *q = arg;
	struct window *w = q->engine;
	w->inflight--;
	w->done++;
	sipdns_verify_take_answer(q, status, timeouts, abuf, alen, w->o->no_recurse);
	/* the window is refilled after ares_process(), in one burst: one
	 * send per answer woke the server for every query, and verify ran
	 * at 0.28 of dnsperf's rate */
}

static void
issue(struct window *w)
{
	while (w->inflight < w->cap && w->next < w->end) {
		struct sipdns_question *q = &w->r->q[w->next++];
		if (q->ignored || (int)q->view != (int)w->view)
			continue;
		q->engine = w;
		w->inflight++;
		char name[LDNS_MAX_DOMAINLEN + 2];
		snprintf(name, sizeof(name), "%s.", q->name);
		ares_query(w->ch, name, ns_c_in, (int)q->type, on_answer, q);
	}
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum sipdns_status
sipdns_verify_ask(struct sipdns_verify_result *r,
		  const struct sipdns_verify_opts *o, char *err, size_t errlen)
{
	double t0 = now_s(), last = t0;
	int rc = ares_library_init(ARES_LIB_INIT_ALL);
	if (rc != ARES_SUCCESS) {
		snprintf(err, errlen, "c-ares: %s", ares_strerror(rc));
		return SIPDNS_EDNS;
	}
	enum sipdns_status st = SIPDNS_OK;
	for (int v = 0; v < SIPDNS_VIEW_COUNT && st == SIPDNS_OK; v++) {
		size_t count = 0;
		for (size_t i = 0; i < r->n_q; i++)
			count += (int)r->q[i].view == v && !r->q[i].ignored;
		if (count == 0)
			continue;
		struct ares_options ao;
		memset(&ao, 0, sizeof(ao));
		/* NOCHECKRESP: see SERVFAIL and REFUSED answers as they are */
		ao.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH | ARES_FLAG_EDNS;
		if (o->no_recurse)
			ao.flags |= ARES_FLAG_NORECURSE;
		ao.timeout = (int)o->timeout_ms;
		ao.tries = (int)o->tries;
		ao.ndomains = 0;
		ao.ednspsz = 1232;
		int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
			   ARES_OPT_DOMAINS | ARES_OPT_EDNSPSZ;
		ares_channel ch;
		rc = ares_init_options(&ch, &ao, mask);
		if (rc != ARES_SUCCESS) {
			snprintf(err, errlen, "c-ares: %s", ares_strerror(rc));
			st = SIPDNS_EDNS;
			break;
		}
		size_t nservers = 1;
		if (o->servers[v] != NULL) {
			rc = ares_set_servers_ports_csv(ch, o->servers[v]);
			if (rc != ARES_SUCCESS) {
				snprintf(err, errlen, "the %s view's servers '%s': %s",
					 sipdns_view_name((enum sipdns_view_id)v),
					 o->servers[v], ares_strerror(rc));
				ares_destroy(ch);
				st = SIPDNS_EUSAGE;
				break;
			}
			for (const char *p = o->servers[v]; *p; p++)
				nservers += *p == ',';
		} else {
			r->system_resolver[v] = true;
		}
		struct window w = { .ch = ch, .r = r, .o = o, .end = r->n_q,
				    .view = (enum sipdns_view_id)v, .total = count };
		/* c-ares sends to one server and fails over, so the per-server
		 * cap bounds the window as well as the total cap does */
		size_t per = (size_t)o->max_per_server * nservers;
		w.cap = o->max_in_flight < per ? o->max_in_flight : per;
		if (w.cap == 0)
			w.cap = 1;
		issue(&w);
		for (;;) {
			fd_set rd, wr;
			FD_ZERO(&rd);
			FD_ZERO(&wr);
			int nfds = ares_fds(ch, &rd, &wr);
			if (nfds == 0)
				break;
			struct timeval tv, *tvp = ares_timeout(ch, NULL, &tv);
			if (select(nfds, &rd, &wr, NULL, tvp) < 0 && errno != EINTR)
				break;
			ares_process(ch, &rd, &wr);
			issue(&w);
			double t = now_s();
			if (o->progress && t - last > 0.5) {
				fprintf(o->progress, "\r%s view: %zu of %zu answered",
					sipdns_view_name((enum sipdns_view_id)v),
					w.done, w.total);
				fflush(o->progress);
				last = t;
			}
		}
		ares_destroy(ch);
	}
	if (o->progress && now_s() - t0 > 0.5)
		fputs("\r\033[K", o->progress);
	ares_library_cleanup();
	r->seconds = now_s() - t0;
	return st;
}

/* ---- answers from zone files (diff) -------------------------------------- */

struct zrr {
	char *owner;
	ldns_rr *rr;
};

static int
zrr_cmp(const void *pa, const void *pb)
{
	return sipdns_name_cmp(((const struct zrr *)pa)->owner,
			       ((const struct zrr *)pb)->owner);
}

/* A domain name as sipdns keeps names: lower-case, no trailing dot;
 * malloc'd, NULL when out of memory. */
static char *
dname_str(const ldns_rdf *name)
{
	char *s = ldns_rdf2str(name);
	if (s == NULL)
		return NULL;
	size_t l = strlen(s);
	if (l > 1 && s[l - 1] == '.')
		s[--l] = '\0';
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

static char *
owner_str(const ldns_rr *rr)
{
	return dname_str(ldns_rr_owner(rr));
}

/* ldns 1.8's ldns_zone_new_frm_fp_l frees a second SOA but keeps a
 * pointer to it, and reads that on the next record without a TTL (a crash
 * the fuzzer found). A first pass with the per-record reader refuses a
 * second SOA, as named-checkzone does, unless it is the last record and
 * the same as the first: the closing SOA of a saved zone transfer (dig
 * AXFR). Then it rewinds fp; whatever else it finds wrong is left to the
 * zone reader, which says where. */
static bool
one_soa(FILE *fp, const ldns_rdf *origin, const char *path, char *err,
	size_t errlen)
{
	struct sipdns_rr_reader rd;
	sipdns_rr_reader_init(&rd, fp, origin);
	ldns_rr *first = NULL, *rr;
	int again = 0, line = 0;   /* again: line of a repeated SOA, so far */
	while (line == 0 && (rr = sipdns_rr_reader_next(&rd)) != NULL) {
		bool soa = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA;
		if (again > 0 || (soa && first != NULL &&
				  ldns_rr_compare(first, rr) != 0))
			/* a record after a repeated SOA, or another SOA */
			line = again > 0 ? again : rd.line;
		else if (soa && first != NULL)
			again = rd.line;
		else if (soa) {
			first = rr;
			continue;
		}
		ldns_rr_free(rr);
	}
	if (line > 0)
		snprintf(err, errlen, "%s:%d: error: a second SOA record (ending on this line); a zone has exactly one: delete it, or split the file by zone",
			 path, line);
	ldns_rr_free(first);
	sipdns_rr_reader_fini(&rd);
	rewind(fp);
	return line == 0;
}

enum sipdns_status
sipdns_zone_file_read(FILE *fp, const char *path, ldns_rr_list *rrs,
		      char **origin, char *err, size_t errlen)
{
	*origin = NULL;
	/* the file name gives the origin unless the file says otherwise */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char name[LDNS_MAX_DOMAINLEN + 2];
	snprintf(name, sizeof(name), "%s", base);
	char *dot = strrchr(name, '.');
	if (dot && (strcmp(dot, ".zone") == 0 || strcmp(dot, ".frag") == 0))
		*dot = '\0';
	const char *why;
	ldns_rdf *o = NULL;
	if (strlen(name) < LDNS_MAX_DOMAINLEN &&
	    sipdns_valid_hostname(name, strlen(name), &why)) {
		strcat(name, ".");
		o = ldns_dname_new_frm_str(name);
	}
	if (!one_soa(fp, o, path, err, errlen)) {
		ldns_rdf_deep_free(o);
		return SIPDNS_EINPUT;
	}
	ldns_zone *z = NULL;
	int line = 0;
	ldns_status st = ldns_zone_new_frm_fp_l(&z, fp, o, 3600, LDNS_RR_CLASS_IN, &line);
	if (st != LDNS_STATUS_OK) {
		snprintf(err, errlen, "%s:%d: error: %s", path, line,
			 ldns_get_errorstr_by_id(st));
		ldns_rdf_deep_free(o);
		return SIPDNS_EINPUT;
	}
	const ldns_rr *soa = ldns_zone_soa(z);
	char *on = soa ? owner_str(soa) : o ? dname_str(o) : NULL;
	ldns_rdf_deep_free(o);
	if (on == NULL) {
		snprintf(err, errlen, "%s: error: no SOA and a file name that is no zone name: cannot tell which zone this is; name the file ZONE.zone",
			 path);
		ldns_zone_deep_free(z);
		return SIPDNS_EINPUT;
	}
	enum sipdns_status rc = SIPDNS_OK;
	const ldns_rr_list *all = ldns_zone_rrs(z);
	for (size_t i = 0; i < ldns_rr_list_rr_count(all) && rc == SIPDNS_OK; i++) {
		ldns_rr *c = ldns_rr_clone(ldns_rr_list_rr(all, i));
		if (c == NULL || !ldns_rr_list_push_rr(rrs, c)) {
			ldns_rr_free(c);
			rc = SIPDNS_ENOMEM;
			snprintf(err, errlen, "%s: error: out of memory", path);
		}
	}
	ldns_zone_deep_free(z);
	if (rc == SIPDNS_OK)
		*origin = on;
	else
		free(on);
	return rc;
}

enum sipdns_status
sipdns_verify_answer_from_zone(struct sipdns_verify_result *r,
			       const struct sipdns_topology *t,
			       enum sipdns_view_id v, const ldns_rr_list *rrs,
			       const char *const *origins, size_t n_origins)
{
	size_t n = ldns_rr_list_rr_count(rrs);
	struct zrr *z = calloc(n ? n : 1, sizeof(*z));
	if (z == NULL)
		return SIPDNS_ENOMEM;
	enum sipdns_status st = SIPDNS_OK;
	for (size_t i = 0; i < n && st == SIPDNS_OK; i++) {
		z[i].rr = ldns_rr_list_rr(rrs, i);
		if ((z[i].owner = owner_str(z[i].rr)) == NULL)
			st = SIPDNS_ENOMEM;
	}
	if (st == SIPDNS_OK)
		qsort(z, n, sizeof(*z), zrr_cmp);
	size_t w = 0;
	for (size_t i = 0; i < r->n_q && st == SIPDNS_OK; i++) {
		struct sipdns_question q = r->q[i];
		if (q.view != v)
			continue;
		/* only names whose zone was given */
		const struct sipdns_zone *zone = sipdns_zone_for(t, v, q.name);
		bool given = false;
		for (size_t k = 0; zone && k < n_origins && !given; k++)
			given = strcmp(origins[k], zone->name) == 0;
		if (!given)
			continue;
		struct zrr key = { (char *)q.name, NULL };
		struct zrr *hit = bsearch(&key, z, n, sizeof(*z), zrr_cmp);
		q.answer = ldns_rr_list_new();
		if (q.answer == NULL) {
			st = SIPDNS_ENOMEM;
			break;
		}
		if (hit == NULL) {
			q.state = SIPDNS_Q_NXDOMAIN;
		} else {
			while (hit > z && zrr_cmp(hit - 1, &key) == 0)
				hit--;
			for (; hit < z + n && zrr_cmp(hit, &key) == 0; hit++) {
				ldns_rr_type ty = ldns_rr_get_type(hit->rr);
				if ((ty == q.type || (ty == LDNS_RR_TYPE_CNAME &&
				     q.type != LDNS_RR_TYPE_AAAA)) &&
				    !ldns_rr_list_push_rr(q.answer, ldns_rr_clone(hit->rr)))
					st = SIPDNS_ENOMEM;
			}
			q.state = ldns_rr_list_rr_count(q.answer) ? SIPDNS_Q_ANSWER
							     : SIPDNS_Q_NODATA;
		}
		r->q[w++] = q;
	}
	r->n_q = w;   /* questions of other views are dropped too */
	for (size_t i = 0; i < n; i++)
		free(z[i].owner);
	free(z);
	return st;
}

/* ---- comparing ---------------------------------------------------------- */

static char *
rr_text(const ldns_rr *rr)
{
	char *s = sipdns_rr_str(rr);
	if (s == NULL)
		return NULL;
	for (char *p = s; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return s;
}

/* Append rr's text to a newline-separated list. */
static bool
list_add(char **list, const ldns_rr *rr)
{
	char *s = rr_text(rr);
	if (s == NULL)
		return false;
	size_t a = *list ? strlen(*list) : 0, b = strlen(s);
	char *n = realloc(*list, a + b + 2);
	if (n == NULL) {
		free(s);
		return false;
	}
	if (a)
		n[a++] = '\n';
	memcpy(n + a, s, b + 1);
	*list = n;
	free(s);
	return true;
}

static struct sipdns_finding *
add_finding(struct sipdns_verify_result *r, enum sipdns_finding_kind k,
	    enum sipdns_severity sev, const struct sipdns_question *q,
	    const struct sipdns_record *exp, const struct sipdns_topology *t)
{
	if (r->n_f == r->cap_f) {
		size_t nc = r->cap_f ? r->cap_f * 2 : 16;
		struct sipdns_finding *nf = realloc(r->f, nc * sizeof(*nf));
		if (nf == NULL)
			return NULL;
		r->f = nf;
		r->cap_f = nc;
	}
	struct sipdns_finding *f = &r->f[r->n_f];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	f->severity = sev;
	f->view = q->view;
	f->type = q->type;
	f->name = malloc(strlen(q->name) + 2);
	char *tname = ldns_rr_type2str(q->type);
	const struct sipdns_zone *z = exp ? exp->zone
			: sipdns_zone_for(t, q->view, q->name);
	f->zone = z ? z->name : NULL;
	if (exp) {
		f->reason = exp->reason;
		f->fact = exp->fact;
	}
	if (f->name == NULL || tname == NULL) {
		free(f->name);
		free(tname);
		return NULL;
	}
	sprintf(f->name, "%s.", q->name);
	size_t kl = strlen(q->name) + strlen(tname) + 32;
	f->key = malloc(kl);
	if (f->key == NULL) {
		free(f->name);
		free(tname);
		return NULL;
	}
	snprintf(f->key, kl, "%s|%s|%s|%s", sipdns_finding_name(k),
		 sipdns_view_name(q->view), q->name, tname);
	free(tname);
	r->n_f++;
	if (sev == SIPDNS_ERROR)
		r->errors++;
	else if (sev == SIPDNS_WARNING)
		r->warnings++;
	return f;
}

/* The answer records at the question's name: of its type, or aliases. */
static ldns_rr_list *
actual_rrs(const struct sipdns_question *q)
{
	ldns_rr_list *out = ldns_rr_list_new();
	if (out == NULL || q->answer == NULL)
		return out;
	char buf[LDNS_MAX_DOMAINLEN + 2];
	snprintf(buf, sizeof(buf), "%s.", q->name);
	ldns_rdf *qn = ldns_dname_new_frm_str(buf);
	if (qn == NULL)
		return out;
	const ldns_rr_list *an = q->answer;
	for (size_t i = 0; i < ldns_rr_list_rr_count(an); i++) {
		ldns_rr *rr = ldns_rr_list_rr(an, i);
		ldns_rr_type t = ldns_rr_get_type(rr);
		/* aliases show in the A (or SRV) question, not again in AAAA */
		if ((t == q->type || (t == LDNS_RR_TYPE_CNAME &&
				      q->type != LDNS_RR_TYPE_AAAA)) &&
		    ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
		    ldns_dname_compare(ldns_rr_owner(rr), qn) == 0)
			ldns_rr_list_push_rr(out, rr);   /* borrowed */
	}
	ldns_rdf_deep_free(qn);
	return out;
}

/* Questions are in the record set's order (view, canonical name), so a
 * binary search finds a name's one or two questions. */
static const struct sipdns_question *
find_q(const struct sipdns_verify_result *r, enum sipdns_view_id v,
       const char *name, ldns_rr_type type)
{
	size_t lo = 0, hi = r->n_q;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sipdns_question *q = &r->q[mid];
		int c = q->view != v ? (q->view < v ? -1 : 1)
				     : sipdns_name_cmp(q->name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < r->n_q && r->q[i].view == v &&
	     strcmp(r->q[i].name, name) == 0; i++)
		if (r->q[i].type == type)
			return &r->q[i];
	return NULL;
}

static enum sipdns_status
compare_one(const struct sipdns_topology *t, const struct sipdns_recset *s,
	    const struct sipdns_verify_opts *o, struct sipdns_verify_result *r,
	    const struct sipdns_question *q)
{
	/* expected: records of the type at the name, or the alias there */
	const struct sipdns_record *exp[64];
	size_t ne = 0;
	const struct sipdns_record *first = sipdns_recset_find(s, q->view, q->name,
							       LDNS_RR_TYPE_ANY);
	bool self_reg = false;
	for (const struct sipdns_record *e = first;
	     e && e < s->v + s->n && e->view == q->view &&
	     strcmp(e->owner, q->name) == 0; e++) {
		ldns_rr_type et = ldns_rr_get_type(e->rr);
		if ((et == q->type || (et == LDNS_RR_TYPE_CNAME &&
				       q->type == LDNS_RR_TYPE_A)) && ne < 64) {
			r->expected++;
			exp[ne++] = e;
		}
		if (e->flags & SIPDNS_REC_SELF_REGISTERED)
			self_reg = true;
	}
	if (q->ignored)
		return SIPDNS_OK;
	switch (q->state) {
	case SIPDNS_Q_ANSWER: case SIPDNS_Q_NODATA: case SIPDNS_Q_NXDOMAIN:
		break;
	default: {
		/* failure is never absence */
		struct sipdns_finding *f = add_finding(r, SIPDNS_F_UNVERIFIED,
			SIPDNS_ERROR, q, ne ? exp[0] : NULL, t);
		if (f == NULL)
			return SIPDNS_ENOMEM;
		r->unverified++;
		char d[160];
		snprintf(d, sizeof(d), "could not verify: %s%s%s",
			 sipdns_qstate_name(q->state), q->detail[0] ? ": " : "",
			 q->detail);
		f->detail = strdup(d);
		for (size_t i = 0; i < ne; i++)
			if (!list_add(&f->want, exp[i]->rr))
				return SIPDNS_ENOMEM;
		return f->detail ? SIPDNS_OK : SIPDNS_ENOMEM;
	}
	}
	ldns_rr_list *act = actual_rrs(q);
	if (act == NULL)
		return SIPDNS_ENOMEM;
	size_t na = ldns_rr_list_rr_count(act);
	bool *used = calloc(na ? na : 1, sizeof(*used));
	bool *matched = calloc(ne ? ne : 1, sizeof(*matched));
	enum sipdns_status st = SIPDNS_OK;
	if (used == NULL || matched == NULL) {
		st = SIPDNS_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < ne; i++) {
		for (size_t k = 0; k < na; k++) {
			ldns_rr *a = ldns_rr_list_rr(act, k);
			if (used[k] || ldns_rr_compare(exp[i]->rr, a) != 0)
				continue;
			used[k] = matched[i] = true;
			bool own_ttl = exp[i]->flags & SIPDNS_REC_SELF_REGISTERED;
			if (o->ttl != SIPDNS_TTL_IGNORE && !own_ttl &&
			    ldns_rr_ttl(a) != ldns_rr_ttl(exp[i]->rr)) {
				struct sipdns_finding *f = add_finding(r, SIPDNS_F_TTL,
					o->ttl == SIPDNS_TTL_EXACT ? SIPDNS_ERROR
								   : SIPDNS_WARNING,
					q, exp[i], t);
				if (f == NULL || !list_add(&f->want, exp[i]->rr) ||
				    !list_add(&f->got, a)) {
					st = SIPDNS_ENOMEM;
					goto out;
				}
			} else {
				r->in_sync++;
			}
			break;
		}
	}
	size_t nmiss = 0, nextra = 0;
	for (size_t i = 0; i < ne; i++)
		nmiss += !matched[i];
	for (size_t k = 0; k < na; k++) {
		if (used[k])
			continue;
		ldns_rr_type at = ldns_rr_get_type(ldns_rr_list_rr(act, k));
		/* other self-registered data at a self-registered name, or
		 * anything beyond the expected set under the superset policy,
		 * is not drift */
		if (o->answers == SIPDNS_ANSWER_SUPERSET ||
		    (self_reg && (at == LDNS_RR_TYPE_A || at == LDNS_RR_TYPE_AAAA))) {
			used[k] = true;
			continue;
		}
		nextra++;
	}
	if (nmiss && nextra) {
		struct sipdns_finding *f = add_finding(r, SIPDNS_F_CHANGED,
			SIPDNS_ERROR, q, exp[0], t);
		if (f == NULL) {
			st = SIPDNS_ENOMEM;
			goto out;
		}
		for (size_t i = 0; i < ne; i++)
			if (!matched[i] && !list_add(&f->want, exp[i]->rr))
				st = SIPDNS_ENOMEM;
		for (size_t k = 0; k < na; k++)
			if (!used[k] && !list_add(&f->got, ldns_rr_list_rr(act, k)))
				st = SIPDNS_ENOMEM;
	} else {
		for (size_t i = 0; i < ne && nmiss; i++) {
			if (matched[i])
				continue;
			struct sipdns_finding *f = add_finding(r, SIPDNS_F_MISSING,
				SIPDNS_ERROR, q, exp[i], t);
			if (f == NULL || !list_add(&f->want, exp[i]->rr)) {
				st = SIPDNS_ENOMEM;
				goto out;
			}
			if (q->state == SIPDNS_Q_NXDOMAIN)
				f->detail = strdup("the name does not exist (NXDOMAIN)");
		}
		for (size_t k = 0; k < na; k++) {
			if (used[k])
				continue;
			struct sipdns_finding *f = add_finding(r, SIPDNS_F_UNEXPECTED,
				SIPDNS_ERROR, q, NULL, t);
			if (f == NULL || !list_add(&f->got, ldns_rr_list_rr(act, k))) {
				st = SIPDNS_ENOMEM;
				goto out;
			}
		}
	}
out:
	free(used);
	free(matched);
	ldns_rr_list_free(act);
	return st;
}

/* Each expected SRV target resolves to an IPv4 address in its view and is
 * not an alias (RFC 2782). */
static enum sipdns_status
follow_targets(const struct sipdns_topology *t, const struct sipdns_recset *s,
	       struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct sipdns_record *e = &s->v[i];
		if (ldns_rr_get_type(e->rr) != LDNS_RR_TYPE_SRV)
			continue;
		const char *target = e->target;
		const struct sipdns_question *qa = target
			? find_q(r, e->view, target, LDNS_RR_TYPE_A) : NULL;
		if (qa == NULL || qa->ignored || qa->answer == NULL)
			continue;
		ldns_rr_list *act = actual_rrs(qa);
		if (act == NULL)
			return SIPDNS_ENOMEM;
		bool alias = false, a = false;
		for (size_t k = 0; k < ldns_rr_list_rr_count(act); k++) {
			ldns_rr_type ty = ldns_rr_get_type(ldns_rr_list_rr(act, k));
			alias |= ty == LDNS_RR_TYPE_CNAME;
			a |= ty == LDNS_RR_TYPE_A;
		}
		ldns_rr_list_free(act);
		struct sipdns_finding *f = NULL;
		if (alias) {
			f = add_finding(r, SIPDNS_F_TARGET_ALIAS, SIPDNS_ERROR, qa, e, t);
			if (f)
				f->detail = strdup("the SRV target is an alias (CNAME); RFC 2782 forbids it: clients may fail to connect");
		} else if (!a) {
			const struct sipdns_question *q6 =
				find_q(r, e->view, target, LDNS_RR_TYPE_AAAA);
			if (q6 && q6->state == SIPDNS_Q_ANSWER) {
				f = add_finding(r, SIPDNS_F_AAAA_ONLY, SIPDNS_ERROR, qa, e, t);
				if (f)
					f->detail = strdup("the SRV target has only an IPv6 address; OCS 2007 R2 needs IPv4");
			}
		}
		if ((alias || (f && f->kind == SIPDNS_F_AAAA_ONLY)) &&
		    (f == NULL || f->detail == NULL))
			return SIPDNS_ENOMEM;
	}
	return SIPDNS_OK;
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct sipdns_finding *a = pa, *b = pb;
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	int c = strcmp(a->zone ? a->zone : "", b->zone ? b->zone : "");
	if (c)
		return c;
	c = strcmp(a->name, b->name);
	if (c)
		return c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return a->kind < b->kind ? -1 : a->kind > b->kind;
}

enum sipdns_status
sipdns_verify_compare(const struct sipdns_topology *t,
		      const struct sipdns_recset *s,
		      const struct sipdns_verify_opts *o,
		      struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_q; i++) {
		enum sipdns_status st = compare_one(t, s, o, r, &r->q[i]);
		if (st != SIPDNS_OK)
			return st;
	}
	enum sipdns_status st = follow_targets(t, s, r);
	if (st != SIPDNS_OK)
		return st;
	if (r->n_f > 1)
		qsort(r->f, r->n_f, sizeof(*r->f), finding_cmp);
	return SIPDNS_OK;
}

/* ---- state between runs ---------------------------------------------------- */

enum sipdns_status
sipdns_verify_state(struct sipdns_verify_result *r, const char *path,
		    long now, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char line[1200];
	if (fp == NULL && errno != ENOENT) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return SIPDNS_EIO;
	}
	while (fp && fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *tab = strchr(line, '\t');
		char *end;
		long since = tab ? strtol(line, &end, 10) : 0;
		if (tab == NULL || end != tab || since <= 0) {
			snprintf(err, errlen, "%s: not a sipdns state file (bad line '%.60s'); move it away", path, line);
			fclose(fp);
			return SIPDNS_EINPUT;
		}
		const char *key = tab + 1;
		bool current = false;
		for (size_t i = 0; i < r->n_f; i++)
			if (strcmp(r->f[i].key, key) == 0) {
				r->f[i].since = since;
				current = true;
			}
		if (!current) {
			struct sipdns_finding *nf = realloc(r->fixed,
					(r->n_fixed + 1) * sizeof(*nf));
			if (nf == NULL) {
				fclose(fp);
				return SIPDNS_ENOMEM;
			}
			r->fixed = nf;
			memset(&nf[r->n_fixed], 0, sizeof(*nf));
			nf[r->n_fixed].key = strdup(key);
			nf[r->n_fixed].since = since;
			if (nf[r->n_fixed].key == NULL) {
				fclose(fp);
				return SIPDNS_ENOMEM;
			}
			r->n_fixed++;
		}
	}
	if (fp)
		fclose(fp);
	/* write the new state beside the old, then rename */
	size_t tl = strlen(path) + 16;
	char *tmp = malloc(tl);
	if (tmp == NULL)
		return SIPDNS_ENOMEM;
	snprintf(tmp, tl, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (out == NULL) {
		snprintf(err, errlen, "%s: cannot write the state: %s", path, strerror(errno));
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
		snprintf(err, errlen, "%s: cannot write the state: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return SIPDNS_EIO;
	}
	free(tmp);
	return SIPDNS_OK;
}

static void
finding_fini(struct sipdns_finding *f)
{
	free(f->name);
	free(f->want);
	free(f->got);
	free(f->detail);
	free(f->key);
}

void
sipdns_verify_result_fini(struct sipdns_verify_result *r)
{
	for (size_t i = 0; i < r->n_q; i++)
		ldns_rr_list_deep_free(r->q[i].answer);
	free(r->q);
	for (size_t i = 0; i < r->n_f; i++)
		finding_fini(&r->f[i]);
	free(r->f);
	for (size_t i = 0; i < r->n_fixed; i++)
		finding_fini(&r->fixed[i]);
	free(r->fixed);
	memset(r, 0, sizeof(*r));
}
