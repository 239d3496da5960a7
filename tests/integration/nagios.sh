#!/bin/sh
# nagios.sh -- verify --format nagios by the monitoring-plugins guidelines,
# against real NSD: the perfdata parsed with the guidelines' grammar
# ('label'=value[UOM];[warn];[crit];[min];[max]) and its thresholds
# ([@]start:end) give exactly the plugin's exit status; usage errors (also
# those found while reading the options), an invalid topology and a state
# file that cannot be used are 3 UNKNOWN with a status line; a server that
# does not answer stays CRITICAL.
. "$top_srcdir/tests/integration/lib.sh"
command -v dig >/dev/null || skip "needs dig (bind9-dnsutils)"
W=$top_srcdir/zones/walkthrough.yaml
"$SIPDNS" generate -q -o "$TMP/good" "$W" || exit 99

cat > "$TMP/perf.py" <<'PY'
# perf.py OUT RC: parse the plugin output; the thresholds must give RC
import re, sys
text = open(sys.argv[1]).read().split("\n")
rc = int(sys.argv[2])
first = text[0]
assert re.match(r"^SIPDNS (OK|WARNING|CRITICAL|UNKNOWN) - \S", first), "status line: " + first
assert "|" in first, "no perfdata"
status = first.split(" ")[1]
assert {"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}[status] == rc, "status word and exit differ"
perf = first.split("|", 1)[1].strip()
num = r"-?[0-9.]+"
rng = r"@?(?:(?:-?[0-9.]+|~)?:)?(?:-?[0-9.]+)?"
item = re.compile(r"^(?:'((?:[^']|'')+)'|([^'= ]+))=(" + num + r")(s|ms|us|%|B|KB|MB|TB|c)?"
                  r"(?:;(" + rng + r")?(?:;(" + rng + r")?(?:;(" + num + r")?(?:;(" + num + r")?)?)?)?)?$")
def alerts(r, v):
    if not r:
        return False
    inside = r.startswith("@")
    r = r.lstrip("@")
    lo, hi = (r.split(":", 1) if ":" in r else ("0", r))
    lo = float("-inf") if lo == "~" else float(lo or 0)
    hi = float("inf") if hi == "" else float(hi)
    out = v < lo or v > hi
    return not out if inside else out
worst = 0
labels = []
for p in perf.split(" "):
    m = item.match(p)
    assert m, "not perfdata by the guidelines: " + p
    label = m.group(1) or m.group(2)
    labels.append(label)
    v = float(m.group(3))
    if m.group(7):
        assert v >= float(m.group(7)), "value below min: " + p
    if alerts(m.group(6), v):
        worst = max(worst, 2)
    elif alerts(m.group(5), v):
        worst = max(worst, 1)
assert {"wrong", "warnings", "unverified"} <= set(labels), labels
assert worst == rc, "thresholds say %d, the plugin exits %d: %s" % (worst, rc, perf)
PY

serve() { # serve NAME SED: the good zones, the external one edited
	mkdir -p "$TMP/$1"; cp -r "$TMP/good/internal" "$TMP/good/external" "$TMP/$1/"
	[ -n "$2" ] && sed -i "$2" "$TMP/$1/external/contoso.com.zone"
	PI=$(free_port); start_nsd "$TMP/$1/internal" "$PI"
	PE=$(free_port); start_nsd "$TMP/$1/external" "$PE"
}
check() { # check DESCRIPTION RC [options]
	what=$1; want=$2; shift 2
	expect_rc "$want" "$what" -- "$SIPDNS" verify --no-recurse -f nagios -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$@" "$W"
	python3 "$TMP/perf.py" "$TMP/out" "$want" 2>"$TMP/perr" && pass "$what: perfdata by the grammar, thresholds agree" ||
		{ fail "$what: perfdata"; cat "$TMP/perr" "$TMP/out" | head -5; }
}

serve sync ""
check "in sync: OK" 0
serve ttl 's/^av\.contoso\.com\.\t3600/av.contoso.com.\t300/'
check "TTL only: WARNING" 1
serve wrong 's/131\.107\.155\.30/131.107.155.31/'
check "drift: CRITICAL" 2
DEAD=$(free_port)
PE=$DEAD
check "a server that does not answer: CRITICAL" 2 --view external --timeout 100 --tries 1

unknown() { # unknown DESCRIPTION command...: exit 3, a status line on stdout
	what=$1; shift
	expect_rc 3 "$what" -- "$@"
	head -1 "$TMP/out" | grep -q "^SIPDNS UNKNOWN - ." && pass "$what: an UNKNOWN status line" ||
		{ fail "$what: no UNKNOWN status line on stdout"; cat "$TMP/out" | head -3; }
}
unknown "usage: an unknown option after -f nagios" "$SIPDNS" verify -f nagios --bogus "$W"
unknown "usage: an unknown option before --format nagios" "$SIPDNS" verify --bogus --format nagios "$W"
unknown "usage: a bad number while reading options" "$SIPDNS" verify --timeout abc --format=nagios "$W"
unknown "usage: no topology" "$SIPDNS" verify -f nagios
unknown "usage: --notify with nagios" "$SIPDNS" verify -f nagios --notify changes --state "$TMP/s" "$W"
printf 'view: [\n' > "$TMP/bad.yaml"
unknown "an invalid topology" "$SIPDNS" verify -f nagios "$TMP/bad.yaml"
unknown "a topology that cannot be read" "$SIPDNS" verify -f nagios "$TMP/none.yaml"
serve st ""
printf 'garbage\n' > "$TMP/state"
unknown "a damaged state file" "$SIPDNS" verify --no-recurse -f nagios --state "$TMP/state" -s internal=127.0.0.1:$PI -s external=127.0.0.1:$PE "$W"
expect_in "$TMP/err" "$TMP/state:1:" "the state error names the line"
expect_rc 2 "usage without nagios stays exit 2" -- "$SIPDNS" verify --bogus "$W"
[ -s "$TMP/out" ] && fail "a usage error without nagios printed on stdout" || pass "usage error without nagios: nothing on stdout"
finish
