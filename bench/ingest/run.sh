#!/usr/bin/env bash
# Ingest benchmark (issue 8): builds the server if needed and runs bench/ingest/IngestBenchmark.java
# against it. Usage: bench/ingest/run.sh [sqlite|postgres] [extra options, e.g. --seconds 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. scripts/java-home.sh
backend="${1:-sqlite}"; shift || true
./laurel --version >/dev/null
[ "$backend" = postgres ] && bash scripts/services.sh
exec "$JAVA_HOME/bin/java" -Xmx2g bench/ingest/IngestBenchmark.java --backend "$backend" "$@"
