#!/usr/bin/env bash
# TFTP benchmark (figures printed, nothing asserted).
#
# Loopback mode (default):
#  1. a 64 MiB download from Uplift's TFTP server and from tftpd-hpa (Debian), same client (atftp),
#     same blksize, windowsize 1 (tftpd-hpa has no RFC 7440);
#  2. Uplift with windowsize 1, 4 and 16;
#  3. 50 concurrent 64 MiB downloads from Uplift running with -Xmx128m, and its peak heap.
#
# WAN mode (WAN=1): Uplift, atftpd and tftpd-hpa, each behind bench/WanRelay.java (a userspace UDP
# relay adding a one-way delay of DELAY_MS each way and LOSS percent loss per packet, seeded), with
# the same clients: atftp with windowsize 1, 4, 16 and 64, and curl (lock-step, blksize 1428). Prints
# the median MB/s of RUNS downloads per case, failed downloads, and the ratios. Lock-step clients
# fetch a smaller file (LOCKSTEP_KIB) since they move one block per round trip.
#
# Needs: atftp, curl (WAN), a JDK, maven, python3, and a build of bundles/repository (it runs one
# first). tftpd-hpa's and atftpd's servers conflict as Debian packages (both own
# /usr/sbin/in.tftpd): whichever is not installed is fetched with `apt-get download` and unpacked
# into bench/.work/ (BENCH_WORK) the first time.
# Grid mode (GRID=1): Uplift and atftpd on loopback with atftp at every blksize x windowsize
# (bench/tftp-grid.sh), the ratio printed per case.
# Usage: bench/tftp-bench.sh   (env: SIZE_MIB=64 BLKSIZE=1428 CONCURRENT=50 RUNS=3)
#        GRID=1 SIZE_MIB=16 bench/tftp-bench.sh   (env: BLKSIZES="512 1428 8192" WINDOWS="1 4 16 64" GRID_TIMEOUT_S=60)
#        WAN=1 bench/tftp-bench.sh   (env: SIZE_MIB=2 LOCKSTEP_KIB=512 DELAY_MS=10 LOSSES="0 0.5 2"
#          CLIENTS="w1 w4 w16 w64 curl" SERVERS="uplift atftpd hpa" RUNS=3 SEED=1 RETRY_S=1 ATFTPD_RETRY_S=1)
set -euo pipefail
cd "$(dirname "$0")/.."

WAN=${WAN:-0}
if [ "$WAN" = 1 ]; then SIZE_MIB=${SIZE_MIB:-2}; fi
if [ "${GRID:-0}" = 1 ]; then SIZE_MIB=${SIZE_MIB:-16}; fi
SIZE_MIB=${SIZE_MIB:-64}
BLKSIZE=${BLKSIZE:-1428}
CONCURRENT=${CONCURRENT:-50}
RUNS=${RUNS:-3}
BENCH_WORK=${BENCH_WORK:-bench/.work}

for tool in atftp java mvn python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: atftp, openjdk-17-jdk-headless, maven, python3)" >&2; exit 2; }
done

# A Debian server package's binary: the installed one if it is that package's, else unpacked from its .deb.
debian_binary() { # $1 package, $2 path inside the package, $3 command that prints its version, $4 text to find in it
  if [ -x "$2" ] && "$2" $3 2>&1 | grep -q "$4"; then echo "$2"; return; fi
  local dir="$BENCH_WORK/$1"
  if [ ! -x "$dir$2" ]; then
    mkdir -p "$BENCH_WORK"
    (cd "$BENCH_WORK" && rm -f "$1"_*.deb && apt-get download "$1" >&2 && dpkg-deb -x "$1"_*.deb "$1") \
      || { echo "cannot fetch $1: apt-get download $1 failed" >&2; exit 2; }
  fi
  echo "$dir$2"
}
hpa_tftpd() { debian_binary tftpd-hpa /usr/sbin/in.tftpd -V tftp-hpa; }
atftpd_bin() { debian_binary atftpd /usr/sbin/atftpd -V atftp; }

work=$(mktemp -d /tmp/uplift-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"

image="$work/image.bin"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$image"
chmod 644 "$image"

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "Building the repository module and its test classpath..."
mvn -B -q -o -pl bundles/common,bundles/repository test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="bundles/common/target/classes:bundles/repository/target/classes:bundles/repository/target/test-classes:$(cat "$work/cp.txt")"

start_uplift() { # $1: extra JVM options, then more files to offer; sets UPLIFT_PORT, UPLIFT_NAME, UPLIFT_PID, UPLIFT_OUT
  UPLIFT_OUT="$work/uplift-$RANDOM.out"
  java $1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.uplift.repository.tftp.TftpBenchServer \
    "$image" 0 "${@:2}" > "$UPLIFT_OUT" 2>&1 &
  UPLIFT_PID=$!
  pids+=("$UPLIFT_PID")
  for _ in $(seq 100); do grep -q '^NAME ' "$UPLIFT_OUT" && break; sleep 0.1; done
  UPLIFT_PORT=$(awk '/^PORT /{print $2}' "$UPLIFT_OUT")
  UPLIFT_NAME=$(awk '/^NAME /{print $2}' "$UPLIFT_OUT")
  [ -n "$UPLIFT_NAME" ] || { cat "$UPLIFT_OUT"; echo "Uplift's TFTP server did not start" >&2; exit 1; }
}

stop_uplift() {
  kill "$UPLIFT_PID"; wait "$UPLIFT_PID" 2>/dev/null || true
}

# Best of $RUNS downloads with atftp: prints MB/s (MB = 10^6 bytes) and checks the bytes.
download() { # $1 port, $2 remote name, $3 windowsize
  local best=0 out="$work/down.bin"
  for _ in $(seq "$RUNS"); do
    rm -f "$out"
    local t0 t1
    t0=$(date +%s.%N)
    local options=(--option "blksize $BLKSIZE")
    [ "$3" -gt 1 ] && options+=(--option "windowsize $3")
    atftp "${options[@]}" -g -r "$2" -l "$out" 127.0.0.1 "$1" > "$work/atftp.log" 2>&1 || true
    t1=$(date +%s.%N)
    cmp -s "$image" "$out" || { cat "$work/atftp.log" >&2; echo "download from port $1 differs from the image" >&2; exit 1; }
    best=$(python3 -c "print(max($best, $SIZE_MIB*1048576/1e6/($t1-$t0)))")
  done
  printf '%.1f' "$best"
}

if [ "$WAN" = 1 ]; then
  . bench/tftp-wan.sh
  exit 0
fi
if [ "${GRID:-0}" = 1 ]; then
  . bench/tftp-grid.sh
  exit 0
fi

echo
echo "== ${SIZE_MIB} MiB download on loopback, client atftp, blksize $BLKSIZE, best of $RUNS =="
hpa_port=$(free_port)
hpa=$(hpa_tftpd)
"$hpa" --foreground --address "127.0.0.1:$hpa_port" --secure "$work" --user "$(id -un)" &
pids+=("$!")
sleep 0.5
hpa=$(download "$hpa_port" image.bin 1)

start_uplift "-Xmx256m"
w1=$(download "$UPLIFT_PORT" "$UPLIFT_NAME" 1)
w4=$(download "$UPLIFT_PORT" "$UPLIFT_NAME" 4)
w16=$(download "$UPLIFT_PORT" "$UPLIFT_NAME" 16)
stop_uplift

printf '%-34s %8s MB/s\n' "tftpd-hpa (windowsize 1)" "$hpa"
printf '%-34s %8s MB/s   %s x tftpd-hpa (target >= 1.0)\n' "Uplift windowsize 1" "$w1" "$(python3 -c "print(f'{$w1/$hpa:.2f}')")"
printf '%-34s %8s MB/s   %s x windowsize 1\n' "Uplift windowsize 4" "$w4" "$(python3 -c "print(f'{$w4/$w1:.2f}')")"
printf '%-34s %8s MB/s   %s x windowsize 1 (target >= 3)\n' "Uplift windowsize 16" "$w16" "$(python3 -c "print(f'{$w16/$w1:.2f}')")"

echo
echo "== $CONCURRENT concurrent ${SIZE_MIB} MiB downloads from Uplift (-Xmx128m), windowsize 16 =="
start_uplift "-Xmx128m"
t0=$(date +%s.%N)
clients=()
for i in $(seq "$CONCURRENT"); do
  atftp --option "blksize $BLKSIZE" --option "windowsize 16" -g -r "$UPLIFT_NAME" -l "$work/c$i.bin" \
    127.0.0.1 "$UPLIFT_PORT" >/dev/null 2>&1 &
  clients+=("$!")
done
failed=0
for pid in "${clients[@]}"; do wait "$pid" || failed=$((failed + 1)); done
t1=$(date +%s.%N)
ok=0
for i in $(seq "$CONCURRENT"); do cmp -s "$image" "$work/c$i.bin" && ok=$((ok + 1)); rm -f "$work/c$i.bin"; done
stop_uplift
peak=$(awk '/^PEAK_HEAP_MIB /{print $2}' "$UPLIFT_OUT")
echo "complete and identical: $ok of $CONCURRENT (client failures: $failed)"
echo "aggregate: $(python3 -c "print(f'{$ok*$SIZE_MIB*1048576/1e6/($t1-$t0):.1f}')") MB/s in $(python3 -c "print(f'{$t1-$t0:.1f}')") s"
echo "peak heap: ${peak} MiB (target < 128 MiB; JVM limited to -Xmx128m)"
