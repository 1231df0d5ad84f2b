#!/usr/bin/env bash
# Rank index benchmark (issue 6): builds the bench module (Maven profile "bench") and runs, on
# 1,000,000 participants, the JMH benchmark of RankIndex, its memory measurement and the Redis
# sorted-set equivalents (127.0.0.1:6379, key laurel-bench:rank-index, deleted afterwards), then
# prints a summary table. Takes about 6 minutes on 2 cores. Results stay in bench/target/rank-index.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME")" -ge 21 ]]; then
  :
else
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1 || true)
  [[ -n "$JAVA_HOME" ]] || { echo "needs a JDK 21 or later: set JAVA_HOME" >&2; exit 1; }
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
if [[ "$(java_major "$JAVA_HOME")" -ge 23 ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

out=bench/target/rank-index
echo "== build (mvn -Pbench -pl bench -am package)"
mvn -q -B -Pbench -pl bench -am package -DskipTests
mkdir -p "$out"
jar=bench/target/benchmarks.jar

echo "== machine"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "java: $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"

echo "== JMH (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement; log in $out/jmh.log)"
"$JAVA" -jar "$jar" 'dev.laurel.bench.RankIndexBenchmark' -rf csv -rff "$out/jmh.csv" > "$out/jmh.log" 2>&1
sed -n '/^Benchmark /,$p' "$out/jmh.log" | grep -v ':p0.\(00\|9999\)\|:p1.00'

echo "== memory"
"$JAVA" -Xms4g -Xmx4g -cp "$jar" dev.laurel.bench.RankIndexMemory | tee "$out/memory.properties"

echo "== Redis sorted set"
if "$JAVA" -cp "$jar" dev.laurel.bench.RedisSortedSetComparison > "$out/redis.properties"; then
  cat "$out/redis.properties"
else
  echo "Redis comparison failed: is Redis listening on 127.0.0.1:6379?" >&2
  : > "$out/redis.properties"
fi

echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "== summary"
"$JAVA" -cp "$jar" dev.laurel.bench.BenchSummary "$out/jmh.csv" "$out/memory.properties" "$out/redis.properties" \
  | tee "$out/summary.md"
