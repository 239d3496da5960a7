/* format.c -- the output formats: one table of names, extensions and
 * renderers
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "format.h"

#include <string.h>

#include "group.h"
#include "render.h"

static const struct sipdns_format_info formats[SIPDNS_FMT_COUNT] = {
	[SIPDNS_FMT_ZONE] = { "zone", ".zone", "\n",
			      sipdns_render_zone_file, false, true },
	[SIPDNS_FMT_FRAGMENT] = { "fragment", ".frag", "\n",
				  sipdns_render_zone_fragment, false, false },
	[SIPDNS_FMT_NSUPDATE] = { "nsupdate", ".nsupdate", "\n",
				  sipdns_render_nsupdate, false, false },
	[SIPDNS_FMT_DNSCMD] = { "dnscmd", ".cmd", "\r\n",
				sipdns_render_windows_dnscmd, false, false },
	[SIPDNS_FMT_POWERSHELL] = { "powershell", ".ps1", "\r\n",
				    sipdns_render_windows_powershell, false,
				    false },
	[SIPDNS_FMT_JSON] = { "json", ".json", "\n",
			      sipdns_render_json, true, false },
	[SIPDNS_FMT_HOSTS] = { "hosts", ".hosts", "\r\n",
			       sipdns_render_hosts, true, false },
};

const struct sipdns_format_info *
sipdns_format_info(enum sipdns_format f)
{
	return &formats[f];
}

bool
sipdns_format_parse(const char *name, enum sipdns_format *out)
{
	for (size_t i = 0; i < SIPDNS_FMT_COUNT; i++)
		if (strcmp(formats[i].name, name) == 0) {
			*out = (enum sipdns_format)i;
			return true;
		}
	return false;
}

const char *
sipdns_format_name(enum sipdns_format f)
{
	return formats[f].name;
}

const char *
sipdns_format_ext(enum sipdns_format f)
{
	return formats[f].ext;
}

enum sipdns_status
sipdns_format_render(FILE *fp, const struct sipdns_topology *t,
		     const struct sipdns_group *g, size_t ng,
		     const struct sipdns_output_opts *o, uint32_t serial,
		     struct sipdns_diag *d)
{
	const struct sipdns_format_info *f = &formats[o->format];
	if (f->document)
		return f->render(fp, t, g, ng, o, serial, d);
	for (size_t i = 0; i < ng; i++) {
		if (i > 0)
			fputs(f->sep, fp);
		enum sipdns_status st = f->render(fp, t, &g[i], 1, o, serial, d);
		if (st != SIPDNS_OK)
			return st;
	}
	return SIPDNS_OK;
}
