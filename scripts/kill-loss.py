#!/usr/bin/env python3
"""How much typing `kill -9` loses on a big draft.

    python3 scripts/kill-loss.py [MB …]      (default: 10 30)

For each size: the sample draft `drafts/qinghe-2024.md` repeated to MB
megabytes in a temporary folder, the release binary started on it in a
pseudo-terminal at 120×40, its first check left to finish, then letters
typed ten a second for 4 to 8 seconds (the same seeded choice each run),
then `kill -9`. The recovery file then holds some of what was typed; the
loss is the time from the last key it holds to the kill. RUNS (default 3)
runs per size; REPORTBENCH_BIN measures another build. The workbench
promises at most two seconds (README, "Your text is kept").
"""

import glob
import os
import pty
import random
import select
import shutil
import signal
import struct
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("REPORTBENCH_BIN", os.path.join(ROOT, "target", "release", "reportbench"))
RUNS = int(os.environ.get("RUNS", "3"))


def drain(fd, seconds, gap=None):
    """Reads what the workbench writes for `seconds`; with `gap`, only
    until nothing has come for `gap` seconds (at most `seconds`)."""
    end = time.time() + seconds
    while True:
        left = end - time.time()
        if left <= 0:
            return
        r, _, _ = select.select([fd], [], [], left if gap is None else min(gap, left))
        if not r:
            return
        try:
            os.read(fd, 1 << 20)
        except OSError:
            return


def one(mb, seed):
    import fcntl
    import termios

    rnd = random.Random(seed)
    base = open(os.path.join(ROOT, "drafts", "qinghe-2024.md"), encoding="utf-8").read() + "\n"
    text = base * (int(mb * 1024 * 1024 / len(base.encode())) + 1)
    d = tempfile.mkdtemp(prefix="reportbench-kill-")
    try:
        path = os.path.join(d, "draft.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        env = dict(os.environ, TERM="xterm-256color",
                   REPORTBENCH_CONFIG_DIR=os.path.join(d, "config"),
                   REPORTBENCH_STATE_DIR=os.path.join(d, "state"))
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(BIN, [BIN, path], env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        drain(fd, 1.0)
        drain(fd, 60, gap=1.5)  # the first check of a big draft
        for _ in range(3):
            os.write(fd, b"\x1b[B")
            drain(fd, 0.05)
        keys = []
        duration = rnd.uniform(4, 8)
        t0 = time.time()
        while time.time() - t0 < duration:
            os.write(fd, bytes([97 + len(keys) % 26]))
            keys.append(time.time())
            drain(fd, 0.1)
        killed = time.time()
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kept = 0
        for rec in glob.glob(os.path.join(d, "state", "recovery", "*.recover")):
            body = open(rec, "rb").read().split(b"\n\n", 1)[-1]
            kept = max(0, min(len(keys), len(body) - len(text.encode())))
        lost = killed - (keys[kept - 1] if kept else t0)
        return len(keys), kept, lost
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    sizes = [float(a) for a in sys.argv[1:]] or [10.0, 30.0]
    if not os.path.isfile(BIN):
        sys.exit("build the release binary first: cargo build --release")
    print("MB   typed  kept  lost (s)")
    for mb in sizes:
        for run in range(RUNS):
            typed, kept, lost = one(mb, run + 1)
            print(f"{mb:<4g} {typed:>6} {kept:>5}  {lost:.2f}")


if __name__ == "__main__":
    main()
