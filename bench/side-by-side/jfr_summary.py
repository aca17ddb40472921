#!/usr/bin/env python3
"""Where the CPU time of a HatiData JFR recording goes: per pipeline stage, per component, per thread.

Usage: jfr_summary.py RECORDING.jfr [TOP] [STATEMENTS] [PERIOD_MS]

STATEMENTS (the transactions pgbench completed during the recording) turns sample counts into CPU µs per
statement, with PERIOD_MS the jdk.ExecutionSample period (10 ms in JFR's `profile` settings). JFR takes
Java samples of up to 5 threads per period, enough for the 2-3 busy threads of a 1-client run.

Reads the jdk.ExecutionSample events (`jfr print`, full stacks) and attributes every sample three ways:
- stage: the innermost pipeline stage on the stack (a class implementing QueryStage, its process method or
  a lambda of it); samples of a statement thread outside every stage are "wire/session (no stage)",
  samples of other threads are "(not in a statement)";
- component: the innermost frame that belongs to a known library or bundle (DuckDB JNI, Calcite, Derby,
  Netty, the audit bundle, ...), else the JDK package of the leaf frame;
- thread: the thread's name with digits folded (pool members together).
Then the stage x component table and the top leaf frames. Only threads running Java code are sampled:
DuckDB's C++ work inside a JNI call and a thread blocked in epoll are not (JFR's native samples take one
thread per period, too few to count). Off-CPU time of the statement threads comes from jdk.ThreadPark
events (record them with jdk.ThreadPark#threshold=0ms), attributed to the innermost stage and the first
HatiData frame: e.g. the waits for the durable audit commit.
"""
import collections
import re
import subprocess
import sys

STAGES = {
    "io.hatidata.pipeline.AuditStage": "100 audit",
    "io.hatidata.pipeline.AdmissionStage": "200 admission",
    "io.hatidata.controlplane.EnvironmentConcurrencyStage": "250 environment-concurrency",
    "io.hatidata.sql.TableExtractionStage": "300 table-extraction",
    "io.hatidata.controlplane.ScopeStage": "350 key-scopes",
    "io.hatidata.controlplane.AgentRegistrationStage": "360 agent-registration",
    "io.hatidata.pipeline.PolicyStage": "400 policy",
    "io.hatidata.pipeline.CostEstimateStage": "500 cost-estimate",
    "io.hatidata.pipeline.FullScanGateStage": "550 full-scan-gate",
    "io.hatidata.pipeline.QuotaStage": "600 quota",
    "io.hatidata.billing.OrganizationLimitsStage": "610 organization-limits",
    "io.hatidata.pipeline.MeteringStage": "650 metering",
    "io.hatidata.pipeline.RowFilterStage": "700 row-filter",
    "io.hatidata.pipeline.ColumnMaskingStage": "750 column-masking",
    "io.hatidata.shadow.ShadowStage": "790 warehouse-shadow",
    "io.hatidata.sql.TranspileStage": "800 transpile",
    "io.hatidata.sql.HealingStage": "850 healing",
    "io.hatidata.controlplane.EnvironmentTimeoutStage": "900 environment-timeout",
    "io.hatidata.engine.duckdb.SnapshotPinStage": "950 snapshot-pin",
    "io.hatidata.engine.duckdb.DuckDbExecuteStage": "1000 execute",
}

# First match wins, tested from the leaf frame towards the root.
COMPONENTS = [
    ("org.duckdb.", "DuckDB (JDBC/JNI)"),
    ("org.apache.calcite.", "Calcite"),
    ("org.apache.derby.", "Derby"),
    ("io.netty.", "Netty"),
    ("org.bouncycastle.", "BouncyCastle"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("org.apache.felix.", "Felix/OSGi"),
    ("org.osgi.", "Felix/OSGi"),
    ("org.eclipse.jetty.", "Jetty"),
    ("io.hatidata.audit.", "hatidata audit"),
    ("io.hatidata.billing.", "hatidata billing"),
    ("io.hatidata.policy.", "hatidata policy"),
    ("io.hatidata.sql.", "hatidata sql"),
    ("io.hatidata.wire.", "hatidata wire-pg"),
    ("io.hatidata.engine.", "hatidata engine-duckdb"),
    ("io.hatidata.controlplane.", "hatidata control-plane"),
    ("io.hatidata.pipeline.", "hatidata pipeline"),
    ("io.hatidata.", "hatidata other"),
]

FRAME = re.compile(r"^\s+([\w$.<>/]+)\.([\w$<>]+)\(.*\)\s+line:")
THREAD = re.compile(r'sampledThread = "([^"]*)"')
EVENT_THREAD = re.compile(r'eventThread = "([^"]*)"')


def component_of(frames):
    for frame in frames:
        for prefix, name in COMPONENTS:
            if frame.startswith(prefix):
                return name
    leaf = frames[0] if frames else "?"
    return "JDK " + ".".join(leaf.split(".")[:2]) if leaf.startswith(("java.", "jdk.", "sun.")) else "other"


def stage_of(frames, thread):
    for frame in frames:
        cls = frame.rsplit(".", 1)[0].split("$")[0]
        if cls in STAGES:
            return STAGES[cls]
    if any(f.startswith("io.hatidata.wire.") for f in frames):
        return "wire/session (no stage)"
    return "(not in a statement)"


DURATION = re.compile(r"^\s+duration = ([\d.]+) (ns|us|ms|s)\b")
UNITS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0}


def samples(path, event="jdk.ExecutionSample", durations=None):
    """Yields (thread, frames) of every event; appends each event's duration in ms to DURATIONS if given."""
    text = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "512", path],
                          check=True, capture_output=True, text=True).stdout
    thread, frames, in_stack = None, [], False
    for line in text.splitlines():
        m = THREAD.search(line) or EVENT_THREAD.search(line)
        if m:
            thread = m.group(1)
            continue
        m = DURATION.match(line)
        if m and durations is not None:
            durations.append(float(m.group(1)) * UNITS[m.group(2)])
            continue
        if "stackTrace = [" in line:
            frames, in_stack = [], True
            continue
        if in_stack:
            if line.strip() == "]":
                in_stack = False
                yield thread, frames
                continue
            m = FRAME.match(line)
            if m:
                frames.append(m.group(1) + "." + m.group(2))


def pct(n, total):
    return f"{100.0 * n / total:5.1f} %" if total else "-"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    statements = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    period_ms = float(sys.argv[4]) if len(sys.argv) > 4 else 10.0
    by_stage, by_component, by_thread = collections.Counter(), collections.Counter(), collections.Counter()
    matrix, leaves = collections.Counter(), collections.Counter()
    total = 0
    for thread, frames in samples(path):
        total += 1
        stage, comp = stage_of(frames, thread), component_of(frames)
        by_stage[stage] += 1
        by_component[comp] += 1
        by_thread[re.sub(r"\d+", "N", thread or "?")] += 1
        matrix[(stage, comp)] += 1
        leaves[frames[0] if frames else "?"] += 1
    print(f"recording: {path}\nexecution samples: {total}" + (f", statements: {statements}" if statements else "") + "\n")
    parked, parked_n = collections.Counter(), collections.Counter()
    durations = []
    for thread, frames in samples(path, "jdk.ThreadPark", durations):
        if not thread or not thread.startswith("hatidata-pg-statement"):
            continue
        stage = stage_of(frames, thread)
        if stage in ("(not in a statement)", "wire/session (no stage)") and not any(
                f.startswith("io.hatidata.") for f in frames):
            continue  # an idle pool thread waiting for work
        first = next((f for f in frames if f.startswith("io.hatidata.")), "?")
        parked[(stage, first)] += durations[-1] if durations else 0.0
        parked_n[(stage, first)] += 1
    if statements:
        print("## per statement: Java CPU by innermost stage (samples x period / statements) and parked time")
        print("| stage | Java CPU µs / statement | share of samples | parked µs / statement |")
        print("|---|---|---|---|")
        stage_parked = collections.Counter()
        for (stage, _), ms in parked.items():
            stage_parked[stage] += ms
        for stage in sorted(set(by_stage) | set(stage_parked), key=lambda k: -by_stage.get(k, 0)):
            cpu = by_stage.get(stage, 0) * period_ms * 1000.0 / statements
            park = stage_parked.get(stage, 0.0) * 1000.0 / statements
            print(f"| {stage} | {cpu:.0f} | {pct(by_stage.get(stage, 0), total).strip()} | {park:.0f} |")
        print()
    if parked:
        print("## statement threads parked (jdk.ThreadPark), by innermost stage and first HatiData frame")
        for (stage, first), ms in parked.most_common(top):
            per = f"  {ms * 1000.0 / statements:8.0f} µs/stmt" if statements else ""
            print(f"{ms:10.1f} ms {parked_n[(stage, first)]:7d} waits{per}  {stage:28s} {first}")
        print()
    for title, counter in (("innermost pipeline stage", by_stage), ("component (innermost known frame)", by_component),
                           ("thread", by_thread)):
        print(f"## by {title}")
        for key, n in counter.most_common(top):
            print(f"{pct(n, total)}  {n:6d}  {key}")
        print()
    print("## stage x component (top cells)")
    for (stage, comp), n in matrix.most_common(top):
        print(f"{pct(n, total)}  {n:6d}  {stage:32s} {comp}")
    print()
    print("## leaf frames (self time)")
    for key, n in leaves.most_common(top):
        print(f"{pct(n, total)}  {n:6d}  {key}")


if __name__ == "__main__":
    main()
