#!/bin/sh
# outschema.sh -- every JSON output of sipdns is valid under its schema
# (schema/NAME.output.schema.json, python3-jsonschema: a real validator),
# as written by real runs: generate -f json of every example; verify
# against a real NSD in sync, drifted with findings of every kind, and with
# a server down (unverified) and --state; verify --between; diff in sync
# and drifted; the plans of verify and diff; certs (list and --pem);
# discover. Each document also carries schema_version 1.
. "$top_srcdir/tests/integration/lib.sh"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY -c 'import jsonschema' 2>/dev/null || skip "needs python3-jsonschema"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
Z=$top_srcdir/zones
W=$Z/walkthrough.yaml
O=$TMP/json; mkdir -p "$O"
# run NAME.SCHEMA RC -- command: its stdout kept as $O/NAME.SCHEMA.json
run() {
	n=$1; want=$2; shift 3
	"$@" > "$O/$n.json" 2>"$TMP/err"; rc=$?
	[ "$rc" -eq "$want" ] && pass "$n: exit $rc" || { fail "$n: exit $rc, want $want"; head -5 "$TMP/err"; }
}
for y in "$Z"/*.yaml; do
	b=$(basename "$y" .yaml)
	run "$b.generate" 0 -- "$SIPDNS" generate -q -f json "$y"
done
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99
# drifted: every kind of finding (sed on the external zone, and on the
# internal one an AAAA where the pool's A belongs)
mkdir -p "$TMP/bad"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/bad/"
sed -i -e '/^_sip\._tls/d' -e 's/131\.107\.155\.20/131.107.155.21/' \
	-e 's/^av\.contoso\.com\.\t3600/av.contoso.com.\t300/' -e '/^sip\.contoso\.com\./d' \
	"$TMP/bad/external/contoso.com.zone"
printf 'sip.contoso.com. 3600 IN CNAME av.contoso.com.\n_sipfederationtls._tcp.contoso.com. 3600 IN SRV 0 0 5061 oldedge.contoso.com.\n' >> "$TMP/bad/external/contoso.com.zone"
sed -i 's/^ocs01\.contoso\.com\.\t3600\tIN\tA\t10\.0\.0\.10$/ocs01.contoso.com.\t3600\tIN\tAAAA\t2001:db8::10/' "$TMP/bad/internal/contoso.com.zone"
GI=$(free_port); start_nsd "$TMP/good/internal" "$GI"
GE=$(free_port); start_nsd "$TMP/good/external" "$GE"
BI=$(free_port); start_nsd "$TMP/bad/internal" "$BI"
BE=$(free_port); start_nsd "$TMP/bad/external" "$BE"
DEAD=$(free_port)
V="$SIPDNS verify --no-recurse -f json --timeout 200 --tries 1"
run sync.verify 0 -- $V -s internal=127.0.0.1:$GI -s external=127.0.0.1:$GE "$W"
run drift.verify 1 -- $V -s internal=127.0.0.1:$BI -s external=127.0.0.1:$BE "$W"
run state1.verify 1 -- $V --state "$TMP/state" -s internal=127.0.0.1:$BI -s external=127.0.0.1:$BE "$W"
run state2.verify 3 -- $V --state "$TMP/state" -s internal=127.0.0.1:$GI -s external=127.0.0.1:$DEAD "$W"
run drift.plan 1 -- $V --plan json -s internal=127.0.0.1:$BI -s external=127.0.0.1:$BE "$W"
run cutover.between 1 -- "$SIPDNS" verify --between old=127.0.0.1:$GE new=127.0.0.1:$BE --view external -f json --timeout 200 --tries 1 "$W"
run sync.diff 0 -- "$SIPDNS" diff -f json "$W" "$TMP/good/internal/contoso.com.zone" "$TMP/good/external/contoso.com.zone"
run drift.diff 1 -- "$SIPDNS" diff -f json "$W" "$TMP/bad/internal/contoso.com.zone" "$TMP/bad/external/contoso.com.zone"
run diff.plan 1 -- "$SIPDNS" diff --plan json --prune "$W" "$TMP/bad/internal/contoso.com.zone" "$TMP/bad/external/contoso.com.zone"
run list.certs 0 -- "$SIPDNS" certs --format json "$W"
if command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/c.key" -out "$TMP/c.pem" -days 30 \
		-subj "/CN=sip.contoso.com" -addext "subjectAltName=DNS:sip.contoso.com,DNS:extra.contoso.com" 2>/dev/null || exit 99
	run pem.certs 0 -- "$SIPDNS" certs --format json --pem "$TMP/c.pem" --role access-edge "$W"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/d.key" -out "$TMP/d.pem" -days 30 \
		-subj "/CN=wrong.contoso.com" 2>/dev/null || exit 99
	run misfit.certs 1 -- "$SIPDNS" certs --format json --pem "$TMP/d.pem" --role access-edge "$W"
fi
run found.discover 0 -- "$SIPDNS" discover --format json --server 127.0.0.1:$GI --timeout 300 --topology "$W" alice@contoso.com
run undecided.discover 3 -- "$SIPDNS" discover --format json --server 127.0.0.1:$GI --timeout 300 alice@fabrikam.com
$PY - "$top_srcdir/schema" "$O" <<'PY'
import glob, json, os, sys
import jsonschema
sdir, odir = sys.argv[1], sys.argv[2]
store, schemas = {}, {}
for f in sorted(glob.glob(os.path.join(sdir, "*.output.schema.json"))):
    s = json.load(open(f))
    jsonschema.Draft202012Validator.check_schema(s)
    store[s["$id"]] = s
    schemas[os.path.basename(f).split(".")[0]] = s
fails = 0
kinds = set()
for f in sorted(glob.glob(os.path.join(odir, "*.json"))):
    which = os.path.basename(f).split(".")[1]
    doc = json.load(open(f))
    v = jsonschema.Draft202012Validator(schemas[which])
    errs = list(v.iter_errors(doc))
    if doc.get("schema_version") != 1:
        errs.append("no schema_version 1")
    print(("ok: " if not errs else "FAIL: ") + os.path.basename(f) + " valid under " + which + ".output.schema.json")
    for e in errs[:5]:
        print("   ", getattr(e, "message", e), list(getattr(e, "absolute_path", [])))
    fails += bool(errs)
    for k in doc.get("findings", []) if which in ("verify", "diff") else []:
        kinds.add(k["kind"])
want = {"missing", "unexpected", "changed", "ttl", "target-alias", "aaaa-only", "unverified"}
print(("ok: " if kinds >= want else "FAIL: ") + "findings of every kind validated: " + ", ".join(sorted(kinds)))
fails += not kinds >= want
# the schemas can fail: a broken document is refused
bad = json.load(open(os.path.join(odir, "drift.verify.json")))
bad["findings"][0]["kind"] = "gone"
ok = jsonschema.Draft202012Validator(schemas["verify"]).is_valid(bad)
print(("FAIL: " if ok else "ok: ") + "an unknown finding kind is refused")
fails += ok
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && pass "every output valid under its schema" || fail "outputs not valid under their schemas"
finish
