#!/usr/bin/env bash
# SNMP benchmark on loopback (figures printed, nothing asserted): operation-status reads per second
# from one process (Uplift's SnmpSession, asynchronous requests on one socket) against a simulated
# fleet of 100, 1,000 and 10,000 devices; the simulator runs standalone in its own JVM on consecutive
# 127.0.0.1 ports (every agent's socket on a few shared selector threads). Prints reads/s, the CPU
# seconds of reader and simulator, the reader's heap after a GC (it should stay flat as the device
# count grows), the simulator's threads and resident memory, and the load of the machine.
# Needs: a JDK, Maven (offline build of bundles/simulator and bundles/snmp; run first), python3.
# Usage: bench/snmp-bench.sh   (env: COUNTS="100 1000 10000" SECONDS_PER_RUN=10 WINDOW=128 READER_HEAP=256m
#        SIM_HEAP=2g)
set -euo pipefail
cd "$(dirname "$0")/.."

COUNTS=${COUNTS:-"100 1000 10000"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WINDOW=${WINDOW:-128}  # 256 overflows the agents' socket buffers now and then: lost requests wait for a retry
READER_HEAP=${READER_HEAP:-256m}
SIM_HEAP=${SIM_HEAP:-2g}  # 10,000 devices with their configurations hold about 450 MiB

for tool in java mvn python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: openjdk-17-jdk-headless, maven, python3)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/uplift-snmp-bench.XXXXXX)
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building the simulator and the snmp module with its test classpath..."
mvn -B -q -o -pl bundles/simulator install -DskipTests >/dev/null
mvn -B -q -o -pl bundles/common,bundles/snmp test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="bundles/common/target/classes:bundles/snmp/target/classes:bundles/snmp/target/test-classes:$(cat "$work/cp.txt")"
simulator_jar=$(ls bundles/simulator/target/simulator-*-standalone.jar)

# A base port with COUNT free UDP ports after it.
free_range() {
  python3 - "$1" <<'PY'
import socket, sys
count = int(sys.argv[1])
for base in range(20000, 60000 - count, 1000):
    socks = []
    try:
        for port in range(base, base + count):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", port)); socks.append(s)
    except OSError:
        continue
    finally:
        for s in socks: s.close()
    if len(socks) == count:
        print(base); break
PY
}

cpu_seconds() { # utime + stime of a process, from /proc
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"
}

echo
echo "== operation-status reads (4 variables per GET), ${SECONDS_PER_RUN} s per run after a 2 s warm-up, window $WINDOW, $(nproc) cores =="
for count in $COUNTS; do
  base=$(free_range "$count")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  java -Xmx"$SIM_HEAP" -jar "$simulator_jar" --devices "$count" --base-port "$base" --reboot-seconds 1 \
    < /dev/null > "$work/sim-$count.out" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1200); do grep -q '^running ' "$work/sim-$count.out" && break; sleep 0.1; done
  grep -q '^running ' "$work/sim-$count.out" || { cat "$work/sim-$count.out"; echo "the simulator did not start" >&2; exit 1; }
  sim_cpu_before=$(cpu_seconds "$sim_pid")
  result=$(java -Xmx"$READER_HEAP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.uplift.snmp.iad.StatusReadBench 127.0.0.1 "$base" "$count" "$SECONDS_PER_RUN" "$WINDOW")
  sim_cpu_after=$(cpu_seconds "$sim_pid")
  sim_rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$sim_pid/status")
  sim_threads=$(awk '/^Threads/{print $2}' "/proc/$sim_pid/status")
  echo "$result simulator_cpu_s=$(python3 -c "print(round($sim_cpu_after - $sim_cpu_before, 1))") simulator_rss_mib=$sim_rss simulator_threads=$sim_threads load_before=[$load] load_after=[$(cut -d' ' -f1-3 /proc/loadavg)]"
  kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true
  sim_pid=""
done
echo
echo "(simulator CPU covers device set-up, warm-up and the run; reader CPU covers the run only)"
