#!/bin/sh
# baseline.sh DIR [COMMIT] -- make bench-baseline: build sipdns as it was
# at COMMIT (default 7b31daa, the landed build issue 13 measured: 600,052
# records at 100,000 SIP domains, check 1.82 s and 463 MB on the machine
# of the issue) into DIR/sipdns, from this source tree's git history, so
# that make bench times that build beside this one on the same machine in
# the same run. Needs git and what the quick start installs (autoconf,
# automake, the -dev packages).
set -e
dir=${1:?usage: baseline.sh DIR [COMMIT]}
commit=${2:-7b31daa}
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
command -v git >/dev/null || { echo "bench-baseline needs git (Debian: git)" >&2; exit 1; }
if ! git -C "$top_srcdir" rev-parse --verify -q "$commit^{commit}" >/dev/null; then
	echo "bench-baseline: $top_srcdir has no commit $commit (a release tarball has no history: use a clone of the repository)" >&2
	exit 1
fi
full=$(git -C "$top_srcdir" rev-parse "$commit^{commit}")
if [ -x "$dir/sipdns" ] && [ "$(cat "$dir/commit" 2>/dev/null)" = "$full" ]; then
	echo "$dir/sipdns"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/src"
git -C "$top_srcdir" archive "$full" | tar -x -C "$dir/src"
(
	cd "$dir/src"
	autoreconf -fi
	./configure
	make -j"$(nproc)" sipdns
) > "$dir/build.log" 2>&1 || { echo "bench-baseline: the build of $commit failed; see $dir/build.log" >&2; exit 1; }
cp "$dir/src/sipdns" "$dir/sipdns"
echo "$full" > "$dir/commit"
echo "$dir/sipdns"
