"""Where one `flexmigrate migrate` run's time went, read from both servers' statement log (bench/lib.sh's
statement_log_dump: server, start in epoch seconds, connection id, seconds, statement; one statement a line).

The ledger's phase updates on the target split the run into phases; the process's own start and exit frame it.
Two views of the same log, one per entry point:

  profile.py LOG START END --chunks PARALLELISM     (bench/copy/profile.sh) each phase's wall time, then inside the
      copy each chunk's statements on its target connection (session set-up, LOAD DATA, COMMIT), the index builds,
      the ledger's statements and how much of the copy's parallel slots the chunks and index builds filled
  profile.py LOG START END --shapes DATABASES       (bench/scale/profile.sh) per phase, the statements sent by shape
      (literals, numbers and quoted names replaced, so the 1,000 copies of a query made once per database fold into
      one line); a shape that ran at least as often as there are databases is marked as growing with their count

START/END: the process's epoch seconds.
"""
import argparse
import re
from collections import defaultdict


def read_log(path):
    """The log's statements as (start, seconds, server, connection, text), by start time."""
    statements = []
    for line in open(path, encoding="utf-8", errors="replace"):
        parts = line.rstrip("\n").split("\t", 4)
        if len(parts) == 5:
            server, t, thread, seconds, text = parts
            statements.append((float(t), float(seconds), server, int(thread), text))
    statements.sort()
    return statements


def ledger_phases(statements):
    """(start, name) of each phase, from the ledger's `SET phase = '...'` updates on the target."""
    return [(t, m.group(1)) for t, _, server, _, text in statements
            if server == "target" and (m := re.search(r"SET phase = '([A-Za-z]+)'", text))]


def row(name, seconds, note=""):
    print(f"  {name:<46} {seconds:8.2f} s  {note}")


def stats(values):
    return sum(values), (sum(values) / len(values) if values else 0.0), (max(values) if values else 0.0)


def chunks_view(statements, phases, start, end, parallelism):
    """Phases, then the copy per chunk: connections are pooled, so a chunk's statements are found as the run on one
    target connection from its session set-up to its COMMIT around a LOAD DATA."""
    first, last = statements[0][0], max(t + d for t, d, *_ in statements)
    print("phases (from the ledger's phase updates):")
    row("process start to first statement", first - start, "(CLI start, engine start)")
    row("first statement to first phase", phases[0][0] - first, "(ledger opened)")
    for i, (t, name) in enumerate(phases):
        row(name, (phases[i + 1][0] if i + 1 < len(phases) else last) - t)
    row("last statement to process exit", end - last, "(report, engine stop, process exit)")

    by_connection = defaultdict(list)
    for s in statements:
        by_connection[(s[2], s[3])].append(s)
    copy = next((t for t, n in phases if n == "CopyingData"), None)
    copy_end = next((t for t, n in phases if copy is not None and t > copy), last)
    setup, load, after, commit, busy = [], [], [], [], []
    for (server, _), run in by_connection.items():
        if server != "target":
            continue
        begin = None
        for i, (t, d, _, _, text) in enumerate(run):
            if text.startswith("SET SESSION time_zone"):
                begin = i
            elif text.startswith("LOAD DATA") and begin is not None:
                c = next((j for j in range(i + 1, len(run)) if run[j][4].upper().startswith("COMMIT")), None)
                if c is None:
                    continue
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

    if load:
        print(f"copy: {len(load)} chunks; per chunk on the target (sum, average, max):")
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
    if copy is not None and load:
        window = copy_end - copy
        used = sum(busy) + sum(d for _, d in alters)
        row("copy phase x parallelism (slot-seconds)", window * parallelism)
        row("slot-seconds in a chunk or an index build", used, f"{100 * used / (window * parallelism):.0f}% of the slots")
        row("slot-seconds outside them", window * parallelism - used,
            "(durable dispatch, ledger check, the last chunks' tail)")


def shape(text):
    """The statement with its literals, numbers and quoted names replaced."""
    text = re.sub(r"'(?:[^'\\]|\\.|'')*'", "?", text)
    text = re.sub(r"`[^`]*`", "`?`", text)
    text = re.sub(r"\b\d+\b", "N", text)
    text = re.sub(r"(\?\s*,\s*)+\?", "?,...", text)
    text = re.sub(r"(\(\?,\.\.\.\)\s*,\s*)+", "(?,...),", text)
    return re.sub(r"\s+", " ", text)[:150]


def shapes_view(statements, phases, start, end, databases):
    """Per phase, the twelve most frequent statement shapes with their count and server time."""
    bounds = [(start, "(start: before the ledger's first phase)")] + phases + [(end, None)]
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("start", type=float)
    parser.add_argument("end", type=float)
    view = parser.add_mutually_exclusive_group(required=True)
    view.add_argument("--chunks", type=int, metavar="PARALLELISM")
    view.add_argument("--shapes", type=int, metavar="DATABASES")
    args = parser.parse_args()
    statements = read_log(args.log)
    if not statements:
        raise SystemExit("profile: the statement log is empty (was the slow query log on?)")
    phases = ledger_phases(statements)
    print(f"total wall time {args.end - args.start:.2f} s, {len(statements)} statements")
    if args.chunks is not None:
        chunks_view(statements, phases, args.start, args.end, args.chunks)
    else:
        shapes_view(statements, phases, args.start, args.end, args.shapes)


main()
