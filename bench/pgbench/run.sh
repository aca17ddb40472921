#!/usr/bin/env bash
#
# Runs the same pgbench workloads side by side against HatiData and PostgreSQL 15 on this machine and
# prints tps and average latency per workload. See ../README.md.
#
#   bench/pgbench/run.sh
#
# Starts its own throwaway servers and stops them at the end (also on Ctrl-C or an error):
#   - PostgreSQL 15: initdb into $PG_DIR, trust authentication, defaults except listening on 127.0.0.1:$PG_PORT
#     (run as the postgres user when this script runs as root);
#   - HatiData: the distribution $HATIDATA_DIST unpacked into $HD_HOME (recreated every run), its ports moved
#     off the defaults, started with bin/start; the password is the owner API key its first start writes to
#     $HD_HOME/data/hatidata/bootstrap-api-key (read at run time, never printed).
#
# Settings (environment):
#   DURATION (20)        seconds per pgbench run (-T)
#   CLIENTS ("1 4")      client counts (-c; -j is min(clients, 2))
#   MODES ("simple extended prepared")
#   WORKLOADS ("select_only point_select aggregate insert connect")
#                        select_only = builtin -S; point_select, aggregate, insert = the .sql files here;
#                        connect = builtin -S with -C (a new connection per transaction, simple mode only)
#   SCALE (1)            pgbench scale factor (100 000 accounts per unit)
#   WARMUP (5)           seconds of each workload per server before the measured runs (not recorded)
#   HATIDATA_DIST        default: <repo>/karaf-assembly/target/hatidata-0.1.0-SNAPSHOT.tar.gz
#   RESULTS              folder for the raw pgbench output and results.tsv
#                        (default /tmp/bench-results/pgbench-<date>)
#   KEEP (0)             1 keeps the servers' folders after a successful run (they always stay after a failure)
#
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

DURATION="${DURATION:-20}"
CLIENTS="${CLIENTS:-1 4}"
MODES="${MODES:-simple extended prepared}"
WORKLOADS="${WORKLOADS:-select_only point_select aggregate insert connect}"
SCALE="${SCALE:-1}"
WARMUP="${WARMUP:-5}"
KEEP="${KEEP:-0}"
HATIDATA_DIST="${HATIDATA_DIST:-$REPO/karaf-assembly/target/hatidata-0.1.0-SNAPSHOT.tar.gz}"
RESULTS="${RESULTS:-/tmp/bench-results/pgbench-$(date +%Y%m%d-%H%M%S)}"

PG_DIR=/tmp/bench-pg15
PG_PORT=55433

HD_HOME=/tmp/bench-hatidata
HD_PG_PORT=55439
HD_HTTP_PORT=58080
HD_SSH_PORT=58101
HD_RMI_REGISTRY_PORT=51099
HD_RMI_SERVER_PORT=54444
HD_JMXMP_PORT=59999

START_TIMEOUT=120   # seconds to wait for a server to answer
STOP_TIMEOUT=60     # seconds to wait for a server to stop before it is killed

# The servers' start, stop and connection settings, shared with bench/run.
# shellcheck source=../lib/servers.sh
. "$HERE/../lib/servers.sh"

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_child
    hd_stop
    pg_stop
    exit "$status"
}

# workload_args NAME MODE: the pgbench options of a workload (empty: this combination is not run).
workload_args() {
    case "$1" in
        select_only) echo "-M $2 -S" ;;
        point_select | aggregate | insert) echo "-M $2 -f $HERE/$1.sql" ;;
        connect) [ "$2" = simple ] && echo "-M simple -C -S" ;;
    esac
}

# run_pgbench SERVER WORKLOAD MODE CLIENTS: one run, raw output to a log, one line to results.tsv.
run_pgbench() {
    local server="$1" workload="$2" mode="$3" clients="$4" args threads output
    args="$(workload_args "$workload" "$mode")" || return 0
    threads=$((clients < 2 ? clients : 2))
    output="$RESULTS/$server-$workload-$mode-c$clients.log"
    : >"$output"
    # shellcheck disable=SC2086 # args is a list of options
    if ! bounded "$server" $((DURATION + 60)) "$output" "$PGBENCH" -n $args -c "$clients" -j "$threads" -T "$DURATION"; then
        log "pgbench failed against $server ($workload, $mode, $clients clients), see $output"
    fi
    local tps latency failed processed
    tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$output" | head -n 1)"
    latency="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$output" | head -n 1)"
    failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$output" | head -n 1)"
    processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$output" | head -n 1)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$server" "$workload" "$mode" "$clients" \
        "${tps:--}" "${latency:--}" "${processed:--}" "${failed:--}" >>"$RESULTS/results.tsv"
    log "$(printf '%-9s %-13s %-9s c=%s  tps %10s  latency %8s ms  failed %s' \
        "$server" "$workload" "$mode" "$clients" "${tps:--}" "${latency:--}" "${failed:--}")"
}

print_table() {
    printf '\n%-13s %-9s %3s | %9s %8s | %12s %8s | %7s\n' workload mode c "pg15 tps" "lat ms" "hatidata tps" "lat ms" "pg/hd"
    printf '%s\n' "-----------------------------------------------------------------------------------"
    awk -F '\t' '
        function number(value, format) { return value == "-" || value == "" ? "-" : sprintf(format, value) }
        $1 == "postgres" { key = $2 FS $3 FS $4; pg_tps[key] = $5; pg_lat[key] = $6; order[++n] = key }
        $1 == "hatidata" { key = $2 FS $3 FS $4; hd_tps[key] = $5; hd_lat[key] = $6 }
        END {
            for (i = 1; i <= n; i++) {
                split(order[i], k, FS)
                ratio = (hd_tps[order[i]] + 0 > 0) ? sprintf("%.1fx", pg_tps[order[i]] / hd_tps[order[i]]) : "-"
                printf "%-13s %-9s %3s | %9s %8s | %12s %8s | %7s\n", k[1], k[2], k[3],
                    number(pg_tps[order[i]], "%.0f"), number(pg_lat[order[i]], "%.3f"),
                    number(hd_tps[order[i]], "%.0f"), number(hd_lat[order[i]], "%.3f"), ratio
            }
        }' "$RESULTS/results.tsv"
}

main() {
    command -v "$PGBENCH" >/dev/null || die "pgbench not found"
    for workload in $WORKLOADS; do
        case "$workload" in
            select_only | point_select | aggregate | insert | connect) ;;
            *) die "unknown workload $workload" ;;
        esac
    done
    mkdir -p "$RESULTS"
    printf 'server\tworkload\tmode\tclients\ttps\tlatency_ms\tprocessed\tfailed\n' >"$RESULTS/results.tsv"
    {
        echo "date: $(date -Is)"
        echo "uptime before: $(uptime)"
        echo "nproc: $(nproc)"
        lscpu | grep -m 1 'Model name' || true
        grep -m 1 MemTotal /proc/meminfo || true
        "$PGBENCH" --version
        echo "duration: $DURATION s, clients: $CLIENTS, modes: $MODES, scale: $SCALE"
    } >"$RESULTS/machine.txt"

    trap cleanup EXIT INT TERM
    # Left over from an interrupted earlier run of this script (only our own folders are looked at).
    hd_stop
    pg_stop

    pg_start
    hd_start

    log "pgbench -i -s $SCALE on PostgreSQL (steps dtgvp)"
    bounded postgres 600 "$RESULTS/postgres-init.log" "$PGBENCH" -i -s "$SCALE" \
        || die "pgbench -i failed on PostgreSQL, see $RESULTS/postgres-init.log"
    # DuckDB has no VACUUM of PostgreSQL's kind: HatiData initialises without the v step.
    log "pgbench -i -I dtgp -s $SCALE on HatiData"
    bounded hatidata 600 "$RESULTS/hatidata-init.log" "$PGBENCH" -i -I dtgp -s "$SCALE" \
        || die "pgbench -i failed on HatiData, see $RESULTS/hatidata-init.log"

    # Warm-up, not recorded: the JIT of HatiData's JVM and both servers' caches reach a steady state.
    log "warming up both servers (${WARMUP}s per workload and server)"
    for workload in $WORKLOADS; do
        args="$(workload_args "$workload" simple)"
        for server in postgres hatidata; do
            # shellcheck disable=SC2086 # args is a list of options
            bounded "$server" $((WARMUP + 60)) "$RESULTS/warmup.log" "$PGBENCH" -n $args -c 1 -j 1 -T "$WARMUP" || true
        done
    done

    for workload in $WORKLOADS; do
        for mode in $MODES; do
            for clients in $CLIENTS; do
                run_pgbench postgres "$workload" "$mode" "$clients"
                run_pgbench hatidata "$workload" "$mode" "$clients"
            done
        done
    done

    echo "uptime after: $(uptime)" >>"$RESULTS/machine.txt"
    hd_stop
    pg_stop
    trap - EXIT INT TERM
    if [ "$KEEP" != 1 ]; then
        rm -rf -- "$HD_HOME" "$PG_DIR"
    fi

    cat "$RESULTS/machine.txt"
    print_table
    echo
    echo "raw output: $RESULTS"
}

main "$@"
