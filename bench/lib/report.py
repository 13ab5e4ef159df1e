#!/usr/bin/env python3
"""Turns one run's CSV (figure, engine, min, median, max, unit, runs) into BENCHMARKS.md and a PNG
bar chart of the ratios Wharf/Docker of medians (and Wharf/baseline where a figure has one), with
issue 9's target for each ratio. Engines: wharf, docker, podman; baselines: runc, floor, direct.
A row whose median is n/a carries the reason in its unit column."""
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


# (figure prefix, baseline engine, what it is, target op, target): Wharf's median over the baseline's
BASELINES = [
    ("run --rm busybox true", "runc", "raw `runc run` of a prepared busybox bundle (`runc spec`, `true`)",
     "<=", 4.0),
    ("run --rm --network none", "runc", "raw `runc run` of a prepared busybox bundle (`runc spec`, `true`)",
     None, None),
    ("save | load", "floor", "the image's files through `tar -c | tee FIFO | tar -x` with `sha256sum FIFO` alongside", "<=", 1.5),
    ("pull,", "floor", "the same layer blobs (as Docker pushed them) through `sha256sum` and "
     "`gunzip | tar -x`, in parallel", "<=", 1.5),
    ("published-port", "direct", "the same busybox httpd run on the host, fetched on 127.0.0.1 with no "
     "container in between (MB/s)", ">=", 0.9),
]
ENGINES = ("wharf", "docker", "podman")


def target_of(figure):
    for prefix, op, value in TARGETS:
        if figure.startswith(prefix):
            return op, value
    return None


def baseline_of(figure):
    for prefix, engine, what, op, value in BASELINES:
        if figure.startswith(prefix):
            return engine, what, (op, value) if op else None
    return None


def met(r, t):
    return r <= t[1] if t[0] == "<=" else r >= t[1]


def read(path):
    figures = OrderedDict()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            figures.setdefault(row["figure"], {})[row["engine"]] = row
    return figures


def add_overhead(figures):
    """Per-container overhead: (PSS with N running - PSS just before) / N, from the two PSS figures
    (the idle reading at the start of the run when there is no reading just before the N)."""
    before = next((k for k in figures if k.startswith("daemon PSS, none running, before")), None)
    idle = figures.get(before or "daemon PSS, idle")
    busy = next((k for k in figures if k.startswith("daemon PSS, ") and k.endswith(" running")), None)
    if not idle or not busy:
        return
    n = int(busy.split(", ")[1].split()[0])
    rows = {}
    for engine in ENGINES:
        try:
            base = idle[engine]["median"]
            base = 0.0 if base == "n/a" else float(base)  # Podman: no daemon
            v = (float(figures[busy][engine]["median"]) - base) / n
        except (KeyError, ValueError):
            continue
        s = f"{v:.2f}"
        rows[engine] = dict(figure="per-container overhead (PSS)", engine=engine, min=s, median=s, max=s,
                            unit="MB", runs="1")
    figures["per-container overhead (PSS)"] = rows


def ratio(fig, a="wharf", b="docker"):
    try:
        return float(fig[a]["median"]) / float(fig[b]["median"])
    except (KeyError, ValueError, ZeroDivisionError):
        return None


def cell(row):
    if row is None or row["median"] == "FAILED":
        return "FAILED" if row else "—"
    if row["median"] == "n/a":
        return f"n/a ({row['unit']})"
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
    bars = []
    for name, fig in figures.items():
        bars.append((name, ratio(fig), target_of(name)))
        b = baseline_of(name)
        if b:
            bars.append((f"{name}: Wharf/{b[0]}", ratio(fig, "wharf", b[0]), b[2]))
    for name, r, t in bars:
        if r is None:
            continue
        names.append(name)
        values.append(r)
        marks.append(t[1] if t else None)
        colors.append("#999999" if not t else ("#2a9d3a" if met(r, t) else "#d1495b"))
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
    ax.set_xlabel("Wharf / Docker (or Wharf / baseline where named), ratio of medians, log scale\n"
                  "black tick: issue 9 target; green met, red missed, grey no target", fontsize=8)
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

    has_podman = any("podman" in fig for fig in figures.values())
    profiling = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "PROFILING.md")  # bench/
    out = ["# Benchmarks: Wharf side by side with Docker" + (" and Podman" if has_podman else ""), "",
           "Written by `bench/run.sh` (issue 9) from one run; every number below comes from that run's CSV. "
           "Re-run the command to refresh it; do not edit the numbers by hand.", "",
           f"- command: `{meta.get('command')}` (as root, from the repository root), run {meta.get('stamp')}",
           f"- machine: {meta.get('cpu')}, {meta.get('memory')}, {meta.get('kernel')}",
           f"- Wharf: {meta.get('wharf')}",
           f"- Docker: {meta.get('dockerd')}; {meta.get('containerd')}; client {meta.get('docker_cli')}"]
    if meta.get("podman"):
        out.append(f"- Podman: {meta.get('podman')}")
    out += [f"- runtimes: {meta.get('runc')}; {meta.get('conmon')}"]
    if meta.get("registry"):
        out.append(f"- registry for pull/push: {meta.get('registry')}")
    out += [f"- {meta.get('runs')}"]
    if meta.get("sizes"):
        out.append(f"- sizes: {meta.get('sizes')}")
    out += [f"- raw data: [`{rel(a.csv)}`]({rel(a.csv)})" + (f", chart: [`{rel(a.png)}`]({rel(a.png)})" if drew else "")]
    if os.path.exists(profiling):
        out.append(f"- profiling notes (before/after): [`bench/PROFILING.md`]({rel(profiling)})")
    out += ["",
            "Wharf and Docker are driven by the same docker CLI (`DOCKER_HOST` per daemon), Podman by its own CLI "
            "(daemonless, its own root, run root, tmp dir and config files), except the `CLI:` rows, which compare "
            "`bin/wharf` against wharfd with `docker` against dockerd (and `podman`). The engines alternate run by "
            "run (A B C, C B A, …) after warm-up runs, baselines included; times are wall-clock times of the whole "
            "CLI command. Memory rows are one reading of /proc: dockerd + its containerd + shims, wharfd + its "
            "conmons, Podman's conmons.", ""]
    if drew:
        out += [f"![ratios]({rel(a.png)})", ""]
    out += ["## Summary", ""]
    head = "| figure | Wharf | Docker |" + (" Podman |" if has_podman else "") + " Wharf/Docker |" + \
        (" Wharf/Podman |" if has_podman else "") + " target | met |"
    out += [head, "|" + "---|" * (head.count("|") - 1)]
    for name, fig in figures.items():
        r = ratio(fig)
        t = target_of(name)
        if t and r is not None:
            m = "yes" if met(r, t) else "**no**"
        else:
            m = "—" if not t else "not measured"
        row = f"| {name.replace('|', chr(92) + '|')} | {cell(fig.get('wharf'))} | {cell(fig.get('docker'))} |"
        if has_podman:
            row += f" {cell(fig.get('podman'))} |"
        row += f" {'%.2f' % r if r is not None else '—'} |"
        if has_podman:
            rp = ratio(fig, "wharf", "podman")
            row += f" {'%.2f' % rp if rp is not None else '—'} |"
        row += f" {t[0] + ' ' + str(t[1]) if t else '—'} | {m} |"
        out.append(row)
    out += ["", "Ratios are of medians; for time, below 1 means Wharf is faster; for throughput (MB/s) above 1 "
            "means Wharf is faster; for memory below 1 means Wharf uses less.", ""]

    based = [(name, fig, baseline_of(name)) for name, fig in figures.items() if baseline_of(name)]
    if based:
        out += ["## Against a baseline without an engine", "",
                "The baseline runs in the same interleaving as the engines; the ratio is each engine's median over "
                "the baseline's (for MB/s, above 1 means faster than the baseline).", "",
                "| figure | baseline | baseline median | Wharf/baseline | Docker/baseline |" +
                (" Podman/baseline |" if has_podman else "") + " target (Wharf) | met |",
                "|---|---|---|---|---|" + ("---|" if has_podman else "") + "---|---|"]
        for name, fig, (engine, what, t) in based:
            rs = [ratio(fig, e, engine) for e in ENGINES[:3 if has_podman else 2]]
            r = rs[0]
            m = "—" if not t else ("not measured" if r is None else ("yes" if met(r, t) else "**no**"))
            out.append(f"| {name.replace('|', chr(92) + '|')} | {engine}: {what.replace('|', chr(92) + '|')} | "
                       f"{cell(fig.get(engine))} | " +
                       " | ".join("%.2f" % x if x is not None else "—" for x in rs) +
                       f" | {t[0] + ' ' + str(t[1]) if t else '—'} | {m} |")
        out.append("")

    missing = []
    if not any(k.startswith("pull,") for k in figures) or not any(k.startswith("push,") for k in figures):
        missing.append("pull and push of a 100 MB two-layer image from a loopback registry.")
    if not any(k.startswith("published-port") for k in figures):
        missing.append("published-port throughput of a 1 GB download vs the host directly.")
    if not any(k.startswith("run --rm busybox true") and "runc" in f for k, f in figures.items()):
        missing.append("`run --rm` against raw `runc run` on a prepared bundle (the issue's 4x target).")
    if not has_podman:
        missing.append("Podman (run without it: `--no-podman`).")
    if missing:
        out += ["## Not measured in this run", ""] + [f"- {m}" for m in missing] + [""]
    out += ["JMH micro-benchmarks of Dockerfile parsing, digesting and layer extraction are in `bench/jmh/` "
            "and run separately (`bench/jmh/run.sh`); they are not part of this table.", "",
            "`logs` is timed through each CLI (`docker logs NAME > /dev/null`), so the CLI's own demultiplexing "
            "is part of every figure. `per-container overhead` is (PSS with the 50 running − PSS just before they "
            "were started, after the parallel-start figure) / 50: the marginal cost of 50 more containers to a "
            "daemon that is already warm (a JVM keeps the heap it touched in the figure before). Podman runs containers with runc (as Docker and Wharf do, not its default "
            "crun), overlay storage, the cgroupfs manager, netavark networking and the k8s-file log driver. "
            "Pull/push use Debian's docker-registry on 127.0.0.1 with filesystem storage, emptied before every "
            "push; before every pull the image is removed, so each run downloads both layers.", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
