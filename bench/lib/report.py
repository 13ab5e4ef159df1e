#!/usr/bin/env python3
"""Turns one run's CSV (figure, engine, min, median, max, unit, runs) into BENCHMARKS.md and a PNG
bar chart of the ratios Wharf/Docker of medians, with issue 9's target for each ratio."""
import argparse
import csv
import os
from collections import OrderedDict

# (figure prefix, "<=" or ">=", target) from issue 9; a ratio is Wharf's median over Docker's
TARGETS = [
    ("run --rm busybox true", "<=", 0.3),
    ("run --rm --network none", "<=", 0.3),
    ("build, fully cached", "<=", 0.5),
    ("build, cold", "<=", 0.7),
    ("ps -a, 100 containers", "<=", 1.0),
    ("exec true", "<=", 0.7),
    ("load of a new", "<=", 0.5),
    ("logs read throughput", ">=", 10.0),
    ("daemon RSS, idle", "<=", 0.5),
    ("per-container overhead", "<=", 1.0),
]


def target_of(figure):
    for prefix, op, value in TARGETS:
        if figure.startswith(prefix):
            return op, value
    return None


def read(path):
    figures = OrderedDict()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            figures.setdefault(row["figure"], {})[row["engine"]] = row
    return figures


def add_overhead(figures):
    """Per-container overhead: (PSS with N running - PSS idle) / N, from the two PSS figures."""
    idle = figures.get("daemon PSS, idle")
    busy = next((k for k in figures if k.startswith("daemon PSS, ") and k.endswith(" running")), None)
    if not idle or not busy:
        return
    n = int(busy.split(", ")[1].split()[0])
    rows = {}
    for engine in ("wharf", "docker"):
        try:
            v = (float(figures[busy][engine]["median"]) - float(idle[engine]["median"])) / n
        except (KeyError, ValueError):
            continue
        s = f"{v:.2f}"
        rows[engine] = dict(figure="per-container overhead (PSS)", engine=engine, min=s, median=s, max=s,
                            unit="MB", runs="1")
    figures["per-container overhead (PSS)"] = rows


def ratio(fig):
    try:
        return float(fig["wharf"]["median"]) / float(fig["docker"]["median"])
    except (KeyError, ValueError, ZeroDivisionError):
        return None


def cell(row):
    if row is None or row["median"] == "FAILED":
        return "FAILED" if row else "—"
    if row["runs"] == "1":
        return f"{row['median']} {row['unit']}"
    return f"{row['median']} {row['unit']} ({row['min']}–{row['max']}, n={row['runs']})"


def chart(figures, png):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    names, values, colors, marks = [], [], [], []
    for name, fig in figures.items():
        r = ratio(fig)
        if r is None:
            continue
        t = target_of(name)
        names.append(name)
        values.append(r)
        marks.append(t[1] if t else None)
        met = t and (r <= t[1] if t[0] == "<=" else r >= t[1])
        colors.append("#999999" if not t else ("#2a9d3a" if met else "#d1495b"))
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(names) + 1.6))
    y = range(len(names))
    ax.barh(list(y), values, color=colors)
    for i, m in enumerate(marks):
        if m is not None:
            ax.plot([m, m], [i - 0.4, i + 0.4], color="black", linewidth=2)
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.2f}", va="center", fontsize=8)
    ax.axvline(1.0, color="#555555", linestyle="--", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yticks(list(y))
    ax.set_yticklabels(names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Wharf / Docker, ratio of medians (log scale; black tick: issue 9 target; "
                  "green met, red missed, grey no target)", fontsize=8)
    ax.set_title("Wharf vs Docker, same machine, same run", fontsize=10)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--png", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    meta = dict(line.rstrip("\n").split("=", 1) for line in open(a.meta) if "=" in line)
    figures = read(a.csv)
    add_overhead(figures)
    drew = chart(figures, a.png)
    root = os.path.dirname(os.path.abspath(a.out))
    rel = lambda p: os.path.relpath(p, root)

    out = ["# Benchmarks: Wharf side by side with Docker", "",
           "Written by `bench/run.sh` (issue 9) from one run; every number below comes from that run's CSV. "
           "Re-run the command to refresh it; do not edit the numbers by hand.", "",
           f"- command: `{meta.get('command')}` (as root, from the repository root), run {meta.get('stamp')}",
           f"- machine: {meta.get('cpu')}, {meta.get('memory')}, {meta.get('kernel')}",
           f"- Wharf: {meta.get('wharf')}",
           f"- Docker: {meta.get('dockerd')}; {meta.get('containerd')}; client {meta.get('docker_cli')}",
           f"- runtimes: {meta.get('runc')}; {meta.get('conmon')}",
           f"- {meta.get('runs')}",
           f"- raw data: [`{rel(a.csv)}`]({rel(a.csv)})" + (f", chart: [`{rel(a.png)}`]({rel(a.png)})" if drew else ""),
           "",
           "Both daemons are driven by the same docker CLI (`DOCKER_HOST` per daemon), except the `CLI:` rows, "
           "which compare `bin/wharf` against wharfd with `docker` against dockerd. The engines alternate run by "
           "run (A B, B A, …) after warm-up runs; times are wall-clock times of the whole CLI command. "
           "Memory rows are one reading of /proc: dockerd + its containerd + shims, wharfd + its conmons.", ""]
    if drew:
        out += [f"![ratios]({rel(a.png)})", ""]
    out += ["## Summary", "", "| figure | Wharf | Docker | Wharf/Docker | target | met |", "|---|---|---|---|---|---|"]
    for name, fig in figures.items():
        r = ratio(fig)
        t = target_of(name)
        if t and r is not None:
            met = "yes" if (r <= t[1] if t[0] == "<=" else r >= t[1]) else "**no**"
        else:
            met = "—" if not t else "not measured"
        out.append(f"| {name.replace('|', chr(92) + '|')} | {cell(fig.get('wharf'))} | {cell(fig.get('docker'))} | "
                   f"{'%.2f' % r if r is not None else '—'} | {t[0] + ' ' + str(t[1]) if t else '—'} | {met} |")
    out += ["", "Ratios are of medians; for time, below 1 means Wharf is faster; for `logs` (MB/s) above 1 means "
            "Wharf is faster; for memory below 1 means Wharf uses less.", "",
            "## Not measured yet", "",
            "- pull and push of a 100 MB two-layer image from a loopback registry: Wharf has no registry client yet.",
            "- published-port throughput of a 1 GB download vs the host directly.",
            "- `run --rm` against raw `runc run` on a prepared bundle (the issue's 4x target).",
            "- the `save|load` floor (tar/gzip/sha256 of the same bytes).",
            "- Podman (Debian's podman 4.3 installs here; not wired in yet).",
            "", "JMH micro-benchmarks of Dockerfile parsing, digesting and layer extraction are in `bench/jmh/` "
            "and run separately (`bench/jmh/run.sh`); they are not part of this table.", "",
            "`logs` is timed through the docker CLI (`docker logs NAME > /dev/null`), so the CLI's own demultiplexing "
            "is part of both figures.", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
