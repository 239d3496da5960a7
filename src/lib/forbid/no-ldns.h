/* no-ldns.h -- forced into the modules that may not use ldns
 *
 * The build gives each module only the library it uses (README "Layout").
 * This header is included first (-include) in the others: an ldns header
 * there stops the build at its first type, "attempt to use poisoned".
 * Move the code to a module that may use ldns, or ask through one.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma GCC poison ldns_rr ldns_rdf ldns_pkt ldns_buffer ldns_zone ldns_rr_list
