#!/usr/bin/env bash
# bench/jmh/run.sh [JMH options...]: builds the JMH micro-benchmarks with the repository's Maven
# wrapper and a JDK 25, then runs them (e.g. `bench/jmh/run.sh Digest -f 1 -wi 2 -i 3`).
# Needs wharf-engine in ~/.m2: `./mvnw -B -ntp -DskipTests install` at the root if it is missing.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -f ~/.m2/repository/io/wharf/wharf-engine/0.1.0-SNAPSHOT/wharf-engine-0.1.0-SNAPSHOT.jar ]; then
  (cd "$REPO" && ./mvnw -B -ntp -q -DskipTests install)
fi
"$REPO/mvnw" -B -ntp -q -f "$REPO/bench/jmh/pom.xml" package
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$REPO/bench/jmh/target/benchmarks.jar" "$@"
