#!/usr/bin/env python3
"""wincheck.py -- check the Windows scripts sipdns writes, line by line.

Usage: wincheck.py FILE...   (.cmd and .ps1; any other name is an error)

Every file: every line ends in CRLF (no bare LF, no bare CR), ASCII only.
A .cmd file: every dnscmd command matches one documented form of
../shared/reference/output-formats.md section 1.1 (one regex each, with
the per-type data of [W8]); every other line is a comment or one of the
script's own control lines. Prints "FILE:LINE: what" per problem; exit 1
when there is one, 0 when there is none.
"""
import re
import sys

NAME = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*"
FQDN = NAME + r"\."               # a node or data name: trailing dot
SERVER = r"(?:\.|" + NAME + r")"  # "." the local server, or a name/address
DATA = (r"(?:A \d{1,3}(?:\.\d{1,3}){3}"
        r"|AAAA [0-9a-fA-F:]+"
        r"|CNAME " + FQDN +
        r"|SRV \d+ \d+ \d+ " + FQDN + ")")
TYPE = r"(?:A|AAAA|CNAME|SRV)"
# one regex per documented form (output-formats.md 1.1)
FORMS = {
    "RecordAdd": re.compile(r"^dnscmd " + SERVER + r" /RecordAdd " + NAME +
                            r" (?:@|" + FQDN + r")(?: /Aging)?(?: /OpenAcl)?(?: \d+)? " +
                            DATA + r"$"),
    "RecordDelete": re.compile(r"^dnscmd " + SERVER + r" /RecordDelete " + NAME +
                               r" (?:@|" + FQDN + r") (?:" + DATA + r"|" + TYPE +
                               r")(?: /f)?$"),
    "ZoneAdd /Primary": re.compile(r"^dnscmd " + SERVER + r" /ZoneAdd " + NAME +
                                   r"\.? /Primary /file " + NAME + r"\.dns$"),
    "ZoneAdd /DsPrimary": re.compile(r"^dnscmd " + SERVER + r" /ZoneAdd " + NAME +
                                     r"\.? /DsPrimary$"),
}
# the .cmd script's own lines besides comments and commands
CONTROL = re.compile(
    r"^(?:@echo off|setlocal|set /a SIPDNS_\w+=0(?:, SIPDNS_\w+=0)*"
    r"|set \"SIPDNS_OUT=%TEMP%\\sipdns-%RANDOM%-%RANDOM%\.txt\""
    r"|:sipdns_\w+|%\* >\"%SIPDNS_OUT%\" 2>&1"
    r"|findstr /l(?: /c:\"[A-Za-z_ ]+\")+ \"%SIPDNS_OUT%\" >nul"
    r"|if not errorlevel 1 goto sipdns_\w+|goto (?:sipdns_\w+|:eof)"
    r"|set /a SIPDNS_\w+\+=1|echo sipdns: .*|type \"%SIPDNS_OUT%\""
    r"|del \"%SIPDNS_OUT%\" 2>nul|if %SIPDNS_FAILED% gtr 0 exit /b 1|exit /b 0)$")
CALL = re.compile(r"^call :sipdns_(add|delete|zoneadd) (dnscmd .*)$")


def check_cmd_line(line):
    """What is wrong with one line of a .cmd file, or None."""
    if line == "" or line.startswith("rem"):
        m = re.search(r"(dnscmd \S+ /ZoneAdd .*)$", line)
        if m and not any(r.match(m.group(1)) for r in FORMS.values()):
            return "a dnscmd command in a comment matches no documented form: " + m.group(1)
        return None
    m = CALL.match(line)
    if m:
        form = {"add": "RecordAdd", "delete": "RecordDelete",
                "zoneadd": "ZoneAdd /DsPrimary"}[m.group(1)]
        if not FORMS[form].match(m.group(2)):
            return "not the documented /%s form: %s" % (form, m.group(2))
        return None
    if line.startswith("dnscmd"):
        return "a dnscmd command outside the counting subroutine: " + line
    if not CONTROL.match(line):
        return "not a line this script is expected to hold: " + line
    return None


def check(path):
    problems = []
    data = open(path, "rb").read()
    if not data.endswith(b"\r\n"):
        problems.append((0, "the last line does not end in CRLF"))
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    is_cmd = path.endswith(".cmd")
    for n, raw in enumerate(lines, 1):
        if b"\n" in raw or b"\r" in raw:
            problems.append((n, "a line ends in a bare LF or CR"))
            continue
        try:
            line = raw.decode("ascii")
        except UnicodeDecodeError:
            problems.append((n, "not ASCII"))
            continue
        why = check_cmd_line(line) if is_cmd else None
        if why:
            problems.append((n, why))
    return problems


def main(argv):
    if len(argv) < 2:
        print("usage: wincheck.py FILE...", file=sys.stderr)
        return 2
    bad = 0
    for path in argv[1:]:
        if not (path.endswith(".cmd") or path.endswith(".ps1")):
            print("%s: neither .cmd nor .ps1" % path)
            return 2
        problems = check(path)
        for n, why in problems:
            print("%s:%d: %s" % (path, n, why))
        bad += bool(problems)
        if not problems:
            print("%s: ok" % path)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
