#!/bin/sh
# baseline.sh DIR [COMMIT] -- make bench-baseline: build sipdns as it was
# at COMMIT (default 7b31daa, the landed build issue 13 measured: 600,052
# records at 100,000 SIP domains, check 1.82 s and 463 MB on the machine
# of the issue) into DIR/sipdns, from this source tree's git history, so
# that make bench times that build beside this one on the same machine in
# the same run, built with $CFLAGS. Needs git and what the quick start
# installs (autoconf, automake, the -dev packages).
set -e
dir=${1:?usage: baseline.sh DIR [COMMIT]}
commit=${2:-7b31daa}
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
command -v git >/dev/null || { echo "bench-baseline needs git (Debian: git)" >&2; exit 1; }
# this tree's own history, not that of a clone it happens to sit in
top=$(git -C "$top_srcdir" rev-parse --show-toplevel 2>/dev/null || true)
if [ -z "$top" ] || [ "$(cd "$top" && pwd -P)" != "$(cd "$top_srcdir" && pwd -P)" ]; then
	echo "bench-baseline: $top_srcdir is not a git clone (a release tarball has no history: use a clone of the repository)" >&2
	exit 1
fi
if ! git -C "$top_srcdir" rev-parse --verify -q "$commit^{commit}" >/dev/null; then
	echo "bench-baseline: $top_srcdir has no commit $commit (a shallow clone lacks it: git fetch --unshallow)" >&2
	exit 1
fi
full=$(git -C "$top_srcdir" rev-parse "$commit^{commit}")
if [ -x "$dir/sipdns" ] && [ "$(cat "$dir/commit" 2>/dev/null)" = "$full ${CFLAGS:--g -O2}" ]; then
	echo "$dir/sipdns"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/src"
git -C "$top_srcdir" archive "$full" | tar -x -C "$dir/src"
# with the CFLAGS of the build it is timed beside (make bench-baseline
# passes them; -g -O2 otherwise, configure's default)
(
	cd "$dir/src" && autoreconf -fi && ./configure CFLAGS="${CFLAGS:--g -O2}" &&
		make -j"$(nproc)" sipdns
) > "$dir/build.log" 2>&1 || { echo "bench-baseline: the build of $commit failed; see $dir/build.log" >&2; exit 1; }
cp "$dir/src/sipdns" "$dir/sipdns"
echo "$full ${CFLAGS:--g -O2}" > "$dir/commit"
echo "$dir/sipdns"
