#!/usr/bin/env python3
"""How `check` and `diff` scale with the report's size.

    cargo build --release && python3 scripts/scaling.py [CHARS ...]

CHARS default to 10k, 100k, 1M, 4M and 11M characters. For each size, last
year's report is the sample draft of 2023 grown to that size (each copy's
figures shifted, so that paragraphs do not repeat word for word) and this
year's the 2024 draft grown alike; then `check --format json` of this year's
report and `diff --format json` of the pair run RUNS times (default 3, the
environment variable) and the script prints the median CPU time (user +
system, whole process), the peak memory and its ratio to the input's bytes,
above the process's own (`--version`: the binary and its libraries), and
the exponent between one size and the next (1.0: linear).
REPORTBENCH_BIN measures another build.
"""

import math
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("REPORTBENCH_BIN", os.path.join(ROOT, "target", "release", "reportbench"))
RUNS = int(os.environ.get("RUNS", "3"))


def grown(path, chars):
    """The draft at `path` repeated to `chars` characters, the digits of
    each copy shifted by the copy's number."""
    with open(path, encoding="utf-8") as f:
        base = f.read()
    parts, n, k = [], 0, 0
    while n < chars:
        copy = re.sub(r"\d+", lambda m: str(int(m.group()) + k), base)
        parts.append(copy)
        n += len(copy) + 1
        k += 1
    return "\n".join(parts)


def measure(args):
    """Median CPU milliseconds and the largest peak memory (bytes) of
    `args` over RUNS runs, after one run that warms the caches."""
    cpu, peak = [], 0
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as p:
            _, _, usage = os.wait4(p.pid, 0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        peak = max(peak, usage.ru_maxrss * 1024)
    return statistics.median(cpu), peak


def main():
    sizes = [int(float(a.lower().replace("k", "e3").replace("m", "e6"))) for a in sys.argv[1:]]
    sizes = sizes or [10_000, 100_000, 1_000_000, 4_000_000, 11_000_000]
    if not os.path.exists(BIN):
        sys.exit(f"build the release binary first (cargo build --release): {BIN}")
    base = measure([BIN, "--version"])[1]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for chars in sizes:
            old = os.path.join(tmp, f"old-{chars}.txt")
            new = os.path.join(tmp, f"new-{chars}.md")
            with open(old, "w", encoding="utf-8") as f:
                f.write(grown(os.path.join(ROOT, "drafts", "qinghe-2023.txt"), chars))
            with open(new, "w", encoding="utf-8") as f:
                f.write(grown(os.path.join(ROOT, "drafts", "qinghe-2024.md"), chars))
            size_new = os.path.getsize(new)
            size_both = size_new + os.path.getsize(old)
            check = measure([BIN, "check", "--format", "json", new])
            diff = measure([BIN, "diff", "--format", "json", old, new])
            rows.append((chars, size_new, size_both, check, diff))
            print(f"… {chars} characters done", file=sys.stderr)
    print(f"process base {base / 1e6:.1f} MB; MB and B/B (bytes per input byte) above it")
    print(f"{'chars':>10} {'check ms':>10} {'exp':>5} {'MB':>7} {'B/B':>5}"
          f" {'diff ms':>10} {'exp':>5} {'MB':>7} {'B/B':>5}")
    for i, (chars, size_new, size_both, (ct, cm), (dt, dm)) in enumerate(rows):
        cm, dm = max(cm - base, 0), max(dm - base, 0)
        def exponent(k, t):
            if i == 0:
                return "—"
            prev = rows[i - 1]
            t0 = prev[3][0] if k == 3 else prev[4][0]
            return f"{math.log(t / t0) / math.log(chars / prev[0]):.2f}"
        print(f"{chars:>10} {ct:>10.1f} {exponent(3, ct):>5} {cm / 1e6:>7.1f} {cm / size_new:>5.1f}"
              f" {dt:>10.1f} {exponent(4, dt):>5} {dm / 1e6:>7.1f} {dm / size_both:>5.1f}")


if __name__ == "__main__":
    main()
