#!/usr/bin/env bash
# The campaign tick's CPU (figures printed, nothing asserted): CampaignTickBench runs one-wave campaigns of
# 1,000 / 5,000 / 10,000 devices on a real H2 file database to their end, one job moved to DONE and one tick
# per round (as a job's end drives it), and prints the thread CPU per tick and per device, with and without
# the stand-in job inserts the tick makes through the upgrade service.
#
#   bench/campaign-tick-bench.sh              this checkout
#   bench/campaign-tick-bench.sh main         another commit (git archive into bench/.work/, the bench class
#                                              copied in): the figures before
# Settings (env): SIZES=1000,5000,10000 CONCURRENCY=32
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=bundles/workflow/src/test/java/org/uplift/workflow/campaign/CampaignTickBench.java
SIZES=${SIZES:-1000,5000,10000}
CONCURRENCY=${CONCURRENCY:-32}
ROOT=$PWD
if [ $# -gt 0 ]; then
  ROOT=$PWD/bench/.work/tick-$(git rev-parse --short "$1")
  rm -rf "$ROOT"
  mkdir -p "$ROOT"
  git archive "$1" | tar -x -C "$ROOT"
  cp "$BENCH" "$ROOT/$BENCH"
  echo "figures of $1 ($(git rev-parse --short "$1")) in $ROOT"
fi
cd "$ROOT"
mvn -B -o -q verify -pl bundles/workflow -am -Dspotless.check.skip=true -Dbench=true \
  -Dbench.sizes="$SIZES" -Dbench.concurrency="$CONCURRENCY" \
  -Dtest=CampaignTickBench -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E '(warm-up|N=|campaign tick|devices  |^ *[0-9])' || true
