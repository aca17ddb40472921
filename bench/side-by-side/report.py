#!/usr/bin/env python3
"""The summary of a bench/run: throughput, latency percentiles, ratios and the issue's targets (Markdown).

Usage: report.py RESULTS_DIR

Reads RESULTS_DIR/results.tsv (one line per pgbench run), the per-transaction logs in RESULTS_DIR/txlog
(pgbench --log: "client_id transaction_no latency_us script_no epoch epoch_us ..."), RESULTS_DIR/memory.tsv.
Throughput per server, workload and client count is the median of the repeats (min–max in brackets);
the latency percentiles pool every transaction of every repeat.
"""
import collections
import glob
import os
import statistics
import sys

MB = 1024.0

# workload -> list of (metric, target, floor, description); metric "ratio" is HD tps / PG tps,
# "p50" is HatiData's median latency in ms.
TARGETS = {
    "select1": [("ratio", 1.0, 0.8, "tps >= 1.0x PG (floor 0.8x)")],
    "pk_lookup": [("ratio", 1.0, None, "tps >= 1.0x PG"), ("p50", 0.5, 1.0, "HD p50 <= 0.5 ms (floor 1 ms)")],
    "aggregate": [("ratio", 20.0, 5.0, "tps >= 20x PG (floor 5x)")],
    "join": [],
    "churn": [("ratio", 0.5, None, "tps >= 0.5x PG")],
}
NAMES = {
    "select1": "SELECT 1",
    "pk_lookup": "PK lookup (100 k rows)",
    "aggregate": "aggregate (1 M rows)",
    "join": "4-table join",
    "churn": "connection churn (-C)",
}


def read_tsv(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def latencies_ms(results, server, workload, clients):
    values = []
    for path in glob.glob(os.path.join(results, "txlog", f"{server}-{workload}-c{clients}-r*.*")):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    values.append(int(parts[2]) / 1000.0)
    return sorted(values)


def percentile(values, p):
    if not values:
        return None
    index = min(len(values) - 1, max(0, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[index]


def fmt(value, pattern):
    return "–" if value is None else pattern % value


def fmt_ratio(value):
    return fmt(value, "%.3fx" if value is not None and value < 0.1 else "%.2fx")


def verdict(value, target, floor, higher_is_better):
    if value is None:
        return "not measured"
    ok = (lambda v, t: v >= t) if higher_is_better else (lambda v, t: v <= t)
    if ok(value, target):
        return "**met**"
    if floor is not None and ok(value, floor):
        return "not met (floor met)"
    return "**not met**" + (" (floor not met)" if floor is not None else "")


def cpu_table(results):
    """HatiData's process CPU and context switches per statement (cpu.tsv: before/after of /proc/<pid>)."""
    path = os.path.join(results, "cpu.tsv")
    if not os.path.exists(path):
        return
    ticks = os.sysconf("SC_CLK_TCK")
    per = collections.defaultdict(list)
    order = []
    with open(path) as f:
        for line in f:
            cells = line.split()
            if len(cells) != 10:
                continue
            workload, clients, _repeat, done = cells[0], int(cells[1]), cells[2], int(cells[3])
            user0, sys0, sw0, user1, sys1, sw1 = (int(x) for x in cells[4:])
            if done <= 0:
                continue
            key = (workload, clients)
            if key not in order:
                order.append(key)
            per[key].append(((user1 - user0) / ticks * 1e6 / done, (sys1 - sys0) / ticks * 1e6 / done,
                             (sw1 - sw0) / done))
    print()
    print("| HatiData process per statement (median of the repeats) | clients | user CPU µs | system CPU µs | context switches |")
    print("|---|---|---|---|---|")
    for workload, clients in order:
        rows = per[(workload, clients)]
        med = [statistics.median(r[i] for r in rows) for i in range(3)]
        print(f"| {NAMES.get(workload, workload)} | {clients} | {med[0]:.0f} | {med[1]:.0f} | {med[2]:.1f} |")


def main():
    results = sys.argv[1]
    rows = read_tsv(os.path.join(results, "results.tsv"))
    tps = collections.defaultdict(list)
    order = []
    for row in rows:
        key = (row["workload"], int(row["clients"]))
        if key not in order:
            order.append(key)
        try:
            tps[(row["server"],) + key].append(float(row["tps"]))
        except ValueError:
            pass

    print("| workload | clients | PG tps | HD tps | HD/PG | PG p50 / p95 / p99 ms | HD p50 / p95 / p99 ms | target | result |")
    print("|---|---|---|---|---|---|---|---|---|")
    verdicts = []
    for workload, clients in order:
        med = {}
        cells = {}
        for server in ("postgres", "hatidata"):
            values = tps.get((server, workload, clients), [])
            med[server] = statistics.median(values) if values else None
            spread = f" ({min(values):.0f}–{max(values):.0f})" if len(values) > 1 else ""
            lat = latencies_ms(results, server, workload, clients)
            cells[server] = (fmt(med[server], "%.0f") + spread,
                             " / ".join(fmt(percentile(lat, p), "%.3f") for p in (50, 95, 99)), lat)
        ratio = med["hatidata"] / med["postgres"] if med["hatidata"] and med["postgres"] else None
        goals = []
        for metric, target, floor, text in TARGETS.get(workload, []):
            value = ratio if metric == "ratio" else percentile(cells["hatidata"][2], 50)
            result = verdict(value, target, floor, metric == "ratio")
            goals.append((text, result))
            verdicts.append((f"{NAMES[workload]}, {clients} client(s)", text,
                             fmt_ratio(value) if metric == "ratio" else fmt(value, "%.3f ms"), result))
        target_text = "; ".join(g[0] for g in goals) or "–"
        result_text = "; ".join(g[1] for g in goals) or "–"
        print(f"| {NAMES.get(workload, workload)} | {clients} | {cells['postgres'][0]} | {cells['hatidata'][0]} | "
              f"{fmt_ratio(ratio)} | {cells['postgres'][1]} | {cells['hatidata'][1]} | {target_text} | {result_text} |")

    cpu_table(results)

    memory = {}
    path = os.path.join(results, "memory.tsv")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "\t" in line:
                    key, value = line.rstrip("\n").split("\t", 1)
                    memory[key] = value
    print()
    print("| memory (HatiData's Karaf JVM, VmRSS) | MB |")
    print("|---|---|")
    for key, text in (("rss_after_start_kb", "after start, before the load"),
                      ("rss_idle_after_load_kb", "idle after the load and the policies"),
                      ("rss_idle_after_workloads_kb", "idle after the workloads")):
        if key in memory and memory[key]:
            print(f"| {text} | {int(memory[key]) / MB:.0f} |")
    growth = None
    if memory.get("stream_rss_peak_kb") and memory.get("stream_rss_start_kb"):
        growth = (int(memory["stream_rss_peak_kb"]) - int(memory["stream_rss_start_kb"])) / MB
        print(f"| streaming {int(memory['stream_rows']):,} rows ({int(memory['stream_bytes']) / MB / MB:.0f} MiB of text) "
              f"in {memory['stream_seconds']} s (PostgreSQL: {memory.get('pg_stream_seconds', '–')} s): "
              f"before {int(memory['stream_rss_start_kb']) / MB:.0f}, peak {int(memory['stream_rss_peak_kb']) / MB:.0f}, "
              f"growth | {growth:.0f} |")
    idle = int(memory["rss_idle_after_load_kb"]) / MB if memory.get("rss_idle_after_load_kb") else None
    verdicts.append(("idle resident memory after load", "<= 400 MB", fmt(idle, "%.0f MB"),
                     verdict(idle, 400, None, False)))
    rows = int(memory.get("stream_rows", "0") or 0)
    verdicts.append((f"streaming {rows:,} rows" + ("" if rows >= 10_000_000 else " (the target is for 10 M)"),
                     "RSS growth <= 64 MB", fmt(growth, "%.0f MB"),
                     verdict(growth, 64, None, False)))

    print()
    print("| target (full pipeline on) | wanted | measured | result |")
    print("|---|---|---|---|")
    for what, wanted, measured, result in verdicts:
        print(f"| {what} | {wanted} | {measured} | {result} |")


if __name__ == "__main__":
    main()
