#!/usr/bin/env python3
"""capture_answers.py PORT OUTDIR -- ask a server (NSD serving the
walkthrough zones) the questions fuzz_answer.c knows, and write each raw
answer as a corpus file: one byte choosing the question, then the wire data.
The question order is sipdns's: (view, canonical name), SRV or A, AAAA."""
import socket, struct, sys

port, out = int(sys.argv[1]), sys.argv[2]
names = [(0, "ocs01.contoso.com", 1), (0, "_sipinternaltls._tcp.contoso.com", 33),
         (1, "_sip._tls.contoso.com", 33), (1, "sip.contoso.com", 1),
         (1, "av.contoso.com", 28), (1, "nothere.contoso.com", 1)]
for i, (pick, name, qtype) in enumerate(names):
    q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    q += struct.pack(">HH", qtype, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.sendto(q, ("127.0.0.1", port))
    a = s.recv(4096)
    open(f"{out}/answer-{i:02d}", "wb").write(bytes([pick * 7 + i]) + a)
