#!/usr/bin/env bash
# Fleet benchmark on loopback (figures printed, nothing asserted): one Karaf (the demo assembly, Uplift
# only, heap capped) upgrades N simulated devices (8 MiB image, ~20 KiB configurations) in one campaign;
# the simulator runs standalone in its own JVM, so the Karaf's heap and CPU are Uplift's alone. Then the
# same bytes (per device one 20 KiB upload, one 8 MiB and one 20 KiB download) go through the same Karaf's
# TFTP server alone, at the same concurrency, with the devices' own TFTP client (TransferLoad). Before the
# campaign, min(N, 100) devices' transfers warm the TFTP server up, so that neither measurement pays for
# compiling it.
# Prints: campaign wall time, the transfer-only time, the workflow's overhead (wall time, and CPU time of
# both JVMs, which another load on the machine changes less), devices per minute, the Karaf JVM's peak heap
# (from its GC log, -Xlog:gc), its live heap after a full collection at the campaign's end and what holds
# it (class histogram), CPU seconds
# per device (/proc/<pid>/stat) and per Karaf thread, and where a job's time goes.
#
#   bench/fleet-bench.sh                 1,000 devices
#   N=100 bench/fleet-bench.sh           another fleet size
#   SIZES="100 500 1000" bench/fleet-bench.sh   each size in a fresh Karaf, one table at the end
# Other settings (env): CONCURRENCY=32 POLICY=retry:2:abort HEAP=256m IMAGE_BYTES=8388608 CONFIG_BYTES=20480 REBOOT_SECONDS=3
#   SETTLE_MS=1000 (the workflow's rebootSettleMillis: how long a restarted device must answer steadily)
#   WARM_CAMPAIGN=1 (min(N, 100) extra devices go through a campaign first: the workflow's code is compiled
#   before the measured campaign, as the TFTP server's is before both measurements)
#   WAVES=1,10%,100% (default one wave) KEEP=1 (keep target/fleet-bench-* run directories) XFER=0 (no
#   transfer-only run) PROFILE=1 (flight recording) ASSEMBLY=<another demo tar.gz> (e.g. an older
#   commit's, for before/after figures)
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
# how long a restarted device must answer steadily before the job goes on (the workflow's rebootSettleMillis)
SETTLE_MS=${SETTLE_MS:-1000}
WAVES=${WAVES:-}  # default: one wave of all devices
# a device's transfer that times out on a loaded machine is retried, as an operator would have it
POLICY=${POLICY:-retry:2:abort}

need_tools
trap cleanup EXIT
trap 'exit 143' INT TERM
build_if_stale

RESULTS=()

# Moves $1 devices' bytes through Uplift's TFTP server alone: opens the tickets through the shell (one
# upload ticket per device, the firmware and a 20 KiB configuration every device reads), then runs
# TransferLoad. Sets XFER_OUT (its figures line) and XFER_KARAF_CPU (Karaf's CPU seconds meanwhile).
transfer_only() {
  local n=$1 dir=$2 tickets="" fw_name cfg_name cpu0
  python3 -c "import sys; sys.stdout.write(('#' + 'x' * 99 + '\n') * ($CONFIG_BYTES // 100))" > "$dir/config.cfg"
  for _ in $(seq 1 "$n"); do tickets+="uplift:transfer-open --write --ttl 2h --max-bytes 1048576 --to 127.0.0.1"$'\n'; done
  client "$tickets" | sed -n 's/^File name: *//p' > "$dir/uploads.txt"
  fw_name=$(client "uplift:transfer-open --ttl 2h --to 127.0.0.1 IAD-1000-2.0.0" | sed -n 's/^File name: *//p')
  cfg_name=$(client "uplift:transfer-open --ttl 2h --to 127.0.0.1 $dir/config.cfg" | sed -n 's/^File name: *//p')
  [ "$(wc -l < "$dir/uploads.txt")" = "$n" ] && [ -n "$fw_name" ] && [ -n "$cfg_name" ] \
    || { echo "could not open the tickets ($(wc -l < "$dir/uploads.txt") uploads, firmware '$fw_name', config '$cfg_name')" >&2; exit 1; }
  cpu0=$(cpu_seconds "$KARAF_PID")
  XFER_OUT=$(java -Xmx1g -cp "$SIM_JAR" org.uplift.simulator.TransferLoad --server "127.0.0.1:$TFTP_PORT" \
    --uploads "$dir/uploads.txt" --firmware "$fw_name" --config "$cfg_name" --concurrency "$CONCURRENCY" \
    --config-size "$CONFIG_BYTES" 2> "$dir/transfer-load.err") || true
  XFER_KARAF_CPU=$(calc "$(cpu_seconds "$KARAF_PID") - $cpu0")
  [ -n "$XFER_OUT" ] || { cat "$dir/transfer-load.err" >&2; echo "TransferLoad printed nothing" >&2; exit 1; }
}

field() { # the value after word $1 in line $2
  awk -v key="$1" '{for (i = 1; i < NF; i++) if ($i == key) print $(i + 1)}' <<< "$2"
}

run_size() {
  local n=$1 run=$PWD/target/fleet-bench-$1
  say "Fleet of $n: preparing Karaf (heap cap $HEAP) and $n simulated devices (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  prepare_karaf "$run" "maxConcurrentJobs = $CONCURRENCY
rebootSettleMillis = $SETTLE_MS"
  local warm=$(( n < 100 ? n : 100 )) warm_devices=0
  # WARM_CAMPAIGN=1: that many extra devices (iad-0001..) go through a campaign first, so the measured one
  # does not pay for compiling the workflow, SNMP and database code either
  [ "${WARM_CAMPAIGN:-0}" = 1 ] && warm_devices=$warm
  start_simulator "$((n + warm_devices))" "$run/simulator.out"
  start_karaf
  add_firmware "$run"
  local t0 added
  t0=$(now)
  added=$(add_devices "$((n + warm_devices))")
  echo "registered $added devices through client sessions of 1,000 in $(calc "round($(now) - $t0, 1)") s"
  [ "$added" = "$((n + warm_devices))" ] || { echo "only $added of $((n + warm_devices)) devices registered" >&2; exit 1; }
  mkdir -p "$run/warm-up"
  transfer_only "$warm" "$run/warm-up"
  echo "TFTP server warmed up with $warm devices' transfers: $XFER_OUT"
  if [ "$warm_devices" -gt 0 ]; then
    local warm_ids warm_out warm_id
    warm_ids=$(seq -f 'iad-%04g' 1 "$warm_devices" | paste -sd,)
    warm_out=$(client "uplift:campaign-start --firmware 2.0.0 --devices $warm_ids --waves $warm_devices --concurrency $CONCURRENCY --threshold 100 --policy $POLICY")
    warm_id=$(sed -n 's/^Campaign \(c-[0-9a-f]*\) .*/\1/p' <<< "$warm_out" | head -1)
    [ -n "$warm_id" ] && await_campaign_end "$warm_id" 900 >/dev/null \
      || { echo "the warm-up campaign did not run: $warm_out" >&2; exit 1; }
    echo "workflow warmed up: $(client "uplift:campaign-show $warm_id" | head -1)"
  fi

  say "Campaign: $n devices to 2.0.0, concurrency $CONCURRENCY, waves ${WAVES:-one of all devices}, policy $POLICY"
  local gc_from cpu0 sim_cpu0 start started out id end cpu1 sim_cpu1 load_start
  gc_from=$(($(wc -l < "$KARAF/gc.log") + 1))
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu0=$(cpu_seconds "$KARAF_PID")
  sim_cpu0=$(cpu_seconds "$SIM_PID")
  thread_cpu "$KARAF_PID" > "$run/threads-before.txt"
  start=$(now)
  out=$(client "uplift:campaign-start --firmware 2.0.0 --model IAD-1000 --older --waves ${WAVES:-$n} --concurrency $CONCURRENCY --threshold 100 --policy $POLICY")
  echo "$out"
  id=$(sed -n 's/^Campaign \(c-[0-9a-f]*\) .*/\1/p' <<< "$out" | head -1)
  [ -n "$id" ] || { echo "the campaign did not start" >&2; exit 1; }
  grep -q "started: $n devices" <<< "$out" || { echo "the campaign did not choose exactly the $n measured devices" >&2; exit 1; }
  end=$(await_campaign_end "$id" $((600 + n * 6))) || { echo "campaign $id did not end in time" >&2; client "uplift:campaign-show $id" >&2; exit 1; }
  cpu1=$(cpu_seconds "$KARAF_PID")
  sim_cpu1=$(cpu_seconds "$SIM_PID")
  thread_cpu "$KARAF_PID" > "$run/threads-after.txt"
  local gc_to load_end wall done_count
  gc_to=$(wc -l < "$KARAF/gc.log")
  load_end=$(cut -d' ' -f1-3 /proc/loadavg)
  # from the campaign's stored start (its devices chosen and read) to its end; the timeline shows the choosing
  started=$(log_time "Campaign $id started")
  wall=$(calc "round($end - $started, 1)")
  echo "Karaf CPU by thread during the campaign:"
  thread_cpu_diff "$run/threads-before.txt" "$run/threads-after.txt"
  # the workflow's own threads, measured directly (cpu/dev - xcpu/dev also moves with the TFTP server's
  # cost at another concurrency, and with the machine's load): the job threads alone, and with the
  # campaign, lease and Event Admin threads and the SNMP session's receiver
  local jobs_cpu wf_cpu jit_cpu
  jobs_cpu=$(thread_cpu_sum "$run/threads-before.txt" "$run/threads-after.txt" '^uplift-job-')
  wf_cpu=$(thread_cpu_sum "$run/threads-before.txt" "$run/threads-after.txt" \
    '^(uplift-job-|uplift-campaign|uplift-claims-|EventAdmin|DefaultUDPTransportMapping)')
  jit_cpu=$(thread_cpu_sum "$run/threads-before.txt" "$run/threads-after.txt" '^C[12] CompilerThre')
  echo "workflow threads: jobs $jobs_cpu s, with campaign/leases/Event Admin/SNMP $wf_cpu s; JIT compiler $jit_cpu s"
  echo "Timeline:"
  campaign_timeline "$id" "$start"
  # the devices' own times for each step (the simulator measured them) packed into the ideal schedule
  echo "Against the ideal schedule:"
  local ideal ideal_s=nan ideal_ratio=nan
  ideal=$(ideal_schedule "$start" "$CONCURRENCY" "$wall" "$run/steps.txt" "$SETTLE_MS")
  grep -v '^ideal_s=' <<< "$ideal" || true
  ideal_s=$(sed -n 's/^ideal_s=\([^ ]*\) .*/\1/p' <<< "$ideal")
  ideal_ratio=$(sed -n 's/.* ratio=\([^ ]*\) .*/\1/p' <<< "$ideal")
  # what the Karaf still holds once the campaign is over: a full collection, then its "after" size
  jcmd "$KARAF_PID" GC.run >/dev/null 2>&1 || true
  sleep 1
  local live_end
  live_end=$(grep 'Pause Full' "$KARAF/gc.log" | tail -1 | sed -n 's/.*M->\([0-9]*\)M(.*/\1/p')
  # what that live set is made of (the histogram's own collection leaves only reachable objects): the
  # classes holding the most, to compare between fleet sizes
  if jcmd "$KARAF_PID" GC.class_histogram > "$run/histogram.txt" 2>/dev/null; then
    echo "Live heap by class (top ${HISTO_TOP:-15}; all in $run/histogram.txt):"
    sed -n "3,$((${HISTO_TOP:-15} + 3))p" "$run/histogram.txt" | cut -c1-120
    tail -1 "$run/histogram.txt"
  fi
  local show failed_jobs
  show=$(client "uplift:campaign-show $id")
  grep -v '^  target ' <<< "$show" | head -8
  done_count=$(grep -o 'completed: [0-9]* of' <<< "$show" | awk '{print $2}')
  done_count=${done_count:-0}
  failed_jobs=$(sed -n 's/^wave [0-9]* failed: [^:]*: job \([0-9a-f]*\) .*/uplift:job \1/p' <<< "$show")
  if [ -n "$failed_jobs" ]; then
    echo "why devices were not upgraded (the failures in their histories):"
    client "$failed_jobs" | grep -e '^Job ' -e ' failed: ' | cut -c1-300
  fi

  local base_wall=nan base_karaf=nan base_client=nan base_retries=- load_base=-
  if [ "${XFER:-1}" != 0 ]; then
    say "Transfers alone: the same bytes through the same Karaf's TFTP server, concurrency $CONCURRENCY"
    mkdir -p "$run/transfers"
    transfer_only "$n" "$run/transfers"
    echo "$XFER_OUT"
    grep -v 'trying again' "$run/transfers/transfer-load.err" | head -5 || true
    base_wall=$(field seconds "$XFER_OUT")
    base_client=$(field client_cpu_s "$XFER_OUT")
    base_karaf=$XFER_KARAF_CPU
    base_retries="$(field retries "$XFER_OUT")/$(field failures "$XFER_OUT")"
    load_base=$(cut -d' ' -f1-3 /proc/loadavg)
  fi

  local gc peak live gcs pauses
  # peak heap in use (before a collection) and largest heap after a young collection, in MiB, from the
  # unified GC log lines "GC(n) Pause Young ... 120M->35M(256M) 3.1ms" written during the campaign
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

  local campaign_cpu xfer_cpu row
  campaign_cpu=$(calc "($cpu1 - $cpu0) + ($sim_cpu1 - $sim_cpu0)")
  xfer_cpu=$(calc "$base_karaf + $base_client")
  row=$(printf '%6s %5s %4s %8s %8s %7s %8s %8s %8s %7s %5s %5s %5s %8s %8s %8s %8s %8s %8s %8s %7s  %s' "$n" "$done_count" "$CONCURRENCY" \
    "$wall" "${ideal_s:-nan}" "${ideal_ratio:-nan}" "$base_wall" "$(calc "f'{($wall / $base_wall - 1) * 100:+.1f}%'")" \
    "$(calc "f'{($campaign_cpu / $xfer_cpu - 1) * 100:+.1f}%'")" "$(calc "round($n * 60 / $wall, 1)")" \
    "$peak" "$live" "${live_end:--}" "$(calc "round(($cpu1 - $cpu0) / $n, 3)")" "$(calc "round($base_karaf / $n, 3)")" \
    "$(calc "round(($cpu1 - $cpu0 - $base_karaf) / $n, 3)")" "$(calc "round($jobs_cpu / $n, 4)")" \
    "$(calc "round($wf_cpu / $n, 4)")" "$(calc "round(($sim_cpu1 - $sim_cpu0) / $n, 3)")" "$(calc "round($base_client / $n, 3)")" "$base_retries" \
    "$load_start / $load_end / $load_base")
  RESULTS+=("$row")
  echo "GC during the campaign: $gcs collections, $pauses s paused (heap cap $HEAP)"
  header
  echo "$row"
}

header() {
  printf '\n%6s %5s %4s %8s %8s %7s %8s %8s %8s %7s %5s %5s %5s %8s %8s %8s %8s %8s %8s %8s %7s  %s\n' devices done conc wall_s ideal_s \
    /ideal xfer_s vs_xfer cpu_ovh dev/min peak young live cpu/dev xcpu/dev wf/dev jobs/dev wft/dev sim/dev xcli/dev retry "load at start / end / after transfers"
}

for n in $SIZES; do
  run_size "$n"
done

say "Fleet benchmark: $(nproc) cores, Karaf heap cap $HEAP, image $IMAGE_BYTES bytes, configurations ~$CONFIG_BYTES bytes, reboot $REBOOT_SECONDS s, waves ${WAVES:-one of all devices}"
echo "command: ADDRESS_PER_DEVICE=$ADDRESS_PER_DEVICE SIZES=\"$SIZES\" CONCURRENCY=$CONCURRENCY POLICY=$POLICY HEAP=$HEAP SETTLE_MS=$SETTLE_MS XFER=${XFER:-1} WARM_CAMPAIGN=${WARM_CAMPAIGN:-0} bench/fleet-bench.sh"
header
printf '%s\n' "${RESULTS[@]}"
cat <<'EOF'

wall_s: the campaign's "started" log line (devices chosen) -> its "completed" line. ideal_s: the devices'
own measured steps (backup, download, reboot, restore, as the simulator timed them), each device's steps one
job, packed longest-first onto the campaign's concurrency (bench/fleet-ideal.py); /ideal: wall_s / ideal_s,
what the workflow adds to what the devices themselves took (the settle period SETTLE_MS after each reboot
is the workflow's: the ideal line says how much of the campaign it accounts for). xfer_s: the same bytes through the same TFTP
server alone at the same concurrency (TransferLoad, the devices' TFTP client), with no reboots; vs_xfer:
wall_s / xfer_s - 1 (the old overhead figure: it counts the devices' reboots as overhead). cpu_ovh: CPU seconds of Karaf + simulator during the campaign over those of
Karaf + TransferLoad during the transfers alone, - 1 (what the workflow costs when the CPU is the limit).
peak / young: Karaf heap in use before / after a collection during the campaign (GC log); live: after a
full collection at the campaign's end (MiB). cpu/dev: Karaf CPU (utime+stime) during the campaign per
device; xcpu/dev: the same during the transfers alone; wf/dev: cpu/dev - xcpu/dev, the workflow's own CPU
per device (it also moves with the TFTP server's cost at another concurrency and with the load); jobs/dev: CPU
of the job threads (uplift-job-N) per device, measured per thread; wft/dev: with the campaign, lease, Event
Admin and SNMP receiver threads (JIT compilation is printed beside the threads, not counted); sim/dev: the simulator's during the campaign;
xcli/dev: TransferLoad's. retry: transfers TransferLoad had to try again / gave up on.
EOF
