/* roundtrip.h -- generate's zone files read back by ldns give exactly the
 * record set (the topology fuzzer's oracle)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_FUZZ_ROUNDTRIP_H
#define SIPDNS_FUZZ_ROUNDTRIP_H

struct sipdns_topology;
struct sipdns_recset;

/* Render every (view, zone) of the finished, checked set s of t as
 * generate does (zone and fragment formats, in memory), read each text
 * back with ldns's zone reader, and compare: every record of s in exactly
 * one file, at its view and zone, with the same owner, type, TTL and
 * rdata; nothing else in a zone file but its SOA, its NS, the NS of the
 * zones it delegates to and their glue. A mismatch is printed to stderr
 * and abort()s, so that a fuzzer reports it. A zone the renderer refuses
 * (no name servers) is skipped: that refusal is a diagnostic. */
void fuzz_roundtrip(const struct sipdns_topology *t,
		    const struct sipdns_recset *s);

#endif
