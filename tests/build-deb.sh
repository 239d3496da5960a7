#!/bin/sh
# build-deb.sh -- build the Debian package of this tree with the
# distribution's tools (dpkg-buildpackage, debhelper), in a copy of the
# sources so the tree's own build is untouched, then check it with lintian
# (no errors allowed).
#
#   sh tests/build-deb.sh [--install] [OUTDIR]
#
# leaves OUTDIR/sipdns_VERSION_ARCH.deb (default OUTDIR: deb/ in the tree);
# --install first installs the packaging tools that are missing (the
# PACKAGING list below), then installs the package with apt-get (as root,
# or through sudo). tests/integration/package.sh runs it without --install.
set -eu
PACKAGING="build-essential debhelper dpkg-dev fakeroot lintian bash-completion"
src=$(cd "$(dirname "$0")/.." && pwd)
install=false
if [ "${1:-}" = --install ]; then install=true; shift; fi
out=${1:-$src/deb}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

if $install; then
	missing=""
	for p in $PACKAGING $(cat "$src/tests/debian-packages"); do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "installing:$missing"
		$sudo apt-get update -qq
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
	fi
fi
for t in dpkg-buildpackage dh lintian fakeroot; do
	command -v "$t" >/dev/null || { echo "build-deb.sh: $t is missing: install $PACKAGING (or run with --install)"; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sipdns-deb.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
mkdir "$work/sipdns"
# the sources: in a git checkout its files (tracked, and new ones not
# ignored: no build products); else (a release tarball) everything
if git -C "$src" rev-parse --show-toplevel 2>/dev/null | grep -qx "$src"; then
	(cd "$src" && git ls-files -co --exclude-standard | while IFS= read -r f; do
		[ -e "$f" ] && printf '%s\n' "$f"; done | tar cf - -T -) | tar xf - -C "$work/sipdns"
else
	# (not make distcheck's build and install directories, nor deb/)
	(cd "$src" && tar cf - --exclude=./deb --exclude=./_build --exclude=./_inst .) | tar xf - -C "$work/sipdns"
fi
chmod -R u+w "$work/sipdns"
[ -f "$work/sipdns/debian/rules" ] || { echo "build-deb.sh: no debian/ in $src"; exit 2; }

echo "build-deb.sh: dpkg-buildpackage -us -uc -b in $work/sipdns (log: $work/build.log)"
if ! (cd "$work/sipdns" && DEB_BUILD_OPTIONS="parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}" \
	dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1; then
	tail -40 "$work/build.log"
	echo "build-deb.sh: dpkg-buildpackage failed"
	exit 1
fi
deb=$(ls "$work"/sipdns_*.deb)
echo "build-deb.sh: lintian $(basename "$deb")"
lintian --fail-on error --no-tag-display-limit "$deb" > "$work/lintian.log" 2>&1 || {
	cat "$work/lintian.log"; echo "build-deb.sh: lintian found errors"; exit 1; }
sed 's/^/  lintian: /' "$work/lintian.log"
mkdir -p "$out"
cp "$deb" "$out/"
echo "build-deb.sh: wrote $out/$(basename "$deb")"
if $install; then
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$out/$(basename "$deb")" >/dev/null
	echo "build-deb.sh: installed; sipdns is $(command -v sipdns)"
fi
