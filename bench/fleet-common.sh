# Shared by bench/fleet-bench.sh and bench/fleet-soak.sh (sourced, not run): a demo-assembly Karaf
# with Uplift, and the standalone simulator in its own JVM, both on loopback; every process they start
# is stopped, and every run directory removed, on exit.
# shellcheck shell=bash

VERSION=0.1.0-SNAPSHOT
# ASSEMBLY=<demo tar.gz> runs another build of Uplift (e.g. an older commit's, for before/after figures); the
# simulator jar is always this tree's
ASSEMBLY=${ASSEMBLY:-features/demo/target/demo-$VERSION.tar.gz}
SIM_JAR=bundles/simulator/target/simulator-$VERSION-standalone.jar
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export JAVA_HOME
# shellcheck source=bench/karaf-loopback.sh
. bench/karaf-loopback.sh

KARAF=""      # the unpacked Karaf of the current run
KARAF_PID=""
SIM_PID=""
RUN_DIRS=()

now() { date +%s.%N; }
calc() { python3 -c "from math import nan; print($*)"; }

need_tools() {
  for tool in java mvn python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian: openjdk-17-jdk-headless, maven, python3)" >&2; exit 2; }
  done
}

build_if_stale() { # the demo assembly and the simulator jar, built when missing or older than a source
  if [ "$ASSEMBLY" != "features/demo/target/demo-$VERSION.tar.gz" ]; then
    [ -f "$ASSEMBLY" ] && [ -f "$SIM_JAR" ] || { echo "no $ASSEMBLY or $SIM_JAR" >&2; exit 2; }
    return 0
  fi
  if [ ! -f "$ASSEMBLY" ] || [ ! -f "$SIM_JAR" ] \
      || [ -n "$(find bundles features/uplift/src pom.xml bnd.bnd -newer "$ASSEMBLY" -type f -not -path '*/target/*' -print -quit)" ]; then
    say "Building Uplift, the demo Karaf assembly and the simulator (mvn -o -DskipTests package)"
    mvn -B -q -o -DskipTests package -pl features/demo,bundles/simulator -am
  fi
}

cpu_seconds() { # utime + stime of a process so far, from /proc/<pid>/stat
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

thread_cpu() { # per thread of process $1: tid, CPU ticks (utime+stime), name
  for stat in /proc/"$1"/task/*/stat; do
    awk '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*$/, "", n); sub(/.*\) /, ""); print FILENAME, $12 + $13, n }' "$stat" 2>/dev/null || true
  done | sed 's#/proc/[0-9]*/task/\([0-9]*\)/stat#\1#'
}

# CPU seconds per thread group (names without their numbers) between two thread_cpu snapshots; threads that
# ended in between are not counted (the total from /proc/<pid>/stat is)
thread_cpu_diff() {
  python3 - "$1" "$2" "$(getconf CLK_TCK)" <<'EOF2'
import re, sys, collections
def load(path):
    out = {}
    for line in open(path):
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3:
            out[parts[0]] = (int(parts[1]), parts[2])
    return out
before, after, hz = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
groups = collections.Counter()
for tid, (ticks, name) in after.items():
    groups[re.sub(r"[0-9#_ -]+$", "", name) or name] += ticks - before.get(tid, (0, name))[0]
total = sum(groups.values())
print("  " + ", ".join(f"{g} {t / hz:.1f}s" for g, t in groups.most_common(12) if t > 0) + f" (sum {total / hz:.1f}s)")
EOF2
}

# CPU seconds between two thread_cpu snapshots of the threads whose names match the regular expression $3
# (threads that ended in between are not counted)
thread_cpu_sum() {
  python3 - "$1" "$2" "$(getconf CLK_TCK)" "$3" <<'EOF2'
import re, sys
def load(path):
    out = {}
    for line in open(path):
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3:
            out[parts[0]] = (int(parts[1]), parts[2])
    return out
before, after, hz, pattern = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3]), re.compile(sys.argv[4])
print(f"{sum(t - before.get(tid, (0, n))[0] for tid, (t, n) in after.items() if pattern.match(n)) / hz:.2f}")
EOF2
}

stop_all() {
  if [ -n "$KARAF" ] && [ -x "$KARAF/bin/stop" ] && [ -n "$KARAF_PID" ]; then
    "$KARAF/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do kill -0 "$KARAF_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$KARAF_PID" 2>/dev/null || true
  fi
  KARAF_PID=""
  if [ -n "$SIM_PID" ]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  SIM_PID=""
}

cleanup() {
  stop_all
  if [ -z "${KEEP:-}" ]; then
    for dir in "${RUN_DIRS[@]}"; do rm -rf "$dir"; done
  fi
}

# Unpacks a fresh Karaf into $1 and configures it: loopback ports, the workflow settings given as
# "key = value" lines in $2, and a heap cap with a GC log (the peak heap is read from the log).
prepare_karaf() {
  local run=$1 workflow=$2
  rm -rf "$run" && mkdir -p "$run"
  RUN_DIRS+=("$run")
  tar -xzf "$ASSEMBLY" -C "$run"
  KARAF=$run/demo-$VERSION
  karaf_on_loopback
  TFTP_PORT=$(free_port udp)
  TRAP_PORT=$(free_port udp)
  # the transfer-only run (TransferLoad) and a fleet with ADDRESS_PER_DEVICE=0 send from 127.0.0.1 alone:
  # the per-address share (meant for one real device) would hold them to 4 transfers at a time
  printf 'bindAddress = 127.0.0.1\nport = %s\nftpEnabled = false\nmaxTransfersPerDevice = 64\n' "$TFTP_PORT" \
    > "$KARAF/etc/org.uplift.tftp.cfg"
  printf 'bindAddress = 127.0.0.1\nport = %s\n' "$TRAP_PORT" > "$KARAF/etc/org.uplift.snmp.notifications.cfg"
  printf '%s\n' "$workflow" > "$KARAF/etc/org.uplift.workflow.cfg"
  # the transfer-only runs open their tickets by hand for up to 2 h, for files under the run directory
  printf 'transferOpenMaxTtlSeconds = 7200\ntransferOpenExportDirectory = %s\n' "$run" > "$KARAF/etc/org.uplift.shell.cfg"
}

start_karaf() { # with the heap cap $HEAP (e.g. 256m); waits until the uplift commands answer
  local profile=""
  # PROFILE=1: a Java Flight Recording of the whole run, kept as target/<run>.jfr (jfr print --events jdk.ExecutionSample)
  [ -n "${PROFILE:-}" ] && profile="-XX:StartFlightRecording=filename=$KARAF/../../$(basename "$(dirname "$KARAF")").jfr,settings=profile,dumponexit=true -XX:FlightRecorderOptions:stackdepth=256"
  EXTRA_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$KARAF/gc.log:uptime $profile" "$KARAF/bin/start"
  for _ in $(seq 1 90); do
    KARAF_PID=$(pgrep -f "karaf.base=$KARAF " | head -1 || true)
    [ -n "$KARAF_PID" ] && break
    sleep 1
  done
  for i in $(seq 1 90); do
    if client "uplift:firmware-list" | grep -q 'Id'; then return 0; fi
    if [ "$i" = 90 ] || grep -q 'Error installing boot features' "$KARAF/data/log/karaf.log" 2>/dev/null \
        || ! kill -0 "$KARAF_PID" 2>/dev/null; then
      echo "Karaf did not come up; see $KARAF/data/log/karaf.log" >&2
      grep -A3 'Error installing boot features' "$KARAF/data/log/karaf.log" >&2 || true
      exit 1
    fi
    sleep 2
  done
}

# The simulator in its own JVM: N devices on consecutive ports from $SIM_BASE, notifications to
# Uplift, configurations padded to CONFIG_BYTES, extra arguments after N (faults).
# Each simulated device on an address of its own (127.0.x.y, the simulator's --address-per-device), as in a
# real fleet, unless ADDRESS_PER_DEVICE=0 (all on 127.0.0.1, a port each: the notification receiver then
# weighs every device at that address for each notification, as it must for devices behind one NAT)
ADDRESS_PER_DEVICE=${ADDRESS_PER_DEVICE:-1}
per_device_flag() { [ "$ADDRESS_PER_DEVICE" = 1 ] && echo --address-per-device || true; }
device_address() { # $1 the device's number from 1 (FleetSettings.address)
  if [ "$ADDRESS_PER_DEVICE" = 1 ]; then echo "127.0.$(( ($1 - 1) / 253 )).$(( ($1 - 1) % 253 + 2 ))"; else echo 127.0.0.1; fi
}
device_port() { if [ "$ADDRESS_PER_DEVICE" = 1 ]; then echo "$SIM_BASE"; else echo $((SIM_BASE + $1 - 1)); fi; }

start_simulator() {
  local devices=$1 out=$2
  shift 2
  # a port per device on 127.0.0.1; one port (on each device's own address) with --address-per-device
  SIM_BASE=$(free_udp_range "$([ "$ADDRESS_PER_DEVICE" = 1 ] && echo 1 || echo "$devices")")
  # each device holds its configuration (CONFIG_BYTES) and its agent, some 45 KiB at 20 KiB configurations,
  # and 32 concurrent downloads hold an image each: 10,000 devices need about 1 GiB
  local heap=${SIM_HEAP:-$(( devices > 2000 ? 2048 : 1024 ))m}
  java -Xmx$heap -jar "$SIM_JAR" --devices "$devices" --base-port "$SIM_BASE" --config-size "$CONFIG_BYTES" \
    --reboot-seconds "$REBOOT_SECONDS" --notify "127.0.0.1:$TRAP_PORT" --control-port 0 $(per_device_flag) "$@" \
    < /dev/null > "$out" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 300); do grep -q '^running ' "$out" && break; sleep 0.2; done
  grep -q '^running ' "$out" || { cat "$out" >&2; echo "the simulator did not start" >&2; exit 1; }
  SIM_CONTROL=$(awk '/^control port/{sub(".*/", "", $3); print $3}' "$out")
}

sim_control() { # one control-port command of the simulator; prints its answer
  python3 - "$SIM_CONTROL" "$1" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
s.sendall((sys.argv[2] + "\n").encode())
data = b""
while not data.endswith(b"\n\n"):
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
print(data.decode().rstrip("\n"))
EOF
}

add_firmware() { # an image of $IMAGE_BYTES bytes for 2.0.0 (format 1) into the catalogue
  java -jar "$SIM_JAR" --make-firmware "$1/iad-1000-2.0.0.bin" --model IAD-1000 --version 2.0.0 --size "$IMAGE_BYTES" >/dev/null
  client "uplift:firmware-add --model IAD-1000 --version 2.0.0 --config-format 1 $1/iad-1000-2.0.0.bin" >/dev/null
}

add_devices() { # N devices iad-0001.. through client sessions of 1,000 commands (5,000 in one session register none)
  local n=$1 commands="" i added=0 count
  for i in $(seq 1 "$n"); do
    commands+="uplift:device-add --port $(device_port "$i") --community private $(printf 'iad-%04d' "$i") $(device_address "$i")"$'\n'
    if [ $((i % 1000)) = 0 ] || [ "$i" = "$n" ]; then
      count=$(client "$commands" | grep -c '^Device iad-' || true)
      added=$((added + count))
      commands=""
    fi
  done
  echo "$added"
}

# The time (seconds since the epoch) of the first karaf.log line containing $1, or nothing.
log_time() {
  local line
  line=$(grep -h -- "$1" "$KARAF"/data/log/karaf.log* 2>/dev/null | head -1 || true)
  [ -n "$line" ] && python3 -c 'import datetime, sys; print(datetime.datetime.strptime(sys.argv[1].split(" | ")[0].strip(), "%Y-%m-%dT%H:%M:%S,%f").timestamp())' "$line"
}

# Waits for the log line that ends campaign $1; prints its time as seconds since the epoch.
await_campaign_end() {
  local id=$1 limit=$2 deadline line
  deadline=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    line=$(grep -h "Campaign $id \(completed\|paused\|cancelled\)" "$KARAF"/data/log/karaf.log* 2>/dev/null | head -1 || true)
    if [ -n "$line" ]; then
      python3 - "$line" <<'EOF'
import datetime, sys
stamp = sys.argv[1].split(" | ")[0].strip()
print(datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S,%f").timestamp())
EOF
      return 0
    fi
    sleep 1
  done
  return 1
}

# The campaign against its ideal schedule: fetches the devices' own step times from the simulator into $4,
# then packs them (bench/fleet-ideal.py); $1 when campaign-start was sent (epoch seconds; earlier steps are
# a warm-up's), $2 the concurrency, $3 the campaign's wall time, $5 the workflow's settle period after a
# reboot (ms). The last line printed is "ideal_s=.. ratio=..".
ideal_schedule() {
  sim_control steps > "$4"
  python3 bench/fleet-ideal.py "$4" "$1" "$2" "$3" "${5:-0}"
}

# Where a campaign's time went, from karaf.log (every transition is logged when it is stored): $1 the
# campaign id, $2 when campaign-start was sent (epoch seconds). Phases are medians over the campaign's jobs.
campaign_timeline() {
  python3 bench/fleet-timeline.py "$1" "$2" "$KARAF"/data/log/karaf.log*
}
