#!/bin/sh
# schema.sh -- every zones/*.yaml is valid under schema/topology.schema.json
# (python3-jsonschema, a real validator), and bad topologies are rejected.
. "$top_srcdir/tests/integration/lib.sh"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY -c 'import jsonschema, yaml' 2>/dev/null || skip "needs python3-jsonschema and python3-yaml"
$PY - "$top_srcdir" <<'PY'
import glob, json, os, sys
import jsonschema, yaml
top = sys.argv[1]
schema = json.load(open(os.path.join(top, "schema/topology.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
fails = 0
for f in sorted(glob.glob(os.path.join(top, "zones/*.yaml"))):
    errs = list(v.iter_errors(yaml.safe_load(open(f))))
    print(("ok: " if not errs else "FAIL: ") + os.path.basename(f) + " valid")
    for e in errs: print("   ", e.message)
    fails += bool(errs)
# good topologies beside the examples: IPv6-only hosts (Lync Server 2013 on)
for g in ["ok-lync2013-ipv6-only", "ok-lync2013-dual-stack"]:
    errs = list(v.iter_errors(yaml.safe_load(open(os.path.join(top, "tests/data/check", g + ".yaml")))))
    print(("ok: " if not errs else "FAIL: ") + g + " valid")
    for e in errs: print("   ", e.message)
    fails += bool(errs)
# bad topologies the schema can see (the rest needs sipdns check's rules)
bad = ["03-unknown-key-suggest", "04-unknown-key", "06-wrong-type", "07-missing-key",
       "08-name-underscore", "09-label-too-long", "10-bad-ipv4", "11-ipv6-only",
       "14-number-range", "15-unknown-product", "22-non-ascii",
       "23-injection-newline", "24-injection-chars", "26-unknown-role",
       "27-enterprise-address", "28-not-fqdn", "30-empty-sip-domains",
       "31-several-errors", "32-unknown-view", "34-not-a-mapping"]
for b in bad:
    doc = yaml.safe_load(open(os.path.join(top, "tests/data/parse", b + ".yaml")))
    ok = v.is_valid(doc)
    print(("FAIL: " if ok else "ok: ") + b + " rejected")
    fails += ok
sys.exit(1 if fails else 0)
PY
