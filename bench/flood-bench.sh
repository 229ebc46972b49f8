#!/usr/bin/env bash
# Flood benchmark of Uplift's TFTP and FTP servers on loopback (figures printed, nothing asserted).
# The servers run in their own JVM with the production defaults. Devices transfer (TFTP from 127.0.0.2,
# FTP from 127.0.0.3: an image download and a backup upload each) three times without a flood, then over
# and over during a bounded flood from 127.0.0.1 (and 127.0.0.4): malformed and unknown packets, requests
# for names no ticket has, oversized datagrams, ERROR/ACK/garbage at live transfers, half-open reads and
# writes, stale duplicate ACKs; FTP connections that stay silent, stall mid-line or dribble, wrong
# USER/PASS guesses, PASV without a transfer. Printed: what the flood sent and at what rate, the devices'
# MB/s with and without it, kernel drops at the listening port, the servers' peak threads and heap, and
# how soon half-open transfers and connections were reclaimed.
# Needs: a JDK, maven, and the loopback addresses 127.0.0.1-4 (Linux has them all).
# Usage: bench/flood-bench.sh   (env: SECONDS_FLOOD=30 IMAGE_MIB=16 TFTP_PAUSE_MS=5 FTP_PAUSE_MS=50
#        HEAP=256m, SERVER_OPTS="-Dflood.ftpIdleSeconds=20" to override a server setting)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_FLOOD=${SECONDS_FLOOD:-30}
IMAGE_MIB=${IMAGE_MIB:-16}
TFTP_PAUSE_MS=${TFTP_PAUSE_MS:-5}
FTP_PAUSE_MS=${FTP_PAUSE_MS:-50}
HEAP=${HEAP:-256m}
SERVER_OPTS=${SERVER_OPTS:-}

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: openjdk-17-jdk-headless, maven)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/uplift-flood-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "Building the repository module and its test classpath..."
mvn -B -q -o -pl bundles/common,bundles/api,bundles/repository test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="bundles/common/target/classes:bundles/api/target/classes:bundles/repository/target/classes:bundles/repository/target/test-classes:$(cat "$work/cp.txt")"

# shellcheck disable=SC2086 # SERVER_OPTS holds several options
java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.uplift.repository.tftp.FloodBench \
  "$SECONDS_FLOOD" "$IMAGE_MIB" "$TFTP_PAUSE_MS" "$FTP_PAUSE_MS" "-Xmx$HEAP" $SERVER_OPTS
