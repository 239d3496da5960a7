/* fuzz_answer.c -- DNS answer bytes -> ldns -> comparison with the
 * expected set. Input: one byte choosing the question, then the wire data.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fuzz.h"

#include <stdbool.h>

#include "fuzz_common.h"
#include "resolve.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct fuzz_env *e = fuzz_env();
	struct sipdns_verify_opts o = { .view = -1 };
	struct sipdns_verify_result r;
	memset(&r, 0, sizeof(r));
	if (sipdns_verify_questions(e->t, &e->s, &o, &r) == SIPDNS_OK && r.n_q) {
		/* every question gets an answer; the chosen one the fuzzed bytes */
		size_t pick = data[0] % r.n_q;
		for (size_t i = 0; i < r.n_q; i++) {
			struct sipdns_reply rep = { .kind = SIPDNS_REPLY_NODATA };
			if (i == pick) {
				rep = (struct sipdns_reply){ .kind = SIPDNS_REPLY_WIRE,
					.wire = data + 1, .len = size - 1 };
				r.q[i].no_recurse = (data[0] & 0x80) != 0;
			}
			if (rep.kind != SIPDNS_REPLY_WIRE || rep.len > 0)
				sipdns_answer_take(&r.q[i], &rep);
			else
				r.q[i].state = SIPDNS_Q_ERROR;
		}
		sipdns_compare(e->t, &e->s, &o, &r);
		/* failure is never absence: a failed question yields no missing,
		 * changed or unexpected finding */
		const struct sipdns_question *q = &r.q[pick];
		bool failed = q->state != SIPDNS_Q_ANSWER &&
			      q->state != SIPDNS_Q_NODATA &&
			      q->state != SIPDNS_Q_NXDOMAIN;
		size_t nl = strlen(q->name);
		for (size_t i = 0; failed && i < r.n_f; i++) {
			const struct sipdns_finding *f = &r.f[i];
			if (f->view == q->view && f->type == q->type && strncmp(f->name, q->name, nl) == 0 &&
			    f->name[nl] == '.' && f->name[nl + 1] == '\0' &&
			    (f->kind == SIPDNS_F_MISSING || f->kind == SIPDNS_F_CHANGED ||
			     f->kind == SIPDNS_F_UNEXPECTED || f->kind == SIPDNS_F_TTL))
				abort();
		}
	}
	sipdns_verify_result_fini(&r);
	return 0;
}
