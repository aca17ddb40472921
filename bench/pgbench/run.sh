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

PG_BIN=/usr/lib/postgresql/15/bin
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
PGBENCH="${PGBENCH:-$(command -v pgbench || echo "$PG_BIN/pgbench")}"
PSQL="${PSQL:-$(command -v psql || echo "$PG_BIN/psql")}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Runs a PostgreSQL server command as the postgres user when we are root (initdb refuses root).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Waits at most STOP_TIMEOUT seconds for a process to exit.
wait_for_exit() {
    local pid="$1" waited=0
    [ -n "$pid" ] || return 0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((STOP_TIMEOUT * 10)) ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------------
# PostgreSQL 15
# ---------------------------------------------------------------------------------------------------------

pg_stop() {
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
        log "stopping PostgreSQL"
        local pid
        pid="$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)"
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t "$STOP_TIMEOUT" stop >/dev/null 2>&1 || true
        wait_for_exit "$pid"
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            log "PostgreSQL (pid $pid) did not stop in ${STOP_TIMEOUT}s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

pg_start() {
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed in $PG_BIN"
    port_in_use "$PG_PORT" && die "port $PG_PORT is in use"
    rm -rf -- "$PG_DIR"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
    log "initdb into $PG_DIR/data"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-instructions >"$RESULTS/pg-initdb.log" 2>&1 \
        || die "initdb failed, see $RESULTS/pg-initdb.log"
    log "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t "$START_TIMEOUT" \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null \
        || die "PostgreSQL did not start, see $PG_DIR/server.log"
    "$PG_BIN/postgres" --version >"$RESULTS/pg-version.txt"
}

PG_VARS=(PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE=postgres PGSSLMODE=disable PGPASSWORD=)

# ---------------------------------------------------------------------------------------------------------
# HatiData
# ---------------------------------------------------------------------------------------------------------

hd_stop() {
    [ -d "$HD_HOME" ] || return 0
    local pid=""
    [ -f "$HD_HOME/karaf.pid" ] && pid="$(tr -dc '0-9' <"$HD_HOME/karaf.pid")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        log "stopping HatiData (pid $pid)"
        timeout "$STOP_TIMEOUT" "$HD_HOME/bin/stop" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
        wait_for_exit "$pid"
        if kill -0 "$pid" 2>/dev/null; then
            log "HatiData (pid $pid) did not stop in ${STOP_TIMEOUT}s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

# Sets "key = value" in a Karaf .cfg file (the line must exist).
set_cfg() {
    local file="$1" key="$2" value="$3"
    grep -q "^[[:space:]]*$key[[:space:]]*=" "$file" || die "$key not found in $file"
    sed -i "s|^[[:space:]]*$key[[:space:]]*=.*|$key = $value|" "$file"
}

hd_start() {
    [ -f "$HATIDATA_DIST" ] || die "no HatiData distribution at $HATIDATA_DIST (build it: mvn install at the top level)"
    for port in "$HD_PG_PORT" "$HD_HTTP_PORT" "$HD_SSH_PORT" "$HD_RMI_REGISTRY_PORT" "$HD_RMI_SERVER_PORT" "$HD_JMXMP_PORT"; do
        port_in_use "$port" && die "port $port is in use"
    done
    rm -rf -- "$HD_HOME"
    mkdir -p "$HD_HOME"
    log "unpacking $HATIDATA_DIST into $HD_HOME"
    tar -xzf "$HATIDATA_DIST" -C "$HD_HOME" --strip-components=1
    local etc="$HD_HOME/etc"
    set_cfg "$etc/io.hatidata.wire.pg.cfg" port "$HD_PG_PORT"
    set_cfg "$etc/io.hatidata.rest.cfg" connectionPort "$HD_PG_PORT"
    set_cfg "$etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$HD_HTTP_PORT"
    set_cfg "$etc/org.apache.karaf.shell.cfg" sshPort "$HD_SSH_PORT"
    set_cfg "$etc/org.apache.karaf.management.cfg" rmiRegistryPort "$HD_RMI_REGISTRY_PORT"
    set_cfg "$etc/org.apache.karaf.management.cfg" rmiServerPort "$HD_RMI_SERVER_PORT"
    set_cfg "$etc/org.apache.karaf.management.cfg" jmxmpPort "$HD_JMXMP_PORT"
    log "starting HatiData on 127.0.0.1:$HD_PG_PORT (HTTP $HD_HTTP_PORT)"
    # The product's own defaults: no data-folder or port overrides from the caller's environment.
    env -u HATIDATA_DATA_DIR -u HATIDATA_PG_PORT -u HATIDATA_HTTP_PORT -u HATIDATA_BOOTSTRAP_API_KEY \
        "$HD_HOME/bin/start" >"$RESULTS/hd-start.log" 2>&1 || die "bin/start failed, see $RESULTS/hd-start.log"
    local key_file="$HD_HOME/data/hatidata/bootstrap-api-key" waited=0
    until [ -s "$key_file" ] && hd_vars && env "${HD_VARS[@]}" timeout 10 "$PSQL" -X -q -t -c 'SELECT 1' >/dev/null 2>&1; do
        [ "$waited" -ge "$START_TIMEOUT" ] && die "HatiData did not answer within ${START_TIMEOUT}s, see $HD_HOME/data/log/karaf.log"
        sleep 1
        waited=$((waited + 1))
    done
    log "HatiData answers after ${waited}s"
}

# Sets HD_VARS, the connection settings for HatiData; the password is the owner key of the first start.
hd_vars() {
    local key_file="$HD_HOME/data/hatidata/bootstrap-api-key" key=""
    [ -s "$key_file" ] && key="$(cat "$key_file")"
    HD_VARS=(PGHOST=127.0.0.1 PGPORT="$HD_PG_PORT" PGUSER=agent PGDATABASE=hatidata PGSSLMODE=disable PGPASSWORD="$key")
}

# ---------------------------------------------------------------------------------------------------------
# pgbench
# ---------------------------------------------------------------------------------------------------------

# bounded SERVER SECONDS LOG COMMAND...: runs COMMAND with the connection settings of SERVER (postgres or
# hatidata), its output appended to LOG, stopped after SECONDS. Waits with `wait` so a signal to this script
# is handled at once (cleanup stops the command through CHILD).
CHILD=""
bounded() {
    local server="$1" limit="$2" out="$3" status=0
    shift 3
    local -a vars=("${PG_VARS[@]}")
    if [ "$server" = hatidata ]; then
        hd_vars
        vars=("${HD_VARS[@]}")
    fi
    env "${vars[@]}" timeout "$limit" "$@" >>"$out" 2>&1 &
    CHILD=$!
    wait "$CHILD" || status=$?
    CHILD=""
    return "$status"
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
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
