"""Reads both servers' statement log (bench/copy/profile.sh) and prints where one migrate run's time went.

Each line is: server, start (epoch s), connection id, duration (s), statement. Connections are pooled, so a chunk's
statements are found as the run on one target connection from its session set-up to its COMMIT around a LOAD DATA.
Usage: profile.py LOG START END PARALLELISM (START/END: the process's epoch seconds).
"""
import re
import sys
from collections import defaultdict

log, start, end, parallelism = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
statements = []
for line in open(log, encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split("\t", 4)
    if len(parts) == 5:
        server, t, thread, seconds, text = parts
        statements.append((float(t), float(seconds), server, int(thread), text))
statements.sort()
by_connection = defaultdict(list)
for s in statements:
    by_connection[(s[2], s[3])].append(s)


def row(name, seconds, note=""):
    print(f"  {name:<46} {seconds:8.2f} s  {note}")


def is_setup(text):
    return text.startswith("SET SESSION time_zone")


print(f"total wall time {end - start:.2f} s, {len(statements)} statements")
phases = [(t, m.group(1)) for t, _, server, _, text in statements
          if server == "target" and (m := re.search(r"SET phase = '([A-Za-z]+)'", text))]
first, last = statements[0][0], max(t + d for t, d, *_ in statements)
print("phases (from the ledger's phase updates):")
row("process start to first statement", first - start, "(CLI start and relaunch, engine start)")
row("first statement to first phase", phases[0][0] - first, "(ledger opened)")
for i, (t, name) in enumerate(phases):
    row(name, (phases[i + 1][0] if i + 1 < len(phases) else last) - t)
row("last statement to process exit", end - last, "(report, engine stop, process exit)")

copy = next((t for t, n in phases if n == "CopyingData"), None)
copy_end = next((t for t, n in phases if copy is not None and t > copy), last)
setup, load, after, commit, busy, chunks = [], [], [], [], [], 0
for (server, _), run in by_connection.items():
    if server != "target":
        continue
    begin = None
    for i, (t, d, _, _, text) in enumerate(run):
        if is_setup(text):
            begin = i
        elif text.startswith("LOAD DATA") and begin is not None:
            c = next((j for j in range(i + 1, len(run)) if run[j][4].upper().startswith("COMMIT")), None)
            if c is None:
                continue
            chunks += 1
            setup.append(t - run[begin][0])
            load.append(d)
            after.append(run[c][0] - (t + d))
            commit.append(run[c][1])
            busy.append(run[c][0] + run[c][1] - run[begin][0])
alters = [(t, d) for t, d, server, _, text in statements
          if server == "target" and re.match(r"ALTER TABLE .* ADD (INDEX|KEY|UNIQUE|FULLTEXT|SPATIAL)", text, re.I)]
selects = [d for t, d, server, _, text in statements if server == "source" and text.startswith("SELECT CAST")]
ledger = [d for t, d, server, _, text in statements
          if server == "target" and copy is not None and copy <= t <= copy_end and "flexmigrate_state" in text]


def stats(values):
    return sum(values), (sum(values) / len(values) if values else 0.0), (max(values) if values else 0.0)


if chunks:
    print(f"copy: {chunks} chunks; per chunk on the target (sum, average, max):")
    for name, values in [("connect to LOAD DATA (session, probe, BEGIN)", setup),
                         ("LOAD DATA (the source read streams into it)", load),
                         ("after the load until COMMIT (warnings, ledger)", after), ("COMMIT", commit)]:
        s, a, m = stats(values)
        row(name, s, f"avg {a:.3f} s, max {m:.3f} s")
    s, a, m = stats(selects)
    row("source SELECT as the server timed it", s, f"avg {a:.3f} s (ends when the load has taken the last row)")
    s, a, m = stats(ledger)
    row(f"ledger statements ({len(ledger)})", s, f"avg {a:.4f} s")
if alters:
    s, a, m = stats([d for _, d in alters])
    row(f"index builds ({len(alters)} ALTERs)", s, f"avg {a:.3f} s, max {m:.3f} s")
if copy is not None and chunks:
    window = copy_end - copy
    used = sum(busy) + sum(d for _, d in alters)
    row("copy phase x parallelism (slot-seconds)", window * parallelism)
    row("slot-seconds in a chunk or an index build", used, f"{100 * used / (window * parallelism):.0f}% of the slots")
    row("slot-seconds outside them", window * parallelism - used, "(durable dispatch, ledger check, the last chunks' tail)")
