#!/usr/bin/env bash
# Rankings rebuild benchmark (issue 6): builds the server if needed and runs
# bench/rebuild/RebuildBenchmark.java against it. Usage: bench/rebuild/run.sh [--entries 1000000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. scripts/java-home.sh
./laurel --version >/dev/null
exec "$JAVA_HOME/bin/java" -cp server/target/laurel.jar bench/rebuild/RebuildBenchmark.java "$@"
