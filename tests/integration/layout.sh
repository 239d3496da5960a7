#!/bin/sh
# layout.sh -- the tree keeps its shape (README "Layout"): each library
# used in one place, product knowledge only in its profile, the command
# line on the public header alone, and files and functions short enough
# to read.
. "$top_srcdir/tests/integration/lib.sh"
cd "$top_srcdir" || exit 99

only() { # only WHAT PATTERN ALLOWED...: the files of src/lib that match
	what=$1; pat=$2; shift 2
	got=$(grep -l -i -E -- "$pat" src/lib/*.c src/lib/*.h | sort | tr '\n' ' ')
	want=$(for f in "$@"; do echo "src/lib/$f"; done | sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then pass "$what only in: $*"; else fail "$what in: $got (want: $want)"; fi
}
only "c-ares calls" 'ares_[a-z_]+\(|<ares\.h>' resolve.c
only "libyaml calls" 'yaml_[a-z_]+\(|<yaml\.h>' yamltree.c
only "OCS 2007 R2 knowledge" 'ocs2007r2|OCS 2007 R2' profile.c profile_ocs2007r2.c \
	profile_ocs2007r2_certs.c profile_ocs2007r2_certs.h profile_ocs2007r2_discover.c \
	profile_ocs2007r2_perimeter.c profile_ocs2007r2_perimeter.h \
	profile_ocs2007r2_pinpoint.c profile_ocs2007r2_pinpoint.h
only "OpenSSL calls" '<openssl/|X509_[a-z_]+\(' certs_pem.c

bad=$(grep -H '^#include "' src/cli/*.c | grep -v -E '"(config|sipdns)\.h"' |
	while IFS=: read -r f inc; do
		h=$(echo "$inc" | sed 's/.*"\(.*\)".*/\1/')
		[ -f "src/cli/$h" ] || echo "$f: $h"
	done)
if [ -z "$bad" ]; then pass "src/cli includes only sipdns.h and its own headers"; else fail "src/cli includes library internals: $bad"; fi
if grep -q -E 'ldns_|ares_|yaml_|<ldns|<ares|<yaml' src/lib/sipdns.h; then fail "sipdns.h names a third-party type"; else pass "sipdns.h holds no ldns, c-ares or libyaml type"; fi

long=$(awk 'FNR == 1 { start = 0 }
	/^[a-z_][a-z0-9_]*\(/ && !start { start = FNR; name = $0; sub(/\(.*/, "", name) }
	/^}/ && start { if (FNR - start + 1 > 80) print FILENAME ":" start ": " name " (" FNR - start + 1 " lines)"; start = 0 }' \
	src/lib/*.c src/cli/*.c)
if [ -z "$long" ]; then pass "no function over 80 lines"; else fail "functions over 80 lines: $long"; fi
big=$(wc -l src/lib/*.[ch] src/cli/*.[ch] | awk '$2 != "total" && $1 > 800 { print $2 " (" $1 ")" }')
if [ -z "$big" ]; then pass "no file over 800 lines"; else fail "files over 800 lines: $big"; fi
# the build's guard: where a library may not be used, its header fails
for pair in no-ldns:ldns/ldns.h no-cares:ares.h no-yaml:yaml.h; do
	printf '#include <%s>\nint main(void) { return 0; }\n' "${pair#*:}" > "$TMP/probe.c"
	if ${CC:-cc} -include "src/lib/forbid/${pair%%:*}.h" -c "$TMP/probe.c" -o "$TMP/probe.o" 2> "$TMP/probe.err"; then
		fail "forbid/${pair%%:*}.h lets <${pair#*:}> compile"
	elif grep -q poison "$TMP/probe.err"; then pass "forbid/${pair%%:*}.h refuses <${pair#*:}>"
	else fail "<${pair#*:}> failed, but not for the guard:"; head -3 "$TMP/probe.err"; fi
done
for g in base:'$(NO_LDNS) $(NO_CARES) $(NO_YAML)' yaml:'$(NO_LDNS) $(NO_CARES)' cares:'$(NO_LDNS) $(NO_YAML)' core:'$(NO_CARES) $(NO_YAML)'; do
	if grep -qF "libsipdns_${g%%:*}_a_CFLAGS = \$(AM_CFLAGS)" Makefile.am &&
	   grep "libsipdns_${g%%:*}_a_CFLAGS" Makefile.am | grep -qF "${g#*:}"; then
		pass "libsipdns_${g%%:*} is built with ${g#*:}"
	else fail "libsipdns_${g%%:*} is not built with ${g#*:}"; fi
done
if grep '^sipdns_CFLAGS' Makefile.am | grep -qF '$(NO_LDNS) $(NO_CARES) $(NO_YAML)'; then
	pass "the command line is built with no third-party library"
else fail "sipdns_CFLAGS lets the command line use a third-party library"; fi
n=$(wc -l < src/cli/main.c)
if [ "$n" -le 250 ]; then pass "main.c has $n lines"; else fail "main.c has $n lines, over 250"; fi
finish
