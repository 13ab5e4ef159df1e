#!/usr/bin/env python3
"""Times one figure on every engine, interleaved: round 1 runs A then B, round 2 B then A, ...

Each engine is given as NAME=DOCKER_HOST (the same docker CLI drives them all) or NAME= for one
driven by its own CLI (--cli-for podman=...) or a baseline run by its own command (--cmd-for
floor=...). Commands are templates: {cli} is the engine's CLI, {name} a per-round unique suffix,
{engine} the engine's name. --prepare and --cleanup run (untimed) around every timed run; the
timed command is exec'd directly when it has no shell syntax
(as hyperfine -N does), else run under `bash -c` for every engine alike.
A row per engine (figure, engine, min, median, max, unit, runs) is appended to --csv.
Exit status 0 even when an engine fails: its row says FAILED and the message goes to stderr.
"""
import argparse
import csv
import os
import shlex
import statistics
import subprocess
import sys
import time

SHELL_CHARS = set("|&;<>()$`\\\"'*?[]#~=%{}")


def run(cmd, env, timed):
    if any(c in SHELL_CHARS for c in cmd):
        argv = ["bash", "-c", cmd]
    else:
        argv = shlex.split(cmd)
    start = time.perf_counter_ns()
    p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter_ns() - start
    if p.returncode != 0 and timed:
        raise RuntimeError(f"`{cmd}` exited {p.returncode}: {p.stderr.decode(errors='replace')[-400:]}")
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--figure", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--engine", action="append", required=True, help="NAME=DOCKER_HOST")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--prepare", default="")
    ap.add_argument("--cleanup", default="")
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--cmd-for", action="append", default=[], help="ENGINE=COMMAND: a different command for ENGINE")
    ap.add_argument("--cli-for", action="append", default=[], help="ENGINE=CLI: {cli} for ENGINE")
    ap.add_argument("--prepare-for", action="append", default=[], help="ENGINE=COMMAND: --prepare for ENGINE")
    ap.add_argument("--cleanup-for", action="append", default=[], help="ENGINE=COMMAND: --cleanup for ENGINE")
    ap.add_argument("--per-run", type=float, default=0,
                    help="report this quantity divided by the time (e.g. MB -> MB/s) instead of ms")
    ap.add_argument("--unit", default="ms")
    a = ap.parse_args()

    engines = [e.split("=", 1) for e in a.engine]
    per = lambda opts: dict(o.split("=", 1) for o in opts)
    overrides, clis, prepares, cleanups = per(a.cmd_for), per(a.cli_for), per(a.prepare_for), per(a.cleanup_for)
    times = {name: [] for name, _ in engines}
    failed = {}
    for rnd in range(a.warmup + a.runs):
        order = engines if rnd % 2 == 0 else list(reversed(engines))
        for name, host in order:
            if name in failed:
                continue
            env = dict(os.environ, DOCKER_HOST=host) if host else dict(os.environ)
            fill = lambda t: t.format(cli=clis.get(name, a.cli), name=f"{rnd}", engine=name)
            prepare, cleanup = prepares.get(name, a.prepare), cleanups.get(name, a.cleanup)
            try:
                if prepare:
                    run(fill(prepare), env, True)
                t = run(fill(overrides.get(name, a.cmd)), env, True)
            except RuntimeError as e:
                failed[name] = str(e)
                print(f"[{a.figure}] {name}: FAILED {e}", file=sys.stderr)
                t = None
            finally:
                if cleanup:
                    run(fill(cleanup), env, False)
            if t is not None and rnd >= a.warmup:
                times[name].append(t)
    with open(a.csv, "a", newline="") as f:
        w = csv.writer(f)
        for name, _ in engines:
            if name in failed or not times[name]:
                w.writerow([a.figure, name, "FAILED", "FAILED", "FAILED", a.unit, 0])
                continue
            if a.per_run:
                vals = sorted(a.per_run / (ns / 1e9) for ns in times[name])
            else:
                vals = sorted(ns / 1e6 for ns in times[name])
            w.writerow([a.figure, name, f"{vals[0]:.2f}", f"{statistics.median(vals):.2f}",
                        f"{vals[-1]:.2f}", a.unit, len(vals)])
            print(f"[{a.figure}] {name}: median {statistics.median(vals):.2f} {a.unit} "
                  f"(min {vals[0]:.2f}, max {vals[-1]:.2f}, {len(vals)} runs)", file=sys.stderr)


if __name__ == "__main__":
    main()
