#!/usr/bin/env bash
#
# Memory of the distribution (issue 11), see ../README.md "Memory (issue 11)":
#
#   bench/memory/measure.sh LABEL
#
# Unpacks $DIST into /tmp/memory-dist (recreated; ports moved to 565xx), starts it with bin/start and
# Native Memory Tracking on, then writes to $RESULTS/LABEL/ (default /tmp/bench-results/memory/LABEL): summary.txt (VmRSS after 30 s idle;
# RSS growth, sampled every 0.5 s, while psql streams 10 M rows with COPY ... TO STDOUT and with a plain
# SELECT; RSS 20 s after), NMT summaries (nmt-*.txt) and the heap (heap.txt). Stops the server at the end.
# The password is the owner key of the first start (data/hatidata/bootstrap-api-key), never printed.
#
#   DIST      the distribution (default: karaf-assembly/target of the worktree this script ran from)
#   XOPTS     further JVM options (after bin/setenv's)
#   DUCK_MEM  DuckDB memoryLimit instead of the default
#   SLOW=1    also a COPY whose reader stalls 30 s before reading (back-pressure check)
set -uo pipefail
LABEL="$1"; shift
DIST=${DIST:-$(cd "$(dirname "$0")/../.." && pwd)/karaf-assembly/target/hatidata-0.1.0-SNAPSHOT.tar.gz}
H=/tmp/memory-dist; OUT=${RESULTS:-/tmp/bench-results/memory}/$LABEL; mkdir -p $OUT
PGP=56539
rm -rf $H; mkdir -p $H; tar -xzf $DIST -C $H --strip-components=1
set_cfg() { sed -i "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"; }
set_cfg $H/etc/io.hatidata.wire.pg.cfg port $PGP
set_cfg $H/etc/io.hatidata.rest.cfg connectionPort $PGP
set_cfg $H/etc/org.ops4j.pax.web.cfg org.osgi.service.http.port 56580
set_cfg $H/etc/org.apache.karaf.shell.cfg sshPort 56501
set_cfg $H/etc/org.apache.karaf.management.cfg rmiRegistryPort 56599
set_cfg $H/etc/org.apache.karaf.management.cfg rmiServerPort 56544
set_cfg $H/etc/org.apache.karaf.management.cfg jmxmpPort 56598
export EXTRA_JAVA_OPTS="-XX:NativeMemoryTracking=summary ${XOPTS:-}"
[ -n "${DUCK_MEM:-}" ] && set_cfg $H/etc/io.hatidata.engine.duckdb.cfg memoryLimit "$DUCK_MEM"
env -u HATIDATA_DATA_DIR -u HATIDATA_PG_PORT -u HATIDATA_HTTP_PORT -u HATIDATA_BOOTSTRAP_API_KEY $H/bin/start >$OUT/start.log 2>&1
vars() { export PGHOST=127.0.0.1 PGPORT=$PGP PGUSER=agent PGDATABASE=hatidata PGSSLMODE=disable PGPASSWORD="$(cat $H/data/hatidata/bootstrap-api-key 2>/dev/null)"; }
w=0; until [ -s $H/data/hatidata/bootstrap-api-key ] && vars && timeout 10 psql -X -q -t -c 'SELECT 1' >/dev/null 2>&1; do sleep 1; w=$((w+1)); [ $w -gt 240 ] && { echo "no start"; exit 1; }; done
PID=$(tr -dc 0-9 < $H/karaf.pid)
echo "started after ${w}s pid $PID" | tee $OUT/summary.txt
rss() { awk '/VmRSS/{print int($2/1024)}' /proc/$PID/status; }
sleep 30
echo "idle_rss_mb $(rss)  load: $(uptime | sed 's/.*average: //')" | tee -a $OUT/summary.txt
jcmd $PID VM.native_memory summary > $OUT/nmt-idle.txt 2>&1
stream() { # name command...
  local name=$1; shift; local base; base=$(rss); local max
  ( while kill -0 $PID 2>/dev/null; do echo "$(date +%s.%N) $(rss)"; sleep 0.5; done ) > $OUT/rss-$name.txt &
  local S=$!; local t0=$(date +%s.%N)
  "$@" > /dev/null 2>$OUT/err-$name.txt; local rc=$?
  local t1=$(date +%s.%N); kill $S; wait $S 2>/dev/null
  max=$(awk '{print $2}' $OUT/rss-$name.txt | sort -n | tail -1)
  echo "$name rc=$rc secs=$(echo "$t1-$t0"|bc) rss_before=$base rss_max=$max growth=$((max-base)) rss_after=$(rss) load: $(uptime | sed 's/.*average: //')" | tee -a $OUT/summary.txt
}
stream copy psql -X -q -c "COPY (SELECT i, i*2 AS d, 'row ' || i AS s FROM range(10000000) t(i)) TO STDOUT"
jcmd $PID VM.native_memory summary > $OUT/nmt-after-copy.txt 2>&1
stream select psql -X -q -c "SELECT i, i*2 AS d, 'row ' || i AS s FROM range(10000000) t(i)"
jcmd $PID VM.native_memory summary > $OUT/nmt-after-select.txt 2>&1
if [ -n "${SLOW:-}" ]; then
stream slowcopy sh -c "psql -X -q -c \"COPY (SELECT i, i*2 AS d, 'row ' || i AS s FROM range(10000000) t(i)) TO STDOUT\" | (sleep 30; cat > /dev/null)"
fi
sleep 20
echo "idle_after_rss_mb $(rss)" | tee -a $OUT/summary.txt
jcmd $PID GC.heap_info > $OUT/heap.txt 2>&1
timeout 60 $H/bin/stop >/dev/null 2>&1; sleep 3; kill -0 $PID 2>/dev/null && kill $PID
