#!/usr/bin/env python3
"""Where the CPU time of a HatiData JFR recording goes: per pipeline stage, per component, per thread.

Usage: jfr_summary.py RECORDING.jfr [TOP]

Reads the jdk.ExecutionSample events (`jfr print`, full stacks) and attributes every sample three ways:
- stage: the innermost pipeline stage on the stack (a class implementing QueryStage, its process method or
  a lambda of it); samples of a statement thread outside every stage are "wire/session (no stage)",
  samples of other threads are "(not in a statement)";
- component: the innermost frame that belongs to a known library or bundle (DuckDB JNI, Calcite, Derby,
  Netty, the audit bundle, ...), else the JDK package of the leaf frame;
- thread: the thread's name with digits folded (pool members together).
Then the stage x component table and the top leaf frames. Only Java frames are sampled: time in native
code
(DuckDB's C++ work inside a JNI call counts as the JNI frame; a thread blocked in epoll is not sampled).
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


def samples(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "512", path],
                          check=True, capture_output=True, text=True).stdout
    thread, frames, in_stack = None, [], False
    for line in text.splitlines():
        m = THREAD.search(line)
        if m:
            thread = m.group(1)
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
    print(f"recording: {path}\nexecution samples: {total}\n")
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
