/* preflight.c -- verify --teams-only-preflight: the job read as TeamsOnly,
 * and what stands between each SIP domain and TeamsOnly
 *
 * The questions and the comparison are verify's own (verify.c,
 * compare.c); this file only rebuilds the job's records with every SIP
 * domain TeamsOnly (m365.c) and sorts the findings by SIP domain.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "sipdns.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"
#include "m365.h"
#include "model.h"
#include "records.h"

enum sipdns_status
sipdns_job_teams_only_preflight(struct sipdns_job *j)
{
	if (j->t == NULL || !j->set_ready)
		return SIPDNS_EINPUT;
	j->t->m365_preflight = true;
	sipdns_recset_fini(&j->set);
	j->set_ready = false;
	if (sipdns_recset_init(&j->set) != SIPDNS_OK)
		return SIPDNS_ENOMEM;
	j->set_ready = true;
	return sipdns_generate(j->t, &j->set, &j->diag);
}

size_t
sipdns_job_sip_domains(const struct sipdns_job *j)
{
	return j->t ? j->t->n_sip_domains : 0;
}

/* Is the finding's name (with its trailing dot) sip or under it? */
static bool
under(const char *name, const char *sip)
{
	size_t n = strlen(name), k = strlen(sip);
	if (n > 0 && name[n - 1] == '.')
		n--;
	return (n == k && strncmp(name, sip, k) == 0) ||
	       (n > k && name[n - k - 1] == '.' && strncmp(name + n - k, sip, k) == 0);
}

void
sipdns_job_preflight_domain(const struct sipdns_job *j,
			    const struct sipdns_verify_result *r, size_t i,
			    struct sipdns_preflight_domain *out)
{
	static const char *const modes[] = { "on_premises", "hybrid", "teams_only" };
	memset(out, 0, sizeof(*out));
	const struct sipdns_sip_domain *sd = &j->t->sip_domains[i];
	out->name = sd->name;
	out->mode = modes[sd->m365];
	char owner[300];
	for (size_t k = 0; k < r->n_f; k++) {
		const struct sipdns_finding *f = &r->f[k];
		if (!under(f->name, sd->name) || f->kind == SIPDNS_F_TTL)
			continue;
		size_t n = strlen(f->name);
		snprintf(owner, sizeof(owner), "%.*s", (int)(n && f->name[n - 1] == '.' ? n - 1 : n), f->name);
		bool gate = f->view == SIPDNS_VIEW_EXTERNAL &&
			    sipdns_m365_gate_name(owner, sd->name);
		if (f->kind == SIPDNS_F_UNVERIFIED)
			out->unverified++;
		else if (gate && f->kind != SIPDNS_F_MISSING)
			out->gate_refuses++;   /* on premises or elsewhere: M365-G1 */
		else if (f->kind == SIPDNS_F_MISSING)
			out->missing++;
		else
			out->beyond_gate++;    /* internal, must-not-exist, wildcard */
	}
}
