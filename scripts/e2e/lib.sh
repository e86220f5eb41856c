# Shared helpers of the end-to-end scripts in scripts/e2e (sourced, not run).
#
# A script does:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   e2e_init NAME            # cd to the repository root, temp dir $E2E_TMP, cleanup on exit
#   e2e_need_packages P...   # install missing Debian packages (as root)
#   e2e_start_demo           # the project's demo on a free loopback port: $OCSP_PORT, $PKI
#   ... run the client, assert with e2e_fail "what" ...
#   e2e_pass "what was shown"
#
# Each script prints exactly one result line on standard output at the end:
#   e2e NAME: PASS (...)   or   e2e NAME: FAIL <what>
# and exits 0 on pass, 1 on fail. On failure the tails of the logs registered with e2e_log go to
# standard error first. E2E_VERBOSE=1 prints progress on standard error; E2E_KEEP=1 keeps the
# temporary directory (and says where it is).
#
# Every process a script starts is registered with e2e_track_pid (or e2e_track_pidfile for
# daemons that write their own pid file) and stopped by PID on exit: SIGTERM, then SIGKILL after
# a bounded wait. Nothing is stopped by name and no system service is touched.

set -euo pipefail

E2E_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_JAR="responder-http/target/ocsp-responder.jar"
E2E_NAME=e2e
E2E_TMP=
E2E_DONE=0
E2E_PIDS=()
E2E_PIDFILES=()
E2E_LOGS=()

e2e_log() { # register a log file whose tail is shown on failure
  E2E_LOGS+=("$1")
}

e2e_say() { # progress, on standard error when E2E_VERBOSE=1
  if [ "${E2E_VERBOSE:-0}" = 1 ]; then
    echo "[e2e $E2E_NAME] $*" >&2
  fi
}

e2e_init() {
  E2E_NAME="$1"
  cd "$E2E_ROOT"
  E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/e2e-$E2E_NAME.XXXXXX")"
  chmod 755 "$E2E_TMP"
  trap 'e2e_on_exit $?' EXIT
  trap 'E2E_SIGNAL=INT; exit 130' INT
  trap 'E2E_SIGNAL=TERM; exit 143' TERM
  trap 'E2E_SIGNAL=HUP; exit 129' HUP
  trap 'E2E_ERR_LINE=$LINENO; E2E_ERR_CMD=$BASH_COMMAND' ERR
}

e2e_pass() {
  E2E_DONE=1
  E2E_RESULT="e2e $E2E_NAME: PASS ($*)"
  exit 0
}

e2e_fail() {
  E2E_DONE=1
  E2E_RESULT="e2e $E2E_NAME: FAIL $*"
  e2e_dump_logs
  exit 1
}

e2e_dump_logs() {
  local f
  for f in "${E2E_LOGS[@]}"; do
    if [ -s "$f" ]; then
      echo "----- last lines of $f" >&2
      tail -n 25 "$f" >&2
    fi
  done
}

e2e_on_exit() {
  local rc="$1"
  trap - ERR
  trap '' INT TERM HUP # the cleanup runs to its end
  set +e
  if [ "$E2E_DONE" = 0 ] && [ -n "${E2E_SIGNAL:-}" ]; then
    E2E_RESULT="e2e $E2E_NAME: FAIL stopped by SIG$E2E_SIGNAL"
  elif [ "$E2E_DONE" = 0 ]; then
    E2E_RESULT="e2e $E2E_NAME: FAIL unexpected error (exit $rc) at line ${E2E_ERR_LINE:-?}: ${E2E_ERR_CMD:-?}"
    e2e_dump_logs
    [ "$rc" = 0 ] && rc=1
  fi
  e2e_stop_all
  if [ -n "$E2E_TMP" ] && [ -d "$E2E_TMP" ]; then
    if [ "${E2E_KEEP:-0}" = 1 ]; then
      echo "[e2e $E2E_NAME] kept $E2E_TMP" >&2
    else
      rm -rf "$E2E_TMP"
    fi
  fi
  echo "$E2E_RESULT"
  exit "$rc"
}

e2e_track_pid() {
  E2E_PIDS+=("$1")
}

e2e_track_pidfile() { # a daemon's own pid file; read at stop time
  E2E_PIDFILES+=("$1")
}

e2e_alive() {
  kill -0 "$1" 2>/dev/null
}

# Stops one PID: SIGTERM (or $2), waits up to $3 seconds (default 20), then SIGKILL.
e2e_stop_pid() {
  local pid="$1" sig="${2:-TERM}" limit="${3:-20}" i
  e2e_alive "$pid" || return 0
  kill -s "$sig" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < limit * 10; i++)); do
    e2e_alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  echo "[e2e $E2E_NAME] pid $pid did not stop in ${limit}s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  return 0
}

e2e_stop_all() {
  local i f pid
  # daemons first (they were started last), in reverse order
  for ((i = ${#E2E_PIDFILES[@]} - 1; i >= 0; i--)); do
    f="${E2E_PIDFILES[$i]}"
    if [ -s "$f" ]; then
      pid="$(head -n 1 "$f" | tr -dc 0-9)"
      [ -n "$pid" ] && e2e_stop_pid "$pid" TERM 15
    fi
  done
  for ((i = ${#E2E_PIDS[@]} - 1; i >= 0; i--)); do
    e2e_stop_pid "${E2E_PIDS[$i]}" TERM 30
  done
  # the demo stops its embedded PostgreSQL on SIGTERM; if it was killed instead, the postmaster
  # it started is still running: stop that one by the PID in its own pid file (fast shutdown)
  if [ -n "${PKI:-}" ] && [ -s "$PKI/pgdata/postmaster.pid" ]; then
    pid="$(head -n 1 "$PKI/pgdata/postmaster.pid" | tr -dc 0-9)"
    if [ -n "$pid" ] && e2e_alive "$pid"; then
      echo "[e2e $E2E_NAME] stopping the demo's PostgreSQL (pid $pid) left behind" >&2
      e2e_stop_pid "$pid" INT 15
    fi
  fi
}

# Installs the Debian packages given as COMMAND:PACKAGE pairs whose command is missing.
e2e_need_packages() {
  local pair cmd pkg missing=()
  for pair in "$@"; do
    cmd="${pair%%:*}"
    pkg="${pair#*:}"
    if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "$cmd" ]; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    e2e_fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  fi
  e2e_say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq "${missing[@]}" >"$E2E_TMP/apt.log" 2>&1; then
    { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >>"$E2E_TMP/apt.log" 2>&1 ||
      { e2e_log "$E2E_TMP/apt.log"; e2e_fail "cannot install ${missing[*]}"; }
  fi
}

# Builds the jar when it is missing or older than the sources (the rule of scripts/demo).
e2e_build_jar() {
  command -v java >/dev/null 2>&1 || e2e_fail "java not found; install a JDK 17 or newer"
  if [ ! -f "$E2E_JAR" ] || [ -n "$(find . -path ./demo -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
      -type f -newer "$E2E_JAR" -print -quit)" ]; then
    e2e_say "building $E2E_JAR"
    ./mvnw -q -B -DskipTests package -pl responder-http -am >"$E2E_TMP/build.log" 2>&1 ||
      { e2e_log "$E2E_TMP/build.log"; e2e_fail "cannot build $E2E_JAR"; }
  fi
}

e2e_port_free() {
  local p="$1"
  if command -v ss >/dev/null 2>&1; then
    # no socket in any state: a port an outgoing connection holds cannot be bound either
    [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]
  else
    python3 - "$p" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.close()
EOF
  fi
}

# Prints a free loopback TCP port P such that P+1 .. P+$1-1 are free too (default 1 port), below the
# kernel's ephemeral range, so no outgoing connection (the responder's own to its database) can take
# one of them between this check and the bind.
e2e_free_port() {
  local n="${1:-1}" p i ok tries lo hi
  read -r lo hi </proc/sys/net/ipv4/ip_local_port_range
  [ "$lo" -gt $((21000 + n)) ] || lo=32768
  for ((tries = 0; tries < 200; tries++)); do
    p=$((20000 + RANDOM % (lo - 20000 - n)))
    ok=1
    for ((i = 0; i < n; i++)); do
      e2e_port_free $((p + i)) || { ok=0; break; }
    done
    if [ "$ok" = 1 ]; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# Starts the project's demo in $E2E_TMP/pki on a free port: sets OCSP_PORT (OCSP, issuing CA at /,
# root at /root/), ADMIN_PORT (= OCSP_PORT+1, /readyz), PKI (the directory), CONFIG (responder.yaml),
# DEMO_PID. Waits (at most 90 s) until /readyz says ready.
e2e_start_demo() {
  e2e_build_jar
  OCSP_PORT="$(e2e_free_port 2)" || e2e_fail "no free port for the demo"
  ADMIN_PORT=$((OCSP_PORT + 1))
  PKI="$E2E_TMP/pki"
  CONFIG="$PKI/responder.yaml"
  mkdir -p "$PKI"
  e2e_log "$E2E_TMP/demo.log"
  e2e_say "starting the demo on 127.0.0.1:$OCSP_PORT"
  java -jar "$E2E_JAR" demo --dir "$PKI" --port "$OCSP_PORT" </dev/null >"$E2E_TMP/demo.log" 2>&1 &
  DEMO_PID=$!
  e2e_track_pid "$DEMO_PID"
  local deadline=$((SECONDS + 90)) body
  while :; do
    body="$(curl -s -m 2 "http://127.0.0.1:$ADMIN_PORT/readyz" 2>/dev/null || true)"
    [ "$body" = ready ] && break
    e2e_alive "$DEMO_PID" || e2e_fail "the demo exited before it was ready"
    [ "$SECONDS" -ge "$deadline" ] && e2e_fail "the demo was not ready within 90 s (readyz: ${body:-no answer})"
    sleep 0.5
  done
  # the PKI is read by servers that drop privileges (Apache's www-data children)
  chmod 755 "$PKI"
  chmod 644 "$PKI"/*.pem "$PKI"/*.key
  e2e_say "demo ready (pid $DEMO_PID)"
}

# Runs an admin command of the project against the running demo, e.g. e2e_admin revoke --cert F --reason R
e2e_admin() {
  local cmd="$1"
  shift
  java -jar "$E2E_JAR" "$cmd" --config "$CONFIG" "$@" >>"$E2E_TMP/admin.log" 2>&1 ||
    { e2e_log "$E2E_TMP/admin.log"; e2e_fail "admin command failed: $cmd $*"; }
}

# Runs "$@" until it succeeds, at most $1 seconds, every $2 seconds. Returns 1 on timeout.
e2e_retry() {
  local limit="$1" every="$2"
  shift 2
  local deadline=$((SECONDS + limit))
  while :; do
    "$@" && return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep "$every"
  done
}

# The output of openssl s_client -status against 127.0.0.1:$1 for SNI localhost (bounded: 10 s).
e2e_s_client_status() {
  timeout 10 openssl s_client -connect "127.0.0.1:$1" -servername localhost -status \
    -CAfile "$PKI/root-ca.pem" </dev/null 2>&1 || true
}

# True when the s_client output in $1 shows a stapled, successful, good response.
e2e_stapled_good() {
  grep -q "OCSP Response Status: successful" <<<"$1" && grep -q "Cert Status: good" <<<"$1"
}
