#!/usr/bin/env bash
# The one test command (`npm test`, and CI through .ci/run): installs what a fresh Debian machine
# lacks, type-checks every execution context, builds the app, runs the unit and e2e tests, and ends
# with one summary line. A failed step does not stop the later ones, so a type error in one corner
# still shows the test results; the exit code reports every failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# System tools: Chromium for the e2e tests, mosquitto (MQTT broker), espeak-ng and sox (audio fixtures),
# qpdf (password-protected PDFs for the Knowledge import test).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
for tool in mosquitto espeak-ng sox qpdf; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "run-all: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium mosquitto espeak-ng sox qpdf
fi

[ -d node_modules ] || npm ci

failed_steps=()
step() { # step NAME COMMAND...: runs it, remembers a failure instead of stopping
  local name=$1
  shift
  echo "== $name"
  "$@" || failed_steps+=("$name")
}

step "format (prettier --check; npm run format fixes it)" npx prettier --check --log-level warn .
for context in core shared ui worker node; do
  step "type-check ($context)" npx tsc -p "tsconfig.$context.json"
done
rm -rf dist # a failed build must not leave the e2e tests a stale app to test
step "build" npx vite build

report=test-results/vitest.json
rm -f "$report"
mkdir -p test-results
step "tests" npx vitest run --reporter=default --reporter=json --outputFile.json="$report"

# Counts from the JSON report (a run that never wrote it counts as zero tests); files are counted
# as vitest's summary counts them.
read -r passed failed skipped files_failed < <(node test/support/vitest-counts.mjs "$report")

status=0
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}"
  status=1
fi
if [ "$files_failed" -gt 0 ]; then
  echo "test files that failed to run or had failures: $files_failed"
  status=1
fi
if [ $((passed + failed)) -eq 0 ]; then
  echo "no tests ran"
  status=1
fi
[ "$failed" -eq 0 ] || status=1

summary="tests: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary+=", $skipped skipped"
echo "$summary"
exit "$status"
