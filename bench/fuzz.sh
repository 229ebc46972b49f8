#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer, JUnit 5 @FuzzTest) of the three parsers that read what the network
# sends: the TFTP request parser + option negotiation (bundles/repository), the configuration parser
# (bundles/migration) and the SNMP completion-notification decoders (bundles/snmp). Each fuzz test runs
# with JAZZER_FUZZ=1 for SECONDS each; a plain `mvn verify` only replays their inputs (seeds and crashes).
# A crash is written by Jazzer to src/test/resources/<package>/<Test>Inputs/<method>/crash-*, where
# `mvn verify` then replays it: keep it, fix the code. The growing corpus is kept in target/fuzz-corpus/.
# Prints libFuzzer's closing line per target (runs, cov = covered edges, ft = features, corp = corpus).
# Usage: bench/fuzz.sh [SECONDS]   (default 60; env ONLY="migration" to run some targets, MVN_ARGS="-o")
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-${FUZZ_SECONDS:-60}}
ONLY=${ONLY:-"repository migration snmp"}
MVN_ARGS=${MVN_ARGS:-}
# module, fuzz test class, classes to instrument for coverage (the library parsers included)
TARGETS=(
  "repository TftpRequestParserFuzzTest org.uplift.**:org.apache.commons.net.tftp.**"
  "migration ConfigDocumentFuzzTest org.uplift.**"
  "snmp CompletionDecoderFuzzTest org.uplift.**:org.snmp4j.**"
)

command -v mvn >/dev/null || { echo "missing mvn" >&2; exit 2; }
failed=()
summary=()
for target in "${TARGETS[@]}"; do
  read -r module test includes <<<"$target"
  [[ " $ONLY " == *" $module "* ]] || continue
  dir=bundles/$module
  log=$dir/target/fuzz-$test.log
  mkdir -p "$dir/target/fuzz-corpus"
  # Jazzer keeps its generated corpus in .cifuzz-corpus/ of the module: lend it the kept one for the run
  rm -rf "$dir/.cifuzz-corpus" && mv "$dir/target/fuzz-corpus" "$dir/.cifuzz-corpus"
  echo "== $module: $test, ${SECONDS_EACH}s (log: $log)"
  start=$(date +%s)
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=${SECONDS_EACH}s JAZZER_INSTRUMENTATION_INCLUDES=$includes \
    mvn -B $MVN_ARGS -am -pl "$dir" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    >"$log.tmp" 2>&1
  rc=$?
  mv "$log.tmp" "$log"
  mv "$dir/.cifuzz-corpus" "$dir/target/fuzz-corpus"
  done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  runs=$(grep -a -E '^Done [0-9]+ runs' "$log" | tail -1)
  crashes=$(grep -a -o 'Test unit written to [^ ]*' "$log" | sed 's/Test unit written to //')
  summary+=("$module: ${done_line:-no DONE line} | ${runs:-?} | wall $(( $(date +%s) - start ))s")
  if [[ $rc -ne 0 ]]; then
    failed+=("$module")
    echo "   FAILED (exit $rc)${crashes:+; crash inputs:}"
    [[ -n "$crashes" ]] && printf '     %s\n' $crashes
    grep -a -m3 -E '^Caused by|FuzzTestFinding' "$log" | sed 's/^/     /'
  fi
done

echo
echo "== summary (${SECONDS_EACH}s each)"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "findings or failures in: ${failed[*]} (see the logs; crash inputs are replayed by mvn verify)"
  exit 1
fi
echo "no findings"
