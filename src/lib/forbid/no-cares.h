/* no-cares.h -- forced into every module but resolve.c
 *
 * c-ares is used in one place, src/lib/resolve.c (README "Layout"); a
 * c-ares header anywhere else stops the build at its first type,
 * "attempt to use poisoned". Ask DNS through resolve.h instead.
 *
 * SPDX-License-Identifier: MIT
 */
#pragma GCC poison ares_channel ares_socket_t ares_callback
