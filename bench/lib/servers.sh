# shellcheck shell=bash
#
# Starting and stopping the two servers of the side-by-side benchmarks: a throw-away PostgreSQL 15 cluster
# and an unpacked HatiData distribution, each on ports of its own. Sourced by bench/run and
# bench/pgbench/run.sh, which set these variables first:
#
#   RESULTS          folder for logs (must exist)
#   HATIDATA_DIST    the distribution's .tar.gz
#   PG_DIR PG_PORT   PostgreSQL's folder (deleted and re-created) and port
#   HD_HOME          HatiData's folder (deleted and re-created)
#   HD_PG_PORT HD_HTTP_PORT HD_SSH_PORT HD_RMI_REGISTRY_PORT HD_RMI_SERVER_PORT HD_JMXMP_PORT
#   HD_JAVA_OPTS     optional: extra JVM options for HatiData (EXTRA_JAVA_OPTS of bin/setenv)
#
# Every wait is bounded: START_TIMEOUT for a start, STOP_TIMEOUT for a stop (then the server's own PID is
# killed). The HatiData password (the owner key its first start writes) is read at run time, never printed.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
START_TIMEOUT="${START_TIMEOUT:-120}"
STOP_TIMEOUT="${STOP_TIMEOUT:-60}"
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

# The connection settings for PostgreSQL (trust authentication: no password).
PG_VARS=(PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE=postgres PGSSLMODE=disable PGPASSWORD=)

# The postmaster's PID (empty when it is not running).
pg_pid() { head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true; }

# ---------------------------------------------------------------------------------------------------------
# HatiData
# ---------------------------------------------------------------------------------------------------------

# The Karaf JVM's PID (empty when it is not running).
hd_pid() {
    local pid=""
    [ -f "$HD_HOME/karaf.pid" ] && pid="$(tr -dc '0-9' <"$HD_HOME/karaf.pid")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

hd_stop() {
    [ -d "$HD_HOME" ] || return 0
    local pid
    pid="$(hd_pid)"
    if [ -n "$pid" ]; then
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
    [ -f "$HATIDATA_DIST" ] || die "no HatiData distribution at $HATIDATA_DIST (build it first: mvn install at the top level)"
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
        EXTRA_JAVA_OPTS="${HD_JAVA_OPTS:-}" \
        "$HD_HOME/bin/start" >"$RESULTS/hd-start.log" 2>&1 || die "bin/start failed, see $RESULTS/hd-start.log"
    local key_file="$HD_HOME/data/hatidata/bootstrap-api-key" waited=0
    until [ -s "$key_file" ] && hd_vars && env "${HD_VARS[@]}" timeout 10 "$PSQL" -X -q -t -c 'SELECT 1' >/dev/null 2>&1; do
        [ "$waited" -ge "$START_TIMEOUT" ] && die "HatiData did not answer within ${START_TIMEOUT}s, see $HD_HOME/data/log/karaf.log"
        sleep 1
        waited=$((waited + 1))
    done
    HD_START_SECONDS="$waited"
    log "HatiData answers after ${waited}s"
}

# Sets HD_VARS, the connection settings for HatiData; the password is the owner key of the first start.
hd_vars() {
    local key_file="$HD_HOME/data/hatidata/bootstrap-api-key" key=""
    [ -s "$key_file" ] && key="$(cat "$key_file")"
    HD_VARS=(PGHOST=127.0.0.1 PGPORT="$HD_PG_PORT" PGUSER=agent PGDATABASE=hatidata PGSSLMODE=disable PGPASSWORD="$key")
}

# bounded SERVER SECONDS LOG COMMAND...: runs COMMAND with the connection settings of SERVER (postgres or
# hatidata), its output appended to LOG, stopped after SECONDS. Waits with `wait` so a signal to the script
# is handled at once (the caller's cleanup stops the command through CHILD).
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

# Stops a running bounded command (for the caller's EXIT/INT/TERM trap).
stop_child() {
    if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
}

# Resident memory of a process in kB (VmRSS), empty when it is gone.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true; }
