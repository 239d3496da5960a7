/* parse.h -- YAML topology to model (the node tree walked into the model)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_PARSE_H
#define SIPDNS_PARSE_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

struct sipdns_topology;

/* The largest topology read; the tree's own limits are in yamltree.h. */
#define SIPDNS_MAX_FILE_SIZE   (64u * 1024 * 1024)

/* Parse a topology from a buffer. name is used in diagnostics (and must
 * outlive the diagnostics). On SIPDNS_OK *out is a new topology the caller
 * frees with sipdns_topology_destroy; otherwise every problem found is in d
 * and *out is untouched. Warnings may be added on success too. */
enum sipdns_status sipdns_parse_buffer(const char *buf, size_t len,
				       const char *name,
				       struct sipdns_topology **out,
				       struct sipdns_diag *d);

/* Read and parse a file (see sipdns_parse_buffer). *srcp receives the file's
 * text (malloc'd, caller frees; may be NULL) so that diagnostics can echo
 * lines. A file that cannot be read is SIPDNS_EIO with a diagnostic. */
enum sipdns_status sipdns_parse_file(const char *path,
				     struct sipdns_topology **out,
				     struct sipdns_diag *d, char **srcp,
				     size_t *srclenp);

#endif
