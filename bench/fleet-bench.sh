#!/usr/bin/env bash
# Fleet benchmark on loopback (figures printed, nothing asserted): one Karaf (the demo assembly, Uplift
# only, heap capped) upgrades N simulated devices (8 MiB image, ~20 KiB configurations) in one campaign;
# the simulator runs standalone in its own JVM, so the Karaf's heap and CPU are Uplift's alone. Then the
# same bytes (per device one 20 KiB upload, one 8 MiB and one 20 KiB download) go through the same Karaf's
# TFTP server alone, at the same concurrency, with the devices' own TFTP client (TransferLoad).
# Prints: campaign wall time, the transfer-only time, the workflow's overhead, devices per minute, the
# Karaf JVM's peak heap (from its GC log, -Xlog:gc) and CPU seconds per device (/proc/<pid>/stat).
#
#   bench/fleet-bench.sh                 1,000 devices
#   N=100 bench/fleet-bench.sh           another fleet size
#   SIZES="100 500 1000" bench/fleet-bench.sh   each size in a fresh Karaf, one table at the end
# Other settings (env): CONCURRENCY=32 HEAP=256m IMAGE_BYTES=8388608 CONFIG_BYTES=20480 REBOOT_SECONDS=3
#   WAVES=1,10%,100% (default one wave) KEEP=1 (keep target/fleet-bench-* run directories) XFER=0 (no
#   transfer-only run) ASSEMBLY=<another demo tar.gz> (e.g. an older commit's, for before/after figures)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/fleet-common.sh
. bench/fleet-common.sh

SIZES=${SIZES:-${N:-1000}}
CONCURRENCY=${CONCURRENCY:-32}
HEAP=${HEAP:-256m}
IMAGE_BYTES=${IMAGE_BYTES:-8388608}
CONFIG_BYTES=${CONFIG_BYTES:-20480}
REBOOT_SECONDS=${REBOOT_SECONDS:-3}
WAVES=${WAVES:-}  # default: one wave of all devices

need_tools
trap cleanup EXIT
trap 'exit 143' INT TERM
build_if_stale

RESULTS=()

run_size() {
  local n=$1 run=$PWD/target/fleet-bench-$1
  say "Fleet of $n: preparing Karaf (heap cap $HEAP) and $n simulated devices (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  prepare_karaf "$run" "maxConcurrentJobs = $CONCURRENCY"
  start_simulator "$n" "$run/simulator.out"
  start_karaf
  add_firmware "$run"
  local t0 added
  t0=$(now)
  added=$(add_devices "$n")
  echo "registered $added devices through one client session in $(calc "round($(now) - $t0, 1)") s"
  [ "$added" = "$n" ] || { echo "only $added of $n devices registered" >&2; exit 1; }

  say "Campaign: $n devices to 2.0.0, concurrency $CONCURRENCY, waves ${WAVES:-one of all devices}"
  local gc_from cpu0 sim_cpu0 start started out id end cpu1 sim_cpu1 load_start
  gc_from=$(($(wc -l < "$KARAF/gc.log") + 1))
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu0=$(cpu_seconds "$KARAF_PID")
  sim_cpu0=$(cpu_seconds "$SIM_PID")
  thread_cpu "$KARAF_PID" > "$run/threads-before.txt"
  start=$(now)
  out=$(client "uplift:campaign-start --firmware 2.0.0 --model IAD-1000 --older --waves ${WAVES:-$n} --concurrency $CONCURRENCY --threshold 100 --policy abort")
  echo "$out"
  id=$(sed -n 's/^Campaign \(c-[0-9a-f]*\) .*/\1/p' <<< "$out" | head -1)
  [ -n "$id" ] || { echo "the campaign did not start" >&2; exit 1; }
  end=$(await_campaign_end "$id" $((600 + n * 6))) || { echo "campaign $id did not end in time" >&2; client "uplift:campaign-show $id" >&2; exit 1; }
  cpu1=$(cpu_seconds "$KARAF_PID")
  sim_cpu1=$(cpu_seconds "$SIM_PID")
  thread_cpu "$KARAF_PID" > "$run/threads-after.txt"
  echo "Karaf CPU by thread during the campaign:"
  thread_cpu_diff "$run/threads-before.txt" "$run/threads-after.txt"
  echo "Timeline:"
  campaign_timeline "$id" "$start"
  local gc_to load_end wall done_count
  gc_to=$(wc -l < "$KARAF/gc.log")
  load_end=$(cut -d' ' -f1-3 /proc/loadavg)
  # from the campaign's stored start (its devices chosen and read) to its end; the timeline shows the choosing
  started=$(log_time "Campaign $id started")
  wall=$(calc "round($end - $started, 1)")
  local show
  show=$(client "uplift:campaign-show $id")
  echo "$show" | head -8
  done_count=$(grep -o 'completed: [0-9]* of' <<< "$show" | awk '{print $2}')
  done_count=${done_count:-0}
  local failed_jobs
  failed_jobs=$(sed -n 's/^wave [0-9]* failed: [^:]*: job \([0-9a-f]*\) .*/uplift:job \1/p' <<< "$show")
  if [ -n "$failed_jobs" ]; then
    echo "why devices were not upgraded (the failures in their histories):"
    client "$failed_jobs" | grep -e '^Job ' -e ' failed: ' | cut -c1-300
  fi

  if [ "${XFER:-1}" = 0 ]; then
    base_wall=nan base_cpu0=0 base_cpu1=nan base_client_cpu=nan
  else
    say "Transfers alone: the same bytes through the same Karaf's TFTP server, concurrency $CONCURRENCY"
    local backup tickets uploads fw_name cfg_name base_out base_cpu0 base_cpu1 base_wall base_client_cpu
    backup=$(find "$KARAF/data/uplift/backups" -type f -size +1k -print -quit)
    uploads=$run/uploads.txt
    tickets=""
    for _ in $(seq 1 "$n"); do tickets+="uplift:transfer-open --write --ttl 2h --max-bytes 1048576 --to 127.0.0.1"$'\n'; done
    client "$tickets" | sed -n 's/^File name: *//p' > "$uploads"
    fw_name=$(client "uplift:transfer-open --ttl 2h --to 127.0.0.1 IAD-1000-2.0.0" | sed -n 's/^File name: *//p')
    cfg_name=$(client "uplift:transfer-open --ttl 2h --to 127.0.0.1 $backup" | sed -n 's/^File name: *//p')
    [ "$(wc -l < "$uploads")" = "$n" ] && [ -n "$fw_name" ] && [ -n "$cfg_name" ] \
      || { echo "could not open the baseline's tickets ($(wc -l < "$uploads") uploads, firmware '$fw_name', config '$cfg_name')" >&2; exit 1; }
    base_cpu0=$(cpu_seconds "$KARAF_PID")
    base_out=$(java -Xmx1g -cp "$SIM_JAR" org.uplift.simulator.TransferLoad --server "127.0.0.1:$TFTP_PORT" \
      --uploads "$uploads" --firmware "$fw_name" --config "$cfg_name" --concurrency "$CONCURRENCY" --config-size "$CONFIG_BYTES")
    base_cpu1=$(cpu_seconds "$KARAF_PID")
    echo "$base_out"
    base_wall=$(awk '{for (i = 1; i < NF; i++) if ($i == "seconds") print $(i + 1)}' <<< "$base_out")
    base_client_cpu=$(awk '{for (i = 1; i < NF; i++) if ($i == "client_cpu_s") print $(i + 1)}' <<< "$base_out")
  fi
  local load_base
  load_base=$(cut -d' ' -f1-3 /proc/loadavg)

  local gc peak live gcs pauses
  # peak heap in use (before a collection) and largest live heap (after one) in MiB, from the unified GC
  # log lines "GC(n) Pause Young ... 120M->35M(256M) 3.1ms" written between campaign start and end
  gc=$(python3 - "$KARAF/gc.log" "$gc_from" "$gc_to" <<'EOF'
import re, sys
path, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
peak = live = count = 0
pause = 0.0
for n, line in enumerate(open(path, errors="replace"), 1):
    if first <= n <= last:
        m = re.search(r"(\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms", line)
        if m:
            peak, live, count, pause = max(peak, int(m.group(1))), max(live, int(m.group(2))), count + 1, pause + float(m.group(4))
print(peak, live, count, round(pause / 1000, 2))
EOF
)
  read -r peak live gcs pauses <<< "$gc"
  stop_all

  local row
  row=$(printf '%6s %6s %5s %9s %9s %8s %8s %9s %9s %9s %9s %9s %9s  %s' "$n" "$done_count" "$CONCURRENCY" "$wall" "$base_wall" \
    "$(calc "f'{($wall / $base_wall - 1) * 100:+.1f}%'")" "$(calc "round($n * 60 / $wall, 1)")" \
    "$peak" "$live" "$(calc "round(($cpu1 - $cpu0) / $n, 3)")" "$(calc "round(($base_cpu1 - $base_cpu0) / $n, 3)")" \
    "$(calc "round(($sim_cpu1 - $sim_cpu0) / $n, 3)")" "$(calc "round($base_client_cpu / $n, 3)")" \
    "$load_start / $load_end / $load_base")
  RESULTS+=("$row")
  echo "GC during the campaign: $gcs collections, $pauses s paused (heap cap $HEAP)"
  header
  echo "$row"
}

header() {
  printf '\n%6s %6s %5s %9s %9s %8s %8s %9s %9s %9s %9s %9s %9s  %s\n' devices done conc wall_s xfer_s overhead dev/min \
    peak_MiB live_MiB cpu_s/dev xfer_cpu sim_cpu xfer_cli "load at start / end / after transfers"
}

for n in $SIZES; do
  run_size "$n"
done

say "Fleet benchmark: $(nproc) cores, Karaf heap cap $HEAP, image $IMAGE_BYTES bytes, configurations ~$CONFIG_BYTES bytes, reboot $REBOOT_SECONDS s, waves ${WAVES:-one of all devices}"
echo "command: SIZES=\"$SIZES\" CONCURRENCY=$CONCURRENCY HEAP=$HEAP bench/fleet-bench.sh"
header
printf '%s\n' "${RESULTS[@]}"
cat <<'EOF'

wall_s: the campaign's "started" log line (devices chosen) -> its "completed" line. xfer_s: the same bytes through the same
TFTP server alone at the same concurrency (TransferLoad, the devices' TFTP client). overhead: wall_s / xfer_s - 1.
peak_MiB / live_MiB: Karaf heap in use before / after a collection during the campaign (GC log).
cpu_s/dev: Karaf CPU (utime+stime) during the campaign per device; xfer_cpu: the same during the transfers
alone; sim_cpu: the simulator's during the campaign; xfer_cli: TransferLoad's (the devices' client alone).
EOF
