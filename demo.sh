#!/usr/bin/env bash
# The main job: a real Karaf (the demo assembly, with the uplift and uplift-simulator features
# installed at boot) upgrades a simulated fleet of IADs over SNMP and TFTP on loopback, then prints
# a table of results. Exits non-zero if any device is not upgraded.
#
#   ./demo.sh              10 devices (DEVICES=N ./demo.sh for another size)
#   KEEP=1 ./demo.sh       leave Karaf running afterwards (target/demo-run; stop it with bin/stop)
set -euo pipefail
cd "$(dirname "$0")"

DEVICES=${DEVICES:-10}
VERSION=0.1.0-SNAPSHOT
ASSEMBLY=features/demo/target/demo-$VERSION.tar.gz
RUN=$PWD/target/demo-run
KARAF=$RUN/demo-$VERSION

# shellcheck source=bench/karaf-loopback.sh
. bench/karaf-loopback.sh

stale() { # the assembly is missing or older than a source file
  [ ! -f "$ASSEMBLY" ] && return 0
  [ -n "$(find bundles features/uplift/src pom.xml bnd.bnd -newer "$ASSEMBLY" -type f -print -quit)" ]
}

if stale; then
  say "Building Uplift and the demo Karaf assembly (mvn -DskipTests package)"
  mvn -B -q -DskipTests package -pl features/demo -am
fi

say "Unpacking a fresh Karaf into $RUN"
rm -rf "$RUN" && mkdir -p "$RUN"
tar -xzf "$ASSEMBLY" -C "$RUN"

TFTP_PORT=$(free_port udp)
TRAP_PORT=$(free_port udp)
HTTP_PORT=$(free_port tcp)
FTP_PORT=$(free_port tcp)
FILE_HTTP_PORT=$(free_port tcp)
SIM_BASE=$(free_udp_range "$DEVICES")
karaf_on_loopback
cat > "$KARAF/etc/org.ops4j.pax.web.cfg" <<EOF
org.osgi.service.http.port = $HTTP_PORT
org.ops4j.pax.web.listening.addresses = 127.0.0.1
EOF
# every simulated device sends from 127.0.0.1: the per-address share is meant for one real device
cat > "$KARAF/etc/org.uplift.tftp.cfg" <<EOF
bindAddress = 127.0.0.1
port = $TFTP_PORT
ftpPort = $FTP_PORT
httpPort = $FILE_HTTP_PORT
maxTransfersPerDevice = 16
httpMaxConnectionsPerAddress = 16
EOF
# a simulated device is steady as soon as it answers: a short settle after its reboot keeps the demo brisk
cat > "$KARAF/etc/org.uplift.workflow.cfg" <<EOF
rebootSettleMillis = 1000
EOF
cat > "$KARAF/etc/org.uplift.snmp.notifications.cfg" <<EOF
bindAddress = 127.0.0.1
port = $TRAP_PORT
EOF
cat > "$KARAF/etc/org.uplift.simulator.cfg" <<EOF
notifyTo = 127.0.0.1:$TRAP_PORT
devices = $DEVICES
basePort = $SIM_BASE
model = IAD-1000
version = 1.0.0
rebootSeconds = 3
EOF

cleanup() {
  if [ -z "${KEEP:-}" ] && [ -x "$KARAF/bin/stop" ]; then
    "$KARAF/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pgrep -f "karaf.base=$KARAF" >/dev/null || break; sleep 1; done
    pkill -9 -f "karaf.base=$KARAF" 2>/dev/null || true
  fi
}
trap cleanup EXIT

say "Starting Karaf (SSH on 127.0.0.1:$SSH_PORT, TFTP on 127.0.0.1:$TFTP_PORT, traps to 127.0.0.1:$TRAP_PORT, $DEVICES simulated IADs on UDP $SIM_BASE..$((SIM_BASE + DEVICES - 1)))"
# Karaf's own output (boot errors before its log is up) goes to data/karaf.out
KARAF_REDIRECT="$KARAF/data/karaf.out" "$KARAF/bin/start"

for i in $(seq 1 90); do
  if client -r 1 "uplift-sim:devices" | grep 'IAD-1000' >/dev/null; then break; fi
  [ "$i" = 90 ] && { echo "Karaf did not come up within 3 minutes; see $KARAF/data/log/karaf.log"; exit 1; }
  sleep 2
done

say "The simulated fleet before the upgrade"
client "uplift-sim:devices"

IMAGE=$RUN/iad-1000-2.0.0.bin
IMAGE3=$RUN/iad-1000-3.0.0.bin
ids=()
# 2.0.0 reads configuration format 2: every device's format-1 configuration is migrated on the way back
commands="uplift-sim:make-firmware --model IAD-1000 --version 2.0.0 --config-format 2 --size 262144 $IMAGE"$'\n'
commands+="uplift:firmware-add --model IAD-1000 --version 2.0.0 --config-format 2 --notes 'demo release' $IMAGE"$'\n'
commands+="uplift-sim:make-firmware --model IAD-1000 --version 3.0.0 --config-format 3 --size 262144 $IMAGE3"$'\n'
commands+="uplift:firmware-add --model IAD-1000 --version 3.0.0 --config-format 3 --notes 'next release' $IMAGE3"$'\n'
for i in $(seq 1 "$DEVICES"); do
  id=$(printf 'iad-%02d' "$i")
  ids+=("$id")
  commands+="uplift:device-add --port $((SIM_BASE + i - 1)) --community private $id 127.0.0.1"$'\n'
done
say "Adding firmware 2.0.0 and 3.0.0 and $DEVICES devices"
client "$commands"
client "uplift:firmware-list"

say "A campaign upgrades the fleet to 2.0.0 in waves (1 device, then half, then all; 4 at a time)"
start=$(date +%s)
started=$(client "uplift:campaign-start --firmware 2.0.0 --model IAD-1000 --waves '1,50%,100%' --concurrency 4 --threshold 20")
echo "$started"
campaign=$(echo "$started" | grep -o 'c-[0-9a-f]\{8\}' | head -1)
if [ -z "$campaign" ]; then
  echo "The campaign did not start" >&2
  exit 1
fi
say "Live progress (uplift:campaign-show --follow $campaign)"
client "uplift:campaign-show --follow $campaign" || true
elapsed=$(( $(date +%s) - start ))

say "One more upgrade, of ${ids[0]} to 3.0.0, followed step by step (uplift:upgrade --wait)"
client "uplift:upgrade --firmware 3.0.0 --wait --timeout 300 ${ids[0]}" || true

say "What the upgrades did to ${ids[0]}'s configuration (uplift:backups, uplift:backup-diff)"
client "uplift:backups ${ids[0]}"
client "uplift:backup-diff ${ids[0]}"

say "Results"
jobs=$(client "uplift:jobs")
echo "$jobs"
client "uplift-sim:devices"
done_count=$(echo "$jobs" | grep ' DONE ' | grep -c -e ' 2\.0\.0 ' -e ' 3\.0\.0 ' || true)
fleet_done=$(echo "$jobs" | grep ' DONE ' | grep -c ' 2\.0\.0 ' || true)
echo
echo "$fleet_done of $DEVICES devices upgraded to 2.0.0 by the campaign with their configuration restored (migrated to format 2), in ${elapsed} s."
echo
echo "Uplift's page in the Felix Web Console: http://127.0.0.1:$HTTP_PORT/system/console/uplift (user karaf, password karaf)"
if [ -z "${KEEP:-}" ]; then
  echo "(KEEP=1 ./demo.sh leaves Karaf running so you can open it; stop it with $KARAF/bin/stop)"
fi
if [ "$fleet_done" -ne "$DEVICES" ] || [ "$done_count" -ne $((DEVICES + 1)) ]; then
  echo "Some upgrades failed: see 'uplift:job <id>' and $KARAF/data/log/karaf.log" >&2
  exit 1
fi
