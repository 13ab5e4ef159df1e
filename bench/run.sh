#!/usr/bin/env bash
# bench/run.sh [--quick]: Wharf side by side with Docker on this machine (issue 9).
#
# Starts a dockerd (Debian's docker.io, with its own containerd) and a wharfd, each on its own
# socket, data root and exec root under /var/lib/wharf-bench; gives both the same busybox image
# made offline; drives both with the same docker CLI (DOCKER_HOST per daemon), interleaving the
# engines run by run (bench/lib/measure.py; not hyperfine, which runs all of A before B); writes
# bench/results/<UTC>.csv, .meta (machine, versions), .png and BENCHMARKS.md (bench/lib/report.py,
# which can be re-run on a CSV and its .meta). Everything it started or made is removed on exit,
# whatever happens.
# Run as root, from anywhere. --quick: fewer runs and smaller sizes (under ~10 minutes).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0
[ "${1:-}" = --quick ] && QUICK=1
if [ $QUICK = 1 ]; then
  RUNS=10 HEAVY_RUNS=3 LOG_MB=20 BIG_MB=32 PS_N=100 PAR_N=50
else
  RUNS=20 HEAVY_RUNS=10 LOG_MB=100 BIG_MB=100 PS_N=100 PAR_N=50
fi

BENCH=/var/lib/wharf-bench
SOCKS=/run/wharf-bench
D_DATA=$BENCH/docker D_EXEC=$BENCH/docker-exec D_PID=$BENCH/dockerd.pid
W_DATA=$BENCH/wharf W_EXEC=$BENCH/wharf-exec
D_HOST=unix://$SOCKS/docker.sock W_HOST=unix://$SOCKS/wharf.sock
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$REPO/bench/results
CSV=$RESULTS/$STAMP.csv
LOGS=/tmp/wharf-bench-logs-$STAMP
export DOCKER_BUILDKIT=0 DOCKER_CLI_HINTS=false
JDK=/usr/lib/jvm/temurin-25-jdk-amd64

say() { printf '\n== %s\n' "$*" >&2; }

# --- what we compare against -------------------------------------------------------------
docker_cli() { # the docker CLI 28 (docker.io brings a 20.10 CLI of its own: not that one)
  for c in /usr/local/bin/docker /usr/bin/docker; do
    if [ -x "$c" ] && "$c" --version | grep -qE 'version (2[5-9]|[3-9][0-9])\.'; then echo "$c"; return; fi
  done
  echo "no docker CLI >= 25 found" >&2; exit 1
}
install_missing() {
  local want=()
  command -v dockerd >/dev/null || want+=(docker.io)
  command -v busybox >/dev/null || [ -x /bin/busybox ] || want+=(busybox-static)
  python3 -c 'import matplotlib' 2>/dev/null || /usr/bin/python3 -c 'import matplotlib' 2>/dev/null \
    || want+=(python3-matplotlib)
  if [ ${#want[@]} -gt 0 ]; then
    say "installing ${want[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${want[@]}" >/dev/null
  fi
}
PY=/usr/bin/python3

# --- clean-up: runs on every exit ------------------------------------------------------------
FWD_POLICY=$(iptables -S FORWARD 2>/dev/null | awk '$1=="-P"{print $3}')
BRNF=$(sysctl -n net.bridge.bridge-nf-call-iptables 2>/dev/null || true)
W_TAG=$(printf %s "$W_DATA" | sha256sum | cut -c1-12)
W_IFTAG=${W_TAG:0:5}

remove_chains() { # TABLE REGEX: delete the rules that jump to or name them, then the chains
  local t=$1 re=$2 rule chain
  iptables -t "$t" -S 2>/dev/null | grep -E -- "^-A [A-Z]+ .*(-j ($re)( |$)|$3)" \
    | grep -vE -- "^-A ($re) " | sed 's/^-A /-D /' | while read -r rule; do
      eval "iptables -w -t $t $rule" || true
    done
  for chain in $(iptables -t "$t" -S 2>/dev/null | awk '$1=="-N"{print $2}' | grep -E -- "^($re)$"); do
    iptables -w -t "$t" -F "$chain" || true
  done
  for chain in $(iptables -t "$t" -S 2>/dev/null | awk '$1=="-N"{print $2}' | grep -E -- "^($re)$"); do
    iptables -w -t "$t" -X "$chain" || true
  done
}
bench_pids() { # processes whose command line names the bench directories
  local p
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = $$ ] && continue
    tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qE "$BENCH|$SOCKS" && echo "${p#/proc/}"
  done
  return 0
}
stop_pid() { # PID: TERM, up to 30 s, then KILL
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  say "cleaning up"
  local host
  for host in "$W_HOST" "$D_HOST"; do
    if [ -S "${host#unix://}" ]; then
      ids=$(DOCKER_HOST=$host timeout 30 "$DOCKER" ps -aq 2>/dev/null)
      [ -n "$ids" ] && DOCKER_HOST=$host timeout 180 "$DOCKER" rm -f $ids >/dev/null 2>&1
    fi
  done
  [ -f "$W_EXEC/wharfd.pid" ] && stop_pid "$(cat "$W_EXEC/wharfd.pid")"
  [ -n "${WHARFD_PID:-}" ] && stop_pid "$WHARFD_PID"
  [ -f "$D_PID" ] && stop_pid "$(cat "$D_PID")"
  [ -n "${DOCKERD_PID:-}" ] && stop_pid "$DOCKERD_PID"
  for pid in $(bench_pids); do kill -KILL "$pid" 2>/dev/null; done  # shims, conmons, containerd
  sleep 0.5
  awk -v a="$BENCH" -v b="$SOCKS" 'index($2,a)==1 || index($2,b)==1 {print $2}' /proc/mounts \
    | sort -r | while read -r m; do umount -l "$m"; done
  # Docker leaves its bridge and chains behind; wharfd's are named for its data root's tag
  ip link del docker0 2>/dev/null
  for l in $(ip -br link | awk '{print $1}' | sed 's/@.*//'); do
    case $l in
      w$W_IFTAG-*) ip link del "$l" ;;
      v$W_IFTAG*) [ ${#l} = 15 ] && ip link del "$l" ;;
    esac
  done
  remove_chains nat 'DOCKER[A-Z0-9-]*|WHARF-'"$W_TAG"'(-POST)?' 'docker0|172\.17\.0\.0/16'
  remove_chains filter 'DOCKER[A-Z0-9-]*|WHARF-'"$W_TAG"'-FWD' 'docker0'
  [ -n "$FWD_POLICY" ] && iptables -w -P FORWARD "$FWD_POLICY"
  [ -n "$BRNF" ] && sysctl -qw net.bridge.bridge-nf-call-iptables="$BRNF"
  rm -rf "$BENCH" "$SOCKS"
  [ $rc = 0 ] || echo "bench/run.sh failed (exit $rc); daemon logs in $LOGS" >&2
  exit $rc
}

# --- daemons ------------------------------------------------------------------------------
wait_for() { # HOST NAME
  local i
  for i in $(seq 600); do
    DOCKER_HOST=$1 "$DOCKER" version >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$2 did not answer on $1 within 60 s (log: $LOGS/$2.log)" >&2; return 1
}
start_daemons() {
  mkdir -p "$BENCH" "$SOCKS" "$LOGS"
  say "starting dockerd on $D_HOST"
  dockerd --data-root "$D_DATA" --exec-root "$D_EXEC" --pidfile "$D_PID" -H "$D_HOST" \
    >"$LOGS/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  say "starting wharfd on $W_HOST"
  "$REPO/bin/wharfd" --data-root "$W_DATA" --exec-root "$W_EXEC" --host "$W_HOST" \
    >"$LOGS/wharfd.log" 2>&1 &
  WHARFD_PID=$!
  wait_for "$D_HOST" dockerd
  wait_for "$W_HOST" wharfd
}
on_both() { # COMMAND...: runs it with the docker CLI against each daemon
  local h
  for h in "$W_HOST" "$D_HOST"; do DOCKER_HOST=$h "$@"; done
}
rm_all() { # on both daemons: every container
  local h ids
  for h in "$W_HOST" "$D_HOST"; do
    ids=$(DOCKER_HOST=$h "$DOCKER" ps -aq)
    [ -z "$ids" ] || DOCKER_HOST=$h "$DOCKER" rm -f $ids >/dev/null
  done
}

# --- measuring ----------------------------------------------------------------------------
measure() { # FIGURE RUNS [measure.py options...]
  local fig=$1 runs=$2; shift 2
  say "$fig"
  "$PY" "$REPO/bench/lib/measure.py" --figure "$fig" --csv "$CSV" --cli "$DOCKER" \
    --engine "wharf=$W_HOST" --engine "docker=$D_HOST" --runs "$runs" "$@"
}
record() { # FIGURE ENGINE VALUE UNIT: a figure measured once (min = median = max)
  echo "\"$1\",$2,$3,$3,$3,$4,1" >>"$CSV"
  echo "[$1] $2: $3 $4" >&2
}
mem_of() { # KIND(rss|pss) PID...: sum in MB
  local kind=$1 pid total=0 v; shift
  for pid in "$@"; do
    if [ "$kind" = rss ]; then
      v=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null)
    else
      v=$(awk '/^Pss:/{print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null)
    fi
    total=$((total + ${v:-0}))
  done
  awk -v k="$total" 'BEGIN{printf "%.1f", k/1024}'
}
docker_pids() { # dockerd, its containerd and the shims of its containers
  echo "$DOCKERD_PID"
  for p in $(bench_pids); do
    tr '\0' ' ' <"/proc/$p/cmdline" | grep -qE "^(containerd|/usr/bin/containerd)" && echo "$p"
  done
  return 0
}
wharf_pids() { # wharfd (the JVM) and the conmons of its containers
  echo "$WHARFD_PID"
  pgrep -P "$WHARFD_PID" || true
  for p in $(bench_pids); do
    tr '\0' ' ' <"/proc/$p/cmdline" | grep -qE "^(/usr/bin/)?conmon " && echo "$p"
  done
  return 0
}
memory() { # LABEL
  local dp wp
  dp=$(docker_pids | sort -u) wp=$(wharf_pids | sort -u)
  record "daemon RSS, $1" wharf "$(mem_of rss $wp)" MB
  record "daemon RSS, $1" docker "$(mem_of rss $dp)" MB
  record "daemon PSS, $1" wharf "$(mem_of pss $wp)" MB
  record "daemon PSS, $1" docker "$(mem_of pss $dp)" MB
}
start_parallel() { # N: `run -d` N sleepers at once against $DOCKER_HOST
  local i pids=()
  for i in $(seq "$1"); do "$DOCKER" run -d busybox sleep 600 >/dev/null & pids+=($!); done
  wait "${pids[@]}" # not a bare `wait`: the daemons are children of this shell too
}

main() {
  [ "$(id -u)" = 0 ] || { echo "bench/run.sh must run as root" >&2; exit 1; }
  install_missing
  DOCKER=$(docker_cli)
  if [ ! -f "$REPO/wharf-daemon/target/launch.env" ]; then
    say "building Wharf"
    (cd "$REPO" && JAVA_HOME=$JDK ./mvnw -B -ntp -q -DskipTests package)
  fi
  if [ -e "$BENCH" ] || [ -e "$SOCKS" ]; then
    echo "$BENCH or $SOCKS exists: another bench/run.sh running, or one that was killed -9" >&2
    exit 1
  fi
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$RESULTS"
  echo "figure,engine,min,median,max,unit,runs" >"$CSV"
  start_daemons

  say "busybox image (made offline from busybox-static) into both daemons"
  "$REPO/examples/busybox-rootfs.sh" >"$BENCH/busybox.tar"
  on_both "$DOCKER" import -c 'CMD ["sh"]' "$BENCH/busybox.tar" busybox:latest >/dev/null
  sleep 2
  memory idle

  # --- containers
  measure "run --rm busybox true" "$RUNS" --warmup 2 --cmd "{cli} run --rm busybox true"
  measure "run --rm --network none busybox true" "$RUNS" --warmup 2 \
    --cmd "{cli} run --rm --network none busybox true"
  measure "create" "$RUNS" --cmd "{cli} create --name bench-cs{name} busybox true" \
    --cleanup "{cli} rm -f bench-cs{name}"
  measure "start" "$RUNS" --prepare "{cli} create --name bench-cs{name} busybox true" \
    --cmd "{cli} start bench-cs{name}" --cleanup "{cli} rm -f bench-cs{name}"
  measure "ps -a, 0 containers" "$RUNS" --warmup 2 --cmd "{cli} ps -a"
  say "creating $PS_N containers in each daemon"
  for i in $(seq "$PS_N"); do on_both "$DOCKER" create busybox true >/dev/null; done
  measure "ps -a, $PS_N containers" "$RUNS" --warmup 2 --cmd "{cli} ps -a"
  rm_all
  on_both "$DOCKER" run -d --name bench-exec busybox sleep 3600 >/dev/null
  measure "exec true" "$RUNS" --warmup 2 --cmd "{cli} exec bench-exec true"
  rm_all
  measure "stop (SIGTERM handled)" "$RUNS" \
    --prepare "{cli} run -d --name bench-stop{name} busybox sh -c 'trap \"exit 0\" TERM; sleep 3600 & wait'" \
    --cmd "{cli} stop bench-stop{name}" --cleanup "{cli} rm -f bench-stop{name}"

  # --- builds (classic builder), a 10-step Dockerfile
  local ctx=$BENCH/ctx
  mkdir -p "$ctx"
  echo a >"$ctx/a.txt"; echo b >"$ctx/b.txt"; echo c >"$ctx/c.txt"
  cat >"$ctx/Dockerfile" <<'EOF'
FROM busybox
ENV APP=/app
WORKDIR /app
COPY a.txt /app/a.txt
RUN echo one > /one
COPY b.txt /app/b.txt
RUN echo two > /two && ls /app > /listing
ARG LEVEL=1
COPY c.txt /app/c.txt
RUN cat /app/c.txt /one /two > /three
LABEL bench=wharf
EOF
  measure "build, cold (10 steps)" "$HEAVY_RUNS" \
    --cmd "{cli} build -q --no-cache -t bench-build $ctx"
  measure "build, fully cached" "$RUNS" --warmup 2 --cmd "{cli} build -q -t bench-build $ctx"
  measure "build, one file changed" "$HEAVY_RUNS" \
    --prepare "echo {engine}{name} > $ctx/c.txt" --cmd "{cli} build -q -t bench-build $ctx"

  # --- images: a busybox + one layer of random data, built the same way in both
  local big=$BENCH/big
  mkdir -p "$big"
  head -c $((BIG_MB * 1048576)) /dev/urandom >"$big/random.bin"
  printf 'FROM busybox\nCOPY random.bin /random.bin\n' >"$big/Dockerfile"
  on_both "$DOCKER" build -q -t bench-big "$big" >/dev/null
  DOCKER_HOST=$W_HOST "$DOCKER" save -o "$BENCH/big-wharf.tar" bench-big
  DOCKER_HOST=$D_HOST "$DOCKER" save -o "$BENCH/big-docker.tar" bench-big
  measure "save | load, ${BIG_MB} MB image" "$HEAVY_RUNS" --cmd "{cli} save bench-big | {cli} load -q"
  measure "load of a new ${BIG_MB} MB image" "$HEAVY_RUNS" \
    --prepare "{cli} rmi -f bench-big" --cmd "{cli} load -q -i $BENCH/big-{engine}.tar"

  # --- logs: one container that wrote LOG_MB of 64-byte lines
  on_both "$DOCKER" run -d --name bench-logs busybox sh -c \
    "yes 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde | head -c $((LOG_MB * 1048576))" >/dev/null
  on_both "$DOCKER" wait bench-logs >/dev/null
  measure "logs read throughput, ${LOG_MB} MB" "$HEAVY_RUNS" --unit MB/s --per-run "$LOG_MB" \
    --cmd "{cli} logs bench-logs"
  rm_all

  # --- 50 at once, then memory with 50 running
  measure "start of $PAR_N containers in parallel" "$HEAVY_RUNS" \
    --cmd "for i in \$(seq $PAR_N); do {cli} run -d busybox sleep 600 >/dev/null & done; wait; test \$({cli} ps -q | wc -l) = $PAR_N" \
    --cleanup "{cli} rm -f \$({cli} ps -aq)"
  on_both start_parallel "$PAR_N"
  sleep 3
  memory "$PAR_N running"
  rm_all

  # --- the CLIs themselves, each against its own daemon
  measure "CLI: version" "$RUNS" --warmup 2 --cmd "{cli} version" \
    --cmd-for "wharf=$REPO/bin/wharf -H $W_HOST version"
  measure "CLI: ps" "$RUNS" --warmup 2 --cmd "{cli} ps" --cmd-for "wharf=$REPO/bin/wharf -H $W_HOST ps"

  write_meta
  say "report"
  "$PY" "$REPO/bench/lib/report.py" --csv "$CSV" --meta "$RESULTS/$STAMP.meta" --png "$RESULTS/$STAMP.png" \
    --out "$REPO/BENCHMARKS.md"
  echo "results: $CSV, $RESULTS/$STAMP.png, $REPO/BENCHMARKS.md" >&2
}

write_meta() {
  local commit
  commit=$(git -C "$REPO" rev-parse --short HEAD)
  git -C "$REPO" diff --quiet HEAD -- . ':!bench' ':!BENCHMARKS.md' || commit="$commit (with uncommitted changes)"
  {
    echo "stamp=$STAMP"
    echo "command=bench/run.sh$([ $QUICK = 1 ] && echo ' --quick')"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs)"
    echo "kernel=$(uname -sr)"
    echo "memory=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "wharf=commit $commit; $(DOCKER_HOST=$W_HOST "$DOCKER" version -f 'server {{.Server.Version}}, API {{.Server.APIVersion}}')"
    echo "docker_cli=$("$DOCKER" --version)"
    echo "dockerd=$(dockerd --version)"
    echo "containerd=$(containerd --version)"
    echo "runc=$(runc --version | head -1)"
    echo "conmon=$(conmon --version | head -1)"
    echo "runs=$RUNS runs per figure, $HEAVY_RUNS for the heavy ones (builds, save/load, logs, 50 in parallel)"
  } >"$RESULTS/$STAMP.meta"
}

main "$@"
