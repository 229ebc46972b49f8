#!/usr/bin/env bash
# Fault soak on loopback: the fleet benchmark's setup (a demo-assembly Karaf with Uplift, the standalone
# simulator in its own JVM, 8 MiB image, ~20 KiB configurations), with 10% of the devices given a random
# injected fault (every kind the simulator has; seeded, the seed is printed), one campaign with a retry
# policy and a threshold that never pauses it. What the policy leaves open, this script decides as an
# operator would: it reads karaf.log for "waits for a decision", repairs a device that went silent
# (silent, silent-during, no-return: the simulator's control port, 'clear N'), retries a failed roll-back
# and aborts anything else. Once the campaign has ended it clears every remaining fault, so every device
# answers, and checks EVERY device: on the target with its running configuration equal to the backup
# Uplift stored, or on its old version with its old configuration, as its job's history says (devices
# that could not even be read are "not started", with the campaign's reason). Prints the counts;
# exits non-zero if a device is lost (its state and its history disagree) or a job is stuck.
#
#   bench/fleet-soak.sh                  1,000 devices, 100 of them faulty
#   N=100 SEED=42 bench/fleet-soak.sh    a smaller fleet, a given seed
# Other settings (env): CONCURRENCY=32 FAULT_PERCENT=10 POLICY=retry:1 HEAP=256m IMAGE_BYTES=8388608
#   CONFIG_BYTES=20480 REBOOT_SECONDS=3 KEEP=1 (keep target/fleet-soak-<N>)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/fleet-common.sh
. bench/fleet-common.sh

N=${N:-1000}
CONCURRENCY=${CONCURRENCY:-32}
FAULT_PERCENT=${FAULT_PERCENT:-10}
POLICY=${POLICY:-retry:1}
SEED=${SEED:-$RANDOM$RANDOM}
HEAP=${HEAP:-256m}
IMAGE_BYTES=${IMAGE_BYTES:-8388608}
CONFIG_BYTES=${CONFIG_BYTES:-20480}
REBOOT_SECONDS=${REBOOT_SECONDS:-3}

need_tools
trap cleanup EXIT
trap 'exit 143' INT TERM
build_if_stale

run=$PWD/target/fleet-soak-$N
say "Fault soak: $N devices, $FAULT_PERCENT% faulty, seed $SEED, policy $POLICY, concurrency $CONCURRENCY (load: $(cut -d' ' -f1-3 /proc/loadavg))"
# short step time-outs, so hung and silent devices are found out in seconds; the update's covers an
# 8 MiB download while $CONCURRENCY devices share two cores
prepare_karaf "$run" "maxConcurrentJobs = $CONCURRENCY
backupTimeoutSeconds = 30
updateTimeoutSeconds = 300
rebootTimeoutSeconds = 30
restoreTimeoutSeconds = 30
rebootSettleMillis = 1500"

# every kind at least once (kinds dealt round-robin in a seeded order to seeded devices), random arguments;
# silent-during:rollback comes with reject-config, or no roll-back would ever be commanded
python3 - "$N" "$FAULT_PERCENT" "$SEED" > "$run/faults.txt" <<'EOF'
import random, sys
n, percent, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
kinds = ["backup-fail", "backup-hang", "download-fail", "corrupt-image", "load-fail", "no-return",
         "reject-config", "restore-fail", "silent-during", "silent"]
count = max(len(kinds), round(n * percent / 100))
if count > n:
    sys.exit(f"{n} devices cannot show all {len(kinds)} fault kinds")
devices = sorted(rng.sample(range(1, n + 1), count))
order = kinds[:]
rng.shuffle(order)
for i, device in enumerate(devices):
    kind = order[i % len(order)]
    if kind == "download-fail":
        faults = [kind + ":" + rng.choice(["transferFailed", "noMemory", "timeout", "badFileName", "unknown"])]
    elif kind == "restore-fail":
        faults = [kind + ":" + str(rng.randint(1, 3))]
    elif kind == "silent-during":
        step = rng.choice(["backup", "download", "restore", "rollback"])
        faults = [kind + ":" + step] + (["reject-config"] if step == "rollback" else [])
    else:
        faults = [kind]
    print(device, " ".join(faults))
EOF
fault_args=()
while read -r index faults; do
  for fault in $faults; do fault_args+=(--fault "$index=$fault"); done
done < "$run/faults.txt"
echo "$(wc -l < "$run/faults.txt") faulty devices; kinds: $(awk '{for (i = 2; i <= NF; i++) {sub(":.*", "", $i); print $i}}' "$run/faults.txt" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//')"

start_simulator "$N" "$run/simulator.out" "${fault_args[@]}"
start_karaf
add_firmware "$run"
added=$(add_devices "$N")
[ "$added" = "$N" ] || { echo "only $added of $N devices registered" >&2; exit 1; }
sim_control devices > "$run/devices-before.txt"

say "Campaign: $N devices to 2.0.0, policy $POLICY, threshold 100% (never pauses), concurrency $CONCURRENCY"
out=$(client "uplift:campaign-start --firmware 2.0.0 --devices $(seq -f 'iad-%04g' -s, 1 "$N") --waves $N --concurrency $CONCURRENCY --threshold 100 --policy $POLICY")
echo "$out" | head -2
id=$(sed -n 's/^Campaign \(c-[0-9a-f]*\) .*/\1/p' <<< "$out" | head -1)
[ -n "$id" ] || { echo "the campaign did not start" >&2; exit 1; }
t0=$(now)

# The operator: every few seconds, each new "waits for a decision" in karaf.log is answered.
: > "$run/decisions.txt"
seen=0
deadline=$(( $(date +%s) + 900 + N * 3 ))
while ! grep -q "Campaign $id \(completed\|paused\|cancelled\)" "$KARAF"/data/log/karaf.log*; do
  if [ "$(date +%s)" -gt "$deadline" ]; then echo "the campaign has not ended in time: stuck jobs follow" >&2; break; fi
  sleep 5
  cat "$KARAF"/data/log/karaf.log* > "$run/log-now.txt"
  waiting=$(python3 - "$run/log-now.txt" "$seen" <<'EOF'
import re, sys
lines = open(sys.argv[1], errors="replace").read().splitlines()
seen = int(sys.argv[2])
failed = {}
for n, line in enumerate(lines):
    m = re.search(r"\| Job (\w+) device (\S+): AWAITING_DECISION - (\w+) failed", line)
    if m:
        failed[m.group(1)] = m.group(3)
    m = re.search(r"Job (\w+) on device (\S+) waits for a decision", line)
    if m and n >= seen:
        print(m.group(1), m.group(2), failed.get(m.group(1), "?"))
print("SEEN", len(lines))
EOF
)
  seen=$(awk '/^SEEN/{print $2}' <<< "$waiting")
  commands=""
  states=""
  while read -r job device step; do
    [ -z "$job" ] || [ "$job" = SEEN ] && continue
    index=$((10#${device#iad-}))
    [ -z "$states" ] && states=$(sim_control devices)
    line=$(awk -v i="$index" '$1 == i' <<< "$states")
    repaired=""
    if grep -q -e ' silent' -e 'no-return' <<< "$line"; then
      sim_control "clear $index" >/dev/null
      repaired="repaired (faults cleared), "
    fi
    case $step in
      ROLLBACK|VERIFY_ROLLBACK) decision=retry ;;
      *) decision=abort ;;
    esac
    commands+="uplift:$decision $job"$'\n'
    echo "$device $job $step failed: ${repaired}$decision" >> "$run/decisions.txt"
  done <<< "$waiting"
  [ -n "$commands" ] && client "$commands" >/dev/null
done
echo "campaign ended after $(calc "round($(now) - $t0)") s; the operator decided $(wc -l < "$run/decisions.txt") time(s)"

say "Checking every device"
# what still silences a device is cleared, so each can be read; a device held down by no-return boots now
awk '{print $1}' "$run/faults.txt" | while read -r index; do sim_control "clear $index" >/dev/null; done
for _ in $(seq 1 30); do
  sim_control devices > "$run/devices-after.txt"
  grep -q ' silent' "$run/devices-after.txt" || break
  sleep 1
done
jobs=$(grep -ho "Campaign $id: job [0-9a-f]* started for device iad-[0-9]*" "$KARAF"/data/log/karaf.log* | awk '{print $4}' || true)
commands=""
for job in $jobs; do commands+="uplift:job $job"$'\n'; done
client "$commands" > "$run/jobs.txt"
client "uplift:campaign-show $id" > "$run/campaign.txt"
grep -v "^  target " "$run/campaign.txt" | head -6
stop_all

set +e
python3 bench/fleet-soak-check.py --devices "$N" --old 1.0.0 --target 2.0.0 --faults "$run/faults.txt" \
  --before "$run/devices-before.txt" --after "$run/devices-after.txt" --jobs "$run/jobs.txt" \
  --campaign "$run/campaign.txt" --backups "$KARAF/data/uplift/backups" --decisions "$run/decisions.txt"
status=$?
set -e
echo
echo "command: N=$N SEED=$SEED CONCURRENCY=$CONCURRENCY POLICY=$POLICY bench/fleet-soak.sh (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
exit $status
