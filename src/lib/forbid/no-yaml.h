/* no-yaml.h -- forced into every module but yamltree.c
 *
 * libyaml is used in one place, src/lib/yamltree.c (README "Layout"); a
 * libyaml header anywhere else stops the build at its first type,
 * "attempt to use poisoned". Read the node tree of yamltree.h instead.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma GCC poison yaml_parser_t yaml_event_t yaml_mark_t yaml_char_t
