# Sourced by ./laurel and scripts/test.sh: exports JAVA_HOME as the first JDK 21+ of $JAVA_HOME,
# the java on PATH and the JDKs under /usr/lib/jvm (newest first), and JAVA_MAJOR.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1; }

find_java_home() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local d
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do candidates+=("${d%/}"); done
  local home v
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    v="$(java_major "$home/bin/java")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$home"; return 0; fi
  done
  echo "laurel: no JDK 21 or newer found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  return 1
}

JAVA_HOME="$(find_java_home)" || exit 1
export JAVA_HOME
JAVA_MAJOR="$(java_major "$JAVA_HOME/bin/java")"
export JAVA_MAJOR
# Maven's own libraries warn about sun.misc.Unsafe on JDK 23+; allow it quietly there.
if [ "$JAVA_MAJOR" -ge 23 ]; then export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"; fi
