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
echo "== out/external/contoso.com.zone"
cat out/external/contoso.com.zone

# serve both views from NSD on loopback (one server per view: the zone name
# is the same in both) and verify them
top_srcdir=$(pwd); SIPDNS=$(pwd)/sipdns
export top_srcdir SIPDNS
. tests/integration/lib.sh
mkdir -p "$TMP/internal" "$TMP/external"
cp out/internal/*.zone "$TMP/internal/"; cp out/external/*.zone "$TMP/external/"
PI=$(free_port); start_nsd "$TMP/internal" "$PI"
PE=$(free_port); start_nsd "$TMP/external" "$PE"
echo "== sipdns verify --no-recurse --server internal=127.0.0.1:$PI --server external=127.0.0.1:$PE zones/walkthrough.yaml"
./sipdns verify --no-recurse --server internal=127.0.0.1:$PI --server external=127.0.0.1:$PE zones/walkthrough.yaml
