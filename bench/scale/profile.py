"""Reads both servers' statement log (bench/scale/profile.sh) and prints, per phase, the statements sent by shape.

A shape is the statement with its literals, numbers and quoted names replaced, so the 1,000 copies of a query made
once per database fold into one line; a shape that ran at least as often as there are databases is marked as
growing with the database count. Usage: profile.py LOG START END DATABASES (START/END: the process's epoch seconds).
"""
import re
import sys
from collections import defaultdict

log, start, end, databases = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
statements = []
for line in open(log, encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split("\t", 4)
    if len(parts) == 5:
        server, t, thread, seconds, text = parts
        statements.append((float(t), float(seconds), server, int(thread), text))
statements.sort()


def shape(text):
    text = re.sub(r"'(?:[^'\\]|\\.|'')*'", "?", text)
    text = re.sub(r"`[^`]*`", "`?`", text)
    text = re.sub(r"\b\d+\b", "N", text)
    text = re.sub(r"(\?\s*,\s*)+\?", "?,...", text)
    text = re.sub(r"(\(\?,\.\.\.\)\s*,\s*)+", "(?,...),", text)
    return re.sub(r"\s+", " ", text)[:150]


phases = [(t, m.group(1)) for t, _, server, _, text in statements
          if server == "target" and (m := re.search(r"SET phase = '([A-Za-z]+)'", text))]
first = statements[0][0]
bounds = [(start, "(start: before the ledger's first phase)")] + phases + [(end, None)]
print(f"total wall time {end - start:.2f} s, {len(statements)} statements")
for i, (t, name) in enumerate(bounds[:-1]):
    until = bounds[i + 1][0]
    inside = [s for s in statements if t <= s[0] < until or (i == 0 and s[0] < t)]
    print(f"\n{name}: {until - t:.2f} s, {len(inside)} statements "
          f"(source {sum(1 for s in inside if s[2] == 'source')}, target {sum(1 for s in inside if s[2] == 'target')}), "
          f"server time {sum(s[1] for s in inside):.2f} s")
    counts = defaultdict(lambda: [0, 0.0])
    for _, d, server, _, text in inside:
        c = counts[(server, shape(text))]
        c[0] += 1
        c[1] += d
    for (server, text), (n, d) in sorted(counts.items(), key=lambda kv: -kv[1][0])[:12]:
        mark = " <- per database or more" if n >= databases > 1 else ""
        print(f"  {n:7d} x {d:8.2f} s  {server:<6} {text}{mark}")
