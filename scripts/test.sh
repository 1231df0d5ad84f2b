#!/usr/bin/env bash
# Runs every test of the project: the Maven build's unit and integration tests (engine, store,
# server), then the conformance suite that drives a real `./laurel serve` through the official
# Node SDK. Starts the machine's PostgreSQL and Redis if they are down.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/java-home.sh
echo "== JDK: $JAVA_HOME (Java $JAVA_MAJOR)"
bash scripts/services.sh

echo "== Maven: unit and integration tests"
mvn -B -Dstyle.color=never verify

echo "== Ingest benchmark's load generator: self-test"
"$JAVA_HOME/bin/java" bench/ingest/IngestBenchmark.java --self-test

echo "== Conformance suite (Node SDK against ./laurel serve)"
cd conformance
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "== Conformance suite on the embedded store (SQLite)"
LAUREL_SKIP_BUILD=1 LAUREL_TEST_BACKEND=sqlite node --test --test-concurrency=1 --test-reporter=spec
echo "== Conformance suite on PostgreSQL"
LAUREL_SKIP_BUILD=1 LAUREL_TEST_BACKEND=postgres node --test --test-concurrency=1 --test-reporter=spec
