#!/usr/bin/env python3
"""badns.py MODE PORT UPSTREAM -- a small adversarial DNS server for the
fault tests: it listens on 127.0.0.1:PORT (UDP, and TCP where the mode
needs it), forwards to the real server on 127.0.0.1:UPSTREAM, and spoils
the answers as MODE says:
  servfail      every answer is SERVFAIL
  wrongid       answers carry another query ID (must be ignored)
  wrongaddr     answers come from another port (must be ignored)
  truncate      UDP answers are truncated (TC=1, empty); TCP answers are right
  truncate-notcp  UDP answers truncated, TCP refused (nothing listens)
  malformed     answers claim records they do not hold
  oversized     UDP truncated; TCP answers hold 300 A records
  notauth       answers without the AA bit
  nxrecords     NXDOMAIN, carrying the real answer's records
  class-ch      the answer records' class is CH
  other-owner   the answer records' owner is the parent of the name asked
  other-type    the answer records' type is a private one (65400)
  referral      a referral: no answer, no AA, the name asked delegated to
                ns1.child.invalid.
  silent        never answers (queries are read, noted as 'query' lines
                on stdout, and dropped)
  silent-names  the same, each line 'query NAME' with the name asked
  axfr-unsigned TCP: every query (a signed AXFR) is answered by a whole
                transfer of its zone (SOA, NS, SOA) that carries no TSIG
  servfail-srv  SRV questions are answered SERVFAIL, the others forwarded
  silent-name=NAME  never answers queries for NAME (dotted, lower-case,
                with the trailing dot); forwards every other query
"""
import socket, struct, sys, threading

mode, port, upstream = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def ask_upstream(q):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.sendto(q, ("127.0.0.1", upstream))
    return s.recv(65535)

def header_only(q, flags_or, rcode=0):
    # the question back, QR set, no records
    qid, flags = struct.unpack(">HH", q[:4])
    flags = (flags | 0x8000 | flags_or) & 0xfff0 | rcode
    return struct.pack(">HHHHHH", qid, flags, 1, 0, 0, 0) + q[12:]

def oversized(q):
    qid, flags = struct.unpack(">HH", q[:4])
    n = 300
    body = b"".join(struct.pack(">HHHIH", 0xc00c, 1, 1, 3600, 4) + bytes([192, 0, 2, i % 256]) for i in range(n))
    return struct.pack(">HHHHHH", qid, 0x8400 | (flags & 0x0100), 1, n, 0, 0) + q[12:] + body

def axfr_unsigned(q):
    # the question back, AA, its zone's SOA, NS and SOA again; ARCOUNT 0
    qid = struct.unpack(">H", q[:2])[0]
    qend = skip_name(q, 12) + 4
    mname = b"\x02ns\xc0\x0c"
    soa_rd = mname + b"\x0ahostmaster\xc0\x0c" + struct.pack(">IIIII", 1, 3600, 900, 1209600, 3600)
    soa = struct.pack(">HHHIH", 0xc00c, 6, 1, 3600, len(soa_rd)) + soa_rd
    ns = struct.pack(">HHHIH", 0xc00c, 2, 1, 3600, len(mname)) + mname
    return struct.pack(">HHHHHH", qid, 0x8400, 1, 3, 0, 0) + q[12:qend] + soa + ns + soa

def skip_name(a, i):
    while True:
        n = a[i]
        if n == 0:
            return i + 1
        if n & 0xc0 == 0xc0:
            return i + 2
        i += n + 1

def answer_rrs(a):
    # (owner offset, type offset) of each answer record
    an = struct.unpack(">H", a[6:8])[0]
    i = skip_name(a, 12) + 4
    out = []
    for _ in range(an):
        j = skip_name(a, i)
        out.append((i, j))
        i = j + 10 + struct.unpack(">H", a[j + 8:j + 10])[0]
    return out

def rewrite(q, a):
    for owner, t in answer_rrs(a):
        if mode == "class-ch":
            a[t + 2:t + 4] = struct.pack(">H", 3)
        elif mode == "other-type":
            a[t:t + 2] = struct.pack(">H", 65400)
        elif mode == "other-owner" and a[owner:owner + 2] == b"\xc0\x0c":
            # a pointer to the parent of the name asked: same length
            a[owner:owner + 2] = struct.pack(">H", 0xc000 | (13 + q[12]))
    return a

def referral(q):
    qid, flags = struct.unpack(">HH", q[:4])
    end = skip_name(q, 12) + 4
    ns = b"\x03ns1\x05child\x07invalid\x00"
    rr = b"\xc0\x0c" + struct.pack(">HHIH", 2, 1, 3600, len(ns)) + ns
    return struct.pack(">HHHHHH", qid, 0x8000 | (flags & 0x0100), 1, 0, 1, 0) + q[12:end] + rr

def qtype(q):
    # the question's type, after its name
    i = 12
    while i < len(q) and q[i] != 0:
        i += q[i] + 1
    return struct.unpack(">H", q[i + 1:i + 3])[0] if i + 3 <= len(q) else 0

def spoil(q):
    if mode == "servfail-srv" and qtype(q) == 33:
        return header_only(q, 0x0400, 2)
    if mode == "servfail":
        return header_only(q, 0x0400, 2)
    if mode in ("truncate", "truncate-notcp", "oversized"):
        return header_only(q, 0x0600)
    if mode == "referral":
        return referral(q)
    a = bytearray(ask_upstream(q))
    if mode == "wrongid":
        a[0] ^= 0xff
    elif mode == "malformed":
        a[7] = 9          # ANCOUNT 9, but the records stop short
        a = a[:len(q) + 5]
    elif mode == "notauth":
        a[2] &= ~0x04
    elif mode == "nxrecords":
        a[3] = a[3] & 0xf0 | 3
    elif mode in ("class-ch", "other-owner", "other-type"):
        a = rewrite(q, a)
    return bytes(a)

def qname(q):
    # the question's name, dotted, lower-case
    i, labels = 12, []
    while i < len(q) and q[i] != 0 and q[i] & 0xc0 == 0:
        labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace").lower())
        i += q[i] + 1
    return ".".join(labels) + "."

def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    other.bind(("127.0.0.1", 0))
    while True:
        q, peer = s.recvfrom(65535)
        if mode == "silent":
            print("query", flush=True)
            continue
        if mode == "silent-names":
            print("query", qname(q), flush=True)
            continue
        if mode.startswith("silent-name=") and qname(q) == mode[12:].lower():
            print("dropped", qname(q), flush=True)
            continue
        try:
            a = spoil(q)
        except OSError:
            continue
        (other if mode == "wrongaddr" else s).sendto(a, peer)

def tcp_client(c):
    try:
        while True:
            hdr = c.recv(2)
            if len(hdr) < 2:
                return
            n = struct.unpack(">H", hdr)[0]
            q = b""
            while len(q) < n:
                chunk = c.recv(n - len(q))
                if not chunk:
                    return
                q += chunk
            a = oversized(q) if mode == "oversized" else \
                axfr_unsigned(q) if mode == "axfr-unsigned" else ask_upstream(q)
            c.sendall(struct.pack(">H", len(a)) + a)
    finally:
        c.close()

def tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(64)
    while True:
        c, _ = s.accept()
        threading.Thread(target=tcp_client, args=(c,), daemon=True).start()

if mode in ("truncate", "oversized", "axfr-unsigned"):
    threading.Thread(target=tcp, daemon=True).start()
print("ready", flush=True)
udp()
