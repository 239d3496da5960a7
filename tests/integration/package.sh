#!/bin/sh
# package.sh -- the Debian package (issue 16): dpkg-buildpackage -us -uc -b
# in a copy of the tree (tests/build-deb.sh, which also runs lintian and
# fails on any error), the .deb unpacked into a throwaway root with dpkg -x
# (nothing on this system changes), then the installed files: sipdns runs
# 'check' on every installed example, the man page, the schemas, the bash
# completion through the installed binary, the systemd units' paths and the
# config file they read, and the timer left disabled by the maintainer
# scripts. About 90 s (the package build).
. "$top_srcdir/tests/integration/lib.sh"

# Under check-valgrind SIPDNS is the valgrind wrapper: the package is built
# by the distribution's tools with its own compiler run, so building it
# again under memcheck would prove nothing about this binary.
case $SIPDNS in
*/tests/valgrind-sipdns)
	echo "SKIP: under valgrind (check-valgrind): building the Debian package proves nothing there; make check and make test run this test"
	exit 77 ;;
esac
for t in dpkg-buildpackage dh lintian fakeroot; do
	command -v "$t" >/dev/null || skip "needs $t (Debian packages debhelper dpkg-dev fakeroot lintian)"
done

t0=$(date +%s)
if sh "$top_srcdir/tests/build-deb.sh" "$TMP/deb" > "$TMP/build.out" 2>&1; then
	pass "dpkg-buildpackage -us -uc -b and lintian without errors ($(($(date +%s) - t0)) s)"
else
	fail "the package did not build, or lintian found errors"
	sed 's/^/  | /' "$TMP/build.out" | tail -40
	finish
fi
deb=$(ls "$TMP"/deb/sipdns_*.deb)
root=$TMP/root
dpkg -x "$deb" "$root" && pass "dpkg -x $(basename "$deb") into a throwaway root" || fail "dpkg -x $deb"
bin=$root/usr/bin/sipdns
ex=$root/usr/share/doc/sipdns/examples

# the binary, on an installed example, and on every example
expect_rc 0 "installed sipdns check on the installed walkthrough example" -- "$bin" check "$ex/walkthrough.yaml"
expect_in "$TMP/out" "walkthrough.yaml: ok:" "its check says ok"
n=0
for f in "$top_srcdir"/zones/*.yaml; do
	n=$((n + 1))
	b=$(basename "$f")
	if [ ! -f "$ex/$b" ]; then fail "example $b is not installed in /usr/share/doc/sipdns/examples"
	elif ! cmp -s "$f" "$ex/$b"; then fail "example $b is installed changed (compressed?)"
	elif ! "$bin" check --quiet "$ex/$b" > "$TMP/ex.out" 2>&1; then fail "installed check of $b"; cat "$TMP/ex.out"
	else pass "example $b installed as is, and checks"; fi
done
[ "$n" -gt 0 ] || fail "no example topology in zones/"
"$bin" --version | grep -q "^sipdns " && pass "installed sipdns --version" || fail "installed sipdns --version"

# man page, schemas (every file of schema/, so the output schemas too)
[ -f "$root/usr/share/man/man1/sipdns.1.gz" ] && pass "man page /usr/share/man/man1/sipdns.1.gz" || fail "no man page"
if command -v man >/dev/null && [ -f "$root/usr/share/man/man1/sipdns.1.gz" ]; then
	MANWIDTH=80 man -l "$root/usr/share/man/man1/sipdns.1.gz" 2>/dev/null | grep -q "FILES" \
		&& pass "the installed man page opens, with its FILES section" || fail "man -l of the installed page: no FILES section"
fi
for f in "$top_srcdir"/schema/*; do
	cmp -s "$f" "$root/usr/share/sipdns/$(basename "$f")" && pass "schema $(basename "$f") in /usr/share/sipdns" \
		|| fail "schema $(basename "$f") not installed in /usr/share/sipdns"
done

# bash completion: the installed script, driving the installed binary
comp=$root/usr/share/bash-completion/completions/sipdns
if [ ! -f "$comp" ]; then fail "no /usr/share/bash-completion/completions/sipdns"
elif [ ! -f /usr/share/bash-completion/bash_completion ]; then skip "needs bash-completion"
else
	PATH="$root/usr/bin:$PATH" bash -c '
		. /usr/share/bash-completion/bash_completion; . "$1"
		COMP_WORDS=(sipdns gen); COMP_CWORD=1; COMP_LINE="sipdns gen"; COMP_POINT=${#COMP_LINE}
		_sipdns; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" > "$TMP/comp.out" 2>&1
	grep -qx generate "$TMP/comp.out" && pass "installed completion: 'sipdns gen<TAB>' gives generate" \
		|| { fail "installed completion of 'sipdns gen'"; cat "$TMP/comp.out"; }
fi

# systemd: units with working paths, the config file they read, disabled
svc=$root/lib/systemd/system/sipdns-verify.service
tmr=$root/lib/systemd/system/sipdns-verify.timer
conf=$root/etc/sipdns/sipdns.conf
[ -f "$svc" ] && [ -f "$tmr" ] && pass "service and timer in /lib/systemd/system" || fail "service or timer missing"
[ -f "$conf" ] && pass "config file /etc/sipdns/sipdns.conf" || fail "no /etc/sipdns/sipdns.conf"
if [ -f "$svc" ]; then
	exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$svc")
	[ -n "$exe" ] && [ -x "$root$exe" ] && pass "ExecStart= runs $exe, which the package installs" \
		|| fail "ExecStart= runs '$exe', not in the package"
	envf=$(sed -n 's/^EnvironmentFile=//p' "$svc")
	[ "$envf" = /etc/sipdns/sipdns.conf ] && pass "the service reads /etc/sipdns/sipdns.conf" \
		|| fail "EnvironmentFile= is '$envf'"
	grep -q '@[a-z]*@' "$svc" "$conf" && fail "an unsubstituted @path@ is left" || pass "no @path@ left unsubstituted"
	grep -q '^\[Install\]' "$svc" && fail "the service has an [Install] section: it should be started by the timer only" \
		|| pass "the service is started by the timer only"
fi
# the config's options are what the installed verify accepts (its
# questions are printed without asking any server)
if [ -f "$conf" ]; then
	(set -a; . "$conf"; "$bin" verify --print-questions $SIPDNS_VERIFY_OPTIONS "$ex/walkthrough.yaml") \
		> "$TMP/q.out" 2>&1 && grep -q "_sipinternaltls._tcp" "$TMP/q.out" \
		&& pass "the config's SIPDNS_VERIFY_OPTIONS are accepted by the installed verify" \
		|| { fail "installed verify with the config's options"; head -5 "$TMP/q.out"; }
fi
dpkg -e "$deb" "$TMP/ctl"
grep -qx /etc/sipdns/sipdns.conf "$TMP/ctl/conffiles" && pass "the config file is a conffile (kept on upgrade)" \
	|| fail "/etc/sipdns/sipdns.conf is not a conffile"
# disabled on a new install: dh_installsystemd --no-enable wraps the enable
# in "debian-installed" (only an upgrade of an installed, enabled timer
# re-enables it); without --no-enable, "was-enabled" is true on a first
# install and the timer would be enabled
if grep -q "deb-systemd-helper debian-installed 'sipdns-verify.timer'" "$TMP/ctl/postinst"; then
	pass "the timer stays disabled until the admin enables it"
else
	fail "postinst enables the timer on a new install"; cat "$TMP/ctl/postinst"
fi
grep -q "deb-systemd-invoke start" "$TMP/ctl/postinst" && fail "postinst starts a unit" || pass "postinst starts nothing"
finish
