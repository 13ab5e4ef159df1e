#!/usr/bin/env bash
# bench/run.sh [--quick] [--only SECTION,...] [--no-podman]: Wharf side by side with Docker and
# Podman on this machine (issue 9).
#
# Starts a dockerd (Debian's docker.io, with its own containerd) and a wharfd, each on its own
# socket, data root and exec root under /var/lib/wharf-bench, and gives Podman (Debian's podman,
# daemonless) its own root, run root, tmp dir and config files there too; gives all three the same
# busybox image made offline; drives Wharf and Docker with the same docker CLI (DOCKER_HOST per
# daemon) and Podman with its own CLI, interleaving the engines run by run (bench/lib/measure.py;
# not hyperfine, which runs all of A before B). Baselines without an engine (raw `runc run`, the
# tar/gzip/sha256 floors, a server on the host) run in the same interleaving. Writes
# bench/results/<UTC>.csv, .meta (machine, versions), .png and BENCHMARKS.md (bench/lib/report.py,
# which can be re-run on a CSV and its .meta). Everything it started or made is removed on exit,
# whatever happens.
# Run as root, from anywhere. --quick: fewer runs and smaller sizes (under ~10 minutes).
# --only: just these sections (report to bench/results/<UTC>.md, not BENCHMARKS.md):
#   mem run create ps exec stop build load pull push logs port parallel cli
# --no-podman: Wharf and Docker only.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0 ONLY="" PODMAN=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --only) ONLY=${2:?--only needs a list of sections}; shift ;;
    --only=*) ONLY=${1#--only=} ;;
    --no-podman) PODMAN=0 ;;
    *) echo "usage: bench/run.sh [--quick] [--only SECTION,...] [--no-podman]" >&2; exit 2 ;;
  esac
  shift
done
if [ $QUICK = 1 ]; then
  RUNS=10 HEAVY_RUNS=3 LOG_MB=20 BIG_MB=32 PS_N=100 PAR_N=50 REG_MB=100 PORT_MB=1024 PAR_WARMUP=0
else
  RUNS=20 HEAVY_RUNS=10 LOG_MB=100 BIG_MB=100 PS_N=100 PAR_N=50 REG_MB=100 PORT_MB=1024 PAR_WARMUP=1
fi
section() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }

BENCH=/var/lib/wharf-bench
SOCKS=/run/wharf-bench
D_DATA=$BENCH/docker D_EXEC=$BENCH/docker-exec D_PID=$BENCH/dockerd.pid
W_DATA=$BENCH/wharf W_EXEC=$BENCH/wharf-exec
P_DIR=$BENCH/podman
REG_DATA=$BENCH/registry-data
D_HOST=unix://$SOCKS/docker.sock W_HOST=unix://$SOCKS/wharf.sock
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$REPO/bench/results
CSV=$RESULTS/$STAMP.csv
LOGS=/tmp/wharf-bench-logs-$STAMP
export DOCKER_BUILDKIT=0 DOCKER_CLI_HINTS=false
JDK=/usr/lib/jvm/temurin-25-jdk-amd64

say() { printf '\n== [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; } # elapsed time

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
  [ $PODMAN = 0 ] || command -v podman >/dev/null || want+=(podman)
  command -v docker-registry >/dev/null || want+=(docker-registry)
  command -v curl >/dev/null || want+=(curl)
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
# what Podman's netavark and cgroupfs manager leave behind, if it was not there before us
NETAVARK_BEFORE=$( (iptables -S; iptables -t nat -S) 2>/dev/null | grep -c NETAVARK || true)
PODMAN0_BEFORE=$(ip link show podman0 >/dev/null 2>&1 && echo 1 || echo 0)
LIBPOD_CG_BEFORE=$( (ls -d /sys/fs/cgroup/libpod_parent /sys/fs/cgroup/*/libpod_parent 2>/dev/null || true) | wc -l)
NETNS_BEFORE=$( (ls /run/netns 2>/dev/null || true) | tr '\n' ' ')
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
    tr '\0' ' ' 2>/dev/null <"$p/cmdline" | grep -qE "$BENCH|$SOCKS" && echo "${p#/proc/}"
  done
  return 0
}
container_pids() { # processes whose root filesystem is mounted from the bench directories
  local p
  for p in /proc/[0-9]*; do
    awk -v b="$BENCH" '$5 == "/" && index($0, b) { f = 1 } END { exit !f }' "$p/mountinfo" 2>/dev/null \
      && echo "${p#/proc/}"
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
  [ -d "$P_DIR/root" ] && timeout 180 "${POD[@]}" rm -af -t 0 >>"$LOGS/cleanup.log" 2>&1
  [ -f "$W_EXEC/wharfd.pid" ] && stop_pid "$(cat "$W_EXEC/wharfd.pid")"
  [ -n "${WHARFD_PID:-}" ] && stop_pid "$WHARFD_PID"
  [ -f "$D_PID" ] && stop_pid "$(cat "$D_PID")"
  [ -n "${DOCKERD_PID:-}" ] && stop_pid "$DOCKERD_PID"
  [ -n "${REG_PID:-}" ] && stop_pid "$REG_PID"
  [ -n "${DIRECT_PID:-}" ] && stop_pid "$DIRECT_PID"
  for pid in $(bench_pids); do kill -KILL "$pid" 2>/dev/null; done  # shims, conmons, containerd
  for pid in $(container_pids); do kill -KILL "$pid" 2>/dev/null; done # what they left running
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
  if [ "$NETAVARK_BEFORE" = 0 ]; then
    remove_chains nat 'NETAVARK[A-Z0-9_-]*' 'netavark'
    remove_chains filter 'NETAVARK[A-Z0-9_-]*' 'netavark'
  fi
  [ "$PODMAN0_BEFORE" = 0 ] && ip link del podman0 2>/dev/null
  for ns in $(ls /run/netns 2>/dev/null); do # netavark's namespaces of our Podman containers
    case " $NETNS_BEFORE " in *" $ns "*) ;; *) case $ns in netns-*) umount "/run/netns/$ns"; rm -f "/run/netns/$ns" ;; esac ;; esac
  done
  if [ "$LIBPOD_CG_BEFORE" = 0 ]; then
    find /sys/fs/cgroup/libpod_parent /sys/fs/cgroup/*/libpod_parent -depth -type d -exec rmdir {} \; 2>/dev/null
  fi
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
# Podman: no daemon; its storage, run state, locks, networks and config under $P_DIR
pod() { "${POD[@]}" "$@"; }
setup_podman() {
  mkdir -p "$P_DIR"/{root,run,tmp,net,volumes}
  local nofile nproc
  nofile=$(ulimit -Hn) nproc=$(ulimit -Hu)
  # podman lowers its own RLIMIT_NPROC to 32768 before it starts runc, and asks for more than the
  # hard limits it has when there is no CAP_SYS_RESOURCE (as in this VM): ask for what it has
  [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
  [ "$nofile" = unlimited ] && nofile=1048576
  cat >"$P_DIR/containers.conf" <<EOF
[containers]
log_driver = "k8s-file"
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
lock_type = "file"
runtime = "runc"
tmp_dir = "$P_DIR/tmp"
volume_path = "$P_DIR/volumes"
[network]
network_config_dir = "$P_DIR/net"
EOF
  cat >"$P_DIR/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$P_DIR/root"
runroot = "$P_DIR/run"
EOF
  cat >"$P_DIR/registries.conf" <<EOF
unqualified-search-registries = []
short-name-mode = "disabled"
[[registry]]
location = "127.0.0.1:$REG_PORT"
insecure = true
EOF
  export CONTAINERS_CONF=$P_DIR/containers.conf CONTAINERS_STORAGE_CONF=$P_DIR/storage.conf
  export CONTAINERS_REGISTRIES_CONF=$P_DIR/registries.conf
  POD=(podman --root "$P_DIR/root" --runroot "$P_DIR/run" --storage-driver overlay
    --cgroup-manager cgroupfs --events-backend file --tmpdir "$P_DIR/tmp"
    --network-config-dir "$P_DIR/net" --runtime runc)
  POD_CLI="${POD[*]}"
}
on_both() { # ARGS...: the docker CLI with ARGS against each daemon, and podman with ARGS
  local h
  for h in "$W_HOST" "$D_HOST"; do DOCKER_HOST=$h "$DOCKER" "$@"; done
  [ $PODMAN = 0 ] || pod "$@"
}
each_engine() { # FUNCTION ARGS...: FUNCTION with $CLI set to each engine's CLI
  local h
  for h in "$W_HOST" "$D_HOST"; do DOCKER_HOST=$h CLI=$DOCKER "$@"; done
  [ $PODMAN = 0 ] || CLI=$POD_CLI "$@"
}
rm_all() { # on every engine: every container
  local h ids
  for h in "$W_HOST" "$D_HOST"; do
    ids=$(DOCKER_HOST=$h "$DOCKER" ps -aq)
    [ -z "$ids" ] || DOCKER_HOST=$h "$DOCKER" rm -f $ids >/dev/null
  done
  [ $PODMAN = 0 ] || pod rm -af -t 0 >/dev/null
}
free_port() { # a TCP port nobody listens on, on loopback
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}
start_registry() { # Debian's docker-registry (distribution 2.8), filesystem storage, no cache
  REG_PORT=$(free_port)
  mkdir -p "$REG_DATA"
  cat >"$BENCH/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REG_DATA
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REG_PORT
EOF
  say "starting docker-registry on 127.0.0.1:$REG_PORT"
  docker-registry serve "$BENCH/registry.yml" >"$LOGS/registry.log" 2>&1 &
  REG_PID=$!
  local i
  for i in $(seq 100); do curl -sf "http://127.0.0.1:$REG_PORT/v2/" >/dev/null && return 0; sleep 0.1; done
  echo "docker-registry did not answer on 127.0.0.1:$REG_PORT (log: $LOGS/registry.log)" >&2; return 1
}

# --- measuring ----------------------------------------------------------------------------
measure() { # FIGURE RUNS [measure.py options...]; NOPOD=REASON: Podman's figure is n/a (REASON)
  local fig=$1 runs=$2 pod=(); shift 2
  say "$fig"
  if [ $PODMAN = 1 ] && [ -z "${NOPOD:-}" ]; then
    pod=(--engine podman= --cli-for "podman=$POD_CLI")
  fi
  "$PY" "$REPO/bench/lib/measure.py" --figure "$fig" --csv "$CSV" --cli "$DOCKER" \
    --engine "wharf=$W_HOST" --engine "docker=$D_HOST" "${pod[@]}" --runs "$runs" "$@"
  [ $PODMAN = 0 ] || [ -z "${NOPOD:-}" ] || not_applicable "$fig" podman "$NOPOD"
}
record() { # FIGURE ENGINE VALUE UNIT: a figure measured once (min = median = max)
  echo "\"$1\",$2,$3,$3,$3,$4,1" >>"$CSV"
  echo "[$1] $2: $3 $4" >&2
}
not_applicable() { # FIGURE ENGINE REASON: the row says n/a, the unit column the reason
  echo "\"$1\",$2,n/a,n/a,n/a,\"$3\",0" >>"$CSV"
  echo "[$1] $2: n/a ($3)" >&2
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
    tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -qE "^(containerd|/usr/bin/containerd)" && echo "$p"
  done
  return 0
}
conmons() { # PATTERN: the conmons whose command line names PATTERN
  for p in $(bench_pids); do
    tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -qE "^(/usr/bin/)?conmon .*$1" && echo "$p"
  done
  return 0
}
wharf_pids() { # wharfd (the JVM) and the conmons of its containers
  echo "$WHARFD_PID"
  pgrep -P "$WHARFD_PID" || true
  conmons "$W_DATA|$W_EXEC"
}
memory() { # LABEL
  local dp wp pp
  dp=$(docker_pids | sort -u) wp=$(wharf_pids | sort -u) pp=$(conmons "$P_DIR" | sort -u)
  record "daemon RSS, $1" wharf "$(mem_of rss $wp)" MB
  record "daemon RSS, $1" docker "$(mem_of rss $dp)" MB
  record "daemon PSS, $1" wharf "$(mem_of pss $wp)" MB
  record "daemon PSS, $1" docker "$(mem_of pss $dp)" MB
  if [ $PODMAN = 1 ]; then # no daemon: its conmons (none when idle)
    if [ -z "$pp" ]; then
      not_applicable "daemon RSS, $1" podman "no daemon"
      not_applicable "daemon PSS, $1" podman "no daemon"
    else
      record "daemon RSS, $1" podman "$(mem_of rss $pp)" MB
      record "daemon PSS, $1" podman "$(mem_of pss $pp)" MB
    fi
  fi
}
start_parallel() { # N: `run -d` N sleepers at once with $CLI (against $DOCKER_HOST)
  local i pids=()
  for i in $(seq "$1"); do $CLI run -d busybox sleep 600 >/dev/null & pids+=($!); done
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
  REG_PORT=0
  if section pull || section push; then start_registry; fi
  [ $PODMAN = 0 ] || setup_podman

  say "busybox image (made offline from busybox-static) into every engine"
  "$REPO/examples/busybox-rootfs.sh" >"$BENCH/busybox.tar"
  on_both import -c 'CMD ["sh"]' "$BENCH/busybox.tar" busybox:latest >/dev/null 2>>"$LOGS/setup.log"
  if section mem; then
    sleep 2
    memory idle
  fi

  # --- containers; raw `runc run` of a prepared busybox bundle (new namespaces, `true`) alongside
  if section run; then
    local bundle=$BENCH/runc-bundle
    mkdir -p "$bundle/rootfs"
    tar -xf "$BENCH/busybox.tar" -C "$bundle/rootfs"
    (cd "$bundle" && runc spec)
    "$PY" - "$bundle/config.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["true"]
json.dump(c, open(sys.argv[1], "w"))
EOF
    local runc_run="runc --root $BENCH/runc-state run --bundle $bundle bench-runc{name}"
    measure "run --rm busybox true" "$RUNS" --warmup 2 --cmd "{cli} run --rm busybox true" \
      --engine runc= --cmd-for "runc=$runc_run"
    measure "run --rm --network none busybox true" "$RUNS" --warmup 2 \
      --cmd "{cli} run --rm --network none busybox true" --engine runc= --cmd-for "runc=$runc_run"
  fi
  if section create; then
    measure "create" "$RUNS" --cmd "{cli} create --name bench-cs{name} busybox true" \
      --cleanup "{cli} rm -f bench-cs{name}"
    measure "start" "$RUNS" --prepare "{cli} create --name bench-cs{name} busybox true" \
      --cmd "{cli} start bench-cs{name}" --cleanup "{cli} rm -f bench-cs{name}"
  fi
  if section ps; then
    measure "ps -a, 0 containers" "$RUNS" --warmup 2 --cmd "{cli} ps -a"
    say "creating $PS_N containers in each engine"
    for i in $(seq "$PS_N"); do on_both create busybox true >/dev/null; done
    measure "ps -a, $PS_N containers" "$RUNS" --warmup 2 --cmd "{cli} ps -a"
    rm_all
  fi
  if section exec; then
    on_both run -d --name bench-exec busybox sleep 3600 >/dev/null
    measure "exec true" "$RUNS" --warmup 2 --cmd "{cli} exec bench-exec true"
    rm_all
  fi
  if section stop; then
    measure "stop (SIGTERM handled)" "$RUNS" \
      --prepare "{cli} run -d --name bench-stop{name} busybox sh -c 'trap \"exit 0\" TERM; sleep 3600 & wait'" \
      --cmd "{cli} stop bench-stop{name}" --cleanup "{cli} rm -f bench-stop{name}"
  fi

  # --- builds (classic builder; Podman's buildah), a 10-step Dockerfile
  if section build; then
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
  fi

  # --- images: a busybox + one layer of random data, built the same way in each engine. Floor:
  # the same files through tar, sha256 and tar -x (what save | load must do at least)
  if section load; then
    local big=$BENCH/big x=$BENCH/floor-x
    mkdir -p "$big" "$BENCH/floor-src"
    head -c $((BIG_MB * 1048576)) /dev/urandom >"$big/random.bin"
    printf 'FROM busybox\nCOPY random.bin /random.bin\n' >"$big/Dockerfile"
    on_both build -q -t bench-big "$big" >/dev/null
    DOCKER_HOST=$W_HOST "$DOCKER" save -o "$BENCH/big-wharf.tar" bench-big
    DOCKER_HOST=$D_HOST "$DOCKER" save -o "$BENCH/big-docker.tar" bench-big
    [ $PODMAN = 0 ] || pod save -o "$BENCH/big-podman.tar" bench-big >/dev/null
    tar -xf "$BENCH/busybox.tar" -C "$BENCH/floor-src"
    cp "$big/random.bin" "$BENCH/floor-src/"
    measure "save | load, ${BIG_MB} MB image" "$HEAVY_RUNS" --cmd "{cli} save bench-big | {cli} load -q" \
      --engine floor= --prepare-for "floor=mkdir -p $x && rm -f $BENCH/fifo && mkfifo $BENCH/fifo" \
      --cmd-for "floor=sha256sum $BENCH/fifo >/dev/null & tar -cf - -C $BENCH/floor-src . | tee $BENCH/fifo | tar -xf - -C $x; wait" \
      --cleanup-for "floor=rm -rf $x $BENCH/fifo"
    measure "load of a new ${BIG_MB} MB image" "$HEAVY_RUNS" \
      --prepare "{cli} rmi -f bench-big" --cmd "{cli} load -q -i $BENCH/big-{engine}.tar"
  fi

  # --- registry: one image of two layers (busybox + marker, REG_MB of random data), loaded from
  # the same archive into each engine; push to an emptied registry, pull after removing the image
  if section pull || section push; then
    local img=127.0.0.1:$REG_PORT/bench-reg:latest x=$BENCH/floor-x
    say "a two-layer ${REG_MB} MB image into every engine"
    "$PY" "$REPO/bench/lib/mkimage.py" --base "$BENCH/busybox.tar" --mb "$REG_MB" --tag bench-reg:latest \
      --out "$BENCH/reg.tar" --layers-dir "$BENCH/reg-layers"
    on_both load -q -i "$BENCH/reg.tar" >/dev/null
    on_both tag bench-reg:latest "$img"
    on_both rmi bench-reg:latest >/dev/null
    if section push; then
      # the registry is emptied before each run; a push after which it holds less than 90% of the
      # image's bytes fails the figure (the layers must have been uploaded)
      measure "push, ${REG_MB} MB two-layer image" "$HEAVY_RUNS" --prepare "rm -rf $REG_DATA/docker" \
        --cmd "{cli} push -q $img && test \$(du -sm $REG_DATA | cut -f1) -ge $((REG_MB * 9 / 10))"
    fi
    if section pull; then
      rm -rf "$REG_DATA/docker"
      DOCKER_HOST=$D_HOST "$DOCKER" push -q "$img" >/dev/null # the registry holds what Docker pushed
      mkdir -p "$BENCH/floor-blobs"
      local d n=0
      for d in $(curl -sf -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
          "http://127.0.0.1:$REG_PORT/v2/bench-reg/manifests/latest" \
          | "$PY" -c 'import json,sys; print(" ".join(l["digest"][7:] for l in json.load(sys.stdin)["layers"]))'); do
        n=$((n + 1))
        cp "$REG_DATA/docker/registry/v2/blobs/sha256/${d:0:2}/$d/data" "$BENCH/floor-blobs/$n.tar.gz"
      done
      # removed by ID: after a pull, `rmi NAME:TAG` leaves the image under its repo digest in Wharf
      measure "pull, ${REG_MB} MB two-layer image" "$HEAVY_RUNS" \
        --prepare "{cli} rmi -f \$({cli} images -q ${img%:latest} | sort -u)" \
        --cmd "{cli} pull -q $img" --engine floor= --prepare-for "floor=mkdir -p $x" \
        --cmd-for "floor=for b in $BENCH/floor-blobs/*; do sha256sum \$b >/dev/null & gunzip -c \$b | tar -xf - -C $x; done; wait" \
        --cleanup-for "floor=rm -rf $x"
    fi
  fi

  # --- logs: one container that wrote LOG_MB of 64-byte lines
  if section logs; then
    on_both run -d --name bench-logs busybox sh -c \
      "yes 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde | head -c $((LOG_MB * 1048576))" >/dev/null
    on_both wait bench-logs >/dev/null
    measure "logs read throughput, ${LOG_MB} MB" "$HEAVY_RUNS" --unit MB/s --per-run "$LOG_MB" \
      --cmd "{cli} logs bench-logs"
    rm_all
  fi

  # --- published port: busybox httpd serving a sparse PORT_MB file from a bind mount, fetched by
  # curl on the host through -p 127.0.0.1:PORT:80; "direct": the same httpd binary on the host
  if section port; then
    local www=$BENCH/www e
    mkdir -p "$www"
    truncate -s "${PORT_MB}M" "$www/big"
    export PORT_direct PORT_wharf PORT_docker PORT_podman
    PORT_direct=$(free_port) PORT_wharf=$(free_port) PORT_docker=$(free_port) PORT_podman=$(free_port)
    /bin/busybox httpd -f -p "127.0.0.1:$PORT_direct" -h "$www" &
    DIRECT_PID=$!
    DOCKER_HOST=$W_HOST "$DOCKER" run -d --name bench-http -p "127.0.0.1:$PORT_wharf:80" -v "$www:/www:ro" \
      busybox httpd -f -p 80 -h /www >/dev/null
    DOCKER_HOST=$D_HOST "$DOCKER" run -d --name bench-http -p "127.0.0.1:$PORT_docker:80" -v "$www:/www:ro" \
      busybox httpd -f -p 80 -h /www >/dev/null
    [ $PODMAN = 0 ] || pod run -d --name bench-http -p "127.0.0.1:$PORT_podman:80" -v "$www:/www:ro" \
      busybox httpd -f -p 80 -h /www >/dev/null
    for e in direct wharf docker $([ $PODMAN = 1 ] && echo podman); do
      local port_var=PORT_$e i
      for i in $(seq 100); do
        curl -sf -r 0-0 -o /dev/null "http://127.0.0.1:${!port_var}/big" && break
        sleep 0.1
      done
    done
    measure "published-port throughput, ${PORT_MB} MB" "$HEAVY_RUNS" --unit MB/s --per-run "$PORT_MB" \
      --cmd "curl -sf -o /dev/null http://127.0.0.1:\$PORT_{engine}/big" --engine direct=
    rm_all
  fi

  # --- 50 at once, then memory with 50 running
  if section parallel; then
    measure "start of $PAR_N containers in parallel" "$HEAVY_RUNS" --warmup "$PAR_WARMUP" \
      --cmd "for i in \$(seq $PAR_N); do {cli} run -d busybox sleep 600 >/dev/null & done; wait; test \$({cli} ps -q | wc -l) = $PAR_N" \
      --cleanup "{cli} rm -f \$({cli} ps -aq)" --cleanup-for "podman={cli} rm -f -t 0 \$({cli} ps -aq)"
    # the daemons' memory grows over the run (builds, pulls, the figure above): the per-container
    # overhead is taken against this reading, just before the 50, not against the idle one
    sleep 2
    memory "none running, before the $PAR_N"
    each_engine start_parallel "$PAR_N"
    sleep 3
    memory "$PAR_N running"
    rm_all
  fi

  # --- the CLIs themselves, each against its own daemon (Podman: its CLI, no daemon)
  if section cli; then
    measure "CLI: version" "$RUNS" --warmup 2 --cmd "{cli} version" \
      --cmd-for "wharf=$REPO/bin/wharf -H $W_HOST version"
    measure "CLI: ps" "$RUNS" --warmup 2 --cmd "{cli} ps" --cmd-for "wharf=$REPO/bin/wharf -H $W_HOST ps"
  fi

  write_meta
  say "report"
  local out=$REPO/BENCHMARKS.md
  [ -z "$ONLY" ] || out=$RESULTS/$STAMP.md # a subset does not replace the full table
  "$PY" "$REPO/bench/lib/report.py" --csv "$CSV" --meta "$RESULTS/$STAMP.meta" --png "$RESULTS/$STAMP.png" \
    --out "$out"
  echo "results: $CSV, $RESULTS/$STAMP.png, $out ($((SECONDS / 60)) min $((SECONDS % 60)) s)" >&2
}

write_meta() {
  local commit
  commit=$(git -C "$REPO" rev-parse --short HEAD)
  git -C "$REPO" diff --quiet HEAD -- . ':!bench' ':!BENCHMARKS.md' || commit="$commit (with uncommitted changes)"
  {
    echo "stamp=$STAMP"
    echo "command=bench/run.sh$([ $QUICK = 1 ] && echo ' --quick')$([ -n "$ONLY" ] && echo " --only $ONLY")$([ $PODMAN = 0 ] && echo ' --no-podman')"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs)"
    echo "kernel=$(uname -sr)"
    echo "memory=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "wharf=commit $commit; $(DOCKER_HOST=$W_HOST "$DOCKER" version -f 'server {{.Server.Version}}, API {{.Server.APIVersion}}')"
    echo "docker_cli=$("$DOCKER" --version)"
    echo "dockerd=$(dockerd --version)"
    echo "containerd=$(containerd --version)"
    echo "runc=$(runc --version | head -1)"
    echo "conmon=$(conmon --version | head -1)"
    [ $PODMAN = 0 ] || echo "podman=$(podman --version) (runtime runc, storage overlay, cgroupfs, netavark)"
    command -v docker-registry >/dev/null && echo "registry=docker-registry $(dpkg-query -W -f '${Version}' docker-registry 2>/dev/null) (Debian), filesystem storage, 127.0.0.1"
    echo "runs=$RUNS runs per figure, $HEAVY_RUNS for the heavy ones (builds, save/load, pull, push, logs, published port, 50 in parallel$([ "$PAR_WARMUP" = 0 ] && echo ', which has no warm-up run'))"
    echo "sizes=save/load ${BIG_MB} MB, pull/push ${REG_MB} MB, logs ${LOG_MB} MB, published port ${PORT_MB} MB"
    [ -z "$ONLY" ] || echo "only=$ONLY"
  } >"$RESULTS/$STAMP.meta"
}

main "$@"
