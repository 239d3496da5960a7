#!/bin/sh
# quickstart.sh -- a fresh Debian 12 machine to a working sipdns: install
# what is missing, build, then run the main job on the walkthrough topology.
set -eu
cd "$(dirname "$0")/.."
missing=""
for p in $(cat tests/debian-packages); do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "installing:$missing"
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ -x configure ] || autoreconf -fi >/dev/null 2>&1
[ -f Makefile ] || ./configure -q
make -s -j"$(nproc)" >/dev/null
echo "== sipdns check zones/walkthrough.yaml"
./sipdns check zones/walkthrough.yaml
echo "== sipdns generate -o out zones/walkthrough.yaml"
./sipdns generate -o out zones/walkthrough.yaml
echo "== out/internal/contoso.com.zone"
cat out/internal/contoso.com.zone
