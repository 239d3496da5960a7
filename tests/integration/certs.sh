#!/bin/sh
# certs.sh -- sipdns certs: the golden list of the walkthrough, and real
# certificates made here with openssl (right names, a missing SAN, a
# wildcard, expired, not yet valid) checked with --pem, each verdict and
# exit status; certificate declarations read with file:line:column errors.
. "$top_srcdir/tests/integration/lib.sh"
command -v openssl >/dev/null 2>&1 || skip "openssl (the command) is not installed"
D=$top_srcdir/tests/data
TOPO=$D/check/ok-strict-naming-cert.yaml   # two SIP domains, strict naming

# the golden outputs
cd "$top_srcdir" || exit 99
"$SIPDNS" certs zones/walkthrough.yaml > "$TMP/list.txt" 2>"$TMP/err" &&
	cmp -s "$D/certs/walkthrough.txt" "$TMP/list.txt" && pass "certs walkthrough.yaml matches tests/data/certs/walkthrough.txt" ||
	{ fail "certs walkthrough.yaml differs:"; diff "$D/certs/walkthrough.txt" "$TMP/list.txt" | head -20; }
"$SIPDNS" certs --format json zones/walkthrough.yaml > "$TMP/list.json" &&
	cmp -s "$D/certs/walkthrough.json" "$TMP/list.json" && pass "certs --format json matches tests/data/certs/walkthrough.json" ||
	{ fail "certs --format json differs:"; diff "$D/certs/walkthrough.json" "$TMP/list.json" | head -20; }
python3 -m json.tool "$TMP/list.json" >/dev/null && pass "certs --format json is JSON" || fail "certs --format json is not JSON"
expect_rc 0 "certs --role access-edge lists one role" -- "$SIPDNS" certs --role access-edge "$TOPO"
expect_in "$TMP/out" "sip.fabrikam.com" "the Access Edge needs sip.<domain> of the second SIP domain"
if grep -q '^pool' "$TMP/out"; then fail "--role access-edge listed a pool"; else pass "--role access-edge lists no pool"; fi
expect_rc 0 "certs --role pool" -- "$SIPDNS" certs --role pool "$TOPO"
expect_in "$TMP/out" "sip.fabrikam.com                 [R2-C3]" "the sign-in pool outside fabrikam.com needs sip.fabrikam.com (R2-C3)"
expect_in "$TMP/out" "declared at $TOPO:17:7" "the pool's declared certificate is found at its line"

# real certificates: self-signed ones with openssl req -x509, and a small
# CA (openssl ca) for the ones with dates in the past or the future
mk() { # mk NAME CN SANS
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/$1.key" -out "$TMP/$1.pem" \
		-days 30 -subj "/CN=$2" ${3:+-addext "subjectAltName=$3"} 2>"$TMP/openssl.err" ||
		{ fail "openssl req for $1:"; cat "$TMP/openssl.err"; }
}
mk good sip.contoso.com "DNS:sip.contoso.com,DNS:sip.fabrikam.com,DNS:extra.contoso.com"
mk nosan sip.contoso.com "DNS:sip.contoso.com"
mk wild sip.contoso.com "DNS:sip.contoso.com,DNS:*.fabrikam.com"
mk subj access.contoso.com "DNS:sip.fabrikam.com,DNS:sip.contoso.com"
mk pool ocs01.contoso.com ""
mkdir -p "$TMP/ca/new" && : > "$TMP/ca/index.txt" && echo 01 > "$TMP/ca/serial"
cat > "$TMP/ca/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $TMP/ca
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir/new
certificate = $TMP/good.pem
private_key = $TMP/good.key
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
[anything]
commonName = supplied
CNF
dated() { # dated NAME START END
	openssl req -new -newkey rsa:2048 -nodes -keyout "$TMP/$1.key" -out "$TMP/$1.csr" \
		-subj "/CN=sip.contoso.com" -addext "subjectAltName=DNS:sip.contoso.com,DNS:sip.fabrikam.com" 2>"$TMP/openssl.err" &&
	openssl ca -batch -config "$TMP/ca/ca.cnf" -in "$TMP/$1.csr" -out "$TMP/$1.pem" \
		-startdate "$2" -enddate "$3" -notext 2>"$TMP/openssl.err" ||
		{ fail "openssl ca for $1:"; cat "$TMP/openssl.err"; }
}
dated expired 20200101000000Z 20210101000000Z
dated future 20990101000000Z 21000101000000Z

pem() { # pem WANT WHAT NAME ROLE [OPTIONS]
	want=$1 what=$2 name=$3 role=$4; shift 4
	expect_rc "$want" "$what" -- "$SIPDNS" certs --pem "$TMP/$name.pem" --role "$role" "$@" "$TOPO"
}
pem 0 "the right names fit" good access-edge
expect_in "$TMP/out" "fits: every name the access-edge needs is on it" "the verdict says it fits"
expect_in "$TMP/out" "'extra.contoso.com' is not a name this role needs; harmless" "an extra name is harmless"
pem 1 "a missing SAN does not fit" nosan access-edge
expect_in "$TMP/out" "'sip.fabrikam.com' is missing" "the missing SAN is named"
expect_in "$TMP/out" "does not fit: 1 problem" "one problem"
pem 1 "a wildcard SAN does not count" wild access-edge
expect_in "$TMP/out" "covered only by the wildcard SAN '*.fabrikam.com'" "the wildcard is named"
expect_in "$TMP/out" "OCS 2007 R2 sources disagree on wildcards" "with what the sources say of wildcards"
pem 1 "a wrong subject does not fit" subj access-edge
expect_in "$TMP/out" "the subject is 'access.contoso.com', but it must be 'sip.contoso.com'" "the wrong subject is named"
pem 1 "an expired certificate does not fit" expired access-edge
expect_in "$TMP/out" "the certificate expired on 2021-01-01 00:00:00 UTC" "expired, with its date"
pem 1 "a certificate not yet valid does not fit" future access-edge
expect_in "$TMP/out" "not valid before 2099-01-01 00:00:00 UTC" "not yet valid, with its date"
pem 1 "the pool needs sip.fabrikam.com under strict naming" pool pool
expect_in "$TMP/out" "'sip.fabrikam.com' is missing" "the strict-naming SAN is named for the pool"
pem 1 "the Access Edge certificate checked as the pool (--for)" good pool --for ocs01.contoso.com
expect_in "$TMP/out" "the subject is 'sip.contoso.com', but it must be 'ocs01.contoso.com'" "--for picks the pool"
pem 2 "--for a pool the topology lacks" good pool --for ocs99.contoso.com
expect_in "$TMP/err" "no pool certificate for 'ocs99.contoso.com'; it has: ocs01.contoso.com" "lists the pools it has"
pem 1 "json" nosan access-edge --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["fits"] is False and d["findings"][0]["kind"]=="missing" and d["findings"][0]["name"]=="sip.fabrikam.com" else 1)' "$TMP/out" &&
	pass "--format json: fits false, the missing name" || { fail "--format json:"; cat "$TMP/out"; }

# bad usage and input: exit 2
echo "not a certificate" > "$TMP/junk.pem"
pem 2 "a file that is not PEM" junk access-edge
expect_in "$TMP/err" "no PEM certificate here" "says what the file lacks"
expect_rc 2 "--pem without --role" -- "$SIPDNS" certs --pem "$TMP/good.pem" "$TOPO"
expect_rc 2 "an unknown role" -- "$SIPDNS" certs --pem "$TMP/good.pem" --role edge "$TOPO"
expect_rc 2 "a role the topology lacks" -- "$SIPDNS" certs --pem "$TMP/good.pem" --role cwa "$TOPO"
expect_in "$TMP/err" "the topology has no cwa certificate" "names the missing role"
expect_rc 2 "a missing PEM file" -- "$SIPDNS" certs --pem "$TMP/none.pem" --role access-edge "$TOPO"
expect_in "$TMP/err" "none.pem: error: cannot read: No such file or directory" "a missing PEM file: named, with why"
# a FIFO is refused without being read (it would block for ever)
mkfifo "$TMP/fifo.pem"
expect_rc 2 "a FIFO as the PEM file" -- timeout 20 "$SIPDNS" certs --pem "$TMP/fifo.pem" --role access-edge "$TOPO"
expect_in "$TMP/err" "fifo.pem: error: cannot read: is a FIFO" "a FIFO: refused as not a regular file"
# --for takes a DNS name: any case, a trailing dot or not
pem 1 "--for in capitals with a trailing dot" good pool --for OCS01.Contoso.COM.
expect_in "$TMP/out" "the subject is 'sip.contoso.com', but it must be 'ocs01.contoso.com'" "--for is case-insensitive"

# declarations: check --strict passes once the documented fix is declared
expect_rc 0 "check --strict with sip.fabrikam.com declared in the pool certificate" -- "$SIPDNS" check --strict "$TOPO"
expect_rc 1 "check --strict without it (strict-naming)" -- "$SIPDNS" check --strict "$D/check/strict-naming.yaml"
sed 's/san: \[ocs01.contoso.com, sip.fabrikam.com\]/san: [ocs01.contoso.com, sip_fabrikam.com]\n      subjet: x/' "$TOPO" > "$TMP/bad.yaml"
expect_rc 2 "a bad certificate name is refused" -- "$SIPDNS" check "$TMP/bad.yaml"
expect_in "$TMP/err" "bad.yaml:18:32: error: certificate san 'sip_fabrikam.com' is not a DNS name" "file:line:column of the bad SAN"
expect_in "$TMP/err" "bad.yaml:19:7: error:" "file:line:column of the unknown key"

# the JSON Schema knows the certificate keys: declared ones are valid, a
# certificate on the A/V Edge or a SAN that is not a DNS name is not
if python3 -c 'import jsonschema, yaml' 2>/dev/null; then
	python3 - "$top_srcdir/schema/topology.schema.json" "$TOPO" <<'PY' > "$TMP/schema.out" 2>&1 && pass "schema: certificate keys valid, A/V Edge certificate and bad SAN refused" || { fail "schema:"; cat "$TMP/schema.out"; }
import copy, json, sys, jsonschema, yaml
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
t = yaml.safe_load(open(sys.argv[2]))
assert not list(v.iter_errors(t)), list(v.iter_errors(t))
a = copy.deepcopy(t); a["edge"]["av"]["certificate"] = {"subject": "av.contoso.com"}
assert list(v.iter_errors(a)), "A/V Edge certificate accepted"
b = copy.deepcopy(t); b["pools"][0]["certificate"]["san"].append("sip_x.contoso.com")
assert list(v.iter_errors(b)), "bad SAN accepted"
c = copy.deepcopy(t); c["pools"][0]["certificate"]["san"].append("*.contoso.com")
assert not list(v.iter_errors(c)), "wildcard SAN refused"
PY
else skip "needs python3-jsonschema and python3-yaml"; fi
finish
